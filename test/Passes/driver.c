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
 * FX_BOTTOM_UP_ONCE.
 *
 * "listed" cases give the driver the block's ops as a list (FxBlockOps)
 * with a function that finds them, as the passes do with the first walk's
 * list and the read index: the sweeps then go over the list, which the
 * driver keeps for a later call (erased ops null, inserted kinds marked).
 * A later call shows whether it took its roots from the list or walked
 * the block: the test adds a root behind the driver's back in between,
 * which only a walk finds. */
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
  FxBlockOps list;
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

/* An FxBlockIndexFn for the test's list: by search. */
static intptr_t indexOf(const void *data, MlirOperation op) {
  const FxBlockOps *list = data;
  for (size_t i = 0; i < list->n; ++i)
    if (mlirOperationEqual(list->ops[i], op))
      return (intptr_t)i;
  return -1;
}

/* How a case hands the block to the driver. */
typedef enum Mode {
  WALKED,        /* no list: the driver walks */
  LISTED,        /* a list and its index: kept across calls */
  LISTED_ONCE,   /* a list without index: for the first sweep, then spent */
} Mode;

static void run2(MlirContext ctx, Act act, FxOrder order, Mode mode,
                 bool again, const char *title) {
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
  Case c = {{{NULL}}, {NULL, NULL, 0, 0, 0, 0}, act, false, false, ""};
  MlirOperation op = mlirBlockGetFirstOperation(entry);
  for (int i = 0; i < 3; ++i, op = mlirOperationGetNextInBlock(op))
    c.r[i] = op;
  for (op = mlirBlockGetFirstOperation(entry); mode != WALKED &&
                                               !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (!fxBlockOpsPush(&c.list, op, (unsigned)(fxOpGetKind(op) + 1))) {
      printf("%s: out of memory\n", title);
      return;
    }
  FxBlockOps *list = mode == WALKED ? NULL : &c.list;
  FxBlockIndexFn index = mode == LISTED ? indexOf : NULL;
  static const FxOpKind roots[] = {FX_OP_RESHAPE};
  note(&c, "visits:");
  /* The pass is used only to signal out of memory. */
  fxApplyRewrites(func, (MlirExternalPass){NULL}, roots, 1, visit, &c, order,
                  kept, list, index, list);
  if (again) {
    /* A root the driver is not told of, before the last op (the return):
     * a copy of r1, or of r3 when r1 was erased. */
    MlirOperation copy = mlirOperationClone(
        mlirOperationIsNull(c.r[0]) ? c.r[2] : c.r[0]);
    mlirBlockInsertOwnedOperationBefore(
        entry, mlirBlockGetTerminator(entry), copy);
    c.acted = true; /* the later call only visits */
    c.keeping = false;
    note(&c, "| later:");
    fxApplyRewrites(func, (MlirExternalPass){NULL}, roots, 1, visit, &c,
                    order, kept, list, index, list);
  }
  printf("%s: %s\n", title, c.log);
  fxBlockOpsFree(&c.list);
  mlirModuleDestroy(m);
}

static void run(MlirContext ctx, Act act, FxOrder order, const char *title) {
  run2(ctx, act, order, WALKED, false, title);
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

  /* The same over a list: the same visits, and a later call takes its
   * roots from the list (it does not see the copy added behind the
   * driver's back) unless a root was inserted or moved. */
  run2(ctx, ERASE_R2, FX_TOP_DOWN, LISTED, true, "listed erase");
  // CHECK: listed erase: visits: r1 r3 r1 r3 kept: r1 r3 | later: r1 r3 kept: r1 r3 {{$}}
  run2(ctx, ERASE_R2, FX_BOTTOM_UP_ONCE, LISTED, true, "listed once");
  // CHECK: listed once: visits: r3 r1 kept: r3 r1 | later: r3 r1 kept: r3 r1 {{$}}
  run2(ctx, INSERT_AFTER_R1, FX_TOP_DOWN, LISTED, true, "listed insert");
  // CHECK: listed insert: visits: r1 r2 r3 r1 new r2 r3 kept: r1 new r2 r3 | later: r1 new r2 r3 new kept: r1 new r2 r3 new {{$}}
  run2(ctx, MOVE_R3_FIRST, FX_TOP_DOWN, LISTED, true, "listed move");
  // CHECK: listed move: visits: r1 r2 r3 r3 r1 r2 kept: r3 r1 r2 | later: r3 r1 r2 new kept: r3 r1 r2 new {{$}}
  run2(ctx, INSERT_UNREPORTED, FX_TOP_DOWN, LISTED, true, "listed unreported");
  // CHECK: listed unreported: visits: r1 r2 r3 kept: r1 new r2 r3 | later: r1 new r2 r3 new kept: r1 new r2 r3 new {{$}}

  /* A list without its index serves the first sweep only: the later call
   * walks (and sees the copy). */
  run2(ctx, ERASE_R2, FX_TOP_DOWN, LISTED_ONCE, true, "spent");
  // CHECK: spent: visits: r1 r3 r1 r3 kept: r1 r3 | later: r1 r3 new kept: r1 r3 new {{$}}

  mlirContextDestroy(ctx);
  return 0;
}
