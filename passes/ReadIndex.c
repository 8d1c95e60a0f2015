/* ReadIndex.c - positions of ops, last users and writers of storage roots,
 * values that reach the return (see ReadIndex.h). */
#include "ReadIndex.h"
#include "Alias.h"
#include "PtrMap.h"
#include "Scratch.h"
#include "ValueStack.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { kUnknown = INT_MAX }; /* a position we do not know: "maybe after" */

/* The last user of a root or of a view of it (views followed), and the
 * last of those uses that writes; positions, or kUnknown. */
/* The writer is kept by its location: the op itself may be erased by the
 * pass later (a copy_ epilogue), and a remark must not read it then. */
typedef struct Last {
  intptr_t use, write;
  MlirLocation writer;
} Last;

struct FxReadIndex {
  FxSchemaTable *table;
  MlirIdentifier returnName; /* "func.return" in the function's context */
  FxPtrMap position; /* op -> index in the entry block             */
  FxPtrMap summary;  /* root -> index in `lasts`                    */
  Last *lasts;
  size_t numLasts, capLasts;
  FxPtrMap reaches;  /* value -> 1 when it may reach a func.return  */
  FxPtrMap roots;    /* value -> its storage root, or the root it was
                        merged into (union-find parent links)      */
  bool allReach;     /* the function is not one plain block: all may */
  bool memoRoots;    /* remember roots (only when the pass creates no op:
                        a new value at a freed value's address would
                        inherit its root links) */
  bool broken;       /* out of memory: every question says "maybe"   */
};

#define put fxPtrMapPut
#define get fxPtrMapGet

/* (The uniqued name, a pointer compare: asked of every op.) */
static bool isReturn(const FxReadIndex *x, MlirOperation op) {
  return mlirIdentifierEqual(mlirOperationGetName(op), x->returnName);
}

/* Marks `v` as reaching the return, and every value it is a view of: a
 * value reaches the return when it or a view of it is returned. */
static void markReaches(FxReadIndex *x, MlirValue v) {
  for (;;) {
    intptr_t r;
    if ((get(&x->reaches, v.ptr, &r) && r) || !put(&x->reaches, v.ptr, 1)) {
      if (!get(&x->reaches, v.ptr, &r))
        x->allReach = true; /* out of memory: everything may */
      return;
    }
    if (!mlirValueIsAOpResult(v) || !fxOpIsViewLike(mlirOpResultGetOwner(v)))
      return;
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  }
}

FxReadIndex *fxReadIndexCreate(MlirOperation func, FxSchemaTable *table,
                               bool memoRoots, const FxBlockOps *block) {
  MlirContext ctx = mlirOperationGetContext(func);
  MlirIdentifier returnName =
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("func.return"));
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  FxBlockOps walked = {NULL, NULL, 0, 0, 0, 0}; /* (the tags read below) */
  for (MlirOperation op = mlirBlockIsNull(entry) || block
                              ? (MlirOperation){NULL}
                              : mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!fxBlockOpsPush(&walked, op, fxBlockOpsTag(op, returnName))) {
      fxBlockOpsFree(&walked);
      return NULL;
    }
  }
  if (!block)
    block = &walked;
  FxReadIndex *x = calloc(1, sizeof *x);
  if (!x || !fxPtrMapInitFor(&x->position, block->n) ||
      !fxPtrMapInit(&x->summary, 256) || !fxPtrMapInit(&x->reaches, 256) ||
      !fxPtrMapInit(&x->roots, 1024)) {
    fxBlockOpsFree(&walked);
    fxReadIndexDestroy(x);
    return NULL;
  }
  x->table = table;
  x->returnName = returnName;
  x->memoRoots = memoRoots;
  x->allReach = mlirBlockIsNull(entry) ||
                !mlirBlockIsNull(mlirBlockGetNextInRegion(entry));
  for (size_t i = 0; i < block->n; ++i) {
    MlirOperation op = block->ops[i];
    /* (Sized for them: no put fails.)  Created ops take the position of
     * the op they stand for (fxReadIndexPlace). */
    put(&x->position, op.ptr, 4 * ((intptr_t)i + 1));
    if (block->tags[i] & FX_TAG_REGIONS)
      x->allReach = true; /* values may flow out through nested regions */
    else if (block->tags[i] & FX_TAG_RETURN)
      for (intptr_t k = 0, n = mlirOperationGetNumOperands(op); k < n; ++k)
        markReaches(x, mlirOperationGetOperand(op, k));
  }
  fxBlockOpsFree(&walked);
  return x;
}

