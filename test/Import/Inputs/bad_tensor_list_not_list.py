class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]"):
        cat: "f16[8, 64]" = torch.ops.mylib.cat.default(arg0_1, 0)
        return (cat,)
