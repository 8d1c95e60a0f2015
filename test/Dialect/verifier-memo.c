// RUN: fx-dialect-verifier-memo-test | FileCheck %s

/* verifier-memo.c - the verifier hook's memo (dialect/FxVerifier.c, "The
 * verifier hook's memo") on graphs with many distinct op signatures.
 *
 * vLLM's attention call names its layer (`layer_name`), so a graph of N
 * layers has at least N distinct signatures.  The memo must keep them all
 * (a table cleared when 512 were held re-checked every op in full, over
 * and over, in graphs of more than a few hundred layers), must still reject
 * an op changed after its signature was remembered, and must stay bounded
 * in a long-lived context (it starts over at its limit).
 */
#include "fxir/Fx.h"
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int gFailures;

static void expect(bool ok, const char *what) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  gFailures += !ok;
}

#define T "!fx.tensor<[4], f32>"

/* A module whose function makes `n` calls of one op, each with its own
 * `name` argument: n distinct signatures. */
static char *moduleText(int n) {
  size_t cap = 256 + (size_t)n * 160, len = 0; /* 160: one call's line */
  char *s = malloc(cap);
  if (!s)
    return NULL;
  len += (size_t)snprintf(s + len, cap - len,
                          "fx.schema \"t::f\" = \"f(Tensor x, str name) -> Tensor\"\n"
                          "func.func @g(%%x: " T ") -> " T " {\n");
  for (int i = 0; i < n; ++i)
    len += (size_t)snprintf(s + len, cap - len,
                            "  %%r%d = fx.call \"t::f\"(x = %%x) {name = \"l%d\"} : (" T
                            ") -> " T "\n", i, i);
  snprintf(s + len, cap - len, "  return %%r%d : " T "\n}\n", n - 1);
  return s;
}

static MlirLogicalResult countErrors(MlirDiagnostic d, void *userData) {
  (void)d;
  ++*(int *)userData;
  return mlirLogicalResultSuccess(); /* handled: not printed */
}

/* Verifies every op of the module's function with `memo`; the number that
 * failed. */
static int verifyAll(MlirModule m, FxVerifyMemo *memo) {
  int failed = 0;
  MlirOperation func = mlirOperationGetNextInBlock(
      mlirBlockGetFirstOperation(mlirModuleGetBody(m)));
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(b); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    failed += mlirLogicalResultIsFailure(fxVerifyOpMemo(op, memo));
  return failed;
}

static MlirOperation nthOp(MlirModule m, int n) {
  MlirOperation func = mlirOperationGetNextInBlock(
      mlirBlockGetFirstOperation(mlirModuleGetBody(m)));
  MlirOperation op = mlirBlockGetFirstOperation(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0)));
  while (n--)
    op = mlirOperationGetNextInBlock(op);
  return op;
}

static MlirModule parse(MlirContext ctx, int n) {
  char *text = moduleText(n);
  MlirModule m = text ? mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text))
                      : (MlirModule){NULL};
  free(text);
  if (mlirModuleIsNull(m)) {
    fprintf(stderr, "verifier-memo: a module of %d calls does not parse\n", n);
    exit(2);
  }
  return m;
}

