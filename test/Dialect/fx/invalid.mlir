// Every error of the IRDL definition and of the C verifier (FxVerifier.c),
// each at the op it concerns.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

// IRDL: a dtype outside the allowed set (torch's float8_e4m3fnuz, which
// fxir lacks; a bare fp4, which is no torch dtype; a vector of four fp4).
// expected-error @below {{'f8E4M3FNUZ' does not satisfy the constraint}}
func.func @bad_dtype(%x: !fx.tensor<[4], f8E4M3FNUZ>) { return }

// -----

// expected-error @below {{'f4E2M1FN' does not satisfy the constraint}}
func.func @bad_dtype_bare_fp4(%x: !fx.tensor<[4], f4E2M1FN>) { return }

// -----

// expected-error @below {{'vector<4xf4E2M1FN>' does not satisfy the constraint}}
func.func @bad_dtype_fp4_x4(%x: !fx.tensor<[4], vector<4xf4E2M1FN>>) { return }

// -----

func.func @dim_not_int(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op result 0 has type !fx.tensor<[1.500000e+00], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
  %0 = fx.reshape %x, shape = [-1] : !fx.tensor<[4], f32> -> !fx.tensor<[1.5], f32>
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 has type !fx.tensor<[-3], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
func.func @dim_negative(%x: !fx.tensor<[-3], f32>) {
  // expected-error @below {{'fx.reshape' op operand 0 has type !fx.tensor<[-3], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
  %0 = fx.reshape %x, shape = [-1] : !fx.tensor<[-3], f32> -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @dim_i32(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op result 0 has type !fx.tensor<[4 : i32], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
  %0 = fx.reshape %x, shape = [-1] : !fx.tensor<[4], f32> -> !fx.tensor<[4 : i32], f32>
  return
}

// -----

func.func @undeclared_symbol(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.reshape' op result 0 uses symbol "s1", which no argument of the enclosing function declares (as a tensor dim or an !fx.sym)}}
  %0 = fx.reshape %x, shape = ["s1", 4] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  return
}

// -----

func.func @empty_symbol(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.slice' op end has an empty symbol name}}
  %0 = fx.slice %x, dim = 0, start = 0, end = "", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

// The fx-verify pass also checks function signatures, which no op verifies.
func.func @bad_signature(%x: !fx.tensor<[-1], f32>) -> !fx.tensor<[-1], f32> {
  // expected-error @above {{'func.func' op argument 0 has type !fx.tensor<[-1], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
  // expected-error @above {{'func.func' op result 0 has type !fx.tensor<[-1], f32> whose dim 0 is not an i64 >= 0 or a symbol string}}
  return %x : !fx.tensor<[-1], f32>
}

// -----

func.func @shape_rank(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.view' op shape has 2 entries but the result has rank 1}}
  %0 = fx.view %x, shape = [2, 2] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @shape_entry_kind(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op shape entry 0 must be an i64 or a symbol string, got 4.000000e+00 : f32}}
  %0 = fx.reshape %x, shape = [4.0 : f32] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @shape_entry_negative(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op shape entry 0 is -2; sizes are >= 0, or -1 to infer one}}
  %0 = fx.reshape %x, shape = [-2] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @two_inferred(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op shape entries 0 and 1 are both -1; at most one size can be inferred}}
  %0 = fx.reshape %x, shape = [-1, -1] : !fx.tensor<[4], f32> -> !fx.tensor<[2, 2], f32>
  return
}

// -----

func.func @shape_int_mismatch(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op shape entry 1 is 4 but result dim 1 is not}}
  %0 = fx.reshape %x, shape = [1, 4] : !fx.tensor<[4], f32> -> !fx.tensor<[1, 2], f32>
  return
}

// -----

func.func @shape_symbol_mismatch(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.reshape' op shape entry 0 is "s0" but result dim 0 is not}}
  %0 = fx.reshape %x, shape = ["s0", 4] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[2, 4], f32>
  return
}

// -----

func.func @reshape_dtype(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op result dtype f16 differs from the input dtype f32}}
  %0 = fx.reshape %x, shape = [4] : !fx.tensor<[4], f32> -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @element_count(%x: !fx.tensor<["s0", 4096], f16>) {
  // expected-error @below {{'fx.reshape' op changes the element count: input !fx.tensor<["s0", 4096], f16>, result !fx.tensor<["s0", 128, 64], f16>}}
  %0 = fx.reshape %x, shape = [-1, 128, 64] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 64], f16>
  return
}

// -----

func.func @slice_dim_range(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op dim -3 is out of range for the rank 2 input}}
  %0 = fx.slice %x, dim = -3, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @slice_step(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op step must be >= 1, got 0}}
  %0 = fx.slice %x, dim = 1, start = 0, end = 4, step = 0 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @slice_rank(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op result rank 1 differs from the input rank 2}}
  %0 = fx.slice %x, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @slice_dtype(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op result dtype f16 differs from the input dtype f32}}
  %0 = fx.slice %x, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 4], f16>
  return
}

// -----

func.func @slice_other_dim(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op result dim 0 differs from the input dim 0 outside the sliced dim 1}}
  %0 = fx.slice %x, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<[3, 4], f32>
  return
}

// -----

// end = -1 stops before the last element: 7 of 8, not 8.
func.func @slice_length(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op result dim 1 is 8 but the slice selects 7 elements}}
  %0 = fx.slice %x, dim = 1, start = 0, end = -1, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 8], f32>
  return
}

// -----

func.func @slice_step_length(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op result dim 1 is 3 but the slice selects 4 elements}}
  %0 = fx.slice %x, dim = -1, start = 0, end = 9223372036854775807, step = 2 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<["s0", 3], f32>
  return
}

// -----

func.func @scatter_result(%x: !fx.tensor<["s0", 8], f32>, %y: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.slice_scatter' op result type !fx.tensor<["s0", 4], f32> differs from the base type !fx.tensor<["s0", 8], f32>}}
  %0 = fx.slice_scatter %x, %y, dim = 1, start = 0, end = 4, step = 1 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @scatter_src_dim(%x: !fx.tensor<["s0", 8], f32>, %y: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.slice_scatter' op src dim 1 is 4 but the slice selects 2 elements}}
  %0 = fx.slice_scatter %x, %y, dim = 1, start = 6, end = 8, step = 1 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 8], f32>
  return
}

// -----

