/* LowerViews.c - lowering fx.view, fx.reshape, fx.slice, fx.slice_scatter.
 *
 *   fx.view / fx.reshape   one call of fxrt_reshape, which returns the
 *                          storage (the input's for a view, a contiguous
 *                          copy where a reshape cannot view) and its
 *                          offset and strides; memref.view +
 *                          memref.reinterpret_cast make the result.  No
 *                          control flow: lowering stays linear in the
 *                          number of reshapes (SCF-to-CF splits a block per
 *                          scf.if, which made it quadratic).
 *   fx.slice               memref.subview
 *   fx.slice_scatter       fxrt_alloc + fxrt_copy(base) + fxrt_copy(src into
 *                          a subview)
 * Whatever the types leave to symbol values is checked at run time (numel
 * of a reshape, the length and the other dims of a slice; fxrt.h, "Run-time
 * checks"), never trusted.
 */
#include "Lower.h"
#include "common/fx_slice.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static MlirType typeOf(MlirValue v) { return mlirValueGetType(v); }

/*===-- view / reshape ------------------------------------------------------===*/

/* fxrt_reshape reads the input's memref descriptor from one scratch slot
 * and writes the result's into another (memref-typed stores and loads: one
 * op each), so a reshape costs a store, a call and a load. */
enum { kReshapeIn = 0, kReshapeOut = 8 * (3 + 2 * FX_LOWER_MAX_RANK) };

bool fxLowerView(FxLower *L, MlirOperation op) {
  MlirValue inFx = mlirOperationGetOperand(op, 0);
  MlirValue in = fxMemRefOf(inFx);
  MlirType outFx = typeOf(mlirOperationGetResult(op, 0));
  if (mlirTypeEqual(typeOf(inFx), outFx)) { /* identity: the same view */
    fxPublish(L, op, 1, &in);
    return true;
  }
  int dtype = fxLowerDtypeCode(fxTensorTypeGetDtype(outFx));
  if (dtype < 0) {
    char name[64];
    fxLowerTypeText(fxTensorTypeGetDtype(outFx), name, sizeof name);
    fxLowerError(L, "cannot lower %s of a %s tensor: the runtime has no "
                    "dtype %s", fxOpKindName(fxOpGetKind(op)), name, name);
    return false;
  }
  MlirType inType = fxLowerTensorType(L->ctx, typeOf(inFx));
  MlirType outType = fxLowerTensorType(L->ctx, outFx);
  MlirValue inSlot = fxScratchSlot(L, kReshapeIn, inType);
  MlirValue outSlot = fxScratchSlot(L, kReshapeOut, outType);
  MlirValue zero = fxIndexConst(L, 0);
  MlirValue storeOps[3] = {in, inSlot, zero};
  fxBuild(L, "memref.store", 3, storeOps, 0, NULL, 0, NULL);

  if (mlirValueIsNull(fxEnter(L)))
    return false;
  intptr_t rank = fxTensorTypeGetRank(outFx);
  MlirValue args[6 + FX_LOWER_MAX_RANK] = {
      fxScratchAddress(L, kReshapeIn), fxScratchAddress(L, kReshapeOut),
      fxI64Const(L, dtype), fxI64Const(L, fxTensorTypeGetRank(typeOf(inFx))),
      fxI64Const(L, rank),
      fxI64Const(L, fxOpGetKind(op) == FX_OP_VIEW ? 0 : 1 /* FXRT_RESHAPE_MAY_COPY */)};
  for (intptr_t i = 0; i < FX_LOWER_MAX_RANK; ++i)
    args[6 + i] = i < rank ? fxDimValueI64(L, outFx, i) : fxI64Const(L, 0);
  fxCallI64(L, "fxrt_reshape", 6 + FX_LOWER_MAX_RANK, args, false);
  MlirValue loadOps[2] = {outSlot, zero};
  MlirValue result = mlirOperationGetResult(
      fxBuild(L, "memref.load", 2, loadOps, 1, &outType, 0, NULL), 0);
  fxPublish(L, op, 1, &result);
  return true;
}

/*===-- slice / slice_scatter ----------------------------------------------===*/

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, str(name));
}

