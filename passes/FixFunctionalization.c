/* FixFunctionalization.c - fx-fix-functionalization: back to in-place calls.
 *
 * Each fx.auto_functionalized becomes an in-place fx.call of its target; the
 * result standing for a mutated argument is replaced by that operand.  Only
 * the schema says which operands are written: there is no per-op code.
 *
 * Legality (DESIGN §3), per mutated operand m of call A, m may be written in
 * place only if
 *   (a) nothing reads the storage m shares, where it overlaps m, after A:
 *       reads through views of the same root are compared by region, and a
 *       slice_scatter that overwrites m's region again is not a read of it;
 *   (b) no other operand of A shares storage with m where m lies;
 *   (c) m's storage is not a function argument, unless the argument is
 *       marked `fx.donated` or the function writes the new value back into
 *       it with aten::copy_ (that copy then disappears).
 * An operand that fails is cloned (aten::clone right before A) with a
 * remark saying why; the others are still written in place.
 *
 * Scatter-back elimination: once A writes a view of `base` in place,
 * `slice_scatter(base, view, region)` with `view` exactly `base` at
 * `region` is `base` itself.  This replaces vLLM's rotary special case and
 * needs no fixed graph shape.
 */
#include "Alias.h"
#include "PassInternal.h"
#include "ReadIndex.h"
#include "Rewire.h"
#include "ValueStack.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Rewrite.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct OpList {
  MlirOperation *ops;
  size_t n, cap;
  bool failed; /* out of memory: the ops not listed are missing */
} OpList;

static bool opListPush(OpList *list, MlirOperation op) {
  if (!fxArrayReserve((void **)&list->ops, list->n, &list->cap,
                      sizeof *list->ops, 16)) {
    list->failed = true;
    return false;
  }
  list->ops[list->n++] = op;
  return true;
}

typedef struct State {
  FxSchemaTable *table;
  FxReadIndex *reads; /* may be NULL: then only the precise walk */
  FxReturnedAliases aliases;
  FxLayouts layouts;
  /* Whether the function calls a func.func.  Without, the call checks
   * below (donatingCalls, sharingCall) can find nothing, and their walks
   * over every use of the operand's root -- a function argument written in
   * place by every layer has a use per layer -- are skipped: O(n) per
   * match made the pass quadratic.  No fx pass creates a func.call, so the
   * answer holds for the whole run. */
  bool hasFuncCalls;
  int rewrites; /* v2 bases and scatter-backs rewritten so far */
  OpList kept;  /* the slice_scatters the last sweep over them left */
  bool hasV2Clones; /* fxPassBeginRewrite's walk met a v2 base's clone */
} State;

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/*===-- (c) function arguments --------------------------------------------===*/

/* Whether `user` is an `aten::copy_(self = arg, ...)` after `call`: a
 * write of the whole argument (a copy into a view of it is not). */
static bool copiesInto(MlirOperation user, MlirOperation call, MlirValue arg) {
  if (fxOpGetKind(user) != FX_OP_CALL ||
      !mlirStringRefEqual(fxCallGetTarget(user), str("aten::copy_")) ||
      !fxIsAfter(call, user))
    return false;
  MlirValue self = fxCallGetOperandByName(user, str("self"));
  return !mlirValueIsNull(self) && mlirValueEqual(self, arg);
}

/* An `aten::copy_(self = arg, src = newValue)` after A: the functional
 * graph's write-back of a mutated input (Inductor's epilogue). */
static MlirOperation findCopyBack(MlirOperation call, MlirValue arg,
                                  MlirValue newValue) {
  for (MlirOpOperand use = mlirValueGetFirstUse(newValue);
       !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (!copiesInto(user, call, arg))
      continue;
    MlirValue src = fxCallGetOperandByName(user, str("src"));
    if (!mlirValueIsNull(src) && mlirValueEqual(src, newValue))
      return user;
  }
  return (MlirOperation){NULL};
}

/* Whether `newValue` (or a view of it) is written in place, or returned,
 * after the copy_ epilogue `copyBack`: then the argument and the new value
 * are two buffers from there on, and writing the argument in place (making
 * them one) would let that write or that result reach the caller's
 * argument. */
static bool usedAfterCopyBack(State *st, MlirValue newValue,
                              MlirOperation copyBack) {
  FxValueStack stack;
  fxValueStackInit(&stack);
  fxValueStackPush(&stack, newValue); /* (fits in the record) */
  bool found = false;
  while (!fxValueStackEmpty(&stack) && !found) {
    MlirValue cur = fxValueStackPop(&stack);
    for (MlirOpOperand use = mlirValueGetFirstUse(cur);
         !mlirOpOperandIsNull(use) && !found; use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      if (fxOpIsViewLike(user)) {
        if (!fxValueStackPush(&stack, mlirOperationGetResult(user, 0))) {
          found = true; /* out of memory: "used", the conservative side */
          break;
        }
        continue;
      }
      MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(user));
      bool returns = name.length == 11 && !memcmp(name.data, "func.return", 11);
      found = fxIsAfter(copyBack, user) &&
              (returns || fxUseWrites(use, st->table));
    }
  }
  fxValueStackFree(&stack);
  return found;
}

#define kMaxWalkValue 4096
#define FX_STR_(x) #x
#define FX_STR(x) FX_STR_(x)
enum { kMaxWalk = kMaxWalkValue, kMaxDonating = 8 };

/* Adds to out[0..*n) the func.calls among `v`'s uses -- views and aliases
 * an op returns followed (C4) -- that pass it to a donated parameter (the
 * callee may write it; dialect/FxVerifyCalls.c) or to an unknown callee.
 * False when there are more than kMaxDonating or the walk passes kMaxWalk
 * values (E7: a diamond of copy_ would be walked once per path): the
 * caller then assumes the worst. */
