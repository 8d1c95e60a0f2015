/* fx_math.h - per-element math of the kernels, shared by CPU and CUDA.
 *
 * Everything a kernel computes per element or per row lives here, so the two
 * implementations cannot drift apart: element load/store of any FxDtype
 * through fp32, SiLU, the RMSNorm scale, the dynamic quant scales and the
 * rotary rotation of one pair.  Same C/CUDA C++ subset as fx_convert.h.
 * Numerics: ../shared/reference/kernel-numerics.md §2-3.
 */
#ifndef FX_COMMON_MATH_H
#define FX_COMMON_MATH_H

#include "common/fx_convert.h"

/*===-- Element load / store through fp32 ----------------------------------===*/

/* Bytes of one element; 0 for an unknown dtype (i1 is stored as a byte). */
FX_HD int fxElemSize(int32_t dtype) {
  switch (dtype) {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  case value:                                                                  \
    return bytes;
#include "fx_dtypes.def"
  default:
    return 0;
  }
}

/* Element `p` of `dtype` as fp32: exact for the float dtypes but f64
 * (rounded, RNE), integers are converted with RNE (exact up to 2^24).  A
 * packed f4e2m1fnx2 element is two values, not one: NaN, and no caller
 * gets there (it is in no kernel's dtype set; copy_ refuses it). */
FX_DTYPES_HANDLED(14, "fxLoadF32 and fxStoreF32");
FX_HD float fxLoadF32(const void *p, int32_t dtype) {
  switch (dtype) {
  case FX_DTYPE_F32: {
    float v;
    memcpy(&v, p, sizeof v);
    return v;
  }
  case FX_DTYPE_F16:
  case FX_DTYPE_BF16: {
    uint16_t h;
    memcpy(&h, p, sizeof h);
    return dtype == FX_DTYPE_F16 ? fxF16ToF32(h) : fxBF16ToF32(h);
  }
  case FX_DTYPE_F8E4M3FN:
    return fxF8E4M3FNToF32(*(const uint8_t *)p);
  case FX_DTYPE_F8E5M2:
    return fxF8E5M2ToF32(*(const uint8_t *)p);
  case FX_DTYPE_F8E8M0FNU:
    return fxF8E8M0FNUToF32(*(const uint8_t *)p);
  case FX_DTYPE_F64: {
    double v;
    memcpy(&v, p, sizeof v);
    return fxF64ToF32(v);
  }
  case FX_DTYPE_I8:
    return (float)*(const int8_t *)p;
  case FX_DTYPE_UI8:
    return (float)*(const uint8_t *)p;
  case FX_DTYPE_I16: {
    int16_t v;
    memcpy(&v, p, sizeof v);
    return (float)v;
  }
  case FX_DTYPE_I1:
    return *(const uint8_t *)p ? 1.0f : 0.0f;
  case FX_DTYPE_I32: {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return (float)v;
  }
  case FX_DTYPE_I64: {
    int64_t v;
    memcpy(&v, p, sizeof v);
    return (float)v;
  }
  case FX_DTYPE_F4E2M1FNX2:
    return fxBitsF32(0x7FC00000u);
  default:
    return 0.0f;
  }
}

/* Saturating round-to-nearest-even of `v` to an integer in [lo, hi]; NaN
 * gives 0 (the cvt.rni.sat rule, extended to the wider integers). */
FX_HD int64_t fxRneSat(float v, double lo, double hi) {
  if (v != v)
    return 0;
  double r = rint((double)v);
  return r <= lo ? (int64_t)lo : r >= hi ? (int64_t)hi : (int64_t)r;
}

/* Stores fp32 `v` as `dtype`: RNE for the floats, satfinite for fp8
 * e4m3fn (no scale, no NaN clamp: that is fxQuantF8E4M3FN's job), c10's
 * casts for fp8 e5m2 and e8m0fnu, RNE+saturate for the integers, `v != 0`
 * for i1; nothing for the packed f4e2m1fnx2 (one float is not an element
 * of it; see fxLoadF32). */
FX_HD void fxStoreF32(void *p, int32_t dtype, float v) {
  switch (dtype) {
  case FX_DTYPE_F32:
    memcpy(p, &v, sizeof v);
    break;
  case FX_DTYPE_F16:
  case FX_DTYPE_BF16: {
    uint16_t h = dtype == FX_DTYPE_F16 ? fxF32ToF16(v) : fxF32ToBF16(v);
    memcpy(p, &h, sizeof h);
    break;
  }
  case FX_DTYPE_F8E4M3FN:
    *(uint8_t *)p = fxF32ToF8E4M3FN(v);
    break;
  case FX_DTYPE_F8E5M2:
    *(uint8_t *)p = fxF32ToF8E5M2(v);
    break;
  case FX_DTYPE_F8E8M0FNU:
    *(uint8_t *)p = fxF32ToF8E8M0FNU(v);
    break;
  case FX_DTYPE_F64: {
    double d = fxF32ToF64(v);
    memcpy(p, &d, sizeof d);
    break;
  }
  case FX_DTYPE_I8:
    *(int8_t *)p = fxQuantI8(v);
    break;
  case FX_DTYPE_UI8:
    *(uint8_t *)p = (uint8_t)fxRneSat(v, 0.0, 255.0);
    break;
  case FX_DTYPE_I16: {
    int16_t i = (int16_t)fxRneSat(v, -32768.0, 32767.0);
    memcpy(p, &i, sizeof i);
    break;
  }
  case FX_DTYPE_I1:
    *(uint8_t *)p = v != 0.0f;
    break;
  case FX_DTYPE_I32: {
    int32_t i = (int32_t)fxRneSat(v, -2147483648.0, 2147483647.0);
    memcpy(p, &i, sizeof i);
    break;
  }
  case FX_DTYPE_I64: {
    /* 2^63 is not an int64; the largest double below it is 2^63 - 1024. */
    int64_t i = fxRneSat(v, -9223372036854775808.0, 9223372036854774784.0);
    memcpy(p, &i, sizeof i);
    break;
  }
  case FX_DTYPE_F4E2M1FNX2:
  default:
    break;
  }
}

