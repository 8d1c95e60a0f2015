// UNSUPPORTED: cuda-device
// RUN: fx-kernels-cuda_absent-test 2>&1 | FileCheck %s

/* cuda_absent.c - a process that cannot use CUDA (no driver or no GPU, as
 * on this machine) never fails because of it, whether or not libfxrt was
 * built with CUDA: fxrt_set_device(FX_DEVICE_CUDA) returns -1 without a
 * message, every pointer is host memory, and kernels, allocation and
 * copies take the C path silently.  (The kernel tests beside this file
 * check the C kernels' results in the same library.) */
#include "fxtest.h"

int main(void) {
  fxtestBegin();
  // CHECK-LABEL: device
  printf("device\n");
  EXPECT(fxrt_get_device() == FX_DEVICE_CPU);
  EXPECT(fxrt_set_device(FX_DEVICE_CUDA) == -1);
  EXPECT(fxrt_set_device(FX_DEVICE_CUDA) == -1); /* the answer is cached */
  EXPECT(fxrt_get_device() == FX_DEVICE_CPU);
  EXPECT(fxrt_set_device((FxDevice)7) == -1);
  EXPECT(fxrt_set_device(FX_DEVICE_CPU) == 0);
  int onHost = 0; /* without a GPU, every pointer is host memory */
  EXPECT(fxrt_device_of(&onHost) == FX_DEVICE_CPU);
  EXPECT(fxrt_device_of(NULL) == FX_DEVICE_CPU);
  /* ...and says why, when asked: a CUDA error with both versions, or a
   * build without CUDA. */
  printf("status: %s\n", fxrt_device_status());
  // CHECK-NEXT: status: {{CUDA: .* \(driver .*, runtime [0-9]+\.[0-9]+\)|CUDA: no device visible .*|libfxrt was built without CUDA}}

  /* fxrt_alloc: host memory, zeroed, usable from the CPU. */
  FxMemRefI8 m;
  _mlir_ciface_fxrt_alloc(&m, 256);
  int zero = m.aligned != NULL;
  for (int i = 0; zero && i < 256; i++)
    zero = m.aligned[i] == 0;
  EXPECT(zero);
  memset(m.aligned, 0x5A, 256);

  /* A kernel and a copy on that memory take the C path. */
  int64_t in[2] = {2, 4}, out[2] = {2, 2};
  TT x = ttContig(FX_DTYPE_F32, 2, in);
  float vals[8] = {0.0f, 1.0f, -2.0f, 3.0f, 2.0f, 2.0f, 0.5f, -1.0f};
  memcpy(x.t.data, vals, sizeof vals);
  FxTensor y = x.t;
  y.data = m.aligned;
  y.sizes[1] = 2;
  y.strides[0] = 2;
  fxrt__C__silu_and_mul(&y, &x.t);
  float r[4];
  memcpy(r, m.aligned, sizeof r);
  /* rows {0, 1 | -2, 3} and {2, 2 | 0.5, -1}: silu(gate) * up */
  EXPECT(r[0] == 0.0f);
  EXPECT(fabs(r[1] - 1.0 / (1.0 + exp(-1.0)) * 3.0) < 1e-6);
  EXPECT(fabs(r[2] - 2.0 / (1.0 + exp(-2.0)) * 0.5) < 1e-6);
  EXPECT(fabs(r[3] + 2.0 / (1.0 + exp(-2.0))) < 1e-6);
  TT z = ttContig(FX_DTYPE_F32, 2, out);
  fxrt_copy_tensor(&z.t, &y);
  EXPECT(memcmp(z.t.data, r, sizeof r) == 0);
  fxrt_release_all();
  ttFree(&x);
  ttFree(&z);
  // CHECK-NOT: fxrt:
  // CHECK: cuda_absent: {{[0-9]+}} checks passed
  return fxtestFinish("cuda_absent");
}