static bool donatingCalls(MlirValue v, FxSchemaTable *table, MlirOperation *out,
                          int *n, int *steps) {
  if (++*steps > kMaxWalk)
    return false;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    if (fxOpIsFuncCall(user)) {
      MlirOperation callee = fxSchemaTableGetCallee(table, user);
      if (mlirOperationIsNull(callee) ||
          fxFuncArgIsDonated(callee, mlirOpOperandGetOperandNumber(u))) {
        bool seen = false;
        for (int k = 0; k < *n; ++k)
          seen |= mlirOperationEqual(out[k], user);
        if (!seen) {
          if (*n == kMaxDonating)
            return false;
          out[(*n)++] = user;
        }
      }
    }
    if (!fxOpIsViewLike(user) && !fxOpReturnsAlias(user, table))
      continue;
    for (intptr_t r = 0, nr = mlirOperationGetNumResults(user); r < nr; ++r)
      if (!donatingCalls(mlirOperationGetResult(user, r), table, out, n, steps))
        return false;
  }
  return true;
}

/* The operand a new value of auto_functionalized `af` stands for, or null
 * (not an af result, or not a mutated parameter's). */
static MlirValue afOperandOf(MlirValue result, FxSchemaTable *table) {
  if (!mlirValueIsAOpResult(result))
    return (MlirValue){NULL};
  MlirOperation af = mlirOpResultGetOwner(result);
  if (fxOpGetKind(af) != FX_OP_AUTO_FUNCTIONALIZED)
    return (MlirValue){NULL};
  const FxSchema *s = fxSchemaTableLookupCall(table, af, NULL);
  if (!s)
    return (MlirValue){NULL};
  return fxAutoFunctionalizedGetMutatedOperand(
      af, s, mlirOpResultGetResultNumber(result));
}

/* A func.call that gets `nv` (or a view of it, or an alias an op returned
 * of it) together with another operand that may share `v`'s storage, now
 * or once an auto_functionalized result among them is written in place
 * too (E1): after the rewrite nv is v, and the call would get one storage
 * twice (D2).  Past kMaxWalk values: some op on the way ("may be"). */
static MlirOperation sharingCall(MlirValue nv, MlirValue v,
                                 FxSchemaTable *table, int *steps) {
  for (MlirOpOperand u = mlirValueGetFirstUse(nv); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    if (++*steps > kMaxWalk)
      return user; /* "may be" */
    if (fxOpIsFuncCall(user))
      for (intptr_t i = 0, no = mlirOperationGetNumOperands(user); i < no; ++i) {
        MlirValue o = mlirOperationGetOperand(user, i);
        if (i == mlirOpOperandGetOperandNumber(u) ||
            !fxTypeIsATensor(mlirValueGetType(o)))
          continue;
        MlirValue before = afOperandOf(fxStorageRoot(o), table);
        if (fxValuesMayShareStorage(o, v, table) ||
            (!mlirValueIsNull(before) &&
             fxValuesMayShareStorage(before, v, table)))
          return user;
      }
    if (!fxOpIsViewLike(user) && !fxOpReturnsAlias(user, table))
      continue;
    for (intptr_t r = 0, nr = mlirOperationGetNumResults(user); r < nr; ++r) {
      MlirOperation c =
          sharingCall(mlirOperationGetResult(user, r), v, table, steps);
      if (!mlirOperationIsNull(c))
        return c;
    }
  }
  return (MlirOperation){NULL};
}

/*===-- The rewrite ---------------------------------------------------------===*/

typedef struct Mutated {
  intptr_t operand;    /* operand index in A; -1 for a v2 base   */
  intptr_t result;     /* result index of its new value in A     */
  const char *name;    /* the parameter, for remarks             */
  MlirValue value;     /* what is written in place               */
  MlirValue newValue;  /* the value that stands for it after A   */
  MlirOperation copyBack;  /* copy_(arg, new value): erased after A   */
  MlirOperation writeBack; /* the copy_ restoring arg (copyBack or a
                              later one that stays), exempt from (a) */
} Mutated;

/* (c') A non-donated argument `arg` whose new value `nv` is not itself
 * copied back may still be written in place when the whole argument is
 * written back later: the first aten::copy_(self = arg, src != nv) after
 * the call, when neither nv (through its views) is used after that copy_
 * nor the copy_'s result at all, and nv's storage is reached through no
 * op that returns an alias.  Then, written in place, the argument holds nv
 * until the copy_ -- every use of nv is before it and sees nv -- and the
 * copy_ still writes the final value; nothing reads the old contents after
 * the call (rule a).  A chain of calls each mutating the previous new
 * value, ending in one copy_ (vLLM's residual stream written back by a
 * piecewise submodule), goes in place link by link: the last link's
 * copy_ is direct (c) and disappears.  Null when there is no such copy_. */
static MlirOperation chainedWriteBack(State *st, MlirOperation call,
                                      MlirValue arg, MlirValue nv,
                                      bool *walkLimit) {
  MlirOperation best = {NULL};
  int steps = 0;
  *walkLimit = false;
  for (MlirOpOperand use = mlirValueGetFirstUse(arg); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    if (++steps > kMaxWalk) {
      *walkLimit = true;
      return (MlirOperation){NULL};
    }
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (!copiesInto(user, call, arg))
      continue;
    if (mlirOperationIsNull(best) || fxIsAfter(user, best))
      best = user;
  }
  if (mlirOperationIsNull(best))
    return best;
  MlirValue src = fxCallGetOperandByName(best, str("src"));
  if (mlirValueIsNull(src) || mlirValueEqual(src, nv) ||
      (mlirOperationGetNumResults(best) > 0 &&
       !mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(best, 0)))) ||
      fxHasReturnedAlias(&st->aliases, nv, (MlirOperation){NULL}))
    return (MlirOperation){NULL};
  /* No use of nv or of a view of it after the copy_. */
  FxValueStack stack;
  fxValueStackInit(&stack);
  fxValueStackPush(&stack, nv); /* (fits in the record) */
  while (!fxValueStackEmpty(&stack) && !mlirOperationIsNull(best)) {
    MlirValue cur = fxValueStackPop(&stack);
    for (MlirOpOperand use = mlirValueGetFirstUse(cur); !mlirOpOperandIsNull(use);
         use = mlirOpOperandGetNextUse(use)) {
      MlirOperation user = mlirOpOperandGetOwner(use);
      if (++steps > kMaxWalk)
        *walkLimit = true;
      if (*walkLimit || fxIsAfter(best, user)) {
        best = (MlirOperation){NULL};
        break;
      }
      if (!fxOpIsViewLike(user))
        continue;
      if (!fxValueStackPush(&stack, mlirOperationGetResult(user, 0))) {
        best = (MlirOperation){NULL}; /* out of memory: no write-back */
        break;
      }
    }
  }
  fxValueStackFree(&stack);
  return best;
}

