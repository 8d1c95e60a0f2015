// Stock mlir-opt with libFxPlugin.so parses, verifies and prints exactly what
// fx-opt does, for every op and type, generic form included, and reads its
// own custom-form output back to the same text.
// RUN: fx-opt %S/../Dialect/fx/ops.mlir > %t.fx-opt
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %S/../Dialect/fx/ops.mlir > %t.mlir-opt
// RUN: diff %t.fx-opt %t.mlir-opt
// RUN: fx-opt %S/../Dialect/fx/syntax.mlir > %t.syntax.fx-opt
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin %S/../Dialect/fx/syntax.mlir > %t.syntax.mlir-opt
// RUN: diff %t.syntax.fx-opt %t.syntax.mlir-opt
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin %t.syntax.mlir-opt > %t.syntax.again
// RUN: diff %t.syntax.fx-opt %t.syntax.again
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-verify))' | FileCheck %s

// The file's first op is an fx op: the dialect loads from the plugin's
// registry entry, not from a func extension.
fx.schema "mylib::scale" = "scale(Tensor! out, Tensor x, float alpha) -> ()"

// CHECK-LABEL: func.func @plugin
// CHECK: fx.auto_functionalized
// CHECK-SAME: "mylib::scale"(
func.func @plugin(%out: !fx.tensor<["s0"], f32>, %x: !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32> {
  %0 = fx.auto_functionalized "mylib::scale"(out = %out, x = %x)
      {alpha = 2.0 : f64}
      : (!fx.tensor<["s0"], f32>, !fx.tensor<["s0"], f32>)
      -> !fx.tensor<["s0"], f32>

  return %0 : !fx.tensor<["s0"], f32>
}
