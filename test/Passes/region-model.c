// RUN: fx-passes-region-model-test | FileCheck %s

/* region-model.c - a randomized differential test of the region model
 * (passes/Region.h, Region.c, RegionCompare.c, SymExpr.c) against a brute
 * force.
 *
 * Each case is a function whose first argument is a storage root (1-4
 * dims, static, or with one or two dims "s0") with a tree of random
 * fx.slice / fx.reshape / fx.view ops below it (Inputs/region-model/
 * programs.c): slices of any dim, negative dims too, starts and ends
 * negative, past the end or torch's "to the end" sentinel, steps 1..5;
 * reshapes that split dims, merge them, move a symbolic dim, or merge and
 * split symbolic dims into fresh symbols.  Result types are torch's; where a
 * slice of a symbolic size has no static length, the result dim is a fresh
 * symbol (an !fx.sym argument) or the static length a torch guard would
 * fix.  Most cases have one or two further roots with the layout of one of
 * the views and views of their own: they stand for a slice_scatter into that
 * view, as fxFindReadAfter (passes/Alias.c) uses fxRegionPreimage.
 *
 * The brute force simulates every view as the array of its root's elements
 * (row-major linear indices) in the view's own row-major order, as torch
 * does, for each binding of s0 in 0..SYM_MAX; bindings for which a static
 * dim of a type disagrees with the computed size are skipped (that program
 * fails at run time).  For every binding:
 *   - soundness: fxRegionOverlap NO => disjoint; YES => they share an
 *     element unless one is empty; fxRegionContains YES => subset;
 *   - each region's own description (Region.h: per root dim a progression
 *     when `exact`, else grid and bounds) holds every element of the value,
 *     is exactly its elements when every dim is exact, is `empty` only when
 *     the value is, and when `mapped` places each element of the value where
 *     the brute force does;
 *   - fxRegionPreimage(B, W, P) holds every element of B that W covers
 *     (exactly those when every dim claims exactness), and overlap and
 *     containment against P's own views stay sound.
 * Exactness where the model promises it (docs/passes.md, Region.h): for
 * values reached from a static root by slices and dim-splitting reshapes
 * only, fxRegionOverlap never answers MAYBE and fxRegionContains answers
 * YES exactly when the inner set is a subset.
 *
 * Hand-written cases come first: F2 (a strided write against a scatter into
 * an offset view) and F4 (a negative start after an end clamped against a
 * symbolic size) of ../shared/repro, the even/odd-rows precision
 * docs/passes.md promises for symbolic sizes, and a defect this test found.
 * A failure prints the function cut down to the values involved, the
 * binding, the true sets and the model's regions; `--only=N` reruns random
 * case N alone (with the same --seed).
 */
#include "fxir/Fx.h"
#include "Inputs/region-model/programs.h"
#include "Region.h"
#include "RegionMemo.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  NUM_PROGRAMS = 6000,
  MAX_REPORTS = 8, /* failures printed in full, at most 2 per program */
};

/*===-- What a region claims ----------------------------------------------===*/

static bool evalExpr(FxExpr e, const Binding *b, int64_t *out) {
  if (!e.known)
    return false;
  int64_t r = e.constant;
  for (int t = 0; t < e.numTerms; ++t) {
    MlirStringRef s = e.terms[t].symbol;
    int k = 0;
    if (s.length < 2 || s.data[0] != 's')
      return false;
    for (size_t c = 1; c < s.length; ++c) {
      if (s.data[c] < '0' || s.data[c] > '9')
        return false;
      k = 10 * k + (s.data[c] - '0');
    }
    if (k >= MAX_SYMS || !b->set[k])
      return false;
    r += e.terms[t].coeff * b->val[k];
  }
  *out = r;
  return true;
}

static int64_t gcd(int64_t a, int64_t b) {
  while (b) {
    int64_t t = a % b;
    a = b, b = t;
  }
  return a;
}

/* Per root dim j and coordinate x: `may` - x may be in the region (the
 * position's bounds, grid and, when exact, progression); `is` - x is in the
 * exact progression.  `bad` names a claim that cannot hold. */
typedef struct Claim {
  bool untracked, empty, allExact;
  bool may[MAX_RANK][MAX_ELEMS], is[MAX_RANK][MAX_ELEMS];
  char bad[160];
} Claim;

static void claimPos(const FxPosSet *ps, int j, int64_t size, const Binding *b,
                     Claim *c) {
  int64_t lo, lb, ub, g = 0;
  bool hasLo = evalExpr(ps->lo, b, &lo), hasLb = evalExpr(ps->lb, b, &lb),
       hasUb = evalExpr(ps->ub, b, &ub);
  for (int k = 0; k < ps->numBox; ++k)
    g = gcd(g, ps->box[k].stride);
  for (int64_t x = 0; x < size; ++x) {
    bool in = (!hasLb || x >= lb) && (!hasUb || x < ub);
    if (hasLo)
      in = in && x >= lo && (g ? (x - lo) % g == 0 : x == lo);
    c->may[j][x] = in;
    c->is[j][x] = false;
  }
  if (!ps->exact) {
    c->allExact = false;
    return;
  }
  int64_t count[FX_REGION_MAX_BOX], total = 1;
  if (!hasLo) {
    snprintf(c->bad, sizeof c->bad, "dim %d is exact but its start is unknown",
             j);
    return;
  }
  for (int k = 0; k < ps->numBox; ++k) {
    if (!evalExpr(ps->box[k].count, b, &count[k])) {
      snprintf(c->bad, sizeof c->bad, "dim %d is exact but a count is unknown",
               j);
      return;
    }
    total = count[k] <= 0 ? 0 : total * count[k];
    if (total > MAX_ELEMS) {
      snprintf(c->bad, sizeof c->bad,
               "dim %d claims more elements than the root has", j);
      return;
    }
  }
  int64_t digit[FX_REGION_MAX_BOX] = {0};
  for (int64_t t = 0; t < total; ++t) {
    int64_t x = lo, rem = t;
    for (int k = ps->numBox - 1; k >= 0; --k) {
      digit[k] = rem % count[k];
      rem /= count[k];
      x += ps->box[k].stride * digit[k];
    }
    if (x < 0 || x >= size) {
      snprintf(c->bad, sizeof c->bad,
               "dim %d is exact and holds %" PRId64
               ", outside the root's [0, %" PRId64 ")",
               j, x, size);
      return;
    }
    c->is[j][x] = true;
  }
  for (int64_t x = 0; x < size; ++x)
    c->may[j][x] = c->may[j][x] && c->is[j][x];
}

static void claimOf(const FxRegion *r, const Sim *root, const Binding *b,
                    Claim *c) {
  c->bad[0] = 0;
  c->untracked = r->rank < 0;
  if (c->untracked)
    return;
  if (r->rank != root->rank) {
    snprintf(c->bad, sizeof c->bad, "the region has rank %d, its root %d",
             r->rank, root->rank);
    return;
  }
  c->empty = r->empty;
  c->allExact = true;
  for (int j = 0; j < r->rank && !c->bad[0]; ++j)
    claimPos(&r->pos[j], j, root->shape[j], b, c);
}

/*===-- Reporting ---------------------------------------------------------===*/

static struct {
  long programs, values, bindings, symBindings, skipped, vacuous, cases,
      failures;
  long ov[3], ct[3], ovExact[3], ctExact[3], ovSym[3], ctSym[3];
  long exactPairs, regionsExact, regionsSuperset, regionsMapped;
  long preExact, preSuperset, preOv[3], preCt[3];
  long memoCompared, memoMismatches, memoTwice;
  long scattersCompared, scatterMismatches;
  long fieldChanged[16]; /* answers a changed field changed (checkFields) */
} S;

static const char *answerName(FxAnswer a) {
  return a == FX_NO ? "NO" : a == FX_YES ? "YES" : "MAYBE";
}

