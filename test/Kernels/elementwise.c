// RUN: fx-kernels-elementwise-test 2>&1 | FileCheck %s

/* elementwise.c - the elementwise aten kernels (kernels/cpu/elementwise.c)
 * against a double-precision reference that follows torch's CPU kernels:
 * each input rounded to the common dtype (refRound), one fp32 operation
 * per fp32 step of the op (f32()), one rounding to the out dtype.
 *
 * Tolerances: arithmetic, comparisons, selection, bitwise ops, abs/neg,
 * conversions and fills are exact (0 ulp, ints and bool equal); exp, log,
 * sigmoid, silu, rsqrt and pow with a general exponent are within 1 ulp
 * for 16-bit outputs and 4 ulp for f32 (libm's fp32 functions against the
 * exact value), f64 within 4 ulp of double libm.  Cases: broadcasting
 * (missing, size-1 and 0-d dims), strided inputs (transposed, inner
 * stride 2, offsets), f32/f16/bf16/f64/i64/i32/i1 and mixed dtypes,
 * empty tensors, record entry points, and the errors. */
#include "fxtest.h"

/*===-- Harness --------------------------------------------------------------===*/

/* Flat index into `x` of out element `flat` under broadcasting. */
static int64_t bcIndex(const TT *x, const TT *out, int64_t flat) {
  int64_t idx[FXRT_MAX_RANK] = {0}, r = flat;
  for (int d = out->t.rank - 1; d >= 0; d--)
    idx[d] = r % out->t.sizes[d], r /= out->t.sizes[d];
  int64_t xi = 0, lead = out->t.rank - x->t.rank;
  for (int d = 0; d < x->t.rank; d++)
    xi = xi * x->t.sizes[d] + (x->t.sizes[d] == 1 ? 0 : idx[d + lead]);
  return xi;
}

/* The reference of one element from the inputs' values (already rounded
 * to the common dtype) and the parameter. */
typedef double (*RefFn)(const double *v, double p);

/* The common dtype: f32, f16 and bf16 compute in fp32 (each step rounded
 * by f32()), f64 in double, ints exactly (the values stay small). */
static int32_t gCompute = FX_DTYPE_F32;
static double rf(double v) {
  int fp32 = gCompute == FX_DTYPE_F32 || gCompute == FX_DTYPE_F16 ||
             gCompute == FX_DTYPE_BF16;
  return fp32 ? f32(v) : v;
}

/* Compares out with ref over every element; `cast[j]` is the dtype input j
 * is rounded to first (-1: as it is).  Floats by ulp (f64 relatively),
 * ints and bool exactly. */
static void expectAll(const char *label, const TT *out, int nin,
                      const TT *const *in, const int32_t *cast, RefFn ref,
                      double p, int64_t maxUlp) {
  int32_t odt = out->t.dtype;
  int isFloat = odt == FX_DTYPE_F32 || odt == FX_DTYPE_F16 ||
                odt == FX_DTYPE_BF16 || odt == FX_DTYPE_F64;
  UlpStats st = {0};
  int64_t bad = 0, n = ttNumel(out);
  for (int64_t i = 0; i < n; i++) {
    double v[3];
    for (int j = 0; j < nin; j++) {
      v[j] = ttGet(in[j], bcIndex(in[j], out, i));
      if (cast[j] >= 0)
        v[j] = refRound(v[j], cast[j]);
    }
    double want = refRound(ref(v, p), odt), got = ttGet(out, i);
    if (odt == FX_DTYPE_F64) {
      double tol = maxUlp * 0x1p-52 * fabs(want);
      bad += !(got == want || fabs(got - want) <= tol ||
               (isnan(got) && isnan(want)));
    } else if (isFloat) {
      ulpAdd(&st, ttPtr(out, i), want, odt);
    } else {
      bad += got != want;
    }
  }
  printf("%s: %s n=%lld max_ulp=%lld bad=%lld\n", label, dtName(odt),
         (long long)n, (long long)st.maxUlp, (long long)bad);
  EXPECT(st.maxUlp <= maxUlp && bad == 0);
}

/* A tensor of `dt` filled from N(0, sd) (ints: uniform in [-50, 50)). */
static TT filled(int32_t dt, int rank, const int64_t *sizes, double sd) {
  TT x = ttContig(dt, rank, sizes);
  for (int64_t i = 0; i < ttNumel(&x); i++)
    ttSet(&x, i, dt == FX_DTYPE_I64 || dt == FX_DTYPE_I32
                     ? floor(rndUniform(-50, 50))
                     : dt == FX_DTYPE_I1 ? rndU64() % 2 : rndNormal(0, sd));
  return x;
}

