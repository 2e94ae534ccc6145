/*
 * core/mail.c — addresses, fax routing and MIME composition (core/mail.h).
 */
#include "core/mail.h"

#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* ---- a growing buffer ---- */

typedef struct {
    char *p;
    size_t len, cap;
    int bad;
} buf_t;

static void put(buf_t *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->bad = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(buf_t *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putf(buf_t *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        b->bad = 1;
        return;
    }
    put(b, tmp, (size_t)n);
}

/* ---- base64 ---- */

static void b64_put(buf_t *b, const unsigned char *s, size_t n)
{
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        q[0] = B64[(v >> 18) & 63];
        q[1] = B64[(v >> 12) & 63];
        q[2] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        q[3] = i + 2 < n ? B64[v & 63] : '=';
        put(b, q, 4);
    }
}

char *mail_base64(const void *data, size_t n)
{
    buf_t b = {0};
    put(&b, "", 0);
    b64_put(&b, data, n);
    if (b.bad) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

static int b64_val(char c)
{
    const char *p = c ? strchr(B64, c) : NULL;
    return p ? (int)(p - B64) : -1;
}

unsigned char *mail_base64_decode(const char *s, size_t *n)
{
    size_t len = strlen(s);
    if (len % 4 != 0)
        return NULL;
    unsigned char *out = malloc(len / 4 * 3 + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            if (s[i + k] == '=' && i + 4 == len && k >= 2) {
                v[k] = 0;
                pad++;
            } else if (pad || (v[k] = b64_val(s[i + k])) < 0) {
                free(out);
                return NULL;
            }
        }
        unsigned w =
            (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 | (unsigned)v[3];
        out[o++] = (unsigned char)(w >> 16);
        if (pad < 2)
            out[o++] = (unsigned char)(w >> 8);
        if (pad < 1)
            out[o++] = (unsigned char)w;
    }
    out[o] = '\0';
    *n = o;
    return out;
}

/* ---- addresses ---- */

static int is_atext(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static int domain_check(const char *d)
{
    size_t label = 0;
    int dots = 0;
    char prev = '.';
    if (*d == '\0')
        return -1;
    for (const char *p = d; *p; p++) {
        char c = *p;
        if (c == '.') {
            if (label == 0 || prev == '-')
                return -1;
            label = 0;
            dots++;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-') {
            if (label == 0 && c == '-')
                return -1;
            if (++label > 63)
                return -1;
        } else {
            return -1;
        }
        prev = c;
    }
    return dots >= 1 && label > 0 && prev != '-' ? 0 : -1;
}

static int local_check(const char *s, size_t n)
{
    if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.')
                return -1;
        } else if (!is_atext((unsigned char)s[i])) {
            return -1;
        }
    }
    return 0;
}

int mail_address_check(const char *s)
{
    if (s == NULL || strlen(s) > 254)
        return -1;
    const char *at = strchr(s, '@');
    if (at == NULL || strchr(at + 1, '@') != NULL)
        return -1;
    if (local_check(s, (size_t)(at - s)) != 0)
        return -1;
    return domain_check(at + 1);
}

int mail_fax_check(const char *s)
{
    int digits = 0;
    if (s == NULL)
        return -1;
    const char *p = s;
    if (*p == '+')
        p++;
    if ((*p < '0' || *p > '9') && *p != '(')
        return -1;
    char prev = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
        } else if (strchr(" .-()", *p) == NULL ||
                   (prev != 0 && strchr(" .-", prev) && strchr(" .-", *p))) {
            return -1;
        }
        prev = *p;
    }
    if (prev < '0' || prev > '9')
        return -1;
    return digits >= 6 && digits <= 20 ? 0 : -1;
}

int mail_fax_digits(const char *fax, char *out, size_t len)
{
    size_t n = 0;
    for (const char *p = fax; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 1 >= len)
                return -1;
            out[n++] = *p;
        }
    }
    if (len == 0)
        return -1;
    out[n] = '\0';
    return (int)n;
}

int mail_gateway_check(const char *s)
{
    char tmp[300];
    const char *f;
    if (s == NULL || strlen(s) >= sizeof tmp)
        return -1;
    if ((f = strstr(s, "{fax}")) == NULL)
        return mail_address_check(s);
    if (strstr(f + 5, "{fax}") != NULL || strchr(s, '@') == NULL || f > strchr(s, '@'))
        return -1;
    /* check it with a number in place of the placeholder */
    snprintf(tmp, sizeof tmp, "%.*s0123456789%s", (int)(f - s), s, f + 5);
    return mail_address_check(tmp);
}

