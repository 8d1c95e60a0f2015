/* Py.c - lines and expressions of FX graph dumps (see Py.h). */
#include "Py.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- Arena ---------------------------------------------------------------===*/

typedef struct Chunk {
  struct Chunk *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
} Chunk;

struct PyArena {
  Chunk *head;
};

PyArena *pyArenaCreate(void) {
  PyArena *a = calloc(1, sizeof *a);
  if (!a)
    abort();
  return a;
}

void pyArenaDestroy(PyArena *arena) {
  if (!arena)
    return;
  for (Chunk *c = arena->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(arena);
}

void *pyArenaAlloc(PyArena *arena, size_t size) {
  size = (size + 15) & ~(size_t)15;
  Chunk *c = arena->head;
  if (!c || c->size - c->used < size) {
    size_t cap = size > 65536 ? size : 65536;
    c = malloc(sizeof *c + cap);
    if (!c)
      abort();
    c->used = 0;
    c->size = cap;
    c->next = arena->head;
    arena->head = c;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

bool pyIsName(const PyExpr *e, const char *s) {
  return e && e->kind == PY_NAME && strlen(s) == e->len &&
         memcmp(e->text, s, e->len) == 0;
}

/*===-- Lines ---------------------------------------------------------------===*/

static bool isNameStart(char c) { return isalpha((unsigned char)c) || c == '_'; }
static bool isNameChar(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Skips `[a-zA-Z_0-9/.:-]+` (no spaces), returns the new position. */
static size_t skipToken(const char *s, size_t i, size_t n) {
  while (i < n && !isspace((unsigned char)s[i]))
    ++i;
  return i;
}

/* The glog prefix of TORCH_LOGS lines: `[rankN]:` then `L0716 11:20:08.832000
 * 139860061939520 path/file.py:189] `, then optional `[8/1_1] ` and
 * `[__aot_graphs] `.  Returns the offset after it, or 0 when absent. */
static size_t logPrefix(const char *s, size_t n) {
  size_t i = 0;
  if (n > 5 && memcmp(s, "[rank", 5) == 0) {
    i = 5;
    while (i < n && isdigit((unsigned char)s[i]))
      ++i;
    if (i + 1 >= n || s[i] != ']' || s[i + 1] != ':')
      return 0;
    i += 2;
  }
  /* Level letter and MMDD. */
  if (i + 5 > n || !strchr("IWEVD", s[i]) || s[i] == '\0')
    return 0;
  for (int k = 1; k <= 4; ++k)
    if (!isdigit((unsigned char)s[i + k]))
      return 0;
  if (s[i + 5] != ' ')
    return 0;
  i = skipToken(s, i + 6, n); /* time */
  while (i < n && s[i] == ' ')
    ++i;
  i = skipToken(s, i, n); /* thread id */
  while (i < n && s[i] == ' ')
    ++i;
  size_t file = i;
  i = skipToken(s, i, n); /* path:line] */
  if (i == file || s[i - 1] != ']')
    return 0;
  if (i < n && s[i] == ' ')
    ++i;
  /* `[compile id] ` and `[__artifact] `: bracketed, no spaces inside. */
  for (int k = 0; k < 2 && i < n && s[i] == '['; ++k) {
    size_t j = i + 1;
    while (j < n && s[j] != ']' && s[j] != ' ')
      ++j;
    if (j >= n || s[j] != ']')
      break;
    i = j + 1;
    if (i < n && s[i] == ' ')
      ++i;
  }
  return i;
}

size_t pyCleanLine(char *line, size_t len, int *prefixCols, int *map) {
  size_t out = 0;
  for (size_t i = 0; i < len;) {
    if (line[i] == '\x1b' && i + 1 < len && line[i + 1] == '[') {
      i += 2;
      while (i < len && !isalpha((unsigned char)line[i]))
        ++i;
      i += i < len;
      continue;
    }
    if (map)
      map[out] = (int)i;
    line[out++] = line[i++];
  }
  while (out > 0 && (line[out - 1] == '\r' || line[out - 1] == '\n'))
    --out;
  size_t p = logPrefix(line, out);
  *prefixCols = (int)p;
  if (p) {
    memmove(line, line + p, out - p);
    if (map)
      memmove(map, map + p, (out - p) * sizeof *map);
    out -= p;
  }
  return out;
}

size_t pyFindTopLevel(const char *s, size_t from, size_t to, char ch) {
  int depth = 0;
  for (size_t i = from; i < to; ++i) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      for (++i; i < to && s[i] != c; ++i)
        i += s[i] == '\\';
      continue;
    }
    if (c == ch && depth == 0)
      return i;
    depth += (c == '(' || c == '[' || c == '{');
    depth -= (c == ')' || c == ']' || c == '}') && depth > 0;
  }
  return to;
}

/*===-- Expressions ---------------------------------------------------------===*/

typedef struct P {
  PyArena *arena;
  const char *s;
  size_t i, end;
  PyError *err;
  int depth;
} P;

#define PY_MAX_DEPTH 200

static PyExpr *fail(P *p, size_t at, const char *fmt, ...) {
  if (p->err->message[0] == '\0') {
    p->err->col = (int)at + 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
  }
  return NULL;
}

static void ws(P *p) {
  while (p->i < p->end && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
    ++p->i;
}

static bool eat(P *p, const char *tok) {
  ws(p);
  size_t n = strlen(tok);
  if (p->end - p->i >= n && memcmp(p->s + p->i, tok, n) == 0) {
    p->i += n;
    return true;
  }
  return false;
}

static PyExpr *node(P *p, PyKind kind, size_t at) {
  PyExpr *e = pyArenaAlloc(p->arena, sizeof *e);
  e->kind = kind;
  e->col = (int)at + 1;
  return e;
}

static PyExpr *parseExpr(P *p);

static PyExpr *parseString(P *p) {
  size_t at = p->i;
  char q = p->s[p->i++];
  char *buf = pyArenaAlloc(p->arena, p->end - p->i + 1);
  size_t n = 0;
  for (;;) {
    if (p->i >= p->end)
      return fail(p, at, "unterminated string");
    char c = p->s[p->i++];
    if (c == q)
      break;
    if (c == '\\') {
      if (p->i >= p->end)
        return fail(p, at, "unterminated string");
      char e = p->s[p->i++];
      switch (e) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case '0': c = '\0'; break;
      case '\\': case '\'': case '"': c = e; break;
      case 'x': {
        if (p->end - p->i < 2 || !isxdigit((unsigned char)p->s[p->i]) ||
            !isxdigit((unsigned char)p->s[p->i + 1]))
          return fail(p, p->i - 2, "bad \\x escape in string");
        char hex[3] = {p->s[p->i], p->s[p->i + 1], 0};
        c = (char)strtol(hex, NULL, 16);
        p->i += 2;
        break;
      }
      default:
        return fail(p, p->i - 2, "unsupported escape '\\%c' in string", e);
      }
    }
    buf[n++] = c;
  }
  PyExpr *e = node(p, PY_STR, at);
  e->text = buf;
  e->len = n;
  return e;
}

static PyExpr *parseNumber(P *p) {
  size_t at = p->i, j = p->i;
  bool isFloat = false;
  while (j < p->end && (isalnum((unsigned char)p->s[j]) || p->s[j] == '.' ||
                        ((p->s[j] == '-' || p->s[j] == '+') &&
                         (p->s[j - 1] == 'e' || p->s[j - 1] == 'E')))) {
    isFloat |= p->s[j] == '.' || p->s[j] == 'e' || p->s[j] == 'E';
    ++j;
  }
  char buf[64];
  if (j - at >= sizeof buf)
    return fail(p, at, "number too long");
  memcpy(buf, p->s + at, j - at);
  buf[j - at] = '\0';
  char *endp;
  errno = 0;
  PyExpr *e;
  if (isFloat) {
    e = node(p, PY_FLOAT, at);
    e->f = strtod(buf, &endp);
  } else {
    e = node(p, PY_INT, at);
    e->i = strtoll(buf, &endp, 10);
    if (errno == ERANGE)
      return fail(p, at, "integer %s does not fit in 64 bits", buf);
  }
  if (*endp != '\0')
    return fail(p, at, "malformed number '%s'", buf);
  p->i = j;
  return e;
}

/* items until `close`; a trailing comma is allowed.  Sets *sawComma. */
static bool parseItems(P *p, char close, PyExpr ***items, int *n,
                       bool *sawComma) {
  int cap = 0;
  *items = NULL;
  *n = 0;
  *sawComma = false;
  for (;;) {
    ws(p);
    if (p->i < p->end && p->s[p->i] == close) {
      ++p->i;
      return true;
    }
    PyExpr *e = parseExpr(p);
    if (!e)
      return false;
    if (*n == cap) {
      int ncap = cap ? cap * 2 : 4;
      PyExpr **grown = pyArenaAlloc(p->arena, ncap * sizeof *grown);
      if (*n)
        memcpy(grown, *items, *n * sizeof *grown);
      *items = grown;
      cap = ncap;
    }
    (*items)[(*n)++] = e;
    ws(p);
    if (eat(p, ",")) {
      *sawComma = true;
      continue;
    }
    if (p->i < p->end && p->s[p->i] == close) {
      ++p->i;
      return true;
    }
    fail(p, p->i, "expected ',' or '%c'", close);
    return false;
  }
}

static PyExpr *parseCall(P *p, PyExpr *callee) {
  PyExpr *e = node(p, PY_CALL, (size_t)callee->col - 1);
  e->base = callee;
  int cap = 0, kcap = 0;
  for (;;) {
    ws(p);
    if (eat(p, ")"))
      return e;
    /* keyword argument: NAME '=' (not '==') */
    size_t save = p->i, j = p->i;
    const char *kw = NULL;
    size_t kwLen = 0;
    if (j < p->end && isNameStart(p->s[j])) {
      while (j < p->end && isNameChar(p->s[j]))
        ++j;
      size_t k = j;
      while (k < p->end && p->s[k] == ' ')
        ++k;
      if (k < p->end && p->s[k] == '=' && (k + 1 >= p->end || p->s[k + 1] != '=')) {
        kw = p->s + save;
        kwLen = j - save;
        p->i = k + 1;
      }
    }
    PyExpr *v = parseExpr(p);
    if (!v)
      return NULL;
    if (kw) {
      if (e->nkw == kcap) {
        int ncap = kcap ? kcap * 2 : 8;
        const char **names = pyArenaAlloc(p->arena, ncap * sizeof *names);
        size_t *lens = pyArenaAlloc(p->arena, ncap * sizeof *lens);
        PyExpr **vals = pyArenaAlloc(p->arena, ncap * sizeof *vals);
        if (e->nkw) {
          memcpy(names, e->kwNames, e->nkw * sizeof *names);
          memcpy(lens, e->kwLens, e->nkw * sizeof *lens);
          memcpy(vals, e->kwValues, e->nkw * sizeof *vals);
        }
        e->kwNames = names;
        e->kwLens = lens;
        e->kwValues = vals;
        kcap = ncap;
      }
      e->kwNames[e->nkw] = kw;
      e->kwLens[e->nkw] = kwLen;
      e->kwValues[e->nkw++] = v;
    } else {
      if (e->nkw)
        return fail(p, save, "positional argument after keyword argument");
      if (e->n == cap) {
        int ncap = cap ? cap * 2 : 8;
        PyExpr **grown = pyArenaAlloc(p->arena, ncap * sizeof *grown);
        if (e->n)
          memcpy(grown, e->items, e->n * sizeof *grown);
        e->items = grown;
        cap = ncap;
      }
      e->items[e->n++] = v;
    }
    if (eat(p, ","))
      continue;
    if (eat(p, ")"))
      return e;
    return fail(p, p->i, "expected ',' or ')' in call");
  }
}

static PyExpr *parsePrimary(P *p) {
  ws(p);
  if (p->i >= p->end)
    return fail(p, p->i, "expected an expression");
  size_t at = p->i;
  char c = p->s[at];
  PyExpr *e;
  if (c == '\'' || c == '"') {
    e = parseString(p);
  } else if (isdigit((unsigned char)c) ||
             (c == '.' && at + 1 < p->end && isdigit((unsigned char)p->s[at + 1]))) {
    e = parseNumber(p);
  } else if (isNameStart(c)) {
    size_t j = at;
    while (j < p->end && (isNameChar(p->s[j]) ||
                          (p->s[j] == '.' && j + 1 < p->end && isNameStart(p->s[j + 1]))))
      ++j;
    p->i = j;
    size_t n = j - at;
    if (n == 4 && memcmp(p->s + at, "None", 4) == 0) {
      e = node(p, PY_NONE, at);
    } else if ((n == 4 && memcmp(p->s + at, "True", 4) == 0) ||
               (n == 5 && memcmp(p->s + at, "False", 5) == 0)) {
      e = node(p, PY_BOOL, at);
      e->i = n == 4;
    } else if ((n == 3 && memcmp(p->s + at, "inf", 3) == 0) ||
               (n == 8 && memcmp(p->s + at, "math.inf", 8) == 0)) {
      e = node(p, PY_FLOAT, at);
      e->f = INFINITY;
    } else if (n == 3 && memcmp(p->s + at, "nan", 3) == 0) {
      e = node(p, PY_FLOAT, at);
      e->f = NAN;
    } else {
      e = node(p, PY_NAME, at);
      e->text = p->s + at;
      e->len = n;
    }
  } else if (c == '[' || c == '(') {
    ++p->i;
    bool comma;
    PyExpr **items;
    int n;
    if (!parseItems(p, c == '[' ? ']' : ')', &items, &n, &comma))
      return NULL;
    if (c == '(' && n == 1 && !comma)
      return items[0]; /* parenthesised expression */
    e = node(p, c == '[' ? PY_LIST : PY_TUPLE, at);
    e->items = items;
    e->n = n;
  } else {
    return fail(p, at, "unexpected character '%c'", c);
  }
  return e;
}

static PyExpr *parsePostfix(P *p) {
  PyExpr *e = parsePrimary(p);
  while (e) {
    ws(p);
    if (p->i < p->end && p->s[p->i] == '(') {
      ++p->i;
      e = parseCall(p, e);
    } else if (p->i < p->end && p->s[p->i] == '[') {
      size_t at = p->i++;
      PyExpr *idx = parseExpr(p);
      if (!idx)
        return NULL;
      if (!eat(p, "]"))
        return fail(p, p->i, "expected ']'");
      PyExpr *s = node(p, PY_SUBSCRIPT, (size_t)e->col - 1);
      (void)at;
      s->base = e;
      s->rhs = idx;
      e = s;
    } else {
      break;
    }
  }
  return e;
}

static PyExpr *parseUnary(P *p) {
  ws(p);
  size_t at = p->i;
  if (p->i < p->end && p->s[p->i] == '-') {
    ++p->i;
    PyExpr *e = parseUnary(p);
    if (!e)
      return NULL;
    if (e->kind == PY_INT) {
      e->i = -e->i;
      e->col = (int)at + 1;
      return e;
    }
    if (e->kind == PY_FLOAT) {
      e->f = -e->f;
      e->col = (int)at + 1;
      return e;
    }
    PyExpr *zero = node(p, PY_INT, at);
    PyExpr *b = node(p, PY_BINOP, at);
    b->text = "-";
    b->len = 1;
    b->base = zero;
    b->rhs = e;
    return b;
  }
  return parsePostfix(p);
}

/* Binary operators of SymInt arithmetic and comparisons; precedence does
 * not matter to fx-import (a Sym node's value comes from its annotation),
 * so they associate left to right. */
static const char *const kBinops[] = {"//", "**", ">=", "<=", "==", "!=", "+",
                                      "-",  "*",  "/",  "%",  "<",  ">",  "&",
                                      "|",  "^"};

static PyExpr *parseExpr(P *p) {
  if (++p->depth > PY_MAX_DEPTH) {
    --p->depth;
    return fail(p, p->i, "expression nested deeper than %d", PY_MAX_DEPTH);
  }
  PyExpr *lhs = parseUnary(p);
  while (lhs) {
    ws(p);
    const char *op = NULL;
    for (size_t k = 0; k < sizeof kBinops / sizeof *kBinops && !op; ++k)
      if (p->end - p->i >= strlen(kBinops[k]) &&
          memcmp(p->s + p->i, kBinops[k], strlen(kBinops[k])) == 0)
        op = kBinops[k];
    if (!op)
      break;
    size_t at = p->i;
    p->i += strlen(op);
    PyExpr *rhs = parseUnary(p);
    if (!rhs) {
      lhs = NULL;
      break;
    }
    PyExpr *b = node(p, PY_BINOP, at);
    b->text = op;
    b->len = strlen(op);
    b->base = lhs;
    b->rhs = rhs;
    lhs = b;
  }
  --p->depth;
  return lhs;
}

PyExpr *pyParseExpr(PyArena *arena, const char *line, size_t from, size_t to,
                    PyError *err) {
  P p = {arena, line, from, to, err, 0};
  err->message[0] = '\0';
  err->col = 0;
  PyExpr *e = parseExpr(&p);
  if (!e)
    return NULL;
  ws(&p);
  if (p.i != p.end)
    return fail(&p, p.i, "unexpected text after the expression");
  return e;
}
