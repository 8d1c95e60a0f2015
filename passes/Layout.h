/* Layout.h - what the passes know about memory layouts.
 *
 * The runtime gives every new tensor (a call's own result, the new value of
 * an auto_functionalized operand, a slice_scatter's result) fresh
 * row-major contiguous storage.  A rewrite that makes such a value stand for
 * another one (its operand, a scatter's source or base) may change the
 * layout a later fx.view sees, and an fx.view that cannot view its input is
 * an error (DESIGN §2): such rewrites need the replacement to be known
 * contiguous, or no fx.view among the replaced value's views.
 *
 * Ownership: FxLayouts is a per-pass-run cache; fxLayoutsInit /
 * fxLayoutsFree.  It refers to, and does not own, the schema table.
 */
#ifndef FX_PASSES_LAYOUT_H
#define FX_PASSES_LAYOUT_H

#include "fxir/Fx.h"
#include "PtrMap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxLayouts {
  FxSchemaTable *table;
  FxPtrMap memo; /* value -> fxKnownContiguous, once computed */
} FxLayouts;

void fxLayoutsInit(FxLayouts *layouts, FxSchemaTable *table);
void fxLayoutsFree(FxLayouts *layouts);
/* Forgets every remembered answer.  Call after a rewrite that makes a
 * value stand for one laid out differently from what the answers assumed:
 * a scatter replaced by its base or source (taken as "not known
 * contiguous"), a new value replaced by a clone (taken as laid out like
 * the operand).  The answers stay sound (conservative) without it, but a
 * second run of the pass would then find more to do (round 8). */
void fxLayoutsForget(FxLayouts *layouts);

/* Whether `v` has row-major contiguous layout for sure (remembered for
 * every value on the way, so a chain of reshapes is walked once).  Call
 * results are new contiguous tensors unless their schema return carries an
 * alias set; a value a view, reshape, whole-row slice, scatter or
 * auto_functionalized keeps from its input is laid out like it (the
 * conservative reading: the runtime allocates new values contiguous, but
 * the passes may replace them by their input); a slice_scatter result is
 * never known contiguous (the passes may make it its base or its source);
 * arguments have the layout their `fx.strides` declare (include/fxir/Fx.h),
 * any layout without. */
bool fxKnownContiguous(FxLayouts *layouts, MlirValue v);

/* Whether a reshape from type `in` to type `out` only splits dims (and
 * adds or drops dims of size 1): each dim of `in` becomes a run of dims of
 * `out` with its size as their product.  torch's view rule
 * (at::computeStride) accepts such a reshape whatever the strides, since
 * the dims of one run are contiguous with each other: it never copies, and
 * its result has the same contiguous chunks as its input (so a later
 * reshape of either views or copies alike). */
bool fxReshapeOnlySplits(MlirType in, MlirType out);

/* Whether an fx.view or an aten::as_strided (the views whose result
 * depends on the input's strides) is among `v`'s views (reshapes, views and slices of
 * it, followed, and the results of ops that may return it as an alias,
 * fxUseMayComeBack: aten::copy_'s `self`), or an op fxir does not know
 * (func.call: its callee may view it): where a layout change of `v` would
 * be seen; *view is the first one found (null when out of memory, which
 * also answers true).  func.return is not such a place (a result's layout
 * is not part of a function's contract, docs/passes.md). */
bool fxHasViewUse(MlirValue v, FxSchemaTable *table, MlirOperation *view);
/* How many results of ops that may return `v` (fxUseMayComeBack) the walk
 * follows: past that it answers "there may be one" with a null *view (a
 * macro, for remarks that name it). */
#define FX_LAYOUT_MAX_FOLLOWED 4096
/* fxHasViewUse, and in the same walk the same question for an fx.view or
 * a non-identity fx.reshape (where a change of layout may turn a view into
 * a copy, or fail): whether there is one, and the first found (null when
 * out of memory, which also answers true). */
typedef struct FxLayoutUse {
  bool found;
  MlirOperation op;
} FxLayoutUse;
bool fxHasViewOrReshapeUse(MlirValue v, FxSchemaTable *table,
                           MlirOperation *view, FxLayoutUse *reshape);
/* What the op fxHasViewUse / fxHasViewOrReshapeUse found is, for a remark:
 * "fx.view", "fx.reshape", "aten::as_strided" or "a call whose callee may
 * view or reshape it"
 * (a func.call: the callee is out of the passes' sight). */
const char *fxLayoutUseKind(MlirOperation op);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_LAYOUT_H */
