class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        getitem: "f16[8, 32]" = split[0]
        return (getitem,)
