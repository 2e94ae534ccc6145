/*
 * tests/core/test_unit.c — organizational units: the 13 kinds and their flags, the
 * checks on a new unit's fields (each failure naming its field, as the API and the
 * CSV import report it), and the date at which a unit's place in the tree is judged.
 */
#include "core/unit.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

static const struct {
    const char *code;
    int enforcement, custody;
} expected_kinds[] = {
    {"ministry", 0, 0},          {"central_department", 1, 0},
    {"provincial_agency", 1, 0}, {"regional_office", 1, 0},
    {"district_office", 1, 0},   {"prison", 0, 1},
    {"detention_camp", 0, 1},    {"court", 0, 0},
    {"procuracy", 0, 0},         {"bank", 0, 0},
    {"land_office", 0, 0},       {"commune", 0, 0},
    {"other_agency", 0, 0},
};
#define NKINDS (sizeof expected_kinds / sizeof expected_kinds[0])

static void test_every_kind_is_found(void **state)
{
    (void)state;
    for (size_t i = 0; i < NKINDS; i++) {
        const unit_kind_t *k = unit_kind_find(expected_kinds[i].code);
        if (k == NULL)
            fail_msg("kind %s not found", expected_kinds[i].code);
        assert_string_equal(k->code, expected_kinds[i].code);
        assert_true(strlen(k->name_vi) > 0);
        assert_true(strlen(k->name_en) > 0);
        assert_int_equal(k->enforcement, expected_kinds[i].enforcement);
        assert_int_equal(k->custody, expected_kinds[i].custody);
    }
}

static void test_kind_list_is_complete_and_distinct(void **state)
{
    const unit_kind_t *all = unit_kinds();
    size_t n = 0;
    (void)state;

    for (; all[n].code != NULL; n++) {
        assert_ptr_equal(unit_kind_find(all[n].code), &all[n]);
        for (size_t j = 0; j < n; j++) {
            assert_string_not_equal(all[n].code, all[j].code);
            assert_string_not_equal(all[n].name_vi, all[j].name_vi);
            assert_string_not_equal(all[n].name_en, all[j].name_en);
        }
    }
    assert_int_equal(n, NKINDS);
}

static void test_unknown_kinds(void **state)
{
    (void)state;
    assert_null(unit_kind_find(NULL));
    assert_null(unit_kind_find(""));
    assert_null(unit_kind_find("Prison"));
    assert_null(unit_kind_find("PRISON"));
    assert_null(unit_kind_find("prison "));
    assert_null(unit_kind_find("pris"));
    assert_null(unit_kind_find("trại giam"));
}

static civil_date_t d(int y, int m, int day)
{
    return civil_date_from_ymd(y, m, day);
}

#define NAME "Phòng Thi hành án dân sự khu vực 1 - Nghệ An"

static void expect(unit_check_t want, const char *want_field, const char *code, const char *name,
                   const char *kind, civil_date_t from, civil_date_t to)
{
    const char *field = "untouched";
    unit_check_t got = unit_check(code, name, kind, from, to, &field);

    if (got != want)
        fail_msg("unit_check(%s, %s, %s): %d, want %d", code ? code : "NULL", name ? name : "NULL",
                 kind ? kind : "NULL", got, want);
    if (want_field == NULL)
        assert_null(field);
    else
        assert_string_equal(field, want_field);
}

static void test_valid_unit(void **state)
{
    (void)state;
    expect(UNIT_OK, NULL, "NA-KV1", NAME, "regional_office", d(2025, 7, 1), CIVIL_DATE_INVALID);
    expect(UNIT_OK, NULL, "A", "X", "bank", d(2025, 7, 1), d(2025, 7, 1)); /* one day */
    expect(UNIT_OK, NULL, "Q.1_HCM-2", NAME, "district_office", d(2010, 1, 1), d(2025, 6, 30));
    expect(UNIT_OK, NULL, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", NAME, "court", d(2020, 1, 1),
           CIVIL_DATE_INVALID); /* 32 characters */
}

