/* fx-run - JIT-runs an fx function through the fx passes, fx-to-llvm and
 * libfxrt (DESIGN §5; the user's guide is docs/runtime.md, "fx-run").
 *
 *   fx-run FILE.mlir [--entry=NAME] [--sym=NAME=VALUE]...
 *          [--input=I=PATH.npy]... [--seed=N] [--output-dir=DIR]
 *          [--shared-lib=PATH]... [--no-fx-passes | --pass-order=NAME |
 *          --pipeline=PASSES] [--check-passes] [--device=cpu|cuda]
 *          [--repeat=N] [-O0|-O1|-O2|-O3]
 *
 * Steps, in this order so that every error comes before the expensive
 * work: options (Options.c), the signature and every shape (checked
 * arithmetic), then the pass orders are applied, deduplicated by their
 * printed modules and JIT-compiled together (Compile.c; compilation is
 * timed apart from the runs: every entry point is looked up, which compiles
 * it, before a clock starts); only then are the inputs made and the runs
 * done.  --check-passes compares each distinct run with the run without
 * passes, results and argument buffers (Check.c).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "Check.h"
#include "Compile.h"
#include "fxir/Fx.h"
#include "fxir/FxLowering.h"
#include "Npy.h"
#include "Options.h"
#include "Tensor.h"
#include "common/fx_math.h"
#include "fxrt.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/RegisterEverything.h"

#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p)
    fxRunDie("out of memory");
  return p;
}

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/*===-- Signature -----------------------------------------------------------===*/

typedef struct Signature {
  MlirOperation entry;
  MlirStringRef name;
  int numArgs, numResults;
  MlirType *args, *results;
  bool *donated;
  char **argNames, **resultNames; /* "argument 0 (%x)", "result 1" */
} Signature;

static MlirOperation findEntry(MlirModule module, const char *name) {
  MlirBlock body = mlirModuleGetBody(module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
    if (n.length != 9 || memcmp(n.data, "func.func", 9) != 0 ||
        mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0))))
      continue;
    MlirStringRef sym = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(op, str("sym_name")));
    if (!name || (sym.length == strlen(name) && memcmp(sym.data, name, sym.length) == 0))
      return op;
  }
  if (name)
    fxRunDie("no function @%s in the module", name);
  fxRunDie("the module has no function to run");
}

static char *label(const char *fmt, int i, MlirStringRef name) {
  char *s = xcalloc(1, 64 + name.length);
  int n = snprintf(s, 64, fmt, i);
  if (name.length)
    snprintf(s + n, 16 + name.length, " (%%%.*s)", (int)name.length, name.data);
  return s;
}

static Signature readSignature(MlirModule module, const char *entryName) {
  Signature sig = {.entry = findEntry(module, entryName)};
  sig.name = mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(sig.entry, str("sym_name")));
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(sig.entry, str("function_type")));
  sig.numArgs = (int)mlirFunctionTypeGetNumInputs(fnType);
  sig.numResults = (int)mlirFunctionTypeGetNumResults(fnType);
  sig.args = xcalloc((size_t)sig.numArgs, sizeof *sig.args);
  sig.results = xcalloc((size_t)sig.numResults, sizeof *sig.results);
  sig.donated = xcalloc((size_t)sig.numArgs, sizeof *sig.donated);
  sig.argNames = xcalloc((size_t)sig.numArgs, sizeof *sig.argNames);
  sig.resultNames = xcalloc((size_t)sig.numResults, sizeof *sig.resultNames);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(sig.entry, 0));
  for (int i = 0; i < sig.numArgs; ++i) {
    sig.args[i] = mlirFunctionTypeGetInput(fnType, i);
    if (!fxTypeIsASym(sig.args[i]) && !fxTypeIsATensor(sig.args[i]))
      fxRunDie("argument %d of @%.*s is neither an !fx.tensor nor an !fx.sym",
               i, (int)sig.name.length, sig.name.data);
    sig.donated[i] = fxFuncArgIsDonated(sig.entry, i);
    /* The source's %names are gone after parsing; a loc("x") keeps one. */
    MlirLocation loc = mlirValueGetLocation(mlirBlockGetArgument(body, i));
    MlirStringRef name = {NULL, 0};
    if (mlirLocationIsAName(loc))
      name = mlirIdentifierStr(mlirLocationNameGetName(loc));
    sig.argNames[i] = label("argument %d", i, name);
  }
  for (int k = 0; k < sig.numResults; ++k) {
    sig.results[k] = mlirFunctionTypeGetResult(fnType, k);
    if (!fxTypeIsATensor(sig.results[k]))
      fxRunDie("result %d of @%.*s is not an !fx.tensor", k,
               (int)sig.name.length, sig.name.data);
    sig.resultNames[k] = label("result %d", k, (MlirStringRef){NULL, 0});
  }
  return sig;
}

