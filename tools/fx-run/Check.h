/* Check.h - --check-passes: compares every run with the run without the fx
 * passes, bit for bit, on everything a caller can see: each function result
 * and the final contents of each argument buffer the function does not own
 * (every tensor argument without `fx.donated`; a write into the caller's
 * memory is a miscompile the results alone do not show).
 *
 * Buffers are numbered results first (0 .. numResults-1), then arguments.
 * The checker keeps the reference run's results (borrowed: the caller keeps
 * them alive) and, for an argument the reference run changed, a copy of its
 * final contents; an argument it left alone is compared with the input.
 */
#ifndef FX_RUN_CHECK_H
#define FX_RUN_CHECK_H

#include "Tensor.h"

typedef struct FxRunCheck FxRunCheck;

/* `inputs[i]` is argument i's input (dtype, shape, data; rank -1 for an
 * argument that is not compared: a !fx.sym or a donated tensor).
 * `argNames[i]` and `resultNames[k]` label the buffers ("argument 0 (%x)",
 * "result 1").  All are borrowed until fxRunCheckDestroy. */
FxRunCheck *fxRunCheckCreate(int numResults, const char *const *resultNames,
                             int numArgs, const char *const *argNames,
                             const FxRunTensor *inputs);
void fxRunCheckDestroy(FxRunCheck *c);

/* The reference run ("none"): its results, and each compared argument's
 * final contents (host memory, valid during the call only). */
void fxRunCheckSetReference(FxRunCheck *c, const FxRunTensor *results);
void fxRunCheckSetReferenceArg(FxRunCheck *c, int arg, const void *final);

/* Compares one run with the reference; `orders` names the orders that gave
 * this module ("fix-noop-dce, twice"). */
void fxRunCheckResults(FxRunCheck *c, const FxRunTensor *results,
                       const char *orders);
void fxRunCheckArg(FxRunCheck *c, int arg, const void *final,
                   const char *orders);

/* Prints one line per buffer: `out<K>: bit-identical`, or per order that
 * differs `out<K>: MISMATCH under ORDERS: result K, element I [i, j]: A
 * without fx passes, B with` (arguments alike, `arg<I>:`), then a line on
 * the arguments compared.  Returns the number of buffers that differ. */
int fxRunCheckReport(FxRunCheck *c);

#endif /* FX_RUN_CHECK_H */
