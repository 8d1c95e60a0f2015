// auto_functionalized_v2 in the form fx-import gives it (a clone of each
// base marked fx.functionalized, the op in place on views of the clones):
// with the passes each base is written in place where v1's rules allow, and
// every pass order gives the bits of the run without passes -- outputs and
// the caller's arguments.  mylib::mix_ (Inputs/userops.c) makes the result
// depend on which views share storage.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=two_bases --sym=s0=5 --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=TWO
// TWO: check-passes: 5 orders against none
// TWO: out0: bit-identical
// TWO: arguments: bit-identical after the run (2 compared, 2 of them written by the graph
// TWO: copies avoided: 4 (80 bytes)
// RUN: fx-run %s --entry=overlapping_views --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=OVERLAP
// OVERLAP: out0: bit-identical
// OVERLAP: copies avoided: 1 (144 bytes)
// RUN: fx-run %s --entry=views_returned --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=KEPT
// KEPT: out0: bit-identical
// KEPT: out1: bit-identical
// KEPT: arguments: bit-identical after the run
// KEPT: copies avoided: 0
// RUN: fx-run %s --entry=overlapping_bases --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=BASES
// BASES: out0: bit-identical
// BASES: copies avoided: 3 (256 bytes)
// RUN: fx-run %s --entry=base_written_between --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=BETWEEN
// BETWEEN: out0: bit-identical
// BETWEEN: arguments: bit-identical after the run
// Why views returned after the epilogue keep the clone (Inductor drops it):
// a caller may write its tensor after the call and still read the
// results, which in place would be views of that tensor.  The callee is
// defined after its caller, so --check-passes runs it with the passes.
// RUN: fx-run %s --entry=caller_writes_after --seed=3 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=CALLER
// CALLER: out0: bit-identical

fx.schema "mylib::mix_" = "mix_(Tensor(a!) x, Tensor(b!) y) -> ()"

// Two argument bases written back by copy_ epilogues.
func.func @two_bases(%a: !fx.tensor<[1, "s0"], f32>, %b: !fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32> {
  %cb = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32>
  %ca = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32>
  fx.call "mylib::mix_"(x = %cb, y = %ca) : (!fx.tensor<[1, "s0"], f32>, !fx.tensor<[1, "s0"], f32>) -> ()
  %s = fx.call "aten::add.Tensor"(self = %cb, other = %ca) : (!fx.tensor<[1, "s0"], f32>, !fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32>
  %w1 = fx.call "aten::copy_"(self = %a, src = %ca) : (!fx.tensor<[1, "s0"], f32>, !fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32>
  %w2 = fx.call "aten::copy_"(self = %b, src = %cb) : (!fx.tensor<[1, "s0"], f32>, !fx.tensor<[1, "s0"], f32>) -> !fx.tensor<[1, "s0"], f32>
  return %s : !fx.tensor<[1, "s0"], f32>
}

// Rows 0..2 and column 3 of one fresh base: they overlap in two elements.
func.func @overlapping_views(%a: !fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32> {
  %m = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[6, 6], f32>, !fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %c = fx.call "aten::clone"(self = %m) attributes {fx.functionalized} : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[6, 1], f32>
  fx.call "mylib::mix_"(x = %x, y = %y) : (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>) -> ()
  return %c : !fx.tensor<[6, 6], f32>
}

// torch's test_slice: views of the written-back argument returned; the
// clone stays (results never alias an argument in fxir).
func.func @views_returned(%a: !fx.tensor<[6, 6], f32>) -> (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>) {
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[6, 1], f32>
  fx.call "mylib::mix_"(x = %x, y = %y) : (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>) -> ()
  %w = fx.call "aten::copy_"(self = %a, src = %c) : (!fx.tensor<[6, 6], f32>, !fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %r0 = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  %r1 = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[6, 1], f32>
  return %r0, %r1 : !fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>
}

// Two bases that overlap (rows 0..4 and 2..6 of one buffer): one in place,
// the other cloned (rule b); the scatter-backs write both into the buffer.
func.func @overlapping_bases(%arg: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %a = fx.call "aten::mul.Tensor"(self = %arg, other = %arg) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %b0 = fx.slice %a, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %b1 = fx.slice %a, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %c0 = fx.call "aten::clone"(self = %b0) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c1 = fx.call "aten::clone"(self = %b1) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_"(x = %c0, y = %c1) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %s0 = fx.slice_scatter %a, %c0, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s1 = fx.slice_scatter %s0, %c1, dim = 0, start = 2, end = 6, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %s1 : !fx.tensor<[8, 4], f32>
}

// The base is overwritten between its clone and the call: the clone keeps
// the old contents, and the op must see them.
func.func @base_written_between(%a: !fx.tensor<[4, 4], f32> {fx.donated}, %b: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %m = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %m) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %w = fx.call "aten::copy_"(self = %m, src = %b) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  fx.call "mylib::mix_"(x = %x, y = %b) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  return %c : !fx.tensor<[4, 4], f32>
}

func.func @caller_writes_after(%t0: !fx.tensor<[6, 6], f32>, %u0: !fx.tensor<[6, 6], f32>) -> (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 6], f32>) {
  %t = fx.call "aten::clone"(self = %t0) : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %u = fx.call "aten::clone"(self = %u0) : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %r = func.call @views_returned_callee(%t) : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[2, 6], f32>
  %k = fx.call "aten::clone"(self = %r) : (!fx.tensor<[2, 6], f32>) -> !fx.tensor<[2, 6], f32>
  %tx = fx.slice %t, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  %uy = fx.slice %u, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[6, 1], f32>
  fx.call "mylib::mix_"(x = %tx, y = %uy) : (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>) -> ()
  %k2 = fx.call "aten::clone"(self = %r) : (!fx.tensor<[2, 6], f32>) -> !fx.tensor<[2, 6], f32>
  %d = fx.call "aten::sub.Tensor"(self = %k2, other = %k) : (!fx.tensor<[2, 6], f32>, !fx.tensor<[2, 6], f32>) -> !fx.tensor<[2, 6], f32>
  return %d, %u : !fx.tensor<[2, 6], f32>, !fx.tensor<[6, 6], f32>
}

func.func @views_returned_callee(%a: !fx.tensor<[6, 6], f32>) -> !fx.tensor<[2, 6], f32> {
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  %y = fx.slice %c, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[6, 1], f32>
  fx.call "mylib::mix_"(x = %x, y = %y) : (!fx.tensor<[2, 6], f32>, !fx.tensor<[6, 1], f32>) -> ()
  %w = fx.call "aten::copy_"(self = %a, src = %c) : (!fx.tensor<[6, 6], f32>, !fx.tensor<[6, 6], f32>) -> !fx.tensor<[6, 6], f32>
  %r0 = fx.slice %c, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[6, 6], f32> -> !fx.tensor<[2, 6], f32>
  return %r0 : !fx.tensor<[2, 6], f32>
}
