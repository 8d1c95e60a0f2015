// RUN: fx-capi-dialect-test 2>&1 | FileCheck %s

/* dialect.c - tests the fx dialect C API (Fx.h): loading through the dialect
 * registry, types, op builders, reading call-like ops by schema name, the
 * schema table and the verifier.  Properties are printed one per line and
 * matched by the CHECK lines below; API results are checked in code with
 * EXPECT (named so FileCheck never mistakes it for a directive), which keeps
 * going after a failure and makes main return 1.  Diagnostics go to a handler
 * that prints them to stdout, so the output order is deterministic. */
#include "fxir/Fx.h"
#include "fxir/FxSchema.h"
#include "../../kernels/fxrt.h" /* constants only: no libfxrt link */

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <stdio.h>
#include <string.h>

/* The verifier's rank limit is the runtime's. */
_Static_assert(FX_MAX_RANK == FXRT_MAX_RANK, "FX_MAX_RANK != FXRT_MAX_RANK");

static int gPassed, gFailed;

#define EXPECT(cond)                                                           \
  ((cond) ? (void)gPassed++                                                    \
          : (void)(gFailed++, printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, \
                                     #cond)))

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool refEq(MlirStringRef a, const char *b) {
  return a.length == strlen(b) && !memcmp(a.data, b, a.length);
}

/*===-- Printing -------------------------------------------------------------===*/

static void printToStdout(MlirStringRef s, void *userData) {
  fwrite(s.data, 1, s.length, stdout);
  if (userData && s.length)
    *(char *)userData = s.data[s.length - 1];
}

typedef struct Buf {
  char s[1024];
  size_t n;
} Buf;

static void appendToBuf(MlirStringRef s, void *userData) {
  Buf *b = userData;
  size_t room = sizeof b->s - 1 - b->n;
  size_t k = s.length < room ? s.length : room;
  memcpy(b->s + b->n, s.data, k);
  b->n += k;
  b->s[b->n] = 0;
}

static Buf typeText(MlirType t) {
  Buf b = {{0}, 0};
  if (mlirTypeIsNull(t))
    appendToBuf(str("<null>"), &b);
  else
    mlirTypePrint(t, appendToBuf, &b);
  return b;
}

static Buf attrText(MlirAttribute a) {
  Buf b = {{0}, 0};
  if (mlirAttributeIsNull(a))
    appendToBuf(str("<null>"), &b);
  else
    mlirAttributePrint(a, appendToBuf, &b);
  return b;
}

/* Prints `op` and ends the line unless the printer did (modules do). */
static void printOp(MlirOperation op) {
  char last = 0;
  mlirOperationPrint(op, printToStdout, &last);
  if (last != '\n')
    printf("\n");
}

/*===-- Diagnostics ----------------------------------------------------------===*/

/* Every diagnostic is printed as `diag <severity> at <loc>: <message>`; the
 * last one is kept for checks in code. */
typedef struct Diags {
  int count;
  int errors;
  int remarks;
  MlirDiagnosticSeverity lastSeverity;
  Buf last;
} Diags;

static Diags gDiags;

static const char *severityName(MlirDiagnosticSeverity s) {
  switch (s) {
  case MlirDiagnosticError:
    return "error";
  case MlirDiagnosticWarning:
    return "warning";
  case MlirDiagnosticNote:
    return "note";
  case MlirDiagnosticRemark:
    return "remark";
  }
  return "?";
}

static MlirLogicalResult handleDiag(MlirDiagnostic d, void *userData) {
  Diags *diags = userData;
  MlirDiagnosticSeverity sev = mlirDiagnosticGetSeverity(d);
  diags->count++;
  diags->errors += sev == MlirDiagnosticError;
  diags->remarks += sev == MlirDiagnosticRemark;
  diags->lastSeverity = sev;
  diags->last = (Buf){{0}, 0};
  mlirDiagnosticPrint(d, appendToBuf, &diags->last);
  printf("diag %s at ", severityName(sev));
  mlirLocationPrint(mlirDiagnosticGetLocation(d), printToStdout, NULL);
  printf(": %s\n", diags->last.s);
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(d); i < n; ++i) {
    Buf note = {{0}, 0};
    mlirDiagnosticPrint(mlirDiagnosticGetNote(d, i), appendToBuf, &note);
    printf("  note: %s\n", note.s);
  }
  return mlirLogicalResultSuccess();
}

/*===-- Setup ----------------------------------------------------------------===*/

static MlirContext createContext(MlirDialectRegistry registry) {
  MlirContext ctx = mlirContextCreate();
  if (!mlirDialectRegistryIsNull(registry))
    mlirContextAppendDialectRegistry(ctx, registry);
  mlirContextAttachDiagnosticHandler(ctx, handleDiag, &gDiags, NULL);
  return ctx;
}

static MlirModule parse(MlirContext ctx, const char *text) {
  MlirModule m = mlirModuleCreateParse(ctx, str(text));
  EXPECT(!mlirModuleIsNull(m));
  return m;
}

static MlirOperation findOp(MlirBlock block, const char *name) {
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (refEq(mlirIdentifierStr(mlirOperationGetName(op)), name))
      return op;
  return (MlirOperation){NULL};
}

static MlirOperation firstFunc(MlirModule m) {
  MlirOperation f = findOp(mlirModuleGetBody(m), "func.func");
  EXPECT(!mlirOperationIsNull(f));
  return f;
}

static MlirBlock entryBlock(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

/* Inserts a detached op before the terminator of `block`. */
static MlirOperation insert(MlirBlock block, MlirOperation op) {
  EXPECT(!mlirOperationIsNull(op));
  if (!mlirOperationIsNull(op))
    mlirBlockInsertOwnedOperationBefore(block, mlirBlockGetTerminator(block),
                                        op);
  return op;
}

static MlirAttribute i64(MlirContext ctx, int64_t v) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v);
}

static MlirAttribute symAttr(MlirContext ctx, const char *s) {
  return mlirStringAttrGet(ctx, str(s));
}

static MlirAttribute epsilonArgs(MlirContext ctx) {
  MlirNamedAttribute eps = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, str("epsilon")),
      mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx), 1e-6));
  return mlirDictionaryAttrGet(ctx, 1, &eps);
}

static MlirLocation loc(MlirContext ctx, unsigned line) {
  return mlirLocationFileLineColGet(ctx, str("built.mlir"), line, 1);
}

/*===-- 1. Loading -------------------------------------------------------------===*/

static void testLoading(MlirDialectRegistry registry) {
  /* A file whose first op is an fx op: the parser asks the registry for
   * "fx" and the allocator loads the IRDL definition. */
  MlirContext ctx = createContext(registry);
  EXPECT(!mlirContextIsRegisteredOperation(ctx, str("fx.call")));
  intptr_t before = mlirContextGetNumLoadedDialects(ctx);
  MlirModule m = parse(ctx, "fx.schema \"t::f\" = \"f(Tensor! out) -> ()\"");
  bool loaded = mlirContextIsRegisteredOperation(ctx, str("fx.call"));
  EXPECT(loaded);
  intptr_t after = mlirContextGetNumLoadedDialects(ctx);
  EXPECT(after > before);
  printf("load by parse: fx.call registered %d\n", loaded);
  // CHECK-LABEL: load by parse: fx.call registered 1

  MlirDialect d1 = fxContextLoadDialect(ctx);
  MlirDialect d2 = fxContextLoadDialect(ctx);
  EXPECT(!mlirDialectIsNull(d1) && mlirDialectEqual(d1, d2));
  EXPECT(mlirDialectEqual(d1, mlirContextGetOrLoadDialect(ctx, str("fx"))));
  EXPECT(mlirContextGetNumLoadedDialects(ctx) == after);
  printf("load again: namespace %.*s, same dialect %d\n",
         (int)mlirDialectGetNamespace(d1).length,
         mlirDialectGetNamespace(d1).data, mlirDialectEqual(d1, d2));
  // CHECK-NEXT: load again: namespace fx, same dialect 1
  /* The parsed op went through the C verifier (installed on load). */
  MlirOperation schema = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  EXPECT(fxOpGetKind(schema) == FX_OP_SCHEMA);
  EXPECT(mlirOperationVerify(mlirModuleGetOperation(m)));
  mlirModuleDestroy(m);
  mlirContextDestroy(ctx);

  /* Asking the context for "fx" by name goes through the same allocator. */
  ctx = createContext(registry);
  MlirDialect byName = mlirContextGetOrLoadDialect(ctx, str("fx"));
  EXPECT(!mlirDialectIsNull(byName));
  EXPECT(mlirContextIsRegisteredOperation(ctx, str("fx.slice")));
  EXPECT(mlirDialectEqual(byName, fxContextLoadDialect(ctx)));
  printf("load by name: %d\n", !mlirDialectIsNull(byName));
  // CHECK-NEXT: load by name: 1
  mlirContextDestroy(ctx);

  /* Without the registry, fxContextLoadDialect loads irdl and fx itself. */
  ctx = createContext((MlirDialectRegistry){NULL});
  MlirDialect direct = fxContextLoadDialect(ctx);
  EXPECT(!mlirDialectIsNull(direct));
  EXPECT(mlirDialectEqual(direct, fxContextLoadDialect(ctx)));
  FxDim dim = {8, {NULL, 0}};
  MlirType t = fxTensorTypeGet(ctx, 1, &dim, mlirF32TypeGet(ctx));
  EXPECT(fxTypeIsATensor(t));
  printf("load without registry: %d %s\n", !mlirDialectIsNull(direct),
         typeText(t).s);
  // CHECK-NEXT: load without registry: 1 !fx.tensor<[8], f32>
  mlirContextDestroy(ctx);
  EXPECT(gDiags.count == 0);
}

/*===-- 2. Types ---------------------------------------------------------------===*/

static void showTensor(const char *label, MlirType t) {
  printf("type %s: %s", label, typeText(t).s);
  if (fxTypeIsATensor(t)) {
    intptr_t rank = fxTensorTypeGetRank(t);
    printf(" rank %d dims [", (int)rank);
    for (intptr_t i = 0; i < rank; ++i) {
      FxDim d = fxTensorTypeGetDim(t, i);
      if (d.symbol.length)
        printf("%s%.*s(%lld)", i ? " " : "", (int)d.symbol.length,
               d.symbol.data, (long long)d.size);
      else
        printf("%s%lld", i ? " " : "", (long long)d.size);
    }
    printf("] dtype %s", typeText(fxTensorTypeGetDtype(t)).s);
  }
  printf("\n");
}

