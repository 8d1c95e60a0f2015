// RUN: fx-kernels-aten-test 2>&1 | FileCheck %s

/* aten.c - the aten kernels: mm, _scaled_mm, add.Tensor, mul.Tensor, cos.
 *
 * mm/_scaled_mm against a double reference with the fp32-accumulation
 * bound: |got - ref| <= ulp_T(ref) + 2 K 2^-24 sum_k |a_k b_k| (any strides:
 * transposed mat2, row-strided self, column-slice out); on positive data
 * (no cancellation) 16-bit outputs must be within 1 ulp.
 * add/mul are one fp32 operation then one rounding to the out dtype, so
 * they must be exact: add = T(f32(a + f32(alpha * b))), mul = T(f32(a*b)),
 * under torch broadcasting (scalar, last-dim vector, column, either side).
 * cos: within 1 ulp of T(cos(x)). */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS */
#include "fxtest.h"

#include <sys/mman.h>
#include <unistd.h>

/* Spacing of dt at v. */
static double ulpOf(double v, int32_t dt) {
  int prec, emin;
  double maxv;
  refFormat(dt, &prec, &emin, &maxv);
  int e;
  frexp(v, &e);
  return ldexp(1.0, (e - 1 < emin ? emin : e - 1) - (prec - 1));
}

/*===-- mm / _scaled_mm ----------------------------------------------------===*/

typedef struct MCase {
  int32_t dt, outDt;
  int64_t m, k, n;
  int transB, padA, padOut, positive, records;
  int scaled, rowScales, bias, scaleResult;
} MCase;

