/* Fx.h - C API of the fx dialect: loading, types, ops, schemas, verifier.
 *
 * Naming follows the MLIR C API (mlir-c/IR.h) with our `fx` prefix:
 * `fx<Type>TypeGet`, `fx<Op>OpCreate`, `fxTypeIsA<Type>`.  Types, attributes
 * and values are owned by the MLIRContext as usual; an op returned by an
 * `...OpCreate` function is detached and owned by the caller until inserted
 * into a block (mlirOperationDestroy otherwise).  Objects returned by a
 * `...Create` function declared here are released with the matching
 * `...Destroy`.
 */
#ifndef FX_H
#define FX_H

#include "fxir/FxSchema.h"
#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/*===-- Dialect loading ----------------------------------------------------===*/

/* Registers the fx dialect under the name "fx" in `registry`: the first use of
 * the `fx.` namespace in a context built from it loads the embedded IRDL
 * definition and installs the C verifier.  (FxDialectShim.cpp) */
void fxDialectRegistryInsert(MlirDialectRegistry registry);

/* Loads the fx dialect into `ctx` now (idempotent); null dialect on failure.
 * Requires the irdl dialect to be available in `ctx`. */
MlirDialect fxContextLoadDialect(MlirContext ctx);

/* The embedded text of the dialect's IRDL (build/dialect/fx.irdl.mlir, written
 * from dialect/fx.irdl.mlir.in and kernels/fx_dtypes.def). */
extern const char fxDialectIRDL[];

/*===-- Types ----------------------------------------------------------------===*/

/* The highest tensor rank fxir handles: the runtime's FXRT_MAX_RANK
 * (kernels/fxrt.h; test/CAPI/dialect.c checks that they agree).  The
 * verifier rejects deeper tensors anywhere. */
#define FX_MAX_RANK 8

/* Bytes per element of `dtype`, an element type !fx.tensor allows (i1 is
 * stored as one byte); 0 for any other type. */
int64_t fxDtypeGetBytes(MlirType dtype);

/* torch's type-promotion categories, in promotion order. */
typedef enum FxDtypeCategory {
  FX_CATEGORY_BOOL,
  FX_CATEGORY_INT,
  FX_CATEGORY_FLOAT,
} FxDtypeCategory;

/* A dtype of !fx.tensor: one row of kernels/fx_dtypes.def, which documents
 * the columns.  Rows are static: the caller never frees them. */
typedef struct FxDtypeInfo {
  int code;          /* the runtime's FxDtype (kernels/fxrt.h) */
  const char *name;  /* as MLIR prints it: "f32", "f8E4M3FN", "i1",
                        "vector<2xf4E2M1FN>" */
  const char *abbr;  /* torch's FX-dump abbreviation: "f8e4m3fn", "b8" */
  const char *torch; /* torch's name: "float16" (torch.float16), "bool" */
  const char *npy;   /* the .npy descr fx-run uses: "<f4", "<u2" (bf16) */
  int64_t bytes;     /* per element; i1 is stored as one byte */
  FxDtypeCategory category;
  bool float8;       /* a float8 type (kernels that take floats but no fp8) */
  bool packed;       /* one element is a byte of several values (torch's
                        float4_e2m1fn_x2): no conversion to or from it */
} FxDtypeInfo;

/* The number of dtypes; their codes are 0 .. fxDtypeGetNumInfos() - 1. */
int fxDtypeGetNumInfos(void);

/* The row with runtime code `code`, or NULL when there is none. */
const FxDtypeInfo *fxDtypeGetInfo(int code);

/* The row of element type `dtype`, or NULL when !fx.tensor does not allow
 * it (or `dtype` is null). */
const FxDtypeInfo *fxDtypeInfo(MlirType dtype);

/* The MLIR element type of row `code` in `ctx`; null when there is none. */
MlirType fxDtypeGetType(MlirContext ctx, int code);

