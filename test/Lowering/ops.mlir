// fx-lower-to-runtime: each fx op's lowering, and the runtime calls it makes.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s

"fx.schema"() {name = "mylib::scale_", signature = "scale_(Tensor! out, Tensor x, float alpha, str tag) -> ()"} : () -> ()

// Types become strided memrefs, !fx.sym becomes index.
// CHECK-LABEL: func.func @signature
// CHECK-SAME: (%[[X:.*]]: memref<?x4096xf16, strided<[?, ?], offset: ?>>, %[[N:.*]]: index) -> memref<?x4096xf16, strided<[?, ?], offset: ?>>
// CHECK: return %[[X]]
func.func @signature(%x: !fx.tensor<["s0", 4096], f16>, %n: !fx.sym<"s1">) -> !fx.tensor<["s0", 4096], f16> {
  return %x : !fx.tensor<["s0", 4096], f16>
}

// A slice is a subview: no copy, no allocation.
// CHECK-LABEL: func.func @slice
// CHECK: memref.subview
// CHECK-NOT: fxrt_
// CHECK: return
func.func @slice(%qkv: !fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %q : !fx.tensor<["s0", 4096], f16>
}

// A view asks the runtime for torch's view strides; if there are none (only
// possible for a reshape), it copies into new storage.
// CHECK-LABEL: func.func @view
// CHECK: call @fxrt_view_strides
// CHECK: scf.if
// CHECK: memref.reinterpret_cast
// CHECK: } else {
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
func.func @view(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 32, 128], f16> {
  %v = "fx.view"(%x) {shape = [-1, 32, 128]} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 32, 128], f16>
  return %v : !fx.tensor<["s0", 32, 128], f16>
}

// An identity view is its input.
// CHECK-LABEL: func.func @identity_view
// CHECK-NOT: fxrt_
// CHECK: return
func.func @identity_view(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %v = "fx.view"(%x) {shape = [-1, 4096]} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %v : !fx.tensor<["s0", 4096], f16>
}

// slice_scatter: new storage, a copy of the base, a copy of src into it.
// CHECK-LABEL: func.func @slice_scatter
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: memref.subview
// CHECK: call @fxrt_copy
func.func @slice_scatter(%qkv: !fx.tensor<["s0", 6144], f16>, %q: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %s = "fx.slice_scatter"(%qkv, %q) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %s : !fx.tensor<["s0", 6144], f16>
}

// An in-place kernel call: tensor records and the epsilon.
// CHECK-LABEL: func.func @kernel
// CHECK: call @fxrt_alloc
// CHECK-NOT: fxrt_copy
// CHECK: call @fxrt__C__rms_norm({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>, f64) -> ()
func.func @kernel(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  "fx.call"(%buf, %x, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> ()
  return %buf : !fx.tensor<["s0", 4096], f16>
}

// The functional form copies what it mutates, then calls in place.
// CHECK-LABEL: func.func @auto_functionalized
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: call @fxrt__C__rms_norm
func.func @auto_functionalized(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = "fx.auto_functionalized"(%out, %x, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// An absent optional tensor is an absent record (dtype -1).
// CHECK-LABEL: func.func @optional_absent
// CHECK: arith.constant -1 : i64
// CHECK: call @fxrt__C__rotary_embedding({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>, i64, memref<?xi64>, i64, i64, i64) -> ()
func.func @optional_absent(%pos: !fx.tensor<["s0"], i64>, %q: !fx.tensor<["s0", 4096], f16>, %cache: !fx.tensor<[4096, 128], f16>) {
  "fx.call"(%pos, %q, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> ()
  return
}

// aten storage ops: clone allocates and copies, copy_ copies.
// CHECK-LABEL: func.func @storage_ops
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: call @fxrt_copy
func.func @storage_ops(%x: !fx.tensor<["s0", 4096], f16>, %y: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %c = "fx.call"(%x) {target = "aten::clone", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %d = "fx.call"(%y, %c) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %d : !fx.tensor<["s0", 4096], f16>
}

// A tensor-returning kernel gets its out tensor first.
// CHECK-LABEL: func.func @mm
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_aten__mm({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>) -> ()
func.func @mm(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = "fx.call"(%x, %w) {target = "aten::mm", arg_names = ["self", "mat2"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// A user op: ranked memrefs, float as f64, str as the address of a constant.
// CHECK-LABEL: func.func @user_op
// CHECK: memref.get_global @__fx_str
// CHECK: call @fxrt_mylib__scale_({{.*}}) : (memref<?x4096xf16, strided<[?, ?], offset: ?>>, memref<?x4096xf16, strided<[?, ?], offset: ?>>, f64, i64) -> ()
func.func @user_op(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) {
  "fx.call"(%out, %x) {target = "mylib::scale_", arg_names = ["out", "x"], args = {alpha = 2.0 : f64, tag = "layer0"}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  return
}
// CHECK: func.func private @fxrt_mylib__scale_({{.*}}) attributes {llvm.emit_c_interface}

// -----

"fx.schema"() {name = "mylib::maybe_", signature = "maybe_(Tensor! out, Tensor? x) -> ()"} : () -> ()
func.func @negative_user_op_optional_absent(%out: !fx.tensor<["s0", 4096], f16>) {
  // expected-error @below {{cannot lower a call of user op mylib::maybe_: the optional tensor 'x' is left out, which user ops cannot receive}}
  "fx.call"(%out) {target = "mylib::maybe_", arg_names = ["out"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

"fx.schema"() {name = "mylib::shaped_", signature = "shaped_(Tensor! out, int[] dims) -> ()"} : () -> ()
func.func @negative_user_op_list(%out: !fx.tensor<["s0", 4096], f16>) {
  // expected-error @below {{cannot lower a call of user op mylib::shaped_: parameter 'dims' has a type user ops cannot receive (lists, ScalarType)}}
  "fx.call"(%out) {target = "mylib::shaped_", arg_names = ["out"], args = {dims = [1, 2]}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

"fx.schema"() {name = "mylib::scale_", signature = "scale_(Tensor! out) -> ()"} : () -> ()
func.func @negative_user_op_two_types(%a: !fx.tensor<["s0", 4096], f16>, %b: !fx.tensor<[4096], f16>) {
  "fx.call"(%a) {target = "mylib::scale_", arg_names = ["out"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  // expected-error @below {{cannot lower: @fxrt_mylib__scale_ is already declared with another type (a user op must be called with the same tensor types everywhere)}}
  "fx.call"(%b) {target = "mylib::scale_", arg_names = ["out"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<[4096], f16>) -> ()
  return
}
