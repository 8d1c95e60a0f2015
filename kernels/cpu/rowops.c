/* rowops.c - the portable row loops, the run-time choice between them and
 * the AVX2 ones, and the row-splitting threads (fx_rowops.h).
 *
 * The portable loops are the definition: rowops_avx2.c must give the same
 * bits, and test/Kernels/fastpath.c checks that it does.  They are
 * dtype-specialised (no per-element dtype switch) and inline everything
 * (fxClampFp8 instead of libm's fminf/fmaxf). */
#define _POSIX_C_SOURCE 200809L
#include "cpu/fx_rowops.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*===-- Portable loops -----------------------------------------------------===*/

static inline float fxRndF32(float v) { return v; }
static inline float fxRndF16(float v) { return fxF16ToF32(fxF32ToF16(v)); }
static inline float fxRndBF16(float v) { return fxBF16ToF32(fxF32ToBF16(v)); }

static void fxLoadDenseF32(float *d, const void *s, int64_t n) {
  memcpy(d, s, (size_t)n * sizeof(float));
}
static void fxStoreDenseF32(void *d, const float *s, int64_t n) {
  memcpy(d, s, (size_t)n * sizeof(float));
}

/* One set of loops per 16-bit dtype; `RND` is float(T(v)). */
#define FX_SCALAR_DT(NAME, TO_F32, FROM_F32, RND)                              \
  static void fxLoadDense##NAME(float *d, const void *s, int64_t n) {          \
    const uint16_t *h = (const uint16_t *)s;                                   \
    for (int64_t i = 0; i < n; i++)                                            \
      d[i] = TO_F32(h[i]);                                                     \
  }                                                                            \
  static void fxStoreDense##NAME(void *d, const float *s, int64_t n) {         \
    uint16_t *h = (uint16_t *)d;                                               \
    for (int64_t i = 0; i < n; i++)                                            \
      h[i] = FROM_F32(s[i]);                                                   \
  }

FX_SCALAR_DT(F16, fxF16ToF32, fxF32ToF16, fxRndF16)
FX_SCALAR_DT(BF16, fxBF16ToF32, fxF32ToBF16, fxRndBF16)

/* h * u of silu_and_mul with the NaN rule (gate and up may both be NaN). */
static inline float fxSiluMulElem(float h, float u) {
  return fxNanFirst(h, u, h * u);
}

#define FX_SCALAR_MATH(NAME, RND)                                              \
  static void fxAddRound##NAME(float *x, const float *r, int64_t n) {          \
    for (int64_t i = 0; i < n; i++)                                            \
      x[i] = RND(fxNanFirst(x[i], r[i], x[i] + r[i]));                         \
  }                                                                            \
  static void fxNorm##NAME(float *x, int64_t n, float inv, const float *w) {   \
    if (w)                                                                     \
      for (int64_t i = 0; i < n; i++)                                          \
        x[i] = RND((x[i] * inv) * w[i]);                                       \
    else                                                                       \
      for (int64_t i = 0; i < n; i++)                                          \
        x[i] = RND(x[i] * inv);                                                \
  }                                                                            \
  static float fxNormRoundFirst##NAME(float *x, int64_t n, float rms,          \
                                      const float *w) {                        \
    float amax = 0.0f;                                                         \
    for (int64_t i = 0; i < n; i++) {                                          \
      float v = RND(RND(x[i] * rms) * w[i]);                                   \
      float a = fabsf(v);                                                      \
      amax = a > amax ? a : amax; /* fmaxf(amax, a): NaN never wins */         \
      x[i] = v;                                                                \
    }                                                                          \
    return amax;                                                               \
  }                                                                            \
  static void fxSiluMul##NAME(float *g, const float *u, int64_t n) {           \
    for (int64_t i = 0; i < n; i++)                                            \
      g[i] = RND(fxSiluMulElem(RND(fxSilu(g[i])), u[i]));                      \
  }

FX_SCALAR_MATH(F32, fxRndF32)
FX_SCALAR_MATH(F16, fxRndF16)
FX_SCALAR_MATH(BF16, fxRndBF16)

static float fxAbsMaxScalar(const float *x, int64_t n) {
  float amax = 0.0f;
  for (int64_t i = 0; i < n; i++) {
    float a = fabsf(x[i]);
    amax = a > amax ? a : amax;
  }
  return amax;
}

