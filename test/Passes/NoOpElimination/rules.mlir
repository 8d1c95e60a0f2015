// Each no-op rule's positive case and the look-alikes it must keep.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s

// CHECK-LABEL: func.func @identity_view
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK-NEXT: return %[[X]]
func.func @identity_view(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.view %x, shape = ["s0", 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @identity_slice_to_the_end
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK-NEXT: return %[[X]]
func.func @identity_slice_to_the_end(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.slice %x, dim = -1, start = 0, end = 9223372036854775807, step = 1 : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @identity_slice_static_end
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK-NEXT: return %[[X]]
func.func @identity_slice_static_end(%x: !fx.tensor<[8], f32>) -> !fx.tensor<[8], f32> {
  %0 = fx.slice %x, dim = 0, start = 0, end = 8, step = 1 : !fx.tensor<[8], f32> -> !fx.tensor<[8], f32>
  return %0 : !fx.tensor<[8], f32>
}

// A chain of any length ends as one op; an inner op used elsewhere stays.
// CHECK-LABEL: func.func @chain_inner_used
// CHECK: %[[MUL:.*]] = fx.call
// CHECK: %[[A:.*]] = fx.reshape %[[MUL]], shape = [-1, 128, 32]
// CHECK: %[[B:.*]] = fx.view %[[MUL]], shape = [-1, 64, 64]
// CHECK: return %[[A]], %[[B]]
func.func @chain_inner_used(%x: !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 64, 64], f16>) {
  %mul = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %a = fx.reshape %mul, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %b = fx.view %a, shape = [-1, 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %c = fx.view %b, shape = [-1, 64, 64] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 64, 64], f16>
  return %a, %c : !fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 64, 64], f16>
}

// Views of views of an argument: a view never copies, so always collapses.
// CHECK-LABEL: func.func @view_chain_of_argument
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK-NEXT: %[[V:.*]] = fx.view %[[X]], shape = [-1, 128, 32]
// CHECK-NEXT: return %[[V]]
func.func @view_chain_of_argument(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %a = fx.view %x, shape = [-1, 64, 64] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 64, 64], f16>
  %b = fx.view %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 64, 64], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %b : !fx.tensor<["s0", 128, 32], f16>
}

