class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]"):
        # fx-functionalized
        cos: "f32[4]" = torch.ops.aten.cos.default(arg0_1)
        return (cos,)
