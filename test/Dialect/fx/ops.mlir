// Round trip of every fx op and type: parse, verify, print, parse again.
// RUN: fx-opt %s | fx-opt | FileCheck %s
// RUN: fx-opt %s --mlir-print-op-generic | fx-opt | FileCheck %s
// The first op of the file is an fx op: the dialect must load from it.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-verify))' | FileCheck %s

// CHECK: fx.schema "test::wide" =
fx.schema "test::wide" = "wide(Tensor! o0, Tensor! o1, Tensor! o2, Tensor! o3, Tensor! o4, Tensor! o5, Tensor! o6, Tensor! o7, Tensor i0, Tensor i1, Tensor i2, Tensor i3, Tensor i4, Tensor i5, Tensor i6, Tensor i7) -> ()"

fx.schema "test::tagged" = "tagged(Tensor x, str tag) -> Tensor"

// A built-in schema with an implementation of fxir's own may be restated
// unchanged (spacing aside); one without (called as a user op) may be
// changed, and calls then follow the module's version.
// CHECK: fx.schema "_C::rms_norm" =
fx.schema "_C::rms_norm" = "rms_norm( Tensor!  result, Tensor input,Tensor?  weight, float epsilon ) ->()"
// CHECK: fx.schema "_C::gelu_and_mul" =
fx.schema "_C::gelu_and_mul" = "gelu_and_mul(Tensor! out, Tensor input, float approximate_alpha=1.0) -> ()"

// CHECK-LABEL: func.func @types
// CHECK-SAME: !fx.tensor<["s0", 4096], f16>
// CHECK-SAME: !fx.tensor<[4096], bf16>
// CHECK-SAME: !fx.tensor<["s0", 4096], f8E4M3FN>
// CHECK-SAME: !fx.tensor<[], f32>
// CHECK-SAME: !fx.tensor<[2, 0, "s1"], i8>
// CHECK-SAME: !fx.tensor<[1], i32>
// CHECK-SAME: !fx.tensor<[1], i64>
// CHECK-SAME: !fx.tensor<[1], i1>
// CHECK-SAME: !fx.tensor<[3, 2], f64>
// CHECK-SAME: !fx.tensor<["s0"], i16>
// CHECK-SAME: !fx.tensor<[7], ui8>
// CHECK-SAME: !fx.tensor<[2, 4], f8E5M2>
// CHECK-SAME: !fx.tensor<["s0", 2], f8E8M0FNU>
// CHECK-SAME: !fx.tensor<["s0", 2048], vector<2xf4E2M1FN>>
// CHECK-SAME: !fx.sym<"s2">
func.func @types(%a: !fx.tensor<["s0", 4096], f16>, %b: !fx.tensor<[4096], bf16>,
                 %c: !fx.tensor<["s0", 4096], f8E4M3FN>, %d: !fx.tensor<[], f32>,
                 %e: !fx.tensor<[2, 0, "s1"], i8>, %f: !fx.tensor<[1], i32>,
                 %g: !fx.tensor<[1], i64>, %h: !fx.tensor<[1], i1>,
                 %i: !fx.tensor<[3, 2], f64>, %j: !fx.tensor<["s0"], i16>,
                 %k: !fx.tensor<[7], ui8>, %l: !fx.tensor<[2, 4], f8E5M2>,
                 %m: !fx.tensor<["s0", 2], f8E8M0FNU>,
                 %n: !fx.tensor<["s0", 2048], vector<2xf4E2M1FN>>,
                 %s: !fx.sym<"s2">) {
  return
}

