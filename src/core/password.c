#include "core/password.h"
#include "core/text.h"

#include <ctype.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

/* Lowercase ASCII letters; leave other bytes (Vietnamese letters) as they are. */
static void lower_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* "Matkhau@2024" and "matkhau" are the same guess: drop trailing digits and
 * punctuation before looking the password up. */
static size_t stem_len(const char *s, size_t n)
{
    while (n > 0 && (isdigit((unsigned char)s[n - 1]) || ispunct((unsigned char)s[n - 1])))
        n--;
    return n;
}

static int on_list(const char *pw, const char *list)
{
    size_t n = strlen(pw), stem = stem_len(pw, n);

    for (const char *line = list; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len > 0 && line[0] != '#' &&
            ((len == n && memcmp(line, pw, n) == 0) ||
             (stem > 0 && len == stem && memcmp(line, pw, stem) == 0)))
            return 1;
        line = end ? end + 1 : NULL;
    }
    return 0;
}

/* Guessable without any list: all digits (dates, phone numbers), one character
 * repeated, or a run like "abcdefghij" / "9876543210". Compared by character, so
 * "đđđđđđđđđđ" is as predictable as "dddddddddd". */
static int predictable(const char *pw)
{
    utf8proc_int32_t cp[PASSWORD_MAX_BYTES];
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)pw;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(pw);
    size_t n = 0;
    int digits = 1, same = 1, up = 1, down = 1;

    while (left > 0 && n < PASSWORD_MAX_BYTES) {
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp[n]);
        if (k <= 0)
            return 0; /* invalid UTF-8 is reported elsewhere */
        p += k;
        left -= k;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        if (cp[i] < '0' || cp[i] > '9')
            digits = 0;
        if (i > 0) {
            same &= cp[i] == cp[0];
            up &= cp[i] == cp[i - 1] + 1;
            down &= cp[i] == cp[i - 1] - 1;
        }
    }
    return digits || same || up || down;
}

password_check_t password_check(const char *password, const char *username, const char *common)
{
    char pw[PASSWORD_MAX_BYTES + 1], user[PASSWORD_MAX_BYTES + 1];
    text_status_t ts;

    if (strlen(password) > PASSWORD_MAX_BYTES)
        return PASSWORD_TOO_LONG;
    ts = text_check_line(password, PASSWORD_MAX_BYTES);
    if (ts == TEXT_BAD_UTF8 || ts == TEXT_CONTROL)
        return PASSWORD_BAD_TEXT;
    if (ts == TEXT_EMPTY || text_chars(password) < PASSWORD_MIN_CHARS)
        return PASSWORD_TOO_SHORT;
    memcpy(pw, password, strlen(password) + 1);
    lower_ascii(pw);
    if (predictable(pw) || (common && on_list(pw, common)))
        return PASSWORD_COMMON;
    if (username && strlen(username) >= 3 && strlen(username) <= PASSWORD_MAX_BYTES) {
        memcpy(user, username, strlen(username) + 1);
        lower_ascii(user);
        if (strstr(pw, user) != NULL)
            return PASSWORD_HAS_USERNAME;
    }
    return PASSWORD_OK;
}

const char *password_check_en(password_check_t c)
{
    switch (c) {
    case PASSWORD_OK:
        return "ok";
    case PASSWORD_TOO_SHORT:
        return "The password must have at least 10 characters.";
    case PASSWORD_TOO_LONG:
        return "The password is too long (at most 256 bytes).";
    case PASSWORD_COMMON:
        return "This password is too common; choose another.";
    case PASSWORD_HAS_USERNAME:
        return "The password must not contain the username.";
    case PASSWORD_BAD_TEXT:
        return "The password contains characters that are not allowed.";
    }
    return "Invalid password.";
}

const char *password_check_vi(password_check_t c)
{
    switch (c) {
    case PASSWORD_OK:
        return "hợp lệ";
    case PASSWORD_TOO_SHORT:
        return "Mật khẩu phải có ít nhất 10 ký tự.";
    case PASSWORD_TOO_LONG:
        return "Mật khẩu quá dài (tối đa 256 byte).";
    case PASSWORD_COMMON:
        return "Mật khẩu này quá phổ biến; hãy chọn mật khẩu khác.";
    case PASSWORD_HAS_USERNAME:
        return "Mật khẩu không được chứa tên đăng nhập.";
    case PASSWORD_BAD_TEXT:
        return "Mật khẩu chứa ký tự không được phép.";
    }
    return "Mật khẩu không hợp lệ.";
}
