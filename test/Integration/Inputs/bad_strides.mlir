// Invalid fx.strides for test/Integration/declared-strides.mlir.
func.func @bad_stride_type(%x: !fx.tensor<[3, 4], f32> {fx.strides = [4 : i32, 1]}) -> !fx.tensor<[3, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}
