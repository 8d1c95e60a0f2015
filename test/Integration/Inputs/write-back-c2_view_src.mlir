// copy_(self = %r, src = row 0 of %r) after op1, the slice made before op1.
func.func @f(%x: !fx.tensor<[2, 4], f32> {fx.donated}, %r: !fx.tensor<[2, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[2, 4], f32> {
  %s = fx.slice %r, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[1, 4], f32>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>)
  %c = fx.call "aten::copy_"(self = %r, src = %s) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[2, 4], f32>
  return %0#0 : !fx.tensor<[2, 4], f32>
}
