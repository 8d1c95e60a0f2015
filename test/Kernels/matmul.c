// RUN: fx-kernels-matmul-test 2>&1 | FileCheck %s

/* matmul.c - the matrix products (kernels/cpu/matmul.c over gemm.c, i.e.
 * OpenBLAS's cblas_sgemm): mm, bmm, addmm, _scaled_mm.
 *
 * Against a double-precision reference written here (the exact products
 * summed in double), with the fp32-accumulation bound
 *   |got - ref| <= ulp_T(ref) + 2 (K + 3) 2^-24 mag,
 * mag = sum_k |a_k b_k| scaled as the op scales it (alpha, the scales) plus
 * |beta self|: any summation order of K fp32 products, then one rounding
 * to the out dtype T.  On positive data (no cancellation) 16-bit outputs
 * must be within 1 ulp of the correctly rounded result.
 * Layouts of every operand: dense rows, padded rows at an offset (lda >
 * K), column-major (a t() view: CblasTrans), and an inner stride of 2
 * (packed to a panel); outputs in each of them too (the fp32 scratch
 * path).  f32/f16/bf16, fp8 for _scaled_mm; sizes 1, 7, 33, 129 in every
 * combination; empty M, N, K and batches; products large enough to be
 * split into blocks.  Then determinism: one shape gives the same bits in
 * every layout, the same values in f16 or f32 give the same f32 bits, and
 * each batch of bmm gives mm's bits.  Inputs are never written, and out
 * only at its elements. */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS */
#include "fxtest.h"

#include <sys/mman.h>
#include <unistd.h>

enum { OP_MM, OP_BMM, OP_ADDMM, OP_SCALED };
static const char *const kOps[] = {"mm", "bmm", "addmm", "_scaled_mm"};
typedef enum { L_ROW, L_PAD, L_COL, L_STEP2, L_COUNT } Layout;
static const char *const kLayouts[] = {"row", "pad", "col", "step2"};
/* addmm's self: 0-d, [N], [1, N], [M, 1], [M, N] (padded rows). */
typedef enum { S_SCALAR, S_ROW, S_1N, S_COL, S_FULL } SelfKind;

typedef struct Spec {
  int op;
  int32_t dt, odt;
  int64_t batch, m, k, n; /* batch: bmm only */
  Layout la, lb, lo;
  SelfKind self;
  double alpha, beta;
  int selfNan;                        /* addmm: self all NaN (beta 0) */
  int32_t values;                     /* values rounded to this dtype first */
  int rowScales, bias, scaleResult;   /* _scaled_mm */
  int positive, records;
} Spec;

typedef struct Stats {
  int runs;
  double worst;   /* max |got - ref| / bound */
  int64_t maxUlp; /* over positive 16-bit runs */
} Stats;

/* Spacing of dt at v. */
static double ulpOf(double v, int32_t dt) {
  int prec, emin;
  double maxv;
  refFormat(dt, &prec, &emin, &maxv);
  int e;
  frexp(v, &e);
  return ldexp(1.0, (e - 1 < emin ? emin : e - 1) - (prec - 1));
}

/* A [batch,] rows x cols matrix in layout `l`, in its own storage (2-D
 * for batch -1). */
static TT matrix(int32_t dt, int64_t batch, int64_t rows, int64_t cols,
                 Layout l) {
  int64_t s0 = cols, s1 = 1, off = 0;
  if (l == L_PAD)
    s0 = cols + 3, off = 1;
  else if (l == L_COL)
    s0 = 1, s1 = rows;
  else if (l == L_STEP2)
    s0 = 2 * cols + 1, s1 = 2, off = 2;
  int64_t span = rows && cols ? (rows - 1) * s0 + (cols - 1) * s1 + 1 : 0;
  int64_t sz[3] = {batch, rows, cols}, st[3] = {span + 5, s0, s1};
  return batch >= 0 ? ttMake(dt, 3, sz, st, off)
                    : ttMake(dt, 2, sz + 1, st + 1, off);
}

/* Uniform values in [lo, 1) * scale, rounded to `values` (then to t's
 * dtype), so that tensors of two dtypes can hold the same values. */
