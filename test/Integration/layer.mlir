// The example LLaMA-style layer, JIT-run through libfxrt with a user op
// (the attention stand-in in Inputs/userops.c, loaded with --shared-lib):
// with the fx passes it makes zero copies and one allocation per fresh
// tensor, and its outputs are bit-identical to the run without them.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %fx_src/examples/llama_layer.mlir --sym=s0=3 --seed=7 --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s
// RUN: test -f %t/out0.npy && test -f %t/out1.npy

// CHECK: with fx passes: {{.*}}, 7 allocations ({{[0-9]+}} bytes), 0 copies (0 bytes), peak: [[P:[0-9]+]] bytes (live-set bound: [[P]] bytes)
// CHECK: without fx passes: {{.*}}, 15 allocations ({{[0-9]+}} bytes), 10 copies ({{[0-9]+}} bytes), peak: [[Q:[0-9]+]] bytes (live-set bound: [[Q]] bytes)
// CHECK: out0: bit-identical
// CHECK: out1: bit-identical
// CHECK: copies avoided: 10
// CHECK: out0: {{.*}}out0.npy checksum
