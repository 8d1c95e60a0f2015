/* Location.c - an op's location read without printing it whole
 * (Location.h). */
#include "Location.h"
#include "PtrMap.h"
#include "fxir/Fx.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parts of `loc`, in the order MLIR prints them: into few[] when there
 * are one or two (a name's child; a call site's callee, and its caller when
 * `printed`: the caller is printed, but it is not where the op is), else a
 * malloc'ed array in *many.  Returns how many; sets *oom when the array
 * cannot be made. */
static unsigned partsOf(MlirLocation loc, bool printed, MlirLocation few[2],
                        MlirLocation **many, bool *oom) {
  *many = NULL;
  unsigned n = 0;
  if (mlirLocationIsAName(loc)) {
    few[n++] = mlirLocationNameGetChildLoc(loc);
  } else if (mlirLocationIsACallSite(loc)) {
    few[n++] = mlirLocationCallSiteGetCallee(loc);
    if (printed)
      few[n++] = mlirLocationCallSiteGetCaller(loc);
  } else if (mlirLocationIsAFused(loc)) {
    n = mlirLocationFusedGetNumLocations(loc);
    if (n == 0)
      return 0;
    *many = malloc(n * sizeof **many);
    if (!*many) {
      *oom = true;
      return 0;
    }
    mlirLocationFusedGetLocations(loc, *many);
    return n;
  }
  for (unsigned k = 0; k < n; ++k)
    if (mlirLocationIsNull(few[k]))
      return 0; /* (not made by MLIR's parser or builders) */
  return n;
}

/* A stack of locations to visit, pushed last part first so that the first
 * part is visited first. */
typedef struct Stack {
  MlirLocation *at;
  size_t n, cap;
} Stack;

static bool pushParts(Stack *s, MlirLocation loc, bool printed, bool *oom) {
  MlirLocation few[2], *many;
  unsigned n = partsOf(loc, printed, few, &many, oom);
  const MlirLocation *parts = many ? many : few;
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
      pushParts(&s, cur, false, &oom);
  }
  free(s.at);
  fxPtrMapFree(&seen);
  return found; /* out of memory: what was found so far, maybe none */
}

/* Whether fused metadata prints in proportion to its own size: a leaf.  An
 * array or dictionary may share its elements as locations do
 * (`#a1 = [#a0, #a0]`), and a type may be a tuple of aliases, also as a
 * string's type (`"s" : !t40`, an adversary's case): a string counts only
 * without one.  An integer's or a float's type is a scalar. */
static bool leafMetadata(MlirAttribute a) {
  return mlirAttributeIsNull(a) || mlirAttributeIsAInteger(a) ||
         mlirAttributeIsAFloat(a) || mlirAttributeIsABool(a) ||
         mlirAttributeIsAUnit(a) ||
         (mlirAttributeIsAString(a) &&
          mlirTypeIsANone(mlirAttributeGetType(a)));
}

/* Whether `loc` printed as a tree has more than `limit` parts (or cannot
 * be counted for want of memory, or has metadata that is not a leaf):
 * visits at most `limit` of them, and stops as soon as those visited and
 * those waiting pass it. */
static bool treeLarger(MlirLocation loc, size_t limit) {
  Stack s = {NULL, 0, 0};
  bool oom = !fxArrayReserve((void **)&s.at, 0, &s.cap, sizeof *s.at, 16);
  if (!oom)
    s.at[s.n++] = loc;
  size_t visited = 0;
  bool larger = false;
  while (!oom && !larger && s.n && visited + s.n <= limit) {
    MlirLocation cur = s.at[--s.n];
    ++visited;
    if (mlirLocationIsAFused(cur))
      larger = !leafMetadata(mlirLocationFusedGetMetadata(cur)) ||
               /* (without copying the parts of a large one) */
               mlirLocationFusedGetNumLocations(cur) > limit - visited - s.n;
    if (!larger)
      pushParts(&s, cur, true, &oom);
  }
  larger = larger || oom || visited + s.n > limit;
  free(s.at);
  return larger;
}

void fxTextBufAppend(MlirStringRef s, void *userData) {
  FxTextBuf *b = userData;
  size_t room = b->cap - b->n - 1, k = s.length < room ? s.length : room;
  memcpy(b->p + b->n, s.data, k);
  b->n += k;
  b->p[b->n] = 0;
  b->cut |= k < s.length;
}

void fxLocString(MlirLocation loc, char *out, size_t cap) {
  FxTextBuf b = {out, 0, cap, false};
  if (cap == 0)
    return;
  out[0] = 0;
  if (mlirLocationIsNull(loc)) {
    snprintf(out, cap, "an unknown place");
    return;
  }
  if (!treeLarger(loc, FX_LOC_MAX_PRINTED_PARTS)) {
    mlirLocationPrint(loc, fxTextBufAppend, &b);
    if (b.cut && cap > 4) /* say so */
      memcpy(out + cap - 4, "...", 3);
    return;
  }
  /* MLIR would print every path through the DAG. */
  MlirLocation file = fxLocationFirstFile(loc);
  if (!mlirLocationIsNull(file))
    mlirLocationPrint(file, fxTextBufAppend, &b);
  fxTextBufAppend(mlirStringRefCreateFromCString(
                      mlirLocationIsNull(file)
                          ? "a location too large to print"
                          : " (the first file position of a location too "
                            "large to print)"),
                  &b);
}
