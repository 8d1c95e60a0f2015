/* Region.c - building regions: roots, slices, reshapes, scatter preimages
 * (see Region.h; the comparisons are in RegionCompare.c). */
#include "Region.h"
#include "RegionMemo.h"
#include "Alias.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const int64_t kToTheEnd = INT64_MAX / 2; /* torch's "end" sentinel */

static void lose(FxRegion *r, const char *why) {
  if (!r->why)
    r->why = why;
}

/* Sum of stride*(count-1) over the box dims of `p` except `skip`. */
static FxExpr spanExcept(const FxPosSet *p, int skip) {
  FxExpr s = fxExprConst(0);
  for (int k = 0; k < p->numBox; ++k)
    if (k != skip)
      s = fxExprAdd(s, fxExprScale(fxExprAddConst(p->box[k].count, -1),
                                   p->box[k].stride));
  return s;
}

FxExpr fxPosSetLowerBound(const FxPosSet *p) {
  return fxExprMaxBound(p->lo, p->lb); /* lo starts the grid: always valid */
}

FxExpr fxPosSetUpperBound(const FxPosSet *p) {
  FxExpr ub = fxExprMinBound(p->ub, p->ub2);
  if (!p->exact)
    return ub;
  FxExpr last = fxExprAdd(p->lo, spanExcept(p, -1));
  return fxExprMinBound(fxExprAddConst(last, 1), ub);
}

bool fxPosSetBelow(const FxPosSet *p, FxExpr x) {
  /* The stored bounds first: the computed one costs a span (hot in the
   * overlap checks, bench/compile). */
  return fxExprLE(p->ub, x) || fxExprLE(p->ub2, x) ||
         fxExprLE(fxPosSetUpperBound(p), x);
}

/* Adds `x` to the upper bounds of `p`: it replaces one it is provably
 * below, is dropped when one is provably below it, and otherwise takes
 * the second slot (a symbol and a constant are often incomparable, and
 * each decides different questions: R[0:s0] on 12 rows vs R[s0:]). */
static void addUpperBound(FxPosSet *p, FxExpr x) {
  if (!x.known || fxExprLE(p->ub, x) || fxExprLE(p->ub2, x))
    return;
  if (!p->ub.known || fxExprLE(x, p->ub)) {
    p->ub = x;
    if (fxExprLE(p->ub, p->ub2))
      p->ub2 = fxExprUnknown();
  } else if (!p->ub2.known || fxExprLE(x, p->ub2)) {
    p->ub2 = x;
  } else {
    int64_t c;
    if (!fxExprIsConst(p->ub, &c) && fxExprIsConst(x, &c))
      p->ub = x; /* keep a constant and a symbolic one */
    else
      p->ub2 = x;
  }
}

static FxExpr dimExpr(FxDim d) {
  if (d.symbol.length) /* a dim: >= 0 whatever its form */
    return fxExprFromText(d.symbol);
  return d.size >= 0 ? fxExprConst(d.size) : fxExprUnknown();
}

static FxExpr typeDim(MlirType type, intptr_t i) {
  return dimExpr(fxTensorTypeGetDim(type, i));
}

static void makeInexact(FxRegion *r, int pos, const char *why) {
  r->pos[pos].exact = false;
  lose(r, why);
}

static void unmap(FxRegion *r, const char *why) {
  r->mapped = false;
  for (int j = 0; j < r->rank; ++j)
    makeInexact(r, j, why);
}

/*===-- Roots ---------------------------------------------------------------===*/

static void initRootNow(FxRegion *r, MlirValue root) {
  /* Everything but the positions, which are most of the record (8 of
   * about 9 KB) and of which only the first `rank` mean anything: every
   * reader stops at the rank.  Clearing all of it was a third of the
   * passes' instructions (bench/compile, callgrind). */
  memset(r, 0, offsetof(FxRegion, pos));
  r->why = NULL;
  r->root = root;
  MlirType type = mlirValueGetType(root);
  FxDim dims[FX_REGION_MAX_RANK + 1];
  intptr_t rank = fxTensorTypeGetDims(type, dims, FX_REGION_MAX_RANK + 1);
  if (!fxTypeIsATensor(type) || rank > FX_REGION_MAX_RANK) {
    r->rank = -1;
    r->why = "the tensor has more dims than the region model tracks";
    return;
  }
  r->rank = r->viewRank = (int8_t)rank;
  r->mapped = true;
  r->numPairs = (uint8_t)rank;
  for (int i = 0; i < rank; ++i) {
    FxExpr d = dimExpr(dims[i]);
    r->pos[i] = (FxPosSet){fxExprConst(0), fxExprConst(0), d, fxExprUnknown(),
                           d.known, 1, {{1, d}}};
    r->viewCount[i] = 1;
    r->pairs[i].pos = (uint8_t)i;
    r->pairs[i].box = 0;
  }
  fxRegionNormalize(r);
}

