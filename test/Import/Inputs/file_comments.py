class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 8]", arg1_1: "f32[4, 8]"):
        # No stacktrace found for following nodes
        add: "f32[4, 8]" = torch.ops.aten.add.Tensor(arg0_1, arg1_1);  arg0_1 = None
        
        # File: /home/user/proj/model.py:12 in forward, code: y = x * w
        mul: "f32[4, 8]" = torch.ops.aten.mul.Tensor(add, arg1_1);  add = arg1_1 = None
        cos: "f32[4, 8]" = torch.ops.aten.cos.default(mul)
        
        # No stacktrace found for following nodes
        clone: "f32[4, 8]" = torch.ops.aten.clone.default(cos);  cos = None
        return (clone, mul)
