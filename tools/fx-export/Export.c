/* Export.c - fx IR to print_readable-style FX text (see Export.h). */
#include "Export.h"

#include "fxir/Fx.h"
#include "fxir/FxDimExpr.h"
#include "fxir/FxSchema.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* strdup is POSIX, not C11. */
static char *dupStr(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (!d)
    abort();
  return memcpy(d, s, n);
}

/*===-- Output --------------------------------------------------------------===*/

typedef struct Out {
  char *s;
  size_t n, cap;
} Out;

static void put(Out *o, const char *s, size_t n) {
  if (o->n + n + 1 > o->cap) {
    o->cap = 2 * (o->n + n + 1);
    o->s = realloc(o->s, o->cap);
    if (!o->s)
      abort();
  }
  memcpy(o->s + o->n, s, n);
  o->n += n;
  o->s[o->n] = '\0';
}

static void putf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Out *o, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof buf) {
    put(o, buf, (size_t)n);
    return;
  }
  char *big = malloc((size_t)n + 1);
  if (!big)
    abort();
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  put(o, big, (size_t)n);
  free(big);
}

static void putRef(Out *o, MlirStringRef s) { put(o, s.data, s.length); }

/*===-- Names ---------------------------------------------------------------===*/

/* Values (block arguments and op results) to their FX node names. */
typedef struct Names {
  const void **keys;
  char **vals;
  size_t cap, count;
  /* the node names taken (a set of strings), each with the next suffix
   * to try when it is asked for again as a base (`mm` -> `mm_7`): without
   * it, the k-th `mm` would try k names (quadratic on big graphs) */
  struct NameEntry {
    char *s;
    int next;
  } *bases;
  size_t numBases, capBases;
} Names;

static size_t hashPtr(const void *p, size_t cap) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B97F4A7C15ull;
  return (size_t)(x >> 7) & (cap - 1);
}

static void nameSet(Names *m, const void *key, char *val) {
  if (m->count * 2 >= m->cap) {
    size_t ncap = m->cap ? m->cap * 2 : 256;
    const void **keys = calloc(ncap, sizeof *keys);
    char **vals = calloc(ncap, sizeof *vals);
    if (!keys || !vals)
      abort();
    for (size_t i = 0; i < m->cap; ++i)
      if (m->keys[i]) {
        size_t h = hashPtr(m->keys[i], ncap);
        while (keys[h])
          h = (h + 1) & (ncap - 1);
        keys[h] = m->keys[i];
        vals[h] = m->vals[i];
      }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
  }
  size_t h = hashPtr(key, m->cap);
  while (m->keys[h] && m->keys[h] != key)
    h = (h + 1) & (m->cap - 1);
  if (!m->keys[h])
    ++m->count;
  else
    free(m->vals[h]);
  m->keys[h] = key;
  m->vals[h] = val;
}

static const char *nameGet(Names *m, const void *key) {
  if (!m->cap)
    return NULL;
  size_t h = hashPtr(key, m->cap);
  while (m->keys[h]) {
    if (m->keys[h] == key)
      return m->vals[h];
    h = (h + 1) & (m->cap - 1);
  }
  return NULL;
}

static size_t hashStr(const char *s, size_t cap) {
  size_t h = 1469598103934665603u;
  for (; *s; ++s)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h & (cap - 1);
}

/* The entry of node name `s`, or NULL when it is not taken (`bases` is an
 * open-addressing set). */
static struct NameEntry *taken(Names *m, const char *s) {
  if (!m->capBases)
    return NULL;
  for (size_t h = hashStr(s, m->capBases); m->bases[h].s; h = (h + 1) & (m->capBases - 1))
    if (!strcmp(m->bases[h].s, s))
      return &m->bases[h];
  return NULL;
}

static void take(Names *m, const char *s) {
  if (m->numBases * 2 >= m->capBases) {
    size_t ncap = m->capBases ? m->capBases * 2 : 256;
    struct NameEntry *grown = calloc(ncap, sizeof *grown);
    if (!grown)
      abort();
    for (size_t i = 0; i < m->capBases; ++i)
      if (m->bases[i].s) {
        size_t h = hashStr(m->bases[i].s, ncap);
        while (grown[h].s)
          h = (h + 1) & (ncap - 1);
        grown[h] = m->bases[i];
      }
    free(m->bases);
    m->bases = grown;
    m->capBases = ncap;
  }
  size_t h = hashStr(s, m->capBases);
  while (m->bases[h].s)
    h = (h + 1) & (m->capBases - 1);
  m->bases[h].s = dupStr(s);
  m->bases[h].next = 1;
  ++m->numBases;
}

/* A name from `base` that no other node has (`mm`, `mm_1`, ...), as FX
 * numbers nodes. */
