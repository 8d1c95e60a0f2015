/* NoOpElimination.c - fx-noop-elimination: remove no-op reshapes and slices.
 *
 * What vLLM's NoOpEliminationPass does, decided from types alone (DESIGN §3):
 *   1. reshape/view chains collapse onto the first input;
 *   2. a reshape/view whose result type equals its input type is its input;
 *   3. a slice with result type == input type, start 0, step 1 is its input;
 *   4. a slice_scatter whose src type == base type, start 0, step 1 is src.
 * Dims compare equal only when they are the same integer or the same symbol,
 * so `slice(x, 0, -1)`, a 256-row buffer sliced to `s0` rows, or `s0` vs
 * `s1` never look like no-ops.  Rewrites that change which storage a value
 * lives in (bypassing a reshape that may copy, replacing a scatter's fresh
 * result by its source) are done only when no in-place write or function
 * result can tell the difference; otherwise the op stays and a remark says
 * why.  C-API patterns, greedy driver, folding off.
 */
#include "Alias.h"
#include "PassInternal.h"
#include "Layout.h"
#include "ReadIndex.h"
#include "Rewire.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Rewrite.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum Action {
  KEEP,     /* not a no-op: nothing to say                       */
  DECLINE,  /* looks like a no-op but is unsafe: remark `reason`  */
  REPLACE,  /* replace the op's result by `value`                */
  COLLAPSE, /* make the op read `value` (the chain's first input) */
} Action;

typedef struct Plan {
  Action action;
  MlirValue value;
  char reason[512];
} Plan;

/* A root whose plan was DECLINE, and at which of the driver's calls. */
typedef struct Declined {
  MlirOperation op;
  size_t visit;
} Declined;

typedef struct State {
  FxSchemaTable *table;
  FxReadIndex *index; /* may be NULL: then every question says "maybe" */
  FxReturnedAliases aliases;
  FxLayouts layouts;
  /* The remarks' candidates (remarkDeclined): the roots declined since the
   * last rewrite, with the number of matchAndRewrite calls so far. */
  Declined *declined;
  size_t numDeclined, capDeclined;
  size_t visits; /* calls of matchAndRewrite */
  size_t left;   /* roots left after the sweeps (the driver's `kept`) */
  bool lost;     /* a candidate could not be recorded: plan them all */
} State;

/*===-- Facts about values --------------------------------------------------===*/

static MlirType typeOf(MlirValue v) { return mlirValueGetType(v); }

/*===-- Reasons ----------------------------------------------------------===*/

/* Whether making `old` stand for `value` is invisible (Rewire.h); if not,
 * says why in plan->reason.  `since` is the op from which on the two may
 * differ: the scatter whose result `old` is, or the reshape that may have
 * copied `value` (F1: a write into its result before the outer reshape is
 * lost if the outer one reads `value` instead). */
static bool storageChangeIsSafe(State *st, MlirOperation since, MlirValue old,
                                MlirValue value, const char *what,
                                Plan *plan) {
  FxRewire rw = {st->index, &st->aliases, &st->layouts};
  return fxRewireIsSafe(&rw, since, old, value, what, plan->reason,
                        sizeof plan->reason);
}

/* start == 0, step == 1, and `end` reaches the end of dim `dim` of `type`:
 * the region is the whole dim whenever the op is valid at run time. */
static bool coversDim(MlirOperation op, MlirType type, Plan *plan) {
  bool okDim, okStep, okStart;
  int64_t dim = fxOpGetIntAttr(op, "dim", &okDim);
  int64_t step = fxOpGetIntAttr(op, "step", &okStep);
  int64_t start = fxOpGetIntAttr(op, "start", &okStart);
  MlirAttribute end = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("end"));
  if (!okDim || !okStep || step != 1 || !okStart || start != 0 ||
      mlirAttributeIsNull(end))
    return false; /* a different type would be needed: not a no-op */
  intptr_t rank = fxTensorTypeGetRank(type);
  if (dim < 0)
    dim += rank;
  if (dim < 0 || dim >= rank)
    return false; /* the verifier rejects it */
  FxDim d = fxTensorTypeGetDim(type, dim);
  if (mlirAttributeIsAString(end) && d.symbol.length &&
      mlirStringRefEqual(mlirStringAttrGetValue(end), d.symbol))
    return true;
  if (mlirAttributeIsAInteger(end)) {
    int64_t e = mlirIntegerAttrGetValueInt(end);
    if (e >= INT64_MAX / 2 || (!d.symbol.length && e >= d.size))
      return true;
  }
  /* The types claim a no-op the parameters cannot prove (e.g. end = -1 on
   * a symbolic dim): trust neither, keep the op. */
  snprintf(plan->reason, sizeof plan->reason,
           "kept: the types say no-op but start = 0, step = 1 and this end do "
           "not provably cover dim %" PRId64,
           dim);
  plan->action = DECLINE;
  return false;
}

/*===-- Planning ------------------------------------------------------------===*/

