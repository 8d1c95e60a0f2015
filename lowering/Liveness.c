/* Liveness.c - when the storage the lowering allocates can be freed.
 *
 * The lowering gives new storage (fxrt_alloc) to the results of calls,
 * clones, slice_scatters and the copies an auto_functionalized works on;
 * views of it (fx.view, fx.slice, a reshape, torch's view ops) share it.
 * So the unit that lives and dies is a *group*: the values joined, through
 * every op whose results may alias its operands, by union-find.  A group
 * dies after the last top-level op that uses any of its values, and its
 * storage is freed there (fxrt_free) — unless the group holds a function
 * argument (the caller's) or reaches func.return (the caller's next).
 *
 * Why this is sound: a value can only reach storage of its own group (an
 * op that may return an alias of an operand joins them; every other op's
 * results are new storage the lowering makes), and after the group's last
 * use no op names any of its values.  Which ops may alias: fx.view,
 * fx.slice and fx.reshape; an fx.call or auto_functionalized whose schema
 * returns an alias (aten::copy_, aten::t, ...), that the lowering lowers
 * as a view (aten::_unsafe_view has no alias annotation), or that has no
 * schema; and every other op that returns tensors (func.call: the callee
 * may return an argument, or one tensor twice, so its results are joined
 * to each other too).
 *
 * Where the body is not one block, or a tensor is used inside a nested
 * region, the last use is not a position in one list: nothing is freed
 * early there (fxLivenessIsPrecise says so; the lowering emits a remark).
 */
#include "Lower.h"
#include "Alias.h"
#include "PtrMap.h"
#include "fxir/FxSchema.h"

#include <stdlib.h>

struct FxLiveness {
  bool precise;
  bool nestedTensors;   /* a nested region makes tensors (never freed) */
  intptr_t numOps, numValues;
  MlirOperation *ops;   /* the top-level ops, in order               */
  FxPtrMap opIndex;     /* op -> position                            */
  FxPtrMap valueId;     /* tensor value -> id                        */
  intptr_t *parent;     /* union-find over ids                       */
  intptr_t *defIndex;   /* position of the defining op; -1: argument */
  intptr_t *last;       /* per root: the last position that uses it  */
  bool *pinned;         /* per root: an argument's or returned       */
  bool *allocates;      /* per id: its defining op may allocate      */
  bool *counted;        /* per id: new storage of the lowering (the bound) */
  MlirValue *values;    /* per id                                    */
  MlirValue *memrefs;   /* per id: the lowered value (fxPublish)     */
  /* The ids that die after position k, freed there, are
   * dying[dyingStart[k] .. dyingStart[k + 1]) (a counting sort by
   * position: a scan of every value per op would be quadratic). */
  intptr_t *dying, *dyingStart;
};

static intptr_t find(FxLiveness *l, intptr_t i) {
  while (l->parent[i] != i)
    i = l->parent[i] = l->parent[l->parent[i]];
  return i;
}

static void join(FxLiveness *l, intptr_t a, intptr_t b) {
  a = find(l, a), b = find(l, b);
  if (a != b)
    l->parent[a] = b;
}

static intptr_t idOf(const FxLiveness *l, MlirValue v) {
  intptr_t id;
  return fxPtrMapGet(&l->valueId, v.ptr, &id) ? id : -1;
}

static bool isTensor(MlirValue v) { return fxTypeIsATensor(mlirValueGetType(v)); }

/* How the lowering treats `op`'s results: whether they may alias its
 * operands; whether it allocates them (fxAllocTensor: counted by
 * fxLivenessGetBound); whether they may hold storage of their own all the
 * same (a reshape that copies at run time, a callee's new tensor), which
 * fxrt_free then frees with the group (it frees only what fxrt_alloc
 * returned, once). */
typedef struct OpFacts {
  bool aliases, allocates, mayAllocate;
  int sharedReturns; /* leading results that are not new even so */
} OpFacts;