/* `v`'s region in *r, computed on the first call (*have false). */
static const FxRegion *regionOnce(FxRegion *r, bool *have, MlirValue v) {
  if (!*have)
    fxRegionOf(r, v);
  *have = true;
  return r;
}

/* Decides whether operand `m` may be written in place; if not, writes the
 * remark text.  `operands` holds A's operands with earlier clones applied. */
static bool mayWriteInPlace(State *st, MlirOperation call, const FxSchema *s,
                            Mutated *m, const MlirValue *operands,
                            intptr_t numOperands, char *why, size_t cap) {
  MlirValue v = m->value;
  MlirValue root = fxStorageRoot(v);
  /* v's region, taken where a rule first needs it: most operands pass
   * without one (no other operand of the call shares their storage, and
   * the read index rules out a read after the call). */
  FxRegion region, other;
  bool haveRegion = false;
  const char *name = m->name;
  char loc[256];
  /* (b) another operand of the same call shares m's storage. */
  for (intptr_t i = 0; i < numOperands; ++i) {
    if (i == m->operand || !mlirValueEqual(fxStorageRoot(operands[i]), root))
      continue;
    fxRegionOf(&other, operands[i]);
    const char *unsure = NULL;
    FxAnswer a = fxRegionOverlap(&other, regionOnce(&region, &haveRegion, v),
                                 &unsure);
    if (a != FX_NO) {
      int p = fxCallGetOperandParam(call, s, i);
      snprintf(why, cap,
               "cloned operand '%s': operand '%s' of the same call %s its "
               "storage%s%s%s",
               name, p >= 0 ? s->args[p].name : "?",
               a == FX_YES ? "shares" : "may share", unsure ? " (" : "",
               unsure ? unsure : "", unsure ? ")" : "");
      return false;
    }
  }
  /* (c) function arguments belong to the caller. */
  intptr_t arg = fxFunctionArgIndex(root);
  bool walkLimit = false;
  m->copyBack = m->writeBack = (MlirOperation){NULL};
  if (arg >= 0) {
    MlirOperation func = mlirBlockGetParentOperation(
        mlirBlockArgumentGetOwner(root));
    bool donated = fxFuncArgIsDonated(func, arg);
    MlirValue newValue = m->newValue;
    if (mlirValueEqual(v, root))
      m->copyBack = findCopyBack(call, root, newValue);
    /* The epilogue only when nothing tells the argument and the new value
     * apart once the copy is made: the new value neither written nor
     * returned after it, and the copy_'s own result (the argument again,
     * Tensor(a!)) not used at all. */
    MlirOperation rejected = {NULL};
    if (!mlirOperationIsNull(m->copyBack) &&
        (usedAfterCopyBack(st, newValue, m->copyBack) ||
         !mlirOpOperandIsNull(
             mlirValueGetFirstUse(mlirOperationGetResult(m->copyBack, 0))))) {
      rejected = m->copyBack;
      m->copyBack = (MlirOperation){NULL}; /* two buffers from there on */
    }
    m->writeBack = m->copyBack;
    if (!donated && mlirOperationIsNull(m->copyBack) &&
        mlirValueEqual(v, root))
      m->writeBack = chainedWriteBack(st, call, root, newValue, &walkLimit);
    if (!donated && mlirOperationIsNull(m->writeBack) &&
        !mlirOperationIsNull(rejected)) {
      fxLocationString(rejected, loc, sizeof loc);
      snprintf(why, cap,
               "cloned operand '%s': it is function argument %d, not donated "
               "(fx.donated), and after the aten::copy_ at %s that writes its "
               "new value back, the new value is written or returned, or the "
               "copy's result is used (two buffers from there on)",
               name, (int)arg, loc);
      return false;
    }
    if (!donated && mlirOperationIsNull(m->writeBack) &&
        !mlirValueEqual(v, root)) {
      /* The epilogue is a copy into the whole argument (rule (c)): one
       * into a view of it would leave the rest to the caller's copy. */
      snprintf(why, cap,
               "cloned operand '%s': it is a view of function argument %d, "
               "which is not donated (fx.donated); a write-back with "
               "aten::copy_ counts only into the whole argument",
               name, (int)arg);
      return false;
    }
    if (!donated && mlirOperationIsNull(m->writeBack)) {
      snprintf(why, cap,
               "cloned operand '%s': it is function argument %d, which is "
               "neither donated (fx.donated) nor written back with aten::copy_%s",
               name, (int)arg,
               walkLimit ? " (that fxir can tell: it stops following uses "
                           "after " FX_STR(kMaxWalkValue) ")"
                         : "");
      return false;
    }
  }
  /* Storage also reached through an op that may return an alias of its
   * operand that the storage model does not follow (aten::copy_, a call
   * without a schema, func.call; torch's view ops it follows) is outside
   * what the region model tracks: never write it in place.  (The new
   * value: the last rule below.) */
  if (fxHasReturnedAlias(&st->aliases, root, m->writeBack)) {
    snprintf(why, cap,
             "cloned operand '%s': its storage may also be reached through "
             "an op that returns an alias (aten::copy_, a call without a "
             "schema, func.call)",
             name);
    return false;
  }
  /* The new value is fresh storage, one location per element; an operand
   * viewed through aten::expand or as_strided, or a func.call's result,
   * may repeat locations (Alias.h), and written in place its elements
   * would overwrite each other (torch refuses such writes; the functional
   * call does not make them). */
  MlirOperation repeat = fxViewMayRepeatLocations(v);
  if (!mlirOperationIsNull(repeat)) {
    fxLocationString(repeat, loc, sizeof loc);
    MlirStringRef what = fxOpDisplayName(repeat);
    snprintf(why, cap,
             "cloned operand '%s': it is reached through the %.*s at %s, "
             "whose elements may share memory locations (the new value has "
             "one per element)",
             name, (int)what.length, what.data, loc);
    return false;
  }
  /* The runtime gives the new value fresh contiguous storage; an fx.view
   * of it must see the same layout after the rewrite (Layout.h). */
  MlirOperation view;
  FxLayoutUse reshape = {false, {NULL}};
  bool contiguous = fxKnownContiguous(&st->layouts, v);
  if (!contiguous &&
      fxHasViewOrReshapeUse(m->newValue, st->table, &view, &reshape)) {
    if (mlirOperationIsNull(view)) { /* the walk stopped: no op found */
      snprintf(why, cap,
               "cloned operand '%s': its new value may be viewed (fxir stops "
               "following the results of ops that may return it after "
               FX_STR(FX_LAYOUT_MAX_FOLLOWED) ", or ran out of memory) and "
               "the operand is not known to be contiguous",
               name);
      return false;
    }
    fxLocationString(view, loc, sizeof loc);
    snprintf(why, cap,
             "cloned operand '%s': its new value is viewed at %s (%s) "
             "and the operand is not known to be contiguous",
             name, loc, fxLayoutUseKind(view));
    return false;
  }
  /* A reshape of the new value is a view of fresh contiguous storage; of
   * the operand it may be a copy.  If something writes in place through
   * it, or through the new value, after the call, the two differ (A8). */
  if (!contiguous && reshape.found &&
      !mlirOperationIsNull(fxFindWriteAfter(
          m->newValue, call, st->table))) {
    if (mlirOperationIsNull(reshape.op))
      snprintf(loc, sizeof loc, "an unknown place");
    else
      fxLocationString(reshape.op, loc, sizeof loc);
    snprintf(why, cap,
             "cloned operand '%s': a reshape of its new value (at %s%s) is "
             "written in place later, and the operand is not known to be "
             "contiguous (the reshape could copy it)",
             name, loc,
             !mlirOperationIsNull(reshape.op) &&
                     fxOpGetKind(reshape.op) == FX_OP_NONE
                 ? ": a call whose callee may reshape it"
                 : "");
    return false;
  }
  /* A donated parameter of a call would get m's storage: then nothing of
   * that storage may be used after the call (the call check). */
  /* A donated parameter of a call gets m's storage -- through the new
   * value, or through the operand's storage itself (E3: an earlier call
   * donated another part of it) -- and then nothing of that storage may be
   * used after the call (the call check): neither the operand's root nor
   * any new value of this call that becomes a view of it (E2). */
  MlirOperation donating[kMaxDonating];
  int numDonating = 0, steps = 0;
  bool known =
      !st->hasFuncCalls ||
      (donatingCalls(m->newValue, st->table,
                     donating, &numDonating, &steps) &&
       donatingCalls(root, st->table, donating, &numDonating, &steps));
  FxRegion whole;
  if (known && numDonating)
    fxRegionInitRoot(&whole, root);
  for (int k = 0; known && k < numDonating; ++k) {
    bool used = !mlirOperationIsNull(
        fxFindReadAfter(root, &whole, donating[k], (MlirOperation){NULL}).op);
    for (intptr_t r = 0, nr = mlirOperationGetNumResults(call); !used && r < nr;
         ++r) {
      MlirValue res = mlirOperationGetResult(call, r);
      MlirValue op = afOperandOf(res, st->table);
      FxRegion all;
      fxRegionInitRoot(&all, res);
      used = !mlirValueIsNull(op) &&
             mlirValueEqual(fxStorageRoot(op), root) &&
             !mlirOperationIsNull(
                 fxFindReadAfter(res, &all, donating[k], (MlirOperation){NULL}).op);
    }
    if (used) {
      fxLocationString(donating[k], loc, sizeof loc);
      snprintf(why, cap,
               "cloned operand '%s': its storage goes to a donated parameter "
               "of the call at %s, and is used after that call",
               name, loc);
      return false;
    }
  }
  if (!known) {
    snprintf(why, cap,
             "cloned operand '%s': its storage may go to donated parameters "
             "of more calls than fxir follows (%d calls, %d values)",
             name, kMaxDonating, kMaxWalk);
    return false;
  }
  steps = 0;
  MlirOperation sharing =
      st->hasFuncCalls
          ? sharingCall(m->newValue, v, st->table,
                        &steps)
          : (MlirOperation){NULL};
  if (!mlirOperationIsNull(sharing)) {
    fxLocationString(sharing, loc, sizeof loc);
    snprintf(why, cap,
             "cloned operand '%s': its new value and another operand of the "
             "call at %s would share storage (fx functions take distinct "
             "storage for each argument)",
             name, loc);
    return false;
  }
  /* (a) a later read of what A overwrites. */
  FxReader reader = {{NULL}, NULL};
  if (fxReadIndexMayReadAfter(st->reads, root, call))
    reader = fxFindReadAfter(root, regionOnce(&region, &haveRegion, v), call,
                             m->writeBack);
  if (!mlirOperationIsNull(reader.op)) {
    fxLocationString(reader.op, loc, sizeof loc);
    snprintf(why, cap, "cloned operand '%s': it %s read after the call at %s%s%s%s",
             name, reader.why ? "may be" : "is", loc,
             reader.why ? " (" : "", reader.why ? reader.why : "",
             reader.why ? ")" : "");
    return false;
  }
  /* The new value, written in place, becomes the operand's storage; a use
   * of it through an op that returns an alias the storage model does not
   * follow (copy_(x, nv) returning x, a call without a schema) is one the
   * write-back, reshape and return rules above cannot see.  torch's view
   * ops (aten::t, aten::alias, ...) are followed like fx.view (Alias.c):
   * a write through aten::alias(nv), a reshape of aten::detach(nv), a
   * return of aten::t(nv) are found by those rules (an adversary's cases,
   * test/Passes/FixFunctionalization/torch-views.mlir). */
  if (fxMayComeBackThrough(&st->aliases, m->newValue)) {
    snprintf(why, cap,
             "cloned operand '%s': its new value may also be reached through "
             "an op that returns an alias (aten::copy_, a call without a "
             "schema, func.call)",
             name);
    return false;
  }
  return true;
}

