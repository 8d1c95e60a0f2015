/* FxSchema.h - torch op schemas: parser and registry (C11, no MLIR needed).
 *
 * A schema is the text torch and vLLM use to declare an op, e.g.
 *   rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()
 * The grammar is DESIGN.md §2 "Op schemas".  The registry holds the built-in
 * schemas (vLLM `_C::`/`vllm::` ops and the aten ops fxir uses); modules add
 * or override schemas with `fx.schema` ops (fxSchemaTableLookup in Fx.h is
 * the lookup that combines both).
 *
 * Ownership: fxSchemaParse returns a schema the caller owns and releases with
 * fxSchemaDestroy.  Schemas returned by fxSchemaLookupBuiltin are owned by the
 * process-wide registry and live until exit; never destroy them.  All strings
 * inside a schema are owned by the schema.
 *
 * Thread safety: parsing is reentrant; the built-in registry is initialised
 * once (call_once) and read-only afterwards, so lookups may run concurrently
 * (MLIR runs function passes and verifiers in parallel).
 */
#ifndef FX_SCHEMA_H
#define FX_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The type of one parameter or return, without its `?`. */
typedef enum FxArgKind {
  FX_ARG_TENSOR,      /* Tensor, Tensor!, Tensor(a!), Tensor(a)            */
  FX_ARG_TENSOR_LIST, /* Tensor[]                                          */
  FX_ARG_INT,         /* int            -> i64 IntegerAttr or symbol string */
  FX_ARG_SYMINT,      /* SymInt         -> i64 IntegerAttr or symbol string */
  FX_ARG_FLOAT,       /* float          -> f64 FloatAttr                    */
  FX_ARG_BOOL,        /* bool           -> BoolAttr                         */
  FX_ARG_STR,         /* str            -> StringAttr                       */
  FX_ARG_SCALAR_TYPE, /* ScalarType     -> TypeAttr (f16, bf16, ...)        */
  FX_ARG_SCALAR,      /* Scalar         -> IntegerAttr or FloatAttr         */
  FX_ARG_INT_LIST,    /* int[], int[N]  -> ArrayAttr of i64 / strings       */
  FX_ARG_SYMINT_LIST, /* SymInt[]       -> ArrayAttr of i64 / strings       */
} FxArgKind;

typedef struct FxSchemaArg {
  const char *name;      /* parameter name; for returns the name or ""      */
  FxArgKind kind;
  bool optional;         /* `Type?`                                          */
  bool mutated;          /* `Tensor!` or `Tensor(a!)`: written by the op     */
  bool hasDefault;       /* `= ...` present                                  */
  bool kwargOnly;        /* after `*`                                        */
  int listSize;          /* N of `T[N]` (a tuple: its length), or -1     */
  const char *alias;     /* alias set "a" of `Tensor(a!)`/`Tensor(a)`, or "" */
  const char *defaultText; /* text after `=`, or "" when none                */
} FxSchemaArg;

typedef struct FxSchema {
  const char *qualifiedName; /* "ns::name" or "ns::name.overload"            */
  const char *name;          /* "name" (no namespace, no overload)            */
  const char *overload;      /* "overload" or ""                              */
  const char *text;          /* the schema text as given (without namespace)  */
  int numArgs;
  const FxSchemaArg *args;
  int numReturns;            /* `()` is 0                                     */
  const FxSchemaArg *returns;
  uint64_t serial; /* fxSchemaParse's count, unique in the process: caches
                      key on it, not on the address, which a schema parsed
                      after this one is freed may get */
} FxSchema;

/* Parses `text` (e.g. "rms_norm(Tensor! result, ...) -> ()") for namespace
 * `ns` (e.g. "_C"); `text` may also carry the namespace itself
 * ("_C::rms_norm(...)"), in which case `ns` may be NULL.  On error returns
 * NULL and writes a one-line lowercase message, with the 0-based character
 * offset of the problem, into `err` (at most errLen bytes, always
 * NUL-terminated when errLen > 0). */
FxSchema *fxSchemaParse(const char *ns, const char *text, char *err,
                        size_t errLen);

