class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 8]"):
        
         # File: /srv/fxir-test/old_model.py:57, code: h = x * 2
        mul: "f32[4, 8]" = torch.ops.aten.mul.Tensor(arg0_1, 2);  arg0_1 = None
        
         # File: /srv/fxir-test/old_model.py:58, code: return h[:, 1:]
        slice_1: "f32[4, 7]" = torch.ops.aten.slice.Tensor(mul, 1, 1, 9223372036854775807);  mul = None
        return (slice_1,)