// Copies of the new dtypes: copy_ converts between any two that have
// values (f64 -> ui8 here); the packed f4e2m1fnx2 only clones and copies
// into itself.
// CHECK-LABEL: func.func @dtype_copies
// CHECK: fx.call "aten::copy_"(self = %{{.*}}, src = %{{.*}}) : (!fx.tensor<[4], ui8>, !fx.tensor<[4], f64>) -> !fx.tensor<[4], ui8>
// CHECK: fx.call "aten::clone"(self = %{{.*}}) : (!fx.tensor<[4], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], vector<2xf4E2M1FN>>
// CHECK: fx.call "aten::copy_"(self = %{{.*}}, src = %{{.*}}) : (!fx.tensor<[4], vector<2xf4E2M1FN>>, !fx.tensor<[1], vector<2xf4E2M1FN>>)
func.func @dtype_copies(%u: !fx.tensor<[4], ui8>, %x: !fx.tensor<[4], f64>,
                        %p: !fx.tensor<[4], vector<2xf4E2M1FN>>,
                        %q: !fx.tensor<[1], vector<2xf4E2M1FN>>) {
  %0 = fx.call "aten::copy_"(self = %u, src = %x) : (!fx.tensor<[4], ui8>, !fx.tensor<[4], f64>) -> !fx.tensor<[4], ui8>
  %1 = fx.call "aten::clone"(self = %p) : (!fx.tensor<[4], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], vector<2xf4E2M1FN>>
  %2 = fx.call "aten::copy_"(self = %1, src = %q) : (!fx.tensor<[4], vector<2xf4E2M1FN>>, !fx.tensor<[1], vector<2xf4E2M1FN>>) -> !fx.tensor<[4], vector<2xf4E2M1FN>>
  return
}

// The largest rank (the runtime's FXRT_MAX_RANK, 8), and the largest sizes:
// 2^62 one-byte elements; any count when a dim is 0 (an empty tensor).
// CHECK-LABEL: func.func @limits
// CHECK-SAME: !fx.tensor<[1, 2, 1, 2, 1, 2, 1, "s0"], f32>
// CHECK-SAME: !fx.tensor<[2305843009213693952, 2], i8>
// CHECK-SAME: !fx.tensor<[0, 4611686018427387904, 4611686018427387904], f32>
func.func @limits(%a: !fx.tensor<[1, 2, 1, 2, 1, 2, 1, "s0"], f32>,
                  %b: !fx.tensor<[2305843009213693952, 2], i8>,
                  %c: !fx.tensor<[0, 4611686018427387904, 4611686018427387904], f32>) -> !fx.tensor<[8, "s0"], f32> {
  // CHECK: fx.reshape
  // CHECK-SAME: -> !fx.tensor<[8, "s0"], f32>
  %0 = fx.reshape %a, shape = [8, "s0"] : !fx.tensor<[1, 2, 1, 2, 1, 2, 1, "s0"], f32> -> !fx.tensor<[8, "s0"], f32>
  // CHECK: fx.call
  // CHECK-SAME: -> !fx.tensor<[2305843009213693952, 2], i8>
  %1 = fx.call "aten::clone"(self = %b) : (!fx.tensor<[2305843009213693952, 2], i8>) -> !fx.tensor<[2305843009213693952, 2], i8>
  // CHECK: fx.slice %
  %2 = fx.slice %c, dim = 2, start = 0, end = 1, step = 1 : !fx.tensor<[0, 4611686018427387904, 4611686018427387904], f32> -> !fx.tensor<[0, 4611686018427387904, 1], f32>
  return %0 : !fx.tensor<[8, "s0"], f32>
}

// CHECK-LABEL: func.func @views
// CHECK-SAME: (%[[X:.*]]: !fx.tensor
func.func @views(%x: !fx.tensor<["s0", 4096], f16>, %n: !fx.sym<"s1">) -> !fx.tensor<["s0", 128, 32], f16> {
  // CHECK: %[[R:.*]] = fx.reshape %[[X]], shape = [-1, 128, 32]
  %0 = fx.reshape %x, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  // CHECK: fx.view %[[R]], shape = ["s0", 4096]
  %1 = fx.view %0, shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  // CHECK: fx.reshape
  // CHECK-SAME: -> !fx.tensor<[4096, "s0"], f16>
  %2 = fx.reshape %1, shape = [4096, "s0"] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<[4096, "s0"], f16>
  return %0 : !fx.tensor<["s0", 128, 32], f16>
}

