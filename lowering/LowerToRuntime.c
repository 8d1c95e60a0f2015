/* LowerToRuntime.c - fx-lower-to-runtime: fx IR -> memref IR + libfxrt calls.
 *
 * Runs on builtin.module (it declares the runtime functions).  Per function:
 * the signature is converted (Lower.h), symbols get index values at entry,
 * then C-API patterns lower each fx op once its operands are lowered.  A
 * lowered value is handed to fx users as `unrealized_conversion_cast`
 * (memref -> !fx.tensor), so every op still sees its operands' fx types
 * (dims, symbols); the casts are gone at the end.
 *
 *   fx.view / fx.reshape   memref.reinterpret_cast with the strides
 *                          fxrt_view_strides computes; a reshape whose input
 *                          cannot be viewed so copies (scf.if)
 *   fx.slice               memref.subview
 *   fx.slice_scatter       fxrt_alloc + fxrt_copy(base) + fxrt_copy(src)
 *   fx.auto_functionalized fxrt_copy of each mutated operand into new
 *                          storage, then the in-place call on the copies
 *   fx.call                func.call @fxrt_<ns>__<op>: built-in kernels
 *                          take tensor records, user ops ranked memrefs
 *   aten::empty[_like]     fxrt_alloc;  aten::clone: alloc + fxrt_copy;
 *   aten::copy_            fxrt_copy
 */
#include "Lower.h"
#include "PassInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static MlirType typeOf(MlirValue v) { return mlirValueGetType(v); }

/*===-- view / reshape ------------------------------------------------------===*/

static MlirValue i64Buffer(FxLower *L, intptr_t n, const MlirValue *values) {
  int64_t len = n ? n : 1;
  MlirType i64 = mlirIntegerTypeGet(L->ctx, 64);
  MlirType t = mlirMemRefTypeContiguousGet(i64, 1, &len, (MlirAttribute){NULL});
  MlirNamedAttribute seg = fxNamed(
      L, "operandSegmentSizes", mlirDenseI32ArrayGet(L->ctx, 2, (int32_t[]){0, 0}));
  MlirValue buf = mlirOperationGetResult(
      fxBuild(L, "memref.alloca", 0, NULL, 1, &t, 1, &seg), 0);
  for (intptr_t i = 0; values && i < n; ++i) {
    MlirValue ops[3] = {fxIndexToI64(L, values[i]), buf, fxIndexConst(L, i)};
    fxBuild(L, "memref.store", 3, ops, 0, NULL, 0, NULL);
  }
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  MlirType dynT = mlirMemRefTypeContiguousGet(i64, 1, &dyn, (MlirAttribute){NULL});
  return mlirOperationGetResult(
      fxBuild(L, "memref.cast", 1, &buf, 1, &dynT, 0, NULL), 0);
}

/* memref.reinterpret_cast of `src` with all-dynamic offset/sizes/strides. */
static MlirValue reinterpret(FxLower *L, MlirValue src, MlirType resultType,
                             MlirValue offset, intptr_t rank,
                             const MlirValue *sizes, const MlirValue *strides) {
  MlirValue ops[1 + 1 + 2 * FX_LOWER_MAX_RANK] = {src, offset};
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  int64_t staticSizes[FX_LOWER_MAX_RANK], staticStrides[FX_LOWER_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i) {
    ops[2 + i] = sizes[i];
    ops[2 + rank + i] = strides[i];
    staticSizes[i] = dyn;
    staticStrides[i] = mlirShapedTypeGetDynamicStrideOrOffset();
  }
  int64_t dynOff = mlirShapedTypeGetDynamicStrideOrOffset();
  MlirNamedAttribute attrs[4] = {
      fxNamed(L, "operandSegmentSizes",
              mlirDenseI32ArrayGet(L->ctx, 4,
                                   (int32_t[]){1, 1, (int32_t)rank, (int32_t)rank})),
      fxNamed(L, "static_offsets", mlirDenseI64ArrayGet(L->ctx, 1, &dynOff)),
      fxNamed(L, "static_sizes", mlirDenseI64ArrayGet(L->ctx, rank, staticSizes)),
      fxNamed(L, "static_strides", mlirDenseI64ArrayGet(L->ctx, rank, staticStrides)),
  };
  /* All-dynamic sizes give a `?` shape; cast to the canonical type. */
  int64_t shape[FX_LOWER_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i)
    shape[i] = dyn;
  MlirAttribute layout = mlirStridedLayoutAttrGet(L->ctx, dynOff, rank, staticStrides);
  MlirType dynType = mlirMemRefTypeGet(mlirShapedTypeGetElementType(resultType),
                                       rank, shape, layout, (MlirAttribute){NULL});
  MlirValue r = mlirOperationGetResult(
      fxBuild(L, "memref.reinterpret_cast", 2 + 2 * rank, ops, 1, &dynType, 4,
              attrs), 0);
  return mlirOperationGetResult(
      fxBuild(L, "memref.cast", 1, &r, 1, &resultType, 0, NULL), 0);
}