/* Writes the names of the rows `filter` accepts (every row when it is NULL)
 * as "f32, f16 or bf16" into buf (`size` bytes, NUL-terminated,
 * truncated if short); `last` joins the last two ("or", "and"). */
void fxDtypeListNames(char *buf, size_t size,
                      bool (*filter)(const FxDtypeInfo *), const char *last);

/* One tensor dimension: a static size, or a symbol when `symbol.length` > 0
 * (then `size` is -1). */
typedef struct FxDim {
  int64_t size;
  MlirStringRef symbol;
} FxDim;

/* Dims are equal only if both are the same integer or the same symbol. */
bool fxDimEqual(FxDim a, FxDim b);

bool fxTypeIsATensor(MlirType type);
bool fxTypeIsASym(MlirType type);

/* !fx.tensor<[dims...], dtype>; null type if a dim or the dtype is invalid. */
MlirType fxTensorTypeGet(MlirContext ctx, intptr_t rank, const FxDim *dims,
                         MlirType dtype);
intptr_t fxTensorTypeGetRank(MlirType type);
/* Dim `i`; a dim attribute that is neither i64 nor string, an index out of
 * range or a non-tensor type reads as size -2. */
FxDim fxTensorTypeGetDim(MlirType type, intptr_t i);
MlirType fxTensorTypeGetDtype(MlirType type);
/* All dims at once (cheaper than fxTensorTypeGetDim per dim): writes up to
 * `max` dims to `dims` and returns the rank (0 for a non-tensor type). */
intptr_t fxTensorTypeGetDims(MlirType type, FxDim *dims, intptr_t max);
/* Tensor types are uniqued and the verifier requires dims to be i64 or
 * strings, so mlirTypeEqual is tensor type equality (dims by fxDimEqual). */

/* Whether the element counts of two tensor types differ whatever values
 * their symbols take (static products, symbols as a multiset; the check the
 * verifier makes of every reshape and view). */
bool fxTensorTypeCountsDiffer(MlirType a, MlirType b);

/* Declared argument layouts (DESIGN §2, docs/dialect.md "Layouts").  A
 * function argument may carry `{fx.strides = [S...]}`: its strides in
 * elements, one per dim (i64 or a symbol or canonical expression string),
 * the layout the function promises; the lowering checks the caller's
 * descriptor against it at entry (dims of size 1 aside, whose stride torch
 * ignores).  Without it an argument's layout is unknown. */

/* The strides argument `arg` (a block argument of a func.func's entry
 * block) declares: writes up to `max` to `strides` (read like dims: a size,
 * or a string in `symbol`) and returns how many there are; -1 when `arg`
 * declares none. */
intptr_t fxArgumentGetStrides(MlirValue arg, FxDim *strides, intptr_t max);
/* The `fx.strides` attribute itself (an array once verified), or null. */
MlirAttribute fxArgumentGetStridesAttr(MlirValue arg);

/* Whether `strides` (one per dim of tensor type `t`) are row-major
 * contiguous for `t`: each dim of size other than 1 has the product of the
 * dims after it as its stride (as canonical expressions when symbolic), or
 * a static dim is 0 (an empty tensor is contiguous whatever its strides). */
bool fxStridesAreContiguous(MlirType t, const FxDim *strides);

/* !fx.sym<"name"> */
MlirType fxSymTypeGet(MlirContext ctx, MlirStringRef name);
MlirStringRef fxSymTypeGetName(MlirType type);

/* Reading IRDL dynamic types (FxDialectShim.cpp: the C API has no entry point).
 * `fxDynamicTypeIsA` tells whether `type` is `!dialect.name`. */
bool fxDynamicTypeIsA(MlirType type, MlirStringRef dialect, MlirStringRef name);
intptr_t fxDynamicTypeGetNumParams(MlirType type);
MlirAttribute fxDynamicTypeGetParam(MlirType type, intptr_t i);
/* Null type when the dialect/type is unknown or the params are invalid. */
MlirType fxDynamicTypeGet(MlirContext ctx, MlirStringRef dialect,
                          MlirStringRef name, intptr_t nParams,
                          const MlirAttribute *params);

