/* fx_simd.h - AVX2+F16C versions of the element conversions of
 * common/fx_convert.h, eight lanes at a time, bit-identical to the scalar
 * functions for every input (NaN payloads, subnormals, ties, overflow).
 *
 * Header-only (static inline, target attribute) so that rowops_avx2.c and
 * the exhaustive test (test/Kernels/simd.c) compile the very same code.
 * Callers must be FX_AVX2 functions themselves and run only where
 * __builtin_cpu_supports says avx2 and f16c.  No FMA: the target string
 * leaves it out, so the compiler cannot contract a multiply and an add.
 */
#ifndef FX_CPU_SIMD_H
#define FX_CPU_SIMD_H

#if defined(__x86_64__) || defined(__i386__)
#define FX_HAVE_AVX2_PATH 1

#include <immintrin.h>
#include <stdint.h>

#define FX_AVX2 __attribute__((target("avx2,f16c")))

/* fxNanFirst on 8 lanes: r = a op b, NaN lanes replaced by a's NaN, else
 * b's, quieted.  One test per 8 lanes when there is no NaN. */
static inline FX_AVX2 __m256 fxV8NanFirst(__m256 a, __m256 b, __m256 r) {
  __m256 rn = _mm256_cmp_ps(r, r, _CMP_UNORD_Q);
  if (__builtin_expect(_mm256_testz_ps(rn, rn), 1))
    return r;
  __m256 quiet = _mm256_castsi256_ps(_mm256_set1_epi32(0x00400000));
  r = _mm256_blendv_ps(r, _mm256_or_ps(b, quiet), _mm256_cmp_ps(b, b, _CMP_UNORD_Q));
  return _mm256_blendv_ps(r, _mm256_or_ps(a, quiet), _mm256_cmp_ps(a, a, _CMP_UNORD_Q));
}

/*===-- fp16 ---------------------------------------------------------------===*/

/* F16C widens exactly, but quiets a signalling NaN; fxF16ToF32 keeps the
 * payload bit for bit (sign | 0x7F800000 | man << 13), so NaN lanes are
 * rebuilt with integer ops (rare: one test per 8 lanes otherwise). */
static inline FX_AVX2 __m256 fxV8F16ToF32(__m128i h) {
  __m256 f = _mm256_cvtph_ps(h);
  __m256 fnan = _mm256_cmp_ps(f, f, _CMP_UNORD_Q);
  if (__builtin_expect(!_mm256_testz_ps(fnan, fnan), 0)) {
    __m256i hw = _mm256_cvtepu16_epi32(h);
    __m256i a = _mm256_and_si256(hw, _mm256_set1_epi32(0x7FFF));
    __m256i nan = _mm256_castps_si256(fnan);
    __m256i sign = _mm256_slli_epi32(
        _mm256_and_si256(hw, _mm256_set1_epi32(0x8000)), 16);
    __m256i bits = _mm256_or_si256(
        sign, _mm256_add_epi32(_mm256_slli_epi32(a, 13),
                               _mm256_set1_epi32(0x70000000)));
    f = _mm256_blendv_ps(f, _mm256_castsi256_ps(bits), _mm256_castsi256_ps(nan));
  }
  return f;
}

/* F16C narrows with RNE (imm rounding, independent of MXCSR.RC), with
 * subnormals and overflow to Inf at >= 65520, like fxF32ToF16.  Only NaN
 * differs: F16C keeps payload bits, fxF32ToF16 gives sign | 0x7E00. */
static inline FX_AVX2 __m128i fxV8F32ToF16(__m256 x) {
  __m128i h = _mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 nan = _mm256_cmp_ps(x, x, _CMP_UNORD_Q);
  if (__builtin_expect(!_mm256_testz_ps(nan, nan), 0)) {
    __m256i u = _mm256_castps_si256(x);
    __m256i canon = _mm256_or_si256(
        _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(0x8000)),
        _mm256_set1_epi32(0x7E00));
    __m128i c16 = _mm_packus_epi32(_mm256_castsi256_si128(canon),
                                   _mm256_extracti128_si256(canon, 1));
    __m256i n32 = _mm256_castps_si256(nan);
    __m128i m16 = _mm_packs_epi32(_mm256_castsi256_si128(n32),
                                  _mm256_extracti128_si256(n32, 1));
    h = _mm_blendv_epi8(h, c16, m16);
  }
  return h;
}

/* float(fp16(x)): what fxRoundTo(FX_DTYPE_F16, x) gives.  Round trip
 * through F16C; a NaN lane becomes sign | 0x7FC00000 (fxF32ToF16's
 * sign | 0x7E00, widened), checked once for both conversions. */
static inline FX_AVX2 __m256 fxV8RoundF16(__m256 x) {
  __m256 r = _mm256_cvtph_ps(
      _mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  __m256 nan = _mm256_cmp_ps(x, x, _CMP_UNORD_Q);
  if (__builtin_expect(!_mm256_testz_ps(nan, nan), 0)) {
    __m256 canon = _mm256_or_ps(
        _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u))),
        _mm256_castsi256_ps(_mm256_set1_epi32(0x7FC00000)));
    r = _mm256_blendv_ps(r, canon, nan);
  }
  return r;
}

/* float(fp16(x)) where only the value matters, not a NaN's sign or
 * payload (the result is quantized next: every NaN becomes +448). */
