/* matmul.c - the aten matrix products: mm, _scaled_mm, addmm, bmm.  Each
 * validates its operands, dispatches to CUDA where it has a launcher, and
 * otherwise runs fxCpuGemm (gemm.c: cblas_sgemm with fp32 accumulation,
 * 16-bit and fp8 operands widened exactly to fp32, one rounding to out's
 * dtype).  Each writes its out-record, whose dtype is the result's. */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/* A 2-D matrix product's operands: `a` [M,K] named `an`, `b` [K,N], out
 * [M,N], of rank 2 (3 for bmm, whose dim 0 is the batch: `batch` 1). */
static int fxMatmulCheck(const char *k, const FxTensor *out, const char *an,
                         const FxTensor *a, const FxTensor *b,
                         uint32_t inDtypes, uint32_t outDtypes, int batch) {
  int r = 2 + batch;
  if (fxCpuCheck(k, an, a, inDtypes, r, r) ||
      fxCpuCheck(k, "mat2", b, inDtypes, r, r) ||
      fxCpuCheck(k, "out", out, outDtypes, r, r))
    return -1;
  const int64_t *sa = a->sizes + batch, *sb = b->sizes + batch;
  const int64_t *so = out->sizes + batch;
  if (sa[1] != sb[0] || so[0] != sa[0] || so[1] != sb[1] ||
      (batch && (a->sizes[0] != b->sizes[0] || out->sizes[0] != a->sizes[0]))) {
    char ta[96], tb[96], to[96];
    fxCpuError(k, "shapes %s @ %s -> %s do not match",
               fxShapeText(ta, sizeof ta, r, a->sizes),
               fxShapeText(tb, sizeof tb, r, b->sizes),
               fxShapeText(to, sizeof to, r, out->sizes));
    return -1;
  }
  return 0;
}

/* A 2-D slice [dim 1, dim 2] of a 3-D tensor at batch `i`. */
static FxTensor fxBatchSlice(const FxTensor *t, int64_t i) {
  FxTensor s = {(char *)t->data + i * t->strides[0] * fxElemSize(t->dtype),
                t->dtype,
                2,
                {t->sizes[1], t->sizes[2]},
                {t->strides[1], t->strides[2]}};
  return s;
}

typedef void (*FxMatmulFn)(const char *k, const FxTensor *out,
                           const FxTensor *a, const FxTensor *b);

static void fxCpuMatmul(const char *k, const FxTensor *out, const FxTensor *a,
                        const FxTensor *b) {
  fxCpuGemm(k, out, a, b, NULL);
}

/* One `mm` (fxCpuMatmul, or the CUDA launcher) for 2-D operands, one per
 * batch for 3-D ones (`batch` 1). */
static void fxBatches(const char *k, const FxTensor *out, const FxTensor *a,
                      const FxTensor *b, int batch, FxMatmulFn mm) {
  if (!batch) {
    mm(k, out, a, b);
    return;
  }
  for (int64_t i = 0; i < a->sizes[0]; i++) {
    FxTensor o = fxBatchSlice(out, i), x = fxBatchSlice(a, i),
             y = fxBatchSlice(b, i);
    mm(k, &o, &x, &y);
  }
}

/* mm (`batch` 0) and bmm (1): self @ mat2 in one dtype.  Every batch of a
 * bmm is a product of the same shape, so each gives the bits mm gives for
 * it (fxCpuGemm's blocks depend on the shape alone). */
static void fxProducts(const char *k, const FxTensor *out, const FxTensor *a,
                       const FxTensor *b, int batch) {
  FX_TRY(fxMatmulCheck(k, out, "self", a, b, FX_DT_FLOAT16_32,
                       FX_DT_FLOAT16_32, batch));
  FX_TRY(fxCpuCheckSameDtype(k, "mat2", b, "self", a));
  FX_CUDA_DISPATCH(k, fxBatches(k, out, a, b, batch, fxCudaMatmul), out, a,
                   b);
  fxBatches(k, out, a, b, batch, fxCpuMatmul);
}

void fxrt_aten__mm(const FxTensor *out, const FxTensor *self,
                   const FxTensor *mat2) {
  fxProducts(__func__, out, self, mat2, 0);
}

void fxrt_aten__bmm(const FxTensor *out, const FxTensor *self,
                    const FxTensor *mat2) {
  fxProducts(__func__, out, self, mat2, 1);
}

/* addmm: out = alpha * (mat1 @ mat2) + beta * self, in fp32 with one
 * rounding; self broadcasts to [M, N] as in torch (a bias [N], a column
 * [M, 1], a scalar, or [M, N]); beta 0 leaves self unread, so its NaNs do
 * not propagate (torch's rule). */
