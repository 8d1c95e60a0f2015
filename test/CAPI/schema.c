// RUN: fx-capi-schema-test 2>&1 | FileCheck %s

/* schema.c - tests the schema parser and built-in registry (FxSchema.h).
 * Plain C11, linked with FxSchema.c and FxBuiltinSchemas.c only.  Properties
 * are printed and matched by the CHECK lines below; API results are checked
 * in code with EXPECT (named so FileCheck never mistakes it for a directive),
 * which keeps going after a failure and makes main return 1. */
#include "fxir/FxSchema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

static int gPassed, gFailed;

#define EXPECT(cond)                                                           \
  ((cond) ? (void)gPassed++                                                    \
          : (void)(gFailed++, printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, \
                                     #cond)))

/* Re-renders a schema in canonical form (`int[N]` and `(int, int)` come out
 * as `int[]`), so built-ins can be compared with their source text. */
static void render(const FxSchemaArg *a, char *buf, size_t size) {
  const char *kind = fxArgKindName(a->kind);
  size_t baseLen = strlen(kind) - (strstr(kind, "[]") ? 2 : 0);
  char annot[32] = "";
  if (a->alias[0])
    snprintf(annot, sizeof annot, "(%s%s)", a->alias, a->mutated ? "!" : "");
  else if (a->mutated)
    strcpy(annot, "!");
  snprintf(buf, size, "%.*s%s%s%s", (int)baseLen, kind, annot, kind + baseLen,
           a->optional ? "?" : "");
}

static void renderSchema(const FxSchema *s, char *buf, size_t size) {
  size_t n = snprintf(buf, size, "%s%s%s(", s->name, s->overload[0] ? "." : "",
                      s->overload);
  char type[64];
  for (int i = 0; i < s->numArgs && n < size; i++) {
    const FxSchemaArg *a = &s->args[i];
    render(a, type, sizeof type);
    bool star = a->kwargOnly && (!i || !s->args[i - 1].kwargOnly);
    n += snprintf(buf + n, size - n, "%s%s%s %s%s%s", i ? ", " : "",
                  star ? "*, " : "", type, a->name, a->hasDefault ? "=" : "",
                  a->defaultText);
  }
  if (n < size)
    n += snprintf(buf + n, size - n, ") -> %s", s->numReturns == 1 ? "" : "(");
  for (int i = 0; i < s->numReturns && n < size; i++) {
    render(&s->returns[i], type, sizeof type);
    n += snprintf(buf + n, size - n, "%s%s%s%s", i ? ", " : "", type,
                  s->returns[i].name[0] ? " " : "", s->returns[i].name);
  }
  if (n < size && s->numReturns != 1)
    snprintf(buf + n, size - n, ")");
}

static void printArg(const char *what, const FxSchemaArg *a) {
  char size[24] = "";
  if (a->listSize >= 0)
    snprintf(size, sizeof size, " size=%d", a->listSize);
  printf("  %s %s: %s%s%s%s%s%s%s%s%s\n", what, a->name[0] ? a->name : "_",
         fxArgKindName(a->kind), size, a->optional ? "?" : "",
         a->mutated ? " mutated" : "", a->alias[0] ? " alias=" : "", a->alias,
         a->kwargOnly ? " kwarg-only" : "", a->hasDefault ? " default=" : "",
         a->defaultText);
  EXPECT(a->hasDefault == (a->defaultText[0] != '\0'));
}

static void dump(const FxSchema *s) {
  printf("schema %s: %d args, %d returns, %d mutated\n", s->qualifiedName,
         s->numArgs, s->numReturns, fxSchemaNumMutated(s));
  for (int i = 0; i < s->numArgs; i++) {
    printArg("arg", &s->args[i]);
    EXPECT(fxSchemaFindArg(s, s->args[i].name, strlen(s->args[i].name)) == i);
  }
  for (int i = 0; i < s->numReturns; i++)
    printArg("ret", &s->returns[i]);
}

static void dumpBuiltin(const char *name) {
  const FxSchema *s = fxSchemaLookupBuiltin(name, strlen(name));
  EXPECT(s != NULL);
  if (s)
    dump(s);
}

static void dumpParsed(const char *ns, const char *text) {
  char err[128];
  FxSchema *s = fxSchemaParse(ns, text, err, sizeof err);
  EXPECT(s != NULL);
  if (!s) {
    printf("unexpected error: %s\n", err);
    return;
  }
  dump(s);
  printf("  text: %s\n", s->text);
  fxSchemaDestroy(s);
}

static void bad(const char *ns, const char *text) {
  char err[128] = "unchanged";
  FxSchema *s = fxSchemaParse(ns, text, err, sizeof err);
  EXPECT(s == NULL && err[0] != '\0');
  fxSchemaDestroy(s);
  printf("error: %s\n", err);
}

/* The first lookups race from several threads: call_once must build the
 * registry exactly once and every thread must see the same schema. */
static int lookupThread(void *out) {
  *(const FxSchema **)out = fxSchemaLookupBuiltin("_C::rms_norm", 12);
  return 0;
}

int main(void) {
  thrd_t threads[4];
  const FxSchema *seen[4] = {0};
  for (int i = 0; i < 4; i++)
    EXPECT(thrd_create(&threads[i], lookupThread, &seen[i]) == thrd_success);
  for (int i = 0; i < 4; i++)
    EXPECT(thrd_join(threads[i], NULL) == thrd_success);
  for (int i = 0; i < 4; i++)
    EXPECT(seen[i] != NULL &&
           seen[i] == fxSchemaLookupBuiltin("_C::rms_norm", 12));

  /* Every built-in parses, round-trips to its source text and is found by
   * its qualified name. */
  // CHECK: builtins: 85
  printf("builtins: %d\n", fxSchemaNumBuiltins());
  // CHECK-NEXT: builtin _C::dynamic_per_token_scaled_fp8_quant: 4 args, 0 returns, 2 mutated, impl kernel
  // CHECK-NEXT: builtin _C::dynamic_scaled_fp8_quant: 3 args, 0 returns, 2 mutated, impl kernel
  // CHECK-NEXT: builtin _C::dynamic_scaled_int8_quant: 4 args, 0 returns, 3 mutated, impl none
  // CHECK-NEXT: builtin _C::fused_add_rms_norm: 4 args, 0 returns, 2 mutated, impl kernel
  // CHECK-NEXT: builtin _C::fused_add_rms_norm_static_fp8_quant: 6 args, 0 returns, 2 mutated, impl kernel
  // CHECK-NEXT: builtin _C::fused_qk_norm_rope: 12 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin _C::gelu_and_mul: 2 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin _C::gelu_tanh_and_mul: 2 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin _C::mul_and_silu: 2 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin _C::per_token_group_fp8_quant: 10 args, 0 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin _C::rms_norm: 4 args, 0 returns, 1 mutated, impl kernel
  // CHECK-NEXT: builtin _C::rms_norm_dynamic_per_token_quant: 7 args, 0 returns, 3 mutated, impl kernel
  // CHECK-NEXT: builtin _C::rms_norm_per_block_quant: 9 args, 0 returns, 3 mutated, impl none
  // CHECK-NEXT: builtin _C::rms_norm_static_fp8_quant: 5 args, 0 returns, 1 mutated, impl kernel
  // CHECK-NEXT: builtin _C::rotary_embedding: 8 args, 0 returns, 2 mutated, impl kernel
  // CHECK-NEXT: builtin _C::scaled_fp4_quant.out: 5 args, 0 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin _C::silu_and_mul: 2 args, 0 returns, 1 mutated, impl kernel
  // CHECK-NEXT: builtin _C::silu_and_mul_nvfp4_quant: 4 args, 0 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin _C::silu_and_mul_per_block_quant: 6 args, 0 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin _C::silu_and_mul_quant: 3 args, 0 returns, 1 mutated, impl kernel
  // CHECK-NEXT: builtin _C::silu_and_mul_with_clamp: 5 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin _C::static_scaled_fp8_quant: 4 args, 0 returns, 1 mutated, impl kernel
  // CHECK-NEXT: builtin _C::static_scaled_int8_quant: 4 args, 0 returns, 1 mutated, impl none
  // CHECK-NEXT: builtin aten::_scaled_mm: 8 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::_softmax: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::_to_copy: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::abs: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::add.Scalar: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::add.Tensor: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::addmm: 5 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::alias: 1 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::as_strided: 4 args, 1 returns, 0 mutated, impl view (subset, repeats)
  // CHECK-NEXT: builtin aten::bitwise_and.Tensor: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::bitwise_not: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::bitwise_or.Tensor: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::bmm: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::clone: 1 args, 1 returns, 0 mutated, impl clone
  // CHECK-NEXT: builtin aten::copy_: 3 args, 1 returns, 1 mutated, impl copy
  // CHECK-NEXT: builtin aten::cos: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::detach: 1 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::div.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::div.Tensor: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::embedding: 5 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::empty: 2 args, 1 returns, 0 mutated, impl alloc
  // CHECK-NEXT: builtin aten::empty_like: 2 args, 1 returns, 0 mutated, impl alloc
  // CHECK-NEXT: builtin aten::eq.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::exp: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::expand: 3 args, 1 returns, 0 mutated, impl view (all, repeats)
  // CHECK-NEXT: builtin aten::full: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::ge.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::gt.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::index_select: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::le.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::log: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::lt.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::masked_fill.Scalar: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::mean.dim: 4 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::mm: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::mul.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::mul.Tensor: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::ne.Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::neg: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::ones: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::permute: 2 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::pow.Tensor_Scalar: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::rsqrt: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::rsub.Scalar: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::select.int: 3 args, 1 returns, 0 mutated, impl view (subset, distinct)
  // CHECK-NEXT: builtin aten::sigmoid: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::silu: 1 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::squeeze.dim: 2 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::sub.Scalar: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::sub.Tensor: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::sum.dim_IntList: 4 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::t: 1 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::transpose.int: 3 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::unsqueeze: 2 args, 1 returns, 0 mutated, impl view (all, distinct)
  // CHECK-NEXT: builtin aten::where.self: 3 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin aten::zeros: 2 args, 1 returns, 0 mutated, impl kernel
  // CHECK-NEXT: builtin prims::convert_element_type: 2 args, 1 returns, 0 mutated, impl none
  // CHECK-NEXT: builtin vllm::all_reduce: 2 args, 1 returns, 0 mutated, impl none
  // CHECK-NEXT: builtin vllm::flashinfer_trtllm_fused_allreduce_norm: 14 args, 0 returns, 5 mutated, impl none
  // CHECK-NEXT: builtin vllm::fused_rope_and_unified_kv_cache_update: 7 args, 1 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin vllm::fused_rope_unified_mla_kv_cache_update: 9 args, 1 returns, 2 mutated, impl none
  // CHECK-NEXT: builtin vllm::unified_attention_with_output: 7 args, 0 returns, 2 mutated, impl none
  for (int i = 0; i < fxSchemaNumBuiltins(); i++) {
    const FxSchema *s = fxSchemaGetBuiltin(i);
    char text[1024];
    renderSchema(s, text, sizeof text);
    EXPECT(!strcmp(text, s->text));
    const char *q = s->qualifiedName;
    EXPECT(fxSchemaLookupBuiltin(q, strlen(q)) == s);
    static const char *const kImpl[] = {"none", "kernel", "alloc", "clone",
                                        "copy", "view"};
    FxBuiltinImpl impl = fxSchemaBuiltinImpl(q, strlen(q));
    FxViewFacts view = fxSchemaBuiltinView(q, strlen(q));
    printf("builtin %s: %d args, %d returns, %d mutated, impl %s%s%s\n",
           s->qualifiedName, s->numArgs, s->numReturns, fxSchemaNumMutated(s),
           kImpl[impl],
           impl != FX_IMPL_VIEW ? "" : view.allElements ? " (all" : " (subset",
           impl != FX_IMPL_VIEW       ? ""
           : view.distinctLocations ? ", distinct)"
                                    : ", repeats)");
    /* The view columns are for view rows only: other ops answer "no". */
    EXPECT(impl == FX_IMPL_VIEW || (!view.allElements && !view.distinctLocations));
    EXPECT(fxSchemaCompare(s, s, NULL, 0) == 0);
  }
  /* Older signatures: only names differ from the current one. */
  const FxSchema *old = fxSchemaGetOldVersion("_C::silu_and_mul", 16, 0);
  EXPECT(old && old->numArgs == 2 && !strcmp(old->args[0].name, "out") &&
         old->args[0].mutated);
  EXPECT(fxSchemaGetOldVersion("_C::silu_and_mul", 16, 1) == NULL);
  EXPECT(fxSchemaGetOldVersion("_C::rms_norm", 12, 0) == NULL);
  EXPECT(fxSchemaGetOldVersion("_C::nope", 8, 0) == NULL);
  EXPECT(fxSchemaGetBuiltin(-1) == NULL);
  EXPECT(fxSchemaGetBuiltin(fxSchemaNumBuiltins()) == NULL);

  /* No implementation without a built-in schema; lookup by exact name. */
  EXPECT(fxSchemaBuiltinImpl("mylib::op", 9) == FX_IMPL_NONE);
  EXPECT(!fxSchemaBuiltinView("mylib::op", 9).allElements &&
         !fxSchemaBuiltinView("mylib::op", 9).distinctLocations);
  EXPECT(fxSchemaBuiltinImpl("aten::add", 9) == FX_IMPL_NONE);
  EXPECT(fxSchemaBuiltinImpl("aten::add.Tensor", 16) == FX_IMPL_KERNEL);
  EXPECT(fxSchemaBuiltinImpl(NULL, 0) == FX_IMPL_NONE);

  /* The kernel rows (kernels/fx_builtins.def): symbol, out-records and
   * parameters in ABI order; the same rows by name and by row index. */
  for (int i = 0; i < fxSchemaNumBuiltins(); i++) {
    const char *q = fxSchemaGetBuiltin(i)->qualifiedName;
    const FxBuiltinKernel *k = fxSchemaBuiltinKernel(q, strlen(q));
    int row = fxSchemaBuiltinRow(q, strlen(q));
    EXPECT(row >= 0 && row < fxSchemaNumBuiltins());
    if (!k)
      continue;
    printf("kernel %s: %s outs %d:", q, k->symbol, k->numOuts);
    for (int p = 0; p < k->numParams; p++)
      printf(" %c %s", "TOIFL"[k->params[p].kind], k->params[p].name);
    printf("\n");
  }
  // CHECK: kernel _C::dynamic_per_token_scaled_fp8_quant: fxrt__C__dynamic_per_token_scaled_fp8_quant outs 0: T result T input T scale O scale_ub
  // CHECK-NEXT: kernel _C::dynamic_scaled_fp8_quant: fxrt__C__dynamic_scaled_fp8_quant outs 0: T result T input T scale
  // CHECK-NEXT: kernel _C::fused_add_rms_norm: fxrt__C__fused_add_rms_norm outs 0: T input T residual O weight F epsilon
  // CHECK-NEXT: kernel _C::fused_add_rms_norm_static_fp8_quant: fxrt__C__fused_add_rms_norm_static_fp8_quant outs 0: T result T input T residual T weight T scale F epsilon
  // CHECK-NEXT: kernel _C::rms_norm: fxrt__C__rms_norm outs 0: T result T input O weight F epsilon
  // CHECK-NEXT: kernel _C::rms_norm_dynamic_per_token_quant: fxrt__C__rms_norm_dynamic_per_token_quant outs 0: T result T input T weight T scale F epsilon O scale_ub O residual
  // CHECK-NEXT: kernel _C::rms_norm_static_fp8_quant: fxrt__C__rms_norm_static_fp8_quant outs 0: T result T input T weight T scale F epsilon
  // CHECK-NEXT: kernel _C::rotary_embedding: fxrt__C__rotary_embedding outs 0: T positions T query O key I head_size T cos_sin_cache I is_neox I rope_dim_offset I inverse
  // CHECK-NEXT: kernel _C::silu_and_mul: fxrt__C__silu_and_mul outs 0: T result T input
  // CHECK-NEXT: kernel _C::silu_and_mul_quant: fxrt__C__silu_and_mul_quant outs 0: T result T input T scale
  // CHECK-NEXT: kernel _C::static_scaled_fp8_quant: fxrt__C__static_scaled_fp8_quant outs 0: T result T input T scale
  // CHECK-NEXT: kernel aten::_scaled_mm: fxrt_aten___scaled_mm outs 1: T out T self T mat2 T scale_a T scale_b O bias O scale_result I use_fast_accum
  // CHECK-NEXT: kernel aten::_softmax: fxrt_aten___softmax outs 1: T out T self I dim I half_to_float
  // CHECK-NEXT: kernel aten::_to_copy: fxrt_aten___to_copy outs 1: T out T self I non_blocking
  // CHECK-NEXT: kernel aten::abs: fxrt_aten__abs outs 1: T out T self
  // CHECK-NEXT: kernel aten::add.Scalar: fxrt_aten__add_Scalar outs 1: T out T self F other F alpha
  // CHECK-NEXT: kernel aten::add.Tensor: fxrt_aten__add_Tensor outs 1: T out T self T other F alpha
  // CHECK-NEXT: kernel aten::addmm: fxrt_aten__addmm outs 1: T out T self T mat1 T mat2 F beta F alpha
  // CHECK-NEXT: kernel aten::bitwise_and.Tensor: fxrt_aten__bitwise_and_Tensor outs 1: T out T self T other
  // CHECK-NEXT: kernel aten::bitwise_not: fxrt_aten__bitwise_not outs 1: T out T self
  // CHECK-NEXT: kernel aten::bitwise_or.Tensor: fxrt_aten__bitwise_or_Tensor outs 1: T out T self T other
  // CHECK-NEXT: kernel aten::bmm: fxrt_aten__bmm outs 1: T out T self T mat2
  // CHECK-NEXT: kernel aten::copy_: fxrt_aten__copy_ outs 0: T self T src I non_blocking
  // CHECK-NEXT: kernel aten::cos: fxrt_aten__cos outs 1: T out T self
  // CHECK-NEXT: kernel aten::div.Scalar: fxrt_aten__div_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::div.Tensor: fxrt_aten__div_Tensor outs 1: T out T self T other
  // CHECK-NEXT: kernel aten::embedding: fxrt_aten__embedding outs 1: T out T weight T indices I padding_idx I scale_grad_by_freq I sparse
  // CHECK-NEXT: kernel aten::eq.Scalar: fxrt_aten__eq_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::exp: fxrt_aten__exp outs 1: T out T self
  // CHECK-NEXT: kernel aten::full: fxrt_aten__full outs 1: T out F fill_value
  // CHECK-NEXT: kernel aten::ge.Scalar: fxrt_aten__ge_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::gt.Scalar: fxrt_aten__gt_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::index_select: fxrt_aten__index_select outs 1: T out T self I dim T index
  // CHECK-NEXT: kernel aten::le.Scalar: fxrt_aten__le_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::log: fxrt_aten__log outs 1: T out T self
  // CHECK-NEXT: kernel aten::lt.Scalar: fxrt_aten__lt_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::masked_fill.Scalar: fxrt_aten__masked_fill_Scalar outs 1: T out T self T mask F value
  // CHECK-NEXT: kernel aten::mean.dim: fxrt_aten__mean_dim outs 1: T out T self L dim I keepdim
  // CHECK-NEXT: kernel aten::mm: fxrt_aten__mm outs 1: T out T self T mat2
  // CHECK-NEXT: kernel aten::mul.Scalar: fxrt_aten__mul_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::mul.Tensor: fxrt_aten__mul_Tensor outs 1: T out T self T other
  // CHECK-NEXT: kernel aten::ne.Scalar: fxrt_aten__ne_Scalar outs 1: T out T self F other
  // CHECK-NEXT: kernel aten::neg: fxrt_aten__neg outs 1: T out T self
  // CHECK-NEXT: kernel aten::ones: fxrt_aten__ones outs 1: T out
  // CHECK-NEXT: kernel aten::pow.Tensor_Scalar: fxrt_aten__pow_Tensor_Scalar outs 1: T out T self F exponent
  // CHECK-NEXT: kernel aten::rsqrt: fxrt_aten__rsqrt outs 1: T out T self
  // CHECK-NEXT: kernel aten::rsub.Scalar: fxrt_aten__rsub_Scalar outs 1: T out T self F other F alpha
  // CHECK-NEXT: kernel aten::sigmoid: fxrt_aten__sigmoid outs 1: T out T self
  // CHECK-NEXT: kernel aten::silu: fxrt_aten__silu outs 1: T out T self
  // CHECK-NEXT: kernel aten::sub.Scalar: fxrt_aten__sub_Scalar outs 1: T out T self F other F alpha
  // CHECK-NEXT: kernel aten::sub.Tensor: fxrt_aten__sub_Tensor outs 1: T out T self T other F alpha
  // CHECK-NEXT: kernel aten::sum.dim_IntList: fxrt_aten__sum_dim_IntList outs 1: T out T self L dim I keepdim
  // CHECK-NEXT: kernel aten::where.self: fxrt_aten__where_self outs 1: T out T condition T self T other
  // CHECK-NEXT: kernel aten::zeros: fxrt_aten__zeros outs 1: T out
  EXPECT(!fxSchemaBuiltinKernel("_C::fused_qk_norm_rope", 22));
  EXPECT(!fxSchemaBuiltinKernel("aten::clone", 11));
  EXPECT(fxSchemaBuiltinRow("mylib::op", 9) == -1);
  EXPECT(fxSchemaBuiltinRow(NULL, 0) == -1);

  /* A kernel row that disagrees with its schema is refused, with the
   * first disagreement. */
  {
#define P(kind, name) {FX_KERNEL_PARAM_##kind, name}
    static const struct {
      const char *schema;
      FxKernelParam params[4];
      int n;
    } kRows[] = {
        {"f(Tensor! a, Tensor? b, float e) -> ()", {P(T, "a"), P(O, "b"), P(F, "e")}, 3},
        {"f(Tensor a, int[] s, ScalarType? d=None, str m) -> Tensor", {P(T, "out"), P(T, "a")}, 2},
        {"f(Tensor(a!) a) -> Tensor(a!)", {P(T, "a")}, 1},
        {"f(Tensor a) -> Tensor", {P(T, "a")}, 1},
        {"f(Tensor a) -> Tensor", {P(T, "a"), P(T, "a")}, 2},
        {"f(Tensor a) -> Tensor", {P(O, "out"), P(T, "a")}, 2},
        {"f(Tensor a, Tensor b) -> ()", {P(T, "b"), P(T, "a")}, 2},
        {"f(Tensor a, Tensor b) -> ()", {P(T, "a"), P(T, "a")}, 2},
        {"f(Tensor a, Tensor b) -> ()", {P(T, "b")}, 1},
        {"f(Tensor a, Tensor b) -> ()", {P(T, "a")}, 1},
        {"f(Tensor a, Tensor c) -> ()", {P(T, "a"), P(T, "b")}, 2},
        {"f(Tensor? a) -> ()", {P(T, "a")}, 1},
        {"f(Tensor a, int n) -> ()", {P(T, "a"), P(F, "n")}, 2},
        {"f(Tensor a, Scalar x) -> ()", {P(T, "a"), P(I, "x")}, 2},
        {"f(Tensor a, int? n=None) -> ()", {P(T, "a"), P(I, "n")}, 2},
        {"f(Tensor a, int? n=3) -> ()", {P(T, "a"), P(I, "n")}, 2},
        {"f(Tensor a) -> (Tensor, int)", {P(T, "o"), P(T, "a")}, 2},
        {"f(Tensor[] a) -> ()", {{0}}, 0},
        {"f(Tensor[] a) -> ()", {P(T, "a")}, 1},
        {"f(Tensor a) -> ()", {P(T, "a")}, 9},
        {"f(Tensor a, int[]? d, int[] e=[]) -> Tensor", {P(T, "o"), P(T, "a"), P(L, "d"), P(L, "e")}, 4},
        {"f(Tensor a, SymInt[] d=[1]) -> ()", {P(T, "a"), P(L, "d")}, 2},
        {"f(Tensor a, int d) -> ()", {P(T, "a"), P(L, "d")}, 2},
    };
#undef P
    for (size_t i = 0; i < sizeof kRows / sizeof *kRows; i++) {
      FxSchema *s = fxSchemaParse("t", kRows[i].schema, NULL, 0);
      EXPECT(s != NULL);
      if (!s)
        continue;
      FxBuiltinKernel k = {"k", kRows[i].n, kRows[i].params, -1};
      char err[256] = "";
      int r = fxSchemaCheckKernel(s, &k, err, sizeof err);
      printf("kernel row %zu: %s\n", i, r ? err : "ok");
      EXPECT(r ? k.numOuts == -1 : k.numOuts >= 0);
      fxSchemaDestroy(s);
    }
    // CHECK-LABEL: kernel row 0: ok
    // CHECK-NEXT: kernel row 1: ok
    // CHECK-NEXT: kernel row 2: ok
    // CHECK-NEXT: kernel row 3: out-record 'a' has the name of a schema parameter
    // CHECK-NEXT: kernel row 4: out-record 'a' has the name of a schema parameter
    // CHECK-NEXT: kernel row 5: the op returns 1 new tensor(s) but the row does not start with as many (T, ...) out-records
    // CHECK-NEXT: kernel row 6: schema parameter 'a' is not passed (only int lists, str and ScalarType may be left out)
    // CHECK-NEXT: kernel row 7: parameter 'a' is out of schema order (or passed twice)
    // CHECK-NEXT: kernel row 8: schema parameter 'a' is not passed (only int lists, str and ScalarType may be left out)
    // CHECK-NEXT: kernel row 9: schema parameter 'b' is not passed (only int lists, str and ScalarType may be left out)
    // CHECK-NEXT: kernel row 10: parameter 'b' is not a schema parameter
    // CHECK-NEXT: kernel row 11: parameter 'a' is passed as T, which does not fit its schema type
    // CHECK-NEXT: kernel row 12: parameter 'n' is passed as F, which does not fit its schema type
    // CHECK-NEXT: kernel row 13: parameter 'x' is passed as I, which does not fit its schema type
    // CHECK-NEXT: kernel row 14: parameter 'n' is an optional scalar without a value to pass when it is left out
    // CHECK-NEXT: kernel row 15: ok
    // CHECK-NEXT: kernel row 16: return 1 is not a Tensor (kernels return tensors through out-records)
    // CHECK-NEXT: kernel row 17: schema parameter 'a' is not passed (only int lists, str and ScalarType may be left out)
    // CHECK-NEXT: kernel row 18: parameter 'a' is passed as T, which does not fit its schema type
    // CHECK-NEXT: kernel row 19: 9 parameters, more than the 8 a kernel row can have
    // CHECK-NEXT: kernel row 20: ok
    // CHECK-NEXT: kernel row 21: int list 'd' has the default [1]; a kernel receives only None or [] when it is left out
    // CHECK-NEXT: kernel row 22: parameter 'd' is passed as L, which does not fit its schema type
  }

  /* Comparing schemas: spacing and the namespace spelling aside, any
   * change is a difference, described as the first one. */
  {
    static const char *const kOther[] = {
        "rms_norm( Tensor!  result,Tensor input, Tensor? weight, float epsilon)->()",
        "rms_norm(Tensor input, Tensor! result, Tensor? weight, float epsilon) -> ()",
        "rms_norm(Tensor! result, Tensor input, Tensor? weight) -> ()",
        "rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon, int n) -> ()",
        "rms_norm(Tensor(a!) result, Tensor input, Tensor? weight, float epsilon) -> ()",
        "rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon=1e-6) -> ()",
        "rms_norm(Tensor! result, Tensor input, Tensor? weight, *, float epsilon) -> ()",
        "rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> Tensor",
        "rms_norm(Tensor! result, Tensor input, Tensor[] weight, float epsilon) -> ()",
    };
    const FxSchema *b = fxSchemaLookupBuiltin("_C::rms_norm", 12);
    for (size_t i = 0; i < sizeof kOther / sizeof *kOther; i++) {
      char diff[256] = "unchanged";
      FxSchema *o = fxSchemaParse("_C", kOther[i], NULL, 0);
      EXPECT(o != NULL);
      int r = o ? fxSchemaCompare(o, b, diff, sizeof diff) : -1;
      EXPECT((r == 0) == (i == 0));
      printf("compare %zu: %s\n", i, r ? diff : "same");
      fxSchemaDestroy(o);
    }
    // CHECK: compare 0: same
    // CHECK-NEXT: compare 1: parameter 0 is 'Tensor input', not 'Tensor! result'
    // CHECK-NEXT: compare 2: has no parameter 3 ('float epsilon')
    // CHECK-NEXT: compare 3: has an extra parameter 4 ('int n')
    // CHECK-NEXT: compare 4: parameter 0 is 'Tensor(a!) result', not 'Tensor! result'
    // CHECK-NEXT: compare 5: parameter 3 is 'float epsilon=1e-6', not 'float epsilon'
    // CHECK-NEXT: compare 6: parameter 3 is '*, float epsilon', not 'float epsilon'
    // CHECK-NEXT: compare 7: has an extra return 0 ('Tensor')
    // CHECK-NEXT: compare 8: parameter 2 is 'Tensor[] weight', not 'Tensor? weight'
  }

  /* List sizes differ only when both sides give one (`int[]` restates
   * vLLM's `(int, int)? group_shape`); a tuple `(int, int)` is `int[2]`. */
  {
    static const char *const kLists[][2] = {
        {"f(int[2] k) -> ()", "f(int[2] k) -> ()"},
        {"f(int[2] k) -> ()", "f(int[3] k) -> ()"},
        {"f(int[2] k) -> ()", "f(int[] k) -> ()"},
        {"f(int[] k) -> ()", "f(int[ 12 ]? k) -> ()"},
        {"f((int, int) k) -> ()", "f(int[2] k) -> ()"},
        {"f(SymInt[1] k) -> ()", "f((SymInt) k) -> ()"},
        {"f((int, int)? g=None) -> ()", "f(int[]? g=None) -> ()"},
        {"f((int, int) k) -> ()", "f(int[3] k) -> ()"},
    };
    for (size_t i = 0; i < sizeof kLists / sizeof *kLists; i++) {
      char diff[256] = "unchanged";
      FxSchema *x = fxSchemaParse("t", kLists[i][0], NULL, 0);
      FxSchema *y = fxSchemaParse("t", kLists[i][1], NULL, 0);
      EXPECT(x && y);
      int r = x && y ? fxSchemaCompare(x, y, diff, sizeof diff) : -1;
      printf("list compare %zu: %s\n", i, r ? diff : "same");
      fxSchemaDestroy(x);
      fxSchemaDestroy(y);
    }
    // CHECK: list compare 0: same
    // CHECK-NEXT: list compare 1: parameter 0 is 'int[2] k', not 'int[3] k'
    // CHECK-NEXT: list compare 2: same
    // CHECK-NEXT: list compare 3: parameter 0 is 'int[] k', not 'int[12]? k'
    // CHECK-NEXT: list compare 4: same
    // CHECK-NEXT: list compare 5: same
    // CHECK-NEXT: list compare 6: same
    // CHECK-NEXT: list compare 7: parameter 0 is 'int[2] k', not 'int[3] k'
  }

  /* Lookup is by exact qualified name, `len` bytes. */
  EXPECT(fxSchemaLookupBuiltin("aten::add.Tensor", 16) != NULL);
  EXPECT(fxSchemaLookupBuiltin("aten::add", 9) == NULL);
  EXPECT(fxSchemaLookupBuiltin("aten::add.Tensor", 9) == NULL);
  EXPECT(fxSchemaLookupBuiltin("_C::rms_norm_static_fp8_quant", 12) ==
         fxSchemaLookupBuiltin("_C::rms_norm", 12));
  EXPECT(fxSchemaLookupBuiltin("_C::rms_norm\0x", 14) == NULL);
  EXPECT(fxSchemaLookupBuiltin("rms_norm", 8) == NULL);
  EXPECT(fxSchemaLookupBuiltin("", 0) == NULL);
  EXPECT(fxSchemaLookupBuiltin(NULL, 0) == NULL);

  const FxSchema *rms = fxSchemaLookupBuiltin("_C::rms_norm", 12);
  if (rms) {
    EXPECT(!strcmp(rms->name, "rms_norm") && !strcmp(rms->overload, ""));
    EXPECT(fxSchemaFindArg(rms, "weight", 6) == 2);
    EXPECT(fxSchemaFindArg(rms, "weightless", 6) == 2);
    EXPECT(fxSchemaFindArg(rms, "weigh", 5) == -1);
    EXPECT(fxSchemaFindArg(rms, "result\0", 7) == -1);
    EXPECT(fxSchemaFindArg(rms, NULL, 0) == -1);
  }
  EXPECT(fxSchemaFindArg(NULL, "x", 1) == -1);
  EXPECT(fxSchemaNumMutated(NULL) == 0);
  const FxSchema *add = fxSchemaLookupBuiltin("aten::add.Tensor", 16);
  if (add)
    EXPECT(!strcmp(add->name, "add") && !strcmp(add->overload, "Tensor") &&
           !strcmp(add->text, "add.Tensor(Tensor self, Tensor other, *, "
                              "Scalar alpha=1) -> Tensor"));

  for (int k = FX_ARG_TENSOR; k <= FX_ARG_SYMINT_LIST; k++)
    printf("%s%s", k ? " " : "kinds: ", fxArgKindName((FxArgKind)k));
  printf("\n");
  // CHECK: kinds: Tensor Tensor[] int SymInt float bool str ScalarType Scalar int[] SymInt[]
  EXPECT(!strcmp(fxArgKindName((FxArgKind)99), "<invalid>"));

  /* Built-ins whose properties the passes rely on. */
  dumpBuiltin("_C::rms_norm");
  // CHECK: schema _C::rms_norm: 4 args, 0 returns, 1 mutated
  // CHECK-NEXT:   arg result: Tensor mutated
  // CHECK-NEXT:   arg input: Tensor
  // CHECK-NEXT:   arg weight: Tensor?
  // CHECK-NEXT:   arg epsilon: float
  dumpBuiltin("_C::fused_add_rms_norm");
  // CHECK: schema _C::fused_add_rms_norm: 4 args, 0 returns, 2 mutated
  // CHECK-NEXT:   arg input: Tensor mutated
  // CHECK-NEXT:   arg residual: Tensor mutated
  // CHECK-NEXT:   arg weight: Tensor?
  // CHECK-NEXT:   arg epsilon: float
  dumpBuiltin("_C::rotary_embedding");
  // CHECK: schema _C::rotary_embedding: 8 args, 0 returns, 2 mutated
  // CHECK-NEXT:   arg positions: Tensor
  // CHECK-NEXT:   arg query: Tensor mutated
  // CHECK-NEXT:   arg key: Tensor? mutated
  // CHECK-NEXT:   arg head_size: int
  // CHECK-NEXT:   arg cos_sin_cache: Tensor
  // CHECK-NEXT:   arg is_neox: bool
  // CHECK-NEXT:   arg rope_dim_offset: int default=0
  // CHECK-NEXT:   arg inverse: bool default=False
  dumpBuiltin("_C::rms_norm_dynamic_per_token_quant");
  // CHECK: schema _C::rms_norm_dynamic_per_token_quant: 7 args, 0 returns, 3 mutated
  // CHECK-NEXT:   arg result: Tensor mutated
  // CHECK-NEXT:   arg input: Tensor
  // CHECK-NEXT:   arg weight: Tensor
  // CHECK-NEXT:   arg scale: Tensor mutated
  // CHECK-NEXT:   arg epsilon: float
  // CHECK-NEXT:   arg scale_ub: Tensor?
  // CHECK-NEXT:   arg residual: Tensor? mutated
  dumpBuiltin("_C::static_scaled_fp8_quant");
  // CHECK: schema _C::static_scaled_fp8_quant: 4 args, 0 returns, 1 mutated
  // CHECK-NEXT:   arg result: Tensor mutated
  // CHECK-NEXT:   arg input: Tensor
  // CHECK-NEXT:   arg scale: Tensor
  // CHECK-NEXT:   arg group_shape: int[]? default=None
  dumpBuiltin("vllm::flashinfer_trtllm_fused_allreduce_norm");
  // CHECK: schema vllm::flashinfer_trtllm_fused_allreduce_norm: 14 args, 0 returns, 5 mutated
  // CHECK-NEXT:   arg allreduce_in: Tensor mutated alias=a
  // CHECK-NEXT:   arg residual: Tensor mutated alias=b
  // CHECK-NEXT:   arg rms_gamma: Tensor
  // CHECK-NEXT:   arg rms_eps: float
  // CHECK-NEXT:   arg world_size: int
  // CHECK-NEXT:   arg launch_with_pdl: bool
  // CHECK-NEXT:   arg fp32_acc: bool
  // CHECK-NEXT:   arg max_token_num: int
  // CHECK-NEXT:   arg pattern_code: int
  // CHECK-NEXT:   arg norm_out: Tensor? mutated alias=c default=None
  // CHECK-NEXT:   arg quant_out: Tensor? mutated alias=d default=None
  // CHECK-NEXT:   arg scale_out: Tensor? mutated alias=e default=None
  // CHECK-NEXT:   arg scale_factor: Tensor? default=None
  // CHECK-NEXT:   arg weight_bias: float default=0.0
  dumpBuiltin("vllm::fused_rope_and_unified_kv_cache_update");
  // CHECK: schema vllm::fused_rope_and_unified_kv_cache_update: 7 args, 1 returns, 2 mutated
  // CHECK-NEXT:   arg query: Tensor mutated alias=a
  // CHECK-NEXT:   arg key: Tensor mutated alias=b
  // CHECK-NEXT:   arg value: Tensor
  // CHECK-NEXT:   arg positions: Tensor
  // CHECK-NEXT:   arg cos_sin_cache: Tensor
  // CHECK-NEXT:   arg is_neox: bool
  // CHECK-NEXT:   arg layer_name: str default=""
  // CHECK-NEXT:   ret _: Tensor
  dumpBuiltin("aten::copy_");
  // CHECK: schema aten::copy_: 3 args, 1 returns, 1 mutated
  // CHECK-NEXT:   arg self: Tensor mutated alias=a
  // CHECK-NEXT:   arg src: Tensor
  // CHECK-NEXT:   arg non_blocking: bool default=False
  // CHECK-NEXT:   ret _: Tensor mutated alias=a
  dumpBuiltin("aten::add.Tensor");
  // CHECK: schema aten::add.Tensor: 3 args, 1 returns, 0 mutated
  // CHECK-NEXT:   arg self: Tensor
  // CHECK-NEXT:   arg other: Tensor
  // CHECK-NEXT:   arg alpha: Scalar kwarg-only default=1
  // CHECK-NEXT:   ret _: Tensor
  dumpBuiltin("aten::empty");
  // CHECK: schema aten::empty: 2 args, 1 returns, 0 mutated
  // CHECK-NEXT:   arg size: SymInt[]
  // CHECK-NEXT:   arg dtype: ScalarType? kwarg-only default=None
  // CHECK-NEXT:   ret _: Tensor

  /* Forms the built-ins do not use. */
  dumpParsed(NULL, "_C::static_scaled_fp8_quant(Tensor! result, Tensor input, "
                   "Tensor scale, (int, int)? group_shape=None) -> ()");
  // CHECK: schema _C::static_scaled_fp8_quant: 4 args, 0 returns, 1 mutated
  // CHECK-NEXT:   arg result: Tensor mutated
  // CHECK-NEXT:   arg input: Tensor
  // CHECK-NEXT:   arg scale: Tensor
  // CHECK-NEXT:   arg group_shape: int[] size=2? default=None
  // CHECK-NEXT:   text: static_scaled_fp8_quant(Tensor! result, Tensor input, Tensor scale, (int, int)? group_shape=None) -> ()
  dumpParsed("aten", "max_pool2d(Tensor self, int[2] kernel_size, "
                     "int[2] stride=[], int[2] padding=0, int[2] dilation=1, "
                     "bool ceil_mode=False) -> Tensor");
  // CHECK: schema aten::max_pool2d: 6 args, 1 returns, 0 mutated
  // CHECK-NEXT:   arg self: Tensor
  // CHECK-NEXT:   arg kernel_size: int[] size=2
  // CHECK-NEXT:   arg stride: int[] size=2 default=[]
  // CHECK-NEXT:   arg padding: int[] size=2 default=0
  // CHECK-NEXT:   arg dilation: int[] size=2 default=1
  // CHECK-NEXT:   arg ceil_mode: bool default=False
  // CHECK-NEXT:   ret _: Tensor
  // CHECK-NEXT:   text: max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor
  /* Leading zeros are not significant: ten digits, size 3; `int[0]` is 0. */
  dumpParsed("t", "pad(int[0000000003] a, int[0] b) -> ()");
  // CHECK: schema t::pad: 2 args, 0 returns, 0 mutated
  // CHECK-NEXT:   arg a: int[] size=3
  // CHECK-NEXT:   arg b: int[] size=0
  // CHECK-NEXT:   text: pad(int[0000000003] a, int[0] b) -> ()
  dumpParsed("_C", "scaled_fp4_quant.out(Tensor input, Tensor input_scale, "
                   "bool is_sf_swizzled_layout, *, Tensor(a!) output, "
                   "Tensor(b!) output_scale) -> ()");
  // CHECK: schema _C::scaled_fp4_quant.out: 5 args, 0 returns, 2 mutated
  // CHECK-NEXT:   arg input: Tensor
  // CHECK-NEXT:   arg input_scale: Tensor
  // CHECK-NEXT:   arg is_sf_swizzled_layout: bool
  // CHECK-NEXT:   arg output: Tensor mutated alias=a kwarg-only
  // CHECK-NEXT:   arg output_scale: Tensor mutated alias=b kwarg-only
  // CHECK-NEXT:   text: scaled_fp4_quant.out(Tensor input, Tensor input_scale, bool is_sf_swizzled_layout, *, Tensor(a!) output, Tensor(b!) output_scale) -> ()
  dumpParsed("aten", "topk(Tensor self, SymInt k, int dim=-1, "
                     "bool largest=True, bool sorted=True) -> "
                     "(Tensor values, Tensor indices)");
  // CHECK: schema aten::topk: 5 args, 2 returns, 0 mutated
  // CHECK-NEXT:   arg self: Tensor
  // CHECK-NEXT:   arg k: SymInt
  // CHECK-NEXT:   arg dim: int default=-1
  // CHECK-NEXT:   arg largest: bool default=True
  // CHECK-NEXT:   arg sorted: bool default=True
  // CHECK-NEXT:   ret values: Tensor
  // CHECK-NEXT:   ret indices: Tensor
  // CHECK-NEXT:   text: topk(Tensor self, SymInt k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)
  /* Whitespace anywhere between tokens; the text's namespace wins. */
  dumpParsed("ignored", " \t my_ns :: f . ovl ( Tensor ! a , * ,"
                        " int [ 2 ] b = [ 0 , [1, 2] ] ,"
                        " str c = \"x, \\\")\" , Scalar d='q' , float e=1.0"
                        " ) -> ( Tensor ( a ! ) r , Tensor ) \n");
  // CHECK: schema my_ns::f.ovl: 5 args, 2 returns, 1 mutated
  // CHECK-NEXT:   arg a: Tensor mutated
  // CHECK-NEXT:   arg b: int[] size=2 kwarg-only default=[ 0 , [1, 2] ]
  // CHECK-NEXT:   arg c: str kwarg-only default="x, \")"
  // CHECK-NEXT:   arg d: Scalar kwarg-only default='q'
  // CHECK-NEXT:   arg e: float kwarg-only default=1.0
  // CHECK-NEXT:   ret r: Tensor mutated alias=a
  // CHECK-NEXT:   ret _: Tensor
  // CHECK-NEXT:   text: f . ovl ( Tensor ! a , * , int [ 2 ] b = [ 0 , [1, 2] ] , str c = "x, \")" , Scalar d='q' , float e=1.0 ) -> ( Tensor ( a ! ) r , Tensor )
  dumpParsed("t", "g(Tensor(a) x, Tensor(b!)[] xs, SymInt[] sizes, "
                  "(SymInt, int) pair, ScalarType? dtype=None) -> Tensor(a)");
  // CHECK: schema t::g: 5 args, 1 returns, 1 mutated
  // CHECK-NEXT:   arg x: Tensor alias=a
  // CHECK-NEXT:   arg xs: Tensor[] mutated alias=b
  // CHECK-NEXT:   arg sizes: SymInt[]
  // CHECK-NEXT:   arg pair: SymInt[]
  // CHECK-NEXT:   arg dtype: ScalarType? default=None
  // CHECK-NEXT:   ret _: Tensor alias=a
  // CHECK-NEXT:   text: g(Tensor(a) x, Tensor(b!)[] xs, SymInt[] sizes, (SymInt, int) pair, ScalarType? dtype=None) -> Tensor(a)
  dumpParsed("t", "h() -> ()");
  // CHECK: schema t::h: 0 args, 0 returns, 0 mutated
  // CHECK-NEXT:   text: h() -> ()

  /* Malformed schemas: NULL and a one-line message with the offset. */
  bad("_C", "rms_norm(Tensor! result, Tensr input) -> ()");
  // CHECK-NEXT: error: unknown type 'Tensr' at offset 25
  bad("t", "f(Tensor x, Tensor x) -> ()");
  // CHECK-NEXT: error: duplicate parameter 'x' at offset 19
  bad("t", "f(Tensor x) ()");
  // CHECK-NEXT: error: missing '->' at offset 12
  bad("t", "f(Tensor x) -> () extra");
  // CHECK-NEXT: error: trailing characters at offset 18
  bad("t", "f(int! x) -> ()");
  // CHECK-NEXT: error: '!' is only allowed on Tensor at offset 5
  bad("t", "f(float(a!) x) -> ()");
  // CHECK-NEXT: error: alias annotations are only allowed on Tensor at offset 7
  bad("t", "f(Tensor x, *) -> ()");
  // CHECK-NEXT: error: '*' must be followed by a parameter at offset 12
  bad("t", "f(*, *, Tensor x) -> ()");
  // CHECK-NEXT: error: duplicate '*' at offset 5
  bad("t", "f(Tensor x, int[] y=[0, 1) -> ()");
  // CHECK-NEXT: error: unbalanced ')' at offset 25
  bad("t", "f(Tensor x, int[] y=[0, 1 -> ()");
  // CHECK-NEXT: error: unbalanced '[' at offset 20
  bad("t", "f(str s=\"abc) -> ()");
  // CHECK-NEXT: error: unterminated string at offset 8
  bad("t", "f(Tensor x=) -> ()");
  // CHECK-NEXT: error: empty default value at offset 11
  bad("t", "f(Tensor x, ) -> ()");
  // CHECK-NEXT: error: expected type at offset 12
  bad("t", "f(Tensor) -> ()");
  // CHECK-NEXT: error: expected parameter name at offset 8
  bad("t", "f(Tensor x -> ()");
  // CHECK-NEXT: error: expected ',' or ')' at offset 11
  bad("t", "f((int, int x) -> ()");
  // CHECK-NEXT: error: expected ')' at offset 12
  bad("t", "f(Tensor(a! x) -> ()");
  // CHECK-NEXT: error: expected ')' at offset 12
  bad("t", "f((Tensor, int) x) -> ()");
  // CHECK-NEXT: error: tuple types may only hold int or SymInt at offset 3
  bad("t", "f(float[] x) -> ()");
  // CHECK-NEXT: error: 'float' has no list type at offset 7
  bad("t", "f(int[1234567890] x) -> ()");
  // CHECK-NEXT: error: list size has more than 9 digits at offset 6
  bad("t", "f(int[0001234567890] x) -> ()");
  // CHECK-NEXT: error: list size has more than 9 digits at offset 6
  bad("t", "f(Tensor x) -> (Tensor, Tensor");
  // CHECK-NEXT: error: expected ',' or ')' at offset 30
  bad("t", "f(Tensor x) ->");
  // CHECK-NEXT: error: expected type at offset 14
  bad("t", "f.(Tensor x) -> ()");
  // CHECK-NEXT: error: expected overload name at offset 2
  bad("t", "");
  // CHECK-NEXT: error: expected op name at offset 0
  bad(NULL, "f(Tensor x) -> ()");
  // CHECK-NEXT: error: schema has no namespace at offset 0
  bad("", "f(Tensor x) -> ()");
  // CHECK-NEXT: error: schema has no namespace at offset 0
  bad("1bad", "f(Tensor x) -> ()");
  // CHECK-NEXT: error: invalid namespace '1bad' at offset 0
  bad("t", NULL);
  // CHECK-NEXT: error: schema text is null at offset 0

  /* Parsing is linear in the parameters: 200,000 of them (a quadratic
   * duplicate check took 4.9 s for 40,000, so minutes here) parse in well
   * under the bound, on a loaded machine too (CPU time).  A duplicate far
   * from its first occurrence is still found. */
  {
    enum { kParams = 200000 };
    char *big = malloc((size_t)kParams * 16 + 64);
    size_t n = (size_t)sprintf(big, "big(");
    for (int i = 0; i < kParams; i++)
      n += (size_t)sprintf(big + n, "%sTensor p%d", i ? ", " : "", i);
    size_t open = n;
    strcpy(big + n, ") -> ()");
    clock_t t0 = clock();
    FxSchema *s = fxSchemaParse("t", big, NULL, 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    EXPECT(s && s->numArgs == kParams);
    EXPECT(s && fxSchemaFindArg(s, "p199999", 7) == kParams - 1);
    EXPECT(secs < 2.0);
    fxSchemaDestroy(s);
    char err[128];
    strcpy(big + open, ", Tensor p17) -> ()");
    EXPECT(fxSchemaParse("t", big, err, sizeof err) == NULL);
    printf("big: %s\n", err);
    // CHECK-NEXT: big: duplicate parameter 'p17' at offset
    free(big);
  }

  /* The message is truncated to errLen and always terminated. */
  char small[8];
  EXPECT(fxSchemaParse("t", "f(", small, sizeof small) == NULL);
  EXPECT(strlen(small) == sizeof small - 1);
  EXPECT(fxSchemaParse("t", "f(", NULL, 0) == NULL);

  if (gFailed) {
    printf("schema: %d of %d checks failed\n", gFailed, gPassed + gFailed);
    return 1;
  }
  // CHECK: schema: {{[0-9]+}} checks passed
  printf("schema: %d checks passed\n", gPassed);
  return 0;
}
