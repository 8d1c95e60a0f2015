/* elementwise.c - torch's elementwise aten ops on the CPU: arithmetic
 * (add/sub/mul/div .Tensor and .Scalar, rsub, pow), comparisons with a
 * Scalar, bitwise and/or/not, where and masked_fill, the unary math ops,
 * _to_copy and the fills (full, zeros, ones).
 *
 * One engine (fxEwRun) runs them all: it walks the output and up to three
 * inputs row by row with torch's broadcasting (stride 0 on broadcast dims,
 * any strides and offsets), brings each input to the op's common dtype,
 * computes one row in a carrier type and stores it to the out dtype.  An
 * op is one row of kOps: its per-element expression for each carrier.
 *
 * Numerics, as torch's CPU kernels:
 *   - the common dtype is the out dtype (the verifier gives every call
 *     torch's result type, dialect/FxVerifyAten.c) except for the
 *     comparisons, whose out is bool: they compare in torch's result type
 *     of self and the Scalar (fx_promote.h);
 *   - each input is cast to the common dtype with c10's casts (copy.c),
 *     so `i64 + f16` rounds the int to f16 first, as torch's CPU
 *     TensorIterator does;
 *   - the carrier: fp32 for every float dtype but f64 (torch's opmath:
 *     f16 and bf16 are computed in fp32 and rounded once to the out
 *     dtype), double for f64, int64 for the ints and bool (with the
 *     two's complement wrap of the narrower int when stored);
 *   - add/sub/mul/div read a scalar `other` (a Scalar, or a tensor of one
 *     element) at fp32 when computing f16/bf16, as torch's
 *     original_scalar_value path does, instead of rounding it to 16 bits;
 *   - add is a + alpha*b with alpha in the carrier's type (two fp32
 *     roundings for floats; torch's 16-bit tensor-tensor path rounds
 *     alpha*b to 16 bits first, which only matters for alpha != 1);
 *   - pow takes torch's exact paths for the exponents 2, 3, 0.5, -0.5, -1,
 *     -2, and powf/pow otherwise; ints by repeated squaring;
 *   - exp, log, sigmoid (1/(1+exp(-x))), silu (x/(1+exp(-x))), rsqrt
 *     (1/sqrt(x)) and cos are libm's fp32 (double for f64) functions:
 *     within an ulp or two of torch's SLEEF versions, not bit-identical.
 * The kernels receive Scalars as doubles, so a comparison cannot tell an
 * int Scalar from an integral float one: an integral value compares as an
 * int (exactly), where torch compares an int tensor with a float Scalar
 * in f32; they differ only for ints beyond 2^24.
 * Device tensors: add/mul/cos with a float out run aten.cu's elementwise
 * kernel (FX_CUDA_DISPATCH); the other ops have no CUDA kernel and
 * refuse device tensors. */
#include "cpu/fx_cpu.h"
#include "fx_promote.h"

#include <stdlib.h>
#include <string.h>
#include <tgmath.h> /* one expression gives the float and double rows */

/*===-- The ops --------------------------------------------------------------===*/

/* A row of one op in one carrier: r[i] from A[i], B[i], C[i] (inputs 0, 1,
 * 2 in the carrier type T), M[i] (input 0 as an int64 0/1 mask) and the
 * parameter p (alpha, exponent, bitwise_not's mask) as T. */
typedef void (*FxEwFn)(void *r, const void *const *in, int64_t n, double p);

#define FX_EW_ROW(NAME, T, R, EXPR)                                            \
  static void NAME(void *r_, const void *const *in, int64_t n, double p_) {   \
    R *r = (R *)r_;                                                            \
    const int64_t *M = (const int64_t *)in[0];                                 \
    const T *A = (const T *)in[0], *B = (const T *)in[1],                      \
            *C = (const T *)in[2];                                             \
    const T p = (T)p_;                                                         \
    (void)M, (void)A, (void)B, (void)C, (void)p;                               \
    for (int64_t i = 0; i < n; i++)                                            \
      r[i] = (R)(EXPR);                                                        \
  }