/* A view of a fresh [rows, 2*cols] buffer taking every other column, at
 * element offset 3: inner stride 2, row stride 2*cols+1. */
static TT strided(int32_t dt, int64_t rows, int64_t cols, double sd) {
  int64_t sz[2] = {rows, cols}, st[2] = {2 * cols + 1, 2};
  TT x = ttMake(dt, 2, sz, st, 3);
  for (int64_t i = 0; i < ttNumel(&x); i++)
    ttSet(&x, i, rndNormal(0, sd));
  return x;
}

/*===-- References -------------------------------------------------------------===*/

static double rAdd(const double *v, double p) { return rf(v[0] + rf(rf(p) * v[1])); }
static double rSub(const double *v, double p) { return rf(v[0] - rf(rf(p) * v[1])); }
static double rRsub(const double *v, double p) { return rf(v[1] - rf(rf(p) * v[0])); }
static double rMul(const double *v, double p) { (void)p; return rf(v[0] * v[1]); }
static double rDiv(const double *v, double p) { (void)p; return rf(v[0] / v[1]); }
static double rPow(const double *v, double p) {
  return p == 2 ? rf(v[0] * v[0]) : p == -0.5 ? rf(1 / rf(sqrt(v[0]))) : pow(v[0], rf(p));
}
static double rEq(const double *v, double p) { (void)p; return v[0] == v[1]; }
static double rLt(const double *v, double p) { (void)p; return v[0] < v[1]; }
static double rGe(const double *v, double p) { (void)p; return v[0] >= v[1]; }
static double rAnd(const double *v, double p) { (void)p; return (double)((int64_t)v[0] & (int64_t)v[1]); }
static double rOr(const double *v, double p) { (void)p; return (double)((int64_t)v[0] | (int64_t)v[1]); }
static double rNot(const double *v, double p) { return p ? !v[0] : (double)~(int64_t)v[0]; }
static double rSelect(const double *v, double p) { (void)p; return v[0] != 0 ? v[1] : v[2]; }
static double rSilu(const double *v, double p) { (void)p; return v[0] / (1 + exp(-v[0])); }
static double rSigmoid(const double *v, double p) { (void)p; return 1 / (1 + exp(-v[0])); }
static double rExp(const double *v, double p) { (void)p; return exp(v[0]); }
static double rLog(const double *v, double p) { (void)p; return log(v[0]); }
static double rAbs(const double *v, double p) { (void)p; return fabs(v[0]); }
static double rNeg(const double *v, double p) { (void)p; return -v[0]; }
static double rRsqrt(const double *v, double p) { (void)p; return rf(1 / rf(sqrt(v[0]))); }
static double rId(const double *v, double p) { (void)p; return v[0]; }
static double rConst(const double *v, double p) { (void)v; return p; }

/*===-- Binary ops -------------------------------------------------------------===*/

typedef void (*BinFn)(const FxTensor *, const FxTensor *, const FxTensor *);
static double gAlpha;
static void addFn(const FxTensor *o, const FxTensor *a, const FxTensor *b) {
  fxrt_aten__add_Tensor(o, a, b, gAlpha);
}
static void subFn(const FxTensor *o, const FxTensor *a, const FxTensor *b) {
  fxrt_aten__sub_Tensor(o, a, b, gAlpha);
}

/* op(a [asz], b [bsz]) into out [osz] of `odt`, computed in `common`. */
static void binary(const char *label, BinFn fn, RefFn ref, double alpha,
                   int32_t adt, int ar, const int64_t *asz, int32_t bdt,
                   int br, const int64_t *bsz, int32_t odt, int orr,
                   const int64_t *osz, int32_t common, int64_t maxUlp) {
  TT a = filled(adt, ar, asz, 2.0), b = filled(bdt, br, bsz, 2.0);
  TT o = ttContig(odt, orr, osz);
  gAlpha = alpha;
  gCompute = common;
  fn(&o.t, &a.t, &b.t);
  const TT *in[] = {&a, &b};
  int32_t cast[] = {common, common};
  expectAll(label, &o, 2, in, cast, ref, alpha, maxUlp);
  ttFree(&a), ttFree(&b), ttFree(&o);
}

