/* FxVerifyView.c - `fx.view` must be a view (DESIGN §2: "never copies").
 *
 * torch's view raises when the new shape cannot be expressed with strides
 * over the input's storage (at::computeStride): merging dims that are not
 * contiguous with each other, e.g. the rows of a column slice.  Whether a
 * view exists depends on the input's layout, which the type does not
 * carry; it follows from the producers (DESIGN §2 "results' layouts follow
 * from their producers"):
 *   - a call's own tensor return is new, contiguous storage (the lowering
 *     allocates it from the result type, lowering/LowerCalls.c), except
 *     aten::copy_'s (the `self` it writes, as fx.call) and other returns
 *     with an alias set (unknown: a view, or a user op's promise);
 *   - every result of fx.auto_functionalized is new contiguous storage:
 *     its own returns as above (copy_'s is the copy of `self` it writes),
 *     the new values copies of their operands (unlike torch's
 *     clone_preserve_strides); so is a slice_scatter result.  The passes
 *     replace such a value by its operand or base only where no fx.view
 *     could tell (passes/Layout.h, FixFunctionalization.c);
 *   - fx.slice scales one stride by its step; fx.view and fx.reshape
 *     compute strides as torch does, and a reshape that cannot view copies
 *     into contiguous storage;
 *   - a function argument: the strides its fx.strides declare (checked at
 *     entry), unknown without;
 *   - a `Tensor(a)` return (an aliasing view op whose strides we do not
 *     model) or any other producer: unknown.
 * Where the input's layout is known and the answer is decided, a view that
 * cannot exist is an error at the fx.view.  Where not (unknown layout, a
 * symbolic size or stride in the dims the view regroups), it is left to the
 * run-time check of the lowering.  Leading dims that the input and the
 * view share (the same integer or symbol) are kept as they are, so a
 * symbolic token count in front does not make the rest undecidable.
 *
 * The check depends on the producers, not only on the op's signature, so
 * it runs outside the verifier's memo (FxVerifier.c).  It looks back at
 * most kMaxDepth producers: the answer for longer chains is "unknown". */
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"

#include <inttypes.h>
#include <stdio.h>

enum { kMaxDepth = 16 };
#define UNKNOWN INT64_MIN /* a stride that is not a known integer */

typedef struct Layout {
  intptr_t rank;
  FxDim sizes[FX_MAX_RANK];
  int64_t strides[FX_MAX_RANK]; /* elements, or UNKNOWN */
} Layout;

typedef struct Ctx {
  FxSchemaTable *table; /* made on first need when the caller has none */
  bool ownTable;
  MlirOperation anyOp;
} Ctx;

/* The sizes of `t` (rank <= FX_MAX_RANK: the verifier checked every type
 * of the producers, which are verified before their users). */
static bool sizesOf(MlirType t, Layout *l) {
  if (!fxTypeIsATensor(t))
    return false;
  l->rank = fxTensorTypeGetDims(t, l->sizes, FX_MAX_RANK);
  return l->rank <= FX_MAX_RANK;
}

/* a * b, UNKNOWN when either is or the product overflows. */
static int64_t mulStride(int64_t a, int64_t b) {
  int64_t r;
  if (a == UNKNOWN || b == UNKNOWN || __builtin_mul_overflow(a, b, &r) ||
      r == UNKNOWN)
    return UNKNOWN;
  return r;
}

/* Contiguous strides for the sizes of `l` (torch: a size-0 or size-1 dim
 * counts as 1); a stride past a symbolic size is UNKNOWN. */
static void contiguous(Layout *l) {
  int64_t s = 1;
  for (intptr_t d = l->rank - 1; d >= 0; --d) {
    l->strides[d] = s;
    FxDim z = l->sizes[d];
    s = z.symbol.length ? UNKNOWN : mulStride(s, z.size > 1 ? z.size : 1);
  }
}

/*===-- torch's view rule ---------------------------------------------------===*/

typedef enum Answer { VIEWABLE, NOT_VIEWABLE, UNDECIDED } Answer;

/* at::computeStride on static sizes and known strides: each run of input
 * dims that is contiguous in memory (a chunk) must be split or merged by
 * the new sizes without crossing a chunk boundary.  `ns` gets the strides.
 * Element counts agree (the reshape check ran first). */
