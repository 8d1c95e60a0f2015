/* rowops_avx2.c - the AVX2+F16C row loops (fx_rowops.h), bit-identical to
 * the portable loops in rowops.c.
 *
 * Every loop does the same IEEE fp32 operations, in the same order, as its
 * portable twin, eight lanes at a time; conversions come from fx_simd.h;
 * tails (n % 8) run the scalar code itself.  The sum of squares keeps
 * fxCpuSumSquares' 16 lanes as two 8-lane accumulators and folds them the
 * same way.  This file is compiled with the library's portable flags: only
 * the functions carry target("avx2,f16c"), and only run after
 * __builtin_cpu_supports said yes.  FMA is not in the target, so no
 * multiply-add can be contracted. */
#include "cpu/fx_rowops.h"
#include "cpu/fx_simd.h"

#ifdef FX_HAVE_AVX2_PATH

#include <string.h>

/* Per dtype: 8-lane load/store of storage, float(T(v)) in vector and
 * scalar form, and the scalar conversions for tails. */
static inline FX_AVX2 __m256 fxVLdF32(const void *p) { return _mm256_loadu_ps((const float *)p); }
static inline FX_AVX2 void fxVStF32(void *p, __m256 v) { _mm256_storeu_ps((float *)p, v); }
static inline FX_AVX2 __m256 fxVRndF32(__m256 v) { return v; }
static inline float fxSRndF32(float v) { return v; }
static inline float fxSToF32(float v) { return v; }
static inline float fxSFromF32(float v) { return v; }

static inline FX_AVX2 __m256 fxVLdF16(const void *p) {
  return fxV8F16ToF32(_mm_loadu_si128((const __m128i *)p));
}
static inline FX_AVX2 void fxVStF16(void *p, __m256 v) {
  _mm_storeu_si128((__m128i *)p, fxV8F32ToF16(v));
}
/* For loops that only compute with the loaded value (never store it as
 * is): F16C's widening without the NaN fixup.  It differs from fxF16ToF32
 * only in the quiet bit of a signalling NaN, and every fp32 operation quiets
 * its NaN operand anyway (x86 returns the first NaN operand, quieted), so
 * the results are the same bits. */
static inline FX_AVX2 __m256 fxVLdArithF16(const void *p) {
  return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
}
#define fxVLdArithF32 fxVLdF32
#define fxVLdArithBF16 fxVLdBF16
/* Stores T(v) at p and returns float(T(v)), converting once. */
static inline FX_AVX2 __m256 fxVRndStF32(void *p, __m256 v) {
  _mm256_storeu_ps((float *)p, v);
  return v;
}
static inline FX_AVX2 __m256 fxVRndStF16(void *p, __m256 v) {
  __m128i h = fxV8F32ToF16(v); /* NaN lanes already sign | 0x7E00 */
  _mm_storeu_si128((__m128i *)p, h);
  return _mm256_cvtph_ps(h); /* exact; 0x7E00 widens to 0x7FC00000 */
}
static inline FX_AVX2 __m256 fxVRndStBF16(void *p, __m256 v) {
  __m256i r = fxV8F32ToBF16Wide(v);
  _mm_storeu_si128((__m128i *)p, _mm_packus_epi32(_mm256_castsi256_si128(r),
                                                  _mm256_extracti128_si256(r, 1)));
  return _mm256_castsi256_ps(_mm256_slli_epi32(r, 16));
}
#define fxVRndF16 fxV8RoundF16
#define fxVRndArithF16 fxV8RoundF16Arith
#define fxVRndArithF32 fxVRndF32
#define fxVRndArithBF16 fxV8RoundBF16
static inline float fxSRndF16(float v) { return fxF16ToF32(fxF32ToF16(v)); }
#define fxSToF16 fxF16ToF32
#define fxSFromF16 fxF32ToF16

