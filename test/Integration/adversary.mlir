// The adversarial review's second round, JIT-run in every pass order: ops
// that may return an alias (aten::copy_, func.call), copy_ epilogues after
// which the argument and the new value are two buffers, views of values the
// passes would replace by non-contiguous ones, control flow.  Results and
// argument buffers must be bit-identical with and without the passes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=scatter_back_copy_alias --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=func_call_result_fix --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=func_call_result_dce --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=copy_back_then_write_new --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=copy_back_then_return_new --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=copy_back_alias_written --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=copy_back --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=view_of_new_value --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=copy_back_in_branch --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=loop --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=scatter_of_call_result --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=scatter_viewed --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=reshape_of_new_value_written --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=write_first_result --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=new_value_donated --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// RUN: fx-run %s --entry=scatter_back_before_epilogue --seed=7 -O0 --check-passes --output-dir=%t | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK-NOT: MISMATCH
// CHECK: out0: bit-identical
// CHECK-NOT: MISMATCH
// CHECK: arguments: bit-identical
func.func @scatter_back_copy_alias(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %b, src = %x) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %v = fx.slice %b, dim = 0, start = 2, end = 6, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %b, %v, dim = 0, start = 2, end = 6, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::rms_norm"(result = %c, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> () loc("writer")
  return %s : !fx.tensor<[8, 4], f32>
}
func.func @id(%t: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  return %t : !fx.tensor<[8, 4], f32>
}
func.func @func_call_result_fix(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = func.call @id(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %y, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %k = fx.call "aten::clone"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %n, %k : !fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>
}
func.func @func_call_result_dce(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %y = func.call @id(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::rms_norm"(result = %y, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  return %b : !fx.tensor<[8, 4], f32>
}
func.func @copy_back_then_write_new(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %t = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::fused_add_rms_norm"(input = %t, residual = %n, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %r = fx.call "aten::clone"(self = %arg) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
func.func @copy_back_then_return_new(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %n : !fx.tensor<[8, 4], f32>
}
func.func @copy_back_alias_written(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %t = fx.call "aten::clone"(self = %x) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  fx.call "_C::fused_add_rms_norm"(input = %t, residual = %c, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> ()
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
func.func @copy_back(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[8, 4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %r : !fx.tensor<[8, 4], f32>
}
func.func @view_of_new_value(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[16], f32>) {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %n, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("view")
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @copy_back_in_branch(%arg: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %arg, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  %false = arith.constant false
  scf.if %false {
    %c = fx.call "aten::copy_"(self = %arg, src = %n) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %n : !fx.tensor<[8, 4], f32>
}


func.func @loop(%a: !fx.tensor<[8, 4], f32>, %x: !fx.tensor<[8, 4], f32>, %w: !fx.tensor<[4], f32>, %out: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %r = fx.call "aten::clone"(self = %b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
    %c = fx.call "aten::copy_"(self = %out, src = %r) : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
    %n = fx.auto_functionalized "_C::rms_norm"(result = %b, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[8, 4], f32>
  }
  return %b : !fx.tensor<[8, 4], f32>
}


func.func @scatter_of_call_result(%a: !fx.tensor<[8, 4], f32>, %z: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %y = func.call @id(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %s = fx.slice_scatter %z, %y, dim = 0, start = 0, end = 8, step = 1 : (!fx.tensor<[8, 4], f32>, !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %s : !fx.tensor<[8, 4], f32>
}


func.func @scatter_viewed(%a: !fx.tensor<[4, 8], f32>, %z: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[16], f32> {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %m = fx.slice %b, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %z, %m, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %v = fx.view %s, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32> loc("view")
  %c = fx.call "aten::clone"(self = %v) : (!fx.tensor<[16], f32>) -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @reshape_of_new_value_written(%a: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>, %w2: !fx.tensor<[16], f32>, %t: !fx.tensor<[1, 16], f32>) -> !fx.tensor<[4, 4], f32> {
  %m = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %m, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %y = fx.reshape %n, shape = [1, 16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[1, 16], f32> loc("reshape")
  %u = fx.call "aten::clone"(self = %t) : (!fx.tensor<[1, 16], f32>) -> !fx.tensor<[1, 16], f32>
  fx.call "_C::fused_add_rms_norm"(input = %u, residual = %y, weight = %w2) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[1, 16], f32>, !fx.tensor<[1, 16], f32>, !fx.tensor<[16], f32>) -> ()
  %r = fx.call "aten::clone"(self = %n) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %r : !fx.tensor<[4, 4], f32>
}

// Two scatter-backs into one fresh buffer, both returned: eliminating the
// first makes the buffer itself a result, so the second must stay (or the
// function would return one buffer twice, and a caller's write into one
// result would change the other).
func.func @two_returned_scatter_backs(%a: !fx.tensor<[6, 4], f32>) -> (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %s1 = fx.slice_scatter %b, %top, dim = 0, start = 0, end = 3, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %s2 = fx.slice_scatter %b, %bot, dim = 0, start = 3, end = 6, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %s1, %s2 : !fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>
}

// The new value goes to a donated parameter of a call, and the rest of its
// operand's buffer is read after that call: writing the operand in place
// would hand the callee storage the caller still uses (the call check).
func.func @donates(%x: !fx.tensor<[3, 4], f32> {fx.donated}, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %x, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  return %n : !fx.tensor<[3, 4], f32>
}

func.func @new_value_donated(%a: !fx.tensor<[6, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) {
  %b = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %top = fx.slice %b, dim = 0, start = 0, end = 3, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %top, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%n, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %bot = fx.slice %b, dim = 0, start = 3, end = 6, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %bot) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %r, %k : !fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>
}

// The copy_ epilogue is the last write of the argument until the pass
// erases it: the scatter-back between the call and the epilogue is then
// removed in the same run (a second run must find nothing to do).
func.func @scatter_back_before_epilogue(%a: !fx.tensor<[6, 4], f32>, %x: !fx.tensor<[6, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %a, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[6, 4], f32>
  %mid = fx.slice %n, dim = 0, start = 1, end = 5, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[4, 4], f32>
  %s = fx.slice_scatter %n, %mid, dim = 0, start = 1, end = 5, step = 1 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %c = fx.call "aten::copy_"(self = %a, src = %n) : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %r = fx.call "aten::clone"(self = %s) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %r : !fx.tensor<[6, 4], f32>
}
// A caller writes into the first result of @two_returned_scatter_backs: the
// second must not change.
func.func @write_first_result(%a: !fx.tensor<[6, 4], f32>, %x: !fx.tensor<[6, 4], f32>, %w: !fx.tensor<[4], f32>) -> (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %r:2 = func.call @two_returned_scatter_backs(%a) : (!fx.tensor<[6, 4], f32>) -> (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>)
  fx.call "_C::rms_norm"(result = %r#0, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>, !fx.tensor<[4], f32>) -> ()
  return %r#0, %r#1 : !fx.tensor<[6, 4], f32>, !fx.tensor<[6, 4], f32>
}
