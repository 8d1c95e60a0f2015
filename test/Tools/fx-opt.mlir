// fx-opt keeps mlir-opt conventions: upstream passes in the same pipeline,
// -o, unparsable input gets a located error and exit code 1.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-verify),canonicalize,cse)' -o %t
// RUN: FileCheck %s < %t
// RUN: not fx-opt %S/Inputs/unparsable.mlir 2>&1 | FileCheck %s --check-prefix=PARSE

// PARSE: unparsable.mlir:3:23: error: expected ')' to end operand list

// CHECK-LABEL: func.func @upstream_passes
// CHECK-NOT: arith.addi
// CHECK: fx.view
func.func @upstream_passes(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 32, 128], f16> {
  %c = arith.constant 1 : index
  %d = arith.addi %c, %c : index
  %0 = fx.view %x, shape = ["s0", 32, 128] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 32, 128], f16>
  return %0 : !fx.tensor<["s0", 32, 128], f16>
}
