class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4][1]", arg1_1: "f32[4][1]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.olst.default, _x_base_index = 0, _ys_length = 1, _ys_0_base_index = None, _all_bases = [arg0_1, arg1_1])
        return ()