/* Builds a tensor type and checks that its dims and dtype read back. */
static MlirType tensor(MlirContext ctx, const char *label, intptr_t rank,
                       const FxDim *dims, MlirType dtype) {
  MlirType t = fxTensorTypeGet(ctx, rank, dims, dtype);
  EXPECT(!mlirTypeIsNull(t) && fxTypeIsATensor(t) && !fxTypeIsASym(t));
  if (mlirTypeIsNull(t))
    return t;
  EXPECT(fxTensorTypeGetRank(t) == rank);
  for (intptr_t i = 0; i < rank; ++i) {
    FxDim d = fxTensorTypeGetDim(t, i);
    EXPECT(fxDimEqual(d, dims[i]));
    EXPECT(d.symbol.length ? d.size == -1 : d.size == dims[i].size);
  }
  EXPECT(mlirTypeEqual(fxTensorTypeGetDtype(t), dtype));
  /* Uniqued: building it again gives the same type. */
  EXPECT(mlirTypeEqual(t, fxTensorTypeGet(ctx, rank, dims, dtype)));
  showTensor(label, t);
  return t;
}

#define SYM(s) {-1, {s, sizeof s - 1}}
#define INT(n) {n, {NULL, 0}}

/* The dtype rows (kernels/fx_dtypes.def): each row's MLIR type prints as
 * its name, maps back to its own row, and the runtime's enum agrees. */
static void testDtypes(MlirContext ctx) {
  EXPECT(fxDtypeGetNumInfos() == FX_DTYPE_COUNT);
  for (int code = 0; code < fxDtypeGetNumInfos(); ++code) {
    const FxDtypeInfo *d = fxDtypeGetInfo(code);
    MlirType t = fxDtypeGetType(ctx, code);
    EXPECT(d && d->code == code && fxDtypeInfo(t) == d);
    EXPECT(!strcmp(typeText(t).s, d->name));
    EXPECT(fxDtypeGetBytes(t) == d->bytes);
    printf("dtype %d: %s abbr %s torch %s npy %s bytes %d\n", code, d->name,
           d->abbr, d->torch, d->npy, (int)d->bytes);
  }
  EXPECT(!fxDtypeGetInfo(-1) && !fxDtypeGetInfo(FX_DTYPE_COUNT));
  EXPECT(mlirTypeIsNull(fxDtypeGetType(ctx, FX_DTYPE_COUNT)));
  /* Types !fx.tensor does not allow: f8E4M3FNUZ, signless i16's unsigned
   * and signed cousins other than ui8, a bare f4E2M1FN, a vector of 4. */
  int64_t four = 4;
  EXPECT(!fxDtypeInfo(mlirFloat8E4M3FNUZTypeGet(ctx)) &&
         !fxDtypeInfo(mlirIntegerTypeSignedGet(ctx, 16)) &&
         !fxDtypeInfo(mlirIntegerTypeUnsignedGet(ctx, 16)) &&
         !fxDtypeInfo(mlirFloat4E2M1FNTypeGet(ctx)) &&
         !fxDtypeInfo(mlirVectorTypeGet(1, &four, mlirFloat4E2M1FNTypeGet(ctx))) &&
         !fxDtypeInfo((MlirType){NULL}));
  EXPECT(fxDtypeGetInfo(FX_DTYPE_F4E2M1FNX2)->packed &&
         !fxDtypeGetInfo(FX_DTYPE_F8E5M2)->packed &&
         fxDtypeGetInfo(FX_DTYPE_F8E8M0FNU)->float8 &&
         fxDtypeGetInfo(FX_DTYPE_UI8)->category == FX_CATEGORY_INT);
  // CHECK-LABEL: dtype 0: f32 abbr f32 torch float32 npy <f4 bytes 4
  // CHECK-NEXT: dtype 1: f16 abbr f16 torch float16 npy <f2 bytes 2
  // CHECK-NEXT: dtype 2: bf16 abbr bf16 torch bfloat16 npy <u2 bytes 2
  // CHECK-NEXT: dtype 3: f8E4M3FN abbr f8e4m3fn torch float8_e4m3fn npy |u1 bytes 1
  // CHECK-NEXT: dtype 4: i8 abbr i8 torch int8 npy |i1 bytes 1
  // CHECK-NEXT: dtype 5: i32 abbr i32 torch int32 npy <i4 bytes 4
  // CHECK-NEXT: dtype 6: i64 abbr i64 torch int64 npy <i8 bytes 8
  // CHECK-NEXT: dtype 7: i1 abbr b8 torch bool npy |b1 bytes 1
  // CHECK-NEXT: dtype 8: f64 abbr f64 torch float64 npy <f8 bytes 8
  // CHECK-NEXT: dtype 9: i16 abbr i16 torch int16 npy <i2 bytes 2
  // CHECK-NEXT: dtype 10: ui8 abbr u8 torch uint8 npy |u1 bytes 1
  // CHECK-NEXT: dtype 11: f8E5M2 abbr f8e5m2 torch float8_e5m2 npy |u1 bytes 1
  // CHECK-NEXT: dtype 12: f8E8M0FNU abbr f8e8m0fnu torch float8_e8m0fnu npy |u1 bytes 1
  // CHECK-NEXT: dtype 13: vector<2xf4E2M1FN> abbr f4e2m1fnx2 torch float4_e2m1fn_x2 npy |u1 bytes 1
  char all[512], floats[256];
  fxDtypeListNames(all, sizeof all, NULL, "and");
  printf("dtype names: %s\n", all);
  // CHECK-NEXT: dtype names: f32, f16, bf16, f8E4M3FN, i8, i32, i64, i1, f64, i16, ui8, f8E5M2, f8E8M0FNU and vector<2xf4E2M1FN>
  fxDtypeListNames(floats, 12, NULL, "and");
  printf("dtype names, truncated: %s\n", floats);
  // CHECK-NEXT: dtype names, truncated: f32, f16, b
}

