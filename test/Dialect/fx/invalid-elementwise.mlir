// The errors of the elementwise aten rules (dialect/FxVerifyElementwise.c),
// each at its op.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

// A symbol against a static size other than 1 cannot be decided.
func.func @negative_broadcast_symbol_static(%a: !fx.tensor<["s0"], f32>, %b: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::sub.Tensor: self !fx.tensor<["s0"], f32> and other !fx.tensor<[4], f32> do not broadcast: dim 0 is "s0" and 4 (sizes must be equal or 1; fxir cannot decide it: a symbol broadcasts only against 1 or the same symbol)}}
  %r = fx.call "aten::sub.Tensor"(self = %a, other = %b) : (!fx.tensor<["s0"], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<["s0"], f32>
  return
}

// -----

func.func @negative_add_dtype(%a: !fx.tensor<[4], f16>, %b: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::add.Tensor: result 0 has type !fx.tensor<[4], f16> but aten::add.Tensor gives !fx.tensor<[4], f32> (the broadcast of self and other, torch's result type)}}
  %r = fx.call "aten::add.Tensor"(self = %a, other = %b) : (!fx.tensor<[4], f16>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @negative_promote_fp8(%a: !fx.tensor<[4], f8E4M3FN>, %b: !fx.tensor<[4], f16>) {
  // expected-error @below {{'fx.call' op aten::mul.Tensor: torch has no type promotion of f8E4M3FN and f16 (Promotion for Float8 Types is not supported)}}
  %r = fx.call "aten::mul.Tensor"(self = %a, other = %b) : (!fx.tensor<[4], f8E4M3FN>, !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @negative_sub_bool(%a: !fx.tensor<[4], i1>, %b: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::sub.Tensor: self is bool: Subtraction, the `-` operator, with a bool tensor is not supported; use the `^` or logical_xor() operator instead}}
  %r = fx.call "aten::sub.Tensor"(self = %a, other = %b) : (!fx.tensor<[4], i1>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_alpha_float(%a: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::add.Tensor: alpha is a float but the result is i64 (torch: For integral input tensors, argument alpha must not be a floating point number)}}
  %r = fx.call "aten::add.Tensor"(self = %a, other = %a) {alpha = 2.0 : f64} : (!fx.tensor<[4], i64>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_div_int(%a: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::div.Tensor: result 0 has type !fx.tensor<[4], i64> but aten::div.Tensor gives !fx.tensor<[4], f32> (the broadcast of self and other, torch's result type)}}
  %r = fx.call "aten::div.Tensor"(self = %a, other = %a) : (!fx.tensor<[4], i64>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_scalar_dtype(%a: !fx.tensor<[2, 3], i32>) {
  // expected-error @below {{'fx.call' op aten::add.Scalar: result 0 has type !fx.tensor<[2, 3], i32> but aten::add.Scalar gives !fx.tensor<[2, 3], f32> (self's shape, torch's result type of self and the Scalar)}}
  %r = fx.call "aten::add.Scalar"(self = %a) {other = 2.5 : f64} : (!fx.tensor<[2, 3], i32>) -> !fx.tensor<[2, 3], i32>
  return
}

// -----

func.func @negative_pow_negative_int(%a: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::pow.Tensor_Scalar: exponent -1 is negative and self is i64 (torch: Integers to negative integer powers are not allowed)}}
  %r = fx.call "aten::pow.Tensor_Scalar"(self = %a) {exponent = -1 : i64} : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_compare_dtype(%a: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::ge.Scalar: result 0 has type !fx.tensor<[4], f32> but aten::ge.Scalar gives !fx.tensor<[4], i1> (self's shape, torch's result type of self and the Scalar)}}
  %r = fx.call "aten::ge.Scalar"(self = %a) {other = 0 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_bitwise_float(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], i1>) {
  // expected-error @below {{'fx.call' op aten::bitwise_or.Tensor: torch's bitwise_or.Tensor takes ints and bool, not f32}}
  %r = fx.call "aten::bitwise_or.Tensor"(self = %a, other = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], i1>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_bitwise_not_float(%a: !fx.tensor<[4], bf16>) {
  // expected-error @below {{'fx.call' op aten::bitwise_not: torch's bitwise_not takes ints and bool, not bf16}}
  %r = fx.call "aten::bitwise_not"(self = %a) : (!fx.tensor<[4], bf16>) -> !fx.tensor<[4], bf16>
  return
}

// -----

func.func @negative_silu_int(%a: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::silu: torch's silu takes float dtypes, not i64}}
  %r = fx.call "aten::silu"(self = %a) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_neg_bool(%a: !fx.tensor<[4], i1>) {
  // expected-error @below {{'fx.call' op aten::neg: self is bool: Negation, the `-` operator, on a bool tensor is not supported; use the `~` or logical_not() operator instead}}
  %r = fx.call "aten::neg"(self = %a) : (!fx.tensor<[4], i1>) -> !fx.tensor<[4], i1>
  return
}

// -----

func.func @negative_exp_int(%a: !fx.tensor<[4], i64>) {
  // expected-error @below {{'fx.call' op aten::exp: result 0 has type !fx.tensor<[4], i64> but aten::exp gives !fx.tensor<[4], f32> (self's shape and float dtype; ints give f32)}}
  %r = fx.call "aten::exp"(self = %a) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_abs_dtype(%a: !fx.tensor<[4], i32>) {
  // expected-error @below {{'fx.call' op aten::abs: result 0 has type !fx.tensor<[4], i64> but aten::abs gives !fx.tensor<[4], i32> (the type of self)}}
  %r = fx.call "aten::abs"(self = %a) : (!fx.tensor<[4], i32>) -> !fx.tensor<[4], i64>
  return
}

// -----

func.func @negative_masked_fill_mask(%a: !fx.tensor<[4], f16>, %m: !fx.tensor<[4], ui8>) {
  // expected-error @below {{'fx.call' op aten::masked_fill.Scalar: mask must be bool (i1), got ui8 (torch takes boolean masks only)}}
  %r = fx.call "aten::masked_fill.Scalar"(self = %a, mask = %m) {value = 0.0 : f64} : (!fx.tensor<[4], f16>, !fx.tensor<[4], ui8>) -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @negative_masked_fill_type(%a: !fx.tensor<[4], f16>, %m: !fx.tensor<[3, 1], i1>) {
  // expected-error @below {{'fx.call' op aten::masked_fill.Scalar: result 0 has type !fx.tensor<[4], f16> but aten::masked_fill.Scalar gives !fx.tensor<[3, 4], f16> (the broadcast of self and mask, self's dtype)}}
  %r = fx.call "aten::masked_fill.Scalar"(self = %a, mask = %m) {value = 0.0 : f64} : (!fx.tensor<[4], f16>, !fx.tensor<[3, 1], i1>) -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @negative_where_condition(%c: !fx.tensor<[4], f32>, %a: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::where.self: condition must be bool (i1), got f32 (torch takes boolean masks only)}}
  %r = fx.call "aten::where.self"(condition = %c, self = %a, other = %a) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_where_broadcast(%c: !fx.tensor<[3, 1], i1>, %a: !fx.tensor<[1, 4], f32>, %b: !fx.tensor<[5, 4], f32>) {
  // expected-error @below {{'fx.call' op aten::where.self: condition !fx.tensor<[3, 1], i1> and other !fx.tensor<[5, 4], f32> do not broadcast: dim 0 is 3 and 5 (sizes must be equal or 1)}}
  %r = fx.call "aten::where.self"(condition = %c, self = %a, other = %b) : (!fx.tensor<[3, 1], i1>, !fx.tensor<[1, 4], f32>, !fx.tensor<[5, 4], f32>) -> !fx.tensor<[5, 4], f32>
  return
}

// -----

func.func @negative_to_copy_dtype(%a: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::_to_copy: result 0 has type !fx.tensor<[4], f32> but aten::_to_copy gives !fx.tensor<[4], f16> (the shape of self, the dtype argument)}}
  %r = fx.call "aten::_to_copy"(self = %a) {dtype = f16} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_full_dtype() {
  // expected-error @below {{'fx.call' op aten::full: result 0 has type !fx.tensor<[2], f32> but aten::full gives !fx.tensor<[2], i64> (the size argument, and i64 from the int fill_value)}}
  %r = fx.call "aten::full"() {size = [2], fill_value = 1 : i64} : () -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @negative_sum_dim_range(%a: !fx.tensor<[2, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::sum.dim_IntList: dim entry 0 is 2, out of range for self of rank 2 (expected [-2, 1])}}
  %r = fx.call "aten::sum.dim_IntList"(self = %a) {dim = [2]} : (!fx.tensor<[2, 3], f32>) -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @negative_sum_dim_twice(%a: !fx.tensor<[2, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::sum.dim_IntList: dim 1 appears more than once in dim}}
  %r = fx.call "aten::sum.dim_IntList"(self = %a) {dim = [1, -1]} : (!fx.tensor<[2, 3], f32>) -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @negative_sum_dim_symbol(%a: !fx.tensor<[2, "s0"], f32>) {
  // expected-error @below {{'fx.call' op aten::sum.dim_IntList: dim entry 0 is "s0"; dims are integers}}
  %r = fx.call "aten::sum.dim_IntList"(self = %a) {dim = ["s0"]} : (!fx.tensor<[2, "s0"], f32>) -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @negative_sum_int_dtype(%a: !fx.tensor<[2, 3], i32>) {
  // expected-error @below {{'fx.call' op aten::sum.dim_IntList: result 0 has type !fx.tensor<[2], i32> but aten::sum.dim_IntList gives !fx.tensor<[2], i64> (self without the reduced dims, the dtype argument or self's (i64 for ints and bool))}}
  %r = fx.call "aten::sum.dim_IntList"(self = %a) {dim = [1]} : (!fx.tensor<[2, 3], i32>) -> !fx.tensor<[2], i32>
  return
}

// -----

func.func @negative_mean_keepdim(%a: !fx.tensor<[2, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::mean.dim: result 0 has type !fx.tensor<[2], f32> but aten::mean.dim gives !fx.tensor<[2, 1], f32> (self without the reduced dims, the dtype argument or self's)}}
  %r = fx.call "aten::mean.dim"(self = %a) {dim = [1], keepdim = true} : (!fx.tensor<[2, 3], f32>) -> !fx.tensor<[2], f32>
  return
}

// -----

func.func @negative_mean_int(%a: !fx.tensor<[2, 3], i64>) {
  // expected-error @below {{'fx.call' op aten::mean.dim: the result dtype i64 is not a float (torch: mean(): could not infer output dtype)}}
  %r = fx.call "aten::mean.dim"(self = %a) {dim = [1]} : (!fx.tensor<[2, 3], i64>) -> !fx.tensor<[2], i64>
  return
}

// -----

func.func @negative_softmax_dim(%a: !fx.tensor<[2, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::_softmax: dim -3 is out of range for self of rank 2 (expected [-2, 1])}}
  %r = fx.call "aten::_softmax"(self = %a) {dim = -3, half_to_float = false} : (!fx.tensor<[2, 3], f32>) -> !fx.tensor<[2, 3], f32>
  return
}

// -----

func.func @negative_softmax_int(%a: !fx.tensor<[2, 3], i64>) {
  // expected-error @below {{'fx.call' op aten::_softmax: torch's _softmax takes f32, f16, bf16 or f64, not i64}}
  %r = fx.call "aten::_softmax"(self = %a) {dim = 1, half_to_float = false} : (!fx.tensor<[2, 3], i64>) -> !fx.tensor<[2, 3], i64>
  return
}

// -----

func.func @negative_softmax_half_to_float(%a: !fx.tensor<[2, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::_softmax: half_to_float takes an f16 or bf16 self, not f32}}
  %r = fx.call "aten::_softmax"(self = %a) {dim = 1, half_to_float = true} : (!fx.tensor<[2, 3], f32>) -> !fx.tensor<[2, 3], f32>
  return
}

// -----

func.func @negative_softmax_type(%a: !fx.tensor<[2, 3], bf16>) {
  // expected-error @below {{'fx.call' op aten::_softmax: result 0 has type !fx.tensor<[2, 3], bf16> but aten::_softmax gives !fx.tensor<[2, 3], f32> (self's shape, f32 (half_to_float))}}
  %r = fx.call "aten::_softmax"(self = %a) {dim = 1, half_to_float = true} : (!fx.tensor<[2, 3], bf16>) -> !fx.tensor<[2, 3], bf16>
  return
}
