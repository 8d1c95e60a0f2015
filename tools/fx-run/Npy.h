/* Npy.h - reading and writing NumPy .npy files (format 1.0/2.0, C order). */
#ifndef FX_NPY_H
#define FX_NPY_H

#include <stddef.h>
#include <stdint.h>

enum { FX_NPY_MAX_RANK = 8 };

typedef struct FxNpy {
  char descr[8];    /* "<f4", "<f2", "<i8", "<i4", "|i1", "<u2", "|u1", "|b1" */
  int rank;
  int64_t shape[FX_NPY_MAX_RANK];
  void *data;       /* malloc'd, owned by the struct: fxNpyFree */
  size_t bytes;
} FxNpy;

/* Reads `path`; returns 0, or -1 with a one-line reason in `err`. */
int fxNpyRead(const char *path, FxNpy *out, char *err, size_t errLen);
/* Writes a C-order array; returns 0, or -1 with a reason in `err`. */
int fxNpyWrite(const char *path, const char *descr, int rank,
               const int64_t *shape, const void *data, size_t bytes,
               char *err, size_t errLen);
void fxNpyFree(FxNpy *npy);

#endif /* FX_NPY_H */
