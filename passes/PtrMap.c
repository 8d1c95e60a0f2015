/* PtrMap.c - pointer-keyed open-addressing map (see PtrMap.h). */
#include "PtrMap.h"

#include <stdlib.h>
#include <string.h>

/* Where `key`'s probe run starts.  The multiply's high bits depend on all
 * of the key, its low bits only on the key's low bits: ops and values are
 * allocated at regular strides, and masking the product's low bits made
 * long probe runs (slotOf was a fifth of fx-fix-functionalization's time,
 * bench/compile).  The shift folds the high bits down. */
static size_t homeOf(const FxPtrMap *m, uintptr_t key) {
  uint64_t h = (uint64_t)key * 0x9e3779b97f4a7c15ull;
  return (size_t)(h ^ (h >> 32)) & (m->cap - 1);
}

static size_t slotOf(const FxPtrMap *m, uintptr_t key) {
  for (size_t i = homeOf(m, key);; i = (i + 1) & (m->cap - 1))
    if (m->keys[i] == key || m->keys[i] == 0)
      return i;
}

bool fxPtrMapInit(FxPtrMap *m, size_t cap) {
  m->keys = calloc(cap, sizeof(uintptr_t));
  m->vals = calloc(cap, sizeof(intptr_t));
  m->cap = cap;
  m->num = 0;
  if (m->keys && m->vals)
    return true;
  fxPtrMapFree(m);
  return false;
}

void fxPtrMapFree(FxPtrMap *m) {
  free(m->keys);
  free(m->vals);
  *m = (FxPtrMap){NULL, NULL, 0, 0};
}

void fxPtrMapClear(FxPtrMap *m) {
  if (m->num)
    memset(m->keys, 0, m->cap * sizeof *m->keys); /* 0 keys: empty slots */
  m->num = 0;
}

static bool grow(FxPtrMap *m) {
  FxPtrMap bigger;
  if (!fxPtrMapInit(&bigger, m->cap * 2))
    return false;
  for (size_t i = 0; i < m->cap; ++i)
    if (m->keys[i]) {
      size_t s = slotOf(&bigger, m->keys[i]);
      bigger.keys[s] = m->keys[i];
      bigger.vals[s] = m->vals[i];
      ++bigger.num;
    }
  fxPtrMapFree(m);
  *m = bigger;
  return true;
}

bool fxPtrMapPut(FxPtrMap *m, const void *ptr, intptr_t val) {
  uintptr_t key = (uintptr_t)ptr;
  if (!m->cap || (2 * (m->num + 1) > m->cap && !grow(m)))
    return false;
  size_t s = slotOf(m, key);
  if (!m->keys[s]) {
    m->keys[s] = key;
    ++m->num;
  }
  m->vals[s] = val;
  return true;
}

bool fxPtrMapGet(const FxPtrMap *m, const void *ptr, intptr_t *val) {
  if (!m->cap)
    return false;
  size_t s = slotOf(m, (uintptr_t)ptr);
  if (!m->keys[s])
    return false;
  *val = m->vals[s];
  return true;
}

void fxPtrMapRemove(FxPtrMap *m, const void *ptr) {
  if (!m->cap)
    return;
  size_t i = slotOf(m, (uintptr_t)ptr);
  if (!m->keys[i])
    return;
  /* Backward-shift deletion: move later entries of the probe run into the
   * hole when their home slot does not lie strictly between the hole and
   * them, so every lookup still finds its key. */
  size_t mask = m->cap - 1;
  for (size_t j = (i + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
    size_t home = homeOf(m, m->keys[j]);
    bool between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (between)
      continue;
    m->keys[i] = m->keys[j];
    m->vals[i] = m->vals[j];
    i = j;
  }
  m->keys[i] = 0;
  --m->num;
}

bool fxArrayReserve(void **array, size_t num, size_t *cap, size_t elem,
                    size_t first) {
  if (num < *cap)
    return true;
  size_t cap2 = *cap ? 2 * *cap : first;
  void *bigger = realloc(*array, cap2 * elem);
  if (!bigger)
    return false;
  *array = bigger;
  *cap = cap2;
  return true;
}