func.func @unknown_arg_name(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op operand 2 named "wieght" is not a parameter of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, wieght = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @operand_not_tensor_param(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op operand 2 named "epsilon" is a float parameter of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> (); only Tensor parameters are operands, others go in 'args'}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, epsilon = %w) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @repeated_operand(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op operand 2 named "input" repeats operand 1}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, input = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @operand_order(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op operand 1 named "result" is out of schema order in _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()}}
  %0 = fx.auto_functionalized "_C::rms_norm"(input = %x, result = %out, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @missing_operand(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op missing required operand "input" of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @missing_arg(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op missing required argument "epsilon" of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> () (in 'args')}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @unknown_arg(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "eps" is not a parameter of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {eps = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @arg_is_tensor(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "weight" is a Tensor parameter of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> (); tensors are operands}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x) {epsilon = 1.0e-06 : f64, weight = 1.0 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @arg_kind(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "epsilon" must be an f64 float for 'float' in _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> (), got 1 : i64}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @arg_f32(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "epsilon" must be an f64 float for 'float' in _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> (), got 9.99999997E-7 : f32}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1.0e-06 : f32} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @arg_bool_kind(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "is_neox" must be a bool for 'bool' in _C::rotary_embedding(Tensor positions, Tensor! query, Tensor!? key, int head_size, Tensor cos_sin_cache, bool is_neox, int rope_dim_offset=0, bool inverse=False) -> (), got 1 : i64}}
  %0 = fx.auto_functionalized "_C::rotary_embedding"(positions = %w, query = %x, cos_sin_cache = %w) {head_size = 128, is_neox = 1} : (!fx.tensor<[4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @arg_symbol(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op args entry "head_size" uses symbol "s9", which no argument of the enclosing function declares (as a tensor dim or an !fx.sym)}}
  %0 = fx.auto_functionalized "_C::rotary_embedding"(positions = %w, query = %x, cos_sin_cache = %w) {head_size = "s9", is_neox = true} : (!fx.tensor<[4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @result_count(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op has 2 results but _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> () needs 1 (0 returned, 1 for mutated operands)}}
  %0:2 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return
}

// -----

func.func @call_result_count(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.call' op has 1 results but _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> () needs 0 (0 returned, 0 for mutated operands)}}
  %0 = fx.call "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

func.func @mutated_result_type(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op result 0, the new value of "result", has type !fx.tensor<["s0", 4096], f32> but the operand has type !fx.tensor<["s0", 4096], f16>}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f32>
  return
}

// -----

func.func @bad_target(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.call' op target "rms_norm" must be "namespace::op"}}
  fx.call "rms_norm"(x = %x) : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

func.func @no_schema(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op target "_C::my_op" has no schema; declare it in the module, e.g. fx.schema "_C::my_op" = "my_op(Tensor! out, Tensor x) -> ()"}}
  %0 = fx.auto_functionalized "_C::my_op"(out = %out, x = %x) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// -----

// expected-error @below {{'fx.schema' op invalid schema for "mylib::foo": expected parameter name at offset 20}}
fx.schema "mylib::foo" = "foo(Tensor! out, int"

// -----

// expected-error @below {{'fx.schema' op invalid schema for "mylib::foo": unknown type 'Tensr' at offset 4}}
fx.schema "mylib::foo" = "foo(Tensr x) -> ()"

// -----

// expected-error @below {{'fx.schema' op invalid schema for "mylib::foo": name "mylib::foo" does not match the signature's op "mylib::bar"}}
fx.schema "mylib::foo" = "bar(Tensor x) -> ()"

// -----

// expected-error @below {{'fx.schema' op invalid schema for "foo": name "foo" must be "namespace::op"}}
fx.schema "foo" = "foo(Tensor x) -> ()"

// -----

fx.schema "mylib::foo" = "foo(Tensor x) -> ()"
// expected-error @below {{'fx.schema' op declares "mylib::foo" a second time in this block}}
fx.schema "mylib::foo" = "foo(Tensor x) -> Tensor"

// -----

// A module may not change the schema of an op with a built-in
// implementation (its calling convention is fixed): swapped parameters
// would make the kernel write the argument the schema calls read-only.
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 0 is 'Tensor input', not 'Tensor! result'; restate it unchanged or leave it out: _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor input, Tensor! result, Tensor? weight, float epsilon) -> ()"

// -----

// Dropping a parameter (the kernel would read an epsilon nobody passes).
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: has no parameter 3 ('float epsilon'); restate it unchanged or leave it out}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor! result, Tensor input, Tensor? weight) -> ()"

// -----

// Adding one.
// expected-error @below {{'fx.schema' op changes the signature of _C::silu_and_mul, which has a built-in implementation with a fixed calling convention: has an extra parameter 2 ('float alpha=1.0')}}
fx.schema "_C::silu_and_mul" = "silu_and_mul(Tensor! result, Tensor input, float alpha=1.0) -> ()"

// -----

// Mutability.
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 0 is 'Tensor result', not 'Tensor! result'}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor result, Tensor input, Tensor? weight, float epsilon) -> ()"

// -----

// A type.
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 3 is 'int epsilon', not 'float epsilon'}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor! result, Tensor input, Tensor? weight, int epsilon) -> ()"

// -----

// Optionality.
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 2 is 'Tensor weight', not 'Tensor? weight'}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor! result, Tensor input, Tensor weight, float epsilon) -> ()"

// -----

// A name.
// expected-error @below {{'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 3 is 'float eps', not 'float epsilon'}}
fx.schema "_C::rms_norm" = "rms_norm(Tensor! result, Tensor input, Tensor? weight, float eps) -> ()"

// -----

// A default.
// expected-error @below {{'fx.schema' op changes the signature of _C::rotary_embedding, which has a built-in implementation with a fixed calling convention: parameter 7 is 'bool inverse=True', not 'bool inverse=False'}}
fx.schema "_C::rotary_embedding" = "rotary_embedding(Tensor positions, Tensor! query, Tensor!? key, int head_size, Tensor cos_sin_cache, bool is_neox, int rope_dim_offset=0, bool inverse=True) -> ()"

// -----

// The keyword-only marker.
// expected-error @below {{'fx.schema' op changes the signature of aten::add.Tensor, which has a built-in implementation with a fixed calling convention: parameter 2 is 'Scalar alpha=1', not '*, Scalar alpha=1'}}
fx.schema "aten::add.Tensor" = "add.Tensor(Tensor self, Tensor other, Scalar alpha=1) -> Tensor"

// -----

// The returns, and the storage ops the lowering implements itself.
// expected-error @below {{'fx.schema' op changes the signature of aten::clone, which has a built-in implementation with a fixed calling convention: has no return 0 ('Tensor')}}
fx.schema "aten::clone" = "clone(Tensor self) -> ()"

// -----

// An alias annotation.
// expected-error @below {{'fx.schema' op changes the signature of aten::copy_, which has a built-in implementation with a fixed calling convention: return 0 is 'Tensor', not 'Tensor(a!)'}}
fx.schema "aten::copy_" = "copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor"

// -----

// Ranks above the runtime's FXRT_MAX_RANK (8) are rejected wherever a
// tensor type appears: an operand ...
// expected-error @below {{'func.func' op argument 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32> of rank 9, above fxir's limit of 8 (the runtime's FXRT_MAX_RANK)}}
func.func @negative_rank9_operand(%x: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>) {
  // expected-error @below {{'fx.call' op operand 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32> of rank 9, above fxir's limit of 8 (the runtime's FXRT_MAX_RANK)}}
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>) -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>
  return
}

// -----

// ... a result (rank 17: the rank error, not a symbol error from dims
// read only up to some fixed count) ...
func.func @negative_rank17_result(%x: !fx.tensor<[1, "s0"], f32>) {
  // expected-error @below {{'fx.reshape' op result 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32> of rank 17, above fxir's limit of 8 (the runtime's FXRT_MAX_RANK)}}
  %0 = fx.reshape %x, shape = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "s0"] : !fx.tensor<[1, "s0"], f32> -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "s0"], f32>
  return
}

