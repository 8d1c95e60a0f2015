/* gather.c - aten::embedding and aten::index_select: rows (slices) of a
 * table picked by an int64 or int32 index tensor, copied bit for bit (any
 * dtype, any strides of every operand).
 *
 * Every index is checked against its dim before anything is written; one
 * outside [0, size) is a run-time error naming its position and value.
 * torch raises there too ("index out of range in self"); a negative index
 * does not count from the end in either op.
 *
 * No CUDA kernels yet: device operands go through host memory
 * (FX_HOST_STAGED). */
#include "cpu/fx_cpu.h"

#include <stdio.h>
#include <string.h>

#define FX_DT_INDEX (FX_DT(FX_DTYPE_I64) | FX_DT(FX_DTYPE_I32))

/* Element `flat` (row-major) of an i64 or i32 index tensor. */
static int64_t fxIndexAt(const FxTensor *t, int64_t flat) {
  const char *p = (const char *)t->data +
                  fxCpuFlatOffset(t, flat) * fxElemSize(t->dtype);
  if (t->dtype == FX_DTYPE_I32) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
  }
  int64_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

/* Every element of `index` (named `name`) is in [0, size); otherwise
 * reports the first one that is not, with its position, and returns -1.
 * `what` says what it indexes. */
static int fxIndicesInRange(const char *k, const char *name,
                            const FxTensor *index, int64_t size,
                            const char *what) {
  int64_t n = fxTensorNumel(index);
  for (int64_t i = 0; i < n; i++) {
    int64_t v = fxIndexAt(index, i);
    if (v >= 0 && v < size)
      continue;
    int64_t pos[FXRT_MAX_RANK], rest = i;
    for (int d = index->rank - 1; d >= 0; d--) {
      pos[d] = rest % index->sizes[d];
      rest /= index->sizes[d];
    }
    char at[160];
    fxShapeText(at, sizeof at, index->rank, pos);
    fxCpuError(k, "%s%s is %lld, out of range for %s of size %lld: valid "
                  "indices are 0 to %lld (torch: index out of range in self)",
               name, index->rank ? at : "", (long long)v, what,
               (long long)size, (long long)size - 1);
    return -1;
  }
  return 0;
}

/* `out` has the expected shape `want` (rank `rank`). */
static int fxCheckShape(const char *k, const FxTensor *out, int rank,
                        const int64_t *want, const char *why) {
  int same = out->rank == rank;
  for (int d = 0; same && d < rank; d++)
    same = out->sizes[d] == want[d];
  if (same)
    return 0;
  char have[160], exp[160];
  fxCpuError(k, "'out' has shape %s, expected %s (%s)",
             fxShapeText(have, sizeof have, out->rank, out->sizes),
             fxShapeText(exp, sizeof exp, rank, want), why);
  return -1;
}

/* t with dim `dim` narrowed to the one index `i` (kept, of size 1). */
static FxTensor fxNarrow(const FxTensor *t, int dim, int64_t i) {
  FxTensor s = *t;
  s.data = (char *)t->data + i * t->strides[dim] * fxElemSize(t->dtype);
  s.sizes[dim] = 1;
  return s;
}

/* embedding: out[..., :] = weight[indices[...], :].  padding_idx,
 * scale_grad_by_freq and sparse only change the gradient (torch's forward
 * ignores them), so they are taken and ignored. */
