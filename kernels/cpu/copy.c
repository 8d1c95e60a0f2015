/* copy.c - aten::copy_: `self` gets `src`, converted to self's dtype and
 * broadcast to self's shape, as torch's copy_ does (fxrt.h).
 *
 * Conversions follow c10's casts (c10/util/TypeCast.h: static_cast, with
 * uint8 through int64), element by element, exactly:
 *   - float to float: through fp32 (every fx float but f64 is exact in
 *     fp32; c10's Half, BFloat16 and Float8 types have only a float
 *     constructor, so f64 goes to them through fp32 too, rounding twice as
 *     torch does), then round to nearest even: fp16 (overflow to Inf), bf16
 *     (NaN -> 0x7FC0), float8_e4m3fn as c10's non-saturating cast (|x| >
 *     464, Inf and NaN become NaN 0x7F with the sign; the runtime's other
 *     fp8 stores saturate, as vLLM's quantization kernels do, but copy_ is
 *     torch's), float8_e5m2 and float8_e8m0fnu as c10 (common/fx_convert.h);
 *     f64 from any float is exact;
 *   - int to float: the int64 value rounded to fp32 (RNE), then as above
 *     (c10 goes through float too), or to f64 directly (RNE);
 *   - float to int: truncation toward zero of the value (f64's own, not
 *     its fp32 rounding); NaN and values beyond the type's range, which
 *     C++ leaves undefined (x86 and CUDA differ), give 0 and the nearest
 *     bound (CUDA's answer).  uint8 is c10's special case: truncated to
 *     int64 (saturating as above), then wrapped, so -1.5 gives 255 and 300
 *     gives 44;
 *   - int to int: two's complement wrap-around (c10's static_cast);
 *   - anything to bool: != 0 (NaN is true); bool to anything: 0 or 1;
 *   - float4_e2m1fn_x2 (packed, two fp4 per byte) converts to nothing and
 *     from nothing, as in torch: an error, never bits.
 * The same dtype is a plain copy, bit for bit (NaN payloads kept):
 * fxrt_copy_tensor for the same shape, a broadcasting byte copy otherwise.  Broadcasting: src's dims align with self's at the
 * right; each is equal to self's or 1 (stride 0).  A src that overlaps
 * self's memory is read from a snapshot first, so no element is converted
 * after it was overwritten.  Device tensors go through host staging
 * (fxCudaCopy), which is correct but slow: there is no CUDA conversion
 * kernel yet (docs/runtime.md). */
#include "cpu/fx_cpu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*===-- Per-dtype rows ----------------------------------------------------===*/

/* Values of a row in one of three exact carriers: fp32 for the float
 * dtypes, double for f64, int64 for the integer ones and bool. */
typedef void (*FxLoadInts)(int64_t *d, const char *s, int64_t n, int64_t st);
typedef void (*FxStoreFloats)(char *d, const float *s, int64_t n, int64_t st);
typedef void (*FxStoreInts)(char *d, const int64_t *s, int64_t n, int64_t st);
typedef void (*FxStoreDoubles)(char *d, const double *s, int64_t n,
                               int64_t st);

/* c10's float -> float8_e4m3fn: RNE, and NaN (0x7F | sign) from 480 up,
 * so also for what rounds to 480 (above 464); below, the runtime's encoder
 * gives the same bits. */
static uint8_t fxTorchF8(float f) {
  uint32_t u = fxF32Bits(f);
  if ((u & 0x7FFFFFFFu) > 0x43E80000u) /* > 464, Inf, NaN */
    return (uint8_t)(((u >> 24) & 0x80u) | 0x7Fu);
  return fxF32ToF8E4M3FN(f);
}

/* float or double -> int: truncation toward zero, NaN 0, saturation at
 * [lo, hi]. */
static int64_t fxTruncSat(double f, double lo, double hi) {
  if (f != f)
    return 0;
  double t = trunc(f);
  if (t <= lo)
    return (int64_t)lo;
  return t >= hi ? (int64_t)hi : (int64_t)t;
}