static void testBinary(void) {
  // CHECK-LABEL: binary
  printf("binary\n");
  const int32_t F32 = FX_DTYPE_F32, F16 = FX_DTYPE_F16, BF16 = FX_DTYPE_BF16,
                F64 = FX_DTYPE_F64, I64 = FX_DTYPE_I64, I32 = FX_DTYPE_I32,
                I1 = FX_DTYPE_I1;
  int64_t s345[3] = {3, 4, 5}, s315[3] = {3, 1, 5}, s41[2] = {4, 1},
          s5[1] = {5}, s0[2] = {0, 5}, one[1] = {1};
  // CHECK: add bcast f16: f16 n=60 max_ulp=0 bad=0
  binary("add bcast f16", addFn, rAdd, 2.0, F16, 3, s315, F16, 2, s41, F16, 3, s345, F16, 0);
  binary("sub bcast bf16", subFn, rSub, 0.5, BF16, 2, s41, BF16, 3, s315, BF16, 3, s345, BF16, 0);
  binary("mul f16*f32", fxrt_aten__mul_Tensor, rMul, 0, F16, 3, s345, F32, 1, s5, F32, 3, s345, F32, 0);
  binary("div f32", fxrt_aten__div_Tensor, rDiv, 0, F32, 3, s345, F32, 2, s41, F32, 3, s345, F32, 0);
  binary("div f64", fxrt_aten__div_Tensor, rDiv, 0, F64, 3, s345, F64, 1, s5, F64, 3, s345, F64, 0);
  /* true division of ints: cast to f32 first, computed in f32 */
  binary("div i64/i64", fxrt_aten__div_Tensor, rDiv, 0, I64, 2, s41, I64, 1, s5, F32, 2, (int64_t[]){4, 5}, F32, 0);
  binary("add i64", addFn, rAdd, 3, I64, 3, s345, I32, 1, s5, I64, 3, s345, I64, 0);
  binary("mul i32", fxrt_aten__mul_Tensor, rMul, 0, I32, 3, s315, I32, 2, s41, I32, 3, s345, I32, 0);
  binary("add bool", addFn, rAdd, 1, I1, 3, s345, I1, 1, s5, I1, 3, s345, I1, 0);
  /* a 0-d f32 other keeps an f16 self f16 and is read at fp32 */
  binary("mul f16 by 0-d f32", fxrt_aten__mul_Tensor, rMul, 0, F16, 3, s345, F32, 0, one, F16, 3, s345, F32, 0);
  /* ... but a 0-d self is rounded to f16 first (torch's scalar path is for
   * `other` only) */
  binary("mul 0-d f32 by f16", fxrt_aten__mul_Tensor, rMul, 0, F32, 0, one, F16, 3, s345, F16, 3, s345, F16, 0);
  binary("add empty", addFn, rAdd, 1, F16, 2, s0, F16, 1, s5, F16, 2, s0, F16, 0);

  /* An i64 tensor with an f16 one: the ints are rounded to f16 first
   * (2049 -> 2048, then + 2 = 2050; unrounded it would give 2051 -> 2052;
   * 70000 -> inf), as torch's CPU TensorIterator casts. */
  int64_t s2[1] = {2};
  TT a = ttContig(I64, 1, s2), b = ttContig(F16, 1, s2), o = ttContig(F16, 1, s2);
  ttSet(&a, 0, 2049), ttSet(&a, 1, 70000), ttSet(&b, 0, 2), ttSet(&b, 1, -1);
  fxrt_aten__add_Tensor(&o.t, &a.t, &b.t, 1.0);
  printf("i64+f16: %g %g\n", ttGet(&o, 0), ttGet(&o, 1));
  // CHECK: i64+f16: 2050 inf
  EXPECT(ttGet(&o, 0) == 2050 && isinf(ttGet(&o, 1)));
  ttFree(&a), ttFree(&b), ttFree(&o);

  /* int64 wraps */
  int64_t big[2] = {INT64_MAX, INT64_MIN}, got[2];
  TT w = ttContig(I64, 1, s2), ow = ttContig(I64, 1, s2);
  memcpy(w.t.data, big, sizeof big);
  fxrt_aten__add_Tensor(&ow.t, &w.t, &w.t, 1.0);
  memcpy(got, ow.t.data, sizeof got);
  EXPECT(got[0] == -2 && got[1] == 0);
  fxrt_aten__neg(&ow.t, &w.t);
  memcpy(got, ow.t.data, sizeof got);
  EXPECT(got[0] == -INT64_MAX && got[1] == INT64_MIN);
  ttFree(&w), ttFree(&ow);

  /* transposed self and an inner-stride-2 other, through records */
  int64_t s64[2] = {6, 4}, s46[2] = {4, 6}, t46[2] = {1, 4};
  TT buf = filled(F32, 2, s64, 1.0);
  TT at = ttView(&buf, F32, 0, 2, s46, t46);
  TT bs = strided(BF16, 4, 6, 1.0), os = ttContig(F32, 2, s46);
  int64_t r[3][20];
  FxMemRefI64 ro = ttRecord(&os, r[0]), ra = ttRecord(&at, r[1]), rb = ttRecord(&bs, r[2]);
  gCompute = F32;
  _mlir_ciface_fxrt_aten__sub_Tensor(&ro, &ra, &rb, -1.5);
  const TT *in[] = {&at, &bs};
  int32_t cast[] = {F32, F32};
  expectAll("sub strided records", &os, 2, in, cast, rSub, -1.5, 0);
  ttFree(&buf), ttFree(&bs), ttFree(&os);
}

