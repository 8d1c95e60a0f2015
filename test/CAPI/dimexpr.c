// RUN: fx-capi-dimexpr-test 2>&1 | FileCheck %s

/* dimexpr.c - tests symbolic dim expressions (fxir/FxDimExpr.h): torch's
 * printed forms in, one canonical form out, parse errors and limits,
 * evaluation with Python's floor semantics, and the term split the passes
 * use.  Canonical forms are printed and matched by the CHECK lines; API
 * results are checked with EXPECT, which keeps going after a failure. */
#include "fxir/FxDimExpr.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int gPassed, gFailed;

#define EXPECT(cond)                                                           \
  ((cond) ? (void)gPassed++                                                    \
          : (void)(gFailed++, printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, \
                                     #cond)))

static MlirStringRef ref(const char *s) { return (MlirStringRef){s, strlen(s)}; }

/* Prints `in -> canonical` or `in -> error: message`. */
static void canon(const char *in) {
  char out[FX_DIM_EXPR_MAX_LENGTH], err[256];
  bool isInt = false;
  int64_t v = 0;
  if (fxDimExprCanonicalize(ref(in), out, sizeof out, &isInt, &v, err, sizeof err)) {
    printf("%s -> %s%s\n", in, out, isInt ? " (int)" : "");
    /* The canonical form is a fixed point. */
    char again[FX_DIM_EXPR_MAX_LENGTH];
    bool i2;
    int64_t v2;
    EXPECT(fxDimExprCanonicalize(ref(out), again, sizeof again, &i2, &v2, err, sizeof err));
    EXPECT(strcmp(out, again) == 0);
    EXPECT(!isInt || (i2 && v2 == v));
  } else {
    printf("%s -> error: %s\n", in, err);
  }
}

typedef struct Env {
  const char *names[4];
  int64_t values[4];
} Env;

static bool lookup(void *user, MlirStringRef sym, int64_t *value) {
  Env *env = user;
  for (int i = 0; i < 4 && env->names[i]; ++i)
    if (strlen(env->names[i]) == sym.length && memcmp(env->names[i], sym.data, sym.length) == 0) {
      *value = env->values[i];
      return true;
    }
  return false;
}

static bool eval(const char *text, Env *env, int64_t *out) {
  FxDimExpr e;
  char err[128];
  return fxDimExprParse(ref(text), &e, err, sizeof err) &&
         fxDimExprEvaluate(&e, lookup, env, out);
}

/* A random expression in torch's syntax over s0..s2 (splitmix64). */
static uint64_t gRng = 0x9e3779b97f4a7c15u;
static unsigned rnd(unsigned n) {
  uint64_t z = (gRng += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return (unsigned)((z ^ (z >> 31)) % n);
}

static void randomExpr(char *b, size_t cap, int depth) {
  static const char *const kSyms[] = {"s0", "s1", "s2"};
  unsigned pick = depth <= 0 ? rnd(2) : rnd(10);
  char x[240], y[240];
  switch (pick) {
  case 0: snprintf(b, cap, "%u", rnd(7)); return;
  case 1: snprintf(b, cap, "%s", kSyms[rnd(3)]); return;
  case 2: randomExpr(x, sizeof x, depth - 1); randomExpr(y, sizeof y, depth - 1);
    snprintf(b, cap, "(%s + %s)", x, y); return;
  case 3: randomExpr(x, sizeof x, depth - 1); randomExpr(y, sizeof y, depth - 1);
    snprintf(b, cap, "(%s - %s)", x, y); return;
  case 4: randomExpr(x, sizeof x, depth - 1); randomExpr(y, sizeof y, depth - 1);
    snprintf(b, cap, "%s*%s", x, y); return;
  case 5: randomExpr(x, sizeof x, depth - 1);
    snprintf(b, cap, "(%s//%u)", x, 1 + rnd(4)); return;
  case 6: randomExpr(x, sizeof x, depth - 1);
    snprintf(b, cap, "Mod(%s, %u)", x, 1 + rnd(4)); return;
  case 7: randomExpr(x, sizeof x, depth - 1); randomExpr(y, sizeof y, depth - 1);
    snprintf(b, cap, "Max(%s, %s)", x, y); return;
  case 8: randomExpr(x, sizeof x, depth - 1); randomExpr(y, sizeof y, depth - 1);
    snprintf(b, cap, "Min(%s, %s)", x, y); return;
  default: randomExpr(x, sizeof x, depth - 1);
    snprintf(b, cap, "-(%s)", x); return;
  }
}

/* The canonical form has the value of the expression for every symbol
 * value tried, re-canonicalizes to itself, and its terms agree with the
 * nonNeg claims.  Returns how many expressions were compared. */
static int randomCheck(int n) {
  static const int64_t kValues[] = {0, 1, 2, 3, 5, 7, 10};
  int compared = 0;
  for (int k = 0; k < n; ++k) {
    char text[512], canon[FX_DIM_EXPR_MAX_LENGTH], again[FX_DIM_EXPR_MAX_LENGTH], err[256];
    randomExpr(text, sizeof text, 1 + (int)rnd(4));
    bool isInt, i2;
    int64_t v, v2;
    if (!fxDimExprCanonicalize(ref(text), canon, sizeof canon, &isInt, &v, err, sizeof err))
      continue; /* a limit (terms, degree): fine, it said so */
    bool fixed = fxDimExprCanonicalize(ref(canon), again, sizeof again, &i2, &v2, err, sizeof err) &&
                 strcmp(canon, again) == 0;
    if (!fixed)
      printf("NOT A FIXED POINT %s -> %s -> %s\n", text, canon, again);
    EXPECT(fixed);
    FxDimExprTerm terms[FX_DIM_EXPR_MAX_TERMS];
    intptr_t nt = isInt ? 0 : fxDimExprGetTerms(ref(canon), terms, FX_DIM_EXPR_MAX_TERMS);
    EXPECT(isInt || nt >= 1);
    for (int t = 0; t < 50; ++t) {
      Env env = {{"s0", "s1", "s2", NULL},
                 {kValues[rnd(7)], kValues[rnd(7)], kValues[rnd(7)]}};
      int64_t a, b;
      if (!eval(text, &env, &a))
        continue; /* overflow on the way */
      bool ok = eval(canon, &env, &b) && a == b;
      if (!ok)
        printf("MISMATCH %s -> %s at s0=%lld s1=%lld s2=%lld\n", text, canon,
               (long long)env.values[0], (long long)env.values[1], (long long)env.values[2]);
      EXPECT(ok);
      /* A term claimed >= 0 is >= 0 here. */
      for (intptr_t i = 0; i < nt; ++i) {
        int64_t m;
        if (terms[i].monomial.length && terms[i].nonNeg) {
          char mono[FX_DIM_EXPR_MAX_LENGTH];
          snprintf(mono, sizeof mono, "%.*s", (int)terms[i].monomial.length,
                   terms[i].monomial.data);
          EXPECT(!eval(mono, &env, &m) || m >= 0);
        }
      }
    }
    ++compared;
  }
  return compared;
}

int main(void) {
  EXPECT(fxDimIsSymbolName(ref("s72")));
  EXPECT(fxDimIsSymbolName(ref("_x1")));
  EXPECT(!fxDimIsSymbolName(ref("2*s72")));
  EXPECT(!fxDimIsSymbolName(ref("1s")));
  EXPECT(!fxDimIsSymbolName(ref("")));

  // CHECK: 2*s72 -> 2*s72
  canon("2*s72");
  // CHECK-NEXT: s75 + s57 -> s57 + s75
  canon("s75 + s57");
  // CHECK-NEXT: 2*(s0 + 1) -> 2*s0 + 2
  canon("2*(s0 + 1)");
  // CHECK-NEXT: (2*s0)//2 -> s0
  canon("(2*s0)//2");
  // CHECK-NEXT: (s27//2) -> (s27//2)
  canon("(s27//2)");
  // CHECK-NEXT: (s0+1)//2 -> ((s0 + 1)//2)
  canon("(s0+1)//2");
  // CHECK-NEXT: ((2*s0)//3) -> ((2*s0)//3)
  canon("((2*s0)//3)");
  // CHECK-NEXT: s0*s0 -> s0**2
  canon("s0*s0");
  // CHECK-NEXT: s1*s0 + s0**2 - 1 -> s0**2 + s0*s1 - 1
  canon("s1*s0 + s0**2 - 1");
  // CHECK-NEXT: Max(s0, 1) -> Max(1, s0)
  canon("Max(s0, 1)");
  // CHECK-NEXT: Max(s1, Max(s0, s1), 3, 7) -> Max(7, s0, s1)
  canon("Max(s1, Max(s0, s1), 3, 7)");
  // CHECK-NEXT: Min(s0, s0) -> s0
  canon("Min(s0, s0)");
  // CHECK-NEXT: Min(-1, 4) -> -1 (int)
  canon("Min(-1, 4)");
  // CHECK-NEXT: s0 % 4 -> Mod(s0, 4)
  canon("s0 % 4");
  // CHECK-NEXT: Mod(4*s0 + 8, 4) -> 0 (int)
  canon("Mod(4*s0 + 8, 4)");
  // CHECK-NEXT: -7 // 2 -> -4 (int)
  canon("-7 // 2");
  // CHECK-NEXT: -7 % 2 -> 1 (int)
  canon("-7 % 2");
  // CHECK-NEXT: FloorDiv(s0, 1) -> s0
  canon("FloorDiv(s0, 1)");
  // CHECK-NEXT: s0 - s0 -> 0 (int)
  canon("s0 - s0");
  // CHECK-NEXT: -s0 + 4 -> -s0 + 4
  canon("-s0 + 4");
  // CHECK-NEXT: 4 - 2*s0 -> -2*s0 + 4
  canon("4 - 2*s0");
  // CHECK-NEXT: (s0 + 1)*(s0 - 1) -> s0**2 - 1
  canon("(s0 + 1)*(s0 - 1)");
  // CHECK-NEXT: 2*(s0//2) + Mod(s0, 2) -> 2*(s0//2) + Mod(s0, 2)
  canon("2*(s0//2) + Mod(s0, 2)");
  /* Exact floor identities: a = k*q + r, r's coefficients in [0, k). */
  // CHECK-NEXT: ((2*s0 + 1)//2) -> s0
  canon("((2*s0 + 1)//2)");
  // CHECK-NEXT: (s0 + 2)//2 -> (s0//2) + 1
  canon("(s0 + 2)//2");
  // CHECK-NEXT: (s0 - 1)//2 -> ((s0 + 1)//2) - 1
  canon("(s0 - 1)//2");
  // CHECK-NEXT: (3*s0)//2 -> (s0//2) + s0
  canon("(3*s0)//2");
  // CHECK-NEXT: Mod(s0 + 4, 4) -> Mod(s0, 4)
  canon("Mod(s0 + 4, 4)");
  // CHECK-NEXT: Mod(2*s0 + 1, 2) -> 1 (int)
  canon("Mod(2*s0 + 1, 2)");
  // CHECK-NEXT: Mod(-s0, 3) -> Mod(2*s0, 3)
  canon("Mod(-s0, 3)");
  /* Symbols are sizes: a constant <= 0 against arguments >= 0. */
  // CHECK-NEXT: Max(0, s0) -> s0
  canon("Max(0, s0)");
  // CHECK-NEXT: Min(0, s0) -> 0 (int)
  canon("Min(0, s0)");
  // CHECK-NEXT: Max(-1, s0 - 1) -> Max(-1, s0 - 1)
  canon("Max(-1, s0 - 1)");
  // CHECK-NEXT: Max(2, 2*Max(s0, s1)//2) -> Max(2, s0, s1)
  canon("Max(2, 2*Max(s0, s1)//2)");

  /* Errors, each naming what is wrong. */
  // CHECK-NEXT: s0 // s1 -> error: the divisor of '//' is s1: fxir divides by positive integers only
  canon("s0 // s1");
  // CHECK-NEXT: Mod(s0, 0) -> error: the divisor of Mod is 0: fxir divides by positive integers only
  canon("Mod(s0, 0)");
  // CHECK-NEXT: s0 ** s1 -> error: an exponent that is not an integer in [0, 8]
  canon("s0 ** s1");
  // CHECK-NEXT: s0 / 2 -> error: unexpected text at character 4 of "s0 / 2"
  canon("s0 / 2");
  // CHECK-NEXT: sqrt(s0) -> error: unknown function 'sqrt' (fxir reads Max, Min, Mod and FloorDiv) at character 6
  canon("sqrt(s0)");
  // CHECK-NEXT: (s0 -> error: expected ')' at character 4
  canon("(s0");
  // CHECK-NEXT: Mod(s0) -> error: Mod and FloorDiv take two arguments
  canon("Mod(s0)");
  // CHECK-NEXT: 99999999999999999999 -> error: an integer that does not fit in an int64
  canon("99999999999999999999");
  // CHECK-NEXT: 9223372036854775807*s0*2 -> error: int64 overflow in a coefficient
  canon("9223372036854775807*s0*2");
  // CHECK-NEXT: s0**9 -> error: an exponent that is not an integer in [0, 8]
  canon("s0**9");
  // CHECK-NEXT: s0**4*s1**5 -> error: a term of degree above 8 (fxir's limit FX_DIM_EXPR_MAX_DEGREE)
  canon("s0**4*s1**5");
  // CHECK-NEXT: s0 + -> error: expected an integer, a symbol or '(' at character 6
  canon("s0 + ");
  {
    /* 17 distinct terms: over FX_DIM_EXPR_MAX_TERMS. */
    char big[256] = "s0";
    for (int i = 1; i < 17; ++i)
      snprintf(big + strlen(big), sizeof big - strlen(big), " + s%d", i);
    char out[FX_DIM_EXPR_MAX_LENGTH], err[256];
    bool isInt;
    int64_t v;
    EXPECT(!fxDimExprCanonicalize(ref(big), out, sizeof out, &isInt, &v, err, sizeof err));
    // CHECK-NEXT: terms: more than 16 terms (fxir's limit FX_DIM_EXPR_MAX_TERMS)
    printf("terms: %s\n", err);
    /* 129 nodes: over FX_DIM_EXPR_MAX_NODES. */
    char deep[1024] = "1";
    for (int i = 0; i < 64; ++i)
      strcat(deep, "+1");
    EXPECT(!fxDimExprCanonicalize(ref(deep), out, sizeof out, &isInt, &v, err, sizeof err));
    // CHECK-NEXT: nodes: more than 128 nodes (fxir's limit FX_DIM_EXPR_MAX_NODES)
    printf("nodes: %.*s\n", (int)(strstr(err, ")") - err + 1), err);
    /* 65 parentheses around one symbol: one node, but too deep. */
    char nest[256] = "";
    for (int i = 0; i < 65; ++i)
      strcat(nest, "(");
    strcat(nest, "s0");
    for (int i = 0; i < 65; ++i)
      strcat(nest, ")");
    EXPECT(!fxDimExprCanonicalize(ref(nest), out, sizeof out, &isInt, &v, err, sizeof err));
    // CHECK-NEXT: depth: nesting deeper than 64 (fxir's limit FX_DIM_EXPR_MAX_DEPTH)
    printf("depth: %.*s\n", (int)(strstr(err, ")") - err + 1), err);
    /* INT64_MIN has no literal: a canonical form that needs one is an
     * error, never text fxir cannot read back. */
    EXPECT(!fxDimExprCanonicalize(ref("Max(-9223372036854775807 - 1, s0 - 1)"), out,
                                  sizeof out, &isInt, &v, err, sizeof err));
  }

  /* Evaluation: Python's floor division and modulo. */
  Env env = {{"s0", "s1", NULL}, {7, 3}};
  int64_t v = 0;
  EXPECT(eval("2*s0 + s1", &env, &v) && v == 17);
  EXPECT(eval("((s0 + 1)//2)", &env, &v) && v == 4);
  EXPECT(eval("(-s0)//2", &env, &v) && v == -4);
  EXPECT(eval("Mod(-s0, 3)", &env, &v) && v == 2);
  EXPECT(eval("Max(1, s0, s1)", &env, &v) && v == 7);
  EXPECT(eval("Min(s0, s1)", &env, &v) && v == 3);
  EXPECT(eval("s0**3", &env, &v) && v == 343);
  EXPECT(!eval("s2 + 1", &env, &v));        /* unbound */
  EXPECT(!eval("s0 // (s1 - 3)", &env, &v)); /* zero divisor */
  EXPECT(!eval("s0**30", &env, &v));        /* overflow */

  /* Terms, for the passes' linear expressions. */
  FxDimExprTerm t[8];
  EXPECT(fxDimExprGetTerms(ref("2*s72 + s75 - 1"), t, 8) == 3);
  EXPECT(t[0].coeff == 2 && t[0].monomial.length == 3 &&
         memcmp(t[0].monomial.data, "s72", 3) == 0 && t[0].nonNeg);
  EXPECT(t[1].coeff == 1 && t[1].monomial.length == 3 && t[1].nonNeg);
  EXPECT(t[2].coeff == -1 && t[2].monomial.length == 0);
  EXPECT(fxDimExprGetTerms(ref("s75 + s72"), t, 8) == -1); /* not canonical */
  EXPECT(fxDimExprGetTerms(ref("(Min(1, s0 - 1)//2)"), t, 8) == 1 && !t[0].nonNeg);
  EXPECT(fxDimExprGetTerms(ref("((s0 + 1)//2)"), t, 8) == 1 && t[0].nonNeg);
  EXPECT(fxDimExprGetTerms(ref("Mod(2*s0, 3)"), t, 8) == 1 && t[0].nonNeg);
  EXPECT(fxDimExprGetTerms(ref("Max(1, s0 - 1)"), t, 8) == 1 && t[0].nonNeg);
  EXPECT(fxDimExprGetTerms(ref("Min(1, s0 - 1)"), t, 8) == 1 && !t[0].nonNeg);
  EXPECT(fxDimExprGetTerms(ref("s0*s1"), t, 8) == 1 && t[0].nonNeg &&
         t[0].monomial.length == 5);

  /* Random expressions: value and fixed point of the canonical form. */
  int compared = randomCheck(3000);
  EXPECT(compared > 2000);
  // CHECK: random: compared
  printf("random: compared %d\n", compared);

  if (gFailed) {
    printf("dimexpr: %d of %d checks failed\n", gFailed, gPassed + gFailed);
    return 1;
  }
  // CHECK: dimexpr: {{[0-9]+}} checks passed
  printf("dimexpr: %d checks passed\n", gPassed);
  return 0;
}
