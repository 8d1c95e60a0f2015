/* runtime.cu - the CUDA side of the runtime: is CUDA usable, where does a
 * pointer live, device allocation, scratch, and copies that involve a GPU.
 *
 * A process without a CUDA driver or without a GPU must never fail because
 * of CUDA: every CUDA error while finding out means "host". */
#include "cuda/fx_cuda_impl.cuh"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- Usability and placement --------------------------------------------===*/

static int gUsable;
static char gStatus[512];
static pthread_once_t gUsableOnce = PTHREAD_ONCE_INIT;

/* "13.0" from CUDA's 13000; "none" for 0 (no driver). */
static void versionText(int v, char *buf, size_t n) {
  if (v <= 0)
    snprintf(buf, n, "none");
  else
    snprintf(buf, n, "%d.%d", v / 1000, (v % 1000) / 10);
}

static void fxCuProbe(void) {
  int n = 0, driver = 0, runtime = 0;
  cudaError_t e = cudaGetDeviceCount(&n);
  if (e != cudaSuccess)
    cudaGetLastError(); /* no driver, no device, ...: all mean "host" */
  gUsable = e == cudaSuccess && n > 0;
  /* Both versions say why a driver refuses this runtime (cudart is linked
   * statically: an older driver gives cudaErrorInsufficientDriver). */
  if (cudaDriverGetVersion(&driver) != cudaSuccess)
    cudaGetLastError();
  if (cudaRuntimeGetVersion(&runtime) != cudaSuccess)
    cudaGetLastError();
  char dv[16], rv[16];
  versionText(driver, dv, sizeof dv);
  versionText(runtime, rv, sizeof rv);
  if (e != cudaSuccess) {
    snprintf(gStatus, sizeof gStatus,
             "CUDA: cudaGetDeviceCount failed: %s (driver %s, runtime %s)",
             cudaGetErrorString(e), dv, rv);
    return;
  }
  if (n == 0) {
    snprintf(gStatus, sizeof gStatus,
             "CUDA: no device visible (driver %s, runtime %s)", dv, rv);
    return;
  }
  cudaDeviceProp prop;
  const char *name = "?";
  if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess)
    name = prop.name;
  else
    cudaGetLastError();
  snprintf(gStatus, sizeof gStatus,
           "CUDA: %d device%s (%s), driver %s, runtime %s", n, n == 1 ? "" : "s",
           name, dv, rv);
}

extern "C" int fxCudaUsable(void) {
  pthread_once(&gUsableOnce, fxCuProbe);
  return gUsable;
}

extern "C" const char *fxCudaStatus(void) {
  pthread_once(&gUsableOnce, fxCuProbe);
  return gStatus;
}

extern "C" int fxCudaDeviceOf(const void *p) {
  if (!p || !fxCudaUsable())
    return -1;
  cudaPointerAttributes attr;
  if (cudaPointerGetAttributes(&attr, p) != cudaSuccess) {
    cudaGetLastError();
    return -1;
  }
  if (attr.type == cudaMemoryTypeDevice || attr.type == cudaMemoryTypeManaged)
    return attr.device;
  return -1; /* pageable, registered or pinned host memory */
}

extern "C" int fxCudaWhere(const char *kernel, const FxTensor *const *ts,
                           int n) {
  if (!fxCudaUsable())
    return 0;
  int device = -1, hostOp = -1, deviceOp = -1;
  for (int i = 0; i < n; i++) {
    const FxTensor *t = ts[i];
    if (!t || !t->data || fxTensorNumel(t) == 0)
      continue;
    int d = fxCudaDeviceOf(t->data);
    if (d < 0) {
      if (hostOp < 0)
        hostOp = i;
      continue;
    }
    if (deviceOp < 0) {
      device = d;
      deviceOp = i;
    } else if (d != device) {
      fxCpuError(kernel, "tensor operands are on two GPUs (%d and %d)", device,
                 d);
      return -1;
    }
  }
  if (deviceOp < 0)
    return 0;
  if (hostOp >= 0) {
    fxCpuError(kernel,
               "tensor operands are in both host and GPU memory (operand %d "
               "on the host, operand %d on GPU %d); copy them to one side",
               hostOp, deviceOp, device);
    return -1;
  }
  int current = -1;
  if (cudaGetDevice(&current) != cudaSuccess || current != device)
    if (!fxCuOk(kernel, cudaSetDevice(device), "cudaSetDevice"))
      return -1;
  return 1;
}

/*===-- Memory -------------------------------------------------------------===*/

