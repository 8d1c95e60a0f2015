// fx-fix-functionalization repeats its v2-clone and scatter-back phases
// until a round rewrites nothing (a later round's sweep can find a
// scatter-back that a clone written in place made); what it says about
// what it keeps comes from that last round: each kept clone once, with the
// reason that holds on the IR the pass leaves, and each kept scatter-back
// once.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.1
// RUN: FileCheck %s < %t.1
// (--verify-diagnostics lets one expected remark match several.)
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONCE
// ONCE: remark: cloned operand 'x': it is read after
// ONCE-NOT: remark: cloned operand
// ONCE: remark: kept: removing this scatter-back
// ONCE-NOT: remark:
// RUN: fx-opt %t.1 --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.2 2> /dev/null
// RUN: diff %t.1 %t.2
// RUN: rm -rf %t.out && mkdir -p %t.out
// RUN: fx-run %s --entry=reason_of_the_last_round --check-passes --seed=3 --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t.out | FileCheck %s --check-prefix=OUT
// OUT: out0: bit-identical
// OUT: out1: bit-identical
// OUT: out2: bit-identical
// OUT: out3: bit-identical
// RUN: fx-run %s --entry=clone_makes_scatter_back --check-passes --seed=4 --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t.out | FileCheck %s --check-prefix=OUT2
// OUT2: out0: bit-identical
// OUT2: out1: bit-identical

fx.schema "mylib::mix_" = "mix_(Tensor(a!) x, Tensor(b!) y) -> ()"

// Round 1 keeps %c: its new value is viewed and its base, a scatter result,
// is not known contiguous.  The scatter-back %b goes in round 1's sweep;
// round 2 judges %c again, on base %t, contiguous now, and keeps it for
// another reason: %z reads %t after the call.  That reason is the remark.
// The scatter-back %q stays (it would make a result alias %a): one remark,
// from the last sweep, however many rounds ran.
// CHECK-LABEL: func.func @reason_of_the_last_round
// CHECK: %[[T:.*]] = fx.call "aten::mul.Tensor"
// CHECK: fx.call "mylib::mix_"
// CHECK-NOT: fx.slice_scatter %[[T]]
// CHECK: fx.call "aten::clone"(self = %[[T]])
// CHECK: fx.slice_scatter %arg0
// CHECK: return
func.func @reason_of_the_last_round(%a: !fx.tensor<[4, 4], f32>, %d: !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %t = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.slice %t, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  %e = fx.call "aten::exp"(self = %d) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %af:2 = fx.auto_functionalized "mylib::mix_"(x = %s, y = %e) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>)
  %b = fx.slice_scatter %t, %af#0, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %e2 = fx.call "aten::cos"(self = %d) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  // expected-remark@+1 {{cloned operand 'x': it is read after the call at loc("}}
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %x = fx.slice %c, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  fx.call "mylib::mix_"(x = %x, y = %e2) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> ()
  %v = fx.view %c, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %z = fx.call "aten::neg"(self = %b) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %p = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  // expected-remark@+1 {{kept: removing this scatter-back would make a function result alias argument 0}}
  %q = fx.slice_scatter %a, %p, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %v, %af#1, %z, %q : !fx.tensor<[16], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

// A clone written in place can make a scatter a scatter-back.  Round 1
// keeps %c1 (the call writes %c2, not %c1) and writes %c2 in place of %c1;
// round 2 writes %c1 in place of %s, which makes %b a scatter of %s, the
// slice of %t it lands on: round 2's sweep removes it.
// CHECK-LABEL: func.func @clone_makes_scatter_back
// CHECK: %[[T:.*]] = fx.call "aten::mul.Tensor"
// CHECK: %[[S:.*]] = fx.slice %[[T]], dim = 0, start = 2, end = 4
// CHECK: fx.call "mylib::mix_"(x = %[[S]],
// CHECK-NOT: aten::clone
// CHECK-NOT: fx.slice_scatter
// CHECK: return %[[T]],
func.func @clone_makes_scatter_back(%a: !fx.tensor<[4, 4], f32>, %d: !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) {
  %t = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.slice %t, dim = 0, start = 2, end = 4, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  %e = fx.call "aten::exp"(self = %d) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %c1 = fx.call "aten::clone"(self = %s) attributes {fx.functionalized} : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %c2 = fx.call "aten::clone"(self = %c1) attributes {fx.functionalized} : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  fx.call "mylib::mix_"(x = %c2, y = %e) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> ()
  %b = fx.slice_scatter %t, %c2, dim = 0, start = 2, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %b, %e : !fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>
}
