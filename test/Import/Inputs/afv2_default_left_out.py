class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]", arg1_1: "f32[4]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.scale_def.default, x = arg1_1, _out_base_index = 0, _all_bases = [arg0_1])
        getitem_1: "f32[4]" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        return (getitem_1,)
