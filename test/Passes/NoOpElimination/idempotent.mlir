// fx-noop-elimination is idempotent when a view moves off a reshape it was
// returned through (fuzz seed 52588): %v collapses onto %r1, after which
// %r2 no longer reaches the return, and bypassing %r2 must be judged with
// that in the same run -- a stale "may reach the return" mark kept %r2
// reading %r1 ("would make two function results share storage", or alias
// an argument), and a second run bypassed it.
// RUN: fx-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' -o %t.1 2> %t.remarks
// RUN: fx-opt %t.1 --split-input-file --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' -o %t.2
// RUN: diff %t.1 %t.2
// RUN: FileCheck %s < %t.1

// CHECK-LABEL: func.func @view_moved_off_two_results
// CHECK: %[[S:.*]] = fx.slice
// CHECK: %[[R1:.*]] = fx.reshape %[[S]],
// CHECK: %[[R2:.*]] = fx.reshape %[[S]],
// CHECK: fx.view %[[R1]],
// CHECK: aten::clone"(self = %[[R2]])
func.func @view_moved_off_two_results(%a: !fx.tensor<[5, 4, 3, 2], f16>) -> (!fx.tensor<[3, 15, 2], f16>, !fx.tensor<[15, 3, 2], f16>, !fx.tensor<[3, 5, 3, 2], f16>) {
  %c = fx.call "aten::cos"(self = %a) : (!fx.tensor<[5, 4, 3, 2], f16>) -> !fx.tensor<[5, 4, 3, 2], f16>
  %s = fx.slice %c, dim = 1, start = 0, end = 3, step = 1 : !fx.tensor<[5, 4, 3, 2], f16> -> !fx.tensor<[5, 3, 3, 2], f16>
  %r1 = fx.reshape %s, shape = [15, -1, 2] : !fx.tensor<[5, 3, 3, 2], f16> -> !fx.tensor<[15, 3, 2], f16>
  %r2 = fx.reshape %r1, shape = [3, -1, 3, 2] : !fx.tensor<[15, 3, 2], f16> -> !fx.tensor<[3, 5, 3, 2], f16>
  %v = fx.view %r2, shape = [3, -1, 2] : !fx.tensor<[3, 5, 3, 2], f16> -> !fx.tensor<[3, 15, 2], f16>
  %k = fx.call "aten::clone"(self = %r2) : (!fx.tensor<[3, 5, 3, 2], f16>) -> !fx.tensor<[3, 5, 3, 2], f16>
  return %v, %r1, %k : !fx.tensor<[3, 15, 2], f16>, !fx.tensor<[15, 3, 2], f16>, !fx.tensor<[3, 5, 3, 2], f16>
}

// -----

// The same with an argument's storage: "would make a function result alias
// argument 0" was the stale reason.
// CHECK-LABEL: func.func @view_moved_off_argument
// CHECK: %[[S:.*]] = fx.slice
// CHECK: %[[R1:.*]] = fx.reshape %[[S]],
// CHECK: %[[R2:.*]] = fx.reshape %[[S]],
// CHECK: fx.view %[[R1]],
// CHECK: aten::clone"(self = %[[R2]])
func.func @view_moved_off_argument(%a: !fx.tensor<[5, 4, 3, 2], f16>) -> (!fx.tensor<[3, 15, 2], f16>, !fx.tensor<[3, 5, 3, 2], f16>) {
  %s = fx.slice %a, dim = 1, start = 0, end = 3, step = 1 : !fx.tensor<[5, 4, 3, 2], f16> -> !fx.tensor<[5, 3, 3, 2], f16>
  %r1 = fx.reshape %s, shape = [15, -1, 2] : !fx.tensor<[5, 3, 3, 2], f16> -> !fx.tensor<[15, 3, 2], f16>
  %r2 = fx.reshape %r1, shape = [3, -1, 3, 2] : !fx.tensor<[15, 3, 2], f16> -> !fx.tensor<[3, 5, 3, 2], f16>
  %v = fx.view %r2, shape = [3, -1, 2] : !fx.tensor<[3, 5, 3, 2], f16> -> !fx.tensor<[3, 15, 2], f16>
  %k = fx.call "aten::clone"(self = %r2) : (!fx.tensor<[3, 5, 3, 2], f16>) -> !fx.tensor<[3, 5, 3, 2], f16>
  return %v, %k : !fx.tensor<[3, 15, 2], f16>, !fx.tensor<[3, 5, 3, 2], f16>
}
