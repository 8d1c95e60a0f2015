// RUN: fx-kernels-aten-test 2>&1 | FileCheck %s

/* aten.c - the elementwise aten kernels: add.Tensor, mul.Tensor, cos (the
 * matrix products are matmul.c, embedding and index_select gather.c).
 * add/mul are one fp32 operation then one rounding to the out dtype, so
 * they must be exact: add = T(f32(a + f32(alpha * b))), mul = T(f32(a*b)),
 * under torch broadcasting (scalar, last-dim vector, column, either side).
 * cos: within 1 ulp of T(cos(x)). */
#include "fxtest.h"

/*===-- add / mul / cos ----------------------------------------------------===*/

typedef struct ECase {
  int op; /* 0 add, 1 mul, 2 cos */
  int32_t adt, bdt, odt;
  int arank, brank;
  int64_t asz[3], bsz[3];
  int orank;
  int64_t osz[3];
  double alpha;
  int transA, records;
} ECase;

static void runEw(const char *label, ECase c) {
  int64_t ast[3] = {0}, tsz[3];
  TT abuf, a;
  if (c.transA) { /* a [m, n] as the transpose of an [n, m] buffer */
    tsz[0] = c.asz[1], tsz[1] = c.asz[0];
    abuf = ttContig(c.adt, 2, tsz);
    ast[0] = 1, ast[1] = c.asz[0];
    a = ttView(&abuf, c.adt, 0, 2, c.asz, ast);
  } else {
    abuf = ttContig(c.adt, c.arank, c.asz);
    a = abuf;
  }
  TT b = ttContig(c.bdt, c.brank, c.bsz), o = ttContig(c.odt, c.orank, c.osz);
  ttFillNormal(&a, 0.0, c.op == 2 ? 4.0 : 1.0);
  ttFillNormal(&b, 0.0, 1.0);
  if (c.records) {
    int64_t r[3][10];
    FxMemRefI64 ro = ttRecord(&o, r[0]), ra = ttRecord(&a, r[1]), rb = ttRecord(&b, r[2]);
    if (c.op == 0)
      _mlir_ciface_fxrt_aten__add_Tensor(&ro, &ra, &rb, c.alpha);
    else if (c.op == 1)
      _mlir_ciface_fxrt_aten__mul_Tensor(&ro, &ra, &rb);
    else
      _mlir_ciface_fxrt_aten__cos(&ro, &ra);
  } else if (c.op == 0) {
    fxrt_aten__add_Tensor(&o.t, &a.t, &b.t, c.alpha);
  } else if (c.op == 1) {
    fxrt_aten__mul_Tensor(&o.t, &a.t, &b.t);
  } else {
    fxrt_aten__cos(&o.t, &a.t);
  }
  UlpStats st = {0};
  int64_t on = ttNumel(&o);
  for (int64_t i = 0; i < on; i++) {
    /* Broadcast index: right-align, size-1 dims read element 0. */
    int64_t idx[3], rem = i;
    for (int d = c.orank - 1; d >= 0; d--)
      idx[d] = rem % c.osz[d], rem /= c.osz[d];
    int64_t ai = 0, bi = 0;
    for (int d = 0; d < c.arank; d++)
      ai = ai * c.asz[d] + (c.asz[d] == 1 ? 0 : idx[d + c.orank - c.arank]);
    for (int d = 0; d < c.brank; d++)
      bi = bi * c.bsz[d] + (c.bsz[d] == 1 ? 0 : idx[d + c.orank - c.brank]);
    double x = ttGet(&a, ai), y = c.op == 2 ? 0.0 : ttGet(&b, bi);
    double ref = c.op == 0   ? f32(x + f32(f32(c.alpha) * y))
                 : c.op == 1 ? f32(x * y)
                             : cos(x);
    ulpAdd(&st, ttPtr(&o, i), refRound(ref, c.odt), c.odt);
  }
  static const char *ops[] = {"add", "mul", "cos"};
  printf("%s: %s %s%s%s->%s numel=%lld: max_ulp=%lld inexact=%lld\n", label,
         ops[c.op], dtName(c.adt), c.op == 2 ? "" : ",",
         c.op == 2 ? "" : dtName(c.bdt), dtName(c.odt), (long long)on, (long long)st.maxUlp,
         (long long)st.inexact);
  EXPECT(c.op == 2 ? st.maxUlp <= 1 : st.maxUlp == 0);
  ttFree(&abuf);
  ttFree(&b);
  ttFree(&o);
}

