// vLLM's tests/compile/passes/test_functionalization.py models in fx IR.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

fx.schema "vllm::function_with_mutated_args_and_return" = "function_with_mutated_args_and_return(Tensor! x) -> Tensor"

// TestSiluMul: y = silu_and_mul(x).
// CHECK-LABEL: func.func @silu_mul
// CHECK-NOT: fx.auto_functionalized
// CHECK: fx.call "_C::silu_and_mul"
func.func @silu_mul(%x: !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::empty"()
      {size = ["s0", 4096], dtype = f16} : () -> !fx.tensor<["s0", 4096], f16>
  %0 = fx.auto_functionalized "_C::silu_and_mul"(result = %buf, input = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// TestFusedAddRMSNorm: the residual stream is the model's (donated).
// CHECK-LABEL: func.func @fused_add_rms_norm
// CHECK-SAME: %[[RES:[^:]*]]: !fx.tensor<["s0", 4096], f16> {fx.donated}
// CHECK: %[[MM:.*]] = fx.call "aten::mm"
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm"(input = %[[MM]], residual = %[[RES]], weight = %{{[^)]*}})
// CHECK-NEXT: return %[[MM]], %[[RES]]
func.func @fused_add_rms_norm(%h: !fx.tensor<["s0", 4096], f16>, %residual: !fx.tensor<["s0", 4096], f16> {fx.donated}, %wmm: !fx.tensor<[4096, 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %mm = fx.call "aten::mm"(self = %h, mat2 = %wmm)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %mm, residual = %residual, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// TestRotaryEmbedding with q and k as (donated) graph inputs.
// CHECK-LABEL: func.func @rotary_embedding_args
// CHECK-SAME: (%[[POS:[^:]*]]: {{.*}}, %[[Q:[^:]*]]: {{.*}}, %[[K:[^:]*]]: {{.*}}, %[[C:[^:]*]]:
// CHECK-NEXT: fx.call "_C::rotary_embedding"(positions = %[[POS]], query = %[[Q]], key = %[[K]], cos_sin_cache = %[[C]])
// CHECK-NEXT: return %[[Q]], %[[K]]
func.func @rotary_embedding_args(%positions: !fx.tensor<["s0"], i64>, %q: !fx.tensor<["s0", 4096], f16> {fx.donated}, %k: !fx.tensor<["s0", 1024], f16> {fx.donated}, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>) {
  %0:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, key = %k, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>
}

// TestRotaryEmbeddingSliceScatter: q, k, v = qkv.split(...); rotary on q, k;
// the functional graph scatters them back.  No slice_scatter is left and
// every read of q/k/v comes from the qkv buffer.
// CHECK-LABEL: func.func @rotary_embedding_slice_scatter
// CHECK: %[[QKV:.*]] = fx.call "aten::mm"
// CHECK: %[[Q:.*]] = fx.slice %[[QKV]], dim = 1, start = 0, end = 4096,
// CHECK: %[[K:.*]] = fx.slice %[[QKV]], dim = 1, start = 4096, end = 5120,
// CHECK: fx.call "_C::rotary_embedding"(positions = %{{[^,]*}}, query = %[[Q]], key = %[[K]], cos_sin_cache = %{{[^)]*}})
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: fx.auto_functionalized
// CHECK-NOT: aten::clone
// CHECK: %[[Q2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 4096
// CHECK: %[[K2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 5120
// CHECK: %[[V2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 6144
// CHECK: return %[[Q2]], %[[K2]], %[[V2]]
func.func @rotary_embedding_slice_scatter(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>) {
  %qkv = fx.call "aten::mm"(self = %h, mat2 = %wqkv)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %k = fx.slice %qkv, dim = 1, start = 4096, end = 5120, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  %rot:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, key = %k, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  %qkv1 = fx.slice_scatter %qkv, %rot#0, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  %qkv2 = fx.slice_scatter %qkv1, %rot#1, dim = 1, start = 4096, end = 5120, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q2 = fx.slice %qkv2, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %k2 = fx.slice %qkv2, dim = 1, start = 4096, end = 5120, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  %v2 = fx.slice %qkv2, dim = 1, start = 5120, end = 6144, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  return %q2, %k2, %v2 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>
}

// TestFunctionWithMutatedArgsAndReturn: the op's own return becomes the
// call's result, the mutated argument's new value is the argument.
// CHECK-LABEL: func.func @function_with_mutated_args_and_return
// CHECK: %[[X:.*]] = fx.call "aten::cos"
// CHECK-NEXT: %[[RET:.*]] = fx.call "vllm::function_with_mutated_args_and_return"(x = %[[X]])
// CHECK-SAME: -> !fx.tensor
// CHECK-NEXT: return %[[RET]], %[[X]]
func.func @function_with_mutated_args_and_return(%a: !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %x = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "vllm::function_with_mutated_args_and_return"(x = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}