// CHECK-LABEL: func.func @slices
func.func @slices(%x: !fx.tensor<["s0", 6144], f16>, %pos: !fx.tensor<[256, 64], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s0", 6144], f16> {
  // CHECK: fx.slice %
  // CHECK-SAME: dim = -1, start = 0, end = 4096, step = 1 :
  %q = fx.slice %x, dim = -1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  // CHECK: fx.slice %
  // CHECK-SAME: end = "s1"
  %p = fx.slice %pos, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<[256, 64], f32> -> !fx.tensor<["s1", 64], f32>
  // CHECK: fx.slice %
  // CHECK-SAME: start = -2, end = 9223372036854775807, step = 2 :
  %t = fx.slice %pos, dim = 1, start = -2, end = 9223372036854775807, step = 2 : !fx.tensor<[256, 64], f32> -> !fx.tensor<[256, 1], f32>
  // Extreme bounds and steps (torch's clamping, no overflow): one element
  // for a step of 2^63-1, from INT64_MIN (clamped to 0) to INT64_MAX, or
  // from the last element with an end past it.
  // CHECK: fx.slice %
  // CHECK-SAME: step = 9223372036854775807 :
  // CHECK-SAME: -> !fx.tensor<[1, 64], f32>
  %h1 = fx.slice %pos, dim = 0, start = 0, end = 256, step = 9223372036854775807 : !fx.tensor<[256, 64], f32> -> !fx.tensor<[1, 64], f32>
  // CHECK: fx.slice %
  // CHECK-SAME: -> !fx.tensor<[1, 64], f32>
  %h2 = fx.slice %pos, dim = 0, start = -9223372036854775808, end = 9223372036854775807, step = 9223372036854775807 : !fx.tensor<[256, 64], f32> -> !fx.tensor<[1, 64], f32>
  // CHECK: fx.slice %
  // CHECK-SAME: -> !fx.tensor<[256, 1], f32>
  %h3 = fx.slice %pos, dim = 1, start = -1, end = 9223372036854775807, step = 9223372036854775806 : !fx.tensor<[256, 64], f32> -> !fx.tensor<[256, 1], f32>
  // CHECK: fx.slice %
  // CHECK-SAME: -> !fx.tensor<[256, 0], f32>
  %h4 = fx.slice %pos, dim = 1, start = 9223372036854775807, end = -9223372036854775808, step = 9223372036854775807 : !fx.tensor<[256, 64], f32> -> !fx.tensor<[256, 0], f32>
  // CHECK: fx.slice_scatter
  // CHECK-SAME: (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  %s = fx.slice_scatter %x, %q, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %s : !fx.tensor<["s0", 6144], f16>
}

// CHECK-LABEL: func.func @calls
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[RES:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[W:[^:]*]]: !fx.tensor<[4096], f16>
func.func @calls(%x: !fx.tensor<["s0", 4096], f16>, %res: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f16> {
  // CHECK: fx.call "aten::empty_like"
  // CHECK-SAME: (self = %[[X]]) :
  %out = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>
  // CHECK: fx.auto_functionalized "_C::fused_add_rms_norm"
  // CHECK-SAME: (input = %[[X]], residual = %[[RES]], weight = %[[W]])
  // CHECK-SAME: {epsilon = 9.9999999999999995E-7 : f64}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %res, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)

  // CHECK: %[[Q:.*]] = fx.call "aten::empty_like"(self = %[[X]]) {dtype = f8E4M3FN}
  // CHECK: fx.call "_C::static_scaled_fp8_quant"
  // CHECK-SAME: (result = %[[Q]], input = %[[X]], scale = %{{[^,)]*}})
  %q = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>)
      -> !fx.tensor<["s0", 4096], f8E4M3FN>
  fx.call "_C::static_scaled_fp8_quant"(result = %q, input = %x, scale = %scale)
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[1], f32>)
      -> ()

  // rotary_embedding: optional `key` absent, defaults omitted.
  // CHECK: fx.auto_functionalized
  // CHECK-SAME: (positions = %[[W]], query = %[[X]], cos_sin_cache = %[[W]])
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %w, query = %x, cos_sin_cache = %w)
      {head_size = 128, is_neox = true}
      : (!fx.tensor<[4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>

  // Non-tensor arguments: symbols in int lists, a type, a string that is
  // not a symbol.
  // CHECK: fx.call "aten::empty"() {dtype = f16, size = ["s0", 4096]}
  %e = fx.call "aten::empty"()
      {size = ["s0", 4096], dtype = f16} : () -> !fx.tensor<["s0", 4096], f16>
  // CHECK: fx.call
  // CHECK-SAME: {tag = "model.layers.0"}
  %tagged = fx.call "test::tagged"(x = %e)
      {tag = "model.layers.0"} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0#1 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @overrides
func.func @overrides(%out: !fx.tensor<[2, 8], f32>, %x: !fx.tensor<[2, 16], f32>, %w: !fx.tensor<[16], f32>) {
  // CHECK: fx.call
  // CHECK-SAME: "_C::rms_norm"(
  fx.call "_C::rms_norm"(result = %out, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 16], f32>, !fx.tensor<[16], f32>) -> ()
  // CHECK: fx.call
  // CHECK-SAME: "_C::gelu_and_mul"(
  // CHECK-SAME: {approximate_alpha = 5.000000e-01 : f64}
  fx.call "_C::gelu_and_mul"(out = %out, input = %x)
      {approximate_alpha = 0.5 : f64} : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 16], f32>) -> ()
  return
}