/*===-- Ops --------------------------------------------------------------===*/

/* The kinds of fx op, in a table order used by the verifier and passes. */
typedef enum FxOpKind {
  FX_OP_NONE = -1,
  FX_OP_RESHAPE,
  FX_OP_VIEW,
  FX_OP_SLICE,
  FX_OP_SLICE_SCATTER,
  FX_OP_AUTO_FUNCTIONALIZED,
  FX_OP_CALL,
  FX_OP_SCHEMA,
  FX_OP_NUM_KINDS
} FxOpKind;

#define FX_MAX_OPERANDS 16
#define FX_MAX_RESULTS 8

/* The unit attribute fx-import puts on the `aten::clone` of each base of
 * an auto_functionalized_v2 call (docs/import.md): fx-fix-functionalization
 * may write the base in place instead (docs/passes.md). */
#define FX_ATTR_FUNCTIONALIZED "fx.functionalized"

/* On a func.func: the positions (strictly increasing, in the FX graph's
 * output list) of the None outputs fx-import left out of its results, so
 * that fx-export writes them back (docs/dialect.md). */
#define FX_ATTR_NONE_OUTPUTS "fx.none_outputs"

FxOpKind fxOpGetKind(MlirOperation op);
/* "fx.reshape", ... */
const char *fxOpKindName(FxOpKind kind);
/* The names of the attributes inherent to ops of `kind`, a static list
 * ended by NULL (empty for FX_OP_NONE): the ones its IRDL definition
 * declares and the segment sizes IRDL requires of it.  MLIR knows them
 * (`mlirOperationGetNumDiscardableAttributes` and MLIR's verifier leave them
 * out); every other attribute of the op is discardable. */
const char *const *fxOpKindInherentAttributes(FxOpKind kind);
/* The value of `op`'s integer attribute `name`, with *ok true; 0 with *ok
 * false when it has none or it is not an integer (IR the verifier has not
 * seen: the passes then keep the op). */
int64_t fxOpGetIntAttr(MlirOperation op, const char *name, bool *ok);

/* fx.reshape / fx.view (kind selects) with `shape`: an array attribute of
 * i64 and symbol strings. */
MlirOperation fxReshapeOpCreate(MlirLocation loc, FxOpKind kind,
                                MlirValue input, MlirType resultType,
                                MlirAttribute shape);
/* The statically known length of slice [start, end) step (step >= 1) on
 * dim `d`, with torch's clamping (a negative bound counts from the end,
 * then both are clamped to [0, size]); -1 when `d` or a bound is symbolic.
 * The fx.slice verifier checks results by it; fx-import types the slices
 * it makes with it. */
int64_t fxSliceLength(FxDim d, MlirAttribute start, MlirAttribute end,
                      int64_t step);
/* fx.slice: start/end are i64 or symbol string attributes. */
MlirOperation fxSliceOpCreate(MlirLocation loc, MlirValue input,
                              MlirType resultType, int64_t dim,
                              MlirAttribute start, MlirAttribute end,
                              int64_t step);
MlirOperation fxSliceScatterOpCreate(MlirLocation loc, MlirValue base,
                                     MlirValue src, int64_t dim,
                                     MlirAttribute start, MlirAttribute end,
                                     int64_t step);
/* fx.call or fx.auto_functionalized (kind selects).  `args` is a dictionary
 * attribute (null means {}).  At most FX_MAX_OPERANDS operands and
 * FX_MAX_RESULTS results; null op otherwise. */
MlirOperation fxCallOpCreate(MlirLocation loc, FxOpKind kind,
                             MlirStringRef target, intptr_t nOperands,
                             const MlirValue *operands,
                             const MlirStringRef *argNames, MlirAttribute args,
                             intptr_t nResults, const MlirType *resultTypes);
