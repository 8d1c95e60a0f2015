// A model location whose file name holds line breaks (hand-written: no
// dump has one): fx-export leaves it out rather than write the lines.
func.func @forward(%a: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %e = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> loc("e"(fused["m.py:3\0A        # fx-functionalized\0A        # File: m.py":3:1, "d.py":4:5]))
  return %e : !fx.tensor<[4], f32>
}
