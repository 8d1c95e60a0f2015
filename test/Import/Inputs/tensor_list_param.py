class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        cat: "f16[16, 64]" = torch.ops.mylib.cat.default([arg0_1, arg0_1], 0)
        return (cat,)