static char *fresh(Names *m, const char *base, size_t len) {
  char clean[128];
  size_t k = 0;
  for (size_t i = 0; i < len && k + 1 < sizeof clean; ++i)
    clean[k++] = isalnum((unsigned char)base[i]) ? base[i] : '_';
  clean[k] = '\0';
  if (k == 0 || isdigit((unsigned char)clean[0])) { /* not a Python name */
    memmove(clean + 1, clean, k + 1 < sizeof clean - 1 ? k + 1 : sizeof clean - 2);
    clean[0] = 'v';
  }
  char *s = malloc(strlen(clean) + 24);
  if (!s)
    abort();
  strcpy(s, clean);
  struct NameEntry *e = taken(m, clean);
  if (e) {
    int n = e->next;
    do
      sprintf(s, "%s_%d", clean, n++);
    while (taken(m, s));
    taken(m, clean)->next = n; /* (take may move the entries) */
  }
  take(m, s);
  return s;
}

static void namesFree(Names *m) {
  for (size_t i = 0; i < m->cap; ++i)
    if (m->keys[i])
      free(m->vals[i]);
  for (size_t i = 0; i < m->capBases; ++i)
    free(m->bases[i].s);
  free(m->keys);
  free(m->vals);
  free(m->bases);
  memset(m, 0, sizeof *m);
}

/*===-- Export state --------------------------------------------------------===*/

typedef struct Ex {
  Out out;
  Names names;
  Names syms; /* symbol string attr (uniqued) -> Sym node name */
  MlirContext ctx;
  char *err;
  size_t errLen;
  MlirLocation where;
  bool failed;
  FxSchemaTable *table;
  MlirLocation lastModel;
  size_t stmtStart; /* where the statement being printed starts in out */
} Ex;

static bool fail(Ex *x, MlirLocation loc, const char *fmt, ...) {
  if (!x->failed) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->errLen, fmt, ap);
    va_end(ap);
    x->where = loc;
    x->failed = true;
  }
  return false;
}

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, str(name));
}

/* The FX node name an fx-import location carries: loc("name"(...)). */
static bool locName(MlirLocation loc, MlirStringRef *name) {
  if (!mlirLocationIsAName(loc))
    return false;
  *name = mlirIdentifierStr(mlirLocationNameGetName(loc));
  return name->length > 0;
}

static const char *valueName(Ex *x, MlirValue v) {
  const char *n = nameGet(&x->names, v.ptr);
  return n ? n : "<unnamed>";
}

/*===-- Types and literals --------------------------------------------------===*/

static void putDim(Ex *x, FxDim d) {
  if (d.symbol.length)
    putRef(&x->out, d.symbol);
  else
    putf(&x->out, "%" PRId64, d.size);
}

/* `strides` (an fx.strides array; null for none) is printed after the
 * dims, as torch's verbose annotations print strides. */
static bool putAnnot(Ex *x, MlirType t, MlirAttribute strides, MlirLocation loc) {
  if (fxTypeIsASym(t)) {
    put(&x->out, "\"Sym(", 5);
    putRef(&x->out, fxSymTypeGetName(t));
    put(&x->out, ")\"", 2);
    return true;
  }
  if (!fxTypeIsATensor(t))
    return fail(x, loc, "a value of a type fx-export cannot print (not an fx tensor or sym)");
  const FxDtypeInfo *d = fxDtypeInfo(fxTensorTypeGetDtype(t));
  FxDim dims[FX_MAX_RANK];
  intptr_t rank = fxTensorTypeGetDims(t, dims, FX_MAX_RANK);
  if (!d || rank > FX_MAX_RANK)
    return fail(x, loc, "a tensor type fx-export cannot print");
  putf(&x->out, "\"%s[", d->abbr);
  for (intptr_t i = 0; i < rank; ++i) {
    if (i)
      put(&x->out, ", ", 2);
    putDim(x, dims[i]);
  }
  put(&x->out, "]", 1);
  if (!mlirAttributeIsNull(strides) && mlirAttributeIsAArray(strides)) {
    put(&x->out, "[", 1);
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(strides); i < n; ++i) {
      MlirAttribute e = mlirArrayAttrGetElement(strides, i);
      if (i)
        put(&x->out, ", ", 2);
      putDim(x, mlirAttributeIsAString(e)
                    ? (FxDim){-1, mlirStringAttrGetValue(e)}
                    : (FxDim){mlirIntegerAttrGetValueInt(e), {NULL, 0}});
    }
    put(&x->out, "]", 1);
  }
  put(&x->out, "\"", 1);
  return true;
}