static void putExpr(Text *t, FxExpr e) {
  if (!e.known) {
    textPut(t, "?");
    return;
  }
  bool any = false;
  for (int k = 0; k < e.numTerms; ++k) {
    int64_t c = e.terms[k].coeff;
    textPut(t, "%s", any ? (c < 0 ? " - " : " + ") : (c < 0 ? "-" : ""));
    if (c != 1 && c != -1)
      textPut(t, "%" PRId64 "*", c < 0 ? -c : c);
    textPut(t, "%.*s", (int)e.terms[k].symbol.length, e.terms[k].symbol.data);
    any = true;
  }
  if (!any || e.constant)
    textPut(t,
            any ? (e.constant < 0 ? " - %" PRId64 : " + %" PRId64) : "%" PRId64,
            any && e.constant < 0 ? -e.constant : e.constant);
}

static void putRegion(Text *t, const FxRegion *r) {
  if (r->rank < 0) {
    textPut(t, "untracked");
    return;
  }
  textPut(t, "%s%s", r->empty ? "empty, " : "",
          r->mapped ? "mapped" : "unmapped");
  for (int j = 0; j < r->rank; ++j) {
    const FxPosSet *p = &r->pos[j];
    textPut(t, "; dim %d %s lo=", j, p->exact ? "exact" : "superset");
    putExpr(t, p->lo);
    textPut(t, " [");
    putExpr(t, p->lb);
    textPut(t, ", ");
    putExpr(t, p->ub);
    textPut(t, ")");
    for (int k = 0; k < p->numBox; ++k) {
      textPut(t, " %" PRId64 "x", p->box[k].stride);
      putExpr(t, p->box[k].count);
    }
  }
  if (r->why)
    textPut(t, "; why: %s", r->why);
}

/* Root element `e` as its index tuple. */
static void putElem(Text *t, int64_t e, const Sim *root) {
  int64_t stride[MAX_RANK];
  rowMajorStrides(root->shape, root->rank, stride);
  textPut(t, "(");
  for (int k = 0; k < root->rank; ++k)
    textPut(t, "%s%" PRId64, k ? "," : "", e / stride[k] % root->shape[k]);
  textPut(t, ")");
}

static void putSet(Text *t, const uint64_t *set, const Sim *root) {
  int shown = 0;
  textPut(t, "{");
  for (int64_t e = 0; e < root->n; ++e) {
    if (!setHas(set, e))
      continue;
    if (shown++ == 24) {
      textPut(t, " ...");
      break;
    }
    textPut(t, shown > 1 ? " " : "");
    putElem(t, e, root);
  }
  textPut(t, "}");
}

static void keepChain(const Prog *p, int i, bool *keep) {
  for (; i >= 0; i = p->v[i].parent) {
    keep[i] = true;
    if (p->v[i].kind == ROOT && p->v[i].base >= 0)
      keepChain(p, p->v[i].base, keep);
  }
}

static uint64_t gSeed = 1;
static long *gFamilyCount;         /* programs per family (progFamilyName) */
static int gPrinted, gPrintedHere; /* failures printed: all, this program */

/* Counts a failure; prints the first few with the function cut down to the
 * chains of `ids` (-1 entries ignored).  `details`, when non-NULL, follows. */
static void failure(const Prog *p, const Binding *b, const int ids[3],
                    const Text *details, const char *fmt, ...) {
  ++S.failures;
  if (gPrinted == MAX_REPORTS || gPrintedHere == 2)
    return;
  ++gPrinted, ++gPrintedHere;
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL @%s: ", p->name);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  if (!strncmp(p->name, "case_", 5))
    printf("  rerun: fx-passes-region-model-test --seed=%" PRIu64
           " --only=%s\n",
           gSeed, p->name + 5);
  if (b && p->symbolic) {
    printf("  binding:");
    for (int s = 0; s < p->numSyms; ++s)
      if (b->set[s])
        printf(" s%d=%" PRId64, s, b->val[s]);
    printf("\n");
  }
  bool keep[MAX_VALS] = {false}, some = false;
  for (int k = 0; k < 3; ++k)
    if (ids[k] >= 0)
      keepChain(p, ids[k], keep), some = true;
  for (int i = 0; i < p->n; ++i)
    if (keep[i] && p->v[i].kind == ROOT && p->v[i].base >= 0)
      printf("  // %%v%d stands for a slice_scatter result into %%v%d\n", i,
             p->v[i].base);
  if (details && details->s)
    printf("%s", details->s);
  Text t = {0};
  progText(p, some ? keep : NULL, &t);
  printf("%s", t.s);
  free(t.s);
}

/*===-- Checking one program ----------------------------------------------===*/

/* The model's answers, kept for the hand-written cases' expectations. */
typedef struct Res {
  FxAnswer ov[MAX_VALS][MAX_VALS],
      ct[MAX_VALS][MAX_VALS]; /* ct[outer][inner] */
  /* preimage of W in P's base, against P's views V: [P][W][V] */
  FxAnswer pov[MAX_VALS][MAX_VALS][MAX_VALS], pct[MAX_VALS][MAX_VALS][MAX_VALS];
} Res;

static Res gRes;
static FxRegion gPre[MAX_VALS][MAX_VALS]; /* [P][W] */
static Claim gClaim;
static int gDiagCount;

static void countAnswer(long *h, FxAnswer a) { ++h[a]; }

/* Checks region `r` of a value (`view`: its brute force; NULL for a
 * preimage) against the true set `truth` over the elements of `root`. */
static void checkClaim(const Prog *p, const Binding *b, const FxRegion *r,
                       const Sim *root, const uint64_t *truth, const Sim *view,
                       const int ids[3], const char *what) {
  Claim *c = &gClaim;
  claimOf(r, root, b, c);
  const char *wrong = c->bad[0] ? c->bad : NULL;
  int64_t at = -1;
  int64_t stride[MAX_RANK], x[MAX_RANK];
  rowMajorStrides(root->shape, root->rank, stride);
  for (int64_t e = 0; !wrong && !c->untracked && e < root->n; ++e) {
    bool may = !c->empty, is = !c->empty, t = setHas(truth, e);
    for (int j = 0; j < root->rank; ++j) {
      x[j] = e / stride[j] % root->shape[j];
      may = may && c->may[j][x[j]];
      is = is && c->is[j][x[j]];
    }
    if (t && !may)
      wrong = "the region misses an element", at = e;
    else if (c->allExact && is != t)
      wrong = is ? "an exact region holds an element it does not cover"
                 : "an exact region misses an element",
      at = e;
  }
  /* The view's dims, digit by digit over the box dims of their pairs. */
  if (!wrong && view && !c->untracked && r->mapped && c->allExact && view->n) {
    int64_t radix[FX_REGION_MAX_PAIRS], lo[MAX_RANK];
    int first = 0;
    if (r->viewRank != view->rank)
      wrong = "a mapped region's view rank is not the value's";
    for (int d = 0; !wrong && d < view->rank; ++d) {
      int64_t prod = 1;
      for (int k = first; k < first + r->viewCount[d]; ++k) {
        const FxBoxDim *bx = &r->pos[r->pairs[k].pos].box[r->pairs[k].box];
        if (!evalExpr(bx->count, b, &radix[k]))
          wrong = "a mapped box dim has an unknown count";
        prod *= radix[k];
      }
      if (!wrong && prod != view->shape[d])
        wrong = "a mapped view dim's box dims do not multiply to its size";
      first += r->viewCount[d];
    }
    if (!wrong && first != r->numPairs)
      wrong = "a mapped region's pairs are not its view dims'";
    for (int j = 0; !wrong && j < root->rank; ++j)
      evalExpr(r->pos[j].lo, b, &lo[j]);
    for (int64_t e = 0; !wrong && e < view->n; ++e) {
      int64_t coord[MAX_RANK], rem = e, lin = 0;
      memcpy(coord, lo, sizeof coord);
      int k = r->numPairs - 1;
      for (int d = view->rank - 1; d >= 0; --d) {
        int64_t i = rem % view->shape[d];
        rem /= view->shape[d];
        for (int m = 0; m < r->viewCount[d]; ++m, --k) {
          const FxBoxDim *bx = &r->pos[r->pairs[k].pos].box[r->pairs[k].box];
          coord[r->pairs[k].pos] += bx->stride * (i % radix[k]);
          i /= radix[k];
        }
      }
      for (int j = 0; j < root->rank; ++j)
        lin += coord[j] * stride[j];
      if (lin != view->idx[e])
        wrong = "a mapped region places an element of the view elsewhere",
        at = view->idx[e];
    }
  }
  if (!wrong) {
    if (view)
      ++*(c->allExact && !c->untracked ? &S.regionsExact : &S.regionsSuperset);
    return;
  }
  Text d = {0};
  if (at >= 0) {
    textPut(&d, "  at root element ");
    putElem(&d, at, root);
    textPut(&d, "\n");
  }
  textPut(&d, "  model: ");
  putRegion(&d, r);
  textPut(&d, "\n  true:  ");
  putSet(&d, truth, root);
  textPut(&d, "\n");
  failure(p, b, ids, &d, "%s: %s", what, wrong);
  free(d.s);
}

