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

// -----

// The attribute is printed whole in the message, as IRDL prints it (its
// 1,400 characters are past the 512 fxir's other messages keep).
func.func @slice_long_start_wrong(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{297, 298, 299]' does not satisfy the constraint}}
  %0 = "fx.slice"(%x) {dim = 1 : i64, start = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279, 280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298, 299], end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

// IRDL checks operand and result counts, and the calls' segment sizes,
// before the attributes: an op wrong in both is reported at those first,
// as before the attribute check.
func.func @slice_two_operands_no_dim(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{op expects exactly 1 operands, but got 2}}
  %0 = "fx.slice"(%x, %x) {start = 0 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32>
  return
}

// -----

func.func @slice_no_result_no_dim(%x: !fx.tensor<[4, 8], f32>) {
  // expected-error @below {{op expects exactly 1 results, but got 0}}
  "fx.slice"(%x) {start = 0 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>) -> ()
  return
}

// -----

func.func @call_no_segments_no_target(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{'operandSegmentSizes' attribute is expected but not provided}}
  "fx.call"(%x) {arg_names = ["self"], args = {}} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @call_bad_segment_no_target(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{element 0 in 'operandSegmentSizes' attribute must be equal to 0 or 1}}
  "fx.call"(%x) {arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> ()
  return
}

// -----

func.func @af_result_segments_sum_no_target(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{sum of elements in 'resultSegmentSizes' attribute must be equal to the number of results}}
  %0 = "fx.auto_functionalized"(%x) {arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @schema_operand_name_wrong(%x: !fx.tensor<[4], f32>) {
  // expected-error @below {{op expects exactly 0 operands, but got 1}}
  "fx.schema"(%x) {name = 3, signature = "f(Tensor x) -> Tensor"} : (!fx.tensor<[4], f32>) -> ()
  return
}
