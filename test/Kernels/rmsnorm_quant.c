// RUN: fx-kernels-rmsnorm_quant-test 2>&1 | FileCheck %s

/* rmsnorm_quant.c - the fused RMSNorm + quant kernels:
 * rms_norm_static_fp8_quant, fused_add_rms_norm_static_fp8_quant and
 * rms_norm_dynamic_per_token_quant (kernel-numerics.md §3.3-3.5).
 *
 * Static: against the double reference (n = T(s*inv*w), HEAD convention;
 * q = fp8(clamp(f32(n * f32(1/scale))))) within one fp8 code, at most
 * 1% (+1) inexact; and bit-exact against the unfused kernels rms_norm /
 * fused_add_rms_norm followed by static_scaled_fp8_quant (vLLM's own test
 * requires that).  Residuals exact; `input` of the fused_add variant is
 * never written.
 * Dynamic per token: z = f32(x + r) unrounded, n = T(T(z*rms)*w) (always
 * round-first), scale = max(min(amax, ub)/448, 1/(448*512)) (fp8) or
 * max(amax/127, FLT_EPSILON) (int8); scales within 1e-5 relative (vLLM's
 * allclose), q within one code (fp8) or 1 (int8, vLLM's atol) with at most
 * 1% (+1) inexact, residual = T(z) exactly. */
#include "fxtest.h"

#include <float.h>

typedef struct SCase {
  int32_t dt;
  int64_t tokens, hidden, rowPad;
  double scale;
  int fused, records, specialRows;
} SCase;

