// Every kernel and every lowering path, JIT-run through libfxrt with and
// without the fx passes on identical inputs: the outputs must be
// bit-identical (fx-run --check-passes exits 1 otherwise).
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=rms_norm --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rms_norm_bf16_no_weight --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=fused_add_rms_norm --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rms_norm_static_fp8_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=fused_add_rms_norm_static_fp8_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rms_norm_dynamic_per_token_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rms_norm_dynamic_per_token_quant_int8 --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=silu_and_mul --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=silu_and_mul_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rotary_neox --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rotary_gptj --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=static_scaled_fp8_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=dynamic_scaled_fp8_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=dynamic_per_token_scaled_fp8_quant --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=aten_ops --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=scaled_mm --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=views --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=reshape_copies --sym=s0=7 --seed=3 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// A row count that is not a multiple of anything, and 0 tokens:
// RUN: fx-run %s --entry=rms_norm --sym=s0=0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// RUN: fx-run %s --entry=rotary_neox --sym=s0=0 --check-passes --output-dir=%t | FileCheck %s --check-prefix=OK
// OK: out0: bit-identical
// OK: out0: {{.*}}out0.npy checksum

func.func @rms_norm(%x: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> !fx.tensor<["s0", 64], f16>
  return %0 : !fx.tensor<["s0", 64], f16>
}

func.func @rms_norm_bf16_no_weight(%x: !fx.tensor<["s0", 64], bf16>) -> (!fx.tensor<["s0", 64], bf16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 64], bf16>) -> !fx.tensor<["s0", 64], bf16>
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %buf, input = %x)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], bf16>, !fx.tensor<["s0", 64], bf16>) -> !fx.tensor<["s0", 64], bf16>
  return %0 : !fx.tensor<["s0", 64], bf16>
}

func.func @fused_add_rms_norm(%x: !fx.tensor<["s0", 64], f16>, %r: !fx.tensor<["s0", 64], f16> {fx.donated}, %w: !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) {
  %in = fx.call "aten::cos"(self = %x)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %in, residual = %r, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>
}

func.func @rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>, %s: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %0 = fx.auto_functionalized "_C::rms_norm_static_fp8_quant"(result = %buf, input = %x, weight = %w, scale = %s)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 64], f8E4M3FN>
}

func.func @fused_add_rms_norm_static_fp8_quant(%x: !fx.tensor<["s0", 64], f16>, %r: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>, %s: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %0:2 = fx.auto_functionalized "_C::fused_add_rms_norm_static_fp8_quant"(result = %buf, input = %x, residual = %res, weight = %w, scale = %s)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>, !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>
}

func.func @rms_norm_dynamic_per_token_quant(%x: !fx.tensor<["s0", 64], f16>, %r: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 64], f16>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %scale = fx.call "aten::empty"()
      {size = ["s0", 1], dtype = f32} : () -> !fx.tensor<["s0", 1], f32>
  %res = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %0:3 = fx.auto_functionalized "_C::rms_norm_dynamic_per_token_quant"(result = %buf, input = %x, weight = %w, scale = %scale, residual = %res)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 64], f16>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 64], f16>)
  return %0#0, %0#1, %0#2 : !fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>, !fx.tensor<["s0", 64], f16>
}

func.func @rms_norm_dynamic_per_token_quant_int8(%x: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64], f16>) -> (!fx.tensor<["s0", 64], i8>, !fx.tensor<["s0", 1], f32>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = i8} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], i8>
  %scale = fx.call "aten::empty"()
      {size = ["s0", 1], dtype = f32} : () -> !fx.tensor<["s0", 1], f32>
  %0:2 = fx.auto_functionalized "_C::rms_norm_dynamic_per_token_quant"(result = %buf, input = %x, weight = %w, scale = %scale)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 64], i8>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64], f16>, !fx.tensor<["s0", 1], f32>) -> (!fx.tensor<["s0", 64], i8>, !fx.tensor<["s0", 1], f32>)
  return %0#0, %0#1 : !fx.tensor<["s0", 64], i8>, !fx.tensor<["s0", 1], f32>
}