static void fxQuantMulScalar(uint8_t *d, const float *x, int64_t n, float inv) {
  for (int64_t i = 0; i < n; i++)
    d[i] = fxQuantF8E4M3FN(x[i] * inv);
}

static void fxQuantDivScalar(uint8_t *d, const float *x, int64_t n, float s) {
  for (int64_t i = 0; i < n; i++)
    d[i] = fxQuantF8E4M3FN(x[i] / s);
}

/* The fused loops, per element, with the rounding points of the chained
 * loops: storing T(v) is storing v (RNE is idempotent), so only the quant
 * ones round explicitly. */
#define FX_SCALAR_FUSED(NAME, CT, TO_F32, FROM_F32, RND)                       \
  static float fxLoadSumSq##NAME(float *x, const void *s, int64_t n) {         \
    const CT *p = (const CT *)s;                                               \
    for (int64_t i = 0; i < n; i++)                                            \
      x[i] = TO_F32(p[i]);                                                     \
    return fxCpuSumSquares(x, n);                                              \
  }                                                                            \
  static float fxAddSumSq##NAME(float *x, const void *a, const void *b,        \
                                void *sum, int64_t n) {                        \
    const CT *pa = (const CT *)a, *pb = (const CT *)b;                         \
    CT *ps = (CT *)sum;                                                        \
    for (int64_t i = 0; i < n; i++) {                                          \
      float fa = TO_F32(pa[i]), fb = TO_F32(pb[i]);                            \
      float v = RND(fxNanFirst(fa, fb, fa + fb));                              \
      x[i] = v;                                                                \
      ps[i] = FROM_F32(v);                                                     \
    }                                                                          \
    return fxCpuSumSquares(x, n);                                              \
  }                                                                            \
  static void fxNormStore##NAME(void *d, const float *x, int64_t n, float inv, \
                                const float *w) {                              \
    CT *p = (CT *)d;                                                           \
    for (int64_t i = 0; i < n; i++)                                            \
      p[i] = FROM_F32(w ? (x[i] * inv) * w[i] : x[i] * inv);                   \
  }                                                                            \
  static void fxNormQuant##NAME(uint8_t *d, const float *x, int64_t n,         \
                                float inv, const float *w, float invScale) {   \
    for (int64_t i = 0; i < n; i++)                                            \
      d[i] = fxQuantF8E4M3FN(                                                  \
          RND(w ? (x[i] * inv) * w[i] : x[i] * inv) * invScale);               \
  }                                                                            \
  static void fxQuantMulDense##NAME(uint8_t *d, const void *s, int64_t n,      \
                                    float inv) {                               \
    const CT *p = (const CT *)s;                                               \
    for (int64_t i = 0; i < n; i++)                                            \
      d[i] = fxQuantF8E4M3FN(TO_F32(p[i]) * inv);                              \
  }                                                                            \
  static float fxAbsMaxDense##NAME(const void *s, int64_t n) {                 \
    const CT *p = (const CT *)s;                                               \
    float amax = 0.0f;                                                         \
    for (int64_t i = 0; i < n; i++) {                                          \
      float a = fabsf(TO_F32(p[i]));                                           \
      amax = a > amax ? a : amax;                                              \
    }                                                                          \
    return amax;                                                               \
  }                                                                            \
  static void fxQuantDivDense##NAME(uint8_t *d, const void *s, int64_t n,      \
                                    float sc) {                                \
    const CT *p = (const CT *)s;                                               \
    for (int64_t i = 0; i < n; i++)                                            \
      d[i] = fxQuantF8E4M3FN(TO_F32(p[i]) / sc);                               \
  }

/* silu_and_mul from the table (16-bit dtypes only). */
#define FX_SCALAR_SILU(NAME, TO_F32, FROM_F32, RND)                            \
  static void fxSiluMulDense##NAME(void *d, const void *s, int64_t n,          \
                                   const float *tab) {                         \
    const uint16_t *p = (const uint16_t *)s;                                   \
    uint16_t *o = (uint16_t *)d;                                               \
    for (int64_t i = 0; i < n; i++) {                                          \
      float h = tab[p[i]], u = TO_F32(p[n + i]);                               \
      o[i] = FROM_F32(fxSiluMulElem(h, u));                                    \
    }                                                                          \
  }                                                                            \
  static void fxSiluMulQuantDense##NAME(uint8_t *d, const void *s, int64_t n,  \
                                        const float *tab, float invScale) {    \
    const uint16_t *p = (const uint16_t *)s;                                   \
    for (int64_t i = 0; i < n; i++) {                                          \
      float h = tab[p[i]], u = TO_F32(p[n + i]);                               \
      d[i] = fxQuantF8E4M3FN(RND(fxSiluMulElem(h, u)) * invScale);             \
    }                                                                          \
  }

