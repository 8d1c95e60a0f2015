// Symbolic dim expressions at run time: a padded ["s0 + 1", 64] buffer whose
// first s0 rows a call writes in place (no clone, no scatter after the
// passes), bit-identical to the run without passes in every pass order;
// dims, slice bounds and allocation sizes evaluated from s0 with Python's
// floor semantics; an argument dim that is an expression is checked
// against the caller's tensor; a dim that comes out negative is a runtime
// error, never a negative allocation.
// RUN: rm -rf %t && mkdir -p %t %t/h %t/h2 %t/o
// RUN: fx-run %s --entry=padded --sym=s0=7 --check-passes -O0 --output-dir=%t | FileCheck %s
// CHECK: check-passes: 5 orders against none
// CHECK: out0: bit-identical
// CHECK: out1: bit-identical
// CHECK: copies avoided: 3
// RUN: not fx-run %s --entry=negative_dim --sym=s0=2 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: fx-run: error: result 0: dim "s0 - 4" is -2 with the --sym values given; sizes cannot be negative
// Expressions are computed in int64 with overflow checks, never wrapped:
// 65536**4 + 16 would wrap to 16 (a type dim), 4*2^62 + 4 to 4 (a slice
// bound, in no type).
// RUN: not fx-run %s --entry=overflow_dim --sym=s0=65536 --output-dir=%t/o 2>&1 | FileCheck %s --check-prefix=OVF_DIM
// OVF_DIM: fx-run: error: {{.*}}: @overflow_dim: the number of int64 overflows computing "s0**4 + 16" is 1, expected 0
// RUN: fx-run %s --entry=overflow_dim --sym=s0=1 --output-dir=%t/o | FileCheck %s --check-prefix=OVF_OK
// OVF_OK: out0: {{.*}} checksum
// RUN: not fx-run %s --entry=overflow_bound --sym=s0=4611686018427387904 --output-dir=%t/o 2>&1 | FileCheck %s --check-prefix=OVF_BOUND
// OVF_BOUND: fx-run: error: {{.*}}: @overflow_bound: the number of int64 overflows computing "4*s0 + 4" is 1, expected 0
// A slice end with a negative term ("s0 - 1") counts from the end when it
// is negative (s0 = 0: rows [0, 3) of 4), so the region model does not take
// it at its value: the call writing those rows is cloned before the later
// read of row s0 (bench/mutations.txt expr-end-trusted: trusted, the read
// sees the new rows at s0 = 0).
// RUN: fx-run %s --entry=negative_end_read --sym=s0=0 --check-passes -O0 --output-dir=%t/o | FileCheck %s --check-prefix=NEGEND
// RUN: fx-run %s --entry=negative_end_read --sym=s0=3 --check-passes -O0 --output-dir=%t/o | FileCheck %s --check-prefix=NEGEND
// NEGEND: out0: bit-identical
// NEGEND-NEXT: out1: bit-identical
// The argument's dim is "2*s0": an input of another size is refused.
// RUN: fx-run %s --entry=halves --sym=s0=3 --output-dir=%t/h | FileCheck %s --check-prefix=HALVES
// HALVES: out0: {{.*}} checksum
// RUN: not fx-run %s --entry=halves --sym=s0=3 --input=1=%t/out0.npy --output-dir=%t/h2 2>&1 | FileCheck %s --check-prefix=ARG
// ARG: fx-run: error: {{.*}}out0.npy: shape [8, 64], but argument 1 has shape [6, 64] with the bound symbols