// An identity view of a buffer written in place is the buffer: same storage.
// CHECK-LABEL: func.func @identity_view_written_in_place
// CHECK-SAME: (%[[OUT:[^:]*]]: {{.*}}, %[[X:[^:]*]]:
// CHECK-NEXT: fx.call "_C::silu_and_mul"(result = %[[OUT]], input = %[[X]])
func.func @identity_view_written_in_place(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %v = fx.view %out, shape = ["s0", 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::silu_and_mul"(result = %v, input = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  return %out : !fx.tensor<["s0", 4096], f16>
}

// -----

// CHECK-LABEL: func.func @negative_end_minus_one
// CHECK: fx.slice %
func.func @negative_end_minus_one(%x: !fx.tensor<[8], f32>) -> !fx.tensor<[7], f32> {
  %0 = fx.slice %x, dim = 0, start = 0, end = -1, step = 1 : !fx.tensor<[8], f32> -> !fx.tensor<[7], f32>
  return %0 : !fx.tensor<[7], f32>
}

// vLLM #17078: -1 is not "infer".  Even if the types claim a no-op, this
// slice drops the last row: the pass trusts neither and keeps it.
// CHECK-LABEL: func.func @negative_end_minus_one_symbolic
// CHECK: fx.slice %
func.func @negative_end_minus_one_symbolic(%x: !fx.tensor<["s0"], f32>) -> !fx.tensor<["s0"], f32> {
  // expected-remark @below {{kept: the types say no-op but start = 0, step = 1 and this end do not provably cover dim 0}}
  %0 = fx.slice %x, dim = 0, start = 0, end = -1, step = 1 : !fx.tensor<["s0"], f32> -> !fx.tensor<["s0"], f32>
  return %0 : !fx.tensor<["s0"], f32>
}

// CHECK-LABEL: func.func @negative_step_two
// CHECK: fx.slice %
func.func @negative_step_two(%x: !fx.tensor<[8], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.slice %x, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8], f32> -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

// CHECK-LABEL: func.func @negative_partial_scatter_dim1
// CHECK: fx.slice_scatter
func.func @negative_partial_scatter_dim1(%base: !fx.tensor<["s0", 4096], f16>, %src: !fx.tensor<["s0", 2048], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.slice_scatter %base, %src, dim = 1, start = 0, end = 2048, step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 2048], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @negative_scatter_start
// CHECK: fx.slice_scatter
func.func @negative_scatter_start(%base: !fx.tensor<[8], f32>, %src: !fx.tensor<[4], f32>) -> !fx.tensor<[8], f32> {
  %0 = fx.slice_scatter %base, %src, dim = 0, start = 4, end = 8, step = 1 : (!fx.tensor<[8], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8], f32>
  return %0 : !fx.tensor<[8], f32>
}

// Distinct symbols are distinct sizes, whatever their runtime values.
// CHECK-LABEL: func.func @negative_distinct_symbols
// CHECK: fx.slice %
// CHECK: fx.reshape
func.func @negative_distinct_symbols(%x: !fx.tensor<["s0"], f32>, %n: !fx.sym<"s1">) -> (!fx.tensor<["s1"], f32>, !fx.tensor<["s1"], f32>) {
  %0 = fx.slice %x, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0"], f32> -> !fx.tensor<["s1"], f32>
  %1 = fx.reshape %x, shape = ["s1"] : !fx.tensor<["s0"], f32> -> !fx.tensor<["s1"], f32>
  return %0, %1 : !fx.tensor<["s1"], f32>, !fx.tensor<["s1"], f32>
}

// A fixed 256-row buffer sliced to s0 rows stays, even if s0 == 256 at run
// time; and a static size is never equal to a symbol.
// CHECK-LABEL: func.func @negative_static_vs_symbolic
// CHECK: fx.slice %
// CHECK: fx.reshape
func.func @negative_static_vs_symbolic(%pos: !fx.tensor<[256, 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[256, 4096], f16>) {
  %0 = fx.slice %pos, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<[256, 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %1 = fx.reshape %x, shape = [256, 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<[256, 4096], f16>
  return %0, %1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<[256, 4096], f16>
}

// -----

// A full-cover scatter of an argument into the result stays: the result
// would alias the argument.
// CHECK-LABEL: func.func @negative_scatter_of_argument
// CHECK: fx.slice_scatter
func.func @negative_scatter_of_argument(%base: !fx.tensor<["s0", 4096], f16>, %src: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would make a function result alias argument 1}}
  %0 = fx.slice_scatter %base, %src, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// Replacing the scatter by its source would let the later in-place write of
// the source change the scatter's result.
// CHECK-LABEL: func.func @negative_scatter_source_written_later
// CHECK: fx.slice_scatter
func.func @negative_scatter_source_written_later(%base: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %src = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would share storage that the in-place call at}}
  %0 = fx.slice_scatter %base, %src, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::silu_and_mul"(result = %src, input = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// Same, through a view of the source.
// CHECK-LABEL: func.func @negative_scatter_view_of_source_written_later
// CHECK: fx.slice_scatter
func.func @negative_scatter_view_of_source_written_later(%base: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %src = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would share storage}}
  %0 = fx.slice_scatter %base, %src, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %v = fx.view %src, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  fx.call "user::scale_"(x = %v)
      : (!fx.tensor<["s0", 128, 32], f16>) -> ()
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// Writes before the scatter are already in its source: the scatter goes.
// CHECK-LABEL: func.func @scatter_source_written_before
// CHECK: %[[SRC:.*]] = fx.call
// CHECK: fx.call "_C::silu_and_mul"(result = %[[SRC]]
// CHECK-NOT: fx.slice_scatter
// CHECK: return %[[SRC]]
func.func @scatter_source_written_before(%base: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %src = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::silu_and_mul"(result = %src, input = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  %0 = fx.slice_scatter %base, %src, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// A reshape that merges dims of an argument may copy (the argument may be
// non-contiguous): bypassing it may make the result share the argument's
// storage.  (One that only splits dims is a view: declared-strides.mlir.)
// CHECK-LABEL: func.func @negative_reshape_chain_of_argument_returned
// CHECK-COUNT-2: fx.reshape
func.func @negative_reshape_chain_of_argument_returned(%x: !fx.tensor<["s0", 64, 64], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %a = fx.reshape %x, shape = [-1, 4096] : !fx.tensor<["s0", 64, 64], f16> -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: bypassing a reshape that may copy would make a function result alias argument 0}}
  %b = fx.reshape %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %b : !fx.tensor<["s0", 128, 32], f16>
}

// CHECK-LABEL: func.func @negative_reshape_chain_written_in_place
// CHECK-COUNT-2: fx.reshape
func.func @negative_reshape_chain_written_in_place(%x: !fx.tensor<["s0", 64, 64], f16>, %y: !fx.tensor<["s0", 128, 32], f16>) {
  %a = fx.reshape %x, shape = [-1, 4096] : !fx.tensor<["s0", 64, 64], f16> -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at}}
  %b = fx.reshape %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  fx.call "_C::rms_norm"(result = %b, input = %y)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 128, 32], f16>) -> ()
  return
}

// A view of a reshape: the reshape's input may not be viewable as the result.
// CHECK-LABEL: func.func @negative_view_of_reshape
// CHECK: fx.reshape
// CHECK: fx.view
func.func @negative_view_of_reshape(%x: !fx.tensor<["s0", 64, 64], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %a = fx.reshape %x, shape = [-1, 4096] : !fx.tensor<["s0", 64, 64], f16> -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: a view of a reshape whose input may be non-contiguous: the input may not be viewable as the result}}
  %b = fx.view %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %b : !fx.tensor<["s0", 128, 32], f16>
}

// ... but of a fresh, contiguous tensor it is a view.
// CHECK-LABEL: func.func @view_of_reshape_of_fresh_tensor
// CHECK: %[[C:.*]] = fx.call
// CHECK-NEXT: fx.view %[[C]],
// CHECK-NOT: fx.reshape
func.func @view_of_reshape_of_fresh_tensor(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %c = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %a = fx.reshape %c, shape = [-1, 64, 64] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 64, 64], f16>
  %b = fx.view %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 64, 64], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %b : !fx.tensor<["s0", 128, 32], f16>
}
