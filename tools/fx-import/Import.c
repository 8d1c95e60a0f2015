/* Import.c - fx-import's driver: the dump's lines, its graph classes and
 * their forward functions, node names and values (see Import.h). */
#include "ImportInternal.h"
#include "fxir/FxDimExpr.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- Errors --------------------------------------------------------------===*/

static bool vError(Imp *im, const char *file, int line, int col,
                   const char *fmt, va_list ap) {
  /* Columns count bytes of the line as it is in the file: log prefix and
   * colour escapes included. */
  if (file == im->opts->filename && im->prefix && line >= 1 &&
      line <= im->numLines) {
    const int *map = im->colMaps[line - 1];
    if (map && col >= 1 && col <= im->mapLens[line - 1])
      col = map[col - 1] + 1;
    else
      col += im->prefix[line - 1];
  }
  if (!im->failed) {
    im->failed = true;
    im->err->file = file;
    im->err->line = line;
    im->err->col = col > 0 ? col : 1;
    vsnprintf(im->err->message, sizeof im->err->message, fmt, ap);
  }
  return false;
}

bool impError(Imp *im, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vError(im, im->opts->filename, line, col, fmt, ap);
  va_end(ap);
  return false;
}

bool impErrorAt(Imp *im, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vError(im, im->opts->filename, im->stmt ? im->stmt->line : 1, col, fmt, ap);
  va_end(ap);
  return false;
}

/*===-- Node names ----------------------------------------------------------===*/

