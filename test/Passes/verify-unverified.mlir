// fx-verify on IR that MLIR has not verified (here: parsed with
// --mlir-very-unsafe-disable-verifier-on-parsing; the same holds for IR built
// through the C API).  fx-verify checks every op's own invariants (ODS,
// IRDL) first, and reports the first that fails instead of reading an
// attribute that is missing or of another kind (it crashed on the func.func
// below, and read the reshape's integer as an array).
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --pass-pipeline='builtin.module(func.func(fx-verify))' --verify-diagnostics

func.func @shape_not_an_array(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{expected base attribute 'builtin.array' but got 'builtin.integer'}}
  %0 = "fx.reshape"(%x) {shape = 4} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// expected-error @below {{'func.func' op requires attribute 'function_type'}}
"func.func"() ({
^bb0(%x: !fx.tensor<[4], f32>):
  %0 = fx.reshape %x, shape = [4] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  "func.return"(%0) : (!fx.tensor<[4], f32>) -> ()
}) {sym_name = "no_function_type"} : () -> ()

// -----

func.func private @g(!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>

func.func @call_without_callee(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{'func.call' op requires attribute 'callee'}}
  %0 = "func.call"(%x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

// Invariants that hold: fxir's own checks run as before.
func.func @semantic_error(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{'fx.reshape' op shape has 2 entries but the result has rank 1}}
  %0 = fx.reshape %x, shape = [2, 2] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// -----

func.func @negative_valid(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[2, 2], f32> {
  %0 = fx.reshape %x, shape = [2, 2] : !fx.tensor<[4], f32> -> !fx.tensor<[2, 2], f32>
  return %0 : !fx.tensor<[2, 2], f32>
}
