// 40 random graphs of bench/gen_random.py without its alias steps
// (alias=false: the graphs the fuzzer made before bench/gen_alias.py), each
// checked by bench/fuzz like random-graphs.mlir, which covers the whole
// generator but fails until the passes' alias analysis is fixed.  This one
// keeps the generator and bench/fuzz's seed path checked meanwhile.
// RUN: rm -rf %t
// RUN: python3 %fx_src/bench/fuzz 40 --start 2000000 --jobs 2 --quiet --build %fx_obj --keep %t --gen-opt min_steps=5 --gen-opt max_steps=12 --gen-opt alias=false | FileCheck %s
// CHECK: fuzz: 40 graphs, 0 mismatches, 0 verifier failures, 0 crashes{{$}}
