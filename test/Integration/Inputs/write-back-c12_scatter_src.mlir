// The write-back's src is a slice_scatter of the argument's OLD value (rows
// 2:4 kept) made after op1: the copy_ carries old rows of %r back into %r.
func.func @f(%x: !fx.tensor<[4, 8], f32> {fx.donated}, %r: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>, %y: !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32> {
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>)
  %sc = fx.slice_scatter %r, %y, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %sc) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  return %0#0 : !fx.tensor<[4, 8], f32>
}