FX_SCALAR_SILU(F16, fxF16ToF32, fxF32ToF16, fxRndF16)
FX_SCALAR_SILU(BF16, fxBF16ToF32, fxF32ToBF16, fxRndBF16)

/* Built once per dtype; the tables live as long as the process. */
static float *gSiluTab[FX_ROWOPS_NDT];
static pthread_once_t gSiluOnce[FX_ROWOPS_NDT] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
                                                  PTHREAD_ONCE_INIT};

static void fxSiluTableBuild(int32_t dtype) {
  float *t = (float *)malloc(65536 * sizeof(float));
  for (uint32_t b = 0; t && b < 65536; b++) {
    float g = dtype == FX_DTYPE_F16 ? fxF16ToF32((uint16_t)b) : fxBF16ToF32((uint16_t)b);
    t[b] = fxRoundTo(dtype, fxSilu(g));
  }
  gSiluTab[dtype] = t;
}
static void fxSiluTableF16(void) { fxSiluTableBuild(FX_DTYPE_F16); }
static void fxSiluTableBF16(void) { fxSiluTableBuild(FX_DTYPE_BF16); }

const float *fxCpuSiluTable(int32_t dtype) {
  if (dtype == FX_DTYPE_F16)
    pthread_once(&gSiluOnce[FX_DTYPE_F16], fxSiluTableF16);
  else if (dtype == FX_DTYPE_BF16)
    pthread_once(&gSiluOnce[FX_DTYPE_BF16], fxSiluTableBF16);
  else
    return NULL;
  return gSiluTab[dtype];
}

FX_SCALAR_FUSED(F32, float, fxRndF32, fxRndF32, fxRndF32)
FX_SCALAR_FUSED(F16, uint16_t, fxF16ToF32, fxF32ToF16, fxRndF16)
FX_SCALAR_FUSED(BF16, uint16_t, fxBF16ToF32, fxF32ToBF16, fxRndBF16)

#define FX_BY_DT(F) {F##F32, F##F16, F##BF16}

const FxRowOps fxRowOpsScalar = {
    "scalar",
    {fxLoadDenseF32, fxLoadDenseF16, fxLoadDenseBF16},
    {fxStoreDenseF32, fxStoreDenseF16, fxStoreDenseBF16},
    {fxAddRoundF32, fxAddRoundF16, fxAddRoundBF16},
    fxCpuSumSquares,
    {fxNormF32, fxNormF16, fxNormBF16},
    {fxNormRoundFirstF32, fxNormRoundFirstF16, fxNormRoundFirstBF16},
    fxAbsMaxScalar,
    fxQuantMulScalar,
    fxQuantDivScalar,
    {fxSiluMulF32, fxSiluMulF16, fxSiluMulBF16},
    FX_BY_DT(fxLoadSumSq),
    FX_BY_DT(fxAddSumSq),
    FX_BY_DT(fxNormStore),
    FX_BY_DT(fxNormQuant),
    FX_BY_DT(fxQuantMulDense),
    FX_BY_DT(fxAbsMaxDense),
    FX_BY_DT(fxQuantDivDense),
    {NULL, fxSiluMulDenseF16, fxSiluMulDenseBF16},
    {NULL, fxSiluMulQuantDenseF16, fxSiluMulQuantDenseBF16},
};

float fxCpuSumSquaresNan(const float *x, int64_t n) {
  enum { kLanes = 16 };
  float lane[kLanes] = {0};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; l++) {
      float p = x[i + l] * x[i + l];
      lane[l] = fxNanFirst(lane[l], p, lane[l] + p);
    }
  for (int l = 0; i < n; i++, l++) {
    float p = x[i] * x[i];
    lane[l] = fxNanFirst(lane[l], p, lane[l] + p);
  }
  for (int w = kLanes / 2; w > 0; w /= 2)
    for (int l = 0; l < w; l++)
      lane[l] = fxNanFirst(lane[l], lane[l + w], lane[l] + lane[l + w]);
  return lane[0];
}

