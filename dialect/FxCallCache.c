/* FxCallCache.c - what a call's attributes say, remembered (Fx.h, "the
 * call cache").
 *
 * A call's target, its built-in schema and implementation, its
 * `arg_names`, and the attributes fxCallOpCreateLike gives a call made
 * like it are functions of its attribute dictionary, which MLIR uniques:
 * while the context lives, one dictionary pointer is one set of
 * attributes.  The passes ask them of every use they follow
 * (fxOpIsViewLike, fxUseWrites) and every operand's parameter: a tenth of
 * fx-fix-functionalization's instructions went to reading them by name
 * and looking the target up among the built-ins, again and again for the
 * same few dictionaries.
 * The pass driver installs a cache for one pass run on one thread, inside
 * which the context lives; the verifier's memo keeps one for its
 * context's life and uses it under its lock.  So a pointer never outlives
 * its dictionary here. */
#include "FxInternal.h"

#include "fxir/FxSchema.h"

#include <stdlib.h>
#include <string.h>

/* At most this many dictionaries (about 5 MB of slots): past it,
 * questions are answered as without a cache (a limit on speed only; the
 * verifier's memo keeps its cache for its context's life). */
enum { kMinSlots = 256, kMaxEntries = 1 << 16 };

typedef struct Entry {
  const void *dict; /* NULL: an empty slot */
  MlirStringRef target;
  MlirAttribute argNames;
  FxBuiltinImpl impl;
  const FxSchema *builtin; /* with `impl` (hasImpl) */
  MlirAttribute created;   /* fxCallCachePutCreated's, for createdResults */
  intptr_t createdResults;
  uint64_t paramSerial;                /* the schema `params` are in */
  signed char params[FX_MAX_OPERANDS]; /* operand i's parameter in the schema
                                          of serial paramSerial + 2; 0 when
                                          not known */
  bool hasTarget, hasImpl, hasArgNames;
} Entry;

struct FxCallCache {
  Entry *slots;
  size_t cap, num; /* cap a power of two; num at most half of it */
};

static _Thread_local FxCallCache *tCurrent;

FxCallCache *fxCallCacheCreate(void) { return calloc(1, sizeof(FxCallCache)); }

void fxCallCacheDestroy(FxCallCache *c) {
  if (!c)
    return;
  free(c->slots);
  free(c);
}

FxCallCache *fxCallCacheInstall(FxCallCache *c) {
  FxCallCache *old = tCurrent;
  tCurrent = c;
  return old;
}

static size_t slotFor(const Entry *slots, size_t cap, const void *dict) {
  uintptr_t p = (uintptr_t)dict;
  size_t i = (size_t)((p >> 4) ^ (p >> 13)) & (cap - 1);
  while (slots[i].dict && slots[i].dict != dict)
    i = (i + 1) & (cap - 1);
  return i;
}

static bool grow(FxCallCache *c) {
  size_t cap = c->cap ? 2 * c->cap : kMinSlots;
  Entry *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < c->cap; ++i)
    if (c->slots[i].dict)
      slots[slotFor(slots, cap, c->slots[i].dict)] = c->slots[i];
  free(c->slots);
  c->slots = slots;
  c->cap = cap;
  return true;
}

/* A new, empty entry for `dict`; NULL past the limit or out of memory. */
static Entry *newEntry(FxCallCache *c, const void *dict) {
  if (c->num >= kMaxEntries || (2 * (c->num + 1) > c->cap && !grow(c)))
    return NULL;
  Entry *e = &c->slots[slotFor(c->slots, c->cap, dict)];
  *e = (Entry){.dict = dict};
  ++c->num;
  return e;
}

/* The entry of `op`'s dictionary, made empty if new; NULL without a cache,
 * past its limit or out of memory.  Inline: the passes ask it tens of
 * thousands of times per thousand ops, nearly always of an entry that is
 * there. */
static inline Entry *entryOf(MlirOperation op) {
  FxCallCache *c = tCurrent;
  if (!c)
    return NULL;
  const void *dict = fxOperationGetAttrDictionary(op).ptr;
  if (!dict)
    return NULL;
  if (c->cap) {
    Entry *e = &c->slots[slotFor(c->slots, c->cap, dict)];
    if (e->dict)
      return e;
  }
  return newEntry(c, dict);
}

static MlirStringRef targetOf(MlirOperation op, Entry *e) {
  if (e && e->hasTarget)
    return e->target;
  MlirStringRef t = fxCallReadTarget(op);
  if (e) {
    e->target = t;
    e->hasTarget = true;
  }
  return t;
}

MlirStringRef fxCallGetTarget(MlirOperation op) {
  return targetOf(op, entryOf(op));
}

const FxSchema *fxCallGetBuiltinSchema(MlirOperation op,
                                       FxBuiltinImpl *impl) {
  Entry *e = entryOf(op);
  if (e && e->hasImpl) {
    *impl = e->impl;
    return e->builtin;
  }
  MlirStringRef t = targetOf(op, e);
  const FxSchema *builtin = fxSchemaLookupBuiltinImpl(t.data, t.length, impl);
  if (e) {
    e->impl = *impl;
    e->builtin = builtin;
    e->hasImpl = true;
  }
  return builtin;
}

FxBuiltinImpl fxCallGetBuiltinImpl(MlirOperation op) {
  FxBuiltinImpl impl;
  fxCallGetBuiltinSchema(op, &impl);
  return impl;
}

MlirAttribute fxCallGetArgNames(MlirOperation op) {
  Entry *e = entryOf(op);
  if (e && e->hasArgNames)
    return e->argNames;
  MlirAttribute names =
      mlirOperationGetAttributeByName(op, fxStr("arg_names"));
  if (e) {
    e->argNames = names;
    e->hasArgNames = true;
  }
  return names;
}

MlirAttribute fxCallCacheGetCreated(MlirOperation like, intptr_t nResults) {
  Entry *e = entryOf(like);
  return e && !mlirAttributeIsNull(e->created) && e->createdResults == nResults
             ? e->created
             : (MlirAttribute){NULL};
}

void fxCallCachePutCreated(MlirOperation like, intptr_t nResults,
                           MlirAttribute dictionary) {
  Entry *e = entryOf(like);
  if (e) {
    e->created = dictionary;
    e->createdResults = nResults;
  }
}

/* The entry that may remember operand i's parameter in `schema`: keyed by
 * the schema's serial (FxSchema.h), not its address: a module's schema
 * lives in one schema table, and another may later be parsed at its
 * address (the verifier's memo keeps its cache for the context's life). */
static Entry *paramEntry(MlirOperation op, const FxSchema *schema,
                         intptr_t i) {
  if (!schema || !schema->serial || i < 0 || i >= FX_MAX_OPERANDS)
    return NULL; /* (a schema not from fxSchemaParse has serial 0) */
  return entryOf(op);
}

int fxCallCacheGetParam(MlirOperation op, const FxSchema *schema,
                        intptr_t i) {
  Entry *e = paramEntry(op, schema, i);
  return e && e->paramSerial == schema->serial && e->params[i]
             ? e->params[i] - 2
             : FX_PARAM_UNKNOWN;
}

void fxCallCachePutParam(MlirOperation op, const FxSchema *schema, intptr_t i,
                         int param) {
  Entry *e = paramEntry(op, schema, i);
  if (!e || param < -1 || param > 120)
    return;
  if (e->paramSerial != schema->serial) { /* another schema's: forget them */
    memset(e->params, 0, sizeof e->params);
    e->paramSerial = schema->serial;
  }
  e->params[i] = (signed char)(param + 2);
}
