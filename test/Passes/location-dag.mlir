// A remark that names another op's location prints it as MLIR does, unless
// the location's tree is too large: 40 levels of fused locations, each
// naming the level below twice, print as 2^40 parts.  fxir's remarks then
// give the first file position and say so (passes/Location.h); they printed
// the whole tree (22 levels took 10 s; an adversary's case).
// RUN: timeout 60 fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s

#l0 = loc("deep.py":3:4)
#l1 = loc(fused["p"(#l0), "q"(#l0)])
#l2 = loc(fused["p"(#l1), "q"(#l1)])
#l3 = loc(fused["p"(#l2), "q"(#l2)])
#l4 = loc(fused["p"(#l3), "q"(#l3)])
#l5 = loc(fused["p"(#l4), "q"(#l4)])
#l6 = loc(fused["p"(#l5), "q"(#l5)])
#l7 = loc(fused["p"(#l6), "q"(#l6)])
#l8 = loc(fused["p"(#l7), "q"(#l7)])
#l9 = loc(fused["p"(#l8), "q"(#l8)])
#l10 = loc(fused["p"(#l9), "q"(#l9)])
#l11 = loc(fused["p"(#l10), "q"(#l10)])
#l12 = loc(fused["p"(#l11), "q"(#l11)])
#l13 = loc(fused["p"(#l12), "q"(#l12)])
#l14 = loc(fused["p"(#l13), "q"(#l13)])
#l15 = loc(fused["p"(#l14), "q"(#l14)])
#l16 = loc(fused["p"(#l15), "q"(#l15)])
#l17 = loc(fused["p"(#l16), "q"(#l16)])
#l18 = loc(fused["p"(#l17), "q"(#l17)])
#l19 = loc(fused["p"(#l18), "q"(#l18)])
#l20 = loc(fused["p"(#l19), "q"(#l19)])
#l21 = loc(fused["p"(#l20), "q"(#l20)])
#l22 = loc(fused["p"(#l21), "q"(#l21)])
#l23 = loc(fused["p"(#l22), "q"(#l22)])
#l24 = loc(fused["p"(#l23), "q"(#l23)])
#l25 = loc(fused["p"(#l24), "q"(#l24)])
#l26 = loc(fused["p"(#l25), "q"(#l25)])
#l27 = loc(fused["p"(#l26), "q"(#l26)])
#l28 = loc(fused["p"(#l27), "q"(#l27)])
#l29 = loc(fused["p"(#l28), "q"(#l28)])
#l30 = loc(fused["p"(#l29), "q"(#l29)])
#l31 = loc(fused["p"(#l30), "q"(#l30)])
#l32 = loc(fused["p"(#l31), "q"(#l31)])
#l33 = loc(fused["p"(#l32), "q"(#l32)])
#l34 = loc(fused["p"(#l33), "q"(#l33)])
#l35 = loc(fused["p"(#l34), "q"(#l34)])
#l36 = loc(fused["p"(#l35), "q"(#l35)])
#l37 = loc(fused["p"(#l36), "q"(#l36)])
#l38 = loc(fused["p"(#l37), "q"(#l37)])
#l39 = loc(fused["p"(#l38), "q"(#l38)])
#l40 = loc(fused["p"(#l39), "q"(#l39)])
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_dag
// CHECK: fx.call "t::w"
// CHECK: fx.reshape
func.func @negative_dag(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(#l40)
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("deep.py":3:4) (the first file position of a location of more than 64 parts) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// A fused location of a few parts prints whole, as MLIR prints it.
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_small_fused
func.func @negative_small_fused(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(fused["a.py":1:2, "w"("b.py":3:4)])
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc(fused["a.py":1:2, "w"("b.py":3:4)]) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// No file position at all: the note alone.
#m0 = loc("leaf")
#m1 = loc(fused["p"(#m0), "q"(#m0)])
#m2 = loc(fused["p"(#m1), "q"(#m1)])
#m3 = loc(fused["p"(#m2), "q"(#m2)])
#m4 = loc(fused["p"(#m3), "q"(#m3)])
#m5 = loc(fused["p"(#m4), "q"(#m4)])
#m6 = loc(fused["p"(#m5), "q"(#m5)])
#m7 = loc(fused["p"(#m6), "q"(#m6)])
#m8 = loc(fused["p"(#m7), "q"(#m7)])
#m9 = loc(fused["p"(#m8), "q"(#m8)])
#m10 = loc(fused["p"(#m9), "q"(#m9)])
#m11 = loc(fused["p"(#m10), "q"(#m10)])
#m12 = loc(fused["p"(#m11), "q"(#m11)])
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_no_file
func.func @negative_no_file(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(#m12)
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at a location of more than 64 parts writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
