class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 4][-4, 1]cpu"):
        clone: "f32[4, 4]" = torch.ops.aten.clone.default(arg0_1)
        return (clone,)
