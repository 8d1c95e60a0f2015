// auto_functionalized_v2 of an op with a mutated Tensor[] (fx-import's
// form: a clone per base, the list's elements as operands "ys[0]",
// "ys[1]"): each base is written in place where v1's rules allow, and every
// pass order gives the bits of the run without passes.  mylib::mix_list_
// (Inputs/userops.c) makes the result depend on which operands share
// storage.  The callees come after their callers, so --check-passes runs
// them with the passes too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=list_bases --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=BASES
// BASES: check-passes: 5 orders against none, 2 distinct modules run
// BASES: out0: bit-identical
// BASES: arguments: bit-identical after the run (3 compared, 3 of them written by the graph
// BASES: copies avoided: 6 (384 bytes)
// RUN: fx-run %s --entry=overlapping_elements --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=OVERLAP
// OVERLAP: out0: bit-identical
// OVERLAP: copies avoided: 2 (192 bytes)
// RUN: fx-run %s --entry=list_read_after --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=READ
// READ: out0: bit-identical
// READ: out1: bit-identical
// READ: copies avoided: 2 (128 bytes)

fx.schema "mylib::mix_list_" = "mix_list_(Tensor(a!) x, Tensor(b!)[] ys) -> ()"

// Three argument bases, one per operand, written back by copy_ epilogues
// (reference graph 10's shape): all three in place.
func.func @list_bases(%x: !fx.tensor<[4, 4], f32>, %y0: !fx.tensor<[4, 4], f32>, %y1: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %cx = fx.call "aten::clone"(self = %x) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c0 = fx.call "aten::clone"(self = %y0) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c1 = fx.call "aten::clone"(self = %y1) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_list_"(x = %cx, "ys[0]" = %c0, "ys[1]" = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %s = fx.call "aten::add.Tensor"(self = %c0, other = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w0 = fx.call "aten::copy_"(self = %x, src = %cx) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w1 = fx.call "aten::copy_"(self = %y0, src = %c0) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w2 = fx.call "aten::copy_"(self = %y1, src = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %s : !fx.tensor<[4, 4], f32>
}

// Two list elements that are overlapping views of one fresh base (rows
// 0..4 and 2..6): the op gets overlapping views whether it writes the
// clone or the base, so both bases are written in place.
func.func @overlapping_elements(%a: !fx.tensor<[8, 4], f32>, %b: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %m = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %n = fx.call "aten::mul.Tensor"(self = %b, other = %b) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %cn = fx.call "aten::clone"(self = %n) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %m) attributes {fx.functionalized} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %v0 = fx.slice %c, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %v1 = fx.slice %c, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_list_"(x = %cn, "ys[0]" = %v0, "ys[1]" = %v1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %r = fx.slice_scatter %c, %cn, dim = 0, start = 4, end = 8, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}

// A callee writes a list element into its argument with a copy_
// epilogue, and the caller reads its tensor after the call: the clone of
// that argument goes, the clones of the argument not written back stay.
func.func @list_read_after(%t0: !fx.tensor<[4, 4], f32>, %u0: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %t = fx.call "aten::clone"(self = %t0) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %r = func.call @list_callee(%t, %u0) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %k = fx.call "aten::sub.Tensor"(self = %r, other = %t) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k, %t : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

func.func @list_callee(%a: !fx.tensor<[4, 4], f32>, %u: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %cu = fx.call "aten::clone"(self = %u) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %ca = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %cu2 = fx.call "aten::clone"(self = %u) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_list_"(x = %cu, "ys[0]" = %ca, "ys[1]" = %cu2) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %w = fx.call "aten::copy_"(self = %a, src = %ca) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.call "aten::add.Tensor"(self = %cu2, other = %cu) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %s : !fx.tensor<[4, 4], f32>
}