static bool intersects(const uint64_t *a, const uint64_t *b) {
  for (int w = 0; w < WORDS; ++w)
    if (a[w] & b[w])
      return true;
  return false;
}

static bool subset(const uint64_t *in, const uint64_t *out) {
  for (int w = 0; w < WORDS; ++w)
    if (in[w] & ~out[w])
      return false;
  return true;
}

static void pairFailure(const Prog *p, const Binding *b, const Sim *sims,
                        const FxRegion *R, int x, int y, const char *fmt,
                        FxAnswer got) {
  Text d = {0};
  const Sim *root = &sims[p->v[x].root];
  for (int k = 0; k < (x == y ? 1 : 2); ++k) {
    int i = k ? y : x;
    textPut(&d, "  %%v%d true:  ", i);
    putSet(&d, sims[i].set, root);
    textPut(&d, "\n  %%v%d model: ", i);
    putRegion(&d, &R[i]);
    textPut(&d, "\n");
  }
  int ids[3] = {x, y, -1};
  failure(p, b, ids, &d, fmt, answerName(got), x, y);
  free(d.s);
}

static void checkPairs(const Prog *p, const Binding *b, const Sim *sims,
                       const FxRegion *R) {
  for (int x = 0; x < p->n; ++x)
    for (int y = 0; y < p->n; ++y) {
      if (p->v[x].root != p->v[y].root)
        continue;
      const Sim *a = &sims[x], *c = &sims[y];
      bool meet = intersects(a->set, c->set), sub = subset(c->set, a->set);
      bool exact = p->v[x].exact && p->v[y].exact;
      FxAnswer ov = gRes.ov[x][y], ct = gRes.ct[x][y];
      if (ov == FX_NO && meet)
        pairFailure(p, b, sims, R, x, y,
                    "overlap %s but %%v%d and %%v%d share an element", ov);
      else if (ov == FX_YES && !meet && a->n && c->n)
        pairFailure(
            p, b, sims, R, x, y,
            "overlap %s but %%v%d and %%v%d are disjoint, neither empty", ov);
      else if (exact && ov == FX_MAYBE)
        pairFailure(p, b, sims, R, x, y,
                    "overlap %s of %%v%d and %%v%d: static slices and splits "
                    "must be decided",
                    ov);
      if (ct == FX_YES && !sub)
        pairFailure(p, b, sims, R, x, y,
                    "contains %s but %%v%d does not hold all of %%v%d", ct);
      else if (exact && sub && ct != FX_YES)
        pairFailure(p, b, sims, R, x, y,
                    "contains %s but %%v%d holds all of %%v%d (static slices "
                    "and splits)",
                    ct);
    }
}

/* The view whose layout root P has (P stands for a slice_scatter into it)
 * when value W lives in that view's storage: a preimage the passes ask
 * for, fxRegionPreimage(B, W, P).  -1 for any other pair. */
static int preimageBase(const Prog *p, int P, int W) {
  int B = p->v[P].kind == ROOT ? p->v[P].base : -1;
  return B >= 0 && p->v[W].root == p->v[B].root ? B : -1;
}

static void checkPreimages(const Prog *p, const Binding *b, const Sim *sims,
                           const FxRegion *R) {
  for (int P = 0; P < p->n; ++P) {
    for (int W = 0; W < p->n; ++W) {
      int B = preimageBase(p, P, W);
      if (B < 0)
        continue;
      uint64_t pre[WORDS] = {0}; /* B's elements that W covers, as P's */
      for (int64_t i = 0; i < sims[B].n; ++i)
        if (setHas(sims[W].set, sims[B].idx[i]))
          pre[i >> 6] |= (uint64_t)1 << (i & 63);
      int ids[3] = {B, W, P};
      char what[80];
      snprintf(what, sizeof what, "the preimage of %%v%d in %%v%d (as %%v%d)",
               W, B, P);
      checkClaim(p, b, &gPre[P][W], &sims[P], pre, NULL, ids, what);
      for (int V = 0; V < p->n; ++V) {
        if (p->v[V].root != P)
          continue;
        FxAnswer ov = gRes.pov[P][W][V], ct = gRes.pct[P][W][V];
        const char *wrong =
            ov == FX_NO && intersects(pre, sims[V].set)
                ? "overlap NO but the preimage shares an element with it"
            : ct == FX_YES && !subset(pre, sims[V].set)
                ? "contains YES but it misses an element of the preimage"
                : NULL;
        if (!wrong)
          continue;
        Text d = {0};
        textPut(&d, "  preimage of %%v%d in %%v%d, true: ", W, B);
        putSet(&d, pre, &sims[P]);
        textPut(&d, "\n  preimage model: ");
        putRegion(&d, &gPre[P][W]);
        textPut(&d, "\n  %%v%d true: ", V);
        putSet(&d, sims[V].set, &sims[P]);
        textPut(&d, "\n  %%v%d model: ", V);
        putRegion(&d, &R[V]);
        textPut(&d, "\n");
        int ids3[3] = {B, W, V};
        failure(p, b, ids3, &d,
                "%%v%d against the preimage of %%v%d in %%v%d: %s", V, W, B,
                wrong);
        free(d.s);
      }
    }
  }
}

/* Parses `p`, asks the model, checks every binding.  false: no program. */
/*===-- The memo (passes/RegionMemo.h) ------------------------------------===*/

/* One memo for every kMemoPrograms programs: its answers come back for
 * other programs' values, of other roots, whose regions happen to be
 * written alike; a fresh one before it fills (RegionMemo.c's limit), past
 * which it would answer nothing. */
enum { kMemoPrograms = 50 };
static FxRegionMemo *gMemo;
static long gMemoAsked, gMemoHits;

static bool renewMemo(void) {
  long asked, hits;
  fxRegionMemoStats(gMemo, &asked, &hits);
  gMemoAsked += asked, gMemoHits += hits;
  fxRegionMemoDestroy(gMemo);
  gMemo = fxRegionMemoCreate();
  return gMemo != NULL;
}
static long gProgIndex; /* the random program checked, or -1 */

/* Field by field, each array up to its count: written apart from
 * RegionMemo.c's key, so a field the key forgets shows up here. */
static bool sameExpr(const FxExpr *a, const FxExpr *b) {
  if (a->known != b->known || a->numTerms != b->numTerms ||
      a->constant != b->constant)
    return false;
  for (int t = 0; t < a->numTerms; ++t)
    if (!mlirStringRefEqual(a->terms[t].symbol, b->terms[t].symbol) ||
        a->terms[t].coeff != b->terms[t].coeff)
      return false;
  return true;
}

static bool sameRegion(const FxRegion *a, const FxRegion *b) {
  if (!mlirValueEqual(a->root, b->root) || a->rank != b->rank ||
      a->empty != b->empty || a->mapped != b->mapped ||
      a->viewRank != b->viewRank || a->numPairs != b->numPairs ||
      a->why != b->why)
    return false;
  for (int v = 0; v < a->viewRank; ++v)
    if (a->viewFirst[v] != b->viewFirst[v] ||
        a->viewCount[v] != b->viewCount[v])
      return false;
  for (int i = 0; i < a->numPairs; ++i)
    if (a->pairs[i].pos != b->pairs[i].pos || a->pairs[i].box != b->pairs[i].box)
      return false;
  for (int j = 0; j < a->rank; ++j) {
    const FxPosSet *p = &a->pos[j], *q = &b->pos[j];
    if (!sameExpr(&p->lo, &q->lo) || !sameExpr(&p->lb, &q->lb) ||
        !sameExpr(&p->ub, &q->ub) || !sameExpr(&p->ub2, &q->ub2) ||
        p->exact != q->exact || p->numBox != q->numBox)
      return false;
    for (int k = 0; k < p->numBox; ++k)
      if (p->box[k].stride != q->box[k].stride ||
          !sameExpr(&p->box[k].count, &q->box[k].count))
        return false;
  }
  return true;
}

