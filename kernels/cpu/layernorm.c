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
#include "cpu/fx_rowops.h"

#include <stdlib.h>
#include <string.h>

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

/* rms_norm, fused_add_rms_norm and the two static-fp8 variants share one
 * row loop; `residual` (in/out) selects the fused add, `result` may alias
 * nothing but is NULL for fused_add_rms_norm (which writes `input`), and
 * `scale` selects fp8 output.  Rows are split over threads
 * (fxCpuParallelRows); each chunk has its own scratch. */
typedef struct FxNormCtx {
  const char *k;
  FxCpuRowIo io;
  int hasResidual, quant;
  int32_t dtype;
  int64_t h;
  const float *w; /* NULL: weightless */
  float eps, invScale;
  /* Output keeps NaN signs (f32/f16, not quantized) and the weight holds a
   * NaN: every row takes the careful loops (fx_rowops.h, fxNanFirst). */
  int nanSensitive, weightNan;
} FxNormCtx;

/* Rows holding a NaN (sum of squares NaN), or all rows when the weight has
 * one, take the careful norm where the NaN an output gets is defined; the
 * fast loops would give a compiler-dependent NaN sign there.  Rows that
 * hold no NaN cannot make two NaNs meet in the norm. */
static int fxNormCareful(const FxNormCtx *c, float ss) {
  return c->nanSensitive && (ss != ss || c->weightNan);
}

static void fxRmsNormChunk(void *p, int64_t begin, int64_t end) {
  const FxNormCtx *c = (const FxNormCtx *)p;
  const FxRowOps *ops = fxCpuRowOps();
  int32_t dt = c->dtype;
  int64_t h = c->h;
  float *x = fxCpuScratch(c->k, h);
  float *r = c->hasResidual ? fxCpuScratch(c->k, h) : NULL;
  FxCpuRows it = c->io.it;
  fxCpuRowsSeek(&it, begin, end);
  int64_t es = fxElemSize(dt);
  int dense = c->io.is == es && c->io.os == (c->quant ? 1 : es) &&
              (!c->hasResidual || c->io.rs == es);
  while (dense && x && fxCpuRowsNext(&it)) {
    /* All rows dense: the fused loops, same bits in fewer passes. */
    float ss = c->hasResidual
                   ? ops->addSumSq[dt](x, it.ptr[c->io.in], it.ptr[c->io.res],
                                       it.ptr[c->io.res], h)
                   : ops->loadSumSq[dt](x, it.ptr[c->io.in], h);
    if (fxNormCareful(c, ss)) {
      float inv = fxRmsInv(fxCpuSumSquaresNan(x, h), h, c->eps);
      fxCpuNormNan(dt, x, h, inv, c->w);
      fxCpuStoreRow(dt, it.ptr[c->io.o], x, h, c->io.os);
      continue;
    }
    float inv = fxRmsInv(ss, h, c->eps);
    if (c->quant)
      ops->normQuant[dt]((uint8_t *)it.ptr[c->io.o], x, h, inv, c->w, c->invScale);
    else
      ops->normStore[dt](it.ptr[c->io.o], x, h, inv, c->w);
  }
  while (!dense && x && (r || !c->hasResidual) && fxCpuRowsNext(&it)) {
    fxCpuLoadRow(dt, x, it.ptr[c->io.in], h, c->io.is);
    if (c->hasResidual) { /* s = T(x + r): the new residual, and the norm input */
      fxCpuLoadRow(dt, r, it.ptr[c->io.res], h, c->io.rs);
      ops->addRound[dt](x, r, h);
      fxCpuStoreRow(dt, it.ptr[c->io.res], x, h, c->io.rs);
    }
    float ss = ops->sumSquares(x, h);
    if (fxNormCareful(c, ss))
      fxCpuNormNan(dt, x, h, fxRmsInv(fxCpuSumSquaresNan(x, h), h, c->eps), c->w);
    else
      ops->norm[dt](x, h, fxRmsInv(ss, h, c->eps), c->w); /* T((x * inv) * w) */
    if (c->quant)
      fxCpuQuantRowMul(it.ptr[c->io.o], c->io.os, x, h, c->invScale);
    else
      fxCpuStoreRow(dt, it.ptr[c->io.o], x, h, c->io.os);
  }
  free(x);
  free(r);
}

