/* quant.cu - the fp8 e4m3fn quantization kernels on the GPU (the C twins
 * and the scale conventions are in cpu/quant.c; kernel-numerics.md §2.5,
 * §3.9-3.11).
 *
 *   static      tiles of (row, chunk): fp8(clamp(x * (1/scale)))
 *   dynamic     scale <- 0, an abs-max tile kernel whose blocks combine
 *               max/448 with an integer atomicMax on the (non-negative)
 *               fp32 bits, then the static kernel reading that scale
 *   per-token   one block per row: abs max, the token scale, x / s
 * Accesses are G elements (16 bytes of input) wide where every row is
 * contiguous and aligned, else single strided elements. */
#include "cuda/fx_cuda_impl.cuh"

struct FxCuQuantArgs {
  uint8_t *out;
  FxCuMap outRows;
  int64_t outInner;
  const char *in;
  FxCuMap inRows;
  int64_t inInner;
  float *scale; /* static/dynamic: 1 element; per-token: one per row */
  FxCuMap scaleMap;
  const float *ub; /* per-token upper bound, or NULL */
  int64_t rows, n, chunks; /* chunks of kFxCuTile groups per row */
};

/* Tile t of the (row, chunk) grid: the row and the group range. */
struct FxCuTileRange {
  int64_t row, begin, end;
};

template <int G>
__device__ __forceinline__ FxCuTileRange fxCuTileAt(const FxCuQuantArgs &a,
                                                    int64_t t) {
  FxCuTileRange r;
  int64_t groups = a.n / G;
  r.row = t / a.chunks;
  r.begin = (t % a.chunks) * kFxCuTile;
  r.end = r.begin + kFxCuTile < groups ? r.begin + kFxCuTile : groups;
  return r;
}

template <int DT, int G>
__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuScaledQuantKernel(const __grid_constant__ FxCuQuantArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const float invScale = 1.0f / *a.scale;
  for (int64_t t = blockIdx.x; t < a.rows * a.chunks; t += gridDim.x) {
    FxCuTileRange r = fxCuTileAt<G>(a, t);
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, r.row);
    uint8_t *out = a.out + fxCuOffset(a.outRows, r.row);
    for (int64_t g = r.begin + threadIdx.x; g < r.end; g += blockDim.x) {
      S x[G];
      uint8_t q[G];
      fxCuLoad<G>(in, a.inInner, g * G, x);
#pragma unroll
      for (int k = 0; k < G; k++)
        q[k] = fxQuantF8E4M3FN(T::load(x[k]) * invScale);
      fxCuStore<G>(out, a.outInner, g * G, q);
    }
  }
}

/* *scale = max(|x|) / 448 over the tensor (the caller zeroed it). */
template <int DT, int G>
__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuAbsMaxKernel(const __grid_constant__ FxCuQuantArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  float m = 0.0f;
  for (int64_t t = blockIdx.x; t < a.rows * a.chunks; t += gridDim.x) {
    FxCuTileRange r = fxCuTileAt<G>(a, t);
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, r.row);
    for (int64_t g = r.begin + threadIdx.x; g < r.end; g += blockDim.x) {
      S x[G];
      fxCuLoad<G>(in, a.inInner, g * G, x);
#pragma unroll
      for (int k = 0; k < G; k++)
        m = fmaxf(m, fabsf(T::load(x[k])));
    }
  }
  m = fxCuBlockReduce<true>(m);
  /* x / 448 is monotonic, so the max of the quotients is the quotient of
   * the max; non-negative floats order like their bit patterns. */
  if (threadIdx.x == 0)
    atomicMax(reinterpret_cast<int *>(a.scale), __float_as_int(m / FX_FP8_MAX));
}

template <int DT, int G>
__global__ void __launch_bounds__(1024)
    fxCuPerTokenQuantKernel(const __grid_constant__ FxCuQuantArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const int64_t groups = a.n / G;
  for (int64_t row = blockIdx.x; row < a.rows; row += gridDim.x) {
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, row);
    uint8_t *out = a.out + fxCuOffset(a.outRows, row);
    float m = 0.0f;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G];
      fxCuLoad<G>(in, a.inInner, g * G, x);
#pragma unroll
      for (int k = 0; k < G; k++)
        m = fmaxf(m, fabsf(T::load(x[k])));
    }
    m = fxCuBlockReduce<true>(m);
    const float s = fxFp8TokenScale(m, a.ub != nullptr, a.ub ? *a.ub : 0.0f);
    if (threadIdx.x == 0)
      a.scale[fxCuOffset(a.scaleMap, row)] = s;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G];
      uint8_t q[G];
      fxCuLoad<G>(in, a.inInner, g * G, x);
#pragma unroll
      for (int k = 0; k < G; k++)
        q[k] = fxQuantF8E4M3FN(T::load(x[k]) / s); /* true division */
      fxCuStore<G>(out, a.outInner, g * G, q);
    }
  }
}

