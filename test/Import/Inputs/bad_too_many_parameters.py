class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        wide: "f16[8, 64]" = torch.ops.mylib.wide.default(arg0_1)
        return (wide,)
