# The layer of examples/llama_layer.mlir as an FX graph dump (print_readable
# form), written by `build/bin/fx-export examples/llama_layer.mlir`:
# `scripts/run-example examples/llama_layer_fx.py` imports it back.
# fx-schema: vllm::unified_attention(Tensor query, Tensor key, Tensor value, str layer_name) -> Tensor
class llama_layer(torch.nn.Module):
    # fx-donated: arg1_1
    def forward(self, arg0_1: "f16[s0, 4096]", arg1_1: "f16[s0, 4096]", arg2_1: "i64[s0]", arg3_1: "f16[4096, 128]", arg4_1: "f16[4096]", arg5_1: "f16[4096, 6144]", arg6_1: "f16[4096, 4096]", arg7_1: "f16[4096]", arg8_1: "f16[4096, 22016]", arg9_1: "f16[11008, 4096]"):
        sym_size_int: "Sym(s0)" = torch.ops.aten.sym_size.int(arg0_1, 0)
        empty_like: "f16[s0, 4096]" = torch.ops.aten.empty_like.default(self = arg0_1)
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.rms_norm.default, result = empty_like, input = arg0_1, weight = arg4_1, epsilon = 1e-05)
        getitem: "f16[s0, 4096]" = auto_functionalized[1]
        mm: "f16[s0, 6144]" = torch.ops.aten.mm.default(self = getitem, mat2 = arg5_1)
        slice: "f16[s0, 4096]" = torch.ops.aten.slice.Tensor(mm, 1, 0, 4096, 1)
        slice_1: "f16[s0, 1024]" = torch.ops.aten.slice.Tensor(mm, 1, 4096, 5120, 1)
        auto_functionalized_1 = torch.ops.higher_order.auto_functionalized(torch.ops._C.rotary_embedding.default, positions = arg2_1, query = slice, key = slice_1, head_size = 128, cos_sin_cache = arg3_1, is_neox = True)
        getitem_1: "f16[s0, 4096]" = auto_functionalized_1[1]
        getitem_2: "f16[s0, 1024]" = auto_functionalized_1[2]
        slice_scatter: "f16[s0, 6144]" = torch.ops.aten.slice_scatter.default(mm, getitem_1, 1, 0, 4096, 1)
        slice_scatter_1: "f16[s0, 6144]" = torch.ops.aten.slice_scatter.default(slice_scatter, getitem_2, 1, 4096, 5120, 1)
        slice_2: "f16[s0, 4096]" = torch.ops.aten.slice.Tensor(slice_scatter_1, 1, 0, 4096, 1)
        slice_3: "f16[s0, 1024]" = torch.ops.aten.slice.Tensor(slice_scatter_1, 1, 4096, 5120, 1)
        slice_4: "f16[s0, 1024]" = torch.ops.aten.slice.Tensor(slice_scatter_1, 1, 5120, 6144, 1)
        unified_attention: "f16[s0, 4096]" = torch.ops.vllm.unified_attention.default(query = slice_2, key = slice_3, value = slice_4, layer_name = 'model.layers.0.self_attn.attn')
        mm_1: "f16[s0, 4096]" = torch.ops.aten.mm.default(self = unified_attention, mat2 = arg6_1)
        auto_functionalized_2 = torch.ops.higher_order.auto_functionalized(torch.ops._C.fused_add_rms_norm.default, input = mm_1, residual = arg1_1, weight = arg7_1, epsilon = 1e-05)
        getitem_3: "f16[s0, 4096]" = auto_functionalized_2[1]
        getitem_4: "f16[s0, 4096]" = auto_functionalized_2[2]
        mm_2: "f16[s0, 22016]" = torch.ops.aten.mm.default(self = getitem_3, mat2 = arg8_1)
        empty: "f16[s0, 11008]" = torch.ops.aten.empty.default(size = [sym_size_int, 11008], dtype = torch.float16)
        auto_functionalized_3 = torch.ops.higher_order.auto_functionalized(torch.ops._C.silu_and_mul.default, result = empty, input = mm_2)
        getitem_5: "f16[s0, 11008]" = auto_functionalized_3[1]
        reshape: "f16[s0, 11008]" = torch.ops.aten.reshape.default(getitem_5, [-1, 11008])
        mm_3: "f16[s0, 4096]" = torch.ops.aten.mm.default(self = reshape, mat2 = arg9_1)
        return (mm_3, getitem_4)
