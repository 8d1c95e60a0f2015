// RUN: fx-kernels-rotary-test 2>&1 | FileCheck %s

/* rotary.c - rotary_embedding (kernel-numerics.md §3.8, HEAD numerics)
 * against a double reference: cos/sin read from the cache tensor (already
 * rounded to its dtype), x' = T(x c - y s), y' = T(y c + x s) with s
 * negated for `inverse`; NeoX pairs (i, i + rot/2), GPT-J pairs (2i, 2i+1),
 * both shifted by rope_dim_offset; everything else in the heads (and the
 * rest of the qkv buffer) must keep its bytes.
 * Tolerances: 16-bit <= 1 ulp with at most 1% (+1) inexact; fp32 within
 * 1 ulp of the result plus 2^-23 (|x c| + |y s|) (the fp32 products are
 * rounded before the subtraction, which matters under cancellation). */
#include "fxtest.h"

typedef struct RCase {
  int32_t dt, cacheDt;
  int64_t batch, seq; /* batch 0: positions are [seq] */
  int64_t nh, nkv, hs, rot, offset;
  int64_t headPad; /* > 0: [.., nh, hs] views of [.., nh, hs + pad] */
  int neox, inverse, withKey, records;
} RCase;

typedef struct Heads {
  TT t;
  int64_t tokens, nh, hs;
} Heads;

/* Element (token, head, e) of a query/key view. */
static char *headPtr(const Heads *h, int64_t tok, int64_t head, int64_t e) {
  return ttPtr(&h->t, (tok * h->nh + head) * h->hs + e);
}

static int checkHeads(const RCase *c, const Heads *h, const double *before,
                      const TT *pos, const TT *cache, UlpStats *st,
                      double *maxF32Excess) {
  int64_t embed = c->rot / 2;
  int untouched = 1;
  for (int64_t t = 0; t < h->tokens; t++) {
    int64_t p = (int64_t)ttGet(pos, t);
    for (int64_t hd = 0; hd < h->nh; hd++) {
      const double *b = before + (t * h->nh + hd) * h->hs;
      char *done = (char *)calloc((size_t)h->hs, 1);
      for (int64_t i = 0; i < embed; i++) {
        int64_t xi = c->offset + (c->neox ? i : 2 * i);
        int64_t yi = c->offset + (c->neox ? i + embed : 2 * i + 1);
        double co = ttGet(cache, p * c->rot + i), si = ttGet(cache, p * c->rot + embed + i);
        if (c->inverse)
          si = -si;
        double xr = b[xi] * co - b[yi] * si, yr = b[yi] * co + b[xi] * si;
        const char *gx = headPtr(h, t, hd, xi), *gy = headPtr(h, t, hd, yi);
        if (c->dt == FX_DTYPE_F32) {
          double bx = 0x1p-23 * (fabs(b[xi] * co) + fabs(b[yi] * si));
          double by = 0x1p-23 * (fabs(b[yi] * co) + fabs(b[xi] * si));
          double ex = fabs(refDecode(gx, c->dt) - xr) - bx;
          double ey = fabs(refDecode(gy, c->dt) - yr) - by;
          *maxF32Excess = fmax(*maxF32Excess, fmax(ex / fmax(fabs(xr), 1e-30),
                                                   ey / fmax(fabs(yr), 1e-30)));
        }
        ulpAdd(st, gx, refRound(xr, c->dt), c->dt);
        ulpAdd(st, gy, refRound(yr, c->dt), c->dt);
        done[xi] = done[yi] = 1;
      }
      for (int64_t e = 0; e < h->hs; e++)
        if (!done[e])
          untouched &= refDecode(headPtr(h, t, hd, e), c->dt) == b[e] ||
                       (isnan(b[e]) && isnan(refDecode(headPtr(h, t, hd, e), c->dt)));
      free(done);
    }
  }
  return untouched;
}

