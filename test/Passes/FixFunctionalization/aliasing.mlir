// fx-fix-functionalization and storage the region model cannot see: ops
// that may return an alias of an operand, and the copy_ epilogue of rule (c)
// when the argument and the new value are two buffers after it.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// %c aliases %b (copy_ returns self) and is written after the scatter-back:
// the scatter's snapshot must stay.
// CHECK-LABEL: func.func @scatter_back_copy_alias
// CHECK: fx.slice_scatter
func.func @scatter_back_copy_alias(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %b, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %v = fx.slice %b, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{kept: removing this scatter-back would share storage that an op returning an alias (aten::copy_, a call without a schema, func.call) also reaches}}
  %s = fx.slice_scatter %b, %v, dim = 0, start = 2, end = 6, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::rms_norm"(result = %c, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> () loc("writer")
  return %s : !fx.tensor<[8, 4], f32>
}

// CHECK-LABEL: func.func @id
// CHECK: return
func.func @id(%t: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  return %t : !fx.tensor<[8, 4], f32>
}

// @id returns its argument: %y is %b's storage, read after the call.
// CHECK-LABEL: func.func @func_call_result_fix
// CHECK: %[[Y:.*]] = call @id
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[Y]])
// CHECK: fx.call "{{[^"]*}}"(result = %[[C]],
func.func @func_call_result_fix(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = func.call @id(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-remark @below {{cloned operand 'result': its storage may also be reached through an op that returns an alias (aten::copy_, a call without a schema, func.call)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %y, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %n, %k : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}

// The new value is written in place after the copy_ epilogue: from the copy on,
// the argument and the new value are two buffers.
// CHECK-LABEL: func.func @copy_back_then_write_new
// CHECK: aten::clone
// CHECK: aten::copy_
func.func @copy_back_then_write_new(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at loc("epilogue") that writes its new value back, the new value is written or returned, or the copy's result is used (two buffers from there on)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> loc("epilogue")
  %t = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::fused_add_rms_norm"(input = %t, residual = %n, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %r = fx.call "aten::clone"(self = %arg) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// The new value is returned after the epilogue: writing the argument in place
// would make the result alias it.
// CHECK-LABEL: func.func @copy_back_then_return_new
// CHECK: aten::clone
// CHECK: aten::copy_
func.func @copy_back_then_return_new(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at loc("epilogue") that writes its new value back, the new value is written or returned, or the copy's result is used (two buffers from there on)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> loc("epilogue")
  return %n : !fx.tensor<[8, 4], f32>
}

// copy_'s own result (the argument again) is written after the epilogue.
// CHECK-LABEL: func.func @copy_back_alias_written
// CHECK: aten::clone
// CHECK: aten::copy_
func.func @copy_back_alias_written(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at loc("epilogue") that writes its new value back, the new value is written or returned, or the copy's result is used (two buffers from there on)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> loc("epilogue")
  %t = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::fused_add_rms_norm"(input = %t, residual = %c, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// The plain epilogue: the argument is written in place, the copy_ goes.
// CHECK-LABEL: func.func @copy_back
// CHECK-SAME: (%[[ARG:[^:]*]]:
// CHECK-NOT: aten::copy_
// CHECK: fx.call "_C::rms_norm"(result = %[[ARG]],
// CHECK-NOT: aten::copy_
func.func @copy_back(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// The runtime gives the new value fresh contiguous storage; the operand is a
// column slice, which the view could not view.
// CHECK-LABEL: func.func @view_of_new_value
// CHECK: aten::clone
// CHECK: fx.view
func.func @view_of_new_value(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[16], f32>) {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its new value is viewed at loc("view") (fx.view) and the operand is not known to be contiguous}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %n, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("view")
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

// The new value is fresh contiguous storage, so its reshape is a view that
// the in-place call writes; of the column slice the reshape would copy,
// losing that write.
// CHECK-LABEL: func.func @reshape_of_new_value_written
// CHECK: aten::clone
// CHECK: fx.reshape
func.func @reshape_of_new_value_written(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>, %w2: !fx.tensor<[16], f32>, %t: !fx.tensor<[1, 16], f32>) -> !fx.tensor<[4, 4], f32> {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': a reshape of its new value (at loc("reshape")) is written in place later, and the operand is not known to be contiguous (the reshape could copy it)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %n, shape = [1, 16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 16], f32> loc("reshape")
  %u = fx.call "aten::clone"(self = %t) : (!fx.tensor<[1, 16], f32>) -> !fx.tensor<[1, 16], f32>
  fx.call "_C::fused_add_rms_norm"(input = %u, residual = %y, weight = %w2) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[1, 16], f32>, !fx.tensor<[1, 16], f32>, !fx.tensor<[16], f32>) -> ()
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}

// Two scatter-backs into one fresh buffer, both returned: eliminating the
// first makes the buffer itself a result, so the second must stay (or the
// function would return one buffer twice, and a caller's write into one
// result would change the other).
// CHECK-LABEL: func.func @two_returned_scatter_backs
// CHECK: %[[B:.*]] = fx.call "aten::clone"
// CHECK: %[[S:.*]] = fx.slice_scatter %[[B]],
// CHECK: return %[[B]], %[[S]]
func.func @two_returned_scatter_backs(%a: !fx.tensor<[6, 4], f32>) -> (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %s1 = fx.slice_scatter %b, %top, dim = 0, start = 0, end = 3, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  // expected-remark @below {{kept: removing this scatter-back would make two function results share storage}}
  %s2 = fx.slice_scatter %b, %bot, dim = 0, start = 3, end = 6, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %s1, %s2 : !fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>
}

// The new value goes to a donated parameter of a call, and the rest of its
// operand's buffer is read after that call: writing the operand in place
// would hand the callee storage the caller still uses (the call check).
// CHECK-LABEL: func.func @new_value_donated
// CHECK: %[[TOP:.*]] = fx.slice
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[TOP]])
// CHECK: call @donates(%[[C]]
func.func @donates(%x: !fx.tensor<[3, 4], f32> {fx.donated}, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %x, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  return %n : !fx.tensor<[3, 4], f32>
}

func.func @new_value_donated(%a: !fx.tensor<[6, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  // expected-remark @below {{cloned operand 'result': its storage goes to a donated parameter of the call at loc("donating"), and is used after that call}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %top, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%n, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> loc("donating")
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %bot) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %r, %k : !fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>
}

// The copy_ epilogue is the last write of the argument until the pass
// erases it: the scatter-back between the call and the epilogue is then
// removed in the same run (a second run must find nothing to do).
// CHECK-LABEL: func.func @scatter_back_before_epilogue
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::copy_
// CHECK: return
func.func @scatter_back_before_epilogue(%a: !fx.tensor<[6, 4], f32>, %x: !fx.tensor<[6, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %a, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32>
  %mid = fx.slice %n, dim = 0, start = 1, end = 5, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %n, %mid, dim = 0, start = 1, end = 5, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %c = fx.call "aten::copy_"(self = %a, src = %n) : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}

// The same, with the new value reaching the donated parameter through a
// call that may return it (C4).
// CHECK-LABEL: func.func @new_value_donated_via_alias
// CHECK: %[[TOP:.*]] = fx.slice
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[TOP]])
// CHECK: call @pass_through(%[[C]])
func.func @pass_through(%t: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32> {
  return %t : !fx.tensor<[3, 4], f32>
}

func.func @new_value_donated_via_alias(%a: !fx.tensor<[6, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  // expected-remark @below {{cloned operand 'result': its storage goes to a donated parameter of the call at loc("donating2"), and is used after that call}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %top, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %p = func.call @pass_through(%n) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%p, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> loc("donating2")
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %bot) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %r, %k : !fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>
}

// The new value and the other half of its operand's buffer go to one call:
// written in place, the call would get one storage twice (D2).
// CHECK-LABEL: func.func @new_value_beside_its_buffer
// CHECK: %[[TOP:.*]] = fx.slice
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[TOP]])
// CHECK: call @takes_two(%[[C]]
func.func @takes_two(%x: !fx.tensor<[3, 4], f32>, %y: !fx.tensor<[3, 4], f32>) {
  return
}

func.func @new_value_beside_its_buffer(%a: !fx.tensor<[6, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  // expected-remark @below {{cloned operand 'result': its new value and another operand of the call at loc("two") would share storage (fx functions take distinct storage for each argument)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %top, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  func.call @takes_two(%n, %bot) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) -> () loc("two")
  %k = fx.call "aten::clone"(self = %n) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %k : !fx.tensor<[3, 4], f32>
}

// A copy_ of the new value into another buffer is not the argument's
// epilogue: the non-donated argument is cloned, the copy_ stays.
// CHECK-LABEL: func.func @copy_into_other_buffer
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %arg0)
// CHECK: fx.call "_C::rms_norm"
// CHECK: fx.call "aten::copy_"
func.func @copy_into_other_buffer(%arg: !fx.tensor<[6, 4], f32>, %other: !fx.tensor<[6, 4], f32> {fx.donated}, %x: !fx.tensor<[6, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32> {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32>
  %c = fx.call "aten::copy_"(self = %other, src = %n) : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %k = fx.call "aten::clone"(self = %x) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %k : !fx.tensor<[6, 4], f32>
}

// A slice_scatter's src is a read: the old contents of the written buffer
// are read after the call through it.
// CHECK-LABEL: func.func @read_as_scatter_source
// CHECK: %[[B:.*]] = fx.call "aten::clone"(self = %arg0)
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[B]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
func.func @read_as_scatter_source(%a: !fx.tensor<[6, 4], f32>, %big: !fx.tensor<[12, 4], f32>, %x: !fx.tensor<[6, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[6, 4], f32>, !fx.tensor<[12, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  // expected-remark @below {{cloned operand 'result': it is read after the call at loc("srcread")}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %b, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32>
  %s = fx.slice_scatter %big, %b, dim = 0, start = 0, end = 6, step = 1 : (!fx.tensor<[12, 4], f32>, !fx.tensor<[6, 4], f32>) -> !fx.tensor<[12, 4], f32> loc("srcread")
  return %n, %s : !fx.tensor<[6, 4], f32>, !fx.tensor<[12, 4], f32>
}

// Once the first call writes rows 0..4 of %b in place, its new value's
// readers read %b: the second call, writing rows 0..2 of that new value,
// must see the read of %n1 after it (the read summary merges the two).
// CHECK-LABEL: func.func @second_write_before_first_read
// CHECK: %[[M1:.*]] = fx.slice
// CHECK: fx.call "_C::rms_norm"(result = %[[M1]],
// CHECK: %[[M2:.*]] = fx.slice %[[M1]],
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[M2]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
func.func @second_write_before_first_read(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[4, 4], f32>, %y: !fx.tensor<[2, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m1 = fx.slice %b, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n1 = fx.auto_functionalized "_C::rms_norm"(result = %m1, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %m2 = fx.slice %n1, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  // expected-remark @below {{cloned operand 'result': it is read after the call at loc("firstread")}}
  %n2 = fx.auto_functionalized "_C::rms_norm"(result = %m2, input = %y, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[2, 4], f32>
  %r1 = fx.call "aten::clone"(self = %n1) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> loc("firstread")
  return %n2, %r1 : !fx.tensor<[2, 4], f32>, !fx.tensor<[4, 4], f32>
}

// A stepped slice is not contiguous: the new value's fx.view, which merges
// its rows, would fail on it.
// CHECK-LABEL: func.func @view_of_stepped_operand
// CHECK: %[[S:.*]] = fx.slice
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[S]])
func.func @view_of_stepped_operand(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[16], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s = fx.slice %b, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its new value is viewed at loc("merge") (fx.view) and the operand is not known to be contiguous}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %s, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %n, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("merge")
  %r = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %r : !fx.tensor<[16], f32>
}

// The new value comes back as copy_'s result (Tensor(a!): its `self`) and
// that result is viewed: in place, the view would see the column slice.
// CHECK-LABEL: func.func @view_through_copy_return
// CHECK: aten::clone
// CHECK: fx.call "_C::rms_norm"(
func.func @view_through_copy_return(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[16], f32> {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': its new value is viewed at loc("through_copy") (fx.view) and the operand is not known to be contiguous}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = fx.call "aten::copy_"(self = %n, src = %x) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %y, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("through_copy")
  return %v : !fx.tensor<[16], f32>
}

// As `src` of copy_ the new value does not come back (copy_ returns its
// `self`): the view of copy_'s result sees %b, whatever fix does.
// CHECK-LABEL: func.func @negative_view_of_copy_from_new_value
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"(result = %{{.*}})
func.func @negative_view_of_copy_from_new_value(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %b: !fx.tensor<[4, 4], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[16], f32> {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = fx.call "aten::copy_"(self = %b, src = %n) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %y, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v : !fx.tensor<[16], f32>
}
