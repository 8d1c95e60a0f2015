/* FxBuiltinSchemas.c - the built-in schema registry (see FxSchema.h).
 *
 * vLLM rows are vLLM's current schema text verbatim (csrc/torch_bindings.cpp
 * and the Python-registered `vllm::` ops; ../shared/reference/
 * vllm-op-schemas.txt), so a diff against vLLM stays readable.  aten rows are
 * torch's native_functions.yaml text trimmed to the types fxir supports, with
 * torch's parameter names kept (graphs name arguments by them).
 */
#include "fxir/FxSchema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* One row per op, verbatim, so rows can be grepped and diffed; the middle
 * column is how the op runs (FxBuiltinImpl): the lowering's table of what
 * it implements itself, and what fx.schema may not change. */
// clang-format off
static const struct {
  const char *ns;
  FxBuiltinImpl impl;
  const char *text;
} kBuiltins[] = {
    {"_C", FX_IMPL_KERNEL, "rms_norm(Tensor! result, Tensor input, Tensor? weight, float epsilon) -> ()"},
    {"_C", FX_IMPL_KERNEL, "fused_add_rms_norm(Tensor! input, Tensor! residual, Tensor? weight, float epsilon) -> ()"},
    {"_C", FX_IMPL_KERNEL, "rms_norm_static_fp8_quant(Tensor! result, Tensor input, Tensor weight, Tensor scale, float epsilon) -> ()"},
    {"_C", FX_IMPL_KERNEL, "fused_add_rms_norm_static_fp8_quant(Tensor! result, Tensor input, Tensor! residual, Tensor weight, Tensor scale, float epsilon) -> ()"},
    {"_C", FX_IMPL_KERNEL, "rms_norm_dynamic_per_token_quant(Tensor! result, Tensor input, Tensor weight, Tensor! scale, float epsilon, Tensor? scale_ub, Tensor!? residual) -> ()"},
    {"_C", FX_IMPL_NONE, "rms_norm_per_block_quant(Tensor! result, Tensor input, Tensor weight, Tensor! scale, float epsilon, Tensor? scale_ub, Tensor!? residual, int group_size, bool is_scale_transposed) -> ()"},
    {"_C", FX_IMPL_KERNEL, "silu_and_mul(Tensor! result, Tensor input) -> ()"},
    {"_C", FX_IMPL_KERNEL, "silu_and_mul_quant(Tensor! result, Tensor input, Tensor scale) -> ()"},
    {"_C", FX_IMPL_NONE, "silu_and_mul_nvfp4_quant(Tensor! result, Tensor! result_block_scale, Tensor input, Tensor input_global_scale) -> ()"},
    {"_C", FX_IMPL_NONE, "mul_and_silu(Tensor! out, Tensor input) -> ()"},
    {"_C", FX_IMPL_NONE, "gelu_and_mul(Tensor! out, Tensor input) -> ()"},
    {"_C", FX_IMPL_NONE, "gelu_tanh_and_mul(Tensor! out, Tensor input) -> ()"},
    {"_C", FX_IMPL_KERNEL, "rotary_embedding(Tensor positions, Tensor! query, Tensor!? key, int head_size, Tensor cos_sin_cache, bool is_neox, int rope_dim_offset=0, bool inverse=False) -> ()"},
    {"_C", FX_IMPL_NONE, "fused_qk_norm_rope(Tensor! qkv, int num_heads_q, int num_heads_k, int num_heads_v, int head_dim, float eps, Tensor q_weight, Tensor k_weight, Tensor cos_sin_cache, bool is_neox, Tensor position_ids, int forced_token_heads_per_warp=-1) -> ()"},
    {"_C", FX_IMPL_KERNEL, "static_scaled_fp8_quant(Tensor! result, Tensor input, Tensor scale, int[]? group_shape=None) -> ()"},
    {"_C", FX_IMPL_KERNEL, "dynamic_scaled_fp8_quant(Tensor! result, Tensor input, Tensor! scale) -> ()"},
    {"_C", FX_IMPL_KERNEL, "dynamic_per_token_scaled_fp8_quant(Tensor! result, Tensor input, Tensor! scale, Tensor? scale_ub) -> ()"},
    {"_C", FX_IMPL_NONE, "static_scaled_int8_quant(Tensor! result, Tensor input, Tensor scale, Tensor? azp) -> ()"},
    {"_C", FX_IMPL_NONE, "dynamic_scaled_int8_quant(Tensor! result, Tensor input, Tensor! scale, Tensor!? azp) -> ()"},
    {"vllm", FX_IMPL_NONE, "flashinfer_trtllm_fused_allreduce_norm(Tensor(a!) allreduce_in, Tensor(b!) residual, Tensor rms_gamma, float rms_eps, int world_size, bool launch_with_pdl, bool fp32_acc, int max_token_num, int pattern_code, Tensor(c!)? norm_out=None, Tensor(d!)? quant_out=None, Tensor(e!)? scale_out=None, Tensor? scale_factor=None, float weight_bias=0.0) -> ()"},
    {"vllm", FX_IMPL_NONE, "fused_rope_and_unified_kv_cache_update(Tensor(a!) query, Tensor(b!) key, Tensor value, Tensor positions, Tensor cos_sin_cache, bool is_neox, str layer_name=\"\") -> Tensor"},
    {"aten", FX_IMPL_ALLOC, "empty_like(Tensor self, *, ScalarType? dtype=None) -> Tensor"},
    {"aten", FX_IMPL_ALLOC, "empty(SymInt[] size, *, ScalarType? dtype=None) -> Tensor"},
    {"aten", FX_IMPL_KERNEL, "mm(Tensor self, Tensor mat2) -> Tensor"},
    {"aten", FX_IMPL_KERNEL, "_scaled_mm(Tensor self, Tensor mat2, Tensor scale_a, Tensor scale_b, Tensor? bias=None, Tensor? scale_result=None, ScalarType? out_dtype=None, bool use_fast_accum=False) -> Tensor"},
    {"aten", FX_IMPL_KERNEL, "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"},
    {"aten", FX_IMPL_KERNEL, "mul.Tensor(Tensor self, Tensor other) -> Tensor"},
    {"aten", FX_IMPL_KERNEL, "cos(Tensor self) -> Tensor"},
    {"aten", FX_IMPL_CLONE, "clone(Tensor self) -> Tensor"},
    {"aten", FX_IMPL_COPY, "copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)"},
};
// clang-format on
enum { NUM_BUILTINS = sizeof kBuiltins / sizeof *kBuiltins };

