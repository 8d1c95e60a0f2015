// RUN: fx-kernels-convert-test 2>&1 | FileCheck %s

/* convert.c - the per-element math of kernels/common (fx_convert.h,
 * fx_math.h), which the CPU kernels and the CUDA kernels share.  The
 * 16-bit and fp8 decoders are checked exhaustively; the encoders on every
 * rounding-relevant bit pattern of a sweep over the exponent range (all high
 * bits times the low-bit patterns that decide rounding) plus random bit
 * patterns, against GCC's _Float16 and the generic reference rounding.
 * The dtypes whose casts are torch's (f64, fp8 e5m2, fp8 e8m0fnu): hand
 * computed bit patterns (ties, overflow, NaN, subnormals), then the same
 * sweep against the host FPU's casts (f64 <-> f32) and against c10's own
 * algorithms transcribed below (c10/util/Float8_e5m2.h,
 * c10/util/Float8_e8m0fnu.h), whose subnormal rounding is a float
 * addition where fx_convert.h shifts integers. */
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

/*===-- The dtypes with torch's casts ----------------------------------------===*/

static uint64_t dBits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

static double bitsD(uint64_t u) {
  double d;
  memcpy(&d, &u, 8);
  return d;
}

static uint32_t fBits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

/* c10's fp8e5m2_from_fp32_value, as written there (float addition for the
 * subnormals: the host FPU rounds it to nearest even). */
static uint8_t c10E5M2(float f) {
  uint32_t fb = fBits(f), sign = fb & 0x80000000u;
  const uint32_t inf = 255u << 23, max = 143u << 23, denorm = 134u << 23;
  uint8_t r;
  fb ^= sign;
  if (fb >= max)
    r = fb > inf ? 0x7F : 0x7C;
  else if (fb < (113u << 23))
    r = (uint8_t)(fBits(bitsF(fb) + bitsF(denorm)) - denorm);
  else {
    uint32_t odd = (fb >> 21) & 1u;
    fb += ((uint32_t)(15 - 127) << 23) + 0xFFFFFu;
    fb += odd;
    r = (uint8_t)(fb >> 21);
  }
  return (uint8_t)(r | (sign >> 24));
}

/* c10's fp8e8m0fnu_from_fp32_value, as written there. */
static uint8_t c10E8M0(float f) {
  uint32_t fb = fBits(f), e = (fb >> 23) & 0xFFu;
  if (e == 0xFFu)
    return 0xFF;
  int g = (fb & 0x400000u) > 0, r = (fb & 0x200000u) > 0;
  int st = (fb & 0x1FFFFFu) > 0, lsb = e > 0, up = 0;
  if (g == 1) {
    if (r == 1 || st == 1)
      up = 1;
    else if (lsb == 1)
      up = 1;
  }
  return (uint8_t)(up ? e + 1 : e);
}

static uint32_t encE5M2(float f) { return fxF32ToF8E5M2(f); }
static int64_t refE5M2(float f) { return c10E5M2(f); }
static uint32_t encE8M0(float f) { return fxF32ToF8E8M0FNU(f); }
static int64_t refE8M0(float f) { return c10E8M0(f); }
static int isNanByte(uint32_t b) { (void)b; return 0; } /* exact bits only */
/* f32 -> f64 -> f32 round trip: exact for every non-NaN float. */
static uint32_t encF64Back(float f) { return fBits(fxF64ToF32(fxF32ToF64(f))); }
static int64_t refF64Back(float f) {
  uint32_t u = fBits(f);
  return (u & 0x7FFFFFFFu) > 0x7F800000u ? (int64_t)(u | 0x400000u) : u;
}

