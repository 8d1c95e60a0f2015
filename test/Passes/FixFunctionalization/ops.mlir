// Every vLLM target of FixFunctionalizationPass's seed, schema-driven: each
// fx.auto_functionalized becomes an in-place fx.call of the same target with
// the same operands, arg_names and args; each mutated result is its operand.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// CHECK-LABEL: func.func @rms_norm
// CHECK: %[[BUF:.*]] = "fx.call"(%{{.*}}) {arg_names = ["self"]
// CHECK-NEXT: "fx.call"(%[[BUF]], %{{[^,]*}}, %{{[^)]*}}) {arg_names = ["result", "input", "weight"], args = {epsilon = 9.9999999999999995E-7 : f64}
// CHECK-SAME: target = "_C::rms_norm"
// CHECK-SAME: -> ()
// CHECK-NEXT: return %[[BUF]]
func.func @rms_norm(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0 = "fx.auto_functionalized"(%buf, %x, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @fused_add_rms_norm
// CHECK: %[[IN:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK: %[[RES:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: "fx.call"(%[[IN]], %[[RES]], %{{[^)]*}}) {arg_names = ["input", "residual", "weight"]
// CHECK-SAME: target = "_C::fused_add_rms_norm"
// CHECK-NEXT: return %[[IN]], %[[RES]]
func.func @fused_add_rms_norm(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %res = "fx.call"(%r) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%in, %res, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @rms_norm_static_fp8_quant
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK-NEXT: "fx.call"(%[[BUF]], {{.*}}target = "_C::rms_norm_static_fp8_quant"
// CHECK-NEXT: return %[[BUF]]
func.func @rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN> {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {dtype = f8E4M3FN}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %0 = "fx.auto_functionalized"(%buf, %x, %w, %scale) {target = "_C::rms_norm_static_fp8_quant", arg_names = ["result", "input", "weight", "scale"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 4096], f8E4M3FN>
}

// CHECK-LABEL: func.func @fused_add_rms_norm_static_fp8_quant
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK: %[[RES:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: "fx.call"(%[[BUF]], %{{[^,]*}}, %[[RES]], {{.*}}target = "_C::fused_add_rms_norm_static_fp8_quant"
// CHECK-NEXT: return %[[BUF]], %[[RES]]
func.func @fused_add_rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>, %scale: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>) {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {dtype = f8E4M3FN}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %res = "fx.call"(%r) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%buf, %x, %res, %w, %scale) {target = "_C::fused_add_rms_norm_static_fp8_quant", arg_names = ["result", "input", "residual", "weight", "scale"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>
}

// With the optional mutated residual present: three mutated results.
// CHECK-LABEL: func.func @rms_norm_dynamic_per_token_quant
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK: %[[SCALE:.*]] = "fx.call"
// CHECK: %[[RES:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: "fx.call"(%[[BUF]], %{{[^,]*}}, %{{[^,]*}}, %[[SCALE]], %[[RES]]) {{.*}}target = "_C::rms_norm_dynamic_per_token_quant"
// CHECK-NEXT: return %[[BUF]], %[[SCALE]], %[[RES]]
func.func @rms_norm_dynamic_per_token_quant(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>) {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {dtype = f8E4M3FN}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %scale = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 1], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : () -> !fx.tensor<["s0", 1], f32>
  %res = "fx.call"(%r) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:3 = "fx.auto_functionalized"(%buf, %x, %w, %scale, %res) {target = "_C::rms_norm_dynamic_per_token_quant", arg_names = ["result", "input", "weight", "scale", "residual"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1, %0#2 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>
}

// Without the optional residual: two mutated results.
// CHECK-LABEL: func.func @rms_norm_dynamic_per_token_quant_no_residual
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK: %[[SCALE:.*]] = "fx.call"
// CHECK-NEXT: "fx.call"(%[[BUF]], %{{[^,]*}}, %{{[^,]*}}, %[[SCALE]]) {arg_names = ["result", "input", "weight", "scale"]
// CHECK-NEXT: return %[[BUF]], %[[SCALE]]
func.func @rms_norm_dynamic_per_token_quant_no_residual(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>) {
  %buf = "fx.call"(%x) {target = "aten::empty_like", arg_names = ["self"], args = {dtype = f8E4M3FN}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %scale = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 1], dtype = f32}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : () -> !fx.tensor<["s0", 1], f32>
  %0:2 = "fx.auto_functionalized"(%buf, %x, %w, %scale) {target = "_C::rms_norm_dynamic_per_token_quant", arg_names = ["result", "input", "weight", "scale"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<["s0", 1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>
}

// CHECK-LABEL: func.func @silu_and_mul
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK-NEXT: "fx.call"(%[[BUF]], %{{[^)]*}}) {arg_names = ["result", "input"]{{.*}}target = "_C::silu_and_mul"
// CHECK-NEXT: return %[[BUF]]
func.func @silu_and_mul(%x: !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 4096], dtype = f16}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : () -> !fx.tensor<["s0", 4096], f16>
  %0 = "fx.auto_functionalized"(%buf, %x) {target = "_C::silu_and_mul", arg_names = ["result", "input"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @silu_and_mul_quant
// CHECK: %[[BUF:.*]] = "fx.call"
// CHECK-NEXT: "fx.call"(%[[BUF]], {{.*}}target = "_C::silu_and_mul_quant"
// CHECK-NEXT: return %[[BUF]]
func.func @silu_and_mul_quant(%x: !fx.tensor<["s0", 8192], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN> {
  %buf = "fx.call"() {target = "aten::empty", arg_names = [], args = {size = ["s0", 4096], dtype = f8E4M3FN}, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : () -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %0 = "fx.auto_functionalized"(%buf, %x, %scale) {target = "_C::silu_and_mul_quant", arg_names = ["result", "input", "scale"], args = {}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 8192], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 4096], f8E4M3FN>
}
