/* fxrt.h - the fxir runtime: C ABI of the kernels that lowered fx IR calls.
 *
 * Lowered code (fx-lower-to-runtime) reaches the runtime only through the
 * functions below.  Every one is a `func.func private @<name>` with
 * `llvm.emit_c_interface` on the MLIR side, so the symbol the JIT or the
 * linker resolves is `_mlir_ciface_<name>`, taking pointers to MLIR memref
 * descriptors (DESIGN §4).
 *
 * Tensor records.  A built-in kernel takes each tensor as a `memref<?xi64>`
 * "tensor record" (one MLIR type for every dtype and rank, so one entry
 * point per op):
 *   [0] aligned data pointer (the memref's aligned pointer, as an integer)
 *   [1] offset in elements      [2] dtype (FxDtype)    [3] rank r
 *   [4 .. 4+r)   sizes           [4+r .. 4+2r) strides, in elements
 * An absent optional tensor (`Tensor?` left out) is a record with dtype -1.
 * fxTensorFromRecord decodes one into an FxTensor.
 *
 * Calling convention of a kernel `fxrt_<ns>__<op>` (ns `_C` gives
 * `fxrt__C__rms_norm`; an overload's '.' becomes '_': `fxrt_aten__add_Tensor`):
 * one out-record per tensor the op returns (allocated by the caller from the
 * result type), then the schema's parameters in schema order: tensors as
 * records, `int`/`SymInt`/`bool` as int64_t, `float` as double, an int
 * list the kernel needs (the row's `L`) as the record of a 1-D int64
 * tensor of its values (absent for None).
 * Kernels write exactly the schema's `Tensor!` arguments (and their
 * out-records), honour strides and offsets, and accept 0 tokens.
 *
 * User ops (targets without a built-in kernel, declared with `fx.schema`)
 * are called as `_mlir_ciface_fxrt_<ns>__<op>` with ranked strided memref
 * descriptors ({T *allocated, *aligned; int64_t offset, sizes[R],
 * strides[R]}) instead of records; see DESIGN §4.
 *
 * Memory.  fxrt_alloc returns zeroed, 64-byte aligned storage owned by the
 * runtime until fxrt_release_all (fx-run calls it after each run).  Every
 * allocation and every tensor copy is counted (fxrt_get_stats).
 *
 * Dispatch.  A kernel runs on the GPU when its data is device memory and
 * libfxrt was built with CUDA, on the CPU otherwise.  A process without a
 * CUDA driver never fails because of CUDA.
 *
 * Errors.  A kernel, copy, allocation or run-time check that fails prints
 * one line to stderr and records the first error of the run with the graph
 * location of the op that failed (fxrt_get_error, below).  From then on the
 * entry points lowered code calls do nothing until fxrt_clear_error, so a
 * failed run ends without further work and never computes on what a failed
 * check guarded.  A caller of lowered code (fx-run, an AOT program) checks
 * fxrt_get_error after each call and must not use the results when it is
 * set.
 *
 * Thread safety: kernels are reentrant; allocation, statistics, the error
 * state and the device setting are process-wide and not meant for
 * concurrent runs.
 */
#ifndef FXRT_H
#define FXRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FXRT_MAX_RANK 8

/* The runtime code of each dtype (fx_dtypes.def, one row per dtype). */
typedef enum FxDtype {
#define FX_DTYPE(CODE, value, mlir, type, get, abbr, torch, bytes, npy, kind)  \
  FX_DTYPE_##CODE = value,
#include "fx_dtypes.def"
  FX_DTYPE_COUNT,
  FX_DTYPE_ABSENT = -1,
} FxDtype;

/* Bytes per element of `dtype` (i1 is stored as one byte); 0 if unknown. */
size_t fxDtypeSize(int32_t dtype);

/* A decoded tensor: `data` points at element (0, ..., 0) (offset applied). */
typedef struct FxTensor {
  void *data;
  int32_t dtype;
  int32_t rank;
  int64_t sizes[FXRT_MAX_RANK];
  int64_t strides[FXRT_MAX_RANK]; /* in elements */
} FxTensor;