static size_t hashName(const char *s, size_t n) {
  size_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

Node *impLookup(Imp *im, const char *name, size_t len, bool create) {
  if (im->count * 2 >= im->cap) {
    size_t ncap = im->cap ? im->cap * 2 : 256;
    Node *grown = calloc(ncap, sizeof *grown);
    if (!grown)
      abort();
    for (size_t i = 0; i < im->cap; ++i) {
      if (!im->nodes[i].name)
        continue;
      size_t h = hashName(im->nodes[i].name, im->nodes[i].len) & (ncap - 1);
      while (grown[h].name)
        h = (h + 1) & (ncap - 1);
      grown[h] = im->nodes[i];
    }
    free(im->nodes);
    im->nodes = grown;
    im->cap = ncap;
  }
  size_t h = hashName(name, len) & (im->cap - 1);
  while (im->nodes[h].name) {
    if (im->nodes[h].len == len && memcmp(im->nodes[h].name, name, len) == 0)
      return &im->nodes[h];
    h = (h + 1) & (im->cap - 1);
  }
  if (!create)
    return NULL;
  im->nodes[h].name = name;
  im->nodes[h].len = len;
  ++im->count;
  return &im->nodes[h];
}

Node *impNodeOf(Imp *im, const PyExpr *e) {
  if (!e || e->kind != PY_NAME)
    return NULL;
  return impLookup(im, e->text, e->len, false);
}

bool impTensor(Imp *im, const PyExpr *e, MlirValue *out) {
  Node *n = impNodeOf(im, e);
  if (!n || n->val.kind == VAL_UNSET) {
    if (e->kind == PY_NAME)
      return impErrorAt(im, e->col, "'%.*s' is not defined before this use",
                        (int)e->len, e->text);
    return impErrorAt(im, e->col, "expected the name of a tensor node");
  }
  if (n->val.kind != VAL_TENSOR)
    return impErrorAt(im, e->col, "'%.*s' is not a tensor", (int)e->len,
                      e->text);
  *out = n->val.value;
  return true;
}

/*===-- Diagnostics of MLIR's verifier --------------------------------------===*/

typedef struct DiagCapture {
  Imp *im;
  MlirLocation loc;
  bool have;
} DiagCapture;

static void appendDiag(MlirStringRef s, void *user) {
  Imp *im = user;
  size_t used = strlen(im->diag);
  size_t room = sizeof im->diag - used - 1;
  size_t n = s.length < room ? s.length : room;
  memcpy(im->diag + used, s.data, n);
  im->diag[used + n] = '\0';
}

static MlirLogicalResult onDiag(MlirDiagnostic d, void *user) {
  DiagCapture *c = user;
  if (mlirDiagnosticGetSeverity(d) == MlirDiagnosticError && !c->have) {
    c->have = true;
    c->loc = mlirDiagnosticGetLocation(d);
    c->im->diag[0] = '\0';
    mlirDiagnosticPrint(d, appendDiag, c->im);
  }
  return mlirLogicalResultSuccess();
}

/*===-- Lines ---------------------------------------------------------------===*/

typedef struct Line {
  char *s;
  size_t len;
  int no;     /* 1-based */
  int prefix; /* columns of log prefix removed */
  const int *map; /* kept byte -> byte of the raw line, when escapes went */
} Line;

static size_t indentOf(const Line *l) {
  size_t i = 0;
  while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
    ++i;
  return i;
}

static bool startsWith(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && memcmp(s, p, k) == 0;
}

static int colOf(const Line *l, size_t off) { (void)l; return (int)off + 1; }

/* The number of `"""` in a line. */
static int countQuotes(const Line *l) {
  int quotes = 0;
  for (size_t k = 0; k + 3 <= l->len; ++k)
    if (memcmp(l->s + k, "\"\"\"", 3) == 0) {
      ++quotes;
      k += 2;
    }
  return quotes;
}

/*===-- Statements ----------------------------------------------------------===*/

typedef struct Fn {
  const char *name;
  const Line *def;
  const Line *donated; /* its `# fx-donated:` line, or NULL */
  const Line **body; /* lines between def and return, return included */
  int numBody;
} Fn;

static void countUses(Imp *im, const PyExpr *e) {
  if (!e)
    return;
  switch (e->kind) {
  case PY_NAME: {
    Node *n = impLookup(im, e->text, e->len, true);
    ++n->uses;
    return;
  }
  case PY_LIST:
  case PY_TUPLE:
    for (int i = 0; i < e->n; ++i)
      countUses(im, e->items[i]);
    return;
  case PY_CALL:
    for (int i = 0; i < e->n; ++i)
      countUses(im, e->items[i]);
    for (int i = 0; i < e->nkw; ++i)
      countUses(im, e->kwValues[i]);
    return;
  case PY_SUBSCRIPT:
  case PY_BINOP:
    countUses(im, e->base);
    countUses(im, e->rhs);
    return;
  default:
    return;
  }
}

/* `# File: /path/model.py:47 in fn, code: ...` -> the model's location. */
static bool modelLoc(Imp *im, const char *c, size_t n, MlirLocation *loc) {
  if (!startsWith(c, n, "# File: "))
    return false;
  /* `path:N in fn, code: ...`, or older torch's `path:N, code: ...`: the
   * path ends at the last ':' before the first of " in " and ", code:". */
  const char *p = c + 8, *end = c + n;
  const char *stop = end;
  for (const char *q = p; q + 4 <= end; ++q)
    if (!memcmp(q, " in ", 4) || (q + 7 <= end && !memcmp(q, ", code:", 7))) {
      stop = q;
      break;
    }
  const char *colon = stop;
  while (colon > p && *colon != ':')
    --colon;
  if (colon == p || colon + 1 >= stop || !isdigit((unsigned char)colon[1]))
    return false;
  int line = atoi(colon + 1);
  *loc = mlirLocationFileLineColGet(
      im->ctx, mlirStringRefCreate(p, (size_t)(colon - p)), (unsigned)line, 0);
  return true;
}

/* After a statement's first `;` torch prints only its cleanup list,
 * `a = b = None` (names it frees).  Anything else would be a second
 * statement fx-import would drop: an error. */
static bool checkTail(Imp *im, const Line *l, size_t at) {
  while (at < l->len) {
    size_t next = pyFindTopLevel(l->s, at + 1, l->len, ';');
    size_t i = at + 1;
    bool ok = true, sawName = false;
    for (;;) {
      while (i < next && l->s[i] == ' ')
        ++i;
      size_t a = i;
      while (i < next && (isalnum((unsigned char)l->s[i]) || l->s[i] == '_'))
        ++i;
      if (a == i) {
        ok = i == next && !sawName; /* an empty segment (`;` at the end) */
        break;
      }
      size_t nameLen = i - a;
      while (i < next && l->s[i] == ' ')
        ++i;
      if (nameLen == 4 && !memcmp(l->s + a, "None", 4) && i == next) {
        ok = sawName;
        break;
      }
      if (i >= next || l->s[i] != '=') {
        ok = false;
        break;
      }
      ++i;
      sawName = true;
    }
    if (!ok)
      return impError(im, l->no, (int)at + 2,
                      "after ';' fx-import reads only torch's cleanup list "
                      "('a = b = None'); a second statement on one line is "
                      "not supported");
    at = next;
  }
  return true;
}

static bool addParam(Imp *im, int line, int col, const char *name, size_t len,
                     const PyExpr *annot);

/* The two kinds of line a pytree signature adds: `a: "T"; b: "T";`
 * (annotations of the flattened parameters) and `a, b, = fx_pytree.
 * tree_flatten_spec([...], self._in_spec)` (the parameters, in order).
 * 1 when `l` is one of them (handled), 0 when not, -1 on error. */
static int pytreeLine(Imp *im, const Line *l, size_t in) {
  bool flatten = false;
  for (size_t k = in; k + 27 <= l->len && !flatten; ++k)
    flatten = !memcmp(l->s + k, "fx_pytree.tree_flatten_spec", 27);
  size_t eq = pyFindTopLevel(l->s, in, l->len, '=');
  if (!flatten && eq != l->len)
    return 0;
  size_t to = flatten ? eq : l->len;
  for (size_t i = in; i < to;) {
    size_t end = pyFindTopLevel(l->s, i, to, flatten ? ',' : ';');
    size_t a = i, b;
    while (a < end && l->s[a] == ' ')
      ++a;
    b = a;
    while (b < end && (isalnum((unsigned char)l->s[b]) || l->s[b] == '_'))
      ++b;
    i = end + 1;
    if (a == b) {
      size_t k = b;
      while (k < end && l->s[k] == ' ')
        ++k;
      if (k == end)
        continue; /* a trailing ',' or ';' */
      impError(im, l->no, (int)a + 1, "expected a parameter name");
      return -1;
    }
    Node *n = impLookup(im, l->s + a, b - a, true);
    if (!flatten) {
      size_t c = b;
      while (c < end && l->s[c] == ' ')
        ++c;
      PyError pe;
      const PyExpr *annot = c < end && l->s[c] == ':'
                                ? pyParseExpr(im->arena, l->s, c + 1, end, &pe)
                                : NULL;
      if (!annot || annot->kind != PY_STR) {
        impError(im, l->no, (int)a + 1,
                 "expected `name: \"annotation\"` (a pytree parameter's type)");
        return -1;
      }
      n->declared = annot;
      continue;
    }
    if (!n->declared) {
      impError(im, l->no, (int)a + 1,
               "pytree parameter '%.*s' has no annotation line before its "
               "flatten",
               (int)(b - a), l->s + a);
      return -1;
    }
    if (!addParam(im, l->no, (int)a + 1, l->s + a, b - a, n->declared))
      return -1;
  }
  return 1;
}

/* Parses one statement line into *st.  Returns false on error. */
static bool parseStmt(Imp *im, const Line *l, size_t from, size_t to,
                      Stmt *st) {
  PyError pe;
  size_t eq = pyFindTopLevel(l->s, from, to, '=');
  if (eq == to)
    return impError(im, l->no, colOf(l, from),
                    "expected a statement 'name = ...' or 'return ...'");
  size_t i = from;
  while (i < eq && (isalnum((unsigned char)l->s[i]) || l->s[i] == '_'))
    ++i;
  if (i == from)
    return impError(im, l->no, colOf(l, from), "expected a node name");
  st->line = l->no;
  st->col = colOf(l, from);
  st->name = l->s + from;
  st->len = i - from;
  size_t j = i;
  while (j < eq && l->s[j] == ' ')
    ++j;
  if (j < eq && l->s[j] == ',')
    return impError(im, l->no, colOf(l, j),
                    "tuple unpacking is not supported (a pytree signature: "
                    "fx_pytree.tree_flatten_spec)");
  if (j < eq && l->s[j] == ':') {
    st->annot = pyParseExpr(im->arena, l->s, j + 1, eq, &pe);
    if (!st->annot)
      return impError(im, l->no, pe.col, "%s", pe.message);
    if (st->annot->kind != PY_STR)
      return impError(im, l->no, st->annot->col,
                      "expected a type annotation string");
  } else if (j != eq) {
    return impError(im, l->no, colOf(l, j), "expected ':' or '='");
  }
  st->expr = pyParseExpr(im->arena, l->s, eq + 1, to, &pe);
  if (!st->expr)
    return impError(im, l->no, pe.col, "%s", pe.message);
  return true;
}

/*===-- Functions -----------------------------------------------------------===*/

static MlirType funcTypeOf(Imp *im, MlirBlock block, intptr_t nres,
                           const MlirType *res) {
  intptr_t n = mlirBlockGetNumArguments(block);
  MlirType *args = pyArenaAlloc(im->arena, (size_t)(n + 1) * sizeof *args);
  for (intptr_t i = 0; i < n; ++i)
    args[i] = mlirValueGetType(mlirBlockGetArgument(block, i));
  return mlirFunctionTypeGet(im->ctx, n, args, nres, res);
}

static MlirLocation lineLoc(Imp *im, int line, int col) {
  return mlirLocationFileLineColGet(im->ctx, IMP_STR(im->opts->filename),
                                    (unsigned)line, (unsigned)col);
}

/* Adds a block argument for parameter `name` typed by `annot`. */
static bool addParam(Imp *im, int line, int col, const char *name, size_t len,
                     const PyExpr *annot) {
  Node *n = impLookup(im, name, len, true);
  if (n->val.kind != VAL_UNSET)
    return impError(im, line, col, "parameter '%.*s' is defined twice",
                    (int)len, name);
  MlirType type = {NULL};
  Val sym = {0};
  MlirAttribute strides;
  if (!impParamAnnotation(im, line, annot, &type, &sym, &strides))
    return false;
  if (mlirTypeIsNull(type)) {
    if (sym.kind != VAL_SYM || sym.isInt ||
        !fxDimIsSymbolName(mlirStringRefCreate(sym.text, sym.len)))
      return impError(im, line, annot->col,
                      "a Sym parameter must be one symbol, got '%.*s'",
                      (int)annot->len, annot->text);
    type = fxSymTypeGet(im->ctx, mlirStringRefCreate(sym.text, sym.len));
    n->val = sym;
  } else {
    n->val.kind = VAL_TENSOR;
  }
  MlirValue arg = mlirBlockAddArgument(
      im->block, type,
      mlirLocationNameGet(im->ctx, mlirStringRefCreate(name, len), lineLoc(im, line, col)));
  if (n->val.kind == VAL_TENSOR)
    n->val.value = arg;
  intptr_t k = mlirBlockArgumentGetArgNumber(arg);
  if (k >= im->capStrides) { /* the arena frees the old array with the rest */
    intptr_t cap = im->capStrides ? 2 * im->capStrides : 16;
    MlirAttribute *grown = pyArenaAlloc(im->arena, (size_t)cap * sizeof *grown);
    for (intptr_t j = 0; j < cap; ++j)
      grown[j] = j < im->capStrides ? im->strides[j] : (MlirAttribute){NULL};
    im->strides = grown;
    im->capStrides = cap;
  }
  im->strides[k] = strides;
  return true;
}

/* Whether the forward of `def` flattens a pytree signature: a later line
 * of its body calls fx_pytree.tree_flatten_spec. */
static bool pytreeLater(Imp *im, const Line *def) {
  const Line *lines = def - (def->no - 1); /* lines[i].no == i + 1 */
  for (int i = def->no; i < im->numLines; ++i) {
    const Line *l = &lines[i];
    size_t in = indentOf(l);
    if (startsWith(l->s + in, l->len - in, "return"))
      return false;
    for (size_t k = 0; k + 27 <= l->len; ++k)
      if (!memcmp(l->s + k, "fx_pytree.tree_flatten_spec", 27))
        return true;
  }
  return false;
}

static bool parseParams(Imp *im, const Line *l, bool *pytree) {
  bool annotatedStore = false, *annotated = &annotatedStore;
  *pytree = false;
  const char *open = memchr(l->s, '(', l->len);
  size_t i = (size_t)(open - l->s) + 1;
  size_t close = pyFindTopLevel(l->s, i, l->len, ')');
  if (close == l->len)
    return impError(im, l->no, colOf(l, l->len),
                    "expected ')' closing the forward signature");
  while (i < close) {
    size_t comma = pyFindTopLevel(l->s, i, close, ',');
    size_t a = i, b = comma;
    while (a < b && l->s[a] == ' ')
      ++a;
    while (b > a && l->s[b - 1] == ' ')
      --b;
    i = comma + 1;
    if (a == b)
      continue;
    size_t e = a;
    while (e < b && (isalnum((unsigned char)l->s[e]) || l->s[e] == '_'))
      ++e;
    if (e == a)
      return impError(im, l->no, colOf(l, a), "expected a parameter name");
    if (e - a == 4 && memcmp(l->s + a, "self", 4) == 0)
      continue;
    size_t c = e;
    while (c < b && l->s[c] == ' ')
      ++c;
    if (c == b || l->s[c] != ':') {
      /* A pytree signature (`forward(self, primals, tangents)`) names
       * containers; the parameters are the names its flatten line binds,
       * typed by annotation lines (pytreeLine).  Otherwise untyped. */
      if (!*annotated && pytreeLater(im, l)) {
        *pytree = true;
        continue;
      }
      return impError(im, l->no, colOf(l, a),
                      "parameter '%.*s' has no type annotation: untyped dumps "
                      "(fx_graph_runnable.py) cannot be imported; use "
                      "print_readable's output (TORCH_LOGS=aot_graphs, depyf, "
                      "tlparse)",
                      (int)(e - a), l->s + a);
    }
    if (*pytree)
      return impError(im, l->no, colOf(l, a),
                      "parameter '%.*s' is annotated but an earlier one is a "
                      "pytree container",
                      (int)(e - a), l->s + a);
    *annotated = true;
    size_t def = pyFindTopLevel(l->s, c + 1, b, '=');
    PyError pe;
    PyExpr *annot = pyParseExpr(im->arena, l->s, c + 1, def, &pe);
    if (!annot)
      return impError(im, l->no, pe.col, "%s", pe.message);
    if (annot->kind != PY_STR)
      return impError(im, l->no, annot->col,
                      "expected a type annotation string");
    if (!addParam(im, l->no, colOf(l, a), l->s + a, e - a, annot))
      return false;
  }
  return true;
}

/* Values of `return x`, `return (a, b)`, `return [a]`, `return ()` and
 * pytree's `return pytree.tree_unflatten([...], self._out_spec)`. */
static bool importReturn(Imp *im, const Line *l, size_t from, MlirLocation loc,
                         MlirOperation func) {
  PyError pe;
  size_t to = pyFindTopLevel(l->s, from, l->len, ';');
  const PyExpr *e = NULL;
  size_t k = from;
  while (k < to && l->s[k] == ' ')
    ++k;
  if (k < to) {
    e = pyParseExpr(im->arena, l->s, from, to, &pe);
    if (!e)
      return impError(im, l->no, pe.col, "%s", pe.message);
  }
  if (e && e->kind == PY_CALL && e->n >= 1 &&
      pyIsName(e->base, "pytree.tree_unflatten"))
    e = e->items[0];
  int n = 0;
  const PyExpr *const *items = NULL;
  if (e && (e->kind == PY_TUPLE || e->kind == PY_LIST)) {
    n = e->n;
    items = (const PyExpr *const *)e->items;
  } else if (e && e->kind != PY_NONE) {
    n = 1;
    items = &e;
  }
  MlirValue *vals = pyArenaAlloc(im->arena, (size_t)(n + 1) * sizeof *vals);
  MlirType *types = pyArenaAlloc(im->arena, (size_t)(n + 1) * sizeof *types);
  int64_t *nones = pyArenaAlloc(im->arena, (size_t)(n + 1) * sizeof *nones);
  int nv = 0, nn = 0;
  for (int i = 0; i < n; ++i) {
    const PyExpr *it = items[i];
    Node *node = it->kind == PY_NONE ? NULL : impNodeOf(im, it);
    /* A None output (a joint graph's gradient of a non-tensor input, a
     * `-> ()` op's slot) is no result: fx.none_outputs keeps its place
     * for fx-export. */
    if (it->kind == PY_NONE || (node && node->val.kind == VAL_NONE)) {
      nones[nn++] = i;
      continue;
    }
    if (!node || node->val.kind != VAL_TENSOR)
      return impError(im, l->no, it->col,
                      "returned value %d is %s: an fx function returns "
                      "tensors (and None) only",
                      i, !node || node->val.kind == VAL_UNSET ? "undefined"
                                                            : "not a tensor");
    vals[nv] = node->val.value;
    types[nv] = mlirValueGetType(vals[nv]);
    ++nv;
  }
  MlirOperationState st = mlirOperationStateGet(IMP_STR("func.return"), loc);
  mlirOperationStateAddOperands(&st, nv, vals);
  mlirBlockAppendOwnedOperation(im->block, mlirOperationCreate(&st));
  mlirOperationSetAttributeByName(
      func, IMP_STR("function_type"),
      mlirTypeAttrGet(funcTypeOf(im, im->block, nv, types)));
  if (nn)
    mlirOperationSetAttributeByName(func, IMP_STR(FX_ATTR_NONE_OUTPUTS),
                                    mlirDenseI64ArrayGet(im->ctx, nn, nones));
  return true;
}

static void resetNodes(Imp *im) {
  free(im->nodes);
  im->nodes = NULL;
  im->cap = im->count = 0;
}

/* Whether symbol `sym` is bound by an argument of the function so far: a
 * !fx.sym argument of that name, or a dim of a tensor argument that is
 * exactly it (an expression binds nothing).  That is where fx-run and
 * fx-export take a symbol's value from. */
static bool impSymbolBound(Imp *im, MlirStringRef sym) {
  intptr_t n = mlirBlockGetNumArguments(im->block);
  for (intptr_t i = 0; i < n; ++i) {
    MlirType t = mlirValueGetType(mlirBlockGetArgument(im->block, i));
    if (fxTypeIsASym(t) && mlirStringRefEqual(fxSymTypeGetName(t), sym))
      return true;
    FxDim dims[FX_MAX_RANK];
    intptr_t rank = fxTypeIsATensor(t) ? fxTensorTypeGetDims(t, dims, FX_MAX_RANK) : 0;
    for (intptr_t d = 0; d < rank && d < FX_MAX_RANK; ++d)
      if (mlirStringRefEqual(dims[d].symbol, sym))
        return true;
  }
  return false;
}

/* A SymInt node's symbols (of `text`, a symbol or an expression, which
 * impAnnotation has parsed) must be bound by the graph's inputs: an FX
 * graph's sizes come from its placeholders, and a symbol bound by none (a
 * Sym attribute, say) has no value a run or fx-export could give it. */
static bool impSymbolsDeclared(Imp *im, const Stmt *st, const char *text,
                               size_t len) {
  FxDimExpr e;
  char err[128];
  if (!fxDimExprParse((MlirStringRef){text, len}, &e, err, sizeof err))
    return impError(im, st->line, st->col, "%s", err);
  for (int i = 0; i < e.numNodes; ++i) {
    MlirStringRef sym = e.nodes[i].symbol;
    if (e.nodes[i].kind == FX_DIM_EXPR_SYMBOL && !impSymbolBound(im, sym))
      return impError(im, st->line, st->col,
                      "symbol '%.*s' of SymInt node '%.*s' is bound by no "
                      "input of the graph (a placeholder's size or a SymInt "
                      "placeholder): fxir's symbols are bound by the "
                      "function's arguments",
                      (int)sym.length, sym.data, (int)st->len, st->name);
  }
  return true;
}

/* A `# fx-functionalized` line not directly followed by its node. */
static bool markNotFollowed(Imp *im, const Line *mark) {
  return impError(im, mark->no, (int)indentOf(mark) + 1,
                  "'# fx-functionalized' is not followed by a node: it marks "
                  "the aten.clone.default node on the next line");
}

/* A node after `# fx-functionalized` (fx-export's mark of a clone that
 * exists only for auto_functionalized, which the passes may drop): an
 * aten.clone.default call, imported with the fx.functionalized attribute. */
static bool impMarkedClone(Imp *im, const Stmt *st, Node *node) {
  const PyExpr *e = st->expr;
  bool clone = e->kind == PY_CALL &&
               (pyIsName(e->base, "torch.ops.aten.clone.default") ||
                pyIsName(e->base, "torch.ops.aten.clone"));
  if (!clone)
    return impError(im, st->line, st->col,
                    "'# fx-functionalized' marks an aten.clone.default node, "
                    "and '%.*s' is not one", (int)st->len, st->name);
  if (!impCall(im, st, node))
    return false;
  if (node->val.kind != VAL_TENSOR || !mlirValueIsAOpResult(node->val.value)) {
    /* aten::clone has one tensor result, which impCall gave the node. */
    fprintf(stderr, "fx-import: internal error: the clone '%.*s' imported "
                    "as no op result\n", (int)st->len, st->name);
    abort();
  }
  MlirOperation op = mlirOpResultGetOwner(node->val.value);
  mlirOperationSetAttributeByName(op, IMP_STR(FX_ATTR_FUNCTIONALIZED),
                                  mlirUnitAttrGet(im->ctx));
  return true;
}

/* Imports one statement of a forward body. */
static bool importStmt(Imp *im, const Stmt *st, MlirOperation func) {
  im->stmt = st;
  Node *node = impLookup(im, st->name, st->len, true);
  if (node->val.kind != VAL_UNSET)
    return impError(im, st->line, st->col, "node '%.*s' is defined twice",
                    (int)st->len, st->name);
  const PyExpr *e = st->expr;
  if (st->functionalized)
    return impMarkedClone(im, st, node);
  /* A SymInt node's value is its annotation: fx types name symbols, and
   * SymInt arithmetic is not an op. */
  if (st->annot && st->annot->len >= 4 &&
      memcmp(st->annot->text, "Sym(", 4) == 0) {
    MlirType t = {NULL};
    if (!impAnnotation(im, st->line, st->annot, &t, &node->val))
      return false;
    if (node->val.kind == VAL_SYM && !node->val.isInt)
      return impSymbolsDeclared(im, st, node->val.text, node->val.len);
    return true;
  }
  switch (e->kind) {
  case PY_CALL:
    if (pyIsName(e->base, "getattr") && e->n == 2 && pyIsName(e->items[0], "self") &&
        e->items[1]->kind == PY_STR)
      goto attribute;
    return impCall(im, st, node);
  case PY_SUBSCRIPT:
    return impGetItem(im, st, node);
  case PY_NAME:
    if (e->len > 5 && memcmp(e->text, "self.", 5) == 0)
      goto attribute;
    {
      Node *src = impNodeOf(im, e);
      if (!src || src->val.kind == VAL_UNSET)
        return impErrorAt(im, e->col, "'%.*s' is not defined before this use",
                          (int)e->len, e->text);
      node->val = src->val;
      return true;
    }
  default:
    return impErrorAt(im, e->col,
                      "unsupported expression: fx-import reads calls, "
                      "getitems, attributes and annotated SymInt nodes");
  }
attribute:
  /* A get_attr node (`self._tensor_constant0`): a function argument. */
  if (!st->annot)
    return impErrorAt(im, st->col,
                      "attribute '%.*s' has no type annotation", (int)st->len,
                      st->name);
  {
    /* Two get_attr nodes of one attribute are one tensor: the first makes
     * the argument, keyed by `self.<target>` (no node name has a '.'). */
    char key[300];
    int klen = e->kind == PY_NAME
                   ? snprintf(key, sizeof key, "%.*s", (int)e->len, e->text)
                   : snprintf(key, sizeof key, "self.%.*s",
                              e->items[1]->kind == PY_STR ? (int)e->items[1]->len : 0,
                              e->items[1]->text);
    if (klen < 0 || (size_t)klen >= sizeof key)
      return impErrorAt(im, e->col, "attribute name too long");
    char *stored = pyArenaAlloc(im->arena, (size_t)klen + 1);
    memcpy(stored, key, (size_t)klen);
    Node *attrNode = impLookup(im, stored, (size_t)klen, true);
    if (attrNode->val.kind == VAL_TENSOR) {
      node->val = attrNode->val;
      return true;
    }
    /* Never a Sym(...) here: SymInt nodes were taken above. */
    MlirType t = {NULL};
    Val sym = {0};
    if (!impAnnotation(im, st->line, st->annot, &t, &sym))
      return false;
    node->val.kind = VAL_TENSOR;
    node->val.value = mlirBlockAddArgument(im->block, t, st->loc);
    mlirOperationSetAttributeByName(
        func, IMP_STR("function_type"),
        mlirTypeAttrGet(funcTypeOf(im, im->block, 0, NULL)));
    attrNode->val = node->val;
  }
  return true;
}

/* Verifies `op` (a function or the module) once; MLIR's first error is
 * reported at the statement of `stmts` whose location it carries. */
/* `op` is a function, defined at defLine:defCol (its signature's errors
 * go there), or the module. */
static bool verifyOp(Imp *im, MlirOperation op, const Stmt *stmts, int n,
                     int defLine, int defCol) {
  DiagCapture cap = {im, {NULL}, false};
  MlirDiagnosticHandlerID id =
      mlirContextAttachDiagnosticHandler(im->ctx, onDiag, &cap, NULL);
  /* MLIR's verifier, then what it left out: the op hooks check a function
   * itself (argument attributes: symbols of fx.strides) only when it has an
   * fx op at the top of its body. */
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  bool isFunc = name.length == 9 && !memcmp(name.data, "func.func", 9);
  bool ok = mlirOperationVerify(op) &&
            (!isFunc ||
             mlirLogicalResultIsSuccess(fxVerifyFunctionBeyondHook(op, NULL)));
  mlirContextDetachDiagnosticHandler(im->ctx, id);
  if (ok)
    return true;
  for (int k = 0; cap.have && k < n; ++k)
    if (mlirLocationEqual(stmts[k].loc, cap.loc))
      return impError(im, stmts[k].line, stmts[k].col, "%s", im->diag);
  if (cap.have && mlirLocationEqual(mlirOperationGetLocation(op), cap.loc))
    return impError(im, defLine, defCol, "%s", im->diag);
  return impError(im, 1, 1, "the imported IR does not verify: %s",
                  cap.have ? im->diag : "(no diagnostic)");
}

/* `# fx-donated: a, b`: which parameters get the unit attribute fx.donated
 * (the callee may write them), indexed by argument; NULL on error. */
static bool *markDonated(Imp *im, const Line *l) {
  size_t in = indentOf(l), i = in + 14;
  intptr_t nargs = mlirBlockGetNumArguments(im->block);
  im->numParams = nargs;
  bool *donated = pyArenaAlloc(im->arena, (size_t)(nargs + 1) * sizeof *donated);
  while (i < l->len) {
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == ','))
      ++i;
    size_t a = i;
    while (i < l->len && (isalnum((unsigned char)l->s[i]) || l->s[i] == '_'))
      ++i;
    if (a == i) {
      if (i < l->len) {
        impError(im, l->no, (int)i + 1, "expected a parameter name");
        return NULL;
      }
      break;
    }
    Node *n = impLookup(im, l->s + a, i - a, false);
    intptr_t k = -1;
    for (intptr_t j = 0; n && n->val.kind == VAL_TENSOR && j < nargs; ++j)
      if (mlirValueEqual(mlirBlockGetArgument(im->block, j), n->val.value))
        k = j;
    if (k < 0) {
      impError(im, l->no, (int)a + 1,
               "'%.*s' is not a tensor parameter of the forward below",
               (int)(i - a), l->s + a);
      return NULL;
    }
    donated[k] = true;
  }
  return donated;
}

