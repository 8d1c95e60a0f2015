/* Alias.h - storage aliasing facts the fx passes share.
 *
 * fx.reshape, fx.view and fx.slice results may share their input's storage
 * (torch returns views where it can); every other fx result is a new value.
 * A value's "storage root" is what remains after walking up those view-like
 * ops; its "storage class" is the root and every value derived from it by
 * view-like ops.  In-place writes are fx.call operands whose schema marks
 * them mutated, or every operand of an fx.call without a schema.
 */
#ifndef FX_PASSES_ALIAS_H
#define FX_PASSES_ALIAS_H

#include "Fx.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fx.reshape, fx.view, fx.slice */
bool fxOpIsViewLike(MlirOperation op);

/* The value `v`'s storage comes from (v itself when not a view-like result). */
MlirValue fxStorageRoot(MlirValue v);

/* Whether fx.call `op` writes its operand `i` (NULL schema: unknown target,
 * which reads and writes every operand). */
bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema, intptr_t i);

/* The first op after `after` (in its block; ops in other blocks count as
 * after) that writes in place `v` or a value derived from `v` by view-like
 * ops; null when none. */
MlirOperation fxFindWriteAfter(MlirValue v, MlirOperation after,
                               FxSchemaTable *table);

/* Whether `v` or a value derived from it by view-like ops is returned by the
 * function (a func.return operand). */
bool fxReachesReturn(MlirValue v);

/* Index of `v` among its function's arguments, or -1 when not an argument. */
intptr_t fxFunctionArgIndex(MlirValue v);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_ALIAS_H */
