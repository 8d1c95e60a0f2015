"""Inputs and the expected outputs of test/Integration/copy.mlir.

  copy_check.py gen DIR     writes the inputs DIR/in<I>.npy
  copy_check.py check DIR   compares DIR/out<K>.npy with torch's copy_ of the
                            inputs (bits), prints one line per output

The expected values are computed here from torch's rules, in exact
arithmetic (fractions): f32 -> f16 and i64 -> f32 round to nearest even
(f16 overflows to Inf at 65520), f16 -> f32 is exact, f32 -> i32 truncates
toward zero; src is broadcast to self (dims aligned at the right).  No numpy:
the .npy files are read and written with struct.
"""
import math
import struct
import sys
from fractions import Fraction

S0 = 3  # the --sym=s0 of the RUN line

# (name, descr, shape, values) of each input, in argument order.
F32_TIES = [1 + 2**-11, 1 + 3 * 2**-11, -(2 + 2**-10), 65504.0, 65519.0,
            65520.0, -1e6, 2**-25, 3 * 2**-26, -0.0, 0.1, 1000.5]
INPUTS = [
    ("src16", "<f2", (4,), [1.5, -0.0009765625, 65504.0, -3.25]),
    ("src32", "<f4", (S0, 4), F32_TIES),
    ("col32", "<f4", (3, 1), [2.75, -2.75, 1e9]),
    ("src64", "<i8", (4,), [2**24 + 1, -(2**31) - 3, 2**53 - 1, 7]),
]
# (name, self shape, self descr, input index): the outputs, in result order.
OUTPUTS = [
    ("f16 -> f32, rows broadcast", (S0, 4), "<f4", 0),
    ("f32 -> f16, same shape", (S0, 4), "<f2", 1),
    ("f32 -> i32, columns broadcast", (3, 5), "<i4", 2),
    ("i64 -> f32, leading dims broadcast", (2, S0, 4), "<f4", 3),
    ("f32 -> f16, functional form", (S0, 4), "<f2", 1),
]
FMT = {"<f2": "e", "<f4": "f", "<i4": "i", "<i8": "q"}


def write_npy(path, descr, shape, values):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % d for d in shape))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    data = b"".join(struct.pack("<" + FMT[descr], v) for v in values)
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data)


def read_npy(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<H", raw[8:10])[0]
    header = raw[10:10 + n].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape = tuple(int(x) for x in header.split("'shape': (")[1].split(")")[0].split(",") if x.strip())
    size = struct.calcsize(FMT[descr])
    body = raw[10 + n:]
    return descr, shape, [body[i:i + size] for i in range(0, len(body), size)]


def rne(x, mant_bits, emin):
    """x (a Fraction) rounded to a binary float with mant_bits fraction bits."""
    if x == 0:
        return x
    e = math.floor(math.log2(abs(x)))
    while Fraction(2) ** e > abs(x):
        e -= 1
    while Fraction(2) ** (e + 1) <= abs(x):
        e += 1
    ulp = Fraction(2) ** (max(e, emin) - mant_bits)
    return round(x / ulp) * ulp  # Fraction.__round__: ties to even


def f16_bits(v):
    if math.isnan(v):
        return struct.pack("<H", 0xFE00 if math.copysign(1, v) < 0 else 0x7E00)
    if math.isinf(v) or abs(v) >= 65520:
        return struct.pack("<e", math.copysign(math.inf, v))
    r = rne(Fraction(v), 10, -14)
    return struct.pack("<e", math.copysign(float(r), v))


def f32_bits(x):
    r = rne(Fraction(x), 23, -126)
    return struct.pack("<f", float(r))


def expect(descr, v):
    if descr == "<f2":
        return f16_bits(v)
    if descr == "<f4":
        return f32_bits(v) if isinstance(v, int) else struct.pack("<f", v)
    if descr == "<i4":
        return struct.pack("<i", int(v))  # truncation toward zero
    raise ValueError(descr)


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        for i, (name, descr, shape, values) in enumerate(INPUTS):
            write_npy("%s/in%d.npy" % (d, i), descr, shape, values)
        return
    for k, (label, shape, descr, i) in enumerate(OUTPUTS):
        got_descr, got_shape, got = read_npy("%s/out%d.npy" % (d, k))
        src_descr, src_shape, src_raw = read_npy("%s/in%d.npy" % (d, i))
        src = [struct.unpack("<" + FMT[src_descr], b)[0] for b in src_raw]
        bad = 0 if (got_descr, got_shape) == (descr, shape) else 1
        numel = math.prod(shape)
        for flat in range(numel if not bad else 0):
            idx, rem = [], flat
            for s in reversed(shape):
                idx.append(rem % s)
                rem //= s
            idx.reverse()
            lead = len(shape) - len(src_shape)
            si = 0
            for dd, s in enumerate(src_shape):
                si = si * s + (0 if s == 1 else idx[lead + dd])
            bad += got[flat] != expect(descr, src[si])
        print("out%d %s: %s %s, %d mismatches" % (k, label, got_descr, got_shape, bad))


if __name__ == "__main__":  # also a module: matmul_check.py imports its .npy helpers
    main()