#define FX_EW_FLOATS(NAME, EXPR)                                               \
  FX_EW_ROW(NAME##_f32, float, float, EXPR)                                    \
  FX_EW_ROW(NAME##_f64, double, double, EXPR)
#define FX_EW_INTS(NAME, EXPR) FX_EW_ROW(NAME##_i64, int64_t, int64_t, EXPR)
#define FX_EW_COMPARE(NAME, OP)                                                \
  FX_EW_ROW(NAME##_f32, float, int64_t, A[i] OP B[i])                          \
  FX_EW_ROW(NAME##_f64, double, int64_t, A[i] OP B[i])                         \
  FX_EW_ROW(NAME##_i64, int64_t, int64_t, A[i] OP B[i])

/* Int arithmetic wraps (two's complement, as torch's C++ on x86): done in
 * uint64_t, where overflow is defined. */
#define FX_U(x) ((uint64_t)(x))
#define FX_S(x) ((int64_t)(x))

/* torch's pow_tensor_scalar_optimized_kernel: exact paths for the common
 * exponents, std::pow otherwise. */
#define FX_POW(x, e)                                                           \
  ((e) == 2    ? (x) * (x)                                                     \
   : (e) == 3  ? (x) * (x) * (x)                                               \
   : (e) == 0.5 ? sqrt(x)                                                      \
   : (e) == -0.5 ? 1 / sqrt(x)                                                 \
   : (e) == -1 ? 1 / (x)                                                       \
   : (e) == -2 ? 1 / ((x) * (x))                                               \
               : pow((x), (e)))

/* x**e for an int exponent e >= 0 (the verifier and fxrt_aten__pow_*
 * refuse negative ones), by squaring, wrapping. */
static int64_t fxPowInt(int64_t x, int64_t e) {
  uint64_t r = 1, b = FX_U(x);
  for (; e > 0; e >>= 1, b *= b)
    if (e & 1)
      r *= b;
  return FX_S(r);
}

FX_EW_FLOATS(add, A[i] + p * B[i])
FX_EW_INTS(add, FX_S(FX_U(A[i]) + FX_U(p) * FX_U(B[i])))
FX_EW_FLOATS(sub, A[i] - p * B[i])
FX_EW_INTS(sub, FX_S(FX_U(A[i]) - FX_U(p) * FX_U(B[i])))
FX_EW_FLOATS(rsub, B[i] - p * A[i])
FX_EW_INTS(rsub, FX_S(FX_U(B[i]) - FX_U(p) * FX_U(A[i])))
FX_EW_FLOATS(mul, A[i] * B[i])
FX_EW_INTS(mul, FX_S(FX_U(A[i]) * FX_U(B[i])))
FX_EW_FLOATS(div, A[i] / B[i])
FX_EW_FLOATS(pow, FX_POW(A[i], p))
FX_EW_INTS(pow, fxPowInt(A[i], p))
FX_EW_COMPARE(eq, ==)
FX_EW_COMPARE(ne, !=)
FX_EW_COMPARE(lt, <)
FX_EW_COMPARE(le, <=)
FX_EW_COMPARE(gt, >)
FX_EW_COMPARE(ge, >=)
FX_EW_INTS(and, A[i] & B[i])
FX_EW_INTS(or, A[i] | B[i])
FX_EW_INTS(not, A[i] ^ p) /* p: all ones for ints, 1 for bool (0/1) */
FX_EW_FLOATS(select, M[i] ? B[i] : C[i])
FX_EW_INTS(select, M[i] ? B[i] : C[i])
FX_EW_FLOATS(silu, A[i] / (1 + exp(-A[i])))
FX_EW_FLOATS(sigmoid, 1 / (1 + exp(-A[i])))
FX_EW_FLOATS(exp, exp(A[i]))
FX_EW_FLOATS(log, log(A[i]))
FX_EW_FLOATS(abs, fabs(A[i]))
FX_EW_INTS(abs, A[i] < 0 ? FX_S(-FX_U(A[i])) : A[i])
FX_EW_FLOATS(neg, -A[i])
FX_EW_INTS(neg, FX_S(-FX_U(A[i])))
FX_EW_FLOATS(rsqrt, 1 / sqrt(A[i]))
FX_EW_FLOATS(cos, cos(A[i]))
FX_EW_FLOATS(copy, A[i])
FX_EW_INTS(copy, A[i])

enum {
  FX_EW_MASK0 = 1,       /* input 0 is a bool mask, read as 0/1, not cast */
  FX_EW_BOOL_OUT = 2,    /* the row is 0/1 (int64): a comparison */
  FX_EW_SCALAR_FP32 = 4, /* a one-element input 1 enters at fp32 in f16/bf16 */
};

typedef struct FxEwOp {
  const char *name;
  FxEwFn fn[3]; /* by FxCarrier: F32, I64, F64; NULL where torch has none */
  unsigned flags;
  int cudaOp; /* aten.cu's op for a float out (0 add, 1 mul, 2 cos), or -1 */
} FxEwOp;

#define FX_EW_F(NAME) {NAME##_f32, NULL, NAME##_f64}
#define FX_EW_FI(NAME) {NAME##_f32, NAME##_i64, NAME##_f64}
#define FX_EW_I(NAME) {NULL, NAME##_i64, NULL}

typedef enum FxEwId {
  FX_ADD, FX_SUB, FX_RSUB, FX_MUL, FX_DIV, FX_POW, FX_EQ, FX_NE, FX_LT,
  FX_LE, FX_GT, FX_GE, FX_AND, FX_OR, FX_NOT, FX_SELECT, FX_SILU,
  FX_SIGMOID, FX_EXP, FX_LOG, FX_ABS, FX_NEG, FX_RSQRT, FX_COS, FX_COPY,
} FxEwId;

static const FxEwOp kOps[] = {
    [FX_ADD] = {"add", FX_EW_FI(add), FX_EW_SCALAR_FP32, 0},
    [FX_SUB] = {"sub", FX_EW_FI(sub), FX_EW_SCALAR_FP32, -1},
    [FX_RSUB] = {"rsub", FX_EW_FI(rsub), 0, -1},
    [FX_MUL] = {"mul", FX_EW_FI(mul), FX_EW_SCALAR_FP32, 1},
    [FX_DIV] = {"div", FX_EW_F(div), FX_EW_SCALAR_FP32, -1},
    [FX_POW] = {"pow", FX_EW_FI(pow), 0, -1},
    [FX_EQ] = {"eq", FX_EW_FI(eq), FX_EW_BOOL_OUT, -1},
    [FX_NE] = {"ne", FX_EW_FI(ne), FX_EW_BOOL_OUT, -1},
    [FX_LT] = {"lt", FX_EW_FI(lt), FX_EW_BOOL_OUT, -1},
    [FX_LE] = {"le", FX_EW_FI(le), FX_EW_BOOL_OUT, -1},
    [FX_GT] = {"gt", FX_EW_FI(gt), FX_EW_BOOL_OUT, -1},
    [FX_GE] = {"ge", FX_EW_FI(ge), FX_EW_BOOL_OUT, -1},
    [FX_AND] = {"bitwise_and", FX_EW_I(and), 0, -1},
    [FX_OR] = {"bitwise_or", FX_EW_I(or), 0, -1},
    [FX_NOT] = {"bitwise_not", FX_EW_I(not), 0, -1},
    [FX_SELECT] = {"where", FX_EW_FI(select), FX_EW_MASK0, -1},
    [FX_SILU] = {"silu", FX_EW_F(silu), 0, -1},
    [FX_SIGMOID] = {"sigmoid", FX_EW_F(sigmoid), 0, -1},
    [FX_EXP] = {"exp", FX_EW_F(exp), 0, -1},
    [FX_LOG] = {"log", FX_EW_F(log), 0, -1},
    [FX_ABS] = {"abs", FX_EW_FI(abs), 0, -1},
    [FX_NEG] = {"neg", FX_EW_FI(neg), 0, -1},
    [FX_RSQRT] = {"rsqrt", FX_EW_F(rsqrt), 0, -1},
    [FX_COS] = {"cos", FX_EW_F(cos), 0, 2},
    [FX_COPY] = {"copy", FX_EW_FI(copy), 0, -1},
};

/*===-- The engine -----------------------------------------------------------===*/

/* One input: a tensor, or (t NULL) the Scalar `s`. */
typedef struct FxEwIn {
  const char *name;
  const FxTensor *t;
  double s;
} FxEwIn;

enum { FX_EW_MAX_IN = 3 };

/* Writes the scalar `s` cast to dtype `cd` (c10's cast from an int64 when
 * it is an integral value and `cd` is an int or bool, as an int Scalar
 * would be; from the double otherwise) as `n` carrier values. */
static void fxEwScalarRow(double s, int32_t cd, void *row, int64_t n) {
  char one[8];
  if (fxCpuCarrier(cd) == FX_CARRIER_I64 && s == trunc(s) &&
      fabs(s) < 0x1p63) {
    int64_t v = (int64_t)s;
    fxCpuStoreCarrier(FX_CARRIER_I64, cd, one, &v, 1, 0);
  } else {
    fxCpuStoreCarrier(FX_CARRIER_F64, cd, one, &s, 1, 0);
  }
  fxCpuLoadCarrier(cd, row, one, n, 0);
}

/* The dtype input j is brought to before the op: the common dtype, bool
 * for a mask, or f32 for a 16-bit op's Scalar (or one-element tensor)
 * `other` (torch's original_scalar_value<float>).  `t` NULL: a Scalar. */
static int32_t fxEwCast(const FxEwOp *op, int j, int32_t common,
                        const FxTensor *t) {
  if (j == 0 && (op->flags & FX_EW_MASK0))
    return FX_DTYPE_I1;
  if (j == 1 && (op->flags & FX_EW_SCALAR_FP32) &&
      (common == FX_DTYPE_F16 || common == FX_DTYPE_BF16) &&
      (!t || fxTensorNumel(t) == 1))
    return FX_DTYPE_F32;
  return common;
}

/* out = op(in...) with the common dtype `common` and parameter `p`. */
static void fxEwRun(const char *k, FxEwId id, const FxTensor *out, int nin,
                    const FxEwIn *in, int32_t common, double p) {
  const FxEwOp *op = &kOps[id];
  FX_TRY(fxCpuCheck(k, "out", out, FX_DT_NUMBERS, 0, FXRT_MAX_RANK));
  const FxTensor *ts[FX_EW_MAX_IN] = {NULL, NULL, NULL};
  int64_t strides[FX_EW_MAX_IN][FXRT_MAX_RANK + 1] = {{0}};
  for (int j = 0; j < nin; j++) {
    if (!in[j].t)
      continue;
    uint32_t set = j == 0 && (op->flags & FX_EW_MASK0) ? FX_DT(FX_DTYPE_I1)
                                                        : FX_DT_NUMBERS;
    FX_TRY(fxCpuCheck(k, in[j].name, in[j].t, set, 0, FXRT_MAX_RANK) ||
           fxCpuBroadcastStrides(k, in[j].name, in[j].t, "out", out,
                                 strides[j]));
    ts[j] = in[j].t;
  }
  /* The out shape must be the broadcast of the inputs', not larger (a
   * fill has no tensor input: any shape). */
  int tensors = 0;
  for (int j = 0; j < nin; j++)
    tensors += ts[j] != NULL;
  for (int d = 0; tensors && d < out->rank; d++) {
    int found = out->sizes[d] == 1;
    for (int j = 0; j < nin && !found; j++) {
      int dj = ts[j] ? d - (out->rank - ts[j]->rank) : -1;
      found = dj >= 0 && ts[j]->sizes[dj] == out->sizes[d];
    }
    if (!found) {
      fxCpuError(k, "'out' dimension %d of size %lld is not the broadcast of "
                    "the inputs",
                 d, (long long)out->sizes[d]);
      return;
    }
  }
  FxCarrier K = fxCpuCarrier(common);
  FxEwFn fn = K == FX_CARRIER_NONE ? NULL : op->fn[K];
  if (!fn) {
    fxCpuError(k, "%s is not defined for %s", op->name,
               fxCpuDtypeName(common));
    return;
  }
  int32_t cast[FX_EW_MAX_IN];
  for (int j = 0; j < nin; j++)
    cast[j] = fxEwCast(op, j, common, ts[j]);
  if (op->cudaOp >= 0 && (FX_DT(out->dtype) & FX_DT_FLOAT16_32) && ts[0] &&
      (nin == 1 || ts[1]))
    FX_CUDA_DISPATCH(k,
                     fxCudaElementwise(k, out, ts[0], strides[0], ts[1],
                                       strides[1], op->cudaOp, (float)p,
                                       cast[0], nin > 1 ? cast[1] : FX_DTYPE_F32),
                     out, ts[0], ts[1]);
  else
    FX_CUDA_DISPATCH(k, fxCpuError(k, "device tensors: %s has no CUDA kernel (CPU tensors only)", op->name),
                     out, ts[0], ts[1], ts[2]);
  if (fxTensorNumel(out) == 0)
    return;

  int outer = out->rank ? out->rank - 1 : 0;
  int64_t n = out->rank ? out->sizes[out->rank - 1] : 1;
  /* Rows: one per input, the result, and two conversion scratches. */
  char *buf = malloc((size_t)(FX_EW_MAX_IN + 3) * (size_t)n * sizeof(double));
  if (!buf) {
    fxCpuError(k, "out of memory for rows of %lld elements", (long long)n);
    return;
  }
  void *rows[FX_EW_MAX_IN] = {NULL, NULL, NULL};
  char *res = buf + (size_t)FX_EW_MAX_IN * (size_t)n * sizeof(double);
  char *tmp = res + (size_t)n * sizeof(double), *tmp2 = tmp + n * sizeof(double);
  FxCpuRows it;
  fxCpuRowsInit(&it, outer, out->sizes);
  fxCpuRowsAdd(&it, out, NULL);
  int at[FX_EW_MAX_IN];
  for (int j = 0; j < nin; j++) {
    rows[j] = buf + (size_t)j * (size_t)n * sizeof(double);
    if (ts[j])
      at[j] = fxCpuRowsAdd(&it, ts[j], strides[j]);
    else
      fxEwScalarRow(in[j].s, cast[j], rows[j], n);
  }
  FxCarrier outCarrier = op->flags & FX_EW_BOOL_OUT ? FX_CARRIER_I64 : K;
  int64_t os = fxCpuInnerStride(out);
  while (fxCpuRowsNext(&it)) {
    for (int j = 0; j < nin; j++)
      if (ts[j])
        fxCpuLoadCast(ts[j]->dtype, cast[j], rows[j], it.ptr[at[j]], n,
                    out->rank ? strides[j][outer] * fxElemSize(ts[j]->dtype)
                              : 0,
                    tmp, tmp2);
    fn(res, (const void *const *)rows, n, p);
    fxCpuStoreCarrier(outCarrier, out->dtype, it.ptr[0], res, n, os);
  }
  free(buf);
}

/* The dtype torch compares `self` and a Scalar in: their result type, the
 * Scalar counted as an int when it is integral (fxrt.h passes it as a
 * double; see the header). */
static int32_t fxCompareDtype(const FxTensor *self, double s) {
  if (!self || !fxCpuDtype(self->dtype))
    return FX_DTYPE_F32; /* fxEwRun reports the operand */
  FxResultType r = fxResultTypeInit();
  fxResultTypeTensor(&r, self->dtype, self->rank);
  fxResultTypeScalar(&r, isfinite(s) && s == trunc(s) ? FX_SCALAR_INT
                                                       : FX_SCALAR_FLOAT);
  int32_t t = fxResultTypeGet(&r);
  return t < 0 ? self->dtype : t;
}

/*===-- The kernels ----------------------------------------------------------===*/

#define FX_OUT_DTYPE(out) ((out) ? (out)->dtype : FX_DTYPE_F32)

#define FX_EW(ID, NIN, P, ...)                                                 \
  do {                                                                         \
    const FxEwIn in_[] = {__VA_ARGS__};                                        \
    fxEwRun(__func__, ID, out, NIN, in_, FX_OUT_DTYPE(out), P);                \
  } while (0)
#define FX_IN_T(name) {#name, name, 0.0}
#define FX_IN_S(name) {#name, NULL, name}

/* The entry points, by signature. */
#define FX_BINARY(NAME, ID)                                                    \
  void fxrt_aten__##NAME(const FxTensor *out, const FxTensor *self,            \
                         const FxTensor *other) {                              \
    FX_EW(ID, 2, 0.0, FX_IN_T(self), FX_IN_T(other));                          \
  }
#define FX_BINARY_ALPHA(NAME, ID)                                              \
  void fxrt_aten__##NAME(const FxTensor *out, const FxTensor *self,            \
                         const FxTensor *other, double alpha) {                \
    FX_EW(ID, 2, alpha, FX_IN_T(self), FX_IN_T(other));                        \
  }
#define FX_SCALAR(NAME, ID)                                                    \
  void fxrt_aten__##NAME(const FxTensor *out, const FxTensor *self,            \
                         double other) {                                       \
    FX_EW(ID, 2, 0.0, FX_IN_T(self), FX_IN_S(other));                          \
  }
#define FX_SCALAR_ALPHA(NAME, ID)                                              \
  void fxrt_aten__##NAME(const FxTensor *out, const FxTensor *self,            \
                         double other, double alpha) {                         \
    FX_EW(ID, 2, alpha, FX_IN_T(self), FX_IN_S(other));                        \
  }

FX_BINARY_ALPHA(add_Tensor, FX_ADD)
FX_BINARY_ALPHA(sub_Tensor, FX_SUB)
FX_BINARY(mul_Tensor, FX_MUL)
FX_BINARY(div_Tensor, FX_DIV)
FX_SCALAR_ALPHA(add_Scalar, FX_ADD)
FX_SCALAR_ALPHA(sub_Scalar, FX_SUB)
FX_SCALAR_ALPHA(rsub_Scalar, FX_RSUB)
FX_SCALAR(mul_Scalar, FX_MUL)
FX_SCALAR(div_Scalar, FX_DIV)
FX_BINARY(bitwise_and_Tensor, FX_AND)
FX_BINARY(bitwise_or_Tensor, FX_OR)

void fxrt_aten__pow_Tensor_Scalar(const FxTensor *out, const FxTensor *self,
                                  double exponent) {
  if (out && fxCpuCarrier(out->dtype) == FX_CARRIER_I64 &&
      !(exponent >= 0 && exponent == trunc(exponent) && exponent < 0x1p63)) {
    fxCpuError(__func__, "an int result needs an int exponent >= 0, not %g "
                         "(torch: Integers to negative integer powers are "
                         "not allowed)",
               exponent);
    return;
  }
  FX_EW(FX_POW, 1, exponent, FX_IN_T(self));
}

#define FX_COMPARE(NAME, ID)                                                   \
  void fxrt_aten__##NAME##_Scalar(const FxTensor *out, const FxTensor *self,   \
                                  double other) {                              \
    const FxEwIn in_[] = {FX_IN_T(self), FX_IN_S(other)};                            \
    fxEwRun(__func__, ID, out, 2, in_, fxCompareDtype(self, other), 0.0);      \
  }
