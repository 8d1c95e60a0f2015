/* fx_dtype_sets.h - which dtypes each kind of kernel takes, as bit sets of
 * FxDtype codes.  The CPU kernels check their operands against them
 * (kernels/cpu/) and the verifier refuses what they would refuse
 * (dialect/FxVerifyAten.c), from this one definition.  A new row of
 * fx_dtypes.def joins a set only when it is written here, with the
 * kernels that take it.  Plain C, no MLIR. */
#ifndef FX_DTYPE_SETS_H
#define FX_DTYPE_SETS_H

#include "fxrt.h"

#define FX_DT(d) (1u << (d))
/* Activations: the float dtypes every row kernel loads and stores. */
#define FX_DT_FLOAT16_32 (FX_DT(FX_DTYPE_F32) | FX_DT(FX_DTYPE_F16) | FX_DT(FX_DTYPE_BF16))
/* Matmul operands: those and fp8 e4m3fn. */
#define FX_DT_FLOATS (FX_DT_FLOAT16_32 | FX_DT(FX_DTYPE_F8E4M3FN))
#define FX_DT_ANY ((1u << FX_DTYPE_COUNT) - 1)
/* The float dtypes torch computes with on the CPU (softmax): those and f64. */
#define FX_DT_REAL (FX_DT_FLOAT16_32 | FX_DT(FX_DTYPE_F64))
/* Operands read as numbers (the elementwise ops' inputs): every dtype with
 * one value per element, so not the packed f4e2m1fnx2, which no kernel
 * reads as numbers (copy_ moves its bytes). */
#define FX_DT_NUMBERS (FX_DT_ANY & ~FX_DT(FX_DTYPE_F4E2M1FNX2))

#endif /* FX_DTYPE_SETS_H */
