/* fxrt_ciface.h - the record entry points `_mlir_ciface_<kernel>` of the
 * built-in kernels of fxrt.h, generated from one table.
 *
 * FXRT_KERNEL_TABLE lists every kernel with its parameters in ABI order;
 * each parameter is (kind, name) with kind
 *   T  a required tensor      (FxMemRefI64 * record -> const FxTensor *)
 *   O  an optional tensor     (record with dtype -1 -> NULL)
 *   I  int / SymInt / bool    (int64_t)
 *   F  float                  (double)
 * ciface.c expands the table into the wrappers and checks at compile time
 * that each entry matches the C signature in fxrt.h; this header expands it
 * into their prototypes, for callers written in C (tests, fx-run).
 */
#ifndef FXRT_CIFACE_H
#define FXRT_CIFACE_H

#include "fxrt.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FXRT_KERNEL_TABLE(X)                                                   \
  X(fxrt__C__rms_norm, (T, result), (T, input), (O, weight), (F, epsilon))     \
  X(fxrt__C__fused_add_rms_norm, (T, input), (T, residual), (O, weight),       \
    (F, epsilon))                                                              \
  X(fxrt__C__rms_norm_static_fp8_quant, (T, result), (T, input), (T, weight),  \
    (T, scale), (F, epsilon))                                                  \
  X(fxrt__C__fused_add_rms_norm_static_fp8_quant, (T, result), (T, input),     \
    (T, residual), (T, weight), (T, scale), (F, epsilon))                      \
  X(fxrt__C__rms_norm_dynamic_per_token_quant, (T, result), (T, input),        \
    (T, weight), (T, scale), (F, epsilon), (O, scale_ub), (O, residual))       \
  X(fxrt__C__silu_and_mul, (T, result), (T, input))                            \
  X(fxrt__C__silu_and_mul_quant, (T, result), (T, input), (T, scale))          \
  X(fxrt__C__rotary_embedding, (T, positions), (T, query), (O, key),           \
    (I, head_size), (T, cos_sin_cache), (I, is_neox), (I, rope_dim_offset),    \
    (I, inverse))                                                              \
  X(fxrt__C__static_scaled_fp8_quant, (T, result), (T, input), (T, scale))     \
  X(fxrt__C__dynamic_scaled_fp8_quant, (T, result), (T, input), (T, scale))    \
  X(fxrt__C__dynamic_per_token_scaled_fp8_quant, (T, result), (T, input),      \
    (T, scale), (O, scale_ub))                                                 \
  X(fxrt_aten__mm, (T, out), (T, self), (T, mat2))                             \
  X(fxrt_aten___scaled_mm, (T, out), (T, self), (T, mat2), (T, scale_a),       \
    (T, scale_b), (O, bias), (O, scale_result), (I, use_fast_accum))           \
  X(fxrt_aten__add_Tensor, (T, out), (T, self), (T, other), (F, alpha))        \
  X(fxrt_aten__mul_Tensor, (T, out), (T, self), (T, other))                    \
  X(fxrt_aten__cos, (T, out), (T, self))                                      \
  X(fxrt_aten__copy_, (T, self), (T, src), (I, non_blocking))

/* FXRT_MAP(M, SEP, (k, n), ...) expands M(k, n) for up to 8 parameters,
 * separated by SEP() (FXRT_COMMA or FXRT_NOTHING). */
#define FXRT_COMMA() ,
#define FXRT_NOTHING()
#define FXRT_NARGS(...) FXRT_NARGS_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define FXRT_NARGS_(a1, a2, a3, a4, a5, a6, a7, a8, n, ...) n
#define FXRT_CAT(a, b) FXRT_CAT_(a, b)
#define FXRT_CAT_(a, b) a##b
#define FXRT_MAP(M, S, ...) FXRT_CAT(FXRT_MAP_, FXRT_NARGS(__VA_ARGS__))(M, S, __VA_ARGS__)
#define FXRT_MAP_1(M, S, a) M a
#define FXRT_MAP_2(M, S, a, ...) M a S() FXRT_MAP_1(M, S, __VA_ARGS__)
#define FXRT_MAP_3(M, S, a, ...) M a S() FXRT_MAP_2(M, S, __VA_ARGS__)
#define FXRT_MAP_4(M, S, a, ...) M a S() FXRT_MAP_3(M, S, __VA_ARGS__)
#define FXRT_MAP_5(M, S, a, ...) M a S() FXRT_MAP_4(M, S, __VA_ARGS__)
#define FXRT_MAP_6(M, S, a, ...) M a S() FXRT_MAP_5(M, S, __VA_ARGS__)
#define FXRT_MAP_7(M, S, a, ...) M a S() FXRT_MAP_6(M, S, __VA_ARGS__)
#define FXRT_MAP_8(M, S, a, ...) M a S() FXRT_MAP_7(M, S, __VA_ARGS__)

/* Parameter of the record entry point, by kind. */
#define FXRT_RECORD_PARAM(kind, name) FXRT_CAT(FXRT_RECORD_PARAM_, kind)(name)
#define FXRT_RECORD_PARAM_T(name) FxMemRefI64 *name
#define FXRT_RECORD_PARAM_O(name) FxMemRefI64 *name
#define FXRT_RECORD_PARAM_I(name) int64_t name
#define FXRT_RECORD_PARAM_F(name) double name

#define FXRT_DECLARE_CIFACE(kernel, ...)                                       \
  void _mlir_ciface_##kernel(FXRT_MAP(FXRT_RECORD_PARAM, FXRT_COMMA, __VA_ARGS__));

FXRT_KERNEL_TABLE(FXRT_DECLARE_CIFACE)

#ifdef __cplusplus
}
#endif

#endif /* FXRT_CIFACE_H */
