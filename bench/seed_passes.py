#!/usr/bin/python3
"""The seed documents' own FX passes, timed on an fx IR graph.

  /usr/bin/python3 bench/seed_passes.py GRAPH.mlir [--repeat 3]

Prints one line, `seed NOOP_S FIX_S NODES_BEFORE NODES_AFTER AF_LEFT`: the
minimum over `--repeat` runs of vLLM's NoOpEliminationPass and
FixFunctionalizationPass (in that order, on one torch.fx.Graph), the
graph's node count before and after them, and the auto_functionalized
nodes left (0 when the passes did their work).
bench/compile runs it beside fx-opt on the same graph.

The pass classes are not stored in fxir: they are cut out of the seed
documents' text (../shared/reference/seed-noop_elimination.txt and
seed-fix_functionalization.txt, vLLM's rendered source) when this runs, and
executed unchanged.  Runs with Debian's python3-torch (torch 1.13: torch.fx,
the aten ops), which bench/compile installs when missing.  What torch 1.13
and a machine without vLLM lack is bound to stand-ins, none of which does
work the passes time: `VllmInductorPass` (begin/dump_graph/end_and_log do
nothing), `is_func` (vLLM's definition: a call_function node with that
target), `auto_functionalized` and the `torch.ops._C` ops (unique targets;
the passes only compare them), `logger`, `SymInt`.

The graph is the fx IR graph read line by line (the custom form of
bench/gen_llama.py's output): function arguments become placeholders,
fx.reshape/fx.slice/fx.slice_scatter the aten ops vLLM's graphs hold,
fx.auto_functionalized a call of `auto_functionalized(op, **kwargs)` with
one operator.getitem per result used (index 1 + i: the ops return `()`),
other fx.call ops calls of their targets.  Every node's meta["val"] has the
result's shape, symbols as one object per symbol (what the noop pass
compares), like the FakeTensors of a real graph.
"""
import argparse
import operator
import os
import re
import sys
import time
import typing
from types import SimpleNamespace

import torch
import torch.fx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(os.path.dirname(ROOT), "shared", "reference")


def cut_class(path, name):
    """The source of `class name(...)` as the document renders it: from its
    `class` line to the first unindented line after it."""
    lines = open(path).read().splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith(f"class {name}(")), None)
    if start is None:
        sys.exit(f"seed_passes: no `class {name}(` in {path}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()),
               len(lines))
    return "\n".join(lines[start:end]) + "\n"


class _Ops:
    """torch.ops with a stand-in for each `_C` op (`torch.ops._C.x.default`
    is one unique object per name); other namespaces are torch's."""

    class _Stubs:
        def __init__(self, ns):
            self._ns, self._ops = ns, {}

        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return self._ops.setdefault(name, SimpleNamespace(default=_Target(f"{self._ns}::{name}")))

    def __init__(self):
        self._C = _Ops._Stubs("_C")
        self.vllm = _Ops._Stubs("vllm")

    def __getattr__(self, name):
        return getattr(torch.ops, name)


class _Target:
    """A call target standing in for an op fxir knows by name."""

    def __init__(self, name):
        self.name = name
        self.__name__ = name.replace(":", "_").replace(".", "_")

    def __call__(self, *args, **kwargs):
        raise RuntimeError("stand-in targets are never run")

    def __repr__(self):
        return self.name


class _Pass:
    """VllmInductorPass without its logging and graph dumps."""

    def __init__(self, *args, **kwargs):
        pass

    def begin(self):
        pass

    def end_and_log(self):
        pass

    def dump_graph(self, graph, stage):
        pass


def auto_functionalized(op, **kwargs):
    raise RuntimeError("stand-in targets are never run")


def load_passes():
    ops = _Ops()
    fake_torch = SimpleNamespace(fx=torch.fx, ops=ops, Tensor=torch.Tensor)
    ns = {"torch": fake_torch, "VllmInductorPass": _Pass, "operator": operator,
          "is_func": lambda node, target: node.op == "call_function" and node.target == target,
          "auto_functionalized": auto_functionalized, "SymInt": int,
          "logger": SimpleNamespace(debug=lambda *a, **k: None),
          "Iterable": typing.Iterable, "Union": typing.Union, "Optional": typing.Optional}
    exec(cut_class(os.path.join(REFERENCE, "seed-noop_elimination.txt"), "NoOpEliminationPass"), ns)
    exec(cut_class(os.path.join(REFERENCE, "seed-fix_functionalization.txt"),
                   "FixFunctionalizationPass"), ns)
    return ns["NoOpEliminationPass"], ns["FixFunctionalizationPass"], ops


# ---- fx IR (bench/gen_llama.py's custom form) -> torch.fx.Graph ----------

TENSOR = re.compile(r'!fx\.tensor<\[([^\]]*)\], *([\w]+)>')
ARG = re.compile(r'%(\w+): (!fx\.tensor<\[[^\]]*\], *\w+>)')
LHS = re.compile(r'^\s*%(\w+)(?::(\d+))? = (fx\.\w+) (.*)$')
VALUE = re.compile(r'%(\w+)(?:#(\d+))?')
SLICE = re.compile(r'dim = (-?\d+), start = (-?\d+|"\w+"), end = (-?\d+|"\w+"), step = (\d+)')