// -----

// ... and the function signature, which fx-verify checks.
func.func @negative_rank9_signature(%x: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 8], f32>) -> !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 8], f32> {
  // expected-error @above {{'func.func' op argument 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 8], f32> of rank 9, above fxir's limit of 8 (the runtime's FXRT_MAX_RANK)}}
  // expected-error @above {{'func.func' op result 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 8], f32> of rank 9}}
  return %x : !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 8], f32>
}

// -----

// A symbol declared only by dim 16 of a deep argument is declared: the op
// that uses it is fine, the argument's rank is the one error.
func.func @negative_rank17_declares(%big: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "s9"], f32>, %x: !fx.tensor<[4], f32>) {
  // expected-error @above {{'func.func' op argument 0 has type !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "s9"], f32> of rank 17, above fxir's limit of 8}}
  %0 = fx.reshape %x, shape = ["s9"] : !fx.tensor<[4], f32> -> !fx.tensor<["s9"], f32>
  return
}

// -----

// Element counts that overflow int64: the static dims' product ...
// expected-error @below {{'func.func' op argument 0 has type !fx.tensor<[4294967296, 4294967296], f16> whose element count overflows int64}}
func.func @negative_numel_overflow(%x: !fx.tensor<[4294967296, 4294967296], f16>) {
  // expected-error @below {{'fx.call' op operand 0 has type !fx.tensor<[4294967296, 4294967296], f16> whose element count overflows int64}}
  %0 = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4294967296, 4294967296], f16>) -> !fx.tensor<[4294967296, 4294967296], f16>
  return
}

// -----

// ... past 2^64 too (it must not wrap around to a small count) ...
// expected-error @below {{'func.func' op argument 0 has type !fx.tensor<[3074457345618258603, 6], f32> whose element count overflows int64}}
func.func @negative_numel_wraps(%x: !fx.tensor<[3074457345618258603, 6], f32>) {
  // expected-error @below {{'fx.call' op operand 0 has type !fx.tensor<[3074457345618258603, 6], f32> whose element count overflows int64}}
  %0 = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[3074457345618258603, 6], f32>) -> !fx.tensor<[3074457345618258603, 6], f32>
  return
}

// -----

// ... or the size in bytes (2^62 f32 elements), also next to a symbol ...
// expected-error @below {{'func.func' op argument 0 has type !fx.tensor<["s0", 4611686018427387904], f32> whose size in bytes (4611686018427387904 elements of 4 bytes) overflows int64}}
func.func @negative_bytes_overflow(%x: !fx.tensor<["s0", 4611686018427387904], f32>) {
  // expected-error @below {{'fx.slice' op operand 0 has type !fx.tensor<["s0", 4611686018427387904], f32> whose size in bytes (4611686018427387904 elements of 4 bytes) overflows int64}}
  %0 = fx.slice %x, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<["s0", 4611686018427387904], f32> -> !fx.tensor<[1, 4611686018427387904], f32>
  return
}

// -----

// ... in a function signature as well.
func.func @negative_bytes_overflow_signature(%x: !fx.tensor<[2305843009213693952, 2], i64>) {
  // expected-error @above {{'func.func' op argument 0 has type !fx.tensor<[2305843009213693952, 2], i64> whose size in bytes (4611686018427387904 elements of 8 bytes) overflows int64}}
  return
}

// -----

// A huge step selects one element (torch), not none: the length formula
// must not overflow.
func.func @negative_slice_huge_step_length(%x: !fx.tensor<[8, 4], f32>) {
  // expected-error @below {{'fx.slice' op result dim 0 is 2 but the slice selects 1 elements}}
  %0 = fx.slice %x, dim = 0, start = 0, end = 8, step = 9223372036854775807 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[2, 4], f32>
  return
}

// -----

func.func @negative_scatter_huge_step_length(%x: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[0, 4], f32>) {
  // expected-error @below {{'fx.slice_scatter' op src dim 0 is 0 but the slice selects 1 elements}}
  %0 = fx.slice_scatter %x, %y, dim = 0, start = -9223372036854775808, end = 9223372036854775807, step = 9223372036854775806 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[0, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return
}

// -----

// fx.donated is a unit attribute: `= false` does not mean "not donated"
// and is an error, at the function (fx-verify, and every fx pass).
// expected-error @below {{'func.func' op argument 0 has fx.donated = false, but fx.donated is a unit attribute: write {fx.donated} or leave it out}}
func.func @negative_donated_false(%out: !fx.tensor<["s0", 4096], f16> {fx.donated = false}, %x: !fx.tensor<["s0", 4096], f16>) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 1 has fx.donated = 1 : i64, but fx.donated is a unit attribute: write {fx.donated} or leave it out}}
func.func @negative_donated_int(%x: !fx.tensor<[4], f16>, %y: !fx.tensor<[4], f16> {fx.donated = 1}) {
  return
}

// -----

// An unknown fx attribute is a typo until proven otherwise.
// expected-error @below {{'func.func' op argument 0 has the unknown attribute "fx.donatd"; did you mean "fx.donated"?}}
func.func @negative_donated_typo(%x: !fx.tensor<[4], f16> {fx.donatd}) {
  return
}

// -----

