/* Alias.c - storage aliasing facts the fx passes share (see Alias.h). */
#include "Alias.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool fxOpIsViewLike(MlirOperation op) {
  FxOpKind k = fxOpGetKind(op);
  return k == FX_OP_RESHAPE || k == FX_OP_VIEW || k == FX_OP_SLICE;
}

MlirValue fxStorageRoot(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!fxOpIsViewLike(def))
      break;
    v = mlirOperationGetOperand(def, 0);
  }
  return v;
}

bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema,
                         intptr_t i) {
  if (fxOpGetKind(op) != FX_OP_CALL)
    return false;
  if (!schema)
    return true;
  int p = fxCallGetOperandParam(op, schema, i);
  return p < 0 || schema->args[p].mutated;
}

/* Depth-first walk over `v` and the values derived from it by view-like ops,
 * calling `visit` on every use until it returns true. */
typedef bool (*UseVisitor)(MlirOpOperand use, void *userData);

static bool anyUse(MlirValue v, UseVisitor visit, void *userData) {
  size_t n = 0, cap = 16;
  MlirValue *stack = malloc(cap * sizeof *stack);
  if (!stack)
    return true; /* out of memory: answer "yes", the conservative side */
  stack[n++] = v;
  bool found = false;
  while (n && !found) {
    MlirValue cur = stack[--n];
    for (MlirOpOperand use = mlirValueGetFirstUse(cur);
         !mlirOpOperandIsNull(use) && !found;
         use = mlirOpOperandGetNextUse(use)) {
      found = visit(use, userData);
      MlirOperation owner = mlirOpOperandGetOwner(use);
      if (found || !fxOpIsViewLike(owner))
        continue;
      if (n == cap) {
        MlirValue *grown = realloc(stack, 2 * cap * sizeof *stack);
        if (!grown) {
          found = true;
          break;
        }
        stack = grown;
        cap *= 2;
      }
      stack[n++] = mlirOperationGetResult(owner, 0);
    }
  }
  free(stack);
  return found;
}

typedef struct WriteQuery {
  MlirOperation after, found;
  FxSchemaTable *table;
} WriteQuery;

static bool isLaterWrite(MlirOpOperand use, void *userData) {
  WriteQuery *q = userData;
  MlirOperation owner = mlirOpOperandGetOwner(use);
  if (fxOpGetKind(owner) != FX_OP_CALL)
    return false;
  const FxSchema *s = fxSchemaTableLookup(q->table, fxCallGetTarget(owner));
  if (!fxCallWritesOperand(owner, s, mlirOpOperandGetOperandNumber(use)))
    return false;
  bool sameBlock = mlirBlockEqual(mlirOperationGetBlock(owner),
                                  mlirOperationGetBlock(q->after));
  if (sameBlock && !mlirOperationIsBeforeInBlock(q->after, owner))
    return false;
  q->found = owner;
  return true;
}

MlirOperation fxFindWriteAfter(MlirValue v, MlirOperation after,
                               FxSchemaTable *table) {
  WriteQuery q = {after, {NULL}, table};
  anyUse(v, isLaterWrite, &q);
  return q.found;
}

/* Whether call-like `op`'s schema returns an alias of an argument. */
static bool returnsAlias(MlirOperation op, FxSchemaTable *table) {
  FxOpKind k = fxOpGetKind(op);
  if (k != FX_OP_CALL && k != FX_OP_AUTO_FUNCTIONALIZED)
    return false;
  const FxSchema *s = fxSchemaTableLookup(table, fxCallGetTarget(op));
  for (int i = 0; s && i < s->numReturns; ++i)
    if (s->returns[i].alias[0])
      return true;
  return false;
}

typedef struct AliasQuery {
  FxSchemaTable *table;
  MlirOperation exempt;
} AliasQuery;

static bool isAliasingCall(MlirOpOperand use, void *userData) {
  AliasQuery *q = userData;
  MlirOperation owner = mlirOpOperandGetOwner(use);
  if (!mlirOperationIsNull(q->exempt) && mlirOperationEqual(owner, q->exempt))
    return false;
  return returnsAlias(owner, q->table);
}