void fxRegionInitRoot(FxRegion *r, MlirValue root) {
  FxRegionMemo *m = fxRegionMemoCurrent();
  FxMemoKey k;
  if (m) {
    fxMemoKeyBegin(&k, FX_MEMO_ROOT);
    fxMemoKeyPointer(&k, mlirValueGetType(root).ptr);
    r->root = root;
    if (fxRegionMemoRecall(m, &k, r))
      return;
  }
  initRootNow(r, root);
  fxRegionMemoKeep(m, &k, r);
}

void fxRegionCopy(FxRegion *dst, const FxRegion *src) {
  memcpy(dst, src, offsetof(FxRegion, pos));
  for (int j = 0; j < src->rank && j < FX_REGION_MAX_RANK; ++j)
    memcpy(&dst->pos[j], &src->pos[j], fxPosSetUsedSize(&src->pos[j]));
  dst->why = src->why;
}

/*===-- Normal form -------------------------------------------------------===*/

static int viewOfPair(const FxRegion *r, int idx) {
  int v = 0, end = r->viewCount[0];
  while (idx >= end)
    end += r->viewCount[++v];
  return v;
}

static void removePair(FxRegion *r, int idx) {
  int v = viewOfPair(r, idx);
  memmove(&r->pairs[idx], &r->pairs[idx + 1],
          (size_t)(r->numPairs - idx - 1) * sizeof r->pairs[0]);
  --r->numPairs;
  --r->viewCount[v];
}

/* Removes box dim `b` of position `p` (and its pair, if any). */
static void removeBox(FxRegion *r, int p, int b) {
  FxPosSet *ps = &r->pos[p];
  memmove(&ps->box[b], &ps->box[b + 1],
          (size_t)(ps->numBox - b - 1) * sizeof ps->box[0]);
  --ps->numBox;
  for (int i = r->numPairs - 1; i >= 0; --i) {
    if (r->pairs[i].pos != p)
      continue;
    if (r->pairs[i].box == b)
      removePair(r, i);
    else if (r->pairs[i].box > b)
      --r->pairs[i].box;
  }
}

void fxRegionNormalize(FxRegion *r) {
  for (int p = 0; p < r->rank; ++p) {
    FxPosSet *ps = &r->pos[p];
    for (int b = ps->numBox - 1; b >= 0; --b) {
      int64_t c;
      if (!fxExprIsConst(ps->box[b].count, &c))
        continue;
      if (c <= 0)
        r->empty = true;
      else if (c == 1)
        removeBox(r, p, b); /* index always 0: adds nothing */
    }
  }
  /* Adjacent pairs of one view dim on consecutive box dims that are
   * contiguous with each other are one box dim. */
  for (int i = 0, v = 0, end = 0; i + 1 < r->numPairs; ++i) {
    while (i >= end)
      end += r->viewCount[v++];
    if (i + 1 >= end)
      continue;
    int p = r->pairs[i].pos, b = r->pairs[i].box;
    if (r->pairs[i + 1].pos != p || r->pairs[i + 1].box != b + 1)
      continue;
    FxBoxDim *outer = &r->pos[p].box[b], *inner = &r->pos[p].box[b + 1];
    int64_t co, ci, span, merged;
    if (!fxExprIsConst(outer->count, &co) || !fxExprIsConst(inner->count, &ci) ||
        __builtin_mul_overflow(inner->stride, ci, &span) ||
        span != outer->stride || __builtin_mul_overflow(co, ci, &merged))
      continue;
    outer->stride = inner->stride;
    outer->count = fxExprConst(merged);
    removeBox(r, p, b + 1);
    --i; /* the merged dim may merge with the next one too */
    v = 0;
    end = 0;
  }
}

/*===-- Slices ----------------------------------------------------------===*/

/* torch's slice bounds on a dim of extent `E`: `start`/`end` after
 * clamping, as expressions valid whenever the result is non-empty (a
 * negative count then means empty), or unknown; `endBound` is an upper
 * bound of `end` that is always valid. */
typedef struct Bounds {
  FxExpr start, end, endBound, endBound2;
} Bounds;