/* An fx.call or fx.auto_functionalized (kind selects) with the target,
 * arg_names and args of call-like op `like` (reused, not rebuilt), at its
 * location, with `operands` (as many as `like` has) and the given results.
 * Its other attributes are not kept.  With a call cache installed, the new
 * op's attribute dictionary is made once per `like` dictionary and result
 * count. */
MlirOperation fxCallOpCreateLike(MlirOperation like, FxOpKind kind,
                                 intptr_t nOperands, const MlirValue *operands,
                                 intptr_t nResults, const MlirType *resultTypes);
/* fx.schema */
MlirOperation fxSchemaOpCreate(MlirLocation loc, MlirStringRef name,
                               MlirStringRef signature);

/* func.call between fx functions: the func.func its `callee` names in the
 * enclosing module (null when there is none), and whether argument `i` of
 * function `func` is marked `fx.donated` (the callee may write it). */
MlirOperation fxFuncCallGetCallee(MlirOperation call);
/* Whether `op` is a func.call. */
bool fxOpIsFuncCall(MlirOperation op);
bool fxFuncArgIsDonated(MlirOperation func, intptr_t i);

/* All of `op`'s attributes as one uniqued dictionary (inherent ones too, for
 * ops with properties): while the context lives, equal dictionaries are
 * the same pointer (FxDialectShim.cpp: the C API reads attributes one at a
 * time). */
MlirAttribute fxOperationGetAttrDictionary(MlirOperation op);

/* Call-like ops (fx.call, fx.auto_functionalized), read by schema name. */
MlirStringRef fxCallGetTarget(MlirOperation op);
/* fxSchemaBuiltinImpl of the op's target. */
FxBuiltinImpl fxCallGetBuiltinImpl(MlirOperation op);

/* The call cache: fxCallGetTarget, fxCallGetBuiltinImpl and the lookups of
 * `arg_names` (fxCallGetOperandByName, fxCallGetOperandParam) remember their
 * answers by the op's attribute dictionary (uniqued: one pointer, one set
 * of attributes, while the context lives).  The pass driver installs one
 * for each pass run; without one they read the attributes each time.
 * Install one only where the context of every op asked outlives it: a
 * dictionary's pointer may be reused by another context's after its
 * context is destroyed. */
typedef struct FxCallCache FxCallCache;
FxCallCache *fxCallCacheCreate(void);
void fxCallCacheDestroy(FxCallCache *cache);
/* Makes `cache` (NULL: none) the calling thread's; returns the previous. */
FxCallCache *fxCallCacheInstall(FxCallCache *cache);
/* The operand whose arg_names entry is `name`; null value when absent. */
MlirValue fxCallGetOperandByName(MlirOperation op, MlirStringRef name);
/* The `args` entry `name`; null attribute when absent. */
MlirAttribute fxCallGetArg(MlirOperation op, MlirStringRef name);
/* Result index of the new value of mutated parameter `name` of an
 * fx.auto_functionalized with schema `schema`, or -1 when the parameter is not
 * mutated or its operand is absent. */
intptr_t fxAutoFunctionalizedGetMutatedResultIndex(MlirOperation op,
                                                   const FxSchema *schema,
                                                   MlirStringRef name);
/* The inverse: the operand whose new value is result `result` of an
 * fx.auto_functionalized with schema `schema`, or a null value when that
 * result is none's (a return of the op, out of range, no schema). */
MlirValue fxAutoFunctionalizedGetMutatedOperand(MlirOperation op,
                                                const FxSchema *schema,
                                                intptr_t result);
/* Index in `schema` of operand `i` of a call-like op, or -1. */
int fxCallGetOperandParam(MlirOperation op, const FxSchema *schema,
                          intptr_t i);

/*===-- Schemas in scope ---------------------------------------------------===*/

