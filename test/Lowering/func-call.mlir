// func.call between fx functions: every fx function's arguments take every
// dim as `?` (its entry checks them), so a call casts its operands to that
// type; results keep their static dims; !fx.sym operands are index values.
// RUN: fx-opt %s --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s
// RUN: fx-opt %s --pass-pipeline='builtin.module(fx-to-llvm)' | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @double
// CHECK-SAME: (%{{.*}}: memref<?x?xf32, strided<[?, ?], offset: ?>>) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
func.func @double(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> {
  %c = fx.call "aten::add.Tensor"(self = %x, other = %x)
      : (!fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 4], f32>)
      -> !fx.tensor<["s0", 4], f32>
  return %c : !fx.tensor<["s0", 4], f32>
}

// Two calls in a row: the second takes the first's (canonical) result.
// CHECK-LABEL: func.func @twice
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>)
// CHECK: %[[XC:.*]] = memref.cast %[[X]] : memref<?x?xf32, strided<[?, ?], offset: ?>> to memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[A0:.*]] = memref.cast %[[XC]] : memref<?x4xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: %[[R0:.*]] = call @double(%[[A0]]) : (memref<?x?xf32, strided<[?, ?], offset: ?>>) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: %[[A1:.*]] = memref.cast %[[R0]] : memref<?x4xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: %[[R1:.*]] = call @double(%[[A1]])
// CHECK-NEXT: return %[[R1]]
func.func @twice(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> {
  %0 = func.call @double(%x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %1 = func.call @double(%0) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return %1 : !fx.tensor<["s0", 4], f32>
}

// A symbol argument passes as its index value; an fx op uses the call's
// result like any lowered value.
// CHECK-LABEL: func.func @with_symbol
// CHECK-SAME: (%{{.*}}: memref<?x?xf32, strided<[?, ?], offset: ?>>, %{{.*}}: index) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
func.func @with_symbol(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> {
  %y = fx.slice %x, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  return %y : !fx.tensor<["s1", 4], f32>
}

// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%{{.*}}: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[N:.*]]: index)
// CHECK: %[[R:.*]] = call @with_symbol(%{{.*}}, %[[N]]) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, index) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: return
func.func @caller(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> {
  %y = func.call @with_symbol(%x, %n) : (!fx.tensor<["s0", 4], f32>, !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32>
  %c = fx.call "aten::clone"(self = %y)
      : (!fx.tensor<["s1", 4], f32>)
      -> !fx.tensor<["s1", 4], f32>
  return %c : !fx.tensor<["s1", 4], f32>
}

// A declaration (a function compiled elsewhere) gets the same signature.
// CHECK-LABEL: func.func private @elsewhere
// CHECK-SAME: (memref<?x?xf16, strided<[?, ?], offset: ?>>) -> memref<?x8xf16, strided<[?, ?], offset: ?>>
func.func private @elsewhere(!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>

// LLVM-LABEL: llvm.func @twice
// LLVM: llvm.call @double(
// LLVM: llvm.call @double(
// LLVM-LABEL: llvm.func @caller
// LLVM: llvm.call @with_symbol(
