/* Driver.c - the passes' rewrite driver: sweeps over a function's entry
 * block until a sweep rewrites nothing.
 *
 * Why not MLIR's greedy driver: the fx passes rewrite straight-line code
 * whose decisions are analyses of the whole function, not local patterns.
 * The greedy driver's worklist, pattern lookup and trivially-dead checks
 * cost 7 % of the three passes' instructions at 1000 layers (callgrind,
 * docs/performance.md), and its fixpoint is the same as ours: it too
 * re-runs whole sweeps until one changes nothing.  Visiting every root of
 * every sweep (not only the ones near a change) is what makes a second run
 * of a pass find nothing (idempotence): a decision may depend on any op of
 * the function.
 *
 * A sweep takes its roots first (so ops inserted during it wait for the
 * next) and forgets each one the rewriter erases before it is visited (the
 * tracking rewriter's callback), so no erased op is ever touched and an op
 * allocated later at an erased op's address is not mistaken for it.
 *
 * The next sweep's roots are this sweep's, less the erased ones, unless a
 * root was inserted or moved (the rewriter's other callback): then they
 * are taken again from the block.  Which ops are roots changes only
 * by erasing, inserting and moving, and every pass does all three through
 * the rewriter (PassInternal.h), so the list is what a walk of the block
 * would give; not walking it again matters because a walk over a large
 * function is memory-bound (docs/performance.md "Linearity").
 *
 * The roots come from the pass's first walk when it gives its list of the
 * block's ops (FxBlockOps).  Given a way to find an op in that list (the
 * read index's positions), the sweeps go over the list itself: an erased
 * op's entry is nulled, and an inserted or moved op marks its kind in the
 * list.  The list then serves a later call of the same pass run too (fx-fix-
 * functionalization's scatter-backs after its calls) unless one of its
 * root kinds was marked: no walk of the block, and no map of the roots,
 * whose fresh pages cost more than its probes (docs/performance.md,
 * session 29). */
#include "PassInternal.h"
#include "PtrMap.h"

#include "mlir-c/Diagnostics.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Sweep {
  MlirOperation *ops; /* the roots in visiting order; null once erased */
  size_t n, cap;
  /* Root -> its position in ops, made at the first erased op forgetErased
   * does not find near the visited one (rootEntry), if any: fx-dce erases
   * only the op it visits, and a map of every root, made at each collect,
   * was a fifth of its time at 10,000 layers (docs/performance.md,
   * session 38). */
  FxPtrMap index;
  bool indexed;
  const MlirIdentifier *roots; /* the roots' op names */
  size_t numRoots;
  uint32_t rootBits; /* bit FxOpKind + 1 of each root kind: its tag */
  /* The first walk's list, when the caller gave one, and where its ops
   * are in it (null: the list is spent by this call).  While `listed`,
   * the sweeps go over the list itself, its roots by their tags. */
  FxBlockOps *block;
  FxBlockIndexFn indexOf;
  const void *indexData;
  bool listed;
  /* Where the op being visited is in the list while `listed`, else in ops
   * (SIZE_MAX between visits).  A rewrite mostly erases that op or a view
   * just before it, so forgetErased looks there first: finding an erased
   * op through `indexOf` is a lookup in a map of every op, a cache miss per
   * erased op on a large function (docs/performance.md, session 37). */
  size_t visiting;
  bool stale; /* a root was inserted or moved: take them again */
  bool oom;
} Sweep;

/* How many entries forgetErased looks at first: the visited one and those
 * before it in program order (a sweep bottom-up has visited them not yet,
 * but an erased op is mostly the visited one). */
enum { kNearVisiting = 4 };

/* By the name's identifier, which the context uniques: the name is what
 * fxOpGetKind reads, at a pointer compare instead of a string's (every op
 * of the function, at each collect). */
static bool isRoot(MlirOperation op, const MlirIdentifier *roots, size_t n) {
  MlirIdentifier name = mlirOperationGetName(op);
  for (size_t i = 0; i < n; ++i)
    if (mlirIdentifierEqual(roots[i], name))
      return true;
  return false;
}

/* The entry of `op` in `ops` among the kNearVisiting up to the visited
 * one, or -1.  Every non-null entry of the list and of the roots is a live
 * op (an erased one's is nulled here), so an entry holding op's address is
 * op. */
