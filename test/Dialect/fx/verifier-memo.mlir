// The verifier hook remembers op signatures it found valid (FxVerifier.c,
// "The verifier hook's memo").  An op that is valid in one place must still
// be reported where the same op is not: the memo keys on the function type
// (which symbols are declared) and on the module's fx.schema declaration.
// fx-opt and mlir-opt make one context per --split-input-file chunk, so each
// case is one chunk.
// RUN: fx-opt %s --split-input-file --verify-diagnostics
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin %s --split-input-file --verify-diagnostics

// Same reshape, same operand and result types: valid where "s1" is a
// function argument, an error where it is not.
func.func @declares_s1(%x: !fx.tensor<["s0", 4096], f16>, %n: !fx.sym<"s1">) {
  %0 = fx.reshape %x, shape = ["s1", -1] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s1", 4096], f16>
  return
}

func.func @lacks_s1(%x: !fx.tensor<["s0", 4096], f16>) {
  // expected-error @below {{'fx.reshape' op result 0 uses symbol "s1", which no argument of the enclosing function declares (as a tensor dim or an !fx.sym)}}
  %0 = fx.reshape %x, shape = ["s1", -1] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s1", 4096], f16>
  return
}

// -----

// The call is valid against the declaration of module @a, and not against
// that of module @b: the same function type, the same call.
module @a {
  fx.schema "mylib::foo" = "foo(Tensor x) -> ()"

  func.func @call(%x: !fx.tensor<["s0", 4096], f16>) {
    fx.call "mylib::foo"(x = %x) : (!fx.tensor<["s0", 4096], f16>) -> ()
    return
  }
}

module @b {
  fx.schema "mylib::foo" = "foo(Tensor x, int n) -> ()"

  func.func @call(%x: !fx.tensor<["s0", 4096], f16>) {
    // expected-error @below {{'fx.call' op missing required argument "n" of mylib::foo(Tensor x, int n) -> () (in 'args')}}
    fx.call "mylib::foo"(x = %x) : (!fx.tensor<["s0", 4096], f16>) -> ()
    return
  }
}

// -----

// Whether an fx.view can be a view depends on its input's producers, not on
// its signature: the same view (same types, same shape) is valid on new
// storage and an error on a column slice of it, in one function.
func.func @view_by_producer() {
  %buf = fx.call "aten::empty"() {size = [4, 8], dtype = f32} : () -> !fx.tensor<[4, 8], f32>
  %new = fx.call "aten::empty"() {size = [4, 4], dtype = f32} : () -> !fx.tensor<[4, 4], f32>
  %ok = fx.view %new, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  %col = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>
  // expected-error @below {{'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [8, 1], as !fx.tensor<[16], f32>}}
  %bad = fx.view %col, shape = [16] : !fx.tensor<[4, 4], f32> -> !fx.tensor<[16], f32>
  return
}

// -----

// IRDL's own verifier is memoized too (FxDialectShim.cpp), on the op's
// signature; an op with a region or a successor is never memoized, so the
// same reshape with a region (generic form) is still refused after the
// valid one.
func.func @region_after_valid(%x: !fx.tensor<[8, 4096], f16>) {
  %0 = fx.reshape %x, shape = [8, -1] : !fx.tensor<[8, 4096], f16> -> !fx.tensor<[8, 4096], f16>
  // expected-error @below {{'fx.reshape' op unexpected number of regions: expected 0 but got 1}}
  %1 = "fx.reshape"(%x) ({
    "func.return"() : () -> ()
  }) {shape = [8, -1]} : (!fx.tensor<[8, 4096], f16>) -> !fx.tensor<[8, 4096], f16>
  return
}