/* [lo, hi] of each int type as doubles; hi of int64 is 2^63, which no
 * float below it reaches, so clamping there saturates exactly. */
#define FX_SAT_I8(x) ((int8_t)fxTruncSat((x), -128.0, 127.0))
#define FX_SAT_I16(x) ((int16_t)fxTruncSat((x), -32768.0, 32767.0))
#define FX_SAT_I32(x) ((int32_t)fxTruncSat((x), -2147483648.0, 2147483647.0))
#define FX_SAT_I64(x)                                                          \
  ((x) >= 9223372036854775808.0 ? INT64_MAX                                    \
                                : fxTruncSat((x), -9223372036854775808.0,      \
                                             9223372036854775807.0))
/* c10's float -> uint8: through int64, then the low byte. */
#define FX_U8_OF_F(x) ((uint8_t)(uint64_t)FX_SAT_I64(x))
#define FX_NONZERO(x) ((uint8_t)((x) != 0))
/* Wrap-around: keep the low bytes (well-defined through unsigned). */
#define FX_WRAP(T, UT, x) ((T)(UT)(uint64_t)(x))
#define FX_WRAP_I8(x) FX_WRAP(int8_t, uint8_t, x)
#define FX_WRAP_I16(x) FX_WRAP(int16_t, uint16_t, x)
#define FX_WRAP_I32(x) FX_WRAP(int32_t, uint32_t, x)
#define FX_WRAP_U8(x) ((uint8_t)(uint64_t)(x))
#define FX_ID(x) (x)
#define FX_F(x) ((float)(x))
#define FX_D(x) ((double)(x)) /* int64 -> double: RNE, as static_cast */
#define FX_F16_OF_I(x) fxF32ToF16((float)(x))
#define FX_BF16_OF_I(x) fxF32ToBF16((float)(x))
#define FX_F8_OF_I(x) fxTorchF8((float)(x))
#define FX_E5M2_OF_I(x) fxF32ToF8E5M2((float)(x))
#define FX_E8M0_OF_I(x) fxF32ToF8E8M0FNU((float)(x))
/* f64 to the other floats: through fp32 (c10's float constructors). */
#define FX_F32_OF_D(x) fxF64ToF32(x)
#define FX_F16_OF_D(x) fxF32ToF16(fxF64ToF32(x))
#define FX_BF16_OF_D(x) fxF32ToBF16(fxF64ToF32(x))
#define FX_F8_OF_D(x) fxTorchF8(fxF64ToF32(x))
#define FX_E5M2_OF_D(x) fxF32ToF8E5M2(fxF64ToF32(x))
#define FX_E8M0_OF_D(x) fxF32ToF8E8M0FNU(fxF64ToF32(x))

#define FX_LOOP(CTYPE, EXPR)                                                   \
  for (int64_t i = 0; i < n; i++) {                                            \
    CTYPE v_ = EXPR;                                                           \
    memcpy(d + i * st, &v_, sizeof v_);                                        \
  }

#define FX_COPY_ROWS(NAME, CTYPE, LOAD_INT, FROM_FLOAT, FROM_INT, FROM_DOUBLE) \
  static void fxLoadI_##NAME(int64_t *d, const char *s, int64_t n,           \
                             int64_t st) {                                     \
    for (int64_t i = 0; i < n; i++) {                                          \
      CTYPE v;                                                                 \
      memcpy(&v, s + i * st, sizeof v);                                        \
      d[i] = LOAD_INT(v);                                                      \
    }                                                                          \
  }                                                                            \
  static void fxStoreF_##NAME(char *d, const float *s, int64_t n,            \
                              int64_t st) {                                    \
    FX_LOOP(CTYPE, FROM_FLOAT(s[i]))                                           \
  }                                                                            \
  static void fxStoreI_##NAME(char *d, const int64_t *s, int64_t n,          \
                              int64_t st) {                                    \
    FX_LOOP(CTYPE, FROM_INT(s[i]))                                             \
  }                                                                            \
  static void fxStoreD_##NAME(char *d, const double *s, int64_t n,           \
                              int64_t st) {                                    \
    FX_LOOP(CTYPE, FROM_DOUBLE(s[i]))                                          \
  }

