"""Checks test/Integration/memory.mlir's @view_alive outputs in DIR:
out0 = x + x, out1 = x[2:4] + y (float32), out2 = x, out3 = y.  A tensor
freed before its last use (the slice's base) would give other values."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import npy  # noqa: E402

d = sys.argv[1]
out = [npy.read(os.path.join(d, "out%d.npy" % k)) for k in range(4)]
x, y = out[2][2], out[3][2]
want0 = [npy.f32(v + v) for v in x]
want1 = [npy.f32(x[16 + i] + y[i]) for i in range(16)]
bad = 0
for name, got, want in (("out0", out[0][2], want0), ("out1", out[1][2], want1)):
    if got != want:
        print("%s: differs from torch's result: %s != %s" % (name, got, want))
        bad += 1
    else:
        print("%s: as torch computes it" % name)
sys.exit(1 if bad else 0)