static void testTypes(MlirContext ctx) {
  MlirType f16 = mlirF16TypeGet(ctx), bf16 = mlirBF16TypeGet(ctx);
  MlirType f8 = mlirFloat8E4M3FNTypeGet(ctx), i8 = mlirIntegerTypeGet(ctx, 8);
  MlirType f32 = mlirF32TypeGet(ctx), f64 = mlirF64TypeGet(ctx);

  FxDim act[] = {SYM("s0"), INT(4096)};
  MlirType a = tensor(ctx, "act", 2, act, f16);
  // CHECK-LABEL: type act: !fx.tensor<["s0", 4096], f16> rank 2 dims [s0(-1) 4096] dtype f16
  FxDim weight[] = {INT(4096)};
  tensor(ctx, "weight", 1, weight, bf16);
  // CHECK-NEXT: type weight: !fx.tensor<[4096], bf16> rank 1 dims [4096] dtype bf16
  MlirType q = tensor(ctx, "quant", 2, act, f8);
  // CHECK-NEXT: type quant: !fx.tensor<["s0", 4096], f8E4M3FN> rank 2 dims [s0(-1) 4096] dtype f8E4M3FN
  MlirType scalar = tensor(ctx, "scalar", 0, NULL, f32);
  // CHECK-NEXT: type scalar: !fx.tensor<[], f32> rank 0 dims [] dtype f32
  FxDim mixed[] = {INT(2), INT(0), SYM("s1")};
  tensor(ctx, "mixed", 3, mixed, i8);
  // CHECK-NEXT: type mixed: !fx.tensor<[2, 0, "s1"], i8> rank 3 dims [2 0 s1(-1)] dtype i8
  /* More dims than fxTensorTypeGet keeps on its stack. */
  FxDim wide[] = {INT(1), INT(2), INT(3), SYM("s0"), INT(5),
                  INT(6), INT(7), INT(8), SYM("s1"), INT(10)};
  tensor(ctx, "wide", 10, wide, f16);
  // CHECK-NEXT: type wide: !fx.tensor<[1, 2, 3, "s0", 5, 6, 7, 8, "s1", 10], f16> rank 10 dims [1 2 3 s0(-1) 5 6 7 8 s1(-1) 10] dtype f16

  /* Bytes per element: one per dtype !fx.tensor allows, 0 otherwise. */
  MlirType i1 = mlirIntegerTypeGet(ctx, 1), i32 = mlirIntegerTypeGet(ctx, 32);
  MlirType i64t = mlirIntegerTypeGet(ctx, 64);
  EXPECT(fxDtypeGetBytes(f32) == 4 && fxDtypeGetBytes(f16) == 2 &&
         fxDtypeGetBytes(bf16) == 2 && fxDtypeGetBytes(f8) == 1 &&
         fxDtypeGetBytes(i8) == 1 && fxDtypeGetBytes(i32) == 4 &&
         fxDtypeGetBytes(i64t) == 8 && fxDtypeGetBytes(i1) == 1);
  EXPECT(fxDtypeGetBytes(f64) == 8 && fxDtypeGetBytes(mlirIntegerTypeGet(ctx, 16)) == 2 &&
         fxDtypeGetBytes(mlirIntegerTypeUnsignedGet(ctx, 8)) == 1 &&
         fxDtypeGetBytes(fxDtypeGetType(ctx, FX_DTYPE_F4E2M1FNX2)) == 1);
  EXPECT(fxDtypeGetBytes(mlirFloat8E4M3FNUZTypeGet(ctx)) == 0 &&
         fxDtypeGetBytes(mlirIntegerTypeGet(ctx, 16 * 2 + 1)) == 0 &&
         fxDtypeGetBytes(mlirIntegerTypeSignedGet(ctx, 8)) == 0 &&
         fxDtypeGetBytes((MlirType){NULL}) == 0);

  /* Equal types are the same object; different dtype or dims are not. */
  FxDim act2[] = {SYM("s0"), INT(4096)};
  EXPECT(mlirTypeEqual(a, fxTensorTypeGet(ctx, 2, act2, f16)));
  EXPECT(!mlirTypeEqual(a, q));
  FxDim other[] = {SYM("s1"), INT(4096)};
  EXPECT(!mlirTypeEqual(a, fxTensorTypeGet(ctx, 2, other, f16)));
  EXPECT(mlirTypeEqual(a, mlirTypeParseGet(
                              ctx, str("!fx.tensor<[\"s0\", 4096], f16>"))));

  /* Dims compare by integer or symbol, never across. */
  FxDim s0 = SYM("s0"), s0b = {7, {"s0x", 2}}, s1 = SYM("s1");
  FxDim n4 = INT(4), n4b = INT(4), n5 = INT(5), neg = INT(-1);
  printf("dim equal: int %d, sym %d, int-sym %d, sym-int %d, syms %d, ints "
         "%d, -1-sym %d\n",
         fxDimEqual(n4, n4b), fxDimEqual(s0, s0b), fxDimEqual(n4, s0),
         fxDimEqual(s0, n4), fxDimEqual(s0, s1), fxDimEqual(n4, n5),
         fxDimEqual(neg, s0));
  // CHECK-NEXT: dim equal: int 1, sym 1, int-sym 0, sym-int 0, syms 0, ints 0, -1-sym 0
  EXPECT(fxDimEqual(n4, n4b) && fxDimEqual(s0, s0b) && !fxDimEqual(n4, s0) &&
         !fxDimEqual(s0, n4) && !fxDimEqual(s0, s1) && !fxDimEqual(n4, n5) &&
         !fxDimEqual(neg, s0));

  /* !fx.sym */
  MlirType sym = fxSymTypeGet(ctx, str("s2"));
  MlirStringRef symName = fxSymTypeGetName(sym);
  EXPECT(fxTypeIsASym(sym) && !fxTypeIsATensor(sym));
  EXPECT(refEq(symName, "s2"));
  EXPECT(mlirTypeEqual(sym, fxSymTypeGet(ctx, str("s2"))));
  EXPECT(!mlirTypeEqual(sym, fxSymTypeGet(ctx, str("s3"))));
  printf("type sym: %s name %.*s\n", typeText(sym).s, (int)symName.length,
         symName.data);
  // CHECK-NEXT: type sym: !fx.sym<"s2"> name s2

  /* Classification of fx and non-fx types. */
  int64_t shape[] = {4};
  MlirType builtin =
      mlirRankedTensorTypeGet(1, shape, f32, mlirAttributeGetNull());
  MlirType types[] = {a, scalar, sym, f32, builtin, {NULL}};
  const char *names[] = {"act", "scalar", "sym", "f32", "tensor<4xf32>",
                         "null"};
  for (int i = 0; i < 6; ++i)
    printf("isa %s: tensor %d sym %d\n", names[i], fxTypeIsATensor(types[i]),
           fxTypeIsASym(types[i]));
  // CHECK-NEXT: isa act: tensor 1 sym 0
  // CHECK-NEXT: isa scalar: tensor 1 sym 0
  // CHECK-NEXT: isa sym: tensor 0 sym 1
  // CHECK-NEXT: isa f32: tensor 0 sym 0
  // CHECK-NEXT: isa tensor<4xf32>: tensor 0 sym 0
  // CHECK-NEXT: isa null: tensor 0 sym 0
  EXPECT(fxTypeIsATensor(a) && fxTypeIsATensor(scalar) && !fxTypeIsASym(a));
  EXPECT(!fxTypeIsATensor(f32) && !fxTypeIsASym(f32));
  EXPECT(!fxTypeIsATensor(builtin) && !fxTypeIsASym(builtin));
  EXPECT(mlirStringRefEqual(fxSymTypeGetName(a), (MlirStringRef){NULL, 0}));
  EXPECT(fxSymTypeGetName(f32).length == 0);
  /* Tensor readers on other types: rank 0, null dtype. */
  EXPECT(fxTensorTypeGetRank(f32) == 0);
  EXPECT(fxTensorTypeGetRank(sym) == 0);
  EXPECT(fxTensorTypeGetRank(builtin) == 0);
  EXPECT(mlirTypeIsNull(fxTensorTypeGetDtype(f32)));
  EXPECT(mlirTypeIsNull(fxTensorTypeGetDtype(sym)));
  EXPECT(mlirTypeIsNull(fxTensorTypeGetDtype(builtin)));

  /* The dynamic-type layer underneath. */
  EXPECT(fxDynamicTypeIsA(a, str("fx"), str("tensor")));
  EXPECT(!fxDynamicTypeIsA(a, str("fx"), str("sym")));
  EXPECT(!fxDynamicTypeIsA(f32, str("fx"), str("tensor")));
  EXPECT(fxDynamicTypeGetNumParams(a) == 2);
  EXPECT(fxDynamicTypeGetNumParams(sym) == 1);
  EXPECT(fxDynamicTypeGetNumParams(f32) == 0);
  EXPECT(mlirAttributeIsNull(fxDynamicTypeGetParam(a, 2)));
  EXPECT(mlirAttributeIsNull(fxDynamicTypeGetParam(a, -1)));
  EXPECT(mlirTypeIsNull(fxDynamicTypeGet(ctx, str("nodialect"), str("t"), 0,
                                         NULL)));
  EXPECT(mlirTypeIsNull(fxDynamicTypeGet(ctx, str("fx"), str("nosuch"), 0,
                                         NULL)));
  /* IRDL only knows "an array": a dim that is neither i64 nor a string can
   * be built underneath (the C verifier rejects it) and reads as -2. */
  MlirAttribute oddDims[] = {
      mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 32), 3),
      mlirFloatAttrDoubleGet(ctx, f32, 1.0), i64(ctx, 5)};
  MlirAttribute oddParams[] = {mlirArrayAttrGet(ctx, 3, oddDims),
                               mlirTypeAttrGet(f16)};
  MlirType odd = fxDynamicTypeGet(ctx, str("fx"), str("tensor"), 2, oddParams);
  EXPECT(fxTypeIsATensor(odd) && fxTensorTypeGetRank(odd) == 3);
  showTensor("odd", odd);
  // CHECK-NEXT: type odd: !fx.tensor<[3 : i32, 1.000000e+00 : f32, 5], f16> rank 3 dims [-2 -2 5] dtype f16
  EXPECT(fxTensorTypeGetDim(odd, 0).size == -2 &&
         fxTensorTypeGetDim(odd, 1).size == -2 &&
         fxTensorTypeGetDim(odd, 2).size == 5);
  EXPECT(gDiags.count == 0);

  /* Invalid inputs give a null type.  A negative size is rejected before
   * MLIR sees it; a dtype the IRDL does not allow is rejected by getChecked,
   * which emits a diagnostic. */
  FxDim bad[] = {SYM("s0"), INT(-3)};
  MlirType t = fxTensorTypeGet(ctx, 2, bad, f16);
  printf("invalid negative size: %s, %d diagnostics\n", typeText(t).s,
         gDiags.count);
  // CHECK-NEXT: invalid negative size: <null>, 0 diagnostics
  EXPECT(mlirTypeIsNull(t) && gDiags.count == 0);
  FxDim emptySym[] = {INT(-1)};
  EXPECT(mlirTypeIsNull(fxTensorTypeGet(ctx, 1, emptySym, f16)));
  EXPECT(mlirTypeIsNull(fxTensorTypeGet(ctx, 2, act, (MlirType){NULL})));
  EXPECT(mlirTypeIsNull(fxTensorTypeGet(ctx, -1, act, f16)));
  EXPECT(gDiags.count == 0);

  /* torch's float8_e4m3fnuz: a dtype fxir still lacks. */
  t = fxTensorTypeGet(ctx, 2, act, mlirFloat8E4M3FNUZTypeGet(ctx));
  // CHECK-NEXT: diag error at loc(unknown): 'f8E4M3FNUZ' does not satisfy the constraint
  printf("invalid dtype f8E4M3FNUZ: %s, %d diagnostics\n", typeText(t).s,
         gDiags.count);
  // CHECK-NEXT: invalid dtype f8E4M3FNUZ: <null>, 1 diagnostics
  EXPECT(mlirTypeIsNull(t) && gDiags.count == 1 && gDiags.errors == 1);
  gDiags = (Diags){0};
}

/*===-- 3. Building ops --------------------------------------------------------===*/

static const char *kBuildModule =
    "func.func @build(%x: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "                 %res: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "                 %w: !fx.tensor<[4096], f16>,\n"
    "                 %qkv: !fx.tensor<[\"s0\", 6144], f16>,\n"
    "                 %pos: !fx.tensor<[256, 64], f32>, %n: !fx.sym<\"s1\">) {\n"
    "  return\n"
    "}\n";

