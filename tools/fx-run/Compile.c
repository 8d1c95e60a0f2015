/* Compile.c - fx-run's compilation: pass orders, dedup, one merged JIT. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "Compile.h"
#include "Tensor.h"
#include "fxir/Fx.h"
#include "fxir/FxDimExpr.h"

#include "fxir/FxLowering.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Pass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    fxRunDie("out of memory compiling the module");
  return p;
}

static bool isDefinedFunc(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 9 && memcmp(n.data, "func.func", 9) == 0 &&
         !mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)));
}

static MlirStringRef symName(MlirOperation op) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(op, str("sym_name")));
}

static bool same(MlirStringRef a, MlirStringRef b) {
  return a.length == b.length && memcmp(a.data, b.data, a.length) == 0;
}

/*===-- Pruning -------------------------------------------------------------===*/

typedef struct Names {
  MlirStringRef *v;
  int n;
} Names;

static void addName(Names *s, MlirStringRef name) {
  for (int i = 0; i < s->n; ++i)
    if (same(s->v[i], name))
      return;
  s->v = xrealloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
  s->v[s->n++] = name;
}

/* Every flat symbol reference on an op (func.call's callee, ...). */
static MlirWalkResult collectRefs(MlirOperation op, void *userData) {
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(op); i < n; ++i) {
    MlirAttribute a = mlirOperationGetAttribute(op, i).attribute;
    if (mlirAttributeIsAFlatSymbolRef(a))
      addName(userData, mlirFlatSymbolRefAttrGetValue(a));
  }
  return MlirWalkResultAdvance;
}

/* Erases the defined functions the entry does not reach. */
static void prune(MlirModule module, MlirOperation entry) {
  MlirBlock body = mlirModuleGetBody(module);
  Names keep = {NULL, 0};
  addName(&keep, symName(entry));
  for (int i = 0; i < keep.n; ++i)
    for (MlirOperation op = mlirBlockGetFirstOperation(body);
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
      if (isDefinedFunc(op) && same(symName(op), keep.v[i]))
        mlirOperationWalk(op, collectRefs, &keep, MlirWalkPreOrder);
  for (MlirOperation op = mlirBlockGetFirstOperation(body), next;
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    bool kept = !isDefinedFunc(op);
    for (int i = 0; i < keep.n && !kept; ++i)
      kept = same(symName(op), keep.v[i]);
    if (!kept)
      mlirOperationDestroy(op);
  }
  free(keep.v);
}

/*===-- Orders --------------------------------------------------------------===*/

static void printPipelineError(MlirStringRef msg, void *userData) {
  fprintf(stderr, "%.*s", (int)msg.length, msg.data);
}

/* Text that MLIR's print callbacks append to (appendText), always
 * NUL-terminated once anything was appended. */
typedef struct Text {
  char *s; /* owned */
  size_t len;
} Text;

static void appendText(MlirStringRef s, void *userData) {
  Text *t = userData;
  t->s = xrealloc(t->s, t->len + s.length + 1);
  memcpy(t->s + t->len, s.data, s.length);
  t->len += s.length;
  t->s[t->len] = '\0';
}

/* A pass manager for builtin.module(`passes`); `what` names a bad one. */
static MlirPassManager parsePipeline(MlirContext ctx, const char *passes,
                                     const char *what) {
  size_t n = strlen(passes) + 32;
  char *text = xrealloc(NULL, n);
  /* As mlir-opt: the passes of the module, or a whole builtin.module(...)
   * pipeline (wrapped again, it ran on nested modules only: nothing). */
  const char *p = passes;
  while (*p == ' ')
    ++p;
  if (!strncmp(p, "builtin.module(", 15))
    snprintf(text, n, "%s", passes);
  else
    snprintf(text, n, "builtin.module(%s)", passes);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  if (mlirLogicalResultIsFailure(mlirParsePassPipeline(
          mlirPassManagerGetAsOpPassManager(pm), str(text), printPipelineError,
          NULL)))
    fxRunDie("%s: '%s' is not a valid pass pipeline (see above)", what, passes);
  free(text);
  return pm;
}

/* The checks of fx-verify that the op verifiers leave out (the call checks:
 * storage given to a func.call, donation) run on the input before any
 * order, so an invalid input is reported as such -- not as a failure of
 * the first order's passes or of the lowering. */
static void verifyInput(const FxRunOptions *o, MlirModule module) {
  MlirPassManager pm = parsePipeline(mlirModuleGetContext(module),
                                     "func.func(fx-verify)", "internal");
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))))
    fxRunDie("%s is not valid fx IR: fx-verify failed (see above)", o->file);
  mlirPassManagerDestroy(pm);
}