/* Python's repr of a float: the shortest text that reads back the same. */
static void putFloat(Ex *x, double v) {
  if (isnan(v)) {
    put(&x->out, "nan", 3);
    return;
  }
  if (isinf(v)) {
    put(&x->out, v < 0 ? "-inf" : "inf", v < 0 ? 4 : 3);
    return;
  }
  char buf[40];
  for (int p = 1; p <= 17; ++p) {
    snprintf(buf, sizeof buf, "%.*g", p, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  /* Python writes 1e-06 as C does, and 1.0 where C writes 1. */
  if (!strpbrk(buf, ".en"))
    strcat(buf, ".0");
  put(&x->out, buf, strlen(buf));
}

static void putString(Ex *x, MlirStringRef s) {
  put(&x->out, "'", 1);
  for (size_t i = 0; i < s.length; ++i) {
    unsigned char c = (unsigned char)s.data[i];
    if (c == '\'' || c == '\\')
      putf(&x->out, "\\%c", c);
    else if (c == '\n')
      put(&x->out, "\\n", 2);
    else if (c == '\t')
      put(&x->out, "\\t", 2);
    else if (c < 0x20 || c == 0x7f)
      putf(&x->out, "\\x%02x", c);
    else
      put(&x->out, (const char *)&c, 1);
  }
  put(&x->out, "'", 1);
}

/* A symbolic expression (fxir/FxDimExpr.h) in Python, its symbols
 * replaced by the Sym nodes standing for them. */
static bool exprPython(Ex *x, MlirStringRef e, Out *o, MlirLocation loc) {
  for (size_t i = 0; i < e.length;) {
    size_t j = i;
    while (j < e.length && (isalnum((unsigned char)e.data[j]) || e.data[j] == '_'))
      ++j;
    MlirStringRef tok = {e.data + i, j - i};
    if (j == i) { /* punctuation, a space */
      put(o, e.data + i, 1);
      ++i;
      continue;
    }
    if (!fxDimIsSymbolName(tok) || (j < e.length && e.data[j] == '(')) {
      put(o, tok.data, tok.length); /* a number, Max(...) and friends */
    } else {
      const char *n = nameGet(&x->syms, mlirStringAttrGet(x->ctx, tok).ptr);
      if (!n)
        return fail(x, loc, "symbol \"%.*s\" is not declared by an argument",
                    (int)tok.length, tok.data);
      put(o, n, strlen(n));
    }
    i = j;
  }
  return true;
}

/* A symbol: the Sym node standing for it.  An expression gets a Sym node
 * of its own, printed before the statement that first uses it. */
static bool putSym(Ex *x, MlirAttribute a, MlirLocation loc) {
  const char *n = nameGet(&x->syms, a.ptr);
  MlirStringRef text = mlirStringAttrGetValue(a);
  if (!n && !fxDimIsSymbolName(text) && text.length) {
    char *name = fresh(&x->names, "sym", 3);
    Out line = {0};
    putf(&line, "        %s: \"Sym(%.*s)\" = ", name, (int)text.length, text.data);
    bool ok = exprPython(x, text, &line, loc);
    put(&line, "\n", 1);
    if (ok) {
      put(&x->out, line.s, line.n); /* grows out; then moved into place */
      memmove(x->out.s + x->stmtStart + line.n, x->out.s + x->stmtStart,
              x->out.n - line.n - x->stmtStart);
      memcpy(x->out.s + x->stmtStart, line.s, line.n);
      x->stmtStart += line.n;
      nameSet(&x->syms, a.ptr, dupStr(name));
      n = nameGet(&x->syms, a.ptr);
    }
    free(line.s);
    free(name);
    if (!ok)
      return false;
  }
  if (!n) {
    MlirStringRef s = mlirStringAttrGetValue(a);
    return fail(x, loc, "symbol \"%.*s\" is not declared by an argument",
                (int)s.length, s.data);
  }
  put(&x->out, n, strlen(n));
  return true;
}

static bool putAttr(Ex *x, MlirAttribute a, MlirLocation loc) {
  if (mlirAttributeIsABool(a)) {
    put(&x->out, mlirBoolAttrGetValue(a) ? "True" : "False",
        mlirBoolAttrGetValue(a) ? 4 : 5);
  } else if (mlirAttributeIsAInteger(a)) {
    putf(&x->out, "%" PRId64, mlirIntegerAttrGetValueInt(a));
  } else if (mlirAttributeIsAFloat(a)) {
    putFloat(x, mlirFloatAttrGetValueDouble(a));
  } else if (mlirAttributeIsAString(a)) {
    putString(x, mlirStringAttrGetValue(a));
  } else if (mlirAttributeIsAType(a)) {
    const FxDtypeInfo *d = fxDtypeInfo(mlirTypeAttrGetValue(a));
    if (!d)
      return fail(x, loc, "a type argument that is not an fx dtype");
    putf(&x->out, "torch.%s", d->torch);
  } else if (mlirAttributeIsAArray(a)) {
    put(&x->out, "[", 1);
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(a); i < n; ++i) {
      if (i)
        put(&x->out, ", ", 2);
      MlirAttribute e = mlirArrayAttrGetElement(a, i);
      if (mlirAttributeIsAString(e) ? !putSym(x, e, loc) : !putAttr(x, e, loc))
        return false;
    }
    put(&x->out, "]", 1);
  } else {
    return fail(x, loc, "an argument fx-export cannot print");
  }
  return true;
}

/* An int argument: an integer or a symbol. */
static bool putIntArg(Ex *x, MlirAttribute a, MlirLocation loc) {
  return mlirAttributeIsAString(a) ? putSym(x, a, loc) : putAttr(x, a, loc);
}

/* An argument of a call without a schema: fx-import writes a SymInt there
 * as a symbol reference (@s0), a string as a string. */
static bool putLooseArg(Ex *x, MlirAttribute a, MlirLocation loc) {
  if (mlirAttributeIsAFlatSymbolRef(a))
    return putSym(x, mlirStringAttrGet(x->ctx, mlirFlatSymbolRefAttrGetValue(a)), loc);
  if (mlirAttributeIsAArray(a)) {
    put(&x->out, "[", 1);
    for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(a); i < n; ++i) {
      if (i)
        put(&x->out, ", ", 2);
      if (!putLooseArg(x, mlirArrayAttrGetElement(a, i), loc))
        return false;
    }
    put(&x->out, "]", 1);
    return true;
  }
  return putAttr(x, a, loc);
}

