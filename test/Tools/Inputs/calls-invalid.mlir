// Valid for the op verifiers, invalid for fx-verify's call checks: one
// storage given to two parameters of a func.call (test/Tools/fx-run.mlir).
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}
func.func @main(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %r = func.call @f(%a, %a) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
