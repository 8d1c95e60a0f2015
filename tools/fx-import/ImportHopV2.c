/* ImportHopV2.c - auto_functionalized_v2 (docs/import.md,
 * "auto_functionalized_v2").
 *
 * v2 passes the op's non-mutated arguments as keywords and, in place of
 * each mutated argument, the index of its base in `_all_bases` and how to
 * regenerate it as a view of that base (`_x_base_index`, `_x_alias`,
 * `_x_slice_*`, `_x_size/_stride/_storage_offset`, `_x_length` for lists).
 * What the HOP computes (torch/_higher_order_ops/auto_functionalize.py):
 * clone every base, regenerate the views from the clones, run the op on
 * them, return (the op's returns, the clones).  fx-import writes exactly
 * that with ops fxir has: an `aten::clone` per base marked
 * `fx.functionalized` (the passes may drop a clone functionalization
 * alone made), the views, and the op as an in-place fx.call. */
#include "ImportInternal.h"

#include "fxir/FxDimExpr.h"
#include "mlir-c/BuiltinAttributes.h"

#include <stdio.h>
#include <string.h>

/* The view metadata keywords, `_<arg><suffix>`. */
typedef enum Meta {
  M_BASE, M_ALIAS, M_SLICE_DIM, M_SLICE_START, M_SLICE_END,
  M_SIZE, M_STRIDE, M_OFFSET, M_LENGTH, M_COUNT
} Meta;

static const char *const kMetaSuffix[M_COUNT] = {
    [M_BASE] = "_base_index",       [M_ALIAS] = "_alias",
    [M_SLICE_DIM] = "_slice_dim",   [M_SLICE_START] = "_slice_start",
    [M_SLICE_END] = "_slice_end",   [M_SIZE] = "_size",
    [M_STRIDE] = "_stride",         [M_OFFSET] = "_storage_offset",
    [M_LENGTH] = "_length",
};

/* One mutated argument, or one element of a mutated list: its metadata
 * keywords' values.  A list `y` (`_y_length`) has an entry of its own and
 * one per element (`_y_0_base_index`, ...; `list` its entry's index). */
typedef struct Mut {
  const char *name;
  size_t len;
  const PyExpr *meta[M_COUNT];
  int param;       /* schema parameter */
  int list;        /* an element: the list's Mut; -1 otherwise */
  int64_t element; /* an element: its index in the list */
} Mut;

static bool kwIs(const PyExpr *call, int k, const char *s) {
  return call->kwLens[k] == strlen(s) && !memcmp(call->kwNames[k], s, call->kwLens[k]);
}

/* Whether a parameter of `s` or of an older version of it is `name`. */
static bool anyVersionHas(const FxSchema *s, const char *name, size_t len) {
  if (fxSchemaFindArg(s, name, len) >= 0)
    return true;
  size_t qlen = strlen(s->qualifiedName);
  const FxSchema *v;
  for (int i = 0; (v = fxSchemaGetOldVersion(s->qualifiedName, qlen, i)); ++i)
    if (fxSchemaFindArg(v, name, len) >= 0)
      return true;
  return false;
}

/* Whether `name` is `<list>_<K>` for a list in `muts` (its `_<list>_length`
 * came first, as torch prints it): then *list and *element say which. */
static bool listElement(const Mut *muts, int nm, const char *name, size_t len,
                        int *list, int64_t *element) {
  size_t d = len;
  while (d > 0 && name[d - 1] >= '0' && name[d - 1] <= '9')
    --d;
  if (d == len || len - d > 9 || d < 2 || name[d - 1] != '_' ||
      (len - d > 1 && name[d] == '0')) /* one spelling per element */
    return false;
  for (int i = 0; i < nm; ++i)
    if (muts[i].meta[M_LENGTH] && muts[i].len == d - 1 &&
        !memcmp(muts[i].name, name, d - 1)) {
      *list = i;
      *element = 0;
      for (size_t k = d; k < len; ++k)
        *element = 10 * *element + (name[k] - '0');
      return true;
    }
  return false;
}

/* Sorts the `_` keywords before `_all_bases` into `muts` and the others
 * into `plain` (a copy of the call, keywords only), where each
 * `_x_base_index` (a list's `_y_length`) stands as keyword `x` so that the
 * schema binds it. */
