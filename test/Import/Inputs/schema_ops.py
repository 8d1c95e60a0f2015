class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 4]", arg1_1: "f32[4, 4]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops.mylib.scale_ret.default, out = arg0_1, x = arg1_1, alpha = 2.0)
        getitem: "f32[4, 4]" = auto_functionalized[0]
        getitem_1: "f32[4, 4]" = auto_functionalized[1];  auto_functionalized = None
        fill__default = torch.ops.mylib.fill_.default(getitem_1, 7);  fill__default = None
        two = torch.ops.mylib.two.default(getitem, flag = True);  getitem = None
        getitem_2: "f32[4, 4]" = two[0]
        getitem_3: "f32[2, 8]" = two[1];  two = None
        return (getitem_1, getitem_2, getitem_3)
