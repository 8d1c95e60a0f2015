/* PassTable.c - the table of the passes of passes/: registration and
 * lookup.  The lowering's passes and pipelines are rows of the same kind in
 * lowering/LowerPasses.c (the libraries layer dialect < passes < lowering:
 * this table cannot name a lowering function). */
#include "fxir/FxPasses.h"
#include "PassInternal.h"
#include "RegionMemo.h"
#include "Scratch.h"

#include <stdio.h>

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"

#include <string.h>
#include <threads.h>

/* Adding a pass = one row here plus its run function in its own file. */
static const FxPassInfo kPasses[] = {
    {"fx-verify", "FxVerify",
     "Verify fx ops beyond IRDL: op schemas, args, shapes and symbols",
     "func.func", fxRunVerify, false},
    {"fx-noop-elimination", "FxNoOpElimination",
     "Remove no-op reshapes, views, slices and full-cover slice_scatters",
     "func.func", fxRunNoOpElimination, false},
    {"fx-fix-functionalization", "FxFixFunctionalization",
     "Turn fx.auto_functionalized into in-place fx.call where provably safe",
     "func.func", fxRunFixFunctionalization, false},
    {"fx-dce", "FxDeadCode",
     "Erase fx ops whose results are unused and whose writes nobody reads",
     "func.func", fxRunDeadCode, false},
};
enum { kNumPasses = sizeof kPasses / sizeof kPasses[0] };

/* Each pass object holds the memory runs keep for the next (Scratch.h). */
static void construct(void *userData) { fxScratchHold(); }
static void destruct(void *userData) { fxScratchUnhold(); }
static MlirLogicalResult initialize(MlirContext ctx, void *userData) {
  return mlirLogicalResultSuccess();
}
static void *clone(void *userData) { return userData; } /* stateless rows */
/* Each run answers the region model's questions from a memo of its own
 * (RegionMemo.h), and what calls' attributes say from a cache of its own
 * (Fx.h, the call cache): a graph of N identical layers asks each one N
 * times.  The context outlives the run, as the call cache requires. */
static void run(MlirOperation op, MlirExternalPass pass, void *userData) {
  FxRegionMemo *memo = fxRegionMemoCreate();
  FxRegionMemo *outer = fxRegionMemoInstall(memo);
  FxCallCache *calls = fxCallCacheCreate();
  FxCallCache *outerCalls = fxCallCacheInstall(calls);
  ((const FxPassInfo *)userData)->run(op, pass);
  fxCallCacheInstall(outerCalls);
  fxCallCacheDestroy(calls);
  fxRegionMemoInstall(outer);
  fxRegionMemoDestroy(memo);
}

MlirPass fxPassCreate(const FxPassInfo *info) {
  MlirExternalPassCallbacks callbacks = {construct, destruct, initialize,
                                         clone, run};
  /* Dialects whose ops a lowering creates must be loaded before it runs. */
  MlirDialectHandle lowered[] = {
      mlirGetDialectHandle__func__(), mlirGetDialectHandle__memref__(),
      mlirGetDialectHandle__arith__(), mlirGetDialectHandle__scf__()};
  intptr_t numDialects = info->lowers ? 4 : 0;
  /* The row's address is unique, static and pointer-aligned: a TypeID. */
  return mlirCreateExternalPass(
      mlirTypeIDCreate(info), mlirStringRefCreateFromCString(info->name),
      mlirStringRefCreateFromCString(info->argument),
      mlirStringRefCreateFromCString(info->description),
      mlirStringRefCreateFromCString(info->anchor), numDialects, lowered,
      callbacks,
      (void *)info);
}

int fxGetNumPasses(void) { return kNumPasses; }

const char *fxGetPassArgument(int i) {
  return i >= 0 && i < kNumPasses ? kPasses[i].argument : NULL;
}

MlirPass fxCreatePassByArgument(const char *argument) {
  for (int i = 0; i < kNumPasses; ++i)
    if (strcmp(kPasses[i].argument, argument) == 0)
      return fxPassCreate(&kPasses[i]);
  return (MlirPass){NULL};
}

MlirPass fxCreateVerifyPass(void) {
  return fxCreatePassByArgument("fx-verify");
}

MlirPass fxCreateNoOpEliminationPass(void) {
  return fxCreatePassByArgument("fx-noop-elimination");
}

MlirPass fxCreateFixFunctionalizationPass(void) {
  return fxCreatePassByArgument("fx-fix-functionalization");
}

MlirPass fxCreateDeadCodePass(void) {
  return fxCreatePassByArgument("fx-dce");
}

void fxLocationString(MlirOperation op, char *out, size_t cap) {
  fxLocString(mlirOperationGetLocation(op), out, cap);
}

