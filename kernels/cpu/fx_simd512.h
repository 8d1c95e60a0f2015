/* fx_simd512.h - AVX-512 (F, BW, VL, DQ) versions of the conversions the
 * fp8 row loops need, sixteen lanes at a time, bit-identical to the scalar
 * functions of common/fx_convert.h for every input the callers give them.
 *
 * Header-only (static inline, target attribute) so that rowops_avx512.c
 * and the exhaustive test (test/Kernels/simd.c) compile the very same
 * code.  Callers must be FX_AVX512 functions themselves and run only where
 * fxCpuHasAvx512() said yes.  No FMA: the AVX-512F target brings FMA into
 * the compiler's reach, and libfxrt's -ffp-contract=off (kernels/
 * CMakeLists.txt) is what keeps every product and sum rounded on its own
 * (objdump of rowops_avx512.c.o shows no vfmadd).
 *
 * Why a second width at all: on the 2-core Zen 4 machine the AVX2 fp8
 * loops are bound by instructions, not memory (docs/performance.md,
 * "Kernels"), and the same code at 16 lanes with mask registers, vpternlog
 * and vpmovdb takes about half the time per element.
 */
#ifndef FX_CPU_SIMD512_H
#define FX_CPU_SIMD512_H

#include "cpu/fx_simd.h"

#ifdef FX_HAVE_AVX2_PATH

#define FX_AVX512                                                              \
  __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,f16c")))

/* Whether this CPU (and OS: __builtin_cpu_supports checks XCR0) runs the
 * AVX-512 loops; they use the AVX2+F16C ones for everything else. */
static inline int fxCpuHasAvx512(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c");
}

/* Loads for loops that only compute with the value (fx_simd.h's
 * fxVLdArith*: F16C's widening quiets a signalling NaN, which every fp32
 * operation does anyway). */
static inline FX_AVX512 __m512 fxW16LdArithF32(const void *p) {
  return _mm512_loadu_ps((const float *)p);
}
static inline FX_AVX512 __m512 fxW16LdArithF16(const void *p) {
  return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
}
static inline FX_AVX512 __m512 fxW16LdArithBF16(const void *p) {
  return _mm512_castsi512_ps(_mm512_slli_epi32(
      _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p)), 16));
}

/* float(T(x)) where only the value matters, not a NaN's sign or payload
 * (the result is quantized next: every NaN becomes +448). */
static inline FX_AVX512 __m512 fxW16RndArithF32(__m512 x) { return x; }
static inline FX_AVX512 __m512 fxW16RndArithF16(__m512 x) {
  return _mm512_cvtph_ps(
      _mm512_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}
/* fxV8RoundBF16 on 16 lanes, NaN -> 0x7FC00000 included. */
static inline FX_AVX512 __m512 fxW16RndArithBF16(__m512 x) {
  __m512i u = _mm512_castps_si512(x);
  __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
  __m512i r = _mm512_add_epi32(_mm512_add_epi32(u, _mm512_set1_epi32(0x7FFF)), lsb);
  r = _mm512_and_si512(r, _mm512_set1_epi32((int)0xFFFF0000u));
  __mmask16 nan = _mm512_cmpgt_epu32_mask(
      _mm512_and_si512(u, _mm512_set1_epi32(0x7FFFFFFF)),
      _mm512_set1_epi32(0x7F800000));
  return _mm512_castsi512_ps(
      _mm512_mask_mov_epi32(r, nan, _mm512_set1_epi32(0x7FC00000)));
}

/* fxQuantF8E4M3FN on 16 lanes, as 16 bytes: fxV8QuantFp8's clamp and
 * encode (see there for why each step matches the scalar code), with the
 * subnormal lanes picked by a mask, the sign or-ed in by vpternlog and the
 * codes narrowed by vpmovdb. */
static inline FX_AVX512 __m128i fxW16QuantFp8(__m512 x) {
  __m512 r = _mm512_min_ps(x, _mm512_set1_ps(448.0f)); /* NaN -> +448 */
  r = _mm512_max_ps(r, _mm512_set1_ps(-448.0f));
  __m512i u = _mm512_castps_si512(r);
  __m512i a = _mm512_and_si512(u, _mm512_set1_epi32(0x7FFFFFFF));
  __m512i m = _mm512_sub_epi32(a, _mm512_set1_epi32(120 << 23));
  __m512i q = _mm512_srli_epi32(
      _mm512_add_epi32(_mm512_add_epi32(m, _mm512_set1_epi32(0x7FFFF)),
                       _mm512_and_si512(_mm512_srli_epi32(m, 20), _mm512_set1_epi32(1))),
      20);
  __mmask16 sub = _mm512_cmplt_epu32_mask(a, _mm512_set1_epi32(0x3C800000));
  if (sub) { /* rare in quantized data */
    __m512 t = _mm512_mul_ps(_mm512_castsi512_ps(a), _mm512_set1_ps(512.0f));
    __m512i qs = _mm512_cvttps_epi32(
        _mm512_roundscale_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    q = _mm512_mask_mov_epi32(q, sub, qs);
  }
  /* q | ((u >> 24) & 0x80): vpternlog's A | (B & C) is 0xF8. */
  q = _mm512_ternarylogic_epi32(q, _mm512_srli_epi32(u, 24), _mm512_set1_epi32(0x80), 0xF8);
  return _mm512_cvtepi32_epi8(q);
}

#endif /* FX_HAVE_AVX2_PATH */
#endif /* FX_CPU_SIMD512_H */
