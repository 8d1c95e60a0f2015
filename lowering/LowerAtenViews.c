/* LowerAtenViews.c - torch's view ops (fx_builtins.def rows of impl VIEW:
 * aten::t, transpose.int, permute, unsqueeze, squeeze.dim, expand,
 * select.int, detach, alias, as_strided) as views of their `self`, never
 * a copy.
 *
 * One call of fxrt_view (kernels/views.c) per op, like fxrt_reshape: the
 * input's memref descriptor goes to the scratch, the result type's sizes
 * and the op's integer arguments to an i64 buffer, and the result's
 * descriptor comes back over the same storage with torch's sizes, strides
 * and offset.  The run time checks the arguments (a dim out of range, an
 * expand from a size other than 1) and that the sizes are the result
 * type's: the verifier has no rule for these ops, and never trusts a type
 * it cannot decide.
 */
#include "Lower.h"
#include "fxrt.h" /* FXRT_VIEW_* */

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <string.h>

/* One row per op: the fxrt_view kind and its integer parameters in the
 * order fxrt_view reads them (a list parameter gives all its entries);
 * `optional` marks the last as one the call may leave out. */
static const struct {
  const char *target;
  int kind;
  const char *params[2];
  bool optional;
} kViews[] = {
    {"aten::t", FXRT_VIEW_T, {NULL, NULL}, false},
    {"aten::transpose.int", FXRT_VIEW_TRANSPOSE, {"dim0", "dim1"}, false},
    {"aten::permute", FXRT_VIEW_PERMUTE, {"dims", NULL}, false},
    {"aten::unsqueeze", FXRT_VIEW_UNSQUEEZE, {"dim", NULL}, false},
    {"aten::squeeze.dim", FXRT_VIEW_SQUEEZE, {"dim", NULL}, false},
    {"aten::expand", FXRT_VIEW_EXPAND, {"size", NULL}, false},
    {"aten::select.int", FXRT_VIEW_SELECT, {"dim", "index"}, false},
    {"aten::detach", FXRT_VIEW_ALIAS, {NULL, NULL}, false},
    {"aten::alias", FXRT_VIEW_ALIAS, {NULL, NULL}, false},
    {"aten::as_strided", FXRT_VIEW_AS_STRIDED, {"stride", "storage_offset"}, true},
};

/* An integer argument's index value: an i64, a symbol or an expression. */
static MlirValue intValue(FxLower *L, MlirAttribute a) {
  if (mlirAttributeIsAInteger(a))
    return fxIndexConst(L, mlirIntegerAttrGetValueInt(a));
  if (mlirAttributeIsAString(a))
    return fxSymbolicValue(L, mlirStringAttrGetValue(a));
  return (MlirValue){NULL};
}

bool fxLowerAtenView(FxLower *L, MlirOperation op, MlirStringRef target,
                     MlirValue *result) {
  int row = -1;
  for (size_t i = 0; i < sizeof kViews / sizeof *kViews; ++i)
    if (strlen(kViews[i].target) == target.length &&
        memcmp(kViews[i].target, target.data, target.length) == 0)
      row = (int)i;
  MlirValue selfFx = fxCallGetOperandByName(op, mlirStringRefCreateFromCString("self"));
  if (row < 0 || mlirValueIsNull(selfFx) || fxOpGetKind(op) != FX_OP_CALL ||
      mlirOperationGetNumResults(op) != 1) {
    fxLowerError(L, "cannot lower %.*s as a view: only an fx.call of one of "
                    "torch's view ops with its `self` and one result is one",
                 (int)target.length, target.data);
    return false;
  }
  MlirType inFx = mlirValueGetType(selfFx);
  MlirType outFx = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirTypeEqual(fxTensorTypeGetDtype(inFx), fxTensorTypeGetDtype(outFx))) {
    char a[64], b[64];
    fxLowerTypeText(fxTensorTypeGetDtype(inFx), a, sizeof a);
    fxLowerTypeText(fxTensorTypeGetDtype(outFx), b, sizeof b);
    fxLowerError(L, "%.*s is a view of self: its result has self's dtype %s, "
                    "not %s", (int)target.length, target.data, a, b);
    return false;
  }
  /* The result type's sizes, then the arguments. */
  intptr_t inRank = fxTensorTypeGetRank(inFx), outRank = fxTensorTypeGetRank(outFx);
  MlirValue values[2 * FX_LOWER_MAX_RANK + 2];
  intptr_t n = 0;
  for (intptr_t i = 0; i < outRank; ++i)
    values[n++] = fxDimValue(L, outFx, i);
  for (int k = 0; k < 2 && kViews[row].params[k]; ++k) {
    MlirAttribute a = fxCallGetArg(op, mlirStringRefCreateFromCString(kViews[row].params[k]));
    if (mlirAttributeIsNull(a) && kViews[row].optional &&
        (k == 1 || !kViews[row].params[1]))
      continue; /* fxrt_view knows it from the count */
    intptr_t m = mlirAttributeIsNull(a) ? 0 : mlirAttributeIsAArray(a) ? mlirArrayAttrGetNumElements(a) : 1;
    if (mlirAttributeIsNull(a) || m > FX_LOWER_MAX_RANK) {
      fxLowerError(L, "cannot lower %.*s: its argument '%s' is %s", (int)target.length,
                   target.data, kViews[row].params[k],
                   mlirAttributeIsNull(a) ? "missing" : "longer than the runtime's rank limit");
      return false;
    }
    for (intptr_t j = 0; j < m; ++j) {
      MlirValue v = intValue(L, mlirAttributeIsAArray(a) ? mlirArrayAttrGetElement(a, j) : a);
      if (mlirValueIsNull(v)) {
        fxLowerError(L, "cannot lower %.*s: its argument '%s' is not an integer, "
                        "a bound symbol or an expression of bound symbols",
                     (int)target.length, target.data, kViews[row].params[k]);
        return false;
      }
      values[n++] = v;
    }
  }
  for (intptr_t i = 0; i < n; ++i)
    if (mlirValueIsNull(values[i]))
      return false; /* an unbound symbol in the result type: reported */
  /* Scratch: the i64 buffer, then the two descriptors (valid for this op). */
  int64_t paramsAt = L->scratchUsed;
  fxI64Buffer(L, n, values);
  MlirValue inAddr = fxScratchStoreDescriptor(L, fxMemRefOf(selfFx), inFx);
  int64_t outAt = fxScratchReserveDescriptor(L);
  MlirType outType = fxLowerTensorType(L->ctx, outFx);
  MlirValue outSlot = fxScratchSlot(L, outAt, outType), zero = fxIndexConst(L, 0);
  char who[128];
  snprintf(who, sizeof who, "%.*s", (int)target.length, target.data);
  MlirValue args[8] = {inAddr, fxScratchAddress(L, outAt),
                       fxI64Const(L, kViews[row].kind), fxI64Const(L, inRank),
                       fxI64Const(L, outRank), fxScratchAddress(L, paramsAt),
                       fxI64Const(L, n), fxCStringAddress(L, who)};
  fxCallI64(L, "fxrt_view", 8, args, false);
  MlirValue load[2] = {outSlot, zero};
  *result = mlirOperationGetResult(fxBuild(L, "memref.load", 2, load, 1, &outType, 0, NULL), 0);
  return true;
}
