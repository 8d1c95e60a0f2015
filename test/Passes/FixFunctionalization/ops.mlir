// Every vLLM target of FixFunctionalizationPass's seed, schema-driven: each
// fx.auto_functionalized becomes an in-place fx.call of the same target with
// the same operands, arg_names and args; each mutated result is its operand.
// RUN: fx-opt %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s
// RUN: %mlir_opt --load-dialect-plugin=%fx_plugin --load-pass-plugin=%fx_plugin %s --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

// CHECK-LABEL: func.func @rms_norm
// CHECK: %[[BUF:.*]] = fx.call "{{[^"]*}}"(self = %{{.*}})
// CHECK-NEXT: fx.call "_C::rms_norm"
// CHECK-SAME: (result = %[[BUF]], input = %{{[^,]*}}, weight = %{{[^,)]*}}) {epsilon = 9.9999999999999995E-7 : f64}
// CHECK-SAME: -> ()
// CHECK-NEXT: return %[[BUF]]
func.func @rms_norm(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @fused_add_rms_norm
// CHECK: %[[IN:.*]] = fx.call "aten::cos"
// CHECK: %[[RES:.*]] = fx.call "aten::cos"
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm"
// CHECK-SAME: (input = %[[IN]], residual = %[[RES]], weight = %{{[^,)]*}})
// CHECK-NEXT: return %[[IN]], %[[RES]]
func.func @fused_add_rms_norm(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %res, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @rms_norm_static_fp8_quant
// CHECK: %[[BUF:.*]] = fx.call
// CHECK-NEXT: fx.call "_C::rms_norm_static_fp8_quant"(result = %[[BUF]],
// CHECK-NEXT: return %[[BUF]]
func.func @rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN> {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %0 = fx.auto_functionalized "_C::rms_norm_static_fp8_quant"(result = %buf, input = %x, weight = %w, scale = %scale)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 4096], f8E4M3FN>
}

// CHECK-LABEL: func.func @fused_add_rms_norm_static_fp8_quant
// CHECK: %[[BUF:.*]] = fx.call
// CHECK: %[[RES:.*]] = fx.call "aten::cos"
// CHECK-NEXT: fx.call "_C::fused_add_rms_norm_static_fp8_quant"(result = %[[BUF]], input = %{{[^,]*}}, residual = %[[RES]],
// CHECK-NEXT: return %[[BUF]], %[[RES]]
func.func @fused_add_rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>, %scale: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm_static_fp8_quant"(result = %buf, input = %x, residual = %res, weight = %w, scale = %scale)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>
}

// With the optional mutated residual present: three mutated results.
// CHECK-LABEL: func.func @rms_norm_dynamic_per_token_quant
// CHECK: %[[BUF:.*]] = fx.call
// CHECK: %[[SCALE:.*]] = fx.call
// CHECK: %[[RES:.*]] = fx.call "aten::cos"
// CHECK-NEXT: fx.call "_C::rms_norm_dynamic_per_token_quant"(result = %[[BUF]], input = %{{[^,]*}}, weight = %{{[^,]*}}, scale = %[[SCALE]], residual = %[[RES]])
// CHECK-NEXT: return %[[BUF]], %[[SCALE]], %[[RES]]
func.func @rms_norm_dynamic_per_token_quant(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %scale = fx.call "aten::empty"()
      {size = ["s0", 1], dtype = f32} : () -> !fx.tensor<["s0", 1], f32>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:3 = fx.auto_functionalized "_C::rms_norm_dynamic_per_token_quant"(result = %buf, input = %x, weight = %w, scale = %scale, residual = %res)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1, %0#2 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 4096], f16>
}

// Without the optional residual: two mutated results.
// CHECK-LABEL: func.func @rms_norm_dynamic_per_token_quant_no_residual
// CHECK: %[[BUF:.*]] = fx.call
// CHECK: %[[SCALE:.*]] = fx.call
// CHECK-NEXT: fx.call "{{[^"]*}}"(result = %[[BUF]], input = %{{[^,]*}}, weight = %{{[^,]*}}, scale = %[[SCALE]])
// CHECK-NEXT: return %[[BUF]], %[[SCALE]]
func.func @rms_norm_dynamic_per_token_quant_no_residual(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %scale = fx.call "aten::empty"()
      {size = ["s0", 1], dtype = f32} : () -> !fx.tensor<["s0", 1], f32>
  %0:2 = fx.auto_functionalized "_C::rms_norm_dynamic_per_token_quant"(result = %buf, input = %x, weight = %w, scale = %scale)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>, !fx.tensor<["s0", 1], f32>) -> (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 1], f32>
}

// CHECK-LABEL: func.func @silu_and_mul
// CHECK: %[[BUF:.*]] = fx.call
// CHECK-NEXT: fx.call "_C::silu_and_mul"(result = %[[BUF]], input = %{{[^,)]*}})
// CHECK-NEXT: return %[[BUF]]
func.func @silu_and_mul(%x: !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::empty"()
      {size = ["s0", 4096], dtype = f16} : () -> !fx.tensor<["s0", 4096], f16>
  %0 = fx.auto_functionalized "_C::silu_and_mul"(result = %buf, input = %x)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 8192], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// CHECK-LABEL: func.func @silu_and_mul_quant
// CHECK: %[[BUF:.*]] = fx.call
// CHECK-NEXT: fx.call "_C::silu_and_mul_quant"(result = %[[BUF]],
// CHECK-NEXT: return %[[BUF]]
func.func @silu_and_mul_quant(%x: !fx.tensor<["s0", 8192], f16>, %scale: !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN> {
  %buf = fx.call "aten::empty"()
      {size = ["s0", 4096], dtype = f8E4M3FN} : () -> !fx.tensor<["s0", 4096], f8E4M3FN>
  %0 = fx.auto_functionalized "_C::silu_and_mul_quant"(result = %buf, input = %x, scale = %scale)
      : (!fx.tensor<["s0", 4096], f8E4M3FN>, !fx.tensor<["s0", 8192], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 4096], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 4096], f8E4M3FN>
}
