// Symbolic dim expressions (fxir/FxDimExpr.h): accepted in canonical form
// wherever a symbol may stand (dims, slice bounds, shape entries, SymInt
// args); every other spelling is an error that names the canonical one.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))' | FileCheck %s

// CHECK-LABEL: func.func @canonical
// CHECK: fx.slice %{{.*}}, dim = 0, start = "(s0//2)", end = "2*s0 + 1"
// CHECK-SAME: !fx.tensor<["2*s0 + 1", 4], f32> -> !fx.tensor<["-(s0//2) + 2*s0 + 1", 4], f32>
func.func @canonical(%x: !fx.tensor<["s0", 4], f32>, %y: !fx.tensor<["2*s0 + 1", 4], f32>) -> !fx.tensor<["-(s0//2) + 2*s0 + 1", 4], f32> {
  %a = fx.slice %y, dim = 0, start = "(s0//2)", end = "2*s0 + 1", step = 1 : !fx.tensor<["2*s0 + 1", 4], f32> -> !fx.tensor<["-(s0//2) + 2*s0 + 1", 4], f32>
  %e = fx.call "aten::empty"() {dtype = f32, size = ["Max(1, s0)", "Mod(s0, 4)"]} : () -> !fx.tensor<["Max(1, s0)", "Mod(s0, 4)"], f32>
  return %a : !fx.tensor<["-(s0//2) + 2*s0 + 1", 4], f32>
}

// -----

func.func @not_canonical(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.call' op result 0 dim 0 is "s0 + s0", not in fxir's canonical form: write "2*s0"}}
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0 + s0", 4], f32>
  return
}

// -----

func.func @integer_valued(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.slice' op end is "s0 - s0 + 2", which is the integer 2: write it as an integer}}
  %a = fx.slice %x, dim = 0, start = 0, end = "s0 - s0 + 2", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<[2, 4], f32>
  return
}

// -----

func.func @unreadable(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.reshape' op result 0 dim 0 is "s0 / 2", neither a symbol nor a symbolic expression fxir reads: unexpected text at character 4 of "s0 / 2"}}
  %a = fx.reshape %x, shape = ["s0 / 2", 8] : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s0 / 2", 8], f32>
  return
}

// -----

func.func @symbolic_divisor(%x: !fx.tensor<["s0", "s1"], f32>) {
  // expected-error @below {{'fx.call' op args entry "size" is "(s0//s1)", neither a symbol nor a symbolic expression fxir reads: the divisor of '//' is s1: fxir divides by positive integers only}}
  %e = fx.call "aten::empty"() {dtype = f32, size = ["(s0//s1)"]} : () -> !fx.tensor<[4], f32>
  return
}

// -----

func.func @undeclared_in_expression(%x: !fx.tensor<["s0", 4], f32>) {
  // expected-error @below {{'fx.call' op result 0 dim 0 uses symbol "s1", which no argument of the enclosing function declares}}
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0 + s1", 4], f32>
  return
}

// -----

// An !fx.sym binds a symbol: its name is an identifier.
// expected-error @below {{argument 0 has type !fx.sym<"2*s0">: a symbol's name is an identifier (an argument binds a symbol, not an expression)}}
func.func @sym_expression(%n: !fx.sym<"2*s0">, %x: !fx.tensor<["s0", 4], f32>) {
  %c = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32>
  return
}
