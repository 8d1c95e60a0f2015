class GraphModule(torch.nn.Module):
    # fx-donated: x
    def forward(self, x: "f32[4]", y: "f32[4]"):
        c: "f32[4]" = self.c
        add: "f32[4]" = torch.ops.aten.add.Tensor(x, c)
        return (add,)
