// RUN: fx-kernels-copy-test 2>&1 | FileCheck %s

/* copy.c - fxrt_aten__copy_ (kernels/cpu/copy.c): torch's copy_, which
 * converts dtypes and broadcasts src to self.
 *
 * Every pair of the 8 dtypes, on special values (zeros, ties, the fp16,
 * bf16 and fp8 overflow points 65520 / 2^128 / 464 and 480, int type
 * bounds, 2^63, Inf, NaN of both signs, subnormals) and random ones,
 * against a reference written here from c10's casts: floats through
 * GCC's _Float16 and the generic rounding of fxtest.h, ints as int64 with
 * wrap-around, float to int truncated (NaN 0, out of range saturated),
 * anything to bool != 0.  Exact bits, NaN bits included.  Then
 * broadcasting (size-1 dims, missing leading dims, 0-dim src) into strided
 * and offset selves without stray writes, bit-for-bit same-dtype
 * broadcasts (NaN payloads kept), a src that overlaps self, the record
 * entry point, the copy statistics, empty tensors and the errors.  The
 * dtypes added later (f64, i16, u8, fp8 e5m2 and e8m0fnu, the packed
 * f4e2m1fnx2) on hand-computed elements of c10's casts, and the refused
 * conversions of the packed one. */
#include "fxtest.h"

/*===-- Reference ------------------------------------------------------------===*/

static int isFloatDt(int32_t dt) { return dt <= FX_DTYPE_F8E4M3FN; }

/* The exact integer value of an int or bool element. */
static int64_t refInt(const void *p, int32_t dt) {
  switch (dt) {
  case FX_DTYPE_I8: return *(const int8_t *)p;
  case FX_DTYPE_I32: { int32_t i; memcpy(&i, p, 4); return i; }
  case FX_DTYPE_I64: { int64_t i; memcpy(&i, p, 8); return i; }
  default: return *(const uint8_t *)p != 0;
  }
}

/* The bytes c10 stores for float value `v` (exact in fp32) into dtype `dt`. */
static void refFromFloat(void *out, int32_t dt, double v) {
  int neg = signbit(v) != 0;
  switch (dt) {
  case FX_DTYPE_F32: { float f = (float)v; memcpy(out, &f, 4); return; }
  case FX_DTYPE_F16: {
    if (isnan(v)) {
      uint16_t h = neg ? 0xFE00 : 0x7E00;
      memcpy(out, &h, 2);
      return;
    }
    _Float16 h = (_Float16)v; /* RNE, Inf from 65520 */
    memcpy(out, &h, 2);
    return;
  }
  case FX_DTYPE_BF16: {
    uint16_t h = 0x7FC0;
    if (!isnan(v)) {
      float f = (float)refRound(v, FX_DTYPE_BF16);
      uint32_t u;
      memcpy(&u, &f, 4);
      h = (uint16_t)(u >> 16);
    }
    memcpy(out, &h, 2);
    return;
  }
  case FX_DTYPE_F8E4M3FN:
    if (isnan(v) || fabs(v) > 464.0) /* c10: NaN, no saturation */
      *(uint8_t *)out = (uint8_t)(neg ? 0xFF : 0x7F);
    else
      refEncode(out, dt, refRound(v, dt));
    return;
  case FX_DTYPE_I1: *(uint8_t *)out = v != 0.0; return; /* NaN != 0 */
  default: {
    double lo = dt == FX_DTYPE_I8 ? -128.0 : dt == FX_DTYPE_I32 ? -2147483648.0 : -0x1p63;
    double hi = dt == FX_DTYPE_I8 ? 127.0 : dt == FX_DTYPE_I32 ? 2147483647.0 : 0x1p63;
    int64_t i;
    double t = trunc(v);
    if (isnan(v))
      i = 0;
    else if (t <= lo)
      i = (int64_t)lo;
    else if (t >= hi)
      i = dt == FX_DTYPE_I64 ? INT64_MAX : (int64_t)hi;
    else
      i = (int64_t)t;
    memcpy(out, &i, (size_t)refSize(dt)); /* in range: the low bytes */
    return;
  }
  }
}

