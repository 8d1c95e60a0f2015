class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[4]", z: "f32[4]"):
        auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops.mylib.foo.default, x = x, z = z)
        getitem_1: "f32[4]" = auto_functionalized[1]
        getitem_2 = auto_functionalized[2]
        getitem_3: "f32[4]" = auto_functionalized[3]
        add: "f32[4]" = torch.ops.aten.add.Tensor(getitem_2, getitem_3)
        return (add,)
