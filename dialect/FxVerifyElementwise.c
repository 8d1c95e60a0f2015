/* FxVerifyElementwise.c - the result rules of torch's elementwise aten ops
 * (the `rule` column of kernels/fx_builtins.def): the result's shape is the
 * broadcast of the tensor operands, its dtype torch's result type
 * (kernels/fx_promote.h) as each op adjusts it.
 *
 * Broadcasting is decided on the dims as the dialect compares them: equal
 * dims (the same integer or the same canonical string) stay, a 1 stretches
 * to the other dim, and anything else is an error -- two different
 * integers as in torch, and a symbol against a different dim because it
 * cannot be decided (the symbol might be 1, or equal to the other): torch
 * itself would have guarded it into one of those cases while tracing.
 *
 * Dtypes: each op's row of kTyping says how it departs from plain
 * promotion (true division gives floats for ints, comparisons give bool,
 * the bitwise ops take ints and bool only, ...), with torch's own error
 * where torch refuses a dtype.  The kernels take every dtype with one
 * value per element (fx_dtype_sets.h, FX_DT_NUMBERS): the packed
 * vector<2xf4E2M1FN> is refused only when the lowering asks. */
#include "FxVerifyAten.h"
#include "fx_promote.h"

#include <stdlib.h>

/*===-- How each op types its result ----------------------------------------===*/

enum {
  T_INT_TO_FLOAT = 1, /* int and bool results become f32 (true division) */
  T_BOOL_OUT = 2,     /* the result is bool (comparisons) */
  T_INTS = 4,         /* ints and bool only (bitwise ops) */
  T_FLOATS = 8,       /* float dtypes only (silu) */
  T_NO_BOOL = 16,     /* no bool operand (torch's `why` below) */
  T_ALPHA = 32,       /* has torch's alpha_check */
  T_POW = 64,         /* int results need an exponent >= 0 */
};

