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

/* Each dtype's row of kernels/fx_dtypes.def, as this tool reads it.  A
 * file says only its .npy descr, so a descr stands for the first row that
 * writes it: "|u1" for f8E4M3FN (fx-run writes u8, the other fp8 and fp4x2
 * bytes the same way) and "<u2" for bf16. */
typedef struct Kind {
  const char *descr;
  int bytes, isFloat;
  int dtype; /* how the value is read (fxLoadF32) */
} Kind;
enum { IS_FLOAT_FLOAT = 1, IS_FLOAT_FLOAT8 = 1, IS_FLOAT_INT = 0,
       IS_FLOAT_BOOL = 0, IS_FLOAT_PACKED = 0 };
static const Kind kKinds[] = {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind) \
  {npy, bytes, IS_FLOAT_##kind, FX_DTYPE_##CODE},
#include "fx_dtypes.def"
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

/* Whether element i is a NaN: its dtype's conversion says (fp8's NaN
 * patterns are the dtype's own). */
static int isNaNAt(const FxNpy *a, const Kind *k, size_t i) {
  double v = valueAt(a, k, i);
  return v != v;
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
  for (size_t i = 0; !k && i < sizeof kKinds / sizeof kKinds[0]; i++)
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
    int nx = k->isFloat && isNaNAt(&a, k, i), ny = k->isFloat && isNaNAt(&b, k, i);
    if (nx || ny)
      d = nx && ny ? 0 : -1; /* -1: NaN against a number */
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
