class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]"):
        cat: "f16[16, 64]" = torch.ops.mylib.cat.default([arg0_1, 3], 0)
        return (cat,)
