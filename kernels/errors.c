/* errors.c - how libfxrt reports a failure (fxrt.h, "Errors").
 *
 * Every failure of a kernel, a copy, an allocation or a run-time check of
 * lowered code goes through fxCpuError: it prints one line on stderr (as
 * before) and, if no error is pending yet, records the message together
 * with the graph location lowered code last announced (fxrt_at).  The
 * first error wins: what follows a failure runs on the failed op's
 * (unwritten or unchecked) results, so later messages would be noise.
 * While an error is pending every `_mlir_ciface_` entry point that lowered
 * code calls returns at once without touching memory, so a failed graph
 * stops doing work and never reads what a failed check guarded.
 *
 * The state is process-wide, like the statistics.  Kernels may report from
 * their worker threads, so recording is a compare-and-swap: one writer
 * fills the buffers, readers wait until it is done.
 */
#include "cpu/fx_cpu.h"
#include "fxrt.h"

#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

enum { FX_ERROR_NONE, FX_ERROR_WRITING, FX_ERROR_SET };

static atomic_int gState = FX_ERROR_NONE;
static char gMessage[1024];
static char gLocation[512];
static int gHasLocation;
/* The location lowered code announced last: the file name (a string
 * constant of the compiled module), line and column.  Formatted into
 * gLocation when an error is recorded, since the module may be gone by the
 * time the caller reads the error.  Written by the thread that runs the
 * lowered code, read when that thread (or a kernel's worker) reports. */
static const char *gAtFile;
static int64_t gAtLine, gAtCol;

static void fxRecord(const char *message) {
  int expected = FX_ERROR_NONE;
  if (!atomic_compare_exchange_strong(&gState, &expected, FX_ERROR_WRITING))
    return; /* an earlier error stands */
  snprintf(gMessage, sizeof gMessage, "%s", message);
  gHasLocation = gAtFile != NULL;
  if (gHasLocation)
    snprintf(gLocation, sizeof gLocation, "%s:%lld:%lld", gAtFile,
             (long long)gAtLine, (long long)gAtCol);
  atomic_store(&gState, FX_ERROR_SET);
}

static void fxReportV(const char *who, const char *fmt, va_list ap) {
  /* Built in one buffer and written with one call, so concurrent messages
   * do not interleave within a line. */
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "%s: ", who ? who : "fxrt");
  if (n >= 0 && (size_t)n < sizeof msg)
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  fprintf(stderr, "fxrt: %s\n", msg);
  fxRecord(msg);
}

void fxCpuError(const char *kernel, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fxReportV(kernel, fmt, ap);
  va_end(ap);
}

void fxCpuWarn(const char *what, const char *fmt, ...) {
  char msg[512];
  int n = snprintf(msg, sizeof msg, "fxrt: %s: ", what);
  va_list ap;
  va_start(ap, fmt);
  if (n >= 0 && (size_t)n < sizeof msg)
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  va_end(ap);
  fprintf(stderr, "%s\n", msg);
}

int fxErrorPending(void) {
  return atomic_load_explicit(&gState, memory_order_relaxed) != FX_ERROR_NONE;
}

/*===-- The public API (fxrt.h) ---------------------------------------------===*/

void fxrt_set_error(const char *op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fxReportV(op, fmt, ap);
  va_end(ap);
}

static int fxWaitForError(void) {
  int s;
  while ((s = atomic_load(&gState)) == FX_ERROR_WRITING)
    sched_yield(); /* another thread is recording it right now */
  return s == FX_ERROR_SET;
}

const char *fxrt_get_error(void) {
  return fxWaitForError() ? gMessage : NULL;
}

const char *fxrt_get_error_location(void) {
  return fxWaitForError() && gHasLocation ? gLocation : NULL;
}

void fxrt_clear_error(void) {
  fxWaitForError();
  gAtFile = NULL;
  fxUserOpForget(); /* like gAtFile, a constant of a module that may be gone */
  atomic_store(&gState, FX_ERROR_NONE);
}

int64_t _mlir_ciface_fxrt_at(int64_t file, int64_t line, int64_t col) {
  gAtFile = (const char *)(intptr_t)file;
  gAtLine = line;
  gAtCol = col;
  return !fxErrorPending();
}
