// A run that fails fails loudly: a kernel that refuses its operands, a
// symbol binding that contradicts a reshape or slice, a view that would
// copy, a size that overflows, a user op that reports an error.  fx-run
// exits 1 with "file:line:col: <message>" of the op that failed and writes
// no output; nothing runs after the failure (a user op that aborts if it
// runs is never called).  Bindings that agree run to the end.  (Every run
// loads the user ops: fx-run compiles the whole module.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=kernel_error -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=KERNEL
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=kernel_error -O0 --check-passes --output-dir=%t 2>&1 | FileCheck %s --check-prefix=KERNEL
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=reshape_symbols --sym=s0=2 --sym=s1=100000 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=reshape_static --sym=s0=1 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=RESHAPE-STATIC
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_end --sym=s0=2 --sym=s1=3 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SLICE-END
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_static --sym=s0=1 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SLICE-STATIC
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_negative_start --sym=s0=2 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SLICE-NEG
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=scatter --sym=s0=3 --sym=s1=3 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SCATTER
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=view_copies -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=VIEW
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=alloc_overflow --sym=s0=4611686018427387904 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=user_op_refuses -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=REFUSE
// RUN: not fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=nothing_after_failure --sym=s0=2 -O0 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=AFTER
// None of the failed runs wrote an output:
// RUN: ls %t | count 0
// The same graphs with bindings that agree:
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=reshape_symbols --sym=s0=2 --sym=s1=2 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=reshape_static --sym=s0=2 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_end --sym=s0=4 --sym=s1=3 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_static --sym=s0=5 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=slice_negative_start --sym=s0=5 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=scatter --sym=s0=3 --sym=s1=4 -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --shared-lib=%fx_lib/libfx_test_userops.so --entry=reshape_copies -O0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// OK: out0: bit-identical
// OK: out0: {{.*}}out0.npy checksum

// KERNEL-NOT: out0
// KERNEL: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+6]]:8: fxrt__C__rms_norm: 'weight' has 7 elements, expected 8 (the hidden size)
// KERNEL-NOT: out0
func.func @kernel_error(%x: !fx.tensor<[2, 8], f32>, %w: !fx.tensor<[7], f32>) -> !fx.tensor<[2, 8], f32> {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<[2, 8], f32>)
      -> !fx.tensor<[2, 8], f32>
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 8], f32>, !fx.tensor<[7], f32>)
      -> !fx.tensor<[2, 8], f32>

  return %0 : !fx.tensor<[2, 8], f32>
}

