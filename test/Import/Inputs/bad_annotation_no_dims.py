class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        clone: "f16" = torch.ops.aten.clone.default(arg0_1)
        return (clone,)
