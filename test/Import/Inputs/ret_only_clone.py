class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]"):
        clone = torch.ops.aten.clone.default(arg0_1)
        return (clone,)
