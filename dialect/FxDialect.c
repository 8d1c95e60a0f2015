/* FxDialect.c - loading the fx dialect, its types, building and reading ops. */
#include "FxAsm.h"
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/IRDL.h"

#include <stdio.h>
#include <stdlib.h>

/* One row per op: the op table the verifier, passes and builders share. */
static const char *const kOpNames[FX_OP_NUM_KINDS] = {
    [FX_OP_RESHAPE] = "fx.reshape",
    [FX_OP_VIEW] = "fx.view",
    [FX_OP_SLICE] = "fx.slice",
    [FX_OP_SLICE_SCATTER] = "fx.slice_scatter",
    [FX_OP_AUTO_FUNCTIONALIZED] = "fx.auto_functionalized",
    [FX_OP_CALL] = "fx.call",
    [FX_OP_SCHEMA] = "fx.schema",
};

const char *fxOpKindName(FxOpKind kind) {
  return kind > FX_OP_NONE && kind < FX_OP_NUM_KINDS ? kOpNames[kind] : "";
}

/* One row per op: its inherent attributes.  The ones its IRDL definition
 * declares (irdl.attributes), and the segment sizes IRDL requires of an op
 * with more than one optional operand or result group.  test/CAPI/dialect.c
 * checks each row against a valid op of the kind. */
enum { kMaxInherent = 5 };
static const char *const kInherentAttrs[FX_OP_NUM_KINDS][kMaxInherent + 1] = {
    [FX_OP_RESHAPE] = {"shape"},
    [FX_OP_VIEW] = {"shape"},
    [FX_OP_SLICE] = {"dim", "start", "end", "step"},
    [FX_OP_SLICE_SCATTER] = {"dim", "start", "end", "step"},
    [FX_OP_AUTO_FUNCTIONALIZED] = {"target", "arg_names", "args",
                                   "operandSegmentSizes", "resultSegmentSizes"},
    [FX_OP_CALL] = {"target", "arg_names", "args", "operandSegmentSizes",
                    "resultSegmentSizes"},
    [FX_OP_SCHEMA] = {"name", "signature"},
};

const char *const *fxOpKindInherentAttributes(FxOpKind kind) {
  static const char *const none[1] = {NULL};
  return kind > FX_OP_NONE && kind < FX_OP_NUM_KINDS ? kInherentAttrs[kind]
                                                     : none;
}

/* Each name compared at its length, a constant, so the compiler inlines
 * the comparison (test/CAPI/dialect.c checks every kind against its name). */
#define IS(k, n) (memcmp(d, kOpNames[k], n) == 0 ? (k) : FX_OP_NONE)

FxOpKind fxOpGetKind(MlirOperation op) {
  /* Hot (every pass asks of every op, several times): reject on the
   * prefix, then one comparison picked by length. */
  MlirStringRef name = fxOperationGetNameStr(op);
  const char *d = name.data;
  if (name.length < 7 || d[0] != 'f' || d[1] != 'x' || d[2] != '.')
    return FX_OP_NONE;
  switch (name.length) {
  case 7: return d[3] == 'v' ? IS(FX_OP_VIEW, 7) : IS(FX_OP_CALL, 7);
  case 8: return IS(FX_OP_SLICE, 8);
  case 9: return IS(FX_OP_SCHEMA, 9);
  case 10: return IS(FX_OP_RESHAPE, 10);
  case 16: return IS(FX_OP_SLICE_SCATTER, 16);
  case 22: return IS(FX_OP_AUTO_FUNCTIONALIZED, 22);
  default: return FX_OP_NONE;
  }
}

#undef IS

/*===-- Loading ------------------------------------------------------------===*/

MlirDialect fxContextLoadDialect(MlirContext ctx) {
  /* An fx op name is registered exactly when the IRDL was loaded; asking for
   * the dialect by name first would re-enter the registry allocator. */
  if (!mlirContextIsRegisteredOperation(ctx, fxStr("fx.call"))) {
    mlirDialectHandleLoadDialect(mlirGetDialectHandle__irdl__(), ctx);
    MlirModule irdl = mlirModuleCreateParse(ctx, fxStr(fxDialectIRDL));
    if (mlirModuleIsNull(irdl) ||
        mlirLogicalResultIsFailure(mlirLoadIRDLDialects(irdl))) {
      /* The text is fixed at build time and tested: this is our bug. */
      fprintf(stderr, "fxir internal error: embedded fx.irdl.mlir failed to "
                      "load\n");
      abort();
    }
    mlirModuleDestroy(irdl);
    fxInstallVerifiers(ctx, kOpNames, FX_OP_NUM_KINDS);
    fxInstallSyntax(ctx, kOpNames, FX_OP_NUM_KINDS);
  }
  return mlirContextGetOrLoadDialect(ctx, fxStr("fx"));
}

