/* common_cases.h - every function of kernels/common/ as numbered cases, for
 * test/Kernels/common_nvcc.cu.
 *
 * The same source is compiled three ways: by the C compiler
 * (common_cases.c, with libfxrt's C flags), by nvcc for the host and by
 * nvcc for the GPU (common_nvcc.cu).  Case `c` maps its index `i` and four
 * input words to one 64-bit result; the test compares the three copies
 * result by result.  Written in the C/C++ subset of kernels/common. */
#ifndef FX_TEST_COMMON_CASES_H
#define FX_TEST_COMMON_CASES_H

#include "common/fx_math.h"

enum {
  FXC_F16_DECODE,   /* every fp16 pattern */
  FXC_BF16_DECODE,  /* every bf16 pattern */
  FXC_F8_DECODE,    /* every fp8 pattern */
  FXC_LOAD_BYTE,    /* fxLoadF32 of every pattern of fp8, int8, bool */
  FXC_LOAD_HALF,    /* fxLoadF32 of every fp16 and bf16 pattern */
  FXC_LOAD_WORD,    /* fxLoadF32 of f32 and int32 words */
  FXC_LOAD_LONG,    /* fxLoadF32 of int64 words */
  FXC_F16_ENCODE,   /* the rest: one sample element each */
  FXC_BF16_ENCODE,
  FXC_F8_ENCODE,
  FXC_F8_QUANT,
  FXC_I8_QUANT,
  FXC_ROUND_TO,
  FXC_STORE,
  FXC_RNE_SAT,
  FXC_SHIFT_RNE,
  FXC_ELEM_SIZE,
  FXC_BITS,
  FXC_SILU,
  FXC_SILU_AND_MUL,
  FXC_RMS_INV,
  FXC_RMS_ELEM,
  FXC_RMS_ELEM_ROUND_FIRST,
  FXC_FP8_TOKEN_SCALE,
  FXC_INT8_TOKEN_SCALE,
  FXC_ROTARY_INDEX,
  FXC_ROTATE_PAIR,
  FXC_COUNT
};

/* Number of indices of case `c` for a sample of `n` elements. */
FX_HD int64_t fxcCount(int c, int64_t n) {
  switch (c) {
  case FXC_F16_DECODE:
  case FXC_BF16_DECODE:
    return 65536;
  case FXC_F8_DECODE:
    return 256;
  case FXC_LOAD_BYTE:
    return 3 * 256;
  case FXC_LOAD_HALF:
    return 2 * 65536;
  case FXC_ELEM_SIZE:
    return 12;
  default:
    return n;
  }
}

/* Whether the GPU copy must give the host's bits: everything but the
 * functions built on rsqrtf and expf (kernel-numerics.md: <= 2 ulp). */
FX_HD int fxcExactOnDevice(int c) {
  return c != FXC_SILU && c != FXC_SILU_AND_MUL && c != FXC_RMS_INV;
}

/* A float result as bits, every NaN as one NaN: NaN payloads are the FPU's
 * (operand order, the GPU's canonical NaN), not the function's. */
FX_HD uint64_t fxcF(float v) { return v != v ? 0x7FC00000u : fxF32Bits(v); }

FX_HD float fxcW(uint32_t w) { return fxBitsF32(w); }

/* One of the activation dtypes. */
FX_HD int32_t fxcDtype(uint32_t w) {
  return w % 3u == 0 ? FX_DTYPE_F32 : w % 3u == 1 ? FX_DTYPE_F16 : FX_DTYPE_BF16;
}

