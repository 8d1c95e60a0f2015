"""LLaMA-style decoder graphs in fx IR (the fx ops' custom form).

generate(layers, hidden, dtype, fp8, tokens_symbol, per_layer_weights,
         functions, caller) -> str

One function @llama with `layers` decoder layers chained: layer i+1 reads
layer i's MLP output and residual stream.  With functions = F > 1, F such
functions @llama0 ... @llama{F-1} in one module (a model split into
pieces, as vLLM's piecewise compilation does), their layer_names counting
on from one function to the next.  With caller, a function @main also
calls each of them once on its own arguments, and no residual is donated
(every call reads @main's).  Each layer is the functional
post-grad graph torch.compile hands vLLM (examples/llama_layer.mlir):

  rms_norm -> identity reshape -> qkv mm -> q/k slices -> rotary_embedding
  (auto_functionalized) -> slice_scatter write-back -> q/k/v slices ->
  attention (opaque user op, declared with fx.schema) -> identity reshape ->
  o_proj mm -> fused_add_rms_norm -> gate_up mm -> silu_and_mul ->
  reshape chain [T, I] -> [T, I/128, 128] -> [T, I] -> down mm

With fp8, the norms are rms_norm_static_fp8_quant /
fused_add_rms_norm_static_fp8_quant, the attention output is quantized with
static_scaled_fp8_quant, the activation is silu_and_mul_quant, and every
projection is aten::_scaled_mm on fp8 weights with f32 scales.

Weights are function arguments shared by all layers (the signature stays
small: fx-run takes at most 64 arguments); per_layer_weights gives each
layer its own.  The residual argument is {fx.donated}.  The attention
stand-in in build/lib/libfx_test_userops.so computes in f16: with bf16/f32
its outputs are deterministic but not meaningful.
"""

EPS = "1.0e-05 : f64"
MAX_POSITIONS = 4096
HEAD = 128


