/* ReadIndex.h - "may anything read or write this storage after that op?",
 * and "may this value be returned?", fast.
 *
 * The passes ask, for each op they rewrite, whether the storage an operand
 * lives in is read or written after the op, and whether a value reaches the
 * function's return.  The precise answers walk every use of the storage's
 * root; a buffer that every layer uses (the residual stream), or a chain of
 * 20,000 reshapes, gains a use per rewrite, so asking that at every op
 * would be quadratic.  This index numbers the function's ops once and keeps,
 * per root, the position of its last user and of its last writer (views
 * followed), and per value whether it may reach a func.return.  The
 * summaries only ever over-approximate (uses that disappear are not
 * subtracted, but for a return mark a view's move proves stale:
 * fxReadIndexLostView), so a "no" is always right; on "maybe" the caller
 * asks the precise walk, or declines.
 *
 * Ownership: fxReadIndexCreate returns an index the caller releases with
 * fxReadIndexDestroy; it refers to, and does not own, the function's ops or
 * the schema table.
 */
#ifndef FX_PASSES_READ_INDEX_H
#define FX_PASSES_READ_INDEX_H

#include "PtrMap.h"
#include "fxir/Fx.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxReadIndex FxReadIndex;

/* Numbers the ops of `func`'s entry block; `table` says which uses write.
 * `memoRoots` remembers storage roots along view chains and across merges;
 * only for a pass that creates no op (a value created at the address of an
 * erased one would inherit its links).  NULL when out of memory (callers
 * then use the precise walks only; every query below accepts a NULL index
 * and answers "maybe").  `block`, when not null, is the entry block's ops
 * in order (FxFunctionFacts' `top`, exact: nothing changed since it was
 * taken): they are numbered from it, in a map sized for them once, instead
 * of walking the block again. */
FxReadIndex *fxReadIndexCreate(MlirOperation func, FxSchemaTable *table,
                               bool memoRoots, const FxBlockOps *block);
void fxReadIndexDestroy(FxReadIndex *index);

/* The index in `block` of `op`, for an index created from `block` (an
 * FxBlockIndexFn: `index` is the FxReadIndex): found from its position;
 * -1 for an op not numbered, and an op created at one's address (placed or
 * not) may get its index. */
intptr_t fxReadIndexBlockIndex(const void *index, MlirOperation op);

/* Gives `op`, created by the pass, the position of `at`, and forgets
 * whatever was remembered of values at its results' addresses.  Every op a
 * pass creates must be placed before any question about it. */
void fxReadIndexPlace(FxReadIndex *index, MlirOperation op, MlirOperation at);

/* The storage root of `v` (fxStorageRoot), remembering every value on the
 * way, so a chain of views is walked once, not once per query; it follows
 * fxReadIndexMerge (a value whose uses went to another's storage has that
 * storage's root). */
MlirValue fxReadIndexRoot(FxReadIndex *index, MlirValue v);

/* False only when no op after `after` uses `root` or a view of it. */
bool fxReadIndexMayReadAfter(FxReadIndex *index, MlirValue root,
                             MlirOperation after);

/* False only when no op after `after` writes `root` or a view of it in
 * place; when it may, *writer is the location of the last such op (null
 * if unknown; the op itself may be gone). */
bool fxReadIndexMayWriteAfter(FxReadIndex *index, MlirValue root,
                              MlirOperation after, MlirLocation *writer);

/* False only when neither `v` nor a view of it reaches a func.return. */
bool fxReadIndexMayReachReturn(FxReadIndex *index, MlirValue v);

/* Call before replacing all uses of `from` by `to`: the summaries of to's
 * storage root then cover from's users too. */
void fxReadIndexMerge(FxReadIndex *index, MlirValue from, MlirValue to);

/* Call after creating `op`, which writes `v` in place (an auto_functionalized
 * made in-place call): the summary of v's storage then has that write. */
void fxReadIndexNoteWrite(FxReadIndex *index, MlirValue v, MlirOperation op);

/* Call when uses of `from` (or of its views) now go to `to` instead: `to`
 * and the values it is a view of may reach the return if `from` did. */
void fxReadIndexMoveUses(FxReadIndex *index, MlirValue from, MlirValue to);

/* Call after a view-like op stopped reading `v` (its operand was set to
 * another value): forgets that `v` may reach a func.return when no use of
 * `v` left is a func.return or a view-like op whose result may reach one.
 * Only a mark is cleared, and only on that proof from the (never
 * under-approximating) marks of v's users, so "no" stays right; at most a
 * bounded number of uses is looked at (more: the mark stays). */
void fxReadIndexLostView(FxReadIndex *index, MlirValue v);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_READ_INDEX_H */
