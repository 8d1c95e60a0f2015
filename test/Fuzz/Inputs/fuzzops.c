/* fuzzops.c - the user ops of the random graphs (bench/gen_random.py),
 * loaded by fx-run --shared-lib=libfx_fuzzops.so.
 *
 * Each op exists for every dtype D in {f32, f16, bf16} and rank R in
 * {1, 2, 3, 4} as `fuzz::<D>r<R>_<kind>` and as the variants
 * `fuzz::<D>r<R>v<K>_<kind>`, K = 1..7 (the same function under another
 * name: the lowering declares one function type per op, so a graph that
 * calls one kind on tensors of different sizes needs one name per size).
 * Every tensor of one op has that dtype and rank, but any sizes.  Schemas
 * (gen_random.py declares them with fx.schema; keep the two in sync):
 *
 *   scale_(Tensor(a!) self, *, float alpha, int bias=0) -> ()
 *   axpy_(Tensor! out, Tensor x, float alpha=0.5) -> ()
 *   mix2_(Tensor! a, Tensor(b!) b, Tensor c, bool flip) -> ()
 *   addret_(Tensor! self, Tensor other, float alpha) -> Tensor
 *   pure(Tensor self, Tensor other, int k) -> Tensor
 *   opt_(Tensor! self, Tensor!? extra, Tensor? src, float alpha=1.0) -> ()
 *   fill_(Tensor! out, Tensor x, float alpha) -> ()
 *   two_(Tensor! a, Tensor! b, Tensor x) -> ()
 *   lst_(Tensor(a!)[] ys, Tensor x) -> ()      (two elements, ys0 and ys1)
 *
 * ABI (DESIGN §4): out descriptors first, then the schema's parameters in
 * order; tensors as ranked strided memref descriptors, int/bool as int64_t,
 * float as double.  An op reads an input at index i as input[i mod size]
 * (so any sizes work; an empty input reads as 0), honours every stride and
 * offset, computes in fp32, rounds once per store, and writes exactly its
 * out tensors and its `Tensor!` arguments, element by element in row-major
 * order (so the result is deterministic for any layout).  fill_ overwrites
 * `out` from `x` alone and two_ overwrites `a` from `x` (each output
 * element then depends on one input element, so a lost or misplaced write
 * shows), the others also read the old value of what they write.  Nothing here
 * converts a float to an integer, so NaN and Inf are harmless.
 */
#include "common/fx_math.h"
#include "fxrt.h"

#include <stdint.h>

enum { MAXR = 4 };

typedef struct View {
  char *base; /* element (0, ..., 0) */
  int rank, dtype, esize;
  int64_t sizes[MAXR], strides[MAXR];
} View;

static View mkView(void *aligned, int64_t offset, const int64_t *sizes,
                   const int64_t *strides, int rank, int dtype) {
  View v = {0};
  v.rank = rank;
  v.dtype = dtype;
  v.esize = fxElemSize(dtype);
  v.base = (char *)aligned + offset * v.esize;
  for (int i = 0; i < rank; ++i) {
    v.sizes[i] = sizes[i];
    v.strides[i] = strides[i];
  }
  return v;
}

static int64_t numel(const View *v) {
  int64_t n = 1;
  for (int i = 0; i < v->rank; ++i)
    n *= v->sizes[i];
  return n;
}

static void unravel(const View *v, int64_t flat, int64_t *idx) {
  for (int i = v->rank - 1; i >= 0; --i) {
    idx[i] = v->sizes[i] ? flat % v->sizes[i] : 0;
    flat = v->sizes[i] ? flat / v->sizes[i] : 0;
  }
}

static char *at(const View *v, const int64_t *idx) {
  char *p = v->base;
  for (int i = 0; i < v->rank; ++i)
    p += idx[i] * v->strides[i] * v->esize;
  return p;
}