static void testBuild(MlirContext ctx) {
  MlirModule m = parse(ctx, kBuildModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  MlirValue x = mlirBlockGetArgument(body, 0);
  MlirValue res = mlirBlockGetArgument(body, 1);
  MlirValue w = mlirBlockGetArgument(body, 2);
  MlirValue qkv = mlirBlockGetArgument(body, 3);
  MlirValue pos = mlirBlockGetArgument(body, 4);
  MlirType act = mlirValueGetType(x);
  MlirType f16 = mlirF16TypeGet(ctx);

  /* fx.schema goes at module level, before the function. */
  MlirOperation schema = fxSchemaOpCreate(
      loc(ctx, 1), str("mylib::bar"), str("bar(Tensor! out, Tensor x) -> ()"));
  EXPECT(!mlirOperationIsNull(schema));
  mlirBlockInsertOwnedOperationBefore(mlirModuleGetBody(m), func, schema);

  FxDim heads[] = {SYM("s0"), INT(128), INT(32)};
  MlirType headsT = fxTensorTypeGet(ctx, 3, heads, f16);
  MlirAttribute shape1[] = {i64(ctx, -1), i64(ctx, 128), i64(ctx, 32)};
  MlirOperation reshape = insert(
      body, fxReshapeOpCreate(loc(ctx, 2), FX_OP_RESHAPE, x, headsT,
                              mlirArrayAttrGet(ctx, 3, shape1)));
  MlirAttribute shape2[] = {symAttr(ctx, "s0"), i64(ctx, 4096)};
  MlirOperation view = insert(
      body, fxReshapeOpCreate(loc(ctx, 3), FX_OP_VIEW,
                              mlirOperationGetResult(reshape, 0), act,
                              mlirArrayAttrGet(ctx, 2, shape2)));
  MlirOperation slice = insert(
      body, fxSliceOpCreate(loc(ctx, 4), qkv, act, -1, i64(ctx, 0),
                            i64(ctx, 4096), 1));
  FxDim posDims[] = {SYM("s1"), INT(64)};
  MlirOperation slicePos = insert(
      body, fxSliceOpCreate(loc(ctx, 5), pos,
                            fxTensorTypeGet(ctx, 2, posDims,
                                            mlirF32TypeGet(ctx)),
                            0, i64(ctx, 0), symAttr(ctx, "s1"), 1));
  MlirOperation scatter = insert(
      body, fxSliceScatterOpCreate(loc(ctx, 6), qkv,
                                   mlirOperationGetResult(slice, 0), 1,
                                   i64(ctx, 0), i64(ctx, 4096), 1));
  MlirStringRef selfName = str("self");
  /* An op verified before it is inserted (mlirOperationVerify checks any
   * op) is in no block: the hook finds no op before it, and reads none
   * (adversary round 26: a segfault). */
  MlirOperation loose =
      fxCallOpCreate(loc(ctx, 7), FX_OP_CALL, str("aten::empty_like"), 1, &x,
                     &selfName, mlirAttributeGetNull(), 1, &act);
  EXPECT(!mlirOperationIsNull(loose) && mlirOperationVerify(loose));
  if (!mlirOperationIsNull(loose))
    mlirOperationDestroy(loose);
  MlirOperation empty = insert(
      body, fxCallOpCreate(loc(ctx, 7), FX_OP_CALL, str("aten::empty_like"), 1,
                           &x, &selfName, mlirAttributeGetNull(), 1, &act));
  MlirValue afOperands[] = {x, res, w};
  MlirStringRef afNames[] = {str("input"), str("residual"), str("weight")};
  MlirType afResults[] = {act, act};
  MlirOperation af = insert(
      body, fxCallOpCreate(loc(ctx, 8), FX_OP_AUTO_FUNCTIONALIZED,
                           str("_C::fused_add_rms_norm"), 3, afOperands,
                           afNames, epsilonArgs(ctx), 2, afResults));
  MlirValue barOperands[] = {mlirOperationGetResult(empty, 0), x};
  MlirStringRef barNames[] = {str("out"), str("x")};
  MlirOperation bar = insert(
      body, fxCallOpCreate(loc(ctx, 9), FX_OP_AUTO_FUNCTIONALIZED,
                           str("mylib::bar"), 2, barOperands, barNames,
                           mlirAttributeGetNull(), 1, &act));

  MlirOperation module = mlirModuleGetOperation(m);
  bool ok = mlirOperationVerify(module);
  EXPECT(ok);
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, NULL)));
  printf("built module verifies: %d\n", ok);
  // CHECK-LABEL: built module verifies: 1
  printOp(module);
  // CHECK-NEXT: module {
  // CHECK-NEXT:   fx.schema "mylib::bar" = "bar(Tensor! out, Tensor x) -> ()"
  // CHECK-NEXT:   func.func @build(%[[X:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[RES:[^:]*]]: !fx.tensor<["s0", 4096], f16>, %[[W:[^:]*]]: !fx.tensor<[4096], f16>, %[[QKV:[^:]*]]: !fx.tensor<["s0", 6144], f16>, %[[POS:[^:]*]]: !fx.tensor<[256, 64], f32>, %{{[^:]*}}: !fx.sym<"s1">) {
  // CHECK-NEXT:     %[[R:.*]] = fx.reshape %[[X]], shape = [-1, 128, 32] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 128, 32], f16>
  // CHECK-NEXT:     fx.view %[[R]], shape = ["s0", 4096] : !fx.tensor<["s0", 128, 32], f16> -> !fx.tensor<["s0", 4096], f16>
  // CHECK-NEXT:     %[[S:.*]] = fx.slice %[[QKV]], dim = -1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  // CHECK-NEXT:     fx.slice %[[POS]], dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<[256, 64], f32> -> !fx.tensor<["s1", 64], f32>
  // CHECK-NEXT:     fx.slice_scatter %[[QKV]], %[[S]], dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  // CHECK-NEXT:     %[[E:.*]] = fx.call "aten::empty_like"(self = %[[X]]) : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // CHECK-NEXT:     fx.auto_functionalized "_C::fused_add_rms_norm"(input = %[[X]], residual = %[[RES]], weight = %[[W]]) {epsilon = 9.9999999999999995E-7 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  // CHECK-NEXT:     fx.auto_functionalized "mylib::bar"(out = %[[E]], x = %[[X]]) : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // CHECK-NEXT:     return
  // CHECK-NEXT:   }
  // CHECK-NEXT: }

  /* Kinds. */
  MlirOperation ops[] = {reshape, view, slice, slicePos, scatter,
                         empty, af, bar, schema, func};
  for (size_t i = 0; i < sizeof ops / sizeof *ops; ++i) {
    FxOpKind kind = fxOpGetKind(ops[i]);
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(ops[i]));
    printf("kind %.*s: %d %s\n", (int)name.length, name.data, (int)kind,
           fxOpKindName(kind));
    EXPECT(kind == FX_OP_NONE ? !strcmp(fxOpKindName(kind), "")
                              : refEq(name, fxOpKindName(kind)));
  }
  // CHECK-NEXT: kind fx.reshape: 0 fx.reshape
  // CHECK-NEXT: kind fx.view: 1 fx.view
  // CHECK-NEXT: kind fx.slice: 2 fx.slice
  // CHECK-NEXT: kind fx.slice: 2 fx.slice
  // CHECK-NEXT: kind fx.slice_scatter: 3 fx.slice_scatter
  // CHECK-NEXT: kind fx.call: 5 fx.call
  // CHECK-NEXT: kind fx.auto_functionalized: 4 fx.auto_functionalized
  // CHECK-NEXT: kind fx.auto_functionalized: 4 fx.auto_functionalized
  // CHECK-NEXT: kind fx.schema: 6 fx.schema
  // CHECK-NEXT: kind func.func: -1 {{$}}
  EXPECT(fxOpGetKind(mlirBlockGetTerminator(body)) == FX_OP_NONE);
  EXPECT(fxOpGetKind(module) == FX_OP_NONE);
  /* An unregistered op in the fx namespace is no kind. */
  MlirOperationState bogusState =
      mlirOperationStateGet(str("fx.bogus"), loc(ctx, 15));
  MlirOperation bogus = mlirOperationCreate(&bogusState);
  EXPECT(!mlirOperationIsNull(bogus) && fxOpGetKind(bogus) == FX_OP_NONE);
  if (!mlirOperationIsNull(bogus))
    mlirOperationDestroy(bogus);
  EXPECT(!strcmp(fxOpKindName(FX_OP_NUM_KINDS), ""));
  EXPECT(!strcmp(fxOpKindName((FxOpKind)-7), ""));

  /* The builders reject what the op cannot hold. */
  MlirValue many[FX_MAX_OPERANDS + 1];
  MlirStringRef manyNames[FX_MAX_OPERANDS + 1];
  MlirType manyTypes[FX_MAX_RESULTS + 1];
  for (int i = 0; i <= FX_MAX_OPERANDS; ++i) {
    many[i] = x;
    manyNames[i] = str("x");
  }
  for (int i = 0; i <= FX_MAX_RESULTS; ++i)
    manyTypes[i] = act;
  MlirOperation tooManyOperands =
      fxCallOpCreate(loc(ctx, 10), FX_OP_CALL, str("user::opaque"),
                     FX_MAX_OPERANDS + 1, many, manyNames,
                     mlirAttributeGetNull(), 0, NULL);
  MlirOperation tooManyResults =
      fxCallOpCreate(loc(ctx, 11), FX_OP_CALL, str("user::opaque"), 1, many,
                     manyNames, mlirAttributeGetNull(), FX_MAX_RESULTS + 1,
                     manyTypes);
  MlirOperation wrongKind =
      fxCallOpCreate(loc(ctx, 12), FX_OP_RESHAPE, str("user::opaque"), 1, many,
                     manyNames, mlirAttributeGetNull(), 0, NULL);
  MlirOperation wrongReshapeKind = fxReshapeOpCreate(
      loc(ctx, 13), FX_OP_SLICE, x, act, mlirArrayAttrGet(ctx, 2, shape2));
  printf("rejected: 17 operands %d, 9 results %d, call kind %d, reshape kind "
         "%d\n",
         mlirOperationIsNull(tooManyOperands),
         mlirOperationIsNull(tooManyResults), mlirOperationIsNull(wrongKind),
         mlirOperationIsNull(wrongReshapeKind));
  // CHECK-NEXT: rejected: 17 operands 1, 9 results 1, call kind 1, reshape kind 1
  EXPECT(mlirOperationIsNull(tooManyOperands));
  EXPECT(mlirOperationIsNull(tooManyResults));
  EXPECT(mlirOperationIsNull(wrongKind));
  EXPECT(mlirOperationIsNull(wrongReshapeKind));

  /* The limits themselves are accepted: 16 operands, 8 results. */
  MlirOperation full = fxCallOpCreate(
      loc(ctx, 14), FX_OP_CALL, str("user::opaque"), FX_MAX_OPERANDS, many,
      manyNames, mlirAttributeGetNull(), FX_MAX_RESULTS, manyTypes);
  EXPECT(!mlirOperationIsNull(full));
  if (!mlirOperationIsNull(full)) {
    EXPECT(mlirOperationGetNumOperands(full) == FX_MAX_OPERANDS);
    EXPECT(mlirOperationGetNumResults(full) == FX_MAX_RESULTS);
    mlirOperationDestroy(full); /* detached: owned by us */
  }
  EXPECT(gDiags.count == 0);
  mlirModuleDestroy(m);
}

/*===-- 4. Reading by schema name ------------------------------------------------===*/