static void planReshape(State *st, MlirOperation op, Plan *plan) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  MlirValue out = mlirOperationGetResult(op, 0);
  if (mlirTypeEqual(typeOf(in), typeOf(out))) {
    /* An identity view always exists, so this never copied. */
    plan->action = REPLACE;
    plan->value = in;
    return;
  }
  if (!mlirValueIsAOpResult(in))
    return;
  MlirOperation inner = mlirOpResultGetOwner(in);
  FxOpKind innerKind = fxOpGetKind(inner);
  if (innerKind != FX_OP_RESHAPE && innerKind != FX_OP_VIEW)
    return;
  MlirValue first = mlirOperationGetOperand(inner, 0);
  /* A view of views is a view of the first input.  A reshape may copy a
   * non-contiguous input; bypassing it can change storage, and a view of
   * its input may not exist. */
  if (fxTensorTypeCountsDiffer(typeOf(first), typeOf(out))) {
    /* Each reshape's count was undecided (different symbols); the collapsed
     * one's is decided, and wrong for every non-empty tensor: the verifier
     * would reject it. */
    plan->action = DECLINE;
    snprintf(plan->reason, sizeof plan->reason,
             "kept: the collapsed reshape would change the element count "
             "(the chain is only valid for empty tensors)");
    return;
  }
  /* The inner op never copies: a view, a reshape that only splits dims
   * (a view whatever the layout, with the same contiguous chunks, so the
   * outer op views or copies alike from either input), or one whose input
   * is known contiguous. */
  if (innerKind == FX_OP_VIEW || fxReshapeOnlySplits(typeOf(first), typeOf(in)) ||
      fxKnownContiguous(&st->layouts, first)) {
    plan->action = COLLAPSE;
    plan->value = first;
    return;
  }
  plan->action = DECLINE;
  if (fxOpGetKind(op) == FX_OP_VIEW) {
    snprintf(plan->reason, sizeof plan->reason,
             "kept: a view of a reshape whose input may be non-contiguous: "
             "the input may not be viewable as the result");
    return;
  }
  if (storageChangeIsSafe(st, inner, out, first,
                          "bypassing a reshape that may copy", plan)) {
    plan->action = COLLAPSE;
    plan->value = first;
  }
}

static void planSlice(State *st, MlirOperation op, Plan *plan) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  if (!mlirTypeEqual(typeOf(in), typeOf(mlirOperationGetResult(op, 0))) ||
      !coversDim(op, typeOf(in), plan))
    return;
  plan->action = REPLACE; /* a slice is always a view: same storage */
  plan->value = in;
}

static void planSliceScatter(State *st, MlirOperation op, Plan *plan) {
  MlirValue base = mlirOperationGetOperand(op, 0);
  MlirValue src = mlirOperationGetOperand(op, 1);
  if (!mlirTypeEqual(typeOf(base), typeOf(src)) ||
      !coversDim(op, typeOf(base), plan))
    return;
  plan->action = DECLINE;
  if (storageChangeIsSafe(st, op, mlirOperationGetResult(op, 0), src,
                          "replacing this full-cover scatter by its source",
                          plan)) {
    plan->action = REPLACE;
    plan->value = src;
  }
}

/* Fills *plan, the caller's.  A Plan is 528 bytes: clearing it (`= {0}`)
 * and returning it by value for every root cost 11 % of the pass's
 * instructions (callgrind, 300 layers).  Only a DECLINE's reason is read,
 * and it starts empty as before. */
static void planFor(State *st, MlirOperation op, Plan *plan) {
  plan->action = KEEP;
  plan->value = (MlirValue){NULL};
  plan->reason[0] = '\0';
  switch (fxOpGetKind(op)) {
  case FX_OP_RESHAPE:
  case FX_OP_VIEW:
    planReshape(st, op, plan);
    break;
  case FX_OP_SLICE:
    planSlice(st, op, plan);
    break;
  case FX_OP_SLICE_SCATTER:
    planSliceScatter(st, op, plan);
    break;
  default:
    break;
  }
}

/*===-- Rewriting -----------------------------------------------------------===*/

/* Erases `v`'s producer while it is a view-like op nobody uses, then its
 * input's: IRDL ops are never erased by upstream DCE. */
static void eraseDeadViews(MlirRewriterBase rw, MlirValue v) {
  while (mlirValueIsAOpResult(v) &&
         mlirOpOperandIsNull(mlirValueGetFirstUse(v))) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!fxOpIsViewLike(def))
      return;
    v = mlirOperationGetOperand(def, 0);
    mlirRewriterBaseEraseOp(rw, def);
  }
}

/* Makes `op` read `plan->value`, the first input of its chain of views. */
static void collapse(State *st, MlirOperation op, MlirRewriterBase rw,
                     const Plan *plan) {
  MlirValue inner = mlirOperationGetOperand(op, 0);
  fxReadIndexMoveUses(st->index, mlirOperationGetResult(op, 0), plan->value);
  mlirRewriterBaseStartOpModification(rw, op);
  mlirOperationSetOperand(op, 0, plan->value);
  mlirRewriterBaseFinalizeOpModification(rw, op);
  /* `inner` no longer reaches the return through `op` (plan.value, its
   * input, now does): a stale mark would decline, in every later sweep,
   * a rewrite that a second run takes (not idempotent). */
  fxReadIndexLostView(st->index, inner);
  eraseDeadViews(rw, inner);
}