static MlirValue offsetOf(FxLower *L, MlirValue m) {
  intptr_t rank = mlirShapedTypeGetRank(typeOf(m));
  MlirType types[2 + 2 * FX_LOWER_MAX_RANK];
  types[0] = mlirMemRefTypeContiguousGet(mlirShapedTypeGetElementType(typeOf(m)),
                                         0, NULL, (MlirAttribute){NULL});
  MlirType index = mlirIndexTypeGet(L->ctx);
  for (intptr_t i = 1; i < 2 + 2 * rank; ++i)
    types[i] = index;
  return mlirOperationGetResult(
      fxBuild(L, "memref.extract_strided_metadata", 1, &m, 2 + 2 * rank, types,
              0, NULL), 1);
}

/* Row-major strides of `sizes`. */
static void contiguousStrides(FxLower *L, intptr_t rank, const MlirValue *sizes,
                              MlirValue *strides) {
  MlirValue s = fxIndexConst(L, 1);
  for (intptr_t i = rank - 1; i >= 0; --i) {
    strides[i] = s;
    s = fxArith(L, "arith.muli", s, sizes[i]);
  }
}

/* Builds `scf.if %cond -> type` and returns it with the insertion point in
 * the then-block; `elseBlock` receives the else-block. */
static MlirOperation buildIf(FxLower *L, MlirValue cond, MlirType type,
                             MlirBlock *thenBlock, MlirBlock *elseBlock) {
  MlirRegion regions[2] = {mlirRegionCreate(), mlirRegionCreate()};
  *thenBlock = mlirBlockCreate(0, NULL, NULL);
  *elseBlock = mlirBlockCreate(0, NULL, NULL);
  mlirRegionAppendOwnedBlock(regions[0], *thenBlock);
  mlirRegionAppendOwnedBlock(regions[1], *elseBlock);
  MlirOperationState st = mlirOperationStateGet(str("scf.if"), L->loc);
  mlirOperationStateAddOperands(&st, 1, &cond);
  mlirOperationStateAddResults(&st, 1, &type);
  mlirOperationStateAddOwnedRegions(&st, 2, regions);
  MlirOperation op = mlirOperationCreate(&st);
  mlirRewriterBaseInsert(L->rw, op);
  return op;
}