static OpFacts factsOf(MlirOperation op, FxSchemaTable *table) {
  switch (fxOpGetKind(op)) {
  case FX_OP_VIEW:
  case FX_OP_SLICE:
    return (OpFacts){true, false, false, 0};
  case FX_OP_RESHAPE: /* a view, or a copy fxrt_reshape makes at run time */
    return (OpFacts){true, false, true, 0};
  case FX_OP_SLICE_SCATTER:
    return (OpFacts){false, true, true, 0};
  case FX_OP_AUTO_FUNCTIONALIZED: {
    /* Its results: the schema's returns, then the copies it writes.  A
     * copy_ returns its `self` copy and a view op a view: those returns
     * are storage of the copies (LowerCalls.c), not new. */
    MlirStringRef t = fxCallGetTarget(op);
    FxBuiltinImpl impl = fxSchemaBuiltinImpl(t.data, t.length);
    const FxSchema *s = fxSchemaTableLookup(table, t);
    int returns = 0;
    for (int i = 0; s && i < s->numReturns; ++i)
      returns += s->returns[i].kind == FX_ARG_TENSOR;
    bool shared = impl == FX_IMPL_COPY || impl == FX_IMPL_VIEW;
    return (OpFacts){fxOpReturnsAlias(op, table), true, true, shared ? returns : 0};
  }
  case FX_OP_CALL: {
    MlirStringRef t = fxCallGetTarget(op);
    FxBuiltinImpl impl = fxSchemaBuiltinImpl(t.data, t.length);
    bool fresh = impl != FX_IMPL_VIEW && impl != FX_IMPL_COPY;
    return (OpFacts){!fresh || fxOpReturnsAlias(op, table), fresh, fresh, 0};
  }
  default: /* func.call and anything else: may return an operand */
    return (OpFacts){true, false, true, 0};
  }
}

static MlirWalkResult findTensorResult(MlirOperation op, void *userData) {
  for (intptr_t r = 0, n = mlirOperationGetNumResults(op); r < n; ++r)
    if (isTensor(mlirOperationGetResult(op, r))) {
      *(bool *)userData = true;
      return MlirWalkResultInterrupt;
    }
  return MlirWalkResultAdvance;
}

/* Whether an op nested in `op`'s regions has a tensor result. */
static bool makesNestedTensors(MlirOperation op) {
  bool found = false;
  for (intptr_t i = 0, n = mlirOperationGetNumRegions(op); i < n && !found; ++i)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
         !mlirBlockIsNull(b) && !found; b = mlirBlockGetNextInRegion(b))
      for (MlirOperation o = mlirBlockGetFirstOperation(b);
           !mlirOperationIsNull(o) && !found; o = mlirOperationGetNextInBlock(o))
        mlirOperationWalk(o, findTensorResult, &found, MlirWalkPreOrder);
  return found;
}

/* Whether value `id`'s group dies (and is freed) after position k. */
static bool diesAt(FxLiveness *l, intptr_t id, intptr_t k) {
  intptr_t root = find(l, id);
  return l->precise && !l->pinned[root] && l->last[root] == k;
}

void fxLivenessDestroy(FxLiveness *l) {
  if (!l)
    return;
  fxPtrMapFree(&l->opIndex);
  fxPtrMapFree(&l->valueId);
  free(l->ops);
  free(l->parent);
  free(l->defIndex);
  free(l->last);
  free(l->pinned);
  free(l->allocates);
  free(l->counted);
  free(l->values);
  free(l->memrefs);
  free(l->dying);
  free(l->dyingStart);
  free(l);
}

static bool addValue(FxLiveness *l, MlirValue v, intptr_t def, bool allocates) {
  intptr_t id = l->numValues++;
  l->parent[id] = id;
  l->defIndex[id] = def;
  l->last[id] = def < 0 ? 0 : def;
  l->pinned[id] = def < 0;
  l->allocates[id] = allocates;
  l->values[id] = v;
  l->memrefs[id] = (MlirValue){NULL};
  return fxPtrMapPut(&l->valueId, v.ptr, id);
}

