// vllm::unified_attention_with_output through fx-run with the reference
// library (kernels/refops, --shared-lib=libfx_vllm_refops.so), as a vLLM
// graph calls it: q, k, v column slices of one fused qkv buffer viewed as
// heads (GQA: 4 query heads, 2 kv heads), the output a view of an
// empty_like, the optional quantization operands left out (null pointers).
// Run with and without the fx passes, in f16 and bf16, and compared with
// causal attention computed in pure Python (attention_check.py).
// RUN: rm -rf %t && mkdir -p %t/in %t/f16 %t/bf16
// RUN: %python %S/Inputs/attention_check.py gen %t/in
// RUN: fx-run %s --entry=f16 --input=0=%t/in/qkv_f16.npy --check-passes --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t/f16 | FileCheck %s
// RUN: fx-run %s --entry=bf16 --input=0=%t/in/qkv_bf16.npy --check-passes --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t/bf16 | FileCheck %s
// CHECK: with fx passes: {{.*}}, 0 copies (0 bytes)
// CHECK: check-passes: 5 orders against none
// CHECK: out0: bit-identical
// RUN: %python %S/Inputs/attention_check.py check %t | FileCheck %s --check-prefix=VALUES
// VALUES: f16: matches causal attention (224 elements
// VALUES: bf16: matches causal attention (224 elements
// VALUES-NOT: MISMATCH

// The refusals reach fx-run's error path: exit 1, the message, no output.
// RUN: not fx-run %s --entry=negative_output_scale --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SCALE
// SCALE: fx-run: error: {{.*}}attention.mlir:{{[0-9]+}}:{{[0-9]+}}: fxrt_vllm__unified_attention_with_output: 'output_scale' is given; the reference computes unquantized outputs only (pass None)
// RUN: not fx-run %s --entry=negative_rank --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: fx-run: error: {{.*}}: fxrt_vllm__unified_attention_with_output: 'query' has rank 2, expected 3
// RUN: not fx-run %s --entry=negative_heads --shared-lib=%fx_lib/libfx_vllm_refops.so --output-dir=%t 2>&1 | FileCheck %s --check-prefix=HEADS
// HEADS: fx-run: error: {{.*}}: fxrt_vllm__unified_attention_with_output: query has 4 heads and key 3: grouped-query attention needs a positive multiple

func.func @f16(%qkv: !fx.tensor<[7, 64], f16>) -> !fx.tensor<[7, 32], f16> {
  %q = fx.slice %qkv, dim = 1, start = 0, end = 32, step = 1 : !fx.tensor<[7, 64], f16> -> !fx.tensor<[7, 32], f16>
  %k = fx.slice %qkv, dim = 1, start = 32, end = 48, step = 1 : !fx.tensor<[7, 64], f16> -> !fx.tensor<[7, 16], f16>
  %v = fx.slice %qkv, dim = 1, start = 48, end = 64, step = 1 : !fx.tensor<[7, 64], f16> -> !fx.tensor<[7, 16], f16>
  %qh = fx.view %q, shape = [-1, 4, 8] : !fx.tensor<[7, 32], f16> -> !fx.tensor<[7, 4, 8], f16>
  %kh = fx.view %k, shape = [-1, 2, 8] : !fx.tensor<[7, 16], f16> -> !fx.tensor<[7, 2, 8], f16>
  %vh = fx.view %v, shape = [-1, 2, 8] : !fx.tensor<[7, 16], f16> -> !fx.tensor<[7, 2, 8], f16>
  %e = fx.call "aten::empty_like"(self = %q) : (!fx.tensor<[7, 32], f16>) -> !fx.tensor<[7, 32], f16>
  %oh = fx.view %e, shape = [-1, 4, 8] : !fx.tensor<[7, 32], f16> -> !fx.tensor<[7, 4, 8], f16>
  %a = fx.auto_functionalized "vllm::unified_attention_with_output"(query = %qh, key = %kh, value = %vh, output = %oh) {layer_name = "model.layers.0.self_attn.attn"} : (!fx.tensor<[7, 4, 8], f16>, !fx.tensor<[7, 2, 8], f16>, !fx.tensor<[7, 2, 8], f16>, !fx.tensor<[7, 4, 8], f16>) -> !fx.tensor<[7, 4, 8], f16>
  %o = fx.view %a, shape = [7, 32] : !fx.tensor<[7, 4, 8], f16> -> !fx.tensor<[7, 32], f16>
  return %o : !fx.tensor<[7, 32], f16>
}