extern "C" void *fxCudaAlloc(const char *kernel, int64_t bytes) {
  void *p = NULL;
  if (!fxCuOk(kernel, cudaMalloc(&p, (size_t)bytes), "cudaMalloc"))
    return NULL;
  if (!fxCuOk(kernel, cudaMemset(p, 0, (size_t)bytes), "cudaMemset")) {
    cudaFree(p);
    return NULL;
  }
  return p;
}

extern "C" void fxCudaFree(void *p) {
  fxCuOk("fxrt_release_all", cudaFree(p), "cudaFree");
}

/* Whether the current GPU has stream-ordered memory pools. */
static bool fxCuPools(void) {
  int device = 0, supported = 0;
  if (cudaGetDevice(&device) != cudaSuccess ||
      cudaDeviceGetAttribute(&supported, cudaDevAttrMemoryPoolsSupported,
                             device) != cudaSuccess) {
    cudaGetLastError();
    return false;
  }
  return supported != 0;
}

void *fxCuScratch(const char *kernel, size_t bytes) {
  void *p = NULL;
  if (bytes == 0)
    bytes = 1;
  cudaError_t e = fxCuPools() ? cudaMallocAsync(&p, bytes, kFxCuStream)
                              : cudaMalloc(&p, bytes);
  return fxCuOk(kernel, e, "scratch allocation") ? p : NULL;
}

void fxCuScratchFree(const char *kernel, void *p) {
  if (!p)
    return;
  cudaError_t e = fxCuPools() ? cudaFreeAsync(p, kFxCuStream) : cudaFree(p);
  fxCuOk(kernel, e, "freeing scratch");
}

/*===-- Copies -------------------------------------------------------------===*/

struct FxCuCopyArgs {
  char *dst;
  const char *src;
  FxCuMap dRows, sRows;
  int64_t dInner, sInner, rows, n, chunks;
};

/* One element size per instantiation: U is an unsigned type of that size,
 * so the copy moves bits (NaN payloads, int64) untouched. */
template <typename U>
__global__ void __launch_bounds__(kFxCuTileThreads)
    fxCuCopyKernel(const __grid_constant__ FxCuCopyArgs a) {
  for (int64_t t = blockIdx.x; t < a.rows * a.chunks; t += gridDim.x) {
    int64_t row = t / a.chunks, j0 = (t % a.chunks) * kFxCuTile;
    U *d = reinterpret_cast<U *>(a.dst) + fxCuOffset(a.dRows, row);
    const U *s = reinterpret_cast<const U *>(a.src) + fxCuOffset(a.sRows, row);
    int64_t end = j0 + kFxCuTile < a.n ? j0 + kFxCuTile : a.n;
    for (int64_t j = j0 + threadIdx.x; j < end; j += blockDim.x)
      d[j * a.dInner] = s[j * a.sInner];
  }
}

/* Row-major contiguous, ignoring size-1 dims. */
static bool fxCuDense(const FxTensor *t) {
  int64_t expect = 1;
  for (int d = t->rank - 1; d >= 0; d--) {
    if (t->sizes[d] == 1)
      continue;
    if (t->strides[d] != expect)
      return false;
    expect *= t->sizes[d];
  }
  return true;
}

/* `t`'s shape, dense at `data`. */
static FxTensor fxCuDenseLike(const FxTensor *t, void *data) {
  FxTensor c = *t;
  c.data = data;
  int64_t s = 1;
  for (int d = t->rank - 1; d >= 0; d--) {
    c.strides[d] = s;
    s *= t->sizes[d];
  }
  return c;
}

int fxCuCopyDevice(const char *kernel, const FxTensor *dst,
                   const FxTensor *src) {
  int64_t es = fxElemSize(dst->dtype), numel = fxTensorNumel(dst);
  if (numel == 0)
    return 1;
  if (fxCuDense(dst) && fxCuDense(src))
    return fxCuOk(kernel,
                  cudaMemcpyAsync(dst->data, src->data, (size_t)(numel * es),
                                  cudaMemcpyDeviceToDevice, kFxCuStream),
                  "cudaMemcpyAsync");
  FxCuCopyArgs a;
  a.dst = (char *)dst->data;
  a.src = (const char *)src->data;
  a.dRows = fxCuMapRows(dst);
  a.sRows = fxCuMapRows(src);
  a.dInner = fxCuInner(dst);
  a.sInner = fxCuInner(src);
  a.n = dst->rank ? dst->sizes[dst->rank - 1] : 1;
  a.rows = numel / a.n;
  a.chunks = (a.n + kFxCuTile - 1) / kFxCuTile;
  dim3 grid(fxCuBlocks(a.rows * a.chunks)), block(kFxCuTileThreads);
  switch (es) {
  case 1:
    fxCuCopyKernel<uint8_t><<<grid, block, 0, kFxCuStream>>>(a);
    break;
  case 2:
    fxCuCopyKernel<uint16_t><<<grid, block, 0, kFxCuStream>>>(a);
    break;
  case 4:
    fxCuCopyKernel<uint32_t><<<grid, block, 0, kFxCuStream>>>(a);
    break;
  default:
    fxCuCopyKernel<unsigned long long><<<grid, block, 0, kFxCuStream>>>(a);
    break;
  }
  return fxCuLaunched(kernel);
}

