"""Checks fx-run's seeded random arguments against the distribution that
docs/runtime.md (fx-run, "Random arguments") documents, written out here
independently: one splitmix64 stream seeded by --seed over the tensor
arguments in order; each 64-bit draw gives four elements (16-bit quarters,
low first), each reduced to k = its low 12 bits; f32 = (k - 2048) / 2048,
f16 = that value rounded to half (exact: a multiple of 2^-11 in [-1, 1)),
integers = k mod 64, i1 = k mod 2; a weight's floats (rank >= 2, every dim
static) times 1/sqrt(its largest dim), in double, rounded to f32, then to
the dtype.

  random_ref.py SEED DIR SPEC...   SPEC = DTYPE:COUNT, in argument order,
                                   or DTYPE:COUNT:LARGEST for a weight;
                                   DIR/out<K>.npy is argument K (a clone);
                                   SPEC = "input" for an argument given by
                                   --input (it takes nothing from the stream)
Prints one line per file and exits 1 on the first difference."""
import math
import struct
import sys

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def expected(dtype, k, scale):
    if dtype in ("f32", "f16"):
        v = struct.unpack("<f", struct.pack("<f", (k - 2048) / 2048.0 * scale))[0]
        return struct.unpack("<e", struct.pack("<e", v))[0] if dtype == "f16" else v
    if dtype == "i1":
        return k & 1
    return k & 63


FORMATS = {"f32": ("<f4", "f"), "f16": ("<f2", "e"), "i32": ("<i4", "i"),
           "i64": ("<i8", "q"), "i8": ("|i1", "b"), "i1": ("|b1", "B")}


def read_npy(path):
    data = open(path, "rb").read()
    assert data[:6] == b"\x93NUMPY", path
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    return descr, data[10 + hlen:]


def main():
    seed, outdir, specs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    state = seed
    for index, spec in enumerate(specs):
        if spec == "input":
            continue
        fields = spec.split(":")
        dtype, count = fields[0], int(fields[1])
        scale = 1.0 / math.sqrt(int(fields[2])) if len(fields) > 2 else 1.0
        want = []
        while len(want) < count:
            state, r = splitmix64(state)
            for q in range(4):
                if len(want) < count:
                    want.append(expected(dtype, (r >> (16 * q)) & 4095, scale))
        descr, raw = read_npy("%s/out%d.npy" % (outdir, index))
        npy, code = FORMATS[dtype]
        if descr != npy:
            sys.exit("out%d.npy: dtype %s, expected %s" % (index, descr, npy))
        got = list(struct.unpack("<%d%s" % (count, code), raw))
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                sys.exit("out%d.npy: element %d is %r, expected %r" % (index, i, g, w))
        print("out%d.npy: %d %s elements as documented" % (index, count, dtype))


main()