static bool buildFunction(Imp *im, const Fn *fn) {
  resetNodes(im);
  MlirLocation defLoc = lineLoc(im, fn->def->no, (int)indentOf(fn->def) + 1);
  MlirRegion region = mlirRegionCreate();
  im->block = mlirBlockCreate(0, NULL, NULL);
  im->strides = NULL;
  im->capStrides = 0;
  mlirRegionAppendOwnedBlock(region, im->block);
  MlirOperationState fs = mlirOperationStateGet(IMP_STR("func.func"), defLoc);
  MlirNamedAttribute attrs[2] = {
      mlirNamedAttributeGet(mlirIdentifierGet(im->ctx, IMP_STR("sym_name")),
                            mlirStringAttrGet(im->ctx, IMP_STR(fn->name))),
      mlirNamedAttributeGet(
          mlirIdentifierGet(im->ctx, IMP_STR("function_type")),
          mlirTypeAttrGet(mlirFunctionTypeGet(im->ctx, 0, NULL, 0, NULL)))};
  mlirOperationStateAddAttributes(&fs, 2, attrs);
  mlirOperationStateAddOwnedRegions(&fs, 1, &region);
  MlirOperation func = mlirOperationCreate(&fs);
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(im->module), func);

  bool pytree;
  if (!parseParams(im, fn->def, &pytree))
    return false;
  im->numParams = mlirBlockGetNumArguments(im->block);
  /* `# fx-donated:` names parameters; applied once the arguments are all
   * there (get_attr nodes add more). */
  bool *donated = NULL;
  if (fn->donated && !(donated = markDonated(im, fn->donated)))
    return false;
  mlirOperationSetAttributeByName(
      func, IMP_STR("function_type"),
      mlirTypeAttrGet(funcTypeOf(im, im->block, 0, NULL)));

  /* Pass 1: parse the statements, count uses, index getitems. */
  Stmt *stmts = pyArenaAlloc(im->arena, (size_t)(fn->numBody + 1) * sizeof *stmts);
  int numStmts = 0;
  MlirLocation model = {NULL};
  const Line *ret = NULL;
  size_t retFrom = 0;
  bool inQuote = false;
  const Line *functionalized = NULL; /* a `# fx-functionalized` line */
  for (int k = 0; k < fn->numBody; ++k) {
    const Line *l = fn->body[k];
    size_t in = indentOf(l);
    const char *c = l->s + in;
    size_t n = l->len - in;
    /* A `# fx-functionalized` line marks the node on the very next line,
     * as fx-export writes it: anything else in between is an error. */
    const Line *mark = functionalized;
    functionalized = NULL;
    /* FX_GRAPH_SHOW_META's """...""" blocks. */
    int quotes = countQuotes(l);
    if (inQuote || quotes) {
      inQuote ^= quotes % 2;
      if (mark)
        return markNotFollowed(im, mark);
      continue;
    }
    if (n == 0) {
      if (mark)
        return markNotFollowed(im, mark);
      continue;
    }
    if (c[0] == '#') {
      MlirLocation m;
      size_t t = n; /* trailing blanks aside */
      while (t > 0 && (c[t - 1] == ' ' || c[t - 1] == '\t'))
        --t;
      if (mark)
        return markNotFollowed(im, mark);
      /* What fx-export writes before a clone marked fx.functionalized. */
      if (t == 19 && startsWith(c, t, "# fx-functionalized"))
        functionalized = l;
      else if (modelLoc(im, c, n, &m))
        model = m;
      else if (startsWith(c, n, "# No stacktrace found"))
        model.ptr = NULL;
      continue;
    }
    if (startsWith(c, n, "return") && (n == 6 || c[6] == ' ' || c[6] == '(')) {
      if (mark)
        return markNotFollowed(im, mark);
      ret = l;
      retFrom = in + 6;
      /* The return's uses count like any other. */
      size_t to = pyFindTopLevel(l->s, retFrom, l->len, ';');
      PyError pe;
      size_t a = retFrom;
      while (a < to && l->s[a] == ' ')
        ++a;
      if (a < to) {
        const PyExpr *re = pyParseExpr(im->arena, l->s, retFrom, to, &pe);
        if (!re)
          return impError(im, l->no, pe.col, "%s", pe.message);
        countUses(im, re);
      }
      break;
    }
    if (pytree) {
      int r = pytreeLine(im, l, in);
      if (r < 0)
        return false;
      if (r > 0) {
        if (mark)
          return markNotFollowed(im, mark);
        continue;
      }
    }
    size_t end = pyFindTopLevel(l->s, in, l->len, ';');
    if (!checkTail(im, l, end))
      return false;
    Stmt *st = &stmts[numStmts];
    memset(st, 0, sizeof *st);
    if (!parseStmt(im, l, in, end, st))
      return false;
    st->functionalized = mark != NULL;
    /* `a: "T"; b: "T";` lines (pytree annotations) have no '='. */
    /* loc("node"(fused[model, dump])): the node's name (fx-export prints it
     * back), the model's line first (remarks name it), then the dump's. */
    MlirLocation here = lineLoc(im, st->line, st->col);
    if (model.ptr) {
      MlirLocation both[2] = {model, here};
      here = mlirLocationFusedGet(im->ctx, 2, both, mlirAttributeGetNull());
    }
    st->loc = mlirLocationNameGet(im->ctx, mlirStringRefCreate(st->name, st->len), here);
    countUses(im, st->expr);
    /* `node[i]` and `operator.getitem(node, i)` index node's results. */
    const PyExpr *gb = NULL, *gi = NULL;
    if (st->expr->kind == PY_SUBSCRIPT) {
      gb = st->expr->base;
      gi = st->expr->rhs;
    } else if (st->expr->kind == PY_CALL && st->expr->n == 2 &&
               pyIsName(st->expr->base, "operator.getitem")) {
      gb = st->expr->items[0];
      gi = st->expr->items[1];
    }
    if (gb && gb->kind == PY_NAME && gi->kind == PY_INT) {
      Node *base = impLookup(im, gb->text, gb->len, true);
      GetItem *g = pyArenaAlloc(im->arena, sizeof *g);
      g->index = gi->i;
      g->annot = st->annot;
      g->next = base->items;
      base->items = g;
    }
    ++numStmts;
  }
  if (!ret)
    return impError(im, fn->def->no, (int)indentOf(fn->def) + 1,
                    "the forward function has no 'return'");

  /* Pass 2: build. */
  for (int k = 0; k < numStmts; ++k)
    if (!importStmt(im, &stmts[k], func))
      return false;
  im->stmt = NULL;
  MlirLocation retLoc = lineLoc(im, ret->no, (int)indentOf(ret) + 1);
  if (!importReturn(im, ret, retFrom, retLoc, func))
    return false;
  /* Argument attributes: fx.donated (from `# fx-donated:`) and the strides
   * a parameter's annotation declares.  Parameters come first; get_attr
   * arguments are never donated and declare no strides. */
  intptr_t nargs = mlirBlockGetNumArguments(im->block);
  bool any = donated != NULL;
  for (intptr_t k = 0; k < nargs && k < im->numParams && k < im->capStrides; ++k)
    any |= !mlirAttributeIsNull(im->strides[k]);
  if (any) {
    MlirAttribute *dicts = pyArenaAlloc(im->arena, (size_t)(nargs + 1) * sizeof *dicts);
    for (intptr_t k = 0; k < nargs; ++k) {
      MlirNamedAttribute entries[2];
      int ne = 0;
      if (k < im->numParams && donated && donated[k])
        entries[ne++] = mlirNamedAttributeGet(
            mlirIdentifierGet(im->ctx, IMP_STR("fx.donated")), mlirUnitAttrGet(im->ctx));
      if (k < im->numParams && k < im->capStrides &&
          !mlirAttributeIsNull(im->strides[k]))
        entries[ne++] = mlirNamedAttributeGet(
            mlirIdentifierGet(im->ctx, IMP_STR("fx.strides")), im->strides[k]);
      dicts[k] = mlirDictionaryAttrGet(im->ctx, ne, entries);
    }
    mlirOperationSetAttributeByName(func, IMP_STR("arg_attrs"),
                                    mlirArrayAttrGet(im->ctx, nargs, dicts));
  }
  return verifyOp(im, func, stmts, numStmts, fn->def->no,
                  (int)indentOf(fn->def) + 1);
}

