// Region model in fx-fix-functionalization: which later uses read what an
// in-place write changes (rule (a)) or share it with another operand (b).
// Positive cases are written in place; @negative_* cases are cloned.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Written rows 0,2,4,6; the scatter's base starts at row 1, so its result
// carries written rows 2,4,6 (base rows 1,3,5) and overwrites base rows
// 0,2,4,6 only: it reads what the call wrote (F2).
// CHECK-LABEL: func.func @negative_strided_write_offset_scatter
// CHECK: %[[R:.*]] = fx.call "aten::clone"
// CHECK: %[[M:.*]] = fx.slice %[[R]],
// CHECK: %[[C:.*]] = fx.call "aten::clone"(self = %[[M]])
// CHECK: fx.call "t::w"(out = %[[C]])
func.func @negative_strided_write_offset_scatter(%a: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[4, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'out': it is read after the call at loc("reader")}}
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b = fx.slice %r, dim = 0, start = 1, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[7, 4], f32>
  %s = fx.slice_scatter %b, %y, dim = 0, start = 0, end = 7, step = 2 : (!fx.tensor<[7, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[7, 4], f32>
  return %n, %s : !fx.tensor<[4, 4], f32>, !fx.tensor<[7, 4], f32> loc("reader")
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// The scatter's base starts at row 2 and it overwrites base rows 0,2,4:
// exactly the written rows it carries (2,4,6); rows 3,5,7 were not written.
// CHECK-LABEL: func.func @strided_write_scatter_same_phase
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<[4, 4], f32>
// CHECK: fx.call "t::w"(out = %[[M:[^)]*]])
func.func @strided_write_scatter_same_phase(%a: !fx.tensor<[8, 4], f32>, %y: !fx.tensor<[3, 4], f32>) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %b = fx.slice %r, dim = 0, start = 2, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[6, 4], f32>
  %s = fx.slice_scatter %b, %y, dim = 0, start = 0, end = 6, step = 2 : (!fx.tensor<[6, 4], f32>, !fx.tensor<[3, 4], f32>) -> !fx.tensor<[6, 4], f32>
  return %n, %s : !fx.tensor<[4, 4], f32>, !fx.tensor<[6, 4], f32> loc("reader")
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Odd columns written; even columns of rows 1-2 read: disjoint by phase.
// CHECK-LABEL: func.func @interleaved_columns
// CHECK-NOT: fx.call "aten::clone"({{.*}}!fx.tensor<[8, 2], f32>
// CHECK: t::w
func.func @interleaved_columns(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 2], f32>, !fx.tensor<[2, 2], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 1, start = 1, end = 4, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[8, 2], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[8, 2], f32>) -> !fx.tensor<[8, 2], f32>
  %b = fx.slice %r, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[2, 4], f32>
  %e = fx.slice %b, dim = -1, start = 0, end = 9223372036854775807, step = 2 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[2, 2], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 2], f32>) -> !fx.tensor<[2, 2], f32> loc("reader")
  return %n, %c : !fx.tensor<[8, 2], f32>, !fx.tensor<[2, 2], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Odd columns written; columns 3.. of rows 1-2 read: column 3 is written.
// CHECK-LABEL: func.func @negative_columns_same_phase
// CHECK: aten::clone{{.*}}!fx.tensor<[8, 2], f32>
// CHECK: t::w
func.func @negative_columns_same_phase(%a: !fx.tensor<[8, 4], f32>) -> (!fx.tensor<[8, 2], f32>, !fx.tensor<[2, 1], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 1, start = 1, end = 4, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[8, 2], f32>
  // expected-remark @below {{cloned operand 'out': it is read after the call at loc("reader")}}
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[8, 2], f32>) -> !fx.tensor<[8, 2], f32>
  %b = fx.slice %r, dim = 0, start = 1, end = 3, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[2, 4], f32>
  %e = fx.slice %b, dim = 1, start = -1, end = 9223372036854775807, step = 1 : !fx.tensor<[2, 4], f32> -> !fx.tensor<[2, 1], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 1], f32>) -> !fx.tensor<[2, 1], f32> loc("reader")
  return %n, %c : !fx.tensor<[8, 2], f32>, !fx.tensor<[2, 1], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// A view splits the 8 columns into 2x4; its [:, :, 0:2] are columns
