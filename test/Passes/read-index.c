// RUN: fx-passes-read-index-test | FileCheck %s

/* read-index.c - the contracts of fxReadIndexPlace and fxReadIndexLostView
 * (passes/ReadIndex.h).  Placing an op forgets whatever the index
 * remembered of values at its results' addresses; a view moved off a value
 * forgets that the value may reach the return only when nothing else of it
 * does (last section).
 *
 * A pass that erases an op and creates another may get the erased op's
 * address back from malloc, and the new op's results the erased results'
 * addresses; a summary or root link remembered for the old value would then
 * answer for the new one.  Whether malloc reuses an address is not up to a
 * test, so each case keeps one op and changes what it is (its operand, or
 * the uses of its result) before placing it: to the index that is exactly a
 * new op at an old address.
 */
#include "fxir/Fx.h"
#include "ReadIndex.h"

#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <stdio.h>
#include <string.h>

static int gFailures;

static void expect(bool ok, const char *what) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  gFailures += !ok;
}

#define T "!fx.tensor<[4], f32>"
#define UNARY(res, op, x)                                                    \
  "  " res " = fx.call \"aten::" op "\"(self = " x ") : (" T ") -> " T "\n"

static const char *kModule =
    "func.func @f(%a: " T ", %b: " T ") -> " T " {\n"
    "  %v = fx.reshape %a, shape = [4] : " T " -> " T "\n"
    UNARY("%c", "clone", "%b")
    UNARY("%r", "cos", "%c")
    UNARY("%s", "sin", "%v")
    "  return %s : " T "\n"
    "}\n";

/* The op of the n-th (0-based) op of the entry block of `func`. */
static MlirOperation nthOp(MlirOperation func, int n) {
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation op = mlirBlockGetFirstOperation(b);
  while (n--)
    op = mlirOperationGetNextInBlock(op);
  return op;
}

