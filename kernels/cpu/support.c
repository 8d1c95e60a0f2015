/* support.c - the dtype table, validation, row iteration and scratch of the
 * CPU kernels (see fx_cpu.h). */
#include "cpu/fx_cpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- The dtype table ----------------------------------------------------===*/

/* One load/store pair per dtype, stamped out from the per-element math of
 * common/ so the inner loops are specialised (no switch per element).  The
 * dense case gets its own loop: a constant stride lets the compiler
 * vectorize it. */
#define FX_ROW_LOOP(N, ST, BODY)                                               \
  do {                                                                         \
    if ((ST) == (int64_t)sizeof(CTYPE_)) {                                     \
      const int64_t st_ = (int64_t)sizeof(CTYPE_);                             \
      for (int64_t i = 0; i < (N); i++)                                        \
        BODY                                                                   \
    } else {                                                                   \
      const int64_t st_ = (ST);                                                \
      for (int64_t i = 0; i < (N); i++)                                        \
        BODY                                                                   \
    }                                                                          \
  } while (0)

#define FX_ROW_IO(NAME, CTYPE, TO_F32, FROM_F32)                               \
  static void fxLoad_##NAME(float *d, const char *s, int64_t n, int64_t st) { \
    typedef CTYPE CTYPE_;                                                      \
    FX_ROW_LOOP(n, st, {                                                       \
      CTYPE_ v;                                                                \
      memcpy(&v, s + i * st_, sizeof v);                                       \
      d[i] = TO_F32(v);                                                        \
    });                                                                        \
  }                                                                            \
  static void fxStore_##NAME(char *d, const float *s, int64_t n, int64_t st) { \
    typedef CTYPE CTYPE_;                                                      \
    FX_ROW_LOOP(n, st, {                                                       \
      CTYPE_ v = FROM_F32(s[i]);                                               \
      memcpy(d + i * st_, &v, sizeof v);                                       \
    });                                                                        \
  }

#define FX_ID(x) (x)
#define FX_TO_F(x) ((float)(x))
#define FX_I1(x) ((x) ? 1.0f : 0.0f)
#define FX_TO_I1(x) ((uint8_t)((x) != 0.0f))
#define FX_TO_I32(x) ((int32_t)fxRneSat((x), -2147483648.0, 2147483647.0))
#define FX_TO_I64(x) fxRneSat((x), -9223372036854775808.0, 9223372036854774784.0)
#define FX_TO_I16(x) ((int16_t)fxRneSat((x), -32768.0, 32767.0))
#define FX_TO_UI8(x) ((uint8_t)fxRneSat((x), 0.0, 255.0))

FX_ROW_IO(f32, float, FX_ID, FX_ID)
FX_ROW_IO(f16, uint16_t, fxF16ToF32, fxF32ToF16)
FX_ROW_IO(bf16, uint16_t, fxBF16ToF32, fxF32ToBF16)
FX_ROW_IO(f8E4M3FN, uint8_t, fxF8E4M3FNToF32, fxF32ToF8E4M3FN)
FX_ROW_IO(i8, int8_t, FX_TO_F, fxQuantI8)
FX_ROW_IO(i32, int32_t, FX_TO_F, FX_TO_I32)
FX_ROW_IO(i64, int64_t, FX_TO_F, FX_TO_I64)
FX_ROW_IO(i1, uint8_t, FX_I1, FX_TO_I1)
FX_ROW_IO(f64, double, fxF64ToF32, fxF32ToF64)
FX_ROW_IO(i16, int16_t, FX_TO_F, FX_TO_I16)
FX_ROW_IO(ui8, uint8_t, FX_TO_F, FX_TO_UI8)
FX_ROW_IO(f8E5M2, uint8_t, fxF8E5M2ToF32, fxF32ToF8E5M2)
FX_ROW_IO(f8E8M0FNU, uint8_t, fxF8E8M0FNUToF32, fxF32ToF8E8M0FNU)
/* A packed f4e2m1fnx2 element is two values, not one float: no row
 * loader.  It is in no kernel's dtype set and copy_ refuses to convert it,
 * so nothing calls these (a call would crash, never give garbage). */
#define fxLoad_f4E2M1FNx2 NULL
#define fxStore_f4E2M1FNx2 NULL

