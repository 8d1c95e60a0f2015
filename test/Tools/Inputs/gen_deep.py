"""Writes MLIR text that MLIR's parser and printer recurse into DEPTH levels
deep (test/Tools/deep-input.test): with brackets nested DEPTH levels
(fx-opt's limit on nesting), or without any (fxir's tools then run on a
stack in proportion to their input).

  gen_deep.py modules DEPTH  -- `module {` DEPTH times
  gen_deep.py arrays DEPTH   -- an attribute of nested arrays, beside an
                                  affine set whose `>=` and `> =` (inside a
                                  parenthesis) close nothing, an affine map
                                  whose `->` closes nothing, an affine set
                                  whose `<=` and `< =` open nothing, and a comment
                                  and a string full of brackets
  gen_deep.py types DEPTH    -- a function argument of nested tuple types
  gen_deep.py negate DEPTH   -- an affine map of d0 negated DEPTH times
                                (`- - - d0`: the affine parser recurses
                                once per '-')
  gen_deep.py aliases DEPTH  -- a tuple type nested DEPTH levels deep through
                                a chain of type aliases
"""
import sys

kind, depth = sys.argv[1], int(sys.argv[2])
if kind == "modules":
    print("module {" * depth + "}" * depth)
elif kind == "arrays":
    # `{` of the attribute dictionary, then DEPTH - 1 arrays.  The affine
    # sets and map sit one array deep; a count that took their `>`s for
    # closers would come out lower, one that took the `<` of `<=` for an
    # opener higher.
    n = depth - 1
    aset = ("affine_set<(d0) : (d0 >= 0, d0 > = 0, d0 - 1 >= 0)>, "
            "affine_map<(d0) -> (d0)>, "
            "affine_set<(d0) : (d0 <= 10, d0 < = 5)>")
    print("// (((( [[[[ {{{{ <<<< a comment's brackets do not count")
    print('module attributes {fx.s = "(((( [[[[ {{{{ <<<< \\" [[[[",')
    print("    fx.x = [" + aset + ", " + "[" * (n - 1) + "]" * (n - 1) + "]} {}")
elif kind == "types":
    # `(` of the argument list, then DEPTH - 1 tuples.
    n = depth - 1
    print("func.func @f(%a: " + "tuple<" * n + "i32" + ">" * n + ") -> () {")
    print("  return")
    print("}")
elif kind == "negate":
    print("#map = affine_map<(d0) -> (" + "-" * depth + "d0)>")
    print("func.func @f(%a: memref<4xf32, #map>) {")
    print("  return")
    print("}")
elif kind == "aliases":
    print("!a0 = i32")
    for i in range(1, depth + 1):
        print(f"!a{i} = tuple<!a{i - 1}>")
    print(f"func.func @f(%a: !a{depth}) {{")
    print("  return")
    print("}")
else:
    sys.exit("unknown kind " + kind)
