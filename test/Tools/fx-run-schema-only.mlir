// A built-in op with a schema but no kernel in libfxrt (the aten ops
// fx-import brings in: neg, embedding, t, ...) is called as
// fxrt_aten__<op>; without a library that defines it the run fails, and the
// message says a built-in may be the reason, not only a user op.
// RUN: not fx-run %s 2>&1 | FileCheck %s
// CHECK: Symbols not found: [ _mlir_ciface_fxrt_aten__neg ]
// CHECK: fx-run: error: cannot link @schema_only: a symbol is missing (see above; a user op, or a built-in op that has a schema but no kernel in libfxrt, needs the library that defines its fxrt_<ns>__<op>, --shared-lib=PATH)
func.func @schema_only(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.call "aten::neg"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}
