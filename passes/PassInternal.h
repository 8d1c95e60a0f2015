/* PassInternal.h - what the pass files and the pass table share. */
#ifndef FX_PASS_INTERNAL_H
#define FX_PASS_INTERNAL_H

#include "Alias.h"
#include "Location.h"
#include "PtrMap.h"
#include "fxir/Fx.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Rewrite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the pass table (PassTable.c). */
typedef struct FxPassInfo {
  const char *argument;    /* pipeline name, "fx-verify"               */
  const char *name;        /* display name, "FxVerify"                 */
  const char *description; /* one line for --help                      */
  const char *anchor;      /* op the pass runs on, "func.func"         */
  void (*run)(MlirOperation op, MlirExternalPass pass);
  bool lowers;             /* creates func/memref/arith/scf ops        */
} FxPassInfo;

/* A new external pass for `info`. */
MlirPass fxPassCreate(const FxPassInfo *info);

/* mlir::registerPass for `info` (PassShim.cpp: no C API entry point). */
void fxRegisterExternalPass(const FxPassInfo *info);

/* Tells the pass manager that the running pass changed nothing, so every
 * analysis stays valid and MLIR skips the verifier after it (`verifyEach`
 * verifies only after a pass that may have changed the IR).  Call it only
 * when the pass changed nothing at all (PassShim.cpp: no C API entry
 * point). */
void fxExternalPassPreserveAll(MlirExternalPass pass);

/* First thing in every fx pass: what MLIR's verifier has not checked of
 * `func` (fxVerifyFunctionBeyondHook; DESIGN §1: passes do not re-verify
 * what MLIR verified); on failure signals pass failure and returns false. */
bool fxPassBegin(MlirOperation func, MlirExternalPass pass,
                 FxSchemaTable *table);

/* What fxPassBeginRewrite's walk over every op of `func` finds on the
 * way, for the passes that would otherwise walk the function again (a walk
 * over a large function is memory-bound: docs/performance.md). */
typedef struct FxFunctionFacts {
  /* In: called on every op of `func` (pre-order) by that walk; may be
   * null.  Not called when the walk is skipped or cut short: only trust
   * what it noted when fxPassBeginRewrite returns true. */
  void (*each)(MlirOperation op, void *userData);
  void *eachData;
  /* In: the pass's argument (e.g. "fx-dce"), which its remark names: in a
   * pipeline each rewriting pass says it left the function alone. */
  const char *pass;
  /* Out: */
  FxReturnedAliases aliases; /* (Alias.h) */
  bool hasFuncCalls;         /* a func.call anywhere in `func` */
  /* The ops of `func`'s entry block in order, as the walk found them: for
   * fxReadIndexCreate and the driver, which keeps it up to date where it
   * can (fxApplyRewrites).  Owned: fxFunctionFactsFree. */
  FxBlockOps top;
} FxFunctionFacts;

/* fxPassBegin, then whether `func` is straight-line code as far as fx
 * values go (one block; no fx op or fx value inside a nested region): when
 * it is not, a remark at the first such op says that facts->pass leaves
 * the function alone, and this returns false without failing the pass.
 * When it returns true, `facts` holds what it found (for `table`), and the
 * caller releases it with fxFunctionFactsFree; on false nothing is held.
 * Out of memory is an error at `func` and fails the pass. */
bool fxPassBeginRewrite(MlirOperation func, MlirExternalPass pass,
                        FxSchemaTable *table, FxFunctionFacts *facts);
void fxFunctionFactsFree(FxFunctionFacts *facts);

/* The body of a rewrite: rewrites `op` with `rewriter` and succeeds, or
 * fails to match (and changes nothing). */
typedef MlirLogicalResult (*FxMatchAndRewrite)(MlirOperation op,
                                               MlirRewriterBase rewriter,
                                               void *userData);

