// REQUIRES: cuda-device
// RUN: fx-kernels-cuda_device-test 2>&1 | FileCheck %s
// RUN: fx-kernels-common_nvcc-test --device | FileCheck --check-prefix=MATH %s

/* cuda_device.c - every kernel on the GPU against the same kernel on the CPU
 * (needs a usable GPU: lit's cuda-device feature).
 *
 * Each operand is a host tensor and a device twin whose whole storage
 * (elements and the 0xA5 gaps of strided views) starts out identical.  A
 * case runs the kernel on the host tensors and on the twins, copies the
 * twins' storage back and compares it with the host storage: byte for byte
 * outside the elements, and per element within a tolerance in units in the
 * last place (0 = bit-exact).  Exact: quantization (scales and bytes),
 * residuals, rotary, add/mul, copies.  Within 1 ulp of 16-bit / 1 fp8 code
 * / 1 int8 step: the norms (rsqrtf and the reduction order), silu (expf),
 * cos, matmuls (cuBLAS's summation order); fp32 outputs of those get a few
 * hundred fp32 ulps (kernel-numerics.md §6). */
#include "fxtest.h"

/* A host tensor and its device twin. */
typedef struct Op {
  TT h, d;
} Op;

static FxTensor bytesOf(void *p, size_t n) {
  FxTensor t;
  memset(&t, 0, sizeof t);
  t.data = p;
  t.dtype = FX_DTYPE_I8;
  t.rank = 1;
  t.sizes[0] = (int64_t)n;
  t.strides[0] = 1;
  return t;
}

/* Device storage from fxrt_alloc (the device setting is CUDA here). */
static char *devAlloc(size_t bytes) {
  FxMemRefI8 m;
  _mlir_ciface_fxrt_alloc(&m, (int64_t)bytes);
  return (char *)m.aligned;
}

static Op opOf(TT h) {
  Op o = {h, h};
  o.d.mem = devAlloc(h.bytes);
  o.d.owned = 0;
  o.d.t.data = o.d.mem + h.offset * refSize(h.t.dtype);
  FxTensor dst = bytesOf(o.d.mem, h.bytes), src = bytesOf(h.mem, h.bytes);
  fxrt_copy_tensor(&dst, &src);
  return o;
}

static Op opNew(int32_t dt, int rank, const int64_t *sizes, double mean,
                double sd) {
  TT h = ttContig(dt, rank, sizes);
  if (sd > 0)
    ttFillNormal(&h, mean, sd);
  return opOf(h);
}

static Op opView(const Op *p, int32_t dt, int64_t offset, int rank,
                 const int64_t *sizes, const int64_t *strides) {
  Op o = {ttView(&p->h, dt, offset, rank, sizes, strides),
          ttView(&p->d, dt, offset, rank, sizes, strides)};
  return o;
}

/* Re-uploads the host storage (after changing host elements). */
static void opSync(Op *o) {
  FxTensor dst = bytesOf(o->d.mem, o->h.bytes), src = bytesOf(o->h.mem, o->h.bytes);
  fxrt_copy_tensor(&dst, &src);
}

static void opFree(Op *o) { ttFree(&o->h); }

/* A host copy of the device storage of `o` (to free). */
static char *devBytes(const Op *o) {
  char *got = (char *)malloc(o->h.bytes);
  FxTensor dst = bytesOf(got, o->h.bytes), src = bytesOf(o->d.mem, o->h.bytes);
  fxrt_copy_tensor(&dst, &src);
  return got;
}

/* Largest ulp distance between the host and device elements of `o` (after
 * both sides ran), or INT64_MAX when a byte outside the elements differs. */
static int64_t opUlps(const Op *o) {
  char *got = devBytes(o);
  TT g = o->h;
  g.mem = got;
  g.t.data = got + o->h.offset * refSize(o->h.t.dtype);
  int64_t worst = 0, n = ttNumel(&o->h), es = refSize(o->h.t.dtype);
  char *mask = (char *)calloc(o->h.bytes, 1);
  for (int64_t i = 0; i < n; i++) {
    memset(mask + (ttPtr(&o->h, i) - o->h.mem), 1, (size_t)es);
    int64_t d;
    if (o->h.t.dtype == FX_DTYPE_I8 || o->h.t.dtype >= FX_DTYPE_I32)
      d = (int64_t)fabs(ttGet(&g, i) - ttGet(&o->h, i));
    else
      d = ulpDist(ttPtr(&g, i), ttGet(&o->h, i), o->h.t.dtype);
    if (d > worst)
      worst = d;
  }
  for (size_t b = 0; b < o->h.bytes; b++)
    if (!mask[b] && got[b] != o->h.mem[b])
      worst = INT64_MAX;
  free(mask);
  free(got);
  return worst;
}

