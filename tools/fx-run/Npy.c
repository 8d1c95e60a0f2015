/* Npy.c - a small .npy reader and writer (NumPy format 1.0 and 2.0). */
#include "Npy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t n, const char *path, const char *why) {
  snprintf(err, n, "%s: %s", path, why);
  return -1;
}

/* Finds `'key':` in the header dictionary and returns what follows. */
static const char *field(const char *header, const char *key) {
  const char *p = strstr(header, key);
  if (!p)
    return NULL;
  p = strchr(p + strlen(key), ':');
  return p ? p + 1 : NULL;
}

int fxNpyRead(const char *path, FxNpy *out, char *err, size_t errLen) {
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f)
    return fail(err, errLen, path, strerror(errno));
  unsigned char magic[12];
  int rc = -1;
  char *header = NULL;
  if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    fail(err, errLen, path, "not a .npy file");
    goto done;
  }
  size_t headerLen;
  if (magic[6] == 1) {
    if (fread(magic + 8, 1, 2, f) != 2)
      goto truncated;
    headerLen = magic[8] | (size_t)magic[9] << 8;
  } else {
    if (fread(magic + 8, 1, 4, f) != 4)
      goto truncated;
    headerLen = magic[8] | (size_t)magic[9] << 8 | (size_t)magic[10] << 16 |
                (size_t)magic[11] << 24;
  }
  if (headerLen > 1 << 20 || !(header = calloc(1, headerLen + 1)))
    goto truncated;
  if (fread(header, 1, headerLen, f) != headerLen)
    goto truncated;
  const char *d = field(header, "'descr'");
  const char *fo = field(header, "'fortran_order'");
  const char *sh = field(header, "'shape'");
  if (!d || !fo || !sh) {
    fail(err, errLen, path, "malformed .npy header");
    goto done;
  }
  while (*d == ' ')
    ++d;
  if (*d != '\'' || sscanf(d + 1, "%7[^']", out->descr) != 1) {
    fail(err, errLen, path, "malformed dtype in .npy header");
    goto done;
  }
  while (*fo == ' ')
    ++fo;
  if (strncmp(fo, "False", 5) != 0) {
    fail(err, errLen, path, "Fortran-order arrays are not supported");
    goto done;
  }
  const char *p = strchr(sh, '(');
  if (!p) {
    fail(err, errLen, path, "malformed shape in .npy header");
    goto done;
  }
  ++p;
  size_t count = 1;
  while (*p && *p != ')') {
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p) {
      if (*p == ',' || *p == ' ') {
        ++p;
        continue;
      }
      fail(err, errLen, path, "malformed shape in .npy header");
      goto done;
    }
    if (out->rank == FX_NPY_MAX_RANK || v < 0) {
      fail(err, errLen, path, "unsupported shape in .npy header");
      goto done;
    }
    out->shape[out->rank++] = v;
    count *= (size_t)v;
    p = end;
  }
  size_t elem = (size_t)atoi(out->descr + 2);
  if (elem == 0) {
    fail(err, errLen, path, "unsupported dtype");
    goto done;
  }
  out->bytes = count * elem;
  out->data = malloc(out->bytes ? out->bytes : 1);
  if (!out->data || fread(out->data, 1, out->bytes, f) != out->bytes)
    goto truncated;
  rc = 0;
  goto done;
truncated:
  fail(err, errLen, path, "truncated .npy file");
done:
  free(header);
  fclose(f);
  if (rc)
    fxNpyFree(out);
  return rc;
}

int fxNpyWrite(const char *path, const char *descr, int rank,
               const int64_t *shape, const void *data, size_t bytes,
               char *err, size_t errLen) {
  char dict[256];
  int n = snprintf(dict, sizeof dict,
                   "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (int i = 0; i < rank; ++i)
    n += snprintf(dict + n, sizeof dict - (size_t)n, "%lld,%s",
                  (long long)shape[i], i + 1 < rank ? " " : "");
  n += snprintf(dict + n, sizeof dict - (size_t)n, "), }");
  /* Pad with spaces so the data starts 64-byte aligned; end with '\n'. */
  size_t total = 10 + (size_t)n + 1;
  size_t pad = (64 - total % 64) % 64;
  size_t headerLen = (size_t)n + pad + 1;
  FILE *f = fopen(path, "wb");
  if (!f)
    return fail(err, errLen, path, strerror(errno));
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                           (unsigned char)(headerLen & 0xff),
                           (unsigned char)(headerLen >> 8)};
  int ok = fwrite(pre, 1, 10, f) == 10 &&
           fwrite(dict, 1, (size_t)n, f) == (size_t)n;
  for (size_t i = 0; ok && i < pad; ++i)
    ok = fputc(' ', f) != EOF;
  ok = ok && fputc('\n', f) != EOF &&
       fwrite(data, 1, bytes, f) == bytes;
  ok = fclose(f) == 0 && ok;
  return ok ? 0 : fail(err, errLen, path, "write failed");
}

void fxNpyFree(FxNpy *npy) {
  free(npy->data);
  npy->data = NULL;
}
