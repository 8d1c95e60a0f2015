// fx-dce erases fx ops whose results are unused and whose writes nobody
// observes, from the schemas; an in-place call that writes something read
// later, returned, or an argument, stays.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-dce))' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-dce))' | FileCheck %s

fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x) -> ()"

// Unused views, slices, scatters, functional calls and pure calls go, and
// with them the values only they used.
// CHECK-LABEL: func.func @dead_pure_ops
// CHECK-NEXT: return
func.func @dead_pure_ops(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  %c = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %v = fx.view %c, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  %s = fx.slice %x, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  %t = fx.slice_scatter %x, %s, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return
}

// An in-place call into a fresh buffer nobody reads goes, with the buffer.
// CHECK-LABEL: func.func @dead_in_place_call
// CHECK-NEXT: return
func.func @dead_in_place_call(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> ()
  return
}

// A chain of in-place calls, each reading the buffer the one before wrote,
// the last one's buffer read by nobody: erasing the last makes the one
// before dead, and so on back to the first.  One bottom-up sweep erases
// them all (fx-dce sweeps once: an op's deadness depends only on the ops
// after it).
// CHECK-LABEL: func.func @dead_chain_of_in_place_calls
// CHECK-NEXT: return
func.func @dead_chain_of_in_place_calls(%x: !fx.tensor<[4, 8], f16>, %w: !fx.tensor<[8], f16>) {
  %a = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 8], f16>) -> !fx.tensor<[4, 8], f16>
  fx.call "_C::rms_norm"(result = %a, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>, !fx.tensor<[8], f16>) -> ()
  %b = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 8], f16>) -> !fx.tensor<[4, 8], f16>
  %av = fx.view %a, shape = [32] : !fx.tensor<[4, 8], f16> -> !fx.tensor<[32], f16>
  %ar = fx.view %av, shape = [4, 8] : !fx.tensor<[32], f16> -> !fx.tensor<[4, 8], f16>
  fx.call "mylib::scale_"(out = %b, x = %ar) : (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>) -> ()
  %c = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 8], f16>) -> !fx.tensor<[4, 8], f16>
  fx.call "mylib::scale_"(out = %c, x = %b) : (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>) -> ()
  return
}

// An in-place call whose buffer is read by nobody, but which an unused
// aliasing op (aten::copy_'s functional form: its self's new value may be
// that storage) reached before the call: the aliasing op goes, and then the
// call and its buffer.  "Reached through an untracked alias" looks at uses
// before the call, so fx-dce sweeps to the fixpoint here (one bottom-up
// sweep left the call and its buffer).
// CHECK-LABEL: func.func @dead_behind_unused_alias
// CHECK-NEXT: return
func.func @dead_behind_unused_alias(%x: !fx.tensor<[4, 8], f16>, %w: !fx.tensor<[8], f16>) -> !fx.tensor<[4, 8], f16> {
  %b = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 8], f16>) -> !fx.tensor<[4, 8], f16>
  %t = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4, 8], f16>) -> !fx.tensor<[4, 8], f16>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %t, src = %b) : (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>) -> (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>)
  fx.call "_C::rms_norm"(result = %b, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 8], f16>, !fx.tensor<[4, 8], f16>, !fx.tensor<[8], f16>) -> ()
  return %x : !fx.tensor<[4, 8], f16>
}

// The buffer an in-place call writes is read later: it stays.
// CHECK-LABEL: func.func @negative_written_then_read
// CHECK: fx.call "aten::empty_like"(
// CHECK: fx.call "_C::rms_norm"(
// CHECK: fx.call "aten::cos"(
func.func @negative_written_then_read(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> ()
  %r = fx.call "aten::cos"(self = %buf)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %r : !fx.tensor<["s0", 4096], f16>
}

// ... or returned (through a view) ...
// CHECK-LABEL: func.func @negative_written_then_returned
// CHECK: fx.call "_C::rms_norm"(
func.func @negative_written_then_returned(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 128, 32], f16> {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %v = fx.view %buf, shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  fx.call "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> ()
  return %v : !fx.tensor<["s0", 128, 32], f16>
}

