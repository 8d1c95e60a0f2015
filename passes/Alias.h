/* Alias.h - storage aliasing facts the fx passes share.
 *
 * fx.reshape, fx.view and fx.slice results may share their input's storage
 * (torch returns views where it can); every other fx result is a new value.
 * A value's "storage root" is what remains after walking up those view-like
 * ops; its "storage class" is the root and every value derived from it by
 * view-like ops.  In-place writes are fx.call operands whose schema marks
 * them mutated, or every operand of an fx.call without a schema.
 */
#ifndef FX_PASSES_ALIAS_H
#define FX_PASSES_ALIAS_H

#include "Fx.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fx.reshape, fx.view, fx.slice */
bool fxOpIsViewLike(MlirOperation op);

/* The value `v`'s storage comes from (v itself when not a view-like result). */
MlirValue fxStorageRoot(MlirValue v);

/* Whether fx.call `op` writes its operand `i` (NULL schema: unknown target,
 * which reads and writes every operand). */
bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema, intptr_t i);

/* The first op after `after` (in its block; ops in other blocks count as
 * after) that writes in place `v` or a value derived from `v` by view-like
 * ops; null when none. */
MlirOperation fxFindWriteAfter(MlirValue v, MlirOperation after,
                               FxSchemaTable *table);

/* Whether `v` or a value derived from it by view-like ops is returned by the
 * function (a func.return operand). */
bool fxReachesReturn(MlirValue v);

/* Whether any call or auto_functionalized of a function has a schema that
 * returns an alias of an argument (aten::copy_'s `-> Tensor(a!)`), found
 * once per pass run by fxReturnedAliasesOf.  The fx passes never add a call
 * to a new target, so a "no" holds for the whole run and lets
 * fxHasReturnedAlias skip its walk over every use of a root, which would
 * make a pass quadratic on storage every layer uses (the residual stream). */
typedef struct FxReturnedAliases {
  FxSchemaTable *table;
  bool any;
} FxReturnedAliases;

FxReturnedAliases fxReturnedAliasesOf(MlirOperation func, FxSchemaTable *table);

/* Whether the storage behind `root` may also be reached through the result
 * of a call whose schema returns an alias of an argument: `root` is such a
 * result, or it or a view of it is an operand of such a call.  The storage
 * model here does not follow those aliases; passes treat such storage as
 * shared with the unknown.  A use by `exempt` (may be null) does not
 * count. */
bool fxHasReturnedAlias(const FxReturnedAliases *aliases, MlirValue root,
                        MlirOperation exempt);

/* Index of `v` among its function's arguments, or -1 when not an argument. */
intptr_t fxFunctionArgIndex(MlirValue v);

/*===-- Regions ----------------------------------------------------------===*/

/* The part of its storage root a value covers: one interval per root dim,
 * in root coordinates.  Slices with static bounds narrow it; a reshape or
 * view that changes the type makes it unknown (overlaps everything, is
 * contained in nothing), as do symbolic or negative bounds on symbolic dims. */
#define FX_REGION_MAX_RANK 16

typedef struct FxInterval {
  bool known;
  int64_t lo, hi, step; /* elements lo, lo+step, ... below hi */
} FxInterval;

typedef struct FxRegion {
  MlirValue root;
  int rank;
  FxInterval dims[FX_REGION_MAX_RANK];
} FxRegion;

FxRegion fxRegionOf(MlirValue v);
/* Whether two regions of one root may share an element. */
bool fxRegionsOverlap(const FxRegion *a, const FxRegion *b);
/* Whether every element of `inner` is in `outer` (false when unsure). */
bool fxRegionContains(const FxRegion *outer, const FxRegion *inner);
/* Narrows `r` by slice parameters on `dim` (already normalised to >= 0). */
void fxRegionSlice(FxRegion *r, int64_t dim, MlirAttribute start,
                   MlirAttribute end, int64_t step);
/* Whether `r` is the whole of its root (every dim known and unsliced). */
bool fxRegionIsWhole(const FxRegion *r);

/* Whether `user` runs after `op`: later in the same block, or in another
 * block (conservatively). */
bool fxIsAfter(MlirOperation op, MlirOperation user);

/* The first op after `after` that reads `region` of the storage behind
 * `root`, other than `exempt` (may be null): views are followed, disjoint
 * ones skipped; a slice_scatter into the whole storage that overwrites all
 * of `region` does not read it, one that does not passes it on through its
 * result; every other use (calls, func.return) reads.  Null op when none. */
MlirOperation fxFindReadAfter(MlirValue root, const FxRegion *region,
                              MlirOperation after, MlirOperation exempt);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_ALIAS_H */
