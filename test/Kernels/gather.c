// RUN: fx-kernels-gather-test 2>&1 | FileCheck %s

/* gather.c - aten::embedding and aten::index_select (kernels/cpu/gather.c).
 *
 * Each output element is compared bit for bit with the input element that
 * torch's definition names (out[p..., h] = weight[indices[p...], h];
 * out[..., i, ...] = self[..., index[i], ...] along dim), found here by
 * index arithmetic, not by strides: dtypes of every width (f32, bf16,
 * fp8, i64, the packed f4e2m1fnx2), weights with padded rows and
 * column-major ones, strided outputs, i64 and i32 indices of ranks 0-3,
 * repeated indices, empty index tensors and empty rows, every dim of a
 * 3-D self and negative dims, a 0-d self, the record entry points.  Then
 * the run-time errors: an index outside [0, size) (negative ones too)
 * names its position and writes nothing. */
#include "fxtest.h"

/* A tensor of `rank` sizes, padded (strides of a larger buffer, at an
 * offset) when `pad`, column-major (reversed strides) when `pad` is 2. */
static TT make(int32_t dt, int rank, const int64_t *sz, int pad) {
  int64_t st[FXRT_MAX_RANK], c = 1;
  for (int i = 0; i < rank; i++) {
    int d = pad == 2 ? i : rank - 1 - i;
    st[d] = c;
    c *= sz[d] + (pad == 1 ? 2 : 0);
  }
  return ttMake(dt, rank, sz, st, pad ? 3 : 0);
}

/* Distinct bytes for every element (any dtype, NaN patterns included). */
static void fillBytes(TT *t) {
  int64_t es = refSize(t->t.dtype);
  for (int64_t i = 0; i < ttNumel(t); i++)
    for (int64_t b = 0; b < es; b++)
      ttPtr(t, i)[b] = (char)(rndU64() >> 17);
}

static void setIndex(TT *t, int64_t flat, int64_t v) {
  if (t->t.dtype == FX_DTYPE_I32) {
    int32_t x = (int32_t)v;
    memcpy(ttPtr(t, flat), &x, 4);
  } else {
    memcpy(ttPtr(t, flat), &v, 8);
  }
}

/* The end of a run: nothing wrong, no error, the input untouched, out
 * written only at its elements; frees the three tensors. */
static void finish(int64_t bad, TT *in, char *insnap, TT *idx, TT *out,
                   char *outsnap) {
  EXPECT(bad == 0 && fxrt_get_error() == NULL);
  EXPECT(ttUnchanged(in, insnap) && ttOnlyElementsChanged(out, outsnap));
  free(insnap);
  free(outsnap);
  ttFree(in);
  ttFree(idx);
  ttFree(out);
}

static void runEmbedding(const char *label, int32_t dt, int32_t idt, int64_t v,
                         int64_t h, int irank, const int64_t *isz, int wpad,
                         int opad, int records) {
  int64_t wsz[2] = {v, h}, osz[FXRT_MAX_RANK];
  TT w = make(dt, 2, wsz, wpad), idx = make(idt, irank, isz, 0);
  memcpy(osz, isz, (size_t)irank * sizeof *osz);
  osz[irank] = h;
  TT o = make(dt, irank + 1, osz, opad);
  fillBytes(&w);
  int64_t n = ttNumel(&idx);
  for (int64_t i = 0; i < n; i++) /* repeats when n > v; 3 is padding_idx */
    setIndex(&idx, i, (int64_t)(rndU64() % (uint64_t)v));
  char *wsnap = ttSnapshot(&w), *osnap = ttSnapshot(&o);
  if (records) {
    int64_t r[3][20];
    FxMemRefI64 ro = ttRecord(&o, r[0]), rw = ttRecord(&w, r[1]), ri = ttRecord(&idx, r[2]);
    _mlir_ciface_fxrt_aten__embedding(&ro, &rw, &ri, 3, 0, 0);
  } else {
    fxrt_aten__embedding(&o.t, &w.t, &idx.t, 3, 0, 0);
  }
  int64_t bad = 0, es = refSize(dt);
  for (int64_t i = 0; i < n; i++) {
    int64_t row = idt == FX_DTYPE_I32 ? *(int32_t *)ttPtr(&idx, i) : *(int64_t *)ttPtr(&idx, i);
    for (int64_t j = 0; j < h; j++)
      bad += memcmp(ttPtr(&o, i * h + j), ttPtr(&w, row * h + j), (size_t)es) != 0;
  }
  printf("%s: embedding %s[%lld, %lld] at %s indices of %lld: %lld wrong\n", label,
         dtName(dt), (long long)v, (long long)h, dtName(idt), (long long)n,
         (long long)bad);
  finish(bad, &w, wsnap, &idx, &o, osnap);
}