/* The output `o` matches within `tol` ulps; prints the distance. */
static void expectClose(const char *label, const char *name, const Op *o,
                        int64_t tol) {
  int64_t u = opUlps(o);
  printf("  %s %s: max %lld ulp\n", label, name,
         u == INT64_MAX ? -1LL : (long long)u);
  EXPECT(u <= tol);
}

/* Runs `call` on the host tensors (D = 0), then on the twins (D = 1);
 * X(op) is the tensor of the side being run. */
#define BOTH(call)                                                             \
  do {                                                                         \
    for (int D = 0; D < 2; D++) {                                              \
      call;                                                                    \
    }                                                                          \
  } while (0)
#define X(op) (D ? &(op).d.t : &(op).h.t)

static int64_t tolNorm(int32_t dt) { return dt == FX_DTYPE_F32 ? 256 : 1; }

/*===-- Norms --------------------------------------------------------------===*/

static void testNorms(int32_t dt, int64_t tokens, int64_t h, int64_t pad) {
  char label[96];
  snprintf(label, sizeof label, "norm %s T=%lld H=%lld pad=%lld", dtName(dt),
           (long long)tokens, (long long)h, (long long)pad);
  int64_t bsz[2] = {tokens, h + pad}, sz[2] = {tokens, h}, st[2] = {h + pad, 1};
  Op xb = opNew(dt, 2, bsz, 0.0, 1.0);
  Op x = opView(&xb, dt, pad, 2, sz, st); /* a column slice when pad > 0 */
  Op res = opNew(dt, 2, sz, 0.0, 1.0), w = opNew(dt, 1, &h, 1.0, 0.1);
  Op out = opNew(dt, 2, sz, 0, 0), q = opNew(FX_DTYPE_F8E4M3FN, 2, sz, 0, 0);
  int64_t one = 1;
  Op scale = opNew(FX_DTYPE_F32, 1, &one, 0, 0);
  ttSet(&scale.h, 0, 0.05);
  opSync(&scale);

  BOTH(fxrt__C__rms_norm(X(out), X(x), X(w), 1e-6));
  expectClose(label, "rms_norm", &out, tolNorm(dt));
  if (pad) { /* the GPU's bits depend on the shape, not on the layout */
    Op xc = opNew(dt, 2, sz, 0, 0), oc = opNew(dt, 2, sz, 0, 0);
    fxrt_copy_tensor(&xc.d.t, &x.d.t);
    fxrt__C__rms_norm(&oc.d.t, &xc.d.t, &w.d.t, 1e-6);
    char *a = devBytes(&out), *b = devBytes(&oc);
    printf("  %s rms_norm of a dense copy: %s\n", label,
           memcmp(a, b, out.h.bytes) ? "different" : "identical");
    EXPECT(memcmp(a, b, out.h.bytes) == 0);
    free(a);
    free(b);
    opFree(&xc);
    opFree(&oc);
  }
  BOTH(fxrt__C__rms_norm(X(out), X(x), NULL, 1e-5));
  expectClose(label, "rms_norm weightless", &out, tolNorm(dt));
  BOTH(fxrt__C__rms_norm_static_fp8_quant(X(q), X(x), X(w), X(scale), 1e-6));
  expectClose(label, "rms_norm_static_fp8_quant", &q, 1);
  BOTH(fxrt__C__fused_add_rms_norm_static_fp8_quant(X(q), X(x), X(res), X(w),
                                                     X(scale), 1e-6));
  expectClose(label, "fused static fp8 result", &q, 1);
  expectClose(label, "fused static fp8 residual", &res, 0);
  expectClose(label, "fused static fp8 input (read only)", &xb, 0);
  BOTH(fxrt__C__fused_add_rms_norm(X(x), X(res), X(w), 1e-6));
  expectClose(label, "fused_add_rms_norm input", &xb, tolNorm(dt));
  expectClose(label, "fused_add_rms_norm residual", &res, 0);
  /* fused_add_rms_norm leaves the two sides' inputs within its tolerance,
   * not equal (seen on an H200): the next kernels start again from the
   * CPU side's values, so each comparison judges one kernel. */
  opSync(&xb);
  opSync(&res);

  /* rms_norm_dynamic_per_token_quant: fp8 with scale_ub and residual, int8. */
  int64_t scaleSz[2] = {tokens, 1};
  Op ts = opNew(FX_DTYPE_F32, 2, scaleSz, 0, 0);
  Op i8 = opNew(FX_DTYPE_I8, 2, sz, 0, 0);
  Op ub = opNew(FX_DTYPE_F32, 1, &one, 0, 0);
  ttSet(&ub.h, 0, 0.02);
  opSync(&ub);
  BOTH(fxrt__C__rms_norm_dynamic_per_token_quant(X(q), X(x), X(w), X(ts), 1e-6,
                                                 X(ub), X(res)));
  expectClose(label, "dynamic fp8 result", &q, 1);
  expectClose(label, "dynamic fp8 scales", &ts, 64);
  expectClose(label, "dynamic fp8 residual", &res, 0);
  BOTH(fxrt__C__rms_norm_dynamic_per_token_quant(X(i8), X(x), X(w), X(ts), 1e-6,
                                                 NULL, NULL));
  expectClose(label, "dynamic int8 result", &i8, 1);
  expectClose(label, "dynamic int8 scales", &ts, 64);
  Op *all[] = {&xb, &res, &w, &out, &q, &scale, &ts, &i8, &ub};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    opFree(all[i]);
}

