// fx-fix-functionalization on an fx.auto_functionalized whose results do
// not match its schema: one per tensor return, then one per mutated operand
// present.  The verifier rejects such a call; IR it has not seen
// (--mlir-very-unsafe-disable-verifier-on-parsing, or built through the C
// API) may still have it, and the rewrite reads and replaces every result:
// with one missing it read past the op's results and crashed.  The pass
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
