/* FxSchema.c - torch op schema parser (grammar: DESIGN.md §2 "Op schemas").
 *
 *   schema  := [ns '::'] name ['.' overload] '(' [param (',' param)*] ')'
 *              '->' (type [name] | '(' [type [name] (',' type [name])*] ')')
 *   param   := '*' | type name ['=' default]
 *   type    := '(' base (',' base)* ')' ['?']      (int tuple: an int list)
 *            | base ['(' alias ['!'] ')' | '!'] ['[' [N] ']'] ['?']
 *
 * A schema and everything it points to is one malloc block: the FxSchema,
 * then the argument slots, then a string pool.  Sizes are bounded from the
 * text before parsing (at most commas + 2 parameters and returns; every
 * string is a piece of the text), so parsing never reallocates and
 * fxSchemaDestroy is a single free.  Parameter names go into a hash set
 * while parsing, so the duplicate-name check keeps parsing linear in the
 * number of parameters (a linear search made 40,000 parameters take
 * seconds).
 */
#include "fxir/FxSchema.h"

#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spellings indexed by kind.  This doubles as the parser's type table: a
 * base type `T` is the row spelled "T", and `T[]` / `T[N]` is the row
 * spelled "T[]", so supporting a new kind is one row here. */
static const char *const kKindNames[] = {
    [FX_ARG_TENSOR] = "Tensor",
    [FX_ARG_TENSOR_LIST] = "Tensor[]",
    [FX_ARG_INT] = "int",
    [FX_ARG_SYMINT] = "SymInt",
    [FX_ARG_FLOAT] = "float",
    [FX_ARG_BOOL] = "bool",
    [FX_ARG_STR] = "str",
    [FX_ARG_SCALAR_TYPE] = "ScalarType",
    [FX_ARG_SCALAR] = "Scalar",
    [FX_ARG_INT_LIST] = "int[]",
    [FX_ARG_SYMINT_LIST] = "SymInt[]",
};
enum { NUM_KINDS = sizeof kKindNames / sizeof *kKindNames };

const char *fxArgKindName(FxArgKind kind) {
  return (unsigned)kind < NUM_KINDS ? kKindNames[kind] : "<invalid>";
}

/* The kind spelled `s[0..n)` (with "[]" appended when `list`), or -1. */
static int findKind(const char *s, size_t n, bool list) {
  for (int k = 0; k < NUM_KINDS; k++)
    if (strlen(kKindNames[k]) == n + 2 * list &&
        !strncmp(kKindNames[k], s, n) &&
        !strcmp(kKindNames[k] + n, list ? "[]" : ""))
      return k;
  return -1;
}

typedef struct Block {
  FxSchema schema; /* first, so the block's address is the schema's */
  FxSchemaArg slots[];
} Block;

typedef struct Parser {
  const char *s; /* the text; scanning stops at its NUL, never past it */
  size_t pos;
  FxSchemaArg *slots;
  size_t numSlots, cap;
  char *pool, *poolEnd;
  const char *empty; /* the pool's first byte: every "" points here */
  bool overflow;
  int32_t *names;  /* open-addressing set of parameter slot indices, -1 empty */
  size_t namesCap; /* a power of two, more than twice the slot count */
  char *err;
  size_t errLen;
} Parser;

/* Records the first error as "<message> at offset N"; returns false so
 * callers can `return fail(...)`. */
static bool fail(Parser *p, size_t off, const char *fmt, ...) {
  if (!p->err || !p->errLen)
    return false;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(p->err, p->errLen, fmt, ap);
  va_end(ap);
  if (n >= 0 && (size_t)n < p->errLen)
    snprintf(p->err + n, p->errLen - n, " at offset %zu", off);
  return false;
}

