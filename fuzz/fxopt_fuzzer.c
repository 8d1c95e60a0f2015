/* fxopt_fuzzer.c - libFuzzer target over fx-opt's input: parse arbitrary
 * text with the fx dialect (and func) loaded, verify it (the fx semantic
 * verifier runs as part of op verification), then run
 * fx-noop-elimination, fx-fix-functionalization and fx-dce in that order
 * (on func.func), verifying after each.  Built by fuzz/build, run by
 * fuzz/run.
 *
 * The passes run one at a time, each twice: a pass that fails on a valid
 * input is allowed (it may decline with an error); a crash, a sanitizer
 * report, invalid IR after a pass that succeeded, or a second run of a pass
 * that changes the IR (or fails) is a finding. */
#include "fxir/Fx.h"
#include "fxir/FxLowering.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirDialectRegistry gRegistry;
static MlirContext gCtx;
static long gRuns;

static MlirLogicalResult ignoreDiagnostic(MlirDiagnostic d, void *user) {
  (void)d;
  (void)user;
  return mlirLogicalResultSuccess(); /* handled: print nothing */
}

static void newContext(void) {
  if (!mlirContextIsNull(gCtx))
    mlirContextDestroy(gCtx);
  gCtx = mlirContextCreateWithRegistry(gRegistry, /*threadingEnabled=*/false);
  mlirContextAttachDiagnosticHandler(gCtx, ignoreDiagnostic, NULL, NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  gRegistry = mlirDialectRegistryCreate();
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__func__(), gRegistry);
  fxDialectRegistryInsert(gRegistry);
  fxRegisterAllPasses();
  newContext();
  return 0;
}

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

static void ignoreText(MlirStringRef s, void *user) {
  (void)s;
  (void)user;
}

/* Growable text buffer for mlirOperationPrint. */
typedef struct Text {
  char *data;
  size_t len, cap;
} Text;

static void append(MlirStringRef s, void *user) {
  Text *t = user;
  if (t->len + s.length + 1 > t->cap) {
    size_t cap = (t->len + s.length + 1) * 2;
    char *d = realloc(t->data, cap);
    if (!d)
      abort();
    t->data = d;
    t->cap = cap;
  }
  memcpy(t->data + t->len, s.data, s.length);
  t->len += s.length;
  t->data[t->len] = '\0';
}

static Text print(MlirOperation op) {
  Text t = {0};
  mlirOperationPrint(op, append, &t);
  return t;
}

static const char *const kPasses[] = {"fx-noop-elimination",
                                      "fx-fix-functionalization", "fx-dce"};

/* Runs builtin.module(func.func(PASS)) on op; true on success. */
static bool runPass(MlirOperation op, const char *pass) {
  char pipeline[128];
  snprintf(pipeline, sizeof pipeline, "builtin.module(func.func(%s))", pass);
  MlirPassManager pm = mlirPassManagerCreate(gCtx);
  if (mlirLogicalResultIsFailure(mlirParsePassPipeline(
          mlirPassManagerGetAsOpPassManager(pm), str(pipeline), ignoreText, NULL))) {
    fprintf(stderr, "fxopt_fuzzer: bad pipeline %s\n", pipeline);
    abort();
  }
  mlirPassManagerEnableVerifier(pm, true);
  bool ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, op));
  mlirPassManagerDestroy(pm);
  return ok;
}

/* Parses the text (an MlirStringRef) and runs the passes on it
 * (LLVMFuzzerTestOneInput). */
static int testText(void *text) {
  MlirModule module = mlirModuleCreateParse(gCtx, *(MlirStringRef *)text);
  if (mlirModuleIsNull(module))
    return 0;
  MlirOperation op = mlirModuleGetOperation(module);
  if (!mlirOperationVerify(op)) {
    mlirModuleDestroy(module);
    return 0;
  }
  /* The usual pipeline, one pass at a time; each pass must leave valid IR
   * and, run again on its own output, change nothing. */
  for (int i = 0; i < 3; ++i) {
    if (!runPass(op, kPasses[i]))
      break; /* a pass may fail with an error; nothing more to check */
    if (!mlirOperationVerify(op)) {
      fprintf(stderr, "fxopt_fuzzer: %s produced invalid IR\n", kPasses[i]);
      abort();
    }
    Text once = print(op);
    bool again = runPass(op, kPasses[i]);
    Text twice = print(op);
    if (!again || once.len != twice.len || memcmp(once.data, twice.data, once.len) != 0) {
      fprintf(stderr, "fxopt_fuzzer: %s is not idempotent%s\n--- once:\n%s\n--- twice:\n%s\n",
              kPasses[i], again ? "" : " (the second run failed)", once.data ? once.data : "",
              twice.data ? twice.data : "");
      abort();
    }
    free(once.data);
    free(twice.data);
  }
  mlirModuleDestroy(module);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* A fresh context now and then: uniqued types and attributes pile up. */
  if (++gRuns % 2000 == 0)
    newContext();
  /* MLIR's lexer relies on a NUL after the buffer (as a file read by
   * fx-opt has): parse a NUL-terminated copy. */
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  /* What fx-opt does with its input (Fx.h, "Text input", "Stacks"): refuse deep
   * nesting, and run on a stack in proportion to the rest.  Below
   * kOwnStack bytes the fuzzer's own 8 MB holds any recursion (1.1 KB per
   * byte at worst, Fx.h): a thread per input cut the runs per second by
   * three quarters. */
  enum { kOwnStack = 4096 };
  MlirStringRef ref = mlirStringRefCreate(text, size);
  intptr_t line, column;
  if (fxTextNestingWithinLimit(ref, &line, &column)) {
    if (size < kOwnStack)
      testText(&ref);
    else
      fxRunOnDeepStack(size, testText, &ref);
  }
  free(text);
  return 0;
}
