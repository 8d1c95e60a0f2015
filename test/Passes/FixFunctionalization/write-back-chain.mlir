// A non-donated argument mutated by a chain of calls and written back once
// by a final aten::copy_ (vLLM's residual stream in a piecewise submodule):
// every link goes in place and the copy_ disappears (passes.md, rule (c')).
// Each way the early write could be observed keeps the clone, with a remark.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// Any order and repeated: the same in-place IR.
// RUN: fx-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce,fx-fix-functionalization,fx-noop-elimination))' 2>/dev/null | FileCheck %s --check-prefix=ORDER

// CHECK-LABEL: func.func @residual_chain
// CHECK-SAME: {fx.donated}, %[[R:[^:]*]]:
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::fused_add_rms_norm"(input = %{{[^,]*}}, residual = %[[R]],
// CHECK: fx.call "_C::fused_add_rms_norm"(input = %{{[^,]*}}, residual = %[[R]],
// CHECK-NOT: aten::copy_
// CHECK: return
// ORDER-LABEL: func.func @residual_chain
// ORDER-NOT: aten::clone
// ORDER-NOT: aten::copy_
// ORDER: return
func.func @residual_chain(%x: !fx.tensor<["s0", 64], f16> {fx.donated}, %r: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> !fx.tensor<["s0", 64], f16> {
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  %m = fx.call "aten::mul.Tensor"(self = %0#0, other = %0#0) : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %1:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %m, residual = %0#1, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  %c = fx.call "aten::copy_"(self = %r, src = %1#1) : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  return %1#0 : !fx.tensor<["s0", 64], f16>
}

// -----

// The first link's new value is read after the copy_: written in place it
// would read the copied-back value instead.
// CHECK-LABEL: func.func @negative_new_value_read_after_copy
// CHECK: aten::clone
// CHECK: aten::copy_
func.func @negative_new_value_read_after_copy(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %late = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0, %late : !fx.tensor<[8], f32>, !fx.tensor<[8], f32>
}

// -----

// ... or returned (a use after the copy_ too).
// CHECK-LABEL: func.func @negative_new_value_returned
// CHECK: aten::clone
func.func @negative_new_value_returned(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0, %0#1 : !fx.tensor<[8], f32>, !fx.tensor<[8], f32>
}

// -----

// ... or read through a view made before the copy_ and read after it.
// CHECK-LABEL: func.func @negative_view_read_after_copy
// CHECK: aten::clone
func.func @negative_view_read_after_copy(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[4], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %s = fx.slice %0#1, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8], f32> -> !fx.tensor<[4], f32>
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %late = fx.call "aten::cos"(self = %s) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0#0, %late : !fx.tensor<[8], f32>, !fx.tensor<[4], f32>
}

// -----

// The copy_'s result (the argument again) is used: kept apart.
// CHECK-LABEL: func.func @negative_copy_result_used
// CHECK: aten::clone
func.func @negative_copy_result_used(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0, %c : !fx.tensor<[8], f32>, !fx.tensor<[8], f32>
}

// -----

// A copy_ into part of the argument does not restore all of it.
// CHECK-LABEL: func.func @negative_partial_copy
// CHECK: aten::clone
func.func @negative_partial_copy(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>, %y: !fx.tensor<[4], f32>) -> !fx.tensor<[8], f32> {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %s = fx.slice %r, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8], f32> -> !fx.tensor<[4], f32>
  %c = fx.call "aten::copy_"(self = %s, src = %y) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0#0 : !fx.tensor<[8], f32>
}

// -----

// The old contents are read after the call (rule a), copy_ or not.
// CHECK-LABEL: func.func @negative_old_value_read
// CHECK: aten::clone
func.func @negative_old_value_read(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is read after the call at}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %old = fx.call "aten::cos"(self = %r) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0, %old : !fx.tensor<[8], f32>, !fx.tensor<[8], f32>
}

// -----

// Two copy_ into the argument: the first one bounds the new value's uses
// (read between the two, it would see the first copy's value).
// CHECK-LABEL: func.func @negative_read_between_copies
// CHECK: aten::clone
func.func @negative_read_between_copies(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) {
  // expected-remark @below {{cloned operand 'residual': it is function argument 1, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %t = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c1 = fx.call "aten::copy_"(self = %r, src = %t) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %mid = fx.call "aten::cos"(self = %0#1) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %c2 = fx.call "aten::copy_"(self = %r, src = %mid) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0, %t : !fx.tensor<[8], f32>, !fx.tensor<[8], f32>
}

// -----

// The copy_'s src reads the argument's old contents (adversary round, three
// shapes): only its `self` is exempt from rule (a), so the residual is
// cloned.  copy_(r, r):
// CHECK-LABEL: func.func @negative_src_is_the_argument
// CHECK: aten::clone
func.func @negative_src_is_the_argument(%x: !fx.tensor<[8], f32> {fx.donated}, %r: !fx.tensor<[8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32> {
  // expected-remark @below {{cloned operand 'residual': it is read after the call at}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %c = fx.call "aten::copy_"(self = %r, src = %r) : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %0#0 : !fx.tensor<[8], f32>
}

// -----

// ... a view of the argument made before the call:
// CHECK-LABEL: func.func @negative_src_views_the_argument
// CHECK: aten::clone
func.func @negative_src_views_the_argument(%x: !fx.tensor<[2, 4], f32> {fx.donated}, %r: !fx.tensor<[2, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[2, 4], f32> {
  %s = fx.slice %r, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[1, 4], f32>
  // expected-remark @below {{cloned operand 'residual': it is read after the call at}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>)
  %c = fx.call "aten::copy_"(self = %r, src = %s) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[2, 4], f32>
  return %0#0 : !fx.tensor<[2, 4], f32>
}

// -----

// ... a slice_scatter of the argument that keeps some of its old rows:
// CHECK-LABEL: func.func @negative_src_scatters_into_the_argument
// CHECK: aten::clone
func.func @negative_src_scatters_into_the_argument(%x: !fx.tensor<[4, 8], f32> {fx.donated}, %r: !fx.tensor<[4, 8], f32>, %w: !fx.tensor<[8], f32>, %y: !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32> {
  // expected-remark @below {{cloned operand 'residual': it is read after the call at}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>)
  %sc = fx.slice_scatter %r, %y, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.call "aten::copy_"(self = %r, src = %sc) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  return %0#0 : !fx.tensor<[4, 8], f32>
}
