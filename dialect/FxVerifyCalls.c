/* FxVerifyCalls.c - calls between fx functions keep the passes' contract.
 *
 * The passes treat each function argument as storage of its own: a write
 * into one argument is never a read or write of another (docs/passes.md,
 * "Storage and regions").  That is the contract of a post-grad graph's
 * inputs, and what fx-run and the AOT example pass.  Where a caller is
 * visible, a `func.call` that passes one storage (a value, or views of one
 * root) as two tensor arguments breaks it, so it is an error at the call
 * (the caller must clone one of them).  Likewise a parameter marked
 * `fx.donated` is one the callee may write in place: the caller must own
 * what it passes there and never look at it again, so passing (a view of)
 * a non-donated argument of the caller, or storage the caller uses after
 * the call, is an error too. */
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <string.h>

bool fxOpIsFuncCall(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 9 && memcmp(n.data, "func.call", 9) == 0;
}

/* The func.func named by call `op`'s callee in the nearest enclosing
 * module (a nested module is its own symbol table: D3). */
MlirOperation fxFuncCallGetCallee(MlirOperation op) {
  MlirAttribute callee = mlirOperationGetAttributeByName(op, fxStr("callee"));
  if (mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee))
    return (MlirOperation){NULL};
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(callee);
  MlirOperation m = fxEnclosingModule(op);
  if (mlirOperationIsNull(m))
    return (MlirOperation){NULL};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(m, 0));
  for (MlirOperation f = mlirBlockIsNull(body) ? (MlirOperation){NULL}
                                               : mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    MlirAttribute sym = mlirOperationGetAttributeByName(f, fxStr("sym_name"));
    if (!mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
        mlirStringRefEqual(mlirStringAttrGetValue(sym), name))
      return f;
  }
  return (MlirOperation){NULL};
}

/* The storage roots `v` may share: walking up fx.slice / fx.reshape /
 * fx.view, and through an op that may return an alias of an operand to
 * those operands -- a schema return with an alias set (aten::copy_'s
 * self); an fx.call without a schema, a func.call or an op fxir does not
 * know: every tensor operand.  The callee's body is not looked at: function
 * passes may be rewriting it on another thread.  Storage such an unknown op
 * may create is one root per op (its result 0), so two of its results may
 * be one buffer.  Bounded (kMaxRoots roots, kMaxSteps values walked,
 * kMaxDepth nested branches), then `all`: may share anything. */
enum { kMaxRoots = 16, kMaxSteps = 4096, kMaxDepth = 256 };

typedef struct Roots {
  int n;
  int steps; /* values visited: a diamond of aliasing ops would otherwise be
                walked once per path */
  bool all;  /* too many to list or to walk: may share anything */
  const char *why; /* why `all`, for the message */
  MlirValue v[kMaxRoots];
} Roots;

static const char *kOtherBlock =
    "values that flow between blocks (another block's argument, what an op "
    "with regions yields)";

static void addRoot(Roots *r, MlirValue v) {
  for (int i = 0; i < r->n; ++i)
    if (mlirValueEqual(r->v[i], v))
      return;
  if (r->n == kMaxRoots)
    r->all = true;
  else
    r->v[r->n++] = v;
}

/* Whether `def`, an op that is not a view, may return an alias of its
 * operand `i` (in result `res`, or in any result when res < 0). */
static bool mayReturnOperand(MlirOperation def, intptr_t res, intptr_t i,
                             FxSchemaTable *table) {
  MlirValue o = mlirOperationGetOperand(def, i);
  if (!fxTypeIsATensor(mlirValueGetType(o)))
    return false;
  FxOpKind k = fxOpGetKind(def);
  if (k == FX_OP_NONE)
    return true;
  /* An auto_functionalized copies what it mutates: its results are fresh
   * (an aliasing return is the new value: opaqueResults, D4). */
  if (k != FX_OP_CALL)
    return false;
  const FxSchema *s = fxSchemaTableLookupCall(table, def, NULL);
  if (!s)
    return k == FX_OP_CALL;
  int p = fxCallGetOperandParam(def, s, i);
  if (p < 0 || !s->args[p].alias[0])
    return false;
  intptr_t seen = 0; /* result number -> the tensor return */
  for (int t = 0; t < s->numReturns; ++t) {
    if (s->returns[t].kind != FX_ARG_TENSOR)
      continue;
    if ((res < 0 || seen == res) &&
        !strcmp(s->args[p].alias, s->returns[t].alias))
      return true;
    ++seen;
  }
  return false;
}