/* Binds the symbols: !fx.sym arguments' values, every tensor's shape (all
 * checked here, before anything is compiled or allocated); warns about a
 * --sym the function does not have. */
static void bindShapes(FxRunOptions *o, const Signature *sig, int64_t *symArgs,
                       FxRunTensor *inputs, FxRunTensor *outputs) {
  for (int i = 0; i < sig->numArgs; ++i) {
    if (fxTypeIsASym(sig->args[i])) {
      symArgs[i] = fxRunSymbolValue(o, fxSymTypeGetName(sig->args[i]));
      inputs[i].rank = -1;
    } else {
      inputs[i] = fxRunShapeOf(o, sig->args[i], sig->argNames[i]);
      fxRunStridesOf(o, mlirBlockGetArgument(mlirRegionGetFirstBlock(
                            mlirOperationGetRegion(sig->entry, 0)), i),
                     &inputs[i], sig->argNames[i]);
    }
  }
  for (int k = 0; k < sig->numResults; ++k)
    outputs[k] = fxRunShapeOf(o, sig->results[k], sig->resultNames[k]);
  for (int s = 0; s < o->numSyms; ++s)
    if (!o->syms[s].used)
      fxRunWarn("--sym=%s: @%.*s has no symbol %.*s; ignored", o->syms[s].arg,
                (int)sig->name.length, sig->name.data,
                (int)o->syms[s].nameLen, o->syms[s].name);
  for (int j = 0; j < o->numInputs; ++j) {
    const FxRunInput *in = &o->inputs[j];
    if (in->index >= sig->numArgs)
      fxRunDie("--input=%s: @%.*s has %d argument%s, numbered from 0", in->arg,
               (int)sig->name.length, sig->name.data, sig->numArgs,
               sig->numArgs == 1 ? "" : "s");
    if (inputs[in->index].rank < 0)
      fxRunDie("--input=%s: argument %lld is an !fx.sym; bind it with --sym",
               in->arg, (long long)in->index);
  }
}

/*===-- Inputs --------------------------------------------------------------===*/

static void loadInput(const FxRunInput *in, FxRunTensor *t, const char *what) {
  FxNpy npy;
  char err[512];
  if (fxNpyRead(in->path, &npy, err, sizeof err))
    fxRunDie("%s", err);
  const char *want = fxRunNpyDescr(t->dtype);
  if (strcmp(npy.descr, want) != 0)
    fxRunDie("%s: dtype %s, but %s needs %s (%s)", in->path, npy.descr, what,
             want, fxRunDtypeName(t->dtype));
  bool same = npy.rank == t->rank;
  for (int d = 0; same && d < t->rank; ++d)
    same = npy.shape[d] == t->shape[d];
  if (!same) {
    char have[256], need[256];
    fxRunFormatShape(npy.shape, npy.rank, have, sizeof have);
    fxRunFormatShape(t->shape, t->rank, need, sizeof need);
    fxRunDie("%s: shape %s, but %s has shape %s with the bound symbols",
             in->path, have, what, need);
  }
  t->data = npy.data; /* taken over: same bytes, C order */
}

