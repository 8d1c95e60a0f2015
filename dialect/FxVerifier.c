/* FxVerifier.c - what IRDL cannot check (DESIGN §2 "Verification").
 *
 * Runs as the region verifier of every fx op (installed when the dialect
 * loads, so plain parsing in fx-opt and mlir-opt checks it; the first fx op
 * of a function checks the function itself too), and as the pass fx-verify.
 * The fx passes check first only what MLIR's verification did not
 * (fxVerifyFunctionBeyondHook).  Errors are emitted at the op's location as
 * "'fx.<op>' op <lowercase message>" (the function's at the function).
 */
#include "FxInternal.h"
#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <threads.h>

enum { kMsgLen = 2048 };

/* What the ops of one function share: its declared symbols, and the tensor
 * types already found valid (types are uniqued; a graph has few, and the
 * cache only saves work). */
enum { kMaxCheckedTypes = 64 };
typedef struct Seen Seen;
typedef struct Scope {
  bool perOp;       /* look symbols up in the arguments directly: one op's
                       verification, or no memory for the list */
  bool ready;
  bool anySymbol;   /* no function body: symbols are not checked */
  int numSyms, capSyms, numChecked;
  MlirStringRef *syms; /* the distinct declared symbols (malloc-ed) */
  MlirType checked[kMaxCheckedTypes];
  Seen *seen;       /* ops already found valid, by signature (below) */
} Scope;

typedef struct Verifier {
  MlirOperation op;
  MlirOperation func; /* enclosing func.func, or null: no symbol check */
  FxSchemaTable *table;
  Scope *scope;
} Verifier;

static MlirLogicalResult vfail(MlirOperation op, const char *fmt,
                               va_list ap) {
  char msg[kMsgLen];
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  int n = snprintf(msg, sizeof msg, "'%.*s' op ", (int)name.length, name.data);
  vsnprintf(msg + n, sizeof msg - n, fmt, ap);
  mlirEmitError(mlirOperationGetLocation(op), msg);
  return mlirLogicalResultFailure();
}

static MlirLogicalResult fail(Verifier *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  MlirLogicalResult r = vfail(v->op, fmt, ap);
  va_end(ap);
  return r;
}

MlirLogicalResult fxVerifyError(MlirOperation op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  MlirLogicalResult r = vfail(op, fmt, ap);
  va_end(ap);
  return r;
}


/* Printing types and attributes into messages. */
typedef FxText Buf;

static void appendCb(MlirStringRef str, void *userData) {
  Buf *b = userData;
  size_t room = sizeof b->s - 1 - b->n;
  size_t k = str.length < room ? str.length : room;
  memcpy(b->s + b->n, str.data, k);
  b->n += k;
  b->s[b->n] = 0;
}

FxText fxTypeText(MlirType t) {
  Buf b = {{0}, 0};
  mlirTypePrint(t, appendCb, &b);
  return b;
}

FxText fxAttrText(MlirAttribute a) {
  Buf b = {{0}, 0};
  mlirAttributePrint(a, appendCb, &b);
  return b;
}

#define typeStr fxTypeText
#define attrStr fxAttrText

/* "ns::name(params) -> returns", as schemas are named in messages. */
static Buf schemaStr(const FxSchema *s) {
  Buf b = {{0}, 0};
  const char *sep = strstr(s->qualifiedName, "::");
  size_t nsLen = sep ? (size_t)(sep - s->qualifiedName) + 2 : 0;
  b.n = (size_t)snprintf(b.s, sizeof b.s, "%.*s%s", (int)nsLen,
                         s->qualifiedName, s->text);
  if (b.n >= sizeof b.s)
    b.n = sizeof b.s - 1;
  return b;
}

/*===-- Symbols and types --------------------------------------------------===*/

/* Adds `sym` to the scope's list; without memory for it, the scope falls
 * back to looking symbols up in the arguments (never to not checking). */
static void addSymbol(Scope *sc, MlirStringRef sym) {
  for (int i = 0; i < sc->numSyms; ++i)
    if (mlirStringRefEqual(sc->syms[i], sym))
      return;
  if (sc->numSyms == sc->capSyms) {
    int cap = sc->capSyms ? 2 * sc->capSyms : 16;
    MlirStringRef *grown = realloc(sc->syms, (size_t)cap * sizeof *grown);
    if (!grown) {
      sc->perOp = true;
      return;
    }
    sc->syms = grown;
    sc->capSyms = cap;
  }
  sc->syms[sc->numSyms++] = sym;
}

/* Symbols are declared by the dims of the function's tensor arguments and
 * by its !fx.sym arguments. */
static void prepareScope(Verifier *v) {
  Scope *sc = v->scope;
  if (sc->ready)
    return;
  sc->ready = true;
  MlirBlock entry = mlirOperationIsNull(v->func)
                        ? (MlirBlock){NULL}
                        : mlirRegionGetFirstBlock(mlirOperationGetRegion(v->func, 0));
  if (mlirBlockIsNull(entry)) { /* no function, or a declaration */
    sc->anySymbol = true;
    return;
  }
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(entry); i < n; ++i) {
    MlirType t = mlirValueGetType(mlirBlockGetArgument(entry, i));
    if (fxTypeIsASym(t))
      addSymbol(sc, fxSymTypeGetName(t));
    for (intptr_t d = 0, r = fxTensorTypeGetRank(t); d < r; ++d) {
      FxDim dim = fxTensorTypeGetDim(t, d);
      if (dim.symbol.length)
        addSymbol(sc, dim.symbol);
    }
  }
}

/* Whether tensor type `t` has a dim named `sym`: every dim, whatever the
 * rank (a rank beyond FX_MAX_RANK is an error of its own, never a reason
 * to miss a declaration). */
static bool hasSymbolDim(MlirType t, MlirStringRef sym) {
  FxDim dims[FX_MAX_RANK];
  intptr_t r = fxTensorTypeGetDims(t, dims, FX_MAX_RANK);
  for (intptr_t d = 0; d < r; ++d)
    if (mlirStringRefEqual(d < FX_MAX_RANK ? dims[d].symbol
                                           : fxTensorTypeGetDim(t, d).symbol,
                           sym))
      return true;
  return false;
}

/* One op's check (MLIR's verifier hook runs it on every op after every
 * pass): scan the arguments until the symbol shows up instead of listing all
 * of them, which made graphs with many arguments quadratic.  The arguments
 * are read from the function type, which the hook's memo (below) keys on;
 * func.func's own verifier keeps the entry block's types equal to it. */
static bool declaredByArguments(MlirOperation func, MlirStringRef sym) {
  MlirBlock entry = mlirOperationIsNull(func)
                        ? (MlirBlock){NULL}
                        : mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(entry))
    return true; /* no function, or a declaration */
  MlirAttribute fnType = mlirOperationGetAttributeByName(func, fxStr("function_type"));
  if (mlirAttributeIsNull(fnType) || !mlirAttributeIsAType(fnType))
    return true; /* not a well-formed func.func: its own verifier says so */
  MlirType fn = mlirTypeAttrGetValue(fnType);
  for (intptr_t i = 0, n = mlirFunctionTypeGetNumInputs(fn); i < n; ++i) {
    MlirType t = mlirFunctionTypeGetInput(fn, i);
    if ((fxTypeIsASym(t) && mlirStringRefEqual(fxSymTypeGetName(t), sym)) ||
        hasSymbolDim(t, sym))
      return true;
  }
  return false;
}

static bool isDeclared(Verifier *v, MlirStringRef sym) {
  if (!v->scope->perOp)
    prepareScope(v);
  if (v->scope->perOp)
    return declaredByArguments(v->func, sym);
  if (v->scope->anySymbol)
    return true;
  for (int i = 0; i < v->scope->numSyms; ++i)
    if (mlirStringRefEqual(v->scope->syms[i], sym))
      return true;
  return false;
}

/* Diagnostics name the checked thing as "<kind> <index>" ("operand 2") or
 * just "<kind>" when index < 0; formatted only when something fails. */
static MlirLogicalResult checkSymbol(Verifier *v, MlirStringRef sym,
                                     const char *kind, int index) {
  char what[200];
  if (sym.length && isDeclared(v, sym))
    return OK;
  if (index >= 0)
    snprintf(what, sizeof what, "%s %d", kind, index);
  else
    snprintf(what, sizeof what, "%s", kind);
  if (sym.length == 0)
    return fail(v, "%s has an empty symbol name", what);
  return fail(v,
              "%s uses symbol \"%.*s\", which no argument of the enclosing "
              "function declares (as a tensor dim or an !fx.sym)",
              what, (int)sym.length, sym.data);
}

