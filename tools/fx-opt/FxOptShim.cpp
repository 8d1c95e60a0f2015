//===- FxOptShim.cpp - MlirOptMain for fx-opt ----------------------------===//
//
// The steps of mlir::MlirOptMain(argc, argv, toolName, registry), with two
// of fxir's own between reading the input and parsing it (Fx.h, "Text
// input"): the nesting check, and a stack in proportion to the input for
// the rest.
#include "FxOptShim.h"
#include "fxir/Fx.h"

#include "mlir/CAPI/IR.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace {
struct OptJob {
  llvm::raw_ostream &os;
  std::unique_ptr<llvm::MemoryBuffer> input;
  mlir::DialectRegistry &registry;
  const mlir::MlirOptMainConfig &config;
};
} // namespace

extern "C" int fxMlirOptMain(int argc, char **argv, const char *toolName,
                             MlirDialectRegistry registry) {
  mlir::DialectRegistry &reg = *unwrap(registry);
  auto [inputName, outputName] =
      mlir::registerAndParseCLIOptions(argc, argv, toolName, reg);
  llvm::InitLLVM initLLVM(argc, argv);
  auto config = mlir::MlirOptMainConfig::createFromCLOptions();
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputName, outputName, reg));
  if (inputName == "-" &&
      llvm::sys::Process::FileDescriptorIsDisplayed(fileno(stdin)))
    llvm::errs() << "(processing input from stdin now, hit ctrl-c/ctrl-d to "
                    "interrupt)\n";
  std::string error;
  auto input = mlir::openInputFile(inputName, &error);
  if (!input) {
    llvm::errs() << error << "\n";
    return 1;
  }
  llvm::StringRef text = input->getBuffer();
  if (!fxTextNestingCheck(mlirStringRefCreate(text.data(), text.size()),
                          input->getBufferIdentifier().str().c_str()))
    return 1;
  auto output = mlir::openOutputFile(outputName, &error);
  if (!output) {
    llvm::errs() << error << "\n";
    return 1;
  }
  OptJob job{output->os(), std::move(input), reg, config};
  int rc = fxRunOnDeepStack(
      text.size(),
      [](void *p) {
        auto *j = static_cast<OptJob *>(p);
        return mlir::failed(mlir::MlirOptMain(j->os, std::move(j->input),
                                              j->registry, j->config))
                   ? 1
                   : 0;
      },
      &job);
  if (rc == 0)
    output->keep();
  return rc;
}