static MlirOperation createClone(MlirRewriterBase rw, MlirLocation loc,
                                 MlirValue v) {
  MlirStringRef self = str("self");
  MlirType type = mlirValueGetType(v);
  MlirOperation clone = fxCallOpCreate(loc, FX_OP_CALL, str("aten::clone"), 1,
                                       &v, &self, (MlirAttribute){NULL}, 1,
                                       &type);
  mlirRewriterBaseInsert(rw, clone);
  return clone;
}

/* Leaves `call` as it is, saying why in a remark: a call the verifier
 * rejects (IR it has not seen), which the rewrite cannot read, or one whose
 * rewrite would change what it computes. */
static MlirLogicalResult keepCall(MlirOperation call, const char *fmt, ...) {
  char msg[256];
  int n = snprintf(msg, sizeof msg,
                   "fx-fix-functionalization leaves this call unchanged: ");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  va_end(ap);
  fxEmitRemark(mlirOperationGetLocation(call), msg);
  return mlirLogicalResultFailure();
}

static MlirLogicalResult defunctionalize(State *st, MlirOperation call,
                                         MlirRewriterBase rw) {
  const FxSchema *s = fxSchemaTableLookupCall(st->table, call, NULL);
  if (!s) /* the verifier requires one; nothing to go by otherwise */
    return mlirLogicalResultFailure();
  intptr_t numOperands = mlirOperationGetNumOperands(call);
  intptr_t numResults = mlirOperationGetNumResults(call);
  if (numOperands > FX_MAX_OPERANDS) /* IRDL's limit */
    return keepCall(call,
                    "it has %ld operands, more than an fx op's %d (the "
                    "verifier rejects it)",
                    (long)numOperands, FX_MAX_OPERANDS);
  MlirValue operands[FX_MAX_OPERANDS];
  for (intptr_t i = 0; i < numOperands; ++i)
    operands[i] = mlirOperationGetOperand(call, i);
  /* The mutated operands present, in schema order (= result order). */
  Mutated mutated[FX_MAX_RESULTS];
  int numMutated = 0, numReturns = 0;
  for (int i = 0; i < s->numReturns; ++i)
    numReturns += s->returns[i].kind == FX_ARG_TENSOR;
  /* The verifier requires a result for each tensor return and for each
   * mutated operand present, at most FX_MAX_RESULTS; IR it has not seen
   * may lack one (or have more), and the rewrite reads and replaces them
   * all. */
  intptr_t want = numReturns;
  /* The parameters with an operand, for the aliasing returns below (a
   * schema may have more parameters than an op operands; without memory,
   * none: every aliasing return keeps the call). */
  bool presentStack[64] = {false};
  bool *present = s->numArgs <= 64
                      ? presentStack
                      : calloc((size_t)s->numArgs, sizeof *present);
  for (intptr_t i = 0; i < numOperands; ++i) {
    int p = fxCallGetOperandParam(call, s, i);
    if (p >= 0 && present)
      present[p] = true;
    if (p < 0 || !s->args[p].mutated || ++want > numResults ||
        want > FX_MAX_RESULTS)
      continue;
    mutated[numMutated] = (Mutated){
        i,         want - 1,
        s->args[p].name, operands[i],
        mlirOperationGetResult(call, want - 1), {NULL}, {NULL}};
    ++numMutated;
  }
  const char *alias = NULL;
  int aliasing = fxSchemaUnwrittenAliasReturn(s, present, &alias);
  if (present != presentStack)
    free(present);
  if (want > FX_MAX_RESULTS)
    return keepCall(call,
                    "its schema gives it %ld results, more than an fx "
                    "op's %d (the verifier rejects it)",
                    (long)want, FX_MAX_RESULTS);
  if (want != numResults)
    return keepCall(call,
                    "it has %ld results where its schema gives %ld (the "
                    "verifier rejects it)",
                    (long)numResults, (long)want);

  /* An own return with an alias set that no mutated operand present
   * carries (torch's view ops: `t(Tensor(a) self) -> Tensor(a)`) is, from
   * an fx.call, a view of that operand or whatever the op returns; from
   * fx.auto_functionalized it is new storage (dialect.md, "Layouts"), so a
   * write through it reaches nothing else.  The call would differ.  (A
   * return that aliases a mutated operand, copy_'s, is that operand's new
   * value either way.)  The verifier rejects a view op's
   * (verifyAliasingReturns); IR it has not seen may hold one. */
  if (aliasing >= 0)
    return keepCall(call,
                    "its return %d aliases an operand it does not write "
                    "(alias set (%s)): an in-place call's may be a view "
                    "of that operand (torch's view ops return one), where "
                    "fx.auto_functionalized returns new storage",
                    aliasing, alias);

  mlirRewriterBaseSetInsertionPointBefore(rw, call);
  MlirLocation loc = mlirOperationGetLocation(call);
  char why[512];
  for (int k = 0; k < numMutated; ++k) {
    if (mayWriteInPlace(st, call, s, &mutated[k], operands, numOperands, why,
                        sizeof why))
      continue;
    fxEmitRemark(loc, why);
    mutated[k].copyBack = (MlirOperation){NULL};
    MlirOperation clone = createClone(rw, loc, operands[mutated[k].operand]);
    fxReadIndexPlace(st->reads, clone, call);
    operands[mutated[k].operand] = mlirOperationGetResult(clone, 0);
  }

  MlirType returnTypes[FX_MAX_RESULTS];
  for (int i = 0; i < numReturns; ++i)
    returnTypes[i] = mlirValueGetType(mlirOperationGetResult(call, i));
  MlirOperation inPlace = fxCallOpCreateLike(call, FX_OP_CALL, numOperands,
                                             operands, numReturns, returnTypes);
  mlirRewriterBaseInsert(rw, inPlace);
  fxReadIndexPlace(st->reads, inPlace, call);
  for (int k = 0; k < numMutated; ++k)
    fxReadIndexNoteWrite(st->reads, operands[mutated[k].operand], inPlace);

  MlirValue replacements[FX_MAX_RESULTS];
  for (int i = 0; i < numReturns; ++i) {
    replacements[i] = mlirOperationGetResult(inPlace, i);
    fxReadIndexMoveUses(st->reads, mlirOperationGetResult(call, i),
                        replacements[i]);
  }
  for (int k = 0; k < numMutated; ++k) {
    replacements[mutated[k].result] = operands[mutated[k].operand];
    /* The new value's readers now read the operand's storage. */
    fxReadIndexMerge(st->reads, mlirOperationGetResult(call, mutated[k].result),
                     operands[mutated[k].operand]);
  }
  mlirRewriterBaseReplaceOpWithValues(rw, call, numResults, replacements);

  /* copy_(arg, arg) is now a no-op; its result is `arg` (Tensor(a!)). */
  for (int k = 0; k < numMutated; ++k) {
    if (mlirOperationIsNull(mutated[k].copyBack))
      continue;
    MlirValue arg = operands[mutated[k].operand];
    mlirRewriterBaseReplaceOpWithValues(rw, mutated[k].copyBack, 1, &arg);
  }
  return mlirLogicalResultSuccess();
}

