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

static bool isCall(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 9 && memcmp(n.data, "func.call", 9) == 0;
}

/* The func.func named by call `op`'s callee in the enclosing module. */
static MlirOperation calleeOf(MlirOperation op) {
  MlirAttribute callee = mlirOperationGetAttributeByName(op, fxStr("callee"));
  if (mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee))
    return (MlirOperation){NULL};
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(callee);
  MlirOperation m = op;
  while (!mlirOperationIsNull(m) &&
         !mlirOperationIsNull(mlirOperationGetParentOperation(m)))
    m = mlirOperationGetParentOperation(m);
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

/* The storage roots `v` may share, at most kMaxRoots (then `all`): walking
 * up fx.slice / fx.reshape / fx.view, and through an op that may return an
 * alias of an operand to those operands (a schema return with an alias set:
 * aten::copy_'s self; an fx.call without a schema, or an op fxir does not
 * know such as func.call: every tensor operand). */
enum { kMaxRoots = 16, kMaxSteps = 4096 };

typedef struct Roots {
  int n;
  int steps; /* values visited, at most kMaxSteps: a diamond of aliasing
                ops would otherwise be walked once per path */
  bool all;  /* too many to list or to walk: may share anything */
  MlirValue v[kMaxRoots];
} Roots;

static void addRoots(Roots *r, MlirValue v, FxSchemaTable *table, int depth);

static void addOperandsOf(Roots *r, MlirOperation op, FxSchemaTable *table,
                          int depth) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    MlirValue o = mlirOperationGetOperand(op, i);
    if (fxTypeIsATensor(mlirValueGetType(o)))
      addRoots(r, o, table, depth + 1);
  }
}

/* Result `res` of func.call `call` whose callee is visible with a single
 * block: the roots of what the callee returns there, mapped back to the
 * call's operands (a callee argument k -> call operand k; storage the
 * callee creates is fresh and shares nothing of the caller's). False when
 * it cannot tell (not a call, no visible body, several blocks, too many
 * roots): the caller then assumes every operand. */
static bool addCallReturn(Roots *r, MlirOperation call, intptr_t res,
                          FxSchemaTable *table, int depth) {
  if (!isCall(call))
    return false;
  MlirOperation f = calleeOf(call);
  if (mlirOperationIsNull(f) || mlirOperationGetNumRegions(f) != 1)
    return false;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  if (mlirBlockIsNull(entry) || !mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
    return false;
  MlirOperation ret = mlirBlockGetTerminator(entry);
  if (mlirOperationIsNull(ret) || res >= mlirOperationGetNumOperands(ret) ||
      mlirBlockGetNumArguments(entry) != mlirOperationGetNumOperands(call))
    return false;
  Roots inner = {0, r->steps, false, {{NULL}}};
  addRoots(&inner, mlirOperationGetOperand(ret, res), table, depth + 1);
  r->steps = inner.steps;
  if (inner.all)
    return false;
  for (int i = 0; i < inner.n; ++i)
    if (mlirValueIsABlockArgument(inner.v[i]) &&
        mlirBlockEqual(mlirBlockArgumentGetOwner(inner.v[i]), entry))
      addRoots(r,
               mlirOperationGetOperand(
                   call, mlirBlockArgumentGetArgNumber(inner.v[i])),
               table, depth + 1);
  return true;
}

static void addRoots(Roots *r, MlirValue v, FxSchemaTable *table, int depth) {
  if (r->all)
    return;
  if (depth > 64 || ++r->steps > kMaxSteps) {
    r->all = true;
    return;
  }
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    FxOpKind k = fxOpGetKind(def);
    if (k == FX_OP_SLICE || k == FX_OP_RESHAPE || k == FX_OP_VIEW) {
      v = mlirOperationGetOperand(def, 0);
      continue;
    }
    if (k == FX_OP_NONE) { /* func.call, or an op fxir does not know */
      if (!addCallReturn(r, def, mlirOpResultGetResultNumber(v), table, depth))
        addOperandsOf(r, def, table, depth); /* may return any operand */
      break;
    }
    if (k == FX_OP_CALL || k == FX_OP_AUTO_FUNCTIONALIZED) {
      const FxSchema *s = fxSchemaTableLookup(table, fxCallGetTarget(def));
      if (!s) {
        if (k == FX_OP_CALL)
          addOperandsOf(r, def, table, depth);
        break;
      }
      /* Result number -> the tensor return; its alias set -> the params. */
      intptr_t want = mlirOpResultGetResultNumber(v), seen = 0;
      for (int i = 0; i < s->numReturns; ++i) {
        if (s->returns[i].kind != FX_ARG_TENSOR || seen++ != want)
          continue;
        if (!s->returns[i].alias[0])
          break;
        for (int p = 0; p < s->numArgs; ++p)
          if (!strcmp(s->args[p].alias, s->returns[i].alias)) {
            MlirValue o = fxCallGetOperandByName(def, fxStr(s->args[p].name));
            if (!mlirValueIsNull(o))
              addRoots(r, o, table, depth + 1);
          }
      }
    }
    break;
  }
  for (int i = 0; i < r->n; ++i)
    if (mlirValueEqual(r->v[i], v))
      return;
  if (r->n == kMaxRoots)
    r->all = true;
  else
    r->v[r->n++] = v;
}