FX_COMPARE(eq, FX_EQ)
FX_COMPARE(ne, FX_NE)
FX_COMPARE(lt, FX_LT)
FX_COMPARE(le, FX_LE)
FX_COMPARE(gt, FX_GT)
FX_COMPARE(ge, FX_GE)

void fxrt_aten__bitwise_not(const FxTensor *out, const FxTensor *self) {
  /* bool holds 0/1, so its "all ones" is 1 (torch: logical not) */
  FX_EW(FX_NOT, 1, FX_OUT_DTYPE(out) == FX_DTYPE_I1 ? 1.0 : -1.0, FX_IN_T(self));
}

void fxrt_aten__where_self(const FxTensor *out, const FxTensor *condition,
                           const FxTensor *self, const FxTensor *other) {
  FX_EW(FX_SELECT, 3, 0.0, FX_IN_T(condition), FX_IN_T(self), FX_IN_T(other));
}
void fxrt_aten__masked_fill_Scalar(const FxTensor *out, const FxTensor *self,
                                   const FxTensor *mask, double value) {
  FX_EW(FX_SELECT, 3, 0.0, FX_IN_T(mask), FX_IN_S(value), FX_IN_T(self));
}

#define FX_UNARY(NAME, ID)                                                     \
  void fxrt_aten__##NAME(const FxTensor *out, const FxTensor *self) {          \
    FX_EW(ID, 1, 0.0, FX_IN_T(self));                                             \
  }
