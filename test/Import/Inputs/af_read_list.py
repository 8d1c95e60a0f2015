class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4][1]", arg1_1: "f32[4][1]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops.mylib.rf.default, x = arg0_1, ys = [arg1_1, arg0_1])
        getitem: "f32[4][1]" = auto_functionalized[0]
        getitem_1: "f32[4][1]" = auto_functionalized[1];  auto_functionalized = None
        return (getitem, getitem_1)