static void noteDeclined(State *st, MlirOperation op) {
  if (!fxArrayReserve((void **)&st->declined, st->numDeclined,
                      &st->capDeclined, sizeof *st->declined, 64)) {
    st->lost = true;
    return;
  }
  st->declined[st->numDeclined++] = (Declined){op, st->visits};
}

static MlirLogicalResult matchAndRewrite(MlirOperation op, MlirRewriterBase rw,
                                         void *userData) {
  State *st = userData;
  ++st->visits;
  Plan plan;
  planFor(st, op, &plan);
  /* A collapsed op reads an earlier input of its chain, and may then be
   * an identity (x reshaped and back): plan it again now, and replace it
   * if so, instead of in the next sweep, which would be one more visit of
   * every root (on a large function each visit is a cache miss,
   * docs/performance.md).  Only that: collapsing further now would let an
   * op later in this sweep collapse past a value it is an identity of,
   * and keep a reshape the sweeps one step at a time remove (an
   * adversary's case: @identity_after_one_step, test/Passes/
   * NoOpElimination/sweeps.mlir). */
  bool changed = false;
  if (plan.action == COLLAPSE) {
    collapse(st, op, rw, &plan);
    changed = true;
    planFor(st, op, &plan);
  }
  if (plan.action == REPLACE) {
    MlirValue dropped = mlirOperationGetOperand(op, 0); /* base for scatter */
    bool scatter = fxOpGetKind(op) == FX_OP_SLICE_SCATTER;
    fxReadIndexMerge(st->index, mlirOperationGetResult(op, 0), plan.value);
    mlirRewriterBaseReplaceOpWithValues(rw, op, 1, &plan.value);
    eraseDeadViews(rw, dropped);
    if (scatter) /* values below it were "not known contiguous" */
      fxLayoutsForget(&st->layouts);
    changed = true;
  }
  if (changed) {
    st->numDeclined = 0; /* planned before a rewrite: not the last sweep */
    return mlirLogicalResultSuccess();
  }
  if (plan.action == DECLINE)
    noteDeclined(st, op);
  return mlirLogicalResultFailure();
}

/* One remark per op that stays although it looks like a no-op, from the
 * last sweep, which rewrote nothing and so planned every root left as the
 * function now is: its calls are the driver's last `left` ones.  Only its
 * declined roots are planned again (for their reasons); planning every
 * root left again was one more visit of each.  The driver's `kept` counts
 * the roots left; if a candidate was lost, it plans each of them. */
static void countLeft(MlirOperation op, void *userData) {
  State *st = userData;
  ++st->left;
  if (st->lost) {
    Plan plan;
    planFor(st, op, &plan);
    if (plan.action == DECLINE)
      fxEmitRemark(mlirOperationGetLocation(op), plan.reason);
  }
}

static void remarkDeclined(State *st) {
  for (size_t i = 0; !st->lost && i < st->numDeclined; ++i) {
    if (st->declined[i].visit + st->left <= st->visits)
      continue; /* the sweep before the last, after its last rewrite */
    Plan plan;
    planFor(st, st->declined[i].op, &plan);
    if (plan.action == DECLINE)
      fxEmitRemark(mlirOperationGetLocation(st->declined[i].op), plan.reason);
  }
}

void fxRunNoOpElimination(MlirOperation func, MlirExternalPass pass) {
  State st = {fxSchemaTableCreate(func), NULL, {NULL, false}, {NULL, {0}},
              NULL, 0, 0, 0, 0, false};
  FxFunctionFacts facts = {.pass = "fx-noop-elimination"};
  if (!fxPassBeginRewrite(func, pass, st.table, &facts)) {
    fxSchemaTableDestroy(st.table);
    return;
  }
  st.index = fxReadIndexCreate(func, st.table, true, &facts.top);
  fxLayoutsInit(&st.layouts, st.table);
  st.aliases = facts.aliases;
  static const FxOpKind roots[] = {FX_OP_RESHAPE, FX_OP_VIEW, FX_OP_SLICE,
                                   FX_OP_SLICE_SCATTER};
  /* Its rewrites are its only changes: without one, MLIR need not verify
   * the function again (fxExternalPassPreserveAll). */
  if (!fxApplyRewrites(func, pass, roots, sizeof roots / sizeof roots[0],
                       matchAndRewrite, &st, FX_TOP_DOWN, countLeft,
                       &facts.top, st.index ? fxReadIndexBlockIndex : NULL,
                       st.index))
    fxExternalPassPreserveAll(pass);
  remarkDeclined(&st);
  free(st.declined);
  fxFunctionFactsFree(&facts);
  fxReadIndexDestroy(st.index);
  fxLayoutsFree(&st.layouts);
  fxSchemaTableDestroy(st.table);
}