static void test_bad_code(void **state)
{
    static const char *const bad[] = {
        "",                                  /* empty */
        "na-kv1",                            /* lowercase */
        "NA KV1",                            /* space */
        "NA/KV1",                            /* slash */
        "ĐN",                                /* not ASCII */
        "NA\tKV1",                           /* tab */
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", /* 33 characters */
    };
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect(UNIT_BAD_CODE, "code", bad[i], NAME, "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_CODE, "code", NULL, NAME, "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
}

static void test_bad_name(void **state)
{
    char long_name[1000] = "";
    (void)state;

    expect(UNIT_BAD_NAME, "name_vi", "TG3", NULL, "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_NAME, "name_vi", "TG3", "", "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_NAME, "name_vi", "TG3", "   ", "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_NAME, "name_vi", "TG3", "Trại giam\nsố 3", "prison", d(2020, 1, 1),
           CIVIL_DATE_INVALID);
    expect(UNIT_BAD_NAME, "name_vi", "TG3", "Tr\xe1\xba", "prison", d(2020, 1, 1),
           CIVIL_DATE_INVALID);
    /* 200 characters fit (600 bytes), 201 do not */
    for (int i = 0; i < 200; i++)
        strcat(long_name, "ạ");
    expect(UNIT_OK, NULL, "TG3", long_name, "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
    strcat(long_name, "a");
    expect(UNIT_BAD_NAME, "name_vi", "TG3", long_name, "prison", d(2020, 1, 1), CIVIL_DATE_INVALID);
}

static void test_bad_kind(void **state)
{
    (void)state;
    expect(UNIT_BAD_KIND, "kind", "TG3", "Trại giam số 3", "camp", d(2020, 1, 1),
           CIVIL_DATE_INVALID);
    expect(UNIT_BAD_KIND, "kind", "TG3", "Trại giam số 3", "", d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_KIND, "kind", "TG3", "Trại giam số 3", NULL, d(2020, 1, 1), CIVIL_DATE_INVALID);
    expect(UNIT_BAD_KIND, "kind", "TG3", "Trại giam số 3", "Prison", d(2020, 1, 1),
           CIVIL_DATE_INVALID);
}

static void test_bad_dates(void **state)
{
    (void)state;
    expect(UNIT_BAD_DATES, "valid_to", "HT-KV1", NAME, "regional_office", d(2025, 7, 1),
           d(2025, 6, 30));
    expect(UNIT_BAD_DATES, "valid_to", "HT-KV1", NAME, "regional_office", d(2025, 7, 1),
           d(1990, 1, 1));
}

static void test_first_failing_field_is_named(void **state)
{
    (void)state;
    /* everything wrong: the code is reported first, then the name, then the kind */
    expect(UNIT_BAD_CODE, "code", "x", "", "nope", d(2025, 7, 1), d(2025, 1, 1));
    expect(UNIT_BAD_NAME, "name_vi", "X", "", "nope", d(2025, 7, 1), d(2025, 1, 1));
    expect(UNIT_BAD_KIND, "kind", "X", "Y", "nope", d(2025, 7, 1), d(2025, 1, 1));
}

static void test_check_wording(void **state)
{
    (void)state;
    for (int a = UNIT_BAD_CODE; a <= UNIT_BAD_DATES; a++) {
        assert_true(strlen(unit_check_en((unit_check_t)a)) > 0);
        assert_true(strlen(unit_check_vi((unit_check_t)a)) > 0);
        for (int b = UNIT_OK; b < a; b++) {
            assert_string_not_equal(unit_check_en((unit_check_t)a), unit_check_en((unit_check_t)b));
            assert_string_not_equal(unit_check_vi((unit_check_t)a), unit_check_vi((unit_check_t)b));
        }
    }
}

static void test_scope_date(void **state)
{
    civil_date_t from = d(2020, 1, 1), to = d(2025, 6, 30);
    (void)state;

    /* open unit: today */
    assert_int_equal(unit_scope_date(d(2026, 3, 5), from, CIVIL_DATE_INVALID), d(2026, 3, 5));
    /* within its life: today, including its first and last day */
    assert_int_equal(unit_scope_date(d(2023, 5, 17), from, to), d(2023, 5, 17));
    assert_int_equal(unit_scope_date(from, from, to), from);
    assert_int_equal(unit_scope_date(to, from, to), to);
    /* closed: its last day */
    assert_int_equal(unit_scope_date(d(2025, 7, 1), from, to), to);
    assert_int_equal(unit_scope_date(d(2030, 1, 1), from, to), to);
    /* not open yet: its first day */
    assert_int_equal(unit_scope_date(d(2019, 12, 31), from, to), from);
    assert_int_equal(unit_scope_date(d(2010, 1, 1), from, CIVIL_DATE_INVALID), from);
    /* a one-day unit */
    assert_int_equal(unit_scope_date(d(2024, 1, 1), to, to), to);
    assert_int_equal(unit_scope_date(d(2026, 1, 1), to, to), to);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_is_found),
        cmocka_unit_test(test_kind_list_is_complete_and_distinct),
        cmocka_unit_test(test_unknown_kinds),
        cmocka_unit_test(test_valid_unit),
        cmocka_unit_test(test_bad_code),
        cmocka_unit_test(test_bad_name),
        cmocka_unit_test(test_bad_kind),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_first_failing_field_is_named),
        cmocka_unit_test(test_check_wording),
        cmocka_unit_test(test_scope_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
