/* Tensor.c - fx-run's host tensors: dtypes, shapes, random fill, printing. */
#include "Tensor.h"

#include "fxir/Fx.h"
#include "fxir/FxDimExpr.h"
#include "common/fx_math.h"

#include "mlir-c/BuiltinTypes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/*===-- Dtypes --------------------------------------------------------------===*/

/* The rows of kernels/fx_dtypes.def (fxDtypeGetInfo), indexed by FxDtype. */
int fxRunDtypeOf(MlirType element) {
  const FxDtypeInfo *d = fxDtypeInfo(element);
  return d ? d->code : -1;
}

const char *fxRunNpyDescr(int dtype) { return fxDtypeGetInfo(dtype)->npy; }
const char *fxRunDtypeName(int dtype) { return fxDtypeGetInfo(dtype)->name; }

bool fxRunDtypeIsFloat(int dtype) {
  const FxDtypeInfo *d = fxDtypeGetInfo(dtype);
  return d->category == FX_CATEGORY_FLOAT && !d->packed;
}

double fxRunElementValue(const void *data, int dtype, int64_t i) {
  const FxDtypeInfo *d = fxDtypeGetInfo(dtype);
  size_t elem = (size_t)d->bytes;
  const unsigned char *p = (const unsigned char *)data + (size_t)i * elem;
  if (dtype == FX_DTYPE_F64) { /* fxLoadF32 would round it */
    double v;
    memcpy(&v, p, sizeof v);
    return v;
  }
  if (fxRunDtypeIsFloat(dtype))
    return fxLoadF32(p, dtype);
  uint64_t bits = 0;
  memcpy(&bits, p, elem); /* little-endian: the low bytes */
  /* "|u1", "|b1", "<i2": the descr's kind letter says signed or not. */
  if (d->npy[1] != 'i' || elem == 8)
    return d->npy[1] == 'i' ? (double)(int64_t)bits : (double)bits;
  int64_t v = (int64_t)bits;
  if ((v >> (8 * elem - 1)) & 1)
    v -= (int64_t)1 << (8 * elem); /* sign-extend */
  return (double)v;
}

/*===-- Shapes --------------------------------------------------------------===*/

int64_t fxRunSymbolValue(FxRunOptions *o, MlirStringRef sym) {
  for (int i = 0; i < o->numSyms; ++i)
    if (o->syms[i].nameLen == sym.length &&
        memcmp(o->syms[i].name, sym.data, sym.length) == 0) {
      o->syms[i].used = true;
      return o->syms[i].value;
    }
  fxRunDie("missing symbol binding for \"%.*s\" (add --sym=%.*s=VALUE)",
           (int)sym.length, sym.data, (int)sym.length, sym.data);
}

static bool lookupSymbol(void *user, MlirStringRef sym, int64_t *value) {
  *value = fxRunSymbolValue(user, sym); /* dies when unbound */
  return true;
}

/* A dim or a stride (`noun`, `plural` for the message): its size, a
 * symbol's --sym value, or an expression's value, which must be >= 0. */
static int64_t quantityValue(FxRunOptions *o, FxDim d, const char *what,
                             const char *noun, const char *plural) {
  if (!d.symbol.length)
    return d.size;
  if (fxDimIsSymbolName(d.symbol))
    return fxRunSymbolValue(o, d.symbol);
  FxDimExpr e;
  char err[256];
  int64_t v;
  if (!fxDimExprParse(d.symbol, &e, err, sizeof err))
    fxRunDie("%s has a %s \"%.*s\" fx-run cannot read: %s", what, noun,
             (int)d.symbol.length, d.symbol.data, err);
  if (!fxDimExprEvaluate(&e, lookupSymbol, o, &v))
    fxRunDie("%s: %s \"%.*s\" overflows int64 with the --sym values given",
             what, noun, (int)d.symbol.length, d.symbol.data);
  if (v < 0)
    fxRunDie("%s: %s \"%.*s\" is %lld with the --sym values given; %s "
             "cannot be negative", what, noun, (int)d.symbol.length,
             d.symbol.data, (long long)v, plural);
  return v;
}

static int64_t dimValue(FxRunOptions *o, FxDim d, const char *what) {
  return quantityValue(o, d, what, "dim", "sizes");
}

void fxRunStridesOf(FxRunOptions *o, MlirValue arg, FxRunTensor *t,
                    const char *what) {
  FxDim declared[FXRT_MAX_RANK];
  if (fxArgumentGetStrides(arg, declared, FXRT_MAX_RANK) != t->rank)
    return; /* none (a rank mismatch is the verifier's error) */
  t->strided = true;
  int order[FXRT_MAX_RANK], n = 0;
  for (int d = 0; d < t->rank; ++d) {
    char which[300];
    snprintf(which, sizeof which, "%s stride %d", what, d);
    t->strides[d] = quantityValue(o, declared[d], which, "stride", "strides");
    if (t->shape[d] > 1)
      order[n++] = d;
  }
  if (t->numel == 0) {
    t->storageBytes = 0;
    return;
  }
  /* Distinct elements: sorted by stride, each dim steps past everything
   * the smaller ones span (so no two indices share an element). */
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && t->strides[order[j]] < t->strides[order[j - 1]]; --j) {
      int k = order[j];
      order[j] = order[j - 1];
      order[j - 1] = k;
    }
  uint64_t span = 1, limit = (uint64_t)INT64_MAX / fxDtypeSize(t->dtype);
  for (int i = 0; i < n; ++i) {
    int d = order[i];
    if ((uint64_t)t->strides[d] < span)
      fxRunDie("%s: fx.strides overlap (dim %d's stride %lld is below the "
               "%llu elements the smaller strides span); fx-run builds an "
               "argument from distinct elements", what, d,
               (long long)t->strides[d], (unsigned long long)span);
    uint64_t extent = (uint64_t)(t->shape[d] - 1);
    if ((uint64_t)t->strides[d] > (limit - span) / extent)
      fxRunDie("%s: the storage its fx.strides span has 2^63 bytes or more",
               what);
    span += extent * (uint64_t)t->strides[d];
  }
  t->storageBytes = (size_t)span * fxDtypeSize(t->dtype);
}

