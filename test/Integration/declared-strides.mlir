// Arguments with declared strides ({fx.strides}): fx-run lays each input
// out as declared (here transposed, column-major) and reads arguments back
// in logical order; every pass order computes the same.  @ident writes its
// random input (seed 3) as out0.npy; the others get that file as input and
// must return (or leave in their argument) exactly its bytes.
// RUN: rm -rf %t && mkdir -p %t/in %t/out
// RUN: fx-run %s --entry=ident --seed=3 --output-dir=%t/in
// RUN: fx-run %s --entry=strided_clone --input=0=%t/in/out0.npy --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=SAME
// RUN: cmp %t/in/out0.npy %t/out/out0.npy
// RUN: fx-run %s --entry=strided_chain --input=0=%t/in/out0.npy --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=SAME
// RUN: cmp %t/in/out0.npy %t/out/out0.npy
// RUN: fx-run %s --entry=strided_write --input=1=%t/in/out0.npy --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=SAME
// RUN: cmp %t/in/out0.npy %t/out/out0.npy
// RUN: fx-run %s --entry=split_write --seed=5 --check-passes --output-dir=%t/out --shared-lib=%fx_lib/libfx_fuzzops.so | FileCheck %s --check-prefix=SAME
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-noop-elimination))' | FileCheck %s --check-prefix=NOOP
// RUN: not fx-run %s --entry=overlapping 2>&1 | FileCheck %s --check-prefix=OVERLAP
// fx-run runs fx-verify's function checks before it reads fx.strides, and
// names a negative stride as one (found by an adversary).
// RUN: not fx-run %S/Inputs/bad_strides.mlir --entry=bad_stride_type 2>&1 | FileCheck %s --check-prefix=BADTYPE
// RUN: not fx-run %S/Inputs/negative_stride.mlir --entry=negative_stride --sym=s0=2 2>&1 | FileCheck %s --check-prefix=NEGSTRIDE
// RUN: not fx-export %S/Inputs/bad_strides.mlir 2>&1 | FileCheck %s --check-prefix=BADTYPE
// BADTYPE: error: 'func.func' op argument 0 stride 0 is 4 : i32, not an i64 >= 0 or a symbol string
// NEGSTRIDE: fx-run: error: argument 0 stride 0: stride "s0 - 4" is -2 with the --sym values given; strides cannot be negative
// SAME: check-passes: 5 orders against none
// SAME-NOT: MISMATCH
// SAME: arguments: bit-identical
// NOOP-LABEL: func.func @split_write
// NOOP-SAME: (%[[X:[^:]*]]:
// NOOP: fx.call "fuzz::f32r2_scale_"
// NOOP-NEXT: fx.call "aten::clone"(self = %[[X]])
// OVERLAP: argument 0: fx.strides overlap (dim 0's stride 0 is below the 1 elements the smaller strides span); fx-run builds an argument from distinct elements

fx.schema "fuzz::f32r2_scale_" = "f32r2_scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()"

func.func @ident(%x: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

func.func @strided_clone(%x: !fx.tensor<[3, 4], f32> {fx.strides = [1, 3]}) -> !fx.tensor<[3, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

// The merge copies (the layout is transposed); the chain is the identity.
func.func @strided_chain(%x: !fx.tensor<[3, 4], f32> {fx.strides = [1, 3]}) -> !fx.tensor<[3, 4], f32> {
  %y = fx.reshape %x, shape = [12] : !fx.tensor<[3, 4], f32> -> !fx.tensor<[12], f32>
  %z = fx.reshape %y, shape = [3, 4] : !fx.tensor<[12], f32> -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

// A write-back into a transposed argument (the AOT epilogue), then read.
func.func @strided_write(%x: !fx.tensor<[3, 4], f32> {fx.strides = [1, 3]}, %v: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32> {
  %r = fx.call "aten::copy_"(self = %x, src = %v) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

// A split of a strided argument, written in place between the reshapes:
// the split is a view (torch's rule, whatever the layout), so the chain
// collapses onto the argument, which the write changed.
func.func @split_write(%x: !fx.tensor<[12], f32> {fx.strides = [2]}) -> !fx.tensor<[12], f32> {
  %y = fx.reshape %x, shape = [3, 4] : !fx.tensor<[12], f32> -> !fx.tensor<[3, 4], f32>
  fx.call "fuzz::f32r2_scale_"(self = %y) {alpha = 2.0 : f64} : (!fx.tensor<[3, 4], f32>) -> ()
  %z = fx.reshape %y, shape = [12] : !fx.tensor<[3, 4], f32> -> !fx.tensor<[12], f32>
  %c = fx.call "aten::clone"(self = %z) : (!fx.tensor<[12], f32>) -> !fx.tensor<[12], f32>
  return %c : !fx.tensor<[12], f32>
}

func.func @overlapping(%x: !fx.tensor<[3, 4], f32> {fx.strides = [0, 1]}) -> !fx.tensor<[3, 4], f32> {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}
