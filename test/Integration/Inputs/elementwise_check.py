"""Inputs and the expected outputs of test/Integration/elementwise.mlir.

  elementwise_check.py gen DIR     writes the inputs DIR/in0.npy .. in3.npy
  elementwise_check.py check DIR   compares DIR/out<K>.npy with torch's
                                   definitions, one line per output

The values are computed here from torch's rules, independently of fxir:
the common dtype of each op (type promotion), inputs cast to it, fp32
arithmetic as one double operation rounded to fp32 (exact in IEEE), f16
results rounded once from fp32 (struct's 'e' rounds to nearest even), int
division as true division, float-to-int as truncation.  Arithmetic,
comparisons, selections, conversions and fills must match bit for bit;
exp, log, sigmoid and silu (libm in fxir, SLEEF in torch) within 4 ulp
(f32) or 1 ulp (f16) of the correctly rounded value.  No numpy: .npy
files are read and written with struct (reduce_check.py uses the same
helpers).
"""
import math
import struct
import sys

X = (8, 4)   # input 0, f32; the graph uses its transpose [4, 8]
Y = (8,)     # input 1, f32
IDS = (4,)   # input 2, i64
H = (4, 8)   # input 3, f16
FMT = {"<f4": "f", "<f2": "e", "<i8": "q", "|b1": "?"}


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def write_npy(path, descr, shape, values):
    dims = "".join("%d, " % s for s in shape) if len(shape) != 1 else "%d," % shape[0]
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, dims)
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%d%s" % (len(values), FMT[descr]), *values))


def read_npy(path):
    data = open(path, "rb").read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape = tuple(int(t) for t in header.split("(")[1].split(")")[0].split(",") if t.strip())
    n = numel(shape)
    return descr, shape, list(struct.unpack("<%d%s" % (n, FMT[descr]), data[10 + hlen:]))


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def f16(v):
    if math.isinf(v) or math.isnan(v):
        return v
    try:
        return struct.unpack("<e", struct.pack("<e", v))[0]
    except OverflowError:
        return math.copysign(math.inf, v)


def inputs():
    x = [(i * 7 % 23 - 11) / 8 for i in range(numel(X))]
    y = [(j - 3.5) / 4 for j in range(numel(Y))]
    ids = [0, 1, 2, 5]
    h = [f16((k * 5 % 19 - 9) / 4 + k / 64) for k in range(numel(H))]
    return x, y, ids, h


def expected():
    x, y, ids, h = inputs()
    R, C = H
    xt = [x[c * X[1] + r] for r in range(R) for c in range(C)]  # t(x), row-major [4, 8]
    yb = [y[c] for r in range(R) for c in range(C)]             # y broadcast to [4, 8]
    ib = [ids[r] for r in range(R) for c in range(C)]           # ids[:, None] broadcast
    a = [f32(p + f32(2 * q)) for p, q in zip(xt, yb)]
    m = [f32(f32(p - q) * 0.5) for p, q in zip(a, xt)]
    dv = [f32(f32(i) / q) for i, q in zip(ib, yb)]
    p1 = [f32(f32(v * v) + 1.0) for v in xt]
    rs = [f32(1 / f32(math.sqrt(v))) for v in p1]
    both = [v > 0.25 and i < 2 for v, i in zip(xt, ib)]
    mf = [-math.inf if not b else v for b, v in zip(both, h)]
    wh = [p if b else q for b, p, q in zip(both, xt, yb)]
    silu = [f16(v / (1 + math.exp(-v))) for v in h]
    sig = [f32(1 / (1 + math.exp(-v))) for v in xt]
    ex = [f32(math.exp(v)) for v in xt]
    lg = [f32(math.log(abs(v))) if v else -math.inf for v in xt]
    ng = [-i for i in ids]
    hc = [f16(v) for v in xt]
    ic = [int(v) for v in m]  # truncation toward zero
    rsb = [f16(f32(1.0 - f32(2 * v))) for v in h]
    fm = [f32(1.5 + v) for v in m]
    mh = [f32(p * q) for p, q in zip(h, xt)]
    # torch reads the Scalar at fp32 (rounded to f16 it would be 1.0)
    dh = [f16(f32(v / f32(1.00048828125))) for v in h]
    # (values, tolerance in ulp: 0 exact)
    return [(a, 0), (m, 0), (dv, 0), (rs, 0), (both, 0), (mf, 0), (wh, 0),
            (silu, 1), (sig, 4), (ex, 4), (lg, 4), (ng, 0), (hc, 0), (ic, 0),
            (rsb, 0), (fm, 0), ([0] * 4, 0), ([1.0] * 4, 0), (mh, 0), (dh, 0)]


def ulps(got, want, descr):
    if isinstance(want, bool) or descr in ("<i8", "|b1"):
        return 0 if got == want else math.inf
    if math.isnan(got) or math.isnan(want):
        return 0 if math.isnan(got) and math.isnan(want) else math.inf
    if got == want:
        return 0
    if math.isinf(got) or math.isinf(want):
        return math.inf
    fmt, ifmt = ("<f", "<i") if descr == "<f4" else ("<e", "<h")

    def line(v):
        b = struct.unpack(ifmt, struct.pack(fmt, v))[0]
        return b if b >= 0 else -(b & (0x7FFFFFFF if fmt == "<f" else 0x7FFF))
    return abs(line(got) - line(want))


def check(d, expectations):
    """Prints one line per output DIR/out<K>.npy against (values, ulps)."""
    for k, (want, tol) in enumerate(expectations):
        descr, shape, got = read_npy("%s/out%d.npy" % (d, k))
        worst = max((ulps(g, w, descr) for g, w in zip(got, want)), default=0)
        ok = len(got) == len(want) and worst <= tol
        print("out%d: %s (%s, %d elements, max %s ulp)" % (
            k, "matches torch" if ok else "MISMATCH", descr, len(got), worst))


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        x, y, ids, h = inputs()
        write_npy(d + "/in0.npy", "<f4", X, x)
        write_npy(d + "/in1.npy", "<f4", Y, y)
        write_npy(d + "/in2.npy", "<i8", IDS, ids)
        write_npy(d + "/in3.npy", "<f2", H, h)
        return
    check(d, expected())


if __name__ == "__main__":
    main()
