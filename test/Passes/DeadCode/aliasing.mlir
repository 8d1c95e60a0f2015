// fx-dce keeps a write into storage an op may return an alias of: here a
// func.call result that is the caller's own buffer.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-dce))' | FileCheck %s

func.func @id(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %t : !fx.tensor<[8, 4], f32>
}

// CHECK-LABEL: func.func @func_call_result
// CHECK: call @id
// CHECK: _C::rms_norm
func.func @func_call_result(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = func.call @id(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::rms_norm"(result = %y, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  return %b : !fx.tensor<[8, 4], f32>
}

// A func.call without results may write its operands: it stays.
// CHECK-LABEL: func.func @void_call_kept
// CHECK: call @writes_arg
func.func @writes_arg(%t: !fx.tensor<[4, 4], f32>) {
  return
}

func.func @void_call_kept(%a: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  func.call @writes_arg(%b) : (!fx.tensor<[4, 4], f32>) -> ()
  %r = fx.call "aten::clone"(self = %b) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}
