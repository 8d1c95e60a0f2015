class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 4]", arg1_1: "f32[4, 4]"):
        """
        {'val': FakeTensor(..., size=(4, 4)), 'tensor_meta': TensorMetadata(dtype=torch.float32, shape=torch.Size([4, 4]))}
        """
        add: "f32[4, 4]" = torch.ops.aten.add.Tensor(arg0_1, arg1_1);  arg0_1 = None
        """{'val': FakeTensor(..., size=(4, 4))}"""
        mul: "f32[4, 4]" = torch.ops.aten.mul.Tensor(add, arg1_1);  add = arg1_1 = None
        return (mul,)
