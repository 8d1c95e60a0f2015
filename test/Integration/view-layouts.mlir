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
// RUN: fx-run %s --entry=new_value_to_viewing_callee --seed=7 -O0 --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=new_value_to_reshaping_callee --seed=7 -O0 --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=scatter_source_seen_after_rewrite --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=SAME
// SAME: check-passes: 5 orders against none
// SAME-NOT: MISMATCH
// SAME: arguments: bit-identical

fx.schema "fuzz::f32r2_pure" = "f32r2_pure(Tensor(a) self, Tensor other, int k) -> Tensor(a!)"
fx.schema "fuzz::f32r2_addret_" = "f32r2_addret_(Tensor(a!) self, Tensor other, float alpha) -> Tensor(a!)"
fx.schema "fuzz::f32r2_scale_" = "f32r2_scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"
fx.schema "fuzz::f32r2_fill_" = "f32r2_fill_(Tensor! out, Tensor x, float alpha) -> ()"
fx.schema "fuzz::f32r1_scale_" = "f32r1_scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"

// FIX: remark: cloned operand 'self'
// FIX-LABEL: func.func @view_functional_copy_return
// FIX: %[[X:.*]] = fx.slice %
// FIX: %[[C:.*]] = fx.call "aten::clone"(self = %[[X]])
// FIX: %[[R:.*]] = fx.call "aten::copy_"(self = %[[C]], src = %{{.*}})
// FIX: fx.view %[[R]],
func.func @view_functional_copy_return(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>) {
  %buf = fx.call "aten::clone"(self = %b) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %x, src = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %v = fx.view %r#0, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v, %r#1, %buf : !fx.tensor<[16], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>
}

// The return aliases `self`, which the op does not write: fix leaves the call
// alone (nothing to clone) and makes it an fx.call.
func.func @user_return_unwritten_param(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 8], f32>) {
  %buf = fx.call "aten::clone"(self = %b) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %r = fx.auto_functionalized "fuzz::f32r2_pure"(self = %x, other = %s) {k = 3 : i64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %r, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v, %buf : !fx.tensor<[16], f32>, !fx.tensor<[4, 8], f32>
}

// The return's type is not the written operand's.
func.func @user_return_other_type(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[4, 2], f32>) {
  %buf = fx.call "aten::clone"(self = %b) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 2], f32>
  %r:2 = fx.auto_functionalized "fuzz::f32r2_addret_"(self = %x, other = %s) {alpha = 0.5 : f64} : (!fx.tensor<[4, 2], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 2], f32>)
  %v = fx.view %r#0, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v, %r#1 : !fx.tensor<[16], f32>, !fx.tensor<[4, 2], f32>
}

// FIX-LABEL: func.func @view_through_copy_return
// FIX: aten::clone
func.func @view_through_copy_return(%s: !fx.tensor<[4, 4], f32>, %b: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[16], f32> {
  %x = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "fuzz::f32r2_scale_"(self = %x) {alpha = 2.0 : f64} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = fx.call "aten::copy_"(self = %n, src = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %y, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v : !fx.tensor<[16], f32>
}

// Round 7: a new value given to a func.call whose callee views it; then
// one whose callee writes through a reshape of it (in place, the column
// slice would be reshaped into a copy and the write lost: a silent
// mismatch before the fix).
func.func @views_its_param(%t: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  %v = fx.view %t, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @new_value_to_viewing_callee(%b: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[16], f32> {
  %x = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "fuzz::f32r2_scale_"(self = %x) {alpha = 2.0 : f64} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r = func.call @views_its_param(%n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  return %r : !fx.tensor<[16], f32>
}

func.func @writes_through_reshape(%t: !fx.tensor<[4, 4], f32> {fx.donated}) -> !fx.tensor<[4, 4], f32> {
  %r = fx.reshape %t, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "fuzz::f32r1_scale_"(self = %r) {alpha = 3.0 : f64} : (!fx.tensor<[16], f32>) -> ()
  return %t : !fx.tensor<[4, 4], f32>
}

func.func @new_value_to_reshaping_callee(%s: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "fuzz::f32r2_fill_"(out = %x, x = %s) {alpha = 2.0 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c = func.call @writes_through_reshape(%n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// Round 7: fx-noop-elimination remembered %v as contiguous (its scatter
// taken as laid out like its base) before the scatter became its source.
func.func @scatter_source_seen_after_rewrite(%b0: !fx.tensor<[4, 8], f32>, %base0: !fx.tensor<[4, 4], f32>, %base20: !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[4, 2], f32>) {
  %b = fx.call "aten::clone"(self = %b0) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %base = fx.call "aten::clone"(self = %base0) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %base2 = fx.call "aten::clone"(self = %base20) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %x = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %base, %x, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  %r1 = fx.reshape %v, shape = [8] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[8], f32>
  %r2 = fx.reshape %r1, shape = [4, 2] : !fx.tensor<[8], f32> -> !fx.tensor<[4, 2], f32>
  %i = fx.view %s, shape = [4, 4] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[4, 4], f32>
  %s2 = fx.slice_scatter %base2, %v, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %w = fx.view %s2, shape = [8] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[8], f32>
  %o1 = fx.call "aten::clone"(self = %w) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %o2 = fx.call "aten::clone"(self = %r2) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32>
  return %o1, %o2 : !fx.tensor<[8], f32>, !fx.tensor<[4, 2], f32>
}
