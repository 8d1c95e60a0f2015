// func.call between fx functions runs: a graph split into calls gives the
// same bits as the same ops in one function, with and without the passes.
// RUN: rm -rf %t && mkdir -p %t/calls %t/inline
// RUN: fx-run %s --entry=calls --sym=s0=5 --seed=3 -O0 --check-passes --output-dir=%t/calls | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=inline --sym=s0=5 --seed=3 -O0 --output-dir=%t/inline
// RUN: cmp %t/calls/out0.npy %t/inline/out0.npy
// RUN: cmp %t/calls/out1.npy %t/inline/out1.npy
// OK: out0: bit-identical
// OK: out1: bit-identical

func.func @scale_rows(%x: !fx.tensor<["s0", 8], f16>, %w: !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16> {
  %buf = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16>
  return %0 : !fx.tensor<["s0", 8], f16>
}

func.func @add(%x: !fx.tensor<["s0", 8], f16>, %y: !fx.tensor<["s0", 8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>) {
  %s = fx.call "aten::add.Tensor"(self = %x, other = %y) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %v = fx.view %s, shape = ["s0", 2, 4] : !fx.tensor<["s0", 8], f16> -> !fx.tensor<["s0", 2, 4], f16>
  return %s, %v : !fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>
}

func.func @calls(%x: !fx.tensor<["s0", 8], f16>, %w: !fx.tensor<[8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>) {
  %n = func.call @scale_rows(%x, %w) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16>
  // A call's result may be any of its operands (the check does not read
  // callees): pass clones where a result meets an operand of its call.
  %x2 = fx.call "aten::clone"(self = %x) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %s:2 = func.call @add(%n, %x2) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>)
  %n2 = fx.call "aten::clone"(self = %n) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %t:2 = func.call @add(%s#0, %n2) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>)
  return %t#0, %s#1 : !fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>
}

func.func @inline(%x: !fx.tensor<["s0", 8], f16>, %w: !fx.tensor<[8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x) : (!fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %n = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>) -> !fx.tensor<["s0", 8], f16>
  %s = fx.call "aten::add.Tensor"(self = %n, other = %x) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  %v = fx.view %s, shape = ["s0", 2, 4] : !fx.tensor<["s0", 8], f16> -> !fx.tensor<["s0", 2, 4], f16>
  %t = fx.call "aten::add.Tensor"(self = %s, other = %n) : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16>
  return %t, %v : !fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 2, 4], f16>
}