// RESHAPE: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.reshape: shape [100000, 4] is invalid for an input of shape [2, 4] (8 elements)
func.func @reshape_symbols(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> {
  %y = fx.reshape %x, shape = ["s1", 4] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %c = fx.call "aten::clone"(self = %y)
      : (!fx.tensor<["s1", 4], f32>)
      -> !fx.tensor<["s1", 4], f32>
  return %c : !fx.tensor<["s1", 4], f32>
}

// RESHAPE-STATIC: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.reshape: shape [8] is invalid for an input of shape [1, 4] (4 elements)
func.func @reshape_static(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<[8], f32> {
  %y = fx.reshape %x, shape = [8] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[8], f32>
  %c = fx.call "aten::clone"(self = %y)
      : (!fx.tensor<[8], f32>)
      -> !fx.tensor<[8], f32>
  return %c : !fx.tensor<[8], f32>
}

// SLICE-END: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.slice of [s0, 4] at dim 0 [0:s1:1] to [s1, 4]: selects 2 elements of a dim of size 2 (start 0, end 3, step 1), not 3
func.func @slice_end(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> {
  %y = fx.slice %x, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %c = fx.call "aten::clone"(self = %y)
      : (!fx.tensor<["s1", 4], f32>)
      -> !fx.tensor<["s1", 4], f32>
  return %c : !fx.tensor<["s1", 4], f32>
}

// SLICE-STATIC: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.slice of [s0, 8] at dim 0 [0:2:1] to [2, 8]: selects 1 elements of a dim of size 1 (start 0, end 2, step 1), not 2
func.func @slice_static(%x: !fx.tensor<["s0", 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %s = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::clone"(self = %s)
      : (!fx.tensor<[2, 8], f32>)
      -> !fx.tensor<[2, 8], f32>
  return %c : !fx.tensor<[2, 8], f32>
}

// The last 3 rows, of 2: torch clamps -3 to 0 and selects 2.
// SLICE-NEG: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.slice of [s0, 4] at dim 0 [-3::1] to [3, 4]: selects 2 elements of a dim of size 2 (start -3, end 9223372036854775807, step 1), not 3
func.func @slice_negative_start(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<[3, 4], f32> {
  %s = fx.slice %x, dim = 0, start = -3, end = 9223372036854775807, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::clone"(self = %s)
      : (!fx.tensor<[3, 4], f32>)
      -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

// SCATTER: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fx.slice_scatter of [s0, 8] at dim 1 [0:4:1] with src [s0, s1]: selects 4 elements of a dim of size 8 (start 0, end 4, step 1), not 3
func.func @scatter(%x: !fx.tensor<["s0", 8], f32>, %y: !fx.tensor<["s0", "s1"], f32>) -> !fx.tensor<["s0", 8], f32> {
  %s = fx.slice_scatter %x, %y, dim = 1, start = 0, end = 4, step = 1 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", "s1"], f32>) -> !fx.tensor<["s0", 8], f32>
  return %s : !fx.tensor<["s0", 8], f32>
}

// torch's view raises where it would have to copy (F15); a reshape copies.
// VIEW: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+3]]:8: fx.view: shape [16] is not a view of the input (sizes [4, 4], strides [8, 1])
func.func @view_copies(%a: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[16], f32> {
  %x = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %c = fx.call "aten::clone"(self = %v)
      : (!fx.tensor<[16], f32>)
      -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

func.func @reshape_copies(%a: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[16], f32> {
  %x = fx.slice %a, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %v = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %c = fx.call "aten::clone"(self = %v)
      : (!fx.tensor<[16], f32>)
      -> !fx.tensor<[16], f32>
  return %c : !fx.tensor<[16], f32>
}

// 2^62 x 4096 x 4 bytes does not fit in int64.  The tensor is an
// intermediate: fx-run checks the sizes of results itself, before the run.
// OVERFLOW: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+2]]:8: fxrt_alloc: the tensor's size in bytes overflows int64 (a dim or symbol value is too large)
func.func @alloc_overflow(%n: !fx.sym<"s0">) -> !fx.tensor<[1, 4096], f32> {
  %e = fx.call "aten::empty"()
      {size = ["s0", 4096], dtype = f32} : ()
      -> !fx.tensor<["s0", 4096], f32>
  %r = fx.slice %e, dim = 0, start = 0, end = 1, step = 1 : !fx.tensor<["s0", 4096], f32> -> !fx.tensor<[1, 4096], f32>
  %c = fx.call "aten::clone"(self = %r)
      : (!fx.tensor<[1, 4096], f32>)
      -> !fx.tensor<[1, 4096], f32>
  return %c : !fx.tensor<[1, 4096], f32>
}

fx.schema "mylib::refuse_" = "refuse_(Tensor(a!) x, int n) -> ()"
fx.schema "mylib::must_not_run" = "must_not_run(Tensor x) -> ()"

// A user op reports its own failure through fxrt_set_error.
// REFUSE: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+3]]:3: mylib::refuse_: n must be >= 0, got -1
func.func @user_op_refuses(%x: !fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  fx.call "mylib::refuse_"(x = %c) {n = -1} : (!fx.tensor<[2, 4], f32>) -> ()
  return %c : !fx.tensor<[2, 4], f32>
}

// After the reshape fails, neither the clone nor the user op runs.
// AFTER-NOT: must_not_run ran
// AFTER: fx-run: error: {{.*}}run-errors.mlir:[[@LINE+3]]:8: fx.reshape: shape [3, 4] is invalid for an input of shape [2, 4] (8 elements)
// AFTER-NOT: must_not_run ran
func.func @nothing_after_failure(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<[3, 4], f32> {
  %y = fx.reshape %x, shape = [3, 4] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::clone"(self = %y) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  fx.call "mylib::must_not_run"(x = %c) : (!fx.tensor<[3, 4], f32>) -> ()
  return %c : !fx.tensor<[3, 4], f32>
}
