/* views.c - torch's view ops as new memref descriptors over the input's
 * storage, never a copy (fxrt.h, fxrt_view): t, transpose, permute,
 * unsqueeze, squeeze, expand, select, detach, alias and as_strided.  Each rule is
 * torch's (aten/src/ATen/native/TensorShape.cpp): sizes, strides and
 * offset from the input's, and the result's sizes are then checked
 * against the ones the IR's result type gives. */
#include "cpu/fx_cpu.h"
#include "fxrt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const kViewNames[] = {
    [FXRT_VIEW_T] = "aten::t",           [FXRT_VIEW_TRANSPOSE] = "aten::transpose.int",
    [FXRT_VIEW_PERMUTE] = "aten::permute", [FXRT_VIEW_UNSQUEEZE] = "aten::unsqueeze",
    [FXRT_VIEW_SQUEEZE] = "aten::squeeze.dim", [FXRT_VIEW_EXPAND] = "aten::expand",
    [FXRT_VIEW_SELECT] = "aten::select.int", [FXRT_VIEW_ALIAS] = "aten::alias",
    [FXRT_VIEW_AS_STRIDED] = "aten::as_strided",
};

/* Into *last, the last element a view of sizes `sz` and strides `st` (none
 * negative) reaches from offset `off`, or off - 1 when it has no elements;
 * false when that overflows int64 (then no view reaches it). */
static bool lastElement(int64_t rank, const int64_t *sz, const int64_t *st,
                        int64_t off, int64_t *last) {
  *last = off;
  for (int64_t i = 0; i < rank; i++)
    if (sz[i] == 0) {
      *last = off - 1;
      return off > INT64_MIN;
    }
  for (int64_t i = 0; i < rank; i++) {
    int64_t step;
    if (__builtin_mul_overflow(sz[i] - 1, st[i], &step) ||
        __builtin_add_overflow(*last, step, last))
      return false;
  }
  return true;
}

/* `d` wrapped into [0, rank) as torch's maybe_wrap_dim; false if out of
 * range (a rank-0 tensor takes dims -1 and 0). */
static bool wrapDim(int64_t *d, int64_t rank) {
  int64_t r = rank > 0 ? rank : 1;
  if (*d < -r || *d >= r)
    return false;
  if (*d < 0)
    *d += r;
  return true;
}

