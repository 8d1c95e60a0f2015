/* ImportType.c - FX annotations to fx types, repr literals to attributes. */
#include "ImportInternal.h"
#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool isIdent(const char *s, size_t n) {
  if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
    return false;
  for (size_t i = 1; i < n; ++i)
    if (!isalnum((unsigned char)s[i]) && s[i] != '_')
      return false;
  return true;
}

/* Whether s[0, n) is an integer literal; *overflow when it is one that
 * does not fit an int64. */
static bool isInt(const char *s, size_t n, int64_t *v, bool *overflow) {
  *overflow = false;
  size_t i = n && s[0] == '-';
  if (i == n)
    return false;
  for (size_t k = i; k < n; ++k)
    if (!isdigit((unsigned char)s[k]))
      return false;
  int64_t x = 0;
  for (; i < n; ++i)
    if (__builtin_mul_overflow(x, 10, &x) ||
        __builtin_add_overflow(x, s[i] - '0', &x)) {
      *overflow = true;
      return false;
    }
  *v = s[0] == '-' ? -x : x;
  return true;
}

/* torch names unbacked symbols `u0`, `u1`, ... (data-dependent sizes). */
static bool isUnbacked(const char *s, size_t n) {
  if (n < 2 || s[0] != 'u')
    return false;
  for (size_t i = 1; i < n; ++i)
    if (!isdigit((unsigned char)s[i]))
      return false;
  return true;
}

static void trim(const char **s, size_t *n) {
  while (*n && isspace((unsigned char)**s))
    ++*s, --*n;
  while (*n && isspace((unsigned char)(*s)[*n - 1]))
    --*n;
}

/* One symbolic value of an annotation (a dim or a Sym(...)). */
static bool symValue(Imp *im, int line, int col, const char *s, size_t n,
                     Val *out) {
  trim(&s, &n);
  memset(out, 0, sizeof *out);
  int64_t v;
  bool overflow;
  if (isInt(s, n, &v, &overflow)) {
    out->kind = VAL_SYM;
    out->isInt = true;
    out->i = v;
    return true;
  }
  if (overflow)
    return impError(im, line, col, "the size '%.*s' does not fit in an int64",
                    (int)n, s);
  if (isIdent(s, n)) {
    if (isUnbacked(s, n))
      return impError(im, line, col,
                      "unbacked symbol '%.*s' (a data-dependent size) is not "
                      "supported: fxir's symbols are bound by the function's "
                      "arguments",
                      (int)n, s);
    out->kind = VAL_SYM;
    out->text = s;
    out->len = n;
    return true;
  }
  /* An expression: fxir's canonical form of it (fxir/FxDimExpr.h), which
   * may fold to an integer or a symbol. */
  char canon[FX_DIM_EXPR_MAX_LENGTH], err[256];
  bool isInt;
  int64_t value;
  if (!fxDimExprCanonicalize(mlirStringRefCreate(s, n), canon, sizeof canon,
                             &isInt, &value, err, sizeof err))
    return impError(im, line, col, "the symbolic expression '%.*s%s' is not one "
                    "fxir reads: %s", (int)(n > 200 ? 200 : n), s, n > 200 ? "..." : "",
                    err);
  FxDimExpr *e = malloc(sizeof *e);
  if (!e || !fxDimExprParse(mlirStringRefCreate(s, n), e, err, sizeof err)) {
    free(e);
    return impError(im, line, col, "out of memory");
  }
  for (int i = 0; i < e->numNodes; ++i) {
    MlirStringRef sym = e->nodes[i].symbol;
    if (e->nodes[i].kind == FX_DIM_EXPR_SYMBOL && isUnbacked(sym.data, sym.length)) {
      free(e);
      return impError(im, line, col,
                      "unbacked symbol '%.*s' (a data-dependent size) in "
                      "'%.*s%s' is not supported: fxir's symbols are bound by "
                      "the function's arguments",
                      (int)sym.length, sym.data, (int)(n > 200 ? 200 : n), s,
                      n > 200 ? "..." : "");
    }
  }
  free(e);
  out->kind = VAL_SYM;
  if (isInt) {
    out->isInt = true;
    out->i = value;
    return true;
  }
  size_t len = strlen(canon);
  char *stored = pyArenaAlloc(im->arena, len + 1);
  memcpy(stored, canon, len + 1);
  out->text = stored;
  out->len = len;
  return true;
}

