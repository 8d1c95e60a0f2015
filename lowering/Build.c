/* Build.c - IR-building helpers of fx-lower-to-runtime (generic op form). */
#include "Lower.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

bool fxIsOpNamed(MlirOperation op, const char *name) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == strlen(name) && memcmp(n.data, name, n.length) == 0;
}

/*===-- Types ---------------------------------------------------------------===*/

/* Element types in FxDtype order (kernels/fxrt.h). */
static MlirType dtypeType(MlirContext ctx, int code) {
  switch (code) {
  case 0: return mlirF32TypeGet(ctx);
  case 1: return mlirF16TypeGet(ctx);
  case 2: return mlirBF16TypeGet(ctx);
  case 3: return mlirFloat8E4M3FNTypeGet(ctx);
  case 4: return mlirIntegerTypeGet(ctx, 8);
  case 5: return mlirIntegerTypeGet(ctx, 32);
  case 6: return mlirIntegerTypeGet(ctx, 64);
  case 7: return mlirIntegerTypeGet(ctx, 1);
  default: return (MlirType){NULL};
  }
}

int fxLowerDtypeCode(MlirType elementType) {
  MlirContext ctx = mlirTypeGetContext(elementType);
  for (int code = 0; code < 8; ++code)
    if (mlirTypeEqual(dtypeType(ctx, code), elementType))
      return code;
  return -1;
}

MlirType fxLowerTensorType(MlirContext ctx, MlirType fxType) {
  if (!fxTypeIsATensor(fxType))
    return (MlirType){NULL};
  intptr_t rank = fxTensorTypeGetRank(fxType);
  int64_t shape[FX_LOWER_MAX_RANK], strides[FX_LOWER_MAX_RANK];
  if (rank > FX_LOWER_MAX_RANK)
    return (MlirType){NULL};
  int64_t dyn = mlirShapedTypeGetDynamicStrideOrOffset();
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim d = fxTensorTypeGetDim(fxType, i);
    shape[i] = d.symbol.length ? mlirShapedTypeGetDynamicSize() : d.size;
    strides[i] = dyn;
  }
  /* Fully dynamic strides and offset: slices and views of any layout
   * compose without casts. */
  MlirAttribute layout = mlirStridedLayoutAttrGet(ctx, dyn, rank, strides);
  return mlirMemRefTypeGet(fxTensorTypeGetDtype(fxType), rank, shape, layout,
                           (MlirAttribute){NULL});
}

MlirType fxLowerType(MlirContext ctx, MlirType type) {
  if (fxTypeIsATensor(type))
    return fxLowerTensorType(ctx, type);
  if (fxTypeIsASym(type))
    return mlirIndexTypeGet(ctx);
  return type;
}

/*===-- Ops --------------------------------------------------------------===*/

MlirOperation fxBuild(FxLower *L, const char *name, intptr_t nOperands,
                      const MlirValue *operands, intptr_t nResults,
                      const MlirType *results, intptr_t nAttrs,
                      const MlirNamedAttribute *attrs) {
  MlirOperationState st = mlirOperationStateGet(str(name), L->loc);
  mlirOperationStateAddOperands(&st, nOperands, operands);
  mlirOperationStateAddResults(&st, nResults, results);
  mlirOperationStateAddAttributes(&st, nAttrs, attrs);
  MlirOperation op = mlirOperationCreate(&st);
  mlirRewriterBaseInsert(L->rw, op);
  return op;
}

MlirNamedAttribute fxNamed(FxLower *L, const char *name, MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(L->ctx, str(name)), attr);
}

static MlirValue constant(FxLower *L, MlirAttribute value) {
  MlirNamedAttribute a = fxNamed(L, "value", value);
  MlirType t = mlirAttributeGetType(value);
  return mlirOperationGetResult(fxBuild(L, "arith.constant", 0, NULL, 1, &t, 1, &a), 0);
}

MlirValue fxIndexConst(FxLower *L, int64_t v) {
  return constant(L, mlirIntegerAttrGet(mlirIndexTypeGet(L->ctx), v));
}

MlirValue fxI64Const(FxLower *L, int64_t v) {
  return constant(L, mlirIntegerAttrGet(mlirIntegerTypeGet(L->ctx, 64), v));
}

MlirValue fxF64Const(FxLower *L, double v) {
  return constant(L, mlirFloatAttrDoubleGet(L->ctx, mlirF64TypeGet(L->ctx), v));
}

