/* runtime.c - tensor records, memory, copies, views and statistics of the
 * fxir runtime (fxrt.h).  Kernels live in cpu/; their record entry points
 * in ciface.c. */
#include "cpu/fx_cpu.h"
#include "fxrt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===-- Tensor records -----------------------------------------------------===*/

/* Element `i` of a memref<?xi64> descriptor (records may be strided views). */
static int64_t fxRecAt(const FxMemRefI64 *r, int64_t i) {
  return r->aligned[r->offset + i * r->stride];
}

int fxTensorFromRecord(const FxMemRefI64 *record, FxTensor *out) {
  memset(out, 0, sizeof *out);
  out->dtype = FX_DTYPE_ABSENT;
  if (!record || !record->aligned || record->size < 4)
    return -1;
  int64_t dtype = fxRecAt(record, 2);
  if (dtype == FX_DTYPE_ABSENT)
    return 0;
  int64_t rank = fxRecAt(record, 3);
  if (!fxCpuDtype((int32_t)dtype) || dtype != (int32_t)dtype || rank < 0 ||
      rank > FXRT_MAX_RANK || record->size < 4 + 2 * rank)
    return -1;
  out->dtype = (int32_t)dtype;
  out->rank = (int32_t)rank;
  for (int d = 0; d < rank; d++) {
    out->sizes[d] = fxRecAt(record, 4 + d);
    out->strides[d] = fxRecAt(record, 4 + rank + d);
    if (out->sizes[d] < 0)
      return -1;
    /* A dim of size 1 is never stepped along, so its stride means nothing
     * (as in torch) -- but a slice with a huge step leaves one as large as
     * 2^63-1, and the kernels' byte strides (stride * element size) would
     * overflow. Zero it: every kernel sees a stride it can scale. (Size-0
     * dims keep theirs: an empty tensor has no elements to address, and
     * fxrt_view_strides keeps an empty tensor's strides as torch does.) */
    if (out->sizes[d] == 1)
      out->strides[d] = 0;
  }
  intptr_t base = (intptr_t)fxRecAt(record, 0);
  if (!base && fxTensorNumel(out) > 0)
    return -1;
  out->data = (char *)base + fxRecAt(record, 1) * (int64_t)fxDtypeSize(out->dtype);
  return 0;
}

/*===-- Device and statistics ----------------------------------------------===*/

static FxDevice gDevice = FX_DEVICE_CPU;
static FxStats gStats;

int fxrt_set_device(FxDevice device) {
  /* The GPU only when this build has CUDA and the process can use it. */
  if (device != FX_DEVICE_CPU && !(device == FX_DEVICE_CUDA && fxCudaUsable()))
    return -1;
  gDevice = device;
  return 0;
}

FxDevice fxrt_get_device(void) { return gDevice; }

FxDevice fxrt_device_of(const void *data) {
  return fxCudaDeviceOf(data) >= 0 ? FX_DEVICE_CUDA : FX_DEVICE_CPU;
}

const char *fxrt_device_status(void) { return fxCudaStatus(); }

FxStats fxrt_get_stats(void) { return gStats; }

/* Counters restart from zero; live_bytes describes memory still held, so it
 * is kept, and the peak restarts from it. */
void fxrt_reset_stats(void) {
  int64_t live = gStats.live_bytes;
  memset(&gStats, 0, sizeof gStats);
  gStats.live_bytes = gStats.peak_bytes = live;
}

/*===-- Allocation ---------------------------------------------------------===*/

typedef struct FxAllocation {
  void *ptr;
  int64_t bytes;
  int onDevice; /* cudaMalloc-ed (fxrt_set_device(FX_DEVICE_CUDA)) */
} FxAllocation;

static FxAllocation *gAllocs;
static int64_t gNumAllocs, gCapAllocs;

