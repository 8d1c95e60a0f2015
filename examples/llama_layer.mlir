// One LLaMA-style decoder layer as torch.compile hands it to vLLM: a
// functional post-grad graph.  Custom ops that write their arguments are
// wrapped in fx.auto_functionalized; rotary_embedding writes q and k, which
// the graph scatters back into the qkv buffer with slice_scatter.  The
// residual stream belongs to the compiled model (fx.donated): it may be
// updated in place.
//   hidden 4096, 32 q heads and 8 kv heads of 128, intermediate 11008.

// Attention is opaque to fxir: a user op declared with its schema.
"fx.schema"() {name = "vllm::unified_attention", signature = "unified_attention(Tensor query, Tensor key, Tensor value, str layer_name) -> Tensor"} : () -> ()

func.func @llama_layer(%hidden: !fx.tensor<["s0", 4096], f16>,
    %residual: !fx.tensor<["s0", 4096], f16> {fx.donated},
    %positions: !fx.tensor<["s0"], i64>, %cos_sin_cache: !fx.tensor<[4096, 128], f16>,
    %w_norm1: !fx.tensor<[4096], f16>, %w_qkv: !fx.tensor<[4096, 6144], f16>,
    %w_o: !fx.tensor<[4096, 4096], f16>, %w_norm2: !fx.tensor<[4096], f16>,
    %w_gate_up: !fx.tensor<[4096, 22016], f16>, %w_down: !fx.tensor<[11008, 4096], f16>)
    -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  // input_layernorm
  %buf1 = "fx.call"(%hidden) {target = "aten::empty_like",
      arg_names = ["self"], args = {},
      operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %norm1 = "fx.auto_functionalized"(%buf1, %hidden, %w_norm1) {target = "_C::rms_norm",
      arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-05 : f64},
      operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // qkv_proj, split into q/k/v (torch.split -> one slice per piece)
  %qkv = "fx.call"(%norm1, %w_qkv) {target = "aten::mm",
      arg_names = ["self", "mat2"], args = {},
      operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %k = "fx.slice"(%qkv) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  // rotary_embedding writes q and k; the functional graph scatters them back
  %rot:2 = "fx.auto_functionalized"(%positions, %q, %k, %cos_sin_cache) {target = "_C::rotary_embedding",
      arg_names = ["positions", "query", "key", "cos_sin_cache"], args = {head_size = 128, is_neox = true},
      operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  %qkv1 = "fx.slice_scatter"(%qkv, %rot#0) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  %qkv2 = "fx.slice_scatter"(%qkv1, %rot#1) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %k2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  %v2 = "fx.slice"(%qkv2) {dim = 1 : i64, start = 5120 : i64, end = 6144 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  // attention, o_proj
  %attn = "fx.call"(%q2, %k2, %v2) {target = "vllm::unified_attention",
      arg_names = ["query", "key", "value"], args = {layer_name = "model.layers.0.self_attn.attn"},
      operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 4096], f16>
  %o = "fx.call"(%attn, %w_o) {target = "aten::mm",
      arg_names = ["self", "mat2"], args = {},
      operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // post_attention_layernorm: residual add + RMSNorm, both in place in vLLM
  %norm2:2 = "fx.auto_functionalized"(%o, %residual, %w_norm2) {target = "_C::fused_add_rms_norm",
      arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-05 : f64},
      operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  // MLP: gate_up_proj, SiluAndMul, down_proj (with the reshapes of a linear)
  %gate_up = "fx.call"(%norm2#0, %w_gate_up) {target = "aten::mm",
      arg_names = ["self", "mat2"], args = {},
      operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 22016], f16>) -> !fx.tensor<["s0", 22016], f16>
  %buf2 = "fx.call"() {target = "aten::empty",
      arg_names = [], args = {size = ["s0", 11008], dtype = f16},
      operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : () -> !fx.tensor<["s0", 11008], f16>
  %act = "fx.auto_functionalized"(%buf2, %gate_up) {target = "_C::silu_and_mul",
      arg_names = ["result", "input"], args = {},
      operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 11008], f16>, !fx.tensor<["s0", 22016], f16>) -> !fx.tensor<["s0", 11008], f16>
  %act2 = "fx.reshape"(%act) {shape = [-1, 11008]} : (!fx.tensor<["s0", 11008], f16>) -> !fx.tensor<["s0", 11008], f16>
  %down = "fx.call"(%act2, %w_down) {target = "aten::mm",
      arg_names = ["self", "mat2"], args = {},
      operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>,
      resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
    : (!fx.tensor<["s0", 11008], f16>, !fx.tensor<[11008, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %down, %norm2#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}
