// RUN: fx-kernels-simd-test | FileCheck %s
// CHECK-NOT: FAILED
// CHECK: simd: {{[0-9]+}} checks passed

/* simd.c - the AVX2+F16C conversions of kernels/cpu/fx_simd.h against the
 * portable ones of kernels/common/fx_convert.h, bit for bit:
 *   - fp16 -> fp32 on all 65536 halves;
 *   - fp32 -> fp16, float(fp16(x)), fp32 -> bf16, float(bf16(x)) and the
 *     quantizing fp8 store on every 61st fp32 bit pattern (70 million,
 *     all exponents and signs, NaN payloads) plus, for every sign and
 *     exponent, the mantissas around each rounding point of the three
 *     formats (ties, one above and below; fp16 and fp8 subnormals, 65520,
 *     448, 464);
 *   - the fxNanFirst rule on NaN pairs;
 *   - where the CPU has AVX-512, the sixteen-lane conversions of
 *     fx_simd512.h (the quantizing fp8 store, float(bf16(x)) and
 *     float(fp16(x)) up to a NaN's sign and payload, which they leave
 *     open) and the arithmetic loads, on the same patterns.
 * The test includes the very headers rowops_avx2.c and rowops_avx512.c
 * are built from.  On a CPU
 * without AVX2+F16C it checks nothing and says so (the portable loops are
 * then the only ones libfxrt uses). */
#include "fxtest.h"

#include "cpu/fx_rowops.h"
#include "cpu/fx_simd.h"
#include "cpu/fx_simd512.h"

#ifdef FX_HAVE_AVX2_PATH

static int64_t gBad;

/* One mismatch report per kind (the count says the rest). */
static void report(const char *what, uint32_t in, uint32_t got, uint32_t want) {
  if (gBad++ < 8)
    printf("FAILED %s(0x%08x): vector 0x%08x, scalar 0x%08x\n", what, in, got, want);
}

/* All conversions of 8 fp32 patterns, vector vs scalar. */
static FX_AVX2 void check8(const uint32_t *u) {
  float x[8];
  memcpy(x, u, sizeof x);
  __m256 v = _mm256_loadu_ps(x);
  uint16_t h[8], b[8];
  uint32_t rh[8], rb[8], q[8];
  _mm_storeu_si128((__m128i *)h, fxV8F32ToF16(v));
  _mm_storeu_si128((__m128i *)b, fxV8F32ToBF16(v));
  _mm256_storeu_ps((float *)rh, fxV8RoundF16(v));
  _mm256_storeu_ps((float *)rb, fxV8RoundBF16(v));
  _mm256_storeu_si256((__m256i *)q, fxV8QuantFp8(v));
  uint64_t q8 = fxV8PackBytes(fxV8QuantFp8(v));
  for (int l = 0; l < 8; l++) {
    uint16_t sh = fxF32ToF16(x[l]), sb = fxF32ToBF16(x[l]);
    uint32_t srh = fxF32Bits(fxRoundTo(FX_DTYPE_F16, x[l]));
    uint32_t srb = fxF32Bits(fxRoundTo(FX_DTYPE_BF16, x[l]));
    uint8_t sq = fxQuantF8E4M3FN(x[l]);
    if (h[l] != sh) report("f32->f16", u[l], h[l], sh);
    if (b[l] != sb) report("f32->bf16", u[l], b[l], sb);
    if (rh[l] != srh) report("round f16", u[l], rh[l], srh);
    if (rb[l] != srb) report("round bf16", u[l], rb[l], srb);
    if (q[l] != sq) report("quant fp8", u[l], q[l], sq);
    if ((uint8_t)(q8 >> (8 * l)) != sq) report("pack fp8", u[l], (uint8_t)(q8 >> (8 * l)), sq);
  }
}

static int gHave512;

