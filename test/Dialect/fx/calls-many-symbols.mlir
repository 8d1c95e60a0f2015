// A module of more symbols than the callee index's first table holds (64
// slots, grown when half full): callees found by the walk that grows it,
// and after it, declared before the growth (@p2) and after (@p38)
// (fxSymbolIndexLookup, dialect/FxSymbols.c).
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-verify))'

func.func @negative_calls(%a: !fx.tensor<[4], f32>, %b: !fx.tensor<[4], f32>, %c: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @p39, but it is (a view or an alias of) argument 0 of the caller, which is not donated: the callee may write it}}
  %r0 = func.call @p39(%a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @p2, but it is (a view or an alias of) argument 1 of the caller, which is not donated: the callee may write it}}
  %r1 = func.call @p2(%b) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @p38, but it is (a view or an alias of) argument 2 of the caller, which is not donated: the callee may write it}}
  %r2 = func.call @p38(%c) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r0, %r1, %r2 : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}

func.func @p0(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p1(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p2(%x: !fx.tensor<[4], f32> {fx.donated}) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p3(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p4(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p5(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p6(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p7(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p8(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p9(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p10(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p11(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p12(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p13(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p14(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p15(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p16(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p17(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p18(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p19(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p20(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p21(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p22(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p23(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p24(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p25(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p26(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p27(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p28(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p29(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p30(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p31(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p32(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p33(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p34(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p35(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p36(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p37(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p38(%x: !fx.tensor<[4], f32> {fx.donated}) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}

func.func @p39(%x: !fx.tensor<[4], f32> {fx.donated}) -> !fx.tensor<[4], f32> {
  return %x : !fx.tensor<[4], f32>
}
