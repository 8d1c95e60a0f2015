/* FxVerifyAttrs.c - the fx attributes of function arguments and results,
 * and of fx ops
 * (DESIGN §3: "`fx.donated` is a unit attribute; any other value is a
 * verifier error").  `fx.` is our namespace: an attribute in it that fxir
 * does not define is a typo until proven otherwise, so it is an error with
 * the known name it is closest to, never silently ignored (a misspelt
 * `fx.donatd` would otherwise make a donated buffer be cloned, and
 * `fx.donated = false` count as donated). */
#include "FxInternal.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <string.h>


/* The fx attributes of function arguments, one row each: its name, and
 * whether it is a unit attribute (present or absent, never a value) or
 * holds an array (whose contents FxVerifier.c checks against the
 * argument's type and the function's symbols). */
static const struct {
  const char *name;
  bool unit;
} kArgAttrs[] = {
    {"fx.donated", true},  /* the function may write the argument (DESIGN §3) */
    {"fx.strides", false}, /* the layout it promises (FxStrides.c) */
};
enum { kNumArgAttrs = sizeof kArgAttrs / sizeof *kArgAttrs };

/* Levenshtein distance of a[0..na) and b, or a large value beyond 31
 * characters (names that long are no typo of ours). */
static int editDistance(const char *a, size_t na, const char *b) {
  size_t nb = strlen(b);
  int row[32];
  if (na >= 32 || nb >= 32)
    return 1 << 20;
  for (size_t j = 0; j <= nb; ++j)
    row[j] = (int)j;
  for (size_t i = 1; i <= na; ++i) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= nb; ++j) {
      int up = row[j];
      int sub = diag + (a[i - 1] != b[j - 1]);
      int best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
      row[j] = sub < best ? sub : best;
      diag = up;
    }
  }
  return row[nb];
}

/* Checks the `fx.`-prefixed entries of one argument's (`isArg`) or
 * result's attribute dictionary: known ones are unit attributes, unknown
 * ones are errors, with the known name they are closest to. */
static MlirLogicalResult checkFxAttrs(MlirOperation func, MlirAttribute dict,
                                      bool isArg, int index) {
  const char *kind = isArg ? "argument" : "result";
  for (intptr_t i = 0, n = mlirAttributeIsADictionary(dict)
                               ? mlirDictionaryAttrGetNumElements(dict)
                               : 0;
       i < n; ++i) {
    MlirNamedAttribute na = mlirDictionaryAttrGetElement(dict, i);
    MlirStringRef name = mlirIdentifierStr(na.name);
    if (name.length < 3 || memcmp(name.data, "fx.", 3) != 0)
      continue;
    int known = -1, nearest = -1, best = 3; /* suggest within distance 2 */
    for (int k = 0; isArg && k < kNumArgAttrs; ++k) {
      int d = editDistance(name.data, name.length, kArgAttrs[k].name);
      if (d == 0)
        known = k;
      else if (d < best)
        best = d, nearest = k;
    }
    if (known >= 0 && !kArgAttrs[known].unit &&
        !mlirAttributeIsAArray(na.attribute))
      return fxVerifyError(func,
                  "%s %d has %.*s = %s, but %.*s is an array: one stride "
                  "per dim, e.g. [4096, 1]",
                  kind, index, (int)name.length, name.data,
                  fxAttrText(na.attribute).s, (int)name.length, name.data);
    if (known >= 0 && kArgAttrs[known].unit &&
        !mlirAttributeIsAUnit(na.attribute))
      return fxVerifyError(func,
                  "%s %d has %.*s = %s, but %.*s is a unit attribute: write "
                  "{%.*s} or leave it out",
                  kind, index, (int)name.length, name.data,
                  fxAttrText(na.attribute).s, (int)name.length, name.data,
                  (int)name.length, name.data);
    if (known >= 0)
      continue;
    if (!isArg)
      return fxVerifyError(func,
                  "%s %d has the attribute \"%.*s\", but fx defines "
                  "attributes of function arguments only",
                  kind, index, (int)name.length, name.data);
    if (nearest >= 0)
      return fxVerifyError(func,
                  "%s %d has the unknown attribute \"%.*s\"; did you mean "
                  "\"%s\"?",
                  kind, index, (int)name.length, name.data,
                  kArgAttrs[nearest].name);
    return fxVerifyError(func,
                "%s %d has the unknown attribute \"%.*s\"; the fx argument "
                "attributes are: fx.donated, fx.strides",
                kind, index, (int)name.length, name.data);
  }
  return OK;
}

