/*===-- fxir/FxDimExpr.h - symbolic dim expressions ("2*s72") -----*- C -*-===*
 *
 * A dim, a slice bound, a shape entry or a SymInt argument is an integer, a
 * symbol (a string that is an identifier: "s72") or a symbolic expression
 * in torch's printed form (a string: "2*s72", "s57 + s75", "(s27//2)").
 * Expressions have integers, symbols, `+ - *`, `//` and `%` (Python's
 * floor division and modulo) by a positive integer, `**` by an integer
 * >= 0, `Max(...)`, `Min(...)`, `Mod(a, b)`, `FloorDiv(a, b)` and
 * parentheses.  Symbols stand for sizes: every symbol is >= 0.
 *
 * fxir keeps one canonical form, so that dims compare by attribute: a
 * polynomial in "atoms" (symbols, and the `//`, Mod, Max and Min terms
 * that do not fold), like terms merged, terms ordered by degree (highest
 * first) then by their atoms' text, the constant last, coefficient 1 and
 * `*1` omitted, `**k` for a repeated atom, Max/Min arguments flattened,
 * sorted and unique; `a // k` and Mod(a, k) with a split as k*q + r (r's
 * coefficients in [0, k)); a constant <= 0 dropped from a Max of an
 * argument >= 0, and the whole Min of arguments >= 0.  Expressions equal
 * under these rules are equal strings; others that are equal only by
 * further identities (s0 - (s0//2) and ((s0 + 1)//2), Max(2*s0, s0) and
 * 2*s0, ((s0//2)//2) and (s0//4)) stay different dims, which only makes
 * fxir refuse or keep more, never assume more:
 *   "s75 + s57"  -> "s57 + s75"      "2*(s0 + 1)" -> "2*s0 + 2"
 *   "(2*s0)//2"  -> "s0"             "Max(s0, 1)" -> "Max(1, s0)"
 *   "(s0+1)//2"  -> "((s0 + 1)//2)"  "s0*s0"      -> "s0**2"
 * The verifier refuses a string that is not canonical and names the
 * canonical one; fx-import canonicalizes what torch prints.
 *
 * Values only: nothing here owns memory.  Symbol references point into the
 * parsed text.
 *===----------------------------------------------------------------------===*/
#ifndef FXIR_FXDIMEXPR_H
#define FXIR_FXDIMEXPR_H

#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Limits, each an error that names it when exceeded. */
#define FX_DIM_EXPR_MAX_NODES 128 /* nodes of one parsed expression */
#define FX_DIM_EXPR_MAX_TERMS 16  /* terms of a polynomial */
#define FX_DIM_EXPR_MAX_DEGREE 8  /* atoms in one term */
#define FX_DIM_EXPR_MAX_LENGTH 1024 /* characters of a canonical form */
#define FX_DIM_EXPR_MAX_DEPTH 64  /* nesting of parentheses and signs */

typedef enum FxDimExprKind {
  FX_DIM_EXPR_INT,      /* value */
  FX_DIM_EXPR_SYMBOL,   /* symbol */
  FX_DIM_EXPR_NEG,      /* -lhs */
  FX_DIM_EXPR_ADD,      /* lhs + rhs */
  FX_DIM_EXPR_SUB,      /* lhs - rhs */
  FX_DIM_EXPR_MUL,      /* lhs * rhs */
  FX_DIM_EXPR_FLOORDIV, /* lhs // rhs (floor) */
  FX_DIM_EXPR_MOD,      /* lhs % rhs (the sign of rhs) */
  FX_DIM_EXPR_POW,      /* lhs ** rhs */
  FX_DIM_EXPR_MAX,      /* Max(lhs, rhs) */
  FX_DIM_EXPR_MIN,      /* Min(lhs, rhs) */
} FxDimExprKind;

typedef struct FxDimExprNode {
  FxDimExprKind kind;
  int64_t value;        /* FX_DIM_EXPR_INT */
  MlirStringRef symbol; /* FX_DIM_EXPR_SYMBOL: points into the text */
  int lhs, rhs;         /* operand node indices */
} FxDimExprNode;

/* A parsed expression: nodes[root] is the whole. */
typedef struct FxDimExpr {
  int numNodes, root;
  FxDimExprNode nodes[FX_DIM_EXPR_MAX_NODES];
} FxDimExpr;

/* Whether `s` is a symbol name: an identifier ([A-Za-z_][A-Za-z0-9_]*).
 * A dim string that is not one is an expression. */
bool fxDimIsSymbolName(MlirStringRef s);

/* Parses `text`.  On failure returns false with a message (what was
 * expected, at which character) in `err` (`errSize` bytes). */
bool fxDimExprParse(MlirStringRef text, FxDimExpr *expr, char *err,
                    size_t errSize);

/* The canonical form of `text`, NUL-terminated in `out` (`outSize` bytes).
 * When it folds to an integer, *isInt is set and *value holds it (and `out`
 * its decimal form).  On failure (a parse error, a divisor that is not a
 * positive integer, an exponent that is not an integer >= 0, int64
 * overflow, a limit above) returns false with a message in `err`. */
bool fxDimExprCanonicalize(MlirStringRef text, char *out, size_t outSize,
                           bool *isInt, int64_t *value, char *err,
                           size_t errSize);

/* One term of a canonical expression: coeff * monomial, the monomial empty
 * for the constant term.  `monomial` points into the text; `nonNeg` says
 * whether the monomial is >= 0 for every value of its symbols (a product
 * of symbols, Mods, `//`s of such, a Max with such an argument, a Min of
 * such). */
typedef struct FxDimExprTerm {
  int64_t coeff;
  MlirStringRef monomial;
  bool nonNeg;
} FxDimExprTerm;

/* The terms of `text`, which must be in canonical form: writes up to `max`
 * terms and returns how many there are; -1 when `text` is not a canonical
 * expression (or an integer, or a symbol: one term). */
intptr_t fxDimExprGetTerms(MlirStringRef text, FxDimExprTerm *terms,
                           intptr_t max);

/* The value of `expr` with symbol values from `lookup` (false: unbound).
 * Returns false on an unbound symbol, a zero divisor, a negative exponent
 * or int64 overflow. */
bool fxDimExprEvaluate(const FxDimExpr *expr,
                       bool (*lookup)(void *user, MlirStringRef symbol,
                                      int64_t *value),
                       void *user, int64_t *value);

#ifdef __cplusplus
}
#endif

#endif /* FXIR_FXDIMEXPR_H */