void _mlir_ciface_fxrt_alloc(FxMemRefI8 *out, int64_t bytes) {
  memset(out, 0, sizeof *out);
  if (fxErrorPending())
    return;
  if (bytes < 0) {
    /* Lowered code passes -1 when the product of the dims overflowed. */
    if (bytes == -1)
      fxCpuError("fxrt_alloc", "the tensor's size in bytes overflows int64 "
                               "(a dim or symbol value is too large)");
    else
      fxCpuError("fxrt_alloc", "negative size %lld", (long long)bytes);
    return;
  }
  if (gNumAllocs == gCapAllocs) {
    int64_t cap = gCapAllocs ? 2 * gCapAllocs : 64;
    FxAllocation *grown =
        (FxAllocation *)realloc(gAllocs, (size_t)cap * sizeof *grown);
    if (!grown) {
      fxCpuError("fxrt_alloc", "out of memory for the allocation table");
      return;
    }
    gAllocs = grown;
    gCapAllocs = cap;
  }
  /* aligned_alloc needs a multiple of the alignment; a zero-byte tensor
   * still gets a distinct, valid pointer.  Device memory comes zeroed and
   * 256-byte aligned from cudaMalloc. */
  size_t rounded = ((size_t)bytes + 63) / 64 * 64;
  int onDevice = gDevice == FX_DEVICE_CUDA;
  void *p = onDevice ? fxCudaAlloc("fxrt_alloc", (int64_t)(rounded ? rounded : 64))
                     : aligned_alloc(64, rounded ? rounded : 64);
  if (!p) {
    if (!onDevice) /* (the device allocator reports its own failure) */
      fxCpuError("fxrt_alloc", "out of memory for %lld bytes", (long long)bytes);
    return;
  }
  if (!onDevice)
    memset(p, 0, rounded);
  gAllocs[gNumAllocs].ptr = p;
  gAllocs[gNumAllocs].bytes = bytes;
  gAllocs[gNumAllocs].onDevice = onDevice;
  gNumAllocs++;
  gStats.allocations++;
  gStats.allocated_bytes += bytes;
  gStats.live_bytes += bytes;
  if (gStats.live_bytes > gStats.peak_bytes)
    gStats.peak_bytes = gStats.live_bytes;
  out->allocated = out->aligned = (uint8_t *)p;
  out->size = bytes;
  out->stride = 1;
}

/* Searched from the newest: what dies first was often made last, and the
 * table holds only what is live. */
void _mlir_ciface_fxrt_free(int64_t ptr) {
  /* After an error, lowered code may hold a stale descriptor (an entry
   * point that stopped early wrote no result): free nothing then. */
  if (fxErrorPending())
    return;
  for (int64_t i = gNumAllocs - 1; ptr && i >= 0; i--) {
    if ((int64_t)(intptr_t)gAllocs[i].ptr != ptr)
      continue;
    if (gAllocs[i].onDevice)
      fxCudaFree(gAllocs[i].ptr);
    else
      free(gAllocs[i].ptr);
    gStats.live_bytes -= gAllocs[i].bytes;
    gStats.frees++;
    gAllocs[i] = gAllocs[--gNumAllocs];
    return;
  }
}

void fxrt_release_all(void) {
  for (int64_t i = 0; i < gNumAllocs; i++) {
    if (gAllocs[i].onDevice)
      fxCudaFree(gAllocs[i].ptr);
    else
      free(gAllocs[i].ptr);
  }
  free(gAllocs);
  gAllocs = NULL;
  gNumAllocs = gCapAllocs = 0;
  gStats.live_bytes = 0;
}

/*===-- Copies -------------------------------------------------------------===*/

void fxCpuCopyStrided(const FxTensor *dst, const FxTensor *src) {
  int64_t es = fxElemSize(dst->dtype);
  if (fxTensorNumel(dst) == 0)
    return;
  int rank = dst->rank ? dst->rank : 1;
  int64_t n = dst->rank ? dst->sizes[rank - 1] : 1;
  int64_t ds = fxCpuInnerStride(dst), ss = fxCpuInnerStride(src);
  FxCpuRows it;
  fxCpuRowsInit(&it, rank - 1, dst->sizes);
  fxCpuRowsAdd(&it, dst, NULL);
  fxCpuRowsAdd(&it, src, NULL);
  while (fxCpuRowsNext(&it)) {
    if (ds == es && ss == es) { /* dense rows: one block move */
      memmove(it.ptr[0], it.ptr[1], (size_t)(n * es));
      continue;
    }
    for (int64_t i = 0; i < n; i++)
      memmove(it.ptr[0] + i * ds, it.ptr[1] + i * ss, (size_t)es);
  }
}

void fxCpuCountCopy(int64_t bytes) {
  gStats.copies++;
  gStats.copied_bytes += bytes;
}

void fxrt_copy_tensor(const FxTensor *dst, const FxTensor *src) {
  static const char k[] = "fxrt_copy";
  if (!dst || !src || !fxCpuDtype(dst->dtype) || !fxCpuDtype(src->dtype)) {
    fxCpuError(k, "absent or invalid tensor");
    return;
  }
  if (fxCpuCheckSameDtype(k, "dst", dst, "src", src) ||
      fxCpuCheckSameShape(k, "dst", dst, "src", src))
    return;
  int64_t es = fxElemSize(dst->dtype);
  int64_t numel = fxTensorNumel(dst);
  gStats.copies++;
  gStats.copied_bytes += numel * es;
  if (numel == 0)
    return;
  if (fxCudaDeviceOf(dst->data) >= 0 || fxCudaDeviceOf(src->data) >= 0)
    fxCudaCopy(k, dst, src); /* host<->device or device<->device */
  else
    fxCpuCopyStrided(dst, src);
}

