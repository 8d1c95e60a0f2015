/* ReadIndex.h - "may anything read this storage after that op?", fast.
 *
 * fx-fix-functionalization asks, for each call it rewrites, whether the
 * storage a mutated operand lives in is read after the call.  The precise
 * answer (fxFindReadAfter) walks every use of the storage's root; a buffer
 * that every layer writes in place (the residual stream) gains a use per
 * rewritten call, so asking that at every layer would be quadratic.  This
 * index numbers the function's ops once and keeps, per root, the position of
 * its last user (views followed): when that is not after the call, nothing
 * reads after it; otherwise the precise walk decides.  The summary only
 * ever over-approximates (uses that disappear are not subtracted), so a
 * "no" is always right.
 *
 * Ownership: fxReadIndexCreate returns an index the caller releases with
 * fxReadIndexDestroy; it refers to, and does not own, the function's ops.
 */
#ifndef FX_PASSES_READ_INDEX_H
#define FX_PASSES_READ_INDEX_H

#include "Fx.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxReadIndex FxReadIndex;

/* Numbers the ops of `func`'s entry block; NULL when out of memory (callers
 * then use the precise walk only). */
FxReadIndex *fxReadIndexCreate(MlirOperation func);
void fxReadIndexDestroy(FxReadIndex *index);

/* Gives `op`, created by the pass, the position of `at`. */
void fxReadIndexPlace(FxReadIndex *index, MlirOperation op, MlirOperation at);

/* False only when no op after `after` uses `root` or a view of it. */
bool fxReadIndexMayReadAfter(FxReadIndex *index, MlirValue root,
                             MlirOperation after);

/* Call before replacing all uses of `from` by a value whose storage root is
 * `toRoot`: toRoot's summary then covers from's users too. */
void fxReadIndexMerge(FxReadIndex *index, MlirValue from, MlirValue toRoot);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_READ_INDEX_H */
