# A Qwen2-style decoder layer as vLLM hands it to Inductor (TP=1, an AOT
# forward graph in GraphModule.print_readable form, before the post-grad
# passes), written for fxir at a size that runs in a fraction of a second:
# 64 tokens, hidden 256, 4 query heads and 2 kv heads of 64, intermediate
# 512, vocabulary 1000, 128 rotary positions, bf16.  It has the ops of a
# real vLLM Qwen2 layer: embedding, rms_norm, the qkv projection with bias
# (t + addmm), q/k/v by split_with_sizes, rotary_embedding on the q and k
# slices with the slice_scatters back into qkv, unified_attention_with_output
# into a view of an empty_like, o_proj (mm), fused_add_rms_norm, the gate_up
# projection, silu_and_mul into an empty, down_proj, fused_add_rms_norm.
#
#   scripts/run-example      # imports and runs this too, with the attention of
#                            # build/lib/libfx_vllm_refops.so
#   build/bin/fx-import examples/qwen2_layer_fx.py -o qwen2.mlir
#   build/bin/fx-run qwen2.mlir --check-passes \
#       --shared-lib=build/lib/libfx_vllm_refops.so
#
# fx-run's random inputs are uniform on [-1, 1) (docs/runtime.md, "Random
# arguments") and ids/positions uniform on [0, 64): inside the vocabulary
# and the rotary cache.  The norms keep every activation bounded and bf16
# has fp32's range, so every output is finite.
class Qwen2Layer(torch.nn.Module):
    def forward(self, input_ids: "i64[64]", embed_tokens: "bf16[1000, 256]", input_norm_w: "bf16[256]", qkv_b: "bf16[512]", qkv_w: "bf16[512, 256]", cos_sin_cache: "bf16[128, 64]", positions: "i64[64]", o_proj_w: "bf16[256, 256]", post_norm_w: "bf16[256]", gate_up_w: "bf16[1024, 256]", down_w: "bf16[256, 512]", next_norm_w: "bf16[256]"):
        embedding: "bf16[64, 256]" = torch.ops.aten.embedding.default(embed_tokens, input_ids);  embed_tokens = input_ids = None
        empty_like: "bf16[64, 256]" = torch.ops.aten.empty_like.default(embedding, pin_memory = False)
        detach: "bf16[256]" = torch.ops.aten.detach.default(input_norm_w);  input_norm_w = None
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.rms_norm.default, result = empty_like, input = embedding, weight = detach, epsilon = 1e-06);  empty_like = detach = None
        normed: "bf16[64, 256]" = auto_functionalized[1];  auto_functionalized = None
        t: "bf16[256, 512]" = torch.ops.aten.t.default(qkv_w);  qkv_w = None
        qkv: "bf16[64, 512]" = torch.ops.aten.addmm.default(qkv_b, normed, t);  qkv_b = normed = t = None
        split_with_sizes = torch.ops.aten.split_with_sizes.default(qkv, [256, 128, 128], -1)
        q: "bf16[64, 256]" = split_with_sizes[0]
        k: "bf16[64, 128]" = split_with_sizes[1];  split_with_sizes = None
        auto_functionalized_1 = torch.ops.higher_order.auto_functionalized(torch.ops._C.rotary_embedding.default, positions = positions, query = q, key = k, head_size = 64, cos_sin_cache = cos_sin_cache, is_neox = True);  positions = q = k = None
        q_rot: "bf16[64, 256]" = auto_functionalized_1[1]
        k_rot: "bf16[64, 128]" = auto_functionalized_1[2];  auto_functionalized_1 = None
        slice_scatter: "bf16[64, 512]" = torch.ops.aten.slice_scatter.default(qkv, q_rot, 1, 0, 256);  qkv = q_rot = None
        qkv_rot: "bf16[64, 512]" = torch.ops.aten.slice_scatter.default(slice_scatter, k_rot, 1, 256, 384);  slice_scatter = k_rot = None
        split_with_sizes_1 = torch.ops.aten.split_with_sizes.default(qkv_rot, [256, 128, 128], -1)
        q_like: "bf16[64, 256]" = split_with_sizes_1[0];  split_with_sizes_1 = None
        empty_like_1: "bf16[64, 256]" = torch.ops.aten.empty_like.default(q_like, pin_memory = False);  q_like = None
        attn_out: "bf16[64, 4, 64]" = torch.ops.aten.view.default(empty_like_1, [-1, 4, 64]);  empty_like_1 = None
        split_with_sizes_2 = torch.ops.aten.split_with_sizes.default(qkv_rot, [256, 128, 128], -1)
        q_2: "bf16[64, 256]" = split_with_sizes_2[0];  split_with_sizes_2 = None
        query: "bf16[64, 4, 64]" = torch.ops.aten.view.default(q_2, [-1, 4, 64]);  q_2 = None
        split_with_sizes_3 = torch.ops.aten.split_with_sizes.default(qkv_rot, [256, 128, 128], -1)
        k_2: "bf16[64, 128]" = split_with_sizes_3[1];  split_with_sizes_3 = None
        key: "bf16[64, 2, 64]" = torch.ops.aten.view.default(k_2, [-1, 2, 64]);  k_2 = None
        split_with_sizes_4 = torch.ops.aten.split_with_sizes.default(qkv_rot, [256, 128, 128], -1);  qkv_rot = None
        v_2: "bf16[64, 128]" = split_with_sizes_4[2];  split_with_sizes_4 = None
        value: "bf16[64, 2, 64]" = torch.ops.aten.view.default(v_2, [-1, 2, 64]);  v_2 = None
        auto_functionalized_2 = torch.ops.higher_order.auto_functionalized(torch.ops.vllm.unified_attention_with_output.default, query = query, key = key, value = value, output = attn_out, layer_name = 'model.layers.0.self_attn.attn');  query = key = value = attn_out = None
        attn: "bf16[64, 4, 64]" = auto_functionalized_2[1];  auto_functionalized_2 = None
        attn_flat: "bf16[64, 256]" = torch.ops.aten.view.default(attn, [64, 256]);  attn = None
        t_1: "bf16[256, 256]" = torch.ops.aten.t.default(o_proj_w);  o_proj_w = None
        attn_heads: "bf16[64, 4, 64]" = torch.ops.aten.view.default(attn_flat, [-1, 4, 64]);  attn_flat = None
        attn_2d: "bf16[64, 256]" = torch.ops.aten.view.default(attn_heads, [-1, 256]);  attn_heads = None
        o_proj: "bf16[64, 256]" = torch.ops.aten.mm.default(attn_2d, t_1);  attn_2d = t_1 = None
        detach_1: "bf16[256]" = torch.ops.aten.detach.default(post_norm_w);  post_norm_w = None
        auto_functionalized_3 = torch.ops.higher_order.auto_functionalized(torch.ops._C.fused_add_rms_norm.default, input = o_proj, residual = embedding, weight = detach_1, epsilon = 1e-06);  o_proj = embedding = detach_1 = None
        hidden: "bf16[64, 256]" = auto_functionalized_3[1]
        residual: "bf16[64, 256]" = auto_functionalized_3[2];  auto_functionalized_3 = None
        t_2: "bf16[256, 1024]" = torch.ops.aten.t.default(gate_up_w);  gate_up_w = None
        gate_up: "bf16[64, 1024]" = torch.ops.aten.mm.default(hidden, t_2);  hidden = t_2 = None
        empty: "bf16[64, 512]" = torch.ops.aten.empty.memory_format([64, 512], dtype = torch.bfloat16, device = device(type='cpu'), pin_memory = False)
        auto_functionalized_4 = torch.ops.higher_order.auto_functionalized(torch.ops._C.silu_and_mul.default, result = empty, input = gate_up);  empty = gate_up = None
        act: "bf16[64, 512]" = auto_functionalized_4[1];  auto_functionalized_4 = None
        t_3: "bf16[512, 256]" = torch.ops.aten.t.default(down_w);  down_w = None
        down: "bf16[64, 256]" = torch.ops.aten.mm.default(act, t_3);  act = t_3 = None
        detach_2: "bf16[256]" = torch.ops.aten.detach.default(next_norm_w);  next_norm_w = None
        auto_functionalized_5 = torch.ops.higher_order.auto_functionalized(torch.ops._C.fused_add_rms_norm.default, input = down, residual = residual, weight = detach_2, epsilon = 1e-06);  down = residual = detach_2 = None
        layer_out: "bf16[64, 256]" = auto_functionalized_5[1]
        residual_out: "bf16[64, 256]" = auto_functionalized_5[2];  auto_functionalized_5 = None
        return (layer_out, residual_out)