static void runIndexSelect(const char *label, int32_t dt, int32_t idt,
                           int rank, const int64_t *ssz, int64_t dim,
                           int irank, int64_t n, int spad, int opad,
                           int records) {
  int d = (int)(dim < 0 ? dim + (rank ? rank : 1) : dim);
  int64_t osz[FXRT_MAX_RANK];
  memcpy(osz, ssz, (size_t)rank * sizeof *osz);
  if (rank)
    osz[d] = n;
  TT s = make(dt, rank, ssz, spad), idx = make(idt, irank, &n, 0);
  TT o = make(dt, rank, osz, opad);
  fillBytes(&s);
  int64_t size = rank ? ssz[d] : 1;
  for (int64_t i = 0; i < n; i++)
    setIndex(&idx, i, (int64_t)(rndU64() % (uint64_t)size));
  char *ssnap = ttSnapshot(&s), *osnap = ttSnapshot(&o);
  if (records) {
    int64_t r[3][20];
    FxMemRefI64 ro = ttRecord(&o, r[0]), rs = ttRecord(&s, r[1]), ri = ttRecord(&idx, r[2]);
    _mlir_ciface_fxrt_aten__index_select(&ro, &rs, dim, &ri);
  } else {
    fxrt_aten__index_select(&o.t, &s.t, dim, &idx.t);
  }
  /* out element (.., i, ..) is self element (.., index[i], ..). */
  int64_t bad = 0, es = refSize(dt), on = ttNumel(&o);
  for (int64_t f = 0; f < on; f++) {
    int64_t pos[FXRT_MAX_RANK], rest = f, src = 0;
    for (int k = rank - 1; k >= 0; k--)
      pos[k] = rest % osz[k], rest /= osz[k];
    if (rank) {
      int64_t i = pos[d];
      pos[d] = idt == FX_DTYPE_I32 ? *(int32_t *)ttPtr(&idx, i) : *(int64_t *)ttPtr(&idx, i);
    }
    for (int k = 0; k < rank; k++)
      src = src * ssz[k] + pos[k];
    bad += memcmp(ttPtr(&o, f), ttPtr(&s, src), (size_t)es) != 0;
  }
  char shape[64];
  int at = snprintf(shape, sizeof shape, "[");
  for (int k = 0; k < rank; k++)
    at += snprintf(shape + at, sizeof shape - (size_t)at, "%s%lld", k ? ", " : "", (long long)ssz[k]);
  snprintf(shape + at, sizeof shape - (size_t)at, "]");
  printf("%s: index_select %s%s dim %lld, %lld %s indices: %lld wrong\n", label,
         dtName(dt), shape, (long long)dim, (long long)n, dtName(idt), (long long)bad);
  finish(bad, &s, ssnap, &idx, &o, osnap);
}

static void testEmbedding(void) {
  // CHECK-LABEL: ## embedding
  printf("## embedding\n");
  int64_t i1[1] = {9}, i2[2] = {2, 3}, i3[3] = {2, 1, 4}, i0[1] = {0}, i30[2] = {3, 0};
  runEmbedding("tokens", FX_DTYPE_BF16, FX_DTYPE_I64, 37, 33, 1, i1, 0, 0, 0);
  runEmbedding("padded weight, strided out", FX_DTYPE_F32, FX_DTYPE_I32, 37, 129, 2, i2, 1, 1, 0);
  runEmbedding("column-major weight", FX_DTYPE_F16, FX_DTYPE_I64, 7, 33, 3, i3, 2, 0, 1);
  runEmbedding("fp8, repeats", FX_DTYPE_F8E4M3FN, FX_DTYPE_I32, 3, 7, 1, i1, 0, 1, 0);
  runEmbedding("i64 table", FX_DTYPE_I64, FX_DTYPE_I64, 5, 1, 1, i1, 1, 0, 0);
  runEmbedding("packed fp4", FX_DTYPE_F4E2M1FNX2, FX_DTYPE_I64, 4, 8, 2, i2, 0, 0, 1);
  runEmbedding("0-d index", FX_DTYPE_F16, FX_DTYPE_I64, 7, 5, 0, i1, 0, 0, 0);
  runEmbedding("no tokens", FX_DTYPE_F16, FX_DTYPE_I64, 7, 5, 1, i0, 0, 0, 0);
  runEmbedding("empty rows", FX_DTYPE_F16, FX_DTYPE_I32, 7, 0, 2, i2, 0, 0, 0);
  runEmbedding("empty index dim", FX_DTYPE_F32, FX_DTYPE_I32, 7, 4, 2, i30, 0, 0, 1);
  // CHECK: padded weight, strided out: embedding f32[37, 129] at i32 indices of 6: 0 wrong
  // CHECK: column-major weight: embedding f16[7, 33] at i64 indices of 8: 0 wrong
  // CHECK: packed fp4: embedding f4e2m1fnx2[4, 8] at i64 indices of 6: 0 wrong
  // CHECK: 0-d index: embedding f16[7, 5] at i64 indices of 1: 0 wrong
  // CHECK: no tokens: embedding f16[7, 5] at i64 indices of 0: 0 wrong
}

