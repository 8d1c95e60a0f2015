/* LowerToRuntime.c - fx-lower-to-runtime: fx IR -> memref IR + libfxrt calls.
 *
 * Runs on builtin.module (it declares the runtime functions).  Per function:
 *   1. the signature is converted (Lower.h: arguments with every dim `?`,
 *      results with static dims static), and the entry gives every symbol
 *      its index value and checks the caller's descriptors: each argument
 *      dim against its static size or its symbol's value, each symbol
 *      value >= 0 (fxrt_check_eq / fxrt_check_size; a failure is a run
 *      error, fxrt.h "Errors");
 *   2. one walk lowers every fx op and every func.call of fx values, in
 *      program order, each once (LowerViews.c, LowerCalls.c).  A lowered
 *      value is handed to fx users as `unrealized_conversion_cast` (memref
 *      -> !fx.tensor), so every op still sees its operands' fx types; the
 *      casts are gone at the end.  An op that cannot be lowered gets one
 *      error; the ops that depend on it are skipped without more noise;
 *   3. any other op that still holds fx values is an error (only fx ops,
 *      func.call and func.return are converted).
 * Each op that calls the runtime first calls fxrt_at with its location, so
 * a run error names the op that failed.
 */
#include "Lower.h"
#include "fxir/FxDimExpr.h"
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

/* A growable array of ops (walks collect first: lowering erases ops). */
typedef struct Ops {
  MlirOperation *ops;
  size_t n, cap;
  bool oom;
} Ops;

static void push(Ops *o, MlirOperation op) {
  if (o->n == o->cap) {
    size_t cap = o->cap ? 2 * o->cap : 64;
    MlirOperation *grown = realloc(o->ops, cap * sizeof *grown);
    if (!grown) {
      o->oom = true;
      return;
    }
    o->ops = grown;
    o->cap = cap;
  }
  o->ops[o->n++] = op;
}

static bool isFxValueType(MlirType t) {
  return fxTypeIsATensor(t) || fxTypeIsASym(t);
}

/*===-- Function entry ------------------------------------------------------===*/

static bool addSymbol(FxLower *L, MlirStringRef name, MlirValue value) {
  if (L->numSyms == L->capSyms) {
    int cap = L->capSyms ? 2 * L->capSyms : 16;
    MlirStringRef *names = realloc(L->symNames, (size_t)cap * sizeof *names);
    if (names)
      L->symNames = names;
    MlirValue *values = realloc(L->symValues, (size_t)cap * sizeof *values);
    if (values)
      L->symValues = values;
    if (!names || !values) {
      fxLowerError(L, "out of memory for the function's symbols");
      return false;
    }
    L->capSyms = cap;
  }
  L->symNames[L->numSyms] = name;
  L->symValues[L->numSyms++] = value;
  return true;
}

/* Dim `d` of a function argument, at the entry (before the anchor: symbol
 * values are used everywhere). */
static MlirValue dimOf(FxLower *L, MlirValue memref, intptr_t d) {
  MlirValue ops[2] = {memref, fxIndexConst(L, d)};
  return mlirOperationGetResult(
      fxEntryBuild(L, "memref.dim", 2, ops, mlirIndexTypeGet(L->ctx), 0, NULL), 0);
}

/* The function's scratch (Lower.h): a stack buffer at the entry, resized
 * in finishScratch. */
static void createScratch(FxLower *L) {
  int64_t one = 8, dyn = mlirShapedTypeGetDynamicSize();
  MlirType i8 = mlirIntegerTypeGet(L->ctx, 8);
  MlirType fixed = mlirMemRefTypeContiguousGet(i8, 1, &one, (MlirAttribute){NULL});
  MlirType any = mlirMemRefTypeContiguousGet(i8, 1, &dyn, (MlirAttribute){NULL});
  MlirNamedAttribute attrs[2] = {
      fxNamed(L, "operandSegmentSizes", mlirDenseI32ArrayGet(L->ctx, 2, (int32_t[]){0, 0})),
      fxNamed(L, "alignment", mlirIntegerAttrGet(mlirIntegerTypeGet(L->ctx, 64), 64)),
  };
  L->scratchAlloca = fxBuild(L, "memref.alloca", 0, NULL, 1, &fixed, 2, attrs);
  MlirValue a = mlirOperationGetResult(L->scratchAlloca, 0);
  L->scratch = mlirOperationGetResult(fxBuild(L, "memref.cast", 1, &a, 1, &any, 0, NULL), 0);
  /* The anchor: values built once per function go before it (Build.c).  A
   * constant nothing uses (so no cached value depends on it), erased at the
   * end. */
  MlirType i1 = mlirIntegerTypeGet(L->ctx, 1);
  MlirNamedAttribute value = fxNamed(L, "value", mlirIntegerAttrGet(i1, 0));
  L->anchor = fxBuild(L, "arith.constant", 0, NULL, 1, &i1, 1, &value);
}