// The aten rules (FxVerifyAten.c) accept what torch does, symbols left
// to run time where undecided.
// CHECK-LABEL: func.func @aten_rules
func.func @aten_rules(%x: !fx.tensor<["s0", 5], f16>, %w: !fx.tensor<[5, 6], f16>, %v: !fx.tensor<[4, "s1"], f32>, %m: !fx.tensor<[5, 6], f32>, %qa: !fx.tensor<[4, 32], f8E4M3FN>, %qb: !fx.tensor<[32, 8], f8E4M3FN>, %sa: !fx.tensor<[4, 1], f32>, %sb: !fx.tensor<[1, 8], f32>, %one: !fx.tensor<[1], f32>, %r: !fx.tensor<["s0", 4], f16>, %c: !fx.tensor<[4], f8E4M3FN>, %col: !fx.tensor<[4, 1], f32>, %row: !fx.tensor<[3], bf16>, %z: !fx.tensor<[], f32>, %p: !fx.tensor<["s1"], f16>, %i: !fx.tensor<[4], i64>, %dst: !fx.tensor<[2, 4], f32>, %src: !fx.tensor<[4], f16>, %dsts: !fx.tensor<["s0"], bf16>) {
  // CHECK: aten::mm
  %mm = fx.call "aten::mm"(self = %x, mat2 = %w) : (!fx.tensor<["s0", 5], f16>, !fx.tensor<[5, 6], f16>) -> !fx.tensor<["s0", 6], f16>
  // The inner dims "s1" and 5: decided at run time.
  // CHECK: aten::mm
  %mm2 = fx.call "aten::mm"(self = %v, mat2 = %m) : (!fx.tensor<[4, "s1"], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  // CHECK: out_dtype = bf16
  %smm = fx.call "aten::_scaled_mm"(self = %qa, mat2 = %qb, scale_a = %sa, scale_b = %sb) {out_dtype = bf16} : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[4, 1], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[4, 8], bf16>
  // CHECK: aten::_scaled_mm
  %smm2 = fx.call "aten::_scaled_mm"(self = %qa, mat2 = %qb, scale_a = %one, scale_b = %one, scale_result = %one) : (!fx.tensor<[4, 32], f8E4M3FN>, !fx.tensor<[32, 8], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<[4, 8], f8E4M3FN>
  // torch's type promotion: tensors with dims promote each other (f16 and
  // f32 give f32); a 0-dim tensor does not raise a dim tensor of its own
  // category (f32 0-dim and f16 give f16).
  // CHECK: aten::add.Tensor
  %add = fx.call "aten::add.Tensor"(self = %r, other = %one) {alpha = 2 : i64} : (!fx.tensor<["s0", 4], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4], f32>
  // CHECK: -> !fx.tensor<[4, 3], f32>
  %add2 = fx.call "aten::add.Tensor"(self = %col, other = %row) : (!fx.tensor<[4, 1], f32>, !fx.tensor<[3], bf16>) -> !fx.tensor<[4, 3], f32>
  // CHECK: aten::mul.Tensor
  %mul = fx.call "aten::mul.Tensor"(self = %z, other = %src) : (!fx.tensor<[], f32>, !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  // A symbol broadcasts against 1.
  // CHECK: -> !fx.tensor<["s0"], f32>
  %mul2 = fx.call "aten::mul.Tensor"(self = %dsts, other = %one) : (!fx.tensor<["s0"], bf16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0"], f32>
  // CHECK: aten::cos
  %cos = fx.call "aten::cos"(self = %i) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], f32>
  // CHECK: aten::empty
  %e = fx.call "aten::empty"() {size = ["s0", 8]} : () -> !fx.tensor<["s0", 8], f32>
  // CHECK: aten::empty_like
  %el = fx.call "aten::empty_like"(self = %x) {dtype = bf16} : (!fx.tensor<["s0", 5], f16>) -> !fx.tensor<["s0", 5], bf16>
  // copy_ converts dtypes and broadcasts src to self, as torch does.
  // CHECK: aten::copy_
  %cp = fx.call "aten::copy_"(self = %dst, src = %src) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[4], f16>) -> !fx.tensor<[2, 4], f32>
  // CHECK: aten::copy_
  %cp2 = fx.call "aten::copy_"(self = %dst, src = %z) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[], f32>) -> !fx.tensor<[2, 4], f32>
  // CHECK: aten::copy_
  %cp3 = fx.call "aten::copy_"(self = %dsts, src = %p) : (!fx.tensor<["s0"], bf16>, !fx.tensor<["s1"], f16>) -> !fx.tensor<["s0"], bf16>
  // CHECK: fx.auto_functionalized
  %cp4:2 = fx.auto_functionalized "aten::copy_"(self = %dst, src = %src) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[4], f16>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>)
  return
}