/*===-- Types ---------------------------------------------------------------===*/

/* The dtypes of !fx.tensor: kernels/fx_dtypes.def, one row each.  torch
 * counts float8 and the packed float4 as floating types (c10's
 * isFloatingType); the flags keep them out of what takes plain floats. */
#define FX_CAT_FLOAT FX_CATEGORY_FLOAT, false, false
#define FX_CAT_FLOAT8 FX_CATEGORY_FLOAT, true, false
#define FX_CAT_PACKED FX_CATEGORY_FLOAT, false, true
#define FX_CAT_INT FX_CATEGORY_INT, false, false
#define FX_CAT_BOOL FX_CATEGORY_BOOL, false, false
static const FxDtypeInfo kDtypes[] = {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  [value] = {value, type, abbr, torch, npy, bytes, FX_CAT_##kind},
#include "fx_dtypes.def"
};
enum { NUM_DTYPES = sizeof kDtypes / sizeof *kDtypes };

/* vector<N x element>: a packed dtype's MLIR type (one tensor element is
 * one vector of `lanes` values, e.g. torch's float4_e2m1fn_x2). */
static MlirType fxPackedType(MlirContext ctx, MlirType element, int64_t lanes) {
  (void)ctx;
  return mlirVectorTypeGet(1, &lanes, element);
}

/* The row's MLIR type, from its `get` column. */
MlirType fxDtypeGetType(MlirContext ctx, int code) {
  switch (code) {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  case value:                                                                  \
    return get;
#include "fx_dtypes.def"
  default:
    return (MlirType){NULL};
  }
}

int fxDtypeGetNumInfos(void) { return NUM_DTYPES; }

const FxDtypeInfo *fxDtypeGetInfo(int code) {
  return code >= 0 && code < NUM_DTYPES ? &kDtypes[code] : NULL;
}

const FxDtypeInfo *fxDtypeInfo(MlirType dtype) {
  if (mlirTypeIsNull(dtype))
    return NULL;
  /* Builtin float and common-width integer types are cached in the
   * context: each get is a lookup, not a uniquing. */
  MlirContext ctx = mlirTypeGetContext(dtype);
  for (int i = 0; i < NUM_DTYPES; ++i)
    if (mlirTypeEqual(dtype, fxDtypeGetType(ctx, i)))
      return &kDtypes[i];
  return NULL;
}

void fxDtypeListNames(char *buf, size_t size,
                      bool (*filter)(const FxDtypeInfo *), const char *last) {
  int count = 0;
  for (int i = 0; i < NUM_DTYPES; ++i)
    count += !filter || filter(&kDtypes[i]);
  size_t used = 0;
  if (size)
    buf[0] = 0;
  for (int i = 0, n = 0; i < NUM_DTYPES && used < size; ++i) {
    if (filter && !filter(&kDtypes[i]))
      continue;
    /* "a", "a and b", "a, b and c" */
    char sep[32] = "";
    if (n > 0)
      snprintf(sep, sizeof sep, n + 1 == count ? " %s " : ", ", last);
    int w = snprintf(buf + used, size - used, "%s%s", sep, kDtypes[i].name);
    used += w > 0 ? (size_t)w : 0;
    ++n;
  }
}

int64_t fxDtypeGetBytes(MlirType dtype) {
  const FxDtypeInfo *d = fxDtypeInfo(dtype);
  return d ? d->bytes : 0;
}

bool fxDimEqual(FxDim a, FxDim b) {
  if (a.symbol.length || b.symbol.length)
    return mlirStringRefEqual(a.symbol, b.symbol);
  return a.size == b.size;
}

bool fxTypeIsATensor(MlirType type) {
  return fxDynamicTypeIsA(type, fxStr("fx"), fxStr("tensor"));
}

bool fxTypeIsASym(MlirType type) {
  return fxDynamicTypeIsA(type, fxStr("fx"), fxStr("sym"));
}

MlirType fxTensorTypeGet(MlirContext ctx, intptr_t rank, const FxDim *dims,
                         MlirType dtype) {
  if (rank < 0 || mlirTypeIsNull(dtype) || (rank > 0 && !dims))
    return (MlirType){NULL};
  fxContextLoadDialect(ctx);
  MlirAttribute stackElems[8];
  MlirAttribute *elems = rank <= 8 ? stackElems : malloc(rank * sizeof *elems);
  if (!elems)
    return (MlirType){NULL};
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  bool ok = true;
  for (intptr_t i = 0; i < rank; ++i) {
    if (dims[i].symbol.length)
      elems[i] = mlirStringAttrGet(ctx, dims[i].symbol);
    else if (dims[i].size >= 0)
      elems[i] = mlirIntegerAttrGet(i64, dims[i].size);
    else
      ok = false;
  }
  MlirType result = {NULL};
  if (ok) {
    MlirAttribute params[2] = {mlirArrayAttrGet(ctx, rank, elems),
                               mlirTypeAttrGet(dtype)};
    result = fxDynamicTypeGet(ctx, fxStr("fx"), fxStr("tensor"), 2, params);
  }
  if (elems != stackElems)
    free(elems);
  return result;
}

static MlirAttribute tensorShape(MlirType type) {
  return fxTypeIsATensor(type) ? fxDynamicTypeGetParam(type, 0)
                               : (MlirAttribute){NULL};
}

intptr_t fxTensorTypeGetRank(MlirType type) {
  MlirAttribute shape = tensorShape(type);
  return mlirAttributeIsNull(shape) ? 0 : mlirArrayAttrGetNumElements(shape);
}

FxDim fxDimFromAttr(MlirAttribute d) {
  if (mlirAttributeIsAString(d))
    return (FxDim){-1, mlirStringAttrGetValue(d)};
  if (mlirAttributeIsAInteger(d)) {
    MlirType t = mlirAttributeGetType(d); /* i64 only, without a type lookup */
    if (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t) &&
        mlirIntegerTypeGetWidth(t) == 64)
      return (FxDim){mlirIntegerAttrGetValueInt(d), {NULL, 0}};
  }
  return (FxDim){-2, {NULL, 0}};
}

