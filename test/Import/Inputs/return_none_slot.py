class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.silu_and_mul.default, result = arg1_1, input = arg0_1)
        getitem = auto_functionalized[0]
        getitem_1: "f16[64]" = auto_functionalized[1];  auto_functionalized = None
        return (getitem_1, getitem)