MlirValue fxIndexToI64(FxLower *L, MlirValue index) {
  MlirType i64 = mlirIntegerTypeGet(L->ctx, 64);
  return mlirOperationGetResult(
      fxBuild(L, "arith.index_cast", 1, &index, 1, &i64, 0, NULL), 0);
}

MlirValue fxArith(FxLower *L, const char *op, MlirValue a, MlirValue b) {
  MlirValue operands[2] = {a, b};
  MlirType t = mlirValueGetType(a);
  return mlirOperationGetResult(fxBuild(L, op, 2, operands, 1, &t, 0, NULL), 0);
}

MlirValue fxSymbolValue(FxLower *L, MlirStringRef sym) {
  for (int k = 0; k < L->numSyms; ++k) {
    if (!mlirStringRefEqual(L->symNames[k], sym))
      continue;
    if (L->symDims[k] < 0)
      return L->symSources[k];
    MlirValue ops[2] = {L->symSources[k], fxIndexConst(L, L->symDims[k])};
    MlirType index = mlirIndexTypeGet(L->ctx);
    return mlirOperationGetResult(
        fxBuild(L, "memref.dim", 2, ops, 1, &index, 0, NULL), 0);
  }
  return (MlirValue){NULL}; /* the verifier guarantees it is declared */
}

MlirValue fxDimValue(FxLower *L, MlirType fxType, intptr_t i) {
  FxDim d = fxTensorTypeGetDim(fxType, i);
  return d.symbol.length ? fxSymbolValue(L, d.symbol) : fxIndexConst(L, d.size);
}

/*===-- Declarations and calls --------------------------------------------===*/

bool fxDeclare(FxLower *L, const char *name, intptr_t nIn, const MlirType *in,
               intptr_t nOut, const MlirType *out) {
  MlirType fnType = mlirFunctionTypeGet(L->ctx, nIn, in, nOut, out);
  MlirOperation existing = mlirSymbolTableLookup(L->symbols, str(name));
  if (!mlirOperationIsNull(existing)) {
    MlirAttribute have =
        mlirOperationGetAttributeByName(existing, str("function_type"));
    if (!mlirAttributeIsNull(have) &&
        mlirTypeEqual(mlirTypeAttrGetValue(have), fnType))
      return true;
    char msg[256];
    snprintf(msg, sizeof msg,
             "cannot lower: @%s is already declared with another type (a user "
             "op must be called with the same tensor types everywhere)",
             name);
    mlirEmitError(L->loc, msg);
    L->errors++;
    return false;
  }
  MlirNamedAttribute attrs[4] = {
      fxNamed(L, "sym_name", mlirStringAttrGet(L->ctx, str(name))),
      fxNamed(L, "function_type", mlirTypeAttrGet(fnType)),
      fxNamed(L, "sym_visibility", mlirStringAttrGet(L->ctx, str("private"))),
      fxNamed(L, "llvm.emit_c_interface", mlirUnitAttrGet(L->ctx)),
  };
  MlirOperationState st = mlirOperationStateGet(str("func.func"), L->loc);
  MlirRegion body = mlirRegionCreate();
  mlirOperationStateAddOwnedRegions(&st, 1, &body);
  mlirOperationStateAddAttributes(&st, 4, attrs);
  mlirSymbolTableInsert(L->symbols, mlirOperationCreate(&st));
  return true;
}

MlirOperation fxCall(FxLower *L, const char *name, intptr_t nArgs,
                     const MlirValue *args, intptr_t nOut,
                     const MlirType *out) {
  MlirNamedAttribute callee =
      fxNamed(L, "callee", mlirFlatSymbolRefAttrGet(L->ctx, str(name)));
  return fxBuild(L, "func.call", nArgs, args, nOut, out, 1, &callee);
}

/*===-- Records, storage, copies --------------------------------------------===*/

static MlirType i64Type(FxLower *L) { return mlirIntegerTypeGet(L->ctx, 64); }

static MlirType recordType(FxLower *L) {
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  return mlirMemRefTypeContiguousGet(i64Type(L), 1, &dyn, (MlirAttribute){NULL});
}