/* An expression in a message: at most 200 characters, then "...". */
#define SHOWN(s) (int)((s).length > 200 ? 200 : (s).length), (s).data, \
                 (s).length > 200 ? "..." : ""

/* A string where an integer or a symbol goes (`what` names it: "operand 2
 * dim 1", "start"): a declared symbol, or a symbolic expression in
 * canonical form whose symbols are declared (fxir/FxDimExpr.h). */
static MlirLogicalResult checkSymbolic(Verifier *v, MlirStringRef s,
                                       const char *what) {
  if (fxDimIsSymbolName(s) || s.length == 0)
    return checkSymbol(v, s, what, -1);
  char canon[FX_DIM_EXPR_MAX_LENGTH], err[256];
  bool isInt;
  int64_t value;
  if (!fxDimExprCanonicalize(s, canon, sizeof canon, &isInt, &value, err, sizeof err))
    return fail(v, "%s is \"%.*s%s\", neither a symbol nor a symbolic "
                   "expression fxir reads: %s",
                what, SHOWN(s), err);
  if (isInt)
    return fail(v, "%s is \"%.*s%s\", which is the integer %" PRId64
                   ": write it as an integer",
                what, SHOWN(s), value);
  if (strlen(canon) != s.length || memcmp(canon, s.data, s.length) != 0)
    return fail(v, "%s is \"%.*s%s\", not in fxir's canonical form: "
                   "write \"%s\"",
                what, SHOWN(s), canon);
  FxDimExpr *e = malloc(sizeof *e);
  if (!e || !fxDimExprParse(s, e, err, sizeof err)) {
    free(e);
    return fail(v, "%s: out of memory", what);
  }
  MlirLogicalResult r = OK;
  for (int i = 0; i < e->numNodes && mlirLogicalResultIsSuccess(r); ++i)
    if (e->nodes[i].kind == FX_DIM_EXPR_SYMBOL)
      r = checkSymbol(v, e->nodes[i].symbol, what, -1);
  free(e);
  return r;
}

/* The rank is at most FX_MAX_RANK (the runtime's limit), checked first: a
 * deeper tensor gets that error, not a confusing one about its dims.  Dims
 * are i64 >= 0 or declared symbols (IRDL only knows "an array"), and the
 * static dims' element count and byte size fit in an int64 (an empty
 * tensor always does). */
static MlirLogicalResult checkTensorType(Verifier *v, MlirType t,
                                         const char *kind, int index) {
  if (fxTypeIsASym(t) && !fxDimIsSymbolName(fxSymTypeGetName(t)))
    return fail(v, "%s %d has type !fx.sym<\"%.*s%s\">: a symbol's name is an "
                   "identifier (an argument binds a symbol, not an expression)",
                kind, index, SHOWN(fxSymTypeGetName(t)));
  if (!fxTypeIsATensor(t))
    return OK;
  Scope *sc = v->scope;
  for (int i = 0; i < sc->numChecked; ++i)
    if (mlirTypeEqual(sc->checked[i], t))
      return OK;
  intptr_t rank = fxTensorTypeGetRank(t);
  if (rank > FX_MAX_RANK)
    return fail(v,
                "%s %d has type %s of rank %d, above fxir's limit of %d (the "
                "runtime's FXRT_MAX_RANK)",
                kind, index, typeStr(t).s, (int)rank, FX_MAX_RANK);
  uint64_t numel = 1; /* of the static dims, saturated at UINT64_MAX */
  bool empty = false;
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim d = fxTensorTypeGetDim(t, i);
    if (d.symbol.length && fxDimIsSymbolName(d.symbol)) {
      TRY(checkSymbol(v, d.symbol, kind, index));
    } else if (d.symbol.length) {
      char what[64];
      snprintf(what, sizeof what, "%s %d dim %d", kind, index, (int)i);
      TRY(checkSymbolic(v, d.symbol, what));
    } else if (d.size < 0) {
      return fail(v,
                  "%s %d has type %s whose dim %d is not an i64 >= 0 or a "
                  "symbol string",
                  kind, index, typeStr(t).s, (int)i);
    } else {
      empty |= d.size == 0;
      numel = (uint64_t)d.size > UINT64_MAX / (numel ? numel : 1)
                  ? UINT64_MAX
                  : numel * (uint64_t)d.size;
    }
  }
  int64_t bytes = fxDtypeGetBytes(fxTensorTypeGetDtype(t));
  if (!empty && numel > (uint64_t)INT64_MAX)
    return fail(v, "%s %d has type %s whose element count overflows int64",
                kind, index, typeStr(t).s);
  if (!empty && bytes && numel > (uint64_t)INT64_MAX / (uint64_t)bytes)
    return fail(v,
                "%s %d has type %s whose size in bytes (%" PRIu64
                " elements of %" PRId64 " bytes) overflows int64",
                kind, index, typeStr(t).s, numel, bytes);
  if (sc->numChecked < kMaxCheckedTypes)
    sc->checked[sc->numChecked++] = t;
  return OK;
}

static MlirLogicalResult checkOpTypes(Verifier *v) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(v->op); i < n; ++i)
    TRY(checkTensorType(v, mlirValueGetType(mlirOperationGetOperand(v->op, i)),
                        "operand", (int)i));
  for (intptr_t i = 0, n = mlirOperationGetNumResults(v->op); i < n; ++i)
    TRY(checkTensorType(v, mlirValueGetType(mlirOperationGetResult(v->op, i)),
                        "result", (int)i));
  return OK;
}


/* An i64 or a declared symbol string. */
static MlirLogicalResult checkIntOrSymbol(Verifier *v, MlirAttribute a,
                                          const char *kind, int index) {
  if (mlirAttributeIsAString(a)) {
    char what[64];
    if (index >= 0)
      snprintf(what, sizeof what, "%s %d", kind, index);
    else
      snprintf(what, sizeof what, "%s", kind);
    return checkSymbolic(v, mlirStringAttrGetValue(a), what);
  }
  if (fxAttrIsI64(a))
    return OK;
  if (index >= 0)
    return fail(v, "%s %d must be an i64 or a symbol string, got %s", kind,
                index, attrStr(a).s);
  return fail(v, "%s must be an i64 or a symbol string, got %s", kind,
              attrStr(a).s);
}

static MlirAttribute attr(Verifier *v, const char *name) {
  return mlirOperationGetAttributeByName(v->op, fxStr(name));
}

/*===-- Element counts -----------------------------------------------------===*/

/* A shape's element count as (static product) x (symbols, in dim order);
 * symbols are compared as a multiset. */
typedef struct Count {
  unsigned __int128 product;
  int numSyms;
  MlirStringRef syms[FX_MAX_RANK];
  bool overflow; /* more symbols than fit: the count is undecided */
} Count;

/* (The dims in one read of the type: fx-noop-elimination asks this of
 * every reshape.) */
static Count countOf(MlirType t) {
  Count c = {1, 0, {{0}}, false};
  FxDim dims[FX_MAX_RANK];
  intptr_t r = fxTensorTypeGetDims(t, dims, FX_MAX_RANK);
  if (r > FX_MAX_RANK) { /* (the verifier rejects it) */
    c.overflow = true;
    return c;
  }
  for (intptr_t i = 0; i < r; ++i) {
    FxDim d = dims[i];
    if (d.symbol.length) {
      if (c.numSyms < FX_MAX_RANK)
        c.syms[c.numSyms++] = d.symbol;
      else
        c.overflow = true;
    } else {
      c.product *= (uint64_t)d.size;
      if (c.product >> 64)
        c.overflow = true;
    }
  }
  return c;
}

/* Whether a and b differ for every value of the symbols (0: undecided). */
static bool countsDiffer(Count a, Count b) {
  if (a.overflow || b.overflow)
    return false;
  if (a.product == 0 || b.product == 0) /* 0 * anything = 0 */
    return (a.product == 0) != (b.product == 0) &&
           (a.product ? a.numSyms : b.numSyms) == 0;
  if (a.numSyms != b.numSyms)
    return false;
  bool used[FX_MAX_RANK] = {false};
  for (int i = 0; i < a.numSyms; ++i) {
    int j = 0;
    while (j < b.numSyms &&
           (used[j] || !mlirStringRefEqual(a.syms[i], b.syms[j])))
      ++j;
    if (j == b.numSyms)
      return false; /* different symbols: a runtime question */
    used[j] = true;
  }
  return a.product != b.product;
}

bool fxTensorTypeCountsDiffer(MlirType a, MlirType b) {
  return countsDiffer(countOf(a), countOf(b));
}

/*===-- reshape / view -----------------------------------------------------===*/

