// A full LLaMA-style layer (examples/llama_layer.mlir): rms_norm -> qkv mm ->
// q/k/v slices -> rotary with slice_scatter write-back -> attention -> o_proj
// -> fused_add_rms_norm -> gate_up -> silu_and_mul -> down.  Both pass
// orders give the same in-place calls; no auto_functionalized, no
// slice_scatter, no clone is left; every read of q/k/v is a slice of the qkv
// buffer.  Later canonicalize, cse and fx-dce remove none of the calls.
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization))' > %t.noop-fix
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-fix-functionalization,fx-noop-elimination))' > %t.fix-noop
// RUN: diff %t.noop-fix %t.fix-noop
// RUN: FileCheck %s < %t.noop-fix
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-noop-elimination,fx-fix-functionalization))' | diff %t.noop-fix -
// RUN: fx-opt %fx_src/examples/llama_layer.mlir --pass-pipeline='builtin.module(func.func(fx-fix-functionalization),canonicalize,cse,func.func(fx-dce))' | FileCheck %s --check-prefix=DCE

// CHECK-LABEL: func.func @llama_layer
// CHECK-SAME: (%[[HIDDEN:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[RESIDUAL:[^:]*]]: !fx.tensor<["s0", 4096], f16> {fx.donated}
// CHECK-NOT: fx.auto_functionalized
// CHECK-NOT: fx.slice_scatter
// CHECK-NOT: aten::clone
// CHECK: %[[BUF1:.*]] = fx.call "aten::empty_like"(self = %[[HIDDEN]])
// CHECK-NEXT: fx.call "_C::rms_norm"(result = %[[BUF1]], input = %[[HIDDEN]],
// CHECK-NEXT: %[[QKV:.*]] = fx.call "aten::mm"(self = %[[BUF1]],
// CHECK-NEXT: %[[Q:.*]] = fx.slice %[[QKV]], dim = 1, start = 0, end = 4096,
// CHECK-NEXT: %[[K:.*]] = fx.slice %[[QKV]], dim = 1, start = 4096, end = 5120,
// CHECK-NEXT: fx.call "_C::rotary_embedding"(positions = %{{[^,]*}}, query = %[[Q]], key = %[[K]],
// CHECK-NEXT: %[[Q2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 4096
// CHECK-NEXT: %[[K2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 5120
// CHECK-NEXT: %[[V2:.*]] = fx.slice %[[QKV]], dim = 1, start = {{[^,]+}}, end = 6144
// CHECK-NEXT: %[[ATTN:.*]] = fx.call "vllm::unified_attention"(query = %[[Q2]], key = %[[K2]], value = %[[V2]])
// CHECK-NEXT: %[[O:.*]] = fx.call "aten::mm"(self = %[[ATTN]],
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm"(input = %[[O]], residual = %[[RESIDUAL]],
// CHECK-NEXT: %[[GU:.*]] = fx.call "aten::mm"(self = %[[O]],
// CHECK-NEXT: %[[BUF2:.*]] = fx.call "aten::empty"()
// CHECK-NEXT: fx.call "_C::silu_and_mul"(result = %[[BUF2]], input = %[[GU]])
// CHECK-NEXT: %[[DOWN:.*]] = fx.call "aten::mm"(self = %[[BUF2]],
// CHECK-NEXT: return %[[DOWN]], %[[RESIDUAL]]

// DCE-LABEL: func.func @llama_layer
// DCE: "_C::rms_norm"(
// DCE: "_C::rotary_embedding"(
// DCE: "vllm::unified_attention"(
// DCE: "_C::fused_add_rms_norm"(
// DCE: "_C::silu_and_mul"(
// DCE: return
