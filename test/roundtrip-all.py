#!/usr/bin/env python3
"""Print -> parse -> print is the identity on every .mlir file of the tree.

  roundtrip-all.py FX_OPT DIR... [--min N]

Each file (each `// -----` chunk of a file that uses --split-input-file) that
fx-opt reads without error is printed (A), A is parsed and printed again
(B), and the generic form of the input is parsed and printed (C); A == B == C
must hold.  Chunks fx-opt rejects (the invalid-IR tests) are skipped and
counted.  Fails when a chunk differs or fewer than N chunks were checked (so
a broken fx-opt cannot pass by rejecting everything)."""
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import mlir_files  # noqa: E402 (beside this script)


def run(fx_opt, text, *args):
    r = subprocess.run([fx_opt, "-", *args], input=text, capture_output=True,
                       text=True)
    return r.stdout if r.returncode == 0 else None


def main():
    fx_opt, dirs, minimum = mlir_files.parse_args(sys.argv[1:])
    checked = skipped = 0
    bad = []
    for path, text in mlir_files.mlir_files(dirs):
        chunks = (text.split("\n// -----\n")
                  if "--split-input-file" in text else [text])
        for n, chunk in enumerate(chunks):
            a = run(fx_opt, chunk)
            if a is None:
                skipped += 1
                continue
            b = run(fx_opt, a)
            generic = run(fx_opt, chunk, "--mlir-print-op-generic")
            c = run(fx_opt, generic) if generic is not None else None
            checked += 1
            if a != b or a != c:
                bad.append("%s (chunk %d): %s" % (
                    path, n, "print-parse-print differs" if a != b
                    else "the generic form reads back differently"))
    for b in bad:
        print("roundtrip: MISMATCH " + b)
    print("roundtrip: %d chunks checked, %d rejected by fx-opt (skipped), "
          "%d mismatches" % (checked, skipped, len(bad)))
    if checked < minimum:
        print("roundtrip: only %d chunks checked, expected at least %d" %
              (checked, minimum))
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
