// RUN: fx-passes-ptr-map-test | FileCheck %s

/* ptr-map.c - FxPtrMap (passes/PtrMap.h) against a reference: a plain
 * array of what each key should map to.  Keys are spaced like MLIR's ops
 * (a fixed stride), the pattern that once made long probe runs.  Clearing
 * must empty the map whichever way it does it: keeping the table, or
 * taking a smaller one when few keys were in a large table. */
#include "PtrMap.h"

#include <stdio.h>
#include <stdlib.h>

enum { kKeys = 5000, kStride = 72 };

static char arena[kKeys * kStride];
static intptr_t want[kKeys]; /* -1: absent */

static const void *key(int i) { return arena + (size_t)i * kStride; }

/* The number of keys whose lookup disagrees with the reference. */
static int mismatches(const FxPtrMap *m) {
  int bad = 0;
  size_t present = 0;
  for (int i = 0; i < kKeys; ++i) {
    intptr_t v = -1;
    bool found = fxPtrMapGet(m, key(i), &v);
    present += want[i] >= 0;
    if (found != (want[i] >= 0) || (found && v != want[i]))
      ++bad;
  }
  return bad + (present != m->num);
}

static void forgetAll(void) {
  for (int i = 0; i < kKeys; ++i)
    want[i] = -1;
}

int main(void) {
  FxPtrMap m;
  forgetAll();
  if (!fxPtrMapInit(&m, 16))
    return 1;

  /* Growth from 16 slots, then removal of every third key (backward-shift
   * deletion keeps the others findable), then new values for the rest. */
  for (int i = 0; i < kKeys; ++i)
    if (fxPtrMapPut(&m, key(i), i))
      want[i] = i;
  printf("put: %d\n", mismatches(&m));
  // CHECK: put: 0
  for (int i = 0; i < kKeys; i += 3) {
    fxPtrMapRemove(&m, key(i));
    want[i] = -1;
  }
  printf("removed: %d\n", mismatches(&m));
  // CHECK: removed: 0
  for (int i = 1; i < kKeys; i += 3)
    if (fxPtrMapPut(&m, key(i), 7 * i))
      want[i] = 7 * i;
  printf("replaced: %d\n", mismatches(&m));
  // CHECK: replaced: 0

  /* A full table cleared keeps its size. */
  size_t cap = m.cap;
  fxPtrMapClear(&m);
  forgetAll();
  printf("cleared full: %d, same table: %d\n", mismatches(&m), m.cap == cap);
  // CHECK: cleared full: 0, same table: 1

  /* Two keys in that large table: clearing takes a small one, which then
   * grows again as keys come. */
  fxPtrMapPut(&m, key(10), 1);
  fxPtrMapPut(&m, key(20), 2);
  fxPtrMapClear(&m);
  printf("cleared sparse: %d, smaller: %d\n", mismatches(&m), m.cap < cap);
  // CHECK: cleared sparse: 0, smaller: 1
  for (int i = 0; i < kKeys; i += 2)
    if (fxPtrMapPut(&m, key(i), i + 1))
      want[i] = i + 1;
  printf("refilled: %d\n", mismatches(&m));
  // CHECK: refilled: 0

  /* An empty map clears to itself. */
  fxPtrMapClear(&m);
  forgetAll();
  fxPtrMapClear(&m);
  printf("cleared twice: %d\n", mismatches(&m));
  // CHECK: cleared twice: 0

  fxPtrMapFree(&m);
  printf("freed: %d\n", mismatches(&m));
  // CHECK: freed: 0
  return 0;
}
