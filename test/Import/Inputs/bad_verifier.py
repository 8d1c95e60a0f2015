class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        mm: "f16[8, 8]" = torch.ops.aten.mm.default(arg0_1, arg0_1)
        return (mm,)
