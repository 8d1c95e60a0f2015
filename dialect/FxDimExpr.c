/* FxDimExpr.c - symbolic dim expressions: parsing, the canonical form,
 * evaluation (see include/fxir/FxDimExpr.h). */
#include "fxir/FxDimExpr.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool failf(char *err, size_t size, const char *fmt, ...) {
  if (err && size) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
  }
  return false;
}

static bool isIdStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool fxDimIsSymbolName(MlirStringRef s) {
  if (!s.length || !isIdStart(s.data[0]))
    return false;
  for (size_t i = 1; i < s.length; ++i)
    if (!isIdStart(s.data[i]) && !isDigit(s.data[i]))
      return false;
  return true;
}

/*===-- Parsing (Python's precedence) --------------------------------------===*/

typedef struct Parser {
  const char *s;
  size_t n, at;
  FxDimExpr *e;
  char *err;
  size_t errSize;
  bool failed;
  int depth; /* nesting of parentheses, calls and unary signs */
} Parser;

static int perr(Parser *p, const char *what) {
  if (!p->failed)
    failf(p->err, p->errSize, "%s at character %zu of \"%.*s\"", what,
          p->at + 1, (int)p->n, p->s);
  p->failed = true;
  return -1;
}

static void skipSpace(Parser *p) {
  while (p->at < p->n && p->s[p->at] == ' ')
    ++p->at;
}

/* Consumes `tok` (after spaces) when it is next. */
static bool eat(Parser *p, const char *tok) {
  skipSpace(p);
  size_t k = strlen(tok);
  if (p->n - p->at < k || memcmp(p->s + p->at, tok, k) != 0)
    return false;
  /* `*` is not the start of `**`, nor `/` alone a token. */
  if (k == 1 && tok[0] == '*' && p->at + 1 < p->n && p->s[p->at + 1] == '*')
    return false;
  p->at += k;
  return true;
}

static int node(Parser *p, FxDimExprKind kind, int lhs, int rhs) {
  if (p->failed || lhs < -1 || rhs < -1)
    return -1;
  if (p->e->numNodes == FX_DIM_EXPR_MAX_NODES) {
    char what[80];
    snprintf(what, sizeof what, "more than %d nodes (fxir's limit "
             "FX_DIM_EXPR_MAX_NODES)", FX_DIM_EXPR_MAX_NODES);
    return perr(p, what);
  }
  int i = p->e->numNodes++;
  p->e->nodes[i] = (FxDimExprNode){kind, 0, {NULL, 0}, lhs, rhs};
  return i;
}

static int parseSum(Parser *p);
static int parseUnary(Parser *p);

/* Recursion is bounded by the nesting, not by the node count: "((((s0))))"
 * makes one node (found by an adversary: 50000 parentheses overflowed the
 * stack). */
static bool enter(Parser *p) {
  if (++p->depth <= FX_DIM_EXPR_MAX_DEPTH)
    return true;
  char what[80];
  snprintf(what, sizeof what, "nesting deeper than %d (fxir's limit "
           "FX_DIM_EXPR_MAX_DEPTH)", FX_DIM_EXPR_MAX_DEPTH);
  perr(p, what);
  return false;
}

/* Name(args): Max/Min of one or more arguments, Mod/FloorDiv of two. */
static int parseCall(Parser *p, MlirStringRef name) {
  static const struct {
    const char *name;
    FxDimExprKind kind;
    int arity; /* 0: one or more */
  } kFunctions[] = {
      {"Max", FX_DIM_EXPR_MAX, 0},
      {"Min", FX_DIM_EXPR_MIN, 0},
      {"Mod", FX_DIM_EXPR_MOD, 2},
      {"FloorDiv", FX_DIM_EXPR_FLOORDIV, 2},
  };
  int f = -1;
  for (int i = 0; i < (int)(sizeof kFunctions / sizeof *kFunctions); ++i)
    if (strlen(kFunctions[i].name) == name.length &&
        memcmp(kFunctions[i].name, name.data, name.length) == 0)
      f = i;
  if (f < 0) {
    char what[96];
    snprintf(what, sizeof what, "unknown function '%.*s' (fxir reads Max, Min, "
             "Mod and FloorDiv)", name.length > 32 ? 32 : (int)name.length, name.data);
    return perr(p, what);
  }
  int acc = parseSum(p), count = 1;
  while (acc >= 0 && eat(p, ",")) {
    acc = node(p, kFunctions[f].kind, acc, parseSum(p));
    ++count;
  }
  if (acc < 0)
    return -1;
  if (!eat(p, ")"))
    return perr(p, "expected ',' or ')'");
  if (kFunctions[f].arity && count != kFunctions[f].arity)
    return perr(p, "Mod and FloorDiv take two arguments");
  return acc;
}