void fxrt_aten__addmm(const FxTensor *out, const FxTensor *self,
                      const FxTensor *mat1, const FxTensor *mat2, double beta,
                      double alpha) {
  const char *k = __func__;
  FX_TRY(fxMatmulCheck(k, out, "mat1", mat1, mat2, FX_DT_FLOAT16_32,
                       FX_DT_FLOAT16_32, 0));
  FX_TRY(fxCpuCheckSameDtype(k, "mat2", mat2, "mat1", mat1));
  FX_TRY(fxCpuCheck(k, "self", self, FX_DT_FLOAT16_32, 0, 2));
  FxGemmEpilogue ep = {.kind = FX_GEMM_ADDMM, .self = self,
                       .alpha = (float)alpha, .beta = (float)beta};
  FX_TRY(fxCpuBroadcastStrides(k, "self", self, "out", out, ep.selfStrides));
  FX_HOST_STAGED(out, fxrt_aten__addmm(&H[0], &H[1], &H[2], &H[3], beta, alpha),
                 self, mat1, mat2);
  fxCpuGemm(k, out, mat1, mat2, &ep);
}

/* Checks a 1-element or `n`-element float vector (any layout); returns its
 * step (0 or 1) or -1 after reporting. */
static int fxVectorCheck(const char *k, const char *name, const FxTensor *t,
                         int64_t n, int allowScalar) {
  if (fxCpuCheck(k, name, t, FX_DT_FLOATS, 0, 2))
    return -1;
  int64_t numel = fxTensorNumel(t);
  if (numel != n && !(allowScalar && numel == 1)) {
    fxCpuError(k, "'%s' has %lld elements, expected %s%lld", name,
               (long long)numel, allowScalar ? "1 or " : "", (long long)n);
    return -1;
  }
  return numel == n && n != 1;
}

/* Widens a checked vector to fp32. */
static void fxLoadVector(const FxTensor *t, float *dst) {
  int64_t es = fxElemSize(t->dtype), numel = fxTensorNumel(t);
  for (int64_t i = 0; i < numel; i++)
    dst[i] = fxLoadF32((const char *)t->data + fxCpuFlatOffset(t, i) * es,
                       t->dtype);
}

void fxrt_aten___scaled_mm(const FxTensor *out, const FxTensor *self,
                           const FxTensor *mat2, const FxTensor *scale_a,
                           const FxTensor *scale_b, const FxTensor *bias,
                           const FxTensor *scale_result,
                           int64_t use_fast_accum) {
  const char *k = __func__;
  FX_TRY(fxMatmulCheck(k, out, "self", self, mat2, FX_DT_FLOATS, FX_DT_FLOATS,
                       0));
  int64_t m = self->sizes[0], n = mat2->sizes[1];
  FX_REQUIRE(scale_a && scale_a->dtype == FX_DTYPE_F32 && scale_b &&
                 scale_b->dtype == FX_DTYPE_F32,
             "scale_a and scale_b must be float32");
  /* use_fast_accum only trades accuracy on the GPU; fp32 accumulation on
   * both paths here. */
  (void)use_fast_accum;
  int stepA = fxVectorCheck(k, "scale_a", scale_a, m, 1);
  int stepB = fxVectorCheck(k, "scale_b", scale_b, n, 1);
  FX_TRY(stepA < 0 || stepB < 0 ||
         (bias && fxVectorCheck(k, "bias", bias, n, 0) < 0));
  /* scale_result scales an fp8 result (cuBLASLt's D scale) and is ignored
   * for wider outputs, as in torch. */
  const FxTensor *sr =
      scale_result && out->dtype == FX_DTYPE_F8E4M3FN ? scale_result : NULL;
  FX_TRY(sr && fxVectorCheck(k, "scale_result", sr, 1, 1) < 0);
  FX_CUDA_DISPATCH(k,
                   fxCudaScaledMatmul(k, out, self, mat2, scale_a, scale_b,
                                      bias, sr),
                   out, self, mat2, scale_a, scale_b, bias, sr);
  float *sa = fxCpuScratch(k, m), *sb = fxCpuScratch(k, n);
  float *bv = bias ? fxCpuScratch(k, n) : NULL;
  FxGemmEpilogue ep = {.kind = FX_GEMM_SCALED, .sa = sa, .sb = sb,
                       .bias = bv, .saStep = stepA, .sbStep = stepB,
                       .scaleResult = 1.0f};
  if (sa && sb && (!bias || bv)) {
    fxLoadVector(scale_a, sa);
    fxLoadVector(scale_b, sb);
    if (bias)
      fxLoadVector(bias, bv);
    if (sr)
      fxLoadVector(sr, &ep.scaleResult);
    fxCpuGemm(k, out, self, mat2, &ep);
  }
  free(sa);
  free(sb);
  free(bv);
}