static MlirLogicalResult checkSameDtype(Verifier *v, MlirType in,
                                        MlirType out, const char *inName,
                                        const char *outName) {
  MlirType a = fxTensorTypeGetDtype(in), b = fxTensorTypeGetDtype(out);
  if (!mlirTypeEqual(a, b))
    return fail(v, "%s dtype %s differs from the %s dtype %s", outName,
                typeStr(b).s, inName, typeStr(a).s);
  return OK;
}

static MlirLogicalResult verifyReshape(Verifier *v) {
  MlirType in = mlirValueGetType(mlirOperationGetOperand(v->op, 0));
  MlirType out = mlirValueGetType(mlirOperationGetResult(v->op, 0));
  MlirAttribute shape = attr(v, "shape");
  intptr_t n = mlirArrayAttrGetNumElements(shape);
  intptr_t rank = fxTensorTypeGetRank(out);
  if (n != rank)
    return fail(v, "shape has %d entries but the result has rank %d", (int)n,
                (int)rank);
  int inferred = -1;
  for (intptr_t i = 0; i < n; ++i) {
    MlirAttribute e = mlirArrayAttrGetElement(shape, i);
    FxDim d = fxTensorTypeGetDim(out, i);
    TRY(checkIntOrSymbol(v, e, "shape entry", (int)i));
    if (mlirAttributeIsAString(e)) {
      if (!mlirStringRefEqual(d.symbol, mlirStringAttrGetValue(e)))
        return fail(v, "shape entry %d is %s but result dim %d is not", (int)i,
                    attrStr(e).s, (int)i);
      continue;
    }
    int64_t k = mlirIntegerAttrGetValueInt(e);
    if (k < -1)
      return fail(v, "shape entry %d is %" PRId64
                     "; sizes are >= 0, or -1 to infer one",
                  (int)i, k);
    if (k == -1) {
      if (inferred >= 0)
        return fail(v, "shape entries %d and %d are both -1; at most one "
                       "size can be inferred",
                    inferred, (int)i);
      inferred = (int)i;
    } else if (d.symbol.length || d.size != k) {
      return fail(v, "shape entry %d is %" PRId64 " but result dim %d is not",
                  (int)i, k, (int)i);
    }
  }
  TRY(checkSameDtype(v, in, out, "input", "result"));
  if (countsDiffer(countOf(in), countOf(out)))
    return fail(v, "changes the element count: input %s, result %s",
                typeStr(in).s, typeStr(out).s);
  return OK;
}

/*===-- slice / slice_scatter ----------------------------------------------===*/

int64_t fxSliceLength(FxDim d, MlirAttribute start, MlirAttribute end,
                      int64_t step) {
  if (d.symbol.length || !fxAttrIsI64(start) || !fxAttrIsI64(end))
    return -1;
  int64_t n = d.size, s = mlirIntegerAttrGetValueInt(start),
          e = mlirIntegerAttrGetValueInt(end);
  /* torch semantics: negative counts from the end, then clamp to [0, n]. */
  if (s < 0)
    s = s + n < 0 ? 0 : s + n;
  if (e < 0)
    e = e + n < 0 ? 0 : e + n;
  if (s > n)
    s = n;
  if (e > n)
    e = n;
  /* ceil((e - s) / step) without forming e - s + step - 1, which
   * overflows for a huge step (torch: step = 2^63-1 selects one element). */
  return e <= s ? 0 : (e - s - 1) / step + 1;
}

/* Checks dim/start/end/step against the full type `full` and the sliced
 * `part` (slice: input/result; slice_scatter: base/src). */
static MlirLogicalResult verifySliceParams(Verifier *v, MlirType full,
                                           MlirType part, const char *fullName,
                                           const char *partName) {
  MlirAttribute dimAttr = attr(v, "dim"), stepAttr = attr(v, "step");
  MlirAttribute start = attr(v, "start"), end = attr(v, "end");
  if (!fxAttrIsI64(dimAttr))
    return fail(v, "dim must be an i64, got %s", attrStr(dimAttr).s);
  if (!fxAttrIsI64(stepAttr))
    return fail(v, "step must be an i64, got %s", attrStr(stepAttr).s);
  TRY(checkIntOrSymbol(v, start, "start", -1));
  TRY(checkIntOrSymbol(v, end, "end", -1));
  int64_t rank = fxTensorTypeGetRank(full);
  int64_t dim = mlirIntegerAttrGetValueInt(dimAttr);
  int64_t step = mlirIntegerAttrGetValueInt(stepAttr);
  if (dim < -rank || dim >= rank)
    return fail(v, "dim %" PRId64 " is out of range for the rank %" PRId64
                   " %s",
                dim, rank, fullName);
  if (step < 1)
    return fail(v, "step must be >= 1, got %" PRId64, step);
  if (fxTensorTypeGetRank(part) != rank)
    return fail(v, "%s rank %d differs from the %s rank %d", partName,
                (int)fxTensorTypeGetRank(part), fullName, (int)rank);
  TRY(checkSameDtype(v, full, part, fullName, partName));
  if (dim < 0)
    dim += rank;
  for (int64_t i = 0; i < rank; ++i) {
    FxDim a = fxTensorTypeGetDim(full, i), b = fxTensorTypeGetDim(part, i);
    if (i != dim && !fxDimEqual(a, b))
      return fail(v, "%s dim %d differs from the %s dim %d outside the "
                     "sliced dim %" PRId64,
                  partName, (int)i, fullName, (int)i, dim);
  }
  int64_t len = fxSliceLength(fxTensorTypeGetDim(full, dim), start, end, step);
  FxDim got = fxTensorTypeGetDim(part, dim);
  if (len >= 0 && !got.symbol.length && got.size != len)
    return fail(v, "%s dim %" PRId64 " is %" PRId64
                   " but the slice selects %" PRId64 " elements",
                partName, dim, got.size, len);
  return OK;
}

static MlirLogicalResult verifySlice(Verifier *v) {
  return verifySliceParams(
      v, mlirValueGetType(mlirOperationGetOperand(v->op, 0)),
      mlirValueGetType(mlirOperationGetResult(v->op, 0)), "input", "result");
}

static MlirLogicalResult verifySliceScatter(Verifier *v) {
  MlirType base = mlirValueGetType(mlirOperationGetOperand(v->op, 0));
  MlirType out = mlirValueGetType(mlirOperationGetResult(v->op, 0));
  if (!mlirTypeEqual(base, out))
    return fail(v, "result type %s differs from the base type %s",
                typeStr(out).s, typeStr(base).s);
  return verifySliceParams(
      v, base, mlirValueGetType(mlirOperationGetOperand(v->op, 1)), "base",
      "src");
}

/*===-- call / auto_functionalized -----------------------------------------===*/

/* What an `args` entry of each non-tensor kind must be. */
static bool argKindAccepts(FxArgKind kind, MlirAttribute a) {
  switch (kind) {
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
    return fxAttrIsI64(a) || mlirAttributeIsAString(a);
  case FX_ARG_FLOAT:
    return mlirAttributeIsAFloat(a) &&
           mlirTypeIsAF64(mlirAttributeGetType(a));
  case FX_ARG_BOOL:
    return mlirAttributeIsABool(a);
  case FX_ARG_STR:
    return mlirAttributeIsAString(a);
  case FX_ARG_SCALAR_TYPE:
    return mlirAttributeIsAType(a);
  case FX_ARG_SCALAR:
    return fxAttrIsI64(a) || (mlirAttributeIsAFloat(a) &&
                        mlirTypeIsAF64(mlirAttributeGetType(a)));
  case FX_ARG_INT_LIST:
  case FX_ARG_SYMINT_LIST:
    if (!mlirAttributeIsAArray(a))
      return false;
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(a); i < n; ++i) {
      MlirAttribute e = mlirArrayAttrGetElement(a, i);
      if (!fxAttrIsI64(e) && !mlirAttributeIsAString(e))
        return false;
    }
    return true;
  default:
    return false;
  }
}

static const char *argKindAttr(FxArgKind kind) {
  switch (kind) {
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
    return "an i64 integer or a symbol string";
  case FX_ARG_FLOAT:
    return "an f64 float";
  case FX_ARG_BOOL:
    return "a bool";
  case FX_ARG_STR:
    return "a string";
  case FX_ARG_SCALAR_TYPE:
    return "a type (f16, bf16, ...)";
  case FX_ARG_SCALAR:
    return "an i64 integer or an f64 float";
  default:
    return "an array of i64 integers and symbol strings";
  }
}