static void finishScratch(FxLower *L) {
  if (!mlirOperationIsNull(L->anchor))
    mlirOperationDestroy(L->anchor);
  L->anchor = (MlirOperation){NULL};
  if (mlirOperationIsNull(L->scratchAlloca))
    return;
  if (L->scratchMax == 0 && mlirOpOperandIsNull(mlirValueGetFirstUse(L->scratch))) {
    mlirOperationDestroy(mlirOpResultGetOwner(L->scratch));
    mlirOperationDestroy(L->scratchAlloca);
    return;
  }
  MlirType i8 = mlirIntegerTypeGet(L->ctx, 8);
  mlirValueSetType(mlirOperationGetResult(L->scratchAlloca, 0),
                   mlirMemRefTypeContiguousGet(i8, 1, &L->scratchMax,
                                               (MlirAttribute){NULL}));
}

/* Where symbol k comes from, for messages: "argument 2" or
 * "argument 0 dim 1". */
typedef struct SymSource {
  int arg, dim; /* dim -1: an !fx.sym argument */
} SymSource;

/* Seen strings, for checkExprDims: a growing array of their storage. */
typedef struct Seen {
  const char **p;
  size_t n, cap;
} Seen;

static bool seenBefore(Seen *s, const char *key) {
  for (size_t i = 0; i < s->n; ++i)
    if (s->p[i] == key)
      return true;
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    const char **grown = realloc(s->p, cap * sizeof *grown);
    if (!grown)
      return true; /* out of memory: the check is skipped, never doubled */
    s->p = grown;
    s->cap = cap;
  }
  s->p[s->n++] = key;
  return false;
}

/* One expression (not a symbol) of the function, checked once at the
 * entry: that computing it did not leave int64, and, for a dim, that it is
 * a size. */
static void checkExpr(FxLower *L, MlirStringRef text, bool isDim, const char *who,
                      Seen *seen) {
  if (!text.length || fxDimIsSymbolName(text))
    return;
  bool checked = seenBefore(&seen[0], text.data);
  if (checked && (!isDim || seenBefore(&seen[1], text.data)))
    return;
  MlirValue v = fxSymbolicValue(L, text);
  if (mlirValueIsNull(v))
    return; /* unbound, or not an expression: reported at its op */
  char what[300];
  MlirValue ovf = checked ? (MlirValue){NULL} : fxSymbolicOverflow(L, text);
  if (!mlirValueIsNull(ovf)) {
    snprintf(what, sizeof what, "the number of int64 overflows computing \"%.*s\"",
             (int)text.length, text.data);
    MlirType index = mlirIndexTypeGet(L->ctx); /* fxCheckEq takes index values */
    MlirValue n = mlirOperationGetResult(
        fxBuild(L, "arith.index_castui", 1, &ovf, 1, &index, 0, NULL), 0);
    fxCheckEq(L, n, fxIndexConst(L, 0), who, what);
  }
  if (isDim && (checked || !seenBefore(&seen[1], text.data))) {
    snprintf(what, sizeof what, "dim \"%.*s\"", (int)text.length, text.data);
    MlirValue args[3] = {fxIndexToI64(L, v), fxCStringAddress(L, who),
                         fxCStringAddress(L, what)};
    fxCallI64(L, "fxrt_check_size", 3, args, false);
  }
}

/* The expressions an attribute holds: a string, or strings in an array or
 * a dictionary (a call's `args`). */
static void checkAttrExprs(FxLower *L, MlirAttribute a, const char *who, Seen *seen) {
  if (mlirAttributeIsNull(a))
    return;
  if (mlirAttributeIsAString(a))
    checkExpr(L, mlirStringAttrGetValue(a), false, who, seen);
  else if (mlirAttributeIsAArray(a))
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(a); i < n; ++i)
      checkAttrExprs(L, mlirArrayAttrGetElement(a, i), who, seen);
  else if (mlirAttributeIsADictionary(a))
    for (intptr_t i = 0, n = mlirDictionaryAttrGetNumElements(a); i < n; ++i)
      checkAttrExprs(L, mlirDictionaryAttrGetElement(a, i).attribute, who, seen);
}

