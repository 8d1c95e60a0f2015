/* layernorm.c - the RMSNorm family on the CPU.
 *
 * Rows: the last dimension is the hidden size H, every leading dimension is
 * a row index, each tensor walked with its own strides (row-strided inputs
 * and q/k-norm views are normal).  The sum of squares is accumulated in
 * fp32 (fxCpuSumSquares), inv = rsqrt(sum/H + eps) with eps as fp32.
 *
 * Rounding convention (kernel-numerics.md §2.6): rms_norm, fused_add_rms_norm
 * and the two static-fp8 fused kernels follow vLLM HEAD (v0.20.0, and
 * upstream after the 2026-06-18 revert): out = T((x * inv) * w), both
 * products in fp32, one rounding.  The static-fp8 kernels quantize that
 * rounded value, which keeps them bit-identical to rms_norm followed by
 * static_scaled_fp8_quant.  rms_norm_dynamic_per_token_quant rounds first at
 * every vLLM version, T(T(z * rms) * w), and so does this kernel.
 *
 * fused_add: s = T(x + r) is stored to `residual` (exact) and the variance is
 * taken from the rounded s, like vLLM's CUDA kernel (the native reference
 * uses the unrounded sum).  rms_norm_dynamic_per_token_quant instead keeps
 * z = x + r unrounded in fp32 and stores T(z) to `residual`, as vLLM does.
 */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/* Shape and dtype checks shared by the family: `input` is a float tensor of
 * rank >= 1; each `same` tensor (non-NULL) has its shape and dtype; the
 * weight, if given, is [H] of the input dtype; `scale`, if given, is one
 * fp32 element.  Returns H, or -1 after reporting. */
static int64_t fxNormCheck(const char *k, const FxTensor *input,
                           const char *sameName[], const FxTensor *same[],
                           int nsame, const FxTensor *weight, int needWeight,
                           const FxTensor *scale) {
  if (fxCpuCheck(k, "input", input, FX_DT_FLOAT16_32, 1, FXRT_MAX_RANK))
    return -1;
  int64_t h = input->sizes[input->rank - 1];
  for (int i = 0; i < nsame; i++)
    if (same[i] &&
        (fxCpuCheck(k, sameName[i], same[i], FX_DT_ANY, 1, FXRT_MAX_RANK) ||
         fxCpuCheckSameDtype(k, sameName[i], same[i], "input", input) ||
         fxCpuCheckSameShape(k, sameName[i], same[i], "input", input)))
      return -1;
  if (weight || needWeight) {
    if (fxCpuCheck(k, "weight", weight, FX_DT_ANY, 1, 1) ||
        fxCpuCheckSameDtype(k, "weight", weight, "input", input) ||
        fxCpuCheckNumel(k, "weight", weight, h, "the hidden size"))
      return -1;
  }
  if (scale && (fxCpuCheck(k, "scale", scale, FX_DT(FX_DTYPE_F32), 0,
                           FXRT_MAX_RANK) ||
                fxCpuCheckNumel(k, "scale", scale, 1, "a per-tensor scale")))
    return -1;
  return h;
}

/* `result` of a quantizing norm: fp8 (or int8 where allowed), input's shape. */
static int fxQuantResultCheck(const char *k, const FxTensor *result,
                              const FxTensor *input, uint32_t dtypes) {
  return fxCpuCheck(k, "result", result, dtypes, 1, FXRT_MAX_RANK) ||
                 fxCpuCheckSameShape(k, "result", result, "input", input)
             ? -1
             : 0;
}

/* Loads the weight (or NULL) once as fp32. */
static float *fxLoadWeight(const char *k, const FxTensor *weight, int64_t h) {
  float *w = fxCpuScratch(k, h);
  if (w && weight)
    fxCpuDtype(weight->dtype)->load(w, (const char *)weight->data, h,
                                    fxCpuInnerStride(weight));
  return w;
}

/* Quantizes `n` fp32 values to fp8 bytes spaced `stride` apart, as
 * fp8(clamp(v * invScale)) (the static convention, §2.5). */
static void fxStoreFp8Row(char *dst, int64_t stride, const float *v, int64_t n,
                          float invScale) {
  for (int64_t i = 0; i < n; i++)
    *(uint8_t *)(dst + i * stride) = fxQuantF8E4M3FN(v[i] * invScale);
}

/* rms_norm, fused_add_rms_norm and the two static-fp8 variants share one
 * row loop; `residual` (in/out) selects the fused add, `result` may alias
 * nothing but is NULL for fused_add_rms_norm (which writes `input`), and
 * `scale` selects fp8 output. */
