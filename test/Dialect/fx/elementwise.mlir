// The elementwise aten ops: torch's broadcasting and type promotion
// (dialect/FxVerifyElementwise.c, kernels/fx_promote.h) accept what torch
// accepts; every result type here is the one torch gives.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-verify))' | FileCheck %s

// CHECK-LABEL: func.func @promotion
func.func @promotion(%h: !fx.tensor<["s0", 4], f16>, %f: !fx.tensor<[4], f32>, %z: !fx.tensor<[], f32>, %l: !fx.tensor<[4], i64>, %i: !fx.tensor<[1, 4], i32>, %b: !fx.tensor<[4], i1>, %u: !fx.tensor<[4], ui8>, %s: !fx.tensor<[4], i8>, %g: !fx.tensor<[4], bf16>) {
  // Tensors with dims promote each other: f16 and f32 give f32.
  // CHECK: (!fx.tensor<["s0", 4], f16>, !fx.tensor<[4], f32>) -> !fx.tensor<["s0", 4], f32>
  %0 = fx.call "aten::add.Tensor"(self = %h, other = %f) : (!fx.tensor<["s0", 4], f16>, !fx.tensor<[4], f32>) -> !fx.tensor<["s0", 4], f32>
  // A 0-dim tensor does not raise a dim tensor of its category...
  // CHECK: (!fx.tensor<["s0", 4], f16>, !fx.tensor<[], f32>) -> !fx.tensor<["s0", 4], f16>
  %1 = fx.call "aten::mul.Tensor"(self = %h, other = %z) : (!fx.tensor<["s0", 4], f16>, !fx.tensor<[], f32>) -> !fx.tensor<["s0", 4], f16>
  // ... but does one of a lower category: i64 and a 0-dim f32 give f32.
  // CHECK: (!fx.tensor<[4], i64>, !fx.tensor<[], f32>) -> !fx.tensor<[4], f32>
  %2 = fx.call "aten::sub.Tensor"(self = %l, other = %z) : (!fx.tensor<[4], i64>, !fx.tensor<[], f32>) -> !fx.tensor<[4], f32>
  // Ints: the wider; uint8 and int8 give int16; f16 and bf16 give f32.
  // CHECK: -> !fx.tensor<[1, 4], i64>
  %3 = fx.call "aten::add.Tensor"(self = %i, other = %l) {alpha = 3 : i64} : (!fx.tensor<[1, 4], i32>, !fx.tensor<[4], i64>) -> !fx.tensor<[1, 4], i64>
  // CHECK: -> !fx.tensor<[4], i16>
  %4 = fx.call "aten::mul.Tensor"(self = %u, other = %s) : (!fx.tensor<[4], ui8>, !fx.tensor<[4], i8>) -> !fx.tensor<[4], i16>
  // CHECK: -> !fx.tensor<[4], f32>
  %5 = fx.call "aten::mul.Tensor"(self = %g, other = %f) : (!fx.tensor<[4], bf16>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // bool with anything gives the other; bool with bool stays bool.
  // CHECK: -> !fx.tensor<[4], i1>
  %6 = fx.call "aten::add.Tensor"(self = %b, other = %b) : (!fx.tensor<[4], i1>, !fx.tensor<[4], i1>) -> !fx.tensor<[4], i1>
  // True division: ints give f32.
  // CHECK: -> !fx.tensor<[4], f32>
  %7 = fx.call "aten::div.Tensor"(self = %l, other = %l) : (!fx.tensor<[4], i64>, !fx.tensor<[4], i64>) -> !fx.tensor<[4], f32>
  // A Scalar: an int keeps an int tensor's dtype, a float makes it f32, a
  // float keeps a float tensor's dtype.
  // CHECK: -> !fx.tensor<[1, 4], i32>
  %8 = fx.call "aten::add.Scalar"(self = %i) {other = 2 : i64} : (!fx.tensor<[1, 4], i32>) -> !fx.tensor<[1, 4], i32>
  // CHECK: -> !fx.tensor<[1, 4], f32>
  %9 = fx.call "aten::mul.Scalar"(self = %i) {other = 2.5 : f64} : (!fx.tensor<[1, 4], i32>) -> !fx.tensor<[1, 4], f32>
  // CHECK: -> !fx.tensor<["s0", 4], f16>
  %10 = fx.call "aten::rsub.Scalar"(self = %h) {other = 1.0 : f64, alpha = 2 : i64} : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f16>
  // CHECK: -> !fx.tensor<[1, 4], f32>
  %11 = fx.call "aten::div.Scalar"(self = %i) {other = 2 : i64} : (!fx.tensor<[1, 4], i32>) -> !fx.tensor<[1, 4], f32>
  // CHECK: -> !fx.tensor<[4], i64>
  %12 = fx.call "aten::pow.Tensor_Scalar"(self = %l) {exponent = 2 : i64} : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  // CHECK: -> !fx.tensor<[4], f32>
  %13 = fx.call "aten::pow.Tensor_Scalar"(self = %l) {exponent = 0.5 : f64} : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], f32>
  // CHECK: -> !fx.tensor<[4], i64>
  %14 = fx.call "aten::add.Scalar"(self = %b) {other = 1 : i64} : (!fx.tensor<[4], i1>) -> !fx.tensor<[4], i64>
  return
}

