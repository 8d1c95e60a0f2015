/* runops.c - user ops that break their schemas on purpose, loaded by
 * fx-run --shared-lib in test/Tools/check-passes.mlir: what --check-passes
 * must catch is a pass order whose run differs from the run without passes,
 * in a result or in the caller's memory.  A schema that hides a write makes
 * exactly that happen (fx-dce erases the call, so only the orders with
 * fx-dce skip the write), without any pass being wrong.
 *
 * DESIGN §4 calling convention: one out-descriptor per returned tensor,
 * then the schema's parameters; tensors as ranked strided memrefs. */
#include <stdint.h>

typedef struct MemRef1F32 {
  float *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} MemRef1F32;

/* test::scribble(Tensor x) -> (): the schema says it only reads x; it
 * writes 42 into the last element. */
void _mlir_ciface_fxrt_test__scribble(MemRef1F32 *x) {
  if (x->sizes[0] > 0)
    x->aligned[x->offset + (x->sizes[0] - 1) * x->strides[0]] = 42.0f;
}

/* test::bump(Tensor x) -> Tensor: returns a copy of x, and (not in the
 * schema) writes 42 into x[0] after copying. */
void _mlir_ciface_fxrt_test__bump(MemRef1F32 *out, MemRef1F32 *x) {
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    out->aligned[out->offset + i * out->strides[0]] =
        x->aligned[x->offset + i * x->strides[0]];
  if (x->sizes[0] > 0)
    x->aligned[x->offset] = 42.0f;
}
