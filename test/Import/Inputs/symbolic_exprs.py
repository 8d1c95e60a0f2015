class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "Sym(s72)", arg1_1: "f16[s72 + 1, 64]", arg2_1: "f16[s72, 64]"):
        add: "Sym(s72 + 1)" = arg0_1 + 1
        mul: "Sym(2*s72)" = arg0_1 * 2
        floordiv: "Sym((s72//2))" = arg0_1 // 2
        slice_1: "f16[s72, 64]" = torch.ops.aten.slice.Tensor(arg1_1, 0, 1, add)
        view: "f16[2*s72, 32]" = torch.ops.aten.view.default(arg2_1, [mul, 32])
        slice_2: "f16[s72 - (s72//2), 64]" = torch.ops.aten.slice.Tensor(arg2_1, 0, floordiv, 9223372036854775807)
        clone: "f16[s72 - (s72//2), 64]" = torch.ops.aten.clone.default(slice_2);  slice_2 = None
        floordiv_1: "Sym(((s72 + 1)//2))" = add // 2
        sym_max: "Sym(Max(1, s72))" = torch.sym_max(1, arg0_1)
        empty: "f16[((s72 + 1)//2), Max(1, s72)]" = torch.ops.aten.empty.memory_format([floordiv_1, sym_max], dtype = torch.float16, device = device(type='cuda', index=0), pin_memory = False)
        return (slice_1, view, clone, empty)
