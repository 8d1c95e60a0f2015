/* Layout.c - what the passes know about layouts (see Layout.h). */
#include "Layout.h"
#include "Alias.h"
#include "ValueStack.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdlib.h>
#include <string.h>

static MlirType typeOf(MlirValue v) { return mlirValueGetType(v); }


void fxLayoutsInit(FxLayouts *l, FxSchemaTable *table) {
  l->table = table;
  fxPtrMapInit(&l->memo, 256); /* (on failure: nothing remembered) */
}

void fxLayoutsFree(FxLayouts *l) { fxPtrMapFree(&l->memo); }

void fxLayoutsForget(FxLayouts *l) {
  if (l->memo.slots)
    fxPtrMapClear(&l->memo);
  else
    fxPtrMapInit(&l->memo, 256); /* (on failure: nothing remembered) */
}

/* One step of "does `v` have row-major contiguous layout for sure?": 0 no,
 * 1 yes, 2 "as *next" (a view keeping whole rows, a scatter, the new value
 * of a mutated operand).  Call results are new contiguous tensors unless
 * their schema return carries an alias set (aten copy_); functionalized
 * values keep their operand's layout; arguments have the layout their
 * fx.strides declare, any layout without. */
static int contiguityStep(MlirValue v, FxSchemaTable *table, MlirValue *next) {
  if (!mlirValueIsAOpResult(v)) {
    /* An argument: what its fx.strides promise (the entry checks them). */
    FxDim strides[FX_MAX_RANK];
    intptr_t n = fxArgumentGetStrides(v, strides, FX_MAX_RANK);
    return n >= 0 && n == fxTensorTypeGetRank(typeOf(v)) &&
           fxStridesAreContiguous(typeOf(v), strides);
  }
  MlirOperation def = mlirOpResultGetOwner(v);
  intptr_t index = mlirOpResultGetResultNumber(v);
  FxOpKind kind = fxOpGetKind(def);
  *next = kind == FX_OP_CALL || kind == FX_OP_AUTO_FUNCTIONALIZED
              ? (MlirValue){NULL}
              : mlirOperationGetOperand(def, 0);
  switch (kind) {
  case FX_OP_RESHAPE:
  case FX_OP_VIEW:
    return 2;
  case FX_OP_SLICE_SCATTER:
    /* The runtime allocates it, but fx-noop-elimination may replace a
     * full-cover scatter by its source and fix a scatter-back by its base:
     * either layout, and an answer remembered for the values below it
     * must hold after both (round 7: the base's alone went stale). */
    return 0;
  case FX_OP_SLICE: {
    /* Contiguous when it keeps whole rows: a step-1 slice of the outermost
     * dim, or one whose outer dims are all 1. */
    bool ok1, ok2;
    int64_t dim = fxOpGetIntAttr(def, "dim", &ok1),
            step = fxOpGetIntAttr(def, "step", &ok2);
    intptr_t rank = fxTensorTypeGetRank(typeOf(*next));
    if (!ok1 || !ok2 || step != 1)
      return 0;
    if (dim < 0)
      dim += rank;
    for (intptr_t i = 0; i < dim; ++i)
      if (fxTensorTypeGetDim(typeOf(*next), i).size != 1)
        return 0;
    return 2;
  }
  case FX_OP_CALL:
  case FX_OP_AUTO_FUNCTIONALIZED: {
    const FxSchema *s = fxSchemaTableLookupCall(table, def, NULL);
    if (!s)
      return 0;
    int returned = 0;
    for (int i = 0; i < s->numReturns; ++i)
      if (s->returns[i].kind == FX_ARG_TENSOR) {
        if (returned++ == index)
          return s->returns[i].alias[0] == 0;
      }
    /* The new value of a mutated operand: laid out like the operand. */
    *next = fxAutoFunctionalizedGetMutatedOperand(def, s, index);
    return mlirValueIsNull(*next) ? 0 : 2;
  }
  default:
    return 0;
  }
}

/* contiguityStep followed to the end, remembering the answer for every
 * value on the way: a chain of 20,000 reshapes is walked once. */
bool fxKnownContiguous(FxLayouts *l, MlirValue v) {
  /* The values on the way, the first kPath of them, so that remembering
   * the answer does not take each step again (half of what this cost). */
  enum { kPath = 32 };
  MlirValue path[kPath];
  size_t n = 0;
  bool longer = false; /* a value past the path was stepped */
  intptr_t known;
  int answer = 0;
  MlirValue cur = v, next;
  for (;;) {
    if (fxPtrMapGet(&l->memo, cur.ptr, &known)) {
      answer = (int)known;
      break;
    }
    if (n < kPath)
      path[n++] = cur;
    else
      longer = true;
    answer = contiguityStep(cur, l->table, &next);
    if (answer != 2)
      break;
    cur = next;
  }
  for (size_t i = 0; i < n; ++i)
    fxPtrMapPut(&l->memo, path[i].ptr, answer); /* (fails: not kept) */
  if (!longer)
    return answer;
  /* The rest step by step again, from the value after the path's last
   * (which stepped on to it). */
  contiguityStep(path[kPath - 1], l->table, &next);
  for (cur = next; !fxPtrMapGet(&l->memo, cur.ptr, &known);) {
    fxPtrMapPut(&l->memo, cur.ptr, answer);
    if (contiguityStep(cur, l->table, &next) != 2)
      break;
    cur = next;
  }
  return answer;
}

static bool isOne(FxDim d) { return !d.symbol.length && d.size == 1; }

/* Matches dims of `a` to runs of dims of `b` with the same product, dims of
 * size 1 on either side aside: a symbolic dim to the same symbol or
 * expression, a static one to static dims multiplying to it. */
