// A scatter-back is a slice_scatter that writes back exactly what a slice
// of its base read: same dim, start, end and step.  Slices that select the
// same number of rows with another step or start write other rows, and
// the scatter stays.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: fx-run %s --entry=negative_other_step -O0 --check-passes | FileCheck %s --check-prefix=EXEC
// RUN: fx-run %s --entry=negative_other_start -O0 --check-passes | FileCheck %s --check-prefix=EXEC
// EXEC: out0: bit-identical

// Rows 0 and 3 written to rows 0 and 4.
// CHECK-LABEL: func.func @negative_other_step
// CHECK: fx.slice_scatter
func.func @negative_other_step(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = fx.slice %b, dim = 0, start = 0, end = 5, step = 3 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[2, 4], f32>
  %s = fx.slice_scatter %b, %v, dim = 0, start = 0, end = 5, step = 4 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// Rows 1 and 3 written to rows 2 and 4.
// CHECK-LABEL: func.func @negative_other_start
// CHECK: fx.slice_scatter
func.func @negative_other_start(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = fx.slice %b, dim = 0, start = 1, end = 5, step = 2 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[2, 4], f32>
  %s = fx.slice_scatter %b, %v, dim = 0, start = 2, end = 5, step = 2 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// The same parameters: a scatter-back, removed.
// CHECK-LABEL: func.func @same_params
// CHECK-NOT: fx.slice_scatter
// CHECK: return
func.func @same_params(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = fx.slice %b, dim = 0, start = 1, end = 5, step = 2 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[2, 4], f32>
  %s = fx.slice_scatter %b, %v, dim = 0, start = 1, end = 5, step = 2 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}
