/* fx-run - JIT-runs an fx function through the fx passes, fx-to-llvm and
 * libfxrt (DESIGN §5).
 *
 *   fx-run FILE.mlir [--entry=NAME] [--sym=NAME=VALUE]...
 *          [--input=I=PATH.npy]... [--seed=N] [--output-dir=DIR]
 *          [--shared-lib=PATH]... [--no-fx-passes] [--check-passes]
 *          [--device=cpu|cuda] [--repeat=N] [-O0|-O1|-O2|-O3]
 *
 * Arguments are allocated from the symbol bindings; argument I comes from
 * PATH.npy or is seeded random (uniform [-1, 1) for floats, [0, 64) for
 * integers).  Each function result is written to DIR/out<K>.npy.
 * --check-passes runs the graph with and without the fx passes on
 * identical inputs and fails unless every output is bit-identical.
 * -O<N> is the LLVM optimization level of the JIT (default 2, as
 * mlir-runner); the glue it compiles only calls kernels, so -O0 mostly
 * saves compile time (the fuzzer uses it).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "Fx.h"
#include "FxPasses.h"
#include "Npy.h"
#include "common/fx_math.h"
#include "fxrt.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/ExecutionEngine.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_ARGS = 64, MAX_LIST = 32 };

typedef struct Options {
  const char *file, *entry, *outputDir;
  const char *syms[MAX_LIST], *inputs[MAX_LIST], *libs[MAX_LIST];
  int numSyms, numInputs, numLibs;
  unsigned long long seed;
  bool noPasses, checkPasses, cuda;
  int repeat, optLevel;
} Options;

/* A host tensor, contiguous. */
typedef struct Tensor {
  int dtype, rank;
  int64_t shape[FXRT_MAX_RANK];
  void *data;
  size_t bytes;
} Tensor;

typedef struct Signature {
  int numArgs, numResults;
  MlirType args[MAX_ARGS], results[MAX_ARGS];
} Signature;

static _Noreturn void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("fx-run: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/*===-- Options -------------------------------------------------------------===*/

static const char *valueOf(const char *arg, const char *flag) {
  size_t n = strlen(flag);
  return strncmp(arg, flag, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

static void add(const char **list, int *n, const char *v, const char *flag) {
  if (*n == MAX_LIST)
    die("too many %s options", flag);
  list[(*n)++] = v;
}

static Options parseOptions(int argc, char **argv) {
  Options o = {.outputDir = ".", .repeat = 1, .optLevel = 2};
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    if ((v = valueOf(a, "--entry")))
      o.entry = v;
    else if ((v = valueOf(a, "--sym")))
      add(o.syms, &o.numSyms, v, "--sym");
    else if ((v = valueOf(a, "--input")))
      add(o.inputs, &o.numInputs, v, "--input");
    else if ((v = valueOf(a, "--shared-lib")))
      add(o.libs, &o.numLibs, v, "--shared-lib");
    else if ((v = valueOf(a, "--seed")))
      o.seed = strtoull(v, NULL, 10);
    else if ((v = valueOf(a, "--output-dir")))
      o.outputDir = v;
    else if ((v = valueOf(a, "--repeat")))
      o.repeat = atoi(v);
    else if ((v = valueOf(a, "--device"))) {
      if (strcmp(v, "cpu") != 0 && strcmp(v, "cuda") != 0)
        die("--device must be cpu or cuda, not '%s'", v);
      o.cuda = strcmp(v, "cuda") == 0;
    } else if (strcmp(a, "--no-fx-passes") == 0)
      o.noPasses = true;
    else if (strcmp(a, "--check-passes") == 0)
      o.checkPasses = true;
    else if (strlen(a) == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' &&
             a[2] <= '3')
      o.optLevel = a[2] - '0';
    else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printf("usage: fx-run FILE.mlir [--entry=NAME] [--sym=NAME=VALUE]... "
             "[--input=I=PATH.npy]... [--seed=N] [--output-dir=DIR] "
             "[--shared-lib=PATH]... [--no-fx-passes] [--check-passes] "
             "[--device=cpu|cuda] [--repeat=N] [-O0|-O1|-O2|-O3]\n");
      exit(0);
    } else if (a[0] == '-' || o.file)
      die("unknown argument '%s' (see --help)", a);
    else
      o.file = a;
  }
  if (!o.file)
    die("no input file (see --help)");
  if (o.repeat < 1)
    die("--repeat must be at least 1");
  return o;
}

/*===-- Signature, symbols, inputs -----------------------------------------===*/

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
    die("no function @%s in the module", name);
  die("the module has no function to run");
}