static const FxDtypeInfo *dtypeByAbbr(const char *s, size_t n) {
  for (int i = 0; i < fxDtypeGetNumInfos(); ++i) {
    const FxDtypeInfo *d = fxDtypeGetInfo(i);
    if (strlen(d->abbr) == n && memcmp(d->abbr, s, n) == 0)
      return d;
  }
  return NULL;
}

/* One dims list `[a, b, ...]` of annotation `s` (`n` bytes) from s[i] (past
 * the `[`) up to `end` (the `]`): sizes or symbolic dims, each >= 0;
 * `what` ("dim", "stride") names them in errors. */
static bool dimList(Imp *im, int line, int col, const char *s, size_t n,
                    size_t i, size_t end, const char *what, FxDim *dims,
                    int *rank) {
  *rank = 0;
  while (i < end) {
    size_t j = i;
    int depth = 0; /* a comma inside Max(a, b) is not between dims */
    while (j < end && (s[j] != ',' || depth > 0)) {
      depth += s[j] == '(' ? 1 : s[j] == ')' ? -1 : 0;
      ++j;
    }
    if (*rank == FX_MAX_RANK)
      return impError(im, line, col,
                      "rank above %d in \"%.*s\": fxir's tensors have at most "
                      "%d dims",
                      FX_MAX_RANK, (int)n, s, FX_MAX_RANK);
    Val v;
    if (!symValue(im, line, col, s + i, j - i, &v))
      return false;
    if (v.isInt && v.i < 0)
      return impError(im, line, col, "negative %s %lld in \"%.*s\"", what,
                      (long long)v.i, (int)n, s);
    dims[*rank].size = v.isInt ? v.i : -1;
    dims[*rank].symbol = v.isInt ? mlirStringRefCreate(NULL, 0)
                                 : mlirStringRefCreate(v.text, v.len);
    ++*rank;
    i = j + 1;
  }
  return true;
}

static MlirAttribute stridesAttr(Imp *im, const FxDim *strides, int n) {
  MlirAttribute items[FX_MAX_RANK];
  MlirType i64 = mlirIntegerTypeGet(im->ctx, 64);
  for (int d = 0; d < n; ++d)
    items[d] = strides[d].symbol.length
                   ? mlirStringAttrGet(im->ctx, strides[d].symbol)
                   : mlirIntegerAttrGet(i64, strides[d].size);
  return mlirArrayAttrGet(im->ctx, n, items);
}

bool impAnnotation(Imp *im, int line, const PyExpr *e, MlirType *type,
                   Val *sym) {
  return impParamAnnotation(im, line, e, type, sym, NULL);
}