static bool splitKeywords(Imp *im, const PyExpr *call, const FxSchema *s,
                          PyExpr *plain, Mut *muts, int *nm) {
  int last = call->nkw - 1;
  *plain = *call;
  plain->nkw = 0;
  plain->kwNames = pyArenaAlloc(im->arena, (size_t)(last + 1) * sizeof(char *));
  plain->kwLens = pyArenaAlloc(im->arena, (size_t)(last + 1) * sizeof(size_t));
  plain->kwValues = pyArenaAlloc(im->arena, (size_t)(last + 1) * sizeof(PyExpr *));
  for (int k = 0; k < last; ++k) {
    const char *kw = call->kwNames[k];
    size_t len = call->kwLens[k];
    const PyExpr *v = call->kwValues[k];
    const char *name = kw;
    size_t nlen = len;
    Meta m = M_COUNT;
    if (len > 0 && kw[0] == '_') {
      for (int i = 0; i < M_COUNT && m == M_COUNT; ++i) {
        size_t sl = strlen(kMetaSuffix[i]);
        if (len > sl + 1 && !memcmp(kw + len - sl, kMetaSuffix[i], sl))
          m = (Meta)i, name = kw + 1, nlen = len - 1 - sl;
      }
      if (m == M_COUNT)
        return impErrorAt(im, v->col,
                          "unknown keyword '%.*s' of auto_functionalized_v2: "
                          "fx-import reads _<arg>_base_index, _alias, "
                          "_slice_dim/_start/_end, _size/_stride/"
                          "_storage_offset, _length and _all_bases",
                          (int)len, kw);
    }
    int list = -1;
    int64_t element = -1;
    if (m != M_COUNT && !anyVersionHas(s, name, nlen))
      listElement(muts, *nm, name, nlen, &list, &element);
    if (m == M_COUNT || m == M_LENGTH || (m == M_BASE && list < 0)) {
      plain->kwNames[plain->nkw] = name;
      plain->kwLens[plain->nkw] = nlen;
      plain->kwValues[plain->nkw++] = call->kwValues[k];
      if (m == M_COUNT)
        continue;
    }
    Mut *mu = NULL;
    for (int i = 0; i < *nm && !mu; ++i)
      if (muts[i].len == nlen && !memcmp(muts[i].name, name, nlen))
        mu = &muts[i];
    if (!mu) {
      if (*nm == MAX_PARAMS)
        return impErrorAt(im, v->col, "more than %d mutated arguments", MAX_PARAMS);
      mu = &muts[(*nm)++];
      *mu = (Mut){.name = name, .len = nlen, .param = -1, .list = list,
                  .element = element};
    }
    if (mu->meta[m])
      return impErrorAt(im, v->col, "keyword '%.*s' is given twice", (int)len, kw);
    mu->meta[m] = v;
    if (m == M_LENGTH && (mu->meta[M_BASE] || list >= 0))
      return impErrorAt(im, v->col,
                        "keyword '%.*s' gives a length to an argument that "
                        "has a base index (a tensor, not a list)",
                        (int)len, kw);
    if (m == M_BASE && mu->meta[M_LENGTH])
      return impErrorAt(im, v->col,
                        "keyword '%.*s' gives a base index to list '%.*s' "
                        "(its elements have them: _%.*s_0_base_index, ...)",
                        (int)len, kw, (int)nlen, name, (int)nlen, name);
    if (list < 0 && !anyVersionHas(s, name, nlen))
      return impErrorAt(im, v->col,
                        "keyword '%.*s' describes argument '%.*s', which is "
                        "not a parameter of %s",
                        (int)len, kw, (int)nlen, name, s->qualifiedName);
    if (mu->meta[M_LENGTH] && m != M_LENGTH)
      return impErrorAt(im, v->col,
                        "keyword '%.*s' describes list '%.*s' as a whole; its "
                        "elements have views of their own (_%.*s_0_..., ...)",
                        (int)len, kw, (int)nlen, name, (int)nlen, name);
    if (m != M_BASE && m != M_LENGTH && !mu->meta[M_BASE])
      return impErrorAt(im, v->col,
                        "keyword '%.*s' comes before _%.*s_base_index, which "
                        "says which base it is a view of",
                        (int)len, kw, (int)nlen, name);
  }
  return true;
}

/* The bound of a slice of a dim of size `n` (text) in torch's clamped
 * form, as an expression; an error when its sign is not known. */
