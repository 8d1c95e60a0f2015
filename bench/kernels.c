/* kernels.c - bandwidth of libfxrt's CPU kernels next to memcpy, and
 * aten::mm next to OpenBLAS's own cblas_sgemm (bench/kernels).
 *
 * Each row kernel runs on a large tensor (default 4096 x 4096); GB/s counts
 * the bytes the kernel must read and write once.  memcpy of the same input
 * size is measured in the same run, so the ratio does not depend on the
 * machine.  Best of `reps` runs.  Prints markdown tables.
 *
 * mm: fxrt_aten__mm on self [M, K] and a t() view of a weight [N, K] (how
 * linear layers multiply) in f32, f16 and bf16, against cblas_sgemm on the
 * same shapes in f32 (NoTrans, Trans), timed alternately in one loop so
 * that both see the same machine.  The 16-bit rows count their widening
 * to fp32 and the rounding of the result: the whole call. */
#define _POSIX_C_SOURCE 200809L
#include "common/fx_math.h"
#include "fxrt.h"

#include <cblas.h>

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

/* One mm case: dtype, and whether mat2 is a t() view of a weight [N, K]
 * (column-major, what cblas_sgemm gets in place) or a row-major [K, N]
 * weight (which fxCpuGemm copies into a column-major panel first). */
typedef struct MmCase {
  int dtype;
  const char *name;
  int rowMajor;
} MmCase;

/* GFLOP/s of fxrt_aten__mm and of cblas_sgemm on the same shapes and
 * layouts, the BLAS on f32 data. */
static void benchMatmul(int reps) {
  static const int64_t shapes[][3] = {{512, 4096, 4096}, {8, 4096, 4096}};
  static const MmCase cases[] = {{FX_DTYPE_F32, "f32", 0},
                                 {FX_DTYPE_F16, "f16", 0},
                                 {FX_DTYPE_BF16, "bf16", 0},
                                 {FX_DTYPE_F32, "f32", 1},
                                 {FX_DTYPE_BF16, "bf16", 1}};
  printf("\n| mm M x K x N | dtype | mat2 | fxrt_aten__mm GFLOP/s | cblas_sgemm "
         "f32 GFLOP/s | ratio |\n|---|---|---|---|---|---|\n");
  for (int s = 0; s < 2; s++) {
    int64_t m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
    float *a32 = filled((size_t)(m * k), FX_DTYPE_F32);
    float *w32 = filled((size_t)(n * k), FX_DTYPE_F32);
    float *c32 = malloc((size_t)(m * n) * sizeof(float));
    double flop = 2.0 * (double)m * (double)k * (double)n;
    for (size_t d = 0; d < sizeof cases / sizeof cases[0]; d++) {
      const MmCase *mc = &cases[d];
      void *a = filled((size_t)(m * k), mc->dtype);
      void *w = filled((size_t)(n * k), mc->dtype);
      void *c = malloc((size_t)(m * n) * fxDtypeSize(mc->dtype));
      FxTensor A = tensor(a, mc->dtype, m, k), C = tensor(c, mc->dtype, m, n);
      FxTensor B = {w, mc->dtype, 2, {k, n}, {1, k}}; /* t() of [n, k] */
      if (mc->rowMajor)
        B.strides[0] = n, B.strides[1] = 1;
      fxrt_aten__mm(&C, &A, &B); /* warm up; sets the BLAS's threads */
      double ours = 1e30, blas = 1e30;
      for (int r = 0; r < reps; ++r) {
        double t0 = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans,
                    mc->rowMajor ? CblasNoTrans : CblasTrans, (int)m, (int)n,
                    (int)k, 1.0f, a32, (int)k, w32, mc->rowMajor ? (int)n : (int)k,
                    0.0f, c32, (int)n);
        double t1 = now();
        fxrt_aten__mm(&C, &A, &B);
        double t2 = now();
        blas = t1 - t0 < blas ? t1 - t0 : blas;
        ours = t2 - t1 < ours ? t2 - t1 : ours;
      }
      printf("| %lld x %lld x %lld | %s | %s | %.1f | %.1f | %.2f |\n",
             (long long)m, (long long)k, (long long)n, mc->name,
             mc->rowMajor ? "[K, N]" : "t([N, K])", flop / ours / 1e9,
             flop / blas / 1e9, blas / ours);
      free(a);
      free(w);
      free(c);
    }
    free(a32);
    free(w32);
    free(c32);
  }
  printf("\nOpenBLAS: %s; core %s, %d threads\n", openblas_get_config(),
         openblas_get_corename(), openblas_get_num_threads());
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
  benchMatmul(reps);
  return 0;
}
