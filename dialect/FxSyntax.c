/* FxSyntax.c - the custom assembly of fx ops (docs/dialect.md "Syntax").
 *
 *   %r = fx.reshape %x, shape = [-1, 4096] : T -> T
 *   %s = fx.slice %x, dim = 1, start = 0, end = "s0", step = 1 : T -> T
 *   %b = fx.slice_scatter %base, %src, dim = 0, start = 0, end = 4, step = 1
 *          : (T, T) -> T
 *   %n:2 = fx.auto_functionalized "_C::fused_add_rms_norm"(input = %x,
 *          residual = %res, weight = %w) {epsilon = 1.0e-06 : f64}
 *          : (T, T, T) -> (T, T)
 *   fx.schema "mylib::foo" = "foo(Tensor! out, Tensor x) -> ()"
 *
 * One row per op.  Any other attribute prints as ` attributes {...}` before
 * the types.  The form holds no segment arrays: a call's operands fill its
 * slots a0.. in order, and an op whose slots are not filled that way, or
 * whose shown attributes are of a kind the form cannot spell back, prints
 * in the generic form so that printing never changes the IR. */
#include "FxAsm.h"
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdarg.h>
#include <stdio.h>

typedef enum Form { FORM_VIEW, FORM_CALL, FORM_SCHEMA } Form;

/* How a shown attribute is spelled: any attribute (`shape`), or an i64
 * written without its type / a string (`dim`, `start`, `end`, `step`, the
 * schema's name and signature). */
typedef enum ValueKind { VALUE_ATTR, VALUE_SCALAR, VALUE_STRING } ValueKind;

typedef struct Param {
  const char *name;
  ValueKind kind;
} Param;

enum { MAX_PARAMS = 4 };

static const struct Row {
  Form form;
  int operands;                 /* FORM_VIEW: the tensor operands */
  Param params[MAX_PARAMS];     /* shown as `, name = value`, in order */
} kRows[FX_OP_NUM_KINDS] = {
    [FX_OP_RESHAPE] = {FORM_VIEW, 1, {{"shape", VALUE_ATTR}}},
    [FX_OP_VIEW] = {FORM_VIEW, 1, {{"shape", VALUE_ATTR}}},
    [FX_OP_SLICE] = {FORM_VIEW, 1,
                     {{"dim", VALUE_SCALAR}, {"start", VALUE_SCALAR},
                      {"end", VALUE_SCALAR}, {"step", VALUE_SCALAR}}},
    [FX_OP_SLICE_SCATTER] = {FORM_VIEW, 2,
                             {{"dim", VALUE_SCALAR}, {"start", VALUE_SCALAR},
                              {"end", VALUE_SCALAR}, {"step", VALUE_SCALAR}}},
    [FX_OP_AUTO_FUNCTIONALIZED] = {FORM_CALL, 0, {{NULL, 0}}},
    [FX_OP_CALL] = {FORM_CALL, 0, {{NULL, 0}}},
    [FX_OP_SCHEMA] = {FORM_SCHEMA, 0,
                      {{"name", VALUE_STRING}, {"signature", VALUE_STRING}}},
};

/* The attributes a call's form shows or implies. */
static const char *const kCallAttrs[] = {"target", "arg_names", "args",
                                         "operandSegmentSizes",
                                         "resultSegmentSizes"};
enum { NUM_CALL_ATTRS = sizeof kCallAttrs / sizeof *kCallAttrs };

static int numParams(const struct Row *row) {
  int n = 0;
  while (n < MAX_PARAMS && row->params[n].name)
    ++n;
  return n;
}

static bool isPlainString(MlirAttribute a) {
  /* A string with a type (`"s0" : i64`) would not read back as written. */
  return mlirAttributeIsAString(a) &&
         mlirTypeIsANone(mlirAttributeGetType(a));
}

