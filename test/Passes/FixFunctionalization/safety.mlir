// Legality of writing in place (DESIGN §3): each operand that fails is
// cloned, with a remark saying which and why; the others stay in place.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x) -> ()"

// (a) The mutated buffer's old value is read after the call.
// CHECK-LABEL: func.func @negative_read_later
// CHECK: %[[IN:.*]] = fx.call "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[IN]])
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm"(input = %[[CLONE]],
// CHECK-NEXT: fx.call "aten::cos"(self = %[[IN]])
func.func @negative_read_later(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16> {fx.donated}, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'input': it is read after the call at loc("reader")}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %r, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %old = fx.call "aten::cos"(self = %in)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> loc("reader")
  return %0#0, %0#1, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// (a) A view of it is read after the call.
// CHECK-LABEL: func.func @negative_view_read_later
// CHECK: fx.call "aten::clone"
// CHECK: fx.call "_C::rms_norm"
func.func @negative_view_read_later(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 128, 32], f16>) {
  %buf = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %v = fx.view %buf, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  // expected-remark @below {{cloned operand 'result': it is read after the call at loc("reader")}}
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %old = fx.call "aten::cos"(self = %v)
      : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16> loc("reader")
  return %0, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 128, 32], f16>
}

// (a) The base of a mutated slice is read after the call.
// CHECK-LABEL: func.func @negative_base_read_later
// CHECK: %[[Q:.*]] = fx.slice
// CHECK: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[Q]])
// CHECK: fx.call "_C::rotary_embedding"(positions = %{{[^,]*}}, query = %[[CLONE]],
func.func @negative_base_read_later(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 6144], f16>) {
  %qkv = fx.call "aten::mm"(self = %h, mat2 = %wqkv)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'query': it is read after the call at loc("reader")}}
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 4096], f16>
  %old = fx.call "aten::cos"(self = %qkv)
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16> loc("reader")
  return %rot, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 6144], f16>
}

// A disjoint slice of the same base read later is no conflict: v is read
// after rotary wrote q and k in place (the split_with_sizes pattern).
// CHECK-LABEL: func.func @disjoint_slice_read_later
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rotary_embedding"
func.func @disjoint_slice_read_later(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>) {
  %qkv = fx.call "aten::mm"(self = %h, mat2 = %wqkv)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %k = fx.slice %qkv, dim = 1, start = 4096, end = 5120, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  %v = fx.slice %qkv, dim = 1, start = 5120, end = 6144, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  %rot:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, key = %k, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  %v1 = fx.call "aten::cos"(self = %v)
      : (!fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 1024], f16>
  return %rot#0, %rot#1, %v1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>
}