static int parseAtom(Parser *p) {
  skipSpace(p);
  if (p->at == p->n)
    return perr(p, "expected an integer, a symbol or '('");
  char c = p->s[p->at];
  if (isDigit(c)) {
    int64_t v = 0;
    while (p->at < p->n && isDigit(p->s[p->at])) {
      if (__builtin_mul_overflow(v, 10, &v) ||
          __builtin_add_overflow(v, p->s[p->at] - '0', &v))
        return perr(p, "an integer that does not fit in an int64");
      ++p->at;
    }
    int i = node(p, FX_DIM_EXPR_INT, -1, -1);
    if (i >= 0)
      p->e->nodes[i].value = v;
    return i;
  }
  if (isIdStart(c)) {
    size_t start = p->at;
    while (p->at < p->n && (isIdStart(p->s[p->at]) || isDigit(p->s[p->at])))
      ++p->at;
    MlirStringRef name = {p->s + start, p->at - start};
    if (eat(p, "(")) {
      if (!enter(p))
        return -1;
      int i = parseCall(p, name);
      --p->depth;
      return i;
    }
    int i = node(p, FX_DIM_EXPR_SYMBOL, -1, -1);
    if (i >= 0)
      p->e->nodes[i].symbol = name;
    return i;
  }
  if (eat(p, "(")) {
    if (!enter(p))
      return -1;
    int i = parseSum(p);
    --p->depth;
    if (i >= 0 && !eat(p, ")"))
      return perr(p, "expected ')'");
    return i;
  }
  return perr(p, "expected an integer, a symbol or '('");
}

static int parsePower(Parser *p) {
  int base = parseAtom(p);
  if (base >= 0 && eat(p, "**")) {
    if (!enter(p))
      return -1;
    int i = node(p, FX_DIM_EXPR_POW, base, parseUnary(p));
    --p->depth;
    return i;
  }
  return base;
}

static int parseUnary(Parser *p) {
  int i;
  if (eat(p, "-")) {
    if (!enter(p))
      return -1;
    i = node(p, FX_DIM_EXPR_NEG, parseUnary(p), -1);
  } else if (eat(p, "+")) {
    if (!enter(p))
      return -1;
    i = parseUnary(p);
  } else {
    return parsePower(p);
  }
  --p->depth;
  return i;
}

static int parseProduct(Parser *p) {
  int acc = parseUnary(p);
  while (acc >= 0) {
    FxDimExprKind k;
    if (eat(p, "//"))
      k = FX_DIM_EXPR_FLOORDIV;
    else if (eat(p, "*"))
      k = FX_DIM_EXPR_MUL;
    else if (eat(p, "%"))
      k = FX_DIM_EXPR_MOD;
    else
      break;
    acc = node(p, k, acc, parseUnary(p));
  }
  return acc;
}

static int parseSum(Parser *p) {
  int acc = parseProduct(p);
  while (acc >= 0) {
    if (eat(p, "+"))
      acc = node(p, FX_DIM_EXPR_ADD, acc, parseProduct(p));
    else if (eat(p, "-"))
      acc = node(p, FX_DIM_EXPR_SUB, acc, parseProduct(p));
    else
      break;
  }
  return acc;
}

bool fxDimExprParse(MlirStringRef text, FxDimExpr *expr, char *err,
                    size_t errSize) {
  Parser p = {text.data, text.length, 0, expr, err, errSize, false, 0};
  expr->numNodes = 0;
  expr->root = parseSum(&p);
  skipSpace(&p);
  if (expr->root >= 0 && p.at != p.n)
    perr(&p, "unexpected text");
  return !p.failed && expr->root >= 0;
}