/* v[idx mod sizes], or 0 when v is empty or absent. */
static float rd(const View *v, const int64_t *idx) {
  if (!v)
    return 0.0f;
  int64_t j[MAXR];
  for (int i = 0; i < v->rank; ++i) {
    if (v->sizes[i] == 0)
      return 0.0f;
    j[i] = idx[i] % v->sizes[i];
  }
  return fxLoadF32(at(v, j), v->dtype);
}

static float get(const View *v, const int64_t *idx) {
  return fxLoadF32(at(v, idx), v->dtype);
}

static void put(const View *v, const int64_t *idx, float x) {
  fxStoreF32(at(v, idx), v->dtype, x);
}

#define EACH(v, idx)                                                           \
  for (int64_t flat_ = 0, n_ = numel(v); flat_ < n_; ++flat_)                  \
    if (unravel((v), flat_, (idx)), 1)

/*===-- The ops, on views -------------------------------------------------===*/

static void scale_(View *self, double alpha, int64_t bias) {
  int64_t i[MAXR];
  EACH(self, i) put(self, i, get(self, i) * (float)alpha + (float)bias * 0.0625f);
}

static void axpy_(View *out, View *x, double alpha) {
  int64_t i[MAXR];
  EACH(out, i) put(out, i, get(out, i) + (float)alpha * rd(x, i));
}

static void mix2_(View *a, View *b, View *c, int64_t flip) {
  int64_t i[MAXR];
  EACH(a, i) put(a, i, get(a, i) + 0.5f * rd(c, i));
  EACH(b, i) put(b, i, (flip ? -get(b, i) : get(b, i)) * 0.75f + rd(a, i));
}

static void addret_(View *out, View *self, View *other, double alpha) {
  int64_t i[MAXR];
  EACH(out, i) put(out, i, rd(self, i) * (float)alpha + rd(other, i));
  EACH(self, i) put(self, i, get(self, i) - 0.125f * rd(other, i));
}

static void pure(View *out, View *self, View *other, int64_t k) {
  int64_t i[MAXR];
  EACH(out, i) put(out, i, rd(self, i) - rd(other, i) * ((float)k * 0.25f));
}

static void opt_(View *self, View *extra, View *src, double alpha) {
  int64_t i[MAXR];
  EACH(self, i) put(self, i, get(self, i) + (float)alpha * (src ? rd(src, i) : 1.0f));
  if (extra)
    EACH(extra, i) put(extra, i, get(extra, i) * 0.5f + rd(self, i));
}

static void fill_(View *out, View *x, double alpha) {
  int64_t i[MAXR];
  EACH(out, i) put(out, i, (float)alpha * rd(x, i) + 0.25f);
}

static void two_(View *a, View *b, View *x) {
  int64_t i[MAXR];
  EACH(a, i) put(a, i, 1.5f * rd(x, i) - 0.5f);
  EACH(b, i) put(b, i, 0.5f * get(b, i) + rd(x, i));
}

/* A Tensor[] of two (docs/runtime.md: one descriptor per element); ys[1]
 * reads what ys[0] got, so the result shows whether they share storage. */
static void lst_(View *y0, View *y1, View *x) {
  int64_t i[MAXR];
  EACH(y0, i) put(y0, i, get(y0, i) + 0.5f * rd(x, i));
  EACH(y1, i) put(y1, i, 0.75f * get(y1, i) + rd(y0, i));
}

/*===-- Entry points: fxrt_fuzz__<D>r<R>[v<K>]_<kind> -------------------===*/

#define MEMREF(R)                                                              \
  typedef struct MemRef##R {                                                   \
    void *allocated, *aligned;                                                 \
    int64_t offset, sizes[R], strides[R];                                      \
  } MemRef##R;
MEMREF(1)
MEMREF(2)
MEMREF(3)
MEMREF(4)

#define V(m, R, DT) mkView((m)->aligned, (m)->offset, (m)->sizes, (m)->strides, R, DT)
#define VP(m, R, DT, tmp) ((m) ? ((tmp) = V(m, R, DT), &(tmp)) : (View *)0)

