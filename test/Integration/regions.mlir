// The region-model bug classes (F1-F4 of the adversarial review and their
// variants), JIT-run in every pass order fx-run --check-passes knows: the
// results and argument buffers must be bit-identical to the run without
// the passes.  Each function is one case; see test/Passes/*/regions.mlir
// and copying-reshape.mlir for what the passes decide on them.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=write_between_reshapes  --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=write_between_reshapes_functional  --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=strided_write_offset_scatter  --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=strided_write_offset_scatter_arg  --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=dce_strided_offset_scatter  --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=symbolic_negative_start --sym=s0=6 --sym=s1=4 --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK-NOT: MISMATCH
// CHECK: out0: bit-identical
// CHECK-NOT: MISMATCH
// CHECK: arguments: bit-identical

func.func @write_between_reshapes(%A: !fx.tensor<[4, 8], f32>, %X: !fx.tensor<[16], f32>, %W: !fx.tensor<[16], f32>) -> (!fx.tensor<[4, 4], f32>) {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  fx.call "_C::rms_norm"(result = %y, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>) -> ()
  %z = fx.reshape %y, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

func.func @write_between_reshapes_functional(%A: !fx.tensor<[4, 8], f32> {fx.donated}, %X: !fx.tensor<[16], f32>, %W: !fx.tensor<[16], f32>) -> (!fx.tensor<[4, 4], f32>) {
  %x = fx.slice %A, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %y, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[16], f32>, !fx.tensor<[16], f32>, !fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  %z = fx.reshape %n, shape = [4, 4] : !fx.tensor<[16], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

func.func @strided_write_offset_scatter(%R: !fx.tensor<[8, 4], f32> {fx.donated}, %X: !fx.tensor<[4, 4], f32>, %W: !fx.tensor<[4], f32>, %Y: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32>) {
  %m = fx.slice %R, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %b = fx.slice %R, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %Y, dim = 0, start = 0, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %n, %s : !fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32>
}

func.func @strided_write_offset_scatter_arg(%R: !fx.tensor<[8, 4], f32>, %X: !fx.tensor<[4, 4], f32>, %W: !fx.tensor<[4], f32>, %Y: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32>) {
  %m = fx.slice %R, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %b = fx.slice %R, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %Y, dim = 0, start = 0, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %n, %s : !fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32>
}

func.func @dce_strided_offset_scatter(%A: !fx.tensor<[8, 4], f32>, %X: !fx.tensor<[4, 4], f32>, %W: !fx.tensor<[4], f32>, %Y: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[7, 4], f32>) {
  %R = fx.call "aten::clone"(self = %A) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %R, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "_C::rms_norm"(result = %m, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %b = fx.slice %R, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %Y, dim = 0, start = 0, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %s : !fx.tensor<[7, 4], f32>
}

func.func @symbolic_negative_start(%R: !fx.tensor<["s0", 4], f32> {fx.donated}, %n1: !fx.sym<"s1">, %X: !fx.tensor<[2, 4], f32>, %W: !fx.tensor<[4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %y = fx.slice %R, dim = 0, start = 2, end = 10, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %z = fx.slice %y, dim = 0, start = -2, end = 9223372036854775807, step = 1 : !fx.tensor<["s1", 4], f32> -> !fx.tensor<[2, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %z, input = %X, weight = %W) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[2, 4], f32>
  %r = fx.slice %R, dim = 0, start = 0, end = 6, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[6, 4], f32>
  %c = fx.call "aten::clone"(self = %r) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %n, %c : !fx.tensor<[2, 4], f32>, !fx.tensor<[6, 4], f32>
}
