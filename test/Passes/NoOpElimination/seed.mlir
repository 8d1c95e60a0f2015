// The three example graphs of vLLM's NoOpEliminationPass (see
// shared/reference/seed-noop_elimination.txt), in fx IR.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s
// Same output through stock mlir-opt with the plugin:
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' > %t.fx
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' > %t.plugin
// RUN: diff %t.fx %t.plugin
// Running it twice changes nothing the second time:
// RUN: fx-opt %t.fx --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' > %t.twice
// RUN: diff %t.fx %t.twice

// Example 1: a reshape chain is the last reshape of the chain's first input.
// CHECK-LABEL: func.func @reshape_chain
// CHECK: %[[MUL:.*]] = fx.call
// CHECK-NOT: fx.reshape
// CHECK: %[[R:.*]] = fx.reshape %[[MUL]], shape = [-1, 128, 32]
// CHECK-NOT: fx.reshape
// CHECK: return %[[R]]
func.func @reshape_chain(%a: !fx.tensor<["s0", 4096], f16>, %b: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %mul_1 = fx.call "aten::mul.Tensor"(self = %a, other = %b)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %view_1 = fx.reshape %mul_1, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %view_2 = fx.reshape %view_1, shape = [-1, 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  %view_3 = fx.reshape %view_2, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  return %view_3 : !fx.tensor<["s0", 128, 32], f16>
}

// Example 2: an identity reshape feeding static_scaled_fp8_quant.
// CHECK-LABEL: func.func @identity_reshape
// CHECK-SAME: (%[[X:[^:]*]]: !fx.tensor
// CHECK-NOT: fx.reshape
// CHECK: fx.auto_functionalized "_C::static_scaled_fp8_quant"
// CHECK-SAME: (result = %{{[^,]*}}, input = %[[X]], scale = %{{[^)]*}})
func.func @identity_reshape(%getitem_1: !fx.tensor<["s0", 4096], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN> {
  %view_1 = fx.reshape %getitem_1, shape = [-1, 4096] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %buf = fx.call "aten::empty_like"(self = %getitem_1)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %at = fx.auto_functionalized "_C::static_scaled_fp8_quant"(result = %buf, input = %view_1, scale = %scale)
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  return %at : !fx.tensor<["s0", 4096], f8E4M3FN>
}

// Example 3: an identity slice and a full-cover slice_scatter around
// fused_add_rms_norm.  (The seed slices dim -1 to `arg0`; rows are meant.)
// CHECK-LABEL: func.func @slice_and_scatter
// CHECK: %[[MM:.*]] = fx.call
// CHECK-NOT: fx.slice %
// CHECK: %[[AT:.*]]:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %[[MM]],
// CHECK-NOT: fx.slice_scatter
// CHECK: return %[[AT]]#0
func.func @slice_and_scatter(%arg0: !fx.sym<"s0">, %a: !fx.tensor<["s0", 4096], f16>, %wmm: !fx.tensor<[4096, 4096], f16>, %residual: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %scaled_mm = fx.call "aten::mm"(self = %a, mat2 = %wmm)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %slice_1 = fx.slice %scaled_mm, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %at:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %slice_1, residual = %residual, weight = %w)
      {epsilon = 1.0e-05 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %out = fx.slice_scatter %scaled_mm, %at#0, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %out : !fx.tensor<["s0", 4096], f16>
}
