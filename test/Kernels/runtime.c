// RUN: fx-kernels-runtime-test 2>&1 | FileCheck %s

/* runtime.c - tensor records, allocation and statistics, the device
 * setting, strided copies, torch's view-stride rule (kernels/runtime.c),
 * the error state (kernels/errors.c), fxrt_reshape and the run-time checks
 * of lowered code (kernels/checks.c). */
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
  /* fxrt_free frees one allocation once; a pointer it did not allocate,
   * or one freed already, changes nothing (a view's, a caller's). */
  _mlir_ciface_fxrt_free((int64_t)(intptr_t)b.aligned);
  st = fxrt_get_stats();
  EXPECT(st.frees == 1 && st.live_bytes == 1024 - 24 && st.peak_bytes == 1024);
  _mlir_ciface_fxrt_free((int64_t)(intptr_t)b.aligned);
  _mlir_ciface_fxrt_free((int64_t)(intptr_t)(a.aligned + 64));
  _mlir_ciface_fxrt_free(0);
  st = fxrt_get_stats();
  EXPECT(st.frees == 1 && st.live_bytes == 1024 - 24);
  /* While an error is pending a descriptor may be stale: nothing is freed. */
  // CHECK-NEXT: fxrt: test: pending
  fxrt_set_error("test", "pending");
  _mlir_ciface_fxrt_free((int64_t)(intptr_t)a.aligned);
  fxrt_clear_error();
  st = fxrt_get_stats();
  EXPECT(st.frees == 1 && st.live_bytes == 1024 - 24);
  _mlir_ciface_fxrt_free((int64_t)(intptr_t)a.aligned);
  st = fxrt_get_stats();
  EXPECT(st.frees == 2 && st.live_bytes == 1024 - 24 - 1000);
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
  fxrt_clear_error();
  /* -1: the lowered byte count overflowed. */
  // CHECK-NEXT: fxrt: fxrt_alloc: the tensor's size in bytes overflows int64 (a dim or symbol value is too large)
  _mlir_ciface_fxrt_alloc(&a, -1);
  EXPECT(a.aligned == NULL && fxrt_get_stats().allocations == 1);
  fxrt_clear_error();
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
  fxrt_clear_error(); /* (the entry point does nothing while one is pending) */
  _mlir_ciface_fxrt_copy(&rd, &rs);
  EXPECT(ttUnchanged(&tdst, snap) && fxrt_get_stats().copies == 5);
  fxrt_clear_error();
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
  fxrt_clear_error();
}

/*===-- Errors (kernels/errors.c) -------------------------------------------===*/