/*===-- Scalar ops ---------------------------------------------------------------===*/

static double gScalar;
static double rAddS(const double *v, double p) {
  double w[2] = {v[0], gScalar};
  return rAdd(w, p);
}
static double rRsubS(const double *v, double p) {
  double w[2] = {v[0], gScalar};
  return rRsub(w, p);
}
static double rCmpS(const double *v, double p) {
  double w[2] = {v[0], gScalar};
  return p == 0 ? rEq(w, 0) : p == 1 ? rLt(w, 0) : rGe(w, 0);
}

static void testScalar(void) {
  // CHECK-LABEL: scalar
  printf("scalar\n");
  int64_t s[2] = {7, 9};
  TT x = strided(FX_DTYPE_F16, 7, 9, 3.0), o = ttContig(FX_DTYPE_F16, 2, s);
  const TT *in[] = {&x};
  /* add.Scalar reads 0.1 at fp32 (original_scalar_value) */
  int32_t cast[] = {FX_DTYPE_F16};
  gCompute = FX_DTYPE_F32, gScalar = f32(0.1);
  fxrt_aten__add_Scalar(&o.t, &x.t, 0.1, 3.0);
  // CHECK: add.Scalar f16: f16 n=63 max_ulp=0 bad=0
  expectAll("add.Scalar f16", &o, 1, in, cast, rAddS, 3.0, 0);
  /* rsub's Scalar is torch's first operand: rounded to f16 first */
  gScalar = refRound(0.1, FX_DTYPE_F16);
  fxrt_aten__rsub_Scalar(&o.t, &x.t, 0.1, 2.0);
  expectAll("rsub.Scalar f16", &o, 1, in, cast, rRsubS, 2.0, 0);
  fxrt_aten__pow_Tensor_Scalar(&o.t, &x.t, 2.0);
  expectAll("pow 2 f16", &o, 1, in, cast, rPow, 2.0, 0);
  /* mul.Scalar and div.Scalar of an i64 tensor by an int Scalar */
  TT xi = filled(FX_DTYPE_I64, 2, s, 0), oi = ttContig(FX_DTYPE_I64, 2, s);
  const TT *ini[] = {&xi};
  int32_t casti[] = {-1};
  fxrt_aten__pow_Tensor_Scalar(&oi.t, &xi.t, 3.0);
  gCompute = FX_DTYPE_F64;
  expectAll("pow 3 i64", &oi, 1, ini, casti, rPow, 3.0 /* exact in double */, 0);
  TT of = ttContig(FX_DTYPE_F32, 2, s);
  gCompute = FX_DTYPE_F32, gScalar = 0;
  fxrt_aten__div_Scalar(&of.t, &xi.t, 4.0);
  /* div.Scalar: i64/4 in f32 */
  for (int64_t i = 0; i < ttNumel(&of); i++)
    EXPECT(ttGet(&of, i) == f32(ttGet(&xi, i) / 4.0));
  fxrt_aten__mul_Scalar(&oi.t, &xi.t, -3.0);
  for (int64_t i = 0; i < ttNumel(&oi); i++)
    EXPECT(ttGet(&oi, i) == -3.0 * ttGet(&xi, i));
  TT x32 = strided(FX_DTYPE_F32, 7, 9, 3.0), o32 = ttContig(FX_DTYPE_F32, 2, s);
  const TT *in32[] = {&x32};
  int32_t cast32[] = {-1};
  for (int64_t i = 0; i < ttNumel(&x32); i++) /* pow of negatives: NaN */
    ttSet(&x32, i, fabs(ttGet(&x32, i)));
  fxrt_aten__pow_Tensor_Scalar(&o32.t, &x32.t, 2.5);
  expectAll("pow 2.5 f32", &o32, 1, in32, cast32, rPow, 2.5, 4);
  fxrt_aten__pow_Tensor_Scalar(&o32.t, &x32.t, -0.5);
  expectAll("pow -0.5 f32", &o32, 1, in32, cast32, rPow, -0.5, 0);

  /* comparisons: out bool; f16 against 0.1 rounded to f16, i64 against
   * 2.5 in f32, against 3 as ints */
  TT ob = ttContig(FX_DTYPE_I1, 2, s);
  for (int64_t i = 0; i < 9; i++) /* some elements equal to f16(0.1) */
    ttSet(&x, i, 0.1);
  gScalar = refRound(0.1, FX_DTYPE_F16);
  fxrt_aten__eq_Scalar(&ob.t, &x.t, 0.1);
  // CHECK: eq f16 0.1: i1 n=63 max_ulp=0 bad=0
  expectAll("eq f16 0.1", &ob, 1, in, cast, rCmpS, 0, 0);
  gScalar = 2.5;
  fxrt_aten__lt_Scalar(&ob.t, &xi.t, 2.5);
  expectAll("lt i64 2.5", &ob, 1, ini, casti, rCmpS, 1, 0);
  gScalar = 3;
  fxrt_aten__ge_Scalar(&ob.t, &xi.t, 3.0);
  expectAll("ge i64 3", &ob, 1, ini, casti, rCmpS, 2, 0);
  TT *all[] = {&x, &o, &xi, &oi, &of, &x32, &o32, &ob};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    ttFree(all[i]);
}