static inline FX_AVX2 __m256 fxVLdBF16(const void *p) {
  return fxV8BF16ToF32(_mm_loadu_si128((const __m128i *)p));
}
static inline FX_AVX2 void fxVStBF16(void *p, __m256 v) {
  _mm_storeu_si128((__m128i *)p, fxV8F32ToBF16(v));
}
#define fxVRndBF16 fxV8RoundBF16
static inline float fxSRndBF16(float v) { return fxBF16ToF32(fxF32ToBF16(v)); }
#define fxSToBF16 fxBF16ToF32
#define fxSFromBF16 fxF32ToBF16

/* a + b with the NaN rule (fx_rowops.h). */
static inline FX_AVX2 __m256 fxVAdd(__m256 a, __m256 b) {
  return fxV8NanFirst(a, b, _mm256_add_ps(a, b));
}

/* Largest lane (no lane is NaN or -0: they hold fabs values, NaNs dropped). */
static inline FX_AVX2 float fxVHMax(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
  return _mm_cvtss_f32(m);
}

/* fxCpuSumSquares' tail and fold, after the 16 lanes were accumulated in
 * a0 (lanes 0-7) and a1 (lanes 8-15) over x[0..i). */
static inline FX_AVX2 float fxVSumSqFinish(__m256 a0, __m256 a1, const float *x,
                                           int64_t i, int64_t n) {
  float lane[16];
  _mm256_storeu_ps(lane, a0);
  _mm256_storeu_ps(lane + 8, a1);
  return fxSumSqFinishLanes(lane, x, i, n);
}

static FX_AVX2 float fxVSumSquares(const float *x, int64_t n) {
  /* Same products and sums, in the same order, as fxCpuSumSquares. */
  __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m256 v0 = _mm256_loadu_ps(x + i), v1 = _mm256_loadu_ps(x + i + 8);
    a0 = _mm256_add_ps(a0, _mm256_mul_ps(v0, v0));
    a1 = _mm256_add_ps(a1, _mm256_mul_ps(v1, v1));
  }
  return fxVSumSqFinish(a0, a1, x, i, n);
}

static FX_AVX2 float fxVAbsMax(const float *x, int64_t n) {
  __m256 absMask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
  __m256 m0 = _mm256_setzero_ps(), m1 = _mm256_setzero_ps();
  int64_t i = 0;
  /* max_ps returns its 2nd operand when either is NaN: fmaxf(amax, a). */
  for (; i + 16 <= n; i += 16) {
    m0 = _mm256_max_ps(_mm256_and_ps(_mm256_loadu_ps(x + i), absMask), m0);
    m1 = _mm256_max_ps(_mm256_and_ps(_mm256_loadu_ps(x + i + 8), absMask), m1);
  }
  float amax = fxVHMax(_mm256_max_ps(m0, m1));
  for (; i < n; i++) {
    float a = fabsf(x[i]);
    amax = a > amax ? a : amax;
  }
  return amax;
}

/* Stores 8 codes (one per 32-bit lane) as 8 bytes. */
static inline FX_AVX2 void fxVSt8Bytes(uint8_t *d, __m256i q) {
  uint64_t b = fxV8PackBytes(q);
  memcpy(d, &b, sizeof b);
}

/* FN(d, s, n, k): d[i] = q(s[i] op k) for rows of CT (loaded by LD, or
 * widened by TOF one at a time), 32 at a time; PT is the parameter's type
 * (float for the strided path's fp32 scratch, void for dense rows). */
#define FX_AVX2_QUANT(FN, PT, CT, LD, TOF, VOP, SOP)                           \
  static FX_AVX2 void FN(uint8_t *d, const PT *s, int64_t n, float k) {        \
    const CT *p = (const CT *)s;                                               \
    __m256 vk = _mm256_set1_ps(k);                                             \
    int64_t i = 0;                                                             \
    for (; i + 32 <= n; i += 32) {                                             \
      __m256i q0 = fxV8QuantFp8(VOP(LD(p + i), vk));                           \
      __m256i q1 = fxV8QuantFp8(VOP(LD(p + i + 8), vk));                       \
      __m256i q2 = fxV8QuantFp8(VOP(LD(p + i + 16), vk));                      \
      __m256i q3 = fxV8QuantFp8(VOP(LD(p + i + 24), vk));                      \
      _mm256_storeu_si256((__m256i *)(d + i), fxV32PackBytes(q0, q1, q2, q3)); \
    }                                                                          \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt8Bytes(d + i, fxV8QuantFp8(VOP(LD(p + i), vk)));                    \
    for (; i < n; i++)                                                         \
      d[i] = fxQuantF8E4M3FN(TOF(p[i]) SOP k);                                 \
  }

