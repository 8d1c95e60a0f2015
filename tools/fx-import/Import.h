/* Import.h - FX graph dumps to fx IR (the library behind fx-import).
 *
 * Reads the printed forms of docs/import.md (print_readable, TORCH_LOGS
 * aot_graphs / post_grad_graphs with their log prefixes, depyf and vLLM
 * debug-dump files, `def forward` at column 0) and builds one func.func per
 * graph class in a new module.  Whatever it cannot represent is an error at
 * the dump's FILE:LINE:COL; it never guesses.
 *
 * Ownership: fxImportDump returns a module the caller owns and releases with
 * mlirModuleDestroy; on error it returns a null module and fills `err`. */
#ifndef FX_IMPORT_H
#define FX_IMPORT_H

#include "mlir-c/IR.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct FxImportOptions {
  const char *filename;       /* the dump's name, for locations and errors */
  const char *schemaText;     /* --schema-file contents (NUL-terminated), or NULL */
  const char *schemaFilename; /* its name, for errors                         */
} FxImportOptions;

typedef struct FxImportError {
  const char *file; /* the dump's or the schema file's name              */
  int line, col;    /* 1-based                                             */
  char message[1024];
} FxImportError;

/* Imports `text` (`len` bytes, need not be NUL-terminated).  The fx dialect
 * must be registered in `ctx` (fxDialectRegistryInsert); func is loaded. */
MlirModule fxImportDump(MlirContext ctx, const char *text, size_t len,
                        const FxImportOptions *opts, FxImportError *err);

#ifdef __cplusplus
}
#endif

#endif
