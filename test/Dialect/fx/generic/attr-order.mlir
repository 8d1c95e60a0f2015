// An op with several declared attributes missing or of the wrong kind is
// reported at the first of them in the order fx.irdl.mlir.in declares
// them, in every run.  IRDL alone checked them in the order of a hash map
// keyed by their names' addresses, which change from run to run, so each
// case below with two or more problems named any of them: a run of the
// 12 such cases matched all the expectations less than once in 4,000.
// Each declared attribute (one row in FxVerifyAttrs.c) also appears
// missing and of a wrong kind.
// RUN: fx-opt %s --split-input-file --verify-diagnostics
// RUN: fx-opt %s --split-input-file --verify-diagnostics

func.func @slice_none(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{'fx.slice' op attribute "dim" is expected but not provided}}
  %0 = "fx.slice"(%x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @slice_start_and_step_missing(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{'fx.slice' op attribute "start" is expected but not provided}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @slice_end_and_step_missing(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{'fx.slice' op attribute "end" is expected but not provided}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, start = 0 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @slice_step_missing_dim_wrong(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{expected base attribute 'builtin.integer' but got 'builtin.string'}}
  %0 = "fx.slice"(%x) {dim = "x", start = 0 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @slice_start_and_step_wrong(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{'[0]' does not satisfy the constraint}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, start = [0], end = 4 : i64, step = "y"} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @scatter_end_and_step_wrong(%x: !fx.tensor<[4, 8], f32>, %s: !fx.tensor<[4, 4], f32>) {
  // expected-error @below {{'1.000000e+00 : f32' does not satisfy the constraint}}
  %0 = "fx.slice_scatter"(%x, %s) {dim = 1 : i64, start = 0 : i64, end = 1.0 : f32, step = "s"} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 8], f32>
  return
}

// -----

func.func @scatter_step_wrong(%x: !fx.tensor<[4, 8], f32>, %s: !fx.tensor<[4, 4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.integer' but got 'builtin.unit'}}
  %0 = "fx.slice_scatter"(%x, %s) {dim = 1 : i64, start = 0 : i64, end = "s0", step} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 8], f32>
  return
}

// -----

func.func @view_shape_missing(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{'fx.view' op attribute "shape" is expected but not provided}}
  %0 = "fx.view"(%x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[32], f32>
  return
}

// -----

func.func @view_shape_wrong(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{expected base attribute 'builtin.array' but got 'builtin.string'}}
  %0 = "fx.view"(%x) {shape = "32"} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[32], f32>
  return
}

// -----

func.func @call_target_and_args_missing(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op attribute "target" is expected but not provided}}
  "fx.call"(%x) {arg_names = ["self"], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @call_arg_names_and_args_wrong(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.array' but got 'builtin.dictionary'}}
  "fx.call"(%x) {target = "aten::relu", arg_names = {self}, args = [], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @call_args_wrong(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.dictionary' but got 'builtin.array'}}
  "fx.call"(%x) {target = "aten::relu", arg_names = ["self"], args = [], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @auto_functionalized_arg_names_and_args_missing(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.auto_functionalized' op attribute "arg_names" is expected but not provided}}
  %0 = "fx.auto_functionalized"(%x) {target = "_C::silu_and_mul", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @auto_functionalized_target_and_args_wrong(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.string' but got 'builtin.array'}}
  %0 = "fx.auto_functionalized"(%x) {target = ["_C::silu_and_mul"], arg_names = ["result"], args = 1, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

// expected-error @below {{'fx.schema' op attribute "name" is expected but not provided}}
"fx.schema"() : () -> ()

// -----

// expected-error @below {{'fx.schema' op attribute "signature" is expected but not provided}}
"fx.schema"() {name = "mylib::f"} : () -> ()

// -----

// expected-error @below {{expected base attribute 'builtin.string' but got 'builtin.integer'}}
"fx.schema"() {name = 1, signature = 2} : () -> ()

// -----

// expected-error @below {{expected base attribute 'builtin.string' but got 'builtin.array'}}
"fx.schema"() {name = "mylib::f", signature = ["f(Tensor x) -> Tensor"]} : () -> ()

// -----

func.func @scatter_step_missing(%x: !fx.tensor<[4, 8], f32>, %s: !fx.tensor<[4, 4], f32>) {
  // expected-error @below {{'fx.slice_scatter' op attribute "step" is expected but not provided}}
  %0 = "fx.slice_scatter"(%x, %s) {dim = 1 : i64, start = 0 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 8], f32>
  return
}

// -----

func.func @call_args_missing(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op attribute "args" is expected but not provided}}
  "fx.call"(%x) {target = "aten::relu", arg_names = ["self"], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}
