/* ImportCall.c - FX call nodes to fx ops: views, slices, splits,
 * auto_functionalized (v1; v2 is ImportHopV2.c) with its getitems, and every other op as an
 * fx.call bound by its schema (docs/import.md, "The mapping"). */
#include "ImportInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first declaration of `name`: the one whose fx.schema op the module
 * holds (later ones agree with it, addSchema). */
const FxSchema *impSchema(Imp *im, const char *name, size_t len) {
  for (int i = 0; i < im->numSchemas; ++i)
    if (strlen(im->schemas[i]->qualifiedName) == len &&
        memcmp(im->schemas[i]->qualifiedName, name, len) == 0)
      return im->schemas[i];
  return fxSchemaLookupBuiltin(name, len);
}

bool impAppend(Imp *im, MlirOperation op) {
  if (mlirOperationIsNull(op))
    return impErrorAt(im, im->stmt->col,
                      "fx cannot hold this op: more than %d tensor operands "
                      "or %d results (the call slots), or an invalid type",
                      FX_MAX_OPERANDS, FX_MAX_RESULTS);
  mlirBlockAppendOwnedOperation(im->block, op);
  return true;
}

static MlirValue result(MlirOperation op, intptr_t i) {
  return mlirOperationGetResult(op, i);
}

/* Appends `op` and makes `node` its one result. */
static bool defineTensor(Imp *im, Node *node, MlirOperation op) {
  if (!impAppend(im, op))
    return false;
  node->val.kind = VAL_TENSOR;
  node->val.value = result(op, 0);
  return true;
}

/*===-- Targets -------------------------------------------------------------===*/

/* `torch.ops.ns.op.overload` -> "ns::op[.overload]" in fxir's spelling:
 * `.default` dropped, other overloads kept, renames from kRenames. */
static const struct {
  const char *torch, *fx;
} kRenames[] = {
#define FX_RENAME(torch, fx) {torch, fx},
#include "fx_renames.def"
};

bool impTargetOf(Imp *im, const PyExpr *callee, char *out, size_t size) {
  if (!callee || callee->kind != PY_NAME || callee->len <= 10 ||
      memcmp(callee->text, "torch.ops.", 10) != 0)
    return false;
  const char *s = callee->text + 10, *end = callee->text + callee->len;
  const char *dot1 = memchr(s, '.', (size_t)(end - s));
  if (!dot1)
    return false;
  const char *op = dot1 + 1;
  const char *dot2 = memchr(op, '.', (size_t)(end - op));
  const char *ovl = dot2 ? dot2 + 1 : end;
  if (dot2 && memchr(ovl, '.', (size_t)(end - ovl)))
    return false;
  size_t opLen = (size_t)((dot2 ? dot2 : end) - op);
  size_t ovlLen = (size_t)(end - ovl);
  int n;
  if (!dot2 || (ovlLen == 7 && memcmp(ovl, "default", 7) == 0))
    n = snprintf(out, size, "%.*s::%.*s", (int)(dot1 - s), s, (int)opLen, op);
  else
    n = snprintf(out, size, "%.*s::%.*s.%.*s", (int)(dot1 - s), s, (int)opLen,
                 op, (int)ovlLen, ovl);
  if (n < 0 || (size_t)n >= size)
    return impErrorAt(im, callee->col, "op name too long");
  for (size_t i = 0; i < sizeof kRenames / sizeof *kRenames; ++i)
    if (strcmp(out, kRenames[i].torch) == 0)
      snprintf(out, size, "%s", kRenames[i].fx);
  (void)im;
  return true;
}

/* Keywords fxir does not model; dropped wherever a schema lacks them
 * (docs/import.md says what each meant). */
static const char *const kDropped[] = {"layout", "device", "pin_memory",
                                       "memory_format"};

static bool isDropped(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof kDropped / sizeof *kDropped; ++i)
    if (strlen(kDropped[i]) == n && memcmp(kDropped[i], s, n) == 0)
      return true;
  return false;
}

/* A dropped keyword must not change values: a layout other than strided
 * or a memory format other than contiguous/preserve (channels_last) would
 * change what an `as_strided` of the result reads, so it is an error. */
static bool droppedValueOk(Imp *im, const char *kw, size_t len,
                           const PyExpr *v) {
  static const char *const kOk[] = {"torch.strided", "torch.contiguous_format",
                                    "torch.preserve_format"};
  bool layoutLike = (len == 6 && !memcmp(kw, "layout", 6)) ||
                    (len == 13 && !memcmp(kw, "memory_format", 13));
  if (!layoutLike || v->kind == PY_NONE)
    return true;
  for (size_t i = 0; i < sizeof kOk / sizeof *kOk; ++i)
    if (pyIsName(v, kOk[i]))
      return true;
  if (v->kind == PY_NAME)
    return impErrorAt(im, v->col,
                      "%.*s = %.*s is not supported: fxir's tensors are "
                      "strided and new ones contiguous",
                      (int)len, kw, (int)v->len, v->text);
  return impErrorAt(im, v->col, "%.*s must be a torch layout or memory format",
                    (int)len, kw);
}

/*===-- Binding arguments to parameters -------------------------------------===*/

/* Binds the call's positional arguments from `first` and its keywords to
 * `names` (positional up to `numPositional`).  vals[i] NULL when absent. */
