// fx-noop-elimination: replacements the storage or layout model cannot
// vouch for stay, with the reason.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s

func.func @id(%t: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  return %t : !fx.tensor<[8, 4], f32>
}

// The full-cover scatter's source is a func.call result that may be the
// argument: the snapshot is returned and must not become an alias of it.
// CHECK-LABEL: func.func @scatter_of_call_result
// CHECK: fx.slice_scatter
func.func @scatter_of_call_result(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %y = func.call @id(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would share storage that an op returning an alias (aten::copy_, a call without a schema, func.call) also reaches}}
  %s = fx.slice_scatter %z, %y, dim = 0, start = 0, end = 8, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %s : !fx.tensor<[8, 4], f32>
}

// -----

// The scatter's result is fresh contiguous storage; its source, a column
// slice, could not be viewed as [16].
// CHECK-LABEL: func.func @scatter_viewed
// CHECK: fx.slice_scatter
// CHECK: fx.view
func.func @scatter_viewed(%a: !fx.tensor<[4, 8], f32>, %z: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %m = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would change the layout the fx.view at loc("view") sees (the replacement is not known to be contiguous)}}
  %s = fx.slice_scatter %z, %m, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %s, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("view")
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

// -----

// Each reshape's element count is undecided (two symbols); the collapsed
// one, [s0, 4] -> [s0, 8], would be decided and wrong.
// CHECK-LABEL: func.func @collapse_decides_count
// CHECK: %[[Y:.*]] = fx.reshape
// CHECK: fx.reshape %[[Y]],
func.func @collapse_decides_count(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s0", 8], f32> {
  %y = fx.reshape %x, shape = ["s1", 2] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 2], f32>
  // expected-remark @below {{kept: the collapsed reshape would change the element count (the chain is only valid for empty tensors)}}
  %z = fx.reshape %y, shape = ["s0", 8] : !fx.tensor<["s1", 2], f32> -> !fx.tensor<["s0", 8], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 8], f32>
  return %c : !fx.tensor<["s0", 8], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// The full-cover scatter's result is written in place, and its source is
// read after that: replacing the result by the source would put the write
// into the source.
// CHECK-LABEL: func.func @negative_scatter_result_written
// CHECK: fx.slice_scatter
func.func @negative_scatter_result_written(%base: !fx.tensor<[4, 4], f32>, %a: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %src = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would share storage that the in-place call at loc("w") writes}}
  %s = fx.slice_scatter %base, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %s) : (!fx.tensor<[4, 4], f32>) -> () loc("w")
  %r = fx.call "aten::clone"(self = %src) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %s, %r : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// -----

// Round 7: a slice_scatter's layout is its base's or its source's, as the
// passes decide.  Taken as the base's, it was remembered for %v before %s
// became its source %x (a column slice), and %s2 then became %v under the
// view %w.
// CHECK-LABEL: func.func @scatter_source_seen_after_rewrite
// CHECK: %[[S2:.*]] = fx.slice_scatter
// CHECK: fx.view %[[S2]],
func.func @scatter_source_seen_after_rewrite(%b0: !fx.tensor<[4, 8], f32>, %base0: !fx.tensor<[4, 4], f32>, %base20: !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[4, 2], f32>) {
  %b = fx.call "aten::clone"(self = %b0) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %base = fx.call "aten::clone"(self = %base0) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %base2 = fx.call "aten::clone"(self = %base20) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %x = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %base, %x, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  %r1 = fx.reshape %v, shape = [8] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[8], f32>
  %r2 = fx.reshape %r1, shape = [4, 2] : !fx.tensor<[8], f32> -> !fx.tensor<[4, 2], f32>
  %i = fx.view %s, shape = [4, 4] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would change the layout the fx.view at loc("w") sees (the replacement is not known to be contiguous)}}
  %s2 = fx.slice_scatter %base2, %v, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %w = fx.view %s2, shape = [8] : !fx.tensor<[2, 4], f32> -> !fx.tensor<[8], f32> loc("w")
  %o1 = fx.call "aten::clone"(self = %w) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %o2 = fx.call "aten::clone"(self = %r2) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32>
  return %o1, %o2 : !fx.tensor<[8], f32>, !fx.tensor<[4, 2], f32>
}

