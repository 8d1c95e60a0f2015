/* rotary.c - rotary_embedding on the CPU (kernel-numerics.md §3.8, HEAD).
 *
 * positions: int64 (int32 accepted too), [T] or [B, S].  query/key: the
 * positions' dims, then either [nh * hs] or [nh, hs], each walked with its
 * own strides (views into a fused qkv buffer are the normal case).  vLLM
 * reuses the query's head stride for the key; here each tensor uses its own,
 * which is the same thing whenever vLLM's assumption holds.
 * cos_sin_cache: [max_pos, rot_dim], row p = cos(p f_0..) ++ sin(p f_0..), of
 * any float dtype, with any strides.  For each token, head and i < rot_dim/2
 * the pair (NeoX: i, i + rot_dim/2; GPT-J: 2i, 2i + 1), offset by
 * rope_dim_offset within the head, is rotated in fp32 with the cache's
 * values and rounded once to the tensor's dtype; the rest of the head is
 * untouched.  Unlike vLLM, positions are range-checked (before anything is
 * written), since an out-of-range position would read outside the cache. */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/* Where the heads of one tensor are: token t's head h element e lives at
 * data + (tokenOffset(t) + h * headStride + e * elemStride) elements. */
typedef struct FxRotaryHeads {
  const FxTensor *t;
  int64_t numHeads, headStride, elemStride;
} FxRotaryHeads;

static int fxRotaryHeads(const char *k, const char *name, const FxTensor *t,
                         const FxTensor *positions, int64_t headSize,
                         FxRotaryHeads *out) {
  int pd = positions->rank;
  if (fxCpuCheck(k, name, t, FX_DT_FLOAT16_32, pd + 1, pd + 2))
    return -1;
  for (int d = 0; d < pd; d++) {
    if (t->sizes[d] != positions->sizes[d]) {
      fxCpuError(k, "'%s' dimension %d is %lld, positions has %lld", name, d,
                 (long long)t->sizes[d], (long long)positions->sizes[d]);
      return -1;
    }
  }
  out->t = t;
  if (t->rank == pd + 2) { /* [..., nh, hs] */
    if (t->sizes[pd + 1] != headSize) {
      fxCpuError(k, "'%s' head dimension is %lld, head_size is %lld", name,
                 (long long)t->sizes[pd + 1], (long long)headSize);
      return -1;
    }
    out->numHeads = t->sizes[pd];
    out->headStride = t->strides[pd];
    out->elemStride = t->strides[pd + 1];
    return 0;
  }
  if (t->sizes[pd] % headSize != 0) { /* [..., nh * hs] */
    fxCpuError(k, "'%s' last dimension %lld is not a multiple of head_size %lld",
               name, (long long)t->sizes[pd], (long long)headSize);
    return -1;
  }
  out->numHeads = t->sizes[pd] / headSize;
  out->elemStride = t->strides[pd];
  out->headStride = headSize * out->elemStride;
  return 0;
}

/* Element offset of token `tok` (row-major over the positions' dims). */
static int64_t fxTokenOffset(const FxTensor *t, int pd, int64_t tok) {
  int64_t off = 0;
  for (int d = pd - 1; d >= 0; d--) {
    off += tok % t->sizes[d] * t->strides[d];
    tok /= t->sizes[d];
  }
  return off;
}

/* Position of token `tok` (int64 or int32 positions, read exactly). */
static int64_t fxPosition(const FxTensor *positions, int64_t tok) {
  int64_t off = fxCpuFlatOffset(positions, tok);
  if (positions->dtype == FX_DTYPE_I64)
    return ((const int64_t *)positions->data)[off];
  return ((const int32_t *)positions->data)[off];
}

