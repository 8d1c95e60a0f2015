class GraphModule(torch.nn.Module):
    def forward(self, s0: "Sym(s0)", x: "f32[s0, 4]"):
        foo = torch.ops.mylib.foo.default(x, 's0', [s0, 's0', 2], n = s0, tag = 's0');  foo = None
        return (x,)
