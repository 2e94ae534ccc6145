/*
 * tests/core/test_text.c — one line of human text before it is stored: blank lines
 * refused, the length limit in characters (Vietnamese letters are 2-3 bytes), and
 * every malformed UTF-8 sequence and control character refused.
 */
#include "core/text.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

static void test_empty_and_blank(void **state)
{
    (void)state;
    assert_int_equal(text_check_line("", 10), TEXT_EMPTY);
    assert_int_equal(text_check_line(" ", 10), TEXT_EMPTY);
    assert_int_equal(text_check_line("          ", 10), TEXT_EMPTY);
    /* blank beats too long: forty spaces are still "empty" */
    assert_int_equal(text_check_line("                                        ", 5), TEXT_EMPTY);
    assert_int_equal(text_check_line(" a ", 10), TEXT_OK);
    assert_int_equal(text_check_line("a", 1), TEXT_OK);
    /* a no-break space is a character, not a blank */
    assert_int_equal(text_check_line("\xc2\xa0", 10), TEXT_OK);
}

static void test_length_is_in_characters(void **state)
{
    /* 5 characters, 9 bytes */
    static const char duong[] = "Đường";
    /* 8 characters, 13 bytes */
    static const char dang_thi[] = "Đặng Thị";
    (void)state;

    assert_int_equal(strlen(duong), 9);
    assert_int_equal(strlen(dang_thi), 13);
    assert_int_equal(text_chars(duong), 5);
    assert_int_equal(text_chars(dang_thi), 8);
    assert_int_equal(text_chars(""), 0);
    assert_int_equal(text_chars("😀"), 1);
    assert_int_equal(text_check_line(duong, 5), TEXT_OK);
    assert_int_equal(text_check_line(duong, 4), TEXT_TOO_LONG);
    assert_int_equal(text_check_line(dang_thi, 8), TEXT_OK);
    assert_int_equal(text_check_line(dang_thi, 7), TEXT_TOO_LONG);
    assert_int_equal(text_check_line("abcde", 5), TEXT_OK);
    assert_int_equal(text_check_line("abcdef", 5), TEXT_TOO_LONG);
    /* 200 Vietnamese letters (600 bytes) fit a 200-character name */
    {
        char name[700] = "";
        for (int i = 0; i < 200; i++)
            strcat(name, "ễ");
        assert_int_equal(strlen(name), 600);
        assert_int_equal(text_check_line(name, 200), TEXT_OK);
        strcat(name, "a");
        assert_int_equal(text_check_line(name, 200), TEXT_TOO_LONG);
    }
}

static void test_bad_utf8(void **state)
{
    static const char *const bad[] = {
        "\xff", /* never valid */
        "\xfe",
        "\x80", /* lone continuation byte */
        "abc\xbf",
        "\xc3",         /* truncated 2-byte sequence */
        "\xe1\xba",     /* truncated 3-byte sequence */
        "\xf0\x9f\x98", /* truncated 4-byte sequence */
        "\xc3(",        /* lead byte, then not a continuation */
        "\xe1(\xa1",
        "\xc0\xaf",                 /* overlong '/' */
        "\xc1\xbf",                 /* overlong DEL */
        "\xe0\x80\xaf",             /* overlong '/' in 3 bytes */
        "\xe0\x9f\xbf",             /* overlong U+07FF */
        "\xf0\x80\x80\xaf",         /* overlong '/' in 4 bytes */
        "\xf0\x8f\xbf\xbf",         /* overlong U+FFFF */
        "\xed\xa0\x80",             /* surrogate U+D800 */
        "\xed\xbf\xbf",             /* surrogate U+DFFF */
        "\xed\xa0\xbd\xed\xb8\x80", /* CESU-8 pair for U+1F600 */
        "\xf4\x90\x80\x80",         /* U+110000, past the last code point */
        "\xf5\x80\x80\x80",
        "\xf8\x88\x80\x80\x80",       /* 5-byte form */
        "Nguy\xe1\xbb\x85n \xe1\xbb", /* good text, then a cut letter */
    };
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (text_check_line(bad[i], 100) != TEXT_BAD_UTF8)
            fail_msg("case %zu: %d, want TEXT_BAD_UTF8", i, text_check_line(bad[i], 100));
    }
}

static void test_good_utf8_edges(void **state)
{
    static const char *const good[] = {
        "\xc2\xa9",         /* U+00A9, the first 2-byte letters after C1 */
        "\xdf\xbf",         /* U+07FF */
        "\xe0\xa0\x80",     /* U+0800 */
        "\xed\x9f\xbf",     /* U+D7FF, just below the surrogates */
        "\xee\x80\x80",     /* U+E000, just above */
        "\xf0\x90\x80\x80", /* U+10000 */
        "\xf4\x8f\xbf\xbf", /* U+10FFFF */
        "Nguyễn Thị Ánh Tuyết — 1.234.567 đ",
    };
    (void)state;

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (text_check_line(good[i], 100) != TEXT_OK)
            fail_msg("case %zu: %d, want TEXT_OK", i, text_check_line(good[i], 100));
}

