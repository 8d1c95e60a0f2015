class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f4e2m1fnx2[8, 32][32, 1]cuda:0"):
        return (arg0_1,)
