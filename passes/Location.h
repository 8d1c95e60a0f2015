/* Location.h - an op's location read without printing it whole.
 *
 * MLIR's locations are uniqued, so a fused location may share its parts:
 * `#l1 = loc(fused["p"(#l0), "q"(#l0)])`, and so on, is a DAG whose tree,
 * the form MLIR prints, doubles at each level (40 levels: 2^40 parts from a
 * few lines of text).  So the passes' remarks and the lowering read
 * locations with these walks, which visit each distinct part once or stop
 * after a bound, never the whole tree. */
#ifndef FX_PASSES_LOCATION_H
#define FX_PASSES_LOCATION_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A fixed buffer that MLIR's print callbacks fill: `p` holds `cap` bytes,
 * of which the text takes `n`, always NUL-terminated, the rest cut off
 * (then `cut` is set).  Pass fxTextBufAppend as the callback and the
 * buffer as its user data. */
typedef struct FxTextBuf {
  char *p;
  size_t n, cap; /* cap >= 1 */
  bool cut;
} FxTextBuf;
void fxTextBufAppend(MlirStringRef s, void *userData);

/* The first file position (a FileLineColRange) in `loc`, in the order
 * MLIR prints its parts (a name's child, a call site's callee, a fused
 * location's parts in turn); null if none, or out of memory before one
 * was found.  Visits each distinct part once. */
MlirLocation fxLocationFirstFile(MlirLocation loc);

/* Prints `loc` as MLIR does ("loc(...)") into `out` (cap bytes; cut off
 * with "..." when longer),
 * or "an unknown place" for a null one.  A location too large to print --
 * its tree (callers and fused parts included) has more than
 * FX_LOC_MAX_PRINTED_PARTS parts, or a fused part carries metadata other
 * than an untyped string, a number, a bool or unit, which can be a DAG
 * too -- prints as
 * its first file position, saying so. */
enum { FX_LOC_MAX_PRINTED_PARTS = 64 };
void fxLocString(MlirLocation loc, char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* FX_PASSES_LOCATION_H */