/* Every dim expression of the values of `block` (and its nested regions)
 * must be a size at run time: torch's guards ensure it for the shapes it
 * traced, but fx-run's caller picks the symbols ("s0 - 4" with s0 = 2).
 * Every expression (dims, slice bounds, shape entries, int arguments) is
 * computed without leaving int64 ("s0**4 + 4" at s0 = 65536 would wrap).
 * Checked once per expression, at the entry, after the symbols are bound. */
static void checkExprDims(FxLower *L, MlirBlock block, const char *who,
                          Seen *seen) {
  static const char *const kAttrs[] = {"start", "end", "shape", "args"};
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    for (intptr_t r = 0, nr = mlirOperationGetNumResults(op); r < nr; ++r) {
      MlirType t = mlirValueGetType(mlirOperationGetResult(op, r));
      for (intptr_t d = 0, rank = fxTypeIsATensor(t) ? fxTensorTypeGetRank(t) : 0;
           d < rank; ++d)
        checkExpr(L, fxTensorTypeGetDim(t, d).symbol, true, who, seen);
    }
    if (fxOpGetKind(op) != FX_OP_NONE)
      for (size_t k = 0; k < sizeof kAttrs / sizeof *kAttrs; ++k)
        checkAttrExprs(L, mlirOperationGetAttributeByName(op, str(kAttrs[k])), who, seen);
    for (intptr_t g = 0, ng = mlirOperationGetNumRegions(op); g < ng; ++g)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, g));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        checkExprDims(L, b, who, seen);
  }
}

/* Argument `i`'s descriptor against the strides its fx.strides declare
 * (Fx.h): each dim's stride, unless the dim has size 1 (torch ignores its
 * stride) or the tensor is empty.  The passes rely on these strides
 * (passes/Layout.c); a caller that breaks the promise gets an error, never
 * a wrong layout assumed. */
static void checkStrides(FxLower *L, MlirValue arg, MlirType t, int i,
                         const char *dims, const char *who) {
  FxDim strides[FX_MAX_RANK];
  intptr_t rank = fxTensorTypeGetRank(t);
  if (fxArgumentGetStrides(arg, strides, FX_MAX_RANK) != rank || rank == 0)
    return;
  MlirType index = mlirIndexTypeGet(L->ctx);
  MlirValue m = arg; /* the converted argument: a memref */
  MlirType metaTypes[2 + 2 * FX_LOWER_MAX_RANK];
  metaTypes[0] = mlirMemRefTypeContiguousGet(fxTensorTypeGetDtype(t), 0, NULL,
                                             (MlirAttribute){NULL});
  for (intptr_t k = 1; k < 2 + 2 * rank; ++k)
    metaTypes[k] = index;
  MlirOperation meta = fxBuild(L, "memref.extract_strided_metadata", 1, &m,
                               2 + 2 * rank, metaTypes, 0, NULL);
  /* The smallest size, 0 exactly when the tensor is empty (a product of
   * the sizes could wrap to 0 for a broadcast tensor and skip the check). */
  MlirValue minSize = mlirOperationGetResult(meta, 2);
  for (intptr_t d = 1; d < rank; ++d)
    minSize = fxArith(L, "arith.minsi", minSize, mlirOperationGetResult(meta, 2 + d));
  for (intptr_t d = 0; d < rank; ++d) {
    MlirValue want = strides[d].symbol.length
                         ? fxSymbolicValue(L, strides[d].symbol)
                         : fxIndexConst(L, strides[d].size);
    if (mlirValueIsNull(want))
      continue; /* an unbound symbol: the verifier reports it */
    char what[700];
    snprintf(what, sizeof what, "argument %d (%s) stride %d (fx.strides)", i,
             dims, (int)d);
    MlirValue args[6] = {fxIndexToI64(L, minSize),
                         fxIndexToI64(L, mlirOperationGetResult(meta, 2 + d)),
                         fxIndexToI64(L, mlirOperationGetResult(meta, 2 + rank + d)),
                         fxIndexToI64(L, want), fxCStringAddress(L, who),
                         fxCStringAddress(L, what)};
    fxCallI64(L, "fxrt_check_stride", 6, args, false);
  }
}

/* Symbol values and the checks of the caller's descriptors; the insertion
 * point is at the start of the entry block, after the argument casts. */
