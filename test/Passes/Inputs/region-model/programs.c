/* programs.c - random view programs and their brute-force meaning (see
 * programs.h). */
#include "programs.h"
#include "fxir/FxDimExpr.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- Programs ----------------------------------------------------------===*/

void progInit(Prog *p, const char *name, bool symbolic) {
  memset(p, 0, sizeof *p);
  snprintf(p->name, sizeof p->name, "%s", name);
  p->symbolic = symbolic;
  p->numSyms = 1; /* s0 */
}

int progNewSym(Prog *p) { return p->numSyms < MAX_SYMS ? p->numSyms++ : -1; }

static bool allStatic(const Dim *d, int rank) {
  for (int i = 0; i < rank; ++i)
    if (d[i].sym >= 0)
      return false;
  return true;
}

static int push(Prog *p, const Val *v) {
  if (p->n == MAX_VALS) {
    fprintf(stderr, "region-model: internal: more than %d values\n", MAX_VALS);
    exit(2);
  }
  p->v[p->n] = *v;
  return p->n++;
}

int progAddRoot(Prog *p, int rank, const Dim *dims, int base) {
  Val v = {
      .kind = ROOT, .parent = -1, .root = p->n, .base = base, .rank = rank};
  memcpy(v.dims, dims, (size_t)rank * sizeof *dims);
  v.exact = allStatic(dims, rank);
  return push(p, &v);
}

int progAddSlice(Prog *p, int in, int64_t dimAttr, Bound s, Bound e,
                 int64_t step, Dim result) {
  Val v = p->v[in];
  v.kind = SLICE, v.parent = in, v.base = -1;
  v.dimAttr = dimAttr, v.start = s, v.end = e, v.step = step;
  v.dims[dimAttr < 0 ? dimAttr + v.rank : dimAttr] = result;
  v.exact = v.exact && result.sym < 0 && s.sym < 0 && e.sym < 0;
  return push(p, &v);
}

/* Whether static `in` -> `out` only splits dims into factors (size-1 dims
 * come and go): with slices, the class the model answers exactly. */
static bool splitsOnly(const Val *in, const Val *out) {
  int64_t a[MAX_RANK], b[MAX_RANK];
  int na = 0, nb = 0, j = 0;
  for (int i = 0; i < in->rank; ++i)
    if (in->dims[i].size != 1)
      a[na++] = in->dims[i].size;
  for (int i = 0; i < out->rank; ++i)
    if (out->dims[i].size != 1)
      b[nb++] = out->dims[i].size;
  for (int i = 0; i < na; ++i) {
    int64_t prod = 1;
    while (prod < a[i] && j < nb)
      prod *= b[j++];
    if (prod != a[i])
      return false;
  }
  return j == nb;
}

int progAddReshape(Prog *p, int in, Kind kind, int rank, const Dim *dims,
                   const Bound *shape) {
  Val v = p->v[in];
  v.kind = kind, v.parent = in, v.base = -1, v.rank = rank;
  memcpy(v.dims, dims, (size_t)rank * sizeof *dims);
  memcpy(v.shape, shape, (size_t)rank * sizeof *shape);
  v.exact = v.exact && allStatic(dims, rank) && splitsOnly(&p->v[in], &v);
  return push(p, &v);
}

/*===-- Program text ------------------------------------------------------===*/

void textPut(Text *t, const char *fmt, ...) {
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int k =
        vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
    va_end(ap);
    if (t->s && t->n + (size_t)k < t->cap) {
      t->n += (size_t)k;
      return;
    }
    t->cap = 2 * (t->cap + (size_t)k + 64);
    t->s = realloc(t->s, t->cap);
    if (!t->s)
      exit(2);
  }
}

static void putType(Text *t, const Val *v) {
  textPut(t, "!fx.tensor<[");
  for (int i = 0; i < v->rank; ++i) {
    if (v->dims[i].sym >= 0)
      textPut(t, "%s\"s%d\"", i ? ", " : "", v->dims[i].sym);
    else
      textPut(t, "%s%" PRId64, i ? ", " : "", v->dims[i].size);
  }
  textPut(t, "], f32>");
}

