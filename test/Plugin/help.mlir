// --help of both tools lists the fx passes.
// RUN: %mlir_opt --load-pass-plugin=%fx_plugin --help | FileCheck %s
// RUN: fx-opt --help | FileCheck %s
// CHECK: --fx-verify
