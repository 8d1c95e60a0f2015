// Verifier errors that only the generic form can spell: attributes of the
// wrong kind or missing, operands beyond the slots.  The custom syntax
// refuses these at parse time (syntax-invalid.mlir); IR built through the
// C API or written generically still reaches the verifier.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

func.func @shape_not_array(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.array' but got 'builtin.integer'}}
  %0 = "fx.reshape"(%x) {shape = 4} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @missing_attr(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'fx.reshape' op attribute "shape" is expected but not provided}}
  %0 = "fx.reshape"(%x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----


func.func @target_not_string(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{expected base attribute 'builtin.string' but got 'builtin.integer'}}
  "fx.call"(%x) {target = 3, arg_names = ["a"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

// Too many operands: 16 slots of at most one value each.
func.func @too_many_operands(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{element 15 in 'operandSegmentSizes' attribute must be equal to 0 or 1}}
  "fx.call"(%x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x, %x) {target = "a::b", arg_names = [], args = {}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @slice_dim_type(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op dim must be an i64, got 1 : i32}}
  %0 = "fx.slice"(%x) {dim = 1 : i32, start = 0 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @slice_step_type(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op step must be an i64, got 1 : i8}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, start = 0 : i64, end = 4 : i64, step = 1 : i8} : (!fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @slice_start_kind(%x: !fx.tensor<["s0", 8], f32>) {
  // expected-error @below {{'fx.slice' op start must be an i64 or a symbol string, got 0 : i32}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, start = 0 : i32, end = 4 : i64, step = 1 : i64} : (!fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 4], f32>
  return
}

// -----

func.func @arg_names_kind(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.call' op arg_names entry 0 must be a string, got 1 : i64}}
  "fx.call"(%x) {target = "a::b", arg_names = [1], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

func.func @arg_names_count(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  // expected-error @below {{'fx.call' op has 1 operands but 2 arg_names}}
  "fx.call"(%x) {target = "a::b", arg_names = ["x", "y"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}