bool impParamAnnotation(Imp *im, int line, const PyExpr *e, MlirType *type,
                        Val *sym, MlirAttribute *strides) {
  if (strides)
    *strides = (MlirAttribute){NULL};
  const char *s = e->text;
  size_t n = e->len;
  int col = e->col;
  *type = (MlirType){NULL};
  if (n >= 4 && memcmp(s, "Sym(", 4) == 0) {
    if (s[n - 1] != ')')
      return impError(im, line, col, "malformed annotation \"%.*s\"", (int)n, s);
    return symValue(im, line, col, s + 4, n - 5, sym);
  }
  size_t k = 0;
  while (k < n && isalnum((unsigned char)s[k]))
    ++k;
  if (k < n && s[k] == '(')
    return impError(im, line, col,
                    "tensor subclass annotations ('%.*s') are not supported",
                    (int)k, s);
  if (k == n || s[k] != '[')
    return impError(im, line, col,
                    "malformed annotation \"%.*s\": expected dtype[dims] or "
                    "Sym(...)",
                    (int)n, s);
  const FxDtypeInfo *dt = dtypeByAbbr(s, k);
  if (!dt) {
    /* torch's abbreviations of fxir's dtypes, from the dtype rows. */
    char names[256] = "";
    for (int i = 0; i < fxDtypeGetNumInfos(); ++i)
      snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
               i ? ", " : "", fxDtypeGetInfo(i)->abbr);
    return impError(im, line, col,
                    "dtype '%.*s' is not supported by fxir (its dtypes: %s)",
                    (int)k, s, names);
  }
  FxDim dims[FX_MAX_RANK], strideDims[FX_MAX_RANK];
  int rank = 0, numStrides = -1;
  size_t i = k + 1;
  const char *close = memchr(s + i, ']', n - i);
  if (!close)
    return impError(im, line, col, "malformed annotation \"%.*s\"", (int)n, s);
  size_t end = (size_t)(close - s);
  if (!dimList(im, line, col, s, n, i, end, "dim", dims, &rank))
    return false;
  /* What may follow the dims: `[strides]`, then a device (`cuda:0`). */
  size_t t = end + 1;
  if (t < n && s[t] == '[') {
    const char *sclose = memchr(s + t, ']', n - t);
    if (!sclose)
      return impError(im, line, col, "malformed annotation \"%.*s\"", (int)n, s);
    /* A parameter's strides are its declared layout (fx.strides); a
     * node's are dropped: its layout follows from its producer. */
    if (strides && !dimList(im, line, col, s, n, t + 1, (size_t)(sclose - s),
                            "stride", strideDims, &numStrides))
      return false;
    if (numStrides >= 0 && numStrides != rank)
      return impError(im, line, col,
                      "\"%.*s\" has %d strides for %d dims", (int)n, s,
                      numStrides, rank);
    t = (size_t)(sclose - s) + 1;
  }
  for (size_t k = t; k < n; ++k)
    if (!isalnum((unsigned char)s[k]) && s[k] != ':' && s[k] != '_')
      return impError(im, line, col,
                      "malformed annotation \"%.*s\": unexpected text after "
                      "the dims",
                      (int)n, s);
  /* The element count, and the size in bytes, fit in an int64 (as the
   * verifier requires) unless a dim is 0. */
  int64_t count = 1;
  bool empty = false, overflow = false;
  for (int d = 0; d < rank; ++d) {
    empty |= dims[d].size == 0;
    if (dims[d].size > 0)
      overflow |= __builtin_mul_overflow(count, dims[d].size, &count);
  }
  overflow |= __builtin_mul_overflow(count, dt->bytes, &count);
  if (overflow && !empty)
    return impError(im, line, col,
                    "the tensor \"%.*s\" has more bytes than fit in an int64",
                    (int)n, s);
  /* The device is dropped (docs/import.md, "Types"). */
  *type = fxTensorTypeGet(im->ctx, rank, dims, fxDtypeGetType(im->ctx, dt->code));
  if (mlirTypeIsNull(*type))
    return impError(im, line, col, "invalid tensor type \"%.*s\"", (int)n, s);
  if (strides && numStrides >= 0)
    *strides = stridesAttr(im, strideDims, numStrides);
  return true;
}

bool impStmtTensorType(Imp *im, const PyExpr *annot, const char *what,
                       MlirType *type) {
  const Stmt *st = im->stmt;
  if (!annot)
    return impError(im, st->line, st->col,
                    "%s '%.*s' has no type annotation: fx-import needs the "
                    "verbose print_readable form",
                    what, (int)st->len, st->name);
  /* Never a Sym(...) here: importStmt takes those as SymInt nodes first. */
  Val sym;
  return impAnnotation(im, st->line, annot, type, &sym);
}

MlirType impTorchDtype(Imp *im, const PyExpr *e) {
  if (!e || e->kind != PY_NAME || e->len <= 6 ||
      memcmp(e->text, "torch.", 6) != 0)
    return (MlirType){NULL};
  for (int i = 0; i < fxDtypeGetNumInfos(); ++i) {
    const FxDtypeInfo *d = fxDtypeGetInfo(i);
    if (strlen(d->torch) == e->len - 6 && memcmp(d->torch, e->text + 6, e->len - 6) == 0)
      return fxDtypeGetType(im->ctx, d->code);
  }
  return (MlirType){NULL};
}

