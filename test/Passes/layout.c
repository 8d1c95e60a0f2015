// RUN: fx-passes-layout-test | FileCheck %s

/* layout.c - fxKnownContiguous (passes/Layout.h) remembers its answer for
 * every value of the chain it walks, keeping the first 32 values on its
 * way and stepping the rest again.  Chains of reshapes on both sides of
 * that length, from a source known contiguous (a call's new tensor) and
 * from one that is not (a slice of an inner dim), asked in three orders on
 * one cache, must answer what a fresh cache answers for each value alone.
 */
#include "fxir/Fx.h"
#include "Layout.h"

#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <stdio.h>
#include <stdlib.h>

static int gFailures;

static void expect(bool ok, const char *what, int len, const char *source) {
  printf("%s, chain of %d from %s: %s\n", what, len, source,
         ok ? "ok" : "FAILED");
  gFailures += !ok;
}

#define T8 "!fx.tensor<[4, 8], f32>"
#define T4 "!fx.tensor<[4, 4], f32>"

/* @f(%a): a source (%s) then `len` reshapes of it, %r1 ... %rlen. */
static char *chainModule(int len, bool contiguous) {
  size_t cap = 256 + 96 * (size_t)len;
  char *text = malloc(cap);
  int n = snprintf(text, cap, "func.func @f(%%a: " T8 ") -> " T4 " {\n");
  if (contiguous)
    n += snprintf(text + n, cap - (size_t)n,
                  "  %%s = fx.call \"aten::empty\"() {dtype = f32, size = [4, "
                  "4]} : () -> " T4 "\n");
  else
    n += snprintf(text + n, cap - (size_t)n,
                  "  %%s = fx.slice %%a, dim = 1, start = 0, end = 4, step = 1 "
                  ": " T8 " -> " T4 "\n");
  for (int i = 1; i <= len; ++i) {
    char in[16] = "s";
    if (i > 1)
      snprintf(in, sizeof in, "r%d", i - 1);
    n += snprintf(text + n, cap - (size_t)n,
                  "  %%r%d = fx.reshape %%%s, shape = [4, 4] : " T4 " -> " T4
                  "\n",
                  i, in);
  }
  snprintf(text + n, cap - (size_t)n, "  return %%r%d : " T4 "\n}\n", len);
  return text;
}

static void checkChain(MlirContext ctx, int len, bool contiguous) {
  const char *source = contiguous ? "a new tensor" : "an inner-dim slice";
  char *text = chainModule(len, contiguous);
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  free(text);
  if (mlirModuleIsNull(m)) {
    expect(false, "the module parses", len, source);
    return;
  }
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirValue values[128];
  int n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       n <= len && !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    values[n++] = mlirOperationGetResult(op, 0);
  FxSchemaTable *table = fxSchemaTableCreate(func);

  /* Each value alone, on a fresh cache: the walk to the source. */
  bool fresh[128], allAsSource = true;
  for (int i = 0; i < n; ++i) {
    FxLayouts l;
    fxLayoutsInit(&l, table);
    fresh[i] = fxKnownContiguous(&l, values[i]);
    fxLayoutsFree(&l);
    allAsSource &= fresh[i] == contiguous;
  }
  expect(n == len + 1 && allAsSource, "every value laid out as its source", len,
         source);

  /* One cache, three orders: the end first, the middle first, the source
   * first; then every value, each answered from what the first left. */
  int firsts[3] = {n - 1, n / 2, 0};
  bool same = true;
  for (int k = 0; k < 3; ++k) {
    FxLayouts l;
    fxLayoutsInit(&l, table);
    same &= fxKnownContiguous(&l, values[firsts[k]]) == fresh[firsts[k]];
    for (int i = n - 1; i >= 0; --i)
      same &= fxKnownContiguous(&l, values[i]) == fresh[i];
    fxLayoutsFree(&l);
  }
  expect(same, "remembered answers", len, source);
  fxSchemaTableDestroy(table);
  mlirModuleDestroy(m);
}

int main(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreate();
  mlirContextAppendDialectRegistry(ctx, registry);
  static const int kLengths[] = {1, 30, 31, 32, 33, 40, 100};
  for (int c = 0; c < 2; ++c)
    for (size_t i = 0; i < sizeof kLengths / sizeof kLengths[0]; ++i)
      checkChain(ctx, kLengths[i], c == 0);
  mlirContextDestroy(ctx);
  mlirDialectRegistryDestroy(registry);
  printf("layout: %d failures\n", gFailures);
  return gFailures != 0;
}

// CHECK: every value laid out as its source, chain of 1 from a new tensor: ok
// CHECK: remembered answers, chain of 1 from a new tensor: ok
// CHECK: every value laid out as its source, chain of 31 from a new tensor: ok
// CHECK: remembered answers, chain of 31 from a new tensor: ok
// CHECK: every value laid out as its source, chain of 32 from a new tensor: ok
// CHECK: remembered answers, chain of 32 from a new tensor: ok
// CHECK: every value laid out as its source, chain of 100 from a new tensor: ok
// CHECK: remembered answers, chain of 100 from a new tensor: ok
// CHECK: every value laid out as its source, chain of 31 from an inner-dim slice: ok
// CHECK: remembered answers, chain of 33 from an inner-dim slice: ok
// CHECK: every value laid out as its source, chain of 100 from an inner-dim slice: ok
// CHECK: remembered answers, chain of 100 from an inner-dim slice: ok
// CHECK: layout: 0 failures
// CHECK-NOT: FAILED