int mail_fax_route(const char *gateway, const char *fax, char *to, size_t tolen, int *in_subject)
{
    char digits[32];
    if (mail_gateway_check(gateway) != 0 || mail_fax_check(fax) != 0 ||
        mail_fax_digits(fax, digits, sizeof digits) < 0)
        return -1;
    const char *f = strstr(gateway, "{fax}");
    int n;
    if (f == NULL) {
        n = snprintf(to, tolen, "%s", gateway);
        *in_subject = 1;
    } else {
        n = snprintf(to, tolen, "%.*s%s%s", (int)(f - gateway), gateway, digits, f + 5);
        *in_subject = 0;
    }
    return n >= 0 && (size_t)n < tolen ? 0 : -1;
}

/* ---- headers ---- */

static int plain_ascii(const char *s, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
        if (*p < 0x20 || *p > 0x7e)
            return 0;
    /* "=?" would read as the start of an encoded word */
    return n <= max && strstr(s, "=?") == NULL;
}

/* The length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t utf8_len(unsigned char c)
{
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static void header_words(buf_t *b, const char *text, size_t prefix_len)
{
    /* "=?UTF-8?B?" + base64 + "?=": 12 characters around at most 60 of base64 (45 bytes),
     * so each word is at most 72 characters, and each line " " + word is at most 73. */
    enum { MAX_BYTES = 45 };
    if (plain_ascii(text, 76 - prefix_len > 76 ? 0 : 76 - prefix_len)) {
        puts_(b, text);
        return;
    }
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text), i = 0;
    int first = 1;
    while (i < n) {
        size_t take = 0, max = MAX_BYTES;
        if (first) {
            /* the first word shares its line with the header's name */
            size_t room = prefix_len + 12 < 76 ? 76 - prefix_len - 12 : 0;
            max = room / 4 * 3;
            if (max > MAX_BYTES)
                max = MAX_BYTES;
            if (max < 4)
                max = 4;
        }
        while (i + take < n) {
            size_t c = utf8_len(s[i + take]);
            if (i + take + c > n)
                c = n - i - take;
            if (take + c > max)
                break;
            take += c;
        }
        if (!first)
            puts_(b, "\r\n ");
        puts_(b, "=?UTF-8?B?");
        b64_put(b, s + i, take);
        puts_(b, "?=");
        first = 0;
        i += take;
    }
}

char *mail_header_words(const char *text, size_t prefix_len)
{
    buf_t b = {0};
    put(&b, "", 0);
    header_words(&b, text, prefix_len);
    if (b.bad) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

int mail_message_id(const char *idem_key, const char *from, char *out, size_t len)
{
    buf_t b = {0};
    const char *at = from ? strchr(from, '@') : NULL;
    if (idem_key == NULL || at == NULL)
        return -1;
    puts_(&b, "<");
    for (const unsigned char *p = (const unsigned char *)idem_key; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' ||
            (*p == '.' && p != (const unsigned char *)idem_key && p[1] != '\0' && p[1] != '.'))
            put(&b, (const char *)p, 1);
        else
            putf(&b, "=%02X", *p);
    }
    putf(&b, "%s>", at);
    int ok = !b.bad && b.len < len;
    if (ok)
        memcpy(out, b.p, b.len + 1);
    free(b.p);
    return ok ? 0 : -1;
}

/* ---- bodies ---- */

/* Quoted-printable (RFC 2045 6.7) of UTF-8 text: lines end CRLF, no line over 76. */
static void qp_put(buf_t *b, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)text;
    size_t col = 0;
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = s[i];
        if (c == '\r' && s[i + 1] == '\n')
            continue;
        if (c == '\n') {
            puts_(b, "\r\n");
            col = 0;
            continue;
        }
        char enc[4];
        size_t w;
        int at_eol = s[i + 1] == '\0' || s[i + 1] == '\n' || (s[i + 1] == '\r' && s[i + 2] == '\n');
        if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_eol)) {
            enc[0] = (char)c;
            w = 1;
        } else {
            enc[0] = '=';
            enc[1] = hex[c >> 4];
            enc[2] = hex[c & 15];
            w = 3;
        }
        /* keep a UTF-8 character's bytes on one line where it fits */
        size_t need = w;
        if (c >= 0xc0) {
            size_t k = utf8_len(c);
            need = 3 * k;
        }
        if (col + need > 75) {
            puts_(b, "=\r\n");
            col = 0;
        }
        put(b, enc, w);
        col += w;
    }
    if (col > 0)
        puts_(b, "\r\n");
}

static void b64_lines(buf_t *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 57) {
        b64_put(b, s + i, n - i < 57 ? n - i : 57);
        puts_(b, "\r\n");
    }
}

static int token_char(unsigned char c)
{
    return c > 32 && c < 127 && strchr("()<>@,;:\\\"/[]?=%*'", c) == NULL;
}