bool impDimAttr(Imp *im, const PyExpr *e, MlirAttribute *out) {
  MlirType i64 = mlirIntegerTypeGet(im->ctx, 64);
  if (e->kind == PY_INT) {
    *out = mlirIntegerAttrGet(i64, e->i);
    return true;
  }
  Node *n = impNodeOf(im, e);
  if (n && n->val.kind == VAL_SYM) {
    *out = n->val.isInt ? mlirIntegerAttrGet(i64, n->val.i)
                        : mlirStringAttrGet(im->ctx, mlirStringRefCreate(n->val.text, n->val.len));
    return true;
  }
  if (e->kind == PY_NAME && (!n || n->val.kind == VAL_UNSET))
    return impErrorAt(im, e->col, "'%.*s' is not defined before this use",
                      (int)e->len, e->text);
  return impErrorAt(im, e->col, "expected an integer or a SymInt");
}

static bool intList(Imp *im, const PyExpr *e, MlirAttribute *out) {
  if (e->kind != PY_LIST && e->kind != PY_TUPLE)
    return impDimAttr(im, e, out); /* torch accepts an int for int[1] */
  MlirAttribute *items = pyArenaAlloc(im->arena, (size_t)(e->n + 1) * sizeof *items);
  for (int i = 0; i < e->n; ++i)
    if (!impDimAttr(im, e->items[i], &items[i]))
      return false;
  *out = mlirArrayAttrGet(im->ctx, e->n, items);
  return true;
}

bool impArgAttr(Imp *im, const PyExpr *e, FxArgKind kind, const char *param,
                MlirAttribute *out, bool *omit) {
  MlirContext ctx = im->ctx;
  *omit = false;
  if (e->kind == PY_NONE) {
    *omit = true;
    return true;
  }
  switch (kind) {
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
    if (e->kind == PY_BOOL)
      break;
    return impDimAttr(im, e, out);
  case FX_ARG_FLOAT:
    if (e->kind == PY_INT || e->kind == PY_FLOAT) {
      *out = mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx),
                                    e->kind == PY_INT ? (double)e->i : e->f);
      return true;
    }
    break;
  case FX_ARG_BOOL:
    if (e->kind == PY_BOOL) {
      *out = mlirBoolAttrGet(ctx, (int)e->i);
      return true;
    }
    break;
  case FX_ARG_STR:
    if (e->kind == PY_STR) {
      *out = mlirStringAttrGet(ctx, mlirStringRefCreate(e->text, e->len));
      return true;
    }
    break;
  case FX_ARG_SCALAR_TYPE: {
    MlirType t = impTorchDtype(im, e);
    if (!mlirTypeIsNull(t)) {
      *out = mlirTypeAttrGet(t);
      return true;
    }
    if (e->kind == PY_NAME)
      return impErrorAt(im, e->col,
                        "dtype '%.*s' of parameter '%s' is not supported by "
                        "fxir",
                        (int)e->len, e->text, param);
    break;
  }
  case FX_ARG_SCALAR:
    /* torch converts a bool Scalar to the tensor's dtype as 1 or 0. */
    if (e->kind == PY_INT || e->kind == PY_BOOL) {
      *out = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), e->i);
      return true;
    }
    if (e->kind == PY_FLOAT) {
      *out = mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx), e->f);
      return true;
    }
    if (e->kind == PY_NAME) {
      Node *n = impNodeOf(im, e);
      if (n && n->val.kind == VAL_SYM && n->val.isInt) {
        *out = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), n->val.i);
        return true;
      }
      if (n && n->val.kind == VAL_SYM)
        return impErrorAt(im, e->col,
                          "the SymInt '%.*s' passed to Scalar parameter '%s' "
                          "is not supported: fxir's Scalars are numbers",
                          (int)e->len, e->text, param);
    }
    break;
  case FX_ARG_INT_LIST:
  case FX_ARG_SYMINT_LIST:
    return intList(im, e, out);
  case FX_ARG_TENSOR:
  case FX_ARG_TENSOR_LIST:
    break;
  }
  return impErrorAt(im, e->col, "this value does not fit parameter '%s' (%s)",
                    param, fxArgKindName(kind));
}

