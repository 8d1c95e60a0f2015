class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]"):
        # fx-functionalized
        # File: /models/m.py:3 in forward, code: y = x.clone()
        clone: "f32[4]" = torch.ops.aten.clone.default(arg0_1)
        return (clone,)
