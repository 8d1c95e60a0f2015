/* fx_rowops.h - the per-row inner loops of the CPU kernels, chosen once per
 * process, and the row-splitting thread helper (internal, not ABI).
 *
 * The kernels widen each row into an fp32 scratch row, compute there and
 * narrow back.  Every loop below works on such dense rows (or on a dense
 * storage row when the tensor's inner stride is one element), so one set of
 * dtype-specialised loops serves both the contiguous fast path and the
 * strided path (which only differs in how it loads and stores the row).
 *
 * Implementations with bit-identical results: portable C (rowops.c,
 * x86-64-v2 or any other target), AVX2+F16C (rowops_avx2.c) and, for the
 * fp8 and norm loops, AVX-512 (rowops_avx512.c), picked at the first call
 * from the CPU (__builtin_cpu_supports) unless FXRT_CPU_ISA names one
 * (docs/runtime.md).  No FMA anywhere: vLLM's numerics round every product
 * and sum separately.
 *
 * Dtype-indexed tables are indexed by FX_DTYPE_F32/F16/BF16 (0, 1, 2).
 */
#ifndef FX_CPU_ROWOPS_H
#define FX_CPU_ROWOPS_H

#include "cpu/fx_cpu.h"

#include <stdint.h>

#define FX_ROWOPS_NDT 3 /* f32, f16, bf16 */

/* NaN propagation, made explicit.  When both operands of an fp32 operation
 * are NaN, which one comes out depends on the operand order the compiler
 * happened to emit (a + b and b + a are the same to it), and f32/f16
 * outputs keep a NaN's sign (f32 also its payload).  So wherever two NaNs
 * can meet and the result reaches an f32/f16 output, every path applies
 * this rule instead: the result `r` of `a op b`, if NaN, is a's NaN when a
 * is NaN, else b's, quieted (x86's rule in source order); a NaN the
 * operation created itself (0 * inf) stays as the hardware made it. */
static inline float fxNanFirst(float a, float b, float r) {
  if (r == r)
    return r;
  if (a != a)
    return fxBitsF32(fxF32Bits(a) | 0x00400000u);
  if (b != b)
    return fxBitsF32(fxF32Bits(b) | 0x00400000u);
  return r;
}

/* The end of fxCpuSumSquares' order, shared by the vector loops: its 16
 * lanes hold the sums over x[0..i); the tail x[i..n) goes to lanes 0.. in
 * turn, then the lanes fold pairwise (8, 4, 2, 1). */
static inline float fxSumSqFinishLanes(float lane[16], const float *x,
                                       int64_t i, int64_t n) {
  for (int l = 0; i < n; i++, l++)
    lane[l] += x[i] * x[i];
  for (int w = 8; w > 0; w /= 2)
    for (int l = 0; l < w; l++)
      lane[l] += lane[l + w];
  return lane[0];
}

/* normRoundFirst's scalar tail x[i..n) of dtype `dt`, continuing the
 * maximum `amax` of the lanes before it. */
static inline float fxNormRoundFirstTail(int32_t dt, float *x, int64_t i,
                                         int64_t n, float rms, const float *w,
                                         float amax) {
  for (; i < n; i++) {
    float v = fxRoundTo(dt, fxRoundTo(dt, x[i] * rms) * w[i]);
    float a = fabsf(v);
    amax = a > amax ? a : amax;
    x[i] = v;
  }
  return amax;
}

typedef struct FxRowOps {
  const char *isa; /* "scalar", "avx2" or "avx512" */
  /* Dense storage row <-> fp32 row (exact widening / RNE narrowing). */
  void (*load[FX_ROWOPS_NDT])(float *dst, const void *src, int64_t n);
  void (*store[FX_ROWOPS_NDT])(void *dst, const float *src, int64_t n);
  /* x[j] = T(x[j] + r[j]): fused_add's rounded sum. */
  void (*addRound[FX_ROWOPS_NDT])(float *x, const float *r, int64_t n);
  /* Sum of squares in fxCpuSumSquares' order (16 lanes, pairwise fold). */
  float (*sumSquares)(const float *x, int64_t n);
  /* x[j] = T((x[j] * inv) * w[j]), or T(x[j] * inv) when w is NULL. */
  void (*norm[FX_ROWOPS_NDT])(float *x, int64_t n, float inv, const float *w);
  /* x[j] = T(T(x[j] * rms) * w[j]) (round-first); returns max |x[j]| by
   * fmaxf's rule (a NaN never wins).  For quantizing callers only: a NaN
   * in x may come out with any sign or payload. */
  float (*normRoundFirst[FX_ROWOPS_NDT])(float *x, int64_t n, float rms,
                                         const float *w);
  /* max(0, max_j |x[j]|) by fmaxf's rule. */
  float (*absMax)(const float *x, int64_t n);
  /* Dense fp8 row: q(x[j] * inv) (static) and q(x[j] / s) (per token). */
  void (*quantMul)(uint8_t *dst, const float *x, int64_t n, float inv);
  void (*quantDiv)(uint8_t *dst, const float *x, int64_t n, float s);
  /* g[j] = T(T(silu(g[j])) * u[j]) (silu_and_mul, rounded to T). */
  void (*siluMul[FX_ROWOPS_NDT])(float *g, const float *u, int64_t n);

  /* Fused loops for rows whose operands are all dense (inner stride one
   * element): the same results as the loops above chained through a
   * scratch row, with fewer passes over memory. */
  /* x = load(src); returns sumSquares(x). */
  float (*loadSumSq[FX_ROWOPS_NDT])(float *x, const void *src, int64_t n);
  /* x = T(load(a) + load(b)), stored to `sum` too (may be b); returns
   * sumSquares(x). */
  float (*addSumSq[FX_ROWOPS_NDT])(float *x, const void *a, const void *b,
                                   void *sum, int64_t n);
  /* dst = T((x * inv) * w) (w NULL: T(x * inv)), stored as T. */
  void (*normStore[FX_ROWOPS_NDT])(void *dst, const float *x, int64_t n,
                                   float inv, const float *w);
  /* dst = q(float(T((x * inv) * w)) * invScale) (w NULL: no weight). */
  void (*normQuant[FX_ROWOPS_NDT])(uint8_t *dst, const float *x, int64_t n,
                                   float inv, const float *w, float invScale);
  /* dst = q(load(src) * inv). */
  void (*quantMulDense[FX_ROWOPS_NDT])(uint8_t *dst, const void *src,
                                       int64_t n, float inv);
  /* max |load(src)| by fmaxf's rule, and dst = q(load(src) / s). */
  float (*absMaxDense[FX_ROWOPS_NDT])(const void *src, int64_t n);
  void (*quantDivDense[FX_ROWOPS_NDT])(uint8_t *dst, const void *src,
                                       int64_t n, float s);
  /* silu_and_mul of one dense row of 16-bit gates g[0..d) and ups
   * u[d..2d): dst = T(h * u) with h = tab[bits of g] (fxCpuSiluTable), or
   * q(float(T(h * u)) * invScale) into fp8.  NULL for f32. */
  void (*siluMulDense[FX_ROWOPS_NDT])(void *dst, const void *src, int64_t d,
                                      const float *tab);
  void (*siluMulQuantDense[FX_ROWOPS_NDT])(uint8_t *dst, const void *src,
                                           int64_t d, const float *tab,
                                           float invScale);
} FxRowOps;

