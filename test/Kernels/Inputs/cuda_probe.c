/* cuda_probe.c - exits 0 when libfxrt can run kernels on a GPU in this
 * process (fxrt_set_device(FX_DEVICE_CUDA) succeeds), 1 otherwise.  lit
 * runs it to set the cuda-device feature (test/lit.cfg.py). */
#include "fxrt.h"

int main(void) { return fxrt_set_device(FX_DEVICE_CUDA) == 0 ? 0 : 1; }