/* The bytes of element `in` (dtype sdt) copied into dtype ddt. */
static void refCopy(void *out, int32_t ddt, const void *in, int32_t sdt) {
  if (sdt == ddt) {
    memcpy(out, in, (size_t)refSize(ddt));
    return;
  }
  if (isFloatDt(sdt)) {
    refFromFloat(out, ddt, refDecode(in, sdt));
    return;
  }
  int64_t i = refInt(in, sdt);
  if (isFloatDt(ddt)) {
    refFromFloat(out, ddt, (double)(float)i); /* c10 casts through float */
  } else if (ddt == FX_DTYPE_I1) {
    *(uint8_t *)out = i != 0;
  } else {
    uint64_t u = (uint64_t)i; /* wrap-around: the low bytes, little endian */
    memcpy(out, &u, (size_t)refSize(ddt));
  }
}

/*===-- Values ---------------------------------------------------------------===*/

static const double kFloats[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.999, 1.0 / 3.0,
    127.0, 127.5, 128.0, -128.0, -128.5, -129.0, 255.0, 256.0, 300.7,
    447.0, 448.0, 449.0, 463.9, 464.0, 464.1, 479.0, 480.0, -465.0, 1000.0,
    65504.0, 65519.0, 65520.0, -65520.0, 1e5, 3e9, -3e9, 2147483520.0,
    2147483648.0, -2147483648.0, 0x1p62, 0x1p63, -0x1p63, 0x1p64, 1e30,
    0x1.FEp127, 0x1.FFp127, 0x1p-6, 0x1p-9, 0x1p-10, 0x1.8p-10, 0x1p-14,
    0x1p-24, 0x1p-25, 0x1.8p-25, 1e-40, -1e-40, 0x1p-133, INFINITY,
    -INFINITY, NAN, -NAN};
static const int64_t kInts[] = {
    0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 448, 465, 65504, 65520,
    16777217, 2147483647, -2147483648LL, 2147483648LL, 4294967296LL,
    9007199254740993LL, INT64_MAX, INT64_MIN, -5};
enum {
  kNumFloats = sizeof kFloats / sizeof *kFloats,
  kNumInts = sizeof kInts / sizeof *kInts,
  kRandom = 200,
  kNumValues = kNumFloats + kNumInts + kRandom
};

/* Stores value `k` of the list into element `i` of src (dtype dt): floats
 * rounded to dt, ints wrapped to dt's width. */
static void setValue(TT *x, int64_t i, int k) {
  int32_t dt = x->t.dtype;
  char *p = ttPtr(x, i);
  if (k < kNumFloats || k >= kNumFloats + kNumInts) {
    double v = k < kNumFloats ? kFloats[k]
                              : (rndU64() & 1 ? rndNormal(0.0, 1e3) : rndNormal(0.0, 3.0));
    if (isFloatDt(dt))
      refEncode(p, dt, refRound(v, dt));
    else
      refFromFloat(p, dt, v);
    return;
  }
  uint64_t u = (uint64_t)kInts[k - kNumFloats];
  if (dt == FX_DTYPE_I1)
    *(uint8_t *)p = u != 0;
  else if (isFloatDt(dt))
    refEncode(p, dt, refRound((double)(int64_t)u, dt));
  else
    memcpy(p, &u, (size_t)refSize(dt));
}

/* Number of elements of `dst` whose bytes differ from the reference copy of
 * `src` broadcast to dst's shape; prints the first few. */
