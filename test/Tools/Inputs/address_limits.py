"""Runs a tool on a deep input under a sweep of address-space limits
(test/Tools/deep-input-limits.test) and prints one line per outcome kind
seen, so that FileCheck can require some and forbid others.

  address_limits.py TOOL INPUT

The sweep runs from 40 MB below to 300 MB above the least limit under
which TOOL runs on a trivial file (found by bisection, so that it does not
depend on this machine's libraries), in steps of 5 MB.  Outcomes:
  refused       exit 1, "cannot reserve a stack ... nor any half of it"
  refused-outer exit 1, "cannot reserve a stack of N MB": the stack the
                tool runs on before it reads its input
  overflow      exit 1, "the input needs more than the N MB of stack"
  reduced       exit 0 after "running on N MB"
  full          exit 0 with no warning
  no-start      the loader or the allocator gave up before main
  CRASH         anything else: a signal, an exit without fxir's message,
                or LLVM's crash report before it
"""
import os
import resource
import subprocess
import sys
import tempfile

tool, deep = sys.argv[1], sys.argv[2]
MB = 1 << 20


def run(limit_mb, path):
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))
    p = subprocess.run([tool, path, "-o", os.devnull], preexec_fn=cap,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p.returncode, p.stderr.decode(errors="replace")


def classify(rc, err):
    if "Stack dump" in err or "PLEASE submit a bug report" in err:
        return "CRASH"  # LLVM's crash report, even when an error follows
    if "error while loading shared libraries" in err or (
            rc == -6 and "Out of memory" in err and "tcmalloc" in err):
        return "no-start"
    if rc == 1 and "nor any half of it down to" in err:
        return "refused"
    if rc == 1 and err.startswith("error: cannot reserve a stack of "):
        return "refused-outer"
    if rc == 1 and "error: the input needs more than the" in err:
        return "overflow"
    if rc == 0 and "running on" in err:
        return "reduced"
    if rc == 0 and not err:
        return "full"
    return "CRASH"


with tempfile.NamedTemporaryFile("w", suffix=".mlir", delete=False) as f:
    f.write("func.func @f() { return }\n")
    tiny = f.name
try:
    lo, hi = 10, 8192  # MB: the tool cannot start at lo, and can at hi
    if run(hi, tiny)[0] != 0:
        sys.exit(f"{tool} does not run on a trivial file under {hi} MB")
    while hi - lo > 10:
        mid = (lo + hi) // 2
        if run(mid, tiny)[0] == 0:
            hi = mid
        else:
            lo = mid
finally:
    os.unlink(tiny)

seen = {}
for limit in range(hi - 40, hi + 300, 5):
    rc, err = run(limit, deep)
    kind = classify(rc, err)
    if kind not in seen:
        seen[kind] = (limit, rc, err.strip().splitlines()[-1:] if err else [])
for kind, (limit, rc, last) in sorted(seen.items()):
    print(f"{kind}: first at {limit} MB (exit {rc}) {' '.join(last)}")
