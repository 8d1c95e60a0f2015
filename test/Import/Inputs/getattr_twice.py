class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[4]"):
        _tensor_constant0: "f32[4]" = self._tensor_constant0
        copy_: "f32[4]" = torch.ops.aten.copy_.default(_tensor_constant0, x);  _tensor_constant0 = None
        _tensor_constant0_1: "f32[4]" = self._tensor_constant0
        _tensor_constant0_2: "f32[4]" = getattr(self, "_tensor_constant0")
        mul: "f32[4]" = torch.ops.aten.mul.Tensor(_tensor_constant0_1, _tensor_constant0_2)
        return (mul,)