// CHECK-LABEL: func.func @other_ops
func.func @other_ops(%h: !fx.tensor<["s0", 4], f16>, %z: !fx.tensor<[], f32>, %l: !fx.tensor<[4], i64>, %b: !fx.tensor<["s0", 1], i1>, %m: !fx.tensor<[4], i1>) {
  // Comparisons give bool.
  // CHECK: aten::lt.Scalar
  %0 = fx.call "aten::lt.Scalar"(self = %l) {other = 2.5 : f64} : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i1>
  // CHECK: aten::eq.Scalar
  %1 = fx.call "aten::eq.Scalar"(self = %h) {other = 0 : i64} : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], i1>
  // Bitwise ops on bool and ints; a symbol broadcasts against 1.
  // CHECK: -> !fx.tensor<["s0", 4], i1>
  %2 = fx.call "aten::bitwise_and.Tensor"(self = %b, other = %m) : (!fx.tensor<["s0", 1], i1>, !fx.tensor<[4], i1>) -> !fx.tensor<["s0", 4], i1>
  // CHECK: -> !fx.tensor<[4], i64>
  %3 = fx.call "aten::bitwise_or.Tensor"(self = %l, other = %m) : (!fx.tensor<[4], i64>, !fx.tensor<[4], i1>) -> !fx.tensor<[4], i64>
  // CHECK: aten::bitwise_not
  %4 = fx.call "aten::bitwise_not"(self = %b) : (!fx.tensor<["s0", 1], i1>) -> !fx.tensor<["s0", 1], i1>
  // where: the broadcast of all three, the result type of self and other.
  // CHECK: -> !fx.tensor<["s0", 4], f16>
  %5 = fx.call "aten::where.self"(condition = %b, self = %h, other = %z) : (!fx.tensor<["s0", 1], i1>, !fx.tensor<["s0", 4], f16>, !fx.tensor<[], f32>) -> !fx.tensor<["s0", 4], f16>
  // masked_fill: the broadcast of self and mask, self's dtype.
  // CHECK: aten::masked_fill.Scalar
  %6 = fx.call "aten::masked_fill.Scalar"(self = %h, mask = %m) {value = -1.0e+04 : f64} : (!fx.tensor<["s0", 4], f16>, !fx.tensor<[4], i1>) -> !fx.tensor<["s0", 4], f16>
  // Unary float ops give f32 for ints; abs and neg keep the dtype.
  // CHECK: -> !fx.tensor<[4], f32>
  %7 = fx.call "aten::exp"(self = %l) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], f32>
  // CHECK: aten::rsqrt
  %8 = fx.call "aten::rsqrt"(self = %h) : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f16>
  // CHECK: aten::silu
  %9 = fx.call "aten::silu"(self = %h) : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f16>
  // CHECK: aten::abs
  %10 = fx.call "aten::abs"(self = %l) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  // CHECK: aten::neg
  %11 = fx.call "aten::neg"(self = %h) : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], f16>
  // _to_copy: self's shape, the dtype argument.
  // CHECK: aten::_to_copy
  %12 = fx.call "aten::_to_copy"(self = %h) {dtype = bf16} : (!fx.tensor<["s0", 4], f16>) -> !fx.tensor<["s0", 4], bf16>
  // full infers i64 from an int fill_value, f32 from a float one.
  // CHECK: -> !fx.tensor<["s0", 3], i64>
  %13 = fx.call "aten::full"() {size = ["s0", 3], fill_value = 7 : i64} : () -> !fx.tensor<["s0", 3], i64>
  // CHECK: -> !fx.tensor<[2], f32>
  %14 = fx.call "aten::full"() {size = [2], fill_value = 0.5 : f64} : () -> !fx.tensor<[2], f32>
  // CHECK: -> !fx.tensor<[2, 2], f16>
  %15 = fx.call "aten::ones"() {size = [2, 2], dtype = f16} : () -> !fx.tensor<[2, 2], f16>
  // CHECK: -> !fx.tensor<[3], f32>
  %16 = fx.call "aten::zeros"() {size = [3]} : () -> !fx.tensor<[3], f32>
  return
}

// Reductions: the dims (negative ones count from the end; none or [] is
// every dim), keepdim, torch's result dtypes.
// CHECK-LABEL: func.func @reductions
func.func @reductions(%h: !fx.tensor<["s0", 4, 8], f16>, %l: !fx.tensor<[2, 3], i32>, %b: !fx.tensor<[5], i1>) {
  // CHECK: -> !fx.tensor<["s0", 4], f16>
  %0 = fx.call "aten::sum.dim_IntList"(self = %h) {dim = [-1]} : (!fx.tensor<["s0", 4, 8], f16>) -> !fx.tensor<["s0", 4], f16>
  // CHECK: -> !fx.tensor<["s0", 1, 1], f32>
  %1 = fx.call "aten::mean.dim"(self = %h) {dim = [2, 1], keepdim = true, dtype = f32} : (!fx.tensor<["s0", 4, 8], f16>) -> !fx.tensor<["s0", 1, 1], f32>
  // Ints and bool sum to i64.
  // CHECK: -> !fx.tensor<[], i64>
  %2 = fx.call "aten::sum.dim_IntList"(self = %l) : (!fx.tensor<[2, 3], i32>) -> !fx.tensor<[], i64>
  // CHECK: -> !fx.tensor<[1], i64>
  %3 = fx.call "aten::sum.dim_IntList"(self = %b) {dim = [], keepdim = true} : (!fx.tensor<[5], i1>) -> !fx.tensor<[1], i64>
  // CHECK: -> !fx.tensor<["s0", 4, 8], f32>
  %4 = fx.call "aten::_softmax"(self = %h) {dim = -1, half_to_float = true} : (!fx.tensor<["s0", 4, 8], f16>) -> !fx.tensor<["s0", 4, 8], f32>
  // CHECK: -> !fx.tensor<["s0", 4, 8], f16>
  %5 = fx.call "aten::_softmax"(self = %h) {dim = 0, half_to_float = false} : (!fx.tensor<["s0", 4, 8], f16>) -> !fx.tensor<["s0", 4, 8], f16>
  return
}
