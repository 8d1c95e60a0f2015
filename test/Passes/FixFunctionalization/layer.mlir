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
// CHECK: %[[BUF1:.*]] = "fx.call"(%[[HIDDEN]]) {{.*}}target = "aten::empty_like"
// CHECK-NEXT: "fx.call"(%[[BUF1]], %[[HIDDEN]], {{.*}}target = "_C::rms_norm"
// CHECK-NEXT: %[[QKV:.*]] = "fx.call"(%[[BUF1]], {{.*}}target = "aten::mm"
// CHECK-NEXT: %[[Q:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 4096 : i64, start = 0 : i64
// CHECK-NEXT: %[[K:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 5120 : i64, start = 4096 : i64
// CHECK-NEXT: "fx.call"(%{{[^,]*}}, %[[Q]], %[[K]], {{.*}}target = "_C::rotary_embedding"
// CHECK-NEXT: %[[Q2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 4096
// CHECK-NEXT: %[[K2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 5120
// CHECK-NEXT: %[[V2:.*]] = "fx.slice"(%[[QKV]]) {dim = 1 : i64, end = 6144
// CHECK-NEXT: %[[ATTN:.*]] = "fx.call"(%[[Q2]], %[[K2]], %[[V2]]) {{.*}}target = "vllm::unified_attention"
// CHECK-NEXT: %[[O:.*]] = "fx.call"(%[[ATTN]], {{.*}}target = "aten::mm"
// CHECK-NEXT: "fx.call"(%[[O]], %[[RESIDUAL]], {{.*}}target = "_C::fused_add_rms_norm"
// CHECK-NEXT: %[[GU:.*]] = "fx.call"(%[[O]], {{.*}}target = "aten::mm"
// CHECK-NEXT: %[[BUF2:.*]] = "fx.call"() {{.*}}target = "aten::empty"
// CHECK-NEXT: "fx.call"(%[[BUF2]], %[[GU]]) {{.*}}target = "_C::silu_and_mul"
// CHECK-NEXT: %[[DOWN:.*]] = "fx.call"(%[[BUF2]], {{.*}}target = "aten::mm"
// CHECK-NEXT: return %[[DOWN]], %[[RESIDUAL]]

// DCE-LABEL: func.func @llama_layer
// DCE: target = "_C::rms_norm"
// DCE: target = "_C::rotary_embedding"
// DCE: target = "vllm::unified_attention"
// DCE: target = "_C::fused_add_rms_norm"
// DCE: target = "_C::silu_and_mul"
// DCE: return
