// After a function's first func.call, the call checks find callees in a
// symbol table of the module (fxSchemaTableGetCallee) instead of walking
// the module for each call: the same callee, declared before or after the
// caller, and the same diagnostics at the later calls.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

func.func @g0(%p: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_third_call_donates(%a: !fx.tensor<[8, 4], f32>, %b: !fx.tensor<[8, 4], f32>, %c: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %r0 = func.call @g0(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r1 = func.call @g0(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g1, but it is (a view or an alias of) argument 2 of the caller, which is not donated: the callee may write it}}
  %r2 = func.call @g1(%c) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r2 : !fx.tensor<[8, 4], f32>
}

func.func @g1(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

// -----

// Donated storage used after the second of two calls that take it.
func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
  return %p : !fx.tensor<[8, 4], f32>
}

func.func @negative_second_call_then_read(%a: !fx.tensor<[8, 4], f32> {fx.donated}, %b: !fx.tensor<[8, 4], f32> {fx.donated}) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %r0 = func.call @g(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but its storage is used after the call: the callee may write it}}
  %r1 = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::cos"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r0, %k : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}
