/* ImportInternal.h - shared state of fx-import's files (not installed). */
#ifndef FX_IMPORT_INTERNAL_H
#define FX_IMPORT_INTERNAL_H

#include "Import.h"
#include "Py.h"
#include "fxir/Fx.h"
#include "fxir/FxSchema.h"

#include <stdbool.h>
#include <stdint.h>

/* What an FX node name stands for. */
typedef enum ValKind {
  VAL_UNSET,
  VAL_TENSOR,   /* an SSA value                                          */
  VAL_SYM,      /* a SymInt: an int (i), or a symbol or a canonical      */
                /* expression (text/len; fxir/FxDimExpr.h)               */
  VAL_MULTI,    /* an op with several results, reached through getitem  */
  VAL_SPLIT,    /* split / split_with_sizes, pieces through getitem     */
  VAL_NONE,     /* a node whose value is None (an op returning ())      */
} ValKind;

/* One getitem of a node: `name: "annot" = node[index]`. */
typedef struct GetItem {
  int64_t index;
  const PyExpr *annot; /* the annotation string, or NULL */
  struct GetItem *next;
} GetItem;

typedef struct Val {
  ValKind kind;
  MlirValue value;          /* TENSOR                                   */
  bool isInt;               /* SYM: an int, not a symbol                */
  int64_t i;                /* SYM int                                  */
  const char *text;         /* SYM symbol, SYMEXPR expression           */
  size_t len;
  MlirOperation op;         /* MULTI: the op                            */
  int *slotToResult;        /* MULTI: FX tuple index -> result, -1 None */
  MlirValue *slotValues;    /* MULTI, instead of op/slotToResult: the   */
                            /* value of each slot, null for None (v2's  */
                            /* slots come from several ops)             */
  struct Val **slotLists;   /* MULTI, may be NULL: a slot that is a list */
                            /* (v1's new value of a mutated Tensor[])   */
  int numSlots;
  MlirValue input;          /* SPLIT: the split tensor                  */
  int64_t dim;              /* SPLIT                                    */
  int64_t *starts, *ends;   /* SPLIT: per piece                         */
  int numPieces;
} Val;

/* An FX node name: its value, its uses and its getitems. */
typedef struct Node {
  const char *name;
  size_t len;
  int uses;
  GetItem *items;
  const PyExpr *declared; /* a pytree parameter's annotation line */
  Val val;
} Node;

/* One statement `name[: "annot"] = expr`. */
typedef struct Stmt {
  int line;          /* 1-based line in the dump      */
  int col;           /* column of the name            */
  const char *name;
  size_t len;
  const PyExpr *annot; /* PY_STR or NULL               */
  const PyExpr *expr;
  MlirLocation loc;
  bool functionalized; /* after a `# fx-functionalized` line */
} Stmt;

typedef struct Imp {
  MlirContext ctx;
  PyArena *arena;
  const FxImportOptions *opts;
  FxImportError *err;
  bool failed;
  MlirModule module;
  /* --schema-file schemas, looked up before the built-in ones. */
  FxSchema **schemas;
  int numSchemas, capSchemas;
  /* The function being built. */
  MlirBlock block;
  Node *nodes; /* open addressing, capacity a power of two */
  size_t cap, count;
  const Stmt *stmt; /* the statement being imported (error location) */
  int *prefix;      /* per line: columns of log prefix removed */
  const int **colMaps; /* per line: kept byte -> raw byte, or NULL */
  int *mapLens;
  int numLines;
  intptr_t numParams; /* parameters of the function being built */
  MlirAttribute *strides; /* per parameter: its fx.strides, or null */
  intptr_t capStrides;
  /* Diagnostics MLIR emits while an op is verified. */
  char diag[768];
} Imp;

