/* FxVerifyAten.c - the result and argument rules of the aten ops with a
 * built-in schema, as torch decides them (DESIGN §2 "Verification").
 *
 * The schema checks (FxVerifier.c) only know parameter names and kinds;
 * torch also fixes what an aten call returns: `mm` gives [rows of self,
 * columns of mat2] in self's dtype, `clone` its input's type, `add.Tensor`
 * the broadcast shape in torch's result type (the elementwise rules are
 * FxVerifyElementwise.c).  A result type that disagrees
 * would make the lowering allocate the wrong buffer and the kernel refuse
 * it at run time (or, worse, not).  So each rule is checked here where it
 * is decidable: dims compare as the dialect compares them (same integer or
 * same symbol); two different static sizes are decidedly different; a
 * symbol against anything else is a run-time question, left to the
 * kernels.  Each op's rule is the `rule` column of its row in
 * kernels/fx_builtins.def.
 *
 * The dtypes each built-in kernel accepts (kernels/cpu/) are not
 * torch's rules: an `mm` of two i32 tensors is a valid graph that fxir's
 * kernel cannot run.  So they are checked only when the lowering asks
 * (fxCheckAtenKernelCall), at the op it cannot lower; the verifier accepts
 * every graph torch accepts (docs/dialect.md, "Verification").
 */
#include "FxVerifyAten.h"

/*===-- Matrix products ----------------------------------------------------===*/

/* self [M, K] @ mat2 [K, N]: both 2-D, K equal where decidable; writes
 * [M, N] to `out`. */
static MlirLogicalResult checkMatmulShapes(const Call *c, FxDim *out) {
  MlirType a = operandType(c, "self"), b = operandType(c, "mat2");
  FxDim da[FX_MAX_RANK], db[FX_MAX_RANK];
  intptr_t ra = dimsOf(a, da), rb = dimsOf(b, db);
  if (ra != 2)
    return FAIL(c, "self must be a matrix (2-D), got %s", fxTypeText(a).s);
  if (rb != 2)
    return FAIL(c, "mat2 must be a matrix (2-D), got %s", fxTypeText(b).s);
  if (dimsDiffer(da[1], db[0]))
    return FAIL(c,
                "self %s and mat2 %s cannot be multiplied: self dim 1 (%s) "
                "differs from mat2 dim 0 (%s)",
                fxTypeText(a).s, fxTypeText(b).s, dimText(da[1]).s,
                dimText(db[0]).s);
  out[0] = da[0];
  out[1] = db[1];
  return OK;
}

static MlirLogicalResult checkMm(const Call *c) {
  MlirType a = operandType(c, "self"), b = operandType(c, "mat2");
  FxDim out[2];
  TRY(checkMatmulShapes(c, out));
  if (!mlirTypeEqual(fxTensorTypeGetDtype(a), fxTensorTypeGetDtype(b)))
    return FAIL(c, "mat2 dtype %s differs from the self dtype %s",
                dtypeText(b).s, dtypeText(a).s);
  TRY(checkKernelDtype(c, "self", a, isWideFloat));
  return expectResult(c, 2, out, fxTensorTypeGetDtype(a),
                      "rows of self, columns of mat2, dtype of self");
}

/* A scale or bias vector of _scaled_mm: rank <= 2, `n` elements (or 1 when
 * `allowOne`) where decidable; f32 (`f32Only`) or a float dtype the kernel
 * reads. */
static MlirLogicalResult checkVector(const Call *c, const char *name, FxDim n,
                                     bool allowOne, bool f32Only) {
  MlirType t = operandType(c, name);
  if (mlirTypeIsNull(t))
    return OK;
  FxDim d[FX_MAX_RANK];
  intptr_t rank = dimsOf(t, d);
  if (rank > 2)
    return FAIL(c, "%s must have rank 0 to 2, got %s", name, fxTypeText(t).s);
  if (f32Only && !mlirTypeIsAF32(fxTensorTypeGetDtype(t)))
    return FAIL(c, "%s must be f32, got %s", name, dtypeText(t).s);
  if (!f32Only)
    TRY(checkKernelDtype(c, name, t, isFloat));
  int64_t numel = 1;
  for (intptr_t i = 0; i < rank; ++i) {
    if (d[i].symbol.length)
      return OK; /* a run-time question */
    numel *= d[i].size; /* no overflow: the type's count fits an int64 */
  }
  if ((allowOne && numel == 1) || n.symbol.length || numel == n.size)
    return OK;
  return FAIL(c, "%s has %" PRId64 " elements, expected %s%s", name, numel,
              allowOne ? "1 or " : "", dimText(n).s);
}