static bool lowerView(FxLower *L, MlirOperation op) {
  MlirValue inFx = mlirOperationGetOperand(op, 0);
  MlirValue in = fxMemRefOf(inFx);
  MlirType outFx = typeOf(mlirOperationGetResult(op, 0));
  if (mlirTypeEqual(typeOf(inFx), outFx)) { /* identity: the same view */
    fxPublish(L, op, 1, &in);
    return true;
  }
  intptr_t rank = fxTensorTypeGetRank(outFx);
  MlirValue sizes[FX_LOWER_MAX_RANK], strides[FX_LOWER_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i)
    sizes[i] = fxDimValue(L, outFx, i);
  MlirType rec = typeOf(i64Buffer(L, 0, NULL)); /* memref<?xi64> */
  MlirType recs[3] = {rec, rec, rec};
  MlirType i64 = mlirIntegerTypeGet(L->ctx, 64);
  if (!fxDeclare(L, "fxrt_view_strides", 3, recs, 1, &i64))
    return false;
  MlirValue stridesBuf = i64Buffer(L, rank, NULL);
  MlirValue args[3] = {fxRecord(L, in), i64Buffer(L, rank, sizes), stridesBuf};
  MlirValue ok = mlirOperationGetResult(
      fxCall(L, "fxrt_view_strides", 3, args, 1, &i64), 0);
  MlirValue cmpOps[2] = {ok, fxI64Const(L, 0)};
  MlirType i1 = mlirIntegerTypeGet(L->ctx, 1);
  MlirNamedAttribute pred =
      fxNamed(L, "predicate", mlirIntegerAttrGet(mlirIntegerTypeGet(L->ctx, 64), 1));
  MlirValue viewable = mlirOperationGetResult(
      fxBuild(L, "arith.cmpi", 2, cmpOps, 1, &i1, 1, &pred), 0); /* ne */
  MlirType outType = fxLowerTensorType(L->ctx, outFx);
  MlirBlock thenB, elseB;
  MlirOperation ifOp = buildIf(L, viewable, outType, &thenB, &elseB);

  /* then: a view of the input with the computed strides. */
  mlirRewriterBaseSetInsertionPointToEnd(L->rw, thenB);
  for (intptr_t i = 0; i < rank; ++i) {
    MlirValue ld[2] = {stridesBuf, fxIndexConst(L, i)};
    MlirValue s = mlirOperationGetResult(
        fxBuild(L, "memref.load", 2, ld, 1, &i64, 0, NULL), 0);
    MlirType index = mlirIndexTypeGet(L->ctx);
    strides[i] = mlirOperationGetResult(
        fxBuild(L, "arith.index_cast", 1, &s, 1, &index, 0, NULL), 0);
  }
  MlirValue view = reinterpret(L, in, outType, offsetOf(L, in), rank, sizes, strides);
  fxBuild(L, "scf.yield", 1, &view, 0, NULL, 0, NULL);

  /* else: torch's reshape copies into contiguous storage first. */
  mlirRewriterBaseSetInsertionPointToEnd(L->rw, elseB);
  MlirValue copy = fxAllocTensor(L, typeOf(inFx));
  fxCopy(L, copy, in);
  contiguousStrides(L, rank, sizes, strides);
  MlirValue copied = reinterpret(L, copy, outType, fxIndexConst(L, 0), rank,
                                 sizes, strides);
  fxBuild(L, "scf.yield", 1, &copied, 0, NULL, 0, NULL);

  mlirRewriterBaseSetInsertionPointAfter(L->rw, ifOp);
  MlirValue result = mlirOperationGetResult(ifOp, 0);
  fxPublish(L, op, 1, &result);
  return true;
}

/*===-- slice / slice_scatter ----------------------------------------------===*/

static int64_t attrInt(MlirOperation op, const char *name) {
  return mlirIntegerAttrGetValueInt(mlirOperationGetAttributeByName(op, str(name)));
}

/* An index value for `start`/`end`-style attribute `a` on a dim of size
 * `dimSize`: symbols as they are, negatives from the end, clamped. */
static MlirValue boundValue(FxLower *L, MlirAttribute a, MlirValue dimSize) {
  MlirValue v;
  if (mlirAttributeIsAString(a)) {
    MlirValue sym = fxSymbolValue(L, mlirStringAttrGetValue(a));
    return mlirValueIsNull(sym) ? dimSize
                                : fxArith(L, "arith.minsi", sym, dimSize);
  }
  int64_t x = mlirIntegerAttrGetValueInt(a);
  v = x < 0 ? fxArith(L, "arith.addi", dimSize, fxIndexConst(L, x))
            : fxIndexConst(L, x);
  v = fxArith(L, "arith.maxsi", v, fxIndexConst(L, 0));
  return fxArith(L, "arith.minsi", v, dimSize);
}

/* memref.subview of `m` (fx type `fxIn`) at the region of `op`; the
 * region's sizes come from `fxPart`. */
static MlirValue subview(FxLower *L, MlirOperation op, MlirValue m,
                         MlirType fxIn, MlirType fxPart) {
  intptr_t rank = fxTensorTypeGetRank(fxIn);
  int64_t dim = attrInt(op, "dim");
  if (dim < 0)
    dim += rank;
  MlirValue offsets[FX_LOWER_MAX_RANK], strides[FX_LOWER_MAX_RANK],
      sizes[FX_LOWER_MAX_RANK];
  int64_t staticSizes[FX_LOWER_MAX_RANK], dynAll[FX_LOWER_MAX_RANK];
  int numDynSizes = 0;
  for (intptr_t i = 0; i < rank; ++i) {
    dynAll[i] = mlirShapedTypeGetDynamicStrideOrOffset();
    offsets[i] = fxIndexConst(L, 0);
    strides[i] = fxIndexConst(L, 1);
    FxDim d = fxTensorTypeGetDim(fxPart, i);
    staticSizes[i] = d.symbol.length ? mlirShapedTypeGetDynamicSize() : d.size;
    if (d.symbol.length)
      sizes[numDynSizes++] = fxDimValue(L, fxPart, i);
  }
  MlirValue dimSize = fxDimValue(L, fxIn, dim);
  offsets[dim] = boundValue(L, mlirOperationGetAttributeByName(op, str("start")), dimSize);
  strides[dim] = fxIndexConst(L, attrInt(op, "step"));
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

static bool lowerSlice(FxLower *L, MlirOperation op) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  MlirValue v = subview(L, op, fxMemRefOf(in), typeOf(in),
                        typeOf(mlirOperationGetResult(op, 0)));
  fxPublish(L, op, 1, &v);
  return true;
}

