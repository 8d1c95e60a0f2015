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
  %u = fx.slice %a, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %v = fx.slice %a, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage (views of one value, or an alias an op returned): fx functions take distinct storage for each tensor argument; clone one of them}}
  %r = func.call @f(%u, %v) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}

// -----

func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @clone_first(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
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
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view or an alias of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r = func.call @g(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_then_read(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r, %b : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// -----

func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @donate_own(%a: !fx.tensor<[8, 4], f32> {fx.donated}, %c: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
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
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %b, src = %a) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
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
  %v = fx.view %t, shape = [8, 4] : !fx.tensor<[8, 4], f32> -> !fx.tensor<[8, 4], f32>
  return %v : !fx.tensor<[8, 4], f32>
}

func.func @negative_alias_via_call(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = func.call @view_of_arg(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%b, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// The callee's body is not looked at (function passes may be rewriting it
// on another thread): a call's result may be any of its operands, even
// where the callee returns storage it creates.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @fresh(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = fx.call "aten::clone"(self = %t) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %c : !fx.tensor<[8, 4], f32>
}

func.func @negative_call_result_and_its_operand(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @fresh(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%a, %c) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A call's result and a clone of its operand are distinct.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @id(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %t : !fx.tensor<[8, 4], f32>
}

func.func @call_result_and_a_clone(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c = func.call @id(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @f(%c, %k) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// Two results of one call may be one buffer (C3: `return %c, %c`).
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @twice(%t: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %c = fx.call "aten::clone"(self = %t) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %c, %c : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

func.func @negative_two_results_of_one_call(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %t:2 = func.call @twice(%b) : (!fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>)
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%t#0, %t#1) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// Donation: an alias made before the call and read after it is the
// donated storage used after the call (C1).
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @id(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %t : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_then_read_alias(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = func.call @id(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r, %k : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// -----

// The donating call's own result is what the callee returns, not a use.
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @donate_and_use_result(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %r) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %k : !fx.tensor<[8, 4], f32>
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
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %b, src = %a) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r = func.call @g(%c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
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
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view or an alias of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r = func.call @g(%c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A chain of 300 copy_ into one buffer is one storage, followed without
// recursion (C5: a depth limit of 64 once called this a share).
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @long_copy_chain(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c0 = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c1 = fx.call "aten::copy_"(self = %c0, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c2 = fx.call "aten::copy_"(self = %c1, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c3 = fx.call "aten::copy_"(self = %c2, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c4 = fx.call "aten::copy_"(self = %c3, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c5 = fx.call "aten::copy_"(self = %c4, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c6 = fx.call "aten::copy_"(self = %c5, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c7 = fx.call "aten::copy_"(self = %c6, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c8 = fx.call "aten::copy_"(self = %c7, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c9 = fx.call "aten::copy_"(self = %c8, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c10 = fx.call "aten::copy_"(self = %c9, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c11 = fx.call "aten::copy_"(self = %c10, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c12 = fx.call "aten::copy_"(self = %c11, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c13 = fx.call "aten::copy_"(self = %c12, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c14 = fx.call "aten::copy_"(self = %c13, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c15 = fx.call "aten::copy_"(self = %c14, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c16 = fx.call "aten::copy_"(self = %c15, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c17 = fx.call "aten::copy_"(self = %c16, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c18 = fx.call "aten::copy_"(self = %c17, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c19 = fx.call "aten::copy_"(self = %c18, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c20 = fx.call "aten::copy_"(self = %c19, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c21 = fx.call "aten::copy_"(self = %c20, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c22 = fx.call "aten::copy_"(self = %c21, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c23 = fx.call "aten::copy_"(self = %c22, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c24 = fx.call "aten::copy_"(self = %c23, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c25 = fx.call "aten::copy_"(self = %c24, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c26 = fx.call "aten::copy_"(self = %c25, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c27 = fx.call "aten::copy_"(self = %c26, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c28 = fx.call "aten::copy_"(self = %c27, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c29 = fx.call "aten::copy_"(self = %c28, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c30 = fx.call "aten::copy_"(self = %c29, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c31 = fx.call "aten::copy_"(self = %c30, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c32 = fx.call "aten::copy_"(self = %c31, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c33 = fx.call "aten::copy_"(self = %c32, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c34 = fx.call "aten::copy_"(self = %c33, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c35 = fx.call "aten::copy_"(self = %c34, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c36 = fx.call "aten::copy_"(self = %c35, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c37 = fx.call "aten::copy_"(self = %c36, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c38 = fx.call "aten::copy_"(self = %c37, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c39 = fx.call "aten::copy_"(self = %c38, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c40 = fx.call "aten::copy_"(self = %c39, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c41 = fx.call "aten::copy_"(self = %c40, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c42 = fx.call "aten::copy_"(self = %c41, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c43 = fx.call "aten::copy_"(self = %c42, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c44 = fx.call "aten::copy_"(self = %c43, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c45 = fx.call "aten::copy_"(self = %c44, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c46 = fx.call "aten::copy_"(self = %c45, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c47 = fx.call "aten::copy_"(self = %c46, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c48 = fx.call "aten::copy_"(self = %c47, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c49 = fx.call "aten::copy_"(self = %c48, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c50 = fx.call "aten::copy_"(self = %c49, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c51 = fx.call "aten::copy_"(self = %c50, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c52 = fx.call "aten::copy_"(self = %c51, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c53 = fx.call "aten::copy_"(self = %c52, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c54 = fx.call "aten::copy_"(self = %c53, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c55 = fx.call "aten::copy_"(self = %c54, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c56 = fx.call "aten::copy_"(self = %c55, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c57 = fx.call "aten::copy_"(self = %c56, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c58 = fx.call "aten::copy_"(self = %c57, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c59 = fx.call "aten::copy_"(self = %c58, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c60 = fx.call "aten::copy_"(self = %c59, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c61 = fx.call "aten::copy_"(self = %c60, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c62 = fx.call "aten::copy_"(self = %c61, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c63 = fx.call "aten::copy_"(self = %c62, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c64 = fx.call "aten::copy_"(self = %c63, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c65 = fx.call "aten::copy_"(self = %c64, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c66 = fx.call "aten::copy_"(self = %c65, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c67 = fx.call "aten::copy_"(self = %c66, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c68 = fx.call "aten::copy_"(self = %c67, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c69 = fx.call "aten::copy_"(self = %c68, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c70 = fx.call "aten::copy_"(self = %c69, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c71 = fx.call "aten::copy_"(self = %c70, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c72 = fx.call "aten::copy_"(self = %c71, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c73 = fx.call "aten::copy_"(self = %c72, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c74 = fx.call "aten::copy_"(self = %c73, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c75 = fx.call "aten::copy_"(self = %c74, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c76 = fx.call "aten::copy_"(self = %c75, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c77 = fx.call "aten::copy_"(self = %c76, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c78 = fx.call "aten::copy_"(self = %c77, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c79 = fx.call "aten::copy_"(self = %c78, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c80 = fx.call "aten::copy_"(self = %c79, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c81 = fx.call "aten::copy_"(self = %c80, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c82 = fx.call "aten::copy_"(self = %c81, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c83 = fx.call "aten::copy_"(self = %c82, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c84 = fx.call "aten::copy_"(self = %c83, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c85 = fx.call "aten::copy_"(self = %c84, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c86 = fx.call "aten::copy_"(self = %c85, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c87 = fx.call "aten::copy_"(self = %c86, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c88 = fx.call "aten::copy_"(self = %c87, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c89 = fx.call "aten::copy_"(self = %c88, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c90 = fx.call "aten::copy_"(self = %c89, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c91 = fx.call "aten::copy_"(self = %c90, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c92 = fx.call "aten::copy_"(self = %c91, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c93 = fx.call "aten::copy_"(self = %c92, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c94 = fx.call "aten::copy_"(self = %c93, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c95 = fx.call "aten::copy_"(self = %c94, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c96 = fx.call "aten::copy_"(self = %c95, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c97 = fx.call "aten::copy_"(self = %c96, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c98 = fx.call "aten::copy_"(self = %c97, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c99 = fx.call "aten::copy_"(self = %c98, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c100 = fx.call "aten::copy_"(self = %c99, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c101 = fx.call "aten::copy_"(self = %c100, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c102 = fx.call "aten::copy_"(self = %c101, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c103 = fx.call "aten::copy_"(self = %c102, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c104 = fx.call "aten::copy_"(self = %c103, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c105 = fx.call "aten::copy_"(self = %c104, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c106 = fx.call "aten::copy_"(self = %c105, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c107 = fx.call "aten::copy_"(self = %c106, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c108 = fx.call "aten::copy_"(self = %c107, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c109 = fx.call "aten::copy_"(self = %c108, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c110 = fx.call "aten::copy_"(self = %c109, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c111 = fx.call "aten::copy_"(self = %c110, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c112 = fx.call "aten::copy_"(self = %c111, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c113 = fx.call "aten::copy_"(self = %c112, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c114 = fx.call "aten::copy_"(self = %c113, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c115 = fx.call "aten::copy_"(self = %c114, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c116 = fx.call "aten::copy_"(self = %c115, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c117 = fx.call "aten::copy_"(self = %c116, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c118 = fx.call "aten::copy_"(self = %c117, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c119 = fx.call "aten::copy_"(self = %c118, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c120 = fx.call "aten::copy_"(self = %c119, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c121 = fx.call "aten::copy_"(self = %c120, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c122 = fx.call "aten::copy_"(self = %c121, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c123 = fx.call "aten::copy_"(self = %c122, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c124 = fx.call "aten::copy_"(self = %c123, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c125 = fx.call "aten::copy_"(self = %c124, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c126 = fx.call "aten::copy_"(self = %c125, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c127 = fx.call "aten::copy_"(self = %c126, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c128 = fx.call "aten::copy_"(self = %c127, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c129 = fx.call "aten::copy_"(self = %c128, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c130 = fx.call "aten::copy_"(self = %c129, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c131 = fx.call "aten::copy_"(self = %c130, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c132 = fx.call "aten::copy_"(self = %c131, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c133 = fx.call "aten::copy_"(self = %c132, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c134 = fx.call "aten::copy_"(self = %c133, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c135 = fx.call "aten::copy_"(self = %c134, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c136 = fx.call "aten::copy_"(self = %c135, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c137 = fx.call "aten::copy_"(self = %c136, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c138 = fx.call "aten::copy_"(self = %c137, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c139 = fx.call "aten::copy_"(self = %c138, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c140 = fx.call "aten::copy_"(self = %c139, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c141 = fx.call "aten::copy_"(self = %c140, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c142 = fx.call "aten::copy_"(self = %c141, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c143 = fx.call "aten::copy_"(self = %c142, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c144 = fx.call "aten::copy_"(self = %c143, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c145 = fx.call "aten::copy_"(self = %c144, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c146 = fx.call "aten::copy_"(self = %c145, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c147 = fx.call "aten::copy_"(self = %c146, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c148 = fx.call "aten::copy_"(self = %c147, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c149 = fx.call "aten::copy_"(self = %c148, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c150 = fx.call "aten::copy_"(self = %c149, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c151 = fx.call "aten::copy_"(self = %c150, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c152 = fx.call "aten::copy_"(self = %c151, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c153 = fx.call "aten::copy_"(self = %c152, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c154 = fx.call "aten::copy_"(self = %c153, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c155 = fx.call "aten::copy_"(self = %c154, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c156 = fx.call "aten::copy_"(self = %c155, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c157 = fx.call "aten::copy_"(self = %c156, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c158 = fx.call "aten::copy_"(self = %c157, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c159 = fx.call "aten::copy_"(self = %c158, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c160 = fx.call "aten::copy_"(self = %c159, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c161 = fx.call "aten::copy_"(self = %c160, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c162 = fx.call "aten::copy_"(self = %c161, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c163 = fx.call "aten::copy_"(self = %c162, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c164 = fx.call "aten::copy_"(self = %c163, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c165 = fx.call "aten::copy_"(self = %c164, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c166 = fx.call "aten::copy_"(self = %c165, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c167 = fx.call "aten::copy_"(self = %c166, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c168 = fx.call "aten::copy_"(self = %c167, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c169 = fx.call "aten::copy_"(self = %c168, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c170 = fx.call "aten::copy_"(self = %c169, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c171 = fx.call "aten::copy_"(self = %c170, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c172 = fx.call "aten::copy_"(self = %c171, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c173 = fx.call "aten::copy_"(self = %c172, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c174 = fx.call "aten::copy_"(self = %c173, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c175 = fx.call "aten::copy_"(self = %c174, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c176 = fx.call "aten::copy_"(self = %c175, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c177 = fx.call "aten::copy_"(self = %c176, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c178 = fx.call "aten::copy_"(self = %c177, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c179 = fx.call "aten::copy_"(self = %c178, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c180 = fx.call "aten::copy_"(self = %c179, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c181 = fx.call "aten::copy_"(self = %c180, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c182 = fx.call "aten::copy_"(self = %c181, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c183 = fx.call "aten::copy_"(self = %c182, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c184 = fx.call "aten::copy_"(self = %c183, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c185 = fx.call "aten::copy_"(self = %c184, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c186 = fx.call "aten::copy_"(self = %c185, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c187 = fx.call "aten::copy_"(self = %c186, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c188 = fx.call "aten::copy_"(self = %c187, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c189 = fx.call "aten::copy_"(self = %c188, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c190 = fx.call "aten::copy_"(self = %c189, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c191 = fx.call "aten::copy_"(self = %c190, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c192 = fx.call "aten::copy_"(self = %c191, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c193 = fx.call "aten::copy_"(self = %c192, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c194 = fx.call "aten::copy_"(self = %c193, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c195 = fx.call "aten::copy_"(self = %c194, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c196 = fx.call "aten::copy_"(self = %c195, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c197 = fx.call "aten::copy_"(self = %c196, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c198 = fx.call "aten::copy_"(self = %c197, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c199 = fx.call "aten::copy_"(self = %c198, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c200 = fx.call "aten::copy_"(self = %c199, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c201 = fx.call "aten::copy_"(self = %c200, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c202 = fx.call "aten::copy_"(self = %c201, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c203 = fx.call "aten::copy_"(self = %c202, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c204 = fx.call "aten::copy_"(self = %c203, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c205 = fx.call "aten::copy_"(self = %c204, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c206 = fx.call "aten::copy_"(self = %c205, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c207 = fx.call "aten::copy_"(self = %c206, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c208 = fx.call "aten::copy_"(self = %c207, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c209 = fx.call "aten::copy_"(self = %c208, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c210 = fx.call "aten::copy_"(self = %c209, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c211 = fx.call "aten::copy_"(self = %c210, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c212 = fx.call "aten::copy_"(self = %c211, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c213 = fx.call "aten::copy_"(self = %c212, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c214 = fx.call "aten::copy_"(self = %c213, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c215 = fx.call "aten::copy_"(self = %c214, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c216 = fx.call "aten::copy_"(self = %c215, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c217 = fx.call "aten::copy_"(self = %c216, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c218 = fx.call "aten::copy_"(self = %c217, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c219 = fx.call "aten::copy_"(self = %c218, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c220 = fx.call "aten::copy_"(self = %c219, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c221 = fx.call "aten::copy_"(self = %c220, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c222 = fx.call "aten::copy_"(self = %c221, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c223 = fx.call "aten::copy_"(self = %c222, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c224 = fx.call "aten::copy_"(self = %c223, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c225 = fx.call "aten::copy_"(self = %c224, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c226 = fx.call "aten::copy_"(self = %c225, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c227 = fx.call "aten::copy_"(self = %c226, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c228 = fx.call "aten::copy_"(self = %c227, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c229 = fx.call "aten::copy_"(self = %c228, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c230 = fx.call "aten::copy_"(self = %c229, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c231 = fx.call "aten::copy_"(self = %c230, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c232 = fx.call "aten::copy_"(self = %c231, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c233 = fx.call "aten::copy_"(self = %c232, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c234 = fx.call "aten::copy_"(self = %c233, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c235 = fx.call "aten::copy_"(self = %c234, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c236 = fx.call "aten::copy_"(self = %c235, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c237 = fx.call "aten::copy_"(self = %c236, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c238 = fx.call "aten::copy_"(self = %c237, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c239 = fx.call "aten::copy_"(self = %c238, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c240 = fx.call "aten::copy_"(self = %c239, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c241 = fx.call "aten::copy_"(self = %c240, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c242 = fx.call "aten::copy_"(self = %c241, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c243 = fx.call "aten::copy_"(self = %c242, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c244 = fx.call "aten::copy_"(self = %c243, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c245 = fx.call "aten::copy_"(self = %c244, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c246 = fx.call "aten::copy_"(self = %c245, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c247 = fx.call "aten::copy_"(self = %c246, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c248 = fx.call "aten::copy_"(self = %c247, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c249 = fx.call "aten::copy_"(self = %c248, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c250 = fx.call "aten::copy_"(self = %c249, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c251 = fx.call "aten::copy_"(self = %c250, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c252 = fx.call "aten::copy_"(self = %c251, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c253 = fx.call "aten::copy_"(self = %c252, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c254 = fx.call "aten::copy_"(self = %c253, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c255 = fx.call "aten::copy_"(self = %c254, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c256 = fx.call "aten::copy_"(self = %c255, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c257 = fx.call "aten::copy_"(self = %c256, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c258 = fx.call "aten::copy_"(self = %c257, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c259 = fx.call "aten::copy_"(self = %c258, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c260 = fx.call "aten::copy_"(self = %c259, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c261 = fx.call "aten::copy_"(self = %c260, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c262 = fx.call "aten::copy_"(self = %c261, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c263 = fx.call "aten::copy_"(self = %c262, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c264 = fx.call "aten::copy_"(self = %c263, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c265 = fx.call "aten::copy_"(self = %c264, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c266 = fx.call "aten::copy_"(self = %c265, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c267 = fx.call "aten::copy_"(self = %c266, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c268 = fx.call "aten::copy_"(self = %c267, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c269 = fx.call "aten::copy_"(self = %c268, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c270 = fx.call "aten::copy_"(self = %c269, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c271 = fx.call "aten::copy_"(self = %c270, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c272 = fx.call "aten::copy_"(self = %c271, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c273 = fx.call "aten::copy_"(self = %c272, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c274 = fx.call "aten::copy_"(self = %c273, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c275 = fx.call "aten::copy_"(self = %c274, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c276 = fx.call "aten::copy_"(self = %c275, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c277 = fx.call "aten::copy_"(self = %c276, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c278 = fx.call "aten::copy_"(self = %c277, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c279 = fx.call "aten::copy_"(self = %c278, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c280 = fx.call "aten::copy_"(self = %c279, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c281 = fx.call "aten::copy_"(self = %c280, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c282 = fx.call "aten::copy_"(self = %c281, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c283 = fx.call "aten::copy_"(self = %c282, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c284 = fx.call "aten::copy_"(self = %c283, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c285 = fx.call "aten::copy_"(self = %c284, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c286 = fx.call "aten::copy_"(self = %c285, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c287 = fx.call "aten::copy_"(self = %c286, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c288 = fx.call "aten::copy_"(self = %c287, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c289 = fx.call "aten::copy_"(self = %c288, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c290 = fx.call "aten::copy_"(self = %c289, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c291 = fx.call "aten::copy_"(self = %c290, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c292 = fx.call "aten::copy_"(self = %c291, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c293 = fx.call "aten::copy_"(self = %c292, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c294 = fx.call "aten::copy_"(self = %c293, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c295 = fx.call "aten::copy_"(self = %c294, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c296 = fx.call "aten::copy_"(self = %c295, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c297 = fx.call "aten::copy_"(self = %c296, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c298 = fx.call "aten::copy_"(self = %c297, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c299 = fx.call "aten::copy_"(self = %c298, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c300 = fx.call "aten::copy_"(self = %c299, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %o = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = func.call @f(%c300, %o) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// ... and the chain still ends at its buffer: passing it with that buffer is
// a share.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_copy_chain_and_its_buffer(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c0 = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c1 = fx.call "aten::copy_"(self = %c0, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c2 = fx.call "aten::copy_"(self = %c1, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c3 = fx.call "aten::copy_"(self = %c2, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c4 = fx.call "aten::copy_"(self = %c3, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c5 = fx.call "aten::copy_"(self = %c4, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c6 = fx.call "aten::copy_"(self = %c5, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c7 = fx.call "aten::copy_"(self = %c6, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c8 = fx.call "aten::copy_"(self = %c7, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c9 = fx.call "aten::copy_"(self = %c8, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c10 = fx.call "aten::copy_"(self = %c9, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c11 = fx.call "aten::copy_"(self = %c10, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c12 = fx.call "aten::copy_"(self = %c11, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c13 = fx.call "aten::copy_"(self = %c12, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c14 = fx.call "aten::copy_"(self = %c13, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c15 = fx.call "aten::copy_"(self = %c14, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c16 = fx.call "aten::copy_"(self = %c15, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c17 = fx.call "aten::copy_"(self = %c16, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c18 = fx.call "aten::copy_"(self = %c17, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c19 = fx.call "aten::copy_"(self = %c18, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c20 = fx.call "aten::copy_"(self = %c19, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c21 = fx.call "aten::copy_"(self = %c20, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c22 = fx.call "aten::copy_"(self = %c21, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c23 = fx.call "aten::copy_"(self = %c22, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c24 = fx.call "aten::copy_"(self = %c23, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c25 = fx.call "aten::copy_"(self = %c24, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c26 = fx.call "aten::copy_"(self = %c25, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c27 = fx.call "aten::copy_"(self = %c26, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c28 = fx.call "aten::copy_"(self = %c27, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c29 = fx.call "aten::copy_"(self = %c28, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c30 = fx.call "aten::copy_"(self = %c29, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c31 = fx.call "aten::copy_"(self = %c30, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c32 = fx.call "aten::copy_"(self = %c31, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c33 = fx.call "aten::copy_"(self = %c32, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c34 = fx.call "aten::copy_"(self = %c33, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c35 = fx.call "aten::copy_"(self = %c34, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c36 = fx.call "aten::copy_"(self = %c35, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c37 = fx.call "aten::copy_"(self = %c36, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c38 = fx.call "aten::copy_"(self = %c37, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c39 = fx.call "aten::copy_"(self = %c38, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c40 = fx.call "aten::copy_"(self = %c39, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c41 = fx.call "aten::copy_"(self = %c40, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c42 = fx.call "aten::copy_"(self = %c41, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c43 = fx.call "aten::copy_"(self = %c42, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c44 = fx.call "aten::copy_"(self = %c43, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c45 = fx.call "aten::copy_"(self = %c44, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c46 = fx.call "aten::copy_"(self = %c45, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c47 = fx.call "aten::copy_"(self = %c46, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c48 = fx.call "aten::copy_"(self = %c47, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c49 = fx.call "aten::copy_"(self = %c48, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c50 = fx.call "aten::copy_"(self = %c49, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c51 = fx.call "aten::copy_"(self = %c50, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c52 = fx.call "aten::copy_"(self = %c51, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c53 = fx.call "aten::copy_"(self = %c52, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c54 = fx.call "aten::copy_"(self = %c53, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c55 = fx.call "aten::copy_"(self = %c54, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c56 = fx.call "aten::copy_"(self = %c55, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c57 = fx.call "aten::copy_"(self = %c56, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c58 = fx.call "aten::copy_"(self = %c57, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c59 = fx.call "aten::copy_"(self = %c58, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c60 = fx.call "aten::copy_"(self = %c59, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c61 = fx.call "aten::copy_"(self = %c60, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c62 = fx.call "aten::copy_"(self = %c61, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c63 = fx.call "aten::copy_"(self = %c62, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c64 = fx.call "aten::copy_"(self = %c63, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c65 = fx.call "aten::copy_"(self = %c64, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c66 = fx.call "aten::copy_"(self = %c65, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c67 = fx.call "aten::copy_"(self = %c66, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c68 = fx.call "aten::copy_"(self = %c67, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c69 = fx.call "aten::copy_"(self = %c68, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c70 = fx.call "aten::copy_"(self = %c69, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c71 = fx.call "aten::copy_"(self = %c70, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c72 = fx.call "aten::copy_"(self = %c71, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c73 = fx.call "aten::copy_"(self = %c72, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c74 = fx.call "aten::copy_"(self = %c73, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c75 = fx.call "aten::copy_"(self = %c74, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c76 = fx.call "aten::copy_"(self = %c75, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c77 = fx.call "aten::copy_"(self = %c76, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c78 = fx.call "aten::copy_"(self = %c77, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c79 = fx.call "aten::copy_"(self = %c78, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c80 = fx.call "aten::copy_"(self = %c79, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c81 = fx.call "aten::copy_"(self = %c80, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c82 = fx.call "aten::copy_"(self = %c81, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c83 = fx.call "aten::copy_"(self = %c82, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c84 = fx.call "aten::copy_"(self = %c83, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c85 = fx.call "aten::copy_"(self = %c84, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c86 = fx.call "aten::copy_"(self = %c85, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c87 = fx.call "aten::copy_"(self = %c86, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c88 = fx.call "aten::copy_"(self = %c87, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c89 = fx.call "aten::copy_"(self = %c88, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c90 = fx.call "aten::copy_"(self = %c89, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c91 = fx.call "aten::copy_"(self = %c90, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c92 = fx.call "aten::copy_"(self = %c91, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c93 = fx.call "aten::copy_"(self = %c92, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c94 = fx.call "aten::copy_"(self = %c93, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c95 = fx.call "aten::copy_"(self = %c94, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c96 = fx.call "aten::copy_"(self = %c95, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c97 = fx.call "aten::copy_"(self = %c96, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c98 = fx.call "aten::copy_"(self = %c97, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c99 = fx.call "aten::copy_"(self = %c98, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c100 = fx.call "aten::copy_"(self = %c99, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %r = func.call @f(%c100, %c0) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// -----

// A donating call in a loop: the next iteration passes the same storage
// again, and reads earlier in the body come after it (D1).
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_donate_in_loop(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage comes from outside the region the call is in (fxir does not tell loops from branches: in a loop the call may get it again, and a read before the call may follow it)}}
    %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %a : !fx.tensor<[8, 4], f32>
}

// -----

// Storage made in the loop body is fresh each iteration: donating it is fine.
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @donate_fresh_in_loop(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
    %r = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %a : !fx.tensor<[8, 4], f32>
}

// -----

// An auto_functionalized of an op that returns an alias (copy_) returns
// one copy twice: its results are one buffer (D4).
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_af_alias_results(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %b, src = %z) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>)
  // expected-error @below {{'func.call' op operands 0 and 1 share storage}}
  %o = func.call @f(%r#0, %r#1) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %o : !fx.tensor<[8, 4], f32>
}

// -----

// ... but it copies: its results share nothing with its operands.
func.func @f(%p: !fx.tensor<[8, 4], f32>, %q: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @af_results_are_fresh(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %b, src = %z) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>)
  %o = func.call @f(%b, %r#1) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %o : !fx.tensor<[8, 4], f32>
}

// -----

// What an op with regions yields is not followed: it may be anything (E4).
func.func @g(%x: !fx.tensor<[4, 4], f32>, %y: !fx.tensor<[4, 4], f32>) {
  return
}

func.func @negative_yielded_argument(%a: !fx.tensor<[4, 4], f32>, %c: i1) {
  %r = scf.if %c -> !fx.tensor<[4, 4], f32> {
    scf.yield %a : !fx.tensor<[4, 4], f32>
  } else {
    scf.yield %a : !fx.tensor<[4, 4], f32>
  }
  // expected-error @below {{'func.call' op operands 0 and 1 may share storage: fxir does not follow values that flow between blocks (another block's argument, what an op with regions yields); clone one of them}}
  func.call @g(%r, %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  return
}

// -----

// Nor is another block's argument: argument 0 of ^bb1 is not the
// function's donated argument 0 (E6).
func.func @gd(%x: !fx.tensor<[4, 4], f32> {fx.donated}) {
  return
}

func.func @negative_block_argument(%d: !fx.tensor<[4, 4], f32> {fx.donated}, %a: !fx.tensor<[4, 4], f32>) {
  cf.br ^bb1(%a : !fx.tensor<[4, 4], f32>)
^bb1(%x: !fx.tensor<[4, 4], f32>):
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @gd, but fxir does not follow values that flow between blocks (another block's argument, what an op with regions yields)}}
  func.call @gd(%x) : (!fx.tensor<[4, 4], f32>) -> ()
  return
}
