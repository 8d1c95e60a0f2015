/* rowops_avx512.c - AVX-512 row loops for the fp8 kernels (fx_rowops.h),
 * bit-identical to the portable loops in rowops.c.
 *
 * The AVX2 fp8 loops are bound by instructions (docs/performance.md,
 * "Kernels"); these do the same IEEE fp32 operations, in the same order,
 * sixteen lanes at a time, with the conversions of fx_simd512.h.  Only the
 * loops of the fp8 and norm kernels are here; the table takes every other
 * entry from the AVX2 table.  Sums of squares keep fxCpuSumSquares' 16
 * lanes as one 16-lane accumulator (lane l holds elements i + l, as the
 * AVX2 loops' two 8-lane halves do) and fold them the same way.  Tails
 * (n % 16) run the scalar code itself.  Compiled with the library's portable
 * flags: only the functions carry the target attribute, and they only run
 * after fxCpuHasAvx512() said yes. */
#include "cpu/fx_rowops.h"
#include "cpu/fx_simd512.h"

#ifdef FX_HAVE_AVX2_PATH

#include <pthread.h>
#include <string.h>

/* Per dtype: the scalar widening and float(T(v)) for tails. */
static inline float fxSToF32(float v) { return v; }
static inline float fxSRndF32(float v) { return v; }
#define fxSToF16 fxF16ToF32
static inline float fxSRndF16(float v) { return fxF16ToF32(fxF32ToF16(v)); }
#define fxSToBF16 fxBF16ToF32
static inline float fxSRndBF16(float v) { return fxBF16ToF32(fxF32ToBF16(v)); }

static inline FX_AVX512 void fxWSt16(uint8_t *d, __m128i q) {
  _mm_storeu_si128((__m128i *)d, q);
}

/* fxCpuSumSquares' tail and pairwise fold, after its 16 lanes were
 * accumulated in `acc` over x[0..i). */
static inline FX_AVX512 float fxWSumSqFinish(__m512 acc, const float *x,
                                             int64_t i, int64_t n) {
  float lane[16];
  _mm512_storeu_ps(lane, acc);
  return fxSumSqFinishLanes(lane, x, i, n);
}

static FX_AVX512 float fxWSumSquares(const float *x, int64_t n) {
  __m512 acc = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 v = _mm512_loadu_ps(x + i);
    acc = _mm512_add_ps(acc, _mm512_mul_ps(v, v));
  }
  return fxWSumSqFinish(acc, x, i, n);
}

/* max over lanes holding fabs values (no NaN: max_ps returned the
 * accumulator for those, as fmaxf(amax, NaN) does). */
static inline FX_AVX512 float fxWHMax(__m512 m) { return _mm512_reduce_max_ps(m); }

static inline FX_AVX512 __m512 fxWAbs(__m512 v) {
  return _mm512_and_ps(v, _mm512_castsi512_ps(_mm512_set1_epi32(0x7FFFFFFF)));
}