static Bounds clampBounds(FxExpr E, MlirAttribute startA, MlirAttribute endA) {
  Bounds b = {fxExprUnknown(), fxExprUnknown(), E, fxExprUnknown()};
  if (mlirAttributeIsAInteger(startA)) {
    int64_t s = mlirIntegerAttrGetValueInt(startA);
    /* A start past the end gives an empty slice whatever it is clamped to,
     * so only a negative start needs the extent. */
    FxExpr x = s >= 0 ? fxExprConst(s) : fxExprAddConst(E, s);
    if (fxExprNonNeg(x))
      b.start = x;
    else if (fxExprIsConst(x, &s))
      b.start = fxExprConst(0);
  } else if (mlirAttributeIsAString(startA)) {
    /* A symbol is >= 0; an expression that may be negative counts from
     * the end when it is: unknown then. */
    FxExpr sym = fxExprFromAttr(startA);
    if (fxExprNonNeg(sym))
      b.start = sym;
  }
  FxExpr e = fxExprUnknown();
  if (mlirAttributeIsAInteger(endA)) {
    int64_t v = mlirIntegerAttrGetValueInt(endA);
    if (v >= kToTheEnd)
      e = E;
    else if (v < 0)
      e = fxExprAddConst(E, v); /* below start: a negative count, empty */
    else
      e = fxExprConst(v);
  } else if (mlirAttributeIsAString(endA)) {
    e = fxExprFromAttr(endA);
    if (!fxExprNonNeg(e))
      e = fxExprUnknown(); /* may count from the end */
  }
  /* end = min(e, E): known when one is provably the smaller; both are
   * upper bounds of it either way. */
  b.endBound = e.known ? e : E;
  b.endBound2 = e.known ? E : fxExprUnknown();
  if (fxExprLE(e, E))
    b.end = e;
  else if (fxExprLE(E, e))
    b.end = E;
  return b;
}

static FxExpr sliceCount(Bounds b, int64_t step) {
  FxExpr d = fxExprSub(b.end, b.start);
  int64_t c;
  if (step == 1)
    return d;
  if (!fxExprIsConst(d, &c))
    return fxExprUnknown();
  return fxExprConst(c <= 0 ? 0 : c / step + (c % step != 0));
}

/* Restricts box dim (p, b) to its indices start + step*t, t < count, all
 * of them in [ilb, iub) (valid bounds even where start or count is
 * unknown; then the set becomes a superset and `why` says why). */
static void restrictBox(FxRegion *r, int p, int b, FxExpr start, int64_t step,
                        FxExpr count, FxExpr ilb, FxExpr iub, FxExpr iub2,
                        const char *why) {
  FxPosSet *ps = &r->pos[p];
  FxBoxDim *box = &ps->box[b];
  FxExpr others = spanExcept(ps, b);
  FxExpr newLo = fxExprAdd(ps->lo, fxExprScale(start, box->stride));
  ps->lb = fxExprMaxBound(
      ps->lb, fxExprAdd(ps->lo, fxExprScale(start.known ? start : ilb,
                                            box->stride)));
  FxExpr iubs[2] = {iub, iub2};
  for (int k = 0; k < 2; ++k)
    addUpperBound(ps, fxExprAdd(fxExprAdd(ps->lo,
                                          fxExprScale(fxExprAddConst(iubs[k], -1),
                                                      box->stride)),
                                fxExprAddConst(others, 1)));
  ps->lo = newLo;
  int64_t stride, c;
  if (fxExprIsConst(count, &c) && c <= 1)
    stride = box->stride; /* one element: the stride is never used */
  else if (__builtin_mul_overflow(box->stride, step, &stride)) {
    stride = box->stride; /* the grid stays a valid superset */
    count = fxExprUnknown();
  }
  box->stride = stride;
  box->count = count;
  if (!newLo.known || !count.known)
    makeInexact(r, p, why);
}

/* A slice of a view dim that is one box dim. */
static void sliceBox(FxRegion *r, int p, int b, MlirAttribute startA,
                     MlirAttribute endA, int64_t step, FxExpr extent) {
  FxBoxDim *box = &r->pos[p].box[b];
  FxExpr E = box->count.known ? box->count : extent;
  Bounds bd = clampBounds(E, startA, endA);
  restrictBox(r, p, b, bd.start, step, sliceCount(bd, step), fxExprConst(0),
              bd.endBound, bd.endBound2,
              bd.start.known ? "a slice end clamped against a symbolic size"
                             : "a negative start against a symbolic size");
}

/* Fixes box dim (p, b) at index `d`. */
static void fixDigit(FxRegion *r, int p, int b, int64_t d) {
  FxPosSet *ps = &r->pos[p];
  ps->lo = fxExprAdd(ps->lo, fxExprConst(0)); /* keep canonical */
  int64_t off;
  if (__builtin_mul_overflow(ps->box[b].stride, d, &off))
    ps->lo = fxExprUnknown();
  else
    ps->lo = fxExprAddConst(ps->lo, off);
  ps->box[b].count = fxExprConst(1);
}

/* Slices the mixed-radix index of pairs [first, first+m) (all counts
 * constant) to elements s, s+t, ..., n of them; false when that is not a
 * product of progressions of the box dims. */