/*===-- The live-set bound ---------------------------------------------------===*/

static bool boundSymbol(void *user, MlirStringRef sym, int64_t *value) {
  const FxRunOptions *o = user;
  for (int i = 0; i < o->numSyms; ++i)
    if (o->syms[i].nameLen == sym.length &&
        memcmp(o->syms[i].name, sym.data, sym.length) == 0) {
      *value = o->syms[i].value;
      return true;
    }
  return false;
}

/* A tensor type's bytes with the --sym values; false when unknown (the
 * lowering or the run reports why, at the op). */
static bool typeBytes(void *user, MlirType type, int64_t *bytes) {
  int dtype = fxRunDtypeOf(fxTensorTypeGetDtype(type));
  if (dtype < 0)
    return false;
  int64_t n = (int64_t)fxDtypeSize(dtype);
  for (intptr_t i = 0, r = fxTensorTypeGetRank(type); i < r; ++i) {
    FxDim d = fxTensorTypeGetDim(type, i);
    int64_t v = d.size;
    FxDimExpr e;
    char err[64];
    if (d.symbol.length &&
        !(fxDimExprParse(d.symbol, &e, err, sizeof err) &&
          fxDimExprEvaluate(&e, boundSymbol, user, &v)))
      return false;
    if (v < 0 || __builtin_mul_overflow(n, v, &n))
      return false;
  }
  *bytes = n;
  return true;
}

/* The live-set bound of the entry function of `module` (fxLivenessGetBound:
 * the new tensors of the lowering live at once, at most); -1 when unknown. */
static int64_t liveSetBound(const FxRunOptions *o, MlirModule module,
                            MlirStringRef entryName) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!isDefinedFunc(op) || !same(symName(op), entryName))
      continue;
    FxLiveness *l = fxLivenessCreate(op);
    int64_t bound = -1;
    if (!l || !fxLivenessGetBound(l, typeBytes, (void *)o, &bound))
      bound = -1;
    fxLivenessDestroy(l);
    return bound;
  }
  return -1;
}

/* Applies variant `index`'s order to a copy of `module`; returns the copy
 * when its text is new, a null module when an earlier variant has it. */
static MlirModule applyOrder(const FxRunOptions *o, MlirModule module,
                             MlirStringRef entryName,
                             FxRunVariant *vs, int index, bool dedup) {
  FxRunVariant *v = &vs[index];
  MlirContext ctx = mlirModuleGetContext(module);
  MlirModule copy = mlirModuleFromOperation(
      mlirOperationClone(mlirModuleGetOperation(module)));
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(copy));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (isDefinedFunc(op) && same(symName(op), entryName))
      mlirOperationSetAttributeByName(op, str("llvm.emit_c_interface"),
                                      mlirUnitAttrGet(ctx));
  char buf[128];
  const char *what = fxRunOrderLabel(v->order, buf, sizeof buf);
  double t0 = nowMs();
  if (*v->order->pipeline) {
    bool custom = strcmp(v->order->name, "pipeline") == 0;
    MlirPassManager pm = parsePipeline(ctx, v->order->pipeline,
                                       custom ? "--pipeline" : "internal");
    if (mlirLogicalResultIsFailure(
            mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(copy))))
      fxRunDie("the passes of order %s (%s) failed (see above)",
               v->order->name, v->order->pipeline);
    mlirPassManagerDestroy(pm);
  }
  v->passMs = nowMs() - t0;
  v->boundBytes = liveSetBound(o, copy, entryName);
  snprintf(v->names, sizeof v->names, "%s", v->order->name);
  v->sameAs = -1;
  if (dedup) {
    Text t = {NULL, 0};
    mlirOperationPrint(mlirModuleGetOperation(copy), appendText, &t);
    v->text = t.s;
    v->len = t.len;
  }
  for (int j = 0; dedup && j < index && v->sameAs < 0; ++j)
    if (vs[j].sameAs < 0 && vs[j].len == v->len &&
        memcmp(vs[j].text, v->text, v->len) == 0)
      v->sameAs = j;
  if (v->sameAs < 0) {
    printf("compile %s: fx passes %.1f ms\n", what, v->passMs);
    return copy;
  }
  FxRunVariant *w = &vs[v->sameAs];
  size_t at = strlen(w->names);
  snprintf(w->names + at, sizeof w->names - at, ", %s", v->order->name);
  printf("compile %s: fx passes %.1f ms; same module as order %s, not run "
         "again\n", what, v->passMs, w->order->name);
  mlirModuleDestroy(copy);
  return (MlirModule){NULL};
}

