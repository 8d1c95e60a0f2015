/* Rewire.h - may a value stand for another that may live elsewhere?
 *
 * fx-noop-elimination (bypassing a reshape that may copy, replacing a
 * full-cover scatter by its source) and fx-fix-functionalization's
 * scatter-back elimination make `old` (the result of an op that may have
 * copied) stand for `value`, which may be other storage.  That is invisible
 * only when (DESIGN §3):
 *   - neither storage is reached through an op that may return an alias
 *     (aten::copy_, a call without a schema, func.call): the region model
 *     does not see those;
 *   - nothing writes either storage class in place from `since` on (the op
 *     from which the two may differ): then every value involved keeps its
 *     contents whatever aliases what;
 *   - no function result would alias an argument, or another result, that
 *     it did not alias before;
 *   - no fx.view among old's views would see another layout: `value` is
 *     known contiguous, as the runtime makes every new tensor.
 */
#ifndef FX_PASSES_REWIRE_H
#define FX_PASSES_REWIRE_H

#include "Alias.h"
#include "Layout.h"
#include "ReadIndex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a pass knows for the questions above (none owned here). */
typedef struct FxRewire {
  FxReadIndex *index; /* may be NULL: every summary says "maybe" */
  const FxReturnedAliases *aliases;
  FxLayouts *layouts;
} FxRewire;

/* Whether `old` may stand for `value` (see above); if not, the remark text
 * "kept: <what> would ..." is written to `why`. */
bool fxRewireIsSafe(const FxRewire *rw, MlirOperation since, MlirValue old,
                    MlirValue value, const char *what, char *why, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_REWIRE_H */
