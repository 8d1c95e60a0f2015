// copy_(self = %r, src = %r) after op1: the write-back reads the argument's old contents.
func.func @f(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32> {
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %c = fx.call "aten::copy_"(self = %r, src = %r) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0 : !fx.tensor<[8], f32>
}