static bool boundText(Imp *im, MlirAttribute a, bool isEnd, const char *n,
                      int col, char *out, size_t size) {
  if (mlirAttributeIsAInteger(a)) {
    int64_t v = mlirIntegerAttrGetValueInt(a);
    if (isEnd && v == INT64_MAX) /* "to the end" */
      snprintf(out, size, "%s", n);
    else if (v >= 0)
      snprintf(out, size, "Min(%lld, %s)", (long long)v, n);
    else /* from the end, clamped at 0 (never above n: v < 0) */
      snprintf(out, size, "Max(0, %s - %lld)", n, -(long long)v);
    return true;
  }
  MlirStringRef t = mlirStringAttrGetValue(a);
  FxDimExprTerm terms[FX_DIM_EXPR_MAX_TERMS];
  intptr_t nt = fxDimExprGetTerms(t, terms, FX_DIM_EXPR_MAX_TERMS);
  bool nonNeg = nt > 0;
  for (intptr_t i = 0; i < nt; ++i)
    nonNeg &= terms[i].coeff >= 0 && (!terms[i].monomial.length || terms[i].nonNeg);
  if (!nonNeg)
    return impErrorAt(im, col,
                      "the slice bound '%.*s' may be negative (counting from "
                      "the end), so fx-import cannot compute the size of the "
                      "slice",
                      (int)t.length, t.data);
  snprintf(out, size, "Min(%.*s, %s)", (int)t.length, t.data, n);
  return true;
}

/* The type of fx.slice(base, dim, start, end, step 1): `base`'s with the
 * sliced dim's size computed as torch does (fxSliceLength when static, an
 * expression of Max/Min when a size or a bound is symbolic). */
static bool sliceType(Imp *im, MlirType base, int64_t dim, MlirAttribute start,
                      MlirAttribute end, const PyExpr *const *meta,
                      MlirType *out) {
  intptr_t rank = fxTensorTypeGetRank(base);
  if (dim < -rank || dim >= rank)
    return impErrorAt(im, meta[M_SLICE_DIM]->col,
                      "slice dim %lld is out of range for a rank-%d base",
                      (long long)dim, (int)rank);
  if (dim < 0)
    dim += rank;
  FxDim *dims = pyArenaAlloc(im->arena, (size_t)(rank + 1) * sizeof *dims);
  fxTensorTypeGetDims(base, dims, rank);
  char canon[FX_DIM_EXPR_MAX_LENGTH + 1];
  int64_t len = fxSliceLength(dims[dim], start, end, 1);
  if (len < 0) {
    char n[FX_DIM_EXPR_MAX_LENGTH + 8], s[3 * sizeof n], e[3 * sizeof n];
    char expr[8 * sizeof n], err[256];
    if (dims[dim].symbol.length)
      snprintf(n, sizeof n, "(%.*s)", (int)dims[dim].symbol.length,
               dims[dim].symbol.data);
    else
      snprintf(n, sizeof n, "%lld", (long long)dims[dim].size);
    if (!boundText(im, start, false, n, meta[M_SLICE_START]->col, s, sizeof s) ||
        !boundText(im, end, true, n, meta[M_SLICE_END]->col, e, sizeof e))
      return false;
    snprintf(expr, sizeof expr, "Max(0, %s - %s)", e, s);
    bool isInt;
    if (!fxDimExprCanonicalize(mlirStringRefCreate(expr, strlen(expr)), canon,
                               sizeof canon, &isInt, &len, err, sizeof err))
      return impErrorAt(im, meta[M_SLICE_DIM]->col,
                        "cannot compute the size of the slice (%s): %s", expr, err);
    dims[dim] = isInt ? (FxDim){len, {NULL, 0}}
                      : (FxDim){-1, mlirStringRefCreate(canon, strlen(canon))};
  } else {
    dims[dim] = (FxDim){len, {NULL, 0}};
  }
  *out = fxTensorTypeGet(im->ctx, rank, dims, fxTensorTypeGetDtype(base));
  if (mlirTypeIsNull(*out))
    return impErrorAt(im, meta[M_SLICE_DIM]->col, "the slice's type is invalid");
  return true;
}