/* An int or SymInt argument of a call without a schema: a SymInt that is a
 * symbol becomes a symbol reference (@s0), so that it stays apart from a
 * string argument (fx-export prints the one as the Sym node, the other as
 * a string). */
static bool looseDim(Imp *im, const PyExpr *e, MlirAttribute *out) {
  Node *n = impNodeOf(im, e);
  if (n && n->val.kind == VAL_SYM && !n->val.isInt) {
    MlirStringRef text = mlirStringRefCreate(n->val.text, n->val.len);
    if (!fxDimIsSymbolName(text))
      return impErrorAt(im, e->col,
                        "'%.*s' is the SymInt %.*s, a symbolic expression: an "
                        "operator without a schema takes symbols and integers "
                        "only (give its schema with --schema-file)",
                        (int)e->len, e->text, (int)text.length, text.data);
    *out = mlirFlatSymbolRefAttrGet(im->ctx, text);
    return true;
  }
  return impDimAttr(im, e, out);
}

bool impLooseAttr(Imp *im, const PyExpr *e, const char *param,
                  MlirAttribute *out, bool *omit) {
  MlirContext ctx = im->ctx;
  *omit = false;
  switch (e->kind) {
  case PY_NONE:
    *omit = true;
    return true;
  case PY_INT:
    *out = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), e->i);
    return true;
  case PY_FLOAT:
    *out = mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx), e->f);
    return true;
  case PY_BOOL:
    *out = mlirBoolAttrGet(ctx, (int)e->i);
    return true;
  case PY_STR:
    *out = mlirStringAttrGet(ctx, mlirStringRefCreate(e->text, e->len));
    return true;
  case PY_LIST:
  case PY_TUPLE: {
    MlirAttribute *items = pyArenaAlloc(im->arena, (size_t)(e->n + 1) * sizeof *items);
    for (int i = 0; i < e->n; ++i) {
      bool none;
      if (!impLooseAttr(im, e->items[i], param, &items[i], &none))
        return false;
      if (none)
        return impErrorAt(im, e->items[i]->col,
                          "None inside a list argument of a call without a "
                          "schema is not supported");
    }
    *out = mlirArrayAttrGet(ctx, e->n, items);
    return true;
  }
  case PY_NAME: {
    MlirType t = impTorchDtype(im, e);
    if (!mlirTypeIsNull(t)) {
      *out = mlirTypeAttrGet(t);
      return true;
    }
    Node *n = impNodeOf(im, e);
    if (e->len > 6 && !memcmp(e->text, "torch.", 6) && (!n || n->val.kind == VAL_UNSET))
      return impErrorAt(im, e->col,
                        "'%.*s' is not a dtype fxir has, nor another value "
                        "fx-import reads",
                        (int)e->len, e->text);
    return looseDim(im, e, out);
  }
  case PY_CALL:
    /* device(type='cuda', index=0), positional: kept as "cuda:0". */
    if (pyIsName(e->base, "device")) {
      const PyExpr *type = NULL, *index = NULL;
      for (int i = 0; i < e->n; ++i)
        *(i == 0 ? &type : &index) = e->items[i];
      for (int k = 0; k < e->nkw; ++k)
        if (e->kwLens[k] == 4 && !memcmp(e->kwNames[k], "type", 4))
          type = e->kwValues[k];
        else if (e->kwLens[k] == 5 && !memcmp(e->kwNames[k], "index", 5))
          index = e->kwValues[k];
      if (type && type->kind == PY_STR &&
          (!index || index->kind == PY_INT || index->kind == PY_NONE)) {
        char buf[96];
        if (index && index->kind == PY_INT)
          snprintf(buf, sizeof buf, "%.*s:%lld", (int)(type->len > 64 ? 64 : type->len),
                   type->text, (long long)index->i);
        else
          snprintf(buf, sizeof buf, "%.*s", (int)(type->len > 64 ? 64 : type->len), type->text);
        *out = mlirStringAttrGet(ctx, IMP_STR(buf));
        return true;
      }
    }
    /* fallthrough */
  default:
    return impErrorAt(im, e->col,
                      "argument '%s' of a call without a schema is neither a "
                      "tensor, a number, a string nor a list of them",
                      param);
  }
}
