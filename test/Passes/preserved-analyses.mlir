// A pass run that changes nothing tells the pass manager it preserved every
// analysis (fxExternalPassPreserveAll), so MLIR keeps them and skips the
// verifier after it, as it does for its own passes.  Seen in the timing
// tree: CSE computes DominanceInfo again only after a pass that did not
// preserve it.  Here fx-dce, fx-noop-elimination and fx-verify change
// nothing; fx-fix-functionalization does not claim it.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(cse,fx-dce,cse,fx-noop-elimination,cse,fx-verify,cse,fx-fix-functionalization,cse))' --mlir-timing --mlir-timing-display=tree -o /dev/null 2>&1 | FileCheck %s
// A run that rewrites (fx-dce erases the dead slice, fx-noop-elimination
// replaces the identity reshape, now returned) does not claim it.
// RUN: sed -e 's|// DEAD: ||' -e 's|return %y :|return %back :|' %s | fx-opt --pass-pipeline='builtin.module(func.func(cse,fx-dce,cse,fx-noop-elimination,cse))' --mlir-timing --mlir-timing-display=tree -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHANGED

// CHECK:      {{^ +[0-9.]+ \( *[0-9.]+%\)    CSE$}}
// CHECK-NEXT: (A) DominanceInfo
// CHECK-NEXT: FxDeadCode
// CHECK-NEXT: CSE
// CHECK-NEXT: FxNoOpElimination
// CHECK-NEXT: CSE
// CHECK-NEXT: FxVerify
// CHECK-NEXT: CSE
// CHECK-NEXT: FxFixFunctionalization
// CHECK-NEXT: CSE
// CHECK-NEXT: (A) DominanceInfo

// CHANGED:      {{^ +[0-9.]+ \( *[0-9.]+%\)    CSE$}}
// CHANGED-NEXT: (A) DominanceInfo
// CHANGED-NEXT: FxDeadCode
// CHANGED-NEXT: CSE
// CHANGED-NEXT: (A) DominanceInfo
// CHANGED-NEXT: FxNoOpElimination
// CHANGED-NEXT: CSE
// CHANGED-NEXT: (A) DominanceInfo

func.func @unchanged(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32> {
  %y = fx.call "aten::relu"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  // DEAD: %dead = fx.slice %y, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  // DEAD: %back = fx.reshape %y, shape = [4, 8] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 8], f32>
  return %y : !fx.tensor<[4, 8], f32>
}
