/* aten.c - the aten matrix products with a built-in kernel: mm and
 * _scaled_mm (the elementwise aten ops are in elementwise.c).  Each writes
 * its out-record (allocated by the caller from the result type, so the out
 * dtype decides the result dtype).
 *
 * Numerics: operands are widened exactly to fp32, multiplied and
 * accumulated in fp32 and rounded once (RNE) to the out dtype, which is
 * what cuBLAS does with fp32 accumulation. */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/*===-- Matrix multiply ----------------------------------------------------===*/

/* _scaled_mm's epilogue: out = acc * sa[i] * sb[j] + bias[j], times
 * scale_result for an fp8 out.  NULL arrays mean "not applied". */
typedef struct FxEpilogue {
  const float *sa, *sb, *bias;
  int64_t saStep, sbStep; /* 0 for a per-tensor scale, 1 per row/column */
  float scaleResult;
} FxEpilogue;

/* out[M,N] = self[M,K] @ mat2[K,N], fp32 accumulation in k order.  Columns
 * are done in blocks of kNb: the mat2 block is widened to fp32 once, then
 * each self row is widened and swept across it.  With no row (0 tokens)
 * there is nothing to write, and widening all of mat2 would cost as much
 * as a real call (a 4096x11008 weight: ~100 ms). */
static void fxMatmul(const char *k, const FxTensor *out, const FxTensor *a,
                     const FxTensor *b, const FxEpilogue *ep) {
  enum { kNb = 64 };
  int64_t m = a->sizes[0], kd = a->sizes[1], n = b->sizes[1];
  if (m == 0 || n == 0)
    return;
  int64_t aes = fxElemSize(a->dtype), bes = fxElemSize(b->dtype);
  int64_t oes = fxElemSize(out->dtype);
  float *panel = fxCpuScratch(k, kd * kNb), *row = fxCpuScratch(k, kd);
  float acc[kNb];
  for (int64_t jb = 0; panel && row && jb < n; jb += kNb) {
    int64_t nb = n - jb < kNb ? n - jb : kNb;
    for (int64_t p = 0; p < kd; p++)
      fxCpuDtype(b->dtype)->load(
          panel + p * nb,
          (const char *)b->data + (p * b->strides[0] + jb * b->strides[1]) * bes,
          nb, b->strides[1] * bes);
    for (int64_t i = 0; i < m; i++) {
      fxCpuDtype(a->dtype)->load(row, (const char *)a->data + i * a->strides[0] * aes,
                                 kd, a->strides[1] * aes);
      for (int64_t j = 0; j < nb; j++)
        acc[j] = 0.0f;
      for (int64_t p = 0; p < kd; p++) {
        const float *bp = panel + p * nb;
        float av = row[p];
        for (int64_t j = 0; j < nb; j++)
          acc[j] += av * bp[j];
      }
      if (ep) {
        for (int64_t j = 0; j < nb; j++) {
          float v = acc[j] * ep->sa[i * ep->saStep] * ep->sb[(jb + j) * ep->sbStep];
          if (ep->bias)
            v += ep->bias[jb + j];
          acc[j] = v * ep->scaleResult;
        }
      }
      fxCpuDtype(out->dtype)->store(
          (char *)out->data + (i * out->strides[0] + jb * out->strides[1]) * oes,
          acc, nb, out->strides[1] * oes);
    }
  }
  free(panel);
  free(row);
}

/* Shapes: self [M,K], mat2 [K,N], out [M,N]. */
static int fxMatmulCheck(const char *k, const FxTensor *out, const FxTensor *a,
                         const FxTensor *b, uint32_t inDtypes, uint32_t outDtypes) {
  if (fxCpuCheck(k, "self", a, inDtypes, 2, 2) ||
      fxCpuCheck(k, "mat2", b, inDtypes, 2, 2) ||
      fxCpuCheck(k, "out", out, outDtypes, 2, 2))
    return -1;
  if (a->sizes[1] != b->sizes[0] || out->sizes[0] != a->sizes[0] ||
      out->sizes[1] != b->sizes[1]) {
    fxCpuError(k, "shapes [%lld, %lld] @ [%lld, %lld] -> [%lld, %lld] do not "
                  "match",
               (long long)a->sizes[0], (long long)a->sizes[1],
               (long long)b->sizes[0], (long long)b->sizes[1],
               (long long)out->sizes[0], (long long)out->sizes[1]);
    return -1;
  }
  return 0;
}

void fxrt_aten__mm(const FxTensor *out, const FxTensor *self,
                   const FxTensor *mat2) {
  FX_TRY(fxMatmulCheck(__func__, out, self, mat2, FX_DT_FLOAT16_32,
                       FX_DT_FLOAT16_32));
  FX_TRY(fxCpuCheckSameDtype(__func__, "mat2", mat2, "self", self));
  FX_CUDA_DISPATCH(__func__, fxCudaMatmul(__func__, out, self, mat2), out, self,
                   mat2);
  fxMatmul(__func__, out, self, mat2, NULL);
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
  FX_TRY(fxMatmulCheck(k, out, self, mat2, FX_DT_FLOATS, FX_DT_FLOATS));
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
  FxEpilogue ep = {sa, sb, bv, stepA, stepB, 1.0f};
  if (sa && sb && (!bias || bv)) {
    fxLoadVector(scale_a, sa);
    fxLoadVector(scale_b, sb);
    if (bias)
      fxLoadVector(bias, bv);
    if (sr)
      fxLoadVector(sr, &ep.scaleResult);
    fxMatmul(k, out, self, mat2, &ep);
  }
  free(sa);
  free(sb);
  free(bv);
}
