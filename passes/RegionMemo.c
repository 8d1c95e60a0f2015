/* RegionMemo.c - the region questions' memo (RegionMemo.h). */
#include "RegionMemo.h"

#include <stdlib.h>
#include <string.h>

/* A memo holds at most this many answers and bytes of keys and regions
 * (an answer is a few hundred bytes at the ranks graphs have, at most about
 * 27 KB): past either, questions are computed as without a memo.  A limit
 * on speed only. */
enum { kMaxEntries = 1 << 16 };
#define MAX_BYTES ((size_t)64 << 20)

typedef struct Entry {
  uint64_t hash;
  size_t keyBytes; /* the key's length in bytes (its words are padded) */
  uint64_t *key;  /* owned */
  FxMemoAnswer answer;
  unsigned char *out; /* a preimage's region (storeRegion), owned */
} Entry;

struct FxRegionMemo {
  Entry *slots; /* open addressing; key == NULL: empty */
  size_t cap, n, bytes;
  long asked, hits;
};

static _Thread_local FxRegionMemo *tCurrent;

/* The key must hold every field of these records (fxMemoKeyRegion,
 * keyExpr).  A field added to one usually changes its size, which stops
 * the build here until the key writes it too (the sizes of LP64 ABIs;
 * test/Passes/region-model.c checks the memo against the questions asked
 * without it, field by field). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(FxExpr) == 88, "FxExpr changed: update keyExpr");
_Static_assert(sizeof(FxBoxDim) == 96, "FxBoxDim changed: update the key");
_Static_assert(sizeof(FxPosSet) == 1128, "FxPosSet changed: update the key");
_Static_assert(sizeof(FxRegion) == 9096, "FxRegion changed: update the key");
#endif

FxRegionMemo *fxRegionMemoCreate(void) {
  return calloc(1, sizeof(FxRegionMemo));
}

void fxRegionMemoDestroy(FxRegionMemo *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->cap; ++i) {
    free(m->slots[i].key);
    free(m->slots[i].out);
  }
  free(m->slots);
  free(m);
}

FxRegionMemo *fxRegionMemoInstall(FxRegionMemo *m) {
  FxRegionMemo *old = tCurrent;
  tCurrent = m;
  return old;
}

FxRegionMemo *fxRegionMemoCurrent(void) { return tCurrent; }

void fxRegionMemoStats(const FxRegionMemo *m, long *asked, long *hits) {
  *asked = m ? m->asked : 0;
  *hits = m ? m->hits : 0;
}

/*===-- Keys ---------------------------------------------------------------===*/

/* Bytes are appended to the key's words; a key that would not fit (none
 * today: two regions and a few pointers always do; a key made longer
 * might not) is marked unusable: its question is computed as without a
 * memo. */
static void put(FxMemoKey *k, const void *p, size_t n) {
  k->hashed = false;
  if (k->n > FX_MEMO_KEY_BYTES - n) {
    k->n = SIZE_MAX;
    return;
  }
  memcpy((char *)k->words + k->n, p, n);
  k->n += n;
}

#define PUT(k, v) put((k), &(v), sizeof(v))

void fxMemoKeyBegin(FxMemoKey *k, FxMemoQuestion q) {
  k->n = 0;
  k->hashed = false;
  uint8_t b = (uint8_t)q;
  PUT(k, b);
}

void fxMemoKeyPointer(FxMemoKey *k, const void *p) { PUT(k, p); }

/* A region's key is written without a bound check per field (they were a
 * third of its cost): a region's key is at most REGION_KEY_MAX bytes, no
 * more than the record itself (8461 of 9096 on LP64), so one check of room
 * for a whole FxRegion covers every field. */
#define W(w, v) (memcpy((w), &(v), sizeof(v)), (w) += sizeof(v))
#define EXPR_KEY_MAX                                                        \
  (2 + sizeof(int64_t) +                                                    \
   FX_EXPR_MAX_TERMS * (sizeof(MlirStringRef) + sizeof(int64_t)))
#define REGION_KEY_MAX                                                      \
  (5 + sizeof(const char *) + 2 * FX_REGION_MAX_RANK +                      \
   sizeof(((FxRegion *)0)->pairs) +                                         \
   FX_REGION_MAX_RANK *                                                     \
       (4 * EXPR_KEY_MAX + 2 +                                              \
        FX_REGION_MAX_BOX * (sizeof(int64_t) + EXPR_KEY_MAX)))
