// RUN: env FXRT_CPU_ISA=scalar FXRT_NUM_THREADS=1 fx-kernels-fastpath-test --write %t.ref | FileCheck %s
// RUN: env FXRT_CPU_ISA=scalar FXRT_NUM_THREADS=3 FXRT_PARALLEL_MIN_BYTES=0 fx-kernels-fastpath-test --compare %t.ref | FileCheck %s
// RUN: env FXRT_CPU_ISA=avx2 FXRT_NUM_THREADS=1 fx-kernels-fastpath-test --compare %t.ref | FileCheck %s
// RUN: env FXRT_CPU_ISA=avx2 FXRT_NUM_THREADS=2 FXRT_PARALLEL_MIN_BYTES=0 fx-kernels-fastpath-test --compare %t.ref | FileCheck %s
// RUN: env -u FXRT_CPU_ISA -u FXRT_NUM_THREADS FXRT_PARALLEL_MIN_BYTES=1000000 fx-kernels-fastpath-test --compare %t.ref | FileCheck %s
// RUN: env -u FXRT_CPU_ISA -u FXRT_NUM_THREADS -u FXRT_PARALLEL_MIN_BYTES fx-kernels-fastpath-test --compare %t.ref | FileCheck %s
// An unknown FXRT_CPU_ISA is named, and the best loops run instead.
// RUN: env FXRT_CPU_ISA=avx3 FXRT_NUM_THREADS=1 fx-kernels-fastpath-test --compare %t.ref 2>&1 | FileCheck %s --check-prefixes=UNKNOWN,CHECK
// UNKNOWN: fxrt: FXRT_CPU_ISA: unknown value 'avx3' (scalar, avx2, avx512, auto)
// CHECK-NOT: FAILED
// CHECK: fastpath: {{[0-9]+}} cases, {{[0-9]+}} bytes, all identical

/* fastpath.c - the optimized CPU paths give the same bytes as the portable
 * one-thread path (docs/runtime.md, "CPU dispatch and threads").
 *
 * Every kernel with a fast path runs on f32/f16/bf16 inputs of many shapes
 * (H < 16, H not a multiple of 16 or 8, one row, rank 3, enough rows for
 * the threads to start), with random values and rows full of special bit
 * patterns (NaN with payloads and signs, signalling NaN, ±Inf, ±0,
 * subnormals, fp16 overflow, fp8 ties), in three layouts: dense (the fused
 * dense loops), padded rows, and an inner stride of 2 (the strided path).
 *
 * FXRT_PARALLEL_MIN_BYTES=0 makes every case with more than one row split
 * over the threads (unevenly with 3); 1000000 splits only the last three
 * shapes, as the default 4 MiB would split only bigger tensors.
 *
 * Within one process the three layouts must give the same bytes.  Across
 * processes: `--write FILE` (run with FXRT_CPU_ISA=scalar
 * FXRT_NUM_THREADS=1) stores every output; `--compare FILE` (any other
 * FXRT_CPU_ISA / FXRT_NUM_THREADS) must reproduce them byte for byte. */
#include "fxtest.h"

/*===-- Tensors in three layouts -------------------------------------------===*/

typedef struct Buf {
  FxTensor t;
  char *mem;
  size_t bytes;
} Buf;

/* `layout` 0 dense, 1 rows padded by 5 elements, 2 inner stride 2 and
 * rows padded by 3; the storage starts at element 1 (unaligned rows). */
static Buf bufMake(int32_t dt, int rank, const int64_t *sizes, int layout) {
  Buf b;
  memset(&b, 0, sizeof b);
  b.t.dtype = dt;
  b.t.rank = rank;
  int64_t inner = layout == 2 ? 2 : 1, n = 1;
  int64_t stride = inner;
  for (int d = rank - 1; d >= 0; d--) {
    b.t.sizes[d] = sizes[d];
    b.t.strides[d] = stride;
    int64_t span = stride * sizes[d];
    if (d == rank - 1 && layout)
      span += layout == 1 ? 5 : 3;
    stride = span;
    n *= sizes[d];
  }
  int es = refSize(dt);
  b.bytes = (size_t)((stride + 2) * es);
  b.mem = (char *)malloc(b.bytes);
  memset(b.mem, 0xA5, b.bytes);
  b.t.data = b.mem + es;
  (void)n;
  return b;
}

