/* userops.c - what lowered code tells a user op beyond its descriptors
 * (fxrt.h, "User ops"): the dtype and rank of each tensor parameter,
 * which MLIR's memref descriptors leave out.  One call is announced at a time, like the
 * location of fxrt_at: process-wide, written by the thread that runs the
 * lowered code right before it calls the user op. */
#include "cpu/fx_cpu.h"
#include "fxrt.h"

#include <stdint.h>
#include <stdlib.h>

static const char *gDtypes; /* "c0:r0,c1:r1,...", a constant of the module */

void _mlir_ciface_fxrt_user_op(int64_t dtypes) {
  if (fxErrorPending())
    return;
  gDtypes = (const char *)(intptr_t)dtypes;
}

/* Entry `index` of the announced list: its text, or NULL. */
static const char *entry(int index) {
  const char *p = gDtypes;
  if (!p || index < 0)
    return NULL;
  for (int i = 0; i < index; ++i) { /* skip `index` entries */
    while (*p && *p != ',')
      ++p;
    if (!*p)
      return NULL;
    ++p;
  }
  return p;
}

/* Field `which` (0 the dtype, 1 the rank) of entry `index`, "code:rank";
 * -1 for "-" (not a tensor, or left out) or a missing entry. */
static int field(int index, int which) {
  const char *p = entry(index);
  if (!p || *p < '0' || *p > '9')
    return -1;
  char *end;
  long code = strtol(p, &end, 10);
  if (which == 0)
    return (int)code;
  return *end == ':' ? (int)strtol(end + 1, NULL, 10) : -1;
}

int fxrt_user_arg_dtype(int index) { return field(index, 0); }

int fxrt_user_arg_rank(int index) { return field(index, 1); }

void fxUserOpForget(void) { gDtypes = NULL; }
