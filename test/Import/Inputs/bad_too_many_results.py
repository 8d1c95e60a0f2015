class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        unbind = torch.ops.mylib.unbind.default(arg0_1)
        getitem_8: "f16[64]" = unbind[8]
        return (getitem_8,)