void _mlir_ciface_fxrt_view(int64_t inAddr, int64_t outAddr, int64_t kind,
                            int64_t rank, int64_t newRank, int64_t paramsAddr,
                            int64_t numParams, int64_t who) {
  const FxMemRefDescriptor *in = (const FxMemRefDescriptor *)(intptr_t)inAddr;
  FxMemRefDescriptor *out = (FxMemRefDescriptor *)(intptr_t)outAddr;
  const int64_t *p = (const int64_t *)(intptr_t)paramsAddr;
  /* `who` names the op in messages ("aten::t"), the runtime adds where. */
  const char *where = who ? (const char *)(intptr_t)who : "fxrt_view";
  if (fxErrorPending())
    return;
  if (!in || !out || !p || kind < 0 || kind >= FXRT_VIEW_COUNT || rank < 0 ||
      rank > FXRT_MAX_RANK || newRank < 0 || newRank > FXRT_MAX_RANK ||
      numParams < newRank) {
    fxCpuError(where, "malformed view operands (a bug in the lowering)");
    return;
  }
  memset(out, 0, sizeof(void *) * 2 + sizeof(int64_t) * (size_t)(1 + 2 * newRank));
  const char *op = who ? where : kViewNames[kind];
  const int64_t *sz = in->rest, *st = in->rest + rank;
  const int64_t *want = p, *arg = p + newRank; /* the result type's sizes, then the op's */
  int64_t nargs = numParams - newRank;
  int64_t ns[FXRT_MAX_RANK + 1], nst[FXRT_MAX_RANK + 1], off = in->offset, r = 0;
  char a[200], b[200];
  switch (kind) {
  case FXRT_VIEW_ALIAS: /* detach, alias: the same view */
    for (; r < rank; r++)
      ns[r] = sz[r], nst[r] = st[r];
    break;
  case FXRT_VIEW_T:
  case FXRT_VIEW_TRANSPOSE: {
    int64_t d0 = 0, d1 = rank > 1 ? 1 : 0;
    if (kind == FXRT_VIEW_T && rank > 2) {
      fxCpuError(op, "expects a tensor of at most 2 dims, got %lld", (long long)rank);
      return;
    }
    if (kind == FXRT_VIEW_TRANSPOSE) {
      if (nargs != 2 || !wrapDim((d0 = arg[0], &d0), rank) || !wrapDim((d1 = arg[1], &d1), rank)) {
        fxCpuError(op, "dims %lld and %lld are out of range for a tensor of "
                   "rank %lld", (long long)(nargs > 0 ? arg[0] : 0),
                   (long long)(nargs > 1 ? arg[1] : 0), (long long)rank);
        return;
      }
    }
    for (; r < rank; r++) {
      int64_t s = r == d0 ? d1 : r == d1 ? d0 : r;
      ns[r] = sz[s], nst[r] = st[s];
    }
    break;
  }
  case FXRT_VIEW_PERMUTE: {
    bool seen[FXRT_MAX_RANK] = {false};
    if (nargs != rank) {
      fxCpuError(op, "%lld dims for a tensor of rank %lld", (long long)nargs,
                 (long long)rank);
      return;
    }
    for (; r < rank; r++) {
      int64_t d = arg[r];
      if (!wrapDim(&d, rank) || seen[d]) {
        fxCpuError(op, "dims %s are not a permutation of %lld dims",
                   fxShapeText(a, sizeof a, nargs, arg), (long long)rank);
        return;
      }
      seen[d] = true;
      ns[r] = sz[d], nst[r] = st[d];
    }
    break;
  }
  case FXRT_VIEW_UNSQUEEZE: {
    int64_t d = nargs == 1 ? arg[0] : 0;
    if (nargs != 1 || !wrapDim(&d, rank + 1)) {
      fxCpuError(op, "dim %lld is out of range for a tensor of rank %lld",
                 (long long)d, (long long)rank);
      return;
    }
    for (int64_t i = 0; i < rank; i++)
      ns[i + (i >= d)] = sz[i], nst[i + (i >= d)] = st[i];
    ns[d] = 1;
    nst[d] = d >= rank ? 1 : sz[d] * st[d]; /* torch's rule */
    r = rank + 1;
    break;
  }
  case FXRT_VIEW_SQUEEZE: {
    int64_t d = nargs == 1 ? arg[0] : 0;
    if (nargs != 1 || !wrapDim(&d, rank)) {
      fxCpuError(op, "dim %lld is out of range for a tensor of rank %lld",
                 (long long)d, (long long)rank);
      return;
    }
    for (int64_t i = 0; i < rank; i++)
      if (i != d || sz[i] != 1)
        ns[r] = sz[i], nst[r] = st[i], r++;
    break;
  }
  case FXRT_VIEW_EXPAND: {
    if (nargs < rank || nargs > FXRT_MAX_RANK) {
      fxCpuError(op, "the size %s has fewer dims than the tensor (%lld)",
                 fxShapeText(a, sizeof a, nargs, arg), (long long)rank);
      return;
    }
    int64_t lead = nargs - rank;
    for (; r < nargs; r++) {
      int64_t target = arg[r];
      if (r < lead) { /* a new leading dim: stride 0 */
        if (target < 0) {
          fxCpuError(op, "the size %s gives a new dim %lld, which must be >= 0",
                     fxShapeText(a, sizeof a, nargs, arg), (long long)target);
          return;
        }
        ns[r] = target, nst[r] = 0;
        continue;
      }
      int64_t s = sz[r - lead];
      if (target == -1 || target == s) {
        ns[r] = s, nst[r] = st[r - lead];
      } else if (s == 1 && target >= 0) {
        ns[r] = target, nst[r] = 0;
      } else {
        fxCpuError(op, "the size %s does not match the tensor's %s at dim %lld "
                   "(a dim expands only from 1)", fxShapeText(a, sizeof a, nargs, arg),
                   fxShapeText(b, sizeof b, rank, sz), (long long)r);
        return;
      }
    }
    break;
  }
  case FXRT_VIEW_AS_STRIDED: {
    /* fxir's as_strided addresses its input's elements, in row-major
     * order: the input must be contiguous, and storage_offset counts from
     * its first element (torch counts from the storage's start: the same
     * for every tensor fxir allocates, and for a graph input at offset 0,
     * docs/dialect.md).  So the view depends on the input's elements
     * alone, never on where they live or on storage around them (a column
     * slice's other columns), which the passes could not see: round 10's
     * adversary read and wrote such storage through a call and got other
     * results with the passes.  The verifier gives one stride per dim. */
    if (nargs != newRank && nargs != newRank + 1) {
      fxCpuError(op, "%lld stride and offset values for a view of rank %lld "
                 "(one stride per dim, then the optional storage_offset)",
                 (long long)nargs, (long long)newRank);
      return;
    }
    int64_t numel = 1, expect = 1;
    bool contiguous = true;
    for (int64_t i = rank - 1; i >= 0; i--) {
      if (sz[i] != 1 && st[i] != expect)
        contiguous = false;
      if (__builtin_mul_overflow(expect, sz[i], &expect))
        contiguous = false;
      numel *= sz[i]; /* a valid descriptor's count fits */
    }
    if (!contiguous && numel != 0) {
      fxCpuError(op, "the input (sizes %s, strides %s) is not contiguous: "
                 "fxir's as_strided addresses its input's elements in "
                 "row-major order (clone it first)",
                 fxShapeText(a, sizeof a, rank, sz),
                 fxShapeText(b, sizeof b, rank, st));
      return;
    }
    int64_t rel = nargs == newRank + 1 ? arg[newRank] : 0;
    for (; r < newRank; r++) {
      if (want[r] < 0 || arg[r] < 0) {
        fxCpuError(op, "size %lld or stride %lld of dim %lld is negative",
                   (long long)want[r], (long long)arg[r], (long long)r);
        return;
      }
      ns[r] = want[r], nst[r] = arg[r];
    }
    int64_t last;
    bool fits = rel >= 0 && lastElement(newRank, ns, nst, rel, &last);
    if (!fits || (last >= rel && last >= numel)) {
      char reach[64];
      if (fits)
        snprintf(reach, sizeof reach, "%lld to %lld", (long long)rel,
                 (long long)last);
      else
        snprintf(reach, sizeof reach, "beyond int64");
      fxCpuError(op, "the view (sizes %s, strides %s, offset %lld) reaches "
                 "elements %s of an input of %lld elements (fxir keeps "
                 "as_strided within its input)",
                 fxShapeText(a, sizeof a, newRank, ns),
                 fxShapeText(b, sizeof b, newRank, nst), (long long)rel, reach,
                 (long long)numel);
      return;
    }
    off = in->offset + rel; /* rel <= last < numel: no overflow */
    break;
  }
  case FXRT_VIEW_SELECT: {
    int64_t d = nargs == 2 ? arg[0] : 0, index = nargs == 2 ? arg[1] : 0;
    if (nargs != 2 || rank == 0 || !wrapDim(&d, rank)) {
      fxCpuError(op, "dim %lld is out of range for a tensor of rank %lld",
                 (long long)d, (long long)rank);
      return;
    }
    if (index < -sz[d] || index >= sz[d]) {
      fxCpuError(op, "index %lld is out of range for dim %lld of size %lld",
                 (long long)index, (long long)d, (long long)sz[d]);
      return;
    }
    if (index < 0)
      index += sz[d];
    off += index * st[d];
    for (int64_t i = 0; i < rank; i++)
      if (i != d)
        ns[r] = sz[i], nst[r] = st[i], r++;
    break;
  }
  }
  if (r != newRank || memcmp(ns, want, sizeof(int64_t) * (size_t)r) != 0) {
    fxCpuError(op, "a tensor of shape %s gives shape %s, but the result type "
               "says %s", fxShapeText(a, sizeof a, rank, sz), fxShapeText(b, sizeof b, r, ns),
               fxShapeText((char[200]){0}, 200, newRank, want));
    return;
  }
  out->allocated = in->allocated;
  out->aligned = in->aligned;
  out->offset = off;
  memcpy(out->rest, ns, sizeof(int64_t) * (size_t)r);
  memcpy(out->rest + r, nst, sizeof(int64_t) * (size_t)r);
}

