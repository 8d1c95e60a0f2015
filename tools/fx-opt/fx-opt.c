/* fx-opt - mlir-opt with the fx dialect and the fx passes built in.
 *
 * Every upstream dialect and pass is registered too, so one pipeline can mix
 * fx passes with canonicalize, cse or the lowering to LLVM. */
#include "fxir/Fx.h"
#include "FxOptShim.h"
#include "fxir/FxLowering.h"

#include "mlir-c/RegisterEverything.h"

int main(int argc, char **argv) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  mlirRegisterAllPasses();
  fxRegisterAllPasses();
  /* MLIR's parser recurses without a limit: deep text is an error or
   * fits the stack, never a stack overflow (Fx.h, "Text input" and
   * "Stacks"). */
  int rc = fxMlirOptMain(argc, argv, "fx modular optimizer driver", registry);
  mlirDialectRegistryDestroy(registry);
  return rc;
}
