/*
 * tests/core/test_receipt.c — receipt numbers (series per unit and year, seven digits)
 * and the receipt forms, core/receipt.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/receipt.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

struct format_case {
    const char *unit;
    int year;
    int64_t number;
    const char *want; /* NULL: refused */
};

static const struct format_case format_cases[] = {
    {"NA-KV1", 2026, 123, "NA-KV1/2026/0000123"},
    {"THADS-NA", 2025, 1, "THADS-NA/2025/0000001"},
    {"A", 1970, RECEIPT_NUMBER_MAX, "A/1970/9999999"},
    {"HCM.Q1_2", 9999, 90000, "HCM.Q1_2/9999/0090000"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", 2026, 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345/2026/0000007"},
    {"NA-KV1", 2026, 0, NULL},
    {"NA-KV1", 2026, RECEIPT_NUMBER_MAX + 1, NULL},
    {"NA-KV1", 2026, -1, NULL},
    {"NA-KV1", 1969, 1, NULL},
    {"NA-KV1", 10000, 1, NULL},
    {"na-kv1", 2026, 1, NULL},
    {"NA/KV1", 2026, 1, NULL},
    {"", 2026, 1, NULL},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", 2026, 1, NULL}, /* 33 characters */
};

static void test_format(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(format_cases); i++) {
        const struct format_case *c = &format_cases[i];
        receipt_no_t r = {.year = c->year, .number = c->number};
        snprintf(r.unit_code, sizeof r.unit_code, "%s", c->unit);
        char buf[RECEIPT_NO_MAX] = "x";
        int rc = strlen(c->unit) >= sizeof r.unit_code ? RECEIPT_INVALID
                                                       : receipt_no_format(&r, buf, sizeof buf);
        if (c->want == NULL) {
            if (rc != RECEIPT_INVALID)
                fail_msg("case %zu: %s/%d/%lld accepted as '%s'", i, c->unit, c->year,
                         (long long)c->number, buf);
            continue;
        }
        if (rc != RECEIPT_OK || strcmp(buf, c->want) != 0)
            fail_msg("case %zu: '%s' (code %d), want '%s'", i, buf, rc, c->want);
        /* And back. */
        receipt_no_t back;
        assert_int_equal(receipt_no_parse(buf, &back), RECEIPT_OK);
        assert_string_equal(back.unit_code, c->unit);
        assert_int_equal(back.year, c->year);
        assert_int_equal(back.number, c->number);
    }
    /* The series alone, and buffers that are too small. */
    char s[RECEIPT_SERIES_MAX];
    assert_int_equal(receipt_series_format("NA-KV1", 2026, s, sizeof s), RECEIPT_OK);
    assert_string_equal(s, "NA-KV1/2026");
    char small[19] = "x"; /* "NA-KV1/2026/0000123" needs 20 with the NUL */
    receipt_no_t r = {"NA-KV1", 2026, 123};
    assert_int_equal(receipt_no_format(&r, small, sizeof small), RECEIPT_INVALID);
    assert_string_equal(small, "");
    assert_int_equal(receipt_series_format("NA-KV1", 2026, small, 5), RECEIPT_INVALID);
    assert_string_equal(small, "");
    assert_int_equal(receipt_no_format(NULL, small, sizeof small), RECEIPT_INVALID);
    assert_int_equal(receipt_series_format(NULL, 2026, small, sizeof small), RECEIPT_INVALID);
}

struct parse_case {
    const char *text;
    const char *unit;
    int year;
    int64_t number; /* 0: refused */
};

static const struct parse_case parse_cases[] = {
    {"NA-KV1/2026/0000123", "NA-KV1", 2026, 123},
    {"NA-KV1/2026/123", "NA-KV1", 2026, 123},
    {"  NA-KV1/2026/0000123  ", "NA-KV1", 2026, 123},
    {"NA-KV1/2026/9999999", "NA-KV1", 2026, 9999999},
    {"NA-KV1/2026/00000123", NULL, 0, 0}, /* eight digits */
    {"NA-KV1/2026/0000000", NULL, 0, 0},
    {"NA-KV1/2026/", NULL, 0, 0},
    {"NA-KV1/2026", NULL, 0, 0},
    {"NA-KV1/26/0000123", NULL, 0, 0},
    {"NA-KV1/1969/0000123", NULL, 0, 0},
    {"NA-KV1/20260/0000123", NULL, 0, 0},
    {"na-kv1/2026/0000123", NULL, 0, 0},
    {"/2026/0000123", NULL, 0, 0},
    {"NA KV1/2026/0000123", NULL, 0, 0},
    {"NA-KV1/2026/0000123/", NULL, 0, 0},
    {"NA-KV1/2026/0000123x", NULL, 0, 0},
    {"NA-KV1/2026/-123", NULL, 0, 0},
    {"NA-KV1/2026/+123", NULL, 0, 0},
    {"NA-KV1//2026/0000123", NULL, 0, 0},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456/2026/1", NULL, 0, 0},
    {"", NULL, 0, 0},
};

