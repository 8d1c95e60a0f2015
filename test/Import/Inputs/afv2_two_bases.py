class GraphModule(torch.nn.Module):
    def forward(self, a: "f32[4, 8]", b: "f32[16]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.foo.default, _x_base_index = 0, _y_base_index = 1, _all_bases = [b, a])
        getitem_1: "f32[16]" = auto_functionalized_v2[1]
        getitem_2: "f32[4, 8]" = auto_functionalized_v2[2];  auto_functionalized_v2 = None
        copy_: "f32[4, 8]" = torch.ops.aten.copy_.default(a, getitem_2);  a = getitem_2 = copy_ = None
        copy__1: "f32[16]" = torch.ops.aten.copy_.default(b, getitem_1);  b = getitem_1 = copy__1 = None
        return ()
