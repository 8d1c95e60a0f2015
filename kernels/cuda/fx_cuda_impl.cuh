/* fx_cuda_impl.cuh - what the .cu files of libfxrt share: tensor maps,
 * vector access, block reductions, launch geometry and error reporting.
 * CUDA C++ only; the C side sees cuda/fx_cuda.h.
 *
 * Kernel strategy (vLLM's, kernel-numerics.md §3): one block per row for
 * row-wise ops (norms, per-token quant, rotary: one block per token), fp32
 * block reductions (warp shuffles, then one value per warp in shared
 * memory, in a fixed order so results are deterministic), 16-byte vector
 * accesses where every row of every operand is contiguous and aligned, and
 * scalar strided accesses otherwise.  Elementwise ops walk (row, chunk)
 * tiles.  All per-element math comes from common/ (FX_HD).
 */
#ifndef FX_CUDA_IMPL_CUH
#define FX_CUDA_IMPL_CUH

#include <cuda_runtime.h>

#include <stdint.h>

#include "common/fx_math.h"
#include "cpu/fx_cpu.h"
#include "cuda/fx_cuda.h"

/*===-- Errors -------------------------------------------------------------===*/

/* Reports a failed CUDA call as one fxrt line; returns 1 on success. */
static inline int fxCuOk(const char *kernel, cudaError_t e, const char *what) {
  if (e == cudaSuccess)
    return 1;
  cudaGetLastError(); /* clear a sticky launch error so it is reported once */
  fxCpuError(kernel, "CUDA error in %s: %s", what, cudaGetErrorString(e));
  return 0;
}

/* After a launch: reports a bad configuration or an earlier async error. */
static inline int fxCuLaunched(const char *kernel) {
  return fxCuOk(kernel, cudaGetLastError(), "kernel launch");
}

/*===-- Tensor maps --------------------------------------------------------===*/

/* Maps a row-major flat index over some dims to an element offset.  Built
 * on the host with size-1 dims dropped and mergeable neighbours merged, so
 * the usual cases (dense rows, a row-strided 2-D view) are rank 1. */
struct FxCuMap {
  int rank;
  int64_t sizes[FXRT_MAX_RANK], strides[FXRT_MAX_RANK];
};

static inline FxCuMap fxCuMap(int rank, const int64_t *sizes,
                              const int64_t *strides) {
  FxCuMap m;
  m.rank = 0;
  for (int d = 0; d < rank; d++) {
    if (sizes[d] == 1)
      continue;
    int r = m.rank;
    if (r > 0 && m.strides[r - 1] == strides[d] * sizes[d]) {
      m.sizes[r - 1] *= sizes[d];
      m.strides[r - 1] = strides[d];
      continue;
    }
    m.sizes[r] = sizes[d];
    m.strides[r] = strides[d];
    m.rank++;
  }
  for (int d = m.rank; d < FXRT_MAX_RANK; d++)
    m.sizes[d] = 1, m.strides[d] = 0;
  return m;
}

/* Map of every dim of `t` (flat element index -> offset). */
static inline FxCuMap fxCuMapAll(const FxTensor *t) {
  return fxCuMap(t->rank, t->sizes, t->strides);
}

/* Map of the leading dims of `t` (row index -> offset of the row start). */
static inline FxCuMap fxCuMapRows(const FxTensor *t) {
  return fxCuMap(t->rank ? t->rank - 1 : 0, t->sizes, t->strides);
}

/* Element stride along the last dim (0 for rank 0). */
static inline int64_t fxCuInner(const FxTensor *t) {
  return t->rank ? t->strides[t->rank - 1] : 0;
}

/* The outermost dim needs no modulo: i < the product of the sizes. */
__device__ __forceinline__ int64_t fxCuOffset(const FxCuMap &m, int64_t i) {
  int64_t off = 0;
  for (int d = m.rank - 1; d > 0; d--) {
    int64_t s = m.sizes[d];
    off += (i % s) * m.strides[d];
    i /= s;
  }
  return m.rank > 0 ? off + i * m.strides[0] : 0;
}

/*===-- Dtypes -------------------------------------------------------------===*/

/* Storage type and exact fp32 conversions of the activation dtypes, from
 * common/fx_convert.h (so the GPU stores the CPU's bits). */
