/* fx_convert.h - bit-exact conversions between fp32 and the storage dtypes.
 *
 * Shared by the C CPU kernels and (later) the CUDA kernels, so every function
 * is FX_HD and written in the common subset of C11 and CUDA C++: no compound
 * literals, no designated initializers, explicit casts from void *.  All
 * conversions are integer-only bit manipulations: they give the same bits on
 * any host or device and do not depend on the FPU's denormal mode (a CUDA
 * build with -ftz would otherwise flush the subnormal cases).
 *
 * Numerics follow ../shared/reference/kernel-numerics.md §2:
 *   - fp16/bf16 stores round to nearest even (like __float2half_rn,
 *     __float2bfloat16 and c10's constructors), with subnormals; fp16
 *     overflows to Inf at >= 65520;
 *   - fp8 e4m3fn stores are `cvt.rn.satfinite`: RNE with subnormals, finite
 *     values beyond 448 saturate to ±448, NaN becomes 0x7F;
 *   - the *quantizing* store clamps with fminf/fmaxf first, so NaN becomes
 *     +448 (0x7E) exactly as vLLM's scaled_fp8_conversion does;
 *   - int8 is cvt.rni.sat.s8.f32: RNE, saturate to [-128, 127], NaN -> 0.
 */
#ifndef FX_COMMON_CONVERT_H
#define FX_COMMON_CONVERT_H

#ifdef __CUDACC__
#define FX_HD __host__ __device__ static inline
#else
#define FX_HD static inline
#endif

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fxrt.h"

/* A per-dtype switch that must be revisited when kernels/fx_dtypes.def
 * gains a row: the build stops there and names the place (docs/dialect.md,
 * "Adding an op or a dtype").  Each use says which dtypes the switch has. */
#ifdef __cplusplus
#define FX_DTYPES_HANDLED(n, where)                                            \
  static_assert(FX_DTYPE_COUNT == (n), "a new dtype row: give it its case in " where)
#else
#define FX_DTYPES_HANDLED(n, where)                                            \
  _Static_assert(FX_DTYPE_COUNT == (n), "a new dtype row: give it its case in " where)
#endif

/* Largest finite e4m3fn value and vLLM's minimum scaling factors
 * (csrc/quantization/utils.cuh). */
#define FX_FP8_MAX 448.0f
#define FX_FP8_MIN_SCALE (1.0f / (448.0f * 512.0f))
#define FX_INT8_MAX 127.0f
#define FX_INT8_MIN_SCALE 1.1920928955078125e-07f /* FLT_EPSILON */

/* memcpy is the bit cast that is defined in both C and C++ and that nvcc
 * accepts in device code; compilers turn it into a register move. */
FX_HD uint32_t fxF32Bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

FX_HD float fxBitsF32(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* Rounds the integer significand `m` right by `shift` bits (1..31), to
 * nearest with ties to even: the one rounding primitive of the encoders. */
FX_HD uint32_t fxShiftRne(uint32_t m, uint32_t shift) {
  if (shift >= 32)
    return 0;
  uint32_t q = m >> shift;
  uint32_t rem = m & ((1u << shift) - 1u);
  uint32_t half = 1u << (shift - 1u);
  if (rem > half || (rem == half && (q & 1u)))
    q++;
  return q;
}

/*===-- fp16 ---------------------------------------------------------------===*/

FX_HD float fxF16ToF32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t man = h & 0x3FFu;
  if (exp == 0x1Fu) /* Inf / NaN: keep the payload */
    return fxBitsF32(sign | 0x7F800000u | (man << 13));
  if (exp != 0)
    return fxBitsF32(sign | ((exp + 112u) << 23) | (man << 13));
  if (man == 0)
    return fxBitsF32(sign);
  /* Subnormal m * 2^-24: normalize so the leading one becomes implicit. */
  exp = 113u;
  while (!(man & 0x400u)) {
    man <<= 1;
    exp--;
  }
  return fxBitsF32(sign | (exp << 23) | ((man & 0x3FFu) << 13));
}

FX_HD uint16_t fxF32ToF16(float f) {
  uint32_t u = fxF32Bits(f);
  uint16_t sign = (uint16_t)((u >> 16) & 0x8000u);
  uint32_t a = u & 0x7FFFFFFFu;
  if (a > 0x7F800000u) /* NaN: canonical quiet NaN, like c10 */
    return (uint16_t)(sign | 0x7E00u);
  if (a >= 0x477FF000u) /* >= 65520 rounds past 65504: Inf */
    return (uint16_t)(sign | 0x7C00u);
  if (a >= 0x38800000u) { /* normal fp16 (>= 2^-14): rebias, round 13 bits */
    uint32_t r = a - (112u << 23);
    return (uint16_t)(sign | fxShiftRne(r, 13));
  }
  /* Subnormal fp16: value = m * 2^(e-150), in units of 2^-24. */
  uint32_t e = a >> 23;
  if (e < 101u) /* below 2^-26: rounds to zero (also f32 subnormals) */
    return sign;
  uint32_t m = (a & 0x7FFFFFu) | 0x800000u;
  return (uint16_t)(sign | fxShiftRne(m, 126u - e));
}

