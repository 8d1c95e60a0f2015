// RUN: fx-kernels-reduce-test 2>&1 | FileCheck %s

/* reduce.c - sum.dim_IntList, mean.dim and _softmax (kernels/cpu/reduce.c)
 * against a double-precision reference.
 *
 * Tolerances: int sums exact; a float sum or mean within
 * (log2(n) + 2) * 2^-24 * sum|x| of the exact value (pairwise fp32
 * accumulation; f64 with 2^-53) plus one rounding to a 16-bit out, i.e.
 * at most 1 ulp there on these data; softmax within 1 ulp (16-bit) of
 * the correctly rounded value, f32 within (|x - max| + log2(n) + 5) * 2^-24
 * relative (fp32 rounds x - max before exp, in torch's algorithm too: 10
 * ulp on these rows), f64 within 4 * 2^-52 relative.  Cases: one,
 * two, negative and all dims (absent list and empty list), keepdim, a
 * transposed strided input with an offset, f32/f16/bf16/f64/i32/bool,
 * empty reduced and kept dims, half_to_float, records, errors. */
#include "fxtest.h"

/* The dims of a rank-3 tensor [A, B, C] as a 1-D i64 tensor. */
static TT dimList(int n, const int64_t *dims) {
  int64_t sz[1] = {n};
  TT t = ttContig(FX_DTYPE_I64, 1, sz);
  if (n) /* an empty list: no data to copy (memcpy from NULL is undefined) */
    memcpy(t.t.data, dims, (size_t)n * 8);
  return t;
}

/* Checks out = reduce(x over mask) for every out element; x is [A,B,C]. */
static void checkReduce(const char *label, const TT *x, unsigned mask,
                        int keepdim, int mean, const TT *out) {
  int64_t A = x->t.sizes[0], B = x->t.sizes[1], C = x->t.sizes[2];
  int32_t odt = out->t.dtype;
  int64_t bad = 0, maxUlp = 0;
  for (int64_t i = 0; i < A; i++)
    for (int64_t j = 0; j < B; j++)
      for (int64_t k = 0; k < C; k++) {
        /* the first element of each group computes the group */
        if (((mask & 1) && i) || ((mask & 2) && j) || ((mask & 4) && k))
          continue;
        double s = 0, sa = 0;
        int64_t n = 0;
        for (int64_t a = 0; a < A; a++)
          for (int64_t b = 0; b < B; b++)
            for (int64_t c = 0; c < C; c++) {
              if ((!(mask & 1) && a != i) || (!(mask & 2) && b != j) ||
                  (!(mask & 4) && c != k))
                continue;
              double v = refRound(ttGet(x, (a * B + b) * C + c), odt);
              s += v, sa += fabs(v), n++;
            }
        double want = mean ? s / n : s;
        /* the out element's flat index over out's own shape */
        int64_t idx[3] = {i, j, k}, flat = 0, r = 0;
        for (int d = 0; d < 3; d++) {
          if (mask >> d & 1 && !keepdim)
            continue;
          flat = flat * out->t.sizes[r] + (mask >> d & 1 ? 0 : idx[d]);
          r++;
        }
        double got = ttGet(out, flat);
        if (odt == FX_DTYPE_I64) {
          bad += got != want;
        } else if (odt == FX_DTYPE_F16 || odt == FX_DTYPE_BF16) {
          int64_t u = ulpDist(ttPtr(out, flat), refRound(want, odt), odt);
          maxUlp = u > maxUlp ? u : maxUlp;
        } else {
          double eps = odt == FX_DTYPE_F64 ? 0x1p-53 : 0x1p-24;
          double tol = (log2((double)n + 1) + 2) * eps * (sa / (mean ? n : 1));
          bad += !(fabs(got - want) <= tol || (isnan(got) && isnan(want)));
        }
      }
  printf("%s: %s max_ulp=%lld bad=%lld\n", label, dtName(odt),
         (long long)maxUlp, (long long)bad);
  EXPECT(bad == 0 && maxUlp <= 1);
}

typedef void (*ReduceFn)(const FxTensor *, const FxTensor *, const FxTensor *,
                         int64_t);