func.func @silu_and_mul(%x: !fx.tensor<["s0", 128], f16>) -> (!fx.tensor<["s0", 64], f16>) {
  %buf = fx.call "aten::empty"()
      {size = ["s0", 64], dtype = f16} : () -> !fx.tensor<["s0", 64], f16>
  %0 = fx.auto_functionalized "_C::silu_and_mul"(result = %buf, input = %x)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 128], f16>) -> !fx.tensor<["s0", 64], f16>
  return %0 : !fx.tensor<["s0", 64], f16>
}

func.func @silu_and_mul_quant(%x: !fx.tensor<["s0", 128], f16>, %s: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>) {
  %buf = fx.call "aten::empty"()
      {size = ["s0", 64], dtype = f8E4M3FN} : () -> !fx.tensor<["s0", 64], f8E4M3FN>
  %0 = fx.auto_functionalized "_C::silu_and_mul_quant"(result = %buf, input = %x, scale = %s)
      : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 128], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 64], f8E4M3FN>
}

func.func @rotary_neox(%pos: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 64], f16>, %wqkv: !fx.tensor<[64, 192], f16>, %cache: !fx.tensor<[64, 32], f16>) -> (!fx.tensor<["s0", 192], f16>) {
  %qkv = fx.call "aten::mm"(self = %h, mat2 = %wqkv)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<[64, 192], f16>) -> !fx.tensor<["s0", 192], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 128, step = 1 : !fx.tensor<["s0", 192], f16> -> !fx.tensor<["s0", 128], f16>
  %k = fx.slice %qkv, dim = 1, start = 128, end = 192, step = 1 : !fx.tensor<["s0", 192], f16> -> !fx.tensor<["s0", 64], f16>
  %rot:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %pos, query = %q, key = %k, cos_sin_cache = %cache)
      {head_size = 32, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 128], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64, 32], f16>) -> (!fx.tensor<["s0", 128], f16>, !fx.tensor<["s0", 64], f16>)
  %qkv1 = fx.slice_scatter %qkv, %rot#0, dim = 1, start = 0, end = 128, step = 1 : (!fx.tensor<["s0", 192], f16>, !fx.tensor<["s0", 128], f16>) -> !fx.tensor<["s0", 192], f16>
  %qkv2 = fx.slice_scatter %qkv1, %rot#1, dim = 1, start = 128, end = 192, step = 1 : (!fx.tensor<["s0", 192], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 192], f16>
  return %qkv2 : !fx.tensor<["s0", 192], f16>
}

func.func @rotary_gptj(%pos: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 64], f16>, %wqkv: !fx.tensor<[64, 192], f16>, %cache: !fx.tensor<[64, 32], f16>) -> (!fx.tensor<["s0", 192], f16>) {
  %qkv = fx.call "aten::mm"(self = %h, mat2 = %wqkv)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<[64, 192], f16>) -> !fx.tensor<["s0", 192], f16>
  %q = fx.slice %qkv, dim = 1, start = 0, end = 128, step = 1 : !fx.tensor<["s0", 192], f16> -> !fx.tensor<["s0", 128], f16>
  %k = fx.slice %qkv, dim = 1, start = 128, end = 192, step = 1 : !fx.tensor<["s0", 192], f16> -> !fx.tensor<["s0", 64], f16>
  %rot:2 = fx.auto_functionalized "_C::rotary_embedding"(positions = %pos, query = %q, key = %k, cos_sin_cache = %cache)
      {head_size = 32, is_neox = false} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 128], f16>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[64, 32], f16>) -> (!fx.tensor<["s0", 128], f16>, !fx.tensor<["s0", 64], f16>)
  %qkv1 = fx.slice_scatter %qkv, %rot#0, dim = 1, start = 0, end = 128, step = 1 : (!fx.tensor<["s0", 192], f16>, !fx.tensor<["s0", 128], f16>) -> !fx.tensor<["s0", 192], f16>
  %qkv2 = fx.slice_scatter %qkv1, %rot#1, dim = 1, start = 128, end = 192, step = 1 : (!fx.tensor<["s0", 192], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 192], f16>
  return %qkv2 : !fx.tensor<["s0", 192], f16>
}

func.func @static_scaled_fp8_quant(%x: !fx.tensor<["s0", 64], f16>, %s: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %0 = fx.auto_functionalized "_C::static_scaled_fp8_quant"(result = %buf, input = %x, scale = %s)
      : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  return %0 : !fx.tensor<["s0", 64], f8E4M3FN>
}