static void memoMismatch(const Prog *p, const char *what, int x, int y) {
  ++S.memoMismatches;
  ++S.failures;
  if (S.memoMismatches <= MAX_REPORTS)
    printf("FAIL memo: %s of %%v%d, %%v%d differs from the answer without "
           "the memo (program %ld)\n",
           what, x, y, gProgIndex);
}

/* Every question of checkProg again, with the memo installed, twice (the
 * second time from it): each answer, its reason and each region must be
 * what the question gives without the memo.  `R` and gPre are those. */
static void checkMemo(const Prog *p, const MlirValue *vals,
                      const FxRegion *R) {
  static const char kUnset[] = "unset";
  static FxRegion M, pre;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < p->n; ++i) {
      fxRegionMemoInstall(gMemo);
      fxRegionOf(&M, vals[i]);
      fxRegionMemoInstall(NULL);
      ++S.memoCompared, ++S.memoTwice;
      if (!sameRegion(&M, &R[i]))
        memoMismatch(p, "the region", i, i);
    }
    for (int x = 0; x < p->n; ++x)
      for (int y = 0; y < p->n; ++y) {
        if (p->v[x].root != p->v[y].root)
          continue;
        for (int q = 0; q < 2; ++q) {
          FxAnswer (*ask)(const FxRegion *, const FxRegion *, const char **) =
              q ? fxRegionContains : fxRegionOverlap;
          const char *w0 = kUnset, *w1 = kUnset;
          FxAnswer a0 = ask(&R[x], &R[y], &w0);
          fxRegionMemoInstall(gMemo);
          FxAnswer a1 = ask(&R[x], &R[y], &w1);
          fxRegionMemoInstall(NULL);
          ++S.memoCompared, ++S.memoTwice;
          if (a0 != a1 || w0 != w1)
            memoMismatch(p, q ? "contains" : "overlap", x, y);
        }
      }
    for (int P = 0; P < p->n; ++P) {
      for (int W = 0; W < p->n; ++W) {
        int B = preimageBase(p, P, W);
        if (B < 0)
          continue;
        fxRegionMemoInstall(gMemo);
        fxRegionPreimage(&R[B], &R[W], vals[P], &pre);
        fxRegionMemoInstall(NULL);
        ++S.memoCompared, ++S.memoTwice;
        if (!sameRegion(&pre, &gPre[P][W]))
          memoMismatch(p, "the preimage", B, W);
      }
    }
  }
}


/* Changes that keep a region valid (a superset, or another region), one
 * field each: the key must tell the changed region from the original, or
 * the memo answers for the original. */
enum { kNumFieldChanges = 8 };
static const char *const kFieldName[kNumFieldChanges] = {
    "mapped", "why", "exact", "lo", "ub coefficient", "stride", "empty",
    "count"};

static bool changeField(FxRegion *r, int f) {
  static const char kChanged[] = "a changed reason";
  FxPosSet *p = r->rank > 0 ? &r->pos[0] : NULL;
  switch (f) {
  case 0: if (!r->mapped) return false; r->mapped = false; return true;
  case 1: r->why = kChanged; return true;
  case 2:
    for (int j = 0; j < r->rank; ++j)
      if (r->pos[j].exact) { r->pos[j].exact = false; return true; }
    return false;
  case 3: if (!p || !p->lo.known) return false; p->lo.constant += 1; return true;
  case 4:
    if (!p || !p->ub.known) return false;
    if (p->ub.numTerms) p->ub.terms[0].coeff += 1; else p->ub.constant += 1;
    return true;
  case 5: if (!p || !p->numBox) return false; p->box[0].stride += 1; return true;
  case 6: if (r->empty) return false; r->empty = true; return true;
  case 7:
    if (!p || !p->numBox || !p->box[0].count.known) return false;
    if (p->box[0].count.numTerms) p->box[0].count.terms[0].coeff += 1;
    else p->box[0].count.constant += 1;
    return true;
  }
  return false;
}

/* After checkMemo has put the program's answers in the memo: each question
 * again with one field of one of its regions changed, which the memo must
 * answer as the question does without it. */
static void checkFields(const Prog *p, const MlirValue *vals,
                        const FxRegion *R) {
  static const char kUnset[] = "unset";
  static FxRegion Mu, A, B;
  for (int y = 0; y < p->n; ++y)
    for (int f = 0; f < kNumFieldChanges; ++f) {
      fxRegionCopy(&Mu, &R[y]);
      if (!changeField(&Mu, f))
        continue;
      for (int x = 0; x < p->n; ++x) {
        if (p->v[x].root != p->v[y].root)
          continue;
        for (int q = 0; q < 4; ++q) {
          FxAnswer (*ask)(const FxRegion *, const FxRegion *, const char **) =
              q & 1 ? fxRegionContains : fxRegionOverlap;
          const FxRegion *a = q & 2 ? &Mu : &R[x], *b = q & 2 ? &R[x] : &Mu;
          const char *w0 = kUnset, *w1 = kUnset, *w2 = kUnset;
          FxAnswer a0 = ask(a, b, &w0);
          FxAnswer a2 = ask(q & 2 ? &R[y] : &R[x], q & 2 ? &R[x] : &R[y], &w2);
          fxRegionMemoInstall(gMemo);
          FxAnswer a1 = ask(a, b, &w1);
          fxRegionMemoInstall(NULL);
          ++S.memoCompared;
          S.fieldChanged[f] += a0 != a2 || w0 != w2;
          if (a0 != a1 || w0 != w1)
            memoMismatch(p, q & 1 ? "contains (a field changed)"
                                  : "overlap (a field changed)", x, y);
        }
      }
      for (int c = 0; c < p->n; ++c) { /* the views of y */
        if (p->v[c].kind == ROOT || p->v[c].parent != y)
          continue;
        MlirOperation op = mlirOpResultGetOwner(vals[c]);
        fxRegionCopy(&A, &Mu);
        fxRegionApplyView(&A, op);
        fxRegionCopy(&B, &Mu);
        fxRegionMemoInstall(gMemo);
        fxRegionApplyView(&B, op);
        fxRegionMemoInstall(NULL);
        ++S.memoCompared;
        S.fieldChanged[f] += !sameRegion(&A, &R[c]);
        if (!sameRegion(&A, &B))
          memoMismatch(p, "a view (a field changed)", y, c);
      }
      for (int P = 0; P < p->n; ++P) { /* preimages with y as base or w */
        for (int W = 0; W < p->n; ++W) {
          int Bs = preimageBase(p, P, W);
          if (Bs < 0 || (W != y && Bs != y))
            continue;
          const FxRegion *base = Bs == y ? &Mu : &R[Bs];
          const FxRegion *w = W == y ? &Mu : &R[W];
          fxRegionPreimage(base, w, vals[P], &A);
          fxRegionMemoInstall(gMemo);
          fxRegionPreimage(base, w, vals[P], &B);
          fxRegionMemoInstall(NULL);
          ++S.memoCompared;
          S.fieldChanged[f] += !sameRegion(&A, &gPre[P][W]);
          if (!sameRegion(&A, &B))
            memoMismatch(p, "the preimage (a field changed)", Bs, W);
        }
      }
    }
}

/* A slice_scatter into a root, with the parameters of one of its slices,
 * overwrites that slice: fxRegionOfScatter must give the slice's region,
 * in the coordinates of the scatter's result, without the memo and with it
 * (twice: the second time from it).  The memo serves kMemoPrograms
 * programs, whose roots have many types and whose slices many parameters,
 * so a key that forgot the type or the attributes would hand one scatter
 * another's region.  The scatters are made here and never inserted. */
