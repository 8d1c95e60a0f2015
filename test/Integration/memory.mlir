// Memory: the lowered program frees each tensor after the last use of the
// tensors sharing its storage (lowering/Liveness.c), so fx-run's peak (the
// inputs included) is the live-set bound.  Under ASan (scripts/test's
// second suite) a tensor freed too early is a heap-use-after-free.
// RUN: rm -rf %t && mkdir -p %t/v
// RUN: fx-run %s --entry=chain --check-passes --output-dir=%t | FileCheck %s --check-prefix=CHAIN
// RUN: fx-run %s --entry=view_alive --check-passes --output-dir=%t | FileCheck %s --check-prefix=VIEW
// RUN: fx-run %s --entry=view_alive --no-fx-passes --seed=5 --output-dir=%t/v
// RUN: %python %S/Inputs/memory_check.py %t/v
// RUN: fx-run %s --entry=copy_functional --check-passes --output-dir=%t | FileCheck %s --check-prefix=COPY
// RUN: fx-run %s --entry=shared_results --check-passes --output-dir=%t | FileCheck %s --check-prefix=SHARED

// Four new [4, 8] f32 tensors (128 bytes each) in a chain, each dead after
// the next: at most two live at once beside the 128-byte input, 384 bytes
// (512 + 128 = 640 if nothing were freed).
// CHAIN: with fx passes: {{.*}}, 4 allocations (512 bytes), {{.*}}, peak: 384 bytes (live-set bound: 384 bytes)
// CHAIN: without fx passes: {{.*}}, 4 allocations (512 bytes), {{.*}}, peak: 384 bytes (live-set bound: 384 bytes)
// CHAIN: out0: bit-identical
func.func @chain(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.call "aten::add.Tensor"(self = %b, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %d = fx.call "aten::add.Tensor"(self = %c, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  return %d : !fx.tensor<[4, 8], f32>
}

// %a lives on through its slice %s after its own last use; %t (dead) is
// freed where it is made (were %a freed early, %t could take its place:
// the checker would see 2x where x was).  Inputs 128 + 64; %a 128 and %b 128 live at the
// first add, then %t 128 beside %a and %b, then %c 64: 192 + 384 = 576.
// With the passes fx-dce removes %t: 192 + 256 + 64 (%c beside %a, %b).
// VIEW: with fx passes: {{.*}}, peak: 512 bytes (live-set bound: 512 bytes)
// VIEW: without fx passes: {{.*}}, peak: 576 bytes (live-set bound: 576 bytes)
// VIEW: out0: bit-identical
// VIEW: out1: bit-identical
func.func @view_alive(%x: !fx.tensor<[4, 8], f32>, %y: !fx.tensor<[2, 8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %s = fx.slice %a, dim = 0, start = 2, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.call "aten::add.Tensor"(self = %x, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.call "aten::add.Tensor"(self = %s, other = %y) : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  return %b, %c, %x, %y : !fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>, !fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>
}

// A callee that returns one new tensor twice: freed after the caller's
// last use of either result (were it freed after the first, %c could be
// made in its place and read zeros: 4 + 0 instead of 4 + 2).
// The callee's tensor (16 bytes) is not in the bound, which counts what the
// entry function's own ops allocate (docs/runtime.md): %b and %c, 32.
// SHARED: with fx passes: {{.*}}, 3 allocations (48 bytes), {{.*}}, peak: 48 bytes (live-set bound: 32 bytes)
// SHARED: out0: {{.*}} checksum 24{{$}}
func.func private @twice() -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  %a = fx.call "aten::full"() {size = [4], fill_value = 2.0 : f64} : () -> !fx.tensor<[4], f32>
  return %a, %a : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}
func.func @shared_results() -> !fx.tensor<[4], f32> {
  %p:2 = func.call @twice() : () -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  %b = fx.call "aten::add.Tensor"(self = %p#0, other = %p#0) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %c = fx.call "aten::add.Tensor"(self = %p#1, other = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// auto_functionalized copy_ returns its `self` copy: one new tensor, not
// two (a bound that counted both was 256 bytes above the peak).
// COPY: with fx passes: {{.*}}, peak: [[P:[0-9]+]] bytes (live-set bound: [[P]] bytes)
// COPY: without fx passes: {{.*}}, peak: [[Q:[0-9]+]] bytes (live-set bound: [[Q]] bytes)
// COPY: out0: bit-identical
func.func @copy_functional(%x: !fx.tensor<[64], f32>) -> !fx.tensor<[64], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[64], f32>) -> !fx.tensor<[64], f32>
  %b = fx.call "aten::add.Tensor"(self = %x, other = %x) : (!fx.tensor<[64], f32>, !fx.tensor<[64], f32>) -> !fx.tensor<[64], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %a, src = %b) : (!fx.tensor<[64], f32>, !fx.tensor<[64], f32>) -> (!fx.tensor<[64], f32>, !fx.tensor<[64], f32>)
  %c = fx.call "aten::add.Tensor"(self = %r#1, other = %x) : (!fx.tensor<[64], f32>, !fx.tensor<[64], f32>) -> !fx.tensor<[64], f32>
  return %c : !fx.tensor<[64], f32>
}