// fx.none_outputs (fx-import's record of an FX graph's None outputs) is
// an array of positions, increasing, within results + Nones.
// expected-error @below {{'func.func' op has fx.none_outputs = [1], but it is an array of output positions, e.g. array<i64: 1, 3>}}
func.func @negative_none_outputs_array(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> attributes {fx.none_outputs = [1]} {
  return %x : !fx.tensor<[4], f16>
}

// -----

// expected-error @below {{'func.func' op has fx.none_outputs[1] = 1, but the positions increase strictly and lie below 3 (1 results and 2 None outputs)}}
func.func @negative_none_outputs_order(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> attributes {fx.none_outputs = array<i64: 1, 1>} {
  return %x : !fx.tensor<[4], f16>
}

// -----

// expected-error @below {{'func.func' op has fx.none_outputs[0] = 2, but the positions increase strictly and lie below 2 (1 results and 1 None outputs)}}
func.func @negative_none_outputs_beyond(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> attributes {fx.none_outputs = array<i64: 2>} {
  return %x : !fx.tensor<[4], f16>
}

// -----

// expected-error @below {{'func.func' op has the unknown attribute "fx.none_output"; did you mean "fx.none_outputs"?}}
func.func @negative_none_outputs_typo(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> attributes {fx.none_output = array<i64: 0>} {
  return %x : !fx.tensor<[4], f16>
}

// -----

// expected-error @below {{'func.func' op has the unknown attribute "fx.pytree"; the fx attribute of functions is fx.none_outputs}}
func.func @negative_function_attr_unknown(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> attributes {fx.pytree} {
  return %x : !fx.tensor<[4], f16>
}

// -----

// expected-error @below {{'func.func' op argument 0 has the unknown attribute "fx.layout"; the fx argument attributes are: fx.donated, fx.strides}}
func.func @negative_unknown_arg_attr(%x: !fx.tensor<[4], f16> {fx.layout = "nhwc"}) {
  return
}

// -----

// Declared strides (fx.strides): an array, one stride per dim, each an
// i64 >= 0 or a declared symbol or canonical expression.
// expected-error @below {{'func.func' op argument 0 has fx.strides = 1 : i64, but fx.strides is an array: one stride per dim, e.g. [4096, 1]}}
func.func @negative_strides_not_array(%x: !fx.tensor<[4], f16> {fx.strides = 1}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 has 1 fx.strides for type !fx.tensor<[4, 4], f16> of rank 2: one stride per dim}}
func.func @negative_strides_rank(%x: !fx.tensor<[4, 4], f16> {fx.strides = [1]}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 stride 0 is -4 : i64, not an i64 >= 0 or a symbol string}}
func.func @negative_strides_negative(%x: !fx.tensor<[4, 4], f16> {fx.strides = [-4, 1]}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 stride 0 is "s1*4", not in fxir's canonical form: write "4*s1"}}
func.func @negative_strides_not_canonical(%x: !fx.tensor<[4, "s1"], f16> {fx.strides = ["s1*4", 1]}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 stride 0 uses symbol "s9", which no argument of the enclosing function declares (as a tensor dim or an !fx.sym)}}
func.func @negative_strides_undeclared(%x: !fx.tensor<[4, 4], f16> {fx.strides = ["s9", 1]}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 has fx.strides but type !fx.sym<"s0">: only a tensor has strides}}
func.func @negative_strides_sym(%s: !fx.sym<"s0"> {fx.strides = []}) {
  return
}

// -----

// expected-error @below {{'func.func' op argument 0 has the unknown attribute "fx.stride"; did you mean "fx.strides"?}}
func.func @negative_strides_typo(%x: !fx.tensor<[4], f16> {fx.stride = [1]}) {
  return
}

// -----

// expected-error @below {{'func.func' op result 0 has the attribute "fx.donated", but fx defines attributes of function arguments only}}
func.func @negative_result_attr(%x: !fx.tensor<[4], f16> {fx.donated}) -> (!fx.tensor<[4], f16> {fx.donated}) {
  return %x : !fx.tensor<[4], f16>
}

// -----

// The aten ops with a built-in implementation: what torch says they return,
// where it is decidable (FxVerifyAten.c).
// aten::mm: the inner dims must agree (torch: "shapes cannot be multiplied").
func.func @negative_mm_inner(%a: !fx.tensor<[4, 3], f32>, %b: !fx.tensor<[5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::mm: self !fx.tensor<[4, 3], f32> and mat2 !fx.tensor<[5, 6], f32> cannot be multiplied: self dim 1 (3) differs from mat2 dim 0 (5)}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 3], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

func.func @negative_mm_rank(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::mm: self must be a matrix (2-D), got !fx.tensor<[4], f32>}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

func.func @negative_mm_rank_mat2(%a: !fx.tensor<[4, 5], f32>, %b: !fx.tensor<[2, 5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::mm: mat2 must be a matrix (2-D), got !fx.tensor<[2, 5, 6], f32>}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 5], f32>, !fx.tensor<[2, 5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

func.func @negative_mm_dtypes(%a: !fx.tensor<[4, 5], f32>, %b: !fx.tensor<[5, 6], f16>) {
  // expected-error @below {{'fx.call' op aten::mm: mat2 dtype f16 differs from the self dtype f32}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 5], f32>, !fx.tensor<[5, 6], f16>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

// The result is [rows of self, columns of mat2], compared as dims are: "s0" is not 4.
func.func @negative_mm_result_shape(%a: !fx.tensor<["s0", 5], f16>, %b: !fx.tensor<[5, 6], f16>) {
  // expected-error @below {{'fx.call' op aten::mm: result 0 has type !fx.tensor<[4, 6], f16> but aten::mm gives !fx.tensor<["s0", 6], f16> (rows of self, columns of mat2, dtype of self)}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<["s0", 5], f16>, !fx.tensor<[5, 6], f16>) -> !fx.tensor<[4, 6], f16>
  return
}

// -----

func.func @negative_mm_result_dtype(%a: !fx.tensor<[4, 5], bf16>, %b: !fx.tensor<[5, 6], bf16>) {
  // expected-error @below {{'fx.call' op aten::mm: result 0 has type !fx.tensor<[4, 6], f32> but aten::mm gives !fx.tensor<[4, 6], bf16> (rows of self, columns of mat2, dtype of self)}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 5], bf16>, !fx.tensor<[5, 6], bf16>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

// bmm: batches of matrices (3-D), the batch dims equal, then as mm.
func.func @negative_bmm_rank(%a: !fx.tensor<[4, 5], f32>, %b: !fx.tensor<[2, 5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::bmm: self must be a batch of matrices (3-D), got !fx.tensor<[4, 5], f32>}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 5], f32>, !fx.tensor<[2, 5, 6], f32>) -> !fx.tensor<[2, 4, 6], f32>
  return
}

// -----

func.func @negative_bmm_batch(%a: !fx.tensor<[3, 4, 5], f32>, %b: !fx.tensor<[2, 5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::bmm: self !fx.tensor<[3, 4, 5], f32> and mat2 !fx.tensor<[2, 5, 6], f32> have different batch sizes: self dim 0 (3) differs from mat2 dim 0 (2)}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[3, 4, 5], f32>, !fx.tensor<[2, 5, 6], f32>) -> !fx.tensor<[3, 4, 6], f32>
  return
}

// -----

func.func @negative_bmm_inner(%a: !fx.tensor<["s0", 4, 5], f32>, %b: !fx.tensor<["s0", 7, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::bmm: self !fx.tensor<["s0", 4, 5], f32> and mat2 !fx.tensor<["s0", 7, 6], f32> cannot be multiplied: self dim 2 (5) differs from mat2 dim 1 (7)}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<["s0", 4, 5], f32>, !fx.tensor<["s0", 7, 6], f32>) -> !fx.tensor<["s0", 4, 6], f32>
  return
}

// -----

func.func @negative_bmm_dtypes(%a: !fx.tensor<[2, 4, 5], f16>, %b: !fx.tensor<[2, 5, 6], bf16>) {
  // expected-error @below {{'fx.call' op aten::bmm: mat2 dtype bf16 differs from the self dtype f16}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[2, 4, 5], f16>, !fx.tensor<[2, 5, 6], bf16>) -> !fx.tensor<[2, 4, 6], f16>
  return
}

// -----

func.func @negative_bmm_result(%a: !fx.tensor<[2, "s0", 5], f16>, %b: !fx.tensor<[2, 5, 6], f16>) {
  // expected-error @below {{'fx.call' op aten::bmm: result 0 has type !fx.tensor<[2, 4, 6], f16> but aten::bmm gives !fx.tensor<[2, "s0", 6], f16> (batch and rows of self, columns of mat2, dtype of self)}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[2, "s0", 5], f16>, !fx.tensor<[2, 5, 6], f16>) -> !fx.tensor<[2, 4, 6], f16>
  return
}

// -----

// addmm: mat1 @ mat2 as mm, self broadcast to the product, one dtype.
func.func @negative_addmm_inner(%s: !fx.tensor<[6], f32>, %a: !fx.tensor<[4, 3], f32>, %b: !fx.tensor<[5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::addmm: mat1 !fx.tensor<[4, 3], f32> and mat2 !fx.tensor<[5, 6], f32> cannot be multiplied: mat1 dim 1 (3) differs from mat2 dim 0 (5)}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[6], f32>, !fx.tensor<[4, 3], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

func.func @negative_addmm_self_dtype(%s: !fx.tensor<[6], f32>, %a: !fx.tensor<[4, 5], bf16>, %b: !fx.tensor<[5, 6], bf16>) {
  // expected-error @below {{'fx.call' op aten::addmm: self dtype f32 differs from the mat1 dtype bf16}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[6], f32>, !fx.tensor<[4, 5], bf16>, !fx.tensor<[5, 6], bf16>) -> !fx.tensor<[4, 6], bf16>
  return
}

// -----

func.func @negative_addmm_self_broadcast(%s: !fx.tensor<[4], f32>, %a: !fx.tensor<["s0", 5], f32>, %b: !fx.tensor<[5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::addmm: self !fx.tensor<[4], f32> cannot be broadcast to the product ["s0", 6]: self dim 0 is 4 where the product has 6 (sizes must be equal or 1)}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[4], f32>, !fx.tensor<["s0", 5], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<["s0", 6], f32>
  return
}

// -----

func.func @negative_addmm_self_rank(%s: !fx.tensor<[1, 4, 6], f32>, %a: !fx.tensor<[4, 5], f32>, %b: !fx.tensor<[5, 6], f32>) {
  // expected-error @below {{'fx.call' op aten::addmm: self !fx.tensor<[1, 4, 6], f32> has more dims than the product [4, 6], so it cannot be broadcast to it}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[1, 4, 6], f32>, !fx.tensor<[4, 5], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  return
}

// -----

func.func @negative_addmm_result(%s: !fx.tensor<[6], f16>, %a: !fx.tensor<[4, 5], f16>, %b: !fx.tensor<[5, 6], f16>) {
  // expected-error @below {{'fx.call' op aten::addmm: result 0 has type !fx.tensor<[6], f16> but aten::addmm gives !fx.tensor<[4, 6], f16> (rows of mat1, columns of mat2, dtype of mat1)}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[6], f16>, !fx.tensor<[4, 5], f16>, !fx.tensor<[5, 6], f16>) -> !fx.tensor<[6], f16>
  return
}

// -----

// embedding: weight [V, H] at i64/i32 indices of any shape -> indices' shape + [H].
func.func @negative_embedding_weight(%w: !fx.tensor<[100], f16>, %i: !fx.tensor<[3], i64>) {
  // expected-error @below {{'fx.call' op aten::embedding: weight must be a matrix (2-D) of rows to look up, got !fx.tensor<[100], f16>}}
  %r = fx.call "aten::embedding"(weight = %w, indices = %i) : (!fx.tensor<[100], f16>, !fx.tensor<[3], i64>) -> !fx.tensor<[3], f16>
  return
}

// -----

func.func @negative_embedding_indices_dtype(%w: !fx.tensor<[100, 8], f16>, %i: !fx.tensor<[3], f32>) {
  // expected-error @below {{'fx.call' op aten::embedding: indices must have dtype i64 or i32, got !fx.tensor<[3], f32>}}
  %r = fx.call "aten::embedding"(weight = %w, indices = %i) : (!fx.tensor<[100, 8], f16>, !fx.tensor<[3], f32>) -> !fx.tensor<[3, 8], f16>
  return
}

// -----

func.func @negative_embedding_rank(%w: !fx.tensor<[100, 8], f16>, %i: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 2], i64>) {
  // expected-error @below {{'fx.call' op aten::embedding: indices !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 2], i64> has rank 8, so the result would have rank 9, above fxir's rank limit of 8}}
  %r = fx.call "aten::embedding"(weight = %w, indices = %i) : (!fx.tensor<[100, 8], f16>, !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 2], i64>) -> !fx.tensor<[2, 8], f16>
  return
}

