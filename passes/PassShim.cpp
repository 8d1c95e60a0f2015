//===- PassShim.cpp - mlir::registerPass for C passes ---------------------===//
//
// The C API can create passes but not register them globally; textual
// pipelines and --help need the registry.  No logic here (DESIGN §1).
//
//===----------------------------------------------------------------------===//

#include "PassInternal.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

extern "C" void fxRegisterExternalPass(const FxPassInfo *info) {
  mlir::registerPass([info]() -> std::unique_ptr<mlir::Pass> {
    return std::unique_ptr<mlir::Pass>(unwrap(fxPassCreate(info)));
  });
}

extern "C" void fxRegisterPipeline(const char *name, const char *description,
                                   const char *pipeline) {
  std::string text = pipeline;
  mlir::PassPipelineRegistration<>(
      name, description, [text](mlir::OpPassManager &pm) {
        // The text is ours and tested; a parse error is reported by MLIR.
        (void)mlir::parsePassPipeline(text, pm);
      });
}
