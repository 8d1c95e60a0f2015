/* layernorm.cu - the RMSNorm family on the GPU (the C twin and the numerics
 * are in cpu/layernorm.c; kernel-numerics.md §3.1-3.5).
 *
 * One block per row (token), fp32 sum of squares per thread, a fixed-order
 * block reduction, then inv = rsqrtf(sum/H + eps) (fxRmsInv).  Pass 1 reads
 * the row (and, fused, adds the residual, rounds, and writes it back); pass
 * 2 re-reads it and writes the output.  Whenever H is a multiple of G (16
 * bytes of the activation dtype), each thread takes groups of G elements:
 * one vector access where every operand's rows are contiguous and aligned,
 * G strided accesses otherwise.  Which thread sums which elements, and so
 * the bits of the result, then depend on the shape alone: a column slice
 * and a dense copy of it normalise identically.  Other H: one element at a
 * time.
 */
#include "cuda/fx_cuda_impl.cuh"

struct FxCuNormArgs {
  char *out; /* T, or fp8 when scale != NULL */
  FxCuMap outRows;
  int64_t outInner;
  const char *in;
  FxCuMap inRows;
  int64_t inInner;
  char *res; /* NULL: no fused add */
  FxCuMap resRows;
  int64_t resInner;
  const char *w; /* NULL: weightless */
  int64_t wInner;
  const float *scale; /* static fp8 output scale, or NULL */
  int64_t rows, h;
  float eps;
  int vec; /* every operand's rows are contiguous and aligned */
};

template <int DT, int G>
__global__ void __launch_bounds__(1024)
    fxCuRmsNormKernel(const __grid_constant__ FxCuNormArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const int64_t groups = a.h / G;
  const S *w = reinterpret_cast<const S *>(a.w);
  for (int64_t row = blockIdx.x; row < a.rows; row += gridDim.x) {
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, row);
    S *res = a.res ? reinterpret_cast<S *>(a.res) + fxCuOffset(a.resRows, row)
                   : nullptr;
    /* Pass 1: s = T(x + r) -> residual; sum of squares of s (or of x). */
    float ss = 0.0f;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G];
      fxCuLoad<G>(in, a.inInner, g * G, x, a.vec != 0);
      if (res) {
        S r[G];
        fxCuLoad<G>(res, a.resInner, g * G, r, a.vec != 0);
#pragma unroll
        for (int k = 0; k < G; k++)
          x[k] = T::store(T::load(x[k]) + T::load(r[k]));
        fxCuStore<G>(res, a.resInner, g * G, x, a.vec != 0);
      }
#pragma unroll
      for (int k = 0; k < G; k++) {
        float v = T::load(x[k]);
        ss += v * v;
      }
    }
    const float inv = fxRmsInv(fxCuBlockReduce<false>(ss), a.h, a.eps);
    /* Pass 2: T((x * inv) * w), stored as T or quantized to fp8.  Each
     * thread re-reads the elements it wrote in pass 1. */
    const S *src = res ? res : in;
    const int64_t srcInner = res ? a.resInner : a.inInner;
    const float invScale = a.scale ? 1.0f / *a.scale : 1.0f;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G], wv[G];
      fxCuLoad<G>(src, srcInner, g * G, x, a.vec != 0);
      if (w)
        fxCuLoad<G>(w, a.wInner, g * G, wv, a.vec != 0);
      float n[G];
#pragma unroll
      for (int k = 0; k < G; k++)
        n[k] = fxRmsNormElem(DT, T::load(x[k]), inv, w != nullptr,
                             w ? T::load(wv[k]) : 1.0f);
      if (a.scale) {
        uint8_t *out = reinterpret_cast<uint8_t *>(a.out) + fxCuOffset(a.outRows, row);
        uint8_t q[G];
#pragma unroll
        for (int k = 0; k < G; k++)
          q[k] = fxQuantF8E4M3FN(n[k] * invScale);
        fxCuStore<G>(out, a.outInner, g * G, q, a.vec != 0);
      } else {
        S *out = reinterpret_cast<S *>(a.out) + fxCuOffset(a.outRows, row);
        S o[G];
#pragma unroll
        for (int k = 0; k < G; k++)
          o[k] = T::store(n[k]);
        fxCuStore<G>(out, a.outInner, g * G, o, a.vec != 0);
      }
    }
  }
}