/*===-- Bitwise, where, masked_fill ----------------------------------------------===*/

static void testSelect(void) {
  // CHECK-LABEL: select
  printf("select\n");
  const int32_t I1 = FX_DTYPE_I1, I64 = FX_DTYPE_I64;
  int64_t s45[2] = {4, 5}, s41[2] = {4, 1}, s5[1] = {5};
  TT m = filled(I1, 2, s41, 0), n = filled(I1, 1, s5, 0), ob = ttContig(I1, 2, s45);
  const TT *mn[] = {&m, &n};
  int32_t none[] = {-1, -1, -1};
  fxrt_aten__bitwise_and_Tensor(&ob.t, &m.t, &n.t);
  expectAll("and i1", &ob, 2, mn, none, rAnd, 0, 0);
  fxrt_aten__bitwise_or_Tensor(&ob.t, &m.t, &n.t);
  expectAll("or i1", &ob, 2, mn, none, rOr, 0, 0);
  TT nb = ttContig(I1, 1, s5);
  fxrt_aten__bitwise_not(&nb.t, &n.t);
  const TT *nn[] = {&n};
  // CHECK: not i1: i1 n=5 max_ulp=0 bad=0
  expectAll("not i1", &nb, 1, nn, none, rNot, 1, 0);
  TT xi = filled(I64, 2, s45, 0), oi = ttContig(I64, 2, s45);
  const TT *xs[] = {&xi};
  fxrt_aten__bitwise_not(&oi.t, &xi.t);
  expectAll("not i64", &oi, 1, xs, none, rNot, 0, 0);

  /* where(cond [4,1], f16 [5], f32 [4,5]) -> f32 */
  TT a = filled(FX_DTYPE_F16, 1, s5, 1), b = filled(FX_DTYPE_F32, 2, s45, 1);
  TT of = ttContig(FX_DTYPE_F32, 2, s45);
  fxrt_aten__where_self(&of.t, &m.t, &a.t, &b.t);
  const TT *w[] = {&m, &a, &b};
  expectAll("where", &of, 3, w, none, rSelect, 0, 0);
  /* masked_fill(f16 [4,5], mask [5], -inf) and an i64 self with 2.7 (-> 2) */
  TT x = filled(FX_DTYPE_F16, 2, s45, 1), oh = ttContig(FX_DTYPE_F16, 2, s45);
  fxrt_aten__masked_fill_Scalar(&oh.t, &x.t, &n.t, -INFINITY);
  int bad = 0;
  for (int64_t i = 0; i < 20; i++)
    bad += ttGet(&oh, i) != (ttGet(&n, i % 5) ? -INFINITY : ttGet(&x, i));
  fxrt_aten__masked_fill_Scalar(&oi.t, &xi.t, &m.t, 2.7);
  for (int64_t i = 0; i < 20; i++)
    bad += ttGet(&oi, i) != (ttGet(&m, i / 5) ? 2 : ttGet(&xi, i));
  printf("masked_fill: bad=%d\n", bad);
  // CHECK: masked_fill: bad=0
  EXPECT(bad == 0);
  TT *all[] = {&m, &n, &ob, &nb, &xi, &oi, &a, &b, &of, &x, &oh};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    ttFree(all[i]);
}

