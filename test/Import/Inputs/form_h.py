


def forward(self, arg0_1: "Sym(s72)", arg1_1: "i64[s72]", arg2_1: "f16[s72, 1536]", arg3_1: "f16[4096, 64]"):
    split_with_sizes = torch.ops.aten.split_with_sizes.default(arg2_1, [1024, 256, 256], -1)
    getitem: "f16[s72, 1024]" = split_with_sizes[0]
    getitem_1: "f16[s72, 256]" = split_with_sizes[1];  split_with_sizes = None
    auto_functionalized = torch.ops.higher_order.auto_functionalized(torch.ops._C.rotary_embedding.default, positions = arg1_1, query = getitem, key = getitem_1, head_size = 64, cos_sin_cache = arg3_1, is_neox = False, rope_dim_offset = 0, inverse = False);  getitem = getitem_1 = arg1_1 = arg3_1 = None
    getitem_2: "f16[s72, 1024]" = auto_functionalized[1]
    getitem_3: "f16[s72, 256]" = auto_functionalized[2];  auto_functionalized = None
    slice_scatter: "f16[s72, 1536]" = torch.ops.aten.slice_scatter.default(arg2_1, getitem_2, 1, 0, 1024);  getitem_2 = None
    slice_scatter_1: "f16[s72, 1536]" = torch.ops.aten.slice_scatter.default(slice_scatter, getitem_3, 1, 1024, 1280);  slice_scatter = getitem_3 = None
    return slice_scatter_1
