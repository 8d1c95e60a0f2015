class GraphModule(torch.nn.Module):
    def forward(self, x: "f32[4]]"):
        return (x,)
