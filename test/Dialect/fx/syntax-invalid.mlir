// Errors of the custom syntax, each at the token that is wrong.
// RUN: fx-opt %s --split-input-file --verify-diagnostics

func.func @target_not_string(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected the target as a string, e.g. "_C::rms_norm"}}
  fx.call 3(self = %x) : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @name_not_a_name(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected valid keyword or string}}
  fx.call "aten::clone"(1 = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @seventeen_operands(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{more than 16 tensor operands; an fx call has at most 16 (slots a0..a15)}}
  fx.call "mylib::wide"(a = %x, b = %x, c = %x, d = %x, e = %x, f = %x, g = %x, h = %x, i = %x, j = %x, k = %x, l = %x, m = %x, n = %x, o = %x, p = %x, q = %x) : () -> ()
  return
}

// -----

func.func @nine_results() {
  // expected-error @below {{9 result types; the op has at most 8}}
  %r:9 = fx.call "mylib::many"() : () -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  return
}

// -----

func.func @scatter_two_results(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{2 result types; the op has at most 1}}
  %r:2 = fx.slice_scatter %x, %x, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  return
}

// -----

func.func @operand_types_missing(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{0 operand types for 1 operands}}
  %c = fx.call "aten::clone"(self = %x) : () -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @call_type_not_function(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected a function type `(operand types) -> (result types)`}}
  %c = fx.call "aten::clone"(self = %x) : !fx.tensor<[4], f32>
  return
}

// -----

func.func @param_given_twice(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'dim' is part of the op's syntax; it cannot also be given in `attributes`}}
  %s = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 attributes {dim = 0} : !fx.tensor<[4], f32> -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @param_missing(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected 'start'}}
  %s = fx.slice %x, dim = 0, end = 2, step = 1 : !fx.tensor<[4], f32> -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @slice_value_not_scalar(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected integer value}}
  %s = fx.slice %x, dim = 0, start = [0], end = 2, step = 1 : !fx.tensor<[4], f32> -> !fx.tensor<[2], f32>
  return
}

// -----

// expected-error @below {{expected a string literal}}
fx.schema "mylib::foo" = 3

// -----

func.func @reshape_types(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected '->'}}
  %r = fx.reshape %x, shape = [2, 2] : !fx.tensor<[4], f32>, !fx.tensor<[2, 2], f32>
  return
}

// -----

// MLIR's integer parser reads `true` as -1 and `false` as 0: `dim = true`
// would select the last dim.  A slice parameter is an integer or a string.
func.func @dim_true(%x: !fx.tensor<[4, 6], f32>) {
  // expected-error @below {{expected an integer or a symbol string, not a boolean}}
  %c = fx.slice %x, dim = true, start = 0, end = 2, step = 1 : !fx.tensor<[4, 6], f32> -> !fx.tensor<[4, 2], f32>
  return
}

// -----

func.func @start_false(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[2], f32>) {
  // expected-error @below {{expected an integer or a symbol string, not a boolean}}
  %c = fx.slice_scatter %x, %y, dim = 0, start = false, end = 2, step = 1 : (!fx.tensor<[4], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

// expected-error @below {{expected a string literal}}
fx.schema "mylib::foo" = true