/* Symbols inside int/SymInt (list) args must be declared. */
static MlirLogicalResult checkArgSymbols(Verifier *v, MlirAttribute a,
                                         MlirStringRef key) {
  char what[160];
  snprintf(what, sizeof what, "args entry \"%.*s\"", (int)key.length,
           key.data);
  if (mlirAttributeIsAString(a))
    return checkSymbolic(v, mlirStringAttrGetValue(a), what);
  if (mlirAttributeIsAArray(a))
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(a); i < n; ++i) {
      MlirAttribute e = mlirArrayAttrGetElement(a, i);
      if (mlirAttributeIsAString(e))
        TRY(checkSymbolic(v, mlirStringAttrGetValue(e), what));
    }
  return OK;
}

static bool isRequired(const FxSchemaArg *a) {
  return !a->optional && !a->hasDefault;
}

/* The list a schema-less operand name `kw[K]` is item K of (the length
 * of `kw`, 0 when the name is no item): the names a schema's Tensor[] takes. */
static size_t itemOf(MlirStringRef n, int64_t *k) {
  return fxOperandNameItem(n.data, n.length, k);
}

/* Without a schema, the items of a list, `kw[0]`, `kw[1]`, ..., are
 * operands one after another: fx-export writes a list as one argument
 * (`kw = [a, b]`), so any other order would reach a re-imported call's
 * user op as another operand order. */
static MlirLogicalResult verifyLooseLists(Verifier *v) {
  MlirAttribute names = attr(v, "arg_names");
  for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(names); i < n; ++i) {
    MlirStringRef name = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i));
    int64_t k, kp = -1;
    size_t base = itemOf(name, &k);
    if (!base)
      continue;
    MlirStringRef prev = i ? mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i - 1))
                           : mlirStringRefCreate(NULL, 0);
    bool follows = i && itemOf(prev, &kp) == base &&
                   !memcmp(prev.data, name.data, base) && kp == k - 1;
    bool starts = k == 0;
    for (intptr_t j = 0; starts && j < i; ++j) {
      MlirStringRef e = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, j));
      int64_t ke;
      size_t be = itemOf(e, &ke);
      starts = !((be == base && !memcmp(e.data, name.data, base)) ||
                 (e.length == base && !memcmp(e.data, name.data, base)));
    }
    if (!follows && !starts)
      return fail(v,
                  "operand %d named \"%.*s\" is out of order: the items of "
                  "list '%.*s' are \"%.*s[0]\", \"%.*s[1]\", ... one after "
                  "another",
                  (int)i, (int)name.length, name.data, (int)base, name.data,
                  (int)base, name.data, (int)base, name.data);
  }
  return OK;
}

/* The schema as messages name it; formatted only on the error path (the
 * temporary lives until the end of the full expression, the fail() call). */
#define SCHEMA (schemaStr(s).s)

/* Operands name their parameters in schema order, each once; a Tensor[]
 * parameter `y` is its elements `y[0]`, `y[1]`, ... one after another (the
 * names fx-import and fx-export use for lists). */
static MlirLogicalResult verifyOperandNames(Verifier *v, const FxSchema *s,
                                            bool *present) {
  MlirAttribute names = attr(v, "arg_names");
  bool functional = fxOpGetKind(v->op) == FX_OP_AUTO_FUNCTIONALIZED;
  int last = -1;
  int64_t lastElement = -1;
  for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(names); i < n; ++i) {
    MlirStringRef name = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i));
    int64_t element;
    int p = fxSchemaFindOperandParam(s, name.data, name.length, &element);
    if (p < 0)
      return fail(v, "operand %d named \"%.*s\" is not a parameter of %s",
                  (int)i, (int)name.length, name.data, SCHEMA);
    const FxSchemaArg *a = &s->args[p];
    if (a->kind == FX_ARG_TENSOR_LIST && element < 0)
      return fail(v,
                  "operand %d named \"%.*s\" is a Tensor[] parameter of %s: "
                  "its operands are its elements, \"%s[0]\", \"%s[1]\", ...",
                  (int)i, (int)name.length, name.data, SCHEMA, a->name,
                  a->name);
    if (a->kind != FX_ARG_TENSOR && a->kind != FX_ARG_TENSOR_LIST)
      return fail(v,
                  "operand %d named \"%.*s\" is a %s parameter of %s; only "
                  "Tensor parameters are operands, others go in 'args'",
                  (int)i, (int)name.length, name.data,
                  fxArgKindName(a->kind), SCHEMA);
    if (functional && a->kind == FX_ARG_TENSOR_LIST && a->mutated)
      return fail(v,
                  "operand %d named \"%.*s\" is an element of mutated "
                  "Tensor[] parameter '%s' of %s: fx.auto_functionalized has "
                  "no results for list elements (write the call in place, as "
                  "an fx.call)",
                  (int)i, (int)name.length, name.data, a->name, SCHEMA);
    if (element >= 0 && element != (p == last ? lastElement + 1 : 0))
      return fail(v,
                  "operand %d named \"%.*s\" is out of order: the elements "
                  "of Tensor[] parameter '%s' are \"%s[0]\", \"%s[1]\", ... "
                  "one after another",
                  (int)i, (int)name.length, name.data, a->name, a->name,
                  a->name);
    if (present[p] && element < 0) {
      intptr_t first = 0;
      while (!mlirStringRefEqual(
          mlirStringAttrGetValue(mlirArrayAttrGetElement(names, first)), name))
        ++first;
      return fail(v, "operand %d named \"%.*s\" repeats operand %d", (int)i,
                  (int)name.length, name.data, (int)first);
    }
    if (p < last)
      return fail(v,
                  "operand %d named \"%.*s\" is out of schema order in %s",
                  (int)i, (int)name.length, name.data, SCHEMA);
    present[p] = true;
    last = p;
    lastElement = element;
  }
  for (int p = 0; p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p];
    if (a->kind == FX_ARG_TENSOR && isRequired(a) && !present[p])
      return fail(v, "missing required operand \"%s\" of %s", a->name,
                  SCHEMA);
    if (a->kind == FX_ARG_TENSOR_LIST && isRequired(a) && !present[p])
      return fail(v,
                  "missing required operands \"%s[0]\", ... of %s (fx ops "
                  "cannot pass an empty Tensor[]: it needs one element at "
                  "least)",
                  a->name, SCHEMA);
  }
  return OK;
}

static MlirLogicalResult verifyArgs(Verifier *v, const FxSchema *s) {
  MlirAttribute args = attr(v, "args");
  for (intptr_t i = 0, n = mlirDictionaryAttrGetNumElements(args); i < n;
       ++i) {
    MlirNamedAttribute na = mlirDictionaryAttrGetElement(args, i);
    MlirStringRef key = mlirIdentifierStr(na.name);
    int p = fxSchemaFindArg(s, key.data, key.length);
    if (p < 0)
      return fail(v, "args entry \"%.*s\" is not a parameter of %s",
                  (int)key.length, key.data, SCHEMA);
    FxArgKind kind = s->args[p].kind;
    if (kind == FX_ARG_TENSOR || kind == FX_ARG_TENSOR_LIST)
      return fail(v,
                  "args entry \"%.*s\" is a %s parameter of %s; tensors are "
                  "operands",
                  (int)key.length, key.data, fxArgKindName(kind), SCHEMA);
    if (!argKindAccepts(kind, na.attribute))
      return fail(v, "args entry \"%.*s\" must be %s for '%s' in %s, got %s",
                  (int)key.length, key.data, argKindAttr(kind),
                  fxArgKindName(kind), SCHEMA, attrStr(na.attribute).s);
    if (kind == FX_ARG_INT || kind == FX_ARG_SYMINT ||
        kind == FX_ARG_INT_LIST || kind == FX_ARG_SYMINT_LIST)
      TRY(checkArgSymbols(v, na.attribute, key));
  }
  for (int p = 0; p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p];
    if (a->kind != FX_ARG_TENSOR && a->kind != FX_ARG_TENSOR_LIST &&
        isRequired(a) &&
        mlirAttributeIsNull(fxCallGetArg(v->op, fxStr(a->name))))
      return fail(v, "missing required argument \"%s\" of %s (in 'args')",
                  a->name, SCHEMA);
  }
  return OK;
}

static MlirLogicalResult verifyResults(Verifier *v, const FxSchema *s,
                                       const bool *present, bool functional) {
  int returns = 0, mutated = 0;
  for (int i = 0; i < s->numReturns; ++i)
    returns += s->returns[i].kind == FX_ARG_TENSOR;
  if (functional)
    for (int p = 0; p < s->numArgs; ++p)
      mutated += present[p] && s->args[p].mutated;
  intptr_t got = mlirOperationGetNumResults(v->op);
  if (got != returns + mutated)
    return fail(v,
                "has %d results but %s needs %d (%d returned, %d for mutated "
                "operands)",
                (int)got, SCHEMA, returns + mutated, returns, mutated);
  /* The new value of a mutated operand has the operand's type. */
  for (int p = 0, r = returns; functional && p < s->numArgs; ++p) {
    if (!present[p] || !s->args[p].mutated)
      continue;
    MlirValue operand = fxCallGetOperandByName(v->op, fxStr(s->args[p].name));
    MlirType want = mlirValueGetType(operand);
    MlirType have = mlirValueGetType(mlirOperationGetResult(v->op, r));
    if (!mlirTypeEqual(want, have))
      return fail(v, "result %d, the new value of \"%s\", has type %s but the "
                     "operand has type %s",
                  r, s->args[p].name, typeStr(have).s, typeStr(want).s);
    ++r;
  }
  return OK;
}

