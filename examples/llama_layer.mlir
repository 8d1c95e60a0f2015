// One LLaMA-style decoder layer as torch.compile hands it to vLLM: a
// functional post-grad graph.  Custom ops that write their arguments are
// wrapped in fx.auto_functionalized; rotary_embedding writes q and k, which
// the graph scatters back into the qkv buffer with slice_scatter.  The
// residual stream belongs to the compiled model (fx.donated): it may be
// updated in place.
//   hidden 4096, 32 q heads and 8 kv heads of 128, intermediate 11008.

// Attention is opaque to fxir: a user op declared with its schema.
fx.schema "vllm::unified_attention" = "unified_attention(Tensor query, Tensor key, Tensor value, str layer_name) -> Tensor"

func.func @llama_layer(%hidden: !fx.tensor<["s0", 4096], f16>,
    %residual: !fx.tensor<["s0", 4096], f16> {fx.donated},
    %positions: !fx.tensor<["s0"], i64>, %cos_sin_cache: !fx.tensor<[4096, 128], f16>,
    %w_norm1: !fx.tensor<[4096], f16>, %w_qkv: !fx.tensor<[4096, 6144], f16>,
    %w_o: !fx.tensor<[4096, 4096], f16>, %w_norm2: !fx.tensor<[4096], f16>,
    %w_gate_up: !fx.tensor<[4096, 22016], f16>, %w_down: !fx.tensor<[11008, 4096], f16>)
    -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  // input_layernorm
  %buf1 = fx.call "aten::empty_like"(self = %hidden)
      : (!fx.tensor<["s0", 4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>


  %norm1 = fx.auto_functionalized "_C::rms_norm"(result = %buf1, input = %hidden, weight = %w_norm1)
      {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>

  // qkv_proj, split into q/k/v (torch.split -> one slice per piece)
  %qkv = fx.call "aten::mm"(self = %norm1, mat2 = %w_qkv)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>)
      -> !fx.tensor<["s0", 6144], f16>


  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %k = fx.slice %qkv, dim = 1, start = 4096, end = 5120, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  // rotary_embedding writes q and k; the functional graph scatters them back
  %rot:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %positions, query = %q, key = %k, cos_sin_cache = %cos_sin_cache)
      {head_size = 128, is_neox = true}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>)
      -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)

  %qkv1 = fx.slice_scatter %qkv, %rot#0, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  %qkv2 = fx.slice_scatter %qkv1, %rot#1, dim = 1, start = 4096, end = 5120, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q2 = fx.slice %qkv2, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  %k2 = fx.slice %qkv2, dim = 1, start = 4096, end = 5120, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  %v2 = fx.slice %qkv2, dim = 1, start = 5120, end = 6144, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 1024], f16>
  // attention, o_proj
  %attn = fx.call "vllm::unified_attention"(query = %q2, key = %k2, value = %v2)
      {layer_name = "model.layers.0.self_attn.attn"}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>)
      -> !fx.tensor<["s0", 4096], f16>

  %o = fx.call "aten::mm"(self = %attn, mat2 = %w_o)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>


  // post_attention_layernorm: residual add + RMSNorm, both in place in vLLM
  %norm2:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %o, residual = %residual, weight = %w_norm2)
      {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)

  // MLP: gate_up_proj, SiluAndMul, down_proj (with the reshapes of a linear)
  %gate_up = fx.call "aten::mm"(self = %norm2#0, mat2 = %w_gate_up)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 22016], f16>)
      -> !fx.tensor<["s0", 22016], f16>


  %buf2 = fx.call "aten::empty"()
      {size = ["s0", 11008], dtype = f16}
      : ()
      -> !fx.tensor<["s0", 11008], f16>

  %act = fx.auto_functionalized "_C::silu_and_mul"(result = %buf2, input = %gate_up)
      : (!fx.tensor<["s0", 11008], f16>, !fx.tensor<["s0", 22016], f16>)
      -> !fx.tensor<["s0", 11008], f16>


  %act2 = fx.reshape %act, shape = [-1, 11008] : !fx.tensor<["s0", 11008], f16> -> !fx.tensor<["s0", 11008], f16>
  %down = fx.call "aten::mm"(self = %act2, mat2 = %w_down)
      : (!fx.tensor<["s0", 11008], f16>, !fx.tensor<[11008, 4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>


  return %down, %norm2#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}
