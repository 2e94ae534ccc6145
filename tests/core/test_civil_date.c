/*
 * tests/core/test_civil_date.c — unit tests for core/civil_date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/civil_date.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_len(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static civil_date_t ymd(int y, int m, int d)
{
    civil_date_t r = civil_date_from_ymd(y, m, d);
    assert_int_not_equal(r, CIVIL_DATE_INVALID);
    return r;
}

/* Every day of 1900..2200: day numbers are consecutive, and from_ymd,
 * to_ymd, format and parse agree with each other and with an independent
 * month-length table. */
static void test_round_trip_every_day(void **state)
{
    (void)state;
    civil_date_t prev = civil_date_from_ymd(1899, 12, 31);
    int ndays = 0;
    for (int y = 1900; y <= 2200; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= month_len(y, m); d++) {
                civil_date_t c = civil_date_from_ymd(y, m, d);
                assert_int_equal(c, prev + 1);
                int yy, mm, dd;
                civil_date_to_ymd(c, &yy, &mm, &dd);
                assert_int_equal(yy, y);
                assert_int_equal(mm, m);
                assert_int_equal(dd, d);

                char buf[11], want[40];
                civil_date_format(c, buf);
                snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                assert_string_equal(buf, want);

                civil_date_t back = CIVIL_DATE_INVALID;
                assert_int_equal(civil_date_parse(buf, &back), 0);
                assert_int_equal(back, c);

                assert_int_equal(civil_date_weekday(c), (civil_date_weekday(prev) % 7) + 1);
                prev = c;
                ndays++;
            }
            /* One past the end of the month does not exist. */
            assert_int_equal(civil_date_from_ymd(y, m, month_len(y, m) + 1), CIVIL_DATE_INVALID);
        }
    }
    /* 301 years, 73 of them leap (2000 is, 1900 2100 2200 are not). */
    assert_int_equal(ndays, 301 * 365 + 73);
}

