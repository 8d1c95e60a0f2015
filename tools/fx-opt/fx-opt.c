/* fx-opt - mlir-opt with the fx dialect and the fx passes built in.
 *
 * Every upstream dialect and pass is registered too, so one pipeline can mix
 * fx passes with canonicalize, cse or the lowering to LLVM. */
#include "fxir/Fx.h"
#include "FxOptShim.h"
#include "fxir/FxLowering.h"

#include "mlir-c/RegisterEverything.h"

typedef struct Args {
  int argc;
  char **argv;
} Args;

static int run(void *p) {
  Args *a = p;
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  mlirRegisterAllPasses();
  fxRegisterAllPasses();
  /* MLIR's parser recurses without a limit: deep text is an error or
   * fits the stack, never a stack overflow (Fx.h, "Text input" and
   * "Stacks"). */
  int rc = fxMlirOptMain(a->argc, a->argv, "fx modular optimizer driver",
                         registry);
  mlirDialectRegistryDestroy(registry);
  return rc;
}

int main(int argc, char **argv) {
  /* Registration alone takes more stack than some limits leave the main
   * thread (a TOSA pass's constructor: `ulimit -s 96` crashed it, an
   * adversary's case), so all of it runs on a stack of 8 MB of its own,
   * the parse on one in proportion to the input within it.  Without a
   * message: fxir's SIGSEGV handler is installed by the parse's stack,
   * after InitLLVM's (FxOptShim.cpp), so that an overflow there is
   * fxir's error and not LLVM's crash report (another adversary's case). */
  Args a = {argc, argv};
  return fxRunOnStack((size_t)8 << 20, NULL, run, &a);
}
