// fx-fix-functionalization on a slice_scatter or fx.slice the verifier
// would reject (IR it has not seen: --mlir-very-unsafe-disable-verifier-on-parsing,
// or built through the C API).  Without its parameters the pass cannot tell
// what the scatter overwrites: it must not take it for all of its base
// (then the old rows 0:2 that %t reads through the scatter would be
// "overwritten", and u::m would write them in place), nor crash reading a
// missing attribute (it did, for a missing dim, step, start or end).  A
// slice it cannot read may be any part of its input.  Each case clones the
// operand.
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' -o /dev/null
// RUN: fx-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing --verify-each=0 --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce))' -o /dev/null

fx.schema "u::m" = "m(Tensor! a) -> ()"
func.func @negative_no_step(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %q = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{cloned operand 'a': it is read after the call at loc("read")}}
  %r = fx.auto_functionalized "u::m"(a = %q) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %s = "fx.slice_scatter"(%a, %r) {dim = 0 : i64, start = 2 : i64, end = 4 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::cos"(self = %t) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("read")
  return %c : !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "u::m" = "m(Tensor! a) -> ()"
func.func @negative_no_dim(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %q = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{cloned operand 'a': it is read after the call at loc("read")}}
  %r = fx.auto_functionalized "u::m"(a = %q) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %s = "fx.slice_scatter"(%a, %r) {start = 2 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::cos"(self = %t) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("read")
  return %c : !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "u::m" = "m(Tensor! a) -> ()"
func.func @negative_no_bounds(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %q = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{cloned operand 'a': it is read after the call at loc("read")}}
  %r = fx.auto_functionalized "u::m"(a = %q) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %s = "fx.slice_scatter"(%a, %r) {dim = 0 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::cos"(self = %t) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("read")
  return %c : !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "u::m" = "m(Tensor! a) -> ()"
func.func @negative_dim_out_of_range(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %q = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{cloned operand 'a': it is read after the call at loc("read")}}
  %r = fx.auto_functionalized "u::m"(a = %q) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %s = "fx.slice_scatter"(%a, %r) {dim = 5 : i64, start = 2 : i64, end = 4 : i64, step = 1 : i64} : (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.slice %s, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::cos"(self = %t) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("read")
  return %c : !fx.tensor<[2, 8], f32>
}

// -----

fx.schema "u::m" = "m(Tensor! a) -> ()"
func.func @negative_slice_no_step(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %a = fx.call "aten::cos"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %q = "fx.slice"(%a) {dim = 0 : i64, start = 0 : i64, end = 2 : i64} : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[2, 8], f32>
  // expected-remark @below {{cloned operand 'a': it may be read after the call at loc("read") (a slice whose parameters the verifier would reject)}}
  %r = fx.auto_functionalized "u::m"(a = %q) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  %t = fx.slice %a, dim = 0, start = 2, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %c = fx.call "aten::cos"(self = %t) : (!fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32> loc("read")
  return %c : !fx.tensor<[2, 8], f32>
}
