// RUN: fx-kernels-refops_attention-test 2>&1 | FileCheck %s

/* refops_attention.c - the reference vllm::unified_attention_with_output
 * of libfx_vllm_refops (kernels/refops/attention.c).
 *
 * Compared with attention written out here from its definition, in
 * double: softmax as exp(s_j) / sum_k exp(s_k) over the causal window
 * (no max subtraction: the scores stay small), GQA head h -> h / (Hq/Hkv),
 * scale 1/sqrt(D), then refRound to the output dtype.  f32, f16, bf16;
 * MHA, GQA and MQA head groupings; q, k, v as the column slices of one
 * fused qkv buffer (row stride of the whole buffer), a key with permuted
 * strides, an output with padded rows at an offset whose gaps must keep
 * their bytes; 1 and 0 tokens; the user-op entry point with the dtypes
 * lowered code announces.  Then every refusal: each names the problem and
 * writes nothing. */
#include "fxtest.h"
#include "refops.h"

/* Attention of token i, head h, element d, from the definition. */
static double refAttention(const TT *q, const TT *k, const TT *v, int64_t i,
                           int64_t h, int64_t d) {
  int64_t Hq = q->t.sizes[1], Hkv = k->t.sizes[1], D = q->t.sizes[2];
  int64_t kvh = h / (Hq / Hkv);
  double num = 0.0, den = 0.0;
  for (int64_t j = 0; j <= i; j++) {
    double s = 0.0;
    for (int64_t e = 0; e < D; e++)
      s += ttGet(q, (i * Hq + h) * D + e) * ttGet(k, (j * Hkv + kvh) * D + e);
    double w = exp(s / sqrt((double)D));
    num += w * ttGet(v, (j * Hkv + kvh) * D + d);
    den += w;
  }
  return num / den;
}

/* Compares every output element; returns the largest ulp distance and
 * counts the inexact ones. */
static UlpStats compare(const TT *q, const TT *k, const TT *v, const TT *out) {
  UlpStats s = {0, 0, 0};
  int64_t T = q->t.sizes[0], Hq = q->t.sizes[1], D = q->t.sizes[2];
  for (int64_t i = 0; i < T; i++)
    for (int64_t h = 0; h < Hq; h++)
      for (int64_t d = 0; d < D; d++)
        ulpAdd(&s, ttPtr(out, (i * Hq + h) * D + d),
               refRound(refAttention(q, k, v, i, h, d), out->t.dtype),
               out->t.dtype);
  return s;
}

typedef enum Layout { CONTIGUOUS, FUSED_QKV, STRIDED } Layout;
static const char *const kLayoutNames[] = {"contiguous", "fused qkv slices",
                                           "permuted key, padded output"};

