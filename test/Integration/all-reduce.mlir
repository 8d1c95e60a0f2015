// vllm::all_reduce in libfx_vllm_refops: one process is a group of world
// size 1, so the result is a copy of the tensor (any strides: here a
// transposed view of a new tensor).
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=identity --check-passes --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t | FileCheck %s
// RUN: cmp %t/out0.npy %t/out1.npy
// RUN: not fx-run %s --entry=bad_shape --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: out0: bit-identical
// CHECK: out1: bit-identical
func.func @identity(%x: !fx.tensor<[3, 5], bf16>) -> (!fx.tensor<[5, 3], bf16>, !fx.tensor<[5, 3], bf16>) {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 5], bf16>) -> !fx.tensor<[3, 5], bf16>
  %t = fx.call "aten::t"(self = %c) : (!fx.tensor<[3, 5], bf16>) -> !fx.tensor<[5, 3], bf16>
  %r = fx.call "vllm::all_reduce"(tensor = %t) {group_name = "tp:0"} : (!fx.tensor<[5, 3], bf16>) -> !fx.tensor<[5, 3], bf16>
  return %r, %t : !fx.tensor<[5, 3], bf16>, !fx.tensor<[5, 3], bf16>
}

// The schema says nothing of the result's shape; the reference checks it.
// BAD: fxrt_vllm__all_reduce: 'tensor' and the result differ in dim 0 (5, 3)
func.func @bad_shape(%x: !fx.tensor<[5, 3], f32>) -> !fx.tensor<[3, 5], f32> {
  %r = fx.call "vllm::all_reduce"(tensor = %x) {group_name = "tp:0"} : (!fx.tensor<[5, 3], f32>) -> !fx.tensor<[3, 5], f32>
  return %r : !fx.tensor<[3, 5], f32>
}