int main(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreate();
  mlirContextAppendDialectRegistry(ctx, registry);
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
  if (mlirModuleIsNull(m)) {
    fprintf(stderr, "read-index: the module does not parse\n");
    return 2;
  }
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirValue a = mlirBlockGetArgument(entry, 0), b = mlirBlockGetArgument(entry, 1);
  MlirOperation reshape = nthOp(func, 0), clone = nthOp(func, 1),
                cos = nthOp(func, 2), ret = nthOp(func, 4);
  MlirValue v = mlirOperationGetResult(reshape, 0), c = mlirOperationGetResult(clone, 0);
  FxSchemaTable *table = fxSchemaTableCreate(func);

  /* Roots (remembered with memoRoots): %v's root is %a; the reshape then
   * becomes a reshape of %b -- a new op at the old address. */
  FxReadIndex *x = fxReadIndexCreate(func, table, true, NULL);
  expect(x && mlirValueEqual(fxReadIndexRoot(x, v), a), "root of the reshape before");
  mlirOperationSetOperand(reshape, 0, b);
  fxReadIndexPlace(x, reshape, reshape);
  expect(mlirValueEqual(fxReadIndexRoot(x, v), b), "root of the op placed at its address");
  // CHECK: root of the reshape before: ok
  // CHECK: root of the op placed at its address: ok
  fxReadIndexDestroy(x);
  mlirOperationSetOperand(reshape, 0, a);

  /* Summaries: after cos nothing reads %c; then %c gets a reader at the
   * return's position, and the clone is placed as a new op. */
  x = fxReadIndexCreate(func, table, false, NULL);
  expect(x && !fxReadIndexMayReadAfter(x, c, cos), "no read of the clone after cos");
  mlirOperationSetOperand(ret, 0, c);
  fxReadIndexPlace(x, clone, clone);
  expect(fxReadIndexMayReadAfter(x, c, cos), "a read after cos once the op is placed");
  // CHECK: no read of the clone after cos: ok
  // CHECK: a read after cos once the op is placed: ok
  fxReadIndexDestroy(x);

  /* Numbered from a list of the block's ops, the index finds each of
   * them at its place in the list (the driver's FxBlockIndexFn); an op it
   * did not number is at none, and an op placed at another's position
   * gets that op's index, which the driver tells apart by address. */
  FxBlockOps list = {NULL, NULL, 0, 0, 0, 0};
  bool pushed = true;
  for (MlirOperation op = mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    pushed &= fxBlockOpsPush(&list, op, 0);
  x = fxReadIndexCreate(func, table, false, &list);
  bool found = pushed && x && list.n == 5;
  for (size_t i = 0; found && i < list.n; ++i)
    found = fxReadIndexBlockIndex(x, list.ops[i]) == (intptr_t)i;
  expect(found, "every listed op at its index");
  MlirOperation extra = mlirOperationClone(cos);
  expect(fxReadIndexBlockIndex(x, extra) == -1, "an op not numbered at none");
  fxReadIndexPlace(x, extra, cos);
  expect(fxReadIndexBlockIndex(x, extra) == 2, "a placed op at its place's");
  // CHECK: every listed op at its index: ok
  // CHECK: an op not numbered at none: ok
  // CHECK: a placed op at its place's: ok
  mlirOperationDestroy(extra);
  fxReadIndexDestroy(x);
  fxBlockOpsFree(&list);

  fxSchemaTableDestroy(table);
  mlirModuleDestroy(m);

  /* Return marks: %r reaches the return through its views %w and %u, %q
   * through %q2 (and has 65 other readers).  A view moved off a value
   * clears its mark only when no use of it left is the return or a view
   * whose result may reach it, and only up to 64 uses (more: kept). */
  char text[8192];
  int len = snprintf(text, sizeof text,
                     "func.func @g(%%a: " T ") -> (" T ", " T ", " T ") {\n"
                     UNARY("%%c", "cos", "%%a")
                     "  %%r = fx.reshape %%c, shape = [4] : " T " -> " T "\n"
                     "  %%w = fx.reshape %%r, shape = [4] : " T " -> " T "\n"
                     "  %%u = fx.reshape %%r, shape = [4] : " T " -> " T "\n"
                     UNARY("%%q", "sin", "%%a")
                     "  %%q2 = fx.reshape %%q, shape = [4] : " T " -> " T "\n");
  for (int i = 0; i < 65; ++i)
    len += snprintf(text + len, sizeof text - (size_t)len,
                    "  %%n%d = fx.call \"aten::cos\"(self = %%q) : (" T ") -> " T "\n", i);
  snprintf(text + len, sizeof text - (size_t)len,
           "  return %%w, %%u, %%q2 : " T ", " T ", " T "\n}\n");
  m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  expect(!mlirModuleIsNull(m), "the marks module parses");
  if (!mlirModuleIsNull(m)) {
    func = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
    table = fxSchemaTableCreate(func);
    MlirValue cv = mlirOperationGetResult(nthOp(func, 0), 0),
              rv = mlirOperationGetResult(nthOp(func, 1), 0),
              wv = mlirOperationGetResult(nthOp(func, 2), 0),
              qv = mlirOperationGetResult(nthOp(func, 4), 0);
    MlirOperation w = nthOp(func, 2), u = nthOp(func, 3), q2 = nthOp(func, 5);
    x = fxReadIndexCreate(func, table, false, NULL);
    mlirOperationSetOperand(u, 0, cv);
    fxReadIndexLostView(x, rv);
    expect(fxReadIndexMayReachReturn(x, rv), "a value a returned view still reads stays marked");
    fxReadIndexLostView(x, wv);
    expect(fxReadIndexMayReachReturn(x, wv), "a returned value stays marked");
    mlirOperationSetOperand(w, 0, cv);
    fxReadIndexLostView(x, rv);
    expect(!fxReadIndexMayReachReturn(x, rv) && fxReadIndexMayReachReturn(x, cv),
           "its last returned view moved off, it is cleared, its input not");
    mlirOperationSetOperand(q2, 0, cv);
    fxReadIndexLostView(x, qv);
    expect(fxReadIndexMayReachReturn(x, qv), "a value of 65 uses keeps its mark");
    fxReadIndexDestroy(x);
    fxSchemaTableDestroy(table);
    mlirModuleDestroy(m);
  }
  // CHECK: a value a returned view still reads stays marked: ok
  // CHECK: a returned value stays marked: ok
  // CHECK: its last returned view moved off, it is cleared, its input not: ok
  // CHECK: a value of 65 uses keeps its mark: ok
  mlirContextDestroy(ctx);
  mlirDialectRegistryDestroy(registry);
  printf("read-index: %d failures\n", gFailures);
  // CHECK: read-index: 0 failures
  return gFailures != 0;
}
