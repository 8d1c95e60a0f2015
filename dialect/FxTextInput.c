/* FxTextInput.c - reading MLIR text safely (Fx.h, "Text input").
 *
 * A scan of the bytes, not a parse: it counts what MLIR's parser would
 * descend into, so that a file past the limit gets an error before the
 * parser's recursion can exhaust the stack.  It follows the lexer where
 * that matters to the count (strings, comments, "->"), and a closer ends a
 * level only when it matches the bracket that opened it: the '>' of an
 * affine set's ">=" (also written "> =") inside a parenthesis ends
 * nothing, here as in the parser, and the '<' of "<=" opens nothing.  So
 * the count is never below the parser's depth of brackets.
 *
 * The brackets are not MLIR's only recursion: the affine parser recurses
 * once per unary '-' and per binary operator, and aliases
 * (`!a1 = tuple<!a0>`) build types, attributes and locations as deep as
 * the number of aliases without a bracket nested.  No count of the text
 * bounds those short of parsing it; the size of the text does.  So the
 * tools also run on a stack in proportion to their input
 * (fxRunOnDeepStack, FxStack.c). */
#include "fxir/Fx.h"
#include "FxInternal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each byte is to the scan: most are nothing, and cost one load. */
enum { kOther, kNewline, kQuote, kSlash, kOpen, kClose };
static const unsigned char kClass[256] = {
    ['\n'] = kNewline, ['"'] = kQuote,  ['/'] = kSlash,
    ['('] = kOpen,      ['['] = kOpen,   ['{'] = kOpen,  ['<'] = kOpen,
    [')'] = kClose,     [']'] = kClose,  ['}'] = kClose, ['>'] = kClose,
};
static const char kCloser[256] = {
    ['('] = ')', ['['] = ']', ['{'] = '}', ['<'] = '>',
};

/* Whether the '<' before `p` is a comparison: "=" follows it, maybe after
 * blanks.  No type, attribute or dialect body starts with '='. */
static bool lessThan(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    ++p;
  return p < end && *p == '=';
}

bool fxTextNestingWithinLimit(MlirStringRef text, intptr_t *line,
                              intptr_t *column) {
  /* MLIR bytecode (its magic number first) is not text: its reader keeps
   * its own stack of regions. */
  if (text.length >= 4 && memcmp(text.data, "ML\xefR", 4) == 0)
    return true;
  char open[FX_MAX_TEXT_NESTING]; /* the closer each open level waits for */
  intptr_t depth = 0, lineNo = 1;
  const char *s = text.data, *end = text.data + text.length;
  const char *lineStart = s;
  for (const char *p = s; p < end; ++p) {
    switch (kClass[(unsigned char)*p]) {
    case kOther:
      break;
    case kNewline:
      ++lineNo;
      lineStart = p + 1;
      break;
    case kQuote: /* to the closing quote; the lexer ends a string at a line's end */
      for (++p; p < end && *p != '"' && *p != '\n'; ++p)
        if (*p == '\\' && p + 1 < end && p[1] != '\n')
          ++p;
      if (p < end && *p == '\n')
        --p; /* the loop counts the line */
      break;
    case kSlash:
      if (p + 1 < end && p[1] == '/')
        while (p + 1 < end && p[1] != '\n')
          ++p;
      break;
    case kOpen:
      if (*p == '<' && lessThan(p + 1, end))
        break; /* "<=" in an affine set (MLIR 22 reads it) */
      if (depth == FX_MAX_TEXT_NESTING) {
        *line = lineNo;
        *column = (intptr_t)(p - lineStart) + 1;
        return false;
      }
      open[depth++] = kCloser[(unsigned char)*p];
      break;
    case kClose: /* a mismatched closer is the parser's error, and ends
                    nothing; neither does the '>' of "->" */
      if (depth && *p == open[depth - 1] && !(*p == '>' && p > s && p[-1] == '-'))
        --depth;
      break;
    }
  }
  return true;
}

bool fxTextNestingCheck(MlirStringRef text, const char *name) {
  intptr_t line, column;
  if (fxTextNestingWithinLimit(text, &line, &column))
    return true;
  fprintf(stderr,
          "%s:%ld:%ld: error: brackets nested deeper than %d levels (fxir's "
          "limit: MLIR's parser recurses once per level)\n",
          name, (long)line, (long)column, FX_MAX_TEXT_NESTING);
  return false;
}

char *fxTextReadFile(const char *path, size_t *len) {
  bool in = strcmp(path, "-") == 0;
  FILE *f = in ? stdin : fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  errno = 0; /* what a failed read sets, e.g. EISDIR */
  char *text = malloc(cap);
  while (text) {
    n += fread(text + n, 1, cap - n, f);
    if (n < cap)
      break;
    char *grown = realloc(text, cap *= 2);
    if (!grown)
      free(text);
    text = grown;
  }
  int error = !text ? ENOMEM : ferror(f) ? (errno ? errno : EIO) : 0;
  if (!in)
    fclose(f);
  if (error) {
    free(text);
    errno = error;
    return NULL;
  }
  text[n] = '\0'; /* n < cap: MLIR's lexer reads a NUL at the end */
  *len = n;
  return text;
}

MlirModule fxModuleCreateParseText(MlirContext ctx, MlirStringRef text,
                                   const char *name) {
  if (!fxTextNestingCheck(text, name))
    return (MlirModule){NULL};
  return fxModuleCreateParseNamed(ctx, text, name);
}

