// RUN: fx-passes-driver-test | FileCheck %s

/* driver.c - the rewrite driver's contract (passes/Driver.c,
 * fxApplyRewrites in PassInternal.h): a sweep visits the roots in program
 * order, skips the ones erased before their turn, and the next sweep sees
 * the roots inserted or moved by the one before; `kept` then sees every
 * root left, in the sweep's order.
 *
 * The driver keeps a sweep's list for the next sweep instead of walking
 * the block again, unless a root was inserted or an op moved.  No fx pass
 * inserts a root today, so only a test that rewrites through the driver
 * itself can tell a stale list from a fresh one.
 *
 * Each case acts once, on its first visit, and then rewrites nothing: the
 * visits are then the first sweep and the second (the fixpoint); one
 * sweep only where the act is reported as no change, or for
 * FX_BOTTOM_UP_ONCE. */
#include "PassInternal.h"
#include "fxir/Fx.h"

#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Rewrite.h"

#include <stdio.h>
#include <string.h>

#define T "!fx.tensor<[4], f32>"
#define RESHAPE(r) "  " r " = fx.reshape %a, shape = [4] : " T " -> " T "\n"

/* Three independent roots (reshapes of %a), so any order is valid IR. */
static const char *kModule = "func.func @f(%a: " T ") -> " T " {\n" RESHAPE("%r1")
    RESHAPE("%r2") RESHAPE("%r3") "  return %r1 : " T "\n}\n";

typedef enum Act { INSERT_AFTER_R1, MOVE_R3_FIRST, ERASE_R2, INSERT_UNREPORTED } Act;

typedef struct Case {
  MlirOperation r[3];
  Act act;
  bool acted, keeping;
  char log[256]; /* the visits, then "kept:" and the roots kept */
} Case;

static const char *nameOf(Case *c, MlirOperation op) {
  static const char *names[] = {"r1", "r2", "r3"};
  for (int i = 0; i < 3; ++i)
    if (mlirOperationEqual(op, c->r[i]))
      return names[i];
  return "new";
}

static void note(Case *c, const char *what) {
  strncat(c->log, what, sizeof c->log - strlen(c->log) - 1);
  strncat(c->log, " ", sizeof c->log - strlen(c->log) - 1);
}

static MlirLogicalResult visit(MlirOperation op, MlirRewriterBase rw,
                               void *userData) {
  Case *c = userData;
  note(c, nameOf(c, op));
  if (c->acted)
    return mlirLogicalResultFailure();
  c->acted = true;
  switch (c->act) {
  case INSERT_AFTER_R1:
    mlirRewriterBaseSetInsertionPointAfter(rw, c->r[0]);
    mlirRewriterBaseClone(rw, c->r[0]);
    break;
  case MOVE_R3_FIRST:
    mlirRewriterBaseMoveOpBefore(rw, c->r[2], c->r[0]);
    break;
  case ERASE_R2:
    mlirRewriterBaseEraseOp(rw, c->r[1]);
    c->r[1] = (MlirOperation){NULL};
    break;
  case INSERT_UNREPORTED: /* a rewrite that says it changed nothing */
    mlirRewriterBaseSetInsertionPointAfter(rw, c->r[0]);
    mlirRewriterBaseClone(rw, c->r[0]);
    return mlirLogicalResultFailure();
  }
  return mlirLogicalResultSuccess();
}

static void kept(MlirOperation op, void *userData) {
  Case *c = userData;
  if (!c->keeping)
    note(c, "kept:");
  c->keeping = true;
  note(c, nameOf(c, op));
}

static void run(MlirContext ctx, Act act, FxOrder order, const char *title) {
  MlirModule m =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
  if (mlirModuleIsNull(m)) {
    printf("%s: the module does not parse\n", title);
    return;
  }
  MlirBlock top = mlirModuleGetBody(m);
  MlirOperation func = mlirBlockGetFirstOperation(top);
  MlirBlock entry =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  Case c = {{{NULL}}, act, false, false, ""};
  MlirOperation op = mlirBlockGetFirstOperation(entry);
  for (int i = 0; i < 3; ++i, op = mlirOperationGetNextInBlock(op))
    c.r[i] = op;
  static const FxOpKind roots[] = {FX_OP_RESHAPE};
  note(&c, "visits:");
  /* The pass is used only to signal out of memory. */
  fxApplyRewrites(func, (MlirExternalPass){NULL}, roots, 1, visit, &c, order,
                  kept, NULL);
  printf("%s: %s\n", title, c.log);
  mlirModuleDestroy(m);
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__func__(), ctx);
  fxContextLoadDialect(ctx);

  /* A root inserted in the first sweep is visited in the second. */
  run(ctx, INSERT_AFTER_R1, FX_TOP_DOWN, "insert");
  // CHECK: insert: visits: r1 r2 r3 r1 new r2 r3 kept: r1 new r2 r3 {{$}}

  /* A root moved in the first sweep is visited in its new place. */
  run(ctx, MOVE_R3_FIRST, FX_TOP_DOWN, "move");
  // CHECK: move: visits: r1 r2 r3 r3 r1 r2 kept: r3 r1 r2 {{$}}

  /* A root erased before its turn is not visited, nor kept. */
  run(ctx, ERASE_R2, FX_TOP_DOWN, "erase");
  // CHECK: erase: visits: r1 r3 r1 r3 kept: r1 r3 {{$}}

  /* A root inserted by a sweep that reported no change: the sweeps stop,
   * and `kept` still sees every root the block has. */
  run(ctx, INSERT_UNREPORTED, FX_TOP_DOWN, "unreported");
  // CHECK: unreported: visits: r1 r2 r3 kept: r1 new r2 r3 {{$}}

  /* Bottom up, once: the roots left, bottom up. */
  run(ctx, ERASE_R2, FX_BOTTOM_UP_ONCE, "once");
  // CHECK: once: visits: r3 r1 kept: r3 r1 {{$}}

  mlirContextDestroy(ctx);
  return 0;
}
