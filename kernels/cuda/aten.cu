/* aten.cu - add.Tensor, mul.Tensor, cos, mm and _scaled_mm on the GPU (the
 * C twins and numerics are in cpu/aten.c).
 *
 * Elementwise: (row, chunk) tiles over out's shape, each operand walked
 * with its broadcast strides; operands of any dtype are widened with
 * fxLoadF32 and the result stored with fxStoreF32 (common/), so only cosf
 * differs from the CPU.  The same kernel converts and packs matrices for
 * cuBLAS and fills.
 *
 * mm / _scaled_mm: cublasGemmEx_64 with fp32 accumulation
 * (CUBLAS_COMPUTE_32F, reduced-precision split-K reductions disallowed).
 * cuBLAS is opened with dlopen at the first matmul, so libfxrt never
 * depends on it; without it the matmul reports one error line.  Operands
 * that cuBLAS cannot read in place (neither dim unit-stride, or a dtype the
 * GEMM type does not match, e.g. fp8) are converted into a column-major
 * scratch copy first; an output it cannot write goes through an fp32
 * scratch.  _scaled_mm is an fp32 GEMM (fp8 widened exactly to bf16 or
 * fp16) followed by an epilogue kernel with the CPU's operation order:
 * ((acc * sa) * sb + bias) * scale_result. */
#include "cuda/fx_cuda_impl.cuh"

#include <cublas_v2.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/*===-- Elementwise --------------------------------------------------------===*/

struct FxCuEwOperand {
  const char *data; /* NULL: absent */
  int dtype;
  int cast; /* the dtype it is brought to before the op (f32: as loaded) */
  FxCuMap rows;
  int64_t inner;
};

struct FxCuEwArgs {
  char *out;
  int outDt;
  FxCuMap outRows;
  int64_t outInner;
  FxCuEwOperand a, b;
  int op;
  float alpha;
  int64_t rows, n, chunks;
};

/* One instantiation per op, so add/mul/convert do not carry cosf's slow
 * path (its large-argument reduction uses a local array). */
template <int OP>
__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuElementwiseKernel(const __grid_constant__ FxCuEwArgs a) {
  const int oes = fxElemSize(a.outDt), aes = fxElemSize(a.a.dtype),
            bes = fxElemSize(a.b.dtype);
  for (int64_t t = blockIdx.x; t < a.rows * a.chunks; t += gridDim.x) {
    int64_t row = t / a.chunks, j0 = (t % a.chunks) * kFxCuTile;
    int64_t end = j0 + kFxCuTile < a.n ? j0 + kFxCuTile : a.n;
    char *o = a.out + fxCuOffset(a.outRows, row) * oes;
    const char *x = OP != kFxCuFill ? a.a.data + fxCuOffset(a.a.rows, row) * aes
                                    : nullptr;
    const char *y = OP <= 1 ? a.b.data + fxCuOffset(a.b.rows, row) * bes
                            : nullptr;
    for (int64_t j = j0 + threadIdx.x; j < end; j += blockDim.x) {
      float r;
      /* Each input is first cast to the common dtype, as the CPU's
       * elementwise engine does (c10's casts: `i64 + f16` rounds the int
       * to f16, an f32 input of an f16 out rounds to f16). */
      if constexpr (OP == 0)
        r = fxRoundTo(a.a.cast, fxLoadF32(x + j * a.a.inner * aes, a.a.dtype)) +
            a.alpha * fxRoundTo(a.b.cast, fxLoadF32(y + j * a.b.inner * bes, a.b.dtype));
      else if constexpr (OP == 1)
        r = fxRoundTo(a.a.cast, fxLoadF32(x + j * a.a.inner * aes, a.a.dtype)) *
            fxRoundTo(a.b.cast, fxLoadF32(y + j * a.b.inner * bes, a.b.dtype));
      else if constexpr (OP == 2)
        r = cosf(fxRoundTo(a.a.cast, fxLoadF32(x + j * a.a.inner * aes, a.a.dtype)));
      else if constexpr (OP == kFxCuConvert)
        r = fxLoadF32(x + j * a.a.inner * aes, a.a.dtype);
      else
        r = a.alpha;
      fxStoreF32(o + j * a.outInner * oes, a.outDt, r);
    }
  }
}

