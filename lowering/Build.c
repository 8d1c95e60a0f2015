/* Build.c - IR-building helpers of fx-lower-to-runtime (generic op form):
 * types, constants, symbols, runtime declarations and calls, scratch,
 * records, storage, copies, string constants and locations. */
#include "Lower.h"
#include "Location.h"
#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

bool fxIsOpNamed(MlirOperation op, const char *name) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == strlen(name) && memcmp(n.data, name, n.length) == 0;
}

void fxLowerError(FxLower *L, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  L->errors++;
  mlirEmitError(L->loc, msg);
}

/*===-- Types ---------------------------------------------------------------===*/

/* The runtime code of an element type (kernels/fx_dtypes.def). */
int fxLowerDtypeCode(MlirType elementType) {
  const FxDtypeInfo *d = fxDtypeInfo(elementType);
  return d ? d->code : -1;
}

MlirType fxLowerTensorTypeEx(MlirContext ctx, MlirType fxType, bool allDynamic) {
  if (!fxTypeIsATensor(fxType))
    return (MlirType){NULL};
  intptr_t rank = fxTensorTypeGetRank(fxType);
  int64_t shape[FX_LOWER_MAX_RANK], strides[FX_LOWER_MAX_RANK];
  if (rank > FX_LOWER_MAX_RANK)
    return (MlirType){NULL};
  int64_t dyn = mlirShapedTypeGetDynamicStrideOrOffset();
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim d = fxTensorTypeGetDim(fxType, i);
    shape[i] = d.symbol.length || allDynamic ? mlirShapedTypeGetDynamicSize()
                                             : d.size;
    strides[i] = dyn;
  }
  /* Fully dynamic strides and offset: slices and views of any layout
   * compose without casts. */
  MlirAttribute layout = mlirStridedLayoutAttrGet(ctx, dyn, rank, strides);
  return mlirMemRefTypeGet(fxTensorTypeGetDtype(fxType), rank, shape, layout,
                           (MlirAttribute){NULL});
}

MlirType fxLowerTensorType(MlirContext ctx, MlirType fxType) {
  return fxLowerTensorTypeEx(ctx, fxType, false);
}

MlirType fxLowerType(MlirContext ctx, MlirType type, bool isArg) {
  if (fxTypeIsATensor(type))
    return fxLowerTensorTypeEx(ctx, type, isArg);
  if (fxTypeIsASym(type))
    return mlirIndexTypeGet(ctx);
  return type;
}

void fxLowerTypeText(MlirType t, char *out, size_t cap) {
  FxTextBuf b = {out, 0, cap, false};
  if (!cap)
    return;
  out[0] = 0;
  mlirTypePrint(t, fxTextBufAppend, &b);
}

void fxDimsText(MlirType t, char *out, size_t cap) {
  size_t n = (size_t)snprintf(out, cap, "[");
  for (intptr_t i = 0, r = fxTensorTypeGetRank(t); i < r && n < cap; ++i) {
    FxDim d = fxTensorTypeGetDim(t, i);
    const char *sep = i ? ", " : "";
    if (d.symbol.length)
      n += (size_t)snprintf(out + n, cap - n, "%s%.*s", sep,
                            (int)d.symbol.length, d.symbol.data);
    else
      n += (size_t)snprintf(out + n, cap - n, "%s%lld", sep, (long long)d.size);
  }
  if (n < cap)
    snprintf(out + n, cap - n, "]");
}

bool fxLowerCheckType(FxLower *L, MlirType type, const char *what) {
  if (!fxTypeIsATensor(type))
    return true;
  char dims[512];
  fxDimsText(type, dims, sizeof dims);
  intptr_t rank = fxTensorTypeGetRank(type);
  if (rank > FX_LOWER_MAX_RANK) {
    fxLowerError(L, "cannot lower %s of shape %s: its rank %d is above the "
                    "%d dims the runtime supports (FXRT_MAX_RANK)",
                 what, dims, (int)rank, FX_LOWER_MAX_RANK);
    return false;
  }
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim d = fxTensorTypeGetDim(type, i);
    if (d.symbol.length && mlirValueIsNull(fxSymbolicValue(L, d.symbol))) {
      fxLowerError(L, "cannot lower %s of shape %s: \"%.*s\" is not a "
                      "symbol bound by an argument of the function, nor an "
                      "expression of such symbols",
                   what, dims, (int)d.symbol.length, d.symbol.data);
      return false;
    }
    if (!d.symbol.length && d.size < 0) {
      fxLowerError(L, "cannot lower %s of shape %s: dim %d is not a size",
                   what, dims, (int)i);
      return false;
    }
  }
  return true;
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

static MlirType i64Type(FxLower *L) { return mlirIntegerTypeGet(L->ctx, 64); }