void fxReadIndexDestroy(FxReadIndex *x) {
  if (!x)
    return;
  fxPtrMapFree(&x->position);
  fxPtrMapFree(&x->summary);
  fxScratchFree(x->lasts, x->capLasts * sizeof *x->lasts);
  fxPtrMapFree(&x->reaches);
  fxPtrMapFree(&x->roots);
  free(x);
}

void fxReadIndexPlace(FxReadIndex *x, MlirOperation op, MlirOperation at) {
  intptr_t pos;
  if (!x)
    return;
  put(&x->position, op.ptr, get(&x->position, at.ptr, &pos) ? pos : kUnknown);
  /* A new op may sit where an erased one was, its results where erased
   * values were: nothing remembered of those applies to them. */
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    fxPtrMapRemove(&x->roots, r.ptr);
    fxPtrMapRemove(&x->summary, r.ptr);
    fxPtrMapRemove(&x->reaches, r.ptr);
  }
}

static intptr_t positionOf(FxReadIndex *x, MlirOperation op) {
  intptr_t pos;
  return get(&x->position, op.ptr, &pos) ? pos : kUnknown;
}

intptr_t fxReadIndexBlockIndex(const void *index, MlirOperation op) {
  intptr_t pos;
  const FxReadIndex *x = index;
  if (!x || !get(&x->position, op.ptr, &pos) || pos == kUnknown || pos % 4)
    return -1;
  return pos / 4 - 1; /* (fxReadIndexCreate: 4 * (i + 1)) */
}

static const Last kUnknownLast = {kUnknown, kUnknown, {NULL}};

/* The Last of `v` (a root, or a value merged into one). */
static Last lastUsers(FxReadIndex *x, MlirValue v) {
  Last last = {-1, -1, {NULL}};
  FxValueStack stack;
  fxValueStackInit(&stack);
  fxValueStackPush(&stack, v); /* (fits in the record) */
  while (!fxValueStackEmpty(&stack)) {
    MlirValue cur = fxValueStackPop(&stack);
    for (MlirOpOperand use = mlirValueGetFirstUse(cur); !mlirOpOperandIsNull(use);
         use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      FxOpKind kind = fxOpGetKind(user);
      intptr_t pos = positionOf(x, user);
      if (pos > last.use)
        last.use = pos;
      if (pos > last.write && fxUseWritesOfKind(use, kind, x->table)) {
        last.write = pos;
        last.writer = mlirOperationGetLocation(user);
      }
      if (!fxOpIsViewLikeOfKind(user, kind))
        continue;
      if (!fxValueStackPush(&stack, mlirOperationGetResult(user, 0))) {
        fxValueStackFree(&stack);
        return kUnknownLast;
      }
    }
  }
  fxValueStackFree(&stack);
  return last;
}

/* The summary of `root`, computed on first use; NULL when out of memory. */
static Last *summaryOf(FxReadIndex *x, MlirValue root) {
  intptr_t k;
  if (get(&x->summary, root.ptr, &k))
    return &x->lasts[k];
  if (!fxScratchReserve((void **)&x->lasts, x->numLasts, &x->capLasts,
                        sizeof *x->lasts, 64))
    return NULL;
  if (!put(&x->summary, root.ptr, (intptr_t)x->numLasts))
    return NULL;
  x->lasts[x->numLasts] = lastUsers(x, root);
  return &x->lasts[x->numLasts++];
}

bool fxReadIndexMayReadAfter(FxReadIndex *x, MlirValue root,
                             MlirOperation after) {
  if (!x || x->broken)
    return true;
  intptr_t at = positionOf(x, after);
  Last *s = summaryOf(x, root);
  return at == kUnknown || !s || s->use > at;
}

bool fxReadIndexMayWriteAfter(FxReadIndex *x, MlirValue root,
                              MlirOperation after, MlirLocation *writer) {
  *writer = (MlirLocation){NULL};
  if (!x || x->broken)
    return true;
  intptr_t at = positionOf(x, after);
  Last *s = summaryOf(x, root);
  if (at != kUnknown && s && s->write <= at)
    return false;
  if (s)
    *writer = s->writer;
  return true;
}

bool fxReadIndexMayReachReturn(FxReadIndex *x, MlirValue v) {
  intptr_t r;
  return !x || x->allReach || x->broken ||
         (get(&x->reaches, v.ptr, &r) && r);
}

