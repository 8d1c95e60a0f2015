/* activation.c - silu_and_mul and silu_and_mul_quant on the CPU.
 *
 * input is [..., 2d], result [..., d]; the gate is the first half:
 * out = T(float(T(silu(g))) * float(u)), silu in fp32 (kernel-numerics.md
 * §3.6: the SiLU result is rounded to T before the multiply).  The quant
 * variant stores fp8(clamp(float(out) * (1/scale))) with the reciprocal
 * taken once in fp32 (§3.7).  Rows may have any strides.  vLLM's quant
 * kernel takes fp16/bf16 only; fp32 input is accepted here too (T = f32). */
#include "cpu/fx_cpu.h"
#include "cpu/fx_rowops.h"

#include <stdlib.h>
#include <string.h>

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

/* The shared row loop; `quant` 0 writes T, else fp8.  Chunks of rows go
 * to threads (fxCpuParallelRows), each with its own scratch. */
typedef struct FxGluCtx {
  const char *k;
  FxCpuRowIo io;
  int quant;
  int32_t dtype;
  int64_t d;
  float invScale;
} FxGluCtx;

static void fxSiluAndMulChunk(void *p, int64_t begin, int64_t end) {
  const FxGluCtx *c = (const FxGluCtx *)p;
  const FxRowOps *ops = fxCpuRowOps();
  int64_t d = c->d, es = fxElemSize(c->dtype);
  FxCpuRows it = c->io.it;
  fxCpuRowsSeek(&it, begin, end);
  /* 16-bit rows, dense in and out: SiLU from the table (fxCpuSiluTable). */
  const float *tab = fxCpuSiluTable(c->dtype);
  if (tab && c->io.is == es && c->io.os == (c->quant ? 1 : es)) {
    while (fxCpuRowsNext(&it)) {
      if (c->quant)
        ops->siluMulQuantDense[c->dtype]((uint8_t *)it.ptr[c->io.o], it.ptr[c->io.in], d,
                                         tab, c->invScale);
      else
        ops->siluMulDense[c->dtype](it.ptr[c->io.o], it.ptr[c->io.in], d, tab);
    }
    return;
  }
  float *x = fxCpuScratch(c->k, 2 * d);
  while (x && fxCpuRowsNext(&it)) {
    fxCpuLoadRow(c->dtype, x, it.ptr[c->io.in], 2 * d, c->io.is);
    ops->siluMul[c->dtype](x, x + d, d); /* T(T(silu(g)) * u) */
    if (c->quant)
      fxCpuQuantRowMul(it.ptr[c->io.o], c->io.os, x, d, c->invScale);
    else
      fxCpuStoreRow(c->dtype, it.ptr[c->io.o], x, d, c->io.os);
  }
  free(x);
}

static void fxSiluAndMulRows(const char *k, const FxTensor *result,
                             const FxTensor *input, const FxTensor *scale,
                             int64_t d) {
  if (d <= 0)
    return;
  FxGluCtx c;
  memset(&c, 0, sizeof c);
  c.k = k;
  c.dtype = input->dtype;
  c.d = d;
  c.quant = scale != NULL;
  c.invScale = scale ? 1.0f / *(const float *)scale->data : 1.0f;
  fxCpuRowIoInit(&c.io, input, result, NULL);
  double bytes = (double)c.io.it.rows * (double)d *
                 (double)(2 * fxElemSize(input->dtype) + fxElemSize(result->dtype));
  if (!fxCpuWritesDisjoint(result))
    bytes = 0;
  fxCpuParallelRows(c.io.it.rows, bytes, fxSiluAndMulChunk, &c);
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