/*===-- bf16 ---------------------------------------------------------------===*/

FX_HD float fxBF16ToF32(uint16_t h) { return fxBitsF32((uint32_t)h << 16); }

FX_HD uint16_t fxF32ToBF16(float f) {
  uint32_t u = fxF32Bits(f);
  if ((u & 0x7FFFFFFFu) > 0x7F800000u) /* NaN: c10's canonical 0x7FC0 */
    return 0x7FC0u;
  u += 0x7FFFu + ((u >> 16) & 1u); /* RNE; carries into the exponent */
  return (uint16_t)(u >> 16);
}

/*===-- fp8 e4m3fn ---------------------------------------------------------===*/

FX_HD float fxF8E4M3FNToF32(uint8_t b) {
  uint32_t sign = (uint32_t)(b & 0x80u) << 24;
  uint32_t exp = (b >> 3) & 0xFu;
  uint32_t man = b & 0x7u;
  if (exp == 0xFu && man == 0x7u) /* 0x7F / 0xFF: the only NaNs, no Inf */
    return fxBitsF32(0x7FC00000u | sign);
  if (exp != 0)
    return fxBitsF32(sign | ((exp + 120u) << 23) | (man << 20));
  /* Subnormal m * 2^-9 is a normal fp32, so the product is exact. */
  float v = (float)man * 0.001953125f;
  return (b & 0x80u) ? -v : v;
}

/* `cvt.rn.satfinite.e4m3x2.f32` on one value. */
FX_HD uint8_t fxF32ToF8E4M3FN(float f) {
  uint32_t u = fxF32Bits(f);
  uint8_t sign = (uint8_t)((u >> 24) & 0x80u);
  uint32_t a = u & 0x7FFFFFFFu;
  if (a > 0x7F800000u)
    return 0x7Fu;
  if (a >= 0x43E00000u) /* >= 448 (also Inf): satfinite; 448..464 round to 448 anyway */
    return (uint8_t)(sign | 0x7Eu);
  if (a >= 0x3C800000u) /* normal (>= 2^-6): rebias 127 -> 7, round 20 bits */
    return (uint8_t)(sign | fxShiftRne(a - (120u << 23), 20));
  /* Subnormal: value in units of 2^-9 is m * 2^(e-141). */
  uint32_t e = a >> 23;
  if (e < 116u) /* below 2^-11: rounds to zero */
    return sign;
  uint32_t m = (a & 0x7FFFFFu) | 0x800000u;
  return (uint8_t)(sign | fxShiftRne(m, 141u - e));
}

/* vLLM's quantizing store: clamp to ±448 with fminf then fmaxf (this order
 * maps NaN to +448, as the GPU does), then convert.  Written as compares
 * with the same results as fmaxf(-448, fminf(x, 448)) for every x (a NaN
 * fails `x < 448` and becomes 448; the second operand is never NaN), so the
 * C build inlines them instead of calling libm's fminf/fmaxf per element. */
FX_HD float fxClampFp8(float x) {
  float r = x < FX_FP8_MAX ? x : FX_FP8_MAX;
  return r > -FX_FP8_MAX ? r : -FX_FP8_MAX;
}

FX_HD uint8_t fxQuantF8E4M3FN(float x) {
  return fxF32ToF8E4M3FN(fxClampFp8(x));
}

/*===-- int8 ---------------------------------------------------------------===*/

/* cvt.rni.sat.s8.f32: rintf is round-to-nearest-even in the default mode. */
FX_HD int8_t fxQuantI8(float x) {
  if (x != x)
    return 0;
  float r = rintf(x);
  if (r > 127.0f)
    return 127;
  if (r < -128.0f)
    return -128;
  return (int8_t)r;
}

/*===-- Rounding through a dtype -------------------------------------------===*/

/* float(T(v)): the value `v` takes when stored as `dtype` and reloaded.  The
 * kernels use it at every point where vLLM rounds an intermediate to the
 * activation type (`static_cast<scalar_t>`, c10 16-bit arithmetic). */
FX_DTYPES_HANDLED(8, "fxRoundTo (a float that rounds)");
FX_HD float fxRoundTo(int32_t dtype, float v) {
  switch (dtype) {
  case FX_DTYPE_F16:
    return fxF16ToF32(fxF32ToF16(v));
  case FX_DTYPE_BF16:
    return fxBF16ToF32(fxF32ToBF16(v));
  case FX_DTYPE_F8E4M3FN:
    return fxF8E4M3FNToF32(fxF32ToF8E4M3FN(v));
  default:
    return v;
  }
}

#endif /* FX_COMMON_CONVERT_H */
