/* LowerCalls.c - lowering fx.call and fx.auto_functionalized.
 *
 * Three kinds of target:
 *   - storage ops done by the lowering itself: aten::empty, empty_like
 *     (fxrt_alloc), clone (alloc + fxrt_copy), copy_ (fxrt_copy, or
 *     fxrt_aten__copy_ when src's type differs: it converts and broadcasts);
 *   - built-in kernels of libfxrt (kernels/fxrt.h): called as their row of
 *     kernels/fx_builtins.def says (FxBuiltinKernel): out-records, then
 *     schema parameters by name, tensors as tensor records, I as i64, F as
 *     f64 (the registry checked the row against the schema);
 *   - user ops: `fxrt_<ns>__<op>` with ranked memrefs (DESIGN §4); int,
 *     SymInt and bool as i64, float as f64, str as the address of a
 *     NUL-terminated constant, a left-out optional tensor as a null
 *     pointer (i64 0); a list or ScalarType parameter is an error.  Before
 *     the call, fxrt_user_op names the dtype and rank of each tensor
 *     parameter (descriptors carry neither).
 * Out tensors (the op's own tensor returns) are allocated from the result
 * types and passed first.  A user op is called only while no error is
 * pending (scf.if on fxrt_at's result): the runtime's own entry points do
 * nothing after a failure, a user op cannot be relied on to check.
 */
#include "Lower.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool targetIs(MlirStringRef target, const char *name) {
  return target.length == strlen(name) &&
         memcmp(target.data, name, target.length) == 0;
}

/* "_C::rms_norm" -> "fxrt__C__rms_norm"; "aten::add.Tensor" ->
 * "fxrt_aten__add_Tensor" (malloc'ed, NULL when out of memory). */
static char *runtimeName(MlirStringRef target) {
  char *out = malloc(target.length + 6);
  if (!out)
    return NULL;
  memcpy(out, "fxrt_", 5);
  for (size_t i = 0; i < target.length; ++i) {
    char c = target.data[i];
    out[5 + i] = c == ':' ? '_' : c == '.' ? '_' : c;
  }
  out[5 + target.length] = 0;
  return out;
}

/* torch's internal-overlap check before copy_ writes `self` in place
 * (fxrt_check_writable): an expanded self is an error, as in torch. */
static bool checkWritable(FxLower *L, MlirValue self, MlirType selfFx) {
  MlirValue args[3] = {fxScratchStoreDescriptor(L, self, selfFx),
                       fxI64Const(L, fxTensorTypeGetRank(selfFx)),
                       fxCStringAddress(L, "aten::copy_")};
  fxCallI64(L, "fxrt_check_writable", 3, args, false);
  return true;
}

/*===-- Non-tensor arguments ------------------------------------------------===*/

typedef enum Pass { SKIP, AS_I64, AS_F64, AS_STRING } Pass;

/* How a user op receives parameter `a`; SKIP for what it cannot (lists,
 * ScalarType). */
