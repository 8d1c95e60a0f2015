// The verifier takes copy_'s own return under auto_functionalized to be the
// new value of `self` (new, contiguous storage, docs/dialect.md "Layouts"),
// so an fx.view of it verifies although `self` is a column slice.  That
// holds only while fx-fix-functionalization never makes such a call in
// place: after the rewrite the return would be the column slice itself,
// which the view cannot view.  FIX checks that the call stays functional
// (a clone of `self`), SAME checks that every pass order computes the same.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' 2>&1 | FileCheck %s --check-prefix=FIX
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=SAME

// FIX: remark: cloned operand 'self'
// FIX-LABEL: func.func @view_functional_copy_return
// FIX: %[[X:.*]] = "fx.slice"
// FIX: %[[C:.*]] = "fx.call"(%[[X]]) {{.*}}target = "aten::clone"
// FIX: %[[R:.*]] = "fx.call"(%[[C]], %{{.*}}) {{.*}}target = "aten::copy_"
// FIX: "fx.view"(%[[R]])
// SAME: check-passes: 5 orders against none
// SAME-COUNT-3: bit-identical
// SAME: arguments: bit-identical
func.func @view_functional_copy_return(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>) {
  %buf = "fx.call"(%b) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %r:2 = "fx.auto_functionalized"(%x, %s) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = "fx.view"(%r#0) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %v, %r#1, %buf : !fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>
}