/*===-- auto_functionalized_v2: the clones of its bases ----------------------===*/

/* fx-import expands auto_functionalized_v2 exactly (docs/import.md): each
 * base b is cloned (an `aten::clone` marked `fx.functionalized`), the op is
 * called in place on views of the clones, and the clones are the new
 * bases.  Writing b itself instead is v1's rewrite with that call as A and
 * the clone c as b's new value: c is fresh storage, so c after A is "b
 * after A's writes" exactly when rules (a)-(c) hold for b -- the same code
 * decides.  The form is found, not assumed: only views that never copy
 * and other such clones, which write nothing, may stand between the clone
 * and A, so nothing writes b before A does.  A is
 * an fx.call whose schema says it writes c (or a view of it).  Null when
 * the form is not there. */
/* An `aten::clone` fx-import made for a v2 base. */
static bool isV2Clone(MlirOperation op) {
  return fxOpGetKind(op) == FX_OP_CALL &&
         mlirStringRefEqual(fxCallGetTarget(op), str("aten::clone")) &&
         !mlirAttributeIsNull(
             mlirOperationGetAttributeByName(op, str(FX_ATTR_FUNCTIONALIZED)));
}

/* An op fx-import puts between a v2 clone and its call: a view that never
 * copies (fx.slice, a torch view op such as as_strided; Alias.h) or
 * another clone.  None writes anything; a view of b read after A is rule
 * (a)'s, as the storage model follows views, and an fx.view or
 * as_strided that needs b contiguous is the layout rule's.  Not
 * fx.reshape: of the contiguous clone it views, of b it may copy, so A
 * writing through it, or a read of it after A, would miss b (an
 * adversary's v2_reshape cases, test/Integration/v2-views-between.mlir);
 * nor fx.view, which fx-import never puts there. */