/* reduce x [A,B,C] over `dims` (n of them; n < 0: absent list). */
static void runReduce(const char *label, int32_t dt, int32_t odt,
                      const int64_t *sz, int n, const int64_t *dims,
                      int keepdim, int mean, int transposed) {
  TT buf, x;
  if (transposed) { /* x[a][b][c] at c*A*B + b*A + a + 2 */
    int64_t tsz[3] = {sz[2], sz[1], sz[0]};
    buf = ttMake(dt, 3, tsz, NULL, 2);
    int64_t st[3] = {1, sz[0], sz[0] * sz[1]};
    x = ttView(&buf, dt, 2, 3, sz, st);
  } else {
    buf = ttContig(dt, 3, sz);
    x = buf;
  }
  for (int64_t i = 0; i < ttNumel(&x); i++)
    ttSet(&x, i, dt == FX_DTYPE_I32   ? floor(rndUniform(-1e6, 1e6))
                 : dt == FX_DTYPE_I1 ? rndU64() % 2
                                     : rndNormal(0.5, 2.0));
  unsigned mask = n <= 0 ? 7 : 0;
  for (int i = 0; i < n; i++)
    mask |= 1u << (dims[i] < 0 ? dims[i] + 3 : dims[i]);
  int64_t osz[3];
  int orank = 0;
  for (int d = 0; d < 3; d++)
    if (!(mask >> d & 1) || keepdim)
      osz[orank++] = mask >> d & 1 ? 1 : sz[d];
  TT out = ttContig(odt, orank, osz);
  TT dl = dimList(n > 0 ? n : 0, dims);
  ReduceFn fn = mean ? fxrt_aten__mean_dim : fxrt_aten__sum_dim_IntList;
  fn(&out.t, &x.t, n < 0 ? NULL : &dl.t, keepdim);
  checkReduce(label, &x, mask, keepdim, mean, &out);
  ttFree(&buf), ttFree(&out), ttFree(&dl);
}

static void testReduce(void) {
  // CHECK-LABEL: reduce
  printf("reduce\n");
  const int32_t F32 = FX_DTYPE_F32, F16 = FX_DTYPE_F16, BF16 = FX_DTYPE_BF16,
                F64 = FX_DTYPE_F64, I64 = FX_DTYPE_I64;
  int64_t s[3] = {5, 7, 300}, d1[1] = {1}, dneg[1] = {-1}, d02[2] = {0, 2};
  // CHECK: sum last f32: f32 max_ulp=0 bad=0
  runReduce("sum last f32", F32, F32, s, 1, dneg, 0, 0, 0);
  runReduce("sum dim 1 keepdim f16", F16, F16, s, 1, d1, 1, 0, 0);
  runReduce("sum 0,2 bf16 transposed", BF16, BF16, s, 2, d02, 0, 0, 1);
  runReduce("sum all f64", F64, F64, s, -1, NULL, 0, 0, 0);
  runReduce("sum [] keepdim f32", F32, F32, s, 0, NULL, 1, 0, 1);
  runReduce("sum i32 -> i64", FX_DTYPE_I32, I64, s, 1, dneg, 0, 0, 0);
  runReduce("sum bool -> i64", FX_DTYPE_I1, I64, s, 2, d02, 0, 0, 1);
  runReduce("sum f16 -> f32", F16, F32, s, 1, d1, 0, 0, 0);
  runReduce("sum f32 -> f64", F32, F64, s, 1, d1, 0, 0, 1);
  // CHECK: mean last f16: f16 max_ulp={{[01]}} bad=0
  runReduce("mean last f16", F16, F16, s, 1, dneg, 0, 1, 0);
  runReduce("mean 0,2 keepdim f32 transposed", F32, F32, s, 2, d02, 1, 1, 1);
  runReduce("mean all bf16", BF16, BF16, s, -1, NULL, 0, 1, 0);
  int64_t e[3] = {4, 0, 3};
  runReduce("sum empty reduced", F32, F32, e, 1, d1, 0, 0, 0);
  runReduce("mean empty reduced", F32, F32, e, 1, d1, 0, 1, 0); /* NaN */
  runReduce("sum empty kept", F32, F32, e, 1, dneg, 1, 0, 0);
}

/*===-- softmax ------------------------------------------------------------===*/

