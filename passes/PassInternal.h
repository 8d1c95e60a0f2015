/* PassInternal.h - what the pass files and the pass table share. */
#ifndef FX_PASS_INTERNAL_H
#define FX_PASS_INTERNAL_H

#include "Fx.h"
#include "mlir-c/Pass.h"

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
} FxPassInfo;

/* A new external pass for `info`. */
MlirPass fxPassCreate(const FxPassInfo *info);

/* mlir::registerPass for `info` (PassShim.cpp: no C API entry point). */
void fxRegisterExternalPass(const FxPassInfo *info);

/* Run functions, one per pass file. */
void fxRunVerify(MlirOperation func, MlirExternalPass pass);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASS_INTERNAL_H */