static void runMm(const char *label, MCase c) {
  int64_t m = c.m, k = c.k, n = c.n;
  int64_t abuf[2] = {m, k + c.padA}, asz[2] = {m, k}, ast[2] = {k + c.padA, 1};
  TT ab = ttContig(c.dt, 2, abuf);
  TT a = ttView(&ab, c.dt, c.padA ? 1 : 0, 2, asz, ast);
  int64_t bsz[2] = {k, n}, bt[2] = {n, k}, bst[2] = {1, k};
  TT bb = c.transB ? ttContig(c.dt, 2, bt) : ttContig(c.dt, 2, bsz);
  TT b = c.transB ? ttView(&bb, c.dt, 0, 2, bsz, bst) : bb;
  int64_t obuf[2] = {m, n + c.padOut}, osz[2] = {m, n}, ost[2] = {n + c.padOut, 1};
  TT ob = ttContig(c.outDt, 2, obuf);
  TT o = ttView(&ob, c.outDt, c.padOut ? 2 : 0, 2, osz, ost);
  double lo = c.positive ? 0.1 : -1.0;
  for (int64_t i = 0; i < m * k; i++)
    ttSet(&a, i, rndUniform(lo, 1.0) * (c.scaled ? 8.0 : 1.0));
  for (int64_t i = 0; i < k * n; i++)
    ttSet(&b, i, rndUniform(lo, 1.0) * (c.scaled ? 8.0 : 1.0));
  int64_t one = 1, sasz[2] = {m, 1}, sbsz[2] = {1, n};
  TT sa = c.rowScales ? ttContig(FX_DTYPE_F32, 2, sasz) : ttContig(FX_DTYPE_F32, 0, &one);
  TT sb = c.rowScales ? ttContig(FX_DTYPE_F32, 2, sbsz) : ttContig(FX_DTYPE_F32, 0, &one);
  TT bias = ttContig(FX_DTYPE_BF16, 1, &n), sr = ttContig(FX_DTYPE_F32, 1, &one);
  for (int64_t i = 0; i < ttNumel(&sa); i++)
    ttSet(&sa, i, rndUniform(0.01, 0.1));
  for (int64_t i = 0; i < ttNumel(&sb); i++)
    ttSet(&sb, i, rndUniform(0.01, 0.1));
  ttFillNormal(&bias, 0.0, 1.0);
  ttSet(&sr, 0, 4.0);
  char *asnap = ttSnapshot(&ab), *bsnap = ttSnapshot(&bb), *osnap = ttSnapshot(&ob);
  if (c.records) {
    int64_t r[8][8];
    FxMemRefI64 ro = ttRecord(&o, r[0]), ra = ttRecord(&a, r[1]), rb = ttRecord(&b, r[2]);
    FxMemRefI64 rsa = ttRecord(&sa, r[3]), rsb = ttRecord(&sb, r[4]);
    FxMemRefI64 rbias = c.bias ? ttRecord(&bias, r[5]) : absentRecord(r[5]);
    FxMemRefI64 rsr = c.scaleResult ? ttRecord(&sr, r[6]) : absentRecord(r[6]);
    if (c.scaled)
      _mlir_ciface_fxrt_aten___scaled_mm(&ro, &ra, &rb, &rsa, &rsb, &rbias, &rsr, 1);
    else
      _mlir_ciface_fxrt_aten__mm(&ro, &ra, &rb);
  } else if (c.scaled) {
    fxrt_aten___scaled_mm(&o.t, &a.t, &b.t, &sa.t, &sb.t, c.bias ? &bias.t : NULL,
                          c.scaleResult ? &sr.t : NULL, 0);
  } else {
    fxrt_aten__mm(&o.t, &a.t, &b.t);
  }
  double worst = 0.0;
  int64_t maxUlp = 0;
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) {
      double acc = 0.0, mag = 0.0;
      for (int64_t p = 0; p < k; p++) {
        acc += ttGet(&a, i * k + p) * ttGet(&b, p * n + j);
        mag += fabs(ttGet(&a, i * k + p) * ttGet(&b, p * n + j));
      }
      double scale = 1.0;
      if (c.scaled) {
        scale = ttGet(&sa, c.rowScales ? i : 0) * ttGet(&sb, c.rowScales ? j : 0);
        acc = acc * scale + (c.bias ? ttGet(&bias, j) : 0.0);
        if (c.scaleResult && c.outDt == FX_DTYPE_F8E4M3FN)
          acc *= 4.0, scale *= 4.0;
      }
      double ref = refRound(acc, c.outDt);
      const char *got = ttPtr(&o, i * n + j);
      double bound = ulpOf(ref, c.outDt) + 2.0 * (double)(k + 2) * 0x1p-24 * mag * scale;
      worst = fmax(worst, fabs(refDecode(got, c.outDt) - ref) / bound);
      int64_t d = ulpDist(got, ref, c.outDt);
      maxUlp = d > maxUlp ? d : maxUlp;
    }
  printf("%s: %s->%s [%lld,%lld]x[%lld,%lld]%s%s%s: max_ulp=%lld, err/bound=%.2f\n",
         label, dtName(c.dt), dtName(c.outDt), (long long)m, (long long)k,
         (long long)k, (long long)n, c.transB ? " mat2^T" : "",
         c.padA || c.padOut ? " strided" : "", c.positive ? " positive" : "",
         (long long)maxUlp, worst);
  EXPECT(worst <= 1.0);
  if (c.positive && c.outDt != FX_DTYPE_F32)
    EXPECT(maxUlp <= 1);
  EXPECT(ttUnchanged(&ab, asnap) && ttUnchanged(&bb, bsnap));
  EXPECT(ttOnlyElementsChanged(&o, osnap));
  free(asnap);
  free(bsnap);
  free(osnap);
  TT *all[] = {&ab, &bb, &ob, &sa, &sb, &bias, &sr};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