FX_UNARY(silu, FX_SILU)
FX_UNARY(sigmoid, FX_SIGMOID)
FX_UNARY(exp, FX_EXP)
FX_UNARY(log, FX_LOG)
FX_UNARY(abs, FX_ABS)
FX_UNARY(neg, FX_NEG)
FX_UNARY(rsqrt, FX_RSQRT)
FX_UNARY(cos, FX_COS)

/*===-- Conversion and fills ---------------------------------------------------===*/

void fxrt_aten___to_copy(const FxTensor *out, const FxTensor *self,
                         int64_t non_blocking) {
  (void)non_blocking; /* copies are synchronous here */
  FX_TRY(fxCpuCheck(__func__, "out", out, FX_DT_ANY, 0, FXRT_MAX_RANK) ||
         fxCpuCheck(__func__, "self", self, FX_DT_ANY, 0, FXRT_MAX_RANK) ||
         fxCpuCheckSameShape(__func__, "out", out, "self", self));
  fxCpuConvertCopy(__func__, out, self);
}

void fxrt_aten__full(const FxTensor *out, double fill_value) {
  FX_EW(FX_COPY, 1, 0.0, FX_IN_S(fill_value));
}
void fxrt_aten__zeros(const FxTensor *out) { FX_EW(FX_COPY, 1, 0.0, {"zero", NULL, 0.0}); }
void fxrt_aten__ones(const FxTensor *out) { FX_EW(FX_COPY, 1, 0.0, {"one", NULL, 1.0}); }