static MlirWalkResult findAliasingCall(MlirOperation op, void *userData) {
  FxReturnedAliases *a = userData;
  a->any = returnsAlias(op, a->table);
  return a->any ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

FxReturnedAliases fxReturnedAliasesOf(MlirOperation func, FxSchemaTable *table) {
  FxReturnedAliases a = {table, false};
  mlirOperationWalk(func, findAliasingCall, &a, MlirWalkPreOrder);
  return a;
}

bool fxHasReturnedAlias(const FxReturnedAliases *aliases, MlirValue root,
                        MlirOperation exempt) {
  if (!aliases->any)
    return false;
  if (mlirValueIsAOpResult(root) &&
      returnsAlias(mlirOpResultGetOwner(root), aliases->table))
    return true;
  AliasQuery q = {aliases->table, exempt};
  return anyUse(root, isAliasingCall, &q);
}

static bool isReturn(MlirOpOperand use, void *userData) {
  MlirStringRef name =
      mlirIdentifierStr(mlirOperationGetName(mlirOpOperandGetOwner(use)));
  return name.length == 11 && memcmp(name.data, "func.return", 11) == 0;
}

bool fxReachesReturn(MlirValue v) { return anyUse(v, isReturn, NULL); }

intptr_t fxFunctionArgIndex(MlirValue v) {
  if (!mlirValueIsABlockArgument(v))
    return -1;
  MlirOperation parent = mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(parent));
  if (name.length != 9 || memcmp(name.data, "func.func", 9) != 0)
    return -1;
  return mlirBlockArgumentGetArgNumber(v);
}

/*===-- Regions ----------------------------------------------------------===*/

static const int64_t kToTheEnd = INT64_MAX / 2; /* torch's "end" sentinel */

static FxRegion wholeRegion(MlirValue root) {
  FxRegion r = {root, 0, {{0}}};
  FxDim dims[FX_REGION_MAX_RANK];
  intptr_t rank = fxTensorTypeGetDims(mlirValueGetType(root), dims,
                                      FX_REGION_MAX_RANK);
  r.rank = rank <= FX_REGION_MAX_RANK ? (int)rank : -1; /* -1: unknown */
  for (int i = 0; i < r.rank; ++i) {
    /* A symbolic size is "to the end": bounds below are still exact. */
    int64_t hi = dims[i].symbol.length ? INT64_MAX : dims[i].size;
    r.dims[i] = (FxInterval){true, 0, hi, 1};
  }
  return r;
}

static void makeUnknown(FxRegion *r) {
  for (int i = 0; i < r->rank; ++i)
    r->dims[i].known = false;
  if (r->rank < 0)
    r->rank = -1;
}

void fxRegionSlice(FxRegion *r, int64_t dim, MlirAttribute start,
                   MlirAttribute end, int64_t step) {
  if (dim < 0 || dim >= r->rank || !r->dims[dim].known)
    return;
  FxInterval *iv = &r->dims[dim];
  if (!mlirAttributeIsAInteger(start) || !mlirAttributeIsAInteger(end) ||
      step < 1) {
    iv->known = false;
    return;
  }
  int64_t s = mlirIntegerAttrGetValueInt(start);
  int64_t e = mlirIntegerAttrGetValueInt(end);
  /* Current extent in elements of the sliced view along this dim. */
  int64_t extent = iv->hi == INT64_MAX
                       ? INT64_MAX
                       : (iv->hi - iv->lo + iv->step - 1) / iv->step;
  if (s < 0 || e < 0) { /* from the end: needs a static extent */
    if (extent == INT64_MAX) {
      iv->known = false;
      return;
    }
    if (s < 0)
      s = s + extent < 0 ? 0 : s + extent;
    if (e < 0)
      e = e + extent < 0 ? 0 : e + extent;
  }
  if (e >= kToTheEnd || e > extent)
    e = extent;
  if (s > e)
    s = e;
  /* Overflow-safe: lo + s*step within int64 for any real tensor. */
  int64_t lo = iv->lo + s * iv->step;
  int64_t hi = e == INT64_MAX ? iv->hi : iv->lo + e * iv->step;
  if (hi > iv->hi)
    hi = iv->hi;
  *iv = (FxInterval){true, lo, hi, iv->step * step};
}

