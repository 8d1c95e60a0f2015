// Names that collide in the callee index's hash (FNV-1a, low bits: each
// of @f... lands where @last does) past its probe bound: the index gives
// up and the lookups walk the module, finding the same callees
// (dialect/FxSymbols.c, kMaxProbes).  The names were found by search.
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

func.func @negative_calls(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @last, but it is (a view or an alias of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r0 = func.call @last(%a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @f587, but it is (a view or an alias of) argument 1 of the caller, which is not donated: the callee may write it}}
  %r1 = func.call @f587(%b) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r0, %r1 : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

func.func @f334(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f536(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f565(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f587(%x: !fx.tensor<[4], f32> {fx.donated}) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f604(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f998(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1054(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1252(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1281(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1443(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1762(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1825(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f1876(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2198(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2316(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2345(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2424(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2626(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2675(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f2697(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3038(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3049(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3311(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3360(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3632(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3690(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3728(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f3759(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4053(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4242(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4291(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4444(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4563(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4725(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4776(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f4862(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f5137(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f5186(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f5331(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @f5340(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @last(%x: !fx.tensor<[4], f32> {fx.donated}) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}
