/* SymExpr.c - integer expressions over tensor symbols (see SymExpr.h). */
#include "SymExpr.h"

#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"

#include <string.h>

FxExpr fxExprConst(int64_t c) {
  FxExpr e = {0};
  e.known = true;
  e.constant = c;
  return e;
}

FxExpr fxExprUnknown(void) {
  FxExpr e = {0};
  return e;
}

FxExpr fxExprSymbol(MlirStringRef name) {
  FxExpr e = fxExprConst(0);
  e.numTerms = 1;
  e.terms[0].symbol = name;
  e.terms[0].coeff = 1;
  return e;
}

FxExpr fxExprFromText(MlirStringRef text) {
  if (fxDimIsSymbolName(text))
    return fxExprSymbol(text);
  /* A canonical expression's terms: each monomial that is >= 0 for every
   * value of its symbols is one (independent, >= 0) symbol here, which
   * only forgets relations between them ("s0*s1" and "s0"): proofs stay
   * valid.  A monomial that may be negative makes the whole unknown. */
  FxDimExprTerm terms[FX_EXPR_MAX_TERMS + 1];
  intptr_t n = fxDimExprGetTerms(text, terms, FX_EXPR_MAX_TERMS + 1);
  if (n < 0 || n > FX_EXPR_MAX_TERMS + 1)
    return fxExprUnknown();
  FxExpr e = fxExprConst(0);
  for (intptr_t i = 0; i < n; ++i) {
    if (terms[i].monomial.length == 0)
      e = fxExprAddConst(e, terms[i].coeff);
    else if (terms[i].nonNeg)
      e = fxExprAdd(e, fxExprScale(fxExprSymbol(terms[i].monomial), terms[i].coeff));
    else
      return fxExprUnknown();
  }
  return e;
}

FxExpr fxExprFromAttr(MlirAttribute attr) {
  if (mlirAttributeIsNull(attr))
    return fxExprUnknown();
  if (mlirAttributeIsAInteger(attr))
    return fxExprConst(mlirIntegerAttrGetValueInt(attr));
  if (mlirAttributeIsAString(attr))
    return fxExprFromText(mlirStringAttrGetValue(attr));
  return fxExprUnknown();
}

static int compareNames(MlirStringRef a, MlirStringRef b) {
  if (a.data == b.data && a.length == b.length)
    return 0; /* the same uniqued string: the common case */
  size_t n = a.length < b.length ? a.length : b.length;
  int c = n ? memcmp(a.data, b.data, n) : 0;
  if (c)
    return c;
  return a.length < b.length ? -1 : a.length > b.length;
}

/* a + k*b, merging the sorted term lists. */
static FxExpr addScaled(FxExpr a, FxExpr b, int64_t k) {
  if (!a.known || !b.known)
    return fxExprUnknown();
  int64_t kc, c;
  if (__builtin_mul_overflow(b.constant, k, &kc) ||
      __builtin_add_overflow(a.constant, kc, &c))
    return fxExprUnknown();
  /* A constant on one side (most of the region model's arithmetic): the
   * other side's terms as they are. */
  if (!b.numTerms) {
    a.constant = c;
    return a;
  }
  if (!a.numTerms && k == 1) {
    b.constant = c;
    return b;
  }
  FxExpr r = fxExprConst(c);
  int i = 0, j = 0;
  while (i < a.numTerms || j < b.numTerms) {
    int c = i == a.numTerms   ? 1
            : j == b.numTerms ? -1
                              : compareNames(a.terms[i].symbol, b.terms[j].symbol);
    MlirStringRef sym;
    int64_t coeff = 0, bk;
    if (c <= 0) {
      sym = a.terms[i].symbol;
      coeff = a.terms[i++].coeff;
    }
    if (c >= 0) {
      sym = b.terms[j].symbol;
      if (__builtin_mul_overflow(b.terms[j++].coeff, k, &bk) ||
          __builtin_add_overflow(coeff, bk, &coeff))
        return fxExprUnknown();
    }
    if (!coeff)
      continue;
    if (r.numTerms == FX_EXPR_MAX_TERMS)
      return fxExprUnknown();
    r.terms[r.numTerms].symbol = sym;
    r.terms[r.numTerms++].coeff = coeff;
  }
  return r;
}

FxExpr fxExprAdd(FxExpr a, FxExpr b) { return addScaled(a, b, 1); }
FxExpr fxExprSub(FxExpr a, FxExpr b) { return addScaled(a, b, -1); }
FxExpr fxExprScale(FxExpr a, int64_t k) {
  return addScaled(fxExprConst(0), a, k);
}
FxExpr fxExprAddConst(FxExpr a, int64_t c) {
  return addScaled(a, fxExprConst(c), 1);
}

bool fxExprIsConst(FxExpr a, int64_t *c) {
  if (!a.known || a.numTerms)
    return false;
  *c = a.constant;
  return true;
}

bool fxExprNonNeg(FxExpr a) {
  if (!a.known || a.constant < 0)
    return false;
  for (int i = 0; i < a.numTerms; ++i)
    if (a.terms[i].coeff < 0)
      return false;
  return true;
}

/* fxExprNonNeg(b - a + bias) without building the difference: the region
 * model asks this more than anything else (bench/compile).  Every way the
 * difference would be unknown (an overflow, more than FX_EXPR_MAX_TERMS
 * terms) answers false, as fxExprNonNeg does of an unknown;
 * test/Passes/region-model.c compares the two. */
static bool diffNonNeg(const FxExpr *a, const FxExpr *b, int64_t bias) {
  int64_t c;
  if (!a->known || !b->known || a->constant == INT64_MIN ||
      __builtin_add_overflow(b->constant, -a->constant, &c) ||
      __builtin_add_overflow(c, bias, &c) || c < 0)
    return false;
  int i = 0, j = 0, n = 0;
  while (i < a->numTerms || j < b->numTerms) {
    int o = j == b->numTerms   ? 1
            : i == a->numTerms ? -1
                               : compareNames(b->terms[j].symbol, a->terms[i].symbol);
    int64_t coeff = 0;
    if (o <= 0)
      coeff = b->terms[j++].coeff;
    if (o >= 0) {
      int64_t ac = a->terms[i++].coeff;
      if (ac == INT64_MIN || __builtin_add_overflow(coeff, -ac, &coeff))
        return false;
    }
    if (coeff < 0 || (coeff && ++n > FX_EXPR_MAX_TERMS))
      return false;
  }
  return true;
}

bool fxExprLE(FxExpr a, FxExpr b) { return diffNonNeg(&a, &b, 0); }
bool fxExprLT(FxExpr a, FxExpr b) { return diffNonNeg(&a, &b, -1); }
bool fxExprEq(FxExpr a, FxExpr b) {
  int64_t c;
  return fxExprIsConst(fxExprSub(a, b), &c) && c == 0;
}

FxExpr fxExprMinBound(FxExpr a, FxExpr b) {
  if (!a.known)
    return b;
  if (!b.known || fxExprLE(a, b))
    return a;
  if (fxExprLE(b, a))
    return b;
  int64_t c;
  return fxExprIsConst(b, &c) ? b : a;
}

FxExpr fxExprMaxBound(FxExpr a, FxExpr b) {
  if (!a.known)
    return b;
  if (!b.known || fxExprLE(b, a))
    return a;
  if (fxExprLE(a, b))
    return b;
  int64_t c;
  return fxExprIsConst(b, &c) ? b : a;
}
