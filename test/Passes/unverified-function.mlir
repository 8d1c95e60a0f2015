// The fx passes on a func.func MLIR's verifier would reject (IR it has not
// seen: --mlir-very-unsafe-disable-verifier-on-parsing, or built through the
// C API).  Before rewriting, a pass checks the function itself when no fx op
// at the top of its body stands for it (fxVerifyFunctionBeyondHook): here
// after fx-noop-elimination erased the only one, which read the missing
// function_type and crashed.  The pass now reports it and fails.  (A
// function_type of another kind does not parse: func.func keeps it as a
// property, which the parser checks even without the verifier.)
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce))' -o /dev/null
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-dce))' -o /dev/null

// expected-error @below {{this function has no function_type that is a function type (MLIR's verifier rejects it; fxir reads its signature from it)}}
"func.func"() ({
^bb0(%x: !fx.tensor<[4], f32>):
  %0 = fx.reshape %x, shape = [4] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  "func.return"(%0) : (!fx.tensor<[4], f32>) -> ()
}) {sym_name = "negative_no_function_type"} : () -> ()