#define FX_NO_INT(v) ((int64_t)0) /* floats load through the fp32 carrier */
#define FX_I(v) ((int64_t)(v))

/*           name   storage   load int    from fp32      from int64    from double */
FX_COPY_ROWS(f32,  float,    FX_NO_INT,  FX_ID,         FX_F,         FX_F32_OF_D)
FX_COPY_ROWS(f16,  uint16_t, FX_NO_INT,  fxF32ToF16,    FX_F16_OF_I,  FX_F16_OF_D)
FX_COPY_ROWS(bf16, uint16_t, FX_NO_INT,  fxF32ToBF16,   FX_BF16_OF_I, FX_BF16_OF_D)
FX_COPY_ROWS(f8,   uint8_t,  FX_NO_INT,  fxTorchF8,     FX_F8_OF_I,   FX_F8_OF_D)
FX_COPY_ROWS(i8,   int8_t,   FX_I,       FX_SAT_I8,     FX_WRAP_I8,   FX_SAT_I8)
FX_COPY_ROWS(i32,  int32_t,  FX_I,       FX_SAT_I32,    FX_WRAP_I32,  FX_SAT_I32)
FX_COPY_ROWS(i64,  int64_t,  FX_I,       FX_SAT_I64,    FX_ID,        FX_SAT_I64)
FX_COPY_ROWS(i1,   uint8_t,  FX_NONZERO, FX_NONZERO,    FX_NONZERO,   FX_NONZERO)
FX_COPY_ROWS(f64,  double,   FX_NO_INT,  fxF32ToF64,    FX_D,         FX_ID)
FX_COPY_ROWS(i16,  int16_t,  FX_I,       FX_SAT_I16,    FX_WRAP_I16,  FX_SAT_I16)
FX_COPY_ROWS(u8,   uint8_t,  FX_I,       FX_U8_OF_F,    FX_WRAP_U8,   FX_U8_OF_F)
FX_COPY_ROWS(e5m2, uint8_t,  FX_NO_INT,  fxF32ToF8E5M2, FX_E5M2_OF_I, FX_E5M2_OF_D)
FX_COPY_ROWS(e8m0, uint8_t,  FX_NO_INT,  fxF32ToF8E8M0FNU, FX_E8M0_OF_I, FX_E8M0_OF_D)

/* The carrier a row is read into: floats through the dtype table's exact
 * fp32 loads, f64 as double, the rest as int64; none for the packed
 * float4_e2m1fn_x2, which torch converts to and from nothing. */
typedef enum { FX_VIA_FLOAT, FX_VIA_INT, FX_VIA_DOUBLE, FX_VIA_NONE } FxVia;

/* Indexed by FxDtype: how a row is read and written from each carrier. */
static const struct {
  FxVia via;
  FxLoadInts loadInts;
  FxStoreFloats fromFloats;
  FxStoreInts fromInts;
  FxStoreDoubles fromDoubles;
} fxCopyRows[] = {
    {FX_VIA_FLOAT, fxLoadI_f32, fxStoreF_f32, fxStoreI_f32, fxStoreD_f32},
    {FX_VIA_FLOAT, fxLoadI_f16, fxStoreF_f16, fxStoreI_f16, fxStoreD_f16},
    {FX_VIA_FLOAT, fxLoadI_bf16, fxStoreF_bf16, fxStoreI_bf16, fxStoreD_bf16},
    {FX_VIA_FLOAT, fxLoadI_f8, fxStoreF_f8, fxStoreI_f8, fxStoreD_f8},
    {FX_VIA_INT, fxLoadI_i8, fxStoreF_i8, fxStoreI_i8, fxStoreD_i8},
    {FX_VIA_INT, fxLoadI_i32, fxStoreF_i32, fxStoreI_i32, fxStoreD_i32},
    {FX_VIA_INT, fxLoadI_i64, fxStoreF_i64, fxStoreI_i64, fxStoreD_i64},
    {FX_VIA_INT, fxLoadI_i1, fxStoreF_i1, fxStoreI_i1, fxStoreD_i1},
    {FX_VIA_DOUBLE, fxLoadI_f64, fxStoreF_f64, fxStoreI_f64, fxStoreD_f64},
    {FX_VIA_INT, fxLoadI_i16, fxStoreF_i16, fxStoreI_i16, fxStoreD_i16},
    {FX_VIA_INT, fxLoadI_u8, fxStoreF_u8, fxStoreI_u8, fxStoreD_u8},
    {FX_VIA_FLOAT, fxLoadI_e5m2, fxStoreF_e5m2, fxStoreI_e5m2, fxStoreD_e5m2},
    {FX_VIA_FLOAT, fxLoadI_e8m0, fxStoreF_e8m0, fxStoreI_e8m0, fxStoreD_e8m0},
    {FX_VIA_NONE, NULL, NULL, NULL, NULL},
};
_Static_assert(sizeof fxCopyRows / sizeof *fxCopyRows == FX_DTYPE_COUNT,
               "kernels/fx_dtypes.def has a row without its entry in "
               "fxCopyRows (docs/dialect.md, Adding an op or a dtype)");