/* The AVX-512 conversions of 16 fp32 patterns, vector vs scalar. */
static FX_AVX512 void check16w(const uint32_t *u) {
  float x[16];
  memcpy(x, u, sizeof x);
  __m512 v = _mm512_loadu_ps(x);
  uint8_t q[16];
  uint32_t rh[16], rb[16];
  _mm_storeu_si128((__m128i *)q, fxW16QuantFp8(v));
  _mm512_storeu_ps((float *)rh, fxW16RndArithF16(v));
  _mm512_storeu_ps((float *)rb, fxW16RndArithBF16(v));
  for (int l = 0; l < 16; l++) {
    uint8_t sq = fxQuantF8E4M3FN(x[l]);
    uint32_t srh = fxF32Bits(fxRoundTo(FX_DTYPE_F16, x[l]));
    uint32_t srb = fxF32Bits(fxRoundTo(FX_DTYPE_BF16, x[l]));
    float fh;
    memcpy(&fh, &rh[l], 4);
    if (q[l] != sq) report("quant fp8 x16", u[l], q[l], sq);
    if (rb[l] != srb) report("round bf16 x16", u[l], rb[l], srb);
    if (x[l] == x[l] ? rh[l] != srh : fh == fh) /* a NaN stays some NaN */
      report("round f16 arith x16", u[l], rh[l], srh);
  }
}

/* 16 halves / bf16s widened for arithmetic: exact, NaN for NaN. */
static FX_AVX512 void checkHalves16(const uint16_t *h) {
  float f[16], g[16];
  _mm512_storeu_ps(f, fxW16LdArithF16(h));
  _mm512_storeu_ps(g, fxW16LdArithBF16(h));
  for (int l = 0; l < 16; l++) {
    float sf = fxF16ToF32(h[l]), sg = fxBF16ToF32(h[l]);
    if (sf == sf ? fxF32Bits(f[l]) != fxF32Bits(sf) : f[l] == f[l])
      report("f16->f32 arith x16", h[l], fxF32Bits(f[l]), fxF32Bits(sf));
    if (fxF32Bits(g[l]) != fxF32Bits(sg))
      report("bf16->f32 arith x16", h[l], fxF32Bits(g[l]), fxF32Bits(sg));
  }
}

static void check16(const uint32_t *u) {
  check8(u);
  check8(u + 8);
  if (gHave512)
    check16w(u);
}

static FX_AVX2 void checkHalves(void) {
  for (uint32_t base = 0; base < 65536; base += 8) {
    uint16_t h[16];
    for (int l = 0; l < 16; l++)
      h[l] = (uint16_t)(base + l);
    if (gHave512 && base % 16 == 0)
      checkHalves16(h);
    float f[8];
    _mm256_storeu_ps(f, fxV8F16ToF32(_mm_loadu_si128((const __m128i *)h)));
    __m256 bf = fxV8BF16ToF32(_mm_loadu_si128((const __m128i *)h));
    float g[8];
    _mm256_storeu_ps(g, bf);
    for (int l = 0; l < 8; l++) {
      if (fxF32Bits(f[l]) != fxF32Bits(fxF16ToF32(h[l])))
        report("f16->f32", h[l], fxF32Bits(f[l]), fxF32Bits(fxF16ToF32(h[l])));
      if (fxF32Bits(g[l]) != fxF32Bits(fxBF16ToF32(h[l])))
        report("bf16->f32", h[l], fxF32Bits(g[l]), fxF32Bits(fxBF16ToF32(h[l])));
    }
  }
}

/* Packing 32 codes at once keeps their order. */
static FX_AVX2 void checkPack32(void) {
  uint32_t c[32];
  for (int i = 0; i < 32; i++)
    c[i] = (uint32_t)(i * 7 + 3) & 0xFF;
  uint8_t out[32];
  _mm256_storeu_si256((__m256i *)out,
                      fxV32PackBytes(_mm256_loadu_si256((const __m256i *)c),
                                     _mm256_loadu_si256((const __m256i *)(c + 8)),
                                     _mm256_loadu_si256((const __m256i *)(c + 16)),
                                     _mm256_loadu_si256((const __m256i *)(c + 24))));
  for (int i = 0; i < 32; i++)
    if (out[i] != c[i])
      report("pack32", (uint32_t)i, out[i], c[i]);
}