/* Checks `mu`'s metadata; *base is its base index, -1 for None. */
static bool checkView(Imp *im, const FxSchema *s, const Mut *mu, int nb,
                      int64_t *base) {
  const PyExpr *const *m = mu->meta;
  const FxSchemaArg *a = &s->args[mu->param];
  if (!a->mutated)
    return impErrorAt(im, m[M_BASE]->col,
                      "_%.*s_base_index names parameter '%s' of %s, which the "
                      "op does not mutate",
                      (int)mu->len, mu->name, a->name, s->qualifiedName);
  if (mu->list < 0 && a->kind != FX_ARG_TENSOR)
    return impErrorAt(im, m[M_BASE]->col,
                      "mutated argument '%s' of %s is a list of tensors: v2 "
                      "gives it as _%s_length and a view per element "
                      "(_%s_0_base_index, ...)",
                      a->name, s->qualifiedName, a->name, a->name);
  const PyExpr *strided = m[M_SIZE] ? m[M_SIZE] : m[M_STRIDE] ? m[M_STRIDE] : m[M_OFFSET];
  int numStrided = !!m[M_SIZE] + !!m[M_STRIDE] + !!m[M_OFFSET];
  if (strided && numStrided < 3)
    return impErrorAt(im, strided->col,
                      "an as_strided view needs _%.*s_size, _%.*s_stride and "
                      "_%.*s_storage_offset",
                      (int)mu->len, mu->name, (int)mu->len, mu->name,
                      (int)mu->len, mu->name);
  if (strided && (m[M_ALIAS] || m[M_SLICE_DIM] || m[M_SLICE_START] || m[M_SLICE_END]))
    return impErrorAt(im, strided->col,
                      "the view of '%.*s' is both an as_strided view and an "
                      "alias or a slice",
                      (int)mu->len, mu->name);
  for (int k = M_SIZE; strided && k <= M_STRIDE; ++k)
    if (m[k]->kind != PY_TUPLE && m[k]->kind != PY_LIST)
      return impErrorAt(im, m[k]->col, "_%.*s%s must be a tuple", (int)mu->len,
                        mu->name, kMetaSuffix[k]);
  if (strided && m[M_SIZE]->n != m[M_STRIDE]->n)
    return impErrorAt(im, m[M_STRIDE]->col,
                      "_%.*s_stride has %d entries for %d sizes", (int)mu->len,
                      mu->name, m[M_STRIDE]->n, m[M_SIZE]->n);
  if (m[M_BASE]->kind == PY_NONE && mu->list >= 0)
    return impErrorAt(im, m[M_BASE]->col,
                      "element %lld of list '%s' of %s is None: fx ops pass "
                      "a list's elements as tensors",
                      (long long)mu->element, a->name, s->qualifiedName);
  if (m[M_BASE]->kind == PY_NONE) {
    if (!a->optional)
      return impErrorAt(im, m[M_BASE]->col, "parameter '%s' of %s is not optional",
                        a->name, s->qualifiedName);
    *base = -1;
  } else if (m[M_BASE]->kind != PY_INT || m[M_BASE]->i < 0 || m[M_BASE]->i >= nb) {
    return impErrorAt(im, m[M_BASE]->col,
                      "_%.*s_base_index must be None or an index into "
                      "_all_bases (0 to %d)",
                      (int)mu->len, mu->name, nb - 1);
  } else {
    *base = m[M_BASE]->i;
  }
  int slices = !!m[M_SLICE_DIM] + !!m[M_SLICE_START] + !!m[M_SLICE_END];
  const PyExpr *first = m[M_ALIAS] ? m[M_ALIAS] : m[M_SLICE_DIM] ? m[M_SLICE_DIM]
                        : m[M_SLICE_START] ? m[M_SLICE_START] : m[M_SLICE_END];
  if (!first)
    first = strided;
  if (first && *base < 0)
    return impErrorAt(im, first->col, "argument '%.*s' is None and has no view",
                      (int)mu->len, mu->name);
  if (m[M_ALIAS] && (slices || m[M_ALIAS]->kind != PY_BOOL || !m[M_ALIAS]->i))
    return impErrorAt(im, m[M_ALIAS]->col,
                      "_%.*s_alias must be True and describes the whole view",
                      (int)mu->len, mu->name);
  if (slices && slices < 3)
    return impErrorAt(im, first->col,
                      "a slice view needs _%.*s_slice_dim, _slice_start and "
                      "_slice_end",
                      (int)mu->len, mu->name);
  if (slices && m[M_SLICE_DIM]->kind != PY_INT)
    return impErrorAt(im, m[M_SLICE_DIM]->col, "_%.*s_slice_dim must be an integer",
                      (int)mu->len, mu->name);
  return true;
}

