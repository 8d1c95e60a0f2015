// A slice_scatter into the written buffer hides what it overwrites only
// where it surely covers the written rows: rows [0, s1) cover rows [0, 4)
// only when s1 >= 4, so the scatter's result may still show old rows, and
// the operand is cloned.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: fx-run %s --entry=negative_scatter_may_not_cover --sym=s0=8 --sym=s1=2 -O0 --check-passes | FileCheck %s --check-prefix=EXEC
// EXEC: out0: bit-identical
// EXEC: out1: bit-identical

// CHECK-LABEL: func.func @negative_scatter_may_not_cover
// CHECK: %[[M:.*]] = fx.slice
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[M]])
// CHECK: fx.call "_C::rms_norm"(result = %[[C]],
func.func @negative_scatter_may_not_cover(%a: !fx.tensor<["s0", 4], f32>, %src: !fx.tensor<["s1", 4], f32>, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<["s0", 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %m = fx.slice %b, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'result': it may be read after the call at loc("partial") (a scatter whose region is compared symbolically)}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %b, %src, dim = 0, start = 0, end = "s1", step = 1 : (!fx.tensor<["s0", 4], f32>, !fx.tensor<["s1", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> loc("partial")
  return %n, %r : !fx.tensor<[4, 4], f32>, !fx.tensor<["s0", 4], f32>
}