static const char *kReadModule =
    "func.func @read(%x: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "                %res: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "                %w: !fx.tensor<[4096], f16>,\n"
    "                %q: !fx.tensor<[\"s0\", 4096], f8E4M3FN>,\n"
    "                %scale: !fx.tensor<[\"s0\", 1], f32>) {\n"
    "  %0:2 = fx.auto_functionalized \"_C::fused_add_rms_norm\"(input = %x,\n"
    "      residual = %res, weight = %w) {epsilon = 1.0e-06 : f64}\n"
    "    : (!fx.tensor<[\"s0\", 4096], f16>, !fx.tensor<[\"s0\", 4096], f16>, "
    "!fx.tensor<[4096], f16>)\n"
    "   -> (!fx.tensor<[\"s0\", 4096], f16>, !fx.tensor<[\"s0\", 4096], f16>)\n"
    "  %1:2 = fx.auto_functionalized "
    "\"_C::rms_norm_dynamic_per_token_quant\"(\n"
    "      result = %q, input = %x, weight = %w, scale = %scale)\n"
    "      {epsilon = 1.0e-06 : f64}\n"
    "    : (!fx.tensor<[\"s0\", 4096], f8E4M3FN>, !fx.tensor<[\"s0\", 4096], "
    "f16>, !fx.tensor<[4096], f16>, !fx.tensor<[\"s0\", 1], f32>)\n"
    "   -> (!fx.tensor<[\"s0\", 4096], f8E4M3FN>, !fx.tensor<[\"s0\", 1], "
    "f32>)\n"
    "  return\n"
    "}\n";

static void showMutated(MlirOperation op, const FxSchema *s,
                        const char *name) {
  printf("  mutated %s -> %d\n", name,
         (int)fxAutoFunctionalizedGetMutatedResultIndex(op, s, str(name)));
}

static void testRead(MlirContext ctx) {
  MlirModule m = parse(ctx, kReadModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  MlirOperation fused = mlirBlockGetFirstOperation(body);
  MlirOperation quant = mlirOperationGetNextInBlock(fused);
  EXPECT(fxOpGetKind(fused) == FX_OP_AUTO_FUNCTIONALIZED);
  EXPECT(fxOpGetKind(quant) == FX_OP_AUTO_FUNCTIONALIZED);
  FxSchemaTable *table = fxSchemaTableCreate(fused);
  EXPECT(table != NULL);

  /* _C::fused_add_rms_norm(Tensor! input, Tensor! residual, Tensor? weight,
   * float epsilon) */
  MlirStringRef target = fxCallGetTarget(fused);
  const FxSchema *s = fxSchemaTableLookup(table, target);
  EXPECT(s != NULL && s == fxSchemaLookupBuiltin(target.data, target.length));
  printf("read %.*s:\n", (int)target.length, target.data);
  // CHECK-LABEL: read _C::fused_add_rms_norm:
  EXPECT(refEq(target, "_C::fused_add_rms_norm"));
  MlirValue input = fxCallGetOperandByName(fused, str("input"));
  MlirValue weight = fxCallGetOperandByName(fused, str("weight"));
  EXPECT(mlirValueEqual(input, mlirBlockGetArgument(body, 0)));
  EXPECT(mlirValueEqual(weight, mlirBlockGetArgument(body, 2)));
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(fused, str("scale"))));
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(fused, str("epsilon"))));
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(fused, str("inpu"))));
  printf("  operand input is arg 0: %d, operand scale is null: %d\n",
         mlirValueEqual(input, mlirBlockGetArgument(body, 0)),
         mlirValueIsNull(fxCallGetOperandByName(fused, str("scale"))));
  // CHECK-NEXT: operand input is arg 0: 1, operand scale is null: 1
  MlirAttribute eps = fxCallGetArg(fused, str("epsilon"));
  EXPECT(mlirAttributeIsAFloat(eps) && mlirTypeIsAF64(mlirAttributeGetType(eps)) &&
         mlirFloatAttrGetValueDouble(eps) == 1e-6);
  EXPECT(mlirAttributeIsNull(fxCallGetArg(fused, str("weight"))));
  EXPECT(mlirAttributeIsNull(fxCallGetArg(fused, str("eps"))));
  EXPECT(mlirAttributeIsNull(fxCallGetArg(func, str("epsilon"))));
  printf("  arg epsilon: %s = %g, arg missing: %s\n", attrText(eps).s,
         mlirFloatAttrGetValueDouble(eps),
         attrText(fxCallGetArg(fused, str("eps"))).s);
  // CHECK-NEXT: arg epsilon: 9.9999999999999995E-7 : f64 = 1e-06, arg missing: <null>
  if (s) {
    showMutated(fused, s, "input");
    showMutated(fused, s, "residual");
    showMutated(fused, s, "weight");
    showMutated(fused, s, "epsilon");
    showMutated(fused, s, "nosuch");
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(fused, s,
                                                     str("input")) == 0);
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(fused, s,
                                                     str("residual")) == 1);
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(fused, s,
                                                     str("weight")) == -1);
    /* The inverse: result -> the operand it is the new value of. */
    EXPECT(mlirValueEqual(fxAutoFunctionalizedGetMutatedOperand(fused, s, 0),
                          mlirBlockGetArgument(body, 0)));
    EXPECT(mlirValueEqual(fxAutoFunctionalizedGetMutatedOperand(fused, s, 1),
                          mlirBlockGetArgument(body, 1)));
    EXPECT(mlirValueIsNull(fxAutoFunctionalizedGetMutatedOperand(fused, s, 2)));
    EXPECT(mlirValueIsNull(fxAutoFunctionalizedGetMutatedOperand(fused, s, -1)));
    for (intptr_t i = -1; i <= 3; ++i)
      printf("  operand %d param %d\n", (int)i,
             fxCallGetOperandParam(fused, s, i));
    EXPECT(fxCallGetOperandParam(fused, s, 0) == 0);
    EXPECT(fxCallGetOperandParam(fused, s, 1) == 1);
    EXPECT(fxCallGetOperandParam(fused, s, 2) == 2);
    EXPECT(fxCallGetOperandParam(fused, s, 3) == -1);
    EXPECT(fxCallGetOperandParam(fused, s, -1) == -1);
  }
  // CHECK-NEXT: mutated input -> 0
  // CHECK-NEXT: mutated residual -> 1
  // CHECK-NEXT: mutated weight -> -1
  // CHECK-NEXT: mutated epsilon -> -1
  // CHECK-NEXT: mutated nosuch -> -1
  // CHECK-NEXT: operand -1 param -1
  // CHECK-NEXT: operand 0 param 0
  // CHECK-NEXT: operand 1 param 1
  // CHECK-NEXT: operand 2 param 2
  // CHECK-NEXT: operand 3 param -1

  /* _C::rms_norm_dynamic_per_token_quant(Tensor! result, Tensor input,
   * Tensor weight, Tensor! scale, float epsilon, Tensor? scale_ub,
   * Tensor!? residual), called without scale_ub and residual. */
  target = fxCallGetTarget(quant);
  s = fxSchemaTableLookup(table, target);
  EXPECT(s != NULL && s == fxSchemaLookupBuiltin(target.data, target.length));
  printf("read %.*s:\n", (int)target.length, target.data);
  // CHECK-NEXT: read _C::rms_norm_dynamic_per_token_quant:
  input = fxCallGetOperandByName(quant, str("input"));
  EXPECT(mlirValueEqual(input, mlirBlockGetArgument(body, 0)));
  EXPECT(mlirValueEqual(fxCallGetOperandByName(quant, str("scale")),
                        mlirBlockGetArgument(body, 4)));
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(quant, str("residual"))));
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(quant, str("scale_ub"))));
  printf("  operand input is arg 0: %d, operand residual is null: %d\n",
         mlirValueEqual(input, mlirBlockGetArgument(body, 0)),
         mlirValueIsNull(fxCallGetOperandByName(quant, str("residual"))));
  // CHECK-NEXT: operand input is arg 0: 1, operand residual is null: 1
  if (s) {
    showMutated(quant, s, "result");
    showMutated(quant, s, "scale");
    showMutated(quant, s, "residual");
    showMutated(quant, s, "input");
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(quant, s,
                                                     str("result")) == 0);
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(quant, s,
                                                     str("scale")) == 1);
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(quant, s,
                                                     str("residual")) == -1);
    EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(quant, s,
                                                     str("input")) == -1);
    /* result is parameter 0, scale 3; residual (6) is absent. */
    EXPECT(mlirValueEqual(fxAutoFunctionalizedGetMutatedOperand(quant, s, 0),
                          mlirBlockGetArgument(body, 3)));
    EXPECT(mlirValueEqual(fxAutoFunctionalizedGetMutatedOperand(quant, s, 1),
                          mlirBlockGetArgument(body, 4)));
    EXPECT(mlirValueIsNull(fxAutoFunctionalizedGetMutatedOperand(quant, s, 2)));
    printf("  operand 3 param %d (%s)\n", fxCallGetOperandParam(quant, s, 3),
           s->args[3].name);
    EXPECT(fxCallGetOperandParam(quant, s, 3) == 3);
    EXPECT(fxCallGetOperandParam(quant, s, 4) == -1);
  }
  // CHECK-NEXT: mutated result -> 0
  // CHECK-NEXT: mutated scale -> 1
  // CHECK-NEXT: mutated residual -> -1
  // CHECK-NEXT: mutated input -> -1
  // CHECK-NEXT: operand 3 param 3 (scale)

  /* Not a call-like op: every reader gives its "absent" answer. */
  EXPECT(fxCallGetTarget(func).length == 0);
  EXPECT(mlirValueIsNull(fxCallGetOperandByName(func, str("input"))));
  EXPECT(fxCallGetOperandParam(func, s, 0) == -1);
  /* A target without a schema (lookup gave NULL): nothing is known. */
  EXPECT(fxAutoFunctionalizedGetMutatedResultIndex(fused, NULL,
                                                   str("input")) == -1);
  EXPECT(mlirValueIsNull(fxAutoFunctionalizedGetMutatedOperand(fused, NULL, 0)));
  EXPECT(fxCallGetOperandParam(fused, NULL, 0) == -1);

  /* Good IR verifies, op by op and as a function. */
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyOp(fused, table)));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyOp(quant, NULL)));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyOp(func, NULL))); /* not fx */
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, table)));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, NULL)));
  EXPECT(gDiags.count == 0);
  fxSchemaTableDestroy(table);
  mlirModuleDestroy(m);
}

/*===-- 5. Schema table ----------------------------------------------------------===*/