static MlirType recordType(FxLower *L) {
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  return mlirMemRefTypeContiguousGet(i64Type(L), 1, &dyn, (MlirAttribute){NULL});
}

/*===-- Values made once per function, at its entry ---------------------------===*/

/* Constants, string addresses and scratch views are built once, before the
 * entry's anchor (Lower.h), and reused: per-use copies made the lowered IR
 * of a graph several times larger, and the upstream conversions to LLVM
 * cost time per op.  Keyed by an object (a type, an attribute) and an
 * integer; open addressing. */
typedef struct FxCacheEntry {
  const void *object;
  int64_t n;
  MlirValue value;
} FxCacheEntry;

struct FxCache {
  FxCacheEntry *slots;
  size_t cap, count;
};

FxCache *fxCacheCreate(void) { return calloc(1, sizeof(FxCache)); }

void fxCacheDestroy(FxCache *c) {
  if (c)
    free(c->slots);
  free(c);
}

static FxCacheEntry *cacheSlot(FxCache *c, const void *object, int64_t n) {
  size_t h = ((size_t)object >> 4) * 31u + (size_t)n * 1099511628211ull;
  for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
    FxCacheEntry *e = &c->slots[i];
    if (!e->object || (e->object == object && e->n == n))
      return e;
  }
}

/* The cached value for (object, n), or null (then `*slot` is where to put
 * it, or NULL when out of memory). */
static MlirValue cacheFind(FxLower *L, const void *object, int64_t n,
                           FxCacheEntry **slot) {
  FxCache *c = L->cache;
  *slot = NULL;
  if (2 * (c->count + 1) > c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 256;
    FxCacheEntry *old = c->slots, *grown = calloc(cap, sizeof *grown);
    if (!grown)
      return (MlirValue){NULL};
    size_t oldCap = c->cap;
    c->slots = grown;
    c->cap = cap;
    for (size_t i = 0; i < oldCap; ++i)
      if (old[i].object)
        *cacheSlot(c, old[i].object, old[i].n) = old[i];
    free(old);
  }
  FxCacheEntry *e = cacheSlot(c, object, n);
  if (e->object)
    return e->value;
  *slot = e;
  return (MlirValue){NULL};
}

/* `slot` came from cacheFind before the value was built; building it may
 * have grown the table (nested lookups), so the entry is found again here
 * (a use of the stale slot was a heap-use-after-free, found by ASan on a
 * fuzz graph). */
static void cachePut(FxLower *L, FxCacheEntry *slot, const void *object,
                     int64_t n, MlirValue v) {
  FxCacheEntry *e;
  if (!slot || !mlirValueIsNull(cacheFind(L, object, n, &e)) || !e)
    return; /* out of memory, or cached meanwhile */
  e->object = object;
  e->n = n;
  e->value = v;
  L->cache->count++;
}

MlirOperation fxEntryBuild(FxLower *L, const char *name, intptr_t nOperands,
                           const MlirValue *operands, MlirType result,
                           intptr_t nAttrs, const MlirNamedAttribute *attrs) {
  if (mlirOperationIsNull(L->anchor))
    return fxBuild(L, name, nOperands, operands, 1, &result, nAttrs, attrs);
  MlirOperationState st = mlirOperationStateGet(
      str(name), mlirOperationGetLocation(L->func));
  mlirOperationStateAddOperands(&st, nOperands, operands);
  mlirOperationStateAddResults(&st, 1, &result);
  mlirOperationStateAddAttributes(&st, nAttrs, attrs);
  MlirOperation op = mlirOperationCreate(&st);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(L->anchor), L->anchor, op);
  return op;
}