/*===-- Merge, lower, JIT ---------------------------------------------------===*/

/* Moves `from`'s defined functions into `into`, renamed with `suffix` (uses
 * too); `from`'s declarations and fx.schema ops are `into`'s already.  Every
 * function is renamed before any moves: a use is renamed only inside
 * `from`, so a caller moved first would keep calling the unrenamed callee
 * -- another variant's (round 10: --check-passes then ran the order "none"
 * of every callee defined after its caller). */
static void mergeInto(MlirModule into, MlirModule from, const char *suffix) {
  MlirContext ctx = mlirModuleGetContext(into);
  MlirOperation fromOp = mlirModuleGetOperation(from);
  MlirBlock fromBody = mlirModuleGetBody(from), intoBody = mlirModuleGetBody(into);
  for (MlirOperation op = mlirBlockGetFirstOperation(fromBody);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!isDefinedFunc(op))
      continue;
    MlirStringRef old = symName(op);
    size_t n = old.length + strlen(suffix) + 1;
    char *name = xrealloc(NULL, n);
    snprintf(name, n, "%.*s%s", (int)old.length, old.data, suffix);
    if (mlirLogicalResultIsFailure(
            mlirSymbolTableReplaceAllSymbolUses(old, str(name), fromOp)))
      fxRunDie("internal: cannot rename @%.*s", (int)old.length, old.data);
    mlirOperationSetAttributeByName(op, str("sym_name"),
                                    mlirStringAttrGet(ctx, str(name)));
    free(name);
  }
  for (MlirOperation op = mlirBlockGetFirstOperation(fromBody), next;
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (!isDefinedFunc(op))
      continue;
    mlirOperationRemoveFromParent(op);
    mlirBlockAppendOwnedOperation(intoBody, op);
  }
}

static void lookupEntry(FxRunProgram *p, FxRunVariant *v, MlirStringRef entry,
                        const char *suffix) {
  size_t n = entry.length + strlen(suffix) + 16;
  char *wrapper = xrealloc(NULL, n);
  snprintf(wrapper, n, "_mlir_ciface_%.*s%s", (int)entry.length, entry.data,
           suffix);
  v->fn = (void (*)(void **))mlirExecutionEngineLookupPacked(p->jit, str(wrapper));
  /* The lookup links the code: what fails here is an unresolved symbol. */
  if (!v->fn)
    fxRunDie("cannot link @%.*s: a symbol is missing (see above; a user op, "
             "or a built-in op that has a schema but no kernel in libfxrt, "
             "needs the library that defines its fxrt_<ns>__<op>, "
             "--shared-lib=PATH)",
             (int)entry.length, entry.data);
  free(wrapper);
}

/* Whether a function of `module` has `part` in its name. */
static bool anyNameContains(MlirModule module, const char *part) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute name = mlirOperationGetAttributeByName(op, str("sym_name"));
    if (mlirAttributeIsNull(name) || !mlirAttributeIsAString(name))
      continue;
    MlirStringRef s = mlirStringAttrGetValue(name);
    size_t n = strlen(part);
    for (size_t i = 0; i + n <= s.length; ++i)
      if (!memcmp(s.data + i, part, n))
        return true;
  }
  return false;
}

/*===-- Each diagnostic once --------------------------------------------===*/

/* The variants are copies of one function, so a diagnostic at one of its
 * ops (a lowering error) came once per distinct variant, the same text at
 * the same location.  A handler in front of the default printer lets the
 * first through and swallows its repeats: the same severity, location
 * (uniqued: one pointer) and message (its notes come and go with it). */
typedef struct Shown {
  MlirDiagnosticSeverity severity;
  const void *loc;
  char *message;
} Shown;

typedef struct Seen {
  Shown *shown;
  size_t n, cap;
} Seen;

static MlirLogicalResult onceOnly(MlirDiagnostic d, void *user) {
  Seen *seen = user;
  Text message = {NULL, 0};
  appendText(str(""), &message); /* a message may be empty */
  mlirDiagnosticPrint(d, appendText, &message);
  Shown now = {mlirDiagnosticGetSeverity(d),
               mlirDiagnosticGetLocation(d).ptr, message.s};
  for (size_t i = 0; i < seen->n; ++i)
    if (seen->shown[i].severity == now.severity &&
        seen->shown[i].loc == now.loc &&
        strcmp(seen->shown[i].message, now.message) == 0) {
      free(now.message);
      return mlirLogicalResultSuccess(); /* handled: not printed again */
    }
  if (seen->n == seen->cap) {
    seen->cap = seen->cap ? 2 * seen->cap : 8;
    seen->shown = xrealloc(seen->shown, seen->cap * sizeof *seen->shown);
  }
  seen->shown[seen->n++] = now;
  return mlirLogicalResultFailure(); /* on to the printer */
}