FxDim fxTensorTypeGetDim(MlirType type, intptr_t i) {
  MlirAttribute shape = tensorShape(type);
  if (mlirAttributeIsNull(shape) || i < 0 ||
      i >= mlirArrayAttrGetNumElements(shape))
    return (FxDim){-2, {NULL, 0}};
  return fxDimFromAttr(mlirArrayAttrGetElement(shape, i));
}

intptr_t fxTensorTypeGetDims(MlirType type, FxDim *dims, intptr_t max) {
  MlirAttribute shape = tensorShape(type);
  if (mlirAttributeIsNull(shape))
    return 0;
  intptr_t rank = mlirArrayAttrGetNumElements(shape);
  for (intptr_t i = 0; i < rank && i < max; ++i)
    dims[i] = fxDimFromAttr(mlirArrayAttrGetElement(shape, i));
  return rank;
}

MlirType fxTensorTypeGetDtype(MlirType type) {
  MlirAttribute dtype = fxTypeIsATensor(type) ? fxDynamicTypeGetParam(type, 1)
                                              : (MlirAttribute){NULL};
  return mlirAttributeIsNull(dtype) ? (MlirType){NULL}
                                    : mlirTypeAttrGetValue(dtype);
}

MlirType fxSymTypeGet(MlirContext ctx, MlirStringRef name) {
  fxContextLoadDialect(ctx);
  MlirAttribute param = mlirStringAttrGet(ctx, name);
  return fxDynamicTypeGet(ctx, fxStr("fx"), fxStr("sym"), 1, &param);
}

MlirStringRef fxSymTypeGetName(MlirType type) {
  MlirAttribute name = fxDynamicTypeGetParam(type, 0);
  if (!fxTypeIsASym(type) || !mlirAttributeIsAString(name))
    return (MlirStringRef){NULL, 0};
  return mlirStringAttrGetValue(name);
}

/*===-- Building ops -------------------------------------------------------===*/

static MlirNamedAttribute named(MlirContext ctx, const char *name,
                                MlirAttribute attr) {
  return mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, fxStr(name)), attr);
}

static MlirAttribute i64Attr(MlirContext ctx, int64_t v) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v);
}

