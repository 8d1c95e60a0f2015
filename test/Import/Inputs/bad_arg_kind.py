class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        add: "f16[8, 64]" = torch.ops.aten.add.Tensor(arg0_1, arg1_1, alpha = 'two')
        return (add,)