/* fxir's names of torch ops it spells otherwise (fx-import's table). */
static const struct {
  const char *torch, *fx;
} kRenames[] = {
#define FX_RENAME(torch, fx) {torch, fx},
#include "fx_renames.def"
};

/* `torch.ops.ns.op.overload` for target "ns::op[.overload]". */
static void putTarget(Ex *x, MlirStringRef t) {
  for (size_t i = 0; i < sizeof kRenames / sizeof *kRenames; ++i)
    if (strlen(kRenames[i].fx) == t.length && !memcmp(kRenames[i].fx, t.data, t.length))
      t = str(kRenames[i].torch);
  const char *sep = NULL;
  for (size_t i = 0; i + 1 < t.length; ++i)
    if (t.data[i] == ':' && t.data[i + 1] == ':')
      sep = t.data + i;
  size_t nsLen = sep ? (size_t)(sep - t.data) : 0;
  const char *op = sep ? sep + 2 : t.data;
  size_t opLen = t.length - (size_t)(op - t.data);
  bool hasOverload = memchr(op, '.', opLen) != NULL;
  putf(&x->out, "torch.ops.%.*s.%.*s%s", (int)nsLen, t.data, (int)opLen, op,
       hasOverload ? "" : ".default");
}

/*===-- Ops -----------------------------------------------------------------===*/

/* `# File: path:line` before the first op of each model line. */
static void putModelComment(Ex *x, MlirLocation loc) {
  MlirStringRef name;
  if (locName(loc, &name))
    loc = mlirLocationNameGetChildLoc(loc);
  if (!mlirLocationIsAFused(loc) || mlirLocationFusedGetNumLocations(loc) != 2)
    return;
  MlirLocation locs[2];
  mlirLocationFusedGetLocations(loc, locs);
  if (!mlirLocationIsAFileLineColRange(locs[0]) ||
      (x->lastModel.ptr && mlirLocationEqual(x->lastModel, locs[0])))
    return;
  x->lastModel = locs[0];
  MlirIdentifier file = mlirLocationFileLineColRangeGetFilename(locs[0]);
  /* A comment is one line: a name with a line break or another control
   * character would write lines of its own (an adversary's `\n# fx-...`
   * name marked a clone); such a location is left out, as debug info. */
  MlirStringRef fs = mlirIdentifierStr(file);
  for (size_t i = 0; i < fs.length; ++i)
    if ((unsigned char)fs.data[i] < 0x20 || fs.data[i] == 0x7f)
      return;
  put(&x->out, "        # File: ", 16);
  putRef(&x->out, fs);
  putf(&x->out, ":%d\n", mlirLocationFileLineColRangeGetStartLine(locs[0]));
}

/* Names op's results: its location's name, else `base`.  An in-place call
 * that was an auto_functionalized node takes its op's name, as the node
 * vLLM's FixFunctionalizationPass makes. */
static char *opName(Ex *x, MlirOperation op, const char *base, size_t len) {
  MlirStringRef n;
  bool wasHop = fxOpGetKind(op) == FX_OP_CALL && locName(mlirOperationGetLocation(op), &n) &&
                n.length >= 19 && !memcmp(n.data, "auto_functionalized", 19);
  if (!wasHop && locName(mlirOperationGetLocation(op), &n))
    return fresh(&x->names, n.data, n.length);
  return fresh(&x->names, base, len);
}

static bool putValueDef(Ex *x, MlirOperation op, char *name, MlirType t) {
  MlirLocation loc = mlirOperationGetLocation(op);
  putModelComment(x, loc);
  putf(&x->out, "        %s: ", name);
  if (!putAnnot(x, t, (MlirAttribute){NULL}, loc))
    return false;
  put(&x->out, " = ", 3);
  return true;
}

/* `name: "annot" = ` for the one result of `op`, named after `base`. */
static bool defineResult(Ex *x, MlirOperation op, const char *base) {
  MlirValue r = mlirOperationGetResult(op, 0);
  char *name = opName(x, op, base, strlen(base));
  nameSet(&x->names, r.ptr, name);
  return putValueDef(x, op, name, mlirValueGetType(r));
}

static bool exportView(Ex *x, MlirOperation op, bool view) {
  if (!defineResult(x, op, view ? "view" : "reshape"))
    return false;
  putf(&x->out, "torch.ops.aten.%s.default(%s, ", view ? "view" : "reshape",
       valueName(x, mlirOperationGetOperand(op, 0)));
  if (!putAttr(x, attr(op, "shape"), mlirOperationGetLocation(op)))
    return false;
  put(&x->out, ")\n", 2);
  return true;
}

static bool putSliceParams(Ex *x, MlirOperation op) {
  MlirLocation loc = mlirOperationGetLocation(op);
  putf(&x->out, "%" PRId64 ", ", mlirIntegerAttrGetValueInt(attr(op, "dim")));
  if (!putIntArg(x, attr(op, "start"), loc))
    return false;
  put(&x->out, ", ", 2);
  if (!putIntArg(x, attr(op, "end"), loc))
    return false;
  putf(&x->out, ", %" PRId64 ")\n", mlirIntegerAttrGetValueInt(attr(op, "step")));
  return true;
}

