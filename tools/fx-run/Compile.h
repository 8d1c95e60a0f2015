/* Compile.h - fx-run's compilation: the pass orders, one JIT for all.
 *
 * Each order is applied to its own copy of the module and the result
 * printed; an order whose text equals an earlier one's is the same program
 * and is not compiled or run again.  The distinct modules are then merged
 * into one (each one's functions renamed apart), lowered by fx-to-llvm once
 * and JIT-compiled once: per-module costs of the JIT (target machine,
 * session, linking libfxrt) are paid once, not once per order.  Every entry
 * point is looked up, which compiles the code, before anything runs, so no
 * run is timed with compilation in it.
 *
 * Functions the entry does not reference are dropped first: a file of
 * twenty test functions compiles only the one it runs.
 */
#ifndef FX_RUN_COMPILE_H
#define FX_RUN_COMPILE_H

#include "Options.h"

#include "mlir-c/ExecutionEngine.h"
#include "mlir-c/IR.h"

typedef struct FxRunVariant {
  const FxRunOrder *order;
  char *text; /* the module after the order's passes (owned) */
  size_t len;
  int sameAs;             /* an earlier variant with the same text, or -1 */
  void (*fn)(void **);    /* the packed C-interface entry point */
  double passMs;
  int64_t boundBytes; /* the live-set bound of its tensors (-1: unknown) */
  char names[512]; /* the orders that gave this module: "noop-fix-dce, twice" */
} FxRunVariant;

typedef struct FxRunProgram {
  FxRunVariant *variants;
  int numVariants, numDistinct;
  MlirExecutionEngine jit;
  double lowerMs, jitMs;
} FxRunProgram;

/* Compiles `module`'s function `entry` under each of `orders`, printing one
 * line per order and one for the lowering and JIT; exits with a message when
 * a pass, the lowering or the JIT fails.  `module` is pruned in place. */
FxRunProgram fxRunCompile(const FxRunOptions *o, MlirModule module,
                          MlirOperation entry, const FxRunOrder *const *orders,
                          int numOrders);
void fxRunProgramDestroy(FxRunProgram *p);

#endif /* FX_RUN_COMPILE_H */
