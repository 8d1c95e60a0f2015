// The matrix products and gathers (aten::addmm, mm, bmm, embedding,
// index_select) JIT-run through libfxrt with and without the fx passes:
// bit-identical outputs under every pass order, and the values
// Inputs/matmul_check.py computes from the definitions (small integers,
// so every sum is exact in fp32 and the one rounding to bf16/f16 is done
// there from the exact value).  Operands come as t()/transpose views and
// column slices, self broadcast as a bias; alpha/beta reach the kernel.
// RUN: rm -rf %t && mkdir -p %t/linear %t/linear_f32 %t/batched %t/gathers
// RUN: %python %S/Inputs/matmul_check.py gen %t
// RUN: fx-run %s --entry=linear --sym=s0=5 --input=0=%t/linear_in0.npy --input=1=%t/linear_in1.npy --input=2=%t/linear_in2.npy --check-passes -O0 --output-dir=%t/linear | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=linear_f32 --sym=s0=5 --input=0=%t/linear_f32_in0.npy --input=1=%t/linear_f32_in1.npy --input=2=%t/linear_f32_in2.npy --check-passes -O0 --output-dir=%t/linear_f32 | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=batched --sym=s0=5 --input=0=%t/batched_in0.npy --input=1=%t/batched_in1.npy --check-passes -O0 --output-dir=%t/batched | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=gathers --sym=s0=5 --input=0=%t/gathers_in0.npy --input=1=%t/gathers_in1.npy --input=2=%t/gathers_in2.npy --input=3=%t/gathers_in3.npy --check-passes -O0 --output-dir=%t/gathers | FileCheck %s --check-prefix=SAME
// SAME: out0: bit-identical
// RUN: %python %S/Inputs/matmul_check.py check %t | FileCheck %s
// CHECK: linear out0 addmm(b, x, t(w)) bf16 (5, 32): 0 mismatches
// CHECK-NEXT: linear_f32 out0 addmm(c, x[:, 16:80], t(w), beta=0.5, alpha=2) f32 (5, 48): 0 mismatches
// CHECK-NEXT: linear_f32 out1 mm(x[:, 16:80], t(w)) f32 (5, 48): 0 mismatches
// CHECK-NEXT: batched out0 bmm(q, transpose(k, 1, 2)) f16 (2, 5, 8): 0 mismatches
// CHECK-NEXT: gathers out0 embedding(tab, ids) bf16 (5, 16): 0 mismatches
// CHECK-NEXT: gathers out1 index_select(x3, -1, idx) f32 (4, 5, 3): 0 mismatches
// CHECK-NEXT: gathers out2 index_select(tab, 0, ids) bf16 (5, 16): 0 mismatches
//
// 0 tokens (random inputs, but index_select's indices): nothing to
// compute, the runs still agree.
// RUN: fx-run %s --entry=linear --sym=s0=0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: fx-run %s --entry=gathers --sym=s0=0 --input=3=%t/gathers_in3.npy --check-passes --output-dir=%t | FileCheck %s --check-prefix=SAME
//
// The passes change the layouts mm reads (a dense copy without them; an
// every-other-column slice, or rows 128 apart, with them): the bits must
// still agree (kernels/cpu/gemm.c, "Why one orientation").
// RUN: fx-run %s --entry=layouts --sym=s0=7 --seed=5 --check-passes --output-dir=%t | FileCheck %s --check-prefix=LAYOUT
// LAYOUT: check-passes: 5 orders against none, 4 distinct modules run
// LAYOUT-NEXT: out0: bit-identical
// LAYOUT-NEXT: out1: bit-identical
//
// An index outside the table is a run-time error at the op; no output.
// RUN: not fx-run %s --entry=gathers --sym=s0=5 --input=0=%t/gathers_in0.npy --input=1=%t/bad_ids.npy --output-dir=%t 2>&1 | FileCheck %s --check-prefix=EMBED
// EMBED: fx-run: error: {{.*}}matmul.mlir:[[@LINE+26]]:{{[0-9]+}}: fxrt_aten__embedding: indices[3] is 50, out of range for the rows of 'weight' of size 50: valid indices are 0 to 49 (torch: index out of range in self)
// RUN: not fx-run %s --entry=gathers --sym=s0=5 --input=2=%t/gathers_in2.npy --input=3=%t/bad_idx.npy --input=1=%t/gathers_in1.npy --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SELECT
// SELECT: fx-run: error: {{.*}}matmul.mlir:[[@LINE+25]]:{{[0-9]+}}: fxrt_aten__index_select: index[2] is -1, out of range for dim 2 of 'self' of size 6: valid indices are 0 to 5 (torch: index out of range in self)

func.func @linear(%x: !fx.tensor<["s0", 64], bf16>, %w: !fx.tensor<[32, 64], bf16>, %b: !fx.tensor<[32], bf16>) -> !fx.tensor<["s0", 32], bf16> {
  %wt = fx.call "aten::t"(self = %w) : (!fx.tensor<[32, 64], bf16>) -> !fx.tensor<[64, 32], bf16>
  %x2 = fx.reshape %x, shape = ["s0", 64] : !fx.tensor<["s0", 64], bf16> -> !fx.tensor<["s0", 64], bf16>
  %y = fx.call "aten::addmm"(self = %b, mat1 = %x2, mat2 = %wt) : (!fx.tensor<[32], bf16>, !fx.tensor<["s0", 64], bf16>, !fx.tensor<[64, 32], bf16>) -> !fx.tensor<["s0", 32], bf16>
  return %y : !fx.tensor<["s0", 32], bf16>
}