static bool lowerSliceScatter(FxLower *L, MlirOperation op) {
  MlirValue base = mlirOperationGetOperand(op, 0);
  MlirValue src = mlirOperationGetOperand(op, 1);
  MlirValue buf = fxAllocTensor(L, typeOf(base));
  if (mlirValueIsNull(buf))
    return false;
  fxCopy(L, buf, fxMemRefOf(base));
  fxCopy(L, subview(L, op, buf, typeOf(base), typeOf(src)), fxMemRefOf(src));
  fxPublish(L, op, 1, &buf);
  return true;
}


/*===-- Driver ------------------------------------------------------------===*/

static bool operandsLowered(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (mlirValueIsNull(fxMemRefOf(mlirOperationGetOperand(op, i))))
      return false;
  return true;
}

static MlirLogicalResult lowerPattern(MlirRewritePattern pattern,
                                      MlirOperation op,
                                      MlirPatternRewriter rewriter,
                                      void *userData) {
  FxLower *L = userData;
  if (!operandsLowered(op))
    return mlirLogicalResultFailure(); /* again once the producers are */
  L->rw = mlirPatternRewriterAsBase(rewriter);
  L->loc = mlirOperationGetLocation(op);
  mlirRewriterBaseSetInsertionPointBefore(L->rw, op);
  bool ok;
  switch (fxOpGetKind(op)) {
  case FX_OP_VIEW:
  case FX_OP_RESHAPE:
    ok = lowerView(L, op);
    break;
  case FX_OP_SLICE:
    ok = lowerSlice(L, op);
    break;
  case FX_OP_SLICE_SCATTER:
    ok = lowerSliceScatter(L, op);
    break;
  default:
    ok = fxLowerCall(L, op);
    break;
  }
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}

/* Converts the signature and gives every symbol an index value. */
static void prepareFunction(FxLower *L, MlirOperation func) {
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(func, str("function_type")));
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  MlirType in[64], out[64];
  if (nIn > 64 || nOut > 64)
    return;
  for (intptr_t i = 0; i < nIn; ++i)
    in[i] = fxLowerType(L->ctx, mlirFunctionTypeGetInput(fnType, i));
  for (intptr_t i = 0; i < nOut; ++i)
    out[i] = fxLowerType(L->ctx, mlirFunctionTypeGetResult(fnType, i));
  mlirOperationSetAttributeByName(
      func, str("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(L->ctx, nIn, in, nOut, out)));
  if (mlirBlockIsNull(entry))
    return;
  L->rw = mlirIRRewriterCreate(L->ctx);
  mlirRewriterBaseSetInsertionPointToStart(L->rw, entry);
  L->loc = mlirOperationGetLocation(func);
  for (intptr_t i = 0; i < nIn; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType fxType = mlirValueGetType(arg);
    mlirValueSetType(arg, in[i]);
    if (fxTypeIsASym(fxType) && L->numSyms < FX_LOWER_MAX_SYMBOLS) {
      L->symNames[L->numSyms] = fxSymTypeGetName(fxType);
      L->symSources[L->numSyms] = arg;
      L->symDims[L->numSyms++] = -1;
      continue;
    }
    if (!fxTypeIsATensor(fxType))
      continue;
    for (intptr_t d = 0, r = fxTensorTypeGetRank(fxType); d < r; ++d) {
      FxDim dim = fxTensorTypeGetDim(fxType, d);
      bool known = false;
      for (int k = 0; k < L->numSyms && !known; ++k)
        known = mlirStringRefEqual(L->symNames[k], dim.symbol);
      if (!dim.symbol.length || known || L->numSyms == FX_LOWER_MAX_SYMBOLS)
        continue;
      L->symNames[L->numSyms] = dim.symbol;
      L->symSources[L->numSyms] = arg;
      L->symDims[L->numSyms++] = (int)d;
    }
    /* fx users see the argument through a cast, like any lowered value. */
    MlirValue cast = mlirOperationGetResult(
        fxBuild(L, "builtin.unrealized_conversion_cast", 1, &arg, 1, &fxType,
                0, NULL), 0);
    mlirValueReplaceAllUsesExcept(arg, cast, 1,
                                  (MlirOperation[]){mlirOpResultGetOwner(cast)});
  }
  mlirIRRewriterDestroy(L->rw);
}

/* After lowering: non-fx users (func.return, calls) get the memrefs, and the
 * casts go (collected first: a walk must not erase what it visits). */
typedef struct Casts {
  MlirOperation *ops;
  size_t n, cap;
  bool oom;
} Casts;

static MlirWalkResult collectCasts(MlirOperation op, void *userData) {
  Casts *c = userData;
  if (!fxIsOpNamed(op, "builtin.unrealized_conversion_cast") ||
      mlirOperationGetNumOperands(op) != 1 ||
      !fxTypeIsATensor(typeOf(mlirOperationGetResult(op, 0))))
    return MlirWalkResultAdvance;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 64;
    MlirOperation *grown = realloc(c->ops, cap * sizeof *grown);
    if (!grown) {
      c->oom = true;
      return MlirWalkResultInterrupt;
    }
    c->ops = grown;
    c->cap = cap;
  }
  c->ops[c->n++] = op;
  return MlirWalkResultAdvance;
}

