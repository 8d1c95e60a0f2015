// A value whose elements may share memory locations (an aten::expand, an
// overlapping aten::as_strided) is never made to stand for fresh storage
// (passes.md, "Storage and regions"): not written in place of an
// auto_functionalized new value, not made a function result, since the
// caller may write or donate it.  A func.call's result is whatever its
// callee returns, so it counts as such a value.  Adversary round 12 found
// each case below wrong (or failing at a donated parameter's entry check)
// with the passes; each is now bit-identical in every pass order.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization))' > /dev/null
// RUN: rm -rf %t && mkdir -p %t
// RUN: for e in write_call_result scatter_callee_caller scatter_back_callee_caller donate_call_result scatter_back_of_call_top full_cover_of_call_top reshapes_of_call_top; do \
// RUN:   fx-run %s --entry=$e --check-passes -O0 --output-dir=%t | FileCheck %s || exit 1; done
// CHECK: out0: bit-identical

func.func @expanded() -> !fx.tensor<[3, 8], f32> {
  %c = fx.call "aten::full"() {size = [1, 8], fill_value = 0.75 : f64} : () -> !fx.tensor<[1, 8], f32>
  %e = fx.call "aten::expand"(self = %c) {size = [3, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %e : !fx.tensor<[3, 8], f32>
}

// The callee returns an expand: written in place, its rows would overwrite
// each other.
func.func @write_call_result(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @expanded() : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the func.call at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

// The callee returns a full-cover scatter of an expand (fresh storage):
// fx-noop-elimination must not make it return the expand.
func.func @scatter_callee() -> !fx.tensor<[3, 8], f32> {
  %c = fx.call "aten::full"() {size = [1, 8], fill_value = 0.75 : f64} : () -> !fx.tensor<[1, 8], f32>
  %e = fx.call "aten::expand"(self = %c) {size = [3, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %z = fx.call "aten::empty"() {size = [3, 8], dtype = f32} : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would make a function result a value reached through the aten::expand at}}
  %s = fx.slice_scatter %z, %e, dim = 0, start = 0, end = 3, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

func.func @scatter_callee_caller(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @scatter_callee() : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the func.call at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

// The callee returns a scatter-back into an expand: fx-fix-functionalization
// must not make it return the expand.
func.func @scatter_back_callee() -> !fx.tensor<[3, 8], f32> {
  %c = fx.call "aten::full"() {size = [1, 8], fill_value = 0.75 : f64} : () -> !fx.tensor<[1, 8], f32>
  %e = fx.call "aten::expand"(self = %c) {size = [3, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %v = fx.slice %e, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[3, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{kept: removing this scatter-back would make a function result a value reached through the aten::expand at}}
  %s = fx.slice_scatter %e, %v, dim = 0, start = 1, end = 3, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

func.func @scatter_back_callee_caller(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @scatter_back_callee() : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{cloned operand 'result': it is reached through the func.call at}}
  %n = fx.auto_functionalized "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

// A donated parameter gets the callee's result: its entry check rejects
// shared locations, so the callee must keep returning fresh storage.
func.func @donee(%p: !fx.tensor<[3, 8], f32> {fx.donated}, %x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %p, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

func.func @scatter_of_full() -> !fx.tensor<[3, 8], f32> {
  %f = fx.call "aten::full"() {size = [1, 8], fill_value = 1.5 : f64} : () -> !fx.tensor<[1, 8], f32>
  %e = fx.call "aten::expand"(self = %f) {size = [3, 8]} : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[3, 8], f32>
  %z = fx.call "aten::empty"() {size = [3, 8], dtype = f32} : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would make a function result a value reached through the aten::expand at}}
  %s = fx.slice_scatter %z, %e, dim = 0, start = 0, end = 3, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

func.func @donate_call_result(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @scatter_of_full() : () -> !fx.tensor<[3, 8], f32>
  %n = func.call @donee(%r, %x, %w) : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32>
  return %n : !fx.tensor<[3, 8], f32>
}

// The same with a func.call's result in the expand's place: a function that
// returns a scatter-back into it, a full-cover scatter of it, or a copying
// reshape chain of it returns fresh storage; the rewrites must not make it
// return the result itself (adversary round 12, third pass).
func.func @scatter_back_of_call() -> !fx.tensor<[3, 8], f32> {
  %r = func.call @expanded() : () -> !fx.tensor<[3, 8], f32>
  %v = fx.slice %r, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[3, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{kept: removing this scatter-back would make a function result a value reached through the func.call at}}
  %s = fx.slice_scatter %r, %v, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

func.func @full_cover_of_call() -> !fx.tensor<[3, 8], f32> {
  %r = func.call @expanded() : () -> !fx.tensor<[3, 8], f32>
  %z = fx.call "aten::empty"() {size = [3, 8], dtype = f32} : () -> !fx.tensor<[3, 8], f32>
  // expected-remark @below {{kept: replacing this full-cover scatter by its source would make a function result a value reached through the func.call at}}
  %s = fx.slice_scatter %z, %r, dim = 0, start = 0, end = 3, step = 1 : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>) -> !fx.tensor<[3, 8], f32>
  return %s : !fx.tensor<[3, 8], f32>
}

func.func @reshapes_of_call() -> !fx.tensor<[3, 8], f32> {
  %r = func.call @expanded() : () -> !fx.tensor<[3, 8], f32>
  %a = fx.reshape %r, shape = [24] : !fx.tensor<[3, 8], f32> -> !fx.tensor<[24], f32>
  // expected-remark @below {{kept: bypassing a reshape that may copy would make a function result a value reached through the func.call at}}
  %b = fx.reshape %a, shape = [3, 8] : !fx.tensor<[24], f32> -> !fx.tensor<[3, 8], f32>
  return %b : !fx.tensor<[3, 8], f32>
}

func.func @scatter_back_of_call_top(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @scatter_back_of_call() : () -> !fx.tensor<[3, 8], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> ()
  return %r : !fx.tensor<[3, 8], f32>
}

func.func @full_cover_of_call_top(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @full_cover_of_call() : () -> !fx.tensor<[3, 8], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> ()
  return %r : !fx.tensor<[3, 8], f32>
}

func.func @reshapes_of_call_top(%x: !fx.tensor<[3, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[3, 8], f32> {
  %r = func.call @reshapes_of_call() : () -> !fx.tensor<[3, 8], f32>
  fx.call "_C::rms_norm"(result = %r, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 8], f32>, !fx.tensor<[3, 8], f32>, !fx.tensor<[8], f32>) -> ()
  return %r : !fx.tensor<[3, 8], f32>
}