/* An fx.auto_functionalized result is new storage (dialect.md, "Layouts"),
 * but the return of one of torch's view ops (`t(Tensor(a) self) ->
 * Tensor(a)`) is a view of its operand: the lowering can only view it, so
 * it has no functional form.  Among the ops with an implementation of
 * ours, those are the ones with a return whose alias set no written
 * operand present carries (copy_'s `Tensor(a!)` is self's new value).  A
 * user op's return is allocated apart whatever its schema says, so its
 * functional form exists (fx-fix-functionalization keeps it).  torch's
 * auto_functionalize wraps no op whose returns alias at all
 * (can_auto_functionalize): this never rejects what torch makes. */
static MlirLogicalResult verifyAliasingReturns(Verifier *v, const FxSchema *s,
                                               const bool *present) {
  const char *alias = NULL;
  int r = fxSchemaUnwrittenAliasReturn(s, present, &alias);
  if (r >= 0)
    return fail(v,
                "return %d of %s has alias set (%s), which no operand it "
                "writes carries: it is a view of an operand, where "
                "fx.auto_functionalized's results are new storage (torch "
                "never auto-functionalizes a view op); call it with fx.call",
                r, SCHEMA, alias);
  return OK;
}

static MlirLogicalResult verifyCall(Verifier *v) {
  bool functional = fxOpGetKind(v->op) == FX_OP_AUTO_FUNCTIONALIZED;
  MlirStringRef target = fxCallGetTarget(v->op);
  const char *sep = NULL;
  for (size_t i = 0; i + 1 < target.length && !sep; ++i)
    if (target.data[i] == ':' && target.data[i + 1] == ':')
      sep = target.data + i;
  if (!sep || sep == target.data || sep + 2 == target.data + target.length)
    return fail(v, "target \"%.*s\" must be \"namespace::op\"",
                (int)target.length, target.data);
  MlirAttribute names = attr(v, "arg_names");
  intptr_t numNames = mlirArrayAttrGetNumElements(names);
  intptr_t numOperands = mlirOperationGetNumOperands(v->op);
  for (intptr_t i = 0; i < numNames; ++i)
    if (!mlirAttributeIsAString(mlirArrayAttrGetElement(names, i)))
      return fail(v, "arg_names entry %d must be a string, got %s", (int)i,
                  attrStr(mlirArrayAttrGetElement(names, i)).s);
  if (numNames != numOperands)
    return fail(v, "has %d operands but %d arg_names", (int)numOperands,
                (int)numNames);
  const FxSchema *s = fxSchemaTableLookup(v->table, target);
  if (!s) {
    if (!functional) /* unknown calls read and write every operand */
      return verifyLooseLists(v);
    const char *op = sep + 2;
    int opLen = (int)(target.data + target.length - op);
    return fail(v,
                "target \"%.*s\" has no schema; declare it in the module, "
                "e.g. fx.schema \"%.*s\" = "
                "\"%.*s(Tensor! out, Tensor x) -> ()\"",
                (int)target.length, target.data, (int)target.length,
                target.data, opLen, op);
  }
  bool presentStack[64] = {false};
  bool *present = s->numArgs <= 64 ? presentStack
                                   : calloc((size_t)s->numArgs, sizeof *present);
  if (!present)
    return fail(v, "out of memory");
  MlirLogicalResult r = verifyOperandNames(v, s, present);
  if (!FAILED(r))
    r = verifyArgs(v, s);
  if (!FAILED(r))
    r = verifyResults(v, s, present, functional);
  /* Ops with an implementation of ours: what torch says they return.  A
   * module cannot change their schemas, so `s` is the built-in one. */
  bool builtin =
      fxSchemaBuiltinImpl(target.data, target.length) != FX_IMPL_NONE;
  if (!FAILED(r) && builtin && functional)
    r = verifyAliasingReturns(v, s, present);
  if (!FAILED(r) && builtin)
    r = fxVerifyAtenCall(v->op, s);
  if (present != presentStack)
    free(present);
  return r;
}

/*===-- schema ---------------------------------------------------------------===*/

static MlirLogicalResult verifySchemaOp(Verifier *v) {
  MlirStringRef name = fxOpGetStringAttr(v->op, "name");
  char err[512];
  FxSchema *s = fxSchemaParseDeclaration(
      name, fxOpGetStringAttr(v->op, "signature"), err, sizeof err);
  if (!s)
    return fail(v, "invalid schema for \"%.*s\": %s", (int)name.length,
                name.data, err);
  /* An op fxir implements itself has a calling convention fixed by that
   * implementation: restating its schema is fine, changing it is not. */
  const FxSchema *builtin = fxSchemaLookupBuiltin(name.data, name.length);
  bool changed = fxSchemaBuiltinImpl(name.data, name.length) != FX_IMPL_NONE &&
                 fxSchemaCompare(s, builtin, err, sizeof err);
  fxSchemaDestroy(s);
  if (changed)
    return fail(v,
                "changes the signature of %.*s, which has a built-in "
                "implementation with a fixed calling convention: %s; restate "
                "it unchanged or leave it out: %s",
                (int)name.length, name.data, err, schemaStr(builtin).s);
  /* A second declaration of one name would make lookups order-dependent. */
  MlirBlock block = mlirOperationGetBlock(v->op);
  if (mlirBlockIsNull(block)) /* detached: nothing to clash with */
    return OK;
  for (MlirOperation o = mlirBlockGetFirstOperation(block);
       !mlirOperationEqual(o, v->op); o = mlirOperationGetNextInBlock(o))
    if (fxOpGetKind(o) == FX_OP_SCHEMA &&
        mlirStringRefEqual(fxOpGetStringAttr(o, "name"), name))
      return fail(v, "declares \"%.*s\" a second time in this block",
                  (int)name.length, name.data);
  return OK;
}

/*===-- Entry points -------------------------------------------------------===*/

typedef MlirLogicalResult (*VerifyFn)(Verifier *);
static const VerifyFn kVerifiers[FX_OP_NUM_KINDS] = {
    [FX_OP_RESHAPE] = verifyReshape,
    [FX_OP_VIEW] = verifyReshape,
    [FX_OP_SLICE] = verifySlice,
    [FX_OP_SLICE_SCATTER] = verifySliceScatter,
    [FX_OP_AUTO_FUNCTIONALIZED] = verifyCall,
    [FX_OP_CALL] = verifyCall,
    [FX_OP_SCHEMA] = verifySchemaOp,
};

static MlirOperation enclosingFunc(MlirOperation op) {
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p); p = mlirOperationGetParentOperation(p))
    if (fxStrEq(mlirIdentifierStr(mlirOperationGetName(p)), "func.func"))
      return p;
  return (MlirOperation){NULL};
}

/* What an op's validity depends on beyond its signature (so the memos
 * below never skip it): whether a view's input, as its producers lay it
 * out, can be viewed. */
static MlirLogicalResult verifyBeyondSignature(MlirOperation op, FxOpKind kind,
                                              FxSchemaTable *table) {
  return kind == FX_OP_VIEW ? fxVerifyViewLayout(op, table) : OK;
}

/* The checks that depend on the op's signature (and the function's
 * symbols, the module's schemas): what the memos remember. */
static MlirLogicalResult verifySignature(MlirOperation op, FxOpKind kind,
                                         FxSchemaTable *table) {
  Scope scope = {.perOp = true};
  Verifier v = {op, enclosingFunc(op), table, &scope};
  if (!table && (kind == FX_OP_CALL || kind == FX_OP_AUTO_FUNCTIONALIZED))
    v.table = fxSchemaTableCreate(op);
  MlirLogicalResult r = checkOpTypes(&v);
  if (!FAILED(r))
    r = kVerifiers[kind](&v);
  if (!FAILED(r))
    r = fxVerifyOpAttrs(op);
  if (v.table != table)
    fxSchemaTableDestroy(v.table);
  return r;
}