static void runCase(const char *label, RCase c) {
  int64_t T = (c.batch ? c.batch : 1) * c.seq, hw = c.hs + c.headPad;
  int64_t width = (c.nh + 2 * c.nkv) * hw, maxPos = 300;
  int64_t bsz[2] = {T, width};
  TT qkv = ttContig(c.dt, 2, bsz);
  ttFillNormal(&qkv, 0.0, 1.0);
  /* positions */
  int64_t psz[2] = {c.batch, c.seq};
  TT pos = c.batch ? ttContig(FX_DTYPE_I64, 2, psz) : ttContig(FX_DTYPE_I64, 1, &c.seq);
  for (int64_t t = 0; t < T; t++)
    ttSet(&pos, t, (double)((t * 37 + 5) % maxPos));
  if (T > 0)
    ttSet(&pos, T - 1, (double)(maxPos - 1));
  /* cache[p] = cos(p f_i) ++ sin(p f_i), f_i = 10000^(-2i/rot) */
  int64_t csz[2] = {maxPos, c.rot};
  TT cache = ttContig(c.cacheDt, 2, csz);
  for (int64_t p = 0; p < maxPos; p++)
    for (int64_t i = 0; i < c.rot / 2; i++) {
      double f = pow(10000.0, -2.0 * (double)i / (double)c.rot);
      ttSet(&cache, p * c.rot + i, cos((double)p * f));
      ttSet(&cache, p * c.rot + c.rot / 2 + i, sin((double)p * f));
    }
  /* q and k views: flat [.., n*hs] when there is no head padding, else
   * [.., n, hs] slices of [.., n, hs + pad]. */
  Heads q, k;
  q.tokens = k.tokens = T, q.hs = k.hs = c.hs, q.nh = c.nh, k.nh = c.nkv;
  int64_t sz[4], st[4];
  int r = 0;
  if (c.batch)
    sz[r] = c.batch, st[r++] = c.seq * width;
  sz[r] = c.seq, st[r++] = width;
  for (int which = 0; which < 2; which++) {
    int64_t n = which ? c.nkv : c.nh;
    int rr = r;
    if (c.headPad) {
      sz[rr] = n, st[rr++] = hw;
      sz[rr] = c.hs, st[rr++] = 1;
    } else {
      sz[rr] = n * c.hs, st[rr++] = 1;
    }
    TT v = ttView(&qkv, c.dt, which ? c.nh * hw : 0, rr, sz, st);
    (which ? &k : &q)->t = v;
  }
  double *qb = (double *)malloc(sizeof(double) * (size_t)(T * c.nh * c.hs + 1));
  double *kb = (double *)malloc(sizeof(double) * (size_t)(T * c.nkv * c.hs + 1));
  for (int64_t i = 0; i < T * c.nh * c.hs; i++)
    qb[i] = ttGet(&q.t, i);
  for (int64_t i = 0; i < T * c.nkv * c.hs; i++)
    kb[i] = ttGet(&k.t, i);
  /* Everything outside q (and k when given) must keep its bytes. */
  char *snap = ttSnapshot(&qkv);
  if (c.records) {
    int64_t b[4][12];
    FxMemRefI64 rp = ttRecord(&pos, b[0]), rq = ttRecord(&q.t, b[1]);
    FxMemRefI64 rk = c.withKey ? ttRecord(&k.t, b[2]) : absentRecord(b[2]);
    FxMemRefI64 rc = ttRecord(&cache, b[3]);
    _mlir_ciface_fxrt__C__rotary_embedding(&rp, &rq, &rk, c.hs, &rc, c.neox,
                                           c.offset, c.inverse);
  } else {
    fxrt__C__rotary_embedding(&pos.t, &q.t.t, c.withKey ? &k.t.t : NULL, c.hs,
                              &cache.t, c.neox, c.offset, c.inverse);
  }
  UlpStats s = {0};
  double excess = -1.0;
  int untouched = checkHeads(&c, &q, qb, &pos, &cache, &s, &excess);
  if (c.withKey) {
    untouched &= checkHeads(&c, &k, kb, &pos, &cache, &s, &excess);
  } else {
    for (int64_t i = 0; i < T * c.nkv * c.hs; i++)
      untouched &= ttGet(&k.t, i) == kb[i] || (isnan(kb[i]));
  }
  /* Bytes outside the q/k elements, e.g. the v columns and head padding. */
  TT *views[2] = {&q.t, &k.t};
  char *mask = (char *)calloc(qkv.bytes, 1);
  for (int w = 0; w < (c.withKey ? 2 : 1); w++)
    for (int64_t i = 0; i < ttNumel(views[w]); i++)
      memset(mask + (ttPtr(views[w], i) - qkv.mem), 1, (size_t)refSize(c.dt));
  for (size_t i = 0; i < qkv.bytes; i++)
    untouched &= mask[i] || qkv.mem[i] == snap[i];
  printf("%s: %s cache=%s %s rot=%lld/%lld off=%lld%s%s T=%lld: max_ulp=%lld "
         "inexact=%lld/%lld%s, rest %s\n",
         label, dtName(c.dt), dtName(c.cacheDt), c.neox ? "neox" : "gptj",
         (long long)c.rot, (long long)c.hs, (long long)c.offset,
         c.inverse ? " inverse" : "", c.withKey ? "" : " no-key", (long long)T,
         (long long)s.maxUlp, (long long)s.inexact, (long long)s.n,
         c.dt == FX_DTYPE_F32 ? (excess <= 0x1p-23 ? " (fp32: within the "
                                                     "cancellation bound)"
                                                   : " (fp32: BEYOND the bound)")
                              : "",
         untouched ? "untouched" : "MODIFIED");
  if (c.dt == FX_DTYPE_F32) {
    EXPECT(excess <= 0x1p-23); /* one ulp of the result beyond the bound */
  } else {
    EXPECT(s.maxUlp <= 1 && s.inexact <= s.n / 100 + 1);
  }
  EXPECT(untouched);
  free(mask);
  free(snap);
  free(qb);
  free(kb);
  ttFree(&qkv);
  ttFree(&pos);
  ttFree(&cache);
}

