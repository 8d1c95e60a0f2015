/* Export.h - fx IR back to FX graph text (the library behind fx-export).
 *
 * Prints each func.func of a module as a print_readable-style graph class
 * (docs/import.md, "fx-export"): annotations with torch's dtype
 * abbreviations and symbolic dims, calls with their arguments as keywords
 * in schema order, in-place calls as vLLM's FixFunctionalizationPass
 * leaves them, `fx.schema` ops as `# fx-schema:` lines that fx-import reads
 * back.
 *
 * Ownership: the caller owns the module; output goes through `print`. */
#ifndef FX_EXPORT_H
#define FX_EXPORT_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*FxExportPrint)(const char *text, size_t len, void *user);

/* Prints `module`.  On an op it cannot print returns false, with a message
 * in `err` (errLen bytes, NUL-terminated) and the op's location in *where. */
bool fxExportModule(MlirModule module, FxExportPrint print, void *user,
                    char *err, size_t errLen, MlirLocation *where);

#ifdef __cplusplus
}
#endif

#endif