MlirLogicalResult fxVerifyOp(MlirOperation op, FxSchemaTable *table) {
  FxOpKind kind = fxOpGetKind(op);
  if (kind == FX_OP_NONE)
    return OK;
  MlirLogicalResult r = verifySignature(op, kind, table);
  return FAILED(r) ? r : verifyBeyondSignature(op, kind, table);
}

/* An op's validity depends on its name, operand and result types and
 * attributes - all uniqued - plus the function's symbols and the module's
 * schemas, fixed for one verification; all but the view check
 * (verifyBeyondSignature), which always runs.  A graph repeats the same ops
 * layer after layer, so each distinct signature is checked once per
 * function.  Not quite the same ops: an argument may name its layer (vLLM's
 * unified_attention takes `layer_name`), which adds a signature per layer,
 * so the table grows with the graph - a fixed one cleared when half full
 * re-checked every op in full again and again in graphs of more than a few
 * hundred layers - up to kSeenMaxSlots, which bounds a long-lived context's
 * memory (then the hook's memo starts over, and a function's table stops
 * taking new signatures: both only cost time). */
enum { kSeenMinSlots = 1024, kSeenMaxSlots = 1 << 17, kMaxKey = 96 };
struct Seen {
  uint64_t *hash;    /* 0: empty slot */
  const void ***key; /* key[i][0] = length */
  int cap;           /* a power of two, or 0 before the first key */
  int num;           /* at most half of cap: probes stay short */
};

/* The attributes are their dictionary, one uniqued pointer. */
static int signature(MlirOperation op, const void **key) {
  int n = 1;
  key[n++] = mlirOperationGetName(op).ptr;
  intptr_t ops = mlirOperationGetNumOperands(op);
  intptr_t res = mlirOperationGetNumResults(op);
  if (5 + ops + res > kMaxKey)
    return 0;
  key[n++] = (const void *)(intptr_t)ops; /* separates operands/results */
  key[n++] = fxOperationGetAttrDictionary(op).ptr;
  for (intptr_t i = 0; i < ops; ++i)
    key[n++] = mlirValueGetType(mlirOperationGetOperand(op, i)).ptr;
  for (intptr_t i = 0; i < res; ++i)
    key[n++] = mlirValueGetType(mlirOperationGetResult(op, i)).ptr;
  key[0] = (const void *)(intptr_t)n;
  return n;
}

static uint64_t hashKey(const void **key, int n) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a over the pointers */
  for (int i = 1; i < n; ++i) {
    h ^= (uint64_t)(uintptr_t)key[i];
    h *= 1099511628211ull;
  }
  /* A multiply carries only upwards: the low bits, which pick the slot,
   * depend only on the pointers' low bits, and those can be alike across
   * keys (under tcmalloc the probes grew by a quarter).  The shift folds
   * the high bits down. */
  h ^= h >> 32;
  return h | 1; /* 0 marks an empty slot */
}

/* Finds `key` or the empty slot for it (there is one: the table is at most
 * half full); -1 when the table has no slots yet. */
static int probe(const Seen *seen, const void **key, int n, uint64_t h) {
  unsigned mask = (unsigned)seen->cap - 1;
  for (int i = 0; i < seen->cap; ++i) {
    int slot = (int)((h + (uint64_t)i) & mask);
    if (!seen->hash[slot])
      return slot;
    if (seen->hash[slot] == h && (intptr_t)seen->key[slot][0] == n &&
        memcmp(seen->key[slot], key, (size_t)n * sizeof *key) == 0)
      return slot;
  }
  return -1;
}

static void clearSeen(Seen *seen) {
  for (int i = 0; i < seen->cap; ++i)
    free(seen->key[i]);
  free(seen->hash);
  free(seen->key);
  memset(seen, 0, sizeof *seen);
}

/* Doubles the table (or makes its first), moving every key by its stored
 * hash; false, with the table unchanged, at kSeenMaxSlots or out of memory. */
static bool growSeen(Seen *seen) {
  int cap = seen->cap ? 2 * seen->cap : kSeenMinSlots;
  if (cap > kSeenMaxSlots)
    return false;
  uint64_t *hash = calloc((size_t)cap, sizeof *hash);
  const void ***key = calloc((size_t)cap, sizeof *key);
  if (!hash || !key) {
    free(hash);
    free(key);
    return false;
  }
  for (int i = 0; i < seen->cap; ++i) {
    if (!seen->hash[i])
      continue;
    unsigned slot = (unsigned)seen->hash[i] & (unsigned)(cap - 1);
    while (hash[slot]) /* the keys are distinct: the first free slot */
      slot = (slot + 1) & (unsigned)(cap - 1);
    hash[slot] = seen->hash[i];
    key[slot] = seen->key[i];
  }
  free(seen->hash);
  free(seen->key);
  seen->hash = hash;
  seen->key = key;
  seen->cap = cap;
  return true;
}

/* Whether `key` is in *seen (allocated on first use); with `remember`, puts
 * it there if not.  A table at its limit answers "no" for new keys. */
static bool seenHas(Seen **pseen, const void **key, int n, bool remember) {
  if (!*pseen && !(*pseen = calloc(1, sizeof **pseen)))
    return false;
  Seen *seen = *pseen;
  uint64_t h = hashKey(key, n);
  int slot = probe(seen, key, n, h);
  if (slot >= 0 && seen->hash[slot])
    return true;
  if (!remember)
    return false;
  if (2 * (seen->num + 1) > seen->cap) {
    if (!growSeen(seen))
      return false;
    slot = probe(seen, key, n, h);
  }
  if (slot >= 0 && (seen->key[slot] = malloc((size_t)n * sizeof *key))) {
    memcpy(seen->key[slot], key, (size_t)n * sizeof *key);
    seen->hash[slot] = h;
    ++seen->num;
  }
  return false;
}

static bool seenValid(Scope *sc, MlirOperation op, bool remember) {
  const void *key[kMaxKey];
  int n = signature(op, key);
  return n && seenHas(&sc->seen, key, n, remember);
}

static void freeSeen(Scope *sc) {
  if (!sc->seen)
    return;
  clearSeen(sc->seen);
  free(sc->seen);
}

/*===-- The verifier hook's memo -------------------------------------------===*/

/* MLIR verifies every op after parsing and after every pass, one op at a
 * time, so the per-function cache above does not apply; without a memo the
 * hook cost more than the passes.  An op's validity depends on its signature,
 * the symbols its function's type declares, and, for calls, the module's
 * declaration of the target - all uniqued, so pointers identify them: the
 * memo keeps the keys of ops found valid - except for what depends on other
 * ops (verifyBeyondSignature: a view's producers), checked every time.  One memo per context (its
 * uniqued objects live as long as it; FxDialectShim.cpp frees the memo with
 * the context's op definitions), shared by the threads of a parallel
 * verification under a lock.  Failures are never remembered, so every
 * error is reported each time.
 *
 * The lock is a spin lock: what it guards is a probe of the table (a
 * table's growth, up to kSeenMaxSlots, is the longest), and an uncontended
 * mutex cost 70 instructions per op and verification, a tenth of the
 * hook's. */
struct FxVerifyMemo {
  atomic_flag lock;
  Seen *seen;
  Seen *irdl;          /* signatures IRDL's own verifier passed */
  FxCallCache *calls;  /* the keys' targets (Fx.h: the context's own
                          dictionaries, as long-lived as the memo) */
};

FxVerifyMemo *fxVerifyMemoCreate(void) {
  FxVerifyMemo *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  atomic_flag_clear(&m->lock);
  m->calls = fxCallCacheCreate(); /* NULL: keys read their targets */
  return m;
}

void fxVerifyMemoDestroy(FxVerifyMemo *memo) {
  if (!memo)
    return;
  if (memo->seen)
    clearSeen(memo->seen);
  free(memo->seen);
  if (memo->irdl)
    clearSeen(memo->irdl);
  free(memo->irdl);
  fxCallCacheDestroy(memo->calls);
  free(memo);
}

static void memoLock(FxVerifyMemo *memo) {
  while (atomic_flag_test_and_set_explicit(&memo->lock, memory_order_acquire))
    thrd_yield();
}

static void memoUnlock(FxVerifyMemo *memo) {
  atomic_flag_clear_explicit(&memo->lock, memory_order_release);
}

int fxVerifyMemoNumValid(FxVerifyMemo *memo) {
  memoLock(memo);
  int n = memo->seen ? memo->seen->num : 0;
  memoUnlock(memo);
  return n;
}

/* The module's `fx.schema` declaring `target` (its signature attribute), or
 * null. */
static const void *schemaDeclaration(MlirOperation op, MlirStringRef target) {
  MlirOperation module = fxEnclosingModule(op);
  MlirOperation decl = mlirOperationIsNull(module)
                           ? module
                           : fxModuleSchemaOp(module, target);
  return mlirOperationIsNull(decl)
             ? NULL
             : mlirOperationGetAttributeByName(decl, fxStr("signature")).ptr;
}

