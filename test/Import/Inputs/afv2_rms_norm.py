class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        empty: "f16[8, 64]" = torch.ops.aten.empty.memory_format([8, 64], dtype = torch.float16, device = device(type='cuda', index=0), pin_memory = False)
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops._C.rms_norm.default, input = arg0_1, weight = arg1_1, epsilon = 1e-06, _result_base_index = 0, _all_bases = [empty]);  empty = None
        getitem_1: "f16[8, 64]" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        return (getitem_1,)