static Roots rootsOf(MlirValue v, FxSchemaTable *table) {
  Roots r = {0, 0, false, {{NULL}}};
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

static bool hasDonated(MlirOperation func, intptr_t i) {
  MlirAttribute attrs = mlirOperationGetAttributeByName(func, fxStr("arg_attrs"));
  if (mlirAttributeIsNull(attrs) || !mlirAttributeIsAArray(attrs) ||
      i >= mlirArrayAttrGetNumElements(attrs))
    return false;
  MlirAttribute d = mlirArrayAttrGetElement(attrs, i);
  return mlirAttributeIsADictionary(d) &&
         !mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(d, fxStr("fx.donated")));
}

/* The first use, after `call` in its block, of `v` or of a view of it. */
static MlirOperation useAfter(MlirValue v, MlirOperation call) {
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    FxOpKind k = fxOpGetKind(user);
    if (!mlirBlockEqual(mlirOperationGetBlock(user), mlirOperationGetBlock(call)) ||
        mlirOperationIsBeforeInBlock(call, user))
      return user;
    if (k == FX_OP_SLICE || k == FX_OP_RESHAPE || k == FX_OP_VIEW) {
      MlirOperation later = useAfter(mlirOperationGetResult(user, 0), call);
      if (!mlirOperationIsNull(later))
        return later;
    }
  }
  return (MlirOperation){NULL};
}

/* Operand `i` of `call` goes to a donated parameter: the caller must own it. */
static bool checkDonated(MlirOperation call, intptr_t i, MlirStringRef callee,
                         FxSchemaTable *table) {
  Roots roots = rootsOf(mlirOperationGetOperand(call, i), table);
  char msg[320];
  if (roots.all) {
    snprintf(msg, sizeof msg,
             "'func.call' op operand %d goes to a donated parameter of @%.*s, "
             "but it may alias more storage than fxir tracks (%d roots)",
             (int)i, (int)callee.length, callee.data, kMaxRoots);
    mlirEmitError(mlirOperationGetLocation(call), msg);
    return false;
  }
  for (int k = 0; k < roots.n; ++k) {
    MlirValue root = roots.v[k];
    if (mlirValueIsABlockArgument(root)) {
      MlirBlock b = mlirBlockArgumentGetOwner(root);
      MlirOperation caller = mlirBlockGetParentOperation(b);
      intptr_t n = mlirBlockArgumentGetArgNumber(root);
      if (!hasDonated(caller, n)) {
        snprintf(msg, sizeof msg,
                 "'func.call' op operand %d goes to a donated parameter of "
                 "@%.*s, but it is (a view of) argument %d of the caller, which "
                 "is not donated: the callee may write it",
                 (int)i, (int)callee.length, callee.data, (int)n);
        mlirEmitError(mlirOperationGetLocation(call), msg);
        return false;
      }
    }
    if (!mlirOperationIsNull(useAfter(root, call))) {
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
  bool failed;
} CallCheck;

static MlirWalkResult checkCall(MlirOperation op, void *userData) {
  CallCheck *cc = userData;
  bool *failed = &cc->failed;
  if (!isCall(op))
    return MlirWalkResultAdvance;
  MlirOperation callee = calleeOf(op);
  if (!mlirOperationIsNull(callee)) {
    MlirStringRef name = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(callee, fxStr("sym_name")));
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
      if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetOperand(op, i))) &&
          hasDonated(callee, i) && !checkDonated(op, i, name, cc->table))
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
      char msg[256];
      snprintf(msg, sizeof msg,
               "'func.call' op operands %d and %d share storage (views of one "
               "value, or an alias an op returned): fx functions take "
               "distinct storage for each tensor "
               "argument; clone one of them",
               (int)i, (int)j);
      mlirEmitError(mlirOperationGetLocation(op), msg);
      *failed = true;
      return MlirWalkResultAdvance;
    }
  }
  return MlirWalkResultAdvance;
}

MlirLogicalResult fxVerifyFunctionCalls(MlirOperation func,
                                        FxSchemaTable *table) {
  CallCheck cc = {table, false};
  mlirOperationWalk(func, checkCall, &cc, MlirWalkPreOrder);
  return cc.failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