/* The memo key of `op`, with the type of its enclosing func.func (null
 * when none); 0 when it does not fit.
 * Its last entry, for a call, is the module's declaration of its target
 * (schemaDeclaration), which the caller fills in: null when the target is
 * a built-in, which always has its built-in schema (fxSchemaTableLookup),
 * whatever the module declares - no walk of the module for it; kUndeclared
 * for a target neither built in nor declared by the module.  So a
 * remembered key that ends in null is an op's that is not a call or a call
 * of a built-in - the key's dictionary names the target, and the built-ins
 * are fixed for the process - and knownValid looks a key up that way
 * before it asks what the target is. */
static const char kUndeclared;
enum { kScopeEntries = 2 }; /* the entries memoKey adds to the signature */
static int memoKey(MlirOperation op, const void **key) {
  int n = signature(op, key);
  if (!n || n + kScopeEntries > kMaxKey)
    return 0;
  MlirAttribute type = fxOperationGetEnclosingFunctionType(op);
  if (mlirAttributeIsNull(type)) {
    /* No registered func.func above (a C API context without the func
     * dialect parses one as an unregistered op): by name, as the checks
     * themselves find it (enclosingFunc). */
    MlirOperation func = enclosingFunc(op);
    if (!mlirOperationIsNull(func))
      type = mlirOperationGetAttributeByName(func, fxStr("function_type"));
  }
  key[n++] = type.ptr;
  key[n++] = NULL;
  key[0] = (const void *)(intptr_t)n;
  return n;
}

/* Whether `op`, a call, has a built-in target, and if not the target,
 * from the memo's call cache: call with the memo's lock held. */
static bool builtinTarget(FxVerifyMemo *memo, MlirOperation op,
                          MlirStringRef *target) {
  FxCallCache *outer = fxCallCacheInstall(memo->calls);
  bool builtin = fxCallGetBuiltinImpl(op) != FX_IMPL_NONE;
  if (!builtin)
    *target = fxCallGetTarget(op);
  fxCallCacheInstall(outer);
  return builtin;
}

/* memoHas with the lock held. */
static bool memoHasLocked(Seen **table, const void **key, int n,
                          bool remember) {
  /* At its limit (a long-lived context verifying many different graphs):
   * start over. */
  if (remember && *table && 2 * ((*table)->num + 1) > kSeenMaxSlots)
    clearSeen(*table);
  return seenHas(table, key, n, remember);
}

static bool memoHas(FxVerifyMemo *memo, Seen **table, const void **key, int n,
                    bool remember) {
  memoLock(memo);
  bool found = memoHasLocked(table, key, n, remember);
  memoUnlock(memo);
  return found;
}

/* IRDL's verifier of an op checks its operand and result counts and types,
 * its attributes (operandSegmentSizes among them), its regions and its
 * successors against the op's IRDL definition, nothing else: with no
 * regions and no successors, its answer is a function of the signature.
 * An op with either is never memoized (IRDL then rejects it every time). */
static int irdlKey(MlirOperation op, const void **key) {
  if (mlirOperationGetNumRegions(op) || mlirOperationGetNumSuccessors(op))
    return 0;
  return signature(op, key);
}

/* Whether the memo holds `op`'s whole key (memoKey, its declaration filled
 * in), which it writes into `key` and its length into *pn (0 when it does
 * not fit).  Kinds the memo does not keep are never found. */
static bool knownValid(FxVerifyMemo *memo, MlirOperation op, FxOpKind kind,
                       const void **key, int *pn) {
  *pn = 0;
  /* Schema declarations also depend on their block's other declarations. */
  if (kind == FX_OP_NONE || kind == FX_OP_SCHEMA)
    return false;
  int n = *pn = memoKey(op, key);
  if (!n)
    return false;
  bool call = kind == FX_OP_CALL || kind == FX_OP_AUTO_FUNCTIONALIZED;
  MlirStringRef target = {NULL, 0};
  memoLock(memo);
  bool found = memoHasLocked(&memo->seen, key, n, false); /* (memoKey) */
  bool declared = !found && call && !builtinTarget(memo, op, &target);
  memoUnlock(memo);
  /* A user op's declaration, found by a walk of the module: not under the
   * lock, which the functions verified in parallel share. */
  if (declared) {
    const void *decl = schemaDeclaration(op, target);
    key[n - 1] = decl ? decl : &kUndeclared;
    found = memoHas(memo, &memo->seen, key, n, false);
  }
  return found;
}

/* The hand-off from an op's invariants verifier to its region verifier
 * (FxDialectShim.cpp).  MLIR's verifier calls both for one op on one
 * thread: the region verifier only when the invariants passed, and right
 * after them for an op without regions (only its regions' ops come
 * between).  So the invariants verifier looks the op's whole key up
 * (fxVerifyMemoIrdlPassed) and, found, leaves the op here; the region
 * verifier that follows (fxVerifyOpHook) takes it instead of a second
 * lookup.  Every call of either clears it first, and only an op without
 * regions is left, so a region verifier finds no other op's hand-off. */
static _Thread_local struct {
  const void *op;
  const FxVerifyMemo *memo;
  FxOpKind kind;
} tKnown;

bool fxVerifyMemoIrdlPassed(MlirOperation op, FxOpKind kind,
                            FxVerifyMemo *memo) {
  tKnown.op = NULL;
  if (!memo || mlirOperationGetNumRegions(op) ||
      mlirOperationGetNumSuccessors(op))
    return false; /* irdlKey's ops */
  /* Whole keys enter the memo only from fxVerifyOpHook, which MLIR calls
   * only for an op whose invariants, IRDL's among them, passed: a key
   * found means IRDL passed its signature, the key's prefix. */
  const void *key[kMaxKey];
  int n;
  if (knownValid(memo, op, kind, key, &n)) {
    tKnown.op = op.ptr;
    tKnown.memo = memo;
    tKnown.kind = kind;
    return true;
  }
  if (n) { /* IRDL's key: the signature, all but memoKey's last entries */
    n -= kScopeEntries;
    key[0] = (const void *)(intptr_t)n;
  } else {
    n = signature(op, key);
  }
  return n && memoHas(memo, &memo->irdl, key, n, false);
}

void fxVerifyMemoIrdlRemember(MlirOperation op, FxVerifyMemo *memo) {
  const void *key[kMaxKey];
  int n = memo ? irdlKey(op, key) : 0;
  if (n)
    memoHas(memo, &memo->irdl, key, n, true);
}

MlirLogicalResult fxVerifyOpMemo(MlirOperation op, FxVerifyMemo *memo) {
  FxOpKind kind = fxOpGetKind(op);
  const void *key[kMaxKey];
  int n = 0;
  if (!memo || kind == FX_OP_NONE || kind == FX_OP_SCHEMA)
    return fxVerifyOp(op, NULL);
  if (knownValid(memo, op, kind, key, &n))
    return verifyBeyondSignature(op, kind, NULL);
  MlirLogicalResult r = verifySignature(op, kind, NULL);
  if (FAILED(r))
    return r;
  if (n)
    memoHas(memo, &memo->seen, key, n, true);
  return verifyBeyondSignature(op, kind, NULL);
}

typedef struct WalkState {
  MlirOperation func;
  FxSchemaTable *table;
  Scope scope; /* shared by every op of the function */
  bool failed;
} WalkState;

static MlirLogicalResult verifyInScope(MlirOperation op, WalkState *w) {
  FxOpKind kind = fxOpGetKind(op);
  if (kind == FX_OP_NONE)
    return OK;
  /* An op of a function or module nested in this one has its own symbols
   * and schemas: checked as the hook checks it. */
  if (!mlirOperationEqual(mlirOperationGetParentOperation(op), w->func) &&
      (!mlirOperationEqual(enclosingFunc(op), w->func) ||
       !mlirOperationEqual(fxEnclosingModule(op), fxEnclosingModule(w->func))))
    return fxVerifyOp(op, NULL);
  if (seenValid(&w->scope, op, false))
    return verifyBeyondSignature(op, kind, w->table);
  Verifier v = {op, w->func, w->table, &w->scope};
  MlirLogicalResult r = checkOpTypes(&v);
  if (!FAILED(r))
    r = kVerifiers[kind](&v);
  if (!FAILED(r))
    r = fxVerifyOpAttrs(op);
  if (FAILED(r))
    return r;
  seenValid(&w->scope, op, true);
  return verifyBeyondSignature(op, kind, w->table);
}