/* `arg_attrs` / `res_attrs` of a func.func: one dictionary per argument or
 * result, or absent. */
static bool checkFunctionAttrs(MlirOperation func, const char *which,
                               bool isArg) {
  MlirAttribute all = mlirOperationGetAttributeByName(func, fxStr(which));
  bool failed = false;
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all))
    return false;
  for (intptr_t i = 0, n = mlirArrayAttrGetNumElements(all); i < n; ++i)
    failed |= FAILED(
        checkFxAttrs(func, mlirArrayAttrGetElement(all, i), isArg, (int)i));
  return failed;
}

/* The function's own `fx.` attributes: fx.none_outputs only, the
 * positions of the FX graph's None outputs among its results (Fx.h). */
static MlirLogicalResult checkOwnAttrs(MlirOperation func) {
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(func); i < n; ++i) {
    MlirNamedAttribute na = mlirOperationGetAttribute(func, i);
    MlirStringRef name = mlirIdentifierStr(na.name);
    if (name.length < 3 || memcmp(name.data, "fx.", 3) != 0)
      continue;
    if (editDistance(name.data, name.length, FX_ATTR_NONE_OUTPUTS) != 0)
      return fxVerifyError(
          func, "has the unknown attribute \"%.*s\"; %s", (int)name.length,
          name.data,
          editDistance(name.data, name.length, FX_ATTR_NONE_OUTPUTS) < 3
              ? "did you mean \"" FX_ATTR_NONE_OUTPUTS "\"?"
              : "the fx attribute of functions is " FX_ATTR_NONE_OUTPUTS);
    if (!mlirAttributeIsADenseI64Array(na.attribute))
      return fxVerifyError(func,
                           "has " FX_ATTR_NONE_OUTPUTS " = %s, but it is an "
                           "array of output positions, e.g. array<i64: 1, 3>",
                           fxAttrText(na.attribute).s);
    MlirType fnType = mlirTypeAttrGetValue(
        mlirOperationGetAttributeByName(func, fxStr("function_type")));
    intptr_t k = mlirDenseArrayGetNumElements(na.attribute);
    int64_t outputs = (int64_t)mlirFunctionTypeGetNumResults(fnType) + k;
    for (intptr_t j = 0; j < k; ++j) {
      int64_t p = mlirDenseI64ArrayGetElement(na.attribute, j);
      int64_t prev = j ? mlirDenseI64ArrayGetElement(na.attribute, j - 1) : -1;
      if (p <= prev || p >= outputs)
        return fxVerifyError(
            func,
            "has " FX_ATTR_NONE_OUTPUTS "[%d] = %lld, but the positions "
            "increase strictly and lie below %lld (%lld results and %d "
            "None outputs)",
            (int)j, (long long)p, (long long)outputs,
            (long long)(outputs - k), (int)k);
    }
  }
  return OK;
}

MlirLogicalResult fxVerifyFunctionAttrs(MlirOperation func) {
  bool failed = checkFunctionAttrs(func, "arg_attrs", true);
  failed |= checkFunctionAttrs(func, "res_attrs", false);
  failed |= FAILED(checkOwnAttrs(func));
  return failed ? mlirLogicalResultFailure() : OK;
}

/* The fx attributes an fx op may carry besides its own, one row each: the
 * name, and the call target it belongs on. */
static const struct {
  const char *name;
  const char *target;
} kOpAttrs[] = {
    /* fx-import's clone of an auto_functionalized_v2 base, which
     * fx-fix-functionalization may write in place instead (Fx.h). */
    {FX_ATTR_FUNCTIONALIZED, "aten::clone"},
};
enum { kNumOpAttrs = sizeof kOpAttrs / sizeof *kOpAttrs };

