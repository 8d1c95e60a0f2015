class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]", arg1_1: "f32[4]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.scale_ret.default, x = arg1_1, alpha = 2.0, _out_base_index = 0, _all_bases = [arg0_1])
        getitem: "f32[4]" = auto_functionalized_v2[0]
        getitem_1: "f32[4]" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        auto_functionalized_v2_1 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.opt.default, _x_base_index = 0, _y_base_index = None, _all_bases = [getitem])
        getitem_2: "f32[4]" = auto_functionalized_v2_1[1];  auto_functionalized_v2_1 = None
        add: "f32[4]" = torch.ops.aten.add.Tensor(getitem_1, getitem_2)
        return (add,)