static void test_control_characters(void **state)
{
    static const char *const ctl[] = {
        "a\tb",      /* tab */
        "a\nb",      /* newline */
        "a\rb",      /* carriage return */
        "line\n",    /* a trailing newline */
        "\x01",      /* SOH */
        "\x1b[31m",  /* escape: terminal colours in a name */
        "\x1f",      /* the last C0 control */
        "a\x7f",     /* DEL */
        "\xc2\x80",  /* U+0080, first C1 control */
        "a\xc2\x85", /* U+0085 NEL */
        "\xc2\x9b",  /* U+009B CSI */
        "\xc2\x9f",  /* U+009F, last C1 control */
    };
    (void)state;

    for (size_t i = 0; i < sizeof ctl / sizeof ctl[0]; i++)
        if (text_check_line(ctl[i], 100) != TEXT_CONTROL)
            fail_msg("case %zu: %d, want TEXT_CONTROL", i, text_check_line(ctl[i], 100));
    /* a control character among spaces is not "blank", and counts before length */
    assert_int_equal(text_check_line("   \t   ", 100), TEXT_CONTROL);
    assert_int_equal(text_check_line("abcdefghij\t", 3), TEXT_CONTROL);
    /* the characters around the C0/C1 ranges are fine */
    assert_int_equal(text_check_line(" ~", 10), TEXT_OK);
    assert_int_equal(text_check_line("\xc2\xa0x", 10), TEXT_OK);
}

static void test_status_wording(void **state)
{
    (void)state;
    for (int a = TEXT_EMPTY; a <= TEXT_CONTROL; a++) {
        assert_true(strlen(text_status_en((text_status_t)a)) > 0);
        assert_true(strlen(text_status_vi((text_status_t)a)) > 0);
        assert_string_not_equal(text_status_en((text_status_t)a), text_status_en(TEXT_OK));
        for (int b = TEXT_EMPTY; b < a; b++) {
            assert_string_not_equal(text_status_en((text_status_t)a),
                                    text_status_en((text_status_t)b));
            assert_string_not_equal(text_status_vi((text_status_t)a),
                                    text_status_vi((text_status_t)b));
        }
    }
}

/* Query parameters and path ids: digits only, in range, overflow refused. */
static void test_parse_count(void **state)
{
    int64_t v = -7;
    (void)state;

    assert_int_equal(text_parse_count("200", 1, 200, &v), 0);
    assert_int_equal(v, 200);
    assert_int_equal(text_parse_count("0", 0, 5, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(text_parse_count("9223372036854775807", 1, INT64_MAX, &v), 0);
    assert_true(v == INT64_MAX);
    v = 42;
    /* each refused, *out untouched */
    const char *bad[] = {"",
                         "201",
                         "0",
                         "+5",
                         " 5",
                         "5 ",
                         "-1",
                         "1e3",
                         "0x10",
                         "5a",
                         "٣",
                         "9223372036854775808",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (text_parse_count(bad[i], 1, i < 2 ? 200 : INT64_MAX, &v) != -1)
            fail_msg("'%s' was taken", bad[i]);
    assert_int_equal(v, 42);
    assert_int_equal(text_parse_count(NULL, 0, 1, &v), -1);
}

/* Unit codes sort as people read them: NA-KV2 before NA-KV10 (issue 13, item 4). */
static void test_natural_order(void **state)
{
    (void)state;
    assert_true(text_natural_cmp("NA-KV2", "NA-KV10") < 0);
    assert_true(text_natural_cmp("NA-KV10", "NA-KV2") > 0);
    assert_true(text_natural_cmp("NA-KV9", "NA-KV9") == 0);
    assert_true(text_natural_cmp("NA", "NA-KV1") < 0);
    assert_true(text_natural_cmp("NA-A", "NA-KV1") < 0);
    assert_true(text_natural_cmp("KV1-B", "KV10-A") < 0);
    assert_true(text_natural_cmp("TG3", "TG03") != 0); /* total: equal values still ordered */
    assert_true(text_natural_cmp("TG03", "TG3") == -text_natural_cmp("TG3", "TG03"));
    assert_true(text_natural_cmp("TG03", "TG4") < 0);
    assert_true(text_natural_cmp("X99999999999999999999", "X100000000000000000000") < 0);
    assert_true(text_natural_cmp(NULL, "A") < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_blank),    cmocka_unit_test(test_length_is_in_characters),
        cmocka_unit_test(test_bad_utf8),           cmocka_unit_test(test_good_utf8_edges),
        cmocka_unit_test(test_control_characters), cmocka_unit_test(test_status_wording),
        cmocka_unit_test(test_parse_count),        cmocka_unit_test(test_natural_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
