// fx-run --check-passes lowers the distinct modules of its pass orders
// together, copies of one function: an error at one of its ops is printed
// once, not once per distinct module (here two: the passes rewrite the
// fx.auto_functionalized).  A second error at another op still prints.
// RUN: not fx-run %s --check-passes -O0 2>&1 | FileCheck %s
// RUN: not fx-run %s --check-passes -O0 2>&1 | grep -c "error: cannot lower" | FileCheck %s --check-prefix=COUNT
// CHECK: fx-run-errors-once.mlir":[[#@LINE+13]]:8): error: cannot lower: @fxrt_mylib__op is already declared with another type
// CHECK-NOT: error: cannot lower: @fxrt_mylib__op
// CHECK: fx-run-errors-once.mlir":[[#@LINE+17]]:3): error: cannot lower: @fxrt_mylib__op2 is already declared with another type
// CHECK-NOT: error: cannot lower
// CHECK: compile with fx passes: fx passes {{[0-9.]+}} ms{{$}}
// CHECK: fx-run: error: lowering to LLVM failed (see above)
// COUNT: 2

fx.schema "mylib::op" = "op(Tensor x) -> Tensor"
fx.schema "mylib::op2" = "op2(Tensor(a!) x) -> ()"
fx.schema "mylib::w_" = "w_(Tensor(a!) x) -> ()"
func.func @f(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[5], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[5], f32>, !fx.tensor<[4], f32>) {
  %a = fx.call "mylib::op"(x = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %b = fx.call "mylib::op"(x = %y) : (!fx.tensor<[5], f32>) -> !fx.tensor<[5], f32>
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %d = fx.auto_functionalized "mylib::w_"(x = %c) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %e = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %g = fx.call "aten::clone"(self = %y) : (!fx.tensor<[5], f32>) -> !fx.tensor<[5], f32>
  fx.call "mylib::op2"(x = %e) : (!fx.tensor<[4], f32>) -> ()
  fx.call "mylib::op2"(x = %g) : (!fx.tensor<[5], f32>) -> ()
  return %a, %b, %d : !fx.tensor<[4], f32>, !fx.tensor<[5], f32>, !fx.tensor<[4], f32>
}
