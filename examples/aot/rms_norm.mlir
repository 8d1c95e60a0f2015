// An fx graph compiled ahead of time (see README "AOT"): rms_norm into a
// fresh buffer.  `llvm.emit_c_interface` gives the function the C entry
// point `_mlir_ciface_norm` that main.c calls.
func.func @norm(%x: !fx.tensor<["s0", 8], f32>, %w: !fx.tensor<[8], f32>)
    -> !fx.tensor<["s0", 8], f32> attributes {llvm.emit_c_interface} {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {},
      operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 8], f32>
  %0 = "fx.auto_functionalized"(%buf, %x, %w) {target = "_C::rms_norm",
      arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64},
      operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 8], f32>, !fx.tensor<[8], f32>)
   -> !fx.tensor<["s0", 8], f32>
  return %0 : !fx.tensor<["s0", 8], f32>
}