static int64_t bufNumel(const Buf *b) {
  int64_t n = 1;
  for (int d = 0; d < b->t.rank; d++)
    n *= b->t.sizes[d];
  return n;
}

static char *bufPtr(const Buf *b, int64_t flat) {
  int64_t off = 0;
  for (int d = b->t.rank - 1; d >= 0; d--) {
    off += flat % b->t.sizes[d] * b->t.strides[d];
    flat /= b->t.sizes[d];
  }
  return (char *)b->t.data + off * refSize(b->t.dtype);
}

/* Logical (row-major, dense) bytes <-> the layout. */
static void bufScatter(Buf *b, const char *src) {
  int es = refSize(b->t.dtype);
  for (int64_t i = 0; i < bufNumel(b); i++)
    memcpy(bufPtr(b, i), src + i * es, (size_t)es);
}

/* Appends the tensor's logical bytes to `out` (grown as needed). */
typedef struct Bytes {
  char *p;
  size_t n, cap;
} Bytes;

static void bytesPut(Bytes *o, const void *src, size_t n) {
  if (o->n + n > o->cap) {
    o->cap = (o->n + n) * 2;
    o->p = (char *)realloc(o->p, o->cap);
  }
  memcpy(o->p + o->n, src, n);
  o->n += n;
}

static void bufGather(const Buf *b, Bytes *o) {
  int es = refSize(b->t.dtype);
  for (int64_t i = 0; i < bufNumel(b); i++)
    bytesPut(o, bufPtr(b, i), (size_t)es);
}

/*===-- Inputs -------------------------------------------------------------===*/

/* Bit patterns worth seeing in every dtype. */
static const uint32_t kSpecF32[] = {
    0x7FC00000u, 0xFFC00000u, 0x7F800001u /* sNaN */, 0xFFA00123u,
    0x7FC12345u, 0x7F800000u, 0xFF800000u, 0x00000000u, 0x80000000u,
    0x00000001u, 0x807FFFFFu, 0x7F7FFFFFu, 0x477FF000u /* 65520 */,
    0x477FEFFFu, 0x43E00000u /* 448 */, 0x43E80000u /* 464 */, 0x3A800000u,
    0x3B000000u /* 2^-9 */, 0x3A000000u, 0x33800000u /* 2^-24 */, 0x38800000u};
static const uint16_t kSpecF16[] = {
    0x7E00, 0xFE00, 0x7C01 /* sNaN */, 0xFC7F, 0x7D55, 0x7C00, 0xFC00, 0x0000,
    0x8000, 0x0001, 0x83FF, 0x0400, 0x7BFF, 0xFBFF, 0x5F00 /* 448 */, 0x1800};
static const uint16_t kSpecBF16[] = {
    0x7FC0, 0xFFC0, 0x7F81 /* sNaN */, 0xFFA5, 0x7F80, 0xFF80, 0x0000, 0x8000,
    0x0001, 0x807F, 0x7F7F, 0xFF7F, 0x43E0 /* 448 */, 0x43E8, 0x3B00};

/* FXTEST_OLD_COMPAT=1 (set by hand, not by lit) leaves out the two input
 * kinds on which the kernels before the fast paths (kernels/ of 91d5217) gave
 * other bytes, to compare with a build of them: signalling NaNs (glibc's
 * fmaxf turned one into a quiet NaN and lost the running max of the dynamic
 * scales) and rows where two NaNs meet in one operation (which NaN won was
 * up to the compiler's operand order; now fxNanFirst in fx_rowops.h).  In
 * that mode a NaN may appear once per row, in `input` only, and the residual
 * holds no special values at all. */
static int gOldCompat;
static int gRowHasNan, gNoNan;

static int isNanBits(int32_t dt, const char *p) {
  if (dt == FX_DTYPE_F32) {
    uint32_t u;
    memcpy(&u, p, 4);
    return (u & 0x7FFFFFFFu) > 0x7F800000u;
  }
  uint16_t h;
  memcpy(&h, p, 2);
  return dt == FX_DTYPE_F16 ? (h & 0x7FFF) > 0x7C00 : (h & 0x7FFF) > 0x7F80;
}

/* A value of `dt` as raw bytes: mostly N(0, sd), and in `special` rows one
 * element in three a special pattern or random bits. */