static int startsWith(const char *s, const char *prefix) {
  return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  fxrt_clear_error();
  EXPECT(fxrt_get_error() == NULL && fxrt_get_error_location() == NULL);

  /* The first error stands, with the location announced before it. */
  static const char file[] = "graph.mlir";
  EXPECT(_mlir_ciface_fxrt_at((int64_t)(intptr_t)file, 12, 7) == 1);
  int64_t sz[2] = {2, 8}, h7 = 7;
  TT x = ttContig(FX_DTYPE_F32, 2, sz), out = ttContig(FX_DTYPE_F32, 2, sz);
  TT w7 = ttContig(FX_DTYPE_F32, 1, &h7);
  // CHECK-NEXT: fxrt: fxrt__C__rms_norm: 'weight' has 7 elements, expected 8 (the hidden size)
  fxrt__C__rms_norm(&out.t, &x.t, &w7.t, 1e-6);
  EXPECT(startsWith(fxrt_get_error(), "fxrt__C__rms_norm: 'weight' has 7 elements"));
  EXPECT(fxrt_get_error_location() &&
         strcmp(fxrt_get_error_location(), "graph.mlir:12:7") == 0);
  EXPECT(_mlir_ciface_fxrt_at((int64_t)(intptr_t)file, 20, 1) == 0);
  // CHECK-NEXT: fxrt: mylib::op: bad input 3
  fxrt_set_error("mylib::op", "bad input %d", 3); /* printed, not recorded */
  EXPECT(startsWith(fxrt_get_error(), "fxrt__C__rms_norm"));
  EXPECT(strcmp(fxrt_get_error_location(), "graph.mlir:12:7") == 0);

  /* While it is pending, the record entry points do nothing (and print
   * nothing); the C functions still run. */
  FxMemRefI8 a = {(uint8_t *)1, (uint8_t *)1, 5, 5, 5};
  fxrt_reset_stats();
  _mlir_ciface_fxrt_alloc(&a, 64);
  EXPECT(a.aligned == NULL && a.size == 0 && fxrt_get_stats().allocations == 0);
  TT y = ttContig(FX_DTYPE_F32, 2, sz);
  ttFillNormal(&x, 0, 1);
  int64_t b0[8], b1[8];
  FxMemRefI64 ry = ttRecord(&y, b0), rx = ttRecord(&x, b1);
  char *snap = ttSnapshot(&y);
  _mlir_ciface_fxrt_copy(&ry, &rx);
  EXPECT(ttUnchanged(&y, snap) && fxrt_get_stats().copies == 0);
  int64_t b2[8];
  FxMemRefI64 rabsent = absentRecord(b2);
  _mlir_ciface_fxrt__C__rms_norm(&ry, &rx, &rabsent, 1e-6);
  EXPECT(ttUnchanged(&y, snap));
  _mlir_ciface_fxrt_check_eq(1, 2, 0, 0);
  _mlir_ciface_fxrt_check_size(-1, 0, 0);
  EXPECT(_mlir_ciface_fxrt_slice(4, 0, 9, 1, 2, 0) == 0);
  fxrt_copy_tensor(&y.t, &x.t);
  EXPECT(!ttUnchanged(&y, snap) && fxrt_get_stats().copies == 1);
  EXPECT(startsWith(fxrt_get_error(), "fxrt__C__rms_norm"));

  /* Cleared: the entry points work again; no location until announced. */
  fxrt_clear_error();
  EXPECT(fxrt_get_error() == NULL && fxrt_get_error_location() == NULL);
  _mlir_ciface_fxrt_alloc(&a, 64);
  EXPECT(a.aligned != NULL);
  // CHECK-NEXT: fxrt: mylib::op: bad input 4
  fxrt_set_error("mylib::op", "bad input %d", 4);
  EXPECT(fxrt_get_error() && strcmp(fxrt_get_error(), "mylib::op: bad input 4") == 0);
  EXPECT(fxrt_get_error_location() == NULL);
  fxrt_clear_error();
  /* fxrt_at with no file: errors carry no location. */
  EXPECT(_mlir_ciface_fxrt_at(0, 0, 0) == 1);
  // CHECK-NEXT: fxrt: @f: argument 1 dim 0 is 3, expected 2
  _mlir_ciface_fxrt_check_eq(3, 2, (int64_t)(intptr_t)"@f",
                             (int64_t)(intptr_t)"argument 1 dim 0");
  EXPECT(fxrt_get_error() &&
         strcmp(fxrt_get_error(), "@f: argument 1 dim 0 is 3, expected 2") == 0);
  EXPECT(fxrt_get_error_location() == NULL);
  fxrt_clear_error();

  /* A setting that is ignored is a warning, not an error: the row
   * kernels read FXRT_* once (rowops.c); nothing else reports without
   * failing, so only the absence of a recorded error is checked here. */
  fxrt__C__rms_norm(&out.t, &x.t, NULL, 1e-6);
  EXPECT(fxrt_get_error() == NULL);
  free(snap);
  TT *all[] = {&x, &out, &w7, &y};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
  fxrt_release_all();
}

/*===-- Run-time checks (kernels/checks.c) ----------------------------------===*/

#define STR(s) ((int64_t)(intptr_t)(s))