/* Content-Disposition's file name: quoted when plain, else RFC 2231 filename*. */
static void filename_param(buf_t *b, const char *name)
{
    int plain = 1;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 32 || *p > 126 || *p == '"' || *p == '\\')
            plain = 0;
    if (plain && strlen(name) <= 60) {
        putf(b, ";\r\n filename=\"%s\"", name);
        return;
    }
    puts_(b, ";\r\n filename*=UTF-8''");
    size_t col = 20;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (col > 70) {
            /* RFC 2231 continuations would be needed; long names are cut instead */
            break;
        }
        if (token_char(*p)) {
            put(b, (const char *)p, 1);
            col++;
        } else {
            putf(b, "%%%02X", *p);
            col += 3;
        }
    }
}

static void date_header(buf_t *b, int64_t t, int tz)
{
    static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t local = t + (int64_t)tz * 60;
    int64_t days_since = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t secs = local - days_since * 86400;
    /* civil from days (Howard Hinnant's algorithm) */
    int64_t z = days_since + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    int64_t wd = ((days_since % 7) + 7) % 7;
    int atz = tz < 0 ? -tz : tz;
    putf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02d%02d\r\n", days[wd], (int)d, months[m - 1],
         (int)y, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), tz < 0 ? '-' : '+',
         atz / 60, atz % 60);
}

static int printable_ascii(const char *s)
{
    if (s == NULL || *s == '\0')
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 33 || *p > 126)
            return 0;
    return 1;
}

static int printable_ascii_or_space(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 32 || *p > 126)
            return 0;
    return strlen(s) < 200;
}

char *mail_compose(const mail_msg_t *m, size_t *len)
{
    char msgid[512], boundary[80];
    if (m == NULL || mail_address_check(m->from) != 0 || mail_address_check(m->to) != 0 ||
        m->subject == NULL || !text_is_utf8(m->subject) || strpbrk(m->subject, "\r\n") ||
        m->body == NULL || !text_is_utf8(m->body) || !printable_ascii(m->idem_key) ||
        strlen(m->idem_key) > 200 ||
        (m->from_name != NULL && (!text_is_utf8(m->from_name) || strpbrk(m->from_name, "\r\n"))) ||
        (m->attach_name != NULL &&
         (!text_is_utf8(m->attach_name) || strpbrk(m->attach_name, "\r\n") ||
          (m->attach == NULL && m->attach_len > 0))) ||
        (m->attach_type != NULL && !printable_ascii_or_space(m->attach_type)) ||
        mail_message_id(m->idem_key, m->from, msgid, sizeof msgid) != 0)
        return NULL;

    /* "=_" never occurs in quoted-printable or base64 text, so the boundary cannot */
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)m->idem_key; *p; p++)
        h = (h ^ *p) * 16777619u;
    snprintf(boundary, sizeof boundary, "=_thads_%08x", h);

    buf_t b = {0};
    date_header(&b, m->date, m->tz_minutes);
    puts_(&b, "From: ");
    if (m->from_name != NULL && *m->from_name) {
        int plain = 1;
        for (const unsigned char *p = (const unsigned char *)m->from_name; *p; p++)
            if (!is_atext(*p) && *p != ' ' && *p != '.')
                plain = 0;
        if (plain && strlen(m->from_name) < 60) {
            putf(&b, "\"%s\"", m->from_name);
        } else {
            header_words(&b, m->from_name, 6);
        }
        putf(&b, "\r\n <%s>\r\n", m->from);
    } else {
        putf(&b, "<%s>\r\n", m->from);
    }
    putf(&b, "To: <%s>\r\n", m->to);
    puts_(&b, "Subject: ");
    header_words(&b, m->subject, 9);
    puts_(&b, "\r\n");
    putf(&b, "Message-ID: %s\r\n", msgid);
    puts_(&b, "X-Thads-Idempotency-Key: ");
    puts_(&b, m->idem_key);
    puts_(&b, "\r\nMIME-Version: 1.0\r\n");
    if (m->attach_name != NULL) {
        putf(&b, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", boundary);
        puts_(&b, "This is a multipart message in MIME format.\r\n");
        putf(&b, "\r\n--%s\r\n", boundary);
    }
    puts_(&b, "Content-Type: text/plain; charset=UTF-8\r\n"
              "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    qp_put(&b, m->body);
    if (m->attach_name != NULL) {
        putf(&b, "\r\n--%s\r\n", boundary);
        putf(&b, "Content-Type: %s\r\n",
             m->attach_type && *m->attach_type ? m->attach_type : "application/octet-stream");
        puts_(&b, "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment");
        filename_param(&b, m->attach_name);
        puts_(&b, "\r\n\r\n");
        b64_lines(&b, m->attach, m->attach_len);
        putf(&b, "\r\n--%s--\r\n", boundary);
    }
    if (b.bad) {
        free(b.p);
        return NULL;
    }
    if (len != NULL)
        *len = b.len;
    return b.p;
}