static void testElementwise(void) {
  // CHECK-LABEL: elementwise
  printf("elementwise\n");
  const int32_t F32 = FX_DTYPE_F32, F16 = FX_DTYPE_F16, BF16 = FX_DTYPE_BF16;
  for (int op = 0; op < 2; op++) {
    ECase same = {op, BF16, BF16, BF16, 2, 2, {37, 129}, {37, 129}, 2, {37, 129}, 2.5, 0, 0};
    runEw("same shape", same);
    ECase tr = same;
    tr.adt = tr.bdt = tr.odt = F16, tr.transA = 1;
    runEw("transposed self", tr);
    ECase scalar = {op, F16, F32, F16, 2, 0, {5, 17}, {1}, 2, {5, 17}, -1.0, 0, 0};
    runEw("0-d other", scalar);
    ECase one = {op, F32, F32, F32, 3, 1, {2, 3, 7}, {1}, 3, {2, 3, 7}, 0.5, 0, 0};
    runEw("1-element other", one);
    ECase vec = {op, BF16, BF16, BF16, 2, 1, {6, 33}, {33}, 2, {6, 33}, 1.0, 0, 0};
    runEw("last-dim vector", vec);
    ECase col = {op, F16, F16, F16, 2, 2, {6, 9}, {6, 1}, 2, {6, 9}, 1.0, 0, 0};
    runEw("column", col);
    ECase lhs = {op, BF16, F32, F32, 1, 2, {9}, {4, 9}, 2, {4, 9}, 3.0, 0, 1};
    runEw("broadcast self, mixed dtypes, records", lhs);
    ECase empty = {op, F16, F16, F16, 2, 1, {0, 9}, {9}, 2, {0, 9}, 1.0, 0, 0};
    runEw("empty", empty);
  }
  // CHECK: last-dim vector: add bf16,bf16->bf16 numel=198: max_ulp=0
  // CHECK: broadcast self, mixed dtypes, records: mul bf16,f32->f32 numel=36: max_ulp=0
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  for (int d = 0; d < 3; d++) {
    ECase c = {2, dts[d], dts[d], dts[d], 2, 0, {33, 65}, {1}, 2, {33, 65}, 1, d == 1, 0};
    runEw("cos", c);
  }
  ECase cr = {2, BF16, BF16, F32, 0, 0, {1}, {1}, 0, {1}, 1, 0, 1};
  runEw("cos 0-d records", cr);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t s34[2] = {3, 4}, s3 = 3, s54[2] = {5, 4}, s1[2] = {1, 4};
  TT a = ttContig(FX_DTYPE_F16, 2, s34), b3 = ttContig(FX_DTYPE_F16, 1, &s3);
  TT o = ttContig(FX_DTYPE_F16, 2, s34), o54 = ttContig(FX_DTYPE_F16, 2, s54);
  TT oi = ttContig(FX_DTYPE_I32, 2, s34), r1 = ttContig(FX_DTYPE_F16, 2, s1);
  char *snap = ttSnapshot(&o);
  // CHECK-NEXT: fxrt: fxrt_aten__add_Tensor: 'other' dimension 0 of size 3 does not broadcast to size 4 of 'out'
  fxrt_aten__add_Tensor(&o.t, &a.t, &b3.t, 1.0);
  // CHECK-NEXT: fxrt: fxrt_aten__mul_Tensor: 'out' dimension 0 of size 5 is not the broadcast of the inputs
  fxrt_aten__mul_Tensor(&o54.t, &r1.t, &r1.t);
  // CHECK-NEXT: fxrt: fxrt_aten__cos: cos is not defined for int32
  fxrt_aten__cos(&oi.t, &a.t);
  EXPECT(ttUnchanged(&o, snap));
  free(snap);
  TT *all[] = {&a, &b3, &o, &o54, &oi, &r1};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testElementwise();
  testErrors();
  // CHECK: aten: {{[0-9]+}} checks passed
  return fxtestFinish("aten");
}
