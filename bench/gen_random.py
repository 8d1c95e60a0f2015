"""Random, valid fx modules for fuzzing the fx passes (Python 3 stdlib only).

    generate(seed: int, **opts) -> str

returns one module holding one function @fuzz that mixes every fx op:
reshape/view (identity, split, merge, unsqueeze, chains), slice (identity,
negative dims and bounds, steps, symbolic ends, disjoint slices of one
base), slice_scatter (full cover and partial; the scatter-backs a
functional graph makes after mutating a view, nested through slices and
views), fx.auto_functionalized (and auto_functionalized_v2 as fx-import
expands it) and in-place fx.call of user ops declared
with fx.schema (test/Fuzz/Inputs/fuzzops.c: ops that mutate one or two
arguments, return a tensor and mutate, optional mutated arguments) and of
the built-in kernels that run on the CPU runtime (rms_norm,
fused_add_rms_norm, the fp8/int8 quant ops, silu_and_mul(_quant),
rotary_embedding with and without key, aten add/mul/cos/clone/mm/_scaled_mm/
empty/empty_like/copy_), func.call of small fx functions, views and slices of shared bases, donated and
undonated arguments, reads of old values after a mutation, an aten::copy_
epilogue into arguments, and several returned values.  The alias steps of
gen_alias.py (its docstring lists them) add what the passes' alias
analysis reasons about: strided/offset slice and view chains in 2-4 dims,
copying reshapes written in place, symbolic dims with static, clamped and
negative bounds, scatters into offset views and to other regions, writes
into full-cover scatters, overlapping operands, copy_ into views.

The graph is valid (`fx-opt FILE` accepts it) and runnable: every kernel
gets operands its checks accept, and an in-place fx.call never has a
written operand that overlaps another operand (torch rejects that).  To
know that, the generator models the storage of the unoptimized run: every
value's storage, offset and strides, with view/reshape following torch's
computeStride exactly as libfxrt does (gen_model.py), and slice types are
the lengths torch selects at the bound symbol values.

The header says how to run it:
    // fx-run-args: --sym=s0=5 --seed=123
and, when the module declares fuzz:: ops, that fx-run needs
--shared-lib=BUILD/lib/libfx_fuzzops.so; fx_run_args(text) returns the
arguments as a list (None for a graph fx-run cannot lower: with
runnable=False a user op call may leave an optional tensor out).

Options (all optional):
    steps=N          number of generation steps (default: random
                     min_steps..max_steps, 8..28)
    s0=N             value of the token symbol (default: random 0..12)
    symbolic=BOOL    token dim is the symbol (default: random, mostly yes)
    dtype=D          activation dtype f16|bf16|f32 (default: mixed)
    custom=BOOL      use the fuzz:: user ops (default True)
    runnable=BOOL    False also leaves optional tensors of user ops out,
                     which fx-run cannot lower (default True)
    tokens_symbol=S  name of the token symbol (default "s0")
    hidden=H         largest hidden size (default 64)
    layers=N         same as steps=12*N (bench/gen-graph passes it on)
    copy_return=BOOL False: nothing uses the own return of aten::copy_
                     (Tensor(a!), an alias of self); for triage
    alias=BOOL       the steps of gen_alias.py (default True)
    funccall=BOOL    func.call steps: small pure fx functions (CALLEES)
                     called on the graph's values (default True)
    v2=BOOL          about a third of the fx.auto_functionalized calls (all
                     of fuzz::lst_, whose mutated Tensor[] v1 cannot take) in
                     the form fx-import gives auto_functionalized_v2: a
                     clone of a base marked fx.functionalized, the op in
                     place on views of the clones (default True)
    only=K1,K2       only these step kinds (STEP_KINDS and gen_alias's
                     ALIAS_STEPS), e.g. only=sym_slices; for triage
Unknown options raise ValueError.
"""
import random

from gen_alias import AliasSteps
from gen_model import (INT64_MAX, FLOATS, MAX_OPERANDS, MAX_RESULTS, Retry, Val, broadcast,
                       compute_stride, contiguous_strides, fmt_dim, fmt_float, fmt_int_or_sym,
                       fmt_param, fmt_type, fmt_type_dims, numel, slice_range)

MAX_RANK_CUSTOM = 4
STEP_KINDS = ["af_kernel", "call_kernel", "view", "pure", "af_custom", "call_custom", "split", "overlap",
              "padded", "funccall"]



def promote_floats(x, y):
    """torch's result type of two tensors with dims of FLOATS: their dtype
    when equal, else f32 (f16 or bf16 with f32, and f16 with bf16)."""
    return x if x == y else "f32"

class Bindings(dict):
    """Symbol values; a dim expression's value on lookup (fxir/FxDimExpr.h:
    Python's // and % are torch's FloorDiv and Mod)."""

    def __missing__(self, key):
        return eval(key, {"__builtins__": {}, "Max": max, "Min": min,
                          "Mod": lambda a, b: a % b}, dict(self))
MAX_ARGS = 56       # fx-run takes 64 arguments: room for the !fx.sym ones

# The fuzz:: user ops (test/Fuzz/Inputs/fuzzops.c).  Per kind: schema after
# the name, tensor params (name, mutated, optional), own tensor returns, and
# the non-tensor params: (name, kind, required).
CUSTOM = {
    "scale_": ("(Tensor(a!) self, *, float alpha, int bias=0) -> ()",
               [("self", True, False)], 0,
               [("alpha", "float", True), ("bias", "int", False)]),
    "axpy_": ("(Tensor! out, Tensor x, float alpha=0.5) -> ()",
              [("out", True, False), ("x", False, False)], 0,
              [("alpha", "float", False)]),
    "mix2_": ("(Tensor! a, Tensor(b!) b, Tensor c, bool flip) -> ()",
              [("a", True, False), ("b", True, False), ("c", False, False)], 0,
              [("flip", "bool", True)]),
    "addret_": ("(Tensor! self, Tensor other, float alpha) -> Tensor",
                [("self", True, False), ("other", False, False)], 1,
                [("alpha", "float", True)]),
    "pure": ("(Tensor self, Tensor other, int k) -> Tensor",
             [("self", False, False), ("other", False, False)], 1,
             [("k", "int", True)]),
    "opt_": ("(Tensor! self, Tensor!? extra, Tensor? src, float alpha=1.0) -> ()",
             [("self", True, False), ("extra", True, True), ("src", False, True)], 0,
             [("alpha", "float", False)]),
    "fill_": ("(Tensor! out, Tensor x, float alpha) -> ()",
              [("out", True, False), ("x", False, False)], 0,
              [("alpha", "float", True)]),
    "two_": ("(Tensor! a, Tensor! b, Tensor x) -> ()",
             [("a", True, False), ("b", True, False), ("x", False, False)], 0, []),
    # A mutated Tensor[] of two: one operand per element.  Only in place or
    # in auto_functionalized_v2's form (fx.auto_functionalized takes no
    # element of a mutated list).
    "lst_": ("(Tensor(a!)[] ys, Tensor x) -> ()",
             [("ys[0]", True, False), ("ys[1]", True, False), ("x", False, False)], 0, []),
}


def fx_run_args(text):
    """The fx-run arguments a generated module's header asks for, or None
    when fx-run cannot run it (runnable=False)."""
    for line in text.splitlines():
        if line.startswith("// fx-run-args:"):
            return line.split(":", 1)[1].split()
    return None


def needs_fuzzops(text):
    """Whether the module calls fuzz:: user ops (libfx_fuzzops.so)."""
    return '"fuzz::' in text



