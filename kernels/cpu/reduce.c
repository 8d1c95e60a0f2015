/* reduce.c - torch's reductions on the CPU: sum.dim_IntList, mean.dim and
 * _softmax over one dim.
 *
 * Both walk the kept dims of `self` element by element (FxCpuRows over a
 * view of the kept dims) and gather the reduced elements of each into a
 * row of the carrier (copy.c's casts, as elementwise.c), so any strides
 * and offsets work.  Numerics, as torch's CPU kernels:
 *   - sum: the input cast to out's dtype (torch's result type: ints and
 *     bool give i64, or the `dtype` argument), accumulated in fp32 for
 *     f32/f16/bf16 (one rounding to a 16-bit out), double for f64 and
 *     wrapping int64 for ints; floats are summed pairwise (torch's cascade
 *     sum has the same O(log n) error growth, not the same bits);
 *   - mean: the sum in fp32 (double for f64) divided by the count in that
 *     type, rounded once to out's dtype (torch's CPU mean sums 16-bit
 *     inputs into fp32 for this reason); the mean of nothing is NaN;
 *   - _softmax: in fp32 (double for f64): m = max, e = exp(x - m), then
 *     e * (1 / sum(e)), as torch's vectorized kernel; half_to_float gives
 *     an f32 out from f16/bf16 (torch's CUDA behaviour: its CPU kernel
 *     refuses half_to_float).
 * Reduced dims come as a 1-D i64 tensor (the `L` kernel parameter kind):
 * absent or empty means every dim, as torch's sum.dim_IntList with
 * dim=None or [].  No CUDA kernel: device tensors are refused. */
#include "cpu/fx_cpu.h"

#include <stdlib.h>
#include <string.h>
#include <tgmath.h> /* one expression gives the float and double versions */

/* Pairwise sums (error O(log n) ulp instead of O(n)). */
#define FX_PAIRWISE(NAME, T)                                                   \
  static T NAME(const T *x, int64_t n) {                                       \
    if (n <= 16) {                                                             \
      T s = 0;                                                                 \
      for (int64_t i = 0; i < n; i++)                                          \
        s += x[i];                                                             \
      return s;                                                                \
    }                                                                          \
    int64_t h = n / 2;                                                         \
    return NAME(x, h) + NAME(x + h, n - h);                                    \
  }
FX_PAIRWISE(fxSumF32, float)
FX_PAIRWISE(fxSumF64, double)

/* softmax of `n` carrier values in place. */
#define FX_SOFTMAX(NAME, T, SUM)                                               \
  static void NAME(T *x, int64_t n) {                                          \
    T m = -INFINITY;                                                           \
    for (int64_t i = 0; i < n; i++)                                            \
      m = x[i] > m || x[i] != x[i] ? x[i] : m; /* a NaN wins, as torch */      \
    for (int64_t i = 0; i < n; i++)                                            \
      x[i] = exp(x[i] - m);                                                    \
    T r = 1 / SUM(x, n);                                                       \
    for (int64_t i = 0; i < n; i++)                                            \
      x[i] = x[i] * r;                                                         \
  }
FX_SOFTMAX(fxSoftmaxF32, float, fxSumF32)
FX_SOFTMAX(fxSoftmaxF64, double, fxSumF64)

/* Splits `t`'s dims by `mask` (bit d: dim d is reduced) into `kept` and
 * `red`, two views of the same data. */
static void fxSplitDims(const FxTensor *t, unsigned mask, FxTensor *kept,
                        FxTensor *red) {
  *kept = *red = *t;
  kept->rank = red->rank = 0;
  for (int d = 0; d < t->rank; d++) {
    FxTensor *v = mask >> d & 1 ? red : kept;
    v->sizes[v->rank] = t->sizes[d];
    v->strides[v->rank++] = t->strides[d];
  }
}

/* Normalizes dim `d` of a rank-`rank` tensor (torch: a 0-d tensor takes 0
 * and -1); -1 after reporting. */
static int fxWrapDim(const char *k, int64_t d, int rank) {
  int64_t n = rank > 0 ? rank : 1;
  if (d < -n || d >= n) {
    fxCpuError(k, "dim %lld is out of range for a tensor of rank %d "
                  "(expected [%lld, %lld])",
               (long long)d, rank, (long long)-n, (long long)n - 1);
    return -1;
  }
  return (int)(d < 0 ? d + n : d) % (rank > 0 ? rank : 1);
}

