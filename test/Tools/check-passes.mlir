// fx-run --check-passes: every named pass order against the run without the
// fx passes, bit for bit, on the results AND on the caller's argument
// buffers after the run; a difference names the order, the buffer, the
// first differing element and both values, and the exit code is 1.
// The user ops of Inputs/runops.c hide a write from their schemas, so fx-dce
// erases them: the orders with fx-dce then differ from the run without
// passes, which is what the check must catch.
// RUN: rm -rf %t && mkdir -p %t

// A write into a non-donated argument that no result shows.
// RUN: not fx-run %s --entry=negative_scribble --shared-lib=%fx_lib/libfx_test_runops.so --check-passes --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SCRIBBLE
// SCRIBBLE: compile without fx passes: fx passes {{[0-9.]+}} ms
// SCRIBBLE-NEXT: compile with fx passes: fx passes {{[0-9.]+}} ms
// SCRIBBLE-NEXT: compile with fx passes (fix-noop-dce): fx passes {{[0-9.]+}} ms; same module as order noop-fix-dce, not run again
// SCRIBBLE-NEXT: compile with fx passes (fix): fx passes {{[0-9.]+}} ms; same module as order none, not run again
// SCRIBBLE-NEXT: compile with fx passes (noop): fx passes {{[0-9.]+}} ms; same module as order none, not run again
// SCRIBBLE-NEXT: compile with fx passes (twice): fx passes {{[0-9.]+}} ms; same module as order noop-fix-dce, not run again
// SCRIBBLE-NEXT: compile: fx-to-llvm {{[0-9.]+}} ms, JIT {{[0-9.]+}} ms (2 distinct modules)
// SCRIBBLE-NEXT: with fx passes: {{[0-9.]+}} ms,
// SCRIBBLE-NEXT: without fx passes: {{[0-9.]+}} ms,
// SCRIBBLE-NEXT: check-passes: 5 orders against none, 2 distinct modules run
// SCRIBBLE-NEXT: out0: bit-identical
// SCRIBBLE-NEXT: arg0: MISMATCH under noop-fix-dce, fix-noop-dce, twice: argument 0 after the run, element 3 [1, 1]: 42 (0x42280000) without fx passes, {{.*}} with
// SCRIBBLE-NEXT: arguments: 1 of 2 differ after the run
// SCRIBBLE: fx-run: error: --check-passes: 1 buffer differs from the run without fx passes (MISMATCH above; rerun one order with --check-passes --pass-order=NAME)

// One order: fix alone keeps the call, so it agrees; fix-noop-dce does not.
// RUN: fx-run %s --entry=negative_scribble --shared-lib=%fx_lib/libfx_test_runops.so --check-passes --pass-order=fix --output-dir=%t | FileCheck %s --check-prefix=FIX
// FIX: check-passes: 1 order against none, 1 distinct module run
// FIX-NEXT: out0: bit-identical
// FIX-NEXT: arguments: bit-identical after the run (2 compared, 1 of them written by the graph; 0 donated or !fx.sym, not compared)
// RUN: not fx-run %s --entry=negative_scribble --shared-lib=%fx_lib/libfx_test_runops.so --check-passes --pass-order=fix-noop-dce --output-dir=%t 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: arg0: MISMATCH under fix-noop-dce: argument 0 after the run, element 3 [1, 1]: 42 (0x42280000) without fx passes
// RUN: not fx-run %s --entry=negative_scribble --shared-lib=%fx_lib/libfx_test_runops.so --check-passes --pipeline='func.func(fx-dce)' --output-dir=%t 2>&1 | FileCheck %s --check-prefix=PIPE
// PIPE: compile with fx passes (pipeline): fx passes
// PIPE: arg0: MISMATCH under pipeline: argument 0 after the run

// A result differs too (and the argument's name comes from its loc).
// RUN: not fx-run %s --entry=negative_bump --shared-lib=%fx_lib/libfx_test_runops.so --check-passes --output-dir=%t 2>&1 | FileCheck %s --check-prefix=BUMP
// BUMP: out0: MISMATCH under noop-fix-dce, fix-noop-dce, twice: result 0, element 0 [0]: 42 (0x42280000) without fx passes, {{.*}} with
// BUMP-NEXT: arg0: MISMATCH under noop-fix-dce, fix-noop-dce, twice: argument 0 (%x) after the run, element 0 [0]: 42 (0x42280000) without fx passes, {{.*}} with
// BUMP-NEXT: arguments: 1 of 1 differ after the run
// BUMP: fx-run: error: --check-passes: 2 buffers differ from the run without fx passes

// In-place IR that writes a non-donated argument: every order writes it
// the same way, so the argument is compared and agrees.
// RUN: fx-run %s --entry=writes_argument --check-passes --output-dir=%t | FileCheck %s --check-prefix=WRITES
// WRITES: check-passes: 5 orders against none, 1 distinct module run
// WRITES-NEXT: out0: bit-identical
// WRITES-NEXT: arguments: bit-identical after the run (3 compared, 1 of them written by the graph; 0 donated or !fx.sym, not compared)

// Donated arguments belong to the function: fix-functionalization writes
// them in place where the run without passes writes copies, so they are
// not compared (the results are).
// RUN: fx-run %s --entry=donated --sym=s0=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=DONATED
// DONATED: check-passes: 5 orders against none, 2 distinct modules run
// DONATED-NEXT: out0: bit-identical
// DONATED-NEXT: out1: bit-identical
// DONATED-NEXT: arguments: bit-identical after the run (1 compared, 0 of them written by the graph; 3 donated or !fx.sym, not compared)

fx.schema "test::scribble" = "scribble(Tensor x) -> ()"
fx.schema "test::bump" = "bump(Tensor x) -> Tensor"

func.func @negative_scribble(%x: !fx.tensor<[2, 2], f32>, %y: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %v = fx.view %x, shape = [4] : !fx.tensor<[2, 2], f32> -> !fx.tensor<[4], f32>
  fx.call "test::scribble"(x = %v)
      : (!fx.tensor<[4], f32>)
      -> ()
  %c = fx.call "aten::clone"(self = %y)
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

func.func @negative_bump(%x: !fx.tensor<[4], f32> loc("x")) -> !fx.tensor<[4], f32> {
  %b = fx.call "test::bump"(x = %x)
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>
  %c = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

func.func @writes_argument(%out: !fx.tensor<[2, 8], f32>, %x: !fx.tensor<[2, 8], f32>, %w: !fx.tensor<[8], f32>) -> !fx.tensor<[2, 8], f32> {
  fx.call "_C::rms_norm"(result = %out, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 8], f32>, !fx.tensor<[8], f32>)
      -> ()
  %c = fx.call "aten::clone"(self = %out)
      : (!fx.tensor<[2, 8], f32>)
      -> !fx.tensor<[2, 8], f32>
  return %c : !fx.tensor<[2, 8], f32>
}

func.func @donated(%n: !fx.sym<"s0">, %x: !fx.tensor<["s0", 8], f16> {fx.donated}, %r: !fx.tensor<["s0", 8], f16> {fx.donated}, %w: !fx.tensor<[8], f16>) -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) {
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x, residual = %r, weight = %w)
      {epsilon = 1.0e-06 : f64}
      : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<[8], f16>)
      -> (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>)


  return %0#0, %0#1 : !fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>
}
