// fx-lower-to-runtime errors: each once, at the op that cannot be lowered,
// with a non-zero exit; the ops that depend on it say nothing more.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(fx-lower-to-runtime)' -o /dev/null
// RUN: not fx-opt %s --split-input-file --pass-pipeline='builtin.module(fx-lower-to-runtime)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONCE

// A user op called with two tensor types: one error, at the second call, and
// neither a repeat nor "pattern rewrites did not converge" (the greedy
// driver used to retry it ten times).
// ONCE-COUNT-1: error: cannot lower: @fxrt_mylib__op is already declared
// ONCE-NOT: error: cannot lower: @fxrt_mylib__op
// ONCE-NOT: did not converge
fx.schema "mylib::op" = "op(Tensor x) -> Tensor"
func.func @negative_user_op_retyped(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[5], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[5], f32>) {
  %a = fx.call "mylib::op"(x = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-error @below {{cannot lower: @fxrt_mylib__op is already declared with another type (a user op must be called with the same tensor types everywhere, and fxrt_* names are the runtime's)}}
  %b = fx.call "mylib::op"(x = %y) : (!fx.tensor<[5], f32>) -> !fx.tensor<[5], f32>
  // Its user is skipped without a second error.
  %c = fx.call "aten::clone"(self = %b) : (!fx.tensor<[5], f32>) -> !fx.tensor<[5], f32>
  return %a, %c : !fx.tensor<[4], f32>, !fx.tensor<[5], f32>
}

// -----

// A module function that takes a runtime name with another type.
func.func private @fxrt_alloc(i32)
func.func @negative_runtime_name_taken(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  // expected-error @below {{cannot lower: @fxrt_alloc is already declared with another type}}
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

// fx values only flow through fx ops, func.call and func.return: an scf.if
// that yields one is an error at the scf.if (not again at its yields).
func.func @negative_fx_value_in_scf_if(%x: !fx.tensor<["s0"], f32>, %c: i1) -> !fx.tensor<["s0"], f32> {
  // expected-error @below {{cannot lower 'scf.if': it has fx values as operands or results, and fx-lower-to-runtime converts them only for fx ops, func.call and func.return}}
  %r = scf.if %c -> !fx.tensor<["s0"], f32> {
    scf.yield %x : !fx.tensor<["s0"], f32>
  } else {
    scf.yield %x : !fx.tensor<["s0"], f32>
  }
  return %r : !fx.tensor<["s0"], f32>
}

// -----

// An fx op fed by such a value is the error then.
func.func @negative_fx_op_of_scf_if(%x: !fx.tensor<["s0"], f32>, %c: i1) -> !fx.tensor<["s0"], f32> {
  %r = scf.if %c -> !fx.tensor<["s0"], f32> {
    scf.yield %x : !fx.tensor<["s0"], f32>
  } else {
    scf.yield %x : !fx.tensor<["s0"], f32>
  }
  // expected-error @below {{cannot lower: operand 0 is an fx value from 'scf.if', which fx-lower-to-runtime does not convert (only function arguments, fx ops and func.call)}}
  %d = fx.call "aten::clone"(self = %r) : (!fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32>
  return %d : !fx.tensor<["s0"], f32>
}

// -----

// A block argument of fx type outside the entry block.
func.func @negative_fx_block_argument(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  cf.br ^bb1(%x : !fx.tensor<[4], f32>)
^bb1(%y: !fx.tensor<[4], f32>):
  // expected-error @below {{cannot lower: operand 0 is an fx value from a block argument, which fx-lower-to-runtime does not convert (only function arguments, fx ops and func.call)}}
  %d = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %d : !fx.tensor<[4], f32>
}

// -----

// The dtypes a built-in kernel takes are the lowering's question, not the
// verifier's (valid torch; test/Dialect/fx/ops.mlir @int_add verifies).
// The built-in kernel multiplies floats only.
func.func @negative_mm_kernel_dtype(%a: !fx.tensor<[4, 5], i32>, %b: !fx.tensor<[5, 6], i32>) {
  // expected-error @below {{'fx.call' op aten::mm: the built-in kernel takes self of dtype f32, f16 or bf16, not i32}}
  %r = fx.call "aten::mm"(self = %a, mat2 = %b) : (!fx.tensor<[4, 5], i32>, !fx.tensor<[5, 6], i32>) -> !fx.tensor<[4, 6], i32>
  return
}

// -----

func.func @negative_addmm_kernel_dtype(%s: !fx.tensor<[6], i64>, %a: !fx.tensor<[4, 5], i64>, %b: !fx.tensor<[5, 6], i64>) {
  // expected-error @below {{'fx.call' op aten::addmm: the built-in kernel takes mat1 of dtype f32, f16 or bf16, not i64}}
  %r = fx.call "aten::addmm"(self = %s, mat1 = %a, mat2 = %b) : (!fx.tensor<[6], i64>, !fx.tensor<[4, 5], i64>, !fx.tensor<[5, 6], i64>) -> !fx.tensor<[4, 6], i64>
  return
}

// -----

func.func @negative_bmm_kernel_dtype(%a: !fx.tensor<[2, 4, 5], f8E4M3FN>, %b: !fx.tensor<[2, 5, 6], f8E4M3FN>) {
  // expected-error @below {{'fx.call' op aten::bmm: the built-in kernel takes self of dtype f32, f16 or bf16, not f8E4M3FN}}
  %r = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[2, 4, 5], f8E4M3FN>, !fx.tensor<[2, 5, 6], f8E4M3FN>) -> !fx.tensor<[2, 4, 6], f8E4M3FN>
  return
}

// -----

func.func @negative_scaled_mm_operand_dtype(%a: !fx.tensor<[4, 32], i8>, %b: !fx.tensor<[32, 8], i8>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: the built-in kernel takes self of dtype f32, f16, bf16 or f8E4M3FN, not i8}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = f16} : (!fx.tensor<[4, 32], i8>, !fx.tensor<[32, 8], i8>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], f16>
  return
}

// -----

func.func @negative_scaled_mm_out_dtype(%a: !fx.tensor<[4, 32], f8E4M3FN>, %b: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) {
  // expected-error @below {{'fx.call' op aten::_scaled_mm: the built-in kernel gives results of dtype f32, f16, bf16 or f8E4M3FN, not out_dtype i32}}
  %r = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb) {out_dtype = i32} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], i32>
  return
}

// -----

// The packed f4e2m1fnx2 converts to nothing and from nothing (torch has no
// cast for it; its meta kernels trace one): copy_ between it and another dtype is refused, both ways.
func.func @negative_copy_packed_to_f32(%s: !fx.tensor<[4], f32>, %p: !fx.tensor<[4], vector<2xf4E2M1FN>>) {
  // expected-error @below {{'fx.call' op aten::copy_: cannot convert src of dtype vector<2xf4E2M1FN> to self of dtype f32: vector<2xf4E2M1FN> packs several values in each element and has no conversion (copy_ copies it only between tensors of that dtype)}}
  %0 = fx.call "aten::copy_"(self = %s, src = %p) : (!fx.tensor<[4], f32>, !fx.tensor<[4], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @negative_copy_ui8_to_packed(%p: !fx.tensor<[4], vector<2xf4E2M1FN>>, %u: !fx.tensor<[4], ui8>) {
  // expected-error @below {{'fx.call' op aten::copy_: cannot convert src of dtype ui8 to self of dtype vector<2xf4E2M1FN>}}
  %0 = fx.call "aten::copy_"(self = %p, src = %u) : (!fx.tensor<[4], vector<2xf4E2M1FN>>, !fx.tensor<[4], ui8>) -> !fx.tensor<[4], vector<2xf4E2M1FN>>
  return
}

// -----

// No elementwise kernel reads it as numbers either (torch promotes it only
// with itself).
func.func @negative_add_packed(%p: !fx.tensor<[4], vector<2xf4E2M1FN>>, %q: !fx.tensor<[4], vector<2xf4E2M1FN>>) {
  // expected-error @below {{'fx.call' op aten::add.Tensor: the built-in kernel takes self of dtype f32, f16, bf16, f8E4M3FN, i8, i32, i64, i1, f64, i16, ui8, f8E5M2 or f8E8M0FNU, not vector<2xf4E2M1FN>}}
  %0 = fx.call "aten::add.Tensor"(self = %p, other = %q) {alpha = 1 : i64} : (!fx.tensor<[4], vector<2xf4E2M1FN>>, !fx.tensor<[4], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], vector<2xf4E2M1FN>>
  return
}

// -----

// Nor fills it.
func.func @negative_zeros_packed() {
  // expected-error @below {{'fx.call' op aten::zeros: the built-in kernel gives results of dtype f32, f16, bf16, f8E4M3FN, i8, i32, i64, i1, f64, i16, ui8, f8E5M2 or f8E8M0FNU, not vector<2xf4E2M1FN>}}
  %r = fx.call "aten::zeros"() {size = [4], dtype = vector<2xf4E2M1FN>} : () -> !fx.tensor<[4], vector<2xf4E2M1FN>>
  return
}

// -----

// _to_copy converts as copy_ does: never from or to the packed dtype.
func.func @negative_to_copy_packed(%p: !fx.tensor<[4], vector<2xf4E2M1FN>>) {
  // expected-error @below {{'fx.call' op aten::_to_copy: cannot convert self of dtype vector<2xf4E2M1FN> to the result of dtype f32: vector<2xf4E2M1FN> packs several values in each element and has no conversion (copy_ copies it only between tensors of that dtype)}}
  %r = fx.call "aten::_to_copy"(self = %p) {dtype = f32} : (!fx.tensor<[4], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], f32>
  return
}