// 0,1,4,5; columns 2,3 are read: disjoint.
// CHECK-LABEL: func.func @split_view_disjoint
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<[4, 2, 2], f32>
// CHECK: t::w
func.func @split_view_disjoint(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[4, 2, 2], f32>, !fx.tensor<[4, 2], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %v = fx.view %r, shape = [4, 2, 4] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 2, 4], f32>
  %m = fx.slice %v, dim = 2, start = 0, end = 2, step = 1 : !fx.tensor<[4, 2, 4], f32> -> !fx.tensor<[4, 2, 2], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[4, 2, 2], f32>) -> !fx.tensor<[4, 2, 2], f32>
  %e = fx.slice %r, dim = 1, start = 2, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 2], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32> loc("reader")
  return %n, %c : !fx.tensor<[4, 2, 2], f32>, !fx.tensor<[4, 2], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// The same write; columns 4,5 are read: they were written.
// CHECK-LABEL: func.func @negative_split_view_overlap
// CHECK: aten::clone{{.*}}!fx.tensor<[4, 2, 2], f32>
// CHECK: t::w
func.func @negative_split_view_overlap(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[4, 2, 2], f32>, !fx.tensor<[4, 2], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %v = fx.view %r, shape = [4, 2, 4] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 2, 4], f32>
  %m = fx.slice %v, dim = 2, start = 0, end = 2, step = 1 : !fx.tensor<[4, 2, 4], f32> -> !fx.tensor<[4, 2, 2], f32>
  // expected-remark @below {{cloned operand 'out': it is read after the call at loc("reader")}}
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[4, 2, 2], f32>) -> !fx.tensor<[4, 2, 2], f32>
  %e = fx.slice %r, dim = 1, start = 4, end = 6, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 2], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[4, 2], f32>) -> !fx.tensor<[4, 2], f32> loc("reader")
  return %n, %c : !fx.tensor<[4, 2, 2], f32>, !fx.tensor<[4, 2], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Flattened, elements 8..15 are row 1; rows 2,3 are read: disjoint.