// addmm, bmm, embedding, index_select: torch's shapes, symbols where
// undecided (the bias broadcasts, "s1" against 5 is a run-time question).
// CHECK-LABEL: func.func @aten_products_and_gathers
func.func @aten_products_and_gathers(%x: !fx.tensor<["s0", 5], bf16>, %wt: !fx.tensor<[5, 6], bf16>, %bias: !fx.tensor<[6], bf16>, %col: !fx.tensor<["s0", 1], bf16>, %s: !fx.tensor<[], bf16>, %v: !fx.tensor<[4, "s1"], f32>, %m: !fx.tensor<[5, 6], f32>, %full: !fx.tensor<[4, 6], f32>, %a: !fx.tensor<[2, "s0", 5], f16>, %b: !fx.tensor<[2, 5, 3], f16>, %tab: !fx.tensor<[100, 16], f16>, %ids: !fx.tensor<[2, "s0"], i64>, %id0: !fx.tensor<[], i32>, %t3: !fx.tensor<[4, 5, 6], f32>, %ix: !fx.tensor<["s1"], i32>) {
  // CHECK: aten::addmm
  %0 = fx.call "aten::addmm"(self = %bias, mat1 = %x, mat2 = %wt) : (!fx.tensor<[6], bf16>, !fx.tensor<["s0", 5], bf16>, !fx.tensor<[5, 6], bf16>) -> !fx.tensor<["s0", 6], bf16>
  // CHECK: aten::addmm
  %1 = fx.call "aten::addmm"(self = %col, mat1 = %x, mat2 = %wt) {alpha = 2.0 : f64, beta = 0 : i64} : (!fx.tensor<["s0", 1], bf16>, !fx.tensor<["s0", 5], bf16>, !fx.tensor<[5, 6], bf16>) -> !fx.tensor<["s0", 6], bf16>
  // CHECK: aten::addmm
  %2 = fx.call "aten::addmm"(self = %s, mat1 = %x, mat2 = %wt) : (!fx.tensor<[], bf16>, !fx.tensor<["s0", 5], bf16>, !fx.tensor<[5, 6], bf16>) -> !fx.tensor<["s0", 6], bf16>
  // CHECK: aten::addmm
  %3 = fx.call "aten::addmm"(self = %full, mat1 = %v, mat2 = %m) : (!fx.tensor<[4, 6], f32>, !fx.tensor<[4, "s1"], f32>, !fx.tensor<[5, 6], f32>) -> !fx.tensor<[4, 6], f32>
  // CHECK: aten::bmm
  %4 = fx.call "aten::bmm"(self = %a, mat2 = %b) : (!fx.tensor<[2, "s0", 5], f16>, !fx.tensor<[2, 5, 3], f16>) -> !fx.tensor<[2, "s0", 3], f16>
  // CHECK: aten::embedding
  %5 = fx.call "aten::embedding"(weight = %tab, indices = %ids) {padding_idx = 0 : i64} : (!fx.tensor<[100, 16], f16>, !fx.tensor<[2, "s0"], i64>) -> !fx.tensor<[2, "s0", 16], f16>
  // CHECK: aten::embedding
  %6 = fx.call "aten::embedding"(weight = %tab, indices = %id0) : (!fx.tensor<[100, 16], f16>, !fx.tensor<[], i32>) -> !fx.tensor<[16], f16>
  // CHECK: aten::index_select
  %7 = fx.call "aten::index_select"(self = %t3, index = %ix) {dim = -2 : i64} : (!fx.tensor<[4, 5, 6], f32>, !fx.tensor<["s1"], i32>) -> !fx.tensor<[4, "s1", 6], f32>
  // A 0-d index selects one slice: the dim keeps size 1.
  // CHECK: aten::index_select
  %8 = fx.call "aten::index_select"(self = %t3, index = %id0) {dim = 0 : i64} : (!fx.tensor<[4, 5, 6], f32>, !fx.tensor<[], i32>) -> !fx.tensor<[1, 5, 6], f32>
  // CHECK: aten::index_select
  %9 = fx.call "aten::index_select"(self = %s, index = %id0) {dim = 0 : i64} : (!fx.tensor<[], bf16>, !fx.tensor<[], i32>) -> !fx.tensor<[], bf16>
  return
}

