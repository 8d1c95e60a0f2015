// RUN: fx-kernels-quant-test 2>&1 | FileCheck %s

/* quant.c - static_scaled_fp8_quant, dynamic_scaled_fp8_quant and
 * dynamic_per_token_scaled_fp8_quant (kernel-numerics.md §2.2, §2.5,
 * §3.9-3.11).  vLLM's tests are exact, and so is this one: every scale
 * (bits) and every fp8 byte must equal the reference
 *   static     q = fp8(clamp(f32(x * f32(1/scale))))
 *   per-tensor scale = f32(amax / 448) (no minimum), then static
 *   per-token  s = max(f32(min(amax, ub) / 448), f32(1/(448*512))),
 *              q = fp8(clamp(f32(x / s)))
 * with clamp mapping NaN to +448 and amax ignoring NaN (fmaxf). */
#include "fxtest.h"

typedef struct QCase {
  int32_t dt;
  int64_t tokens, hidden, rowPad;
  int kind; /* 0 static, 1 per-tensor, 2 per-token */
  double scale;
  int ub, records, specials, rank3;
} QCase;

static const char *kKinds[] = {"static_scaled_fp8_quant", "dynamic_scaled_fp8_quant",
                               "dynamic_per_token_scaled_fp8_quant"};

static void runCase(const char *label, QCase c) {
  int64_t T = c.tokens, h = c.hidden, ld = h + c.rowPad, one = 1;
  /* [T, H] or [2, T/2, H], rows of stride ld (a column slice at col 1). */
  int64_t bsz[2] = {T, ld}, sz[3], st[3], ssz[3];
  int rank = c.rank3 ? 3 : 2;
  if (c.rank3)
    sz[0] = 2, sz[1] = T / 2, sz[2] = h, st[0] = T / 2 * ld, st[1] = ld, st[2] = 1;
  else
    sz[0] = T, sz[1] = h, st[0] = ld, st[1] = 1;
  memcpy(ssz, sz, sizeof ssz);
  ssz[rank - 1] = 1;
  TT xbuf = ttContig(c.dt, 2, bsz);
  TT x = ttView(&xbuf, c.dt, c.rowPad ? 1 : 0, rank, sz, st);
  TT q = ttContig(FX_DTYPE_F8E4M3FN, rank, sz);
  TT scale = c.kind == 2 ? ttContig(FX_DTYPE_F32, rank, ssz) : ttContig(FX_DTYPE_F32, 1, &one);
  TT ub = ttContig(FX_DTYPE_F32, 0, &one);
  ttFillNormal(&x, 0.0, 2.0);
  ttSet(&ub, 0, 3.0);
  if (c.kind == 0)
    ttSet(&scale, 0, c.scale);
  if (c.specials && T >= 2 && h >= 3) {
    for (int64_t j = 0; j < h; j++) /* row 0 all zero */
      ttSet(&x, j, 0.0);
    ttSet(&x, h, NAN);
    ttSet(&x, h + 1, INFINITY);
    ttSet(&x, h + 2, -1e4);
  }
  char *xsnap = ttSnapshot(&xbuf);
  if (c.records) {
    int64_t b[4][10];
    FxMemRefI64 rq = ttRecord(&q, b[0]), rx = ttRecord(&x, b[1]);
    FxMemRefI64 rs = ttRecord(&scale, b[2]);
    FxMemRefI64 ru = c.ub ? ttRecord(&ub, b[3]) : absentRecord(b[3]);
    if (c.kind == 0)
      _mlir_ciface_fxrt__C__static_scaled_fp8_quant(&rq, &rx, &rs);
    else if (c.kind == 1)
      _mlir_ciface_fxrt__C__dynamic_scaled_fp8_quant(&rq, &rx, &rs);
    else
      _mlir_ciface_fxrt__C__dynamic_per_token_scaled_fp8_quant(&rq, &rx, &rs, &ru);
  } else if (c.kind == 0) {
    fxrt__C__static_scaled_fp8_quant(&q.t, &x.t, &scale.t);
  } else if (c.kind == 1) {
    fxrt__C__dynamic_scaled_fp8_quant(&q.t, &x.t, &scale.t);
  } else {
    fxrt__C__dynamic_per_token_scaled_fp8_quant(&q.t, &x.t, &scale.t,
                                                c.ub ? &ub.t : NULL);
  }
  int64_t badScales = 0, saturated = 0;
  UlpStats s8 = {0};
  double tensorScale = c.scale;
  if (c.kind == 1) {
    double amax = 0.0;
    for (int64_t i = 0; i < T * h; i++)
      amax = fmax(amax, fabs(ttGet(&x, i))); /* fmax ignores NaN */
    tensorScale = f32(amax / 448.0);
    badScales += ttGet(&scale, 0) != tensorScale;
  }
  for (int64_t t = 0; t < T; t++) {
    double s = tensorScale, amax = 0.0;
    if (c.kind == 2) {
      for (int64_t j = 0; j < h; j++)
        amax = fmax(amax, fabs(ttGet(&x, t * h + j)));
      s = fmax(f32(fmin(amax, c.ub ? 3.0 : INFINITY) / 448.0), f32(1.0 / (448.0 * 512.0)));
      badScales += ttGet(&scale, t) != s;
    }
    double inv = f32(1.0 / f32(s));
    for (int64_t j = 0; j < h; j++) {
      double v = ttGet(&x, t * h + j);
      double ref = refQuantFp8(c.kind == 2 ? f32(v / s) : f32(v * inv));
      ulpAdd(&s8, ttPtr(&q, t * h + j), ref, FX_DTYPE_F8E4M3FN);
      saturated += (*(uint8_t *)ttPtr(&q, t * h + j) & 0x7F) == 0x7E;
    }
  }
  printf("%s: %s %s T=%lld H=%lld%s: scales %s, bytes %s (%lld/%lld differ), "
         "saturated=%lld\n",
         label, kKinds[c.kind], dtName(c.dt), (long long)T, (long long)h,
         c.ub ? " scale_ub" : "", badScales ? "DIFFER" : "exact",
         s8.inexact ? "DIFFER" : "exact", (long long)s8.inexact, (long long)s8.n,
         (long long)saturated);
  EXPECT(badScales == 0 && s8.inexact == 0);
  EXPECT(ttUnchanged(&xbuf, xsnap));
  free(xsnap);
  TT *all[] = {&xbuf, &q, &scale, &ub};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

static void testQuant(void) {
  // CHECK-LABEL: fp8 quant
  printf("fp8 quant\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  static const int64_t hs[] = {1, 3, 17, 1025, 4097};
  static const double scales[] = {0.01, 1.0, -2.0, 1e-3};
  for (int k = 0; k < 3; k++)
    for (int d = 0; d < 3; d++)
      for (int i = 0; i < 5; i++) {
        QCase c = {dts[d], 6, hs[i], i % 3, k, scales[(d + i) % 4], i % 2, 0, 1, 0};
        runCase("odd sizes", c);
      }
  // CHECK: odd sizes: static_scaled_fp8_quant bf16 T=6 H=4097: scales exact, bytes exact
  // CHECK: odd sizes: dynamic_scaled_fp8_quant bf16 T=6 H=4097: scales exact, bytes exact
  // CHECK: odd sizes: dynamic_per_token_scaled_fp8_quant bf16 T=6 H=4097: scales exact, bytes exact
  for (int k = 0; k < 3; k++) {
    QCase c = {FX_DTYPE_BF16, 8, 33, 5, k, 0.5, 1, 0, 1, 1};
    runCase("rank 3", c);
    c.tokens = 0, c.rank3 = 0;
    runCase("no tokens", c);
    c.tokens = 3, c.records = 1, c.dt = FX_DTYPE_F16;
    runCase("records", c);
  }
  /* All zeros: per-tensor scale 0, so 0 * (1/0) = NaN -> every byte 0x7E. */
  int64_t sz[2] = {2, 5}, one = 1;
  TT x = ttContig(FX_DTYPE_BF16, 2, sz), q = ttContig(FX_DTYPE_F8E4M3FN, 2, sz);
  TT s = ttContig(FX_DTYPE_F32, 1, &one);
  memset(x.mem, 0, x.bytes);
  fxrt__C__dynamic_scaled_fp8_quant(&q.t, &x.t, &s.t);
  int all7e = 1;
  for (int i = 0; i < 10; i++)
    all7e &= *(uint8_t *)ttPtr(&q, i) == 0x7E;
  // CHECK: all-zero per-tensor: scale 0, all bytes 0x7E
  printf("all-zero per-tensor: scale %g, all bytes %s\n", ttGet(&s, 0),
         all7e ? "0x7E" : "NOT 0x7E");
  EXPECT(ttGet(&s, 0) == 0.0 && all7e);
  ttFree(&x);
  ttFree(&q);
  ttFree(&s);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t sz[2] = {2, 5}, two = 2, t1[2] = {2, 1};
  TT x = ttContig(FX_DTYPE_BF16, 2, sz), q = ttContig(FX_DTYPE_F8E4M3FN, 2, sz);
  TT qh = ttContig(FX_DTYPE_F16, 2, sz), s2 = ttContig(FX_DTYPE_F32, 1, &two);
  TT st = ttContig(FX_DTYPE_F32, 2, t1), sb = ttContig(FX_DTYPE_BF16, 2, t1);
  TT q21 = ttContig(FX_DTYPE_F8E4M3FN, 2, t1);
  // CHECK-NEXT: fxrt: fxrt__C__static_scaled_fp8_quant: 'scale' has 2 elements, expected 1 (per-tensor; group scales need group_shape, which the ABI does not carry)
  fxrt__C__static_scaled_fp8_quant(&q.t, &x.t, &s2.t);
  // CHECK-NEXT: fxrt: fxrt__C__dynamic_scaled_fp8_quant: 'result' has unsupported dtype float16
  fxrt__C__dynamic_scaled_fp8_quant(&qh.t, &x.t, &s2.t);
  // CHECK-NEXT: fxrt: fxrt__C__dynamic_per_token_scaled_fp8_quant: 'scale' has unsupported dtype bfloat16
  fxrt__C__dynamic_per_token_scaled_fp8_quant(&q.t, &x.t, &sb.t, NULL);
  // CHECK-NEXT: fxrt: fxrt__C__dynamic_per_token_scaled_fp8_quant: 'scale_ub' has 2 elements, expected 1 (a scalar bound)
  fxrt__C__dynamic_per_token_scaled_fp8_quant(&q.t, &x.t, &st.t, &s2.t);
  // CHECK-NEXT: fxrt: fxrt__C__static_scaled_fp8_quant: 'result' and 'input' must have the same shape
  fxrt__C__static_scaled_fp8_quant(&q21.t, &x.t, &s2.t);
  TT *all[] = {&x, &q, &qh, &s2, &st, &sb, &q21};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testQuant();
  testErrors();
  // CHECK: quant: {{[0-9]+}} checks passed
  return fxtestFinish("quant");
}
