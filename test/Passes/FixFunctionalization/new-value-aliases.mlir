// The new value of an auto_functionalized operand used through an op that
// returns an alias the storage model does not follow (aten::copy_ returning
// its self, func.call, an fx.call without a schema): written in place, the
// new value would become the operand's storage, and a write through that
// alias would reach it where the write-back rule (c) does not look
// (passes.md, "Storage and regions").  Each function here writes the alias
// after the copy_ epilogue of a non-donated argument: without the passes
// the write lands in the fresh new value and the argument keeps what the
// epilogue copied; in place it would land in the argument.  The operand
// must be cloned.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// Bit-identical with and without the passes, in every pass order, the
// argument's final contents included.
// RUN: rm -rf %t && mkdir -p %t
// RUN: for e in copy_alias_written_after_epilogue func_call_alias_written_after_epilogue; do \
// RUN:   fx-run %s --entry=$e --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=EXEC || exit 1; done
// EXEC: out0: bit-identical
// EXEC: arguments: bit-identical after the run

// aten::copy_ returns its self: %y is %n's storage, written after the
// epilogue.  No other rule sees it (copy_ is neither a view nor a reshape).
// CHECK-LABEL: func.func @copy_alias_written_after_epilogue
// CHECK-SAME: (%[[ARG:[^:]*]]:
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[ARG]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
// CHECK: %[[Y:.*]] = fx.call "aten::copy_"(self = %[[C]],
// CHECK: fx.call "aten::copy_"(self = %[[ARG]], src = %[[C]])
// CHECK: fx.call "aten::copy_"(self = %[[Y]],
func.func @copy_alias_written_after_epilogue(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>, %u: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': its new value may also be reached through an op that returns an alias (aten::copy_, a call without a schema, func.call)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = fx.call "aten::copy_"(self = %n, src = %u) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %d = fx.call "aten::copy_"(self = %y, src = %z) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// CHECK-LABEL: func.func @id
// CHECK: return
func.func @id(%t: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  return %t : !fx.tensor<[8, 4], f32>
}

// A func.call may return its argument (@id does).  The argument's declared
// strides make it known contiguous, so the layout rule (a callee may view
// or reshape the new value) does not clone it either.
// CHECK-LABEL: func.func @func_call_alias_written_after_epilogue
// CHECK-SAME: (%[[ARG:[^:]*]]:
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[ARG]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
// CHECK: %[[Y:.*]] = call @id(%[[C]])
// CHECK: fx.call "aten::copy_"(self = %[[ARG]], src = %[[C]])
// CHECK: fx.call "aten::copy_"(self = %[[Y]],
func.func @func_call_alias_written_after_epilogue(%arg: !fx.tensor<[8, 4], f32> {fx.strides = [4, 1]}, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>, %z: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': its new value may also be reached through an op that returns an alias (aten::copy_, a call without a schema, func.call)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = func.call @id(%n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %d = fx.call "aten::copy_"(self = %y, src = %z) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// A call without a schema may return its operand too (not run: it has no
// kernel).
// CHECK-LABEL: func.func @schemaless_alias_written_after_epilogue
// CHECK-SAME: (%[[ARG:[^:]*]]:
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[ARG]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
// CHECK: %[[Y:.*]] = fx.call "mylib::passthrough"(x = %[[C]])
// CHECK: fx.call "aten::copy_"(self = %[[ARG]], src = %[[C]])
// CHECK: fx.call "aten::copy_"(self = %[[Y]],
func.func @schemaless_alias_written_after_epilogue(%arg: !fx.tensor<[8, 4], f32> {fx.strides = [4, 1]}, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>, %z: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  // expected-remark @below {{cloned operand 'result': its new value may also be reached through an op that returns an alias (aten::copy_, a call without a schema, func.call)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = fx.call "mylib::passthrough"(x = %n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %d = fx.call "aten::copy_"(self = %y, src = %z) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
