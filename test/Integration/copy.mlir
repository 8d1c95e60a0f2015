// aten::copy_ converts dtypes and broadcasts src to self, as torch does; the
// verifier accepts it and the runtime does it (kernels/cpu/copy.c).  JIT-run
// with and without the fx passes on inputs with rounding ties, the fp16
// overflow point, signed zeros and ints beyond fp32's 24 bits; the outputs
// must be torch's bit for bit (Inputs/copy_check.py computes them exactly).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/copy_check.py gen %t
// RUN: fx-run %s --sym=s0=3 --input=0=%t/in0.npy --input=1=%t/in1.npy --input=2=%t/in2.npy --input=3=%t/in3.npy --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/copy_check.py check %t | FileCheck %s
// RUN: fx-run %s --sym=s0=3 --input=0=%t/in0.npy --input=1=%t/in1.npy --input=2=%t/in2.npy --input=3=%t/in3.npy --no-fx-passes -O2 --output-dir=%t > %t/log
// RUN: %python %S/Inputs/copy_check.py check %t | FileCheck %s
// SAME-COUNT-5: bit-identical
// CHECK: out0 f16 -> f32, rows broadcast: <f4 (3, 4), 0 mismatches
// CHECK-NEXT: out1 f32 -> f16, same shape: <f2 (3, 4), 0 mismatches
// CHECK-NEXT: out2 f32 -> i32, columns broadcast: <i4 (3, 5), 0 mismatches
// CHECK-NEXT: out3 i64 -> f32, leading dims broadcast: <f4 (2, 3, 4), 0 mismatches
// CHECK-NEXT: out4 f32 -> f16, functional form: <f2 (3, 4), 0 mismatches

func.func @copy_convert(%x16: !fx.tensor<[4], f16>, %x32: !fx.tensor<["s0", 4], f32>, %col: !fx.tensor<[3, 1], f32>, %x64: !fx.tensor<[4], i64>) -> (!fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 4], f16>, !fx.tensor<[3, 5], i32>, !fx.tensor<[2, "s0", 4], f32>, !fx.tensor<["s0", 4], f16>) {
  %b0 = fx.call "aten::empty"() {size = ["s0", 4], dtype = f32} : () -> !fx.tensor<["s0", 4], f32>
  %c0 = fx.call "aten::copy_"(self = %b0, src = %x16) : (!fx.tensor<["s0", 4], f32>, !fx.tensor<[4], f16>) -> !fx.tensor<["s0", 4], f32>
  %b1 = fx.call "aten::empty"() {size = ["s0", 4], dtype = f16} : () -> !fx.tensor<["s0", 4], f16>
  %c1 = fx.call "aten::copy_"(self = %b1, src = %x32) : (!fx.tensor<["s0", 4], f16>, !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f16>
  %b2 = fx.call "aten::empty"() {size = [3, 5], dtype = i32} : () -> !fx.tensor<[3, 5], i32>
  %c2 = fx.call "aten::copy_"(self = %b2, src = %col) : (!fx.tensor<[3, 5], i32>, !fx.tensor<[3, 1], f32>) -> !fx.tensor<[3, 5], i32>
  %b3 = fx.call "aten::empty"() {size = [2, "s0", 4], dtype = f32} : () -> !fx.tensor<[2, "s0", 4], f32>
  %c3 = fx.call "aten::copy_"(self = %b3, src = %x64) : (!fx.tensor<[2, "s0", 4], f32>, !fx.tensor<[4], i64>) -> !fx.tensor<[2, "s0", 4], f32>
  %b4 = fx.call "aten::empty"() {size = ["s0", 4], dtype = f16} : () -> !fx.tensor<["s0", 4], f16>
  %c4:2 = fx.auto_functionalized "aten::copy_"(self = %b4, src = %x32) : (!fx.tensor<["s0", 4], f16>, !fx.tensor<["s0", 4], f32>) -> (!fx.tensor<["s0", 4], f16>, !fx.tensor<["s0", 4], f16>)
  return %c0, %c1, %c2, %c3, %c4#1 : !fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 4], f16>, !fx.tensor<[3, 5], i32>, !fx.tensor<[2, "s0", 4], f32>, !fx.tensor<["s0", 4], f16>
}
