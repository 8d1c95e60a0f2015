class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f32[s0, 4][4, 1]cpu"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.foo.default, _x_base_index = 0, _x_size = 3, _x_stride = (), _x_storage_offset = 1, _y_base_index = 0, _y_size = (arg0_1, 2), _y_stride = (4, 1), _y_storage_offset = 2, _all_bases = [arg1_1])
        getitem_1: "f32[s0, 4]" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        return (getitem_1,)
