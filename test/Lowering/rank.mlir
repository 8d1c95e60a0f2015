// Rank: the runtime's records, views and row walkers hold 8 dims
// (FXRT_MAX_RANK).  A rank-8 graph lowers all the way to LLVM; a rank-9
// tensor is a clear error naming the rank, never a crash (the verifier may
// report it first; either way the message names rank 9 and fx-opt exits 1).
// RUN: fx-opt %s --split-input-file --pass-pipeline='builtin.module(fx-to-llvm)' 2>&1 | FileCheck %s --check-prefix=EIGHT
// RUN: not fx-opt %S/Inputs/rank9.mlir --split-input-file --pass-pipeline='builtin.module(fx-lower-to-runtime)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=NINE

// EIGHT-LABEL: llvm.func @rank8
// EIGHT: llvm.call @fxrt_reshape(
// EIGHT: llvm.call @fxrt_alloc(
// EIGHT: llvm.call @fxrt_copy(
// EIGHT-NOT: error
func.func @rank8(%x: !fx.tensor<[1, 2, 1, 2, 1, 2, 1, "s0"], f32>) -> !fx.tensor<[2, 2, 1, 2, 1, 1, 1, "s0"], f32> {
  %v = fx.reshape %x, shape = [2, 2, 1, 2, 1, 1, 1, "s0"] : !fx.tensor<[1, 2, 1, 2, 1, 2, 1, "s0"], f32> -> !fx.tensor<[2, 2, 1, 2, 1, 1, 1, "s0"], f32>
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[2, 2, 1, 2, 1, 1, 1, "s0"], f32>) -> !fx.tensor<[2, 2, 1, 2, 1, 1, 1, "s0"], f32>
  return %c : !fx.tensor<[2, 2, 1, 2, 1, 1, 1, "s0"], f32>
}

// NINE: rank9.mlir:3:{{[0-9]+}}: error: {{.*}}rank 9
// NINE: rank9.mlir:17:{{[0-9]+}}: error: {{.*}}rank 9
// NINE-NOT: error
