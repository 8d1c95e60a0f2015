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

/* `v` after walking up fx.slice / fx.reshape / fx.view. */
static MlirValue rootOf(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    FxOpKind k = fxOpGetKind(mlirOpResultGetOwner(v));
    if (k != FX_OP_SLICE && k != FX_OP_RESHAPE && k != FX_OP_VIEW)
      break;
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  }
  return v;
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
static bool checkDonated(MlirOperation call, intptr_t i, MlirStringRef callee) {
  MlirValue root = rootOf(mlirOperationGetOperand(call, i));
  char msg[320];
  if (mlirValueIsABlockArgument(root)) {
    MlirBlock b = mlirBlockArgumentGetOwner(root);
    MlirOperation caller = mlirBlockGetParentOperation(b);
    intptr_t n = mlirBlockArgumentGetArgNumber(root);
    if (!hasDonated(caller, n)) {
      snprintf(msg, sizeof msg,
               "'func.call' op operand %d goes to a donated parameter of @%.*s, "
               "but it is (a view of) argument %d of the caller, which is not "
               "donated: the callee may write it",
               (int)i, (int)callee.length, callee.data, (int)n);
      mlirEmitError(mlirOperationGetLocation(call), msg);
      return false;
    }
  }
  MlirOperation later = useAfter(root, call);
  if (!mlirOperationIsNull(later)) {
    snprintf(msg, sizeof msg,
             "'func.call' op operand %d goes to a donated parameter of @%.*s, "
             "but its storage is used after the call: the callee may write it",
             (int)i, (int)callee.length, callee.data);
    mlirEmitError(mlirOperationGetLocation(call), msg);
    return false;
  }
  return true;
}

static MlirWalkResult checkCall(MlirOperation op, void *userData) {
  bool *failed = userData;
  if (!isCall(op))
    return MlirWalkResultAdvance;
  MlirOperation callee = calleeOf(op);
  if (!mlirOperationIsNull(callee)) {
    MlirStringRef name = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(callee, fxStr("sym_name")));
    for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
      if (fxTypeIsATensor(mlirValueGetType(mlirOperationGetOperand(op, i))) &&
          hasDonated(callee, i) && !checkDonated(op, i, name))
        *failed = true;
  }
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue a = mlirOperationGetOperand(op, i);
    if (!fxTypeIsATensor(mlirValueGetType(a)))
      continue;
    for (intptr_t j = i + 1; j < n; ++j) {
      MlirValue b = mlirOperationGetOperand(op, j);
      if (!fxTypeIsATensor(mlirValueGetType(b)) ||
          !mlirValueEqual(rootOf(a), rootOf(b)))
        continue;
      char msg[256];
      snprintf(msg, sizeof msg,
               "'func.call' op operands %d and %d share storage (views of one "
               "value): fx functions take distinct storage for each tensor "
               "argument; clone one of them",
               (int)i, (int)j);
      mlirEmitError(mlirOperationGetLocation(op), msg);
      *failed = true;
      return MlirWalkResultAdvance;
    }
  }
  return MlirWalkResultAdvance;
}

MlirLogicalResult fxVerifyFunctionCalls(MlirOperation func) {
  bool failed = false;
  mlirOperationWalk(func, checkCall, &failed, MlirWalkPreOrder);
  return failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