/*===-- Activation ---------------------------------------------------------===*/

/* vLLM's silu_kernel: x / (1 + exp(-x)) in fp32.  The caller rounds the
 * result to the activation dtype before the multiply (§3.6). */
FX_HD float fxSilu(float x) { return x / (1.0f + expf(-x)); }

/* silu_and_mul on one element pair: T(float(T(silu(g))) * u). */
FX_HD float fxSiluAndMul(int32_t dtype, float gate, float up) {
  return fxRoundTo(dtype, fxRoundTo(dtype, fxSilu(gate)) * up);
}

/*===-- RMSNorm ------------------------------------------------------------===*/

/* rsqrt(sumsq / hidden + eps) with fp32 inputs, like vLLM's thread 0.  The
 * GPU uses rsqrtf (<= 2 ulp); the host takes the correctly rounded value,
 * which is what a reference computes. */
FX_HD float fxRmsInv(float sumsq, int64_t hidden, float eps) {
  float v = sumsq / (float)hidden + eps;
#ifdef __CUDA_ARCH__
  return rsqrtf(v);
#else
  return (float)(1.0 / sqrt((double)v));
#endif
}

/* The normalized, weighted value of one element, rounded to `dtype`, in the
 * rounding convention of rms_norm at vLLM HEAD (v0.20.0 and upstream after
 * the 2026-06-18 revert, kernel-numerics.md §2.6): the weight multiply stays
 * in fp32, one rounding at the end, T((x * inv) * w).  A weightless norm is
 * T(x * inv).  The static fp8 fused kernels round through this value. */
FX_HD float fxRmsNormElem(int32_t dtype, float x, float inv, int hasWeight,
                          float w) {
  float n = x * inv;
  return fxRoundTo(dtype, hasWeight ? n * w : n);
}

/* rms_norm_dynamic_per_token_quant always rounds first (§3.5 step 3):
 * T(T(z * rms) * w), the second product a c10 16-bit multiply. */
FX_HD float fxRmsNormElemRoundFirst(int32_t dtype, float z, float rms,
                                    float w) {
  return fxRoundTo(dtype, fxRoundTo(dtype, z * rms) * w);
}

/*===-- Dynamic quant scales -----------------------------------------------===*/

/* fminf/fmaxf as CUDA's are (and vLLM's kernels use them): a NaN operand,
 * quiet or signalling, counts as missing.  glibc's return NaN for a
 * signalling one, so libm's would make the C build differ from the GPU on
 * a signalling-NaN scale_ub (seen on an H200: test/Kernels/common_nvcc.cu). */
FX_HD float fxMinNum(float a, float b) { return b < a || a != a ? b : a; }
FX_HD float fxMaxNum(float a, float b) { return b > a || a != a ? b : a; }

/* Per-token fp8 scale (dynamic_per_token_scaled_fp8_quant and the fp8 path
 * of rms_norm_dynamic_per_token_quant): max(min(amax, ub) / 448, 1/(448*512)). */
FX_HD float fxFp8TokenScale(float amax, int hasUb, float ub) {
  float m = hasUb ? fxMinNum(amax, ub) : amax;
  return fxMaxNum(m / FX_FP8_MAX, FX_FP8_MIN_SCALE);
}

/* Per-token int8 scale: max(amax / 127, FLT_EPSILON). */
FX_HD float fxInt8TokenScale(float amax) {
  return fxMaxNum(amax / FX_INT8_MAX, FX_INT8_MIN_SCALE);
}

/*===-- Rotary embedding ---------------------------------------------------===*/

/* Offsets, within the rotated part of a head, of the pair rotated by
 * frequency i: NeoX pairs (i, i + rot_dim/2), GPT-J pairs (2i, 2i + 1). */
FX_HD void fxRotaryPairIndex(int isNeox, int64_t embedDim, int64_t i,
                             int64_t *xi, int64_t *yi) {
  if (isNeox) {
    *xi = i;
    *yi = i + embedDim;
  } else {
    *xi = 2 * i;
    *yi = 2 * i + 1;
  }
}

/* Rotates (x, y) by the angle whose cos/sin are (c, s) in fp32 (HEAD
 * numerics: one rounding to T per output, done by the caller's store):
 * x' = x*c - y*s, y' = y*c + x*s.  `inverse` rotates back (s -> -s). */
FX_HD void fxRotatePair(float x, float y, float c, float s, int inverse,
                        float *xo, float *yo) {
  if (inverse)
    s = -s;
  *xo = x * c - y * s;
  *yo = y * c + x * s;
}

#endif /* FX_COMMON_MATH_H */
