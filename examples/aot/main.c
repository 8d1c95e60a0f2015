/* main.c - calls an fx graph compiled ahead of time (rms_norm.mlir) and
 * linked with libfxrt: memref descriptors in, a descriptor out. */
#include "fxrt.h"

#include <math.h>
#include <stdio.h>

typedef struct MemRef2 {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2;
typedef struct MemRef1 {
  float *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} MemRef1;

void _mlir_ciface_norm(MemRef2 *result, MemRef2 *x, MemRef1 *w);

int main(void) {
  float x[2][8], w[8];
  for (int i = 0; i < 8; ++i) {
    x[0][i] = (float)(i + 1);
    x[1][i] = -2.0f;
    w[i] = 0.5f;
  }
  MemRef2 in = {&x[0][0], &x[0][0], 0, {2, 8}, {8, 1}};
  MemRef1 weight = {w, w, 0, {8}, {1}};
  MemRef2 out;
  _mlir_ciface_norm(&out, &in, &weight);
  /* A kernel or run-time check that failed leaves its error here (fxrt.h,
   * "Errors"); the results must not be used then. */
  if (fxrt_get_error()) {
    const char *at = fxrt_get_error_location();
    fprintf(stderr, "aot: %s%s%s\n", at ? at : "", at ? ": " : "", fxrt_get_error());
    return 1;
  }
  /* Row 1 is constant: rms = 2, so every output is -2 / 2 * 0.5 = -0.5. */
  int bad = 0;
  for (int r = 0; r < 2; ++r) {
    double sumsq = 0;
    for (int i = 0; i < 8; ++i)
      sumsq += (double)x[r][i] * x[r][i];
    double inv = 1.0 / sqrt(sumsq / 8 + 1e-6);
    for (int i = 0; i < 8; ++i) {
      float got = out.aligned[out.offset + r * out.strides[0] + i * out.strides[1]];
      bad += fabs(got - x[r][i] * inv * 0.5) > 1e-5;
    }
  }
  FxStats s = fxrt_get_stats();
  printf("aot: %s, %lld allocations, %lld copies\n", bad ? "WRONG" : "ok",
         (long long)s.allocations, (long long)s.copies);
  fxrt_release_all();
  return bad != 0;
}
