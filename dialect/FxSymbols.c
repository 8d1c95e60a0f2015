/* FxSymbols.c - the top-level symbols of a module, indexed as far as a
 * lookup has needed (see FxSymbolIndex in FxInternal.h).
 *
 * A function's func.call checks and fx-fix-functionalization look up the
 * callee of every call.  A walk of the module per call made a function
 * that calls N pieces of a model cost N walks of N ops; MLIR's symbol
 * table, built per function, made every function with two calls cost a
 * walk of the whole module (N functions: N^2 again).  The index walks the
 * module once per table, only as far as the furthest callee asked for:
 * never more than either (names made to collide in its hash aside: past a
 * probe bound it gives up and lookups walk). */
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdint.h>
#include <stdlib.h>

struct FxSymbolSlot {
  MlirStringRef name;
  MlirOperation op; /* null: an empty slot */
};

/* A name is kept within kMaxProbes slots of its hash's.  Names made to
 * collide (the index's hash is not keyed, so they can be: an adversary's
 * 2000 functions took 35 s) would otherwise cost a probe of every other
 * one per lookup; past the bound the index gives up and its lookups walk
 * the module, as fxir did before it had one. */
enum { kFirstSlots = 64, kMaxProbes = 32 };

/* FNV-1a over the whole name: symbols of one module often differ only in
 * a digit in the middle ("piece_3_attn"). */
static size_t hashName(MlirStringRef s) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < s.length; ++i)
    h = (h ^ (unsigned char)s.data[i]) * 1099511628211u;
  return (size_t)h;
}

/* Every name lies within kMaxProbes slots of its hash's (place), so the
 * search stops there. */
static MlirOperation find(const FxSymbolIndex *x, MlirStringRef name) {
  if (!x->cap)
    return (MlirOperation){NULL};
  size_t i = hashName(name) & (x->cap - 1);
  for (int n = 0; n <= kMaxProbes && x->slots[i].op.ptr;
       ++n, i = (i + 1) & (x->cap - 1))
    if (mlirStringRefEqual(x->slots[i].name, name))
      return x->slots[i].op;
  return (MlirOperation){NULL};
}

/* False when the free slot is more than kMaxProbes away. */
static bool place(struct FxSymbolSlot *slots, size_t cap, MlirStringRef name,
                  MlirOperation op) {
  size_t i = hashName(name) & (cap - 1);
  for (int n = 0; slots[i].op.ptr; ++n, i = (i + 1) & (cap - 1))
    if (n == kMaxProbes)
      return false;
  slots[i] = (struct FxSymbolSlot){name, op};
  return true;
}

/* Adds `name` -> `op` unless the name is there already (the first
 * declaration wins, as in a walk); false when out of memory or past the
 * probe bound. */
static bool insert(FxSymbolIndex *x, MlirStringRef name, MlirOperation op) {
  if (!mlirOperationIsNull(find(x, name)))
    return true;
  if (2 * (x->num + 1) > x->cap) {
    size_t cap = x->cap ? 2 * x->cap : kFirstSlots;
    struct FxSymbolSlot *slots = calloc(cap, sizeof *slots);
    if (!slots)
      return false;
    bool placed = true;
    for (size_t i = 0; i < x->cap && placed; ++i)
      if (x->slots[i].op.ptr)
        placed = place(slots, cap, x->slots[i].name, x->slots[i].op);
    free(x->slots);
    x->slots = slots;
    x->cap = cap;
    if (!placed)
      return false;
  }
  if (!place(x->slots, x->cap, name, op))
    return false;
  ++x->num;
  return true;
}

MlirOperation fxSymbolIndexLookup(FxSymbolIndex *x, MlirStringRef name,
                                  bool *ok) {
  *ok = !x->failed;
  if (x->failed)
    return (MlirOperation){NULL};
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
      x->failed = true; /* lookups walk from now on */
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
  *x = (FxSymbolIndex){x->module, {NULL}, false, false, NULL, 0, 0};
}
