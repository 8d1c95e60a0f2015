class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s72)", arg1_1: "bf16[s72, 768]", arg2_1: "bf16[s72, 256]"):
        sym_size_int: "Sym(s72)" = torch.ops.aten.sym_size.int(arg1_1, 0)
        split = torch.ops.aten.split.Tensor(arg1_1, 256, 1)
        getitem: "bf16[s72, 256]" = split[0]
        getitem_2: "bf16[s72, 256]" = split[2];  split = None
        slice_1: "bf16[s72, 255]" = torch.ops.aten.slice.Tensor(getitem, 1, 1, 9223372036854775807);  getitem = None
        slice_2: "bf16[s72, 256]" = torch.ops.aten.slice.Tensor(getitem_2, dim = 0, start = 0, end = 9223372036854775807);  getitem_2 = None
        slice_3: "bf16[s72, 256]" = torch.ops.aten.slice.Tensor(slice_2);  slice_2 = None
        slice_4: "bf16[s72, 128]" = torch.ops.aten.slice.Tensor(slice_3, -1, -128);  slice_3 = None
        slice_5: "bf16[s72, 64]" = torch.ops.aten.slice.Tensor(slice_4, 1, 0, 128, 2);  slice_4 = None
        slice_6: "bf16[s72, 256]" = torch.ops.aten.slice.Tensor(arg2_1, 0, 0, sym_size_int)
        slice_scatter: "bf16[s72, 256]" = torch.ops.aten.slice_scatter.default(slice_6, slice_5, 1, 0, 128, 2);  slice_6 = slice_5 = None
        slice_scatter_1: "bf16[s72, 256]" = torch.ops.aten.slice_scatter.default(arg2_1, slice_scatter, 0, 0, 9223372036854775807);  arg2_1 = slice_scatter = None
        view: "bf16[s72, 2, 128]" = torch.ops.aten.view.default(slice_scatter_1, [sym_size_int, 2, 128]);  slice_scatter_1 = None
        reshape: "bf16[2, s72, 128]" = torch.ops.aten.reshape.default(view, [2, arg0_1, 128]);  view = None
        _unsafe_view: "bf16[2, s72, 128]" = torch.ops.aten._unsafe_view.default(reshape, [2, -1, 128]);  reshape = None
        split_with_sizes = torch.ops.aten.split_with_sizes.default(_unsafe_view, [1, 1]);  _unsafe_view = None
        getitem_4: "bf16[1, s72, 128]" = split_with_sizes[1];  split_with_sizes = None
        return (slice_1, getitem_4)
