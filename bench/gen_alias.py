"""The alias-analysis steps of the random fx graphs (bench/gen_random.py).

They build the shapes that broke the fx passes' alias analysis (the
reproducers F1-F4 of ../shared/repro) and their variants, so that the
differential fuzzer (bench/fuzz) reaches every case the analysis reasons
about:

  chain       a chain of 1-4 slices and views in 2-4 dims (steps > 1,
              offsets, negative and clamped bounds, negative dims, splits and
              merges of dims, views of views; copying reshapes where no view
              exists; torch's view ops as fx.call: t, transpose, permute,
              unsqueeze, squeeze, select, expand, detach, alias and
              as_strided, overlapping rows included) over an argument
              (donated or not), a new buffer or a
              computed value; one link written (in place or functionally),
              then the intermediates and the base read, the written value
              reshaped, viewed or sliced again and read;
  copy_reshape  F1: a reshape of a non-contiguous slice (it copies), maybe
              reshaped again, written, then reshaped back (or viewed,
              sliced) and read, the slice read too;
  sym_slices  F4: a symbolic dim sliced with static bounds (clamped ends,
              negative starts, negative dims), typed with the clamped length
              or with a new symbol bound to it, sliced again from the end,
              written; other static slices of the base read afterwards;
  scatter_view  F2/F3: a strided slice written, then a slice_scatter into an
              offset view of the same buffer; scatter-backs to another region
              than the written view's (another start or step); the in-place
              IR fx-fix-functionalization leaves (a scatter of a written view
              into its base, the base written again); writes into the result
              of a full-cover scatter;
  two_views   two overlapping views of one buffer given to one call: both
              written (functional IR, where each is cloned) or only read
              (in-place IR, where a written operand may not overlap);
  copy_into   aten::copy_ into a view of an intermediate or of an argument,
              its own return (an alias of `self`) used afterwards.

Each step picks in-place (`fx.call`) or functional
(`fx.auto_functionalized`) form per call, so graphs mix both.  Values read
after a write are put on `observe`, and the graph returns them.

Validity is kept with the storage model (gen_model.py): a slice's result
dim is the length torch selects at the bound symbol values (a static
length, or a symbol declared by an `!fx.sym` argument and bound to it), and
an in-place call never has a written operand that overlaps another operand
(functional calls may: that is what fx-fix-functionalization's rule (b) is
for).  A step that cannot keep that raises Retry and is rolled back.
"""
from gen_model import FLOATS, INT64_MAX, Retry, contiguous_strides, fmt_dim, numel, slice_range

MAX_VARIANTS = 8      # fuzzops.c: fuzz::<D>r<R>_<kind> and v1..v7
MAX_NUMEL = 384       # elements of a chain's base: small and fast
MAX_XSYMS = 6         # symbols declared for slice lengths

# The user ops (fuzzops.c) that write their first tensor parameter.
USER_WRITERS = ["scale_", "fill_", "axpy_", "two_", "mix2_", "addret_"]


