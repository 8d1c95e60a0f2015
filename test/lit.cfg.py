# lit configuration of the fxir suite (check-fx).
import os
import subprocess
import sys

import lit.formats

config.name = "fxir"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".c", ".cu", ".test"]
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
config.substitutions.append(("%python", sys.executable))

# `tcmalloc`: fx-opt, fx-import and fx-export link it (tools/CMakeLists.txt).
if config.fx_tools_allocator == "tcmalloc":
    config.available_features.add("tcmalloc")

# `cpu-avx512`: this CPU (and kernel) runs libfxrt's AVX-512 loops
# (kernels/cpu/rowops_avx512.c needs F, BW, VL and DQ).
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l.split(":", 1)[1].split() for l in f
                      if l.startswith("flags")), [])
    if all(x in flags for x in ("avx512f", "avx512bw", "avx512vl", "avx512dq",
                                "avx2", "f16c")):
        config.available_features.add("cpu-avx512")
except OSError:
    pass

# CUDA: `cuda` when libfxrt has its CUDA kernels (FX_CUDA); `cuda-device`
# when, in addition, it can use a GPU in this process (asked of libfxrt
# itself through fx-cuda-probe); `cuobjdump` when the toolkit has that tool.
if config.fx_cuda:
    config.available_features.add("cuda")
    # The probe says why a GPU is (not) usable; `lit -Dfx_require_cuda=1`
    # makes an unusable one an error instead of UNSUPPORTED GPU tests.
    try:
        probe = subprocess.run([os.path.join(bindir, "fx-cuda-probe")],
                               capture_output=True, text=True, timeout=120)
        status = (probe.stdout.strip() or probe.stderr.strip()
                  or "fx-cuda-probe exited %d" % probe.returncode)
        if probe.returncode == 0:
            config.available_features.add("cuda-device")
    except (OSError, subprocess.TimeoutExpired) as e:
        status = "fx-cuda-probe did not run: %s" % e
    lit_config.note("GPU: " + status)
    if (lit_config.params.get("fx_require_cuda", "0") not in ("0", "")
            and "cuda-device" not in config.available_features):
        lit_config.fatal("fx_require_cuda is set but no GPU is usable: " + status)
    if config.fx_cuobjdump and os.path.isfile(config.fx_cuobjdump):
        config.available_features.add("cuobjdump")
        config.substitutions.append(("%cuobjdump", config.fx_cuobjdump))
# The build directory itself (test/Fuzz passes it to bench/fuzz).
config.substitutions.append(("%fx_obj", config.fx_obj_root))