static int64_t symbolValue(const Options *o, MlirStringRef sym) {
  for (int i = 0; i < o->numSyms; ++i) {
    const char *eq = strchr(o->syms[i], '=');
    if (eq && (size_t)(eq - o->syms[i]) == sym.length &&
        memcmp(o->syms[i], sym.data, sym.length) == 0) {
      char *end;
      long long v = strtoll(eq + 1, &end, 10);
      if (*end || v < 0)
        die("--sym=%s: the value must be a non-negative integer", o->syms[i]);
      return v;
    }
  }
  die("missing symbol binding for \"%.*s\" (add --sym=%.*s=VALUE)",
      (int)sym.length, sym.data, (int)sym.length, sym.data);
}

static const struct {
  const char *descr; /* .npy dtype for FxDtype */
} kNpy[] = {{"<f4"}, {"<f2"}, {"<u2"}, {"|u1"}, {"|i1"}, {"<i4"}, {"<i8"}, {"|b1"}};

static int dtypeOf(MlirType element) {
  MlirContext ctx = mlirTypeGetContext(element);
  MlirType types[8] = {mlirF32TypeGet(ctx), mlirF16TypeGet(ctx),
                       mlirBF16TypeGet(ctx), mlirFloat8E4M3FNTypeGet(ctx),
                       mlirIntegerTypeGet(ctx, 8), mlirIntegerTypeGet(ctx, 32),
                       mlirIntegerTypeGet(ctx, 64), mlirIntegerTypeGet(ctx, 1)};
  for (int i = 0; i < 8; ++i)
    if (mlirTypeEqual(types[i], element))
      return i;
  return -1;
}

static Tensor shapeOf(const Options *o, MlirType fxType) {
  Tensor t = {.dtype = dtypeOf(fxTensorTypeGetDtype(fxType)),
              .rank = (int)fxTensorTypeGetRank(fxType)};
  size_t count = 1;
  for (int i = 0; i < t.rank; ++i) {
    FxDim d = fxTensorTypeGetDim(fxType, i);
    t.shape[i] = d.symbol.length ? symbolValue(o, d.symbol) : d.size;
    count *= (size_t)t.shape[i];
  }
  t.bytes = count * fxDtypeSize(t.dtype);
  return t;
}

/* splitmix64: small, seedable, the same on every platform. */
static uint64_t nextRandom(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void fillRandom(Tensor *t, uint64_t *state) {
  size_t elem = fxDtypeSize(t->dtype);
  size_t n = elem ? t->bytes / elem : 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t r = nextRandom(state);
    char *p = (char *)t->data + i * elem;
    if (t->dtype <= FX_DTYPE_F8E4M3FN) /* floats: uniform [-1, 1) */
      fxStoreF32(p, t->dtype, (float)((double)(r >> 11) * 0x1p-53 * 2.0 - 1.0));
    else if (t->dtype == FX_DTYPE_I1)
      *(uint8_t *)p = (uint8_t)(r & 1);
    else { /* integers: [0, 64) */
      int64_t v = (int64_t)(r % 64);
      memcpy(p, &v, elem); /* little-endian: the low bytes */
    }
  }
}