/* r = OP(x, y) in fp32 (OP 0 add: x + alpha*y; 1 mul; 2 cos). */
template <int OP>
__device__ __forceinline__ float fxCuEwOp(float x, float y, float alpha) {
  if constexpr (OP == 0)
    return x + alpha * y;
  else if constexpr (OP == 1)
    return x * y;
  else
    return cosf(x);
}

/* The common case at full speed: out, a and b (absent for cos) dense, of
 * one shape and of out's dtype (f32, f16 or bf16), 16-byte aligned: each
 * thread moves 16 bytes of each operand, with no per-element dtype switch
 * or offset arithmetic.  An input of out's dtype casts to itself, so the
 * arithmetic, and the bits, are those of fxCuElementwiseKernel. */
template <int OP, int DT>
__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuElementwiseDenseKernel(char *out, const char *xa, const char *xb,
                               float alpha, int64_t n) {
  typedef FxCuType<DT> T;
  typedef typename T::S S;
  constexpr int G = (int)(16 / sizeof(S));
  const int64_t groups = n / G, step = (int64_t)gridDim.x * blockDim.x;
  const int64_t first = blockIdx.x * (int64_t)blockDim.x + threadIdx.x;
  for (int64_t g = first; g < groups; g += step) {
    uint4 va = reinterpret_cast<const uint4 *>(xa)[g], vb = va, vo;
    if constexpr (OP <= 1)
      vb = reinterpret_cast<const uint4 *>(xb)[g];
    const S *a = reinterpret_cast<const S *>(&va);
    const S *b = reinterpret_cast<const S *>(&vb);
    S *o = reinterpret_cast<S *>(&vo);
#pragma unroll
    for (int k = 0; k < G; k++)
      o[k] = T::store(fxCuEwOp<OP>(T::load(a[k]), T::load(b[k]), alpha));
    reinterpret_cast<uint4 *>(out)[g] = vo;
  }
  for (int64_t i = groups * G + first; i < n; i += step) { /* the tail */
    const S *a = reinterpret_cast<const S *>(xa);
    const S *b = reinterpret_cast<const S *>(OP <= 1 ? xb : xa);
    reinterpret_cast<S *>(out)[i] =
        T::store(fxCuEwOp<OP>(T::load(a[i]), T::load(b[i]), alpha));
  }
}

template <int OP>
static void fxCuElementwiseDense(int dtype, char *out, const char *a,
                                 const char *b, float alpha, int64_t n) {
  int64_t groups = (n + 7) / 8, blocks = (groups + kFxCuTileThreads - 1) / kFxCuTileThreads;
  dim3 grid(fxCuBlocks(blocks)), block(kFxCuTileThreads);
  if (dtype == FX_DTYPE_F32)
    fxCuElementwiseDenseKernel<OP, FX_DTYPE_F32><<<grid, block, 0, kFxCuStream>>>(out, a, b, alpha, n);
  else if (dtype == FX_DTYPE_F16)
    fxCuElementwiseDenseKernel<OP, FX_DTYPE_F16><<<grid, block, 0, kFxCuStream>>>(out, a, b, alpha, n);
  else
    fxCuElementwiseDenseKernel<OP, FX_DTYPE_BF16><<<grid, block, 0, kFxCuStream>>>(out, a, b, alpha, n);
}

/* Whether `t` (walked by `strides` over out's dims) is dense in out's
 * element order, of out's dtype, cast to it, and 16-byte aligned. */
static bool fxCuEwDense(const FxTensor *out, const FxTensor *t,
                        const int64_t *strides, int32_t cast) {
  if (t->dtype != out->dtype || cast != out->dtype ||
      (uintptr_t)t->data % 16 != 0)
    return false;
  FxCuMap m = fxCuMap(out->rank, out->sizes, strides);
  return m.rank == 0 || (m.rank == 1 && m.strides[0] == 1);
}

static FxCuEwOperand fxCuEwOperand(const FxTensor *t, const int64_t *strides,
                                   int32_t cast, const FxTensor *out) {
  FxCuEwOperand o;
  o.data = t ? (const char *)t->data : NULL;
  o.dtype = t ? t->dtype : FX_DTYPE_F32;
  o.cast = cast;
  int outer = out->rank ? out->rank - 1 : 0;
  o.rows = t ? fxCuMap(outer, out->sizes, strides) : fxCuMap(0, NULL, NULL);
  o.inner = t && out->rank ? strides[outer] : 0;
  return o;
}

