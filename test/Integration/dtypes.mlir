// f64, u8 (ui8), i16 and the packed f4e2m1fnx2 through fx-run: .npy in,
// clone (the same bits out) and aten::copy_ casts with torch's rules
// (kernels/cpu/copy.c), .npy out; Inputs/dtypes_check.py computes the
// expected bits independently.  JIT-run with and without the fx passes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/dtypes_check.py gen %t
// RUN: fx-run %s --input=0=%t/in0.npy --input=1=%t/in1.npy --input=2=%t/in2.npy --input=3=%t/in3.npy --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/dtypes_check.py check %t | FileCheck %s
// RUN: fx-run %s --input=0=%t/in0.npy --input=1=%t/in1.npy --input=2=%t/in2.npy --input=3=%t/in3.npy --no-fx-passes -O2 --output-dir=%t > %t/log
// RUN: %python %S/Inputs/dtypes_check.py check %t | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUM < %t/log
// The checksums read f64 as doubles, u8 unsigned, i16 signed; a packed
// f4e2m1fnx2 element counts as its byte.
// SUM: out0: {{.*}} checksum 70047.1
// SUM-NEXT: out1: {{.*}} checksum 584
// SUM-NEXT: out2: {{.*}} checksum 553
// SUM-NEXT: out3: {{.*}} checksum 1785
// SAME-COUNT-11: bit-identical
// CHECK: out0 f64 clone: <f8 (10,), 0 mismatches
// CHECK-NEXT: out1 u8 clone: |u1 (5,), 0 mismatches
// CHECK-NEXT: out2 i16 clone: <i2 (5,), 0 mismatches
// CHECK-NEXT: out3 f4e2m1fnx2 clone: |u1 (3, 5), 0 mismatches
// CHECK-NEXT: out4 f64 -> f32: <f4 (10,), 0 mismatches
// CHECK-NEXT: out5 f64 -> u8: |u1 (10,), 0 mismatches
// CHECK-NEXT: out6 f64 -> i16: <i2 (10,), 0 mismatches
// CHECK-NEXT: out7 u8 -> f64: <f8 (5,), 0 mismatches
// CHECK-NEXT: out8 u8 -> i8: |i1 (5,), 0 mismatches
// CHECK-NEXT: out9 i16 -> u8: |u1 (5,), 0 mismatches
// CHECK-NEXT: out10 i16 -> f64: <f8 (5,), 0 mismatches

func.func @dtypes(%d: !fx.tensor<[10], f64>, %u: !fx.tensor<[5], ui8>, %s: !fx.tensor<[5], i16>, %p: !fx.tensor<[3, 5], vector<2xf4E2M1FN>>)
    -> (!fx.tensor<[10], f64>, !fx.tensor<[5], ui8>, !fx.tensor<[5], i16>, !fx.tensor<[3, 5], vector<2xf4E2M1FN>>,
        !fx.tensor<[10], f32>, !fx.tensor<[10], ui8>, !fx.tensor<[10], i16>, !fx.tensor<[5], f64>, !fx.tensor<[5], i8>,
        !fx.tensor<[5], ui8>, !fx.tensor<[5], f64>) {
  %c0 = fx.call "aten::clone"(self = %d) : (!fx.tensor<[10], f64>) -> !fx.tensor<[10], f64>
  %c1 = fx.call "aten::clone"(self = %u) : (!fx.tensor<[5], ui8>) -> !fx.tensor<[5], ui8>
  %c2 = fx.call "aten::clone"(self = %s) : (!fx.tensor<[5], i16>) -> !fx.tensor<[5], i16>
  %c3 = fx.call "aten::clone"(self = %p) : (!fx.tensor<[3, 5], vector<2xf4E2M1FN>>) -> !fx.tensor<[3, 5], vector<2xf4E2M1FN>>
  %b4 = fx.call "aten::empty"() {size = [10], dtype = f32} : () -> !fx.tensor<[10], f32>
  %c4 = fx.call "aten::copy_"(self = %b4, src = %d) : (!fx.tensor<[10], f32>, !fx.tensor<[10], f64>) -> !fx.tensor<[10], f32>
  %b5 = fx.call "aten::empty"() {size = [10], dtype = ui8} : () -> !fx.tensor<[10], ui8>
  %c5 = fx.call "aten::copy_"(self = %b5, src = %d) : (!fx.tensor<[10], ui8>, !fx.tensor<[10], f64>) -> !fx.tensor<[10], ui8>
  %b6 = fx.call "aten::empty"() {size = [10], dtype = i16} : () -> !fx.tensor<[10], i16>
  %c6 = fx.call "aten::copy_"(self = %b6, src = %d) : (!fx.tensor<[10], i16>, !fx.tensor<[10], f64>) -> !fx.tensor<[10], i16>
  %b7 = fx.call "aten::empty"() {size = [5], dtype = f64} : () -> !fx.tensor<[5], f64>
  %c7 = fx.call "aten::copy_"(self = %b7, src = %u) : (!fx.tensor<[5], f64>, !fx.tensor<[5], ui8>) -> !fx.tensor<[5], f64>
  %b8 = fx.call "aten::empty"() {size = [5], dtype = i8} : () -> !fx.tensor<[5], i8>
  %c8 = fx.call "aten::copy_"(self = %b8, src = %u) : (!fx.tensor<[5], i8>, !fx.tensor<[5], ui8>) -> !fx.tensor<[5], i8>
  %b9 = fx.call "aten::empty"() {size = [5], dtype = ui8} : () -> !fx.tensor<[5], ui8>
  %c9 = fx.call "aten::copy_"(self = %b9, src = %s) : (!fx.tensor<[5], ui8>, !fx.tensor<[5], i16>) -> !fx.tensor<[5], ui8>
  %b10 = fx.call "aten::empty"() {size = [5], dtype = f64} : () -> !fx.tensor<[5], f64>
  %c10 = fx.call "aten::copy_"(self = %b10, src = %s) : (!fx.tensor<[5], f64>, !fx.tensor<[5], i16>) -> !fx.tensor<[5], f64>
  return %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8, %c9, %c10
    : !fx.tensor<[10], f64>, !fx.tensor<[5], ui8>, !fx.tensor<[5], i16>, !fx.tensor<[3, 5], vector<2xf4E2M1FN>>,
      !fx.tensor<[10], f32>, !fx.tensor<[10], ui8>, !fx.tensor<[10], i16>, !fx.tensor<[5], f64>, !fx.tensor<[5], i8>,
      !fx.tensor<[5], ui8>, !fx.tensor<[5], f64>
}