static int64_t compare(const char *label, const TT *dst, const TT *src) {
  int64_t bad = 0, n = ttNumel(dst);
  int lead = dst->t.rank - src->t.rank;
  for (int64_t i = 0; i < n; i++) {
    /* The src element for dst element i: drop broadcast dims. */
    int64_t rem = i, si = 0, mul = 1;
    for (int d = dst->t.rank - 1; d >= 0; d--) {
      int64_t idx = rem % dst->t.sizes[d];
      rem /= dst->t.sizes[d];
      if (d >= lead) {
        int64_t size = src->t.sizes[d - lead];
        si += (size == 1 ? 0 : idx) * mul;
        mul *= size;
      }
    }
    uint8_t want[8] = {0};
    refCopy(want, dst->t.dtype, ttPtr(src, si), src->t.dtype);
    const char *got = ttPtr(dst, i);
    if (memcmp(want, got, (size_t)refSize(dst->t.dtype))) {
      if (bad++ < 5) {
        uint64_t g = 0, w = 0, s = 0;
        memcpy(&g, got, (size_t)refSize(dst->t.dtype));
        memcpy(&w, want, (size_t)refSize(dst->t.dtype));
        memcpy(&s, ttPtr(src, si), (size_t)refSize(src->t.dtype));
        printf("%s: %s 0x%llx -> %s: got 0x%llx, want 0x%llx\n", label,
               dtName(src->t.dtype), (unsigned long long)s,
               dtName(dst->t.dtype), (unsigned long long)g,
               (unsigned long long)w);
      }
    }
  }
  return bad;
}

/*===-- Tests ----------------------------------------------------------------===*/

static void testAllPairs(void) {
  // CHECK-LABEL: all dtype pairs
  printf("all dtype pairs\n");
  int64_t bad = 0, checked = 0, n = kNumValues;
  for (int32_t sdt = 0; sdt < 8; sdt++)
    for (int32_t ddt = 0; ddt < 8; ddt++) {
      TT src = ttContig(sdt, 1, &n), dst = ttContig(ddt, 1, &n);
      for (int64_t i = 0; i < n; i++)
        setValue(&src, i, (int)i);
      char *snap = ttSnapshot(&src);
      fxrt_aten__copy_(&dst.t, &src.t, 0);
      char label[64];
      snprintf(label, sizeof label, "pair %s->%s", dtName(sdt), dtName(ddt));
      bad += compare(label, &dst, &src);
      checked += n;
      EXPECT(ttUnchanged(&src, snap));
      free(snap);
      ttFree(&src);
      ttFree(&dst);
    }
  EXPECT(bad == 0);
  printf("pairs: 64, elements %lld, mismatches %lld\n", (long long)checked,
         (long long)bad);
  // CHECK-NEXT: pairs: 64, elements {{[0-9]+}}, mismatches 0
}

/* One broadcast case: src of `srank` sizes into a self that is a strided
 * view (every other column of a wider buffer, at an offset). */
static void broadcastCase(const char *label, int32_t sdt, int srank,
                          const int64_t *ssizes, int32_t ddt, int drank,
                          const int64_t *dsizes, int strided) {
  TT src = ttContig(sdt, srank, ssizes);
  int64_t strides[FXRT_MAX_RANK], c = 2; /* every other element */
  for (int d = drank - 1; d >= 0; d--) {
    strides[d] = c;
    c *= dsizes[d];
  }
  TT dst = ttMake(ddt, drank, dsizes, strided ? strides : NULL, strided ? 3 : 0);
  for (int64_t i = 0; i < ttNumel(&src); i++)
    setValue(&src, i, (int)((i * 7) % kNumValues));
  char *snap = ttSnapshot(&dst);
  fxrt_aten__copy_(&dst.t, &src.t, 0);
  int64_t bad = compare(label, &dst, &src);
  int clean = ttOnlyElementsChanged(&dst, snap);
  EXPECT(bad == 0 && clean);
  printf("%s: %s->%s numel=%lld: mismatches %lld, stray writes %d\n", label,
         dtName(sdt), dtName(ddt), (long long)ttNumel(&dst), (long long)bad,
         !clean);
  free(snap);
  ttFree(&src);
  ttFree(&dst);
}

