// The elementwise aten kernels in a graph (kernels/cpu/elementwise.c):
// torch's broadcasting and type promotion, a strided (transposed) input,
// f32/f16/i64/bool values, run with and without the fx passes; every
// output is compared with what elementwise_check.py computes in pure
// Python from torch's definitions (exact, or within an ulp or four for
// libm's exp/log/sigmoid/silu).
// RUN: rm -rf %t && mkdir -p %t/in %t/out
// RUN: %python %S/Inputs/elementwise_check.py gen %t/in
// RUN: fx-run %s --entry=ew --input=0=%t/in/in0.npy --input=1=%t/in/in1.npy --input=2=%t/in/in2.npy --input=3=%t/in/in3.npy --check-passes -O0 --output-dir=%t/out | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK: out19: bit-identical
// RUN: %python %S/Inputs/elementwise_check.py check %t/out | FileCheck %s --check-prefix=VALUES
// VALUES-COUNT-20: matches torch
// VALUES-NOT: MISMATCH

!F = !fx.tensor<[4, 8], f32>
!H = !fx.tensor<[4, 8], f16>
!B = !fx.tensor<[4, 8], i1>
func.func @ew(%x: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[8], f32>, %ids: !fx.tensor<[4], i64>, %h: !H) -> (!F, !F, !F, !F, !B, !H, !F, !H, !F, !F, !F, !fx.tensor<[4], i64>, !H, !fx.tensor<[4, 8], i64>, !H, !F, !fx.tensor<[4], i64>, !fx.tensor<[4], f16>, !F, !H) {
  %xt = fx.call "aten::t"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !F
  %a = fx.call "aten::add.Tensor"(self = %xt, other = %y) {alpha = 2 : i64} : (!F, !fx.tensor<[8], f32>) -> !F
  %s = fx.call "aten::sub.Tensor"(self = %a, other = %xt) : (!F, !F) -> !F
  %m = fx.call "aten::mul.Scalar"(self = %s) {other = 0.5 : f64} : (!F) -> !F
  %ids1 = fx.call "aten::unsqueeze"(self = %ids) {dim = 1} : (!fx.tensor<[4], i64>) -> !fx.tensor<[4, 1], i64>
  %dv = fx.call "aten::div.Tensor"(self = %ids1, other = %y) : (!fx.tensor<[4, 1], i64>, !fx.tensor<[8], f32>) -> !F
  %pw = fx.call "aten::pow.Tensor_Scalar"(self = %xt) {exponent = 2 : i64} : (!F) -> !F
  %p1 = fx.call "aten::add.Scalar"(self = %pw) {other = 1.0 : f64} : (!F) -> !F
  %rs = fx.call "aten::rsqrt"(self = %p1) : (!F) -> !F
  %gt = fx.call "aten::gt.Scalar"(self = %xt) {other = 0.25 : f64} : (!F) -> !B
  %lt = fx.call "aten::lt.Scalar"(self = %ids1) {other = 2 : i64} : (!fx.tensor<[4, 1], i64>) -> !fx.tensor<[4, 1], i1>
  %and = fx.call "aten::bitwise_and.Tensor"(self = %gt, other = %lt) : (!B, !fx.tensor<[4, 1], i1>) -> !B
  %not = fx.call "aten::bitwise_not"(self = %and) : (!B) -> !B
  %mf = fx.call "aten::masked_fill.Scalar"(self = %h, mask = %not) {value = 0xFFF0000000000000 : f64} : (!H, !B) -> !H
  %wh = fx.call "aten::where.self"(condition = %and, self = %xt, other = %y) : (!B, !F, !fx.tensor<[8], f32>) -> !F
  %sl = fx.call "aten::silu"(self = %h) : (!H) -> !H
  %sg = fx.call "aten::sigmoid"(self = %xt) : (!F) -> !F
  %ex = fx.call "aten::exp"(self = %xt) : (!F) -> !F
  %ab = fx.call "aten::abs"(self = %xt) : (!F) -> !F
  %lg = fx.call "aten::log"(self = %ab) : (!F) -> !F
  %ng = fx.call "aten::neg"(self = %ids) : (!fx.tensor<[4], i64>) -> !fx.tensor<[4], i64>
  %hc = fx.call "aten::_to_copy"(self = %xt) {dtype = f16} : (!F) -> !H
  %ic = fx.call "aten::_to_copy"(self = %m) {dtype = i64} : (!F) -> !fx.tensor<[4, 8], i64>
  %rsb = fx.call "aten::rsub.Scalar"(self = %h) {other = 1.0 : f64, alpha = 2 : i64} : (!H) -> !H
  %f = fx.call "aten::full"() {size = [4, 8], fill_value = 1.5 : f64} : () -> !F
  %fm = fx.call "aten::add.Tensor"(self = %f, other = %m) : (!F, !F) -> !F
  %z = fx.call "aten::zeros"() {size = [4], dtype = i64} : () -> !fx.tensor<[4], i64>
  %o = fx.call "aten::ones"() {size = [4], dtype = f16} : () -> !fx.tensor<[4], f16>
  %mh = fx.call "aten::mul.Tensor"(self = %h, other = %xt) : (!H, !F) -> !F
  %dh = fx.call "aten::div.Scalar"(self = %h) {other = 1.00048828125 : f64} : (!H) -> !H
  return %a, %m, %dv, %rs, %and, %mf, %wh, %sl, %sg, %ex, %lg, %ng, %hc, %ic, %rsb, %fm, %z, %o, %mh, %dh : !F, !F, !F, !F, !B, !H, !F, !H, !F, !F, !F, !fx.tensor<[4], i64>, !H, !fx.tensor<[4, 8], i64>, !H, !F, !fx.tensor<[4], i64>, !fx.tensor<[4], f16>, !F, !H
}
