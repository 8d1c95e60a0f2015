/* activation.cu - silu_and_mul and silu_and_mul_quant on the GPU (the C
 * twin is cpu/activation.c; kernel-numerics.md §3.6-3.7).
 *
 * One block per row; each thread takes G gate elements and the G up
 * elements d further on: T(T(silu(g)) * u), or its fp8 quantization with the
 * reciprocal of the scale taken once.  G is 16 bytes of the activation
 * dtype when both halves of every row are contiguous and aligned (so d is
 * a multiple of G; vLLM's swapped-argument bug in this path is not
 * reproduced), else 1 with any strides. */
#include "cuda/fx_cuda_impl.cuh"

struct FxCuGluArgs {
  char *out; /* T, or fp8 when scale != NULL */
  FxCuMap outRows;
  int64_t outInner;
  const char *in;
  FxCuMap inRows;
  int64_t inInner;
  const float *scale;
  int64_t rows, d;
};

template <int DT, int G>
__global__ void __launch_bounds__(1024)
    fxCuSiluAndMulKernel(const __grid_constant__ FxCuGluArgs a) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  const int64_t groups = a.d / G;
  const float invScale = a.scale ? 1.0f / *a.scale : 1.0f;
  for (int64_t row = blockIdx.x; row < a.rows; row += gridDim.x) {
    const S *in = reinterpret_cast<const S *>(a.in) + fxCuOffset(a.inRows, row);
    const S *up = in + a.d * a.inInner;
    for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
      S x[G], u[G];
      fxCuLoad<G>(in, a.inInner, g * G, x);
      fxCuLoad<G>(up, a.inInner, g * G, u);
      float y[G];
#pragma unroll
      for (int k = 0; k < G; k++)
        y[k] = fxSiluAndMul(DT, T::load(x[k]), T::load(u[k]));
      if (a.scale) {
        uint8_t *out = reinterpret_cast<uint8_t *>(a.out) + fxCuOffset(a.outRows, row);
        uint8_t q[G];
#pragma unroll
        for (int k = 0; k < G; k++)
          q[k] = fxQuantF8E4M3FN(y[k] * invScale);
        fxCuStore<G>(out, a.outInner, g * G, q);
      } else {
        S *out = reinterpret_cast<S *>(a.out) + fxCuOffset(a.outRows, row);
        S o[G];
#pragma unroll
        for (int k = 0; k < G; k++)
          o[k] = T::store(y[k]);
        fxCuStore<G>(out, a.outInner, g * G, o);
      }
    }
  }
}

extern "C" void fxCudaSiluAndMul(const char *kernel, const FxTensor *result,
                                 const FxTensor *input, const FxTensor *scale,
                                 int64_t d) {
  int64_t rows = fxTensorNumel(result) / (d > 0 ? d : 1);
  if (d == 0 || rows == 0)
    return;
  FxCuGluArgs a;
  a.out = (char *)result->data;
  a.outRows = fxCuMapRows(result);
  a.outInner = fxCuInner(result);
  a.in = (const char *)input->data;
  a.inRows = fxCuMapRows(input);
  a.inInner = fxCuInner(input);
  a.scale = scale ? (const float *)scale->data : NULL;
  a.rows = rows;
  a.d = d;
  FX_CU_DISPATCH_FLOAT(input->dtype, {
    constexpr int G = 16 / (int)sizeof(typename FxCuType<DT>::S);
    bool vec = d % G == 0 && fxCuVectorizable(input, 2 * d, G) &&
               fxCuVectorizable(result, d, G);
    if (vec)
      fxCuSiluAndMulKernel<DT, G>
          <<<fxCuBlocks(rows), fxCuRowThreads(d / G, rows), 0, kFxCuStream>>>(
              a);
    else
      fxCuSiluAndMulKernel<DT, 1>
          <<<fxCuBlocks(rows), fxCuRowThreads(d, rows), 0, kFxCuStream>>>(a);
  });
  fxCuLaunched(kernel);
}