static bool exportSlice(Ex *x, MlirOperation op, bool scatter) {
  if (!defineResult(x, op, scatter ? "slice_scatter" : "slice"))
    return false;
  if (scatter)
    putf(&x->out, "torch.ops.aten.slice_scatter.default(%s, %s, ",
         valueName(x, mlirOperationGetOperand(op, 0)),
         valueName(x, mlirOperationGetOperand(op, 1)));
  else
    putf(&x->out, "torch.ops.aten.slice.Tensor(%s, ",
         valueName(x, mlirOperationGetOperand(op, 0)));
  return putSliceParams(x, op);
}

/* One argument of a call, `first` tells whether a comma goes first. */
static bool putKeyword(Ex *x, bool *first, MlirStringRef name) {
  if (!*first)
    put(&x->out, ", ", 2);
  *first = false;
  putRef(&x->out, name);
  put(&x->out, " = ", 3);
  return true;
}

/* `argN` / `argN[K]`: a schema-less call's positional operand.  Sets *pos
 * and *item (-1 for a plain `argN`). */
static bool positional(MlirStringRef n, long *pos, long *item) {
  if (n.length < 4 || memcmp(n.data, "arg", 3) || !isdigit((unsigned char)n.data[3]))
    return false;
  char buf[64];
  if (n.length >= sizeof buf)
    return false;
  memcpy(buf, n.data, n.length);
  buf[n.length] = '\0';
  char *end;
  *pos = strtol(buf + 3, &end, 10);
  *item = -1;
  if (*end == '[') {
    *item = strtol(end + 1, &end, 10);
    if (*end != ']' || end[1])
      return false;
    return true;
  }
  return *end == '\0';
}

/* The length of `kw` in a keyword list item's name `kw[K]` (K digits), or
 * 0 when `n` is not one. */
static size_t keywordItemBase(MlirStringRef n) {
  if (n.length < 4 || n.data[n.length - 1] != ']')
    return 0;
  size_t i = n.length - 1;
  while (i > 0 && isdigit((unsigned char)n.data[i - 1]))
    --i;
  if (i == n.length - 1 || i < 2 || n.data[i - 1] != '[')
    return 0;
  return i - 1;
}

/* The arguments of a call-like op: with a schema every one by keyword in
 * schema order; without, `argN` positionally (lists for `argN[K]`), the
 * rest by keyword. */
