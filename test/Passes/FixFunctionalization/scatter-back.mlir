// Scatter-back elimination: slice_scatter(base, R, region) where R is the
// new value of an operand that is exactly `base` at `region` becomes `base`,
// through chains of slices and identity views, in no fixed graph shape.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// Rows of a buffer, then the q columns of those rows: two nested scatters.
// CHECK-LABEL: func.func @nested_slices
// CHECK: %[[BUF:.*]] = fx.call "aten::cos"
// CHECK: %[[ROWS:.*]] = fx.slice %[[BUF]],
// CHECK: %[[Q:.*]] = fx.slice %[[ROWS]],
// CHECK: fx.call "_C::rotary_embedding"(positions = %{{[^,]*}}, query = %[[Q]],
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::clone
// CHECK: return %[[BUF]]
func.func @nested_slices(%positions: !fx.tensor<[32], i64>, %a: !fx.tensor<[64, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> !fx.tensor<[64, 6144], f16> {
  %buf = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<[64, 6144], f16>) -> !fx.tensor<[64, 6144], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = 32, step = 1 : !fx.tensor<[64, 6144], f16> -> !fx.tensor<[32, 6144], f16>
  %q = fx.slice %rows, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<[32, 6144], f16> -> !fx.tensor<[32, 4096], f16>
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<[32], i64>, !fx.tensor<[32, 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<[32, 4096], f16>
  %rows1 = fx.slice_scatter %rows, %rot, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<[32, 6144], f16>, !fx.tensor<[32, 4096], f16>) -> !fx.tensor<[32, 6144], f16>
  %buf1 = fx.slice_scatter %buf, %rows1, dim = 0, start = 0, end = 32, step = 1 : (!fx.tensor<[64, 6144], f16>, !fx.tensor<[32, 6144], f16>) -> !fx.tensor<[64, 6144], f16>
  return %buf1 : !fx.tensor<[64, 6144], f16>
}

// The operand reaches the base through an identity view.
// CHECK-LABEL: func.func @through_identity_view
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::clone
// CHECK: return
func.func @through_identity_view(%positions: !fx.tensor<["s0"], i64>, %a: !fx.tensor<["s0", 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %qkv = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q0 = fx.slice %qkv, dim = -1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %q = fx.view %q0, shape = ["s0", 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 4096], f16>
  %qkv1 = fx.slice_scatter %qkv, %rot, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %qkv1 : !fx.tensor<["s0", 6144], f16>
}

// Scattered into another region than the one written: not a scatter-back.
// The scatter copies q's region of the old buffer into its result, which is
// read later: q is cloned.
// CHECK-LABEL: func.func @negative_other_region
// CHECK: aten::clone
// CHECK: fx.slice_scatter
func.func @negative_other_region(%positions: !fx.tensor<["s0"], i64>, %a: !fx.tensor<["s0", 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %qkv = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 1024, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  // expected-remark @below {{cloned operand 'query': it is read after the call at loc("reader")}}
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 1024], f16>
  %qkv1 = fx.slice_scatter %qkv, %rot, dim = 1, start = 1024, end = 2048, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %qkv1 : !fx.tensor<["s0", 6144], f16> loc("reader")
}

// Even and odd columns are disjoint: writing the even ones in place does not
// disturb a later read of the odd ones.
// CHECK-LABEL: func.func @interleaved_slices
// CHECK-NOT: aten::clone
// CHECK: return
func.func @interleaved_slices(%positions: !fx.tensor<["s0"], i64>, %a: !fx.tensor<["s0", 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 3072], f16>) {
  %qkv = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %even = fx.slice %qkv, dim = 1, start = 0, end = 6144, step = 2 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 3072], f16>
  %odd = fx.slice %qkv, dim = 1, start = 1, end = 6144, step = 2 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 3072], f16>
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %even, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 3072], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 3072], f16>
  %qkv1 = fx.slice_scatter %qkv, %rot, dim = 1, start = 0, end = 6144, step = 2 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 3072], f16>) -> !fx.tensor<["s0", 6144], f16>
  %o = fx.call "aten::cos"(self = %odd)
      : (!fx.tensor<["s0", 3072], f16>) -> !fx.tensor<["s0", 3072], f16>
  return %qkv1, %o : !fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 3072], f16>
}
