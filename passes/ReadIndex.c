/* ReadIndex.c - positions of ops and last users of storage roots (see
 * ReadIndex.h).  Two open-addressing tables keyed by pointers. */
#include "ReadIndex.h"
#include "Alias.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

enum { kUnknown = INT_MAX }; /* a position we do not know: "maybe after" */

typedef struct Table {
  uintptr_t *keys; /* 0 = empty slot */
  int *vals;
  size_t cap, num; /* cap is a power of two */
} Table;

struct FxReadIndex {
  Table position; /* op -> index in the entry block           */
  Table lastUse;  /* root value -> position of its last user */
};

static size_t slotOf(const Table *t, uintptr_t key) {
  size_t h = (size_t)((key >> 4) * 0x9e3779b97f4a7c15ull);
  for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
    if (t->keys[i] == key || t->keys[i] == 0)
      return i;
}

static bool grow(Table *t) {
  Table bigger = {calloc(t->cap * 2, sizeof(uintptr_t)),
                  calloc(t->cap * 2, sizeof(int)), t->cap * 2, 0};
  if (!bigger.keys || !bigger.vals) {
    free(bigger.keys);
    free(bigger.vals);
    return false;
  }
  for (size_t i = 0; i < t->cap; ++i)
    if (t->keys[i]) {
      size_t s = slotOf(&bigger, t->keys[i]);
      bigger.keys[s] = t->keys[i];
      bigger.vals[s] = t->vals[i];
      ++bigger.num;
    }
  free(t->keys);
  free(t->vals);
  *t = bigger;
  return true;
}

/* Sets key -> val; on failure (out of memory) the key stays unknown. */
static void put(Table *t, const void *ptr, int val) {
  uintptr_t key = (uintptr_t)ptr;
  if (2 * (t->num + 1) > t->cap && !grow(t))
    return;
  size_t s = slotOf(t, key);
  if (!t->keys[s]) {
    t->keys[s] = key;
    ++t->num;
  }
  t->vals[s] = val;
}

static bool get(const Table *t, const void *ptr, int *val) {
  size_t s = slotOf(t, (uintptr_t)ptr);
  if (!t->keys[s])
    return false;
  *val = t->vals[s];
  return true;
}

static bool initTable(Table *t, size_t cap) {
  t->keys = calloc(cap, sizeof(uintptr_t));
  t->vals = calloc(cap, sizeof(int));
  t->cap = cap;
  t->num = 0;
  return t->keys && t->vals;
}

FxReadIndex *fxReadIndexCreate(MlirOperation func) {
  FxReadIndex *x = calloc(1, sizeof *x);
  if (!x || !initTable(&x->position, 1024) || !initTable(&x->lastUse, 256)) {
    fxReadIndexDestroy(x);
    return NULL;
  }
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  int i = 0;
  for (MlirOperation op = mlirBlockIsNull(entry) ? (MlirOperation){NULL}
                                                 : mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    put(&x->position, op.ptr, i += 4); /* gaps: created ops sit at their A */
  return x;
}

void fxReadIndexDestroy(FxReadIndex *x) {
  if (!x)
    return;
  free(x->position.keys);
  free(x->position.vals);
  free(x->lastUse.keys);
  free(x->lastUse.vals);
  free(x);
}

void fxReadIndexPlace(FxReadIndex *x, MlirOperation op, MlirOperation at) {
  int pos;
  if (x)
    put(&x->position, op.ptr, get(&x->position, at.ptr, &pos) ? pos : kUnknown);
}

static int positionOf(FxReadIndex *x, MlirOperation op) {
  int pos;
  return get(&x->position, op.ptr, &pos) ? pos : kUnknown;
}

/* Position of the last user of `v` or of a view of it (views followed). */
static int lastUser(FxReadIndex *x, MlirValue v) {
  int last = -1;
  MlirValue stack[64];
  int n = 0;
  stack[n++] = v;
  while (n) {
    MlirValue cur = stack[--n];
    for (MlirOpOperand use = mlirValueGetFirstUse(cur); !mlirOpOperandIsNull(use);
         use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      int pos = positionOf(x, user);
      if (pos > last)
        last = pos;
      if (fxOpIsViewLike(user)) {
        if (n == 64)
          return kUnknown;
        stack[n++] = mlirOperationGetResult(user, 0);
      }
    }
  }
  return last;
}

bool fxReadIndexMayReadAfter(FxReadIndex *x, MlirValue root,
                             MlirOperation after) {
  if (!x)
    return true;
  int last;
  if (!get(&x->lastUse, root.ptr, &last)) {
    last = lastUser(x, root);
    put(&x->lastUse, root.ptr, last);
  }
  int at = positionOf(x, after);
  return at == kUnknown || last > at;
}

void fxReadIndexMerge(FxReadIndex *x, MlirValue from, MlirValue toRoot) {
  int last;
  if (!x || !get(&x->lastUse, toRoot.ptr, &last))
    return; /* not summarised yet: the first query scans the merged uses */
  int more = lastUser(x, from);
  if (more > last)
    put(&x->lastUse, toRoot.ptr, more);
}
