class GraphModule(torch.nn.Module):
    def forward(self, s0: "Sym(s0)", x: "f32[s0]"):
        mul: "f32[s0]" = torch.ops.aten.mul.Scalar(x, s0)
        return (mul,)
