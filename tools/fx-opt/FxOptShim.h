/* FxOptShim.h - mlir::MlirOptMain for C (no C API entry point exists). */
#ifndef FX_OPT_SHIM_H
#define FX_OPT_SHIM_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runs the mlir-opt driver (flags, pipelines, diagnostics) with `registry`
 * on input that passes fxTextNestingCheck, on fxRunOnDeepStack's stack;
 * returns the process exit code.  The registry stays owned by the caller. */
int fxMlirOptMain(int argc, char **argv, const char *toolName,
                  MlirDialectRegistry registry);

#ifdef __cplusplus
}
#endif

#endif /* FX_OPT_SHIM_H */
