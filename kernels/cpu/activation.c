/* activation.c - silu_and_mul and silu_and_mul_quant on the CPU.
 *
 * input is [..., 2d], result [..., d]; the gate is the first half:
 * out = T(float(T(silu(g))) * float(u)), silu in fp32 (kernel-numerics.md
 * §3.6: the SiLU result is rounded to T before the multiply).  The quant
 * variant stores fp8(clamp(float(out) * (1/scale))) with the reciprocal
 * taken once in fp32 (§3.7).  Rows may have any strides.  vLLM's quant
 * kernel takes fp16/bf16 only; fp32 input is accepted here too (T = f32). */
#include "cpu/fx_cpu.h"

#include <stdlib.h>

/* Checks the pair and returns d (the output width), or -1. */
static int64_t fxGluCheck(const char *k, const FxTensor *result,
                          const FxTensor *input, uint32_t resultDtypes) {
  if (fxCpuCheck(k, "input", input, FX_DT_FLOAT16_32, 1, FXRT_MAX_RANK) ||
      fxCpuCheck(k, "result", result, resultDtypes, 1, FXRT_MAX_RANK))
    return -1;
  int r = input->rank;
  int64_t d = input->sizes[r - 1] / 2;
  int ok = result->rank == r && input->sizes[r - 1] % 2 == 0 &&
           result->sizes[r - 1] == d;
  for (int i = 0; ok && i < r - 1; i++)
    ok = result->sizes[i] == input->sizes[i];
  if (!ok) {
    fxCpuError(k, "'result' must be 'input' with the last dimension halved "
                  "(input last dimension %lld)",
               (long long)input->sizes[r - 1]);
    return -1;
  }
  return d;
}

/* The shared row loop; `scale` NULL writes T, else fp8. */
static void fxSiluAndMulRows(const char *k, const FxTensor *result,
                             const FxTensor *input, const FxTensor *scale,
                             int64_t d) {
  const FxCpuDtype *dt = fxCpuDtype(input->dtype);
  float *x = fxCpuScratch(k, 2 * d);
  if (!x)
    return;
  float invScale = scale ? 1.0f / *(const float *)scale->data : 1.0f;
  FxCpuRows it;
  fxCpuRowsInit(&it, input->rank - 1, input->sizes);
  int in = fxCpuRowsAdd(&it, input, NULL), o = fxCpuRowsAdd(&it, result, NULL);
  int64_t is = fxCpuInnerStride(input), os = fxCpuInnerStride(result);
  while (d > 0 && fxCpuRowsNext(&it)) {
    dt->load(x, it.ptr[in], 2 * d, is);
    for (int64_t j = 0; j < d; j++)
      x[j] = fxSiluAndMul(input->dtype, x[j], x[d + j]);
    if (!scale) {
      dt->store(it.ptr[o], x, d, os);
      continue;
    }
    for (int64_t j = 0; j < d; j++)
      *(uint8_t *)(it.ptr[o] + j * os) = fxQuantF8E4M3FN(x[j] * invScale);
  }
  free(x);
}

void fxrt__C__silu_and_mul(const FxTensor *result, const FxTensor *input) {
  int64_t d = fxGluCheck(__func__, result, input, FX_DT_FLOAT16_32);
  FX_TRY(d < 0);
  FX_TRY(fxCpuCheckSameDtype(__func__, "result", result, "input", input));
  FX_CUDA_DISPATCH(__func__, fxCudaSiluAndMul(__func__, result, input, NULL, d),
                   result, input);
  fxSiluAndMulRows(__func__, result, input, NULL, d);
}

void fxrt__C__silu_and_mul_quant(const FxTensor *result, const FxTensor *input,
                                 const FxTensor *scale) {
  int64_t d = fxGluCheck(__func__, result, input, FX_DT(FX_DTYPE_F8E4M3FN));
  FX_TRY(d < 0);
  FX_TRY(fxCpuCheck(__func__, "scale", scale, FX_DT(FX_DTYPE_F32), 0,
                    FXRT_MAX_RANK) ||
         fxCpuCheckNumel(__func__, "scale", scale, 1, "a per-tensor scale"));
  FX_CUDA_DISPATCH(__func__, fxCudaSiluAndMul(__func__, result, input, scale, d),
                   result, input, scale);
  fxSiluAndMulRows(__func__, result, input, scale, d);
}
