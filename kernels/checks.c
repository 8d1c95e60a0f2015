/* checks.c - the run-time checks of lowered code (fxrt.h, "Run-time
 * checks").
 *
 * fx types hold symbols whose values are known only at run time.  Where a
 * lowered op would trust that two symbolic quantities agree (a slice's
 * length and its result type, an argument's descriptor and its declared
 * dims), the lowering emits one of these calls instead of trusting it; a
 * disagreement is a run error at the op, never an out-of-bounds access.
 * `who` and `what` are NUL-terminated string constants of the lowered
 * module naming the op (the function, for argument checks) and the
 * quantity; all integers are int64 because that is how the lowering passes
 * them.
 */
#include "common/fx_slice.h"
#include "cpu/fx_cpu.h"
#include "fxrt.h"

static const char *fxText(int64_t s, const char *otherwise) {
  return s ? (const char *)(intptr_t)s : otherwise;
}
#define fxWhat(who) fxText(who, "fxrt check")

void _mlir_ciface_fxrt_check_eq(int64_t got, int64_t want, int64_t who,
                                int64_t what) {
  if (fxErrorPending() || got == want)
    return;
  fxCpuError(fxWhat(who), "%s is %lld, expected %lld", fxText(what, "a size"),
             (long long)got, (long long)want);
}

void _mlir_ciface_fxrt_check_size(int64_t value, int64_t who, int64_t what) {
  if (fxErrorPending() || value >= 0)
    return;
  fxCpuError(fxWhat(who), "%s is %lld; sizes cannot be negative",
             fxText(what, "a size"), (long long)value);
}

void _mlir_ciface_fxrt_check_stride(int64_t min_size, int64_t size, int64_t got,
                                    int64_t want, int64_t who, int64_t what) {
  if (fxErrorPending() || min_size == 0 || size == 1 || got == want)
    return;
  fxCpuError(fxWhat(who), "%s is %lld, expected %lld: the caller's tensor is "
             "not laid out as the function declares", fxText(what, "a stride"),
             (long long)got, (long long)want);
}

int64_t _mlir_ciface_fxrt_slice(int64_t size, int64_t start, int64_t end,
                                int64_t step, int64_t length, int64_t what) {
  if (fxErrorPending())
    return 0;
  if (size < 0 || step < 1 || length < 0) {
    fxCpuError(fxWhat(what), "malformed slice (size %lld, step %lld, length "
                             "%lld): a bug in the lowering",
               (long long)size, (long long)step, (long long)length);
    return 0;
  }
  int64_t n;
  int64_t s = fxSliceBounds(size, start, end, step, &n);
  if (n == length)
    return s;
  fxCpuError(fxWhat(what), "selects %lld elements of a dim of size %lld "
                           "(start %lld, end %lld, step %lld), not %lld",
             (long long)n, (long long)size, (long long)start,
             (long long)end, (long long)step, (long long)length);
  return 0;
}
