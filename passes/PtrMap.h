/* PtrMap.h - a map from pointers (MLIR handles' .ptr) to intptr_t, for the
 * passes' per-run caches, the growth of their arrays, and a block's ops.  Open addressing
 * with linear probing, at most three quarters full; a key and its value
 * share a slot, so a lookup in a map larger than the caches misses once,
 * not once for the key and once for the value.
 *
 * Ownership: fxPtrMapInit allocates, fxPtrMapFree releases; a zeroed
 * FxPtrMap that failed to initialise is valid to free and to query (it holds
 * nothing).  A large map's slots, and a large FxBlockOps's arrays, are
 * memory kept between pass runs (Scratch.h). */
#ifndef FX_PASSES_PTRMAP_H
#define FX_PASSES_PTRMAP_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxPtrMapSlot {
  uintptr_t key; /* 0 = empty slot */
  intptr_t val;
} FxPtrMapSlot;

typedef struct FxPtrMap {
  FxPtrMapSlot *slots;
  size_t cap, num; /* cap is a power of two */
} FxPtrMap;

/* `cap` a power of two; false when out of memory. */
bool fxPtrMapInit(FxPtrMap *m, size_t cap);
/* Room for `n` keys before the first growth: the smallest table that holds
 * them (a map of every op of a large function, sized once: grown by
 * doubling from a small one, its rehashes were a third of its cost, and
 * each slot more is memory a first touch pays for). */
bool fxPtrMapInitFor(FxPtrMap *m, size_t n);
void fxPtrMapFree(FxPtrMap *m);
/* Empties `m`: keeps its memory, or takes a smaller table when it held
 * few keys for its size (clearing then costs what was put). */
void fxPtrMapClear(FxPtrMap *m);
/* Sets key -> val; false (nothing stored) when out of memory. */
bool fxPtrMapPut(FxPtrMap *m, const void *key, intptr_t val);
bool fxPtrMapGet(const FxPtrMap *m, const void *key, intptr_t *val);
/* Removes `key` if present. */
void fxPtrMapRemove(FxPtrMap *m, const void *key);

/* Makes room for one more element in the malloc'ed `*array` of `*cap`
 * elements of `elem` bytes when `num` == `*cap`: doubles it, or allocates
 * `first` for an empty one.  False (nothing changed) when out of memory. */
bool fxArrayReserve(void **array, size_t num, size_t *cap, size_t elem,
                    size_t first);

/* A function's entry block as the passes' first walk saw it: its ops in
 * order, each with a tag of what the walk learnt of it, so that later steps
 * read arrays instead of walking the block and reading every op again.  A
 * walk chases a pointer per op, and in a large function each op read is a
 * cache miss; the arrays' loads are sequential. */
typedef struct FxBlockOps {
  MlirOperation *ops; /* null: erased since (fxApplyRewrites) */
  uint8_t *tags; /* the op's FxOpKind + 1 (FX_TAG_KIND), | the flags */
  size_t n, cap, capTags;
  /* Bit (FxOpKind + 1) of every op inserted or moved since the list was
   * taken: where those ops are, the list does not say. */
  uint32_t inserted;
} FxBlockOps;

enum {
  FX_TAG_KIND = 0x0f,    /* fxOpGetKind + 1: 0 for an op of no fx kind */
  FX_TAG_RETURN = 0x10,  /* a func.return */
  FX_TAG_REGIONS = 0x20, /* has regions */
};

/* The tag of `op`; `funcReturn` is "func.return" in its context. */
unsigned fxBlockOpsTag(MlirOperation op, MlirIdentifier funcReturn);
/* Appends `op` with its tag; false (nothing changed) when out of memory. */
bool fxBlockOpsPush(FxBlockOps *b, MlirOperation op, unsigned tag);
void fxBlockOpsFree(FxBlockOps *b);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_PTRMAP_H */