static void fill(TT *t, double lo, double scale, int32_t values) {
  for (int64_t i = 0; i < ttNumel(t); i++)
    ttSet(t, i, refRound(rndUniform(lo, 1.0) * scale, values));
}

/* Runs one product, checks it, and adds to `st`; copies out's elements
 * (row-major, out's dtype) to `got` when given. */
static void runSpec(Spec s, Stats *st, char *got) {
  int64_t b = s.op == OP_BMM ? s.batch : -1, nb = b >= 0 ? b : 1;
  int64_t m = s.m, k = s.k, n = s.n;
  int fp8 = s.dt == FX_DTYPE_F8E4M3FN;
  TT A = matrix(s.dt, b, m, k, s.la), B = matrix(s.dt, b, k, n, s.lb);
  TT O = matrix(s.odt, b, m, n, s.lo);
  double lo = s.positive ? 0.1 : -1.0;
  fill(&A, lo, fp8 ? 8.0 : 1.0, s.values);
  fill(&B, lo, fp8 ? 8.0 : 1.0, s.values);
  int64_t one = 1, col[2] = {m, 1}, row1[2] = {1, n};
  TT S = s.self == S_SCALAR ? ttContig(s.dt, 0, &one)
         : s.self == S_ROW  ? ttContig(s.dt, 1, &n)
         : s.self == S_1N   ? ttContig(s.dt, 2, row1)
         : s.self == S_COL  ? ttContig(s.dt, 2, col)
                            : matrix(s.dt, -1, m, n, L_PAD);
  fill(&S, lo, 1.0, s.values);
  if (s.selfNan)
    for (int64_t i = 0; i < ttNumel(&S); i++)
      ttSet(&S, i, NAN);
  TT sa = s.rowScales ? ttContig(FX_DTYPE_F32, 2, col) : ttContig(FX_DTYPE_F32, 0, &one);
  TT sb = s.rowScales ? ttContig(FX_DTYPE_F32, 2, row1) : ttContig(FX_DTYPE_F32, 1, &one);
  TT bias = ttContig(FX_DTYPE_BF16, 1, &n), sr = ttContig(FX_DTYPE_F32, 1, &one);
  fill(&sa, 0.01, 0.1, FX_DTYPE_F32);
  fill(&sb, 0.01, 0.1, FX_DTYPE_F32);
  ttFillNormal(&bias, 0.0, 1.0);
  ttSet(&sr, 0, 4.0);
  char *asnap = ttSnapshot(&A), *bsnap = ttSnapshot(&B), *osnap = ttSnapshot(&O);
  if (s.records) {
    int64_t r[8][10];
    FxMemRefI64 ro = ttRecord(&O, r[0]), ra = ttRecord(&A, r[1]), rb = ttRecord(&B, r[2]);
    FxMemRefI64 rs = ttRecord(&S, r[3]), rsa = ttRecord(&sa, r[4]), rsb = ttRecord(&sb, r[5]);
    FxMemRefI64 rbias = s.bias ? ttRecord(&bias, r[6]) : absentRecord(r[6]);
    FxMemRefI64 rsr = s.scaleResult ? ttRecord(&sr, r[7]) : absentRecord(r[7]);
    if (s.op == OP_MM)
      _mlir_ciface_fxrt_aten__mm(&ro, &ra, &rb);
    else if (s.op == OP_BMM)
      _mlir_ciface_fxrt_aten__bmm(&ro, &ra, &rb);
    else if (s.op == OP_ADDMM)
      _mlir_ciface_fxrt_aten__addmm(&ro, &rs, &ra, &rb, s.beta, s.alpha);
    else
      _mlir_ciface_fxrt_aten___scaled_mm(&ro, &ra, &rb, &rsa, &rsb, &rbias, &rsr, 1);
  } else if (s.op == OP_MM) {
    fxrt_aten__mm(&O.t, &A.t, &B.t);
  } else if (s.op == OP_BMM) {
    fxrt_aten__bmm(&O.t, &A.t, &B.t);
  } else if (s.op == OP_ADDMM) {
    fxrt_aten__addmm(&O.t, &S.t, &A.t, &B.t, s.beta, s.alpha);
  } else {
    fxrt_aten___scaled_mm(&O.t, &A.t, &B.t, &sa.t, &sb.t, s.bias ? &bias.t : NULL,
                          s.scaleResult ? &sr.t : NULL, 0);
  }
  EXPECT(fxrt_get_error() == NULL);
  double worst = 0.0;
  int64_t maxUlp = 0, es = refSize(s.odt);
  for (int64_t bt = 0; bt < nb; bt++)
    for (int64_t i = 0; i < m; i++)
      for (int64_t j = 0; j < n; j++) {
        double acc = 0.0, mag = 0.0;
        for (int64_t p = 0; p < k; p++) {
          double x = ttGet(&A, (bt * m + i) * k + p) * ttGet(&B, (bt * k + p) * n + j);
          acc += x;
          mag += fabs(x);
        }
        if (s.op == OP_ADDMM) {
          int64_t at = s.self == S_SCALAR ? 0
                       : s.self == S_ROW || s.self == S_1N ? j
                       : s.self == S_COL ? i : i * n + j;
          double self = s.beta == 0.0 ? 0.0 : s.beta * ttGet(&S, at);
          acc = s.alpha * acc + self;
          mag = fabs(s.alpha) * mag + fabs(self);
        } else if (s.op == OP_SCALED) {
          double scale = ttGet(&sa, s.rowScales ? i : 0) * ttGet(&sb, s.rowScales ? j : 0);
          double rs = s.scaleResult && s.odt == FX_DTYPE_F8E4M3FN ? 4.0 : 1.0;
          acc = (acc * scale + (s.bias ? ttGet(&bias, j) : 0.0)) * rs;
          mag *= scale * rs;
        }
        int64_t flat = (bt * m + i) * n + j;
        double ref = refRound(acc, s.odt);
        const char *g = ttPtr(&O, flat);
        double bound = ulpOf(ref, s.odt) + 2.0 * (double)(k + 3) * 0x1p-24 * mag;
        double err = fabs(refDecode(g, s.odt) - ref) / bound;
        worst = err > worst || err != err ? (err != err ? INFINITY : err) : worst;
        int64_t d = ulpDist(g, ref, s.odt);
        maxUlp = d > maxUlp ? d : maxUlp;
        if (got)
          memcpy(got + flat * es, g, (size_t)es);
      }
  EXPECT(worst <= 1.0);
  if (s.positive && s.odt != FX_DTYPE_F32)
    EXPECT(maxUlp <= 1);
  EXPECT(ttUnchanged(&A, asnap) && ttUnchanged(&B, bsnap));
  EXPECT(ttOnlyElementsChanged(&O, osnap));
  st->runs++;
  st->worst = worst > st->worst ? worst : st->worst;
  if (s.positive && s.odt != FX_DTYPE_F32 && maxUlp > st->maxUlp)
    st->maxUlp = maxUlp;
  free(asnap);
  free(bsnap);
  free(osnap);
  TT *all[] = {&A, &B, &O, &S, &sa, &sb, &bias, &sr};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

/* Runs one spec and prints it with its result. */
static void run1(const char *label, Spec s) {
  Stats st = {0};
  runSpec(s, &st, NULL);
  printf("%s: %s %s->%s [%lld] %lldx%lldx%lld a=%s b=%s out=%s: err/bound=%.2f "
         "max_ulp=%lld\n",
         label, kOps[s.op], dtName(s.dt), dtName(s.odt), (long long)s.batch,
         (long long)s.m, (long long)s.k, (long long)s.n, kLayouts[s.la],
         kLayouts[s.lb], kLayouts[s.lo], st.worst, (long long)st.maxUlp);
}

static const int32_t kDts[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};

/* Sizes 1, 7, 33, 129 for M, K and N in all combinations, each dtype,
 * mixed-sign and positive data, layouts rotating with the shape. */
static void testShapes(void) {
  // CHECK-LABEL: ## shapes
  printf("## shapes\n");
  static const int64_t sizes[] = {1, 7, 33, 129};
  for (int d = 0; d < 3; d++) {
    Stats st = {0};
    for (int c = 0; c < 64; c++)
      for (int pos = 0; pos < 2; pos++) {
        Spec s = {.op = OP_MM, .dt = kDts[d], .odt = kDts[d],
                  .m = sizes[c & 3], .k = sizes[c >> 2 & 3], .n = sizes[c >> 4],
                  .la = (Layout)(c % L_COUNT), .lb = (Layout)(c / 4 % L_COUNT),
                  .lo = (Layout)(c / 16 % L_COUNT), .positive = pos};
        runSpec(s, &st, NULL);
      }
    printf("mm %s: %d products of sizes 1/7/33/129: err/bound=%.2f, positive "
           "max_ulp=%lld\n",
           dtName(kDts[d]), st.runs, st.worst, (long long)st.maxUlp);
  }
  // CHECK: mm f32: 128 products of sizes 1/7/33/129: err/bound=0.{{[0-9]+}}
  // CHECK: mm f16: 128 products of sizes 1/7/33/129: err/bound={{0|1}}.{{[0-9]+}}, positive max_ulp={{[01]}}
  // CHECK: mm bf16: 128 products of sizes 1/7/33/129: err/bound={{0|1}}.{{[0-9]+}}, positive max_ulp={{[01]}}
  /* 16-bit inputs to an f32 result and back: one rounding, any mix. */
  Spec w = {.op = OP_MM, .dt = FX_DTYPE_BF16, .odt = FX_DTYPE_F32, .m = 33, .k = 129,
            .n = 7, .la = L_COL, .lb = L_STEP2, .lo = L_PAD};
  run1("widened", w);
  w.dt = FX_DTYPE_F16, w.odt = FX_DTYPE_BF16, w.positive = 1;
  run1("widened", w);
  // CHECK: widened: mm f16->bf16 [0] 33x129x7 a=col b=step2 out=pad: err/bound={{.*}} max_ulp={{[01]}}
}

/* Products split into several blocks of the BLAS calls (16 Mi floats per
 * panel): columns of b (K N > 2^22), rows of a (M K > 2^22), and the fp32
 * block of out (M N > 2^22 with K = 1). */
static void testBlocks(void) {
  // CHECK-LABEL: ## blocks
  printf("## blocks\n");
  Spec s = {.op = OP_MM, .dt = FX_DTYPE_BF16, .odt = FX_DTYPE_BF16, .m = 3,
            .k = 4096, .n = 1100, .lb = L_COL, .positive = 1};
  run1("N blocks", s);
  s.m = 1100, s.n = 3, s.la = L_STEP2, s.lb = L_ROW, s.dt = s.odt = FX_DTYPE_F32;
  run1("M blocks", s);
  s.m = 2100, s.k = 1, s.n = 2100, s.la = L_ROW, s.dt = s.odt = FX_DTYPE_F16;
  run1("out blocks", s);
  // CHECK: N blocks: mm bf16->bf16 [0] 3x4096x1100 a=row b=col out=row: err/bound={{.*}} max_ulp={{[01]}}
  // CHECK: M blocks: mm f32->f32 [0] 1100x4096x3 a=step2 b=row out=row: err/bound=0.
  // CHECK: out blocks: mm f16->f16 [0] 2100x1x2100 a=row b=row out=row: err/bound={{.*}} max_ulp={{[01]}}
}

/* Empty products: nothing to write (M or N 0), or an empty sum (K 0: mm
 * gives 0, addmm beta*self, _scaled_mm the bias). */
static void testEmpty(void) {
  // CHECK-LABEL: ## empty
  printf("## empty\n");
  Spec s = {.op = OP_MM, .dt = FX_DTYPE_F16, .odt = FX_DTYPE_F16, .m = 0, .k = 8, .n = 4};
  run1("no rows", s);
  s.m = 4, s.n = 0;
  run1("no columns", s);
  s.n = 4, s.k = 0;
  run1("K = 0", s);
  s.op = OP_ADDMM, s.self = S_ROW, s.alpha = 2.0, s.beta = 0.5;
  run1("K = 0", s);
  s.op = OP_BMM, s.batch = 0, s.k = 5;
  run1("no batches", s);
  Spec q = {.op = OP_SCALED, .dt = FX_DTYPE_F8E4M3FN, .odt = FX_DTYPE_BF16,
            .m = 3, .k = 0, .n = 5, .bias = 1};
  run1("K = 0", q);
  /* With no row there is nothing to write, so mat2 must not be read at all
   * (it used to be widened whole: 400 ms for a layer at 0 tokens).  Here it
   * lives in a page that cannot be read: any access is a SIGSEGV. */
  long page = sysconf(_SC_PAGESIZE);
  void *noAccess = mmap(NULL, (size_t)page, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT(noAccess != MAP_FAILED);
  if (noAccess != MAP_FAILED) {
    int64_t s08[2] = {0, 8}, s016[2] = {0, 16};
    TT a0 = ttContig(FX_DTYPE_F16, 2, s08), o0 = ttContig(FX_DTYPE_F16, 2, s016);
    FxTensor unreadable = {noAccess, FX_DTYPE_F16, 2, {8, 16}, {16, 1}};
    fxrt_aten__mm(&o0.t, &a0.t, &unreadable);
    printf("mm: 0 rows: mat2 not read\n");
    munmap(noAccess, (size_t)page);
    ttFree(&a0);
    ttFree(&o0);
  }
  // CHECK: K = 0: addmm f16->f16 [0] 4x0x4 a=row b=row out=row: err/bound=0.00
  // CHECK: K = 0: _scaled_mm f8e4m3fn->bf16 [0] 3x0x5 a=row b=row out=row: err/bound=0.00
  // CHECK: mm: 0 rows: mat2 not read
}

static void testAddmmBmm(void) {
  // CHECK-LABEL: ## addmm
  printf("## addmm\n");
  static const SelfKind selves[] = {S_SCALAR, S_ROW, S_1N, S_COL, S_FULL};
  for (int d = 0; d < 3; d++)
    for (int i = 0; i < 5; i++) {
      Spec s = {.op = OP_ADDMM, .dt = kDts[d], .odt = kDts[d], .m = 7, .k = 129,
                .n = 33, .la = (Layout)(i % L_COUNT), .lb = L_COL,
                .lo = (Layout)((i + d) % L_COUNT), .self = selves[i],
                .alpha = i == 2 ? 1.0 : 0.75, .beta = i == 2 ? 1.0 : -2.0,
                .positive = i == 2, .records = i == 4};
      run1("addmm", s);
    }
  // CHECK: addmm: addmm bf16->bf16 [0] 7x129x33 a=pad b=col out=step2: err/bound={{.*}} max_ulp={{[01]}}
  /* beta 0: self is not read, its NaNs do not reach the result. */
  Spec z = {.op = OP_ADDMM, .dt = FX_DTYPE_F32, .odt = FX_DTYPE_F32, .m = 5, .k = 9,
            .n = 6, .self = S_FULL, .alpha = 1.5, .beta = 0.0, .selfNan = 1};
  run1("beta 0, NaN self", z);
  // CHECK: beta 0, NaN self: addmm f32->f32 [0] 5x9x6 a=row b=row out=row: err/bound=0.

  // CHECK-LABEL: ## bmm
  printf("## bmm\n");
  for (int d = 0; d < 3; d++) {
    Spec s = {.op = OP_BMM, .dt = kDts[d], .odt = kDts[d], .batch = 3, .m = 33,
              .k = 7, .n = 129, .la = (Layout)d, .lb = (Layout)(d + 1),
              .lo = (Layout)(3 - d), .positive = d == 1, .records = d == 2};
    run1("bmm", s);
  }
  // CHECK: bmm: bmm f16->f16 [3] 33x7x129 a=pad b=col out=col: err/bound={{.*}} max_ulp={{[01]}}
}

/* _scaled_mm: fp8 (and bf16) operands, per-tensor and row-wise scales,
 * bias, bf16/f32/fp8 outputs, scale_result. */
static void testScaled(void) {
  // CHECK-LABEL: ## scaled
  printf("## scaled\n");
  Spec s = {.op = OP_SCALED, .dt = FX_DTYPE_F8E4M3FN, .odt = FX_DTYPE_BF16,
            .m = 9, .k = 48, .n = 70, .lb = L_COL, .positive = 1};
  run1("per-tensor", s);
  s.rowScales = 1, s.bias = 1, s.positive = 0;
  run1("row-wise + bias", s);
  s.odt = FX_DTYPE_F32, s.la = L_STEP2;
  run1("row-wise + bias", s);
  s.odt = FX_DTYPE_F8E4M3FN, s.rowScales = 0, s.bias = 0, s.scaleResult = 1, s.positive = 1;
  run1("fp8 out, scale_result", s);
  s.odt = FX_DTYPE_BF16, s.records = 1, s.bias = 1, s.dt = FX_DTYPE_BF16, s.lo = L_COL;
  run1("records", s);
  // CHECK: per-tensor: _scaled_mm f8e4m3fn->bf16 [0] 9x48x70 a=row b=col out=row: err/bound={{.*}} max_ulp={{[01]}}
  // CHECK: fp8 out, scale_result: _scaled_mm f8e4m3fn->f8e4m3fn [0] 9x48x70 a=step2 b=col out=row: err/bound={{.*}} max_ulp={{[01]}}
}

/* The bits depend on the shape alone: every layout of the operands and
 * of out, and 16-bit or f32 storage of the same values, give the same
 * f32 result (fx-run --check-passes compares graphs whose passes change
 * layouts); each batch of bmm is mm of that batch. */
static void testDeterminism(void) {
  // CHECK-LABEL: ## determinism
  printf("## determinism\n");
  static const int64_t shapes[][3] = {{33, 129, 65}, {2100, 1, 2100}};
  for (int sh = 0; sh < 2; sh++) {
    int64_t m = shapes[sh][0], k = shapes[sh][1], n = shapes[sh][2];
    size_t bytes = (size_t)(m * n * 4);
    char *first = malloc(bytes), *got = malloc(bytes);
    int same = 1, runs = 0;
    Stats st = {0};
    for (int c = 0; c < L_COUNT * L_COUNT * L_COUNT; c += sh ? 13 : 1) {
      for (int w = 0; w < (c == 0 ? 3 : 1); w++) {
        static const int32_t widen[] = {FX_DTYPE_F32, FX_DTYPE_F16, FX_DTYPE_BF16};
        gRng = 0x1234;
        Spec s = {.op = OP_MM, .dt = widen[w], .odt = FX_DTYPE_F32, .m = m, .k = k,
                  .n = n, .la = (Layout)(c % 4), .lb = (Layout)(c / 4 % 4),
                  .lo = (Layout)(c / 16), .values = FX_DTYPE_BF16,
                  .positive = 1}; /* bf16 values in [0.1, 1): exact in f16 */
        runSpec(s, &st, runs ? got : first);
        same &= !runs || memcmp(first, got, bytes) == 0;
        runs++;
      }
    }
    printf("mm f32 %lldx%lldx%lld: %d layouts and storage dtypes: %s\n",
           (long long)m, (long long)k, (long long)n, runs,
           same ? "identical bits" : "DIFFERENT bits");
    EXPECT(same);
    free(first);
    free(got);
  }
  // CHECK: mm f32 33x129x65: 66 layouts and storage dtypes: identical bits
  // CHECK: mm f32 2100x1x2100: 7 layouts and storage dtypes: identical bits

  int64_t asz[3] = {3, 33, 7}, bsz[3] = {3, 7, 129}, osz[3] = {3, 33, 129};
  TT a = ttContig(FX_DTYPE_BF16, 3, asz), b = ttContig(FX_DTYPE_BF16, 3, bsz);
  TT o = ttContig(FX_DTYPE_F32, 3, osz), o2 = ttContig(FX_DTYPE_F32, 2, osz + 1);
  ttFillNormal(&a, 0.0, 1.0);
  ttFillNormal(&b, 0.0, 1.0);
  fxrt_aten__bmm(&o.t, &a.t, &b.t);
  int same = 1;
  for (int64_t i = 0; i < 3; i++) {
    TT ai = ttView(&a, FX_DTYPE_BF16, i * 33 * 7, 2, asz + 1, a.t.strides + 1);
    TT bi = ttView(&b, FX_DTYPE_BF16, i * 7 * 129, 2, bsz + 1, b.t.strides + 1);
    fxrt_aten__mm(&o2.t, &ai.t, &bi.t);
    same &= memcmp(o2.t.data, (char *)o.t.data + i * 33 * 129 * 4, 33 * 129 * 4) == 0;
  }
  printf("bmm: each batch is mm's bits: %s\n", same ? "yes" : "NO");
  // CHECK: bmm: each batch is mm's bits: yes
  EXPECT(same);
  ttFree(&a);
  ttFree(&b);
  ttFree(&o);
  ttFree(&o2);
}

static void testErrors(void) {
  // CHECK-LABEL: ## errors
  printf("## errors\n");
  int64_t s34[2] = {3, 4}, s45[2] = {4, 5}, s35[2] = {3, 5}, s24[2] = {2, 4}, s4 = 4;
  int64_t b234[3] = {2, 3, 4}, b345[3] = {3, 4, 5}, b235[3] = {2, 3, 5};
  TT a = ttContig(FX_DTYPE_F16, 2, s34), b = ttContig(FX_DTYPE_F16, 2, s45);
  TT o = ttContig(FX_DTYPE_F16, 2, s35), m24 = ttContig(FX_DTYPE_F16, 2, s24);
  TT v4 = ttContig(FX_DTYPE_F16, 1, &s4), bf = ttContig(FX_DTYPE_BF16, 2, s45);
  TT x = ttContig(FX_DTYPE_F16, 3, b234), y = ttContig(FX_DTYPE_F16, 3, b345);
  TT z = ttContig(FX_DTYPE_F16, 3, b235);
  char *snap = ttSnapshot(&o), *zsnap = ttSnapshot(&z);
  // CHECK-NEXT: fxrt: fxrt_aten__mm: shapes [3, 4] @ [2, 4] -> [3, 5] do not match
  fxrt_aten__mm(&o.t, &a.t, &m24.t);
  // CHECK-NEXT: fxrt: fxrt_aten__mm: 'mat2' has rank 1, expected 2 to 2
  fxrt_aten__mm(&o.t, &a.t, &v4.t);
  // CHECK-NEXT: fxrt: fxrt_aten__mm: 'mat2' is bfloat16 but 'self' is float16
  fxrt_aten__mm(&o.t, &a.t, &bf.t);
  // CHECK-NEXT: fxrt: fxrt_aten__addmm: 'self' dimension 0 of size 4 does not broadcast to size 5 of 'out'
  fxrt_aten__addmm(&o.t, &v4.t, &a.t, &b.t, 1.0, 1.0);
  // CHECK-NEXT: fxrt: fxrt_aten__bmm: shapes [2, 3, 4] @ [3, 4, 5] -> [2, 3, 5] do not match
  fxrt_aten__bmm(&z.t, &x.t, &y.t);
  /* K beyond cblas_sgemm's int: refused before any element is read. */
  FxTensor huge = {a.t.data, FX_DTYPE_F32, 2, {1, 1LL << 31}, {1LL << 31, 1}};
  FxTensor hugeT = {a.t.data, FX_DTYPE_F32, 2, {1LL << 31, 1}, {1, 1}};
  FxTensor o11 = {o.t.data, FX_DTYPE_F32, 2, {1, 1}, {1, 1}};
  // CHECK-NEXT: fxrt: fxrt_aten__mm: the inner dimension K = 2147483648 is beyond the BLAS's limit of 2^31 - 1 (cblas_sgemm takes int sizes)
  fxrt_aten__mm(&o11, &huge, &hugeT);
  EXPECT(ttUnchanged(&o, snap) && ttUnchanged(&z, zsnap));
  EXPECT(fxrt_get_error() != NULL);
  fxrt_clear_error();
  free(snap);
  free(zsnap);
  TT *all[] = {&a, &b, &o, &m24, &v4, &bf, &x, &y, &z};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testShapes();
  testBlocks();
  testEmpty();
  testAddmmBmm();
  testScaled();
  testDeterminism();
  testErrors();
  // CHECK: matmul: {{[0-9]+}} checks passed
  return fxtestFinish("matmul");
}