static MlirValue constant(FxLower *L, MlirAttribute value) {
  MlirType t = mlirAttributeGetType(value);
  int64_t bits = 0;
  if (mlirAttributeIsAInteger(value))
    bits = mlirIntegerAttrGetValueInt(value);
  else {
    double d = mlirFloatAttrGetValueDouble(value);
    memcpy(&bits, &d, sizeof bits);
  }
  FxCacheEntry *slot;
  MlirValue v = cacheFind(L, t.ptr, bits, &slot);
  if (!mlirValueIsNull(v))
    return v;
  MlirNamedAttribute a = fxNamed(L, "value", value);
  v = mlirOperationGetResult(fxEntryBuild(L, "arith.constant", 0, NULL, t, 1, &a), 0);
  cachePut(L, slot, t.ptr, bits, v);
  return v;
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

static MlirValue indexCast(FxLower *L, MlirValue v, MlirType to) {
  return mlirOperationGetResult(
      fxBuild(L, "arith.index_cast", 1, &v, 1, &to, 0, NULL), 0);
}

MlirValue fxIndexToI64(FxLower *L, MlirValue index) {
  return indexCast(L, index, mlirIntegerTypeGet(L->ctx, 64));
}

MlirValue fxI64ToIndex(FxLower *L, MlirValue i64) {
  return indexCast(L, i64, mlirIndexTypeGet(L->ctx));
}

MlirValue fxArith(FxLower *L, const char *op, MlirValue a, MlirValue b) {
  MlirValue operands[2] = {a, b};
  MlirType t = mlirValueGetType(a);
  return mlirOperationGetResult(fxBuild(L, op, 2, operands, 1, &t, 0, NULL), 0);
}

/* arith.cmpi with predicate `pred` (eq 0, ne 1, slt 2, ...). */
static MlirValue cmpi(FxLower *L, int64_t pred, MlirValue a, MlirValue b) {
  MlirValue ops[2] = {a, b};
  MlirType i1 = mlirIntegerTypeGet(L->ctx, 1);
  MlirNamedAttribute p =
      fxNamed(L, "predicate", mlirIntegerAttrGet(mlirIntegerTypeGet(L->ctx, 64), pred));
  return mlirOperationGetResult(fxBuild(L, "arith.cmpi", 2, ops, 1, &i1, 1, &p), 0);
}

MlirValue fxSymbolValue(FxLower *L, MlirStringRef sym) {
  for (int k = 0; k < L->numSyms; ++k)
    if (mlirStringRefEqual(L->symNames[k], sym))
      return L->symValues[k];
  return (MlirValue){NULL};
}

/* One op at the function's entry. */
static MlirValue entryOp(FxLower *L, const char *name, intptr_t n,
                         const MlirValue *operands, MlirType type) {
  return mlirOperationGetResult(fxEntryBuild(L, name, n, operands, type, 0, NULL), 0);
}

/* a op b (arith.addi, subi, muli) on index values, computed in i128 so
 * that *ovf (an i1, null before the first) records whether the result
 * left int64: the entry checks it (fxrt_check_eq), never a silent wrap. */
static MlirValue checkedOp(FxLower *L, const char *op, MlirValue a, MlirValue b,
                           MlirValue *ovf) {
  MlirType index = mlirIndexTypeGet(L->ctx), i64 = mlirIntegerTypeGet(L->ctx, 64),
           i128 = mlirIntegerTypeGet(L->ctx, 128), i1 = mlirIntegerTypeGet(L->ctx, 1);
  MlirValue w[2];
  MlirValue in[2] = {a, b};
  for (int k = 0; k < 2; ++k) {
    MlirValue x = entryOp(L, "arith.index_cast", 1, &in[k], i64);
    w[k] = entryOp(L, "arith.extsi", 1, &x, i128);
  }
  MlirValue wide = entryOp(L, op, 2, w, i128);
  MlirValue narrow = entryOp(L, "arith.trunci", 1, &wide, i64);
  MlirValue back = entryOp(L, "arith.extsi", 1, &narrow, i128);
  MlirNamedAttribute ne = fxNamed(L, "predicate", mlirIntegerAttrGet(i64, 1));
  MlirValue cmp[2] = {wide, back};
  MlirValue bad = mlirOperationGetResult(fxEntryBuild(L, "arith.cmpi", 2, cmp, i1, 1, &ne), 0);
  if (mlirValueIsNull(*ovf)) {
    *ovf = bad;
  } else {
    MlirValue both[2] = {*ovf, bad};
    *ovf = entryOp(L, "arith.ori", 2, both, i1);
  }
  return entryOp(L, "arith.index_cast", 1, &narrow, index);
}

/* Builds node i of a symbolic expression at the function's entry; null
 * when a symbol is not bound.  *ovf: as checkedOp. */
static MlirValue exprValue(FxLower *L, const FxDimExpr *e, int i, MlirValue *ovf) {
  static const char *const kOps[] = {
      [FX_DIM_EXPR_ADD] = "arith.addi",        [FX_DIM_EXPR_SUB] = "arith.subi",
      [FX_DIM_EXPR_MUL] = "arith.muli",        [FX_DIM_EXPR_FLOORDIV] = "arith.floordivsi",
      [FX_DIM_EXPR_MAX] = "arith.maxsi",       [FX_DIM_EXPR_MIN] = "arith.minsi",
  };
  const FxDimExprNode *n = &e->nodes[i];
  MlirType index = mlirIndexTypeGet(L->ctx);
  if (n->kind == FX_DIM_EXPR_INT)
    return fxIndexConst(L, n->value);
  if (n->kind == FX_DIM_EXPR_SYMBOL)
    return fxSymbolValue(L, n->symbol);
  MlirValue a = exprValue(L, e, n->lhs, ovf);
  MlirValue b = n->kind == FX_DIM_EXPR_NEG ? fxIndexConst(L, 0)
                                            : exprValue(L, e, n->rhs, ovf);
  if (mlirValueIsNull(a) || mlirValueIsNull(b))
    return (MlirValue){NULL};
  switch (n->kind) {
  case FX_DIM_EXPR_NEG:
    return checkedOp(L, "arith.subi", b, a, ovf);
  case FX_DIM_EXPR_ADD:
  case FX_DIM_EXPR_SUB:
  case FX_DIM_EXPR_MUL:
    return checkedOp(L, kOps[n->kind], a, b, ovf);
  case FX_DIM_EXPR_MOD: { /* a - (a // b) * b: Python's sign rule; no
                             overflow: |(a // b) * b| <= |a| for b > 0 */
    MlirValue q = entryOp(L, "arith.floordivsi", 2, (MlirValue[]){a, b}, index);
    MlirValue qb = entryOp(L, "arith.muli", 2, (MlirValue[]){q, b}, index);
    return entryOp(L, "arith.subi", 2, (MlirValue[]){a, qb}, index);
  }
  case FX_DIM_EXPR_POW: { /* the canonical form has constant exponents */
    int64_t k = e->nodes[n->rhs].kind == FX_DIM_EXPR_INT ? e->nodes[n->rhs].value : -1;
    if (k < 0)
      return (MlirValue){NULL};
    MlirValue r = fxIndexConst(L, 1);
    while (k-- > 0)
      r = checkedOp(L, "arith.muli", r, a, ovf);
    return r;
  }
  default: /* floordiv by a positive divisor, max, min: cannot overflow */
    return entryOp(L, kOps[n->kind], 2, (MlirValue[]){a, b}, index);
  }
}

/* Cache keys of an expression's value and of its overflow flag. */
#define EXPR_KEY(text) (-(int64_t)(text).length - 1)
#define OVERFLOW_KEY(text) (INT64_MIN + (int64_t)(text).length)

MlirValue fxSymbolicValue(FxLower *L, MlirStringRef text) {
  if (fxDimIsSymbolName(text))
    return fxSymbolValue(L, text);
  /* Keyed by the uniqued string's storage: once per expression. */
  FxCacheEntry *slot;
  MlirValue v = cacheFind(L, text.data, EXPR_KEY(text), &slot);
  if (!mlirValueIsNull(v))
    return v;
  FxDimExpr *e = malloc(sizeof *e);
  char err[128];
  MlirValue ovf = {NULL};
  if (e && fxDimExprParse(text, e, err, sizeof err))
    v = exprValue(L, e, e->root, &ovf);
  free(e);
  if (!mlirValueIsNull(v))
    cachePut(L, slot, text.data, EXPR_KEY(text), v);
  if (!mlirValueIsNull(v) && !mlirValueIsNull(ovf)) {
    cacheFind(L, text.data, OVERFLOW_KEY(text), &slot);
    cachePut(L, slot, text.data, OVERFLOW_KEY(text), ovf);
  }
  return v;
}

MlirValue fxSymbolicOverflow(FxLower *L, MlirStringRef text) {
  FxCacheEntry *slot;
  if (fxDimIsSymbolName(text) || mlirValueIsNull(fxSymbolicValue(L, text)))
    return (MlirValue){NULL};
  return cacheFind(L, text.data, OVERFLOW_KEY(text), &slot);
}

MlirValue fxDimValue(FxLower *L, MlirType fxType, intptr_t i) {
  FxDim d = fxTensorTypeGetDim(fxType, i);
  return d.symbol.length ? fxSymbolicValue(L, d.symbol) : fxIndexConst(L, d.size);
}

MlirValue fxDimValueI64(FxLower *L, MlirType fxType, intptr_t i) {
  FxDim d = fxTensorTypeGetDim(fxType, i);
  if (!d.symbol.length)
    return fxI64Const(L, d.size);
  MlirValue index = fxSymbolicValue(L, d.symbol);
  FxCacheEntry *slot;
  MlirValue v = cacheFind(L, index.ptr, 0, &slot);
  if (!mlirValueIsNull(v))
    return v;
  MlirType i64 = i64Type(L);
  v = mlirOperationGetResult(fxEntryBuild(L, "arith.index_cast", 1, &index, i64, 0, NULL), 0);
  cachePut(L, slot, index.ptr, 0, v);
  return v;
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
    fxLowerError(L, "cannot lower: @%s is already declared with another type "
                    "(a user op must be called with the same tensor types "
                    "everywhere, and fxrt_* names are the runtime's)",
                 name);
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

MlirValue fxCallI64(FxLower *L, const char *name, intptr_t nArgs,
                    const MlirValue *args, bool hasResult) {
  enum { kMaxScalarArgs = 16 };
  MlirType i64 = mlirIntegerTypeGet(L->ctx, 64);
  MlirType in[kMaxScalarArgs];
  for (intptr_t i = 0; i < nArgs && i < kMaxScalarArgs; ++i)
    in[i] = i64;
  if (nArgs > kMaxScalarArgs || !fxDeclare(L, name, nArgs, in, hasResult, &i64))
    return (MlirValue){NULL};
  MlirOperation call = fxCall(L, name, nArgs, args, hasResult, &i64);
  return hasResult ? mlirOperationGetResult(call, 0) : (MlirValue){NULL};
}

/*===-- Scratch, records, storage, copies -------------------------------------===*/


void fxScratchReset(FxLower *L) { L->scratchUsed = 0; }

/* A view of the scratch at byte `offset` as `type` (memref<?xi64> with `n`
 * elements, or a static memref): one per function, at the entry. */
static MlirValue scratchView(FxLower *L, int64_t offset, MlirType type,
                             int64_t n) {
  FxCacheEntry *slot;
  int64_t key = offset * ((int64_t)1 << 24) + n; /* n < 2^24 */
  MlirValue v = cacheFind(L, type.ptr, key, &slot);
  if (!mlirValueIsNull(v))
    return v;
  bool dynamic = mlirShapedTypeIsDynamicDim(type, 0);
  MlirValue ops[3] = {L->scratch, fxIndexConst(L, offset), fxIndexConst(L, n)};
  v = mlirOperationGetResult(
      fxEntryBuild(L, "memref.view", dynamic ? 3 : 2, ops, type, 0, NULL), 0);
  cachePut(L, slot, type.ptr, key, v);
  return v;
}

MlirValue fxScratchI64(FxLower *L, int64_t n) {
  int64_t offset = L->scratchUsed;
  L->scratchUsed += 8 * (n > 0 ? n : 1);
  if (L->scratchUsed > L->scratchMax)
    L->scratchMax = L->scratchUsed;
  return scratchView(L, offset, recordType(L), n);
}

int64_t fxScratchReserveDescriptor(FxLower *L) {
  int64_t at = (L->scratchUsed + 7) / 8 * 8;
  L->scratchUsed = at + 8 * (3 + 2 * FX_LOWER_MAX_RANK);
  if (L->scratchUsed > L->scratchMax)
    L->scratchMax = L->scratchUsed;
  return at;
}

MlirValue fxScratchStoreDescriptor(FxLower *L, MlirValue memref, MlirType fxType) {
  int64_t at = fxScratchReserveDescriptor(L);
  MlirValue slot = fxScratchSlot(L, at, fxLowerTensorType(L->ctx, fxType));
  MlirValue store[3] = {memref, slot, fxIndexConst(L, 0)};
  fxBuild(L, "memref.store", 3, store, 0, NULL, 0, NULL);
  return fxScratchAddress(L, at);
}

MlirValue fxScratchSlot(FxLower *L, int64_t offset, MlirType memrefType) {
  int64_t one = 1;
  MlirType slotType =
      mlirMemRefTypeContiguousGet(memrefType, 1, &one, (MlirAttribute){NULL});
  int64_t end = offset + 8 * (3 + 2 * FX_LOWER_MAX_RANK);
  if (end > L->scratchMax)
    L->scratchMax = end;
  return scratchView(L, offset, slotType, 0);
}

MlirValue fxScratchAddress(FxLower *L, int64_t offset) {
  FxCacheEntry *slot;
  MlirValue v = cacheFind(L, L->scratch.ptr, offset, &slot);
  if (!mlirValueIsNull(v))
    return v;
  MlirType index = mlirIndexTypeGet(L->ctx), i64 = i64Type(L);
  MlirValue base = mlirOperationGetResult(
      fxEntryBuild(L, "memref.extract_aligned_pointer_as_index", 1, &L->scratch,
                 index, 0, NULL), 0);
  v = mlirOperationGetResult(fxEntryBuild(L, "arith.index_cast", 1, &base, i64, 0, NULL), 0);
  if (offset) {
    MlirValue ops[2] = {v, fxI64Const(L, offset)};
    v = mlirOperationGetResult(fxEntryBuild(L, "arith.addi", 2, ops, i64, 0, NULL), 0);
  }
  cachePut(L, slot, L->scratch.ptr, offset, v);
  return v;
}

static void storeI64(FxLower *L, MlirValue buf, int64_t i, MlirValue v) {
  MlirValue ops[3] = {v, buf, fxIndexConst(L, i)};
  fxBuild(L, "memref.store", 3, ops, 0, NULL, 0, NULL);
}

MlirValue fxI64Buffer(FxLower *L, intptr_t n, const MlirValue *values) {
  MlirValue buf = fxScratchI64(L, n);
  for (intptr_t i = 0; values && i < n; ++i)
    storeI64(L, buf, i, fxIndexToI64(L, values[i]));
  return buf;
}

MlirValue fxRecord(FxLower *L, MlirValue m) {
  intptr_t rank = mlirValueIsNull(m) ? 0 : mlirShapedTypeGetRank(mlirValueGetType(m));
  int64_t len = 4 + 2 * rank;
  MlirValue fields[4 + 2 * FX_LOWER_MAX_RANK];
  if (rank > FX_LOWER_MAX_RANK) { /* fxLowerCheckType reports it first */
    fxLowerError(L, "cannot lower: a tensor of rank %d", (int)rank);
    return (MlirValue){NULL};
  }
  if (mlirValueIsNull(m)) {
    fields[0] = fields[1] = fields[3] = fxI64Const(L, 0);
    fields[2] = fxI64Const(L, -1);
  } else {
    MlirType t = mlirValueGetType(m);
    MlirType element = mlirShapedTypeGetElementType(t);
    int code = fxLowerDtypeCode(element);
    if (code < 0) {
      char name[64];
      fxLowerTypeText(element, name, sizeof name);
      char names[256];
      fxDtypeListNames(names, sizeof names, NULL, "and");
      fxLowerError(L, "cannot lower: the runtime's kernels and copies have no "
                      "dtype %s (they take %s)", name, names);
      return (MlirValue){NULL};
    }
    MlirType index = mlirIndexTypeGet(L->ctx);
    MlirValue ptr = mlirOperationGetResult(
        fxBuild(L, "memref.extract_aligned_pointer_as_index", 1, &m, 1, &index,
                0, NULL), 0);
    MlirType metaTypes[2 + 2 * FX_LOWER_MAX_RANK];
    metaTypes[0] = mlirMemRefTypeContiguousGet(element, 0, NULL, (MlirAttribute){NULL});
    for (intptr_t i = 1; i < 2 + 2 * rank; ++i)
      metaTypes[i] = index;
    MlirOperation meta = fxBuild(L, "memref.extract_strided_metadata", 1, &m,
                                 2 + 2 * rank, metaTypes, 0, NULL);
    fields[0] = fxIndexToI64(L, ptr);
    fields[1] = fxIndexToI64(L, mlirOperationGetResult(meta, 1));
    fields[2] = fxI64Const(L, code);
    fields[3] = fxI64Const(L, rank);
    for (intptr_t i = 0; i < 2 * rank; ++i)
      fields[4 + i] = fxIndexToI64(L, mlirOperationGetResult(meta, 2 + i));
  }
  MlirValue rec = fxScratchI64(L, len);
  for (int64_t i = 0; i < len; ++i)
    storeI64(L, rec, i, fields[i]);
  return rec;
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
  return 1; /* fp8 and torch's packed fp4 pairs */
}

MlirValue fxAllocTensor(FxLower *L, MlirType fxType) {
  intptr_t rank = fxTensorTypeGetRank(fxType);
  MlirType element = fxTensorTypeGetDtype(fxType);
  MlirValue dynSizes[FX_LOWER_MAX_RANK];
  int64_t shape[FX_LOWER_MAX_RANK];
  int numDyn = 0;
  /* bytes = element size x static dims (at compile time) x symbolic dims
   * (at run time, with overflow checks: -1 tells fxrt_alloc it overflowed). */
  int64_t staticBytes = elementBytes(element);
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim dim = fxTensorTypeGetDim(fxType, i);
    shape[i] = dim.symbol.length ? mlirShapedTypeGetDynamicSize() : dim.size;
    if (dim.symbol.length)
      dynSizes[numDyn++] = fxDimValue(L, fxType, i);
    else if (__builtin_mul_overflow(staticBytes, dim.size, &staticBytes)) {
      char dims[512];
      fxDimsText(fxType, dims, sizeof dims);
      fxLowerError(L, "cannot lower: a tensor of shape %s has more than "
                      "2^63-1 bytes", dims);
      return (MlirValue){NULL};
    }
  }
  MlirValue bytes = fxI64Const(L, staticBytes), overflow = {NULL};
  MlirType i64 = i64Type(L);
  for (int i = 0; i < numDyn; ++i) {
    MlirValue ops[2] = {bytes, fxIndexToI64(L, dynSizes[i])};
    MlirType two[2] = {i64, i64};
    MlirOperation mul = fxBuild(L, "arith.mulsi_extended", 2, ops, 2, two, 0, NULL);
    bytes = mlirOperationGetResult(mul, 0);
    MlirValue zero = fxI64Const(L, 0);
    /* Both factors are >= 0: the product fits iff the high half is 0 and
     * the low half is not negative. */
    MlirValue bad = fxArith(L, "arith.ori",
                            cmpi(L, 1, mlirOperationGetResult(mul, 1), zero),
                            cmpi(L, 2, bytes, zero));
    overflow = mlirValueIsNull(overflow) ? bad : fxArith(L, "arith.ori", overflow, bad);
  }
  if (!mlirValueIsNull(overflow)) {
    MlirValue ops[3] = {overflow, fxI64Const(L, -1), bytes};
    bytes = mlirOperationGetResult(
        fxBuild(L, "arith.select", 3, ops, 1, &i64, 0, NULL), 0);
  }
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  MlirType raw = mlirMemRefTypeContiguousGet(mlirIntegerTypeGet(L->ctx, 8), 1,
                                             &dyn, (MlirAttribute){NULL});
  if (!fxDeclare(L, "fxrt_alloc", 1, &i64, 1, &raw))
    return (MlirValue){NULL};
  MlirValue buf =
      mlirOperationGetResult(fxCall(L, "fxrt_alloc", 1, &bytes, 1, &raw), 0);
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

bool fxCopy(FxLower *L, MlirValue dst, MlirValue src) {
  MlirType rec[2] = {recordType(L), recordType(L)};
  if (!fxDeclare(L, "fxrt_copy", 2, rec, 0, NULL))
    return false;
  MlirValue args[2] = {fxRecord(L, dst), fxRecord(L, src)};
  if (mlirValueIsNull(args[0]) || mlirValueIsNull(args[1]))
    return false;
  fxCall(L, "fxrt_copy", 2, args, 0, NULL);
  return true;
}

/*===-- String constants ----------------------------------------------------===*/

/* Content -> name of its memref.global, open addressing (FNV-1a).  A graph
 * repeats its messages (every reshape to one shape names the same shape),
 * and a global per use would grow the module with the graph. */
typedef struct FxStringEntry {
  char *text;
  size_t len;
  MlirAttribute name; /* StringAttr */
} FxStringEntry;

struct FxStrings {
  FxStringEntry *slots;
  size_t cap, count;
};

FxStrings *fxStringsCreate(void) { return calloc(1, sizeof(FxStrings)); }

void fxStringsDestroy(FxStrings *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->cap; ++i)
    free(s->slots[i].text);
  free(s->slots);
  free(s);
}

static size_t hashBytes(const char *p, size_t n) {
  size_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
  return h;
}

static FxStringEntry *findSlot(FxStrings *s, const char *p, size_t n) {
  for (size_t i = hashBytes(p, n) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
    FxStringEntry *e = &s->slots[i];
    if (!e->text || (e->len == n && memcmp(e->text, p, n) == 0))
      return e;
  }
}

static bool growStrings(FxStrings *s) {
  size_t cap = s->cap ? 2 * s->cap : 64;
  FxStringEntry *old = s->slots;
  size_t oldCap = s->cap;
  s->slots = calloc(cap, sizeof *s->slots);
  if (!s->slots) {
    s->slots = old;
    return false;
  }
  s->cap = cap;
  for (size_t i = 0; i < oldCap; ++i)
    if (old[i].text)
      *findSlot(s, old[i].text, old[i].len) = old[i];
  free(old);
  return true;
}

/* The memref.global holding `s` (created on first use). */
static MlirAttribute stringGlobal(FxLower *L, MlirStringRef s, int64_t *len) {
  FxStrings *t = L->strings;
  *len = (int64_t)s.length + 1;
  if (2 * (t->count + 1) > t->cap && !growStrings(t))
    return (MlirAttribute){NULL};
  FxStringEntry *e = findSlot(t, s.data, s.length);
  if (e->text)
    return e->name;
  int8_t *bytes = malloc((size_t)*len);
  char *text = malloc(s.length + 1);
  if (!bytes || !text) {
    free(bytes);
    free(text);
    return (MlirAttribute){NULL};
  }
  memcpy(bytes, s.data, s.length);
  bytes[s.length] = 0;
  memcpy(text, s.data, s.length);
  text[s.length] = 0;
  MlirType i8 = mlirIntegerTypeGet(L->ctx, 8);
  MlirType type = mlirMemRefTypeContiguousGet(i8, 1, len, (MlirAttribute){NULL});
  MlirType tensor = mlirRankedTensorTypeGet(1, len, i8, (MlirAttribute){NULL});
  MlirNamedAttribute attrs[5] = {
      fxNamed(L, "sym_name", mlirStringAttrGet(L->ctx, str("__fx_str"))),
      fxNamed(L, "sym_visibility", mlirStringAttrGet(L->ctx, str("private"))),
      fxNamed(L, "type", mlirTypeAttrGet(type)),
      fxNamed(L, "initial_value", mlirDenseElementsAttrInt8Get(tensor, *len, bytes)),
      fxNamed(L, "constant", mlirUnitAttrGet(L->ctx)),
  };
  free(bytes);
  MlirOperationState st = mlirOperationStateGet(str("memref.global"), L->loc);
  mlirOperationStateAddAttributes(&st, 5, attrs);
  /* Insert renames on a clash (__fx_str_0, ...): keep the final name. */
  e->name = mlirSymbolTableInsert(L->symbols, mlirOperationCreate(&st));
  e->text = text;
  e->len = s.length;
  t->count++;
  return e->name;
}

MlirValue fxStringAddress(FxLower *L, MlirStringRef s) {
  int64_t len;
  MlirAttribute name = stringGlobal(L, s, &len);
  if (mlirAttributeIsNull(name)) {
    fxLowerError(L, "out of memory for a string constant");
    return fxI64Const(L, 0);
  }
  FxCacheEntry *slot;
  MlirValue v = cacheFind(L, name.ptr, 0, &slot);
  if (!mlirValueIsNull(v))
    return v;
  MlirType type = mlirMemRefTypeContiguousGet(mlirIntegerTypeGet(L->ctx, 8), 1,
                                              &len, (MlirAttribute){NULL});
  MlirNamedAttribute sym =
      fxNamed(L, "name", mlirFlatSymbolRefAttrGet(L->ctx, mlirStringAttrGetValue(name)));
  MlirValue ref = mlirOperationGetResult(
      fxEntryBuild(L, "memref.get_global", 0, NULL, type, 1, &sym), 0);
  MlirType index = mlirIndexTypeGet(L->ctx), i64 = i64Type(L);
  MlirValue ptr = mlirOperationGetResult(
      fxEntryBuild(L, "memref.extract_aligned_pointer_as_index", 1, &ref, index,
                 0, NULL), 0);
  v = mlirOperationGetResult(fxEntryBuild(L, "arith.index_cast", 1, &ptr, i64, 0, NULL), 0);
  cachePut(L, slot, name.ptr, 0, v);
  return v;
}

MlirValue fxCStringAddress(FxLower *L, const char *s) {
  return fxStringAddress(L, str(s));
}

/*===-- Locations and checks ------------------------------------------------===*/

MlirValue fxEnter(FxLower *L) {
  if (!mlirValueIsNull(L->entered))
    return L->entered;
  /* fxrt_at(file, line, col): the file name is one string per module, the
   * line and column constants, so an op's location costs no string. */
  MlirLocation file = fxLocationFirstFile(L->loc);
  MlirValue args[3];
  if (mlirLocationIsNull(file)) {
    args[0] = args[1] = args[2] = fxI64Const(L, 0);
  } else {
    args[0] = fxStringAddress(
        L, mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(file)));
    args[1] = fxI64Const(L, mlirLocationFileLineColRangeGetStartLine(file));
    args[2] = fxI64Const(L, mlirLocationFileLineColRangeGetStartColumn(file));
  }
  return L->entered = fxCallI64(L, "fxrt_at", 3, args, true);
}