MlirOperation fxReshapeOpCreate(MlirLocation loc, FxOpKind kind,
                                MlirValue input, MlirType resultType,
                                MlirAttribute shape) {
  if (kind != FX_OP_RESHAPE && kind != FX_OP_VIEW)
    return (MlirOperation){NULL};
  MlirContext ctx = mlirLocationGetContext(loc);
  MlirOperationState st = mlirOperationStateGet(fxStr(kOpNames[kind]), loc);
  MlirNamedAttribute attr = named(ctx, "shape", shape);
  mlirOperationStateAddOperands(&st, 1, &input);
  mlirOperationStateAddResults(&st, 1, &resultType);
  mlirOperationStateAddAttributes(&st, 1, &attr);
  return mlirOperationCreate(&st);
}

static MlirOperation sliceLike(MlirLocation loc, FxOpKind kind, intptr_t n,
                               const MlirValue *operands, MlirType resultType,
                               int64_t dim, MlirAttribute start,
                               MlirAttribute end, int64_t step) {
  MlirContext ctx = mlirLocationGetContext(loc);
  MlirOperationState st = mlirOperationStateGet(fxStr(kOpNames[kind]), loc);
  MlirNamedAttribute attrs[4] = {
      named(ctx, "dim", i64Attr(ctx, dim)), named(ctx, "start", start),
      named(ctx, "end", end), named(ctx, "step", i64Attr(ctx, step))};
  mlirOperationStateAddOperands(&st, n, operands);
  mlirOperationStateAddResults(&st, 1, &resultType);
  mlirOperationStateAddAttributes(&st, 4, attrs);
  return mlirOperationCreate(&st);
}

MlirOperation fxSliceOpCreate(MlirLocation loc, MlirValue input,
                              MlirType resultType, int64_t dim,
                              MlirAttribute start, MlirAttribute end,
                              int64_t step) {
  return sliceLike(loc, FX_OP_SLICE, 1, &input, resultType, dim, start, end,
                   step);
}

MlirOperation fxSliceScatterOpCreate(MlirLocation loc, MlirValue base,
                                     MlirValue src, int64_t dim,
                                     MlirAttribute start, MlirAttribute end,
                                     int64_t step) {
  MlirValue operands[2] = {base, src};
  return sliceLike(loc, FX_OP_SLICE_SCATTER, 2, operands,
                   mlirValueGetType(base), dim, start, end, step);
}

/* One segment per slot: the first `n` slots hold one value each. */
bool fxAttrIsI64(MlirAttribute a) {
  if (!mlirAttributeIsAInteger(a))
    return false;
  MlirType t = mlirAttributeGetType(a);
  return mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t) &&
         mlirIntegerTypeGetWidth(t) == 64;
}

MlirAttribute fxSegmentSizes(MlirContext ctx, intptr_t slots, intptr_t n) {
  int32_t sizes[FX_MAX_OPERANDS];
  for (intptr_t i = 0; i < slots; ++i)
    sizes[i] = i < n ? 1 : 0;
  return mlirDenseI32ArrayGet(ctx, slots, sizes);
}

MlirOperation fxCallOpCreate(MlirLocation loc, FxOpKind kind,
                             MlirStringRef target, intptr_t nOperands,
                             const MlirValue *operands,
                             const MlirStringRef *argNames, MlirAttribute args,
                             intptr_t nResults, const MlirType *resultTypes) {
  if ((kind != FX_OP_CALL && kind != FX_OP_AUTO_FUNCTIONALIZED) ||
      nOperands < 0 || nOperands > FX_MAX_OPERANDS || nResults < 0 ||
      nResults > FX_MAX_RESULTS)
    return (MlirOperation){NULL};
  MlirContext ctx = mlirLocationGetContext(loc);
  MlirAttribute names[FX_MAX_OPERANDS];
  for (intptr_t i = 0; i < nOperands; ++i)
    names[i] = mlirStringAttrGet(ctx, argNames[i]);
  if (mlirAttributeIsNull(args))
    args = mlirDictionaryAttrGet(ctx, 0, NULL);
  MlirNamedAttribute attrs[5] = {
      named(ctx, "target", mlirStringAttrGet(ctx, target)),
      named(ctx, "arg_names", mlirArrayAttrGet(ctx, nOperands, names)),
      named(ctx, "args", args),
      named(ctx, "operandSegmentSizes",
            fxSegmentSizes(ctx, FX_MAX_OPERANDS, nOperands)),
      named(ctx, "resultSegmentSizes", fxSegmentSizes(ctx, FX_MAX_RESULTS, nResults)),
  };
  MlirOperationState st = mlirOperationStateGet(fxStr(kOpNames[kind]), loc);
  mlirOperationStateAddOperands(&st, nOperands, operands);
  mlirOperationStateAddResults(&st, nResults, resultTypes);
  mlirOperationStateAddAttributes(&st, 5, attrs);
  return mlirOperationCreate(&st);
}