func.func @bf16(%qkv: !fx.tensor<[7, 64], bf16>) -> !fx.tensor<[7, 32], bf16> {
  %q = fx.slice %qkv, dim = 1, start = 0, end = 32, step = 1 : !fx.tensor<[7, 64], bf16> -> !fx.tensor<[7, 32], bf16>
  %k = fx.slice %qkv, dim = 1, start = 32, end = 48, step = 1 : !fx.tensor<[7, 64], bf16> -> !fx.tensor<[7, 16], bf16>
  %v = fx.slice %qkv, dim = 1, start = 48, end = 64, step = 1 : !fx.tensor<[7, 64], bf16> -> !fx.tensor<[7, 16], bf16>
  %qh = fx.view %q, shape = [-1, 4, 8] : !fx.tensor<[7, 32], bf16> -> !fx.tensor<[7, 4, 8], bf16>
  %kh = fx.view %k, shape = [-1, 2, 8] : !fx.tensor<[7, 16], bf16> -> !fx.tensor<[7, 2, 8], bf16>
  %vh = fx.view %v, shape = [-1, 2, 8] : !fx.tensor<[7, 16], bf16> -> !fx.tensor<[7, 2, 8], bf16>
  %e = fx.call "aten::empty_like"(self = %q) : (!fx.tensor<[7, 32], bf16>) -> !fx.tensor<[7, 32], bf16>
  %oh = fx.view %e, shape = [-1, 4, 8] : !fx.tensor<[7, 32], bf16> -> !fx.tensor<[7, 4, 8], bf16>
  %a = fx.auto_functionalized "vllm::unified_attention_with_output"(query = %qh, key = %kh, value = %vh, output = %oh) {layer_name = "model.layers.0.self_attn.attn"} : (!fx.tensor<[7, 4, 8], bf16>, !fx.tensor<[7, 2, 8], bf16>, !fx.tensor<[7, 2, 8], bf16>, !fx.tensor<[7, 4, 8], bf16>) -> !fx.tensor<[7, 4, 8], bf16>
  %o = fx.view %a, shape = [7, 32] : !fx.tensor<[7, 4, 8], bf16> -> !fx.tensor<[7, 32], bf16>
  return %o : !fx.tensor<[7, 32], bf16>
}

func.func @negative_output_scale(%q: !fx.tensor<[7, 4, 8], f16>, %k: !fx.tensor<[7, 2, 8], f16>, %v: !fx.tensor<[7, 2, 8], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<[7, 4, 8], f16> {
  %e = fx.call "aten::empty_like"(self = %q) : (!fx.tensor<[7, 4, 8], f16>) -> !fx.tensor<[7, 4, 8], f16>
  fx.call "vllm::unified_attention_with_output"(query = %q, key = %k, value = %v, output = %e, output_scale = %scale) {layer_name = "l"} : (!fx.tensor<[7, 4, 8], f16>, !fx.tensor<[7, 2, 8], f16>, !fx.tensor<[7, 2, 8], f16>, !fx.tensor<[7, 4, 8], f16>, !fx.tensor<[1], f32>) -> ()
  return %e : !fx.tensor<[7, 4, 8], f16>
}

func.func @negative_rank(%q: !fx.tensor<[7, 32], f16>, %k: !fx.tensor<[7, 16], f16>, %v: !fx.tensor<[7, 16], f16>) -> !fx.tensor<[7, 32], f16> {
  %e = fx.call "aten::empty_like"(self = %q) : (!fx.tensor<[7, 32], f16>) -> !fx.tensor<[7, 32], f16>
  fx.call "vllm::unified_attention_with_output"(query = %q, key = %k, value = %v, output = %e) {layer_name = "l"} : (!fx.tensor<[7, 32], f16>, !fx.tensor<[7, 16], f16>, !fx.tensor<[7, 16], f16>, !fx.tensor<[7, 32], f16>) -> ()
  return %e : !fx.tensor<[7, 32], f16>
}

func.func @negative_heads(%q: !fx.tensor<[7, 4, 8], f16>, %k: !fx.tensor<[7, 3, 8], f16>, %v: !fx.tensor<[7, 3, 8], f16>) -> !fx.tensor<[7, 4, 8], f16> {
  %e = fx.call "aten::empty_like"(self = %q) : (!fx.tensor<[7, 4, 8], f16>) -> !fx.tensor<[7, 4, 8], f16>
  fx.call "vllm::unified_attention_with_output"(query = %q, key = %k, value = %v, output = %e) {layer_name = "l"} : (!fx.tensor<[7, 4, 8], f16>, !fx.tensor<[7, 3, 8], f16>, !fx.tensor<[7, 3, 8], f16>, !fx.tensor<[7, 4, 8], f16>) -> ()
  return %e : !fx.tensor<[7, 4, 8], f16>
}