static void genElemRaw(int32_t dt, char *p, double sd, int special);
static void genElem(int32_t dt, char *p, double sd, int special) {
  genElemRaw(dt, p, sd, special);
  if (gOldCompat && isNanBits(dt, p)) {
    if (gNoNan || gRowHasNan) {
      refEncode(p, dt, INFINITY);
    } else { /* one quiet NaN, keeping its sign and payload */
      if (dt == FX_DTYPE_F32) {
        uint32_t u;
        memcpy(&u, p, 4);
        u |= 0x00400000u;
        memcpy(p, &u, 4);
      } else {
        uint16_t h;
        memcpy(&h, p, 2);
        h |= dt == FX_DTYPE_F16 ? 0x0200 : 0x0040;
        memcpy(p, &h, 2);
      }
      gRowHasNan = 1;
    }
  }
}

static void genElemRaw(int32_t dt, char *p, double sd, int special) {
  uint64_t r = rndU64();
  if (special && r % 3 == 0) {
    r >>= 8;
    if (dt == FX_DTYPE_F32) {
      uint32_t v = r & 1 ? kSpecF32[(r >> 1) % (sizeof kSpecF32 / 4)]
                         : (uint32_t)(r >> 16);
      memcpy(p, &v, 4);
    } else {
      const uint16_t *t = dt == FX_DTYPE_F16 ? kSpecF16 : kSpecBF16;
      size_t nt = dt == FX_DTYPE_F16 ? sizeof kSpecF16 / 2 : sizeof kSpecBF16 / 2;
      uint16_t v = r & 1 ? t[(r >> 1) % nt] : (uint16_t)(r >> 16);
      memcpy(p, &v, 2);
    }
    return;
  }
  refEncode(p, dt, refRound(rndNormal(0.0, sd), dt));
}

/* `rows` x `h` logical values; row kinds cycle: plain (scale varies from
 * 1e-3 to 1e4, so f16 overflows and fp8 saturates), all zero, special. */
static char *genRows(int32_t dt, int64_t rows, int64_t h, int allowSpecial) {
  int es = refSize(dt);
  char *m = (char *)malloc((size_t)(rows * h * es) + 1);
  for (int64_t r = 0; r < rows; r++) {
    int kind = (int)(r % 7);
    gRowHasNan = 0;
    double sd = pow(10.0, (double)(r % 8) - 3.0);
    for (int64_t j = 0; j < h; j++) {
      char *p = m + (r * h + j) * es;
      if (kind == 3 && allowSpecial)
        memset(p, 0, (size_t)es);
      else
        genElem(dt, p, sd, allowSpecial && (kind == 5 || kind == 6));
    }
  }
  return m;
}

/*===-- Cases --------------------------------------------------------------===*/

enum Kernel {
  kRmsNorm, kRmsNormNoWeight, kFusedAdd, kRmsNormFp8, kFusedAddFp8,
  kDynNormFp8, kDynNormFp8Res, kDynNormI8Res, kSilu, kSiluQuant,
  kStaticQuant, kDynQuant, kTokenQuant, kTokenQuantUb, kNumKernels
};

static const char *kKernelNames[] = {
    "rms_norm", "rms_norm(no weight)", "fused_add_rms_norm",
    "rms_norm_static_fp8_quant", "fused_add_rms_norm_static_fp8_quant",
    "rms_norm_dynamic_per_token_quant(fp8)",
    "rms_norm_dynamic_per_token_quant(fp8, residual, ub)",
    "rms_norm_dynamic_per_token_quant(int8, residual)", "silu_and_mul",
    "silu_and_mul_quant", "static_scaled_fp8_quant",
    "dynamic_scaled_fp8_quant", "dynamic_per_token_scaled_fp8_quant",
    "dynamic_per_token_scaled_fp8_quant(ub)"};

typedef struct Shape {
  int rank;
  int64_t sizes[3];
} Shape;

/* H < 16, odd H, H % 16 != 0, one row, rank 3, and (the last three) 0.2 to
 * 2.5 MB of traffic. */
static const Shape kShapes[] = {
    {2, {1, 1}},   {2, {3, 7}},    {2, {2, 16}},       {2, {5, 17}},
    {2, {4, 33}},  {2, {9, 100}},  {2, {1, 4099}},     {2, {300, 515}},
    {2, {2100, 40}}, {3, {3, 250, 130}},
};