/*===-- Activation and quantization ----------------------------------------===*/

static void testActivationQuant(int32_t dt, int64_t tokens, int64_t d,
                                int64_t pad) {
  char label[96];
  snprintf(label, sizeof label, "act/quant %s T=%lld d=%lld pad=%lld",
           dtName(dt), (long long)tokens, (long long)d, (long long)pad);
  int64_t bsz[2] = {tokens, 2 * d + pad}, isz[2] = {tokens, 2 * d},
          ist[2] = {2 * d + pad, 1}, osz[2] = {tokens, d};
  Op inb = opNew(dt, 2, bsz, 0.0, 2.0);
  Op in = opView(&inb, dt, 0, 2, isz, ist);
  Op out = opNew(dt, 2, osz, 0, 0), q = opNew(FX_DTYPE_F8E4M3FN, 2, osz, 0, 0);
  Op qi = opNew(FX_DTYPE_F8E4M3FN, 2, isz, 0, 0);
  int64_t one = 1, scaleSz[2] = {tokens, 1};
  Op scale = opNew(FX_DTYPE_F32, 1, &one, 0, 0);
  ttSet(&scale.h, 0, 0.03);
  opSync(&scale);
  Op ts = opNew(FX_DTYPE_F32, 2, scaleSz, 0, 0);

  BOTH(fxrt__C__silu_and_mul(X(out), X(in)));
  expectClose(label, "silu_and_mul", &out, dt == FX_DTYPE_F32 ? 4 : 1);
  BOTH(fxrt__C__silu_and_mul_quant(X(q), X(in), X(scale)));
  expectClose(label, "silu_and_mul_quant", &q, 1);
  BOTH(fxrt__C__static_scaled_fp8_quant(X(qi), X(in), X(scale)));
  expectClose(label, "static_scaled_fp8_quant", &qi, 0);
  BOTH(fxrt__C__dynamic_scaled_fp8_quant(X(qi), X(in), X(scale)));
  expectClose(label, "dynamic_scaled_fp8_quant", &qi, 0);
  expectClose(label, "dynamic_scaled_fp8_quant scale", &scale, 0);
  BOTH(fxrt__C__dynamic_per_token_scaled_fp8_quant(X(qi), X(in), X(ts), NULL));
  expectClose(label, "dynamic_per_token_scaled_fp8_quant", &qi, 0);
  expectClose(label, "dynamic_per_token_scaled_fp8_quant scales", &ts, 0);
  Op *all[] = {&inb, &out, &q, &qi, &scale, &ts};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    opFree(all[i]);
}

