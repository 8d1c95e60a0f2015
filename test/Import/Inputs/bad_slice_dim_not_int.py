class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        slice_1: "f16[8, 63]" = torch.ops.aten.slice.Tensor(arg0_1, 1.0, 1)
        return (slice_1,)
