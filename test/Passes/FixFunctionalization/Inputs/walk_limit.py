"""Prints a function whose residual's new value is read N times (argv[1])
before the copy_ that writes the argument back (write-back-walk-limit.test)."""
import sys

n = int(sys.argv[1])
t = "!fx.tensor<[8], f32>"
print(f"func.func @limit(%x: {t} {{fx.donated}}, %r: {t}, %w: {t}) -> {t} {{")
print(f'  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, '
      f"weight = %w) {{epsilon = 1.0e-05 : f64}} : ({t}, {t}, {t}) -> ({t}, {t})")
for i in range(n):
    print(f'  %c{i} = fx.call "aten::cos"(self = %0#1) : ({t}) -> {t}')
print(f'  %k = fx.call "aten::cos"(self = %0#0) : ({t}) -> {t}')
print(f'  %cp = fx.call "aten::copy_"(self = %r, src = %k) : ({t}, {t}) -> {t}')
print(f"  return %c0 : {t}")
print("}")
