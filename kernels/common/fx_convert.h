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
 * The dtypes vLLM's kernels never store follow torch's c10 casts instead:
 *   - f64 <-> f32 as C++'s static_cast on IEEE hardware: RNE with
 *     subnormals, overflow to Inf, NaN kept quiet with its payload's top
 *     bits;
 *   - fp8 e5m2 as c10/util/Float8_e5m2.h: RNE, *not* saturating (65536 and
 *     up, and what rounds there from 61440, is Inf), NaN 0x7F | sign;
 *   - fp8 e8m0fnu as c10/util/Float8_e8m0fnu.h and -inl.h: the exponent
 *     only, sign dropped, c10's guard/round/sticky rounding, NaN and ±Inf
 *     to 0xFF; 0x00 reads as 2^-127.
 * torch's float4_e2m1fn_x2 has no conversion at all (none here either).
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

/*===-- f64 ----------------------------------------------------------------===*/

/* static_cast<float>(double) (RNE, as every IEEE FPU in its default mode),
 * in integers so -ftz device code cannot flush the subnormal results.
 * 32-bit words only: a 64-bit version costs the CUDA elementwise kernels
 * register spills.  fp32 keeps 23 of the 52 mantissa bits (`keep`); the
 * other 29 (`rest`) decide the rounding. */
FX_HD float fxF64ToF32(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  uint32_t hi = (uint32_t)(u >> 32), lo = (uint32_t)u;
  uint32_t sign = hi & 0x80000000u;
  int32_t e = (int32_t)((hi >> 20) & 0x7FFu);
  uint32_t keep = (hi & 0xFFFFFu) << 3 | lo >> 29, rest = lo & 0x1FFFFFFFu;
  if (e == 0x7FF) /* Inf, or NaN made quiet with the payload's top bits */
    return fxBitsF32(sign | 0x7F800000u |
                     ((hi & 0xFFFFFu) | lo ? 0x400000u | keep : 0u));
  if (e == 0) /* zero or a double subnormal: far below half of 2^-149 */
    return fxBitsF32(sign);
  int32_t fe = e - 896; /* rebias 1023 -> 127 */
  if (fe >= 255)
    return fxBitsF32(sign | 0x7F800000u);
  if (fe >= 1) { /* normal; a carry may reach Inf, as it must */
    uint32_t q = (uint32_t)fe << 23 | keep;
    if (rest > 0x10000000u || (rest == 0x10000000u && (q & 1u)))
      q++;
    return fxBitsF32(sign | q);
  }
  /* fp32 subnormal, in units of 2^-149: (2^52 | man) >> (30 - fe).  Fold
   * the low 21 bits of `rest` into a sticky bit 0, leaving a shift of
   * 9 - fe >= 9 that fxShiftRne rounds exactly. */
  uint32_t sig = (0x800000u | keep) << 8 | rest >> 21 | ((rest & 0x1FFFFFu) != 0);
  uint32_t shift = (uint32_t)(9 - fe);
  if (shift > 32) /* below 2^-150 */
    return fxBitsF32(sign);
  if (shift == 32) /* [2^-150, 2^-149): ties (exactly 2^-150) to 0 */
    return fxBitsF32(sign | (sig > 0x80000000u));
  return fxBitsF32(sign | fxShiftRne(sig, shift));
}

/* static_cast<double>(float): exact; a signalling NaN is made quiet, as
 * the hardware cvtss2sd / cvt.f64.f32 do. */
FX_HD double fxF32ToF64(float f) {
  uint32_t u = fxF32Bits(f);
  uint64_t sign = (uint64_t)(u & 0x80000000u) << 32;
  uint32_t e = (u >> 23) & 0xFFu;
  uint64_t man = u & 0x7FFFFFu;
  uint64_t r;
  if (e == 0xFFu)
    r = sign | UINT64_C(0x7FF0000000000000) |
        (man ? UINT64_C(0x8000000000000) | man << 29 : 0u);
  else if (e != 0)
    r = sign | (uint64_t)(e + 896u) << 52 | man << 29;
  else if (man == 0)
    r = sign;
  else { /* float subnormal man * 2^-149: a normal double */
    uint64_t x = 897u; /* the exponent of 2^-126 */
    while (!(man & 0x800000u)) {
      man <<= 1;
      x--;
    }
    r = sign | x << 52 | (man & 0x7FFFFFu) << 29;
  }
  double d;
  memcpy(&d, &r, sizeof d);
  return d;
}

/*===-- fp8 e5m2 (c10/util/Float8_e5m2.h) ---------------------------------===*/

