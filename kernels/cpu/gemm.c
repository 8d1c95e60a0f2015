/* gemm.c - the matrix products of the CPU kernels (aten::mm, _scaled_mm,
 * addmm, bmm: matmul.c) through the BLAS, Debian's OpenBLAS (DESIGN §4).
 *
 * out[M,N] = epilogue(a[M,K] @ b[K,N]), fp32 accumulation by cblas_sgemm.
 * cblas_sgemm always sees a as row-major ([M][K], CblasNoTrans) and b as
 * column-major ([N][K], CblasTrans: the layout of a t() view of a [N, K]
 * weight, which is how linear layers multiply).  An f32 operand already
 * in that orientation is read where it lies, its row (column) stride as
 * lda (ldb); any other layout, and every 16-bit or fp8 operand, is first
 * copied (widened exactly) into a dense fp32 panel of that orientation.
 * The product lands in out itself when out is f32 and row-major, else in
 * an fp32 block that is rounded once (RNE) to out's dtype after the
 * epilogue: one rounding, as torch with fp32 accumulation.
 *
 * Why one orientation: OpenBLAS's bits are not the same for NN and NT
 * calls of one shape (its small-matrix kernels, e.g. Cooperlake's on AVX-512
 * CPUs, sum differently per transposition; newer versions forward M = 1
 * to gemv), and fx-run --check-passes requires a graph to give the same
 * bits when a pass turns a copy into a view.  With one orientation the
 * bits depend on the shape, the CPU's kernel and the thread count only,
 * never on strides, offsets or dtypes of storage (test/Kernels/matmul.c).
 * For the same reason the block grid below depends on (M, N, K) alone
 * (OpenBLAS's edge kernels differ from its main one, so where an element
 * falls in a call matters), and the BLAS runs fxrt's thread count.
 *
 * Memory stays bounded: the work is split into blocks of at most
 * kFxGemmBudget floats per panel (rows of a, columns of b, the fp32 block
 * of out), each one cblas_sgemm call over the whole K (so each element is
 * one BLAS dot product, never split here). */
#include "cpu/fx_cpu.h"
#include "cpu/fx_rowops.h"

#include <cblas.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Floats per panel: 16 MiB.  Large enough that an operand of a typical
 * layer (4096 x 4096) is a few calls, whose repeated packing by the BLAS
 * then costs little; small enough to bound the scratch. */
enum { kFxGemmBudget = 1 << 22 };

/* One operand block as cblas_sgemm reads it (row-major convention). */
typedef struct FxGemmOperand {
  const float *data;
  CBLAS_TRANSPOSE trans;
  int64_t ld;
} FxGemmOperand;

/* A block [r0, r0+rows) x [c0, c0+cols) of a 2-D tensor. */
typedef struct FxGemmBlock {
  const FxTensor *t;
  int64_t r0, rows, c0, cols;
} FxGemmBlock;

static const char *fxGemmAt(const FxGemmBlock *b) {
  return (const char *)b->t->data +
         (b->r0 * b->t->strides[0] + b->c0 * b->t->strides[1]) *
             fxElemSize(b->t->dtype);
}

/* The block of an f32 tensor read in place when it is already in the
 * orientation `trans` asks for: row-major (CblasNoTrans: unit steps in a
 * row, rows at least a row apart) or column-major (CblasTrans).  A dim of
 * size 1 never constrains its stride; leading dimensions must fit the
 * BLAS's int. */
static int fxGemmInPlace(const FxGemmBlock *b, CBLAS_TRANSPOSE trans,
                         FxGemmOperand *op) {
  if (b->t->dtype != FX_DTYPE_F32)
    return 0;
  int64_t s0 = b->t->strides[0], s1 = b->t->strides[1];
  /* Column-major is the row-major transpose: swap the roles. */
  int64_t inner = trans == CblasTrans ? s0 : s1, outer = trans == CblasTrans ? s1 : s0;
  int64_t len = trans == CblasTrans ? b->rows : b->cols; /* of a run */
  int64_t runs = trans == CblasTrans ? b->cols : b->rows;
  if ((inner != 1 && len != 1) ||
      (runs != 1 && (outer < len || outer > INT_MAX)))
    return 0;
  *op = (FxGemmOperand){(const float *)fxGemmAt(b), trans,
                        runs == 1 ? len : outer};
  return 1;
}

