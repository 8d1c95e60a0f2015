// --check-passes runs each order's callee, whatever the order of the
// functions in the file: a callee defined after its caller was renamed
// only after the caller had left the module, and the caller of every
// order ran the callee of the run without passes (a miscompile in a callee
// went unseen).  Here only the callee has a copy to avoid.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=caller --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s
// CHECK: check-passes: 5 orders against none, 2 distinct modules run
// CHECK: out0: bit-identical
// CHECK: copies avoided: 1 (64 bytes), allocations avoided: 1
// --pipeline takes the module's passes or a whole builtin.module(...)
// pipeline, as mlir-opt does (wrapped once more, it ran nothing).
// RUN: fx-run %s --entry=caller --seed=5 -O0 --pipeline='builtin.module(func.func(fx-fix-functionalization))' --check-passes --output-dir=%t | FileCheck %s --check-prefix=PIPELINE
// RUN: fx-run %s --entry=caller --seed=5 -O0 --pipeline='func.func(fx-fix-functionalization)' --check-passes --output-dir=%t | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: check-passes: 1 order against none, 2 distinct modules run
// PIPELINE: copies avoided: 1 (64 bytes)
// The variants' functions are renamed apart from every name of the module
// (@callee__fxrun_v1 clashed with the variant's @callee).
// RUN: fx-run %s --entry=clash --seed=5 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=CLASH
// CLASH: check-passes: 5 orders against none, 2 distinct modules run
// CLASH: out0: bit-identical
// CLASH: out1: bit-identical

func.func @caller(%x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %y = func.call @callee(%x, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return %y : !fx.tensor<[4, 4], f32>
}

func.func @callee(%x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32> {
  %buf = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n : !fx.tensor<[4, 4], f32>
}

func.func @clash(%x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %y = func.call @callee(%x, %w) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %z = func.call @callee__fxrun_v1(%x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %y, %z : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

func.func @callee__fxrun_v1(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %k = fx.call "aten::mul.Tensor"(self = %x, other = %x) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k : !fx.tensor<[4, 4], f32>
}