FxRegion fxRegionOf(MlirValue v) {
  /* Collect the view chain from v up to its root, then apply it downwards. */
  MlirOperation chain[64];
  int n = 0;
  MlirValue cur = v;
  bool tooLong = false;
  while (mlirValueIsAOpResult(cur) && fxOpIsViewLike(mlirOpResultGetOwner(cur))) {
    MlirOperation def = mlirOpResultGetOwner(cur);
    if (n == 64) {
      tooLong = true;
      n = 0;
    }
    chain[n++] = def;
    cur = mlirOperationGetOperand(def, 0);
  }
  FxRegion r = wholeRegion(cur);
  if (tooLong || r.rank < 0) {
    makeUnknown(&r);
    return r;
  }
  for (int i = n - 1; i >= 0; --i) {
    MlirOperation op = chain[i];
    MlirValue in = mlirOperationGetOperand(op, 0);
    if (fxOpGetKind(op) != FX_OP_SLICE) {
      /* Identity views keep coordinates; others re-shape them. */
      if (!mlirTypeEqual(mlirValueGetType(in),
                         mlirValueGetType(mlirOperationGetResult(op, 0))))
        makeUnknown(&r);
      continue;
    }
    MlirAttribute dimA = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("dim"));
    MlirAttribute stepA = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("step"));
    int64_t dim = mlirIntegerAttrGetValueInt(dimA);
    if (dim < 0)
      dim += fxTensorTypeGetRank(mlirValueGetType(in));
    /* A slice of an unknown-coordinates view stays unknown. */
    if (fxTensorTypeGetRank(mlirValueGetType(in)) != r.rank) {
      makeUnknown(&r);
      continue;
    }
    fxRegionSlice(&r, dim,
                  mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("start")),
                  mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("end")),
                  mlirIntegerAttrGetValueInt(stepA));
  }
  return r;
}

static bool intervalsOverlap(FxInterval a, FxInterval b) {
  if (!a.known || !b.known)
    return true;
  int64_t lo = a.lo > b.lo ? a.lo : b.lo;
  int64_t hi = a.hi < b.hi ? a.hi : b.hi;
  if (lo >= hi)
    return false;
  /* Same stride, different phase: interleaved, never the same element. */
  if (a.step == b.step && a.step > 1 && (a.lo - b.lo) % a.step != 0)
    return false;
  return true;
}

bool fxRegionsOverlap(const FxRegion *a, const FxRegion *b) {
  if (a->rank != b->rank || a->rank < 0)
    return true;
  for (int i = 0; i < a->rank; ++i)
    if (!intervalsOverlap(a->dims[i], b->dims[i]))
      return false;
  return true;
}

bool fxRegionContains(const FxRegion *outer, const FxRegion *inner) {
  if (outer->rank != inner->rank || outer->rank < 0)
    return false;
  for (int i = 0; i < outer->rank; ++i) {
    FxInterval o = outer->dims[i], n = inner->dims[i];
    /* Every element of n is on o's grid and within its bounds. */
    if (!o.known || !n.known || n.lo < o.lo || n.hi > o.hi ||
        n.step % o.step != 0 || (n.lo - o.lo) % o.step != 0)
      return false;
  }
  return true;
}

bool fxRegionIsWhole(const FxRegion *r) {
  if (r->rank < 0)
    return false;
  FxRegion whole = wholeRegion(r->root);
  for (int i = 0; i < r->rank; ++i) {
    FxInterval a = r->dims[i], b = whole.dims[i];
    if (!a.known || a.lo != b.lo || a.hi != b.hi || a.step != b.step)
      return false;
  }
  return true;
}

/*===-- Reads after an op --------------------------------------------------===*/

