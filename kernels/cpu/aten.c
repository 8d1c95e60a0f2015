/* aten.c - the elementwise aten ops with a built-in kernel: add.Tensor,
 * mul.Tensor, cos (the matrix products are matmul.c, embedding and
 * index_select gather.c).  Each writes its out-record (allocated by the
 * caller from the result type, so the out dtype decides the result dtype).
 *
 * Numerics: operands are widened exactly to fp32, computed in fp32 and
 * rounded once (RNE) to the out dtype, which is what torch's CUDA kernels
 * do for fp16/bf16 (opmath float).
 * add is a + alpha*b with alpha as fp32; cos is cosf.
 * Broadcasting of add/mul: torch's rule (sizes right-aligned, each either
 * equal to the out size or 1, missing leading dims broadcast), done with
 * stride-0 walks; anything else is reported. */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/*===-- Elementwise --------------------------------------------------------===*/

typedef enum FxElementwiseOp { FX_EW_ADD, FX_EW_MUL, FX_EW_COS } FxElementwiseOp;

/* out[...] = op(a[...], b[...]) over out's shape (b NULL for unary ops). */
static void fxElementwise(const char *k, const FxTensor *out,
                          const FxTensor *a, const FxTensor *b,
                          FxElementwiseOp op, float alpha) {
  if (fxCpuCheck(k, "out", out, FX_DT_FLOAT16_32, 0, FXRT_MAX_RANK) ||
      fxCpuCheck(k, "self", a, FX_DT_NUMBERS, 0, FXRT_MAX_RANK) ||
      (b && fxCpuCheck(k, "other", b, FX_DT_NUMBERS, 0, FXRT_MAX_RANK)))
    return;
  /* The result's shape must be the broadcast of the operands', not larger. */
  for (int d = 0; d < out->rank; d++) {
    int da = d - (out->rank - a->rank), db = b ? d - (out->rank - b->rank) : -1;
    int64_t sa = da >= 0 ? a->sizes[da] : 1, sb = db >= 0 ? b->sizes[db] : 1;
    if (out->sizes[d] != sa && out->sizes[d] != sb && out->rank >= a->rank) {
      fxCpuError(k, "result dimension %d of size %lld is not the broadcast of "
                    "the operands (%lld, %lld)",
                 d, (long long)out->sizes[d], (long long)sa, (long long)sb);
      return;
    }
  }
  int64_t sa[FXRT_MAX_RANK + 1] = {0}, sb[FXRT_MAX_RANK + 1] = {0};
  FX_TRY(fxCpuBroadcastStrides(k, "self", a, out, "out", sa));
  FX_TRY(b && fxCpuBroadcastStrides(k, "other", b, out, "out", sb));
  FX_CUDA_DISPATCH(k, fxCudaElementwise(k, out, a, sa, b, sb, (int)op, alpha),
                   out, a, b);

  int outer = out->rank ? out->rank - 1 : 0;
  int64_t n = out->rank ? out->sizes[out->rank - 1] : 1;
  int64_t ias = out->rank ? sa[outer] * fxElemSize(a->dtype) : 0;
  int64_t ibs = out->rank && b ? sb[outer] * fxElemSize(b->dtype) : 0;
  int64_t os = fxCpuInnerStride(out);
  float *x = fxCpuScratch(k, n), *y = fxCpuScratch(k, n);
  if (x && y) {
    FxCpuRows it;
    fxCpuRowsInit(&it, outer, out->sizes);
    fxCpuRowsAdd(&it, out, NULL);
    fxCpuRowsAdd(&it, a, sa);
    if (b)
      fxCpuRowsAdd(&it, b, sb);
    while (fxCpuRowsNext(&it)) {
      fxCpuDtype(a->dtype)->load(x, it.ptr[1], n, ias);
      if (b)
        fxCpuDtype(b->dtype)->load(y, it.ptr[2], n, ibs);
      switch (op) {
      case FX_EW_ADD:
        for (int64_t j = 0; j < n; j++)
          x[j] = x[j] + alpha * y[j];
        break;
      case FX_EW_MUL:
        for (int64_t j = 0; j < n; j++)
          x[j] = x[j] * y[j];
        break;
      case FX_EW_COS:
        for (int64_t j = 0; j < n; j++)
          x[j] = cosf(x[j]);
        break;
      }
      fxCpuDtype(out->dtype)->store(it.ptr[0], x, n, os);
    }
  }
  free(x);
  free(y);
}

void fxrt_aten__add_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other, double alpha) {
  fxElementwise(__func__, out, self, other, FX_EW_ADD, (float)alpha);
}

void fxrt_aten__mul_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other) {
  fxElementwise(__func__, out, self, other, FX_EW_MUL, 1.0f);
}

void fxrt_aten__cos(const FxTensor *out, const FxTensor *self) {
  fxElementwise(__func__, out, self, NULL, FX_EW_COS, 1.0f);
}
