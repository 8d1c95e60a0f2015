// No fixed limit on arguments, results, symbols or call parameters (there
// used to be 64, and more made the lowering fail with no diagnostic): 70
// and 130 of each lower to LLVM and translate to LLVM IR.
// RUN: %python %S/Inputs/gen_wide.py 70 > %t.70.mlir
// RUN: fx-opt %t.70.mlir --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %t.70.mlir
// RUN: fx-opt %t.70.mlir --pass-pipeline='builtin.module(fx-to-llvm)' | mlir-translate --mlir-to-llvmir | FileCheck %s
// RUN: %python %S/Inputs/gen_wide.py 130 > %t.130.mlir
// RUN: fx-opt %t.130.mlir --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %t.130.mlir

// The user op's C interface: the memref and 70 integers.
// CHECK-DAG: declare void @_mlir_ciface_fxrt_mylib__wide(ptr, {{(i64, ){69}i64}})
// CHECK-DAG: define {{.*}} @wide(
