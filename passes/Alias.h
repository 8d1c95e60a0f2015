/* Alias.h - storage aliasing facts the fx passes share.
 *
 * fx.reshape, fx.view and fx.slice results may share their input's storage
 * (torch returns views where it can), and so do torch's view ops as fx.call
 * (aten::t, permute, select.int, as_strided, ...: the impl VIEW rows of
 * fx_builtins.def): these are the view-like ops.  Every other fx result is
 * a new value, or an alias the model does not follow (fxOpReturnsAlias).
 * A value's "storage root" is what remains after walking up those view-like
 * ops; its "storage class" is the root and every value derived from it by
 * view-like ops.  In-place writes are fx.call operands whose schema marks
 * them mutated, every operand of an fx.call without a schema, and operands
 * of ops fxir does not know.  A reshape that copies is treated as a view:
 * that only adds aliases, so every "no" stays right (DESIGN §3).  Which
 * elements a view covers is the region model's (Region.h).
 */
#ifndef FX_PASSES_ALIAS_H
#define FX_PASSES_ALIAS_H

#include "fxir/Fx.h"
#include "Region.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fx.reshape, fx.view, fx.slice, and an fx.call of a torch view op on one
 * tensor (operand 0, `self`) with one result of its dtype.  Operand 0 is
 * the viewed value, result 0 the view. */
bool fxOpIsViewLike(MlirOperation op);
/* The same for an op whose kind the caller has (fxOpGetKind(op)). */
bool fxOpIsViewLikeOfKind(MlirOperation op, FxOpKind kind);

/* What may give several elements of `v` one memory location, or null: a
 * torch view whose row says REPEATS (aten::expand's stride 0, aten::
 * as_strided's overlapping rows: kernels/fx_builtins.def) among the
 * view-like ops `v` is reached through, or a root that is not known to
 * have one location per element -- the result of an op fxir does not know
 * (func.call: the callee may return an expand), another block's argument
 * (the op owning the block).  Every other view of an fx op's result or of
 * a function argument keeps one location per element. */
MlirOperation fxViewMayRepeatLocations(MlirValue v);

/* How a remark names `op`: a call's target ("aten::expand"), else the op's
 * name ("func.call"). */
MlirStringRef fxOpDisplayName(MlirOperation op);

/* The value `v`'s storage comes from (v itself when not a view-like result). */
MlirValue fxStorageRoot(MlirValue v);

/* Whether fx.call `op` writes its operand `i` (NULL schema: unknown target,
 * which reads and writes every operand). */
bool fxCallWritesOperand(MlirOperation op, const FxSchema *schema, intptr_t i);

/* Whether `use` may write the storage it names: an fx.call's mutated (or
 * unknown-target) operand, or an operand of an op fxir does not know (a
 * func.call may write its arguments); func.return and fx's functional ops
 * never write. */
bool fxUseWrites(MlirOpOperand use, FxSchemaTable *table);
/* The same for a use whose owner's kind the caller has. */
bool fxUseWritesOfKind(MlirOpOperand use, FxOpKind ownerKind,
                       FxSchemaTable *table);

/* The first op after `after` (in its block; ops in other blocks count as
 * after) that writes in place `v` or a value derived from `v` by view-like
 * ops; null when none. */
MlirOperation fxFindWriteAfter(MlirValue v, MlirOperation after,
                               FxSchemaTable *table);

/* Whether `op` may return an alias of an operand, or two results that
 * alias each other: a schema return with an alias set (aten::copy_), an
 * fx.call without a schema, an op fxir does not know (func.call) that
 * returns tensors and takes one or returns two. */
bool fxOpReturnsAlias(MlirOperation op, FxSchemaTable *table);

/* Whether the owner of `use` may return that operand (or an alias of it)
 * as a result: the parameter it binds to shares its alias set with a
 * return of the schema (aten::copy_'s `self`), or the op may return any
 * operand (fxOpReturnsAlias without a schema to say which: func.call). */
bool fxUseMayComeBack(MlirOpOperand use, FxSchemaTable *table);

/* Whether `v` or a value derived from it by view-like ops is returned by the
 * function (a func.return operand). */
bool fxReachesReturn(MlirValue v);

/* The same, not counting the ways through `except` (a view of `v`, or `v`
 * itself: then false). */
bool fxReachesReturnExcept(MlirValue v, MlirValue except);

/* Whether any op of a function may return an alias the model does not
 * follow (aten::copy_'s `-> Tensor(a!)`, not a torch view op), found
 * once per pass run: fxReturnedAliasesNote on every op of the function
 * (fxPassBeginRewrite's walk).  The fx passes never add a call
 * to a new target, so a "no" holds for the whole run and lets
 * fxHasReturnedAlias skip its walk over every use of a root, which would
 * make a pass quadratic on storage every layer uses (the residual stream). */
typedef struct FxReturnedAliases {
  FxSchemaTable *table;
  bool any;
} FxReturnedAliases;

/* Sets aliases->any if `op`, of kind `kind` (fxOpGetKind), is such an op. */
void fxReturnedAliasesNote(FxReturnedAliases *aliases, MlirOperation op,
                           FxOpKind kind);

/* Whether the storage behind `root` may also be reached through the result
 * of an op that returns an alias the model does not follow (fxOpReturnsAlias
 * less the view-like ops): `root` is such a result, or it or a view of it
 * is an operand of such an op.  The storage
 * model here does not follow those aliases; passes treat such storage as
 * shared with the unknown.  A use by `exempt` (may be null) does not
 * count. */
bool fxHasReturnedAlias(const FxReturnedAliases *aliases, MlirValue root,
                        MlirOperation exempt);

/* Whether `v` or a value derived from it by view-like ops is an operand
 * that an op may return an alias of (fxUseMayComeBack: aten::copy_'s
 * `self`, the `self` of torch's view ops, any operand of a call without a
 * schema or of func.call): then that op's result reaches v's storage. */
bool fxMayComeBackThrough(const FxReturnedAliases *aliases, MlirValue v);

/* Index of `v` among its function's arguments, or -1 when not an argument. */
intptr_t fxFunctionArgIndex(MlirValue v);

/* Whether `user` runs after `op`: later in the same block, or in another
 * block (conservatively). */
bool fxIsAfter(MlirOperation op, MlirOperation user);

/* A use of the storage that reads it after a write, found by
 * fxFindReadAfter; `why` is non-null when the use was counted only because
 * the regions could not be told apart (the reason, for remarks). */
typedef struct FxReader {
  MlirOperation op;
  const char *why;
} FxReader;

/* The first op after `after` that reads `written` (a region of the storage
 * behind `root`), not counting the `self` operand of `exempt` (an
 * aten::copy_ that writes the storage back, whose `self` is written, not
 * read; may be null).  Views are followed
 * with their regions, and ones disjoint from `written` skipped; a
 * slice_scatter into the storage passes on, through its result, the part of
 * `written` it does not overwrite; every other use (calls, func.return,
 * ops fxir does not know) reads.  A null op when none. */
FxReader fxFindReadAfter(MlirValue root, const FxRegion *written,
                         MlirOperation after, MlirOperation exempt);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_ALIAS_H */
