/* aot_errors.c - the caller of test/Integration/aot-errors.mlir: calls the
 * lowered @pair with good and bad descriptors and prints what fxrt.h says
 * (fxrt_get_error, fxrt_get_error_location, the statistics). */
#include "fxrt.h"

#include <stdio.h>

typedef struct MemRef2 {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2;

void _mlir_ciface_pair(MemRef2 *result, MemRef2 *x, MemRef2 *y, int64_t n);
void _mlir_ciface_declared(MemRef2 *result, MemRef2 *x);

static float xs[5 * 5], ys[5 * 5];

static MemRef2 make(float *data, int64_t rows, int64_t cols) {
  MemRef2 m = {data, data, 0, {rows, cols}, {cols, 1}};
  return m;
}

/* The pending error (then cleared), or "ok: <what>first N rows: ..." with
 * `tail` (may be NULL) after the rows and on the error's next line; then
 * releases the run's memory. */
static void report(const MemRef2 *out, const char *what, const char *tail) {
  const char *err = fxrt_get_error();
  if (err) {
    const char *at = fxrt_get_error_location();
    printf("error at %s: %s\n", at ? at : "(unknown)", err);
    if (tail)
      printf("%s\n", tail);
    fxrt_clear_error();
  } else {
    printf("ok: %sfirst %lld rows:", what, (long long)out->sizes[0]);
    for (int64_t r = 0; r < out->sizes[0]; ++r)
      for (int64_t c = 0; c < out->sizes[1]; ++c)
        printf("%s%g", r && !c ? " / " : " ",
               out->aligned[out->offset + r * out->strides[0] + c * out->strides[1]]);
    printf("%s%s, no error\n", tail ? ", " : "", tail ? tail : "");
  }
  fxrt_release_all();
}

static void run(const char *what, MemRef2 x, MemRef2 y, int64_t n) {
  printf("%s\n", what);
  fxrt_reset_stats();
  MemRef2 out;
  _mlir_ciface_pair(&out, &x, &y, n);
  long long allocs = (long long)fxrt_get_stats().allocations;
  char tail[64];
  snprintf(tail, sizeof tail, "%lld allocations", allocs);
  report(&out, "x + y, ", tail);
}

/* @declared promises x's strides [4, 1]: a caller with others gets an
 * error (but for a dim of size 1). */
static void runDeclared(const char *what, MemRef2 x) {
  printf("%s\n", what);
  MemRef2 out;
  _mlir_ciface_declared(&out, &x);
  report(&out, "", NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (int i = 0; i < 12; ++i) {
    xs[i] = (float)(i + 1);
    ys[i] = 10.0f * (float)(i + 1);
  }
  run("ok", make(xs, 3, 4), make(ys, 3, 4), 2);
  run("y has 2 rows", make(xs, 3, 4), make(ys, 2, 4), 2);
  run("x has 5 columns", make(xs, 3, 5), make(ys, 3, 4), 2);
  run("n = -1", make(xs, 3, 4), make(ys, 3, 4), -1);
  run("n = 7", make(xs, 3, 4), make(ys, 3, 4), 7);
  run("cleared", make(xs, 3, 4), make(ys, 3, 4), 2);
  runDeclared("declared, rows of 4", make(xs, 3, 4));
  MemRef2 padded = {xs, xs, 0, {3, 4}, {5, 1}};
  runDeclared("declared, rows of 5", padded);
  MemRef2 t = {xs, xs, 0, {3, 4}, {1, 3}};
  runDeclared("declared, transposed", t);
  MemRef2 one = {xs, xs, 0, {1, 4}, {99, 1}};
  runDeclared("declared, one row of stride 99", one);
  return 0;
}
