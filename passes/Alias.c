/* Alias.c - storage aliasing facts the fx passes share (see Alias.h). */
#include "Alias.h"
#include "PtrMap.h"
#include "ValueStack.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An fx.call of one of torch's view ops (fx_builtins.def rows of impl
 * VIEW: aten::t, permute, select.int, as_strided, ...) on one tensor,
 * `self` (operand 0), with one result of its dtype.  A module cannot
 * redeclare a built-in op, so the name fixes the semantics: the result
 * views elements of `self` and nothing else (as_strided is kept within its
 * input, kernels/views.c).  Any other shape of call keeps the conservative
 * "returns an alias" treatment. */
static bool isTorchView(MlirOperation op, FxBuiltinImpl impl) {
  if (impl != FX_IMPL_VIEW ||
      mlirOperationGetNumResults(op) != 1 ||
      mlirOperationGetNumOperands(op) < 1)
    return false;
  MlirType in = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType out = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!fxTypeIsATensor(in) || !fxTypeIsATensor(out) ||
      !mlirTypeEqual(fxTensorTypeGetDtype(in), fxTensorTypeGetDtype(out)))
    return false;
  for (intptr_t i = 1, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetOperand(op, i))))
      return false;
  return true;
}

/* fxOpIsViewLike for an op of kind `k` (callers that know it). */
static bool viewLike(MlirOperation op, FxOpKind k) {
  if (k != FX_OP_CALL)
    return k == FX_OP_RESHAPE || k == FX_OP_VIEW || k == FX_OP_SLICE;
  return isTorchView(op, fxCallGetBuiltinImpl(op));
}

bool fxOpIsViewLike(MlirOperation op) { return viewLike(op, fxOpGetKind(op)); }

bool fxOpIsViewLikeOfKind(MlirOperation op, FxOpKind kind) {
  return viewLike(op, kind);
}

MlirStringRef fxOpDisplayName(MlirOperation op) {
  return fxOpGetKind(op) == FX_OP_CALL || fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED
             ? fxCallGetTarget(op)
             : mlirIdentifierStr(mlirOperationGetName(op));
}

MlirOperation fxViewMayRepeatLocations(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    /* A func.call's (or an unknown op's) result is whatever the callee
     * returns: an expand of its own, say (adversary round 12). */
    FxOpKind k = fxOpGetKind(def);
    if (k == FX_OP_NONE)
      return def;
    if (!viewLike(def, k))
      return (MlirOperation){NULL}; /* an fx op's own result: fresh */
    if (k == FX_OP_CALL) { /* a torch view: its row says */
      MlirStringRef t = fxCallGetTarget(def);
      if (!fxSchemaBuiltinView(t.data, t.length).distinctLocations)
        return def;
    }
    v = mlirOperationGetOperand(def, 0);
  }
  /* A function argument: donated ones are checked at the entry (runtime.md),
   * others are written in place only where the graph writes them back
   * (passes.md, rule (c)).  Another block's argument is what flows in. */
  return fxFunctionArgIndex(v) >= 0
             ? (MlirOperation){NULL}
             : mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
}

MlirValue fxStorageRoot(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!fxOpIsViewLike(def))
      break;
    v = mlirOperationGetOperand(def, 0);
  }
  return v;
}

/* fxCallWritesOperand of an op known to be an fx.call. */
static bool callWritesOperand(MlirOperation op, const FxSchema *schema,
                              intptr_t i) {
  if (!schema)
    return true;
  int p = fxCallGetOperandParam(op, schema, i);
  return p < 0 || schema->args[p].mutated;
}

bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema,
                         intptr_t i) {
  return fxOpGetKind(op) == FX_OP_CALL && callWritesOperand(op, schema, i);
}

/* Depth-first walk over `v` and the values derived from it by view-like ops,
 * calling `visit` on every use until it returns true. */
typedef bool (*UseVisitor)(MlirOpOperand use, void *userData);

/* Whether `visit` holds for a use of `v` or of a view of it, not looking
 * through `skip` (a value whose uses are not `v`'s; null: none). */
