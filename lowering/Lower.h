/* Lower.h - what the lowering's C files share (not installed).
 *
 * fx-lower-to-runtime turns fx IR into func/memref/arith/scf IR plus calls
 * into libfxrt (kernels/fxrt.h):
 *   !fx.tensor<[D...], T> -> memref<D'... x T, strided<[?...], offset: ?>>
 *                            (static dims stay static, symbols become ?)
 *   !fx.sym<"s">          -> index
 * Symbols become index values at function entry: a memref.dim of the first
 * argument that has the symbol as a dim, or the !fx.sym argument itself.
 */
#ifndef FX_LOWER_H
#define FX_LOWER_H

#include "Fx.h"

#include "mlir-c/Rewrite.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { FX_LOWER_MAX_SYMBOLS = 64, FX_LOWER_MAX_RANK = 8 };

/* One function's lowering state. */
typedef struct FxLower {
  MlirContext ctx;
  MlirOperation module;
  MlirSymbolTable symbols; /* the module's, for runtime declarations */
  FxSchemaTable *schemas;
  MlirRewriterBase rw;     /* where new ops go (a pattern's rewriter)  */
  MlirLocation loc;
  int numSyms;
  MlirStringRef symNames[FX_LOWER_MAX_SYMBOLS];
  /* Where each symbol's value comes from: an index argument (symDim -1)
   * or dim symDim of a memref argument.  Read afresh at each use: an op
   * built ahead and unused would be erased by the driver as dead. */
  MlirValue symSources[FX_LOWER_MAX_SYMBOLS];
  int symDims[FX_LOWER_MAX_SYMBOLS];
  int errors;              /* diagnostics emitted so far               */
} FxLower;

/*===-- Types ---------------------------------------------------------------===*/

/* The memref type of an !fx.tensor (null type for other types). */
MlirType fxLowerTensorType(MlirContext ctx, MlirType fxType);
/* Converted type of a function argument or result: memref, index, or the
 * type itself. */
MlirType fxLowerType(MlirContext ctx, MlirType type);
/* FxDtype code (kernels/fxrt.h) of an element type, or -1. */
int fxLowerDtypeCode(MlirType elementType);

/*===-- Building (Build.c) -------------------------------------------------===*/

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
/* `a op b` on index values; op is "arith.muli", "arith.addi", ... */
MlirValue fxArith(FxLower *L, const char *op, MlirValue a, MlirValue b);

/* The index value of dim `i` of fx type `t` (a constant or a symbol). */
MlirValue fxDimValue(FxLower *L, MlirType fxType, intptr_t i);
/* The index value of symbol `sym`; null when the function declares none. */
MlirValue fxSymbolValue(FxLower *L, MlirStringRef sym);

/* Declares `func.func private @name(inputs) -> results` with
 * llvm.emit_c_interface unless the module has it; returns false (and emits
 * an error at L->loc) when it exists with another type. */
bool fxDeclare(FxLower *L, const char *name, intptr_t nIn, const MlirType *in,
               intptr_t nOut, const MlirType *out);
/* func.call @name; returns the call op. */
MlirOperation fxCall(FxLower *L, const char *name, intptr_t nArgs,
                     const MlirValue *args, intptr_t nOut,
                     const MlirType *out);

/* A tensor record (memref<?xi64>, see fxrt.h) describing memref `m` whose
 * element type has FxDtype `dtype`; an absent one when `m` is null. */
MlirValue fxRecord(FxLower *L, MlirValue m);
/* New runtime storage for a tensor of fx type `fxType`, contiguous, as the
 * canonical memref type. */
MlirValue fxAllocTensor(FxLower *L, MlirType fxType);
/* fxrt_copy(dst, src). */
void fxCopy(FxLower *L, MlirValue dst, MlirValue src);
/* A NUL-terminated constant string; its address as an i64. */
MlirValue fxStringAddress(FxLower *L, MlirStringRef s);

/* Whether `op` is named `name`. */
bool fxIsOpNamed(MlirOperation op, const char *name);

/*===-- Lowered values ----------------------------------------------------===*/

/* The memref behind a lowered fx value (an unrealized_conversion_cast from
 * memref), the value itself when it is not an fx tensor, or null while its
 * producer is not lowered yet. */
MlirValue fxMemRefOf(MlirValue v);
/* Replaces fx op `op` by memrefs `values`, which fx users see through
 * casts to the op's result types. */
void fxPublish(FxLower *L, MlirOperation op, intptr_t n,
               const MlirValue *values);

/* Lowers fx.call / fx.auto_functionalized (LowerCalls.c); false after an
 * error at the op. */
bool fxLowerCall(FxLower *L, MlirOperation op);

#ifdef __cplusplus
}
#endif

#endif /* FX_LOWER_H */
