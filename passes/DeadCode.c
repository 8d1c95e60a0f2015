/* DeadCode.c - fx-dce: schema-aware dead code elimination for fx ops.
 *
 * IRDL ops carry no side-effect information, so upstream DCE never erases
 * them, and a generic DCE that did would erase in-place calls (the reason
 * vLLM must never run DCE after FixFunctionalizationPass).  Here an op goes
 * only when its results are unused and it writes nothing anyone observes:
 *   - views, slices, slice_scatter and auto_functionalized write nothing;
 *   - an fx.call writes the operands its schema marks mutated; it stays if
 *     any of them is (a view of) a function argument, or is read or returned
 *     after the call; a call without a schema may do anything and stays;
 *   - fx.schema declarations stay.
 */
#include "Alias.h"
#include "PassInternal.h"

#include "mlir-c/Rewrite.h"

typedef struct State {
  FxSchemaTable *table;
  FxReturnedAliases aliases;
} State;

static bool writesAreObservable(State *st, MlirOperation call) {
  const FxSchema *s = fxSchemaTableLookupCall(st->table, call, NULL);
  if (!s)
    return true; /* unknown effects */
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(call); i < n; ++i) {
    if (!fxCallWritesOperand(call, s, i))
      continue;
    MlirValue v = mlirOperationGetOperand(call, i);
    MlirValue root = fxStorageRoot(v);
    if (fxFunctionArgIndex(root) >= 0 ||
        fxHasReturnedAlias(&st->aliases, root, (MlirOperation){NULL}))
      return true; /* the caller, or an alias we do not track, sees it */
    FxRegion region;
    fxRegionOf(&region, v);
    if (!mlirOperationIsNull(
            fxFindReadAfter(root, &region, call, (MlirOperation){NULL}).op))
      return true;
  }
  return false;
}

static bool isDead(State *st, MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (!mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return false;
  switch (fxOpGetKind(op)) {
  case FX_OP_CALL:
    return !writesAreObservable(st, op);
  case FX_OP_SCHEMA:
  case FX_OP_NONE:
    return false;
  default:
    return true;
  }
}

static MlirLogicalResult eraseIfDead(MlirOperation op, MlirRewriterBase rw,
                                     void *userData) {
  if (!isDead(userData, op))
    return mlirLogicalResultFailure();
  mlirRewriterBaseEraseOp(rw, op);
  return mlirLogicalResultSuccess();
}

void fxRunDeadCode(MlirOperation func, MlirExternalPass pass) {
  State st = {fxSchemaTableCreate(func), {NULL, false}};
  FxFunctionFacts facts = {.pass = "fx-dce"};
  if (!fxPassBeginRewrite(func, pass, st.table, &facts)) {
    fxSchemaTableDestroy(st.table);
    return;
  }
  st.aliases = facts.aliases;
  static const FxOpKind roots[] = {
      FX_OP_RESHAPE,       FX_OP_VIEW,   FX_OP_SLICE, FX_OP_SLICE_SCATTER,
      FX_OP_AUTO_FUNCTIONALIZED, FX_OP_CALL};
  /* One bottom-up sweep is the fixpoint when the function has no op that
   * returns an alias the storage model does not follow: whether an op is
   * dead then depends on its results' uses and the reads of its writes
   * after it, and erasing an earlier op (visited later) changes neither -
   * an earlier op neither uses its results nor reads after it.  With such
   * an op, fxHasReturnedAlias looks at every use of a storage root, earlier
   * ones too, and an unused aliasing op erased late in a sweep can make an
   * op visited before it dead: sweep to the fixpoint (an adversary's case,
   * @dead_behind_unused_alias in DeadCode/dce.mlir). */
  /* Erasing is its only change: without one, MLIR need not verify the
   * function again (fxExternalPassPreserveAll). */
  if (!fxApplyRewrites(func, pass, roots, sizeof roots / sizeof roots[0],
                       eraseIfDead, &st,
                       st.aliases.any ? FX_BOTTOM_UP : FX_BOTTOM_UP_ONCE,
                       NULL, &facts.top, NULL, NULL))
    fxExternalPassPreserveAll(pass);
  fxFunctionFactsFree(&facts);
  fxSchemaTableDestroy(st.table);
}