_Static_assert(REGION_KEY_MAX <= sizeof(FxRegion),
               "a region's key may outgrow the room fxMemoKeyRegion checks");

/* Every field of an expression, terms up to numTerms (the rest are not
 * part of its value). */
static unsigned char *keyExpr(unsigned char *w, const FxExpr *e) {
  W(w, e->known);
  W(w, e->numTerms);
  W(w, e->constant);
  for (int t = 0; t < e->numTerms && t < FX_EXPR_MAX_TERMS; ++t) {
    W(w, e->terms[t].symbol.data);
    W(w, e->terms[t].symbol.length);
    W(w, e->terms[t].coeff);
  }
  return w;
}

/* Every field of a region the questions may read; not `root`, which they
 * do not read (Region.h: "same root" is the caller's promise).  The view
 * map's arrays whole, not to their counts (64 bytes, always initialised:
 * fxRegionInitRoot clears them): an unmapped region keeps entries past its
 * view rank, and a hit hands back the first computation's, so none may
 * differ.  The positions' arrays to their counts (fxRegionCopy does not
 * copy the rest). */
void fxMemoKeyRegion(FxMemoKey *k, const FxRegion *r) {
  k->hashed = false;
  if (k->n > FX_MEMO_KEY_BYTES - sizeof *r) {
    k->n = SIZE_MAX;
    return;
  }
  unsigned char *start = (unsigned char *)k->words + k->n, *w = start;
  W(w, r->rank);
  W(w, r->empty);
  W(w, r->mapped);
  W(w, r->viewRank);
  W(w, r->numPairs);
  W(w, r->why);
  W(w, r->viewFirst);
  W(w, r->viewCount);
  W(w, r->pairs);
  for (int j = 0; j < r->rank && j < FX_REGION_MAX_RANK; ++j) {
    const FxPosSet *p = &r->pos[j];
    w = keyExpr(w, &p->lo);
    w = keyExpr(w, &p->lb);
    w = keyExpr(w, &p->ub);
    w = keyExpr(w, &p->ub2);
    W(w, p->exact);
    W(w, p->numBox);
    for (int b = 0; b < p->numBox && b < FX_REGION_MAX_BOX; ++b) {
      W(w, p->box[b].stride);
      w = keyExpr(w, &p->box[b].count);
    }
  }
  k->n += (size_t)(w - start);
}

#undef W
#undef EXPR_KEY_MAX
#undef REGION_KEY_MAX

/* The key's word count and its hash, computed once for a lookup and the
 * insertion that may follow it.  The bytes after the key are zeroed up to
 * a multiple of four words: the hash reads them, a stored key keeps its
 * own words only.  Four lanes, so that a word costs a load, an xor and a
 * multiply, none waiting for the word before (keys are tens of words:
 * this was 7 % of fx-fix-functionalization); a hit compares the whole key
 * anyway. */
static size_t seal(FxMemoKey *k) {
  size_t w = (k->n + 7) / 8;
  if (k->hashed)
    return w;
  size_t padded = (w + 3) & ~(size_t)3;
  memset((char *)k->words + k->n, 0, padded * 8 - k->n);
  const uint64_t m = 0xff51afd7ed558ccdull;
  uint64_t h0 = 0x9e3779b97f4a7c15ull ^ w, h1 = 0xc2b2ae3d27d4eb4full,
           h2 = 0x165667b19e3779f9ull, h3 = 0x27d4eb2f165667c5ull;
  for (size_t i = 0; i < padded; i += 4) {
    h0 = (h0 ^ k->words[i]) * m;
    h1 = (h1 ^ k->words[i + 1]) * m;
    h2 = (h2 ^ k->words[i + 2]) * m;
    h3 = (h3 ^ k->words[i + 3]) * m;
  }
  uint64_t h = h0 ^ (h1 << 17 | h1 >> 47) ^ (h2 << 31 | h2 >> 33) ^
               (h3 << 47 | h3 >> 17);
  h ^= h >> 32;
  h *= m;
  h ^= h >> 29;
  k->hash = h;
  k->hashed = true;
  return w;
}

/* The slot of key `k` (hash `h`, `n` words): its entry, or the empty slot
 * where it would go. */
static Entry *slotOf(FxRegionMemo *m, const FxMemoKey *k, size_t n,
                     uint64_t h) {
  for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    Entry *e = &m->slots[i];
    if (!e->key || (e->hash == h && e->keyBytes == k->n &&
                    memcmp(e->key, k->words, n * 8) == 0))
      return e;
  }
}

/*===-- Regions kept ------------------------------------------------------===*/

