// Ahead of time: fx-opt lowers a graph to LLVM, llvm-22's mlir-translate and
// llc make an object file, and a C program links it with libfxrt (the flow
// the README shows).
// The C program is built without sanitizers; an instrumented libfxrt needs them.
// UNSUPPORTED: sanitize
// RUN: fx-opt %fx_src/examples/aot/rms_norm.mlir --pass-pipeline='builtin.module(func.func(fx-fix-functionalization),fx-to-llvm)' | mlir-translate --mlir-to-llvmir | llc -O2 -filetype=obj -relocation-model=pic -o %t.o
// RUN: cc -I%fx_src/kernels %fx_src/examples/aot/main.c %t.o -L%fx_lib -lfxrt -Wl,-rpath,%fx_lib -lm -o %t.exe
// RUN: %t.exe | FileCheck %s
// CHECK: aot: ok, 1 allocations, 0 copies