static void checkScatters(const Prog *p, const MlirValue *vals,
                          const FxRegion *R) {
  static FxRegion want, got;
  for (int c = 0; c < p->n; ++c) {
    int y = p->v[c].parent;
    if (p->v[c].kind != SLICE || p->v[y].kind != ROOT)
      continue;
    MlirOperation slice = mlirOpResultGetOwner(vals[c]);
    MlirValue operands[2] = {vals[y], vals[c]};
    MlirType type = mlirValueGetType(vals[y]);
    MlirNamedAttribute attrs[4];
    intptr_t n = mlirOperationGetNumAttributes(slice);
    if (n != 4) {
      ++S.failures;
      printf("FAIL scatter: slice %%v%d has %ld attributes, not 4\n", c,
             (long)n);
      continue;
    }
    for (intptr_t i = 0; i < n; ++i)
      attrs[i] = mlirOperationGetAttribute(slice, i);
    MlirOperationState st = mlirOperationStateGet(
        mlirStringRefCreateFromCString("fx.slice_scatter"),
        mlirOperationGetLocation(slice));
    mlirOperationStateAddOperands(&st, 2, operands);
    mlirOperationStateAddResults(&st, 1, &type);
    mlirOperationStateAddAttributes(&st, n, attrs);
    MlirOperation scatter = mlirOperationCreate(&st);
    fxRegionCopy(&want, &R[c]);
    want.root = mlirOperationGetResult(scatter, 0);
    for (int round = 0; round < 3; ++round) {
      fxRegionMemoInstall(round ? gMemo : NULL);
      fxRegionOfScatter(&got, scatter);
      fxRegionMemoInstall(NULL);
      ++S.scattersCompared;
      if (sameRegion(&got, &want))
        continue;
      ++S.failures;
      if (++S.scatterMismatches <= MAX_REPORTS)
        printf("FAIL scatter: the region a slice_scatter with %%v%d's "
               "parameters overwrites is not %%v%d's (%s; program %ld)\n",
               c, c, round ? "with the memo" : "without the memo",
               gProgIndex);
    }
    mlirOperationDestroy(scatter);
  }
}

static bool checkProg(MlirContext ctx, const Prog *p) {
  gPrintedHere = 0;
  Text t = {0};
  progText(p, NULL, &t);
  int diags = gDiagCount;
  MlirModule m =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(t.s));
  if (mlirModuleIsNull(m) || gDiagCount != diags) {
    int none[3] = {-1, -1, -1};
    failure(p, NULL, none, NULL,
            "the generated program does not parse or verify");
    free(t.s);
    if (!mlirModuleIsNull(m))
      mlirModuleDestroy(m);
    return false;
  }
  free(t.s);
  MlirOperation f = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  MlirValue vals[MAX_VALS];
  MlirOperation op = mlirBlockGetFirstOperation(body);
  for (int i = 0, arg = 0; i < p->n; ++i) {
    if (p->v[i].kind == ROOT) {
      vals[i] = mlirBlockGetArgument(body, arg++);
    } else {
      vals[i] = mlirOperationGetResult(op, 0);
      op = mlirOperationGetNextInBlock(op);
    }
  }
  static FxRegion R[MAX_VALS];
  for (int i = 0; i < p->n; ++i)
    fxRegionOf(&R[i], vals[i]);
  const char *why;
  for (int x = 0; x < p->n; ++x)
    for (int y = 0; y < p->n; ++y) {
      if (p->v[x].root != p->v[y].root)
        continue;
      FxAnswer ov = gRes.ov[x][y] = fxRegionOverlap(&R[x], &R[y], &why);
      FxAnswer ct = gRes.ct[x][y] = fxRegionContains(&R[x], &R[y], &why);
      countAnswer(S.ov, ov), countAnswer(S.ct, ct);
      if (p->v[x].exact && p->v[y].exact) {
        ++S.exactPairs;
        countAnswer(S.ovExact, ov), countAnswer(S.ctExact, ct);
      }
      if (p->symbolic)
        countAnswer(S.ovSym, ov), countAnswer(S.ctSym, ct);
      S.cases += 2;
    }
  for (int P = 0; P < p->n; ++P) {
    for (int W = 0; W < p->n; ++W) {
      int B = preimageBase(p, P, W);
      if (B < 0)
        continue;
      FxRegion *pre = &gPre[P][W];
      fxRegionPreimage(&R[B], &R[W], vals[P], pre);
      bool exact = pre->rank >= 0;
      for (int j = 0; j < pre->rank; ++j)
        exact = exact && pre->pos[j].exact;
      ++*(exact ? &S.preExact : &S.preSuperset);
      ++S.cases;
      for (int V = 0; V < p->n; ++V) {
        if (p->v[V].root != P)
          continue;
        countAnswer(S.preOv,
                    gRes.pov[P][W][V] = fxRegionOverlap(pre, &R[V], &why));
        countAnswer(S.preCt,
                    gRes.pct[P][W][V] = fxRegionContains(&R[V], pre, &why));
        S.cases += 2;
      }
    }
  }
  for (int i = 0; i < p->n; ++i)
    S.regionsMapped += R[i].mapped;
  checkMemo(p, vals, R);
  checkScatters(p, vals, R);
  if (gProgIndex % 4 == 0) /* a quarter: a field check costs 8 programs' */
    checkFields(p, vals, R);
  static Sim sims[MAX_VALS];
  long checked = 0;
  for (int s0 = 0; s0 <= (p->symbolic ? SYM_MAX : 0); ++s0) {
    Binding b;
    memset(&b, 0, sizeof b);
    if (p->symbolic)
      b.val[0] = s0, b.set[0] = true;
    if (!progSimulate(p, &b, sims)) {
      ++S.skipped;
      continue;
    }
    ++S.bindings, ++checked;
    S.symBindings += p->symbolic;
    for (int i = 0; i < p->n; ++i) {
      int ids[3] = {i, -1, -1};
      char what[40];
      snprintf(what, sizeof what, "the region of %%v%d", i);
      checkClaim(p, &b, &R[i], &sims[p->v[i].root], sims[i].set, &sims[i], ids,
                 what);
    }
    checkPairs(p, &b, sims, R);
    checkPreimages(p, &b, sims, R);
  }
  S.vacuous += checked == 0;
  ++S.programs;
  S.values += p->n;
  mlirModuleDestroy(m);
  return true;
}

/*===-- Hand-written cases ------------------------------------------------===*/

static void expectAnswer(const Prog *p, const char *what, FxAnswer got,
                         FxAnswer want, int x, int y) {
  ++S.cases;
  if (got == want)
    return;
  int ids[3] = {x, y, -1};
  failure(p, NULL, ids, NULL, "%s: %s, expected %s", what, answerName(got),
          answerName(want));
}

/* F2/F3: a write of R[0::2] and a scatter into the offset view R[1:]: the
 * written rows are the view's rows 1, 3, 5, outside the scatter's [0::2],
 * so they survive it (the phase must be kept through the offset). */
static void strideVsOffset(MlirContext ctx, int64_t dim) {
  Prog p;
  progInit(&p,
           dim ? "f2_strided_write_offset_base_cols"
               : "f2_strided_write_offset_base",
           false);
  int R = progAddRoot(
      &p, 2, dim ? (Dim[]){stat(4), stat(8)} : (Dim[]){stat(8), stat(4)}, -1);
  Dim half = stat(4), seven = stat(7);
  int m = progAddSlice(&p, R, dim ? -1 : 0, num(0), num(8), 2, half);
  int B = progAddSlice(&p, R, dim, num(1), num(TO_END), 1, seven);
  int P = progAddRoot(&p, 2, p.v[B].dims, B);
  int T = progAddSlice(&p, P, dim ? -1 : 0, num(0), num(7), 2, half);
  if (!checkProg(ctx, &p))
    return;
  expectAnswer(&p, "the scatter region covers the written rows",
               gRes.pct[P][m][T], FX_NO, m, T);
  expectAnswer(&p, "the scatter region meets the written rows",
               gRes.pov[P][m][T], FX_NO, m, T);
  /* And the other phase: R[1::2] is the view's rows 0, 2, 4, 6: covered. */
  int odd = progAddSlice(&p, R, dim, num(1), num(TO_END), 2, half);
  if (!checkProg(ctx, &p))
    return;
  expectAnswer(&p, "the scatter region covers the written rows",
               gRes.pct[P][odd][T], FX_YES, odd, T);
}

