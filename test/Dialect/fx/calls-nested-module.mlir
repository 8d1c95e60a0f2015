// A nested module is its own symbol table: a call inside it names the
// callee of that module, and the donation check applies there too (D3).
// RUN: fx-opt %s --verify-diagnostics --pass-pipeline='builtin.module(builtin.module(func.func(fx-verify)))'

module {
  module {
    func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
      return %p : !fx.tensor<[8, 4], f32>
    }

    func.func @negative_donate_argument(%a: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
      // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view or an alias of) argument 0 of the caller, which is not donated: the callee may write it}}
      %r = func.call @g(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
      return %r : !fx.tensor<[8, 4], f32>
    }
  }

  // The outer @g takes no donation; the nested module's own @g, declared
  // after its caller, does.  The second call of the caller finds it in
  // that module's symbol table (fxSchemaTableGetCallee).
  func.func @g(%p: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
    return %p : !fx.tensor<[8, 4], f32>
  }

  module {
    func.func @h(%p: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
      return %p : !fx.tensor<[8, 4], f32>
    }

    func.func @negative_second_call(%a: !fx.tensor<[8, 4], f32>, %b: !fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32> {
      %r0 = func.call @h(%a) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
      // expected-error @below {{'func.call' op operand 0 goes to a donated parameter of @g, but it is (a view or an alias of) argument 1 of the caller, which is not donated: the callee may write it}}
      %r1 = func.call @g(%b) : (!fx.tensor<[8, 4], f32>) -> !fx.tensor<[8, 4], f32>
      return %r1 : !fx.tensor<[8, 4], f32>
    }

    func.func @g(%p: !fx.tensor<[8, 4], f32> {fx.donated}) -> !fx.tensor<[8, 4], f32> {
      return %p : !fx.tensor<[8, 4], f32>
    }
  }
}
