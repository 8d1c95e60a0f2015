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

/* Liveness of the storage fx-lower-to-runtime allocates in one function
 * (lowering/Liveness.c): the tensors joined by ops that may return an alias
 * die together after their last use, and are freed there unless they hold
 * an argument or are returned.  fxLivenessCreate returns a new analysis of
 * `func` (a func.func of fx values) owned by the caller, who releases it
 * with fxLivenessDestroy; NULL when out of memory. */
typedef struct FxLiveness FxLiveness;
FxLiveness *fxLivenessCreate(MlirOperation func);
void fxLivenessDestroy(FxLiveness *liveness);
/* False when the body is not one block or a tensor is used inside a nested
 * region: then nothing dies before the end. */
bool fxLivenessIsPrecise(const FxLiveness *liveness);
/* The live-set bound: the largest sum of the bytes the lowering allocates
 * (one fxrt_alloc per new tensor) that are live at once, a tensor being
 * live from its op to its group's last use (to the end when its group holds
 * an argument or is returned).  `bytesOf` gives a tensor type's size in
 * bytes (false: unknown, and so is the bound). */
bool fxLivenessGetBound(FxLiveness *liveness,
                        bool (*bytesOf)(void *user, MlirType type, int64_t *bytes),
                        void *user, int64_t *bound);

/* Registers every fxir pass and pipeline (fxRegisterPasses, then the
 * lowering's) with MLIR's global pass registry.  Idempotent. */
void fxRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* FX_LOWERING_H */
