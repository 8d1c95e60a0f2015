class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[4]", o: "f32[4]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.my_op.default, out = o, x = x)
        getitem_1: "f32[4]" = auto_functionalized[1]
        return (getitem_1,)