#define OPS(D, R, K, DT)                                                       \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_scale_(                          \
      MemRef##R *self, double alpha, int64_t bias) {                           \
    View s = V(self, R, DT);                                                   \
    scale_(&s, alpha, bias);                                                   \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_axpy_(                           \
      MemRef##R *out, MemRef##R *x, double alpha) {                            \
    View o = V(out, R, DT), xv = V(x, R, DT);                                  \
    axpy_(&o, &xv, alpha);                                                     \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_mix2_(                           \
      MemRef##R *a, MemRef##R *b, MemRef##R *c, int64_t flip) {                \
    View av = V(a, R, DT), bv = V(b, R, DT), cv = V(c, R, DT);                 \
    mix2_(&av, &bv, &cv, flip);                                                \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_addret_(                         \
      MemRef##R *out, MemRef##R *self, MemRef##R *other, double alpha) {       \
    View o = V(out, R, DT), s = V(self, R, DT), t = V(other, R, DT);           \
    addret_(&o, &s, &t, alpha);                                                \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_pure(                            \
      MemRef##R *out, MemRef##R *self, MemRef##R *other, int64_t k) {          \
    View o = V(out, R, DT), s = V(self, R, DT), t = V(other, R, DT);           \
    pure(&o, &s, &t, k);                                                       \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_opt_(                            \
      MemRef##R *self, MemRef##R *extra, MemRef##R *src, double alpha) {       \
    View s = V(self, R, DT), e, c;                                             \
    opt_(&s, VP(extra, R, DT, e), VP(src, R, DT, c), alpha);                   \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_fill_(                           \
      MemRef##R *out, MemRef##R *x, double alpha) {                            \
    View o = V(out, R, DT), xv = V(x, R, DT);                                  \
    fill_(&o, &xv, alpha);                                                     \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_two_(MemRef##R *a, MemRef##R *b, \
                                                   MemRef##R *x) {             \
    View av = V(a, R, DT), bv = V(b, R, DT), xv = V(x, R, DT);                 \
    two_(&av, &bv, &xv);                                                       \
  }                                                                            \
  void _mlir_ciface_fxrt_fuzz__##D##r##R##K##_lst_(                            \
      MemRef##R *y0, MemRef##R *y1, MemRef##R *x) {                            \
    View a = V(y0, R, DT), b = V(y1, R, DT), xv = V(x, R, DT);                 \
    lst_(&a, &b, &xv);                                                         \
  }

#define ALL_VARIANTS(D, R, DT)                                                 \
  OPS(D, R, , DT) OPS(D, R, v1, DT) OPS(D, R, v2, DT) OPS(D, R, v3, DT)        \
  OPS(D, R, v4, DT) OPS(D, R, v5, DT) OPS(D, R, v6, DT) OPS(D, R, v7, DT)
#define ALL_RANKS(D, DT)                                                       \
  ALL_VARIANTS(D, 1, DT) ALL_VARIANTS(D, 2, DT) ALL_VARIANTS(D, 3, DT)         \
  ALL_VARIANTS(D, 4, DT)
ALL_RANKS(f32, FX_DTYPE_F32)
ALL_RANKS(f16, FX_DTYPE_F16)
ALL_RANKS(bf16, FX_DTYPE_BF16)

/* Test-only, never generated: writes out[i] = x[i] + (out's storage offset
 * in elements), so its result depends on where `out` lives, which the fx
 * passes change (a clone without them, a view of the buffer in place).
 * test/Fuzz/fuzz-report.mlir uses it to check that bench/fuzz and
 * bench/reduce report a mismatch; graphs whose ops depend only on values
 * never see it. */
void _mlir_ciface_fxrt_fuzz__f32r1_layout_(MemRef1 *out, MemRef1 *x) {
  View o = V(out, 1, FX_DTYPE_F32), xv = V(x, 1, FX_DTYPE_F32);
  int64_t i[MAXR];
  EACH(&o, i) put(&o, i, rd(&xv, i) + (float)out->offset);
}
