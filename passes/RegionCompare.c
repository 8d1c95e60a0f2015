/* RegionCompare.c - overlap and containment of regions (see Region.h).
 *
 * Regions are products of per-position sets, so two regions overlap iff
 * every position's sets intersect, and one contains the other iff every
 * position's set does (or the inner one is empty).  Per position:
 *   - all quantities constant and exact: decided element-wise, exactly.
 *     A set is lo + sum stride_k*i_k; the comparison splits the box dim with
 *     the largest stride into its sub-boxes, skipping those whose bounding
 *     interval misses the other set, down to single progressions (solved
 *     with the extended gcd) or single elements (membership), within
 *     FX_REGION_BUDGET steps;
 *   - otherwise: disjoint when the bounding intervals are provably apart
 *     or the grids provably out of phase; contained when the outer set is
 *     an exact single progression whose bounds and grid provably include
 *     the inner set's; FX_MAYBE in every other case.
 */
#include "Region.h"
#include "RegionMemo.h"

#include <stdlib.h>

typedef __int128 Wide; /* products of in-range int64 quantities fit */

/* A position's set with constant quantities, box dims by stride, largest
 * first. */
typedef struct Box {
  int n;
  int64_t lo, stride[FX_REGION_MAX_BOX], count[FX_REGION_MAX_BOX];
} Box;

static bool toBox(const FxPosSet *p, Box *b) {
  if (!p->exact || !fxExprIsConst(p->lo, &b->lo))
    return false;
  b->n = 0;
  for (int k = 0; k < p->numBox; ++k) {
    int64_t c;
    if (!fxExprIsConst(p->box[k].count, &c))
      return false;
    if (c <= 0) { /* empty: one dim of count 0 says so */
      b->n = 1, b->stride[0] = 1, b->count[0] = 0;
      return true;
    }
    if (c == 1)
      continue;
    int i = b->n++;
    for (; i > 0 && b->stride[i - 1] < p->box[k].stride; --i) {
      b->stride[i] = b->stride[i - 1];
      b->count[i] = b->count[i - 1];
    }
    b->stride[i] = p->box[k].stride;
    b->count[i] = c;
  }
  return true;
}

static bool boxEmpty(const Box *b) {
  for (int k = 0; k < b->n; ++k)
    if (b->count[k] <= 0)
      return true;
  return false;
}

static Wide spanFrom(const Box *b, int from) {
  Wide s = 0;
  for (int k = from; k < b->n; ++k)
    s += (Wide)b->stride[k] * (b->count[k] - 1);
  return s;
}