/* MLIR's C-interface descriptor of memref<?xi64> (a tensor record) and of
 * memref<?xi8> (raw storage from fxrt_alloc). */
typedef struct FxMemRefI64 {
  int64_t *allocated, *aligned;
  int64_t offset, size, stride;
} FxMemRefI64;

typedef struct FxMemRefI8 {
  uint8_t *allocated, *aligned;
  int64_t offset, size, stride;
} FxMemRefI8;

/* Decodes a record; returns 0 on success, -1 for a malformed record, and
 * for an absent optional tensor sets out->data = NULL, out->dtype = -1. */
int fxTensorFromRecord(const FxMemRefI64 *record, FxTensor *out);

/* Number of elements of `t`. */
int64_t fxTensorNumel(const FxTensor *t);

/*===-- Errors -------------------------------------------------------------===*/

/* The first error recorded since the last fxrt_clear_error, as
 * "<who>: <message>" (who: the kernel, e.g. "fxrt__C__rms_norm", or the
 * checked op, e.g. "fx.reshape to [s1, 4]"), or NULL when there is none.
 * The string is owned by the runtime and valid until fxrt_clear_error. */
const char *fxrt_get_error(void);
/* The graph location of the op that failed, "file:line:col" as in the fx IR
 * it was lowered from, or NULL when there is no error or lowered code gave
 * no location (a direct C call of a kernel).  Owned like fxrt_get_error's. */
const char *fxrt_get_error_location(void);
/* Forgets the error (and the current location): the entry points work
 * again.  Call it before each run of lowered code. */
void fxrt_clear_error(void);
/* Reports a failure as the runtime's own kernels do: prints
 * "fxrt: <op>: <message>" on stderr and records "<op>: <message>" unless an
 * error is pending.  For user ops (fxrt_<ns>__<op> in a --shared-lib): a user
 * op that refuses its operands calls this and returns without writing; the
 * run then fails like for a built-in kernel.  Lowered code calls a user op
 * only while no error is pending. */