/* Whether `base` is a parameter whose annotation declares it contiguous.
 * v2's as_strided metadata is relative to the layout torch gave the base,
 * which its clone keeps (preserve_format); fxir's clone is contiguous, so
 * the two address the same elements only for a contiguous base, and
 * fx-import knows a layout only for a parameter (fx.strides).  A dim of
 * size 1 may have any stride (torch ignores it). */
bool impDeclaredContiguous(Imp *im, MlirValue base) {
  if (!mlirValueIsABlockArgument(base))
    return false;
  intptr_t k = mlirBlockArgumentGetArgNumber(base);
  if (k >= im->capStrides || mlirAttributeIsNull(im->strides[k]))
    return false;
  MlirAttribute st = im->strides[k];
  MlirType t = mlirValueGetType(base);
  intptr_t rank = fxTensorTypeGetRank(t);
  if (!mlirAttributeIsAArray(st) || mlirArrayAttrGetNumElements(st) != rank)
    return false;
  char want[FX_DIM_EXPR_MAX_LENGTH + 1] = "1";
  for (intptr_t d = rank - 1; d >= 0; --d) {
    FxDim dim = fxTensorTypeGetDim(t, d);
    MlirAttribute got = mlirArrayAttrGetElement(st, d);
    char text[FX_DIM_EXPR_MAX_LENGTH + 1];
    if (mlirAttributeIsAInteger(got))
      snprintf(text, sizeof text, "%lld", (long long)mlirIntegerAttrGetValueInt(got));
    else if (mlirAttributeIsAString(got))
      snprintf(text, sizeof text, "%.*s", (int)mlirStringAttrGetValue(got).length,
               mlirStringAttrGetValue(got).data);
    else
      return false;
    if (dim.size != 1 && strcmp(text, want) != 0)
      return false;
    /* want *= dim, in canonical form. */
    char expr[3 * FX_DIM_EXPR_MAX_LENGTH + 8], err[128];
    bool isInt;
    int64_t value;
    if (dim.symbol.length)
      snprintf(expr, sizeof expr, "(%s)*(%.*s)", want, (int)dim.symbol.length,
               dim.symbol.data);
    else
      snprintf(expr, sizeof expr, "(%s)*%lld", want, (long long)dim.size);
    if (!fxDimExprCanonicalize(mlirStringRefCreate(expr, strlen(expr)), want,
                               sizeof want, &isInt, &value, err, sizeof err))
      return false;
    if (isInt)
      snprintf(want, sizeof want, "%lld", (long long)value);
  }
  return true;
}

/* `aten::as_strided(clone, size, stride, storage_offset)`: the result
 * type has `size` for dims and the clone's dtype; the attributes are
 * encoded as any call's (impArgAttr, by the built-in schema's kinds).  The
 * runtime checks the view against the clone (kernels/views.c). */
