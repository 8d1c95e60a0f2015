// fx-dce and the region model: an in-place call stays while anything reads
// what it writes; it goes when every later use is disjoint from it.
// RUN: fx-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(fx-dce))' | FileCheck %s

fx.schema "t::w" = "w(Tensor! out) -> ()"
// Written rows 0,2,4,6; the scatter's base starts at row 1 and overwrites
// base rows 0,2,4,6 (rows 1,3,5,7): its result carries rows 2,4,6 (F3).
// CHECK-LABEL: func.func @negative_strided_write_offset_scatter
// CHECK: fx.call "t::w"(out = %{{.*}})
func.func @negative_strided_write_offset_scatter(%a: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32> {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> ()
  %b = fx.slice %r, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %y, dim = 0, start = 0, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %s : !fx.tensor<[7, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// The same write; the scatter into rows 1.. overwrites rows 1,3,5,7 and its
// result carries rows 2,4,6 only where it does not overwrite them: here it
// overwrites base rows 1,3,5 (rows 2,4,6), so nothing written is read.
// CHECK-LABEL: func.func @strided_write_overwritten
// CHECK-NOT: t::w
// CHECK: return
func.func @strided_write_overwritten(%a: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[7, 4], f32> {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> ()
  %b = fx.slice %r, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %y, dim = 0, start = 1, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %s : !fx.tensor<[7, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
// Even rows written, only odd rows read afterwards: the write is dead.
// CHECK-LABEL: func.func @interleaved_read
// CHECK-NOT: t::w
// CHECK: return
func.func @interleaved_read(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> ()
  %o = fx.slice %r, dim = 0, start = 1, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %o) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