static bool isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool isIdent(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}
static void skipSpace(Parser *p) {
  while (isSpace(p->s[p->pos]))
    p->pos++;
}
static bool eat(Parser *p, char c) {
  skipSpace(p);
  return p->s[p->pos] == c ? (p->pos++, true) : false;
}
static bool expect(Parser *p, char c) {
  return eat(p, c) || fail(p, p->pos, "expected '%c'", c);
}
/* After a list element: 1 for ',', 0 for ')', -1 (error) otherwise. */
static int separator(Parser *p) {
  if (eat(p, ','))
    return 1;
  return eat(p, ')') ? 0 : (fail(p, p->pos, "expected ',' or ')'"), -1);
}

/* Scans an identifier; sets *at to its start, returns its length (0: none). */
static size_t ident(Parser *p, size_t *at) {
  skipSpace(p);
  *at = p->pos;
  if (isIdent(p->s[p->pos], true))
    while (isIdent(p->s[++p->pos], false))
      ;
  return p->pos - *at;
}

/* Copies s[0..n) into the pool.  The pool is sized so it cannot run out;
 * should that bound ever be wrong, `overflow` turns it into an error. */
static const char *poolCopy(Parser *p, const char *s, size_t n) {
  if (!n || (size_t)(p->poolEnd - p->pool) < n + 1)
    return p->overflow |= n > 0, p->empty;
  char *d = p->pool;
  memcpy(d, s, n);
  d[n] = '\0';
  p->pool += n + 1;
  return d;
}

/* The set position of parameter name s[0..n): where it is, or the empty
 * position where it goes.  FNV-1a, linear probing; never full (see
 * namesCap). */
static size_t namePos(const Parser *p, const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  for (size_t pos = (size_t)h & (p->namesCap - 1);;
       pos = (pos + 1) & (p->namesCap - 1)) {
    int32_t slot = p->names[pos];
    if (slot < 0 || (strlen(p->slots[slot].name) == n &&
                     !memcmp(p->slots[slot].name, s, n)))
      return pos;
  }
}

static FxSchemaArg *newSlot(Parser *p) {
  if (p->numSlots == p->cap)
    return fail(p, p->pos, "internal error: too many arguments"), NULL;
  FxSchemaArg *a = &p->slots[p->numSlots++];
  *a = (FxSchemaArg){
      .name = p->empty, .alias = p->empty, .defaultText = p->empty,
      .listSize = -1};
  return a;
}

/* Parses a type into `a`.  `tuple` allows `(int, int)`, which is never
 * nested (so recursion depth is bounded) and never a return type (there a
 * '(' opens the return tuple). */
static bool parseType(Parser *p, FxSchemaArg *a, bool tuple) {
  size_t at;
  skipSpace(p);
  if (tuple && eat(p, '(')) {
    a->kind = FX_ARG_INT_LIST;
    a->listSize = 0;
    do {
      FxSchemaArg e = {0};
      skipSpace(p);
      size_t elemAt = p->pos;
      if (!parseType(p, &e, false))
        return false;
      if (e.kind != FX_ARG_INT && e.kind != FX_ARG_SYMINT)
        return fail(p, elemAt, "tuple types may only hold int or SymInt");
      if (e.kind == FX_ARG_SYMINT)
        a->kind = FX_ARG_SYMINT_LIST;
      a->listSize++;
    } while (eat(p, ','));
    if (!expect(p, ')'))
      return false;
    a->optional = eat(p, '?');
    return true;
  }
  size_t n = ident(p, &at);
  int kind = findKind(p->s + at, n, false);
  if (!n)
    return fail(p, at, "expected type");
  if (kind < 0)
    return fail(p, at, "unknown type '%.*s'", (int)(n > 64 ? 64 : n),
                p->s + at);
  skipSpace(p);
  size_t annotAt = p->pos;
  if (eat(p, '(')) { /* alias set: `Tensor(a)` shares, `Tensor(a!)` writes */
    size_t aliasAt, aliasLen = ident(p, &aliasAt);
    if (!aliasLen)
      return fail(p, aliasAt, "expected alias name");
    a->alias = poolCopy(p, p->s + aliasAt, aliasLen);
    a->mutated = eat(p, '!');
    if (!expect(p, ')'))
      return false;
    if (kind != FX_ARG_TENSOR)
      return fail(p, annotAt, "alias annotations are only allowed on Tensor");
  } else if (eat(p, '!')) {
    a->mutated = true;
    if (kind != FX_ARG_TENSOR)
      return fail(p, annotAt, "'!' is only allowed on Tensor");
  }
  skipSpace(p);
  size_t listAt = p->pos;
  if (eat(p, '[')) {
    skipSpace(p);
    /* `int[2] stride`: the size is kept so that two declarations differing
     * only in it are told apart (fxSchemaCompare). */
    size_t sizeAt = p->pos;
    int digits = 0; /* leading zeros do not count: `int[0003]` is 3 */
    for (; p->s[p->pos] >= '0' && p->s[p->pos] <= '9'; p->pos++) {
      int d = p->s[p->pos] - '0';
      if ((a->listSize > 0 || d) && ++digits > 9)
        return fail(p, sizeAt, "list size has more than 9 digits");
      a->listSize = (a->listSize < 0 ? 0 : a->listSize * 10) + d;
    }
    if (!expect(p, ']'))
      return false;
    if ((kind = findKind(p->s + at, n, true)) < 0)
      return fail(p, listAt, "'%.*s' has no list type", (int)n, p->s + at);
  }
  a->kind = (FxArgKind)kind;
  a->optional = eat(p, '?');
  return true;
}

