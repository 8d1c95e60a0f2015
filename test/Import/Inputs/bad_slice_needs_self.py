class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        slice_1: "f16[8, 64]" = torch.ops.aten.slice.Tensor(dim = 0)
        return (slice_1,)
