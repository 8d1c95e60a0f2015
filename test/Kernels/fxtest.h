/* fxtest.h - shared helpers of the kernel tests (the .c files beside it).
 *
 * The references here are written independently of kernels/common: values
 * are rounded to a format with a generic double-precision rounding (scale
 * by the format's ulp, nearbyint, scale back), fp16 goes through GCC's
 * _Float16 (libgcc), fp8 is decoded from its definition.  Tests compute in
 * double, round at the points the op specification rounds, and compare with
 * ULP distances (16-bit and fp32 outputs) or exact bytes (quantized
 * outputs, residuals).
 *
 * EXPECT (named so that FileCheck never mistakes it for a directive) counts
 * and reports failures and keeps going; fxtestFinish makes main return 1. */
#ifndef FXTEST_H
#define FXTEST_H

#include "fxrt.h"
#include "fxrt_ciface.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int gPassed, gFailed;

#define EXPECT(cond)                                                           \
  ((cond) ? (void)gPassed++                                                    \
          : (void)(gFailed++, printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, \
                                     #cond)))

/* Line-buffer stdout so its lines interleave correctly with the kernels'
 * stderr messages under `2>&1 | FileCheck`. */
static inline void fxtestBegin(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

static inline int fxtestFinish(const char *name) {
  if (gFailed) {
    printf("%s: %d of %d checks failed\n", name, gFailed, gPassed + gFailed);
    return 1;
  }
  printf("%s: %d checks passed\n", name, gPassed);
  return 0;
}

/*===-- Random numbers (splitmix64: deterministic everywhere) --------------===*/

static uint64_t gRng = 0x9E3779B97F4A7C15ull;

static inline uint64_t rndU64(void) {
  uint64_t z = (gRng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline double rndUniform(double lo, double hi) {
  return lo + (hi - lo) * (double)(rndU64() >> 11) * 0x1.0p-53;
}

static inline double rndNormal(double mean, double sd) {
  double u = rndUniform(1e-300, 1.0), v = rndUniform(0.0, 1.0);
  return mean + sd * sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/*===-- Formats ------------------------------------------------------------===*/

/* Precision (significant bits), minimum normal exponent and largest finite
 * value of each float dtype. */
static inline void refFormat(int32_t dt, int *prec, int *emin, double *maxv) {
  switch (dt) {
  case FX_DTYPE_F16: *prec = 11; *emin = -14; *maxv = 65504.0; break;
  case FX_DTYPE_BF16: *prec = 8; *emin = -126; *maxv = 0x1.FEp127; break;
  case FX_DTYPE_F8E4M3FN: *prec = 4; *emin = -6; *maxv = 448.0; break;
  default: *prec = 24; *emin = -126; *maxv = 0x1.FFFFFEp127; break;
  }
}

/* v rounded to nearest-even in dtype.  Floats overflow to Inf except
 * fp8, which saturates (satfinite); int8 saturates, NaN -> 0. */
static inline double refRound(double v, int32_t dt) {
  if (dt == FX_DTYPE_F64)
    return v;
  if (dt == FX_DTYPE_I1)
    return v != 0.0;
  if (dt == FX_DTYPE_I16 || dt == FX_DTYPE_I32 || dt == FX_DTYPE_I64 ||
      dt == FX_DTYPE_UI8)
    return nearbyint(v); /* callers keep values in range */
  if (dt == FX_DTYPE_I8)
    return isnan(v) ? 0.0 : fmin(127.0, fmax(-128.0, nearbyint(v)));
  if (isnan(v) || isinf(v))
    return dt == FX_DTYPE_F8E4M3FN ? (isnan(v) ? v : copysign(448.0, v)) : v;
  int prec, emin;
  double maxv;
  refFormat(dt, &prec, &emin, &maxv);
  if (v == 0.0)
    return v;
  int e;
  frexp(v, &e); /* |v| in [2^(e-1), 2^e) */
  int exp = e - 1 < emin ? emin : e - 1;
  double ulp = ldexp(1.0, exp - (prec - 1));
  double r = copysign(nearbyint(fabs(v) / ulp) * ulp, v);
  if (fabs(r) > maxv)
    return dt == FX_DTYPE_F8E4M3FN ? copysign(maxv, v) : copysign(INFINITY, v);
  return r;
}

/* fp32 arithmetic of the spec: one IEEE fp32 operation is the double result
 * rounded to fp32. */
static inline double f32(double v) { return refRound(v, FX_DTYPE_F32); }

/* vLLM's quantizing store (fminf then fmaxf, so NaN -> +448), as a value. */
static inline double refQuantFp8(double v) {
  double c = isnan(v) ? 448.0 : fmax(-448.0, fmin(v, 448.0));
  return refRound(c, FX_DTYPE_F8E4M3FN);
}

static inline int refSize(int32_t dt) {
  /* f32 f16 bf16 f8e4m3fn i8 i32 i64 i1 f64 i16 u8 f8e5m2 f8e8m0fnu f4e2m1fnx2 */
  static const int sizes[] = {4, 2, 2, 1, 1, 4, 8, 1, 8, 2, 1, 1, 1, 1};
  _Static_assert(sizeof sizes / sizeof *sizes == FX_DTYPE_COUNT,
                 "a new dtype row: give it its size here");
  return dt >= 0 && dt < FX_DTYPE_COUNT ? sizes[dt] : 0;
}

/* fp8 e4m3fn byte -> value, from the format's definition. */
static inline double refFp8Value(uint8_t b) {
  int s = b >> 7, e = (b >> 3) & 15, m = b & 7;
  if (e == 15 && m == 7)
    return NAN;
  double v = e ? ldexp(1.0 + m / 8.0, e - 7) : ldexp(m / 8.0, -6);
  return s ? -v : v;
}

static inline double refDecode(const void *p, int32_t dt) {
  switch (dt) {
  case FX_DTYPE_F32: { float f; memcpy(&f, p, 4); return f; }
  case FX_DTYPE_F16: { _Float16 h; memcpy(&h, p, 2); return (double)h; }
  case FX_DTYPE_BF16: {
    uint16_t h; memcpy(&h, p, 2);
    uint32_t u = (uint32_t)h << 16; float f; memcpy(&f, &u, 4); return f;
  }
  case FX_DTYPE_F8E4M3FN: return refFp8Value(*(const uint8_t *)p);
  case FX_DTYPE_I8: return *(const int8_t *)p;
  case FX_DTYPE_I32: { int32_t i; memcpy(&i, p, 4); return i; }
  case FX_DTYPE_I64: { int64_t i; memcpy(&i, p, 8); return (double)i; }
  case FX_DTYPE_F64: { double d; memcpy(&d, p, 8); return d; }
  case FX_DTYPE_I16: { int16_t i; memcpy(&i, p, 2); return i; }
  case FX_DTYPE_UI8: return *(const uint8_t *)p;
  default: return *(const uint8_t *)p != 0;
  }
}

/* Stores a value representable in dt (rounded with refRound first). */
static inline void refEncode(void *p, int32_t dt, double v) {
  switch (dt) {
  case FX_DTYPE_F32: { float f = (float)v; memcpy(p, &f, 4); break; }
  case FX_DTYPE_F16: { _Float16 h = (_Float16)v; memcpy(p, &h, 2); break; }
  case FX_DTYPE_BF16: {
    float f = (float)v; uint32_t u; memcpy(&u, &f, 4);
    uint16_t h = (uint16_t)(u >> 16); memcpy(p, &h, 2); break;
  }
  case FX_DTYPE_F8E4M3FN: { /* built from the definition: sign, exp, man */
    double a = fabs(v);
    int e = 0, m;
    if (isnan(v)) {
      *(uint8_t *)p = 0x7F;
      break;
    }
    if (a < 0x1p-6) {
      m = (int)(a * 512.0);
    } else {
      frexp(a, &e); /* a in [2^(e-1), 2^e) */
      m = (int)((ldexp(a, 1 - e) - 1.0) * 8.0);
      e += 6;
    }
    *(uint8_t *)p = (uint8_t)((signbit(v) ? 0x80 : 0) | e << 3 | m);
    break;
  }
  case FX_DTYPE_I8: *(int8_t *)p = (int8_t)v; break;
  case FX_DTYPE_I32: { int32_t i = (int32_t)v; memcpy(p, &i, 4); break; }
  case FX_DTYPE_I64: { int64_t i = (int64_t)v; memcpy(p, &i, 8); break; }
  case FX_DTYPE_F64: memcpy(p, &v, 8); break;
  case FX_DTYPE_I16: { int16_t i = (int16_t)v; memcpy(p, &i, 2); break; }
  case FX_DTYPE_UI8: *(uint8_t *)p = (uint8_t)v; break;
  default: *(uint8_t *)p = v != 0.0; break;
  }
}

/* Distance in units in the last place between the stored element `got` and
 * the representable value `ref` (sign-magnitude bits mapped to a monotonic
 * integer line); both NaN is 0, one NaN is "infinite". */
static inline int64_t ulpDist(const void *got, double ref, int32_t dt) {
  uint8_t rb[8] = {0};
  refEncode(rb, dt, ref);
  double g = refDecode(got, dt);
  if (isnan(g) || isnan(ref))
    return isnan(g) && isnan(ref) ? 0 : INT64_MAX;
  int size = refSize(dt);
  uint64_t a = 0, b = 0; /* up to 8 bytes: f64 too */
  memcpy(&a, got, (size_t)size);
  memcpy(&b, rb, (size_t)size);
  uint64_t signBit = 1ull << (8 * size - 1);
  int64_t ia = (a & signBit) ? -(int64_t)(a & ~signBit) : (int64_t)a;
  int64_t ib = (b & signBit) ? -(int64_t)(b & ~signBit) : (int64_t)b;
  return ia > ib ? ia - ib : ib - ia;
}

static inline const char *dtName(int32_t dt) {
  static const char *names[] = {"f32", "f16",    "bf16",      "f8e4m3fn", "i8",
                                "i32", "i64",    "i1",        "f64",      "i16",
                                "u8",  "f8e5m2", "f8e8m0fnu", "f4e2m1fnx2"};
  _Static_assert(sizeof names / sizeof *names == FX_DTYPE_COUNT,
                 "a new dtype row: name it here, and give it its case in "
                 "refFormat/refRound if it is a float");
  return dt >= 0 && dt < FX_DTYPE_COUNT ? names[dt] : "?";
}

/*===-- Test tensors -------------------------------------------------------===*/

/* A tensor over test-owned storage (or a view of another's). */
typedef struct TT {
  FxTensor t;
  char *mem;      /* start of the storage */
  int64_t offset; /* element offset of t.data in mem */
  size_t bytes;   /* storage size */
  int owned;
} TT;

/* dtype/sizes with `strides` (NULL: contiguous) at element `offset` of a
 * fresh storage filled with 0xA5 (to see stray writes). */
static inline TT ttMake(int32_t dt, int rank, const int64_t *sizes,
                 const int64_t *strides, int64_t offset) {
  TT x;
  memset(&x, 0, sizeof x);
  x.t.dtype = dt;
  x.t.rank = rank;
  int64_t span = 1, c = 1;
  for (int d = rank - 1; d >= 0; d--) {
    x.t.sizes[d] = sizes[d];
    x.t.strides[d] = strides ? strides[d] : c;
    c *= sizes[d];
    if (sizes[d] == 0)
      span = 0;
  }
  for (int d = 0; span && d < rank; d++)
    span += (sizes[d] - 1) * x.t.strides[d];
  x.bytes = (size_t)((offset + span + 1) * refSize(dt));
  x.mem = (char *)malloc(x.bytes);
  memset(x.mem, 0xA5, x.bytes);
  x.offset = offset;
  x.t.data = x.mem + offset * refSize(dt);
  x.owned = 1;
  return x;
}

static inline TT ttContig(int32_t dt, int rank, const int64_t *sizes) {
  return ttMake(dt, rank, sizes, NULL, 0);
}

/* A view of `parent`'s storage. */
static inline TT ttView(const TT *parent, int32_t dt, int64_t offset, int rank,
                 const int64_t *sizes, const int64_t *strides) {
  TT x = *parent;
  x.owned = 0;
  x.t.dtype = dt;
  x.t.rank = rank;
  for (int d = 0; d < rank; d++) {
    x.t.sizes[d] = sizes[d];
    x.t.strides[d] = strides[d];
  }
  x.offset = offset;
  x.t.data = x.mem + offset * refSize(dt);
  return x;
}

static inline void ttFree(TT *x) {
  if (x->owned)
    free(x->mem);
  x->mem = NULL;
}

static inline int64_t ttNumel(const TT *x) {
  int64_t n = 1;
  for (int d = 0; d < x->t.rank; d++)
    n *= x->t.sizes[d];
  return n;
}

/* Address of row-major element `flat`. */
static inline char *ttPtr(const TT *x, int64_t flat) {
  int64_t off = 0;
  for (int d = x->t.rank - 1; d >= 0; d--) {
    off += flat % x->t.sizes[d] * x->t.strides[d];
    flat /= x->t.sizes[d];
  }
  return (char *)x->t.data + off * refSize(x->t.dtype);
}

static inline double ttGet(const TT *x, int64_t flat) {
  return refDecode(ttPtr(x, flat), x->t.dtype);
}

static inline void ttSet(TT *x, int64_t flat, double v) {
  refEncode(ttPtr(x, flat), x->t.dtype, refRound(v, x->t.dtype));
}

/* Fills with N(mean, sd) values rounded to the dtype. */
static inline void ttFillNormal(TT *x, double mean, double sd) {
  for (int64_t i = 0; i < ttNumel(x); i++)
    ttSet(x, i, rndNormal(mean, sd));
}

/* Copy of the whole storage, to check what a kernel did not write. */
static inline char *ttSnapshot(const TT *x) {
  char *s = (char *)malloc(x->bytes);
  memcpy(s, x->mem, x->bytes);
  return s;
}

/* 1 when the storage equals `snap` everywhere except at x's elements. */
static inline int ttOnlyElementsChanged(const TT *x, const char *snap) {
  char *mask = (char *)calloc(x->bytes, 1);
  int64_t n = ttNumel(x), es = refSize(x->t.dtype);
  for (int64_t i = 0; i < n; i++)
    memset(mask + (ttPtr(x, i) - x->mem), 1, (size_t)es);
  int ok = 1;
  for (size_t b = 0; b < x->bytes; b++)
    ok &= mask[b] || x->mem[b] == snap[b];
  free(mask);
  return ok;
}

static inline int ttUnchanged(const TT *x, const char *snap) {
  return memcmp(x->mem, snap, x->bytes) == 0;
}

/*===-- Records ------------------------------------------------------------===*/

/* A tensor record over `buf` (>= 4 + 2 * rank entries): base pointer plus
 * element offset, as lowered code builds them. */
static inline FxMemRefI64 ttRecord(const TT *x, int64_t *buf) {
  buf[0] = (int64_t)(intptr_t)x->mem;
  buf[1] = x->offset;
  buf[2] = x->t.dtype;
  buf[3] = x->t.rank;
  for (int d = 0; d < x->t.rank; d++) {
    buf[4 + d] = x->t.sizes[d];
    buf[4 + x->t.rank + d] = x->t.strides[d];
  }
  FxMemRefI64 r = {buf, buf, 0, 4 + 2 * x->t.rank, 1};
  return r;
}

/* The record of an absent optional tensor. */
static inline FxMemRefI64 absentRecord(int64_t *buf) {
  buf[0] = buf[1] = buf[3] = 0;
  buf[2] = FX_DTYPE_ABSENT;
  FxMemRefI64 r = {buf, buf, 0, 4, 1};
  return r;
}

/*===-- Statistics of a comparison -----------------------------------------===*/

typedef struct UlpStats {
  int64_t n, inexact, maxUlp;
} UlpStats;

static inline void ulpAdd(UlpStats *s, const void *got, double ref, int32_t dt) {
  int64_t d = ulpDist(got, ref, dt);
  s->n++;
  s->inexact += d != 0;
  if (d > s->maxUlp)
    s->maxUlp = d;
}

#endif /* FXTEST_H */
