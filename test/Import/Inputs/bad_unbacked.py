class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        nonzero: "i64[u0, 2]" = torch.ops.aten.nonzero.default(arg0_1)
        return (nonzero,)
