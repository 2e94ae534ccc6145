/*
 * core/fold.c — folding with utf8proc: it knows every precomposed Vietnamese letter
 * (and their decomposed forms, which some keyboards and old systems produce), so no
 * table of 134 accented letters is typed in here. Only đ/Đ needs a hand: it is a
 * letter of its own in Unicode, not d plus a mark.
 */
#include "core/fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

long fold_vi(const char *s, char *out, size_t len)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n;
    size_t w = 0;
    int pending_space = 0;

    if (len == 0)
        return -1;
    n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                         UTF8PROC_CASEFOLD);
    if (n < 0)
        return -1;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(mapped + i, n - i, &cp);
        utf8proc_category_t cat;
        if (k <= 0)
            break;
        cat = utf8proc_category(cp);
        if (cp == 0x0111) /* đ (Đ was case-folded to it) */
            cp = 'd';
        if (cat == UTF8PROC_CATEGORY_ZS || cp == '\t' || cp == '\n' || cp == '\r' ||
            (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO)) {
            pending_space = w > 0;
        } else {
            utf8proc_uint8_t buf[4];
            utf8proc_ssize_t blen = utf8proc_encode_char(cp, buf);
            if (w + (size_t)pending_space + (size_t)blen + 1 > len)
                break;
            if (pending_space)
                out[w++] = ' ';
            pending_space = 0;
            memcpy(out + w, buf, (size_t)blen);
            w += (size_t)blen;
        }
        i += k;
    }
    out[w] = '\0';
    free(mapped);
    return (long)w;
}