static bool sliceRun(FxRegion *r, int first, int m, int64_t s, int64_t t,
                     int64_t n) {
  if (m == 0 || n == 0)
    return m == 0 ? n <= 1 : true;
  int p = r->pairs[first].pos, b = r->pairs[first].box;
  int64_t inner = 1, c;
  for (int l = first + 1; l < first + m; ++l) {
    if (!fxExprIsConst(r->pos[r->pairs[l].pos].box[r->pairs[l].box].count, &c) ||
        __builtin_mul_overflow(inner, c, &inner))
      return false;
  }
  int64_t last;
  if (__builtin_mul_overflow(t, n - 1, &last) ||
      __builtin_add_overflow(last, s, &last))
    return false;
  int64_t d0 = s / inner, d1 = last / inner;
  if (d0 == d1) { /* within one index of the outer box dim */
    fixDigit(r, p, b, d0);
    return sliceRun(r, first + 1, m - 1, s - d0 * inner, t, n);
  }
  FxBoxDim *box = &r->pos[p].box[b];
  if (t % inner == 0) { /* the inner digits never change */
    fixDigit(r, p, b, d0);
    int64_t stride;
    if (__builtin_mul_overflow(box->stride, t / inner, &stride))
      return false;
    box->stride = stride;
    box->count = fxExprConst(n);
    int64_t rest = s % inner;
    for (int l = first + m - 1; l > first; --l) {
      int pl = r->pairs[l].pos, bl = r->pairs[l].box;
      fxExprIsConst(r->pos[pl].box[bl].count, &c);
      fixDigit(r, pl, bl, rest % c);
      rest /= c;
    }
    return true;
  }
  if (t == 1 && s % inner == 0 && n % inner == 0) { /* whole inner blocks */
    fixDigit(r, p, b, s / inner);
    box->count = fxExprConst(n / inner);
    return true;
  }
  return false;
}

void fxRegionSlice(FxRegion *r, int64_t dim, MlirAttribute start,
                   MlirAttribute end, int64_t step, FxExpr extent) {
  if (r->rank < 0 || dim < 0 || dim >= r->viewRank || step < 1)
    return;
  if (!r->mapped) {
    unmap(r, "a slice of a view whose dims the model lost track of");
    return;
  }
  int first = 0;
  for (int v = 0; v < dim; ++v)
    first += r->viewCount[v];
  int m = r->viewCount[dim];
  if (m == 1) {
    sliceBox(r, r->pairs[first].pos, r->pairs[first].box, start, end, step,
             extent);
    fxRegionNormalize(r);
    return;
  }
  /* Several box dims (a reshape merged dims), or none (a dim of size 1). */
  int64_t E = 1, c;
  for (int l = first; l < first + m; ++l)
    if (!fxExprIsConst(r->pos[r->pairs[l].pos].box[r->pairs[l].box].count, &c) ||
        __builtin_mul_overflow(E, c, &E))
      E = -1;
  Bounds bd = clampBounds(E >= 0 ? fxExprConst(E) : extent, start, end);
  int64_t s, n;
  if (E >= 0 && fxExprIsConst(bd.start, &s) &&
      fxExprIsConst(sliceCount(bd, step), &n)) {
    if (n <= 0)
      r->empty = true;
    else if (sliceRun(r, first, m, s, step, n)) {
      fxRegionNormalize(r);
      return;
    }
  }
  unmap(r, "a slice of a dim that a reshape merged, not a box of the storage");
  fxRegionNormalize(r);
}

/*===-- Reshapes ----------------------------------------------------------===*/

/* Splits box dim (p, b) of count a*rest into (stride*rest, a) and
 * (stride, rest); pairs after (p, b) in position p shift by one. */
static bool splitBox(FxRegion *r, int pairIdx, int64_t a, int64_t rest) {
  int p = r->pairs[pairIdx].pos, b = r->pairs[pairIdx].box;
  FxPosSet *ps = &r->pos[p];
  int64_t outerStride;
  if (ps->numBox == FX_REGION_MAX_BOX || r->numPairs == FX_REGION_MAX_PAIRS ||
      __builtin_mul_overflow(ps->box[b].stride, rest, &outerStride))
    return false;
  memmove(&ps->box[b + 1], &ps->box[b],
          (size_t)(ps->numBox - b) * sizeof ps->box[0]);
  ++ps->numBox;
  ps->box[b] = (FxBoxDim){outerStride, fxExprConst(a)};
  ps->box[b + 1].count = fxExprConst(rest);
  for (int i = 0; i < r->numPairs; ++i)
    if (r->pairs[i].pos == p && r->pairs[i].box > b)
      ++r->pairs[i].box;
  /* The pair now names the outer part; the inner part follows it. */
  memmove(&r->pairs[pairIdx + 1], &r->pairs[pairIdx],
          (size_t)(r->numPairs - pairIdx) * sizeof r->pairs[0]);
  ++r->numPairs;
  r->pairs[pairIdx + 1].box = (uint8_t)(b + 1);
  return true;
}

static const char *kNotLinedUp =
    "a reshape whose dims do not line up with the sliced dims";
static const char *kTooManyPieces =
    "a reshape that cuts one dim into more pieces than the region model "
    "tracks (8 per dim, 16 in all)";