static void testIndexSelect(void) {
  // CHECK-LABEL: ## index_select
  printf("## index_select\n");
  int64_t s3[3] = {4, 5, 6}, s1[1] = {7};
  for (int dim = -1; dim < 3; dim++)
    runIndexSelect("3-D", dim & 1 ? FX_DTYPE_F16 : FX_DTYPE_F32,
                   dim & 1 ? FX_DTYPE_I32 : FX_DTYPE_I64, 3, s3, dim, 1, 9,
                   dim == 1, dim == 2, dim == 0);
  runIndexSelect("0-d index", FX_DTYPE_BF16, FX_DTYPE_I64, 3, s3, 1, 0, 1, 2, 0, 0);
  runIndexSelect("empty index", FX_DTYPE_BF16, FX_DTYPE_I64, 3, s3, 2, 1, 0, 0, 1, 0);
  runIndexSelect("vector", FX_DTYPE_I64, FX_DTYPE_I32, 1, s1, 0, 1, 20, 1, 1, 1);
  runIndexSelect("0-d self", FX_DTYPE_F32, FX_DTYPE_I64, 0, s1, -1, 1, 1, 0, 0, 1);
  // CHECK: 3-D: index_select f16[4, 5, 6] dim -1, 9 i32 indices: 0 wrong
  // CHECK: 3-D: index_select f32[4, 5, 6] dim 0, 9 i64 indices: 0 wrong
  // CHECK: 3-D: index_select f16[4, 5, 6] dim 1, 9 i32 indices: 0 wrong
  // CHECK: 3-D: index_select f32[4, 5, 6] dim 2, 9 i64 indices: 0 wrong
  // CHECK: empty index: index_select bf16[4, 5, 6] dim 2, 0 i64 indices: 0 wrong
  // CHECK: 0-d self: index_select f32[] dim -1, 1 i64 indices: 0 wrong
}

/* Run-time errors: nothing is written, the message names the index. */
static void testErrors(void) {
  // CHECK-LABEL: ## errors
  printf("## errors\n");
  int64_t w[2] = {10, 4}, i2[2] = {2, 3}, o3[3] = {2, 3, 4}, s3[3] = {4, 5, 6};
  int64_t n3 = 3, o2[3] = {4, 3, 6}, two[2] = {2, 1}, one = 1;
  TT wt = ttContig(FX_DTYPE_F16, 2, w), idx = ttContig(FX_DTYPE_I64, 2, i2);
  TT o = ttContig(FX_DTYPE_F16, 3, o3), s = ttContig(FX_DTYPE_F32, 3, s3);
  TT ix = ttContig(FX_DTYPE_I32, 1, &n3), os = ttContig(FX_DTYPE_F32, 3, o2);
  TT ix2 = ttContig(FX_DTYPE_I32, 2, two), o0 = ttContig(FX_DTYPE_F32, 0, &one);
  TT fi = ttContig(FX_DTYPE_F32, 2, i2);
  for (int64_t i = 0; i < 6; i++)
    setIndex(&idx, i, i);
  setIndex(&idx, 4, 10);
  setIndex(&ix, 0, 0), setIndex(&ix, 1, -1), setIndex(&ix, 2, 2);
  char *osnap = ttSnapshot(&o), *ossnap = ttSnapshot(&os);
  // CHECK-NEXT: fxrt: fxrt_aten__embedding: indices[1, 1] is 10, out of range for the rows of 'weight' of size 10: valid indices are 0 to 9 (torch: index out of range in self)
  fxrt_aten__embedding(&o.t, &wt.t, &idx.t, -1, 0, 0);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__embedding: 'indices' has unsupported dtype float32
  fxrt_aten__embedding(&o.t, &wt.t, &fi.t, -1, 0, 0);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__embedding: 'out' has shape [2, 3, 4], expected [3, 4] (the shape of indices, then the row size of weight)
  fxrt_aten__embedding(&o.t, &wt.t, &ix.t, -1, 0, 0);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__index_select: index[1] is -1, out of range for dim 1 of 'self' of size 5: valid indices are 0 to 4 (torch: index out of range in self)
  fxrt_aten__index_select(&os.t, &s.t, 1, &ix.t);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__index_select: dim 3 is out of range for 'self' of rank 3 (expected -3 to 2)
  fxrt_aten__index_select(&os.t, &s.t, 3, &ix.t);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__index_select: 'index' has rank 2, expected 0 to 1
  fxrt_aten__index_select(&os.t, &s.t, 1, &ix2.t);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__index_select: 'index' has 3 elements; a 0-d 'self' takes exactly 1 (torch: index to scalar can have only 1 value)
  fxrt_aten__index_select(&o0.t, &o0.t, 0, &ix.t);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fxrt_aten__index_select: 'out' has shape [4, 3, 6], expected [3, 5, 6] (the shape of self with dim's size the index count)
  fxrt_aten__index_select(&os.t, &s.t, 0, &ix.t);
  fxrt_clear_error();
  EXPECT(ttUnchanged(&o, osnap) && ttUnchanged(&os, ossnap));
  free(osnap);
  free(ossnap);
  TT *all[] = {&wt, &idx, &o, &s, &ix, &os, &ix2, &o0, &fi};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testEmbedding();
  testIndexSelect();
  testErrors();
  // CHECK: gather: {{[0-9]+}} checks passed
  return fxtestFinish("gather");
}
