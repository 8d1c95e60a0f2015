// RUN: fx-kernels-runtime-test 2>&1 | FileCheck %s

/* runtime.c - tensor records, allocation and statistics, the device
 * setting, strided copies and torch's view-stride rule (kernels/runtime.c). */
#include "fxtest.h"

#include <stdalign.h>

static void testRecords(void) {
  // CHECK-LABEL: records
  printf("records\n");
  int64_t sizes[2] = {3, 5}, strides[2] = {8, 1};
  TT x = ttMake(FX_DTYPE_BF16, 2, sizes, strides, 7);
  int64_t buf[16];
  FxMemRefI64 r = ttRecord(&x, buf);
  FxTensor t;
  EXPECT(fxTensorFromRecord(&r, &t) == 0);
  EXPECT(t.data == x.mem + 7 * 2 && t.dtype == FX_DTYPE_BF16 && t.rank == 2);
  EXPECT(t.sizes[0] == 3 && t.sizes[1] == 5 && t.strides[0] == 8 && t.strides[1] == 1);
  EXPECT(fxTensorNumel(&t) == 15);

  /* The record itself may be a strided view of an i64 buffer. */
  int64_t wide[32];
  for (int i = 0; i < 8; i++)
    wide[3 + 2 * i] = buf[i];
  FxMemRefI64 rs = {wide, wide, 3, 8, 2};
  FxTensor ts;
  EXPECT(fxTensorFromRecord(&rs, &ts) == 0 && memcmp(&ts, &t, sizeof t) == 0);

  /* Absent optional: dtype -1, data NULL, success. */
  FxMemRefI64 ra = absentRecord(buf);
  EXPECT(fxTensorFromRecord(&ra, &t) == 0 && t.dtype == FX_DTYPE_ABSENT && !t.data);

  /* Rank 0 and empty tensors. */
  TT s = ttContig(FX_DTYPE_F32, 0, sizes);
  r = ttRecord(&s, buf);
  EXPECT(fxTensorFromRecord(&r, &t) == 0 && t.rank == 0 && fxTensorNumel(&t) == 1);
  int64_t zero[2] = {0, 4};
  TT e = ttContig(FX_DTYPE_F16, 2, zero);
  r = ttRecord(&e, buf);
  buf[0] = 0; /* an empty tensor may have a null base */
  EXPECT(fxTensorFromRecord(&r, &t) == 0 && fxTensorNumel(&t) == 0);

  /* Malformed records. */
  r = ttRecord(&x, buf);
  FxMemRefI64 bad = r;
  bad.size = 3;
  EXPECT(fxTensorFromRecord(&bad, &t) == -1);
  bad = r;
  bad.size = 7; /* rank 2 needs 8 entries */
  EXPECT(fxTensorFromRecord(&bad, &t) == -1);
  EXPECT(fxTensorFromRecord(NULL, &t) == -1);
  int64_t saved = buf[2];
  buf[2] = 42;
  EXPECT(fxTensorFromRecord(&r, &t) == -1);
  buf[2] = saved;
  buf[3] = 9;
  EXPECT(fxTensorFromRecord(&r, &t) == -1);
  buf[3] = -1;
  EXPECT(fxTensorFromRecord(&r, &t) == -1);
  buf[3] = 2;
  buf[4] = -3;
  EXPECT(fxTensorFromRecord(&r, &t) == -1);
  buf[4] = 3;
  buf[0] = 0; /* null data with elements */
  EXPECT(fxTensorFromRecord(&r, &t) == -1);
  ttFree(&x);
  ttFree(&s);
  ttFree(&e);
}