/*===-- Evaluation ---------------------------------------------------------===*/

static bool floorDiv(int64_t a, int64_t b, int64_t *q, int64_t *r) {
  if (b == 0 || (a == INT64_MIN && b == -1))
    return false;
  *q = a / b;
  *r = a % b;
  if (*r != 0 && ((*r < 0) != (b < 0))) { /* Python floors; C truncates */
    --*q;
    *r += b;
  }
  return true;
}

static bool evalNode(const FxDimExpr *e, int i,
                     bool (*lookup)(void *, MlirStringRef, int64_t *),
                     void *user, int64_t *out) {
  const FxDimExprNode *n = &e->nodes[i];
  int64_t a = 0, b = 0, r;
  if (n->kind == FX_DIM_EXPR_INT) {
    *out = n->value;
    return true;
  }
  if (n->kind == FX_DIM_EXPR_SYMBOL)
    return lookup(user, n->symbol, out);
  if (!evalNode(e, n->lhs, lookup, user, &a) ||
      (n->rhs >= 0 && !evalNode(e, n->rhs, lookup, user, &b)))
    return false;
  switch (n->kind) {
  case FX_DIM_EXPR_NEG: return !__builtin_sub_overflow(0, a, out);
  case FX_DIM_EXPR_ADD: return !__builtin_add_overflow(a, b, out);
  case FX_DIM_EXPR_SUB: return !__builtin_sub_overflow(a, b, out);
  case FX_DIM_EXPR_MUL: return !__builtin_mul_overflow(a, b, out);
  case FX_DIM_EXPR_FLOORDIV: return floorDiv(a, b, out, &r);
  case FX_DIM_EXPR_MOD: return floorDiv(a, b, &r, out);
  case FX_DIM_EXPR_MAX: *out = a > b ? a : b; return true;
  case FX_DIM_EXPR_MIN: *out = a < b ? a : b; return true;
  case FX_DIM_EXPR_POW:
    if (b < 0)
      return false;
    for (*out = 1; b > 0; --b)
      if (__builtin_mul_overflow(*out, a, out))
        return false;
    return true;
  default:
    return false;
  }
}

bool fxDimExprEvaluate(const FxDimExpr *expr,
                       bool (*lookup)(void *, MlirStringRef, int64_t *),
                       void *user, int64_t *value) {
  return expr->root >= 0 && evalNode(expr, expr->root, lookup, user, value);
}

/*===-- The canonical form -------------------------------------------------===*/

/* An atom: its canonical text (in the arena) and whether it is >= 0; a
 * Max/Min atom also keeps its arguments (ids in Canon.args, and the folded
 * constant), so that Max(Max(a, b), c) flattens however it was reached. */
typedef struct Atom {
  int off, len;
  bool nonNeg;
  FxDimExprKind kind; /* FX_DIM_EXPR_MAX or _MIN; else FX_DIM_EXPR_SYMBOL */
  int argFirst, argCount;
  bool hasConst;
  int64_t konst;
} Atom;

/* coeff * atoms[0] * ... * atoms[deg-1], atoms sorted by text. */
typedef struct Term {
  int64_t coeff;
  int deg;
  int atoms[FX_DIM_EXPR_MAX_DEGREE];
} Term;

typedef struct Poly {
  int n;
  Term t[FX_DIM_EXPR_MAX_TERMS];
} Poly;

#define kMaxAtoms 64
#define kArena 8192

typedef struct Canon {
  const FxDimExpr *e;
  char *err;
  size_t errSize;
  int numAtoms, used, numArgs;
  Atom atoms[kMaxAtoms];
  int args[kMaxAtoms * 4];
  char arena[kArena];
} Canon;

/* Output text, with the limit as an error. */
typedef struct Buf {
  char *s;
  size_t n, cap;
  bool full;
} Buf;

