// fx-run --device=cuda without a usable GPU (this machine: no driver) is an
// error that says why, from libfxrt's fxrt_device_status().
// UNSUPPORTED: cuda-device
// RUN: not fx-run %s --sym=s0=2 --device=cuda 2>&1 | FileCheck %s
// CHECK: fx-run: error: --device=cuda: no usable CUDA device in this process ({{CUDA: .*|libfxrt was built without CUDA}})

func.func @copy(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return %c : !fx.tensor<["s0", 4], f32>
}
