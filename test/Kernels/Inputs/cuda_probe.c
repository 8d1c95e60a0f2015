/* cuda_probe.c - exits 0 when libfxrt can run kernels on a GPU in this
 * process (fxrt_set_device(FX_DEVICE_CUDA) succeeds), 1 otherwise, and
 * prints why (fxrt_device_status).  lit runs it to set the cuda-device
 * feature (test/lit.cfg.py); gpu-check runs it first. */
#include "fxrt.h"

#include <stdio.h>

int main(void) {
  int ok = fxrt_set_device(FX_DEVICE_CUDA) == 0;
  printf("%s\n", fxrt_device_status());
  return ok ? 0 : 1;
}
