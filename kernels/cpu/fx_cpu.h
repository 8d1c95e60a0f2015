/* fx_cpu.h - internals shared by the CPU kernels and the runtime (not part
 * of the ABI; the shared library exports none of these, see fxrt.map).
 *
 * The CPU kernels all work the same way: validate the records, walk the
 * tensors row by row (a row is a run along the last dimension, with any
 * strides, including 0 for broadcasting), widen each row to an fp32 scratch
 * buffer through the dtype table, compute in fp32 with the per-element math
 * of common/fx_math.h, and store back through the table.  Validation
 * failures print one line to stderr and return without writing anything.
 */
#ifndef FX_CPU_H
#define FX_CPU_H

#include "common/fx_math.h"
#include "cuda/fx_cuda.h"
#include "fx_dtype_sets.h"
#include "fxrt.h"

#include <stdint.h>

/* C linkage for the CUDA launchers (kernels/cuda), which report errors and
 * reuse the dtype table through this header too. */
#ifdef __cplusplus
extern "C" {
#endif

/*===-- Errors -------------------------------------------------------------===*/

/* A failure (errors.c): prints "fxrt: <kernel>: <message>" as one line on
 * stderr and records "<kernel>: <message>" as the run's error unless one is
 * pending already (fxrt_get_error). */
void fxCpuError(const char *kernel, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Only prints the line (a setting that is ignored, not a failure). */
void fxCpuWarn(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether an error is recorded: the entry points lowered code calls then
 * return at once (fxrt.h, "Errors"). */
int fxErrorPending(void);
/* Forgets the user-op call lowered code announced (userops.c). */
void fxUserOpForget(void);

/* Bails out of a void kernel with a message when `cond` is false.  Only for
 * the public kernel functions themselves: the message names __func__. */
#define FX_REQUIRE(cond, ...)                                                  \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fxCpuError(__func__, __VA_ARGS__);                                       \
      return;                                                                  \
    }                                                                          \
  } while (0)

/* Bails out of a void kernel when a helper (which printed) returned nonzero. */
#define FX_TRY(expr)                                                           \
  do {                                                                         \
    if (expr)                                                                  \
      return;                                                                  \
  } while (0)

/*===-- The dtype table ----------------------------------------------------===*/

/* Widens `n` elements spaced `stride` bytes apart to fp32 / narrows them back
 * with RNE (satfinite for fp8, saturating RNE for the integers). */
typedef void (*FxCpuLoadRow)(float *dst, const char *src, int64_t n,
                             int64_t stride);
typedef void (*FxCpuStoreRow)(char *dst, const float *src, int64_t n,
                              int64_t stride);

typedef struct FxCpuDtype {
  const char *name; /* torch's spelling: "bfloat16", "float8_e4m3fn" */
  int size;
  int isFloat;
  FxCpuLoadRow load;
  FxCpuStoreRow store;
} FxCpuDtype;

/* The table entry of `dtype`, or NULL when it is not an FxDtype. */
const FxCpuDtype *fxCpuDtype(int32_t dtype);
/* Its name, "absent" for -1, "unknown" otherwise (for messages). */
const char *fxCpuDtypeName(int32_t dtype);
/* "[a, b, c]": `n` values into buf (`cap` bytes), for messages; returns buf
 * (runtime.c). */
const char *fxShapeText(char *buf, size_t cap, int64_t n, const int64_t *v);

/* Dtype sets for validation: fx_dtype_sets.h (shared with the verifier). */

/*===-- torch's casts, a row at a time (copy.c) ----------------------------===*/

/* The exact carrier a dtype's values are read into: fp32 for the float
 * dtypes but f64 (every one of them is exact in fp32), double for f64,
 * int64 for the ints and bool (0 or 1); none for the packed
 * float4_e2m1fn_x2, which torch converts to and from nothing. */
typedef enum FxCarrier {
  FX_CARRIER_F32,
  FX_CARRIER_I64,
  FX_CARRIER_F64,
  FX_CARRIER_NONE
} FxCarrier;

FxCarrier fxCpuCarrier(int32_t dtype);
/* Reads `n` elements of `dtype` (not packed), `stride` bytes apart, into
 * its carrier row `dst` (float, double or int64_t). */
void fxCpuLoadCarrier(int32_t dtype, void *dst, const char *src, int64_t n,
                      int64_t stride);
/* Writes `n` values of carrier `from` as `dtype` with c10's cast from that
 * C type (copy.c's header says exactly which). */
void fxCpuStoreCarrier(FxCarrier from, int32_t dtype, char *dst,
                       const void *src, int64_t n, int64_t stride);
/* Reads a row of `dt` cast to `cd` (c10's cast) into cd's carrier row
 * `dst`; `tmp` and `tmp2` are scratch of `n` doubles each. */
void fxCpuLoadCast(int32_t dt, int32_t cd, void *dst, const char *src,
                   int64_t n, int64_t stride, void *tmp, char *tmp2);
/* aten::copy_'s body, reporting as kernel `k`: `self` gets `src`
 * converted and broadcast (also aten::_to_copy's). */
void fxCpuConvertCopy(const char *k, const FxTensor *self, const FxTensor *src);

/* For a kernel without a CUDA launcher, after validation: when any operand
 * is in GPU memory, `call` runs the kernel itself on dense host copies
 * H[0] (of `out`), H[1], ... of the operands, H[0] is copied back into
 * `out` (only its elements) unless the call failed, and the kernel
 * returns; host operands fall through to the C code.  Correct, not fast:
 * every operand crosses to the host and back each call.  No-op in a build
 * without CUDA. */
#define FX_HOST_STAGED(out, call, ...)                                         \
  do {                                                                         \
    const FxTensor *fxStaged_[] = {out, __VA_ARGS__};                          \
    enum { fxN_ = sizeof fxStaged_ / sizeof fxStaged_[0] };                    \
    FxTensor H[fxN_];                                                          \
    int fxHow_ = fxCpuStage(fxStaged_, fxN_, H);                              \
    if (fxHow_) {                                                              \
      if (fxHow_ > 0)                                                          \
        call;                                                                  \
      fxCpuUnstage(out, H, fxN_);                                              \
      return;                                                                  \
    }                                                                          \
  } while (0)
/* FX_HOST_STAGED's steps: 1 and dense host copies in `host` when an operand
 * (NULL: absent) is in GPU memory, -1 after reporting when host memory ran
 * out, else 0; then H[0] back (unless an error is pending) and the frees. */
int fxCpuStage(const FxTensor *const *ts, int n, FxTensor *host);
void fxCpuUnstage(const FxTensor *out, FxTensor *host, int n);

/*===-- Validation (each prints its message and returns -1 on failure) -----===*/

/* `t` is present, has a dtype in `dtypes` and a rank in [minRank, maxRank]. */
int fxCpuCheck(const char *kernel, const char *name, const FxTensor *t,
               uint32_t dtypes, int minRank, int maxRank);
/* `a` and `b` have the same sizes. */
int fxCpuCheckSameShape(const char *kernel, const char *an, const FxTensor *a,
                        const char *bn, const FxTensor *b);
/* `t` has the same dtype as `ref`. */
int fxCpuCheckSameDtype(const char *kernel, const char *name, const FxTensor *t,
                        const char *refName, const FxTensor *ref);
/* `t` has exactly `numel` elements. */
int fxCpuCheckNumel(const char *kernel, const char *name, const FxTensor *t,
                    int64_t numel, const char *what);

/*===-- Walking tensors ----------------------------------------------------===*/

/* Strides (elements) that walk `t` over the shape of `to` with torch's
 * broadcasting (dims aligned at the right, a missing or size-1 dim read
 * with stride 0); -1 after reporting when torch's expand would refuse. */
int fxCpuBroadcastStrides(const char *kernel, const char *name,
                          const FxTensor *t, const char *toName,
                          const FxTensor *to, int64_t *strides);

#define FX_CPU_MAX_OPS 4

/* Iterates the rows of up to FX_CPU_MAX_OPS tensors over a shared outer
 * shape: after each successful fxCpuRowsNext, ptr[k] is the first element
 * of the current row of operand k and `row` its row-major index. */
typedef struct FxCpuRows {
  int nops, rank;
  int64_t sizes[FXRT_MAX_RANK];
  int64_t strides[FX_CPU_MAX_OPS][FXRT_MAX_RANK]; /* bytes */
  int64_t idx[FXRT_MAX_RANK];
  int64_t row, rows, first;
  char *ptr[FX_CPU_MAX_OPS];
} FxCpuRows;

/* Outer shape: the first `rank` of `sizes`. */
void fxCpuRowsInit(FxCpuRows *it, int rank, const int64_t *sizes);
/* Adds an operand whose outer dims have `strides` (elements; NULL uses the
 * tensor's own leading strides).  Returns its operand number. */
int fxCpuRowsAdd(FxCpuRows *it, const FxTensor *t, const int64_t *strides);
/* Advances to the next row; 0 when done (also for an empty outer shape). */
int fxCpuRowsNext(FxCpuRows *it);
/* Restricts a fresh iterator (all operands added, not yet advanced) to rows
 * [begin, end): the next fxCpuRowsNext yields row `begin`.  `row` keeps
 * counting from 0, so `row - 1` stays the row-major index of the current row.
 * How a kernel hands each thread its own share of the rows. */
void fxCpuRowsSeek(FxCpuRows *it, int64_t begin, int64_t end);

/* The rows of a row kernel's input, output and optional residual over the
 * input's outer shape: their operand numbers in `it` (added, not advanced)
 * and inner strides (res = rs = 0 without a residual). */
typedef struct FxCpuRowIo {
  FxCpuRows it;
  int in, o, res;
  int64_t is, os, rs;
} FxCpuRowIo;

void fxCpuRowIoInit(FxCpuRowIo *io, const FxTensor *input, const FxTensor *out,
                    const FxTensor *residual);

/* Copies same-shape, same-dtype host tensors of any layouts (no checks, no
 * statistics): the body of fxrt_copy_tensor, also used by the CUDA copies
 * to pack and unpack strided host tensors. */
void fxCpuCopyStrided(const FxTensor *dst, const FxTensor *src);

/* Counts one tensor copy of `bytes` in the statistics (fxrt_get_stats), for
 * copies made outside fxrt_copy_tensor (the converting aten::copy_). */
void fxCpuCountCopy(int64_t bytes);

/* Element offset of row-major element `flat` of `t` (in elements). */
int64_t fxCpuFlatOffset(const FxTensor *t, int64_t flat);
/* Byte stride of the last dimension of `t`. */
static inline int64_t fxCpuInnerStride(const FxTensor *t) {
  return t->rank ? t->strides[t->rank - 1] * fxElemSize(t->dtype) : 0;
}

/* fp32 scratch of `n` (>= 0) floats, or NULL after printing an error. */
float *fxCpuScratch(const char *kernel, int64_t n);

/*===-- Matrix products (gemm.c) ------------------------------------------===*/

/* What happens to the fp32 product before its one rounding to out. */
typedef enum FxGemmKind {
  FX_GEMM_SCALED, /* _scaled_mm: ((acc * sa[i]) * sb[j] + bias[j]) * scaleResult */
  FX_GEMM_ADDMM,  /* addmm: alpha * acc + beta * self[i, j] (self unread if beta 0) */
} FxGemmKind;

typedef struct FxGemmEpilogue {
  FxGemmKind kind;
  /* FX_GEMM_SCALED: fp32 vectors; step 0 for one value, 1 for one per row
   * (sa) or column (sb); bias NULL when absent. */
  const float *sa, *sb, *bias;
  int64_t saStep, sbStep;
  float scaleResult;
  /* FX_GEMM_ADDMM: self broadcast to out's [M, N] by selfStrides. */
  const FxTensor *self;
  int64_t selfStrides[2];
  float alpha, beta;
} FxGemmEpilogue;

/* out[M,N] = epilogue(a[M,K] @ b[K,N]) (ep NULL: none) with fp32
 * accumulation through cblas_sgemm, one rounding to out's dtype, any
 * strides and float dtypes; validated 2-D host tensors.  M or N = 0 reads
 * nothing; K = 0 is an empty sum (0). */
void fxCpuGemm(const char *kernel, const FxTensor *out, const FxTensor *a,
               const FxTensor *b, const FxGemmEpilogue *ep);

/* Sum of squares of `x[0..n)` with fp32 accumulation, in 16 interleaved
 * partial sums folded as a tree: the shape of the GPU's per-thread partials
 * plus block reduction, and a much smaller error than one serial sum. */
float fxCpuSumSquares(const float *x, int64_t n);

#ifdef __cplusplus
}
#endif

#endif /* FX_CPU_H */
