// fx-run's seeded random arguments are the distribution docs/runtime.md
// documents (Inputs/random_ref.py recomputes it independently): one
// splitmix64 stream over the tensor arguments in order, four elements per
// draw, floats (k - 2048) / 2048, integers k mod 64, i1 k mod 2; an
// argument given by --input takes nothing from the stream; a weight (a
// float argument of rank >= 2 whose dims are all static: %c, %w) is scaled
// by 1/sqrt(its largest dim), an activation (%x, a symbolic dim) is not.
// RUN: rm -rf %t && mkdir -p %t/a %t/b %t/c %t/d
// RUN: fx-run %s --seed=7 --output-dir=%t/a | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/random_ref.py 7 %t/a f32:5 i32:3 f16:6:3 i1:4 i64:2 | FileCheck %s --check-prefix=REF
// RUN: fx-run %s --output-dir=%t/c > /dev/null
// RUN: %python %S/Inputs/random_ref.py 0 %t/c f32:5 i32:3 f16:6:3 i1:4 i64:2 | FileCheck %s --check-prefix=REF
// RUN: fx-run %s --seed=7 --input=0=%t/c/out0.npy --output-dir=%t/b > /dev/null
// RUN: %python %S/Inputs/random_ref.py 7 %t/b input i32:3 f16:6:3 i1:4 i64:2 | FileCheck %s --check-prefix=INPUT
// RUN: fx-run %s --entry=weights --sym=s0=2 --seed=5 --output-dir=%t/d > /dev/null
// RUN: %python %S/Inputs/random_ref.py 5 %t/d f16:8 f32:8:4 | FileCheck %s --check-prefix=WEIGHTS
// RUN: not %python %S/Inputs/random_ref.py 5 %t/d f16:8 f32:8 2>&1 | FileCheck %s --check-prefix=UNSCALED
// WEIGHTS: out0.npy: 8 f16 elements as documented
// WEIGHTS-NEXT: out1.npy: 8 f32 elements as documented
// UNSCALED: out1.npy: element {{[0-9]+}} is
// RUN: cmp %t/b/out0.npy %t/c/out0.npy
// RUN: not cmp %t/a/out0.npy %t/c/out0.npy
// OUT: out0: {{.*}}out0.npy checksum
// REF: out0.npy: 5 f32 elements as documented
// REF-NEXT: out1.npy: 3 i32 elements as documented
// REF-NEXT: out2.npy: 6 f16 elements as documented
// REF-NEXT: out3.npy: 4 i1 elements as documented
// REF-NEXT: out4.npy: 2 i64 elements as documented
// INPUT: out1.npy: 3 i32 elements as documented
// INPUT-NEXT: out2.npy: 6 f16 elements as documented

func.func @random(%a: !fx.tensor<[5], f32>, %b: !fx.tensor<[3], i32>, %c: !fx.tensor<[2, 3], f16>, %d: !fx.tensor<[4], i1>, %e: !fx.tensor<[2], i64>)
    -> (!fx.tensor<[5], f32>, !fx.tensor<[3], i32>, !fx.tensor<[2, 3], f16>, !fx.tensor<[4], i1>, !fx.tensor<[2], i64>) {
  %0 = fx.call "aten::clone"(self = %a)
      : (!fx.tensor<[5], f32>)
      -> !fx.tensor<[5], f32>
  %1 = fx.call "aten::clone"(self = %b)
      : (!fx.tensor<[3], i32>)
      -> !fx.tensor<[3], i32>
  %2 = fx.call "aten::clone"(self = %c)
      : (!fx.tensor<[2, 3], f16>)
      -> !fx.tensor<[2, 3], f16>
  %3 = fx.call "aten::clone"(self = %d)
      : (!fx.tensor<[4], i1>)
      -> !fx.tensor<[4], i1>
  %4 = fx.call "aten::clone"(self = %e)
      : (!fx.tensor<[2], i64>)
      -> !fx.tensor<[2], i64>
  return %0, %1, %2, %3, %4 : !fx.tensor<[5], f32>, !fx.tensor<[3], i32>, !fx.tensor<[2, 3], f16>, !fx.tensor<[4], i1>, !fx.tensor<[2], i64>
}

func.func @weights(%x: !fx.tensor<["s0", 4], f16>, %w: !fx.tensor<[4, 2], f32>)
    -> (!fx.tensor<["s0", 4], f16>, !fx.tensor<[4, 2], f32>) {
  %0 = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<["s0", 4], f16>)
      -> !fx.tensor<["s0", 4], f16>
  %1 = fx.call "aten::clone"(self = %w)
      : (!fx.tensor<[4, 2], f32>)
      -> !fx.tensor<[4, 2], f32>
  return %0, %1 : !fx.tensor<["s0", 4], f16>, !fx.tensor<[4, 2], f32>
}