/* The mask of the dims listed in `dim` (NULL or empty: all); -1 after
 * reporting. */
static int fxReduceMask(const char *k, const FxTensor *dim, int rank,
                        unsigned *mask) {
  *mask = 0;
  if (dim && fxCpuCheck(k, "dim", dim, FX_DT(FX_DTYPE_I64), 1, 1))
    return -1;
  int64_t n = dim ? dim->sizes[0] : 0;
  if (n == 0) {
    *mask = (1u << rank) - 1;
    return 0;
  }
  for (int64_t i = 0; i < n; i++) {
    int64_t d;
    memcpy(&d, (const char *)dim->data + i * dim->strides[0] * 8, 8);
    int w = fxWrapDim(k, d, rank);
    if (w < 0)
      return -1;
    if (rank && (*mask >> w & 1)) {
      fxCpuError(k, "dim %d appears more than once in the list of dims", w);
      return -1;
    }
    *mask |= rank ? 1u << w : 0;
  }
  return 0;
}

/* `out` has `want`'s sizes; -1 after reporting. */
static int fxExpectShape(const char *k, const FxTensor *out,
                         const FxTensor *want) {
  int same = out->rank == want->rank;
  for (int d = 0; same && d < out->rank; d++)
    same = out->sizes[d] == want->sizes[d];
  if (same)
    return 0;
  char a[160], b[160];
  fxCpuError(k, "'out' has shape %s, expected %s",
             fxShapeText(a, sizeof a, out->rank, out->sizes),
             fxShapeText(b, sizeof b, want->rank, want->sizes));
  return -1;
}

/* sum (mean = 0) or mean (1) of self over `dim` into out. */
static void fxReduce(const char *k, const FxTensor *out, const FxTensor *self,
                     const FxTensor *dim, int64_t keepdim, int mean) {
  unsigned mask;
  FX_TRY(fxCpuCheck(k, "out", out, FX_DT_NUMBERS, 0, FXRT_MAX_RANK) ||
         fxCpuCheck(k, "self", self, FX_DT_NUMBERS, 0, FXRT_MAX_RANK) ||
         fxReduceMask(k, dim, self->rank, &mask));
  FxTensor kept, red, want = *self;
  fxSplitDims(self, mask, &kept, &red);
  want.rank = 0;
  for (int d = 0; d < self->rank; d++)
    if (!(mask >> d & 1) || keepdim)
      want.sizes[want.rank++] = mask >> d & 1 ? 1 : self->sizes[d];
  FX_TRY(fxExpectShape(k, out, &want));
  FxCarrier K = fxCpuCarrier(out->dtype);
  if (mean && K == FX_CARRIER_I64) {
    fxCpuError(k, "mean is not defined for %s (a float dtype only)",
               fxCpuDtypeName(out->dtype));
    return;
  }
  FX_CUDA_DISPATCH(k, fxCpuError(k, "device tensors: has no CUDA kernel"),
                   out, self);
  FxTensor ov, unused;
  fxSplitDims(out, keepdim ? mask : 0, &ov, &unused);
  int64_t n = fxTensorNumel(&red), m = red.rank ? red.sizes[red.rank - 1] : 1;
  if (fxTensorNumel(out) == 0)
    return;
  char *buf = malloc((size_t)(3 * (n > 0 ? n : 1)) * sizeof(double));
  if (!buf) {
    fxCpuError(k, "out of memory for %lld reduced elements", (long long)n);
    return;
  }
  char *tmp = buf + n * sizeof(double), *tmp2 = tmp + n * sizeof(double);
  int64_t es = fxElemSize(self->dtype), cs = K == FX_CARRIER_F32 ? 4 : 8;
  FxCpuRows it;
  fxCpuRowsInit(&it, kept.rank, kept.sizes);
  fxCpuRowsAdd(&it, &ov, NULL);
  fxCpuRowsAdd(&it, &kept, NULL);
  while (fxCpuRowsNext(&it)) {
    red.data = it.ptr[1];
    FxCpuRows jt; /* the rows of the reduced dims */
    fxCpuRowsInit(&jt, red.rank ? red.rank - 1 : 0, red.sizes);
    fxCpuRowsAdd(&jt, &red, NULL);
    for (int64_t r = 0; n > 0 && fxCpuRowsNext(&jt); r++)
      fxCpuLoadCast(self->dtype, out->dtype, buf + r * m * cs, jt.ptr[0], m,
                    red.rank ? red.strides[red.rank - 1] * es : 0, tmp, tmp2);
    union {
      float f;
      double d;
      int64_t i;
    } acc;
    if (K == FX_CARRIER_F32)
      acc.f = mean ? fxSumF32((float *)buf, n) / (float)n
                   : fxSumF32((float *)buf, n);
    else if (K == FX_CARRIER_F64)
      acc.d = mean ? fxSumF64((double *)buf, n) / (double)n
                   : fxSumF64((double *)buf, n);
    else {
      uint64_t s = 0; /* wraps, as torch's int64 sum */
      for (int64_t i = 0; i < n; i++)
        s += (uint64_t)((const int64_t *)buf)[i];
      acc.i = (int64_t)s;
    }
    fxCpuStoreCarrier(K, out->dtype, it.ptr[0], &acc, 1, 0);
  }
  free(buf);
}

