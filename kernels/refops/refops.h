/* refops.h - reference implementations of vLLM ops that libfxrt has no
 * kernel for, as a user-op library (libfx_vllm_refops.so, loaded with
 * fx-run --shared-lib; docs/runtime.md, "Reference user ops").  Written to
 * be checked against, not to be fast. */
#ifndef FX_REFOPS_H
#define FX_REFOPS_H

#include "fxrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* vllm::unified_attention_with_output without a KV cache: causal
 * self-attention of one sequence.  query [T, Hq, D], key and value
 * [T, Hkv, D] with Hq a multiple of Hkv, output [T, Hq, D]; any strides;
 * all four f32, f16 or bf16 (the same).  Scale 1/sqrt(D); scores, softmax
 * and sums in double, each output element rounded once.  Returns 0, or -1
 * after reporting through fxrt_set_error (nothing written). */
int fxRefUnifiedAttention(const FxTensor *query, const FxTensor *key,
                          const FxTensor *value, const FxTensor *output);

/* The user-op entry point lowered code calls (DESIGN §4): descriptors of
 * the four tensors, the layer name (unused: it names vLLM's KV cache), and
 * the optional quantization operands, which must be left out (NULL); the
 * dtypes and ranks come from fxrt_user_arg_dtype/rank. */
void _mlir_ciface_fxrt_vllm__unified_attention_with_output(
    const void *query, const void *key, const void *value, const void *output,
    const char *layer_name, const void *output_scale,
    const void *output_block_scale);

/* vllm::all_reduce(Tensor tensor, str group_name) -> Tensor in one
 * process: world size 1, so `result` (same dtype and sizes, any strides)
 * gets a copy of `tensor`.  Returns 0, or -1 after fxrt_set_error. */
int fxRefAllReduce(const FxTensor *tensor, const FxTensor *result);

/* Its user-op entry point: the result's out-descriptor first (DESIGN §4). */
void _mlir_ciface_fxrt_vllm__all_reduce(const void *result, const void *tensor,
                                        const char *group_name);

/* A user-op descriptor (`desc`, parameter `index` in ABI order, `name` for
 * messages) as an FxTensor, with the dtype and rank lowered code announced
 * (fxrt_user_op); -1 after reporting as `who` when there are none. */
int fxRefFromDescriptor(const char *who, const void *desc, int index,
                        const char *name, FxTensor *out);

#ifdef __cplusplus
}
#endif

#endif