FxRunTensor fxRunShapeOf(FxRunOptions *o, MlirType type, const char *what) {
  MlirType element = fxTensorTypeGetDtype(type);
  FxRunTensor t = {.dtype = fxRunDtypeOf(element),
                   .rank = (int)fxTensorTypeGetRank(type)};
  if (t.dtype < 0) {
    char names[256];
    fxDtypeListNames(names, sizeof names, NULL, "and");
    fxRunDie("%s has an element type libfxrt does not support (it has %s)",
             what, names);
  }
  if (t.rank > FXRT_MAX_RANK)
    fxRunDie("%s has rank %d; fx-run and libfxrt support at most %d dims",
             what, t.rank, FXRT_MAX_RANK);
  /* Bytes must fit in int64_t: fxrt_alloc takes an i64, and a product that
   * wrapped would allocate too little. */
  uint64_t limit = (uint64_t)INT64_MAX / fxDtypeSize(t.dtype), n = 1;
  bool overflow = false;
  for (int i = 0; i < t.rank; ++i) {
    FxDim d = fxTensorTypeGetDim(type, i);
    t.shape[i] = dimValue(o, d, what);
    if (t.shape[i] && n > limit / (uint64_t)t.shape[i])
      overflow = true;
    else
      n *= (uint64_t)t.shape[i];
  }
  if (overflow) {
    char shape[256];
    fxRunFormatShape(t.shape, t.rank, shape, sizeof shape);
    fxRunDie("%s of shape %s (%s) has 2^63 bytes or more", what, shape,
             fxRunDtypeName(t.dtype));
  }
  t.numel = (int64_t)n;
  t.bytes = (size_t)n * fxDtypeSize(t.dtype);
  return t;
}

void fxRunFormatShape(const int64_t *shape, int rank, char *buf, size_t len) {
  size_t at = 0;
  at += (size_t)snprintf(buf, len, "[");
  for (int i = 0; i < rank && at < len; ++i)
    at += (size_t)snprintf(buf + at, len - at, "%s%" PRId64, i ? ", " : "",
                           shape[i]);
  if (at < len)
    snprintf(buf + at, len - at, "]");
}

/*===-- Random contents -----------------------------------------------------===*/

/* splitmix64: small, seedable, the same on every platform. */
static uint64_t nextRandom(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Each 64-bit draw gives four elements: its 16-bit quarters, low first,
 * each reduced to a 12-bit index into a 4096-entry table of the dtype's
 * values (built once per tensor by the exact conversion).  So a 357 MB
 * weight set costs a table lookup per element, not a float conversion. */
#define FX_FILL(T)                                                             \
  do {                                                                         \
    T table[4096], *dst = (T *)t->data;                                        \
    for (int k = 0; k < 4096; ++k)                                             \
      memcpy(&table[k], values + k * 8, sizeof(T));                            \
    for (int64_t i = 0; i < t->numel; i += 4) {                                \
      uint64_t r = nextRandom(state);                                          \
      for (int q = 0; q < 4 && i + q < t->numel; ++q, r >>= 16)                \
        dst[i + q] = table[r & 4095];                                          \
    }                                                                          \
  } while (0)

void fxRunFillRandom(FxRunTensor *t, double scale, uint64_t *state) {
  static unsigned char values[4096 * 8];
  for (int k = 0; k < 4096; ++k) {
    unsigned char *p = values + k * 8;
    memset(p, 0, 8);
    if (fxRunDtypeIsFloat(t->dtype))
      fxStoreF32(p, t->dtype, (float)((double)(k - 2048) / 2048.0 * scale));
    else if (t->dtype == FX_DTYPE_I1)
      p[0] = (unsigned char)(k & 1);
    else {
      int64_t v = k & 63; /* little-endian: the low bytes are the value */
      memcpy(p, &v, 8);
    }
  }
  switch (fxDtypeSize(t->dtype)) {
  case 1:
    FX_FILL(uint8_t);
    break;
  case 2:
    FX_FILL(uint16_t);
    break;
  case 4:
    FX_FILL(uint32_t);
    break;
  default:
    FX_FILL(uint64_t);
    break;
  }
}

/*===-- Printing ------------------------------------------------------------===*/

void fxRunFormatElement(const void *data, int dtype, int64_t i, char *buf,
                        size_t len) {
  size_t elem = fxDtypeSize(dtype);
  const unsigned char *p = (const unsigned char *)data + (size_t)i * elem;
  uint64_t bits = 0;
  memcpy(&bits, p, elem); /* little-endian: the low bytes */
  if (fxRunDtypeIsFloat(dtype)) {
    snprintf(buf, len, "%.*g (0x%0*" PRIx64 ")", dtype == FX_DTYPE_F64 ? 17 : 9,
             fxRunElementValue(data, dtype, i), (int)elem * 2, bits);
    return;
  }
  if (fxDtypeGetInfo(dtype)->packed) {
    snprintf(buf, len, "0x%0*" PRIx64, (int)elem * 2, bits);
    return;
  }
  if (fxDtypeGetInfo(dtype)->npy[1] == 'u') /* uint8: no sign */
    snprintf(buf, len, "%" PRIu64, bits);
  else
    snprintf(buf, len, "%" PRId64, (int64_t)fxRunElementValue(data, dtype, i));
}
