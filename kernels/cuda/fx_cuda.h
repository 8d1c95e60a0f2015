/* fx_cuda.h - the CUDA half of libfxrt as its C half sees it (internal: the
 * library exports none of this, see fxrt.map).
 *
 * Dispatch (DESIGN §4, docs/runtime.md "CUDA"): a kernel entry validates its
 * tensors in C exactly as for the CPU, then FX_CUDA_DISPATCH asks where the
 * data lives.  All on one GPU: the launcher below runs the CUDA kernel (on
 * the legacy default stream, asynchronously) and the entry returns.  All in
 * host memory: the C implementation runs.  Both: one error line, nothing is
 * written.  In a process where CUDA is unusable (no driver, no GPU, any
 * CUDA error while finding out) everything is host memory.
 *
 * Without FXRT_HAVE_CUDA (FX_CUDA=OFF) the runtime queries below are inline
 * stubs that say "host" and FX_CUDA_DISPATCH expands to nothing, so the C
 * files need no #ifdefs of their own.
 */
#ifndef FX_CUDA_H
#define FX_CUDA_H

#include "fxrt.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef FXRT_HAVE_CUDA

/*===-- Runtime -------------------------------------------------------------===*/

/* 1 when this process can use a GPU: a driver is present and at least one
 * device is visible.  Asked once (cudaGetDeviceCount), then cached. */
int fxCudaUsable(void);
/* fxrt_device_status's line (see fxrt.h). */
const char *fxCudaStatus(void);
/* Ordinal of the GPU owning `p` (device or managed memory), or -1 for host
 * memory (pageable or pinned), for NULL, and always when CUDA is unusable. */
int fxCudaDeviceOf(const void *p);
/* Where the kernel operands `ts[0..n)` live; NULL entries and empty tensors
 * do not count.  Returns 0 (host), 1 (all on one GPU, which is made the
 * current device), or -1 after reporting operands on both sides or on two
 * GPUs. */
int fxCudaWhere(const char *kernel, const FxTensor *const *ts, int n);
/* `bytes` of zeroed memory on the current GPU, or NULL after reporting. */
void *fxCudaAlloc(const char *kernel, int64_t bytes);
void fxCudaFree(void *p);
/* Copies validated same-shape, same-dtype tensors of which at least one is
 * on a GPU: host<->device and device<->device, any strides. */
void fxCudaCopy(const char *kernel, const FxTensor *dst, const FxTensor *src);

#else /* !FXRT_HAVE_CUDA */

static inline int fxCudaUsable(void) { return 0; }
static inline const char *fxCudaStatus(void) {
  return "libfxrt was built without CUDA";
}
static inline int fxCudaDeviceOf(const void *p) {
  (void)p;
  return -1;
}
static inline void *fxCudaAlloc(const char *kernel, int64_t bytes) {
  (void)kernel;
  (void)bytes;
  return 0;
}
static inline void fxCudaFree(void *p) { (void)p; }
static inline void fxCudaCopy(const char *kernel, const FxTensor *dst,
                              const FxTensor *src) {
  (void)kernel;
  (void)dst;
  (void)src;
}

#endif /* FXRT_HAVE_CUDA */

/*===-- Kernel launchers (the .cu files) -----------------------------------===*/

/* Each takes the tensors its C kernel validated, plus what the validation
 * derived, and reports CUDA errors itself (one line, like any fxrt error).
 * `kernel` names the fxrt entry for messages. */

/* rms_norm, fused_add_rms_norm and the static-fp8 variants (layernorm.c's
 * fxRmsNormRows): `result` NULL writes `input`; `residual` selects the fused
 * add; `scale` (1 fp32 element) selects the fp8 output; `weight` may be
 * NULL (weightless norm). */
void fxCudaRmsNorm(const char *kernel, const FxTensor *result,
                   const FxTensor *input, const FxTensor *residual,
                   const FxTensor *weight, const FxTensor *scale,
                   double epsilon, int64_t hidden);
