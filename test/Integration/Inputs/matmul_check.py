"""Inputs and the expected outputs of test/Integration/matmul.mlir.

  matmul_check.py gen DIR     writes DIR/<entry>_in<I>.npy, and the bad
                              index files DIR/bad_ids.npy, DIR/bad_idx.npy
  matmul_check.py check DIR   compares DIR/<entry>/out<K>.npy with the
                              products and gathers of the inputs, computed
                              here from the definitions; one line per output

The inputs are small integers, so every product and every sum is an exact
integer (far below 2^24): exact in fp32 whatever the summation order, and
alpha = 2, beta = 0.5 keep it exact.  The one rounding, to a bf16 or f16
output, is done here from the exact value (round to nearest even).  The
comparison is bit for bit.  No numpy: the .npy helpers are copy_check.py's.
"""
import os
import struct
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from copy_check import FMT, f16_bits, read_npy, rne, write_npy  # noqa: E402

FMT["<u2"] = "H"  # bf16, stored as its raw bits (fx-run's .npy convention)
S0 = 5            # the --sym=s0 of the RUN lines


def ints(n, seed, lo=-3, hi=3):
    """n deterministic integers in [lo, hi] (a 64-bit LCG)."""
    out, x = [], seed
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        out.append(lo + (x >> 33) % (hi - lo + 1))
    return out


def bf16_bits(v):
    r = rne(Fraction(v), 7, -126)  # exact small values: no overflow
    u = struct.unpack("<I", struct.pack("<f", float(r)))[0]
    return struct.pack("<H", u >> 16)


def f32_bits(v):
    return struct.pack("<f", float(v))  # exact: integers and halves


ENCODE = {"<u2": bf16_bits, "<f2": f16_bits, "<f4": f32_bits}


def matmul(a, b, m, k, n):
    return [sum(a[i * k + p] * b[p * n + j] for p in range(k)) for i in range(m) for j in range(n)]


def transpose(a, rows, cols):
    return [a[r * cols + c] for c in range(cols) for r in range(rows)]


# (entry, [(descr, shape, values)]) of each function's inputs.
X, W, B = ints(S0 * 64, 1), ints(32 * 64, 2), ints(32, 3, -50, 50)
XF, WF, CF = ints(S0 * 96, 4), ints(48 * 64, 5), ints(S0 * 48, 6, -9, 9)
Q, K = ints(2 * S0 * 16, 7), ints(2 * 8 * 16, 8)
TAB = [(i * 37) % 251 - 125 for i in range(50 * 16)]  # distinct, exact in bf16
IDS, X3, IDX = [3, 49, 0, 17, 3], [0.5 * i - 7 for i in range(120)], [5, 0, 2]
INPUTS = {
    "linear": [("<u2", (S0, 64), X), ("<u2", (32, 64), W), ("<u2", (32,), B)],
    "linear_f32": [("<f4", (S0, 96), XF), ("<f4", (48, 64), WF), ("<f4", (S0, 48), CF)],
    "batched": [("<f2", (2, S0, 16), Q), ("<f2", (2, 8, 16), K)],
    "gathers": [("<u2", (50, 16), TAB), ("<i8", (S0,), IDS), ("<f4", (4, 5, 6), X3),
                ("<i4", (3,), IDX)],
}


def expected():
    """(entry, label, descr, shape, exact values) of each output."""
    xs = [XF[i * 96 + 16 + c] for i in range(S0) for c in range(64)]
    wft = transpose(WF, 48, 64)
    mm = matmul(xs, wft, S0, 64, 48)
    lin = matmul(X, transpose(W, 32, 64), S0, 64, 32)
    bmm = []
    for b in range(2):
        kt = transpose(K[b * 128:(b + 1) * 128], 8, 16)
        bmm += matmul(Q[b * S0 * 16:(b + 1) * S0 * 16], kt, S0, 16, 8)
    emb = [TAB[i * 16 + h] for i in IDS for h in range(16)]
    sel = [X3[(a * 5 + b) * 6 + i] for a in range(4) for b in range(5) for i in IDX]
    return [
        ("linear", "addmm(b, x, t(w))", "<u2", (S0, 32),
         [lin[i * 32 + j] + B[j] for i in range(S0) for j in range(32)]),
        ("linear_f32", "addmm(c, x[:, 16:80], t(w), beta=0.5, alpha=2)", "<f4", (S0, 48),
         [Fraction(1, 2) * c + 2 * v for c, v in zip(CF, mm)]),
        ("linear_f32", "mm(x[:, 16:80], t(w))", "<f4", (S0, 48), mm),
        ("batched", "bmm(q, transpose(k, 1, 2))", "<f2", (2, S0, 8), bmm),
        ("gathers", "embedding(tab, ids)", "<u2", (S0, 16), emb),
        ("gathers", "index_select(x3, -1, idx)", "<f4", (4, 5, 3), sel),
        ("gathers", "index_select(tab, 0, ids)", "<u2", (S0, 16), emb),
    ]


def raw(descr, v):
    """An input element as write_npy takes it (bf16 as its bits)."""
    return struct.unpack("<H", bf16_bits(v))[0] if descr == "<u2" else v


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        for entry, args in INPUTS.items():
            for i, (descr, shape, values) in enumerate(args):
                write_npy("%s/%s_in%d.npy" % (d, entry, i), descr, shape,
                          [raw(descr, v) for v in values])
        write_npy(d + "/bad_ids.npy", "<i8", (S0,), [0, 1, 2, 50, 4])
        write_npy(d + "/bad_idx.npy", "<i4", (3,), [0, 1, -1])
        return
    seen = {}
    for entry, label, descr, shape, values in expected():
        k = seen.get(entry, 0)
        seen[entry] = k + 1
        got_descr, got_shape, got = read_npy("%s/%s/out%d.npy" % (d, entry, k))
        bad = 0 if (got_descr, got_shape) == (descr, shape) else len(values)
        if not bad:
            bad = sum(g != ENCODE[descr](v) for g, v in zip(got, values))
        print("%s out%d %s %s %s: %d mismatches" % (
            entry, k, label, {"<u2": "bf16", "<f2": "f16", "<f4": "f32"}[descr], shape, bad))


if __name__ == "__main__":
    main()
