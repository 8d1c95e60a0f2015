//===- FxDialectShim.cpp - C entry points the MLIR C API lacks -----------===//
//
// DESIGN §1 allows C++ only where the C API has no entry point.  This file
// holds no logic: it registers the dialect allocator, installs the C
// verifier on the IRDL ops, reads/creates IRDL dynamic types and emits
// remarks.  Everything it calls back into is C (FxDialect.c, FxVerifier.c).
//
//===----------------------------------------------------------------------===//

#include "fxir/Fx.h"
#include "FxInternal.h"
#include "FxShim.h"

#include <memory>
#include <vector>

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/ExtensibleDialect.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

using namespace mlir;

// The dialect is loaded on the first use of `fx.` anywhere in a file: the
// parser asks the registry for an allocator by name.  An extension on
// `builtin` crashes and one on `func` misses files that start with an fx op.
extern "C" void fxDialectRegistryInsert(MlirDialectRegistry registry) {
  static char tag;
  unwrap(registry)->insert(
      TypeID::getFromOpaquePointer(&tag), "fx",
      [](MLIRContext *ctx) -> Dialect * {
        return unwrap(fxContextLoadDialect(wrap(ctx)));
      });
}

DynamicOpDefinition *fxLookupDynamicOp(MLIRContext *ctx, const char *opName) {
  if (!opName) // FX_OP_NONE has no name
    return nullptr;
  auto name = RegisteredOperationName::lookup(opName, ctx);
  if (!name)
    return nullptr;
  return static_cast<DynamicOpDefinition *>(
      const_cast<void *>(name->getAsOpaquePointer()));
}

// DynamicOpDefinition keeps IRDL's verifier in a private member without a
// getter.  An explicit instantiation may name a private member (C++17
// [temp.explicit]: "the usual access checking rules do not apply to names
// used to specify explicit instantiations"), so this template hands out a
// pointer to it; if MLIR renames the member, this file stops compiling
// rather than misbehaving.
namespace {
struct IrdlVerifierMember {
  using type = OperationName::VerifyInvariantsFn DynamicOpDefinition::*;
  friend type irdlVerifierMember(IrdlVerifierMember);
};
template <typename Tag, typename Tag::type Member> struct ExposeMember {
  friend typename Tag::type irdlVerifierMember(Tag) { return Member; }
};
template struct ExposeMember<IrdlVerifierMember,
                             &DynamicOpDefinition::verifyFn>;

// The same for the protected list of an op's inherent attribute names,
// which IRDL leaves empty (RegisteredOperationName::insert fills it for ODS
// ops only).
struct AttributeNamesMember {
  using type = ArrayRef<StringAttr> OperationName::Impl::*;
  friend type attributeNamesMember(AttributeNamesMember);
};
template <typename Tag, typename Tag::type Member> struct ExposeNames {
  friend typename Tag::type attributeNamesMember(Tag) { return Member; }
};
template struct ExposeNames<AttributeNamesMember,
                            &OperationName::Impl::attributeNames>;
} // namespace

// Runs the C semantic verifier (fxVerifyOpHook) after IRDL's own checks.  IRDL leaves the
// region verifier of its ops empty (fx ops have no regions), so taking that
// slot keeps IRDL's verifier intact.  IRDL's verifier itself is wrapped in
// the memo (fxVerifyMemoIrdlPassed): it builds its constraint state anew for
// every op, most of MLIR's verification time on fx IR.
// The ops share one C memo, used by these two verifiers alone (so the
// hook adds a key only after the op's invariants passed, which lets the
// first skip IRDL and hand the op to the second: FxVerifier.c,
// "hand-off"); the last definition destroyed (with the context) frees it.
//
// Each op also gets its inherent attribute names (fxOpKindInherentAttributes).
// MLIR's verifier checks an op's discardable attributes; for an op without
// properties, as IRDL's are, it first builds a dictionary of those not named
// inherent, which with no names is a copy of all of them (60 % of MLIR's
// own verification instructions on fx IR, docs/performance.md).  The
// region verifier below holds the names (unused in its body), so they live
// as long as the definition.
extern "C" void fxInstallVerifiers(MlirContext ctx, const char *const *opNames,
                                   int n) {
  std::shared_ptr<FxVerifyMemo> memo(fxVerifyMemoCreate(), fxVerifyMemoDestroy);
  for (int i = 0; i < n; ++i) {
    DynamicOpDefinition *def = fxLookupDynamicOp(unwrap(ctx), opNames[i]);
    if (!def)
      continue;
    auto names = std::make_shared<std::vector<StringAttr>>();
    for (const char *const *a = fxOpKindInherentAttributes((FxOpKind)i); *a;
         ++a)
      names->push_back(StringAttr::get(unwrap(ctx), *a));
    static_cast<OperationName::Impl &>(*def).*
        attributeNamesMember(AttributeNamesMember{}) = *names;
    auto &irdlSlot = def->*irdlVerifierMember(IrdlVerifierMember{});
    def->setVerifyFn([memo, irdl = std::move(irdlSlot),
                      kind = (FxOpKind)i](Operation *op) {
      if (fxVerifyMemoIrdlPassed(wrap(op), kind, memo.get()))
        return success();
      if (failed(unwrap(fxVerifyDeclaredAttributes(wrap(op)))) ||
          failed(irdl(op)))
        return failure();
      fxVerifyMemoIrdlRemember(wrap(op), memo.get());
      return success();
    });
    def->setVerifyRegionFn([memo, names](Operation *op) {
      return unwrap(fxVerifyOpHook(wrap(op), memo.get()));
    });
  }
}