/* F4: R[2:10] on a symbolic dim is clamped to s0 at run time; [-2:] of it
 * is rows [min(10, s0) - 2, min(10, s0)), which meets R[0:6] for s0 = 6 and
 * not for s0 = 12: only MAYBE is right.  The same for [:-2] against R[6:]. */
static void negativeAfterClamp(MlirContext ctx) {
  Prog p;
  progInit(&p, "f4_negative_start_after_clamped_end", true);
  int R = progAddRoot(&p, 2, (Dim[]){symDim(0), stat(4)}, -1);
  int y = progAddSlice(&p, R, 0, num(2), num(10), 1, symDim(progNewSym(&p)));
  int z = progAddSlice(&p, y, 0, num(-2), num(TO_END), 1, stat(2));
  int r = progAddSlice(&p, R, 0, num(0), num(6), 1, stat(6));
  int z2 = progAddSlice(&p, y, 0, num(0), num(-2), 1, symDim(progNewSym(&p)));
  int r2 =
      progAddSlice(&p, R, -2, num(6), num(TO_END), 1, symDim(progNewSym(&p)));
  if (!checkProg(ctx, &p))
    return;
  expectAnswer(&p, "overlap of y[-2:] and R[0:6]", gRes.ov[z][r], FX_MAYBE, z,
               r);
  expectAnswer(&p, "overlap of y[:-2] and R[6:]", gRes.ov[z2][r2], FX_MAYBE, z2,
               r2);
}

/* A slice start that is an expression with a negative term ("s0 - 2")
 * counts from the end when it is negative (s0 = 0 or 1): W = R[s0 - 2:]
 * does not hold B = R[s0 - 1:] at s0 = 1 (W is row 7, B every row), so
 * taking the start at its value (B inside W) is unsound. */
static void expressionStart(MlirContext ctx) {
  Prog p;
  progInit(&p, "expression_start_counts_from_end", true);
  int R = progAddRoot(&p, 1, (Dim[]){stat(8)}, -1);
  int W = progAddSlice(&p, R, 0, (Bound){-2, 0, NULL}, num(TO_END), 1,
                       symDim(progNewSym(&p)));
  int B = progAddSlice(&p, R, 0, (Bound){-1, 0, NULL}, num(TO_END), 1,
                       symDim(progNewSym(&p)));
  if (checkProg(ctx, &p))
    expectAnswer(&p, "R[s0 - 2:] does not surely hold R[s0 - 1:]",
                 gRes.ct[W][B] == FX_YES ? FX_YES : FX_MAYBE, FX_MAYBE, W, B);
  /* A monomial that may be negative: Min(1, s0 - 3) is -1 at s0 = 2, where
   * W = R[-1:] is row 7 and B = R[0:] every row. */
  progInit(&p, "expression_monomial_may_be_negative", true);
  R = progAddRoot(&p, 1, (Dim[]){stat(8)}, -1);
  W = progAddSlice(&p, R, 0, (Bound){0, 0, "Min(1, s0 - 3)"}, num(TO_END), 1,
                   symDim(progNewSym(&p)));
  B = progAddSlice(&p, R, 0, (Bound){0, 0, "Min(1, s0 - 3) + 1"}, num(TO_END),
                   1, symDim(progNewSym(&p)));
  if (checkProg(ctx, &p))
    expectAnswer(&p, "R[Min(1, s0 - 3):] does not surely hold R[Min(1, s0 - 3) + 1:]",
                 gRes.ct[W][B] == FX_YES ? FX_YES : FX_MAYBE, FX_MAYBE, W, B);
}

/* Precision the docs promise on symbolic sizes (docs/passes.md: disjoint
 * slices of one buffer, even and odd rows, never conflict): rows [0::2]
 * and [1::2] of an s0-row buffer are disjoint, and each lies in the whole
 * buffer.  The pieces of a split at a symbol on a static dim
 * (pos_embed[0:s0], pos_embed[s0:]) are only checked for soundness: the
 * model answers MAYBE there (the first piece's end is bounded by 12, not by
 * s0), which Region.h allows. */
static void symbolicPieces(MlirContext ctx) {
  Prog p;
  progInit(&p, "symbolic_even_odd_rows", true);
  int R = progAddRoot(&p, 2, (Dim[]){symDim(0), stat(4)}, -1);
  int even =
      progAddSlice(&p, R, 0, num(0), num(TO_END), 2, symDim(progNewSym(&p)));
  int odd =
      progAddSlice(&p, R, -2, num(1), num(TO_END), 2, symDim(progNewSym(&p)));
  if (checkProg(ctx, &p)) {
    expectAnswer(&p, "overlap of even and odd rows", gRes.ov[even][odd], FX_NO,
                 even, odd);
    expectAnswer(&p, "R holds its odd rows", gRes.ct[R][odd], FX_YES, R, odd);
  }
  progInit(&p, "symbolic_split_at_symbol", true);
  R = progAddRoot(&p, 2, (Dim[]){stat(12), stat(4)}, -1);
  progAddSlice(&p, R, 0, num(0), symB(0), 1, symDim(progNewSym(&p)));
  int tail =
      progAddSlice(&p, R, 0, symB(0), num(TO_END), 1, symDim(progNewSym(&p)));
  if (checkProg(ctx, &p))
    expectAnswer(&p, "R holds R[s0:]", gRes.ct[R][tail], FX_YES, R, tail);
}

/* Found by this test: fxRegionPreimage claims the dims of the base view
 * that are fixed (size 1: no box dim left) exactly, without asking whether
 * the written region covers the base's element there.  The true preimage is
 * then either the claim or empty, never a non-empty part of it, so callers
 * that use it as a superset (fxFindReadAfter) stay sound; the claim of
 * exactness is still false.  Symbolic: W = R[s0::4] covers B = R[0:1] only
 * for s0 = 0.  Static: W = R'[1:5] of R' = R.reshape(6) is a superset the
 * model cannot place (a slice across the merged dims), B = R'[5:6] is one
 * element W does not cover. */
static void preimageOfFixedDim(MlirContext ctx) {
  Prog p;
  progInit(&p, "preimage_fixed_dim_uncovered", true);
  int R = progAddRoot(&p, 1, (Dim[]){stat(4)}, -1);
  int B = progAddSlice(&p, R, 0, num(0), num(1), 1, stat(1));
  progAddSlice(&p, R, 0, symB(0), num(TO_END), 4, symDim(progNewSym(&p)));
  progAddRoot(&p, 1, p.v[B].dims, B);
  checkProg(ctx, &p);
  progInit(&p, "preimage_fixed_dim_uncovered_static", false);
  R = progAddRoot(&p, 2, (Dim[]){stat(3), stat(2)}, -1);
  int flat =
      progAddReshape(&p, R, RESHAPE, 1, (Dim[]){stat(6)}, (Bound[]){num(6)});
  B = progAddSlice(&p, flat, 0, num(5), num(6), 1, stat(1));
  progAddSlice(&p, flat, 0, num(1), num(5), 1, stat(4));
  progAddRoot(&p, 1, p.v[B].dims, B);
  checkProg(ctx, &p);
}

/* Found by this test: splitting one dim into more than FX_REGION_MAX_BOX
 * (4) factors loses the view's mapping (the reason given is "a reshape
 * whose dims do not line up with the sliced dims"), so a slice of it is a
 * superset and static answers become MAYBE: the odd elements of R[32]
 * through a [2,2,2,2,2] view against R[0::2] (disjoint). */
static void splitIntoFiveFactors(MlirContext ctx) {
  Prog p;
  progInit(&p, "split_into_five_factors", false);
  int R = progAddRoot(&p, 1, (Dim[]){stat(32)}, -1);
  Dim five[5] = {stat(2), stat(2), stat(2), stat(2), stat(2)};
  int v = progAddReshape(&p, R, VIEW, 5, five,
                         (Bound[]){num(2), num(2), num(2), num(2), num(-1)});
  int odd = progAddSlice(&p, v, 4, num(1), num(2), 1, stat(1));
  int even = progAddSlice(&p, R, 0, num(0), num(TO_END), 2, stat(16));
  if (checkProg(ctx, &p))
    expectAnswer(&p, "overlap of the odd and the even elements",
                 gRes.ov[odd][even], FX_NO, odd, even);
}

