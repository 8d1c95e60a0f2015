/* attention.c - a reference implementation of vLLM's
 * `vllm::unified_attention_with_output` for the CPU, loaded by
 * `fx-run --shared-lib=build/lib/libfx_vllm_refops.so` (docs/runtime.md,
 * "Reference user ops").  It is written to be obviously right, not fast:
 * one sequence, every score recomputed, double precision throughout.
 *
 * What it computes: causal self-attention of one sequence of T tokens (the
 * prefill of a single request, which is what a graph run without a KV
 * cache means): query [T, Hq, D], key and value [T, Hkv, D], Hq a multiple
 * of Hkv (grouped-query attention: query head h reads kv head
 * h / (Hq / Hkv)), scale 1/sqrt(D), token i attends to tokens 0..i.  The
 * scores, the softmax and the weighted sum are in double; each output
 * element is rounded once, to output's dtype.  vLLM's kernels accumulate in
 * fp32 in their own order, so they agree with this to fp32 accuracy, not
 * bit for bit.
 *
 * vLLM's attention reads its KV cache and metadata from the forward
 * context named by `layer_name`; a graph run by fx-run has neither, so the
 * keys and values are exactly the `key` and `value` operands. */
#include "refops.h"

#include "common/fx_math.h"
#include "fxrt.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char kWho[] = "fxrt_vllm__unified_attention_with_output";

/* The dtypes it computes in: the activation dtypes of vLLM's attention
 * backends. */
