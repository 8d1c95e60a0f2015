/* LowerCalls.c - lowering fx.call and fx.auto_functionalized.
 *
 * Three kinds of target:
 *   - storage ops done by the lowering itself: aten::empty, empty_like
 *     (fxrt_alloc), clone (alloc + fxrt_copy), copy_ (fxrt_copy, or
 *     fxrt_aten__copy_ when src's type differs: it converts and broadcasts);
 *   - built-in kernels of libfxrt (kernels/fxrt.h): every tensor as a tensor
 *     record, int/SymInt/bool as i64, float/Scalar as f64; list, str and
 *     ScalarType parameters are not passed (the kernels take their types
 *     from the records);
 *   - user ops: `fxrt_<ns>__<op>` with ranked memrefs (DESIGN §4); int,
 *     SymInt and bool as i64, float as f64, str as the address of a
 *     NUL-terminated constant; a left-out optional tensor or a list or
 *     ScalarType parameter is an error.
 * Out tensors (the op's own tensor returns) are allocated from the result
 * types and passed first.
 */
#include "Lower.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum Storage { NOT_STORAGE, ALLOC, CLONE, COPY_ } Storage;

static const struct {
  const char *target;
  Storage kind;
} kStorageOps[] = {
    {"aten::empty", ALLOC},
    {"aten::empty_like", ALLOC},
    {"aten::clone", CLONE},
    {"aten::copy_", COPY_},
};

/* Targets with a kernel in libfxrt (kernels/fxrt.h). */
static const char *const kKernels[] = {
    "_C::rms_norm",
    "_C::fused_add_rms_norm",
    "_C::rms_norm_static_fp8_quant",
    "_C::fused_add_rms_norm_static_fp8_quant",
    "_C::rms_norm_dynamic_per_token_quant",
    "_C::silu_and_mul",
    "_C::silu_and_mul_quant",
    "_C::rotary_embedding",
    "_C::static_scaled_fp8_quant",
    "_C::dynamic_scaled_fp8_quant",
    "_C::dynamic_per_token_scaled_fp8_quant",
    "aten::mm",
    "aten::_scaled_mm",
    "aten::add.Tensor",
    "aten::mul.Tensor",
    "aten::cos",
};

static bool targetIs(MlirStringRef target, const char *name) {
  return target.length == strlen(name) &&
         memcmp(target.data, name, target.length) == 0;
}

static bool isKernel(MlirStringRef target) {
  for (size_t i = 0; i < sizeof kKernels / sizeof kKernels[0]; ++i)
    if (targetIs(target, kKernels[i]))
      return true;
  return false;
}

static Storage storageKind(MlirStringRef target) {
  for (size_t i = 0; i < sizeof kStorageOps / sizeof kStorageOps[0]; ++i)
    if (targetIs(target, kStorageOps[i].target))
      return kStorageOps[i].kind;
  return NOT_STORAGE;
}

/* "_C::rms_norm" -> "fxrt__C__rms_norm"; "aten::add.Tensor" ->
 * "fxrt_aten__add_Tensor". */
static void runtimeName(MlirStringRef target, char *out, size_t cap) {
  size_t n = (size_t)snprintf(out, cap, "fxrt_");
  for (size_t i = 0; i < target.length && n + 1 < cap; ++i) {
    char c = target.data[i];
    out[n++] = c == ':' ? '_' : c == '.' ? '_' : c;
  }
  out[n < cap ? n : cap - 1] = 0;
}

static void error(FxLower *L, const char *fmt, const char *a, const char *b) {
  char msg[512];
  L->errors++;
  snprintf(msg, sizeof msg, fmt, a, b);
  mlirEmitError(L->loc, msg);
}

/*===-- Non-tensor arguments ------------------------------------------------===*/

typedef enum Pass { SKIP, AS_I64, AS_F64, AS_STRING } Pass;

/* How parameter `a` is passed; SKIP for kernels' list/str/ScalarType. */
static Pass passing(const FxSchemaArg *a, bool kernel) {
  switch (a->kind) {
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
  case FX_ARG_BOOL:
    return AS_I64;
  case FX_ARG_FLOAT:
  case FX_ARG_SCALAR:
    return AS_F64;
  case FX_ARG_STR:
    return kernel ? SKIP : AS_STRING;
  default:
    return SKIP;
  }
}