FX_HD uint64_t fxcCase(int c, int64_t i, uint32_t w0, uint32_t w1, uint32_t w2,
                       uint32_t w3) {
  switch (c) {
  case FXC_F16_DECODE:
    return fxcF(fxF16ToF32((uint16_t)i));
  case FXC_BF16_DECODE:
    return fxcF(fxBF16ToF32((uint16_t)i));
  case FXC_F8_DECODE:
    return fxcF(fxF8E4M3FNToF32((uint8_t)i));
  case FXC_LOAD_BYTE: {
    /* (8-byte buffers: fxLoadF32 may read that much for other dtypes) */
    const int32_t dt[3] = {FX_DTYPE_F8E4M3FN, FX_DTYPE_I8, FX_DTYPE_I1};
    uint64_t b = (uint64_t)(i & 255); /* little-endian: the first byte */
    return fxcF(fxLoadF32(&b, dt[i >> 8]));
  }
  case FXC_LOAD_HALF: {
    uint64_t h = (uint64_t)(i & 65535);
    return fxcF(fxLoadF32(&h, (i >> 16) ? FX_DTYPE_BF16 : FX_DTYPE_F16));
  }
  case FXC_LOAD_WORD: {
    uint64_t q = w0;
    return fxcF(fxLoadF32(&q, FX_DTYPE_F32)) |
           fxcF(fxLoadF32(&q, FX_DTYPE_I32)) << 32;
  }
  case FXC_LOAD_LONG: {
    uint64_t q = (uint64_t)w0 | (uint64_t)w1 << 32;
    return fxcF(fxLoadF32(&q, FX_DTYPE_I64));
  }
  case FXC_F16_ENCODE:
    return fxF32ToF16(fxcW(w0));
  case FXC_BF16_ENCODE:
    return fxF32ToBF16(fxcW(w0));
  case FXC_F8_ENCODE:
    return fxF32ToF8E4M3FN(fxcW(w0));
  case FXC_F8_QUANT:
    return fxQuantF8E4M3FN(fxcW(w0));
  case FXC_I8_QUANT:
    return (uint8_t)fxQuantI8(fxcW(w0));
  case FXC_ROUND_TO: /* every dtype, and an unknown one */
    return fxcF(fxRoundTo((int32_t)(w1 % 10u) - 1, fxcW(w0)));
  case FXC_STORE: {
    uint64_t out = 0;
    fxStoreF32(&out, (int32_t)(w1 % 9u) - 1, fxcW(w0));
    return out;
  }
  case FXC_RNE_SAT: {
    double lo = (w1 & 1) ? -2147483648.0 : -9223372036854775808.0;
    double hi = (w1 & 1) ? 2147483647.0 : 9223372036854774784.0;
    return (uint64_t)fxRneSat(fxcW(w0), lo, hi);
  }
  case FXC_SHIFT_RNE:
    return fxShiftRne(w0, 1u + w1 % 32u);
  case FXC_ELEM_SIZE:
    return (uint64_t)(int64_t)fxElemSize((int32_t)i - 2);
  case FXC_BITS:
    return fxF32Bits(fxBitsF32(w0)) ^ ((uint64_t)w0 << 32);
  case FXC_SILU:
    return fxcF(fxSilu(fxcW(w0)));
  case FXC_SILU_AND_MUL:
    return fxcF(fxSiluAndMul(fxcDtype(w2), fxcW(w0), fxcW(w1)));
  case FXC_RMS_INV: { /* a sum of squares is >= 0 */
    float eps = fxcW(w2 & 0x3FFFFFFFu) * 1e-3f;
    return fxcF(fxRmsInv(fabsf(fxcW(w0)), 1 + (int64_t)(w1 % 16384u), eps));
  }
  case FXC_RMS_ELEM:
    return fxcF(fxRmsNormElem(fxcDtype(w3), fxcW(w0), fxcW(w1),
                              (int)((w3 >> 2) & 1u), fxcW(w2)));
  case FXC_RMS_ELEM_ROUND_FIRST:
    return fxcF(fxRmsNormElemRoundFirst(fxcDtype(w3), fxcW(w0),
                                        fxcW(w1), fxcW(w2)));
  case FXC_FP8_TOKEN_SCALE:
    return fxcF(fxFp8TokenScale(fabsf(fxcW(w0)), (int)(w1 & 1u), fxcW(w2)));
  case FXC_INT8_TOKEN_SCALE:
    return fxcF(fxInt8TokenScale(fabsf(fxcW(w0))));
  case FXC_ROTARY_INDEX: {
    int64_t embed = 1 + (int64_t)(w1 % 4096u), xi = -1, yi = -1;
    fxRotaryPairIndex((int)(w0 & 1u), embed, (int64_t)(w2 % (uint32_t)embed),
                      &xi, &yi);
    return (uint64_t)xi | (uint64_t)yi << 32;
  }
  case FXC_ROTATE_PAIR: {
    float xo, yo;
    fxRotatePair(fxcW(w0), fxcW(w1), fxcW(w2), fxcW(w3), (int)(i & 1), &xo,
                 &yo);
    return fxcF(xo) | fxcF(yo) << 32;
  }
  default:
    return 0;
  }
}

#endif /* FX_TEST_COMMON_CASES_H */