/* One run: random q, k, v (N(0, sd)), the reference kernel, the check. */
static void run(int32_t dt, int64_t T, int64_t Hq, int64_t Hkv, int64_t D,
                Layout layout, double sd) {
  int64_t qs[3] = {T, Hq, D}, kvs[3] = {T, Hkv, D};
  TT qkv = {0}, q, k, v, out;
  if (layout == FUSED_QKV) {
    /* One [T, (Hq + 2 Hkv) D] buffer: q, k, v are its column slices viewed
     * as heads, as vLLM's split + view gives them. */
    int64_t width = (Hq + 2 * Hkv) * D, all[2] = {T, width};
    qkv = ttContig(dt, 2, all);
    int64_t qst[3] = {width, D, 1};
    q = ttView(&qkv, dt, 0, 3, qs, qst);
    k = ttView(&qkv, dt, Hq * D, 3, kvs, qst);
    v = ttView(&qkv, dt, (Hq + Hkv) * D, 3, kvs, qst);
  } else {
    q = ttContig(dt, 3, qs);
    v = ttContig(dt, 3, kvs);
    if (layout == STRIDED) {
      int64_t kst[3] = {1, T * D, T}; /* token fastest, then head dim */
      k = ttMake(dt, 3, kvs, kst, 5);
    } else {
      k = ttContig(dt, 3, kvs);
    }
  }
  if (layout == STRIDED) {
    int64_t ost[3] = {Hq * D + 7, D, 1}; /* 7 elements of padding per row */
    out = ttMake(dt, 3, qs, ost, 3);
  } else {
    out = ttContig(dt, 3, qs);
  }
  ttFillNormal(&q, 0.0, sd);
  ttFillNormal(&k, 0.0, sd);
  ttFillNormal(&v, 0.0, 1.0);
  char *inSnap = ttSnapshot(layout == FUSED_QKV ? &qkv : &q);
  char *outSnap = ttSnapshot(&out);
  int rc = fxRefUnifiedAttention(&q.t, &k.t, &v.t, &out.t);
  EXPECT(rc == 0 && fxrt_get_error() == NULL);
  EXPECT(ttUnchanged(layout == FUSED_QKV ? &qkv : &q, inSnap));
  EXPECT(ttOnlyElementsChanged(&out, outSnap));
  UlpStats s = compare(&q, &k, &v, &out);
  EXPECT(s.maxUlp <= 1);
  printf("%s [%lld tokens, %lld/%lld heads, %lld] %s: max %lld ulp, %lld of "
         "%lld inexact\n",
         dtName(dt), (long long)T, (long long)Hq, (long long)Hkv, (long long)D,
         kLayoutNames[layout], (long long)s.maxUlp, (long long)s.inexact,
         (long long)s.n);
  free(inSnap);
  free(outSnap);
  if (layout == FUSED_QKV) {
    ttFree(&qkv);
  } else {
    ttFree(&q);
    ttFree(&k);
    ttFree(&v);
  }
  ttFree(&out);
}

/* A descriptor of rank 3 as MLIR's C interface passes it. */
typedef struct Desc3 {
  void *allocated, *aligned;
  int64_t offset, sizes[3], strides[3];
} Desc3;

static Desc3 desc3(const TT *x) {
  Desc3 d = {x->mem, x->mem, x->offset, {0}, {0}};
  for (int i = 0; i < 3; i++) {
    d.sizes[i] = x->t.sizes[i];
    d.strides[i] = x->t.strides[i];
  }
  return d;
}

/* The user-op entry point: with the announced dtypes it computes what the
 * C function computes; each refusal names its reason. */
