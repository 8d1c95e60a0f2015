// A rewrite late in a function can unblock one earlier: a chain of such
// dependencies needs as many rounds of the pattern driver as it has links.
// The passes run their patterns to a fixpoint, however long the chain (MLIR's
// greedy driver stops after 10 rounds by default and fxir then reported an
// internal error): both chains below have 12 links and are fully rewritten.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s --check-prefix=NOOP
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s --check-prefix=FIX
// RUN: fx-run %s --entry=full_cover_chain -O0 --check-passes | FileCheck %s --check-prefix=EXEC
// RUN: fx-run %s --entry=scatter_back_chain -O0 --check-passes | FileCheck %s --check-prefix=EXEC
// EXEC: out0: bit-identical

// Each full-cover scatter is kept while an fx.view of it exists (its
// source, a column slice, is not known contiguous); replacing the next
// scatter erases that view.
// NOOP-LABEL: func.func @full_cover_chain
// NOOP-NOT: fx.slice_scatter
// NOOP: return
func.func @full_cover_chain(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>) {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %src = fx.slice %c, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %base0 = fx.slice %c, dim = 1, start = 4, end = 8, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s0 = fx.slice_scatter %base0, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r0 = fx.reshape %s0, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o0 = fx.call "aten::clone"(self = %r0) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base1 = fx.view %r0, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s1 = fx.slice_scatter %base1, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r1 = fx.reshape %s1, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o1 = fx.call "aten::clone"(self = %r1) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base2 = fx.view %r1, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s2 = fx.slice_scatter %base2, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r2 = fx.reshape %s2, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o2 = fx.call "aten::clone"(self = %r2) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base3 = fx.view %r2, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s3 = fx.slice_scatter %base3, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r3 = fx.reshape %s3, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o3 = fx.call "aten::clone"(self = %r3) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base4 = fx.view %r3, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s4 = fx.slice_scatter %base4, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r4 = fx.reshape %s4, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o4 = fx.call "aten::clone"(self = %r4) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base5 = fx.view %r4, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s5 = fx.slice_scatter %base5, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r5 = fx.reshape %s5, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o5 = fx.call "aten::clone"(self = %r5) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base6 = fx.view %r5, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s6 = fx.slice_scatter %base6, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r6 = fx.reshape %s6, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o6 = fx.call "aten::clone"(self = %r6) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base7 = fx.view %r6, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s7 = fx.slice_scatter %base7, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r7 = fx.reshape %s7, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o7 = fx.call "aten::clone"(self = %r7) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base8 = fx.view %r7, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s8 = fx.slice_scatter %base8, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r8 = fx.reshape %s8, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o8 = fx.call "aten::clone"(self = %r8) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base9 = fx.view %r8, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s9 = fx.slice_scatter %base9, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r9 = fx.reshape %s9, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o9 = fx.call "aten::clone"(self = %r9) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base10 = fx.view %r9, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s10 = fx.slice_scatter %base10, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r10 = fx.reshape %s10, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o10 = fx.call "aten::clone"(self = %r10) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %base11 = fx.view %r10, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %s11 = fx.slice_scatter %base11, %src, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r11 = fx.reshape %s11, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %o11 = fx.call "aten::clone"(self = %r11) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %o0, %o1, %o2, %o3, %o4, %o5, %o6, %o7, %o8, %o9, %o10, %o11 : !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>
}

// Each scatter-back writes row 0 of the previous link reshaped; its source
// is an identity fx.view of that row, which eliminating the next link
// erases.
// FIX-LABEL: func.func @scatter_back_chain
// FIX-NOT: fx.slice_scatter
// FIX: return
func.func @scatter_back_chain(%a: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %b0 = fx.slice %c, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row0 = fx.slice %b0, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id0 = fx.view %row0, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s0 = fx.slice_scatter %b0, %id0, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b1 = fx.reshape %s0, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row1 = fx.slice %b1, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id1 = fx.view %row1, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s1 = fx.slice_scatter %b1, %id1, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b2 = fx.reshape %s1, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row2 = fx.slice %b2, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id2 = fx.view %row2, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s2 = fx.slice_scatter %b2, %id2, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b3 = fx.reshape %s2, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row3 = fx.slice %b3, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id3 = fx.view %row3, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s3 = fx.slice_scatter %b3, %id3, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b4 = fx.reshape %s3, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row4 = fx.slice %b4, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id4 = fx.view %row4, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s4 = fx.slice_scatter %b4, %id4, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b5 = fx.reshape %s4, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row5 = fx.slice %b5, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id5 = fx.view %row5, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s5 = fx.slice_scatter %b5, %id5, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b6 = fx.reshape %s5, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row6 = fx.slice %b6, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id6 = fx.view %row6, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s6 = fx.slice_scatter %b6, %id6, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b7 = fx.reshape %s6, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row7 = fx.slice %b7, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id7 = fx.view %row7, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s7 = fx.slice_scatter %b7, %id7, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b8 = fx.reshape %s7, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row8 = fx.slice %b8, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id8 = fx.view %row8, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s8 = fx.slice_scatter %b8, %id8, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b9 = fx.reshape %s8, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row9 = fx.slice %b9, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id9 = fx.view %row9, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s9 = fx.slice_scatter %b9, %id9, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b10 = fx.reshape %s9, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %row10 = fx.slice %b10, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 4], f32>
  %id10 = fx.view %row10, shape = [1, 4] : !fx.tensor<[1, 4], f32> -> !fx.tensor<[1, 4], f32>
  %s10 = fx.slice_scatter %b10, %id10, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[1, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b11 = fx.reshape %s10, shape = [2, 8] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 8], f32>
  %row11 = fx.slice %b11, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[2, 8], f32> -> !fx.tensor<[1, 8], f32>
  %id11 = fx.view %row11, shape = [1, 8] : !fx.tensor<[1, 8], f32> -> !fx.tensor<[1, 8], f32>
  %s11 = fx.slice_scatter %b11, %id11, dim = 0, start = 0, end = 1, step = 1 : (!fx.tensor<[2, 8], f32>, !fx.tensor<[1, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %b12 = fx.reshape %s11, shape = [4, 4] : !fx.tensor<[2, 8], f32> -> !fx.tensor<[4, 4], f32>
  %out = fx.call "aten::clone"(self = %b12) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %out : !fx.tensor<[4, 4], f32>
}
