class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4]", arg1_1: "f32[4]"):
        primals_1, primals_2, = fx_pytree.tree_flatten_spec([arg0_1, arg1_1], self._in_spec)
        return (primals_1,)