static void testBroadcast(void) {
  // CHECK-LABEL: broadcast
  printf("broadcast\n");
  int64_t row[2] = {1, 5}, mat[2] = {3, 5}, vec[1] = {5}, cube[3] = {2, 3, 5};
  int64_t col[2] = {3, 1}, one[1] = {1};
  broadcastCase("rows", FX_DTYPE_F16, 2, row, FX_DTYPE_F32, 2, mat, 0);
  // CHECK-NEXT: rows: f16->f32 numel=15: mismatches 0, stray writes 0
  broadcastCase("leading dims, strided self", FX_DTYPE_F32, 1, vec,
                FX_DTYPE_BF16, 3, cube, 1);
  // CHECK-NEXT: leading dims, strided self: f32->bf16 numel=30: mismatches 0, stray writes 0
  broadcastCase("column", FX_DTYPE_I64, 2, col, FX_DTYPE_F8E4M3FN, 2, mat, 1);
  // CHECK-NEXT: column: i64->f8e4m3fn numel=15: mismatches 0, stray writes 0
  broadcastCase("0-dim src", FX_DTYPE_F32, 0, NULL, FX_DTYPE_I32, 3, cube, 1);
  // CHECK-NEXT: 0-dim src: f32->i32 numel=30: mismatches 0, stray writes 0
  broadcastCase("size-1 src", FX_DTYPE_I1, 1, one, FX_DTYPE_F16, 2, mat, 0);
  // CHECK-NEXT: size-1 src: i1->f16 numel=15: mismatches 0, stray writes 0
  broadcastCase("same dtype", FX_DTYPE_BF16, 2, row, FX_DTYPE_BF16, 2, mat, 1);
  // CHECK-NEXT: same dtype: bf16->bf16 numel=15: mismatches 0, stray writes 0
  broadcastCase("same shape, strided self", FX_DTYPE_I32, 3, cube,
                FX_DTYPE_I8, 3, cube, 1);
  // CHECK-NEXT: same shape, strided self: i32->i8 numel=30: mismatches 0, stray writes 0

  /* A same-dtype broadcast copies bits: a signalling NaN payload survives
   * (a round trip through fp32 would quiet it). */
  TT s = ttContig(FX_DTYPE_F16, 1, one), d = ttContig(FX_DTYPE_F16, 2, mat);
  uint16_t snan = 0x7D01;
  memcpy(s.t.data, &snan, 2);
  fxrt_aten__copy_(&d.t, &s.t, 0);
  int kept = 1;
  for (int64_t i = 0; i < ttNumel(&d); i++)
    kept &= !memcmp(ttPtr(&d, i), &snan, 2);
  EXPECT(kept);
  printf("nan payload kept: %d\n", kept);
  // CHECK-NEXT: nan payload kept: 1
  ttFree(&s);
  ttFree(&d);
}

/* src is a row of self's own storage, which self's first rows overwrite:
 * every row must still get the original values. */