/*===-- Unary ops --------------------------------------------------------------------===*/

typedef void (*UnFn)(const FxTensor *, const FxTensor *);

static void unary(const char *label, UnFn fn, RefFn ref, int32_t dt, int32_t odt,
                  double sd, int positive, int64_t maxUlp16, int64_t maxUlp32) {
  int64_t s[2] = {9, 33};
  TT x = strided(dt, 9, 33, sd), o = ttContig(odt, 2, s);
  for (int64_t i = 0; positive && i < ttNumel(&x); i++)
    ttSet(&x, i, fabs(ttGet(&x, i)));
  ttSet(&x, 0, 0.0); /* rsqrt(0) = inf, log(0) = -inf */
  char *snap = ttSnapshot(&x);
  fn(&o.t, &x.t);
  gCompute = odt == FX_DTYPE_F64 ? FX_DTYPE_F64 : FX_DTYPE_F32;
  const TT *in[] = {&x};
  int32_t cast[] = {odt};
  expectAll(label, &o, 1, in, cast, ref, 0,
            odt == FX_DTYPE_F32 || odt == FX_DTYPE_F64 ? maxUlp32 : maxUlp16);
  EXPECT(ttUnchanged(&x, snap));
  free(snap);
  ttFree(&x), ttFree(&o);
}

