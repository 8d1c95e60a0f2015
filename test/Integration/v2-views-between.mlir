// What may stand between an auto_functionalized_v2 base's clone and its
// in-place call (passes.md, auto_functionalized_v2): views that never copy
// (fx.slice, torch view ops) and other clones.  An fx.reshape there views
// the contiguous clone but may copy a base that is not contiguous, so the
// clone stays: the call's write through it, or a read of it after the
// call, would otherwise miss the base (an adversary's cases; each came out
// wrong while any view could stand between).  Each function is
// bit-identical with and without the passes, in every order.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: for e in reshape_written reshape_read_after reshape_of_donated t_between; do \
// RUN:   fx-run %s --entry=$e --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=EXEC || exit 1; done
// EXEC: out0: bit-identical

// The base is a column slice; the call writes a reshape of its clone.
// CHECK-LABEL: func.func @reshape_written
// CHECK: aten::clone
func.func @reshape_written(%a: !fx.tensor<[3, 8], f32>, %x: !fx.tensor<[12], f32>, %w: !fx.tensor<[12], f32>) -> !fx.tensor<[3, 8], f32> {
  %m = fx.call "aten::cos"(self = %a) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %b = fx.slice %m, dim = 1, start = 2, end = 6, step = 1 : !fx.tensor<[3, 8], f32> -> !fx.tensor<[3, 4], f32>
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: no in-place call right after it writes it or a view of it}}
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %r = fx.reshape %c, shape = [12] : !fx.tensor<[3, 4], f32> -> !fx.tensor<[12], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[12], f32>, !fx.tensor<[12], f32>, !fx.tensor<[12], f32>) -> ()
  %s = fx.slice_scatter %m, %c, dim = 1, start = 2, end = 6, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

// The base is a transposed view; a reshape of its clone taken before the
// call is read after it.
// CHECK-LABEL: func.func @reshape_read_after
// CHECK: aten::clone
func.func @reshape_read_after(%a: !fx.tensor<[2, 8], f32>, %x: !fx.tensor<[8, 2], f32>, %w: !fx.tensor<[2], f32>) -> !fx.tensor<[16], f32> {
  %m = fx.call "aten::cos"(self = %a) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b = fx.call "aten::transpose.int"(self = %m) {dim0 = 0, dim1 = 1} : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[8, 2], f32>
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: no in-place call right after it writes it or a view of it}}
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[8, 2], f32>) -> !fx.tensor<[8, 2], f32>
  %r = fx.reshape %c, shape = [16] : !fx.tensor<[8, 2], f32> -> !fx.tensor<[16], f32>
  fx.call "_C::rms_norm"(result = %c, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[8, 2], f32>, !fx.tensor<[8, 2], f32>, !fx.tensor<[2], f32>) -> ()
  %o = fx.call "aten::clone"(self = %r) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %o : !fx.tensor<[16], f32>
}

// A donated graph input declared column-major.
// CHECK-LABEL: func.func @reshape_of_donated
// CHECK: aten::clone
func.func @reshape_of_donated(%b: !fx.tensor<[2, 4], f32> {fx.donated, fx.strides = [1, 2]}, %x: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[2, 4], f32> {
  // expected-remark @below {{kept the clone of a base of auto_functionalized_v2: no in-place call right after it writes it or a view of it}}
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %r = fx.reshape %c, shape = [8] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[8], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> ()
  %o = fx.call "aten::clone"(self = %c) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  return %o : !fx.tensor<[2, 4], f32>
}

// A torch view of the clone between never copies: the base (donated, any
// layout) is written in place through aten::t of it.
// CHECK-LABEL: func.func @t_between
// CHECK-SAME: %[[B:[a-z0-9]+]]: !fx.tensor<[4, 2], f32>
// CHECK-NOT: aten::clone
// CHECK: %[[T:.*]] = fx.call "aten::t"(self = %[[B]])
// CHECK: fx.call "_C::rms_norm"(result = %[[T]],
func.func @t_between(%b: !fx.tensor<[4, 2], f32> {fx.donated}, %x: !fx.tensor<[2, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 2], f32> {
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32>
  %t = fx.call "aten::t"(self = %c) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[2, 4], f32>
  fx.call "_C::rms_norm"(result = %t, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %o = fx.call "aten::clone"(self = %c) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32>
  return %o : !fx.tensor<[4, 2], f32>
}
