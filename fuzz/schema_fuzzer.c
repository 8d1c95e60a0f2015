/* schema_fuzzer.c - libFuzzer target over the torch schema parser
 * (dialect/FxSchema.c) and the built-in registry lookup
 * (dialect/FxBuiltinSchemas.c).  Built by fuzz/build, run by fuzz/run.
 *
 * The input is schema text.  A parse may fail (with a message); a schema
 * that parses is walked completely and must satisfy the invariants the
 * verifier and the passes rely on. */
#include "fxir/FxSchema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c)                                                               \
  do {                                                                         \
    if (!(c)) {                                                                \
      fprintf(stderr, "schema_fuzzer: invariant failed: %s\n", #c);            \
      abort();                                                                 \
    }                                                                          \
  } while (0)

static void walk(const FxSchema *s) {
  CHECK(s->qualifiedName && s->name && s->overload && s->text);
  CHECK(s->numArgs >= 0 && s->numReturns >= 0);
  int mutated = 0;
  for (int i = 0; i < s->numArgs; ++i) {
    const FxSchemaArg *a = &s->args[i];
    CHECK(a->name && a->alias && a->defaultText);
    CHECK(fxArgKindName(a->kind) != NULL);
    CHECK(a->listSize >= -1 &&
          (a->listSize < 0 || strstr(fxArgKindName(a->kind), "[]")));
    mutated += a->mutated;
    int found = fxSchemaFindArg(s, a->name, strlen(a->name));
    CHECK(found >= 0 && found <= i); /* the first of that name */
  }
  CHECK(fxSchemaNumMutated(s) == mutated);
  for (int i = 0; i < s->numReturns; ++i) {
    const FxSchemaArg *r = &s->returns[i];
    CHECK(r->name && r->alias && r->defaultText);
    CHECK(fxArgKindName(r->kind) != NULL);
  }
  CHECK(fxSchemaFindArg(s, "", 0) < 0 || s->numArgs > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The registry lookup takes a length, not a NUL: the raw bytes. */
  const FxSchema *b = fxSchemaLookupBuiltin((const char *)data, size);
  if (b)
    walk(b);

  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char err[128];
  /* With a namespace, and with the namespace (if any) in the text. */
  FxSchema *s = fxSchemaParse("fz", text, err, sizeof err);
  if (s) {
    walk(s);
    fxSchemaDestroy(s);
  } else {
    CHECK(memchr(err, '\0', sizeof err) != NULL);
  }
  s = fxSchemaParse(NULL, text, err, 1); /* a 1-byte error buffer */
  if (s) {
    walk(s);
    fxSchemaDestroy(s);
  } else {
    CHECK(err[0] == '\0');
  }
  fxSchemaDestroy(fxSchemaParse("fz", text, NULL, 0)); /* no error buffer */
  free(text);
  return 0;
}