static bool bindNames(Imp *im, const PyExpr *call, int first,
                      const char *const *names, int n, int numPositional,
                      const char *what, const PyExpr **vals) {
  for (int i = 0; i < n; ++i)
    vals[i] = NULL;
  int pos = call->n - first;
  if (pos > numPositional)
    return impErrorAt(im, call->items[first + numPositional]->col,
                      "%s takes %d positional arguments, got %d", what,
                      numPositional, pos);
  for (int i = 0; i < pos; ++i)
    vals[i] = call->items[first + i];
  for (int k = 0; k < call->nkw; ++k) {
    int p = -1;
    for (int i = 0; i < n && p < 0; ++i)
      if (strlen(names[i]) == call->kwLens[k] &&
          memcmp(names[i], call->kwNames[k], call->kwLens[k]) == 0)
        p = i;
    if (p < 0) {
      if (isDropped(call->kwNames[k], call->kwLens[k])) {
        if (!droppedValueOk(im, call->kwNames[k], call->kwLens[k], call->kwValues[k]))
          return false;
        continue;
      }
      return impErrorAt(im, call->kwValues[k]->col,
                        "keyword '%.*s' is not a parameter of %s",
                        (int)call->kwLens[k], call->kwNames[k], what);
    }
    if (vals[p])
      return impErrorAt(im, call->kwValues[k]->col,
                        "parameter '%s' of %s is given twice", names[p], what);
    vals[p] = call->kwValues[k];
  }
  return true;
}

static bool bindSchema(Imp *im, const PyExpr *call, int first,
                       const FxSchema *s, const PyExpr **vals) {
  const char *names[MAX_PARAMS];
  if (s->numArgs > MAX_PARAMS)
    return impErrorAt(im, call->col, "%s has more than %d parameters",
                      s->qualifiedName, MAX_PARAMS);
  int positional = 0;
  for (int i = 0; i < s->numArgs; ++i) {
    names[i] = s->args[i].name;
    positional += !s->args[i].kwargOnly;
  }
  return bindNames(im, call, first, names, s->numArgs, positional,
                   s->qualifiedName, vals);
}

/* Whether every keyword of `call` names a parameter of `s` (or is one of
 * the dropped keywords). */
static bool keywordsFit(const PyExpr *call, const FxSchema *s) {
  for (int k = 0; k < call->nkw; ++k)
    if (fxSchemaFindArg(s, call->kwNames[k], call->kwLens[k]) < 0 &&
        !isDropped(call->kwNames[k], call->kwLens[k]))
      return false;
  return true;
}

/* Binds to `s` or, when its keywords do not fit `s`, to the older version
 * of the op they fit (fx_schema_versions.def: only names differ, so the
 * values keep their positions and are passed under the current names). */
bool impBindVersions(Imp *im, const PyExpr *call, int first,
                         const FxSchema *s, const PyExpr **vals) {
  if (!keywordsFit(call, s)) {
    size_t len = strlen(s->qualifiedName);
    const FxSchema *v;
    for (int i = 0; (v = fxSchemaGetOldVersion(s->qualifiedName, len, i)); ++i)
      if (s == fxSchemaLookupBuiltin(s->qualifiedName, len) && keywordsFit(call, v))
        return bindSchema(im, call, first, v, vals);
  }
  return bindSchema(im, call, first, s, vals);
}

/*===-- Views, slices, splits -----------------------------------------------===*/

MlirAttribute impI64Attr(Imp *im, int64_t v) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(im->ctx, 64), v);
}

static bool intArg(Imp *im, const PyExpr *e, const char *param, int64_t dflt,
                   int64_t *out) {
  if (!e || e->kind == PY_NONE) {
    *out = dflt;
    return true;
  }
  if (e->kind != PY_INT)
    return impErrorAt(im, e->col, "parameter '%s' must be an integer", param);
  *out = e->i;
  return true;
}

/* A slice bound: an int, a SymInt node or None (`dflt`). */
bool impBoundArg(Imp *im, const PyExpr *e, int64_t dflt, MlirAttribute *out) {
  if (!e || e->kind == PY_NONE) {
    *out = impI64Attr(im, dflt);
    return true;
  }
  return impDimAttr(im, e, out);
}

static bool viewLike(Imp *im, const Stmt *st, Node *node, const PyExpr *call,
                     FxOpKind kind, const char *what) {
  static const char *const names[] = {"self", "size"};
  const PyExpr *v[2];
  if (!bindNames(im, call, 0, names, 2, 2, what, v))
    return false;
  if (!v[0] || !v[1])
    return impErrorAt(im, call->col, "%s needs 'self' and 'size'", what);
  MlirValue in;
  MlirAttribute shape;
  MlirType type;
  if (!impTensor(im, v[0], &in) || !impStmtTensorType(im, st->annot, "node", &type))
    return false;
  if (v[1]->kind != PY_LIST && v[1]->kind != PY_TUPLE)
    return impErrorAt(im, v[1]->col, "the shape of %s must be a list", what);
  MlirAttribute *dims = pyArenaAlloc(im->arena, (size_t)(v[1]->n + 1) * sizeof *dims);
  for (int i = 0; i < v[1]->n; ++i)
    if (!impDimAttr(im, v[1]->items[i], &dims[i]))
      return false;
  shape = mlirArrayAttrGet(im->ctx, v[1]->n, dims);
  MlirOperation op = fxReshapeOpCreate(st->loc, kind, in, type, shape);
  return defineTensor(im, node, op);
}

static bool viewOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  return viewLike(im, st, node, call, FX_OP_VIEW, "aten::view");
}
static bool reshapeOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  return viewLike(im, st, node, call, FX_OP_RESHAPE, "aten::reshape");
}
/* _unsafe_view views as view does (or fails); it differs only for autograd. */
static bool unsafeViewOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  return viewLike(im, st, node, call, FX_OP_VIEW, "aten::_unsafe_view");
}

static bool sliceParams(Imp *im, const PyExpr *const *v, int64_t *dim,
                        MlirAttribute *start, MlirAttribute *end, int64_t *step) {
  return intArg(im, v[0], "dim", 0, dim) && impBoundArg(im, v[1], 0, start) &&
         impBoundArg(im, v[2], INT64_MAX, end) && intArg(im, v[3], "step", 1, step);
}

