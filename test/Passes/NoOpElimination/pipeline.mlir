// Composes with upstream passes in one pipeline, in either order.
// RUN: fx-opt %s --pass-pipeline='builtin.module(canonicalize,func.func(fx-noop-elimination),cse,canonicalize)' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(cse,func.func(fx-noop-elimination,canonicalize))' | FileCheck %s

// CHECK-LABEL: func.func @with_upstream
// CHECK-NOT: arith.
// CHECK: %[[R:.*]] = fx.reshape
// CHECK-NOT: fx.reshape
// CHECK: return %[[R]]
func.func @with_upstream(%a: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.addi %c0, %c0 : index
  %x = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0 = fx.reshape %x, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %1 = fx.reshape %0, shape = [-1, 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %2 = fx.reshape %1, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %2 : !fx.tensor<["s0", 128, 32], f16>
}