/* A float argument of rank >= 2 whose dims are all static is taken for a
 * weight and its random values are scaled by 1/sqrt(its largest dim), as
 * an initialiser scales a layer's weights by 1/sqrt(fan-in) (at most
 * that: the largest dim is at least the fan-in), so matrix products keep
 * activations near 1 and deep 16-bit graphs stay finite.  Everything else
 * (activations have a symbolic dim) is uniform on [-1, 1). */
static double weightScale(MlirType type, const FxRunTensor *t) {
  if (t->rank < 2 || !fxRunDtypeIsFloat(t->dtype))
    return 1.0;
  int64_t largest = 1;
  for (intptr_t d = 0; d < t->rank; ++d) {
    if (fxTensorTypeGetDim(type, d).symbol.length)
      return 1.0;
    if (t->shape[d] > largest)
      largest = t->shape[d];
  }
  return 1.0 / sqrt((double)largest);
}

static void makeInputs(const FxRunOptions *o, const Signature *sig,
                       FxRunTensor *inputs) {
  uint64_t rng = o->seed;
  for (int i = 0; i < sig->numArgs; ++i) {
    FxRunTensor *t = &inputs[i];
    if (t->rank < 0)
      continue;
    const FxRunInput *in = NULL;
    for (int j = 0; j < o->numInputs && !in; ++j)
      if (o->inputs[j].index == i)
        in = &o->inputs[j];
    if (in) {
      loadInput(in, t, sig->argNames[i]);
      continue;
    }
    if (!(t->data = malloc(t->bytes ? t->bytes : 1)))
      fxRunDie("cannot allocate %zu bytes for %s", t->bytes, sig->argNames[i]);
    fxRunFillRandom(t, weightScale(sig->args[i], t), &rng);
  }
}

/*===-- Run -----------------------------------------------------------------===*/

/* A memref descriptor {allocated, aligned, offset, sizes[r], strides[r]}. */
typedef struct Desc {
  void *allocated, *aligned;
  int64_t offset, rest[2 * FXRT_MAX_RANK];
} Desc;

typedef struct Run {
  FxRunTensor *outputs;
  FxStats stats;
  double ms;
  int64_t inputBytes; /* the arguments' storage, allocated before the run */
} Run;

static FxTensor view(void *data, const FxRunTensor *t, const int64_t *strides) {
  FxTensor v = {data, t->dtype, t->rank, {0}, {0}};
  int64_t s = 1;
  for (int i = t->rank - 1; i >= 0; --i) {
    v.sizes[i] = t->shape[i];
    v.strides[i] = strides ? strides[i] : s;
    s *= t->shape[i];
  }
  return v;
}

/* Where a run hands each compared argument's final contents. */
typedef void (*ArgSink)(FxRunCheck *check, int arg, const void *final,
                        const char *orders);

static void referenceSink(FxRunCheck *check, int arg, const void *final,
                          const char *orders) {
  fxRunCheckSetReferenceArg(check, arg, final);
}