/* Indexed by FxDtype: one entry per row of fx_dtypes.def. */
#define FX_IS_FLOAT_FLOAT 1
#define FX_IS_FLOAT_FLOAT8 1
#define FX_IS_FLOAT_INT 0
#define FX_IS_FLOAT_BOOL 0
#define FX_IS_FLOAT_PACKED 0
static const FxCpuDtype fxDtypes[] = {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  [value] = {torch, bytes, FX_IS_FLOAT_##kind, fxLoad_##mlir, fxStore_##mlir},
#include "fx_dtypes.def"
};

const FxCpuDtype *fxCpuDtype(int32_t dtype) {
  if (dtype < 0 || dtype >= (int32_t)(sizeof fxDtypes / sizeof fxDtypes[0]))
    return NULL;
  return &fxDtypes[dtype];
}

const char *fxCpuDtypeName(int32_t dtype) {
  const FxCpuDtype *d = fxCpuDtype(dtype);
  return d ? d->name : dtype == FX_DTYPE_ABSENT ? "absent" : "unknown";
}

size_t fxDtypeSize(int32_t dtype) {
  const FxCpuDtype *d = fxCpuDtype(dtype);
  return d ? (size_t)d->size : 0;
}

/*===-- Validation ---------------------------------------------------------===*/

int fxCpuCheck(const char *kernel, const char *name, const FxTensor *t,
               uint32_t dtypes, int minRank, int maxRank) {
  if (!t) {
    fxCpuError(kernel, "required tensor '%s' is absent", name);
    return -1;
  }
  if (!fxCpuDtype(t->dtype) || !(dtypes & FX_DT(t->dtype))) {
    fxCpuError(kernel, "'%s' has unsupported dtype %s", name,
               fxCpuDtypeName(t->dtype));
    return -1;
  }
  if (t->rank < minRank || t->rank > maxRank) {
    fxCpuError(kernel, "'%s' has rank %d, expected %d to %d", name, t->rank,
               minRank, maxRank);
    return -1;
  }
  return 0;
}

int fxCpuCheckSameShape(const char *kernel, const char *an, const FxTensor *a,
                        const char *bn, const FxTensor *b) {
  int same = a->rank == b->rank;
  for (int d = 0; same && d < a->rank; d++)
    same = a->sizes[d] == b->sizes[d];
  if (!same)
    fxCpuError(kernel, "'%s' and '%s' must have the same shape", an, bn);
  return same ? 0 : -1;
}

int fxCpuCheckSameDtype(const char *kernel, const char *name, const FxTensor *t,
                        const char *refName, const FxTensor *ref) {
  if (t->dtype == ref->dtype)
    return 0;
  fxCpuError(kernel, "'%s' is %s but '%s' is %s", name,
             fxCpuDtypeName(t->dtype), refName, fxCpuDtypeName(ref->dtype));
  return -1;
}

int fxCpuCheckNumel(const char *kernel, const char *name, const FxTensor *t,
                    int64_t numel, const char *what) {
  int64_t n = fxTensorNumel(t);
  if (n == numel)
    return 0;
  fxCpuError(kernel, "'%s' has %lld elements, expected %lld (%s)", name,
             (long long)n, (long long)numel, what);
  return -1;
}

/*===-- Walking tensors ----------------------------------------------------===*/

int fxCpuBroadcastStrides(const char *kernel, const char *name,
                          const FxTensor *t, const char *toName,
                          const FxTensor *to, int64_t *strides) {
  int lead = to->rank - t->rank;
  if (lead < 0) {
    fxCpuError(kernel, "'%s' has rank %d, more than the rank %d of '%s'", name,
               t->rank, to->rank, toName);
    return -1;
  }
  for (int d = 0; d < to->rank; d++) {
    int64_t size = d < lead ? 1 : t->sizes[d - lead];
    if (size != to->sizes[d] && size != 1) {
      fxCpuError(kernel, "'%s' dimension %d of size %lld does not broadcast "
                         "to size %lld of '%s'",
                 name, d - lead, (long long)size, (long long)to->sizes[d],
                 toName);
      return -1;
    }
    strides[d] = d < lead || size != to->sizes[d] ? 0 : t->strides[d - lead];
  }
  return 0;
}

void fxCpuRowsInit(FxCpuRows *it, int rank, const int64_t *sizes) {
  memset(it, 0, sizeof *it);
  it->rank = rank;
  it->rows = 1;
  for (int d = 0; d < rank; d++) {
    it->sizes[d] = sizes[d];
    it->rows *= sizes[d];
  }
}

int fxCpuRowsAdd(FxCpuRows *it, const FxTensor *t, const int64_t *strides) {
  int k = it->nops++;
  int64_t es = fxElemSize(t->dtype);
  for (int d = 0; d < it->rank; d++)
    it->strides[k][d] = (strides ? strides[d] : t->strides[d]) * es;
  it->ptr[k] = (char *)t->data;
  return k;
}

int fxCpuRowsNext(FxCpuRows *it) {
  if (it->row >= it->rows)
    return 0;
  if (it->row > it->first) {
    /* Odometer step: bump the innermost outer index, carry outwards. */
    for (int d = it->rank - 1; d >= 0; d--) {
      for (int k = 0; k < it->nops; k++)
        it->ptr[k] += it->strides[k][d];
      if (++it->idx[d] < it->sizes[d])
        break;
      for (int k = 0; k < it->nops; k++)
        it->ptr[k] -= it->strides[k][d] * it->sizes[d];
      it->idx[d] = 0;
    }
  }
  it->row++;
  return 1;
}

void fxCpuRowsSeek(FxCpuRows *it, int64_t begin, int64_t end) {
  /* Decompose `begin` row-major over the outer sizes (all > 0 when
   * begin < rows) and move every operand there. */
  int64_t r = begin;
  for (int d = it->rank - 1; d >= 0 && begin < it->rows; d--) {
    it->idx[d] = r % it->sizes[d];
    r /= it->sizes[d];
    for (int k = 0; k < it->nops; k++)
      it->ptr[k] += it->idx[d] * it->strides[k][d];
  }
  it->row = it->first = begin;
  it->rows = end;
}

int64_t fxCpuFlatOffset(const FxTensor *t, int64_t flat) {
  int64_t off = 0;
  for (int d = t->rank - 1; d >= 0; d--) {
    if (t->sizes[d] > 0) {
      off += flat % t->sizes[d] * t->strides[d];
      flat /= t->sizes[d];
    }
  }
  return off;
}

int64_t fxTensorNumel(const FxTensor *t) {
  int64_t n = 1;
  for (int d = 0; d < t->rank; d++)
    n *= t->sizes[d];
  return n;
}

/*===-- Scratch and reductions ---------------------------------------------===*/

float *fxCpuScratch(const char *kernel, int64_t n) {
  float *p = (float *)malloc((size_t)(n > 0 ? n : 1) * sizeof(float));
  if (!p)
    fxCpuError(kernel, "out of memory for %lld floats of scratch", (long long)n);
  return p;
}

float fxCpuSumSquares(const float *x, int64_t n) {
  enum { kLanes = 16 };
  float lane[kLanes] = {0};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; l++)
      lane[l] += x[i + l] * x[i + l];
  for (int l = 0; i < n; i++, l++)
    lane[l] += x[i] * x[i];
  for (int w = kLanes / 2; w > 0; w /= 2)
    for (int l = 0; l < w; l++)
      lane[l] += lane[l + w];
  return lane[0];
}