static bool isV2Between(MlirOperation op) {
  FxOpKind k = fxOpGetKind(op);
  return k == FX_OP_SLICE || (k == FX_OP_CALL && fxOpIsViewLike(op)) ||
         isV2Clone(op);
}

static MlirOperation v2Writer(State *st, MlirOperation clone, const FxSchema **s,
                              const char **name) {
  MlirValue c = mlirOperationGetResult(clone, 0);
  MlirOperation a = mlirOperationGetNextInBlock(clone);
  while (!mlirOperationIsNull(a) && isV2Between(a))
    a = mlirOperationGetNextInBlock(a);
  if (mlirOperationIsNull(a) || fxOpGetKind(a) != FX_OP_CALL)
    return (MlirOperation){NULL};
  *s = fxSchemaTableLookupCall(st->table, a, NULL);
  if (!*s)
    return (MlirOperation){NULL};
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(a); i < n; ++i) {
    int p = fxCallGetOperandParam(a, *s, i);
    if (p >= 0 && (*s)->args[p].mutated &&
        mlirValueEqual(fxStorageRoot(mlirOperationGetOperand(a, i)), c)) {
      *name = (*s)->args[p].name;
      return a;
    }
  }
  return (MlirOperation){NULL};
}

/* Writes base b in place of its clone if rules (a)-(c) allow, erasing the
 * clone (and a copy_ epilogue that became copy_(b, b)); otherwise says why
 * in `why` and changes nothing. */
static bool reinplaceV2Base(State *st, MlirOperation clone, char *why,
                            size_t cap) {
  const FxSchema *s = NULL;
  const char *name = NULL;
  MlirOperation a = v2Writer(st, clone, &s, &name);
  if (mlirOperationIsNull(a)) {
    snprintf(why, cap, "kept the clone of a base of auto_functionalized_v2: "
                       "no in-place call right after it writes it or a view "
                       "of it (only fx.slice, torch view ops and other such "
                       "clones may stand between)");
    return false;
  }
  intptr_t n = mlirOperationGetNumOperands(a);
  if (n > FX_MAX_OPERANDS) {
    snprintf(why, cap, "kept the clone of a base of auto_functionalized_v2: "
                       "the call after it has %ld operands, more than an fx "
                       "op's %d (the verifier rejects it)",
             (long)n, FX_MAX_OPERANDS);
    return false;
  }
  MlirValue operands[FX_MAX_OPERANDS];
  for (intptr_t i = 0; i < n; ++i)
    operands[i] = mlirOperationGetOperand(a, i);
  Mutated m = {-1, -1, name, mlirOperationGetOperand(clone, 0),
               mlirOperationGetResult(clone, 0), {NULL}, {NULL}};
  fxLayoutsForget(&st->layouts);
  if (!mayWriteInPlace(st, a, s, &m, operands, n, why, cap))
    return false;
  fxReadIndexMerge(st->reads, m.newValue, m.value);
  mlirValueReplaceAllUsesOfWith(m.newValue, m.value);
  mlirOperationDestroy(clone);
  if (!mlirOperationIsNull(m.copyBack)) {
    /* copy_(b, b): a no-op whose result (b, Tensor(a!)) is unused. */
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(m.copyBack, 0),
                                  m.value);
    mlirOperationDestroy(m.copyBack);
  }
  ++st->rewrites;
  return true;
}