/* FN(d, s, n, k): d[i] = q(s[i] op k) for a dense row of CT. */
#define FX_W_QUANT(FN, CT, NAME, VOP, SOP)                                     \
  static FX_AVX512 void FN(uint8_t *d, const void *s, int64_t n, float k) {    \
    const CT *p = (const CT *)s;                                               \
    __m512 vk = _mm512_set1_ps(k);                                             \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16)                                               \
      fxWSt16(d + i, fxW16QuantFp8(VOP(fxW16LdArith##NAME(p + i), vk)));       \
    for (; i < n; i++)                                                         \
      d[i] = fxQuantF8E4M3FN(fxSTo##NAME(p[i]) SOP k);                         \
  }

/* Everything that depends on the storage dtype CT. */
#define FX_W_DT(NAME, CT)                                                      \
  static FX_AVX512 float fxWAbsMaxDense##NAME(const void *s, int64_t n) {      \
    const CT *p = (const CT *)s;                                               \
    __m512 m = _mm512_setzero_ps();                                            \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16)                                               \
      m = _mm512_max_ps(fxWAbs(fxW16LdArith##NAME(p + i)), m);                 \
    float amax = fxWHMax(m);                                                   \
    for (; i < n; i++) {                                                       \
      float a = fabsf(fxSTo##NAME(p[i]));                                      \
      amax = a > amax ? a : amax;                                              \
    }                                                                          \
    return amax;                                                               \
  }                                                                            \
  FX_W_QUANT(fxWQuantMulDense##NAME, CT, NAME, _mm512_mul_ps, *)               \
  FX_W_QUANT(fxWQuantDivDense##NAME, CT, NAME, _mm512_div_ps, /)               \
  /* x = load(src); returns sumSquares(x).  Lanes are stored as loaded for \
   * arithmetic, as the AVX2 loop does (fxVLoadSumSq). */                     \
  static FX_AVX512 float fxWLoadSumSq##NAME(float *x, const void *s,           \
                                            int64_t n) {                       \
    const CT *p = (const CT *)s;                                               \
    __m512 acc = _mm512_setzero_ps();                                          \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      __m512 v = fxW16LdArith##NAME(p + i);                                    \
      _mm512_storeu_ps(x + i, v);                                              \
      acc = _mm512_add_ps(acc, _mm512_mul_ps(v, v));                           \
    }                                                                          \
    for (int64_t j = i; j < n; j++)                                            \
      x[j] = fxSTo##NAME(p[j]);                                                \
    return fxWSumSqFinish(acc, x, i, n);                                       \
  }                                                                            \
  /* dst = q(float(T((x * inv) * w)) * invScale); w NULL: T(x * inv). */      \
  static FX_AVX512 void fxWNormQuant##NAME(uint8_t *d, const float *x,         \
                                           int64_t n, float inv,               \
                                           const float *w, float invScale) {   \
    __m512 vinv = _mm512_set1_ps(inv), vs = _mm512_set1_ps(invScale);          \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      __m512 v = _mm512_mul_ps(_mm512_loadu_ps(x + i), vinv);                  \
      if (w)                                                                   \
        v = _mm512_mul_ps(v, _mm512_loadu_ps(w + i));                          \
      fxWSt16(d + i, fxW16QuantFp8(_mm512_mul_ps(fxW16RndArith##NAME(v), vs))); \
    }                                                                          \
    for (; i < n; i++)                                                         \
      d[i] = fxQuantF8E4M3FN(                                                  \
          fxSRnd##NAME(w ? (x[i] * inv) * w[i] : x[i] * inv) * invScale);      \
  }                                                                            \
  /* x = T(T(x * rms) * w), returning max |x|; for quantizing callers only: \
   * a NaN lane may come out with any sign or payload (fx_rowops.h). */     \
  static FX_AVX512 float fxWNormRoundFirst##NAME(float *x, int64_t n,          \
                                                 float rms, const float *w) {  \
    __m512 vrms = _mm512_set1_ps(rms), vmax = _mm512_setzero_ps();             \
    int64_t i = 0;                                                             \
    for (; i + 16 <= n; i += 16) {                                             \
      __m512 v = fxW16RndArith##NAME(_mm512_mul_ps(                            \
          fxW16RndArith##NAME(_mm512_mul_ps(_mm512_loadu_ps(x + i), vrms)),    \
          _mm512_loadu_ps(w + i)));                                            \
      _mm512_storeu_ps(x + i, v);                                              \
      vmax = _mm512_max_ps(fxWAbs(v), vmax);                                   \
    }                                                                          \
    return fxNormRoundFirstTail(FX_DTYPE_##NAME, x, i, n, rms, w,            \
                                fxWHMax(vmax));                                 \
  }

FX_W_DT(F32, float)
FX_W_DT(F16, uint16_t)
FX_W_DT(BF16, uint16_t)

/* The fp32 scratch-row loops are the dense f32 ones. */
static FX_AVX512 float fxWAbsMax(const float *x, int64_t n) {
  return fxWAbsMaxDenseF32(x, n);
}
static FX_AVX512 void fxWQuantMul(uint8_t *d, const float *x, int64_t n, float k) {
  fxWQuantMulDenseF32(d, x, n, k);
}
static FX_AVX512 void fxWQuantDiv(uint8_t *d, const float *x, int64_t n, float k) {
  fxWQuantDivDenseF32(d, x, n, k);
}

#define FX_W_BY_DT(T, F)                                                       \
  do {                                                                         \
    T[FX_DTYPE_F32] = F##F32;                                                  \
    T[FX_DTYPE_F16] = F##F16;                                                  \
    T[FX_DTYPE_BF16] = F##BF16;                                                \
  } while (0)

static FxRowOps gTable;
static pthread_once_t gOnce = PTHREAD_ONCE_INIT;

/* The AVX2 table with the loops above in place of its own. */
static void fxWInit(void) {
  const FxRowOps *avx2 = fxRowOpsAvx2();
  if (!avx2 || !fxCpuHasAvx512())
    return;
  gTable = *avx2;
  gTable.isa = "avx512";
  gTable.sumSquares = fxWSumSquares;
  gTable.absMax = fxWAbsMax;
  gTable.quantMul = fxWQuantMul;
  gTable.quantDiv = fxWQuantDiv;
  FX_W_BY_DT(gTable.loadSumSq, fxWLoadSumSq);
  FX_W_BY_DT(gTable.normQuant, fxWNormQuant);
  FX_W_BY_DT(gTable.normRoundFirst, fxWNormRoundFirst);
  FX_W_BY_DT(gTable.quantMulDense, fxWQuantMulDense);
  FX_W_BY_DT(gTable.quantDivDense, fxWQuantDivDense);
  FX_W_BY_DT(gTable.absMaxDense, fxWAbsMaxDense);
}

const FxRowOps *fxRowOpsAvx512(void) {
  pthread_once(&gOnce, fxWInit);
  return gTable.isa ? &gTable : NULL;
}

#else /* not x86 */

const FxRowOps *fxRowOpsAvx512(void) { return NULL; }

#endif
