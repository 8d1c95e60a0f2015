// Rank-9 tensors for test/Lowering/rank.mlir: an argument, a result, and
// an op result inside the function.
func.func @negative_rank9_argument(%x: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>) {
  return
}

// -----

func.func @negative_rank9_result(%x: !fx.tensor<["s0"], f32>) -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32> {
  %v = fx.reshape %x, shape = [1, 1, 1, 1, 1, 1, 1, 1, "s0"] : !fx.tensor<["s0"], f32> -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>
  return %v : !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>
}

// -----

func.func @negative_rank9_op(%x: !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32> {
  %v = fx.reshape %x, shape = [1, 1, 1, 1, 1, 1, 1, 1, "s0"] : !fx.tensor<["s0"], f32> -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>
  %w = fx.reshape %v, shape = ["s0"] : !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32> -> !fx.tensor<["s0"], f32>
  return %w : !fx.tensor<["s0"], f32>
}