void fxrt_set_error(const char *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* MLIR entry point of `fxrt_at(i64 file, i64 line, i64 col) -> i64`:
 * lowered code calls it before the runtime calls of each op, with the op's
 * location (`file` the address of the file name, 0 when the op has no file
 * location); an error recorded until the next fxrt_at carries it.  Returns
 * 1 while no error is pending (lowered code calls a user op only then), 0
 * otherwise. */
int64_t _mlir_ciface_fxrt_at(int64_t file, int64_t line, int64_t col);

/*===-- User ops -------------------------------------------------------------===*/

/* A user op (`_mlir_ciface_fxrt_<ns>__<op>` in a --shared-lib, DESIGN §4)
 * receives its tensors as ranked memref descriptors, which do not say their
 * element type.  Lowered code announces the dtypes right before each
 * user-op call: */

/* MLIR entry point of `fxrt_user_op(i64 dtypes)`: `dtypes` is the address
 * of a constant "c0:r0,c1:r1,...", one entry per parameter of the call in
 * ABI order (out-descriptors first): a tensor's FxDtype code and rank, or
 * "-" for a non-tensor or a left-out optional tensor.  Does nothing while
 * an error is pending; fxrt_clear_error forgets it. */
void _mlir_ciface_fxrt_user_op(int64_t dtypes);
/* For the user op being called: the FxDtype of its parameter `index` (ABI
 * order, counting every parameter), or -1 when that parameter is not a
 * tensor, is left out, or does not exist, or when no lowered code has
 * announced a call (a direct C call). */
int fxrt_user_arg_dtype(int index);
/* Its rank (the descriptor's sizes[] and strides[] length), or -1 as
 * above. */
int fxrt_user_arg_rank(int index);

/*===-- Run-time checks of lowered code -----------------------------------===*/

/* Where lowered code would otherwise trust that symbol values agree, it
 * calls one of these.  `who` and `what` are addresses of strings naming the
 * op (or function) and the quantity checked: the error reads
 * "<who>: <what> is <got>, expected <want>".  Each does nothing while an
 * error is pending. */

/* Records an error unless got == want (argument descriptors against their
 * declared dims and symbols, symbolic dims of slices). */
void _mlir_ciface_fxrt_check_eq(int64_t got, int64_t want, int64_t who,
                                int64_t what);
/* Records an error unless value >= 0 (symbol values at function entry). */
void _mlir_ciface_fxrt_check_size(int64_t value, int64_t who, int64_t what);
/* Records an error unless got == want, the dim's size is 1 or the tensor
 * is empty (min_size, its smallest dim size, is 0): an argument's stride
 * against its fx.strides at function entry. */
void _mlir_ciface_fxrt_check_stride(int64_t min_size, int64_t size, int64_t got,
                                    int64_t want, int64_t who, int64_t what);
/* torch's slice rule (negative start/end from the end, both clamped to
 * [0, size]) on a dim of `size`: returns the clamped start, or records an
 * error "<what>: selects N elements ..." (and returns 0) unless the slice
 * selects exactly `length` elements (the result's or src's dim). */
int64_t _mlir_ciface_fxrt_slice(int64_t size, int64_t start, int64_t end,
                                int64_t step, int64_t length, int64_t what);

/*===-- Memory, copies, statistics -----------------------------------------===*/

typedef enum FxDevice { FX_DEVICE_CPU = 0, FX_DEVICE_CUDA = 1 } FxDevice;

/* Where fxrt_alloc puts new tensors; returns 0, or -1 when `device` is not
 * available (no CUDA in this build, or no usable GPU). */
int fxrt_set_device(FxDevice device);
FxDevice fxrt_get_device(void);
/* Where `data` lives: FX_DEVICE_CUDA for GPU memory (a CUDA build with a
 * usable GPU), FX_DEVICE_CPU otherwise (NULL too).  For user ops written
 * for the CPU, which stage a GPU tensor through host memory with
 * fxrt_copy_tensor (test/Integration/Inputs/userops.c). */
FxDevice fxrt_device_of(const void *data);

/* Why the GPU is or is not usable, as one line for people: "CUDA: 1
 * device (NVIDIA H200), driver 13.0, runtime 13.0", or the reason it is
 * not ("CUDA: cudaGetDeviceCount failed: CUDA driver version is
 * insufficient for CUDA runtime version (driver 12.4, runtime 13.0)",
 * "libfxrt was built without CUDA").  Static storage; asks CUDA once. */
const char *fxrt_device_status(void);

typedef struct FxStats {
  int64_t allocations, allocated_bytes;
  int64_t copies, copied_bytes;
  int64_t live_bytes, peak_bytes;
  int64_t frees; /* fxrt_free calls that freed an allocation */
} FxStats;

FxStats fxrt_get_stats(void);
void fxrt_reset_stats(void);
/* Frees everything fxrt_alloc returned. */
void fxrt_release_all(void);

/* MLIR entry point of `fxrt_alloc(i64 bytes) -> memref<?xi8>`.  bytes -1
 * means the lowered size computation overflowed (an error).  While an error
 * is pending it returns a null descriptor. */
void _mlir_ciface_fxrt_alloc(FxMemRefI8 *out, int64_t bytes);
/* MLIR entry point of `fxrt_free(i64 ptr)`: frees the allocation fxrt_alloc
 * returned at `ptr` (a memref's aligned pointer, which views keep) and
 * takes its bytes off live_bytes; does nothing when `ptr` is 0, no live
 * allocation starts there (a caller's tensor, or one freed already), or an
 * error is pending (an entry point that failed may have left a stale
 * descriptor; fxrt_release_all frees what is left).
 * Lowered code calls it after the last use of the tensors that share the
 * storage (lowering/Liveness.c), for each that may hold storage. */
void _mlir_ciface_fxrt_free(int64_t ptr);
/* MLIR entry point of `fxrt_copy(dst record, src record)`: strided copy of
 * same-shape tensors (dtypes must match).  Does nothing while an error is
 * pending (fxrt_copy_tensor, the C function, always copies). */
void _mlir_ciface_fxrt_copy(FxMemRefI64 *dst, FxMemRefI64 *src);
/* Strides a view of `in` with `rank` sizes would have (torch's view
 * rule); writes them to `strides` and returns 1, or 0 when no such view
 * exists (a reshape must copy).  MLIR entry point of
 * `fxrt_view_strides(record in, memref<?xi64> sizes, memref<?xi64> strides) -> i64`. */
int64_t _mlir_ciface_fxrt_view_strides(FxMemRefI64 *in, FxMemRefI64 *sizes,
                                       FxMemRefI64 *strides);

/* MLIR's memref descriptor of any rank r as it lies in memory: sizes in
 * rest[0 .. r), strides in rest[r .. 2r) (elements). */
typedef struct FxMemRefDescriptor {
  void *allocated, *aligned;
  int64_t offset;
  int64_t rest[2 * FXRT_MAX_RANK];
} FxMemRefDescriptor;

/* fx.reshape and fx.view: MLIR entry point of `fxrt_reshape(i64 in, i64 out,
 * i64 dtype, i64 rank, i64 newRank, i64 flags, i64 s0, ..., i64 s7)`.
 * `in` and `out` are addresses of memref descriptors (the input's, of rank
 * `rank`, and room for the result's, of rank `newRank`; lowered code stores
 * and loads them whole), s0 .. s(newRank-1) the new sizes.  The result
 * shares the input's storage when torch's view rule allows it (`out` gets
 * the input's pointers and offset and the view's strides).  Otherwise, with
 * FXRT_RESHAPE_MAY_COPY in `flags` (fx.reshape), it is new storage holding a
 * contiguous copy of the input; without it (fx.view, which never copies) it
 * is an error, as in torch.  New sizes whose element count is not the
 * input's (symbol values that contradict the reshape) are an error too.
 * After an error `out` has null pointers and zero strides.  One call and no
 * control flow keeps lowering linear in the number of reshapes. */
#define FXRT_RESHAPE_MAY_COPY 1
void _mlir_ciface_fxrt_reshape(int64_t in, int64_t out, int64_t dtype,
                               int64_t rank, int64_t newRank, int64_t flags,
                               int64_t s0, int64_t s1, int64_t s2, int64_t s3,
                               int64_t s4, int64_t s5, int64_t s6, int64_t s7);

/* torch's view ops (aten::t, transpose.int, permute, unsqueeze, squeeze.dim,
 * expand, select.int, detach, alias): MLIR entry point of `fxrt_view(i64
 * in, i64 out, i64 kind, i64 rank, i64 newRank, i64 params, i64 numParams,
 * i64 who)`.  `in`/`out` as fxrt_reshape's; `params` the address of
 * numParams int64s: the result type's newRank sizes, then the op's
 * integer arguments (transpose: dim0, dim1; permute: dims; unsqueeze,
 * squeeze: dim; expand: size; select: dim, index; as_strided: stride, then
 * storage_offset if given).  `out` gets the input's
 * storage and offset with the view's sizes and strides (torch's rules,
 * kernels/views.c), never a copy; invalid arguments, or sizes other than
 * the result type's, are an error at `who` (then `out` has null pointers). */
enum {
  FXRT_VIEW_T, FXRT_VIEW_TRANSPOSE, FXRT_VIEW_PERMUTE, FXRT_VIEW_UNSQUEEZE,
  FXRT_VIEW_SQUEEZE, FXRT_VIEW_EXPAND, FXRT_VIEW_SELECT, FXRT_VIEW_ALIAS,
  FXRT_VIEW_AS_STRIDED, FXRT_VIEW_COUNT
};
void _mlir_ciface_fxrt_view(int64_t in, int64_t out, int64_t kind, int64_t rank,
                            int64_t newRank, int64_t params, int64_t numParams,
                            int64_t who);

/* aten::copy_ into `self` in place: torch's internal-overlap check
 * (assert_no_internal_overlap) on the memref descriptor at `desc` of rank
 * `rank` -- a dim of stride 0 and size > 1, as expand makes, is an error
 * at `who`.  vLLM's custom kernels do not check, and neither does fxir for
 * them. */
void _mlir_ciface_fxrt_check_writable(int64_t desc, int64_t rank, int64_t who);

/* A function's donated argument (fx.donated) at entry: its elements must be
 * distinct memory locations (sorted by stride, each dim of size > 1 steps
 * past the smaller ones: an expand's stride 0, or an as_strided that
 * overlaps, is an error at `who`).  The passes may write a donated
 * argument in place where the graph computed a new tensor. */
void _mlir_ciface_fxrt_check_donated(int64_t desc, int64_t rank, int64_t who);

/* Copies between tensors as C functions (also used by fx-run). */
void fxrt_copy_tensor(const FxTensor *dst, const FxTensor *src);

/*===-- Kernels ------------------------------------------------------------===*/

/* Each kernel below is also exported as `_mlir_ciface_<name>` taking
 * FxMemRefI64 * records in place of the FxTensor pointers.  Absent optional
 * tensors are NULL.  The `_mlir_ciface_` entry points do nothing while an
 * error is pending; the C functions always run (and record their errors). */

void fxrt__C__rms_norm(const FxTensor *result, const FxTensor *input,
                       const FxTensor *weight, double epsilon);
void fxrt__C__fused_add_rms_norm(const FxTensor *input, const FxTensor *residual,
                                 const FxTensor *weight, double epsilon);
void fxrt__C__rms_norm_static_fp8_quant(const FxTensor *result,
                                        const FxTensor *input,
                                        const FxTensor *weight,
                                        const FxTensor *scale, double epsilon);
void fxrt__C__fused_add_rms_norm_static_fp8_quant(
    const FxTensor *result, const FxTensor *input, const FxTensor *residual,
    const FxTensor *weight, const FxTensor *scale, double epsilon);
void fxrt__C__rms_norm_dynamic_per_token_quant(
    const FxTensor *result, const FxTensor *input, const FxTensor *weight,
    const FxTensor *scale, double epsilon, const FxTensor *scale_ub,
    const FxTensor *residual);
void fxrt__C__silu_and_mul(const FxTensor *result, const FxTensor *input);
void fxrt__C__silu_and_mul_quant(const FxTensor *result, const FxTensor *input,
                                 const FxTensor *scale);
void fxrt__C__rotary_embedding(const FxTensor *positions, const FxTensor *query,
                               const FxTensor *key, int64_t head_size,
                               const FxTensor *cos_sin_cache, int64_t is_neox,
                               int64_t rope_dim_offset, int64_t inverse);
void fxrt__C__static_scaled_fp8_quant(const FxTensor *result,
                                      const FxTensor *input,
                                      const FxTensor *scale);
void fxrt__C__dynamic_scaled_fp8_quant(const FxTensor *result,
                                       const FxTensor *input,
                                       const FxTensor *scale);
void fxrt__C__dynamic_per_token_scaled_fp8_quant(const FxTensor *result,
                                                 const FxTensor *input,
                                                 const FxTensor *scale,
                                                 const FxTensor *scale_ub);

/* aten ops with a tensor return: `out` first. */
void fxrt_aten__mm(const FxTensor *out, const FxTensor *self,
                   const FxTensor *mat2);
void fxrt_aten___scaled_mm(const FxTensor *out, const FxTensor *self,
                           const FxTensor *mat2, const FxTensor *scale_a,
                           const FxTensor *scale_b, const FxTensor *bias,
                           const FxTensor *scale_result,
                           int64_t use_fast_accum);

/* Elementwise ops (kernels/cpu/elementwise.c, docs/runtime.md): torch's
 * broadcasting of the inputs to `out`'s shape, every dtype with one value
 * per element.  The out dtype is the common dtype the inputs are cast to
 * (torch's result type, as the verifier gives it), except for the
 * comparisons, whose out is bool.  Scalars arrive as doubles. */
void fxrt_aten__add_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other, double alpha);
void fxrt_aten__sub_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other, double alpha);
void fxrt_aten__mul_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other);
void fxrt_aten__div_Tensor(const FxTensor *out, const FxTensor *self,
                           const FxTensor *other);
