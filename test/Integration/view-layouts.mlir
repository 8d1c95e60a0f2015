// fx.view of a value whose layout is the runtime's choice, not torch's.
//
// @view_functional_copy_return: the verifier takes copy_'s own return under
// auto_functionalized to be the new value of `self` (new, contiguous
// storage, docs/dialect.md "Layouts"), so an fx.view of it verifies although
// `self` is a column slice.  That holds only while fx-fix-functionalization
// never makes such a call in place: after the rewrite the return would be
// the column slice itself, which the view cannot view.  FIX checks that the
// call stays functional (a clone of `self`), SAME that every pass order
// computes the same.
//
// The others (found by our adversary, round 6): a user op's own returns are
// allocated by the lowering from their result types even when the schema
// says they alias a parameter, so the verifier takes them as new storage in
// the functional form and leaves them to the run-time check as fx.call;
// and a new value that comes back as copy_'s result is viewed there, so fix
// keeps it a copy (it would see the column slice).
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' 2>&1 | FileCheck %s --check-prefix=FIX
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=view_functional_copy_return --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=user_return_unwritten_param --seed=7 -O0 --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=user_return_other_type --seed=7 -O0 --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=view_through_copy_return --seed=7 -O0 --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=SAME
// SAME: check-passes: 5 orders against none
// SAME-NOT: MISMATCH
// SAME: arguments: bit-identical

"fx.schema"() {name = "fuzz::f32r2_pure", signature = "f32r2_pure(Tensor(a) self, Tensor other, int k) -> Tensor(a!)"} : () -> ()
"fx.schema"() {name = "fuzz::f32r2_addret_", signature = "f32r2_addret_(Tensor(a!) self, Tensor other, float alpha) -> Tensor(a!)"} : () -> ()
"fx.schema"() {name = "fuzz::f32r2_scale_", signature = "f32r2_scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"} : () -> ()

// FIX: remark: cloned operand 'self'
// FIX-LABEL: func.func @view_functional_copy_return
// FIX: %[[X:.*]] = "fx.slice"
// FIX: %[[C:.*]] = "fx.call"(%[[X]]) {{.*}}target = "aten::clone"
// FIX: %[[R:.*]] = "fx.call"(%[[C]], %{{.*}}) {{.*}}target = "aten::copy_"
// FIX: "fx.view"(%[[R]])
func.func @view_functional_copy_return(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>) {
  %buf = "fx.call"(%b) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %r:2 = "fx.auto_functionalized"(%x, %s) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = "fx.view"(%r#0) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %v, %r#1, %buf : !fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>
}

// The return aliases `self`, which the op does not write: fix leaves the call
// alone (nothing to clone) and makes it an fx.call.
func.func @user_return_unwritten_param(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 8], f32>) {
  %buf = "fx.call"(%b) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %r = "fx.auto_functionalized"(%x, %s) {target = "fuzz::f32r2_pure", arg_names = ["self", "other"], args = {k = 3 : i64}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = "fx.view"(%r) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %v, %buf : !fx.tensor<[16], f32>, !fx.tensor<[4, 8], f32>
}

// The return's type is not the written operand's.
func.func @user_return_other_type(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 2], f32>) {
  %buf = "fx.call"(%b) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = "fx.slice"(%buf) {dim = 1 : i64, start = 0 : i64, end = 2 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 2], f32>
  %r:2 = "fx.auto_functionalized"(%x, %s) {target = "fuzz::f32r2_addret_", arg_names = ["self", "other"], args = {alpha = 0.5 : f64}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 2], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 2], f32>)
  %v = "fx.view"(%r#0) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %v, %r#1 : !fx.tensor<[16], f32>, !fx.tensor<[4, 2], f32>
}

// FIX-LABEL: func.func @view_through_copy_return
// FIX: aten::clone
func.func @view_through_copy_return(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[16], f32> {
  %x = "fx.slice"(%b) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  %n = "fx.auto_functionalized"(%x) {target = "fuzz::f32r2_scale_", arg_names = ["self"], args = {alpha = 2.0 : f64}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = "fx.call"(%n, %s) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = "fx.view"(%y) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %v : !fx.tensor<[16], f32>
}