/* Regroups the pairs (the input's row-major index, digit by digit) into the
 * dims of `type`; false when the dims do not line up with the box dims, with
 * the reason in *why. */
static bool regroup(FxRegion *r, MlirType type, const char **why) {
  *why = kNotLinedUp;
  intptr_t rank = fxTensorTypeGetRank(type);
  if (rank > FX_REGION_MAX_RANK)
    return false;
  int cur = 0;
  uint8_t counts[FX_REGION_MAX_RANK] = {0};
  for (intptr_t d = 0; d < rank; ++d) {
    FxExpr D = typeDim(type, d);
    int64_t want;
    if (!fxExprIsConst(D, &want)) { /* symbolic: exactly one box dim */
      if (cur == r->numPairs ||
          !fxExprEq(r->pos[r->pairs[cur].pos].box[r->pairs[cur].box].count, D))
        return false;
      counts[d] = 1;
      ++cur;
      continue;
    }
    int64_t prod = 1;
    while (prod < want) {
      int64_t c;
      if (cur == r->numPairs ||
          !fxExprIsConst(r->pos[r->pairs[cur].pos].box[r->pairs[cur].box].count,
                         &c))
        return false;
      if (want % prod || c <= 0)
        return false;
      int64_t need = want / prod;
      if (c > need) {
        if (c % need)
          return false;
        if (!splitBox(r, cur, need, c / need)) {
          *why = kTooManyPieces;
          return false;
        }
        c = need;
      } else if (need % c) {
        return false;
      }
      prod *= c;
      ++counts[d];
      ++cur;
    }
    if (prod != want)
      return false;
  }
  if (cur != r->numPairs)
    return false;
  r->viewRank = (int8_t)rank;
  memcpy(r->viewCount, counts, sizeof counts);
  return true;
}

typedef struct SliceParams {
  int64_t dim, step;
  MlirAttribute start, end;
} SliceParams;

static MlirAttribute attrNamed(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op,
                                         mlirStringRefCreateFromCString(name));
}

static bool isInt(MlirAttribute a) {
  return !mlirAttributeIsNull(a) && mlirAttributeIsAInteger(a);
}

static bool isIntOrString(MlirAttribute a) {
  return isInt(a) || (!mlirAttributeIsNull(a) && mlirAttributeIsAString(a));
}

/* The parameters of an fx.slice or fx.slice_scatter on a view of rank
 * `viewRank`, dim normalised; false for those the verifier would reject
 * (IR it has not seen: --mlir-very-unsafe-disable-verifier-on-parsing, or
 * built through the C API), which the region model must not read. */
static bool sliceParams(MlirOperation op, int viewRank, SliceParams *p) {
  MlirAttribute dim = attrNamed(op, "dim"), step = attrNamed(op, "step");
  p->start = attrNamed(op, "start");
  p->end = attrNamed(op, "end");
  if (!isInt(dim) || !isInt(step) || !isIntOrString(p->start) ||
      !isIntOrString(p->end))
    return false;
  p->dim = mlirIntegerAttrGetValueInt(dim);
  p->dim += p->dim < 0 ? viewRank : 0;
  p->step = mlirIntegerAttrGetValueInt(step);
  return p->dim >= 0 && p->dim < viewRank && p->step >= 1;
}

static void applyViewNow(FxRegion *r, MlirOperation op) {
  if (r->rank < 0)
    return;
  MlirValue in = mlirOperationGetOperand(op, 0);
  MlirValue out = mlirOperationGetResult(op, 0);
  MlirType inType = mlirValueGetType(in), outType = mlirValueGetType(out);
  if (fxTensorTypeGetRank(inType) != r->viewRank) {
    unmap(r, "a view whose rank the model lost track of");
    r->viewRank = (int8_t)fxTensorTypeGetRank(outType);
    return;
  }
  if (fxOpGetKind(op) == FX_OP_CALL) { /* a torch view op (Alias.c) */
    MlirStringRef t = fxCallGetTarget(op);
    /* ALL: `self`'s elements (repeated, for expand); SUBSET (select.int,
     * as_strided) would need placing, which the model keeps a superset of. */
    if (!fxSchemaBuiltinView(t.data, t.length).allElements)
      unmap(r, "a torch view that picks elements (select, as_strided) is "
               "not placed by the region model");
    r->mapped = false; /* same elements (or a subset), in another order */
    r->viewRank = (int8_t)fxTensorTypeGetRank(outType);
    lose(r, "the region model does not follow the element order of a "
            "torch view (t, permute, ...)");
    return;
  }
  if (fxOpGetKind(op) == FX_OP_SLICE) {
    SliceParams p;
    if (!sliceParams(op, r->viewRank, &p)) { /* its input's, a superset */
      unmap(r, "a slice whose parameters the verifier would reject");
      r->viewRank = (int8_t)fxTensorTypeGetRank(outType);
      return;
    }
    fxRegionSlice(r, p.dim, p.start, p.end, p.step, typeDim(inType, p.dim));
    return;
  }
  if (mlirTypeEqual(inType, outType))
    return; /* an identity view: same elements, same order */
  FxRegion saved;
  fxRegionCopy(&saved, r);
  const char *why = kNotLinedUp;
  if (!r->mapped || !regroup(r, outType, &why)) {
    fxRegionCopy(r, &saved); /* same elements; their order in the view is lost */
    r->mapped = false;
    r->viewRank = (int8_t)fxTensorTypeGetRank(outType);
    lose(r, why);
    return;
  }
  fxRegionNormalize(r);
}