/* A default runs to the next top-level ',' or ')': brackets nest and quotes
 * hide both, so `[0, 1]` and `"a,b)"` stay whole.  Its meaning is left to
 * the verifier; here it is only kept as text. */
static bool parseDefault(Parser *p, FxSchemaArg *a) {
  enum { MAX_DEPTH = 32 };
  char closer[MAX_DEPTH];
  size_t openAt[MAX_DEPTH];
  int depth = 0;
  skipSpace(p);
  size_t start = p->pos;
  for (char c; (c = p->s[p->pos]) != '\0';) {
    if (c == '"' || c == '\'') {
      size_t q = p->pos++;
      while (p->s[p->pos] && p->s[p->pos] != c)
        p->pos += p->s[p->pos] == '\\' && p->s[p->pos + 1] ? 2 : 1;
      if (!p->s[p->pos])
        return fail(p, q, "unterminated string");
    } else if (c == '[' || c == '(') {
      if (depth == MAX_DEPTH)
        return fail(p, p->pos, "default value nested too deeply");
      closer[depth] = c == '[' ? ']' : ')';
      openAt[depth++] = p->pos;
    } else if (c == ']' || c == ')') {
      if (!depth && c == ')')
        break;
      if (!depth || closer[depth - 1] != c)
        return fail(p, p->pos, "unbalanced '%c'", c);
      depth--;
    } else if (c == ',' && !depth) {
      break;
    }
    p->pos++;
  }
  if (depth)
    return fail(p, openAt[depth - 1], "unbalanced '%c'",
                closer[depth - 1] == ']' ? '[' : '(');
  size_t end = p->pos;
  while (end > start && isSpace(p->s[end - 1]))
    end--;
  if (end == start)
    return fail(p, start, "empty default value");
  a->hasDefault = true;
  a->defaultText = poolCopy(p, p->s + start, end - start);
  return true;
}

