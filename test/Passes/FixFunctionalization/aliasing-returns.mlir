// fx-fix-functionalization and an op whose own return aliases an operand it
// does not write (torch's view ops: `t(Tensor(a) self) -> Tensor(a)`).
// fx.auto_functionalized returns new storage (dialect.md, "Layouts"); as an
// in-place fx.call the return would be a view of the operand, and a write
// through it would reach the operand (an adversary's case: the returned
// clone came back doubled).  The verifier rejects a view op's
// (Dialect/fx/invalid.mlir); the pass, which C API users may run on IR not
// verified, keeps it: so this file is read unverified.  A user op's return
// is allocated apart whatever its schema says, so its functional form is
// valid IR, and the pass keeps it only out of caution.  A return that
// aliases an operand the op writes (copy_'s self) is that operand's new
// value either way, and the call is rewritten.
// RUN: fx-opt %s --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --mlir-print-assume-verified --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: fx-opt %s --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --mlir-print-assume-verified --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce,fx-fix-functionalization))' 2>/dev/null | FileCheck %s --check-prefix=PIPE
// The verifier's answer on the same file: the view op's call is an error.
// RUN: not fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' 2>&1 | FileCheck %s --check-prefix=VERIFIED

fx.schema "t::scale_" = "scale_(Tensor(a!) self, *, float alpha) -> ()"
fx.schema "t::view_and_write" = "view_and_write(Tensor(a) self, Tensor(b!) out) -> Tensor(a)"

// VERIFIED: error: 'fx.auto_functionalized' op return 0 of aten::t(Tensor(a) self) -> Tensor(a) has alias set (a), which no operand it writes carries
// CHECK-LABEL: func.func @negative_view_op
// CHECK: %[[C:.*]] = fx.call "aten::clone"
// CHECK: %[[T:.*]] = fx.auto_functionalized "aten::t"(self = %[[C]])
// CHECK: fx.call "t::scale_"(self = %[[T]])
// CHECK: return %[[T]], %[[C]]
// PIPE-LABEL: func.func @negative_view_op
// PIPE: fx.auto_functionalized "aten::t"
func.func @negative_view_op(%x: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{fx-fix-functionalization leaves this call unchanged: its return 0 aliases an operand it does not write (alias set (a)): an in-place call's may be a view of that operand (torch's view ops return one), where fx.auto_functionalized returns new storage}}
  %t = fx.auto_functionalized "aten::t"(self = %c) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "t::scale_"(self = %t) {alpha = 2.0 : f64} : (!fx.tensor<[4, 4], f32>) -> ()
  return %t, %c : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// The op writes `out` but returns an alias of `self`, which it does not
// write: kept, although `out` could be written in place.
// CHECK-LABEL: func.func @negative_writes_another
// CHECK: fx.auto_functionalized "t::view_and_write"
func.func @negative_writes_another(%x: !fx.tensor<[4], f32>, %o: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %b = fx.call "aten::clone"(self = %o) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-remark @below {{its return 0 aliases an operand it does not write (alias set (a))}}
  %r:2 = fx.auto_functionalized "t::view_and_write"(self = %c, out = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  return %r#0, %r#1 : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

// copy_'s return aliases `self`, which it writes: rewritten as a call (on
// a clone here: the copy's result is an alias the region model does not
// follow, aliasing.mlir).
// CHECK-LABEL: func.func @copy_returns_what_it_writes
// CHECK: %[[B:[^ ]*]] = fx.call "aten::clone"
// CHECK: %[[C:[^ ]*]] = fx.call "aten::clone"(self = %[[B]])
// CHECK: fx.call "aten::copy_"(self = %[[C]],
// CHECK-NOT: fx.auto_functionalized
// CHECK: return %[[C]]
func.func @copy_returns_what_it_writes(%a: !fx.tensor<[4], f32>, %s: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-remark @below {{cloned operand 'self'}}
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %b, src = %s) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  return %r#1 : !fx.tensor<[4], f32>
}
