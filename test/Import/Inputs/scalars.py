class GraphModule(torch.nn.Module):
    def forward(self, s0: "Sym(s0)", x: "b8[s0]", m: "b8[s0]", e: "f32[s0]"):
        masked_fill: "b8[s0]" = torch.ops.aten.masked_fill.Scalar(x, m, True)
        empty: "f32[s0, 4]" = torch.ops.aten.empty.memory_format([s0, 4], dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)
        return (masked_fill, empty)