static bool parseParams(Parser *p, FxSchema *s) {
  bool kwargOnly = false;
  if (eat(p, ')'))
    return true;
  for (int more = 1; more;) {
    skipSpace(p);
    size_t at = p->pos;
    if (p->s[at] == '*') {
      p->pos++;
      if (kwargOnly)
        return fail(p, at, "duplicate '*'");
      kwargOnly = true;
      if ((more = separator(p)) < 0)
        return false;
      if (!more)
        return fail(p, at, "'*' must be followed by a parameter");
      continue;
    }
    FxSchemaArg *a = newSlot(p);
    if (!a || !parseType(p, a, true))
      return false;
    size_t n = ident(p, &at);
    if (!n)
      return fail(p, at, "expected parameter name");
    size_t pos = namePos(p, p->s + at, n);
    if (p->names[pos] >= 0)
      return fail(p, at, "duplicate parameter '%.*s'", (int)(n > 64 ? 64 : n),
                  p->s + at);
    a->name = poolCopy(p, p->s + at, n);
    p->names[pos] = (int32_t)(a - p->slots);
    a->kwargOnly = kwargOnly;
    s->numArgs++;
    if (eat(p, '=') && !parseDefault(p, a))
      return false;
    if ((more = separator(p)) < 0)
      return false;
  }
  return true;
}

/* One return: a type and an optional name. */
static bool parseReturn(Parser *p, FxSchema *s) {
  FxSchemaArg *r = newSlot(p);
  size_t at;
  if (!r || !parseType(p, r, false))
    return false;
  size_t n = ident(p, &at);
  r->name = poolCopy(p, p->s + at, n);
  s->numReturns++;
  return true;
}

/* Parses the whole schema into `s`, whose slots and pool `p` already holds. */
static bool parseSchema(Parser *p, FxSchema *s, const char *ns) {
  size_t nsLen = ns ? strlen(ns) : 0, nameAt, ovlAt = 0, ovlLen = 0;
  size_t nameLen = ident(p, &nameAt);
  skipSpace(p);
  if (nameLen && p->s[p->pos] == ':' && p->s[p->pos + 1] == ':') {
    ns = p->s + nameAt, nsLen = nameLen; /* the text's own namespace wins */
    p->pos += 2;
    nameLen = ident(p, &nameAt);
  } else {
    for (size_t i = 0; i < nsLen; i++)
      if (!isIdent(ns[i], i == 0))
        return fail(p, 0, "invalid namespace '%.*s'",
                    (int)(nsLen > 64 ? 64 : nsLen), ns);
  }
  size_t textAt = nameAt;
  if (!nameLen)
    return fail(p, nameAt, "expected op name");
  if (eat(p, '.') && !(ovlLen = ident(p, &ovlAt)))
    return fail(p, ovlAt, "expected overload name");
  if (!nsLen)
    return fail(p, textAt, "schema has no namespace");
  if (!expect(p, '(') || !parseParams(p, s))
    return false;
  s->returns = p->slots + s->numArgs;
  skipSpace(p);
  if (p->s[p->pos] != '-' || p->s[p->pos + 1] != '>')
    return fail(p, p->pos, "missing '->'");
  p->pos += 2;
  if (!eat(p, '(')) { /* a single return, else `()` or a tuple */
    if (!parseReturn(p, s))
      return false;
  } else if (!eat(p, ')')) {
    for (int more = 1; more;)
      if (!parseReturn(p, s) || (more = separator(p)) < 0)
        return false;
  }
  skipSpace(p);
  if (p->s[p->pos])
    return fail(p, p->pos, "trailing characters");

  size_t end = p->pos;
  while (end > textAt && isSpace(p->s[end - 1]))
    end--;
  s->text = poolCopy(p, p->s + textAt, end - textAt);
  s->name = poolCopy(p, p->s + nameAt, nameLen);
  s->overload = poolCopy(p, p->s + ovlAt, ovlLen);
  int qLen = snprintf(p->pool, p->poolEnd - p->pool, "%.*s::%s%s%s", (int)nsLen,
                      ns, s->name, ovlLen ? "." : "", s->overload);
  if (qLen < 0 || (size_t)qLen >= (size_t)(p->poolEnd - p->pool) || p->overflow)
    return fail(p, 0, "internal error: string pool exhausted");
  s->qualifiedName = p->pool;
  p->pool += qLen + 1;
  return true;
}

