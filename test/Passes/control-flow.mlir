// The rewriting passes reason about straight-line code: "after" is program
// order.  In a loop an earlier op runs again after a later one, and an op in
// a branch may not run at all; a function whose fx values are used inside
// control flow (or that has several blocks) is left unchanged, with a remark.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-dce))' | FileCheck %s
// In a pipeline each pass says it once, by name (--verify-diagnostics lets
// one expected remark match several identical ones):
// RUN: fx-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=EACH
// EACH: control-flow.mlir:[[L1:[0-9]+:[0-9]+]]: remark: fx-noop-elimination leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L1]]: remark: fx-fix-functionalization leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L1]]: remark: fx-dce leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L2:[0-9]+:[0-9]+]]: remark: fx-noop-elimination leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L2]]: remark: fx-fix-functionalization leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L2]]: remark: fx-dce leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L3:[0-9]+:[0-9]+]]: remark: fx-noop-elimination leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L3]]: remark: fx-fix-functionalization leaves this function unchanged
// EACH-NOT: remark:
// EACH: control-flow.mlir:[[L3]]: remark: fx-dce leaves this function unchanged
// EACH-NOT: remark:

// A copy_ epilogue that never runs: the argument must not be written.
// CHECK-LABEL: func.func @copy_back_in_branch
// CHECK: fx.auto_functionalized
func.func @copy_back_in_branch(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %false = arith.constant false
  scf.if %false {
  // expected-remark @below {{leaves this function unchanged: fx values are used inside control flow here, and it reasons about straight-line code only}}
    %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %n : !fx.tensor<[8, 4], f32>
}

// -----

// The clone at the top of the body reads the buffer the call writes at its
// end, in the next iteration.
// CHECK-LABEL: func.func @loop
// CHECK: fx.auto_functionalized
func.func @loop(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>, %out: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
  // expected-remark @below {{leaves this function unchanged: fx values are used inside control flow here, and it reasons about straight-line code only}}
    %r = fx.call "aten::clone"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
    %c = fx.call "aten::copy_"(self = %out, src = %r) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
    %n = fx.auto_functionalized "_C::rms_norm"(result = %b, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %b : !fx.tensor<[8, 4], f32>
}

// -----

// A block argument is whatever flows into it, not a function argument.
// CHECK-LABEL: func.func @blocks
// CHECK: fx.auto_functionalized
// expected-remark @below {{leaves this function unchanged: fx values are used inside control flow here, and it reasons about straight-line code only}}
func.func @blocks(%a: !fx.tensor<[8, 4], f32> {fx.donated}, %b: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32> {
  cf.br ^bb1(%b : !fx.tensor<[8, 4], f32>)
^bb1(%c: !fx.tensor<[8, 4], f32>):
  %n = fx.auto_functionalized "_C::rms_norm"(result = %c, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  return %n : !fx.tensor<[8, 4], f32>
}