static Pass passing(const FxSchemaArg *a) {
  switch (a->kind) {
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
  case FX_ARG_BOOL:
    return AS_I64;
  case FX_ARG_FLOAT:
  case FX_ARG_SCALAR:
    return AS_F64;
  case FX_ARG_STR:
    return AS_STRING;
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
      MlirValue idx = fxSymbolicValue(L, mlirStringAttrGetValue(v));
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

/* Int list parameter `a` of a kernel (kind L) as the record of a 1-D i64
 * tensor of its values, symbols evaluated; the absent record when the
 * call leaves it out or passes None (its default, or an `[]` default,
 * otherwise: the registry refuses other defaults). */
static MlirValue intListRecord(FxLower *L, MlirOperation op,
                               const FxSchemaArg *a) {
  MlirAttribute v = fxCallGetArg(op, mlirStringRefCreateFromCString(a->name));
  if (mlirAttributeIsNull(v) || !mlirAttributeIsAArray(v)) {
    if (a->hasDefault && strcmp(a->defaultText, "[]") == 0)
      return fxRecord(L, fxI64Buffer(L, 0, NULL));
    return fxRecord(L, (MlirValue){NULL});
  }
  intptr_t n = mlirArrayAttrGetNumElements(v);
  MlirValue *values = calloc((size_t)(n > 0 ? n : 1), sizeof(MlirValue));
  if (!values) {
    fxLowerError(L, "out of memory");
    return (MlirValue){NULL};
  }
  MlirValue record = {NULL};
  for (intptr_t i = 0; i < n; ++i) {
    MlirAttribute e = mlirArrayAttrGetElement(v, i);
    values[i] = mlirAttributeIsAString(e)
                    ? fxSymbolicValue(L, mlirStringAttrGetValue(e))
                    : fxIndexConst(L, mlirIntegerAttrGetValueInt(e));
    if (mlirValueIsNull(values[i]))
      goto done;
  }
  record = fxRecord(L, fxI64Buffer(L, n, values));
done:
  free(values);
  return record;
}

/*===-- The call ------------------------------------------------------------===*/

/* The callee's parameters: sized for every out tensor, operand and
 * schema parameter (no fixed limit). */
typedef struct Args {
  int n;
  MlirValue *values;
  MlirType *types;
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

/* The MLIR type a user op receives parameter `a` as; null type when it
 * cannot (then `why` says so). */
static MlirType paramType(FxLower *L, MlirOperation op, const FxSchemaArg *a,
                          const MlirValue *operands, const char **why) {
  *why = NULL;
  if (a->kind == FX_ARG_TENSOR) {
    /* A left-out optional tensor is a null pointer, passed as the i64 0
     * (the C side declares a descriptor pointer, as a str's address is an
     * i64 here and a const char * there): no memref type exists for a
     * tensor that has none. */
    MlirValue v = operandFor(op, a, operands);
    return mlirValueIsNull(v) ? mlirIntegerTypeGet(L->ctx, 64) : mlirValueGetType(v);
  }
  switch (passing(a)) {
  case AS_I64:
  case AS_STRING:
    return mlirIntegerTypeGet(L->ctx, 64);
  case AS_F64:
    return mlirF64TypeGet(L->ctx);
  case SKIP:
    *why = "parameter '%s' has a type user ops cannot receive (lists, "
           "ScalarType)";
    return (MlirType){NULL};
  }
  return (MlirType){NULL};
}

/* scf.if %ok != 0 { call } : a user op runs only while no error is
 * pending. */
static void guardedCall(FxLower *L, MlirValue ok, const char *name, int n,
                        const MlirValue *args) {
  MlirValue cmpOps[2] = {ok, fxI64Const(L, 0)};
  MlirType i1 = mlirIntegerTypeGet(L->ctx, 1);
  MlirNamedAttribute ne = fxNamed(
      L, "predicate", mlirIntegerAttrGet(mlirIntegerTypeGet(L->ctx, 64), 1));
  MlirValue cond = mlirOperationGetResult(
      fxBuild(L, "arith.cmpi", 2, cmpOps, 1, &i1, 1, &ne), 0);
  MlirRegion regions[2] = {mlirRegionCreate(), mlirRegionCreate()};
  MlirBlock then = mlirBlockCreate(0, NULL, NULL);
  mlirRegionAppendOwnedBlock(regions[0], then);
  MlirOperationState st = mlirOperationStateGet(
      mlirStringRefCreateFromCString("scf.if"), L->loc);
  mlirOperationStateAddOperands(&st, 1, &cond);
  mlirOperationStateAddOwnedRegions(&st, 2, regions);
  MlirOperation ifOp = mlirOperationCreate(&st);
  mlirRewriterBaseInsert(L->rw, ifOp);
  mlirRewriterBaseSetInsertionPointToEnd(L->rw, then);
  fxCall(L, name, n, args, 0, NULL);
  fxBuild(L, "scf.yield", 0, NULL, 0, NULL, 0, NULL);
  mlirRewriterBaseSetInsertionPointAfter(L->rw, ifOp);
}

static MlirType recordType(FxLower *L) {
  return mlirTypeParseGet(L->ctx, mlirStringRefCreateFromCString("memref<?xi64>"));
}

/* Declares kernel `k` of the built-in op and calls it as its row says: the
 * out-records of `outs`, then each schema parameter by name (an absent
 * optional tensor as the absent record). */
static bool callKernel(FxLower *L, MlirOperation op, const FxSchema *s,
                       const FxBuiltinKernel *k, const MlirValue *operands,
                       const MlirValue *outs) {
  MlirType types[FX_KERNEL_MAX_PARAMS];
  MlirValue values[FX_KERNEL_MAX_PARAMS];
  if (k->numParams > FX_KERNEL_MAX_PARAMS) { /* the registry refuses such rows */
    fxLowerError(L, "internal error: kernel %s has %d parameters", k->symbol,
                 k->numParams);
    return false;
  }
  MlirType record = recordType(L);
  for (int p = 0; p < k->numParams; ++p)
    types[p] = k->params[p].kind == FX_KERNEL_PARAM_I ? mlirIntegerTypeGet(L->ctx, 64)
               : k->params[p].kind == FX_KERNEL_PARAM_F ? mlirF64TypeGet(L->ctx)
                                                        : record;
  if (mlirValueIsNull(fxEnter(L)) ||
      !fxDeclare(L, k->symbol, k->numParams, types, 0, NULL))
    return false;
  for (int p = 0; p < k->numParams; ++p) {
    const FxKernelParam *kp = &k->params[p];
    if (p < k->numOuts) {
      values[p] = fxRecord(L, outs[p]);
    } else {
      /* `s` is the built-in schema or an unchanged restatement of it (the
       * verifier's rule), which the registry checked the row against. */
      int at = fxSchemaFindArg(s, kp->name, strlen(kp->name));
      if (at < 0) {
        fxLowerError(L, "internal error: kernel %s passes '%s', which %s does "
                        "not have", k->symbol, kp->name, s->qualifiedName);
        return false;
      }
      const FxSchemaArg *a = &s->args[at];
      if (kp->kind == FX_KERNEL_PARAM_T || kp->kind == FX_KERNEL_PARAM_O) {
        values[p] = fxRecord(L, operandFor(op, a, operands));
      } else if (kp->kind == FX_KERNEL_PARAM_L) {
        values[p] = intListRecord(L, op, a);
      } else if (!scalarValue(L, op, a,
                              kp->kind == FX_KERNEL_PARAM_I ? AS_I64 : AS_F64,
                              &values[p])) {
        fxLowerError(L, "cannot lower a call of %s: parameter '%s' has no "
                        "value", s->qualifiedName, a->name);
        return false;
      }
    }
    if (mlirValueIsNull(values[p]))
      return false;
  }
  fxCall(L, k->symbol, k->numParams, values, 0, NULL);
  return true;
}

/* fxrt_user_op(dtypes): a memref descriptor does not say its element type,
 * so a user op written for several dtypes could not tell them apart.  The
 * lowering knows them; it passes, before each user-op call, the address of
 * a constant "c0:r0,c1:r1,..." with the FxDtype code and rank of each of
 * the call's parameters in ABI order ("-" where a parameter is not a tensor
 * or is left out), which the op reads back with fxrt_user_arg_dtype and
 * fxrt_user_arg_rank (fxrt.h): a descriptor says neither. */
static bool announceDtypes(FxLower *L, int n, const MlirType *types) {
  size_t cap = (size_t)n * 8 + 1, len = 0; /* "NN:R," (code < 100, rank <= 8) */
  char *text = malloc(cap);
  if (!text) {
    fxLowerError(L, "out of memory");
    return false;
  }
  text[0] = 0;
  for (int i = 0; i < n; ++i) {
    int code = mlirTypeIsAMemRef(types[i])
                   ? fxLowerDtypeCode(mlirShapedTypeGetElementType(types[i]))
                   : -1;
    if (code < 0)
      len += (size_t)snprintf(text + len, cap - len, "%s-", i ? "," : "");
    else
      len += (size_t)snprintf(text + len, cap - len, "%s%d:%d", i ? "," : "",
                              code, (int)mlirShapedTypeGetRank(types[i]));
  }
  MlirValue addr = fxStringAddress(L, mlirStringRefCreate(text, len));
  free(text);
  fxCallI64(L, "fxrt_user_op", 1, &addr, false);
  return true;
}

/* Declares the user op's `fxrt_<ns>__<op>` and calls it with the out
 * tensors, then the operands (no schema) or the schema's parameters. */
static bool callUserOp(FxLower *L, MlirOperation op, const FxSchema *s,
                       const MlirValue *operands, intptr_t numOuts,
                       const MlirValue *outs) {
  MlirStringRef target = fxCallGetTarget(op);
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  size_t cap = (size_t)numOuts + (size_t)numOperands + (size_t)(s ? s->numArgs : 0) + 1;
  char *name = runtimeName(target);
  Args args = {0, calloc(cap, sizeof(MlirValue)), calloc(cap, sizeof(MlirType))};
  bool ok = false;
  if (!name || !args.values || !args.types) {
    fxLowerError(L, "out of memory");
    goto done;
  }
  char tgt[300];
  snprintf(tgt, sizeof tgt, "%.*s", (int)target.length, target.data);
  for (intptr_t i = 0; i < numOuts; ++i)
    args.types[args.n++] = mlirValueGetType(outs[i]);
  if (!s) { /* no schema: operands in order, nothing else */
    if (mlirDictionaryAttrGetNumElements(mlirOperationGetAttributeByName(
            op, mlirStringRefCreateFromCString("args"))) != 0) {
      fxLowerError(L, "cannot lower a call of %s: without a schema its 'args' "
                      "cannot be passed; declare it with fx.schema", tgt);
      goto done;
    }
    for (intptr_t i = 0; i < numOperands; ++i)
      args.types[args.n++] = mlirValueGetType(operands[i]);
  }
  for (int p = 0; s && p < s->numArgs; ++p) {
    if (s->args[p].kind == FX_ARG_TENSOR_LIST) { /* its elements, in order */
      for (intptr_t i = 0; i < numOperands; ++i)
        if (fxCallGetOperandParam(op, s, i) == p)
          args.types[args.n++] = mlirValueGetType(operands[i]);
      continue;
    }
    const char *why;
    MlirType t = paramType(L, op, &s->args[p], operands, &why);
    if (why) {
      char detail[256];
      snprintf(detail, sizeof detail, why, s->args[p].name);
      fxLowerError(L, "cannot lower a call of user op %s: %s", tgt, detail);
      goto done;
    }
    args.types[args.n++] = t;
  }
  MlirValue entered = fxEnter(L);
  if (mlirValueIsNull(entered) || !fxDeclare(L, name, args.n, args.types, 0, NULL))
    goto done;

  int n = 0;
  for (intptr_t i = 0; i < numOuts; ++i)
    args.values[n++] = outs[i];
  for (intptr_t i = 0; !s && i < numOperands; ++i)
    args.values[n++] = operands[i];
  for (int p = 0; s && p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p];
    if (a->kind == FX_ARG_TENSOR) {
      MlirValue v = operandFor(op, a, operands);
      args.values[n++] = mlirValueIsNull(v) ? fxI64Const(L, 0) : v;
      continue;
    }
    if (a->kind == FX_ARG_TENSOR_LIST) {
      for (intptr_t i = 0; i < numOperands; ++i)
        if (fxCallGetOperandParam(op, s, i) == p)
          args.values[n++] = operands[i];
      continue;
    }
    if (!scalarValue(L, op, a, passing(a), &args.values[n])) {
      fxLowerError(L, "cannot lower a call of %s: parameter '%s' has no value",
                   tgt, a->name);
      goto done;
    }
    ++n;
  }
  if (!announceDtypes(L, n, args.types))
    goto done;
  guardedCall(L, entered, name, n, args.values);
  ok = true;
done:
  free(name);
  free(args.values);
  free(args.types);
  return ok;
}

bool fxLowerCall(FxLower *L, MlirOperation op) {
  MlirStringRef target = fxCallGetTarget(op);
  const FxSchema *s = fxSchemaTableLookup(L->schemas, target);
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  intptr_t numResults = mlirOperationGetNumResults(op);
  MlirValue operands[FX_MAX_OPERANDS], results[FX_MAX_OPERANDS + FX_MAX_RESULTS];
  if (numOperands > FX_MAX_OPERANDS || numResults > FX_MAX_RESULTS) {
    fxLowerError(L, "cannot lower a call with %d operands and %d results (at "
                    "most %d and %d)", (int)numOperands, (int)numResults,
                 FX_MAX_OPERANDS, FX_MAX_RESULTS);
    return false;
  }
  if (!s && fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED) {
    fxLowerError(L, "cannot lower fx.auto_functionalized of %.*s: it has no "
                    "schema to say what it mutates",
                 (int)target.length, target.data);
    return false;
  }
  for (intptr_t i = 0; i < numOperands; ++i)
    operands[i] = fxMemRefOf(mlirOperationGetOperand(op, i));
  if (mlirValueIsNull(fxEnter(L)))
    return false;

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
      if (mlirValueIsNull(copy) || !fxCopy(L, copy, operands[i]))
        return false;
      operands[i] = copy;
      results[r++] = copy;
    }
  }

  /* The `impl` and kernel columns of the target's row (fx_builtins.def). */
  FxBuiltinImpl impl = fxSchemaBuiltinImpl(target.data, target.length);
  const FxBuiltinKernel *kernel = fxSchemaBuiltinKernel(target.data, target.length);
  /* The dtypes the kernel takes: valid torch it cannot run is an error here,
   * at the op (fxCheckAtenKernelCall emits it); copy_'s too (no conversion
   * of the packed f4e2m1fnx2). */
  if ((impl == FX_IMPL_KERNEL || impl == FX_IMPL_COPY) &&
      mlirLogicalResultIsFailure(fxCheckAtenKernelCall(op, s))) {
    L->errors++;
    return false;
  }
  switch (impl) {
  case FX_IMPL_ALLOC:
  case FX_IMPL_CLONE:
    results[0] = fxAllocTensor(L, mlirValueGetType(mlirOperationGetResult(op, 0)));
    if (mlirValueIsNull(results[0]))
      return false;
    if (impl == FX_IMPL_CLONE && !fxCopy(L, results[0], operands[0]))
      return false;
    break;
  case FX_IMPL_COPY: {
    MlirValue self = fxMemRefOf(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("self")));
    MlirValue src = fxMemRefOf(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("src")));
    if (fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED) /* write the copy */
      self = results[numReturns];
    MlirType selfType = mlirValueGetType(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("self")));
    if (fxOpGetKind(op) == FX_OP_CALL && !checkWritable(L, self, selfType))
      return false; /* (in place: the functional form writes a fresh copy) */
    MlirType srcType = mlirValueGetType(fxCallGetOperandByName(op, mlirStringRefCreateFromCString("src")));
    if (mlirTypeEqual(selfType, srcType)) {
      if (!fxCopy(L, self, src))
        return false;
    } else if (!callKernel(L, op, s, kernel, operands, NULL)) {
      return false; /* dtype conversion and/or broadcast: kernels/cpu/copy.c */
    }
    if (numReturns)
      results[0] = self;
    break;
  }
  case FX_IMPL_VIEW:
    if (!fxLowerAtenView(L, op, target, &results[0]))
      return false;
    break;
  case FX_IMPL_KERNEL:
  case FX_IMPL_NONE:
    for (int i = 0; i < numReturns; ++i) {
      results[i] = fxAllocTensor(L, mlirValueGetType(mlirOperationGetResult(op, i)));
      if (mlirValueIsNull(results[i]))
        return false;
    }
    if (impl == FX_IMPL_KERNEL ? !callKernel(L, op, s, kernel, operands, results)
                               : !callUserOp(L, op, s, operands, numReturns, results))
      return false;
    break;
  }
  fxPublish(L, op, numResults, results);
  return true;
}
