// The reductions in a graph (kernels/cpu/reduce.c): LLaMA's RMSNorm as
// aten ops (pow, mean.dim with keepdim, add, rsqrt, mul, _to_copy),
// attention-style softmax of f16 scores (also half_to_float), and sums of
// ints and of everything; run with and without the fx passes, compared
// with what reduce_check.py computes in pure Python (ints exact, floats
// within a few ulp: fxir sums pairwise, the script in double).
// RUN: rm -rf %t && mkdir -p %t/in %t/out
// RUN: %python %S/Inputs/reduce_check.py gen %t/in
// RUN: fx-run %s --entry=red --input=0=%t/in/in0.npy --input=1=%t/in/in1.npy --input=2=%t/in/in2.npy --input=3=%t/in/in3.npy --check-passes -O0 --output-dir=%t/out | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK: out5: bit-identical
// RUN: %python %S/Inputs/reduce_check.py check %t/out | FileCheck %s --check-prefix=VALUES
// VALUES-COUNT-6: matches torch
// VALUES-NOT: MISMATCH

func.func @red(%x: !fx.tensor<[4, 16], f32>, %w: !fx.tensor<[16], f32>, %s: !fx.tensor<[2, 3, 5], f16>, %ids: !fx.tensor<[3, 4], i64>) -> (!fx.tensor<[4, 16], f16>, !fx.tensor<[2, 3, 5], f16>, !fx.tensor<[2, 3, 5], f32>, !fx.tensor<[4], i64>, !fx.tensor<[], f32>, !fx.tensor<[1, 3, 1], f16>) {
  %p = fx.call "aten::pow.Tensor_Scalar"(self = %x) {exponent = 2 : i64} : (!fx.tensor<[4, 16], f32>) -> !fx.tensor<[4, 16], f32>
  %v = fx.call "aten::mean.dim"(self = %p) {dim = [-1], keepdim = true} : (!fx.tensor<[4, 16], f32>) -> !fx.tensor<[4, 1], f32>
  %e = fx.call "aten::add.Scalar"(self = %v) {other = 1.0e-06 : f64} : (!fx.tensor<[4, 1], f32>) -> !fx.tensor<[4, 1], f32>
  %r = fx.call "aten::rsqrt"(self = %e) : (!fx.tensor<[4, 1], f32>) -> !fx.tensor<[4, 1], f32>
  %n = fx.call "aten::mul.Tensor"(self = %x, other = %r) : (!fx.tensor<[4, 16], f32>, !fx.tensor<[4, 1], f32>) -> !fx.tensor<[4, 16], f32>
  %nw = fx.call "aten::mul.Tensor"(self = %n, other = %w) : (!fx.tensor<[4, 16], f32>, !fx.tensor<[16], f32>) -> !fx.tensor<[4, 16], f32>
  %h = fx.call "aten::_to_copy"(self = %nw) {dtype = f16} : (!fx.tensor<[4, 16], f32>) -> !fx.tensor<[4, 16], f16>
  %sm = fx.call "aten::_softmax"(self = %s) {dim = -1, half_to_float = false} : (!fx.tensor<[2, 3, 5], f16>) -> !fx.tensor<[2, 3, 5], f16>
  %sf = fx.call "aten::_softmax"(self = %s) {dim = 1, half_to_float = true} : (!fx.tensor<[2, 3, 5], f16>) -> !fx.tensor<[2, 3, 5], f32>
  %t = fx.call "aten::t"(self = %ids) : (!fx.tensor<[3, 4], i64>) -> !fx.tensor<[4, 3], i64>
  %si = fx.call "aten::sum.dim_IntList"(self = %t) {dim = [1]} : (!fx.tensor<[4, 3], i64>) -> !fx.tensor<[4], i64>
  %all = fx.call "aten::sum.dim_IntList"(self = %x) : (!fx.tensor<[4, 16], f32>) -> !fx.tensor<[], f32>
  %ms = fx.call "aten::mean.dim"(self = %s) {dim = [0, 2], keepdim = true} : (!fx.tensor<[2, 3, 5], f16>) -> !fx.tensor<[1, 3, 1], f16>
  return %h, %sm, %sf, %si, %all, %ms : !fx.tensor<[4, 16], f16>, !fx.tensor<[2, 3, 5], f16>, !fx.tensor<[2, 3, 5], f32>, !fx.tensor<[4], i64>, !fx.tensor<[], f32>, !fx.tensor<[1, 3, 1], f16>
}
