/* FxPasses.h - the passes of passes/ (libFxPasses): constructors and
 * registration.  The lowering's are in FxLowering.h (libFxLowering).
 *
 * Every pass is one row of the table in passes/PassTable.c; that table
 * drives registration (fx-opt, the mlir-opt plugin) and the constructors
 * below.
 * A constructor returns a new pass owned by the caller until it is added to a
 * pass manager (mlirOpPassManagerAddOwnedPass), which then owns it.
 */
#ifndef FX_PASSES_H
#define FX_PASSES_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fx-verify (func.func): the semantic verifier of DESIGN §2 as a pass. */
MlirPass fxCreateVerifyPass(void);

/* fx-noop-elimination (func.func): removes no-op reshape/view/slice and
 * full-cover slice_scatter ops (docs/passes.md). */
MlirPass fxCreateNoOpEliminationPass(void);

/* fx-fix-functionalization (func.func): fx.auto_functionalized -> in-place
 * fx.call, cloning only operands that cannot be written in place, and
 * scatter-back elimination (docs/passes.md). */
MlirPass fxCreateFixFunctionalizationPass(void);

/* fx-dce (func.func): erases fx ops whose results are unused and whose
 * writes nobody observes, using the op schemas. */
MlirPass fxCreateDeadCodePass(void);

/* Registers the passes of this table with MLIR's global pass registry so
 * that textual pipelines (--pass-pipeline, mlirParsePassPipeline) and --help
 * see them.  Idempotent.  fxRegisterAllPasses (FxLowering.h) registers
 * these and the lowering's. */
void fxRegisterPasses(void);

/* The table, for tools and tests: number of passes and the i-th pass's
 * pipeline argument ("fx-verify"), or NULL when out of range. */
int fxGetNumPasses(void);
const char *fxGetPassArgument(int i);
/* A new pass by pipeline argument; null pass when unknown. */
MlirPass fxCreatePassByArgument(const char *argument);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_H */
