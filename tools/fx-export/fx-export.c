/* fx-export - prints fx IR as a print_readable-style FX graph
 * (docs/import.md, "fx-export").
 *
 *   fx-export FILE.mlir [-o OUT]
 *
 * FILE may be `-` (standard input).  Errors (a file that does not parse or
 * verify, an op fx-export cannot print) are printed at their location and
 * exit 1. */
#include "Export.h"
#include "fxir/Fx.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void toFile(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* `LOC: error: MESSAGE`, with LOC as MLIR prints it. */
static MlirLogicalResult onDiag(MlirDiagnostic d, void *user) {
  (void)user;
  const char *sev = mlirDiagnosticGetSeverity(d) == MlirDiagnosticError     ? "error"
                    : mlirDiagnosticGetSeverity(d) == MlirDiagnosticWarning ? "warning"
                    : mlirDiagnosticGetSeverity(d) == MlirDiagnosticNote    ? "note"
                                                                            : "remark";
  mlirLocationPrint(mlirDiagnosticGetLocation(d), toFile, stderr);
  fprintf(stderr, ": %s: ", sev);
  mlirDiagnosticPrint(d, toFile, stderr);
  fputc('\n', stderr);
  return mlirLogicalResultSuccess();
}

static void toOut(const char *text, size_t len, void *user) {
  fwrite(text, 1, len, (FILE *)user);
}

static int usage(FILE *f) {
  fprintf(f, "usage: fx-export FILE.mlir [-o OUT]\n"
             "Prints fx IR as a print_readable-style FX graph (fx-import reads "
             "it back).\nFILE may be '-' (stdin).\n");
  return f == stdout ? 0 : 2;
}

/* fx-verify's function checks (argument attributes such as fx.strides)
 * that parsing did not run: those of a function without an fx op at the top
 * of its body; errors go to stderr. */
static bool functionsVerify(MlirModule module) {
  bool ok = true;
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
    if (n.length == 9 && !memcmp(n.data, "func.func", 9))
      ok &= mlirLogicalResultIsSuccess(fxVerifyFunctionBeyondHook(op, NULL));
  }
  return ok;
}

typedef struct Job {
  const char *name, *output;
  MlirStringRef text;
} Job;

static int run(void *p) {
  const Job *job = p;
  const char *input = job->name, *output = job->output;
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, onDiag, NULL, NULL);
  fxContextLoadDialect(ctx);

  /* Deep text is an error here, not a stack overflow in MLIR's parser. */
  MlirModule module = fxModuleCreateParseText(ctx, job->text, input);
  int rc = 1;
  if (!mlirModuleIsNull(module) && mlirOperationVerify(mlirModuleGetOperation(module)) &&
      functionsVerify(module)) {
    FILE *out = output ? fopen(output, "w") : stdout;
    char err[512];
    MlirLocation where = {NULL};
    if (!out) {
      fprintf(stderr, "fx-export: cannot write '%s'\n", output);
    } else if (!fxExportModule(module, toOut, out, err, sizeof err, &where)) {
      if (where.ptr)
        mlirLocationPrint(where, toFile, stderr);
      else
        fputs(input, stderr);
      fprintf(stderr, ": error: %s\n", err);
    } else {
      rc = 0;
    }
    if (out && out != stdout && fclose(out) != 0) {
      fprintf(stderr, "fx-export: cannot write '%s'\n", output);
      rc = 1;
    }
  }
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return rc;
}

int main(int argc, char **argv) {
  const char *input = NULL, *output = NULL;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
      return usage(stdout);
    if (!strcmp(argv[i], "-o") && i + 1 < argc)
      output = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "fx-export: unknown option '%s'\n", argv[i]);
      return usage(stderr);
    } else if (!input)
      input = argv[i];
    else {
      fprintf(stderr, "fx-export: more than one input file ('%s')\n", argv[i]);
      return usage(stderr);
    }
  }
  if (!input)
    return usage(stderr);

  /* Read once (stdin or a pipe), then parsed, verified and printed on a
   * stack in proportion to it: MLIR recurses as deep as the text builds
   * (Fx.h, "Text input" and "Stacks"). */
  size_t len;
  char *text = fxTextReadFile(input, &len);
  if (!text) {
    fprintf(stderr, "fx-export: cannot read '%s': %s\n", input, strerror(errno));
    return 1;
  }
  Job job = {strcmp(input, "-") ? input : "<stdin>", output,
             mlirStringRefCreate(text, len)};
  int rc = fxRunOnDeepStack(len, run, &job);
  free(text);
  return rc;
}