static FX_AVX2 void checkNanFirst(void) {
  const uint32_t p[] = {0x7FC00000u, 0xFFC00000u, 0x7F800001u, 0xFFA00123u,
                        0x7FC12345u, 0x3F800000u, 0x7F800000u, 0xFF800000u};
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) {
      float a[8], b[8], r[8];
      for (int l = 0; l < 8; l++) {
        memcpy(&a[l], &p[(i + l) % 8], 4);
        memcpy(&b[l], &p[(j + 3 * l) % 8], 4);
      }
      __m256 va = _mm256_loadu_ps(a), vb = _mm256_loadu_ps(b);
      _mm256_storeu_ps(r, fxV8NanFirst(va, vb, _mm256_add_ps(va, vb)));
      for (int l = 0; l < 8; l++) {
        float want = fxNanFirst(a[l], b[l], a[l] + b[l]);
        if (fxF32Bits(r[l]) != fxF32Bits(want))
          report("nanFirst", fxF32Bits(a[l]), fxF32Bits(r[l]), fxF32Bits(want));
      }
    }
}

int main(int argc, char **argv) {
  fxtestBegin();
  /* --stride 1 walks all 2^32 patterns (about 30 s; done by hand). */
  uint64_t stride = argc > 2 && !strcmp(argv[1], "--stride") ? strtoull(argv[2], NULL, 0) : 61;
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("f16c")) {
    printf("simd: no AVX2+F16C on this CPU, nothing to compare\n");
    printf("simd: 0 checks passed\n");
    return 0;
  }
  gHave512 = fxCpuHasAvx512();
  printf("simd: AVX-512 conversions %s\n",
         gHave512 ? "checked" : "not checked (this CPU has no AVX-512)");
  checkHalves();
  checkPack32();
  checkNanFirst();
  uint32_t buf[16];
  int nb = 0;
  int64_t patterns = 0;
#define PUSH(v)                                                                \
  do {                                                                         \
    buf[nb++] = (v);                                                           \
    patterns++;                                                                \
    if (nb == 16) {                                                            \
      check16(buf);                                                            \
      nb = 0;                                                                  \
    }                                                                          \
  } while (0)
  /* A stride through all 2^32 patterns (61 is odd: every residue class of
   * the low bits, so also NaN payloads and subnormals, gets visited). */
  for (uint64_t u = 0; u < (1ull << 32); u += stride)
    PUSH((uint32_t)u);
  /* Every rounding point: for each sign and exponent, the mantissas whose
   * dropped bits sit at, just below and just above a tie of the 16-bit
   * formats (13 and 16 dropped bits) and of fp8 normals (20) and
   * subnormals (21..25), for several kept-bit patterns. */
  const uint32_t kept[] = {0x000000, 0x7FFFFF, 0x400000, 0x2AAAAA, 0x155555, 0x700000};
  for (uint32_t se = 0; se < 512; se++)
    for (int k = 0; k < 6; k++)
      for (uint32_t d = 13; d <= 25; d++) {
        if (d > 16 && d < 20)
          continue;
        uint32_t half = 1u << (d - 1), mask = (1u << d) - 1;
        uint32_t m = kept[k] & ~mask & 0x7FFFFF;
        uint32_t base = (se << 23) | m;
        PUSH(base | half);
        PUSH(base | (half - 1));
        PUSH(base | (half + 1));
        PUSH(base | mask);
        PUSH(base | (1u << d)); /* odd kept bit */
        PUSH(base | (1u << d) | half);
      }
  const float named[] = {65520.0f, 65519.996f, 65504.0f, 448.0f, 464.0f, 463.99997f,
                         0x1p-24f, 0x1.8p-25f, 0x1p-25f, 0x1p-9f, 0x1.8p-10f, 0x1p-10f,
                         0x1p-6f, 0x1.fp-7f, 0x1p-11f, 0x1p-149f};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
    PUSH(fxF32Bits(named[i]));
    PUSH(fxF32Bits(-named[i]));
  }
  while (nb)
    PUSH(0x7FC00000u);
  EXPECT(gBad == 0);
  printf("simd: %lld fp32 patterns, 65536 halves, %lld mismatches\n",
         (long long)patterns, (long long)gBad);
  return fxtestFinish("simd");
}

#else

int main(void) {
  printf("simd: not an x86 build, nothing to compare\nsimd: 0 checks passed\n");
  return 0;
}

#endif
