/* programs.h - random view programs for test/Passes/region-model.c, and
 * their brute-force meaning.
 *
 * A program is one function: storage roots (function arguments) and trees
 * of fx.slice / fx.reshape / fx.view below them, held as plain values
 * (Prog) so the test can print any part of it as MLIR and simulate it
 * without the region model.  Everything here is values: a Prog owns no
 * memory; a Text owns its buffer (free(t.s)); a Sim points into storage of
 * progSimulate that the next call overwrites.
 */
#ifndef FX_TEST_REGION_PROGRAMS_H
#define FX_TEST_REGION_PROGRAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  MAX_RANK = 5,     /* of any view; roots have 1-4 dims */
  MAX_VALS = 24,    /* values of one program */
  MAX_SYMS = 24,    /* s0 and the fresh symbols */
  MAX_ELEMS = 1024, /* elements of any root under any binding */
  MAX_SCATTER = 2,  /* extra roots standing for slice_scatter results */
  SYM_MAX = 12,     /* s0 takes 0..SYM_MAX */
  WORDS = MAX_ELEMS / 64,
};
#define TO_END INT64_MAX            /* torch's "to the end" */
#define HUGE_END ((int64_t)1 << 62) /* an end past any dim */

/*===-- Programs ----------------------------------------------------------===*/

typedef struct Dim {
  int64_t size;
  int sym; /* >= 0: the symbol "s<sym>" (size unused) */
} Dim;
typedef struct Bound {
  int64_t v;
  int sym; /* >= 0: the symbol "s<sym>", plus v for a slice bound
            * ("s0 - 2"; 0 elsewhere) */
  const char *expr; /* a slice bound: this canonical expression over s<sym>
                     * instead (v unused), or NULL */
} Bound;

static inline Dim stat(int64_t n) { return (Dim){n, -1}; }
static inline Dim symDim(int s) { return (Dim){-1, s}; }
static inline Bound num(int64_t v) { return (Bound){v, -1, NULL}; }
static inline Bound symB(int s) { return (Bound){0, s, NULL}; }

typedef enum Kind { ROOT, SLICE, RESHAPE, VIEW } Kind;

typedef struct Val {
  Kind kind;
  int parent; /* the input; -1 for roots */
  int root;   /* the root of this value's tree */
  int base;   /* roots: the value of the first tree whose layout it has (a
               * slice_scatter result into that view), or -1 */
  int rank;
  Dim dims[MAX_RANK];
  int64_t dimAttr, step; /* SLICE */
  Bound start, end;      /* SLICE */
  Bound shape[MAX_RANK]; /* RESHAPE/VIEW entries (v == -1: inferred) */
  bool exact; /* static, from a static root by slices and splits only: the
               * class the model must answer exactly */
} Val;

typedef struct Prog {
  char name[48];
  bool symbolic; /* s0 is bound to 0..SYM_MAX */
  int n, numSyms;
  Val v[MAX_VALS];
} Prog;

void progInit(Prog *p, const char *name, bool symbolic);
/* A fresh symbol's number, or -1 when MAX_SYMS are used. */
int progNewSym(Prog *p);
/* Each returns the new value's index.  `dims`: the result type, which the
 * caller computes (torch's sizes; a fresh symbol where the size is not
 * static). */
int progAddRoot(Prog *p, int rank, const Dim *dims, int base);
int progAddSlice(Prog *p, int in, int64_t dimAttr, Bound start, Bound end,
                 int64_t step, Dim result);
int progAddReshape(Prog *p, int in, Kind kind, int rank, const Dim *dims,
                   const Bound *shape);

/* A random program: the family `index` falls in, seeded by (seed, index);
 * returns the family's number. */
int progGenerate(Prog *p, uint64_t seed, long index);
int progNumFamilies(void);
const char *progFamilyName(int family);

/*===-- Text --------------------------------------------------------------===*/

typedef struct Text {
  char *s;
  size_t n, cap;
} Text;

/* printf onto the end of `t`. */
void textPut(Text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The program in MLIR's generic form, only the values in `keep` unless it
 * is NULL.  Roots are the first arguments (%v<i>), then an !fx.sym argument
 * (%n<k>) per symbol that no kept root has as a dim. */
void progText(const Prog *p, const bool *keep, Text *t);

/*===-- Brute force -------------------------------------------------------===*/

typedef struct Binding {
  int64_t val[MAX_SYMS];
  bool set[MAX_SYMS];
} Binding;

/* A value under one binding: its shape and, for each of its elements in
 * row-major order, the element of its root it is (a row-major linear index
 * into the root), also as a set over the root's elements. */
typedef struct Sim {
  int rank;
  int64_t shape[MAX_RANK], n;
  const int32_t *idx;
  uint64_t set[WORDS];
} Sim;

static inline bool setHas(const uint64_t *s, int64_t i) {
  return s[i >> 6] >> (i & 63) & 1;
}

void rowMajorStrides(const int64_t *shape, int rank, int64_t *strides);
/* Simulates every value of `p` as torch would, given s0 in `b`; the fresh
 * symbols take their values where they first appear.  false when the
 * binding makes the program invalid (a static dim of a type disagrees with
 * the size computed, a size cannot be inferred): it would fail at run
 * time. */
bool progSimulate(const Prog *p, Binding *b, Sim *sims);

#endif /* FX_TEST_REGION_PROGRAMS_H */
