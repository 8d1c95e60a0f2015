//===- FxPluginShim.cpp - mlir-opt dialect and pass plugin entry points ---===//
//
// The plugin ABI is two C++ structs; they forward to the C registration
// functions that fx-opt uses too, so both tools see the same dialect/passes.
//
//===----------------------------------------------------------------------===//

#include "fxir/Fx.h"
#include "fxir/FxLowering.h"

#include "mlir/CAPI/IR.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "fx", "0.1",
          [](mlir::DialectRegistry *registry) {
            fxDialectRegistryInsert(wrap(registry));
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "fx", "0.1", [] { fxRegisterAllPasses(); }};
}