static const struct {
  const char *name;   /* the qualified op name */
  unsigned flags;
  const char *scalar; /* the Scalar operand of a .Scalar op, or NULL */
  const char *why;    /* torch's message for T_NO_BOOL */
} kTyping[] = {
    {"aten::add.Tensor", T_ALPHA, NULL, NULL},
    {"aten::sub.Tensor", T_ALPHA | T_NO_BOOL, NULL,
     "Subtraction, the `-` operator, with a bool tensor is not supported; "
     "use the `^` or logical_xor() operator instead"},
    {"aten::mul.Tensor", 0, NULL, NULL},
    {"aten::div.Tensor", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::add.Scalar", T_ALPHA, "other", NULL},
    {"aten::sub.Scalar", T_ALPHA | T_NO_BOOL, "other",
     "Subtraction, the `-` operator, with a bool tensor is not supported; "
     "use the `^` or logical_xor() operator instead"},
    {"aten::mul.Scalar", 0, "other", NULL},
    {"aten::div.Scalar", T_INT_TO_FLOAT, "other", NULL},
    {"aten::rsub.Scalar", T_ALPHA | T_NO_BOOL, "other",
     "Subtraction, the `-` operator, with a bool tensor is not supported; "
     "use the `^` or logical_xor() operator instead"},
    {"aten::pow.Tensor_Scalar", T_POW, "exponent", NULL},
    {"aten::eq.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::ne.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::lt.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::le.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::gt.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::ge.Scalar", T_BOOL_OUT, "other", NULL},
    {"aten::bitwise_and.Tensor", T_INTS, NULL, NULL},
    {"aten::bitwise_or.Tensor", T_INTS, NULL, NULL},
    {"aten::bitwise_not", T_INTS, NULL, NULL},
    {"aten::silu", T_FLOATS, NULL, NULL},
    {"aten::sigmoid", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::exp", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::log", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::rsqrt", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::cos", T_INT_TO_FLOAT, NULL, NULL},
    {"aten::abs", 0, NULL, NULL},
    {"aten::neg", T_NO_BOOL, NULL,
     "Negation, the `-` operator, on a bool tensor is not supported; use "
     "the `~` or logical_not() operator instead"},
};

/* The op's row; `optional` for the rules that work without one (where,
 * masked_fill).  A rule of this file on an op without a row is a bug in
 * the tables, not a user error: it stops the process loudly, like the
 * other table checks (FxBuiltinSchemas.c). */
static int typingRow(const Call *c, bool optional) {
  for (size_t i = 0; i < sizeof kTyping / sizeof kTyping[0]; ++i)
    if (strcmp(kTyping[i].name, c->schema->qualifiedName) == 0)
      return (int)i;
  if (!optional) {
    fprintf(stderr, "fxir: internal error: %s has an elementwise rule but "
                    "no row in kTyping (dialect/FxVerifyElementwise.c)\n",
            c->schema->qualifiedName);
    abort();
  }
  return -1;
}

static int dtypeCode(MlirType tensorType) {
  const FxDtypeInfo *d = fxDtypeInfo(fxTensorTypeGetDtype(tensorType));
  return d ? d->code : -1;
}

static const char *codeName(int code) {
  const FxDtypeInfo *d = fxDtypeGetInfo(code);
  return d ? d->name : "?";
}

/* What a Scalar argument counts as: an f64 is a float, an i64 or a
 * symbol an int, and so is an absent one (the Scalar defaults are ints,
 * alpha=1).  `args` holds no bool Scalars (FxVerifyAttrs.c). */
static FxScalarKind scalarKind(const Call *c, const char *name) {
  MlirAttribute a = fxCallGetArg(c->op, fxStr(name));
  return !mlirAttributeIsNull(a) && mlirAttributeIsAFloat(a) ? FX_SCALAR_FLOAT
                                                            : FX_SCALAR_INT;
}

/*===-- Shapes -----------------------------------------------------------------===*/

/* "self !fx.tensor<...> and other !fx.tensor<...>" for messages. */
typedef struct OperandsText {
  char s[1024];
} OperandsText;

static OperandsText operandsText(int n, const char *const *names,
                                 const MlirType *types) {
  OperandsText t;
  size_t used = 0;
  t.s[0] = 0;
  for (int i = 0; i < n && used < sizeof t.s; ++i)
    used += (size_t)snprintf(t.s + used, sizeof t.s - used, "%s%s %s",
                             i == 0 ? "" : i == n - 1 ? " and " : ", ",
                             names[i], fxTypeText(types[i]).s);
  return t;
}

/* torch's broadcast of the `n` operands into `dims` (rank in *rank):
 * decided as the header says. */
static MlirLogicalResult broadcast(const Call *c, int n,
                                   const char *const *names,
                                   const MlirType *types, FxDim *dims,
                                   intptr_t *rank) {
  FxDim d[3][FX_MAX_RANK];
  intptr_t r[3];
  *rank = 0;
  for (int i = 0; i < n; ++i) {
    r[i] = dimsOf(types[i], d[i]);
    *rank = r[i] > *rank ? r[i] : *rank;
  }
  for (intptr_t k = 0; k < *rank; ++k) {
    int from = -1; /* the operand that gave dims[k] its size so far */
    dims[k] = (FxDim){1, {NULL, 0}};
    for (int i = 0; i < n; ++i) {
      intptr_t at = k - (*rank - r[i]);
      if (at < 0)
        continue;
      FxDim x = d[i][at];
      if (isOne(x) || fxDimEqual(x, dims[k]))
        continue;
      if (isOne(dims[k])) {
        dims[k] = x, from = i;
        continue;
      }
      const char *pair[2] = {names[from], names[i]};
      MlirType pairTypes[2] = {types[from], types[i]};
      return FAIL(c, "%s do not broadcast: dim %d is %s and %s (sizes must "
                     "be equal or 1%s)",
                  operandsText(2, pair, pairTypes).s, (int)k,
                  dimText(dims[k]).s, dimText(x).s,
                  dimsDiffer(dims[k], x)
                      ? ""
                      : "; fxir cannot decide it: a symbol broadcasts only "
                        "against 1 or the same symbol");
    }
  }
  return OK;
}

/*===-- Dtypes -----------------------------------------------------------------===*/

/* The result dtype of row `row` from the result type `rt` of the
 * operands (filled in by the caller); reports torch's refusals. */
static MlirLogicalResult resultDtype(const Call *c, int row, FxResultType *rt,
                                     int nin, const char *const *names,
                                     const MlirType *types, int *out) {
  unsigned f = kTyping[row].flags;
  int t = fxResultTypeGet(rt);
  if (t < 0)
    return FAIL(c, "torch has no type promotion of %s and %s (Promotion for "
                   "Float8 Types is not supported)",
                codeName(rt->failA), codeName(rt->failB));
  for (int i = 0; i < nin && (f & T_NO_BOOL); ++i)
    if (dtypeCode(types[i]) == FX_DTYPE_I1)
      return FAIL(c, "%s is bool: %s", names[i], kTyping[row].why);
  if ((f & T_INTS) && fxDtypeCategoryOf(t) == 2)
    return FAIL(c, "torch's %s takes ints and bool, not %s",
                c->schema->qualifiedName + 6, codeName(t));
  if ((f & T_FLOATS) && fxDtypeCategoryOf(t) != 2)
    return FAIL(c, "torch's %s takes float dtypes, not %s",
                c->schema->qualifiedName + 6, codeName(t));
  bool intResult = fxDtypeCategoryOf(t) < 2;
  if ((f & T_ALPHA) && intResult &&
      scalarKind(c, "alpha") == FX_SCALAR_FLOAT)
    return FAIL(c, "alpha is a float but the result is %s (torch: For "
                   "integral input tensors, argument alpha must not be a "
                   "floating point number)",
                codeName(t));
  if ((f & T_POW) && intResult &&
      scalarKind(c, "exponent") == FX_SCALAR_INT) {
    MlirAttribute e = fxCallGetArg(c->op, fxStr("exponent"));
    if (mlirAttributeIsAInteger(e) && mlirIntegerAttrGetValueInt(e) < 0)
      return FAIL(c, "exponent %" PRId64 " is negative and self is %s (torch: "
                     "Integers to negative integer powers are not allowed)",
                  mlirIntegerAttrGetValueInt(e), codeName(t));
  }
  if (f & T_INT_TO_FLOAT)
    t = fxIntToFloat(t);
  *out = f & T_BOOL_OUT ? FX_DTYPE_I1 : t;
  return OK;
}

/* The result is [dims] of dtype `code`; the kernel reads every operand. */
static MlirLogicalResult expectElementwise(const Call *c, int nin,
                                           const char *const *names,
                                           const MlirType *types,
                                           intptr_t rank, const FxDim *dims,
                                           int code, const char *why) {
  for (int i = 0; i < nin; ++i)
    TRY(checkKernelDtype(c, names[i], types[i], isNumber));
  MlirContext ctx = mlirOperationGetContext(c->op);
  return expectResult(c, rank, dims, fxDtypeGetType(ctx, code), why);
}

/* Tensor operands `names` (2 or 3): the broadcast shape; the dtype of
 * operand `dtypeOf`, or (-1) the result type of the operands (where's
 * condition aside) as the op's kTyping row adjusts it (`typed`: it must
 * have one). */
static MlirLogicalResult checkTensors(const Call *c, int n,
                                      const char *const *names, int dtypeOf,
                                      bool typed, const char *why) {
  MlirType types[3];
  for (int i = 0; i < n; ++i)
    types[i] = operandType(c, names[i]);
  FxDim dims[FX_MAX_RANK];
  intptr_t rank;
  TRY(broadcast(c, n, names, types, dims, &rank));
  int code = dtypeOf >= 0 ? dtypeCode(types[dtypeOf]) : -1;
  if (code < 0) { /* torch's result type of the operands but the first */
    int row = typingRow(c, !typed);
    FxResultType rt = fxResultTypeInit();
    int first = n == 3; /* where's condition does not promote */
    for (int i = first; i < n; ++i)
      fxResultTypeTensor(&rt, dtypeCode(types[i]), (int)fxTensorTypeGetRank(types[i]));
    if (row < 0) {
      code = fxResultTypeGet(&rt);
      if (code < 0)
        return FAIL(c, "torch has no type promotion of %s and %s",
                    codeName(rt.failA), codeName(rt.failB));
    } else {
      TRY(resultDtype(c, row, &rt, n - first, names + first, types + first,
                      &code));
    }
  }
  return expectElementwise(c, n, names, types, rank, dims, code, why);
}

/*===-- The rules ----------------------------------------------------------------===*/

MlirLogicalResult checkBinary(const Call *c) {
  static const char *const names[] = {"self", "other"};
  return checkTensors(c, 2, names, -1, true,
                      "the broadcast of self and other, torch's result type");
}

/* self and a Scalar: self's shape, the result type of both. */
MlirLogicalResult checkScalarOp(const Call *c) {
  int row = typingRow(c, false);
  MlirType self = operandType(c, "self");
  FxResultType rt = fxResultTypeInit();
  fxResultTypeTensor(&rt, dtypeCode(self), (int)fxTensorTypeGetRank(self));
  fxResultTypeScalar(&rt, scalarKind(c, kTyping[row].scalar));
  static const char *const names[] = {"self"};
  int code;
  TRY(resultDtype(c, row, &rt, 1, names, &self, &code));
  FxDim dims[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, dims);
  return expectElementwise(c, 1, names, &self, rank, dims, code,
                           "self's shape, torch's result type of self and "
                           "the Scalar");
}

/* One tensor: its shape and the row's dtype rule. */
static MlirLogicalResult checkOne(const Call *c, const char *why) {
  int row = typingRow(c, false);
  MlirType self = operandType(c, "self");
  FxResultType rt = fxResultTypeInit();
  fxResultTypeTensor(&rt, dtypeCode(self), (int)fxTensorTypeGetRank(self));
  static const char *const names[] = {"self"};
  int code;
  TRY(resultDtype(c, row, &rt, 1, names, &self, &code));
  FxDim dims[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, dims);
  return expectElementwise(c, 1, names, &self, rank, dims, code, why);
}

MlirLogicalResult checkUnary(const Call *c) {
  return checkOne(c, "the type of self");
}

MlirLogicalResult checkUnaryFloat(const Call *c) {
  return checkOne(c, "self's shape and float dtype; ints give f32");
}

/* A bool operand, as torch requires of masks and conditions. */
static MlirLogicalResult expectBool(const Call *c, const char *name) {
  MlirType t = operandType(c, name);
  if (dtypeCode(t) == FX_DTYPE_I1)
    return OK;
  return FAIL(c, "%s must be bool (i1), got %s (torch takes boolean masks "
                 "only)",
              name, dtypeText(t).s);
}

MlirLogicalResult checkMaskedFill(const Call *c) {
  static const char *const names[] = {"self", "mask"};
  TRY(expectBool(c, "mask"));
  return checkTensors(c, 2, names, 0, false,
                      "the broadcast of self and mask, self's dtype");
}

MlirLogicalResult checkWhere(const Call *c) {
  static const char *const names[] = {"condition", "self", "other"};
  TRY(expectBool(c, "condition"));
  return checkTensors(c, 3, names, -1, false,
                      "the broadcast of condition, self and other, torch's "
                      "result type of self and other");
}

MlirType fxFillValueDtype(const Call *c, const char **why) {
  MlirContext ctx = mlirOperationGetContext(c->op);
  if (scalarKind(c, "fill_value") == FX_SCALAR_FLOAT) {
    *why = "the size argument, and f32 (torch's default dtype) from the "
           "float fill_value";
    return mlirF32TypeGet(ctx);
  }
  *why = "the size argument, and i64 from the int fill_value";
  return mlirIntegerTypeGet(ctx, 64);
}
