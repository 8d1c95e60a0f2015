#!/usr/bin/env python3
"""No pass says the same thing twice at one place.

  remarks-once.py FX_OPT DIR... [--min N]

Runs each fx rewriting pass alone, and the three as a pipeline, on every
.mlir file under DIRs (--split-input-file where the file uses it) and fails
when one run emits a diagnostic twice: the same location, severity and
message.  fx-opt --verify-diagnostics cannot see this: one expected remark
matches any number of identical ones.  Fails, too, when fewer than N
diagnostics were seen in all (a broken fx-opt that says nothing cannot
pass)."""
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import mlir_files  # noqa: E402 (beside this script)

PIPELINES = ["fx-noop-elimination", "fx-fix-functionalization", "fx-dce",
             "fx-noop-elimination,fx-fix-functionalization,fx-dce"]
DIAG = re.compile(r"^(\S+:\d+:\d+): (remark|warning|error): (.*)$")


def main():
    fx_opt, dirs, minimum = mlir_files.parse_args(sys.argv[1:])
    seen = runs = 0
    bad = []
    for path, text in mlir_files.mlir_files(dirs):
        for p in PIPELINES:
            cmd = [fx_opt, path, "-o", os.devnull,
                   "--pass-pipeline=builtin.module(func.func(%s))" % p]
            if "--split-input-file" in text:
                cmd.append("--split-input-file")
            r = subprocess.run(cmd, capture_output=True, text=True)
            runs += 1
            diags = [m.groups() for m in map(DIAG.match, r.stderr.splitlines()) if m]
            seen += len(diags)
            once = set()
            for g in diags:
                if g in once:
                    bad.append("%s [%s]: %s: %s: %s" % (path, p, g[0], g[1], g[2]))
                once.add(g)
    for b in bad:
        print("remarks-once: TWICE " + b)
    print("remarks-once: %d runs, %d diagnostics, %d repeated" % (runs, seen, len(bad)))
    if seen < minimum:
        print("remarks-once: only %d diagnostics seen, expected at least %d" % (seen, minimum))
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