class Sym:
    """A symbolic size: equal only to itself (as the noop pass compares)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


def build_graph(text, ops):
    graph, syms, values = torch.fx.Graph(), {}, {}
    getitems = {}

    def sym(name):
        if name not in syms:
            syms[name] = Sym(name)
            node = graph.placeholder(name)
            node.meta["val"] = syms[name]
            values[name] = node
        return syms[name]

    def shape(ty):
        m = TENSOR.search(ty)
        dims = [d.strip() for d in m.group(1).split(",") if d.strip()]
        return SimpleNamespace(shape=tuple(sym(d.strip('"')) if d.startswith('"') else int(d)
                                           for d in dims))

    def use(name, idx):
        if idx is None and values[name].target is not auto_functionalized:
            return values[name]
        idx = idx or 0  # an auto_functionalized with one result
        key = (name, int(idx))
        if key not in getitems:
            at = values[name]
            g = graph.call_function(operator.getitem, (at, int(idx) + 1))
            g.meta["val"] = at.meta["vals"][int(idx)]
            getitems[key] = g
        return getitems[key]

    def scalar(tok):
        return values[tok.strip('"')] if tok.startswith('"') else int(tok)

    body = text[text.index("func.func @"):]
    header, rest = body.split("{\n", 1)
    for name, ty in ARG.findall(header):
        for d in TENSOR.search(ty).group(1).split(","):
            if d.strip().startswith('"'):
                sym(d.strip().strip('"'))
        node = graph.placeholder(name)
        node.meta["val"] = shape(ty)
        values[name] = node
    for line in rest.splitlines():
        line = line.strip()
        if line.startswith("return"):
            outs = [use(n, i or None) for n, i in VALUE.findall(line.split(":")[0])]
            graph.output(tuple(outs))
            break
        m = LHS.match(line)
        if not m:
            continue
        name, count, op, tail = m.groups()
        types = tail.rsplit(" -> ", 1)[1]
        result_types = TENSOR.findall(types)
        vals = [shape(f"!fx.tensor<[{d}], {t}>") for d, t in result_types]
        operands = tail.split(" : ")[0]
        if op == "fx.reshape":
            src = use(*VALUE.match(operands).groups())
            dims = re.search(r"shape = \[([^\]]*)\]", operands).group(1)
            shp = [scalar(d.strip()) for d in dims.split(",")]
            node = graph.call_function(torch.ops.aten.reshape.default, (src, shp))
        elif op == "fx.slice":
            src = use(*VALUE.match(operands).groups())
            d, s, e, st = SLICE.search(operands).groups()
            node = graph.call_function(torch.ops.aten.slice.Tensor,
                                       (src, int(d), scalar(s), scalar(e), int(st)))
        elif op == "fx.slice_scatter":
            (b, bi), (v, vi) = VALUE.findall(operands)[:2]
            d, s, e, st = SLICE.search(operands).groups()
            node = graph.call_function(torch.ops.aten.slice_scatter.default,
                                       (use(b, bi or None), use(v, vi or None), int(d),
                                        scalar(s), scalar(e), int(st)))
        elif op in ("fx.call", "fx.auto_functionalized"):
            target = re.match(r'"([^"]+)"', operands).group(1)
            ns, opname = target.split("::")
            tensors = [(k, use(n, i or None))
                       for k, n, i in re.findall(r'(\w+) = %(\w+)(?:#(\d+))?',
                                                 operands.split(")")[0])]
            args = re.search(r"\{(.*)\}", operands)
            scalars = dict(re.findall(r'(\w+) = ([^,]+)', args.group(1) if args else ""))
            base = opname.split(".")[0]
            if op == "fx.auto_functionalized":  # keywords, as torch prints it
                fn = getattr(getattr(ops, ns), base).default  # what the pass compares
                node = graph.call_function(auto_functionalized, (fn,), {**dict(tensors), **scalars})
                node.meta["vals"] = vals
            else:  # tensors positional, as aten calls are in vLLM's graphs
                node = graph.call_function(_Target(target), tuple(v for _, v in tensors), scalars)
        else:
            sys.exit(f"seed_passes: unknown op {op}")
        if op != "fx.auto_functionalized":
            node.meta["val"] = vals[0] if vals else None
        values[name] = node
    return graph


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    NoOp, Fix, ops = load_passes()
    text = open(args.graph).read()
    best_noop = best_fix = float("inf")
    for _ in range(args.repeat):
        graph = build_graph(text, ops)
        before = len(graph.nodes)
        t0 = time.perf_counter()
        NoOp()(graph)
        t1 = time.perf_counter()
        Fix()(graph)
        t2 = time.perf_counter()
        best_noop, best_fix = min(best_noop, t1 - t0), min(best_fix, t2 - t1)
        graph.lint()
        left = sum(1 for n in graph.nodes if n.target is auto_functionalized)
    print(f"seed {best_noop:.6f} {best_fix:.6f} {before} {len(graph.nodes)} {left}")


if __name__ == "__main__":
    main()
