/* rotary.cu - rotary_embedding on the GPU (the C twin and the layout rules
 * are in cpu/rotary.c; kernel-numerics.md §3.8, HEAD numerics).
 *
 * One block per token, threads over the (head, pair) items of the query
 * and then the key, two strided loads and two stores each, cos/sin read
 * from the cache row of the token's position (any float dtype, any
 * strides).  Unlike vLLM, positions are range-checked first: a one-block
 * kernel finds the first bad token and the host reads that one number
 * back (a synchronisation) before the rotation is launched, so a bad
 * position is reported and nothing is written, as on the CPU. */
#include "cuda/fx_cuda_impl.cuh"

struct FxCuRotHeads {
  char *data; /* NULL: absent key */
  FxCuMap tokens;
  int64_t heads, headStride, elemStride;
};

struct FxCuRotArgs {
  const char *pos;
  int posI64;
  FxCuMap posMap;
  int64_t tokens, maxPos;
  const char *cache;
  int cacheDt;
  int64_t cacheS0, cacheS1; /* element strides */
  int64_t embed, offset;
  int neox, inverse;
  FxCuRotHeads q, k;
};

__device__ __forceinline__ int64_t fxCuPosition(const FxCuRotArgs &a,
                                                int64_t tok) {
  int64_t off = fxCuOffset(a.posMap, tok);
  return a.posI64 ? reinterpret_cast<const int64_t *>(a.pos)[off]
                  : (int64_t) reinterpret_cast<const int32_t *>(a.pos)[off];
}

/* *firstBad = the smallest token whose position is outside [0, maxPos), or
 * `tokens` when all are inside.  One block. */
__global__ void __launch_bounds__(1024)
    fxCuRotaryCheckKernel(const __grid_constant__ FxCuRotArgs a,
                          unsigned long long *firstBad) {
  __shared__ unsigned long long first;
  if (threadIdx.x == 0)
    first = (unsigned long long)a.tokens;
  __syncthreads();
  for (int64_t tok = threadIdx.x; tok < a.tokens; tok += blockDim.x) {
    int64_t p = fxCuPosition(a, tok);
    if (p < 0 || p >= a.maxPos) {
      atomicMin(&first, (unsigned long long)tok);
      break; /* this thread's later tokens are larger */
    }
  }
  __syncthreads();
  if (threadIdx.x == 0)
    *firstBad = first;
}

template <int DT>
__device__ __forceinline__ void fxCuRotateHeads(const FxCuRotArgs &a,
                                                const FxCuRotHeads &h,
                                                int64_t tok, const char *crow) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const int ces = fxElemSize(a.cacheDt);
  S *base = reinterpret_cast<S *>(h.data) + fxCuOffset(h.tokens, tok) +
            a.offset * h.elemStride;
  for (int64_t p = threadIdx.x; p < h.heads * a.embed; p += blockDim.x) {
    int64_t head = p / a.embed, i = p - head * a.embed;
    float c = fxCuLoadFloat(crow + i * a.cacheS1 * ces, a.cacheDt);
    float s = fxCuLoadFloat(crow + (a.embed + i) * a.cacheS1 * ces, a.cacheDt);
    int64_t xi, yi;
    fxRotaryPairIndex(a.neox, a.embed, i, &xi, &yi);
    S *hp = base + head * h.headStride;
    float xo, yo;
    fxRotatePair(T::load(hp[xi * h.elemStride]), T::load(hp[yi * h.elemStride]),
                 c, s, a.inverse, &xo, &yo);
    hp[xi * h.elemStride] = T::store(xo);
    hp[yi * h.elemStride] = T::store(yo);
  }
}

template <int DT>
__global__ void __launch_bounds__(512)
    fxCuRotaryKernel(const __grid_constant__ FxCuRotArgs a) {
  const int ces = fxElemSize(a.cacheDt);
  for (int64_t tok = blockIdx.x; tok < a.tokens; tok += gridDim.x) {
    const char *crow = a.cache + fxCuPosition(a, tok) * a.cacheS0 * ces;
    fxCuRotateHeads<DT>(a, a.q, tok, crow);
    if (a.k.data)
      fxCuRotateHeads<DT>(a, a.k, tok, crow);
  }
}

