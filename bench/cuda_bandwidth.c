/* cuda_bandwidth.c - GB/s of libfxrt's CUDA kernels next to a
 * device-to-device copy of the same kind of bytes, measured in the same run
 * (docs/performance.md, "CUDA kernels").  Links libfxrt only, so it runs on
 * a GPU machine without LLVM: built as fx-bench-cuda in CUDA builds,
 * bundled by scripts/gpu-bundle and run by gpu-check.
 *
 *   fx-bench-cuda [TOKENS [HIDDEN [REPS]]]     (default 32768 8192 20)
 *
 * Each row is one kernel on bf16 activations [TOKENS, HIDDEN]; its bytes
 * are the least the op must move (each input read once, each output
 * written once), so GB/s is a lower bound of the traffic and "% copy" says
 * how close the kernel comes to the copy's rate.  mm reports TFLOP/s.
 * Times are wall clock over REPS launches after two warm-ups, between two
 * synchronizing device-to-host copies; the kernels are launched on the
 * legacy default stream, which that copy waits for. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include "fxrt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t T, H, REPS;

/* A device tensor of `rank` dims, contiguous, from fxrt_alloc. */
static FxTensor devTensor(int32_t dtype, int rank, const int64_t *sizes) {
  FxTensor t;
  memset(&t, 0, sizeof t);
  t.dtype = dtype;
  t.rank = rank;
  int64_t n = 1;
  for (int d = rank - 1; d >= 0; d--) {
    t.sizes[d] = sizes[d];
    t.strides[d] = n;
    n *= sizes[d];
  }
  FxMemRefI8 m;
  _mlir_ciface_fxrt_alloc(&m, n * (int64_t)fxDtypeSize(dtype));
  t.data = m.aligned;
  return t;
}

/* Fills a bf16 device tensor with small values (from the host). */
static void fillBf16(const FxTensor *t, uint16_t seed) {
  int64_t n = fxTensorNumel(t);
  uint16_t *h = malloc((size_t)n * 2);
  uint32_t s = 0x9E3779B9u ^ seed;
  for (int64_t i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    /* bf16 in [-2, 2): sign, exponent 126..127, 7 random mantissa bits */
    h[i] = (uint16_t)(((s >> 31) << 15) | ((126u + ((s >> 30) & 1u)) << 7) |
                      ((s >> 16) & 0x7Fu));
  }
  FxTensor src = *t;
  src.data = h;
  fxrt_copy_tensor(t, &src);
  free(h);
}