fx.schema "test::alias" = "alias(Tensor(a) self) -> Tensor(a)"

// fx.view where the input's layout makes it a view, or where the layout is
// not known at compile time (FxVerifyView.c).
// CHECK-LABEL: func.func @view_layouts
func.func @view_layouts(%a: !fx.tensor<[4, 8], f32>, %n: !fx.sym<"s0">) {
  // An argument's layout is unknown: decided at run time (the lowering).
  %x = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // CHECK: fx.view
  %v0 = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  // New storage: splitting a dim of its column slice is a view ...
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %y = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // CHECK: -> !fx.tensor<[4, 2, 2], f32>
  %v1 = fx.view %y, shape = [4, 2, 2] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[4, 2, 2], f32>
  // ... and so is merging the rows of a row slice.
  %r = fx.slice %buf, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // CHECK: -> !fx.tensor<[16], f32>
  %v2 = fx.view %r, shape = [16] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[16], f32>
  // A reshape that cannot view copies into new storage, which views.
  %c = fx.reshape %y, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  // CHECK: -> !fx.tensor<[16], f32>
  %v3 = fx.view %c, shape = [16] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[16], f32>
  // An empty tensor views as anything (torch).
  %z = fx.call "aten::empty"() {size = [0, 8], dtype = f32} : () -> !fx.tensor<[0, 8], f32>
  %zs = fx.slice %z, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[0, 8], f32> -> !fx.tensor<[0, 4], f32>
  // CHECK: -> !fx.tensor<[0], f32>
  %v4 = fx.view %zs, shape = [0] : !fx.tensor<[0, 4], f32> -> !fx.tensor<[0], f32>
  // A stride past a symbolic size: undecided, left to run time.
  %sb = fx.call "aten::empty"() {size = [4, "s0"], dtype = f32} : () -> !fx.tensor<[4, "s0"], f32>
  %ss = fx.slice %sb, dim = 1, start = 0, end = 2, step = 1 : !fx.tensor<[4, "s0"], f32> -> !fx.tensor<[4, 2], f32>
  // CHECK: -> !fx.tensor<[8], f32>
  %v5 = fx.view %ss, shape = [8] : !fx.tensor<[4, 2], f32> -> !fx.tensor<[8], f32>
  // An aliasing op's result (Tensor(a)): layout unknown.
  %al = fx.call "test::alias"(self = %y) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // CHECK: fx.view
  %v6 = fx.view %al, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  // Size-1 dims never break contiguity.
  %o = fx.slice %buf, dim = 0, start = 2, end = 3, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[1, 8], f32>
  // CHECK: -> !fx.tensor<[8], f32>
  %v7 = fx.view %o, shape = [8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[8], f32>
  return
}

// Every slot in use: 16 operands, 8 results.
// CHECK-LABEL: func.func @all_slots
func.func @all_slots(%x: !fx.tensor<[8], f32>) {
  // CHECK: fx.call
  // CHECK-SAME: (a0 = %{{[^,)]+}}, a1 = %{{[^,)]+}}, a2 = %{{[^,)]+}}, a3 = %{{[^,)]+}}, a4 = %{{[^,)]+}}, a5 = %{{[^,)]+}}, a6 = %{{[^,)]+}}, a7 = %{{[^,)]+}}, a8 = %{{[^,)]+}}, a9 = %{{[^,)]+}}, a10 = %{{[^,)]+}}, a11 = %{{[^,)]+}}, a12 = %{{[^,)]+}}, a13 = %{{[^,)]+}}, a14 = %{{[^,)]+}}, a15 = %{{[^,)]+}})
  // CHECK-SAME: -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %0:8 = fx.call "user::opaque"(a0 = %x, a1 = %x, a2 = %x, a3 = %x, a4 = %x, a5 = %x, a6 = %x, a7 = %x, a8 = %x, a9 = %x, a10 = %x, a11 = %x, a12 = %x, a13 = %x, a14 = %x, a15 = %x)
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
      -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)


  // CHECK: fx.auto_functionalized
  // CHECK-SAME: "test::wide"(
  // CHECK-SAME: -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
  %1:8 = fx.auto_functionalized "test::wide"(o0 = %x, o1 = %x, o2 = %x, o3 = %x, o4 = %x, o5 = %x, o6 = %x, o7 = %x, i0 = %x, i1 = %x, i2 = %x, i3 = %x, i4 = %x, i5 = %x, i6 = %x, i7 = %x)
      : (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)
      -> (!fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>, !fx.tensor<[8], f32>)


  return
}