static void testMm(void) {
  // CHECK-LABEL: mm
  printf("mm\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  static const int64_t shapes[][3] = {{1, 1, 1}, {3, 17, 5}, {7, 70, 130}, {2, 300, 65}};
  for (int d = 0; d < 3; d++)
    for (int s = 0; s < 4; s++) {
      MCase c = {dts[d], dts[d], shapes[s][0], shapes[s][1], shapes[s][2],
                 s % 2, s >= 2, s == 3, 0, 0, 0, 0, 0, 0};
      runMm("mm", c);
      c.positive = 1;
      runMm("mm", c);
    }
  // CHECK: mm: bf16->bf16 [7,70]x[70,130] strided positive: max_ulp={{[01]}}
  MCase e = {FX_DTYPE_F16, FX_DTYPE_F16, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  runMm("no rows", e);
  e.m = 4, e.k = 0;
  runMm("K = 0 (zeros)", e);
  /* With no row there is nothing to write, so mat2 must not be read at all
   * (it used to be widened whole: 400 ms for a layer at 0 tokens).  Here it
   * lives in a page that cannot be read: any access is a SIGSEGV. */
  long page = sysconf(_SC_PAGESIZE);
  void *noAccess = mmap(NULL, (size_t)page, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT(noAccess != MAP_FAILED);
  if (noAccess != MAP_FAILED) {
    int64_t s08[2] = {0, 8}, s016[2] = {0, 16};
    TT a0 = ttContig(FX_DTYPE_F16, 2, s08), o0 = ttContig(FX_DTYPE_F16, 2, s016);
    FxTensor unreadable = {noAccess, FX_DTYPE_F16, 2, {8, 16}, {16, 1}};
    fxrt_aten__mm(&o0.t, &a0.t, &unreadable);
    // CHECK: mm: 0 rows: mat2 not read
    printf("mm: 0 rows: mat2 not read\n");
    munmap(noAccess, (size_t)page);
    ttFree(&a0);
    ttFree(&o0);
  }
  MCase r = {FX_DTYPE_BF16, FX_DTYPE_BF16, 5, 9, 11, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  runMm("records", r);

  // CHECK-LABEL: _scaled_mm
  printf("_scaled_mm\n");
  MCase s = {FX_DTYPE_F8E4M3FN, FX_DTYPE_BF16, 9, 48, 70, 1, 0, 0, 1, 0, 1, 0, 0, 0};
  runMm("per-tensor", s);
  s.rowScales = 1, s.bias = 1, s.positive = 0;
  runMm("row-wise + bias", s);
  s.outDt = FX_DTYPE_F32;
  runMm("row-wise + bias", s);
  s.outDt = FX_DTYPE_F8E4M3FN, s.rowScales = 0, s.bias = 0, s.scaleResult = 1;
  runMm("fp8 out, scale_result", s);
  // CHECK: fp8 out, scale_result: f8e4m3fn->f8e4m3fn [9,48]x[48,70] mat2^T: max_ulp={{[01]}}
  s.outDt = FX_DTYPE_BF16, s.records = 1, s.bias = 1, s.scaleResult = 1;
  runMm("records", s);
}

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
  int64_t s34[2] = {3, 4}, s3 = 3, s54[2] = {5, 4}, s24[2] = {2, 4}, s4 = 4, s1[2] = {1, 4};
  TT a = ttContig(FX_DTYPE_F16, 2, s34), b3 = ttContig(FX_DTYPE_F16, 1, &s3);
  TT o = ttContig(FX_DTYPE_F16, 2, s34), o54 = ttContig(FX_DTYPE_F16, 2, s54);
  TT oi = ttContig(FX_DTYPE_I32, 2, s34), m24 = ttContig(FX_DTYPE_F16, 2, s24);
  TT v4 = ttContig(FX_DTYPE_F16, 1, &s4), r1 = ttContig(FX_DTYPE_F16, 2, s1);
  char *snap = ttSnapshot(&o);
  // CHECK-NEXT: fxrt: fxrt_aten__add_Tensor: 'other' dimension 0 of size 3 does not broadcast to size 4 of 'out'
  fxrt_aten__add_Tensor(&o.t, &a.t, &b3.t, 1.0);
  // CHECK-NEXT: fxrt: fxrt_aten__mul_Tensor: 'out' dimension 0 of size 5 is not the broadcast of the inputs
  fxrt_aten__mul_Tensor(&o54.t, &r1.t, &r1.t);
  // CHECK-NEXT: fxrt: fxrt_aten__cos: cos is not defined for int32
  fxrt_aten__cos(&oi.t, &a.t);
  // CHECK-NEXT: fxrt: fxrt_aten__mm: shapes [3, 4] @ [2, 4] -> [3, 4] do not match
  fxrt_aten__mm(&o.t, &a.t, &m24.t);
  // CHECK-NEXT: fxrt: fxrt_aten__mm: 'mat2' has rank 1, expected 2 to 2
  fxrt_aten__mm(&o.t, &a.t, &v4.t);
  EXPECT(ttUnchanged(&o, snap));
  free(snap);
  TT *all[] = {&a, &b3, &o, &o54, &oi, &m24, &v4, &r1};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testMm();
  testElementwise();
  testErrors();
  // CHECK: aten: {{[0-9]+}} checks passed
  return fxtestFinish("aten");
}