func.func @dynamic_scaled_fp8_quant(%x: !fx.tensor<["s0", 64], f16>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<[1], f32>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %scale = fx.call "aten::empty"()
      {size = [1], dtype = f32} : () -> !fx.tensor<[1], f32>
  %0:2 = fx.auto_functionalized "_C::dynamic_scaled_fp8_quant"(result = %buf, input = %x, scale = %scale)
      : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<[1], f32>)
  return %0#0, %0#1 : !fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<[1], f32>
}

func.func @dynamic_per_token_scaled_fp8_quant(%x: !fx.tensor<["s0", 64], f16>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>) {
  %buf = fx.call "aten::empty_like"(self = %x)
      {dtype = f8E4M3FN} : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f8E4M3FN>
  %scale = fx.call "aten::empty"()
      {size = ["s0", 1], dtype = f32} : () -> !fx.tensor<["s0", 1], f32>
  %0:2 = fx.auto_functionalized "_C::dynamic_per_token_scaled_fp8_quant"(result = %buf, input = %x, scale = %scale)
      : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 1], f32>) -> (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>)
  return %0#0, %0#1 : !fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<["s0", 1], f32>
}

func.func @aten_ops(%x: !fx.tensor<["s0", 64], f16>, %y: !fx.tensor<["s0", 64], f16>, %w: !fx.tensor<[64, 64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) {
  %m = fx.call "aten::mm"(self = %x, mat2 = %w)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<[64, 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %a = fx.call "aten::add.Tensor"(self = %m, other = %y)
      {alpha = 2} : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %p = fx.call "aten::mul.Tensor"(self = %a, other = %x)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %c = fx.call "aten::cos"(self = %p)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %d = fx.call "aten::clone"(self = %c)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %e:2 = fx.auto_functionalized "aten::copy_"(self = %y, src = %d)
      : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>)
  return %e#1, %c : !fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>
}

func.func @scaled_mm(%a: !fx.tensor<["s0", 64], f8E4M3FN>, %b: !fx.tensor<[64, 32], f8E4M3FN>, %sa: !fx.tensor<[1], f32>, %sb: !fx.tensor<[1], f32>) -> (!fx.tensor<["s0", 32], f16>) {
  %0 = fx.call "aten::_scaled_mm"(self = %a, mat2 = %b, scale_a = %sa, scale_b = %sb)
      {out_dtype = f16} : (!fx.tensor<["s0", 64], f8E4M3FN>, !fx.tensor<[64, 32], f8E4M3FN>, !fx.tensor<[1], f32>, !fx.tensor<[1], f32>) -> !fx.tensor<["s0", 32], f16>
  return %0 : !fx.tensor<["s0", 32], f16>
}

func.func @views(%x: !fx.tensor<["s0", 128], f16>) -> (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 2, 32], f16>) {
  %s = fx.slice %x, dim = 1, start = 64, end = 128, step = 1 : !fx.tensor<["s0", 128], f16> -> !fx.tensor<["s0", 64], f16>
  %v = fx.view %s, shape = [-1, 2, 32] : !fx.tensor<["s0", 64], f16> -> !fx.tensor<["s0", 2, 32], f16>
  %r = fx.reshape %s, shape = [-1, 64] : !fx.tensor<["s0", 64], f16> -> !fx.tensor<["s0", 64], f16>
  %c = fx.call "aten::cos"(self = %r)
      : (!fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  %full = fx.slice_scatter %c, %c, dim = 0, start = 0, end = 9223372036854775807, step = 1 : (!fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 64], f16>) -> !fx.tensor<["s0", 64], f16>
  return %full, %v : !fx.tensor<["s0", 64], f16>, !fx.tensor<["s0", 2, 32], f16>
}

func.func @reshape_copies(%x: !fx.tensor<[4, 128], f16>) -> (!fx.tensor<[256], f16>) {
  %s = fx.slice %x, dim = 1, start = 0, end = 64, step = 1 : !fx.tensor<[4, 128], f16> -> !fx.tensor<[4, 64], f16>
  %r = fx.reshape %s, shape = [256] : !fx.tensor<[4, 64], f16> -> !fx.tensor<[256], f16>
  return %r : !fx.tensor<[256], f16>
}
