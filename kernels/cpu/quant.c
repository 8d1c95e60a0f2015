/* quant.c - the fp8 e4m3fn quantization kernels on the CPU.
 *
 * Scale conventions (kernel-numerics.md §2.5; stored scales are fp32 with
 * dequant = q * scale):
 *   static_scaled_fp8_quant      fp8(clamp(x * (1/scale)))   reciprocal once
 *   dynamic_scaled_fp8_quant     scale = max|x| / 448 (no minimum), then as
 *                                static; an all-zero tensor gives scale 0,
 *                                1/0 = inf, 0*inf = NaN -> +448 (0x7E)
 *   dynamic_per_token_...        s = max(min(amax, ub) / 448, 1/(448*512)),
 *                                fp8(clamp(x / s))           true division
 * clamp is fminf then fmaxf against ±448, so NaN becomes +448 as on the GPU.
 * The absolute max uses fmaxf, so NaN inputs do not poison a scale.
 * Tensors of any rank and strides; rows are runs along the last dimension.
 * The fxrt.h ABI has no group_shape: static quant is per-tensor only. */
#include "cpu/fx_cpu.h"
#include "cpu/fx_rowops.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Checks result (fp8, input's shape) and input (f32/f16/bf16). */
static int fxQuantCheck(const char *k, const FxTensor *result,
                        const FxTensor *input) {
  return fxCpuCheck(k, "input", input, FX_DT_FLOAT16_32, 0, FXRT_MAX_RANK) ||
                 fxCpuCheck(k, "result", result, FX_DT(FX_DTYPE_F8E4M3FN), 0,
                            FXRT_MAX_RANK) ||
                 fxCpuCheckSameShape(k, "result", result, "input", input)
             ? -1
             : 0;
}

/* An fp32 tensor of `numel` elements. */
static int fxScaleCheck(const char *k, const char *name, const FxTensor *t,
                        int64_t numel, const char *what) {
  return fxCpuCheck(k, name, t, FX_DT(FX_DTYPE_F32), 0, FXRT_MAX_RANK) ||
                 fxCpuCheckNumel(k, name, t, numel, what)
             ? -1
             : 0;
}

/* Walks input and result row by row (a rank-0 tensor is one row of one);
 * chunks of rows go to threads (fxCpuParallelRows), each with its own
 * scratch row. */
typedef struct FxQuantCtx {
  const char *k;
  FxCpuRows it;
  int32_t dtype;
  int64_t n, is, os;
  float invScale;                /* static and per-tensor */
  const FxTensor *scale;         /* per-token scales */
  int hasUb;
  float ub;
  float amax;                    /* per-tensor: the max so far */
  pthread_mutex_t lock;          /* guards amax */
  double bytes;                  /* traffic, 0 to stay on one thread */
} FxQuantCtx;

static void fxQuantCtxInit(FxQuantCtx *q, const char *k, const FxTensor *result,
                           const FxTensor *input) {
  memset(q, 0, sizeof *q);
  q->k = k;
  q->dtype = input->dtype;
  int outer = input->rank ? input->rank - 1 : 0;
  fxCpuRowsInit(&q->it, outer, input->sizes);
  fxCpuRowsAdd(&q->it, input, NULL);
  fxCpuRowsAdd(&q->it, result, NULL);
  q->n = input->rank ? input->sizes[input->rank - 1] : 1;
  q->is = fxCpuInnerStride(input);
  q->os = fxCpuInnerStride(result);
  q->bytes = fxCpuWritesDisjoint(result)
                 ? (double)q->it.rows * (double)q->n * (double)(fxElemSize(input->dtype) + 1)
                 : 0.0;
}

/* Input and result rows dense: the fused loops read storage directly. */
static int fxQuantDense(const FxQuantCtx *q) {
  return q->is == fxElemSize(q->dtype) && q->os == 1;
}

/* Quantizes rows as fp8(clamp(x * invScale)). */
static void fxQuantChunk(void *p, int64_t begin, int64_t end) {
  const FxQuantCtx *q = (const FxQuantCtx *)p;
  FxCpuRows it = q->it;
  fxCpuRowsSeek(&it, begin, end);
  if (fxQuantDense(q)) {
    const FxRowOps *ops = fxCpuRowOps();
    while (fxCpuRowsNext(&it))
      ops->quantMulDense[q->dtype]((uint8_t *)it.ptr[1], it.ptr[0], q->n, q->invScale);
    return;
  }
  float *x = fxCpuScratch(q->k, q->n);
  while (x && fxCpuRowsNext(&it)) {
    fxCpuLoadRow(q->dtype, x, it.ptr[0], q->n, q->is);
    fxCpuQuantRowMul(it.ptr[1], q->os, x, q->n, q->invScale);
  }
  free(x);
}

/* max |x| over the rows (fmaxf's rule, NaN never wins), merged into
 * q->amax: max is order-independent, so any split gives the same bits. */