static bool spellable(MlirAttribute a, ValueKind kind) {
  if (mlirAttributeIsNull(a))
    return false;
  switch (kind) {
  case VALUE_ATTR: return mlirAttributeIsAArray(a);
  case VALUE_SCALAR: return fxAttrIsI64(a) || isPlainString(a);
  case VALUE_STRING: return isPlainString(a);
  }
  return false;
}

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, fxStr(name));
}

/* `attr` is a dense i32 array of `slots` entries: `n` ones, then zeros. */
static bool filledInOrder(MlirAttribute attr, intptr_t slots, intptr_t n) {
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADenseI32Array(attr) ||
      mlirDenseArrayGetNumElements(attr) != slots)
    return false;
  for (intptr_t i = 0; i < slots; ++i)
    if (mlirDenseI32ArrayGetElement(attr, i) != (i < n ? 1 : 0))
      return false;
  return true;
}

/*===-- Printing ---------------------------------------------------------===*/

bool fxSyntaxPrintable(MlirOperation op) {
  FxOpKind kind = fxOpGetKind(op);
  if (kind == FX_OP_NONE || mlirOperationGetNumRegions(op) != 0 ||
      mlirOperationGetNumSuccessors(op) != 0)
    return false;
  const struct Row *row = &kRows[kind];
  intptr_t nOperands = mlirOperationGetNumOperands(op);
  intptr_t nResults = mlirOperationGetNumResults(op);
  switch (row->form) {
  case FORM_VIEW:
    if (nOperands != row->operands || nResults != 1)
      return false;
    break;
  case FORM_CALL: {
    MlirAttribute names = attr(op, "arg_names"), args = attr(op, "args");
    if (!isPlainString(attr(op, "target")) || mlirAttributeIsNull(names) ||
        !mlirAttributeIsAArray(names) ||
        mlirArrayAttrGetNumElements(names) != nOperands ||
        mlirAttributeIsNull(args) || !mlirAttributeIsADictionary(args) ||
        !filledInOrder(attr(op, "operandSegmentSizes"), FX_MAX_OPERANDS,
                       nOperands) ||
        !filledInOrder(attr(op, "resultSegmentSizes"), FX_MAX_RESULTS,
                       nResults))
      return false;
    for (intptr_t i = 0; i < nOperands; ++i)
      if (!isPlainString(mlirArrayAttrGetElement(names, i)))
        return false;
    return true;
  }
  case FORM_SCHEMA:
    if (nOperands != 0 || nResults != 0)
      return false;
    break;
  }
  for (int i = 0; i < numParams(row); ++i)
    if (!spellable(attr(op, row->params[i].name), row->params[i].kind))
      return false;
  return true;
}

static void printValue(FxAsmPrinter *p, MlirAttribute a, ValueKind kind) {
  if (kind == VALUE_ATTR)
    fxAsmPrintAttribute(p, a);
  else
    fxAsmPrintAttributeWithoutType(p, a);
}

static void printExtras(FxAsmPrinter *p, MlirOperation op, const struct Row *row) {
  const char *elided[MAX_PARAMS];
  int n = numParams(row);
  for (int i = 0; i < n; ++i)
    elided[i] = row->params[i].name;
  if (row->form == FORM_CALL)
    fxAsmPrintExtraAttributes(p, op, NUM_CALL_ATTRS, kCallAttrs);
  else
    fxAsmPrintExtraAttributes(p, op, n, elided);
}

/* ` : (T, ...) -> (R, ...)`, or ` : T -> R` for one operand and one result
 * unless `always` asks for the function type. */