void fxCudaRmsNormDynamicQuant(const char *kernel, const FxTensor *result,
                               const FxTensor *input, const FxTensor *weight,
                               const FxTensor *scale, double epsilon,
                               const FxTensor *scaleUb,
                               const FxTensor *residual, int64_t hidden);
/* `scale` NULL: silu_and_mul; else silu_and_mul_quant.  d = output width. */
void fxCudaSiluAndMul(const char *kernel, const FxTensor *result,
                      const FxTensor *input, const FxTensor *scale, int64_t d);
/* Heads of query/key as rotary.c found them (key NULL when absent).
 * Positions are range-checked on the GPU before anything is written. */
void fxCudaRotary(const char *kernel, const FxTensor *positions,
                  const FxTensor *query, int64_t qHeads, int64_t qHeadStride,
                  int64_t qElemStride, const FxTensor *key, int64_t kHeads,
                  int64_t kHeadStride, int64_t kElemStride,
                  const FxTensor *cosSinCache, int64_t ropeDimOffset,
                  int isNeox, int inverse);
void fxCudaStaticQuant(const char *kernel, const FxTensor *result,
                       const FxTensor *input, const FxTensor *scale);
void fxCudaDynamicQuant(const char *kernel, const FxTensor *result,
                        const FxTensor *input, const FxTensor *scale);
void fxCudaPerTokenQuant(const char *kernel, const FxTensor *result,
                         const FxTensor *input, const FxTensor *scale,
                         const FxTensor *scaleUb);
/* out = op(a, b) with a/b walked by `aStrides`/`bStrides` (element strides
 * over out's dims, 0 where broadcast); b NULL for cos.  op: 0 add
 * (a + alpha*b), 1 mul, 2 cos (aten.c's FxElementwiseOp).  Each input is
 * first rounded to its cast dtype (the op's common dtype, or f32 for a
 * Scalar read at fp32), as the CPU engine casts it (elementwise.c). */
void fxCudaElementwise(const char *kernel, const FxTensor *out,
                       const FxTensor *a, const int64_t *aStrides,
                       const FxTensor *b, const int64_t *bStrides, int op,
                       float alpha, int32_t aCast, int32_t bCast);
/* out = self @ mat2 through cuBLAS (validated shapes). */
void fxCudaMatmul(const char *kernel, const FxTensor *out, const FxTensor *self,
                  const FxTensor *mat2);
/* _scaled_mm: scales of 1 or M (N) elements, optional bias [N], and
 * scaleResult non-NULL only for an fp8 out. */
void fxCudaScaledMatmul(const char *kernel, const FxTensor *out,
                        const FxTensor *self, const FxTensor *mat2,
                        const FxTensor *scaleA, const FxTensor *scaleB,
                        const FxTensor *bias, const FxTensor *scaleResult);

#ifdef __cplusplus
}
#endif

#ifdef FXRT_HAVE_CUDA
/* In a kernel entry, after validation and before the first access to
 * tensor data: runs `launch` and returns when the tensors listed after it
 * are on a GPU, returns when they are mixed (reported), and falls through
 * to the C implementation for host data. */
#define FX_CUDA_DISPATCH(kernel, launch, ...)                                  \
  do {                                                                         \
    const FxTensor *const fxOps_[] = {__VA_ARGS__};                            \
    int fxWhere_ = fxCudaWhere(                                                \
        (kernel), fxOps_, (int)(sizeof fxOps_ / sizeof fxOps_[0]));            \
    if (fxWhere_ < 0)                                                          \
      return;                                                                  \
    if (fxWhere_ > 0) {                                                        \
      launch;                                                                  \
      return;                                                                  \
    }                                                                          \
  } while (0)
#else
#define FX_CUDA_DISPATCH(kernel, launch, ...)                                  \
  do {                                                                         \
  } while (0)
#endif

#endif /* FX_CUDA_H */
