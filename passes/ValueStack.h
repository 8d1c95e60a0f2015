/* ValueStack.h - the stack of the passes' walks over the uses of a value
 * and of its views (Alias.c, FixFunctionalization.c, Layout.c,
 * ReadIndex.c).  Its first FX_VALUE_STACK_LOCAL values live in the record
 * itself, on the walker's stack, so a walk allocates only past them (a
 * malloc and a free per walk were a measurable part of
 * fx-fix-functionalization, docs/performance.md).
 *
 * Ownership: fxValueStackInit starts one empty, without heap memory (it
 * cannot fail); fxValueStackFree releases what pushes allocated.  The
 * record points into itself: do not copy it. */
#ifndef FX_PASSES_VALUESTACK_H
#define FX_PASSES_VALUESTACK_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define FX_VALUE_STACK_LOCAL 16

typedef struct FxValueStack {
  MlirValue *items; /* `local`, or malloc'ed once it outgrew it */
  size_t n, cap;
  MlirValue local[FX_VALUE_STACK_LOCAL];
} FxValueStack;

static inline void fxValueStackInit(FxValueStack *s) {
  s->items = s->local;
  s->n = 0;
  s->cap = FX_VALUE_STACK_LOCAL;
}

static inline void fxValueStackFree(FxValueStack *s) {
  if (s->items != s->local)
    free(s->items);
  fxValueStackInit(s);
}

/* Pushes `v`; false (nothing pushed) when out of memory. */
static inline bool fxValueStackPush(FxValueStack *s, MlirValue v) {
  if (s->n == s->cap) {
    MlirValue *bigger = malloc(2 * s->cap * sizeof *bigger);
    if (!bigger)
      return false;
    memcpy(bigger, s->items, s->n * sizeof *bigger);
    if (s->items != s->local)
      free(s->items);
    s->items = bigger;
    s->cap *= 2;
  }
  s->items[s->n++] = v;
  return true;
}

static inline bool fxValueStackEmpty(const FxValueStack *s) {
  return s->n == 0;
}

/* The value pushed last, removed; the stack must not be empty. */
static inline MlirValue fxValueStackPop(FxValueStack *s) {
  return s->items[--s->n];
}

#endif /* FX_PASSES_VALUESTACK_H */
