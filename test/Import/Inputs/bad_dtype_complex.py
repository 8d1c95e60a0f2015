class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "c64[8, 32]", arg1_1: "f8e8m0fnu[8, 2]"):
        return (arg0_1,)