/* The value of non-tensor parameter `a` from `args` or its default. */
static bool scalarValue(FxLower *L, MlirOperation op, const FxSchemaArg *a,
                        Pass how, MlirValue *out) {
  MlirAttribute v = fxCallGetArg(op, mlirStringRefCreateFromCString(a->name));
  if (!mlirAttributeIsNull(v)) {
    if (mlirAttributeIsABool(v))
      *out = fxI64Const(L, mlirBoolAttrGetValue(v));
    else if (mlirAttributeIsAFloat(v))
      *out = fxF64Const(L, mlirFloatAttrGetValueDouble(v));
    else if (mlirAttributeIsAInteger(v))
      *out = how == AS_F64 ? fxF64Const(L, (double)mlirIntegerAttrGetValueInt(v))
                           : fxI64Const(L, mlirIntegerAttrGetValueInt(v));
    else if (mlirAttributeIsAString(v) && how == AS_STRING)
      *out = fxStringAddress(L, mlirStringAttrGetValue(v));
    else if (mlirAttributeIsAString(v)) { /* a symbol */
      MlirValue idx = fxSymbolValue(L, mlirStringAttrGetValue(v));
      if (mlirValueIsNull(idx))
        return false;
      *out = fxIndexToI64(L, idx);
    } else
      return false;
    return true;
  }
  const char *t = a->defaultText;
  if (!a->hasDefault || strcmp(t, "None") == 0)
    return false;
  if (strcmp(t, "True") == 0 || strcmp(t, "False") == 0)
    *out = fxI64Const(L, t[0] == 'T');
  else if (how == AS_F64)
    *out = fxF64Const(L, strtod(t, NULL));
  else if (how == AS_STRING) {
    size_t n = strlen(t);
    MlirStringRef s = {t + 1, n >= 2 ? n - 2 : 0}; /* strip the quotes */
    *out = fxStringAddress(L, s);
  } else
    *out = fxI64Const(L, strtoll(t, NULL, 10));
  return true;
}

/*===-- The call ------------------------------------------------------------===*/

typedef struct Args {
  int n;
  MlirValue values[64];
  MlirType types[64];
} Args;

/* Lowered operand for each schema parameter, null when absent. */
static MlirValue operandFor(MlirOperation op, const FxSchemaArg *a,
                            const MlirValue *operands) {
  MlirAttribute names = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("arg_names"));
  for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(names); i < n; ++i)
    if (targetIs(mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i)),
                 a->name))
      return operands[i];
  return (MlirValue){NULL};
}

/* The MLIR type parameter `a` is passed as; null type when it is skipped
 * (kernels) or cannot be passed (user ops: then `why` says so). */
static MlirType paramType(FxLower *L, MlirOperation op, const FxSchemaArg *a,
                          const MlirValue *operands, bool kernel,
                          MlirType record, const char **why) {
  *why = NULL;
  if (a->kind == FX_ARG_TENSOR) {
    MlirValue v = operandFor(op, a, operands);
    if (kernel)
      return record;
    if (mlirValueIsNull(v))
      *why = "the optional tensor '%s' is left out, which user ops cannot "
             "receive";
    return mlirValueIsNull(v) ? (MlirType){NULL} : mlirValueGetType(v);
  }
  switch (passing(a, kernel)) {
  case AS_I64:
  case AS_STRING:
    return mlirIntegerTypeGet(L->ctx, 64);
  case AS_F64:
    return mlirF64TypeGet(L->ctx);
  case SKIP:
    if (!kernel)
      *why = "parameter '%s' has a type user ops cannot receive (lists, "
             "ScalarType)";
    return (MlirType){NULL};
  }
  return (MlirType){NULL};
}

/* Checks and declares the callee before building anything, so that a
 * failure leaves the IR untouched; then builds the arguments and the call. */
