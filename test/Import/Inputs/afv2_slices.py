class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f32[s0, 8][8, 1]cpu", arg2_1: "f32[6, 8][8, 1]cpu"):
        floordiv: "Sym((s0//2))" = arg0_1 // 2
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.foo.default, _x_base_index = 0, _x_slice_dim = 0, _x_slice_start = 0, _x_slice_end = floordiv, _y_base_index = 0, _y_slice_dim = 0, _y_slice_start = floordiv, _y_slice_end = 9223372036854775807, _all_bases = [arg1_1]);  floordiv = None
        getitem_1: "f32[s0, 8][8, 1]cpu" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        auto_functionalized_v2_1 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.foo.default, _x_base_index = 0, _x_slice_dim = -1, _x_slice_start = 2, _x_slice_end = 100, _y_base_index = 0, _y_slice_dim = 1, _y_slice_start = -3, _y_slice_end = -1, _all_bases = [arg2_1])
        getitem_2: "f32[6, 8][8, 1]cpu" = auto_functionalized_v2_1[1];  auto_functionalized_v2_1 = None
        return (getitem_1, getitem_2)