static const char *kSchemaModule =
    "fx.schema \"_C::mul_and_silu\" = "
    "\"mul_and_silu(Tensor! out, Tensor input, float eps) -> ()\"\n"
    "fx.schema \"mylib::foo\" = \"foo(Tensor! out, "
    "Tensor x, int n=1) -> ()\"\n"
    "func.func @f(%x: !fx.tensor<[8], f32>) {\n"
    "  return\n"
    "}\n";

static const FxSchema *lookup(FxSchemaTable *t, const char *name) {
  const FxSchema *s = fxSchemaTableLookup(t, str(name));
  printf("lookup %s: %s%s%s\n", name, s ? s->qualifiedName : "NULL",
         s ? " " : "", s ? s->text : "");
  return s;
}

static void testSchemaTable(MlirContext ctx) {
  MlirModule m = parse(ctx, kSchemaModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  /* Malformed declarations cannot be parsed (the verifier rejects them), so
   * add them after parsing: an override with a bad signature, one whose
   * name does not match its signature, and one that changes an op with a
   * built-in kernel. */
  mlirBlockInsertOwnedOperationBefore(
      mlirModuleGetBody(m), func,
      fxSchemaOpCreate(loc(ctx, 20), str("_C::gelu_and_mul"),
                       str("gelu_and_mul(Tensr! out) -> ()")));
  MlirOperation baz = fxSchemaOpCreate(loc(ctx, 21), str("mylib::baz"),
                                       str("qux(Tensor! out) -> ()"));
  mlirBlockInsertOwnedOperationBefore(mlirModuleGetBody(m), func, baz);
  mlirBlockInsertOwnedOperationBefore(
      mlirModuleGetBody(m), func,
      fxSchemaOpCreate(loc(ctx, 23), str("_C::rms_norm"),
                       str("rms_norm(Tensor! out, Tensor input, float eps) "
                           "-> ()")));

  /* Any op of the module finds its schemas. */
  FxSchemaTable *t = fxSchemaTableCreate(mlirBlockGetTerminator(body));
  EXPECT(t != NULL);
  const FxSchema *rms = lookup(t, "_C::mul_and_silu");
  // CHECK-LABEL: lookup _C::mul_and_silu: _C::mul_and_silu mul_and_silu(Tensor! out, Tensor input, float eps) -> ()
  const FxSchema *builtinRms = fxSchemaLookupBuiltin("_C::rms_norm", 12);
  EXPECT(rms != NULL && rms != fxSchemaLookupBuiltin("_C::mul_and_silu", 16) &&
         rms->numArgs == 3);
  EXPECT(rms && !strcmp(rms->text, "mul_and_silu(Tensor! out, Tensor input, "
                                   "float eps) -> ()"));
  /* A declaration changing an op with a built-in kernel is never used. */
  EXPECT(lookup(t, "_C::rms_norm") == builtinRms);
  // CHECK-NEXT: lookup _C::rms_norm: _C::rms_norm rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()
  const FxSchema *foo = lookup(t, "mylib::foo");
  // CHECK-NEXT: lookup mylib::foo: mylib::foo foo(Tensor! out, Tensor x, int n=1) -> ()
  EXPECT(foo && !strcmp(foo->text, "foo(Tensor! out, Tensor x, int n=1) -> ()"));
  const FxSchema *silu = lookup(t, "_C::silu_and_mul");
  // CHECK-NEXT: lookup _C::silu_and_mul: _C::silu_and_mul silu_and_mul(Tensor! result, Tensor input) -> ()
  EXPECT(silu != NULL && silu == fxSchemaLookupBuiltin("_C::silu_and_mul", 16));
  const FxSchema *gelu = lookup(t, "_C::gelu_and_mul");
  // CHECK-NEXT: lookup _C::gelu_and_mul: _C::gelu_and_mul gelu_and_mul(Tensor! out, Tensor input) -> ()
  EXPECT(gelu != NULL && gelu == fxSchemaLookupBuiltin("_C::gelu_and_mul", 16));
  EXPECT(lookup(t, "mylib::baz") == NULL);
  // CHECK-NEXT: lookup mylib::baz: NULL
  EXPECT(lookup(t, "nope::nothing") == NULL);
  // CHECK-NEXT: lookup nope::nothing: NULL
  EXPECT(fxSchemaTableLookup(t, str("")) == NULL);

  /* Cached: the same pointers again, for hits and misses alike. */
  EXPECT(fxSchemaTableLookup(t, str("_C::mul_and_silu")) == rms);
  EXPECT(fxSchemaTableLookup(t, str("_C::rms_norm")) == builtinRms);
  EXPECT(fxSchemaTableLookup(t, str("mylib::foo")) == foo);
  EXPECT(fxSchemaTableLookup(t, str("_C::silu_and_mul")) == silu);
  EXPECT(fxSchemaTableLookup(t, str("_C::gelu_and_mul")) == gelu);
  EXPECT(fxSchemaTableLookup(t, str("nope::nothing")) == NULL);
  /* Lookup is by `length` bytes, not up to a NUL. */
  EXPECT(fxSchemaTableLookup(t, (MlirStringRef){"mylib::foo.x", 10}) == foo);
  printf("cached: %d\n", fxSchemaTableLookup(t, str("_C::mul_and_silu")) == rms);
  // CHECK-NEXT: cached: 1

  /* The module op itself works too; each table owns its own copies. */
  FxSchemaTable *t2 = fxSchemaTableCreate(mlirModuleGetOperation(m));
  const FxSchema *rms2 = fxSchemaTableLookup(t2, str("_C::mul_and_silu"));
  EXPECT(rms2 && rms2 != rms && !strcmp(rms2->text, rms->text));
  fxSchemaTableDestroy(t2);

  /* A detached op has no module: built-ins only. */
  MlirOperation detached = fxSchemaOpCreate(loc(ctx, 22), str("mylib::foo"),
                                            str("foo(Tensor! out) -> ()"));
  FxSchemaTable *t3 = fxSchemaTableCreate(detached);
  EXPECT(fxSchemaTableLookup(t3, str("_C::rms_norm")) == builtinRms);
  EXPECT(fxSchemaTableLookup(t3, str("mylib::foo")) == NULL);
  fxSchemaTableDestroy(t3);
  mlirOperationDestroy(detached);
  EXPECT(fxSchemaTableLookup(NULL, str("_C::rms_norm")) == builtinRms);
  fxSchemaTableDestroy(NULL);

  /* The verifier reports the malformed declarations. */
  EXPECT(!mlirOperationVerify(mlirModuleGetOperation(m)));
  // CHECK-NEXT: diag error at loc("built.mlir":20:1): 'fx.schema' op invalid schema for "_C::gelu_and_mul": unknown type 'Tensr' at offset 13
  EXPECT(mlirLogicalResultIsFailure(fxVerifyOp(baz, NULL)));
  // CHECK-NEXT: diag error at loc("built.mlir":21:1): 'fx.schema' op invalid schema for "mylib::baz": name "mylib::baz" does not match the signature's op "mylib::qux"
  printf("malformed schemas: %d errors\n", gDiags.errors);
  // CHECK-NEXT: malformed schemas: 2 errors
  gDiags = (Diags){0};
  MlirOperation changed = mlirOperationGetNextInBlock(baz);
  EXPECT(mlirLogicalResultIsFailure(fxVerifyOp(changed, NULL)));
  // CHECK-NEXT: diag error at loc("built.mlir":23:1): 'fx.schema' op changes the signature of _C::rms_norm, which has a built-in implementation with a fixed calling convention: parameter 0 is 'Tensor! out', not 'Tensor! result'
  EXPECT(gDiags.errors == 1);
  gDiags = (Diags){0};
  fxSchemaTableDestroy(t);
  mlirModuleDestroy(m);
}

/*===-- 6. Verifier and remarks ----------------------------------------------------===*/

static const char *kVerifyModule =
    "func.func @v(%out: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "             %x: !fx.tensor<[\"s0\", 4096], f16>,\n"
    "             %w: !fx.tensor<[4096], f16>) {\n"
    "  return\n"
    "}\n";

static void testVerifier(MlirContext ctx) {
  MlirModule m = parse(ctx, kVerifyModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  MlirType act = mlirValueGetType(mlirBlockGetArgument(body, 0));
  MlirValue operands[] = {mlirBlockGetArgument(body, 0),
                          mlirBlockGetArgument(body, 1),
                          mlirBlockGetArgument(body, 2)};
  MlirStringRef good[] = {str("result"), str("input"), str("weight")};
  MlirOperation ok = insert(
      body, fxCallOpCreate(loc(ctx, 30), FX_OP_AUTO_FUNCTIONALIZED,
                           str("_C::rms_norm"), 3, operands, good,
                           epsilonArgs(ctx), 1, &act));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyOp(ok, NULL)));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, NULL)));
  EXPECT(mlirOperationVerify(mlirModuleGetOperation(m)));
  EXPECT(gDiags.count == 0);

  /* A misspelt parameter name: the parser would reject it, the builder
   * does not. */
  MlirStringRef typo[] = {str("result"), str("input"), str("wieght")};
  MlirOperation bad = insert(
      body, fxCallOpCreate(loc(ctx, 31), FX_OP_AUTO_FUNCTIONALIZED,
                           str("_C::rms_norm"), 3, operands, typo,
                           epsilonArgs(ctx), 1, &act));
  MlirLogicalResult r = fxVerifyOp(bad, NULL);
  // CHECK-NEXT: diag error at loc("built.mlir":31:1): 'fx.auto_functionalized' op operand 2 named "wieght" is not a parameter of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()
  printf("verify op with typo: %s, %d errors\n",
         mlirLogicalResultIsFailure(r) ? "failure" : "success", gDiags.errors);
  // CHECK-NEXT: verify op with typo: failure, 1 errors
  EXPECT(mlirLogicalResultIsFailure(r) && gDiags.errors == 1);
  EXPECT(gDiags.lastSeverity == MlirDiagnosticError);
  EXPECT(strstr(gDiags.last.s, "'fx.auto_functionalized' op operand 2 named "
                               "\"wieght\" is not a parameter of "
                               "_C::rms_norm(") == gDiags.last.s);
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyOp(ok, NULL)));

  r = fxVerifyFunction(func, NULL);
  // CHECK-NEXT: diag error at loc("built.mlir":31:1): 'fx.auto_functionalized' op operand 2 named "wieght"
  printf("verify function with typo: %s\n",
         mlirLogicalResultIsFailure(r) ? "failure" : "success");
  // CHECK-NEXT: verify function with typo: failure
  EXPECT(mlirLogicalResultIsFailure(r) && gDiags.errors == 2);

  /* MLIR's own verifier runs the C verifier too (installed on load). */
  bool verified = mlirOperationVerify(mlirModuleGetOperation(m));
  // CHECK-NEXT: diag error at loc("built.mlir":31:1): 'fx.auto_functionalized' op operand 2 named "wieght"
  printf("mlir verify with typo: %d\n", verified);
  // CHECK-NEXT: mlir verify with typo: 0
  EXPECT(!verified && gDiags.errors == 3);

  /* A missing required argument. */
  mlirOperationDestroy(bad);
  MlirOperation noEps = insert(
      body, fxCallOpCreate(loc(ctx, 32), FX_OP_AUTO_FUNCTIONALIZED,
                           str("_C::rms_norm"), 3, operands, good,
                           mlirAttributeGetNull(), 1, &act));
  EXPECT(mlirLogicalResultIsFailure(fxVerifyOp(noEps, NULL)));
  // CHECK-NEXT: diag error at loc("built.mlir":32:1): 'fx.auto_functionalized' op missing required argument "epsilon" of _C::rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> () (in 'args')
  mlirOperationDestroy(noEps);
  EXPECT(mlirOperationVerify(mlirModuleGetOperation(m)));
  gDiags = (Diags){0};

  /* Remarks. */
  fxEmitRemark(loc(ctx, 40), "fused 2 ops into _C::fused_add_rms_norm");
  // CHECK-NEXT: diag remark at loc("built.mlir":40:1): fused 2 ops into _C::fused_add_rms_norm
  printf("remark: %d diagnostics, %d remarks, severity remark %d\n",
         gDiags.count, gDiags.remarks,
         gDiags.lastSeverity == MlirDiagnosticRemark);
  // CHECK-NEXT: remark: 1 diagnostics, 1 remarks, severity remark 1
  EXPECT(gDiags.count == 1 && gDiags.remarks == 1 &&
         gDiags.lastSeverity == MlirDiagnosticRemark &&
         !strcmp(gDiags.last.s, "fused 2 ops into _C::fused_add_rms_norm"));
  gDiags = (Diags){0};
  mlirModuleDestroy(m);
}