/* Runs kernel `k` on `dt` data of `shape` in `layout`; appends every
 * written tensor's logical bytes to `out`.  The inputs depend only on the
 * case, not on the layout. */
static void runCase(int k, int32_t dt, const Shape *shape, int layout,
                    uint64_t seed, Bytes *out) {
  gRng = seed;
  int rank = shape->rank;
  int64_t sizes[3], insz[3], rows = 1;
  memcpy(sizes, shape->sizes, sizeof sizes);
  memcpy(insz, sizes, sizeof insz);
  for (int d = 0; d < rank - 1; d++)
    rows *= sizes[d];
  int64_t h = sizes[rank - 1];
  int silu = k == kSilu || k == kSiluQuant;
  if (silu)
    insz[rank - 1] = 2 * h;
  int64_t hin = insz[rank - 1];
  int special = 1;
  char *xin = genRows(dt, rows, hin, special);
  gNoNan = 1; /* old-compat: residual and weight hold no NaN (nor Inf, */
  char *rin = genRows(dt, rows, h, !gOldCompat); /* as inf - inf makes one) */
  /* Weight ~ N(1, 0.1), with specials only in its own cases (it touches
   * every row). */
  char *win = (char *)malloc((size_t)(h * refSize(dt)));
  for (int64_t j = 0; j < h; j++)
    refEncode(win + j * refSize(dt), dt, refRound(rndNormal(1.0, 0.1), dt));
  if (seed % 5 == 0 && h > 3) {
    genElem(dt, win + 1 * refSize(dt), 1.0, 1);
    refEncode(win + 2 * refSize(dt), dt, 0.0);
  }
  gNoNan = 0;
  float scaleV = seed % 7 == 0   ? 0.0f /* 1/0 = inf */
                 : seed % 3 == 0 ? -0.37f
                 : seed % 3 == 1 ? 0.05f
                                 : 3.0f;
  float ubV = 2.5f;
  int32_t qdt = k == kDynNormI8Res ? FX_DTYPE_I8
                : (k == kRmsNorm || k == kRmsNormNoWeight || k == kFusedAdd ||
                   k == kSilu)
                    ? dt
                    : FX_DTYPE_F8E4M3FN;

  Buf x = bufMake(dt, rank, insz, layout), res = bufMake(dt, rank, sizes, layout);
  Buf q = bufMake(qdt, rank, sizes, layout);
  int64_t one = 1;
  Buf w = bufMake(dt, 1, &h, 0), sc = bufMake(FX_DTYPE_F32, 1, &rows, 0);
  Buf s1 = bufMake(FX_DTYPE_F32, 1, &one, 0), ub = bufMake(FX_DTYPE_F32, 1, &one, 0);
  bufScatter(&x, xin);
  bufScatter(&res, rin);
  memcpy(w.t.data, win, (size_t)(h * refSize(dt)));
  memcpy(s1.t.data, &scaleV, 4);
  memcpy(ub.t.data, &ubV, 4);
  double eps = 1e-6;
  switch (k) {
  case kRmsNorm: fxrt__C__rms_norm(&q.t, &x.t, &w.t, eps); break;
  case kRmsNormNoWeight: fxrt__C__rms_norm(&q.t, &x.t, NULL, eps); break;
  case kFusedAdd: fxrt__C__fused_add_rms_norm(&x.t, &res.t, &w.t, eps); break;
  case kRmsNormFp8: fxrt__C__rms_norm_static_fp8_quant(&q.t, &x.t, &w.t, &s1.t, eps); break;
  case kFusedAddFp8:
    fxrt__C__fused_add_rms_norm_static_fp8_quant(&q.t, &x.t, &res.t, &w.t, &s1.t, eps);
    break;
  case kDynNormFp8:
    fxrt__C__rms_norm_dynamic_per_token_quant(&q.t, &x.t, &w.t, &sc.t, eps, NULL, NULL);
    break;
  case kDynNormFp8Res:
    fxrt__C__rms_norm_dynamic_per_token_quant(&q.t, &x.t, &w.t, &sc.t, eps, &ub.t, &res.t);
    break;
  case kDynNormI8Res:
    fxrt__C__rms_norm_dynamic_per_token_quant(&q.t, &x.t, &w.t, &sc.t, eps, NULL, &res.t);
    break;
  case kSilu: fxrt__C__silu_and_mul(&q.t, &x.t); break;
  case kSiluQuant: fxrt__C__silu_and_mul_quant(&q.t, &x.t, &s1.t); break;
  case kStaticQuant: fxrt__C__static_scaled_fp8_quant(&q.t, &x.t, &s1.t); break;
  case kDynQuant: fxrt__C__dynamic_scaled_fp8_quant(&q.t, &x.t, &s1.t); break;
  case kTokenQuant:
    fxrt__C__dynamic_per_token_scaled_fp8_quant(&q.t, &x.t, &sc.t, NULL);
    break;
  case kTokenQuantUb:
    fxrt__C__dynamic_per_token_scaled_fp8_quant(&q.t, &x.t, &sc.t, &ub.t);
    break;
  }
  /* Everything a kernel may write: result, input (fused_add), residual,
   * scales. */
  if (k != kFusedAdd)
    bufGather(&q, out);
  bufGather(&x, out);
  bufGather(&res, out);
  bufGather(&sc, out);
  bufGather(&s1, out);
  Buf *all[] = {&x, &res, &q, &w, &sc, &s1, &ub};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    free(all[i]->mem);
  free(xin);
  free(rin);
  free(win);
}