/* fxCallOpCreateLike's attributes: `like`'s five of fx.call, with
 * resultSegmentSizes for nResults results. */
static MlirAttribute likeAttributes(MlirOperation like, intptr_t nResults) {
  MlirContext ctx = mlirOperationGetContext(like);
  /* In the order of the op's sorted dictionary: MLIR then checks the
   * order instead of sorting (1.4k instructions per op created). */
  static const char *const kept[] = {"arg_names", "args",
                                     "operandSegmentSizes",
                                     "resultSegmentSizes", "target"};
  enum { kNumKept = sizeof kept / sizeof kept[0], kResults = 3 };
  /* `like`'s own entries where it has them: their names are the uniqued
   * identifiers MLIR would look up by string (hot: every call the passes
   * rewrite is created here). */
  MlirNamedAttribute attrs[kNumKept];
  bool found[kNumKept] = {false};
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(like); i < n; ++i) {
    MlirNamedAttribute a = mlirOperationGetAttribute(like, i);
    MlirStringRef name = mlirIdentifierStr(a.name);
    for (int k = 0; k < kNumKept; ++k)
      if (!found[k] && fxStrEq(name, kept[k])) {
        attrs[k] = a;
        found[k] = true;
        break;
      }
  }
  for (int k = 0; k < kNumKept; ++k)
    if (!found[k] && k != kResults)
      attrs[k] = named(ctx, kept[k], (MlirAttribute){NULL});
  MlirAttribute results = fxSegmentSizes(ctx, FX_MAX_RESULTS, nResults);
  attrs[kResults] = found[kResults]
                        ? mlirNamedAttributeGet(attrs[kResults].name, results)
                        : named(ctx, kept[kResults], results);
  return mlirDictionaryAttrGet(ctx, kNumKept, attrs);
}

MlirOperation fxCallOpCreateLike(MlirOperation like, FxOpKind kind,
                                 intptr_t nOperands, const MlirValue *operands,
                                 intptr_t nResults, const MlirType *resultTypes) {
  if ((kind != FX_OP_CALL && kind != FX_OP_AUTO_FUNCTIONALIZED) ||
      nOperands != mlirOperationGetNumOperands(like) || nResults < 0 ||
      nResults > FX_MAX_RESULTS)
    return (MlirOperation){NULL};
  /* The new op's attributes are a function of `like`'s and nResults:
   * remembered in the call cache, they are uniqued once per distinct call
   * and handed to MLIR as one dictionary (an op created through an
   * OperationState costs 3.6k instructions, half of it the attributes). */
  MlirAttribute dict = fxCallCacheGetCreated(like, nResults);
  if (mlirAttributeIsNull(dict)) {
    dict = likeAttributes(like, nResults);
    fxCallCachePutCreated(like, nResults, dict);
  }
  return fxOperationCreateWithDictionary(
      fxStr(kOpNames[kind]), mlirOperationGetLocation(like), nOperands,
      operands, nResults, resultTypes, dict);
}

MlirOperation fxSchemaOpCreate(MlirLocation loc, MlirStringRef name,
                               MlirStringRef signature) {
  MlirContext ctx = mlirLocationGetContext(loc);
  MlirNamedAttribute attrs[2] = {
      named(ctx, "name", mlirStringAttrGet(ctx, name)),
      named(ctx, "signature", mlirStringAttrGet(ctx, signature))};
  MlirOperationState st =
      mlirOperationStateGet(fxStr(kOpNames[FX_OP_SCHEMA]), loc);
  mlirOperationStateAddAttributes(&st, 2, attrs);
  return mlirOperationCreate(&st);
}

/*===-- Reading call-like ops ----------------------------------------------===*/

/* A string attribute's value; "" for anything else (or none). */
static MlirStringRef stringValue(MlirAttribute a) {
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a))
    return (MlirStringRef){"", 0};
  return mlirStringAttrGetValue(a);
}

int64_t fxOpGetIntAttr(MlirOperation op, const char *name, bool *ok) {
  MlirAttribute a = mlirOperationGetAttributeByName(op, fxStr(name));
  *ok = !mlirAttributeIsNull(a) && mlirAttributeIsAInteger(a);
  return *ok ? mlirIntegerAttrGetValueInt(a) : 0;
}