extern "C" void fxCudaRmsNorm(const char *kernel, const FxTensor *result,
                              const FxTensor *input, const FxTensor *residual,
                              const FxTensor *weight, const FxTensor *scale,
                              double epsilon, int64_t hidden) {
  const FxTensor *out = result ? result : input;
  int64_t rows = fxTensorNumel(input) / (hidden > 0 ? hidden : 1);
  if (hidden == 0 || rows == 0)
    return; /* nothing to write (the C kernel writes nothing either) */
  FxCuNormArgs a;
  a.out = (char *)out->data;
  a.outRows = fxCuMapRows(out);
  a.outInner = fxCuInner(out);
  a.in = (const char *)input->data;
  a.inRows = fxCuMapRows(input);
  a.inInner = fxCuInner(input);
  a.res = residual ? (char *)residual->data : NULL;
  a.resRows = residual ? fxCuMapRows(residual) : a.inRows;
  a.resInner = residual ? fxCuInner(residual) : 0;
  a.w = weight ? (const char *)weight->data : NULL;
  a.wInner = weight ? fxCuInner(weight) : 0;
  a.scale = scale ? (const float *)scale->data : NULL;
  a.rows = rows;
  a.h = hidden;
  a.eps = (float)epsilon;
  /* Groups of G (16 bytes) whenever H allows, vector accesses only where
   * the layout allows too: the bits then depend on the shape alone. */
  FX_CU_DISPATCH_FLOAT(input->dtype, {
    constexpr int G = 16 / (int)sizeof(typename FxCuType<DT>::S);
    a.vec = fxCuVectorizable(input, hidden, G) &&
            fxCuVectorizable(out, hidden, G) &&
            fxCuVectorizable(residual, hidden, G) &&
            fxCuVectorizable(weight, hidden, G);
    if (hidden % G == 0)
      fxCuRmsNormKernel<DT, G>
          <<<fxCuBlocks(rows), fxCuRowThreads(hidden / G, rows), 0,
             kFxCuStream>>>(a);
    else
      fxCuRmsNormKernel<DT, 1>
          <<<fxCuBlocks(rows), fxCuRowThreads(hidden, rows), 0, kFxCuStream>>>(
              a);
  });
  fxCuLaunched(kernel);
}

/*===-- rms_norm_dynamic_per_token_quant -----------------------------------===*/

struct FxCuDynNormArgs {
  char *out; /* fp8 or int8 */
  FxCuMap outRows;
  int64_t outInner;
  const char *in;
  FxCuMap inRows;
  int64_t inInner;
  char *res; /* NULL: no residual */
  FxCuMap resRows;
  int64_t resInner;
  const char *w;
  int64_t wInner;
  float *scale; /* one per row, any layout */
  FxCuMap scaleMap;
  const float *ub; /* NULL: no upper bound */
  int isInt8;
  int64_t rows, h;
  float eps;
  int vec; /* every operand's rows are contiguous and aligned */
};

/* vLLM's three passes (§3.5): rms from z = x (+ r) kept in fp32; the
 * round-first normalized value n = T(T(z * rms) * w) and its absolute max;
 * the token scale; then the quantized row and residual <- T(z). */
/* At most 512 threads: with 16-byte groups its three passes need more
 * than the 64 registers a 1024-thread block allows. */
enum { kFxCuDynQuantThreads = 512 };

template <int DT, int G>
__global__ void __launch_bounds__(kFxCuDynQuantThreads)
    fxCuRmsNormDynQuantKernel(const __grid_constant__ FxCuDynNormArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const int64_t groups = a.h / G;
  const S *w = reinterpret_cast<const S *>(a.w);
  for (int64_t row = blockIdx.x; row < a.rows; row += gridDim.x) {
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, row);
    S *res = a.res ? reinterpret_cast<S *>(a.res) + fxCuOffset(a.resRows, row)
                   : nullptr;
    float ss = 0.0f;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G], r[G];
      fxCuLoad<G>(in, a.inInner, g * G, x, a.vec != 0);
      if (res)
        fxCuLoad<G>(res, a.resInner, g * G, r, a.vec != 0);
#pragma unroll
      for (int k = 0; k < G; k++) {
        /* (never x + 0.0f: that would turn -0 into +0, and a -0 quantizes
         * to 0x80 on the CPU) */
        float z = res ? T::load(x[k]) + T::load(r[k]) : T::load(x[k]);
        ss += z * z;
      }
    }
    const float rms = fxRmsInv(fxCuBlockReduce<false>(ss), a.h, a.eps);

    float amax = 0.0f;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G], r[G], wv[G];
      fxCuLoad<G>(in, a.inInner, g * G, x, a.vec != 0);
      if (res)
        fxCuLoad<G>(res, a.resInner, g * G, r, a.vec != 0);
      fxCuLoad<G>(w, a.wInner, g * G, wv, a.vec != 0);
