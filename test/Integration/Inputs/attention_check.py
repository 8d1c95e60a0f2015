"""Inputs and the expected outputs of test/Integration/attention.mlir.

  attention_check.py gen DIR     writes DIR/qkv_f16.npy and DIR/qkv_bf16.npy
  attention_check.py check DIR   compares DIR/<fn>/out0.npy with causal
                                 attention computed here, one line each

The reference is written from the definition, in double, independently of
kernels/refops: query, key and value are the column slices [q | k | v] of
one fused [T, (HQ + 2 HKV) D] buffer; token i, head h reads kv head
h // (HQ // HKV) at tokens 0..i with weights exp(s) / sum(exp(s)),
s = q.k / sqrt(D); each result is rounded once (RNE) to the output dtype.
The reference attention rounds once from double too, in another order, so
an element may differ by 1 ulp; a wrong mask, head mapping or scale is
off by far more.
"""
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import npy  # noqa: E402

T, HQ, HKV, D = 7, 4, 2, 8
WIDTH = (HQ + 2 * HKV) * D

# The two dtypes: .npy descr, significand bits after the point, min normal
# exponent (bf16 is stored as its raw bits, '<u2', as fx-run writes it).
FORMATS = {"f16": ("<f2", 10, -14), "bf16": ("<u2", 7, -126)}


def round_to(v, mant, emin):
    """v rounded to nearest even with `mant` fraction bits (no overflow here)."""
    if v == 0.0:
        return 0.0
    e = math.frexp(v)[1] - 1  # |v| in [2^e, 2^(e+1))
    ulp = 2.0 ** (max(e, emin) - mant)
    return round(v / ulp) * ulp  # Python's round is RNE; v / ulp is exact


def ulp_of(v, mant, emin):
    e = math.frexp(v)[1] - 1 if v != 0.0 else emin
    return 2.0 ** (max(e, emin) - mant)


def encode(dtype, v):
    if dtype == "f16":
        return struct.pack("<e", v)
    bits = struct.unpack("<I", struct.pack("<f", v))[0]  # v is a bf16 value
    return struct.pack("<H", bits >> 16)


def decode(dtype, raw):
    if dtype == "f16":
        return struct.unpack("<e", raw)[0]
    return struct.unpack("<f", struct.pack("<I", struct.unpack("<H", raw)[0] << 16))[0]


def qkv_values(dtype):
    """Deterministic values in about [-2, 2), rounded to the dtype: scores
    spread enough that the softmax weights differ from uniform."""
    _, mant, emin = FORMATS[dtype]
    return [round_to(((i * 37 + 11) % 101 - 50) / 25.0, mant, emin) for i in range(T * WIDTH)]


def expected(dtype):
    _, mant, emin = FORMATS[dtype]
    x = qkv_values(dtype)
    q = lambda i, h, d: x[i * WIDTH + h * D + d]
    k = lambda j, g, d: x[j * WIDTH + (HQ + g) * D + d]
    v = lambda j, g, d: x[j * WIDTH + (HQ + HKV + g) * D + d]
    out = []
    for i in range(T):
        for h in range(HQ):
            g = h // (HQ // HKV)
            w = [math.exp(sum(q(i, h, d) * k(j, g, d) for d in range(D)) / math.sqrt(D))
                 for j in range(i + 1)]
            for d in range(D):
                out.append(round_to(sum(w[j] * v(j, g, d) for j in range(i + 1)) / sum(w), mant, emin))
    return out


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "gen":
        for dtype, (descr, _, _) in FORMATS.items():
            body = b"".join(encode(dtype, v) for v in qkv_values(dtype))
            npy.write("%s/qkv_%s.npy" % (d, dtype), descr, (T, WIDTH), body)
        return
    for dtype, (descr, mant, emin) in FORMATS.items():
        got_descr, shape, body = npy.read_raw("%s/%s/out0.npy" % (d, dtype))
        got = [decode(dtype, body[i:i + 2]) for i in range(0, len(body), 2)]
        want = expected(dtype)
        worst = max((abs(g - w) / ulp_of(w, mant, emin) for g, w in zip(got, want)), default=0)
        ok = got_descr == descr and shape == (T, HQ * D) and len(got) == len(want) and worst <= 1
        print("%s: %s (%d elements, max %g ulp)" % (
            dtype, "matches causal attention" if ok else "MISMATCH", len(got), worst))


if __name__ == "__main__":
    main()
