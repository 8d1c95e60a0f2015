class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[64]", arg1_1: "f16[4, 8]"):
        empty: "f16[64]" = torch.ops.aten.empty.memory_format([64], dtype = torch.float16, device = device(type='cpu'), pin_memory = False)
        view: "f16[2, 32]" = torch.ops.aten.view.default(empty, [2, -1])
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops.mylib.scatter_rows.default, src = arg0_1, sizes = [32], dim = 1, out = [view, arg1_1]);  view = None
        getitem_1 = auto_functionalized[1];  auto_functionalized = None
        getitem_2: "f16[2, 32]" = getitem_1[0]
        getitem_3: "f16[4, 8]" = getitem_1[1];  getitem_1 = None
        view_1: "f16[64]" = torch.ops.aten.view.default(getitem_2, [64]);  getitem_2 = None
        as_strided: "f16[8, 8]" = torch.ops.aten.as_strided.default(view_1, [8, 8], [8, 1], 0);  view_1 = None
        return (as_strided, getitem_3)