/* Whether `def` may create storage its results share with nothing of the
 * caller's yet may share among themselves (an op fxir knows nothing of). */
static bool opaqueResults(MlirOperation def, FxSchemaTable *table) {
  FxOpKind k = fxOpGetKind(def);
  if (k == FX_OP_NONE)
    return true;
  if (k != FX_OP_CALL && k != FX_OP_AUTO_FUNCTIONALIZED)
    return false;
  const FxSchema *s = fxSchemaTableLookupCall(table, def, NULL);
  if (!s)
    return true;
  /* An auto_functionalized whose op returns an alias (copy_'s self)
   * returns that alias as the new value too: one buffer, two results. */
  if (k == FX_OP_AUTO_FUNCTIONALIZED)
    for (int i = 0; i < s->numReturns; ++i)
      if (s->returns[i].alias[0])
        return true;
  return false;
}

static void addRoots(Roots *r, MlirValue v, FxSchemaTable *table, int depth) {
  for (;;) {
    if (r->all)
      return;
    if (++r->steps > kMaxSteps || depth > kMaxDepth) {
      r->all = true;
      return;
    }
    if (!mlirValueIsAOpResult(v)) {
      /* Another block's argument is whatever flows into it (E6). */
      MlirBlock block = mlirBlockArgumentGetOwner(v);
      MlirOperation parent = mlirBlockGetParentOperation(block);
      if (mlirOperationIsNull(parent) ||
          !fxStrEq(mlirIdentifierStr(mlirOperationGetName(parent)),
                   "func.func") ||
          !mlirBlockEqual(block, mlirRegionGetFirstBlock(
                                     mlirOperationGetRegion(parent, 0)))) {
        r->all = true;
        r->why = kOtherBlock;
        return;
      }
      break;
    }
    MlirOperation def = mlirOpResultGetOwner(v);
    FxOpKind k = fxOpGetKind(def);
    /* An op with regions (scf.if, scf.for) yields values from inside them:
     * anything (E4). */
    if (mlirOperationGetNumRegions(def) > 0) {
      r->all = true;
      r->why = kOtherBlock;
      return;
    }
    if (k == FX_OP_SLICE || k == FX_OP_RESHAPE || k == FX_OP_VIEW) {
      v = mlirOperationGetOperand(def, 0);
      continue;
    }
    intptr_t res = mlirOpResultGetResultNumber(v), only = -1, count = 0;
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(def); i < n; ++i)
      if (mayReturnOperand(def, res, i, table))
        only = i, ++count;
    if (opaqueResults(def, table))
      v = mlirOperationGetResult(def, 0);
    else if (count == 1) { /* a chain (copy_ after copy_): no recursion */
      v = mlirOperationGetOperand(def, only);
      continue;
    }
    if (count)
      for (intptr_t i = 0, n = mlirOperationGetNumOperands(def); i < n; ++i)
        if (mayReturnOperand(def, res, i, table))
          addRoots(r, mlirOperationGetOperand(def, i), table, depth + 1);
    break;
  }
  addRoot(r, v);
}

static Roots rootsOf(MlirValue v, FxSchemaTable *table) {
  Roots r = {0, 0, false, NULL, {{NULL}}};
  addRoots(&r, v, table, 0);
  return r;
}

static bool share(const Roots *a, const Roots *b) {
  if (a->all || b->all)
    return true;
  for (int i = 0; i < a->n; ++i)
    for (int j = 0; j < b->n; ++j)
      if (mlirValueEqual(a->v[i], b->v[j]))
        return true;
  return false;
}

bool fxValuesMayShareStorage(MlirValue a, MlirValue b, FxSchemaTable *table) {
  Roots ra = rootsOf(a, table), rb = rootsOf(b, table);
  return share(&ra, &rb);
}

bool fxFuncArgIsDonated(MlirOperation func, intptr_t i) {
  MlirAttribute attrs = mlirOperationGetAttributeByName(func, fxStr("arg_attrs"));
  if (mlirAttributeIsNull(attrs) || !mlirAttributeIsAArray(attrs) ||
      i >= mlirArrayAttrGetNumElements(attrs))
    return false;
  MlirAttribute d = mlirArrayAttrGetElement(attrs, i);
  return mlirAttributeIsADictionary(d) &&
         !mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(d, fxStr("fx.donated")));
}

