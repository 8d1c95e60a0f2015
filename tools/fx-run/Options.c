/* Options.c - fx-run's command line: one table row per option. */
#define _POSIX_C_SOURCE 200809L /* access, stat */
#include "Options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The orders --check-passes compares, and --pass-order names.  The
 * guarantee of docs/passes.md is that any order, any number of times,
 * gives what no pass gives; these are the orders the docs name. */
#define FX_PIPE "fx-noop-elimination,fx-fix-functionalization,fx-dce"
const FxRunOrder kFxRunOrders[] = {
    {"none", ""},
    {"noop-fix-dce", "func.func(" FX_PIPE ")"},
    {"fix-noop-dce",
     "func.func(fx-fix-functionalization,fx-noop-elimination,fx-dce)"},
    {"fix", "func.func(fx-fix-functionalization)"},
    {"noop", "func.func(fx-noop-elimination)"},
    {"twice", "func.func(" FX_PIPE "," FX_PIPE ")"},
};
const int kFxRunNumOrders = sizeof kFxRunOrders / sizeof kFxRunOrders[0];

void fxRunDie(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fflush(stdout); /* the report so far comes before the error */
  fputs("fx-run: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

void fxRunWarn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fflush(stdout);
  fputs("fx-run: warning: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

const char *fxRunOrderLabel(const FxRunOrder *order, char *buf, size_t len) {
  if (order == &kFxRunOrders[0])
    return "without fx passes";
  if (order == &kFxRunOrders[1])
    return "with fx passes";
  snprintf(buf, len, "with fx passes (%s)", order->name);
  return buf;
}

/*===-- Values --------------------------------------------------------------===*/

/* A decimal integer in [0, max], nothing else (no sign, no spaces, no
 * suffix); false otherwise. */
static bool parseCount(const char *s, uint64_t max, uint64_t *out) {
  if (!*s)
    return false;
  uint64_t v = 0;
  for (; *s; ++s) {
    if (*s < '0' || *s > '9')
      return false;
    unsigned d = (unsigned)(*s - '0');
    if (v > (max - d) / 10)
      return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

/* Grows a list by one element (lists have no fixed limit). */
static void *append(void *list, int *n, size_t elem) {
  char *grown = realloc(list, (size_t)(*n + 1) * elem);
  if (!grown)
    fxRunDie("out of memory parsing the options");
  memset(grown + (size_t)*n * elem, 0, elem);
  ++*n;
  return grown;
}

/*===-- Handlers ------------------------------------------------------------===*/

typedef struct Parse {
  FxRunOptions o;
  bool noPasses;
  const char *passOrder;
} Parse;

typedef void (*Handler)(Parse *p, const char *flag, const char *v);

static void onEntry(Parse *p, const char *flag, const char *v) {
  if (!*v)
    fxRunDie("%s needs a function name (%s=NAME)", flag, flag);
  p->o.entry = v;
}

static void onSym(Parse *p, const char *flag, const char *v) {
  const char *eq = strchr(v, '=');
  uint64_t value;
  if (!eq || eq == v)
    fxRunDie("%s=%s: expected %s=NAME=VALUE", flag, v, flag);
  if (!parseCount(eq + 1, INT64_MAX, &value))
    fxRunDie("%s=%s: the value must be a non-negative decimal integer below "
             "2^63, not '%s'", flag, v, eq + 1);
  size_t len = (size_t)(eq - v);
  for (int i = 0; i < p->o.numSyms; ++i)
    if (p->o.syms[i].nameLen == len && memcmp(p->o.syms[i].name, v, len) == 0)
      fxRunDie("%s=%s: symbol %.*s is already bound by %s=%s", flag, v,
               (int)len, v, flag, p->o.syms[i].arg);
  p->o.syms = append(p->o.syms, &p->o.numSyms, sizeof *p->o.syms);
  p->o.syms[p->o.numSyms - 1] =
      (FxRunSym){.arg = v, .name = v, .nameLen = len, .value = (int64_t)value};
}

static void onInput(Parse *p, const char *flag, const char *v) {
  const char *eq = strchr(v, '=');
  uint64_t index;
  if (!eq || eq == v)
    fxRunDie("%s=%s: expected %s=I=PATH.npy (I: the argument number)", flag, v,
             flag);
  char digits[32];
  size_t len = (size_t)(eq - v);
  snprintf(digits, sizeof digits, "%.*s", (int)len, v);
  if (len >= sizeof digits || !parseCount(digits, INT32_MAX, &index))
    fxRunDie("%s=%s: the argument number must be a non-negative decimal "
             "integer, not '%.*s'", flag, v, (int)len, v);
  if (!eq[1])
    fxRunDie("%s=%s: no path after the argument number", flag, v);
  if (access(eq + 1, R_OK) != 0) /* now, not after the compilation */
    fxRunDie("%s=%s: %s", flag, v, strerror(errno));
  for (int i = 0; i < p->o.numInputs; ++i)
    if (p->o.inputs[i].index == (int64_t)index)
      fxRunDie("%s=%s: argument %llu is already given by %s=%s", flag, v,
               (unsigned long long)index, flag, p->o.inputs[i].arg);
  p->o.inputs = append(p->o.inputs, &p->o.numInputs, sizeof *p->o.inputs);
  p->o.inputs[p->o.numInputs - 1] =
      (FxRunInput){.arg = v, .index = (int64_t)index, .path = eq + 1};
}

static void onSharedLib(Parse *p, const char *flag, const char *v) {
  /* The JIT only warns about a library it cannot open and goes on. */
  if (!*v || access(v, R_OK) != 0)
    fxRunDie("%s=%s: %s", flag, v, *v ? strerror(errno) : "empty path");
  p->o.libs = append(p->o.libs, &p->o.numLibs, sizeof *p->o.libs);
  p->o.libs[p->o.numLibs - 1] = v;
}

static void onSeed(Parse *p, const char *flag, const char *v) {
  if (!parseCount(v, UINT64_MAX, &p->o.seed))
    fxRunDie("%s=%s: the seed must be a decimal integer in [0, 2^64)", flag, v);
}

static void onOutputDir(Parse *p, const char *flag, const char *v) {
  /* Checked now, so that a typo does not cost the whole run. */
  struct stat st;
  if (!*v || stat(v, &st) != 0)
    fxRunDie("%s=%s: %s", flag, v, *v ? strerror(errno) : "empty path");
  if (!S_ISDIR(st.st_mode))
    fxRunDie("%s=%s: not a directory", flag, v);
  if (access(v, W_OK | X_OK) != 0)
    fxRunDie("%s=%s: %s", flag, v, strerror(errno));
  p->o.outputDir = v;
}

static void onRepeat(Parse *p, const char *flag, const char *v) {
  uint64_t n;
  if (!parseCount(v, INT32_MAX, &n) || n < 1)
    fxRunDie("%s=%s: the count must be a decimal integer from 1 to %d", flag, v,
             INT32_MAX);
  p->o.repeat = (int)n;
}

static void onDevice(Parse *p, const char *flag, const char *v) {
  if (strcmp(v, "cpu") != 0 && strcmp(v, "cuda") != 0)
    fxRunDie("%s must be cpu or cuda, not '%s'", flag, v);
  p->o.cuda = strcmp(v, "cuda") == 0;
}

static void onPassOrder(Parse *p, const char *flag, const char *v) {
  for (int i = 0; i < kFxRunNumOrders; ++i)
    if (strcmp(v, kFxRunOrders[i].name) == 0) {
      p->passOrder = v;
      p->o.order = &kFxRunOrders[i];
      return;
    }
  fxRunDie("%s=%s: unknown order (see --help for the names)", flag, v);
}

/* The order --pipeline makes (one per process, like the options). */
static FxRunOrder gCustom;

static void onPipeline(Parse *p, const char *flag, const char *v) {
  if (!*v)
    fxRunDie("%s needs a pass pipeline (%s='func.func(fx-dce)')", flag, flag);
  gCustom = (FxRunOrder){"pipeline", v};
  p->o.order = &gCustom;
}

static void onOpt(Parse *p, const char *flag, const char *v) {
  if (strlen(v) != 1 || v[0] < '0' || v[0] > '3')
    fxRunDie("%s%s: the optimization level must be 0, 1, 2 or 3", flag, v);
  p->o.optLevel = v[0] - '0';
}

static void onNoPasses(Parse *p, const char *flag, const char *v) {
  p->noPasses = true;
}
static void onCheckPasses(Parse *p, const char *flag, const char *v) {
  p->o.checkPasses = true;
}
static void onHelp(Parse *p, const char *flag, const char *v);

enum Kind { VALUE, FLAG, PREFIX };

/* One row per option: spelling, kind, repeatable, handler, usage, help. */
static const struct {
  const char *flag;
  enum Kind kind;
  bool repeatable;
  Handler fn;
  const char *usage, *help;
} kOptions[] = {
    {"--entry", VALUE, false, onEntry, "--entry=NAME",
     "the function to run (default: the first with a body)"},
    {"--sym", VALUE, true, onSym, "--sym=NAME=VALUE",
     "binds a symbol of the function's signature"},
    {"--input", VALUE, true, onInput, "--input=I=PATH.npy",
     "argument I from a .npy file (others: seeded random)"},
    {"--seed", VALUE, false, onSeed, "--seed=N", "seed of the random inputs (default 0)"},
    {"--output-dir", VALUE, false, onOutputDir, "--output-dir=DIR",
     "where out<K>.npy go (default .)"},
    {"--shared-lib", VALUE, true, onSharedLib, "--shared-lib=PATH",
     "a library with user ops (fxrt_<ns>__<op>)"},
    {"--no-fx-passes", FLAG, false, onNoPasses, "--no-fx-passes",
     "run without the fx passes (= --pass-order=none)"},
    {"--pass-order", VALUE, false, onPassOrder, "--pass-order=NAME",
     "run with one named order of the fx passes (below)"},
    {"--pipeline", VALUE, false, onPipeline, "--pipeline=PASSES",
     "run with this pass pipeline on the module, e.g. 'func.func(fx-dce)'"},
    {"--check-passes", FLAG, false, onCheckPasses, "--check-passes",
     "compare every named order (or the one given) with none"},
    {"--device", VALUE, false, onDevice, "--device=cpu|cuda", "where tensors live"},
    {"--repeat", VALUE, false, onRepeat, "--repeat=N", "run N times, timing each"},
    {"-O", PREFIX, false, onOpt, "-O0|-O1|-O2|-O3", "the JIT's LLVM optimization level (default 2)"},
    {"--help", FLAG, false, onHelp, "--help", "this text"},
};
enum { kNumOptions = sizeof kOptions / sizeof kOptions[0] };

static void onHelp(Parse *p, const char *flag, const char *v) {
  printf("usage: fx-run FILE.mlir [options]\n\noptions:\n");
  for (int i = 0; i < kNumOptions; ++i)
    printf("  %-22s %s\n", kOptions[i].usage, kOptions[i].help);
  printf("\npass orders (--pass-order, --check-passes):\n");
  for (int i = 0; i < kFxRunNumOrders; ++i)
    printf("  %-22s %s\n", kFxRunOrders[i].name,
           *kFxRunOrders[i].pipeline ? kFxRunOrders[i].pipeline : "(no fx pass)");
  exit(0);
}

/* The row `a` names and its value (NULL for a flag); -1 if none. */
static int lookup(const char *a, const char **value) {
  for (int i = 0; i < kNumOptions; ++i) {
    size_t n = strlen(kOptions[i].flag);
    if (strncmp(a, kOptions[i].flag, n) != 0)
      continue;
    switch (kOptions[i].kind) {
    case PREFIX:
      *value = a + n;
      return i;
    case FLAG:
      if (a[n] == '=')
        fxRunDie("%s takes no value", kOptions[i].flag);
      if (a[n])
        continue;
      *value = NULL;
      return i;
    case VALUE:
      if (!a[n])
        fxRunDie("%s needs a value (%s)", a, kOptions[i].usage);
      if (a[n] != '=')
        continue;
      *value = a + n + 1;
      return i;
    }
  }
  return -1;
}

FxRunOptions fxRunParseOptions(int argc, char **argv) {
  Parse p = {.o = {.outputDir = ".", .repeat = 1, .optLevel = 2}};
  bool seen[kNumOptions] = {false};
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    int row = a[0] == '-' ? lookup(a, &v) : -1;
    if (row < 0 && a[0] == '-')
      fxRunDie("unknown argument '%s' (see --help)", a);
    if (row < 0) {
      if (p.o.file)
        fxRunDie("more than one input file ('%s' and '%s')", p.o.file, a);
      p.o.file = a;
      continue;
    }
    if (seen[row] && !kOptions[row].repeatable)
      fxRunDie("%s given twice", kOptions[row].flag);
    seen[row] = true;
    kOptions[row].fn(&p, kOptions[row].flag, v);
  }
  if (!p.o.file)
    fxRunDie("no input file (see --help)");
  /* Modes: at most one way to choose the passes. */
  if (p.passOrder && gCustom.name)
    fxRunDie("--pass-order and --pipeline both choose the passes; give one");
  if (p.noPasses && p.o.order)
    fxRunDie("--no-fx-passes and --%s both choose the passes; give one",
             p.passOrder ? "pass-order" : "pipeline");
  if (p.noPasses && p.o.checkPasses)
    fxRunDie("--no-fx-passes contradicts --check-passes (which runs without "
             "the passes as its reference)");
  if (p.o.checkPasses && p.o.order == &kFxRunOrders[0])
    fxRunDie("--check-passes --pass-order=none compares nothing");
  if (p.noPasses)
    p.o.order = &kFxRunOrders[0];
  else if (!p.o.order && !p.o.checkPasses)
    p.o.order = &kFxRunOrders[1];
  return p.o;
}

void fxRunFreeOptions(FxRunOptions *o) {
  free(o->syms);
  free(o->inputs);
  free(o->libs);
}