static bool sliceOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  static const char *const names[] = {"self", "dim", "start", "end", "step"};
  const PyExpr *v[5];
  if (!bindNames(im, call, 0, names, 5, 5, "aten::slice.Tensor", v))
    return false;
  MlirValue in;
  MlirType type;
  int64_t dim, step;
  MlirAttribute start, end;
  if (!v[0])
    return impErrorAt(im, call->col, "aten::slice.Tensor needs 'self'");
  if (!impTensor(im, v[0], &in) || !impStmtTensorType(im, st->annot, "node", &type) ||
      !sliceParams(im, v + 1, &dim, &start, &end, &step))
    return false;
  MlirOperation op = fxSliceOpCreate(st->loc, in, type, dim, start, end, step);
  return defineTensor(im, node, op);
}

static bool scatterOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  static const char *const names[] = {"self", "src", "dim", "start", "end", "step"};
  const PyExpr *v[6];
  if (!bindNames(im, call, 0, names, 6, 6, "aten::slice_scatter", v))
    return false;
  MlirValue base, src;
  int64_t dim, step;
  MlirAttribute start, end;
  if (!v[0] || !v[1])
    return impErrorAt(im, call->col, "aten::slice_scatter needs 'self' and 'src'");
  if (!impTensor(im, v[0], &base) || !impTensor(im, v[1], &src) ||
      !sliceParams(im, v + 2, &dim, &start, &end, &step))
    return false;
  MlirOperation op = fxSliceScatterOpCreate(st->loc, base, src, dim, start, end, step);
  return defineTensor(im, node, op);
}

/* split_with_sizes(self, sizes, dim) and split.Tensor(self, size, dim): the
 * pieces become fx.slice ops where a getitem reads them. */
static bool splitOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call,
                    bool withSizes) {
  static const char *const names[] = {"self", "split_sizes", "dim"};
  static const char *const names1[] = {"self", "split_size", "dim"};
  const char *what = withSizes ? "aten::split_with_sizes" : "aten::split.Tensor";
  const PyExpr *v[3];
  if (!bindNames(im, call, 0, withSizes ? names : names1, 3, 3, what, v))
    return false;
  if (!v[0] || !v[1])
    return impErrorAt(im, call->col, "%s needs 'self' and the sizes", what);
  Val *val = &node->val;
  int64_t dim = 0;
  if (!impTensor(im, v[0], &val->input) || !intArg(im, v[2], "dim", 0, &dim))
    return false;
  intptr_t rank = fxTensorTypeGetRank(mlirValueGetType(val->input));
  if (dim < -rank || dim >= rank)
    return impErrorAt(im, v[2] ? v[2]->col : call->col,
                      "dim %lld is out of range for a rank-%d tensor",
                      (long long)dim, (int)rank);
  val->dim = dim < 0 ? dim + rank : dim;
  if (withSizes) {
    if (v[1]->kind != PY_LIST && v[1]->kind != PY_TUPLE)
      return impErrorAt(im, v[1]->col, "split sizes must be a list");
    val->numPieces = v[1]->n;
    val->starts = pyArenaAlloc(im->arena, (size_t)(v[1]->n + 1) * sizeof(int64_t));
    val->ends = pyArenaAlloc(im->arena, (size_t)(v[1]->n + 1) * sizeof(int64_t));
    int64_t at = 0;
    for (int i = 0; i < v[1]->n; ++i) {
      const PyExpr *e = v[1]->items[i];
      if (e->kind != PY_INT || e->i < 0)
        return impErrorAt(im, e->col,
                          "split sizes must be non-negative integers (a "
                          "symbolic split size is not supported yet)");
      val->starts[i] = at;
      if (__builtin_add_overflow(at, e->i, &at))
        return impErrorAt(im, e->col, "split sizes overflow int64");
      val->ends[i] = at;
    }
  } else {
    if (v[1]->kind != PY_INT || v[1]->i <= 0)
      return impErrorAt(im, v[1]->col,
                        "split size must be a positive integer (a symbolic "
                        "split size is not supported yet)");
    val->numPieces = -1;
    val->i = v[1]->i;
  }
  val->kind = VAL_SPLIT;
  (void)st;
  return true;
}

static bool splitWithSizesOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  return splitOp(im, st, node, call, true);
}
static bool splitTensorOp(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  return splitOp(im, st, node, call, false);
}

/* Ops that are not fx.calls: one row each. */
static const struct {
  const char *name;
  bool (*import)(Imp *, const Stmt *, Node *, const PyExpr *);
} kStructural[] = {
    {"aten::view", viewOp},
    {"aten::reshape", reshapeOp},
    {"aten::_unsafe_view", unsafeViewOp},
    {"aten::slice.Tensor", sliceOp},
    {"aten::slice_scatter", scatterOp},
    {"aten::split_with_sizes", splitWithSizesOp},
    {"aten::split.Tensor", splitTensorOp},
};

/*===-- getitem -------------------------------------------------------------===*/