class AliasSteps:
    """Mixed into gen_random.Gen: the steps above and their helpers."""

    ALIAS_STEPS = [("chain", 6), ("copy_reshape", 3), ("sym_slices", 4), ("scatter_view", 5),
                   ("two_views", 2), ("copy_into", 2)]
    ALIAS_KINDS = {k for k, _ in ALIAS_STEPS}

    def alias_step(self, kind):
        getattr(self, "alias_" + kind)(self.form())

    # -- helpers -----------------------------------------------------------------

    def form(self):
        return "af" if self.r.random() < 0.6 else "call"

    def new_sym(self, value):
        """A new symbol bound to `value`, declared by an !fx.sym argument."""
        if len(self.xsyms) >= MAX_XSYMS:
            raise Retry()
        k = 1
        while "s%d" % k in self.S:
            k += 1
        name = "s%d" % k
        self.S[name] = value
        self.xsyms.append(name)
        return name

    def user_op(self, kind, dtype, rank, dims_used, ret_dims):
        """The name of a fuzz:: user op of this kind for these operand dims:
        a variant declared with exactly these types, or a new one."""
        sig = self.CUSTOM[kind][0]
        for k in range(MAX_VARIANTS):
            opname = "%sr%d%s_%s" % (dtype, rank, "v%d" % k if k else "", kind)
            fixed = self.schemas.get(opname)
            if fixed is None:
                self.schemas[opname] = ("%s%s" % (opname, sig), list(dims_used), ret_dims)
                return opname
            if list(fixed[1]) == list(dims_used) and fixed[2] == ret_dims:
                return opname
        raise Retry()

    def user_call(self, form, kind, tensors, scatter=0.75):
        """A call of the user op `kind`; tensors: {param: Val}, every tensor
        parameter present.  Returns the call's result Vals."""
        _, tparams, nret, scalars = self.CUSTOM[kind]
        names = [p for p, _, _ in tparams]
        first = tensors[names[0]]
        dtype, rank = first.dtype, first.rank
        if dtype not in FLOATS or not 1 <= rank <= 4:
            raise Retry()
        if any(v.dtype != dtype or v.rank != rank for v in tensors.values()):
            raise Retry()
        dims_used = [tensors[p].dims for p in names]
        rd = first.dims if nret else None
        opname = self.user_op(kind, dtype, rank, dims_used, rd)
        ops = [(p, tensors[p]) for p in names]
        mutated = [p for p, m, _ in tparams if m]
        if form == "call" and not self.disjoint(ops, mutated):
            raise Retry()
        own = [(rd, dtype)] if nret else []
        return self.finish_mutation(form, "fuzz::" + opname, ops, self.custom_args(scalars), own,
                                    mutated, scatter)

    def expanded(self, v):
        """Whether v maps several elements to one memory location (an
        expand, overlapping as_strided rows)."""
        return len(self.elements(v)) < numel(self.shape(v))

    def overlaps(self, v, w):
        return v.root == w.root and bool(self.elements(v) & self.elements(w))

    def operand(self, dims, dtype, form, written=(), others=()):
        """A read operand of these dims: in functional form now and then one
        of `others` (it may overlap what is written); in place never one
        that overlaps a written operand."""
        r = self.r
        if form == "af":
            cands = [v for v in others if v.dims == tuple(dims) and v.dtype == dtype]
            if cands and r.random() < 0.3:
                return r.choice(cands)
        v = self.value(dims, dtype)
        if any(self.overlaps(v, w) for w in written):
            v = self.new_arg(dims, dtype)
        return v

    def read(self, v):
        """Reads v's current contents (a clone or cos: a snapshot; a pure user
        op), or leaves v itself to the returns; the read is returned."""
        r = self.r
        x = r.random()
        if x < 0.4:
            out = self.unary("aten::clone", v)
        elif x < 0.6 and v.dtype in FLOATS:
            out = self.unary("aten::cos", v)
        elif x < 0.75 and v.dtype in FLOATS and 1 <= v.rank <= 4:
            other = v if r.random() < 0.5 else self.value(v.dims, v.dtype)
            out = self.user_call("call", "pure", {"self": v, "other": other})[0]
        else:
            out = v
        self.observe.append(out)
        return out

    def write(self, form, target, others=(), scatter=0.75):
        """Writes `target` with a writer chosen at random, in place or
        functionally; returns target's new value (target itself in place)."""
        r = self.r
        dt, dims = target.dtype, target.dims
        kinds = ["copy_"]
        if dt in FLOATS and 1 <= target.rank <= 4:
            kinds = USER_WRITERS * 2 + ["rms_norm", "rms_norm", "copy_"]
        if form == "call" and self.expanded(target):
            # copy_ into a view repeating locations is the run's error.
            kinds = [k for k in kinds if k != "copy_"]
            if not kinds:
                raise Retry()
        kind = r.choice(kinds)
        op = lambda d: self.operand(d, dt, form, (target,), others)   # noqa: E731
        if kind == "copy_":
            return self.copy_into(form, target, op(dims), scatter)[1]
        if kind == "rms_norm":
            t = [("result", target), ("input", op(dims))]
            if r.random() < 0.8:
                t.append(("weight", self.value((dims[-1],), dt)))
            if form == "call" and not self.disjoint(t, ["result"]):
                raise Retry()
            vals = self.finish_mutation(form, "_C::rms_norm", t,
                                        {"epsilon": "1.000000e-06 : f64"}, [], ["result"], scatter)
            return vals[0] if form == "af" else target
        if kind == "scale_":
            t = {"self": target}
        elif kind in ("fill_", "axpy_"):
            t = {"out": target, "x": op(dims)}
        elif kind == "addret_":
            t = {"self": target, "other": op(dims)}
        else:  # two_, mix2_: a second written operand
            second = self.operand(dims, dt, form, (target,), others)
            t = {"a": target, "b": second, "x" if kind == "two_" else "c": op(dims)}
            if r.random() < 0.5:   # the chain's value second
                t["a"], t["b"] = t["b"], t["a"]
                vals = self.user_call(form, kind, t, scatter)
                return vals[1] if form == "af" else target
        vals = self.user_call(form, kind, t, scatter)
        nret = self.CUSTOM[kind][2]
        return vals[nret] if form == "af" else target

    def copy_into(self, form, target, src, scatter=0.75):
        """aten::copy_(target, src); returns (its own return, target's new
        value).  The own return is `self` (Tensor(a!)): in place target's
        storage, functionally the new value's."""
        t = [("self", target), ("src", src)]
        if form == "call" and not self.disjoint(t, ["self"]):
            raise Retry()
        if form == "call" and self.expanded(target):
            raise Retry()   # the run's error (torch's for an expand)
        vals = self.finish_mutation(form, "aten::copy_", t, {}, [(target.dims, target.dtype)],
                                    ["self"], scatter)
        v, s = vals[0], (target if form == "call" else vals[1])
        v.root, v.offset, v.strides, v.group = s.root, s.offset, s.strides, s.group
        v.loose = s.loose
        return v, s

    # -- views ---------------------------------------------------------------------

    def small_dims(self, rank, sym_first=None):
        """Dims of a chain's base: small, at most MAX_NUMEL elements."""
        r = self.r
        while True:
            dims = [r.choice([2, 3, 4, 5, 6, 8]) for _ in range(rank)]
            if sym_first if sym_first is not None else (self.symbolic and r.random() < 0.5):
                dims[0] = self.T
            if numel([self.conc(d) for d in dims]) <= MAX_NUMEL:
                return tuple(dims)

    def chain_base(self, dtype, dims, writable=False):
        """A value of these dims to slice and view: an argument (donated or
        not), a new buffer, a computed value, or whatever value() finds.
        writable: mostly storage the passes may write in place (new or
        computed, now and then a donated argument)."""
        r = self.r
        x = r.random()
        if writable:
            if x < 0.15:
                return self.new_arg(dims, dtype, donated=True)
            if x < 0.35:
                return self.empty(dims, dtype)
            return self.unary(r.choice(["aten::cos", "aten::clone"]), self.value(dims, dtype))
        if x < 0.35:
            return self.new_arg(dims, dtype)
        if x < 0.5:
            return self.empty(dims, dtype)
        if x < 0.7:
            return self.unary(r.choice(["aten::cos", "aten::clone"]), self.value(dims, dtype))
        return self.value(dims, dtype)

    def rand_bounds(self, n, dimv):
        """(start, end, step) of a slice of a dim of n elements (dimv its
        type dim): offsets, steps, negative starts and ends, ends beyond the
        dim (clamped), INT64_MAX, the dim's own symbol."""
        r = self.r
        step = r.choice([1, 1, 2, 2, 3])
        start = r.choice([0, 0, r.randint(0, max(n, 1)), -r.randint(1, max(n, 1) + 1)])
        x = r.random()
        if x < 0.25:
            end = INT64_MAX
        elif x < 0.45:
            end = n + r.randint(1, 5)          # beyond the dim: clamped
        elif x < 0.6:
            end = -r.randint(1, max(n, 1))
        elif x < 0.65 and isinstance(dimv, str):
            end = dimv
        else:
            end = r.randint(0, max(n, 1))
        return start, end, step

    def rand_slice(self, v, d=None, nonempty=True):
        """A random slice of v along d (any dim when None)."""
        r = self.r
        for _ in range(8):
            dd = r.randrange(v.rank) if d is None else d
            n = self.shape(v)[dd]
            start, end, step = self.rand_bounds(n, v.dims[dd])
            _, length = slice_range(n, start, self.conc(end), step)
            if length == 0 and nonempty and r.random() < 0.9:
                continue
            return self.slice_as(v, dd, start, end, step)
        raise Retry()

    def slice_as(self, v, d, start, end, step, sym=0.35):
        """Emits v[start:end:step] along d (spelled negative now and then);
        on a symbolic dim the result is typed with a new symbol bound to
        the length now and then, else with the static length."""
        r = self.r
        n = self.shape(v)[d]
        _, length = slice_range(n, self.conc(start), self.conc(end), step)
        tdim = None
        typed = self.slice_type_dim(v.dims[d], start, end, step, length)
        if isinstance(v.dims[d], str) and not isinstance(typed, str) and r.random() < sym \
                and len(self.xsyms) < MAX_XSYMS:
            tdim = self.new_sym(length)
        dim = d if r.random() < 0.6 else d - v.rank
        return self.emit_slice(v, dim, start, end, step, tdim=tdim)

    def reshape_targets(self, dims):
        """Other dims of the same element count (symbols kept in place),
        rank 1-4: a static dim split in two, two static neighbours merged,
        unit dims dropped or added, everything static flattened."""
        out = []
        dims = list(dims)
        for i, d in enumerate(dims):
            if isinstance(d, int) and len(dims) < 4:
                for a in (2, 3, 4):
                    if d % a == 0 and d // a > 1:
                        out.append(tuple(dims[:i] + [a, d // a] + dims[i + 1:]))
            if i + 1 < len(dims) and isinstance(d, int) and isinstance(dims[i + 1], int):
                out.append(tuple(dims[:i] + [d * dims[i + 1]] + dims[i + 2:]))
            if d == 1 and len(dims) > 1:
                out.append(tuple(dims[:i] + dims[i + 1:]))
        if len(dims) < 4:
            i = self.r.randint(0, len(dims))
            out.append(tuple(dims[:i] + [1] + dims[i:]))
        if all(isinstance(d, int) for d in dims) and len(dims) > 1:
            out.append((numel(dims),))
        return out or [tuple(dims)]

    def rand_reshape(self, v, dims=None, op=None):
        """v viewed or reshaped (a reshape copies where no view exists)."""
        r = self.r
        if dims is None:
            dims = r.choice(self.reshape_targets(v.dims))
        ok = self.can_view(v, dims)
        if op is None or (op == "view" and not ok):
            op = "view" if ok and r.random() < 0.5 else "reshape"
        return self.emit_view(v, tuple(dims), op)

    def chain_op(self, v):
        x = self.r.random()
        if x < 0.2:
            return self.torch_view(v)
        if x < 0.65:
            return self.rand_slice(v)
        return self.rand_reshape(v)

    def torch_view(self, v):
        """One of torch's view ops as fx.call on v (aten::t, transpose.int,
        permute, unsqueeze, squeeze.dim, select.int, expand, detach, alias,
        as_strided): the result views v's storage with the strides torch
        gives it.  It starts a new view chain (no scatter-back through it:
        fx has no inverse of it), but shares v's storage."""
        r = self.r
        rank, shape = v.rank, self.shape(v)
        static = [d for d in range(rank) if isinstance(v.dims[d], int) and v.dims[d] > 0]
        ones = [d for d in range(rank) if v.dims[d] == 1]
        kinds = ["detach", "alias", "unsqueeze"] + (["t", "t"] if rank == 2 else []) + \
            (["transpose", "permute"] if rank >= 2 else []) + \
            (["select"] if static and rank >= 2 else []) + \
            (["squeeze"] if ones and rank >= 2 else []) + (["expand"] if ones else [])
        if len(static) == rank and not v.loose and tuple(v.strides) == contiguous_strides(shape) \
                and numel(shape) > 0:
            kinds.append("as_strided")
        kind = r.choice(kinds)
        dims, strides, offset, args = list(v.dims), list(v.strides), v.offset, {}
        neg = lambda d, n: d - n if r.random() < 0.3 else d   # noqa: E731
        perm = None
        if kind == "t":
            perm = [1, 0]
        elif kind == "transpose":
            d0, d1 = r.sample(range(rank), 2)
            perm = list(range(rank))
            perm[d0], perm[d1] = d1, d0
            args = {"dim0": str(neg(d0, rank)), "dim1": str(neg(d1, rank))}
        elif kind == "permute":
            perm = list(range(rank))
            r.shuffle(perm)
            args = {"dims": "[%s]" % ", ".join(str(neg(p, rank)) for p in perm)}
        if perm is not None:
            dims, strides = [dims[p] for p in perm], [strides[p] for p in perm]
        elif kind == "unsqueeze":
            d = r.randint(0, rank)
            dims.insert(d, 1)
            strides.insert(d, strides[d] * shape[d] if d < rank else 1)
            args = {"dim": str(neg(d, rank + 1))}
        elif kind == "squeeze":
            d = r.choice(ones)
            del dims[d], strides[d]
            args = {"dim": str(neg(d, rank))}
        elif kind == "select":
            d = r.choice(static)
            i = r.randrange(dims[d])
            offset += i * strides[d]
            del dims[d], strides[d]
            args = {"dim": str(neg(d, rank)), "index": str(neg(i, v.dims[d]))}
        elif kind == "expand":
            for d in ones:
                if r.random() < 0.7:
                    dims[d], strides[d] = r.choice([2, 3]), 0
            args = {"size": "[%s]" % ", ".join(fmt_dim(k) for k in dims)}
        elif kind == "as_strided":
            n = numel(shape)
            cols = r.randint(1, min(n, 6))
            step = r.choice([1, 2, cols, cols + 1])   # < cols: rows overlap
            rows = r.randint(1, 4)
            while rows > 1 and (rows - 1) * step + cols > n:
                rows -= 1
            rel = r.randint(0, n - ((rows - 1) * step + cols))
            dims, strides = [rows, cols], [step, 1]
            offset = v.offset + rel
            args = {"size": "[%d, %d]" % (rows, cols), "stride": "[%d, 1]" % step,
                    "storage_offset": str(rel)}
        w = self.emit_call("call", "aten::" + {"transpose": "transpose.int", "squeeze": "squeeze.dim",
                                               "select": "select.int"}.get(kind, kind),
                           [("self", v)], args, [(dims, v.dtype)])[0]
        w.root, w.offset, w.strides, w.loose = v.root, offset, tuple(strides), v.loose
        return w

    def alt_region(self, parent, dim, start, end, step):
        """Another region of parent's dim `dim` with the length of
        [start:end:step] (another start or step), or the same region when
        there is none (a symbolic dim, an empty region)."""
        r = self.r
        d = dim % parent.rank
        if isinstance(parent.dims[d], str):
            return start, end, step
        n = parent.dims[d]
        s0, length = slice_range(n, self.conc(start), self.conc(end), step)
        if length == 0:
            return start, end, step
        cands = []
        for k in (1, 2, 3):
            for s in range(n):
                e = s + (length - 1) * k + 1
                if (s, k) != (s0, step) and e <= n:
                    cands.append((s, e, k))
        if not cands:
            return start, end, step
        s, e, k = r.choice(cands)
        if r.random() < 0.3 and slice_range(n, s, INT64_MAX, k)[1] == length:
            e = INT64_MAX
        if r.random() < 0.3:
            s -= n
        return s, e, k

    # -- the steps -------------------------------------------------------------------

    def alias_chain(self, form):
        r = self.r
        dtype = self.act_dtype()
        base = self.chain_base(dtype, self.small_dims(r.choice([2, 2, 3, 3, 4])))
        vals = [base]
        for _ in range(r.randint(1, 4)):
            vals.append(self.chain_op(vals[-1]))
        i = len(vals) - 1 if r.random() < 0.7 else r.randrange(1, len(vals))
        new = self.write(form, vals[i], vals, scatter=0.6)
        # The chain's intermediates (and base) after the write.
        for v in r.sample(vals, min(len(vals), r.randint(1, 3))):
            self.read(v)
        # The written value reshaped, viewed or sliced again.
        if r.random() < 0.6:
            w = new
            for _ in range(r.randint(1, 2)):
                w = self.chain_op(w)
            self.read(w)
        # A second write, into another link, and what it changes.
        if r.random() < 0.3:
            j = r.randrange(len(vals))
            self.write(self.form(), vals[j], vals, scatter=0.5)
            self.read(vals[r.randrange(len(vals))])

    def alias_copy_reshape(self, form):
        """F1: y = reshape(x) copies (x a non-contiguous slice); y written;
        z = reshape(y) (back to x's dims, or other dims, or a slice) read."""
        r = self.r
        dtype = self.act_dtype()
        rank = r.choice([2, 2, 3])
        dims = self.small_dims(rank, sym_first=False)
        A = self.chain_base(dtype, dims)
        # Non-contiguous: a column range, or every other row / column.
        d = r.randrange(1, rank) if r.random() < 0.6 else 0
        n = dims[d]
        if r.random() < 0.5 and n >= 3:
            x = self.slice_as(A, d, r.randint(0, 1), n - 1, 1)
        else:
            x = self.slice_as(A, d, r.randint(0, 1), INT64_MAX, 2)
        if not all(isinstance(k, int) for k in x.dims):
            raise Retry()
        merged = [t for t in self.reshape_targets(x.dims) if len(t) < len(x.dims)]
        if not merged:
            raise Retry()
        y = self.rand_reshape(x, r.choice(merged), "reshape")
        chain = [x, y]
        if r.random() < 0.3:
            y = self.rand_reshape(y, None, "reshape")
            chain.append(y)
        new = self.write(form, y, chain, scatter=0.5)
        x2 = r.random()
        if x2 < 0.5:
            z = self.rand_reshape(new, x.dims, r.choice(["reshape", "view"]))
        elif x2 < 0.8:
            z = self.rand_reshape(new)
        else:
            z = self.rand_slice(new)
        if r.random() < 0.4:
            z = self.chain_op(z)
        self.read(z)
        for v in (x, A):
            if r.random() < 0.5:
                self.read(v)

    def alias_sym_slices(self, form):
        """F4: R[a:b] on a symbolic dim with static bounds (b beyond the
        dim: clamped), then a slice of it from the end, written; static
        slices of R read afterwards."""
        r = self.r
        dtype = self.act_dtype()
        H = r.choice([2, 4, 8])
        T = self.T
        if not self.symbolic or self.conc(T) < 3 or r.random() < 0.25:
            T = self.new_sym(r.choice([4, 5, 6, 7, 9]))   # a symbol of its own
        dims = (T, H) if r.random() < 0.7 else (T, 2, H)
        R = self.chain_base(dtype, dims, writable=r.random() < 0.8)
        n = self.conc(T)
        a = r.choice([0, 1, 2, 3, 2, -r.randint(1, n + 2)])
        x = r.random()
        b = n + r.randint(1, 5) if x < 0.6 else (n - r.randint(0, 1) if x < 0.8 else INT64_MAX)
        y = self.slice_as(R, 0, a, b, 1 if r.random() < 0.8 else 2, sym=0.6)
        m = self.shape(y)[0]
        k = r.randint(1, max(m, 1)) if r.random() < 0.85 else m + r.randint(1, 2)
        x = r.random()
        e = INT64_MAX if x < 0.6 else (-r.randint(1, max(m, 1)) if x < 0.8 else m + r.randint(0, 3))
        z = self.slice_as(y, 0, -k, e, 1)
        if r.random() < 0.2:
            z = self.chain_op(z)
        self.write(form if r.random() < 0.5 else "af", z, [R, y], scatter=0.15)
        # Static slices of R: mostly one that ends between where the write
        # really is (the last k rows of R[:n]) and where the static end b
        # would put it (R[b-k:b]), so that only the clamped answer overlaps.
        for i in range(1 if r.random() < 0.7 else 2):
            c = r.choice([0, 0, 1, 2])
            x = r.random()
            if i == 0 and b != INT64_MAX and b - k > n - k + 1 and x < 0.6:
                dd = r.randint(n - k + 1, b - k)
            else:
                dd = n - r.randint(0, 2) if x < 0.4 else (n + r.randint(1, 3) if x < 0.8 else
                                                          r.choice([INT64_MAX, -1]))
            self.read(self.slice_as(R, 0, c, dd, 1))
        if r.random() < 0.15:
            self.read(y)

    def alias_scatter_view(self, form):
        r = self.r
        how = r.choice(["offset", "offset", "offset", "misscatter", "inplace_back", "full_cover"])
        dtype = self.act_dtype()
        rank = r.choice([2, 2, 3])
        n = r.choice([4, 5, 6, 7, 8, 9, 10])
        dims = ((n,) + self.small_dims(rank - 1, sym_first=False)) if r.random() < 0.7 \
            else self.small_dims(rank)
        R = self.chain_base(dtype, dims, writable=r.random() < 0.8)
        N = self.shape(R)[0]
        if how == "full_cover":
            # A full-cover scatter's result written; base and source read.
            B = R if r.random() < 0.5 else self.rand_slice(R)
            src = self.operand(B.dims, dtype, "af", (), [])
            dim, start, end, step = self.full_region(B)
            S = self.emit_scatter(B, src, dim, start, end, step)
            target = S if r.random() < 0.6 else self.rand_slice(S)
            self.write(form, target, [B, src, S], scatter=0.5)
            for v in (B, src, S):
                if r.random() < 0.6:
                    self.read(v)
            return
        k = r.choice([2, 2, 3])
        s = r.randrange(k)
        m = self.slice_as(R, 0, s, r.choice([INT64_MAX, N]), k)
        if how == "misscatter":
            new = self.write("af", m, [R], scatter=0.0)
            st, en, sp = self.alt_region(R, 0, s, INT64_MAX, k)
            S = self.emit_scatter(R, new, r.choice([0, -rank]), st, en, sp)
            self.read(S)
            if r.random() < 0.5:
                self.read(R)
            return
        new = self.write(form, m, [R], scatter=0.3)
        if how == "inplace_back":
            # What fx-fix-functionalization leaves: a scatter of the written
            # view into its base (a snapshot), then the base written again.
            st, en, sp = (s, INT64_MAX, k) if r.random() < 0.6 else self.alt_region(R, 0, s, INT64_MAX, k)
            S = self.emit_scatter(R, new if form == "af" else m, 0, st, en, sp)
            self.write("call", R if r.random() < 0.5 else m, [], scatter=0.0)
            self.read(S)
            return
        # F2/F3: a scatter into an offset view of R reads rows the write
        # changed.  Mostly a region of B with m's step from B's row 0: it
        # covers m's rows exactly when o keeps m's phase.
        o = r.randint(1, max(1, N - 2))
        B = self.slice_as(R, 0, o, r.choice([N, INT64_MAX, N - 1 if N - 1 > o else N]), 1)
        M = self.shape(B)[0]
        st = 0 if r.random() < 0.7 else 1
        sp = k if r.random() < 0.6 else r.choice([1, 2, 3])
        _, L = slice_range(M, st, M, sp)
        sd = list(B.dims)
        sd[0] = L
        Y = self.value(tuple(sd), dtype)
        S = self.emit_scatter(B, Y, r.choice([0, -rank]), st, r.choice([M, INT64_MAX]), sp)
        self.read(S)
        if r.random() < 0.15:
            self.read(new)

    def alias_two_views(self, form):
        """Two overlapping views of one buffer given to one call."""
        r = self.r
        dtype = self.act_dtype()
        rank = r.choice([1, 2, 2, 3])
        base = self.chain_base(dtype, self.small_dims(rank))
        v1 = self.rand_slice(base) if r.random() < 0.8 else base
        v2 = self.rand_slice(base)
        if not self.overlaps(v1, v2) and r.random() < 0.7:
            v2 = self.rand_slice(base)   # another try at an overlap
        if form == "af":
            kind = r.choice(["mix2_", "two_", "axpy_", "addret_", "fill_"])
            v3 = self.rand_slice(base) if r.random() < 0.5 else self.value(v1.dims, dtype)
            t = {"mix2_": {"a": v1, "b": v2, "c": v3}, "two_": {"a": v1, "b": v2, "x": v3},
                 "axpy_": {"out": v1, "x": v2}, "addret_": {"self": v1, "other": v2},
                 "fill_": {"out": v1, "x": v2}}[kind]
            self.user_call("af", kind, t, scatter=0.7)
        else:
            # In place only reads may overlap.
            kind = r.choice(["pure", "fill_", "axpy_"])
            if kind == "pure":
                self.observe.append(self.user_call("call", "pure", {"self": v1, "other": v2})[0])
            else:
                out = self.value(v1.dims, dtype)
                if self.overlaps(out, v1) or self.overlaps(out, v2):
                    out = self.new_arg(v1.dims, dtype)
                t = {"out": out, "x": v1 if kind == "fill_" else v2}
                self.user_call("call", kind, t)
                self.read(out)
        self.read(base)

    def alias_copy_into(self, form):
        """aten::copy_ into a view of an intermediate or of an argument."""
        r = self.r
        dtype = r.choice(self.dtypes)
        rank = r.choice([1, 2, 2, 3])
        base = self.chain_base(dtype, self.small_dims(rank))
        target = base
        for _ in range(r.randint(1, 2)):
            target = self.chain_op(target)
        src = self.operand(target.dims, dtype, form, (target,), [base])
        own, new = self.copy_into(form, target, src, scatter=0.6)
        if r.random() < 0.4 and own.dtype in FLOATS and 1 <= own.rank <= 4:
            # The own return written: in the unoptimized run it is `new`'s
            # storage (the lowering returns the one copy twice).
            self.write(self.form(), own, [], scatter=0.0)
        for v in (own, new, base):
            if r.random() < 0.6:
                self.read(v)
