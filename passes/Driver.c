/* Driver.c - the passes' rewrite driver: sweeps over a function's entry
 * block until a sweep rewrites nothing.
 *
 * Why not MLIR's greedy driver: the fx passes rewrite straight-line code
 * whose decisions are analyses of the whole function, not local patterns.
 * The greedy driver's worklist, pattern lookup and trivially-dead checks
 * cost 7 % of the three passes' instructions at 1000 layers (callgrind,
 * docs/performance.md), and its fixpoint is the same as ours: it too
 * re-runs whole sweeps until one changes nothing.  Visiting every root of every sweep (not only the
 * ones near a change) is what makes a second run of a pass find nothing
 * (idempotence): a decision may depend on any op of the function.
 *
 * A sweep takes its roots first (so ops inserted during it wait for the
 * next) and forgets each one the rewriter erases before it is visited (the
 * tracking rewriter's callback), so no erased op is ever touched and an op
 * allocated later at an erased op's address is not mistaken for it. */
#include "PassInternal.h"
#include "PtrMap.h"

#include "mlir-c/Diagnostics.h"

#include <stdlib.h>

typedef struct Sweep {
  MlirOperation *ops; /* the roots in visiting order; null once erased */
  size_t n, cap;
  FxPtrMap index; /* root -> its position in ops */
  bool oom;
} Sweep;

static void forgetErased(MlirOperation op, void *userData) {
  Sweep *s = userData;
  intptr_t i;
  if (!fxPtrMapGet(&s->index, op.ptr, &i))
    return;
  s->ops[i].ptr = NULL;
  fxPtrMapRemove(&s->index, op.ptr);
}

static bool isRoot(MlirOperation op, const FxOpKind *roots, size_t n) {
  FxOpKind k = fxOpGetKind(op);
  for (size_t i = 0; i < n; ++i)
    if (roots[i] == k)
      return true;
  return false;
}

static bool push(Sweep *s, MlirOperation op) {
  if (!fxArrayReserve((void **)&s->ops, s->n, &s->cap, sizeof *s->ops, 64))
    return false;
  s->ops[s->n++] = op;
  return true;
}

/* Takes the roots of `block` in program order; false when out of memory. */
static bool collect(Sweep *s, MlirBlock block, const FxOpKind *roots,
                    size_t numRoots) {
  s->n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (isRoot(op, roots, numRoots) && !push(s, op))
      return false;
  size_t cap = 16;
  while (cap < 2 * s->n + 2)
    cap *= 2;
  fxPtrMapFree(&s->index);
  if (!fxPtrMapInit(&s->index, cap))
    return false;
  for (size_t i = 0; i < s->n; ++i)
    if (!fxPtrMapPut(&s->index, s->ops[i].ptr, (intptr_t)i))
      return false;
  return true;
}

void fxApplyRewrites(MlirOperation func, MlirExternalPass pass,
                     const FxOpKind *roots, size_t numRoots,
                     FxMatchAndRewrite fn, void *userData, FxOrder order) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block))
    return; /* a declaration */
  Sweep s = {NULL, 0, 0, {NULL, NULL, 0, 0}, false};
  MlirRewriterBase rw = fxTrackingRewriterCreate(
      mlirOperationGetContext(func), forgetErased, &s);
  for (bool changed = true; changed;) {
    changed = false;
    if (!collect(&s, block, roots, numRoots)) {
      s.oom = true;
      break;
    }
    for (size_t k = 0; k < s.n; ++k) {
      size_t i = order == FX_TOP_DOWN ? k : s.n - 1 - k;
      MlirOperation op = s.ops[i];
      if (mlirOperationIsNull(op))
        continue; /* erased by an earlier rewrite of this sweep */
      if (mlirLogicalResultIsSuccess(fn(op, rw, userData)))
        changed = true;
    }
    if (order == FX_BOTTOM_UP_ONCE)
      break;
  }
  fxTrackingRewriterDestroy(rw);
  free(s.ops);
  fxPtrMapFree(&s.index);
  if (s.oom) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "fxir: out of memory in the rewrite driver");
    mlirExternalPassSignalFailure(pass);
  }
}