static bool checkArguments(FxLower *L, MlirBlock entry, MlirType fnType,
                           const char *who) {
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  SymSource *src = malloc((size_t)(nIn * (FX_LOWER_MAX_RANK + 1) + 1) * sizeof *src);
  if (!src) {
    fxLowerError(L, "out of memory");
    return false;
  }
  /* Symbols first (an !fx.sym or the first dim that names it). */
  for (intptr_t i = 0; i < nIn; ++i) {
    MlirType t = mlirFunctionTypeGetInput(fnType, i);
    MlirValue arg = mlirBlockGetArgument(entry, i);
    if (fxTypeIsASym(t) && mlirValueIsNull(fxSymbolValue(L, fxSymTypeGetName(t)))) {
      src[L->numSyms] = (SymSource){(int)i, -1};
      if (!addSymbol(L, fxSymTypeGetName(t), arg))
        goto fail;
      continue;
    }
    for (intptr_t d = 0, r = fxTypeIsATensor(t) ? fxTensorTypeGetRank(t) : 0; d < r; ++d) {
      FxDim dim = fxTensorTypeGetDim(t, d);
      /* A dim that is an expression binds nothing: it is checked below. */
      if (!dim.symbol.length || !fxDimIsSymbolName(dim.symbol) ||
          !mlirValueIsNull(fxSymbolValue(L, dim.symbol)))
        continue;
      src[L->numSyms] = (SymSource){(int)i, (int)d};
      if (!addSymbol(L, dim.symbol, dimOf(L, arg, d)))
        goto fail;
    }
  }
  bool fxArgs = false;
  for (intptr_t i = 0; i < nIn; ++i)
    fxArgs |= isFxValueType(mlirFunctionTypeGetInput(fnType, i));
  if (!fxArgs) /* nothing to check (and no runtime call in a plain function) */
    goto done;
  if (mlirValueIsNull(fxEnter(L)))
    goto fail;
  for (int k = 0; k < L->numSyms; ++k) {
    char what[300];
    snprintf(what, sizeof what, src[k].dim < 0 ? "symbol %.*s (argument %d)"
                                               : "symbol %.*s (argument %d dim %d)",
             (int)L->symNames[k].length, L->symNames[k].data, src[k].arg, src[k].dim);
    MlirValue args[3] = {fxIndexToI64(L, L->symValues[k]), fxCStringAddress(L, who),
                         fxCStringAddress(L, what)};
    fxCallI64(L, "fxrt_check_size", 3, args, false);
  }
  for (intptr_t i = 0; i < nIn; ++i) {
    MlirType t = mlirFunctionTypeGetInput(fnType, i);
    char dims[512], what[900];
    if (fxTypeIsASym(t)) { /* one that does not bind its symbol: agree */
      MlirStringRef sym = fxSymTypeGetName(t);
      int k = 0;
      while (!mlirStringRefEqual(L->symNames[k], sym))
        ++k;
      if (src[k].arg == i)
        continue;
      int n = snprintf(what, sizeof what, "argument %d (symbol %.*s, as "
                       "argument %d", (int)i, (int)sym.length, sym.data, src[k].arg);
      snprintf(what + n, sizeof what - (size_t)n, src[k].dim < 0 ? " binds it)"
               : " dim %d binds it)", src[k].dim);
      fxCheckEq(L, mlirBlockGetArgument(entry, i), L->symValues[k], who, what);
      continue;
    }
    if (!fxTypeIsATensor(t))
      continue;
    fxDimsText(t, dims, sizeof dims);
    MlirValue arg = mlirBlockGetArgument(entry, i);
    for (intptr_t d = 0, r = fxTensorTypeGetRank(t); d < r; ++d) {
      FxDim dim = fxTensorTypeGetDim(t, d);
      bool isSym = dim.symbol.length && fxDimIsSymbolName(dim.symbol);
      int k = 0;
      while (isSym && !mlirStringRefEqual(L->symNames[k], dim.symbol))
        ++k;
      if (isSym && src[k].arg == i && src[k].dim == d)
        continue; /* the dim that binds the symbol */
      if (!dim.symbol.length)
        snprintf(what, sizeof what, "argument %d (%s) dim %d", (int)i, dims, (int)d);
      else if (!isSym)
        snprintf(what, sizeof what, "argument %d (%s) dim %d, %.*s,", (int)i,
                 dims, (int)d, (int)dim.symbol.length, dim.symbol.data);
      else if (src[k].dim < 0)
        snprintf(what, sizeof what, "argument %d (%s) dim %d, symbol %.*s as "
                 "argument %d binds it,", (int)i, dims, (int)d,
                 (int)dim.symbol.length, dim.symbol.data, src[k].arg);
      else
        snprintf(what, sizeof what, "argument %d (%s) dim %d, symbol %.*s as "
                 "argument %d dim %d binds it,", (int)i, dims, (int)d,
                 (int)dim.symbol.length, dim.symbol.data, src[k].arg, src[k].dim);
      fxCheckEq(L, dimOf(L, arg, d), fxDimValue(L, t, d), who, what);
    }
    checkStrides(L, arg, t, (int)i, dims, who);
    if (fxFuncArgIsDonated(mlirBlockGetParentOperation(entry), i)) {
      /* The passes may write it in place (passes.md, rule (c)): one memory
       * location per element, checked in every run, with or without them
       * (round 10: an expanded argument, donated, gave other values). */
      char *what = malloc(strlen(who) + strlen(dims) + 64);
      if (!what) {
        fxLowerError(L, "out of memory");
        goto fail;
      }
      sprintf(what, "%s: argument %d (%s)", who, (int)i, dims);
      /* The entry's own descriptor (every dim `?`), stored as it is. */
      int64_t at = fxScratchReserveDescriptor(L);
      MlirValue store[3] = {arg, fxScratchSlot(L, at, mlirValueGetType(arg)),
                            fxIndexConst(L, 0)};
      fxBuild(L, "memref.store", 3, store, 0, NULL, 0, NULL);
      MlirValue args[3] = {fxScratchAddress(L, at),
                           fxI64Const(L, fxTensorTypeGetRank(t)),
                           fxCStringAddress(L, what)};
      free(what);
      fxCallI64(L, "fxrt_check_donated", 3, args, false);
    }
  }
  Seen seen[2] = {{NULL, 0, 0}, {NULL, 0, 0}}; /* computed; checked as a size */
  for (intptr_t i = 0; i < nIn; ++i) /* declared strides: computed in int64 */
    checkAttrExprs(L, fxArgumentGetStridesAttr(mlirBlockGetArgument(entry, i)), who, seen);
  checkExprDims(L, entry, who, seen);
  free(seen[0].p);
  free(seen[1].p);
done:
  free(src);
  return true;
fail:
  free(src);
  return false;
}

