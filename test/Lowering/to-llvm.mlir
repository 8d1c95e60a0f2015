// fx-to-llvm: fx-lower-to-runtime plus the upstream lowering, ending in the
// LLVM dialect only, translatable to LLVM IR with the runtime's C interface.
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce),fx-to-llvm)' | FileCheck %s
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(fx-to-llvm)' | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(fx-to-llvm)' | FileCheck %s

// CHECK-NOT: memref.
// CHECK-NOT: fx.
// CHECK: llvm.func @llama_layer
// CHECK-NOT: memref.
// CHECK-NOT: fx.
// CHECK: llvm.func @_mlir_ciface_fxrt__C__rms_norm(!llvm.ptr, !llvm.ptr, !llvm.ptr, f64)

// LLVMIR-DAG: declare void @_mlir_ciface_fxrt_alloc(ptr, i64)
// LLVMIR-DAG: declare void @_mlir_ciface_fxrt_copy(ptr, ptr)
// LLVMIR-DAG: declare void @_mlir_ciface_fxrt_vllm__unified_attention(ptr, ptr, ptr, ptr, i64)
// LLVMIR-DAG: define { { ptr, ptr, i64, [2 x i64], [2 x i64] }, { ptr, ptr, i64, [2 x i64], [2 x i64] } } @llama_layer(
