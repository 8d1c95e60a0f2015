// A slice with step = 2^63-1 selects one element, as in torch (the
// verifier's length formula once overflowed and rejected it): run, it
// gives the same bytes as the plain one-row slice, on a static and on a
// symbolic dim, with and without the fx passes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=huge_step --seed=5 --check-passes -O0 --output-dir=%t | FileCheck %s
// RUN: cmp %t/out0.npy %t/out1.npy
// RUN: fx-run %s --entry=huge_step_symbolic --sym=s0=5 --seed=5 --check-passes -O0 --output-dir=%t | FileCheck %s
// RUN: cmp %t/out0.npy %t/out1.npy
// CHECK: out0: bit-identical
// CHECK: out1: bit-identical

func.func @huge_step(%x: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[1, 4], f32>, !fx.tensor<[1, 4], f32>) {
  %s = fx.slice %x, dim = 0, start = 0, end = 8, step = 9223372036854775807 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[1, 4], f32>
  %a = fx.call "aten::clone"(self = %s) : (!fx.tensor<[1, 4], f32>) -> !fx.tensor<[1, 4], f32>
  %t = fx.slice %x, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[1, 4], f32>
  %b = fx.call "aten::clone"(self = %t) : (!fx.tensor<[1, 4], f32>) -> !fx.tensor<[1, 4], f32>
  return %a, %b : !fx.tensor<[1, 4], f32>, !fx.tensor<[1, 4], f32>
}

// The last column from start = -1: a huge step from there still selects it.
func.func @huge_step_symbolic(%x: !fx.tensor<["s0", 4], f32>) -> (!fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 1], f32>) {
  %s = fx.slice %x, dim = 1, start = -1, end = 9223372036854775807, step = 9223372036854775807 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0", 1], f32>
  %a = fx.call "aten::clone"(self = %s) : (!fx.tensor<["s0", 1], f32>) -> !fx.tensor<["s0", 1], f32>
  %t = fx.slice %x, dim = 1, start = 3, end = 4, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0", 1], f32>
  %b = fx.call "aten::clone"(self = %t) : (!fx.tensor<["s0", 1], f32>) -> !fx.tensor<["s0", 1], f32>
  return %a, %b : !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 1], f32>
}