int fxCuElementwise(const char *kernel, const FxTensor *out, const FxTensor *a,
                    const int64_t *aStrides, const FxTensor *b,
                    const int64_t *bStrides, int op, float alpha,
                    int32_t aCast, int32_t bCast) {
  FxCuEwArgs e;
  e.out = (char *)out->data;
  e.outDt = out->dtype;
  e.outRows = fxCuMapRows(out);
  e.outInner = fxCuInner(out);
  e.a = fxCuEwOperand(a, aStrides, aCast, out);
  e.b = fxCuEwOperand(b, bStrides, bCast, out);
  e.op = op;
  e.alpha = alpha;
  e.n = out->rank ? out->sizes[out->rank - 1] : 1;
  e.rows = e.n ? fxTensorNumel(out) / e.n : 0;
  e.chunks = (e.n + kFxCuTile - 1) / kFxCuTile;
  if (e.rows == 0)
    return 1;
  const bool floatOut = out->dtype == FX_DTYPE_F32 ||
                        out->dtype == FX_DTYPE_F16 || out->dtype == FX_DTYPE_BF16;
  if (op <= 2 && floatOut && fxCuEwDense(out, out, out->strides, out->dtype) &&
      fxCuEwDense(out, a, aStrides, aCast) &&
      (op == 2 || fxCuEwDense(out, b, bStrides, bCast))) {
    const int64_t n = fxTensorNumel(out);
    const char *x = (const char *)a->data, *y = b ? (const char *)b->data : NULL;
    if (op == 0)
      fxCuElementwiseDense<0>(out->dtype, e.out, x, y, alpha, n);
    else if (op == 1)
      fxCuElementwiseDense<1>(out->dtype, e.out, x, y, alpha, n);
    else
      fxCuElementwiseDense<2>(out->dtype, e.out, x, y, alpha, n);
    return fxCuLaunched(kernel);
  }
  dim3 grid(fxCuBlocks(e.rows * e.chunks)), block(kFxCuTileThreads);
  switch (op) {
  case 0:
    fxCuElementwiseKernel<0><<<grid, block, 0, kFxCuStream>>>(e);
    break;
  case 1:
    fxCuElementwiseKernel<1><<<grid, block, 0, kFxCuStream>>>(e);
    break;
  case 2:
    fxCuElementwiseKernel<2><<<grid, block, 0, kFxCuStream>>>(e);
    break;
  case kFxCuConvert:
    fxCuElementwiseKernel<kFxCuConvert><<<grid, block, 0, kFxCuStream>>>(e);
    break;
  default:
    fxCuElementwiseKernel<kFxCuFill><<<grid, block, 0, kFxCuStream>>>(e);
    break;
  }
  return fxCuLaunched(kernel);
}

extern "C" void fxCudaElementwise(const char *kernel, const FxTensor *out,
                                  const FxTensor *a, const int64_t *aStrides,
                                  const FxTensor *b, const int64_t *bStrides,
                                  int op, float alpha, int32_t aCast,
                                  int32_t bCast) {
  /* aten.c's FxElementwiseOp: an op without a CUDA kernel here must not
   * reach the internal convert/fill instantiations below. */
  if (op < 0 || op > 2) {
    fxCpuError(kernel, "internal error: elementwise op %d has no CUDA kernel", op);
    return;
  }
  fxCuElementwise(kernel, out, a, aStrides, b, b ? bStrides : NULL, op, alpha,
                  aCast, bCast);
}

/*===-- cuBLAS, loaded at first use ----------------------------------------===*/

#define FX_STR_(x) #x
#define FX_STR(x) FX_STR_(x)

typedef cublasStatus_t (*FxCublasCreate)(cublasHandle_t *);
typedef cublasStatus_t (*FxCublasSetStream)(cublasHandle_t, cudaStream_t);
typedef cublasStatus_t (*FxCublasSetMathMode)(cublasHandle_t, cublasMath_t);
typedef const char *(*FxCublasStatusString)(cublasStatus_t);
typedef cublasStatus_t (*FxCublasGemmEx64)(
    cublasHandle_t, cublasOperation_t, cublasOperation_t, int64_t, int64_t,
    int64_t, const void *, const void *, cudaDataType, int64_t, const void *,
    cudaDataType, int64_t, const void *, void *, cudaDataType, int64_t,
    cublasComputeType_t, cublasGemmAlgo_t);

