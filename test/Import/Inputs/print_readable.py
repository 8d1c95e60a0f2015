class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "bf16[16, 4096][4096, 1]cuda:0", arg1_1: "bf16[16, 4096][4096, 1]cuda:0", arg2_1: "bf16[4096][1]cuda:0", arg3_1: "f32[1][1]cuda:0", arg4_1: "bf16[16, 8192][8192, 1]cuda:0", arg5_1: "b8[16, 4096][4096, 1]cuda:0"):
        # File: /srv/fxir-test/mlp.py:8 in forward, code: x = torch.ops._C.silu_and_mul(out, x)
        empty: "bf16[16, 4096][4096, 1]cuda:0" = torch.ops.aten.empty.memory_format([16, 4096], dtype = torch.bfloat16, layout = torch.strided, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized = torch._higher_order_ops.auto_functionalize.auto_functionalized(torch.ops._C.silu_and_mul.default, out = empty, input = arg4_1);  empty = arg4_1 = None
        getitem_1: "bf16[16, 4096][4096, 1]cuda:0" = auto_functionalized[1];  auto_functionalized = None
        mul: "bf16[16, 4096][4096, 1]cuda:0" = torch.ops.aten.mul.Tensor(getitem_1, 2);  getitem_1 = None
        add: "bf16[16, 4096][4096, 1]cuda:0" = torch.ops.aten.add.Tensor(mul, 0.5, alpha = 2);  mul = None
        masked_fill: "bf16[16, 4096][4096, 1]cuda:0" = torch.ops.aten.masked_fill.Scalar(add, arg5_1, 0.0);  add = arg5_1 = None
        
        # File: /srv/fxir-test/mlp.py:9 in forward, code: y = self.allreduce_norm(x, residual)
        empty_1: "f8e4m3fn[16, 4096][4096, 1]cuda:0" = torch.ops.aten.empty.memory_format([16, 4096], dtype = torch.float8_e4m3fn, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized_1 = torch.ops.higher_order.auto_functionalized(torch.ops.vllm.flashinfer_trtllm_fused_allreduce_norm.default, allreduce_in = masked_fill, residual = arg1_1, rms_gamma = arg2_1, rms_eps = 1e-06, world_size = 2, launch_with_pdl = True, fp32_acc = True, max_token_num = 1024, pattern_code = 2, norm_out = None, quant_out = empty_1, scale_out = None, scale_factor = arg3_1, weight_bias = 0.0);  masked_fill = arg1_1 = arg2_1 = empty_1 = arg3_1 = None
        getitem_3: "bf16[16, 4096][4096, 1]cuda:0" = auto_functionalized_1[2]
        getitem_5: "f8e4m3fn[16, 4096][4096, 1]cuda:0" = auto_functionalized_1[4];  auto_functionalized_1 = None
        clone: "bf16[16, 4096][4096, 1]cuda:0" = torch.ops.aten.clone.default(getitem_3, memory_format = torch.contiguous_format);  getitem_3 = None
        _to_copy: "f32[16, 4096][4096, 1]cuda:0" = torch.ops.aten._to_copy.default(clone, dtype = torch.float32, layout = torch.strided, device = device(type='cuda', index=0));  clone = None
        return (getitem_5, _to_copy)
        