static MlirWalkResult verifyWalk(MlirOperation op, void *userData) {
  WalkState *w = userData;
  if (FAILED(verifyInScope(op, w)))
    w->failed = true;
  return MlirWalkResultAdvance; /* report every error, not just the first */
}

/* `{fx.strides = [...]}` on argument `i` (of type `t`): one entry per dim,
 * each an i64 >= 0 or a declared symbol or canonical expression, as dims
 * are.  That it is an array at all is FxVerifyAttrs.c's check. */
static MlirLogicalResult checkArgStrides(Verifier *v, MlirType t, int i) {
  MlirAttribute all = mlirOperationGetAttributeByName(v->func, fxStr("arg_attrs"));
  MlirAttribute dict = mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
                               i >= mlirArrayAttrGetNumElements(all)
                           ? (MlirAttribute){NULL}
                           : mlirArrayAttrGetElement(all, i);
  MlirAttribute a = mlirAttributeIsNull(dict) || !mlirAttributeIsADictionary(dict)
                        ? (MlirAttribute){NULL}
                        : mlirDictionaryAttrGetElementByName(dict, fxStr("fx.strides"));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAArray(a))
    return OK;
  if (!fxTypeIsATensor(t))
    return fail(v, "argument %d has fx.strides but type %s: only a tensor "
                   "has strides", i, typeStr(t).s);
  intptr_t n = mlirArrayAttrGetNumElements(a), rank = fxTensorTypeGetRank(t);
  if (n != rank)
    return fail(v, "argument %d has %d fx.strides for type %s of rank %d: "
                   "one stride per dim", i, (int)n, typeStr(t).s, (int)rank);
  for (intptr_t d = 0; d < n; ++d) {
    MlirAttribute e = mlirArrayAttrGetElement(a, d);
    FxDim s = fxDimFromAttr(e);
    char what[64];
    snprintf(what, sizeof what, "argument %d stride %d", i, (int)d);
    if (s.symbol.length)
      TRY(checkSymbolic(v, s.symbol, what));
    else if (s.size < 0)
      return fail(v, "%s is %s, not an i64 >= 0 or a symbol string", what,
                  fxAttrText(e).s);
  }
  return OK;
}

/* The checks of `func` itself, beyond its ops: its signature's fx types,
 * the fx attributes (and strides) of its arguments, results and itself,
 * and its func.calls.  True when one failed; each reports at the function. */
static bool functionItselfFails(MlirOperation func, FxSchemaTable *table,
                                Scope *scope) {
  Verifier v = {func, func, table, scope};
  /* MLIR's verifier requires it; a pass may run on IR it has not seen. */
  MlirAttribute typeAttr =
      mlirOperationGetAttributeByName(func, fxStr("function_type"));
  MlirType fnType =
      mlirAttributeIsNull(typeAttr) || !mlirAttributeIsAType(typeAttr)
          ? (MlirType){NULL}
          : mlirTypeAttrGetValue(typeAttr);
  if (mlirTypeIsNull(fnType) || !mlirTypeIsAFunction(fnType)) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "this function has no function_type that is a function "
                  "type (MLIR's verifier rejects it; fxir reads its "
                  "signature from it)");
    return true;
  }
  bool failed = false;
  for (intptr_t i = 0, n = mlirFunctionTypeGetNumInputs(fnType); i < n; ++i)
    failed |= FAILED(checkTensorType(&v, mlirFunctionTypeGetInput(fnType, i),
                                     "argument", (int)i)) ||
              FAILED(checkArgStrides(&v, mlirFunctionTypeGetInput(fnType, i),
                                     (int)i));
  for (intptr_t i = 0, n = mlirFunctionTypeGetNumResults(fnType); i < n; ++i)
    failed |= FAILED(checkTensorType(&v, mlirFunctionTypeGetResult(fnType, i),
                                     "result", (int)i));
  failed |= FAILED(fxVerifyFunctionAttrs(func));
  failed |= FAILED(fxVerifyFunctionCalls(func, table));
  return failed;
}

/* functionItselfFails with a scope of its own, and the function's schema
 * table when `table` is NULL. */
static bool functionAloneFails(MlirOperation func, FxSchemaTable *table) {
  Scope scope = {0};
  FxSchemaTable *t = table ? table : fxSchemaTableCreate(func);
  bool failed = functionItselfFails(func, t, &scope);
  if (t != table)
    fxSchemaTableDestroy(t);
  free(scope.syms);
  return failed;
}

/* The op whose verifier hook checks its function itself: the first fx op at
 * the top of the function's entry block.  The hook sees one op at a time,
 * and MLIR verifies every fx op of a function whenever it verifies the
 * function (after parsing, after each pass), so this op stands for the
 * function; walking back stops at the previous fx op, so a verification
 * walks each op at most twice. */
static MlirOperation functionCheckedBy(MlirOperation op) {
  /* The previous fx op first: it is usually the op right before, which
   * settles it without reading the parent's name.  `op` is an fx op (this
   * is its verifier): another is one of its dialect's. */
  MlirDialect fx = fxOperationGetRegisteredDialect(op);
  for (MlirOperation p = fxOperationGetPrevInBlock(op); !mlirOperationIsNull(p);
       p = fxOperationGetPrevInBlock(p))
    if (mlirDialectIsNull(fx)
            ? fxOpGetKind(p) != FX_OP_NONE /* (not from its verifier) */
            : mlirDialectEqual(fxOperationGetRegisteredDialect(p), fx))
      return (MlirOperation){NULL};
  MlirOperation func = mlirOperationGetParentOperation(op);
  if (mlirOperationIsNull(func) ||
      !fxStrEq(mlirIdentifierStr(mlirOperationGetName(func)), "func.func") ||
      !mlirBlockEqual(mlirOperationGetBlock(op),
                      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0))))
    return (MlirOperation){NULL};
  return func;
}

static MlirOperation firstTopFxOp(MlirOperation func) {
  MlirRegion body = mlirOperationGetRegion(func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(body);
  if (mlirBlockIsNull(entry))
    return (MlirOperation){NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (fxOpGetKind(op) != FX_OP_NONE)
      return op;
  return (MlirOperation){NULL};
}

/* The op's own errors come first: a bad type is then reported at the op
 * that introduces it (fx-import names that line) before the signature. */
MlirLogicalResult fxVerifyOpHook(MlirOperation op, FxVerifyMemo *memo) {
  bool handedOff = memo && tKnown.op == op.ptr && tKnown.memo == memo;
  tKnown.op = NULL;
  bool failed = handedOff ? FAILED(verifyBeyondSignature(op, tKnown.kind, NULL))
                          : FAILED(fxVerifyOpMemo(op, memo));
  MlirOperation func = functionCheckedBy(op);
  if (!mlirOperationIsNull(func))
    failed |= functionAloneFails(func, NULL);
  return failed ? mlirLogicalResultFailure() : OK;
}

MlirLogicalResult fxVerifyFunctionBeyondHook(MlirOperation func,
                                             FxSchemaTable *table) {
  if (!mlirOperationIsNull(firstTopFxOp(func)))
    return OK;
  return functionAloneFails(func, table) ? mlirLogicalResultFailure() : OK;
}

/* Stops at the first op whose invariants fail, as MLIR's verifier does:
 * the ops inside it, and after it, may read what it lacks (func.return
 * reads its function's type). */
static MlirWalkResult invariantsWalk(MlirOperation op, void *userData) {
  if (!FAILED(fxOperationVerifyInvariants(op)))
    return MlirWalkResultAdvance;
  *(bool *)userData = true;
  return MlirWalkResultInterrupt;
}

/* fx-verify's input may be IR MLIR has not verified (built through the C
 * API, or parsed with --mlir-very-unsafe-disable-verifier-on-parsing), and
 * the checks below read attributes that only the ops' own invariants (ODS,
 * IRDL) guarantee are there and of their kinds: a func.func without
 * function_type, an fx.reshape whose shape is not an array.  So every op's
 * invariants go first, and a function where one fails is reported by the
 * first failure alone. */
MlirLogicalResult fxVerifyFunction(MlirOperation func, FxSchemaTable *table) {
  bool broken = false;
  mlirOperationWalk(func, invariantsWalk, &broken, MlirWalkPreOrder);
  if (broken)
    return mlirLogicalResultFailure();
  WalkState w = {func, table ? table : fxSchemaTableCreate(func), {0}, false};
  bool failed = functionItselfFails(func, w.table, &w.scope);
  mlirOperationWalk(func, verifyWalk, &w, MlirWalkPreOrder);
  if (w.table != table)
    fxSchemaTableDestroy(w.table);
  freeSeen(&w.scope);
  free(w.scope.syms);
  return failed || w.failed ? mlirLogicalResultFailure() : OK;
}