int main(int argc, char **argv) {
  fxtestBegin();
  if (argc != 3 || (strcmp(argv[1], "--write") && strcmp(argv[1], "--compare"))) {
    fprintf(stderr, "usage: %s --write|--compare FILE\n", argv[0]);
    return 2;
  }
  int writing = strcmp(argv[1], "--write") == 0;
  gOldCompat = getenv("FXTEST_OLD_COMPAT") && atoi(getenv("FXTEST_OLD_COMPAT"));
  FILE *f = fopen(argv[2], writing ? "wb" : "rb");
  if (!f) {
    perror(argv[2]);
    return 2;
  }
  const int32_t dts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
  int64_t cases = 0, total = 0;
  for (int k = 0; k < kNumKernels; k++)
    for (int di = 0; di < 3; di++)
      for (size_t si = 0; si < sizeof kShapes / sizeof kShapes[0]; si++) {
        const Shape *sh = &kShapes[si];
        uint64_t seed = 1000003u * (uint64_t)(k * 97 + di * 13) + si;
        Bytes lay[3];
        memset(lay, 0, sizeof lay);
        for (int l = 0; l < 3; l++)
          runCase(k, dts[di], sh, l, seed, &lay[l]);
        char label[160];
        snprintf(label, sizeof label, "%s %s [%lld x .. x %lld]", kKernelNames[k],
                 dtName(dts[di]), (long long)sh->sizes[0],
                 (long long)sh->sizes[sh->rank - 1]);
        /* The strided layouts give the dense layout's bytes. */
        for (int l = 1; l < 3; l++)
          if (lay[l].n != lay[0].n || memcmp(lay[l].p, lay[0].p, lay[0].n)) {
            printf("FAILED %s: layout %d differs from dense\n", label, l);
            gFailed++;
          }
        uint64_t n = lay[0].n;
        if (writing) {
          fwrite(&n, sizeof n, 1, f);
          fwrite(lay[0].p, 1, n, f);
        } else {
          uint64_t rn = 0;
          char *ref = (char *)malloc(n ? n : 1);
          if (fread(&rn, sizeof rn, 1, f) != 1 || rn != n ||
              fread(ref, 1, n, f) != n) {
            printf("FAILED %s: reference file out of step\n", label);
            return 1;
          }
          for (uint64_t b = 0; b < n; b++)
            if (ref[b] != lay[0].p[b]) {
              printf("FAILED %s: byte %llu is 0x%02x, reference 0x%02x\n", label,
                     (unsigned long long)b, (unsigned char)lay[0].p[b],
                     (unsigned char)ref[b]);
              gFailed++;
              break;
            }
          free(ref);
        }
        cases++;
        total += (int64_t)n;
        for (int l = 0; l < 3; l++)
          free(lay[l].p);
      }
  fclose(f);
  if (gFailed) {
    printf("fastpath: %d of %lld cases differ\n", gFailed, (long long)cases);
    return 1;
  }
  printf("fastpath: %lld cases, %lld bytes, all identical\n", (long long)cases,
         (long long)total);
  return 0;
}