bool impGetItem(Imp *im, const Stmt *st, Node *node) {
  const PyExpr *e = st->expr;
  if (e->base->kind != PY_NAME)
    return impErrorAt(im, e->base->col,
                      "a getitem reads a node by name (FX prints `node[i]`)");
  Node *base = impNodeOf(im, e->base);
  if (!base || base->val.kind == VAL_UNSET)
    return impErrorAt(im, e->base->col, "'%.*s' is not defined before this use",
                      (int)e->base->len, e->base->text);
  if (e->rhs->kind != PY_INT)
    return impErrorAt(im, e->rhs->col, "expected an integer index");
  int64_t idx = e->rhs->i;
  Val *b = &base->val;
  switch (b->kind) {
  case VAL_MULTI:
    if (idx < 0 || idx >= b->numSlots)
      return impErrorAt(im, e->rhs->col, "index %lld is out of range (%d results)",
                        (long long)idx, b->numSlots);
    if (b->slotLists && b->slotLists[idx]) { /* a list of new values */
      node->val = *b->slotLists[idx];
      return true;
    }
    if (b->slotValues ? mlirValueIsNull(b->slotValues[idx])
                      : b->slotToResult[idx] < 0) {
      node->val.kind = VAL_NONE;
      return true;
    }
    node->val.kind = VAL_TENSOR;
    node->val.value = b->slotValues ? b->slotValues[idx]
                                    : result(b->op, b->slotToResult[idx]);
    return true;
  case VAL_SPLIT: {
    if (idx < 0 && b->numPieces >= 0)
      idx += b->numPieces; /* Python's negative index */
    if (idx < 0 && b->numPieces < 0)
      return impErrorAt(im, e->rhs->col,
                        "negative index %lld into split.Tensor: the number of "
                        "pieces depends on the size, which fx-import does not "
                        "compute",
                        (long long)e->rhs->i);
    if (idx < 0 || (b->numPieces >= 0 && idx >= b->numPieces))
      return impErrorAt(im, e->rhs->col, "index %lld is out of range (%d pieces)",
                        (long long)e->rhs->i, b->numPieces);
    int64_t start, end;
    if (b->numPieces >= 0) {
      start = b->starts[idx];
      end = b->ends[idx];
    } else if (__builtin_mul_overflow(idx, b->i, &start) ||
               __builtin_add_overflow(start, b->i, &end)) {
      return impErrorAt(im, e->rhs->col, "piece bounds overflow int64");
    }
    MlirType type;
    if (!impStmtTensorType(im, st->annot, "piece", &type))
      return false;
    MlirOperation op = fxSliceOpCreate(st->loc, b->input, type, b->dim,
                                       impI64Attr(im, start), impI64Attr(im, end), 1);
    if (!impAppend(im, op))
      return false;
    node->val.kind = VAL_TENSOR;
    node->val.value = result(op, 0);
    return true;
  }
  default:
    return impErrorAt(im, e->base->col,
                      "'%.*s' has no items: getitem reads the results of an op "
                      "with several, or of a split",
                      (int)e->base->len, e->base->text);
  }
}

/* The type of FX tuple slot `index` of `node`, from its getitem's annotation;
 * a null type when no getitem reads it. */
bool impSlotType(Imp *im, Node *node, int64_t index, MlirType *type) {
  *type = (MlirType){NULL};
  for (GetItem *g = node->items; g; g = g->next) {
    if (g->index != index || !g->annot)
      continue;
    Val sym;
    if (!impAnnotation(im, im->stmt->line, g->annot, type, &sym))
      return false;
    if (mlirTypeIsNull(*type))
      return impErrorAt(im, im->stmt->col,
                        "result %lld of '%.*s' is a SymInt; fx calls return tensors",
                        (long long)index, (int)node->len, node->name);
    return true;
  }
  return true;
}

/*===-- Calls ---------------------------------------------------------------===*/

static bool addOperand(Imp *im, Built *b, const PyExpr *e, const char *name,
                       size_t len, int param) {
  if (b->n == FX_MAX_OPERANDS)
    return impErrorAt(im, e->col,
                      "more than %d tensor operands: fxir's calls have %d slots",
                      FX_MAX_OPERANDS, FX_MAX_OPERANDS);
  if (!impTensor(im, e, &b->operands[b->n]))
    return false;
  b->names[b->n] = mlirStringRefCreate(name, len);
  b->paramOfOperand[b->n] = param;
  ++b->n;
  return true;
}

static void addArg(Imp *im, Built *b, const char *name, size_t len,
                   MlirAttribute a) {
  b->args[b->numArgs++] = mlirNamedAttributeGet(
      mlirIdentifierGet(im->ctx, mlirStringRefCreate(name, len)), a);
}

MlirStringRef impElementName(Imp *im, const char *param, int64_t k) {
  char *item = pyArenaAlloc(im->arena, strlen(param) + 24);
  int len = sprintf(item, "%s[%lld]", param, (long long)k);
  return mlirStringRefCreate(item, (size_t)len);
}

/* Whether torch and fxir both lay `v` out row-major contiguous from its
 * storage's first element: a parameter declared contiguous, an
 * aten::empty, and an aten::clone (torch's preserves a contiguous input's
 * strides; auto_functionalized's clones too), fx.view or fx.reshape (both
 * views in torch then) of such a value.  The walk is bounded: past it,
 * "no". */
static bool isContiguousFromStart(Imp *im, MlirValue v) {
  for (int depth = 0; depth < 64; ++depth) {
    if (impDeclaredContiguous(im, v))
      return true;
    if (!mlirValueIsAOpResult(v))
      return false;
    MlirOperation def = mlirOpResultGetOwner(v);
    FxOpKind k = fxOpGetKind(def);
    if (k == FX_OP_CALL &&
        mlirStringRefEqual(fxCallGetTarget(def), IMP_STR("aten::empty")))
      return true;
    bool follow = k == FX_OP_VIEW || k == FX_OP_RESHAPE ||
                  (k == FX_OP_CALL &&
                   mlirStringRefEqual(fxCallGetTarget(def), IMP_STR("aten::clone")) &&
                   mlirOperationGetNumOperands(def) == 1);
    if (!follow)
      return false;
    v = mlirOperationGetOperand(def, 0);
  }
  return false;
}