extern "C" MlirOperation fxOperationGetPrevInBlock(MlirOperation op) {
  // getPrevNode reads the op's block: null for an op in none (verified
  // before insertion, or at the top with --no-implicit-module).
  Operation *o = unwrap(op);
  return wrap(o->getBlock() ? o->getPrevNode() : nullptr);
}

extern "C" MlirDialect fxOperationGetRegisteredDialect(MlirOperation op) {
  std::optional<RegisteredOperationName> info =
      unwrap(op)->getRegisteredInfo();
  return wrap(info ? &info->getDialect() : nullptr);
}

extern "C" MlirAttribute
fxOperationGetEnclosingFunctionType(MlirOperation op) {
  auto func = unwrap(op)->getParentOfType<func::FuncOp>();
  return wrap(func ? Attribute(func.getFunctionTypeAttr()) : Attribute());
}

extern "C" MlirStringRef fxOperationGetNameStr(MlirOperation op) {
  return wrap(unwrap(op)->getName().getStringRef());
}

extern "C" MlirStringRef fxAttributeGetKindName(MlirAttribute attr) {
  return wrap(unwrap(attr).getAbstractAttribute().getName());
}

extern "C" void fxOperationEmitError(MlirOperation op, const char *message) {
  unwrap(op)->emitError(message);
}

extern "C" void fxOperationEmitErrorWithAttr(MlirOperation op,
                                             const char *before,
                                             MlirAttribute attr,
                                             const char *after) {
  unwrap(op)->emitError() << before << unwrap(attr) << after;
}

extern "C" MlirModule fxModuleCreateParseNamed(MlirContext ctx,
                                               MlirStringRef text,
                                               const char *name) {
  ParserConfig config(unwrap(ctx));
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(unwrap(text), config, name);
  return MlirModule{module ? module.release().getOperation() : nullptr};
}

extern "C" MlirLogicalResult fxOperationVerifyInvariants(MlirOperation op) {
  return wrap(unwrap(op)->getName().verifyInvariants(unwrap(op)));
}

extern "C" MlirAttribute fxOperationGetAttrDictionary(MlirOperation op) {
  // getAttrDictionary's own first step, inline: an op without properties
  // (every fx op) has all of its attributes in the raw dictionary.
  Operation *o = unwrap(op);
  return wrap(static_cast<Attribute>(o->getPropertiesStorageSize()
                                         ? o->getAttrDictionary()
                                         : o->getRawDictionaryAttrs()));
}

extern "C" MlirOperation
fxOperationCreateWithDictionary(MlirStringRef name, MlirLocation loc,
                                intptr_t nOperands, const MlirValue *operands,
                                intptr_t nResults, const MlirType *resultTypes,
                                MlirAttribute dictionary) {
  Location l = unwrap(loc);
  SmallVector<Value, 8> values;
  for (intptr_t i = 0; i < nOperands; ++i)
    values.push_back(unwrap(operands[i]));
  SmallVector<Type, 4> types;
  for (intptr_t i = 0; i < nResults; ++i)
    types.push_back(unwrap(resultTypes[i]));
  return wrap(Operation::create(
      l, OperationName(unwrap(name), l.getContext()), types, values,
      llvm::cast<DictionaryAttr>(unwrap(dictionary)), /*properties=*/nullptr,
      /*successors=*/{}, /*numRegions=*/0));
}

static DynamicType asDynamic(MlirType type) {
  return llvm::dyn_cast_or_null<DynamicType>(unwrap(type));
}

extern "C" bool fxDynamicTypeIsA(MlirType type, MlirStringRef dialect,
                                 MlirStringRef name) {
  DynamicType dyn = asDynamic(type);
  if (!dyn)
    return false;
  DynamicTypeDefinition *def = dyn.getTypeDef();
  return def->getName() == unwrap(name) &&
         def->getDialect()->getNamespace() == unwrap(dialect);
}

extern "C" intptr_t fxDynamicTypeGetNumParams(MlirType type) {
  DynamicType dyn = asDynamic(type);
  return dyn ? static_cast<intptr_t>(dyn.getParams().size()) : 0;
}

extern "C" MlirAttribute fxDynamicTypeGetParam(MlirType type, intptr_t i) {
  DynamicType dyn = asDynamic(type);
  if (!dyn || i < 0 || static_cast<size_t>(i) >= dyn.getParams().size())
    return MlirAttribute{nullptr};
  return wrap(dyn.getParams()[i]);
}

extern "C" MlirType fxDynamicTypeGet(MlirContext ctx, MlirStringRef dialect,
                                     MlirStringRef name, intptr_t nParams,
                                     const MlirAttribute *params) {
  auto *ext = llvm::dyn_cast_or_null<ExtensibleDialect>(
      unwrap(ctx)->getLoadedDialect(unwrap(dialect)));
  DynamicTypeDefinition *def =
      ext ? ext->lookupTypeDefinition(unwrap(name)) : nullptr;
  if (!def)
    return MlirType{nullptr};
  SmallVector<Attribute> attrs;
  for (intptr_t i = 0; i < nParams; ++i)
    attrs.push_back(unwrap(params[i]));
  // getChecked runs IRDL's parameter constraints; with assertions off, get()
  // would build an invalid type silently.
  Location loc = UnknownLoc::get(unwrap(ctx));
  return wrap(DynamicType::getChecked([&] { return emitError(loc); }, def,
                                      attrs));
}

extern "C" void fxEmitRemark(MlirLocation loc, const char *message) {
  emitRemark(unwrap(loc)) << message;
}
