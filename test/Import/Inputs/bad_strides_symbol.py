class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f32[s0, 4][s1, 1]"):
        clone: "f32[s0, 4]" = torch.ops.aten.clone.default(arg1_1);  arg1_1 = None
        return (clone,)
