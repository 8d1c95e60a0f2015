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

#include <stdlib.h>

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

/* Walks input and result row by row (a rank-0 tensor is one row of one). */
typedef struct FxQuantRows {
  FxCpuRows it;
  int64_t n, is, os;
} FxQuantRows;

static void fxQuantRowsInit(FxQuantRows *q, const FxTensor *result,
                            const FxTensor *input) {
  int outer = input->rank ? input->rank - 1 : 0;
  fxCpuRowsInit(&q->it, outer, input->sizes);
  fxCpuRowsAdd(&q->it, input, NULL);
  fxCpuRowsAdd(&q->it, result, NULL);
  q->n = input->rank ? input->sizes[input->rank - 1] : 1;
  q->is = fxCpuInnerStride(input);
  q->os = fxCpuInnerStride(result);
}

/* Quantizes every element as fp8(clamp(x * invScale)). */
static void fxQuantAll(const char *k, const FxTensor *result,
                       const FxTensor *input, float invScale) {
  FxQuantRows q;
  fxQuantRowsInit(&q, result, input);
  float *x = fxCpuScratch(k, q.n);
  if (!x)
    return;
  while (fxCpuRowsNext(&q.it)) {
    fxCpuDtype(input->dtype)->load(x, q.it.ptr[0], q.n, q.is);
    for (int64_t j = 0; j < q.n; j++)
      *(uint8_t *)(q.it.ptr[1] + j * q.os) = fxQuantF8E4M3FN(x[j] * invScale);
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
  fxQuantAll(__func__, result, input, 1.0f / *(const float *)scale->data);
}

void fxrt__C__dynamic_scaled_fp8_quant(const FxTensor *result,
                                       const FxTensor *input,
                                       const FxTensor *scale) {
  FX_TRY(fxQuantCheck(__func__, result, input));
  FX_TRY(fxScaleCheck(__func__, "scale", scale, 1, "a per-tensor scale"));
  FX_CUDA_DISPATCH(__func__, fxCudaDynamicQuant(__func__, result, input, scale),
                   result, input, scale);
  FxQuantRows q;
  fxQuantRowsInit(&q, result, input);
  float *x = fxCpuScratch(__func__, q.n);
  FX_TRY(!x);
  float amax = 0.0f;
  while (fxCpuRowsNext(&q.it)) {
    fxCpuDtype(input->dtype)->load(x, q.it.ptr[0], q.n, q.is);
    for (int64_t j = 0; j < q.n; j++)
      amax = fmaxf(amax, fabsf(x[j]));
  }
  free(x);
  float s = amax / FX_FP8_MAX;
  *(float *)scale->data = s;
  fxQuantAll(__func__, result, input, 1.0f / s);
}

void fxrt__C__dynamic_per_token_scaled_fp8_quant(const FxTensor *result,
                                                 const FxTensor *input,
                                                 const FxTensor *scale,
                                                 const FxTensor *scale_ub) {
  FX_TRY(fxQuantCheck(__func__, result, input));
  FX_REQUIRE(input->rank >= 1, "'input' must have a token dimension");
  FxQuantRows q;
  fxQuantRowsInit(&q, result, input);
  FX_TRY(fxScaleCheck(__func__, "scale", scale, q.it.rows, "one per token"));
  if (scale_ub)
    FX_TRY(fxScaleCheck(__func__, "scale_ub", scale_ub, 1, "a scalar bound"));
  FX_CUDA_DISPATCH(__func__,
                   fxCudaPerTokenQuant(__func__, result, input, scale, scale_ub),
                   result, input, scale, scale_ub);
  float ub = scale_ub ? *(const float *)scale_ub->data : 0.0f;
  float *x = fxCpuScratch(__func__, q.n);
  FX_TRY(!x);
  while (fxCpuRowsNext(&q.it)) {
    fxCpuDtype(input->dtype)->load(x, q.it.ptr[0], q.n, q.is);
    float amax = 0.0f;
    for (int64_t j = 0; j < q.n; j++)
      amax = fmaxf(amax, fabsf(x[j]));
    float s = fxFp8TokenScale(amax, scale_ub != NULL, ub);
    *((float *)scale->data + fxCpuFlatOffset(scale, q.it.row - 1)) = s;
    for (int64_t j = 0; j < q.n; j++)
      *(uint8_t *)(q.it.ptr[1] + j * q.os) = fxQuantF8E4M3FN(x[j] / s);
  }
  free(x);
}