static void putBound(Text *t, Bound b, bool typed) {
  if (b.expr)
    textPut(t, "\"%s\"", b.expr);
  else if (b.sym >= 0 && b.v) /* an expression, in fxir's canonical form */
    textPut(t, "\"s%d %c %" PRId64 "\"", b.sym, b.v < 0 ? '-' : '+',
            b.v < 0 ? -b.v : b.v);
  else if (b.sym >= 0)
    textPut(t, "\"s%d\"", b.sym);
  else
    textPut(t, typed ? "%" PRId64 " : i64" : "%" PRId64, b.v);
}

static void markSyms(const Val *v, bool *used, bool *declared) {
  for (int i = 0; i < v->rank; ++i)
    if (v->dims[i].sym >= 0) {
      used[v->dims[i].sym] = true;
      if (v->kind == ROOT)
        declared[v->dims[i].sym] = true;
    }
  if (v->kind == SLICE) {
    if (v->start.sym >= 0)
      used[v->start.sym] = true;
    if (v->end.sym >= 0)
      used[v->end.sym] = true;
  }
  if (v->kind == RESHAPE || v->kind == VIEW)
    for (int i = 0; i < v->rank; ++i)
      if (v->shape[i].sym >= 0)
        used[v->shape[i].sym] = true;
}

/* The program in MLIR's generic form; only the values in `keep` unless
 * NULL.  Roots are the first arguments (%v<i>), then an !fx.sym argument per
 * symbol that no kept root has as a dim. */
void progText(const Prog *p, const bool *keep, Text *t) {
  bool used[MAX_SYMS] = {false}, declared[MAX_SYMS] = {false};
  for (int i = 0; i < p->n; ++i)
    if (!keep || keep[i])
      markSyms(&p->v[i], used, declared);
  textPut(t, "func.func @%s(", p->name);
  const char *sep = "";
  for (int i = 0; i < p->n; ++i)
    if (p->v[i].kind == ROOT && (!keep || keep[i])) {
      textPut(t, "%s%%v%d: ", sep, i);
      putType(t, &p->v[i]);
      sep = ", ";
    }
  for (int s = 0; s < p->numSyms; ++s)
    if (used[s] && !declared[s]) {
      textPut(t, "%s%%n%d: !fx.sym<\"s%d\">", sep, s, s);
      sep = ", ";
    }
  textPut(t, ") {\n");
  for (int i = 0; i < p->n; ++i) {
    const Val *v = &p->v[i];
    if (v->kind == ROOT || (keep && !keep[i]))
      continue;
    if (v->kind == SLICE) {
      textPut(
          t,
          "  %%v%d = \"fx.slice\"(%%v%d) {dim = %" PRId64 " : i64, start = ", i,
          v->parent, v->dimAttr);
      putBound(t, v->start, true);
      textPut(t, ", end = ");
      putBound(t, v->end, true);
      textPut(t, ", step = %" PRId64 " : i64}", v->step);
    } else {
      textPut(t, "  %%v%d = \"fx.%s\"(%%v%d) {shape = [", i,
              v->kind == VIEW ? "view" : "reshape", v->parent);
      for (int k = 0; k < v->rank; ++k) {
        textPut(t, k ? ", " : "");
        putBound(t, v->shape[k], false);
      }
      textPut(t, "]}");
    }
    textPut(t, " : (");
    putType(t, &p->v[v->parent]);
    textPut(t, ") -> ");
    putType(t, v);
    textPut(t, "\n");
  }
  textPut(t, "  return\n}\n");
}

/*===-- Brute force -------------------------------------------------------===*/

static bool lookupBinding(void *user, MlirStringRef sym, int64_t *value) {
  const Binding *b = user;
  int k = atoi(sym.data + 1); /* "s<k>" */
  if (sym.length < 2 || sym.data[0] != 's' || k < 0 || k >= MAX_SYMS ||
      !b->set[k])
    return false;
  *value = b->val[k];
  return true;
}

