/* all_reduce.c - vLLM's `vllm::all_reduce` for one process: the sum over a
 * tensor-parallel group of world size 1 is the tensor itself, so the result
 * is a copy of it (docs/runtime.md, "Reference user ops").  A run of
 * several ranks needs NCCL on the CUDA path, which is not built. */
#include "refops.h"

static const char kWho[] = "fxrt_vllm__all_reduce";

int fxRefAllReduce(const FxTensor *tensor, const FxTensor *result) {
  if (tensor->dtype != result->dtype || tensor->rank != result->rank) {
    fxrt_set_error(kWho, "'tensor' and the result differ in dtype or rank");
    return -1;
  }
  for (int d = 0; d < tensor->rank; ++d)
    if (tensor->sizes[d] != result->sizes[d]) {
      fxrt_set_error(kWho, "'tensor' and the result differ in dim %d (%lld, "
                           "%lld)", d, (long long)tensor->sizes[d],
                     (long long)result->sizes[d]);
      return -1;
    }
  fxrt_copy_tensor(result, tensor); /* either side may be device memory */
  return 0;
}

void _mlir_ciface_fxrt_vllm__all_reduce(const void *result, const void *tensor,
                                        const char *group_name) {
  (void)group_name; /* one process: every group has world size 1 */
  FxTensor r, t;
  if (fxRefFromDescriptor(kWho, result, 0, "result", &r) == 0 &&
      fxRefFromDescriptor(kWho, tensor, 1, "tensor", &t) == 0)
    fxRefAllReduce(&t, &r);
}