#pragma unroll
      for (int k = 0; k < G; k++) {
        float z = res ? T::load(x[k]) + T::load(r[k]) : T::load(x[k]);
        amax = fmaxf(amax, fabsf(fxRmsNormElemRoundFirst(DT, z, rms,
                                                         T::load(wv[k]))));
      }
    }
    amax = fxCuBlockReduce<true>(amax);
    const float s = a.isInt8 ? fxInt8TokenScale(amax)
                             : fxFp8TokenScale(amax, a.ub != nullptr,
                                               a.ub ? *a.ub : 0.0f);
    if (threadIdx.x == 0)
      a.scale[fxCuOffset(a.scaleMap, row)] = s;

    const float invS = 1.0f / s;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G], r[G], wv[G];
      fxCuLoad<G>(in, a.inInner, g * G, x, a.vec != 0);
      if (res)
        fxCuLoad<G>(res, a.resInner, g * G, r, a.vec != 0);
      fxCuLoad<G>(w, a.wInner, g * G, wv, a.vec != 0);
      uint8_t q[G];
#pragma unroll
      for (int k = 0; k < G; k++) {
        float z = res ? T::load(x[k]) + T::load(r[k]) : T::load(x[k]);
        float n = fxRmsNormElemRoundFirst(DT, z, rms, T::load(wv[k]));
        /* fp8 divides ("exact match with FBGemm"); int8 multiplies. */
        q[k] = a.isInt8 ? (uint8_t)fxQuantI8(n * invS) : fxQuantF8E4M3FN(n / s);
        if (res)
          r[k] = T::store(z);
      }
      uint8_t *out = reinterpret_cast<uint8_t *>(a.out) + fxCuOffset(a.outRows, row);
      fxCuStore<G>(out, a.outInner, g * G, q, a.vec != 0);
      if (res)
        fxCuStore<G>(res, a.resInner, g * G, r, a.vec != 0);
    }
  }
}

extern "C" void fxCudaRmsNormDynamicQuant(const char *kernel,
                                          const FxTensor *result,
                                          const FxTensor *input,
                                          const FxTensor *weight,
                                          const FxTensor *scale, double epsilon,
                                          const FxTensor *scaleUb,
                                          const FxTensor *residual,
                                          int64_t hidden) {
  /* One scale per row even when H = 0 (those rows get the minimum scale). */
  int64_t rows = fxTensorNumel(scale);
  if (rows == 0)
    return;
  FxCuDynNormArgs a;
  a.out = (char *)result->data;
  a.outRows = fxCuMapRows(result);
  a.outInner = fxCuInner(result);
  a.in = (const char *)input->data;
  a.inRows = fxCuMapRows(input);
  a.inInner = fxCuInner(input);
  a.res = residual ? (char *)residual->data : NULL;
  a.resRows = residual ? fxCuMapRows(residual) : a.inRows;
  a.resInner = residual ? fxCuInner(residual) : 0;
  a.w = (const char *)weight->data;
  a.wInner = fxCuInner(weight);
  a.scale = (float *)scale->data;
  a.scaleMap = fxCuMapAll(scale);
  a.ub = scaleUb ? (const float *)scaleUb->data : NULL;
  a.isInt8 = result->dtype == FX_DTYPE_I8;
  a.rows = rows;
  a.h = hidden;
  a.eps = (float)epsilon;
  FX_CU_DISPATCH_FLOAT(input->dtype, {
    constexpr int G = 16 / (int)sizeof(typename FxCuType<DT>::S);
    a.vec = fxCuVectorizable(input, hidden, G) &&
            fxCuVectorizable(result, hidden, G) &&
            fxCuVectorizable(residual, hidden, G) &&
            fxCuVectorizable(weight, hidden, G);
    if (hidden > 0 && hidden % G == 0)
      fxCuRmsNormDynQuantKernel<DT, G>
          <<<fxCuBlocks(rows),
             fxCuRowThreads(hidden / G, rows, kFxCuDynQuantThreads), 0,
             kFxCuStream>>>(a);
    else
      fxCuRmsNormDynQuantKernel<DT, 1>
          <<<fxCuBlocks(rows), fxCuRowThreads(hidden, rows, kFxCuDynQuantThreads),
             0, kFxCuStream>>>(a);
  });
  fxCuLaunched(kernel);
}