static Tensor makeInput(const Options *o, int index, MlirType fxType,
                        uint64_t *rng) {
  Tensor t = shapeOf(o, fxType);
  t.data = calloc(1, t.bytes ? t.bytes : 1);
  if (!t.data)
    die("out of memory for argument %d", index);
  for (int i = 0; i < o->numInputs; ++i) {
    const char *eq = strchr(o->inputs[i], '=');
    if (!eq || atoi(o->inputs[i]) != index)
      continue;
    FxNpy npy;
    char err[512];
    if (fxNpyRead(eq + 1, &npy, err, sizeof err))
      die("%s", err);
    if (strcmp(npy.descr, kNpy[t.dtype].descr) != 0)
      die("%s: dtype %s, but argument %d needs %s", eq + 1, npy.descr, index,
          kNpy[t.dtype].descr);
    bool same = npy.rank == t.rank;
    for (int d = 0; same && d < t.rank; ++d)
      same = npy.shape[d] == t.shape[d];
    if (!same)
      die("%s: wrong shape for argument %d (rank %d; expected rank %d with "
          "the bound symbols)", eq + 1, index, npy.rank, t.rank);
    memcpy(t.data, npy.data, t.bytes);
    fxNpyFree(&npy);
    return t;
  }
  fillRandom(&t, rng);
  return t;
}

/*===-- Compile and run -----------------------------------------------------===*/

static void printPipelineError(MlirStringRef msg, void *userData) {
  fprintf(stderr, "%.*s", (int)msg.length, msg.data);
}

static MlirModule compile(MlirModule module, const char *entryName,
                          bool passes) {
  MlirContext ctx = mlirModuleGetContext(module);
  MlirModule copy = mlirModuleFromOperation(
      mlirOperationClone(mlirModuleGetOperation(module)));
  MlirOperation entry = findEntry(copy, entryName);
  mlirOperationSetAttributeByName(entry, str("llvm.emit_c_interface"),
                                  mlirUnitAttrGet(ctx));
  char pipeline[512];
  snprintf(pipeline, sizeof pipeline, "builtin.module(%s%s)",
           passes ? "func.func(fx-noop-elimination,fx-fix-functionalization,"
                    "fx-dce),"
                  : "",
           fxGetPipelineText("fx-to-llvm"));
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  if (mlirLogicalResultIsFailure(mlirParsePassPipeline(
          mlirPassManagerGetAsOpPassManager(pm), str(pipeline),
          printPipelineError, NULL)))
    die("internal: bad pipeline %s", pipeline);
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(copy))))
    die("lowering %s the fx passes failed (see above)",
        passes ? "with" : "without");
  mlirPassManagerDestroy(pm);
  return copy;
}

/* A memref descriptor {allocated, aligned, offset, sizes[r], strides[r]}. */
typedef struct Desc {
  void *allocated, *aligned;
  int64_t offset, rest[2 * FXRT_MAX_RANK];
} Desc;

typedef struct Run {
  Tensor outputs[MAX_ARGS];
  int numOutputs;
  FxStats stats;
  double ms;
} Run;

static FxTensor view(void *data, const Tensor *t, const int64_t *strides) {
  FxTensor v = {data, t->dtype, t->rank, {0}, {0}};
  int64_t s = 1;
  for (int i = t->rank - 1; i >= 0; --i) {
    v.sizes[i] = t->shape[i];
    v.strides[i] = strides ? strides[i] : s;
    s *= t->shape[i];
  }
  return v;
}