static void fxRmsNormRows(const char *k, const FxTensor *result,
                          const FxTensor *input, const FxTensor *residual,
                          const FxTensor *weight, const FxTensor *scale,
                          double epsilon, int64_t h) {
  const FxCpuDtype *dt = fxCpuDtype(input->dtype);
  float *w = fxLoadWeight(k, weight, h);
  float *x = fxCpuScratch(k, h), *r = fxCpuScratch(k, h);
  if (w && x && r) {
    float eps = (float)epsilon;
    float invScale = scale ? 1.0f / *(const float *)scale->data : 1.0f;
    const FxTensor *out = result ? result : input;
    FxCpuRows it;
    fxCpuRowsInit(&it, input->rank - 1, input->sizes);
    int in = fxCpuRowsAdd(&it, input, NULL), o = fxCpuRowsAdd(&it, out, NULL);
    int res = residual ? fxCpuRowsAdd(&it, residual, NULL) : 0;
    int64_t is = fxCpuInnerStride(input), os = fxCpuInnerStride(out);
    int64_t rs = residual ? fxCpuInnerStride(residual) : 0;
    while (h > 0 && fxCpuRowsNext(&it)) {
      dt->load(x, it.ptr[in], h, is);
      if (residual) { /* s = T(x + r): the new residual, and the norm input */
        dt->load(r, it.ptr[res], h, rs);
        for (int64_t j = 0; j < h; j++)
          x[j] = fxRoundTo(input->dtype, x[j] + r[j]);
        dt->store(it.ptr[res], x, h, rs);
      }
      float inv = fxRmsInv(fxCpuSumSquares(x, h), h, eps);
      for (int64_t j = 0; j < h; j++)
        x[j] = fxRmsNormElem(input->dtype, x[j], inv, weight != NULL,
                             weight ? w[j] : 1.0f);
      if (scale)
        fxStoreFp8Row(it.ptr[o], os, x, h, invScale);
      else
        dt->store(it.ptr[o], x, h, os);
    }
  }
  free(w);
  free(x);
  free(r);
}

void fxrt__C__rms_norm(const FxTensor *result, const FxTensor *input,
                       const FxTensor *weight, double epsilon) {
  const char *names[] = {"result"};
  const FxTensor *same[] = {result};
  FX_TRY(fxCpuCheck(__func__, "result", result, FX_DT_ANY, 1, FXRT_MAX_RANK));
  int64_t h = fxNormCheck(__func__, input, names, same, 1, weight, 0, NULL);
  FX_TRY(h < 0);
  FX_CUDA_DISPATCH(__func__,
                   fxCudaRmsNorm(__func__, result, input, NULL, weight, NULL,
                                 epsilon, h),
                   result, input, weight);
  fxRmsNormRows(__func__, result, input, NULL, weight, NULL, epsilon, h);
}

void fxrt__C__fused_add_rms_norm(const FxTensor *input, const FxTensor *residual,
                                 const FxTensor *weight, double epsilon) {
  const char *names[] = {"residual"};
  const FxTensor *same[] = {residual};
  FX_TRY(fxCpuCheck(__func__, "residual", residual, FX_DT_ANY, 1, FXRT_MAX_RANK));
  int64_t h = fxNormCheck(__func__, input, names, same, 1, weight, 0, NULL);
  FX_TRY(h < 0);
  FX_CUDA_DISPATCH(__func__,
                   fxCudaRmsNorm(__func__, NULL, input, residual, weight, NULL,
                                 epsilon, h),
                   input, residual, weight);
  fxRmsNormRows(__func__, NULL, input, residual, weight, NULL, epsilon, h);
}

void fxrt__C__rms_norm_static_fp8_quant(const FxTensor *result,
                                        const FxTensor *input,
                                        const FxTensor *weight,
                                        const FxTensor *scale, double epsilon) {
  int64_t h = fxNormCheck(__func__, input, NULL, NULL, 0, weight, 1, scale);
  FX_TRY(h < 0);
  FX_REQUIRE(scale, "required tensor 'scale' is absent");
  FX_TRY(fxQuantResultCheck(__func__, result, input, FX_DT(FX_DTYPE_F8E4M3FN)));
  FX_CUDA_DISPATCH(__func__,
                   fxCudaRmsNorm(__func__, result, input, NULL, weight, scale,
                                 epsilon, h),
                   result, input, weight, scale);
  fxRmsNormRows(__func__, result, input, NULL, weight, scale, epsilon, h);
}

void fxrt__C__fused_add_rms_norm_static_fp8_quant(
    const FxTensor *result, const FxTensor *input, const FxTensor *residual,
    const FxTensor *weight, const FxTensor *scale, double epsilon) {
  const char *names[] = {"residual"};
  const FxTensor *same[] = {residual};
  FX_TRY(fxCpuCheck(__func__, "residual", residual, FX_DT_ANY, 1, FXRT_MAX_RANK));
  int64_t h = fxNormCheck(__func__, input, names, same, 1, weight, 1, scale);
  FX_TRY(h < 0);
  FX_REQUIRE(scale, "required tensor 'scale' is absent");
  FX_TRY(fxQuantResultCheck(__func__, result, input, FX_DT(FX_DTYPE_F8E4M3FN)));
  /* `input` is read only: the sum goes to `residual`, the norm to `result`. */
  FX_CUDA_DISPATCH(__func__,
                   fxCudaRmsNorm(__func__, result, input, residual, weight,
                                 scale, epsilon, h),
                   result, input, residual, weight, scale);
  fxRmsNormRows(__func__, result, input, residual, weight, scale, epsilon, h);
}

