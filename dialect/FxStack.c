/* FxStack.c - threads with a stack of a chosen size, and an overflow of it
 * reported as an error (Fx.h, "Stacks").
 *
 * MLIR's parser recurses as deep as the text builds, and a compiled fx
 * program as deep as its calls go.  A thread of its own gives either a
 * stack of the size it needs; guard pages at the stack's low end, and a
 * SIGSEGV handler that knows them, turn running past it into a message and
 * exit status 1 instead of a crash with none.  A fault anywhere else is not
 * ours to explain: the handler gives it back to whatever handled SIGSEGV
 * before (the default action, a sanitizer, libFuzzer). */
#define _GNU_SOURCE /* mmap's MAP_ANONYMOUS, MAP_NORESERVE, MAP_STACK;
                       pthread_attr_setstack; sigaltstack */
#include "fxir/Fx.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <threads.h>
#include <unistd.h>

/* The guard: this much at the stack's low end is never mapped readable,
 * so a frame up to this size that runs past the end faults inside it (a
 * bigger frame could skip a single page and land in another mapping). */
static const size_t kGuardBytes = 64 * 1024;
/* The handler's own stack: the thread's is exhausted when it runs. */
static const size_t kAltStackBytes = 64 * 1024;

/* The guards of the threads running now, read by the handler.  A slot is
 * claimed (`used`), filled, then published (`active`); the handler reads
 * only published slots.  More threads at once than slots run without the
 * message (an overflow is then a crash, as without this file): the tools
 * run two at most. */
enum { kSlots = 16 };
static struct Guard {
  atomic_int used, active;
  uintptr_t lo; /* the guard: [lo, lo + kGuardBytes) */
  const char *message;
  size_t length;
} guards[kSlots];

static struct sigaction previous;
static once_flag installOnce = ONCE_FLAG_INIT;
static atomic_bool installed;

static void onSegv(int sig, siginfo_t *info, void *context) {
  (void)sig, (void)context;
  uintptr_t at = (uintptr_t)info->si_addr;
  for (int i = 0; i < kSlots; ++i)
    if (atomic_load_explicit(&guards[i].active, memory_order_acquire) &&
        at - guards[i].lo < kGuardBytes) { /* (unsigned: below lo wraps) */
      /* write and _exit: what a handler may call (async-signal-safe). */
      ssize_t ignored = write(STDERR_FILENO, guards[i].message, guards[i].length);
      (void)ignored;
      _exit(1);
    }
  /* Not an overflow of ours: back to the handler before, and returning
   * runs the faulting instruction again, which faults to it. */
  sigaction(SIGSEGV, &previous, NULL);
}

static void install(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = onSegv;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  atomic_store(&installed, sigaction(SIGSEGV, &action, &previous) == 0);
}

static struct Guard *claim(uintptr_t lo, const char *message) {
  if (!message)
    return NULL; /* (no message asked: no handler either) */
  call_once(&installOnce, install);
  if (!atomic_load(&installed))
    return NULL;
  for (int i = 0; i < kSlots; ++i) {
    int unused = 0;
    if (atomic_compare_exchange_strong(&guards[i].used, &unused, 1)) {
      guards[i].lo = lo;
      guards[i].message = message;
      guards[i].length = strlen(message);
      atomic_store_explicit(&guards[i].active, 1, memory_order_release);
      return &guards[i];
    }
  }
  return NULL;
}

static void release(struct Guard *g) {
  if (!g)
    return;
  atomic_store_explicit(&g->active, 0, memory_order_release);
  atomic_store(&g->used, 0);
}

typedef struct Call {
  int (*fn)(void *);
  void *arg;
  int result;
} Call;

static void *runCall(void *p) {
  Call *c = p;
  /* The handler runs on a stack of its own (sigaltstack is per thread).
   * Without one an overflow is a crash, as it was before. */
  stack_t alt = {.ss_sp = malloc(kAltStackBytes), .ss_size = kAltStackBytes};
  bool haveAlt = alt.ss_sp && sigaltstack(&alt, NULL) == 0;
  c->result = c->fn(c->arg);
  if (haveAlt) {
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
  }
  free(alt.ss_sp);
  return NULL;
}

/* A stack of `bytes` above kGuardBytes of guard, reserved and not
 * committed (only the pages the recursion touches cost memory); NULL with
 * errno set when the system refuses it. */