/* The first use after `call` (in its block; ops in other blocks count as
 * after) of `v`, of a view of it, or of an alias an op before the call
 * returned of it (copy_'s result, a func.call's): the storage is then used
 * after the call.  The call's own results are what it returns, not a use.
 * Past kMaxSteps values the answer is `call` itself ("may be"). */
static MlirOperation useAfter(MlirValue v, MlirOperation call,
                              FxSchemaTable *table, int *steps) {
  if (++*steps > kMaxSteps)
    return call;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    if (mlirOperationEqual(user, call))
      continue;
    if (!mlirBlockEqual(mlirOperationGetBlock(user), mlirOperationGetBlock(call)) ||
        mlirOperationIsBeforeInBlock(call, user))
      return user;
    FxOpKind k = fxOpGetKind(user);
    bool view = k == FX_OP_SLICE || k == FX_OP_RESHAPE || k == FX_OP_VIEW;
    if (!view && !mayReturnOperand(user, -1, mlirOpOperandGetOperandNumber(u),
                                   table))
      continue;
    for (intptr_t r = 0, n = mlirOperationGetNumResults(user); r < n; ++r) {
      MlirOperation later =
          useAfter(mlirOperationGetResult(user, r), call, table, steps);
      if (!mlirOperationIsNull(later))
        return later;
    }
  }
  return (MlirOperation){NULL};
}

/* useAfter for a root: the storage an opaque op creates is all its
 * results' (see addRoots). */
static MlirOperation rootUseAfter(MlirValue root, MlirOperation call,
                                  FxSchemaTable *table) {
  int steps = 0;
  if (mlirValueIsAOpResult(root) &&
      opaqueResults(mlirOpResultGetOwner(root), table)) {
    MlirOperation def = mlirOpResultGetOwner(root);
    for (intptr_t r = 0, n = mlirOperationGetNumResults(def); r < n; ++r) {
      MlirOperation later =
          useAfter(mlirOperationGetResult(def, r), call, table, &steps);
      if (!mlirOperationIsNull(later))
        return later;
    }
    return (MlirOperation){NULL};
  }
  return useAfter(root, call, table, &steps);
}

/* Operand `i` of `call` goes to a donated parameter: the caller must own it. */
static bool checkDonated(MlirOperation call, intptr_t i, MlirStringRef callee,
                         FxSchemaTable *table) {
  Roots roots = rootsOf(mlirOperationGetOperand(call, i), table);
  char msg[384];
  if (roots.all) {
    if (roots.why)
      snprintf(msg, sizeof msg,
               "'func.call' op operand %d goes to a donated parameter of "
               "@%.*s, but fxir does not follow %s",
               (int)i, (int)callee.length, callee.data, roots.why);
    else
      snprintf(msg, sizeof msg,
               "'func.call' op operand %d goes to a donated parameter of "
               "@%.*s, but it may alias more storage than fxir follows (%d "
               "roots, %d values, %d nested ops)",
               (int)i, (int)callee.length, callee.data, kMaxRoots, kMaxSteps,
               kMaxDepth);
    mlirEmitError(mlirOperationGetLocation(call), msg);
    return false;
  }
  for (int k = 0; k < roots.n; ++k) {
    MlirValue root = roots.v[k];
    /* A call in a loop body runs again after itself, and reads earlier in
     * the body come after it too (D1): storage from outside the call's
     * block may be donated only from that block itself. */
    MlirBlock rootBlock = mlirValueIsABlockArgument(root)
                              ? mlirBlockArgumentGetOwner(root)
                              : mlirOperationGetBlock(mlirOpResultGetOwner(root));
    if (!mlirBlockEqual(rootBlock, mlirOperationGetBlock(call))) {
      snprintf(msg, sizeof msg,
               "'func.call' op operand %d goes to a donated parameter of @%.*s, "
               "but its storage comes from outside the region the call is in "
               "(fxir does not tell loops from branches: in a loop the call "
               "may get it again, and a read before the call may follow it)",
               (int)i, (int)callee.length, callee.data);
      mlirEmitError(mlirOperationGetLocation(call), msg);
      return false;
    }
    if (mlirValueIsABlockArgument(root)) {
      MlirBlock b = mlirBlockArgumentGetOwner(root);
      MlirOperation caller = mlirBlockGetParentOperation(b);
      intptr_t n = mlirBlockArgumentGetArgNumber(root);
      if (!fxFuncArgIsDonated(caller, n)) {
        snprintf(msg, sizeof msg,
                 "'func.call' op operand %d goes to a donated parameter of "
                 "@%.*s, but it is (a view or an alias of) argument %d of the "
                 "caller, which "
                 "is not donated: the callee may write it",
                 (int)i, (int)callee.length, callee.data, (int)n);
        mlirEmitError(mlirOperationGetLocation(call), msg);
        return false;
      }
    }
    if (!mlirOperationIsNull(rootUseAfter(root, call, table))) {
      snprintf(msg, sizeof msg,
               "'func.call' op operand %d goes to a donated parameter of @%.*s, "
               "but its storage is used after the call: the callee may write it",
               (int)i, (int)callee.length, callee.data);
      mlirEmitError(mlirOperationGetLocation(call), msg);
      return false;
    }
  }
  return true;
}

