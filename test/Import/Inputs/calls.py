class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "bf16[8, 128]", arg1_1: "bf16[8, 128]", arg2_1: "i32[8]"):
        _tensor_constant0: "i64[4]" = self._tensor_constant0
        _frozen_param0: "bf16[128]" = getattr(self, "_frozen_param0")
        gather_pair = torch.ops.mylib.gather_pair.default(arg0_1, [arg1_1, arg0_1], 'tp:0', 2, -0.5, True, None, [1, -1], torch.bfloat16, device(type='cuda', index=1), group = 'g', pin_memory = False);  arg1_1 = None
        getitem: "bf16[16, 128]" = gather_pair[0]
        getitem_1: "i32[8]" = gather_pair[1];  gather_pair = None
        record_ = torch.ops.mylib.record_.default(getitem, arg2_1, inf, _tensor_constant0, device = device(type='cuda', index=0));  record_ = None
        add: "bf16[8, 128]" = torch.ops.aten.add.Tensor(arg0_1, _frozen_param0);  arg0_1 = _frozen_param0 = None
        scaled: "bf16[8, 128]" = torch.ops.mylib.scale.default(add, alpha = 0.125);  add = None
        split_with_sizes = torch.ops.aten.split_with_sizes.default(scaled, [4, 4]);  scaled = None
        getitem_3: "bf16[4, 128]" = operator.getitem(split_with_sizes, 1);  split_with_sizes = None
        return (getitem, getitem_1, getitem_3)