void fxrt_aten__sum_dim_IntList(const FxTensor *out, const FxTensor *self,
                                const FxTensor *dim, int64_t keepdim) {
  fxReduce(__func__, out, self, dim, keepdim, 0);
}

void fxrt_aten__mean_dim(const FxTensor *out, const FxTensor *self,
                         const FxTensor *dim, int64_t keepdim) {
  fxReduce(__func__, out, self, dim, keepdim, 1);
}

void fxrt_aten___softmax(const FxTensor *out, const FxTensor *self,
                         int64_t dim, int64_t half_to_float) {
  const char *k = __func__;
  FX_TRY(fxCpuCheck(k, "self", self, FX_DT_REAL, 0, FXRT_MAX_RANK) ||
         fxCpuCheck(k, "out", out, FX_DT_REAL, 0, FXRT_MAX_RANK) ||
         fxExpectShape(k, out, self));
  int32_t want = half_to_float ? FX_DTYPE_F32 : self->dtype;
  if (half_to_float && self->dtype != FX_DTYPE_F16 &&
      self->dtype != FX_DTYPE_BF16) {
    fxCpuError(k, "half_to_float takes a float16 or bfloat16 self, not %s",
               fxCpuDtypeName(self->dtype));
    return;
  }
  FX_REQUIRE(out->dtype == want, "'out' is %s, expected %s",
             fxCpuDtypeName(out->dtype), fxCpuDtypeName(want));
  int d = fxWrapDim(k, dim, self->rank);
  FX_TRY(d < 0);
  FX_CUDA_DISPATCH(k, fxCpuError(k, "device tensors: has no CUDA kernel"),
                   out, self);
  if (fxTensorNumel(self) == 0)
    return;
  unsigned mask = self->rank ? 1u << d : 0;
  FxTensor kept, red, okept, ored;
  fxSplitDims(self, mask, &kept, &red);
  fxSplitDims(out, mask, &okept, &ored);
  int64_t n = fxTensorNumel(&red);
  int32_t cd = self->dtype == FX_DTYPE_F64 ? FX_DTYPE_F64 : FX_DTYPE_F32;
  char *buf = malloc((size_t)(3 * n) * sizeof(double));
  if (!buf) {
    fxCpuError(k, "out of memory for a row of %lld elements", (long long)n);
    return;
  }
  char *tmp = buf + n * sizeof(double), *tmp2 = tmp + n * sizeof(double);
  int64_t is = red.rank ? red.strides[0] * fxElemSize(self->dtype) : 0;
  int64_t os = ored.rank ? ored.strides[0] * fxElemSize(out->dtype) : 0;
  FxCpuRows it;
  fxCpuRowsInit(&it, kept.rank, kept.sizes);
  fxCpuRowsAdd(&it, &okept, NULL);
  fxCpuRowsAdd(&it, &kept, NULL);
  while (fxCpuRowsNext(&it)) {
    fxCpuLoadCast(self->dtype, cd, buf, it.ptr[1], n, is, tmp, tmp2);
    if (cd == FX_DTYPE_F64)
      fxSoftmaxF64((double *)buf, n);
    else
      fxSoftmaxF32((float *)buf, n);
    fxCpuStoreCarrier(fxCpuCarrier(cd), out->dtype, it.ptr[0], buf, n, os);
  }
  free(buf);
}