static void printTypes(FxAsmPrinter *p, MlirOperation op, bool always) {
  intptr_t nIn = mlirOperationGetNumOperands(op);
  intptr_t nOut = mlirOperationGetNumResults(op);
  fxAsmPrint(p, " : ");
  if (!always && nIn == 1 && nOut == 1) {
    fxAsmPrintType(p, mlirValueGetType(mlirOperationGetOperand(op, 0)));
    fxAsmPrint(p, " -> ");
    fxAsmPrintType(p, mlirValueGetType(mlirOperationGetResult(op, 0)));
    return;
  }
  MlirType ins[FX_MAX_OPERANDS], outs[FX_MAX_RESULTS];
  for (intptr_t i = 0; i < nIn; ++i)
    ins[i] = mlirValueGetType(mlirOperationGetOperand(op, i));
  for (intptr_t i = 0; i < nOut; ++i)
    outs[i] = mlirValueGetType(mlirOperationGetResult(op, i));
  fxAsmPrintType(p, mlirFunctionTypeGet(mlirOperationGetContext(op), nIn, ins,
                                        nOut, outs));
}

void fxSyntaxPrint(MlirOperation op, FxAsmPrinter *p) {
  const struct Row *row = &kRows[fxOpGetKind(op)];
  switch (row->form) {
  case FORM_VIEW:
    for (int i = 0; i < row->operands; ++i) {
      fxAsmPrint(p, i ? ", " : " ");
      fxAsmPrintOperand(p, mlirOperationGetOperand(op, i));
    }
    for (int i = 0; i < numParams(row); ++i) {
      fxAsmPrint(p, ", ");
      fxAsmPrint(p, row->params[i].name);
      fxAsmPrint(p, " = ");
      printValue(p, attr(op, row->params[i].name), row->params[i].kind);
    }
    printExtras(p, op, row);
    printTypes(p, op, false);
    return;
  case FORM_CALL: {
    fxAsmPrint(p, " ");
    fxAsmPrintAttributeWithoutType(p, attr(op, "target"));
    fxAsmPrint(p, "(");
    MlirAttribute names = attr(op, "arg_names");
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
      if (i)
        fxAsmPrint(p, ", ");
      fxAsmPrintName(p, mlirStringAttrGetValue(
                            mlirArrayAttrGetElement(names, i)));
      fxAsmPrint(p, " = ");
      fxAsmPrintOperand(p, mlirOperationGetOperand(op, i));
    }
    fxAsmPrint(p, ")");
    MlirAttribute args = attr(op, "args");
    if (mlirDictionaryAttrGetNumElements(args) > 0) {
      fxAsmPrint(p, " ");
      fxAsmPrintAttribute(p, args);
    }
    printExtras(p, op, row);
    /* A call always shows the function type, even for one operand and one
     * result, so that its grammar does not depend on the counts. */
    printTypes(p, op, true);
    return;
  }
  case FORM_SCHEMA:
    fxAsmPrint(p, " ");
    fxAsmPrintAttributeWithoutType(p, attr(op, "name"));
    fxAsmPrint(p, " = ");
    fxAsmPrintAttributeWithoutType(p, attr(op, "signature"));
    printExtras(p, op, row);
    return;
  }
}

/*===-- Parsing ----------------------------------------------------------===*/

