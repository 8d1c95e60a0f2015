"""Inputs and the expected outputs of test/Integration/aten-views.mlir.

  views_check.py gen DIR     writes the inputs DIR/in0.npy, DIR/in1.npy
  views_check.py check DIR   compares DIR/out<K>.npy with torch's view ops
                             of the inputs (bits), one line per output

Each view's element [i...] is computed here from torch's definition of the
op (the index of the input element it shows), independently of strides:
t / transpose swap two indices, permute reorders them, unsqueeze and
squeeze add and drop a size-1 index, expand repeats along new and size-1
dims, select fixes one index.  Some inputs are views of views (a slice,
then t), so strides and offsets other than contiguous ones are covered.
No numpy: .npy files are read and written with struct.
"""
import itertools
import struct
import sys

X = (3, 4)        # input 0
Y = (2, 3, 4)     # input 1


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def write_npy(path, shape, values):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % (
        "".join("%d, " % s for s in shape) if len(shape) != 1 else "%d," % shape[0])
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%df" % len(values), *values))


def read_npy(path):
    data = open(path, "rb").read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode()
    shape = tuple(int(t) for t in header.split("(")[1].split(")")[0].split(",") if t.strip())
    body = data[10 + hlen:]
    return shape, list(struct.unpack("<%dI" % (len(body) // 4), body))


def bits(values):
    return list(struct.unpack("<%dI" % len(values), struct.pack("<%df" % len(values), *values)))


def at(shape, flat, idx):
    k = 0
    for s, i in zip(shape, idx):
        k = k * s + i
    return flat[k]


def view(shape, flat, out_shape, source):
    """The row-major values of a view: element idx shows input source(idx)."""
    return [at(shape, flat, source(idx)) for idx in itertools.product(*map(range, out_shape))]


def expected(x, y):
    xs = x[:]                               # [3, 4]
    rows = [xs[4 * r + c] for r in range(1, 3) for c in range(4)]  # x[1:3] [2, 4]
    return [
        ((4, 3), view(X, x, (4, 3), lambda i: (i[1], i[0]))),                  # t(x)
        ((4, 2, 3), view(Y, y, (4, 2, 3), lambda i: (i[1], i[2], i[0]))),      # permute(y, [2, 0, 1])
        ((3, 1, 4), view(X, x, (3, 1, 4), lambda i: (i[0], i[2]))),            # unsqueeze(x, 1)
        ((2, 3, 4), view(X, x, (2, 3, 4), lambda i: (i[1], i[2]))),            # expand(x, [2, -1, 4])
        ((2, 4), view(Y, y, (2, 4), lambda i: (i[0], 2, i[1]))),               # select(y, 1, -1)
        ((4, 3, 2), view(Y, y, (4, 3, 2), lambda i: (i[2], i[1], i[0]))),      # transpose(y, 0, -1)
        ((4, 2), view((2, 4), rows, (4, 2), lambda i: (i[1], i[0]))),          # t(x[1:3])
        ((3, 4), view(X, x, (3, 4), lambda i: i)),                             # squeeze(unsqueeze(x, 0), 0)
        ((4, 2, 3), view((2, 4), rows, (4, 2, 3), lambda i: (i[1], i[0]))),    # expand(unsqueeze(t(rows), 2), [4, 2, 3])
    ]


def inputs():
    x = [0.5 * k - 2.0 for k in range(numel(X))]
    y = [100.0 + 0.25 * k for k in range(numel(Y))]
    return x, y


if __name__ == "__main__":
    mode, d = sys.argv[1], sys.argv[2]
    x, y = inputs()
    if mode == "gen":
        write_npy(d + "/in0.npy", X, x)
        write_npy(d + "/in1.npy", Y, y)
        sys.exit(0)
    bad = 0
    for k, (shape, values) in enumerate(expected(x, y)):
        got_shape, got = read_npy("%s/out%d.npy" % (d, k))
        ok = got_shape == shape and got == bits(values)
        bad += not ok
        print("out%d: %s" % (k, "matches torch" if ok else "DIFFERS: shape %s, want %s" % (got_shape, shape)))
    sys.exit(1 if bad else 0)