MlirStringRef fxOpGetStringAttr(MlirOperation op, const char *name) {
  return stringValue(mlirOperationGetAttributeByName(op, fxStr(name)));
}

/* Hot (every view check and verification of a call asks).  Attributes are
 * sorted by name and "target" sorts after the others an fx op has
 * (arg_names, args, the segment sizes), so it is usually the last one: a
 * look there first saves the search by name. */
MlirStringRef fxCallReadTarget(MlirOperation op) {
  intptr_t n = mlirOperationGetNumAttributes(op);
  if (n > 0) {
    MlirNamedAttribute last = mlirOperationGetAttribute(op, n - 1);
    MlirStringRef name = mlirIdentifierStr(last.name);
    if (fxStrEq(name, "target"))
      return stringValue(last.attribute);
  }
  return fxOpGetStringAttr(op, "target");
}

/* Index of the operand named `name`, or -1. */
static intptr_t operandIndex(MlirOperation op, MlirStringRef name) {
  MlirAttribute names = fxCallGetArgNames(op);
  if (mlirAttributeIsNull(names) || !mlirAttributeIsAArray(names))
    return -1;
  intptr_t n = mlirArrayAttrGetNumElements(names);
  for (intptr_t i = 0; i < n; ++i) {
    MlirAttribute e = mlirArrayAttrGetElement(names, i);
    if (mlirAttributeIsAString(e) &&
        mlirStringRefEqual(mlirStringAttrGetValue(e), name))
      return i;
  }
  return -1;
}

MlirValue fxCallGetOperandByName(MlirOperation op, MlirStringRef name) {
  intptr_t i = operandIndex(op, name);
  if (i < 0 || i >= mlirOperationGetNumOperands(op))
    return (MlirValue){NULL};
  return mlirOperationGetOperand(op, i);
}

MlirAttribute fxCallGetArg(MlirOperation op, MlirStringRef name) {
  MlirAttribute args = mlirOperationGetAttributeByName(op, fxStr("args"));
  if (mlirAttributeIsNull(args) || !mlirAttributeIsADictionary(args))
    return (MlirAttribute){NULL};
  return mlirDictionaryAttrGetElementByName(args, name);
}

static int operandParam(MlirOperation op, const FxSchema *schema,
                        intptr_t i) {
  MlirAttribute names = fxCallGetArgNames(op);
  if (mlirAttributeIsNull(names) || !mlirAttributeIsAArray(names) || i < 0 ||
      i >= mlirArrayAttrGetNumElements(names))
    return -1;
  MlirAttribute e = mlirArrayAttrGetElement(names, i);
  if (!mlirAttributeIsAString(e))
    return -1;
  MlirStringRef s = mlirStringAttrGetValue(e);
  return fxSchemaFindOperandParam(schema, s.data, s.length, NULL);
}

/* A function of the op's arg_names (in its dictionary) and the schema:
 * the passes ask it of every operand they follow (fxCallWritesOperand),
 * 320 instructions each (DESIGN §1: operand-parameter bindings are kept,
 * not re-derived). */
int fxCallGetOperandParam(MlirOperation op, const FxSchema *schema,
                          intptr_t i) {
  int p = fxCallCacheGetParam(op, schema, i);
  if (p != FX_PARAM_UNKNOWN)
    return p;
  p = operandParam(op, schema, i);
  fxCallCachePutParam(op, schema, i, p);
  return p;
}

static int numTensorReturns(const FxSchema *schema) {
  int n = 0;
  for (int i = 0; i < schema->numReturns; ++i)
    n += schema->returns[i].kind == FX_ARG_TENSOR;
  return n;
}

/* The new-value results of an auto_functionalized op, in their order: the
 * schema's tensor returns first, then one per mutated tensor parameter
 * present on the op (an absent optional one has none).  The one place that
 * numbers them, for the two lookups below. */
typedef struct MutatedParams {
  MlirOperation op;
  const FxSchema *schema;
  int param;       /* the next schema parameter to look at */
  intptr_t result; /* the result index of the next one present */
} MutatedParams;

static MutatedParams mutatedParams(MlirOperation op, const FxSchema *schema) {
  return (MutatedParams){op, schema, 0, numTensorReturns(schema)};
}

/* The next present mutated tensor parameter, with its new value's result
 * index and its operand's index; NULL after the last. */
