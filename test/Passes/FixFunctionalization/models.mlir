// vLLM's tests/compile/passes/test_functionalization.py models in fx IR.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

"fx.schema"() {name = "vllm::function_with_mutated_args_and_return", signature = "function_with_mutated_args_and_return(Tensor! x) -> Tensor"} : () -> ()

// TestSiluMul: y = silu_and_mul(x).
// CHECK-LABEL: func.func @silu_mul
// CHECK-NOT: fx.auto_functionalized
// CHECK: target = "_C::silu_and_mul"
func.func @silu_mul(%x: !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 4096], dtype = f16}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : () -> !fx.tensor<["s0", 4096], f16>
  %0 = "fx.auto_functionalized"(%buf, %x) {target = "_C::silu_and_mul", arg_names = ["result", "input"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// TestFusedAddRMSNorm: the residual stream is the model's (donated).
// CHECK-LABEL: func.func @fused_add_rms_norm
// CHECK-SAME: %[[RES:[^:]*]]: !fx.tensor<["s0", 4096], f16> {fx.donated}
// CHECK: %[[MM:.*]] = "fx.call"{{.*}}target = "aten::mm"
// CHECK-NEXT: "fx.call"(%[[MM]], %[[RES]], %{{[^)]*}}) {{.*}}target = "_C::fused_add_rms_norm"
// CHECK-NEXT: return %[[MM]], %[[RES]]
func.func @fused_add_rms_norm(%h: !fx.tensor<["s0", 4096], f16>, %residual: !fx.tensor<["s0", 4096], f16> {fx.donated}, %wmm: !fx.tensor<[4096, 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %mm = "fx.call"(%h, %wmm) {target = "aten::mm", arg_names = ["self", "mat2"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%mm, %residual, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// TestRotaryEmbedding with q and k as (donated) graph inputs.
// CHECK-LABEL: func.func @rotary_embedding_args
// CHECK-SAME: (%[[POS:[^:]*]]: {{.*}}, %[[Q:[^:]*]]: {{.*}}, %[[K:[^:]*]]: {{.*}}, %[[C:[^:]*]]:
// CHECK-NEXT: "fx.call"(%[[POS]], %[[Q]], %[[K]], %[[C]]) {{.*}}target = "_C::rotary_embedding"
// CHECK-NEXT: return %[[Q]], %[[K]]
func.func @rotary_embedding_args(%positions: !fx.tensor<["s0"], i64>, %q: !fx.tensor<["s0", 4096], f16> {fx.donated}, %k: !fx.tensor<["s0", 1024], f16> {fx.donated}, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>) {
  %0:2 = "fx.auto_functionalized"(%positions, %q, %k, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "key", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>
}

// TestRotaryEmbeddingSliceScatter: q, k, v = qkv.split(...); rotary on q, k;
// the functional graph scatters them back.  No slice_scatter is left and
// every read of q/k/v comes from the qkv buffer.
// CHECK-LABEL: func.func @rotary_embedding_slice_scatter
// CHECK: %[[QKV:.*]] = "fx.call"{{.*}}target = "aten::mm"
// CHECK: %[[Q:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 4096 : i64, start = 0 : i64
// CHECK: %[[K:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 5120 : i64, start = 4096 : i64
// CHECK: "fx.call"(%{{[^,]*}}, %[[Q]], %[[K]], %{{[^)]*}}) {{.*}}target = "_C::rotary_embedding"
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: fx.auto_functionalized
// CHECK-NOT: aten::clone
// CHECK: %[[Q2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 4096
// CHECK: %[[K2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 5120
// CHECK: %[[V2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 6144
// CHECK: return %[[Q2]], %[[K2]], %[[V2]]
func.func @rotary_embedding_slice_scatter(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>) {
  %qkv = "fx.call"(%h, %wqkv) {target = "aten::mm", arg_names = ["self", "mat2"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %k = "fx.slice"(%qkv) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  %rot:2 = "fx.auto_functionalized"(%positions, %q, %k, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "key", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  %qkv1 = "fx.slice_scatter"(%qkv, %rot#0) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  %qkv2 = "fx.slice_scatter"(%qkv1, %rot#1) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %k2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  %v2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 5120 : i64, end = 6144 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  return %q2, %k2, %v2 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>
}

// TestFunctionWithMutatedArgsAndReturn: the op's own return becomes the
// call's result, the mutated argument's new value is the argument.
// CHECK-LABEL: func.func @function_with_mutated_args_and_return
// CHECK: %[[X:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: %[[RET:.*]] = "fx.call"(%[[X]]) {{.*}}target = "vllm::function_with_mutated_args_and_return"
// CHECK-SAME: -> !fx.tensor
// CHECK-NEXT: return %[[RET]], %[[X]]
func.func @function_with_mutated_args_and_return(%a: !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %x = "fx.call"(%a) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%x) {target = "vllm::function_with_mutated_args_and_return", arg_names = ["x"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}
