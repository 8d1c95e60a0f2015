// aten::as_strided addresses its input through the input's strides: like an
// fx.view, it sees a layout change, so a new value (fresh and contiguous)
// viewed by as_strided is not replaced by an operand not known to be
// contiguous, nor is a scatter-back's result.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// CHECK-LABEL: func.func @negative_new_value_as_strided
// CHECK: aten::clone
func.func @negative_new_value_as_strided(%buf: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[2, 2], f32> {
  %s = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its new value is viewed at loc("strided") (aten::as_strided) and the operand is not known to be contiguous}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %s, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %a = fx.call "aten::as_strided"(self = %n) {size = [2, 2], stride = [4, 1], storage_offset = 4} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32> loc("strided")
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  return %c : !fx.tensor<[2, 2], f32>
}