// Valid torch that fxir's kernels cannot run still verifies: the kernels'
// dtypes are the lowering's question (test/Lowering/errors.mlir).
// CHECK-LABEL: func.func @int_add
// CHECK: fx.call "aten::add.Tensor"(self = %{{.*}}, other = %{{.*}}) : (!fx.tensor<[4], i64>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
// CHECK: fx.call "aten::mm"(self = %{{.*}}, mat2 = %{{.*}}) : (!fx.tensor<[4, 5], i32>, !fx.tensor<[5, 6], i32>) -> !fx.tensor<[4, 6], i32>
func.func @int_add(%a: !fx.tensor<[4], i64>, %b: !fx.tensor<[4], i64>, %c: !fx.tensor<[4, 5], i32>, %d: !fx.tensor<[5, 6], i32>) -> (!fx.tensor<[4], i64>, !fx.tensor<[4, 6], i32>) {
  %r = fx.call "aten::add.Tensor"(self = %a, other = %b) : (!fx.tensor<[4], i64>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  %m = fx.call "aten::mm"(self = %c, mat2 = %d) : (!fx.tensor<[4, 5], i32>, !fx.tensor<[5, 6], i32>) -> !fx.tensor<[4, 6], i32>
  return %r, %m : !fx.tensor<[4], i64>, !fx.tensor<[4, 6], i32>
}

// A Tensor[] parameter: one operand per element, "ys[0]", "ys[1]", ...
// (element types may differ, as a torch list's tensors may).
fx.schema "mylib::lst" = "lst(Tensor(a!) x, Tensor(b!)[] ys, Tensor[] zs, int n=1) -> ()"
// CHECK-LABEL: func.func @tensor_list
// CHECK: fx.call "mylib::lst"(x = %{{.*}}, "ys[0]" = %{{.*}}, "ys[1]" = %{{.*}}, "zs[0]" = %{{.*}}) {n = 2 : i64} : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[3, 4], f16>, !fx.tensor<[2], f32>) -> ()
func.func @tensor_list(%a: !fx.tensor<[2], f32>, %b: !fx.tensor<[2], f32>, %c: !fx.tensor<[3, 4], f16>) {
  fx.call "mylib::lst"(x = %a, "ys[0]" = %b, "ys[1]" = %c, "zs[0]" = %a) {n = 2} : (!fx.tensor<[2], f32>, !fx.tensor<[2], f32>, !fx.tensor<[3, 4], f16>, !fx.tensor<[2], f32>) -> ()
  return
}
