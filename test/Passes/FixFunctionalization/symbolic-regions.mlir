// Regions bounded by symbolic expressions (fxir/FxDimExpr.h): a padded
// ["s72 + 1", ...] buffer written at [:s72] and scattered back with the same
// bounds needs no clone; bounds are compared in canonical form, an
// expression's monomials as symbols >= 0; a bound that may be negative is
// not trusted.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// The padded buffer's first s72 rows: written in place, the scatter goes.
// CHECK-LABEL: func.func @padded_rows
// CHECK: %[[BUF:.*]] = fx.call "aten::cos"
// CHECK: %[[ROWS:.*]] = fx.slice %[[BUF]], dim = 0, start = 0, end = "s72"
// CHECK: fx.call "_C::rms_norm"(result = %[[ROWS]],
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::clone
// CHECK: return %[[BUF]]
func.func @padded_rows(%a: !fx.tensor<["s72 + 1", 4096], f16>, %x: !fx.tensor<["s72", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s72 + 1", 4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s72", step = 1 : !fx.tensor<["s72 + 1", 4096], f16> -> !fx.tensor<["s72", 4096], f16>
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s72", 4096], f16>, !fx.tensor<["s72", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s72", 4096], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = 0, end = "s72", step = 1 : (!fx.tensor<["s72 + 1", 4096], f16>, !fx.tensor<["s72", 4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16>
  return %buf1 : !fx.tensor<["s72 + 1", 4096], f16>
}

// Rows [s0, 2*s0) of a [2*s0 + 1, 8] buffer: expression bounds on both ends.
// CHECK-LABEL: func.func @expression_bounds
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::clone
// CHECK: return
func.func @expression_bounds(%a: !fx.tensor<["2*s0 + 1", 8], f16>, %x: !fx.tensor<["s0", 8], f16>, %w: !fx.tensor<[8], f16>) -> !fx.tensor<["2*s0 + 1", 8], f16> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["2*s0 + 1", 8], f16>) -> !fx.tensor<["2*s0 + 1", 8], f16>
  %rows = fx.slice %buf, dim = 0, start = "s0", end = "2*s0", step = 1 : !fx.tensor<["2*s0 + 1", 8], f16> -> !fx.tensor<["s0", 8], f16>
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = "s0", end = "2*s0", step = 1 : (!fx.tensor<["2*s0 + 1", 8], f16>, !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["2*s0 + 1", 8], f16>
  return %buf1 : !fx.tensor<["2*s0 + 1", 8], f16>
}

// The first s0 rows of a [s0 + 1, 8] buffer, named two ways: [:s0] by the
// slice and [:-1] by the scatter, which is [0, E - 1) for E = "s0 + 1":
// equal only as linear expressions (E - 1 = s0).  The scatter overwrites
// exactly what the call wrote, so the call writes in place; the scatter
// stays, as scatter-back elimination compares bounds as attributes.
// CHECK-LABEL: func.func @rows_two_ways
// CHECK-NOT: aten::clone
// CHECK: fx.call "_C::rms_norm"(result =
// CHECK: fx.slice_scatter
func.func @rows_two_ways(%a: !fx.tensor<["s0 + 1", 8], f16>, %x: !fx.tensor<["s0", 8], f16>, %w: !fx.tensor<[8], f16>) -> !fx.tensor<["s0 + 1", 8], f16> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s0 + 1", 8], f16>) -> !fx.tensor<["s0 + 1", 8], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0 + 1", 8], f16> -> !fx.tensor<["s0", 8], f16>
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = 0, end = -1, step = 1 : (!fx.tensor<["s0 + 1", 8], f16>, !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0 + 1", 8], f16>
  return %buf1 : !fx.tensor<["s0 + 1", 8], f16>
}

// Written at [:s72], scattered at [1:s72 + 1]: another region.  The scatter
// copies the old rows 1..s72 of the buffer, which the call would overwrite
// in part: the operand is cloned.
// CHECK-LABEL: func.func @negative_shifted
// CHECK: aten::clone
// CHECK: fx.slice_scatter
func.func @negative_shifted(%a: !fx.tensor<["s72 + 1", 4096], f16>, %x: !fx.tensor<["s72", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s72 + 1", 4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s72", step = 1 : !fx.tensor<["s72 + 1", 4096], f16> -> !fx.tensor<["s72", 4096], f16>
  // expected-remark @below {{cloned operand 'result'}}
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s72", 4096], f16>, !fx.tensor<["s72", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s72", 4096], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = 1, end = "s72 + 1", step = 1 : (!fx.tensor<["s72 + 1", 4096], f16>, !fx.tensor<["s72", 4096], f16>) -> !fx.tensor<["s72 + 1", 4096], f16>
  return %buf1 : !fx.tensor<["s72 + 1", 4096], f16>
}

// An end that may be negative ("s0 - 1" is -1 when s0 = 0, and then counts
// from the end) is not trusted as a bound: written at [:s0 - 1] and
// scattered there, the pass cannot tell the regions apart from the rest.
// CHECK-LABEL: func.func @negative_maybe_negative_end
// CHECK: aten::clone
// CHECK: fx.slice_scatter
func.func @negative_maybe_negative_end(%a: !fx.tensor<["s0", 8], f16>, %x: !fx.tensor<["s0 - 1", 8], f16>, %w: !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s0 - 1", step = 1 : !fx.tensor<["s0", 8], f16> -> !fx.tensor<["s0 - 1", 8], f16>
  // expected-remark @below {{cloned operand 'result'}}
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0 - 1", 8], f16>, !fx.tensor<["s0 - 1", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0 - 1", 8], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = 0, end = "s0 - 1", step = 1 : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0 - 1", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %y = fx.call "aten::cos"(self = %buf) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  return %buf1 : !fx.tensor<["s0", 8], f16>
}