void fxCheckEq(FxLower *L, MlirValue got, MlirValue want, const char *who,
               const char *what) {
  MlirValue args[4] = {fxIndexToI64(L, got), fxIndexToI64(L, want),
                       fxCStringAddress(L, who), fxCStringAddress(L, what)};
  fxCallI64(L, "fxrt_check_eq", 4, args, false);
}

/*===-- Lowered values ----------------------------------------------------===*/

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

void fxPublish(FxLower *L, MlirOperation op, intptr_t n,
               const MlirValue *values) {
  MlirValue *casts = malloc((size_t)(n ? n : 1) * sizeof *casts);
  if (!casts) {
    fxLowerError(L, "out of memory");
    return;
  }
  for (intptr_t i = 0; i < n; ++i) {
    MlirType fxType = mlirValueGetType(mlirOperationGetResult(op, i));
    if (mlirTypeEqual(fxType, mlirValueGetType(values[i]))) {
      casts[i] = values[i]; /* not an fx type: nothing to see through */
      continue;
    }
    casts[i] = mlirOperationGetResult(
        fxBuild(L, "builtin.unrealized_conversion_cast", 1, &values[i], 1,
                &fxType, 0, NULL), 0);
    if (L->live)
      fxLivenessRecordMemRef(L->live, mlirOperationGetResult(op, i), values[i]);
  }
  mlirRewriterBaseReplaceOpWithValues(L->rw, op, n, casts);
  free(casts);
}
