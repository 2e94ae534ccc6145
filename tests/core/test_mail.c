/*
 * tests/core/test_mail.c — what a mail server and a mail reader see of a notification:
 * a Vietnamese subject in encoded words of at most 75 characters that decode back to it,
 * no line over 76 characters, the body in quoted-printable that decodes to the UTF-8
 * text, an attachment whose base64 decodes to its bytes, the Message-ID from the
 * idempotency key; and the addresses and fax numbers a unit's contact accepts.
 */
#include "core/mail.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SUBJECT[] = "Thông báo nghĩa vụ thi hành án dân sự của phạm nhân Nguyễn Văn "
                              "Đức, số hồ sơ 123/QĐ-CCTHADS — Trại giam số 3";
static const char BODY[] = "Kính gửi: Trại giam số 3\n"
                           "Phạm nhân Nguyễn Văn Đức còn phải thi hành 50.000.000 đồng bồi thường "
                           "cho bà Trần Thị Hoa theo Bản án số 12/2025/HS-ST ngày 01/02/2025 của "
                           "Tòa án nhân dân tỉnh Nghệ An. = dấu bằng, dòng có khoảng trắng cuối \n"
                           "\n"
                           "Trân trọng.";

/* Decode one header's encoded words (=?UTF-8?B?...?= separated by CRLF SP) into out. */
static void decode_words(const char *v, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    while (*v) {
        const char *s = strstr(v, "=?UTF-8?B?");
        if (s == NULL)
            break;
        s += 10;
        const char *e = strstr(s, "?=");
        assert_non_null(e);
        char b64[128];
        assert_true((size_t)(e - s) < sizeof b64);
        memcpy(b64, s, (size_t)(e - s));
        b64[e - s] = '\0';
        size_t n;
        unsigned char *raw = mail_base64_decode(b64, &n);
        assert_non_null(raw);
        assert_true(o + n < len);
        memcpy(out + o, raw, n);
        o += n;
        out[o] = '\0';
        free(raw);
        v = e + 2;
    }
}

/* The value of header name (unfolded lines kept) in msg, copied into out. */
static void header(const char *msg, const char *name, char *out, size_t len)
{
    char key[64];
    snprintf(key, sizeof key, "\r\n%s: ", name);
    const char *p = strstr(msg, key);
    if (p == NULL && strncmp(msg, key + 2, strlen(key) - 2) == 0)
        p = msg - 2;
    assert_non_null(p);
    p += strlen(key);
    size_t o = 0;
    while (*p && !(p[0] == '\r' && p[1] == '\n' && p[2] != ' ')) {
        assert_true(o + 1 < len);
        out[o++] = *p++;
    }
    out[o] = '\0';
}

static int hexval(char c)
{
    return c <= '9' ? c - '0' : c - 'A' + 10;
}

/* Decode quoted-printable text (CRLF lines) into out, lines joined by \n. */
static void qp_decode(const char *s, const char *end, char *out, size_t len)
{
    size_t o = 0;
    while (s < end) {
        if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
            s += 3;
        } else if (s[0] == '=') {
            out[o++] = (char)(hexval(s[1]) * 16 + hexval(s[2]));
            s += 3;
        } else if (s[0] == '\r' && s[1] == '\n') {
            out[o++] = '\n';
            s += 2;
        } else {
            out[o++] = *s++;
        }
        assert_true(o < len);
    }
    out[o] = '\0';
}

static void assert_lines_at_most(const char *msg, size_t max)
{
    const char *line = msg;
    for (const char *p = msg; *p; p++) {
        if (p[0] == '\r') {
            assert_int_equal(p[1], '\n');
            size_t n = (size_t)(p - line);
            if (n > max)
                fail_msg("line of %zu characters: %.*s", n, (int)n, line);
            line = p + 2;
        } else {
            /* no bare LF, and 7-bit only */
            assert_true(p[0] != '\n' || p > msg);
            assert_true((unsigned char)p[0] < 128);
        }
    }
}

