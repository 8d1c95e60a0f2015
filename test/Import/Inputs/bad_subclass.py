class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "DTensor(f32[8, 64][64, 1]cuda:0, (Shard(dim=0),))"):
        return (arg0_1,)
