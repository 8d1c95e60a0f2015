/* Check.c - --check-passes: bit-for-bit comparison of results and argument
 * buffers against the run without the fx passes. */
#include "Check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Buffer {
  char prefix[24];  /* "out1", "arg0" */
  const char *name; /* "result 1", "argument 0 (%x)" */
  FxRunTensor shape; /* dtype, rank, shape, bytes; data unused */
  bool isArg, compared;
  const void *reference; /* borrowed: a result, or the argument's input */
  void *owned;           /* the reference run's argument, when it changed */
  char *lines;           /* the MISMATCH lines, one per order */
  size_t len;
} Buffer;

struct FxRunCheck {
  int numResults, numArgs;
  Buffer *bufs;
};

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    fxRunDie("out of memory (%zu bytes) in --check-passes", n);
  return p;
}

FxRunCheck *fxRunCheckCreate(int numResults, const char *const *resultNames,
                             int numArgs, const char *const *argNames,
                             const FxRunTensor *inputs) {
  FxRunCheck *c = xmalloc(sizeof *c);
  c->numResults = numResults;
  c->numArgs = numArgs;
  c->bufs = calloc((size_t)(numResults + numArgs) + 1, sizeof *c->bufs);
  if (!c->bufs)
    fxRunDie("out of memory in --check-passes");
  for (int k = 0; k < numResults; ++k) {
    snprintf(c->bufs[k].prefix, sizeof c->bufs[k].prefix, "out%d", k);
    c->bufs[k].name = resultNames[k];
    c->bufs[k].compared = true;
  }
  for (int i = 0; i < numArgs; ++i) {
    Buffer *b = &c->bufs[numResults + i];
    snprintf(b->prefix, sizeof b->prefix, "arg%d", i);
    b->name = argNames[i];
    b->isArg = true;
    b->compared = inputs[i].rank >= 0;
    b->shape = inputs[i];
    b->reference = inputs[i].data;
  }
  return c;
}

void fxRunCheckDestroy(FxRunCheck *c) {
  for (int i = 0; i < c->numResults + c->numArgs; ++i) {
    free(c->bufs[i].owned);
    free(c->bufs[i].lines);
  }
  free(c->bufs);
  free(c);
}

void fxRunCheckSetReference(FxRunCheck *c, const FxRunTensor *results) {
  for (int k = 0; k < c->numResults; ++k) {
    c->bufs[k].shape = results[k];
    c->bufs[k].reference = results[k].data;
  }
}

void fxRunCheckSetReferenceArg(FxRunCheck *c, int arg, const void *final) {
  Buffer *b = &c->bufs[c->numResults + arg];
  /* Most arguments (weights) come back as they went in: keep no copy. */
  if (!b->compared || memcmp(final, b->reference, b->shape.bytes) == 0)
    return;
  b->owned = xmalloc(b->shape.bytes);
  memcpy(b->owned, final, b->shape.bytes);
  b->reference = b->owned;
}

/* Appends a formatted line to b->lines. */
static void addLine(Buffer *b, const char *line) {
  size_t n = strlen(line);
  char *grown = realloc(b->lines, b->len + n + 1);
  if (!grown)
    fxRunDie("out of memory in --check-passes");
  memcpy(grown + b->len, line, n + 1);
  b->lines = grown;
  b->len += n;
}

static void compare(Buffer *b, const void *got, const char *orders) {
  if (!b->compared || memcmp(got, b->reference, b->shape.bytes) == 0)
    return;
  size_t elem = fxDtypeSize(b->shape.dtype);
  int64_t i = 0;
  while (i < b->shape.numel &&
         memcmp((const char *)got + (size_t)i * elem,
                (const char *)b->reference + (size_t)i * elem, elem) == 0)
    ++i;
  /* The element's index in each dim, last dim fastest. */
  int64_t index[FXRT_MAX_RANK], rest = i;
  for (int d = b->shape.rank - 1; d >= 0; --d) {
    index[d] = b->shape.shape[d] ? rest % b->shape.shape[d] : 0;
    rest = b->shape.shape[d] ? rest / b->shape.shape[d] : 0;
  }
  char where[256], want[64], have[64], line[1024];
  fxRunFormatShape(index, b->shape.rank, where, sizeof where);
  fxRunFormatElement(b->reference, b->shape.dtype, i, want, sizeof want);
  fxRunFormatElement(got, b->shape.dtype, i, have, sizeof have);
  snprintf(line, sizeof line,
           "%s: MISMATCH under %s: %s%s, element %" PRId64 " %s: %s without "
           "fx passes, %s with\n",
           b->prefix, orders, b->name, b->isArg ? " after the run" : "", i,
           where, want, have);
  addLine(b, line);
}

void fxRunCheckResults(FxRunCheck *c, const FxRunTensor *results,
                       const char *orders) {
  for (int k = 0; k < c->numResults; ++k)
    compare(&c->bufs[k], results[k].data, orders);
}

void fxRunCheckArg(FxRunCheck *c, int arg, const void *final,
                   const char *orders) {
  compare(&c->bufs[c->numResults + arg], final, orders);
}

int fxRunCheckReport(FxRunCheck *c) {
  int differ = 0, argDiffer = 0, compared = 0, skipped = 0, written = 0;
  for (int i = 0; i < c->numResults + c->numArgs; ++i) {
    Buffer *b = &c->bufs[i];
    if (b->isArg) {
      compared += b->compared;
      skipped += !b->compared;
      written += b->owned != NULL;
      argDiffer += b->lines != NULL;
    }
    if (b->lines) {
      fputs(b->lines, stdout);
      ++differ;
    } else if (!b->isArg)
      printf("%s: bit-identical\n", b->prefix);
  }
  if (argDiffer)
    printf("arguments: %d of %d differ after the run\n", argDiffer, compared);
  else
    printf("arguments: bit-identical after the run (%d compared, %d of them "
           "written by the graph; %d donated or !fx.sym, not compared)\n",
           compared, written, skipped);
  return differ;
}