static Run execute(const FxRunOptions *o, const Signature *sig,
                   const FxRunVariant *v, const FxRunTensor *inputs,
                   const FxRunTensor *shapes, const int64_t *symArgs,
                   FxRunCheck *check, ArgSink sink) {
  char buf[128];
  const char *what = fxRunOrderLabel(v->order, buf, sizeof buf);
  Run run = {.outputs = xcalloc((size_t)sig->numResults, sizeof *run.outputs)};
  size_t resultWords = 0;
  for (int k = 0; k < sig->numResults; ++k)
    resultWords += 3 + 2 * (size_t)shapes[k].rank;
  int64_t *results = xcalloc(resultWords, sizeof *results);
  Desc *argDescs = xcalloc((size_t)sig->numArgs, sizeof *argDescs);
  void **argPtrs = xcalloc((size_t)sig->numArgs, sizeof *argPtrs);
  void **packed = xcalloc((size_t)sig->numArgs + 1, sizeof *packed);
  void *resultsPtr = results;
  for (int rep = 0; rep < o->repeat; ++rep) {
    /* Fresh copies each time: donated arguments are written in place. */
    int np = 0;
    if (sig->numResults)
      packed[np++] = &resultsPtr;
    for (int i = 0; i < sig->numArgs; ++i) {
      if (inputs[i].rank < 0) {
        packed[np++] = (void *)&symArgs[i];
        continue;
      }
      const FxRunTensor *t = &inputs[i];
      FxMemRefI8 raw;
      size_t bytes = t->strided ? t->storageBytes : t->bytes;
      if (rep == 0)
        run.inputBytes += (int64_t)bytes;
      _mlir_ciface_fxrt_alloc(&raw, (int64_t)bytes);
      if (!raw.aligned)
        fxRunDie("cannot allocate %zu bytes for %s", bytes, sig->argNames[i]);
      /* Laid out as its fx.strides declare, when it has them. */
      FxTensor dst = view(raw.aligned, t, t->strided ? t->strides : NULL),
               src = view(t->data, t, NULL);
      fxrt_copy_tensor(&dst, &src);
      argDescs[i] = (Desc){raw.allocated, raw.aligned, 0, {0}};
      for (int d = 0; d < t->rank; ++d) {
        argDescs[i].rest[d] = dst.sizes[d];
        argDescs[i].rest[t->rank + d] = dst.strides[d];
      }
      argPtrs[i] = &argDescs[i];
      packed[np++] = &argPtrs[i];
    }
    fxrt_reset_stats();
    fxrt_clear_error();
    double t0 = nowMs();
    v->fn(packed);
    run.ms = nowMs() - t0;
    /* A kernel or run-time check that failed (fxrt.h, "Errors"): the run
     * fails, with the op's location, and writes no outputs. */
    if (fxrt_get_error()) {
      const char *at = fxrt_get_error_location();
      fxRunDie("%s%s%s", at ? at : "", at ? ": " : "", fxrt_get_error());
    }
    run.stats = fxrt_get_stats();
    if (o->repeat > 1)
      printf("run %d (%s): %.3f ms\n", rep + 1, what, run.ms);
    if (rep + 1 < o->repeat)
      fxrt_release_all();
  }
  /* Results are packed back to back; copy each out to host memory. */
  const int64_t *cursor = results;
  for (int k = 0; k < sig->numResults; ++k) {
    FxRunTensor *t = &run.outputs[k];
    *t = shapes[k];
    const int64_t *sizes = cursor + 3, *strides = cursor + 3 + t->rank;
    for (int d = 0; d < t->rank; ++d)
      if (sizes[d] != t->shape[d]) {
        char have[256], need[256];
        fxRunFormatShape(sizes, t->rank, have, sizeof have);
        fxRunFormatShape(t->shape, t->rank, need, sizeof need);
        fxRunDie("internal: %s of %s has shape %s at run time, but its "
                 "type says %s",
                 sig->resultNames[k], what, have, need);
      }
    void *aligned = (void *)(intptr_t)cursor[1];
    if (!(t->data = malloc(t->bytes ? t->bytes : 1)))
      fxRunDie("cannot allocate %zu bytes for %s", t->bytes, sig->resultNames[k]);
    FxTensor src = view((char *)aligned + cursor[2] * (int64_t)fxDtypeSize(t->dtype),
                        t, strides);
    FxTensor dst = view(t->data, t, NULL);
    fxrt_copy_tensor(&dst, &src);
    cursor += 3 + 2 * t->rank;
  }
  /* The arguments as the run left them (host memory, or a host copy). */
  for (int i = 0; sink && i < sig->numArgs; ++i) {
    if (inputs[i].rank < 0 || sig->donated[i])
      continue;
    void *host = argDescs[i].aligned, *copy = NULL;
    const FxRunTensor *t = &inputs[i];
    if (o->cuda || t->strided) { /* to C order in host memory */
      if (!(host = copy = malloc(t->bytes ? t->bytes : 1)))
        fxRunDie("cannot allocate %zu bytes to read back %s", t->bytes,
                 sig->argNames[i]);
      FxTensor dst = view(copy, t, NULL),
               src = view(argDescs[i].aligned, t, t->strided ? t->strides : NULL);
      fxrt_copy_tensor(&dst, &src);
    }
    sink(check, i, host, v->names);
    free(copy);
  }
  fxrt_release_all();
  free(results);
  free(argDescs);
  free(argPtrs);
  free(packed);
  return run;
}