static void *reserve(size_t bytes) {
  if (bytes > SIZE_MAX - kGuardBytes) {
    errno = ENOMEM;
    return NULL;
  }
  void *stack = mmap(NULL, bytes + kGuardBytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                     -1, 0);
  if (stack == MAP_FAILED)
    return NULL;
  if (mprotect(stack, kGuardBytes, PROT_NONE) != 0) {
    int error = errno;
    munmap(stack, bytes + kGuardBytes);
    errno = error;
    return NULL;
  }
  return stack;
}

/* Runs fn on a thread on `stack` (from reserve(bytes)), then frees the
 * stack.  If no thread can start, says so and returns 1: fn on this
 * thread's stack could overflow it, or overflow into the guard of a stack
 * made for something else, whose message would blame that. */
static int runOn(void *stack, size_t bytes, const char *onOverflow,
                 int (*fn)(void *), void *arg) {
  Call call = {fn, arg, 0};
  pthread_attr_t attr;
  pthread_t thread;
  int error = pthread_attr_init(&attr);
  if (error == 0) {
    struct Guard *g = claim((uintptr_t)stack, onOverflow);
    if ((error = pthread_attr_setstack(&attr, stack, bytes + kGuardBytes)) == 0 &&
        (error = pthread_create(&thread, &attr, runCall, &call)) == 0)
      pthread_join(thread, NULL); /* (fails only for a wrong thread) */
    release(g);
    pthread_attr_destroy(&attr);
  }
  munmap(stack, bytes + kGuardBytes);
  if (error == 0)
    return call.result;
  fprintf(stderr, "error: cannot start a thread with a stack of %zu MB (%s)\n",
          bytes >> 20, strerror(error));
  return 1;
}

int fxRunOnStack(size_t stackBytes, const char *onOverflow,
                 int (*fn)(void *), void *arg) {
  void *stack = reserve(stackBytes);
  if (stack)
    return runOn(stack, stackBytes, onOverflow, fn, arg);
  fprintf(stderr, "error: cannot reserve a stack of %zu MB (%s)\n",
          stackBytes >> 20, strerror(errno));
  return 1;
}

/* The stack fxRunOnDeepStack gives per byte of input.  The deepest MLIR
 * recursion per byte found so far is the affine parser's unary minus:
 * 7,500 '-' overflowed 8 MB, about 1.1 KB each. */
enum { kStackPerByte = 4096 };
static const size_t kStackBase = (size_t)64 << 20;
static const size_t kStackMax = (size_t)16 << 40; /* of 128 TB of addresses */
/* Where the system refuses that much (a limit on address space, or
 * overcommit that counts reservations), the most it grants, halving down
 * to this. */
static const size_t kStackLeast = (size_t)8 << 20;

int fxRunOnDeepStack(size_t textBytes, int (*fn)(void *), void *arg) {
  size_t want = kStackMax;
  if (textBytes < (kStackMax - kStackBase) / kStackPerByte)
    want = kStackBase + textBytes * kStackPerByte;
  size_t size = want;
  void *stack = reserve(size);
  int refused = stack ? 0 : errno;
  while (!stack && size / 2 >= kStackLeast)
    stack = reserve(size /= 2);
  char message[256];
  if (!stack) {
    /* The process's own stack would crash where the input needs more;
     * what is left of the address space is too little to go on. */
    fprintf(stderr,
            "error: cannot reserve a stack of %zu MB for the input, nor "
            "any half of it down to %zu MB (%s)\n",
            want >> 20, kStackLeast >> 20, strerror(refused));
    return 1;
  }
  if (size == want) {
    /* 4 KB per byte is almost four times the most seen: running past it
     * is fxir's mistake, not the input's. */
    snprintf(message, sizeof message,
             "error: the input needs more than the %zu MB of stack fxir gives "
             "it (4 KB per byte of text): an fxir bug, please report it with "
             "the input\n",
             size >> 20);
  } else {
    fprintf(stderr,
            "warning: cannot reserve a stack of %zu MB for the input (%s); "
            "running on %zu MB, and input that needs more is an error\n",
            want >> 20, strerror(refused), size >> 20);
    snprintf(message, sizeof message,
             "error: the input needs more than the %zu MB of stack this "
             "system let fxir reserve (of %zu MB asked)\n",
             size >> 20, want >> 20);
  }
  return runOn(stack, size, message, fn, arg);
}