template <int DT> struct FxCuType;
template <> struct FxCuType<FX_DTYPE_F32> {
  typedef float S;
  static __device__ __forceinline__ float load(S s) { return s; }
  static __device__ __forceinline__ S store(float f) { return f; }
};
template <> struct FxCuType<FX_DTYPE_F16> {
  typedef uint16_t S;
  static __device__ __forceinline__ float load(S s) { return fxF16ToF32(s); }
  static __device__ __forceinline__ S store(float f) { return fxF32ToF16(f); }
};
template <> struct FxCuType<FX_DTYPE_BF16> {
  typedef uint16_t S;
  static __device__ __forceinline__ float load(S s) { return fxBF16ToF32(s); }
  static __device__ __forceinline__ S store(float f) { return fxF32ToBF16(f); }
};

/* Element `p` of a float dtype (f32, f16, bf16, fp8 e4m3fn) as fp32: the
 * conversions of common/ behind typed loads.  Cheaper than fxLoadF32's
 * eight-way switch, whose integer cases cost registers (and spills) in
 * kernels that only ever see floats. */
/* No CUDA kernel takes f64, fp8 e5m2 or e8m0fnu yet (they are in no set
 * of fx_dtype_sets.h), nor ever the packed f4e2m1fnx2: they read as NaN. */
FX_DTYPES_HANDLED(14, "fxCuLoadFloat and FX_CU_DISPATCH_FLOAT, if CUDA kernels take it");
__device__ __forceinline__ float fxCuLoadFloat(const char *p, int dtype) {
  switch (dtype) {
  case FX_DTYPE_F32:
    return *reinterpret_cast<const float *>(p);
  case FX_DTYPE_F16:
    return fxF16ToF32(*reinterpret_cast<const uint16_t *>(p));
  case FX_DTYPE_BF16:
    return fxBF16ToF32(*reinterpret_cast<const uint16_t *>(p));
  case FX_DTYPE_F8E4M3FN:
    return fxF8E4M3FNToF32(*reinterpret_cast<const uint8_t *>(p));
  default: /* not a float the kernels take (their callers check): NaN */
    return __int_as_float(0x7fc00000);
  }
}

/* Runs the statements with `constexpr int DT` set to an activation dtype
 * (f32, f16, bf16). */
#define FX_CU_DISPATCH_FLOAT(dtype, ...)                                       \
  do {                                                                         \
    switch (dtype) {                                                           \
    case FX_DTYPE_F32: {                                                       \
      constexpr int DT = FX_DTYPE_F32;                                         \
      __VA_ARGS__;                                                             \
    } break;                                                                   \
    case FX_DTYPE_F16: {                                                       \
      constexpr int DT = FX_DTYPE_F16;                                         \
      __VA_ARGS__;                                                             \
    } break;                                                                   \
    default: {                                                                 \
      constexpr int DT = FX_DTYPE_BF16;                                        \
      __VA_ARGS__;                                                             \
    } break;                                                                   \
    }                                                                          \
  } while (0)

/*===-- Vector access ------------------------------------------------------===*/

/* G consecutive elements moved as one aligned access (16 bytes for the
 * activation dtypes, G bytes for fp8/int8 outputs). */
template <typename S, int G> struct alignas(sizeof(S) * G) FxCuVec {
  S v[G];
};

/* Elements [j, j+G) of a row (j a multiple of G): one vector access when
 * `vec` (the row is then contiguous and aligned), else G elements at
 * `stride`.  The norms use G > 1 with vec false on strided rows, so that
 * which thread sums which elements, and hence the result's bits, do not
 * depend on the layout. */
template <int G, typename S>
__device__ __forceinline__ void fxCuLoad(const S *row, int64_t stride,
                                         int64_t j, S (&out)[G],
                                         bool vec = true) {
  if (G > 1 && vec) {
    FxCuVec<S, G> t = *reinterpret_cast<const FxCuVec<S, G> *>(row + j);
#pragma unroll
    for (int k = 0; k < G; k++)
      out[k] = t.v[k];
  } else {
#pragma unroll
    for (int k = 0; k < G; k++)
      out[k] = row[(j + k) * stride];
  }
}

template <int G, typename S>
__device__ __forceinline__ void fxCuStore(S *row, int64_t stride, int64_t j,
                                          const S (&in)[G], bool vec = true) {
  if (G > 1 && vec) {
    FxCuVec<S, G> t;
#pragma unroll
    for (int k = 0; k < G; k++)
      t.v[k] = in[k];
    *reinterpret_cast<FxCuVec<S, G> *>(row + j) = t;
  } else {
#pragma unroll
    for (int k = 0; k < G; k++)
      row[(j + k) * stride] = in[k];
  }
}

