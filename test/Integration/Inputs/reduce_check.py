"""Inputs and the expected outputs of test/Integration/reduce.mlir.

  reduce_check.py gen DIR     writes the inputs DIR/in0.npy .. in3.npy
  reduce_check.py check DIR   compares DIR/out<K>.npy with torch's
                              definitions, one line per output

Computed in double from torch's definitions, independently of fxir:
RMSNorm as x * rsqrt(mean(x^2) + eps) * w, softmax as exp(x - max) / sum,
sums and means of the elements; each result rounded to its dtype.  fxir
sums pairwise in fp32 and rounds at each fp32 step, so float outputs may
differ by a few ulp (4 for f32, 1 for f16); int sums are exact.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elementwise_check import check, f16, f32, write_npy  # noqa: E402

X, W, S, IDS = (4, 16), (16,), (2, 3, 5), (3, 4)


def inputs():
    x = [(i * 11 % 37 - 18) / 8 for i in range(64)]
    w = [1 + (j % 5) / 8 for j in range(16)]
    s = [f16((k * 7 % 31 - 15) / 3) for k in range(30)]
    ids = [k * 1000003 % 97 - 40 for k in range(12)]
    return x, w, s, ids


def softmax(vals):
    m = max(vals)
    e = [math.exp(v - m) for v in vals]
    t = sum(e)
    return [v / t for v in e]


def expected():
    x, w, s, ids = inputs()
    norm = []
    for r in range(4):
        row = x[r * 16:(r + 1) * 16]
        inv = 1 / math.sqrt(sum(v * v for v in row) / 16 + 1e-6)
        norm += [f16(v * inv * w[c]) for c, v in enumerate(row)]
    sm_last = []
    for b in range(2):
        for i in range(3):
            sm_last += [f16(v) for v in softmax(s[(b * 3 + i) * 5:(b * 3 + i + 1) * 5])]
    sm_mid = [0.0] * 30
    for b in range(2):
        for k in range(5):
            col = [s[(b * 3 + i) * 5 + k] for i in range(3)]
            for i, v in enumerate(softmax(col)):
                sm_mid[(b * 3 + i) * 5 + k] = f32(v)
    sums = [sum(ids[r * 4 + c] for r in range(3)) for c in range(4)]  # t(ids) rows
    total = f32(sum(x))
    means = [f16(sum(s[(b * 3 + i) * 5 + k] for b in range(2) for k in range(5)) / 10)
             for i in range(3)]
    return [(norm, 1), (sm_last, 1), (sm_mid, 4), (sums, 0), ([total], 4), (means, 1)]


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        x, w, s, ids = inputs()
        write_npy(d + "/in0.npy", "<f4", X, x)
        write_npy(d + "/in1.npy", "<f4", W, w)
        write_npy(d + "/in2.npy", "<f2", S, s)
        write_npy(d + "/in3.npy", "<i8", IDS, ids)
        return
    check(d, expected())


if __name__ == "__main__":
    main()