/*===-- Shapes and memory ---------------------------------------------------===*/

/* The bytes a non-empty tensor spans: [*lo, *hi). */
static void fxSpan(const FxTensor *t, const char **lo, const char **hi) {
  int64_t es = fxElemSize(t->dtype), first = 0, last = 0;
  for (int d = 0; d < t->rank; d++) {
    int64_t reach = (t->sizes[d] - 1) * t->strides[d];
    if (reach < 0)
      first += reach;
    else
      last += reach;
  }
  *lo = (const char *)t->data + first * es;
  *hi = (const char *)t->data + (last + 1) * es;
}

static int fxOverlap(const FxTensor *a, const FxTensor *b) {
  const char *alo, *ahi, *blo, *bhi;
  fxSpan(a, &alo, &ahi);
  fxSpan(b, &blo, &bhi);
  return alo < bhi && blo < ahi;
}

/* A contiguous host tensor like `like` with `dtype`, or data NULL after
 * reporting. */
static FxTensor fxDenseLike(const char *k, const FxTensor *like, int32_t dtype) {
  FxTensor t = *like;
  t.dtype = dtype;
  int64_t stride = 1;
  for (int d = t.rank - 1; d >= 0; d--) {
    t.strides[d] = stride;
    stride *= t.sizes[d] > 1 ? t.sizes[d] : 1;
  }
  int64_t bytes = fxTensorNumel(&t) * fxElemSize(dtype);
  t.data = malloc((size_t)(bytes > 0 ? bytes : 1));
  if (!t.data)
    fxCpuError(k, "out of memory for %lld bytes of staging", (long long)bytes);
  return t;
}

/*===-- The kernel ----------------------------------------------------------===*/

/* dst = convert(src) over dst's shape, src read through `strides`; both on
 * the host, not overlapping. */
static void fxConvertRows(const char *k, const FxTensor *dst,
                          const FxTensor *src, const int64_t *strides) {
  int outer = dst->rank ? dst->rank - 1 : 0;
  int64_t n = dst->rank ? dst->sizes[dst->rank - 1] : 1;
  int64_t ss = dst->rank ? strides[outer] * fxElemSize(src->dtype) : 0;
  int64_t ds = fxCpuInnerStride(dst);
  if (src->dtype == dst->dtype) { /* broadcast only: the bits, as torch */
    int64_t es = fxElemSize(dst->dtype);
    FxCpuRows it;
    fxCpuRowsInit(&it, outer, dst->sizes);
    fxCpuRowsAdd(&it, dst, NULL);
    fxCpuRowsAdd(&it, src, strides);
    while (fxCpuRowsNext(&it))
      for (int64_t i = 0; i < n; i++)
        memcpy(it.ptr[0] + i * ds, it.ptr[1] + i * ss, (size_t)es);
    return;
  }
  FxVia via = fxCopyRows[src->dtype].via; /* not NONE: the caller refused */
  void *row = malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
  if (!row) {
    fxCpuError(k, "out of memory for a row of %lld elements", (long long)n);
    return;
  }
  FxCpuRows it;
  fxCpuRowsInit(&it, outer, dst->sizes);
  fxCpuRowsAdd(&it, dst, NULL);
  fxCpuRowsAdd(&it, src, strides);
  while (fxCpuRowsNext(&it)) {
    if (via == FX_VIA_INT) {
      fxCopyRows[src->dtype].loadInts((int64_t *)row, it.ptr[1], n, ss);
      fxCopyRows[dst->dtype].fromInts(it.ptr[0], (const int64_t *)row, n, ds);
    } else if (via == FX_VIA_DOUBLE) { /* f64, the only double row */
      for (int64_t i = 0; i < n; i++)
        memcpy((double *)row + i, it.ptr[1] + i * ss, sizeof(double));
      fxCopyRows[dst->dtype].fromDoubles(it.ptr[0], (const double *)row, n,
                                         ds);
    } else {
      fxCpuDtype(src->dtype)->load((float *)row, it.ptr[1], n, ss);
      fxCopyRows[dst->dtype].fromFloats(it.ptr[0], (const float *)row, n, ds);
    }
  }
  free(row);
}

