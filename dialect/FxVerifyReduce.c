/* FxVerifyReduce.c - the result rules of torch's reductions (the `rule`
 * column of kernels/fx_builtins.def): sum.dim_IntList and mean.dim
 * (checkReduce), _softmax (checkSoftmax).
 *
 * The dims are integers in [-rank, rank) (a 0-dim tensor takes 0 and -1),
 * each once; none (or an empty list) reduces every dim, as torch does for
 * these overloads.  keepdim keeps the reduced dims as 1.  Dtypes: sum
 * gives `dtype` when given, else i64 for ints and bool and self's dtype
 * for floats; mean gives `dtype` or self's, which must be a float
 * (torch: "mean(): could not infer output dtype"); _softmax keeps self's
 * float dtype, or gives f32 from f16/bf16 with half_to_float. */
#include "FxVerifyAten.h"

/* Bits of the reduced dims of a rank-`rank` tensor, from the int list
 * argument `name` (absent: every dim). */
static MlirLogicalResult dimMask(const Call *c, const char *name,
                                 intptr_t rank, unsigned *mask) {
  MlirAttribute list = fxCallGetArg(c->op, fxStr(name));
  intptr_t n = mlirAttributeIsNull(list) ? 0 : mlirArrayAttrGetNumElements(list);
  *mask = n == 0 ? (1u << rank) - 1 : 0;
  int64_t wrap = rank > 0 ? rank : 1;
  for (intptr_t i = 0; i < n; ++i) {
    MlirAttribute e = mlirArrayAttrGetElement(list, i);
    if (!mlirAttributeIsAInteger(e))
      return FAIL(c, "%s entry %d is %s; dims are integers", name, (int)i,
                  fxAttrText(e).s);
    int64_t d = mlirIntegerAttrGetValueInt(e);
    if (d < -wrap || d >= wrap)
      return FAIL(c, "%s entry %d is %" PRId64 ", out of range for self of "
                     "rank %d (expected [%" PRId64 ", %" PRId64 "])",
                  name, (int)i, d, (int)rank, -wrap, wrap - 1);
    int w = (int)((d < 0 ? d + wrap : d) % wrap);
    if (rank && (*mask >> w & 1))
      return FAIL(c, "dim %d appears more than once in %s", w, name);
    *mask |= rank ? 1u << w : 0;
  }
  return OK;
}

MlirLogicalResult checkReduce(const Call *c) {
  bool mean = strcmp(c->schema->qualifiedName, "aten::mean.dim") == 0;
  MlirType self = operandType(c, "self");
  FxDim d[FX_MAX_RANK], out[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, d), outRank = 0;
  unsigned mask;
  TRY(dimMask(c, "dim", rank, &mask));
  MlirAttribute keep = fxCallGetArg(c->op, fxStr("keepdim"));
  bool keepdim = !mlirAttributeIsNull(keep) && mlirBoolAttrGetValue(keep);
  for (intptr_t i = 0; i < rank; ++i)
    if (!(mask >> i & 1) || keepdim)
      out[outRank++] = mask >> i & 1 ? (FxDim){1, {NULL, 0}} : d[i];
  MlirAttribute given = fxCallGetArg(c->op, fxStr("dtype"));
  MlirType dtype = fxTensorTypeGetDtype(self);
  const FxDtypeInfo *info = fxDtypeInfo(dtype);
  if (!mlirAttributeIsNull(given)) {
    dtype = mlirTypeAttrGetValue(given);
    if (!(info = fxDtypeInfo(dtype)))
      return FAIL(c, "dtype %s is not a dtype of fx tensors",
                  fxAttrText(given).s);
  } else if (!mean && info && info->category != FX_CATEGORY_FLOAT) {
    dtype = mlirIntegerTypeGet(mlirOperationGetContext(c->op), 64);
  }
  if (mean && info && info->category != FX_CATEGORY_FLOAT)
    return FAIL(c, "the result dtype %s is not a float (torch: mean(): "
                   "could not infer output dtype)",
                fxTypeText(dtype).s);
  TRY(checkKernelDtype(c, "self", self, isNumber));
  if (c->kernel && !inSet(dtype, isNumber))
    return FAIL(c, "the built-in kernel gives results of dtype %s, not %s",
                setText(isNumber), fxTypeText(dtype).s);
  return expectResult(c, outRank, out, dtype,
                      mean ? "self without the reduced dims, the dtype "
                             "argument or self's"
                           : "self without the reduced dims, the dtype "
                             "argument or self's (i64 for ints and bool)");
}

/* f32, f16, bf16, f64: the dtypes torch's CPU softmax takes. */
static bool isReal(const FxDtypeInfo *d) {
  return (FX_DT(d->code) & FX_DT_REAL) != 0;
}

MlirLogicalResult checkSoftmax(const Call *c) {
  MlirType self = operandType(c, "self");
  FxDim d[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, d);
  MlirAttribute dimAttr = fxCallGetArg(c->op, fxStr("dim"));
  if (!mlirAttributeIsAInteger(dimAttr))
    return FAIL(c, "dim is %s; it must be an integer", fxAttrText(dimAttr).s);
  int64_t dim = mlirIntegerAttrGetValueInt(dimAttr), wrap = rank ? rank : 1;
  if (dim < -wrap || dim >= wrap)
    return FAIL(c, "dim %" PRId64 " is out of range for self of rank %d "
                   "(expected [%" PRId64 ", %" PRId64 "])",
                dim, (int)rank, -wrap, wrap - 1);
  MlirType dtype = fxTensorTypeGetDtype(self);
  if (!inSet(dtype, isReal))
    return FAIL(c, "torch's _softmax takes %s, not %s", setText(isReal),
                dtypeText(self).s);
  MlirAttribute h = fxCallGetArg(c->op, fxStr("half_to_float"));
  if (mlirBoolAttrGetValue(h)) {
    if (!mlirTypeIsAF16(dtype) && !mlirTypeIsABF16(dtype))
      return FAIL(c, "half_to_float takes an f16 or bf16 self, not %s",
                  dtypeText(self).s);
    dtype = mlirF32TypeGet(mlirOperationGetContext(c->op));
  }
  return expectResult(c, rank, d, dtype,
                      mlirBoolAttrGetValue(h)
                          ? "self's shape, f32 (half_to_float)"
                          : "self's type");
}
