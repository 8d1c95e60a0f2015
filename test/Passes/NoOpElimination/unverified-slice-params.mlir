// fx-noop-elimination (and fx-fix-functionalization's scatter-back check)
// on an fx.slice or slice_scatter missing a parameter the verifier requires
// (IR it has not seen: --mlir-very-unsafe-disable-verifier-on-parsing, or
// built through the C API).  Each read the missing attribute and crashed;
// now a parameter it cannot read means "not provably a no-op", and the op
// stays.  The types of each case claim a no-op (or a scatter back of what
// its slice read), so a pass that guessed the parameter would erase it.
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' --mlir-print-op-generic | FileCheck %s
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' --mlir-print-op-generic | FileCheck %s
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce))' --mlir-print-op-generic | FileCheck %s

// CHECK-LABEL: sym_name = "negative_slice_no_dim"
// CHECK: "fx.slice"
func.func @negative_slice_no_dim(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice"(%x) {start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: sym_name = "negative_scatter_no_dim"
// CHECK: "fx.slice_scatter"
func.func @negative_scatter_no_dim(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice_scatter"(%x, %y) {start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: sym_name = "negative_slice_no_step"
// CHECK: "fx.slice"
func.func @negative_slice_no_step(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice"(%x) {dim = 0 : i64, start = 0 : i64, end = 4 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: sym_name = "negative_slice_no_start"
// CHECK: "fx.slice"
func.func @negative_slice_no_start(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice"(%x) {dim = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: sym_name = "negative_slice_no_end"
// CHECK: "fx.slice"
func.func @negative_slice_no_end(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice"(%x) {dim = 0 : i64, start = 0 : i64, step = 1 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: sym_name = "negative_slice_dim_out_of_range"
// CHECK: "fx.slice"
func.func @negative_slice_dim_out_of_range(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = "fx.slice"(%x) {dim = 3 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// The slice that reads what the scatter writes back has no dim.
// CHECK-LABEL: sym_name = "negative_scatter_back_slice_no_dim"
// CHECK: "fx.slice_scatter"
func.func @negative_scatter_back_slice_no_dim(%x: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %s = "fx.slice"(%a) {start = 1 : i64, end = 3 : i64, step = 1 : i64} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %r = "fx.slice_scatter"(%a, %s) {dim = 0 : i64, start = 1 : i64, end = 3 : i64, step = 1 : i64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// -----

// The scatter has no dim.
// CHECK-LABEL: sym_name = "negative_scatter_back_no_dim"
// CHECK: "fx.slice_scatter"
func.func @negative_scatter_back_no_dim(%x: !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %s = "fx.slice"(%a) {dim = 0 : i64, start = 1 : i64, end = 3 : i64, step = 1 : i64} : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %r = "fx.slice_scatter"(%a, %s) {start = 1 : i64, end = 3 : i64, step = 1 : i64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}