/*===-- The file ------------------------------------------------------------===*/

/* `... class NAME(torch.nn.Module):` (possibly glued to a filename). */
static bool classLine(const Line *l, const char **name, size_t *len) {
  size_t n = l->len;
  while (n > 0 && l->s[n - 1] == ' ')
    --n;
  if (n == 0 || l->s[n - 1] != ':')
    return false;
  for (size_t i = 0; i + 6 <= n; ++i) {
    if (memcmp(l->s + i, "class ", 6) != 0 || (i > 0 && l->s[i - 1] != ' '))
      continue;
    size_t a = i + 6, b = a;
    while (b < n && l->s[b] != '(' && l->s[b] != ':' && l->s[b] != ' ')
      ++b;
    if (b == a)
      return false;
    *name = l->s + a;
    *len = b - a;
    return true;
  }
  return false;
}

/* A graph takes its class name (a nested submodule class, `submod_0`;
 * what fx-export prints for a function not called `forward`), except the
 * names torch gives every graph (`<lambda>`, `GraphModule`, `Repro`), and
 * form H's missing class: the first such graph is @forward, later ones
 * `forward_N`.  A name already taken gets `_N` too. */
static char *fnName(Imp *im, const char *cls, size_t len, char **taken,
                    int numTaken) {
  static const char *const kGeneric[] = {"<lambda>", "GraphModule", "Repro",
                                         "joint_helper"};
  char *s = pyArenaAlloc(im->arena, len + 32);
  bool generic = len == 0;
  for (size_t i = 0; i < sizeof kGeneric / sizeof *kGeneric; ++i)
    generic |= strlen(kGeneric[i]) == len && !memcmp(kGeneric[i], cls, len);
  size_t k = 0;
  if (!generic) {
    if (isdigit((unsigned char)cls[0]))
      s[k++] = '_';
    for (size_t i = 0; i < len; ++i)
      s[k++] = isalnum((unsigned char)cls[i]) ? cls[i] : '_';
  }
  s[k] = '\0';
  /* A name that becomes a generic one once sanitized ("joint\xffhelper")
   * is generic too: fx-export writes @joint_helper back as the generic
   * class, which imports as @forward (found by the import fuzzer). */
  for (size_t i = 0; i < sizeof kGeneric / sizeof *kGeneric && !generic; ++i)
    generic = !strcmp(kGeneric[i], s);
  for (int n = 0;; ++n) {
    if (generic)
      snprintf(s, 32, n == 0 ? "forward" : "forward_%d", n);
    else if (n > 0)
      snprintf(s + k, 32, "_%d", n);
    bool clash = false;
    for (int i = 0; i < numTaken && !clash; ++i)
      clash = !strcmp(taken[i], s);
    if (!clash)
      return s;
  }
}

