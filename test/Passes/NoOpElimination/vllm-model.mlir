// vLLM's tests/compile/passes/test_noop_elimination.py model in fx IR:
//   x += pos_embed[:x.shape[0]]; y = x.reshape(-1, 128, 32);
//   z = y.reshape(-1, 4096); a = z.reshape(-1, 4096);
//   b = a.reshape(-1, 128, 32); c = slice(b, 0, 0, b.shape[0]);
//   d = slice_scatter(ones_like(c), c, 0, 0, c.shape[0]); return d
// Expected after the pass: 1 reshape, 1 slice (pos_embed's, to s0 rows of a
// 256-row buffer: kept even when s0 happens to be 256), 0 slice_scatter.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | grep -c 'fx.reshape %' | FileCheck %s --check-prefix=ONE
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | grep -c 'fx.slice %' | FileCheck %s --check-prefix=ONE
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | not grep 'fx.slice_scatter'
// ONE: {{^}}1{{$}}

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[POS:[^:]*]]: !fx.tensor<[256, 4096], f16>)
// CHECK: %[[PE:.*]] = fx.slice %[[POS]],
// CHECK: %[[X1:.*]] = fx.call "aten::add.Tensor"(self = %[[X]], other = %[[PE]])
// CHECK: %[[B:.*]] = fx.reshape %[[X1]], shape = [-1, 128, 32]
// CHECK: return %[[B]]
func.func @model(%x: !fx.tensor<["s0", 4096], f16>, %pos_embed: !fx.tensor<[256, 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %pe = fx.slice %pos_embed, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<[256, 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %x1 = fx.call "aten::add.Tensor"(self = %x, other = %pe)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %y = fx.reshape %x1, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %z = fx.reshape %y, shape = [-1, 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %a = fx.reshape %z, shape = [-1, 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %b = fx.reshape %a, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %c = fx.slice %b, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %ones = fx.call "aten::empty_like"(self = %c)
      : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  %d = fx.slice_scatter %ones, %c, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 128, 32], f16>, !fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  return %d : !fx.tensor<["s0", 128, 32], f16>
}