static void testAllocStats(void) {
  // CHECK-LABEL: alloc and stats
  printf("alloc and stats\n");
  fxrt_release_all();
  fxrt_reset_stats();
  FxStats st = fxrt_get_stats();
  EXPECT(st.allocations == 0 && st.live_bytes == 0 && st.peak_bytes == 0);
  FxMemRefI8 a, b, z;
  _mlir_ciface_fxrt_alloc(&a, 1000);
  _mlir_ciface_fxrt_alloc(&b, 24);
  _mlir_ciface_fxrt_alloc(&z, 0);
  EXPECT(a.aligned && (uintptr_t)a.aligned % 64 == 0 && a.allocated == a.aligned);
  EXPECT(a.offset == 0 && a.size == 1000 && a.stride == 1);
  EXPECT((uintptr_t)b.aligned % 64 == 0 && z.aligned && z.aligned != b.aligned);
  int zeroed = 1;
  for (int i = 0; i < 1000; i++)
    zeroed &= a.aligned[i] == 0;
  EXPECT(zeroed);
  memset(a.aligned, 1, 1000); /* the whole size is usable (ASan checks) */
  st = fxrt_get_stats();
  EXPECT(st.allocations == 3 && st.allocated_bytes == 1024);
  EXPECT(st.live_bytes == 1024 && st.peak_bytes == 1024);

  /* reset_stats restarts the counters, keeps what is live. */
  fxrt_reset_stats();
  st = fxrt_get_stats();
  EXPECT(st.allocations == 0 && st.allocated_bytes == 0 && st.copies == 0);
  EXPECT(st.live_bytes == 1024 && st.peak_bytes == 1024);
  fxrt_release_all();
  st = fxrt_get_stats();
  EXPECT(st.live_bytes == 0 && st.peak_bytes == 1024);
  _mlir_ciface_fxrt_alloc(&a, 16);
  st = fxrt_get_stats();
  EXPECT(st.allocations == 1 && st.live_bytes == 16 && st.peak_bytes == 1024);

  // CHECK-NEXT: fxrt: fxrt_alloc: negative size -5
  _mlir_ciface_fxrt_alloc(&a, -5);
  EXPECT(a.aligned == NULL && a.size == 0);
  EXPECT(fxrt_get_stats().allocations == 1);
  fxrt_release_all();

  /* Device: the GPU only where one is usable (cuda_absent.c and
   * cuda_device.c pin down each case); the CPU always. */
  EXPECT(fxrt_get_device() == FX_DEVICE_CPU);
  int cuda = fxrt_set_device(FX_DEVICE_CUDA);
  EXPECT(cuda == -1 || cuda == 0);
  EXPECT(fxrt_get_device() == (cuda == 0 ? FX_DEVICE_CUDA : FX_DEVICE_CPU));
  EXPECT(fxrt_set_device(FX_DEVICE_CPU) == 0);
  EXPECT(fxrt_get_device() == FX_DEVICE_CPU);
}

