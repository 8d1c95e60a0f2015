// A function without an fx op at the top of its body has no fx op whose
// verifier hook checks the function itself (function-checks.mlir): every fx
// pass checks it first instead (fxVerifyFunctionBeyondHook), as fx-verify
// does.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-dce))'
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))'
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))'
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

// expected-error @below {{'func.func' op argument 0 has 1 fx.strides for type !fx.tensor<[4, 4], f16> of rank 2: one stride per dim}}
func.func @negative_no_fx_op(%x: !fx.tensor<[4, 4], f16> {fx.strides = [1]}) -> !fx.tensor<[4, 4], f16> {
  return %x : !fx.tensor<[4, 4], f16>
}

// -----

func.func private @f(!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>

func.func @negative_only_calls(%a: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  // expected-error @below {{'func.call' op operands 0 and 1 share storage (views of one value, or an alias an op returned): fx functions take distinct storage for each tensor argument; clone one of them}}
  %r = func.call @f(%a, %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}
