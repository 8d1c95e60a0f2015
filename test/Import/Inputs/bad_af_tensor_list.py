class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops.fsdp.split_with_sizes_copy.default, all_gather_output = arg1_1, all_gather_input_split_sizes = [32, 32], dim = 1, out = [arg0_1, arg0_1])
        getitem = auto_functionalized[1];  auto_functionalized = None
        getitem_1: "f16[8, 64]" = getitem[0];  getitem = None
        return (getitem_1,)
