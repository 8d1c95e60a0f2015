// The example layer lowered: after the fx passes no runtime copy is left and
// every allocation is a fresh tensor (2 buffers + 4 matmul outputs + the
// attention output); without them, functionalization's clones and the
// scatters copy.
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce),fx-lower-to-runtime)' | FileCheck %s --check-prefix=PASSES
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce),fx-lower-to-runtime)' | grep -c 'call @fxrt_alloc' | FileCheck %s --check-prefix=SEVEN
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s --check-prefix=NOPASSES
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(fx-lower-to-runtime)' | grep -c 'call @fxrt_copy' | FileCheck %s --check-prefix=TEN

// PASSES-LABEL: func.func @llama_layer
// PASSES-NOT: call @fxrt_copy
// PASSES: call @fxrt__C__rms_norm
// PASSES-NOT: call @fxrt_copy
// PASSES: call @fxrt__C__rotary_embedding
// PASSES-NOT: call @fxrt_copy
// PASSES: call @fxrt_vllm__unified_attention
// PASSES-NOT: call @fxrt_copy
// PASSES: call @fxrt__C__fused_add_rms_norm
// PASSES-NOT: call @fxrt_copy
// PASSES: call @fxrt__C__silu_and_mul
// PASSES-NOT: call @fxrt_copy
// PASSES: return
// SEVEN: {{^}}7{{$}}

// NOPASSES-LABEL: func.func @llama_layer
// NOPASSES: call @fxrt_copy
// NOPASSES: call @fxrt__C__rms_norm
// TEN: {{^}}10{{$}}
