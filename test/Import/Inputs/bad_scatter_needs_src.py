class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        slice_scatter: "f16[8, 64]" = torch.ops.aten.slice_scatter.default(arg0_1)
        return (slice_scatter,)