static MlirWalkResult collectV2Clones(MlirOperation op, void *userData) {
  if (!isV2Clone(op))
    return MlirWalkResultAdvance;
  return opListPush(userData, op) ? MlirWalkResultAdvance
                                  : MlirWalkResultInterrupt;
}

/* FxFunctionFacts.each: whether collectV2Clones has anything to find. */
static void noteV2Clone(MlirOperation op, void *userData) {
  State *st = userData;
  st->hasV2Clones |= isV2Clone(op);
}

/*===-- Scatter-back elimination ------------------------------------------===*/

/* Skips views whose type equals their input's: same elements, same storage. */
static MlirValue skipIdentityViews(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    FxOpKind k = fxOpGetKind(def);
    if ((k != FX_OP_RESHAPE && k != FX_OP_VIEW) ||
        !mlirTypeEqual(mlirValueGetType(mlirOperationGetOperand(def, 0)),
                       mlirValueGetType(v)))
      break;
    v = mlirOperationGetOperand(def, 0);
  }
  return v;
}

static bool sameAttr(MlirOperation a, MlirOperation b, const char *name) {
  return mlirAttributeEqual(mlirOperationGetAttributeByName(a, str(name)),
                            mlirOperationGetAttributeByName(b, str(name)));
}

/* Whether slice and scatter `a` and `b` take the same start, end and
 * step: at once when their dictionaries are one (uniqued: the same
 * attributes), as a scatter-back's usually are. */
static bool sameRange(MlirOperation a, MlirOperation b) {
  return mlirAttributeEqual(fxOperationGetAttrDictionary(a),
                            fxOperationGetAttrDictionary(b)) ||
         (sameAttr(a, b, "start") && sameAttr(a, b, "end") &&
          sameAttr(a, b, "step"));
}

/* `op`'s dim, counted from the front of `full`'s dims; false when it has
 * none that is an integer (IR the verifier has not seen). */
static bool normDim(MlirOperation op, MlirValue full, int64_t *d) {
  bool ok;
  *d = fxOpGetIntAttr(op, "dim", &ok);
  if (!ok)
    return false;
  if (*d < 0)
    *d += fxTensorTypeGetRank(mlirValueGetType(full));
  return true;
}

/* `src` is exactly `base` at the scatter's region: scattering it back
 * changes nothing. */
static bool isScatterBack(MlirOperation scatter) {
  MlirValue base = mlirOperationGetOperand(scatter, 0);
  MlirValue src = skipIdentityViews(mlirOperationGetOperand(scatter, 1));
  if (!mlirValueIsAOpResult(src))
    return false;
  MlirOperation slice = mlirOpResultGetOwner(src);
  int64_t sliceDim, scatterDim;
  return fxOpGetKind(slice) == FX_OP_SLICE &&
         mlirValueEqual(skipIdentityViews(mlirOperationGetOperand(slice, 0)),
                        skipIdentityViews(base)) &&
         normDim(slice, base, &sliceDim) &&
         normDim(scatter, base, &scatterDim) && sliceDim == scatterDim &&
         sameRange(slice, scatter);
}

/* Replacing the scatter's fresh result by `base` is a storage change like
 * any other (Rewire.h): from the scatter on, the two may differ. */
static bool scatterBackIsSafe(State *st, MlirOperation scatter, char *why,
                              size_t cap) {
  FxRewire rw = {st->reads, &st->aliases, &st->layouts};
  return fxRewireIsSafe(&rw, scatter, mlirOperationGetResult(scatter, 0),
                        mlirOperationGetOperand(scatter, 0),
                        "removing this scatter-back", why, cap);
}

/*===-- Driver ------------------------------------------------------------===*/

static MlirLogicalResult matchAndRewrite(MlirOperation op, MlirRewriterBase rw,
                                         void *userData) {
  State *st = userData;
  /* The rewrites so far may have made a value stand for one laid out
   * otherwise (a clone for a new value, the base for a scatter): layout
   * answers remembered before them may be stale, and a stale "not known
   * contiguous" would leave work for a second run (round 8).  The chains
   * fix asks about are short; noop keeps its answers (its reshape chains
   * are long, F13) and forgets them only when a scatter goes. */
  fxLayoutsForget(&st->layouts);
  if (fxOpGetKind(op) == FX_OP_AUTO_FUNCTIONALIZED)
    return defunctionalize(st, op, rw);
  char why[512];
  if (!isScatterBack(op) || !scatterBackIsSafe(st, op, why, sizeof why))
    return mlirLogicalResultFailure();
  MlirValue base = mlirOperationGetOperand(op, 0);
  MlirValue src = mlirOperationGetOperand(op, 1);
  /* The result's readers (and a return of it) now read the base (B2: a
   * second scatter-back was judged as if the base were not returned). */
  fxReadIndexMerge(st->reads, mlirOperationGetResult(op, 0), base);
  mlirRewriterBaseReplaceOpWithValues(rw, op, 1, &base);
  ++st->rewrites;
  /* The view that fed the scatter is dead now unless used elsewhere. */
  while (mlirValueIsAOpResult(src) &&
         mlirOpOperandIsNull(mlirValueGetFirstUse(src)) &&
         fxOpIsViewLike(mlirOpResultGetOwner(src))) {
    MlirOperation def = mlirOpResultGetOwner(src);
    src = mlirOperationGetOperand(def, 0);
    mlirRewriterBaseEraseOp(rw, def);
  }
  return mlirLogicalResultSuccess();
}

