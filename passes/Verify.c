/* Verify.c - the fx-verify pass: the C semantic verifier on one function. */
#include "PassInternal.h"

void fxRunVerify(MlirOperation func, MlirExternalPass pass) {
  if (mlirLogicalResultIsFailure(fxVerifyFunction(func, NULL)))
    mlirExternalPassSignalFailure(pass);
  else
    fxExternalPassPreserveAll(pass); /* it only looks */
}