static Answer computeStride(int rank, const int64_t *sizes,
                            const int64_t *strides, int nrank,
                            const int64_t *nsizes, int64_t *ns) {
  if (rank == 0) { /* a scalar views as any all-ones shape */
    for (int d = 0; d < nrank; ++d)
      ns[d] = 1;
    return VIEWABLE;
  }
  int vd = nrank - 1;
  int64_t chunkBase = strides[rank - 1], tensorNumel = 1, viewNumel = 1;
  for (int td = rank - 1; td >= 0; --td) {
    tensorNumel *= sizes[td];
    if (td == 0 || (sizes[td - 1] != 1 &&
                    strides[td - 1] != mulStride(tensorNumel, chunkBase))) {
      while (vd >= 0 && (viewNumel < tensorNumel || nsizes[vd] == 1)) {
        ns[vd] = mulStride(viewNumel, chunkBase);
        viewNumel *= nsizes[vd];
        --vd;
      }
      if (viewNumel != tensorNumel)
        return NOT_VIEWABLE;
      if (td > 0) {
        chunkBase = strides[td - 1];
        tensorNumel = viewNumel = 1;
      }
    }
  }
  return vd == -1 ? VIEWABLE : NOT_VIEWABLE;
}

/* Whether `in` views as `out` (sizes only); fills out's strides when it
 * does.  Shared leading dims keep their strides; the rest must be static
 * with known strides to decide. */
static Answer viewOf(const Layout *in, Layout *out) {
  intptr_t lead = 0;
  for (intptr_t d = 0; d < in->rank; ++d)
    if (!in->sizes[d].symbol.length && in->sizes[d].size == 0) {
      contiguous(out); /* an empty tensor views as anything (torch) */
      return VIEWABLE;
    }
  while (lead < in->rank && lead < out->rank &&
         fxDimEqual(in->sizes[lead], out->sizes[lead]))
    ++lead;
  int64_t sizes[FX_MAX_RANK], nsizes[FX_MAX_RANK], ns[FX_MAX_RANK];
  int rank = (int)(in->rank - lead), nrank = (int)(out->rank - lead);
  for (int d = 0; d < rank; ++d) {
    FxDim z = in->sizes[lead + d];
    if (z.symbol.length || in->strides[lead + d] == UNKNOWN)
      return UNDECIDED;
    sizes[d] = z.size;
  }
  for (int d = 0; d < nrank; ++d) {
    if (out->sizes[lead + d].symbol.length)
      return UNDECIDED;
    nsizes[d] = out->sizes[lead + d].size;
  }
  Answer a = computeStride(rank, sizes, in->strides + lead, nrank, nsizes, ns);
  if (a != VIEWABLE)
    return a;
  for (intptr_t d = 0; d < lead; ++d)
    out->strides[d] = in->strides[d];
  for (int d = 0; d < nrank; ++d)
    out->strides[lead + d] = ns[d];
  return VIEWABLE;
}

/*===-- Layouts from producers ----------------------------------------------===*/

static bool layoutOf(Ctx *c, MlirValue v, int depth, Layout *l);

static const FxSchema *schemaOf(Ctx *c, MlirOperation op) {
  if (!c->table) {
    c->table = fxSchemaTableCreate(c->anyOp);
    c->ownTable = true;
  }
  return fxSchemaTableLookupCall(c->table, op, NULL);
}

/* Result `r` of call-like `op`. */
static bool callResultLayout(Ctx *c, MlirOperation op, intptr_t r, int depth,
                             Layout *l) {
  const FxSchema *s = schemaOf(c, op);
  if (!s)
    return false; /* no schema: it may return anything */
  intptr_t returns = 0;
  const FxSchemaArg *ret = NULL;
  for (int i = 0; i < s->numReturns; ++i)
    if (s->returns[i].kind == FX_ARG_TENSOR && returns++ == r)
      ret = &s->returns[i];
  const char *param = NULL; /* the operand whose layout the result has */
  if ((ret && !ret->alias[0]) || fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED) {
    contiguous(l); /* new storage */
    return true;
  }
  /* copy_ as fx.call returns the `self` it writes; another return with an
   * alias set is left to the run-time check. */
  MlirStringRef target = fxCallGetTarget(op);
  if (ret && ret->mutated &&
      fxSchemaBuiltinImpl(target.data, target.length) == FX_IMPL_COPY)
    for (int p = 0; p < s->numArgs && !param; ++p)
      if (!strcmp(s->args[p].alias, ret->alias))
        param = s->args[p].name;
  MlirValue operand = param ? fxCallGetOperandByName(op, fxStr(param))
                            : (MlirValue){NULL};
  return !mlirValueIsNull(operand) && layoutOf(c, operand, depth + 1, l);
}

