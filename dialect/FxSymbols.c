/* FxSymbols.c - the top-level symbols of a module, indexed as far as a
 * lookup has needed (see FxSymbolIndex in FxInternal.h).
 *
 * A function's func.call checks and fx-fix-functionalization look up the
 * callee of every call.  A walk of the module per call made a function
 * that calls N pieces of a model cost N walks of N ops; MLIR's symbol
 * table, built per function, made every function with two calls cost a
 * walk of the whole module (N functions: N^2 again).  The index walks the
 * module once per table, only as far as the furthest callee asked for:
 * never more than either. */
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdint.h>
#include <stdlib.h>

struct FxSymbolSlot {
  MlirStringRef name;
  MlirOperation op; /* null: an empty slot */
};

enum { kFirstSlots = 64 };

/* FNV-1a over the whole name: symbols of one module often differ only in
 * a digit in the middle ("piece_3_attn"). */
static size_t hashName(MlirStringRef s) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < s.length; ++i)
    h = (h ^ (unsigned char)s.data[i]) * 1099511628211u;
  return (size_t)h;
}

static MlirOperation find(const FxSymbolIndex *x, MlirStringRef name) {
  if (!x->cap)
    return (MlirOperation){NULL};
  for (size_t i = hashName(name) & (x->cap - 1); x->slots[i].op.ptr;
       i = (i + 1) & (x->cap - 1))
    if (mlirStringRefEqual(x->slots[i].name, name))
      return x->slots[i].op;
  return (MlirOperation){NULL};
}

static void place(struct FxSymbolSlot *slots, size_t cap, MlirStringRef name,
                  MlirOperation op) {
  size_t i = hashName(name) & (cap - 1);
  while (slots[i].op.ptr)
    i = (i + 1) & (cap - 1);
  slots[i] = (struct FxSymbolSlot){name, op};
}

/* Adds `name` -> `op` unless the name is there already (the first
 * declaration wins, as in a walk); false when out of memory. */
static bool insert(FxSymbolIndex *x, MlirStringRef name, MlirOperation op) {
  if (!mlirOperationIsNull(find(x, name)))
    return true;
  if (2 * (x->num + 1) > x->cap) {
    size_t cap = x->cap ? 2 * x->cap : kFirstSlots;
    struct FxSymbolSlot *slots = calloc(cap, sizeof *slots);
    if (!slots)
      return false;
    for (size_t i = 0; i < x->cap; ++i)
      if (x->slots[i].op.ptr)
        place(slots, cap, x->slots[i].name, x->slots[i].op);
    free(x->slots);
    x->slots = slots;
    x->cap = cap;
  }
  place(x->slots, x->cap, name, op);
  ++x->num;
  return true;
}

MlirOperation fxSymbolIndexLookup(FxSymbolIndex *x, MlirStringRef name,
                                  bool *ok) {
  *ok = true;
  MlirOperation op = find(x, name);
  if (!mlirOperationIsNull(op))
    return op;
  if (!x->started) {
    x->next = mlirBlockGetFirstOperation(
        mlirRegionGetFirstBlock(mlirOperationGetRegion(x->module, 0)));
    x->started = true;
  }
  while (!mlirOperationIsNull(x->next)) {
    MlirOperation cur = x->next;
    x->next = mlirOperationGetNextInBlock(cur);
    MlirAttribute sym = mlirOperationGetAttributeByName(cur, fxStr("sym_name"));
    if (mlirAttributeIsNull(sym) || !mlirAttributeIsAString(sym))
      continue;
    MlirStringRef s = mlirStringAttrGetValue(sym);
    if (!insert(x, s, cur)) {
      *ok = false;
      return (MlirOperation){NULL};
    }
    /* An earlier op of this name would have been found above. */
    if (mlirStringRefEqual(s, name))
      return cur;
  }
  return (MlirOperation){NULL};
}

void fxSymbolIndexClear(FxSymbolIndex *x) {
  free(x->slots);
  *x = (FxSymbolIndex){x->module, {NULL}, false, NULL, 0, 0};
}