static bool anyUseExcept(MlirValue v, MlirValue skip, UseVisitor visit,
                         void *userData) {
  FxValueStack stack;
  fxValueStackInit(&stack);
  fxValueStackPush(&stack, v); /* (the first push fits in the record) */
  bool found = false;
  while (!fxValueStackEmpty(&stack) && !found) {
    MlirValue cur = fxValueStackPop(&stack);
    for (MlirOpOperand use = mlirValueGetFirstUse(cur);
         !mlirOpOperandIsNull(use) && !found;
         use = mlirOpOperandGetNextUse(use)) {
      found = visit(use, userData);
      MlirOperation owner = mlirOpOperandGetOwner(use);
      if (found || !fxOpIsViewLike(owner) ||
          (!mlirValueIsNull(skip) &&
           mlirValueEqual(mlirOperationGetResult(owner, 0), skip)))
        continue;
      if (!fxValueStackPush(&stack, mlirOperationGetResult(owner, 0))) {
        found = true; /* out of memory: answer "yes", the conservative side */
        break;
      }
    }
  }
  fxValueStackFree(&stack);
  return found;
}

static bool anyUse(MlirValue v, UseVisitor visit, void *userData) {
  return anyUseExcept(v, (MlirValue){NULL}, visit, userData);
}

typedef struct WriteQuery {
  MlirOperation after, found;
  FxSchemaTable *table;
} WriteQuery;

static bool isReturnOp(MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  return name.length == 11 && memcmp(name.data, "func.return", 11) == 0;
}

bool fxUseWrites(MlirOpOperand use, FxSchemaTable *table) {
  return fxUseWritesOfKind(use, fxOpGetKind(mlirOpOperandGetOwner(use)),
                           table);
}

bool fxUseWritesOfKind(MlirOpOperand use, FxOpKind ownerKind,
                       FxSchemaTable *table) {
  MlirOperation owner = mlirOpOperandGetOwner(use);
  switch (ownerKind) {
  case FX_OP_CALL:
    return callWritesOperand(owner,
                             fxSchemaTableLookupCall(table, owner, NULL),
                             mlirOpOperandGetOperandNumber(use));
  case FX_OP_NONE:
    return !isReturnOp(owner); /* an op we do not know may write */
  default:
    return false;
  }
}

static bool isLaterWrite(MlirOpOperand use, void *userData) {
  WriteQuery *q = userData;
  MlirOperation owner = mlirOpOperandGetOwner(use);
  if (!fxUseWrites(use, q->table))
    return false;
  bool sameBlock = mlirBlockEqual(mlirOperationGetBlock(owner),
                                  mlirOperationGetBlock(q->after));
  if (sameBlock && !mlirOperationIsBeforeInBlock(q->after, owner))
    return false;
  q->found = owner;
  return true;
}

MlirOperation fxFindWriteAfter(MlirValue v, MlirOperation after,
                               FxSchemaTable *table) {
  WriteQuery q = {after, {NULL}, table};
  anyUse(v, isLaterWrite, &q);
  return q.found;
}

static bool hasTensorValue(MlirOperation op, bool results) {
  intptr_t n = results ? mlirOperationGetNumResults(op)
                       : mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue v = results ? mlirOperationGetResult(op, i)
                          : mlirOperationGetOperand(op, i);
    if (fxTypeIsATensor(mlirValueGetType(v)))
      return true;
  }
  return false;
}

static int numTensorResults(MlirOperation op) {
  int n = 0;
  for (intptr_t i = 0, e = mlirOperationGetNumResults(op); i < e; ++i)
    n += fxTypeIsATensor(mlirValueGetType(mlirOperationGetResult(op, i)));
  return n;
}

/* Whether `op` may return an alias of one of its operands, or two results
 * that alias each other: a call-like op whose schema says so
 * (aten::copy_'s Tensor(a!)), an fx.call without a schema (it may do
 * anything), or an op fxir does not know that returns tensors and takes
 * one, or returns two (func.call: the callee may return its argument, or
 * one tensor twice -- round 10, F4: `@mk() -> (%e, %e)`). */