/* Records a located error (the first one wins) and returns false. */
bool impError(Imp *im, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An error at a column of the current statement's line. */
bool impErrorAt(Imp *im, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

Node *impLookup(Imp *im, const char *name, size_t len, bool create);
/* The node an expression names (a PY_NAME), or NULL. */
Node *impNodeOf(Imp *im, const PyExpr *e);
/* The tensor value of `e`, which must name a tensor node. */
bool impTensor(Imp *im, const PyExpr *e, MlirValue *out);

/* ImportType.c */
/* Parses an annotation: a tensor type into *type, or a `Sym(...)` into
 * *sym (kind VAL_SYM).  `e` is the PY_STR annotation. */
bool impAnnotation(Imp *im, int line, const PyExpr *e, MlirType *type,
                   Val *sym);
/* The same for a parameter: its strides, when the annotation has them
 * (`"f16[s0, 4096][4096, 1]cuda:0"`), into *strides as an fx.strides array
 * (else null). */
bool impParamAnnotation(Imp *im, int line, const PyExpr *e, MlirType *type,
                        Val *sym, MlirAttribute *strides);
/* The tensor type of a statement's annotation; an error naming `what`
 * when the statement has none or it is not a tensor. */
bool impStmtTensorType(Imp *im, const PyExpr *annot, const char *what,
                       MlirType *type);
/* The MLIR type of torch dtype literal `torch.float16`, or a null type. */
MlirType impTorchDtype(Imp *im, const PyExpr *e);
/* Converts a literal (or a SymInt node) into the attribute schema kind
 * `kind` needs; `param` names it in errors.  *omit is set for None. */
bool impArgAttr(Imp *im, const PyExpr *e, FxArgKind kind, const char *param,
                MlirAttribute *out, bool *omit);
/* An attribute for a schema-less call's non-tensor argument. */
bool impLooseAttr(Imp *im, const PyExpr *e, const char *param,
                  MlirAttribute *out, bool *omit);
/* A shape/int-list element: an int or a SymInt node. */
bool impDimAttr(Imp *im, const PyExpr *e, MlirAttribute *out);

/* ImportCall.c */
#define MAX_PARAMS 64

/* The operands and args of a schema'd call, bound from its arguments. */
typedef struct Built {
  int n;
  MlirValue operands[FX_MAX_OPERANDS + 1];
  MlirStringRef names[FX_MAX_OPERANDS + 1];
  int numArgs;
  MlirNamedAttribute args[MAX_PARAMS];
  int paramOfOperand[FX_MAX_OPERANDS + 1]; /* schema parameter index */
} Built;

/* Appends an `aten::clone` of `v` marked fx.functionalized (the clone of
 * an auto_functionalized argument, which fx-fix-functionalization may
 * write in place instead: docs/import.md) and sets *clone to it. */
bool impFunctionalizedClone(Imp *im, MlirLocation loc, MlirValue v,
                            MlirValue *clone);
/* Appends the in-place fx.call an auto_functionalized node expands to and
 * makes `node` its slots: the op's `nret` returns (slot 0 None when it
 * returns nothing), then `numNew` new values the caller fills in. */
bool impHopInPlaceCall(Imp *im, MlirLocation loc, const char *target, int n,
                       const MlirValue *operands, const MlirStringRef *names,
                       MlirAttribute args, int nret, const MlirType *types,
                       int numNew, Node *node);
/* The types of `s`'s own returns for an auto_functionalized node, from its
 * getitems' annotations: an error when one is not a tensor, or unread. */
bool impOwnReturnTypes(Imp *im, Node *node, const PyExpr *call,
                       const FxSchema *s, MlirType *types);

/* `param[k]`, the operand name of element k of a Tensor[] parameter
 * (docs/dialect.md); in the arena. */
MlirStringRef impElementName(Imp *im, const char *param, int64_t k);
/* `torch.ops.ns.op.overload` -> "ns::op[.overload]" in fxir's spelling;
 * false (no error unless the name is too long) for another callee. */
bool impTargetOf(Imp *im, const PyExpr *callee, char *out, size_t size);
/* Binds `call`'s arguments from positional `first` to `s`'s parameters
 * (vals[p], NULL when absent), or to the older version of the op whose
 * names the keywords fit. */
bool impBindVersions(Imp *im, const PyExpr *call, int first,
                     const FxSchema *s, const PyExpr **vals);
/* Operands and args of a schema'd call from the bound values (NULL ones
 * are left out). */
bool impBuildSchemaArgs(Imp *im, const FxSchema *s, const PyExpr **vals,
                        Built *b);
/* `b`'s args as a dictionary attribute. */
MlirAttribute impDict(Imp *im, Built *b);
/* The type of FX tuple slot `index` of `node`, from its getitem's
 * annotation; a null type when no getitem reads it. */
bool impSlotType(Imp *im, Node *node, int64_t index, MlirType *type);
MlirAttribute impI64Attr(Imp *im, int64_t v);
/* A slice bound: an int, a SymInt node or None (`dflt`). */
bool impBoundArg(Imp *im, const PyExpr *e, int64_t dflt, MlirAttribute *out);
/* The error for an auto_functionalized op without a schema. */
bool impNoSchema(Imp *im, int col, const char *target);

/* ImportHopV2.c */
/* auto_functionalized_v2(op, **kwargs) expanded into clones of the bases,
 * views of the clones and the op in place. */
bool impHopV2(Imp *im, const Stmt *st, Node *node, const PyExpr *call);
/* Imports statement `st` whose expression is a call. */
bool impCall(Imp *im, const Stmt *st, Node *node);
/* A getitem statement `name = base[i]`. */
bool impGetItem(Imp *im, const Stmt *st, Node *node);
/* The schema of `qualifiedName`: --schema-file first, then built in. */
const FxSchema *impSchema(Imp *im, const char *qualifiedName, size_t len);
/* Whether `v` is a parameter whose annotated strides are contiguous: the
 * one value whose torch layout fx-import knows matches fxir's, which an
 * aten::as_strided of it (or of its clone) depends on (ImportHopV2.c). */
bool impDeclaredContiguous(Imp *im, MlirValue v);
/* Creates `op` at the end of the function's block and verifies it; an
 * error at the current statement when MLIR rejects it. */
bool impAppend(Imp *im, MlirOperation op);

#define IMP_STR(s) mlirStringRefCreate((s), strlen(s))

#endif