void fxCpuNormNan(int32_t dtype, float *x, int64_t n, float inv, const float *w) {
  for (int64_t i = 0; i < n; i++) {
    float v = fxNanFirst(x[i], inv, x[i] * inv);
    if (w)
      v = fxNanFirst(v, w[i], v * w[i]);
    x[i] = fxRoundTo(dtype, v);
  }
}

/*===-- Choosing the loops, once -------------------------------------------===*/

static const FxRowOps *gRowOps;
static int gNumThreads;
static double gMinParallelBytes = 4.0 * 1024 * 1024;
static pthread_once_t gOnce = PTHREAD_ONCE_INIT;

enum { kMaxThreads = 16 };

static void fxRowOpsInit(void) {
  /* FXRT_CPU_ISA=scalar|avx2|avx512|auto (default auto: the best the CPU
   * has).  A table the CPU cannot run falls back to the next one down. */
  static const struct {
    const char *name, *needs;
    const FxRowOps *(*table)(void);
  } kIsas[] = {
      {"avx512", "AVX-512 F/BW/VL/DQ", fxRowOpsAvx512},
      {"avx2", "AVX2+F16C", fxRowOpsAvx2},
  };
  enum { kNumIsas = sizeof kIsas / sizeof kIsas[0] };
  const char *isa = getenv("FXRT_CPU_ISA");
  int from = 0; /* auto: the widest */
  if (isa && *isa && strcmp(isa, "auto") != 0) {
    from = strcmp(isa, "scalar") == 0 ? kNumIsas : -1;
    for (int i = 0; i < kNumIsas && from < 0; i++)
      if (strcmp(isa, kIsas[i].name) == 0)
        from = i;
    if (from < 0) {
      fxCpuWarn("FXRT_CPU_ISA", "unknown value '%s' (scalar, avx2, avx512, "
                                "auto)", isa);
      from = 0;
    }
  }
  gRowOps = &fxRowOpsScalar;
  for (int i = from; i < kNumIsas; i++) {
    const FxRowOps *t = kIsas[i].table();
    if (t) {
      gRowOps = t;
      break;
    }
    if (i == from && isa && strcmp(isa, kIsas[i].name) == 0)
      fxCpuWarn("FXRT_CPU_ISA", "%s requested but this CPU (or build) lacks "
                                "%s; using the next loops down", isa,
                kIsas[i].needs);
  }
  /* FXRT_NUM_THREADS=N (1..16); default: online CPUs, at most 16. */
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  gNumThreads = cpus < 1 ? 1 : cpus > kMaxThreads ? kMaxThreads : (int)cpus;
  const char *nt = getenv("FXRT_NUM_THREADS");
  if (nt && *nt) {
    char *end;
    long v = strtol(nt, &end, 10);
    if (*end || v < 1)
      fxCpuWarn("FXRT_NUM_THREADS", "ignoring '%s' (expected a positive "
                                    "integer)", nt);
    else
      gNumThreads = v > kMaxThreads ? kMaxThreads : (int)v;
  }
  /* FXRT_PARALLEL_MIN_BYTES=N: the smallest traffic split over threads
   * (default 4 MiB; the tests set 0 to split even tiny tensors). */
  const char *mb = getenv("FXRT_PARALLEL_MIN_BYTES");
  if (mb && *mb) {
    char *end;
    double v = strtod(mb, &end);
    if (*end || !(v >= 0))
      fxCpuWarn("FXRT_PARALLEL_MIN_BYTES", "ignoring '%s' (expected a "
                                           "byte count)", mb);
    else
      gMinParallelBytes = v;
  }
}

const FxRowOps *fxCpuRowOps(void) {
  pthread_once(&gOnce, fxRowOpsInit);
  return gRowOps;
}

int fxCpuNumThreads(void) {
  pthread_once(&gOnce, fxRowOpsInit);
  return gNumThreads;
}

/*===-- Row load / store / quantize with any stride ------------------------===*/

void fxCpuLoadRow(int32_t dtype, float *dst, const char *src, int64_t n,
                  int64_t stride) {
  if (dtype >= 0 && dtype < FX_ROWOPS_NDT && stride == fxElemSize(dtype))
    fxCpuRowOps()->load[dtype](dst, src, n);
  else
    fxCpuDtype(dtype)->load(dst, src, n, stride);
}