bool fxPassBegin(MlirOperation func, MlirExternalPass pass,
                 FxSchemaTable *table) {
  if (mlirLogicalResultIsSuccess(fxVerifyFunctionBeyondHook(func, table)))
    return true;
  mlirExternalPassSignalFailure(pass);
  return false;
}

/* The first op nested below a top-level op of `func` that touches fx
 * values (an fx op, or an fx tensor operand or result). */
typedef struct Nested {
  MlirOperation func, found;
  FxFunctionFacts *facts;
  MlirIdentifier funcCall, funcReturn; /* in the function's context */
} Nested;

static bool touchesFx(MlirOperation op) {
  if (fxOpGetKind(op) != FX_OP_NONE)
    return true;
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetOperand(op, i))))
      return true;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetResult(op, i))))
      return true;
  return false;
}

/* Notes `op`, of kind `kind` (fxOpGetKind: the entry block's ops have it
 * in their tags, FxBlockOps). */
static void note(Nested *n, MlirOperation op, FxOpKind kind) {
  FxFunctionFacts *f = n->facts;
  fxReturnedAliasesNote(&f->aliases, op, kind);
  f->hasFuncCalls |= kind == FX_OP_NONE &&
                     mlirIdentifierEqual(mlirOperationGetName(op), n->funcCall);
  if (f->each)
    f->each(op, f->eachData);
}

static MlirWalkResult findNested(MlirOperation op, void *userData) {
  Nested *n = userData;
  note(n, op, fxOpGetKind(op));
  MlirOperation parent = mlirOperationGetParentOperation(op);
  if (mlirOperationEqual(op, n->func) || mlirOperationIsNull(parent) ||
      mlirOperationEqual(parent, n->func) || !touchesFx(op))
    return MlirWalkResultAdvance;
  n->found = op;
  return MlirWalkResultInterrupt;
}

/* The walk of findNested over `func` in pre-order, which visits the ops of
 * the entry block in a loop and walks only those with regions: the generic
 * walk's callback and a parent check per op, in every pass run, were 1 %
 * of a pass's instructions with the verifier after it.  It keeps the entry
 * block's ops (facts->top); false when out of memory. */
static bool walkFunction(Nested *n) {
  note(n, n->func, fxOpGetKind(n->func));
  MlirBlock entry =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(n->func, 0));
  for (MlirOperation op = mlirBlockIsNull(entry)
                              ? (MlirOperation){NULL}
                              : mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op) && mlirOperationIsNull(n->found);
       op = mlirOperationGetNextInBlock(op)) {
    unsigned tag = fxBlockOpsTag(op, n->funcReturn);
    if (!fxBlockOpsPush(&n->facts->top, op, tag))
      return false;
    if (tag & FX_TAG_REGIONS)
      mlirOperationWalk(op, findNested, n, MlirWalkPreOrder);
    else
      note(n, op, (FxOpKind)((tag & FX_TAG_KIND) - 1));
  }
  return true;
}

void fxFunctionFactsFree(FxFunctionFacts *facts) {
  fxBlockOpsFree(&facts->top);
}

bool fxPassBeginRewrite(MlirOperation func, MlirExternalPass pass,
                        FxSchemaTable *table, FxFunctionFacts *facts) {
  facts->aliases = (FxReturnedAliases){table, false};
  facts->hasFuncCalls = false;
  facts->top = (FxBlockOps){NULL, NULL, 0, 0, 0, 0};
  if (!fxPassBegin(func, pass, table))
    return false;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirContext ctx = mlirOperationGetContext(func);
  Nested n = {func, {NULL}, facts,
              mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("func.call")),
              mlirIdentifierGet(ctx,
                                mlirStringRefCreateFromCString("func.return"))};
  if (!mlirBlockIsNull(entry) &&
      !mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
    n.found = func;
  else if (!walkFunction(&n)) {
    fxFunctionFactsFree(facts);
    mlirEmitError(mlirOperationGetLocation(func),
                  "fxir: out of memory in the pass's first walk");
    mlirExternalPassSignalFailure(pass);
    return false;
  }
  if (mlirOperationIsNull(n.found))
    return true;
  fxFunctionFactsFree(facts);
  /* Orders of execution in loops and branches are not program order: the
   * passes' "after" would be wrong.  FX graphs are straight-line code. */
  char msg[256];
  snprintf(msg, sizeof msg,
           "%s leaves this function unchanged: fx values are used inside "
           "control flow here, and it reasons about straight-line code only",
           facts->pass ? facts->pass : "this fx pass");
  fxEmitRemark(mlirOperationGetLocation(n.found), msg);
  return false;
}

static void registerAll(void) {
  for (int i = 0; i < kNumPasses; ++i)
    fxRegisterExternalPass(&kPasses[i]);
}

void fxRegisterPasses(void) {
  static once_flag once = ONCE_FLAG_INIT;
  call_once(&once, registerAll);
}
