class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        three = torch.ops.mylib.three.default(arg0_1)
        getitem: "f16[8, 64]" = three[0]
        getitem_2: "f16[8, 64]" = three[2]
        return (getitem, getitem_2)
