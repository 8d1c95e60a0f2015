// auto_functionalized_v2 as fx-import expands it (docs/import.md): each base
// cloned (`fx.functionalized`), the op called in place on views of the
// clones, the clones the new bases.  The pass writes a base in place of its
// clone under v1's rules (a)-(c) (passes.md, "auto_functionalized_v2"), and
// keeps the clone, with a remark, where one fails.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

fx.schema "mylib::foo" = "foo(Tensor(a!) x, Tensor(b!) y) -> ()"
fx.schema "mylib::bar" = "bar(Tensor(a!) x, Tensor y) -> Tensor"

// Two argument bases written back by Inductor's copy_ epilogue (the shape of
// torch's test_auto_functionalize_extra1): both in place, both copies gone.
// CHECK-LABEL: func.func @two_bases_copied_back
// CHECK-SAME: (%[[A:.*]]: !fx.tensor<["s0"], f32>, %[[B:.*]]: !fx.tensor<["s0"], f32>)
// CHECK-NOT: aten::clone
// CHECK: fx.call "mylib::foo"(x = %[[B]], y = %[[A]])
// CHECK: %[[S:.*]] = fx.call "aten::add.Tensor"(self = %[[B]], other = %[[A]])
// CHECK-NOT: aten::copy_
// CHECK: return %[[S]]
func.func @two_bases_copied_back(%a: !fx.tensor<["s0"], f32>, %b: !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32> {
  %cb = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  %ca = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  fx.call "mylib::foo"(x = %cb, y = %ca) : (!fx.tensor<["s0"], f32>, !fx.tensor<["s0"], f32>) -> ()
  %s = fx.call "aten::add.Tensor"(self = %cb, other = %ca) : (!fx.tensor<["s0"], f32>, !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  %w1 = fx.call "aten::copy_"(self = %a, src = %ca) : (!fx.tensor<["s0"], f32>, !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  %w2 = fx.call "aten::copy_"(self = %b, src = %cb) : (!fx.tensor<["s0"], f32>, !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  return %s : !fx.tensor<["s0"], f32>
}

// Two overlapping views of one fresh base (rows 0..2 and column 3, as in
// torch's test_slice): the op gets views of the base itself, as Inductor's
// reinplacing does; the regenerated slices stay.
// CHECK-LABEL: func.func @overlapping_views_fresh_base
// CHECK: %[[M:.*]] = fx.call "aten::mul.Tensor"
// CHECK-NOT: aten::clone
// CHECK: %[[X:.*]] = fx.slice %[[M]], dim = 0, start = 0, end = 2
// CHECK: %[[Y:.*]] = fx.slice %[[M]], dim = 1, start = 3, end = 4
// CHECK: fx.call "mylib::foo"(x = %[[X]], y = %[[Y]])
// CHECK: return %[[M]]
func.func @overlapping_views_fresh_base(%a: !fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32> {
  %m = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[8, 8], f32>, !fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %c = fx.call "aten::clone"(self = %m) attributes {fx.functionalized} : (!fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[2, 8], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[8, 1], f32>
  fx.call "mylib::foo"(x = %x, y = %y) : (!fx.tensor<[2, 8], f32>, !fx.tensor<[8, 1], f32>) -> ()
  return %c : !fx.tensor<[8, 8], f32>
}

// A donated argument: in place, and the views the function returns are views
// of it (the caller gave it up).
// CHECK-LABEL: func.func @donated_base
// CHECK-SAME: (%[[A:.*]]: !fx.tensor<[8, 8], f32> {fx.donated})
// CHECK-NOT: aten::clone
// CHECK: fx.call "mylib::foo"
// CHECK: %[[R:.*]] = fx.slice %[[A]], dim = 0
// CHECK: return %[[R]]
func.func @donated_base(%a: !fx.tensor<[8, 8], f32> {fx.donated}) -> !fx.tensor<[2, 8], f32> {
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[2, 8], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[8, 1], f32>
  fx.call "mylib::foo"(x = %x, y = %y) : (!fx.tensor<[2, 8], f32>, !fx.tensor<[8, 1], f32>) -> ()
  %r = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[2, 8], f32>
  return %r : !fx.tensor<[2, 8], f32>
}

// An op with a return besides its mutated argument.
// CHECK-LABEL: func.func @op_with_return
// CHECK-NOT: aten::clone
// CHECK: %[[R:.*]] = fx.call "mylib::bar"
// CHECK: return %[[R]]
func.func @op_with_return(%a: !fx.tensor<[4], f32> {fx.donated}, %b: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::bar"(x = %c, y = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r : !fx.tensor<[4], f32>
}

// Two bases that are overlapping rows of one buffer: the first goes in place,
// and then shares storage with the second, which keeps its clone (rule b).
// Disjoint rows would both go in place (@disjoint_bases).
// CHECK-LABEL: func.func @negative_overlapping_bases
// CHECK: fx.slice
// CHECK: fx.slice
// CHECK: aten::clone
// CHECK-NOT: aten::clone
// CHECK: return
func.func @negative_overlapping_bases(%arg: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %a = fx.call "aten::mul.Tensor"(self = %arg, other = %arg) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %b0 = fx.slice %a, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %b1 = fx.slice %a, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %c0 = fx.call "aten::clone"(self = %b0) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'y': operand 'x' of the same call shares its storage}}
  %c1 = fx.call "aten::clone"(self = %b1) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::foo"(x = %c0, y = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %s0 = fx.slice_scatter %a, %c0, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s1 = fx.slice_scatter %s0, %c1, dim = 0, start = 2, end = 6, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %s1 : !fx.tensor<[8, 4], f32>
}

// CHECK-LABEL: func.func @disjoint_bases
// CHECK: %[[M:.*]] = fx.call "aten::mul.Tensor"
// CHECK-NOT: aten::clone
// CHECK: fx.call "mylib::foo"
// CHECK-NOT: fx.slice_scatter
// CHECK: return %[[M]]
func.func @disjoint_bases(%arg: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %a = fx.call "aten::mul.Tensor"(self = %arg, other = %arg) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %b0 = fx.slice %a, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %b1 = fx.slice %a, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %c0 = fx.call "aten::clone"(self = %b0) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c1 = fx.call "aten::clone"(self = %b1) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::foo"(x = %c0, y = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %s0 = fx.slice_scatter %a, %c0, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s1 = fx.slice_scatter %s0, %c1, dim = 0, start = 4, end = 8, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %s1 : !fx.tensor<[8, 4], f32>
}

// Views returned after the copy_ epilogue into a non-donated argument:
// writing the argument in place would make the results alias it (Inductor
// does that; fxir never does, DESIGN §3), so the clone stays.
// CHECK-LABEL: func.func @negative_views_returned_after_copy_back
// CHECK: aten::clone
// CHECK: aten::copy_
func.func @negative_views_returned_after_copy_back(%a: !fx.tensor<[8, 8], f32>) -> (!fx.tensor<[2, 8], f32>, !fx.tensor<[8, 1], f32>) {
  // expected-remark @below {{cloned operand 'x': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at loc("epilogue") that writes its new value back, the new value is written or returned, or the copy's result is used (two buffers from there on)}}
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[2, 8], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[8, 1], f32>
  fx.call "mylib::foo"(x = %x, y = %y) : (!fx.tensor<[2, 8], f32>, !fx.tensor<[8, 1], f32>) -> ()
  %w = fx.call "aten::copy_"(self = %a, src = %c) : (!fx.tensor<[8, 8], f32>, !fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32> loc("epilogue")
  %r0 = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[2, 8], f32>
  %r1 = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[8, 1], f32>
  return %r0, %r1 : !fx.tensor<[2, 8], f32>, !fx.tensor<[8, 1], f32>
}

// The base's old value is read after the call (rule a).
// CHECK-LABEL: func.func @negative_base_read_after
// CHECK: aten::clone
func.func @negative_base_read_after(%a: !fx.tensor<[4], f32> {fx.donated}, %b: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  // expected-remark @below {{cloned operand 'x': it is read after the call at loc("reader")}}
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::bar"(x = %c, y = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %old = fx.call "aten::cos"(self = %a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> loc("reader")
  return %r, %old : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

// The call also reads the base itself, the old value (rule b).
// CHECK-LABEL: func.func @negative_call_reads_base
// CHECK: aten::clone
func.func @negative_call_reads_base(%a: !fx.tensor<[4], f32> {fx.donated}) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  // expected-remark @below {{cloned operand 'x': operand 'y' of the same call shares its storage}}
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::bar"(x = %c, y = %a) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r, %c : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

// Not the form fx-import makes: something else reads the clone before the
// call writes it.
// CHECK-LABEL: func.func @negative_not_the_form
// CHECK: aten::clone
func.func @negative_not_the_form(%a: !fx.tensor<[4], f32> {fx.donated}, %b: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: no in-place call right after it writes it or a view of it (only fx.slice, torch view ops and other such clones may stand between)}}
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %e = fx.call "aten::exp"(self = %c) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::bar"(x = %c, y = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r, %e : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

// The base is written between its clone and the call: the clone holds the
// old contents, so it stays.
// CHECK-LABEL: func.func @negative_base_written_between
// CHECK: aten::clone
func.func @negative_base_written_between(%a: !fx.tensor<[4], f32> {fx.donated}, %b: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: no in-place call right after it writes it or a view of it (only fx.slice, torch view ops and other such clones may stand between)}}
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %w = fx.call "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::bar"(x = %c, y = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// Reference graph 10's form: a mutated Tensor[] ("ys[0]", "ys[1]"), two
// elements as_strided views.  Every clone goes: as_strided is a view the
// storage model follows (Alias.h), and the copy_ epilogues write the
// arguments back (rule (c)).
fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
// CHECK-LABEL: func.func @list_as_strided_between
// CHECK-SAME: %[[A:[a-z0-9]+]]: {{.*}}, %[[B:[a-z0-9]+]]: {{.*}}, %[[C:[a-z0-9]+]]: {{.*}})
// CHECK-NOT: aten::clone
// CHECK: %[[VA:[0-9]+]] = fx.call "aten::as_strided"(self = %[[A]])
// CHECK: %[[VB:[0-9]+]] = fx.call "aten::as_strided"(self = %[[B]])
// CHECK: fx.call "mylib::lst"(x = %[[VA]], "ys[0]" = %[[VB]], "ys[1]" = %[[C]])
// CHECK-NOT: aten::copy_
// CHECK: return
func.func @list_as_strided_between(%a: !fx.tensor<[2], f32> {fx.strides = [1]}, %b: !fx.tensor<[2], f32> {fx.strides = [1]}, %c: !fx.tensor<[2], f32> {fx.strides = [1]}) {
  %ca = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %cb = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %cc = fx.call "aten::clone"(self = %c) attributes {fx.functionalized} : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %va = fx.call "aten::as_strided"(self = %ca) {size = [], stride = [], storage_offset = 0} : (!fx.tensor<[2], f32>) -> !fx.tensor<[], f32>
  %vb = fx.call "aten::as_strided"(self = %cb) {size = [], stride = [], storage_offset = 0} : (!fx.tensor<[2], f32>) -> !fx.tensor<[], f32>
  fx.call "mylib::lst"(x = %va, "ys[0]" = %vb, "ys[1]" = %cc) : (!fx.tensor<[], f32>, !fx.tensor<[], f32>, !fx.tensor<[2], f32>) -> ()
  %w0 = fx.call "aten::copy_"(self = %a, src = %ca) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %w1 = fx.call "aten::copy_"(self = %b, src = %cb) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %w2 = fx.call "aten::copy_"(self = %c, src = %cc) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  return
}

// An as_strided view of the base itself between the clone and the call,
// read after the call: rule (a) (the storage model follows the view).
// CHECK-LABEL: func.func @negative_as_strided_of_other_between
// CHECK: aten::clone
func.func @negative_as_strided_of_other_between(%a: !fx.tensor<[2], f32> {fx.donated}, %b: !fx.tensor<[2], f32>) -> !fx.tensor<[], f32> {
  // expected-remark @below {{cloned operand 'ys': it is read after the call at}}
  %ca = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  %vb = fx.call "aten::as_strided"(self = %a) {size = [], stride = [], storage_offset = 0} : (!fx.tensor<[2], f32>) -> !fx.tensor<[], f32>
  fx.call "mylib::lst"(x = %b, "ys[0]" = %ca) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  %k = fx.call "aten::clone"(self = %vb) : (!fx.tensor<[], f32>) -> !fx.tensor<[], f32>
  return %k : !fx.tensor<[], f32>
}