/* A slice bound's value under binding `b`: an integer, a symbol plus `v`
 * ("s0 - 2"), or an expression evaluated by fxDimExprEvaluate (tested on
 * its own by test/CAPI/dimexpr.c). */
static int64_t boundValue(Bound x, const Binding *b) {
  if (x.expr) {
    FxDimExpr e;
    char err[128];
    int64_t value;
    if (!fxDimExprParse(mlirStringRefCreateFromCString(x.expr), &e, err,
                        sizeof err) ||
        !fxDimExprEvaluate(&e, lookupBinding, (void *)b, &value)) {
      fprintf(stderr, "region-model: cannot evaluate bound \"%s\"\n", x.expr);
      exit(2);
    }
    return value;
  }
  return x.sym < 0 ? x.v : b->val[x.sym] + x.v;
}

static int64_t torchClamp(int64_t x, int64_t n) {
  if (x < 0)
    x = x + n < 0 ? 0 : x + n;
  return x > n ? n : x;
}

static int64_t sliceLen(int64_t n, int64_t s, int64_t e, int64_t step) {
  s = torchClamp(s, n), e = torchClamp(e, n);
  return e <= s ? 0 : (e - s + step - 1) / step;
}

/* Whether the type agrees with the computed shape; a fresh symbol takes its
 * value where it first appears. */
static bool typeAgrees(const Val *v, const Sim *s, Binding *b) {
  for (int i = 0; i < v->rank; ++i) {
    Dim d = v->dims[i];
    if (d.sym < 0) {
      if (d.size != s->shape[i])
        return false;
    } else if (b->set[d.sym]) {
      if (b->val[d.sym] != s->shape[i])
        return false;
    } else {
      b->set[d.sym] = true;
      b->val[d.sym] = s->shape[i];
    }
  }
  return true;
}

void rowMajorStrides(const int64_t *shape, int rank, int64_t *st) {
  for (int k = rank - 1, acc = 1; k >= 0; acc *= (int)shape[k], --k)
    st[k] = acc;
}

/* Simulates every value; false when the binding makes the program invalid. */
bool progSimulate(const Prog *p, Binding *b, Sim *sims) {
  static int32_t pool[MAX_VALS][MAX_ELEMS];
  for (int i = 0; i < p->n; ++i) {
    const Val *v = &p->v[i];
    Sim *s = &sims[i];
    const Sim *in = v->parent >= 0 ? &sims[v->parent] : NULL;
    s->rank = v->rank;
    if (v->kind == ROOT) {
      s->n = 1;
      for (int d = 0; d < v->rank; ++d) {
        Dim dd = v->dims[d];
        s->shape[d] = dd.sym < 0 ? dd.size : b->val[dd.sym];
        s->n *= s->shape[d];
      }
      if (s->n > MAX_ELEMS) {
        fprintf(stderr,
                "region-model: internal: a root of %" PRId64 " elements\n",
                s->n);
        exit(2);
      }
      for (int64_t e = 0; e < s->n; ++e)
        pool[i][e] = (int32_t)e;
      s->idx = pool[i];
    } else if (v->kind == SLICE) {
      int d = (int)(v->dimAttr < 0 ? v->dimAttr + v->rank : v->dimAttr);
      int64_t size = in->shape[d];
      int64_t st = torchClamp(boundValue(v->start, b), size);
      int64_t en = torchClamp(boundValue(v->end, b), size);
      memcpy(s->shape, in->shape, sizeof s->shape);
      s->shape[d] = en <= st ? 0 : (en - st + v->step - 1) / v->step;
      s->n = in->n / (size ? size : 1) * s->shape[d];
      if (!size)
        s->n = 0;
      int64_t inStride[MAX_RANK];
      rowMajorStrides(in->shape, v->rank, inStride);
      for (int64_t e = 0; e < s->n; ++e) {
        int64_t rem = e, lin = 0;
        for (int k = v->rank - 1; k >= 0; --k) {
          int64_t c = rem % s->shape[k];
          rem /= s->shape[k];
          lin += (k == d ? st + v->step * c : c) * inStride[k];
        }
        pool[i][e] = in->idx[lin];
      }
      s->idx = pool[i];
    } else { /* reshape/view: the same elements in the same order */
      int64_t prod = 1;
      int infer = -1;
      for (int k = 0; k < v->rank; ++k) {
        Bound e = v->shape[k];
        if (e.sym < 0 && e.v == -1) {
          infer = k;
          continue;
        }
        s->shape[k] = e.sym >= 0 ? b->val[e.sym] : e.v;
        prod *= s->shape[k];
      }
      if (infer >= 0) { /* torch: no size can be inferred next to a 0 */
        if (prod == 0 || in->n % prod)
          return false;
        s->shape[infer] = in->n / prod;
      } else if (prod != in->n) {
        return false;
      }
      s->n = in->n;
      s->idx = in->idx;
    }
    if (!typeAgrees(v, s, b))
      return false;
    memset(s->set, 0, sizeof s->set);
    for (int64_t e = 0; e < s->n; ++e)
      s->set[s->idx[e] >> 6] |= (uint64_t)1 << (s->idx[e] & 63);
  }
  return true;
}

