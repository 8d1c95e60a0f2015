/* Region.h - which elements of its storage a view covers (the region model).
 *
 * A value reached from a storage root through fx.slice / fx.reshape /
 * fx.view covers a set of the root's elements: its region.  Elements are
 * named by their index in the root's own (logical) coordinates, so the
 * model does not need the root's memory layout: a slice picks an
 * arithmetic progression of one dim; a reshape re-reads the same elements
 * in row-major order, which is true whether torch made it a view or a copy
 * (a copy shares nothing, so treating it as a view only adds overlaps: the
 * conservative side).
 *
 * Representation.  Per root dim j (a "position") the region holds a set
 *   S_j = { lo + sum_k stride_k * i_k  :  0 <= i_k < count_k }
 * (one "box dim" k per slice-able piece: one for a sliced dim, several where
 * a reshape split the dim), and the region is the product of the S_j.  A
 * slice of a view dim that a reshape merged from several box dims is
 * placed exactly when it is a box of them (whole inner blocks, one outer
 * index, or a step that is a multiple of the inner block); otherwise the
 * view's elements are no longer a product and the model keeps a superset.  The
 * view's own dims map, in row-major order, onto runs of box dims ("pairs"):
 * that mapping is what lets a slice of a reshaped view be placed exactly.
 * Quantities are FxExprs (SymExpr.h): integers, or symbols where the dims
 * are symbolic.  A position is `exact` when its set is exactly as described;
 * otherwise the description is a superset: every element lies on the grid
 * lo + stride_k*N (when lo is known) and in [lb, ub).  Nothing is guessed: a
 * negative start or a clamped end against a symbolic size, or a reshape or
 * slice the mapping cannot follow, makes the affected sets supersets and
 * records why (`why`).
 *
 * Answers are exact for static quantities (within FX_REGION_BUDGET steps of
 * the element-wise comparison), decided by comparing canonical symbolic
 * expressions when symbolic, and FX_MAYBE otherwise; callers treat
 * FX_MAYBE as "may overlap" / "not contained" and may report `why`.
 *
 * Values only: an FxRegion owns nothing and may be copied (fxRegionCopy
 * copies just the part that means anything).
 */
#ifndef FX_PASSES_REGION_H
#define FX_PASSES_REGION_H

#include "SymExpr.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FX_REGION_MAX_RANK 8 /* FXRT_MAX_RANK: the verifier's rank limit */
#define FX_REGION_MAX_BOX 8  /* box dims per position */
#define FX_REGION_MAX_PAIRS 16
#define FX_REGION_BUDGET 65536 /* steps of one static comparison */

typedef enum FxAnswer { FX_NO = 0, FX_YES = 1, FX_MAYBE = 2 } FxAnswer;

typedef struct FxBoxDim {
  int64_t stride; /* >= 1 */
  FxExpr count;
} FxBoxDim;

typedef struct FxPosSet {
  FxExpr lo;     /* first element (of the grid when not exact) */
  FxExpr lb, ub; /* every element is in [lb, ub) */
  FxExpr ub2;    /* and below ub2 (a second bound neither ub is provably
                    below or above, e.g. a symbol and a constant) */
  bool exact;
  uint8_t numBox;
  FxBoxDim box[FX_REGION_MAX_BOX];
} FxPosSet;

typedef struct FxRegion {
  MlirValue root;
  int8_t rank;   /* root rank; -1: not a region we can describe */
  bool empty;    /* provably no element */
  bool mapped;   /* view dims -> pairs known */
  int8_t viewRank;
  uint8_t viewFirst[FX_REGION_MAX_RANK], viewCount[FX_REGION_MAX_RANK];
  uint8_t numPairs;
  struct {
    uint8_t pos, box;
  } pairs[FX_REGION_MAX_PAIRS];
  FxPosSet pos[FX_REGION_MAX_RANK];
  const char *why; /* first reason precision was lost; NULL while exact */
} FxRegion;

/* Bounds every element of `p` lies within: [lower, upper). */
FxExpr fxPosSetLowerBound(const FxPosSet *p);
FxExpr fxPosSetUpperBound(const FxPosSet *p);
/* Whether every element of `p` is provably below `x` (by any bound). */
bool fxPosSetBelow(const FxPosSet *p, FxExpr x);
/* Whether every element of `inner` is in `outer` (FX_YES a proof). */
FxAnswer fxPosSetContains(const FxPosSet *outer, const FxPosSet *inner,
                          const char **why);

/* Whether constant `z` is in `p` (FX_MAYBE unless `p` is exact and
 * constant, or the element-wise check runs out of budget). */
FxAnswer fxPosSetHasElement(const FxPosSet *p, int64_t z);

/* Drops box dims of count 1, merges contiguous ones, notes emptiness. */
void fxRegionNormalize(FxRegion *r);

/* `*dst = *src`, copying only the positions below the rank and, of each,
 * the box dims below its numBox (the rest of the 9 KB record means
 * nothing: fxRegionInitRoot leaves it unset, and no question reads a box
 * dim past numBox). */
void fxRegionCopy(FxRegion *dst, const FxRegion *src);
/* The bytes of position `p` that mean anything: all but its box dims past
 * numBox (a prefix of the record). */
static inline size_t fxPosSetUsedSize(const FxPosSet *p) {
  return offsetof(FxPosSet, box) + (size_t)p->numBox * sizeof p->box[0];
}
/* The whole of `root` (a value whose storage is its own). */
void fxRegionInitRoot(FxRegion *r, MlirValue root);
/* `r`, the region of view-like op `op`'s input, becomes its result's. */
void fxRegionApplyView(FxRegion *r, MlirOperation op);
/* The region of `v` in its storage root (fxStorageRoot), walking up. */
void fxRegionOf(FxRegion *r, MlirValue v);
/* The elements slice_scatter `scatter`'s `src` overwrites, in the
 * coordinates of its result (the result is the root); no region (rank -1)
 * for parameters the verifier would reject. */
void fxRegionOfScatter(FxRegion *r, MlirOperation scatter);
/* Narrows `r` by slice parameters on view dim `dim` (normalised, >= 0);
 * `extent` is the dim's size from the type, used when the region does not
 * know it. */
void fxRegionSlice(FxRegion *r, int64_t dim, MlirAttribute start,
                   MlirAttribute end, int64_t step, FxExpr extent);

/* Whether two regions of one root may share an element.  FX_NO is a proof;
 * FX_YES means they share one unless one of them is empty (a symbolic size
 * may be 0 at run time: then nothing is shared, and treating it as shared is
 * merely conservative); FX_MAYBE comes with a reason in *why (may be NULL). */
FxAnswer fxRegionOverlap(const FxRegion *a, const FxRegion *b,
                         const char **why);
/* Whether every element of `inner` is in `outer` (same root). */
FxAnswer fxRegionContains(const FxRegion *outer, const FxRegion *inner,
                          const char **why);
/* Whether `r` is every element of its root. */
bool fxRegionIsWhole(const FxRegion *r);

/* The elements of `w` that view `base` covers, in the coordinates of a new
 * root `newRoot` laid out like `base` (a slice_scatter's result); a superset
 * where it cannot be computed exactly.  `base` and `w` share a root. */
void fxRegionPreimage(const FxRegion *base, const FxRegion *w,
                      MlirValue newRoot, FxRegion *out);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_REGION_H */
