// fx.irdl.mlir - the fx dialect: the single source of truth for its types and
// ops (DESIGN.md §2).  Embedded into libFxDialect at build time and loaded on the
// first use of the `fx.` namespace.
//
// IRDL unifies every constraint variable, including those nested inside
// `irdl.any_of`, so each operand slot, result slot and attribute below has
// its own variables; sharing one would force the slots to have equal types.
// What IRDL cannot express (array contents, schema agreement, symbols) is
// checked by the C verifier in FxVerifier.c.
irdl.dialect @fx {
  // !fx.tensor<[D0, D1, ...], DTYPE>: Di is an i64 >= 0 or a symbol string.
  irdl.type @tensor {
    %shape = irdl.base "#builtin.array"
    %f32 = irdl.is f32
    %f16 = irdl.is f16
    %bf16 = irdl.is bf16
    %f8E4M3FN = irdl.is f8E4M3FN
    %i8 = irdl.is i8
    %i32 = irdl.is i32
    %i64 = irdl.is i64
    %i1 = irdl.is i1
    %dtype = irdl.any_of(%f32, %f16, %bf16, %f8E4M3FN, %i8, %i32, %i64, %i1)
    irdl.parameters(shape: %shape, dtype: %dtype)
  }

  // !fx.sym<"s0">: a symbolic integer; only function arguments have it.
  irdl.type @sym {
    %name = irdl.base "#builtin.string"
    irdl.parameters(name: %name)
  }

  // aten.reshape.default: `shape` holds i64 (-1 at most once) and symbol strings.
  irdl.operation @reshape {
    %input = irdl.base @fx::@tensor
    %result = irdl.base @fx::@tensor
    %shape = irdl.base "#builtin.array"
    irdl.operands(input: %input)
    irdl.attributes {"shape" = %shape}
    irdl.results(result: %result)
  }

  // aten.view.default: as reshape, but never copies.
  irdl.operation @view {
    %input = irdl.base @fx::@tensor
    %result = irdl.base @fx::@tensor
    %shape = irdl.base "#builtin.array"
    irdl.operands(input: %input)
    irdl.attributes {"shape" = %shape}
    irdl.results(result: %result)
  }

  // aten.slice.Tensor: `end` >= 2^63-1 means "to the end", negative values
  // count from the end; `start`/`end` may name a symbol.
  irdl.operation @slice {
    %input = irdl.base @fx::@tensor
    %result = irdl.base @fx::@tensor
    %dim = irdl.base "#builtin.integer"
    %start_i = irdl.base "#builtin.integer"
    %start_s = irdl.base "#builtin.string"
    %start = irdl.any_of(%start_i, %start_s)
    %end_i = irdl.base "#builtin.integer"
    %end_s = irdl.base "#builtin.string"
    %end = irdl.any_of(%end_i, %end_s)
    %step = irdl.base "#builtin.integer"
    irdl.operands(input: %input)
    irdl.attributes {"dim" = %dim, "start" = %start, "end" = %end, "step" = %step}
    irdl.results(result: %result)
  }

  // aten.slice_scatter.default: `base` with `src` written at the region.
  irdl.operation @slice_scatter {
    %base = irdl.base @fx::@tensor
    %src = irdl.base @fx::@tensor
    %result = irdl.base @fx::@tensor
    %dim = irdl.base "#builtin.integer"
    %start_i = irdl.base "#builtin.integer"
    %start_s = irdl.base "#builtin.string"
    %start = irdl.any_of(%start_i, %start_s)
    %end_i = irdl.base "#builtin.integer"
    %end_s = irdl.base "#builtin.string"
    %end = irdl.any_of(%end_i, %end_s)
    %step = irdl.base "#builtin.integer"
    irdl.operands(base: %base, src: %src)
    irdl.attributes {"dim" = %dim, "start" = %start, "end" = %end, "step" = %step}
    irdl.results(result: %result)
  }

  // torch.ops.higher_order.auto_functionalized (v1), getitems folded in:
  // results are the callee's own tensor returns, then the new value of each
  // mutated argument present, in schema order.
  irdl.operation @auto_functionalized {
    %a0 = irdl.base @fx::@tensor
    %a1 = irdl.base @fx::@tensor
    %a2 = irdl.base @fx::@tensor
    %a3 = irdl.base @fx::@tensor
    %a4 = irdl.base @fx::@tensor
    %a5 = irdl.base @fx::@tensor
    %a6 = irdl.base @fx::@tensor
    %a7 = irdl.base @fx::@tensor
    %a8 = irdl.base @fx::@tensor
    %a9 = irdl.base @fx::@tensor
    %a10 = irdl.base @fx::@tensor
    %a11 = irdl.base @fx::@tensor
    %a12 = irdl.base @fx::@tensor
    %a13 = irdl.base @fx::@tensor
    %a14 = irdl.base @fx::@tensor
    %a15 = irdl.base @fx::@tensor
    %r0 = irdl.base @fx::@tensor
    %r1 = irdl.base @fx::@tensor
    %r2 = irdl.base @fx::@tensor
    %r3 = irdl.base @fx::@tensor
    %r4 = irdl.base @fx::@tensor
    %r5 = irdl.base @fx::@tensor
    %r6 = irdl.base @fx::@tensor
    %r7 = irdl.base @fx::@tensor
    %target = irdl.base "#builtin.string"
    %arg_names = irdl.base "#builtin.array"
    %args = irdl.base "#builtin.dictionary"
    irdl.operands(a0: optional %a0, a1: optional %a1, a2: optional %a2, a3: optional %a3, a4: optional %a4, a5: optional %a5, a6: optional %a6, a7: optional %a7, a8: optional %a8, a9: optional %a9, a10: optional %a10, a11: optional %a11, a12: optional %a12, a13: optional %a13, a14: optional %a14, a15: optional %a15)
    irdl.attributes {"target" = %target, "arg_names" = %arg_names, "args" = %args}
    irdl.results(r0: optional %r0, r1: optional %r1, r2: optional %r2, r3: optional %r3, r4: optional %r4, r5: optional %r5, r6: optional %r6, r7: optional %r7)
  }

  // A direct call of `target`; it writes the arguments its schema marks as
  // mutated (every operand when the target has no schema).
  irdl.operation @call {
    %a0 = irdl.base @fx::@tensor
    %a1 = irdl.base @fx::@tensor
    %a2 = irdl.base @fx::@tensor
    %a3 = irdl.base @fx::@tensor
    %a4 = irdl.base @fx::@tensor
    %a5 = irdl.base @fx::@tensor
    %a6 = irdl.base @fx::@tensor
    %a7 = irdl.base @fx::@tensor
    %a8 = irdl.base @fx::@tensor
    %a9 = irdl.base @fx::@tensor
    %a10 = irdl.base @fx::@tensor
    %a11 = irdl.base @fx::@tensor
    %a12 = irdl.base @fx::@tensor
    %a13 = irdl.base @fx::@tensor
    %a14 = irdl.base @fx::@tensor
    %a15 = irdl.base @fx::@tensor
    %r0 = irdl.base @fx::@tensor
    %r1 = irdl.base @fx::@tensor
    %r2 = irdl.base @fx::@tensor
    %r3 = irdl.base @fx::@tensor
    %r4 = irdl.base @fx::@tensor
    %r5 = irdl.base @fx::@tensor
    %r6 = irdl.base @fx::@tensor
    %r7 = irdl.base @fx::@tensor
    %target = irdl.base "#builtin.string"
    %arg_names = irdl.base "#builtin.array"
    %args = irdl.base "#builtin.dictionary"
    irdl.operands(a0: optional %a0, a1: optional %a1, a2: optional %a2, a3: optional %a3, a4: optional %a4, a5: optional %a5, a6: optional %a6, a7: optional %a7, a8: optional %a8, a9: optional %a9, a10: optional %a10, a11: optional %a11, a12: optional %a12, a13: optional %a13, a14: optional %a14, a15: optional %a15)
    irdl.attributes {"target" = %target, "arg_names" = %arg_names, "args" = %args}
    irdl.results(r0: optional %r0, r1: optional %r1, r2: optional %r2, r3: optional %r3, r4: optional %r4, r5: optional %r5, r6: optional %r6, r7: optional %r7)
  }

  // Module-level declaration of a custom op: `name` is "ns::op",
  // `signature` a torch schema string.
  irdl.operation @schema {
    %name = irdl.base "#builtin.string"
    %signature = irdl.base "#builtin.string"
    irdl.attributes {"name" = %name, "signature" = %signature}
  }
}