static Run execute(const Options *o, MlirModule module, const Signature *sig,
                   const Tensor *inputs, const int64_t *symArgs, bool passes) {
  MlirModule lowered = compile(module, o->entry, passes);
  MlirStringRef libs[MAX_LIST];
  for (int i = 0; i < o->numLibs; ++i)
    libs[i] = str(o->libs[i]);
  MlirExecutionEngine jit =
      mlirExecutionEngineCreate(lowered, o->optLevel, o->numLibs, libs, false, false);
  if (mlirExecutionEngineIsNull(jit))
    die("JIT compilation failed (a missing --shared-lib for a user op?)");
  MlirOperation entry = findEntry(module, o->entry);
  MlirStringRef entryName = mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(entry, str("sym_name")));

  Run run = {.numOutputs = sig->numResults};
  Desc argDescs[MAX_ARGS], results[MAX_ARGS];
  void *argPtrs[MAX_ARGS];
  void *packed[MAX_ARGS + 1];
  for (int rep = 0; rep < o->repeat; ++rep) {
    /* Fresh copies each time: donated arguments are written in place. */
    int np = 0;
    void *resultsPtr = results;
    if (sig->numResults)
      packed[np++] = &resultsPtr;
    for (int i = 0; i < sig->numArgs; ++i) {
      if (!fxTypeIsATensor(sig->args[i])) {
        packed[np++] = (void *)&symArgs[i];
        continue;
      }
      const Tensor *t = &inputs[i];
      FxMemRefI8 raw;
      _mlir_ciface_fxrt_alloc(&raw, (int64_t)t->bytes);
      FxTensor dst = view(raw.aligned, t, NULL), src = view(t->data, t, NULL);
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
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (mlirLogicalResultIsFailure(
            mlirExecutionEngineInvokePacked(jit, entryName, packed)))
      die("cannot call @%.*s in the JIT", (int)entryName.length,
          entryName.data); /* (the C API prefixes _mlir_ciface_ itself) */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* A kernel or run-time check that failed (fxrt.h, "Errors"): the run
     * fails, with the op's location, and writes no outputs. */
    if (fxrt_get_error()) {
      const char *at = fxrt_get_error_location();
      die("%s%s%s", at ? at : "", at ? ": " : "", fxrt_get_error());
    }
    run.ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
             (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    run.stats = fxrt_get_stats();
    if (o->repeat > 1)
      printf("run %d (%s fx passes): %.3f ms\n", rep + 1,
             passes ? "with" : "without", run.ms);
    if (rep + 1 < o->repeat)
      fxrt_release_all();
  }
  /* Results are packed back to back; copy each out to host memory. */
  const int64_t *cursor = (const int64_t *)results;
  for (int k = 0; k < sig->numResults; ++k) {
    Tensor *t = &run.outputs[k];
    *t = shapeOf(o, sig->results[k]);
    void *aligned = (void *)(intptr_t)cursor[1];
    int64_t offset = cursor[2];
    const int64_t *strides = cursor + 3 + t->rank;
    t->data = calloc(1, t->bytes ? t->bytes : 1);
    FxTensor src = view((char *)aligned + offset * (int64_t)fxDtypeSize(t->dtype),
                        t, strides);
    FxTensor dst = view(t->data, t, NULL);
    fxrt_copy_tensor(&dst, &src);
    cursor += 3 + 2 * t->rank;
  }
  fxrt_release_all();
  mlirExecutionEngineDestroy(jit);
  mlirModuleDestroy(lowered);
  return run;
}

/*===-- Reporting -----------------------------------------------------------===*/

/* Sum of the finite elements; `nonFinite` counts the others (a NaN or an
 * overflow to infinity would hide everything else). */
static double checksum(const Tensor *t, size_t *nonFinite) {
  size_t elem = fxDtypeSize(t->dtype), n = elem ? t->bytes / elem : 0;
  double sum = 0;
  *nonFinite = 0;
  for (size_t i = 0; i < n; ++i) {
    const char *p = (const char *)t->data + i * elem;
    if (t->dtype <= FX_DTYPE_F8E4M3FN) {
      float v = fxLoadF32(p, t->dtype);
      if (isfinite(v))
        sum += v;
      else
        ++*nonFinite;
    } else {
      int64_t v = 0;
      memcpy(&v, p, elem);
      if (elem < 8 && t->dtype != FX_DTYPE_I1 && (v >> (8 * elem - 1)) & 1)
        v -= (int64_t)1 << (8 * elem);
      sum += (double)v;
    }
  }
  return sum;
}

static void report(const char *what, const Run *r) {
  printf("%s: %.3f ms, %lld allocations (%lld bytes), %lld copies (%lld "
         "bytes), peak %lld bytes\n",
         what, r->ms, (long long)r->stats.allocations,
         (long long)r->stats.allocated_bytes, (long long)r->stats.copies,
         (long long)r->stats.copied_bytes, (long long)r->stats.peak_bytes);
}

static void writeOutputs(const Options *o, const Run *r) {
  for (int k = 0; k < r->numOutputs; ++k) {
    const Tensor *t = &r->outputs[k];
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/out%d.npy", o->outputDir, k);
    if (fxNpyWrite(path, kNpy[t->dtype].descr, t->rank, t->shape, t->data,
                   t->bytes, err, sizeof err))
      die("%s", err);
    size_t nonFinite;
    double sum = checksum(t, &nonFinite);
    printf("out%d: %s checksum %.6g", k, path, sum);
    if (nonFinite)
      printf(" (%zu non-finite elements)", nonFinite);
    printf("\n");
  }
}

static void freeRun(Run *r) {
  for (int k = 0; k < r->numOutputs; ++k)
    free(r->outputs[k].data);
}

int main(int argc, char **argv) {
  Options o = parseOptions(argc, argv);
  if (o.cuda && fxrt_set_device(FX_DEVICE_CUDA) != 0)
    die("--device=cuda: no usable CUDA device in this process");

  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirRegisterAllPasses();
  fxRegisterPasses();
  mlirRegisterAllLLVMTranslations(ctx);

  MlirModule module = mlirModuleCreateParseFromFile(ctx, str(o.file));
  if (mlirModuleIsNull(module))
    die("cannot parse %s (see above)", o.file);
  MlirOperation entry = findEntry(module, o.entry);
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(entry, str("function_type")));
  Signature sig = {.numArgs = (int)mlirFunctionTypeGetNumInputs(fnType),
                   .numResults = (int)mlirFunctionTypeGetNumResults(fnType)};
  if (sig.numArgs > MAX_ARGS || sig.numResults > MAX_ARGS)
    die("too many arguments or results");
  for (int i = 0; i < sig.numResults; ++i) {
    sig.results[i] = mlirFunctionTypeGetResult(fnType, i);
    if (!fxTypeIsATensor(sig.results[i]))
      die("result %d is not an !fx.tensor", i);
  }
  Tensor inputs[MAX_ARGS] = {{0}};
  int64_t symArgs[MAX_ARGS] = {0};
  uint64_t rng = o.seed;
  for (int i = 0; i < sig.numArgs; ++i) {
    sig.args[i] = mlirFunctionTypeGetInput(fnType, i);
    if (fxTypeIsASym(sig.args[i]))
      symArgs[i] = symbolValue(&o, fxSymTypeGetName(sig.args[i]));
    else if (fxTypeIsATensor(sig.args[i]))
      inputs[i] = makeInput(&o, i, sig.args[i], &rng);
    else
      die("argument %d is neither an !fx.tensor nor an !fx.sym", i);
  }

  int rc = 0;
  if (o.checkPasses) {
    Run with = execute(&o, module, &sig, inputs, symArgs, true);
    Run without = execute(&o, module, &sig, inputs, symArgs, false);
    report("with fx passes", &with);
    report("without fx passes", &without);
    for (int k = 0; k < with.numOutputs; ++k) {
      bool same = with.outputs[k].bytes == without.outputs[k].bytes &&
                  memcmp(with.outputs[k].data, without.outputs[k].data,
                         with.outputs[k].bytes) == 0;
      printf("out%d: %s\n", k, same ? "bit-identical" : "MISMATCH");
      rc |= !same;
    }
    printf("copies avoided: %lld (%lld bytes), allocations avoided: %lld\n",
           (long long)(without.stats.copies - with.stats.copies),
           (long long)(without.stats.copied_bytes - with.stats.copied_bytes),
           (long long)(without.stats.allocations - with.stats.allocations));
    writeOutputs(&o, &with);
    freeRun(&with);
    freeRun(&without);
  } else {
    Run r = execute(&o, module, &sig, inputs, symArgs, !o.noPasses);
    report(o.noPasses ? "without fx passes" : "with fx passes", &r);
    writeOutputs(&o, &r);
    freeRun(&r);
  }
  for (int i = 0; i < sig.numArgs; ++i)
    free(inputs[i].data);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return rc;
}