void fxCpuStoreRow(int32_t dtype, char *dst, const float *src, int64_t n,
                   int64_t stride) {
  if (dtype >= 0 && dtype < FX_ROWOPS_NDT && stride == fxElemSize(dtype))
    fxCpuRowOps()->store[dtype](dst, src, n);
  else
    fxCpuDtype(dtype)->store(dst, src, n, stride);
}

void fxCpuQuantRowMul(char *dst, int64_t stride, const float *x, int64_t n,
                      float inv) {
  if (stride == 1) {
    fxCpuRowOps()->quantMul((uint8_t *)dst, x, n, inv);
    return;
  }
  for (int64_t i = 0; i < n; i++)
    *(uint8_t *)(dst + i * stride) = fxQuantF8E4M3FN(x[i] * inv);
}

void fxCpuQuantRowDiv(char *dst, int64_t stride, const float *x, int64_t n,
                      float s) {
  if (stride == 1) {
    fxCpuRowOps()->quantDiv((uint8_t *)dst, x, n, s);
    return;
  }
  for (int64_t i = 0; i < n; i++)
    *(uint8_t *)(dst + i * stride) = fxQuantF8E4M3FN(x[i] / s);
}

/*===-- Threads ------------------------------------------------------------===*/

int fxCpuWritesDisjoint(const FxTensor *t) {
  int64_t st[FXRT_MAX_RANK], sz[FXRT_MAX_RANK];
  int n = 0;
  for (int d = 0; d < t->rank; d++) {
    if (t->sizes[d] == 0)
      return 1; /* empty: nothing is written */
    if (t->sizes[d] > 1) { /* insertion sort by |stride| */
      int64_t s = t->strides[d] < 0 ? -t->strides[d] : t->strides[d];
      int i = n++;
      for (; i > 0 && st[i - 1] > s; i--) {
        st[i] = st[i - 1];
        sz[i] = sz[i - 1];
      }
      st[i] = s;
      sz[i] = t->sizes[d];
    }
  }
  int64_t span = 0; /* largest offset the smaller strides reach */
  for (int i = 0; i < n; i++) {
    if (st[i] <= span)
      return 0;
    span += st[i] * (sz[i] - 1);
  }
  return 1;
}

/* Threads are started per call and joined before returning: no state
 * outlives a kernel, so the kernels stay reentrant and fork-safe, and a
 * failed pthread_create only means the calling thread does that chunk.
 * Starting a thread costs 25-100 us on this project's 2-vCPU VM, and a
 * single AVX2 thread moves 1 MiB in about 60 us from cache, so tensors
 * below 4 MiB of traffic stay on the calling thread and a chunk is at
 * least a quarter of that (measurements: docs/performance.md, "Kernels"). */

typedef struct FxChunk {
  FxRowsFn fn;
  void *ctx;
  int64_t begin, end;
} FxChunk;

static void *fxChunkMain(void *p) {
  FxChunk *c = (FxChunk *)p;
  c->fn(c->ctx, c->begin, c->end);
  return NULL;
}

void fxCpuParallelRows(int64_t rows, double bytes, FxRowsFn fn, void *ctx) {
  int64_t nt = fxCpuNumThreads(); /* also reads the settings, once */
  double minChunk = gMinParallelBytes / 4;
  if (bytes <= 0 || bytes < gMinParallelBytes)
    nt = 1;
  else if (minChunk > 0 && nt > (int64_t)(bytes / minChunk))
    nt = (int64_t)(bytes / minChunk);
  if (nt > rows)
    nt = rows;
  if (nt <= 1) {
    if (rows > 0)
      fn(ctx, 0, rows);
    return;
  }
  FxChunk chunk[kMaxThreads];
  pthread_t tid[kMaxThreads];
  int started[kMaxThreads];
  for (int64_t k = 0; k < nt; k++) {
    chunk[k].fn = fn;
    chunk[k].ctx = ctx;
    chunk[k].begin = rows * k / nt;
    chunk[k].end = rows * (k + 1) / nt;
  }
  for (int64_t k = 1; k < nt; k++)
    started[k] = pthread_create(&tid[k], NULL, fxChunkMain, &chunk[k]) == 0;
  fxChunkMain(&chunk[0]);
  for (int64_t k = 1; k < nt; k++) {
    if (started[k])
      pthread_join(tid[k], NULL);
    else
      fxChunkMain(&chunk[k]);
  }
}