/* float(T(silu(g))) for every 16-bit pattern g of `dtype` (f16 or bf16),
 * computed once per process by the scalar formula itself (fxSilu, libm's
 * expf): a 16-bit gate has only 65536 values, so looking its SiLU up gives
 * the very bits the per-element computation gives, without an expf per
 * element.  NULL for other dtypes or when out of memory. */
const float *fxCpuSiluTable(int32_t dtype);

/* The careful loops for rows where NaNs meet (fxNanFirst on every
 * operation): the sum of squares in fxCpuSumSquares' order, and the norm
 * x[j] = T((x[j] * inv) * w[j]) (w NULL: T(x[j] * inv)).  Portable only:
 * they run on rows that hold a NaN, or with a weight that does. */
float fxCpuSumSquaresNan(const float *x, int64_t n);
void fxCpuNormNan(int32_t dtype, float *x, int64_t n, float inv, const float *w);

/* The loops of this process (decided once; thread-safe). */
const FxRowOps *fxCpuRowOps(void);

/* The implementations (rowops.c, rowops_avx2.c, rowops_avx512.c); the
 * AVX2 and AVX-512 tables are NULL where this CPU or target cannot run
 * them.  The AVX-512 table is the AVX2 one with its fp8 and norm loops
 * replaced. */
extern const FxRowOps fxRowOpsScalar;
const FxRowOps *fxRowOpsAvx2(void);
const FxRowOps *fxRowOpsAvx512(void);

/* Stores `n` fp32 values as `dtype` at `dst`, `stride` bytes apart: the
 * dense loop when the stride is the element size, the generic table loop
 * otherwise.  Same for loads. */
void fxCpuLoadRow(int32_t dtype, float *dst, const char *src, int64_t n,
                  int64_t stride);
void fxCpuStoreRow(int32_t dtype, char *dst, const float *src, int64_t n,
                   int64_t stride);
/* q(x[j] * inv) / q(x[j] / s) to fp8 bytes `stride` apart. */
void fxCpuQuantRowMul(char *dst, int64_t stride, const float *x, int64_t n,
                      float inv);
void fxCpuQuantRowDiv(char *dst, int64_t stride, const float *x, int64_t n,
                      float s);

/*===-- Threads ------------------------------------------------------------===*/

/* Body of a parallel loop: rows [begin, end) of the kernel's `ctx`. */
typedef void (*FxRowsFn)(void *ctx, int64_t begin, int64_t end);

/* Runs fn over rows [0, rows) split into contiguous, near-equal chunks, one
 * per thread, when the tensor is large (`bytes` of traffic >= 4 MiB, or
 * FXRT_PARALLEL_MIN_BYTES; `bytes` 0 forbids splitting) and FXRT_NUM_THREADS
 * (default: online CPUs, at most 16) allows more than one; otherwise
 * fn(ctx, 0, rows) on the calling thread.  Rows are
 * independent, so the split never changes a result.  Returns after every
 * chunk is done. */
void fxCpuParallelRows(int64_t rows, double bytes, FxRowsFn fn, void *ctx);

/* Whether no two elements of `t` share memory (strides, sorted by size,
 * each reach past everything the smaller ones span).  Kernels split the
 * rows of a written tensor over threads only then: an expanded (stride 0)
 * output makes rows race, and the serial order would decide the bytes. */
int fxCpuWritesDisjoint(const FxTensor *t);

/* Threads fxCpuParallelRows may use (>= 1). */
int fxCpuNumThreads(void);

#endif /* FX_CPU_ROWOPS_H */
