//===- PassShim.cpp - pass registration and a tracking rewriter for C ----===//
//
// The C API can create passes but not register them globally; textual
// pipelines and --help need the registry.  Nor can it give an IRRewriter a
// listener, which the rewrite driver needs (Driver.c), or let a pass say
// that it preserved every analysis.  No logic here (DESIGN §1).
//
//===----------------------------------------------------------------------===//

#include "PassInternal.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Rewrite.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/IR/PatternMatch.h"

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

namespace {
/// Pass::markAllAnalysesPreserved is protected; a pointer to it named
/// through a derived class is the standard way to call it on any pass.
struct PreserveAll : mlir::Pass {
  static constexpr void (mlir::Pass::*mark)() =
      &PreserveAll::markAllAnalysesPreserved;
};
} // namespace

extern "C" void fxExternalPassPreserveAll(MlirExternalPass pass) {
  // The C API's MlirExternalPass is its ExternalPass, whose one base is
  // mlir::Pass (mlir/lib/CAPI/IR/Pass.cpp).
  auto *p = static_cast<mlir::Pass *>(pass.ptr);
  (p->*PreserveAll::mark)();
}

namespace {
/// An IRRewriter whose listener reports to C each op about to be erased
/// and each op inserted or moved (the C API's IRRewriter takes no
/// listener); the driver keeps its sweep list with them (Driver.c).
struct TrackingRewriter final : mlir::RewriterBase::Listener {
  TrackingRewriter(mlir::MLIRContext *ctx, FxEraseCallback onErase,
                   FxInsertCallback onInsert, void *userData)
      : rewriter(ctx, this), onErase(onErase), onInsert(onInsert),
        userData(userData) {}
  void notifyOperationErased(mlir::Operation *op) override {
    onErase(wrap(op), userData);
  }
  void notifyOperationInserted(mlir::Operation *op,
                               mlir::OpBuilder::InsertPoint) override {
    onInsert(wrap(op), userData);
  }
  mlir::IRRewriter rewriter;
  FxEraseCallback onErase;
  FxInsertCallback onInsert;
  void *userData;
};
} // namespace

extern "C" MlirRewriterBase fxTrackingRewriterCreate(MlirContext ctx,
                                                     FxEraseCallback onErase,
                                                     FxInsertCallback onInsert,
                                                     void *userData) {
  auto *t = new TrackingRewriter(unwrap(ctx), onErase, onInsert, userData);
  return wrap(static_cast<mlir::RewriterBase *>(&t->rewriter));
}

extern "C" void fxTrackingRewriterDestroy(MlirRewriterBase rewriter) {
  auto *rw = static_cast<mlir::IRRewriter *>(unwrap(rewriter));
  delete static_cast<TrackingRewriter *>(rw->getListener());
}
