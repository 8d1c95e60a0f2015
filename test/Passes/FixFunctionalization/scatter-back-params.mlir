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
// CHECK: "fx.slice_scatter"
func.func @negative_other_step(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = "fx.slice"(%b) {dim = 0 : i64, start = 0 : i64, end = 5 : i64, step = 3 : i64} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %s = "fx.slice_scatter"(%b, %v) {dim = 0 : i64, start = 0 : i64, end = 5 : i64, step = 4 : i64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = "fx.call"(%s) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// Rows 1 and 3 written to rows 2 and 4.
// CHECK-LABEL: func.func @negative_other_start
// CHECK: "fx.slice_scatter"
func.func @negative_other_start(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = "fx.slice"(%b) {dim = 0 : i64, start = 1 : i64, end = 5 : i64, step = 2 : i64} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %s = "fx.slice_scatter"(%b, %v) {dim = 0 : i64, start = 2 : i64, end = 5 : i64, step = 2 : i64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = "fx.call"(%s) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// The same parameters: a scatter-back, removed.
// CHECK-LABEL: func.func @same_params
// CHECK-NOT: "fx.slice_scatter"
// CHECK: return
func.func @same_params(%a: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %v = "fx.slice"(%b) {dim = 0 : i64, start = 1 : i64, end = 5 : i64, step = 2 : i64} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %s = "fx.slice_scatter"(%b, %v) {dim = 0 : i64, start = 1 : i64, end = 5 : i64, step = 2 : i64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = "fx.call"(%s) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}