static void testUnary(void) {
  // CHECK-LABEL: unary
  printf("unary\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16, FX_DTYPE_F64};
  for (int d = 0; d < 4; d++) {
    int32_t dt = dts[d];
    unary("silu", fxrt_aten__silu, rSilu, dt, dt, 4, 0, 1, 4);
    unary("sigmoid", fxrt_aten__sigmoid, rSigmoid, dt, dt, 4, 0, 1, 4);
    unary("exp", fxrt_aten__exp, rExp, dt, dt, 3, 0, 1, 4);
    unary("log", fxrt_aten__log, rLog, dt, dt, 3, 1, 1, 4);
    unary("abs", fxrt_aten__abs, rAbs, dt, dt, 3, 0, 0, 0);
    unary("neg", fxrt_aten__neg, rNeg, dt, dt, 3, 0, 0, 0);
    unary("rsqrt", fxrt_aten__rsqrt, rRsqrt, dt, dt, 3, 1, 0, 0);
  }
  // CHECK: silu: f16 n=297 max_ulp={{[01]}} bad=0
  // CHECK: rsqrt: bf16 n=297 max_ulp=0 bad=0
  /* ints: exp gives f32 (the int cast to f32 first), abs keeps i32 */
  unary("exp i32", fxrt_aten__exp, rExp, FX_DTYPE_I32, FX_DTYPE_F32, 3, 0, 1, 4);
  unary("abs i32", fxrt_aten__abs, rAbs, FX_DTYPE_I32, FX_DTYPE_I32, 3, 0, 0, 0);
}

/*===-- _to_copy and fills ---------------------------------------------------------===*/

static void testConvertFill(void) {
  // CHECK-LABEL: convert and fill
  printf("convert and fill\n");
  int64_t s[2] = {7, 9};
  TT x = strided(FX_DTYPE_F32, 7, 9, 100.0);
  TT oh = ttContig(FX_DTYPE_F16, 2, s), oi = ttContig(FX_DTYPE_I64, 2, s);
  fxrt_aten___to_copy(&oh.t, &x.t, 0);
  fxrt_aten___to_copy(&oi.t, &x.t, 0);
  const TT *in[] = {&x};
  int32_t none[] = {-1};
  expectAll("_to_copy f32->f16", &oh, 1, in, none, rId, 0, 0);
  int bad = 0;
  for (int64_t i = 0; i < ttNumel(&x); i++) /* float -> int truncates */
    bad += ttGet(&oi, i) != trunc(ttGet(&x, i));
  printf("_to_copy f32->i64: bad=%d\n", bad);
  // CHECK: _to_copy f32->i64: bad=0
  EXPECT(bad == 0);

  /* fills: into storage pre-filled with 0xA5, and a strided out whose gaps
   * keep their bytes */
  TT ob = ttContig(FX_DTYPE_BF16, 2, s), oz = ttContig(FX_DTYPE_I32, 2, s);
  TT ofs = strided(FX_DTYPE_F16, 7, 9, 1);
  char *snap = ttSnapshot(&ofs);
  const TT *noIn[] = {NULL};
  fxrt_aten__ones(&ob.t);
  expectAll("ones bf16", &ob, 0, noIn, none, rConst, 1.0, 0);
  fxrt_aten__zeros(&oz.t);
  expectAll("zeros i32", &oz, 0, noIn, none, rConst, 0.0, 0);
  fxrt_aten__full(&ofs.t, 2.7);
  // CHECK: full f16: f16 n=63 max_ulp=0 bad=0
  expectAll("full f16", &ofs, 0, noIn, none, rConst, refRound(2.7, FX_DTYPE_F16), 0);
  EXPECT(ttOnlyElementsChanged(&ofs, snap));
  fxrt_aten__full(&oi.t, -7.0);
  expectAll("full i64", &oi, 0, noIn, none, rConst, -7.0, 0);
  int64_t s0[2] = {0, 4};
  TT empty = ttContig(FX_DTYPE_F32, 2, s0);
  fxrt_aten__full(&empty.t, 1.0); /* nothing to write, no error */
  EXPECT(fxrt_get_error() == NULL);
  free(snap);
  TT *all[] = {&x, &oh, &oi, &ob, &oz, &ofs, &empty};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    ttFree(all[i]);
}

/*===-- Errors -------------------------------------------------------------------------===*/

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t s34[2] = {3, 4}, s3[1] = {3}, s4[1] = {4};
  TT a = ttContig(FX_DTYPE_F16, 2, s34), b = ttContig(FX_DTYPE_F16, 1, s3);
  TT o = ttContig(FX_DTYPE_F16, 2, s34), oi = ttContig(FX_DTYPE_I64, 2, s34);
  TT o4 = ttContig(FX_DTYPE_F16, 1, s4);
  char *snap = ttSnapshot(&o);
  // CHECK-NEXT: fxrt: fxrt_aten__where_self: 'condition' has unsupported dtype float16
  fxrt_aten__where_self(&o.t, &a.t, &a.t, &a.t);
  // CHECK-NEXT: fxrt: fxrt_aten__div_Tensor: 'other' dimension 0 of size 3 does not broadcast to size 4 of 'out'
  fxrt_aten__div_Tensor(&o.t, &a.t, &b.t);
  // CHECK-NEXT: fxrt: fxrt_aten__bitwise_and_Tensor: bitwise_and is not defined for float16
  fxrt_aten__bitwise_and_Tensor(&o.t, &a.t, &a.t);
  // CHECK-NEXT: fxrt: fxrt_aten__pow_Tensor_Scalar: an int result needs an int exponent >= 0, not -1
  fxrt_aten__pow_Tensor_Scalar(&oi.t, &oi.t, -1.0);
  // CHECK-NEXT: fxrt: fxrt_aten___to_copy: 'out' and 'self' must have the same shape
  fxrt_aten___to_copy(&o4.t, &a.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__silu: silu is not defined for int64
  fxrt_aten__silu(&oi.t, &a.t);
  EXPECT(ttUnchanged(&o, snap));
  free(snap);
  TT *all[] = {&a, &b, &o, &oi, &o4};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testBinary();
  testScalar();
  testSelect();
  testUnary();
  testConvertFill();
  testErrors();
  // CHECK: elementwise: {{[0-9]+}} checks passed
  return fxtestFinish("elementwise");
}
