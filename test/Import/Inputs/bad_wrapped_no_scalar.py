class GraphModule(torch.nn.Module):
    def forward(self, x: "b8[4]"):
        bitwise_and: "b8[4]" = torch.ops.aten.bitwise_and.Tensor(x, 1)
        return (bitwise_and,)
