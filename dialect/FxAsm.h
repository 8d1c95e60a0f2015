/* FxAsm.h - the few OpAsmParser / OpAsmPrinter calls fx's custom syntax
 * needs, as C functions (FxSyntaxShim.cpp); the syntax itself is C
 * (FxSyntax.c).  Internal to the dialect; not installed.
 *
 * A parser or printer handle lives only for the duration of one hook call:
 * never keep it.  Every fxAsmParse* call that can fail emits MLIR's own
 * diagnostic at the current token and returns false (or a null handle). */
#ifndef FX_ASM_H
#define FX_ASM_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxAsmParser FxAsmParser;
typedef struct FxAsmPrinter FxAsmPrinter;

/* A position in the text being parsed, for diagnostics after the fact. */
typedef struct FxAsmLoc {
  const void *ptr;
} FxAsmLoc;

typedef enum FxPunct {
  FX_PUNCT_LPAREN,
  FX_PUNCT_RPAREN,
  FX_PUNCT_COMMA,
  FX_PUNCT_EQUAL,
  FX_PUNCT_COLON,
  FX_PUNCT_ARROW,
} FxPunct;

/*===-- Parsing --------------------------------------------------------------===*/

MlirContext fxAsmGetContext(FxAsmParser *p);
FxAsmLoc fxAsmGetLoc(FxAsmParser *p);
/* Emits `message` as an error at `loc`; returns false. */
bool fxAsmEmitError(FxAsmParser *p, FxAsmLoc loc, const char *message);

bool fxAsmParsePunct(FxAsmParser *p, FxPunct punct);
/* Consumes `punct` if it is next; never emits. */
bool fxAsmParseOptionalPunct(FxAsmParser *p, FxPunct punct);
/* Expects the bare keyword `keyword`. */
bool fxAsmParseKeyword(FxAsmParser *p, const char *keyword);
/* Consumes the bare keyword `keyword` if it is next; never emits. */
bool fxAsmParseOptionalKeyword(FxAsmParser *p, const char *keyword);
/* A bare identifier or a string literal, as a StringAttr. */
MlirAttribute fxAsmParseName(FxAsmParser *p);
MlirAttribute fxAsmParseAttribute(FxAsmParser *p);
/* A string literal (StringAttr) or an integer (i64 IntegerAttr, no type
 * suffix): unlike fxAsmParseAttribute it never reads on into a `: type`.
 * MLIR's integer parser also takes `true` (as -1) and `false`: callers that
 * want numbers only refuse those keywords first. */
MlirAttribute fxAsmParseIntOrString(FxAsmParser *p);
MlirType fxAsmParseType(FxAsmParser *p);
/* A `{...}` dictionary if one is next, else the empty dictionary. */
MlirAttribute fxAsmParseOptionalDictionary(FxAsmParser *p);
/* `attributes {...}` if next: added to the op being built. */
bool fxAsmParseExtraAttributes(FxAsmParser *p);

/* An SSA use, kept until fxAsmResolveOperands. */
bool fxAsmParseOperand(FxAsmParser *p);
intptr_t fxAsmGetNumOperands(FxAsmParser *p);
/* Resolves the uses parsed so far against `types` (one per use; `loc` is
 * where the types were written) and adds them to the op. */
bool fxAsmResolveOperands(FxAsmParser *p, intptr_t n, const MlirType *types,
                          FxAsmLoc loc);
void fxAsmAddResultTypes(FxAsmParser *p, intptr_t n, const MlirType *types);
bool fxAsmHasAttribute(FxAsmParser *p, const char *name);
void fxAsmAddAttribute(FxAsmParser *p, const char *name, MlirAttribute value);

/*===-- Printing -------------------------------------------------------------===*/

void fxAsmPrint(FxAsmPrinter *p, const char *text);
void fxAsmPrintOperand(FxAsmPrinter *p, MlirValue value);
void fxAsmPrintType(FxAsmPrinter *p, MlirType type);
void fxAsmPrintAttribute(FxAsmPrinter *p, MlirAttribute attr);
/* An i64 integer without its `: i64`, a string as a literal. */
void fxAsmPrintAttributeWithoutType(FxAsmPrinter *p, MlirAttribute attr);
/* A bare identifier where MLIR allows one, else a string literal. */
void fxAsmPrintName(FxAsmPrinter *p, MlirStringRef name);
/* ` attributes {...}` with `op`'s attributes except the `nElided` named. */
void fxAsmPrintExtraAttributes(FxAsmPrinter *p, MlirOperation op,
                               intptr_t nElided, const char *const *elided);

/*===-- The syntax (FxSyntax.c) ----------------------------------------------===*/

/* Parses the custom form of an op of kind `kind` (an FxOpKind) after its
 * name.  False after a diagnostic. */
bool fxSyntaxParse(int kind, FxAsmParser *p);
/* Whether `op` has a custom form that parses back to exactly `op`; the
 * generic form is printed otherwise (e.g. for IR that does not verify). */
bool fxSyntaxPrintable(MlirOperation op);
/* Prints `op`'s custom form after its name; fxSyntaxPrintable(op) holds. */
void fxSyntaxPrint(MlirOperation op, FxAsmPrinter *p);

/* Installs the syntax hooks on the IRDL ops `opNames` (indexed by kind). */
void fxInstallSyntax(MlirContext ctx, const char *const *opNames, int n);

#ifdef __cplusplus
}
#endif

#endif /* FX_ASM_H */
