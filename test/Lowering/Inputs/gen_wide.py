# gen_wide.py N: a function with N tensor arguments (one symbol each), N
# results and a user op with N int parameters, plus the FileCheck lines
# that test/Lowering/limits.mlir checks it with (no limit of 64 or any
# other fixed count in fx-lower-to-runtime).
import sys

n = int(sys.argv[1])
T = lambda i: '!fx.tensor<["s%d", 8], f32>' % i
params = ', '.join('int p%d' % i for i in range(n))
print('fx.schema "mylib::wide" = "wide(Tensor(a!) x, %s) -> ()"' % params)
args = ', '.join('%%a%d: %s' % (i, T(i)) for i in range(n))
print('func.func @wide(%s) -> (%s) {' % (args, ', '.join(T(i) for i in range(n))))
ints = ', '.join('p%d = %d' % (i, i) for i in range(n))
print('  fx.call "mylib::wide"(x = %%a0) {%s} : (%s) -> ()' % (ints, T(0)))
for i in range(n):
    print('  %%c%d = fx.call "aten::clone"(self = %%a%d) : (%s) -> %s'
          % (i, i, T(i), T(i)))
print('  return %s : %s' % (', '.join('%%c%d' % i for i in range(n)), ', '.join(T(i) for i in range(n))))
print('}')
# The lowered signature has every argument and result, each symbol is
# checked at the entry, and the user op gets every parameter.
M = 'memref<?x?xf32, strided<[?, ?], offset: ?>>'
R = 'memref<?x8xf32, strided<[?, ?], offset: ?>>'
print('// CHECK-LABEL: func.func @wide(')
print('// CHECK-SAME: %%arg%d: %s)' % (n - 1, M))
print('// CHECK-SAME: -> (%s)' % ', '.join([R] * n))
print('// CHECK-COUNT-%d: call @fxrt_check_size(' % n)
print('// CHECK: func.call @fxrt_mylib__wide(%%{{.*}}) : (memref<?x8xf32, strided<[?, ?], offset: ?>>, %s) -> ()'
      % ', '.join(['i64'] * n))
print('// CHECK-COUNT-%d: call @fxrt_copy(' % n)
print('// CHECK: return')