struct FxCublas {
  bool ok;
  char error[1024];
  FxCublasCreate create;
  FxCublasSetStream setStream;
  FxCublasSetMathMode setMathMode;
  FxCublasStatusString statusString;
  FxCublasGemmEx64 gemm;
};

/* libcublas of the major version we were built against, from the first
 * place that has it: $FXRT_CUBLAS (a path), the soname (the loader's path),
 * $CUDA_HOME and $CUDA_PATH, /usr/local/cuda, the toolkit that built
 * libfxrt.  When none has it, the error names every place tried.  Once. */
static FxCublas gCublas;
static pthread_once_t gCublasOnce = PTHREAD_ONCE_INIT;
static pthread_mutex_t gCublasMutex = PTHREAD_MUTEX_INITIALIZER;
static cublasHandle_t gCublasHandles[64];

#define FX_CUBLAS_SO "libcublas.so." FX_STR(CUBLAS_VER_MAJOR)

static void fxCublasOpen(void) {
  FxCublas &l = gCublas;
  char places[6][512];
  int n = 0;
  const char *env = getenv("FXRT_CUBLAS");
  if (env && *env)
    snprintf(places[n++], sizeof places[0], "%s", env);
  snprintf(places[n++], sizeof places[0], "%s", FX_CUBLAS_SO);
  const char *homes[] = {getenv("CUDA_HOME"), getenv("CUDA_PATH")};
  for (const char *home : homes)
    if (home && *home)
      snprintf(places[n++], sizeof places[0], "%s/lib64/" FX_CUBLAS_SO, home);
  snprintf(places[n++], sizeof places[0], "/usr/local/cuda/lib64/" FX_CUBLAS_SO);
#ifdef FXRT_CUDA_LIBDIR
  snprintf(places[n++], sizeof places[0], FXRT_CUDA_LIBDIR "/" FX_CUBLAS_SO);
#endif
  int used = snprintf(l.error, sizeof l.error,
                      "cuBLAS is not available (set FXRT_CUBLAS to the path "
                      "of " FX_CUBLAS_SO "); tried:");
  void *h = NULL;
  for (int i = 0; i < n && !h; i++) {
    h = dlopen(places[i], RTLD_NOW | RTLD_LOCAL);
    if (!h && used >= 0 && (size_t)used < sizeof l.error) {
      const char *e = dlerror();
      /* dlerror names the file and says why */
      int w = snprintf(l.error + used, sizeof l.error - used, "%s %s",
                       i ? ";" : "", e ? e : places[i]);
      used = w < 0 ? -1 : used + w;
    }
  }
  if (!h)
    return;
  struct {
    const char *name;
    void **slot;
  } syms[] = {
      {"cublasCreate_v2", (void **)&l.create},
      {"cublasSetStream_v2", (void **)&l.setStream},
      {"cublasSetMathMode", (void **)&l.setMathMode},
      {"cublasGetStatusString", (void **)&l.statusString},
      {"cublasGemmEx_64", (void **)&l.gemm},
  };
  for (auto &s : syms) {
    *s.slot = dlsym(h, s.name);
    if (!*s.slot) {
      snprintf(l.error, sizeof l.error, "cuBLAS has no %s", s.name);
      return;
    }
  }
  l.ok = true;
}

/* The loaded library and the current GPU's handle (created on first use,
 * on the legacy default stream, fp32 reductions only), or NULL after
 * reporting. */