static void runSoftmax(const char *label, int32_t dt, int32_t odt, int dim,
                       int transposed, int64_t maxUlp) {
  int64_t sz[2] = {6, 129}, st[2] = {1, 6}, tsz[2] = {129, 6};
  TT buf = transposed ? ttMake(dt, 2, tsz, NULL, 1) : ttContig(dt, 2, sz);
  TT x = transposed ? ttView(&buf, dt, 1, 2, sz, st) : buf;
  for (int64_t i = 0; i < ttNumel(&x); i++)
    ttSet(&x, i, rndNormal(0, 3));
  TT out = ttContig(odt, 2, sz);
  int64_t r[2][12];
  FxMemRefI64 ro = ttRecord(&out, r[0]), rx = ttRecord(&x, r[1]);
  _mlir_ciface_fxrt_aten___softmax(&ro, &rx, dim, odt != dt);
  int d = dim < 0 ? dim + 2 : dim;
  UlpStats u = {0};
  int64_t bad = 0;
  for (int64_t i = 0; i < 6; i++)
    for (int64_t j = 0; j < 129; j++) {
      double m = -INFINITY, s = 0;
      for (int64_t t = 0; t < sz[d]; t++)
        m = fmax(m, ttGet(&x, d ? i * 129 + t : t * 129 + j));
      for (int64_t t = 0; t < sz[d]; t++)
        s += exp(ttGet(&x, d ? i * 129 + t : t * 129 + j) - m);
      double xm = ttGet(&x, i * 129 + j) - m, want = exp(xm) / s;
      double got = ttGet(&out, i * 129 + j);
      if (odt == FX_DTYPE_F64)
        bad += fabs(got - want) > maxUlp * 0x1p-52 * want;
      else if (odt == FX_DTYPE_F32)
        bad += fabs(got - want) >
               (fabs(xm) + log2((double)sz[d]) + 5) * 0x1p-24 * want;
      else
        ulpAdd(&u, ttPtr(&out, i * 129 + j), refRound(want, odt), odt);
    }
  printf("%s: %s max_ulp=%lld bad=%lld\n", label, dtName(odt),
         (long long)u.maxUlp, (long long)bad);
  EXPECT(u.maxUlp <= maxUlp && bad == 0);
  ttFree(&buf), ttFree(&out);
}

static void testSoftmax(void) {
  // CHECK-LABEL: softmax
  printf("softmax\n");
  // CHECK: softmax last f16: f16 max_ulp={{[01]}} bad=0
  runSoftmax("softmax last f16", FX_DTYPE_F16, FX_DTYPE_F16, -1, 0, 1);
  runSoftmax("softmax dim 0 bf16 transposed", FX_DTYPE_BF16, FX_DTYPE_BF16, 0, 1, 1);
  runSoftmax("softmax last f32 transposed", FX_DTYPE_F32, FX_DTYPE_F32, 1, 1, 4);
  runSoftmax("softmax dim 0 f64", FX_DTYPE_F64, FX_DTYPE_F64, 0, 0, 4);
  runSoftmax("softmax half_to_float", FX_DTYPE_BF16, FX_DTYPE_F32, 1, 0, 4);
}

/*===-- errors -------------------------------------------------------------===*/

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t s[3] = {2, 3, 4}, s24[2] = {2, 4}, s3[1] = {3};
  TT x = ttContig(FX_DTYPE_F32, 3, s), o = ttContig(FX_DTYPE_F32, 2, s24);
  TT oi = ttContig(FX_DTYPE_I64, 2, s24), o3 = ttContig(FX_DTYPE_F32, 1, s3);
  int64_t bad[1] = {3}, twice[2] = {1, -2}, one[1] = {1};
  TT dBad = dimList(1, bad), dTwice = dimList(2, twice), dOne = dimList(1, one);
  char *snap = ttSnapshot(&o);
  // CHECK-NEXT: fxrt: fxrt_aten__sum_dim_IntList: dim 3 is out of range for a tensor of rank 3 (expected [-3, 2])
  fxrt_aten__sum_dim_IntList(&o.t, &x.t, &dBad.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__sum_dim_IntList: dim 1 appears more than once in the list of dims
  fxrt_aten__sum_dim_IntList(&o.t, &x.t, &dTwice.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__mean_dim: 'out' has shape [3], expected [2, 4]
  fxrt_aten__mean_dim(&o3.t, &x.t, &dOne.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__mean_dim: mean is not defined for int64 (a float dtype only)
  fxrt_aten__mean_dim(&oi.t, &x.t, &dOne.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten___softmax: half_to_float takes a float16 or bfloat16 self, not float32
  fxrt_aten___softmax(&x.t, &x.t, 0, 1);
  // CHECK-NEXT: fxrt: fxrt_aten___softmax: dim -4 is out of range for a tensor of rank 3 (expected [-3, 2])
  fxrt_aten___softmax(&x.t, &x.t, -4, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__sum_dim_IntList: 'dim' has unsupported dtype float32
  fxrt_aten__sum_dim_IntList(&o.t, &x.t, &o3.t, 0);
  EXPECT(ttUnchanged(&o, snap));
  free(snap);
  TT *all[] = {&x, &o, &oi, &o3, &dBad, &dTwice, &dOne};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testReduce();
  testSoftmax();
  testErrors();
  // CHECK: reduce: {{[0-9]+}} checks passed
  return fxtestFinish("reduce");
}