/*===-- Reporting -----------------------------------------------------------===*/

/* Sum of the finite elements (fxRunElementValue: a packed f4e2m1fnx2
 * sums its bytes); `nonFinite` counts the others (a NaN or an overflow to
 * infinity would hide everything else). */
static double checksum(const FxRunTensor *t, size_t *nonFinite) {
  double sum = 0;
  *nonFinite = 0;
  for (int64_t i = 0; i < t->numel; ++i) {
    double v = fxRunElementValue(t->data, t->dtype, i);
    if (isfinite(v))
      sum += v;
    else
      ++*nonFinite;
  }
  return sum;
}

/* peak: the most bytes fxrt held at once, the inputs included; the bound:
 * the inputs plus the largest set of the lowering's new tensors live at
 * once (fxLivenessGetBound), which the peak equals when every tensor is
 * freed after its last use and nothing else is allocated. */
static void report(const FxRunVariant *v, const Run *r) {
  char buf[128], bound[64] = "unknown";
  if (v->boundBytes >= 0)
    snprintf(bound, sizeof bound, "%lld bytes",
             (long long)(r->inputBytes + v->boundBytes));
  printf("%s: %.3f ms, %lld allocations (%lld bytes), %lld copies (%lld "
         "bytes), peak: %lld bytes (live-set bound: %s)\n",
         fxRunOrderLabel(v->order, buf, sizeof buf), r->ms,
         (long long)r->stats.allocations, (long long)r->stats.allocated_bytes,
         (long long)r->stats.copies, (long long)r->stats.copied_bytes,
         (long long)r->stats.peak_bytes, bound);
}

static void writeOutputs(const FxRunOptions *o, const Signature *sig,
                         const Run *r) {
  size_t n = strlen(o->outputDir) + 32;
  char *path = xcalloc(1, n), err[512];
  for (int k = 0; k < sig->numResults; ++k) {
    const FxRunTensor *t = &r->outputs[k];
    snprintf(path, n, "%s/out%d.npy", o->outputDir, k);
    if (fxNpyWrite(path, fxRunNpyDescr(t->dtype), t->rank, t->shape, t->data,
                   t->bytes, err, sizeof err))
      fxRunDie("%s", err);
    size_t nonFinite;
    double sum = checksum(t, &nonFinite);
    printf("out%d: %s checksum %.6g", k, path, sum);
    if (nonFinite)
      printf(" (%zu non-finite elements)", nonFinite);
    printf("\n");
  }
  free(path);
}

static void freeRun(const Signature *sig, Run *r) {
  for (int k = 0; r->outputs && k < sig->numResults; ++k)
    free(r->outputs[k].data);
  free(r->outputs);
  r->outputs = NULL;
}

/*===-- Main ----------------------------------------------------------------===*/

/* The orders to run: with --check-passes "none" first (the reference),
 * then the one order given or every named one; otherwise the one order. */
static int chooseOrders(const FxRunOptions *o, const FxRunOrder **orders) {
  if (!o->checkPasses) {
    orders[0] = o->order;
    return 1;
  }
  orders[0] = &kFxRunOrders[0];
  if (o->order) {
    orders[1] = o->order;
    return 2;
  }
  for (int i = 1; i < kFxRunNumOrders; ++i)
    orders[i] = &kFxRunOrders[i];
  return kFxRunNumOrders;
}