/* Widens the block exactly to the dense fp32 `panel` in orientation
 * `trans`: `runs` runs (rows, or columns for CblasTrans) of `len`
 * elements each.  Where the source's runs are themselves its denser
 * direction, each run is one strided row load.  Otherwise (a row-major
 * weight wanted by columns, a column-major self wanted by rows) the loads
 * go across the runs, in kFxTile x kFxTile tiles transposed through a
 * small buffer: loading each run with the large stride touches a new
 * page per element (measured 10x slower than cblas_sgemm for 8 x 4096 x
 * 4096). */
enum { kFxTile = 64 };
static FxGemmOperand fxGemmWiden(const FxGemmBlock *b, CBLAS_TRANSPOSE trans,
                                 float *panel) {
  int32_t dt = b->t->dtype;
  int64_t es = fxElemSize(dt);
  int col = trans == CblasTrans;
  int64_t runs = col ? b->cols : b->rows, len = col ? b->rows : b->cols;
  int64_t step = (col ? b->t->strides[0] : b->t->strides[1]) * es;
  int64_t apart = (col ? b->t->strides[1] : b->t->strides[0]) * es;
  const char *p = fxGemmAt(b);
  FxGemmOperand op = {panel, trans, len};
  if (llabs(step) <= llabs(apart) || runs == 1) {
    for (int64_t r = 0; r < runs; r++)
      fxCpuLoadRow(dt, panel + r * len, p + r * apart, len, step);
    return op;
  }
  float tile[kFxTile * kFxTile];
  for (int64_t r0 = 0; r0 < runs; r0 += kFxTile) {
    int64_t nr = runs - r0 < kFxTile ? runs - r0 : kFxTile;
    for (int64_t e0 = 0; e0 < len; e0 += kFxTile) {
      int64_t ne = len - e0 < kFxTile ? len - e0 : kFxTile;
      for (int64_t e = 0; e < ne; e++) /* across the runs: the dense way */
        fxCpuLoadRow(dt, tile + e * kFxTile, p + r0 * apart + (e0 + e) * step,
                     nr, apart);
      for (int64_t r = 0; r < nr; r++)
        for (int64_t e = 0; e < ne; e++)
          panel[(r0 + r) * len + e0 + e] = tile[e * kFxTile + r];
    }
  }
  return op;
}

/* Block sizes from the shape alone (see "Determinism" above): as many
 * rows of a and columns of b as fit the budget with the whole K, and an
 * fp32 block of out within it too. */
static void fxGemmGrid(int64_t m, int64_t n, int64_t k, int64_t *mb,
                       int64_t *nb) {
  int64_t per = k > 0 ? kFxGemmBudget / k : kFxGemmBudget;
  per = per > 0 ? per : 1;
  *nb = n < per ? n : per;
  *mb = m < per ? m : per;
  if (*mb * *nb > kFxGemmBudget)
    *mb = kFxGemmBudget / *nb > 0 ? kFxGemmBudget / *nb : 1;
}

/* The BLAS runs fxrt's thread count (FXRT_NUM_THREADS, docs/runtime.md):
 * one knob, and the count its bits depend on is fixed per process. */
static pthread_once_t gBlasOnce = PTHREAD_ONCE_INIT;
static void fxGemmInitThreads(void) {
  openblas_set_num_threads(fxCpuNumThreads());
}

/* The epilogue on one row of fp32 results: row `i` of out, columns
 * [j0, j0+n).  `tmp` holds n floats. */
static void fxGemmEpilogueRow(const FxGemmEpilogue *ep, int64_t i, int64_t j0,
                              float *acc, int64_t n, float *tmp) {
  switch (ep->kind) {
  case FX_GEMM_SCALED: /* ((acc * sa[i]) * sb[j] + bias[j]) * scale_result */
    for (int64_t j = 0; j < n; j++) {
      float v = acc[j] * ep->sa[i * ep->saStep] * ep->sb[(j0 + j) * ep->sbStep];
      if (ep->bias)
        v += ep->bias[j0 + j];
      acc[j] = v * ep->scaleResult;
    }
    break;
  case FX_GEMM_ADDMM: /* alpha * acc + beta * self[i, j]; beta 0: no self */
    if (ep->beta == 0.0f) {
      for (int64_t j = 0; j < n; j++)
        acc[j] = ep->alpha * acc[j];
      break;
    }
    fxCpuLoadRow(ep->self->dtype, tmp,
                 (const char *)ep->self->data +
                     (i * ep->selfStrides[0] + j0 * ep->selfStrides[1]) *
                         fxElemSize(ep->self->dtype),
                 n, ep->selfStrides[1] * fxElemSize(ep->self->dtype));
    for (int64_t j = 0; j < n; j++)
      acc[j] = ep->alpha * acc[j] + ep->beta * tmp[j];
    break;
  }
}

