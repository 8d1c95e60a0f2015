class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        view: "f16[512]" = torch.ops.aten.view.default(arg0_1, 512)
        return (view,)
