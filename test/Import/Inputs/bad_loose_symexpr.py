class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f16[s0, 4]"):
        mul: "Sym(2*s0)" = arg0_1 * 2
        foo = torch.ops.mylib.foo.default(arg1_1, mul)
        return (arg1_1,)
