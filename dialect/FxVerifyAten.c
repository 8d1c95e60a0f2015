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

/* Indices (embedding, index_select): i64 or i32, torch's rule. */
static bool isIndex(const FxDtypeInfo *d) {
  return d->code == FX_DTYPE_I64 || d->code == FX_DTYPE_I32;
}

/*===-- Matrix products ----------------------------------------------------===*/

/* `an` [M, K] @ `bn` [K, N], both 2-D (`batch` 0), or both 3-D with equal
 * batch dims in front (`batch` 1, bmm); K equal where decidable.  Writes
 * the result's dims ([B,] M, N) to `out`. */
static MlirLogicalResult checkMatmulShapes(const Call *c, const char *an,
                                           const char *bn, int batch,
                                           FxDim *out) {
  MlirType a = operandType(c, an), b = operandType(c, bn);
  FxDim da[FX_MAX_RANK], db[FX_MAX_RANK];
  intptr_t ra = dimsOf(a, da), rb = dimsOf(b, db), rank = 2 + batch;
  const char *what = batch ? "a batch of matrices (3-D)" : "a matrix (2-D)";
  if (ra != rank)
    return FAIL(c, "%s must be %s, got %s", an, what, fxTypeText(a).s);
  if (rb != rank)
    return FAIL(c, "%s must be %s, got %s", bn, what, fxTypeText(b).s);
  if (batch && dimsDiffer(da[0], db[0]))
    return FAIL(c,
                "%s %s and %s %s have different batch sizes: %s dim 0 (%s) "
                "differs from %s dim 0 (%s)",
                an, fxTypeText(a).s, bn, fxTypeText(b).s, an, dimText(da[0]).s,
                bn, dimText(db[0]).s);
  if (dimsDiffer(da[batch + 1], db[batch]))
    return FAIL(c,
                "%s %s and %s %s cannot be multiplied: %s dim %d (%s) "
                "differs from %s dim %d (%s)",
                an, fxTypeText(a).s, bn, fxTypeText(b).s, an, batch + 1,
                dimText(da[batch + 1]).s, bn, batch, dimText(db[batch]).s);
  if (batch)
    out[0] = da[0];
  out[batch] = da[batch];
  out[batch + 1] = db[batch + 1];
  return OK;
}

/* Operand `name` has the dtype of operand `ref` (torch's matrix products
 * take one dtype). */
static MlirLogicalResult checkSameDtype(const Call *c, const char *name,
                                        const char *ref) {
  MlirType t = operandType(c, name), r = operandType(c, ref);
  if (mlirTypeEqual(fxTensorTypeGetDtype(t), fxTensorTypeGetDtype(r)))
    return OK;
  return FAIL(c, "%s dtype %s differs from the %s dtype %s", name,
              dtypeText(t).s, ref, dtypeText(r).s);
}

/* mm and bmm: self @ mat2 in self's dtype. */
static MlirLogicalResult checkProduct(const Call *c, int batch) {
  MlirType a = operandType(c, "self");
  FxDim out[3];
  TRY(checkMatmulShapes(c, "self", "mat2", batch, out));
  TRY(checkSameDtype(c, "mat2", "self"));
  TRY(checkKernelDtype(c, "self", a, isWideFloat));
  return expectResult(c, 2 + batch, out, fxTensorTypeGetDtype(a),
                      batch ? "batch and rows of self, columns of mat2, "
                              "dtype of self"
                            : "rows of self, columns of mat2, dtype of self");
}

static MlirLogicalResult checkMm(const Call *c) { return checkProduct(c, 0); }

static MlirLogicalResult checkBmm(const Call *c) { return checkProduct(c, 1); }

/* Operand `name` of type `t` broadcasts to the `rank` dims `to` of
 * `toName` (shown as `toText`) by torch's rule: dims aligned at the right,
 * each equal or 1; decidably different sizes are an error. */
static MlirLogicalResult checkBroadcastsTo(const Call *c, const char *name,
                                           MlirType t, intptr_t rank,
                                           const FxDim *to, const char *toName,
                                           const char *toText) {
  FxDim d[FX_MAX_RANK];
  intptr_t r = dimsOf(t, d);
  if (r > rank)
    return FAIL(c, "%s %s has more dims than %s %s, so it cannot be "
                   "broadcast to it",
                name, fxTypeText(t).s, toName, toText);
  for (intptr_t i = 0; i < r; ++i) {
    FxDim x = d[i], y = to[i + rank - r];
    if (dimsDiffer(x, y) && !isOne(x))
      return FAIL(c, "%s %s cannot be broadcast to %s %s: %s dim %d is %s "
                     "where %s has %s (sizes must be equal or 1)",
                  name, fxTypeText(t).s, toName, toText, name, (int)i,
                  dimText(x).s, toName, dimText(y).s);
  }
  return OK;
}

/* addmm: beta * self + alpha * (mat1 @ mat2), one dtype for the three
 * (torch checks it), self broadcast to the product's [M, N]. */