/* A start/end attribute as text ("2", "s1", "" for "to the end"). */
static void boundText(MlirAttribute a, char *out, size_t cap) {
  if (mlirAttributeIsAString(a)) {
    MlirStringRef s = mlirStringAttrGetValue(a);
    snprintf(out, cap, "%.*s", (int)s.length, s.data);
  } else if (mlirIntegerAttrGetValueInt(a) == INT64_MAX)
    snprintf(out, cap, "%s", "");
  else
    snprintf(out, cap, "%lld", (long long)mlirIntegerAttrGetValueInt(a));
}

/* A start/end attribute as an i64 value (a symbol's value or a constant);
 * `*known` receives the constant, if it is one.  Null for a symbol the
 * function does not bind (error emitted). */
static MlirValue boundValue(FxLower *L, MlirAttribute a, bool *isConst,
                            int64_t *known) {
  if (mlirAttributeIsAString(a)) {
    MlirStringRef sym = mlirStringAttrGetValue(a);
    MlirValue v = fxSymbolicValue(L, sym);
    *isConst = false;
    if (mlirValueIsNull(v)) {
      fxLowerError(L, "cannot lower: slice bound \"%.*s\" is not a symbol "
                      "bound by an argument of the function, nor an "
                      "expression of such symbols",
                   (int)sym.length, sym.data);
      return v;
    }
    return fxIndexToI64(L, v);
  }
  *isConst = true;
  *known = mlirIntegerAttrGetValueInt(a);
  return fxI64Const(L, *known);
}

/* memref.subview of `m` (fx type `fxIn`) at the region of slice-like `op`,
 * whose sizes are those of fx type `fxPart` (the slice's result, or the
 * scatter's src: `partName` says which).  The region has exactly `fxPart`'s
 * shape: the verifier decides every dim the types decide; the sliced dim's
 * length, where it depends on symbol values, is checked at run time
 * (fxrt_slice), so the subview never reaches outside `m`. */
