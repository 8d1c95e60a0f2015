// The file position of an op whose location is a DAG: 40 levels of fused
// locations, each naming the level below twice.  The lowering finds
// deep.py:3:4 for fxrt_at, visiting each location once: it followed every
// path, 2^40 of them (an adversary's case; 26 levels took 4 s).
// RUN: timeout 60 fx-opt %s --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s

// CHECK-LABEL: func.func @f(
// CHECK-DAG: %[[LINE:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[COL:.*]] = arith.constant 4 : i64
// CHECK-DAG: memref.get_global @[[NAME:__fx_str[_0-9]*]] : memref<8xi8>
// CHECK: call @fxrt_at(%{{.*}}, %[[LINE]], %[[COL]])
// "deep.py" and a NUL:
// CHECK: memref.global "private" constant @[[NAME]] : memref<8xi8> = dense<[100, 101, 101, 112, 46, 112, 121, 0]>

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
func.func @f(%x0: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>) {
  %x1 = fx.call "aten::neg"(self = %x0) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> loc(#l40)
  return %x1 : !fx.tensor<[4], f32>
}