static bool asStrided(Imp *im, const Mut *mu, MlirValue clone, MlirValue *out) {
  const PyExpr *const *m = mu->meta;
  if (!impDeclaredContiguous(im, mlirOperationGetOperand(
                                   mlirOpResultGetOwner(clone), 0)))
    return impErrorAt(im, m[M_SIZE]->col,
                      "the view of mutated argument '%.*s' is an as_strided "
                      "view of a base that is not a parameter declared "
                      "contiguous: torch computes it from the base's layout, "
                      "which fx-import knows only for a parameter's annotated "
                      "strides",
                      (int)mu->len, mu->name);
  const FxSchema *s = impSchema(im, "aten::as_strided", 16);
  if (!s || s->numArgs < 4)
    return impErrorAt(im, m[M_SIZE]->col, "no schema for aten::as_strided");
  const PyExpr *e = m[M_SIZE];
  if (e->n > FX_MAX_RANK)
    return impErrorAt(im, e->col, "an as_strided view of rank %d: fxir's "
                      "tensors have at most %d dims", e->n, FX_MAX_RANK);
  FxDim dims[FX_MAX_RANK];
  for (int i = 0; i < e->n; ++i) {
    MlirAttribute d;
    if (!impDimAttr(im, e->items[i], &d))
      return false;
    if (mlirAttributeIsAInteger(d)) {
      dims[i] = (FxDim){mlirIntegerAttrGetValueInt(d), {NULL, 0}};
    } else {
      MlirStringRef t = mlirStringAttrGetValue(d);
      dims[i] = (FxDim){-1, t};
    }
  }
  MlirType type = fxTensorTypeGet(im->ctx, e->n, dims,
                                  fxTensorTypeGetDtype(mlirValueGetType(clone)));
  if (mlirTypeIsNull(type))
    return impErrorAt(im, e->col, "_%.*s_size is not a valid tensor shape",
                      (int)mu->len, mu->name);
  MlirNamedAttribute args[3];
  static const Meta kMeta[3] = {M_SIZE, M_STRIDE, M_OFFSET};
  for (int k = 0; k < 3; ++k) {
    const FxSchemaArg *a = &s->args[k + 1];
    MlirAttribute attr;
    bool omit;
    if (!impArgAttr(im, m[kMeta[k]], a->kind, a->name, &attr, &omit))
      return false;
    args[k] = mlirNamedAttributeGet(mlirIdentifierGet(im->ctx, IMP_STR(a->name)), attr);
  }
  MlirStringRef self = IMP_STR("self");
  MlirOperation op = fxCallOpCreate(im->stmt->loc, FX_OP_CALL,
                                    IMP_STR("aten::as_strided"), 1, &clone, &self,
                                    mlirDictionaryAttrGet(im->ctx, 3, args), 1, &type);
  if (!impAppend(im, op))
    return false;
  *out = mlirOperationGetResult(op, 0);
  return true;
}

/* Checks list `mu` (`_y_length`): a mutated Tensor[] parameter, a length of
 * one at least (fx ops cannot pass an empty list). */
static bool checkList(Imp *im, const FxSchema *s, const Mut *mu) {
  const FxSchemaArg *a = &s->args[mu->param];
  const PyExpr *len = mu->meta[M_LENGTH];
  if (a->kind != FX_ARG_TENSOR_LIST || !a->mutated)
    return impErrorAt(im, len->col,
                      "_%.*s_length describes parameter '%s' of %s, which is "
                      "not a mutated list of tensors",
                      (int)mu->len, mu->name, a->name, s->qualifiedName);
  if (len->kind != PY_INT || len->i < 1 || len->i > FX_MAX_OPERANDS)
    return impErrorAt(im, len->col,
                      "_%.*s_length must be an integer from 1 to %d (fx ops "
                      "cannot pass an empty list, and have %d operand slots)",
                      (int)mu->len, mu->name, FX_MAX_OPERANDS, FX_MAX_OPERANDS);
  return true;
}

/* Each element of list `muts[list]` has its keywords, once. */
static bool checkElements(Imp *im, const Mut *muts, int nm, int list) {
  const Mut *l = &muts[list];
  int64_t count = l->meta[M_LENGTH]->i;
  for (int i = 0; i < nm; ++i)
    if (muts[i].list == list && muts[i].element >= count)
      return impErrorAt(im, muts[i].meta[M_BASE] ? muts[i].meta[M_BASE]->col
                                                 : l->meta[M_LENGTH]->col,
                        "element %lld of list '%.*s' is past its _%.*s_length "
                        "(%lld)",
                        (long long)muts[i].element, (int)l->len, l->name,
                        (int)l->len, l->name, (long long)count);
  for (int64_t k = 0; k < count; ++k) {
    bool found = false;
    for (int i = 0; i < nm && !found; ++i)
      found = muts[i].list == list && muts[i].element == k;
    if (!found)
      return impErrorAt(im, l->meta[M_LENGTH]->col,
                        "list '%.*s' has %lld elements but no "
                        "_%.*s_%lld_base_index",
                        (int)l->len, l->name, (long long)count, (int)l->len,
                        l->name, (long long)k);
  }
  return true;
}

/* Appends operand `v` called `name` to the op's operands. */
static bool addOperand(Imp *im, const PyExpr *call, MlirValue *operands,
                       MlirStringRef *names, int *n, MlirValue v,
                       MlirStringRef name) {
  if (*n == FX_MAX_OPERANDS)
    return impErrorAt(im, call->col,
                      "more than %d tensor operands: fxir's calls have %d slots",
                      FX_MAX_OPERANDS, FX_MAX_OPERANDS);
  operands[*n] = v;
  names[(*n)++] = name;
  return true;
}

