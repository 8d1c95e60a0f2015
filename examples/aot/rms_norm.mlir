// An fx graph compiled ahead of time (see README "AOT"): rms_norm into a
// fresh buffer.  `llvm.emit_c_interface` gives the function the C entry
// point `_mlir_ciface_norm` that main.c calls.
func.func @norm(%x: !fx.tensor<["s0", 8], f32>, %w: !fx.tensor<[8], f32>)
    -> !fx.tensor<["s0", 8], f32> attributes {llvm.emit_c_interface} {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 8], f32>)
      -> !fx.tensor<["s0", 8], f32>

  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 8], f32>, !fx.tensor<[8], f32>)
      -> !fx.tensor<["s0", 8], f32>


  return %0 : !fx.tensor<["s0", 8], f32>
}