/* Parsed schemas sorted by qualifiedName; written once under gOnce, then
 * only read, so lookups need no lock. */
typedef struct Entry {
  FxSchema *schema;
  FxBuiltinImpl impl;
} Entry;
static Entry gEntries[NUM_BUILTINS];
static once_flag gOnce = ONCE_FLAG_INIT;

static int byName(const void *a, const void *b) {
  return strcmp(((const Entry *)a)->schema->qualifiedName,
                ((const Entry *)b)->schema->qualifiedName);
}

/* A built-in that fails to parse (or a duplicate name) is a bug in the table
 * above, not a user error, so it stops the process loudly. */
static void initBuiltins(void) {
  char err[256];
  for (int i = 0; i < NUM_BUILTINS; i++) {
    gEntries[i].impl = kBuiltins[i].impl;
    if (!(gEntries[i].schema = fxSchemaParse(kBuiltins[i].ns, kBuiltins[i].text,
                                             err, sizeof err))) {
      fprintf(stderr, "fxir: internal error: built-in schema %s::%s: %s\n",
              kBuiltins[i].ns, kBuiltins[i].text, err);
      abort();
    }
  }
  qsort(gEntries, NUM_BUILTINS, sizeof *gEntries, byName);
  for (int i = 1; i < NUM_BUILTINS; i++)
    if (!byName(&gEntries[i - 1], &gEntries[i])) {
      fprintf(stderr, "fxir: internal error: duplicate built-in schema %s\n",
              gEntries[i].schema->qualifiedName);
      abort();
    }
}

/* The entry called `qualifiedName` (`len` bytes), or NULL. */
static const Entry *lookup(const char *qualifiedName, size_t len) {
  if (!qualifiedName)
    return NULL;
  call_once(&gOnce, initBuiltins);
  /* `qualifiedName` is `len` bytes, not NUL-terminated: compare with memcmp
   * on the common prefix, then by length. */
  int lo = 0, hi = NUM_BUILTINS;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    const char *q = gEntries[mid].schema->qualifiedName;
    size_t qLen = strlen(q);
    int c = memcmp(qualifiedName, q, len < qLen ? len : qLen);
    if (!c)
      c = (len > qLen) - (len < qLen);
    if (!c)
      return &gEntries[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

const FxSchema *fxSchemaLookupBuiltin(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->schema : NULL;
}

FxBuiltinImpl fxSchemaBuiltinImpl(const char *qualifiedName, size_t len) {
  const Entry *e = lookup(qualifiedName, len);
  return e ? e->impl : FX_IMPL_NONE;
}

int fxSchemaNumBuiltins(void) { return NUM_BUILTINS; }

const FxSchema *fxSchemaGetBuiltin(int i) {
  call_once(&gOnce, initBuiltins);
  return i >= 0 && i < NUM_BUILTINS ? gEntries[i].schema : NULL;
}
