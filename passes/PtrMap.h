/* PtrMap.h - a map from pointers (MLIR handles' .ptr) to intptr_t, for the
 * passes' per-run caches, and the growth of their arrays.  Open addressing, at most half full.
 *
 * Ownership: fxPtrMapInit allocates, fxPtrMapFree releases; a zeroed
 * FxPtrMap that failed to initialise is valid to free and to query (it holds
 * nothing). */
#ifndef FX_PASSES_PTRMAP_H
#define FX_PASSES_PTRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxPtrMap {
  uintptr_t *keys; /* 0 = empty slot */
  intptr_t *vals;
  size_t cap, num; /* cap is a power of two */
} FxPtrMap;

/* `cap` a power of two; false when out of memory. */
bool fxPtrMapInit(FxPtrMap *m, size_t cap);
void fxPtrMapFree(FxPtrMap *m);
/* Empties `m`, keeping its memory (a map that forgets often). */
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

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_PTRMAP_H */