def sizes(hidden):
    """(q width, kv width, intermediate) for a hidden size: heads of 128,
    kv heads = heads / 4 (at least 1), intermediate ~ 2.6875 * hidden
    rounded to a multiple of 128 (11008 for 4096)."""
    if hidden % HEAD or hidden <= 0:
        raise ValueError(f"hidden size {hidden} is not a positive multiple of {HEAD}")
    heads = hidden // HEAD
    kv = max(1, heads // 4)
    inter = int(2.6875 * hidden / HEAD + 0.5) * HEAD
    return heads * HEAD, kv * HEAD, inter


def ty(dims, dtype):
    """!fx.tensor<[...], dtype>; str dims are symbols."""
    ds = ", ".join(f'"{d}"' if isinstance(d, str) else str(d) for d in dims)
    return f"!fx.tensor<[{ds}], {dtype}>"


class Builder:
    """Emits one op per line into self.lines; values are (name, type)."""

    def __init__(self):
        self.lines = []

    def _emit(self, name, op, body, operands, result_types, fn_type=False):
        """One op: `lhs op body : types`; the types are `T -> R` for a view or
        slice op (fn_type False), else a function type."""
        n = len(result_types)
        lhs = "" if n == 0 else f"%{name} = " if n == 1 else f"%{name}:{n} = "
        in_types = ", ".join(v[1] for v in operands)
        outs = result_types[0] if n == 1 else "(" + ", ".join(result_types) + ")"
        types = f"({in_types}) -> {outs}" if fn_type else f"{in_types} -> {outs}"
        self.lines.append(f"  {lhs}{op} {body} : {types}")
        if n == 1:
            return ("%" + name, result_types[0])
        return [(f"%{name}#{i}", t) for i, t in enumerate(result_types)]

    def call(self, name, target, operands, args, result_type, functional=False):
        """fx.call (functional=False) or fx.auto_functionalized; operands are
        (schema name, value) pairs; result_type a type or a list of types."""
        rtypes = result_type if isinstance(result_type, list) else [result_type]
        ins = ", ".join(f"{n} = {v[0]}" for n, v in operands)
        body = f'"{target}"({ins})' + (f" {{{args}}}" if args else "")
        op = "fx.auto_functionalized" if functional else "fx.call"
        return self._emit(name, op, body, [v for _, v in operands], rtypes, fn_type=True)

    def slice(self, name, v, start, end, rtype):
        """Columns [start, end) of a [T, N] value."""
        return self._emit(name, "fx.slice", f"{v[0]}, {self._cols(start, end)}", [v], [rtype])

    def scatter(self, name, base, src, start, end):
        """slice_scatter of src into columns [start, end) of base."""
        return self._emit(name, "fx.slice_scatter", f"{base[0]}, {src[0]}, {self._cols(start, end)}",
                          [base, src], [base[1]], fn_type=True)

    @staticmethod
    def _cols(start, end):
        return f"dim = 1, start = {start}, end = {end}, step = 1"

    def reshape(self, name, v, shape, rtype):
        return self._emit(name, "fx.reshape", f"{v[0]}, shape = [{', '.join(map(str, shape))}]", [v], [rtype])


def generate(layers=1, hidden=4096, dtype="f16", fp8=False, tokens_symbol="s0",
             per_layer_weights=False, functions=1, caller=False):
    if layers < 1:
        raise ValueError("layers must be at least 1")
    if functions < 1:
        raise ValueError("functions must be at least 1")
    if dtype not in ("f16", "bf16", "f32"):
        raise ValueError(f"dtype {dtype} is not f16, bf16 or f32")
    Q, KV, I = sizes(hidden)
    T, dt, f8 = tokens_symbol, dtype, "f8E4M3FN"
    wdt = f8 if fp8 else dt
    signature = {}

    def function(name, first):
        """One function of `layers` layers; its layer_names count from `first`."""
        b = Builder()
        act = lambda n, d=dt: ty([T, n], d)

        # Function arguments: activations, then weights (and fp8 scales).
        params = [("hidden", act(hidden), ""), ("residual", act(hidden), "" if caller else " {fx.donated}"),
                  ("positions", ty([T], "i64"), ""), ("cos_sin_cache", ty([MAX_POSITIONS, HEAD], dt), "")]
        weight_shapes = [("w_norm1", [hidden], dt), ("w_qkv", [hidden, Q + 2 * KV], wdt),
                         ("w_o", [Q, hidden], wdt), ("w_norm2", [hidden], dt),
                         ("w_gate_up", [hidden, 2 * I], wdt), ("w_down", [I, hidden], wdt)]
        if fp8:  # static activation scales and per-tensor weight scales
            weight_shapes += [(n, [1], "f32") for n in
                              ("s_norm1", "s_qkv", "s_attn", "s_o", "s_norm2", "s_gate_up", "s_act", "s_down")]

        def weights(i):
            prefix = f"l{i}_" if per_layer_weights else ""
            return {n: (f"%{prefix}{n}", ty(shape, d)) for n, shape, d in weight_shapes}

        weight_sets = [weights(i) for i in (range(layers) if per_layer_weights else [0])]
        for ws in weight_sets:
            params += [(name[1:], t, "") for name, t in ws.values()]

        h, res = ("%hidden", act(hidden)), ("%residual", act(hidden))
        pos, cache = ("%positions", ty([T], "i64")), ("%cos_sin_cache", ty([MAX_POSITIONS, HEAD], dt))
        for i in range(layers):
            w = weight_sets[i if per_layer_weights else 0]
            p = f"l{i}_"

            def proj(name, x, wname, sname_a, sname_b, width):
                if not fp8:
                    return b.call(p + name, "aten::mm", [("self", x), ("mat2", w[wname])], "", act(width))
                return b.call(p + name, "aten::_scaled_mm",
                              [("self", x), ("mat2", w[wname]), ("scale_a", w[sname_a]), ("scale_b", w[sname_b])],
                              f"out_dtype = {dt}", act(width))

            # input_layernorm (rms_norm, or its static fp8 quant variant)
            if fp8:
                buf = b.call(p + "buf_norm1", "aten::empty_like", [("self", h)], f"dtype = {f8}", act(hidden, f8))
                x = b.call(p + "norm1", "_C::rms_norm_static_fp8_quant",
                           [("result", buf), ("input", h), ("weight", w["w_norm1"]), ("scale", w["s_norm1"])],
                           f"epsilon = {EPS}", act(hidden, f8), functional=True)
            else:
                buf = b.call(p + "buf_norm1", "aten::empty_like", [("self", h)], "", act(hidden))
                x = b.call(p + "norm1", "_C::rms_norm", [("result", buf), ("input", h), ("weight", w["w_norm1"])],
                           f"epsilon = {EPS}", act(hidden), functional=True)
            x = b.reshape(p + "norm1_2d", x, [-1, hidden], x[1])  # identity (Linear's reshape)
            # qkv_proj, split, rotary on q and k with the functional write-back
            qkv = proj("qkv", x, "w_qkv", "s_norm1", "s_qkv", Q + 2 * KV)
            q = b.slice(p + "q", qkv, 0, Q, act(Q))
            k = b.slice(p + "k", qkv, Q, Q + KV, act(KV))
            rot = b.call(p + "rot", "_C::rotary_embedding",
                         [("positions", pos), ("query", q), ("key", k), ("cos_sin_cache", cache)],
                         f"head_size = {HEAD}, is_neox = true", [act(Q), act(KV)], functional=True)
            qkv = b.scatter(p + "qkv_q", qkv, rot[0], 0, Q)
            qkv = b.scatter(p + "qkv_qk", qkv, rot[1], Q, Q + KV)
            q = b.slice(p + "q2", qkv, 0, Q, act(Q))
            k = b.slice(p + "k2", qkv, Q, Q + KV, act(KV))
            v = b.slice(p + "v2", qkv, Q + KV, Q + 2 * KV, act(KV))
            # attention (opaque), o_proj
            attn = b.call(p + "attn", "vllm::unified_attention", [("query", q), ("key", k), ("value", v)],
                          f'layer_name = "model.layers.{first + i}.self_attn.attn"', act(Q))
            attn = b.reshape(p + "attn_2d", attn, [-1, Q], attn[1])  # identity
            if fp8:
                buf = b.call(p + "buf_attn", "aten::empty_like", [("self", attn)], f"dtype = {f8}", act(Q, f8))
                attn = b.call(p + "attn_q", "_C::static_scaled_fp8_quant",
                              [("result", buf), ("input", attn), ("scale", w["s_attn"])], "", act(Q, f8),
                              functional=True)
            o = proj("o", attn, "w_o", "s_attn", "s_o", hidden)
            # post_attention_layernorm: residual add + norm
            if fp8:
                buf = b.call(p + "buf_norm2", "aten::empty_like", [("self", o)], f"dtype = {f8}", act(hidden, f8))
                n2 = b.call(p + "norm2", "_C::fused_add_rms_norm_static_fp8_quant",
                            [("result", buf), ("input", o), ("residual", res), ("weight", w["w_norm2"]),
                             ("scale", w["s_norm2"])], f"epsilon = {EPS}", [act(hidden, f8), act(hidden)],
                            functional=True)
            else:
                n2 = b.call(p + "norm2", "_C::fused_add_rms_norm",
                            [("input", o), ("residual", res), ("weight", w["w_norm2"])],
                            f"epsilon = {EPS}", [act(hidden), act(hidden)], functional=True)
            x, res = n2
            # MLP: gate_up_proj, SiluAndMul (+ quant), reshape chain, down_proj
            gate_up = proj("gate_up", x, "w_gate_up", "s_norm2", "s_gate_up", 2 * I)
            adt = f8 if fp8 else dt
            buf = b.call(p + "buf_act", "aten::empty", [], f'size = ["{T}", {I}], dtype = {adt}', act(I, adt))
            if fp8:
                a = b.call(p + "act", "_C::silu_and_mul_quant",
                           [("result", buf), ("input", gate_up), ("scale", w["s_act"])], "", act(I, adt),
                           functional=True)
            else:
                a = b.call(p + "act", "_C::silu_and_mul", [("result", buf), ("input", gate_up)], "", act(I),
                           functional=True)
            a = b.reshape(p + "act_3d", a, [-1, I // HEAD, HEAD], ty([T, I // HEAD, HEAD], adt))
            a = b.reshape(p + "act_2d", a, [-1, I], act(I, adt))
            h = proj("down", a, "w_down", "s_act", "s_down", hidden)

        sig = ",\n    ".join(f"%{n}: {t}{attr}" for n, t, attr in params)
        signature.update(params=params, results=(h[1], res[1]))
        return (f"func.func @{name}({sig})\n    -> ({h[1]}, {res[1]}) {{\n"
                + "\n".join(b.lines)
                + f"\n  return {h[0]}, {res[0]} : {h[1]}, {res[1]}\n}}\n")

    attn_schema = ('fx.schema "vllm::unified_attention" = '
                   '"unified_attention(Tensor query, Tensor key, Tensor value, str layer_name) -> Tensor"')
    header = (f"// {layers} LLaMA-style decoder layer(s)"
              + (f" in each of {functions} functions" if functions > 1 else "")
              + f": hidden {hidden}, q {Q}, kv {KV}, "
              f"intermediate {I}, {dt}{', fp8 (e4m3fn) linears' if fp8 else ''}; "
              f"weights {'per layer' if per_layer_weights else 'shared by all layers'}.\n"
              "// Generated by bench/gen-graph.\n")
    if functions == 1 and not caller:
        return header + attn_schema + "\n\n" + function("llama", 0)
    text = (header + attn_schema + "\n\n"
            + "\n".join(function(f"llama{k}", k * layers) for k in range(functions)))
    if not caller:
        return text
    # @main calls every function on its own arguments (not chained: a
    # func.call's results may alias its arguments, and fx functions take
    # distinct storage per argument), keeping the last call's results.
    params, outs = signature["params"], ", ".join(signature["results"])
    args = ", ".join(f"%{n}" for n, _, _ in params)
    types = ", ".join(t for _, t, _ in params)
    sig = ",\n    ".join(f"%{n}: {t}" for n, t, _ in params)
    calls = [f"  %c{k}:2 = func.call @llama{k}({args}) : ({types}) -> ({outs})" for k in range(functions)]
    return (text + f"\nfunc.func @main({sig})\n    -> ({outs}) {{\n" + "\n".join(calls)
            + f"\n  return %c{functions - 1}#0, %c{functions - 1}#1 : {outs}\n}}\n")