static Wide floorDiv(Wide a, Wide b) {
  Wide q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static Wide ceilDiv(Wide a, Wide b) { return -floorDiv(-a, b); }

/* Indices y of box dim `from` whose sub-box [lo + st*y, +span] meets
 * [zLo, zHi]. */
static void indexRange(const Box *b, int from, Wide lo, Wide zLo, Wide zHi,
                       Wide *yLo, Wide *yHi) {
  Wide st = b->stride[from], rest = spanFrom(b, from + 1);
  *yLo = ceilDiv(zLo - lo - rest, st);
  *yHi = floorDiv(zHi - lo, st);
  if (*yLo < 0)
    *yLo = 0;
  if (*yHi > b->count[from] - 1)
    *yHi = b->count[from] - 1;
}

/* Whether z is lo + sum_{k >= from} stride_k*i_k. */
static FxAnswer member(const Box *b, int from, Wide lo, Wide z, long *budget) {
  if (from == b->n)
    return z == lo ? FX_YES : FX_NO;
  Wide yLo, yHi;
  indexRange(b, from, lo, z, z, &yLo, &yHi);
  FxAnswer answer = FX_NO;
  for (Wide y = yLo; y <= yHi; ++y) {
    if (--*budget < 0)
      return FX_MAYBE;
    FxAnswer r = member(b, from + 1, lo + b->stride[from] * y, z, budget);
    if (r == FX_YES)
      return r;
    if (r == FX_MAYBE)
      answer = r;
  }
  return answer;
}

/* Whether a + p*x == b + q*y for some 0 <= x < n, 0 <= y < m. */
static FxAnswer progressionsMeet(Wide a, Wide p, Wide n, Wide b, Wide q,
                                 Wide m) {
  Wide g0 = p, g1 = q, u0 = 1, u1 = 0;
  while (g1) { /* p*u0 == g0 (mod q) throughout */
    Wide t = g0 / g1, tmp = g0 - t * g1;
    g0 = g1, g1 = tmp;
    tmp = u0 - t * u1, u0 = u1, u1 = tmp;
  }
  Wide d = b - a;
  if (d % g0)
    return FX_NO;
  /* x = x0 + (q/g)*t;  then y = (a + p*x - b) / q. */
  Wide qg = q / g0, x0 = ((u0 % qg) * ((d / g0) % qg)) % qg;
  if (x0 < 0)
    x0 += qg;
  /* y in [0, m)  <=>  a + p*x in [b, b + q*(m-1)]. */
  Wide xLo = ceilDiv(b - a, p), xHi = floorDiv(b + q * (m - 1) - a, p);
  if (xLo < 0)
    xLo = 0;
  if (xHi > n - 1)
    xHi = n - 1;
  if (xLo > xHi)
    return FX_NO;
  Wide first = x0 + ceilDiv(xLo - x0, qg) * qg;
  return first <= xHi ? FX_YES : FX_NO;
}

static FxAnswer overlapBoxes(const Box *A, int fa, Wide la, const Box *B,
                             int fb, Wide lb, long *budget) {
  Wide ha = la + spanFrom(A, fa), hb = lb + spanFrom(B, fb);
  if (ha < lb || hb < la)
    return FX_NO;
  int na = A->n - fa, nb = B->n - fb;
  if (na == 0)
    return member(B, fb, lb, la, budget);
  if (nb == 0)
    return member(A, fa, la, lb, budget);
  if (na == 1 && nb == 1)
    return progressionsMeet(la, A->stride[fa], A->count[fa], lb, B->stride[fb],
                            B->count[fb]);
  if (A->stride[fa] < B->stride[fb]) /* split the coarser one */
    return overlapBoxes(B, fb, lb, A, fa, la, budget);
  Wide xLo, xHi;
  indexRange(A, fa, la, lb, hb, &xLo, &xHi);
  FxAnswer answer = FX_NO;
  for (Wide x = xLo; x <= xHi; ++x) {
    if (--*budget < 0)
      return FX_MAYBE;
    FxAnswer r =
        overlapBoxes(A, fa + 1, la + A->stride[fa] * x, B, fb, lb, budget);
    if (r == FX_YES)
      return r;
    if (r == FX_MAYBE)
      answer = r;
  }
  return answer;
}

/* Every element of I's sub-box from `fi` at `li` is in O's from `fo`. */
static FxAnswer containBoxes(const Box *O, int fo, Wide lo, const Box *I,
                             int fi, Wide li, long *budget) {
  if (li < lo || li + spanFrom(I, fi) > lo + spanFrom(O, fo))
    return FX_NO;
  int ni = I->n - fi, no = O->n - fo;
  if (ni == 0)
    return member(O, fo, lo, li, budget);
  if (no == 0)
    return FX_NO; /* one element cannot hold two */
  if (no == 1) { /* bounds hold; every element on O's grid? */
    Wide q = O->stride[fo];
    if ((li - lo) % q)
      return FX_NO;
    for (int k = fi; k < I->n; ++k)
      if (I->stride[k] % q)
        return FX_NO;
    return FX_YES;
  }
  FxAnswer answer = FX_YES;
  for (Wide x = 0; x < I->count[fi]; ++x) {
    if (--*budget < 0)
      return FX_MAYBE;
    FxAnswer r =
        containBoxes(O, fo, lo, I, fi + 1, li + I->stride[fi] * x, budget);
    if (r == FX_NO)
      return r;
    if (r == FX_MAYBE)
      answer = r;
  }
  return answer;
}

FxAnswer fxPosSetHasElement(const FxPosSet *p, int64_t z) {
  Box b;
  if (!toBox(p, &b))
    return FX_MAYBE;
  if (boxEmpty(&b))
    return FX_NO;
  long budget = FX_REGION_BUDGET;
  return member(&b, 0, b.lo, z, &budget);
}

/*===-- Per position --------------------------------------------------------===*/

static const char *kTooLarge =
    "the regions are too large to compare element by element";
static const char *kSymbolic = "symbolic bounds that cannot be ordered";

static bool provablyEmpty(const FxPosSet *p) {
  for (int k = 0; k < p->numBox; ++k)
    if (fxExprLE(p->box[k].count, fxExprConst(0)))
      return true;
  return fxPosSetBelow(p, fxPosSetLowerBound(p));
}

static int64_t gcd64(int64_t a, int64_t b) {
  while (b) {
    int64_t t = a % b;
    a = b, b = t;
  }
  return a;
}

/* gcd of the strides of `p`: every element is lo + a multiple of it. */
static int64_t gridOf(const FxPosSet *p) {
  int64_t g = 0;
  for (int k = 0; k < p->numBox; ++k)
    g = gcd64(g, p->box[k].stride);
  return g;
}

static FxAnswer containsPos(const FxPosSet *o, const FxPosSet *i,
                            const char **why);

/* Two positions whose sets are static (toBox). */
static FxAnswer overlapStatic(const Box *A, const Box *B, const char **why) {
  if (boxEmpty(A) || boxEmpty(B))
    return FX_NO;
  long budget = FX_REGION_BUDGET;
  FxAnswer r = overlapBoxes(A, 0, A->lo, B, 0, B->lo, &budget);
  if (r == FX_MAYBE)
    *why = kTooLarge;
  return r;
}

/* Two positions of which at least one set is symbolic. */
static FxAnswer overlapSymbolic(const FxPosSet *a, const FxPosSet *b,
                                const char **why) {
  if (provablyEmpty(a) || provablyEmpty(b) ||
      fxPosSetBelow(a, fxPosSetLowerBound(b)) ||
      fxPosSetBelow(b, fxPosSetLowerBound(a)))
    return FX_NO;
  int64_t delta, g = gcd64(gridOf(a), gridOf(b));
  if (g > 1 && fxExprIsConst(fxExprSub(a->lo, b->lo), &delta) && delta % g)
    return FX_NO; /* interleaved: never the same element */
  const char *unused;
  if (containsPos(a, b, &unused) == FX_YES || containsPos(b, a, &unused) == FX_YES)
    return FX_YES; /* one holds the other: they meet unless it is empty */
  *why = kSymbolic;
  return FX_MAYBE;
}

static FxAnswer containsPos(const FxPosSet *o, const FxPosSet *i,
                            const char **why) {
  Box O, I;
  if (toBox(o, &O) && toBox(i, &I)) {
    if (boxEmpty(&I))
      return FX_YES;
    if (boxEmpty(&O))
      return FX_NO;
    long budget = FX_REGION_BUDGET;
    FxAnswer r = containBoxes(&O, 0, O.lo, &I, 0, I.lo, &budget);
    if (r == FX_MAYBE)
      *why = kTooLarge;
    return r;
  }
  if (provablyEmpty(i))
    return FX_YES;
  *why = kSymbolic;
  if (!o->exact || o->numBox > 1)
    return FX_MAYBE;
  if (o->numBox == 0) /* one element */
    return i->exact && i->numBox == 0 && fxExprEq(i->lo, o->lo) ? FX_YES
                                                                 : FX_MAYBE;
  int64_t q = o->box[0].stride, delta;
  bool onGrid = q == 1 || (fxExprIsConst(fxExprSub(i->lo, o->lo), &delta) &&
                           delta % q == 0 && gridOf(i) % q == 0);
  if (onGrid && fxExprLE(o->lo, fxPosSetLowerBound(i)) &&
      fxPosSetBelow(i, fxExprAddConst(fxExprAdd(o->lo, fxExprScale(fxExprAddConst(
                                                            o->box[0].count, -1),
                                                        q)),
                                      1)))
    return FX_YES;
  return FX_MAYBE;
}

FxAnswer fxPosSetContains(const FxPosSet *outer, const FxPosSet *inner,
                          const char **why) {
  const char *dummy;
  return containsPos(outer, inner, why ? why : &dummy);
}

/*===-- Regions ------------------------------------------------------------===*/

static const char *reasonOf(const FxRegion *a, const FxRegion *b,
                            const char *fallback) {
  return a->why ? a->why : b->why ? b->why : fallback;
}

static FxAnswer overlapNow(const FxRegion *a, const FxRegion *b,
                           const char **why) {
  const char *dummy;
  why = why ? why : &dummy;
  if (a->empty || b->empty)
    return FX_NO;
  if (a->rank < 0 || a->rank != b->rank) {
    *why = reasonOf(a, b, "the regions have different ranks");
    return FX_MAYBE;
  }
  /* The answer is FX_NO when any position's is, else FX_MAYBE with the
   * reason of the first FX_MAYBE by index, else FX_YES: the same in any
   * order of evaluation.  Positions whose sets are both static are decided
   * by integer arithmetic (toBox), the others by symbolic comparisons that
   * cost far more; so the static ones go first, and one of them disjoint
   * ends the check (column slices of a [s0, N] tensor: dim 1 says FX_NO,
   * dim 0 is never compared). */
  FxAnswer r[FX_REGION_MAX_RANK];
  const char *w[FX_REGION_MAX_RANK];
  bool decided[FX_REGION_MAX_RANK];
  for (int pass = 0; pass < 2; ++pass)
    for (int j = 0; j < a->rank; ++j) {
      Box A, B;
      if (pass == 0 && !(decided[j] = toBox(&a->pos[j], &A) &&
                                      toBox(&b->pos[j], &B)))
        continue;
      if (pass == 1 && decided[j])
        continue;
      w[j] = NULL;
      r[j] = pass == 0 ? overlapStatic(&A, &B, &w[j])
                       : overlapSymbolic(&a->pos[j], &b->pos[j], &w[j]);
      if (r[j] == FX_NO)
        return FX_NO;
    }
  for (int j = 0; j < a->rank; ++j)
    if (r[j] == FX_MAYBE) {
      *why = reasonOf(a, b, w[j]);
      return FX_MAYBE;
    }
  return FX_YES;
}

static FxAnswer containsNow(const FxRegion *outer, const FxRegion *inner,
                            const char **why) {
  const char *dummy;
  why = why ? why : &dummy;
  if (inner->empty)
    return FX_YES;
  if (outer->rank < 0 || outer->rank != inner->rank || outer->empty) {
    *why = reasonOf(outer, inner, outer->empty
                                      ? "the outer region is empty"
                                      : "the regions have different ranks");
    return FX_MAYBE;
  }
  FxAnswer answer = FX_YES;
  for (int j = 0; j < outer->rank; ++j) {
    const char *w = NULL;
    FxAnswer r = containsPos(&outer->pos[j], &inner->pos[j], &w);
    if (r == FX_NO)
      return r;
    if (r == FX_MAYBE && answer == FX_YES) {
      answer = r;
      *why = reasonOf(outer, inner, w);
    }
  }
  return answer;
}

/* Asks `now` unless the thread's memo (RegionMemo.h) has the answer. */
static FxAnswer remembered(FxMemoQuestion q,
                           FxAnswer (*now)(const FxRegion *, const FxRegion *,
                                           const char **),
                           const FxRegion *a, const FxRegion *b,
                           const char **why) {
  FxRegionMemo *m = fxRegionMemoCurrent();
  if (!m)
    return now(a, b, why);
  FxMemoKey k;
  fxMemoKeyBegin(&k, q);
  fxMemoKeyRegion(&k, a);
  fxMemoKeyRegion(&k, b);
  FxMemoAnswer got;
  if (!fxRegionMemoFind(m, &k, &got, NULL)) {
    /* A sentinel tells whether the question set its reason. */
    static const char kUnset[] = "";
    const char *w = kUnset;
    got.answer = now(a, b, &w);
    got.wrote = w != kUnset;
    got.why = got.wrote ? w : NULL;
    fxRegionMemoPut(m, &k, &got, NULL);
  }
  if (got.wrote && why)
    *why = got.why;
  return got.answer;
}

FxAnswer fxRegionOverlap(const FxRegion *a, const FxRegion *b,
                         const char **why) {
  return remembered(FX_MEMO_OVERLAP, overlapNow, a, b, why);
}

FxAnswer fxRegionContains(const FxRegion *outer, const FxRegion *inner,
                          const char **why) {
  return remembered(FX_MEMO_CONTAINS, containsNow, outer, inner, why);
}

bool fxRegionIsWhole(const FxRegion *r) {
  FxRegion whole;
  fxRegionInitRoot(&whole, r->root);
  return fxRegionContains(r, &whole, NULL) == FX_YES;
}
