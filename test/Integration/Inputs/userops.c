/* userops.c - user ops written in C, loaded by fx-run --shared-lib: the
 * runtime side of the `vllm::unified_attention` schema the example layer
 * declares (DESIGN §4: out-descriptor first, then the schema's parameters;
 * tensors as ranked strided memref descriptors, str as const char *).
 *
 * Not attention: a deterministic stand-in that reads q, k and v through
 * their strides (they are column slices of one qkv buffer) with GQA-style
 * head sharing, so the integration tests see every input matter.  Written
 * for the CPU, it stages GPU tensors through host memory (gpu-check runs
 * the example layers with fx-run --device=cuda). */
#include "common/fx_math.h"
#include "fxrt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct MemRef2F16 {
  uint16_t *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2F16;

static float at(const MemRef2F16 *m, int64_t r, int64_t c) {
  return fxF16ToF32(m->aligned[m->offset + r * m->strides[0] + c * m->strides[1]]);
}

static void attention(MemRef2F16 *out, const MemRef2F16 *q,
                      const MemRef2F16 *k, const MemRef2F16 *v) {
  int64_t tokens = out->sizes[0], width = out->sizes[1];
  int64_t kvWidth = k->sizes[1], group = width / kvWidth;
  for (int64_t t = 0; t < tokens; ++t)
    for (int64_t c = 0; c < width; ++c) {
      int64_t kc = (c / 128 / (group ? group : 1)) * 128 + c % 128;
      float r = 0.5f * at(q, t, c) + 0.25f * at(k, t, kc % kvWidth) +
                0.25f * at(v, t, kc % kvWidth);
      out->aligned[out->offset + t * out->strides[0] + c * out->strides[1]] =
          fxF32ToF16(r);
    }
}

/* GPU tensors (fx-run --device=cuda): this op is written for the CPU, so
 * each operand is staged into dense host memory with fxrt_copy_tensor,
 * the op runs there, and the output goes back the same way (which writes
 * only the view's elements of the GPU buffer). */
static FxTensor tensorOf(const MemRef2F16 *m) {
  FxTensor t;
  memset(&t, 0, sizeof t);
  t.data = m->aligned + m->offset;
  t.dtype = FX_DTYPE_F16;
  t.rank = 2;
  for (int d = 0; d < 2; ++d)
    t.sizes[d] = m->sizes[d], t.strides[d] = m->strides[d];
  return t;
}

static MemRef2F16 toHost(const MemRef2F16 *m) {
  MemRef2F16 h = {NULL, NULL, 0, {m->sizes[0], m->sizes[1]}, {m->sizes[1], 1}};
  h.allocated = h.aligned = malloc((size_t)(m->sizes[0] * m->sizes[1] + 1) * 2);
  FxTensor dst = tensorOf(&h), src = tensorOf(m);
  fxrt_copy_tensor(&dst, &src);
  return h;
}

void _mlir_ciface_fxrt_vllm__unified_attention(MemRef2F16 *out,
                                                MemRef2F16 *q, MemRef2F16 *k,
                                                MemRef2F16 *v,
                                                const char *layer_name) {
  if (!layer_name || strlen(layer_name) == 0)
    return; /* the name must arrive: leave the output zero */
  MemRef2F16 *ops[] = {out, q, k, v};
  int onGpu = 0;
  for (int i = 0; i < 4; ++i)
    onGpu |= fxrt_device_of(ops[i]->aligned) == FX_DEVICE_CUDA;
  if (!onGpu) {
    attention(out, q, k, v);
    return;
  }
  MemRef2F16 h[4];
  for (int i = 0; i < 4; ++i)
    h[i] = toHost(ops[i]);
  attention(&h[0], &h[1], &h[2], &h[3]);
  FxTensor dst = tensorOf(out), src = tensorOf(&h[0]);
  fxrt_copy_tensor(&dst, &src);
  for (int i = 0; i < 4; ++i)
    free(h[i].allocated);
}

/* Two user ops for test/Integration/run-errors.mlir. */
typedef struct MemRef2F32 {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2F32;

/* mylib::refuse_(Tensor(a!) x, int n): refuses a negative n the way a user
 * op reports any failure (fxrt.h, "Errors"), writing nothing. */
void _mlir_ciface_fxrt_mylib__refuse_(MemRef2F32 *x, int64_t n) {
  if (n < 0) {
    fxrt_set_error("mylib::refuse_", "n must be >= 0, got %lld", (long long)n);
    return;
  }
  for (int64_t r = 0; r < x->sizes[0]; ++r)
    x->aligned[x->offset + r * x->strides[0]] = (float)n;
}

/* mylib::must_not_run(Tensor x): the lowering calls a user op only while no
 * error is pending, so after a failed op this must never run. */
void _mlir_ciface_fxrt_mylib__must_not_run(MemRef2F32 *x) {
  (void)x;
  fputs("mylib::must_not_run ran after a failure\n", stderr);
  abort();
}

static float *el(const MemRef2F32 *m, int64_t r, int64_t c) {
  return &m->aligned[m->offset + r * m->strides[0] + c * m->strides[1]];
}

/* mylib::mix_(Tensor(a!) x, Tensor(b!) y) -> (): x += 1, then y = 2 y +
 * x[0][0], element by element through the strides.  When x and y are
 * overlapping views of one base (auto_functionalized_v2 calls the op on
 * views of one clone), y sees what x's update wrote: the output tells
 * whether the two share storage as they should (test/Integration/v2.mlir). */
void _mlir_ciface_fxrt_mylib__mix_(MemRef2F32 *x, MemRef2F32 *y) {
  for (int64_t r = 0; r < x->sizes[0]; ++r)
    for (int64_t c = 0; c < x->sizes[1]; ++c)
      *el(x, r, c) += 1.0f;
  float x00 = x->sizes[0] > 0 && x->sizes[1] > 0 ? *el(x, 0, 0) : 0.0f;
  for (int64_t r = 0; r < y->sizes[0]; ++r)
    for (int64_t c = 0; c < y->sizes[1]; ++c)
      *el(y, r, c) = 2.0f * *el(y, r, c) + x00;
}

/* mylib::mix_list_(Tensor(a!) x, Tensor(b!)[] ys) -> () with two elements
 * (a Tensor[] is passed as its elements, docs/runtime.md): mix_(x, ys[0]),
 * then mix_(ys[0], ys[1]), then ys[0] -= 1 -- each step reads what the one
 * before wrote, so the output shows which operands share storage. */
void _mlir_ciface_fxrt_mylib__mix_list_(MemRef2F32 *x, MemRef2F32 *y0,
                                        MemRef2F32 *y1) {
  _mlir_ciface_fxrt_mylib__mix_(x, y0);
  _mlir_ciface_fxrt_mylib__mix_(y0, y1);
  for (int64_t r = 0; r < y0->sizes[0]; ++r) /* undo mix_'s y0 += 1 */
    for (int64_t c = 0; c < y0->sizes[1]; ++c)
      *el(y0, r, c) -= 1.0f;
}