/* The key holds all applyViewNow reads of `op`: its name (the kind), its
 * attributes (a slice's parameters, a call's target: their dictionary,
 * uniqued, one pointer) and the types of operand 0 and result 0. */
void fxRegionApplyView(FxRegion *r, MlirOperation op) {
  FxRegionMemo *m = r->rank < 0 ? NULL : fxRegionMemoCurrent();
  FxMemoKey k;
  if (m) {
    fxMemoKeyBegin(&k, FX_MEMO_VIEW);
    fxMemoKeyRegion(&k, r);
    fxMemoKeyPointer(&k, mlirOperationGetName(op).ptr);
    fxMemoKeyPointer(&k, fxOperationGetAttrDictionary(op).ptr);
    fxMemoKeyPointer(&k, mlirValueGetType(mlirOperationGetOperand(op, 0)).ptr);
    fxMemoKeyPointer(&k, mlirValueGetType(mlirOperationGetResult(op, 0)).ptr);
    if (fxRegionMemoRecall(m, &k, r))
      return;
  }
  applyViewNow(r, op);
  fxRegionMemoKeep(m, &k, r);
}

/* The whole of a slice_scatter's result narrowed by its slice parameters.
 * Parameters the verifier would reject (IR it has not seen:
 * --mlir-very-unsafe-disable-verifier-on-parsing, or built through the C
 * API) give no region (rank -1): the whole result would claim that the
 * scatter overwrites more than it may, which fxFindReadAfter would take
 * for "nothing written survives it". */
static void scatterRegionNow(FxRegion *r, MlirOperation scatter,
                             MlirValue result) {
  fxRegionInitRoot(r, result);
  SliceParams p;
  if (r->rank < 0)
    return;
  if (!sliceParams(scatter, r->viewRank, &p)) {
    r->rank = -1;
    r->why = "a slice_scatter whose parameters the verifier would reject";
    return;
  }
  fxRegionSlice(r, p.dim, p.start, p.end, p.step,
                typeDim(mlirValueGetType(result), p.dim));
}

/* The key holds all scatterRegionNow reads: the op's name, its attributes
 * (their uniqued dictionary) and its result's type.  Not memoized, this
 * was a tenth of fx-fix-functionalization (docs/performance.md, session
 * 24). */
void fxRegionOfScatter(FxRegion *r, MlirOperation scatter) {
  MlirValue result = mlirOperationGetResult(scatter, 0);
  FxRegionMemo *m = fxRegionMemoCurrent();
  FxMemoKey k;
  if (m) {
    fxMemoKeyBegin(&k, FX_MEMO_SCATTER);
    fxMemoKeyPointer(&k, mlirOperationGetName(scatter).ptr);
    fxMemoKeyPointer(&k, fxOperationGetAttrDictionary(scatter).ptr);
    fxMemoKeyPointer(&k, mlirValueGetType(result).ptr);
    r->root = result;
    if (fxRegionMemoRecall(m, &k, r))
      return;
  }
  scatterRegionNow(r, scatter, result);
  fxRegionMemoKeep(m, &k, r);
}

void fxRegionOf(FxRegion *r, MlirValue v) {
  if (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (fxOpIsViewLike(def)) {
      fxRegionOf(r, mlirOperationGetOperand(def, 0));
      fxRegionApplyView(r, def);
      return;
    }
  }
  fxRegionInitRoot(r, v);
}

/*===-- Scatter preimages -------------------------------------------------===*/

/* Which indices of one box dim of `base` reach `w`: start + step*t for
 * t < count, within [ilb, iub); exact or a superset. */
typedef struct Hits {
  FxExpr start, count, ilb, iub;
  int64_t step;
  bool exact;
} Hits;

static Hits allOf(FxExpr count) {
  return (Hits){fxExprConst(0), count, fxExprConst(0), count, 1, count.known};
}

