// fx-fix-functionalization and func.calls: its output must pass the call
// checks (docs/dialect.md) whatever the order in which it writes operands
// in place -- new values of one call or of two calls that meet at a
// func.call, or storage donated through another part of a buffer.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization,fx-verify))' | FileCheck %s

// One call's two new values, two halves of %b, meet at one call.
// CHECK-LABEL: func.func @two_new_values_one_call
// CHECK-COUNT-2: target = "aten::clone"
func.func @add_two(%x: !fx.tensor<[4, 4], f32>, %y: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %k = "fx.call"(%x, %y) {target = "aten::add.Tensor", arg_names = ["self", "other"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k : !fx.tensor<[4, 4], f32>
}
func.func @two_new_values_one_call(%a: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = "fx.slice"(%b) {dim = 0 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %hi = "fx.slice"(%b) {dim = 0 : i64, start = 4 : i64, end = 8 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'input': its new value and another operand of the call at loc("meet") would share storage}}
  // expected-remark @below {{cloned operand 'residual': its new value and another operand of the call at loc("meet") would share storage}}
  %n:2 = "fx.auto_functionalized"(%lo, %hi, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %r = func.call @add_two(%n#0, %n#1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> loc("meet")
  return %r : !fx.tensor<[4, 4], f32>
}

// -----

// One new value donated, its sibling (the other half of %b) read after.
// CHECK-LABEL: func.func @donated_beside_sibling
// CHECK: %[[LO:.*]] = "fx.slice"
// CHECK: "fx.call"(%[[LO]]) {{.*}}target = "aten::clone"
func.func @gd(%x: !fx.tensor<[4, 4], f32> {fx.donated}, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %c = "fx.call"(%x) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = "fx.auto_functionalized"(%x, %c, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n : !fx.tensor<[4, 4], f32>
}
func.func @donated_beside_sibling(%a: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = "fx.slice"(%b) {dim = 0 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %hi = "fx.slice"(%b) {dim = 0 : i64, start = 4 : i64, end = 8 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'input': its storage goes to a donated parameter of the call at loc("donate"), and is used after that call}}
  %n:2 = "fx.auto_functionalized"(%lo, %hi, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %r = func.call @gd(%n#0, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> loc("donate")
  %k = "fx.call"(%n#1) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r, %k : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// -----

// Two calls on the two halves of %b: the first half is donated, then the
// second is read after the donating call.
// CHECK-LABEL: func.func @donated_then_other_half
// CHECK: %[[HI:.*]] = "fx.slice"{{.*}}start = 4
// CHECK: "fx.call"(%[[HI]]) {{.*}}target = "aten::clone"
func.func @gd(%x: !fx.tensor<[4, 4], f32> {fx.donated}, %w: !fx.tensor<[4], f32>) {
  %c = "fx.call"(%x) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = "fx.auto_functionalized"(%x, %c, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return
}
func.func @donated_then_other_half(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %lo = "fx.slice"(%b) {dim = 0 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %hi = "fx.slice"(%b) {dim = 0 : i64, start = 4 : i64, end = 8 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n1 = "fx.auto_functionalized"(%lo, %z, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its storage goes to a donated parameter of the call at loc("donate2"), and is used after that call}}
  %n2 = "fx.auto_functionalized"(%hi, %z, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  func.call @gd(%n1, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> () loc("donate2")
  %k = "fx.call"(%n2) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %z, %k : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// -----

// A new value given to a func.call: the callee may view (or reshape) it,
// out of the pass's sight, and in place it would get the column slice
// (round 7).
// CHECK-LABEL: func.func @new_value_to_viewing_callee
// CHECK: aten::clone
"fx.schema"() {name = "test::scale_", signature = "scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"} : () -> ()

func.func @views_its_param(%t: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  %v = "fx.view"(%t) {shape = [16]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32>
  %c = "fx.call"(%v) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @new_value_to_viewing_callee(%b: !fx.tensor<[4, 8], f32> {fx.donated}) -> !fx.tensor<[16], f32> {
  %x = "fx.slice"(%b) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'self': its new value is viewed at loc("to_callee") (a call whose callee may view or reshape it) and the operand is not known to be contiguous}}
  %n = "fx.auto_functionalized"(%x) {target = "test::scale_", arg_names = ["self"], args = {alpha = 2.0 : f64}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r = func.call @views_its_param(%n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> loc("to_callee")
  return %r : !fx.tensor<[16], f32>
}

