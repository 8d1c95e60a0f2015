/* fx_promote.h - torch's type promotion (c10::promoteTypes and
 * at::native::result_type) over FxDtype codes.  The verifier gives each
 * elementwise call the result dtype torch would (dialect/FxVerifyAten.c),
 * and the comparison kernels find the dtype torch compares in
 * (kernels/cpu/elementwise.c), from this one definition.  Plain C, no
 * MLIR, static inline (each user compiles its own copy).
 *
 * torch's rules, for the dtypes fxir has:
 *   - the same dtype promotes to itself;
 *   - bool with anything gives the other;
 *   - an int with a float gives the float; two ints the wider, except that
 *     uint8 with int8 gives int16 (neither holds the other);
 *   - two floats the wider, except f16 with bf16, which gives f32;
 *   - a float8 or the packed float4 with any other dtype has no promotion
 *     (torch: "Promotion for Float8 Types is not supported").
 * result_type ranks operands in three groups: tensors with dims, 0-dim
 * tensors, and wrapped numbers (a Python scalar: a float one counts as the
 * default dtype f32, an int one as i64, a bool as bool).  A lower group
 * changes the result only when it is of a higher category (bool < int <
 * float): `x_f16 + 2.5` is f16, `x_i32 + 2.5` is f32, `x_i32 + 2` i32. */
#ifndef FX_PROMOTE_H
#define FX_PROMOTE_H

#include "fxrt.h"

#include <stdint.h>

/* torch's categories of each dtype, from the `kind` column. */
enum { FX_KIND_BOOL, FX_KIND_INT, FX_KIND_FLOAT, FX_KIND_FLOAT8, FX_KIND_PACKED };

static inline int fxDtypeKind(int32_t dt) {
  static const signed char kinds[] = {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  FX_KIND_##kind,
#include "fx_dtypes.def"
  };
  return dt >= 0 && dt < FX_DTYPE_COUNT ? kinds[dt] : -1;
}

/* 0 bool, 1 int, 2 float (float8 and packed count as floats, as torch's
 * isFloatingType). */
static inline int fxDtypeCategoryOf(int32_t dt) {
  int k = fxDtypeKind(dt);
  return k == FX_KIND_BOOL ? 0 : k == FX_KIND_INT ? 1 : 2;
}

/* Bits of an int dtype (uint8 as 8), or of a float (f16 and bf16 as 16). */
static inline int fxDtypeBits(int32_t dt) {
  static const signed char bits[] = {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  8 * bytes,
#include "fx_dtypes.def"
  };
  return dt >= 0 && dt < FX_DTYPE_COUNT ? bits[dt] : 0;
}

/* c10::promoteTypes: the promoted dtype, or -1 where torch has none
 * (float8 or packed with another dtype).  -1 (undefined) with x gives x. */
static inline int32_t fxPromoteTypes(int32_t a, int32_t b) {
  if (a < 0 || a == b)
    return b;
  if (b < 0)
    return a;
  int ka = fxDtypeKind(a), kb = fxDtypeKind(b);
  if (ka == FX_KIND_FLOAT8 || ka == FX_KIND_PACKED || kb == FX_KIND_FLOAT8 ||
      kb == FX_KIND_PACKED)
    return -1;
  if (ka != kb) /* bool < int < float: the higher kind wins */
    return ka > kb ? a : b;
  if (ka == FX_KIND_INT) {
    if ((a == FX_DTYPE_UI8 && b == FX_DTYPE_I8) ||
        (a == FX_DTYPE_I8 && b == FX_DTYPE_UI8))
      return FX_DTYPE_I16;
    return fxDtypeBits(a) >= fxDtypeBits(b) ? a : b;
  }
  /* two different floats */
  if (fxDtypeBits(a) == 16 && fxDtypeBits(b) == 16)
    return FX_DTYPE_F32; /* f16 with bf16 */
  return fxDtypeBits(a) > fxDtypeBits(b) ? a : b;
}

/* What a wrapped number (a Scalar argument) counts as. */
typedef enum FxScalarKind {
  FX_SCALAR_BOOL,
  FX_SCALAR_INT,
  FX_SCALAR_FLOAT
} FxScalarKind;

/* at::native::ResultTypeState: the promoted dtype of each group, -1 when
 * the group is empty; `failed` once two dtypes of a group had no
 * promotion (first pair in failA/failB). */
typedef struct FxResultType {
  int32_t dim, zero, wrapped;
  int failed;
  int32_t failA, failB;
} FxResultType;

static inline FxResultType fxResultTypeInit(void) {
  FxResultType r = {-1, -1, -1, 0, -1, -1};
  return r;
}

static inline void fxResultTypePromote(FxResultType *r, int32_t *group,
                                       int32_t dt) {
  int32_t p = fxPromoteTypes(*group, dt);
  if (p < 0 && !r->failed) {
    r->failed = 1;
    r->failA = *group;
    r->failB = dt;
  }
  *group = p;
}

/* Adds a tensor operand of `rank` dims. */
static inline void fxResultTypeTensor(FxResultType *r, int32_t dt, int rank) {
  fxResultTypePromote(r, rank > 0 ? &r->dim : &r->zero, dt);
}

/* Adds a wrapped number: a float one is the default dtype (f32). */
static inline void fxResultTypeScalar(FxResultType *r, FxScalarKind kind) {
  static const int32_t dts[] = {FX_DTYPE_I1, FX_DTYPE_I64, FX_DTYPE_F32};
  fxResultTypePromote(r, &r->wrapped, dts[kind]);
}

/* at::native::combine_categories: `lower` matters only when it is of a
 * higher category than `higher` (or `higher` is bool or empty). */
static inline int32_t fxCombineCategories(FxResultType *r, int32_t higher,
                                          int32_t lower) {
  if (higher >= 0 && fxDtypeCategoryOf(higher) == 2)
    return higher;
  if (higher == FX_DTYPE_I1 || (lower >= 0 && fxDtypeCategoryOf(lower) == 2)) {
    int32_t p = fxPromoteTypes(higher, lower);
    if (p < 0 && !r->failed) {
      r->failed = 1;
      r->failA = higher;
      r->failB = lower;
    }
    return p;
  }
  return higher >= 0 ? higher : lower;
}

/* The result dtype, or -1 when `failed` (or no operand was added). */
static inline int32_t fxResultTypeGet(FxResultType *r) {
  int32_t lower = fxCombineCategories(r, r->zero, r->wrapped);
  int32_t t = r->failed ? -1 : fxCombineCategories(r, r->dim, lower);
  return r->failed ? -1 : t;
}

/* torch's int-to-float ops (true division, exp, log, sigmoid, rsqrt, cos):
 * an int or bool result dtype becomes the default dtype f32. */
static inline int32_t fxIntToFloat(int32_t dt) {
  return dt >= 0 && fxDtypeCategoryOf(dt) < 2 ? FX_DTYPE_F32 : dt;
}

#endif /* FX_PROMOTE_H */