static FxTensor gSyncSrc;
static void sync(void) {
  float x;
  FxTensor dst = gSyncSrc;
  dst.data = &x;
  dst.rank = 1;
  dst.sizes[0] = 1;
  dst.strides[0] = 1;
  FxTensor src = dst;
  src.data = gSyncSrc.data;
  fxrt_copy_tensor(&dst, &src);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The tensors the rows use. */
static FxTensor x, x2, res, w, out, out8, gate, scale, scales, q, k,
    cache, pos, xHalf, outHalf, mA, mB, mC;

typedef struct Row {
  const char *name;
  void (*run)(void);
  double bytes;  /* least bytes moved per call; 0: a matrix product */
  double flops;  /* for mm */
  int isCopy;    /* the copy rows the others are compared with */
} Row;

static void rCopy(void) { fxrt_copy_tensor(&out, &x); }
static void rCopyStrided(void) { fxrt_copy_tensor(&outHalf, &xHalf); }
static void rRms(void) { fxrt__C__rms_norm(&out, &x, &w, 1e-6); }
static void rFusedAdd(void) { fxrt__C__fused_add_rms_norm(&x2, &res, &w, 1e-6); }
static void rRmsFp8(void) {
  fxrt__C__rms_norm_static_fp8_quant(&out8, &x, &w, &scale, 1e-6);
}
static void rFusedFp8(void) {
  fxrt__C__fused_add_rms_norm_static_fp8_quant(&out8, &x, &res, &w, &scale, 1e-6);
}
static void rRmsDyn(void) {
  fxrt__C__rms_norm_dynamic_per_token_quant(&out8, &x, &w, &scales, 1e-6, NULL, &res);
}
static void rSilu(void) { fxrt__C__silu_and_mul(&out, &gate); }
static void rSiluQuant(void) { fxrt__C__silu_and_mul_quant(&out8, &gate, &scale); }
static void rStatic(void) { fxrt__C__static_scaled_fp8_quant(&out8, &x, &scale); }
static void rDynamic(void) { fxrt__C__dynamic_scaled_fp8_quant(&out8, &x, &scale); }
static void rPerToken(void) {
  fxrt__C__dynamic_per_token_scaled_fp8_quant(&out8, &x, &scales, NULL);
}
static void rRotary(void) {
  fxrt__C__rotary_embedding(&pos, &q, &k, 128, &cache, 1, 0, 0);
}
static void rAdd(void) { fxrt_aten__add_Tensor(&out, &x, &res, 1.0); }
static void rMul(void) { fxrt_aten__mul_Tensor(&out, &x, &res); }
static void rCos(void) { fxrt_aten__cos(&out, &x); }
static void rMm(void) { fxrt_aten__mm(&mC, &mA, &mB); }

int main(int argc, char **argv) {
  T = argc > 1 ? atoll(argv[1]) : 32768;
  H = argc > 2 ? atoll(argv[2]) : 8192;
  REPS = argc > 3 ? atoll(argv[3]) : 20;
  if (T <= 0 || H <= 0 || H % 256 || REPS <= 0) {
    fprintf(stderr, "usage: fx-bench-cuda [TOKENS [HIDDEN (a multiple of 256) [REPS]]]\n");
    return 2;
  }
  if (fxrt_set_device(FX_DEVICE_CUDA) != 0) {
    printf("fx-bench-cuda: no usable GPU: %s\n", fxrt_device_status());
    return 1;
  }
  printf("fx-bench-cuda: %s; bf16 [%lld, %lld], %lld reps\n", fxrt_device_status(),
         (long long)T, (long long)H, (long long)REPS);
  int64_t th[2] = {T, H}, t2h[2] = {T, 2 * H}, hh[1] = {H}, one[1] = {1},
          t1[2] = {T, 1}, tq[2] = {T, 32 * 128}, tk[2] = {T, 8 * 128},
          cs[2] = {4096, 128}, tt[1] = {T}, mm[2] = {8192, 8192};
  x = devTensor(FX_DTYPE_BF16, 2, th);
  x2 = devTensor(FX_DTYPE_BF16, 2, th);
  res = devTensor(FX_DTYPE_BF16, 2, th);
  out = devTensor(FX_DTYPE_BF16, 2, th);
  w = devTensor(FX_DTYPE_BF16, 1, hh);
  out8 = devTensor(FX_DTYPE_F8E4M3FN, 2, th);
  gate = devTensor(FX_DTYPE_BF16, 2, t2h);
  scale = devTensor(FX_DTYPE_F32, 1, one);
  scales = devTensor(FX_DTYPE_F32, 2, t1);
  q = devTensor(FX_DTYPE_BF16, 2, tq);
  k = devTensor(FX_DTYPE_BF16, 2, tk);
  cache = devTensor(FX_DTYPE_BF16, 2, cs);
  pos = devTensor(FX_DTYPE_I64, 1, tt);
  mA = devTensor(FX_DTYPE_BF16, 2, mm);
  mB = devTensor(FX_DTYPE_BF16, 2, mm);
  mC = devTensor(FX_DTYPE_BF16, 2, mm);
  FxTensor *bf[] = {&x, &x2, &res, &w, &gate, &q, &k, &cache, &mA, &mB};
  for (size_t i = 0; i < sizeof bf / sizeof bf[0]; i++)
    fillBf16(bf[i], (uint16_t)i);
  {
    float s = 0.05f;
    FxTensor h = scale;
    h.data = &s;
    fxrt_copy_tensor(&scale, &h);
  }
  /* Left half of each row: a strided copy (row stride H, H/2 elements). */
  xHalf = x;
  xHalf.sizes[1] = H / 2;
  outHalf = out;
  outHalf.sizes[1] = H / 2;
  gSyncSrc = scale;
  if (fxrt_get_error()) {
    printf("fx-bench-cuda: setup failed: %s\n", fxrt_get_error());
    return 1;
  }

  const double N = (double)T * (double)H * 2; /* bytes of one bf16 [T, H] */
  const double qk = (double)T * (32 + 8) * 128 * 2;
  const Row rows[] = {
      {"copy (cudaMemcpy D2D)", rCopy, 2 * N, 0, 1},
      {"copy strided (half rows)", rCopyStrided, N, 0, 1},
      {"_C::rms_norm", rRms, 2 * N, 0, 0},
      {"_C::fused_add_rms_norm", rFusedAdd, 4 * N, 0, 0},
      {"_C::rms_norm_static_fp8_quant", rRmsFp8, 1.5 * N, 0, 0},
      {"_C::fused_add_rms_norm_static_fp8_quant", rFusedFp8, 3.5 * N, 0, 0},
      {"_C::rms_norm_dynamic_per_token_quant", rRmsDyn, 3.5 * N, 0, 0},
      {"_C::silu_and_mul", rSilu, 3 * N, 0, 0},
      {"_C::silu_and_mul_quant", rSiluQuant, 2.5 * N, 0, 0},
      {"_C::static_scaled_fp8_quant", rStatic, 1.5 * N, 0, 0},
      {"_C::dynamic_scaled_fp8_quant", rDynamic, 1.5 * N, 0, 0},
      {"_C::dynamic_per_token_scaled_fp8_quant", rPerToken, 1.5 * N, 0, 0},
      {"_C::rotary_embedding (32+8 heads x 128)", rRotary, 2 * qk, 0, 0},
      {"aten::add.Tensor", rAdd, 3 * N, 0, 0},
      {"aten::mul.Tensor", rMul, 3 * N, 0, 0},
      {"aten::cos", rCos, 2 * N, 0, 0},
      {"aten::mm bf16 8192^3 (cuBLAS)", rMm, 0, 2.0 * 8192 * 8192 * 8192, 0},
  };
  double copyRate = 0;
  int failed = 0;
  printf("%-44s %10s %10s %8s\n", "kernel", "ms/call", "GB/s", "% copy");
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const Row *r = &rows[i];
    fxrt_clear_error();
    r->run();
    r->run();
    sync();
    double t0 = now();
    for (int64_t j = 0; j < REPS; j++)
      r->run();
    sync();
    double dt = (now() - t0) / (double)REPS;
    if (fxrt_get_error()) {
      printf("%-44s FAILED: %s\n", r->name, fxrt_get_error());
      failed++;
      continue;
    }
    if (r->flops > 0) {
      printf("%-44s %10.3f %10s %8s   %.0f TFLOP/s\n", r->name, dt * 1e3, "-", "-",
             r->flops / dt / 1e12);
      continue;
    }
    double rate = r->bytes / dt / 1e9;
    if (i == 0)
      copyRate = rate;
    printf("%-44s %10.3f %10.0f %7.0f%%\n", r->name, dt * 1e3, rate,
           100.0 * rate / copyRate);
  }
  printf("fx-bench-cuda: %s\n", failed ? "some kernels failed" : "done");
  return failed ? 1 : 0;
}