/* One box dim alone in its position, landing in w's set there. */
static Hits hitsOfSingle(const FxPosSet *bp, const FxPosSet *wp) {
  FxBoxDim bx = bp->box[0];
  int64_t a, b, n, q = 1, m = 1, p = bx.stride;
  if (bp->exact && wp->exact && wp->numBox <= 1 && fxExprIsConst(bp->lo, &a) &&
      fxExprIsConst(bx.count, &n) && fxExprIsConst(wp->lo, &b) &&
      (wp->numBox == 0 ||
       (fxExprIsConst(wp->box[0].count, &m) && (q = wp->box[0].stride) >= 1))) {
    /* a + p*i == b + q*k with 0 <= i < n, 0 <= k < m: the i form a
     * progression of step q/g from the smallest solution (extended gcd). */
    __int128 g0 = p, g1 = q, u0 = 1, u1 = 0;
    while (g1) {
      __int128 t = g0 / g1, tmp = g0 - t * g1;
      g0 = g1, g1 = tmp;
      tmp = u0 - t * u1, u0 = u1, u1 = tmp;
    }
    __int128 d = (__int128)b - a;
    if (d % g0)
      return (Hits){fxExprConst(0), fxExprConst(0), fxExprConst(0),
                    fxExprConst(0), 1, true};
    __int128 qg = q / g0, i0 = ((u0 % qg) * ((d / g0) % qg)) % qg;
    if (i0 < 0)
      i0 += qg;
    /* k in [0, m)  <=>  a + p*i in [b, b + q*(m-1)]. */
    __int128 lo = 0, hi = (__int128)n - 1;
    __int128 kLow = (__int128)b - a, kHigh = (__int128)b + (__int128)q * (m - 1) - a;
    if (kLow > 0)
      lo = (kLow + p - 1) / p;
    hi = kHigh < 0 ? -1 : (kHigh / p < hi ? kHigh / p : hi);
    __int128 first = lo <= i0 ? i0 : i0 + ((lo - i0 + qg - 1) / qg) * qg;
    int64_t count = first > hi ? 0 : (int64_t)((hi - first) / qg + 1);
    return (Hits){fxExprConst((int64_t)first), fxExprConst(count),
                  fxExprConst((int64_t)first),
                  fxExprConst((int64_t)(first + qg * (count ? count : 1))),
                  (int64_t)qg, true};
  }
  /* Symbolic: w's bounds (and grid) shifted into the view; only for a view
   * dim of step 1, where an index is an offset. */
  Hits h = allOf(bx.count);
  h.exact = false;
  FxExpr lb = fxExprSub(fxPosSetLowerBound(wp), bp->lo);
  if (p != 1 || !lb.known)
    return h;
  h.ilb = fxExprMaxBound(lb, fxExprConst(0));
  h.iub = fxExprMinBound(bx.count, fxExprSub(fxPosSetUpperBound(wp), bp->lo));
  h.start = fxExprUnknown();
  if (wp->lo.known && wp->numBox == 1 && fxExprNonNeg(lb)) {
    h.start = lb; /* the grid of w, shifted */
    h.step = wp->box[0].stride;
    h.count = fxExprUnknown();
    FxExpr last = fxExprAdd(lb, fxExprScale(fxExprAddConst(wp->box[0].count, -1),
                                            h.step));
    if (wp->exact && fxExprLT(last, bx.count)) {
      h.count = wp->box[0].count; /* all of w lies in the view */
      h.exact = true;
    }
  }
  return h;
}

/* Several box dims in one position, everything constant: enumerate the
 * base's elements there (within the budget) and keep, per box dim, which
 * indices reach w.  Exact when those are progressions whose product is
 * exactly the set of elements that reach w. */
static bool hitsOfStatic(const FxPosSet *bp, const FxPosSet *wp, Hits *hits) {
  int nb = bp->numBox;
  int64_t lo, counts[FX_REGION_MAX_BOX], total = 1;
  if (!bp->exact || !fxExprIsConst(bp->lo, &lo))
    return false;
  for (int k = 0; k < nb; ++k)
    if (!fxExprIsConst(bp->box[k].count, &counts[k]) || counts[k] <= 0 ||
        __builtin_mul_overflow(total, counts[k], &total) ||
        total > FX_REGION_BUDGET)
      return false;
  uint8_t *seen[FX_REGION_MAX_BOX] = {NULL};
  bool ok = true;
  for (int k = 0; k < nb && ok; ++k)
    ok = (seen[k] = calloc((size_t)counts[k], 1)) != NULL;
  int64_t idx[FX_REGION_MAX_BOX] = {0}, found = 0;
  for (int64_t e = 0; ok && e < total; ++e) {
    int64_t z = lo;
    for (int k = 0; k < nb; ++k)
      z += bp->box[k].stride * idx[k];
    FxAnswer in = fxPosSetHasElement(wp, z);
    if (in == FX_MAYBE)
      ok = false;
    else if (in == FX_YES) {
      ++found;
      for (int k = 0; k < nb; ++k)
        seen[k][idx[k]] = 1;
    }
    for (int k = nb - 1; k >= 0 && ++idx[k] == counts[k]; --k)
      idx[k] = 0;
  }
  int64_t product = 1;
  for (int k = 0; ok && k < nb; ++k) {
    int64_t first = -1, last = -1, step = 0, n = 0;
    bool progression = true;
    for (int64_t i = 0; i < counts[k]; ++i) {
      if (!seen[k][i])
        continue;
      if (n == 1)
        step = i - first;
      else if (n > 1 && i - last != step)
        progression = false;
      if (first < 0)
        first = i;
      last = i;
      ++n;
    }
    product *= n;
    hits[k] = (Hits){fxExprConst(first < 0 ? 0 : first), fxExprConst(n),
                     fxExprConst(first < 0 ? 0 : first),
                     fxExprConst(last + 1), step ? step : 1, progression};
    if (!progression)
      hits[k].start = hits[k].count = fxExprUnknown();
  }
  for (int k = 0; ok && k < nb; ++k)
    hits[k].exact = hits[k].exact && product == found;
  for (int k = 0; k < nb; ++k)
    free(seen[k]);
  return ok;
}