static const int32_t kDtypes[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
static const char *const kDtypeNames[] = {"f32", "f16", "bf16"};

static int dtypeIndex(int32_t dtype) {
  for (size_t i = 0; i < sizeof kDtypes / sizeof kDtypes[0]; ++i)
    if (kDtypes[i] == dtype)
      return (int)i;
  return -1;
}

/* `d` rounded once to the 16-bit float with `bits` significand bits
 * (implicit bit included) and smallest normal exponent `emin`: the value
 * is brought to a multiple of the format's ulp at its exponent with
 * nearbyint (round to nearest even), which is exact in double, so the
 * conversions that follow (to fp32, then to the format) do not round
 * again.  Converting through fp32 directly would round twice. */
static float roundOnce(double d, int bits, int emin) {
  if (!isfinite(d) || d == 0.0)
    return (float)d;
  int e = ilogb(d);
  if (e < emin)
    e = emin;
  double ulp = ldexp(1.0, e - (bits - 1));
  return (float)(nearbyint(d / ulp) * ulp);
}

static void storeOnce(void *p, int32_t dtype, double d) {
  float v = dtype == FX_DTYPE_F16    ? roundOnce(d, 11, -14)
            : dtype == FX_DTYPE_BF16 ? roundOnce(d, 8, -126)
                                     : (float)d; /* f32: C's conversion, RNE */
  fxStoreF32(p, dtype, v);
}

static double load(const FxTensor *t, int64_t i, int64_t h, int64_t d) {
  size_t size = (size_t)fxElemSize(t->dtype);
  const char *p = (const char *)t->data +
                  (ptrdiff_t)(i * t->strides[0] + h * t->strides[1] +
                              d * t->strides[2]) * (ptrdiff_t)size;
  return (double)fxLoadF32(p, t->dtype);
}

/* Lowest and one-past-highest byte a non-empty tensor can touch. */
static void span(const FxTensor *t, const char **lo, const char **hi) {
  ptrdiff_t size = (ptrdiff_t)fxElemSize(t->dtype), first = 0, last = 0;
  for (int d = 0; d < t->rank; ++d) {
    ptrdiff_t reach = (ptrdiff_t)((t->sizes[d] - 1) * t->strides[d]);
    if (reach < 0)
      first += reach;
    else
      last += reach;
  }
  *lo = (const char *)t->data + first * size;
  *hi = (const char *)t->data + (last + 1) * size;
}

static int spansOverlap(const FxTensor *a, const FxTensor *b) {
  const char *alo, *ahi, *blo, *bhi;
  span(a, &alo, &ahi);
  span(b, &blo, &bhi);
  return alo < bhi && blo < ahi;
}

/* The operands, by role, for the checks: each [T, heads, D]. */
enum { Q, K, V, OUT, NUM_OPERANDS };
static const char *const kNames[NUM_OPERANDS] = {"query", "key", "value",
                                                 "output"};

int fxRefUnifiedAttention(const FxTensor *query, const FxTensor *key,
                          const FxTensor *value, const FxTensor *output) {
  const FxTensor *t[NUM_OPERANDS] = {query, key, value, output};
  for (int i = 0; i < NUM_OPERANDS; ++i) {
    if (!t[i]) {
      fxrt_set_error(kWho, "'%s' is missing", kNames[i]);
      return -1;
    }
    if (t[i]->rank != 3) {
      fxrt_set_error(kWho, "'%s' has rank %d, expected 3 ([tokens, heads, "
                           "head_size], as vLLM's attention layer views it)",
                     kNames[i], (int)t[i]->rank);
      return -1;
    }
  }
  if (dtypeIndex(query->dtype) < 0) {
    fxrt_set_error(kWho, "'query' has dtype code %d; the reference computes "
                         "f32, f16 and bf16", (int)query->dtype);
    return -1;
  }
  for (int i = K; i < NUM_OPERANDS; ++i)
    if (t[i]->dtype != query->dtype) {
      int k = dtypeIndex(t[i]->dtype);
      fxrt_set_error(kWho, "'%s' has dtype %s, 'query' %s: all four must have "
                           "the same dtype", kNames[i],
                     k < 0 ? "(another)" : kDtypeNames[k],
                     kDtypeNames[dtypeIndex(query->dtype)]);
      return -1;
    }
  int64_t T = query->sizes[0], Hq = query->sizes[1], D = query->sizes[2];
  int64_t Hkv = key->sizes[1];
  /* Expected sizes of each operand: tokens and head size shared, heads Hq
   * for query and output, Hkv for key and value. */
  const int64_t want[NUM_OPERANDS][3] = {
      {T, Hq, D}, {T, Hkv, D}, {T, Hkv, D}, {T, Hq, D}};
  for (int i = K; i < NUM_OPERANDS; ++i)
    for (int d = 0; d < 3; ++d)
      if (t[i]->sizes[d] != want[i][d]) {
        fxrt_set_error(kWho, "'%s' has sizes [%lld, %lld, %lld], expected "
                             "[%lld, %lld, %lld] (query [%lld, %lld, %lld], "
                             "key [%lld, %lld, %lld])",
                       kNames[i], (long long)t[i]->sizes[0],
                       (long long)t[i]->sizes[1], (long long)t[i]->sizes[2],
                       (long long)want[i][0], (long long)want[i][1],
                       (long long)want[i][2], (long long)T, (long long)Hq,
                       (long long)D, (long long)key->sizes[0],
                       (long long)Hkv, (long long)key->sizes[2]);
        return -1;
      }
  if (T == 0 || Hq == 0 || D == 0)
    return 0; /* nothing to write */
  /* Output rows are written while later tokens still read key and value,
   * so an output that shares storage with an input would change what is
   * read: refused (by byte ranges, which may refuse interleaved layouts
   * that do not overlap; vLLM always passes a fresh output). */
  for (int i = Q; i < OUT; ++i)
    if (spansOverlap(output, t[i])) {
      fxrt_set_error(kWho, "'output' shares storage with '%s'; the reference "
                           "needs a separate output (vLLM allocates one)",
                     kNames[i]);
      return -1;
    }
  if (Hkv == 0 || Hq % Hkv != 0) {
    fxrt_set_error(kWho, "query has %lld heads and key %lld: grouped-query "
                         "attention needs a positive multiple",
                   (long long)Hq, (long long)Hkv);
    return -1;
  }
  int64_t group = Hq / Hkv;
  double scale = 1.0 / sqrt((double)D);
  size_t outSize = (size_t)fxElemSize(output->dtype);
  /* One row of scores and one of the weighted sum, sized by T and D:
   * allocated per call, never a fixed limit. */
  double *scores = malloc((size_t)T * sizeof *scores);
  double *acc = malloc((size_t)D * sizeof *acc);
  if (!scores || !acc) {
    free(scores);
    free(acc);
    fxrt_set_error(kWho, "out of memory for %lld scores", (long long)T);
    return -1;
  }
  for (int64_t i = 0; i < T; ++i)
    for (int64_t h = 0; h < Hq; ++h) {
      int64_t kvh = h / group;
      double max = -INFINITY;
      for (int64_t j = 0; j <= i; ++j) { /* causal: tokens 0..i */
        double s = 0.0;
        for (int64_t d = 0; d < D; ++d)
          s += load(query, i, h, d) * load(key, j, kvh, d);
        scores[j] = s * scale;
        if (scores[j] > max)
          max = scores[j];
      }
      double sum = 0.0;
      memset(acc, 0, (size_t)D * sizeof *acc);
      for (int64_t j = 0; j <= i; ++j) {
        double w = exp(scores[j] - max);
        sum += w;
        for (int64_t d = 0; d < D; ++d)
          acc[d] += w * load(value, j, kvh, d);
      }
      for (int64_t d = 0; d < D; ++d) {
        char *p = (char *)output->data +
                  (ptrdiff_t)(i * output->strides[0] + h * output->strides[1] +
                              d * output->strides[2]) * (ptrdiff_t)outSize;
        storeOnce(p, output->dtype, acc[d] / sum);
      }
    }
  free(scores);
  free(acc);
  return 0;
}

/*===-- The user-op entry point ---------------------------------------------===*/

void _mlir_ciface_fxrt_vllm__unified_attention_with_output(
    const void *query, const void *key, const void *value, const void *output,
    const char *layer_name, const void *output_scale,
    const void *output_block_scale) {
  (void)layer_name; /* names vLLM's KV cache, which a graph run has not */
  /* The quantized-output variants (fp8 output with a scale, nvfp4 block
   * scales) are not part of the reference: refused, never ignored. */
  const void *unsupported[] = {output_scale, output_block_scale};
  static const char *const unsupportedNames[] = {"output_scale",
                                                 "output_block_scale"};
  for (int i = 0; i < 2; ++i)
    if (unsupported[i]) {
      fxrt_set_error(kWho, "'%s' is given; the reference computes "
                           "unquantized outputs only (pass None)",
                     unsupportedNames[i]);
      return;
    }
  /* Parameter indices in ABI order: no out-descriptors (the op returns
   * ()), then query 0, key 1, value 2, output 3. */
  const void *desc[NUM_OPERANDS] = {query, key, value, output};
  FxTensor t[NUM_OPERANDS];
  int onGpu = 0;
  for (int i = 0; i < NUM_OPERANDS; ++i) {
    if (fxRefFromDescriptor(kWho, desc[i], i, kNames[i], &t[i]) != 0)
      return;
    onGpu |= fxrt_device_of(t[i].data) == FX_DEVICE_CUDA;
  }
  if (!onGpu) {
    fxRefUnifiedAttention(&t[Q], &t[K], &t[V], &t[OUT]);
    return;
  }
  /* GPU memory (fx-run --device=cuda): the reference reads host memory, so
   * each operand is staged into a dense host copy, the attention runs
   * there, and the output goes back with fxrt_copy_tensor (its elements
   * only).  The copies never share storage, so the refusal of an output
   * that shares storage with an input looks at the GPU tensors first. */
  for (int i = Q; i < OUT; ++i)
    if (fxTensorNumel(&t[OUT]) && fxTensorNumel(&t[i]) &&
        spansOverlap(&t[OUT], &t[i])) {
      fxrt_set_error(kWho, "'output' shares storage with '%s'; the reference "
                           "needs a separate output (vLLM allocates one)",
                     kNames[i]);
      return;
    }
  FxTensor h[NUM_OPERANDS];
  int ok = 1;
  for (int i = 0; i < NUM_OPERANDS; ++i) {
    h[i] = t[i];
    int64_t stride = 1;
    for (int d = t[i].rank - 1; d >= 0; --d) {
      h[i].strides[d] = stride;
      stride *= t[i].sizes[d];
    }
    h[i].data = ok ? malloc((size_t)(fxTensorNumel(&t[i]) * fxDtypeSize(t[i].dtype)) + 1)
                   : NULL;
    if (!h[i].data) {
      if (ok)
        fxrt_set_error(kWho, "out of host memory staging '%s'", kNames[i]);
      ok = 0;
      continue;
    }
    fxrt_copy_tensor(&h[i], &t[i]);
  }
  if (ok && fxRefUnifiedAttention(&h[Q], &h[K], &h[V], &h[OUT]) == 0)
    fxrt_copy_tensor(&t[OUT], &h[OUT]);
  for (int i = 0; i < NUM_OPERANDS; ++i)
    free(h[i].data);
}
