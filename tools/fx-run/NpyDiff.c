/* NpyDiff.c - fx-npy-diff: how far apart two .npy files of fx-run are.
 *
 *   fx-npy-diff A.npy B.npy MAX_ULPS
 *   fx-npy-diff A.npy B.npy --close=TOL
 *
 * Prints "<B>: max N ulp, K of M elements differ" and exits 0 when no
 * element is more than MAX_ULPS apart (1 when one is, 2 when the files
 * cannot be compared: unreadable, or another dtype or shape).  Floats
 * ("<f2", "<f4", "<f8", and "<u2"/"|u1" read as fx-run writes bf16 and
 * fp8: their bit patterns) count ulps, the distance between the patterns
 * ordered by value (an fp8 ulp is one code); NaNs of any payload are
 * equal; ints and bools count the difference of the values.
 * --close=TOL is torch.allclose's test with rtol = atol = TOL (vLLM's
 * kernel tests ask 1e-2 of whole layers' outputs): every |a - b| <= TOL *
 * (1 + |a|), A the reference; it also prints the largest |a - b| / (1 +
 * |a|).  No MLIR, so gpu-check runs it on a GPU machine (CUDA outputs
 * against CPU outputs). */
#include "Npy.h"
#include "common/fx_math.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row per .npy descr fx-run writes (kernels/fx_dtypes.def). */
typedef struct Kind {
  const char *descr;
  int bytes, isFloat, expBits; /* expBits: NaN test of a float pattern */
  int dtype;                   /* how --close reads the value */
} Kind;
static const Kind kKinds[] = {
    {"<f4", 4, 1, 8, FX_DTYPE_F32},      {"<f2", 2, 1, 5, FX_DTYPE_F16},
    {"<f8", 8, 1, 11, FX_DTYPE_F64},     {"<u2", 2, 1, 8, FX_DTYPE_BF16},
    {"|u1", 1, 1, 4, FX_DTYPE_F8E4M3FN}, {"|i1", 1, 0, 0, FX_DTYPE_I8},
    {"<i2", 2, 0, 0, FX_DTYPE_I16},      {"<i4", 4, 0, 0, FX_DTYPE_I32},
    {"<i8", 8, 0, 0, FX_DTYPE_I64},      {"|b1", 1, 0, 0, FX_DTYPE_I1},
};

/* The value of element i (f64 read whole: fxLoadF32 would round it). */
static double valueAt(const FxNpy *a, const Kind *k, size_t i) {
  const char *p = (const char *)a->data + i * (size_t)k->bytes;
  if (k->dtype == FX_DTYPE_F64) {
    double v;
    memcpy(&v, p, sizeof v);
    return v;
  }
  if (k->dtype == FX_DTYPE_I64) {
    int64_t v;
    memcpy(&v, p, sizeof v);
    return (double)v;
  }
  return fxLoadF32(p, k->dtype);
}

static uint64_t bitsAt(const FxNpy *a, int bytes, size_t i) {
  uint64_t u = 0;
  memcpy(&u, (const char *)a->data + i * (size_t)bytes, (size_t)bytes);
  return u;
}

/* A float pattern as an integer ordered like its value (-0 == +0). */
static int64_t ordered(uint64_t u, int bytes) {
  uint64_t sign = 1ull << (8 * bytes - 1), mag = u & (sign - 1);
  return (u & sign) ? -(int64_t)mag : (int64_t)mag;
}

/* "|u1" is fx-run's f8E4M3FN: NaN is S.1111.111; the others are IEEE. */
static int isNaN(uint64_t u, const Kind *k) {
  int bits = 8 * k->bytes;
  uint64_t mag = u & ((1ull << (bits - 1)) - 1);
  if (k->bytes == 1)
    return mag == 0x7F;
  uint64_t expMask = ((1ull << k->expBits) - 1) << (bits - 1 - k->expBits);
  return (mag & expMask) == expMask && (mag & ~expMask) != 0;
}

static int64_t signedAt(uint64_t u, int bytes) {
  if (bytes == 8)
    return (int64_t)u;
  uint64_t sign = 1ull << (8 * bytes - 1);
  return (u & sign) ? (int64_t)u - (int64_t)(sign << 1) : (int64_t)u;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: fx-npy-diff A.npy B.npy MAX_ULPS|--close=TOL\n");
    return 2;
  }
  char err[256];
  FxNpy a, b;
  if (fxNpyRead(argv[1], &a, err, sizeof err) ||
      fxNpyRead(argv[2], &b, err, sizeof err)) {
    fprintf(stderr, "fx-npy-diff: %s\n", err);
    return 2;
  }
  int close = !strncmp(argv[3], "--close=", 8);
  double tol = close ? atof(argv[3] + 8) : 0;
  long long max = close ? 0 : atoll(argv[3]);
  const Kind *k = NULL;
  for (size_t i = 0; i < sizeof kKinds / sizeof kKinds[0]; i++)
    if (!strcmp(kKinds[i].descr, a.descr))
      k = &kKinds[i];
  int sameShape = a.rank == b.rank && a.bytes == b.bytes;
  for (int d = 0; sameShape && d < a.rank; d++)
    sameShape = a.shape[d] == b.shape[d];
  if (!k || strcmp(a.descr, b.descr) || !sameShape) {
    fprintf(stderr, "fx-npy-diff: %s and %s: %s\n", argv[1], argv[2],
            !k ? "a dtype fx-run does not write" : "different dtypes or shapes");
    return 2;
  }
  size_t n = a.bytes / (size_t)k->bytes, differ = 0;
  if (close) { /* |a - b| <= tol * (1 + |a|); NaN only against NaN */
    double worstRel = 0;
    size_t over = 0, nonFinite = 0;
    for (size_t i = 0; i < n; i++) {
      double x = valueAt(&a, k, i), y = valueAt(&b, k, i);
      double rel = x == y                ? 0 /* also infinities of a sign */
                   : x != x || y != y    ? (x != x && y != y ? 0 : INFINITY)
                                         : fabs(x - y) / (1 + fabs(x));
      over += !(rel <= tol);
      nonFinite += !isfinite(x);
      if (!(rel <= worstRel))
        worstRel = rel;
    }
    printf("%s: max |a-b|/(1+|a|) %.3g, %zu of %zu elements over %g "
           "(%zu not finite in A)\n",
           argv[2], worstRel, over, n, tol, nonFinite);
    fxNpyFree(&a);
    fxNpyFree(&b);
    return over ? 1 : 0;
  }
  long long worst = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t x = bitsAt(&a, k->bytes, i), y = bitsAt(&b, k->bytes, i);
    long long d;
    if (k->isFloat && (isNaN(x, k) || isNaN(y, k)))
      d = isNaN(x, k) && isNaN(y, k) ? 0 : -1; /* -1: NaN against a number */
    else if (k->isFloat)
      d = llabs(ordered(x, k->bytes) - ordered(y, k->bytes));
    else
      d = llabs(signedAt(x, k->bytes) - signedAt(y, k->bytes));
    if (d != 0)
      differ++;
    if (d < 0 || (worst >= 0 && d > worst))
      worst = d;
  }
  if (worst < 0)
    printf("%s: a NaN against a number, %zu of %zu elements differ\n", argv[2],
           differ, n);
  else
    printf("%s: max %lld ulp, %zu of %zu elements differ\n", argv[2], worst,
           differ, n);
  fxNpyFree(&a);
  fxNpyFree(&b);
  return worst >= 0 && worst <= max ? 0 : 1;
}
