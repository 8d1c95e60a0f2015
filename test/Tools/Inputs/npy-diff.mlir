// Inputs of test/Tools/fx-npy-diff.test: one output of 8 * s0 elements.
func.func @f16(%x: !fx.tensor<["s0", 8], f16>) -> (!fx.tensor<["s0", 8], f16>) {
  %0 = fx.call "aten::cos"(self = %x) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  return %0 : !fx.tensor<["s0", 8], f16>
}
func.func @bf16(%x: !fx.tensor<["s0", 8], bf16>) -> (!fx.tensor<["s0", 8], bf16>) {
  %0 = fx.call "aten::cos"(self = %x) : (!fx.tensor<["s0", 8], bf16>) -> !fx.tensor<["s0", 8], bf16>
  return %0 : !fx.tensor<["s0", 8], bf16>
}