static void preimageNow(const FxRegion *base, const FxRegion *w,
                        MlirValue newRoot, FxRegion *out) {
  fxRegionInitRoot(out, newRoot);
  if (out->rank < 0)
    return;
  if (fxRegionOverlap(base, w, NULL) == FX_NO) {
    out->empty = true;
    return;
  }
  if (!base->mapped || base->rank < 0 || w->rank != base->rank ||
      out->viewRank != base->viewRank) {
    for (int j = 0; j < out->rank; ++j)
      makeInexact(out, j, base->why ? base->why : w->why);
    lose(out, "the scattered view's dims are not known boxes of the storage");
    return;
  }
  /* Per position of the base: which indices of each of its box dims reach
   * w; then each view dim of the result keeps those indices. */
  Hits hits[FX_REGION_MAX_RANK][FX_REGION_MAX_BOX];
  for (int p = 0; p < base->rank; ++p) {
    const FxPosSet *bp = &base->pos[p], *wp = &w->pos[p];
    if (bp->numBox == 0) { /* one index, in no view dim: is it written? */
      const char *why = NULL;
      FxAnswer in = fxPosSetContains(wp, bp, &why);
      if (in == FX_NO) {
        out->empty = true;
        return;
      }
      if (in == FX_MAYBE)
        for (int j = 0; j < out->rank; ++j)
          makeInexact(out, j, why ? why : "a scatter whose base may miss the write");
      continue;
    }
    if (bp->numBox == 1)
      hits[p][0] = hitsOfSingle(bp, wp);
    else if (!hitsOfStatic(bp, wp, hits[p]))
      for (int k = 0; k < bp->numBox; ++k) {
        hits[p][k] = allOf(bp->box[k].count);
        hits[p][k].exact = false;
      }
  }
  for (int v = 0, first = 0; v < base->viewRank;
       first += base->viewCount[v++]) {
    int outFirst = 0;
    for (int u = 0; u < v; ++u)
      outFirst += out->viewCount[u];
    if (out->viewCount[v] != 1) {
      /* Size 1: index 0 is in the preimage only if it reaches w. */
      if (base->viewCount[v] != 1)
        continue;
      Hits h = hits[base->pairs[first].pos][base->pairs[first].box];
      int64_t c = -1;
      if (fxExprIsConst(h.count, &c) && c == 0 && h.exact) {
        out->empty = true;
        return;
      }
      if (!(h.exact && c == 1))
        for (int j = 0; j < out->rank; ++j)
          makeInexact(out, j, "a scatter whose base may miss the write");
      continue;
    }
    int op = out->pairs[outFirst].pos, ob = out->pairs[outFirst].box;
    if (base->viewCount[v] != 1) { /* merged dims: keep it whole */
      makeInexact(out, op, "a scatter into a view that merges dims");
      continue;
    }
    Hits h = hits[base->pairs[first].pos][base->pairs[first].box];
    restrictBox(out, op, ob, h.start, h.step, h.count, h.ilb, h.iub,
                fxExprUnknown(), "a scatter whose region is compared symbolically");
    if (!h.exact)
      makeInexact(out, op, "a scatter whose region is compared symbolically");
  }
  fxRegionNormalize(out);
}

/* The preimage reads the new root only through fxRegionInitRoot, which
 * reads only its type: the type, uniqued, is the key's third part. */
void fxRegionPreimage(const FxRegion *base, const FxRegion *w,
                      MlirValue newRoot, FxRegion *out) {
  FxRegionMemo *m = fxRegionMemoCurrent();
  FxMemoKey k;
  if (m) {
    fxMemoKeyBegin(&k, FX_MEMO_PREIMAGE);
    fxMemoKeyRegion(&k, base);
    fxMemoKeyRegion(&k, w);
    fxMemoKeyPointer(&k, mlirValueGetType(newRoot).ptr);
    out->root = newRoot;
    if (fxRegionMemoRecall(m, &k, out))
      return;
  }
  preimageNow(base, w, newRoot, out);
  fxRegionMemoKeep(m, &k, out);
}
