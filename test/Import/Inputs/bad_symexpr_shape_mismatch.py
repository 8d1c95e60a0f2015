class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s72)", arg1_1: "f16[s72, 64]"):
        mul: "Sym(2*s72)" = arg0_1 * 2
        view: "f16[2, s72, 32]" = torch.ops.aten.view.default(arg1_1, [2, mul, 32])
        return (view,)
