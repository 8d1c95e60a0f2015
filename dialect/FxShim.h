//===- FxShim.h - what the dialect's C++ shims share ----------------------===//
// Internal to dialect/; C++ only.
#ifndef FX_SHIM_H
#define FX_SHIM_H

#include "mlir/IR/ExtensibleDialect.h"

// The DynamicOpDefinition IRDL registered for `opName` in `ctx`, or null
// (also for a null name).  The impl of a registered op name is its
// definition; the opaque pointer is the only public way to it
// (FxDialectShim.cpp).
mlir::DynamicOpDefinition *fxLookupDynamicOp(mlir::MLIRContext *ctx,
                                             const char *opName);

#endif // FX_SHIM_H