static void fxAbsMaxChunk(void *p, int64_t begin, int64_t end) {
  FxQuantCtx *q = (FxQuantCtx *)p;
  const FxRowOps *ops = fxCpuRowOps();
  int dense = fxQuantDense(q);
  float *x = dense ? NULL : fxCpuScratch(q->k, q->n), amax = 0.0f;
  FxCpuRows it = q->it;
  fxCpuRowsSeek(&it, begin, end);
  while ((dense || x) && fxCpuRowsNext(&it)) {
    float a;
    if (dense) {
      a = ops->absMaxDense[q->dtype](it.ptr[0], q->n);
    } else {
      fxCpuLoadRow(q->dtype, x, it.ptr[0], q->n, q->is);
      a = ops->absMax(x, q->n);
    }
    amax = a > amax ? a : amax;
  }
  free(x);
  pthread_mutex_lock(&q->lock);
  q->amax = amax > q->amax ? amax : q->amax;
  pthread_mutex_unlock(&q->lock);
}

/* Per token: s = max(min(amax, ub) / 448, 1/(448*512)), q = fp8(x / s). */
static void fxPerTokenChunk(void *p, int64_t begin, int64_t end) {
  const FxQuantCtx *q = (const FxQuantCtx *)p;
  const FxRowOps *ops = fxCpuRowOps();
  int dense = fxQuantDense(q);
  float *x = dense ? NULL : fxCpuScratch(q->k, q->n);
  FxCpuRows it = q->it;
  fxCpuRowsSeek(&it, begin, end);
  while ((dense || x) && fxCpuRowsNext(&it)) {
    /* Dense rows are read twice from storage (the row is cache-hot). */
    if (!dense)
      fxCpuLoadRow(q->dtype, x, it.ptr[0], q->n, q->is);
    float amax = dense ? ops->absMaxDense[q->dtype](it.ptr[0], q->n)
                       : ops->absMax(x, q->n);
    float s = fxFp8TokenScale(amax, q->hasUb, q->ub);
    *((float *)q->scale->data + fxCpuFlatOffset(q->scale, it.row - 1)) = s;
    if (dense)
      ops->quantDivDense[q->dtype]((uint8_t *)it.ptr[1], it.ptr[0], q->n, s);
    else
      fxCpuQuantRowDiv(it.ptr[1], q->os, x, q->n, s);
  }
  free(x);
}

void fxrt__C__static_scaled_fp8_quant(const FxTensor *result,
                                      const FxTensor *input,
                                      const FxTensor *scale) {
  FX_TRY(fxQuantCheck(__func__, result, input));
  FX_TRY(fxScaleCheck(__func__, "scale", scale, 1,
                      "per-tensor; group scales need group_shape, which the "
                      "ABI does not carry"));
  FX_CUDA_DISPATCH(__func__, fxCudaStaticQuant(__func__, result, input, scale),
                   result, input, scale);
  FxQuantCtx q;
  fxQuantCtxInit(&q, __func__, result, input);
  q.invScale = 1.0f / *(const float *)scale->data;
  fxCpuParallelRows(q.it.rows, q.bytes, fxQuantChunk, &q);
}

void fxrt__C__dynamic_scaled_fp8_quant(const FxTensor *result,
                                       const FxTensor *input,
                                       const FxTensor *scale) {
  FX_TRY(fxQuantCheck(__func__, result, input));
  FX_TRY(fxScaleCheck(__func__, "scale", scale, 1, "a per-tensor scale"));
  FX_CUDA_DISPATCH(__func__, fxCudaDynamicQuant(__func__, result, input, scale),
                   result, input, scale);
  FxQuantCtx q;
  fxQuantCtxInit(&q, __func__, result, input);
  pthread_mutex_init(&q.lock, NULL);
  /* The max reads only: split it whenever the input is large. */
  double readBytes = (double)q.it.rows * (double)q.n * (double)fxElemSize(input->dtype);
  fxCpuParallelRows(q.it.rows, readBytes, fxAbsMaxChunk, &q);
  pthread_mutex_destroy(&q.lock);
  float s = q.amax / FX_FP8_MAX;
  *(float *)scale->data = s;
  q.invScale = 1.0f / s;
  fxCpuParallelRows(q.it.rows, q.bytes, fxQuantChunk, &q);
}

void fxrt__C__dynamic_per_token_scaled_fp8_quant(const FxTensor *result,
                                                 const FxTensor *input,
                                                 const FxTensor *scale,
                                                 const FxTensor *scale_ub) {
  FX_TRY(fxQuantCheck(__func__, result, input));
  FX_REQUIRE(input->rank >= 1, "'input' must have a token dimension");
  FxQuantCtx q;
  fxQuantCtxInit(&q, __func__, result, input);
  FX_TRY(fxScaleCheck(__func__, "scale", scale, q.it.rows, "one per token"));
  if (scale_ub)
    FX_TRY(fxScaleCheck(__func__, "scale_ub", scale_ub, 1, "a scalar bound"));
  FX_CUDA_DISPATCH(__func__,
                   fxCudaPerTokenQuant(__func__, result, input, scale, scale_ub),
                   result, input, scale, scale_ub);
  q.scale = scale;
  q.hasUb = scale_ub != NULL;
  q.ub = scale_ub ? *(const float *)scale_ub->data : 0.0f;
  if (!fxCpuWritesDisjoint(scale))
    q.bytes = 0;
  fxCpuParallelRows(q.it.rows, q.bytes, fxPerTokenChunk, &q);
}