/* The descriptor a write check looks at; null when there is nothing to
 * check: an error pending, malformed operands (reported), or an empty
 * tensor -- contiguous, hence non-overlapping (c10's is_contiguous is true
 * when numel is 0), and writing it writes nothing. */
static const FxMemRefDescriptor *writtenDesc(int64_t descAddr, int64_t rank,
                                             const char *op) {
  const FxMemRefDescriptor *d = (const FxMemRefDescriptor *)(intptr_t)descAddr;
  if (fxErrorPending())
    return NULL;
  if (!d || rank < 0 || rank > FXRT_MAX_RANK) {
    fxCpuError(op, "malformed check operands (a bug in the lowering)");
    return NULL;
  }
  for (int64_t i = 0; i < rank; i++)
    if (d->rest[i] == 0)
      return NULL;
  return d;
}

/* Whether the elements of a view of sizes `sz`, strides `st` are distinct
 * memory locations for sure: sorted by stride, each dim of size > 1 steps
 * past everything the smaller ones reach (sufficient, and exact for every
 * layout torch's own ops make). */
static bool provablyDistinct(int64_t rank, const int64_t *sz, const int64_t *st) {
  bool used[FXRT_MAX_RANK] = {false};
  int64_t reach = 0; /* the smaller dims cover offsets 0..reach */
  for (int64_t n = 0; n < rank; n++) {
    int64_t best = -1;
    for (int64_t i = 0; i < rank; i++)
      if (!used[i] && sz[i] > 1 && (best < 0 || st[i] < st[best]))
        best = i;
    if (best < 0)
      return true;
    used[best] = true;
    int64_t span;
    if (st[best] <= reach ||
        __builtin_mul_overflow(sz[best] - 1, st[best], &span) ||
        __builtin_add_overflow(reach, span, &reach))
      return false;
  }
  return true;
}

