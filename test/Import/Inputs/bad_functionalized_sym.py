class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f32[s0]"):
        # fx-functionalized
        sym_size_int: "Sym(s0)" = torch.ops.aten.sym_size.int(arg1_1, 0)
        clone: "f32[s0]" = torch.ops.aten.clone.default(arg1_1)
        return (clone,)
