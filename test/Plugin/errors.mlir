// Through the plugin, bad input gets the same diagnostics and exit code 1.
// RUN: not %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s 2>&1 | FileCheck %s
// RUN: not fx-opt %s 2>&1 | FileCheck %s

// CHECK: errors.mlir:[[# @LINE + 2]]:8: error: 'fx.auto_functionalized' op target "_C::not_an_op" has no schema
func.func @negative_no_schema(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.auto_functionalized "_C::not_an_op"(x = %x)
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>

  return %0 : !fx.tensor<[4], f32>
}