static cublasHandle_t fxCublasHandle(const char *kernel, const FxCublas **lib) {
  pthread_once(&gCublasOnce, fxCublasOpen);
  const FxCublas &l = gCublas;
  *lib = &l;
  if (!l.ok) {
    fxCpuError(kernel, "%s", l.error);
    return NULL;
  }
  int device = 0;
  if (!fxCuOk(kernel, cudaGetDevice(&device), "cudaGetDevice"))
    return NULL;
  if (device < 0 || device >= 64) {
    fxCpuError(kernel, "GPU %d is beyond the 64 cuBLAS handles kept", device);
    return NULL;
  }
  pthread_mutex_lock(&gCublasMutex);
  cublasHandle_t h = gCublasHandles[device];
  cublasStatus_t st = CUBLAS_STATUS_SUCCESS;
  if (!h) {
    st = l.create(&h);
    if (st == CUBLAS_STATUS_SUCCESS)
      st = l.setStream(h, kFxCuStream);
    if (st == CUBLAS_STATUS_SUCCESS)
      st = l.setMathMode(h, (cublasMath_t)(CUBLAS_DEFAULT_MATH |
                                           CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION));
    /* (a handle that failed to configure is leaked, not retried) */
    gCublasHandles[device] = st == CUBLAS_STATUS_SUCCESS ? h : NULL;
  }
  pthread_mutex_unlock(&gCublasMutex);
  if (st != CUBLAS_STATUS_SUCCESS) {
    fxCpuError(kernel, "cuBLAS handle: %s", l.statusString(st));
    return NULL;
  }
  return h;
}

/*===-- Matrix multiply ----------------------------------------------------===*/

/* Whether the r x c matrix with element strides (sr, sc) is column-major
 * for cuBLAS (element (i, j) at i + j * ld, ld >= max(1, r)). */
static bool fxCuColMajor(int64_t r, int64_t c, int64_t sr, int64_t sc,
                         int64_t *ld) {
  int64_t minLd = r > 1 ? r : 1;
  if (r != 1 && sr != 1)
    return false;
  if (c == 1) {
    *ld = minLd;
    return true;
  }
  if (sc < minLd)
    return false;
  *ld = sc;
  return true;
}

static cudaDataType fxCuDataType(int dtype) {
  return dtype == FX_DTYPE_F16    ? CUDA_R_16F
         : dtype == FX_DTYPE_BF16 ? CUDA_R_16BF
                                  : CUDA_R_32F;
}

/* The GEMM input type for self/mat2 dtypes: themselves when equal (not
 * fp8), else a type both widen to exactly (fp8 e4m3fn fits bf16 and fp16
 * exactly), else fp32. */
static int fxCuGemmType(int a, int b) {
  if (a == b && a != FX_DTYPE_F8E4M3FN)
    return a;
  bool bfA = a == FX_DTYPE_BF16 || a == FX_DTYPE_F8E4M3FN;
  bool bfB = b == FX_DTYPE_BF16 || b == FX_DTYPE_F8E4M3FN;
  if (bfA && bfB)
    return FX_DTYPE_BF16;
  bool hA = a == FX_DTYPE_F16 || a == FX_DTYPE_F8E4M3FN;
  bool hB = b == FX_DTYPE_F16 || b == FX_DTYPE_F8E4M3FN;
  return hA && hB ? FX_DTYPE_F16 : FX_DTYPE_F32;
}

/* A rank-2 tensor header. */
static FxTensor fxCuMatrix(void *data, int dtype, int64_t r, int64_t c,
                           int64_t sr, int64_t sc) {
  FxTensor t;
  memset(&t, 0, sizeof t);
  t.data = data;
  t.dtype = dtype;
  t.rank = 2;
  t.sizes[0] = r;
  t.sizes[1] = c;
  t.strides[0] = sr;
  t.strides[1] = sc;
  return t;
}

/* One GEMM operand: the r x c matrix at `data` (dtype, strides sr/sc) as
 * cuBLAS reads it: in place (op N if column-major, op T if its transpose
 * is) when its dtype is the GEMM type, else packed column-major into
 * scratch (*owned). */
struct FxCuOperand {
  const void *ptr;
  cublasOperation_t op;
  int64_t ld;
  void *owned;
};

