/* LowerPasses.c - the lowering's rows of the pass table (passes/PassTable.c
 * has the others, built the same way) and its pipelines. */
#include "fxir/FxLowering.h"
#include "Lower.h"
#include "PassInternal.h"

#include <string.h>
#include <threads.h>

static const FxPassInfo kPasses[] = {
    {"fx-lower-to-runtime", "FxLowerToRuntime",
     "Lower fx IR to memref IR and calls into the libfxrt runtime",
     "builtin.module", fxRunLowerToRuntime, true},
};

/* Pipelines: name, description, pass list. */
static const struct {
  const char *name, *description, *passes;
} kPipelines[] = {
    {"fx-to-llvm",
     "Lower fx IR to the LLVM dialect (fx-lower-to-runtime, then upstream)",
     "fx-lower-to-runtime,convert-scf-to-cf,expand-strided-metadata,"
     "lower-affine,convert-to-llvm,reconcile-unrealized-casts"},
};

MlirPass fxCreateLowerToRuntimePass(void) { return fxPassCreate(&kPasses[0]); }

const char *fxGetPipelineText(const char *name) {
  for (size_t i = 0; i < sizeof kPipelines / sizeof kPipelines[0]; ++i)
    if (strcmp(kPipelines[i].name, name) == 0)
      return kPipelines[i].passes;
  return NULL;
}

static void registerAll(void) {
  fxRegisterPasses();
  for (size_t i = 0; i < sizeof kPasses / sizeof kPasses[0]; ++i)
    fxRegisterExternalPass(&kPasses[i]);
  for (size_t i = 0; i < sizeof kPipelines / sizeof kPipelines[0]; ++i)
    fxRegisterPipeline(kPipelines[i].name, kPipelines[i].description,
                       kPipelines[i].passes);
}

void fxRegisterAllPasses(void) {
  static once_flag once = ONCE_FLAG_INIT;
  call_once(&once, registerAll);
}