static bool returnsAlias(MlirOperation op, FxOpKind k, const FxSchema *s) {
  if (k == FX_OP_NONE)
    return numTensorResults(op) > 1 ||
           (hasTensorValue(op, true) && hasTensorValue(op, false));
  if (k != FX_OP_CALL && k != FX_OP_AUTO_FUNCTIONALIZED)
    return false;
  if (!s)
    return k == FX_OP_CALL && hasTensorValue(op, true);
  for (int i = 0; i < s->numReturns; ++i)
    if (s->returns[i].alias[0])
      return true;
  return false;
}

/* The schema of a call-like op and its target's built-in implementation,
 * from one read of the target and one lookup (every pass asks this of
 * every op); NULL and FX_IMPL_NONE for other ops. */
static const FxSchema *schemaOf(MlirOperation op, FxOpKind k,
                                FxSchemaTable *table, FxBuiltinImpl *impl) {
  *impl = FX_IMPL_NONE;
  return k == FX_OP_CALL || k == FX_OP_AUTO_FUNCTIONALIZED
             ? fxSchemaTableLookupCall(table, op, impl)
             : NULL;
}

bool fxOpReturnsAlias(MlirOperation op, FxSchemaTable *table) {
  FxOpKind k = fxOpGetKind(op);
  FxBuiltinImpl impl;
  return returnsAlias(op, k, schemaOf(op, k, table, &impl));
}

/* An alias the storage model does not follow: fxOpReturnsAlias less the
 * views it does (fxOpIsViewLike). */
static bool returnsUntrackedAliasOfKind(MlirOperation op, FxOpKind k,
                                        FxSchemaTable *table) {
  if (k == FX_OP_RESHAPE || k == FX_OP_VIEW || k == FX_OP_SLICE)
    return false;
  FxBuiltinImpl impl;
  const FxSchema *s = schemaOf(op, k, table, &impl);
  return !(k == FX_OP_CALL && isTorchView(op, impl)) && returnsAlias(op, k, s);
}

static bool returnsUntrackedAlias(MlirOperation op, FxSchemaTable *table) {
  return returnsUntrackedAliasOfKind(op, fxOpGetKind(op), table);
}

bool fxUseMayComeBack(MlirOpOperand use, FxSchemaTable *table) {
  MlirOperation owner = mlirOpOperandGetOwner(use);
  FxOpKind k = fxOpGetKind(owner);
  if (viewLike(owner, k))
    return false; /* a view: the storage model follows it */
  const FxSchema *s = k == FX_OP_CALL || k == FX_OP_AUTO_FUNCTIONALIZED
                          ? fxSchemaTableLookupCall(table, owner, NULL)
                          : NULL;
  if (!s)
    return fxOpReturnsAlias(owner, table);
  int p = fxCallGetOperandParam(owner, s, mlirOpOperandGetOperandNumber(use));
  if (p < 0 || !s->args[p].alias[0])
    return false;
  for (int i = 0; i < s->numReturns; ++i)
    if (!strcmp(s->returns[i].alias, s->args[p].alias))
      return true;
  return false;
}

typedef struct AliasQuery {
  FxSchemaTable *table;
  MlirOperation exempt;
} AliasQuery;

static bool isAliasingCall(MlirOpOperand use, void *userData) {
  AliasQuery *q = userData;
  MlirOperation owner = mlirOpOperandGetOwner(use);
  if (!mlirOperationIsNull(q->exempt) && mlirOperationEqual(owner, q->exempt))
    return false;
  return returnsUntrackedAlias(owner, q->table);
}

void fxReturnedAliasesNote(FxReturnedAliases *aliases, MlirOperation op,
                           FxOpKind kind) {
  if (!aliases->any)
    aliases->any = returnsUntrackedAliasOfKind(op, kind, aliases->table);
}

