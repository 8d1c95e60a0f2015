from __future__ import annotations
import torch
from torch import device
class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s72)", arg1_1: "i64[s72]", arg2_1: "f16[s72, 4096]", arg3_1: "f16[s72, 4096]", arg4_1: "f16[4096]", arg5_1: "f16[6144, 4096]", arg6_1: "f16[4096, 128]", arg7_1: "f16[4096, 4096]", arg8_1: "f16[4096]", arg9_1: "f16[22016, 4096]", arg10_1: "f16[4096, 11008]"):
         # File: /srv/fxir-test/tiny_llama.py:42 in forward, code: hidden_states, residual = self.input_layernorm(hidden_states, residual)
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.fused_add_rms_norm.default, input = arg2_1, residual = arg3_1, weight = arg4_1, epsilon = 1e-05);  arg2_1 = arg4_1 = None
        getitem_1: "f16[s72, 4096]" = auto_functionalized[1]
        getitem_2: "f16[s72, 4096]" = auto_functionalized[2];  auto_functionalized = None
        
         # File: /srv/fxir-test/tiny_llama.py:17 in forward, code: qkv = self.qkv_proj(hidden_states)
        permute: "f16[4096, 6144]" = torch.ops.aten.permute.default(arg5_1, [1, 0]);  arg5_1 = None
        mm: "f16[s72, 6144]" = torch.ops.aten.mm.default(getitem_1, permute);  getitem_1 = permute = None
        
         # File: /srv/fxir-test/tiny_llama.py:18 in forward, code: q, k, v = qkv.split([4096, 1024, 1024], dim=-1)
        split_with_sizes = torch.ops.aten.split_with_sizes.default(mm, [4096, 1024, 1024], -1)
        getitem_3: "f16[s72, 4096]" = split_with_sizes[0]
        getitem_4: "f16[s72, 1024]" = split_with_sizes[1];  split_with_sizes = None
        
         # File: /srv/fxir-test/tiny_llama.py:19 in forward, code: q, k = self.rotary_emb(positions, q, k)
        auto_functionalized_1 = torch.ops.higher_order.auto_functionalized(torch.ops._C.rotary_embedding.default, positions = arg1_1, query = getitem_3, key = getitem_4, head_size = 128, cos_sin_cache = arg6_1, is_neox = True);  getitem_3 = getitem_4 = arg1_1 = arg6_1 = None
        getitem_6: "f16[s72, 4096]" = auto_functionalized_1[1]
        getitem_7: "f16[s72, 1024]" = auto_functionalized_1[2];  auto_functionalized_1 = None
        slice_scatter: "f16[s72, 6144]" = torch.ops.aten.slice_scatter.default(mm, getitem_6, 1, 0, 4096);  mm = getitem_6 = None
        slice_scatter_1: "f16[s72, 6144]" = torch.ops.aten.slice_scatter.default(slice_scatter, getitem_7, 1, 4096, 5120);  slice_scatter = getitem_7 = None
        split_with_sizes_1 = torch.ops.aten.split_with_sizes.default(slice_scatter_1, [4096, 1024, 1024], -1);  slice_scatter_1 = None
        getitem_8: "f16[s72, 4096]" = split_with_sizes_1[0]
        getitem_9: "f16[s72, 1024]" = split_with_sizes_1[1]
        getitem_10: "f16[s72, 1024]" = split_with_sizes_1[2];  split_with_sizes_1 = None
        
         # File: /srv/fxir-test/tiny_llama.py:20 in forward, code: attn_output = self.attn(q, k, v)
        sym_size_int: "Sym(s72)" = torch.ops.aten.sym_size.int(getitem_8, 0)
        view: "f16[s72, 32, 128]" = torch.ops.aten.view.default(getitem_8, [-1, 32, 128]);  getitem_8 = None
        view_1: "f16[s72, 8, 128]" = torch.ops.aten.view.default(getitem_9, [-1, 8, 128]);  getitem_9 = None
        view_2: "f16[s72, 8, 128]" = torch.ops.aten.view.default(getitem_10, [-1, 8, 128]);  getitem_10 = None
        empty: "f16[s72, 32, 128]" = torch.ops.aten.empty.memory_format([sym_size_int, 32, 128], dtype = torch.float16, layout = torch.strided, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized_2 = torch.ops.higher_order.auto_functionalized(torch.ops.vllm.unified_attention_with_output.default, query = view, key = view_1, value = view_2, output = empty, layer_name = 'model.layers.0.self_attn.attn', output_scale = None, output_block_scale = None);  view = view_1 = view_2 = empty = None
        getitem_11: "f16[s72, 32, 128]" = auto_functionalized_2[1];  auto_functionalized_2 = None
        view_3: "f16[s72, 4096]" = torch.ops.aten.view.default(getitem_11, [sym_size_int, 4096]);  getitem_11 = sym_size_int = None
        
         # File: /srv/fxir-test/tiny_llama.py:21 in forward, code: output = self.o_proj(attn_output)
        permute_1: "f16[4096, 4096]" = torch.ops.aten.permute.default(arg7_1, [1, 0]);  arg7_1 = None
        mm_1: "f16[s72, 4096]" = torch.ops.aten.mm.default(view_3, permute_1);  view_3 = permute_1 = None
        
         # File: /srv/fxir-test/tiny_llama.py:44 in forward, code: hidden_states, residual = self.post_attention_layernorm(hidden_states, residual)
        auto_functionalized_3 = torch.ops.higher_order.auto_functionalized(torch.ops._C.fused_add_rms_norm.default, input = mm_1, residual = getitem_2, weight = arg8_1, epsilon = 1e-05);  mm_1 = arg8_1 = None
        getitem_12: "f16[s72, 4096]" = auto_functionalized_3[1]
        getitem_13: "f16[s72, 4096]" = auto_functionalized_3[2];  auto_functionalized_3 = None
        
         # File: /srv/fxir-test/tiny_llama.py:30 in forward, code: x = self.act_fn(self.gate_up_proj(x))
        permute_2: "f16[4096, 22016]" = torch.ops.aten.permute.default(arg9_1, [1, 0]);  arg9_1 = None
        mm_2: "f16[s72, 22016]" = torch.ops.aten.mm.default(getitem_12, permute_2);  getitem_12 = permute_2 = None
        empty_1: "f16[s72, 11008]" = torch.ops.aten.empty.memory_format([arg0_1, 11008], dtype = torch.float16, layout = torch.strided, device = device(type='cuda', index=0), pin_memory = False);  arg0_1 = None
        auto_functionalized_4 = torch.ops.higher_order.auto_functionalized(torch.ops._C.silu_and_mul.default, result = empty_1, input = mm_2);  empty_1 = mm_2 = None
        getitem_14: "f16[s72, 11008]" = auto_functionalized_4[1];  auto_functionalized_4 = None
        
         # File: /srv/fxir-test/tiny_llama.py:31 in forward, code: x = self.down_proj(x)
        permute_3: "f16[11008, 4096]" = torch.ops.aten.permute.default(arg10_1, [1, 0]);  arg10_1 = None
        mm_3: "f16[s72, 4096]" = torch.ops.aten.mm.default(getitem_14, permute_3);  getitem_14 = permute_3 = None
        
         # No stacktrace found for following nodes
        copy_: "f16[s72, 4096]" = torch.ops.aten.copy_.default(arg3_1, getitem_2);  arg3_1 = getitem_2 = copy_ = None
        return (mm_3, getitem_13)
        
