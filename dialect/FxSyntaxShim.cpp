//===- FxSyntaxShim.cpp - OpAsmParser/OpAsmPrinter calls as C functions ---===//
//
// DESIGN §1: the MLIR C API has no entry point for an op's custom assembly.
// This file installs parse/print hooks on the IRDL-loaded op definitions and
// forwards each OpAsmParser / OpAsmPrinter call FxSyntax.c needs; the syntax
// itself (what is printed and parsed, in which order) is C.  No logic here.
//
//===----------------------------------------------------------------------===//

#include "FxAsm.h"
#include "FxShim.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/ExtensibleDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;

struct FxAsmParser {
  OpAsmParser &parser;
  OperationState &state;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
};

struct FxAsmPrinter {
  OpAsmPrinter &printer;
};

static SMLoc unwrapLoc(FxAsmLoc loc) {
  return SMLoc::getFromPointer(static_cast<const char *>(loc.ptr));
}

extern "C" {

MlirContext fxAsmGetContext(FxAsmParser *p) {
  return wrap(p->parser.getContext());
}

FxAsmLoc fxAsmGetLoc(FxAsmParser *p) {
  return FxAsmLoc{p->parser.getCurrentLocation().getPointer()};
}

bool fxAsmEmitError(FxAsmParser *p, FxAsmLoc loc, const char *message) {
  p->parser.emitError(unwrapLoc(loc), message);
  return false;
}

// One row per FxPunct, in its order: the required and the optional
// OpAsmParser call.
using PunctFn = ParseResult (AsmParser::*)();
static const struct {
  PunctFn required, optional;
} kPunct[] = {
    {&AsmParser::parseLParen, &AsmParser::parseOptionalLParen},
    {&AsmParser::parseRParen, &AsmParser::parseOptionalRParen},
    {&AsmParser::parseComma, &AsmParser::parseOptionalComma},
    {&AsmParser::parseEqual, &AsmParser::parseOptionalEqual},
    {&AsmParser::parseColon, &AsmParser::parseOptionalColon},
    {&AsmParser::parseArrow, &AsmParser::parseOptionalArrow},
};
static_assert(sizeof kPunct / sizeof kPunct[0] == FX_PUNCT_ARROW + 1,
              "one row per FxPunct");

// The row's member pointer is copied out and called in a helper: GCC's
// -Wmaybe-uninitialized misfires on `(parser.*kPunct[i].fn)()` written
// inline, in the sanitizer build.
static ParseResult callPunct(AsmParser &parser, PunctFn fn) {
  return (parser.*fn)();
}

bool fxAsmParsePunct(FxAsmParser *p, FxPunct punct) {
  PunctFn fn = kPunct[punct].required;
  return succeeded(callPunct(p->parser, fn));
}

bool fxAsmParseOptionalPunct(FxAsmParser *p, FxPunct punct) {
  PunctFn fn = kPunct[punct].optional;
  return succeeded(callPunct(p->parser, fn));
}

bool fxAsmParseKeyword(FxAsmParser *p, const char *keyword) {
  return succeeded(p->parser.parseKeyword(keyword));
}

bool fxAsmParseOptionalKeyword(FxAsmParser *p, const char *keyword) {
  return succeeded(p->parser.parseOptionalKeyword(keyword));
}

MlirAttribute fxAsmParseName(FxAsmParser *p) {
  std::string name;
  if (failed(p->parser.parseKeywordOrString(&name)))
    return MlirAttribute{nullptr};
  return wrap(Attribute(StringAttr::get(p->parser.getContext(), name)));
}

MlirAttribute fxAsmParseAttribute(FxAsmParser *p) {
  Attribute attr;
  if (failed(p->parser.parseAttribute(attr)))
    return MlirAttribute{nullptr};
  return wrap(attr);
}

MlirAttribute fxAsmParseIntOrString(FxAsmParser *p) {
  OpAsmParser &q = p->parser;
  std::string text;
  if (succeeded(q.parseOptionalString(&text)))
    return wrap(Attribute(StringAttr::get(q.getContext(), text)));
  int64_t value;
  if (failed(q.parseInteger(value)))
    return MlirAttribute{nullptr};
  return wrap(Attribute(q.getBuilder().getI64IntegerAttr(value)));
}

MlirType fxAsmParseType(FxAsmParser *p) {
  Type type;
  if (failed(p->parser.parseType(type)))
    return MlirType{nullptr};
  return wrap(type);
}

MlirAttribute fxAsmParseOptionalDictionary(FxAsmParser *p) {
  NamedAttrList attrs;
  if (failed(p->parser.parseOptionalAttrDict(attrs)))
    return MlirAttribute{nullptr};
  return wrap(attrs.getDictionary(p->parser.getContext()));
}

bool fxAsmParseExtraAttributes(FxAsmParser *p) {
  return succeeded(
      p->parser.parseOptionalAttrDictWithKeyword(p->state.attributes));
}

bool fxAsmParseOperand(FxAsmParser *p) {
  return succeeded(p->parser.parseOperand(p->operands.emplace_back()));
}

intptr_t fxAsmGetNumOperands(FxAsmParser *p) {
  return static_cast<intptr_t>(p->operands.size());
}

bool fxAsmResolveOperands(FxAsmParser *p, intptr_t n, const MlirType *types,
                          FxAsmLoc loc) {
  SmallVector<Type> unwrapped;
  for (intptr_t i = 0; i < n; ++i)
    unwrapped.push_back(unwrap(types[i]));
  return succeeded(p->parser.resolveOperands(
      p->operands, unwrapped, unwrapLoc(loc), p->state.operands));
}

void fxAsmAddResultTypes(FxAsmParser *p, intptr_t n, const MlirType *types) {
  for (intptr_t i = 0; i < n; ++i)
    p->state.addTypes(unwrap(types[i]));
}

bool fxAsmHasAttribute(FxAsmParser *p, const char *name) {
  return static_cast<bool>(p->state.attributes.get(name));
}

void fxAsmAddAttribute(FxAsmParser *p, const char *name, MlirAttribute value) {
  p->state.addAttribute(name, unwrap(value));
}

void fxAsmPrint(FxAsmPrinter *p, const char *text) { p->printer << text; }

void fxAsmPrintOperand(FxAsmPrinter *p, MlirValue value) {
  p->printer.printOperand(unwrap(value));
}

void fxAsmPrintType(FxAsmPrinter *p, MlirType type) {
  p->printer.printType(unwrap(type));
}

void fxAsmPrintAttribute(FxAsmPrinter *p, MlirAttribute attr) {
  p->printer.printAttribute(unwrap(attr));
}

void fxAsmPrintAttributeWithoutType(FxAsmPrinter *p, MlirAttribute attr) {
  p->printer.printAttributeWithoutType(unwrap(attr));
}

void fxAsmPrintName(FxAsmPrinter *p, MlirStringRef name) {
  p->printer.printKeywordOrString(unwrap(name));
}

void fxAsmPrintExtraAttributes(FxAsmPrinter *p, MlirOperation op,
                               intptr_t nElided, const char *const *elided) {
  SmallVector<StringRef> names(elided, elided + nElided);
  p->printer.printOptionalAttrDictWithKeyword(unwrap(op)->getAttrs(), names);
}

// Each hook captures its op's kind.
void fxInstallSyntax(MlirContext ctx, const char *const *opNames, int n) {
  for (int i = 0; i < n; ++i) {
    DynamicOpDefinition *def = fxLookupDynamicOp(unwrap(ctx), opNames[i]);
    if (!def)
      continue;
    def->setParseFn([i](OpAsmParser &parser, OperationState &state) {
      FxAsmParser p{parser, state, {}};
      return success(fxSyntaxParse(i, &p));
    });
    def->setPrintFn([](Operation *op, OpAsmPrinter &printer,
                       StringRef defaultDialect) {
      if (!fxSyntaxPrintable(wrap(op))) {
        printer.printGenericOp(op);
        return;
      }
      // OpState::printOpName is protected; this is its rule: the dialect
      // prefix is dropped inside a region whose default dialect is fx.
      StringRef name = op->getName().getStringRef();
      if (name.consume_front(defaultDialect) && name.consume_front(".") &&
          !defaultDialect.empty())
        printer.getStream() << name;
      else
        printer.getStream() << op->getName().getStringRef();
      FxAsmPrinter p{printer};
      fxSyntaxPrint(wrap(op), &p);
    });
  }
}

} // extern "C"
