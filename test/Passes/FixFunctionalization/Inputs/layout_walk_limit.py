"""Prints a function whose operand's new value is copied into N times
(argv[1]) with aten::copy_, whose results may be the new value again
(layout-walk-limit.test)."""
import sys

n = int(sys.argv[1])
t = "!fx.tensor<[4, 4], f32>"
print(f"func.func @limit(%a: !fx.tensor<[4, 8], f32> {{fx.donated}}, %x: {t}, "
      f"%w: !fx.tensor<[4], f32>) -> {t} {{")
print(f"  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : "
      f"!fx.tensor<[4, 8], f32> -> {t}")
print(f'  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, '
      f"weight = %w) {{epsilon = 1.0e-06 : f64}} : ({t}, {t}, !fx.tensor<[4], f32>) -> {t}")
for i in range(n):
    print(f'  %c{i} = fx.call "aten::copy_"(self = %n, src = %x) : ({t}, {t}) -> {t}')
print(f"  return %n : {t}")
print("}")