/* Whether every row of `t` (last dim `n` elements) can be accessed as
 * aligned vectors of `g` elements: contiguous rows, n a multiple of g, the
 * first element and every row start aligned to g * element size. */
static inline bool fxCuVectorizable(const FxTensor *t, int64_t n, int g) {
  if (!t)
    return true;
  int64_t bytes = (int64_t)g * fxElemSize(t->dtype);
  if (n % g != 0 || (uintptr_t)t->data % (uintptr_t)bytes != 0)
    return false;
  if (t->rank == 0)
    return g == 1;
  if (n > 1 && t->strides[t->rank - 1] != 1)
    return false;
  for (int d = 0; d < t->rank - 1; d++)
    if (t->sizes[d] > 1 && (t->strides[d] * fxElemSize(t->dtype)) % bytes != 0)
      return false;
  return true;
}

/*===-- Block reductions ---------------------------------------------------===*/

/* blockDim.x is always a multiple of 32 (fxCuRowThreads), so every warp is
 * full.  The order of the additions is fixed: deterministic results. */
__device__ __forceinline__ float fxCuWarpSum(float v) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

__device__ __forceinline__ float fxCuWarpMax(float v) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}

/* Sum (or fmaxf) of every thread's `v`, returned to every thread.  Starts
 * and ends with a barrier, so it may be called repeatedly. */
template <bool MAX>
__device__ __forceinline__ float fxCuBlockReduce(float v) {
  __shared__ float warps[32];
  __shared__ float result;
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  v = MAX ? fxCuWarpMax(v) : fxCuWarpSum(v);
  __syncthreads();
  if (lane == 0)
    warps[warp] = v;
  __syncthreads();
  if (warp == 0) {
    int nw = (int)(blockDim.x >> 5);
    v = lane < nw ? warps[lane] : 0.0f; /* 0 is neutral for sum and |x| max */
    v = MAX ? fxCuWarpMax(v) : fxCuWarpSum(v);
    if (lane == 0)
      result = v;
  }
  __syncthreads();
  return result;
}

/*===-- Launch geometry ----------------------------------------------------===*/

/* Threads for one row of `work` items: vLLM's rule (up to 1024 threads for
 * few rows, 256 when there are enough rows to fill the GPU), at most
 * `limit` (the kernel's __launch_bounds__), rounded up to whole warps. */
static inline int fxCuRowThreads(int64_t work, int64_t rows, int limit = 1024) {
  int64_t cap = rows < 256 ? limit : 256;
  int64_t t = work < cap ? work : cap;
  t = (t + 31) / 32 * 32;
  return (int)(t < 32 ? 32 : t);
}

/* Blocks for `n` units of work, each block looping when n is larger. */
static inline unsigned fxCuBlocks(int64_t n) {
  const int64_t kMax = 0x7fffffff;
  return (unsigned)(n < kMax ? n : kMax);
}

/* Elementwise tiles: rows x chunks of kFxCuTile elements. */
enum { kFxCuTileThreads = 256, kFxCuTile = 4 * kFxCuTileThreads };

/* The legacy default stream: kernels, copies and cuBLAS are ordered with
 * each other and with cudaMemcpy, so callers never synchronise. */
static const cudaStream_t kFxCuStream = 0;

/* Stream-ordered scratch (no device-wide synchronisation), falling back to
 * cudaMalloc where memory pools are unsupported.  NULL after reporting. */
void *fxCuScratch(const char *kernel, size_t bytes);
void fxCuScratchFree(const char *kernel, void *p);

/* Launchers shared between the .cu files. */
/* Strided copy of same-shape, same-dtype device tensors. */
int fxCuCopyDevice(const char *kernel, const FxTensor *dst, const FxTensor *src);
/* out = op(a, b) over out's shape (op codes of fxCudaElementwise, plus the
 * internal ones below); a/b strides per out dim; each input rounded to
 * aCast/bCast first (FX_DTYPE_F32: used as loaded). */
enum { kFxCuConvert = 3, kFxCuFill = 4 };
int fxCuElementwise(const char *kernel, const FxTensor *out, const FxTensor *a,
                    const int64_t *aStrides, const FxTensor *b,
                    const int64_t *bStrides, int op, float alpha,
                    int32_t aCast, int32_t bCast);

#endif /* FX_CUDA_IMPL_CUH */