void fxrt_aten__copy_(const FxTensor *self, const FxTensor *src,
                      int64_t non_blocking) {
  static const char k[] = "fxrt_aten__copy_";
  (void)non_blocking; /* copies are synchronous here */
  FX_TRY(fxCpuCheck(k, "self", self, FX_DT_ANY, 0, FXRT_MAX_RANK) ||
         fxCpuCheck(k, "src", src, FX_DT_ANY, 0, FXRT_MAX_RANK));
  if (self->dtype != src->dtype && (fxCopyRows[self->dtype].via == FX_VIA_NONE ||
                                    fxCopyRows[src->dtype].via == FX_VIA_NONE)) {
    /* torch has no cast for it either (c10's float4_e2m1fn_x2 has no
     * float constructor nor conversion). */
    fxCpuError(k, "cannot convert %s to %s: float4_e2m1fn_x2 packs two fp4 "
                  "values in each element and has no conversion; copy_ "
                  "copies it only between tensors of that dtype",
               fxCpuDtypeName(src->dtype), fxCpuDtypeName(self->dtype));
    return;
  }
  int64_t strides[FXRT_MAX_RANK + 1] = {0};
  FX_TRY(fxCpuBroadcastStrides(k, "src", src, self, "self", strides));
  int sameShape = self->rank == src->rank;
  for (int d = 0; sameShape && d < self->rank; d++)
    sameShape = self->sizes[d] == src->sizes[d];
  if (sameShape && self->dtype == src->dtype) {
    fxrt_copy_tensor(self, src); /* bit for bit, any device */
    return;
  }
  int64_t numel = fxTensorNumel(self);
  fxCpuCountCopy(numel * fxElemSize(self->dtype));
  if (numel == 0)
    return;

  /* Device operands: convert on the host between staged copies. */
  int srcOnDevice = fxCudaDeviceOf(src->data) >= 0;
  int dstOnDevice = fxCudaDeviceOf(self->data) >= 0;
  FxTensor hostSrc = *src, hostDst = *self, snap = {0};
  if (srcOnDevice || (!dstOnDevice && fxOverlap(self, src))) {
    snap = fxDenseLike(k, src, src->dtype);
    if (!snap.data)
      return;
    if (srcOnDevice)
      fxCudaCopy(k, &snap, src);
    else
      fxCpuCopyStrided(&snap, src);
    hostSrc = snap;
    if (fxCpuBroadcastStrides(k, "src", &hostSrc, self, "self", strides)) {
      free(snap.data);
      return;
    }
  }
  if (dstOnDevice) {
    hostDst = fxDenseLike(k, self, self->dtype);
    if (!hostDst.data) {
      free(snap.data);
      return;
    }
  }
  fxConvertRows(k, &hostDst, &hostSrc, strides);
  if (dstOnDevice) {
    fxCudaCopy(k, self, &hostDst);
    free(hostDst.data);
  }
  free(snap.data);
}
