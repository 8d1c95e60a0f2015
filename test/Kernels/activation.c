// RUN: fx-kernels-activation-test 2>&1 | FileCheck %s

/* activation.c - silu_and_mul and silu_and_mul_quant (kernel-numerics.md
 * §3.6-3.7) against a double reference that rounds where the op does:
 *   h = T(g / (1 + exp(-g))),  out = T(h * u)
 *   q = fp8(clamp(f32(out * f32(1/scale))))
 * Tolerances: 16-bit <= 1 ulp with at most 0.1% (+1) inexact (glibc expf
 * vs exp only matters next to ties); fp32 <= 4 ulp; fp8 within one code and
 * bit-exact against silu_and_mul followed by static_scaled_fp8_quant
 * (vLLM's test is exact). */
#include "fxtest.h"

typedef struct ACase {
  int32_t dt;
  int64_t tokens, d, rowPad;
  int quant, records;
  double scale;
} ACase;

static void runCase(const char *label, ACase c) {
  int64_t T = c.tokens, d = c.d, ld = 2 * d + c.rowPad;
  int64_t bsz[2] = {T, ld}, isz[2] = {T, 2 * d}, ist[2] = {ld, 1}, osz[2] = {T, d};
  int64_t one = 1;
  int32_t odt = c.quant ? FX_DTYPE_F8E4M3FN : c.dt;
  TT xbuf = ttContig(c.dt, 2, bsz);
  TT x = ttView(&xbuf, c.dt, c.rowPad, 2, isz, ist);
  /* The output is a column slice too (row stride d + 3). */
  int64_t obsz[2] = {T, d + 3}, ost[2] = {d + 3, 1};
  TT obuf = ttContig(odt, 2, obsz);
  TT out = ttView(&obuf, odt, 2, 2, osz, ost);
  TT scale = ttContig(FX_DTYPE_F32, 1, &one);
  ttSet(&scale, 0, c.scale);
  ttFillNormal(&x, 0.0, 3.0);
  if (T > 0 && d > 2) { /* NaN and infinities in the gate and the up half */
    ttSet(&x, 0, NAN);
    ttSet(&x, 1, -INFINITY);
    ttSet(&x, d + 2, INFINITY);
  }
  char *xsnap = ttSnapshot(&xbuf), *osnap = ttSnapshot(&obuf);
  if (c.records) {
    int64_t b[3][8];
    FxMemRefI64 ro = ttRecord(&out, b[0]), rx = ttRecord(&x, b[1]);
    FxMemRefI64 rs = ttRecord(&scale, b[2]);
    if (c.quant)
      _mlir_ciface_fxrt__C__silu_and_mul_quant(&ro, &rx, &rs);
    else
      _mlir_ciface_fxrt__C__silu_and_mul(&ro, &rx);
  } else if (c.quant) {
    fxrt__C__silu_and_mul_quant(&out.t, &x.t, &scale.t);
  } else {
    fxrt__C__silu_and_mul(&out.t, &x.t);
  }
  UlpStats st = {0};
  for (int64_t t = 0; t < T; t++)
    for (int64_t j = 0; j < d; j++) {
      double g = ttGet(&x, t * 2 * d + j), u = ttGet(&x, t * 2 * d + d + j);
      double hh = refRound(g / (1.0 + exp(-g)), c.dt);
      double y = refRound(hh * u, c.dt);
      double ref = c.quant ? refQuantFp8(f32(y * f32(1.0 / f32(c.scale)))) : y;
      ulpAdd(&st, ttPtr(&out, t * d + j), ref, odt);
    }
  int composite = 1;
  if (c.quant) { /* silu_and_mul then static quant: identical bytes */
    TT y = ttContig(c.dt, 2, osz), q = ttContig(FX_DTYPE_F8E4M3FN, 2, osz);
    fxrt__C__silu_and_mul(&y.t, &x.t);
    fxrt__C__static_scaled_fp8_quant(&q.t, &y.t, &scale.t);
    for (int64_t i = 0; i < T * d; i++)
      composite &= *ttPtr(&q, i) == *ttPtr(&out, i);
    ttFree(&y);
    ttFree(&q);
  }
  printf("%s: %s%s T=%lld d=%lld: max_%s=%lld inexact=%lld/%lld%s\n", label,
         dtName(c.dt), c.quant ? "->f8e4m3fn" : "", (long long)T, (long long)d,
         c.quant ? "code_diff" : "ulp", (long long)st.maxUlp,
         (long long)st.inexact, (long long)st.n,
         c.quant ? (composite ? ", composite identical" : ", composite DIFFERENT")
                 : "");
  int64_t tol = c.quant || c.dt != FX_DTYPE_F32 ? 1 : 4;
  EXPECT(st.maxUlp <= tol);
  if (c.dt != FX_DTYPE_F32)
    EXPECT(st.inexact <= st.n / 1000 + 1);
  EXPECT(composite);
  EXPECT(ttUnchanged(&xbuf, xsnap) && ttOnlyElementsChanged(&out, osnap));
  free(xsnap);
  free(osnap);
  ttFree(&xbuf);
  ttFree(&obuf);
  ttFree(&scale);
}

