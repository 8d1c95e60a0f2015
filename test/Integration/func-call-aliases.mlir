// Calls between fx functions that an adversary (round 10) found the passes
// got wrong, once fx-run --check-passes ran callees defined after their
// callers with the passes.  Each runs bit-identically in every order, or
// fails in every order with the error that names the broken promise.
// RUN: rm -rf %t && mkdir -p %t
//
// A call without tensor operands may return one tensor twice: its results
// may alias each other (fix, dce and noop each took them apart).
// RUN: fx-run %s --entry=twice_fix --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=TWICE
// RUN: fx-run %s --entry=twice_dce --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=TWICE
// RUN: fx-run %s --entry=twice_noop --check-passes --shared-lib=%fx_lib/libfx_test_userops.so --output-dir=%t | FileCheck %s --check-prefix=TWICE
// TWICE: out0: bit-identical
//
// A donated argument must hold one memory location per element: the
// passes may write it in place where the graph made a new tensor.  An
// expand (stride 0) or an overlapping as_strided is an error at the
// callee's entry, with the passes or without.
// RUN: not fx-run %s --entry=donate_expand --output-dir=%t 2>&1 | FileCheck %s --check-prefix=EXPAND
// RUN: not fx-run %s --entry=donate_expand --pass-order=fix --output-dir=%t 2>&1 | FileCheck %s --check-prefix=EXPAND
// EXPAND: error: {{.*}}@donates: argument 0 ([3, 4]): a donated tensor (sizes [3, 4], strides [0, 1]) whose elements may share memory: the function may write it in place (fx.donated), which needs one location per element; pass a clone
// RUN: not fx-run %s --entry=donate_overlapping --output-dir=%t 2>&1 | FileCheck %s --check-prefix=OVERLAP
// OVERLAP: error: {{.*}}@donates: argument 0 ([3, 4]): a donated tensor (sizes [3, 4], strides [2, 1]) whose elements may share memory
// A donated row slice is fine.
// RUN: fx-run %s --entry=donate_rows --check-passes --output-dir=%t | FileCheck %s --check-prefix=ROWS
// ROWS: out0: bit-identical

fx.schema "mylib::mix_" = "mix_(Tensor(a!) x, Tensor(b!) y) -> ()"

func.func @twice_fix(%y: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %r:2 = func.call @ones_twice() : () -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %yc = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %n:2 = fx.auto_functionalized "mylib::mix_"(x = %r#0, y = %yc) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %k = fx.call "aten::clone"(self = %r#1) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n#0, %k : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

func.func @twice_dce(%y: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %r:2 = func.call @ones_twice() : () -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %yc = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_"(x = %r#0, y = %yc) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %k = fx.call "aten::clone"(self = %r#1) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k : !fx.tensor<[4, 4], f32>
}

func.func @twice_noop(%y: !fx.tensor<[4, 4], f32>, %z: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %r:2 = func.call @ones_twice() : () -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>)
  %s = fx.slice_scatter %z, %r#0, dim = 0, start = 0, end = 4, step = 1 : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %yc = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  fx.call "mylib::mix_"(x = %r#1, y = %yc) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> ()
  %k = fx.call "aten::clone"(self = %s) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %k : !fx.tensor<[4, 4], f32>
}

func.func @ones_twice() -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) {
  %e = fx.call "aten::ones"() {size = [4, 4]} : () -> !fx.tensor<[4, 4], f32>
  return %e, %e : !fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>
}

func.func @donate_expand(%a: !fx.tensor<[1, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %e = fx.call "aten::clone"(self = %a) : (!fx.tensor<[1, 4], f32>) -> !fx.tensor<[1, 4], f32>
  %x = fx.call "aten::expand"(self = %e) {size = [3, 4]} : (!fx.tensor<[1, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%x, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %r) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %k : !fx.tensor<[3, 4], f32>
}

func.func @donate_overlapping(%a: !fx.tensor<[8], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %e = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %x = fx.call "aten::as_strided"(self = %e) {size = [3, 4], stride = [2, 1]} : (!fx.tensor<[8], f32>) -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%x, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %r) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %k : !fx.tensor<[3, 4], f32>
}

func.func @donate_rows(%a: !fx.tensor<[6, 4], f32>, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %e = fx.call "aten::clone"(self = %a) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32>
  %x = fx.slice %e, dim = 0, start = 2, end = 5, step = 1 : !fx.tensor<[6, 4], f32> -> !fx.tensor<[3, 4], f32>
  %r = func.call @donates(%x, %z, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %k = fx.call "aten::clone"(self = %r) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %k : !fx.tensor<[3, 4], f32>
}

func.func @donates(%x: !fx.tensor<[3, 4], f32> {fx.donated}, %z: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32> {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %x, input = %z, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  return %n : !fx.tensor<[3, 4], f32>
}