// -----

func.func @negative_embedding_result(%w: !fx.tensor<[100, 8], bf16>, %i: !fx.tensor<["s0"], i32>) {
  // expected-error @below {{'fx.call' op aten::embedding: result 0 has type !fx.tensor<["s0", 100], bf16> but aten::embedding gives !fx.tensor<["s0", 8], bf16> (the shape of indices, then the row size of weight, dtype of weight)}}
  %r = fx.call "aten::embedding"(weight = %w, indices = %i) : (!fx.tensor<[100, 8], bf16>, !fx.tensor<["s0"], i32>) -> !fx.tensor<["s0", 100], bf16>
  return
}

// -----

// index_select: an i64/i32 vector of indices along dim.
func.func @negative_index_select_dtype(%x: !fx.tensor<[4, 5], f32>, %i: !fx.tensor<[3], i16>) {
  // expected-error @below {{'fx.call' op aten::index_select: index must have dtype i64 or i32, got !fx.tensor<[3], i16>}}
  %r = fx.call "aten::index_select"(self = %x, index = %i) {dim = 0} : (!fx.tensor<[4, 5], f32>, !fx.tensor<[3], i16>) -> !fx.tensor<[3, 5], f32>
  return
}

// -----

func.func @negative_index_select_index_rank(%x: !fx.tensor<[4, 5], f32>, %i: !fx.tensor<[3, 1], i64>) {
  // expected-error @below {{'fx.call' op aten::index_select: index must be a vector (rank 0 or 1), got !fx.tensor<[3, 1], i64>}}
  %r = fx.call "aten::index_select"(self = %x, index = %i) {dim = 0} : (!fx.tensor<[4, 5], f32>, !fx.tensor<[3, 1], i64>) -> !fx.tensor<[3, 5], f32>
  return
}

// -----

func.func @negative_index_select_dim(%x: !fx.tensor<[4, 5], f32>, %i: !fx.tensor<[3], i64>) {
  // expected-error @below {{'fx.call' op aten::index_select: dim -3 is out of range for self !fx.tensor<[4, 5], f32> (expected -2 to 1)}}
  %r = fx.call "aten::index_select"(self = %x, index = %i) {dim = -3} : (!fx.tensor<[4, 5], f32>, !fx.tensor<[3], i64>) -> !fx.tensor<[4, 5], f32>
  return
}

// -----

func.func @negative_index_select_scalar(%x: !fx.tensor<[], f32>, %i: !fx.tensor<[3], i64>) {
  // expected-error @below {{'fx.call' op aten::index_select: a 0-d self takes an index of exactly 1 element, got !fx.tensor<[3], i64>}}
  %r = fx.call "aten::index_select"(self = %x, index = %i) {dim = 0} : (!fx.tensor<[], f32>, !fx.tensor<[3], i64>) -> !fx.tensor<[], f32>
  return
}

