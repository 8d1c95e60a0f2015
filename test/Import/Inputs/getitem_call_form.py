class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "bf16[8, 128]"):
        gather_pair = torch.ops.mylib.gather_pair.default(arg0_1);  arg0_1 = None
        getitem: "bf16[16, 128]" = operator.getitem(gather_pair, 0)
        getitem_1: "i32[8]" = operator.getitem(gather_pair, 1);  gather_pair = None
        return (getitem, getitem_1)