/* Converts the signature, checks every type, builds the entry (argument
 * casts, symbols, scratch, checks).  False after an error. */
static bool prepareFunction(FxLower *L, MlirOperation func) {
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(func, str("function_type")));
  MlirStringRef name = mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(func, str("sym_name")));
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  L->loc = mlirOperationGetLocation(func);
  MlirType *in = malloc((size_t)(nIn + 1) * sizeof *in);
  MlirType *out = malloc((size_t)(nOut + 1) * sizeof *out);
  bool ok = in && out;
  if (!ok)
    fxLowerError(L, "out of memory for a signature of %d arguments and %d "
                    "results", (int)nIn, (int)nOut);
  char what[64];
  for (intptr_t i = 0; ok && i < nIn; ++i) {
    MlirType t = mlirFunctionTypeGetInput(fnType, i);
    snprintf(what, sizeof what, "argument %d", (int)i);
    in[i] = fxLowerType(L->ctx, t, true);
    if (mlirTypeIsNull(in[i])) { /* only a rank the runtime lacks */
      fxLowerCheckType(L, t, what);
      ok = false;
    }
  }
  for (intptr_t i = 0; ok && i < nOut; ++i) {
    MlirType t = mlirFunctionTypeGetResult(fnType, i);
    snprintf(what, sizeof what, "result %d", (int)i);
    out[i] = fxLowerType(L->ctx, t, false);
    if (mlirTypeIsNull(out[i])) {
      fxLowerCheckType(L, t, what);
      ok = false;
    }
  }
  if (!ok) {
    free(in);
    free(out);
    return false;
  }
  mlirOperationSetAttributeByName(
      func, str("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(L->ctx, nIn, in, nOut, out)));
  if (mlirBlockIsNull(entry)) { /* a declaration */
    free(in);
    free(out);
    return true;
  }
  mlirRewriterBaseSetInsertionPointToStart(L->rw, entry);
  /* fx users see each tensor argument through casts: memref.cast to the
   * canonical type (static dims static), then to the fx type. */
  for (intptr_t i = 0; i < nIn; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType fxType = mlirValueGetType(arg);
    mlirValueSetType(arg, in[i]);
    if (!fxTypeIsATensor(fxType))
      continue;
    MlirType canonical = fxLowerTensorType(L->ctx, fxType);
    MlirOperation mc = fxBuild(L, "memref.cast", 1, &arg, 1, &canonical, 0, NULL);
    MlirValue m = mlirOperationGetResult(mc, 0);
    MlirValue cast = mlirOperationGetResult(
        fxBuild(L, "builtin.unrealized_conversion_cast", 1, &m, 1, &fxType, 0, NULL), 0);
    mlirValueReplaceAllUsesExcept(arg, cast, 1, &mc);
  }
  free(in);
  free(out);
  createScratch(L);
  char who[300];
  snprintf(who, sizeof who, "@%.*s", (int)name.length, name.data);
  if (!checkArguments(L, entry, fnType, who))
    return false;
  /* Result symbols must be bound too. */
  for (intptr_t i = 0; i < nOut; ++i) {
    snprintf(what, sizeof what, "result %d", (int)i);
    if (!fxLowerCheckType(L, mlirFunctionTypeGetResult(fnType, i), what))
      return false;
  }
  return true;
}

/*===-- Ops -----------------------------------------------------------------===*/

/* Whether the operands of `op` are lowered; if one is not, reports it unless
 * its producer is an fx op or call that failed (and said so). */
static bool operandsReady(FxLower *L, MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!mlirValueIsNull(fxMemRefOf(v)))
      continue;
    MlirOperation def = mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                                : (MlirOperation){NULL};
    bool explained = L->errors > 0 && !mlirOperationIsNull(def) &&
                     (fxOpGetKind(def) != FX_OP_NONE || fxIsOpNamed(def, "func.call"));
    if (!explained) {
      char producer[128] = "a block argument";
      if (!mlirOperationIsNull(def)) {
        MlirStringRef nm = mlirIdentifierStr(mlirOperationGetName(def));
        snprintf(producer, sizeof producer, "'%.*s'", (int)nm.length, nm.data);
      }
      fxLowerError(L, "cannot lower: operand %d is an fx value from %s, which "
                      "fx-lower-to-runtime does not convert (only function "
                      "arguments, fx ops and func.call)",
                   (int)i, producer);
    }
    return false;
  }
  return true;
}

