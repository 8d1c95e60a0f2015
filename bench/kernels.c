/* kernels.c - bandwidth of libfxrt's CPU kernels next to memcpy (bench/kernels).
 *
 * Each kernel runs on a large tensor (default 4096 x 4096); GB/s counts the
 * bytes the kernel must read and write once.  memcpy of the same input size
 * is measured in the same run, so the ratio does not depend on the machine.
 * Best of `reps` runs.  Prints a markdown table. */
#define _POSIX_C_SOURCE 200809L
#include "common/fx_math.h"
#include "fxrt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static FxTensor tensor(void *data, int dtype, int64_t rows, int64_t cols) {
  FxTensor t = {data, dtype, cols ? 2 : 1, {rows, cols}, {cols, 1}};
  if (!cols) {
    t.sizes[0] = rows;
    t.strides[0] = 1;
  }
  return t;
}

static void *filled(size_t n, int dtype) {
  size_t elem = fxDtypeSize(dtype);
  char *p = malloc(n * elem);
  for (size_t i = 0; p && i < n; ++i)
    fxStoreF32(p + i * elem, dtype, (float)((i * 2654435761u) % 1000) / 500.0f - 1.0f);
  return p;
}

typedef struct Case {
  const char *name;
  double bytes; /* read + written once */
} Case;

int main(int argc, char **argv) {
  int64_t rows = argc > 1 ? atoll(argv[1]) : 4096;
  int64_t cols = argc > 2 ? atoll(argv[2]) : 4096;
  int reps = argc > 3 ? atoi(argv[3]) : 5;
  size_t n = (size_t)(rows * cols);
  void *x = filled(n, FX_DTYPE_F16), *res = filled(n, FX_DTYPE_F16);
  void *out = filled(n, FX_DTYPE_F16), *w = filled((size_t)cols, FX_DTYPE_F16);
  void *gu = filled(2 * n, FX_DTYPE_F16), *q8 = calloc(n, 1);
  float scale = 0.05f, tokScale[1], dynScale = 0.0f;
  float *tok = malloc((size_t)rows * sizeof(float));
  (void)tokScale;
  FxTensor X = tensor(x, FX_DTYPE_F16, rows, cols), R = tensor(res, FX_DTYPE_F16, rows, cols);
  FxTensor O = tensor(out, FX_DTYPE_F16, rows, cols), W = tensor(w, FX_DTYPE_F16, cols, 0);
  FxTensor GU = tensor(gu, FX_DTYPE_F16, rows, 2 * cols);
  FxTensor Q = tensor(q8, FX_DTYPE_F8E4M3FN, rows, cols);
  FxTensor S = tensor(&scale, FX_DTYPE_F32, 1, 0);
  FxTensor D = tensor(&dynScale, FX_DTYPE_F32, 1, 0);
  FxTensor T = tensor(tok, FX_DTYPE_F32, rows, 1);
  double h = (double)n * 2; /* bytes of one f16 tensor */

  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    double t0 = now();
    memcpy(out, x, n * 2);
    double dt = now() - t0;
    best = dt < best ? dt : best;
  }
  double memcpyGBs = 2 * h / best / 1e9;
  printf("| kernel (%lld x %lld) | GB/s | %% of memcpy |\n|---|---|---|\n",
         (long long)rows, (long long)cols);
  printf("| memcpy | %.1f | 100 |\n", memcpyGBs);

#define BENCH(label, traffic, call)                                            \
  do {                                                                         \
    double b = 1e30;                                                           \
    for (int r = 0; r < reps; ++r) {                                           \
      double t0 = now();                                                       \
      call;                                                                    \
      double dt = now() - t0;                                                  \
      b = dt < b ? dt : b;                                                     \
    }                                                                          \
    double gbs = (traffic) / b / 1e9;                                          \
    printf("| %s | %.1f | %.0f |\n", label, gbs, 100 * gbs / memcpyGBs);      \
  } while (0)

  BENCH("rms_norm f16", 2 * h, fxrt__C__rms_norm(&O, &X, &W, 1e-6));
  BENCH("fused_add_rms_norm f16", 4 * h,
        fxrt__C__fused_add_rms_norm(&X, &R, &W, 1e-6));
  BENCH("silu_and_mul f16", 3 * h, fxrt__C__silu_and_mul(&O, &GU));
  BENCH("static_scaled_fp8_quant f16", 1.5 * h,
        fxrt__C__static_scaled_fp8_quant(&Q, &X, &S));
  BENCH("dynamic_per_token_scaled_fp8_quant f16", 1.5 * h,
        fxrt__C__dynamic_per_token_scaled_fp8_quant(&Q, &X, &T, NULL));
  BENCH("rms_norm_static_fp8_quant f16", 1.5 * h,
        fxrt__C__rms_norm_static_fp8_quant(&Q, &X, &W, &S, 1e-6));
  BENCH("fused_add_rms_norm_static_fp8_quant f16", 3.5 * h,
        fxrt__C__fused_add_rms_norm_static_fp8_quant(&Q, &X, &R, &W, &S, 1e-6));
  /* Reads the input twice (max, then quantize); counted once. */
  BENCH("dynamic_scaled_fp8_quant f16", 1.5 * h,
        fxrt__C__dynamic_scaled_fp8_quant(&Q, &X, &D));
  BENCH("rms_norm_dynamic_per_token_quant f16 (fp8)", 1.5 * h,
        fxrt__C__rms_norm_dynamic_per_token_quant(&Q, &X, &W, &T, 1e-6, NULL, NULL));
  free(x); free(res); free(out); free(w); free(gu); free(q8); free(tok);
  return 0;
}
