// A remark that names another op's location prints it as MLIR does, unless
// the location is too large to print: 40 levels of fused locations, each
// naming the level below twice, print as 2^40 parts.  fxir's remarks then
// give the first file position and say so (passes/Location.h); they printed
// the whole tree (22 levels took 10 s; an adversary's case).  So do a call
// site whose caller is such a DAG, and fused metadata that is one (an
// array of arrays, each naming the one below twice, or a string whose type
// is such a tuple): MLIR prints them all.
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
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at loc("deep.py":3:4) (the first file position of a location too large to print) writes}}
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
  // expected-remark @below {{kept: bypassing a reshape that may copy would share storage that the in-place call at a location too large to print writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// The op is at the callee; the caller, printed too, is the DAG.
#c0 = loc("deep.py":5:6)
#c1 = loc(fused["p"(#c0), "q"(#c0)])
#c2 = loc(fused["p"(#c1), "q"(#c1)])
#c3 = loc(fused["p"(#c2), "q"(#c2)])
#c4 = loc(fused["p"(#c3), "q"(#c3)])
#c5 = loc(fused["p"(#c4), "q"(#c4)])
#c6 = loc(fused["p"(#c5), "q"(#c5)])
#c7 = loc(fused["p"(#c6), "q"(#c6)])
#c8 = loc(fused["p"(#c7), "q"(#c7)])
#c9 = loc(fused["p"(#c8), "q"(#c8)])
#c10 = loc(fused["p"(#c9), "q"(#c9)])
#c11 = loc(fused["p"(#c10), "q"(#c10)])
#c12 = loc(fused["p"(#c11), "q"(#c11)])
#c13 = loc(fused["p"(#c12), "q"(#c12)])
#c14 = loc(fused["p"(#c13), "q"(#c13)])
#c15 = loc(fused["p"(#c14), "q"(#c14)])
#c16 = loc(fused["p"(#c15), "q"(#c15)])
#c17 = loc(fused["p"(#c16), "q"(#c16)])
#c18 = loc(fused["p"(#c17), "q"(#c17)])
#c19 = loc(fused["p"(#c18), "q"(#c18)])
#c20 = loc(fused["p"(#c19), "q"(#c19)])
#c21 = loc(fused["p"(#c20), "q"(#c20)])
#c22 = loc(fused["p"(#c21), "q"(#c21)])
#c23 = loc(fused["p"(#c22), "q"(#c22)])
#c24 = loc(fused["p"(#c23), "q"(#c23)])
#c25 = loc(fused["p"(#c24), "q"(#c24)])
#c26 = loc(fused["p"(#c25), "q"(#c25)])
#c27 = loc(fused["p"(#c26), "q"(#c26)])
#c28 = loc(fused["p"(#c27), "q"(#c27)])
#c29 = loc(fused["p"(#c28), "q"(#c28)])
#c30 = loc(fused["p"(#c29), "q"(#c29)])
#c31 = loc(fused["p"(#c30), "q"(#c30)])
#c32 = loc(fused["p"(#c31), "q"(#c31)])
#c33 = loc(fused["p"(#c32), "q"(#c32)])
#c34 = loc(fused["p"(#c33), "q"(#c33)])
#c35 = loc(fused["p"(#c34), "q"(#c34)])
#c36 = loc(fused["p"(#c35), "q"(#c35)])
#c37 = loc(fused["p"(#c36), "q"(#c36)])
#c38 = loc(fused["p"(#c37), "q"(#c37)])
#c39 = loc(fused["p"(#c38), "q"(#c38)])
#c40 = loc(fused["p"(#c39), "q"(#c39)])
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_call_site
func.func @negative_call_site(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(callsite("callee.py":1:1 at #c40))
  // expected-remark @below {{the in-place call at loc("callee.py":1:1) (the first file position of a location too large to print) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// Fused metadata that is an array of arrays.
#a0 = [1, 2]
#a1 = [#a0, #a0]
#a2 = [#a1, #a1]
#a3 = [#a2, #a2]
#a4 = [#a3, #a3]
#a5 = [#a4, #a4]
#a6 = [#a5, #a5]
#a7 = [#a6, #a6]
#a8 = [#a7, #a7]
#a9 = [#a8, #a8]
#a10 = [#a9, #a9]
#a11 = [#a10, #a10]
#a12 = [#a11, #a11]
#a13 = [#a12, #a12]
#a14 = [#a13, #a13]
#a15 = [#a14, #a14]
#a16 = [#a15, #a15]
#a17 = [#a16, #a16]
#a18 = [#a17, #a17]
#a19 = [#a18, #a18]
#a20 = [#a19, #a19]
#a21 = [#a20, #a20]
#a22 = [#a21, #a21]
#a23 = [#a22, #a22]
#a24 = [#a23, #a23]
#a25 = [#a24, #a24]
#a26 = [#a25, #a25]
#a27 = [#a26, #a26]
#a28 = [#a27, #a27]
#a29 = [#a28, #a28]
#a30 = [#a29, #a29]
#a31 = [#a30, #a30]
#a32 = [#a31, #a31]
#a33 = [#a32, #a32]
#a34 = [#a33, #a33]
#a35 = [#a34, #a34]
#a36 = [#a35, #a35]
#a37 = [#a36, #a36]
#a38 = [#a37, #a37]
#a39 = [#a38, #a38]
#a40 = [#a39, #a39]
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_metadata
func.func @negative_metadata(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(fused<#a40>["meta.py":7:8])
  // expected-remark @below {{the in-place call at loc("meta.py":7:8) (the first file position of a location too large to print) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// Small metadata, a string, prints whole.
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_small_metadata
func.func @negative_small_metadata(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(fused<"m">["meta.py":7:8])
  // expected-remark @below {{the in-place call at loc(fused<"m">["meta.py":7:8]) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// Fused metadata that is a string of a type that is a DAG (MLIR prints the
// type whole): counted as too large, like an array (an adversary's case).
!t0 = tuple<i32, i32>
!t1 = tuple<!t0, !t0>
!t2 = tuple<!t1, !t1>
!t3 = tuple<!t2, !t2>
!t4 = tuple<!t3, !t3>
!t5 = tuple<!t4, !t4>
!t6 = tuple<!t5, !t5>
!t7 = tuple<!t6, !t6>
!t8 = tuple<!t7, !t7>
!t9 = tuple<!t8, !t8>
!t10 = tuple<!t9, !t9>
!t11 = tuple<!t10, !t10>
!t12 = tuple<!t11, !t11>
!t13 = tuple<!t12, !t12>
!t14 = tuple<!t13, !t13>
!t15 = tuple<!t14, !t14>
!t16 = tuple<!t15, !t15>
!t17 = tuple<!t16, !t16>
!t18 = tuple<!t17, !t17>
!t19 = tuple<!t18, !t18>
!t20 = tuple<!t19, !t19>
!t21 = tuple<!t20, !t20>
!t22 = tuple<!t21, !t21>
!t23 = tuple<!t22, !t22>
!t24 = tuple<!t23, !t23>
!t25 = tuple<!t24, !t24>
!t26 = tuple<!t25, !t25>
!t27 = tuple<!t26, !t26>
!t28 = tuple<!t27, !t27>
!t29 = tuple<!t28, !t28>
!t30 = tuple<!t29, !t29>
!t31 = tuple<!t30, !t30>
!t32 = tuple<!t31, !t31>
!t33 = tuple<!t32, !t32>
!t34 = tuple<!t33, !t33>
!t35 = tuple<!t34, !t34>
!t36 = tuple<!t35, !t35>
!t37 = tuple<!t36, !t36>
!t38 = tuple<!t37, !t37>
!t39 = tuple<!t38, !t38>
!t40 = tuple<!t39, !t39>
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_typed_string_metadata
func.func @negative_typed_string_metadata(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc(fused<"s" : !t40>["typed.py":9:10])
  // expected-remark @below {{the in-place call at loc("typed.py":9:10) (the first file position of a location too large to print) writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

// -----

// A location longer than the remark's room is cut off, and says so.
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @negative_long_name
func.func @negative_long_name(%A: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 4], f32> {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "t::w"(out = %y) : (!fx.tensor<[16], f32>) -> () loc("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")
  // expected-remark-re @below {{the in-place call at loc("{{n+}}... writes}}
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}
