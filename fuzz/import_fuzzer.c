/* import_fuzzer.c - libFuzzer target over fx-import's input: arbitrary text
 * as an FX graph dump (tools/fx-import).  An error is a fine answer; a
 * crash, a sanitizer report, or a module reported as imported that does not
 * verify, whose printed form does not parse back to IR that verifies, or
 * that fx-export (tools/fx-export) cannot print or prints as a dump that
 * imports to other IR, is a finding (abort).  Built by fuzz/build, run by
 * fuzz/run. */
#include "Export.h"
#include "Import.h"
#include "fxir/Fx.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"

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
  return mlirLogicalResultSuccess();
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
  newContext();
  return 0;
}

typedef struct Buf {
  char *s;
  size_t n, cap;
} Buf;

static void append(MlirStringRef s, void *user) {
  Buf *b = user;
  if (b->n + s.length + 1 > b->cap) {
    b->cap = 2 * (b->n + s.length + 1);
    b->s = realloc(b->s, b->cap);
    if (!b->s)
      abort();
  }
  memcpy(b->s + b->n, s.data, s.length);
  b->n += s.length;
  b->s[b->n] = '\0';
}

static void appendRaw(const char *text, size_t len, void *user) {
  append(mlirStringRefCreate(text, len), user);
}

/* The module without locations (caller frees). */
static char *printPlain(MlirModule m) {
  Buf b = {0};
  mlirOperationPrint(mlirModuleGetOperation(m), append, &b);
  return b.s ? b.s : calloc(1, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (++gRuns % 2000 == 0)
    newContext();
  FxImportOptions opts = {"fuzz.py", NULL, NULL};
  FxImportError err;
  MlirModule m = fxImportDump(gCtx, (const char *)data, size, &opts, &err);
  if (mlirModuleIsNull(m)) {
    if (err.line < 1 || err.col < 1 || err.message[0] == '\0') {
      fprintf(stderr, "import_fuzzer: an error without a location or message\n");
      abort();
    }
    return 0;
  }
  MlirOperation op = mlirModuleGetOperation(m);
  if (!mlirOperationVerify(op)) {
    fprintf(stderr, "import_fuzzer: imported IR does not verify\n");
    abort();
  }
  Buf b = {0};
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
  mlirOperationPrintWithFlags(op, flags, append, &b);
  mlirOpPrintingFlagsDestroy(flags);
  MlirModule back = mlirModuleCreateParse(gCtx, mlirStringRefCreate(b.s, b.n));
  if (mlirModuleIsNull(back) || !mlirOperationVerify(mlirModuleGetOperation(back))) {
    fprintf(stderr, "import_fuzzer: the printed import does not parse back:\n%s\n", b.s);
    abort();
  }
  mlirModuleDestroy(back);
  /* fx-export, then fx-import again: the same IR (locations aside). */
  Buf py = {0};
  char err2[512];
  if (!fxExportModule(m, appendRaw, &py, err2, sizeof err2, NULL)) {
    fprintf(stderr, "import_fuzzer: fx-export refused an import: %s\n", err2);
    abort();
  }
  MlirModule again = fxImportDump(gCtx, py.s ? py.s : "", py.n, &opts, &err);
  if (mlirModuleIsNull(again)) {
    fprintf(stderr, "import_fuzzer: the export does not import: %d:%d: %s\n%s\n",
            err.line, err.col, err.message, py.s);
    abort();
  }
  char *first = printPlain(m), *second = printPlain(again);
  if (strcmp(first, second)) {
    fprintf(stderr, "import_fuzzer: export + import changed the IR:\n%s\n---\n%s\n",
            first, second);
    abort();
  }
  free(first);
  free(second);
  mlirModuleDestroy(again);
  free(py.s);
  mlirModuleDestroy(m);
  free(b.s);
  return 0;
}
