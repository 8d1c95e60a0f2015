// The pass verifies its input first: invalid IR is an error, not a rewrite.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))'

// "fx.reshape" with two -1 entries: the verifier rejects it before the pass.
func.func @negative_two_inferred(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  // expected-error @below {{'fx.reshape' op shape entries 0 and 1 are both -1; at most one size can be inferred}}
  %0 = fx.reshape %x, shape = [-1, -1, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %0 : !fx.tensor<["s0", 128, 32], f16>
}
