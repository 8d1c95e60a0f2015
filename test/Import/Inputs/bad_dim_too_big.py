class G(torch.nn.Module):
    def forward(self, x: "f16[99999999999999999999, 4]"):
        return (x,)
