/* Lower.h - what the lowering's C files share (not installed).
 *
 * fx-lower-to-runtime turns fx IR into func/memref/arith/scf IR plus calls
 * into libfxrt (kernels/fxrt.h):
 *   !fx.tensor<[D...], T> -> memref<D'... x T, strided<[?...], offset: ?>>
 *                            (static dims stay static, symbols become ?;
 *                            a function's arguments take every dim as ?, so
 *                            the entry can check the caller's descriptors)
 *   !fx.sym<"s">          -> index
 * Symbols become index values once, at function entry: a memref.dim of the
 * first argument that has the symbol as a dim, or the !fx.sym argument
 * itself; every other argument dim is checked against them there.
 *
 * One walk lowers the ops of a function in program order, each once (no
 * pattern driver: nothing is retried, so an error is reported once, and
 * nothing erases what the lowering built and still refers to).
 */
#ifndef FX_LOWER_H
#define FX_LOWER_H

#include "fxir/Fx.h"
#include "fxir/FxLowering.h"

#include "mlir-c/Pass.h"
#include "mlir-c/Rewrite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The runtime's FXRT_MAX_RANK (kernels/fxrt.h): tensor records, views and
 * the kernels' row walkers have room for this many dims; a tensor of higher
 * rank is a lowering error. */
enum { FX_LOWER_MAX_RANK = 8 };

/* String constants of one module, deduplicated (Build.c). */
typedef struct FxStrings FxStrings;
FxStrings *fxStringsCreate(void);
void fxStringsDestroy(FxStrings *s);
/* The values one function builds once, at its entry (Build.c). */
typedef struct FxCache FxCache;
FxCache *fxCacheCreate(void);
void fxCacheDestroy(FxCache *c);

/* One function's lowering state. */
typedef struct FxLower {
  MlirContext ctx;
  MlirOperation module, func;
  MlirSymbolTable symbols; /* the module's, for runtime declarations */
  FxSchemaTable *schemas;
  FxStrings *strings;      /* the module's string constants            */
  FxCache *cache;          /* constants, string addresses, scratch views */
  MlirOperation anchor;    /* cached values are built before it (entry) */
  MlirRewriterBase rw;     /* where new ops go                         */
  MlirLocation loc;        /* of the op being lowered                  */
  /* Symbols: name and index value (computed at function entry). */
  int numSyms, capSyms;
  MlirStringRef *symNames;
  MlirValue *symValues;
  /* Scratch for tensor records and size buffers: one stack buffer per
   * function (an alloca per record would grow the stack with the graph),
   * reused by each op; its size is set to the largest need at the end. */
  MlirOperation scratchAlloca;
  MlirValue scratch;       /* memref<?xi8>                             */
  int64_t scratchUsed, scratchMax; /* bytes                            */
  MlirValue entered;       /* fxrt_at's result for the current op      */
  int errors;              /* diagnostics emitted so far               */
  FxLiveness *live;        /* when to free what fxrt_alloc gave        */
} FxLower;

/* Whether an op inside a nested region makes a tensor: such tensors are
 * freed only when the run ends (fxrt_release_all). */
bool fxLivenessHasNestedTensors(const FxLiveness *l);
/* The lowered value of fx value `fxValue` (recorded by fxPublish). */
void fxLivenessRecordMemRef(FxLiveness *l, MlirValue fxValue, MlirValue memref);
/* The lowered values whose storage dies after top-level op `op` (writes
 * at most `cap` to `out`; returns how many there are). */
intptr_t fxLivenessGetDying(FxLiveness *l, MlirOperation op, MlirValue *out,
                            intptr_t cap);

/*===-- Types ---------------------------------------------------------------===*/

/* The memref type of an !fx.tensor (null type for other types and for a
 * rank above FX_LOWER_MAX_RANK).  `allDynamic`: every dim `?` (function
 * arguments). */
MlirType fxLowerTensorTypeEx(MlirContext ctx, MlirType fxType, bool allDynamic);
MlirType fxLowerTensorType(MlirContext ctx, MlirType fxType);
/* Converted type of a function argument (`isArg`) or result: memref, index,
 * or the type itself. */
