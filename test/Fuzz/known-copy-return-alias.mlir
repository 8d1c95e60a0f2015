// Regression test for a miscompile bench/fuzz found (seeds 276, 438, 554,
// 1080 of `bench/fuzz 10000 --start 0`): the passes took the own result of
// aten::copy_ (`-> Tensor(a!)`, which aliases `self`) for new storage, so
// fx-fix-functionalization wrote it in place although what it aliases is
// read afterwards, and fx-dce erased an in-place call through it although
// what it aliases is returned.  Storage a call's aliasing return reaches is
// now never written in place, nor its writes erased (passes/Alias.c).
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=fix_functionalization --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=FIX
// RUN: fx-run %s --entry=dce --check-passes --shared-lib=%fx_lib/libfx_fuzzops.so --output-dir=%t | FileCheck %s --check-prefix=DCE
// FIX: out0: bit-identical
// FIX: out1: bit-identical
// DCE: out0: bit-identical

fx.schema "fuzz::f32r1_scale_" = "f32r1_scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"

// %r#0 (copy_'s own return) and %r#1 (the new self) are one value; scaling
// %r#0 (functionally) must not change %r#1.  After fx-fix-functionalization
// both copy_ and scale_ write in place and %r#1 comes out scaled.
func.func @fix_functionalization(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  %c = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r:2 = fx.auto_functionalized "aten::copy_"(self = %c, src = %y) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  %m = fx.auto_functionalized "fuzz::f32r1_scale_"(self = %r#0) {alpha = 2.000000e+00 : f64} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r#1, %m : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

// In place: %r is %c, so scaling %r scales the returned %c; fx-dce erases
// the scale_ call.
func.func @dce(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %c = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "aten::copy_"(self = %c, src = %y) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  fx.call "fuzz::f32r1_scale_"(self = %r) {alpha = 2.000000e+00 : f64} : (!fx.tensor<[4], f32>) -> ()
  return %c : !fx.tensor<[4], f32>
}
