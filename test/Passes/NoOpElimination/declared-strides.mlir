// fx-noop-elimination with declared argument layouts ({fx.strides}) and
// torch's view rule: a reshape that only splits dims is a view whatever
// the layout; one that merges dims is a view when its input is known
// contiguous, which an argument is when its fx.strides say so.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s

fx.schema "t::w" = "w(Tensor! out) -> ()"
// The seed document's example 1 on an argument declared contiguous, with a
// write between the reshapes: %y is a view of %x, so %z is %x itself (the
// collapsed reshape is an identity).
// CHECK-LABEL: func.func @seed_chain_declared_contiguous
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK: %[[Y:.*]] = fx.reshape %[[X]], shape = ["s0", 4096]
// CHECK: fx.call "t::w"(out = %[[Y]])
// CHECK-NOT: fx.reshape
// CHECK: aten::clone"(self = %[[X]])
func.func @seed_chain_declared_contiguous(%x: !fx.tensor<["s0", 128, 32], f16> {fx.strides = [4096, 32, 1]}) -> !fx.tensor<["s0", 128, 32], f16> {
  %y = fx.reshape %x, shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  fx.call "t::w"(out = %y) : (!fx.tensor<["s0", 4096], f16>) -> ()
  %z = fx.reshape %y, shape = ["s0", 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  return %c : !fx.tensor<["s0", 128, 32], f16>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// Symbolic contiguous strides, in canonical form.
// CHECK-LABEL: func.func @symbolic_strides_contiguous
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK: fx.call "t::w"
// CHECK-NEXT: aten::clone"(self = %[[X]])
func.func @symbolic_strides_contiguous(%x: !fx.tensor<["s0", 4, "s1"], f32> {fx.strides = ["4*s1", "s1", 1]}) -> !fx.tensor<["s0", 4, "s1"], f32> {
  %y = fx.reshape %x, shape = ["s0", "4*s1"] : !fx.tensor<["s0", 4, "s1"], f32> -> !fx.tensor<["s0", "4*s1"], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<["s0", "4*s1"], f32>) -> ()
  %z = fx.reshape %y, shape = ["s0", 4, "s1"] : !fx.tensor<["s0", "4*s1"], f32> -> !fx.tensor<["s0", 4, "s1"], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<["s0", 4, "s1"], f32>) -> !fx.tensor<["s0", 4, "s1"], f32>
  return %c : !fx.tensor<["s0", 4, "s1"], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// Declared strides of a transposed layout: the merge may copy; kept.
// CHECK-LABEL: func.func @negative_declared_transposed
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.reshape %[[Y]], shape = [4, 4]
func.func @negative_declared_transposed(%x: !fx.tensor<[4, 4], f32> {fx.strides = [1, 4]}) -> !fx.tensor<[4, 4], f32> {
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc("writer")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// No declared strides: the merge may copy; kept.
// CHECK-LABEL: func.func @negative_undeclared
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.reshape %[[Y]], shape = ["s0", 128, 32]
func.func @negative_undeclared(%x: !fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %y = fx.reshape %x, shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  fx.call "t::w"(out = %y) : (!fx.tensor<["s0", 4096], f16>) -> () loc("writer")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %y, shape = ["s0", 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  return %c : !fx.tensor<["s0", 128, 32], f16>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// Strides that are contiguous but for a dim of size 1 (torch ignores its
// stride): known contiguous.
// CHECK-LABEL: func.func @size_one_dim_stride_ignored
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK: fx.call "t::w"
// CHECK-NEXT: aten::clone"(self = %[[X]])
func.func @size_one_dim_stride_ignored(%x: !fx.tensor<[1, 4, 4], f32> {fx.strides = [7, 4, 1]}) -> !fx.tensor<[1, 4, 4], f32> {
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[1, 4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> ()
  %z = fx.reshape %y, shape = [1, 4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[1, 4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[1, 4, 4], f32>) -> !fx.tensor<[1, 4, 4], f32>
  return %c : !fx.tensor<[1, 4, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// A reshape that only splits dims is a view whatever the layout: a chain
// that splits and merges back collapses even on an undeclared argument.
// CHECK-LABEL: func.func @split_then_merge_undeclared
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK: %[[Y:.*]] = fx.reshape %[[X]], shape = ["s0", 128, 1, 32]
// CHECK: fx.call "t::w"(out = %[[Y]])
// CHECK-NEXT: aten::clone"(self = %[[X]])
func.func @split_then_merge_undeclared(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %y = fx.reshape %x, shape = ["s0", 128, 1, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 1, 32], f16>
  fx.call "t::w"(out = %y) : (!fx.tensor<["s0", 128, 1, 32], f16>) -> ()
  %z = fx.reshape %y, shape = ["s0", 4096] : !fx.tensor<["s0", 128, 1, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %c : !fx.tensor<["s0", 4096], f16>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// [4, 6] -> [2, 12] regroups across dims: not a split; kept on an
// undeclared argument.
// CHECK-LABEL: func.func @negative_regroup_not_split
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.reshape %[[Y]], shape = [24]
func.func @negative_regroup_not_split(%x: !fx.tensor<[4, 6], f32>) -> !fx.tensor<[24], f32> {
  %y = fx.reshape %x, shape = [2, 12] : !fx.tensor<[4, 6], f32> -> !fx.tensor<[2, 12], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[2, 12], f32>) -> () loc("writer")
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("writer") writes}}
  %z = fx.reshape %y, shape = [24] : !fx.tensor<[2, 12], f32> -> !fx.tensor<[24], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[24], f32>) -> !fx.tensor<[24], f32>
  return %c : !fx.tensor<[24], f32>
}

// -----

// A view of a split of an undeclared argument: viewable exactly when a
// view of the argument is, so it collapses.
// CHECK-LABEL: func.func @view_of_split
// CHECK-SAME: (%[[X:[^:]*]]:
// CHECK: fx.view %[[X]], shape = [8]
func.func @view_of_split(%x: !fx.tensor<[2, 4], f32>) -> !fx.tensor<[8], f32> {
  %y = fx.reshape %x, shape = [2, 2, 2] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[2, 2, 2], f32>
  %z = fx.view %y, shape = [8] : !fx.tensor<[2, 2, 2], f32> -> !fx.tensor<[8], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  return %c : !fx.tensor<[8], f32>
}
