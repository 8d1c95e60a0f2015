/* fx_slice.h - torch's slice rule, shared by the lowering (bounds it can
 * decide at compile time) and the runtime (fxrt_slice, the rest), so both
 * agree on every case.
 *
 * aten.slice.Tensor(self, dim, start, end, step) on a dim of `size`: a
 * negative start or end counts from the end (+size), both are then clamped
 * to [0, size], an end below the start selects nothing, and the length is
 * ceil((end - start) / step).  `end` >= 2^63-1 (torch's "to the end") is
 * just a large end.  step >= 1 (the caller checks).
 */
#ifndef FX_SLICE_H
#define FX_SLICE_H

#include <stdint.h>

static inline int64_t fxSliceClamp(int64_t v, int64_t size) {
  if (v < 0)
    v = v < -size ? 0 : v + size; /* (v + size cannot overflow here) */
  return v > size ? size : v;
}

/* The clamped start of the slice; `*length` receives its length. */
static inline int64_t fxSliceBounds(int64_t size, int64_t start, int64_t end,
                                    int64_t step, int64_t *length) {
  int64_t s = fxSliceClamp(start, size), e = fxSliceClamp(end, size);
  /* 1 + (n - 1) / step, not (n + step - 1) / step: step may be INT64_MAX. */
  *length = e <= s ? 0 : 1 + (e - s - 1) / step;
  return s;
}

#endif /* FX_SLICE_H */
