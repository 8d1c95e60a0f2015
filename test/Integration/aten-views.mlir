// torch's view ops (aten::t, permute, unsqueeze, expand, select.int,
// transpose.int, squeeze.dim, detach) run as views of their input, never a
// copy (lowering/LowerAtenViews.c, kernels/views.c): each clone of a view
// holds the elements torch's definition of the op says (views_check.py
// computes them by index, not by strides), with and without the passes,
// also for views of views of a slice; bad arguments are run-time errors.
// RUN: rm -rf %t && mkdir -p %t/in %t/out
// RUN: %python %S/Inputs/views_check.py gen %t/in
// RUN: fx-run %s --entry=views --input=0=%t/in/in0.npy --input=1=%t/in/in1.npy --check-passes -O0 --output-dir=%t/out | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK: out8: bit-identical
// RUN: %python %S/Inputs/views_check.py check %t/out | FileCheck %s --check-prefix=VALUES
// VALUES: out0: matches torch
// VALUES: out1: matches torch
// VALUES: out2: matches torch
// VALUES: out3: matches torch
// VALUES: out4: matches torch
// VALUES: out5: matches torch
// VALUES: out6: matches torch
// VALUES: out7: matches torch
// VALUES: out8: matches torch
// RUN: not fx-run %s --entry=bad_expand --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=EXPAND
// EXPAND: fx-run: error: {{.*}}aten-views.mlir:{{[0-9]+}}:{{[0-9]+}}: aten::expand: the size [2, 5] does not match the tensor's [3, 4] at dim 0 (a dim expands only from 1)
// RUN: not fx-run %s --entry=bad_select --sym=s0=3 --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=SELECT
// SELECT: fx-run: error: {{.*}}: aten::select.int: index 3 is out of range for dim 0 of size 3
// copy_ into an expanded tensor (stride 0, size > 1) is torch's
// internal-overlap error, not a silent last-write-wins.
// RUN: not fx-run %s --entry=copy_into_expand --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=OVERLAP
// OVERLAP: fx-run: error: {{.*}}: aten::copy_: unsupported operation: more than one element of the written-to tensor refers to a single memory location (dim 0: size 3, stride 0); clone() it before writing, as torch says
// Overlapping rows with non-zero strides (as_strided): torch lets the last
// write win; fxir's copy_ wants one location per element, since the
// passes may write such a self in place instead of copying into it (an
// argument under rule (c): adversary round 12 found the two differ).
// RUN: not fx-run %s --entry=copy_into_overlapping_rows --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=ROWS
// ROWS: fx-run: error: {{.*}}: aten::copy_: the written-to tensor (sizes [3, 4], strides [2, 1]) may map several elements to one memory location; fxir writes one location per element: clone() it before writing
// RUN: not fx-run %s --entry=write_back_overlapping_arg --check-passes --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=ROWS
// An empty expanded tensor is contiguous in torch (numel 0): writing it is
// no error (found by bench/fuzz, seed 64010).
// RUN: fx-run %s --entry=copy_into_empty_expand --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=EMPTY
// EMPTY: arguments: bit-identical
// RUN: not fx-run %s --entry=bad_type --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=TYPE
// TYPE: fx-run: error: {{.*}}: aten::t: a tensor of shape [3, 4] gives shape [4, 3], but the result type says [3, 4]