static void fxRotateHeads(const FxRotaryHeads *h, int pd, int64_t tok,
                          const float *cos, const float *sin, int64_t embed,
                          int64_t offset, int isNeox, int inverse) {
  const FxTensor *t = h->t;
  int64_t es = fxElemSize(t->dtype);
  char *base = (char *)t->data + fxTokenOffset(t, pd, tok) * es;
  for (int64_t head = 0; head < h->numHeads; head++) {
    char *hp = base + (head * h->headStride + offset * h->elemStride) * es;
    for (int64_t i = 0; i < embed; i++) {
      int64_t xi, yi;
      fxRotaryPairIndex(isNeox, embed, i, &xi, &yi);
      char *xp = hp + xi * h->elemStride * es, *yp = hp + yi * h->elemStride * es;
      float xo, yo;
      fxRotatePair(fxLoadF32(xp, t->dtype), fxLoadF32(yp, t->dtype), cos[i],
                   sin[i], inverse, &xo, &yo);
      fxStoreF32(xp, t->dtype, xo);
      fxStoreF32(yp, t->dtype, yo);
    }
  }
}

void fxrt__C__rotary_embedding(const FxTensor *positions, const FxTensor *query,
                               const FxTensor *key, int64_t head_size,
                               const FxTensor *cos_sin_cache, int64_t is_neox,
                               int64_t rope_dim_offset, int64_t inverse) {
  const char *k = __func__;
  FX_TRY(fxCpuCheck(k, "positions", positions,
                    FX_DT(FX_DTYPE_I64) | FX_DT(FX_DTYPE_I32), 1, 2));
  FX_TRY(fxCpuCheck(k, "cos_sin_cache", cos_sin_cache, FX_DT_FLOATS, 2, 2));
  FX_REQUIRE(head_size > 0, "head_size must be positive, got %lld",
             (long long)head_size);
  int64_t maxPos = cos_sin_cache->sizes[0], rotDim = cos_sin_cache->sizes[1];
  FX_REQUIRE(rotDim % 2 == 0, "cos_sin_cache width %lld (rot_dim) must be even",
             (long long)rotDim);
  FX_REQUIRE(rope_dim_offset >= 0 && rotDim + rope_dim_offset <= head_size,
             "rot_dim %lld + rope_dim_offset %lld exceeds head_size %lld",
             (long long)rotDim, (long long)rope_dim_offset, (long long)head_size);
  FxRotaryHeads q = {0}, kk = {0};
  FX_TRY(fxRotaryHeads(k, "query", query, positions, head_size, &q));
  if (key)
    FX_TRY(fxRotaryHeads(k, "key", key, positions, head_size, &kk));
  FX_CUDA_DISPATCH(k,
                   fxCudaRotary(k, positions, query, q.numHeads, q.headStride,
                                q.elemStride, key, kk.numHeads, kk.headStride,
                                kk.elemStride, cos_sin_cache, rope_dim_offset,
                                is_neox != 0, inverse != 0),
                   positions, query, key, cos_sin_cache);

  int pd = positions->rank;
  int64_t tokens = fxTensorNumel(positions);
  for (int64_t tok = 0; tok < tokens; tok++) {
    int64_t pos = fxPosition(positions, tok);
    FX_REQUIRE(pos >= 0 && pos < maxPos,
               "position %lld of token %lld is outside cos_sin_cache [0, %lld)",
               (long long)pos, (long long)tok, (long long)maxPos);
  }

  int64_t embed = rotDim / 2;
  float *cs = fxCpuScratch(k, rotDim);
  FX_TRY(!cs);
  const FxCpuDtype *cdt = fxCpuDtype(cos_sin_cache->dtype);
  int64_t ces = cdt->size;
  for (int64_t tok = 0; tok < tokens; tok++) {
    int64_t pos = fxPosition(positions, tok);
    cdt->load(cs, (const char *)cos_sin_cache->data +
                      pos * cos_sin_cache->strides[0] * ces,
              rotDim, cos_sin_cache->strides[1] * ces);
    fxRotateHeads(&q, pd, tok, cs, cs + embed, embed, rope_dim_offset,
                  is_neox != 0, inverse != 0);
    if (key)
      fxRotateHeads(&kk, pd, tok, cs, cs + embed, embed, rope_dim_offset,
                    is_neox != 0, inverse != 0);
  }
  free(cs);
}
