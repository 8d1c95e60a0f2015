/* FxVerifyCalls.c - calls between fx functions pass distinct storage.
 *
 * The passes treat each function argument as storage of its own: a write
 * into one argument is never a read or write of another (docs/passes.md,
 * "Storage and regions").  That is the contract of a post-grad graph's
 * inputs, and what fx-run and the AOT example pass.  Where a caller is
 * visible, a `func.call` that passes one storage (a value, or views of one
 * root) as two tensor arguments breaks it, so it is an error at the call
 * (the caller must clone one of them). */
#include "FxInternal.h"

#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <string.h>

static bool isCall(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 9 && memcmp(n.data, "func.call", 9) == 0;
}

/* `v` after walking up fx.slice / fx.reshape / fx.view. */
static MlirValue rootOf(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    FxOpKind k = fxOpGetKind(mlirOpResultGetOwner(v));
    if (k != FX_OP_SLICE && k != FX_OP_RESHAPE && k != FX_OP_VIEW)
      break;
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  }
  return v;
}

static MlirWalkResult checkCall(MlirOperation op, void *userData) {
  bool *failed = userData;
  if (!isCall(op))
    return MlirWalkResultAdvance;
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue a = mlirOperationGetOperand(op, i);
    if (!fxTypeIsATensor(mlirValueGetType(a)))
      continue;
    for (intptr_t j = i + 1; j < n; ++j) {
      MlirValue b = mlirOperationGetOperand(op, j);
      if (!fxTypeIsATensor(mlirValueGetType(b)) ||
          !mlirValueEqual(rootOf(a), rootOf(b)))
        continue;
      char msg[256];
      snprintf(msg, sizeof msg,
               "'func.call' op operands %d and %d share storage (views of one "
               "value): fx functions take distinct storage for each tensor "
               "argument; clone one of them",
               (int)i, (int)j);
      mlirEmitError(mlirOperationGetLocation(op), msg);
      *failed = true;
      return MlirWalkResultAdvance;
    }
  }
  return MlirWalkResultAdvance;
}

MlirLogicalResult fxVerifyFunctionCalls(MlirOperation func) {
  bool failed = false;
  mlirOperationWalk(func, checkCall, &failed, MlirWalkPreOrder);
  return failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