func.func @padded(%a: !fx.tensor<["s0 + 1", 64], f16>, %x: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> (!fx.tensor<["s0 + 1", 64], f16>, !fx.tensor<["((s0 + 1)//2)", "Max(1, s0)"], f16>) {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s0 + 1", 64], f16>) -> !fx.tensor<["s0 + 1", 64], f16>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s0", step = 1 : !fx.tensor<["s0 + 1", 64], f16> -> !fx.tensor<["s0", 64], f16>
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> !fx.tensor<["s0", 64], f16>
  %buf1 = fx.slice_scatter %buf, %r, dim = 0, start = 0, end = "s0", step = 1 : (!fx.tensor<["s0 + 1", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0 + 1", 64], f16>
  %half = fx.slice %buf1, dim = 0, start = "(s0//2)", end = "s0", step = 1 : !fx.tensor<["s0 + 1", 64], f16> -> !fx.tensor<["-(s0//2) + s0", 64], f16>
  %cols = fx.slice %half, dim = 1, start = 0, end = "Max(1, s0)", step = 1 : !fx.tensor<["-(s0//2) + s0", 64], f16> -> !fx.tensor<["-(s0//2) + s0", "Max(1, s0)"], f16>
  %out = fx.call "aten::clone"(self = %cols) : (!fx.tensor<["-(s0//2) + s0", "Max(1, s0)"], f16>) -> !fx.tensor<["-(s0//2) + s0", "Max(1, s0)"], f16>
  %v = fx.reshape %out, shape = ["((s0 + 1)//2)", "Max(1, s0)"] : !fx.tensor<["-(s0//2) + s0", "Max(1, s0)"], f16> -> !fx.tensor<["((s0 + 1)//2)", "Max(1, s0)"], f16>
  return %buf1, %v : !fx.tensor<["s0 + 1", 64], f16>, !fx.tensor<["((s0 + 1)//2)", "Max(1, s0)"], f16>
}

func.func @negative_dim(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0 - 4", 4], f32> {
  %a = fx.slice %x, dim = 0, start = 4, end = 9223372036854775807, step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0 - 4", 4], f32>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0 - 4", 4], f32>) -> !fx.tensor<["s0 - 4", 4], f32>
  return %c : !fx.tensor<["s0 - 4", 4], f32>
}

func.func @halves(%n: !fx.sym<"s0">, %y: !fx.tensor<["2*s0", 64], f16>) -> !fx.tensor<["s0", 64], f16> {
  %a = fx.slice %y, dim = 0, start = "s0", end = "2*s0", step = 1 : !fx.tensor<["2*s0", 64], f16> -> !fx.tensor<["s0", 64], f16>
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  return %c : !fx.tensor<["s0", 64], f16>
}

func.func @overflow_dim(%n: !fx.sym<"s0">, %x: !fx.tensor<[17, 4], f32>) -> !fx.tensor<[4, 4], f32> {
  %v = fx.reshape %x, shape = ["s0**4 + 16", 4] : !fx.tensor<[17, 4], f32> -> !fx.tensor<["s0**4 + 16", 4], f32>
  %s = fx.slice %v, dim = 0, start = 0, end = 4, step = 1 : !fx.tensor<["s0**4 + 16", 4], f32> -> !fx.tensor<[4, 4], f32>
  %c = fx.call "aten::clone"(self = %s) : (!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>
  return %c : !fx.tensor<[4, 4], f32>
}

func.func @overflow_bound(%n: !fx.sym<"s0">, %x: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
  %s = fx.slice %x, dim = 0, start = 0, end = "4*s0 + 4", step = 1 : !fx.tensor<[8, 4], f32> -> !fx.tensor<[8, 4], f32>
  %c = fx.call "aten::clone"(self = %s) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
  return %c : !fx.tensor<[8, 4], f32>
}

func.func @negative_end_read(%n: !fx.sym<"s0">, %a: !fx.tensor<["s0 + 4", 8], f32>, %x: !fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>, %w: !fx.tensor<[8], f32>) -> (!fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>, !fx.tensor<[1, 8], f32>) {
  %buf = fx.call "aten::cos"(self = %a) : (!fx.tensor<["s0 + 4", 8], f32>) -> !fx.tensor<["s0 + 4", 8], f32>
  %rows = fx.slice %buf, dim = 0, start = 0, end = "s0 - 1", step = 1 : !fx.tensor<["s0 + 4", 8], f32> -> !fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>
  %r = fx.auto_functionalized "_C::rms_norm"(result = %rows, input = %x, weight = %w) {epsilon = 1.0e-06 : f64} : (!fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>, !fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>, !fx.tensor<[8], f32>) -> !fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>
  %b = fx.slice %buf, dim = 0, start = "s0", end = "s0 + 1", step = 1 : !fx.tensor<["s0 + 4", 8], f32> -> !fx.tensor<[1, 8], f32>
  %c = fx.call "aten::clone"(self = %b) : (!fx.tensor<[1, 8], f32>) -> !fx.tensor<[1, 8], f32>
  return %r, %c : !fx.tensor<["Max(-4*s0 + 3, s0 - 1)", 8], f32>, !fx.tensor<[1, 8], f32>
}
