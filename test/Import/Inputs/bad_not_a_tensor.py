class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s72)", arg1_1: "f16[s72, 64]"):
        clone: "f16[s72, 64]" = torch.ops.aten.clone.default(arg0_1)
        return (clone,)
