// RUN: fx-kernels-convert-test 2>&1 | FileCheck %s

/* convert.c - the per-element math of kernels/common (fx_convert.h,
 * fx_math.h), which the CPU kernels and the CUDA kernels share.  The
 * 16-bit and fp8 decoders are checked exhaustively; the encoders on every
 * rounding-relevant bit pattern of a sweep over the exponent range (all high
 * bits times the low-bit patterns that decide rounding) plus random bit
 * patterns, against GCC's _Float16 and the generic reference rounding. */
#include "common/fx_math.h"
#include "fxtest.h"

static float bitsF(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* Low bits that decide a rounding: zero, tie, just around the tie, all ones,
 * plus two random patterns per high part (drawn by the caller). */
static const uint32_t kLow16[] = {0x0000, 0x0001, 0x0FFF, 0x1000, 0x1001,
                                  0x7FFF, 0x8000, 0x8001, 0xEFFF, 0xF000,
                                  0xF001, 0xFFFF};

/* Checks `enc` on every sweep pattern (both signs) against `ref`, which
 * returns the expected bits (or -1 for "any NaN encoding", checked by
 * `isNanBits`).  Returns the number of mismatches. */
typedef uint32_t (*EncFn)(float);
typedef int64_t (*RefFn)(float);
typedef int (*IsNanFn)(uint32_t);

static int64_t sweep(EncFn enc, RefFn ref, IsNanFn isNanBits) {
  int64_t bad = 0, checked = 0;
  for (uint32_t hi = 0; hi < 0x10000; hi++) {
    uint32_t lows[sizeof kLow16 / sizeof kLow16[0] + 2];
    int nl = 0;
    for (size_t i = 0; i < sizeof kLow16 / sizeof kLow16[0]; i++)
      lows[nl++] = kLow16[i];
    lows[nl++] = (uint32_t)rndU64() & 0xFFFF;
    lows[nl++] = (uint32_t)rndU64() & 0xFFFF;
    for (int l = 0; l < nl; l++) {
      float f = bitsF(hi << 16 | lows[l]);
      int64_t want = ref(f);
      uint32_t got = enc(f);
      int ok = want < 0 ? isNanBits(got) : got == (uint32_t)want;
      if (!ok && bad++ < 5)
        printf("  mismatch at %a: got 0x%x want 0x%llx\n", (double)f, got,
               (long long)want);
      checked++;
    }
  }
  for (int i = 0; i < 1000000; i++) { /* random bit patterns */
    float f = bitsF((uint32_t)rndU64());
    int64_t want = ref(f);
    uint32_t got = enc(f);
    bad += !(want < 0 ? isNanBits(got) : got == (uint32_t)want);
  }
  return bad;
}

static uint32_t encF16(float f) { return fxF32ToF16(f); }
static int64_t refF16(float f) {
  if (isnan(f))
    return -1;
  _Float16 h = (_Float16)f;
  uint16_t b;
  memcpy(&b, &h, 2);
  return b;
}
static int isNanF16(uint32_t b) { return (b & 0x7C00) == 0x7C00 && (b & 0x3FF); }

static uint32_t encBF16(float f) { return fxF32ToBF16(f); }
static int64_t refBF16(float f) {
  if (isnan(f))
    return -1;
  uint8_t b[2];
  refEncode(b, FX_DTYPE_BF16, refRound(f, FX_DTYPE_BF16));
  return b[0] | b[1] << 8;
}
static int isNanBF16(uint32_t b) { return (b & 0x7F80) == 0x7F80 && (b & 0x7F); }

static uint32_t encF8(float f) { return fxF32ToF8E4M3FN(f); }
static int64_t refF8(float f) {
  if (isnan(f))
    return -1;
  uint8_t b;
  refEncode(&b, FX_DTYPE_F8E4M3FN, refRound(f, FX_DTYPE_F8E4M3FN));
  return b;
}
static int isNanF8(uint32_t b) { return (b & 0x7F) == 0x7F; }

static void testDecoders(void) {
  int64_t bad16 = 0, badbf = 0, bad8 = 0;
  for (uint32_t h = 0; h < 0x10000; h++) {
    _Float16 x;
    uint16_t hb = (uint16_t)h;
    memcpy(&x, &hb, 2);
    float want = (float)x, got = fxF16ToF32(hb);
    bad16 += isnan(want) ? !isnan(got) : memcmp(&want, &got, 4) != 0;
    float gotb = fxBF16ToF32(hb);
    double wantb = refDecode(&hb, FX_DTYPE_BF16);
    badbf += isnan(wantb) ? !isnan(gotb) : (double)gotb != wantb;
  }
  for (uint32_t b = 0; b < 256; b++) {
    double want = refFp8Value((uint8_t)b);
    float got = fxF8E4M3FNToF32((uint8_t)b);
    bad8 += isnan(want) ? !isnan(got)
                        : (double)got != want || !signbit(got) != !signbit(want);
  }
  // CHECK-LABEL: decoders
  // CHECK-NEXT: f16 65536, bf16 65536, f8 256 patterns: 0 0 0 mismatches
  printf("decoders\nf16 65536, bf16 65536, f8 256 patterns: %lld %lld %lld "
         "mismatches\n",
         (long long)bad16, (long long)badbf, (long long)bad8);
  EXPECT(bad16 == 0 && badbf == 0 && bad8 == 0);
}

static void testEncoders(void) {
  int64_t b16 = sweep(encF16, refF16, isNanF16);
  int64_t bbf = sweep(encBF16, refBF16, isNanBF16);
  int64_t b8 = sweep(encF8, refF8, isNanF8);
  // CHECK-LABEL: encoders
  // CHECK-NEXT: f16 0, bf16 0, f8 0 mismatches
  printf("encoders\nf16 %lld, bf16 %lld, f8 %lld mismatches\n", (long long)b16,
         (long long)bbf, (long long)b8);
  EXPECT(b16 == 0 && bbf == 0 && b8 == 0);

  /* Boundaries named in kernel-numerics.md. */
  EXPECT(fxF32ToF16(65504.0f) == 0x7BFF);
  EXPECT(fxF32ToF16(65519.99f) == 0x7BFF);
  EXPECT(fxF32ToF16(65520.0f) == 0x7C00);
  EXPECT(fxF32ToF16(-INFINITY) == 0xFC00);
  EXPECT(fxF32ToF16(0x1p-24f) == 0x0001);
  EXPECT(fxF32ToF16(0x1p-25f) == 0x0000);   /* tie to even: 0 */
  EXPECT(fxF32ToF16(0x1.8p-24f) == 0x0002); /* tie to even: 2 */
  EXPECT(fxF32ToF16(-0.0f) == 0x8000);
  EXPECT(fxF32ToBF16(NAN) == 0x7FC0);
  EXPECT(fxF32ToBF16(bitsF(0x3F808000)) == 0x3F80); /* tie, even stays */
  EXPECT(fxF32ToBF16(bitsF(0x3F818000)) == 0x3F82); /* tie, odd rounds up */
  EXPECT(fxF32ToBF16(bitsF(0x7F7FFFFF)) == 0x7F80); /* rounds to Inf */
  EXPECT(fxF32ToF8E4M3FN(448.0f) == 0x7E);
  EXPECT(fxF32ToF8E4M3FN(464.0f) == 0x7E); /* satfinite, not NaN */
  EXPECT(fxF32ToF8E4M3FN(-1e30f) == 0xFE);
  EXPECT(fxF32ToF8E4M3FN(INFINITY) == 0x7E);
  EXPECT(fxF32ToF8E4M3FN(NAN) == 0x7F);
  EXPECT(fxF32ToF8E4M3FN(0x1p-9f) == 0x01);  /* smallest subnormal */
  EXPECT(fxF32ToF8E4M3FN(0x1p-10f) == 0x00); /* tie to even: 0 */
  EXPECT(fxF32ToF8E4M3FN(0x1.8p-9f) == 0x02);
  EXPECT(fxF32ToF8E4M3FN(0x1p-6f) == 0x08); /* smallest normal */
  EXPECT(fxF32ToF8E4M3FN(-0.0f) == 0x80);
}

static void testQuantStores(void) {
  /* The quantizing store: clamp first, so NaN -> +448 (0x7E) like the GPU. */
  EXPECT(fxQuantF8E4M3FN(NAN) == 0x7E);
  EXPECT(fxQuantF8E4M3FN(-NAN) == 0x7E);
  EXPECT(fxQuantF8E4M3FN(1e9f) == 0x7E);
  EXPECT(fxQuantF8E4M3FN(-1e9f) == 0xFE);
  EXPECT(fxQuantF8E4M3FN(-INFINITY) == 0xFE);
  EXPECT(fxQuantF8E4M3FN(1.0f) == 0x38);
  EXPECT(fxQuantF8E4M3FN(1.0625f) == 0x38); /* tie 1 | 1.125 -> even (1.0) */
  EXPECT(fxQuantF8E4M3FN(1.1875f) == 0x3A); /* tie 1.125 | 1.25 -> 1.25 */
  /* int8: RNE, saturating, NaN -> 0 (cvt.rni.sat.s8.f32). */
  EXPECT(fxQuantI8(0.5f) == 0 && fxQuantI8(1.5f) == 2 && fxQuantI8(2.5f) == 2);
  EXPECT(fxQuantI8(-0.5f) == 0 && fxQuantI8(-1.5f) == -2 && fxQuantI8(-2.5f) == -2);
  EXPECT(fxQuantI8(127.4f) == 127 && fxQuantI8(127.5f) == 127);
  EXPECT(fxQuantI8(-128.5f) == -128 && fxQuantI8(-1e20f) == -128);
  EXPECT(fxQuantI8(1e20f) == 127 && fxQuantI8(INFINITY) == 127);
  EXPECT(fxQuantI8(NAN) == 0);
  // CHECK-LABEL: quantizing stores
  printf("quantizing stores\n");
}

static void testLoadStore(void) {
  /* Every dtype through fxStoreF32 / fxLoadF32 and fxElemSize. */
  static const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16,
                                FX_DTYPE_F8E4M3FN, FX_DTYPE_I8, FX_DTYPE_I32,
                                FX_DTYPE_I64, FX_DTYPE_I1};
  static const float vals[] = {0.0f, 1.0f, -2.5f, 3.1415926f, 100.5f, -0.3f};
  for (size_t i = 0; i < sizeof dts / sizeof dts[0]; i++) {
    int32_t dt = dts[i];
    EXPECT(fxElemSize(dt) == refSize(dt));
    EXPECT((size_t)fxElemSize(dt) == fxDtypeSize(dt));
    for (size_t j = 0; j < sizeof vals / sizeof vals[0]; j++) {
      uint8_t buf[8];
      fxStoreF32(buf, dt, vals[j]);
      double want = dt == FX_DTYPE_I1 ? vals[j] != 0.0f
                    : dt == FX_DTYPE_I32 || dt == FX_DTYPE_I64
                        ? nearbyint(vals[j])
                        : refRound(vals[j], dt);
      EXPECT(refDecode(buf, dt) == want);
      EXPECT(fxLoadF32(buf, dt) == (float)want);
      EXPECT(fxRoundTo(dt, vals[j]) == (dt <= FX_DTYPE_F8E4M3FN ? (float)want : vals[j]));
    }
  }
  EXPECT(fxElemSize(42) == 0 && fxDtypeSize(42) == 0 && fxDtypeSize(-1) == 0);
  uint8_t buf[8];
  fxStoreF32(buf, FX_DTYPE_I32, 3e9f); /* saturates */
  EXPECT(refDecode(buf, FX_DTYPE_I32) == 2147483647.0);
  fxStoreF32(buf, FX_DTYPE_I64, -1e30f);
  EXPECT(*(int64_t *)buf == INT64_MIN);
  fxStoreF32(buf, FX_DTYPE_I32, NAN);
  EXPECT(refDecode(buf, FX_DTYPE_I32) == 0.0);
  // CHECK-LABEL: load/store all dtypes
  printf("load/store all dtypes\n");
}