static void put(Buf *b, const char *s, size_t n) {
  if (b->n + n >= b->cap) {
    b->full = true;
    return;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

static void putInt(Buf *b, int64_t v) {
  char tmp[24];
  int k = snprintf(tmp, sizeof tmp, "%" PRId64, v);
  put(b, tmp, (size_t)k);
}

static int cmpText(const Canon *c, int a, int b) {
  const Atom *x = &c->atoms[a], *y = &c->atoms[b];
  int m = x->len < y->len ? x->len : y->len;
  int r = memcmp(c->arena + x->off, c->arena + y->off, (size_t)m);
  return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Interns `s` as an atom; -1 when a limit is reached. */
static int atom(Canon *c, const char *s, size_t n, bool nonNeg) {
  for (int i = 0; i < c->numAtoms; ++i)
    if ((size_t)c->atoms[i].len == n && memcmp(c->arena + c->atoms[i].off, s, n) == 0)
      return i;
  if (c->numAtoms == kMaxAtoms || c->used + n > kArena) {
    failf(c->err, c->errSize, "the expression is too large for fxir "
          "(more than %d distinct terms or %d characters)", kMaxAtoms, kArena);
    return -1;
  }
  memcpy(c->arena + c->used, s, n);
  c->atoms[c->numAtoms] = (Atom){c->used, (int)n, nonNeg, FX_DIM_EXPR_SYMBOL, 0, 0, false, 0};
  c->used += (int)n;
  return c->numAtoms++;
}

/* Term order: higher degree first, then the atoms' text; 0 when like. */
static int cmpTerm(const Canon *c, const Term *a, const Term *b) {
  if (a->deg != b->deg)
    return a->deg > b->deg ? -1 : 1;
  for (int i = 0; i < a->deg; ++i) {
    int r = a->atoms[i] == b->atoms[i] ? 0 : cmpText(c, a->atoms[i], b->atoms[i]);
    if (r)
      return r;
  }
  return 0;
}

/* Adds k * t to p, keeping p sorted, merged and without zero terms. */
static bool addTerm(Canon *c, Poly *p, Term t, int64_t k) {
  if (__builtin_mul_overflow(t.coeff, k, &t.coeff))
    return failf(c->err, c->errSize, "int64 overflow in a coefficient");
  if (t.coeff == 0)
    return true;
  int i = 0;
  while (i < p->n && cmpTerm(c, &p->t[i], &t) < 0)
    ++i;
  if (i < p->n && cmpTerm(c, &p->t[i], &t) == 0) {
    if (__builtin_add_overflow(p->t[i].coeff, t.coeff, &p->t[i].coeff))
      return failf(c->err, c->errSize, "int64 overflow in a coefficient");
    if (p->t[i].coeff == 0) {
      memmove(&p->t[i], &p->t[i + 1], (size_t)(p->n - i - 1) * sizeof *p->t);
      --p->n;
    }
    return true;
  }
  if (p->n == FX_DIM_EXPR_MAX_TERMS)
    return failf(c->err, c->errSize, "more than %d terms (fxir's limit "
                 "FX_DIM_EXPR_MAX_TERMS)", FX_DIM_EXPR_MAX_TERMS);
  memmove(&p->t[i + 1], &p->t[i], (size_t)(p->n - i) * sizeof *p->t);
  p->t[i] = t;
  ++p->n;
  return true;
}

static Poly constPoly(int64_t v) {
  Poly p = {0};
  if (v)
    p.t[p.n++] = (Term){v, 0, {0}};
  return p;
}

static bool isConst(const Poly *p, int64_t *v) {
  if (p->n == 0 || (p->n == 1 && p->t[0].deg == 0)) {
    *v = p->n ? p->t[0].coeff : 0;
    return true;
  }
  return false;
}

static bool addPoly(Canon *c, Poly *acc, const Poly *b, int64_t k) {
  for (int i = 0; i < b->n; ++i)
    if (!addTerm(c, acc, b->t[i], k))
      return false;
  return true;
}

static bool mulPoly(Canon *c, const Poly *a, const Poly *b, Poly *out) {
  Poly r = {0};
  for (int i = 0; i < a->n; ++i)
    for (int j = 0; j < b->n; ++j) {
      const Term *x = &a->t[i], *y = &b->t[j];
      if (x->deg + y->deg > FX_DIM_EXPR_MAX_DEGREE)
        return failf(c->err, c->errSize, "a term of degree above %d (fxir's "
                     "limit FX_DIM_EXPR_MAX_DEGREE)", FX_DIM_EXPR_MAX_DEGREE);
      Term t = {x->coeff, 0, {0}};
      int u = 0, v = 0; /* merge the sorted atom lists */
      while (u < x->deg || v < y->deg)
        t.atoms[t.deg++] = v == y->deg || (u < x->deg && cmpText(c, x->atoms[u], y->atoms[v]) <= 0)
                               ? x->atoms[u++] : y->atoms[v++];
      if (!addTerm(c, &r, t, y->coeff))
        return false;
    }
  *out = r;
  return true;
}

static bool polyNonNeg(const Canon *c, const Poly *p) {
  for (int i = 0; i < p->n; ++i) {
    if (p->t[i].coeff < 0)
      return false;
    for (int k = 0; k < p->t[i].deg; ++k)
      if (!c->atoms[p->t[i].atoms[k]].nonNeg)
        return false;
  }
  return true;
}

/* Prints term `t`'s monomial (atoms, `**k` for repeats). */
static void putMonomial(const Canon *c, Buf *b, const Term *t) {
  for (int k = 0; k < t->deg;) {
    int run = 1;
    while (k + run < t->deg && t->atoms[k + run] == t->atoms[k])
      ++run;
    if (k)
      put(b, "*", 1);
    const Atom *a = &c->atoms[t->atoms[k]];
    put(b, c->arena + a->off, (size_t)a->len);
    if (run > 1) {
      put(b, "**", 2);
      putInt(b, run);
    }
    k += run;
  }
}

/* Prints p; spans[i] (when given) receives term i's monomial position. */
static bool putPoly(Canon *c, Buf *b, const Poly *p, size_t (*spans)[2]) {
  if (p->n == 0)
    put(b, "0", 1);
  for (int i = 0; i < p->n; ++i) {
    const Term *t = &p->t[i];
    if (t->coeff == INT64_MIN)
      return failf(c->err, c->errSize, "int64 overflow in a coefficient");
    int64_t mag = t->coeff < 0 ? -t->coeff : t->coeff;
    put(b, i == 0 ? (t->coeff < 0 ? "-" : "") : (t->coeff < 0 ? " - " : " + "),
        i == 0 ? (t->coeff < 0) : 3);
    if (t->deg == 0 || mag != 1) {
      putInt(b, mag);
      if (t->deg)
        put(b, "*", 1);
    }
    size_t at = b->n;
    putMonomial(c, b, t);
    if (spans) {
      spans[i][0] = at;
      spans[i][1] = b->n - at;
    }
  }
  if (b->full)
    return failf(c->err, c->errSize, "the canonical form is longer than %zu "
                 "characters", b->cap - 1);
  return true;
}

/* p's canonical text into buf (cap bytes), its length in *len. */
static bool polyText(Canon *c, const Poly *p, char *buf, size_t cap, size_t *len) {
  Buf b = {buf, 0, cap, false};
  buf[0] = 0;
  if (!putPoly(c, &b, p, NULL))
    return false;
  *len = b.n;
  return true;
}

static bool toPoly(Canon *c, int i, Poly *out);

/* `a // k` or Mod(a, k) for a positive constant k (folded when they can). */
static bool divMod(Canon *c, const FxDimExprNode *n, Poly *out) {
  Poly a, d;
  int64_t k, v, q, r;
  if (!toPoly(c, n->lhs, &a) || !toPoly(c, n->rhs, &d))
    return false;
  bool mod = n->kind == FX_DIM_EXPR_MOD;
  char text[FX_DIM_EXPR_MAX_LENGTH];
  size_t len;
  if (!isConst(&d, &k) || k <= 0) {
    if (!polyText(c, &d, text, sizeof text, &len))
      return false;
    return failf(c->err, c->errSize, "the divisor of %s is %s: fxir divides "
                 "by positive integers only", mod ? "Mod" : "'//'", text);
  }
  if (isConst(&a, &v)) {
    floorDiv(v, k, &q, &r);
    *out = constPoly(mod ? r : q);
    return true;
  }
  /* a = k*q + r with r's coefficients and constant in [0, k) (Python's
   * floor division of each coefficient; the monomials are integers):
   * a // k = q + r // k and Mod(a, k) = Mod(r, k), exactly. */
  Poly qp = {0}, rp = {0};
  for (int i = 0; i < a.n; ++i) {
    Term t = a.t[i];
    int64_t tq, tr;
    floorDiv(t.coeff, k, &tq, &tr);
    Term tqT = t, trT = t;
    tqT.coeff = tq;
    trT.coeff = tr;
    if (!addTerm(c, &qp, tqT, 1) || !addTerm(c, &rp, trT, 1))
      return false;
  }
  a = rp;
  if (isConst(&a, &v)) { /* r is a constant in [0, k) */
    *out = mod ? constPoly(v) : qp;
    return true;
  }
  if (!polyText(c, &a, text, sizeof text, &len))
    return false;
  bool bare = a.n == 1 && a.t[0].coeff == 1; /* one monomial */
  char atomText[FX_DIM_EXPR_MAX_LENGTH + 48];
  int m = mod ? snprintf(atomText, sizeof atomText, "Mod(%s, %" PRId64 ")", text, k)
              : snprintf(atomText, sizeof atomText, bare ? "(%s//%" PRId64 ")"
                         : "((%s)//%" PRId64 ")", text, k);
  int id = atom(c, atomText, (size_t)m, mod || polyNonNeg(c, &a));
  *out = mod ? (Poly){0} : qp;
  return id >= 0 && addTerm(c, out, (Term){1, 1, {id}}, 1);
}

/* Max/Min: the arguments of a chain of one kind, printed, sorted, unique. */
static bool maxMin(Canon *c, int i, Poly *out) {
  FxDimExprKind kind = c->e->nodes[i].kind;
  bool isMax = kind == FX_DIM_EXPR_MAX;
  int stack[FX_DIM_EXPR_MAX_NODES], sp = 0, args[FX_DIM_EXPR_MAX_NODES], n = 0;
  stack[sp++] = i;
  while (sp) { /* flatten Max(Max(a, b), c) */
    int k = stack[--sp];
    if (c->e->nodes[k].kind == kind) {
      stack[sp++] = c->e->nodes[k].rhs;
      stack[sp++] = c->e->nodes[k].lhs;
    } else {
      args[n++] = k;
    }
  }
  /* Constants fold into one; the others become atoms by their text. */
  bool haveConst = false, anyNonNeg = false, allNonNeg = true;
  int64_t best = 0;
  int ids[FX_DIM_EXPR_MAX_NODES], numIds = 0;
  Poly first, p; /* first: the one argument, if it stays alone */
  bool firstSet = false;
  for (int k = 0; k < n; ++k) {
    int64_t v;
    if (!toPoly(c, args[k], &p))
      return false;
    if (isConst(&p, &v)) {
      best = !haveConst ? v : isMax ? (v > best ? v : best) : (v < best ? v : best);
      haveConst = true;
      continue;
    }
    if (p.n == 1 && p.t[0].coeff == 1 && p.t[0].deg == 1 &&
        c->atoms[p.t[0].atoms[0]].kind == kind) { /* Max(Max(a, b), c) */
      const Atom *inner = &c->atoms[p.t[0].atoms[0]];
      if (inner->hasConst) {
        v = inner->konst;
        best = !haveConst ? v : isMax ? (v > best ? v : best) : (v < best ? v : best);
        haveConst = true;
      }
      for (int a = 0; a < inner->argCount; ++a) {
        int id = c->args[inner->argFirst + a];
        bool seen = false;
        for (int j = 0; j < numIds; ++j)
          seen |= ids[j] == id;
        if (!seen) {
          ids[numIds++] = id;
          anyNonNeg |= c->atoms[id].nonNeg;
          allNonNeg &= c->atoms[id].nonNeg;
        }
      }
      continue;
    }
    char text[FX_DIM_EXPR_MAX_LENGTH];
    size_t len;
    if (!polyText(c, &p, text, sizeof text, &len))
      return false;
    bool nn = polyNonNeg(c, &p);
    int id = atom(c, text, len, nn);
    if (id < 0)
      return false;
    bool seen = false;
    for (int j = 0; j < numIds; ++j)
      seen |= ids[j] == id;
    if (seen)
      continue;
    if (!numIds) {
      first = p;
      firstSet = true;
    }
    ids[numIds++] = id;
    anyNonNeg |= nn;
    allNonNeg &= nn;
  }
  /* Symbols are sizes: a constant <= 0 never beats an argument >= 0 in a
   * Max, and always wins a Min of arguments >= 0. */
  if (haveConst && best <= 0 && numIds > 0) {
    if (!isMax && allNonNeg) {
      *out = constPoly(best);
      return true;
    }
    if (isMax && anyNonNeg && (numIds > 1 || firstSet))
      haveConst = false;
  }
  if (numIds == 0) {
    *out = constPoly(best);
    return true;
  }
  if (numIds == 1 && !haveConst) {
    *out = first;
    return true;
  }
  for (int a = 1; a < numIds; ++a) /* insertion sort by text */
    for (int b = a; b > 0 && cmpText(c, ids[b - 1], ids[b]) > 0; --b) {
      int t = ids[b];
      ids[b] = ids[b - 1];
      ids[b - 1] = t;
    }
  char text[FX_DIM_EXPR_MAX_LENGTH];
  Buf b = {text, 0, sizeof text, false};
  put(&b, isMax ? "Max(" : "Min(", 4);
  if (haveConst) { /* an integer sorts before any atom text here */
    putInt(&b, best);
    anyNonNeg |= best >= 0;
    allNonNeg &= best >= 0;
  }
  for (int k = 0; k < numIds; ++k) {
    if (k || haveConst)
      put(&b, ", ", 2);
    put(&b, c->arena + c->atoms[ids[k]].off, (size_t)c->atoms[ids[k]].len);
  }
  put(&b, ")", 1);
  if (b.full)
    return failf(c->err, c->errSize, "the canonical form is longer than %d "
                 "characters", FX_DIM_EXPR_MAX_LENGTH - 1);
  int id = atom(c, text, b.n, isMax ? anyNonNeg : allNonNeg);
  if (id < 0)
    return false;
  Atom *m = &c->atoms[id];
  if (m->kind != kind) { /* new: remember its arguments */
    if (c->numArgs + numIds > (int)(sizeof c->args / sizeof *c->args))
      return failf(c->err, c->errSize, "the expression is too large for fxir "
                   "(more than %d Max/Min arguments)",
                   (int)(sizeof c->args / sizeof *c->args));
    m->kind = kind;
    m->argFirst = c->numArgs;
    m->argCount = numIds;
    m->hasConst = haveConst;
    m->konst = best;
    memcpy(c->args + c->numArgs, ids, (size_t)numIds * sizeof *ids);
    c->numArgs += numIds;
  }
  *out = (Poly){0};
  return addTerm(c, out, (Term){1, 1, {id}}, 1);
}

static bool toPoly(Canon *c, int i, Poly *out) {
  const FxDimExprNode *n = &c->e->nodes[i];
  Poly a, b;
  int64_t k;
  switch (n->kind) {
  case FX_DIM_EXPR_INT:
    *out = constPoly(n->value);
    return true;
  case FX_DIM_EXPR_SYMBOL: {
    int id = atom(c, n->symbol.data, n->symbol.length, true);
    *out = (Poly){0};
    return id >= 0 && addTerm(c, out, (Term){1, 1, {id}}, 1);
  }
  case FX_DIM_EXPR_NEG:
    *out = (Poly){0};
    return toPoly(c, n->lhs, &a) && addPoly(c, out, &a, -1);
  case FX_DIM_EXPR_ADD:
  case FX_DIM_EXPR_SUB:
    if (!toPoly(c, n->lhs, out) || !toPoly(c, n->rhs, &b))
      return false;
    return addPoly(c, out, &b, n->kind == FX_DIM_EXPR_ADD ? 1 : -1);
  case FX_DIM_EXPR_MUL:
    return toPoly(c, n->lhs, &a) && toPoly(c, n->rhs, &b) && mulPoly(c, &a, &b, out);
  case FX_DIM_EXPR_POW:
    if (!toPoly(c, n->lhs, &a) || !toPoly(c, n->rhs, &b))
      return false;
    if (!isConst(&b, &k) || k < 0 || k > FX_DIM_EXPR_MAX_DEGREE)
      return failf(c->err, c->errSize, "an exponent that is not an integer "
                   "in [0, %d]", FX_DIM_EXPR_MAX_DEGREE);
    for (*out = constPoly(1); k > 0; --k)
      if (!mulPoly(c, out, &a, out))
        return false;
    return true;
  case FX_DIM_EXPR_FLOORDIV:
  case FX_DIM_EXPR_MOD:
    return divMod(c, n, out);
  case FX_DIM_EXPR_MAX:
  case FX_DIM_EXPR_MIN:
    return maxMin(c, i, out);
  }
  return false;
}

/* Parses and canonicalizes into c (heap: Canon is large); NULL on failure. */
static Canon *canon(MlirStringRef text, FxDimExpr *e, Poly *p, char *err,
                    size_t errSize) {
  if (!fxDimExprParse(text, e, err, errSize))
    return NULL;
  Canon *c = malloc(sizeof *c);
  if (!c) {
    failf(err, errSize, "out of memory");
    return NULL;
  }
  c->e = e;
  c->err = err;
  c->errSize = errSize;
  c->numAtoms = c->used = c->numArgs = 0;
  if (toPoly(c, e->root, p))
    return c;
  free(c);
  return NULL;
}

bool fxDimExprCanonicalize(MlirStringRef text, char *out, size_t outSize,
                           bool *isInt, int64_t *value, char *err,
                           size_t errSize) {
  FxDimExpr *e = malloc(sizeof *e);
  Poly p;
  Canon *c = e ? canon(text, e, &p, err, errSize) : NULL;
  bool ok = c != NULL;
  if (!e)
    failf(err, errSize, "out of memory");
  if (ok) {
    *isInt = isConst(&p, value);
    Buf b = {out, 0, outSize < FX_DIM_EXPR_MAX_LENGTH ? outSize : FX_DIM_EXPR_MAX_LENGTH, false};
    if (outSize)
      out[0] = 0;
    ok = putPoly(c, &b, &p, NULL);
  }
  /* Multiplying out can make the canonical form longer than the text: it
   * must still be one fxir reads (the node limit), or it is an error here
   * rather than in every reader of the IR. */
  char err2[160];
  if (ok && !fxDimExprParse(mlirStringRefCreate(out, strlen(out)), e, err2, sizeof err2))
    ok = failf(err, errSize, "its canonical form is beyond fxir's limits: %s", err2);
  free(c);
  free(e);
  return ok;
}

intptr_t fxDimExprGetTerms(MlirStringRef text, FxDimExprTerm *terms,
                           intptr_t max) {
  FxDimExpr *e = malloc(sizeof *e);
  Poly p;
  Canon *c = e ? canon(text, e, &p, NULL, 0) : NULL;
  intptr_t n = -1;
  char buf[FX_DIM_EXPR_MAX_LENGTH];
  size_t spans[FX_DIM_EXPR_MAX_TERMS][2];
  Buf b = {buf, 0, sizeof buf, false};
  if (c && putPoly(c, &b, &p, spans) && b.n == text.length &&
      memcmp(buf, text.data, b.n) == 0) {
    n = p.n;
    for (int i = 0; i < p.n && i < max; ++i) {
      const Term *t = &p.t[i];
      bool nonNeg = true;
      for (int k = 0; k < t->deg; ++k)
        nonNeg &= c->atoms[t->atoms[k]].nonNeg;
      terms[i] = (FxDimExprTerm){t->coeff, {text.data + spans[i][0], spans[i][1]}, nonNeg};
    }
  }
  free(c);
  free(e);
  return n;
}