MlirType fxLowerType(MlirContext ctx, MlirType type, bool isArg);
/* FxDtype code (kernels/fxrt.h) of an element type, or -1. */
int fxLowerDtypeCode(MlirType elementType);
/* Emits an error at L->loc and returns false unless `type` can be lowered
 * in this function: an fx tensor of rank <= FX_LOWER_MAX_RANK whose symbols
 * the function declares (any other type is fine).  `what` names it. */
bool fxLowerCheckType(FxLower *L, MlirType type, const char *what);
/* "[s0, 4]": the dims of fx tensor type `t`, for messages and checks. */
void fxDimsText(MlirType t, char *out, size_t cap);
/* `t` as MLIR prints it (truncated to cap). */
void fxLowerTypeText(MlirType t, char *out, size_t cap);

/*===-- Building (Build.c) -------------------------------------------------===*/

/* Emits an error at L->loc (counted in L->errors); printf-style. */
void fxLowerError(FxLower *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Creates an op of one result before the entry's anchor (once-per-function
 * values: operands must be entry values too), or at the insertion point
 * while the function has no anchor yet. */
MlirOperation fxEntryBuild(FxLower *L, const char *name, intptr_t nOperands,
                           const MlirValue *operands, MlirType result,
                           intptr_t nAttrs, const MlirNamedAttribute *attrs);
/* Creates an op at the rewriter's insertion point. */
MlirOperation fxBuild(FxLower *L, const char *name, intptr_t nOperands,
                      const MlirValue *operands, intptr_t nResults,
                      const MlirType *results, intptr_t nAttrs,
                      const MlirNamedAttribute *attrs);
MlirNamedAttribute fxNamed(FxLower *L, const char *name, MlirAttribute attr);
MlirValue fxIndexConst(FxLower *L, int64_t v);
MlirValue fxI64Const(FxLower *L, int64_t v);
MlirValue fxF64Const(FxLower *L, double v);
MlirValue fxIndexToI64(FxLower *L, MlirValue index);
MlirValue fxI64ToIndex(FxLower *L, MlirValue i64);
/* `a op b` on values of one type; op is "arith.muli", "arith.addi", ... */
MlirValue fxArith(FxLower *L, const char *op, MlirValue a, MlirValue b);

/* The index value of dim `i` of fx type `t` (a constant, a symbol's
 * value or an expression's); null when the symbol is not declared (fxLowerCheckType first). */
MlirValue fxDimValue(FxLower *L, MlirType fxType, intptr_t i);
/* The same as an i64 (built once per function). */
MlirValue fxDimValueI64(FxLower *L, MlirType fxType, intptr_t i);
/* The index value of symbol `sym`; null when the function declares none. */
MlirValue fxSymbolValue(FxLower *L, MlirStringRef sym);
/* The index value of a symbol or of a symbolic expression over the
 * function's symbols (fxir/FxDimExpr.h; built once per expression, at the
 * entry); null when a symbol is not bound. */
MlirValue fxSymbolicValue(FxLower *L, MlirStringRef text);
/* The i1 that says whether computing expression `text` left int64 (its
 * additions and multiplications are done in i128 and checked); null for a
 * symbol, an unbound one, or an expression without such steps. */
MlirValue fxSymbolicOverflow(FxLower *L, MlirStringRef text);

/* Declares `func.func private @name(inputs) -> results` with
 * llvm.emit_c_interface unless the module has it; returns false (and emits
 * an error at L->loc) when it exists with another type. */
bool fxDeclare(FxLower *L, const char *name, intptr_t nIn, const MlirType *in,
               intptr_t nOut, const MlirType *out);
/* func.call @name; returns the call op. */
MlirOperation fxCall(FxLower *L, const char *name, intptr_t nArgs,
                     const MlirValue *args, intptr_t nOut,
                     const MlirType *out);
/* Declares (if needed) and calls a runtime function whose parameters and
 * result are all i64 (`hasResult`: one i64 result); returns the result or
 * null.  Null too when the declaration clashes (error emitted). */
MlirValue fxCallI64(FxLower *L, const char *name, intptr_t nArgs,
                    const MlirValue *args, bool hasResult);

/* `n` i64 slots of the function's scratch (Build.c), as memref<?xi64>:
 * valid until the next op is lowered (fxScratchReset). */
