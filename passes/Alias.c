/* Alias.c - storage aliasing facts the fx passes share (see Alias.h). */
#include "Alias.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdlib.h>
#include <string.h>

bool fxOpIsViewLike(MlirOperation op) {
  FxOpKind k = fxOpGetKind(op);
  return k == FX_OP_RESHAPE || k == FX_OP_VIEW || k == FX_OP_SLICE;
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

bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema,
                         intptr_t i) {
  if (fxOpGetKind(op) != FX_OP_CALL)
    return false;
  if (!schema)
    return true;
  int p = fxCallGetOperandParam(op, schema, i);
  return p < 0 || schema->args[p].mutated;
}

/* Depth-first walk over `v` and the values derived from it by view-like ops,
 * calling `visit` on every use until it returns true. */
typedef bool (*UseVisitor)(MlirOpOperand use, void *userData);

static bool anyUse(MlirValue v, UseVisitor visit, void *userData) {
  size_t n = 0, cap = 16;
  MlirValue *stack = malloc(cap * sizeof *stack);
  if (!stack)
    return true; /* out of memory: answer "yes", the conservative side */
  stack[n++] = v;
  bool found = false;
  while (n && !found) {
    MlirValue cur = stack[--n];
    for (MlirOpOperand use = mlirValueGetFirstUse(cur);
         !mlirOpOperandIsNull(use) && !found;
         use = mlirOpOperandGetNextUse(use)) {
      found = visit(use, userData);
      MlirOperation owner = mlirOpOperandGetOwner(use);
      if (found || !fxOpIsViewLike(owner))
        continue;
      if (n == cap) {
        MlirValue *grown = realloc(stack, 2 * cap * sizeof *stack);
        if (!grown) {
          found = true;
          break;
        }
        stack = grown;
        cap *= 2;
      }
      stack[n++] = mlirOperationGetResult(owner, 0);
    }
  }
  free(stack);
  return found;
}

typedef struct WriteQuery {
  MlirOperation after, found;
  FxSchemaTable *table;
} WriteQuery;

static bool isLaterWrite(MlirOpOperand use, void *userData) {
  WriteQuery *q = userData;
  MlirOperation owner = mlirOpOperandGetOwner(use);
  if (fxOpGetKind(owner) != FX_OP_CALL)
    return false;
  const FxSchema *s = fxSchemaTableLookup(q->table, fxCallGetTarget(owner));
  if (!fxCallWritesOperand(owner, s, mlirOpOperandGetOperandNumber(use)))
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

static bool isReturn(MlirOpOperand use, void *userData) {
  MlirStringRef name =
      mlirIdentifierStr(mlirOperationGetName(mlirOpOperandGetOwner(use)));
  return name.length == 11 && memcmp(name.data, "func.return", 11) == 0;
}

bool fxReachesReturn(MlirValue v) { return anyUse(v, isReturn, NULL); }

intptr_t fxFunctionArgIndex(MlirValue v) {
  if (!mlirValueIsABlockArgument(v))
    return -1;
  MlirOperation parent = mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(parent));
  if (name.length != 9 || memcmp(name.data, "func.func", 9) != 0)
    return -1;
  return mlirBlockArgumentGetArgNumber(v);
}
