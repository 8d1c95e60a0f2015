// 300 random graphs of the whole generator (bench/gen_random.py with its
// alias steps), checked by fx-opt only (bench/fuzz --opt-only): the IR
// verifies after every pass in every order (noop,fix,dce; fix,noop,dce;
// fix; noop; dce; the pipeline twice), and every pass is idempotent.  It
// also shows that fx-opt accepts every generated graph (a rejected one is
// an "invalid graph").  The run-time comparison is random-graphs.mlir.
// RUN: rm -rf %t
// RUN: python3 %fx_src/bench/fuzz 300 --start 3000000 --opt-only --jobs 2 --quiet --build %fx_obj --keep %t | FileCheck %s
// CHECK: fuzz: 300 graphs, 0 mismatches, 0 verifier failures, 0 crashes{{$}}
