class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4][1]"):
        auto_functionalized_v2 = torch.ops.higher_order.auto_functionalized_v2(torch.ops.mylib.ol.default, _x_base_index = 0, zs = None, _all_bases = [arg0_1])
        getitem_1: "f32[4][1]" = auto_functionalized_v2[1];  auto_functionalized_v2 = None
        ol = torch.ops.mylib.ol.default(getitem_1, None)
        return (getitem_1,)