static void testCopy(void) {
  // CHECK-LABEL: copy
  printf("copy\n");
  fxrt_reset_stats();
  /* Contiguous [4, 6] f16 -> column slice [4, 6] of a [4, 10] buffer. */
  int64_t sz[2] = {4, 6}, wide[2] = {4, 10}, wideStrides[2] = {10, 1};
  TT src = ttContig(FX_DTYPE_F16, 2, sz);
  ttFillNormal(&src, 0, 1);
  TT buf = ttContig(FX_DTYPE_F16, 2, wide);
  TT dst = ttView(&buf, FX_DTYPE_F16, 3, 2, sz, wideStrides);
  char *snap = ttSnapshot(&buf);
  fxrt_copy_tensor(&dst.t, &src.t);
  int same = 1;
  for (int i = 0; i < 24; i++)
    same &= ttGet(&dst, i) == ttGet(&src, i);
  EXPECT(same && ttOnlyElementsChanged(&dst, snap));
  FxStats st = fxrt_get_stats();
  EXPECT(st.copies == 1 && st.copied_bytes == 48);

  /* Transposed source ([6, 4] viewed with strides [1, 6]), via records. */
  int64_t tsz[2] = {6, 4}, tst[2] = {1, 6};
  TT tsrc = ttView(&src, FX_DTYPE_F16, 0, 2, tsz, tst);
  TT tdst = ttContig(FX_DTYPE_F16, 2, tsz);
  int64_t rb1[8], rb2[8];
  FxMemRefI64 rd = ttRecord(&tdst, rb1), rs = ttRecord(&tsrc, rb2);
  _mlir_ciface_fxrt_copy(&rd, &rs);
  same = 1;
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 4; j++)
      same &= ttGet(&tdst, i * 4 + j) == ttGet(&src, j * 6 + i);
  EXPECT(same);

  /* Broadcast source (stride 0), rank 0, and empty copies. */
  int64_t bst[2] = {0, 1};
  TT bsrc = ttView(&src, FX_DTYPE_F16, 0, 2, sz, bst);
  TT bdst = ttContig(FX_DTYPE_F16, 2, sz);
  fxrt_copy_tensor(&bdst.t, &bsrc.t);
  EXPECT(ttGet(&bdst, 18) == ttGet(&src, 0) && ttGet(&bdst, 23) == ttGet(&src, 5));
  TT s0 = ttContig(FX_DTYPE_I64, 0, sz), d0 = ttContig(FX_DTYPE_I64, 0, sz);
  *(int64_t *)s0.t.data = 1234567890123LL;
  fxrt_copy_tensor(&d0.t, &s0.t);
  EXPECT(*(int64_t *)d0.t.data == 1234567890123LL);
  int64_t ez[2] = {0, 6};
  TT e1 = ttContig(FX_DTYPE_F16, 2, ez), e2 = ttContig(FX_DTYPE_F16, 2, ez);
  fxrt_copy_tensor(&e1.t, &e2.t);
  st = fxrt_get_stats();
  EXPECT(st.copies == 5 && st.copied_bytes == 48 * 3 + 8);

  /* Mismatches are reported; nothing is written or counted. */
  free(snap);
  snap = ttSnapshot(&tdst);
  // CHECK-NEXT: fxrt: fxrt_copy: 'dst' and 'src' must have the same shape
  fxrt_copy_tensor(&tdst.t, &src.t);
  TT f32src = ttContig(FX_DTYPE_F32, 2, tsz);
  // CHECK-NEXT: fxrt: fxrt_copy: 'dst' is float16 but 'src' is float32
  fxrt_copy_tensor(&tdst.t, &f32src.t);
  // CHECK-NEXT: fxrt: fxrt_copy: malformed tensor record
  rb2[2] = 77;
  _mlir_ciface_fxrt_copy(&rd, &rs);
  EXPECT(ttUnchanged(&tdst, snap) && fxrt_get_stats().copies == 5);
  free(snap);
  TT *all[] = {&src, &buf, &tdst, &bdst, &s0, &d0, &e1, &e2, &f32src};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

/* fxrt_view_strides on a tensor with `sizes`/`strides` to `nsizes`:
 * returns the result and writes the strides, through records with a
 * strided output descriptor. */
static int64_t view(int rank, const int64_t *sizes, const int64_t *strides,
                    int nrank, const int64_t *nsizes, int64_t *out) {
  int64_t rec[4 + 2 * FXRT_MAX_RANK] = {0x1000, 0, FX_DTYPE_F32, rank};
  for (int d = 0; d < rank; d++) {
    rec[4 + d] = sizes[d];
    rec[4 + rank + d] = strides[d];
  }
  int64_t sbuf[FXRT_MAX_RANK], obuf[2 * FXRT_MAX_RANK + 1];
  memcpy(sbuf, nsizes, sizeof(int64_t) * (size_t)nrank);
  for (int i = 0; i < 2 * FXRT_MAX_RANK + 1; i++)
    obuf[i] = -99;
  FxMemRefI64 in = {rec, rec, 0, 4 + 2 * rank, 1};
  FxMemRefI64 ns = {sbuf, sbuf, 0, nrank, 1};
  FxMemRefI64 os = {obuf, obuf, 1, nrank, 2}; /* every other entry, from 1 */
  int64_t ok = _mlir_ciface_fxrt_view_strides(&in, &ns, &os);
  for (int d = 0; d < nrank; d++)
    out[d] = obuf[1 + 2 * d];
  EXPECT(obuf[0] == -99); /* nothing outside the descriptor's elements */
  return ok;
}