static void testOverlap(void) {
  // CHECK-LABEL: overlap
  printf("overlap\n");
  int64_t n = 16, rowSizes[2] = {1, 4}, rowStrides[2] = {4, 1};
  int64_t selfSizes[2] = {3, 4}, selfStrides[2] = {4, 1};
  TT buf = ttContig(FX_DTYPE_F32, 1, &n);
  for (int64_t i = 0; i < n; i++)
    ttSet(&buf, i, (double)(i + 1));
  TT src = ttView(&buf, FX_DTYPE_F32, 0, 2, rowSizes, rowStrides);
  TT self = ttView(&buf, FX_DTYPE_F32, 2, 2, selfSizes, selfStrides);
  fxrt_aten__copy_(&self.t, &src.t, 0);
  int ok = 1;
  for (int64_t i = 0; i < 12; i++)
    ok &= ttGet(&self, i) == (double)(i % 4 + 1);
  EXPECT(ok);
  printf("overlapping src read before it is overwritten: %d\n", ok);
  // CHECK-NEXT: overlapping src read before it is overwritten: 1
  /* And across dtypes: an i32 self over the bytes of an f32 src. */
  for (int64_t i = 0; i < n; i++)
    ttSet(&buf, i, (double)(i + 1) + 0.75);
  TT isrc = ttView(&buf, FX_DTYPE_F32, 0, 2, rowSizes, rowStrides);
  TT iself = ttView(&buf, FX_DTYPE_I32, 2, 2, selfSizes, selfStrides);
  fxrt_aten__copy_(&iself.t, &isrc.t, 0);
  ok = 1;
  for (int64_t i = 0; i < 12; i++)
    ok &= ttGet(&iself, i) == (double)(i % 4 + 1);
  EXPECT(ok);
  printf("overlapping src, another dtype: %d\n", ok);
  // CHECK-NEXT: overlapping src, another dtype: 1
  ttFree(&buf);
}

static void testRecordsStatsEmpty(void) {
  // CHECK-LABEL: records
  printf("records\n");
  int64_t mat[2] = {3, 5}, vec[1] = {5}, empty[2] = {0, 5};
  TT src = ttContig(FX_DTYPE_BF16, 1, vec), dst = ttContig(FX_DTYPE_F32, 2, mat);
  for (int64_t i = 0; i < 5; i++)
    setValue(&src, i, (int)i + 3);
  int64_t sb[8], db[8];
  FxMemRefI64 sr = ttRecord(&src, sb), dr = ttRecord(&dst, db);
  fxrt_reset_stats();
  _mlir_ciface_fxrt_aten__copy_(&dr, &sr, 1);
  FxStats st = fxrt_get_stats();
  int64_t bad = compare("record", &dst, &src);
  EXPECT(bad == 0 && st.copies == 1 && st.copied_bytes == 15 * 4);
  printf("record entry: mismatches %lld, copies %lld, bytes %lld\n",
         (long long)bad, (long long)st.copies, (long long)st.copied_bytes);
  // CHECK-NEXT: record entry: mismatches 0, copies 1, bytes 60
  TT e = ttContig(FX_DTYPE_F16, 2, empty);
  char *snap = ttSnapshot(&e);
  fxrt_aten__copy_(&e.t, &src.t, 0);
  EXPECT(ttUnchanged(&e, snap));
  printf("empty self: untouched\n");
  // CHECK-NEXT: empty self: untouched
  free(snap);
  ttFree(&e);
  ttFree(&src);
  ttFree(&dst);
}

/* One element of dtype `sdt` (bytes `in`) copied to `ddt`: the bytes out. */
static uint64_t copyOne(int32_t ddt, int32_t sdt, const void *in) {
  int64_t one = 1;
  TT src = ttContig(sdt, 1, &one), dst = ttContig(ddt, 1, &one);
  memcpy(ttPtr(&src, 0), in, fxDtypeSize(sdt));
  memset(ttPtr(&dst, 0), 0xAB, fxDtypeSize(ddt));
  fxrt_aten__copy_(&dst.t, &src.t, 0);
  uint64_t out = 0;
  memcpy(&out, ttPtr(&dst, 0), fxDtypeSize(ddt));
  ttFree(&src);
  ttFree(&dst);
  return out;
}

static uint64_t fromF32(int32_t ddt, float v) { return copyOne(ddt, FX_DTYPE_F32, &v); }
static uint64_t fromF64(int32_t ddt, double v) { return copyOne(ddt, FX_DTYPE_F64, &v); }
static uint64_t fromI64(int32_t ddt, int64_t v) { return copyOne(ddt, FX_DTYPE_I64, &v); }

