// Ahead of time, a caller reads run errors through fxrt.h: descriptors that
// contradict the declared dims or each other, a negative symbol value, and a
// symbol that contradicts a slice are errors with the op's location; the
// graph then does nothing (no allocation); after fxrt_clear_error the same
// code runs correctly again.  Inputs/aot_errors.c is the caller.
// The C program is built without sanitizers; an instrumented libfxrt needs them.
// UNSUPPORTED: sanitize
// RUN: fx-opt %s --pass-pipeline='builtin.module(fx-to-llvm)' | mlir-translate --mlir-to-llvmir | llc -O0 -filetype=obj -relocation-model=pic -o %t.o
// RUN: cc -I%fx_src/kernels %S/Inputs/aot_errors.c %t.o -L%fx_lib -lfxrt -Wl,-rpath,%fx_lib -o %t.exe
// RUN: %t.exe 2>&1 | FileCheck %s

// CHECK-LABEL: ok: x + y, first 2 rows: 11 22 33 44 / 55 66 77 88, 1 allocations, no error
// CHECK-LABEL: y has 2 rows
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN:]]:1: @pair: argument 1 ([s0, 4]) dim 0, symbol s0 as argument 0 dim 0 binds it, is 2, expected 3
// CHECK-NEXT: 0 allocations
// CHECK-LABEL: x has 5 columns
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN]]:1: @pair: argument 0 ([s0, 4]) dim 1 is 5, expected 4
// CHECK-NEXT: 0 allocations
// CHECK-LABEL: n = -1
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN]]:1: @pair: symbol s1 (argument 2) is -1; sizes cannot be negative
// CHECK-NEXT: 0 allocations
// CHECK-LABEL: n = 7
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN+5]]:8: fx.slice of [s0, 4] at dim 0 [0:s1:1] to [s1, 4]: selects 3 elements of a dim of size 3 (start 0, end 7, step 1), not 7
// CHECK-NEXT: 1 allocations
// CHECK-LABEL: cleared
// CHECK-NEXT: ok: x + y, first 2 rows: 11 22 33 44 / 55 66 77 88, 1 allocations, no error
// An argument's declared strides (fx.strides) are checked at entry, except
// a dim of size 1's (torch ignores it).
// CHECK-LABEL: declared, rows of 4
// CHECK-NEXT: ok: first 3 rows: 1 2 3 4 / 5 6 7 8 / 9 10 11 12, no error
// CHECK-LABEL: declared, rows of 5
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN2:]]:1: @declared: argument 0 ([s0, 4]) stride 0 (fx.strides) is 5, expected 4: the caller's tensor is not laid out as the function declares
// CHECK-LABEL: declared, transposed
// CHECK: error at {{.*}}aot-errors.mlir:[[#$FN2]]:1: @declared: argument 0 ([s0, 4]) stride 0 (fx.strides) is 1, expected 4
// CHECK-LABEL: declared, one row of stride 99
// CHECK-NEXT: ok: first 1 rows: 1 2 3 4, no error
func.func @pair(%x: !fx.tensor<["s0", 4], f32>, %y: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> attributes {llvm.emit_c_interface} {
  %s = fx.call "aten::add.Tensor"(self = %x, other = %y)
      : (!fx.tensor<["s0", 4], f32>, !fx.tensor<["s0", 4], f32>)
      -> !fx.tensor<["s0", 4], f32>

  %t = fx.slice %s, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  return %t : !fx.tensor<["s1", 4], f32>
}

func.func @declared(%x: !fx.tensor<["s0", 4], f32> {fx.strides = [4, 1]}) -> !fx.tensor<["s0", 4], f32> attributes {llvm.emit_c_interface} {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return %c : !fx.tensor<["s0", 4], f32>
}
