class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[3, 4][4, 1]cpu"):
        as_strided: "f32[2, 2][1, 4]cpu" = torch.ops.aten.as_strided.default(arg0_1, [2, 2], [1, 4], 1);  arg0_1 = None
        clone: "f32[2, 2][2, 1]cpu" = torch.ops.aten.clone.default(as_strided);  as_strided = None
        return (clone,)