static void fxRmsNormRows(const char *k, const FxTensor *result,
                          const FxTensor *input, const FxTensor *residual,
                          const FxTensor *weight, const FxTensor *scale,
                          double epsilon, int64_t h) {
  float *w = fxLoadWeight(k, weight, h);
  if (!w || h <= 0) {
    free(w);
    return;
  }
  FxNormCtx c;
  memset(&c, 0, sizeof c);
  c.k = k;
  c.dtype = input->dtype;
  c.h = h;
  c.w = weight ? w : NULL;
  c.eps = (float)epsilon;
  c.quant = scale != NULL;
  c.invScale = scale ? 1.0f / *(const float *)scale->data : 1.0f;
  c.hasResidual = residual != NULL;
  c.nanSensitive = !scale && input->dtype != FX_DTYPE_BF16; /* bf16 NaN is 0x7FC0 */
  for (int64_t j = 0; weight && j < h; j++)
    c.weightNan |= w[j] != w[j];
  const FxTensor *out = result ? result : input;
  fxCpuRowIoInit(&c.io, input, out, residual);
  int64_t es = fxElemSize(input->dtype);
  double bytes = (double)c.io.it.rows * (double)h *
                 (double)(es + fxElemSize(out->dtype) + (residual ? 2 * es : 0));
  /* Threads only when no two rows write the same bytes (a broadcast
   * output), where the serial order would decide the result. */
  if (!fxCpuWritesDisjoint(out) || (residual && !fxCpuWritesDisjoint(residual)))
    bytes = 0;
  fxCpuParallelRows(c.io.it.rows, bytes, fxRmsNormChunk, &c);
  free(w);
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

typedef struct FxDynNormCtx {
  const char *k;
  FxCpuRowIo io;
  int hasResidual, isFp8, hasUb;
  int32_t dtype;
  int64_t h;
  const float *w;
  float eps, ub;
  const FxTensor *scale;
} FxDynNormCtx;

static void fxDynNormChunk(void *p, int64_t begin, int64_t end) {
  const FxDynNormCtx *c = (const FxDynNormCtx *)p;
  const FxRowOps *ops = fxCpuRowOps();
  int32_t dt = c->dtype;
  int64_t h = c->h;
  float *z = fxCpuScratch(c->k, h), *n = fxCpuScratch(c->k, h);
  FxCpuRows it = c->io.it;
  fxCpuRowsSeek(&it, begin, end);
  while (z && n && fxCpuRowsNext(&it)) {
    float ss;
    if (c->hasResidual) { /* z = x + r stays unrounded; residual <- T(z) */
      fxCpuLoadRow(dt, z, it.ptr[c->io.in], h, c->io.is);
      fxCpuLoadRow(dt, n, it.ptr[c->io.res], h, c->io.rs);
      ops->addRound[FX_DTYPE_F32](z, n, h);
      ss = ops->sumSquares(z, h);
    } else if (c->io.is == fxElemSize(dt)) {
      ss = ops->loadSumSq[dt](z, it.ptr[c->io.in], h);
    } else {
      fxCpuLoadRow(dt, z, it.ptr[c->io.in], h, c->io.is);
      ss = ops->sumSquares(z, h);
    }
    float rms = fxRmsInv(ss, h, c->eps);
    if (c->hasResidual) /* z is needed again for the residual store */
      memcpy(n, z, (size_t)h * sizeof(float));
    float *v = c->hasResidual ? n : z;
    float amax = ops->normRoundFirst[dt](v, h, rms, c->w); /* T(T(z*rms)*w) */
    float s = c->isFp8 ? fxFp8TokenScale(amax, c->hasUb, c->ub)
                       : fxInt8TokenScale(amax);
    *((float *)c->scale->data + fxCpuFlatOffset(c->scale, it.row - 1)) = s;
    if (c->isFp8) { /* true division, "for exact match with FBGemm" */
      fxCpuQuantRowDiv(it.ptr[c->io.o], c->io.os, v, h, s);
    } else {
      float inv = 1.0f / s;
      for (int64_t j = 0; j < h; j++)
        *(int8_t *)(it.ptr[c->io.o] + j * c->io.os) = fxQuantI8(v[j] * inv);
    }
    if (c->hasResidual)
      fxCpuStoreRow(dt, it.ptr[c->io.res], z, h, c->io.rs);
  }
  free(z);
  free(n);
}

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

  float *w = fxLoadWeight(k, weight, h);
  if (!w)
    return;
  FxDynNormCtx c;
  memset(&c, 0, sizeof c);
  c.k = k;
  c.dtype = input->dtype;
  c.h = h;
  c.w = w;
  c.eps = (float)epsilon;
  c.isFp8 = isFp8;
  c.hasUb = scale_ub != NULL;
  c.ub = scale_ub ? *(const float *)scale_ub->data : 0.0f;
  c.scale = scale;
  c.hasResidual = residual != NULL;
  fxCpuRowIoInit(&c.io, input, result, residual);
  int64_t es = fxElemSize(input->dtype);
  double bytes = (double)rows * (double)h * (double)(es + 1 + (residual ? 2 * es : 0));
  if (!fxCpuWritesDisjoint(result) || !fxCpuWritesDisjoint(scale) ||
      (residual && !fxCpuWritesDisjoint(residual)))
    bytes = 0;
  fxCpuParallelRows(rows, bytes, fxDynNormChunk, &c);
  free(w);
}
