//===- FxOptShim.cpp - MlirOptMain for fx-opt ----------------------------===//
#include "FxOptShim.h"

#include "mlir/CAPI/IR.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

extern "C" int fxMlirOptMain(int argc, char **argv, const char *toolName,
                             MlirDialectRegistry registry) {
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, toolName, *unwrap(registry)));
}