/* Releases a schema returned by fxSchemaParse; NULL is allowed. */
void fxSchemaDestroy(FxSchema *schema);

/* Index of the parameter called `name` (length `len`), or -1. */
int fxSchemaFindArg(const FxSchema *schema, const char *name, size_t len);

/* Whether operand name `name` (length `len`) is `base[K]` (K decimal, no
 * leading zero): the length of `base`, and K in *k; 0 when it is not. */
size_t fxOperandNameItem(const char *name, size_t len, int64_t *k);

/* The parameter an operand called `name` (length `len`) binds to: `x` for
 * a parameter x, `y[K]` for element K of a Tensor[] parameter y (K decimal,
 * no leading zero); -1 when none.  *element (may be NULL) is K, or -1 for a
 * whole parameter. */
int fxSchemaFindOperandParam(const FxSchema *schema, const char *name,
                             size_t len, int64_t *element);

/* Number of mutated parameters (the results auto_functionalized adds). */
int fxSchemaNumMutated(const FxSchema *schema);

/* The first of `schema`'s tensor returns (its index among them) with an
 * alias set that no mutated parameter carries among those `present` marks
 * (present[p]: parameter p has an operand; NULL: none has), or -1; its
 * set in *alias.
 * Such a return may be a view of an operand (torch's view ops, `Tensor(a)
 * self -> Tensor(a)`); one whose set a written operand carries is that
 * operand's new value (copy_'s `Tensor(a!)`). */
int fxSchemaUnwrittenAliasReturn(const FxSchema *schema, const bool *present,
                                 const char **alias);

/* The built-in schema called `qualifiedName` ("_C::rms_norm",
 * "aten::add.Tensor"; `len` bytes), or NULL.  Owned by the registry. */
const FxSchema *fxSchemaLookupBuiltin(const char *qualifiedName, size_t len);

/* The `i`-th older signature of built-in op `qualifiedName` (`len` bytes)
 * that graphs still show (dialect/fx_schema_versions.def), or NULL past the
 * last.  It differs from the current schema only in parameter names, which
 * map by position.  Owned by the registry. */
const FxSchema *fxSchemaGetOldVersion(const char *qualifiedName, size_t len,
                                      int i);

/* How a built-in op runs: a column of the built-in table, the one place
 * that says which ops have an implementation of fxir's own.  Such an op's
 * calling convention is fixed by that implementation, so a module may not
 * change its schema (the verifier rejects an `fx.schema` that does). */
typedef enum FxBuiltinImpl {
  FX_IMPL_NONE,   /* none: called as a user op `fxrt_<ns>__<op>` (DESIGN §4) */
  FX_IMPL_KERNEL, /* a libfxrt kernel with the C ABI of kernels/fxrt.h     */
  FX_IMPL_ALLOC,  /* new storage made by the lowering (empty, empty_like)  */
  FX_IMPL_CLONE,  /* new storage plus a copy (clone)                       */
  FX_IMPL_COPY,   /* a converting, broadcasting copy into `self` (copy_)   */
  FX_IMPL_VIEW,   /* a view of `self` the lowering makes, never a copy    */
                  /* (aten::t, permute, ...: fxrt_view, kernels/views.c)   */
} FxBuiltinImpl;

/* The implementation of the built-in op `qualifiedName` (`len` bytes);
 * FX_IMPL_NONE when it has none or no built-in schema. */
FxBuiltinImpl fxSchemaBuiltinImpl(const char *qualifiedName, size_t len);
/* fxSchemaLookupBuiltin and fxSchemaBuiltinImpl (into *impl) in one
 * lookup. */
const FxSchema *fxSchemaLookupBuiltinImpl(const char *qualifiedName,
                                          size_t len, FxBuiltinImpl *impl);

/* What the result of a built-in view op (impl VIEW) is of its `self`: the
 * view columns of kernels/fx_builtins.def.  Both false (the conservative
 * answer) for any other op. */
typedef struct FxViewFacts {
  bool allElements;       /* every element of `self`, at least once      */
  bool distinctLocations; /* no two of its elements share a location that
                             `self`'s elements did not already share    */
} FxViewFacts;
FxViewFacts fxSchemaBuiltinView(const char *qualifiedName, size_t len);