void fxrt_aten__add_Scalar(const FxTensor *out, const FxTensor *self,
                           double other, double alpha);
void fxrt_aten__sub_Scalar(const FxTensor *out, const FxTensor *self,
                           double other, double alpha);
void fxrt_aten__mul_Scalar(const FxTensor *out, const FxTensor *self,
                           double other);
void fxrt_aten__div_Scalar(const FxTensor *out, const FxTensor *self,
                           double other);
void fxrt_aten__rsub_Scalar(const FxTensor *out, const FxTensor *self,
                            double other, double alpha);
void fxrt_aten__pow_Tensor_Scalar(const FxTensor *out, const FxTensor *self,
                                  double exponent);
void fxrt_aten__eq_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__ne_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__lt_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__le_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__gt_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__ge_Scalar(const FxTensor *out, const FxTensor *self,
                          double other);
void fxrt_aten__bitwise_and_Tensor(const FxTensor *out, const FxTensor *self,
                                   const FxTensor *other);
void fxrt_aten__bitwise_or_Tensor(const FxTensor *out, const FxTensor *self,
                                  const FxTensor *other);
void fxrt_aten__bitwise_not(const FxTensor *out, const FxTensor *self);
void fxrt_aten__masked_fill_Scalar(const FxTensor *out, const FxTensor *self,
                                   const FxTensor *mask, double value);