// (b) Two operands of the same call share storage (op(out=x, x=x)).
// CHECK-LABEL: func.func @negative_same_call_alias
// CHECK: %[[X:.*]] = fx.call "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[X]])
// CHECK-NEXT: fx.call "mylib::scale_"(out = %[[CLONE]], x = %[[X]])
func.func @negative_same_call_alias(%a: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %x = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'out': operand 'x' of the same call shares its storage}}
  %0 = fx.auto_functionalized "mylib::scale_"(out = %x, x = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// (c) A function argument belongs to the caller ...
// CHECK-LABEL: func.func @negative_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[R]])
// CHECK: return %{{.*}}, %[[CLONE]]
func.func @negative_argument(%residual: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'residual': it is function argument 0, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %residual, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// ... unless donated ...
// CHECK-LABEL: func.func @donated_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK-NOT: aten::clone
// CHECK: return %{{.*}}, %[[R]]
func.func @donated_argument(%residual: !fx.tensor<["s0", 4096], f16> {fx.donated}, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %residual, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// ... or written back with aten::copy_ at the end (Inductor's epilogue),
// which then disappears.
// CHECK-LABEL: func.func @copy_back_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::fused_add_rms_norm"(input = %{{[^,]*}}, residual = %[[R]],
// CHECK-NOT: aten::copy_
// CHECK: return
func.func @copy_back_argument(%residual: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %residual, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %c = fx.call "aten::copy_"(self = %residual, src = %0#1)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0#0 : !fx.tensor<["s0", 4096], f16>
}

// ... but a copy back into a view of the argument is not that epilogue:
// the operand, a view of a caller's buffer, is cloned, and the remark says
// why the copy_ did not count.
// CHECK-LABEL: func.func @negative_copy_back_into_view
// CHECK-SAME: (%[[A:[^:]*]]:
// CHECK: %[[V:.*]] = fx.slice %[[A]]
// CHECK: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[V]])
// CHECK: fx.call "mylib::scale_"(out = %[[CLONE]],
// CHECK: fx.call "aten::copy_"(self = %[[V]], src = %[[CLONE]])
func.func @negative_copy_back_into_view(%a: !fx.tensor<[8, 16], f32>, %x: !fx.tensor<[4, 16], f32>) {
  %v = fx.slice %a, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 16], f32> -> !fx.tensor<[4, 16], f32>
  // expected-remark @below {{cloned operand 'out': it is a view of function argument 0, which is not donated (fx.donated); a write-back with aten::copy_ counts only into the whole argument}}
  %0 = fx.auto_functionalized "mylib::scale_"(out = %v, x = %x)
      : (!fx.tensor<[4, 16], f32>, !fx.tensor<[4, 16], f32>) -> !fx.tensor<[4, 16], f32>
  %c = fx.call "aten::copy_"(self = %v, src = %0)
      : (!fx.tensor<[4, 16], f32>, !fx.tensor<[4, 16], f32>) -> !fx.tensor<[4, 16], f32>
  return
}

// A chain of three in-place calls on one buffer: no clone.
// CHECK-LABEL: func.func @chain_of_three
// CHECK: %[[BUF:.*]] = fx.call "aten::cos"
// CHECK-NOT: aten::clone
// CHECK: fx.call "mylib::scale_"(out = %[[BUF]],
// CHECK-NEXT: fx.call "mylib::scale_"(out = %[[BUF]],
// CHECK-NEXT: fx.call "mylib::scale_"(out = %[[BUF]],
// CHECK-NEXT: return %[[BUF]]
func.func @chain_of_three(%a: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0 = fx.auto_functionalized "mylib::scale_"(out = %buf, x = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %1 = fx.auto_functionalized "mylib::scale_"(out = %0, x = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %2 = fx.auto_functionalized "mylib::scale_"(out = %1, x = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %2 : !fx.tensor<["s0", 4096], f16>
}

// Only the offending operand is cloned: input stays in place.
// CHECK-LABEL: func.func @only_offending_operand
// CHECK: %[[IN:.*]] = fx.call "aten::cos"
// CHECK: %[[RES:.*]] = fx.call "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = fx.call "aten::clone"(self = %[[RES]])
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm"(input = %[[IN]], residual = %[[CLONE]],
// CHECK-NEXT: fx.call "{{[^"]*}}"(self = %[[RES]])
// CHECK-NEXT: return %[[IN]], %[[CLONE]]
func.func @only_offending_operand(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'residual': it is read after the call at loc("reader")}}
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %res, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %old = fx.call "aten::cos"(self = %res)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> loc("reader")
  return %0#0, %0#1, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// -----

// A scatter of a slice back into its own base, whose base is written in place
// after it, stays (its result is a snapshot), and says so.
fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x) -> ()"
// CHECK-LABEL: func.func @negative_scatter_back_base_written_later
// CHECK: fx.slice_scatter
func.func @negative_scatter_back_base_written_later(%a: !fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %qkv = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: removing this scatter-back would share storage that the in-place call at loc("writer") writes}}
  %qkv1 = fx.slice_scatter %qkv, %q, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  fx.call "mylib::scale_"(out = %qkv, x = %a)
      : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 6144], f16>) -> () loc("writer")
  return %qkv1 : !fx.tensor<["s0", 6144], f16>
}

// A scatter-back into a donated argument that is then returned stays: the
// result would be the argument itself.
// CHECK-LABEL: func.func @negative_scatter_back_into_returned_argument
// CHECK: fx.slice_scatter
func.func @negative_scatter_back_into_returned_argument(%positions: !fx.tensor<["s0"], i64>, %qkv: !fx.tensor<["s0", 6144], f16> {fx.donated}, %cache: !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %rot = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: removing this scatter-back would make a function result alias argument 1}}
  %qkv1 = fx.slice_scatter %qkv, %rot, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %qkv1 : !fx.tensor<["s0", 6144], f16>
}