static bool fxCuGemmOperand(const char *kernel, const void *data, int dtype,
                            int gemmType, int64_t r, int64_t c, int64_t sr,
                            int64_t sc, FxCuOperand *o) {
  o->owned = NULL;
  if (dtype == gemmType) {
    o->ptr = data;
    if (fxCuColMajor(r, c, sr, sc, &o->ld)) {
      o->op = CUBLAS_OP_N;
      return true;
    }
    if (fxCuColMajor(c, r, sc, sr, &o->ld)) {
      o->op = CUBLAS_OP_T;
      return true;
    }
  }
  int64_t ld = r > 1 ? r : 1;
  o->owned = fxCuScratch(kernel, (size_t)(r * c * fxElemSize(gemmType)));
  if (!o->owned)
    return false;
  FxTensor dst = fxCuMatrix(o->owned, gemmType, r, c, 1, ld);
  FxTensor src = fxCuMatrix((void *)data, dtype, r, c, sr, sc);
  o->ptr = o->owned;
  o->op = CUBLAS_OP_N;
  o->ld = ld;
  return fxCuElementwise(kernel, &dst, &src, src.strides, NULL, NULL,
                         kFxCuConvert, 0.0f, FX_DTYPE_F32,
                         FX_DTYPE_F32) != 0;
}

/* c = a @ b for validated device matrices a [M, K], b [K, N], c [M, N] of
 * any float dtypes and strides.  Returns 1 on success. */