static const FxSchemaArg *nextMutated(MutatedParams *it, intptr_t *result,
                                      intptr_t *operand) {
  while (it->param < it->schema->numArgs) {
    const FxSchemaArg *a = &it->schema->args[it->param++];
    if (a->kind != FX_ARG_TENSOR || !a->mutated)
      continue;
    intptr_t i = operandIndex(it->op, fxStr(a->name));
    if (i < 0)
      continue; /* absent: no result */
    *result = it->result++;
    *operand = i;
    return a;
  }
  return NULL;
}

intptr_t fxAutoFunctionalizedGetMutatedResultIndex(MlirOperation op,
                                                   const FxSchema *schema,
                                                   MlirStringRef name) {
  if (!schema)
    return -1;
  MutatedParams it = mutatedParams(op, schema);
  intptr_t result, operand;
  for (const FxSchemaArg *a; (a = nextMutated(&it, &result, &operand));)
    if (fxStrEq(name, a->name))
      return result;
  return -1;
}

MlirValue fxAutoFunctionalizedGetMutatedOperand(MlirOperation op,
                                                const FxSchema *schema,
                                                intptr_t result) {
  if (!schema)
    return (MlirValue){NULL};
  MutatedParams it = mutatedParams(op, schema);
  intptr_t r, i;
  while (nextMutated(&it, &r, &i) && r <= result)
    if (r == result)
      return i < mlirOperationGetNumOperands(op) ? mlirOperationGetOperand(op, i)
                                                 : (MlirValue){NULL};
  return (MlirValue){NULL};
}

/*===-- Schemas in scope ---------------------------------------------------===*/

typedef struct SchemaEntry {
  char *name;         /* owned copy of the looked-up name          */
  FxSchema *schema;   /* NULL when the fx.schema is malformed     */
} SchemaEntry;

struct FxSchemaTable {
  MlirOperation module; /* null when the op is not inside a module */
  int num, cap;
  SchemaEntry *entries;
  FxSymbolIndex symbols; /* the module's, for fxSchemaTableGetCallee */
};

FxSchemaTable *fxSchemaTableCreate(MlirOperation anyOp) {
  FxSchemaTable *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->module = fxEnclosingModule(anyOp);
  t->symbols.module = t->module;
  return t;
}

MlirOperation fxEnclosingModule(MlirOperation op) {
  while (!mlirOperationIsNull(op) &&
         !fxStrEq(mlirIdentifierStr(mlirOperationGetName(op)),
                  "builtin.module"))
    op = mlirOperationGetParentOperation(op);
  return op;
}

MlirOperation fxModuleSchemaOp(MlirOperation module, MlirStringRef name) {
  /* Names are uniqued: one pointer comparison per op of the walk, which a
   * call to an op declared after the functions, or not at all, makes
   * through every function of the module. */
  MlirIdentifier schemaOp =
      mlirIdentifierGet(mlirOperationGetContext(module), fxStr("fx.schema"));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlirIdentifierEqual(mlirOperationGetName(op), schemaOp) &&
        mlirStringRefEqual(fxOpGetStringAttr(op, "name"), name))
      return op;
  return (MlirOperation){NULL};
}

MlirOperation fxSchemaTableGetCallee(FxSchemaTable *table,
                                     MlirOperation call) {
  /* A walk of the module per call made a function calling N pieces of a
   * model cost N^2 (bench/compile --functions): the table's index walks
   * it once, as far as the callees asked for lie. */
  MlirAttribute callee = mlirOperationGetAttributeByName(call, fxStr("callee"));
  if (!table || mlirOperationIsNull(table->module) ||
      mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee) ||
      !mlirOperationEqual(fxEnclosingModule(call), table->module))
    return fxFuncCallGetCallee(call);
  bool ok;
  MlirOperation op = fxSymbolIndexLookup(
      &table->symbols, mlirFlatSymbolRefAttrGetValue(callee), &ok);
  return ok ? op : fxFuncCallGetCallee(call);
}

void fxSchemaTableDestroy(FxSchemaTable *table) {
  if (!table)
    return;
  fxSymbolIndexClear(&table->symbols);
  for (int i = 0; i < table->num; ++i) {
    free(table->entries[i].name);
    fxSchemaDestroy(table->entries[i].schema);
  }
  free(table->entries);
  free(table);
}

static char *strndupRef(MlirStringRef s) {
  char *copy = malloc(s.length + 1);
  if (copy) {
    if (s.length) /* an empty ref may have a NULL data pointer */
      memcpy(copy, s.data, s.length);
    copy[s.length] = 0;
  }
  return copy;
}

