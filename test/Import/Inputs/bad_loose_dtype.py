class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[4]"):
        foo = torch.ops.mylib.foo.default(x, torch.complex64);  foo = None
        return (x,)
