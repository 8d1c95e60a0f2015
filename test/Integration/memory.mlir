// Memory: the lowered program frees each tensor after the last use of the
// tensors sharing its storage (lowering/Liveness.c), so fx-run's peak (the
// inputs included) is the live-set bound.  Under ASan (scripts/test's
// second suite) a tensor freed too early is a heap-use-after-free.
// RUN: rm -rf %t && mkdir -p %t/v
// RUN: fx-run %s --entry=chain --check-passes --output-dir=%t | FileCheck %s --check-prefix=CHAIN
// RUN: fx-run %s --entry=view_alive --check-passes --output-dir=%t | FileCheck %s --check-prefix=VIEW
// RUN: fx-run %s --entry=view_alive --no-fx-passes --seed=5 --output-dir=%t/v
// RUN: %python %S/Inputs/memory_check.py %t/v

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