/* fp8e5m2_to_fp32_value: the byte is the top half of an fp16.  c10
 * widens that fp16 through a float multiply (fp16_ieee_to_fp32_value),
 * which makes the signalling NaNs 0x7D / 0xFD quiet: so does this. */
FX_HD float fxF8E5M2ToF32(uint8_t b) {
  uint32_t u = fxF32Bits(fxF16ToF32((uint16_t)(b << 8)));
  return fxBitsF32((b & 0x7Fu) > 0x7Cu ? u | 0x400000u : u);
}

/* fp8e5m2_from_fp32_value: RNE, no saturation.  c10 rounds the subnormals
 * by a float addition; the integer rounding here gives the same bits. */
FX_HD uint8_t fxF32ToF8E5M2(float f) {
  uint32_t u = fxF32Bits(f);
  uint8_t sign = (uint8_t)((u >> 24) & 0x80u);
  uint32_t a = u & 0x7FFFFFFFu;
  if (a > 0x7F800000u) /* NaN: 0x7F, c10 ORs the sign in */
    return (uint8_t)(sign | 0x7Fu);
  if (a >= 0x47800000u) /* >= 65536 (also Inf): Inf */
    return (uint8_t)(sign | 0x7Cu);
  if (a >= 0x38800000u) /* normal (>= 2^-14): rebias, round 21 bits; from
                           61440 the carry gives Inf 0x7C */
    return (uint8_t)(sign | fxShiftRne(a - (112u << 23), 21));
  /* Subnormal: value in units of 2^-16 is m * 2^(e-134). */
  uint32_t e = a >> 23;
  if (e < 110u) /* below 2^-17: rounds to zero */
    return sign;
  uint32_t m = (a & 0x7FFFFFu) | 0x800000u;
  return (uint8_t)(sign | fxShiftRne(m, 134u - e));
}

/*===-- fp8 e8m0fnu (c10/util/Float8_e8m0fnu.h, Float8_e8m0fnu-inl.h) ------===*/

/* operator float(): 2^(b-127); 0x00 is 2^-127 (an fp32 subnormal) and
 * 0xFF the NaN 0x7F800001. */
FX_HD float fxF8E8M0FNUToF32(uint8_t b) {
  if (b == 0)
    return fxBitsF32(0x00400000u);
  if (b == 0xFFu)
    return fxBitsF32(0x7F800001u);
  return fxBitsF32((uint32_t)b << 23);
}

/* fp8e8m0fnu_from_fp32_value: the biased exponent, rounded up when the
 * guard bit (mantissa bit 22) is set and the round or sticky bits are, or
 * when they are not and the "lsb" (the implicit bit: 1 for a normal
 * input) is; NaN and ±Inf give 0xFF, the sign is dropped. */
FX_HD uint8_t fxF32ToF8E8M0FNU(float f) {
  uint32_t u = fxF32Bits(f);
  uint32_t exponent = (u >> 23) & 0xFFu;
  if (exponent == 0xFFu)
    return 0xFFu;
  uint32_t g = (u & 0x400000u) != 0, r = (u & 0x200000u) != 0;
  uint32_t s = (u & 0x1FFFFFu) != 0, lsb = exponent > 0;
  if (g && (r || s || lsb))
    exponent++; /* 254 may become 255, NaN, as in c10 */
  return (uint8_t)exponent;
}

/*===-- Rounding through a dtype -------------------------------------------===*/

/* float(T(v)): the value `v` takes when stored as `dtype` and reloaded.  The
 * kernels use it at every point where vLLM rounds an intermediate to the
 * activation type (`static_cast<scalar_t>`, c10 16-bit arithmetic). */
FX_DTYPES_HANDLED(14, "fxRoundTo (a float that rounds)");
FX_HD float fxRoundTo(int32_t dtype, float v) {
  switch (dtype) {
  case FX_DTYPE_F16:
    return fxF16ToF32(fxF32ToF16(v));
  case FX_DTYPE_BF16:
    return fxBF16ToF32(fxF32ToBF16(v));
  case FX_DTYPE_F8E4M3FN:
    return fxF8E4M3FNToF32(fxF32ToF8E4M3FN(v));
  case FX_DTYPE_F8E5M2:
    return fxF8E5M2ToF32(fxF32ToF8E5M2(v));
  case FX_DTYPE_F8E8M0FNU:
    return fxF8E8M0FNUToF32(fxF32ToF8E8M0FNU(v));
  default: /* f32, f64 (which holds every float) and what does not round
              as a float: the integers, bool, packed f4e2m1fnx2 */
    return v;
  }
}

#endif /* FX_COMMON_CONVERT_H */