/* fx-verify's per-function symbol list has no size limit: with 40 symbols
 * declared, an undeclared one is still reported (a fixed list of 32 once
 * stopped checking instead).  Built ops are not verified on insertion, so
 * fxVerifyFunction is the first to see the bad one. */
static void testManySymbols(MlirContext ctx) {
  char text[4096];
  size_t n = (size_t)snprintf(text, sizeof text, "func.func @many(%%x: !fx.tensor<[4], f32>");
  for (int i = 0; i < 40; ++i)
    n += (size_t)snprintf(text + n, sizeof text - n, ", %%n%d: !fx.sym<\"s%d\">", i, i);
  snprintf(text + n, sizeof text - n, ") {\n  return\n}\n");
  MlirModule m = parse(ctx, text);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  MlirValue x = mlirBlockGetArgument(body, 0);
  MlirType f32 = mlirF32TypeGet(ctx);
  FxDim s39[] = {SYM("s39")}, s99[] = {SYM("s99")};
  MlirAttribute shape39 = symAttr(ctx, "s39"), shape99 = symAttr(ctx, "s99");
  insert(body, fxReshapeOpCreate(loc(ctx, 50), FX_OP_RESHAPE, x,
                                 fxTensorTypeGet(ctx, 1, s39, f32),
                                 mlirArrayAttrGet(ctx, 1, &shape39)));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, NULL)));
  insert(body, fxReshapeOpCreate(loc(ctx, 51), FX_OP_RESHAPE, x,
                                 fxTensorTypeGet(ctx, 1, s99, f32),
                                 mlirArrayAttrGet(ctx, 1, &shape99)));
  EXPECT(mlirLogicalResultIsFailure(fxVerifyFunction(func, NULL)));
  // CHECK: diag error at loc("built.mlir":51:1): 'fx.reshape' op result 0 uses symbol "s99", which no argument of the enclosing function declares
  EXPECT(gDiags.errors == 1);
  gDiags = (Diags){0};
  mlirModuleDestroy(m);
}

/* fx-verify remembers the signatures it found valid within a function; a
 * view's validity also depends on its producers, so the same view
 * signature must be checked again on another input.  Built ops are not
 * verified on insertion: fxVerifyFunction sees the bad one first. */
static const char *kViewModule =
    "func.func @views() {\n"
    "  %buf = fx.call \"aten::empty\"() {size = [4, 8], dtype = f32}\n"
    "      : () -> !fx.tensor<[4, 8], f32>\n"
    "  %new = fx.call \"aten::empty\"() {size = [4, 4], dtype = f32}\n"
    "      : () -> !fx.tensor<[4, 4], f32>\n"
    "  %col = fx.slice %buf, dim = 1, start = 0, end = 4, step = 1\n"
    "      : !fx.tensor<[4, 8], f32> -> !fx.tensor<[4, 4], f32>\n"
    "  return\n"
    "}\n";