// -----

func.func @negative_index_select_result(%x: !fx.tensor<[4, 5], f32>, %i: !fx.tensor<["s0"], i64>) {
  // expected-error @below {{'fx.call' op aten::index_select: result 0 has type !fx.tensor<["s0", 5], f32> but aten::index_select gives !fx.tensor<[4, "s0"], f32> (the shape of self with dim's size the length of index, dtype of self)}}
  %r = fx.call "aten::index_select"(self = %x, index = %i) {dim = 1} : (!fx.tensor<[4, 5], f32>, !fx.tensor<["s0"], i64>) -> !fx.tensor<["s0", 5], f32>
  return
}

// -----

// The result dtype is out_dtype when given, else self's.
func.func @negative_scaled_mm_result(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: result 0 has type !fx.tensor<[4, 8], f8E4M3FN> but aten::_scaled_mm gives !fx.tensor<[4, 8], bf16> (rows of self, columns of mat2, out_dtype)}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], f8E4M3FN>
  return
}

// -----

func.func @negative_scaled_mm_result_default(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: result 0 has type !fx.tensor<[4, 8], bf16> but aten::_scaled_mm gives !fx.tensor<[4, 8], f8E4M3FN> (rows of self, columns of mat2, dtype of self)}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

func.func @negative_scaled_mm_scale_dtype(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f16>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: scale_a must be f32, got f16}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

// Scales are per tensor (1 element) or per row / column.
func.func @negative_scaled_mm_scale_count(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[3, 1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: scale_a has 3 elements, expected 1 or 4}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[3, 1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

func.func @negative_scaled_mm_scale_rank(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[4, 1, 1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: scale_a must have rank 0 to 2, got !fx.tensor<[4, 1, 1], f32>}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[4, 1, 1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

func.func @negative_scaled_mm_bias(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>, %bias: !fx.tensor<[4], bf16>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: bias has 4 elements, expected 8}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb, bias = %bias) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>, !fx.tensor<[4], bf16>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

// add/mul broadcast as torch does: sizes equal or 1, aligned at the right.
func.func @negative_add_broadcast(%a: !fx.tensor<[4, 3], f32>, %b: !fx.tensor<[5], f32>) {
  // expected-error @below {{'fx.call' op aten::add.Tensor: self !fx.tensor<[4, 3], f32> and other !fx.tensor<[5], f32> do not broadcast: dim 1 is 3 and 5 (sizes must be equal or 1)}}
  %r = fx.call "aten::add.Tensor"(self = %a, other = %b) : (!fx.tensor<[4, 3], f32>, !fx.tensor<[5], f32>) -> !fx.tensor<[4, 3], f32>
  return
}

// -----

func.func @negative_add_result_rank(%a: !fx.tensor<[4, 3], f32>, %b: !fx.tensor<[3], f32>) {
  // expected-error @below {{'fx.call' op aten::add.Tensor: result 0 has type !fx.tensor<[3], f32> but aten::add.Tensor gives !fx.tensor<[4, 3], f32> (the broadcast of self and other, torch's result type)}}
  %r = fx.call "aten::add.Tensor"(self = %a, other = %b) : (!fx.tensor<[4, 3], f32>, !fx.tensor<[3], f32>) -> !fx.tensor<[3], f32>
  return
}

// -----

func.func @negative_mul_result_dim(%a: !fx.tensor<[4, 1], f16>, %b: !fx.tensor<[3], f16>) {
  // expected-error @below {{'fx.call' op aten::mul.Tensor: result 0 has type !fx.tensor<[4, 1], f16> but aten::mul.Tensor gives !fx.tensor<[4, 3], f16> (the broadcast of self and other, torch's result type)}}
  %r = fx.call "aten::mul.Tensor"(self = %a, other = %b) : (!fx.tensor<[4, 1], f16>, !fx.tensor<[3], f16>) -> !fx.tensor<[4, 1], f16>
  return
}

// -----

// Two different symbols: undecidable (either may be 1), so an error.
func.func @negative_mul_result_symbols(%a: !fx.tensor<["s0"], f16>, %b: !fx.tensor<["s1"], f16>) {
  // expected-error @below {{'fx.call' op aten::mul.Tensor: self !fx.tensor<["s0"], f16> and other !fx.tensor<["s1"], f16> do not broadcast: dim 0 is "s0" and "s1" (sizes must be equal or 1; fxir cannot decide it: a symbol broadcasts only against 1 or the same symbol)}}
  %r = fx.call "aten::mul.Tensor"(self = %a, other = %b) : (!fx.tensor<["s0"], f16>, !fx.tensor<["s1"], f16>) -> !fx.tensor<[4], f16>
  return
}

// -----

func.func @negative_cos_shape(%a: !fx.tensor<[4, 3], f32>) {
  // expected-error @below {{'fx.call' op aten::cos: result 0 has type !fx.tensor<[3, 4], f32> but aten::cos gives !fx.tensor<[4, 3], f32> (self's shape and float dtype; ints give f32)}}
  %r = fx.call "aten::cos"(self = %a) : (!fx.tensor<[4, 3], f32>) -> !fx.tensor<[3, 4], f32>
  return
}

// -----

// clone gives its input's type.
func.func @negative_clone_type(%a: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op aten::clone: result 0 has type !fx.tensor<[5], f16> but aten::clone gives the type of self, !fx.tensor<[4], f32>}}
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[5], f16>
  return
}

// -----

func.func @negative_clone_dtype(%a: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.call' op aten::clone: result 0 has type !fx.tensor<["s0", 4], bf16> but aten::clone gives the type of self, !fx.tensor<["s0", 4], f32>}}
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], bf16>
  return
}

// -----

// empty's result type is its size and dtype arguments.
func.func @negative_empty_args() {
  // expected-error @below {{'fx.call' op aten::empty: result 0 has type !fx.tensor<[3, 3], f32> but aten::empty gives !fx.tensor<[7], f16> (the size and dtype arguments)}}
  %r = fx.call "aten::empty"() {size = [7], dtype = f16} : () -> !fx.tensor<[3, 3], f32>
  return
}

// -----

// Without dtype, torch's default dtype: f32.
func.func @negative_empty_default_dtype(%n: !fx.sym<"s0">) {
  // expected-error @below {{'fx.call' op aten::empty: result 0 has type !fx.tensor<["s0", 8], f16> but aten::empty gives !fx.tensor<["s0", 8], f32> (the size argument, and f32, torch's default dtype)}}
  %r = fx.call "aten::empty"() {size = ["s0", 8]} : () -> !fx.tensor<["s0", 8], f16>
  return
}

// -----

func.func @negative_empty_negative() {
  // expected-error @below {{'fx.call' op aten::empty: size entry 0 is -3; sizes are >= 0}}
  %r = fx.call "aten::empty"() {size = [-3]} : () -> !fx.tensor<[3], f32>
  return
}

// -----

func.func @negative_empty_rank() {
  // expected-error @below {{'fx.call' op aten::empty: size has 9 entries, above fxir's rank limit of 8}}
  %r = fx.call "aten::empty"() {size = [1, 1, 1, 1, 1, 1, 1, 1, 1]} : () -> !fx.tensor<[1], f32>
  return
}

