/* Scratch.h - memory for the passes' large per-run tables, kept between
 * runs while a pass object exists.
 *
 * A pass over a large function builds tables of its ops (the read index's
 * positions, the first walk's list: about 800 KB at 1000 layers) and
 * frees them when it ends; the next pass builds the same tables again.
 * Memory that large comes from the system as fresh pages, and a page's
 * first touch is a fault: about 10 µs on the hosts this project is
 * measured on, a tenth of the passes' time (docs/performance.md, session
 * 30).  So blocks of at least FX_SCRATCH_MIN bytes that a run frees are
 * kept, up to FX_SCRATCH_KEEP bytes in all, and handed to the next
 * allocation they fit, while any fx pass object exists (fxScratchHold in
 * its construct callback, fxScratchUnhold in its destruct: MLIR's pass
 * managers own the objects, so memory is kept for as long as a pipeline
 * that could use it).  When the last pass object goes, the kept blocks are
 * freed.  Thread-safe: passes run on several functions at once.
 *
 * Ownership: a block from fxScratchAlloc or fxScratchRealloc is the
 * caller's until it passes it, with the size it asked for, to
 * fxScratchFree or fxScratchRealloc.  Blocks below FX_SCRATCH_MIN are
 * plain malloc blocks (the allocator recycles small blocks well); a larger
 * one may hold more than was asked (a kept block reused), and is kept and
 * counted by what it holds. */
#ifndef FX_PASSES_SCRATCH_H
#define FX_PASSES_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { FX_SCRATCH_MIN = 64 * 1024 };
#define FX_SCRATCH_KEEP ((size_t)64 << 20)

/* `bytes` bytes, zeroed when `zero`; NULL when out of memory. */
void *fxScratchAlloc(size_t bytes, bool zero);
/* `p` (of `old` bytes, or NULL with `old` 0) grown to `bytes` > `old`, its
 * first `old` bytes kept; NULL (and `p` untouched) when out of memory. */
void *fxScratchRealloc(void *p, size_t old, size_t bytes);
/* fxArrayReserve (PtrMap.h) for an array of this memory: room for one more
 * of `num` elements of `elem` bytes in `*array` of `*cap`; false (nothing
 * changed) when out of memory.  Release it with fxScratchFree(*array,
 * *cap * elem). */
bool fxScratchReserve(void **array, size_t num, size_t *cap, size_t elem,
                      size_t first);
/* Releases `p` of `bytes` bytes: kept for a later allocation while a pass
 * object holds the memory and there is room, freed otherwise. */
void fxScratchFree(void *p, size_t bytes);

/* A pass object's lifetime: kept blocks are freed when the last holder
 * lets go. */
void fxScratchHold(void);
void fxScratchUnhold(void);
/* Bytes kept now (for tests). */
size_t fxScratchKeptBytes(void);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_SCRATCH_H */
