// RUN: fx-capi-stack-test return 2>&1 | FileCheck %s --check-prefix=RETURN
// RUN: fx-capi-stack-test deep 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: not fx-capi-stack-test overflow 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: not fx-capi-stack-test overflow-nested 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: fx-capi-stack-test refused 2>&1 | FileCheck %s --check-prefix=REFUSED
// A fault that is not an overflow is still a crash (or the sanitizer's
// report), never the overflow message.
// RUN: sh -c 'fx-capi-stack-test null; echo "status $?"' 2>&1 | FileCheck %s --check-prefix=NULL

/* stack.c - fxRunOnStack (fxir/Fx.h, "Stacks"): fn's result comes back; a
 * stack of the size asked holds recursion that fits it; running past the
 * end is the caller's message and exit status 1, also on the inner of two
 * nested stacks; a stack the system refuses is an error, and fn does not
 * run; a fault elsewhere is left to the handler before. */
#include "fxir/Fx.h"

#include <stdio.h>
#include <string.h>

/* Recursion the compiler can neither flatten nor turn into a loop: each
 * frame holds 1 KB it reads after the call.  Returns `depth`. */
static int recurse(volatile int depth) {
  volatile char frame[1024];
  frame[0] = (char)depth;
  if (depth == 0)
    return 0;
  return recurse(depth - 1) + (frame[0] == (char)depth);
}

static int returnSeven(void *arg) {
  (void)arg;
  return 7;
}

/* 1000 frames of over 1 KB: more than 1 MB. */
static int deep(void *arg) {
  (void)arg;
  return recurse(1000) == 1000;
}

static int forever(void *arg) {
  (void)arg;
  return recurse(1 << 30);
}

static int nested(void *arg) {
  (void)arg;
  return fxRunOnStack(256 << 10, "inner stack overflowed\n", forever, NULL);
}

static int sayRan(void *arg) {
  (void)arg;
  printf("fn ran\n");
  return 0;
}

static int writeNull(void *arg) {
  volatile int *p = arg;
  *p = 1;
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "return") == 0) {
    // RETURN: fn returned 7
    printf("fn returned %d\n",
           fxRunOnStack(64 << 10, "unexpected overflow\n", returnSeven, NULL));
    return 0;
  }
  if (strcmp(mode, "deep") == 0) {
    // DEEP-NOT: overflow
    // DEEP: 1000 frames ran: 1
    printf("1000 frames ran: %d\n",
           fxRunOnStack(4 << 20, "unexpected overflow\n", deep, NULL));
    return 0;
  }
  if (strcmp(mode, "overflow") == 0) {
    // OVERFLOW: the test's stack of 256 KB overflowed
    // OVERFLOW-NOT: returned
    int r = fxRunOnStack(256 << 10, "the test's stack of 256 KB overflowed\n",
                         forever, NULL);
    printf("returned %d\n", r);
    return 0;
  }
  if (strcmp(mode, "overflow-nested") == 0) {
    // NESTED: inner stack overflowed
    // NESTED-NOT: outer
    int r = fxRunOnStack(4 << 20, "outer stack overflowed\n", nested, NULL);
    printf("returned %d\n", r);
    return 0;
  }
  if (strcmp(mode, "refused") == 0) {
    // REFUSED: error: cannot reserve a stack of {{[0-9]+}} MB (Cannot allocate memory)
    // REFUSED-NEXT: result 1
    // REFUSED-NOT: fn ran
    int r = fxRunOnStack((size_t)1 << 62, "unexpected overflow\n", sayRan, NULL);
    printf("result %d\n", r);
    return 0;
  }
  if (strcmp(mode, "null") == 0) {
    // NULL-NOT: overflowed
    // NULL-NOT: returned
    // NULL: status {{[1-9][0-9]*}}
    fxRunOnStack(256 << 10, "the stack overflowed\n", writeNull, NULL);
    printf("returned\n");
    return 0;
  }
  fprintf(stderr, "usage: fx-capi-stack-test return|deep|overflow|overflow-nested|refused|null\n");
  return 2;
}
