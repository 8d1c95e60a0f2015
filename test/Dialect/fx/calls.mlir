// A func.call never passes one storage as two tensor arguments: fx functions
// take distinct storage per argument (the passes rely on it).
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_same_value(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  // expected-error @below {{'func.call' op operands 0 and 1 share storage (views of one value, or an alias an op returned): fx functions take distinct storage for each tensor argument; clone one of them}}
  %r = func.call @f(%a, %a) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

func.func @f(%p: !fx.tensor<[4, 4], f32>, %q: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  return %p : !fx.tensor<[4, 4], f32>
}

func.func @negative_views_of_one_value(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %u = "fx.slice"(%a) {dim = 0 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = "fx.slice"(%a) {dim = 0 : i64, start = 4 : i64, end = 8 : i64, step = 1 : i64} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage (views of one value, or an alias an op returned): fx functions take distinct storage for each tensor argument; clone one of them}}
  %r = func.call @f(%u, %v) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}

// -----

func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @clone_first(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @f(%a, %b) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

// A donated parameter may be written by the callee: the caller's own
// argument is not the caller's to give unless it is donated itself.
func.func @negative_donate_argument(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r = func.call @g(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_then_read(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r, %b : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// -----

func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @donate_own(%a: !fx.tensor<[8, 4], f32> {fx.donated}, %c: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = "fx.call"(%c) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @g(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r, %s : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// -----

// An alias an op returns is the same storage: copy_ returns its `self`.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_alias_via_copy(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = "fx.call"(%b, %a) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%b, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A callee that returns (a view of) its argument: its result is the
// caller's operand.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @view_of_arg(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %v = "fx.view"(%t) {shape = [8, 4]} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %v : !fx.tensor<[8, 4], f32>
}

func.func @negative_alias_via_call(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = func.call @view_of_arg(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%b, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A callee that returns storage it creates shares nothing with the caller:
// accepted (the callee's body says so; an unknown callee would not be).
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @fresh(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = "fx.call"(%t) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %c : !fx.tensor<[8, 4], f32>
}

func.func @fresh_result(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @fresh(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @f(%a, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A recursive callee: its result may be anything it was given.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @rec(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @rec(%t) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %c : !fx.tensor<[8, 4], f32>
}

func.func @negative_recursive(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @rec(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%a, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// Donation sees through aliases too: copy_'s result is %b, read later.
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_copy_alias(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = "fx.call"(%a) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = "fx.call"(%b, %a) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r = func.call @g(%c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = "fx.call"(%b) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r, %k : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// -----

// ... and a call's result that is the caller's non-donated argument.
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @id(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %t : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_arg_via_call(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @id(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r = func.call @g(%c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