func.func @views(%x: !fx.tensor<[3, 4], f32>, %y: !fx.tensor<[2, 3, 4], f32>) -> (!fx.tensor<[4, 3], f32>, !fx.tensor<[4, 2, 3], f32>, !fx.tensor<[3, 1, 4], f32>, !fx.tensor<[2, 3, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4, 3, 2], f32>, !fx.tensor<[4, 2], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4, 2, 3], f32>) {
  %t = fx.call "aten::t"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[4, 3], f32>
  %p = fx.call "aten::permute"(self = %y) {dims = [2, 0, 1]} : (!fx.tensor<[2, 3, 4], f32>) -> !fx.tensor<[4, 2, 3], f32>
  %u = fx.call "aten::unsqueeze"(self = %x) {dim = 1} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 1, 4], f32>
  %e = fx.call "aten::expand"(self = %x) {size = [2, -1, 4]} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[2, 3, 4], f32>
  %s = fx.call "aten::select.int"(self = %y) {dim = 1, index = -1} : (!fx.tensor<[2, 3, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %tr = fx.call "aten::transpose.int"(self = %y) {dim0 = 0, dim1 = -1} : (!fx.tensor<[2, 3, 4], f32>) -> !fx.tensor<[4, 3, 2], f32>
  %rows = fx.slice %x, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[3, 4], f32> -> !fx.tensor<[2, 4], f32>
  %rt = fx.call "aten::t"(self = %rows) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[4, 2], f32>
  %u0 = fx.call "aten::unsqueeze"(self = %x) {dim = 0} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[1, 3, 4], f32>
  %sq = fx.call "aten::squeeze.dim"(self = %u0) {dim = 0} : (!fx.tensor<[1, 3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %d = fx.call "aten::detach"(self = %sq) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %ru = fx.call "aten::unsqueeze"(self = %rt) {dim = 2} : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2, 1], f32>
  %re = fx.call "aten::expand"(self = %ru) {size = [4, 2, 3]} : (!fx.tensor<[4, 2, 1], f32>) -> !fx.tensor<[4, 2, 3], f32>
  %c0 = fx.call "aten::clone"(self = %t) : (!fx.tensor<[4, 3], f32>) -> !fx.tensor<[4, 3], f32>
  %c1 = fx.call "aten::clone"(self = %p) : (!fx.tensor<[4, 2, 3], f32>) -> !fx.tensor<[4, 2, 3], f32>
  %c2 = fx.call "aten::clone"(self = %u) : (!fx.tensor<[3, 1, 4], f32>) -> !fx.tensor<[3, 1, 4], f32>
  %c3 = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 3, 4], f32>) -> !fx.tensor<[2, 3, 4], f32>
  %c4 = fx.call "aten::clone"(self = %s) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %c5 = fx.call "aten::clone"(self = %tr) : (!fx.tensor<[4, 3, 2], f32>) -> !fx.tensor<[4, 3, 2], f32>
  %c6 = fx.call "aten::clone"(self = %rt) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32>
  %c7 = fx.call "aten::clone"(self = %d) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %c8 = fx.call "aten::clone"(self = %re) : (!fx.tensor<[4, 2, 3], f32>) -> !fx.tensor<[4, 2, 3], f32>
  return %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8 : !fx.tensor<[4, 3], f32>, !fx.tensor<[4, 2, 3], f32>, !fx.tensor<[3, 1, 4], f32>, !fx.tensor<[2, 3, 4], f32>, !fx.tensor<[2, 4], f32>, !fx.tensor<[4, 3, 2], f32>, !fx.tensor<[4, 2], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4, 2, 3], f32>
}

func.func @bad_expand(%x: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[2, 5], f32> {
  %e = fx.call "aten::expand"(self = %x) {size = [2, 5]} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[2, 5], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 5], f32>) -> !fx.tensor<[2, 5], f32>
  return %c : !fx.tensor<[2, 5], f32>
}