FxLiveness *fxLivenessCreate(MlirOperation func) {
  FxLiveness *l = calloc(1, sizeof *l);
  if (!l)
    return NULL;
  MlirRegion body = mlirOperationGetRegion(func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(body);
  l->precise = true;
  if (mlirBlockIsNull(entry)) /* a declaration: nothing to free */
    return l;
  l->precise = mlirBlockIsNull(mlirBlockGetNextInRegion(entry));
  intptr_t nOps = 0, nValues = mlirBlockGetNumArguments(entry);
  for (MlirOperation op = mlirBlockGetFirstOperation(entry); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++nOps)
    nValues += mlirOperationGetNumResults(op);
  l->ops = malloc((size_t)(nOps + 1) * sizeof *l->ops);
  size_t nv = (size_t)nValues + 1;
  l->counted = calloc(nv, sizeof *l->counted);
  l->parent = malloc(nv * sizeof *l->parent);
  l->defIndex = malloc(nv * sizeof *l->defIndex);
  l->last = malloc(nv * sizeof *l->last);
  l->pinned = malloc(nv * sizeof *l->pinned);
  l->allocates = malloc(nv * sizeof *l->allocates);
  l->values = malloc(nv * sizeof *l->values);
  l->memrefs = malloc(nv * sizeof *l->memrefs);
  FxSchemaTable *table = fxSchemaTableCreate(func);
  if (!l->ops || !l->counted || !l->parent || !l->defIndex || !l->last ||
      !l->pinned || !l->allocates || !l->values || !l->memrefs || !table ||
      !fxPtrMapInitFor(&l->opIndex, (size_t)nOps) ||
      !fxPtrMapInitFor(&l->valueId, (size_t)nValues))
    goto oom;
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(entry); i < n; ++i) {
    MlirValue a = mlirBlockGetArgument(entry, i);
    if (isTensor(a) && !addValue(l, a, -1, false))
      goto oom;
  }
  /* Groups: every op that may return an alias joins its tensors. */
  for (MlirOperation op = mlirBlockGetFirstOperation(entry); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    intptr_t k = l->numOps++;
    l->ops[k] = op;
    if (!fxPtrMapPut(&l->opIndex, op.ptr, k))
      goto oom;
    OpFacts f = factsOf(op, table);
    if (mlirOperationGetNumRegions(op) && makesNestedTensors(op))
      l->nestedTensors = true;
    intptr_t firstResult = -1;
    int tensorIndex = 0;
    for (intptr_t r = 0, n = mlirOperationGetNumResults(op); r < n; ++r) {
      MlirValue v = mlirOperationGetResult(op, r);
      if (!isTensor(v))
        continue;
      if (firstResult < 0)
        firstResult = l->numValues;
      l->counted[l->numValues] = f.allocates && tensorIndex++ >= f.sharedReturns;
      if (!addValue(l, v, k, f.mayAllocate))
        goto oom;
    }
    if (!f.aliases || firstResult < 0)
      continue;
    /* Its results may be one storage too (a callee returning a tensor
     * twice), operands or not. */
    for (intptr_t r = firstResult + 1; r < l->numValues; ++r)
      join(l, firstResult, r);
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
      intptr_t id = idOf(l, mlirOperationGetOperand(op, i));
      if (id >= 0)
        for (intptr_t r = firstResult; r < l->numValues; ++r)
          join(l, id, r);
    }
  }
  /* Per root: the last use, and whether it is pinned.  A use by an op
   * that is not a top-level op is inside a nested region: no last use is a
   * point of the body then. */
  MlirOperation terminator = mlirBlockGetTerminator(entry);
  for (intptr_t id = 0; id < l->numValues; ++id) {
    intptr_t root = find(l, id), last = l->defIndex[id] < 0 ? 0 : l->defIndex[id];
    for (MlirOpOperand u = mlirValueGetFirstUse(l->values[id]); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      MlirOperation owner = mlirOpOperandGetOwner(u);
      intptr_t at;
      if (!fxPtrMapGet(&l->opIndex, owner.ptr, &at)) {
        l->precise = false;
        continue;
      }
      if (at > last)
        last = at;
      if (mlirOperationEqual(owner, terminator))
        l->pinned[root] = true; /* returned */
    }
    if (l->defIndex[id] < 0)
      l->pinned[root] = true;
    if (last > l->last[root])
      l->last[root] = last;
  }
  fxSchemaTableDestroy(table);
  l->dying = malloc((size_t)(l->numValues + 1) * sizeof *l->dying);
  l->dyingStart = calloc((size_t)l->numOps + 2, sizeof *l->dyingStart);
  if (!l->dying || !l->dyingStart) {
    fxLivenessDestroy(l);
    return NULL;
  }
  for (intptr_t id = 0; id < l->numValues; ++id)
    if (diesAt(l, id, l->last[find(l, id)]))
      l->dyingStart[l->last[find(l, id)] + 1]++;
  for (intptr_t k = 0; k < l->numOps; ++k)
    l->dyingStart[k + 1] += l->dyingStart[k];
  intptr_t *fill = calloc((size_t)l->numOps + 1, sizeof *fill);
  if (!fill) {
    fxLivenessDestroy(l);
    return NULL;
  }
  for (intptr_t id = 0; id < l->numValues; ++id) {
    intptr_t k = l->last[find(l, id)];
    if (diesAt(l, id, k))
      l->dying[l->dyingStart[k] + fill[k]++] = id;
  }
  free(fill);
  return l;
