// The functional form of copying-reshape.mlir's first case, in the order
// fx-fix-functionalization then fx-noop-elimination: the write becomes in
// place between the two reshapes, and the second reshape must stay (F1).
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization,fx-noop-elimination))' | FileCheck %s

fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @fix_then_noop
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.call "t::w"(out = %[[Y]])
// CHECK: fx.reshape %[[Y]],
func.func @fix_then_noop(%A: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %n = fx.auto_functionalized "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32> loc("writer")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %n, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
