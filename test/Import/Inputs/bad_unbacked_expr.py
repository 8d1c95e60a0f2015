class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f16[s0, 4]"):
        add: "Sym(u0 + 1)" = arg0_1 + 1
        view: "f16[s0, 4]" = torch.ops.aten.view.default(arg1_1, [add, 4])
        return (view,)