static void runStatic(const char *label, SCase c) {
  int64_t T = c.tokens, h = c.hidden, ld = h + c.rowPad;
  int64_t bsz[2] = {T, ld}, sz[2] = {T, h}, st[2] = {ld, 1}, one = 1;
  TT xbuf = ttContig(c.dt, 2, bsz);
  TT x = ttView(&xbuf, c.dt, c.rowPad ? 1 : 0, 2, sz, st);
  TT res = ttContig(c.dt, 2, sz), w = ttContig(c.dt, 1, &h);
  TT q = ttContig(FX_DTYPE_F8E4M3FN, 2, sz), scale = ttContig(FX_DTYPE_F32, 1, &one);
  ttFillNormal(&x, 0.0, 1.0);
  ttFillNormal(&res, 0.0, 0.5);
  ttFillNormal(&w, 1.0, 0.1);
  ttSet(&scale, 0, c.scale);
  if (c.specialRows && T >= 2) {
    for (int64_t j = 0; j < h; j++)
      ttSet(&x, j, 0.0), ttSet(&res, j, 0.0);
    ttSet(&x, h, NAN);
  }
  /* The unfused composite, on copies. */
  TT xc = ttContig(c.dt, 2, sz), rc = ttContig(c.dt, 2, sz), nc = ttContig(c.dt, 2, sz);
  TT qc = ttContig(FX_DTYPE_F8E4M3FN, 2, sz);
  fxrt_copy_tensor(&xc.t, &x.t);
  fxrt_copy_tensor(&rc.t, &res.t);
  if (c.fused) {
    fxrt__C__fused_add_rms_norm(&xc.t, &rc.t, &w.t, 1e-6);
    fxrt__C__static_scaled_fp8_quant(&qc.t, &xc.t, &scale.t);
  } else {
    fxrt__C__rms_norm(&nc.t, &xc.t, &w.t, 1e-6);
    fxrt__C__static_scaled_fp8_quant(&qc.t, &nc.t, &scale.t);
  }
  /* Keep the inputs (as doubles, and as bytes). */
  double *s = (double *)malloc(sizeof(double) * (size_t)(T * h + 1));
  for (int64_t i = 0; i < T * h; i++)
    s[i] = c.fused ? refRound(f32(ttGet(&x, i) + ttGet(&res, i)), c.dt) : ttGet(&x, i);
  char *xsnap = ttSnapshot(&xbuf);
  if (c.records) {
    int64_t b[6][8];
    FxMemRefI64 rq = ttRecord(&q, b[0]), rx = ttRecord(&x, b[1]);
    FxMemRefI64 rr = ttRecord(&res, b[2]), rw = ttRecord(&w, b[3]);
    FxMemRefI64 rs = ttRecord(&scale, b[4]);
    if (c.fused)
      _mlir_ciface_fxrt__C__fused_add_rms_norm_static_fp8_quant(&rq, &rx, &rr, &rw,
                                                                &rs, 1e-6);
    else
      _mlir_ciface_fxrt__C__rms_norm_static_fp8_quant(&rq, &rx, &rw, &rs, 1e-6);
  } else if (c.fused) {
    fxrt__C__fused_add_rms_norm_static_fp8_quant(&q.t, &x.t, &res.t, &w.t,
                                                 &scale.t, 1e-6);
  } else {
    fxrt__C__rms_norm_static_fp8_quant(&q.t, &x.t, &w.t, &scale.t, 1e-6);
  }
  UlpStats st8 = {0}, resid = {0};
  int64_t saturated = 0;
  double inv8 = f32(1.0 / f32(c.scale));
  for (int64_t t = 0; t < T; t++) {
    double sum = 0.0;
    for (int64_t j = 0; j < h; j++)
      sum += s[t * h + j] * s[t * h + j];
    double inv = 1.0 / sqrt(sum / (double)h + f32(1e-6));
    for (int64_t j = 0; j < h; j++) {
      double n = refRound(s[t * h + j] * inv * ttGet(&w, j), c.dt);
      ulpAdd(&st8, ttPtr(&q, t * h + j), refQuantFp8(f32(n * inv8)),
             FX_DTYPE_F8E4M3FN);
      saturated += (*(uint8_t *)ttPtr(&q, t * h + j) & 0x7F) == 0x7E;
      if (c.fused)
        ulpAdd(&resid, ttPtr(&res, t * h + j), s[t * h + j], c.dt);
    }
  }
  int exact = memcmp(q.t.data, qc.t.data, (size_t)(T * h)) == 0;
  if (c.fused)
    exact &= memcmp(res.t.data, rc.t.data, (size_t)(T * h * refSize(c.dt))) == 0;
  printf("%s: %s T=%lld H=%lld scale=%g: max_code_diff=%lld inexact=%lld/%lld "
         "saturated=%lld, %s the unfused kernels\n",
         label, dtName(c.dt), (long long)T, (long long)h, c.scale,
         (long long)st8.maxUlp, (long long)st8.inexact, (long long)st8.n,
         (long long)saturated, exact ? "identical to" : "DIFFERENT from");
  EXPECT(exact);
  EXPECT(st8.maxUlp <= 1 && st8.inexact <= st8.n / 100 + 1);
  EXPECT(resid.maxUlp == 0);
  EXPECT(ttUnchanged(&xbuf, xsnap)); /* input is read-only in both ops */
  free(s);
  free(xsnap);
  TT *all[] = {&xbuf, &res, &w, &q, &scale, &xc, &rc, &nc, &qc};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

static void testStatic(void) {
  // CHECK-LABEL: static fp8
  printf("static fp8\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  static const int64_t hs[] = {1, 3, 17, 4097};
  static const double scales[] = {0.005, 1.0, 10.0};
  for (int fused = 0; fused < 2; fused++)
    for (int d = 0; d < 3; d++)
      for (int i = 0; i < 4; i++) {
        SCase c = {dts[d], 6, hs[i], i * 3, scales[(d + i) % 3], fused, 0, 1};
        runStatic(fused ? "fused_add_rms_norm_static_fp8_quant"
                        : "rms_norm_static_fp8_quant",
                  c);
      }
  // CHECK: rms_norm_static_fp8_quant: bf16 T=6 H=4097 scale=10: {{.*}} identical to the unfused kernels
  SCase z = {FX_DTYPE_BF16, 0, 64, 0, 1.0, 0, 0, 0};
  runStatic("no tokens", z);
  z.fused = 1;
  runStatic("no tokens", z);
  SCase r = {FX_DTYPE_F16, 4, 96, 32, 0.5, 0, 1, 0};
  runStatic("records", r);
  r.fused = 1;
  runStatic("records", r);
}

typedef struct DCase {
  int32_t dt, qdt;
  int64_t tokens, hidden, rowPad;
  int residual, ub, records, specialRows;
} DCase;

static void runDynamic(const char *label, DCase c) {
  int64_t T = c.tokens, h = c.hidden, ld = h + c.rowPad;
  int64_t bsz[2] = {T, ld}, sz[2] = {T, h}, st[2] = {ld, 1}, ssz[2] = {T, 1}, one = 1;
  TT xbuf = ttContig(c.dt, 2, bsz);
  TT x = ttView(&xbuf, c.dt, c.rowPad, 2, sz, st);
  TT res = ttContig(c.dt, 2, sz), w = ttContig(c.dt, 1, &h);
  TT q = ttContig(c.qdt, 2, sz), scale = ttContig(FX_DTYPE_F32, 2, ssz);
  TT ub = ttContig(FX_DTYPE_F32, 1, &one);
  ttFillNormal(&x, 0.0, 1.0 / (double)h);
  ttFillNormal(&res, 0.0, 1.0 / (double)h);
  ttFillNormal(&w, 1.0, 0.1);
  ttSet(&ub, 0, 1.5); /* below most rows' amax (~2.5-4): clips */
  if (c.specialRows && T >= 2)
    for (int64_t j = 0; j < h; j++)
      ttSet(&x, j, 0.0), ttSet(&res, j, 0.0);
  double *z = (double *)malloc(sizeof(double) * (size_t)(T * h + 1));
  for (int64_t i = 0; i < T * h; i++)
    z[i] = c.residual ? f32(ttGet(&x, i) + ttGet(&res, i)) : ttGet(&x, i);
  char *xsnap = ttSnapshot(&xbuf);
  const FxTensor *ubt = c.ub ? &ub.t : NULL, *rt = c.residual ? &res.t : NULL;
  if (c.records) {
    int64_t b[7][8];
    FxMemRefI64 rq = ttRecord(&q, b[0]), rx = ttRecord(&x, b[1]);
    FxMemRefI64 rw = ttRecord(&w, b[2]), rs = ttRecord(&scale, b[3]);
    FxMemRefI64 ru = c.ub ? ttRecord(&ub, b[4]) : absentRecord(b[4]);
    FxMemRefI64 rr = c.residual ? ttRecord(&res, b[5]) : absentRecord(b[5]);
    _mlir_ciface_fxrt__C__rms_norm_dynamic_per_token_quant(&rq, &rx, &rw, &rs,
                                                           1e-6, &ru, &rr);
  } else {
    fxrt__C__rms_norm_dynamic_per_token_quant(&q.t, &x.t, &w.t, &scale.t, 1e-6,
                                              ubt, rt);
  }
  UlpStats sq = {0}, resid = {0};
  double maxScaleErr = 0.0;
  int isFp8 = c.qdt == FX_DTYPE_F8E4M3FN;
  double *n = (double *)malloc(sizeof(double) * (size_t)(h + 1));
  for (int64_t t = 0; t < T; t++) {
    double sum = 0.0, amax = 0.0;
    for (int64_t j = 0; j < h; j++)
      sum += z[t * h + j] * z[t * h + j];
    double rms = 1.0 / sqrt(sum / (double)h + f32(1e-6));
    for (int64_t j = 0; j < h; j++) {
      n[j] = refRound(refRound(z[t * h + j] * rms, c.dt) * ttGet(&w, j), c.dt);
      amax = fmax(amax, fabs(n[j]));
    }
    double s = isFp8 ? fmax(f32(fmin(amax, c.ub ? 1.5 : INFINITY) / 448.0),
                            f32(1.0 / (448.0 * 512.0)))
                     : fmax(f32(amax / 127.0), FLT_EPSILON);
    double got = ttGet(&scale, t);
    maxScaleErr = fmax(maxScaleErr, fabs(got - s) / s);
    for (int64_t j = 0; j < h; j++) {
      double ref = isFp8 ? refQuantFp8(f32(n[j] / s))
                         : refRound(f32(n[j] * f32(1.0 / s)), FX_DTYPE_I8);
      if (isFp8)
        ulpAdd(&sq, ttPtr(&q, t * h + j), ref, c.qdt);
      else {
        int64_t d = (int64_t)fabs(ttGet(&q, t * h + j) - ref);
        sq.n++, sq.inexact += d != 0, sq.maxUlp = d > sq.maxUlp ? d : sq.maxUlp;
      }
      if (c.residual)
        ulpAdd(&resid, ttPtr(&res, t * h + j), refRound(z[t * h + j], c.dt), c.dt);
    }
  }
  printf("%s: %s->%s T=%lld H=%lld%s%s: scale_rel_err=%.1e max_code_diff=%lld "
         "inexact=%lld/%lld\n",
         label, dtName(c.dt), dtName(c.qdt), (long long)T, (long long)h,
         c.residual ? " residual" : "", c.ub ? " scale_ub" : "", maxScaleErr,
         (long long)sq.maxUlp, (long long)sq.inexact, (long long)sq.n);
  EXPECT(maxScaleErr <= 1e-5);
  EXPECT(sq.maxUlp <= 1 && sq.inexact <= sq.n / 100 + 1);
  EXPECT(resid.maxUlp == 0);
  EXPECT(ttUnchanged(&xbuf, xsnap));
  free(z);
  free(n);
  free(xsnap);
  TT *all[] = {&xbuf, &res, &w, &q, &scale, &ub};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

static void testDynamic(void) {
  // CHECK-LABEL: dynamic per token
  printf("dynamic per token\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  static const int64_t hs[] = {1, 3, 17, 1025, 4097};
  for (int d = 0; d < 3; d++)
    for (int i = 0; i < 5; i++)
      for (int v = 0; v < 3; v++) {
        DCase c = {dts[d], v == 2 ? FX_DTYPE_I8 : FX_DTYPE_F8E4M3FN, 5, hs[i],
                   i, v != 1, v == 1, 0, 1};
        runDynamic("rms_norm_dynamic_per_token_quant", c);
      }
  // CHECK: rms_norm_dynamic_per_token_quant: bf16->f8e4m3fn T=5 H=4097 scale_ub: scale_rel_err={{.*}} max_code_diff={{[01]}}
  DCase z = {FX_DTYPE_BF16, FX_DTYPE_F8E4M3FN, 0, 64, 0, 1, 1, 0, 0};
  runDynamic("no tokens", z);
  DCase r = {FX_DTYPE_F16, FX_DTYPE_F8E4M3FN, 3, 128, 16, 1, 1, 1, 0};
  runDynamic("records", r);
  r.residual = r.ub = 0;
  runDynamic("records", r);
  r.qdt = FX_DTYPE_I8, r.residual = 1;
  runDynamic("records", r);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t sz[2] = {2, 8}, h = 8, one = 1, two = 2;
  TT x = ttContig(FX_DTYPE_BF16, 2, sz), w = ttContig(FX_DTYPE_BF16, 1, &h);
  TT q8 = ttContig(FX_DTYPE_F8E4M3FN, 2, sz), qi = ttContig(FX_DTYPE_I8, 2, sz);
  TT qh = ttContig(FX_DTYPE_F16, 2, sz), s1 = ttContig(FX_DTYPE_F32, 1, &one);
  TT s2 = ttContig(FX_DTYPE_F32, 1, &two), s3 = ttContig(FX_DTYPE_F32, 1, &h);
  // CHECK-NEXT: fxrt: fxrt__C__rms_norm_static_fp8_quant: 'result' has unsupported dtype float16
  fxrt__C__rms_norm_static_fp8_quant(&qh.t, &x.t, &w.t, &s1.t, 1e-6);
  // CHECK-NEXT: fxrt: fxrt__C__rms_norm_static_fp8_quant: 'scale' has 2 elements, expected 1 (a per-tensor scale)
  fxrt__C__rms_norm_static_fp8_quant(&q8.t, &x.t, &w.t, &s2.t, 1e-6);
  // CHECK-NEXT: fxrt: fxrt__C__fused_add_rms_norm_static_fp8_quant: required tensor 'weight' is absent
  fxrt__C__fused_add_rms_norm_static_fp8_quant(&q8.t, &x.t, &x.t, NULL, &s1.t, 1e-6);
  // CHECK-NEXT: fxrt: fxrt__C__rms_norm_dynamic_per_token_quant: scale_ub is only supported with a float8_e4m3fn result
  fxrt__C__rms_norm_dynamic_per_token_quant(&qi.t, &x.t, &w.t, &s2.t, 1e-6, &s1.t, NULL);
  // CHECK-NEXT: fxrt: fxrt__C__rms_norm_dynamic_per_token_quant: 'scale' has 8 elements, expected 2 (one per token)
  fxrt__C__rms_norm_dynamic_per_token_quant(&q8.t, &x.t, &w.t, &s3.t, 1e-6, NULL, NULL);
  TT *all[] = {&x, &w, &q8, &qi, &qh, &s1, &s2, &s3};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testStatic();
  testDynamic();
  testErrors();
  // CHECK: rmsnorm_quant: {{[0-9]+}} checks passed
  return fxtestFinish("rmsnorm_quant");
}