/* The value the op receives for `mu`: a view of its base's clone. */
static bool viewOf(Imp *im, const Mut *mu, MlirValue clone, MlirValue *out) {
  const PyExpr *const *m = mu->meta;
  if (m[M_SIZE])
    return asStrided(im, mu, clone, out);
  /* NotView and alias: the clone itself.  aten.alias has the base's
   * shape, strides and storage, and nothing in fxir depends on a value's
   * identity, so an fx op for it would add nothing but a value the passes'
   * alias analysis must see through. */
  if (!m[M_SLICE_DIM]) {
    *out = clone;
    return true;
  }
  MlirAttribute start, end;
  MlirType type;
  int64_t dim = m[M_SLICE_DIM]->i;
  if (!impBoundArg(im, m[M_SLICE_START], 0, &start) ||
      !impBoundArg(im, m[M_SLICE_END], INT64_MAX, &end) ||
      !sliceType(im, mlirValueGetType(clone), dim, start, end, m, &type))
    return false;
  MlirOperation op = fxSliceOpCreate(im->stmt->loc, clone, type, dim, start, end, 1);
  if (!impAppend(im, op))
    return false;
  *out = mlirOperationGetResult(op, 0);
  return true;
}

bool impHopV2(Imp *im, const Stmt *st, Node *node, const PyExpr *call) {
  for (int k = 0; k < call->nkw; ++k)
    if (kwIs(call, k, "_op_schema"))
      return impErrorAt(im, call->kwValues[k]->col,
                        "auto_functionalized_v2 of a higher-order op "
                        "(_op_schema) is not supported");
  char target[256];
  if (call->n < 1 || !impTargetOf(im, call->items[0], target, sizeof target))
    return im->failed ? false
                      : impErrorAt(im, call->col,
                                   "auto_functionalized_v2's first argument "
                                   "must be an op (torch.ops.ns.op.overload)");
  if (call->n > 1)
    return impErrorAt(im, call->items[1]->col,
                      "auto_functionalized_v2 passes the op's arguments as keywords");
  int last = call->nkw - 1;
  if (last < 0 || !kwIs(call, last, "_all_bases")) {
    for (int k = 0; k < last; ++k)
      if (kwIs(call, k, "_all_bases"))
        return impErrorAt(im, call->kwValues[k]->col,
                          "_all_bases must be the last keyword");
    return impErrorAt(im, call->col, "auto_functionalized_v2 without _all_bases");
  }
  const PyExpr *bl = call->kwValues[last];
  if (bl->kind != PY_LIST && bl->kind != PY_TUPLE)
    return impErrorAt(im, bl->col, "_all_bases must be a list of tensors");
  int nb = bl->n;
  MlirValue *bases = pyArenaAlloc(im->arena, (size_t)(nb + 1) * sizeof *bases);
  for (int i = 0; i < nb; ++i) {
    if (bl->items[i]->kind != PY_NAME)
      return impErrorAt(im, bl->items[i]->col,
                        "entry %d of _all_bases is not a tensor node", i);
    if (!impTensor(im, bl->items[i], &bases[i]))
      return false;
  }
  const FxSchema *s = impSchema(im, target, strlen(target));
  if (!s)
    return impNoSchema(im, call->items[0]->col, target);

  PyExpr plain;
  Mut muts[MAX_PARAMS];
  int nm = 0;
  const PyExpr *vals[MAX_PARAMS];
  if (!splitKeywords(im, call, s, &plain, muts, &nm) ||
      !impBindVersions(im, &plain, 1, s, vals))
    return false;
  int64_t baseOf[MAX_PARAMS];
  int mutOfParam[MAX_PARAMS];
  for (int p = 0; p < s->numArgs; ++p)
    mutOfParam[p] = -1;
  for (int i = 0; i < nm; ++i) {
    const PyExpr *key = muts[i].meta[muts[i].meta[M_LENGTH] ? M_LENGTH : M_BASE];
    for (int p = 0; p < s->numArgs && muts[i].list < 0; ++p)
      if (vals[p] == key)
        muts[i].param = p, mutOfParam[p] = i;
    if (muts[i].list < 0 && muts[i].param < 0) /* a name bindVersions
                                                  dropped (`_device_...`) */
      return impErrorAt(im, key->col, "_%.*s_%s names no parameter of %s",
                        (int)muts[i].len, muts[i].name,
                        muts[i].meta[M_LENGTH] ? "length" : "base_index",
                        s->qualifiedName);
    if (muts[i].meta[M_LENGTH] && !checkList(im, s, &muts[i]))
      return false;
  }
  for (int i = 0; i < nm; ++i) {
    if (muts[i].list >= 0)
      muts[i].param = muts[muts[i].list].param;
    if (!muts[i].meta[M_LENGTH] && !checkView(im, s, &muts[i], nb, &baseOf[i]))
      return false;
    vals[muts[i].param] = NULL; /* passed as views below */
  }
  for (int i = 0; i < nm; ++i)
    if (muts[i].meta[M_LENGTH] && !checkElements(im, muts, nm, i))
      return false;
  /* v2 passes every parameter (defaults filled), the mutated ones only as
   * metadata; one with a default that the call leaves out is a version
   * of the op from before that parameter existed (as v1 accepts). */
  for (int p = 0; p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p];
    if (mutOfParam[p] < 0 && a->mutated && vals[p])
      return impErrorAt(im, vals[p]->col,
                        "mutated parameter '%s' of %s is passed as a keyword: "
                        "auto_functionalized_v2 passes it as _%s_base_index",
                        a->name, s->qualifiedName, a->name);
    if (mutOfParam[p] < 0 && !vals[p] && !(a->hasDefault && !a->mutated))
      return impErrorAt(im, call->col,
                        "auto_functionalized_v2 does not pass parameter '%s' "
                        "of %s (it passes each: the mutated ones as "
                        "_<name>_base_index)",
                        a->name, s->qualifiedName);
  }
  Built b = {0};
  if (!impBuildSchemaArgs(im, s, vals, &b))
    return false;
  int nret = s->numReturns;
  MlirType types[FX_MAX_RESULTS + 1];
  if (!impOwnReturnTypes(im, node, call, s, types))
    return false;

  /* 1. A clone of every base: the HOP's new value of each. */
  MlirValue *clones = pyArenaAlloc(im->arena, (size_t)(nb + 1) * sizeof *clones);
  for (int i = 0; i < nb; ++i)
    if (!impFunctionalizedClone(im, st->loc, bases[i], &clones[i]))
      return false;
  /* 2. The views, and the operands in schema order. */
  MlirValue operands[FX_MAX_OPERANDS + 1];
  MlirStringRef names[FX_MAX_OPERANDS + 1];
  int n = 0;
  for (int p = 0; p < s->numArgs; ++p) {
    int i = mutOfParam[p];
    /* A mutated list: a view per element, `y[0]`, `y[1]`, ... */
    int64_t count = i >= 0 && muts[i].meta[M_LENGTH] ? muts[i].meta[M_LENGTH]->i : 0;
    for (int64_t k = 0; k < count; ++k) {
      int e = 0;
      while (muts[e].list != i || muts[e].element != k)
        ++e; /* checkElements found each */
      MlirValue v;
      if (!viewOf(im, &muts[e], clones[baseOf[e]], &v) ||
          !addOperand(im, call, operands, names, &n, v,
                      impElementName(im, s->args[p].name, k)))
        return false;
    }
    if (count)
      continue;
    MlirValue v = {NULL};
    if (i >= 0 && baseOf[i] >= 0) {
      if (!viewOf(im, &muts[i], clones[baseOf[i]], &v) ||
          !addOperand(im, call, operands, names, &n, v, IMP_STR(s->args[p].name)))
        return false;
      continue;
    }
    for (int k = 0; k < b.n; ++k)
      if (b.paramOfOperand[k] == p &&
          !addOperand(im, call, operands, names, &n, b.operands[k], b.names[k]))
        return false;
  }
  /* 3. The op, writing the views in place; 4. slots: the op's returns,
   * then the clones. */
  if (!impHopInPlaceCall(im, st->loc, target, n, operands, names,
                         impDict(im, &b), nret, types, nb, node))
    return false;
  Val *val = &node->val;
  int offset = nret == 0 ? 1 : nret;
  for (int i = 0; i < nb; ++i)
    val->slotValues[offset + i] = clones[i];
  return true;
}