/*===-- Rotary -------------------------------------------------------------===*/

static void testRotary(int32_t dt, int32_t cacheDt, int neox, int withKey,
                       int64_t rot, int64_t offset, int inverse) {
  char label[96];
  snprintf(label, sizeof label, "rotary %s cache %s neox=%d key=%d rot=%lld off=%lld inv=%d",
           dtName(dt), dtName(cacheDt), neox, withKey, (long long)rot,
           (long long)offset, inverse);
  const int64_t T = 37, nh = 4, nkv = 2, hs = 64, maxPos = 100;
  /* q and k are column slices of one qkv buffer. */
  int64_t qkvSz[2] = {T, (nh + 2 * nkv) * hs};
  Op qkv = opNew(dt, 2, qkvSz, 0.0, 1.0);
  int64_t qSz[2] = {T, nh * hs}, kSz[3] = {T, nkv, hs};
  int64_t qSt[2] = {qkvSz[1], 1}, kSt[3] = {qkvSz[1], hs, 1};
  Op q = opView(&qkv, dt, 0, 2, qSz, qSt);
  Op k = opView(&qkv, dt, nh * hs, 3, kSz, kSt);
  int64_t cSz[2] = {maxPos, rot};
  Op cache = opNew(cacheDt, 2, cSz, 0.0, 0.7);
  Op pos = opNew(FX_DTYPE_I64, 1, &T, 0, 0);
  for (int64_t t = 0; t < T; t++)
    ttSet(&pos.h, t, (double)((t * 37) % maxPos));
  opSync(&pos);
  BOTH(fxrt__C__rotary_embedding(X(pos), X(q), withKey ? X(k) : NULL, hs,
                                 X(cache), neox, offset, inverse));
  expectClose(label, "qkv", &qkv, 0);
  Op *all[] = {&qkv, &cache, &pos};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    opFree(all[i]);
}

/*===-- aten ---------------------------------------------------------------===*/