static intptr_t nearVisiting(const MlirOperation *ops, size_t visiting,
                             MlirOperation op) {
  for (size_t d = 0; visiting != SIZE_MAX && d < kNearVisiting &&
                     d <= visiting;
       ++d)
    if (ops[visiting - d].ptr == op.ptr)
      return (intptr_t)(visiting - d);
  return -1;
}

/* Where `op` is in the roots taken, or -1: near the visited one, else from
 * the index, made now if not yet.  Without memory for it, a scan of the
 * roots (an op erased but left listed would be visited after its free). */
static intptr_t rootEntry(Sweep *s, MlirOperation op) {
  intptr_t at = nearVisiting(s->ops, s->visiting, op);
  if (at >= 0)
    return at;
  if (!s->indexed && fxPtrMapInitFor(&s->index, s->n)) {
    s->indexed = true;
    for (size_t i = 0; s->indexed && i < s->n; ++i)
      if (s->ops[i].ptr &&
          !fxPtrMapPut(&s->index, s->ops[i].ptr, (intptr_t)i))
        s->indexed = false;
    if (!s->indexed)
      fxPtrMapFree(&s->index);
  }
  if (s->indexed)
    return fxPtrMapGet(&s->index, op.ptr, &at) ? at : -1;
  for (size_t i = 0; i < s->n; ++i)
    if (s->ops[i].ptr == op.ptr)
      return (intptr_t)i;
  return -1;
}

static void forgetErased(MlirOperation op, void *userData) {
  Sweep *s = userData;
  if (s->block && s->indexOf) {
    /* (An op not of the list, created at the address of one of its ops,
     * finds that op's entry already null, or another op there.) */
    intptr_t at = s->listed ? nearVisiting(s->block->ops, s->visiting, op)
                            : -1;
    if (at < 0)
      at = s->indexOf(s->indexData, op);
    if (at >= 0 && (size_t)at < s->block->n &&
        s->block->ops[at].ptr == op.ptr)
      s->block->ops[at].ptr = NULL;
  }
  /* No roots taken, or not one: a map of them would not find it (fx-fix-
   * functionalization erases views feeding a scatter it visits). */
  if (s->listed || !isRoot(op, s->roots, s->numRoots))
    return;
  intptr_t i = rootEntry(s, op);
  if (i < 0)
    return;
  s->ops[i].ptr = NULL;
  if (s->indexed)
    fxPtrMapRemove(&s->index, op.ptr);
}

/* (A moved op is reported as inserted: a root moved is one inserted.) */
static void noteInserted(MlirOperation op, void *userData) {
  Sweep *s = userData;
  uint32_t bit = 1u << (fxOpGetKind(op) + 1);
  if (s->block)
    s->block->inserted |= bit;
  if (s->rootBits & bit)
    s->stale = true;
}

static bool push(Sweep *s, MlirOperation op) {
  if (!fxArrayReserve((void **)&s->ops, s->n, &s->cap, sizeof *s->ops, 64))
    return false;
  s->ops[s->n++] = op;
  return true;
}

/* Whether an op tagged `tag` (FxBlockOps) is a root. */
static bool isRootTag(const Sweep *s, unsigned tag) {
  return s->rootBits >> (tag & FX_TAG_KIND) & 1;
}

/* The k-th op the sweep visits (null: skip it): of the list while
 * `listed`, else of the roots taken. */
static inline MlirOperation nth(const Sweep *s, size_t k, FxOrder order) {
  size_t n = s->listed ? s->block->n : s->n;
  size_t i = order == FX_TOP_DOWN ? k : n - 1 - k;
  if (!s->listed)
    return s->ops[i];
  return isRootTag(s, s->block->tags[i]) ? s->block->ops[i]
                                         : (MlirOperation){NULL};
}

/* How many of the sweep's entries ahead the op is fetched into the cache,
 * and that fetch: the lines of the op and of what lies just before and
 * after it (its results, its operands).  On a function larger than the
 * cache, a visit that only looks (fx-dce's, and every root's in the sweep
 * that ends the fixpoint) costs about one miss; fetched ahead, fx-dce's
 * sweep at 10,000 layers took 23-25 ms instead of 30-31 (three runs each;
 * docs/performance.md, session 32).  A hint: it reads nothing and cannot
 * fault.  Only on sweeps of kPrefetchFrom entries or more (about 20 MB of
 * IR): on smaller ones the IR stays in the cache and the fetches were only
 * instructions (callgrind, 300 layers: fx-noop-elimination +9 %,
 * fx-fix-functionalization +3.5 %). */
enum { kPrefetch = 16, kPrefetchFrom = 1 << 16 };