static bool callRuntime(FxLower *L, MlirOperation op, const FxSchema *s,
                        const MlirValue *operands, intptr_t numOuts,
                        const MlirValue *outs) {
  MlirStringRef target = fxCallGetTarget(op);
  bool kernel = isKernel(target);
  char name[256], tgt[200];
  runtimeName(target, name, sizeof name);
  snprintf(tgt, sizeof tgt, "%.*s", (int)target.length, target.data);
  MlirType record = mlirTypeParseGet(L->ctx, mlirStringRefCreateFromCString("memref<?xi64>"));
  Args args = {0};
  for (intptr_t i = 0; i < numOuts; ++i)
    args.types[args.n++] = kernel ? record : mlirValueGetType(outs[i]);
  if (!s) { /* no schema: operands in order, nothing else */
    if (mlirDictionaryAttrGetNumElements(mlirOperationGetAttributeByName(
            op, mlirStringRefCreateFromCString("args"))) != 0) {
      error(L, "cannot lower a call of %s: without a schema its 'args' cannot "
               "be passed; declare it with fx.schema%s", tgt, "");
      return false;
    }
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n && args.n < 64; ++i)
      args.types[args.n++] = mlirValueGetType(operands[i]);
  }
  for (int p = 0; s && p < s->numArgs && args.n < 64; ++p) {
    const char *why;
    MlirType t = paramType(L, op, &s->args[p], operands, kernel, record, &why);
    if (why) {
      char fmt[256];
      snprintf(fmt, sizeof fmt, "cannot lower a call of %s%%s: %s",
               kernel ? "" : "user op ", why);
      error(L, fmt, tgt, s->args[p].name);
      return false;
    }
    if (!mlirTypeIsNull(t))
      args.types[args.n++] = t;
  }
  if (!fxDeclare(L, name, args.n, args.types, 0, NULL))
    return false;

  /* Everything checks out: build. */
  int n = 0;
  for (intptr_t i = 0; i < numOuts; ++i)
    args.values[n++] = kernel ? fxRecord(L, outs[i]) : outs[i];
  for (intptr_t i = 0; !s && i < mlirOperationGetNumOperands(op); ++i)
    args.values[n++] = operands[i];
  for (int p = 0; s && p < s->numArgs && n < args.n; ++p) {
    const FxSchemaArg *a = &s->args[p];
    if (a->kind == FX_ARG_TENSOR) {
      MlirValue v = operandFor(op, a, operands);
      args.values[n++] = kernel ? fxRecord(L, v) : v;
      continue;
    }
    Pass how = passing(a, kernel);
    if (how == SKIP)
      continue;
    if (!scalarValue(L, op, a, how, &args.values[n])) {
      error(L, "cannot lower a call of %s: parameter '%s' has no value", tgt,
            a->name);
      return false;
    }
    ++n;
  }
  fxCall(L, name, n, args.values, 0, NULL);
  return true;
}

bool fxLowerCall(FxLower *L, MlirOperation op) {
  MlirStringRef target = fxCallGetTarget(op);
  const FxSchema *s = fxSchemaTableLookup(L->schemas, target);
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  intptr_t numResults = mlirOperationGetNumResults(op);
  MlirValue operands[FX_MAX_OPERANDS], results[FX_MAX_RESULTS];
  for (intptr_t i = 0; i < numOperands; ++i)
    operands[i] = fxMemRefOf(mlirOperationGetOperand(op, i));

  /* The functional form works on copies of what it mutates. */
  int numReturns = numResults;
  if (fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED) {
    numReturns = 0;
    for (int i = 0; i < s->numReturns; ++i)
      numReturns += s->returns[i].kind == FX_ARG_TENSOR;
    int r = numReturns;
    for (intptr_t i = 0; i < numOperands; ++i) {
      int p = fxCallGetOperandParam(op, s, i);
      if (p < 0 || !s->args[p].mutated)
        continue;
      MlirValue copy = fxAllocTensor(L, mlirValueGetType(mlirOperationGetOperand(op, i)));
      if (mlirValueIsNull(copy))
        return false;
      fxCopy(L, copy, operands[i]);
      operands[i] = copy;
      results[r++] = copy;
    }
  }

  switch (storageKind(target)) {
  case ALLOC:
  case CLONE:
    results[0] = fxAllocTensor(L, mlirValueGetType(mlirOperationGetResult(op, 0)));
    if (mlirValueIsNull(results[0]))
      return false;
    if (storageKind(target) == CLONE)
      fxCopy(L, results[0], operands[0]);
    break;
  case COPY_: {
    MlirValue self = fxMemRefOf(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("self")));
    MlirValue src = fxMemRefOf(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("src")));
    if (fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED) /* write the copy */
      self = results[numReturns];
    MlirType selfType = mlirValueGetType(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("self")));
    MlirType srcType = mlirValueGetType(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("src")));
    if (mlirTypeEqual(selfType, srcType)) {
      fxCopy(L, self, src);
    } else { /* dtype conversion and/or broadcast: kernels/cpu/copy.c */
      MlirType rec = mlirTypeParseGet(L->ctx, mlirStringRefCreateFromCString("memref<?xi64>"));
      MlirType types[3] = {rec, rec, mlirIntegerTypeGet(L->ctx, 64)};
      if (!fxDeclare(L, "fxrt_aten__copy_", 3, types, 0, NULL))
        return false;
      MlirValue args[3] = {fxRecord(L, self), fxRecord(L, src), fxI64Const(L, 0)};
      fxCall(L, "fxrt_aten__copy_", 3, args, 0, NULL);
    }
    if (numReturns)
      results[0] = self;
    break;
  }
  case NOT_STORAGE:
    for (int i = 0; i < numReturns; ++i) {
      results[i] = fxAllocTensor(L, mlirValueGetType(mlirOperationGetResult(op, i)));
      if (mlirValueIsNull(results[i]))
        return false;
    }
    if (!callRuntime(L, op, s, operands, numReturns, results))
      return false;
    break;
  }
  fxPublish(L, op, numResults, results);
  return true;
}
