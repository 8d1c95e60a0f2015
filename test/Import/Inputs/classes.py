from __future__ import annotations
import torch
from torch import device
class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[4, 8]", arg1_1: "f32[8, 2]"):
        mm: "f32[4, 2]" = torch.ops.aten.mm.default(arg0_1, arg1_1);  arg0_1 = arg1_1 = None
        return (mm,)
        
    class submod_0(torch.nn.Module):
        def forward(self, x: "bf16[2]"):
            touch_ = torch.ops.mylib.touch_.default(x);  touch_ = None
            return ()
            
    class submod_1(torch.nn.Module):
        def forward(self, y: "i32[3]", z: "i64[3]"):
            return [z, y]
            
class Repro(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.register_buffer('_tensor_constant0', torch.empty([3], dtype=torch.int64))

    def forward(self, w: "f16[2, 2]"):
        return w