bool fxReshapeOnlySplits(MlirType in, MlirType out) {
  FxDim a[FX_MAX_RANK], b[FX_MAX_RANK];
  intptr_t ra = fxTensorTypeGetDims(in, a, FX_MAX_RANK);
  intptr_t rb = fxTensorTypeGetDims(out, b, FX_MAX_RANK);
  if (ra > FX_MAX_RANK || rb > FX_MAX_RANK)
    return false;
  for (intptr_t i = 0; i < ra; ++i)
    if (!a[i].symbol.length && a[i].size == 0)
      return true; /* an empty tensor views as anything (torch) */
  intptr_t i = 0, j = 0;
  for (;;) {
    while (i < ra && isOne(a[i]))
      ++i;
    while (j < rb && isOne(b[j]))
      ++j;
    if (i == ra || j == rb)
      return i == ra && j == rb;
    if (a[i].symbol.length) {
      if (!fxDimEqual(a[i], b[j]))
        return false;
      ++i, ++j;
      continue;
    }
    int64_t product = 1;
    while (j < rb && product < a[i].size && !b[j].symbol.length &&
           b[j].size > 0 && b[j].size <= a[i].size / product)
      product *= b[j++].size;
    if (product != a[i].size)
      return false;
    ++i;
  }
}

static bool isFuncReturn(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 11 && memcmp(n.data, "func.return", 11) == 0;
}

/* Whether `user` is what the view walk (reshapes false) or the reshape
 * walk looks for (hasUse).  An op
 * fxir does not know (func.call) counts: its callee may view or reshape
 * the operand, where the passes cannot see.  A func.return does not: a
 * result's layout is not part of a function's contract (docs/passes.md). */
static bool isAsStrided(MlirOperation op) {
  return fxOpGetKind(op) == FX_OP_CALL &&
         mlirStringRefEqual(fxCallGetTarget(op),
                            mlirStringRefCreateFromCString("aten::as_strided"));
}

static bool isSought(MlirOperation user, bool reshapes) {
  FxOpKind k = fxOpGetKind(user);
  /* as_strided is the one torch view op whose result depends on the
   * input's strides, not only on its elements. */
  if (k == FX_OP_VIEW || (k == FX_OP_NONE && !isFuncReturn(user)) ||
      isAsStrided(user))
    return true;
  return reshapes && k == FX_OP_RESHAPE &&
         !mlirTypeEqual(mlirValueGetType(mlirOperationGetOperand(user, 0)),
                        mlirValueGetType(mlirOperationGetResult(user, 0)));
}

enum { kMaxFollowed = FX_LAYOUT_MAX_FOLLOWED }; /* per walk (Layout.h) */

/* The walk of fxHasViewUse, which also answers the reshape question of
 * fxHasViewOrReshapeUse (into *reshape, when not null): the reshape walk stops at its first hit, and
 * every op before that hit is one neither walk seeks, so both walks take
 * the same steps up to it (pushes, the kMaxFollowed count, running out of
 * memory), and the view walk sees that hit first among its reshape-or-view
 * hits.  A hit of the view walk is one of the reshape walk: when it stops,
 * both answers are known. */
static bool hasUse(MlirValue v, FxSchemaTable *table, MlirOperation *view,
                   FxLayoutUse *reshape) {
  FxValueStack stack;
  fxValueStackInit(&stack);
  fxValueStackPush(&stack, v); /* (fits in the record) */
  *view = (MlirOperation){NULL};
  if (reshape)
    *reshape = (FxLayoutUse){false, {NULL}};
  bool found = false; /* also when out of memory: "there may be one" */
  int followed = 0;
  while (!fxValueStackEmpty(&stack) && !found) {
    MlirValue cur = fxValueStackPop(&stack);
    for (MlirOpOperand use = mlirValueGetFirstUse(cur);
         !mlirOpOperandIsNull(use) && !found; use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      if (isSought(user, false)) {
        *view = user;
        found = true;
        break;
      }
      if (reshape && !reshape->found && isSought(user, true))
        *reshape = (FxLayoutUse){true, user}; /* and on, for the view walk */
      if (fxOpIsViewLike(user)) {
        found = !fxValueStackPush(&stack, mlirOperationGetResult(user, 0));
      } else if (fxUseMayComeBack(use, table)) {
        /* Its results may be `cur` again (copy_'s self): follow them all.
         * An op taking `v` twice is reached twice, so diamonds of such ops
         * could make the walk exponential: past kMaxFollowed results it
         * answers "there may be one". */
        for (intptr_t r = 0, nr = mlirOperationGetNumResults(user);
             r < nr && !found; ++r)
          found = ++followed > kMaxFollowed ||
                  !fxValueStackPush(&stack, mlirOperationGetResult(user, r));
      }
    }
  }
  fxValueStackFree(&stack);
  /* The view walk's stop (a hit, or "may be one" with no op) is the
   * reshape walk's too unless that one stopped before. */
  if (reshape && found && !reshape->found)
    *reshape = (FxLayoutUse){true, *view};
  return found;
}

bool fxHasViewUse(MlirValue v, FxSchemaTable *table, MlirOperation *view) {
  return hasUse(v, table, view, NULL);
}

bool fxHasViewOrReshapeUse(MlirValue v, FxSchemaTable *table,
                           MlirOperation *view, FxLayoutUse *reshape) {
  return hasUse(v, table, view, reshape);
}

const char *fxLayoutUseKind(MlirOperation op) {
  switch (fxOpGetKind(op)) {
  case FX_OP_VIEW:
    return "fx.view";
  case FX_OP_RESHAPE:
    return "fx.reshape";
  case FX_OP_CALL: /* isSought finds no other call */
    if (isAsStrided(op))
      return "aten::as_strided";
    /* fall through */
  default:
    return "a call whose callee may view or reshape it";
  }
}