static void testTorchCasts(void) {
  /* f64 -> f32: ties, overflow by rounding, subnormal results, NaN. */
  EXPECT(fBits(fxF64ToF32(1.0 + 0x1p-24)) == 0x3F800000u);     /* tie: even */
  EXPECT(fBits(fxF64ToF32(1.0 + 0x3p-24)) == 0x3F800002u);     /* tie: even */
  EXPECT(fBits(fxF64ToF32(1.0 + 0x1p-24 + 0x1p-50)) == 0x3F800001u);
  EXPECT(fBits(fxF64ToF32(-(1.0 + 0x1p-23))) == 0xBF800001u);  /* exact */
  EXPECT(fBits(fxF64ToF32(bitsD(0x47EFFFFFEFFFFFFFull))) == 0x7F7FFFFFu);
  EXPECT(fBits(fxF64ToF32(bitsD(0x47EFFFFFF0000000ull))) == 0x7F800000u); /* FLT_MAX|2^128 tie */
  EXPECT(fBits(fxF64ToF32(-1e300)) == 0xFF800000u);
  EXPECT(fBits(fxF64ToF32(0x1p-149)) == 0x00000001u);
  EXPECT(fBits(fxF64ToF32(0x1p-150)) == 0x00000000u);          /* tie: 0 */
  EXPECT(fBits(fxF64ToF32(0x1p-150 + 0x1p-200)) == 0x00000001u);
  EXPECT(fBits(fxF64ToF32(0x3p-150)) == 0x00000002u);          /* tie: even */
  EXPECT(fBits(fxF64ToF32(0x1p-126 - 0x1p-160)) == 0x00800000u); /* up to normal */
  EXPECT(fBits(fxF64ToF32(-0x1p-151)) == 0x80000000u);
  EXPECT(fBits(fxF64ToF32(bitsD(1))) == 0x00000000u);          /* f64 subnormal */
  EXPECT(fBits(fxF64ToF32(bitsD(0x7FF8000000000001ull))) == 0x7FC00000u);
  EXPECT(fBits(fxF64ToF32(bitsD(0x7FF0000000000001ull))) == 0x7FC00000u); /* sNaN quieted */
  EXPECT(fBits(fxF64ToF32(bitsD(0xFFF4000020000000ull))) == 0xFFE00001u);
  EXPECT(fBits(fxF64ToF32(-INFINITY)) == 0xFF800000u);
  /* f32 -> f64: exact; subnormals normalized; a signalling NaN quieted. */
  EXPECT(dBits(fxF32ToF64(bitsF(0x00000001u))) == 0x36A0000000000000ull);
  EXPECT(dBits(fxF32ToF64(bitsF(0x80400000u))) == 0xB800000000000000ull);
  EXPECT(dBits(fxF32ToF64(bitsF(0x7F800001u))) == 0x7FF8000020000000ull);
  EXPECT(dBits(fxF32ToF64(-1.5f)) == 0xBFF8000000000000ull);
  EXPECT(dBits(fxF32ToF64(INFINITY)) == 0x7FF0000000000000ull);
  /* Against the host FPU: random doubles around and beyond fp32's range
   * (both signs, every exponent from far below to far above), and every
   * float of the sweep back and forth. */
  int64_t badD = 0;
  for (int i = 0; i < 2000000; i++) {
    uint64_t u = rndU64();
    uint64_t e = 1023u - 160u + (rndU64() % 330u); /* 2^-160 .. 2^170 */
    if (i & 1) /* low bits near a rounding tie */
      u = (u & ~0x3FFFFFFFull) | (rndU64() & 1 ? 0x10000000ull : 0x0FFFFFFFull);
    u = (u & 0x800FFFFFFFFFFFFFull) | e << 52;
    double d = bitsD(u);
    float want = (float)d, got = fxF64ToF32(d);
    badD += fBits(want) != fBits(got);
  }
  for (uint32_t u = 0; u < 0x100000u; u++) { /* f32 -> f64 vs the cast */
    float f = bitsF(u << 12 | (uint32_t)(rndU64() & 0xFFF));
    badD += !isnan(f) && dBits((double)f) != dBits(fxF32ToF64(f));
  }
  int64_t badBack = sweep(encF64Back, refF64Back, isNanByte);

  /* fp8 e5m2 (c10/util/Float8_e5m2.h): RNE, Inf from 61440 up, NaN 0x7F
   * with the sign, subnormals down to 2^-16. */
  EXPECT(fxF32ToF8E5M2(1.0f) == 0x3C);
  EXPECT(fxF32ToF8E5M2(1.125f) == 0x3C);      /* tie 1 | 1.25: even */
  EXPECT(fxF32ToF8E5M2(1.375f) == 0x3E);      /* tie 1.25 | 1.5: even */
  EXPECT(fxF32ToF8E5M2(1.126f) == 0x3D);
  EXPECT(fxF32ToF8E5M2(-2.5f) == 0xC1);
  EXPECT(fxF32ToF8E5M2(57344.0f) == 0x7B);    /* the largest finite */
  EXPECT(fxF32ToF8E5M2(61439.996f) == 0x7B);
  EXPECT(fxF32ToF8E5M2(61440.0f) == 0x7C);    /* tie 57344 | 65536: Inf */
  EXPECT(fxF32ToF8E5M2(65536.0f) == 0x7C);
  EXPECT(fxF32ToF8E5M2(-1e30f) == 0xFC);      /* no saturation */
  EXPECT(fxF32ToF8E5M2(-INFINITY) == 0xFC);
  EXPECT(fxF32ToF8E5M2(NAN) == 0x7F);
  EXPECT(fxF32ToF8E5M2(-NAN) == 0xFF);
  EXPECT(fxF32ToF8E5M2(0x1p-16f) == 0x01);    /* the smallest subnormal */
  EXPECT(fxF32ToF8E5M2(0x1p-17f) == 0x00);    /* tie 0 | 2^-16: 0 */
  EXPECT(fxF32ToF8E5M2(0x1.000002p-17f) == 0x01);
  EXPECT(fxF32ToF8E5M2(0x3p-17f) == 0x02);    /* tie 1 | 2 units: 2 */
  EXPECT(fxF32ToF8E5M2(0x7p-17f) == 0x04);    /* tie 3 | 4 units: the smallest normal */
  EXPECT(fxF32ToF8E5M2(0x1p-14f) == 0x04);
  EXPECT(fxF32ToF8E5M2(0x1p-140f) == 0x00 && fxF32ToF8E5M2(-0.0f) == 0x80);
  EXPECT(fxF8E5M2ToF32(0x7B) == 57344.0f && fxF8E5M2ToF32(0x01) == 0x1p-16f);
  EXPECT(fxF8E5M2ToF32(0x7C) == INFINITY && fxF8E5M2ToF32(0xFC) == -INFINITY);
  EXPECT(fBits(fxF8E5M2ToF32(0x7D)) == 0x7FE00000u); /* quieted, as c10 */
  EXPECT(fBits(fxF8E5M2ToF32(0xFD)) == 0xFFE00000u);
  EXPECT(fBits(fxF8E5M2ToF32(0x7E)) == 0x7FC00000u && fBits(fxF8E5M2ToF32(0xFF)) == 0xFFE00000u);
  int64_t badE5Dec = 0;
  for (uint32_t b = 0; b < 256; b++) { /* the top byte of an fp16 */
    _Float16 h;
    uint16_t hb = (uint16_t)(b << 8);
    memcpy(&h, &hb, 2);
    float want = (float)h, got = fxF8E5M2ToF32((uint8_t)b);
    badE5Dec += isnan(want) ? !isnan(got) : fBits(want) != fBits(got);
    /* A decoded value encodes back to itself (NaNs to 0x7F | sign). */
    uint8_t back = fxF32ToF8E5M2(got);
    badE5Dec += isnan(want) ? back != ((b & 0x80u) | 0x7Fu) : back != b;
  }
  int64_t badE5 = sweep(encE5M2, refE5M2, isNanByte);

  /* fp8 e8m0fnu (c10/util/Float8_e8m0fnu.h and -inl.h): the exponent, sign
   * dropped, c10's rounding (the implicit bit counts as the lsb). */
  EXPECT(fxF32ToF8E8M0FNU(1.0f) == 0x7F);
  EXPECT(fxF32ToF8E8M0FNU(0.5f) == 0x7E && fxF32ToF8E8M0FNU(2.0f) == 0x80);
  EXPECT(fxF32ToF8E8M0FNU(1.25f) == 0x7F);    /* guard bit clear: down */
  EXPECT(fxF32ToF8E8M0FNU(1.5f) == 0x80);     /* guard only, lsb 1: up */
  EXPECT(fxF32ToF8E8M0FNU(1.4999999f) == 0x7F);
  EXPECT(fxF32ToF8E8M0FNU(1.75f) == 0x80);
  EXPECT(fxF32ToF8E8M0FNU(-4.0f) == 0x81);    /* the sign is dropped */
  EXPECT(fxF32ToF8E8M0FNU(0.0f) == 0x00 && fxF32ToF8E8M0FNU(-0.0f) == 0x00);
  EXPECT(fxF32ToF8E8M0FNU(0x1p127f) == 0xFE);
  EXPECT(fxF32ToF8E8M0FNU(0x1.8p127f) == 0xFF); /* rounds up into NaN */
  EXPECT(fxF32ToF8E8M0FNU(INFINITY) == 0xFF && fxF32ToF8E8M0FNU(-INFINITY) == 0xFF);
  EXPECT(fxF32ToF8E8M0FNU(NAN) == 0xFF);
  EXPECT(fxF32ToF8E8M0FNU(bitsF(0x00400000u)) == 0x00); /* 2^-127: guard only, lsb 0 */
  EXPECT(fxF32ToF8E8M0FNU(bitsF(0x00400001u)) == 0x01); /* sticky: up */
  EXPECT(fxF32ToF8E8M0FNU(bitsF(0x00600000u)) == 0x01); /* round bit: up */
  EXPECT(fxF32ToF8E8M0FNU(bitsF(0x00200000u)) == 0x00);
  EXPECT(fBits(fxF8E8M0FNUToF32(0x00)) == 0x00400000u);  /* 2^-127 */
  EXPECT(fBits(fxF8E8M0FNUToF32(0xFF)) == 0x7F800001u);  /* NaN */
  EXPECT(fxF8E8M0FNUToF32(0x7F) == 1.0f && fxF8E8M0FNUToF32(0xFE) == 0x1p127f);
  EXPECT(fxF8E8M0FNUToF32(0x01) == 0x1p-126f);
  int64_t badE8Dec = 0;
  for (uint32_t b = 1; b < 255; b++) /* every finite code encodes back */
    badE8Dec += fxF32ToF8E8M0FNU(fxF8E8M0FNUToF32((uint8_t)b)) != b;
  int64_t badE8 = sweep(encE8M0, refE8M0, isNanByte);

  /* Rounding through them (fxRoundTo) and the element load/store. */
  EXPECT(fxRoundTo(FX_DTYPE_F8E5M2, 1.126f) == 1.25f);
  EXPECT(fxRoundTo(FX_DTYPE_F8E8M0FNU, 3.0f) == 4.0f);
  EXPECT(fxRoundTo(FX_DTYPE_F64, 0.1f) == 0.1f);
  uint8_t buf[8];
  fxStoreF32(buf, FX_DTYPE_F64, 0.1f);
  EXPECT(dBits(*(double *)buf) == dBits((double)0.1f) && fxLoadF32(buf, FX_DTYPE_F64) == 0.1f);
  fxStoreF32(buf, FX_DTYPE_I16, -40000.0f); /* RNE, saturating */
  EXPECT(*(int16_t *)buf == -32768 && fxLoadF32(buf, FX_DTYPE_I16) == -32768.0f);
  fxStoreF32(buf, FX_DTYPE_I16, 2.5f);
  EXPECT(*(int16_t *)buf == 2);
  fxStoreF32(buf, FX_DTYPE_UI8, -3.0f);
  EXPECT(buf[0] == 0);
  fxStoreF32(buf, FX_DTYPE_UI8, 254.5f);
  EXPECT(buf[0] == 254 && fxLoadF32(buf, FX_DTYPE_UI8) == 254.0f);
  fxStoreF32(buf, FX_DTYPE_F8E5M2, 61440.0f);
  EXPECT(buf[0] == 0x7C);
  fxStoreF32(buf, FX_DTYPE_F8E8M0FNU, 1.5f);
  EXPECT(buf[0] == 0x80 && fxLoadF32(buf, FX_DTYPE_F8E8M0FNU) == 2.0f);
  /* The packed f4e2m1fnx2 is two values per element: no float. */
  buf[0] = 0x21;
  fxStoreF32(buf, FX_DTYPE_F4E2M1FNX2, 1.0f);
  EXPECT(buf[0] == 0x21 && isnan(fxLoadF32(buf, FX_DTYPE_F4E2M1FNX2)));
  EXPECT(fxElemSize(FX_DTYPE_F4E2M1FNX2) == 1 && fxElemSize(FX_DTYPE_F64) == 8 &&
         fxElemSize(FX_DTYPE_I16) == 2 && fxElemSize(FX_DTYPE_UI8) == 1);

  // CHECK-LABEL: torch casts
  // CHECK-NEXT: f64<->f32 0, f64 round trip 0 mismatches
  // CHECK-NEXT: e5m2 decode 0, encode vs c10 0 mismatches
  // CHECK-NEXT: e8m0fnu decode 0, encode vs c10 0 mismatches
  printf("torch casts\nf64<->f32 %lld, f64 round trip %lld mismatches\n"
         "e5m2 decode %lld, encode vs c10 %lld mismatches\n"
         "e8m0fnu decode %lld, encode vs c10 %lld mismatches\n",
         (long long)badD, (long long)badBack, (long long)badE5Dec,
         (long long)badE5, (long long)badE8Dec, (long long)badE8);
  EXPECT(badD == 0 && badBack == 0 && badE5Dec == 0 && badE5 == 0 &&
         badE8Dec == 0 && badE8 == 0);
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
  /* A NaN scale_ub, quiet or signalling, is missing (CUDA's fminf; glibc's
   * fminf returns NaN for a signalling one, and so the minimum scale). */
  /* (read through volatile: a constant NaN would be folded at compile
   * time, which ignores the signalling bit) */
  volatile uint32_t snanBits = 0xFFA03B37u, qnanBits = 0x7FC00000u;
  uint32_t sb = snanBits, qb = qnanBits;
  float snan, qnan;
  memcpy(&snan, &sb, sizeof snan);
  memcpy(&qnan, &qb, sizeof qnan);
  EXPECT(fxFp8TokenScale(896.0f, 1, snan) == 2.0f);
  EXPECT(fxFp8TokenScale(896.0f, 1, qnan) == 2.0f);
  EXPECT(fxFp8TokenScale(snan, 1, 448.0f) == 1.0f);
  EXPECT(fxFp8TokenScale(snan, 0, 0.0f) == 1.0f / (448.0f * 512.0f));
  EXPECT(fxInt8TokenScale(snan) == 0x1p-23f);

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
  testTorchCasts();
  testQuantStores();
  testLoadStore();
  testMath();
  // CHECK: convert: {{[0-9]+}} checks passed
  return fxtestFinish("convert");
}