FxSchema *fxSchemaParseDeclaration(MlirStringRef name, MlirStringRef signature,
                                   char *err, size_t errLen) {
  char scratch[8];
  if (!err) { /* callers that only want the schema */
    err = scratch;
    errLen = sizeof scratch;
  }
  const char *sep = NULL;
  for (size_t i = 0; i + 1 < name.length && !sep; ++i)
    if (name.data[i] == ':' && name.data[i + 1] == ':')
      sep = name.data + i;
  if (!sep || sep == name.data) {
    snprintf(err, errLen, "name \"%.*s\" must be \"namespace::op\"",
             (int)name.length, name.data);
    return NULL;
  }
  char *ns = strndupRef((MlirStringRef){name.data, (size_t)(sep - name.data)});
  char *text = strndupRef(signature);
  FxSchema *schema = ns && text ? fxSchemaParse(ns, text, err, errLen) : NULL;
  if (schema && !fxStrEq(name, schema->qualifiedName)) {
    snprintf(err, errLen,
             "name \"%.*s\" does not match the signature's op \"%s\"",
             (int)name.length, name.data, schema->qualifiedName);
    fxSchemaDestroy(schema);
    schema = NULL;
  }
  free(ns);
  free(text);
  return schema;
}

/* Parses the module's fx.schema called `name`; NULL when none or malformed
 * (the verifier reports it). */
static FxSchema *parseModuleSchema(MlirOperation module, MlirStringRef name) {
  MlirOperation op = fxModuleSchemaOp(module, name);
  return mlirOperationIsNull(op)
             ? NULL
             : fxSchemaParseDeclaration(name, fxOpGetStringAttr(op, "signature"),
                                        NULL, 0);
}

/* The schema of op `qualifiedName`, which has no built-in implementation
 * and whose built-in schema, if any, is `builtin`: the module's fx.schema
 * where it has a well-formed one.  (An op with a built-in implementation
 * has its built-in schema: a module may restate it, never change it, DESIGN
 * §2, and the verifier reports a change at the fx.schema.  The callers do
 * not look for its fx.schema, which keeps a call from walking every
 * top-level op of a module of many functions, fxModuleSchemaOp: quadratic
 * before, bench/compile --functions.) */
static const FxSchema *moduleSchema(FxSchemaTable *table,
                                    MlirStringRef qualifiedName,
                                    const FxSchema *builtin) {
  if (!table || mlirOperationIsNull(table->module))
    return builtin;
  for (int i = 0; i < table->num; ++i)
    if (fxStrEq(qualifiedName, table->entries[i].name))
      return table->entries[i].schema ? table->entries[i].schema : builtin;
  if (table->num == table->cap) {
    int cap = table->cap ? 2 * table->cap : 8;
    SchemaEntry *e = realloc(table->entries, cap * sizeof *e);
    if (!e)
      return builtin;
    table->entries = e;
    table->cap = cap;
  }
  char *name = strndupRef(qualifiedName);
  if (!name)
    return builtin;
  FxSchema *s = parseModuleSchema(table->module, qualifiedName);
  table->entries[table->num++] = (SchemaEntry){name, s};
  return s ? s : builtin;
}

const FxSchema *fxSchemaTableLookup(FxSchemaTable *table,
                                    MlirStringRef qualifiedName) {
  FxBuiltinImpl impl;
  return fxSchemaTableLookupImpl(table, qualifiedName, &impl);
}

const FxSchema *fxSchemaTableLookupImpl(FxSchemaTable *table,
                                        MlirStringRef qualifiedName,
                                        FxBuiltinImpl *impl) {
  const FxSchema *builtin =
      fxSchemaLookupBuiltinImpl(qualifiedName.data, qualifiedName.length, impl);
  return *impl != FX_IMPL_NONE ? builtin
                               : moduleSchema(table, qualifiedName, builtin);
}

const FxSchema *fxSchemaTableLookupCall(FxSchemaTable *table,
                                        MlirOperation call,
                                        FxBuiltinImpl *impl) {
  FxBuiltinImpl unused;
  if (!impl)
    impl = &unused;
  const FxSchema *builtin = fxCallGetBuiltinSchema(call, impl);
  return *impl != FX_IMPL_NONE
             ? builtin
             : moduleSchema(table, fxCallGetTarget(call), builtin);
}
