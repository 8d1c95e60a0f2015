// The custom form of every fx op: what is printed parses back to the same
// IR (print -> parse -> print), and the generic form of the same IR reads
// back to the same custom form.
// RUN: fx-opt %s | FileCheck %s
// RUN: fx-opt %s | fx-opt | FileCheck %s
// RUN: fx-opt %s --mlir-print-op-generic | fx-opt | FileCheck %s

// CHECK: fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x, float alpha=1.0) -> ()"
fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x, float alpha=1.0) -> ()"

// CHECK-LABEL: func.func @views
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>
func.func @views(%x: !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 4096], f16>) {
  // CHECK: %[[R:.*]] = fx.reshape %[[X]], shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %r = fx.reshape %x, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  // CHECK: fx.view %[[R]], shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %v = fx.view %r, shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  return %r, %v : !fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 4096], f16>
}

// Integer, negative, "to the end" and symbolic slice parameters; another
// attribute rides along after `attributes`.
// CHECK-LABEL: func.func @slices
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 8], f32>, %[[Y:[^:]*]]: !fx.tensor<["s1", 8], f32>
func.func @slices(%x: !fx.tensor<["s0", 8], f32>, %y: !fx.tensor<["s1", 8], f32>) -> (!fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 2], f32>, !fx.tensor<["s1", 8], f32>, !fx.tensor<["s0", 8], f32>) {
  // CHECK: %[[A:.*]] = fx.slice %[[X]], dim = 1, start = 0, end = 8, step = 2 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 4], f32>
  %a = fx.slice %x, dim = 1, start = 0, end = 8, step = 2 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 4], f32>
  // CHECK: fx.slice %[[X]], dim = -1, start = -2, end = 9223372036854775807, step = 1 attributes {note = "kept"} : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 2], f32>
  %b = fx.slice %x, dim = -1, start = -2, end = 9223372036854775807, step = 1 attributes {note = "kept"} : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 2], f32>
  // CHECK: fx.slice %[[X]], dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s1", 8], f32>
  %c = fx.slice %x, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s1", 8], f32>
  // CHECK: fx.slice_scatter %[[X]], %[[A]], dim = 1, start = 0, end = 8, step = 2 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 8], f32>
  %d = fx.slice_scatter %x, %a, dim = 1, start = 0, end = 8, step = 2 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 8], f32>
  return %a, %b, %c, %d : !fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 2], f32>, !fx.tensor<["s1", 8], f32>, !fx.tensor<["s0", 8], f32>
}

// Calls: parameter names beside the operands, the args dictionary only
// when not empty, no operands, no results, several results.
// CHECK-LABEL: func.func @calls
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[W:[^:]*]]: !fx.tensor<[4096], f16>
func.func @calls(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  // CHECK: %[[E:.*]] = fx.call "aten::empty"() {dtype = f16, size = ["s0", 4096]} : () -> !fx.tensor<["s0", 4096], f16>
  %e = fx.call "aten::empty"() {size = ["s0", 4096], dtype = f16} : () -> !fx.tensor<["s0", 4096], f16>
  // CHECK: %[[N:.*]]:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %[[X]], residual = %[[E]], weight = %[[W]]) {epsilon = 9.9999999999999995E-7 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %e, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  // CHECK: fx.call "mylib::scale_"(out = %[[E]], x = %[[N]]#0) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  fx.call "mylib::scale_"(out = %e, x = %n#0) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  // CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[N]]#1) : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %c = fx.call "aten::clone"(self = %n#1) : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // CHECK: return %[[C]]
  return %c : !fx.tensor<["s0", 4096], f16>
}
