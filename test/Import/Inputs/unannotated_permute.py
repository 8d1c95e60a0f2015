class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[6144, 4096]"):
        permute = torch.ops.aten.permute.default(arg0_1, [1, 0]);  arg0_1 = None
        return (permute,)
