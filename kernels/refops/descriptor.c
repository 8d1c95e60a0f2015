/* descriptor.c - the user-op descriptors of the reference ops as FxTensors
 * (refops.h). */
#include "refops.h"

#include <string.h>

int fxRefFromDescriptor(const char *who, const void *desc, int index,
                        const char *name, FxTensor *out) {
  int32_t dtype = fxrt_user_arg_dtype(index);
  int rank = fxrt_user_arg_rank(index);
  if (dtype < 0 || rank < 0) {
    fxrt_set_error(who, "no dtype and rank announced for '%s': call it from "
                        "lowered code (fxrt_user_op), or call the fxRef* C "
                        "function with FxTensors",
                   name);
    return -1;
  }
  if (rank > FXRT_MAX_RANK) {
    fxrt_set_error(who, "'%s' has rank %d, above %d", name, rank, FXRT_MAX_RANK);
    return -1;
  }
  char *const *ptrs = desc;
  const int64_t *ints = (const int64_t *)(ptrs + 2); /* after the pointers */
  size_t size = fxDtypeSize(dtype);
  memset(out, 0, sizeof *out);
  out->dtype = dtype;
  out->rank = rank;
  out->data = ptrs[1] + ints[0] * (int64_t)size; /* aligned + offset */
  for (int d = 0; d < rank; ++d) {
    out->sizes[d] = ints[1 + d];
    out->strides[d] = ints[1 + rank + d];
  }
  return 0;
}