/* The schemas visible from an op: `fx.schema` ops of the enclosing module
 * (parsed on first lookup, cached, owned by the table) override the built-in
 * ones.  Create one per pass run or verification; not thread-safe itself. */
typedef struct FxSchemaTable FxSchemaTable;

/* Whether `a` and `b` may be (views of) one storage by the rules of the
 * func.call checks: views, ops that may return an alias of an operand,
 * bounded walks (docs/dialect.md, "Calls between fx functions"). */
bool fxValuesMayShareStorage(MlirValue a, MlirValue b, FxSchemaTable *table);

/* `anyOp` may be any op inside the module (or the module itself). */
FxSchemaTable *fxSchemaTableCreate(MlirOperation anyOp);
void fxSchemaTableDestroy(FxSchemaTable *table);
/* NULL when `qualifiedName` has no schema.  An op with a built-in
 * implementation always has its built-in schema (a module may only restate
 * it); for others a malformed module fx.schema is skipped (the verifier
 * reports it) and the built-in one, if any, is used. */
const FxSchema *fxSchemaTableLookup(FxSchemaTable *table,
                                    MlirStringRef qualifiedName);
/* fxSchemaTableLookup, and the op's built-in implementation in *impl
 * (fxSchemaBuiltinImpl) from the same lookup. */
const FxSchema *fxSchemaTableLookupImpl(FxSchemaTable *table,
                                        MlirStringRef qualifiedName,
                                        FxBuiltinImpl *impl);
/* fxSchemaTableLookupImpl of call-like op `call`'s target; the built-in
 * schema and implementation come from the call cache where one is
 * installed (functions of the target, so of the op's attributes).
 * `impl` may be NULL. */
const FxSchema *fxSchemaTableLookupCall(FxSchemaTable *table,
                                        MlirOperation call,
                                        FxBuiltinImpl *impl);
/* fxFuncCallGetCallee of `call`, through an index of the module's
 * top-level symbols that the table builds by one walk, as far as its
 * lookups need, and keeps until fxSchemaTableDestroy (the module's
 * top-level ops must not change meanwhile).  `table` may be NULL. */
MlirOperation fxSchemaTableGetCallee(FxSchemaTable *table, MlirOperation call);

/*===-- Verifier ------------------------------------------------------------===*/

/* Verifies what IRDL cannot (DESIGN §2 "Verification") for one fx op; emits
 * errors at the op's location.  `table` may be NULL (one is made).  The op
 * must already satisfy its IRDL definition: mlirOperationVerify checks both,
 * in that order. */
MlirLogicalResult fxVerifyOp(MlirOperation op, FxSchemaTable *table);
/* Verifies a func.func: its signature's fx types, its fx attributes, its
 * func.calls and every fx op inside (the fx-verify pass; tools that build
 * or receive IR MLIR has not verified).  Every op's own invariants (ODS,
 * IRDL) are checked first, in walk order; the first that fails is the only
 * error reported. */
MlirLogicalResult fxVerifyFunction(MlirOperation func, FxSchemaTable *table);
/* What of fxVerifyFunction MLIR's verifier has not checked in `func`: the
 * dialect's verifier hook checks every fx op, and the function itself at
 * its first fx op on the top of its entry block; a function without such an
 * op has the checks of the function itself here.  Every fx pass calls this
 * first, trusting MLIR's verification for the rest (DESIGN §1: passes do not
 * re-verify). */
MlirLogicalResult fxVerifyFunctionBeyondHook(MlirOperation func,
                                             FxSchemaTable *table);

/* Whether fxir's own kernel can run built-in call `op` (schema `schema`):
 * the dtypes it takes and gives (kernels/cpu/aten.c).  These are not
 * torch's rules, so the verifier does not check them; the lowering asks
 * before it calls the kernel.  An error at the op when it cannot; success
 * for ops without such a rule. */