static inline FX_AVX2 __m256 fxV8RoundF16Arith(__m256 x) {
  return _mm256_cvtph_ps(
      _mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

/*===-- bf16 ---------------------------------------------------------------===*/

static inline FX_AVX2 __m256 fxV8BF16ToF32(__m128i h) {
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

/* fxF32ToBF16 on 8 lanes, as 32-bit lanes holding the 16-bit result:
 * u + 0x7FFF + ((u >> 16) & 1), >> 16; NaN -> 0x7FC0. */
static inline FX_AVX2 __m256i fxV8F32ToBF16Wide(__m256 x) {
  __m256i u = _mm256_castps_si256(x);
  __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
  __m256i r = _mm256_srli_epi32(
      _mm256_add_epi32(_mm256_add_epi32(u, _mm256_set1_epi32(0x7FFF)), lsb), 16);
  __m256i nan = _mm256_cmpgt_epi32(
      _mm256_and_si256(u, _mm256_set1_epi32(0x7FFFFFFF)),
      _mm256_set1_epi32(0x7F800000));
  return _mm256_blendv_epi8(r, _mm256_set1_epi32(0x7FC0), nan);
}

static inline FX_AVX2 __m128i fxV8F32ToBF16(__m256 x) {
  __m256i r = fxV8F32ToBF16Wide(x);
  return _mm_packus_epi32(_mm256_castsi256_si128(r),
                          _mm256_extracti128_si256(r, 1));
}

/* float(bf16(x)). */
static inline FX_AVX2 __m256 fxV8RoundBF16(__m256 x) {
  return _mm256_castsi256_ps(_mm256_slli_epi32(fxV8F32ToBF16Wide(x), 16));
}

/*===-- fp8 e4m3fn ---------------------------------------------------------===*/

/* fxQuantF8E4M3FN on 8 lanes: clamp (min_ps returns its second operand when
 * the first is NaN, so NaN -> +448 exactly as fminf(x, 448)), then the
 * satfinite RNE encode of fxF32ToF8E4M3FN on the clamped value, with the
 * same integer rounding as fxShiftRne.  Result: one code per 32-bit lane. */
static inline FX_AVX2 __m256i fxV8QuantFp8(__m256 x) {
  __m256 r = _mm256_min_ps(x, _mm256_set1_ps(448.0f));
  r = _mm256_max_ps(r, _mm256_set1_ps(-448.0f));
  __m256i u = _mm256_castps_si256(r);
  __m256i sign = _mm256_and_si256(_mm256_srli_epi32(u, 24), _mm256_set1_epi32(0x80));
  __m256i a = _mm256_and_si256(u, _mm256_set1_epi32(0x7FFFFFFF));
  /* Normal (a >= 2^-6): rebias, RNE shift by 20.  |r| <= 448 gives at most
   * 0x7E, so no saturation test is needed after the clamp. */
  __m256i m = _mm256_sub_epi32(a, _mm256_set1_epi32(120 << 23));
  __m256i qn = _mm256_srli_epi32(
      _mm256_add_epi32(_mm256_add_epi32(m, _mm256_set1_epi32(0x7FFFF)),
                       _mm256_and_si256(_mm256_srli_epi32(m, 20), _mm256_set1_epi32(1))),
      20);
  /* Subnormal (|r| < 2^-6): the code is |r| in units of 2^-9 rounded to
   * an integer, ties to even: |r| * 512 is exact (a power of two), and
   * round_ps with an explicit RNE immediate does not depend on MXCSR.RC.
   * Equal to fxShiftRne on the significand, including the carry to 8 (the
   * smallest normal, 2^-6) and 0 up to 2^-10 (a tie there goes to 0). */
  __m256i isSub = _mm256_cmpgt_epi32(_mm256_set1_epi32(0x3C800000), a);
  if (!_mm256_testz_si256(isSub, isSub)) { /* rare in quantized data */
    __m256 t = _mm256_mul_ps(_mm256_castsi256_ps(a), _mm256_set1_ps(512.0f));
    __m256i qs = _mm256_cvttps_epi32(
        _mm256_round_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    qn = _mm256_blendv_epi8(qn, qs, isSub);
  }
  return _mm256_or_si256(sign, qn);
}

/* Packs four vectors of byte-valued 32-bit lanes into 32 bytes, in order. */
static inline FX_AVX2 __m256i fxV32PackBytes(__m256i a, __m256i b, __m256i c,
                                             __m256i d) {
  __m256i ab = _mm256_packus_epi32(a, b); /* a0-3 b0-3 | a4-7 b4-7 */
  __m256i cd = _mm256_packus_epi32(c, d);
  __m256i abcd = _mm256_packus_epi16(ab, cd); /* a0-3 b0-3 c0-3 d0-3 | a4-7 ... */
  return _mm256_permutevar8x32_epi32(abcd, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

/* Packs one vector of byte-valued 32-bit lanes into 8 bytes. */
static inline FX_AVX2 uint64_t fxV8PackBytes(__m256i a) {
  __m128i w = _mm_packus_epi32(_mm256_castsi256_si128(a),
                               _mm256_extracti128_si256(a, 1));
  return (uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(w, w));
}

#endif /* x86 */
#endif /* FX_CPU_SIMD_H */
