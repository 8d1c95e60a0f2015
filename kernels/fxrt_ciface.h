/* fxrt_ciface.h - the record entry points `_mlir_ciface_<kernel>` of the
 * built-in kernels of fxrt.h, generated from the kernel rows of
 * fx_builtins.def (each with its parameters in ABI order, as (kind, name)).
 * ciface.c expands the rows into the wrappers and checks at compile time
 * that each row matches the C signature in fxrt.h; this header expands them
 * into their prototypes, for callers written in C (tests, fx-run).
 */
#ifndef FXRT_CIFACE_H
#define FXRT_CIFACE_H

#include "fxrt.h"
#include "fxrt_pp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parameter of the record entry point, by kind. */
#define FXRT_RECORD_PARAM(kind, name) FXRT_CAT(FXRT_RECORD_PARAM_, kind)(name)
#define FXRT_RECORD_PARAM_T(name) FxMemRefI64 *name
#define FXRT_RECORD_PARAM_O(name) FxMemRefI64 *name
#define FXRT_RECORD_PARAM_I(name) int64_t name
#define FXRT_RECORD_PARAM_F(name) double name
#define FXRT_RECORD_PARAM_L(name) FxMemRefI64 *name

#define FXRT_DECLARE_CIFACE(kernel, ...)                                       \
  void _mlir_ciface_##kernel(FXRT_MAP(FXRT_RECORD_PARAM, FXRT_COMMA, __VA_ARGS__));

#define FX_OP(ns, impl, rule, schema)
#define FX_KERNEL_OP(ns, impl, rule, schema, symbol, ...)                      \
  FXRT_DECLARE_CIFACE(symbol, __VA_ARGS__)
#include "fx_builtins.def"

#ifdef __cplusplus
}
#endif

#endif /* FXRT_CIFACE_H */
