/* FxVerifyAten.h - what the aten result rules share (private to
 * dialect/): the call being checked, messages, dims and dtype sets.  The
 * rules are FxVerifyAten.c (matrix products, storage ops; the rule table)
 * and FxVerifyElementwise.c (broadcasting and type promotion). */
#ifndef FX_VERIFY_ATEN_H
#define FX_VERIFY_ATEN_H

#include "FxInternal.h"
#include "fx_dtype_sets.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <inttypes.h>
#include <stdio.h>

/* One call being checked. */
typedef struct Call {
  MlirOperation op;
  const FxSchema *schema;
  bool kernel; /* also the dtypes fxir's kernel takes (the lowering asks) */
} Call;


/* "aten::mm: <message>" as an error at the op. */
#define FAIL(c, fmt, ...)                                                      \
  fxVerifyError((c)->op, "%s: " fmt, (c)->schema->qualifiedName, __VA_ARGS__)

/* The type of the operand named `name`, or a null type when absent. */
static inline MlirType operandType(const Call *c, const char *name) {
  MlirValue v = fxCallGetOperandByName(c->op, fxStr(name));
  return mlirValueIsNull(v) ? (MlirType){NULL} : mlirValueGetType(v);
}

static inline MlirType resultType(const Call *c) {
  return mlirValueGetType(mlirOperationGetResult(c->op, 0));
}

static inline FxText dtypeText(MlirType t) {
  return fxTypeText(fxTensorTypeGetDtype(t));
}

/* A dim as messages show it: 4 or "s0". */
typedef struct DimText {
  char s[96];
} DimText;

static inline DimText dimText(FxDim d) {
  DimText t;
  if (d.symbol.length)
    snprintf(t.s, sizeof t.s, "\"%.*s\"", (int)(d.symbol.length > 80 ? 80 : d.symbol.length),
             d.symbol.data);
  else
    snprintf(t.s, sizeof t.s, "%" PRId64, d.size);
  return t;
}

/* Different for every value of the symbols: two different static sizes. */
static inline bool dimsDiffer(FxDim a, FxDim b) {
  return !a.symbol.length && !b.symbol.length && a.size != b.size;
}

static inline bool isOne(FxDim d) { return !d.symbol.length && d.size == 1; }

/* Dtype sets of the kernels (kernels/fx_dtype_sets.h, the sets the CPU
 * kernels check), as filters on the dtype rows. */
typedef bool (*DtypeSet)(const FxDtypeInfo *);

/* Matmul operands: f32, f16, bf16, f8E4M3FN. */
static inline bool isFloat(const FxDtypeInfo *d) {
  return (FX_DT(d->code) & FX_DT_FLOATS) != 0;
}

/* Elementwise inputs: every dtype but the packed f4e2m1fnx2. */
static inline bool isNumber(const FxDtypeInfo *d) {
  return (FX_DT(d->code) & FX_DT_NUMBERS) != 0;
}

/* Activations: f32, f16, bf16. */
static inline bool isWideFloat(const FxDtypeInfo *d) {
  return (FX_DT(d->code) & FX_DT_FLOAT16_32) != 0;
}

static inline bool inSet(MlirType dtype, DtypeSet set) {
  const FxDtypeInfo *d = fxDtypeInfo(dtype);
  return d && set(d);
}

/* "f32, f16, bf16 or f8E4M3FN" */
typedef struct SetText {
  char s[256];
} SetText;

static inline SetText setTextOf(DtypeSet set) {
  SetText t;
  fxDtypeListNames(t.s, sizeof t.s, set, "or");
  return t;
}
#define setText(set) setTextOf(set).s

/* Operand `name` (present) has a dtype the kernel accepts. */
static inline MlirLogicalResult checkKernelDtype(const Call *c, const char *name,
                                          MlirType t, DtypeSet set) {
  if (!c->kernel || inSet(fxTensorTypeGetDtype(t), set))
    return OK;
  return FAIL(c, "the built-in kernel takes %s of dtype %s, not %s", name,
              setText(set), dtypeText(t).s);
}

/* The result is exactly `rank` dims `dims` of `dtype`; `why` says where
 * they come from. */
static inline MlirLogicalResult expectResult(const Call *c, intptr_t rank,
                                      const FxDim *dims, MlirType dtype,
                                      const char *why) {
  MlirType have = resultType(c);
  bool same = fxTensorTypeGetRank(have) == rank &&
              mlirTypeEqual(fxTensorTypeGetDtype(have), dtype);
  for (intptr_t i = 0; same && i < rank; ++i)
    same = fxDimEqual(fxTensorTypeGetDim(have, i), dims[i]);
  if (same)
    return OK;
  /* Only now build the expected type (a uniquing lookup) for the message;
   * dims and dtype are valid, they come from valid types and checked args. */
  MlirType want = fxTensorTypeGet(mlirTypeGetContext(have), rank, dims, dtype);
  return FAIL(c, "result 0 has type %s but %s gives %s (%s)",
              fxTypeText(have).s, c->schema->qualifiedName,
              fxTypeText(want).s, why);
}

/* The result has the type of operand `name`. */
static inline MlirLogicalResult expectSameAs(const Call *c, const char *name) {
  MlirType t = operandType(c, name);
  if (mlirTypeEqual(t, resultType(c)))
    return OK;
  return FAIL(c, "result 0 has type %s but %s gives the type of %s, %s",
              fxTypeText(resultType(c)).s, c->schema->qualifiedName, name,
              fxTypeText(t).s);
}

/* The dims of tensor type `t` (rank <= FX_MAX_RANK: the verifier checked
 * every type before the rules run). */
static inline intptr_t dimsOf(MlirType t, FxDim *dims) {
  return fxTensorTypeGetDims(t, dims, FX_MAX_RANK);
}


/* The elementwise rules (FxVerifyElementwise.c), named in the `rule`
 * column of kernels/fx_builtins.def. */
MlirLogicalResult checkBinary(const Call *c);
MlirLogicalResult checkScalarOp(const Call *c);
MlirLogicalResult checkUnary(const Call *c);
MlirLogicalResult checkUnaryFloat(const Call *c);
MlirLogicalResult checkMaskedFill(const Call *c);
MlirLogicalResult checkWhere(const Call *c);
/* The reductions (FxVerifyReduce.c). */
MlirLogicalResult checkReduce(const Call *c);
MlirLogicalResult checkSoftmax(const Call *c);
/* The `fill_value` argument's dtype as torch infers it (full). */
MlirType fxFillValueDtype(const Call *c, const char **why);

#endif /* FX_VERIFY_ATEN_H */
