/* Rewire.c - may a value stand for another that may live elsewhere? (see
 * Rewire.h) */
#include "Rewire.h"
#include "PassInternal.h"

#include <stdio.h>

bool fxRewireIsSafe(const FxRewire *rw, MlirOperation since, MlirValue old,
                    MlirValue value, const char *what, char *why,
                    size_t cap) {
  char loc[256];
  MlirValue root = fxReadIndexRoot(rw->index, value);
  MlirValue oldRoot = fxReadIndexRoot(rw->index, old);
  if (fxHasReturnedAlias(rw->aliases, root, (MlirOperation){NULL}) ||
      fxHasReturnedAlias(rw->aliases, oldRoot, (MlirOperation){NULL})) {
    snprintf(why, cap,
             "kept: %s would share storage that an op returning an alias "
             "(aten::copy_, a call without a schema, func.call) also reaches",
             what);
    return false;
  }
  /* The index's "maybe" may name a write the pass has since erased (a
   * copy_ epilogue): the precise walk decides, and names the op. */
  MlirValue roots[2] = {root, oldRoot};
  for (int i = 0; i < 2; ++i) {
    MlirLocation w = {NULL};
    if (!fxReadIndexMayWriteAfter(rw->index, roots[i], since, &w))
      continue;
    MlirOperation writer =
        fxFindWriteAfter(roots[i], since, rw->aliases->table);
    if (mlirOperationIsNull(writer))
      continue;
    fxLocationString(writer, loc, sizeof loc);
    snprintf(why, cap,
             "kept: %s would share storage that the in-place call at %s "
             "writes",
             what, loc);
    return false;
  }
  if (fxReadIndexMayReachReturn(rw->index, old)) {
    /* A caller may write a result in place, copy into it or donate it:
     * one whose elements may share memory locations (an expand, a
     * func.call's result) would then break (adversary round 12: a
     * full-cover scatter of an expand, a scatter-back into a call's
     * result, replaced by the expand or the result). */
    MlirOperation repeat = fxViewMayRepeatLocations(value);
    if (!mlirOperationIsNull(repeat)) {
      fxLocationString(repeat, loc, sizeof loc);
      MlirStringRef op = fxOpDisplayName(repeat);
      snprintf(why, cap,
               "kept: %s would make a function result a value reached "
               "through the %.*s at %s, whose elements may share memory "
               "locations",
               what, (int)op.length, op.data, loc);
      return false;
    }
    intptr_t arg = fxFunctionArgIndex(root);
    if (arg >= 0) {
      snprintf(why, cap,
               "kept: %s would make a function result alias argument %d",
               what, (int)arg);
      return false;
    }
    /* Through `old` is the result being rewired itself: only another way
     * from root to the return makes two results. */
    if (fxReadIndexMayReachReturn(rw->index, root) &&
        fxReachesReturnExcept(root, old)) {
      snprintf(why, cap,
               "kept: %s would make two function results share storage",
               what);
      return false;
    }
  }
  MlirOperation view;
  if (!fxKnownContiguous(rw->layouts, value) &&
      fxHasViewUse(old, rw->layouts->table, &view)) {
    if (mlirOperationIsNull(view))
      snprintf(loc, sizeof loc, "an unknown place");
    else
      fxLocationString(view, loc, sizeof loc);
    if (!mlirOperationIsNull(view) && fxOpGetKind(view) == FX_OP_NONE)
      snprintf(why, cap,
               "kept: %s would change the layout of what the call at %s "
               "gets, and its callee may view or reshape it (the "
               "replacement is not known to be contiguous)",
               what, loc);
    else
      snprintf(why, cap,
               "kept: %s would change the layout the %s at %s sees (the "
               "replacement is not known to be contiguous)",
               what, mlirOperationIsNull(view) ? "fx.view" : fxLayoutUseKind(view),
               loc);
    return false;
  }
  return true;
}
