/*
 * core/log_escape.c — one function for every value a client chose that ends up in a log
 * line (method, path, user agent, username...). The path is percent-decoded by
 * libmicrohttpd, so "%0A" arrives as a newline: written as is it would start a forged
 * log line, and "%1B" would send an escape sequence to whoever reads the log on a
 * terminal. Written escaped, a logged value stays on its line and shows what was sent.
 */
#include "core/log_escape.h"

#include <stdio.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (2 to 4) with its code point, or 0. */
static size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
    unsigned c = s[0], v, min;
    size_t n;

    if (c >= 0xC2 && c <= 0xDF)
        n = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* C1 controls (U+009B is a one-character CSI on some terminals), line and paragraph
 * separators, and the bidirectional overrides and isolates that reorder what is shown. */
static int invisible(unsigned cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *log_escape(char *buf, size_t len, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t o = 0, cut = 0;

    if (len < 4) {
        if (len > 0)
            buf[0] = '\0';
        return buf;
    }
    while (*p) {
        char tmp[12];
        size_t n, adv = 1;
        unsigned cp;

        if (*p < 0x20 || *p == 0x7F) {
            n = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", *p);
        } else if (*p == '"' || *p == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)*p;
            n = 2;
        } else if (*p < 0x80) {
            tmp[0] = (char)*p;
            n = 1;
        } else if ((adv = utf8_seq(p, &cp)) == 0) {
            n = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", *p);
            adv = 1;
        } else if (invisible(cp)) {
            n = (size_t)snprintf(tmp, sizeof tmp, "\\u%04X", cp);
        } else {
            memcpy(tmp, p, adv);
            n = adv;
        }
        if (o + 4 <= len)
            cut = o; /* the last place "..." still fits after */
        if (o + n + 1 > len) {
            memcpy(buf + cut, "...", 3);
            o = cut + 3;
            break;
        }
        memcpy(buf + o, tmp, n);
        o += n;
        p += adv;
    }
    buf[o] = '\0';
    return buf;
}
