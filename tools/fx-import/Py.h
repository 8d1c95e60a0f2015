/* Py.h - the Python subset of FX graph dumps: cleaned lines and expressions.
 *
 * fx-import reads text that torch printed with `repr` (fx-dumps.md §4-5):
 * names (dotted, as one token), ints, floats, strings, None/True/False,
 * lists, tuples, calls with keyword arguments, subscripts and the SymInt
 * arithmetic FX prints for Sym nodes.  No MLIR here.
 *
 * Ownership: every node and unescaped string lives in a PyArena, created
 * with pyArenaCreate and released, all at once, with pyArenaDestroy. */
#ifndef FX_IMPORT_PY_H
#define FX_IMPORT_PY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct PyArena PyArena;
PyArena *pyArenaCreate(void);
void pyArenaDestroy(PyArena *arena);
/* Zeroed memory that lives as long as the arena; never NULL (aborts when
 * the process is out of memory, like every other allocation of fx-import). */
void *pyArenaAlloc(PyArena *arena, size_t size);

typedef enum PyKind {
  PY_NAME,   /* a name, dotted or not: `x`, `torch.ops.aten.mm.default`, `inf` */
  PY_INT,    /* fits in int64                                                 */
  PY_FLOAT,
  PY_STR,
  PY_NONE,
  PY_BOOL,
  PY_LIST,
  PY_TUPLE,
  PY_CALL,      /* callee(args..., kw = value...)                            */
  PY_SUBSCRIPT, /* base[index]                                               */
  PY_BINOP,     /* lhs op rhs (SymInt arithmetic, comparisons)               */
} PyKind;

typedef struct PyExpr PyExpr;
struct PyExpr {
  PyKind kind;
  int col;          /* 1-based column of the first character              */
  const char *text; /* NAME: the name; STR: the unescaped value; BINOP: op */
  size_t len;
  int64_t i;        /* INT, BOOL                                           */
  double f;         /* FLOAT                                               */
  PyExpr *base;     /* CALL: callee; SUBSCRIPT: base; BINOP: lhs           */
  PyExpr *rhs;      /* SUBSCRIPT: index; BINOP: rhs                        */
  int n;            /* LIST/TUPLE items, CALL positional arguments         */
  PyExpr **items;
  int nkw;          /* CALL keyword arguments                              */
  const char **kwNames;
  size_t *kwLens;
  PyExpr **kwValues;
};

/* Whether `e` is the name `s`. */
bool pyIsName(const PyExpr *e, const char *s);

/* A parse error: 1-based column and a lowercase message. */
typedef struct PyError {
  int col;
  char message[256];
} PyError;

/* Parses the expression in line[from, to) (columns are counted from `line`).
 * NULL on error, with `err` filled. */
PyExpr *pyParseExpr(PyArena *arena, const char *line, size_t from, size_t to,
                    PyError *err);

/* Offset of the first top-level `ch` in line[from, to) — outside strings
 * and brackets — or `to` when there is none. */
size_t pyFindTopLevel(const char *line, size_t from, size_t to, char ch);

/* Cleans one raw line of a dump in place and returns its new length: drops
 * ANSI escapes, a trailing '\r', and the log prefix TORCH_LOGS puts on
 * every line (`[rank0]:I0716 11:20:08.832000 1398 path.py:189] [8/1_1]
 * [__aot_graphs] `).  Sets *prefixCols to the number of columns removed
 * before the first kept character (for error columns).  When `map` is not
 * NULL (room for `len` ints) it receives, for each kept byte, its offset in
 * the raw line. */
size_t pyCleanLine(char *line, size_t len, int *prefixCols, int *map);

#endif