void _mlir_ciface_fxrt_check_writable(int64_t descAddr, int64_t rank, int64_t who) {
  const char *op = who ? (const char *)(intptr_t)who : "fxrt_check_writable";
  const FxMemRefDescriptor *d = writtenDesc(descAddr, rank, op);
  if (!d)
    return;
  /* torch's assert_no_internal_overlap: a dim of stride 0 and size > 1 (an
   * expand) maps several elements to one memory location. */
  for (int64_t i = 0; i < rank; i++)
    if (d->rest[rank + i] == 0 && d->rest[i] > 1) {
      fxCpuError(op, "unsupported operation: more than one element of the "
                 "written-to tensor refers to a single memory location (dim "
                 "%lld: size %lld, stride 0); clone() it before writing, as "
                 "torch says", (long long)i, (long long)d->rest[i]);
      return;
    }
  /* Overlapping non-zero strides (an as_strided): torch lets the last
   * write win, in an order it does not specify; fxir asks for one location
   * per element, as the passes may write such a self in place instead of
   * copying into it (passes.md, rule (c); adversary round 12). */
  char a[200], b[200];
  if (!provablyDistinct(rank, d->rest, d->rest + rank))
    fxCpuError(op, "the written-to tensor (sizes %s, strides %s) may map "
               "several elements to one memory location; fxir writes one "
               "location per element: clone() it before writing",
               fxShapeText(a, sizeof a, rank, d->rest),
               fxShapeText(b, sizeof b, rank, d->rest + rank));
}

void _mlir_ciface_fxrt_check_donated(int64_t descAddr, int64_t rank, int64_t who) {
  const char *op = who ? (const char *)(intptr_t)who : "fxrt_check_donated";
  const FxMemRefDescriptor *d = writtenDesc(descAddr, rank, op);
  char a[200], b[200];
  if (d && !provablyDistinct(rank, d->rest, d->rest + rank))
    fxCpuError(op, "a donated tensor (sizes %s, strides %s) whose elements "
               "may share memory: the function may write it in place "
               "(fx.donated), which needs one location per element; pass a "
               "clone", fxShapeText(a, sizeof a, rank, d->rest),
               fxShapeText(b, sizeof b, rank, d->rest + rank));
}