static void test_base64(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {{"", ""},
                 {"f", "Zg=="},
                 {"fo", "Zm8="},
                 {"foo", "Zm9v"},
                 {"foob", "Zm9vYg=="},
                 {"fooba", "Zm9vYmE="},
                 {"foobar", "Zm9vYmFy"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *e = mail_base64(cases[i].in, strlen(cases[i].in));
        assert_string_equal(e, cases[i].out);
        size_t n;
        unsigned char *d = mail_base64_decode(e, &n);
        assert_int_equal(n, strlen(cases[i].in));
        assert_memory_equal(d, cases[i].in, n);
        free(d);
        free(e);
    }
    size_t n;
    assert_null(mail_base64_decode("Zm9", &n));
    assert_null(mail_base64_decode("Zm=v", &n));
    assert_null(mail_base64_decode("Z!9v", &n));
}

static void test_addresses(void **state)
{
    (void)state;
    assert_int_equal(mail_address_check("thads@nghean.moj.gov.vn"), 0);
    assert_int_equal(mail_address_check("tong.dai-fax+3@vnpt.vn"), 0);
    assert_int_equal(mail_address_check("a@b"), -1);
    assert_int_equal(mail_address_check("thads@@x.vn"), -1);
    assert_int_equal(mail_address_check("thads x@x.vn"), -1);
    assert_int_equal(mail_address_check(".a@x.vn"), -1);
    assert_int_equal(mail_address_check("a..b@x.vn"), -1);
    assert_int_equal(mail_address_check("a@-x.vn"), -1);
    assert_int_equal(mail_address_check("a@x.vn."), -1);
    assert_int_equal(mail_address_check("thađs@x.vn"), -1);
    assert_int_equal(mail_address_check("a@x.vn\r\nBcc: b@y.vn"), -1);
    assert_int_equal(mail_address_check(""), -1);

    assert_int_equal(mail_fax_check("+84 238 3844 123"), 0);
    assert_int_equal(mail_fax_check("(0238) 3844-123"), 0);
    assert_int_equal(mail_fax_check("-0238 3844 123"), -1);
    assert_int_equal(mail_fax_check("0238.3844.123"), 0);
    assert_int_equal(mail_fax_check("02383844123"), 0);
    assert_int_equal(mail_fax_check("12345"), -1);
    assert_int_equal(mail_fax_check("0238 3844 12a"), -1);
    assert_int_equal(mail_fax_check("0238  3844"), -1);
    assert_int_equal(mail_fax_check("+84 238 3844 123 "), -1);
    assert_int_equal(mail_fax_check("123456789012345678901"), -1);

    char digits[32];
    assert_int_equal(mail_fax_digits("+84 238 3844 123", digits, sizeof digits), 12);
    assert_string_equal(digits, "842383844123");
    assert_int_equal(mail_fax_digits("+84 238 3844 123", digits, 12), -1);
}

static void test_fax_routes(void **state)
{
    (void)state;
    char to[256];
    int in_subject = -1;
    assert_int_equal(mail_gateway_check("{fax}@fax.vnpt.vn"), 0);
    assert_int_equal(mail_gateway_check("fax.{fax}@gw.example.vn"), 0);
    assert_int_equal(mail_gateway_check("fax@gw.example.vn"), 0);
    assert_int_equal(mail_gateway_check("fax@{fax}.vn"), -1);
    assert_int_equal(mail_gateway_check("{fax}{fax}@gw.vn"), -1);
    assert_int_equal(mail_gateway_check("{fax}"), -1);

    assert_int_equal(
        mail_fax_route("{fax}@fax.vnpt.vn", "0238 3844 123", to, sizeof to, &in_subject), 0);
    assert_string_equal(to, "02383844123@fax.vnpt.vn");
    assert_int_equal(in_subject, 0);
    assert_int_equal(
        mail_fax_route("fax@gw.example.vn", "0238 3844 123", to, sizeof to, &in_subject), 0);
    assert_string_equal(to, "fax@gw.example.vn");
    assert_int_equal(in_subject, 1);
    assert_int_equal(mail_fax_route("fax@gw.example.vn", "12", to, sizeof to, &in_subject), -1);
    assert_int_equal(mail_fax_route("{fax}@fax.vnpt.vn", "0238 3844 123", to, 10, &in_subject), -1);
}

static void test_subject_words(void **state)
{
    (void)state;
    char *w = mail_header_words(SUBJECT, 9);
    assert_non_null(w);
    /* every word at most 75 characters, none splitting a character: each decodes alone */
    const char *p = w;
    int words = 0;
    while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
        const char *e = strstr(p + 10, "?=");
        assert_non_null(e);
        assert_true(e + 2 - p <= 75);
        char one[128], dec[128];
        snprintf(one, sizeof one, "%.*s", (int)(e + 2 - p), p);
        decode_words(one, dec, sizeof dec);
        /* a word decodes to whole UTF-8 characters: it does not end inside one */
        size_t n = strlen(dec);
        unsigned char last = (unsigned char)dec[n - 1];
        assert_true(last < 0x80 || (last & 0xc0) == 0x80);
        words++;
        p = e + 2;
    }
    assert_true(words >= 3);
    char back[512];
    decode_words(w, back, sizeof back);
    assert_string_equal(back, SUBJECT);
    free(w);

    /* a short ASCII subject stays as it is; "=?" does not */
    w = mail_header_words("Thong bao", 9);
    assert_string_equal(w, "Thong bao");
    free(w);
    w = mail_header_words("a =?b", 9);
    assert_non_null(strstr(w, "=?UTF-8?B?"));
    free(w);
}

