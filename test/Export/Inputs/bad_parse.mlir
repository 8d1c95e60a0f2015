func.func @forward(%x: !fx.tensor<[4], f32> {
