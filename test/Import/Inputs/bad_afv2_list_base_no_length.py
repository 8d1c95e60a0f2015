class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]", arg1_1: "f32[4]", arg2_1: "f32[4]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.lst.default, _x_base_index = 0, _ys_base_index = 1, _all_bases = [arg0_1, arg1_1, arg2_1])
        return ()
