class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "u8[8, 32]", arg1_1: "f8e8m0fnu[8, 2]"):
        return (arg0_1,)