static void test_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(civil_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(civil_date_from_ymd(1970, 1, 2), 1);
    assert_int_equal(civil_date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(civil_date_from_ymd(2000, 1, 1), 10957);
    assert_int_equal(civil_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(civil_date_from_ymd(1, 1, 1), -719162);
    assert_int_equal(civil_date_from_ymd(9999, 12, 31), 2932896);
    assert_int_equal(civil_date_from_ymd(1600, 2, 29), -135081);

    int y, m, d;
    civil_date_to_ymd(-719162, &y, &m, &d);
    assert_int_equal(y, 1);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
    civil_date_to_ymd(2932896, &y, &m, &d);
    assert_int_equal(y, 9999);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_int_equal(civil_date_from_ymd(1900, 2, 29), CIVIL_DATE_INVALID);
    assert_int_not_equal(civil_date_from_ymd(2000, 2, 29), CIVIL_DATE_INVALID);
    assert_int_not_equal(civil_date_from_ymd(2004, 2, 29), CIVIL_DATE_INVALID);
    assert_int_not_equal(civil_date_from_ymd(2024, 2, 29), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_from_ymd(2023, 2, 29), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_from_ymd(2100, 2, 29), CIVIL_DATE_INVALID);
    assert_int_not_equal(civil_date_from_ymd(2400, 2, 29), CIVIL_DATE_INVALID);
    /* Year lengths. */
    assert_int_equal(ymd(1901, 1, 1) - ymd(1900, 1, 1), 365);
    assert_int_equal(ymd(2001, 1, 1) - ymd(2000, 1, 1), 366);
    assert_int_equal(ymd(2101, 1, 1) - ymd(2100, 1, 1), 365);
    /* 400 years are exactly 146097 days. */
    assert_int_equal(ymd(2400, 1, 1) - ymd(2000, 1, 1), 146097);
}

static void test_from_ymd_rejects(void **state)
{
    (void)state;
    const int bad[][3] = {
        {0, 1, 1},     {10000, 1, 1},  {-5, 1, 1},    {2023, 0, 1},  {2023, 13, 1},
        {2023, -1, 1}, {2023, 1, 0},   {2023, 1, 32}, {2023, 4, 31}, {2023, 6, 31},
        {2023, 9, 31}, {2023, 11, 31}, {2023, 2, 30}, {2024, 2, 30}, {2023, 1, -1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(civil_date_from_ymd(bad[i][0], bad[i][1], bad[i][2]), CIVIL_DATE_INVALID);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(civil_date_weekday(ymd(1970, 1, 1)), 4);   /* Thursday */
    assert_int_equal(civil_date_weekday(ymd(1969, 12, 29)), 1); /* Monday */
    assert_int_equal(civil_date_weekday(ymd(1945, 9, 2)), 7);   /* Sunday */
    assert_int_equal(civil_date_weekday(ymd(1975, 4, 30)), 3);  /* Wednesday */
    assert_int_equal(civil_date_weekday(ymd(2000, 1, 1)), 6);   /* Saturday */
    assert_int_equal(civil_date_weekday(ymd(2024, 2, 10)), 6);  /* Saturday */
    assert_int_equal(civil_date_weekday(ymd(2025, 1, 29)), 3);  /* Wednesday */
    assert_int_equal(civil_date_weekday(ymd(2023, 9, 2)), 6);   /* Saturday */
    assert_int_equal(civil_date_weekday(ymd(2100, 12, 31)), 5); /* Friday */
    assert_int_equal(civil_date_weekday(ymd(1, 1, 1)), 1);      /* Monday */
    assert_int_equal(civil_date_weekday(CIVIL_DATE_INVALID), 0);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    const char *bad[] = {
        "",
        "2023-02-29",
        "2023-1-5",
        "2023-01-5",
        "2023-01-05x",
        "2023-01-05 ",
        " 2023-01-05",
        "2023-01-05\n",
        "2023/01/05",
        "2023.01.05",
        "20230105",
        "2023-13-01",
        "2023-00-10",
        "2023-01-00",
        "2023-01-32",
        "2023-04-31",
        "0000-01-01",
        "+023-01-01",
        "-023-01-01",
        "2023-+1-01",
        "2023-01- 1",
        "2023-01-0",
        "202-01-01",
        "12023-01-01",
        "2023-01",
        "2023",
        "abcd-ef-gh",
        "2023-01-01T00:00:00",
        "１９７０-01-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        civil_date_t out = 12345;
        if (civil_date_parse(bad[i], &out) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(out, 12345); /* left alone on failure */
    }
    civil_date_t out = 12345;
    assert_int_equal(civil_date_parse(NULL, &out), -1);
    assert_int_equal(out, 12345);
    assert_int_equal(civil_date_parse("2023-01-05", NULL), -1);
}

static void test_parse_accepts_edges(void **state)
{
    (void)state;
    civil_date_t d;
    assert_int_equal(civil_date_parse("0001-01-01", &d), 0);
    assert_int_equal(d, ymd(1, 1, 1));
    assert_int_equal(civil_date_parse("9999-12-31", &d), 0);
    assert_int_equal(d, ymd(9999, 12, 31));
    assert_int_equal(civil_date_parse("2024-02-29", &d), 0);
    assert_int_equal(d, ymd(2024, 2, 29));
    assert_int_equal(civil_date_parse("2000-02-29", &d), 0);
    assert_int_equal(civil_date_parse("1900-02-29", &d), -1);
}

static void test_format_edges(void **state)
{
    (void)state;
    char buf[11];
    civil_date_format(ymd(1, 1, 1), buf);
    assert_string_equal(buf, "0001-01-01");
    civil_date_format(ymd(9999, 12, 31), buf);
    assert_string_equal(buf, "9999-12-31");
    civil_date_format(CIVIL_DATE_INVALID, buf);
    assert_string_equal(buf, "0000-00-00");
    civil_date_format(ymd(1, 1, 1) - 1, buf); /* year 0 */
    assert_string_equal(buf, "0000-00-00");
    civil_date_format(ymd(9999, 12, 31) + 1, buf); /* year 10000 */
    assert_string_equal(buf, "0000-00-00");
    civil_date_format(INT32_MAX, buf);
    assert_string_equal(buf, "0000-00-00");
}

static void test_to_ymd_invalid_and_null(void **state)
{
    (void)state;
    int y = 9, m = 9, d = 9;
    civil_date_to_ymd(CIVIL_DATE_INVALID, &y, &m, &d);
    assert_int_equal(y, 0);
    assert_int_equal(m, 0);
    assert_int_equal(d, 0);
    civil_date_to_ymd(ymd(2024, 7, 15), NULL, &m, NULL);
    assert_int_equal(m, 7);
    civil_date_to_ymd(ymd(2024, 7, 15), NULL, NULL, NULL); /* must not crash */
    /* Extremes of int32 still convert (no overflow inside). */
    civil_date_to_ymd(INT32_MAX, &y, &m, &d);
    assert_true(y > 5000000);
    civil_date_to_ymd(INT32_MIN + 1, &y, &m, &d);
    assert_true(y < -5000000);
}

static int64_t unix_of(int y, int m, int d, int hh, int mi, int ss)
{
    return (int64_t)ymd(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss;
}

static void test_of_utc_midnight(void **state)
{
    (void)state;
    /* Hanoi midnight is 17:00 UTC the day before. */
    assert_int_equal(civil_date_of_utc(unix_of(2024, 12, 31, 17, 0, 0)), ymd(2025, 1, 1));
    assert_int_equal(civil_date_of_utc(unix_of(2024, 12, 31, 16, 59, 59)), ymd(2024, 12, 31));
    assert_int_equal(civil_date_of_utc(unix_of(2024, 12, 31, 0, 0, 0)), ymd(2024, 12, 31));
    assert_int_equal(civil_date_of_utc(unix_of(2024, 12, 31, 23, 59, 59)), ymd(2025, 1, 1));
    assert_int_equal(civil_date_of_utc(unix_of(2024, 2, 28, 17, 0, 0)), ymd(2024, 2, 29));
    assert_int_equal(civil_date_of_utc(unix_of(2024, 2, 29, 17, 0, 0)), ymd(2024, 3, 1));
    assert_int_equal(civil_date_of_utc(1735664400), ymd(2025, 1, 1));
    assert_int_equal(civil_date_of_utc(1735664399), ymd(2024, 12, 31));
}

static void test_of_utc_negative(void **state)
{
    (void)state;
    assert_int_equal(civil_date_of_utc(0), ymd(1970, 1, 1));
    assert_int_equal(civil_date_of_utc(-1), ymd(1970, 1, 1));        /* 07:59:59 local */
    assert_int_equal(civil_date_of_utc(-7 * 3600), ymd(1970, 1, 1)); /* 00:00 local */
    assert_int_equal(civil_date_of_utc(-7 * 3600 - 1), ymd(1969, 12, 31));
    assert_int_equal(civil_date_of_utc(-86400), ymd(1969, 12, 31));
    assert_int_equal(civil_date_of_utc(-86400 - 7 * 3600 - 1), ymd(1969, 12, 30));
    /* 1969-07-20 20:17:40 UTC is 03:17:40 on 21 July in Hanoi. */
    assert_int_equal(civil_date_of_utc(-14182940), ymd(1969, 7, 21));
    assert_int_equal(civil_date_of_utc(unix_of(1900, 1, 1, 16, 59, 59)), ymd(1900, 1, 1));
    assert_int_equal(civil_date_of_utc(unix_of(1900, 1, 1, 17, 0, 0)), ymd(1900, 1, 2));
    /* Every hour across a few negative days matches floor((t + 7h) / 1d). */
    for (int64_t t = -10 * 86400; t <= 10 * 86400; t += 1800) {
        int64_t shifted = t + 7 * 3600;
        int64_t want = shifted >= 0 ? shifted / 86400 : -((-shifted + 86399) / 86400);
        assert_int_equal(civil_date_of_utc(t), want);
    }
}

static void test_of_utc_range(void **state)
{
    (void)state;
    assert_int_equal(civil_date_of_utc(INT64_MAX), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_of_utc(INT64_MIN), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_of_utc(unix_of(9999, 12, 31, 16, 59, 59)), ymd(9999, 12, 31));
    assert_int_equal(civil_date_of_utc(unix_of(9999, 12, 31, 17, 0, 0)), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_of_utc(unix_of(1, 1, 1, 0, 0, 0) - 7 * 3600), ymd(1, 1, 1));
    assert_int_equal(civil_date_of_utc(unix_of(1, 1, 1, 0, 0, 0) - 7 * 3600 - 1),
                     CIVIL_DATE_INVALID);
}

static void test_stat_year_boundaries(void **state)
{
    (void)state;
    assert_int_equal(civil_date_stat_year(ymd(2023, 9, 30)), 2023);
    assert_int_equal(civil_date_stat_month(ymd(2023, 9, 30)), 12);
    assert_int_equal(civil_date_stat_year(ymd(2023, 10, 1)), 2024);
    assert_int_equal(civil_date_stat_month(ymd(2023, 10, 1)), 1);
    assert_int_equal(civil_date_stat_year(ymd(2023, 12, 31)), 2024);
    assert_int_equal(civil_date_stat_month(ymd(2023, 12, 31)), 3);
    assert_int_equal(civil_date_stat_year(ymd(2024, 1, 1)), 2024);
    assert_int_equal(civil_date_stat_month(ymd(2024, 1, 1)), 4);
    assert_int_equal(civil_date_stat_year(ymd(2024, 9, 30)), 2024);
    assert_int_equal(civil_date_stat_month(ymd(2024, 9, 30)), 12);
    assert_int_equal(civil_date_stat_year(ymd(2024, 10, 1)), 2025);

    /* month numbers: December, then January the next number; every day of a month one */
    assert_int_equal(civil_date_month_number(ymd(2024, 1, 1)), 2024 * 12);
    assert_int_equal(civil_date_month_number(ymd(2024, 1, 31)), 2024 * 12);
    assert_int_equal(civil_date_month_number(ymd(2023, 12, 31)) + 1,
                     civil_date_month_number(ymd(2024, 1, 1)));
    assert_int_equal(civil_date_month_number(ymd(2024, 12, 31)), 2024 * 12 + 11);
    assert_int_equal(civil_date_month_number(CIVIL_DATE_INVALID), 0);

    assert_int_equal(civil_date_stat_year_start(2024), ymd(2023, 10, 1));
    assert_int_equal(civil_date_stat_year_end(2024), ymd(2024, 9, 30));
    assert_int_equal(civil_date_stat_year_start(2), ymd(1, 10, 1));
    assert_int_equal(civil_date_stat_year_end(9999), ymd(9999, 9, 30));
    assert_int_equal(civil_date_stat_year_start(1), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_stat_year_start(10000), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_stat_year_end(0), CIVIL_DATE_INVALID);
    assert_int_equal(civil_date_stat_year_end(10000), CIVIL_DATE_INVALID);

    assert_int_equal(civil_date_stat_year(CIVIL_DATE_INVALID), 0);
    assert_int_equal(civil_date_stat_month(CIVIL_DATE_INVALID), 0);
}

/* Every day of 1990..2050 lies inside its stat year's bounds, the bounds of
 * consecutive stat years touch, and the stat month follows the calendar
 * month. */
static void test_stat_year_property(void **state)
{
    (void)state;
    for (civil_date_t d = ymd(1990, 1, 1); d <= ymd(2050, 12, 31); d++) {
        int sy = civil_date_stat_year(d);
        assert_true(civil_date_stat_year_start(sy) <= d);
        assert_true(d <= civil_date_stat_year_end(sy));
        int m;
        civil_date_to_ymd(d, NULL, &m, NULL);
        assert_int_equal((civil_date_stat_month(d) + 8) % 12 + 1, m);
    }
    for (int sy = 1990; sy <= 2050; sy++) {
        assert_int_equal(civil_date_stat_year_end(sy) + 1, civil_date_stat_year_start(sy + 1));
        int len = civil_date_stat_year_end(sy) - civil_date_stat_year_start(sy) + 1;
        assert_int_equal(len, is_leap(sy) ? 366 : 365);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_from_ymd_rejects),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_parse_accepts_edges),
        cmocka_unit_test(test_format_edges),
        cmocka_unit_test(test_to_ymd_invalid_and_null),
        cmocka_unit_test(test_of_utc_midnight),
        cmocka_unit_test(test_of_utc_negative),
        cmocka_unit_test(test_of_utc_range),
        cmocka_unit_test(test_stat_year_boundaries),
        cmocka_unit_test(test_stat_year_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
