class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        index: "f16[8, 64]" = torch.ops.mylib.index.default(arg0_1, slice(1, 2))
        return (index,)