bool fxIsAfter(MlirOperation call, MlirOperation user) {
  if (mlirOperationEqual(call, user))
    return false;
  if (!mlirBlockEqual(mlirOperationGetBlock(call), mlirOperationGetBlock(user)))
    return true;
  return mlirOperationIsBeforeInBlock(call, user);
}

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* `r` (in the coordinates of `base`'s root) seen from inside `base`, a
 * known step-1 box of that root; false when it cannot be expressed. */
static bool intoBase(const FxRegion *r, const FxRegion *base, FxRegion *out) {
  if (r->rank != base->rank || r->rank < 0)
    return false;
  *out = *r;
  for (int i = 0; i < r->rank; ++i) {
    FxInterval b = base->dims[i], x = r->dims[i];
    if (!b.known || b.step != 1)
      return false;
    if (!x.known)
      continue;
    int64_t lo = x.lo > b.lo ? x.lo : b.lo, hi = x.hi < b.hi ? x.hi : b.hi;
    out->dims[i] = (FxInterval){true, lo - b.lo,
                                hi == INT64_MAX ? INT64_MAX : hi - b.lo, x.step};
  }
  return true;
}

typedef struct Pending {
  MlirValue value;
  FxRegion region; /* in the coordinates of fxStorageRoot(value) */
} Pending;

MlirOperation fxFindReadAfter(MlirValue root, const FxRegion *region,
                              MlirOperation after, MlirOperation exempt) {
  size_t n = 0, cap = 8;
  Pending *stack = malloc(cap * sizeof *stack);
  MlirOperation reader = {NULL};
  if (!stack)
    return after; /* out of memory: say "read", the conservative answer */
  stack[n++] = (Pending){root, *region};
  while (n && mlirOperationIsNull(reader)) {
    Pending cur = stack[--n];
    for (MlirOpOperand use = mlirValueGetFirstUse(cur.value);
         !mlirOpOperandIsNull(use) && mlirOperationIsNull(reader);
         use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      Pending next = {{NULL}, cur.region};
      if (fxOpIsViewLike(user)) {
        /* Views are not reads; what reads them is.  Disjoint ones see
         * nothing that was written; their uses may lie after `after` even
         * when they do not. */
        next.value = mlirOperationGetResult(user, 0);
        FxRegion reg = fxRegionOf(next.value);
        if (!fxRegionsOverlap(&reg, &cur.region))
          continue;
      } else if (!fxIsAfter(after, user) ||
                 (!mlirOperationIsNull(exempt) &&
                  mlirOperationEqual(user, exempt))) {
        continue;
      } else if (fxOpGetKind(user) == FX_OP_SLICE_SCATTER &&
                 mlirOpOperandGetOperandNumber(use) == 0) {
        /* A scatter into a box of the storage: if it overwrites all of the
         * region, its result does not depend on what was written there;
         * otherwise its result (laid out like the box) carries it on. */
        FxRegion base = fxRegionOf(cur.value);
        if (!intoBase(&cur.region, &base, &next.region)) {
          reader = user;
          break;
        }
        next.value = mlirOperationGetResult(user, 0);
        FxRegion over = fxRegionOf(next.value); /* whole, base-shaped */
        int64_t dim = mlirIntegerAttrGetValueInt(
            mlirOperationGetAttributeByName(user, str("dim")));
        fxRegionSlice(&over, dim < 0 ? dim + over.rank : dim,
                      mlirOperationGetAttributeByName(user, str("start")),
                      mlirOperationGetAttributeByName(user, str("end")),
                      mlirIntegerAttrGetValueInt(
                          mlirOperationGetAttributeByName(user, str("step"))));
        if (fxRegionContains(&over, &next.region))
          continue;
      } else {
        reader = user; /* any other use reads the storage */
        break;
      }
      if (n == cap) {
        Pending *grown = realloc(stack, 2 * cap * sizeof *stack);
        if (!grown) {
          reader = user;
          break;
        }
        stack = grown;
        cap *= 2;
      }
      stack[n++] = next;
    }
  }
  free(stack);
  return reader;
}