static FxCuRotHeads fxCuHeads(const FxTensor *t, int pd, int64_t heads,
                              int64_t headStride, int64_t elemStride) {
  FxCuRotHeads h;
  h.data = t ? (char *)t->data : NULL;
  h.tokens = t ? fxCuMap(pd, t->sizes, t->strides) : fxCuMap(0, NULL, NULL);
  h.heads = t ? heads : 0;
  h.headStride = headStride;
  h.elemStride = elemStride;
  return h;
}

extern "C" void fxCudaRotary(const char *kernel, const FxTensor *positions,
                             const FxTensor *query, int64_t qHeads,
                             int64_t qHeadStride, int64_t qElemStride,
                             const FxTensor *key, int64_t kHeads,
                             int64_t kHeadStride, int64_t kElemStride,
                             const FxTensor *cosSinCache, int64_t ropeDimOffset,
                             int isNeox, int inverse) {
  FxCuRotArgs a;
  int pd = positions->rank;
  a.pos = (const char *)positions->data;
  a.posI64 = positions->dtype == FX_DTYPE_I64;
  a.posMap = fxCuMapAll(positions);
  a.tokens = fxTensorNumel(positions);
  a.maxPos = cosSinCache->sizes[0];
  a.cache = (const char *)cosSinCache->data;
  a.cacheDt = cosSinCache->dtype;
  a.cacheS0 = cosSinCache->strides[0];
  a.cacheS1 = cosSinCache->strides[1];
  a.embed = cosSinCache->sizes[1] / 2;
  a.offset = ropeDimOffset;
  a.neox = isNeox;
  a.inverse = inverse;
  a.q = fxCuHeads(query, pd, qHeads, qHeadStride, qElemStride);
  a.k = fxCuHeads(key, pd, kHeads, kHeadStride, kElemStride);
  if (a.tokens == 0)
    return;

  unsigned long long *bad =
      (unsigned long long *)fxCuScratch(kernel, sizeof(unsigned long long));
  if (!bad)
    return;
  unsigned long long firstBad = 0;
  fxCuRotaryCheckKernel<<<1, 1024, 0, kFxCuStream>>>(a, bad);
  int ok = fxCuLaunched(kernel) &&
           fxCuOk(kernel,
                  cudaMemcpy(&firstBad, bad, sizeof firstBad,
                             cudaMemcpyDeviceToHost),
                  "cudaMemcpy");
  fxCuScratchFree(kernel, bad);
  if (!ok)
    return;
  if (firstBad < (unsigned long long)a.tokens) {
    int64_t tok = (int64_t)firstBad, pos = 0;
    int64_t off = fxCpuFlatOffset(positions, tok);
    size_t es = positions->dtype == FX_DTYPE_I64 ? 8 : 4;
    int32_t p32 = 0;
    void *dst = es == 8 ? (void *)&pos : (void *)&p32;
    if (!fxCuOk(kernel,
                cudaMemcpy(dst, (const char *)positions->data + off * (int64_t)es,
                           es, cudaMemcpyDeviceToHost),
                "cudaMemcpy"))
      return;
    if (es == 4)
      pos = p32;
    fxCpuError(kernel,
               "position %lld of token %lld is outside cos_sin_cache [0, %lld)",
               (long long)pos, (long long)tok, (long long)a.maxPos);
    return;
  }

  if (a.embed == 0 || (a.q.heads == 0 && a.k.heads == 0))
    return;
  int64_t items = a.q.heads > a.k.heads ? a.q.heads : a.k.heads;
  /* vLLM: min(nh * rot_dim / 2, 512) threads. */
  int threads = fxCuRowThreads(items * a.embed, a.tokens, 512);
  /* One launch for both tensors when they share a dtype, else one each. */
  FxCuRotArgs second = a;
  if (key && key->dtype != query->dtype) {
    a.k.data = NULL;
    second.q = second.k;
    second.k.data = NULL;
  } else {
    second.q.data = NULL;
  }
  FX_CU_DISPATCH_FLOAT(query->dtype, {
    fxCuRotaryKernel<DT><<<fxCuBlocks(a.tokens), threads, 0, kFxCuStream>>>(a);
  });
  if (second.q.data)
    FX_CU_DISPATCH_FLOAT(key->dtype, {
      fxCuRotaryKernel<DT>
          <<<fxCuBlocks(a.tokens), threads, 0, kFxCuStream>>>(second);
    });
  fxCuLaunched(kernel);
}