static bool putCallArgs(Ex *x, MlirOperation op, const FxSchema *s, bool first) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirAttribute names = attr(op, "arg_names"), args = attr(op, "args");
  intptr_t n = mlirOperationGetNumOperands(op);
  if (s) {
    for (int p = 0; p < s->numArgs; ++p) {
      MlirStringRef pn = str(s->args[p].name);
      MlirValue v = fxCallGetOperandByName(op, pn);
      if (!mlirValueIsNull(v)) {
        putKeyword(x, &first, pn);
        put(&x->out, valueName(x, v), strlen(valueName(x, v)));
        continue;
      }
      if (s->args[p].kind == FX_ARG_TENSOR_LIST) {
        /* Its elements `pn[0]`, `pn[1]`, ... (in order: the verifier's). */
        bool open = false;
        for (intptr_t i = 0; i < n; ++i) {
          if (fxCallGetOperandParam(op, s, i) != p)
            continue;
          if (!open)
            putKeyword(x, &first, pn), put(&x->out, "[", 1);
          else
            put(&x->out, ", ", 2);
          open = true;
          const char *vn = valueName(x, mlirOperationGetOperand(op, i));
          put(&x->out, vn, strlen(vn));
        }
        if (open)
          put(&x->out, "]", 1);
        continue;
      }
      MlirAttribute a = mlirDictionaryAttrGetElementByName(args, pn);
      if (mlirAttributeIsNull(a))
        continue;
      putKeyword(x, &first, pn);
      bool isInt = s->args[p].kind == FX_ARG_INT || s->args[p].kind == FX_ARG_SYMINT;
      if (isInt ? !putIntArg(x, a, loc) : !putAttr(x, a, loc))
        return false;
    }
    return true;
  }
  /* Positional operands in order (None where one was left out), then
   * keywords. */
  long maxPos = -1;
  for (intptr_t i = 0; i < n; ++i) {
    long p, item;
    if (positional(mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i)), &p, &item) &&
        p > maxPos)
      maxPos = p;
  }
  for (intptr_t i = 0, k = mlirDictionaryAttrGetNumElements(args); i < k; ++i) {
    long p, item;
    if (positional(mlirIdentifierStr(mlirDictionaryAttrGetElement(args, i).name), &p, &item) &&
        p > maxPos)
      maxPos = p;
  }
  for (long pos = 0; pos <= maxPos; ++pos) {
    bool found = false, list = false;
    for (intptr_t i = 0; i < n; ++i) {
      long p, item;
      MlirStringRef an = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i));
      if (!positional(an, &p, &item) || p != pos)
        continue;
      if (!found) {
        if (!first)
          put(&x->out, ", ", 2);
        first = false;
        if (item >= 0) {
          put(&x->out, "[", 1);
          list = true;
        }
      } else {
        put(&x->out, ", ", 2);
      }
      found = true;
      const char *vn = valueName(x, mlirOperationGetOperand(op, i));
      put(&x->out, vn, strlen(vn));
    }
    char key[32];
    snprintf(key, sizeof key, "arg%ld", pos);
    MlirAttribute a = mlirDictionaryAttrGetElementByName(args, str(key));
    if (!found && !mlirAttributeIsNull(a)) {
      if (!first)
        put(&x->out, ", ", 2);
      first = false;
      if (!putLooseArg(x, a, loc))
        return false;
      found = true;
    }
    if (list)
      put(&x->out, "]", 1);
    if (!found) {
      if (!first)
        put(&x->out, ", ", 2);
      first = false;
      put(&x->out, "None", 4);
    }
  }
  for (intptr_t i = 0; i < n; ++i) {
    long p, item;
    MlirStringRef an = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, i));
    if (positional(an, &p, &item))
      continue;
    /* `kw[K]`: an item of a keyword's tensor list (fx-import names them so):
     * the whole list once, at its first item, in the operands' order. */
    size_t baseLen = keywordItemBase(an);
    if (baseLen) {
      bool seen = false;
      for (intptr_t j = 0; j < i && !seen; ++j) {
        MlirStringRef bn = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, j));
        seen = keywordItemBase(bn) == baseLen && !memcmp(bn.data, an.data, baseLen);
      }
      if (seen)
        continue;
      putKeyword(x, &first, mlirStringRefCreate(an.data, baseLen));
      put(&x->out, "[", 1);
      bool firstItem = true;
      for (intptr_t j = i; j < n; ++j) {
        MlirStringRef bn = mlirStringAttrGetValue(mlirArrayAttrGetElement(names, j));
        if (keywordItemBase(bn) != baseLen || memcmp(bn.data, an.data, baseLen))
          continue;
        if (!firstItem)
          put(&x->out, ", ", 2);
        firstItem = false;
        const char *vn = valueName(x, mlirOperationGetOperand(op, j));
        put(&x->out, vn, strlen(vn));
      }
      put(&x->out, "]", 1);
      continue;
    }
    putKeyword(x, &first, an);
    const char *vn = valueName(x, mlirOperationGetOperand(op, i));
    put(&x->out, vn, strlen(vn));
  }
  for (intptr_t i = 0, k = mlirDictionaryAttrGetNumElements(args); i < k; ++i) {
    MlirNamedAttribute na = mlirDictionaryAttrGetElement(args, i);
    long p, item;
    if (positional(mlirIdentifierStr(na.name), &p, &item))
      continue;
    putKeyword(x, &first, mlirIdentifierStr(na.name));
    if (!putLooseArg(x, na.attribute, loc))
      return false;
  }
  return true;
}

/* The op name part of "ns::op.overload", for node names. */
static MlirStringRef shortName(MlirStringRef t) {
  size_t i = t.length;
  while (i > 1 && !(t.data[i - 1] == ':' && t.data[i - 2] == ':'))
    --i;
  if (i <= 1)
    i = 0;
  size_t j = i;
  while (j < t.length && t.data[j] != '.')
    ++j;
  return mlirStringRefCreate(t.data + i, j - i);
}

/* getitems of `base` for results [0, n) at FX slots `slots`. */
static bool putGetItems(Ex *x, MlirOperation op, const char *base,
                        const int *slots, intptr_t n) {
  for (intptr_t r = 0; r < n; ++r) {
    MlirValue v = mlirOperationGetResult(op, r);
    char *name = fresh(&x->names, "getitem", 7);
    nameSet(&x->names, v.ptr, name);
    putf(&x->out, "        %s: ", name);
    if (!putAnnot(x, mlirValueGetType(v), (MlirAttribute){NULL}, mlirOperationGetLocation(op)))
      return false;
    putf(&x->out, " = %s[%d]\n", base, slots[r]);
  }
  return true;
}

