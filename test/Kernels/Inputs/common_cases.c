/* common_cases.c - the C compiler's copy of kernels/common/ (through
 * common_cases.h), built with libfxrt's C flags, for the comparison in
 * test/Kernels/common_nvcc.cu. */
#include "common_cases.h"

void fxcEvalC(int c, int64_t n, const uint32_t *w0, const uint32_t *w1,
              const uint32_t *w2, const uint32_t *w3, uint64_t *out);

void fxcEvalC(int c, int64_t n, const uint32_t *w0, const uint32_t *w1,
              const uint32_t *w2, const uint32_t *w3, uint64_t *out) {
  int64_t count = fxcCount(c, n);
  for (int64_t i = 0; i < count; i++)
    out[i] = fxcCase(c, i, w0[i], w1[i], w2[i], w3[i]);
}