static MlirValue subview(FxLower *L, MlirOperation op, MlirValue m,
                         MlirType fxIn, MlirType fxPart, const char *partName) {
  const char *opName = fxOpKindName(fxOpGetKind(op));
  intptr_t rank = fxTensorTypeGetRank(fxIn);
  int64_t dim = mlirIntegerAttrGetValueInt(attr(op, "dim"));
  int64_t step = mlirIntegerAttrGetValueInt(attr(op, "step"));
  if (dim < 0)
    dim += rank;
  if (fxTensorTypeGetRank(fxPart) != rank || dim < 0 || dim >= rank || step < 1) {
    fxLowerError(L, "cannot lower %s: dim %lld and step %lld do not describe a "
                    "region of rank %d like its %s",
                 opName, (long long)mlirIntegerAttrGetValueInt(attr(op, "dim")),
                 (long long)step, (int)rank, partName);
    return (MlirValue){NULL};
  }
  char inDims[512], partDims[512], lo[64], hi[64], who[1400];
  fxDimsText(fxIn, inDims, sizeof inDims);
  fxDimsText(fxPart, partDims, sizeof partDims);
  boundText(attr(op, "start"), lo, sizeof lo);
  boundText(attr(op, "end"), hi, sizeof hi);
  snprintf(who, sizeof who, "%s of %s at dim %lld [%s:%s:%lld] %s %s", opName,
           inDims, (long long)dim, lo, hi, (long long)step,
           strcmp(partName, "src") == 0 ? "with src" : "to", partDims);

  /* The other dims are equal by type: the verifier rejects a region whose
   * dims outside the sliced one differ from the input's (symbols by
   * name), so a difference here is our bug, not the user's. */
  for (intptr_t i = 0; i < rank; ++i)
    if (i != dim && !fxDimEqual(fxTensorTypeGetDim(fxIn, i), fxTensorTypeGetDim(fxPart, i))) {
      fxLowerError(L, "fxir internal error: %s: dim %d differs outside the "
                      "sliced dim (the verifier should have rejected it)",
                   who, (int)i);
      return (MlirValue){NULL};
    }

  /* The sliced dim: its length under torch's rule. */
  bool startConst, endConst;
  int64_t start = 0, end = 0;
  MlirValue startV = boundValue(L, attr(op, "start"), &startConst, &start);
  MlirValue endV = boundValue(L, attr(op, "end"), &endConst, &end);
  if (mlirValueIsNull(startV) || mlirValueIsNull(endV))
    return (MlirValue){NULL};
  FxDim size = fxTensorTypeGetDim(fxIn, dim), part = fxTensorTypeGetDim(fxPart, dim);
  MlirValue offset;
  if (startConst && endConst && !size.symbol.length && !part.symbol.length) {
    int64_t length;
    int64_t s = fxSliceBounds(size.size, start, end, step, &length);
    if (length != part.size) { /* (the verifier decides static lengths) */
      fxLowerError(L, "fxir internal error: %s selects %lld elements of dim "
                      "%lld, not %lld (the verifier should have rejected it)",
                   who, (long long)length, (long long)dim, (long long)part.size);
      return (MlirValue){NULL};
    }
    offset = fxIndexConst(L, s);
  } else {
    if (mlirValueIsNull(fxEnter(L)))
      return (MlirValue){NULL};
    MlirValue args[6] = {fxDimValueI64(L, fxIn, dim), startV, endV,
                         fxI64Const(L, step),
                         fxDimValueI64(L, fxPart, dim),
                         fxCStringAddress(L, who)};
    MlirValue s = fxCallI64(L, "fxrt_slice", 6, args, true);
    if (mlirValueIsNull(s))
      return (MlirValue){NULL};
    offset = fxI64ToIndex(L, s);
  }

  MlirValue offsets[FX_LOWER_MAX_RANK], strides[FX_LOWER_MAX_RANK],
      sizes[FX_LOWER_MAX_RANK];
  int64_t staticSizes[FX_LOWER_MAX_RANK], dynAll[FX_LOWER_MAX_RANK];
  int numDynSizes = 0;
  for (intptr_t i = 0; i < rank; ++i) {
    dynAll[i] = mlirShapedTypeGetDynamicStrideOrOffset();
    offsets[i] = i == dim ? offset : fxIndexConst(L, 0);
    strides[i] = fxIndexConst(L, i == dim ? step : 1);
    FxDim d = fxTensorTypeGetDim(fxPart, i);
    staticSizes[i] = d.symbol.length ? mlirShapedTypeGetDynamicSize() : d.size;
    if (d.symbol.length)
      sizes[numDynSizes++] = fxDimValue(L, fxPart, i);
  }
  MlirValue ops[1 + 3 * FX_LOWER_MAX_RANK] = {m};
  intptr_t n = 1;
  for (intptr_t i = 0; i < rank; ++i)
    ops[n++] = offsets[i];
  for (int i = 0; i < numDynSizes; ++i)
    ops[n++] = sizes[i];
  for (intptr_t i = 0; i < rank; ++i)
    ops[n++] = strides[i];
  MlirNamedAttribute attrs[4] = {
      fxNamed(L, "operandSegmentSizes",
              mlirDenseI32ArrayGet(L->ctx, 4,
                                   (int32_t[]){1, (int32_t)rank, numDynSizes,
                                               (int32_t)rank})),
      fxNamed(L, "static_offsets", mlirDenseI64ArrayGet(L->ctx, rank, dynAll)),
      fxNamed(L, "static_sizes", mlirDenseI64ArrayGet(L->ctx, rank, staticSizes)),
      fxNamed(L, "static_strides", mlirDenseI64ArrayGet(L->ctx, rank, dynAll)),
  };
  MlirType out = fxLowerTensorType(L->ctx, fxPart);
  return mlirOperationGetResult(
      fxBuild(L, "memref.subview", n, ops, 1, &out, 4, attrs), 0);
}

bool fxLowerSlice(FxLower *L, MlirOperation op) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  MlirValue v = subview(L, op, fxMemRefOf(in), typeOf(in),
                        typeOf(mlirOperationGetResult(op, 0)), "result");
  if (mlirValueIsNull(v))
    return false;
  fxPublish(L, op, 1, &v);
  return true;
}

bool fxLowerSliceScatter(FxLower *L, MlirOperation op) {
  MlirValue base = mlirOperationGetOperand(op, 0);
  MlirValue src = mlirOperationGetOperand(op, 1);
  if (mlirValueIsNull(fxEnter(L)))
    return false;
  MlirValue buf = fxAllocTensor(L, typeOf(base));
  if (mlirValueIsNull(buf) || !fxCopy(L, buf, fxMemRefOf(base)))
    return false;
  /* The region is checked before the copy into it (the check and the copy
   * both do nothing after an earlier failure). */
  MlirValue region = subview(L, op, buf, typeOf(base), typeOf(src), "src");
  if (mlirValueIsNull(region) || !fxCopy(L, region, fxMemRefOf(src)))
    return false;
  fxPublish(L, op, 1, &buf);
  return true;
}
