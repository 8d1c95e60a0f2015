// fx-fix-functionalization on an fx.auto_functionalized whose results do
// not match its schema: one per tensor return, then one per mutated operand
// present.  The verifier rejects such a call; IR it has not seen
// (--mlir-very-unsafe-disable-verifier-on-parsing, or built through the C
// API) may still have it, and the rewrite reads and replaces every result:
// with one missing it read past the op's results and crashed.  Nor may it
// have more operands or results than an fx op's slots (the rewrite keeps
// them in arrays of that size).  The pass
// leaves the call as it is and says why.
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o /dev/null
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce))' --mlir-print-op-generic 2>/dev/null | FileCheck %s

// A mutated element of a Tensor[] parameter has no result.
fx.schema "u::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
// CHECK-LABEL: sym_name = "negative_list_element"
// CHECK-NOT: "fx.call"
// CHECK: "fx.auto_functionalized"
// CHECK-NOT: "fx.call"
// CHECK: "func.return"
func.func @negative_list_element(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32> {
  // expected-remark @below {{fx-fix-functionalization leaves this call unchanged: it has 1 results where its schema gives 2 (the verifier rejects it)}}
  %0 = fx.auto_functionalized "u::lst"(x = %a, "ys[0]" = %b) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  return %0 : !fx.tensor<[2], f32>
}

// -----

// One result more than rms_norm's one mutated operand.
// CHECK-LABEL: sym_name = "negative_extra_result"
// CHECK-NOT: "fx.call"
// CHECK: "fx.auto_functionalized"
// CHECK-NOT: "fx.call"
// CHECK: "func.return"
func.func @negative_extra_result(%out: !fx.tensor<[2, 4], f16>, %x: !fx.tensor<[2, 4], f16>, %w: !fx.tensor<[4], f16>) -> (!fx.tensor<[2, 4], f16>, !fx.tensor<[2, 4], f16>) {
  // expected-remark @below {{fx-fix-functionalization leaves this call unchanged: it has 2 results where its schema gives 1 (the verifier rejects it)}}
  %r:2 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[2, 4], f16>, !fx.tensor<[2, 4], f16>, !fx.tensor<[4], f16>) -> (!fx.tensor<[2, 4], f16>, !fx.tensor<[2, 4], f16>)
  return %r#0, %r#1 : !fx.tensor<[2, 4], f16>, !fx.tensor<[2, 4], f16>
}

// -----

// 17 operands, one more than an fx op's slots.
fx.schema "u::many" = "many(Tensor(a!) x0, Tensor x1, Tensor x2, Tensor x3, Tensor x4, Tensor x5, Tensor x6, Tensor x7, Tensor x8, Tensor x9, Tensor x10, Tensor x11, Tensor x12, Tensor x13, Tensor x14, Tensor x15, Tensor x16) -> ()"
// CHECK-LABEL: sym_name = "negative_too_many_operands"
// CHECK-NOT: "fx.call"
// CHECK: "fx.auto_functionalized"
// CHECK-NOT: "fx.call"
// CHECK: "func.return"
func.func @negative_too_many_operands(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32> {
  // expected-remark @below {{fx-fix-functionalization leaves this call unchanged: it has 17 operands, more than an fx op's 16 (the verifier rejects it)}}
  %0 = "fx.auto_functionalized"(%b, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a) {arg_names = ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"], args = {}, target = "u::many"} : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  return %0 : !fx.tensor<[2], f32>
}

// -----

// The in-place call after an auto_functionalized_v2 clone, with 17 operands.
fx.schema "u::many" = "many(Tensor(a!) x0, Tensor x1, Tensor x2, Tensor x3, Tensor x4, Tensor x5, Tensor x6, Tensor x7, Tensor x8, Tensor x9, Tensor x10, Tensor x11, Tensor x12, Tensor x13, Tensor x14, Tensor x15, Tensor x16) -> ()"
// CHECK-LABEL: sym_name = "negative_v2_too_many_operands"
// CHECK: "aten::clone"
func.func @negative_v2_too_many_operands(%a: !fx.tensor<[2], f32>, %x: !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32> {
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: the call after it has 17 operands, more than an fx op's 16 (the verifier rejects it)}}
  %b = fx.call "aten::clone"(self = %x) attributes {fx.functionalized} : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  "fx.call"(%b, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a) {arg_names = ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"], args = {}, target = "u::many"} : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return %b : !fx.tensor<[2], f32>
}

// -----

// Nine mutated operands: one result more than an fx op's eight slots.
fx.schema "u::nine" = "nine(Tensor(a0!) x0, Tensor(a1!) x1, Tensor(a2!) x2, Tensor(a3!) x3, Tensor(a4!) x4, Tensor(a5!) x5, Tensor(a6!) x6, Tensor(a7!) x7, Tensor(a8!) x8) -> ()"
// CHECK-LABEL: sym_name = "negative_too_many_results"
// CHECK-NOT: "fx.call"
// CHECK: "fx.auto_functionalized"
// CHECK-NOT: "fx.call"
// CHECK: "func.return"
func.func @negative_too_many_results(%a: !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32> {
  // expected-remark @below {{fx-fix-functionalization leaves this call unchanged: its schema gives it 9 results, more than an fx op's 8 (the verifier rejects it)}}
  %0:9 = "fx.auto_functionalized"(%a, %a, %a, %a, %a, %a, %a, %a, %a) {arg_names = ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"], args = {}, target = "u::nine"} : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>)
  return %0#0 : !fx.tensor<[2], f32>
}
