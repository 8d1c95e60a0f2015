class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4][1]", arg1_1: "f32[6, 4][4, 1]", arg2_1: "f32[4][1]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.lst.default, _x_base_index = 0, _ys_length = 3, _ys_0_base_index = 1, _ys_0_slice_dim = 0, _ys_0_slice_start = 0, _ys_0_slice_end = 2, _ys_1_base_index = 2, _ys_2_base_index = 1, _ys_2_slice_dim = 0, _ys_2_slice_start = 2, _ys_2_slice_end = 6, _all_bases = [arg0_1, arg1_1, arg2_1])
        getitem_1: "f32[4][1]" = auto_functionalized_v2[1]
        getitem_2: "f32[6, 4][4, 1]" = auto_functionalized_v2[2]
        getitem_3: "f32[4][1]" = auto_functionalized_v2[3];  auto_functionalized_v2 = None
        copy_: "f32[4][1]" = torch.ops.aten.copy_.default(arg0_1, getitem_1);  arg0_1 = getitem_1 = copy_ = None
        copy__1: "f32[6, 4][4, 1]" = torch.ops.aten.copy_.default(arg1_1, getitem_2);  arg1_1 = getitem_2 = copy__1 = None
        copy__2: "f32[4][1]" = torch.ops.aten.copy_.default(arg2_1, getitem_3);  arg2_1 = getitem_3 = copy__2 = None
        return ()