/* Operands and args of a schema'd call from the bound values. */
bool impBuildSchemaArgs(Imp *im, const FxSchema *s, const PyExpr **vals,
                            Built *b) {
  for (int p = 0; p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p];
    const PyExpr *e = vals[p];
    if (!e)
      continue;
    if (a->kind == FX_ARG_TENSOR_LIST) {
      /* One operand per element, `y[0]`, `y[1]`, ... (docs/dialect.md);
       * an optional list passed None is left out. */
      if (e->kind == PY_NONE && a->optional)
        continue;
      if (e->kind != PY_LIST && e->kind != PY_TUPLE)
        return impErrorAt(im, e->col,
                          "parameter '%s' of %s is a list of tensors, and "
                          "this is not a list",
                          a->name, s->qualifiedName);
      if (e->n == 0)
        return impErrorAt(im, e->col,
                          "parameter '%s' of %s is an empty list of tensors, "
                          "which fx ops cannot pass (one element at least)",
                          a->name, s->qualifiedName);
      for (int k = 0; k < e->n; ++k) {
        MlirStringRef item = impElementName(im, a->name, k);
        if (!addOperand(im, b, e->items[k], item.data, item.length, p))
          return false;
      }
      continue;
    }
    if (a->kind == FX_ARG_TENSOR) {
      if (e->kind == PY_NONE) {
        if (!a->optional)
          return impErrorAt(im, e->col, "parameter '%s' of %s is not optional",
                            a->name, s->qualifiedName);
        continue;
      }
      if (!addOperand(im, b, e, a->name, strlen(a->name), p))
        return false;
      continue;
    }
    MlirAttribute attr;
    bool omit;
    if (!impArgAttr(im, e, a->kind, a->name, &attr, &omit))
      return false;
    if (!omit)
      addArg(im, b, a->name, strlen(a->name), attr);
  }
  return true;
}

MlirAttribute impDict(Imp *im, Built *b) {
  return mlirDictionaryAttrGet(im->ctx, b->numArgs, b->args);
}

bool impNoSchema(Imp *im, int col, const char *target) {
  return impErrorAt(im, col,
                    "no schema for %s: declare it with --schema-file (a "
                    "torch schema line, e.g. '%s(Tensor! out, Tensor x) -> ()')",
                    target, target);
}

bool impFunctionalizedClone(Imp *im, MlirLocation loc, MlirValue v,
                            MlirValue *clone) {
  MlirStringRef self = IMP_STR("self");
  MlirType t = mlirValueGetType(v);
  MlirOperation op = fxCallOpCreate(loc, FX_OP_CALL, IMP_STR("aten::clone"), 1,
                                    &v, &self, mlirDictionaryAttrGet(im->ctx, 0, NULL),
                                    1, &t);
  if (!mlirOperationIsNull(op))
    mlirOperationSetAttributeByName(op, IMP_STR(FX_ATTR_FUNCTIONALIZED),
                                    mlirUnitAttrGet(im->ctx));
  if (!impAppend(im, op))
    return false;
  *clone = mlirOperationGetResult(op, 0);
  return true;
}

bool impHopInPlaceCall(Imp *im, MlirLocation loc, const char *target, int n,
                       const MlirValue *operands, const MlirStringRef *names,
                       MlirAttribute args, int nret, const MlirType *types,
                       int numNew, Node *node) {
  MlirOperation op = fxCallOpCreate(loc, FX_OP_CALL, IMP_STR(target), n,
                                    operands, names, args, nret, types);
  if (!impAppend(im, op))
    return false;
  Val *val = &node->val;
  val->kind = VAL_MULTI;
  val->op = op;
  val->numSlots = (nret == 0 ? 1 : nret) + numNew;
  val->slotValues = pyArenaAlloc(im->arena, (size_t)val->numSlots * sizeof(MlirValue));
  for (int r = 0; r < nret; ++r)
    val->slotValues[r] = mlirOperationGetResult(op, r);
  return true;
}

bool impOwnReturnTypes(Imp *im, Node *node, const PyExpr *call,
                       const FxSchema *s, MlirType *types) {
  if (s->numReturns > FX_MAX_RESULTS)
    return impErrorAt(im, call->col, "more than %d results", FX_MAX_RESULTS);
  for (int r = 0; r < s->numReturns; ++r) {
    if (s->returns[r].kind != FX_ARG_TENSOR)
      return impErrorAt(im, call->col,
                        "%s returns a value of type %s; fx ops return tensors",
                        s->qualifiedName, fxArgKindName(s->returns[r].kind));
    if (!impSlotType(im, node, r, &types[r]))
      return false;
    if (mlirTypeIsNull(types[r]))
      return impErrorAt(im, call->col,
                        "return %d of %s is never read, so the dump does not "
                        "give its type",
                        r, s->qualifiedName);
  }
  return true;
}

/* auto_functionalized v1 of an op that mutates a tensor list, whose new
 * value is a list (fx.auto_functionalized has a result per mutated tensor,
 * none for a list element; dialect.md): expanded as torch defines v1 --
 * each mutated argument cloned (an `aten::clone` marked fx.functionalized,
 * as for v2, so fx-fix-functionalization may write the argument in place
 * instead), the op called in place on the clones -- with the clones as the
 * new values, a list of them for a list. */
