// Layouts the verifier derives for fx.view (docs/dialect.md, "Layouts"):
// the new value of an auto_functionalized operand and a slice_scatter
// result are new contiguous storage, as the runtime makes them, so a view
// of them verifies even when their operand / base is a column slice.
// RUN: fx-opt %s --split-input-file | FileCheck %s

fx.schema "test::fill" = "fill(Tensor! out, Tensor w) -> ()"
// CHECK-LABEL: func.func @view_functional_result
// CHECK: fx.view
func.func @view_functional_result(%w: !fx.tensor<[4], f32>) {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %f = fx.auto_functionalized "test::fill"(out = %x, w = %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %f, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// CHECK-LABEL: func.func @view_scatter_result
// CHECK: fx.view
func.func @view_scatter_result(%s: !fx.tensor<[4, 2], f32>) {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %sc = fx.slice_scatter %x, %s, dim = 1, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %sc, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// copy_'s own return (Tensor(a!)) under auto_functionalized is the new value
// of `self` (the op returns that one buffer twice): new contiguous storage,
// not the column slice it was made from.  (In an fx.call it is the slice:
// invalid.mlir @negative_view_copy_result.)
// CHECK-LABEL: func.func @view_functional_copy_return
// CHECK: %[[R:.*]]:2 = fx.auto_functionalized
// CHECK: fx.view %[[R]]#0,
func.func @view_functional_copy_return(%s: !fx.tensor<[4, 4], f32>) {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %x, src = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = fx.view %r#0, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// A user op's own return is allocated by the lowering from its result type
// even when its schema says it aliases a written parameter: new storage in
// the functional form; as fx.call it is left to the run-time check.
fx.schema "test::addret_" = "addret_(Tensor(a!) self, Tensor other) -> Tensor(a!)"
// CHECK-LABEL: func.func @view_user_alias_return
// CHECK: %[[R:.*]]:2 = fx.auto_functionalized
// CHECK: fx.view %[[R]]#0,
// CHECK: %[[C:.*]] = fx.call
// CHECK: fx.view %[[C]],
func.func @view_user_alias_return(%s: !fx.tensor<[4, 4], f32>) {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %r:2 = fx.auto_functionalized "test::addret_"(self = %x, other = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = fx.view %r#0, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %c = fx.call "test::addret_"(self = %x, other = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w = fx.view %c, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// Declared argument strides (fx.strides): contiguous ones view; a dim of
// size 1's stride is not relied on (the entry does not check it), so a
// view merging it is left to the run-time check.
// CHECK-LABEL: func.func @view_declared_contiguous
// CHECK: fx.view
// CHECK: fx.view
func.func @view_declared_contiguous(%x: !fx.tensor<[4, 4], f32> {fx.strides = [4, 1]}, %y: !fx.tensor<[4, 1], f32> {fx.strides = [1, 7]}) {
  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %w = fx.view %y, shape = [4] : !fx.tensor<[4, 1], f32> -> !fx.tensor<[4], f32>
  return
}