/* fx.slice: the input's strides, the sliced one times the step. */
static bool sliceLayout(Ctx *c, MlirOperation op, int depth, Layout *l) {
  Layout in;
  if (!layoutOf(c, mlirOperationGetOperand(op, 0), depth + 1, &in) ||
      in.rank != l->rank)
    return false;
  /* The slice itself may not be verified yet (MLIR verifies ops in any
   * order): read only what is well-formed. */
  MlirAttribute dimAttr = mlirOperationGetAttributeByName(op, fxStr("dim"));
  MlirAttribute stepAttr = mlirOperationGetAttributeByName(op, fxStr("step"));
  if (mlirAttributeIsNull(dimAttr) || !mlirAttributeIsAInteger(dimAttr) ||
      mlirAttributeIsNull(stepAttr) || !mlirAttributeIsAInteger(stepAttr))
    return false;
  int64_t dim = mlirIntegerAttrGetValueInt(dimAttr);
  dim += dim < 0 ? l->rank : 0;
  if (dim < 0 || dim >= l->rank)
    return false;
  for (intptr_t d = 0; d < l->rank; ++d)
    l->strides[d] = in.strides[d];
  l->strides[dim] = mulStride(in.strides[dim], mlirIntegerAttrGetValueInt(stepAttr));
  return true;
}

/* fx.view / fx.reshape of a known layout. */
static bool reshapeLayout(Ctx *c, MlirOperation op, int depth, Layout *l) {
  Layout in;
  if (!layoutOf(c, mlirOperationGetOperand(op, 0), depth + 1, &in))
    return false;
  Answer a = viewOf(&in, l);
  if (a == NOT_VIEWABLE && fxOpGetKind(op) == FX_OP_RESHAPE) {
    contiguous(l); /* the reshape copies */
    return true;
  }
  return a == VIEWABLE;
}

/* An argument's declared strides (fx.strides): the static ones; a
 * symbolic one, or a dim of size 1's (the entry does not check it: torch
 * ignores it), is UNKNOWN.  False when it declares none. */
static bool argumentLayout(MlirValue v, Layout *l) {
  FxDim strides[FX_MAX_RANK];
  if (fxArgumentGetStrides(v, strides, FX_MAX_RANK) != l->rank)
    return false;
  for (intptr_t d = 0; d < l->rank; ++d) {
    bool one = !l->sizes[d].symbol.length && l->sizes[d].size == 1;
    l->strides[d] = strides[d].symbol.length || one || strides[d].size < 0
                        ? UNKNOWN
                        : strides[d].size;
  }
  return true;
}

/* The layout of `v` (sizes from its type), false when unknown. */
static bool layoutOf(Ctx *c, MlirValue v, int depth, Layout *l) {
  if (depth > kMaxDepth || !sizesOf(mlirValueGetType(v), l))
    return false;
  if (!mlirValueIsAOpResult(v))
    return argumentLayout(v, l);
  MlirOperation op = mlirOpResultGetOwner(v);
  switch (fxOpGetKind(op)) {
  case FX_OP_CALL:
  case FX_OP_AUTO_FUNCTIONALIZED:
    return callResultLayout(c, op, mlirOpResultGetResultNumber(v), depth, l);
  case FX_OP_SLICE:
    return sliceLayout(c, op, depth, l);
  case FX_OP_SLICE_SCATTER: /* fresh contiguous storage, as the runtime
                                makes it (see the new values above) */
    contiguous(l);
    return true;
  case FX_OP_VIEW:
  case FX_OP_RESHAPE:
    return reshapeLayout(c, op, depth, l);
  default:
    return false;
  }
}

/*===-- The check -------------------------------------------------------------===*/

/* "[8, 1]" with "?" for unknown strides. */
static void stridesText(const Layout *l, char *buf, size_t size) {
  size_t n = (size_t)snprintf(buf, size, "[");
  for (intptr_t d = 0; d < l->rank && n < size; ++d) {
    if (l->strides[d] == UNKNOWN)
      n += (size_t)snprintf(buf + n, size - n, "%s?", d ? ", " : "");
    else
      n += (size_t)snprintf(buf + n, size - n, "%s%" PRId64, d ? ", " : "",
                            l->strides[d]);
  }
  if (n < size)
    snprintf(buf + n, size - n, "]");
}

MlirLogicalResult fxVerifyViewLayout(MlirOperation view, FxSchemaTable *table) {
  Ctx c = {table, false, view};
  MlirValue input = mlirOperationGetOperand(view, 0);
  MlirType inType = mlirValueGetType(input);
  MlirType outType = mlirValueGetType(mlirOperationGetResult(view, 0));
  Layout in, out;
  bool known = layoutOf(&c, input, 0, &in) && sizesOf(outType, &out);
  if (c.ownTable)
    fxSchemaTableDestroy(c.table);
  if (!known || viewOf(&in, &out) != NOT_VIEWABLE)
    return mlirLogicalResultSuccess();
  char strides[256];
  stridesText(&in, strides, sizeof strides);
  return fxVerifyError(
      view,
      "cannot view its input %s, laid out with strides %s, as %s: the dims "
      "it would merge are not contiguous with each other, so torch's view "
      "raises (fx.reshape copies when it must)",
      fxTypeText(inType).s, strides, fxTypeText(outType).s);
}
