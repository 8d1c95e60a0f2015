class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]", arg1_1: "f32[4]", arg2_1: "f32[4]"):
        foo = torch.ops.mylib.gather_unknown.default(arg2_1, xs = [arg0_1, arg1_1], scale = 2.0);  foo = None
        return ()