MlirValue fxReadIndexRoot(FxReadIndex *x, MlirValue v) {
  if (!x || !x->memoRoots)
    return fxStorageRoot(v);
  /* Up the views to a value we know (or a real root), then along the
   * merge links; every value passed on the way is then linked directly. */
  MlirValue cur = v;
  intptr_t link;
  for (;;) {
    if (get(&x->roots, cur.ptr, &link)) {
      if (link == (intptr_t)cur.ptr)
        break;
      cur = (MlirValue){(void *)link};
      continue;
    }
    if (!mlirValueIsAOpResult(cur) ||
        !fxOpIsViewLike(mlirOpResultGetOwner(cur)))
      break;
    cur = mlirOperationGetOperand(mlirOpResultGetOwner(cur), 0);
  }
  /* A value the map does not hold is its own root unless it is a view:
   * the root itself is not put (a put per query, mostly of values that are
   * no view, cost a cache miss and the map's growth at 10,000 layers:
   * docs/performance.md, session 37); a link into it, from merges, stays.
   * So a root reached through a link is read (is it a view?): an op whose
   * result is a root is erased only after fxReadIndexMerge linked it on
   * (fx-noop-elimination's replaced scatters; the other ops it erases are
   * views, never roots). */
  MlirValue root = cur;
  for (cur = v; !mlirValueEqual(cur, root);) {
    MlirValue next;
    if (get(&x->roots, cur.ptr, &link))
      next = (MlirValue){(void *)link};
    else
      next = mlirOperationGetOperand(mlirOpResultGetOwner(cur), 0);
    put(&x->roots, cur.ptr, (intptr_t)root.ptr);
    cur = next;
  }
  return root;
}

void fxReadIndexMerge(FxReadIndex *x, MlirValue from, MlirValue to) {
  intptr_t k;
  if (!x)
    return;
  fxReadIndexMoveUses(x, from, to);
  MlirValue fromRoot = fxReadIndexRoot(x, from), toRoot = fxReadIndexRoot(x, to);
  if (mlirValueEqual(fromRoot, toRoot))
    return; /* one storage class already: its summary covers both */
  /* from's views now have to's root; if the link cannot be stored, later
   * root queries for them give `fromRoot`, whose summary is conservative
   * only for `from`'s own class: so give up on summaries altogether.
   * Without the memo the views walk up to toRoot themselves. */
  if (x->memoRoots && !put(&x->roots, fromRoot.ptr, (intptr_t)toRoot.ptr))
    x->broken = true;
  /* fromRoot's value goes away with its op: forget what is keyed by it,
   * so a value created later at its address starts afresh. */
  intptr_t gone;
  if (get(&x->summary, fromRoot.ptr, &gone))
    fxPtrMapRemove(&x->summary, fromRoot.ptr);
  if (!get(&x->summary, toRoot.ptr, &k))
    return; /* not summarised yet: the first query scans the merged uses */
  Last more = lastUsers(x, from), *s = &x->lasts[k];
  if (more.use > s->use)
    s->use = more.use;
  if (more.write > s->write) {
    s->write = more.write;
    s->writer = more.writer;
  }
}

void fxReadIndexMoveUses(FxReadIndex *x, MlirValue from, MlirValue to) {
  if (x && fxReadIndexMayReachReturn(x, from))
    markReaches(x, to);
}

/* Uses fxReadIndexLostView looks at: a value with more keeps its mark, so
 * that a value many views read costs O(1) per lost view, not O(its uses). */
enum { kLostViewUses = 64 };

void fxReadIndexLostView(FxReadIndex *x, MlirValue v) {
  intptr_t r;
  if (!x || x->allReach || x->broken || !get(&x->reaches, v.ptr, &r) || !r)
    return;
  int seen = 0;
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (++seen > kLostViewUses || isReturn(x, user))
      return;
    if (fxOpIsViewLike(user) &&
        fxReadIndexMayReachReturn(x, mlirOperationGetResult(user, 0)))
      return;
  }
  fxPtrMapRemove(&x->reaches, v.ptr);
}

void fxReadIndexNoteWrite(FxReadIndex *x, MlirValue v, MlirOperation op) {
  intptr_t k;
  if (!x || !get(&x->summary, fxReadIndexRoot(x, v).ptr, &k))
    return; /* not summarised yet: the first query sees the write */
  intptr_t pos = positionOf(x, op);
  if (pos > x->lasts[k].use)
    x->lasts[k].use = pos;
  if (pos > x->lasts[k].write) {
    x->lasts[k].write = pos;
    x->lasts[k].writer = mlirOperationGetLocation(op);
  }
}