static void testViewLayout(MlirContext ctx) {
  MlirModule m = parse(ctx, kViewModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation func = firstFunc(m);
  MlirBlock body = entryBlock(func);
  MlirOperation first = mlirBlockGetFirstOperation(body);
  MlirValue fresh = mlirOperationGetResult(mlirOperationGetNextInBlock(first), 0);
  MlirValue col = mlirOperationGetResult(
      mlirOperationGetNextInBlock(mlirOperationGetNextInBlock(first)), 0);
  FxDim d16[] = {INT(16)};
  MlirType flat = fxTensorTypeGet(ctx, 1, d16, mlirF32TypeGet(ctx));
  MlirAttribute e16 = i64(ctx, 16);
  MlirAttribute shape = mlirArrayAttrGet(ctx, 1, &e16);
  insert(body, fxReshapeOpCreate(loc(ctx, 60), FX_OP_VIEW, fresh, flat, shape));
  EXPECT(mlirLogicalResultIsSuccess(fxVerifyFunction(func, NULL)));
  MlirOperation bad = insert(
      body, fxReshapeOpCreate(loc(ctx, 61), FX_OP_VIEW, col, flat, shape));
  EXPECT(mlirLogicalResultIsFailure(fxVerifyFunction(func, NULL)));
  // CHECK: diag error at loc("built.mlir":61:1): 'fx.view' op cannot view its input !fx.tensor<[4, 4], f32>, laid out with strides [8, 1], as !fx.tensor<[16], f32>
  EXPECT(mlirLogicalResultIsFailure(fxVerifyOp(bad, NULL)));
  // CHECK-NEXT: diag error at loc("built.mlir":61:1): 'fx.view' op cannot view its input
  EXPECT(gDiags.errors == 2);
  gDiags = (Diags){0};
  mlirModuleDestroy(m);
}

/* The call cache answers as reading the attributes does, and an op whose
 * attributes change is answered from its new dictionary, never its old
 * entry (a cache keyed by the op would answer "aten::t" below).  So do
 * schema lookups through it (fxSchemaTableLookupCall), for built-ins and
 * for the module's own ops. */
static const char *kCacheModule =
    "fx.schema \"mylib::twice\" = \"twice(Tensor x) -> Tensor\"\n"
    "func.func @f(%x: !fx.tensor<[2, 3], f32>) -> !fx.tensor<[3, 2], f32> {\n"
    "  %a = fx.call \"aten::t\"(self = %x) : (!fx.tensor<[2, 3], f32>) -> "
    "!fx.tensor<[3, 2], f32>\n"
    "  %b = fx.call \"aten::clone\"(self = %a) : (!fx.tensor<[3, 2], f32>) -> "
    "!fx.tensor<[3, 2], f32>\n"
    "  %c = fx.call \"aten::t\"(self = %x) : (!fx.tensor<[2, 3], f32>) -> "
    "!fx.tensor<[3, 2], f32>\n"
    "  %d = fx.call \"mylib::twice\"(x = %x) : (!fx.tensor<[2, 3], f32>) -> "
    "!fx.tensor<[2, 3], f32>\n"
    "  return %b : !fx.tensor<[3, 2], f32>\n"
    "}\n";

static void testCallCache(MlirContext ctx) {
  MlirModule m = parse(ctx, kCacheModule);
  if (mlirModuleIsNull(m))
    return;
  MlirOperation t = mlirBlockGetFirstOperation(entryBlock(firstFunc(m)));
  MlirOperation clone = mlirOperationGetNextInBlock(t);
  MlirOperation t2 = mlirOperationGetNextInBlock(clone);
  MlirOperation twice = mlirOperationGetNextInBlock(t2);
  MlirOperation ops[] = {t, clone, t2, twice};
  enum { kOps = sizeof ops / sizeof ops[0] };
  FxSchemaTable *table = fxSchemaTableCreate(t);
  MlirStringRef want[kOps];
  FxBuiltinImpl wantImpl[kOps];
  const FxSchema *wantSchema[kOps];
  for (int i = 0; i < kOps; ++i) { /* no cache installed: read each time */
    want[i] = fxCallGetTarget(ops[i]);
    wantImpl[i] = fxCallGetBuiltinImpl(ops[i]);
    FxBuiltinImpl impl;
    wantSchema[i] = fxSchemaTableLookupImpl(table, want[i], &impl);
    EXPECT(impl == wantImpl[i]);
    EXPECT(fxSchemaTableLookupCall(table, ops[i], &impl) == wantSchema[i] &&
           impl == wantImpl[i]);
  }
  EXPECT(refEq(want[0], "aten::t") && wantImpl[0] == FX_IMPL_VIEW);
  EXPECT(refEq(want[1], "aten::clone") && wantImpl[1] == FX_IMPL_CLONE);
  EXPECT(refEq(want[3], "mylib::twice") && wantImpl[3] == FX_IMPL_NONE &&
         wantSchema[3] && !strcmp(wantSchema[3]->qualifiedName, "mylib::twice"));
  EXPECT(wantSchema[0] && wantSchema[0] != wantSchema[1]);
  FxCallCache *cache = fxCallCacheCreate();
  EXPECT(cache != NULL);
  EXPECT(fxCallCacheInstall(cache) == NULL);
  bool same = true;
  for (int round = 0; round < 2; ++round) /* fill, then answer from it */
    for (int i = 0; i < kOps; ++i) {
      FxBuiltinImpl impl = FX_IMPL_NONE;
      same &= mlirStringRefEqual(fxCallGetTarget(ops[i]), want[i]) &&
              fxCallGetBuiltinImpl(ops[i]) == wantImpl[i] &&
              fxSchemaTableLookupCall(table, ops[i], &impl) == wantSchema[i] &&
              impl == wantImpl[i] &&
              fxSchemaTableLookupCall(table, ops[i], NULL) == wantSchema[i] &&
              fxCallGetOperandParam(ops[i], wantSchema[i], 0) == 0;
    }
  EXPECT(same);
  /* The cache keeps an operand's parameter for the op's built-in schema
   * only: another schema of the same target (a module's, whose parameter
   * has another name) is looked up, not answered with the built-in's. */
  char err[128];
  FxSchema *other = fxSchemaParse("aten", "t(Tensor input) -> Tensor", err,
                                  sizeof err);
  int builtinParam = fxCallGetOperandParam(t2, wantSchema[0], 0);
  int otherParam = other ? fxCallGetOperandParam(t2, other, 0) : 0;
  printf("binding: built-in %d, other schema %d, built-in again %d\n",
         builtinParam, otherParam, fxCallGetOperandParam(t2, wantSchema[0], 0));
  // CHECK: binding: built-in 0, other schema -1, built-in again 0
  fxSchemaDestroy(other);
  /* fxCallOpCreateLike takes the new op's attributes from the cache: the
   * same dictionary as made without one, for each result count. */
  MlirValue x = mlirOperationGetOperand(twice, 0);
  MlirType xType = mlirValueGetType(x);
  bool created = true;
  for (int round = 0; round < 2; ++round)
    for (int kind = 0; kind < 2; ++kind)
      for (intptr_t n = 1; n >= 0; --n) {
        FxOpKind k = kind ? FX_OP_AUTO_FUNCTIONALIZED : FX_OP_CALL;
        FxCallCache *saved = fxCallCacheInstall(NULL);
        MlirOperation plain = fxCallOpCreateLike(twice, k, 1, &x, n, &xType);
        fxCallCacheInstall(saved);
        MlirOperation cached = fxCallOpCreateLike(twice, k, 1, &x, n, &xType);
        created &= !mlirOperationIsNull(plain) && !mlirOperationIsNull(cached) &&
                   mlirAttributeEqual(fxOperationGetAttrDictionary(plain),
                                      fxOperationGetAttrDictionary(cached)) &&
                   mlirOperationGetNumResults(cached) == n &&
                   fxOpGetKind(cached) == k;
        mlirOperationDestroy(plain);
        mlirOperationDestroy(cached);
      }
  EXPECT(created);
  mlirOperationSetAttributeByName(
      t, str("target"), mlirStringAttrGet(ctx, str("aten::clone")));
  MlirStringRef now = fxCallGetTarget(t);
  FxBuiltinImpl impl = FX_IMPL_NONE;
  EXPECT(refEq(now, "aten::clone") &&
         fxCallGetBuiltinImpl(t) == FX_IMPL_CLONE &&
         fxSchemaTableLookupCall(table, t, &impl) == wantSchema[1] &&
         impl == FX_IMPL_CLONE);
  MlirValue tIn = mlirOperationGetOperand(t, 0);
  MlirType tOut = mlirValueGetType(mlirOperationGetResult(t, 0));
  MlirOperation like = fxCallOpCreateLike(t, FX_OP_CALL, 1, &tIn, 1, &tOut);
  EXPECT(!mlirOperationIsNull(like) && refEq(fxCallGetTarget(like), "aten::clone"));
  mlirOperationDestroy(like);
  EXPECT(refEq(fxCallGetTarget(t2), "aten::t") &&
         fxCallGetBuiltinImpl(t2) == FX_IMPL_VIEW &&
         fxSchemaTableLookupCall(table, t2, NULL) == wantSchema[0]);
  printf("call cache: %d, retargeted: %.*s\n", same, (int)now.length,
         now.data);
  // CHECK-LABEL: call cache: 1, retargeted: aten::clone
  FxCallCache *inner = fxCallCacheCreate();
  EXPECT(fxCallCacheInstall(inner) == cache);
  EXPECT(fxCallCacheInstall(NULL) == inner);
  fxCallCacheDestroy(inner);
  fxCallCacheDestroy(cache);
  fxSchemaTableDestroy(table);
  mlirModuleDestroy(m);
}

static const char *kInherentModule =
    "fx.schema \"t::h\" = \"h(Tensor(a!) x) -> ()\"\n"
    "func.func @k(%x: !fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32> {\n"
    "  %r = fx.reshape %x, shape = [16] : !fx.tensor<[4, 4], f32> -> "
    "!fx.tensor<[16], f32>\n"
    "  %v = fx.view %x, shape = [16] : !fx.tensor<[4, 4], f32> -> "
    "!fx.tensor<[16], f32>\n"
    "  %s = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 : "
    "!fx.tensor<[4, 4], f32> -> !fx.tensor<[2, 4], f32>\n"
    "  %t = fx.slice_scatter %x, %s, dim = 0, start = 2, end = 4, step = 1 : "
    "(!fx.tensor<[4, 4], f32>, !fx.tensor<[2, 4], f32>) -> "
    "!fx.tensor<[4, 4], f32>\n"
    "  %c = fx.call \"aten::relu\"(self = %t) : (!fx.tensor<[4, 4], f32>) -> "
    "!fx.tensor<[4, 4], f32>\n"
    "  %a = fx.auto_functionalized \"t::h\"(x = %c) : "
    "(!fx.tensor<[4, 4], f32>) -> !fx.tensor<[4, 4], f32>\n"
    "  return %a : !fx.tensor<[4, 4], f32>\n"
    "}\n";

static bool isInherent(FxOpKind k, MlirIdentifier name) {
  for (const char *const *a = fxOpKindInherentAttributes(k); *a; ++a)
    if (refEq(mlirIdentifierStr(name), *a))
      return true;
  return false;
}

/* Each kind's row of inherent attributes is exactly the attributes a valid
 * op of the kind carries (the IRDL's, and the segment sizes IRDL asks
 * for), none of them a dialect attribute (a name with a dot, which MLIR's
 * verifier would then no longer hand to its dialect), and MLIR leaves them
 * out of the op's discardable attributes; one added attribute is the only
 * discardable one. */
static void testInherentAttributes(MlirContext ctx) {
  MlirModule m = parse(ctx, kInherentModule);
  if (mlirModuleIsNull(m))
    return;
  EXPECT(*fxOpKindInherentAttributes(FX_OP_NONE) == NULL);
  int seen[FX_OP_NUM_KINDS] = {0};
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    bool isFunc = fxOpGetKind(op) == FX_OP_NONE;
    MlirOperation inner = isFunc
                              ? mlirBlockGetFirstOperation(entryBlock(op))
                              : op;
    for (; !mlirOperationIsNull(inner);
         inner = isFunc ? mlirOperationGetNextInBlock(inner)
                        : (MlirOperation){NULL}) {
      FxOpKind k = fxOpGetKind(inner);
      if (k == FX_OP_NONE)
        continue;
      ++seen[k];
      intptr_t n = mlirOperationGetNumAttributes(inner), rows = 0;
      bool all = true;
      for (intptr_t i = 0; i < n; ++i)
        all &= isInherent(k, mlirOperationGetAttribute(inner, i).name);
      for (const char *const *a = fxOpKindInherentAttributes(k); *a; ++a) {
        ++rows;
        all &= !strchr(*a, '.') &&
               !mlirAttributeIsNull(
                   mlirOperationGetAttributeByName(inner, str(*a)));
      }
      EXPECT(all && rows == n);
      EXPECT(mlirOperationGetNumDiscardableAttributes(inner) == 0);
      if (!all || rows != n)
        printf("inherent attributes of %s differ from its row\n",
               fxOpKindName(k));
      mlirOperationSetDiscardableAttributeByName(inner, str("fx.extra"),
                                                 mlirUnitAttrGet(ctx));
      EXPECT(mlirOperationGetNumDiscardableAttributes(inner) == 1 &&
             refEq(mlirIdentifierStr(
                       mlirOperationGetDiscardableAttribute(inner, 0).name),
                   "fx.extra"));
      EXPECT(mlirOperationGetNumAttributes(inner) == n + 1);
    }
  }
  int kinds = 0;
  for (int k = 0; k < FX_OP_NUM_KINDS; ++k)
    kinds += seen[k] == 1;
  EXPECT(kinds == FX_OP_NUM_KINDS);
  printf("inherent attributes: %d kinds\n", kinds);
  // CHECK-LABEL: inherent attributes: 7 kinds
  mlirModuleDestroy(m);
}

int main(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  fxDialectRegistryInsert(registry);

  testLoading(registry);

  MlirContext ctx = createContext(registry);
  /* Load through the registry first, as a parsed file would. */
  MlirModule first = parse(ctx, "fx.schema \"t::g\" = \"g(Tensor x) -> ()\"");
  mlirModuleDestroy(first);
  testDtypes(ctx);
  testTypes(ctx);
  testBuild(ctx);
  testRead(ctx);
  testSchemaTable(ctx);
  testVerifier(ctx);
  testManySymbols(ctx);
  testViewLayout(ctx);
  testCallCache(ctx);
  testInherentAttributes(ctx);
  EXPECT(gDiags.count == 0);
  mlirContextDestroy(ctx);
  mlirDialectRegistryDestroy(registry);

  fflush(stdout);
  if (gFailed) {
    printf("dialect: %d of %d checks failed\n", gFailed, gPassed + gFailed);
    return 1;
  }
  // CHECK: dialect: {{[0-9]+}} checks passed
  printf("dialect: %d checks passed\n", gPassed);
  return 0;
}
