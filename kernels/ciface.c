/* ciface.c - the `_mlir_ciface_<kernel>` record entry points, generated
 * from the kernel rows of fx_builtins.def.
 *
 * Each wrapper returns at once while an error is pending (fxrt.h,
 * "Errors": lowered code calls only these, and after a failure its operands
 * may be unwritten or unchecked); otherwise it decodes its records into
 * FxTensors on the stack (an absent optional becomes NULL; a malformed
 * record, or an absent required tensor, is reported and the kernel is not
 * called) and forwards the scalars unchanged.  A function-pointer
 * assignment checks each row against the kernel's prototype in fxrt.h: a
 * kind that disagrees with the C signature (T vs I, I vs F), or a missing
 * or extra parameter, is an incompatible-pointer-types error. */
#include "cpu/fx_cpu.h"
#include "fxrt.h"
#include "fxrt_ciface.h"

/* C type of each parameter of the kernel proper. */
#define FX_C_TYPE(kind, name) FXRT_CAT(FX_C_TYPE_, kind)
#define FX_C_TYPE_T const FxTensor *
#define FX_C_TYPE_O const FxTensor *
#define FX_C_TYPE_I int64_t
#define FX_C_TYPE_F double
#define FX_C_TYPE_L const FxTensor *

/* Decoding statements. */
#define FX_DECODE(kind, name) FXRT_CAT(FX_DECODE_, kind)(name)
#define FX_DECODE_T(name)                                                      \
  FxTensor name##_t;                                                           \
  if (fxDecodeArg(kernel, #name, name, &name##_t, 0))                          \
    return;
#define FX_DECODE_O(name)                                                      \
  FxTensor name##_t;                                                           \
  if (fxDecodeArg(kernel, #name, name, &name##_t, 1))                          \
    return;
#define FX_DECODE_L(name) FX_DECODE_O(name)
#define FX_DECODE_I(name)
#define FX_DECODE_F(name)

/* Arguments passed on to the kernel. */
#define FX_PASS(kind, name) FXRT_CAT(FX_PASS_, kind)(name)
#define FX_PASS_T(name) &name##_t
#define FX_PASS_O(name) (name##_t.dtype == FX_DTYPE_ABSENT ? NULL : &name##_t)
#define FX_PASS_L(name) FX_PASS_O(name)
#define FX_PASS_I(name) name
#define FX_PASS_F(name) name

static int fxDecodeArg(const char *kernel, const char *name,
                       const FxMemRefI64 *record, FxTensor *t, int optional) {
  if (fxTensorFromRecord(record, t)) {
    fxCpuError(kernel, "malformed tensor record for '%s'", name);
    return -1;
  }
  if (t->dtype == FX_DTYPE_ABSENT && !optional) {
    fxCpuError(kernel, "required tensor '%s' is absent", name);
    return -1;
  }
  return 0;
}

#define FX_DEFINE_CIFACE(kernelName, ...)                                      \
  void _mlir_ciface_##kernelName(                                              \
      FXRT_MAP(FXRT_RECORD_PARAM, FXRT_COMMA, __VA_ARGS__)) {                  \
    static const char kernel[] = #kernelName;                                  \
    void (*checked)(FXRT_MAP(FX_C_TYPE, FXRT_COMMA, __VA_ARGS__)) = kernelName; \
    if (fxErrorPending())                                                      \
      return;                                                                  \
    FXRT_MAP(FX_DECODE, FXRT_NOTHING, __VA_ARGS__)                             \
    checked(FXRT_MAP(FX_PASS, FXRT_COMMA, __VA_ARGS__));                       \
  }

#define FX_OP(ns, impl, rule, schema)
#define FX_KERNEL_OP(ns, impl, rule, schema, symbol, ...)                      \
  FX_DEFINE_CIFACE(symbol, __VA_ARGS__)
#include "fx_builtins.def"
