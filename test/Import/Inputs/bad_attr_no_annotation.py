class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f16[8, 64]", arg1_1: "f16[64]"):
        _tensor_constant0 = self._tensor_constant0
        return (_tensor_constant0,)