static void runEntryPoint(void) {
  int64_t qs[3] = {9, 4, 8}, kvs[3] = {9, 2, 8};
  TT q = ttContig(FX_DTYPE_BF16, 3, qs), k = ttContig(FX_DTYPE_BF16, 3, kvs),
     v = ttContig(FX_DTYPE_BF16, 3, kvs), out = ttContig(FX_DTYPE_BF16, 3, qs),
     direct = ttContig(FX_DTYPE_BF16, 3, qs);
  ttFillNormal(&q, 0.0, 1.0);
  ttFillNormal(&k, 0.0, 1.0);
  ttFillNormal(&v, 0.0, 1.0);
  Desc3 dq = desc3(&q), dk = desc3(&k), dv = desc3(&v), dout = desc3(&out);
  EXPECT(fxRefUnifiedAttention(&q.t, &k.t, &v.t, &direct.t) == 0);

  /* Announced as lowered code does: bf16 (code 2), rank 3. */
  _mlir_ciface_fxrt_user_op((int64_t)(intptr_t)"2:3,2:3,2:3,2:3,-,-,-");
  EXPECT(fxrt_user_arg_dtype(0) == FX_DTYPE_BF16 && fxrt_user_arg_rank(3) == 3);
  EXPECT(fxrt_user_arg_dtype(4) == -1 && fxrt_user_arg_rank(6) == -1 &&
         fxrt_user_arg_dtype(7) == -1);
  _mlir_ciface_fxrt_vllm__unified_attention_with_output(&dq, &dk, &dv, &dout,
                                                        "layer0", NULL, NULL);
  EXPECT(fxrt_get_error() == NULL);
  EXPECT(memcmp(out.mem, direct.mem, out.bytes) == 0);
  printf("entry point: %s\n", memcmp(out.mem, direct.mem, out.bytes) == 0
                                  ? "identical to the C function"
                                  : "DIFFERENT");

  /* Refusals, each leaving the output as it was. */
  memset(out.mem, 0x5A, out.bytes);
  char *snap = ttSnapshot(&out);
  int dummy = 0;
  _mlir_ciface_fxrt_vllm__unified_attention_with_output(&dq, &dk, &dv, &dout,
                                                        "layer0", &dummy, NULL);
  EXPECT(fxrt_get_error() && strstr(fxrt_get_error(), "'output_scale' is given"));
  EXPECT(ttUnchanged(&out, snap));
  fxrt_clear_error();
  _mlir_ciface_fxrt_user_op((int64_t)(intptr_t)"2:3,2:3,2:3,2:3,-,-,-");
  _mlir_ciface_fxrt_vllm__unified_attention_with_output(&dq, &dk, &dv, &dout,
                                                        "layer0", NULL, &dummy);
  EXPECT(fxrt_get_error() &&
         strstr(fxrt_get_error(), "'output_block_scale' is given"));
  EXPECT(ttUnchanged(&out, snap));
  fxrt_clear_error(); /* also forgets the announcement */
  _mlir_ciface_fxrt_vllm__unified_attention_with_output(&dq, &dk, &dv, &dout,
                                                        "layer0", NULL, NULL);
  EXPECT(fxrt_get_error() &&
         strstr(fxrt_get_error(), "no dtype and rank announced for 'query'"));
  EXPECT(ttUnchanged(&out, snap));
  fxrt_clear_error();
  _mlir_ciface_fxrt_user_op((int64_t)(intptr_t)"2:3,2:3,2:3,2:2,-,-,-");
  _mlir_ciface_fxrt_vllm__unified_attention_with_output(&dq, &dk, &dv, &dout,
                                                        "layer0", NULL, NULL);
  EXPECT(fxrt_get_error() &&
         strstr(fxrt_get_error(), "'output' has rank 2, expected 3"));
  EXPECT(ttUnchanged(&out, snap));
  fxrt_clear_error();
  free(snap);
  ttFree(&q);
  ttFree(&k);
  ttFree(&v);
  ttFree(&out);
  ttFree(&direct);
}

/* One refusal of the C function: the message names `want`, nothing is
 * written. */
static void refuse(const char *label, const FxTensor *q, const FxTensor *k,
                   const FxTensor *v, TT *out, const char *want) {
  char *snap = ttSnapshot(out);
  int rc = fxRefUnifiedAttention(q, k, v, &out->t);
  const char *err = fxrt_get_error();
  EXPECT(rc == -1 && err && strstr(err, want));
  EXPECT(ttUnchanged(out, snap));
  printf("%s: %s\n", label, err ? err : "(no error)");
  free(snap);
  fxrt_clear_error();
}