/*===-- Random programs ---------------------------------------------------===*/

typedef struct Rng {
  uint64_t s;
} Rng;

static uint64_t next(Rng *g) { /* splitmix64 */
  uint64_t z = (g->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int64_t range(Rng *g, int64_t lo, int64_t hi) {
  return lo + (int64_t)(next(g) % (uint64_t)(hi - lo + 1));
}

static bool chance(Rng *g, int percent) { return range(g, 0, 99) < percent; }

/* Program families: root shapes and the mix of ops, one row each.  The
 * static ones without merging reshapes are the class the model answers
 * exactly; "strided" puts many progressions on one long dim, "regroups"
 * chains reshapes and slices of highly composite dims. */
typedef struct Family {
  const char *name;
  int share;            /* programs out of 20 */
  bool symbolic;        /* a root dim (or two) is s0 */
  int minRank, maxRank; /* of the root */
  int64_t longDim;      /* > 0: dim 0 of the root is 16..longDim */
  const int64_t *sizes; /* the other root dims, kNumSizes of them */
  int reshapePct;       /* ops that are reshapes/views */
  bool splitsOnly;      /* reshapes only split dims */
  int newestPct;        /* ops on the newest value (chains) */
  int dim0Pct;          /* slices of dim 0 */
} Family;

enum { kNumSizes = 8 };
static const int64_t kSmall[kNumSizes] = {1, 2, 3, 4, 5, 6, 8, 12};
static const int64_t kComposite[kNumSizes] = {1, 2, 4, 6, 12, 16, 24, 36};

static const Family kFamilies[] = {
    {"static slices", 4, false, 2, 4, 0, kSmall, 0, false, 40, 0},
    {"static strided", 2, false, 1, 2, 60, kSmall, 0, false, 50, 85},
    {"static splits", 3, false, 2, 4, 0, kSmall, 40, true, 40, 0},
    {"static reshapes", 2, false, 2, 4, 0, kSmall, 40, false, 40, 0},
    {"static regroups", 3, false, 1, 2, 0, kComposite, 50, false, 75, 0},
    {"symbolic", 6, true, 2, 4, 0, kSmall, 40, false, 40, 0},
};
enum { NUM_FAMILIES = sizeof kFamilies / sizeof kFamilies[0] };

int progNumFamilies(void) { return NUM_FAMILIES; }
const char *progFamilyName(int family) { return kFamilies[family].name; }

static void genRootDims(Rng *g, const Family *fam, int *rank, Dim *dims) {
  for (;;) {
    *rank = (int)range(g, fam->minRank, fam->maxRank);
    int64_t worst = 1;
    int symPos = fam->symbolic ? (int)range(g, 0, *rank - 1) : -1;
    for (int d = 0; d < *rank; ++d) {
      if (d == symPos || (fam->symbolic && chance(g, 20))) {
        dims[d] = symDim(0);
        worst *= SYM_MAX;
      } else {
        dims[d] = stat(d == 0 && fam->longDim
                           ? range(g, 16, fam->longDim)
                           : fam->sizes[range(g, 0, kNumSizes - 1)]);
        worst *= dims[d].size;
      }
    }
    if (worst <= MAX_ELEMS / 2 && worst >= 2)
      return;
  }
}

static Bound genStart(Rng *g, int64_t size, bool symbols) {
  int r = (int)range(g, 0, 99);
  if (symbols && r < 6)
    return symB(0);
  if (r < 40)
    return num(0);
  if (r < 72)
    return num(range(g, 1, size + 2));
  return num(-range(g, 1, size + 2));
}

static Bound genEnd(Rng *g, int64_t size, bool symbols) {
  int r = (int)range(g, 0, 99);
  if (symbols && r < 6)
    return symB(0);
  if (r < 32)
    return num(TO_END);
  if (r < 37)
    return num(HUGE_END);
  if (r < 70)
    return num(range(g, 0, size + 3));
  return num(-range(g, 1, size + 2));
}

/* torch's static length for a slice of a symbolic size, as a guard would
 * fix it, where the bounds alone determine it. */
static bool guessLen(Bound s, Bound e, int64_t step, int64_t *len) {
  if (s.sym >= 0 || e.sym >= 0)
    return false;
  int64_t d;
  if (s.v >= 0 && e.v >= 0 && e.v < HUGE_END)
    d = e.v - s.v;
  else if (s.v < 0 && e.v >= HUGE_END)
    d = -s.v;
  else if (s.v < 0 && e.v < 0)
    d = e.v - s.v;
  else
    return false;
  *len = d <= 0 ? 0 : (d + step - 1) / step;
  return true;
}

static Dim sliceResult(Prog *p, Rng *g, Dim in, Bound s, Bound e,
                       int64_t step) {
  if (in.sym < 0 && s.sym < 0 && e.sym < 0)
    return stat(sliceLen(in.size, s.v, e.v, step));
  if (in.sym >= 0 && s.sym < 0 && s.v == 0 && step == 1 &&
      ((e.sym < 0 && e.v >= HUGE_END) || e.sym == in.sym))
    return in; /* the whole dim */
  int64_t len;
  if (chance(g, 50) && guessLen(s, e, step, &len))
    return stat(len);
  int fresh = progNewSym(p);
  return fresh >= 0 ? symDim(fresh) : stat(0);
}

static int pickIn(Rng *g, const Prog *p, int root, int newestPct) {
  if (chance(g, newestPct))
    return p->n - 1 >= root && p->v[p->n - 1].root == root ? p->n - 1 : root;
  for (;;) {
    int i = (int)range(g, root, p->n - 1);
    if (p->v[i].root == root)
      return i;
  }
}

static int genSlice(Prog *p, Rng *g, int in, int dim0Pct) {
  const Val *x = &p->v[in];
  int d = chance(g, dim0Pct) ? 0 : (int)range(g, 0, x->rank - 1);
  Dim D = x->dims[d];
  int64_t size = D.sym < 0 ? D.size : range(g, 2, SYM_MAX);
  Bound s = genStart(g, size, p->symbolic), e = genEnd(g, size, p->symbolic);
  int64_t step = chance(g, 50) ? 1 : range(g, 2, 5);
  Dim res = sliceResult(p, g, D, s, e, step);
  return progAddSlice(p, in, chance(g, 30) ? d - x->rank : d, s, e, step, res);
}

static int64_t pickDivisor(Rng *g, int64_t n, bool trivialToo) {
  int64_t ds[64];
  int k = 0;
  for (int64_t f = trivialToo ? 1 : 2; f <= (trivialToo ? n : n - 1) && k < 64;
       ++f)
    if (n % f == 0)
      ds[k++] = f;
  return k ? ds[range(g, 0, k - 1)] : 0;
}

static void insertDim(int *rank, Dim *d, int at, Dim x) {
  memmove(&d[at + 1], &d[at], (size_t)(*rank - at) * sizeof *d);
  d[at] = x;
  ++*rank;
}

static void eraseDim(int *rank, Dim *d, int at) {
  memmove(&d[at], &d[at + 1], (size_t)(*rank - at - 1) * sizeof *d);
  --*rank;
}

/* One dim-splitting step on static dims: a composite dim into two factors,
 * a 1 in or out, or nothing. */
static bool splitStep(Rng *g, int *rank, Dim *d) {
  int choice = (int)range(g, 0, 9);
  for (int tries = 0; tries < 4; ++tries, choice = (choice + 3) % 10) {
    int at = (int)range(g, 0, *rank - 1);
    if (choice < 5 && *rank < MAX_RANK) {
      for (int t = 0; t < *rank; ++t) {
        int k = (at + t) % *rank;
        int64_t f = d[k].sym < 0 ? pickDivisor(g, d[k].size, false) : 0;
        if (f) {
          int64_t rest = d[k].size / f;
          d[k] = stat(f);
          insertDim(rank, d, k + 1, stat(rest));
          return true;
        }
      }
    } else if (choice < 7 && *rank < MAX_RANK) {
      insertDim(rank, d, (int)range(g, 0, *rank), stat(1));
      return true;
    } else if (choice < 9 && *rank > 1) {
      for (int t = 0; t < *rank; ++t) {
        int k = (at + t) % *rank;
        if (d[k].sym < 0 && d[k].size == 1) {
          eraseDim(rank, d, k);
          return true;
        }
      }
    } else if (choice == 9) {
      return true;
    }
  }
  return false;
}

static bool mergeStep(Rng *g, int *rank, Dim *d) {
  if (*rank < 2)
    return false;
  int at = (int)range(g, 0, *rank - 2);
  for (int t = 0; t < *rank - 1; ++t) {
    int k = (at + t) % (*rank - 1);
    if (d[k].sym < 0 && d[k + 1].sym < 0) {
      d[k].size *= d[k + 1].size;
      eraseDim(rank, d, k + 1);
      return true;
    }
  }
  return false;
}

/* A random shape of `n` elements (static). */
static void factorShape(Rng *g, int64_t n, int *rank, Dim *d) {
  *rank = (int)range(g, 1, 4);
  if (n == 0) {
    for (int i = 0; i < *rank; ++i)
      d[i] = stat(range(g, 1, 4));
    d[range(g, 0, *rank - 1)] = stat(0);
    return;
  }
  for (int i = 0; i < *rank - 1; ++i) {
    int64_t f = pickDivisor(g, n, true);
    d[i] = stat(f);
    n /= f;
  }
  d[*rank - 1] = stat(n);
}

/* A symbolic dim and a neighbour become one fresh symbol (MERGE), a
 * symbolic dim splits into a fresh symbol and a factor (SPLIT), the fresh
 * dim's shape entry being -1; or a symbolic dim trades places with another
 * dim (SWAP: the same element count whatever the symbols are). */
typedef enum SymStep { MERGE, SPLIT, SWAP } SymStep;

static bool symStep(Prog *p, Rng *g, int *rank, Dim *d, SymStep step,
                    int *fresh) {
  int at = (int)range(g, 0, *rank - 1), k = -1;
  for (int t = 0; t < *rank && k < 0; ++t)
    if (d[(at + t) % *rank].sym >= 0)
      k = (at + t) % *rank;
  if (k < 0 || (step == SPLIT ? *rank == MAX_RANK : *rank < 2))
    return false;
  if (step == SWAP) {
    int o = (k + (int)range(g, 1, *rank - 1)) % *rank;
    Dim t = d[k];
    d[k] = d[o], d[o] = t;
    return true;
  }
  if ((*fresh = progNewSym(p)) < 0)
    return false;
  if (step == MERGE) {
    if (k == *rank - 1 || (k > 0 && chance(g, 50)))
      --k;
    d[k] = symDim(*fresh);
    eraseDim(rank, d, k + 1);
  } else {
    Dim factor = stat(range(g, 2, 3));
    d[k] = symDim(*fresh);
    insertDim(rank, d, chance(g, 50) ? k : k + 1, factor);
  }
  return true;
}

static int genReshape(Prog *p, Rng *g, int in, bool splitsOnly) {
  const Val *x = &p->v[in];
  int rank = x->rank, fresh = -1;
  Dim d[MAX_RANK];
  memcpy(d, x->dims, sizeof d);
  bool ok, isStatic = allStatic(d, rank);
  int r = (int)range(g, 0, 99);
  if (splitsOnly) {
    ok = splitStep(g, &rank, d);
  } else if (isStatic && r < 35) {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i)
      n *= d[i].size;
    factorShape(g, n, &rank, d);
    ok = true;
  } else if (!isStatic && r < 45) {
    ok = symStep(p, g, &rank, d,
                 r < 15   ? MERGE
                 : r < 30 ? SPLIT
                          : SWAP,
                 &fresh);
  } else {
    ok = r < 65 ? mergeStep(g, &rank, d) : splitStep(g, &rank, d);
  }
  if (ok && chance(g, 30))
    splitsOnly || chance(g, 50) ? splitStep(g, &rank, d)
                                : mergeStep(g, &rank, d);
  if (!ok)
    return genSlice(p, g, in, 0);
  Bound shape[MAX_RANK];
  int zeros = 0;
  for (int i = 0; i < rank; ++i) {
    shape[i] = d[i].sym >= 0 ? symB(d[i].sym) : num(d[i].size);
    zeros += d[i].sym < 0 && d[i].size == 0;
  }
  int infer = -1;
  for (int i = 0; i < rank; ++i)
    if (fresh >= 0 && d[i].sym == fresh)
      infer = i;
  if (infer < 0 && !zeros && chance(g, 40))
    infer = (int)range(g, 0, rank - 1);
  if (infer >= 0)
    shape[infer] = num(-1);
  return progAddReshape(p, in, chance(g, 50) ? VIEW : RESHAPE, rank, d, shape);
}

static void genOp(Prog *p, Rng *g, const Family *fam, int root) {
  int in = pickIn(g, p, root, fam->newestPct);
  if (chance(g, fam->reshapePct))
    genReshape(p, g, in, fam->splitsOnly);
  else
    genSlice(p, g, in, fam->dim0Pct);
}

int progGenerate(Prog *p, uint64_t seed, long index) {
  Rng g = {seed * 0x2545F4914F6CDD1Dull + (uint64_t)index};
  int f = 0;
  for (long slot = index % 20; slot >= kFamilies[f].share; ++f)
    slot -= kFamilies[f].share;
  const Family *fam = &kFamilies[f];
  char name[32];
  snprintf(name, sizeof name, "case_%ld", index);
  progInit(p, name, fam->symbolic);
  int rank;
  Dim dims[MAX_RANK];
  genRootDims(&g, fam, &rank, dims);
  progAddRoot(p, rank, dims, -1);
  for (int k = (int)range(&g, 3, 8); k > 0; --k)
    genOp(p, &g, fam, 0);
  int firstTree = p->n;
  for (int k = (int)range(&g, fam->symbolic ? 0 : 1, MAX_SCATTER); k > 0; --k) {
    int B = (int)range(&g, 0, firstTree - 1);
    int P = progAddRoot(p, p->v[B].rank, p->v[B].dims, B);
    for (int m = (int)range(&g, 1, 3); m > 0; --m)
      genOp(p, &g, fam, P);
  }
  return f;
}