/* `*p` (NULL at first) as scratch of n floats; 0 after reporting. */
static int fxGemmScratch(const char *k, float **p, int64_t n) {
  if (!*p)
    *p = fxCpuScratch(k, n);
  return *p != NULL;
}

void fxCpuGemm(const char *k, const FxTensor *out, const FxTensor *a,
               const FxTensor *b, const FxGemmEpilogue *ep) {
  int64_t m = a->sizes[0], kd = a->sizes[1], n = b->sizes[1];
  if (m == 0 || n == 0) /* nothing to write: read nothing (0 tokens) */
    return;
  if (kd > INT_MAX) {
    fxCpuError(k, "the inner dimension K = %lld is beyond the BLAS's limit "
                  "of 2^31 - 1 (cblas_sgemm takes int sizes)",
               (long long)kd);
    return;
  }
  pthread_once(&gBlasOnce, fxGemmInitThreads);
  int64_t mb, nb;
  fxGemmGrid(m, n, kd, &mb, &nb);
  int64_t oes = fxElemSize(out->dtype);
  float *pa = NULL, *pb = NULL, *pc = NULL, *tmp = NULL;
  int ok = !ep || fxGemmScratch(k, &tmp, nb);
  for (int64_t i0 = 0; ok && i0 < m; i0 += mb) {
    FxGemmBlock ab = {a, i0, m - i0 < mb ? m - i0 : mb, 0, kd};
    FxGemmOperand A = {NULL, CblasNoTrans, 1};
    if (kd && !fxGemmInPlace(&ab, CblasNoTrans, &A)) {
      if (!(ok = fxGemmScratch(k, &pa, mb * kd)))
        break;
      A = fxGemmWiden(&ab, CblasNoTrans, pa);
    }
    for (int64_t j0 = 0; ok && j0 < n; j0 += nb) {
      FxGemmBlock bb = {b, 0, kd, j0, n - j0 < nb ? n - j0 : nb};
      FxGemmBlock ob = {out, i0, ab.rows, j0, bb.cols};
      FxGemmOperand B = {NULL, CblasTrans, 1}, C;
      if (kd && !fxGemmInPlace(&bb, CblasTrans, &B)) {
        if (!(ok = fxGemmScratch(k, &pb, kd * nb)))
          break;
        B = fxGemmWiden(&bb, CblasTrans, pb);
      }
      /* out itself when it is f32 and row-major, else an fp32 block. */
      int direct = fxGemmInPlace(&ob, CblasNoTrans, &C);
      if (!direct) {
        if (!(ok = fxGemmScratch(k, &pc, mb * nb)))
          break;
        C = (FxGemmOperand){pc, CblasNoTrans, ob.cols};
      }
      float *c = (float *)C.data;
      if (kd)
        cblas_sgemm(CblasRowMajor, A.trans, B.trans, (int)ob.rows,
                    (int)ob.cols, (int)kd, 1.0f, A.data, (int)A.ld, B.data,
                    (int)B.ld, 0.0f, c, (int)C.ld);
      else /* an empty sum */
        for (int64_t i = 0; i < ob.rows; i++)
          memset(c + i * C.ld, 0, (size_t)ob.cols * sizeof(float));
      if (direct && !ep)
        continue;
      for (int64_t i = 0; i < ob.rows; i++) {
        float *row = c + i * C.ld;
        if (ep)
          fxGemmEpilogueRow(ep, i0 + i, j0, row, ob.cols, tmp);
        if (!direct)
          fxCpuStoreRow(out->dtype, (char *)fxGemmAt(&ob) + i * out->strides[0] * oes,
                        row, ob.cols, out->strides[1] * oes);
      }
    }
  }
  free(pa);
  free(pb);
  free(pc);
  free(tmp);
}