class Gen(AliasSteps):
    CUSTOM = CUSTOM

    def __init__(self, seed, steps=None, s0=None, symbolic=None, dtype=None,
                 custom=True, runnable=True, tokens_symbol="s0", hidden=64,
                 min_steps=8, max_steps=28, copy_return=True, alias=True, only=None,
                 v2=True, funccall=True):
        self.seed = seed
        self.r = random.Random(seed)
        r = self.r
        self.sym = tokens_symbol
        self.symbolic = r.random() < 0.8 if symbolic is None else bool(symbolic)
        self.S = Bindings({self.sym: r.choice([0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12]) if s0 is None else int(s0)})
        if self.S[self.sym] < 0:
            raise ValueError("gen_random: s0 must be >= 0")
        # A second symbol, declared by an !fx.sym argument, now and then.
        self.sym1 = None
        if self.symbolic and r.random() < 0.15:
            self.sym1 = "s1" if self.sym != "s1" else "s2"
            self.S[self.sym1] = r.randint(1, 10)
        self.T = self.sym if self.symbolic else r.choice([1, 2, 3, 4, 6, 8])
        self.dtypes = (dtype,) if dtype else FLOATS
        if dtype and dtype not in FLOATS:
            raise ValueError("gen_random: dtype must be one of %s" % ", ".join(FLOATS))
        self.custom = custom
        self.copy_return = copy_return
        self.runnable = runnable
        self.hmax = max(8, min(int(hidden), 64))
        self.steps = int(steps) if steps is not None else r.randint(int(min_steps), int(max_steps))
        self.lines = []
        self.args = []          # (Val, donated)
        self.pool = []          # every value
        self.nvals = 0
        self.nroots = 0
        self.latest = {}        # group -> latest version (Val)
        self.schemas = {}       # user op name -> (sig text, tensor dims per param)
        self.written = {}       # root -> set of offsets written in place
        self.uses = {}          # Val.serial -> number of uses
        self.omitted = False    # a user op call leaves an optional tensor out
        self.alias = alias      # the steps of gen_alias.py
        self.v2 = bool(v2)      # some af calls in auto_functionalized_v2's form
        self.funccall = bool(funccall)  # func.call steps (CALLEES)
        self.call_alias = {}  # id(root of a func.call result) -> ids of roots it may alias
        self.callees = {}       # (kind, type text) -> callee name
        self.callee_text = []   # their definitions, after @fuzz
        self.only = set(only.split(",")) if only else None
        known = set(STEP_KINDS) | self.ALIAS_KINDS
        if self.only and not self.only <= known:
            raise ValueError("gen_random: only=%s: unknown step kinds (known: %s)"
                             % (only, ", ".join(sorted(known))))
        self.misscatter = 0.1 if alias else 0.0
        self.xsyms = []         # symbols declared by !fx.sym arguments for slice lengths
        self.observe = []       # values the alias steps read: returned first

    # -- basics -----------------------------------------------------------

    def conc(self, d):
        return self.S[d] if isinstance(d, str) else d

    def shape(self, v):
        return tuple(self.conc(d) for d in v.dims)

    def fresh_name(self):
        self.nvals += 1
        return "%%v%d" % self.nvals

    def new_root(self):
        self.nroots += 1
        return self.nroots

    def fresh_val(self, name, dims, dtype, group=None):
        root = self.new_root()
        shape = tuple(self.conc(d) for d in dims)
        v = Val(name, dims, dtype, root, 0, contiguous_strides(shape))
        v.group = group if group is not None else root
        self.pool.append(v)
        self.latest.setdefault(v.group, v)
        return v

    def elements(self, v):
        """The set of storage offsets v covers (its root is v.root)."""
        shape = self.shape(v)
        offs = {v.offset}
        for size, stride in zip(shape, v.strides):
            if size == 0:
                return set()
            offs = {o + i * stride for o in offs for i in range(size)}
        return offs

    def hidden(self):
        return self.r.choice([h for h in (8, 16, 32, 64) if h <= self.hmax])

    def act_dtype(self):
        return self.r.choice(self.dtypes)

    def op(self, text):
        self.lines.append("  " + text)

    def use(self, v):
        self.uses[v.serial] = self.uses.get(v.serial, 0) + 1

    # -- arguments and fresh values -----------------------------------------

    def new_arg(self, dims, dtype, donated=None):
        if len(self.args) + len(self.xsyms) >= MAX_ARGS:
            raise Retry()
        name = "%%a%d" % len(self.args)
        v = self.fresh_val(name, dims, dtype)
        v.arg = len(self.args)
        if donated is None:
            donated = self.r.random() < 0.5
        self.args.append((v, donated))
        return v

    def emit_call(self, form, target, tensors, args, own, mutated_names=(), attrs=None):
        """Emits fx.auto_functionalized (form 'af') or fx.call ('call').
        tensors: [(param name, Val)] in schema order; args: {name: attr
        text}; own: [(dims, dtype)] own tensor returns; mutated_names: the
        params among `tensors` the schema mutates.  Returns the result Vals
        (own returns, then for 'af' the new value of each mutated operand)."""
        if len(tensors) > MAX_OPERANDS:
            raise Retry()
        results = [(d, t) for d, t in own]
        mutated = [v for n, v in tensors if n in mutated_names]
        if form == "af":
            results += [(v.dims, v.dtype) for v in mutated]
        if len(results) > MAX_RESULTS:
            raise Retry()
        name = self.fresh_name() if results else None
        operands = ", ".join("%s = %s" % (fmt_param(n), v.name) for n, v in tensors)
        args_text = ", ".join("%s = %s" % (k, v) for k, v in args.items())
        in_types = ", ".join(fmt_type(v) for _, v in tensors)
        out_types = [fmt_type_dims(d, t) for d, t in results]
        if len(out_types) == 1:
            out_text = out_types[0]
        else:
            out_text = "(%s)" % ", ".join(out_types)
        lhs = ""
        if results:
            lhs = "%s = " % name if len(results) == 1 else "%s:%d = " % (name, len(results))
        opname = "fx.auto_functionalized" if form == "af" else "fx.call"
        for _, v in tensors:
            self.use(v)
        # The custom form: the target, each operand after its schema
        # parameter name, the non-tensor args (omitted when none).
        self.op('%s%s "%s"(%s)%s%s : (%s) -> %s' % (
            lhs, opname, target, operands, " {%s}" % args_text if args else "",
            " attributes {%s}" % attrs if attrs else "", in_types, out_text))
        vals = []
        for i, (d, t) in enumerate(results):
            rname = name if len(results) == 1 else "%s#%d" % (name, i)
            vals.append(self.fresh_val(rname, d, t))
        return vals

    def empty(self, dims, dtype):
        return self.emit_call("call", "aten::empty", [], {
            "size": "[%s]" % ", ".join(fmt_dim(d) for d in dims), "dtype": dtype},
            [(dims, dtype)])[0]

    def empty_like(self, v, dtype=None):
        args = {"dtype": dtype} if dtype and (dtype != v.dtype or self.r.random() < 0.3) else {}
        return self.emit_call("call", "aten::empty_like", [("self", v)], args,
                              [(v.dims, dtype or v.dtype)])[0]

    def unary(self, target, v):
        return self.emit_call("call", target, [("self", v)], {}, [(v.dims, v.dtype)])[0]

    # -- views ---------------------------------------------------------------

    def emit_slice(self, v, dim, start, end, step, dim_text=None, tdim=None):
        """Emits fx.slice; start/end are ints or symbol names; `tdim` (a
        symbol bound to the selected length) overrides the result dim."""
        d = dim % v.rank
        n = self.shape(v)[d]
        s, e = self.conc(start), self.conc(end)
        s_norm, length = slice_range(n, s, e, step)
        if tdim is None:
            tdim = self.slice_type_dim(v.dims[d], start, end, step, length)
        assert self.conc(tdim) == length, (tdim, length)
        dims = list(v.dims)
        dims[d] = tdim
        name = self.fresh_name()
        self.use(v)
        self.op('%s = fx.slice %s, dim = %d, start = %s, end = %s, step = %d '
                ': %s -> %s' % (name, v.name, dim if dim_text is None else dim_text,
                                  fmt_int_or_sym(start), fmt_int_or_sym(end), step,
                                  fmt_type(v), fmt_type_dims(dims, v.dtype)))
        strides = list(v.strides)
        offset = v.offset + (s_norm * v.strides[d] if length else 0)
        strides[d] = v.strides[d] * step
        w = Val(name, dims, v.dtype, v.root, offset, strides, parent=v,
                link=("slice", dim, start, end, step), group=v.group)
        w.loose = v.loose
        self.pool.append(w)
        return w

    def slice_type_dim(self, dim, start, end, step, length):
        """The result dim of a slice: the input's symbol when the slice
        provably covers it, else the static length."""
        if isinstance(dim, str):
            if start == 0 and step == 1 and (end == dim or end == INT64_MAX or
                                             (isinstance(end, int) and end >= 64)):
                return dim
            return length
        if isinstance(end, str) and start == 0 and step == 1:
            return end
        return length

    def can_view(self, v, dims):
        """Whether fx.view of v as dims is valid: a view exists at the
        bindings, and also with every symbol bound to 0 in v's type bound
        to 2 instead.  torch views any empty tensor, but the verifier
        decides a view for every binding (the symbols are nonzero in the
        graphs torch traces), so a view that exists only because s0 = 0
        is an error there.  The strides are v's at the bindings: exact for
        the dims left of the symbol's, which is where the token symbol is,
        unless a view made them up for an empty tensor (v.loose)."""
        shape = tuple(self.conc(d) for d in dims)
        if v.loose or compute_stride(self.shape(v), v.strides, shape) is None:
            return False
        zero = {d for d in v.dims if isinstance(d, str) and self.S[d] == 0}
        if not zero:
            return True
        alt = lambda ds: tuple(2 if d in zero else self.conc(d) for d in ds)   # noqa: E731
        return compute_stride(alt(v.dims), v.strides, alt(dims)) is not None

    def emit_view(self, v, dims, op="view"):
        """Emits fx.view/fx.reshape of v as dims (a reshape copies when no
        view exists, as the runtime does)."""
        shape = tuple(self.conc(d) for d in dims)
        assert numel(shape) == numel(self.shape(v)), (dims, v.dims)
        strides = compute_stride(self.shape(v), v.strides, shape)
        if op == "view" and not self.can_view(v, dims):
            raise Retry()
        attr = [fmt_dim(d) for d in dims]
        cands = [i for i, d in enumerate(dims)]
        if self.r.random() < 0.6 and cands:
            i = self.r.choice(cands)
            # -1 must be inferable: a symbol can only be replaced when the
            # other entries are static.
            if not isinstance(dims[i], str) or sum(isinstance(x, str) for x in dims) == 1:
                attr[i] = "-1"
        name = self.fresh_name()
        self.use(v)
        self.op('%s = fx.%s %s, shape = [%s] : %s -> %s' % (
            name, op, v.name, ", ".join(attr), fmt_type(v), fmt_type_dims(dims, v.dtype)))
        if tuple(dims) == v.dims:
            w = Val(name, dims, v.dtype, v.root, v.offset, v.strides)
        elif strides is None:
            w = Val(name, dims, v.dtype, self.new_root(), 0, contiguous_strides(shape))
            # A copy, but the verifier's func.call check does not know the
            # layout: it takes a reshape to share its operand's storage.
            self.call_alias[id(w.root)] = self.call_roots(v)
        else:
            w = Val(name, dims, v.dtype, v.root, v.offset, strides)
        w.parent, w.link, w.group = v, (op,), v.group
        if strides is not None:
            w.loose = v.loose or (numel(self.shape(v)) == 0 and tuple(dims) != v.dims)
        if strides is None and tuple(dims) != v.dims:
            w.parent, w.link, w.group = None, None, w.root
            self.latest[w.group] = w
        self.pool.append(w)
        return w

    def view_targets(self, dims):
        """Shapes a value of `dims` can be viewed as (same element count,
        symbols kept in place), rank <= 3."""
        out = [tuple(dims)]
        dims = list(dims)
        for i, d in enumerate(dims):
            if isinstance(d, int) and len(dims) < 3:
                for a in (2, 4, 8):
                    if d % a == 0 and d // a > 1:
                        out.append(tuple(dims[:i] + [a, d // a] + dims[i + 1:]))
            if i + 1 < len(dims) and isinstance(d, int) and isinstance(dims[i + 1], int) \
                    and d * dims[i + 1] <= 256:
                out.append(tuple(dims[:i] + [d * dims[i + 1]] + dims[i + 2:]))
            if d == 1 and len(dims) > 1:
                out.append(tuple(dims[:i] + dims[i + 1:]))
        if len(dims) < 3:
            i = self.r.randint(0, len(dims))
            out.append(tuple(dims[:i] + [1] + dims[i:]))
        if all(isinstance(d, int) for d in dims):
            n = numel(dims)
            for a in (2, 4, 8, 16):
                if n % a == 0 and n // a <= 256:
                    out.append((a, n // a))
            if n <= 256:
                out.append((n,))
        return out

    # -- getting values of a type ------------------------------------------------

    def pick(self, pred, fresh_bias=0.75):
        """A pool value satisfying pred: mostly latest versions, sometimes an
        old one (a read of a value after its storage was updated)."""
        cands = [v for v in self.pool if pred(v)]
        if not cands:
            return None
        latest = [v for v in cands if self.latest.get(v.group) is v or not v.stale]
        if latest and self.r.random() < fresh_bias:
            return self.r.choice(latest)
        return self.r.choice(cands)

    def value(self, dims, dtype, depth=0, reuse=0.55):
        """A value of exactly this type: from the pool or made."""
        dims = tuple(dims)
        if self.r.random() < reuse:
            v = self.pick(lambda v: v.dims == dims and v.dtype == dtype)
            if v is not None:
                return v
        return self.make(dims, dtype, depth)

    def buffer(self, dims, dtype, like=None):
        """A result buffer for a kernel: mostly new (aten::empty,
        empty_like, a slice of a new shared base), sometimes any value."""
        r = self.r
        x = r.random()
        if x < 0.3:
            return self.empty(dims, dtype)
        if x < 0.5 and like is not None and like.dims == tuple(dims):
            return self.empty_like(like, dtype)
        if x < 0.7:
            try:
                return self.make_slice(dims, dtype, 2, fresh_base=r.random() < 0.7)
            except Retry:
                return self.empty(dims, dtype)
        return self.value(dims, dtype)

    def make(self, dims, dtype, depth=0):
        r = self.r
        if depth >= 3:
            return self.new_arg(dims, dtype)
        choices = ["arg"] * 3 + ["slice"] * 4 + ["view"] * 2 + ["cos"] * 2 + ["empty"]
        if len(dims) == 2 and dtype in FLOATS:
            choices += ["mm"] * 2
        for _ in range(4):
            how = r.choice(choices)
            try:
                if how == "arg":
                    return self.new_arg(dims, dtype)
                if how == "empty":
                    return self.empty(dims, dtype)
                if how == "cos" and dtype in FLOATS:
                    src = self.value(dims, dtype, depth + 1)
                    return self.unary(r.choice(["aten::cos", "aten::clone"]), src)
                if how == "mm":
                    k = self.hidden()
                    a = self.value((dims[0], k), dtype, depth + 1)
                    b = self.value((k, dims[1]), dtype, depth + 1)
                    return self.emit_call("call", "aten::mm", [("self", a), ("mat2", b)], {},
                                          [(dims, dtype)])[0]
                if how == "slice":
                    return self.make_slice(dims, dtype, depth)
                if how == "view":
                    return self.make_view(dims, dtype, depth)
            except Retry:
                pass
        return self.new_arg(dims, dtype)

    def make_slice(self, dims, dtype, depth, fresh_base=False):
        """A slice (of a bigger base) that has type dims."""
        r = self.r
        d = r.randrange(len(dims))
        n = dims[d]
        base = list(dims)
        if isinstance(n, str):
            if n != self.sym and n != self.sym1:
                raise Retry()
            # A static buffer cut to the symbol's rows (vLLM #25623).
            big = r.choice([16, 32, 64])
            if big < self.S[n]:
                raise Retry()
            base[d] = big
            src = self.empty(tuple(base), dtype) if fresh_base else self.value(tuple(base), dtype, depth + 1)
            dim = d if r.random() < 0.6 else d - len(dims)
            return self.emit_slice(src, dim, 0, n, 1)
        how = r.choice(["step", "offset", "neg"])
        if how == "step" and n * 2 <= 64 and n > 0:
            step = r.choice([2, 3]) if n * 3 <= 64 else 2
            base[d] = n * step + r.choice([0, 0, 1])
            start = r.randrange(step)
            end = start + (n - 1) * step + 1
            if r.random() < 0.3:
                end = INT64_MAX if slice_range(base[d], start, INT64_MAX, step)[1] == n else end
        else:
            extra = r.randint(1, max(1, min(16, 64 - n)))
            if n + extra > 64:
                raise Retry()
            base[d] = n + extra
            start = r.randint(0, extra if n else extra - 1)  # n = 0: start < base[d] keeps "neg" empty
            end = start + n
            step = 1
            if how == "neg":
                start -= base[d]
                end = end - base[d] if end < base[d] else INT64_MAX
        src = self.empty(tuple(base), dtype) if fresh_base else self.value(tuple(base), dtype, depth + 1)
        dim = d if r.random() < 0.6 else d - len(dims)
        w = self.emit_slice(src, dim, start, end, step)
        assert w.dims == tuple(dims), (w.dims, dims, start, end, step, base)
        return w

    def make_view(self, dims, dtype, depth):
        """A view/reshape of another shape that has type dims."""
        r = self.r
        srcs = [t for t in self.view_targets(dims) if t != tuple(dims)]
        if not srcs or r.random() < 0.15:
            srcs = [tuple(dims)]
        src = self.value(r.choice(srcs), dtype, depth + 1)
        op = "view" if self.can_view(src, dims) and r.random() < 0.6 else "reshape"
        return self.emit_view(src, dims, op)

    # -- scatter-back ------------------------------------------------------------

    def scatter_back(self, old, new):
        """After `new` replaced `old` functionally: write it back up the view
        chain of `old` as a functional graph does (slice_scatter into the
        parent's latest version; a view link is undone with a view of the
        new value and, now and then, a full-cover slice_scatter)."""
        r = self.r
        child_old, child_new = old, new
        while child_old.parent is not None and child_old.link is not None:
            parent = child_old.parent
            # Scatter into the latest version of the parent when the parent
            # is its group's root (now and then into the parent itself:
            # also a valid functional graph), else into the parent.
            base = parent
            latest = self.latest.get(parent.group)
            if parent.parent is None and latest is not None and latest.dims == parent.dims \
                    and latest.dtype == parent.dtype and r.random() < 0.8:
                base = latest
            if child_old.link[0] == "slice":
                _, dim, start, end, step = child_old.link
                # An equivalent spelling of the region now and then.
                if r.random() < 0.25:
                    dim = dim - parent.rank if dim >= 0 else dim + parent.rank
                # Now and then a scatter "back" to another region of the
                # same length (another start or step): valid functional IR
                # that is no scatter-back, which the passes must keep.
                if r.random() < self.misscatter:
                    start, end, step = self.alt_region(parent, dim, start, end, step)
                pnew = self.emit_scatter(base, child_new, dim, start, end, step)
            else:
                pnew = self.emit_view(child_new, parent.dims, "view")
                if r.random() < 0.5:
                    pnew = self.full_scatter(base, pnew)
            child_old.stale = True
            parent.stale = True
            child_old, child_new = parent, pnew
        self.latest[child_old.group] = child_new
        child_new.group = child_old.group
        child_old.stale = True
        return child_new

    def emit_scatter(self, base, src, dim, start, end, step):
        # The runtime's check: src has the region's shape at the bindings.
        d = dim % base.rank
        want = list(self.shape(base))
        want[d] = slice_range(want[d], self.conc(start), self.conc(end), step)[1]
        assert tuple(want) == self.shape(src), (want, self.shape(src), base.dims, dim, start, end, step)
        name = self.fresh_name()
        self.use(base)
        self.use(src)
        self.op('%s = fx.slice_scatter %s, %s, dim = %d, start = %s, end = %s, step = %d '
                ': (%s, %s) -> %s' % (name, base.name, src.name, dim, fmt_int_or_sym(start),
                                      fmt_int_or_sym(end), step, fmt_type(base), fmt_type(src),
                                      fmt_type(base)))
        v = self.fresh_val(name, base.dims, base.dtype, group=base.group)
        return v

    def full_region(self, v, d=None):
        """(dim, start, end, step) covering all of v, spelled at random."""
        r = self.r
        if d is None:
            d = r.randrange(v.rank)
        n = v.dims[d]
        if isinstance(n, str):
            end = r.choice([n, INT64_MAX])
        else:
            end = r.choice([n, INT64_MAX, 64 if n <= 64 else n])
        dim = d if r.random() < 0.6 else d - v.rank
        return dim, 0, end, 1

    def full_scatter(self, base, src):
        dim, start, end, step = self.full_region(base)
        return self.emit_scatter(base, src, dim, start, end, step)

    # -- steps -------------------------------------------------------------------

    def act_value(self, rank=None, dtype=None, last=None):
        """An activation: a float value of rank 1-3 (mostly 2), from the pool
        or made."""
        r = self.r
        dtype = dtype or self.act_dtype()
        if r.random() < 0.6:
            v = self.pick(lambda v: v.dtype == dtype and 1 <= v.rank <= 3 and
                          (rank is None or v.rank == rank) and
                          (last is None or v.dims[-1] == last) and
                          all(self.conc(d) <= 64 for d in v.dims[1:]))
            if v is not None:
                return v
        rank = rank or r.choice([1, 2, 2, 2, 3])
        last = last or self.hidden()
        if rank == 1:
            dims = (r.choice([self.T, last]),) if last is None else (last,)
        elif rank == 2:
            dims = (self.T, last)
        else:
            dims = (self.T, r.choice([1, 2, 4]), last)
        return self.value(dims, dtype)

    def step_custom(self, form, kind=None, preset=()):
        """A call of a fuzz:: user op; `preset` gives the first operands."""
        r = self.r
        kind = kind or r.choice(list(CUSTOM))
        sig, tparams, nret, scalars = CUSTOM[kind]
        # The first tensor parameter decides dtype and rank.
        first = preset[0] if preset else self.act_value(rank=r.choice([1, 2, 2, 3]))
        if first.dtype not in FLOATS or first.rank > MAX_RANK_CUSTOM:
            raise Retry()
        rank, dtype = first.rank, first.dtype
        opname = "%sr%d_%s" % (dtype, rank, kind)
        target = "fuzz::" + opname
        fixed = self.schemas.get(opname)
        if fixed is not None and fixed[1][0] != first.dims:
            if preset:
                raise Retry()
            first = self.value(fixed[1][0], dtype)
        tensors = [(tparams[0][0], first)]
        dims_used = [first.dims]
        for i, (pname, mut, opt) in enumerate(tparams[1:], 1):
            if i < len(preset):
                v = preset[i]
                if v.dtype != dtype or v.rank != rank or (fixed is not None and fixed[1][i] != v.dims):
                    raise Retry()
                dims_used.append(v.dims)
                tensors.append((pname, v))
                continue
            if fixed is not None:
                pd = fixed[1][i]
                if pd is None:
                    dims_used.append(None)
                    continue
            else:
                if opt and not self.runnable and r.random() < 0.4:
                    dims_used.append(None)
                    self.omitted = True
                    continue
                pd = first.dims
                if r.random() < 0.3:  # another size: the op wraps around
                    pd = tuple(r.choice([1, self.T, d]) if j != len(first.dims) - 1 else
                               r.choice([d, 1, self.hidden()]) for j, d in enumerate(first.dims))
            dims_used.append(pd)
            if r.random() < 0.25:   # the same value twice: aliased operands
                cand = [v for _, v in tensors if v.dims == tuple(pd)]
                if cand:
                    tensors.append((pname, r.choice(cand)))
                    continue
            tensors.append((pname, self.value(pd, dtype)))
        own = []
        if nret:
            if fixed is not None:
                rd = fixed[2]
            else:
                rd = first.dims
            own = [(rd, dtype)]
        else:
            rd = None
        args = self.custom_args(scalars)
        mutated = [p for p, m, _ in tparams if m]
        if form == "call" and not self.disjoint(tensors, mutated):
            raise Retry()
        if form == "af" and any("[" in p for p in mutated):
            # A mutated list: v2's form only, which needs distinct values
            # (emit_v2).
            muts = [v.serial for n, v in tensors if n in mutated]
            if not self.v2 or len(set(muts)) != len(muts):
                raise Retry()
            form = "v2"
        if fixed is None:
            self.schemas[opname] = ('%s%s' % (opname, sig), dims_used, rd)
        return self.finish_mutation(form, target, tensors, args, own, mutated)

    def custom_args(self, scalars):
        """The `args` of a user op call: every required scalar, some of the
        optional ones."""
        r = self.r
        args = {}
        for sname, skind, required in scalars:
            if not required and r.random() < 0.4:
                continue
            if skind == "float":
                args[sname] = fmt_float(r.choice([0.5, -1.25, 2.0, 0.125, 1.0, -0.75]))
            elif skind == "int":
                args[sname] = str(r.randint(-3, 5)) if r.random() < 0.85 or not self.symbolic \
                    else '"%s"' % self.sym
            elif skind == "bool":
                args[sname] = r.choice(["true", "false"])
        return args

    def step_split(self, form):
        """Disjoint slices of one base (column ranges, or even and odd
        columns) written by one call or by two, then scattered back."""
        r = self.r
        dtype = self.act_dtype()
        H = r.choice([h for h in (8, 16, 32, 64) if h <= self.hmax])
        if r.random() < 0.5:
            base = self.value((self.T, H), dtype)
        else:
            base = self.buffer((self.T, H), dtype)
        dim = r.choice([1, -1])
        if r.random() < 0.5:
            a = self.emit_slice(base, dim, 0, r.choice([H, INT64_MAX]), 2)
            b = self.emit_slice(base, dim, 1, r.choice([H, INT64_MAX, -1 if H > 2 else H]), 2)
        else:
            cut = r.randint(1, H - 1)
            a = self.emit_slice(base, dim, 0, cut, 1)
            b = self.emit_slice(base, dim, cut - H if r.random() < 0.3 else cut, r.choice([H, INT64_MAX]), 1)
        if r.random() < 0.4:
            self.step_custom(form, "mix2_", (a, b))
        else:
            self.step_custom(form, r.choice(["scale_", "axpy_", "addret_", "opt_"]), (a,))
            self.step_custom(r.choice(["af", form]), r.choice(["axpy_", "mix2_", "addret_"]),
                             (b, a) if r.random() < 0.5 else (b,))

    def step_overlap(self):
        """Two slices of one base (random starts, ends and steps, negative
        ones too, nested now and then) along one static dim: one is written,
        the other read afterwards; they may or may not share elements."""
        r = self.r
        dtype = self.act_dtype()
        n = r.choice([6, 8, 12, 16, 24])
        dims = (r.choice([self.T, 4, 8]), n) if r.random() < 0.7 else (n,)
        base = self.buffer(dims, dtype) if r.random() < 0.5 else self.value(dims, dtype)
        d = len(dims) - 1

        def cut(v):
            m = self.shape(v)[d]
            step = r.choice([1, 1, 2, 3])
            start = r.randint(-m, m - 1) if m else 0
            end = r.choice([r.randint(-m, m), INT64_MAX, m])
            if slice_range(m, start, end, step)[1] == 0:
                raise Retry()
            return self.emit_slice(v, r.choice([d, d - v.rank]), start, end, step)

        a = cut(base)
        if r.random() < 0.3:
            a = cut(a)
        c = cut(base)
        if r.random() < 0.3:
            c = cut(c)
        self.step_custom(r.choice(["af", "af", "call"]), r.choice(["scale_", "axpy_", "opt_", "addret_"]), (a,))
        if r.random() < 0.5:
            self.unary("aten::cos", c)
        else:
            self.step_custom("call", "pure", (c,))

    def disjoint(self, tensors, mutated):
        """No written operand overlaps another operand (unoptimized run)."""
        for i, (n, v) in enumerate(tensors):
            if n not in mutated:
                continue
            ev = self.elements(v)
            for j, (m, w) in enumerate(tensors):
                if i != j and w.root == v.root and ev & self.elements(w):
                    return False
        return True

    def finish_mutation(self, form, target, tensors, args, own, mutated, scatter=0.75):
        """Emits the call; functionally, each new value is written back up
        its view chain with probability `scatter`."""
        vals = None
        if form == "v2" or (form == "af" and self.v2 and self.r.random() < 0.35):
            form = "af"
            vals = self.emit_v2(target, tensors, args, own, mutated)
        if vals is None:
            vals = self.emit_call(form, target, tensors, args, own, mutated)
        if form == "af":
            news = vals[len(own):]
            olds = [v for n, v in tensors if n in mutated]
            seen = set()
            for old, new in zip(olds, news):
                if old.serial in seen:
                    continue
                seen.add(old.serial)
                if self.r.random() < scatter:
                    self.scatter_back(old, new)
                else:
                    old.stale = True
        return vals

    def emit_v2(self, target, tensors, args, own, mutated):
        """The af call as fx-import expands auto_functionalized_v2: a clone
        of a base of each mutated operand (the operand itself, or the value
        it is a slice of), marked fx.functionalized, the op in place on the
        operand's view of the clone.  Returns what emit_call's 'af' form
        returns (own returns, then each mutated operand's new value: its
        view of the clone), or None when operands alias (v2 would call the
        op on views of one clone; v1 clones each operand)."""
        r = self.r
        muts = [v for n, v in tensors if n in mutated]
        if len({v.serial for v in muts}) != len(muts):
            return None
        views = {}
        for v in muts:
            base = v
            if v.parent is not None and v.link is not None and v.link[0] == "slice" \
                    and r.random() < 0.6:
                base = v.parent
            c = self.emit_call("call", "aten::clone", [("self", base)], {},
                               [(base.dims, base.dtype)], attrs="fx.functionalized")[0]
            if base is v:
                views[v.serial] = c
            else:
                _, dim, start, end, step = v.link
                views[v.serial] = self.emit_slice(c, dim, start, end, step,
                                                  tdim=v.dims[dim % v.rank])
        call_tensors = [(n, views[v.serial] if n in mutated else v) for n, v in tensors]
        vals = self.emit_call("call", target, call_tensors, args, own, mutated)
        return vals + [views[v.serial] for v in muts]

    def kernel_operands(self, kind):
        """Operands, args and mutated params of one built-in kernel call."""
        r = self.r
        eps = fmt_float(r.choice([1e-6, 1e-5]))
        if kind in ("rms_norm", "fused_add_rms_norm", "rms_norm_static_fp8_quant",
                    "fused_add_rms_norm_static_fp8_quant", "rms_norm_dynamic_per_token_quant",
                    "static_scaled_fp8_quant", "dynamic_scaled_fp8_quant",
                    "dynamic_per_token_scaled_fp8_quant", "silu_and_mul", "silu_and_mul_quant"):
            per_token = kind in ("rms_norm_dynamic_per_token_quant", "dynamic_per_token_scaled_fp8_quant")
            x = self.act_value(rank=2 if per_token else None)
            if x.dtype not in FLOATS:
                raise Retry()
            H = x.dims[-1]
            if kind.startswith("silu"):
                if not isinstance(H, int) or H % 2 or H < 2:
                    raise Retry()
                outdims = x.dims[:-1] + (H // 2,)
            else:
                outdims = x.dims
            weight = lambda: self.value((H,), x.dtype)
            scale1 = lambda: self.value((1,), "f32")
            fp8 = "f8E4M3FN"
            if kind == "rms_norm":
                t = [("result", self.buffer(outdims, x.dtype, x)), ("input", x)]
                if r.random() < 0.8:
                    t.append(("weight", weight()))
                return t, {"epsilon": eps}, ["result"]
            if kind == "fused_add_rms_norm":
                t = [("input", x), ("residual", self.value(x.dims, x.dtype))]
                if r.random() < 0.8:
                    t.append(("weight", weight()))
                return t, {"epsilon": eps}, ["input", "residual"]
            if kind == "rms_norm_static_fp8_quant":
                return ([("result", self.buffer(outdims, fp8, x)), ("input", x), ("weight", weight()),
                         ("scale", scale1())], {"epsilon": eps}, ["result"])
            if kind == "fused_add_rms_norm_static_fp8_quant":
                return ([("result", self.buffer(outdims, fp8, x)), ("input", x),
                         ("residual", self.value(x.dims, x.dtype)), ("weight", weight()),
                         ("scale", scale1())], {"epsilon": eps}, ["result", "residual"])
            if kind == "rms_norm_dynamic_per_token_quant":
                qt = r.choice([fp8, "i8"])
                t = [("result", self.buffer(outdims, qt, x)), ("input", x), ("weight", weight()),
                     ("scale", self.value(x.dims[:-1] + (1,), "f32"))]
                if qt == fp8 and r.random() < 0.3:
                    t.append(("scale_ub", scale1()))
                mut = ["result", "scale"]
                if r.random() < 0.5:
                    t.append(("residual", self.value(x.dims, x.dtype)))
                    mut.append("residual")
                return t, {"epsilon": eps}, mut
            if kind == "static_scaled_fp8_quant":
                return ([("result", self.buffer(outdims, fp8, x)), ("input", x), ("scale", scale1())],
                        {}, ["result"])
            if kind == "dynamic_scaled_fp8_quant":
                return ([("result", self.buffer(outdims, fp8, x)), ("input", x), ("scale", scale1())],
                        {}, ["result", "scale"])
            if kind == "dynamic_per_token_scaled_fp8_quant":
                t = [("result", self.buffer(outdims, fp8, x)), ("input", x),
                     ("scale", self.value(x.dims[:-1] + (1,), "f32"))]
                if r.random() < 0.3:
                    t.append(("scale_ub", scale1()))
                return t, {}, ["result", "scale"]
            if kind == "silu_and_mul":
                return [("result", self.buffer(outdims, x.dtype, x)), ("input", x)], {}, ["result"]
            if kind == "silu_and_mul_quant":
                return ([("result", self.buffer(outdims, fp8, x)), ("input", x), ("scale", scale1())],
                        {}, ["result"])
        if kind == "rotary_embedding":
            return self.rotary_operands()
        if kind == "copy_":
            x = self.act_value()
            return [("self", x), ("src", self.value(x.dims, x.dtype))], {}, ["self"]
        raise AssertionError(kind)

    def rotary_operands(self):
        r = self.r
        dtype = self.act_dtype()
        hs = r.choice([4, 8, 16])
        rot = r.choice([hs, hs // 2]) if hs >= 4 else hs
        offset = r.choice([0, hs - rot])
        nh, nkh = r.choice([1, 2, 4]), r.choice([1, 2])
        T = self.T
        qkv_w = (nh + 2 * nkh) * hs
        # q and k as column slices of one qkv buffer (shared base), or apart.
        if r.random() < 0.7 and qkv_w <= 64:
            qkv = self.value((T, qkv_w), dtype)
            q = self.emit_slice(qkv, r.choice([1, -1]), 0, nh * hs, 1)
            k = self.emit_slice(qkv, 1, nh * hs, (nh + nkh) * hs, 1)
        else:
            q = self.value((T, nh * hs), dtype)
            k = self.value((T, nkh * hs), dtype)
        if r.random() < 0.3:
            q = self.emit_view(q, (T, nh, hs), r.choice(["view", "reshape"]))
        pos = self.value((T,), "i64")
        cache = self.value((64, rot), r.choice([dtype, "f32"]))
        t = [("positions", pos), ("query", q)]
        mut = ["query"]
        if r.random() < 0.75:
            t.append(("key", k))
            mut.append("key")
        t.append(("cos_sin_cache", cache))
        args = {"head_size": str(hs), "is_neox": r.choice(["true", "false"])}
        if offset or r.random() < 0.3:
            args["rope_dim_offset"] = str(offset)
        if r.random() < 0.3:
            args["inverse"] = r.choice(["true", "false"])
        return t, args, mut

    KERNELS = ["rms_norm", "fused_add_rms_norm", "rms_norm_static_fp8_quant",
               "fused_add_rms_norm_static_fp8_quant", "rms_norm_dynamic_per_token_quant",
               "static_scaled_fp8_quant", "dynamic_scaled_fp8_quant",
               "dynamic_per_token_scaled_fp8_quant", "silu_and_mul", "silu_and_mul_quant",
               "rotary_embedding", "copy_"]

    def step_kernel(self, form):
        kind = self.r.choice(self.KERNELS)
        tensors, args, mut = self.kernel_operands(kind)
        own = []
        ns = "aten::" if kind == "copy_" else "_C::"
        if kind == "copy_":
            own = [(tensors[0][1].dims, tensors[0][1].dtype)]
        if form == "call" and not self.disjoint(tensors, mut):
            raise Retry()
        vals = self.finish_mutation(form, ns + kind, tensors, args, own, mut)
        if kind == "copy_":
            # copy_ returns its `self` (Tensor(a!)): in place the same
            # storage as self, functionalized the same storage as the new
            # value of self (the lowering returns the one copy twice).
            v, s = vals[0], (tensors[0][1] if form == "call" else vals[1])
            v.root, v.offset, v.strides, v.group = s.root, s.offset, s.strides, s.group
            v.loose = s.loose
            if not self.copy_return:
                # Triage: nothing uses copy_'s own return.
                self.pool.remove(v)
                for g, w in list(self.latest.items()):
                    if w is v:
                        del self.latest[g]
        return vals

    def step_padded(self):
        """A padded buffer whose row count is a dim expression ("s0 + 2",
        "2*s0"): a kernel writes the rows [start:end] (bounds that may be
        expressions too) and the new rows are scattered back with the same
        bounds; the buffer is returned (docs/passes.md, symbolic regions).
        Values with expression dims leave the pool after the step: the
        other steps know integers and plain symbols only."""
        r = self.r
        if not self.symbolic:
            raise Retry()
        s, k = self.sym, r.randint(1, 3)
        rows, start, end = r.choice([("%s + %d" % (s, k), 0, s),
                                     ("%s + %d" % (s, k), k, "%s + %d" % (s, k)),
                                     ("2*%s" % s, s, "2*%s" % s),
                                     ("2*%s" % s, 0, s)])
        H, dt = r.choice([8, 16, 64]), r.choice(["f16", "bf16", "f32"])
        x = self.value((s, H), dt)
        w = self.value((H,), dt)
        buf = self.new_arg((rows, H), dt) if r.random() < 0.5 else \
            self.unary("aten::cos", self.new_arg((rows, H), dt))
        part = self.emit_slice(buf, 0, start, end, 1, tdim=s)
        tensors = [("result", part), ("input", x), ("weight", w)]
        self.finish_mutation("af", "_C::rms_norm", tensors,
                             {"epsilon": fmt_float(1e-6)}, [], ["result"], scatter=1.0)
        self.observe.append(self.latest.get(buf.group, buf))
        self.pool = [v for v in self.pool
                     if not any(isinstance(d, str) and d not in self.S for d in v.dims)]

    def step_view(self):
        r = self.r
        v = self.pick(lambda v: 1 <= v.rank <= 3)
        if v is None:
            raise Retry()
        if r.random() < 0.5:
            # A slice: identity, partial, strided, negative.
            d = r.randrange(v.rank)
            n = v.dims[d]
            dim = d if r.random() < 0.6 else d - v.rank
            if isinstance(n, str) or r.random() < 0.2:
                _, start, end, step = self.full_region(v, d) if r.random() < 0.8 else (0, 0, 64, 1)
                if isinstance(n, str) and end == 64 and self.S[n] > 64:
                    raise Retry()
                if isinstance(n, int) and end == 64 and n > 64:
                    raise Retry()
                if isinstance(n, str) and r.random() < 0.3 and self.S[n] >= 2:
                    start, end = 0, r.randint(1, self.S[n])  # [0:k] of the symbol's rows
                if isinstance(n, int) and self.symbolic and n >= self.S[self.sym] and r.random() < 0.3:
                    start, end = 0, self.sym
                return self.emit_slice(v, dim, start, end, step)
            step = r.choice([1, 1, 1, 2, 3])
            start = r.randint(-n, n) if n else 0
            end = r.choice([r.randint(-n, n) if n else 0, INT64_MAX, n])
            if slice_range(n, start, end, step)[1] == 0 and r.random() < 0.8:
                raise Retry()
            return self.emit_slice(v, dim, start, end, step)
        targets = self.view_targets(v.dims)
        dims = r.choice(targets)
        op = "view" if self.can_view(v, dims) and r.random() < 0.5 else "reshape"
        return self.emit_view(v, dims, op)

    def step_pure(self):
        r = self.r
        how = r.choice(["cos", "clone", "add", "mul", "mm", "scaled_mm", "empty_like", "scatter"])
        if how in ("cos", "clone"):
            v = self.pick(lambda v: v.dtype in FLOATS) or self.act_value()
            return self.unary("aten::" + how, v)
        if how in ("add", "mul"):
            a = self.pick(lambda v: v.dtype in FLOATS and v.rank >= 1) or self.act_value()
            shape = a.dims
            form = r.choice(["same", "same", "last", "row"])
            if form == "last":
                bd = (shape[-1],)
            elif form == "row" and a.rank >= 2:
                bd = (1,) * (a.rank - 1) + (shape[-1],)
            else:
                bd = shape
            # Operand dtypes torch promotes (no float8 mixed with another
            # dtype), and torch's result type (dialect/FxVerifyElementwise.c).
            b = self.value(bd, r.choice([a.dtype, a.dtype, "f32", "f16", "bf16"]))
            if r.random() < 0.3:
                a, b = b, a
            out = broadcast(a.dims, b.dims)
            if out is None:
                raise Retry()
            odt = promote_floats(a.dtype, b.dtype)
            args = {}
            if how == "add" and r.random() < 0.6:
                args["alpha"] = r.choice(["2", "-1", fmt_float(0.5)])
            return self.emit_call("call", "aten::%s.Tensor" % how, [("self", a), ("other", b)],
                                  args, [(out, odt)])[0]
        if how == "mm":
            a = self.act_value(rank=2)
            if not isinstance(a.dims[1], int) or a.dims[1] > 64:
                raise Retry()
            n = self.hidden()
            b = self.value((a.dims[1], n), a.dtype)
            return self.emit_call("call", "aten::mm", [("self", a), ("mat2", b)], {},
                                  [((a.dims[0], n), a.dtype)])[0]
        if how == "scaled_mm":
            a = self.pick(lambda v: v.dtype == "f8E4M3FN" and v.rank == 2 and isinstance(v.dims[1], int)
                          and v.dims[1] <= 64)
            if a is None:
                a = self.value((self.T, self.hidden()), "f8E4M3FN")
            n = self.hidden()
            b = self.value((a.dims[1], n), "f8E4M3FN")
            odt = self.act_dtype()
            t = [("self", a), ("mat2", b), ("scale_a", self.value((1,), "f32")),
                 ("scale_b", self.value((1,), "f32"))]
            return self.emit_call("call", "aten::_scaled_mm", t, {"out_dtype": odt},
                                  [((a.dims[0], n), odt)])[0]
        if how == "empty_like":
            v = self.pick(lambda v: True) or self.act_value()
            return self.empty_like(v, r.choice([None, v.dtype, "f32"]))
        if how == "scatter":
            # An explicit partial or full-cover scatter of some source.
            base = self.pick(lambda v: v.rank >= 1) or self.act_value()
            if r.random() < 0.4:
                src = self.value(base.dims, base.dtype)
                return self.full_scatter(base, src)
            d = r.randrange(base.rank)
            n = base.dims[d]
            if isinstance(n, str) or n < 2:
                raise Retry()
            step = r.choice([1, 1, 2])
            start = r.randrange(n)
            end = r.choice([r.randint(start + 1, n), INT64_MAX])
            _, length = slice_range(n, start, end, step)
            sd = list(base.dims)
            sd[d] = length
            src = self.value(tuple(sd), base.dtype)
            dim = d if r.random() < 0.6 else d - base.rank
            return self.emit_scatter(base, src, dim, start, end, step)
        raise AssertionError(how)

    # Callees of func.call (one row each): parameters beyond `x` (same type),
    # and the body's op on them.  Pure: each returns new storage, so the
    # generator's storage model needs nothing new; the passes see func.call
    # (whose results they take to alias its operands) and its callee.
    CALLEES = {
        "cos": ((), 'fx.call "aten::cos"(self = %x) : ($T) -> $T'),
        "mul": ((), 'fx.call "aten::mul.Tensor"(self = %x, other = %x) : ($T, $T) -> $T'),
        "add": (("z",), 'fx.call "aten::add.Tensor"(self = %x, other = %z) : ($T, $T) -> $T'),
    }

    def step_funccall(self):
        """A func.call of a small fx function (CALLEES) on values of the
        graph; the callee is defined once per kind and type."""
        r = self.r
        plain = lambda v: v.dtype in FLOATS and v.rank >= 1 and \
            all(isinstance(d, int) or d == self.sym for d in v.dims)
        v = self.pick(plain) or self.act_value()
        if not plain(v):
            raise Retry()
        kind = r.choice(sorted(self.CALLEES))
        extra, body = self.CALLEES[kind]
        operands = [v]
        for _ in extra:
            w = self.value(v.dims, v.dtype)
            # fx functions take distinct storage for each argument; the
            # verifier takes a func.call's result to be any of its
            # operands (it does not read callees), so storage reached
            # through an earlier call counts too.
            if any(self.call_roots(w) & self.call_roots(o) for o in operands):
                raise Retry()
            operands.append(w)
        t = fmt_type(v)
        key = (kind, t)
        name = self.callees.get(key)
        if name is None:
            name = "fxcall%d_%s" % (len(self.callees), kind)
            self.callees[key] = name
            params = ", ".join("%%%s: %s" % (p, t) for p in ("x",) + extra)
            self.callee_text.append(
                "func.func @%s(%s) -> %s {\n  %%y = %s\n  return %%y : %s\n}"
                % (name, params, t, body.replace("$T", t), t))
        for o in operands:
            self.use(o)
        res = self.fresh_name()
        self.op("%s = func.call @%s(%s) : (%s) -> %s" % (
            res, name, ", ".join(o.name for o in operands),
            ", ".join(t for _ in operands), t))
        out = self.fresh_val(res, v.dims, v.dtype)
        self.call_alias[id(out.root)] = set().union(*(self.call_roots(o) for o in operands))
        return out

    def call_roots(self, v):
        """The storage roots `v` may share in the verifier's eyes: its own,
        and through func.call results, their operands' (ids)."""
        return {id(v.root)} | self.call_alias.get(id(v.root), set())

    def step(self):
        r = self.r
        kinds = ["af_kernel"] * 6 + ["call_kernel"] * 2 + ["view"] * 4 + ["pure"] * 4 + ["padded"]
        if self.funccall:
            kinds += ["funccall"] * 2
        if self.custom:
            kinds += ["af_custom"] * 6 + ["call_custom"] * 3 + ["split"] * 2 + ["overlap"] * 2
            if self.alias:
                kinds += [k for k, w in self.ALIAS_STEPS for _ in range(w)]
        if self.only:
            kinds = [k for k in kinds if k in self.only]
        k = r.choice(kinds)
        mark = (len(self.lines), len(self.pool), len(self.args), dict(self.schemas), dict(self.latest),
                [v.stale for v in self.pool], dict(self.S), list(self.xsyms), list(self.observe))
        try:
            if k in self.ALIAS_KINDS:
                self.alias_step(k)
            elif k == "af_kernel":
                self.step_kernel("af")
            elif k == "call_kernel":
                self.step_kernel("call")
            elif k == "af_custom":
                self.step_custom("af")
            elif k == "call_custom":
                self.step_custom("call")
            elif k == "overlap":
                self.step_overlap()
            elif k == "split":
                self.step_split(r.choice(["af", "af", "call"]))
            elif k == "view":
                self.step_view()
            elif k == "padded":
                self.step_padded()
            elif k == "funccall":
                self.step_funccall()
            else:
                self.step_pure()
        except Retry:
            # Roll back whatever the step emitted.
            nl, np, na, schemas, latest, stale, syms, xsyms, observe = mark
            self.S, self.xsyms, self.observe = Bindings(syms), xsyms, observe
            del self.lines[nl:]
            del self.pool[np:]
            del self.args[na:]
            self.schemas = schemas
            self.latest = latest
            for v, s in zip(self.pool, stale):
                v.stale = s

    # -- the module ------------------------------------------------------------

    def build(self):
        r = self.r
        if self.symbolic:
            # s0 is declared by the first argument.
            self.new_arg((self.T, self.hidden()), self.act_dtype())
        if self.sym1:
            # Values sized by the second symbol (declared by an !fx.sym
            # argument), for the steps to use.
            b = self.empty((self.sym1, self.hidden()), self.act_dtype())
            self.unary("aten::cos", b)
            big = self.value((16, 8), self.act_dtype())
            self.emit_slice(big, 0, 0, self.sym1, 1)
        for _ in range(self.steps):
            self.step()
        # Inductor's epilogue: the new value written back into an argument.
        for a, donated in list(self.args):
            new = self.latest.get(a.group)
            if new is not None and new is not a and new.dims == a.dims and new.dtype == a.dtype \
                    and r.random() < 0.5:
                self.emit_call("call", "aten::copy_", [("self", a), ("src", new)], {},
                               [(a.dims, a.dtype)])
        rets = self.choose_returns()
        return self.render(rets)

    def choose_returns(self):
        """What the alias steps read after their writes (up to 10), then
        mostly values nothing reads (so that what the graph computes is
        observed), then latest versions and any value (an argument too), up
        to 1-6 results in all."""
        r = self.r
        want = r.randint(1, 6)
        rets = []
        # What the alias steps read after a write, first.
        seen = set()
        for v in self.observe:
            if v.serial not in seen and len(rets) < 10:
                seen.add(v.serial)
                rets.append(v)
        leaves = [v for v in self.pool if v.arg is None and not self.uses.get(v.serial) and v.serial not in seen]
        latest = [v for v in self.latest.values() if v.arg is None]
        r.shuffle(leaves)
        while leaves and len(rets) < want and r.random() < 0.9:
            rets.append(leaves.pop())
        for _ in range(want - len(rets)):
            src = r.choice([latest, latest, latest, self.pool])
            if src:
                rets.append(r.choice(src))
        if not rets:
            rets.append(self.pool[-1] if self.pool else self.new_arg((self.T, 8), "f16"))
        return rets

    def render(self, rets):
        out = []
        args = ["%s: %s%s" % (a.name, fmt_type(a), " {fx.donated}" if d else "") for a, d in self.args]
        if self.sym1:
            args.append('%%n: !fx.sym<"%s">' % self.sym1)
        for i, name in enumerate(self.xsyms):
            args.append('%%n%d: !fx.sym<"%s">' % (i + 1, name))
        # Bindings only for the symbols the function declares (the token
        # symbol of a static graph is not).
        declared = set(self.xsyms) | ({self.sym} if self.symbolic else set()) | \
            ({self.sym1} if self.sym1 else set())
        syms = " ".join("--sym=%s=%d" % (k, v) for k, v in sorted(self.S.items()) if k in declared)
        out.append("// Random fx graph, bench/gen_random.py seed %d." % self.seed)
        if self.omitted:
            out.append("// fx-run: none (a user op call leaves an optional tensor out, "
                       "which the lowering rejects)")
        else:
            out.append("// fx-run-args: %s --seed=%d" % (syms, self.seed % 1000003))
        if self.schemas:
            out.append("// Calls fuzz:: user ops: fx-run --shared-lib=BUILD/lib/libfx_fuzzops.so")
        for opname in sorted(self.schemas):
            sig = self.schemas[opname][0]
            out.append('fx.schema "fuzz::%s" = "%s"' % (opname, sig))
        out.append("func.func @fuzz(%s) -> (%s) {" % (", ".join(args),
                                                     ", ".join(fmt_type(v) for v in rets)))
        out.extend(self.lines)
        out.append("  return %s : %s" % (", ".join(v.name for v in rets),
                                         ", ".join(fmt_type(v) for v in rets)))
        out.append("}")
        # Callees after @fuzz: fx-run's default entry is the first function.
        out.extend(self.callee_text)
        return "\n".join(out) + "\n"


_OPTS = {"steps", "min_steps", "max_steps", "copy_return", "alias", "only", "s0", "symbolic", "dtype", "custom", "runnable", "tokens_symbol", "hidden", "layers", "v2", "funccall"}


def generate(seed: int, **opts) -> str:
    """A random valid fx module (see the module docstring for opts)."""
    unknown = set(opts) - _OPTS
    if unknown:
        raise ValueError("gen_random: unknown option(s) %s (known: %s)"
                         % (", ".join(sorted(unknown)), ", ".join(sorted(_OPTS))))
    opts = dict(opts)
    layers = opts.pop("layers", None)
    if layers is not None and "steps" not in opts:
        opts["steps"] = 12 * int(layers)
    return Gen(int(seed), **opts).build()


if __name__ == "__main__":
    import sys
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