MlirValue fxRecord(FxLower *L, MlirValue m) {
  intptr_t rank = mlirValueIsNull(m) ? 0 : mlirShapedTypeGetRank(mlirValueGetType(m));
  int64_t len = 4 + 2 * rank;
  MlirType staticType =
      mlirMemRefTypeContiguousGet(i64Type(L), 1, &len, (MlirAttribute){NULL});
  MlirNamedAttribute seg =
      fxNamed(L, "operandSegmentSizes", mlirDenseI32ArrayGet(L->ctx, 2, (int32_t[]){0, 0}));
  MlirValue rec = mlirOperationGetResult(
      fxBuild(L, "memref.alloca", 0, NULL, 1, &staticType, 1, &seg), 0);
  MlirValue fields[4 + 2 * FX_LOWER_MAX_RANK];
  if (mlirValueIsNull(m)) {
    fields[0] = fields[1] = fields[3] = fxI64Const(L, 0);
    fields[2] = fxI64Const(L, -1);
  } else {
    MlirType t = mlirValueGetType(m);
    MlirType index = mlirIndexTypeGet(L->ctx);
    MlirValue ptr = mlirOperationGetResult(
        fxBuild(L, "memref.extract_aligned_pointer_as_index", 1, &m, 1, &index,
                0, NULL), 0);
    MlirType metaTypes[2 + 2 * FX_LOWER_MAX_RANK];
    metaTypes[0] = mlirMemRefTypeContiguousGet(mlirShapedTypeGetElementType(t),
                                               0, NULL, (MlirAttribute){NULL});
    for (intptr_t i = 1; i < 2 + 2 * rank; ++i)
      metaTypes[i] = index;
    MlirOperation meta = fxBuild(L, "memref.extract_strided_metadata", 1, &m,
                                 2 + 2 * rank, metaTypes, 0, NULL);
    fields[0] = fxIndexToI64(L, ptr);
    fields[1] = fxIndexToI64(L, mlirOperationGetResult(meta, 1));
    fields[2] = fxI64Const(L, fxLowerDtypeCode(mlirShapedTypeGetElementType(t)));
    fields[3] = fxI64Const(L, rank);
    for (intptr_t i = 0; i < 2 * rank; ++i)
      fields[4 + i] = fxIndexToI64(L, mlirOperationGetResult(meta, 2 + i));
  }
  for (int64_t i = 0; i < len; ++i) {
    MlirValue ops[3] = {fields[i], rec, fxIndexConst(L, i)};
    fxBuild(L, "memref.store", 3, ops, 0, NULL, 0, NULL);
  }
  MlirType dynType = recordType(L);
  return mlirOperationGetResult(
      fxBuild(L, "memref.cast", 1, &rec, 1, &dynType, 0, NULL), 0);
}

static int64_t elementBytes(MlirType element) {
  if (mlirTypeIsAInteger(element))
    return (mlirIntegerTypeGetWidth(element) + 7) / 8;
  if (mlirTypeIsAF32(element))
    return 4;
  if (mlirTypeIsAF64(element))
    return 8;
  if (mlirTypeIsAF16(element) || mlirTypeIsABF16(element))
    return 2;
  return 1; /* fp8 */
}

MlirValue fxAllocTensor(FxLower *L, MlirType fxType) {
  intptr_t rank = fxTensorTypeGetRank(fxType);
  MlirType element = fxTensorTypeGetDtype(fxType);
  MlirValue bytes = fxIndexConst(L, elementBytes(element));
  MlirValue dynSizes[FX_LOWER_MAX_RANK];
  int64_t shape[FX_LOWER_MAX_RANK];
  int numDyn = 0;
  for (intptr_t i = 0; i < rank; ++i) {
    MlirValue d = fxDimValue(L, fxType, i);
    bytes = fxArith(L, "arith.muli", bytes, d);
    FxDim dim = fxTensorTypeGetDim(fxType, i);
    shape[i] = dim.symbol.length ? mlirShapedTypeGetDynamicSize() : dim.size;
    if (dim.symbol.length)
      dynSizes[numDyn++] = d;
  }
  MlirValue arg = fxIndexToI64(L, bytes);
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  MlirType raw = mlirMemRefTypeContiguousGet(mlirIntegerTypeGet(L->ctx, 8), 1,
                                             &dyn, (MlirAttribute){NULL});
  MlirType i64 = i64Type(L);
  if (!fxDeclare(L, "fxrt_alloc", 1, &i64, 1, &raw))
    return (MlirValue){NULL};
  MlirValue buf =
      mlirOperationGetResult(fxCall(L, "fxrt_alloc", 1, &arg, 1, &raw), 0);
  MlirValue viewOps[2 + FX_LOWER_MAX_RANK] = {buf, fxIndexConst(L, 0)};
  for (int i = 0; i < numDyn; ++i)
    viewOps[2 + i] = dynSizes[i];
  MlirType dense =
      mlirMemRefTypeContiguousGet(element, rank, shape, (MlirAttribute){NULL});
  MlirValue view = mlirOperationGetResult(
      fxBuild(L, "memref.view", 2 + numDyn, viewOps, 1, &dense, 0, NULL), 0);
  MlirType canonical = fxLowerTensorType(L->ctx, fxType);
  return mlirOperationGetResult(
      fxBuild(L, "memref.cast", 1, &view, 1, &canonical, 0, NULL), 0);
}