static bool exportCall(Ex *x, MlirOperation op, bool functional) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirStringRef target = fxCallGetTarget(op);
  const FxSchema *s = fxSchemaTableLookup(x->table, target);
  intptr_t nres = mlirOperationGetNumResults(op);
  MlirStringRef sn = shortName(target);
  char *name = functional ? opName(x, op, "auto_functionalized", 19)
                          : opName(x, op, sn.data, sn.length);
  putModelComment(x, loc);
  /* torch has no such mark: a comment line fx-import reads back, as it
   * reads `# fx-donated:` and `# fx-schema:`. */
  if (!mlirAttributeIsNull(mlirOperationGetAttributeByName(
          op, mlirStringRefCreateFromCString(FX_ATTR_FUNCTIONALIZED))))
    putf(&x->out, "        # fx-functionalized\n");
  bool single = !functional && nres == 1;
  if (single) {
    MlirValue r = mlirOperationGetResult(op, 0);
    nameSet(&x->names, r.ptr, dupStr(name));
    putf(&x->out, "        %s: ", name);
    if (!putAnnot(x, mlirValueGetType(r), (MlirAttribute){NULL}, loc))
      return free(name), false;
    put(&x->out, " = ", 3);
  } else {
    putf(&x->out, "        %s = ", name);
  }
  if (functional) {
    put(&x->out, "torch.ops.higher_order.auto_functionalized(", 43);
    putTarget(x, target);
  } else {
    putTarget(x, target);
    put(&x->out, "(", 1);
  }
  if (!putCallArgs(x, op, s, !functional))
    return free(name), false;
  put(&x->out, ")", 1);
  if (nres == 0)
    putf(&x->out, ";  %s = None", name);
  put(&x->out, "\n", 1);
  bool ok = true;
  if (!single && nres > 0) {
    int *slots = calloc((size_t)nres, sizeof *slots);
    if (!slots)
      abort();
    for (intptr_t r = 0; r < nres; ++r)
      slots[r] = (int)r;
    if (functional) {
      /* torch's tuple: the op's returns (or one None), then one slot per
       * mutated parameter in schema order, present or not. */
      int nret = s ? s->numReturns : 0;
      int slot = nret == 0 ? 1 : nret;
      for (int p = 0; s && p < s->numArgs; ++p) {
        if (!s->args[p].mutated)
          continue;
        intptr_t ri = fxAutoFunctionalizedGetMutatedResultIndex(op, s, str(s->args[p].name));
        if (ri >= 0 && ri < nres)
          slots[ri] = slot;
        ++slot;
      }
    }
    ok = putGetItems(x, op, name, slots, nres);
    free(slots);
  }
  free(name);
  return ok;
}

/* The results, with None back at fx.none_outputs' positions (the
 * verifier checked they increase and fit). */
static bool exportReturn(Ex *x, MlirOperation op, MlirOperation func) {
  intptr_t n = mlirOperationGetNumOperands(op);
  MlirAttribute nones = attr(func, FX_ATTR_NONE_OUTPUTS);
  intptr_t nn = !mlirAttributeIsNull(nones) && mlirAttributeIsADenseI64Array(nones)
                    ? mlirDenseArrayGetNumElements(nones)
                    : 0;
  put(&x->out, "        return (", 16);
  for (intptr_t pos = 0, i = 0, k = 0; i < n || k < nn; ++pos) {
    if (pos)
      put(&x->out, ", ", 2);
    if (k < nn && mlirDenseI64ArrayGetElement(nones, k) == pos) {
      put(&x->out, "None", 4);
      ++k;
      continue;
    }
    if (i == n) /* a position beyond the outputs: the verifier's to catch */
      return fail(x, mlirOperationGetLocation(func),
                  FX_ATTR_NONE_OUTPUTS " names a position beyond the outputs");
    const char *vn = valueName(x, mlirOperationGetOperand(op, i++));
    put(&x->out, vn, strlen(vn));
  }
  put(&x->out, n + nn == 1 ? ",)\n" : ")\n", n + nn == 1 ? 3 : 2);
  return true;
}

/*===-- Functions -----------------------------------------------------------===*/

