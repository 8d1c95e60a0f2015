// fx-fix-functionalization and func.calls: its output must pass the call
// checks (docs/dialect.md) whatever the order in which it writes operands
// in place -- new values of one call or of two calls that meet at a
// func.call, or storage donated through another part of a buffer.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization,fx-verify))' | FileCheck %s

// One call's two new values, two halves of %b, meet at one call.
// CHECK-LABEL: func.func @two_new_values_one_call
// CHECK-COUNT-2: fx.call "aten::clone"
func.func @add_two(%x: !fx.tensor<[4, 4], f32>, %y: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %k = fx.call "aten::add.Tensor"(self = %x, other = %y) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k : !fx.tensor<[4, 4], f32>
}
func.func @two_new_values_one_call(%a: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = fx.slice %b, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %hi = fx.slice %b, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'input': its new value and another operand of the call at loc("meet") would share storage}}
  // expected-remark @below {{cloned operand 'residual': its new value and another operand of the call at loc("meet") would share storage}}
  %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %lo, residual = %hi, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %r = func.call @add_two(%n#0, %n#1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> loc("meet")
  return %r : !fx.tensor<[4, 4], f32>
}

// -----

// One new value donated, its sibling (the other half of %b) read after.
// CHECK-LABEL: func.func @donated_beside_sibling
// CHECK: %[[LO:.*]] = fx.slice
// CHECK: fx.call "aten::clone"(self = %[[LO]])
func.func @gd(%x: !fx.tensor<[4, 4], f32> {fx.donated}, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %x, input = %c, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n : !fx.tensor<[4, 4], f32>
}
func.func @donated_beside_sibling(%a: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = fx.slice %b, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %hi = fx.slice %b, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'input': its storage goes to a donated parameter of the call at loc("donate"), and is used after that call}}
  %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %lo, residual = %hi, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %r = func.call @gd(%n#0, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> loc("donate")
  %k = fx.call "aten::cos"(self = %n#1) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r, %k : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// -----

// Two calls on the two halves of %b: the first half is donated, then the
// second is read after the donating call.
// CHECK-LABEL: func.func @donated_then_other_half
// CHECK: %[[HI:.*]] = fx.slice{{.*}}start = 4
// CHECK: fx.call "aten::clone"(self = %[[HI]])
func.func @gd(%x: !fx.tensor<[4, 4], f32> {fx.donated}, %w: !fx.tensor<[4], f32>) {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %x, input = %c, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return
}
func.func @donated_then_other_half(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = fx.slice %b, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %hi = fx.slice %b, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n1 = fx.auto_functionalized "_C::rms_norm"(result = %lo, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its storage goes to a donated parameter of the call at loc("donate2"), and is used after that call}}
  %n2 = fx.auto_functionalized "_C::rms_norm"(result = %hi, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  func.call @gd(%n1, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> () loc("donate2")
  %k = fx.call "aten::cos"(self = %n2) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %z, %k : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// -----

// A new value given to a func.call: the callee may view (or reshape) it,
// out of the pass's sight, and in place it would get the column slice
// (round 7).
// CHECK-LABEL: func.func @new_value_to_viewing_callee
// CHECK: aten::clone
fx.schema "test::scale_" = "scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"

func.func @views_its_param(%t: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  %v = fx.view %t, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @new_value_to_viewing_callee(%b: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[16], f32> {
  %x = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'self': its new value is viewed at loc("to_callee") (a call whose callee may view or reshape it) and the operand is not known to be contiguous}}
  %n = fx.auto_functionalized "test::scale_"(self = %x) {alpha = 2.0 : f64} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r = func.call @views_its_param(%n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> loc("to_callee")
  return %r : !fx.tensor<[16], f32>
}


// -----

// The new value goes to two calls of a callee that takes no donation: the
// second callee comes from the module's symbol table
// (fxSchemaTableGetCallee) and, found, is no reason to clone.
// CHECK-LABEL: func.func @second_call_not_donated
// CHECK: %[[E:.*]] = fx.call "aten::empty_like"
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"(result = %[[E]],
// CHECK: call @k(%[[E]])
// CHECK: call @k(%[[E]])
// CHECK: fx.call "aten::cos"(self = %[[E]])
func.func @second_call_not_donated(%z: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %e = fx.call "aten::empty_like"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %e, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  func.call @k(%n) : (!fx.tensor<[4, 4], f32>) -> ()
  func.call @k(%n) : (!fx.tensor<[4, 4], f32>) -> ()
  %c = fx.call "aten::cos"(self = %n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
func.func @k(%x: !fx.tensor<[4, 4], f32>) {
  %c = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return
}