int main(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);
  MlirContext ctx = mlirContextCreate();
  mlirContextAppendDialectRegistry(ctx, registry);
  int errors = 0;
  mlirContextAttachDiagnosticHandler(ctx, countErrors, &errors, NULL);

  /* 3000 distinct signatures: all kept, and found again. */
  MlirModule m = parse(ctx, 3000);
  FxVerifyMemo *memo = fxVerifyMemoCreate();
  expect(memo && verifyAll(m, memo) == 0, "3000 calls verify");
  expect(fxVerifyMemoNumValid(memo) == 3000, "the memo holds all 3000 signatures");
  // CHECK: 3000 calls verify: ok
  // CHECK: the memo holds all 3000 signatures: ok
  expect(verifyAll(m, memo) == 0 && fxVerifyMemoNumValid(memo) == 3000,
         "a second verification finds them");
  // CHECK: a second verification finds them: ok

  /* An op changed after its signature was remembered: its new signature is
   * checked in full (a str argument given an integer), and the old one is
   * found again once restored. */
  MlirOperation op = nthOp(m, 1500);
  MlirAttribute args = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("args"));
  MlirAttribute bad = mlirAttributeParseGet(ctx, mlirStringRefCreateFromCString("{name = 7 : i64}"));
  mlirOperationSetAttributeByName(op, mlirStringRefCreateFromCString("args"), bad);
  errors = 0;
  expect(mlirLogicalResultIsFailure(fxVerifyOpMemo(op, memo)) && errors == 1,
         "the changed op is rejected");
  // CHECK: the changed op is rejected: ok
  mlirOperationSetAttributeByName(op, mlirStringRefCreateFromCString("args"), args);
  expect(mlirLogicalResultIsSuccess(fxVerifyOpMemo(op, memo)) &&
             fxVerifyMemoNumValid(memo) == 3000,
         "restored, it is found again");
  // CHECK: restored, it is found again: ok
  mlirModuleDestroy(m);

  /* A call's target read through the memo's call cache follows its
   * dictionary: retargeted from a built-in to a declared op, the key holds
   * the declaration, so a changed declaration is checked again (a cache
   * that kept "built-in" for the op would find the old key). */
  MlirModule r = mlirModuleCreateParse(
      ctx, mlirStringRefCreateFromCString(
               "fx.schema \"t::g\" = \"g(Tensor self) -> Tensor\"\n"
               "func.func @h(%x: " T ") -> " T " {\n"
               "  %y = fx.call \"aten::clone\"(self = %x) : (" T ") -> " T "\n"
               "  return %y : " T "\n}\n"));
  expect(!mlirModuleIsNull(r), "the retargeting module parses");
  if (!mlirModuleIsNull(r)) {
    MlirOperation decl = mlirBlockGetFirstOperation(mlirModuleGetBody(r));
    MlirOperation call = nthOp(r, 0);
    expect(mlirLogicalResultIsSuccess(fxVerifyOpMemo(call, memo)),
           "aten::clone verifies");
    mlirOperationSetAttributeByName(
        call, mlirStringRefCreateFromCString("target"),
        mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("t::g")));
    expect(mlirLogicalResultIsSuccess(fxVerifyOpMemo(call, memo)),
           "retargeted to t::g, it verifies");
    mlirOperationSetAttributeByName(
        decl, mlirStringRefCreateFromCString("signature"),
        mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(
                                   "g(Tensor self, int n) -> Tensor")));
    errors = 0;
    expect(mlirLogicalResultIsFailure(fxVerifyOpMemo(call, memo)) && errors == 1,
           "t::g declared with another parameter, the call is rejected");
    mlirModuleDestroy(r);
  }
  // CHECK: aten::clone verifies: ok
  // CHECK: retargeted to t::g, it verifies: ok
  // CHECK: t::g declared with another parameter, the call is rejected: ok

  /* The memo looks a call's key up as a built-in's first (its last entry
   * null), before it asks what the target is: a call of a target that is
   * neither built in nor declared, valid (it may read and write anything),
   * must be remembered under a key of its own, so that once the module
   * declares the target with a schema the call does not fit, it is
   * checked again. */
  MlirModule u = mlirModuleCreateParse(
      ctx, mlirStringRefCreateFromCString(
               "fx.schema \"t::j\" = \"j(Tensor self) -> Tensor\"\n"
               "func.func @u(%x: " T ") -> " T " {\n"
               "  %y = fx.call \"t::k\"(self = %x) : (" T ") -> " T "\n"
               "  return %y : " T "\n}\n"));
  expect(!mlirModuleIsNull(u), "the undeclared-target module parses");
  if (!mlirModuleIsNull(u)) {
    MlirOperation decl = mlirBlockGetFirstOperation(mlirModuleGetBody(u));
    MlirOperation call = nthOp(u, 0);
    expect(mlirLogicalResultIsSuccess(fxVerifyOpMemo(call, memo)) &&
               mlirLogicalResultIsSuccess(fxVerifyOpMemo(call, memo)),
           "a call of an undeclared target verifies, twice");
    mlirOperationSetAttributeByName(
        decl, mlirStringRefCreateFromCString("name"),
        mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("t::k")));
    mlirOperationSetAttributeByName(
        decl, mlirStringRefCreateFromCString("signature"),
        mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(
                                   "k(Tensor self, int n) -> Tensor")));
    errors = 0;
    expect(mlirLogicalResultIsFailure(fxVerifyOpMemo(call, memo)) && errors == 1,
           "t::k declared with a parameter it lacks, the call is rejected");
    mlirModuleDestroy(u);
  }
  // CHECK: a call of an undeclared target verifies, twice: ok
  // CHECK: t::k declared with a parameter it lacks, the call is rejected: ok

  /* Past the bound (65,536 signatures) the memo starts over: it never holds
   * more, and every op still verifies. */
  m = parse(ctx, 70000);
  int failed = verifyAll(m, memo);
  int held = fxVerifyMemoNumValid(memo);
  expect(failed == 0 && held > 0 && held <= 65536, "70000 more calls verify, the memo bounded");
  // CHECK: 70000 more calls verify, the memo bounded: ok
  mlirModuleDestroy(m);

  fxVerifyMemoDestroy(memo);
  mlirContextDestroy(ctx);
  mlirDialectRegistryDestroy(registry);

  /* The key holds the function's type, which declares the symbols its ops
   * may use: the same op in a function that does not declare "s0" is
   * checked again and rejected.  In a context without the func dialect
   * (func.func an unregistered op), too: there the function is found by
   * its name, as the checks themselves find it. */
  MlirDialectRegistry fxOnly = mlirDialectRegistryCreate();
  fxDialectRegistryInsert(fxOnly);
  MlirContext bare = mlirContextCreate();
  mlirContextAppendDialectRegistry(bare, fxOnly);
  mlirContextSetAllowUnregisteredDialects(bare, true);
  mlirContextAttachDiagnosticHandler(bare, countErrors, &errors, NULL);
  const char *fn =
      "\"func.func\"() ({\n"
      "^bb0(%%x: %s):\n"
      "  %%y = fx.call \"aten::empty\"() {size = [\"s0\"], dtype = f32} : () -> "
      "!fx.tensor<[\"s0\"], f32>\n"
      "  \"func.return\"(%%y) : (!fx.tensor<[\"s0\"], f32>) -> ()\n"
      "}) {function_type = (%s) -> !fx.tensor<[\"s0\"], f32>, sym_name = "
      "\"%s\"} : () -> ()\n";
  /* Both declare s0 when parsed (parsing verifies); then @b's type no
   * longer does. */
  char text[2048];
  const char *s0 = "!fx.tensor<[\"s0\"], f32>";
  int len = snprintf(text, sizeof text, fn, s0, s0, "a");
  snprintf(text + len, sizeof text - (size_t)len, fn, s0, s0, "b");
  MlirModule two = mlirModuleCreateParse(bare, mlirStringRefCreateFromCString(text));
  expect(!mlirModuleIsNull(two), "two unregistered func.func parse");
  if (!mlirModuleIsNull(two)) {
    FxVerifyMemo *bareMemo = fxVerifyMemoCreate();
    MlirOperation a = mlirBlockGetFirstOperation(mlirModuleGetBody(two));
    MlirOperation b = mlirOperationGetNextInBlock(a);
    mlirOperationSetAttributeByName(
        b, mlirStringRefCreateFromCString("function_type"),
        mlirAttributeParseGet(bare, mlirStringRefCreateFromCString(
                                        "(" T ") -> !fx.tensor<[\"s0\"], f32>")));
    MlirOperation inA = mlirBlockGetFirstOperation(
        mlirRegionGetFirstBlock(mlirOperationGetRegion(a, 0)));
    MlirOperation inB = mlirBlockGetFirstOperation(
        mlirRegionGetFirstBlock(mlirOperationGetRegion(b, 0)));
    expect(mlirLogicalResultIsSuccess(fxVerifyOpMemo(inA, bareMemo)),
           "in @a, which declares s0, the call verifies");
    errors = 0;
    expect(mlirLogicalResultIsFailure(fxVerifyOpMemo(inB, bareMemo)) &&
               errors == 1,
           "in @b, which does not, the same call is rejected");
    fxVerifyMemoDestroy(bareMemo);
    mlirModuleDestroy(two);
  }
  // CHECK: two unregistered func.func parse: ok
  // CHECK: in @a, which declares s0, the call verifies: ok
  // CHECK: in @b, which does not, the same call is rejected: ok
  mlirContextDestroy(bare);
  mlirDialectRegistryDestroy(fxOnly);
  printf("failures: %d\n", gFailures);
  // CHECK: failures: 0
  return gFailures != 0;
}