FxSchema *fxSchemaParse(const char *ns, const char *text, char *err,
                        size_t errLen) {
  Parser p = {.s = text ? text : "", .err = err, .errLen = errLen};
  if (err && errLen)
    err[0] = '\0';
  size_t n = strlen(p.s), nsLen = ns ? strlen(ns) : 0;
  /* The length cap keeps the int counts and the size sums below in range. */
  if (!text || n > INT_MAX / 8 || nsLen > INT_MAX / 8)
    return fail(&p, 0, text ? "schema too long" : "schema text is null"), NULL;
  /* Every parameter but the last and every return but the last is followed
   * by a comma, so commas + 2 slots suffice.  The pool holds "", the text,
   * name and overload (each at most n + 1), the qualified name (at most
   * nsLen + n + 4) and the slots' names, aliases and defaults (disjoint
   * pieces of the text, plus a NUL each). */
  p.cap = 2;
  for (const char *c = p.s; *c; c++)
    p.cap += *c == ',';
  size_t poolSize = 5 * n + nsLen + 3 * p.cap + 16;
  for (p.namesCap = 16; p.namesCap < 2 * p.cap; p.namesCap *= 2)
    ;
  Block *b = malloc(sizeof *b + p.cap * sizeof(FxSchemaArg) + poolSize);
  p.names = malloc(p.namesCap * sizeof *p.names);
  if (!b || !p.names) {
    free(b);
    free(p.names);
    return fail(&p, 0, "out of memory"), NULL;
  }
  memset(p.names, 0xFF, p.namesCap * sizeof *p.names); /* all -1: empty */
  p.slots = b->slots;
  p.pool = (char *)(b->slots + p.cap);
  p.poolEnd = p.pool + poolSize;
  *p.pool++ = '\0';
  p.empty = p.pool - 1;
  static _Atomic uint64_t serials;
  b->schema = (FxSchema){.args = p.slots, .overload = p.empty,
                         .serial = atomic_fetch_add(&serials, 1) + 1};
  bool ok = parseSchema(&p, &b->schema, ns);
  free(p.names);
  if (!ok) {
    free(b);
    return NULL;
  }
  return &b->schema;
}

void fxSchemaDestroy(FxSchema *schema) { free(schema); }

int fxSchemaFindArg(const FxSchema *schema, const char *name, size_t len) {
  for (int i = 0; schema && name && i < schema->numArgs; i++)
    if (strlen(schema->args[i].name) == len &&
        !memcmp(schema->args[i].name, name, len))
      return i;
  return -1;
}

int fxSchemaFindOperandParam(const FxSchema *schema, const char *name,
                             size_t len, int64_t *element) {
  if (element)
    *element = -1;
  int p = fxSchemaFindArg(schema, name, len);
  int64_t k;
  size_t base = p < 0 ? fxOperandNameItem(name, len, &k) : 0;
  if (!base)
    return p;
  p = fxSchemaFindArg(schema, name, base);
  if (p < 0 || schema->args[p].kind != FX_ARG_TENSOR_LIST)
    return -1;
  if (element)
    *element = k;
  return p;
}

size_t fxOperandNameItem(const char *name, size_t len, int64_t *k) {
  if (!name || len < 4 || name[len - 1] != ']')
    return 0;
  size_t open = len - 1;
  while (open > 0 && name[open - 1] >= '0' && name[open - 1] <= '9')
    --open;
  size_t digits = len - 1 - open;
  if (!digits || digits > 18 || open < 2 || name[open - 1] != '[' ||
      (digits > 1 && name[open] == '0'))
    return 0;
  *k = 0;
  for (size_t i = open; i < len - 1; ++i)
    *k = 10 * *k + (name[i] - '0');
  return open - 1;
}

int fxSchemaNumMutated(const FxSchema *schema) {
  int n = 0;
  for (int i = 0; schema && i < schema->numArgs; i++)
    n += schema->args[i].mutated;
  return n;
}

