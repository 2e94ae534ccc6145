/*
 * core/text.h — checks on human text before it is stored: valid UTF-8, no control
 * characters, a length limit counted in characters (code points), not bytes, since
 * Vietnamese letters take two or three bytes each.
 */
#ifndef THADS_CORE_TEXT_H
#define THADS_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TEXT_OK = 0,
    TEXT_EMPTY,    /* nothing but spaces */
    TEXT_TOO_LONG, /* more than max characters */
    TEXT_BAD_UTF8, /* not valid UTF-8 */
    TEXT_CONTROL,  /* a control character (tab, newline, NUL, ...) */
} text_status_t;

/* Check one line of text (a name, a code) of at most max characters. */
text_status_t text_check_line(const char *s, size_t max);
/* 1 if s is valid UTF-8 (any characters, controls included), else 0. */
int text_is_utf8(const char *s);
/* Number of code points in valid UTF-8 s. */
size_t text_chars(const char *s);
/* A whole number written as decimal digits only (no sign, space or leading '+': what
 * strtoll would also take), from min to max (min >= 0): 0 with *out, or -1 (*out
 * untouched) when it is not one or is out of range, overflow included. */
int text_parse_count(const char *s, int64_t min, int64_t max, int64_t *out);
/* Order two codes as a person reads them: runs of digits compare by their value, so
 * "NA-KV2" < "NA-KV10"; everything else byte by byte (codes are ASCII, and UTF-8's
 * byte order is code point order). Equal values with different leading zeros ("KV02",
 * "KV2") fall back to the plain byte order, so the order is total. NULL sorts first. */
int text_natural_cmp(const char *a, const char *b);
/* English and Vietnamese wording of a status, for error messages. */
const char *text_status_en(text_status_t st);
const char *text_status_vi(text_status_t st);

#endif
