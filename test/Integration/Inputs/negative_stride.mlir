// A stride valid in the IR that a --sym value makes negative, for
// test/Integration/declared-strides.mlir (apart from bad_strides.mlir,
// whose errors the parser's verification reports first).
func.func @negative_stride(%x: !fx.tensor<["s0", 4], f32> {fx.strides = ["s0 - 4", 1]}) -> !fx.tensor<["s0", 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return %c : !fx.tensor<["s0", 4], f32>
}