int fxSchemaUnwrittenAliasReturn(const FxSchema *schema, const bool *present,
                                 const char **alias) {
  for (int t = 0, r = 0; t < schema->numReturns; ++t) {
    const FxSchemaArg *ret = &schema->returns[t];
    if (ret->kind != FX_ARG_TENSOR)
      continue;
    ++r;
    if (!ret->alias[0])
      continue;
    bool written = false;
    for (int p = 0; p < schema->numArgs && !written; ++p)
      written = present && present[p] && schema->args[p].mutated &&
                !strcmp(schema->args[p].alias, ret->alias);
    if (!written) {
      *alias = ret->alias;
      return r - 1;
    }
  }
  return -1;
}

/*===-- Comparing schemas --------------------------------------------------===*/

/* A parameter or return as the grammar spells it, canonically:
 * "Tensor(a!)? name=None", keyword-only ones with a "*, " prefix. */
static void renderArg(const FxSchemaArg *a, char *buf, size_t size) {
  const char *kind = fxArgKindName(a->kind);
  bool isList = strstr(kind, "[]") != NULL;
  size_t baseLen = strlen(kind) - (isList ? 2 : 0);
  char annot[80] = "", list[16] = "";
  if (a->alias[0])
    snprintf(annot, sizeof annot, "(%.64s%s)", a->alias, a->mutated ? "!" : "");
  else if (a->mutated)
    strcpy(annot, "!");
  if (isList && a->listSize >= 0)
    snprintf(list, sizeof list, "[%d]", a->listSize);
  else if (isList)
    strcpy(list, "[]");
  snprintf(buf, size, "%s%.*s%s%s%s%s%.64s%s%.64s", a->kwargOnly ? "*, " : "",
           (int)baseLen, kind, annot, list, a->optional ? "?" : "",
           a->name[0] ? " " : "", a->name, a->hasDefault ? "=" : "",
           a->defaultText);
}

/* List sizes count only when both sides give one: `int[]` restates vLLM's
 * `(int, int)` (the built-in table spells group_shape so), and a size never
 * changes how a list is passed; `int[2]` against `int[3]` is a different
 * declaration. */
static bool sameArg(const FxSchemaArg *a, const FxSchemaArg *b) {
  return a->kind == b->kind && a->optional == b->optional &&
         a->mutated == b->mutated && a->hasDefault == b->hasDefault &&
         a->kwargOnly == b->kwargOnly &&
         (a->listSize < 0 || b->listSize < 0 || a->listSize == b->listSize) &&
         !strcmp(a->name, b->name) &&
         !strcmp(a->alias, b->alias) && !strcmp(a->defaultText, b->defaultText);
}

/* Compares one list (parameters or returns); describes the first
 * difference as `what` N. */
static int compareArgs(const char *what, const FxSchemaArg *a, int na,
                       const FxSchemaArg *b, int nb, char *diff, size_t len) {
  char x[256], y[256];
  for (int i = 0; i < na || i < nb; i++) {
    if (i < na && i < nb && sameArg(&a[i], &b[i]))
      continue;
    if (i < na)
      renderArg(&a[i], x, sizeof x);
    if (i < nb)
      renderArg(&b[i], y, sizeof y);
    if (!len)
      return 1;
    if (i >= na)
      snprintf(diff, len, "has no %s %d ('%s')", what, i, y);
    else if (i >= nb)
      snprintf(diff, len, "has an extra %s %d ('%s')", what, i, x);
    else
      snprintf(diff, len, "%s %d is '%s', not '%s'", what, i, x, y);
    return 1;
  }
  return 0;
}

int fxSchemaCompare(const FxSchema *a, const FxSchema *b, char *diff,
                    size_t diffLen) {
  if (diff && diffLen)
    diff[0] = '\0';
  else
    diffLen = 0;
  return compareArgs("parameter", a->args, a->numArgs, b->args, b->numArgs,
                     diff, diffLen) ||
         compareArgs("return", a->returns, a->numReturns, b->returns,
                     b->numReturns, diff, diffLen);
}
