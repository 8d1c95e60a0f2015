/* Location.c - an op's location read without printing it whole
 * (Location.h). */
#include "Location.h"
#include "PtrMap.h"
#include "fxir/Fx.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parts of `loc` that MLIR prints inside it, in order: into *one when
 * there is one (a name's child, a call site's callee: its caller is not
 * where the op is), else a malloc'ed array in *many.  Returns how many;
 * sets *oom when the array cannot be made. */
static unsigned partsOf(MlirLocation loc, MlirLocation *one,
                        MlirLocation **many, bool *oom) {
  *many = NULL;
  if (mlirLocationIsAName(loc))
    *one = mlirLocationNameGetChildLoc(loc);
  else if (mlirLocationIsACallSite(loc))
    *one = mlirLocationCallSiteGetCallee(loc);
  else if (mlirLocationIsAFused(loc)) {
    unsigned n = mlirLocationFusedGetNumLocations(loc);
    if (n == 0)
      return 0;
    *many = malloc(n * sizeof **many);
    if (!*many) {
      *oom = true;
      return 0;
    }
    mlirLocationFusedGetLocations(loc, *many);
    return n;
  } else
    return 0;
  return mlirLocationIsNull(*one) ? 0 : 1;
}

/* A stack of locations to visit, pushed last part first so that the first
 * part is visited first. */
typedef struct Stack {
  MlirLocation *at;
  size_t n, cap;
} Stack;

static bool pushParts(Stack *s, MlirLocation loc, bool *oom) {
  MlirLocation one = {NULL}, *many;
  unsigned n = partsOf(loc, &one, &many, oom);
  const MlirLocation *parts = many ? many : &one;
  for (unsigned k = n; !*oom && k-- > 0;) {
    if (fxArrayReserve((void **)&s->at, s->n, &s->cap, sizeof *s->at, 16))
      s->at[s->n++] = parts[k];
    else
      *oom = true;
  }
  free(many);
  return !*oom;
}

MlirLocation fxLocationFirstFile(MlirLocation loc) {
  MlirLocation found = {NULL};
  Stack s = {NULL, 0, 0};
  FxPtrMap seen;
  bool oom = !fxPtrMapInit(&seen, 16) ||
             !fxArrayReserve((void **)&s.at, 0, &s.cap, sizeof *s.at, 16);
  if (!oom)
    s.at[s.n++] = loc;
  while (!oom && s.n && mlirLocationIsNull(found)) {
    MlirLocation cur = s.at[--s.n];
    intptr_t unused;
    if (fxPtrMapGet(&seen, cur.ptr, &unused))
      continue;
    if (!fxPtrMapPut(&seen, cur.ptr, 0))
      oom = true;
    else if (mlirLocationIsAFileLineColRange(cur))
      found = cur;
    else
      pushParts(&s, cur, &oom);
  }
  free(s.at);
  fxPtrMapFree(&seen);
  return found; /* out of memory: what was found so far, maybe none */
}

/* Whether `loc` printed as a tree has more than `limit` parts (or cannot
 * be counted for want of memory): visits at most `limit` of them, and
 * stops as soon as those visited and those waiting pass it. */
static bool treeLarger(MlirLocation loc, size_t limit) {
  Stack s = {NULL, 0, 0};
  bool oom = !fxArrayReserve((void **)&s.at, 0, &s.cap, sizeof *s.at, 16);
  if (!oom)
    s.at[s.n++] = loc;
  size_t visited = 0;
  while (!oom && s.n && visited + s.n <= limit) {
    MlirLocation cur = s.at[--s.n];
    ++visited;
    if (mlirLocationIsAFused(cur) &&
        mlirLocationFusedGetNumLocations(cur) > limit - visited - s.n) {
      free(s.at);
      return true; /* (without copying the parts of a large one) */
    }
    pushParts(&s, cur, &oom);
  }
  bool larger = oom || visited + s.n > limit;
  free(s.at);
  return larger;
}

void fxTextBufAppend(MlirStringRef s, void *userData) {
  FxTextBuf *b = userData;
  size_t room = b->cap - b->n - 1, k = s.length < room ? s.length : room;
  memcpy(b->p + b->n, s.data, k);
  b->n += k;
  b->p[b->n] = 0;
}

void fxLocString(MlirLocation loc, char *out, size_t cap) {
  FxTextBuf b = {out, 0, cap};
  if (cap == 0)
    return;
  out[0] = 0;
  if (mlirLocationIsNull(loc)) {
    snprintf(out, cap, "an unknown place");
    return;
  }
  if (!treeLarger(loc, FX_LOC_MAX_PRINTED_PARTS)) {
    mlirLocationPrint(loc, fxTextBufAppend, &b);
    return;
  }
  /* MLIR would print every path through the DAG. */
  MlirLocation file = fxLocationFirstFile(loc);
  if (!mlirLocationIsNull(file))
    mlirLocationPrint(file, fxTextBufAppend, &b);
  char note[96];
  snprintf(note, sizeof note, "%sa location of more than %d parts",
           mlirLocationIsNull(file) ? "" : " (the first file position of ",
           FX_LOC_MAX_PRINTED_PARTS);
  fxTextBufAppend(mlirStringRefCreateFromCString(note), &b);
  if (!mlirLocationIsNull(file))
    fxTextBufAppend(mlirStringRefCreateFromCString(")"), &b);
}