static void prefetchOp(MlirOperation op) {
  uintptr_t p = (uintptr_t)op.ptr; /* (addresses beside the object) */
  if (!p)
    return;
  __builtin_prefetch((const void *)(p - 64));
  __builtin_prefetch((const void *)p);
  __builtin_prefetch((const void *)(p + 64));
}

/* Takes the roots of `block` in program order, from `ops` (the block's ops,
 * exact) when not null; false when out of memory. */
static bool collect(Sweep *s, MlirBlock block, const FxBlockOps *ops) {
  s->n = 0;
  s->stale = false;
  s->listed = false;
  for (size_t i = 0; ops && i < ops->n; ++i)
    if (isRootTag(s, ops->tags[i]) && !push(s, ops->ops[i]))
      return false;
  for (MlirOperation op = ops ? (MlirOperation){NULL}
                              : mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (isRoot(op, s->roots, s->numRoots) && !push(s, op))
      return false;
  fxPtrMapFree(&s->index); /* (made again when needed: rootEntry) */
  s->indexed = false;
  return true;
}

bool fxApplyRewrites(MlirOperation func, MlirExternalPass pass,
                     const FxOpKind *roots, size_t numRoots,
                     FxMatchAndRewrite fn, void *userData, FxOrder order,
                     FxVisitRoot kept, FxBlockOps *list,
                     FxBlockIndexFn indexOf, const void *indexData) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block))
    return false; /* a declaration */
  MlirContext ctx = mlirOperationGetContext(func);
  MlirIdentifier names[FX_OP_NUM_KINDS];
  uint32_t rootBits = 0;
  size_t numNames = 0;
  for (size_t i = 0; i < numRoots; ++i) {
    const char *name = fxOpKindName(roots[i]);
    if (!*name || numNames == FX_OP_NUM_KINDS) { /* a pass's table: our bug */
      fprintf(stderr, "fxir internal error: fxApplyRewrites takes distinct fx "
                      "op kinds as roots\n");
      abort();
    }
    names[numNames++] =
        mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name));
    rootBits |= 1u << (roots[i] + 1);
  }
  /* The list says where the roots are unless one was inserted or moved
   * since it was taken. */
  FxBlockOps *first = list && !(list->inserted & rootBits) ? list : NULL;
  Sweep s = {NULL, 0, 0, {NULL, 0, 0}, false, names, numNames, rootBits,
             list, indexOf, indexData, first && indexOf, SIZE_MAX,
             !(first && indexOf), false};
  MlirRewriterBase rw =
      fxTrackingRewriterCreate(ctx, forgetErased, noteInserted, &s);
  bool any = false;
  for (bool changed = true; changed;) {
    changed = false;
    if (s.stale && !collect(&s, block, first)) {
      s.oom = true;
      break;
    }
    first = NULL; /* (exact only until the first rewrite, without indexOf) */
    size_t n = s.listed ? list->n : s.n;
    size_t fetchTo = n >= kPrefetchFrom ? n - kPrefetch : 0;
    for (size_t k = 0; k < n; ++k) {
      if (k < fetchTo)
        prefetchOp(nth(&s, k + kPrefetch, order));
      MlirOperation op = nth(&s, k, order);
      if (mlirOperationIsNull(op))
        continue; /* erased by an earlier rewrite of this sweep */
      s.visiting = order == FX_TOP_DOWN ? k : n - 1 - k;
      if (mlirLogicalResultIsSuccess(fn(op, rw, userData)))
        changed = any = true;
      s.visiting = SIZE_MAX;
    }
    if (order == FX_BOTTOM_UP_ONCE)
      break;
  }
  /* (A last sweep that rewrote nothing inserted no root, unless `fn`
   * reported a change as none: then take them again, to be exact.) */
  if (kept && !s.oom && s.stale && !collect(&s, block, NULL))
    s.oom = true;
  for (size_t k = 0, n = s.listed ? list->n : s.n; kept && !s.oom && k < n;
       ++k) {
    MlirOperation op = nth(&s, k, order);
    if (!mlirOperationIsNull(op))
      kept(op, userData);
  }
  fxTrackingRewriterDestroy(rw);
  free(s.ops);
  fxPtrMapFree(&s.index);
  if (list && !indexOf)
    list->inserted = ~0u; /* its erased ops were not nulled: spent */
  if (s.oom) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "fxir: out of memory in the rewrite driver");
    mlirExternalPassSignalFailure(pass);
  }
  return any;
}