static void runRefusals(void) {
  int64_t qs[3] = {5, 4, 8}, kvs[3] = {5, 2, 8}, kv3[3] = {5, 3, 8},
          short_[3] = {4, 2, 8}, flat[2] = {5, 32};
  TT q = ttContig(FX_DTYPE_F16, 3, qs), k = ttContig(FX_DTYPE_F16, 3, kvs),
     v = ttContig(FX_DTYPE_F16, 3, kvs), out = ttContig(FX_DTYPE_F16, 3, qs),
     kf32 = ttContig(FX_DTYPE_F32, 3, kvs), k3 = ttContig(FX_DTYPE_F16, 3, kv3),
     kShort = ttContig(FX_DTYPE_F16, 3, short_),
     out2 = ttContig(FX_DTYPE_F16, 2, flat), q64 = ttContig(FX_DTYPE_F64, 3, qs),
     k64 = ttContig(FX_DTYPE_F64, 3, kvs), v64 = ttContig(FX_DTYPE_F64, 3, kvs),
     out64 = ttContig(FX_DTYPE_F64, 3, qs);
  TT outIsQ = ttView(&q, FX_DTYPE_F16, 0, 3, qs, q.t.strides);
  refuse("rank", &q.t, &k.t, &v.t, &out2, "'output' has rank 2, expected 3");
  refuse("dtype", &q.t, &kf32.t, &v.t, &out, "'key' has dtype f32, 'query' f16");
  refuse("f64", &q64.t, &k64.t, &v64.t, &out64, "'query' has dtype code 8");
  refuse("heads", &q.t, &k3.t, &k3.t, &out, "query has 4 heads and key 3");
  refuse("tokens", &q.t, &kShort.t, &v.t, &out, "'key' has sizes [4, 2, 8], expected [5, 2, 8]");
  refuse("aliased output", &q.t, &k.t, &v.t, &outIsQ,
         "'output' shares storage with 'query'");
  refuse("missing", &q.t, NULL, &v.t, &out, "'key' is missing");
  ttFree(&q);
  ttFree(&k);
  ttFree(&v);
  ttFree(&out);
  ttFree(&kf32);
  ttFree(&k3);
  ttFree(&kShort);
  ttFree(&out2);
  ttFree(&q64);
  ttFree(&k64);
  ttFree(&v64);
  ttFree(&out64);
}

int main(void) {
  fxtestBegin();
  printf("## unified_attention_with_output\n");
  // CHECK-LABEL: ## unified_attention_with_output
  const int32_t dtypes[3] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  for (int i = 0; i < 3; i++) {
    run(dtypes[i], 17, 4, 2, 16, CONTIGUOUS, 1.5);
    run(dtypes[i], 13, 4, 4, 8, FUSED_QKV, 1.5);
    run(dtypes[i], 11, 6, 2, 12, STRIDED, 1.5);
  }
  // CHECK: f32 [17 tokens, 4/2 heads, 16] contiguous: max {{[01]}} ulp
  // CHECK: f16 [13 tokens, 4/4 heads, 8] fused qkv slices: max {{[01]}} ulp
  // CHECK: bf16 [11 tokens, 6/2 heads, 12] permuted key, padded output: max {{[01]}} ulp
  run(FX_DTYPE_BF16, 20, 8, 1, 64, FUSED_QKV, 3.0); /* MQA, peaky softmax */
  run(FX_DTYPE_F16, 1, 2, 1, 4, CONTIGUOUS, 1.0);
  run(FX_DTYPE_F16, 0, 2, 1, 4, CONTIGUOUS, 1.0);
  // CHECK: bf16 [20 tokens, 8/1 heads, 64] fused qkv slices: max {{[01]}} ulp
  // CHECK: f16 [1 tokens, 2/1 heads, 4] contiguous: max 0 ulp
  // CHECK: f16 [0 tokens, 2/1 heads, 4] contiguous: max 0 ulp, 0 of 0 inexact
  runEntryPoint();
  // CHECK: entry point: identical to the C function
  runRefusals();
  // CHECK: rank: fxrt_vllm__unified_attention_with_output: 'output' has rank 2, expected 3
  // CHECK: dtype: fxrt_vllm__unified_attention_with_output: 'key' has dtype f32, 'query' f16
  // CHECK: f64: fxrt_vllm__unified_attention_with_output: 'query' has dtype code 8; the reference computes f32, f16 and bf16
  // CHECK: heads: fxrt_vllm__unified_attention_with_output: query has 4 heads and key 3
  // CHECK: tokens: fxrt_vllm__unified_attention_with_output: 'key' has sizes [4, 2, 8], expected [5, 2, 8]
  // CHECK: aliased output: fxrt_vllm__unified_attention_with_output: 'output' shares storage with 'query'
  // CHECK: missing: fxrt_vllm__unified_attention_with_output: 'key' is missing
  // CHECK: refops_attention: {{[0-9]+}} checks passed
  return fxtestFinish("refops_attention");
}