static MlirLogicalResult checkAddmm(const Call *c) {
  MlirType a = operandType(c, "mat1");
  FxDim out[2];
  TRY(checkMatmulShapes(c, "mat1", "mat2", 0, out));
  TRY(checkSameDtype(c, "mat2", "mat1"));
  TRY(checkSameDtype(c, "self", "mat1"));
  char product[200];
  snprintf(product, sizeof product, "[%s, %s]", dimText(out[0]).s,
           dimText(out[1]).s);
  TRY(checkBroadcastsTo(c, "self", operandType(c, "self"), 2, out,
                        "the product", product));
  TRY(checkKernelDtype(c, "mat1", a, isWideFloat));
  return expectResult(c, 2, out, fxTensorTypeGetDtype(a),
                      "rows of mat1, columns of mat2, dtype of mat1");
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
  TRY(checkMatmulShapes(c, "self", "mat2", 0, out));
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

/*===-- Gathers ------------------------------------------------------------===*/

/* Operand `name` holds indices: i64 or i32 (torch's rule for both ops). */
static MlirLogicalResult checkIndexDtype(const Call *c, const char *name) {
  MlirType t = operandType(c, name);
  if (inSet(fxTensorTypeGetDtype(t), isIndex))
    return OK;
  return FAIL(c, "%s must have dtype i64 or i32, got %s", name,
              fxTypeText(t).s);
}

/* embedding: weight [V, H] looked up at indices of any shape gives
 * indices' shape + [H] in weight's dtype. */
static MlirLogicalResult checkEmbedding(const Call *c) {
  MlirType w = operandType(c, "weight"), idx = operandType(c, "indices");
  FxDim dw[FX_MAX_RANK], d[FX_MAX_RANK];
  if (dimsOf(w, dw) != 2)
    return FAIL(c, "weight must be a matrix (2-D) of rows to look up, got %s",
                fxTypeText(w).s);
  TRY(checkIndexDtype(c, "indices"));
  intptr_t r = dimsOf(idx, d);
  if (r + 1 > FX_MAX_RANK)
    return FAIL(c, "indices %s has rank %d, so the result would have rank %d, "
                   "above fxir's rank limit of %d",
                fxTypeText(idx).s, (int)r, (int)r + 1, FX_MAX_RANK);
  d[r] = dw[1];
  return expectResult(c, r + 1, d, fxTensorTypeGetDtype(w),
                      "the shape of indices, then the row size of weight, "
                      "dtype of weight");
}

/* index_select: self with dim `dim` replaced by index's length (a 0-d
 * index counts as 1); index is a vector (rank 0 or 1); a 0-d self stays
 * 0-d and takes exactly one index. */
static MlirLogicalResult checkIndexSelect(const Call *c) {
  MlirType self = operandType(c, "self"), idx = operandType(c, "index");
  MlirAttribute dimAttr = fxCallGetArg(c->op, fxStr("dim"));
  if (mlirAttributeIsNull(dimAttr) || !mlirAttributeIsAInteger(dimAttr))
    return OK; /* the schema checks report it */
  TRY(checkIndexDtype(c, "index"));
  FxDim d[FX_MAX_RANK], di[FX_MAX_RANK];
  intptr_t rank = dimsOf(self, d), ri = dimsOf(idx, di);
  if (ri > 1)
    return FAIL(c, "index must be a vector (rank 0 or 1), got %s",
                fxTypeText(idx).s);
  FxDim n = ri ? di[0] : (FxDim){1, {NULL, 0}};
  int64_t dim = mlirIntegerAttrGetValueInt(dimAttr);
  int64_t span = rank ? rank : 1;
  if (dim < -span || dim >= span)
    return FAIL(c, "dim %" PRId64 " is out of range for self %s (expected "
                   "%" PRId64 " to %" PRId64 ")",
                dim, fxTypeText(self).s, -span, span - 1);
  if (rank)
    d[dim < 0 ? dim + span : dim] = n;
  else if (dimsDiffer(n, (FxDim){1, {NULL, 0}}))
    return FAIL(c, "a 0-d self takes an index of exactly 1 element, got %s",
                fxTypeText(idx).s);
  return expectResult(c, rank, d, fxTensorTypeGetDtype(self),
                      "the shape of self with dim's size the length of "
                      "index, dtype of self");
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

/*===-- Views ----------------------------------------------------------------===*/

/* as_strided: `size` is the result's dims (the runtime takes them from the
 * type) in self's dtype, and `stride` has one entry per dim (the lowering
 * passes strides and storage_offset in one list, told apart by count). */
static MlirLogicalResult checkAsStrided(const Call *c) {
  MlirAttribute size = fxCallGetArg(c->op, mlirStringRefCreateFromCString("size"));
  MlirAttribute stride = fxCallGetArg(c->op, mlirStringRefCreateFromCString("stride"));
  MlirType self = operandType(c, "self");
  if (mlirAttributeIsNull(size) || !mlirAttributeIsAArray(size) ||
      mlirAttributeIsNull(stride) || !mlirAttributeIsAArray(stride))
    return OK; /* the schema checks (FxVerifier.c) say so */
  intptr_t rank = mlirArrayAttrGetNumElements(size);
  if (mlirArrayAttrGetNumElements(stride) != rank)
    return FAIL(c, "has %d strides for %d sizes (one stride per dim)",
                (int)mlirArrayAttrGetNumElements(stride), (int)rank);
  if (rank > FX_MAX_RANK)
    return FAIL(c, "has %d sizes; fx tensors have at most %d dims", (int)rank,
                FX_MAX_RANK);
  FxDim dims[FX_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i) {
    MlirAttribute a = mlirArrayAttrGetElement(size, i);
    if (mlirAttributeIsAInteger(a))
      dims[i] = (FxDim){mlirIntegerAttrGetValueInt(a), {NULL, 0}};
    else if (mlirAttributeIsAString(a))
      dims[i] = (FxDim){-1, mlirStringAttrGetValue(a)};
    else
      return OK; /* the schema checks say so */
    if (!dims[i].symbol.length && dims[i].size < 0)
      return FAIL(c, "size %d is %s; sizes cannot be negative", (int)i,
                  dimText(dims[i]).s);
  }
  return expectResult(c, rank, dims, fxTensorTypeGetDtype(self),
                      "its size argument, dtype of self");
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