static bool hopV1Expanded(Imp *im, const Stmt *st, Node *node,
                          const PyExpr *call, const FxSchema *s, Built *b,
                          const char *target) {
  int nret = s->numReturns;
  MlirType types[FX_MAX_RESULTS + 1];
  if (!impOwnReturnTypes(im, node, call, s, types))
    return false;
  MlirValue operands[FX_MAX_OPERANDS + 1];
  for (int k = 0; k < b->n; ++k) {
    operands[k] = b->operands[k];
    if (s->args[b->paramOfOperand[k]].mutated &&
        !impFunctionalizedClone(im, st->loc, operands[k], &operands[k]))
      return false;
  }
  /* Slots: the op's returns, then the new value of each mutated
   * parameter: its clone, or a list of its elements'. */
  if (!impHopInPlaceCall(im, st->loc, target, b->n, operands, b->names,
                         impDict(im, b), nret, types, fxSchemaNumMutated(s), node))
    return false;
  Val *val = &node->val;
  val->slotLists = pyArenaAlloc(im->arena, (size_t)val->numSlots * sizeof(Val *));
  int slot = (nret == 0 ? 1 : nret) - 1;
  for (int p = 0; p < s->numArgs; ++p) {
    if (!s->args[p].mutated)
      continue;
    ++slot;
    int count = 0;
    for (int k = 0; k < b->n; ++k)
      count += b->paramOfOperand[k] == p;
    if (s->args[p].kind != FX_ARG_TENSOR_LIST) {
      for (int k = 0; k < b->n; ++k)
        if (b->paramOfOperand[k] == p)
          val->slotValues[slot] = operands[k];
      continue;
    }
    Val *list = pyArenaAlloc(im->arena, sizeof *list);
    list->kind = VAL_MULTI;
    list->numSlots = count;
    list->slotValues = pyArenaAlloc(im->arena, (size_t)(count + 1) * sizeof(MlirValue));
    for (int k = 0, e = 0; k < b->n; ++k)
      if (b->paramOfOperand[k] == p)
        list->slotValues[e++] = operands[k];
    val->slotLists[slot] = list;
  }
  return true;
}

/* auto_functionalized(op, **kwargs) (v1): the op's returns, then the new
 * value of each mutated argument; slot 0 is None for an op returning (). */
static bool hopV1(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  char target[256];
  if (call->n < 1 || !impTargetOf(im, call->items[0], target, sizeof target))
    return impErrorAt(im, call->col,
                      "auto_functionalized's first argument must be an op "
                      "(torch.ops.ns.op.overload)");
  if (call->n > 1)
    return impErrorAt(im, call->items[1]->col,
                      "auto_functionalized passes the op's arguments as keywords");
  const FxSchema *s = impSchema(im, target, strlen(target));
  if (!s)
    return impNoSchema(im, call->items[0]->col, target);
  const PyExpr *vals[MAX_PARAMS];
  if (!impBindVersions(im, call, 1, s, vals)) {
    /* Say which names differ: the call prints every parameter. */
    char got[512] = "", want[512] = "";
    for (int k = 0; k < call->nkw; ++k)
      snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s",
               k ? ", " : "", (int)call->kwLens[k], call->kwNames[k]);
    for (int p = 0; p < s->numArgs; ++p)
      snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
               p ? ", " : "", s->args[p].name);
    bool fixed = fxSchemaBuiltinImpl(target, strlen(target)) != FX_IMPL_NONE &&
                 s == fxSchemaLookupBuiltin(target, strlen(target));
    snprintf(im->err->message + strlen(im->err->message),
             sizeof im->err->message - strlen(im->err->message),
             "; the call passes (%s) where fxir's schema has (%s): %s", got,
             want,
             fixed ? "the graph was made with a version of the op fxir does "
                     "not know, and fxir's own implementation fixes its "
                     "signature (dialect/fx_schema_versions.def lists the "
                     "versions it reads)"
                   : "declare the version of the op the graph was made with "
                     "in --schema-file");
    return false;
  }
  Built b = {0};
  if (!impBuildSchemaArgs(im, s, vals, &b))
    return false;
  int nret = s->numReturns;
  for (int r = 0; r < nret; ++r)
    if (s->returns[r].kind != FX_ARG_TENSOR)
      return impErrorAt(im, call->col,
                        "%s returns a value of type %s; fx ops return tensors",
                        s->qualifiedName, fxArgKindName(s->returns[r].kind));
  for (int k = 0; k < b.n; ++k)
    if (s->args[b.paramOfOperand[k]].mutated &&
        s->args[b.paramOfOperand[k]].kind == FX_ARG_TENSOR_LIST)
      return hopV1Expanded(im, st, node, call, s, &b, target);
  int offset = nret == 0 ? 1 : nret;
  int numMutated = fxSchemaNumMutated(s);
  Val *val = &node->val;
  val->numSlots = offset + numMutated;
  val->slotToResult = pyArenaAlloc(im->arena, (size_t)val->numSlots * sizeof(int));
  MlirType types[FX_MAX_RESULTS + 1];
  int nres = 0;
  for (int t = 0; t < offset; ++t) {
    val->slotToResult[t] = t < nret ? t : -1;
    if (t >= nret)
      continue;
    MlirType ty;
    if (!impSlotType(im, node, t, &ty))
      return false;
    if (mlirTypeIsNull(ty))
      return impErrorAt(im, call->col,
                        "return %d of %s is never read, so the dump does not "
                        "give its type",
                        t, s->qualifiedName);
    if (nres == FX_MAX_RESULTS)
      return impErrorAt(im, call->col, "more than %d results", FX_MAX_RESULTS);
    types[nres++] = ty;
  }
  int slot = offset;
  for (int p = 0; p < s->numArgs; ++p) {
    if (!s->args[p].mutated)
      continue;
    if (s->args[p].kind != FX_ARG_TENSOR) {
      /* A mutated tensor list left out: its slot is None (given, it is an
       * error above). */
      val->slotToResult[slot++] = -1;
      continue;
    }
    int operand = -1;
    for (int k = 0; k < b.n; ++k)
      if (b.paramOfOperand[k] == p)
        operand = k;
    if (operand < 0) {
      val->slotToResult[slot++] = -1;
      continue;
    }
    if (nres == FX_MAX_RESULTS)
      return impErrorAt(im, call->col, "more than %d results", FX_MAX_RESULTS);
    val->slotToResult[slot++] = nres;
    types[nres++] = mlirValueGetType(b.operands[operand]);
  }
  MlirOperation op = fxCallOpCreate(st->loc, FX_OP_AUTO_FUNCTIONALIZED,
                                    IMP_STR(target), b.n, b.operands, b.names,
                                    impDict(im, &b), nres, types);
  if (!impAppend(im, op))
    return false;
  val->kind = VAL_MULTI;
  val->op = op;
  return true;
}