void _mlir_ciface_fxrt_copy(FxMemRefI64 *dst, FxMemRefI64 *src) {
  FxTensor d, s;
  if (fxErrorPending())
    return;
  if (fxTensorFromRecord(dst, &d) || fxTensorFromRecord(src, &s)) {
    fxCpuError("fxrt_copy", "malformed tensor record");
    return;
  }
  fxrt_copy_tensor(&d, &s);
}

/*===-- Views --------------------------------------------------------------===*/

/* Element count of `n` sizes, or -1 when it overflows int64 (a 0 size
 * anywhere makes it 0, as in torch). */
static int64_t fxCheckedNumel(int64_t n, const int64_t *sizes) {
  int64_t numel = 1;
  for (int64_t d = 0; d < n; d++)
    if (sizes[d] == 0)
      return 0;
  for (int64_t d = 0; d < n; d++)
    if (__builtin_mul_overflow(numel, sizes[d], &numel))
      return -1;
  return numel;
}

/* torch's computeStride (aten/src/ATen/TensorUtils.cpp): a view keeps the
 * storage, so each run of input dims that is contiguous in memory (a
 * "chunk") must be split or merged by the new sizes without crossing a
 * chunk boundary.  Returns 1 and fills `ns`, or 0 when no view exists. */
static int fxViewStrides(int rank, const int64_t *sizes, const int64_t *strides,
                         int nrank, const int64_t *nsizes, int64_t *ns) {
  for (int d = 0; d < nrank; d++)
    if (nsizes[d] < 0)
      return 0;
  /* (Overflow-checked: sizes come from symbol values, -1 never matches.) */
  int64_t numel = fxCheckedNumel(rank, sizes), nnumel = fxCheckedNumel(nrank, nsizes);
  if (numel != nnumel || numel < 0)
    return 0;
  if (rank == 0) { /* a scalar views as any all-ones shape */
    for (int d = 0; d < nrank; d++)
      ns[d] = 1;
    return 1;
  }
  if (numel == 0) { /* empty: contiguous strides (or the old ones, same shape) */
    int same = rank == nrank;
    for (int d = 0; same && d < rank; d++)
      same = sizes[d] == nsizes[d];
    /* (Wrapping products: other sizes may be huge next to the 0, and an
     * empty tensor's strides never address memory.) */
    for (int d = nrank - 1; d >= 0; d--)
      ns[d] = same ? strides[d]
              : d == nrank - 1 ? 1
                               : (int64_t)((uint64_t)(nsizes[d + 1] > 1 ? nsizes[d + 1] : 1) *
                                           (uint64_t)ns[d + 1]);
    return 1;
  }
  int vd = nrank - 1;
  int64_t chunkBase = strides[rank - 1], tensorNumel = 1, viewNumel = 1;
  for (int td = rank - 1; td >= 0; td--) {
    tensorNumel *= sizes[td];
    /* A chunk ends at dim 0 or where the next-outer dim does not continue
     * it (size-1 dims never break a chunk). */
    if (td == 0 ||
        (sizes[td - 1] != 1 && strides[td - 1] != tensorNumel * chunkBase)) {
      while (vd >= 0 && (viewNumel < tensorNumel || nsizes[vd] == 1)) {
        ns[vd] = viewNumel * chunkBase;
        viewNumel *= nsizes[vd];
        vd--;
      }
      if (viewNumel != tensorNumel)
        return 0;
      if (td > 0) {
        chunkBase = strides[td - 1];
        tensorNumel = viewNumel = 1;
      }
    }
  }
  return vd == -1;
}

int64_t _mlir_ciface_fxrt_view_strides(FxMemRefI64 *in, FxMemRefI64 *sizes,
                                       FxMemRefI64 *strides) {
  static const char k[] = "fxrt_view_strides";
  FxTensor t;
  if (fxTensorFromRecord(in, &t) || t.dtype == FX_DTYPE_ABSENT || !sizes ||
      !strides) {
    fxCpuError(k, "malformed tensor record");
    return 0;
  }
  int64_t nrank = sizes->size;
  if (nrank < 0 || nrank > FXRT_MAX_RANK || strides->size < nrank) {
    fxCpuError(k, "bad view rank %lld (strides has room for %lld)",
               (long long)nrank, (long long)strides->size);
    return 0;
  }
  int64_t ns[FXRT_MAX_RANK], nsz[FXRT_MAX_RANK] = {0};
  for (int d = 0; d < nrank; d++)
    nsz[d] = fxRecAt(sizes, d);
  if (!fxViewStrides(t.rank, t.sizes, t.strides, (int)nrank, nsz, ns))
    return 0;
  for (int d = 0; d < nrank; d++)
    strides->aligned[strides->offset + d * strides->stride] = ns[d];
  return 1;
}