static void test_compose_with_attachment(void **state)
{
    (void)state;
    unsigned char att[300];
    for (size_t i = 0; i < sizeof att; i++)
        att[i] = (unsigned char)(i * 7 + 3);
    mail_msg_t m = {.from = "thads@nghean.moj.gov.vn",
                    .from_name = "Cục Thi hành án dân sự tỉnh Nghệ An",
                    .to = "trai3@bca.gov.vn",
                    .subject = SUBJECT,
                    .body = BODY,
                    .idem_key = "prison_exchange:42:sent",
                    .date = 1775527200, /* 2026-04-07 02:00:00 UTC */
                    .tz_minutes = 420,
                    .attach_name = "Thông báo 42.txt",
                    .attach_type = "application/octet-stream",
                    .attach = att,
                    .attach_len = sizeof att};
    size_t len;
    char *msg = mail_compose(&m, &len);
    assert_non_null(msg);
    assert_int_equal(strlen(msg), len);
    assert_lines_at_most(msg, 76);

    char v[1024], dec[1024];
    header(msg, "Date", v, sizeof v);
    assert_string_equal(v, "Tue, 07 Apr 2026 09:00:00 +0700");
    header(msg, "To", v, sizeof v);
    assert_string_equal(v, "<trai3@bca.gov.vn>");
    header(msg, "Subject", v, sizeof v);
    decode_words(v, dec, sizeof dec);
    assert_string_equal(dec, SUBJECT);
    header(msg, "From", v, sizeof v);
    decode_words(v, dec, sizeof dec);
    assert_string_equal(dec, "Cục Thi hành án dân sự tỉnh Nghệ An");
    assert_non_null(strstr(v, "<thads@nghean.moj.gov.vn>"));
    header(msg, "Message-ID", v, sizeof v);
    assert_string_equal(v, "<prison_exchange=3A42=3Asent@nghean.moj.gov.vn>");
    header(msg, "X-Thads-Idempotency-Key", v, sizeof v);
    assert_string_equal(v, "prison_exchange:42:sent");
    header(msg, "Content-Type", v, sizeof v);
    assert_non_null(strstr(v, "multipart/mixed"));

    /* the text part decodes to the body */
    const char *t = strstr(msg, "quoted-printable\r\n\r\n");
    assert_non_null(t);
    t += strlen("quoted-printable\r\n\r\n");
    const char *end = strstr(t, "\r\n--=_thads_");
    assert_non_null(end);
    char body[2048];
    qp_decode(t, end, body, sizeof body);
    /* the text ends with its line */
    char expected[2048];
    snprintf(expected, sizeof expected, "%s\n", BODY);
    assert_string_equal(body, expected);
    /* the space at a line's end is encoded, the '=' too */
    assert_non_null(strstr(t, "=20\r\n"));
    assert_non_null(strstr(t, "=3D"));

    /* the attachment decodes to its bytes, its file name in RFC 2231 */
    assert_non_null(strstr(msg, "filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%2042.txt"));
    const char *a = strstr(msg, "Content-Transfer-Encoding: base64\r\n");
    assert_non_null(a);
    a = strstr(a, "\r\n\r\n") + 4;
    const char *aend = strstr(a, "\r\n\r\n--=_thads_");
    assert_non_null(aend);
    char b64[1024];
    size_t o = 0;
    for (const char *p = a; p < aend; p++)
        if (*p != '\r' && *p != '\n')
            b64[o++] = *p;
    b64[o] = '\0';
    size_t n;
    unsigned char *raw = mail_base64_decode(b64, &n);
    assert_non_null(raw);
    assert_int_equal(n, sizeof att);
    assert_memory_equal(raw, att, n);
    free(raw);
    assert_non_null(strstr(msg, "--=_thads_"));
    assert_true(strstr(msg, "--\r\n") != NULL);
    free(msg);
}

static void test_compose_refuses(void **state)
{
    (void)state;
    mail_msg_t m = {.from = "thads@x.vn",
                    .to = "a@y.vn",
                    .subject = "Chào",
                    .body = "Nội dung",
                    .idem_key = "k1",
                    .date = 0,
                    .tz_minutes = 0};
    char *msg = mail_compose(&m, NULL);
    assert_non_null(msg);
    assert_lines_at_most(msg, 76);
    assert_null(strstr(msg, "multipart"));
    assert_non_null(strstr(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
    free(msg);

    mail_msg_t bad = m;
    bad.to = "a@y.vn\r\nBcc: z@z.vn";
    assert_null(mail_compose(&bad, NULL));
    bad = m;
    bad.subject = "Chào\r\nBcc: z@z.vn";
    assert_null(mail_compose(&bad, NULL));
    bad = m;
    bad.subject = "\xc3\x28";
    assert_null(mail_compose(&bad, NULL));
    bad = m;
    bad.idem_key = "key with space";
    assert_null(mail_compose(&bad, NULL));
    bad = m;
    bad.idem_key = NULL;
    assert_null(mail_compose(&bad, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_fax_routes),
        cmocka_unit_test(test_subject_words),
        cmocka_unit_test(test_compose_with_attachment),
        cmocka_unit_test(test_compose_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