/* A reshape that regroups a strided dim across the new dims: R[0::2] of
 * R[6,4] is 3 rows 8 apart, and [3,4] -> [2,6] would split that count 3
 * into 2 (not a divisor), so no box can describe the result: the model
 * must give up the mapping (a superset), not split the rows anyway. */
static void splitAcrossStridedRows(MlirContext ctx) {
  Prog p;
  progInit(&p, "split_across_strided_rows", false);
  int R = progAddRoot(&p, 2, (Dim[]){stat(6), stat(4)}, -1);
  int W = progAddSlice(&p, R, 0, num(0), num(TO_END), 2, stat(3));
  int V = progAddReshape(&p, W, RESHAPE, 2, (Dim[]){stat(2), stat(6)},
                         (Bound[]){num(2), num(6)});
  progAddSlice(&p, V, 0, num(1), num(2), 1, stat(1));
  progAddSlice(&p, R, 0, num(1), num(TO_END), 2, stat(3));
  checkProg(ctx, &p);
}

/*===-- Driver ------------------------------------------------------------===*/

/* fxExprLE and fxExprLT decide the sign of b - a (+ -1) without building
 * it; they must agree with fxExprNonNeg of the difference built by
 * fxExprSub, overflow and the term limit included, on every pair of a set
 * of expressions with extreme constants and coefficients. */
// CHECK: region-model: fxExprLE/LT against fxExprNonNeg(b - a): {{[0-9]+}} pairs, 0 mismatches
// CHECK: region-model: unverified slice parameters: 24 regions checked
/* Slice parameters the verifier would reject (IR it has not seen): the
 * model reads none of them.  A slice's region is then its input's,
 * unmapped (a superset); a scatter overwrites no region it can name (rank
 * -1), since the whole result would hide what it leaves.  Each op is made
 * with one parameter missing, or dim out of range, or step 0. */
static void unverifiedParams(MlirContext ctx) {
  MlirModule m = mlirModuleCreateParse(
      ctx, mlirStringRefCreateFromCString(
               "func.func @f(%x: !fx.tensor<[4, 8], f32>, "
               "%y: !fx.tensor<[2, 8], f32>) {\n  return\n}\n"));
  if (mlirModuleIsNull(m)) {
    ++S.failures;
    printf("FAIL unverified: the module does not parse\n");
    return;
  }
  MlirOperation f = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  MlirValue x = mlirBlockGetArgument(body, 0), y = mlirBlockGetArgument(body, 1);
  MlirType xt = mlirValueGetType(x), yt = mlirValueGetType(y);
  MlirAttribute i64[6];
  for (int v = 0; v < 6; ++v)
    i64[v] = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v);
  static const char *const kNames[4] = {"dim", "start", "end", "step"};
  /* dim 0, start 0, end 2, step 1; then each case breaks one */
  int good[4] = {0, 0, 2, 1};
  int cases = 0;
  FxRegionMemo *memoOf = fxRegionMemoCreate();
  for (int c = 0; c < 6; ++c) {
    MlirNamedAttribute attrs[4];
    int n = 0;
    for (int a = 0; a < 4; ++a) {
      if (c == a)
        continue; /* cases 0-3: parameter a missing */
      int v = good[a];
      if (c == 4 && a == 0)
        v = 5; /* dim out of range */
      if (c == 5 && a == 3)
        v = 0; /* step 0 */
      attrs[n++] = mlirNamedAttributeGet(
          mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(kNames[a])),
          i64[v]);
    }
    for (int scatter = 0; scatter < 2; ++scatter) {
      MlirValue ops[2] = {x, y};
      MlirOperationState st = mlirOperationStateGet(
          mlirStringRefCreateFromCString(scatter ? "fx.slice_scatter"
                                                 : "fx.slice"),
          mlirLocationUnknownGet(ctx));
      mlirOperationStateAddOperands(&st, scatter ? 2 : 1, ops);
      mlirOperationStateAddResults(&st, 1, scatter ? &xt : &yt);
      mlirOperationStateAddAttributes(&st, n, attrs);
      MlirOperation op = mlirOperationCreate(&st);
      static FxRegion r;
      for (int memo = 0; memo < 2; ++memo) {
        fxRegionMemoInstall(memo ? memoOf : NULL);
        if (scatter)
          fxRegionOfScatter(&r, op);
        else
          fxRegionOf(&r, mlirOperationGetResult(op, 0));
        fxRegionMemoInstall(NULL);
        ++cases;
        bool ok = scatter ? r.rank == -1
                          : r.rank == 2 && !r.mapped && r.viewRank == 2 &&
                                !r.pos[0].exact && !r.pos[1].exact;
        if (!ok) {
          ++S.failures;
          printf("FAIL unverified: %s with %s%s: rank %d, mapped %d\n",
                 scatter ? "slice_scatter" : "slice",
                 c < 4 ? "no " : "", c < 4 ? kNames[c]
                                  : c == 4 ? "dim 5" : "step 0",
                 r.rank, r.mapped);
        }
      }
      mlirOperationDestroy(op);
    }
  }
  printf("region-model: unverified slice parameters: %d regions checked\n",
         cases);
  fxRegionMemoDestroy(memoOf);
  mlirModuleDestroy(m);
}

/* A key longer than its buffer (a view op with a thousand attributes) is
 * never remembered, and its question gets no answer from the memo; one
 * that fits is. */
static void memoKeyTooLong(void) {
  FxRegionMemo *m = fxRegionMemoCreate();
  if (!m)
    return;
  const size_t fits = FX_MEMO_KEY_BYTES / sizeof(void *) - 1;
  for (int longer = 0; longer < 2; ++longer) {
    for (int round = 0; round < 2; ++round) { /* remember, then ask */
      static FxMemoKey k;
      fxMemoKeyBegin(&k, FX_MEMO_VIEW);
      for (size_t i = 0; i < fits + (size_t)longer; ++i)
        fxMemoKeyPointer(&k, (const void *)(i + 1));
      FxMemoAnswer a = {FX_NO, true, "remembered"}, got = {FX_MAYBE, 0, 0};
      if (round == 0) {
        fxRegionMemoPut(m, &k, &a, NULL);
        continue;
      }
      bool found = fxRegionMemoFind(m, &k, &got, NULL);
      if (found == (bool)longer || (found && got.answer != FX_NO)) {
        ++S.failures;
        printf("FAIL memo: a key of %zu pointers (the buffer holds %zu) %s\n",
               fits + (size_t)longer, fits,
               longer ? "was answered from the memo" : "was not remembered");
      }
    }
  }
  fxRegionMemoDestroy(m);
}

static void comparisonsAgree(void) {
  static const int64_t kVals[] = {0, 1, -1, 2, 7, -7, INT64_MAX, INT64_MIN,
                                  INT64_MAX - 1, INT64_MIN + 1};
  static const char *kSyms[] = {"s0", "s1", "s2", "s3"};
  enum { kNumVals = sizeof kVals / sizeof *kVals, kMax = 4096 };
  static FxExpr e[kMax];
  int n = 0;
  e[n++] = fxExprUnknown();
  for (int c = 0; c < kNumVals; ++c)
    e[n++] = fxExprConst(kVals[c]);
  /* c + k1*sA [+ k2*sB [+ k3*sC]] over a subset of values. */
  for (int c = 0; c < kNumVals && n < kMax; c += 3)
    for (int s = 0; s < 4; ++s)
      for (int k = 1; k < kNumVals && n < kMax; ++k) {
        FxExpr x = fxExprAddConst(
            fxExprScale(fxExprSymbol(mlirStringRefCreateFromCString(kSyms[s])),
                        kVals[k]),
            kVals[c]);
        e[n++] = x;
        for (int t = s + 1; t < 4 && n + 2 < kMax; ++t) {
          FxExpr y = fxExprAdd(x, fxExprScale(fxExprSymbol(
                                     mlirStringRefCreateFromCString(kSyms[t])),
                                 kVals[(k + t) % kNumVals]));
          e[n++] = y;
          e[n++] = fxExprAdd(y, fxExprSymbol(mlirStringRefCreateFromCString(
                                    kSyms[(t + 1) % 4])));
        }
      }
  long pairs = 0, mismatches = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j, ++pairs) {
      FxExpr d = fxExprSub(e[j], e[i]);
      if (fxExprLE(e[i], e[j]) != fxExprNonNeg(d) ||
          fxExprLT(e[i], e[j]) != fxExprNonNeg(fxExprAddConst(d, -1)))
        ++mismatches;
    }
  printf("region-model: fxExprLE/LT against fxExprNonNeg(b - a): %ld pairs, "
         "%ld mismatches\n", pairs, mismatches);
  S.failures += mismatches;
}

