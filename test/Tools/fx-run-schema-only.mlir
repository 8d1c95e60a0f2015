// A built-in op with a schema but no kernel in libfxrt (ops fx-import
// brings in, such as vllm::all_reduce) is called as fxrt_<ns>__<op>;
// without a library that defines it the run fails, and the message says a
// built-in may be the reason, not only a user op.
// RUN: not fx-run %s 2>&1 | FileCheck %s
// CHECK: Symbols not found: [ _mlir_ciface_fxrt_vllm__all_reduce ]
// CHECK: fx-run: error: cannot link @schema_only: a symbol is missing (see above; a user op, or a built-in op that has a schema but no kernel in libfxrt, needs the library that defines its fxrt_<ns>__<op>, --shared-lib=PATH)
func.func @schema_only(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.call "vllm::all_reduce"(tensor = %x) {group_name = "tp:0"} : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}
