// The generic form still parses, to the same IR the custom form gives: every
// op below reads generically and prints in its custom form; an op whose
// operand slots are not filled in order has no custom spelling and keeps
// printing generically, so printing never changes the IR.
// RUN: fx-opt %s | FileCheck %s
// RUN: fx-opt %s | fx-opt | FileCheck %s
// RUN: fx-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: fx-opt %s | fx-opt --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK: fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x) -> ()"
"fx.schema"() {name = "mylib::scale_", signature = "scale_(Tensor! out, Tensor x) -> ()"} : () -> ()

// CHECK-LABEL: func.func @each_op
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[W:[^:]*]]: !fx.tensor<[4096], f16>
func.func @each_op(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  // CHECK: %[[R:.*]] = fx.reshape %[[X]], shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %r = "fx.reshape"(%x) {shape = [-1, 128, 32]} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  // CHECK: %[[V:.*]] = fx.view %[[R]], shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %v = "fx.view"(%r) {shape = ["s0", 4096]} : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 4096], f16>
  // CHECK: %[[S:.*]] = fx.slice %[[V]], dim = 1, start = 0, end = 2048, step = 1 : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 2048], f16>
  %s = "fx.slice"(%v) {dim = 1 : i64, start = 0 : i64, end = 2048 : i64, step = 1 : i64} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 2048], f16>
  // CHECK: %[[B:.*]] = fx.slice_scatter %[[X]], %[[S]], dim = 1, start = 2048, end = 4096, step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 2048], f16>) -> !fx.tensor<["s0", 4096], f16>
  %b = "fx.slice_scatter"(%x, %s) {dim = 1 : i64, start = 2048 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 2048], f16>) -> !fx.tensor<["s0", 4096], f16>
  // CHECK: %[[E:.*]] = fx.call "aten::empty"() {dtype = f16, size = ["s0", 4096]} : () -> !fx.tensor<["s0", 4096], f16>
  %e = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 4096], dtype = f16}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : () -> !fx.tensor<["s0", 4096], f16>
  // CHECK: %[[N:.*]]:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %[[B]], residual = %[[E]], weight = %[[W]]) {epsilon = 9.9999999999999995E-7 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %n:2 = "fx.auto_functionalized"(%b, %e, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  // CHECK: fx.call "mylib::scale_"(out = %[[E]], x = %[[N]]#0) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  "fx.call"(%e, %n#0) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  // CHECK: return %[[N]]#1
  return %n#1 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @slots_not_in_order
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<[4], f32>
func.func @slots_not_in_order(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // CHECK: "fx.call"(%[[X]]) {arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, target = "aten::clone"}
  %c = "fx.call"(%x) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// The generic printer still prints segment sizes, sorted attributes.
// GENERIC: "fx.schema"() {name = "mylib::scale_"
// GENERIC: "fx.reshape"(%{{.*}}) {shape = [-1, 128, 32]}
// GENERIC: "fx.auto_functionalized"({{.*}}) {arg_names = ["input", "residual", "weight"], args = {epsilon = 9.9999999999999995E-7 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>, target = "_C::fused_add_rms_norm"}