static void toStdout(MlirStringRef s, void *userData) {
  fwrite(s.data, 1, s.length, stdout);
}

/* A diagnostic means the generator wrote a program the dialect rejects. */
static MlirLogicalResult onDiag(MlirDiagnostic d, void *userData) {
  ++gDiagCount;
  printf("diagnostic: ");
  mlirDiagnosticPrint(d, toStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

/* "NO 12 YES 3 MAYBE 0" in the order that reads naturally for `ov`
 * (overlap) or contains. */
static void printAnswers(const char *what, const long *h, bool contains) {
  if (contains)
    printf("%s YES %ld NO %ld MAYBE %ld", what, h[FX_YES], h[FX_NO],
           h[FX_MAYBE]);
  else
    printf("%s NO %ld YES %ld MAYBE %ld", what, h[FX_NO], h[FX_YES],
           h[FX_MAYBE]);
}

/* The test's reach: a generator that stopped producing some kind of case
 * would pass vacuously.  `want` is for NUM_PROGRAMS programs (about a
 * quarter of what seed 1 gives), scaled to the number run. */
static long gPrograms = NUM_PROGRAMS;

static void requireAtLeast(const char *what, long got, long want) {
  want = want * gPrograms / NUM_PROGRAMS;
  if (got >= want)
    return;
  ++S.failures;
  printf("FAIL reach: %s: %ld, want at least %ld\n", what, got, want);
}

// clang-format off
// CHECK: region-model: static slices and splits: overlap NO {{[0-9]+}} YES {{[0-9]+}} MAYBE 0,
// CHECK: region-model: memo: {{[0-9]+}} answers compared with it, 0 mismatches
// CHECK: region-model: slice_scatters: {{[0-9]+}} regions compared, 0 mismatches
// CHECK: region-model: {{[0-9]+}} cases, 0 failures
// clang-format on
static void report(void) {
  printf("region-model: programs %ld (", S.programs);
  for (int f = 0; f < progNumFamilies(); ++f)
    printf("%s%s %ld", f ? ", " : "", progFamilyName(f), gFamilyCount[f]);
  printf("), values %ld\n", S.values);
  printf("region-model: bindings checked %ld, skipped %ld (invalid at run "
         "time), programs without a valid binding %ld\n",
         S.bindings, S.skipped, S.vacuous);
  printAnswers("region-model: all pairs: overlap", S.ov, false);
  printAnswers(", contains", S.ct, true);
  printf("\n");
  printAnswers("region-model: static slices and splits: overlap", S.ovExact,
               false);
  printAnswers(", contains", S.ctExact, true);
  printf(" (%ld pairs)\n", S.exactPairs);
  printAnswers("region-model: symbolic: overlap", S.ovSym, false);
  printAnswers(", contains", S.ctSym, true);
  printf("\n");
  printf("region-model: region claims checked: exact %ld, superset %ld; "
         "mapped regions %ld\n",
         S.regionsExact, S.regionsSuperset, S.regionsMapped);
  printf("region-model: preimages exact %ld, superset %ld;", S.preExact,
         S.preSuperset);
  printAnswers(" against views: overlap", S.preOv, false);
  printAnswers(", contains", S.preCt, true);
  printf("\n");
  requireAtLeast("static slice/split pairs", S.exactPairs, 50000);
  requireAtLeast("symbolic bindings checked", S.symBindings, 3000);
  requireAtLeast("static overlap NO", S.ovExact[FX_NO], 30000);
  requireAtLeast("static contains NO", S.ctExact[FX_NO], 5000);
  requireAtLeast("symbolic overlap MAYBE", S.ovSym[FX_MAYBE], 6000);
  requireAtLeast("symbolic overlap NO", S.ovSym[FX_NO], 8000);
  requireAtLeast("symbolic contains YES", S.ctSym[FX_YES], 12000);
  requireAtLeast("superset region claims", S.regionsSuperset, 14000);
  requireAtLeast("mapped regions", S.regionsMapped, 12000);
  requireAtLeast("exact preimages", S.preExact, 10000);
  requireAtLeast("superset preimages", S.preSuperset, 2500);
  renewMemo();
  printf("region-model: memo: %ld answers compared with it, %ld "
         "mismatches; %ld questions asked of it, %ld answered from it\n",
         S.memoCompared, S.memoMismatches, gMemoAsked, gMemoHits);
  printf("region-model: slice_scatters: %ld regions compared, %ld "
         "mismatches\n",
         S.scattersCompared, S.scatterMismatches);
  requireAtLeast("slice_scatter regions compared", S.scattersCompared, 6000);
  printf("region-model: memo: answers changed by a changed field:");
  for (int f = 0; f < kNumFieldChanges; ++f)
    printf("%s %s %ld", f ? "," : "", kFieldName[f], S.fieldChanged[f]);
  printf("\n");
  /* checkMemo asks each question twice: the second time from the memo. */
  requireAtLeast("answers from the memo", gMemoHits, S.memoTwice / 2);
  for (int f = 0; f < kNumFieldChanges; ++f)
    requireAtLeast(kFieldName[f], S.fieldChanged[f], 5000);
  printf("region-model: %ld cases, %ld failures\n", S.cases, S.failures);
}

int main(int argc, char **argv) {
  long only = -1;
  for (int i = 1; i < argc; ++i) {
    if (!strncmp(argv[i], "--seed=", 7))
      gSeed = strtoull(argv[i] + 7, NULL, 0);
    else if (!strncmp(argv[i], "--programs=", 11))
      gPrograms = strtol(argv[i] + 11, NULL, 0);
    else if (!strncmp(argv[i], "--only=", 7))
      only = strtol(argv[i] + 7, NULL, 0);
    else {
      fprintf(stderr, "usage: %s [--seed=N] [--programs=N] [--only=N]\n",
              argv[0]);
      return 2;
    }
  }
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreate();
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirContextAttachDiagnosticHandler(ctx, onDiag, NULL, NULL);

  gFamilyCount = calloc((size_t)progNumFamilies(), sizeof *gFamilyCount);
  if (!gFamilyCount)
    return 2;
  gMemo = fxRegionMemoCreate();
  gProgIndex = -1;
  if (!gMemo)
    return 2;
  if (only < 0) {
    comparisonsAgree();
    memoKeyTooLong();
    unverifiedParams(ctx);
    strideVsOffset(ctx, 0);
    strideVsOffset(ctx, 1);
    negativeAfterClamp(ctx);
    symbolicPieces(ctx);
    expressionStart(ctx);
    preimageOfFixedDim(ctx);
    splitIntoFiveFactors(ctx);
    splitAcrossStridedRows(ctx);
  }
  static Prog p;
  for (long i = only < 0 ? 0 : only; i < (only < 0 ? gPrograms : only + 1);
       ++i) {
    gProgIndex = i;
    if (i % kMemoPrograms == 0 && !renewMemo())
      return 2;
    ++gFamilyCount[progGenerate(&p, gSeed, i)];
    checkProg(ctx, &p);
  }
  if (only < 0)
    report();
  else
    printf("region-model: %ld cases, %ld failures\n", S.cases, S.failures);
  fxRegionMemoDestroy(gMemo);
  mlirContextDestroy(ctx);
  mlirDialectRegistryDestroy(registry);
  free(gFamilyCount);
  return S.failures != 0;
}