static bool error(FxAsmParser *p, FxAsmLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool error(FxAsmParser *p, FxAsmLoc loc, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return fxAsmEmitError(p, loc, msg);
}

static MlirAttribute parseValue(FxAsmParser *p, ValueKind kind) {
  FxAsmLoc loc = fxAsmGetLoc(p);
  if (kind == VALUE_ATTR)
    return fxAsmParseAttribute(p);
  /* OpAsmParser::parseInteger reads `true` as -1 and `false` as 0: `dim =
   * true` would select the last dim (adversary). */
  if (fxAsmParseOptionalKeyword(p, "true") ||
      fxAsmParseOptionalKeyword(p, "false")) {
    error(p, loc, kind == VALUE_STRING
                      ? "expected a string literal"
                      : "expected an integer or a symbol string, not a "
                        "boolean");
    return (MlirAttribute){NULL};
  }
  MlirAttribute a = fxAsmParseIntOrString(p);
  if (!mlirAttributeIsNull(a) && kind == VALUE_STRING && !isPlainString(a)) {
    error(p, loc, "expected a string literal");
    return (MlirAttribute){NULL};
  }
  return a;
}

/* The shown attributes, then `attributes {...}`; a shown attribute may not
 * be given again there. */
static bool parseAttrs(FxAsmParser *p, const struct Row *row, bool leadingComma,
                       MlirAttribute *values) {
  for (int i = 0; i < numParams(row); ++i) {
    if (row->form == FORM_SCHEMA) { /* "name" = "signature" */
      if (i == 1 && !fxAsmParsePunct(p, FX_PUNCT_EQUAL))
        return false;
    } else if (((leadingComma || i > 0) && !fxAsmParsePunct(p, FX_PUNCT_COMMA)) ||
               !fxAsmParseKeyword(p, row->params[i].name) ||
               !fxAsmParsePunct(p, FX_PUNCT_EQUAL)) {
      return false;
    }
    values[i] = parseValue(p, row->params[i].kind);
    if (mlirAttributeIsNull(values[i]))
      return false;
  }
  return true;
}

static bool addAttrs(FxAsmParser *p, FxAsmLoc loc, int n,
                     const char *const *names, const MlirAttribute *values) {
  for (int i = 0; i < n; ++i) {
    if (fxAsmHasAttribute(p, names[i]))
      return error(p, loc,
                   "'%s' is part of the op's syntax; it cannot also be given "
                   "in `attributes`",
                   names[i]);
    fxAsmAddAttribute(p, names[i], values[i]);
  }
  return true;
}

static bool parseExtras(FxAsmParser *p, FxAsmLoc *loc) {
  *loc = fxAsmGetLoc(p);
  return fxAsmParseExtraAttributes(p);
}

/* `: (T, ...) -> (R, ...)`: resolves the operands and adds the results
 * (`*nResults` of them). */
static bool parseFunctionType(FxAsmParser *p, intptr_t maxResults,
                              intptr_t *nResults) {
  if (!fxAsmParsePunct(p, FX_PUNCT_COLON))
    return false;
  FxAsmLoc loc = fxAsmGetLoc(p);
  MlirType type = fxAsmParseType(p);
  if (mlirTypeIsNull(type))
    return false;
  if (!mlirTypeIsAFunction(type))
    return error(p, loc, "expected a function type `(operand types) -> "
                         "(result types)`");
  intptr_t nIn = mlirFunctionTypeGetNumInputs(type);
  intptr_t nOut = mlirFunctionTypeGetNumResults(type);
  if (nOut > maxResults)
    return error(p, loc, "%ld result types; the op has at most %ld", (long)nOut,
                 (long)maxResults);
  MlirType ins[FX_MAX_OPERANDS + 1], outs[FX_MAX_RESULTS];
  if (nIn > FX_MAX_OPERANDS || nIn != fxAsmGetNumOperands(p))
    return error(p, loc, "%ld operand types for %ld operands", (long)nIn,
                 (long)fxAsmGetNumOperands(p));
  for (intptr_t i = 0; i < nIn; ++i)
    ins[i] = mlirFunctionTypeGetInput(type, i);
  for (intptr_t i = 0; i < nOut; ++i)
    outs[i] = mlirFunctionTypeGetResult(type, i);
  if (!fxAsmResolveOperands(p, nIn, ins, loc))
    return false;
  fxAsmAddResultTypes(p, nOut, outs);
  *nResults = nOut;
  return true;
}

static bool parseView(FxAsmParser *p, const struct Row *row) {
  for (int i = 0; i < row->operands; ++i)
    if ((i && !fxAsmParsePunct(p, FX_PUNCT_COMMA)) || !fxAsmParseOperand(p))
      return false;
  MlirAttribute values[MAX_PARAMS];
  const char *names[MAX_PARAMS];
  FxAsmLoc loc;
  if (!parseAttrs(p, row, true, values) || !parseExtras(p, &loc))
    return false;
  for (int i = 0; i < numParams(row); ++i)
    names[i] = row->params[i].name;
  if (!addAttrs(p, loc, numParams(row), names, values))
    return false;
  intptr_t nResults;
  if (row->operands != 1)
    return parseFunctionType(p, 1, &nResults);
  if (!fxAsmParsePunct(p, FX_PUNCT_COLON))
    return false;
  FxAsmLoc typeLoc = fxAsmGetLoc(p);
  MlirType in = fxAsmParseType(p), out;
  if (mlirTypeIsNull(in) || !fxAsmParsePunct(p, FX_PUNCT_ARROW))
    return false;
  out = fxAsmParseType(p);
  if (mlirTypeIsNull(out) || !fxAsmResolveOperands(p, 1, &in, typeLoc))
    return false;
  fxAsmAddResultTypes(p, 1, &out);
  return true;
}

static bool parseCall(FxAsmParser *p) {
  MlirContext ctx = fxAsmGetContext(p);
  FxAsmLoc loc = fxAsmGetLoc(p);
  MlirAttribute target = fxAsmParseIntOrString(p);
  if (mlirAttributeIsNull(target))
    return false;
  if (!isPlainString(target))
    return error(p, loc, "expected the target as a string, e.g. "
                         "\"_C::rms_norm\"");
  MlirAttribute names[FX_MAX_OPERANDS];
  intptr_t n = 0;
  if (!fxAsmParsePunct(p, FX_PUNCT_LPAREN))
    return false;
  if (!fxAsmParseOptionalPunct(p, FX_PUNCT_RPAREN)) {
    do {
      FxAsmLoc at = fxAsmGetLoc(p);
      if (n == FX_MAX_OPERANDS)
        return error(p, at,
                     "more than %d tensor operands; an fx call has at most %d "
                     "(slots a0..a%d)",
                     FX_MAX_OPERANDS, FX_MAX_OPERANDS, FX_MAX_OPERANDS - 1);
      names[n] = fxAsmParseName(p);
      if (mlirAttributeIsNull(names[n]) ||
          !fxAsmParsePunct(p, FX_PUNCT_EQUAL) || !fxAsmParseOperand(p))
        return false;
      ++n;
    } while (fxAsmParseOptionalPunct(p, FX_PUNCT_COMMA));
    if (!fxAsmParsePunct(p, FX_PUNCT_RPAREN))
      return false;
  }
  MlirAttribute args = fxAsmParseOptionalDictionary(p);
  FxAsmLoc extrasLoc;
  intptr_t nResults;
  if (mlirAttributeIsNull(args) || !parseExtras(p, &extrasLoc) ||
      !parseFunctionType(p, FX_MAX_RESULTS, &nResults))
    return false;
  MlirAttribute values[NUM_CALL_ATTRS] = {
      target, mlirArrayAttrGet(ctx, n, names), args,
      fxSegmentSizes(ctx, FX_MAX_OPERANDS, n), fxSegmentSizes(ctx, FX_MAX_RESULTS, nResults)};
  return addAttrs(p, extrasLoc, NUM_CALL_ATTRS, kCallAttrs, values);
}

bool fxSyntaxParse(int kind, FxAsmParser *p) {
  if (kind < 0 || kind >= FX_OP_NUM_KINDS)
    return false;
  const struct Row *row = &kRows[kind];
  switch (row->form) {
  case FORM_VIEW:
    return parseView(p, row);
  case FORM_CALL:
    return parseCall(p);
  case FORM_SCHEMA: {
    MlirAttribute values[2];
    FxAsmLoc loc;
    const char *names[2] = {row->params[0].name, row->params[1].name};
    return parseAttrs(p, row, false, values) && parseExtras(p, &loc) &&
           addAttrs(p, loc, 2, names, values);
  }
  }
  return false;
}