/* The order in which fxApplyRewrites visits the ops of a sweep.
 * FX_BOTTOM_UP_ONCE is bottom-up in one sweep, for a rewrite whose decision
 * on an op depends only on the ops after it and that erases only the op:
 * then nothing a later visit changes (ops before it) can change a decision
 * already made, and a second sweep would find nothing (fx-dce, in a
 * function without untracked aliases). */
typedef enum FxOrder { FX_TOP_DOWN, FX_BOTTOM_UP, FX_BOTTOM_UP_ONCE } FxOrder;

/* Where `op` is in a FxBlockOps list: its index there, or -1.  It must
 * find every op of the list (fxReadIndexBlockIndex, for an index numbered
 * from the list); for another op it may answer any index. */
typedef intptr_t (*FxBlockIndexFn)(const void *data, MlirOperation op);

/* Applies `fn` to every op of `func`'s entry block whose kind is one of
 * `roots`, in `order`, sweep after sweep until a sweep rewrites nothing
 * (one sweep for FX_BOTTOM_UP_ONCE; Driver.c).  Only for functions
 * fxPassBeginRewrite accepted: their fx ops are all in the entry block.
 * `block`, when not null, is that block's ops in order as the first walk
 * took them (FxFunctionFacts' `top`), changed since only through this
 * function's rewriters: the roots are taken from it instead of a walk
 * unless one of their kind was inserted or moved since (its `inserted`).
 * With `indexOf`, which finds its ops, the driver keeps it for later calls:
 * it nulls each op erased and marks the kinds inserted or moved, and the
 * sweeps go over it until a root is inserted or moved.  Without, the list
 * serves the first sweep only and is spent (marked so that no later call
 * takes roots from it).
 * `fn` may erase any op and insert or move ops anywhere, through `rw`
 * only; an op it inserts is visited from the next sweep on.  Then, unless
 * `kept` is null, calls `kept` on every root left, in `order` (for
 * FX_BOTTOM_UP_ONCE: the roots its one sweep did not rewrite).  Out of
 * memory is an error at `func` and fails the pass (`kept` is then not
 * called).  True when a call of `fn` succeeded (rewrote something). */
typedef void (*FxVisitRoot)(MlirOperation op, void *userData);
bool fxApplyRewrites(MlirOperation func, MlirExternalPass pass,
                     const FxOpKind *roots,
                     size_t numRoots, FxMatchAndRewrite fn, void *userData,
                     FxOrder order, FxVisitRoot kept, FxBlockOps *block,
                     FxBlockIndexFn indexOf, const void *indexData);

/* An IRRewriter whose listener calls `onErase` for every op about to be
 * erased and `onInsert` for every op inserted or moved (PassShim.cpp: the
 * C API's IRRewriter takes no listener).  The caller owns it:
 * fxTrackingRewriterDestroy. */
typedef void (*FxEraseCallback)(MlirOperation op, void *userData);
typedef void (*FxInsertCallback)(MlirOperation op, void *userData);
MlirRewriterBase fxTrackingRewriterCreate(MlirContext ctx,
                                          FxEraseCallback onErase,
                                          FxInsertCallback onInsert,
                                          void *userData);
void fxTrackingRewriterDestroy(MlirRewriterBase rewriter);

/* fxLocString (Location.h) of `op`'s location. */
void fxLocationString(MlirOperation op, char *out, size_t cap);

/* Run functions, one per pass file. */
void fxRunVerify(MlirOperation func, MlirExternalPass pass);
void fxRunNoOpElimination(MlirOperation func, MlirExternalPass pass);
void fxRunFixFunctionalization(MlirOperation func, MlirExternalPass pass);
void fxRunDeadCode(MlirOperation func, MlirExternalPass pass);

/* mlir::PassPipelineRegistration of `name` as the pass list `pipeline`
 * (PassShim.cpp). */
void fxRegisterPipeline(const char *name, const char *description,
                        const char *pipeline);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASS_INTERNAL_H */
