// 200 random graphs from bench/gen_random.py (fixed seeds), each checked by
// bench/fuzz: fx-opt --verify-each in both pass orders, every pass
// idempotent, and fx-run --check-passes bit-identical with and without the
// passes (the user ops come from Inputs/fuzzops.c, libfx_fuzzops.so).
// A failure names the seed and the failing command and keeps the graph in
// %t.
// RUN: rm -rf %t
// RUN: python3 %fx_src/bench/fuzz 200 --start 1000000 --jobs 2 --quiet --build %fx_obj --keep %t --gen-opt min_steps=5 --gen-opt max_steps=14 | FileCheck %s
// CHECK: fuzz: 200 graphs, 0 mismatches, 0 verifier failures, 0 crashes{{$}}
