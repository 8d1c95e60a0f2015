class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 8]"):
        t = torch.ops.aten.t.default(arg0_1)
        mm: "f32[4, 4]" = torch.ops.aten.mm.default(arg0_1, t);  arg0_1 = t = None
        return (mm,)
