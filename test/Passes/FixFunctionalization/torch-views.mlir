// torch's view ops as fx.call (aten::t, permute, select.int, ...) are views
// in the storage model (passes.md, "Storage and regions"): a view of fresh
// storage is written in place like an fx.slice of it, and a use through a
// view counts where a use of a slice would.  Their element order is not
// followed, so a slice of one, or a select, is a superset of its elements.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// Each function is bit-identical with and without the passes, in every
// pass order.
// RUN: rm -rf %t && mkdir -p %t
// RUN: for e in t_of_fresh permute_of_empty negative_read_through_t negative_selects_of_one_buffer negative_slice_of_t_overlaps negative_expand_written negative_as_strided_repeats negative_v2_base_expanded; do \
// RUN:   fx-run %s --entry=$e --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=EXEC || exit 1; done
// EXEC: out0: bit-identical

// Inductor's form: a fresh buffer seen through aten::t.
// CHECK-LABEL: func.func @t_of_fresh
// CHECK: %[[E:.*]] = fx.call "aten::cos"
// CHECK: %[[T:.*]] = fx.call "aten::t"(self = %[[E]])
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"(result = %[[T]],
// CHECK: return %[[T]]
func.func @t_of_fresh(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32> {
  %e = fx.call "aten::cos"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %t = fx.call "aten::t"(self = %e) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 8], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %t, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32>
  return %n : !fx.tensor<[4, 8], f32>
}

// Inductor's empty.memory_format + identity permute.
// CHECK-LABEL: func.func @permute_of_empty
// CHECK: %[[P:.*]] = fx.call "aten::permute"
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"(result = %[[P]],
func.func @permute_of_empty(%x: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32> {
  %e = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %p = fx.call "aten::permute"(self = %e) {dims = [0, 1]} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %p, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32>
  return %n : !fx.tensor<[4, 8], f32>
}

// The operand's old contents read through aten::t after the call: rule (a).
// CHECK-LABEL: func.func @negative_read_through_t
// CHECK: aten::clone
func.func @negative_read_through_t(%a: !fx.tensor<[4, 8], f32>, %x: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::cos"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.call "aten::t"(self = %b) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-remark @below {{cloned operand 'result': it is read after the call at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %b, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32>
  %o = fx.call "aten::clone"(self = %t) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %n, %o : !fx.tensor<[4, 8], f32>, !fx.tensor<[8, 4], f32>
}

// Two selects of one buffer: disjoint, but the model keeps a select as a
// superset (all of its operand), so the two operands may overlap: rule (b).
// CHECK-LABEL: func.func @negative_selects_of_one_buffer
// CHECK: aten::clone
func.func @negative_selects_of_one_buffer(%a: !fx.tensor<[2, 3, 8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) {
  %b = fx.call "aten::cos"(self = %a) : (!fx.tensor<[2, 3, 8], f32>) -> !fx.tensor<[2, 3, 8], f32>
  %i = fx.call "aten::select.int"(self = %b) {dim = 0, index = 0} : (!fx.tensor<[2, 3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %r = fx.call "aten::select.int"(self = %b) {dim = 0, index = 1} : (!fx.tensor<[2, 3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{cloned operand 'input': operand 'residual' of the same call may share its storage (a torch view that picks elements (select, as_strided) is not placed by the region model)}}
  %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %i, residual = %r, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>)
  return %n#0, %n#1 : !fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>
}

// A row slice of aten::t(b) is a column block of b, which rows 4..7 of b
// overlap: the model must not place it as rows 0..3 of b (rule (b)).
// CHECK-LABEL: func.func @negative_slice_of_t_overlaps
// CHECK: aten::clone
func.func @negative_slice_of_t_overlaps(%a: !fx.tensor<[8, 8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) {
  %b = fx.call "aten::cos"(self = %a) : (!fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %t = fx.call "aten::t"(self = %b) : (!fx.tensor<[8, 8], f32>) -> !fx.tensor<[8, 8], f32>
  %s = fx.slice %t, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[4, 8], f32>
  %r = fx.slice %b, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 8], f32> -> !fx.tensor<[4, 8], f32>
  // expected-remark @below {{cloned operand 'input': operand 'residual' of the same call may share its storage (the region model does not follow the element order of a torch view (t, permute, ...))}}
  %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %s, residual = %r, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>)
  return %n#0, %n#1 : !fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>
}

// An expanded operand repeats memory locations; the functional call's new
// value has one per element, so in place the rows would overwrite each
// other.
// CHECK-LABEL: func.func @negative_expand_written
// CHECK: aten::clone
func.func @negative_expand_written(%a: !fx.tensor<[1, 8], f32>, %x: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32> {
  %e = fx.call "aten::cos"(self = %a) : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[1, 8], f32>
  %t = fx.call "aten::expand"(self = %e) {size = [4, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[4, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the aten::expand at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %t, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32>
  return %n : !fx.tensor<[4, 8], f32>
}

// The same through as_strided with overlapping rows (stride 2 < 8), then a
// slice of it.
// CHECK-LABEL: func.func @negative_as_strided_repeats
// CHECK: aten::clone
func.func @negative_as_strided_repeats(%a: !fx.tensor<[16], f32>, %x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %e = fx.call "aten::cos"(self = %a) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %v = fx.call "aten::as_strided"(self = %e) {size = [4, 8], stride = [2, 1], storage_offset = 0} : (!fx.tensor<[16], f32>) -> !fx.tensor<[4, 8], f32>
  %s = fx.slice %v, dim = 0, start = 1, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the aten::as_strided at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %s, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

// auto_functionalized_v2 whose base is an expanded view: its clone has one
// location per element, the base does not.
// CHECK-LABEL: func.func @negative_v2_base_expanded
// CHECK: aten::clone
func.func @negative_v2_base_expanded(%a: !fx.tensor<[1, 8], f32>, %x: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[4, 8], f32> {
  %e = fx.call "aten::cos"(self = %a) : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[1, 8], f32>
  %b = fx.call "aten::expand"(self = %e) {size = [4, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[4, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the aten::expand at}}
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  fx.call "_C::rms_norm"(result = %c, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> ()
  return %c : !fx.tensor<[4, 8], f32>
}
