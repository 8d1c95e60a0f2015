// `fx.donated` is a unit attribute (DESIGN §3): `{fx.donated = false}` once
// counted as donated, and fx-fix-functionalization wrote the caller's
// buffer in place.  Every fx pass verifies the function first, so it now
// stops at the attribute instead; `{fx.donated}` still donates.
// RUN: not fx-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' 2>&1 | FileCheck %s

// CHECK: error: 'func.func' op argument 0 has fx.donated = false, but fx.donated is a unit attribute: write {fx.donated} or leave it out
func.func @negative_donated_false(%out: !fx.tensor<["s0", 4096], f16> {fx.donated = false}, %x: !fx.tensor<["s0", 4096], f16>,
                                  %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>


  return %0 : !fx.tensor<["s0", 4096], f16>
}

// -----

// CHECK-LABEL: func.func @donated
// CHECK-SAME: (%[[OUT:[^:]*]]: !fx.tensor<["s0", 4096], f16> {fx.donated}
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"
// CHECK-SAME: (result = %[[OUT]],
// CHECK: return %[[OUT]]
func.func @donated(%out: !fx.tensor<["s0", 4096], f16> {fx.donated}, %x: !fx.tensor<["s0", 4096], f16>,
                   %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>)
      -> !fx.tensor<["s0", 4096], f16>


  return %0 : !fx.tensor<["s0", 4096], f16>
}
