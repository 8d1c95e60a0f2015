/* PtrMap.c - pointer-keyed open-addressing map (see PtrMap.h). */
#include "PtrMap.h"
#include "Scratch.h"
#include "fxir/Fx.h"

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
    if (m->slots[i].key == key || m->slots[i].key == 0)
      return i;
}

/* At most three quarters full.  Linear probing with the hash above then
 * takes about two slots for a key found and five for one missing (Knuth),
 * mostly in one cache line; half full (as before) doubled the memory of a
 * map of every op, which on first touch costs more than the probes save. */
static bool fits(size_t num, size_t cap) { return 4 * num <= 3 * cap; }

bool fxPtrMapInit(FxPtrMap *m, size_t cap) {
  m->slots = cap <= SIZE_MAX / sizeof *m->slots
                 ? fxScratchAlloc(cap * sizeof *m->slots, true)
                 : NULL;
  m->cap = m->slots ? cap : 0;
  m->num = 0;
  return m->slots != NULL;
}

bool fxPtrMapInitFor(FxPtrMap *m, size_t n) {
  size_t cap = 16;
  while (!fits(n + 1, cap))
    cap *= 2;
  return fxPtrMapInit(m, cap);
}

void fxPtrMapFree(FxPtrMap *m) {
  fxScratchFree(m->slots, m->cap * sizeof *m->slots);
  *m = (FxPtrMap){NULL, 0, 0};
}

void fxPtrMapClear(FxPtrMap *m) {
  if (!m->num)
    return;
  /* A few keys in a large table: a table sized for them costs what was put
   * instead of the table's size (the layout memo is cleared at every
   * scatter, holding one or two keys: 4 KB cleared each time was a quarter
   * of fx-fix-functionalization's instructions at 300 layers). */
  FxPtrMap small = {NULL, 0, 0};
  if (8 * m->num < m->cap && fxPtrMapInitFor(&small, m->num) &&
      small.cap < m->cap) {
    fxPtrMapFree(m);
    *m = small;
    return;
  }
  fxPtrMapFree(&small);
  memset(m->slots, 0, m->cap * sizeof *m->slots); /* 0 keys: empty slots */
  m->num = 0;
}

static bool grow(FxPtrMap *m) {
  FxPtrMap bigger;
  if (!fxPtrMapInit(&bigger, m->cap * 2))
    return false;
  for (size_t i = 0; i < m->cap; ++i)
    if (m->slots[i].key) {
      bigger.slots[slotOf(&bigger, m->slots[i].key)] = m->slots[i];
      ++bigger.num;
    }
  fxPtrMapFree(m);
  *m = bigger;
  return true;
}

bool fxPtrMapPut(FxPtrMap *m, const void *ptr, intptr_t val) {
  uintptr_t key = (uintptr_t)ptr;
  if (!m->cap || (!fits(m->num + 1, m->cap) && !grow(m)))
    return false;
  FxPtrMapSlot *s = &m->slots[slotOf(m, key)];
  if (!s->key) {
    s->key = key;
    ++m->num;
  }
  s->val = val;
  return true;
}

bool fxPtrMapGet(const FxPtrMap *m, const void *ptr, intptr_t *val) {
  if (!m->cap)
    return false;
  const FxPtrMapSlot *s = &m->slots[slotOf(m, (uintptr_t)ptr)];
  if (!s->key)
    return false;
  *val = s->val;
  return true;
}

void fxPtrMapRemove(FxPtrMap *m, const void *ptr) {
  if (!m->cap)
    return;
  size_t i = slotOf(m, (uintptr_t)ptr);
  if (!m->slots[i].key)
    return;
  /* Backward-shift deletion: move later entries of the probe run into the
   * hole when their home slot does not lie strictly between the hole and
   * them, so every lookup still finds its key. */
  size_t mask = m->cap - 1;
  for (size_t j = (i + 1) & mask; m->slots[j].key; j = (j + 1) & mask) {
    size_t home = homeOf(m, m->slots[j].key);
    bool between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (between)
      continue;
    m->slots[i] = m->slots[j];
    i = j;
  }
  m->slots[i].key = 0;
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

_Static_assert((int)FX_OP_NUM_KINDS < (int)FX_TAG_KIND,
               "an op's kind + 1 fits its tag");

unsigned fxBlockOpsTag(MlirOperation op, MlirIdentifier funcReturn) {
  unsigned tag = (unsigned)(fxOpGetKind(op) + 1);
  if (mlirIdentifierEqual(mlirOperationGetName(op), funcReturn))
    tag |= FX_TAG_RETURN;
  return mlirOperationGetNumRegions(op) ? tag | FX_TAG_REGIONS : tag;
}

bool fxBlockOpsPush(FxBlockOps *b, MlirOperation op, unsigned tag) {
  if (!fxScratchReserve((void **)&b->ops, b->n, &b->cap, sizeof *b->ops,
                        256) ||
      !fxScratchReserve((void **)&b->tags, b->n, &b->capTags, 1, 256))
    return false; /* (one array grown: nothing pushed, the next push goes on) */
  b->ops[b->n] = op;
  b->tags[b->n++] = (uint8_t)tag;
  return true;
}

void fxBlockOpsFree(FxBlockOps *b) {
  fxScratchFree(b->ops, b->cap * sizeof *b->ops);
  fxScratchFree(b->tags, b->capTags);
  *b = (FxBlockOps){NULL, NULL, 0, 0, 0, 0};
}

