/* SymExpr.h - integer expressions over tensor symbols, for the region model.
 *
 * An FxExpr is `c + k1*s1 + k2*s2 + ...`: an integer constant plus integer
 * multiples of symbols (SymInts such as "s0").  Terms are kept sorted by
 * symbol name with non-zero coefficients, so two equal expressions have
 * equal representations and comparison is by content.  Symbols stand for
 * sizes, so every symbol is >= 0; nothing else is assumed about them (not
 * even >= 1 or >= 2 as torch's guards might).
 *
 * An expression that cannot be represented (more than FX_EXPR_MAX_TERMS
 * symbols, or int64 overflow in any step) is "unknown": every question
 * about it is answered "cannot tell", which callers turn into the
 * conservative answer.
 *
 * Values only: FxExpr holds no pointers it owns.  Symbol names point into
 * MLIR's uniqued string attributes and live as long as the MLIRContext.
 */
#ifndef FX_PASSES_SYMEXPR_H
#define FX_PASSES_SYMEXPR_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FX_EXPR_MAX_TERMS 3

typedef struct FxExpr {
  bool known;
  uint8_t numTerms;
  int64_t constant;
  struct {
    MlirStringRef symbol;
    int64_t coeff;
  } terms[FX_EXPR_MAX_TERMS];
} FxExpr;

FxExpr fxExprConst(int64_t c);
FxExpr fxExprSymbol(MlirStringRef name);
FxExpr fxExprUnknown(void);
/* A symbol, or a canonical symbolic expression (fxir/FxDimExpr.h) whose
 * monomials are each >= 0 (one symbol each, in up to FX_EXPR_MAX_TERMS of
 * them); anything else is unknown. */
FxExpr fxExprFromText(MlirStringRef text);
/* An i64 attribute is a constant, a string attribute fxExprFromText;
 * anything else is unknown.  A string's value may be negative where the
 * expression has negative terms ("s0 - 1"): callers that need a value
 * >= 0 ask fxExprNonNeg. */
FxExpr fxExprFromAttr(MlirAttribute attr);

FxExpr fxExprAdd(FxExpr a, FxExpr b);
FxExpr fxExprSub(FxExpr a, FxExpr b);
FxExpr fxExprScale(FxExpr a, int64_t k);
FxExpr fxExprAddConst(FxExpr a, int64_t c);

/* Whether `a` is a known constant; its value in *c. */
bool fxExprIsConst(FxExpr a, int64_t *c);
/* Provably a >= 0 (every symbol >= 0), provably a <= b, provably a < b,
 * provably equal.  False means "cannot tell" as well as "no". */
bool fxExprNonNeg(FxExpr a);
bool fxExprLE(FxExpr a, FxExpr b);
bool fxExprLT(FxExpr a, FxExpr b);
bool fxExprEq(FxExpr a, FxExpr b);
/* The tighter of two valid upper (Min) or lower (Max) bounds: the one
 * provably smaller (larger); when neither is, the constant one, else `a`.
 * An unknown bound gives way to a known one. */
FxExpr fxExprMinBound(FxExpr a, FxExpr b);
FxExpr fxExprMaxBound(FxExpr a, FxExpr b);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_SYMEXPR_H */
