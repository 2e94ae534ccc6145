#include "core/text.h"

#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

text_status_t text_check_line(const char *s, size_t max)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    size_t chars = 0;
    int blank = 1;

    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0)
            return TEXT_BAD_UTF8;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return TEXT_CONTROL;
        if (cp != ' ')
            blank = 0;
        chars++;
        p += n;
        left -= n;
    }
    if (blank)
        return TEXT_EMPTY;
    return chars > max ? TEXT_TOO_LONG : TEXT_OK;
}

int text_is_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);

    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

const char *text_status_en(text_status_t st)
{
    switch (st) {
    case TEXT_OK:
        return "ok";
    case TEXT_EMPTY:
        return "must not be empty";
    case TEXT_TOO_LONG:
        return "too long";
    case TEXT_BAD_UTF8:
        return "not valid UTF-8";
    case TEXT_CONTROL:
        return "contains a control character";
    }
    return "invalid";
}

const char *text_status_vi(text_status_t st)
{
    switch (st) {
    case TEXT_OK:
        return "hợp lệ";
    case TEXT_EMPTY:
        return "không được để trống";
    case TEXT_TOO_LONG:
        return "quá dài";
    case TEXT_BAD_UTF8:
        return "không phải UTF-8 hợp lệ";
    case TEXT_CONTROL:
        return "chứa ký tự điều khiển";
    }
    return "không hợp lệ";
}

int text_parse_count(const char *s, int64_t min, int64_t max, int64_t *out)
{
    int64_t v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int text_natural_cmp(const char *a, const char *b)
{
    const char *a0 = a, *b0 = b;

    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    while (*a && *b) {
        if (is_digit(*a) && is_digit(*b)) {
            const char *ea, *eb;
            while (*a == '0' && is_digit(a[1]))
                a++;
            while (*b == '0' && is_digit(b[1]))
                b++;
            for (ea = a; is_digit(*ea); ea++)
                ;
            for (eb = b; is_digit(*eb); eb++)
                ;
            /* without leading zeros, the longer run is the larger number */
            if (ea - a != eb - b)
                return ea - a < eb - b ? -1 : 1;
            for (; a < ea; a++, b++)
                if (*a != *b)
                    return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    if (*a || *b)
        return *a ? 1 : -1;
    return strcmp(a0, b0) < 0 ? -1 : strcmp(a0, b0) > 0;
}