/* The most parameters a kernel row has: the preprocessor map that expands
 * the rows (kernels/fxrt_pp.h) stops at 8, so a longer row does not
 * compile; fxSchemaCheckKernel refuses one too. */
#define FX_KERNEL_MAX_PARAMS 8

/* How a kernel parameter is passed (kernels/fx_builtins.def). */
typedef enum FxKernelParamKind {
  FX_KERNEL_PARAM_T, /* a required tensor, as a tensor record            */
  FX_KERNEL_PARAM_O, /* an optional tensor (a record with dtype -1: none) */
  FX_KERNEL_PARAM_I, /* int, SymInt or bool, as int64_t                  */
  FX_KERNEL_PARAM_F, /* float or Scalar, as double                       */
  FX_KERNEL_PARAM_L, /* int[] or SymInt[], as a record of a 1-D i64 tensor
                        holding the values (absent: dtype -1)          */
} FxKernelParamKind;

typedef struct FxKernelParam {
  FxKernelParamKind kind;
  const char *name; /* a schema parameter, or the name of an out-record */
} FxKernelParam;

/* The libfxrt kernel of a built-in op: one row of kernels/fx_builtins.def.
 * Its first `numOuts` parameters are out-records, one per tensor the op
 * returns; the others name schema parameters. */
typedef struct FxBuiltinKernel {
  const char *symbol; /* the C function; lowered code calls
                         `_mlir_ciface_<symbol>` */
  int numParams;
  const FxKernelParam *params; /* in ABI order */
  int numOuts;
} FxBuiltinKernel;

/* The kernel of the built-in op `qualifiedName` (`len` bytes), or NULL when
 * it has none.  Owned by the registry. */
const FxBuiltinKernel *fxSchemaBuiltinKernel(const char *qualifiedName,
                                             size_t len);

/* The index of `qualifiedName`'s row in kernels/fx_builtins.def, or -1 when
 * it has no built-in schema (for tables expanded from the same rows). */
int fxSchemaBuiltinRow(const char *qualifiedName, size_t len);

/* Whether `kernel` passes `schema`'s parameters as the lowering can: its
 * first parameters are one T per tensor the op returns (not aliases of an
 * argument), named unlike any schema parameter; the rest name schema
 * parameters in schema order, each once, with a kind that fits the type
 * (T: Tensor, O: Tensor?, I: int/SymInt/bool, F: float/Scalar; scalars not
 * optional unless their default is not None); every schema parameter left
 * out is an int list, str or ScalarType.  Returns 0 when it does; otherwise
 * nonzero with the first disagreement in `err` (errLen bytes,
 * NUL-terminated when > 0).  On success sets kernel->numOuts. */
int fxSchemaCheckKernel(const FxSchema *schema, FxBuiltinKernel *kernel,
                        char *err, size_t errLen);

/* Whether `a` and `b` declare the same signature: the same parameters and
 * returns, in order, with the same names, types, annotations, defaults and
 * keyword-only markers (whitespace and the namespace spelling aside).  List
 * sizes differ only when both sides give one: `int[2]` is not `int[3]`, but
 * `int[]` matches `int[2]` and `(int, int)`.
 * Returns 0 when they do; otherwise nonzero, with the first difference
 * described in `diff` (errLen bytes, NUL-terminated when > 0) as
 * "parameter 0 is 'Tensor input' where the other has 'Tensor! result'". */
int fxSchemaCompare(const FxSchema *a, const FxSchema *b, char *diff,
                    size_t diffLen);

/* Number of built-in schemas and the i-th one (for listing and tests). */
int fxSchemaNumBuiltins(void);
const FxSchema *fxSchemaGetBuiltin(int i);

/* The canonical spelling of a kind as written in schemas ("Tensor", "int",
 * "SymInt[]", ...). */
const char *fxArgKindName(FxArgKind kind);

#ifdef __cplusplus
}
#endif

#endif /* FX_SCHEMA_H */
