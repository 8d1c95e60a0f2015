class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        submod_0 = self.submod_0(arg0_1, arg1_1)
        getitem: "f16[8, 64]" = submod_0[0]
        return (getitem,)
