/* RegionMemo.h - answers of the region model's pure questions, remembered
 * for the length of one pass run.
 *
 * fxRegionOverlap, fxRegionContains and fxRegionPreimage read nothing but
 * their operands' region contents (and, for the preimage, the type of the
 * new root); fxRegionInitRoot reads only the root's type,
 * fxRegionApplyView the region, the op's name and attributes (their
 * dictionary) and the types of its operand and result, and
 * fxRegionOfScatter the op's name, attributes and result type, all uniqued
 * by MLIR.  A graph of N identical layers asks each of them the same question
 * N times about different values; with a memo installed the answer is
 * computed once and copied after that (docs/performance.md).
 *
 * The key is the content of every field the questions read, written out
 * canonically (fxMemoKeyRegion): the view map whole, the positions' arrays
 * to their counts, and never the root value, which the questions do not
 * read.  A hit
 * compares the whole key, not only its hash.  Symbol names are compared by
 * address: they are MLIR's uniqued strings, which live as long as the
 * context, so equal addresses mean equal names (unequal addresses of equal
 * names only cost a miss).
 *
 * The memo is per thread: a pass run installs one (fxRegionMemoInstall)
 * around its work on one function and removes it after, so functions that
 * MLIR runs in parallel never share one.  Without one installed, the
 * questions are computed every time. */
#ifndef FX_PASSES_REGIONMEMO_H
#define FX_PASSES_REGIONMEMO_H

#include "Region.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxRegionMemo FxRegionMemo;

/* An empty memo; NULL when out of memory (the questions then compute). */
FxRegionMemo *fxRegionMemoCreate(void);
/* Frees `m` and every answer it holds; NULL is ignored. */
void fxRegionMemoDestroy(FxRegionMemo *m);
/* Makes `m` (NULL: none) the calling thread's memo; returns the one it
 * replaces, to be reinstalled when the caller is done. */
FxRegionMemo *fxRegionMemoInstall(FxRegionMemo *m);
/* The calling thread's memo, or NULL. */
FxRegionMemo *fxRegionMemoCurrent(void);

/* Questions asked and answered from `m` (for tests and benchmarks). */
void fxRegionMemoStats(const FxRegionMemo *m, long *asked, long *hits);

/*===-- For Region.c and RegionCompare.c ----------------------------------===*/

typedef enum FxMemoQuestion {
  FX_MEMO_OVERLAP = 1,
  FX_MEMO_CONTAINS = 2,
  FX_MEMO_PREIMAGE = 3,
  FX_MEMO_ROOT = 4,   /* fxRegionInitRoot: keyed by the root's type */
  FX_MEMO_VIEW = 5,   /* fxRegionApplyView: by the region and the op */
  FX_MEMO_SCATTER = 6 /* fxRegionOfScatter: by the op and its result's type */
} FxMemoQuestion;

/* A question's key: every byte the answer depends on.  Large (two regions
 * written out in full fit): callers keep it on the stack.  The memo pads
 * and hashes it on the first lookup (it is not const there). */
#define FX_MEMO_KEY_BYTES (2 * sizeof(FxRegion) + 64) /* at most */
typedef struct FxMemoKey {
  size_t n; /* bytes written; SIZE_MAX: did not fit, never remembered */
  bool hashed;
  uint64_t hash;
  /* (+ 3: the hash pads the words to a multiple of four) */
  uint64_t words[(FX_MEMO_KEY_BYTES + 7) / 8 + 3];
} FxMemoKey;

void fxMemoKeyBegin(FxMemoKey *k, FxMemoQuestion q);
void fxMemoKeyRegion(FxMemoKey *k, const FxRegion *r);
void fxMemoKeyPointer(FxMemoKey *k, const void *p);

/* A remembered answer: `wrote` tells whether the question set its `why`
 * (the questions leave it alone unless they answer FX_MAYBE). */
typedef struct FxMemoAnswer {
  FxAnswer answer;
  bool wrote;
  const char *why;
} FxMemoAnswer;

/* Whether `m` holds key `k`'s answer; copies it (and a preimage's region,
 * less its root, into *out when `out` is not NULL). */
bool fxRegionMemoFind(FxRegionMemo *m, FxMemoKey *k, FxMemoAnswer *a,
                      FxRegion *out);
/* Remembers answer `a` (and region `out`, when not NULL) for key `k`; does
 * nothing when out of memory or past the memo's size limit. */
void fxRegionMemoPut(FxRegionMemo *m, FxMemoKey *k, const FxMemoAnswer *a,
                     const FxRegion *out);

/* For the questions whose answer is a region: whether `m` (may be NULL)
 * holds key `k`'s, then copied into *out, whose root it keeps; and
 * remembering *out for `k` (nothing when `m` is NULL). */
bool fxRegionMemoRecall(FxRegionMemo *m, FxMemoKey *k, FxRegion *out);
void fxRegionMemoKeep(FxRegionMemo *m, FxMemoKey *k, const FxRegion *out);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_REGIONMEMO_H */