/* Rows are runs along the last dim (a rank-0 tensor is one row of one). */
static FxCuQuantArgs fxCuQuantArgs(const FxTensor *result,
                                   const FxTensor *input, const FxTensor *scale,
                                   const FxTensor *scaleUb) {
  FxCuQuantArgs a;
  a.out = (uint8_t *)result->data;
  a.outRows = fxCuMapRows(result);
  a.outInner = fxCuInner(result);
  a.in = (const char *)input->data;
  a.inRows = fxCuMapRows(input);
  a.inInner = fxCuInner(input);
  a.scale = (float *)scale->data;
  a.scaleMap = fxCuMapAll(scale);
  a.ub = scaleUb ? (const float *)scaleUb->data : NULL;
  a.n = input->rank ? input->sizes[input->rank - 1] : 1;
  a.rows = a.n ? fxTensorNumel(input) / a.n : 0;
  a.chunks = 0;
  return a;
}

/* Launches a tile kernel (static quant or abs max) with G-wide access when
 * possible. */
template <int DT, bool ABSMAX>
static void fxCuLaunchTiles(FxCuQuantArgs a, const FxTensor *result,
                            const FxTensor *input) {
  constexpr int G = 16 / (int)sizeof(typename FxCuType<DT>::S);
  bool vec = fxCuVectorizable(input, a.n, G) && fxCuVectorizable(result, a.n, G);
  int64_t groups = vec ? a.n / G : a.n;
  a.chunks = (groups + kFxCuTile - 1) / kFxCuTile;
  int64_t tiles = a.rows * a.chunks;
  /* The abs max caps its grid: fewer blocks, fewer atomics. */
  unsigned blocks = fxCuBlocks(ABSMAX && tiles > 4096 ? 4096 : tiles);
  if (ABSMAX) {
    if (vec)
      fxCuAbsMaxKernel<DT, G><<<blocks, kFxCuTileThreads, 0, kFxCuStream>>>(a);
    else
      fxCuAbsMaxKernel<DT, 1><<<blocks, kFxCuTileThreads, 0, kFxCuStream>>>(a);
  } else {
    if (vec)
      fxCuScaledQuantKernel<DT, G>
          <<<blocks, kFxCuTileThreads, 0, kFxCuStream>>>(a);
    else
      fxCuScaledQuantKernel<DT, 1>
          <<<blocks, kFxCuTileThreads, 0, kFxCuStream>>>(a);
  }
}

extern "C" void fxCudaStaticQuant(const char *kernel, const FxTensor *result,
                                  const FxTensor *input, const FxTensor *scale) {
  FxCuQuantArgs a = fxCuQuantArgs(result, input, scale, NULL);
  if (a.rows == 0)
    return;
  FX_CU_DISPATCH_FLOAT(input->dtype,
                       fxCuLaunchTiles<DT, false>(a, result, input));
  fxCuLaunched(kernel);
}

extern "C" void fxCudaDynamicQuant(const char *kernel, const FxTensor *result,
                                   const FxTensor *input,
                                   const FxTensor *scale) {
  FxCuQuantArgs a = fxCuQuantArgs(result, input, scale, NULL);
  /* scale = 0 also for an empty input (0 / 448, as on the CPU). */
  if (!fxCuOk(kernel, cudaMemsetAsync(scale->data, 0, sizeof(float), kFxCuStream),
              "cudaMemsetAsync") ||
      a.rows == 0)
    return;
  FX_CU_DISPATCH_FLOAT(input->dtype, {
    fxCuLaunchTiles<DT, true>(a, result, input);
    fxCuLaunchTiles<DT, false>(a, result, input);
  });
  fxCuLaunched(kernel);
}

extern "C" void fxCudaPerTokenQuant(const char *kernel, const FxTensor *result,
                                    const FxTensor *input, const FxTensor *scale,
                                    const FxTensor *scaleUb) {
  FxCuQuantArgs a = fxCuQuantArgs(result, input, scale, scaleUb);
  /* Rows of an empty last dim still get a (minimum) scale. */
  a.rows = fxTensorNumel(scale);
  if (a.rows == 0)
    return;
  FX_CU_DISPATCH_FLOAT(input->dtype, {
    constexpr int G = 16 / (int)sizeof(typename FxCuType<DT>::S);
    bool vec = a.n > 0 && fxCuVectorizable(input, a.n, G) &&
               fxCuVectorizable(result, a.n, G);
    if (vec)
      fxCuPerTokenQuantKernel<DT, G>
          <<<fxCuBlocks(a.rows), fxCuRowThreads(a.n / G, a.rows), 0,
             kFxCuStream>>>(a);
    else
      fxCuPerTokenQuantKernel<DT, 1>
          <<<fxCuBlocks(a.rows), fxCuRowThreads(a.n, a.rows), 0,
             kFxCuStream>>>(a);
  });
  fxCuLaunched(kernel);
}