static void testAten(void) {
  const char *label = "aten";
  int64_t sz[2] = {33, 70}, row[1] = {70};
  Op a = opNew(FX_DTYPE_BF16, 2, sz, 0.0, 2.0), b = opNew(FX_DTYPE_F32, 1, row, 0.0, 2.0);
  Op o = opNew(FX_DTYPE_F16, 2, sz, 0, 0), of = opNew(FX_DTYPE_F32, 2, sz, 0, 0);
  BOTH(fxrt_aten__add_Tensor(X(o), X(a), X(b), 0.5));
  expectClose(label, "add broadcast", &o, 0);
  BOTH(fxrt_aten__mul_Tensor(X(of), X(b), X(a)));
  expectClose(label, "mul broadcast", &of, 0);
  BOTH(fxrt_aten__cos(X(of), X(a)));
  expectClose(label, "cos f32", &of, 2);

  /* Operands of out's dtype, dense: aten.cu's vector path (16-byte groups,
   * then the tail: 2310 elements are 288 groups of 8 bf16 + 6, or 577 of
   * 4 f32 + 2), and 1-D views 2 bytes off alignment (the general kernel). */
  Op c = opNew(FX_DTYPE_BF16, 2, sz, 0.0, 2.0), ob = opNew(FX_DTYPE_BF16, 2, sz, 0, 0);
  BOTH(fxrt_aten__add_Tensor(X(ob), X(a), X(c), 0.5));
  expectClose(label, "add dense bf16", &ob, 0);
  BOTH(fxrt_aten__mul_Tensor(X(ob), X(a), X(c)));
  expectClose(label, "mul dense bf16", &ob, 0);
  int64_t n1 = 33 * 70 - 1, st1 = 1;
  Op c1 = opView(&c, FX_DTYPE_BF16, 1, 1, &n1, &st1);
  Op a1 = opView(&a, FX_DTYPE_BF16, 0, 1, &n1, &st1);
  Op ob1 = opView(&ob, FX_DTYPE_BF16, 1, 1, &n1, &st1);
  BOTH(fxrt_aten__add_Tensor(X(ob1), X(a1), X(c1), 1.0));
  expectClose(label, "add misaligned bf16", &ob1, 0);
  BOTH(fxrt_aten__cos(X(ob), X(c)));
  expectClose(label, "cos dense bf16", &ob, 1);
  Op f1 = opNew(FX_DTYPE_F32, 2, sz, 0.0, 2.0), f2 = opNew(FX_DTYPE_F32, 2, sz, 0.0, 2.0);
  BOTH(fxrt_aten__add_Tensor(X(of), X(f1), X(f2), -1.5));
  expectClose(label, "add dense f32", &of, 0);
  Op h1 = opNew(FX_DTYPE_F16, 2, sz, 0.0, 2.0), h2 = opNew(FX_DTYPE_F16, 2, sz, 0.0, 2.0);
  Op oh = opNew(FX_DTYPE_F16, 2, sz, 0, 0);
  BOTH(fxrt_aten__mul_Tensor(X(oh), X(h1), X(h2)));
  expectClose(label, "mul dense f16", &oh, 0);
  Op *dense[] = {&c, &ob, &f1, &f2, &h1, &h2, &oh};
  for (size_t i = 0; i < sizeof dense / sizeof dense[0]; i++)
    opFree(dense[i]);

  /* mm: bf16 [33, 70] @ a transposed view [70, 48], f32 and bf16 outputs. */
  int64_t bsz[2] = {48, 70}, tsz[2] = {70, 48}, tst[2] = {1, 70}, msz[2] = {33, 48};
  Op bt = opNew(FX_DTYPE_BF16, 2, bsz, 0.0, 1.0);
  Op m2 = opView(&bt, FX_DTYPE_BF16, 0, 2, tsz, tst);
  Op mo = opNew(FX_DTYPE_BF16, 2, msz, 0, 0), mf = opNew(FX_DTYPE_F32, 2, msz, 0, 0);
  BOTH(fxrt_aten__mm(X(mo), X(a), X(m2)));
  expectClose(label, "mm bf16", &mo, 1);
  BOTH(fxrt_aten__mm(X(mf), X(a), X(m2)));
  expectClose(label, "mm bf16 -> f32", &mf, 4096);

  /* _scaled_mm: fp8 operands, row-wise scales, bias, bf16 and fp8 outputs. */
  Op a8 = opNew(FX_DTYPE_F8E4M3FN, 2, sz, 0.0, 8.0);
  Op b8 = opNew(FX_DTYPE_F8E4M3FN, 2, bsz, 0.0, 8.0);
  Op b8t = opView(&b8, FX_DTYPE_F8E4M3FN, 0, 2, tsz, tst);
  int64_t m = 33, n = 48, one = 1;
  Op sa = opNew(FX_DTYPE_F32, 1, &m, 0.01, 0.001), sb = opNew(FX_DTYPE_F32, 1, &n, 0.01, 0.001);
  Op bias = opNew(FX_DTYPE_BF16, 1, &n, 0.0, 1.0);
  Op sr = opNew(FX_DTYPE_F32, 1, &one, 0, 0);
  ttSet(&sr.h, 0, 4.0);
  opSync(&sr);
  Op o8 = opNew(FX_DTYPE_F8E4M3FN, 2, msz, 0, 0);
  BOTH(fxrt_aten___scaled_mm(X(mo), X(a8), X(b8t), X(sa), X(sb), X(bias), NULL, 0));
  expectClose(label, "_scaled_mm fp8 -> bf16", &mo, 1);
  BOTH(fxrt_aten___scaled_mm(X(o8), X(a8), X(b8t), X(sr), X(sr), NULL, X(sr), 1));
  expectClose(label, "_scaled_mm fp8 -> fp8", &o8, 1);
  /* bmm: mm's launcher once per batch, on transposed views. */
  int64_t b3[3] = {2, 33, 70}, w3[3] = {2, 48, 70}, t3[3] = {2, 70, 48};
  int64_t t3st[3] = {48 * 70, 1, 70}, o3[3] = {2, 33, 48};
  Op ba = opNew(FX_DTYPE_BF16, 3, b3, 0.0, 1.0), bw = opNew(FX_DTYPE_BF16, 3, w3, 0.0, 1.0);
  Op bwt = opView(&bw, FX_DTYPE_BF16, 0, 3, t3, t3st);
  Op bo = opNew(FX_DTYPE_BF16, 3, o3, 0, 0);
  BOTH(fxrt_aten__bmm(X(bo), X(ba), X(bwt)));
  expectClose(label, "bmm bf16", &bo, 1);
  Op *all[] = {&a, &b, &o, &of, &bt, &mo, &mf, &a8, &b8, &sa, &sb, &bias, &sr, &o8,
               &ba, &bw, &bo};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    opFree(all[i]);
}