bool fxHasReturnedAlias(const FxReturnedAliases *aliases, MlirValue root,
                        MlirOperation exempt) {
  if (!aliases->any)
    return false;
  if (mlirValueIsAOpResult(root) &&
      returnsUntrackedAlias(mlirOpResultGetOwner(root), aliases->table))
    return true;
  AliasQuery q = {aliases->table, exempt};
  return anyUse(root, isAliasingCall, &q);
}

static bool mayComeBack(MlirOpOperand use, void *userData) {
  return fxUseMayComeBack(use, userData);
}

bool fxMayComeBackThrough(const FxReturnedAliases *aliases, MlirValue v) {
  return aliases->any && anyUse(v, mayComeBack, aliases->table);
}

static bool isReturn(MlirOpOperand use, void *userData) {
  return isReturnOp(mlirOpOperandGetOwner(use));
}

bool fxReachesReturn(MlirValue v) { return anyUse(v, isReturn, NULL); }

bool fxReachesReturnExcept(MlirValue v, MlirValue except) {
  if (!mlirValueIsNull(except) && mlirValueEqual(v, except))
    return false;
  return anyUseExcept(v, except, isReturn, NULL);
}

intptr_t fxFunctionArgIndex(MlirValue v) {
  if (!mlirValueIsABlockArgument(v))
    return -1;
  MlirBlock block = mlirBlockArgumentGetOwner(v);
  MlirOperation parent = mlirBlockGetParentOperation(block);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(parent));
  if (name.length != 9 || memcmp(name.data, "func.func", 9) != 0 ||
      !mlirBlockEqual(block, mlirRegionGetFirstBlock(
                                 mlirOperationGetRegion(parent, 0))))
    return -1; /* another block's argument is whatever flows into it */
  return mlirBlockArgumentGetArgNumber(v);
}

/*===-- Reads after an op --------------------------------------------------===*/

bool fxIsAfter(MlirOperation call, MlirOperation user) {
  if (mlirOperationEqual(call, user))
    return false;
  if (!mlirBlockEqual(mlirOperationGetBlock(call), mlirOperationGetBlock(user)))
    return true;
  return mlirOperationIsBeforeInBlock(call, user);
}

/* One value being walked: its region, the written region it may see (both
 * in the coordinates of its root), and the next use to look at.  Written
 * regions change only at scatters, so frames share them by index. */
typedef struct Frame {
  MlirValue value;
  MlirOpOperand next;
  int written;
  const char *maybe; /* why `value` was counted as overlapping, if unsure */
  FxRegion view;
} Frame;

typedef struct Walk {
  Frame *frames;
  size_t numFrames, capFrames;
  FxRegion *written;
  size_t numWritten, capWritten;
} Walk;

/* Frames and written regions hold a 9 KB FxRegion each: start with room
 * for 4 (most walks need one or two), so that a walk's arrays stay below
 * malloc's mmap threshold.  Sixteen (two 147 KB arrays per walk) made
 * every walk map, fault in and unmap fresh pages: fx-dce took 24 ms of
 * wall time on 100 layers for 3 ms of instructions. */
enum { kFirstRecords = 4 };

static Frame *pushFrame(Walk *w, MlirValue value, int written,
                        const char *maybe) {
  if (!fxArrayReserve((void **)&w->frames, w->numFrames, &w->capFrames,
                      sizeof *w->frames, kFirstRecords))
    return NULL;
  Frame *f = &w->frames[w->numFrames++];
  f->value = value;
  f->next = mlirValueGetFirstUse(value);
  f->written = written;
  f->maybe = maybe;
  return f;
}

static int pushWritten(Walk *w, const FxRegion *r) {
  if (!fxArrayReserve((void **)&w->written, w->numWritten, &w->capWritten,
                      sizeof *w->written, kFirstRecords))
    return -1;
  fxRegionCopy(&w->written[w->numWritten], r);
  return (int)w->numWritten++;
}

/* What a slice_scatter whose base is frame `f` leaves of the written region
 * in its result; -2 when nothing (it overwrites all of it), -1 when out of
 * memory. */