void fxCpuRowIoInit(FxCpuRowIo *io, const FxTensor *input, const FxTensor *out,
                    const FxTensor *residual) {
  fxCpuRowsInit(&io->it, input->rank - 1, input->sizes);
  io->in = fxCpuRowsAdd(&io->it, input, NULL);
  io->o = fxCpuRowsAdd(&io->it, out, NULL);
  io->res = residual ? fxCpuRowsAdd(&io->it, residual, NULL) : 0;
  io->is = fxCpuInnerStride(input);
  io->os = fxCpuInnerStride(out);
  io->rs = residual ? fxCpuInnerStride(residual) : 0;
}

/*===-- Host staging for kernels without a CUDA launcher -------------------===*/

int fxCpuStage(const FxTensor *const *ts, int n, FxTensor *host) {
  int onGpu = 0;
  for (int i = 0; i < n; i++)
    onGpu |= ts[i] && ts[i]->data && fxCudaDeviceOf(ts[i]->data) >= 0;
  if (!onGpu)
    return 0;
  for (int i = 0; i < n; i++) {
    memset(&host[i], 0, sizeof host[i]);
    if (!ts[i])
      continue;
    host[i] = *ts[i];
    int64_t numel = fxTensorNumel(ts[i]), stride = 1;
    for (int d = ts[i]->rank - 1; d >= 0; d--) {
      host[i].strides[d] = stride;
      stride *= ts[i]->sizes[d];
    }
    size_t bytes = (size_t)(numel * fxDtypeSize(ts[i]->dtype));
    host[i].data = malloc(bytes + 1);
    if (!host[i].data) {
      fxCpuError("fxrt", "out of host memory staging %zu bytes of GPU memory "
                         "for a kernel without a CUDA launcher", bytes);
      return -1;
    }
    fxrt_copy_tensor(&host[i], ts[i]);
  }
  return 1;
}

void fxCpuUnstage(const FxTensor *out, FxTensor *host, int n) {
  if (!fxErrorPending() && host[0].data)
    fxrt_copy_tensor(out, &host[0]);
  for (int i = 0; i < n; i++)
    free(host[i].data);
}
