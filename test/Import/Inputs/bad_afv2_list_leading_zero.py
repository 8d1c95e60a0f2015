class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4][1]", arg1_1: "f32[4][1]", arg2_1: "f32[4][1]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.lst.default, _x_base_index = 0, _ys_length = 2, _ys_0_base_index = 1, _ys_00_base_index = 2, _ys_1_base_index = 2, _all_bases = [arg0_1, arg1_1, arg2_1])
        getitem_1: "f32[4][1]" = auto_functionalized_v2[1]
        getitem_2: "f32[4][1]" = auto_functionalized_v2[2]
        getitem_3: "f32[4][1]" = auto_functionalized_v2[3];  auto_functionalized_v2 = None
        return (getitem_1, getitem_2, getitem_3)