// -----

func.func @negative_empty_dtype_kind() {
  // expected-error @below {{'fx.call' op aten::empty: dtype f8E4M3FNUZ is not a dtype of fx tensors}}
  %r = fx.call "aten::empty"() {size = [1], dtype = f8E4M3FNUZ} : () -> !fx.tensor<[1], f32>
  return
}

// -----

func.func @negative_empty_like_shape(%a: !fx.tensor<["s0", 4], f16>) {
  // expected-error @below {{'fx.call' op aten::empty_like: result 0 has type !fx.tensor<["s0", 8], f16> but aten::empty_like gives !fx.tensor<["s0", 4], f16> (the shape and dtype of self)}}
  %r = fx.call "aten::empty_like"(self = %a) : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 8], f16>
  return
}

// -----

func.func @negative_empty_like_dtype(%a: !fx.tensor<["s0", 4], f16>) {
  // expected-error @below {{'fx.call' op aten::empty_like: result 0 has type !fx.tensor<["s0", 4], f32> but aten::empty_like gives !fx.tensor<["s0", 4], f8E4M3FN> (the shape of self, the dtype argument)}}
  %r = fx.call "aten::empty_like"(self = %a) {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @negative_empty_like_default_dtype(%a: !fx.tensor<["s0", 4], f16>) {
  // expected-error @below {{'fx.call' op aten::empty_like: result 0 has type !fx.tensor<["s0", 4], f32> but aten::empty_like gives !fx.tensor<["s0", 4], f16> (the shape and dtype of self)}}
  %r = fx.call "aten::empty_like"(self = %a) : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

// copy_ broadcasts src to self (torch's expand), never the other way.
func.func @negative_copy_rank(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[2, 4], f32>) {
  // expected-error @below {{'fx.call' op aten::copy_: src !fx.tensor<[2, 4], f32> has more dims than self !fx.tensor<[4], f32>, so it cannot be broadcast to it}}
  %r = fx.call "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_copy_broadcast(%a: !fx.tensor<[2, 4], f32>, %b: !fx.tensor<[3], f16>) {
  // expected-error @below {{'fx.call' op aten::copy_: src !fx.tensor<[3], f16> cannot be broadcast to self !fx.tensor<[2, 4], f32>: src dim 0 is 3 where self has 4 (sizes must be equal or 1)}}
  %r = fx.call "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[3], f16>) -> !fx.tensor<[2, 4], f32>
  return
}

// -----

// copy_ returns self.
func.func @negative_copy_result(%a: !fx.tensor<[2, 4], f32>, %b: !fx.tensor<[4], f16>) {
  // expected-error @below {{'fx.call' op aten::copy_: result 0 has type !fx.tensor<[2, 4], f16> but aten::copy_ gives the type of self, !fx.tensor<[2, 4], f32>}}
  %r = fx.call "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[4], f16>) -> !fx.tensor<[2, 4], f16>
  return
}

// -----

func.func @negative_copy_functional_result(%a: !fx.tensor<[2, 4], f32>, %b: !fx.tensor<[4], f16>) {
  // expected-error @below {{'fx.auto_functionalized' op aten::copy_: result 0 has type !fx.tensor<[2, 4], f16> but aten::copy_ gives the type of self, !fx.tensor<[2, 4], f32>}}
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[4], f16>) -> (!fx.tensor<[2, 4], f16>, !fx.tensor<[2, 4], f32>)
  return
}

// -----

// fx.view must be a view, decided where the producers make the input's
// layout known (FxVerifyView.c).
// Merging the rows of a column slice of new (contiguous) storage: no
// strides express it, torch's view raises.
func.func @negative_view_column_slice() {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [8, 1], as !fx.tensor<[16], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// An argument's declared strides (fx.strides) make its layout known.
func.func @negative_view_declared_transposed(%x: !fx.tensor<[4, 4], f32> {fx.strides = [1, 4]}) {
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [1, 4], as !fx.tensor<[16], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// Every other row (step 2).
func.func @negative_view_step_slice() {
  %buf = fx.call "aten::empty"() {size = [8, 4], dtype = f32} : () -> !fx.tensor<[8, 4], f32>
  %x = fx.slice %buf, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [8, 1], as !fx.tensor<[16], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// Through a chain: a clone (new storage), its right half, a view that
// splits a dim (fine), then one that merges across the slice's rows.
func.func @negative_view_chain(%a: !fx.tensor<[4, 8], f32>) {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %c, dim = 1, start = 4, end = 8, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.view %x, shape = [2, 2, 4] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 2, 4], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[2, 2, 4], f32>, laid out with strides [16, 8, 1], as !fx.tensor<[2, 8], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %s, shape = [2, 8] : !fx.tensor<[2, 2, 4], f32> -> !fx.tensor<[2, 8], f32>
  return
}

// -----

// A symbolic token count in front: the dims after it decide.
func.func @negative_view_symbolic_rows(%n: !fx.sym<"s0">) {
  %buf = fx.call "aten::empty"() {size = ["s0", 8, 4], dtype = f32} : () -> !fx.tensor<["s0", 8, 4], f32>
  %x = fx.slice %buf, dim = 2, start = 0, end = 2, step = 1 : !fx.tensor<["s0", 8, 4], f32> -> !fx.tensor<["s0", 8, 2], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<["s0", 8, 2], f32>, laid out with strides [32, 4, 1], as !fx.tensor<["s0", 16], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %x, shape = ["s0", 16] : !fx.tensor<["s0", 8, 2], f32> -> !fx.tensor<["s0", 16], f32>
  return
}

// -----

// copy_ returns self (Tensor(a!)): self's layout.
func.func @negative_view_copy_result(%s: !fx.tensor<[4], f16>) {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %x = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::copy_"(self = %x, src = %s) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f16>) -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [8, 1], as !fx.tensor<[16], f32>: the dims it would merge are not contiguous with each other, so torch's view raises (fx.reshape copies when it must)}}
  %v = fx.view %c, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

func.func @result_not_tensor(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base type 'fx.tensor' but got 'builtin.f32'}}
  %0 = fx.reshape %x, shape = [4] : !fx.tensor<[4], f32> -> f32
  return
}

// -----

// out_dtype must be a dtype fx tensors have (whatever the kernel takes).
func.func @negative_scaled_mm_out_dtype_not_fx(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: out_dtype f8E4M3FNUZ is not a dtype of fx tensors}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = f8E4M3FNUZ} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], bf16>
  return
}

// -----