/* A region kept in a memo: what fxRegionCopy copies (Region.h: the record
 * up to its positions, `why`, and the positions below the rank, each up to
 * its numBox), packed: the record is about 9 KB, the part that means
 * anything a few hundred bytes. */
static size_t storedSize(const FxRegion *r) {
  size_t n = offsetof(FxRegion, pos) + sizeof r->why;
  for (int j = 0; j < r->rank && j < FX_REGION_MAX_RANK; ++j)
    n += fxPosSetUsedSize(&r->pos[j]);
  return n;
}

static void storeRegion(unsigned char *s, const FxRegion *r) {
  memcpy(s, r, offsetof(FxRegion, pos));
  s += offsetof(FxRegion, pos);
  memcpy(s, &r->why, sizeof r->why);
  s += sizeof r->why;
  for (int j = 0; j < r->rank && j < FX_REGION_MAX_RANK; ++j) {
    size_t n = fxPosSetUsedSize(&r->pos[j]);
    memcpy(s, &r->pos[j], n);
    s += n;
  }
}

/* Loads a kept region into *out, whose root it keeps: the questions make
 * theirs from arguments that are not part of the key.  Each position's
 * numBox comes before its box dims, so its size is known once its fixed
 * part is in. */
static void loadRegion(FxRegion *out, const unsigned char *s) {
  MlirValue root = out->root;
  memcpy(out, s, offsetof(FxRegion, pos));
  s += offsetof(FxRegion, pos);
  memcpy(&out->why, s, sizeof out->why);
  s += sizeof out->why;
  for (int j = 0; j < out->rank && j < FX_REGION_MAX_RANK; ++j) {
    FxPosSet *p = &out->pos[j];
    memcpy(p, s, offsetof(FxPosSet, box));
    size_t n = fxPosSetUsedSize(p);
    memcpy(p->box, s + offsetof(FxPosSet, box), n - offsetof(FxPosSet, box));
    s += n;
  }
  out->root = root;
}

/*===-- The table ----------------------------------------------------------===*/

bool fxRegionMemoFind(FxRegionMemo *m, FxMemoKey *k, FxMemoAnswer *a,
                      FxRegion *out) {
  if (!m || k->n == SIZE_MAX)
    return false;
  ++m->asked;
  if (!m->cap)
    return false;
  size_t n = seal(k);
  Entry *e = slotOf(m, k, n, k->hash);
  if (!e->key)
    return false;
  ++m->hits;
  *a = e->answer;
  if (out && e->out)
    loadRegion(out, e->out);
  return true;
}

static bool grow(FxRegionMemo *m) {
  size_t cap = m->cap ? 2 * m->cap : 256;
  Entry *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < m->cap; ++i) {
    Entry *e = &m->slots[i];
    if (!e->key)
      continue;
    size_t j = e->hash & (cap - 1);
    while (slots[j].key)
      j = (j + 1) & (cap - 1);
    slots[j] = *e;
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return true;
}

void fxRegionMemoPut(FxRegionMemo *m, FxMemoKey *k, const FxMemoAnswer *a,
                     const FxRegion *out) {
  if (!m || k->n == SIZE_MAX || m->n >= kMaxEntries)
    return;
  if (2 * (m->n + 1) > m->cap && !grow(m))
    return;
  size_t n = seal(k);
  uint64_t h = k->hash;
  Entry *e = slotOf(m, k, n, h);
  if (e->key)
    return; /* already there */
  size_t outBytes = out ? storedSize(out) : 0;
  if (m->bytes + n * 8 + outBytes > MAX_BYTES)
    return;
  uint64_t *key = malloc(n * 8);
  unsigned char *copy = out ? malloc(outBytes) : NULL;
  if (!key || (out && !copy)) {
    free(key);
    free(copy);
    return;
  }
  memcpy(key, k->words, n * 8);
  if (copy)
    storeRegion(copy, out);
  *e = (Entry){h, k->n, key, *a, copy};
  ++m->n;
  m->bytes += n * 8 + outBytes;
}

bool fxRegionMemoRecall(FxRegionMemo *m, FxMemoKey *k, FxRegion *out) {
  FxMemoAnswer unused;
  return fxRegionMemoFind(m, k, &unused, out);
}

void fxRegionMemoKeep(FxRegionMemo *m, FxMemoKey *k, const FxRegion *out) {
  FxMemoAnswer none = {FX_YES, false, NULL};
  fxRegionMemoPut(m, k, &none, out);
}