MlirLogicalResult fxCheckAtenKernelCall(MlirOperation op,
                                        const FxSchema *schema);

/*===-- Text input ----------------------------------------------------------===*/

/* MLIR's parser, verifier and printer recurse once per nested region,
 * attribute, type or parenthesis, on the caller's stack: text nested a few
 * thousand levels deep overflows an 8 MB stack, a crash and not a
 * diagnostic.  fxir's tools (fx-opt, fx-run, fx-export) check the text they
 * are about to parse against this limit, 2 to 3 MB of MLIR's stack at its
 * deepest (README, "Pipelines").  FxTextInput.c */
#define FX_MAX_TEXT_NESTING 1024

/* Whether `text` opens no bracket ('(', '[', '{', '<') nested deeper than
 * FX_MAX_TEXT_NESTING; if it does, writes the bracket's 1-based line and
 * column (in bytes) to *line and *column.  String literals and `//`
 * comments do not count; neither does the '>' of "->" or ">=", nor the
 * '<' of "<="; MLIR bytecode is not text and always passes. */
bool fxTextNestingWithinLimit(MlirStringRef text, intptr_t *line,
                              intptr_t *column);

/* fxTextNestingWithinLimit, reporting the first bracket past the limit as
 * "<name>:<line>:<column>: error: ..." on stderr, the form of MLIR's own
 * diagnostics. */
bool fxTextNestingCheck(MlirStringRef text, const char *name);

/* The contents of the file at `path` ("-": stdin), read once (it may be a
 * pipe), NUL-terminated after *len bytes; NULL, with errno set, when it
 * cannot be read.  The caller frees it with free(). */
char *fxTextReadFile(const char *path, size_t *len);

/* mlirModuleCreateParse after fxTextNestingCheck, with `name` as the
 * buffer's name: the file of the ops' locations and of the diagnostics, as
 * mlirModuleCreateParseFromFile names them.  A null module on failure,
 * with the error reported. */
MlirModule fxModuleCreateParseText(MlirContext ctx, MlirStringRef text,
                                   const char *name);

/*===-- Stacks --------------------------------------------------------------===*/

/* Runs fn(arg) on a thread of its own with a stack of `stackBytes`
 * (reserved, not committed: only the pages used cost memory), and returns
 * what fn returns.  Running past the stack's end prints `onOverflow` (a
 * NUL-terminated message, newline included, that lives until the call
 * returns) on stderr and ends the process with exit status 1: an error,
 * not a crash.  Other faults go to the SIGSEGV handler there was before
 * the first call that gave a message, which installs fxir's (so a handler
 * installed after it, such as LLVM's crash report, would run first: call
 * this after those).  With `onOverflow` null, no handler: an overflow is a
 * crash, as on any thread.  If the stack cannot be reserved (a limit on address
 * space) or the thread cannot start, says so on stderr and returns 1
 * without calling fn.  FxStack.c */
int fxRunOnStack(size_t stackBytes, const char *onOverflow,
                 int (*fn)(void *), void *arg);

/* fxRunOnStack with a stack of 64 MB plus 4 KB per byte of the input text.
 * MLIR's parser, printer and walks recurse once per level of what the text
 * builds, and aliases and affine expressions build depth without brackets;
 * each level takes at least a byte of text, so a stack in proportion to
 * the text holds them (an overflow would be fxir's bug, and says so).
 * Where the system refuses that much, warns and runs on the most it grants
 * (halving), running past which is an error; below 8 MB, says so and
 * returns 1 without calling fn. */
int fxRunOnDeepStack(size_t textBytes, int (*fn)(void *), void *arg);

/*===-- Diagnostics --------------------------------------------------------===*/

/* Emits a remark (the C API can only emit errors; FxDialectShim.cpp). */
void fxEmitRemark(MlirLocation loc, const char *message);

#ifdef __cplusplus
}
#endif

#endif /* FX_H */