const char *fxShapeText(char *buf, size_t cap, int64_t n, const int64_t *v) {
  size_t k = (size_t)snprintf(buf, cap, "[");
  for (int64_t i = 0; i < n && k < cap; i++)
    k += (size_t)snprintf(buf + k, cap - k, "%s%lld", i ? ", " : "",
                          (long long)v[i]);
  if (k < cap)
    snprintf(buf + k, cap - k, "]");
  return buf;
}

void _mlir_ciface_fxrt_reshape(int64_t inAddr, int64_t outAddr, int64_t dtype,
                               int64_t rank, int64_t newRank, int64_t flags,
                               int64_t s0, int64_t s1, int64_t s2, int64_t s3,
                               int64_t s4, int64_t s5, int64_t s6, int64_t s7) {
  const char *op = flags & FXRT_RESHAPE_MAY_COPY ? "fx.reshape" : "fx.view";
  FxMemRefDescriptor *in = (FxMemRefDescriptor *)(intptr_t)inAddr;
  FxMemRefDescriptor *out = (FxMemRefDescriptor *)(intptr_t)outAddr;
  int64_t nsz[FXRT_MAX_RANK] = {s0, s1, s2, s3, s4, s5, s6, s7};
  if (fxErrorPending())
    return;
  if (!in || !out || !fxCpuDtype((int32_t)dtype) || rank < 0 ||
      rank > FXRT_MAX_RANK || newRank < 0 || newRank > FXRT_MAX_RANK) {
    fxCpuError(op, "malformed reshape operands (a bug in the lowering)");
    return;
  }
  /* Until a result is made: no storage, the new sizes, zero strides
   * (nothing reads them after a failure, but not stack garbage either). */
  memset(out, 0, sizeof(void *) * 2 + sizeof(int64_t) * (size_t)(1 + 2 * newRank));
  memcpy(out->rest, nsz, sizeof(int64_t) * (size_t)newRank);
  FxTensor t = {0};
  int64_t es = (int64_t)fxDtypeSize((int32_t)dtype);
  t.dtype = (int32_t)dtype;
  t.rank = (int32_t)rank;
  memcpy(t.sizes, in->rest, sizeof(int64_t) * (size_t)rank);
  memcpy(t.strides, in->rest + rank, sizeof(int64_t) * (size_t)rank);
  t.data = (char *)in->aligned + in->offset * es;
  char a[200], b[200], c[200];
  int64_t numel = fxCheckedNumel(rank, t.sizes);
  int64_t nnumel = fxCheckedNumel(newRank, nsz);
  for (int64_t d = 0; d < rank; d++)
    if (t.sizes[d] < 0)
      numel = -1;
  for (int64_t d = 0; d < newRank; d++)
    if (nsz[d] < 0)
      nnumel = -2;
  if (nnumel != numel || numel < 0) {
    fxCpuError(op, "shape %s is invalid for an input of shape %s (%lld "
                   "elements)",
               fxShapeText(a, sizeof a, newRank, nsz),
               fxShapeText(b, sizeof b, rank, t.sizes), (long long)numel);
    return;
  }
  int64_t *ns = out->rest + newRank;
  if (fxViewStrides((int)rank, t.sizes, t.strides, (int)newRank, nsz, ns)) {
    out->allocated = in->allocated;
    out->aligned = in->aligned;
    out->offset = in->offset;
    return;
  }
  memset(ns, 0, sizeof(int64_t) * (size_t)newRank);
  if (!(flags & FXRT_RESHAPE_MAY_COPY)) {
    fxCpuError(op, "shape %s is not a view of the input (sizes %s, strides "
                   "%s): no strides keep its storage, and a view never "
                   "copies (torch's view raises here; reshape copies)",
               fxShapeText(a, sizeof a, newRank, nsz),
               fxShapeText(b, sizeof b, rank, t.sizes),
               fxShapeText(c, sizeof c, rank, t.strides));
    return;
  }
  /* torch's reshape: a contiguous copy of the input, then viewed. */
  FxMemRefI8 raw;
  int64_t bytes;
  if (__builtin_mul_overflow(numel, es, &bytes))
    bytes = -1; /* reported by fxrt_alloc */
  _mlir_ciface_fxrt_alloc(&raw, bytes);
  if (!raw.aligned)
    return; /* (reported) */
  FxTensor dst = t;
  dst.data = raw.aligned;
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; d--) {
    dst.strides[d] = stride;
    stride *= t.sizes[d];
  }
  fxrt_copy_tensor(&dst, &t);
  out->allocated = out->aligned = raw.aligned;
  stride = 1;
  for (int64_t d = newRank - 1; d >= 0; d--) {
    ns[d] = stride;
    stride *= nsz[d];
  }
}