MlirValue fxScratchI64(FxLower *L, int64_t n);
void fxScratchReset(FxLower *L);
/* A one-element memref of `memrefType` at byte `offset` of the scratch:
 * room for one memref descriptor of any rank (fxrt_reshape's operand and
 * result).  Built once per function. */
MlirValue fxScratchSlot(FxLower *L, int64_t offset, MlirType memrefType);
/* Room for one memref descriptor in this op's scratch (after what the op
 * already uses, valid until fxScratchReset): its byte offset. */
int64_t fxScratchReserveDescriptor(FxLower *L);
/* Stores memref `memref` (of fx type `fxType`) whole into such room, for a
 * runtime function that reads descriptors (fxrt_view,
 * fxrt_check_writable): its address as an i64. */
MlirValue fxScratchStoreDescriptor(FxLower *L, MlirValue memref, MlirType fxType);
/* The address of byte `offset` of the scratch, as an i64. */
MlirValue fxScratchAddress(FxLower *L, int64_t offset);
/* A memref<?xi64> holding `n` index values (or uninitialized with values
 * NULL), in scratch. */
MlirValue fxI64Buffer(FxLower *L, intptr_t n, const MlirValue *values);
/* A tensor record (memref<?xi64>, see fxrt.h) describing memref `m`; an
 * absent one when `m` is null.  Null after an error (a dtype the runtime
 * does not know). */
MlirValue fxRecord(FxLower *L, MlirValue m);
/* New runtime storage for a tensor of fx type `fxType`, contiguous, as the
 * canonical memref type (the byte size is computed with overflow checks:
 * fxrt_alloc reports an overflow).  Null after an error. */
MlirValue fxAllocTensor(FxLower *L, MlirType fxType);
/* fxrt_copy(dst, src); false after an error. */
bool fxCopy(FxLower *L, MlirValue dst, MlirValue src);
/* A NUL-terminated constant string of the module (deduplicated); its
 * address as an i64. */
MlirValue fxStringAddress(FxLower *L, MlirStringRef s);
MlirValue fxCStringAddress(FxLower *L, const char *s);
/* fxrt_at(<L->loc as "file:line:col">) before an op's first runtime call
 * (once per op: later calls return the same value); returns its i64 result
 * (1 while no error is pending), null after an error. */
MlirValue fxEnter(FxLower *L);
/* fxrt_check_eq(got, want, who, what) on index values. */
void fxCheckEq(FxLower *L, MlirValue got, MlirValue want, const char *who,
               const char *what);

/* Whether `op` is named `name`. */
bool fxIsOpNamed(MlirOperation op, const char *name);

/*===-- Lowered values ----------------------------------------------------===*/

/* The memref behind a lowered fx value (an unrealized_conversion_cast from
 * memref), the value itself when it is not an fx tensor, or null while its
 * producer is not lowered. */
MlirValue fxMemRefOf(MlirValue v);
/* Replaces op `op` by memrefs `values`, which fx users see through casts to
 * the op's result types. */
void fxPublish(FxLower *L, MlirOperation op, intptr_t n,
               const MlirValue *values);

/*===-- Op lowerings; each false after an error at the op -------------------===*/

/* fx.view / fx.reshape, fx.slice, fx.slice_scatter (LowerViews.c). */
bool fxLowerView(FxLower *L, MlirOperation op);
bool fxLowerSlice(FxLower *L, MlirOperation op);
bool fxLowerSliceScatter(FxLower *L, MlirOperation op);
/* fx.call / fx.auto_functionalized (LowerCalls.c). */
bool fxLowerCall(FxLower *L, MlirOperation op);
/* An fx.call of one of torch's view ops (impl VIEW: aten::t, permute, ...)
 * as a view of its `self` (LowerAtenViews.c): the result memref in
 * *result. */
bool fxLowerAtenView(FxLower *L, MlirOperation op, MlirStringRef target,
                     MlirValue *result);

/* fx-lower-to-runtime's run function (LowerToRuntime.c), a row of
 * LowerPasses.c's table. */
void fxRunLowerToRuntime(MlirOperation module, MlirExternalPass pass);

#ifdef __cplusplus
}
#endif

#endif /* FX_LOWER_H */
