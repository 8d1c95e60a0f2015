// A residual argument mutated by two fused_add_rms_norm calls and written
// back once by a final copy_ (passes.md, rule (c')): with the passes both
// calls write it in place and the copy_ is gone; the outputs and the
// argument's final contents are bit-identical to the run without passes,
// in every pass order.
// RUN: fx-run %s --sym=s0=7 --check-passes -O0 | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK: out0: bit-identical
// CHECK: arguments: bit-identical after the run (3 compared, 1 of them written by the graph
// CHECK: copies avoided: 4
func.func @residual_chain(%x: !fx.tensor<["s0", 64], f16>, %r: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> !fx.tensor<["s0", 64], f16> {
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  %m = fx.call "aten::mul.Tensor"(self = %0#0, other = %0#0) : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %1:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %m, residual = %0#1, weight = %w) {epsilon = 1.0e-05 : f64}
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  %c = fx.call "aten::copy_"(self = %r, src = %1#1) : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  return %1#0 : !fx.tensor<["s0", 64], f16>
}
// The adversary round's miscompiles of the first version of rule (c'): the
// write-back copy_'s src read the argument's old contents (copy_(r, r), a
// view of r made before the call, a slice_scatter keeping old rows of r).
// RUN: fx-run %S/Inputs/write-back-c1_self_copy.mlir --check-passes -O0 | FileCheck %s --check-prefix=SRC
// RUN: fx-run %S/Inputs/write-back-c2_view_src.mlir --check-passes -O0 | FileCheck %s --check-prefix=SRC
// RUN: fx-run %S/Inputs/write-back-c12_scatter_src.mlir --check-passes -O0 | FileCheck %s --check-prefix=SRC
// SRC: out0: bit-identical
// SRC: arguments: bit-identical after the run
