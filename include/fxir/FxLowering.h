/* FxLowering.h - the lowering of fx IR (libFxLowering): its passes,
 * pipelines and registration.
 *
 * A constructor returns a new pass owned by the caller until it is added to
 * a pass manager (mlirOpPassManagerAddOwnedPass), which then owns it. */
#ifndef FX_LOWERING_H
#define FX_LOWERING_H

#include "fxir/FxPasses.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fx-lower-to-runtime (builtin.module): fx IR -> memref/arith/scf IR and
 * calls into libfxrt (kernels/fxrt.h); see docs/runtime.md. */
MlirPass fxCreateLowerToRuntimePass(void);

/* The pass list of a registered pipeline ("fx-to-llvm"), for
 * mlirOpPassManagerAddPipeline; NULL when unknown. */
const char *fxGetPipelineText(const char *name);

/* Registers every fxir pass and pipeline (fxRegisterPasses, then the
 * lowering's) with MLIR's global pass registry.  Idempotent. */
void fxRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* FX_LOWERING_H */
