// bench/fuzz and bench/reduce report a mismatch.  The test-only user op
// fuzz::f32r1_layout_ (Inputs/fuzzops.c) writes `out` from `x` plus out's
// storage offset, so its result changes when fx-fix-functionalization writes
// the slice of %c in place instead of a clone: a mismatch in every order that
// runs fix, by construction, whatever the passes' alias analysis.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not python3 %fx_src/bench/fuzz --check %s --build %fx_obj --keep %t/keep --quiet > %t/out.txt
// RUN: FileCheck %s --check-prefix=FUZZ < %t/out.txt
// The printed command shows the mismatch on the kept graph.
// RUN: not sh -c "$(sed -n 's/^  command: //p' %t/out.txt)" | FileCheck %s --check-prefix=CMD
// RUN: python3 %fx_src/bench/reduce %s --order fix --build %fx_obj | FileCheck %s --check-prefix=REDUCED
// FUZZ: fuzz: {{.*}}fuzz-report.mlir: mismatch: after noop,fix,dce (fx-run --check-passes); mismatching orders: noop,fix,dce | fix,noop,dce | fix | noop,fix,dce,noop,fix,dce{{$}}
// FUZZ-NEXT: command: {{.*}}fx-run {{.*}}keep/check0-fuzz-report.mlir -O0 --seed=3 --shared-lib={{.*}}libfx_fuzzops.so --check-passes --output-dir={{.*}}keep{{$}}
// FUZZ-NEXT: rerun: {{.*}}bench/fuzz --check {{.*}}keep/check0-fuzz-report.mlir --build
// FUZZ: fuzz: 1 graphs, 1 mismatches, 0 verifier failures, 0 crashes{{$}}
// CMD: out0: MISMATCH
// CMD: out1: bit-identical
// REDUCED: // Reduced by bench/reduce from fuzz-report.mlir: after fix a result differs.
// REDUCED-LABEL: func.func @fuzz(
// REDUCED-NEXT: fx.call "aten::clone"(self = %{{.*}})
// REDUCED-NEXT: fx.slice %
// REDUCED-NEXT: fx.auto_functionalized "fuzz::f32r1_layout_"({{.*}})
// REDUCED-NEXT: return

// fx-run-args: --seed=3
fx.schema "fuzz::f32r1_layout_" = "f32r1_layout_(Tensor! out, Tensor x) -> ()"
func.func @fuzz(%a: !fx.tensor<[8], f32>, %x: !fx.tensor<[4], f32>) -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  %c = fx.call "aten::clone"(self = %a) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %v = fx.slice %c, dim = 0, start = 4, end = 8, step = 1 : !fx.tensor<[8], f32> -> !fx.tensor<[4], f32>
  %n = fx.auto_functionalized "fuzz::f32r1_layout_"(out = %v, x = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %unused = fx.call "aten::cos"(self = %a) : (!fx.tensor<[8], f32>) -> !fx.tensor<[8], f32>
  %k = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %n, %k : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}