static int fxCuGemm(const char *kernel, const FxTensor *c, const FxTensor *a,
                    const FxTensor *b) {
  int64_t m = a->sizes[0], k = a->sizes[1], n = b->sizes[1];
  if (m == 0 || n == 0)
    return 1;
  if (k == 0) /* an empty sum: zeros (cuBLAS is not asked) */
    return fxCuElementwise(kernel, c, NULL, NULL, NULL, NULL, kFxCuFill, 0.0f,
                           FX_DTYPE_F32, FX_DTYPE_F32);
  const FxCublas *lib = NULL;
  cublasHandle_t handle = fxCublasHandle(kernel, &lib);
  if (!handle)
    return 0;
  int g = fxCuGemmType(a->dtype, b->dtype);
  /* cuBLAS writes fp32, or the GEMM type itself when it is 16-bit. */
  bool cType = c->dtype == FX_DTYPE_F32 ||
               (c->dtype == g && g != FX_DTYPE_F8E4M3FN);
  int64_t ldc = 0;
  bool colC = cType && fxCuColMajor(m, n, c->strides[0], c->strides[1], &ldc);
  bool rowC = !colC && cType &&
              fxCuColMajor(n, m, c->strides[1], c->strides[0], &ldc);
  FxTensor cc = *c;
  void *cOwned = NULL;
  if (!colC && !rowC) { /* through a dense row-major fp32 scratch */
    cOwned = fxCuScratch(kernel, (size_t)(m * n * 4));
    if (!cOwned)
      return 0;
    cc = fxCuMatrix(cOwned, FX_DTYPE_F32, m, n, n, 1);
    rowC = true;
    ldc = n > 1 ? n : 1;
  }
  /* Column-major C: C = op(A) op(B).  Row-major C: C^T = B^T A^T. */
  FxCuOperand x = {}, y = {};
  bool ok;
  if (rowC)
    ok = fxCuGemmOperand(kernel, b->data, b->dtype, g, n, k, b->strides[1],
                         b->strides[0], &x) &&
         fxCuGemmOperand(kernel, a->data, a->dtype, g, k, m, a->strides[1],
                         a->strides[0], &y);
  else
    ok = fxCuGemmOperand(kernel, a->data, a->dtype, g, m, k, a->strides[0],
                         a->strides[1], &x) &&
         fxCuGemmOperand(kernel, b->data, b->dtype, g, k, n, b->strides[0],
                         b->strides[1], &y);
  if (ok) {
    const float one = 1.0f, zero = 0.0f;
    cudaDataType t = fxCuDataType(g);
    cublasStatus_t st = lib->gemm(
        handle, x.op, y.op, rowC ? n : m, rowC ? m : n, k, &one, x.ptr, t, x.ld,
        y.ptr, t, y.ld, &zero, cc.data, fxCuDataType(cc.dtype), ldc,
        CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
    if (st != CUBLAS_STATUS_SUCCESS) {
      fxCpuError(kernel, "cublasGemmEx: %s", lib->statusString(st));
      ok = false;
    }
  }
  if (ok && cOwned)
    ok = fxCuElementwise(kernel, c, &cc, cc.strides, NULL, NULL, kFxCuConvert,
                         0.0f, FX_DTYPE_F32, FX_DTYPE_F32) != 0;
  fxCuScratchFree(kernel, x.owned);
  fxCuScratchFree(kernel, y.owned);
  fxCuScratchFree(kernel, cOwned);
  return ok;
}

extern "C" void fxCudaMatmul(const char *kernel, const FxTensor *out,
                             const FxTensor *self, const FxTensor *mat2) {
  fxCuGemm(kernel, out, self, mat2);
}

/*===-- _scaled_mm ---------------------------------------------------------===*/

struct FxCuVector { /* a 1- or n-element vector of any layout */
  const char *data; /* NULL: absent */
  int dtype;
  int step; /* 0: one element for all, 1: one per index */
  FxCuMap map;
};

struct FxCuEpilogueArgs {
  const float *acc; /* dense row-major [m, n] */
  char *out;
  int outDt;
  int64_t os0, os1;
  FxCuVector sa, sb, bias, sr;
  int64_t m, n, chunks;
};

__device__ __forceinline__ float fxCuVectorAt(const FxCuVector &v, int64_t i,
                                              float absent) {
  if (!v.data)
    return absent;
  return fxCuLoadFloat(
      v.data + fxCuOffset(v.map, i * v.step) * fxElemSize(v.dtype), v.dtype);
}

__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuEpilogueKernel(const __grid_constant__ FxCuEpilogueArgs a) {
  const int oes = fxElemSize(a.outDt);
  const float sr = fxCuVectorAt(a.sr, 0, 1.0f);
  for (int64_t t = blockIdx.x; t < a.m * a.chunks; t += gridDim.x) {
    int64_t i = t / a.chunks, j0 = (t % a.chunks) * kFxCuTile;
    int64_t end = j0 + kFxCuTile < a.n ? j0 + kFxCuTile : a.n;
    const float sa = fxCuVectorAt(a.sa, i, 1.0f);
    for (int64_t j = j0 + threadIdx.x; j < end; j += blockDim.x) {
      float v = a.acc[i * a.n + j] * sa * fxCuVectorAt(a.sb, j, 1.0f);
      if (a.bias.data)
        v += fxCuVectorAt(a.bias, j, 0.0f);
      fxStoreF32(a.out + (i * a.os0 + j * a.os1) * oes, a.outDt, v * sr);
    }
  }
}

static FxCuVector fxCuVectorOf(const FxTensor *t, int64_t n) {
  FxCuVector v;
  v.data = t ? (const char *)t->data : NULL;
  v.dtype = t ? t->dtype : FX_DTYPE_F32;
  v.step = t && fxTensorNumel(t) == n && n != 1 ? 1 : 0;
  v.map = t ? fxCuMapAll(t) : fxCuMap(0, NULL, NULL);
  return v;
}

extern "C" void fxCudaScaledMatmul(const char *kernel, const FxTensor *out,
                                   const FxTensor *self, const FxTensor *mat2,
                                   const FxTensor *scaleA,
                                   const FxTensor *scaleB, const FxTensor *bias,
                                   const FxTensor *scaleResult) {
  int64_t m = self->sizes[0], n = mat2->sizes[1];
  if (m == 0 || n == 0)
    return;
  float *acc = (float *)fxCuScratch(kernel, (size_t)(m * n * 4));
  if (!acc)
    return;
  FxTensor accT = fxCuMatrix(acc, FX_DTYPE_F32, m, n, n, 1);
  if (fxCuGemm(kernel, &accT, self, mat2)) {
    FxCuEpilogueArgs e;
    e.acc = acc;
    e.out = (char *)out->data;
    e.outDt = out->dtype;
    e.os0 = out->strides[0];
    e.os1 = out->strides[1];
    e.sa = fxCuVectorOf(scaleA, m);
    e.sb = fxCuVectorOf(scaleB, n);
    e.bias = fxCuVectorOf(bias, n);
    e.sr = fxCuVectorOf(scaleResult, 1);
    e.m = m;
    e.n = n;
    e.chunks = (n + kFxCuTile - 1) / kFxCuTile;
    fxCuEpilogueKernel<<<fxCuBlocks(m * e.chunks), kFxCuTileThreads, 0,
                         kFxCuStream>>>(e);
    fxCuLaunched(kernel);
  }
  fxCuScratchFree(kernel, acc);
}
