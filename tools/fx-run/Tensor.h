/* Tensor.h - fx-run's host tensors: dtypes, shapes from the symbol
 * bindings, seeded random contents, printing.
 *
 * A FxRunTensor owns `data` (malloc'd; free() it) once filled.
 */
#ifndef FX_RUN_TENSOR_H
#define FX_RUN_TENSOR_H

#include "Options.h"
#include "fxrt.h"

#include "mlir-c/IR.h"

/* A contiguous (C-order) host tensor. */
typedef struct FxRunTensor {
  int dtype; /* FxDtype */
  int rank;
  int64_t shape[FXRT_MAX_RANK];
  int64_t numel;
  size_t bytes;
  void *data;
  /* An argument with fx.strides: its strides in elements and the bytes of
   * storage they span (`data` stays C order; the run lays it out). */
  bool strided;
  int64_t strides[FXRT_MAX_RANK];
  size_t storageBytes;
} FxRunTensor;

/* FxDtype of an element type; -1 when libfxrt has no such dtype. */
int fxRunDtypeOf(MlirType element);
/* The .npy descr fx-run reads and writes for an FxDtype ("<f2"; raw bits
 * for bf16 "<u2", the fp8 dtypes and f4e2m1fnx2 "|u1"), and the dtype's
 * MLIR name. */
const char *fxRunNpyDescr(int dtype);
const char *fxRunDtypeName(int dtype);
/* Whether FxDtype `dtype` is a float with one value per element
 * (fx_dtypes.def kind FLOAT or FLOAT8; not the packed f4e2m1fnx2). */
bool fxRunDtypeIsFloat(int dtype);

/* Element `i` of a C-order buffer of `dtype` as a number: a float's value
 * (f64's exactly), an integer's (zero-extended where the .npy descr says
 * unsigned, sign-extended otherwise); a packed f4e2m1fnx2 element has no
 * single value: its byte, as an unsigned integer. */
double fxRunElementValue(const void *data, int dtype, int64_t i);

/* The shape of !fx.tensor `type` with the symbols bound by `o` (marking
 * each binding it uses).  `what` names the value in messages ("argument
 * 2").  Exits with a message for an unbound symbol, a dtype libfxrt lacks,
 * a rank above FXRT_MAX_RANK, or a size in bytes that does not fit in
 * int64_t. */
FxRunTensor fxRunShapeOf(FxRunOptions *o, MlirType type, const char *what);

/* Reads the fx.strides function argument `arg` declares into `t` (whose
 * shape is bound) with the --sym values.  Exits with a message for a
 * negative stride, strides whose elements overlap (fx-run builds each
 * argument from distinct elements) or storage beyond int64 bytes. */
void fxRunStridesOf(FxRunOptions *o, MlirValue arg, FxRunTensor *t,
                    const char *what);

/* The value bound to `sym` by --sym (marked used); exits when unbound. */
int64_t fxRunSymbolValue(FxRunOptions *o, MlirStringRef sym);

/* Fills t->data (t->bytes, already allocated) from the splitmix64 stream
 * `state`: floats uniform on the grid k/2048, k in [-2048, 2048), times
 * `scale`, rounded to the dtype; integers uniform in [0, 64); i1 0 or 1. */
void fxRunFillRandom(FxRunTensor *t, double scale, uint64_t *state);

/* "[3, 8]" */
void fxRunFormatShape(const int64_t *shape, int rank, char *buf, size_t len);
/* Element `i` of a C-order buffer of `dtype`: "1.5 (0x3e00)" for floats
 * (the bits decide bit-identity), "-3" for integers, "0x2c" for a packed
 * f4e2m1fnx2 byte. */
void fxRunFormatElement(const void *data, int dtype, int64_t i, char *buf,
                        size_t len);

#endif /* FX_RUN_TENSOR_H */
