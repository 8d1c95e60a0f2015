// An fx op verified outside any block: at the top with --no-implicit-module
// (MLIR verifies it before printing it in custom form), and through the C
// API before it is inserted (test/CAPI/dialect.c).  The hook looks for the
// fx op before this one to decide which op checks the function: an op in
// no block has none, and must not be read as if it had (adversary round
// 26: a segfault).
// RUN: fx-opt %s --no-implicit-module | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin %s --no-implicit-module | FileCheck %s

// CHECK: fx.call "aten::empty"() {dtype = f32, size = [4, 8]} : () -> !fx.tensor<[4, 8], f32>
%0 = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