void fxrt_aten__where_self(const FxTensor *out, const FxTensor *condition,
                           const FxTensor *self, const FxTensor *other);
void fxrt_aten__silu(const FxTensor *out, const FxTensor *self);
void fxrt_aten__sigmoid(const FxTensor *out, const FxTensor *self);
void fxrt_aten__exp(const FxTensor *out, const FxTensor *self);
void fxrt_aten__log(const FxTensor *out, const FxTensor *self);
void fxrt_aten__abs(const FxTensor *out, const FxTensor *self);
void fxrt_aten__neg(const FxTensor *out, const FxTensor *self);
void fxrt_aten__rsqrt(const FxTensor *out, const FxTensor *self);
void fxrt_aten__cos(const FxTensor *out, const FxTensor *self);
/* `self` converted to out's dtype with aten::copy_'s casts (same shape). */
void fxrt_aten___to_copy(const FxTensor *out, const FxTensor *self,
                         int64_t non_blocking);
/* `out` filled with the value cast to its dtype. */
void fxrt_aten__full(const FxTensor *out, double fill_value);
void fxrt_aten__zeros(const FxTensor *out);
void fxrt_aten__ones(const FxTensor *out);

/* Reductions (kernels/cpu/reduce.c): `dim` is a 1-D int64 tensor of the
 * dims to reduce (NULL or empty: all of them), `keepdim` as torch's. */
