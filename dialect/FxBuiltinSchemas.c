/* FxBuiltinSchemas.c - the built-in schema registry (see FxSchema.h).
 *
 * The rows are kernels/fx_builtins.def, which documents them; each kernel
 * row is checked against its schema here, when the registry loads.
 */
#include "fxir/FxSchema.h"
#include "fxrt_pp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* The rows of kernels/fx_builtins.def: schema text, how the op runs
 * (FxBuiltinImpl: the lowering's table of what it implements itself, and
 * what fx.schema may not change) and the kernel, if any. */
/* The view columns' words (fx_builtins.def): ALL and DISTINCT say more. */
enum { FX_VIEW_ALL = 1, FX_VIEW_SUBSET = 0, FX_VIEW_DISTINCT = 1,
       FX_VIEW_REPEATS = 0 };
#define FX_PARAM(kind, name) {FX_KERNEL_PARAM_##kind, #name}
static const struct {
  const char *ns;
  FxBuiltinImpl impl;
  const char *text;
  FxBuiltinKernel kernel; /* symbol NULL: none */
  FxViewFacts view;       /* impl VIEW rows only */
} kBuiltins[] = {
#define FX_OP(ns, impl, rule, schema)                                          \
  {#ns, FX_IMPL_##impl, schema, {NULL, 0, NULL, 0}, {false, false}},
#define FX_VIEW_OP(ns, elements, locations, rule, schema)                     \
  {#ns, FX_IMPL_VIEW, schema, {NULL, 0, NULL, 0},                              \
   {FX_VIEW_##elements, FX_VIEW_##locations}},
#define FX_KERNEL_OP(ns, impl, rule, schema, symbol, ...)                      \
  {#ns, FX_IMPL_##impl, schema,                                                \
   {#symbol, FXRT_NARGS(__VA_ARGS__),                                          \
    (const FxKernelParam[]){FXRT_MAP(FX_PARAM, FXRT_COMMA, __VA_ARGS__)}, 0}, \
   {false, false}},
#include "fx_builtins.def"
};
enum { NUM_BUILTINS = sizeof kBuiltins / sizeof *kBuiltins };

/* Older signatures (dialect/fx_schema_versions.def). */
static const struct {
  const char *ns, *text;
} kVersions[] = {
#define FX_SCHEMA_VERSION(ns, schema) {#ns, schema},
#include "fx_schema_versions.def"
};
enum { NUM_VERSIONS = sizeof kVersions / sizeof *kVersions };

/*===-- Kernel rows against their schemas -----------------------------------===*/

static const char *const kParamKindName[] = {"T", "O", "I", "F", "L"};

/* The kernel parameter kind that passes schema parameter `a`; -1 when a
 * kernel cannot receive it (str and ScalarType; an op with a Tensor[]
 * cannot have a kernel row).  Int lists are passed as L or left out. */
static int kindFor(const FxSchemaArg *a) {
  switch (a->kind) {
  case FX_ARG_TENSOR:
    return a->optional ? FX_KERNEL_PARAM_O : FX_KERNEL_PARAM_T;
  case FX_ARG_INT:
  case FX_ARG_SYMINT:
  case FX_ARG_BOOL:
    return FX_KERNEL_PARAM_I;
  case FX_ARG_FLOAT:
  case FX_ARG_SCALAR:
    return FX_KERNEL_PARAM_F;
  case FX_ARG_INT_LIST:
  case FX_ARG_SYMINT_LIST:
    return FX_KERNEL_PARAM_L;
  default:
    return -1;
  }
}

static int fail(char *err, size_t errLen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (errLen)
    vsnprintf(err, errLen, fmt, ap);
  va_end(ap);
  return 1;
}

/* Schema parameters [from, to), left out of a kernel row, are all of types
 * a kernel cannot receive. */
static int checkLeftOut(const FxSchema *s, int from, int to, char *err,
                        size_t errLen) {
  for (int i = from; i < to; ++i)
    if ((kindFor(&s->args[i]) >= 0 &&
         kindFor(&s->args[i]) != FX_KERNEL_PARAM_L) ||
        s->args[i].kind == FX_ARG_TENSOR_LIST)
      return fail(err, errLen, "schema parameter '%s' is not passed (only "
                  "int lists, str and ScalarType may be left out)",
                  s->args[i].name);
  return 0;
}

int fxSchemaCheckKernel(const FxSchema *s, FxBuiltinKernel *k, char *err,
                        size_t errLen) {
  int outs = 0, p = 0;
  if (k->numParams > FX_KERNEL_MAX_PARAMS)
    return fail(err, errLen, "%d parameters, more than the %d a kernel row "
                "can have", k->numParams, FX_KERNEL_MAX_PARAMS);
  for (int r = 0; r < s->numReturns; ++r) {
    const FxSchemaArg *ret = &s->returns[r];
    if (ret->kind != FX_ARG_TENSOR || ret->optional)
      return fail(err, errLen, "return %d is not a Tensor (kernels return "
                  "tensors through out-records)", r);
    outs += !ret->alias[0];
  }
  for (; p < outs; ++p) {
    if (p >= k->numParams || k->params[p].kind != FX_KERNEL_PARAM_T)
      return fail(err, errLen, "the op returns %d new tensor(s) but the row "
                  "does not start with as many (T, ...) out-records", outs);
    if (fxSchemaFindArg(s, k->params[p].name, strlen(k->params[p].name)) >= 0)
      return fail(err, errLen, "out-record '%s' has the name of a schema "
                  "parameter", k->params[p].name);
  }
  int next = 0; /* schema parameters before it are passed or skipped */
  for (; p < k->numParams; ++p) {
    const FxKernelParam *kp = &k->params[p];
    int a = fxSchemaFindArg(s, kp->name, strlen(kp->name));
    if (a < 0)
      return fail(err, errLen, "parameter '%s' is not a schema parameter",
                  kp->name);
    if (a < next)
      return fail(err, errLen, "parameter '%s' is out of schema order (or "
                  "passed twice)", kp->name);
    if (checkLeftOut(s, next, a, err, errLen))
      return 1;
    const FxSchemaArg *arg = &s->args[a];
    next = a + 1;
    if (kindFor(arg) != (int)kp->kind)
      return fail(err, errLen, "parameter '%s' is passed as %s, which does "
                  "not fit its schema type", kp->name,
                  kParamKindName[kp->kind]);
    bool noValue = !arg->hasDefault || !strcmp(arg->defaultText, "None");
    if (kp->kind == FX_KERNEL_PARAM_L && arg->hasDefault &&
        strcmp(arg->defaultText, "None") && strcmp(arg->defaultText, "[]"))
      return fail(err, errLen, "int list '%s' has the default %s; a kernel "
                  "receives only None or [] when it is left out", kp->name,
                  arg->defaultText);
    if (arg->kind != FX_ARG_TENSOR && kp->kind != FX_KERNEL_PARAM_L &&
        arg->optional && noValue)
      return fail(err, errLen, "parameter '%s' is an optional scalar without "
                  "a value to pass when it is left out", kp->name);
  }
  if (checkLeftOut(s, next, s->numArgs, err, errLen))
    return 1;
  k->numOuts = outs;
  return 0;
}

/* Parsed schemas sorted by qualifiedName; written once under gOnce, then
 * only read, so lookups need no lock. */
typedef struct Entry {
  FxSchema *schema;
  FxBuiltinImpl impl;
  int row;                /* in fx_builtins.def */
  FxBuiltinKernel kernel; /* symbol NULL: none */
  FxViewFacts view;
  size_t nameLen;         /* strlen(schema->qualifiedName), for lookups */
} Entry;
static Entry gEntries[NUM_BUILTINS];
static FxSchema *gVersions[NUM_VERSIONS];

/* gEntries by name, hashed (open addressing, at most half full): every pass
 * asks for the entry of each call it looks at, several times, and a binary
 * search with a strlen per probe was 7 % of the passes' instructions. */
enum { kIndexSlots = 1024 };
_Static_assert(kIndexSlots >= 2 * NUM_BUILTINS, "the index stays half empty");
static short gIndex[kIndexSlots]; /* entry + 1; 0: an empty slot */

/* FNV-1a over the length and the last 12 bytes: names share prefixes
 * ("aten::"), and collisions only cost a probe. */
static unsigned nameHash(const char *s, size_t n) {
  unsigned h = (2166136261u ^ (unsigned)n) * 16777619u;
  for (size_t i = n > 12 ? n - 12 : 0; i < n; ++i)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}
static once_flag gOnce = ONCE_FLAG_INIT;

static int byName(const void *a, const void *b) {
  return strcmp(((const Entry *)a)->schema->qualifiedName,
                ((const Entry *)b)->schema->qualifiedName);
}

/* Whether entry `e` has a kernel exactly when its impl uses one (KERNEL
 * runs it; COPY calls it when it converts), passing its schema's
 * parameters as the lowering can. */
static bool kernelRowOk(Entry *e, char *err, size_t errLen) {
  bool wantsKernel = e->impl == FX_IMPL_KERNEL || e->impl == FX_IMPL_COPY;
  if (wantsKernel != (e->kernel.symbol != NULL)) {
    snprintf(err, errLen, "impl %d %s a kernel", (int)e->impl,
             wantsKernel ? "needs" : "has no use for");
    return false;
  }
  return !e->kernel.symbol ||
         !fxSchemaCheckKernel(e->schema, &e->kernel, err, errLen);
}

static const Entry *lookup(const char *qualifiedName, size_t len);
static const Entry *lookupLoaded(const char *qualifiedName, size_t len);

/* An older signature must be its op's current one with other parameter
 * names: an importer then passes the arguments under the current names. */
static void initVersion(int i) {
  char err[256];
  FxSchema *v = fxSchemaParse(kVersions[i].ns, kVersions[i].text, err, sizeof err);
  const Entry *e = v ? lookupLoaded(v->qualifiedName, strlen(v->qualifiedName)) : NULL;
  const FxSchema *s = e ? e->schema : NULL;
  bool same = s && s->numArgs == v->numArgs && s->numReturns == v->numReturns;
  for (int p = 0; same && p < s->numArgs; ++p) {
    const FxSchemaArg *a = &s->args[p], *b = &v->args[p];
    same = a->kind == b->kind && a->optional == b->optional &&
           a->mutated == b->mutated && a->hasDefault == b->hasDefault &&
           a->kwargOnly == b->kwargOnly && !strcmp(a->alias, b->alias) &&
           !strcmp(a->defaultText, b->defaultText);
  }
  if (!same) {
    fprintf(stderr, "fxir: internal error: schema version %s::%s: %s\n",
            kVersions[i].ns, kVersions[i].text,
            !v ? err : !s ? "no built-in op of that name"
                          : "differs from the built-in in more than names");
    abort();
  }
  gVersions[i] = v;
}

/* A built-in that fails to parse (or a duplicate name) is a bug in the table
 * above, not a user error, so it stops the process loudly. */
static void initBuiltins(void) {
  char err[256];
  for (int i = 0; i < NUM_BUILTINS; i++) {
    Entry *e = &gEntries[i];
    e->impl = kBuiltins[i].impl;
    e->row = i;
    e->kernel = kBuiltins[i].kernel;
    e->view = kBuiltins[i].view;
    if (!(e->schema = fxSchemaParse(kBuiltins[i].ns, kBuiltins[i].text, err,
                                    sizeof err))) {
      fprintf(stderr, "fxir: internal error: built-in schema %s::%s: %s\n",
              kBuiltins[i].ns, kBuiltins[i].text, err);
      abort();
    }
    if (!kernelRowOk(e, err, sizeof err)) {
      fprintf(stderr, "fxir: internal error: the kernel row of %s: %s\n",
              e->schema->qualifiedName, err);
      abort();
    }
  }
  qsort(gEntries, NUM_BUILTINS, sizeof *gEntries, byName);
  for (int i = 1; i < NUM_BUILTINS; i++)
    if (!byName(&gEntries[i - 1], &gEntries[i])) {
      fprintf(stderr, "fxir: internal error: duplicate built-in schema %s\n",
              gEntries[i].schema->qualifiedName);
      abort();
    }
  for (int i = 0; i < NUM_BUILTINS; i++) {
    const char *q = gEntries[i].schema->qualifiedName;
    gEntries[i].nameLen = strlen(q);
    unsigned slot = nameHash(q, gEntries[i].nameLen) % kIndexSlots;
    while (gIndex[slot])
      slot = (slot + 1) % kIndexSlots;
    gIndex[slot] = (short)(i + 1);
  }
  for (int i = 0; i < NUM_VERSIONS; i++)
    initVersion(i);
}

/* The entry called `qualifiedName` (`len` bytes), or NULL. */
static const Entry *lookup(const char *qualifiedName, size_t len) {
  if (!qualifiedName)
    return NULL;
  call_once(&gOnce, initBuiltins);
  return lookupLoaded(qualifiedName, len);
}

/* lookup() once the index is built (initBuiltins itself uses it).
 * `qualifiedName` is `len` bytes, not NUL-terminated. */
static const Entry *lookupLoaded(const char *qualifiedName, size_t len) {
  for (unsigned slot = nameHash(qualifiedName, len) % kIndexSlots;
       gIndex[slot]; slot = (slot + 1) % kIndexSlots) {
    int i = gIndex[slot] - 1;
    if (gEntries[i].nameLen == len &&
        !memcmp(gEntries[i].schema->qualifiedName, qualifiedName, len))
      return &gEntries[i];
  }
  return NULL;
}

const FxSchema *fxSchemaGetOldVersion(const char *qualifiedName, size_t len,
                                      int i) {
  if (!lookup(qualifiedName, len))
    return NULL;
  for (int k = 0; k < NUM_VERSIONS; ++k) {
    const char *q = gVersions[k]->qualifiedName;
    if (strlen(q) == len && !memcmp(q, qualifiedName, len) && i-- == 0)
      return gVersions[k];
  }
  return NULL;
}

const FxSchema *fxSchemaLookupBuiltin(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->schema : NULL;
}

const FxSchema *fxSchemaLookupBuiltinImpl(const char *qualifiedName,
                                          size_t len, FxBuiltinImpl *impl) {
  const Entry *e = lookup(qualifiedName, len);
  *impl = e ? e->impl : FX_IMPL_NONE;
  return e ? e->schema : NULL;
}

FxBuiltinImpl fxSchemaBuiltinImpl(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->impl : FX_IMPL_NONE;
}

FxViewFacts fxSchemaBuiltinView(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->view : (FxViewFacts){false, false};
}

const FxBuiltinKernel *fxSchemaBuiltinKernel(const char *qualifiedName,
                                             size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e && e->kernel.symbol ? &e->kernel : NULL;
}

int fxSchemaBuiltinRow(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->row : -1;
}

int fxSchemaNumBuiltins(void) { return NUM_BUILTINS; }

const FxSchema *fxSchemaGetBuiltin(int i) {
  call_once(&gOnce, initBuiltins);
  return i >= 0 && i < NUM_BUILTINS ? gEntries[i].schema : NULL;
}
