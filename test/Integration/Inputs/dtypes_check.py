"""Inputs and expected outputs of test/Integration/dtypes.mlir.

  dtypes_check.py gen DIR     writes the inputs DIR/in<I>.npy
  dtypes_check.py check DIR   compares DIR/out<K>.npy with torch's clone and
                              copy_ of the inputs (bits), one line per output

f64, i16 and u8 go through .npy both ways (clone: the same bits back) and
through copy_ casts, whose expected values are torch's rules written
independently of the kernels: f64 -> f32 is C's cast (struct's "f" packs
with round-to-nearest-even), f64 -> u8 truncates toward zero to an int64
and keeps the low byte (c10/util/TypeCast.h), f64 -> i16 truncates and
saturates beyond the range (fxir's rule where C++ leaves it undefined:
CUDA's answer), int -> int wraps, u8 -> f64 is exact.  The packed f4e2m1fnx2
clones byte for byte.  No numpy: struct reads and writes the files.
"""
import math
import struct
import sys

FMT = {"<f8": "d", "<f4": "f", "<i2": "h", "|u1": "B", "|i1": "b"}

F64 = [1.5, -1.5, 300.7, -0.0, 1 + 2.0**-24, 1 + 3 * 2.0**-24, 2.0**-140,
       -255.9, 70000.25, 1e-300]
U8 = [0, 1, 128, 200, 255]
I16 = [-32768, -1, 300, 32767, 255]
F4X2 = list(range(0, 256, 17))  # bytes; two fp4 values each

# (descr, shape, values) of each input, in argument order.
INPUTS = [("<f8", (len(F64),), F64), ("|u1", (len(U8),), U8),
          ("<i2", (len(I16),), I16), ("|u1", (3, len(F4X2) // 3), F4X2[:15])]


def trunc_u8(v):
    return int(math.trunc(v)) & 0xFF


def trunc_i16(v):
    return max(-32768, min(32767, int(math.trunc(v))))


def wrap(v, bits, signed):
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >> (bits - 1) else v


# (label, descr, input index, expected value of one element)
OUTPUTS = [
    ("f64 clone", "<f8", 0, lambda v: v),
    ("u8 clone", "|u1", 1, lambda v: v),
    ("i16 clone", "<i2", 2, lambda v: v),
    ("f4e2m1fnx2 clone", "|u1", 3, lambda v: v),
    ("f64 -> f32", "<f4", 0, lambda v: v),
    ("f64 -> u8", "|u1", 0, trunc_u8),
    ("f64 -> i16", "<i2", 0, trunc_i16),
    ("u8 -> f64", "<f8", 1, float),
    ("u8 -> i8", "|i1", 1, lambda v: wrap(v, 8, True)),
    ("i16 -> u8", "|u1", 2, lambda v: wrap(v, 8, False)),
    ("i16 -> f64", "<f8", 2, float),
]


def write_npy(path, descr, shape, values):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % d for d in shape))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    data = b"".join(struct.pack("<" + FMT[descr], v) for v in values)
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) +
                header.encode() + data)


def read_npy(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<H", raw[8:10])[0]
    header = raw[10:10 + n].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape = tuple(int(x) for x in header.split("'shape': (")[1].split(")")[0].split(",") if x.strip())
    size = struct.calcsize(FMT[descr])
    body = raw[10 + n:]
    return descr, shape, [body[i:i + size] for i in range(0, len(body), size)]


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        for i, (descr, shape, values) in enumerate(INPUTS):
            write_npy("%s/in%d.npy" % (d, i), descr, shape, values)
        return
    for k, (label, descr, i, rule) in enumerate(OUTPUTS):
        got_descr, got_shape, got = read_npy("%s/out%d.npy" % (d, k))
        src_descr, src_shape, src = INPUTS[i]
        bad = 0 if (got_descr, got_shape) == (descr, src_shape) else 1
        for g, v in zip(got, src) if not bad else []:
            bad += g != struct.pack("<" + FMT[descr], rule(v))
        print("out%d %s: %s %s, %d mismatches" % (k, label, got_descr, got_shape, bad))


main()