static bool schemaError(Imp *im, const char *file, int line, int col,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool schemaError(Imp *im, const char *file, int line, int col,
                        const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vError(im, file, line, col, fmt, ap);
  va_end(ap);
  return false;
}

/* Declares the schema `s` (a torch schema with its namespace), read at
 * FILE:line:col: looked up before the built-in ones, and an fx.schema op. */
static bool addSchema(Imp *im, char *s, const char *file, int line, int col) {
  char msg[256], diff[256];
  FxSchema *schema = fxSchemaParse(NULL, s, msg, sizeof msg);
  if (!schema) {
    /* "... at offset N": point at it. */
    const char *at = strstr(msg, " at offset ");
    if (at)
      col += atoi(at + 11);
    return schemaError(im, file, line, col, "%s", msg);
  }
  /* An op with an implementation of fxir's own keeps its signature (the
   * verifier would refuse the fx.schema; say it here, at its line). */
  const char *q = schema->qualifiedName;
  const FxSchema *builtin = fxSchemaLookupBuiltin(q, strlen(q));
  if (builtin && fxSchemaBuiltinImpl(q, strlen(q)) != FX_IMPL_NONE &&
      fxSchemaCompare(schema, builtin, diff, sizeof diff)) {
    bool ok = schemaError(im, file, line, col,
                          "changes the signature of %s, which has a built-in "
                          "implementation with a fixed calling convention: %s",
                          q, diff);
    fxSchemaDestroy(schema);
    return ok;
  }
  /* Declared twice (an export's `# fx-schema:` line and the --schema-file
   * that first declared it): one declaration when they agree.  Compared with
   * every earlier declaration, not only the first: an unsized `int[]` agrees
   * with any size, so agreement is not transitive (`int[]`, `int[2]`, then
   * `int[3]` must fail on the third). */
  bool again = false;
  for (int i = 0; i < im->numSchemas; ++i) {
    if (strcmp(im->schemas[i]->qualifiedName, q))
      continue;
    if (fxSchemaCompare(schema, im->schemas[i], diff, sizeof diff)) {
      bool ok = schemaError(im, file, line, col,
                            "declares %s a second time, differently: %s",
                            im->schemas[i]->qualifiedName, diff);
      fxSchemaDestroy(schema);
      return ok;
    }
    again = true;
  }
  if (im->numSchemas == im->capSchemas) {
    im->capSchemas = im->capSchemas ? im->capSchemas * 2 : 16;
    FxSchema **grown = realloc(im->schemas, (size_t)im->capSchemas * sizeof *grown);
    if (!grown)
      abort();
    im->schemas = grown;
  }
  im->schemas[im->numSchemas++] = schema; /* kept for the comparisons */
  if (again) /* the module already holds its fx.schema op */
    return true;
  const char *sig = strstr(s, "::");
  /* After the declarations before it and before every function, where
   * fx-export's `# fx-schema:` lines put it back: a declaration in a later
   * graph of a log would otherwise land between functions, and the round
   * trip would move it. */
  MlirBlock body = mlirModuleGetBody(im->module);
  MlirOperation next = mlirBlockGetFirstOperation(body);
  while (!mlirOperationIsNull(next) && fxOpGetKind(next) == FX_OP_SCHEMA)
    next = mlirOperationGetNextInBlock(next);
  mlirBlockInsertOwnedOperationBefore(
      body, next,
      fxSchemaOpCreate(mlirLocationFileLineColGet(im->ctx, IMP_STR(file),
                                                  (unsigned)line, (unsigned)col),
                       IMP_STR(schema->qualifiedName), IMP_STR(sig + 2)));
  return true;
}

/* --schema-file: one schema per line, or vLLM's `ops.def("...")` lines. */
static bool loadSchemaFile(Imp *im) {
  const char *t = im->opts->schemaText;
  const char *file = im->opts->schemaFilename ? im->opts->schemaFilename : "<schema-file>";
  int lineNo = 0;
  while (t && *t) {
    const char *nl = strchr(t, '\n');
    size_t n = nl ? (size_t)(nl - t) : strlen(t);
    ++lineNo;
    char *line = pyArenaAlloc(im->arena, n + 1);
    memcpy(line, t, n);
    t = nl ? nl + 1 : t + n;
    size_t a = 0, b = n;
    while (a < b && isspace((unsigned char)line[a]))
      ++a;
    while (b > a && isspace((unsigned char)line[b - 1]))
      --b;
    line[b] = '\0';
    if (a == b || line[a] == '#' || (line[a] == '/' && line[a + 1] == '/'))
      continue; /* comments: `#`, and `//` in torch_bindings.cpp */
    char *s = line + a;
    char *q = strchr(s, '"');
    bool opsDef = false;
    if (q && strstr(s, "def(")) {
      char *q2 = strrchr(s, '"');
      if (q2 > q) {
        *q2 = '\0';
        s = q + 1;
        opsDef = true;
      }
    }
    /* vLLM's ops.def lines (csrc/torch_bindings.cpp) declare ops of its
     * extension, namespace _C, without writing it. */
    int col = (int)(s - line) + 1;
    if (opsDef && !strstr(s, "::")) {
      size_t len = strlen(s);
      char *withNs = pyArenaAlloc(im->arena, len + 5);
      memcpy(withNs, "_C::", 4);
      memcpy(withNs + 4, s, len + 1);
      s = withNs;
      col -= 4;
    }
    if (!addSchema(im, s, file, lineNo, col))
      return false;
  }
  return true;
}

MlirModule fxImportDump(MlirContext ctx, const char *text, size_t len,
                        const FxImportOptions *opts, FxImportError *err) {
  Imp im = {0};
  im.ctx = ctx;
  im.arena = pyArenaCreate();
  im.opts = opts;
  im.err = err;
  memset(err, 0, sizeof *err);
  fxContextLoadDialect(ctx);
  mlirContextGetOrLoadDialect(ctx, IMP_STR("func"));
  im.module = mlirModuleCreateEmpty(lineLoc(&im, 1, 1));

  /* The lines, cleaned. */
  char *buf = pyArenaAlloc(im.arena, len + 1);
  memcpy(buf, text, len);
  int numLines = 1;
  for (size_t i = 0; i < len; ++i)
    numLines += buf[i] == '\n';
  Line *lines = pyArenaAlloc(im.arena, (size_t)numLines * sizeof *lines);
  const Line **body = pyArenaAlloc(im.arena, (size_t)numLines * sizeof *body);
  char **fnNames = pyArenaAlloc(im.arena, (size_t)numLines * sizeof *fnNames);
  int nl = 0;
  for (size_t i = 0; i <= len;) {
    size_t j = i;
    while (j < len && buf[j] != '\n')
      ++j;
    Line *l = &lines[nl];
    l->s = buf + i;
    l->no = nl + 1;
    int *map = NULL;
    if (memchr(l->s, '\x1b', j - i))
      map = pyArenaAlloc(im.arena, (j - i + 1) * sizeof *map);
    l->len = pyCleanLine(l->s, j - i, &l->prefix, map);
    l->map = map;
    for (size_t k = 0; k < l->len; ++k)
      if (l->s[k] == '\0')
        l->s[k] = ' ';
    ++nl;
    i = j + 1;
  }
  im.numLines = nl;
  im.prefix = pyArenaAlloc(im.arena, (size_t)nl * sizeof *im.prefix);
  im.colMaps = pyArenaAlloc(im.arena, (size_t)nl * sizeof *im.colMaps);
  im.mapLens = pyArenaAlloc(im.arena, (size_t)nl * sizeof *im.mapLens);
  for (int i = 0; i < nl; ++i) {
    im.prefix[i] = lines[i].prefix;
    im.colMaps[i] = lines[i].map;
    im.mapLens[i] = (int)lines[i].len;
  }

  bool ok = loadSchemaFile(&im);
  const Line *donated = NULL;
  const char *className = NULL;
  size_t classLen = 0;
  int numFns = 0;
  bool inQuote = false;
  for (int i = 0; ok && i < nl; ++i) {
    const Line *l = &lines[i];
    size_t in = indentOf(l);
    const char *c = l->s + in;
    size_t n = l->len - in;
    /* FX_GRAPH_SHOW_META's """...""" blocks. */
    int quotes = countQuotes(l);
    if (inQuote || quotes) {
      if (quotes % 2)
        inQuote = !inQuote;
      continue;
    }
    /* `# fx-donated: arg1_1, ...` before a `def forward`: what fx-export
     * writes for a function's fx.donated arguments. */
    if (startsWith(c, n, "# fx-donated: ")) {
      donated = l;
      continue;
    }
    /* `# fx-schema: ns::op(...) -> ...`: what fx-export writes for a
     * module's fx.schema ops. */
    if (startsWith(c, n, "# fx-schema: ")) {
      char *sch = pyArenaAlloc(im.arena, n);
      memcpy(sch, c + 13, n - 13);
      ok = addSchema(&im, sch, opts->filename, l->no, (int)in + 14);
      continue;
    }
    if (n == 0 || c[0] == '#')
      continue;
    const char *cname;
    size_t clen;
    if (classLine(l, &cname, &clen)) {
      className = cname;
      classLen = clen;
      continue;
    }
    if (!startsWith(c, n, "def "))
      continue; /* wrapper lines: imports, stubs, headers, trailing code */
    if (!startsWith(c, n, "def forward(")) {
      /* Another method (`__init__`): skip its body. */
      while (i + 1 < nl) {
        const Line *m = &lines[i + 1];
        size_t mi = indentOf(m);
        if (mi < m->len && m->s[mi] != '#' && mi <= in)
          break;
        ++i;
      }
      continue;
    }
    Fn fn = {0};
    fn.def = l;
    fn.body = body;
    for (++i; i < nl; ++i) {
      const Line *m = &lines[i];
      size_t mi = indentOf(m);
      body[fn.numBody++] = m;
      if (startsWith(m->s + mi, m->len - mi, "return") &&
          (m->len - mi == 6 || m->s[mi + 6] == ' ' || m->s[mi + 6] == '('))
        break;
    }
    fn.donated = donated;
    donated = NULL;
    fn.name = fnName(&im, className, className ? classLen : 0, fnNames, numFns);
    fnNames[numFns] = (char *)fn.name;
    ok = buildFunction(&im, &fn);
    ++numFns;
    className = NULL;
  }
  if (ok && numFns == 0)
    ok = impError(&im, 1, 1,
                  "no 'def forward(' found: not an FX graph dump "
                  "(docs/import.md lists the forms fx-import reads)");
  if (ok && !verifyOp(&im, mlirModuleGetOperation(im.module), NULL, 0, 1, 1))
    ok = false;
  resetNodes(&im);
  for (int i = 0; i < im.numSchemas; ++i)
    fxSchemaDestroy(im.schemas[i]);
  free(im.schemas);
  pyArenaDestroy(im.arena);
  if (!ok) {
    mlirModuleDestroy(im.module);
    return (MlirModule){NULL};
  }
  return im.module;
}