func.func @linear_f32(%x: !fx.tensor<["s0", 96], f32>, %w: !fx.tensor<[48, 64], f32>, %c: !fx.tensor<["s0", 48], f32>) -> (!fx.tensor<["s0", 48], f32>, !fx.tensor<["s0", 48], f32>) {
  %xs = fx.slice %x, dim = 1, start = 16, end = 80, step = 1 : !fx.tensor<["s0", 96], f32> -> !fx.tensor<["s0", 64], f32>
  %wt = fx.call "aten::t"(self = %w) : (!fx.tensor<[48, 64], f32>) -> !fx.tensor<[64, 48], f32>
  %y = fx.call "aten::addmm"(self = %c, mat1 = %xs, mat2 = %wt) {beta = 0.5 : f64, alpha = 2 : i64} : (!fx.tensor<["s0", 48], f32>, !fx.tensor<["s0", 64], f32>, !fx.tensor<[64, 48], f32>) -> !fx.tensor<["s0", 48], f32>
  %m = fx.call "aten::mm"(self = %xs, mat2 = %wt) : (!fx.tensor<["s0", 64], f32>, !fx.tensor<[64, 48], f32>) -> !fx.tensor<["s0", 48], f32>
  return %y, %m : !fx.tensor<["s0", 48], f32>, !fx.tensor<["s0", 48], f32>
}

func.func @batched(%q: !fx.tensor<[2, "s0", 16], f16>, %k: !fx.tensor<[2, 8, 16], f16>) -> !fx.tensor<[2, "s0", 8], f16> {
  %kt = fx.call "aten::transpose.int"(self = %k) {dim0 = 1, dim1 = 2} : (!fx.tensor<[2, 8, 16], f16>) -> !fx.tensor<[2, 16, 8], f16>
  %s = fx.call "aten::bmm"(self = %q, mat2 = %kt) : (!fx.tensor<[2, "s0", 16], f16>, !fx.tensor<[2, 16, 8], f16>) -> !fx.tensor<[2, "s0", 8], f16>
  return %s : !fx.tensor<[2, "s0", 8], f16>
}

func.func @gathers(%tab: !fx.tensor<[50, 16], bf16>, %ids: !fx.tensor<["s0"], i64>, %x3: !fx.tensor<[4, 5, 6], f32>, %idx: !fx.tensor<[3], i32>) -> (!fx.tensor<["s0", 16], bf16>, !fx.tensor<[4, 5, 3], f32>, !fx.tensor<["s0", 16], bf16>) {
  %e = fx.call "aten::embedding"(weight = %tab, indices = %ids) {padding_idx = 0} : (!fx.tensor<[50, 16], bf16>, !fx.tensor<["s0"], i64>) -> !fx.tensor<["s0", 16], bf16>
  %s = fx.call "aten::index_select"(self = %x3, index = %idx) {dim = -1} : (!fx.tensor<[4, 5, 6], f32>, !fx.tensor<[3], i32>) -> !fx.tensor<[4, 5, 3], f32>
  %r = fx.call "aten::index_select"(self = %tab, index = %ids) {dim = 0} : (!fx.tensor<[50, 16], bf16>, !fx.tensor<["s0"], i64>) -> !fx.tensor<["s0", 16], bf16>
  return %e, %s, %r : !fx.tensor<["s0", 16], bf16>, !fx.tensor<[4, 5, 3], f32>, !fx.tensor<["s0", 16], bf16>
}

func.func @layouts(%x2: !fx.tensor<["s0", 128], f32>, %x: !fx.tensor<["s0", 64], f32>, %w: !fx.tensor<[64], f32>, %w2: !fx.tensor<[16, 64], f32>) -> (!fx.tensor<["s0", 16], f32>, !fx.tensor<["s0", 16], f32>) {
  %w2t = fx.call "aten::t"(self = %w2) : (!fx.tensor<[16, 64], f32>) -> !fx.tensor<[64, 16], f32>
  // A copying reshape and its way back: noop-elimination makes mm read the
  // every-other-column slice itself (packed into a panel) instead of a
  // dense copy (read in place).
  %xs = fx.slice %x2, dim = 1, start = 0, end = 128, step = 2 : !fx.tensor<["s0", 128], f32> -> !fx.tensor<["s0", 64], f32>
  %flat = fx.reshape %xs, shape = [-1] : !fx.tensor<["s0", 64], f32> -> !fx.tensor<["64*s0"], f32>
  %back = fx.reshape %flat, shape = ["s0", 64] : !fx.tensor<["64*s0"], f32> -> !fx.tensor<["s0", 64], f32>
  %m0 = fx.call "aten::mm"(self = %back, mat2 = %w2t) : (!fx.tensor<["s0", 64], f32>, !fx.tensor<[64, 16], f32>) -> !fx.tensor<["s0", 16], f32>
  // rms_norm into a column slice: fix-functionalization makes it write the
  // slice itself (rows 128 apart) instead of a dense clone.
  %buf = fx.call "aten::empty"() {size = ["s0", 128], dtype = f32} : () -> !fx.tensor<["s0", 128], f32>
  %sl = fx.slice %buf, dim = 1, start = 0, end = 64, step = 1 : !fx.tensor<["s0", 128], f32> -> !fx.tensor<["s0", 64], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %sl, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f32>, !fx.tensor<["s0", 64], f32>, !fx.tensor<[64], f32>) -> !fx.tensor<["s0", 64], f32>
  %m1 = fx.call "aten::mm"(self = %n, mat2 = %w2t) : (!fx.tensor<["s0", 64], f32>, !fx.tensor<[64, 16], f32>) -> !fx.tensor<["s0", 16], f32>
  return %m0, %m1 : !fx.tensor<["s0", 16], f32>, !fx.tensor<["s0", 16], f32>
}
