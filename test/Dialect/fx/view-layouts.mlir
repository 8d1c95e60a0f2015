// Layouts the verifier derives for fx.view (docs/dialect.md, "Layouts"):
// the new value of an auto_functionalized operand and a slice_scatter
// result are new contiguous storage, as the runtime makes them, so a view
// of them verifies even when their operand / base is a column slice.
// RUN: fx-opt %s --split-input-file | FileCheck %s

"fx.schema"() {name = "test::fill", signature = "fill(Tensor! out, Tensor w) -> ()"} : () -> ()
// CHECK-LABEL: func.func @view_functional_result
// CHECK: fx.view
func.func @view_functional_result(%w: !fx.tensor<[4], f32>) {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = [4, 8], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : () -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %f = "fx.auto_functionalized"(%x, %w) {target = "test::fill", arg_names = ["out", "w"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = "fx.view"(%f) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return
}

// -----

// CHECK-LABEL: func.func @view_scatter_result
// CHECK: fx.view
func.func @view_scatter_result(%s: !fx.tensor<[4, 2], f32>) {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = [4, 8], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : () -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %sc = "fx.slice_scatter"(%x, %s) {dim = 1 : i64, start = 0 : i64, end = 2 : i64, step = 1 : i64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 4], f32>
  %v = "fx.view"(%sc) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return
}

// -----

// copy_'s own return (Tensor(a!)) under auto_functionalized is the new value
// of `self` (the op returns that one buffer twice): new contiguous storage,
// not the column slice it was made from.  (In an fx.call it is the slice:
// invalid.mlir @negative_view_copy_result.)
// CHECK-LABEL: func.func @view_functional_copy_return
// CHECK: %[[R:.*]]:2 = "fx.auto_functionalized"
// CHECK: "fx.view"(%[[R]]#0)
func.func @view_functional_copy_return(%s: !fx.tensor<[4, 4], f32>) {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = [4, 8], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : () -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %r:2 = "fx.auto_functionalized"(%x, %s) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = "fx.view"(%r#0) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return
}

// -----

// A user op's own return is allocated by the lowering from its result type
// even when its schema says it aliases a written parameter: new storage in
// the functional form; as fx.call it is left to the run-time check.
"fx.schema"() {name = "test::addret_", signature = "addret_(Tensor(a!) self, Tensor other) -> Tensor(a!)"} : () -> ()
// CHECK-LABEL: func.func @view_user_alias_return
// CHECK: %[[R:.*]]:2 = "fx.auto_functionalized"
// CHECK: "fx.view"(%[[R]]#0)
// CHECK: %[[C:.*]] = "fx.call"
// CHECK: "fx.view"(%[[C]])
func.func @view_user_alias_return(%s: !fx.tensor<[4, 4], f32>) {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = [4, 8], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : () -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %r:2 = "fx.auto_functionalized"(%x, %s) {target = "test::addret_", arg_names = ["self", "other"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = "fx.view"(%r#0) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  %c = "fx.call"(%x, %s) {target = "test::addret_", arg_names = ["self", "other"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w = "fx.view"(%c) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return
}