static MlirLogicalResult checkScaledMm(const Call *c) {
  MlirType a = operandType(c, "self"), b = operandType(c, "mat2");
  FxDim out[2];
  TRY(checkMatmulShapes(c, out));
  TRY(checkKernelDtype(c, "self", a, isFloat));
  TRY(checkKernelDtype(c, "mat2", b, isFloat));
  MlirAttribute outDtype = fxCallGetArg(c->op, fxStr("out_dtype"));
  MlirType dtype = fxTensorTypeGetDtype(a);
  const char *why = "rows of self, columns of mat2, dtype of self";
  if (!mlirAttributeIsNull(outDtype)) {
    dtype = mlirTypeAttrGetValue(outDtype);
    why = "rows of self, columns of mat2, out_dtype";
    if (!fxDtypeInfo(dtype))
      return FAIL(c, "out_dtype %s is not a dtype of fx tensors",
                  fxAttrText(outDtype).s);
    if (c->kernel && !inSet(dtype, isFloat))
      return FAIL(c, "the built-in kernel gives results of dtype %s, not "
                     "out_dtype %s",
                  setText(isFloat), fxAttrText(outDtype).s);
  }
  TRY(checkVector(c, "scale_a", out[0], true, true));
  TRY(checkVector(c, "scale_b", out[1], true, true));
  TRY(checkVector(c, "bias", out[1], false, false));
  /* scale_result scales an fp8 result only (ignored otherwise, as torch). */
  if (fxDtypeInfo(dtype)->float8)
    TRY(checkVector(c, "scale_result", (FxDim){1, {NULL, 0}}, true, false));
  return expectResult(c, 2, out, dtype, why);
}

/*===-- Storage ------------------------------------------------------------===*/

static MlirLogicalResult checkClone(const Call *c) {
  return expectSameAs(c, "self");
}

/* The `dtype` arg, when given, is a dtype !fx.tensor has. */
static MlirLogicalResult dtypeArg(const Call *c, MlirType *dtype) {
  MlirAttribute a = fxCallGetArg(c->op, fxStr("dtype"));
  if (mlirAttributeIsNull(a))
    return OK;
  *dtype = mlirTypeAttrGetValue(a);
  if (!fxDtypeInfo(*dtype))
    return FAIL(c, "dtype %s is not a dtype of fx tensors", fxAttrText(a).s);
  return OK;
}

/* The kernel converts `from` (operand `fromName`) to `to`: the packed
 * dtype converts to nothing and from nothing, in torch (whose meta
 * kernels still trace it) as in the kernel: the lowering's question. */
static MlirLogicalResult checkConversion(const Call *c, const char *fromName,
                                         MlirType from, const char *toName,
                                         MlirType to) {
  const FxDtypeInfo *dto = fxDtypeInfo(to), *dfrom = fxDtypeInfo(from);
  if (!c->kernel || !dto || !dfrom || dto == dfrom ||
      !(dto->packed || dfrom->packed))
    return OK;
  return FAIL(c, "cannot convert %s of dtype %s to %s of dtype %s: %s "
                 "packs several values in each element and has no "
                 "conversion (copy_ copies it only between tensors of "
                 "that dtype)",
              fromName, dfrom->name, toName, dto->name,
              (dto->packed ? dto : dfrom)->name);
}

/* empty_like and _to_copy: self's shape, `dtype` or self's dtype. */
static MlirLogicalResult checkEmptyLike(const Call *c) {
  MlirType self = operandType(c, "self"), dtype = fxTensorTypeGetDtype(self);
  bool given = !mlirAttributeIsNull(fxCallGetArg(c->op, fxStr("dtype")));
  TRY(dtypeArg(c, &dtype));
  TRY(checkConversion(c, "self", fxTensorTypeGetDtype(self), "the result",
                      dtype));
  FxDim d[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, d);
  return expectResult(c, rank, d, dtype,
                      given ? "the shape of self, the dtype argument"
                            : "the shape and dtype of self");
}

/* `size` gives the dims (i64 >= 0 or symbols, at most FX_MAX_RANK);
 * `dtype` the dtype, f32 (torch's default dtype) when absent. */