FX_AVX2_QUANT(fxVQuantMul, float, float, fxVLdF32, fxSToF32, _mm256_mul_ps, *)
FX_AVX2_QUANT(fxVQuantDiv, float, float, fxVLdF32, fxSToF32, _mm256_div_ps, /)

/* Everything that depends on the storage dtype CT. */
#define FX_AVX2_DT(NAME, CT)                                                   \
  static FX_AVX2 void fxVLoad##NAME(float *d, const void *s, int64_t n) {      \
    const CT *p = (const CT *)s;                                               \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      _mm256_storeu_ps(d + i, fxVLd##NAME(p + i));                             \
    for (; i < n; i++)                                                         \
      d[i] = fxSTo##NAME(p[i]);                                                \
  }                                                                            \
  static FX_AVX2 void fxVStore##NAME(void *dv, const float *s, int64_t n) {    \
    CT *p = (CT *)dv;                                                          \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt##NAME(p + i, _mm256_loadu_ps(s + i));                              \
    for (; i < n; i++)                                                         \
      p[i] = fxSFrom##NAME(s[i]);                                              \
  }                                                                            \
  static FX_AVX2 void fxVAddRound##NAME(float *x, const float *r, int64_t n) { \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      _mm256_storeu_ps(x + i, fxVRnd##NAME(fxVAdd(_mm256_loadu_ps(x + i),     \
                                                  _mm256_loadu_ps(r + i))));   \
    for (; i < n; i++)                                                         \
      x[i] = fxSRnd##NAME(fxNanFirst(x[i], r[i], x[i] + r[i]));                \
  }                                                                            \
  /* (x * inv) * w, or x * inv: the un-rounded norm of 8 lanes. */             \
  static inline FX_AVX2 __m256 fxVNormVal##NAME(const float *x, __m256 vinv,   \
                                                const float *w) {              \
    __m256 v = _mm256_mul_ps(_mm256_loadu_ps(x), vinv);                        \
    return w ? _mm256_mul_ps(v, _mm256_loadu_ps(w)) : v;                       \
  }                                                                            \
  static FX_AVX2 void fxVNorm##NAME(float *x, int64_t n, float inv,            \
                                    const float *w) {                          \
    __m256 vinv = _mm256_set1_ps(inv);                                         \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      _mm256_storeu_ps(x + i, fxVRnd##NAME(fxVNormVal##NAME(x + i, vinv,       \
                                                            w ? w + i : NULL))); \
    for (; i < n; i++)                                                         \
      x[i] = fxSRnd##NAME(w ? (x[i] * inv) * w[i] : x[i] * inv);               \
  }                                                                            \
  static FX_AVX2 float fxVNormRoundFirst##NAME(float *x, int64_t n, float rms, \
                                               const float *w) {               \
    __m256 vrms = _mm256_set1_ps(rms), vmax = _mm256_setzero_ps();             \
    __m256 absMask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));       \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8) {                                               \
      /* Only quantized (NaN -> 448) and max-ed (NaN never wins) next, so   \
       * a NaN's sign and payload do not matter: rounding without the NaN   \
       * fixup gives the same bytes. */                                     \
      __m256 v = fxVRndArith##NAME(_mm256_mul_ps(                              \
          fxVRndArith##NAME(_mm256_mul_ps(_mm256_loadu_ps(x + i), vrms)),      \
          _mm256_loadu_ps(w + i)));                                            \
      _mm256_storeu_ps(x + i, v);                                              \
      vmax = _mm256_max_ps(_mm256_and_ps(v, absMask), vmax);                   \
    }                                                                          \
    return fxNormRoundFirstTail(FX_DTYPE_##NAME, x, i, n, rms, w,            \
                                fxVHMax(vmax));                                 \
  }                                                                            \
  static FX_AVX2 void fxVSiluMul##NAME(float *g, const float *u, int64_t n) {  \
    /* expf stays libm's (the scalar loops' numerics); the rest is vector. */ \
    float e[64];                                                               \
    __m256 one = _mm256_set1_ps(1.0f);                                         \
    int64_t i = 0;                                                             \
    for (; i + 64 <= n; i += 64) {                                             \
      for (int k = 0; k < 64; k++)                                             \
        e[k] = expf(-g[i + k]);                                                \
      for (int k = 0; k < 64; k += 8) {                                        \
        __m256 x = _mm256_loadu_ps(g + i + k);                                 \
        __m256 sv = _mm256_div_ps(x, _mm256_add_ps(one, _mm256_loadu_ps(e + k))); \
        __m256 h = fxVRnd##NAME(sv), uv = _mm256_loadu_ps(u + i + k);         \
        _mm256_storeu_ps(g + i + k,                                            \
                         fxVRnd##NAME(fxV8NanFirst(h, uv, _mm256_mul_ps(h, uv)))); \
      }                                                                        \
    }                                                                          \
    for (; i < n; i++) {                                                       \
      float h = fxSRnd##NAME(fxSilu(g[i]));                                    \
      g[i] = fxSRnd##NAME(fxNanFirst(h, u[i], h * u[i]));                      \
    }                                                                          \
  }                                                                            \
  /* Fused loops (fx_rowops.h). */                                            \
  static FX_AVX2 float fxVLoadSumSq##NAME(float *x, const void *s, int64_t n) { \
    const CT *p = (const CT *)s;                                               \
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();                 \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      __m256 v0 = fxVLdArith##NAME(p + i), v1 = fxVLdArith##NAME(p + i + 8);             \
      _mm256_storeu_ps(x + i, v0);                                             \
      _mm256_storeu_ps(x + i + 8, v1);                                         \
      a0 = _mm256_add_ps(a0, _mm256_mul_ps(v0, v0));                           \
      a1 = _mm256_add_ps(a1, _mm256_mul_ps(v1, v1));                           \
    }                                                                          \
    for (int64_t j = i; j < n; j++)                                            \
      x[j] = fxSTo##NAME(p[j]);                                                \
    return fxVSumSqFinish(a0, a1, x, i, n);                                    \
  }                                                                            \
  static FX_AVX2 float fxVAddSumSq##NAME(float *x, const void *a,              \
                                         const void *b, void *sum, int64_t n) { \
    const CT *pa = (const CT *)a, *pb = (const CT *)b;                         \
    CT *ps = (CT *)sum;                                                        \
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();                 \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      __m256 v0 = fxVRndSt##NAME(ps + i, fxVAdd(fxVLdArith##NAME(pa + i),      \
                                                fxVLdArith##NAME(pb + i)));    \
      __m256 v1 = fxVRndSt##NAME(ps + i + 8, fxVAdd(fxVLdArith##NAME(pa + i + 8), \
                                                    fxVLdArith##NAME(pb + i + 8))); \
      _mm256_storeu_ps(x + i, v0);                                             \
      _mm256_storeu_ps(x + i + 8, v1);                                         \
      a0 = _mm256_add_ps(a0, _mm256_mul_ps(v0, v0));                           \
      a1 = _mm256_add_ps(a1, _mm256_mul_ps(v1, v1));                           \
    }                                                                          \
    for (int64_t j = i; j < n; j++) {                                          \
      float fa = fxSTo##NAME(pa[j]), fb = fxSTo##NAME(pb[j]);                  \
      float v = fxSRnd##NAME(fxNanFirst(fa, fb, fa + fb));                     \
      x[j] = v;                                                                \
      ps[j] = fxSFrom##NAME(v);                                                \
    }                                                                          \
    return fxVSumSqFinish(a0, a1, x, i, n);                                    \
  }                                                                            \
  static FX_AVX2 void fxVNormStore##NAME(void *dv, const float *x, int64_t n,  \
                                         float inv, const float *w) {          \
    CT *p = (CT *)dv;                                                          \
    __m256 vinv = _mm256_set1_ps(inv);                                         \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt##NAME(p + i, fxVNormVal##NAME(x + i, vinv, w ? w + i : NULL));     \
    for (; i < n; i++)                                                         \
      p[i] = fxSFrom##NAME(w ? (x[i] * inv) * w[i] : x[i] * inv);              \
  }                                                                            \
  static FX_AVX2 void fxVNormQuant##NAME(uint8_t *d, const float *x, int64_t n, \
                                         float inv, const float *w,            \
                                         float invScale) {                     \
    __m256 vinv = _mm256_set1_ps(inv), vs = _mm256_set1_ps(invScale);         \
    int64_t i = 0;                                                             \
    for (; i + 32 <= n; i += 32) {                                             \
      __m256i q[4];                                                            \
      for (int k = 0; k < 4; k++)                                              \
        q[k] = fxV8QuantFp8(_mm256_mul_ps(                                     \
            fxVRndArith##NAME(fxVNormVal##NAME(x + i + 8 * k, vinv,            \
                                               w ? w + i + 8 * k : NULL)),     \
            vs));                                                              \
      _mm256_storeu_si256((__m256i *)(d + i), fxV32PackBytes(q[0], q[1], q[2], q[3])); \
    }                                                                          \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt8Bytes(d + i, fxV8QuantFp8(_mm256_mul_ps(                           \
                             fxVRnd##NAME(fxVNormVal##NAME(x + i, vinv, w ? w + i : NULL)), \
                             vs)));                                            \
    for (; i < n; i++)                                                         \
      d[i] = fxQuantF8E4M3FN(                                                  \
          fxSRnd##NAME(w ? (x[i] * inv) * w[i] : x[i] * inv) * invScale);      \
  }                                                                            \
  FX_AVX2_QUANT(fxVQuantMulDense##NAME, void, CT, fxVLdArith##NAME,            \
                fxSTo##NAME, _mm256_mul_ps, *)                                 \
  FX_AVX2_QUANT(fxVQuantDivDense##NAME, void, CT, fxVLdArith##NAME,            \
                fxSTo##NAME, _mm256_div_ps, /)                                 \
  static FX_AVX2 float fxVAbsMaxDense##NAME(const void *s, int64_t n) {        \
    const CT *p = (const CT *)s;                                               \
    __m256 absMask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));       \
    __m256 m0 = _mm256_setzero_ps(), m1 = _mm256_setzero_ps();                 \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      m0 = _mm256_max_ps(_mm256_and_ps(fxVLdArith##NAME(p + i), absMask), m0);      \
      m1 = _mm256_max_ps(_mm256_and_ps(fxVLdArith##NAME(p + i + 8), absMask), m1);  \
    }                                                                          \
    float amax = fxVHMax(_mm256_max_ps(m0, m1));                               \
    for (; i < n; i++) {                                                       \
      float a = fabsf(fxSTo##NAME(p[i]));                                      \
      amax = a > amax ? a : amax;                                              \
    }                                                                          \
    return amax;                                                               \
  }

/* silu_and_mul of 16-bit rows: h gathered from the table by the gate's
 * bits, T(h * u) with the NaN rule; the fp8 variant needs no NaN rule
 * (every NaN quantizes to +448). */
#define FX_AVX2_SILU(NAME)                                                     \
  static inline FX_AVX2 __m256 fxVSiluProd##NAME(const uint16_t *p, int64_t n, \
                                                 int64_t i, const float *tab,  \
                                                 int rule) {                   \
    __m256i gi = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(p + i))); \
    __m256 h = _mm256_i32gather_ps(tab, gi, 4);                                \
    __m256 u = fxVLdArith##NAME(p + n + i);                                    \
    __m256 v = _mm256_mul_ps(h, u);                                            \
    return rule ? fxV8NanFirst(h, u, v) : v;                                   \
  }                                                                            \
  static FX_AVX2 void fxVSiluMulDense##NAME(void *dv, const void *s, int64_t n, \
                                            const float *tab) {                \
    const uint16_t *p = (const uint16_t *)s;                                   \
    uint16_t *o = (uint16_t *)dv;                                              \
    int64_t i = 0;                                                             \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt##NAME(o + i, fxVSiluProd##NAME(p, n, i, tab, 1));                  \
    for (; i < n; i++) {                                                       \
      float h = tab[p[i]], u = fxSTo##NAME(p[n + i]);                          \
      o[i] = fxSFrom##NAME(fxNanFirst(h, u, h * u));                           \
    }                                                                          \
  }                                                                            \
  static FX_AVX2 void fxVSiluMulQuantDense##NAME(uint8_t *d, const void *s,    \
                                                 int64_t n, const float *tab,  \
                                                 float invScale) {             \
    const uint16_t *p = (const uint16_t *)s;                                   \
    __m256 vs = _mm256_set1_ps(invScale);                                      \
    int64_t i = 0;                                                             \
    for (; i + 32 <= n; i += 32) {                                             \
      __m256i q[4];                                                            \
      for (int k = 0; k < 4; k++)                                              \
        q[k] = fxV8QuantFp8(_mm256_mul_ps(                                     \
            fxVRndArith##NAME(fxVSiluProd##NAME(p, n, i + 8 * k, tab, 0)), vs)); \
      _mm256_storeu_si256((__m256i *)(d + i), fxV32PackBytes(q[0], q[1], q[2], q[3])); \
    }                                                                          \
    for (; i + 8 <= n; i += 8)                                                 \
      fxVSt8Bytes(d + i, fxV8QuantFp8(_mm256_mul_ps(                           \
                             fxVRndArith##NAME(fxVSiluProd##NAME(p, n, i, tab, 0)), vs))); \
    for (; i < n; i++) {                                                       \
      float h = tab[p[i]], u = fxSTo##NAME(p[n + i]);                          \
      d[i] = fxQuantF8E4M3FN(fxSRnd##NAME(fxNanFirst(h, u, h * u)) * invScale); \
    }                                                                          \
  }

FX_AVX2_DT(F32, float)
FX_AVX2_DT(F16, uint16_t)
FX_AVX2_DT(BF16, uint16_t)

#define FX_BY_DT(F) {F##F32, F##F16, F##BF16}

FX_AVX2_SILU(F16)
FX_AVX2_SILU(BF16)

static const FxRowOps fxRowOpsAvx2Table = {
    "avx2",
    FX_BY_DT(fxVLoad),
    FX_BY_DT(fxVStore),
    FX_BY_DT(fxVAddRound),
    fxVSumSquares,
    FX_BY_DT(fxVNorm),
    FX_BY_DT(fxVNormRoundFirst),
    fxVAbsMax,
    fxVQuantMul,
    fxVQuantDiv,
    FX_BY_DT(fxVSiluMul),
    FX_BY_DT(fxVLoadSumSq),
    FX_BY_DT(fxVAddSumSq),
    FX_BY_DT(fxVNormStore),
    FX_BY_DT(fxVNormQuant),
    FX_BY_DT(fxVQuantMulDense),
    FX_BY_DT(fxVAbsMaxDense),
    FX_BY_DT(fxVQuantDivDense),
    {NULL, fxVSiluMulDenseF16, fxVSiluMulDenseBF16},
    {NULL, fxVSiluMulQuantDenseF16, fxVSiluMulQuantDenseBF16},
};

const FxRowOps *fxRowOpsAvx2(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c"))
    return &fxRowOpsAvx2Table;
  return NULL;
}

#else /* not x86 */

const FxRowOps *fxRowOpsAvx2(void) { return NULL; }

#endif
