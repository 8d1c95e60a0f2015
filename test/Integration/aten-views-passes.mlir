// The new value of an auto_functionalized call used through one of torch's
// view ops (aten::alias, detach, t), which run as real views: written in
// place it becomes the operand's storage, so a write, reshape or return
// through such a view must be seen by the write-back, reshape and return
// rules.  Each was a miscompile found by an adversary while those ops were
// outside the storage model (then a blanket rule cloned); now the storage
// model follows them (Alias.h) and the precise rule that applies keeps
// the clone, named in its remark.  Each function is bit-identical without
// and with the passes, in every order.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=write_through_alias --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=ALIAS
// ALIAS: out0: bit-identical
// ALIAS: arguments: bit-identical after the run (4 compared, 1 of them written by the graph
// RUN: fx-run %s --entry=caller --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=CALLER
// CALLER: out0: bit-identical
// RUN: fx-run %s --entry=reshape_of_detach --check-passes -O0 --output-dir=%t | FileCheck %s --check-prefix=RESHAPE
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' > /dev/null
// RESHAPE: out0: bit-identical

// The argument is written back by copy_ (rule (c)), then the new value is
// written again through aten::alias: without the passes that second write
// lands in the new value only.
func.func @write_through_alias(%arg: !fx.tensor<[3, 8], f32>, %x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>, %x2: !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32> {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %a = fx.call "aten::alias"(self = %n) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  fx.call "_C::rms_norm"(result = %a, input = %x2, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> ()
  %o = fx.call "aten::clone"(self = %n) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %o : !fx.tensor<[3, 8], f32>
}

// The callee returns aten::detach of the new value: in place, its result
// would alias its argument, which the caller then writes.
func.func @callee(%arg: !fx.tensor<[3, 8], f32>, %x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  // expected-remark @below {{cloned operand 'result': it is function argument 0, not donated (fx.donated), and after the aten::copy_ at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %d = fx.call "aten::detach"(self = %n) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %d : !fx.tensor<[3, 8], f32>
}

func.func @caller(%a: !fx.tensor<[3, 8], f32>, %x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>, %x2: !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32> {
  %b = fx.call "aten::cos"(self = %a) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %r = func.call @callee(%b, %x, %w) : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x2, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> ()
  %o = fx.call "aten::clone"(self = %b) : (!fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %o : !fx.tensor<[3, 8], f32>
}

// The operand is a strided column slice; the new value, through
// aten::detach, is reshaped (a view of fresh storage without the passes,
// a copy of the slice with them) and written through the reshape.
func.func @reshape_of_detach(%a: !fx.tensor<[4, 6], f32>, %x: !fx.tensor<[4, 3], f32>, %w: !fx.tensor<[3], f32>, %y: !fx.tensor<[12], f32>) -> !fx.tensor<[4, 3], f32> {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<[4, 6], f32>) -> !fx.tensor<[4, 6], f32>
  %m = fx.slice %buf, dim = 1, start = 0, end = 3, step = 1 : !fx.tensor<[4, 6], f32> -> !fx.tensor<[4, 3], f32>
  // expected-remark @below {{cloned operand 'result': a reshape of its new value (at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 3], f32>, !fx.tensor<[4, 3], f32>, !fx.tensor<[3], f32>) -> !fx.tensor<[4, 3], f32>
  %u = fx.call "aten::detach"(self = %n) : (!fx.tensor<[4, 3], f32>) -> !fx.tensor<[4, 3], f32>
  %v = fx.reshape %u, shape = [12] : !fx.tensor<[4, 3], f32> -> !fx.tensor<[12], f32>
  fx.call "_C::rms_norm"(result = %v, input = %y, weight = %y) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[12], f32>, !fx.tensor<[12], f32>, !fx.tensor<[12], f32>) -> ()
  %o = fx.call "aten::clone"(self = %n) : (!fx.tensor<[4, 3], f32>) -> !fx.tensor<[4, 3], f32>
  return %o : !fx.tensor<[4, 3], f32>
}
