// fx-noop-elimination and reshapes that may copy (DESIGN §3): a reshape of a
// value of unknown layout may be a copy or a view, so bypassing it is done
// only when no value of that storage is written in place from it on.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s

fx.schema "t::w" = "w(Tensor! out) -> ()"
// %y copies the non-contiguous %x; the call writes %y; %z must read the
// written copy, not %x again (F1).
// CHECK-LABEL: func.func @negative_write_between_reshapes
// CHECK: %[[Y:.*]] = fx.reshape %[[X:[^,]*]],
// CHECK: fx.call "t::w"(out = %[[Y]])
// CHECK: fx.reshape %[[Y]],
func.func @negative_write_between_reshapes(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc("writer")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// A write before the first reshape is in %x already: the chain collapses.
// CHECK-LABEL: func.func @write_before_reshapes
// CHECK: %[[X:.*]] = fx.slice %
// CHECK: fx.call "t::w"(out = %[[X]])
// CHECK-NOT: fx.reshape
// CHECK: aten::clone
func.func @write_before_reshapes(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %x) : (!fx.tensor<[4, 4], f32>) -> ()
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// A write into the chain's result after it: %z may be a copy (the write
// stays in it) or a view of %x; bypassing %y would change which.
// CHECK-LABEL: func.func @negative_write_after_chain
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.reshape %[[Y]],
func.func @negative_write_after_chain(%A: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>) {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %z) : (!fx.tensor<[4, 4], f32>) -> () loc("writer")
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %d = fx.call "aten::clone"(self = %A) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  return %c, %d : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 8], f32>
}

// -----


// -----

// A returned chain whose input is not returned collapses: the chain's own
// result is the only way from the input's storage to the return, so the
// rewired value is still one result (the remark once said "two results").
// CHECK-LABEL: func.func @returned_chain_one_result
// CHECK: %[[S:.*]] = fx.slice %
// CHECK-NEXT: %[[R:.*]] = fx.reshape %[[S]], shape = [3, 2, 2] :
// CHECK-NEXT: return %[[R]]
func.func @returned_chain_one_result(%a: !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 2, 2], f32> {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %s = fx.slice %c, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[3, 8], f32> -> !fx.tensor<[3, 4], f32>
  %r1 = fx.reshape %s, shape = [12] : !fx.tensor<[3, 4], f32> -> !fx.tensor<[12], f32>
  %r2 = fx.reshape %r1, shape = [3, 2, 2] : !fx.tensor<[12], f32> -> !fx.tensor<[3, 2, 2], f32>
  return %r2 : !fx.tensor<[3, 2, 2], f32>
}

// -----

// The same chain with its input returned too: kept, or the two results
// would share storage.
// CHECK-LABEL: func.func @negative_returned_chain_and_input
// CHECK: fx.reshape {{.*}}shape = [12]
func.func @negative_returned_chain_and_input(%a: !fx.tensor<[3, 8], f32>) -> (!fx.tensor<[3, 2, 2], f32>, !fx.tensor<[3, 4], f32>) {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %s = fx.slice %c, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[3, 8], f32> -> !fx.tensor<[3, 4], f32>
  %r1 = fx.reshape %s, shape = [12] : !fx.tensor<[3, 4], f32> -> !fx.tensor<[12], f32>
  // expected-remark @below {{kept: bypassing a reshape that may copy would make two function results share storage}}
  %r2 = fx.reshape %r1, shape = [3, 2, 2] : !fx.tensor<[12], f32> -> !fx.tensor<[3, 2, 2], f32>
  return %r2, %s : !fx.tensor<[3, 2, 2], f32>, !fx.tensor<[3, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// A func.call may write its operands (its callee is not read): the same
// chain with the write inside a called function stays.
// CHECK-LABEL: func.func @negative_call_writes_between_reshapes
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: call @writes(%[[Y]])
// CHECK: fx.reshape %[[Y]],
func.func @writes(%t: !fx.tensor<[16], f32>) {
  fx.call "t::w"(out = %t) : (!fx.tensor<[16], f32>) -> ()
  return
}

func.func @negative_call_writes_between_reshapes(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  func.call @writes(%y) : (!fx.tensor<[16], f32>) -> () loc("callwriter")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("callwriter") writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