oom:
  fxSchemaTableDestroy(table);
  fxLivenessDestroy(l);
  return NULL;
}

bool fxLivenessIsPrecise(const FxLiveness *l) { return l->precise; }

bool fxLivenessHasNestedTensors(const FxLiveness *l) { return l->nestedTensors; }

void fxLivenessRecordMemRef(FxLiveness *l, MlirValue fxValue, MlirValue memref) {
  intptr_t id = idOf(l, fxValue);
  if (id >= 0)
    l->memrefs[id] = memref;
}

intptr_t fxLivenessGetDying(FxLiveness *l, MlirOperation op, MlirValue *out,
                            intptr_t cap) {
  intptr_t k, n = 0;
  if (!fxPtrMapGet(&l->opIndex, op.ptr, &k))
    return 0;
  for (intptr_t i = l->dyingStart[k]; i < l->dyingStart[k + 1]; ++i) {
    intptr_t id = l->dying[i];
    if (!l->allocates[id] || mlirValueIsNull(l->memrefs[id]))
      continue; /* a view: its group's storage is freed through the others */
    if (n < cap)
      out[n] = l->memrefs[id];
    ++n;
  }
  return n;
}

bool fxLivenessGetBound(FxLiveness *l,
                        bool (*bytesOf)(void *user, MlirType t, int64_t *bytes),
                        void *user, int64_t *bound) {
  int64_t live = 0, peak = 0;
  int64_t *groupBytes = calloc((size_t)l->numValues + 1, sizeof *groupBytes);
  if (!groupBytes)
    return false;
  intptr_t id = 0; /* ids are numbered in op order, arguments first */
  while (id < l->numValues && l->defIndex[id] < 0)
    ++id;
  for (intptr_t k = 0; k < l->numOps; ++k) {
    /* What op k allocates is live while it runs, beside its operands. */
    for (; id < l->numValues && l->defIndex[id] == k; ++id) {
      int64_t b;
      if (!l->counted[id])
        continue;
      if (!bytesOf(user, mlirValueGetType(l->values[id]), &b)) {
        free(groupBytes);
        return false;
      }
      groupBytes[find(l, id)] += b;
      live += b;
    }
    if (live > peak)
      peak = live;
    for (intptr_t i = l->dyingStart[k]; i < l->dyingStart[k + 1]; ++i) {
      intptr_t root = find(l, l->dying[i]);
      live -= groupBytes[root];
      groupBytes[root] = 0;
    }
  }
  free(groupBytes);
  *bound = peak;
  return true;
}