static int checkPasses(const FxRunOptions *o, const Signature *sig,
                       FxRunVariant *vs, int numVariants, const FxRunTensor *inputs,
                       const FxRunTensor *shapes, const int64_t *symArgs) {
  FxRunTensor *compared = xcalloc((size_t)sig->numArgs, sizeof *compared);
  for (int i = 0; i < sig->numArgs; ++i) {
    compared[i] = inputs[i];
    if (sig->donated[i])
      compared[i].rank = -1; /* the function may write it: not the caller's */
  }
  FxRunCheck *check = fxRunCheckCreate(
      sig->numResults, (const char *const *)sig->resultNames, sig->numArgs,
      (const char *const *)sig->argNames, compared);
  Run ref = execute(o, sig, &vs[0], inputs, shapes, symArgs, check, referenceSink);
  fxRunCheckSetReference(check, ref.outputs);
  /* The run whose outputs are written: the order given, else the default. */
  int asked = 1, distinct = 1;
  while (vs[asked].order != (o->order ? o->order : &kFxRunOrders[1]))
    ++asked;
  int primary = vs[asked].sameAs >= 0 ? vs[asked].sameAs : asked;
  Run prim = primary == 0 ? ref : (Run){0};
  Run *runs = xcalloc((size_t)numVariants, sizeof *runs); /* stats, time */
  runs[0] = (Run){NULL, ref.stats, ref.ms, ref.inputBytes};
  for (int i = 1; i < numVariants; ++i) {
    if (vs[i].sameAs >= 0)
      continue;
    ++distinct;
    Run r = execute(o, sig, &vs[i], inputs, shapes, symArgs, check, fxRunCheckArg);
    fxRunCheckResults(check, r.outputs, vs[i].names);
    runs[i] = (Run){NULL, r.stats, r.ms, r.inputBytes};
    if (i == primary)
      prim = r;
    else
      freeRun(sig, &r);
  }
  /* With passes (the order asked for), without, then the other modules. */
  report(&vs[asked], &runs[primary]);
  report(&vs[0], &runs[0]);
  for (int i = 1; i < numVariants; ++i)
    if (vs[i].sameAs < 0 && i != primary)
      report(&vs[i], &runs[i]);
  free(runs);
  printf("check-passes: %d order%s against none, %d distinct module%s run\n",
         numVariants - 1, numVariants == 2 ? "" : "s", distinct,
         distinct == 1 ? "" : "s");
  int differ = fxRunCheckReport(check);
  printf("copies avoided: %lld (%lld bytes), allocations avoided: %lld\n",
         (long long)(ref.stats.copies - prim.stats.copies),
         (long long)(ref.stats.copied_bytes - prim.stats.copied_bytes),
         (long long)(ref.stats.allocations - prim.stats.allocations));
  writeOutputs(o, sig, &prim);
  if (primary != 0)
    freeRun(sig, &prim);
  freeRun(sig, &ref);
  fxRunCheckDestroy(check);
  free(compared);
  if (differ)
    fxRunDie("--check-passes: %d buffer%s differ%s from the run without fx "
             "passes (MISMATCH above; rerun one order with --check-passes "
             "--pass-order=NAME)",
             differ, differ == 1 ? "" : "s", differ == 1 ? "s" : "");
  return 0;
}

typedef struct Job {
  FxRunOptions *o;
  MlirStringRef text;
} Job;

/* The run of the compiled program (or --check-passes's runs). */
typedef struct Exec {
  const FxRunOptions *o;
  const Signature *sig;
  FxRunVariant *vs;
  int numVariants;
  FxRunTensor *inputs, *shapes;
  int64_t *symArgs;
  int rc;
} Exec;

static int runProgram(void *p) {
  Exec *e = p;
  if (e->o->checkPasses) {
    e->rc = checkPasses(e->o, e->sig, e->vs, e->numVariants, e->inputs,
                        e->shapes, e->symArgs);
  } else {
    Run r = execute(e->o, e->sig, &e->vs[0], e->inputs, e->shapes,
                    e->symArgs, NULL, NULL);
    report(&e->vs[0], &r);
    writeOutputs(e->o, e->sig, &r);
    freeRun(e->sig, &r);
  }
  return e->rc;
}