void fxrt_aten__embedding(const FxTensor *out, const FxTensor *weight,
                          const FxTensor *indices, int64_t padding_idx,
                          int64_t scale_grad_by_freq, int64_t sparse) {
  const char *k = __func__;
  (void)padding_idx, (void)scale_grad_by_freq, (void)sparse;
  FX_TRY(fxCpuCheck(k, "weight", weight, FX_DT_ANY, 2, 2) ||
         fxCpuCheck(k, "indices", indices, FX_DT_INDEX, 0, FXRT_MAX_RANK - 1) ||
         fxCpuCheck(k, "out", out, FX_DT_ANY, 1, FXRT_MAX_RANK) ||
         fxCpuCheckSameDtype(k, "out", out, "weight", weight));
  int r = indices->rank;
  int64_t want[FXRT_MAX_RANK];
  memcpy(want, indices->sizes, (size_t)r * sizeof *want);
  want[r] = weight->sizes[1];
  FX_TRY(fxCheckShape(k, out, r + 1, want,
                      "the shape of indices, then the row size of weight"));
  FX_HOST_STAGED(out,
                 fxrt_aten__embedding(&H[0], &H[1], &H[2], padding_idx,
                                      scale_grad_by_freq, sparse),
                 weight, indices);
  FX_TRY(fxIndicesInRange(k, "indices", indices, weight->sizes[0],
                          "the rows of 'weight'"));
  /* Each index's row of out: out's leading dims walked as indices'. */
  FxTensor lead = *out;
  lead.rank = r;
  int64_t n = fxTensorNumel(indices);
  for (int64_t i = 0; i < n; i++) {
    FxTensor src = fxNarrow(weight, 0, fxIndexAt(indices, i));
    FxTensor dst = *out;
    dst.data = (char *)out->data +
               fxCpuFlatOffset(&lead, i) * fxElemSize(out->dtype);
    dst.rank = 1, dst.sizes[0] = out->sizes[r], dst.strides[0] = out->strides[r];
    src.rank = 1, src.sizes[0] = weight->sizes[1], src.strides[0] = weight->strides[1];
    fxCpuCopyStrided(&dst, &src);
  }
}

/* index_select: out = self with dim `dim` replaced by the slices at
 * index[0], index[1], ... (a 0-d self is indexed like a 1-element
 * vector and stays 0-d, as in torch). */
void fxrt_aten__index_select(const FxTensor *out, const FxTensor *self,
                             int64_t dim, const FxTensor *index) {
  const char *k = __func__;
  FX_TRY(fxCpuCheck(k, "self", self, FX_DT_ANY, 0, FXRT_MAX_RANK) ||
         fxCpuCheck(k, "index", index, FX_DT_INDEX, 0, 1) ||
         fxCpuCheck(k, "out", out, FX_DT_ANY, 0, FXRT_MAX_RANK) ||
         fxCpuCheckSameDtype(k, "out", out, "self", self));
  int rank = self->rank, span = rank ? rank : 1;
  FX_REQUIRE(dim >= -span && dim < span,
             "dim %lld is out of range for 'self' of rank %d (expected %d to "
             "%d)",
             (long long)dim, rank, -span, span - 1);
  int d = (int)(dim < 0 ? dim + span : dim);
  int64_t n = fxTensorNumel(index);
  int64_t want[FXRT_MAX_RANK];
  memcpy(want, self->sizes, (size_t)rank * sizeof *want);
  if (rank)
    want[d] = n;
  else
    FX_REQUIRE(n == 1, "'index' has %lld elements; a 0-d 'self' takes "
                       "exactly 1 (torch: index to scalar can have only 1 "
                       "value)",
               (long long)n);
  FX_TRY(fxCheckShape(k, out, rank, want,
                      "the shape of self with dim's size the index count"));
  FX_HOST_STAGED(out, fxrt_aten__index_select(&H[0], &H[1], dim, &H[2]), self,
                 index);
  char what[64];
  snprintf(what, sizeof what, "dim %d of 'self'", d);
  FX_TRY(fxIndicesInRange(k, "index", index, rank ? self->sizes[d] : 1, what));
  for (int64_t i = 0; i < n; i++) {
    if (!rank) {
      fxCpuCopyStrided(out, self);
      break;
    }
    FxTensor dst = fxNarrow(out, d, i), src = fxNarrow(self, d, fxIndexAt(index, i));
    fxCpuCopyStrided(&dst, &src);
  }
}
