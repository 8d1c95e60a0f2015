class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "bf16[8, 256]", arg1_1: "bf16[8, 128]", arg2_1: "f32[1]"):
        empty: "f8e4m3fn[8, 256]" = torch.ops.aten.empty.memory_format([8, 256], dtype = torch.float8_e4m3fn, device = device(type='cuda', index=0), pin_memory = False)
        empty_1: "f32[8, 2]" = torch.ops.aten.empty.memory_format([8, 2], dtype = torch.float32, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.per_token_group_fp8_quant.default, input = arg0_1, output_q = empty, output_s = empty_1, group_size = 128, eps = 1e-10, fp8_min = -448.0, fp8_max = 448.0, scale_ue8m0 = False, dummy_is_scale_transposed = False, dummy_is_tma_aligned = False);  empty = empty_1 = None
        getitem_1: "f8e4m3fn[8, 256]" = auto_functionalized[1]
        getitem_2: "f32[8, 2]" = auto_functionalized[2];  auto_functionalized = None
        empty_2: "u8[8, 64]" = torch.ops.aten.empty.memory_format([8, 64], dtype = torch.uint8, device = device(type='cuda', index=0), pin_memory = False)
        empty_3: "i32[8, 2]" = torch.ops.aten.empty.memory_format([8, 2], dtype = torch.int32, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized_1 = torch.ops.higher_order.auto_functionalized(torch.ops._C.scaled_fp4_quant.out, input = arg1_1, input_scale = arg2_1, is_sf_swizzled_layout = True, output = empty_2, output_scale = empty_3);  empty_2 = empty_3 = None
        getitem_4: "u8[8, 64]" = auto_functionalized_1[1]
        getitem_5: "i32[8, 2]" = auto_functionalized_1[2];  auto_functionalized_1 = None
        empty_4: "bf16[8, 128]" = torch.ops.aten.empty.memory_format([8, 128], dtype = torch.bfloat16, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized_2 = torch.ops.higher_order.auto_functionalized(torch.ops._C.silu_and_mul_with_clamp.default, result = empty_4, input = arg0_1, limit = 7.0, alpha = 1.702, beta = 1.0);  empty_4 = None
        getitem_7: "bf16[8, 128]" = auto_functionalized_2[1];  auto_functionalized_2 = None
        return (getitem_1, getitem_2, getitem_4, getitem_5, getitem_7)
