// The checks of a function itself (its signature's fx types, its fx
// attributes, its func.calls) run wherever MLIR verifies, with no fx pass:
// after parsing in fx-opt and in stock mlir-opt with the plugin.  The
// verifier hook of the function's first fx op at the top of its body runs
// them, once per verification (a second report would fail
// --verify-diagnostics).  function-checks-passes.mlir has the functions
// without such an op.
// RUN: fx-opt %s --split-input-file --verify-diagnostics
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin %s --split-input-file --verify-diagnostics
// fx-verify agrees (the same errors, reported by the parser first; and none
// for @nested_module's inner function, whose symbols are its own).
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

// expected-error @below {{'func.func' op argument 0 has 1 fx.strides for type !fx.tensor<[4, 4], f16> of rank 2: one stride per dim}}
func.func @negative_strides_rank(%x: !fx.tensor<[4, 4], f16> {fx.strides = [1]}) -> !fx.tensor<[16], f16> {
  %c = arith.constant 0 : i32
  %r = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f16> -> !fx.tensor<[16], f16>
  %s = fx.reshape %r, shape = [16] : !fx.tensor<[16], f16> -> !fx.tensor<[16], f16>
  return %s : !fx.tensor<[16], f16>
}

// -----

// expected-error @below {{'func.func' op argument 0 has the unknown attribute "fx.donatd"; did you mean "fx.donated"?}}
func.func @negative_unknown_arg_attr(%x: !fx.tensor<[4, 4], f16> {fx.donatd}) -> !fx.tensor<[16], f16> {
  %r = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f16> -> !fx.tensor<[16], f16>
  return %r : !fx.tensor<[16], f16>
}

// -----

// expected-error @below {{'func.func' op has the unknown attribute "fx.none_output"; did you mean "fx.none_outputs"?}}
func.func @negative_unknown_func_attr(%x: !fx.tensor<[4, 4], f16>) -> !fx.tensor<[16], f16> attributes {fx.none_output = array<i64: 1>} {
  %r = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f16> -> !fx.tensor<[16], f16>
  return %r : !fx.tensor<[16], f16>
}

// -----

func.func @f(%p: !fx.tensor<[4, 4], f32>, %q: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  return %p : !fx.tensor<[4, 4], f32>
}

// The call comes before the function's first fx op.
func.func @negative_call_shares_storage(%a: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  // expected-error @below {{'func.call' op operands 0 and 1 share storage (views of one value, or an alias an op returned): fx functions take distinct storage for each tensor argument; clone one of them}}
  %r = func.call @f(%a, %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.reshape %r, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %s : !fx.tensor<[16], f32>
}

// -----

// A valid function: the hook's function checks accept it.
func.func @valid(%x: !fx.tensor<["s0", 4], f16> {fx.donated, fx.strides = [4, 1]}) -> !fx.tensor<["s0", 4], f16> {
  %r = fx.slice %x, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0", 4], f16> -> !fx.tensor<["s0", 4], f16>
  return %r : !fx.tensor<["s0", 4], f16>
}

// -----

// A module nested in a function: its function's ops use that function's
// symbols and that module's schemas, under fx-verify too (found by an
// adversary: fx-verify checked them against the outer function's).
func.func @nested_module(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  builtin.module {
    fx.schema "mylib::foo_" = "foo_(Tensor(a!) out) -> ()"
    func.func @inner(%y: !fx.tensor<["s1"], f32>) -> !fx.tensor<["s1"], f32> {
      %r = fx.auto_functionalized "mylib::foo_"(out = %y) : (!fx.tensor<["s1"], f32>) -> !fx.tensor<["s1"], f32>
      return %r : !fx.tensor<["s1"], f32>
    }
  }
  return %x : !fx.tensor<[4], f32>
}