// fx.functionalized (fx-import's clone of an auto_functionalized_v2 base):
// a unit attribute, on an aten::clone only; a near miss is a typo.
func.func @negative_functionalized_value(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{'fx.call' op has fx.functionalized = 1 : i64, but fx.functionalized is a unit attribute: write {fx.functionalized} or leave it out}}
  %c = fx.call "aten::clone"(self = %x) attributes {fx.functionalized = 1 : i64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

func.func @negative_functionalized_not_clone(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{'fx.call' op has fx.functionalized, which belongs on an fx.call of aten::clone only}}
  %c = fx.call "aten::exp"(self = %x) attributes {fx.functionalized} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

func.func @negative_functionalized_typo(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{'fx.call' op has the unknown attribute "fx.functionalised"; did you mean "fx.functionalized"?}}
  %c = fx.call "aten::clone"(self = %x) attributes {fx.functionalised} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

func.func @negative_unknown_op_attr(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 4], f32> {
  // expected-error @below {{'fx.slice' op has the unknown attribute "fx.note"; the fx attributes of ops are: fx.functionalized}}
  %s = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 attributes {fx.note} : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  return %s : !fx.tensor<[2, 4], f32>
}

// -----

// aten::as_strided: one stride per size (the lowering tells strides from
// storage_offset by count), and the sizes are the result's dims.
func.func @negative_as_strided_stride_count(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32> {
  // expected-error @below {{'fx.call' op aten::as_strided: has 3 strides for 2 sizes (one stride per dim)}}
  %a = fx.call "aten::as_strided"(self = %x) {size = [2, 2], stride = [4, 1, 7]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32>
  return %a : !fx.tensor<[2, 2], f32>
}

// -----

func.func @negative_as_strided_size_type(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[3, 3], f32> {
  // expected-error @below {{'fx.call' op aten::as_strided: result 0 has type !fx.tensor<[3, 3], f32> but aten::as_strided gives !fx.tensor<[2, 2], f32> (its size argument, dtype of self)}}
  %a = fx.call "aten::as_strided"(self = %x) {size = [2, 2], stride = [4, 1], storage_offset = 0} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[3, 3], f32>
  return %a : !fx.tensor<[3, 3], f32>
}

// -----

func.func @negative_as_strided_negative_size(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32> {
  // expected-error @below {{'fx.call' op aten::as_strided: size 0 is -2; sizes cannot be negative}}
  %a = fx.call "aten::as_strided"(self = %x) {size = [-2, 2], stride = [4, 1]} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32>
  return %a : !fx.tensor<[2, 2], f32>
}

// -----

// A Tensor[] parameter's operands are its elements, "ys[0]", "ys[1]", ...
fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_whole(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op operand 1 named "ys" is a Tensor[] parameter of mylib::lst(Tensor(a!) x, Tensor(b!)[] ys) -> (): its operands are its elements, "ys[0]", "ys[1]", ...}}
  fx.call "mylib::lst"(x = %a, ys = %b) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return
}

// -----

fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_gap(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>, %c: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op operand 2 named "ys[2]" is out of order: the elements of Tensor[] parameter 'ys' are "ys[0]", "ys[1]", ... one after another}}
  fx.call "mylib::lst"(x = %a, "ys[0]" = %b, "ys[2]" = %c) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return
}

// -----

fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_split(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>, %c: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op operand 2 named "ys[0]" is out of order: the elements of Tensor[] parameter 'ys' are "ys[0]", "ys[1]", ... one after another}}
  fx.call "mylib::lst"(x = %a, "ys[0]" = %b, "ys[0]" = %c) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return
}

// -----

fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_leading_zero(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op operand 1 named "ys[00]" is not a parameter of mylib::lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()}}
  fx.call "mylib::lst"(x = %a, "ys[00]" = %b) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return
}

// -----

fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_empty(%a: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op missing required operands "ys[0]", ... of mylib::lst(Tensor(a!) x, Tensor(b!)[] ys) -> () (fx ops cannot pass an empty Tensor[]: it needs one element at least)}}
  fx.call "mylib::lst"(x = %a) : (!fx.tensor<[2], f32>) -> ()
  return
}

// -----

// An element of a plain Tensor parameter is not a thing.
fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_element_of_tensor(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.call' op operand 0 named "x[0]" is not a parameter of mylib::lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()}}
  fx.call "mylib::lst"("x[0]" = %a, "ys[0]" = %b) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> ()
  return
}

// -----

fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys) -> ()"
func.func @tensor_list_functionalized(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>) {
  // expected-error @below {{'fx.auto_functionalized' op operand 1 named "ys[0]" is an element of mutated Tensor[] parameter 'ys' of mylib::lst(Tensor(a!) x, Tensor(b!)[] ys) -> (): fx.auto_functionalized has no results for list elements (write the call in place, as an fx.call)}}
  %0 = fx.auto_functionalized "mylib::lst"(x = %a, "ys[0]" = %b) : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  return
}

// -----

// Without a schema, a list's items are operands one after another, from
// item 0 (fx-export writes a list as one argument).
func.func @loose_list_order(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op operand 0 named "ys[1]" is out of order: the items of list 'ys' are "ys[0]", "ys[1]", ... one after another}}
  fx.call "mylib::nos"("ys[1]" = %a, "ys[0]" = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @loose_list_split(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op operand 2 named "ys[1]" is out of order: the items of list 'ys' are "ys[0]", "ys[1]", ... one after another}}
  fx.call "mylib::nos"("ys[0]" = %a, z = %b, "ys[1]" = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @loose_list_twice(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.call' op operand 1 named "ys[0]" is out of order: the items of list 'ys' are "ys[0]", "ys[1]", ... one after another}}
  fx.call "mylib::nos"(ys = %a, "ys[0]" = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> ()
  return
}

// -----

// An fx.auto_functionalized result is new storage; a view op's return is a
// view of its operand (torch never auto-functionalizes an op whose returns
// alias), which the lowering cannot give as new storage.
func.func @negative_af_view_op(%x: !fx.tensor<[4, 4], f32>) {
  // expected-error @below {{'fx.auto_functionalized' op return 0 of aten::t(Tensor(a) self) -> Tensor(a) has alias set (a), which no operand it writes carries: it is a view of an operand, where fx.auto_functionalized's results are new storage (torch never auto-functionalizes a view op); call it with fx.call}}
  %t = fx.auto_functionalized "aten::t"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @negative_af_select(%x: !fx.tensor<[4, 4], f32>) {
  // expected-error @below {{'fx.auto_functionalized' op return 0 of aten::select.int(Tensor(a) self, int dim, SymInt index) -> Tensor(a) has alias set (a)}}
  %t = fx.auto_functionalized "aten::select.int"(self = %x) {dim = 0 : i64, index = 1 : i64} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

// A user op's return is allocated apart whatever its schema says (dialect.md,
// "Layouts"): its functional form exists, even with a return that aliases an
// operand it only reads, or a written optional one left out.
fx.schema "t::view_and_write" = "view_and_write(Tensor(a) self, Tensor(b!) out) -> Tensor(a)"
fx.schema "t::maybe_out" = "maybe_out(Tensor x, Tensor(a!)? out=None) -> Tensor(a!)"
func.func @af_user_op_aliasing_returns(%x: !fx.tensor<[4], f32>, %o: !fx.tensor<[4], f32>) {
  %r:2 = fx.auto_functionalized "t::view_and_write"(self = %x, out = %o) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  %m = fx.auto_functionalized "t::maybe_out"(x = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // As an in-place call a view op returns a view of its operand: fine.
  %t = fx.call "aten::t"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}
