/* fx-import - reads a torch FX graph dump and prints fx IR (docs/import.md).
 *
 *   fx-import FILE [-o OUT] [--schema-file F] [--no-locations]
 *
 * FILE may be `-` (standard input).  Errors print as FILE:LINE:COL: error:
 * with the line and a caret, and exit 1. */
#include "Import.h"
#include "fxir/Fx.h"

#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printToFile(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* The error, then its line and a caret, as MLIR's own diagnostics show. */
static void report(const FxImportError *err, const char *text, size_t len) {
  fprintf(stderr, "%s:%d:%d: error: %s\n", err->file, err->line, err->col,
          err->message);
  if (!text)
    return;
  const char *p = text, *end = text + len;
  for (int i = 1; i < err->line && p < end; ++i) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end;
  }
  if (p >= end)
    return;
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
  if (n > 400 || err->col > 400)
    return;
  fprintf(stderr, "%.*s\n%*s^\n", (int)n, p, err->col - 1, "");
}

static int usage(FILE *f) {
  fprintf(f,
          "usage: fx-import FILE [-o OUT] [--schema-file F] [--no-locations]\n"
          "Reads a torch FX graph dump (print_readable, TORCH_LOGS=aot_graphs/"
          "post_grad_graphs,\ndepyf or vLLM debug-dump files) and prints fx "
          "IR.  FILE may be '-' (stdin).\n"
          "  -o OUT            write the IR to OUT instead of stdout\n"
          "  --schema-file F   torch schema lines (ns::op(...) -> ...) for "
          "ops fxir has no\n"
          "                    schema for; they become fx.schema ops\n"
          "  --no-locations    print no locations (they are printed by "
          "default so\n"
          "                    that remarks of later passes name the dump's "
          "and the model's lines)\n");
  return f == stdout ? 0 : 2;
}

int main(int argc, char **argv) {
  const char *input = NULL, *output = NULL, *schemaFile = NULL;
  bool locations = true;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
      return usage(stdout);
    if ((strcmp(a, "-o") == 0 || strcmp(a, "--schema-file") == 0) && i + 1 == argc) {
      fprintf(stderr, "fx-import: option '%s' needs a value\n", a);
      return usage(stderr);
    }
    if (strcmp(a, "-o") == 0 && i + 1 < argc)
      output = argv[++i];
    else if (strcmp(a, "--schema-file") == 0 || strncmp(a, "--schema-file=", 14) == 0) {
      const char *f = a[13] == '=' ? a + 14 : argv[++i];
      if (schemaFile) {
        fprintf(stderr, "fx-import: --schema-file given twice ('%s' and '%s'): "
                        "fx-import reads one schema file; put the schemas in one\n",
                schemaFile, f);
        return 2;
      }
      schemaFile = f;
    } else if (strcmp(a, "--no-locations") == 0)
      locations = false;
    else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "fx-import: unknown option '%s'\n", a);
      return usage(stderr);
    } else if (!input)
      input = a;
    else {
      fprintf(stderr, "fx-import: more than one input file ('%s')\n", a);
      return usage(stderr);
    }
  }
  if (!input)
    return usage(stderr);
  size_t len = 0, schemaLen = 0;
  char *text = fxTextReadFile(input, &len);
  if (!text) {
    fprintf(stderr, "fx-import: cannot read '%s': %s\n", input, strerror(errno));
    return 1;
  }
  char *schemaText = NULL;
  if (schemaFile && !(schemaText = fxTextReadFile(schemaFile, &schemaLen))) {
    fprintf(stderr, "fx-import: cannot read schema file '%s': %s\n", schemaFile,
            strerror(errno));
    free(text);
    return 1;
  }

  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);

  FxImportOptions opts = {strcmp(input, "-") == 0 ? "<stdin>" : input,
                          schemaText, schemaFile};
  FxImportError err;
  MlirModule module = fxImportDump(ctx, text, len, &opts, &err);
  int rc = 0;
  if (mlirModuleIsNull(module)) {
    bool inSchema = schemaFile && err.file && strcmp(err.file, schemaFile) == 0;
    report(&err, inSchema ? schemaText : text, inSchema ? schemaLen : len);
    rc = 1;
  } else {
    FILE *out = output ? fopen(output, "w") : stdout;
    if (!out) {
      fprintf(stderr, "fx-import: cannot write '%s'\n", output);
      rc = 1;
    } else {
      MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
      if (locations)
        mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
      mlirOperationPrintWithFlags(mlirModuleGetOperation(module), flags,
                                  printToFile, out);
      fputc('\n', out);
      mlirOpPrintingFlagsDestroy(flags);
      if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "fx-import: cannot write '%s'\n", output);
        rc = 1;
      }
    }
    mlirModuleDestroy(module);
  }
  mlirContextDestroy(ctx);
  free(text);
  free(schemaText);
  return rc;
}