// ... or it writes a function argument (a slice of one) ...
// CHECK-LABEL: func.func @negative_writes_argument
// CHECK: fx.call "mylib::scale_"(
func.func @negative_writes_argument(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) {
  %s = fx.slice %out, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 4096], f16>
  fx.call "mylib::scale_"(out = %s, x = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// ... or its target has no schema (effects unknown).
// CHECK-LABEL: func.func @negative_unknown_target
// CHECK: fx.call "mylib::log"(
func.func @negative_unknown_target(%x: !fx.tensor<["s0", 4096], f16>) {
  fx.call "mylib::log"(x = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// A write into a region disjoint from what is read later is unobservable.
// CHECK-LABEL: func.func @dead_disjoint_write
// CHECK-NOT: mylib::scale_
// CHECK: return
func.func @dead_disjoint_write(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %buf = fx.call "aten::cos"(self = %a)
      : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %top = fx.slice %buf, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %bottom = fx.slice %buf, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::scale_"(out = %top, x = %x)
      : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %r = fx.call "aten::cos"(self = %bottom)
      : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}

// A Tensor[] parameter's elements: a mutated list writes each element (the
// call stays when one is read later or is an argument), a plain list only
// reads (the call goes when its writes are unobserved).
fx.schema "mylib::zero_" = "zero_(Tensor(a!)[] tensors) -> ()"
fx.schema "mylib::sum_into" = "sum_into(Tensor(a!) out, Tensor[] tensors) -> ()"
// CHECK-LABEL: func.func @tensor_list_writes
// CHECK: fx.call "mylib::zero_"("tensors[0]" = %{{.*}}, "tensors[1]" = %[[BUF:[0-9]+]])
// CHECK-NEXT: %[[R:.*]] = fx.call "aten::cos"(self = %[[BUF]])
// CHECK-NEXT: return %[[R]]
func.func @tensor_list_writes(%x: !fx.tensor<[4], f16>) -> !fx.tensor<[4], f16> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  %buf = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  fx.call "mylib::zero_"("tensors[0]" = %a, "tensors[1]" = %buf) : (!fx.tensor<[4], f16>, !fx.tensor<[4], f16>) -> ()
  %out = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  fx.call "mylib::sum_into"(out = %out, "tensors[0]" = %x, "tensors[1]" = %buf) : (!fx.tensor<[4], f16>, !fx.tensor<[4], f16>, !fx.tensor<[4], f16>) -> ()
  %r = fx.call "aten::cos"(self = %buf) : (!fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  return %r : !fx.tensor<[4], f16>
}

// CHECK-LABEL: func.func @tensor_list_argument
// CHECK-NEXT: fx.call "aten::cos"
// CHECK-NEXT: fx.call "mylib::zero_"
// CHECK-NEXT: return
func.func @tensor_list_argument(%x: !fx.tensor<[4], f16>, %y: !fx.tensor<[4], f16>) {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4], f16>) -> !fx.tensor<[4], f16>
  fx.call "mylib::zero_"("tensors[0]" = %a, "tensors[1]" = %y) : (!fx.tensor<[4], f16>, !fx.tensor<[4], f16>) -> ()
  return
}

// Ops of other dialects are not fx-dce's: a dead arith op stays (MLIR's
// greedy driver, which the fx passes used before passes/Driver.c, erased
// it as trivially dead; canonicalize does that).
// CHECK-LABEL: func.func @negative_dead_arith
// CHECK: %[[C:.*]] = arith.constant 3 : i64
// CHECK-NEXT: arith.addi %[[C]], %[[C]] : i64
// CHECK-NEXT: return
func.func @negative_dead_arith(%x: !fx.tensor<[4, 8], f32>) {
  %c = arith.constant 3 : i64
  %d = arith.addi %c, %c : i64
  %v = fx.view %x, shape = [32] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[32], f32>
  return
}