/* The result types of a call node: its own annotation (one result), the
 * annotations of its getitems (several), or none when nothing reads it. */
static bool callResults(Imp *im, const Stmt *st, Node *node, int expected,
                        MlirType *types, int *nres, bool *multi) {
  *multi = false;
  *nres = 0;
  if (st->annot) {
    if (expected >= 0 && expected != 1)
      return impErrorAt(im, st->col, "the op returns %d tensors, the node is "
                        "annotated as one", expected);
    if (!impStmtTensorType(im, st->annot, "node", &types[0]))
      return false;
    *nres = 1;
    return true;
  }
  int64_t count = expected;
  if (count < 0) {
    count = 0;
    for (GetItem *g = node->items; g; g = g->next) {
      if (g->index < 0 || g->index >= FX_MAX_RESULTS)
        return impErrorAt(im, st->col,
                          "a getitem reads result %lld of '%.*s': fx calls have "
                          "results 0 to %d",
                          (long long)g->index, (int)st->len, st->name,
                          FX_MAX_RESULTS - 1);
      if (g->index + 1 > count)
        count = g->index + 1;
    }
    if (count == 0 && node->uses > 0)
      return impErrorAt(im, st->col,
                        "node '%.*s' is used but has no type annotation",
                        (int)st->len, st->name);
  }
  if (count > FX_MAX_RESULTS)
    return impErrorAt(im, st->col, "more than %d results", FX_MAX_RESULTS);
  if (count == 1 && expected == 1 && !node->items && node->uses > 0)
    return impErrorAt(im, st->col, "node '%.*s' has no type annotation",
                      (int)st->len, st->name);
  for (int64_t i = 0; i < count; ++i) {
    if (!impSlotType(im, node, i, &types[i]))
      return false;
    if (mlirTypeIsNull(types[i]))
      return impErrorAt(im, st->col,
                        "result %lld of '%.*s' has no annotated getitem, so "
                        "the dump does not give its type",
                        (long long)i, (int)st->len, st->name);
  }
  *nres = (int)count;
  *multi = count > 1 || node->items;
  return true;
}

static bool finishCall(Imp *im, Node *node, MlirOperation op, int nres,
                       bool multi) {
  if (!impAppend(im, op))
    return false;
  Val *val = &node->val;
  if (multi) {
    val->kind = VAL_MULTI;
    val->op = op;
    val->numSlots = nres;
    val->slotToResult = pyArenaAlloc(im->arena, (size_t)(nres + 1) * sizeof(int));
    for (int i = 0; i < nres; ++i)
      val->slotToResult[i] = i;
  } else if (nres == 1) {
    val->kind = VAL_TENSOR;
    val->value = result(op, 0);
  } else {
    val->kind = VAL_NONE;
  }
  return true;
}

/* A call of an op without a schema: operands named by keyword or by
 * position (`arg0`, `arg1[2]` for list items), non-tensors in args. */
static bool looseCall(Imp *im, const Stmt *st, Node *node, const PyExpr *call,
                      const char *target) {
  Built b = {0};
  for (int i = 0; i < call->n + call->nkw; ++i) {
    const PyExpr *e = i < call->n ? call->items[i] : call->kwValues[i - call->n];
    char *name = pyArenaAlloc(im->arena, 32 + (i < call->n ? 0 : call->kwLens[i - call->n]));
    if (i < call->n)
      snprintf(name, 32, "arg%d", i);
    else if (isDropped(call->kwNames[i - call->n], call->kwLens[i - call->n])) {
      if (!droppedValueOk(im, call->kwNames[i - call->n], call->kwLens[i - call->n], e))
        return false;
      continue;
    }
    else
      memcpy(name, call->kwNames[i - call->n], call->kwLens[i - call->n]);
    Node *n = impNodeOf(im, e);
    if (n && n->val.kind == VAL_TENSOR) {
      if (!addOperand(im, &b, e, name, strlen(name), -1))
        return false;
      continue;
    }
    if ((e->kind == PY_LIST || e->kind == PY_TUPLE) && e->n > 0) {
      Node *first = impNodeOf(im, e->items[0]);
      if (first && first->val.kind == VAL_TENSOR) {
        for (int k = 0; k < e->n; ++k) {
          char *item = pyArenaAlloc(im->arena, strlen(name) + 24);
          sprintf(item, "%s[%d]", name, k);
          if (!addOperand(im, &b, e->items[k], item, strlen(item), -1))
            return false;
        }
        continue;
      }
    }
    if (b.numArgs == MAX_PARAMS)
      return impErrorAt(im, e->col, "more than %d arguments", MAX_PARAMS);
    MlirAttribute a;
    bool omit;
    if (!impLooseAttr(im, e, name, &a, &omit))
      return false;
    if (!omit)
      addArg(im, &b, name, strlen(name), a);
  }
  MlirType types[FX_MAX_RESULTS + 1];
  int nres;
  bool multi;
  if (!callResults(im, st, node, -1, types, &nres, &multi))
    return false;
  MlirOperation op = fxCallOpCreate(st->loc, FX_OP_CALL, IMP_STR(target), b.n,
                                    b.operands, b.names, impDict(im, &b), nres, types);
  return finishCall(im, node, op, nres, multi);
}

/* A number passed to a Tensor parameter is torch's wrapped scalar; fxir
 * imports it as the op's `.Scalar` overload, which takes it as a Scalar. */