static bool checkTypes(FxLower *L, MlirOperation op) {
  char what[64];
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    snprintf(what, sizeof what, "operand %d", (int)i);
    if (!fxLowerCheckType(L, mlirValueGetType(mlirOperationGetOperand(op, i)), what))
      return false;
  }
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i) {
    snprintf(what, sizeof what, "result %d", (int)i);
    if (!fxLowerCheckType(L, mlirValueGetType(mlirOperationGetResult(op, i)), what))
      return false;
  }
  return true;
}

/* func.call of fx values: operands as memrefs (cast to the callee's
 * all-dynamic argument types), results as the canonical memrefs. */
static bool lowerFuncCall(FxLower *L, MlirOperation op) {
  intptr_t nIn = mlirOperationGetNumOperands(op);
  intptr_t nOut = mlirOperationGetNumResults(op);
  MlirValue *operands = malloc((size_t)(nIn + 1) * sizeof *operands);
  MlirValue *results = malloc((size_t)(nOut + 1) * sizeof *results);
  MlirType *types = malloc((size_t)(nOut + 1) * sizeof *types);
  MlirNamedAttribute *attrs = NULL;
  bool ok = operands && results && types;
  if (!ok)
    fxLowerError(L, "out of memory");
  for (intptr_t i = 0; ok && i < nIn; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    MlirType t = mlirValueGetType(v);
    operands[i] = fxMemRefOf(v);
    if (fxTypeIsATensor(t)) {
      MlirType argType = fxLowerTensorTypeEx(L->ctx, t, true);
      operands[i] = mlirOperationGetResult(
          fxBuild(L, "memref.cast", 1, &operands[i], 1, &argType, 0, NULL), 0);
    }
  }
  for (intptr_t i = 0; ok && i < nOut; ++i)
    types[i] = fxLowerType(L->ctx, mlirValueGetType(mlirOperationGetResult(op, i)), false);
  intptr_t nAttrs = mlirOperationGetNumAttributes(op);
  if (ok && !(attrs = malloc((size_t)(nAttrs + 1) * sizeof *attrs))) {
    fxLowerError(L, "out of memory");
    ok = false;
  }
  if (ok) {
    for (intptr_t i = 0; i < nAttrs; ++i)
      attrs[i] = mlirOperationGetAttribute(op, i);
    MlirOperation call = fxBuild(L, "func.call", nIn, operands, nOut, types, nAttrs, attrs);
    for (intptr_t i = 0; i < nOut; ++i)
      results[i] = mlirOperationGetResult(call, i);
    fxPublish(L, op, nOut, results);
  }
  free(operands);
  free(results);
  free(types);
  free(attrs);
  return ok;
}