static void testMath(void) {
  /* silu in fp32 against double: expf is <= 1 ulp in glibc. */
  int64_t maxUlp = 0;
  for (int i = 0; i < 20001; i++) {
    float x = (float)(-20.0 + i * 0.002);
    float got = fxSilu(x);
    double want = f32((double)x / (1.0 + exp(-(double)x)));
    int64_t d = ulpDist(&got, want, FX_DTYPE_F32);
    maxUlp = d > maxUlp ? d : maxUlp;
  }
  // CHECK-LABEL: silu fp32 vs double
  // CHECK-NEXT: max ulp {{[0-3]}}
  printf("silu fp32 vs double\nmax ulp %lld\n", (long long)maxUlp);
  EXPECT(maxUlp <= 3);
  /* silu_and_mul rounds silu to T before the multiply. */
  float g = 1.3f, u = 0.7f;
  float h = fxRoundTo(FX_DTYPE_BF16, fxSilu(g));
  EXPECT(fxSiluAndMul(FX_DTYPE_BF16, g, u) == fxRoundTo(FX_DTYPE_BF16, h * u));
  EXPECT(fxSiluAndMul(FX_DTYPE_F32, g, u) == fxSilu(g) * u);

  /* rms scale: correctly rounded on the host. */
  EXPECT(fxRmsInv(4.0f, 1, 0.0f) == 0.5f);
  EXPECT(fxRmsInv(12.0f, 3, 0.0f) == 0.5f);
  EXPECT(fxRmsInv(0.0f, 5, 1e-6f) == (float)(1.0 / sqrt((double)1e-6f)));
  /* HEAD: one rounding; round-first: two. */
  float x = 1.0009765625f, inv = 1.0f, w = 1.00390625f;
  EXPECT(fxRmsNormElem(FX_DTYPE_BF16, x, inv, 1, w) ==
         fxRoundTo(FX_DTYPE_BF16, x * w));
  EXPECT(fxRmsNormElemRoundFirst(FX_DTYPE_BF16, x, inv, w) ==
         fxRoundTo(FX_DTYPE_BF16, fxRoundTo(FX_DTYPE_BF16, x) * w));
  EXPECT(fxRmsNormElem(FX_DTYPE_BF16, x, inv, 1, w) !=
         fxRmsNormElemRoundFirst(FX_DTYPE_BF16, x, inv, w));
  EXPECT(fxRmsNormElem(FX_DTYPE_F16, 3.0f, 0.5f, 0, 99.0f) == 1.5f);

  /* Dynamic scales. */
  EXPECT(fxFp8TokenScale(0.0f, 0, 0.0f) == 1.0f / (448.0f * 512.0f));
  EXPECT(fxFp8TokenScale(896.0f, 0, 0.0f) == 2.0f);
  EXPECT(fxFp8TokenScale(896.0f, 1, 448.0f) == 1.0f);
  EXPECT(fxInt8TokenScale(0.0f) == 0x1p-23f);
  EXPECT(fxInt8TokenScale(254.0f) == 2.0f);

  /* Rotary: pair layouts and the inverse. */
  int64_t xi, yi;
  fxRotaryPairIndex(1, 8, 3, &xi, &yi);
  EXPECT(xi == 3 && yi == 11);
  fxRotaryPairIndex(0, 8, 3, &xi, &yi);
  EXPECT(xi == 6 && yi == 7);
  float c = 0.6f, s = 0.8f, xo, yo, xb, yb;
  fxRotatePair(1.0f, 2.0f, c, s, 0, &xo, &yo);
  EXPECT(xo == 1.0f * c - 2.0f * s && yo == 2.0f * c + 1.0f * s);
  fxRotatePair(xo, yo, c, s, 1, &xb, &yb);
  EXPECT(fabsf(xb - 1.0f) < 1e-6f && fabsf(yb - 2.0f) < 1e-6f);
  // CHECK-LABEL: math helpers
  printf("math helpers\n");
}

int main(void) {
  fxtestBegin();
  testDecoders();
  testEncoders();
  testQuantStores();
  testLoadStore();
  testMath();
  // CHECK: convert: {{[0-9]+}} checks passed
  return fxtestFinish("convert");
}