void fxCopy(FxLower *L, MlirValue dst, MlirValue src) {
  MlirType rec[2] = {recordType(L), recordType(L)};
  if (!fxDeclare(L, "fxrt_copy", 2, rec, 0, NULL))
    return;
  MlirValue args[2] = {fxRecord(L, dst), fxRecord(L, src)};
  fxCall(L, "fxrt_copy", 2, args, 0, NULL);
}

MlirValue fxStringAddress(FxLower *L, MlirStringRef s) {
  int64_t len = (int64_t)s.length + 1;
  int8_t bytes[256];
  if (len > (int64_t)sizeof bytes)
    len = sizeof bytes; /* long names are cut; kernels only log them */
  memcpy(bytes, s.data, (size_t)len - 1);
  bytes[len - 1] = 0;
  MlirType i8 = mlirIntegerTypeGet(L->ctx, 8);
  MlirType type = mlirMemRefTypeContiguousGet(i8, 1, &len, (MlirAttribute){NULL});
  MlirType tensor = mlirRankedTensorTypeGet(1, &len, i8, (MlirAttribute){NULL});
  MlirNamedAttribute attrs[5] = {
      fxNamed(L, "sym_name", mlirStringAttrGet(L->ctx, str("__fx_str"))),
      fxNamed(L, "sym_visibility", mlirStringAttrGet(L->ctx, str("private"))),
      fxNamed(L, "type", mlirTypeAttrGet(type)),
      fxNamed(L, "initial_value",
              mlirDenseElementsAttrInt8Get(tensor, len, bytes)),
      fxNamed(L, "constant", mlirUnitAttrGet(L->ctx)),
  };
  MlirOperationState st = mlirOperationStateGet(str("memref.global"), L->loc);
  mlirOperationStateAddAttributes(&st, 5, attrs);
  MlirOperation global = mlirOperationCreate(&st);
  /* Insert renames on a clash: read the final name back. */
  MlirAttribute name = mlirSymbolTableInsert(L->symbols, global);
  MlirNamedAttribute sym =
      fxNamed(L, "name", mlirFlatSymbolRefAttrGet(L->ctx, mlirStringAttrGetValue(name)));
  MlirValue ref = mlirOperationGetResult(
      fxBuild(L, "memref.get_global", 0, NULL, 1, &type, 1, &sym), 0);
  MlirType index = mlirIndexTypeGet(L->ctx);
  MlirValue ptr = mlirOperationGetResult(
      fxBuild(L, "memref.extract_aligned_pointer_as_index", 1, &ref, 1, &index,
              0, NULL), 0);
  return fxIndexToI64(L, ptr);
}

/*===-- Lowered values ----------------------------------------------------===*/

/* The memref behind a lowered fx value, or null while its producer is not
 * lowered yet. */
MlirValue fxMemRefOf(MlirValue v) {
  if (!fxTypeIsATensor(mlirValueGetType(v)))
    return v;
  if (!mlirValueIsAOpResult(v))
    return (MlirValue){NULL};
  MlirOperation def = mlirOpResultGetOwner(v);
  if (!fxIsOpNamed(def, "builtin.unrealized_conversion_cast") ||
      mlirOperationGetNumOperands(def) != 1)
    return (MlirValue){NULL};
  return mlirOperationGetOperand(def, 0);
}

/* Replaces `op` by memrefs `values`, seen by fx users through casts. */
void fxPublish(FxLower *L, MlirOperation op, intptr_t n,
                    const MlirValue *values) {
  MlirValue casts[FX_MAX_RESULTS + 1];
  for (intptr_t i = 0; i < n; ++i) {
    MlirType fxType = mlirValueGetType(mlirOperationGetResult(op, i));
    casts[i] = mlirOperationGetResult(
        fxBuild(L, "builtin.unrealized_conversion_cast", 1, &values[i], 1,
                &fxType, 0, NULL), 0);
  }
  mlirRewriterBaseReplaceOpWithValues(L->rw, op, n, casts);
}