func.func @bad_select(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<[4], f32> {
  %s = fx.call "aten::select.int"(self = %x) {dim = 0, index = "s0"} : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<[4], f32>
  %c = fx.call "aten::clone"(self = %s) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

func.func @bad_type(%x: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32> {
  %t = fx.call "aten::t"(self = %x) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::clone"(self = %t) : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %c : !fx.tensor<[3, 4], f32>
}

func.func @copy_into_expand(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[4], f32> {
  %b = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %e = fx.call "aten::expand"(self = %b) {size = [3, 4]} : (!fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::copy_"(self = %e, src = %y) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %b : !fx.tensor<[4], f32>
}

func.func @copy_into_empty_expand(%x: !fx.tensor<[0], f32>, %y: !fx.tensor<[3, 0], f32>) -> !fx.tensor<[0], f32> {
  %b = fx.call "aten::clone"(self = %x) : (!fx.tensor<[0], f32>) -> !fx.tensor<[0], f32>
  %u = fx.call "aten::unsqueeze"(self = %b) {dim = 0} : (!fx.tensor<[0], f32>) -> !fx.tensor<[1, 0], f32>
  %e = fx.call "aten::expand"(self = %u) {size = [3, 0]} : (!fx.tensor<[1, 0], f32>) -> !fx.tensor<[3, 0], f32>
  %c = fx.call "aten::copy_"(self = %e, src = %y) : (!fx.tensor<[3, 0], f32>, !fx.tensor<[3, 0], f32>) -> !fx.tensor<[3, 0], f32>
  return %b : !fx.tensor<[0], f32>
}

// aten::as_strided: sizes and strides over the input's elements in
// row-major order, from storage_offset (counted from the input's first
// element; 0 when left out).  [2, 2] with
// strides [1, 4] from offset 1 of a contiguous [3, 4] is x[0:2, 1:3]^T; the
// squared difference is all zeros exactly when every element matches.
// RUN: fx-run %s --entry=as_strided --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=STRIDED
// STRIDED: out0: bit-identical
// STRIDED: out1: bit-identical
// STRIDED: out0: {{.*}} checksum 0{{$}}
// STRIDED: out1: {{.*}} checksum 0{{$}}
func.func @as_strided(%x: !fx.tensor<[3, 4], f32>) -> (!fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>) {
  %a = fx.call "aten::as_strided"(self = %x) {size = [2, 2], stride = [1, 4], storage_offset = 1} : (!fx.tensor<[3, 4], f32>) -> !fx.tensor<[2, 2], f32>
  %r = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[3, 4], f32> -> !fx.tensor<[2, 4], f32>
  %c = fx.slice %r, dim = 1, start = 1, end = 3, step = 1 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[2, 2], f32>
  %t = fx.call "aten::t"(self = %c) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  %d = fx.call "aten::sub.Tensor"(self = %a, other = %t) : (!fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  %sq = fx.call "aten::mul.Tensor"(self = %d, other = %d) : (!fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  // No storage_offset: from the slice's first element (row 1 of x).
  %s = fx.slice %x, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[3, 4], f32> -> !fx.tensor<[2, 4], f32>
  %b = fx.call "aten::as_strided"(self = %s) {size = [2, 2], stride = [4, 1]} : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 2], f32>
  %e = fx.slice %s, dim = 1, start = 0, end = 2, step = 1 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[2, 2], f32>
  %d2 = fx.call "aten::sub.Tensor"(self = %b, other = %e) : (!fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  %sq2 = fx.call "aten::mul.Tensor"(self = %d2, other = %d2) : (!fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  return %sq, %sq2 : !fx.tensor<[2, 2], f32>, !fx.tensor<[2, 2], f32>
}

// A view reaching past the input's elements is an error, not a read of
// whatever lies beyond (torch allows the whole storage, which fxir does not
// know for an argument).
// RUN: not fx-run %s --entry=bad_as_strided --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=STRIDED_OUT
// STRIDED_OUT: fx-run: error: {{.*}}: aten::as_strided: the view (sizes [2, 2], strides [4, 1], offset 6) reaches elements 6 to 11 of an input of 4 elements (fxir keeps as_strided within its input)
func.func @bad_as_strided(%x: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[2, 2], f32> {
  %s = fx.slice %x, dim = 0, start = 1, end = 2, step = 1 : !fx.tensor<[3, 4], f32> -> !fx.tensor<[1, 4], f32>
  %a = fx.call "aten::as_strided"(self = %s) {size = [2, 2], stride = [4, 1], storage_offset = 6} : (!fx.tensor<[1, 4], f32>) -> !fx.tensor<[2, 2], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  return %c : !fx.tensor<[2, 2], f32>
}

// The input must be contiguous: as_strided of a column slice could reach
// the other columns, storage the passes do not see it use (round 10: a
// callee read and wrote a caller's buffer that way, and the passes changed
// what it saw).  A row slice is contiguous, and its offset counts from its
// own first element, wherever it lives.
// RUN: not fx-run %s --entry=as_strided_not_contiguous --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=NOT_CONTIG
// NOT_CONTIG: fx-run: error: {{.*}}: aten::as_strided: the input (sizes [3, 2], strides [4, 1]) is not contiguous: fxir's as_strided addresses its input's elements in row-major order (clone it first)
func.func @as_strided_not_contiguous(%x: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[2], f32> {
  %s = fx.slice %x, dim = 1, start = 0, end = 2, step = 1 : !fx.tensor<[3, 4], f32> -> !fx.tensor<[3, 2], f32>
  %a = fx.call "aten::as_strided"(self = %s) {size = [2], stride = [1], storage_offset = 2} : (!fx.tensor<[3, 2], f32>) -> !fx.tensor<[2], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[2], f32>) -> !fx.tensor<[2], f32>
  return %c : !fx.tensor<[2], f32>
}

// as_strided of a new value that the passes could replace by a strided
// operand: the layout rule keeps the clone, and every order gives the bits
// of the run without passes (before the rule, as_strided read other
// elements of the buffer).
// RUN: fx-run %s --entry=as_strided_of_new_value --check-passes --output-dir=%t/out | FileCheck %s --check-prefix=STRIDED_NEW
// STRIDED_NEW: out0: bit-identical
func.func @as_strided_of_new_value(%buf: !fx.tensor<[4, 8], f32> {fx.donated}, %x: !fx.tensor<[4, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[2, 2], f32> {
  %s = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %s, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4, 4], f32>
  %a = fx.call "aten::as_strided"(self = %n) {size = [2, 2], stride = [4, 1], storage_offset = 4} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  return %c : !fx.tensor<[2, 2], f32>
}

// The range check itself cannot overflow (an adversary's cases: a stride
// or an offset near 2^63 wrapped the last element below the first, and the
// view read outside its buffer).
// RUN: not fx-run %s --entry=as_strided_huge_stride --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=HUGE_STRIDE
// HUGE_STRIDE: fx-run: error: {{.*}}: aten::as_strided: the view (sizes [3], strides [4611687117939015680], offset 0) reaches elements beyond int64 of an input of 4 elements
// RUN: not fx-run %s --entry=as_strided_huge_offset --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=HUGE_OFFSET
// HUGE_OFFSET: fx-run: error: {{.*}}: aten::as_strided: the view (sizes [3], strides [1], offset 9223372036854775806) reaches elements beyond int64 of an input of 4 elements
func.func @as_strided_huge_stride(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[3], f32> {
  %a = fx.call "aten::as_strided"(self = %x) {size = [3], stride = [4611687117939015680], storage_offset = 0} : (!fx.tensor<[4], f32>) -> !fx.tensor<[3], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[3], f32>) -> !fx.tensor<[3], f32>
  return %c : !fx.tensor<[3], f32>
}
func.func @as_strided_huge_offset(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[3], f32> {
  %a = fx.call "aten::as_strided"(self = %x) {size = [3], stride = [1], storage_offset = 9223372036854775806} : (!fx.tensor<[4], f32>) -> !fx.tensor<[3], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[3], f32>) -> !fx.tensor<[3], f32>
  return %c : !fx.tensor<[3], f32>
}

// A negative stride is an error (fxir's views never have one).
// RUN: not fx-run %s --entry=as_strided_negative_stride --output-dir=%t/out 2>&1 | FileCheck %s --check-prefix=NEG_STRIDE
// NEG_STRIDE: fx-run: error: {{.*}}: aten::as_strided: size 2 or stride -4 of dim 0 is negative
func.func @as_strided_negative_stride(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32> {
  %a = fx.call "aten::as_strided"(self = %x) {size = [2, 2], stride = [-4, 1], storage_offset = 8} : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[2, 2], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32>
  return %c : !fx.tensor<[2, 2], f32>
}

func.func @copy_into_overlapping_rows(%x: !fx.tensor<[8], f32>, %y: !fx.tensor<[3, 4], f32>) -> !fx.tensor<[8], f32> {
  %b = fx.call "aten::cos"(self = %x) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %v = fx.call "aten::as_strided"(self = %b) {size = [3, 4], stride = [2, 1], storage_offset = 0} : (!fx.tensor<[8], f32>) -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::copy_"(self = %v, src = %y) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return %b : !fx.tensor<[8], f32>
}

// A callee writing its (not donated) argument back with copy_ (rule (c)),
// given overlapping rows by its caller: the run without the passes fails
// at the copy_, so the passes' in-place write is no different answer.
func.func @write_back(%p: !fx.tensor<[3, 4], f32>, %x: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) {
  %n = fx.auto_functionalized "_C::rms_norm"(result = %p, input = %x, weight = %w) {epsilon = 1.0e-05 : f64} : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[3, 4], f32>
  %c = fx.call "aten::copy_"(self = %p, src = %n) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[3, 4], f32>
  return
}

func.func @write_back_overlapping_arg(%a: !fx.tensor<[8], f32>, %x: !fx.tensor<[3, 4], f32>, %w: !fx.tensor<[4], f32>) -> !fx.tensor<[8], f32> {
  %b = fx.call "aten::cos"(self = %a) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %v = fx.call "aten::as_strided"(self = %b) {size = [3, 4], stride = [2, 1], storage_offset = 0} : (!fx.tensor<[8], f32>) -> !fx.tensor<[3, 4], f32>
  func.call @write_back(%v, %x, %w) : (!fx.tensor<[3, 4], f32>, !fx.tensor<[3, 4], f32>, !fx.tensor<[4], f32>) -> ()
  return %b : !fx.tensor<[8], f32>
}
