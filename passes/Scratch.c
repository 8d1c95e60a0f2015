/* Scratch.c - large blocks kept between pass runs (see Scratch.h). */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS and MAP_POPULATE */
#include "Scratch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* Under AddressSanitizer blocks come from malloc (so that its red zones
 * catch an overrun) and are poisoned while kept (so that a use after
 * fxScratchFree is caught although the block is not freed). */
#if defined(__SANITIZE_ADDRESS__)
#define FX_SCRATCH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FX_SCRATCH_ASAN 1
#endif
#endif

#ifdef FX_SCRATCH_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#ifdef __linux__
#include <sys/mman.h>
#endif
#endif

/* Blocks are mapped (pages present at once) outside AddressSanitizer where
 * the system has MAP_POPULATE; calloc'ed otherwise. */
#if !defined(FX_SCRATCH_ASAN) && defined(MAP_POPULATE)
#define FX_SCRATCH_MAP 1
#endif

/* A few kept blocks: a run's large tables are a handful (positions, the
 * list's two arrays, a cache or two), one set per function run at once. */
enum { kSlots = 16 };

static struct {
  void *p;
  size_t n;
} kept[kSlots];
static int numKept;
static size_t keptBytes;
static long holders;
static mtx_t lock;
static once_flag lockOnce = ONCE_FLAG_INIT;

static void initLock(void) {
  /* mtx_init fails only for want of resources; every later call would be
   * undefined: an internal error, not the user's. */
  if (mtx_init(&lock, mtx_plain) != thrd_success)
    abort();
}

static void lockKept(void) {
  call_once(&lockOnce, initLock);
  mtx_lock(&lock);
}

/* Every block starts kHeader bytes into its allocation, after its size
 * (what it can hold): a kept block is counted, and given to a later
 * table, by what it holds, not by what its last user asked for. */
enum { kHeader = 64 };

static size_t sizeOf(const void *p) {
  size_t n;
  memcpy(&n, (const char *)p - kHeader, sizeof n);
  return n;
}

/* A new block of `bytes` (>= FX_SCRATCH_MIN), zeroed.  Mapped where it
 * can be with its pages present: the kernel fills them in one call, about
 * half what a fault per page on first touch costs (docs/performance.md,
 * session 30). */
static void *newBlock(size_t bytes) {
  if (bytes > SIZE_MAX - kHeader)
    return NULL;
#ifdef FX_SCRATCH_MAP
  char *base = mmap(NULL, bytes + kHeader, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (base == MAP_FAILED)
    return NULL;
#else
  char *base = calloc(1, bytes + kHeader);
  if (!base)
    return NULL;
#endif
  memcpy(base, &bytes, sizeof bytes);
  return base + kHeader;
}

static void freeBlock(void *p) {
  char *base = (char *)p - kHeader;
#ifdef FX_SCRATCH_MAP
  munmap(base, sizeOf(p) + kHeader);
#else
  free(base);
#endif
}

/* The smallest kept block of at least `bytes`, taken out; NULL if none. */
static void *takeKept(size_t bytes) {
  lockKept();
  int best = -1;
  for (int i = 0; i < numKept; ++i)
    if (kept[i].n >= bytes && (best < 0 || kept[i].n < kept[best].n))
      best = i;
  void *p = NULL;
  if (best >= 0) {
    p = kept[best].p;
    keptBytes -= kept[best].n;
    kept[best] = kept[--numKept];
  }
  mtx_unlock(&lock);
  return p;
}

void *fxScratchAlloc(size_t bytes, bool zero) {
  if (bytes < FX_SCRATCH_MIN)
    return zero ? calloc(1, bytes) : malloc(bytes);
  void *p = takeKept(bytes);
  if (!p)
    return newBlock(bytes); /* (zeroed either way) */
  UNPOISON(p, bytes);
  if (zero)
    memset(p, 0, bytes); /* (its pages were touched: no faults) */
  return p;
}

void *fxScratchRealloc(void *p, size_t old, size_t bytes) {
  if (bytes < FX_SCRATCH_MIN)
    return realloc(p, bytes); /* (old < bytes: a malloc block, or NULL) */
  void *bigger = fxScratchAlloc(bytes, false);
  if (!bigger)
    return NULL;
  if (old)
    memcpy(bigger, p, old);
  fxScratchFree(p, old);
  return bigger;
}

bool fxScratchReserve(void **array, size_t num, size_t *cap, size_t elem,
                      size_t first) {
  if (num < *cap)
    return true;
  size_t cap2 = *cap ? 2 * *cap : first;
  if (cap2 > SIZE_MAX / elem)
    return false;
  void *bigger = fxScratchRealloc(*array, *cap * elem, cap2 * elem);
  if (!bigger)
    return false;
  *array = bigger;
  *cap = cap2;
  return true;
}

void fxScratchFree(void *p, size_t bytes) {
  if (!p)
    return;
  if (bytes < FX_SCRATCH_MIN) {
    free(p);
    return;
  }
  bytes = sizeOf(p); /* (at least what was asked: it may be more) */
  lockKept();
  bool keep = holders > 0 && numKept < kSlots &&
              bytes <= FX_SCRATCH_KEEP - keptBytes;
  if (keep) {
    kept[numKept].p = p;
    kept[numKept++].n = bytes;
    keptBytes += bytes;
    POISON(p, bytes);
  }
  mtx_unlock(&lock);
  if (!keep)
    freeBlock(p);
}

void fxScratchHold(void) {
  lockKept();
  ++holders;
  mtx_unlock(&lock);
}

void fxScratchUnhold(void) {
  void *gone[kSlots];
  int n = 0;
  lockKept();
  if (--holders == 0) {
    for (; n < numKept; ++n)
      gone[n] = kept[n].p;
    numKept = 0;
    keptBytes = 0;
  }
  mtx_unlock(&lock);
  while (n > 0)
    freeBlock(gone[--n]);
}

size_t fxScratchKeptBytes(void) {
  lockKept();
  size_t n = keptBytes;
  mtx_unlock(&lock);
  return n;
}
