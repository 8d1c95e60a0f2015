/* FxInternal.h - helpers shared by the dialect's C files; not installed. */
#ifndef FX_INTERNAL_H
#define FX_INTERNAL_H

#include "fxir/Fx.h"

#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the C verifier (fxVerifyOpHook) as the region verifier of the IRDL
 * ops `opNames` (kind k's name at k) and wraps IRDL's own verifier in the
 * memo's IRDL table, all sharing one memo that lives as long as their
 * definitions, i.e. the context; and declares each op's inherent attribute
 * names (fxOpKindInherentAttributes) to MLIR (FxDialectShim.cpp). */
void fxInstallVerifiers(MlirContext ctx, const char *const *opNames, int n);

/* Op signatures the verifier hook found valid, per context (FxVerifier.c).
 * fxVerifyMemoCreate returns NULL when out of memory (then no memo);
 * fxVerifyMemoDestroy frees it. */
typedef struct FxVerifyMemo FxVerifyMemo;
FxVerifyMemo *fxVerifyMemoCreate(void);
void fxVerifyMemoDestroy(FxVerifyMemo *memo);

/* Whether IRDL's verifier passed an op of the same signature (name, operand
 * and result types, attributes) before; such ops have no regions and no
 * successors.  `kind` is fxOpGetKind(op), which the caller knows: the
 * verifier of one op definition (asking it was a tenth of this function's
 * cost).  Called as `op`'s invariants verifier: when the hook's memo
 * holds op's whole key (which says so too), it also hands `op` to the
 * fxVerifyOpHook MLIR calls next on this thread, which then skips its
 * lookup (FxVerifier.c, "hand-off").  fxVerifyMemoIrdlRemember records
 * that IRDL passed `op` (memo may be NULL in both: then never). */
bool fxVerifyMemoIrdlPassed(MlirOperation op, FxOpKind kind,
                            FxVerifyMemo *memo);
void fxVerifyMemoIrdlRemember(MlirOperation op, FxVerifyMemo *memo);

/* Fails, at the first one in declaration order, when `op` lacks an
 * attribute its IRDL definition declares or has one of the wrong kind
 * (FxVerifyAttrs.c); run before IRDL's verifier, which checks them in no
 * fixed order.  An op whose operand or result counts (or segment sizes)
 * IRDL rejects passes here: IRDL reports those first. */
MlirLogicalResult fxVerifyDeclaredAttributes(MlirOperation op);

/* fxVerifyOp(op, NULL), skipped when an op of the same signature, function
 * type and schema declaration passed before (memo may be NULL). */
MlirLogicalResult fxVerifyOpMemo(MlirOperation op, FxVerifyMemo *memo);

/* How many signatures fxVerifyOpMemo holds as valid (tests: the memo keeps
 * each distinct signature of a graph, up to its bound in FxVerifier.c). */
int fxVerifyMemoNumValid(FxVerifyMemo *memo);

/* The verifier hook of every fx op (MLIR's region verifier, so only after
 * the op's invariants passed): fxVerifyOpMemo, or what the invariants
 * verifier handed off for `op`, and for the first fx op
 * at the top of a function's entry block also the checks of the function
 * itself (signature, attributes, func.calls), so that every verification
 * MLIR makes - after parsing, after each pass, in stock mlir-opt - checks
 * what fx-verify checks (fxVerifyFunctionBeyondHook covers the rest). */
MlirLogicalResult fxVerifyOpHook(MlirOperation op, FxVerifyMemo *memo);

/* The function_type of the func.func nearest above `op`, or null (none, or
 * it has none; a func.func is found when the func dialect is registered):
 * what the verifier's memo keys on, for every op and
 * verification (FxDialectShim.cpp: the C API has neither the parent of a
 * kind nor func.func's accessor, and a name compare per parent and a
 * lookup by name cost 70 instructions of the hook's 400). */
MlirAttribute fxOperationGetEnclosingFunctionType(MlirOperation op);

/* `op`'s name: mlirIdentifierStr(mlirOperationGetName(op)) in one call
 * (fxOpGetKind asks it of every op, several times per pass). */
MlirStringRef fxOperationGetNameStr(MlirOperation op);

/* Emits `message` as an error at `op`, as MLIR's own verifiers do: with
 * the note that prints the op, where the context prints ops on
 * diagnostics (FxDialectShim.cpp; fxVerifyError uses the op's location
 * alone). */
void fxOperationEmitError(MlirOperation op, const char *message);
/* The same for `before`, `attr` as printed, then `after` (the attribute
 * whole, however long). */
void fxOperationEmitErrorWithAttr(MlirOperation op, const char *before,
                                  MlirAttribute attr, const char *after);

/* The name of `attr`'s kind, as IRDL's messages give it ("builtin.integer";
 * FxDialectShim.cpp: the C API has only its TypeID). */
MlirStringRef fxAttributeGetKindName(MlirAttribute attr);

/* The dialect that registered `op`'s name, or null when it is not
 * registered (FxDialectShim.cpp: the C API has no op's dialect).  The fx
 * dialect registers exactly the fx ops (fx.irdl.mlir.in): an op is one
 * when its registered dialect is an fx op's, at two pointer reads instead
 * of a name compare (fxOpGetKind). */
MlirDialect fxOperationGetRegisteredDialect(MlirOperation op);

/* The op before `op` in its block, or null, also when `op` is in no block
 * (FxDialectShim.cpp: the C API walks blocks forward only). */
MlirOperation fxOperationGetPrevInBlock(MlirOperation op);

/* A new op without regions, successors or properties (an fx op) whose
 * attributes are `dictionary`, a DictionaryAttr, as is: mlirOperationCreate
 * copies an OperationState's attributes into a list and uniques them into
 * a dictionary again (FxDialectShim.cpp). */
MlirOperation
fxOperationCreateWithDictionary(MlirStringRef name, MlirLocation loc,
                                intptr_t nOperands, const MlirValue *operands,
                                intptr_t nResults, const MlirType *resultTypes,
                                MlirAttribute dictionary);

/* mlirModuleCreateParse with `name` as the buffer's name (the file name of
 * the locations MLIR gives the ops and of its diagnostics), as
 * mlirModuleCreateParseFromFile names them (FxDialectShim.cpp). */
MlirModule fxModuleCreateParseNamed(MlirContext ctx, MlirStringRef text,
                                    const char *name);

/* `op`'s own invariants, as MLIR's verifier checks them first (ODS or IRDL:
 * attributes present and of their kinds, operand and result counts and
 * types), not its regions' ops; errors at the op (FxDialectShim.cpp). */
MlirLogicalResult fxOperationVerifyInvariants(MlirOperation op);

/* fxCallGetTarget without the call cache (FxDialect.c; FxCallCache.c). */
MlirStringRef fxCallReadTarget(MlirOperation op);
/* A call-like op's `arg_names` attribute (null when absent), through the
 * call cache where one is installed (FxCallCache.c). */
MlirAttribute fxCallGetArgNames(MlirOperation op);
/* fxSchemaLookupBuiltinImpl of the op's target, through the call cache. */
const FxSchema *fxCallGetBuiltinSchema(MlirOperation op, FxBuiltinImpl *impl);
/* The attributes fxCallOpCreateLike gave a call like `like` with `nResults`
 * results, remembered by `like`'s dictionary in the installed call cache:
 * null when not (or when no cache is installed); Put remembers them. */
MlirAttribute fxCallCacheGetCreated(MlirOperation like, intptr_t nResults);
/* The parameter of `schema` that operand `i` of `op` binds
 * (fxCallGetOperandParam's answer), remembered by `op`'s dictionary and
 * the schema's serial (FxSchema.h: a schema parsed later may get a freed
 * one's address, never its serial) in the installed call cache, one
 * schema per dictionary: FX_PARAM_UNKNOWN when not remembered; Put
 * remembers it. */
#define FX_PARAM_UNKNOWN (-2)
int fxCallCacheGetParam(MlirOperation op, const FxSchema *schema, intptr_t i);
void fxCallCachePutParam(MlirOperation op, const FxSchema *schema, intptr_t i,
                         int param);
void fxCallCachePutCreated(MlirOperation like, intptr_t nResults,
                           MlirAttribute dictionary);

/*===-- Verifier internals (FxVerifier.c) ----------------------------------===*/

/* Types and attributes as text for messages (cut at 511 bytes). */
typedef struct FxText {
  char s[512];
  size_t n;
} FxText;
FxText fxTypeText(MlirType t);
FxText fxAttrText(MlirAttribute a);

/* Emits "'<op name>' op <message>" as an error at `op`'s location and
 * returns failure: how every verifier check reports. */
MlirLogicalResult fxVerifyError(MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The rules torch has for the results and arguments of the aten ops with a
 * built-in schema (FxVerifyAten.c), checked where they are decidable; `op`
 * already agrees with `schema` (names, args, result count).  Success for
 * targets it has no rule for. */
MlirLogicalResult fxVerifyAtenCall(MlirOperation op, const FxSchema *schema);

/* `view` (an fx.view) can be a view of its input, decided from the input's
 * layout where its producers make it known (FxVerifyView.c).  Depends on
 * the producers, not only on the op: never memoized.  `table` may be NULL. */
MlirLogicalResult fxVerifyViewLayout(MlirOperation view, FxSchemaTable *table);

/* The fx attributes of func.func `func`'s arguments and results
 * (FxVerifyAttrs.c): `fx.donated` is a unit attribute, no other exists.
 * Reports every bad one at the function. */
MlirLogicalResult fxVerifyFunctionAttrs(MlirOperation func);
/* The `fx.`-prefixed attributes of fx op `op` (FxVerifyAttrs.c): only
 * FX_ATTR_FUNCTIONALIZED, a unit attribute on an `aten::clone` fx.call. */
MlirLogicalResult fxVerifyOpAttrs(MlirOperation op);
/* func.calls inside `func` never pass one storage as two tensor arguments
 * (FxVerifyCalls.c). */
MlirLogicalResult fxVerifyFunctionCalls(MlirOperation func,
                                        FxSchemaTable *table);

/* A dim (or stride) attribute read as an FxDim: an i64 as `size`, a string
 * as `symbol`; anything else as size -2 (FxDialect.c). */
FxDim fxDimFromAttr(MlirAttribute a);

/* The symbols (`sym_name`) of `module`'s top-level ops, indexed by one
 * walk that goes only as far as lookups need (FxSymbols.c).  Zero it and
 * set `module`; fxSymbolIndexClear frees it.  The module's top-level ops
 * must not change while it is in use. */
typedef struct FxSymbolIndex {
  MlirOperation module;
  MlirOperation next; /* the first top-level op not indexed yet */
  bool started;
  bool failed; /* out of memory or past the probe bound: lookups walk */
  struct FxSymbolSlot *slots; /* open addressing, `cap` a power of two */
  size_t num, cap;
} FxSymbolIndex;
/* The first top-level op named `name`, or null; *ok false (and null) when
 * the index failed (out of memory, or names that collide in its hash past
 * its probe bound): then look by a walk instead. */
MlirOperation fxSymbolIndexLookup(FxSymbolIndex *x, MlirStringRef name,
                                  bool *ok);
void fxSymbolIndexClear(FxSymbolIndex *x);

/* strlen, not mlirStringRefCreateFromCString (a call the compiler cannot
 * see through): on a literal the length is a constant (fxTypeIsATensor, on
 * every type the passes and the verifier look at, spent a third of its
 * instructions in that call). */
static inline MlirStringRef fxStr(const char *s) {
  return (MlirStringRef){s, strlen(s)};
}

static inline bool fxStrEq(MlirStringRef a, const char *b) {
  size_t n = strlen(b);
  return a.length == n && memcmp(a.data, b, n) == 0;
}

/* Parses the signature of an `fx.schema` op named `name` ("ns::op[.ovl]");
 * NULL with a message in `err` (may be NULL) when malformed or when the
 * signature declares another op.  Caller owns the result. */
FxSchema *fxSchemaParseDeclaration(MlirStringRef name, MlirStringRef signature,
                                   char *err, size_t errLen);

/* The builtin.module enclosing `op` (`op` itself if it is one), or null. */
MlirOperation fxEnclosingModule(MlirOperation op);

/* The `fx.schema` op in `module`'s body that declares `name`, or null. */
MlirOperation fxModuleSchemaOp(MlirOperation module, MlirStringRef name);

/* An i64 IntegerAttr?  (The type is read off the attribute: no
 * IntegerType::get, a locked lookup.) */
bool fxAttrIsI64(MlirAttribute a);

/* A call-like op's segment sizes: a dense i32 array of `slots` entries, `n`
 * ones then zeros (the operands or results fill the slots in order). */
MlirAttribute fxSegmentSizes(MlirContext ctx, intptr_t slots, intptr_t n);

/* The string value of a StringAttr `name` of `op`, or an empty ref. */
MlirStringRef fxOpGetStringAttr(MlirOperation op, const char *name);

/* The verifiers' result plumbing: OK, FAILED(r), and TRY(r), which returns
 * a failed MlirLogicalResult from the enclosing function. */
#define OK mlirLogicalResultSuccess()
#define FAILED(x) mlirLogicalResultIsFailure(x)
#define TRY(x)                                                                 \
  do {                                                                         \
    MlirLogicalResult r_ = (x);                                                \
    if (FAILED(r_))                                                            \
      return r_;                                                               \
  } while (0)

#ifdef __cplusplus
}
#endif

#endif /* FX_INTERNAL_H */
