class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s0)", arg1_1: "f16[s0, 128, 32][4096, 32, 1]cuda:0", arg2_1: "f32[4, s0][1, 4]cuda:0", arg3_1: "f32[8, 2][2, 1]cpu"):
        view: "f16[s0, 4096][4096, 1]cuda:0" = torch.ops.aten.view.default(arg1_1, [arg0_1, 4096])
        clone: "f16[s0, 4096][4096, 1]cuda:0" = torch.ops.aten.clone.default(view);  view = None
        clone_1: "f32[4, s0][s0, 1]cuda:0" = torch.ops.aten.clone.default(arg2_1);  arg2_1 = None
        return (clone, clone_1, arg3_1)