static bool exportFunc(Ex *x, MlirOperation func) {
  MlirStringRef fname = mlirStringAttrGetValue(attr(func, "sym_name"));
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block))
    return fail(x, mlirOperationGetLocation(func), "a function without a body");
  namesFree(&x->names);
  namesFree(&x->syms);
  x->lastModel = (MlirLocation){NULL};
  /* fx-import names a graph after its class, and the first GraphModule
   * @forward: the same names come back. */
  if (fname.length == 7 && !memcmp(fname.data, "forward", 7))
    put(&x->out, "class GraphModule(torch.nn.Module):\n", 36);
  else
    putf(&x->out, "class %.*s(torch.nn.Module):\n", (int)fname.length, fname.data);
  intptr_t nargs = mlirBlockGetNumArguments(block);
  /* Argument names first: `# fx-donated:` names the fx.donated ones. */
  char **argNames = calloc((size_t)nargs + 1, sizeof *argNames);
  if (!argNames)
    abort();
  bool anyDonated = false;
  for (intptr_t i = 0; i < nargs; ++i) {
    MlirValue a = mlirBlockGetArgument(block, i);
    MlirType t = mlirValueGetType(a);
    MlirStringRef n;
    if (locName(mlirValueGetLocation(a), &n))
      argNames[i] = fresh(&x->names, n.data, n.length);
    else if (fxTypeIsASym(t))
      argNames[i] = fresh(&x->names, fxSymTypeGetName(t).data, fxSymTypeGetName(t).length);
    else {
      char buf[32];
      snprintf(buf, sizeof buf, "arg%ld_1", (long)i);
      argNames[i] = fresh(&x->names, buf, strlen(buf));
    }
    anyDonated |= fxFuncArgIsDonated(func, i);
  }
  if (anyDonated) {
    put(&x->out, "    # fx-donated:", 17);
    for (intptr_t i = 0, k = 0; i < nargs; ++i)
      if (fxFuncArgIsDonated(func, i))
        putf(&x->out, "%s %s", k++ ? "," : "", argNames[i]);
    put(&x->out, "\n", 1);
  }
  put(&x->out, "    def forward(self", 20);
  for (intptr_t i = 0; i < nargs; ++i) {
    MlirValue a = mlirBlockGetArgument(block, i);
    MlirType t = mlirValueGetType(a);
    char *name = argNames[i];
    nameSet(&x->names, a.ptr, name);
    if (fxTypeIsASym(t)) {
      MlirAttribute sym = mlirStringAttrGet(x->ctx, fxSymTypeGetName(t));
      nameSet(&x->syms, sym.ptr, dupStr(name));
    }
    putf(&x->out, ", %s: ", name);
    if (!putAnnot(x, t, fxArgumentGetStridesAttr(a), mlirOperationGetLocation(func))) {
      for (intptr_t k = i + 1; k < nargs; ++k)
        free(argNames[k]);
      free(argNames);
      return false;
    }
  }
  free(argNames);
  put(&x->out, "):\n", 3);
  /* Symbols declared only by a tensor argument's dim: a sym_size node. */
  for (intptr_t i = 0; i < nargs; ++i) {
    MlirValue a = mlirBlockGetArgument(block, i);
    MlirType t = mlirValueGetType(a);
    FxDim dims[FX_MAX_RANK];
    intptr_t rank = fxTypeIsATensor(t) ? fxTensorTypeGetDims(t, dims, FX_MAX_RANK) : 0;
    for (intptr_t d = 0; d < rank && d < FX_MAX_RANK; ++d) {
      if (!dims[d].symbol.length || !fxDimIsSymbolName(dims[d].symbol))
        continue; /* an expression declares no symbol */
      MlirAttribute sym = mlirStringAttrGet(x->ctx, dims[d].symbol);
      if (nameGet(&x->syms, sym.ptr))
        continue;
      char *name = fresh(&x->names, "sym_size_int", 12);
      nameSet(&x->syms, sym.ptr, name ? dupStr(name) : NULL);
      putf(&x->out, "        %s: \"Sym(%.*s)\" = torch.ops.aten.sym_size.int(%s, %ld)\n",
           name, (int)dims[d].symbol.length, dims[d].symbol.data,
           valueName(x, a), (long)d);
      free(name);
    }
  }
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    bool ok;
    x->stmtStart = x->out.n;
    switch (fxOpGetKind(op)) {
    case FX_OP_RESHAPE: ok = exportView(x, op, false); break;
    case FX_OP_VIEW: ok = exportView(x, op, true); break;
    case FX_OP_SLICE: ok = exportSlice(x, op, false); break;
    case FX_OP_SLICE_SCATTER: ok = exportSlice(x, op, true); break;
    case FX_OP_AUTO_FUNCTIONALIZED: ok = exportCall(x, op, true); break;
    case FX_OP_CALL: ok = exportCall(x, op, false); break;
    default: {
      MlirStringRef on = mlirIdentifierStr(mlirOperationGetName(op));
      if (on.length == 11 && !memcmp(on.data, "func.return", 11)) {
        ok = exportReturn(x, op, func);
        break;
      }
      ok = fail(x, mlirOperationGetLocation(op),
                "fx-export prints fx ops and func.return only, not '%.*s'",
                (int)on.length, on.data);
    }
    }
    if (!ok)
      return false;
  }
  return true;
}

bool fxExportModule(MlirModule module, FxExportPrint print, void *user,
                    char *err, size_t errLen, MlirLocation *where) {
  Ex x = {0};
  x.err = err;
  x.errLen = errLen;
  MlirOperation m = mlirModuleGetOperation(module);
  x.ctx = mlirOperationGetContext(m);
  x.table = fxSchemaTableCreate(m);
  MlirBlock body = mlirModuleGetBody(module);
  bool ok = true;
  /* fx.schema ops first, as lines fx-import reads back. */
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (fxOpGetKind(op) == FX_OP_SCHEMA) {
      MlirStringRef name = mlirStringAttrGetValue(attr(op, "name"));
      MlirStringRef sig = mlirStringAttrGetValue(attr(op, "signature"));
      const char *sep = NULL;
      for (size_t i = 0; i + 1 < name.length; ++i)
        if (name.data[i] == ':' && name.data[i + 1] == ':')
          sep = name.data + i;
      putf(&x.out, "# fx-schema: %.*s::%.*s\n",
           sep ? (int)(sep - name.data) : 0, name.data, (int)sig.length, sig.data);
    }
  bool first = true;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); ok && !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef on = mlirIdentifierStr(mlirOperationGetName(op));
    if (fxOpGetKind(op) == FX_OP_SCHEMA)
      continue;
    if (on.length == 9 && !memcmp(on.data, "func.func", 9)) {
      if (!first)
        put(&x.out, "\n", 1);
      first = false;
      ok = exportFunc(&x, op);
      continue;
    }
    ok = fail(&x, mlirOperationGetLocation(op),
              "fx-export prints func.func and fx.schema at module level, not '%.*s'",
              (int)on.length, on.data);
  }
  if (ok && x.out.n)
    print(x.out.s, x.out.n, user);
  if (!ok && where)
    *where = x.where;
  free(x.out.s);
  namesFree(&x.names);
  namesFree(&x.syms);
  fxSchemaTableDestroy(x.table);
  return ok;
}
