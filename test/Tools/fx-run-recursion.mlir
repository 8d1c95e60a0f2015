// A program that calls itself without end runs out of its stack: fx-run
// says so and exits with status 1 (not a crash), with and without
// --check-passes, which runs the program more than once.
// RUN: not fx-run %s --entry=forever 2>&1 | FileCheck %s
// RUN: not fx-run %s --entry=forever --check-passes 2>&1 | FileCheck %s
// CHECK: fx-run: error: the program ran out of its 8 MB of stack (a function that calls itself without end?)

// Calls that end run as before.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=twice --seed=1 --output-dir=%t | FileCheck %s --check-prefix=ENDS
// ENDS-NOT: error
// ENDS: out0:

func.func @forever(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %y = fx.call "aten::add.Tensor"(self = %x, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %z = func.call @forever(%y) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %z : !fx.tensor<[4], f32>
}

func.func @double(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %y = fx.call "aten::add.Tensor"(self = %x, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %y : !fx.tensor<[4], f32>
}

func.func @twice(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %y = func.call @double(%x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %z = func.call @double(%y) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %z : !fx.tensor<[4], f32>
}