static MlirLogicalResult checkEmpty(const Call *c) {
  MlirAttribute size = fxCallGetArg(c->op, fxStr("size"));
  MlirType dtype = mlirF32TypeGet(mlirOperationGetContext(c->op));
  bool given = !mlirAttributeIsNull(fxCallGetArg(c->op, fxStr("dtype")));
  const char *why = given ? "the size and dtype arguments"
                          : "the size argument, and f32, torch's default dtype";
  /* full infers the dtype from its fill_value (torch.full(s, 2) is i64). */
  if (!given && fxSchemaFindArg(c->schema, "fill_value", 10) >= 0)
    dtype = fxFillValueDtype(c, &why);
  TRY(dtypeArg(c, &dtype));
  if (c->kernel && !inSet(dtype, isNumber)) /* full, zeros, ones */
    return FAIL(c, "the built-in kernel gives results of dtype %s, not %s",
                setText(isNumber), fxTypeText(dtype).s);
  intptr_t rank = mlirArrayAttrGetNumElements(size);
  if (rank > FX_MAX_RANK)
    return FAIL(c, "size has %d entries, above fxir's rank limit of %d",
                (int)rank, FX_MAX_RANK);
  FxDim d[FX_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i) {
    MlirAttribute e = mlirArrayAttrGetElement(size, i);
    if (mlirAttributeIsAString(e)) {
      d[i] = (FxDim){-1, mlirStringAttrGetValue(e)};
      continue;
    }
    d[i] = (FxDim){mlirIntegerAttrGetValueInt(e), {NULL, 0}};
    if (d[i].size < 0)
      return FAIL(c, "size entry %d is %" PRId64 "; sizes are >= 0", (int)i,
                  d[i].size);
  }
  return expectResult(c, rank, d, dtype, why);
}

/* copy_ writes `src` into `self`, converting the dtype and broadcasting as
 * torch does (src's dims aligned at the right, each equal to self's or 1);
 * it returns self.  A packed dtype (f4e2m1fnx2) converts to nothing and
 * from nothing, in torch (whose meta kernels still trace it) as in the
 * kernel: the lowering's question, like the other kernels' dtypes. */
static MlirLogicalResult checkCopy(const Call *c) {
  MlirType self = operandType(c, "self"), src = operandType(c, "src");
  TRY(checkConversion(c, "src", fxTensorTypeGetDtype(src), "self",
                      fxTensorTypeGetDtype(self)));
  FxDim ds[FX_MAX_RANK], dr[FX_MAX_RANK];
  intptr_t rs = dimsOf(self, ds), rr = dimsOf(src, dr);
  if (rr > rs)
    return FAIL(c, "src %s has more dims than self %s, so it cannot be "
                   "broadcast to it",
                fxTypeText(src).s, fxTypeText(self).s);
  for (intptr_t i = 0; i < rr; ++i) {
    FxDim x = dr[i], y = ds[i + rs - rr];
    if (dimsDiffer(x, y) && !isOne(x))
      return FAIL(c, "src %s cannot be broadcast to self %s: src dim %d is "
                     "%s where self has %s (sizes must be equal or 1)",
                  fxTypeText(src).s, fxTypeText(self).s, (int)i,
                  dimText(x).s, dimText(y).s);
  }
  if (mlirOperationGetNumResults(c->op) == 0)
    return OK;
  return expectSameAs(c, "self");
}

/*===-- The rules ------------------------------------------------------------===*/

typedef MlirLogicalResult (*Rule)(const Call *);

/* The `rule` column of kernels/fx_builtins.def, indexed by row. */
#define NO_RULE NULL
static const Rule kRules[] = {
#define FX_OP(ns, impl, rule, schema) rule,
#define FX_KERNEL_OP(ns, impl, rule, schema, ...) rule,
#include "fx_builtins.def"
};

static MlirLogicalResult runRule(MlirOperation op, const FxSchema *schema,
                                 bool kernel) {
  const char *q = schema->qualifiedName;
  int row = fxSchemaBuiltinRow(q, strlen(q));
  if (row < 0 || !kRules[row])
    return OK;
  Call c = {op, schema, kernel};
  return kRules[row](&c);
}

MlirLogicalResult fxVerifyAtenCall(MlirOperation op, const FxSchema *schema) {
  return runRule(op, schema, false);
}

MlirLogicalResult fxCheckAtenKernelCall(MlirOperation op,
                                        const FxSchema *schema) {
  return runRule(op, schema, true);
}