/* Makes `device` current for a scope and restores the previous one. */
struct FxCuDeviceScope {
  int previous = -1;
  explicit FxCuDeviceScope(int device) {
    if (cudaGetDevice(&previous) != cudaSuccess || previous == device)
      previous = -1;
    else
      cudaSetDevice(device);
  }
  ~FxCuDeviceScope() {
    if (previous >= 0)
      cudaSetDevice(previous);
  }
};

/* A dense copy of `t` on its own side (host or GPU `device`): `t` itself
 * when already dense, else a packed temporary (*owned set). */
static int fxCuPack(const char *kernel, const FxTensor *t, int device,
                    void **data, void **owned) {
  *owned = NULL;
  if (fxCuDense(t)) {
    *data = t->data;
    return 1;
  }
  size_t bytes = (size_t)(fxTensorNumel(t) * fxElemSize(t->dtype));
  if (device < 0) {
    *owned = malloc(bytes);
    if (!*owned) {
      fxCpuError(kernel, "out of memory for %zu bytes of staging", bytes);
      return 0;
    }
    FxTensor c = fxCuDenseLike(t, *owned);
    fxCpuCopyStrided(&c, t);
  } else {
    FxCuDeviceScope scope(device);
    *owned = fxCuScratch(kernel, bytes);
    FxTensor c = fxCuDenseLike(t, *owned);
    if (!*owned || !fxCuCopyDevice(kernel, &c, t))
      return 0;
  }
  *data = *owned;
  return 1;
}

static void fxCuRelease(const char *kernel, void *owned, int device) {
  if (!owned)
    return;
  if (device < 0) {
    free(owned);
    return;
  }
  FxCuDeviceScope scope(device);
  fxCuScratchFree(kernel, owned);
}

extern "C" void fxCudaCopy(const char *kernel, const FxTensor *dst,
                           const FxTensor *src) {
  int dd = fxCudaDeviceOf(dst->data), sd = fxCudaDeviceOf(src->data);
  if (dd >= 0 && dd == sd) { /* one GPU: one strided copy kernel */
    FxCuDeviceScope scope(dd);
    fxCuCopyDevice(kernel, dst, src);
    return;
  }
  /* Across host and GPU (or two GPUs): pack the source densely on its own
   * side, move the bytes with one cudaMemcpy, unpack on the destination's
   * side.  Dense tensors skip their step; only the elements of `dst` are
   * written, never the gaps of a strided destination. */
  size_t bytes = (size_t)(fxTensorNumel(dst) * fxElemSize(dst->dtype));
  void *from = NULL, *fromOwned = NULL, *toOwned = NULL;
  bool denseDst = fxCuDense(dst);
  if (fxCuPack(kernel, src, sd, &from, &fromOwned)) {
    void *to = dst->data;
    if (!denseDst) {
      if (dd < 0) {
        to = toOwned = malloc(bytes);
        if (!to)
          fxCpuError(kernel, "out of memory for %zu bytes of staging", bytes);
      } else {
        FxCuDeviceScope scope(dd);
        to = toOwned = fxCuScratch(kernel, bytes);
      }
    }
    if (to && fxCuOk(kernel, cudaMemcpy(to, from, bytes, cudaMemcpyDefault),
                     "cudaMemcpy") &&
        !denseDst) {
      FxTensor c = fxCuDenseLike(dst, to);
      if (dd < 0) {
        fxCpuCopyStrided(dst, &c);
      } else {
        FxCuDeviceScope scope(dd);
        fxCuCopyDevice(kernel, dst, &c);
      }
    }
  }
  fxCuRelease(kernel, fromOwned, sd);
  fxCuRelease(kernel, toOwned, dd);
}