static void testSiluAndMul(void) {
  // CHECK-LABEL: silu_and_mul
  printf("silu_and_mul\n");
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  static const int64_t ds[] = {1, 3, 17, 4097};
  for (int q = 0; q < 2; q++)
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 4; j++) {
        ACase c = {dts[i], 7, ds[j], j, q, 0, q ? (j % 2 ? 0.05 : -2.0) : 1.0};
        runCase(q ? "silu_and_mul_quant" : "silu_and_mul", c);
      }
  // CHECK: silu_and_mul: bf16 T=7 d=4097: max_ulp={{[01]}}
  // CHECK: silu_and_mul_quant: bf16->f8e4m3fn T=7 d=4097: max_code_diff={{[01]}} inexact={{.*}}, composite identical
  ACase big = {FX_DTYPE_BF16, 33, 13824 / 4, 0, 0, 0, 1.0};
  runCase("large", big);
  ACase z = {FX_DTYPE_F16, 0, 64, 0, 0, 0, 1.0};
  runCase("no tokens", z);
  z.quant = 1;
  runCase("no tokens", z);
  ACase r = {FX_DTYPE_F16, 5, 48, 2, 0, 1, 1.0};
  runCase("records", r);
  r.quant = 1, r.scale = 0.1;
  runCase("records", r);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t sz[2] = {2, 7}, hsz[2] = {2, 3}, one = 1;
  TT x = ttContig(FX_DTYPE_BF16, 2, sz), o = ttContig(FX_DTYPE_BF16, 2, hsz);
  TT s = ttContig(FX_DTYPE_F32, 1, &one), q = ttContig(FX_DTYPE_F8E4M3FN, 2, hsz);
  // CHECK-NEXT: fxrt: fxrt__C__silu_and_mul: 'result' must be 'input' with the last dimension halved (input last dimension 7)
  fxrt__C__silu_and_mul(&o.t, &x.t);
  // CHECK-NEXT: fxrt: fxrt__C__silu_and_mul_quant: 'result' has unsupported dtype bfloat16
  fxrt__C__silu_and_mul_quant(&o.t, &x.t, &s.t);
  x.t.sizes[1] = 6;
  // CHECK-NEXT: fxrt: fxrt__C__silu_and_mul_quant: 'scale' has unsupported dtype float8_e4m3fn
  fxrt__C__silu_and_mul_quant(&q.t, &x.t, &q.t);
  ttFree(&x);
  ttFree(&o);
  ttFree(&s);
  ttFree(&q);
}

int main(void) {
  fxtestBegin();
  testSiluAndMul();
  testErrors();
  // CHECK: activation: {{[0-9]+}} checks passed
  return fxtestFinish("activation");
}
