class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f64[4, 8]", arg1_1: "i16[4]", arg2_1: "u8[4, 8][8, 1]cpu", arg3_1: "f8e5m2[4, 8]", arg4_1: "f8e8m0fnu[4, 1]", arg5_1: "f4e2m1fnx2[4, 16]"):
        # An f64 result of a cast, a u8 empty, a packed clone.
        _to_copy: "f32[4, 8]" = torch.ops.aten._to_copy.default(arg0_1, dtype = torch.float32)
        empty: "u8[4, 8]" = torch.ops.aten.empty.memory_format([4, 8], dtype = torch.uint8, device = device(type='cpu'), pin_memory = False)
        copy_: "u8[4, 8]" = torch.ops.aten.copy_.default(empty, arg0_1);  empty = None
        clone: "f4e2m1fnx2[4, 16]" = torch.ops.aten.clone.default(arg5_1);  arg5_1 = None
        empty_1: "f64[4]" = torch.ops.aten.empty.memory_format([4], dtype = torch.float64, device = device(type='cpu'), pin_memory = False)
        empty_2: "f8e5m2[2]" = torch.ops.aten.empty.memory_format([2], dtype = torch.float8_e5m2, device = device(type='cpu'), pin_memory = False)
        empty_3: "f8e8m0fnu[2]" = torch.ops.aten.empty.memory_format([2], dtype = torch.float8_e8m0fnu, device = device(type='cpu'), pin_memory = False)
        empty_4: "i16[2]" = torch.ops.aten.empty.memory_format([2], dtype = torch.int16, device = device(type='cpu'), pin_memory = False)
        empty_5: "f4e2m1fnx2[2]" = torch.ops.aten.empty.memory_format([2], dtype = torch.float4_e2m1fn_x2, device = device(type='cpu'), pin_memory = False)
        return (_to_copy, copy_, clone, arg1_1, arg3_1, arg4_1, empty_1, empty_2, empty_3, empty_4, empty_5)