static bool dropCasts(MlirOperation func) {
  Casts c = {NULL, 0, 0, false};
  mlirOperationWalk(func, collectCasts, &c, MlirWalkPostOrder);
  for (size_t i = 0; i < c.n; ++i) {
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(c.ops[i], 0),
                                  mlirOperationGetOperand(c.ops[i], 0));
    mlirOperationDestroy(c.ops[i]);
  }
  free(c.ops);
  return !c.oom;
}

typedef struct Leftover {
  bool any;
  bool explained; /* an error was already emitted at the root cause */
} Leftover;

static MlirWalkResult reportLeftover(MlirOperation op, void *userData) {
  FxOpKind k = fxOpGetKind(op);
  if (k == FX_OP_NONE || k == FX_OP_SCHEMA)
    return MlirWalkResultAdvance;
  Leftover *l = userData;
  if (!l->any && !l->explained && operandsLowered(op)) {
    mlirEmitError(mlirOperationGetLocation(op),
                  "cannot lower this op to the runtime (see above)");
  }
  l->any = true;
  return MlirWalkResultAdvance;
}

static void lowerFunction(MlirOperation module, MlirSymbolTable symbols,
                          MlirOperation func, MlirExternalPass pass) {
  FxLower L = {.ctx = mlirOperationGetContext(func),
               .module = module,
               .symbols = symbols,
               .schemas = fxSchemaTableCreate(func)};
  if (!fxPassBegin(func, pass, L.schemas)) {
    fxSchemaTableDestroy(L.schemas);
    return;
  }
  prepareFunction(&L, func);
  static const FxOpKind roots[] = {FX_OP_RESHAPE, FX_OP_VIEW, FX_OP_SLICE,
                                   FX_OP_SLICE_SCATTER,
                                   FX_OP_AUTO_FUNCTIONALIZED, FX_OP_CALL};
  fxApplyPatterns(func, pass, roots, sizeof roots / sizeof roots[0],
                  lowerPattern, &L, FX_TOP_DOWN);
  Leftover left = {false, L.errors > 0};
  mlirOperationWalk(func, reportLeftover, &left, MlirWalkPostOrder);
  if (left.any || !dropCasts(func))
    mlirExternalPassSignalFailure(pass);
  fxSchemaTableDestroy(L.schemas);
}

void fxRunLowerToRuntime(MlirOperation module, MlirExternalPass pass) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirOperation next;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (fxIsOpNamed(op, "func.func"))
      lowerFunction(module, symbols, op, pass);
  }
  /* Schemas were for the passes; casts left dead by dropCasts go too. */
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (fxOpGetKind(op) == FX_OP_SCHEMA)
      mlirOperationDestroy(op);
  }
  mlirSymbolTableDestroy(symbols);
}