MlirLogicalResult fxVerifyOpAttrs(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(op); i < n; ++i) {
    MlirNamedAttribute na = mlirOperationGetAttribute(op, i);
    MlirStringRef name = mlirIdentifierStr(na.name);
    if (name.length < 3 || memcmp(name.data, "fx.", 3) != 0)
      continue;
    int known = -1, nearest = -1, best = 3; /* suggest within distance 2 */
    for (int k = 0; k < kNumOpAttrs; ++k) {
      int d = editDistance(name.data, name.length, kOpAttrs[k].name);
      if (d == 0)
        known = k;
      else if (d < best)
        best = d, nearest = k;
    }
    if (known < 0)
      return nearest >= 0
                 ? fxVerifyError(op, "has the unknown attribute \"%.*s\"; did "
                                     "you mean \"%s\"?",
                                 (int)name.length, name.data,
                                 kOpAttrs[nearest].name)
                 : fxVerifyError(op, "has the unknown attribute \"%.*s\"; "
                                     "the fx attributes of ops are: %s",
                                 (int)name.length, name.data,
                                 FX_ATTR_FUNCTIONALIZED);
    if (!mlirAttributeIsAUnit(na.attribute))
      return fxVerifyError(op,
                           "has %.*s = %s, but %.*s is a unit attribute: "
                           "write {%.*s} or leave it out",
                           (int)name.length, name.data,
                           fxAttrText(na.attribute).s, (int)name.length,
                           name.data, (int)name.length, name.data);
    MlirStringRef target = fxOpGetKind(op) == FX_OP_CALL
                               ? fxCallGetTarget(op)
                               : mlirStringRefCreate(NULL, 0);
    if (!mlirStringRefEqual(target,
                            mlirStringRefCreateFromCString(kOpAttrs[known].target)))
      return fxVerifyError(op, "has %.*s, which belongs on an fx.call of %s "
                               "only",
                           (int)name.length, name.data, kOpAttrs[known].target);
  }
  return OK;
}

/* The attributes fx ops declare (irdl.attributes in fx.irdl.mlir.in), one
 * row each: the kinds its IRDL constraint admits.  A name means the same
 * in every op that declares it.  test/Dialect/fx/generic/attr-order.mlir
 * gives each row a wrong kind and a missing value. */
enum { ANY_INT = 1, ANY_STR = 2, ANY_ARRAY = 4, ANY_DICT = 8 };
static const struct {
  const char *name;
  unsigned kinds;
} kDeclaredAttrs[] = {
    {"shape", ANY_ARRAY},          /* fx.reshape, fx.view */
    {"dim", ANY_INT},              /* fx.slice, fx.slice_scatter */
    {"start", ANY_INT | ANY_STR},  /* an integer or a symbolic size */
    {"end", ANY_INT | ANY_STR},
    {"step", ANY_INT},
    {"target", ANY_STR},           /* fx.call, fx.auto_functionalized */
    {"arg_names", ANY_ARRAY},
    {"args", ANY_DICT},
    {"name", ANY_STR},             /* fx.schema */
    {"signature", ANY_STR},
};
enum { kNumDeclaredAttrs = sizeof kDeclaredAttrs / sizeof *kDeclaredAttrs };

/* IRDL's name of each kind, for its message on a single-kind constraint. */
static const struct {
  unsigned kind;
  const char *irdlName;
  bool (*isA)(MlirAttribute);
} kAttrKinds[] = {
    {ANY_INT, "builtin.integer", mlirAttributeIsAInteger},
    {ANY_STR, "builtin.string", mlirAttributeIsAString},
    {ANY_ARRAY, "builtin.array", mlirAttributeIsAArray},
    {ANY_DICT, "builtin.dictionary", mlirAttributeIsADictionary},
};
enum { kNumAttrKinds = sizeof kAttrKinds / sizeof *kAttrKinds };

static MlirLogicalResult checkKind(MlirOperation op, MlirAttribute a,
                                   unsigned kinds) {
  const char *single = NULL;
  for (int k = 0; k < kNumAttrKinds; ++k) {
    if (!(kinds & kAttrKinds[k].kind))
      continue;
    if (kAttrKinds[k].isA(a))
      return OK;
    single = kinds == kAttrKinds[k].kind ? kAttrKinds[k].irdlName : NULL;
  }
  /* IRDL's own messages, emitted at the op as IRDL does: irdl.base's, and
   * irdl.any_of's (with the attribute printed whole). */
  if (single) {
    char msg[160];
    MlirStringRef got = fxAttributeGetKindName(a);
    snprintf(msg, sizeof msg, "expected base attribute '%s' but got '%.*s'",
             single, (int)got.length, got.data);
    fxOperationEmitError(op, msg);
  } else {
    fxOperationEmitErrorWithAttr(op, "'", a, "' does not satisfy the constraint");
  }
  return mlirLogicalResultFailure();
}