static void forgetSeen(void *user) {
  Seen *seen = user;
  for (size_t i = 0; i < seen->n; ++i)
    free(seen->shown[i].message);
  free(seen->shown);
  free(seen);
}

FxRunProgram fxRunCompile(const FxRunOptions *o, MlirModule module,
                          MlirOperation entry, const FxRunOrder *const *orders,
                          int numOrders) {
  FxRunProgram p = {.numVariants = numOrders};
  MlirContext ctx = mlirModuleGetContext(module);
  Seen *seen = xrealloc(NULL, sizeof *seen);
  memset(seen, 0, sizeof *seen);
  MlirDiagnosticHandlerID once =
      mlirContextAttachDiagnosticHandler(ctx, onceOnly, seen, forgetSeen);
  p.variants = xrealloc(NULL, (size_t)numOrders * sizeof *p.variants);
  memset(p.variants, 0, (size_t)numOrders * sizeof *p.variants);
  MlirStringRef entryName = symName(entry);
  prune(module, entry);
  verifyInput(o, module);
  MlirModule merged = {NULL};
  char suffix[64] = "";
  /* The variants' functions are renamed `<name><base><i>`: a base no
   * function name contains cannot clash with one (round 10: a module with
   * @g and @g__fxrun_v1 failed to merge). */
  char base[40] = "__fxrun_v";
  while (anyNameContains(module, base) && strlen(base) + 2 < sizeof base)
    memmove(base + 1, base, strlen(base) + 1), base[0] = '_';
  for (int i = 0; i < numOrders; ++i) {
    p.variants[i].order = orders[i];
    MlirModule m = applyOrder(o, module, entryName, p.variants, i, numOrders > 1);
    if (mlirModuleIsNull(m))
      continue;
    if (p.numDistinct++ == 0) {
      merged = m;
      continue;
    }
    snprintf(suffix, sizeof suffix, "%s%d", base, i);
    mergeInto(merged, m, suffix);
    mlirModuleDestroy(m);
  }

  double t0 = nowMs();
  MlirPassManager lower = parsePipeline(ctx, fxGetPipelineText("fx-to-llvm"),
                                        "internal");
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(lower, mlirModuleGetOperation(merged))))
    fxRunDie("lowering to LLVM failed (see above)");
  mlirPassManagerDestroy(lower);
  p.lowerMs = nowMs() - t0;

  t0 = nowMs();
  MlirStringRef *libs = xrealloc(NULL, (size_t)o->numLibs * sizeof *libs);
  for (int i = 0; i < o->numLibs; ++i)
    libs[i] = str(o->libs[i]);
  p.jit = mlirExecutionEngineCreate(merged, o->optLevel, o->numLibs, libs,
                                    false, false);
  free(libs);
  mlirModuleDestroy(merged);
  if (mlirExecutionEngineIsNull(p.jit))
    fxRunDie("internal: the JIT cannot translate the lowered module (see "
             "above)");
  /* The lookups compile the code, which the first call would otherwise do
   * inside the timed run. */
  mlirExecutionEngineInitialize(p.jit);
  for (int i = 0, k = 0; i < numOrders; ++i) {
    if (p.variants[i].sameAs >= 0)
      continue;
    if (k++ == 0)
      suffix[0] = '\0'; /* the first module kept its names */
    else
      snprintf(suffix, sizeof suffix, "%s%d", base, i);
    lookupEntry(&p, &p.variants[i], entryName, suffix);
  }
  p.jitMs = nowMs() - t0;
  printf("compile: fx-to-llvm %.1f ms, JIT %.1f ms (%d distinct module%s)\n",
         p.lowerMs, p.jitMs, p.numDistinct, p.numDistinct == 1 ? "" : "s");
  mlirContextDetachDiagnosticHandler(ctx, once);
  return p;
}

void fxRunProgramDestroy(FxRunProgram *p) {
  if (!mlirExecutionEngineIsNull(p->jit))
    mlirExecutionEngineDestroy(p->jit);
  for (int i = 0; i < p->numVariants; ++i)
    free(p->variants[i].text);
  free(p->variants);
}
