/* PassInternal.h - what the pass files and the pass table share. */
#ifndef FX_PASS_INTERNAL_H
#define FX_PASS_INTERNAL_H

#include "fxir/Fx.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Rewrite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the pass table (PassTable.c). */
typedef struct FxPassInfo {
  const char *argument;    /* pipeline name, "fx-verify"               */
  const char *name;        /* display name, "FxVerify"                 */
  const char *description; /* one line for --help                      */
  const char *anchor;      /* op the pass runs on, "func.func"         */
  void (*run)(MlirOperation op, MlirExternalPass pass);
  bool lowers;             /* creates func/memref/arith/scf ops        */
} FxPassInfo;

/* A new external pass for `info`. */
MlirPass fxPassCreate(const FxPassInfo *info);

/* mlir::registerPass for `info` (PassShim.cpp: no C API entry point). */
void fxRegisterExternalPass(const FxPassInfo *info);

/* First thing in every fx pass: verifies `func` (DESIGN §2); on failure
 * signals pass failure and returns false. */
bool fxPassBegin(MlirOperation func, MlirExternalPass pass,
                 FxSchemaTable *table);

/* fxPassBegin, then whether `func` is straight-line code as far as fx
 * values go (one block; no fx op or fx value inside a nested region): when
 * it is not, a remark at the first such op says the rewriting passes leave
 * the function alone, and this returns false without failing the pass. */
bool fxPassBeginRewrite(MlirOperation func, MlirExternalPass pass,
                        FxSchemaTable *table);

/* The body of a pattern: rewrites `op` and succeeds, or fails to match. */
typedef MlirLogicalResult (*FxMatchAndRewrite)(MlirRewritePattern pattern,
                                               MlirOperation op,
                                               MlirPatternRewriter rewriter,
                                               void *userData);

/* How patterns are applied: the greedy driver (to a fixpoint) visiting ops
 * first in program order or in reverse, or one walk over the ops
 * (mlirWalkAndApplyPatterns: each op once, modified ops not revisited). */
typedef enum FxOrder { FX_TOP_DOWN, FX_BOTTOM_UP, FX_ONE_WALK } FxOrder;

/* Applies `fn` as one pattern per op kind in `roots` to `op` with the greedy
 * driver, folding, constant CSE and region simplification off; signals pass
 * failure if it does not converge. */
void fxApplyPatterns(MlirOperation op, MlirExternalPass pass,
                     const FxOpKind *roots, size_t numRoots,
                     FxMatchAndRewrite fn, void *userData, FxOrder order);

/* Prints `op`'s location ("loc(...)") into `out` (cap bytes, truncated). */
void fxLocationString(MlirOperation op, char *out, size_t cap);
/* The same for a location ("an unknown place" for a null one). */
void fxLocString(MlirLocation loc, char *out, size_t cap);

/* Run functions, one per pass file. */
void fxRunVerify(MlirOperation func, MlirExternalPass pass);
void fxRunNoOpElimination(MlirOperation func, MlirExternalPass pass);
void fxRunFixFunctionalization(MlirOperation func, MlirExternalPass pass);
void fxRunDeadCode(MlirOperation func, MlirExternalPass pass);

/* mlir::PassPipelineRegistration of `name` as the pass list `pipeline`
 * (PassShim.cpp). */
void fxRegisterPipeline(const char *name, const char *description,
                        const char *pipeline);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASS_INTERNAL_H */
