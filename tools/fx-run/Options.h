/* Options.h - fx-run's command line, parsed strictly (docs/runtime.md, fx-run).
 *
 * Every value is checked when it is parsed: a malformed number, an empty
 * name or path, an option given twice or two modes that contradict each
 * other end the process with one `fx-run: error:` line and exit code 1.
 * What needs the module (does argument I exist, does the function have
 * symbol S) is checked by the caller once the module is parsed.
 *
 * The FxRunOptions returned by fxRunParseOptions points into argv (names,
 * paths) and owns its three arrays: fxRunFreeOptions.
 */
#ifndef FX_RUN_OPTIONS_H
#define FX_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --sym=NAME=VALUE */
typedef struct FxRunSym {
  const char *arg;  /* the whole option value, for messages */
  const char *name; /* NAME, not NUL-terminated: nameLen bytes */
  size_t nameLen;
  int64_t value;
  bool used; /* set by the caller when the function has the symbol */
} FxRunSym;

/* --input=I=PATH */
typedef struct FxRunInput {
  const char *arg;
  int64_t index;
  const char *path;
} FxRunInput;

/* One named pass order (a row of the table in Options.c). */
typedef struct FxRunOrder {
  const char *name;     /* "none", "noop-fix-dce", ... */
  const char *pipeline; /* nested in builtin.module(...); "" for none */
} FxRunOrder;

typedef struct FxRunOptions {
  const char *file, *entry, *outputDir;
  FxRunSym *syms;
  FxRunInput *inputs;
  const char **libs;
  int numSyms, numInputs, numLibs;
  uint64_t seed;
  bool checkPasses, cuda;
  /* The one order a run uses, or with --check-passes the one order compared
   * against "none"; NULL with --check-passes means every named order. */
  const FxRunOrder *order; /* a row of kFxRunOrders, or --pipeline's */
  int repeat, optLevel;
} FxRunOptions;

/* The named orders: kFxRunOrders[0] is "none" (no fx pass, the reference
 * of --check-passes), [1] the default pipeline. */
extern const FxRunOrder kFxRunOrders[];
extern const int kFxRunNumOrders;

/* Parses argv; exits with a message on any error, and after --help. */
FxRunOptions fxRunParseOptions(int argc, char **argv);
void fxRunFreeOptions(FxRunOptions *o);

/* "with fx passes", "without fx passes" or "with fx passes (NAME)": the
 * label of a run in fx-run's report. */
const char *fxRunOrderLabel(const FxRunOrder *order, char *buf, size_t len);

/* Prints `fx-run: error: ...` and exits 1. */
_Noreturn void fxRunDie(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void fxRunWarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* FX_RUN_OPTIONS_H */