static void testNewDtypes(void) {
  // CHECK-LABEL: new dtypes
  printf("new dtypes\n");
  /* float -> uint8 through int64 (c10/util/TypeCast.h), then the low byte. */
  EXPECT(fromF32(FX_DTYPE_UI8, -1.5f) == 0xFF);
  EXPECT(fromF32(FX_DTYPE_UI8, 300.7f) == 44);
  EXPECT(fromF32(FX_DTYPE_UI8, 255.9f) == 255 && fromF32(FX_DTYPE_UI8, 256.0f) == 0);
  EXPECT(fromF32(FX_DTYPE_UI8, NAN) == 0);
  EXPECT(fromF32(FX_DTYPE_UI8, 1e20f) == 0xFF); /* int64 saturates first */
  EXPECT(fromF64(FX_DTYPE_UI8, -255.9) == 1);
  /* float -> int16: truncation, saturation where C++ is undefined. */
  EXPECT(fromF32(FX_DTYPE_I16, -2.9f) == 0xFFFE);
  EXPECT(fromF32(FX_DTYPE_I16, 40000.0f) == 0x7FFF && fromF32(FX_DTYPE_I16, -1e9f) == 0x8000);
  EXPECT(fromF64(FX_DTYPE_I16, 32767.99) == 0x7FFF && fromF64(FX_DTYPE_I16, NAN) == 0);
  /* int -> int wraps; u8 zero-extends. */
  EXPECT(fromI64(FX_DTYPE_UI8, -1) == 0xFF && fromI64(FX_DTYPE_I16, 70000) == 4464);
  uint8_t u200 = 200;
  EXPECT(copyOne(FX_DTYPE_I8, FX_DTYPE_UI8, &u200) == 0xC8 &&
         copyOne(FX_DTYPE_I64, FX_DTYPE_UI8, &u200) == 200 &&
         copyOne(FX_DTYPE_I16, FX_DTYPE_UI8, &u200) == 200);
  int16_t i16 = -300;
  EXPECT(copyOne(FX_DTYPE_UI8, FX_DTYPE_I16, &i16) == 0xD4 &&
         copyOne(FX_DTYPE_F32, FX_DTYPE_I16, &i16) == 0xC3960000u);
  /* f64: its own value decides ints and bool, not its fp32 rounding; the
   * 16-bit and fp8 floats get it through fp32 (c10's float constructors),
   * so it can round twice: 1 + 2^-11 + 2^-40 is 1 + 2^-11 in fp32, a tie
   * that fp16 breaks to even (1.0), where one rounding would give 0x3C01. */
  EXPECT(fromF64(FX_DTYPE_I64, 16777217.0) == 16777217);
  EXPECT(fromF64(FX_DTYPE_I1, 1e-300) == 1);
  EXPECT(fromF64(FX_DTYPE_F16, 1.0 + 0x1p-11 + 0x1p-40) == 0x3C00);
  EXPECT(fromF64(FX_DTYPE_F32, 1.0 + 0x1p-24) == 0x3F800000u);
  EXPECT(fromF64(FX_DTYPE_F32, 1e300) == 0x7F800000u);
  EXPECT(fromF64(FX_DTYPE_F8E5M2, 61440.0) == 0x7C);
  EXPECT(fromI64(FX_DTYPE_F64, 9007199254740993LL) == 0x4340000000000000ull); /* RNE */
  EXPECT(fromF32(FX_DTYPE_F64, 0.1f) == 0x3FB99999A0000000ull);
  /* fp8 e5m2 and e8m0fnu as c10 casts them, to and from other dtypes. */
  EXPECT(fromF32(FX_DTYPE_F8E5M2, 1.125f) == 0x3C && fromF32(FX_DTYPE_F8E5M2, -NAN) == 0xFF);
  EXPECT(fromF32(FX_DTYPE_F8E8M0FNU, -1.5f) == 0x80 && fromF32(FX_DTYPE_F8E8M0FNU, 0.0f) == 0x00);
  EXPECT(fromI64(FX_DTYPE_F8E5M2, 100000) == 0x7C && fromI64(FX_DTYPE_F8E8M0FNU, 3) == 0x81); /* 1.5 * 2^1 rounds up */
  uint8_t e8 = 0x00, e5 = 0x7B;
  EXPECT(copyOne(FX_DTYPE_F32, FX_DTYPE_F8E8M0FNU, &e8) == 0x00400000u);
  EXPECT(copyOne(FX_DTYPE_I32, FX_DTYPE_F8E5M2, &e5) == 57344 &&
         copyOne(FX_DTYPE_F64, FX_DTYPE_F8E5M2, &e5) == 0x40EC000000000000ull);
  /* The packed f4e2m1fnx2: the same dtype copies bytes (broadcast too);
   * any conversion is refused, self untouched. */
  int64_t four = 4, one = 1;
  TT p = ttContig(FX_DTYPE_F4E2M1FNX2, 1, &four), q = ttContig(FX_DTYPE_F4E2M1FNX2, 1, &one);
  TT f = ttContig(FX_DTYPE_F32, 1, &four);
  *(uint8_t *)ttPtr(&q, 0) = 0x9C;
  fxrt_aten__copy_(&p.t, &q.t, 0);
  int same = 1;
  for (int i = 0; i < 4; i++)
    same &= *(uint8_t *)ttPtr(&p, i) == 0x9C;
  EXPECT(same);
  printf("f4e2m1fnx2 broadcast copy, bytes kept: %d\n", same);
  // CHECK-NEXT: f4e2m1fnx2 broadcast copy, bytes kept: 1
  char *snapP = ttSnapshot(&p), *snapF = ttSnapshot(&f);
  fxrt_aten__copy_(&f.t, &p.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__copy_: cannot convert float4_e2m1fn_x2 to float32: float4_e2m1fn_x2 packs two fp4 values in each element and has no conversion; copy_ copies it only between tensors of that dtype
  fxrt_aten__copy_(&p.t, &f.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__copy_: cannot convert float32 to float4_e2m1fn_x2: float4_e2m1fn_x2 packs
  EXPECT(ttUnchanged(&p, snapP) && ttUnchanged(&f, snapF));
  printf("untouched after refused conversions: %d\n",
         ttUnchanged(&p, snapP) && ttUnchanged(&f, snapF));
  // CHECK-NEXT: untouched after refused conversions: 1
  free(snapP);
  free(snapF);
  ttFree(&p);
  ttFree(&q);
  ttFree(&f);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t mat[2] = {3, 5}, wide[3] = {2, 3, 5}, three[1] = {3};
  TT dst = ttContig(FX_DTYPE_F32, 2, mat);
  TT deep = ttContig(FX_DTYPE_F16, 3, wide), bad = ttContig(FX_DTYPE_F16, 1, three);
  char *snap = ttSnapshot(&dst);
  fxrt_aten__copy_(&dst.t, &deep.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__copy_: 'src' has rank 3, more than the rank 2 of 'self'
  fxrt_aten__copy_(&dst.t, &bad.t, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__copy_: 'src' dimension 0 of size 3 does not broadcast to size 5 of 'self'
  fxrt_aten__copy_(&dst.t, NULL, 0);
  // CHECK-NEXT: fxrt: fxrt_aten__copy_: required tensor 'src' is absent
  EXPECT(ttUnchanged(&dst, snap));
  printf("self untouched after errors: %d\n", ttUnchanged(&dst, snap));
  // CHECK-NEXT: self untouched after errors: 1
  free(snap);
  ttFree(&dst);
  ttFree(&deep);
  ttFree(&bad);
}

int main(void) {
  fxtestBegin();
  testAllPairs();
  testBroadcast();
  testOverlap();
  testRecordsStatsEmpty();
  testNewDtypes();
  testErrors();
  // CHECK: copy: {{[0-9]+}} checks passed
  return fxtestFinish("copy");
}