/*===-- rms_norm_dynamic_per_token_quant -----------------------------------===*/

void fxrt__C__rms_norm_dynamic_per_token_quant(
    const FxTensor *result, const FxTensor *input, const FxTensor *weight,
    const FxTensor *scale, double epsilon, const FxTensor *scale_ub,
    const FxTensor *residual) {
  const char *k = __func__;
  const char *names[] = {"residual"};
  const FxTensor *same[] = {residual};
  int64_t h = fxNormCheck(k, input, names, same, 1, weight, 1, NULL);
  FX_TRY(h < 0);
  FX_TRY(fxQuantResultCheck(
      k, result, input, FX_DT(FX_DTYPE_F8E4M3FN) | FX_DT(FX_DTYPE_I8)));
  FX_TRY(fxCpuCheck(k, "scale", scale, FX_DT(FX_DTYPE_F32), 0, FXRT_MAX_RANK));
  int isFp8 = result->dtype == FX_DTYPE_F8E4M3FN;
  if (scale_ub) {
    FX_REQUIRE(isFp8, "scale_ub is only supported with a float8_e4m3fn result");
    FX_TRY(fxCpuCheck(k, "scale_ub", scale_ub, FX_DT(FX_DTYPE_F32), 0,
                      FXRT_MAX_RANK) ||
           fxCpuCheckNumel(k, "scale_ub", scale_ub, 1, "a scalar bound"));
  }
  /* One scale per row (the product of the leading sizes, even when H = 0:
   * such rows get the minimum scale, as on the GPU). */
  int64_t rows = 1;
  for (int d = 0; d < input->rank - 1; d++)
    rows *= input->sizes[d];
  FX_TRY(fxCpuCheckNumel(k, "scale", scale, rows, "one per token"));
  FX_CUDA_DISPATCH(k,
                   fxCudaRmsNormDynamicQuant(k, result, input, weight, scale,
                                             epsilon, scale_ub, residual, h),
                   result, input, weight, scale, scale_ub, residual);

  const FxCpuDtype *dt = fxCpuDtype(input->dtype);
  float *w = fxLoadWeight(k, weight, h);
  float *z = fxCpuScratch(k, h), *n = fxCpuScratch(k, h);
  if (w && z && n) {
    float eps = (float)epsilon;
    float ub = scale_ub ? *(const float *)scale_ub->data : 0.0f;
    FxCpuRows it;
    fxCpuRowsInit(&it, input->rank - 1, input->sizes);
    int in = fxCpuRowsAdd(&it, input, NULL), o = fxCpuRowsAdd(&it, result, NULL);
    int res = residual ? fxCpuRowsAdd(&it, residual, NULL) : 0;
    int64_t is = fxCpuInnerStride(input), os = fxCpuInnerStride(result);
    int64_t rs = residual ? fxCpuInnerStride(residual) : 0;
    while (fxCpuRowsNext(&it)) {
      dt->load(z, it.ptr[in], h, is);
      if (residual) { /* z = x + r stays unrounded; residual <- T(z) */
        dt->load(n, it.ptr[res], h, rs);
        for (int64_t j = 0; j < h; j++)
          z[j] += n[j];
      }
      float rms = fxRmsInv(fxCpuSumSquares(z, h), h, eps);
      float amax = 0.0f;
      for (int64_t j = 0; j < h; j++) {
        n[j] = fxRmsNormElemRoundFirst(input->dtype, z[j], rms, w[j]);
        amax = fmaxf(amax, fabsf(n[j]));
      }
      float s = isFp8 ? fxFp8TokenScale(amax, scale_ub != NULL, ub)
                      : fxInt8TokenScale(amax);
      float *sp = (float *)scale->data + fxCpuFlatOffset(scale, it.row - 1);
      *sp = s;
      if (isFp8) { /* true division, "for exact match with FBGemm" */
        for (int64_t j = 0; j < h; j++)
          *(uint8_t *)(it.ptr[o] + j * os) = fxQuantF8E4M3FN(n[j] / s);
      } else {
        float inv = 1.0f / s;
        for (int64_t j = 0; j < h; j++)
          *(int8_t *)(it.ptr[o] + j * os) = fxQuantI8(n[j] * inv);
      }
      if (residual)
        dt->store(it.ptr[res], z, h, rs);
    }
  }
  free(w);
  free(z);
  free(n);
}
