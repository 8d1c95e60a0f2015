// 200 random graphs from bench/gen_random.py (fixed seeds, 5-12 steps), each
// checked by bench/fuzz: fx-opt --verify-each with every pass order, every
// pass idempotent, and the results after every pass order (noop,fix,dce;
// fix,noop,dce; fix; noop; dce; the pipeline twice) bit-identical to the run
// without passes (the user ops come from Inputs/fuzzops.c, libfx_fuzzops.so).
// A failure names the seed, the mismatching orders and a command that shows
// it, and keeps the graph in %t.
//
// The alias steps of the generator (bench/gen_alias.py) found the
// miscompiles of ../shared/repro F1-F4 (and their variants) in 21 of these
// 200 seeds before the region model (docs/performance.md, Fuzzing).
//
// RUN: rm -rf %t
// RUN: python3 %fx_src/bench/fuzz 200 --start 1000000 --jobs 2 --quiet --build %fx_obj --keep %t --gen-opt min_steps=5 --gen-opt max_steps=12 | FileCheck %s
// CHECK: fuzz: 200 graphs, 0 mismatches, 0 verifier failures, 0 crashes{{$}}