static bool hasFxValues(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (isFxValueType(mlirValueGetType(mlirOperationGetOperand(op, i))))
      return true;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (isFxValueType(mlirValueGetType(mlirOperationGetResult(op, i))))
      return true;
  return false;
}

/* After top-level op `op` (lowered; `next` follows it): fxrt_free of the
 * storage whose last use it was (Liveness.c).  A group is freed through
 * each of its values that may hold storage of its own; fxrt_free frees
 * what fxrt_alloc returned, once, so a view's pointer is harmless. */
static void freeDying(FxLower *L, MlirOperation op, MlirOperation next) {
  enum { kMax = 64 };
  MlirValue dying[kMax];
  intptr_t n = fxLivenessGetDying(L->live, op, dying, kMax);
  MlirValue *all = dying;
  if (n > kMax) {
    if (!(all = malloc((size_t)n * sizeof *all))) {
      fxLowerError(L, "out of memory");
      return;
    }
    fxLivenessGetDying(L->live, op, all, n);
  }
  mlirRewriterBaseSetInsertionPointBefore(L->rw, next);
  MlirType index = mlirIndexTypeGet(L->ctx);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue ptr = mlirOperationGetResult(
        fxBuild(L, "memref.extract_aligned_pointer_as_index", 1, &all[i], 1,
                &index, 0, NULL), 0);
    MlirValue arg = fxIndexToI64(L, ptr);
    fxCallI64(L, "fxrt_free", 1, &arg, false);
  }
  if (all != dying)
    free(all);
}

static void lowerOne(FxLower *L, MlirOperation op) {
  MlirOperation next = mlirOperationGetNextInBlock(op);
  int errors = L->errors;
  L->loc = mlirOperationGetLocation(op);
  L->entered = (MlirValue){NULL};
  fxScratchReset(L);
  mlirRewriterBaseSetInsertionPointBefore(L->rw, op);
  if (!operandsReady(L, op) || !checkTypes(L, op))
    return;
  switch (fxOpGetKind(op)) {
  case FX_OP_VIEW:
  case FX_OP_RESHAPE:
    fxLowerView(L, op);
    break;
  case FX_OP_SLICE:
    fxLowerSlice(L, op);
    break;
  case FX_OP_SLICE_SCATTER:
    fxLowerSliceScatter(L, op);
    break;
  case FX_OP_AUTO_FUNCTIONALIZED:
  case FX_OP_CALL:
    fxLowerCall(L, op);
    break;
  default: /* func.call */
    lowerFuncCall(L, op);
    break;
  }
  if (L->live && L->errors == errors && !mlirOperationIsNull(next))
    freeDying(L, op, next);
}

static MlirWalkResult collectOps(MlirOperation op, void *userData) {
  FxOpKind k = fxOpGetKind(op);
  if ((k != FX_OP_NONE && k != FX_OP_SCHEMA) ||
      (fxIsOpNamed(op, "func.call") && hasFxValues(op)))
    push(userData, op);
  return MlirWalkResultAdvance;
}

/* After lowering, an op other than the casts and func.return that still
 * holds an fx value would make invalid IR once the casts go. */
typedef struct Leftovers {
  FxLower *L;
  MlirOperation func;
} Leftovers;

static MlirWalkResult reportLeftover(MlirOperation op, void *userData) {
  Leftovers *l = userData;
  if (mlirOperationEqual(op, l->func) || fxIsOpNamed(op, "builtin.unrealized_conversion_cast") ||
      fxOpGetKind(op) != FX_OP_NONE || !hasFxValues(op))
    return MlirWalkResultAdvance;
  MlirOperation parent = mlirOperationGetParentOperation(op);
  bool topLevel = mlirOperationEqual(parent, l->func);
  if ((fxIsOpNamed(op, "func.return") && topLevel) ||
      (!topLevel && hasFxValues(parent))) /* inside one reported already */
    return MlirWalkResultAdvance;
  MlirStringRef nm = mlirIdentifierStr(mlirOperationGetName(op));
  l->L->loc = mlirOperationGetLocation(op);
  fxLowerError(l->L, "cannot lower '%.*s': it has fx values as operands or "
                     "results, and fx-lower-to-runtime converts them only for "
                     "fx ops, func.call and func.return",
               (int)nm.length, nm.data);
  return MlirWalkResultAdvance;
}