void fxrt_aten__sum_dim_IntList(const FxTensor *out, const FxTensor *self,
                                const FxTensor *dim, int64_t keepdim);
void fxrt_aten__mean_dim(const FxTensor *out, const FxTensor *self,
                         const FxTensor *dim, int64_t keepdim);
/* softmax of self along `dim`; half_to_float: f16/bf16 in, f32 out. */
void fxrt_aten___softmax(const FxTensor *out, const FxTensor *self,
                         int64_t dim, int64_t half_to_float);

/* out = beta * self + alpha * (mat1 @ mat2), self broadcast to [M, N]. */
void fxrt_aten__addmm(const FxTensor *out, const FxTensor *self,
                      const FxTensor *mat1, const FxTensor *mat2, double beta,
                      double alpha);
void fxrt_aten__bmm(const FxTensor *out, const FxTensor *self,
                    const FxTensor *mat2);
/* out[..., :] = weight[indices[...], :]; padding_idx, scale_grad_by_freq
 * and sparse only matter for the gradient and are ignored. */
void fxrt_aten__embedding(const FxTensor *out, const FxTensor *weight,
                          const FxTensor *indices, int64_t padding_idx,
                          int64_t scale_grad_by_freq, int64_t sparse);
void fxrt_aten__index_select(const FxTensor *out, const FxTensor *self,
                             int64_t dim, const FxTensor *index);

/* aten::copy_ (no out-record: it returns `self`, which it writes): `src`
 * converted to self's dtype with torch's casts and broadcast to self's
 * shape (kernels/cpu/copy.c and docs/runtime.md say exactly how).
 * `non_blocking` has no effect. */
void fxrt_aten__copy_(const FxTensor *self, const FxTensor *src,
                      int64_t non_blocking);

#ifdef __cplusplus
}
#endif

#endif /* FXRT_H */