/* Every page, export and command names a document the same way, and a document of a unit
 * whose code is no code is still named by its number and year. */
static void test_text(void **state)
{
    char buf[RECEIPT_NO_MAX];
    receipt_no_t back;
    (void)state;

    receipt_no_text("NA-KV1", 2026, 13, buf, sizeof buf);
    assert_string_equal(buf, "NA-KV1/2026/0000013");
    assert_int_equal(receipt_no_parse(buf, &back), RECEIPT_OK);
    assert_int_equal(back.number, 13);
    receipt_no_text("có dấu", 2026, 13, buf, sizeof buf);
    assert_string_equal(buf, "0000013/2026");
    receipt_no_text(NULL, 2025, 9999999, buf, sizeof buf);
    assert_string_equal(buf, "9999999/2025");
}

static void test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        receipt_no_t r = {"UNTOUCHED", 1, 1};
        int rc = receipt_no_parse(c->text, &r);
        if (c->number == 0) {
            if (rc != RECEIPT_INVALID || strcmp(r.unit_code, "UNTOUCHED") != 0)
                fail_msg("case %zu: '%s' accepted", i, c->text);
            assert_int_equal(receipt_message(rc), MSG_RECEIPT_NUMBER);
            continue;
        }
        if (rc != RECEIPT_OK)
            fail_msg("case %zu: '%s' refused", i, c->text);
        assert_string_equal(r.unit_code, c->unit);
        assert_int_equal(r.year, c->year);
        assert_int_equal(r.number, c->number);
    }
    receipt_no_t r;
    assert_int_equal(receipt_no_parse(NULL, &r), RECEIPT_INVALID);
    assert_int_equal(receipt_no_parse("NA-KV1/2026/1", NULL), RECEIPT_INVALID);
}

/* Numbers run 1, 2, ... 9,999,999 in a series, and then the series says so. */
static void test_next(void **state)
{
    (void)state;
    int64_t next = -7;
    assert_int_equal(receipt_number_next(0, &next), RECEIPT_OK);
    assert_int_equal(next, 1);
    assert_int_equal(receipt_number_next(122, &next), RECEIPT_OK);
    assert_int_equal(next, 123);
    assert_int_equal(receipt_number_next(RECEIPT_NUMBER_MAX - 1, &next), RECEIPT_OK);
    assert_int_equal(next, RECEIPT_NUMBER_MAX);
    assert_int_equal(receipt_number_next(RECEIPT_NUMBER_MAX, &next), RECEIPT_USED_UP);
    assert_int_equal(next, RECEIPT_NUMBER_MAX);
    assert_int_equal(receipt_message(RECEIPT_USED_UP), MSG_RECEIPT_NUMBERS_USED_UP);
    assert_int_equal(receipt_number_next(-1, &next), RECEIPT_INVALID);
    assert_int_equal(receipt_number_next(RECEIPT_NUMBER_MAX + 1, &next), RECEIPT_INVALID);
    assert_int_equal(receipt_number_next(0, NULL), RECEIPT_INVALID);
    assert_string_equal(message_get(receipt_message(RECEIPT_OK))->code, "internal");
}

static void test_kinds(void **state)
{
    (void)state;
    static const char *const codes[] = {"C28-THA", "C29-THA", "C30-THA", "C31-THA"};
    assert_int_equal(RECEIPT_KIND_COUNT, N_ELEMS(codes));
    for (int k = 0; k < RECEIPT_KIND_COUNT; k++) {
        const receipt_kind_info_t *info = receipt_kind_info((receipt_kind_t)k);
        assert_non_null(info);
        assert_int_equal(info->kind, k);
        assert_string_equal(info->code, codes[k]);
        assert_true(strlen(info->name_vi) > 0 && strlen(info->name_en) > 0);
        assert_non_null(strstr(info->legal_ref, "91/2010/TT-BTC"));
        receipt_kind_t back;
        assert_int_equal(receipt_kind_parse(codes[k], &back), RECEIPT_OK);
        assert_int_equal(back, k);
    }
    assert_non_null(strstr(receipt_kind_info(RECEIPT_C29_THA)->name_vi, "tạm ứng án phí"));
    assert_null(receipt_kind_info(RECEIPT_KIND_COUNT));
    assert_null(receipt_kind_info((receipt_kind_t)-1));
    receipt_kind_t k = RECEIPT_C31_THA;
    assert_int_equal(receipt_kind_parse("c28-tha", &k), RECEIPT_INVALID);
    assert_int_equal(receipt_kind_parse("C28", &k), RECEIPT_INVALID);
    assert_int_equal(receipt_kind_parse("", &k), RECEIPT_INVALID);
    assert_int_equal(receipt_kind_parse(NULL, &k), RECEIPT_INVALID);
    assert_int_equal(k, RECEIPT_C31_THA);
    assert_string_equal(message_get(MSG_RECEIPT_KIND)->code, "invalid_value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format), cmocka_unit_test(test_text),  cmocka_unit_test(test_parse),
        cmocka_unit_test(test_next),   cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
