# lit configuration of the fxir suite (check-fx).
import os

import lit.formats

config.name = "fxir"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".c"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.fx_obj_root, "test")

# Our tools first, then LLVM 22's (FileCheck, not, mlir-opt): never a
# FileCheck or mlir-opt of another LLVM version that happens to be on PATH.
bindir = os.path.join(config.fx_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [bindir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# DESIGN §7: captures must not leak between CHECK-LABEL blocks.
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"

plugin = os.path.join(config.fx_obj_root, "lib", "libFxPlugin.so")
config.substitutions.append(("%fx_plugin", plugin))

# Stock mlir-opt is not built with ASan: under FX_SANITIZE the sanitizer
# runtime must be preloaded for it to load our instrumented plugin.
mlir_opt = "mlir-opt"
if config.fx_sanitize:
    mlir_opt = "env LD_PRELOAD=%s ASAN_OPTIONS=detect_leaks=0 mlir-opt" % config.fx_asan_runtime
    config.available_features.add("sanitize")
config.substitutions.append(("%mlir_opt", mlir_opt))
config.substitutions.append(("%fx_src", config.fx_src_root))
config.substitutions.append(("%fx_lib", os.path.join(config.fx_obj_root, "lib")))
