// RUN: fx-passes-scratch-test | FileCheck %s

/* scratch.c - the memory the passes keep between runs (passes/Scratch.h):
 * large blocks are kept only while a pass object holds them, come back
 * zeroed when asked, the smallest that fits first, within the slot and
 * byte limits; small blocks are never kept; the fx passes' objects hold,
 * and a pass's second run takes the blocks its first kept instead of
 * adding fresh ones. */
#include "Scratch.h"
#include "fxir/Fx.h"
#include "fxir/FxPasses.h"

#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K = 1024 };

/* Whether the first `n` bytes of `p` are all zero. */
static bool isZero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i])
      return false;
  return true;
}

static void blocks(void) {
  /* No holder: nothing is kept. */
  void *a = fxScratchAlloc(128 * K, true);
  fxScratchFree(a, 128 * K);
  printf("unheld: %zu\n", fxScratchKeptBytes());
  // CHECK: unheld: 0

  fxScratchHold();
  /* Kept, and given back zeroed although it was written. */
  a = fxScratchAlloc(128 * K, true);
  memset(a, 0xab, 128 * K);
  fxScratchFree(a, 128 * K);
  printf("kept: %zu\n", fxScratchKeptBytes());
  // CHECK: kept: 131072
  void *b = fxScratchAlloc(128 * K, true);
  printf("reused: %d zeroed: %d left: %zu\n", b == a, isZero(b, 128 * K),
         fxScratchKeptBytes());
  // CHECK: reused: 1 zeroed: 1 left: 0

  /* The smallest kept block that fits. */
  void *big = fxScratchAlloc(512 * K, false);
  fxScratchFree(big, 512 * K);
  fxScratchFree(b, 128 * K);
  void *c = fxScratchAlloc(100 * K, false);
  printf("best fit: %d\n", c == b);
  // CHECK: best fit: 1
  fxScratchFree(c, 100 * K);
  /* Kept blocks count what they hold, not what their last user asked. */
  printf("counted: %zu\n", fxScratchKeptBytes());
  // CHECK: counted: 655360

  /* Small blocks are never kept. */
  size_t before = fxScratchKeptBytes();
  void *small = fxScratchAlloc(FX_SCRATCH_MIN - 1, true);
  fxScratchFree(small, FX_SCRATCH_MIN - 1);
  printf("small kept: %d\n", fxScratchKeptBytes() != before);
  // CHECK: small kept: 0

  /* Growth keeps the contents, from a small block and from a large. */
  unsigned char *g = fxScratchRealloc(NULL, 0, 1000);
  for (int i = 0; i < 1000; ++i)
    g[i] = (unsigned char)i;
  g = fxScratchRealloc(g, 1000, 200 * K);
  bool same = g != NULL;
  for (int i = 0; same && i < 1000; ++i)
    same = g[i] == (unsigned char)i;
  g[200 * K - 1] = 7;
  g = fxScratchRealloc(g, 200 * K, 400 * K);
  same = same && g && g[200 * K - 1] == 7 && g[999] == (unsigned char)999;
  printf("grown: %d\n", same);
  // CHECK: grown: 1
  fxScratchFree(g, 400 * K);

  /* The limits: at most FX_SCRATCH_KEEP bytes, and a bounded number of
   * blocks; what does not fit is freed. */
  enum { kMany = 40 };
  void *many[kMany];
  for (int i = 0; i < kMany; ++i)
    many[i] = fxScratchAlloc(FX_SCRATCH_MIN, false);
  for (int i = 0; i < kMany; ++i)
    fxScratchFree(many[i], FX_SCRATCH_MIN);
  printf("slots bounded: %d\n",
         fxScratchKeptBytes() < kMany * (size_t)FX_SCRATCH_MIN);
  // CHECK: slots bounded: 1
  void *huge = fxScratchAlloc(FX_SCRATCH_KEEP, false);
  fxScratchFree(huge, FX_SCRATCH_KEEP);
  printf("bytes bounded: %d\n", fxScratchKeptBytes() <= FX_SCRATCH_KEEP);
  // CHECK: bytes bounded: 1

  /* The last holder gone, the kept blocks are freed. */
  fxScratchUnhold();
  printf("unhold: %zu\n", fxScratchKeptBytes());
  // CHECK: unhold: 0
}

/* A function of `n` reshapes: tables larger than FX_SCRATCH_MIN. */
static MlirModule bigModule(MlirContext ctx, int n) {
  const char *t = "!fx.tensor<[4], f32>";
  size_t cap = (size_t)n * 96 + 256, len = 0;
  char *text = malloc(cap);
  len += (size_t)snprintf(text + len, cap - len,
                          "func.func @f(%%a: %s) -> %s {\n", t, t);
  for (int i = 0; i < n; ++i)
    len += (size_t)snprintf(text + len, cap - len,
                            "  %%r%d = fx.reshape %%a, shape = [4] : %s -> %s\n",
                            i, t, t);
  snprintf(text + len, cap - len, "  return %%r%d : %s\n}\n", n - 1, t);
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  free(text);
  return m;
}

static void passes(void) {
  MlirContext ctx = mlirContextCreate();
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__func__(), ctx);
  fxContextLoadDialect(ctx);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager fpm = mlirPassManagerGetNestedUnder(
      pm, mlirStringRefCreateFromCString("func.func"));
  mlirOpPassManagerAddOwnedPass(fpm, fxCreateNoOpEliminationPass());

  /* A pass object holds: a large block freed now is kept. */
  fxScratchFree(fxScratchAlloc(128 * K, false), 128 * K);
  printf("pass holds: %zu\n", fxScratchKeptBytes());
  // CHECK: pass holds: 131072
  void *back = fxScratchAlloc(128 * K, false); /* (out of the way) */

  /* The first run keeps its tables; the second takes them back and keeps
   * them again: the same bytes, not twice as many. */
  MlirModule m1 = bigModule(ctx, 5000), m2 = bigModule(ctx, 5000);
  if (mlirModuleIsNull(m1) || mlirModuleIsNull(m2)) {
    printf("parse failed\n");
    return;
  }
  bool ok = mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(m1)));
  size_t first = fxScratchKeptBytes();
  ok = ok && mlirLogicalResultIsSuccess(
                 mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(m2)));
  size_t second = fxScratchKeptBytes();
  printf("runs: %d kept: %d same: %d\n", ok, first > 0, first == second);
  // CHECK: runs: 1 kept: 1 same: 1

  /* The pass manager gone, so is what its passes kept. */
  mlirPassManagerDestroy(pm);
  printf("pass manager gone: %zu\n", fxScratchKeptBytes());
  // CHECK: pass manager gone: 0
  fxScratchFree(back, 128 * K);
  mlirModuleDestroy(m1);
  mlirModuleDestroy(m2);
  mlirContextDestroy(ctx);
}

/* Reads a block after handing it back: under AddressSanitizer a kept
 * block is poisoned, so this must be reported (scratch-poison.test). */
static int useKept(void) {
  fxScratchHold();
  volatile unsigned char *p = fxScratchAlloc(128 * K, true);
  fxScratchFree((void *)p, 128 * K);
  int v = p[100];
  fxScratchUnhold();
  printf("read a kept block: %d\n", v);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--use-kept") == 0)
    return useKept();
  blocks();
  passes();
  return 0;
}