/* What IRDL checks before the attributes, one row per op kind (its
 * irdl.operands and irdl.results): the operand and result counts, or, for
 * the calls' optional slots, the segment sizes that give them. */
static const struct {
  int operands, results;
  bool segments; /* FX_MAX_OPERANDS and FX_MAX_RESULTS optional slots */
} kStructure[FX_OP_NUM_KINDS] = {
    [FX_OP_RESHAPE] = {1, 1, false},
    [FX_OP_VIEW] = {1, 1, false},
    [FX_OP_SLICE] = {1, 1, false},
    [FX_OP_SLICE_SCATTER] = {2, 1, false},
    [FX_OP_AUTO_FUNCTIONALIZED] = {0, 0, true},
    [FX_OP_CALL] = {0, 0, true},
    [FX_OP_SCHEMA] = {0, 0, false},
};

/* Whether IRDL accepts the segment sizes `name` of `n` values in `slots`
 * optional slots: a dense i32 array, one 0 or 1 per slot, summing to n. */
static bool segmentsPass(MlirOperation op, const char *name, intptr_t slots,
                         intptr_t n) {
  MlirAttribute a = mlirOperationGetAttributeByName(op, fxStr(name));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI32Array(a) ||
      mlirDenseArrayGetNumElements(a) != slots)
    return false;
  intptr_t sum = 0;
  for (intptr_t i = 0; i < slots; ++i) {
    int32_t k = mlirDenseI32ArrayGetElement(a, i);
    if (k < 0 || k > 1)
      return false;
    sum += k;
  }
  return sum == n;
}

/* Whether IRDL's checks before the attributes pass for `op`: when they do
 * not, IRDL reports that first, as before fxir's attribute check. */
static bool structurePasses(MlirOperation op, FxOpKind kind) {
  intptr_t ops = mlirOperationGetNumOperands(op);
  intptr_t res = mlirOperationGetNumResults(op);
  if (!kStructure[kind].segments)
    return ops == kStructure[kind].operands && res == kStructure[kind].results;
  return segmentsPass(op, "operandSegmentSizes", FX_MAX_OPERANDS, ops) &&
         segmentsPass(op, "resultSegmentSizes", FX_MAX_RESULTS, res);
}

/* IRDL checks an op's declared attributes in the order of a hash map keyed
 * by the addresses of their names, which change from run to run: of two
 * missing (or two of the wrong kind) it named either, so a test expecting
 * one failed at random.  They are checked here first, in the order the
 * op's row declares them (fx.irdl.mlir.in's order), with IRDL's own
 * messages.  The segment sizes in the row are not irdl.attributes (no row
 * above): IRDL checks them itself, and the operand and result counts,
 * before the attributes; when those fail, this check leaves the op to IRDL,
 * whose first error is then theirs. */
MlirLogicalResult fxVerifyDeclaredAttributes(MlirOperation op) {
  FxOpKind kind = fxOpGetKind(op);
  if (kind == FX_OP_NONE || !structurePasses(op, kind))
    return OK;
  for (const char *const *a = fxOpKindInherentAttributes(kind); *a; ++a) {
    int row = 0;
    while (row < kNumDeclaredAttrs && strcmp(kDeclaredAttrs[row].name, *a))
      ++row;
    if (row == kNumDeclaredAttrs)
      continue;
    MlirAttribute v = mlirOperationGetAttributeByName(op, fxStr(*a));
    if (mlirAttributeIsNull(v)) {
      char msg[160];
      MlirStringRef opName = fxOperationGetNameStr(op);
      snprintf(msg, sizeof msg,
               "'%.*s' op attribute \"%s\" is expected but not provided",
               (int)opName.length, opName.data, *a);
      fxOperationEmitError(op, msg);
      return mlirLogicalResultFailure();
    }
    if (FAILED(checkKind(op, v, kDeclaredAttrs[row].kinds)))
      return mlirLogicalResultFailure();
  }
  return OK;
}
