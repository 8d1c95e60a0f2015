// An op fx-export cannot print.
func.func @forward(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // The error names this line.
  %c = arith.constant 1 : i32
  return %x : !fx.tensor<[4], f32>
}