/*===-- Runtime: copies, errors, empty inputs ------------------------------===*/

static void testRuntime(void) {
  // CHECK-LABEL: runtime
  printf("runtime\n");
  const char *label = "runtime";
  /* fxrt_alloc on the device: zeroed. */
  char *z = devAlloc(100), back[100];
  memset(back, 1, sizeof back);
  FxTensor dst = bytesOf(back, 100), src = bytesOf(z, 100);
  fxrt_copy_tensor(&dst, &src);
  int zero = 1;
  for (int i = 0; i < 100; i++)
    zero &= back[i] == 0;
  EXPECT(zero);
  /* fxrt_device_of: device storage (and inside it), host storage, NULL. */
  EXPECT(fxrt_device_of(z) == FX_DEVICE_CUDA);
  EXPECT(fxrt_device_of(z + 17) == FX_DEVICE_CUDA);
  EXPECT(fxrt_device_of(back) == FX_DEVICE_CPU);
  EXPECT(fxrt_device_of(NULL) == FX_DEVICE_CPU);

  /* Strided copies host -> device -> device -> host (transposed views). */
  int64_t sz[2] = {6, 10}, tsz[2] = {10, 6}, tst[2] = {1, 10};
  Op a = opNew(FX_DTYPE_F16, 2, sz, 0.0, 1.0), c = opNew(FX_DTYPE_F16, 2, tsz, 0, 0);
  Op at = opView(&a, FX_DTYPE_F16, 0, 2, tsz, tst);
  BOTH(fxrt_copy_tensor(X(c), X(at)));
  expectClose(label, "copy transposed device->device", &c, 0);
  TT hc = ttContig(FX_DTYPE_F16, 2, tsz);
  fxrt_copy_tensor(&hc.t, &at.d.t); /* device (strided) -> host */
  EXPECT(memcmp(hc.mem, c.h.mem, c.h.bytes) == 0);
  fxrt_copy_tensor(&at.d.t, &c.h.t); /* host -> device (strided) */
  expectClose(label, "copy host->device strided", &a, 0);

  /* Mixed operands: reported, nothing written. */
  int64_t h = 70;
  Op w = opNew(FX_DTYPE_BF16, 1, &h, 1.0, 0.1);
  int64_t xs[2] = {6, 70};
  Op xx = opNew(FX_DTYPE_BF16, 2, xs, 0.0, 1.0), out = opNew(FX_DTYPE_BF16, 2, xs, 0, 0);
  // CHECK: fxrt: fxrt__C__rms_norm: tensor operands are in both host and GPU memory (operand 2 on the host, operand 0 on GPU {{[0-9]+}}); copy them to one side
  fxrt__C__rms_norm(&out.d.t, &xx.d.t, &w.h.t, 1e-6);
  expectClose(label, "mixed: untouched", &out, 0);
  /* (recorded as the run's error: fxrt_alloc would refuse to work until it
   * is cleared; fxrt.h, "Errors") */
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();

  /* Kernels without a CUDA launcher (addmm, embedding, index_select):
   * device operands go through host memory (FX_HOST_STAGED), the same C
   * kernel on dense copies, so the same bits; a bad index is still
   * reported with nothing written. */
  int64_t ws[2] = {70, 70};
  Op wm = opNew(FX_DTYPE_BF16, 2, ws, 0.0, 1.0);
  BOTH(fxrt_aten__addmm(X(out), X(w), X(xx), X(wm), 0.5, 2.0));
  expectClose(label, "addmm staged", &out, 0);
  int64_t ni = 4, es[2] = {4, 70};
  Op idx = opNew(FX_DTYPE_I64, 1, &ni, 0, 0), eout = opNew(FX_DTYPE_BF16, 2, es, 0, 0);
  for (int64_t i = 0; i < ni; i++)
    ttSet(&idx.h, i, (double)((i * 37) % 70));
  opSync(&idx);
  BOTH(fxrt_aten__embedding(X(eout), X(wm), X(idx), -1, 0, 0));
  expectClose(label, "embedding staged", &eout, 0);
  BOTH(fxrt_aten__index_select(X(eout), X(wm), 0, X(idx)));
  expectClose(label, "index_select staged", &eout, 0);
  EXPECT(fxrt_get_error() == NULL);
  ttSet(&idx.h, 2, 70.0); /* out of range */
  opSync(&idx);
  char *before = devBytes(&eout);
  // CHECK: fxrt: fxrt_aten__embedding: indices[2] is 70, out of range for the rows of 'weight' of size 70
  fxrt_aten__embedding(&eout.d.t, &wm.d.t, &idx.d.t, -1, 0, 0);
  char *after = devBytes(&eout);
  EXPECT(memcmp(before, after, eout.h.bytes) == 0);
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();
  free(before);
  free(after);

  /* A bad position: reported, nothing written. */
  int64_t T = 3, cSz[2] = {4, 8}, qSz[2] = {3, 16};
  Op pos = opNew(FX_DTYPE_I64, 1, &T, 0, 0), cache = opNew(FX_DTYPE_F32, 2, cSz, 0, 1);
  Op q = opNew(FX_DTYPE_BF16, 2, qSz, 0, 1);
  ttSet(&pos.h, 0, 1.0);
  ttSet(&pos.h, 1, 3.0);
  ttSet(&pos.h, 2, 9.0);
  opSync(&pos);
  // CHECK: fxrt: fxrt__C__rotary_embedding: position 9 of token 2 is outside cos_sin_cache [0, 4)
  fxrt__C__rotary_embedding(&pos.d.t, &q.d.t, NULL, 8, &cache.d.t, 1, 0, 0);
  expectClose(label, "bad position: untouched", &q, 0);
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();

  /* 0 tokens. */
  int64_t esz[2] = {0, 70};
  Op ex = opNew(FX_DTYPE_BF16, 2, esz, 0, 0), eo = opNew(FX_DTYPE_BF16, 2, esz, 0, 0);
  BOTH(fxrt__C__rms_norm(X(eo), X(ex), X(w), 1e-6));
  BOTH(fxrt__C__fused_add_rms_norm(X(ex), X(eo), X(w), 1e-6));
  // CHECK-NOT: fxrt:
  // CHECK-LABEL: kernels
  Op *all[] = {&a, &c, &w, &xx, &out, &wm, &idx, &eout, &pos, &cache, &q, &ex, &eo};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    opFree(all[i]);
  ttFree(&hc);
}