// CHECK-LABEL: func.func @merged_reshape_slice_disjoint
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<[8], f32>
// CHECK: t::w
func.func @merged_reshape_slice_disjoint(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[2, 8], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %f = fx.reshape %r, shape = [32] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[32], f32>
  %m = fx.slice %f, dim = 0, start = 8, end = 16, step = 1 : !fx.tensor<[32], f32> -> !fx.tensor<[8], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %e = fx.slice %r, dim = 0, start = 2, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("reader")
  return %n, %c : !fx.tensor<[8], f32>, !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Flattened elements 12..19 are half of row 1 and half of row 2: not a
// box of the rows and columns, so the model keeps a superset (rows 1, 2)
// and says so; row 2 is read.
// CHECK-LABEL: func.func @negative_merged_reshape_slice_overlap
// CHECK: aten::clone{{.*}}!fx.tensor<[8], f32>
// CHECK: t::w
func.func @negative_merged_reshape_slice_overlap(%a: !fx.tensor<[4, 8], f32>) -> (!fx.tensor<[8], f32>, !fx.tensor<[2, 8], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %f = fx.reshape %r, shape = [32] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[32], f32>
  %m = fx.slice %f, dim = 0, start = 12, end = 20, step = 1 : !fx.tensor<[32], f32> -> !fx.tensor<[8], f32>
  // expected-remark @below {{cloned operand 'out': it may be read after the call at loc("reader") (a slice of a dim that a reshape merged, not a box of the storage)}}
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %e = fx.slice %r, dim = 0, start = 2, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("reader")
  return %n, %c : !fx.tensor<[8], f32>, !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// `r[2:10]` on a dim of s0 rows has min(10, s0) - 2 rows; its last two
// rows are rows s0-2, s0-1 when s0 < 10, which r[0:6] reads: no guess
// of the extent may place them at rows 8, 9 (F4).
// CHECK-LABEL: func.func @negative_symbolic_negative_start
// CHECK: aten::clone{{.*}}!fx.tensor<[2, 4], f32>
// CHECK: t::w
func.func @negative_symbolic_negative_start(%a: !fx.tensor<["s0", 4], f32>, %n1: !fx.sym<"s1">) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<[6, 4], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %y = fx.slice %r, dim = 0, start = 2, end = 10, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %z = fx.slice %y, dim = 0, start = -2, end = 9223372036854775807, step = 1 : !fx.tensor<["s1", 4], f32> -> !fx.tensor<[2, 4], f32>
  // expected-remark @below {{cloned operand 'out': it may be read after the call at loc("reader") (a slice end clamped against a symbolic size)}}
  %n = fx.auto_functionalized "t::w"(out = %z) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %e = fx.slice %r, dim = 0, start = 0, end = 6, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[6, 4], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<[6, 4], f32>) -> !fx.tensor<[6, 4], f32> loc("reader")
  return %n, %c : !fx.tensor<[2, 4], f32>, !fx.tensor<[6, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Rows [0, 2) written, rows [2, s0) read: disjoint whatever s0 is.
// CHECK-LABEL: func.func @symbolic_rows_disjoint
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<[2, 4], f32>
// CHECK: t::w
func.func @symbolic_rows_disjoint(%a: !fx.tensor<["s0", 4], f32>, %n1: !fx.sym<"s1">) -> (!fx.tensor<[2, 4], f32>, !fx.tensor<["s1", 4], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[2, 4], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[2, 4], f32>) -> !fx.tensor<[2, 4], f32>
  %e = fx.slice %r, dim = 0, start = 2, end = "s0", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<["s1", 4], f32>) -> !fx.tensor<["s1", 4], f32> loc("reader")
  return %n, %c : !fx.tensor<[2, 4], f32>, !fx.tensor<["s1", 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Rows [0, 4) written, rows [2, s0) read: they meet when s0 > 2.
// CHECK-LABEL: func.func @negative_symbolic_rows_overlap
// CHECK: aten::clone{{.*}}!fx.tensor<[4, 4], f32>
// CHECK: t::w
func.func @negative_symbolic_rows_overlap(%a: !fx.tensor<["s0", 4], f32>, %n1: !fx.sym<"s1">) -> (!fx.tensor<[4, 4], f32>, !fx.tensor<["s1", 4], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'out': it may be read after the call at loc("reader") (a slice end clamped against a symbolic size)}}
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  %e = fx.slice %r, dim = 0, start = 2, end = "s0", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<["s1", 4], f32>) -> !fx.tensor<["s1", 4], f32> loc("reader")
  return %n, %c : !fx.tensor<[4, 4], f32>, !fx.tensor<["s1", 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// Columns 0,1 written on every row, columns 2,3 read.
// CHECK-LABEL: func.func @symbolic_columns_disjoint
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<["s0", 2], f32>
// CHECK: t::w
func.func @symbolic_columns_disjoint(%a: !fx.tensor<["s0", 4], f32>) -> (!fx.tensor<["s0", 2], f32>, !fx.tensor<["s0", 2], f32>) {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  %m = fx.slice %r, dim = 1, start = 0, end = 2, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0", 2], f32>
  %n = fx.auto_functionalized "t::w"(out = %m) : (!fx.tensor<["s0", 2], f32>) -> !fx.tensor<["s0", 2], f32>
  %e = fx.slice %r, dim = 1, start = 2, end = 4, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0", 2], f32>
  %c = fx.call "aten::clone"(self = %e) : (!fx.tensor<["s0", 2], f32>) -> !fx.tensor<["s0", 2], f32> loc("reader")
  return %n, %c : !fx.tensor<["s0", 2], f32>, !fx.tensor<["s0", 2], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// (b) Even rows written, odd rows read by the same call: disjoint.
// CHECK-LABEL: func.func @operands_interleaved
// CHECK-NOT: aten::clone{{.*}}!fx.tensor<[4, 4], f32>
// CHECK: t::w2
func.func @operands_interleaved(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %x = fx.slice %r, dim = 0, start = 1, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %n = fx.auto_functionalized "t::w2"(out = %m, x = %x) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n : !fx.tensor<[4, 4], f32>
}

// -----

fx.schema "t::w" = "w(Tensor! out) -> ()"
fx.schema "t::w2" = "w2(Tensor! out, Tensor x) -> ()"
// (b) Even rows written, rows 4..7 read by the same call: rows 4, 6 shared.
// CHECK-LABEL: func.func @negative_operands_overlap
// CHECK: aten::clone{{.*}}!fx.tensor<[4, 4], f32>
// CHECK: t::w2
func.func @negative_operands_overlap(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %r = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  %m = fx.slice %r, dim = 0, start = 0, end = 8, step = 2 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  %x = fx.slice %r, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[4, 4], f32>
  // expected-remark @below {{cloned operand 'out': operand 'x' of the same call shares its storage}}
  %n = fx.auto_functionalized "t::w2"(out = %m, x = %x) : (!fx.tensor<[4, 4], f32>, !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %n : !fx.tensor<[4, 4], f32>
}