static int run(void *p);

/* The compiled program's stack, in MB: what a thread gets by default. */
enum { kProgramStackMB = 8 };

int main(int argc, char **argv) {
  FxRunOptions o = fxRunParseOptions(argc, argv);
  if (o.cuda && fxrt_set_device(FX_DEVICE_CUDA) != 0)
    fxRunDie("--device=cuda: no usable CUDA device in this process (%s)",
             fxrt_device_status());
  size_t len;
  char *text = fxTextReadFile(o.file, &len);
  if (!text)
    fxRunDie("cannot read %s: %s", o.file, strerror(errno));
  /* MLIR's parser, passes and printer recurse as deep as the text builds:
   * a stack in proportion to it (Fx.h, "Stacks"). */
  Job job = {&o, mlirStringRefCreate(text, len)};
  int rc = fxRunOnDeepStack(len, run, &job);
  free(text);
  fxRunFreeOptions(&o);
  return rc;
}

static int run(void *p) {
  Job *job = p;
  FxRunOptions *o = job->o;
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirRegisterAllPasses();
  fxRegisterAllPasses();
  mlirRegisterAllLLVMTranslations(ctx);

  /* Deep text is an error here, not a stack overflow in MLIR's parser. */
  MlirModule module = fxModuleCreateParseText(ctx, job->text, o->file);
  if (mlirModuleIsNull(module))
    fxRunDie("cannot parse %s (see above)", o->file);
  Signature sig = readSignature(module, o->entry);
  /* fx-verify's function checks (argument attributes such as fx.strides)
   * before bindShapes reads them: parsing ran the rest. */
  if (mlirLogicalResultIsFailure(fxVerifyFunctionBeyondHook(sig.entry, NULL)))
    fxRunDie("%s is not valid fx IR: fx-verify failed (see above)", o->file);
  int64_t *symArgs = xcalloc((size_t)sig.numArgs, sizeof *symArgs);
  FxRunTensor *inputs = xcalloc((size_t)sig.numArgs, sizeof *inputs);
  FxRunTensor *shapes = xcalloc((size_t)sig.numResults, sizeof *shapes);
  bindShapes(o, &sig, symArgs, inputs, shapes);

  /* Everything that can fail before the run fails here, before the inputs
   * are made: the passes, the lowering, the JIT. */
  const FxRunOrder **orders = xcalloc((size_t)kFxRunNumOrders, sizeof *orders);
  int numVariants = chooseOrders(o, orders);
  FxRunProgram program = fxRunCompile(o, module, sig.entry, orders, numVariants);
  FxRunVariant *vs = program.variants;
  free(orders);
  makeInputs(o, &sig, inputs);

  /* The program runs on a stack of its own, the size of a thread's by
   * default: its recursion is the program's own (a function that calls
   * itself), and it should end at kProgramStackMB, not first fill the stack
   * fxRunOnDeepStack gave the parser in proportion to the text (4 GB for a
   * 1 MB file).  Running past it is the program's error. */
  Exec e = {o, &sig, vs, numVariants, inputs, shapes, symArgs, 0};
  /* (1 without a run when the stack cannot be had: it says why) */
  char overflow[128];
  snprintf(overflow, sizeof overflow,
           "fx-run: error: the program ran out of its %d MB of stack (a "
           "function that calls itself without end?)\n",
           kProgramStackMB);
  int rc = fxRunOnStack((size_t)kProgramStackMB << 20, overflow, runProgram,
                        &e);
  fxRunProgramDestroy(&program);
  for (int i = 0; i < sig.numArgs; ++i) {
    free(inputs[i].data);
    free(sig.argNames[i]);
  }
  for (int k = 0; k < sig.numResults; ++k)
    free(sig.resultNames[k]);
  free(inputs);
  free(shapes);
  free(symArgs);
  free(sig.args);
  free(sig.results);
  free(sig.donated);
  free(sig.argNames);
  free(sig.resultNames);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return rc;
}