/* After lowering: users of the casts (func.return) get the memrefs, and the
 * casts go. */
static MlirWalkResult collectCasts(MlirOperation op, void *userData) {
  if (fxIsOpNamed(op, "builtin.unrealized_conversion_cast") &&
      mlirOperationGetNumOperands(op) == 1 &&
      fxTypeIsATensor(mlirValueGetType(mlirOperationGetResult(op, 0))))
    push(userData, op);
  return MlirWalkResultAdvance;
}

static bool dropCasts(MlirOperation func) {
  Ops c = {0};
  mlirOperationWalk(func, collectCasts, &c, MlirWalkPostOrder);
  for (size_t i = 0; !c.oom && i < c.n; ++i) {
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(c.ops[i], 0),
                                  mlirOperationGetOperand(c.ops[i], 0));
    mlirOperationDestroy(c.ops[i]);
  }
  free(c.ops);
  return !c.oom;
}

static void lowerFunction(MlirOperation module, MlirSymbolTable symbols,
                          FxStrings *strings, MlirOperation func,
                          MlirExternalPass pass) {
  FxLower L = {.ctx = mlirOperationGetContext(func),
               .module = module,
               .func = func,
               .symbols = symbols,
               .strings = strings,
               .schemas = fxSchemaTableCreate(func)};
  if (!fxPassBegin(func, pass, L.schemas)) {
    fxSchemaTableDestroy(L.schemas);
    return;
  }
  L.rw = mlirIRRewriterCreate(L.ctx);
  L.cache = fxCacheCreate();
  Ops ops = {0};
  if (!L.cache)
    fxLowerError(&L, "out of memory");
  else if (!(L.live = fxLivenessCreate(func)))
    fxLowerError(&L, "out of memory");
  else if (prepareFunction(&L, func)) {
    mlirOperationWalk(func, collectOps, &ops, MlirWalkPreOrder);
    if (ops.oom)
      fxLowerError(&L, "out of memory");
    for (size_t i = 0; !ops.oom && i < ops.n; ++i)
      lowerOne(&L, ops.ops[i]);
    Leftovers left = {&L, func};
    if (!L.errors)
      mlirOperationWalk(func, reportLeftover, &left, MlirWalkPreOrder);
    if (!L.errors && !fxLivenessIsPrecise(L.live))
      fxEmitRemark(mlirOperationGetLocation(func),
                   "fx-lower-to-runtime: no tensor is freed before the "
                   "function returns: the body has several blocks or uses a "
                   "tensor inside a nested region, so a last use is not a "
                   "point of one list of ops");
    else if (!L.errors && fxLivenessHasNestedTensors(L.live))
      fxEmitRemark(mlirOperationGetLocation(func),
                   "fx-lower-to-runtime: the tensors made inside a nested "
                   "region are freed only when the run ends (the live-set "
                   "bound does not count them)");
  }
  finishScratch(&L);
  if (L.errors || !dropCasts(func))
    mlirExternalPassSignalFailure(pass);
  free(ops.ops);
  fxLivenessDestroy(L.live);
  free(L.symNames);
  free(L.symValues);
  fxCacheDestroy(L.cache);
  mlirIRRewriterDestroy(L.rw);
  fxSchemaTableDestroy(L.schemas);
}

void fxRunLowerToRuntime(MlirOperation module, MlirExternalPass pass) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  FxStrings *strings = fxStringsCreate();
  if (!strings) {
    mlirEmitError(mlirOperationGetLocation(module), "out of memory");
    mlirExternalPassSignalFailure(pass);
    mlirSymbolTableDestroy(symbols);
    return;
  }
  /* Functions first collected: lowering declares new ones. */
  Ops funcs = {0};
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (fxIsOpNamed(op, "func.func"))
      push(&funcs, op);
  for (size_t i = 0; !funcs.oom && i < funcs.n; ++i)
    lowerFunction(module, symbols, strings, funcs.ops[i], pass);
  if (funcs.oom) {
    mlirEmitError(mlirOperationGetLocation(module), "out of memory");
    mlirExternalPassSignalFailure(pass);
  }
  free(funcs.ops);
  /* Schemas were for the passes. */
  MlirOperation next;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (fxOpGetKind(op) == FX_OP_SCHEMA)
      mlirOperationDestroy(op);
  }
  fxStringsDestroy(strings);
  mlirSymbolTableDestroy(symbols);
}