#define ARR(...) ((const int64_t[]){__VA_ARGS__})
#define SAME(a, n, ...) (memcmp((a), ARR(__VA_ARGS__), sizeof(int64_t) * (n)) == 0)

static void testViewStrides(void) {
  // CHECK-LABEL: view strides
  printf("view strides\n");
  int64_t s[FXRT_MAX_RANK];
  /* Contiguous: any regrouping. */
  EXPECT(view(2, ARR(4, 6), ARR(6, 1), 1, ARR(24), s) == 1 && SAME(s, 1, 1));
  EXPECT(view(2, ARR(4, 6), ARR(6, 1), 3, ARR(2, 2, 6), s) == 1 &&
         SAME(s, 3, 12, 6, 1));
  EXPECT(view(2, ARR(4, 6), ARR(6, 1), 3, ARR(8, 3, 1), s) == 1 &&
         SAME(s, 3, 3, 1, 1));
  /* Column slice q = qkv[:, 0:4096] (row stride 6144): heads split, rows
   * cannot merge. */
  EXPECT(view(2, ARR(5, 4096), ARR(6144, 1), 3, ARR(5, 32, 128), s) == 1 &&
         SAME(s, 3, 6144, 128, 1));
  EXPECT(view(3, ARR(5, 32, 128), ARR(6144, 128, 1), 2, ARR(5, 4096), s) == 1 &&
         SAME(s, 2, 6144, 1));
  EXPECT(view(2, ARR(5, 4096), ARR(6144, 1), 1, ARR(5 * 4096), s) == 0);
  /* Transposed: cannot flatten; can split the (strided) last dim and add
   * size-1 dims. */
  EXPECT(view(2, ARR(6, 4), ARR(1, 6), 1, ARR(24), s) == 0);
  EXPECT(view(2, ARR(6, 4), ARR(1, 6), 3, ARR(6, 2, 2), s) == 1 &&
         SAME(s, 3, 1, 12, 6));
  EXPECT(view(2, ARR(6, 4), ARR(1, 6), 3, ARR(6, 4, 1), s) == 1 &&
         SAME(s, 3, 1, 6, 6));
  /* Size-1 dims do not break contiguity; numel must match. */
  EXPECT(view(3, ARR(4, 1, 6), ARR(6, 99, 1), 1, ARR(24), s) == 1 && SAME(s, 1, 1));
  EXPECT(view(2, ARR(4, 6), ARR(6, 1), 1, ARR(25), s) == 0);
  /* Scalars and empty tensors. */
  EXPECT(view(0, ARR(0), ARR(0), 2, ARR(1, 1), s) == 1 && SAME(s, 2, 1, 1));
  EXPECT(view(2, ARR(1, 1), ARR(7, 7), 0, ARR(0), s) == 1);
  EXPECT(view(2, ARR(0, 6), ARR(6, 1), 3, ARR(0, 2, 3), s) == 1 &&
         SAME(s, 3, 6, 3, 1));
  EXPECT(view(2, ARR(0, 6), ARR(10, 2), 2, ARR(0, 6), s) == 1 && SAME(s, 2, 10, 2));
  // CHECK-NEXT: fxrt: fxrt_view_strides: malformed tensor record
  FxMemRefI64 none = {NULL, NULL, 0, 0, 1};
  EXPECT(_mlir_ciface_fxrt_view_strides(&none, &none, &none) == 0);
}

int main(void) {
  fxtestBegin();
  testRecords();
  testAllocStats();
  testCopy();
  testViewStrides();
  // CHECK: runtime: {{[0-9]+}} checks passed
  return fxtestFinish("runtime");
}