static const FxSchema *scalarOverload(Imp *im, const FxSchema *s,
                                      const PyExpr **vals, char *target,
                                      size_t size) {
  bool wrapped = false;
  for (int p = 0; p < s->numArgs; ++p)
    wrapped |= vals[p] && s->args[p].kind == FX_ARG_TENSOR &&
               (vals[p]->kind == PY_INT || vals[p]->kind == PY_FLOAT);
  const char *dot = strrchr(target, '.');
  if (!wrapped || !dot || strcmp(dot, ".Tensor") != 0)
    return NULL;
  char alt[256];
  snprintf(alt, sizeof alt, "%.*s.Scalar", (int)(dot - target), target);
  const FxSchema *t = impSchema(im, alt, strlen(alt));
  if (t)
    snprintf(target, size, "%s", alt);
  return t;
}

bool impCall(Imp *im, const Stmt *st, Node *node) {
  const PyExpr *call = st->expr;
  const PyExpr *callee = call->base;
  if (pyIsName(callee, "torch.ops.higher_order.auto_functionalized") ||
      pyIsName(callee, "torch._higher_order_ops.auto_functionalize.auto_functionalized"))
    return hopV1(im, st, node, call);
  if (pyIsName(callee, "torch.ops.higher_order.auto_functionalized_v2") ||
      pyIsName(callee, "torch._higher_order_ops.auto_functionalize.auto_functionalized_v2"))
    return impHopV2(im, st, node, call);
  if (pyIsName(callee, "operator.getitem") && call->n == 2) {
    Stmt alt = *st;
    PyExpr sub = {0};
    sub.kind = PY_SUBSCRIPT;
    sub.col = call->col;
    sub.base = call->items[0];
    sub.rhs = call->items[1];
    alt.expr = &sub;
    return impGetItem(im, &alt, node);
  }
  if (callee->kind == PY_NAME && callee->len > 5 && memcmp(callee->text, "self.", 5) == 0)
    return impErrorAt(im, callee->col,
                      "calling a submodule ('%.*s') is not supported yet",
                      (int)callee->len, callee->text);
  char target[256];
  if (!impTargetOf(im, callee, target, sizeof target)) {
    if (im->failed)
      return false;
    return impErrorAt(im, callee->col,
                      "unsupported callee '%.*s': fx-import reads torch.ops "
                      "calls and auto_functionalized",
                      callee->kind == PY_NAME ? (int)callee->len : 1,
                      callee->kind == PY_NAME ? callee->text : "?");
  }
  for (size_t i = 0; i < sizeof kStructural / sizeof *kStructural; ++i)
    if (strcmp(target, kStructural[i].name) == 0)
      return kStructural[i].import(im, st, node, call);
  const FxSchema *s = impSchema(im, target, strlen(target));
  if (!s)
    return looseCall(im, st, node, call, target);
  const PyExpr *vals[MAX_PARAMS];
  if (!impBindVersions(im, call, 0, s, vals))
    return false;
  const FxSchema *alt = scalarOverload(im, s, vals, target, sizeof target);
  if (alt) {
    s = alt;
    if (!bindSchema(im, call, 0, s, vals))
      return false;
  }
  for (int p = 0; p < s->numArgs; ++p)
    if (vals[p] && s->args[p].kind == FX_ARG_TENSOR &&
        (vals[p]->kind == PY_INT || vals[p]->kind == PY_FLOAT || vals[p]->kind == PY_BOOL))
      return impErrorAt(im, vals[p]->col,
                        "a number passed to Tensor parameter '%s' of %s (torch's "
                        "wrapped scalar), which has no .Scalar overload in "
                        "fxir's table",
                        s->args[p].name, s->qualifiedName);
  Built b = {0};
  if (!impBuildSchemaArgs(im, s, vals, &b))
    return false;
  int nret = 0;
  for (int r = 0; r < s->numReturns; ++r) {
    if (s->returns[r].kind != FX_ARG_TENSOR)
      return impErrorAt(im, call->col,
                        "%s returns a value of type %s; fx ops return tensors",
                        s->qualifiedName, fxArgKindName(s->returns[r].kind));
    ++nret;
  }
  MlirType types[FX_MAX_RESULTS + 1];
  int nres = 0;
  bool multi = false;
  if (nret == 1 && !st->annot && s->returns[0].alias[0] && s->returns[0].mutated) {
    /* `Tensor(a!)` (copy_): the argument it writes and returns.  A view's
     * `Tensor(a)` may have another shape (t, permute): it needs the dump's
     * annotation. */
    for (int k = 0; k < b.n && !nres; ++k) {
      const FxSchemaArg *a = &s->args[b.paramOfOperand[k]];
      if (strcmp(a->alias, s->returns[0].alias) == 0) {
        types[0] = mlirValueGetType(b.operands[k]);
        nres = 1;
      }
    }
  }
  if (!nres && nret > 0 && !callResults(im, st, node, nret, types, &nres, &multi))
    return false;
  if (nret == 0 && st->annot)
    return impErrorAt(im, st->col, "%s returns nothing, the node is annotated",
                      s->qualifiedName);
  /* as_strided addresses the input's storage through torch's layout of it;
   * fxir's layout of a result may differ (dialect.md, "Layouts").  Values
   * contiguous from their storage's first element in torch as in fxir
   * (what fx-export writes for v2's views is a clone of a parameter; FSDP
   * views a clone of an empty) are laid out alike. */
  if (strcmp(s->qualifiedName, "aten::as_strided") == 0 && b.n == 1 &&
      !isContiguousFromStart(im, b.operands[0]))
    return impErrorAt(im, call->col,
                      "aten::as_strided of a value not known to be "
                      "contiguous from its storage's start (a parameter "
                      "declared contiguous, an aten::empty, or a clone, "
                      "view or reshape of one): torch computes it from the "
                      "input's layout, which fx-import knows only there");
  MlirOperation op = fxCallOpCreate(st->loc, FX_OP_CALL, IMP_STR(target), b.n,
                                    b.operands, b.names, impDict(im, &b), nres, types);
  return finishCall(im, node, op, nres, multi);
}