int main(void) {
  fxtestBegin();
  if (fxrt_set_device(FX_DEVICE_CUDA) != 0) {
    printf("no usable GPU\n");
    return 1;
  }
  testRuntime();
  printf("kernels\n");
  /* Vector paths (16-byte rows), scalar paths (odd sizes, column slices
   * with unaligned starts), many rows (256-thread blocks). */
  const int32_t dts[3] = {FX_DTYPE_BF16, FX_DTYPE_F16, FX_DTYPE_F32};
  for (int i = 0; i < 3; i++) {
    testNorms(dts[i], 7, 4096, 0);
    testNorms(dts[i], 5, 769, 3);
    testNorms(dts[i], 300, 256, 8);
    testActivationQuant(dts[i], 9, 2048, 0);
    testActivationQuant(dts[i], 300, 77, 5);
  }
  testRotary(FX_DTYPE_BF16, FX_DTYPE_BF16, 1, 1, 64, 0, 0);
  testRotary(FX_DTYPE_BF16, FX_DTYPE_F32, 0, 1, 32, 16, 1);
  testRotary(FX_DTYPE_F16, FX_DTYPE_F16, 1, 0, 48, 8, 0);
  testRotary(FX_DTYPE_F32, FX_DTYPE_F32, 0, 1, 64, 0, 0);
  testAten();
  fxrt_set_device(FX_DEVICE_CPU);
  fxrt_release_all();
  // CHECK: cuda_device: {{[0-9]+}} checks passed
  // MATH: common_nvcc: 27 functions, {{[0-9]+}} values, all identical
  return fxtestFinish("cuda_device");
}