/* Scatter-backs that stay: one remark each, after the rewrites. */
static void remarkKept(State *st, MlirOperation op) {
  char why[512];
  if (fxOpGetKind(op) == FX_OP_SLICE_SCATTER && isScatterBack(op) &&
      !scatterBackIsSafe(st, op, why, sizeof why))
    fxEmitRemark(mlirOperationGetLocation(op), why);
}

static MlirWalkResult remarkKeptWalk(MlirOperation op, void *userData) {
  remarkKept(userData, op);
  return MlirWalkResultAdvance;
}

/* The driver's `kept`: lists the slice_scatters left (the remarks wait
 * for the last round). */
static void keepScatter(MlirOperation op, void *userData) {
  State *st = userData;
  if (!st->kept.failed)
    opListPush(&st->kept, op);
}

void fxRunFixFunctionalization(MlirOperation func, MlirExternalPass pass) {
  State st = {fxSchemaTableCreate(func), NULL, {NULL, false}, {NULL, {0}},
              false, 0, {NULL, 0, 0, false}, false};
  FxFunctionFacts facts = {.each = noteV2Clone, .eachData = &st,
                           .pass = "fx-fix-functionalization"};
  if (!fxPassBeginRewrite(func, pass, st.table, &facts)) {
    fxSchemaTableDestroy(st.table);
    return;
  }
  st.reads = fxReadIndexCreate(func, st.table, false, &facts.top);
  st.hasFuncCalls = facts.hasFuncCalls;
  fxLayoutsInit(&st.layouts, st.table);
  st.aliases = facts.aliases;
  /* Calls first, in program order, then the scatter-backs the in-place
   * calls made (nested ones included). */
  static const FxOpKind calls[] = {FX_OP_AUTO_FUNCTIONALIZED};
  /* The read index finds the first walk's ops in its list: the driver
   * keeps the list (null for each op erased), so that the scatter-backs'
   * sweeps too take their roots from it instead of walking the block. */
  FxBlockIndexFn indexOf = st.reads ? fxReadIndexBlockIndex : NULL;
  fxApplyRewrites(func, pass, calls, 1, matchAndRewrite, &st, FX_TOP_DOWN,
                  NULL, &facts.top, indexOf, st.reads);
  /* Then v2's base clones, in program order: each decision sees the ones
   * before it made (a base written in place is then another operand of
   * the call sharing the next base's storage, rule b).  Then the
   * scatter-backs.  A rewrite can make a kept clone legal -- a later clone
   * gone turns a copy_ into an earlier one's epilogue, a scatter-back gone
   * makes its base contiguous -- and a clone gone can make a scatter a
   * scatter-back -- a scatter of its new value becomes one of the view of
   * its base (v2-rounds.mlir) -- so both repeat until nothing changes: a
   * second run of the pass must find nothing left (idempotence).  Each
   * round but the last removes an op, so this ends. */
  OpList clones = {0};
  if (st.hasV2Clones) /* (no rewrite makes one: fxCallOpCreateLike and
                         createClone do not mark their ops) */
    mlirOperationWalk(func, collectV2Clones, &clones, MlirWalkPreOrder);
  static const FxOpKind scatters[] = {FX_OP_SLICE_SCATTER};
  /* Each kept clone's reason from the round that judged it last: the
   * remarks come from the final round, which rewrites nothing, so its
   * reasons describe the IR the pass leaves. */
  typedef char Why[512];
  Why spare, *whys = clones.n ? malloc(clones.n * sizeof *whys) : NULL;
  /* reinplaceV2Base changes the block without the driver's rewriter (it
   * replaces uses and destroys ops itself): after it, the list is stale. */
  if (clones.n)
    facts.top.inserted = ~0u;
  for (int before = -1; before != st.rewrites;) {
    before = st.rewrites;
    size_t kept = 0;
    for (size_t i = 0; i < clones.n; ++i) {
      char *why = whys ? whys[kept] : spare;
      if (!reinplaceV2Base(&st, clones.ops[i], why, sizeof(Why)))
        clones.ops[kept++] = clones.ops[i];
    }
    clones.n = kept;
    st.kept.n = 0;
    st.kept.failed = false;
    fxApplyRewrites(func, pass, scatters, 1, matchAndRewrite, &st, FX_TOP_DOWN,
                    keepScatter, &facts.top, indexOf, st.reads);
    /* Without a clone left to retry, another round would find the
     * scatter-backs where the driver's last sweep left them: unchanged. */
    if (clones.n == 0)
      break;
  }
  for (size_t i = 0; i < clones.n; ++i)
    fxEmitRemark(mlirOperationGetLocation(clones.ops[i]),
                 whys ? whys[i]
                      : "kept the clone of a base of auto_functionalized_v2 "
                        "(its reason was lost: out of memory)");
  free(whys);
  free(clones.ops);
  fxFunctionFactsFree(&facts);
  /* The scatter-backs that stay: the last sweep's list is every
   * slice_scatter of the function (its fx ops are all in the entry block),
   * unless it could not be kept (out of memory: walk instead).  Nothing
   * has changed the IR since that sweep: the rounds end with one that
   * rewrites nothing, or with no clone left to retry after the sweep. */
  if (st.kept.failed)
    mlirOperationWalk(func, remarkKeptWalk, &st, MlirWalkPreOrder);
  else
    for (size_t i = 0; i < st.kept.n; ++i)
      remarkKept(&st, st.kept.ops[i]);
  free(st.kept.ops);
  fxReadIndexDestroy(st.reads);
  fxLayoutsFree(&st.layouts);
  fxSchemaTableDestroy(st.table);
}
