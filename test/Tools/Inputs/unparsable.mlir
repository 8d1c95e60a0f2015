// Not valid IR: the reshape misses its closing parenthesis.
func.func @f(%x: !fx.tensor<[4], f32>) {
  %0 = "fx.reshape"(%x {shape = [4]} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}