static int scatterThrough(Walk *w, const Frame *f, MlirOperation scatter) {
  MlirValue result = mlirOperationGetResult(scatter, 0);
  FxRegion carried, over;
  fxRegionPreimage(&f->view, &w->written[f->written], result, &carried);
  fxRegionOfScatter(&over, scatter);
  if (fxRegionContains(&over, &carried, NULL) == FX_YES)
    return -2;
  return pushWritten(w, &carried);
}

/* Whether `use` is the `self` operand of `exempt` (an aten::copy_ that
 * writes the storage back): that operand is written, not read.  Its `src`
 * still reads (copy_(r, r), or a src that views r, reads r's contents). */
static bool isExemptUse(MlirOpOperand use, MlirOperation exempt) {
  if (mlirOperationIsNull(exempt) ||
      !mlirOperationEqual(mlirOpOperandGetOwner(use), exempt))
    return false;
  MlirAttribute names = mlirOperationGetAttributeByName(
      exempt, mlirStringRefCreateFromCString("arg_names"));
  intptr_t i = mlirOpOperandGetOperandNumber(use);
  if (mlirAttributeIsNull(names) || !mlirAttributeIsAArray(names) ||
      i >= mlirArrayAttrGetNumElements(names))
    return false;
  MlirAttribute name = mlirArrayAttrGetElement(names, i);
  return mlirAttributeIsAString(name) &&
         mlirStringRefEqual(mlirStringAttrGetValue(name),
                            mlirStringRefCreateFromCString("self"));
}

FxReader fxFindReadAfter(MlirValue root, const FxRegion *written,
                         MlirOperation after, MlirOperation exempt) {
  FxReader reader = {{NULL}, NULL};
  if (written->empty)
    return reader;
  Walk w = {NULL, 0, 0, NULL, 0, 0};
  Frame *top = NULL;
  int first = pushWritten(&w, written);
  if (first >= 0 && (top = pushFrame(&w, root, first, NULL)))
    fxRegionInitRoot(&top->view, root);
  if (!top) { /* out of memory: say "read", the conservative answer */
    reader.op = after;
    reader.why = "out of memory";
  }
  while (w.numFrames && mlirOperationIsNull(reader.op)) {
    Frame *f = &w.frames[w.numFrames - 1];
    if (mlirOpOperandIsNull(f->next)) {
      --w.numFrames;
      continue;
    }
    MlirOpOperand use = f->next;
    f->next = mlirOpOperandGetNextUse(use);
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (fxOpIsViewLike(user)) {
      /* Views are not reads; what reads them is.  Disjoint ones see
       * nothing that was written; their uses may lie after `after` even
       * when they do not. */
      FxRegion view;
      fxRegionCopy(&view, &f->view);
      fxRegionApplyView(&view, user);
      const char *why = NULL;
      FxAnswer a = fxRegionOverlap(&view, &w.written[f->written], &why);
      if (a == FX_NO)
        continue;
      int written = f->written; /* (f moves when frames grow) */
      Frame *child = pushFrame(&w, mlirOperationGetResult(user, 0), written,
                               a == FX_MAYBE ? why : NULL);
      if (!child) {
        reader = (FxReader){user, "out of memory"};
        break;
      }
      fxRegionCopy(&child->view, &view);
      continue;
    }
    if (!fxIsAfter(after, user) || isExemptUse(use, exempt))
      continue;
    if (fxOpGetKind(user) == FX_OP_SLICE_SCATTER &&
        mlirOpOperandGetOperandNumber(use) == 0) {
      const char *maybe = f->maybe;
      int carried = scatterThrough(&w, f, user);
      if (carried == -2)
        continue;
      if (carried >= 0 && w.written[carried].why)
        maybe = w.written[carried].why;
      Frame *child =
          carried < 0 ? NULL
                      : pushFrame(&w, mlirOperationGetResult(user, 0), carried,
                                  maybe);
      if (!child) {
        reader = (FxReader){user, "out of memory"};
        break;
      }
      fxRegionInitRoot(&child->view, child->value);
      continue;
    }
    reader = (FxReader){user, f->maybe}; /* any other use reads */
  }
  free(w.frames);
  free(w.written);
  return reader;
}