typedef struct CallCheck {
  FxSchemaTable *table;
  MlirIdentifier funcCall; /* "func.call" in the function's context */
  bool failed;
} CallCheck;

static MlirWalkResult checkCall(MlirOperation op, void *userData) {
  CallCheck *cc = userData;
  bool *failed = &cc->failed;
  if (!mlirIdentifierEqual(mlirOperationGetName(op), cc->funcCall))
    return MlirWalkResultAdvance;
  MlirOperation callee = fxSchemaTableGetCallee(cc->table, op);
  if (!mlirOperationIsNull(callee)) {
    MlirStringRef name = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(callee, fxStr("sym_name")));
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
      if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetOperand(op, i))) &&
          fxFuncArgIsDonated(callee, i) && !checkDonated(op, i, name, cc->table))
        *failed = true;
  }
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue a = mlirOperationGetOperand(op, i);
    if (!fxTypeIsATensor(mlirValueGetType(a)))
      continue;
    Roots ra = rootsOf(a, cc->table);
    for (intptr_t j = i + 1; j < n; ++j) {
      MlirValue b = mlirOperationGetOperand(op, j);
      if (!fxTypeIsATensor(mlirValueGetType(b)))
        continue;
      Roots rb = rootsOf(b, cc->table);
      if (!share(&ra, &rb))
        continue;
      char msg[384];
      const char *why = ra.why ? ra.why : rb.why;
      if (why)
        snprintf(msg, sizeof msg,
                 "'func.call' op operands %d and %d may share storage: fxir "
                 "does not follow %s; clone one of them",
                 (int)i, (int)j, why);
      else if (ra.all || rb.all)
        snprintf(msg, sizeof msg,
                 "'func.call' op operands %d and %d may share storage: fxir "
                 "stops following views and aliases after %d roots, %d values "
                 "or %d nested ops; clone one of them",
                 (int)i, (int)j, kMaxRoots, kMaxSteps, kMaxDepth);
      else
        snprintf(msg, sizeof msg,
                 "'func.call' op operands %d and %d share storage (views of "
                 "one value, or an alias an op returned): fx functions take "
                 "distinct storage for each tensor argument; clone one of "
                 "them",
                 (int)i, (int)j);
      mlirEmitError(mlirOperationGetLocation(op), msg);
      *failed = true;
      return MlirWalkResultAdvance;
    }
  }
  return MlirWalkResultAdvance;
}

/* Every verification of a function runs this over all its ops, so the
 * ops of its blocks are visited in a loop, and only those with regions
 * walked (a generic walk and a name compare per op were 2 % of a pass's
 * instructions with the verifier after it); names compare as the
 * context's uniqued identifiers. */
MlirLogicalResult fxVerifyFunctionCalls(MlirOperation func,
                                        FxSchemaTable *table) {
  CallCheck cc = {table,
                  mlirIdentifierGet(mlirOperationGetContext(func),
                                    fxStr("func.call")),
                  false};
  for (intptr_t r = 0, nr = mlirOperationGetNumRegions(func); r < nr; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, r));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      for (MlirOperation op = mlirBlockGetFirstOperation(b);
           !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
        if (mlirOperationGetNumRegions(op))
          mlirOperationWalk(op, checkCall, &cc, MlirWalkPreOrder);
        else
          checkCall(op, &cc);
  return cc.failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
