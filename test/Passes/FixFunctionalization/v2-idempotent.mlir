// fx-fix-functionalization is idempotent with v2 clones (an adversary's
// cases): a rewrite later in the same run can make a kept clone legal, so
// the v2 phase and scatter-back elimination repeat until nothing changes.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.1 2> /dev/null
// RUN: fx-opt %t.1 --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o %t.2 2> /dev/null
// RUN: diff %t.1 %t.2
// RUN: FileCheck %s < %t.1
// RUN: rm -rf %t.out && mkdir -p %t.out
// RUN: fx-run %s --entry=scatter_back_makes_base_contiguous --check-passes --seed=2 --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t.out | FileCheck %s --check-prefix=RUN1
// RUN1: out0: bit-identical
// RUN1: out1: bit-identical
// RUN: fx-run %s --entry=later_clone_makes_epilogue --check-passes --seed=2 --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t.out | FileCheck %s --check-prefix=RUN2
// RUN2: out0: bit-identical

fx.schema "mylib::mix_" = "mix_(Tensor(a!) x, Tensor(b!) y) -> ()"

// The clone of a slice_scatter's result is viewed (fx.view), and a scatter
// result is not known contiguous: kept, until the scatter-back goes and
// the base is %t, fresh and contiguous.
// CHECK-LABEL: func.func @scatter_back_makes_base_contiguous
// CHECK-NOT: aten::clone
// CHECK-NOT: fx.slice_scatter
// CHECK: return
func.func @scatter_back_makes_base_contiguous(%a: !fx.tensor<[4, 4], f32>, %d: !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[16], f32>, !fx.tensor<[2, 4], f32>) {
  %t = fx.call "aten::mul.Tensor"(self = %a, other = %a) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %s = fx.slice %t, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  %e = fx.call "aten::exp"(self = %d) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %af:2 = fx.auto_functionalized "mylib::mix_"(x = %s, y = %e) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>)
  %b = fx.slice_scatter %t, %af#0, dim = 0, start = 0, end = 2, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %e2 = fx.call "aten::cos"(self = %d) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %c = fx.call "aten::clone"(self = %b) attributes {fx.functionalized} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %x = fx.slice %c, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>
  fx.call "mylib::mix_"(x = %x, y = %e2) : (!fx.tensor<[2, 4], f32>, !fx.tensor<[2, 4], f32>) -> ()
  %v = fx.view %c, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return %v, %af#1 : !fx.tensor<[16], f32>, !fx.tensor<[2, 4], f32>
}

// %c is kept at first (the copy_ into %a is %c2's epilogue, not %c's);
// %c2 then goes in place of %c, the copy_ becomes copy_(%a, %c), %c's own
// epilogue, and %c goes in place of %a.
// CHECK-LABEL: func.func @later_clone_makes_epilogue
// CHECK-NOT: aten::clone
// CHECK-NOT: aten::copy_
// CHECK: return
func.func @later_clone_makes_epilogue(%a: !fx.tensor<[8, 4], f32> {fx.donated}, %d: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %e = fx.call "aten::exp"(self = %d) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %a) attributes {fx.functionalized} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %x = fx.slice %c, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_"(x = %x, y = %e) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %c2 = fx.call "aten::clone"(self = %c) attributes {fx.functionalized} : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %x2 = fx.slice %c2, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_"(x = %x2, y = %e) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %w = fx.call "aten::copy_"(self = %a, src = %c2) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::mul.Tensor"(self = %c2, other = %c2) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
