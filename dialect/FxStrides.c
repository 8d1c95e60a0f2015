/* FxStrides.c - declared argument layouts: `{fx.strides = [S...]}` on a
 * function argument (include/fxir/Fx.h, docs/dialect.md "Layouts").
 *
 * Strides are an argument attribute, not part of !fx.tensor: a stride is a
 * promise about one storage, and the ops that relate types (an identity
 * reshape, a scatter's base, the new value of a mutated operand) would
 * otherwise tell apart tensors torch treats as the same type.  MLIR's
 * `bufferization.buffer_layout` argument attribute is the same idea. */
#include "FxInternal.h"
#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"

#include <inttypes.h>
#include <stdio.h>

/* The `fx.strides` entry of argument `arg`'s attribute dictionary; null
 * when `arg` is not an entry argument of a func.func or has none. */
MlirAttribute fxArgumentGetStridesAttr(MlirValue arg) {
  MlirAttribute none = {NULL};
  if (!mlirValueIsABlockArgument(arg))
    return none;
  MlirBlock block = mlirBlockArgumentGetOwner(arg);
  MlirOperation func = mlirBlockGetParentOperation(block);
  if (mlirOperationIsNull(func) ||
      !fxStrEq(mlirIdentifierStr(mlirOperationGetName(func)), "func.func") ||
      !mlirBlockEqual(mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0)),
                      block))
    return none;
  MlirAttribute all = mlirOperationGetAttributeByName(func, fxStr("arg_attrs"));
  intptr_t i = mlirBlockArgumentGetArgNumber(arg);
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
      i >= mlirArrayAttrGetNumElements(all))
    return none;
  MlirAttribute dict = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(dict))
    return none;
  return mlirDictionaryAttrGetElementByName(dict, fxStr("fx.strides"));
}

intptr_t fxArgumentGetStrides(MlirValue arg, FxDim *strides, intptr_t max) {
  MlirAttribute a = fxArgumentGetStridesAttr(arg);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAArray(a))
    return -1;
  intptr_t n = mlirArrayAttrGetNumElements(a);
  for (intptr_t i = 0; i < n && i < max; ++i)
    strides[i] = fxDimFromAttr(mlirArrayAttrGetElement(a, i));
  return n;
}

/* `a` * `b` into `out` as canonical text ("12", "128*s0"); false when the
 * product is no canonical expression fxir can hold (then nothing is
 * known). */
static bool multiply(const char *a, FxDim b, char *out, size_t size) {
  char text[2 * FX_DIM_EXPR_MAX_LENGTH + 16], err[256];
  if (b.symbol.length)
    snprintf(text, sizeof text, "(%s)*(%.*s)", a, (int)b.symbol.length,
             b.symbol.data);
  else
    snprintf(text, sizeof text, "(%s)*%" PRId64, a, b.size);
  bool isInt;
  int64_t value;
  return fxDimExprCanonicalize(fxStr(text), out, size, &isInt, &value, err,
                               sizeof err);
}

/* torch's is_contiguous (c10 TensorImpl::compute_contiguous): the stride
 * of every dim of size other than 1 is the product of the sizes after it;
 * an empty tensor is contiguous. */
bool fxStridesAreContiguous(MlirType t, const FxDim *strides) {
  FxDim dims[FX_MAX_RANK];
  intptr_t rank = fxTensorTypeGetDims(t, dims, FX_MAX_RANK);
  if (rank > FX_MAX_RANK)
    return false;
  for (intptr_t d = 0; d < rank; ++d)
    if (!dims[d].symbol.length && dims[d].size == 0)
      return true;
  char expected[FX_DIM_EXPR_MAX_LENGTH] = "1";
  for (intptr_t d = rank - 1; d >= 0; --d) {
    FxDim z = dims[d], s = strides[d];
    if (!z.symbol.length && z.size == 1)
      continue;
    char have[32];
    if (!s.symbol.length)
      snprintf(have, sizeof have, "%" PRId64, s.size);
    if (s.symbol.length ? !fxStrEq(s.symbol, expected) : strcmp(have, expected))
      return false;
    if (d > 0 && !multiply(expected, z, expected, sizeof expected))
      return false;
  }
  return true;
}
