// fx-fix-functionalization is idempotent when a rewrite changes a layout
// it has already answered for (round 8): the clone for %n2 and the removed
// scatter-back %s1 leave %w a view of a contiguous clone, and the second
// scatter-back %s2 must be judged with that, in the same run -- a stale
// "not known contiguous" kept it, and a second run removed it.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.1 2> %t.remarks
// RUN: fx-opt %t.1 --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.2
// RUN: diff %t.1 %t.2
// RUN: FileCheck %s < %t.1
// CHECK-LABEL: func.func @stale_layout_after_scatter_back
// CHECK: aten::clone
// CHECK-NOT: fx.slice_scatter
// CHECK: return

fx.schema "test::scale_" = "scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"

func.func @stale_layout_after_scatter_back(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[32], f32>, !fx.tensor<[2, 16], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %sl = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s1 = fx.slice_scatter %b, %sl, dim = 1, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 8], f32>
  %w = fx.view %s1, shape = [2, 16] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 16], f32>
  %n2 = fx.auto_functionalized "test::scale_"(self = %w) {alpha = 2.0 : f64} : (!fx.tensor<[2, 16], f32>) -> !fx.tensor<[2, 16], f32>
  %t = fx.slice %w, dim = 1, start = 0, end = 8, step = 1 : !fx.tensor<[2, 16], f32> -> !fx.tensor<[2, 8], f32>
  %s2 = fx.slice_scatter %w, %t, dim = 1, start = 0, end = 8, step = 1 : (!fx.tensor<[2, 16], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 16], f32>
  %o = fx.view %s2, shape = [32] : !fx.tensor<[2, 16], f32> -> !fx.tensor<[32], f32>
  return %o, %n2 : !fx.tensor<[32], f32>, !fx.tensor<[2, 16], f32>
}