static void testChecks(void) {
  // CHECK-LABEL: checks
  printf("checks\n");
  fxrt_clear_error();
  _mlir_ciface_fxrt_check_eq(5, 5, STR("@f"), STR("x"));
  _mlir_ciface_fxrt_check_size(0, STR("@f"), STR("symbol s0"));
  EXPECT(fxrt_get_error() == NULL);
  // CHECK-NEXT: fxrt: @f: symbol s0 (argument 1) is -3; sizes cannot be negative
  _mlir_ciface_fxrt_check_size(-3, STR("@f"), STR("symbol s0 (argument 1)"));
  EXPECT(startsWith(fxrt_get_error(), "@f: symbol s0 (argument 1) is -3"));
  fxrt_clear_error();

  /* torch's slice rule: negative bounds from the end, clamped; the result
   * is the clamped start. */
  struct {
    int64_t size, start, end, step, length, want;
  } ok[] = {
      {10, 2, 8, 1, 6, 2},          {10, -3, INT64_MAX, 1, 3, 7},
      {10, 0, 100, 3, 4, 0},        {10, -100, 2, 1, 2, 0},
      {10, 8, 2, 1, 0, 8},          {10, 12, 20, 1, 0, 10},
      {0, 0, 5, 1, 0, 0},           {10, 1, INT64_MAX, INT64_MAX, 1, 1},
      {10, 0, -1, 2, 5, 0},         {3, 0, 3, 1, 3, 0},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    EXPECT(_mlir_ciface_fxrt_slice(ok[i].size, ok[i].start, ok[i].end,
                                   ok[i].step, ok[i].length, STR("s")) == ok[i].want);
  EXPECT(fxrt_get_error() == NULL);
  // CHECK-NEXT: fxrt: fx.slice of [s0, 4] at dim 0 [0:s1:1] to [s1, 4]: selects 2 elements of a dim of size 2 (start 0, end 3, step 1), not 3
  EXPECT(_mlir_ciface_fxrt_slice(2, 0, 3, 1, 3,
                                 STR("fx.slice of [s0, 4] at dim 0 [0:s1:1] to [s1, 4]")) == 0);
  EXPECT(startsWith(fxrt_get_error(), "fx.slice of [s0, 4]"));
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: s: malformed slice (size 4, step 0, length 1): a bug in the lowering
  _mlir_ciface_fxrt_slice(4, 0, 1, 0, 1, STR("s"));
  fxrt_clear_error();
}

/*===-- fxrt_reshape (kernels/runtime.c) ------------------------------------===*/

/* fxrt_reshape of a tensor (storage `mem`, offset, sizes, strides) of f32 to
 * `nsizes`; `out` receives the result's descriptor. */
static void reshape(void *mem, int64_t offset, int rank, const int64_t *sizes,
                    const int64_t *strides, int nrank, const int64_t *nsizes,
                    int mayCopy, FxMemRefDescriptor *out) {
  static char allocated[1]; /* (only passed through) */
  FxMemRefDescriptor in = {allocated, mem, offset, {0}};
  for (int d = 0; d < rank; d++) {
    in.rest[d] = sizes[d];
    in.rest[rank + d] = strides[d];
  }
  int64_t s[FXRT_MAX_RANK] = {0};
  memcpy(s, nsizes, sizeof(int64_t) * (size_t)nrank);
  memset(out, 0x5A, sizeof *out);
  _mlir_ciface_fxrt_reshape(STR(&in), STR(out), FX_DTYPE_F32, rank, nrank,
                            mayCopy ? FXRT_RESHAPE_MAY_COPY : 0, s[0], s[1],
                            s[2], s[3], s[4], s[5], s[6], s[7]);
}

static void testReshape(void) {
  // CHECK-LABEL: reshape
  printf("reshape\n");
  fxrt_clear_error();
  fxrt_release_all();
  fxrt_reset_stats();
  float data[4 * 8];
  for (int i = 0; i < 32; i++)
    data[i] = (float)i;
  FxMemRefDescriptor r;
  /* A view: the input's pointers and offset, torch's strides. */
  reshape(data, 3, 2, ARR(4, 6), ARR(8, 1), 3, ARR(4, 2, 3), 1, &r);
  EXPECT(r.aligned == data && r.allocated != data && r.allocated && r.offset == 3);
  EXPECT(SAME(r.rest, 6, 4, 2, 3, 8, 3, 1));
  reshape(data, 0, 2, ARR(4, 8), ARR(8, 1), 1, ARR(32), 0, &r); /* view ok */
  EXPECT(r.aligned == data && SAME(r.rest, 2, 32, 1));
  EXPECT(fxrt_get_stats().allocations == 0 && fxrt_get_error() == NULL);

  /* A reshape of a non-viewable input copies: new contiguous storage with
   * the input's elements in row-major order. */
  reshape(data, 0, 2, ARR(4, 4), ARR(8, 1), 1, ARR(16), 1, &r);
  EXPECT(r.aligned != data && r.aligned && r.offset == 0 && SAME(r.rest, 2, 16, 1));
  int same = 1;
  for (int i = 0; i < 16; i++)
    same &= ((float *)r.aligned)[i] == data[(i / 4) * 8 + i % 4];
  EXPECT(same);
  FxStats st = fxrt_get_stats();
  EXPECT(st.allocations == 1 && st.allocated_bytes == 64 && st.copies == 1);
  /* Rank 0 <-> all-ones shapes, and an empty tensor. */
  reshape(data, 5, 0, ARR(0), ARR(0), 2, ARR(1, 1), 0, &r);
  EXPECT(r.aligned == data && r.offset == 5 && SAME(r.rest, 4, 1, 1, 1, 1));
  reshape(data, 0, 2, ARR(0, 6), ARR(6, 1), 3, ARR(0, 2, 3), 0, &r);
  EXPECT(r.aligned == data && SAME(r.rest, 6, 0, 2, 3, 6, 3, 1));
  EXPECT(fxrt_get_error() == NULL);

  /* A view that would need a copy is an error (torch's view raises);
   * nothing is allocated, the result has no storage. */
  fxrt_reset_stats();
  // CHECK-NEXT: fxrt: fx.view: shape [16] is not a view of the input (sizes [4, 4], strides [8, 1]): no strides keep its storage, and a view never copies (torch's view raises here; reshape copies)
  reshape(data, 0, 2, ARR(4, 4), ARR(8, 1), 1, ARR(16), 0, &r);
  EXPECT(r.aligned == NULL && r.allocated == NULL && SAME(r.rest, 2, 16, 0));
  EXPECT(fxrt_get_stats().allocations == 0);
  EXPECT(startsWith(fxrt_get_error(), "fx.view: shape [16] is not a view"));
  fxrt_clear_error();
  /* Sizes that contradict the input's element count, negative sizes and
   * counts that overflow. */
  // CHECK-NEXT: fxrt: fx.reshape: shape [100000, 4] is invalid for an input of shape [2, 4] (8 elements)
  reshape(data, 0, 2, ARR(2, 4), ARR(4, 1), 2, ARR(100000, 4), 1, &r);
  EXPECT(r.aligned == NULL && SAME(r.rest, 4, 100000, 4, 0, 0));
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fx.reshape: shape [-2, -4] is invalid for an input of shape [2, 4] (8 elements)
  reshape(data, 0, 2, ARR(2, 4), ARR(4, 1), 2, ARR(-2, -4), 1, &r);
  fxrt_clear_error();
  // CHECK-NEXT: fxrt: fx.reshape: shape [4294967296, 4294967296] is invalid for an input of shape [1] (1 elements)
  reshape(data, 0, 1, ARR(1), ARR(1), 2, ARR(1LL << 32, 1LL << 32), 1, &r);
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();
  /* (a 0 size makes the count 0 whatever the others are) */
  reshape(data, 0, 1, ARR(0), ARR(1), 3, ARR(1LL << 32, 1LL << 32, 0), 0, &r);
  EXPECT(fxrt_get_error() == NULL && r.aligned == data);
  // CHECK-NEXT: fxrt: fx.reshape: malformed reshape operands (a bug in the lowering)
  FxMemRefDescriptor none = {0};
  _mlir_ciface_fxrt_reshape(STR(&none), STR(&r), FX_DTYPE_F32, 9, 1,
                            FXRT_RESHAPE_MAY_COPY, 1, 0, 0, 0, 0, 0, 0, 0);
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();
  fxrt_release_all();
}

int main(void) {
  fxtestBegin();
  testRecords();
  testAllocStats();
  testCopy();
  testViewStrides();
  testErrors();
  testChecks();
  testReshape();
  // CHECK: runtime: {{[0-9]+}} checks passed
  return fxtestFinish("runtime");
}