static void testRotary(void) {
  // CHECK-LABEL: rotary_embedding
  printf("rotary_embedding\n");
  RCase base = {FX_DTYPE_BF16, FX_DTYPE_BF16, 0, 7, 4, 2, 64, 64, 0, 0, 1, 0, 1, 0};
  runCase("full neox", base);
  // CHECK: full neox: bf16 cache=bf16 neox rot=64/64 off=0 T=7: max_ulp={{[01]}} {{.*}} rest untouched
  RCase c = base;
  c.neox = 0;
  runCase("full gptj", c);
  // CHECK: full gptj: bf16 cache=bf16 gptj rot=64/64 off=0 T=7: max_ulp={{[01]}} {{.*}} rest untouched
  c = base, c.dt = c.cacheDt = FX_DTYPE_F16, c.hs = 80, c.rot = 32, c.neox = 0;
  runCase("partial gptj", c);
  c.neox = 1;
  runCase("partial neox", c);
  c = base, c.dt = c.cacheDt = FX_DTYPE_F32, c.hs = 40, c.rot = 16, c.offset = 8;
  c.inverse = 1;
  runCase("offset inverse", c);
  c.neox = 0, c.inverse = 0, c.offset = 24;
  runCase("offset gptj", c);
  // CHECK: offset gptj: f32 cache=f32 gptj rot=16/40 off=24 T=7: {{.*}} rest untouched
  c = base, c.withKey = 0;
  runCase("no key", c);
  // CHECK: no key: bf16 cache=bf16 neox rot=64/64 off=0 no-key T=7: {{.*}} rest untouched
  c = base, c.cacheDt = FX_DTYPE_F32;
  runCase("fp32 cache", c);
  c = base, c.batch = 2, c.seq = 5, c.headPad = 64, c.hs = 80, c.rot = 80;
  runCase("[B,S,nh,hs] sliced heads", c);
  c.neox = 0, c.rot = 32, c.offset = 16;
  runCase("[B,S,nh,hs] sliced heads", c);
  c = base, c.seq = 0;
  runCase("no tokens", c);
  c = base, c.records = 1, c.withKey = 0, c.dt = c.cacheDt = FX_DTYPE_F16;
  runCase("records", c);
  c.withKey = 1, c.neox = 0, c.rot = 32;
  runCase("records", c);
}

static void testErrors(void) {
  // CHECK-LABEL: errors
  printf("errors\n");
  int64_t T = 3, qsz[2] = {3, 128}, csz[2] = {10, 32}, q3[3] = {3, 2, 60};
  TT pos = ttContig(FX_DTYPE_I64, 1, &T), q = ttContig(FX_DTYPE_BF16, 2, qsz);
  TT cache = ttContig(FX_DTYPE_BF16, 2, csz), qh = ttContig(FX_DTYPE_BF16, 3, q3);
  TT fpos = ttContig(FX_DTYPE_F32, 1, &T);
  ttFillNormal(&q, 0, 1);
  ttFillNormal(&cache, 0, 1);
  ttSet(&pos, 0, 1), ttSet(&pos, 1, 10), ttSet(&pos, 2, 2);
  char *snap = ttSnapshot(&q);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: position 10 of token 1 is outside cos_sin_cache [0, 10)
  fxrt__C__rotary_embedding(&pos.t, &q.t, NULL, 64, &cache.t, 1, 0, 0);
  ttSet(&pos, 1, -1);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: position -1 of token 1 is outside cos_sin_cache [0, 10)
  fxrt__C__rotary_embedding(&pos.t, &q.t, NULL, 64, &cache.t, 1, 0, 0);
  EXPECT(ttUnchanged(&q, snap));
  ttSet(&pos, 1, 3);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: rot_dim 32 + rope_dim_offset 40 exceeds head_size 64
  fxrt__C__rotary_embedding(&pos.t, &q.t, NULL, 64, &cache.t, 1, 40, 0);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: 'query' last dimension 128 is not a multiple of head_size 48
  fxrt__C__rotary_embedding(&pos.t, &q.t, NULL, 48, &cache.t, 1, 0, 0);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: 'key' head dimension is 60, head_size is 64
  fxrt__C__rotary_embedding(&pos.t, &q.t, &qh.t, 64, &cache.t, 1, 0, 0);
  // CHECK-NEXT: fxrt: fxrt__C__rotary_embedding: 'positions' has unsupported dtype float32
  fxrt__C__rotary_embedding(&fpos.t, &q.t, NULL, 64, &cache.t, 1, 0, 0);
  EXPECT(ttUnchanged(&q, snap));
  free(snap);
  TT *all[] = {&pos, &q, &cache, &qh, &fpos};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    ttFree(all[i]);
}

int main(void) {
  fxtestBegin();
  testRotary();
  testErrors();
  // CHECK: rotary: {{[0-9]+}} checks passed
  return fxtestFinish("rotary");
}
