/*
 * tests/core/test_lunar.c — unit tests for core/lunar.
 *
 * Expected dates are the published Vietnamese (UTC+7) lunar calendar; the
 * UTC+8 cases are the Chinese calendar's, to show the time zone matters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "core/lunar.h"

#define VN 7
#define CN 8

static civil_date_t ymd(int y, int m, int d)
{
    civil_date_t r = civil_date_from_ymd(y, m, d);
    assert_int_not_equal(r, CIVIL_DATE_INVALID);
    return r;
}

static void assert_date(civil_date_t got, int y, int m, int d)
{
    char g[11], w[11];
    civil_date_format(got, g);
    civil_date_format(ymd(y, m, d), w);
    if (got != ymd(y, m, d))
        fail_msg("got %s, want %s", g, w);
}

static void assert_lunar(civil_date_t d, int tz, int day, int month, int year, int leap)
{
    lunar_date_t l;
    char buf[11];
    civil_date_format(d, buf);
    assert_int_equal(lunar_from_solar(d, tz, &l), 0);
    if (l.day != day || l.month != month || l.year != year || l.leap != leap)
        fail_msg("%s: got %d/%d%s/%d, want %d/%d%s/%d", buf, l.day, l.month, l.leap ? "L" : "",
                 l.year, day, month, leap ? "L" : "", year);
}

/* Tết in Vietnam, 2010..2030. 2030 is one of the years where Vietnam and
 * China differ: the new moon is on 2 February 2030 at 16:07 UTC, i.e.
 * 23:07 on the 2nd in Hanoi but 00:07 on the 3rd in Beijing. */
static void test_tet_2010_2030(void **state)
{
    (void)state;
    static const int tet[][3] = {
        {2010, 2, 14}, {2011, 2, 3},  {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31}, {2015, 2, 19},
        {2016, 2, 8},  {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5},  {2020, 1, 25}, {2021, 2, 12},
        {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},
        {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 2},
    };
    for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
        civil_date_t d = lunar_new_year(tet[i][0], VN);
        assert_date(d, tet[i][0], tet[i][1], tet[i][2]);
        assert_lunar(d, VN, 1, 1, tet[i][0], 0);
        /* The eve is the last day of month 12 of the previous lunar year. */
        civil_date_t eve = lunar_last_day_of_year(tet[i][0], VN);
        assert_int_equal(eve, d - 1);
        lunar_date_t l;
        assert_int_equal(lunar_from_solar(eve, VN, &l), 0);
        assert_int_equal(l.month, 12);
        assert_int_equal(l.year, tet[i][0] - 1);
        assert_int_equal(l.leap, 0);
        assert_true(l.day == 29 || l.day == 30);
    }
    assert_date(lunar_new_year(2030, CN), 2030, 2, 3);
}

static void test_tet_older_years(void **state)
{
    (void)state;
    assert_date(lunar_new_year(1900, VN), 1900, 1, 31);
    assert_date(lunar_new_year(1970, VN), 1970, 2, 6);
    assert_date(lunar_new_year(1975, VN), 1975, 2, 11);
    assert_date(lunar_new_year(1995, VN), 1995, 1, 31);
    assert_date(lunar_new_year(2000, VN), 2000, 2, 5);
    assert_date(lunar_new_year(2008, VN), 2008, 2, 7);
}

/* Same rules, another time zone, another Tết. */
static void test_vietnam_china_differ(void **state)
{
    (void)state;
    assert_date(lunar_new_year(1985, VN), 1985, 1, 21);
    assert_date(lunar_new_year(1985, CN), 1985, 2, 20);
    assert_date(lunar_new_year(2007, VN), 2007, 2, 17);
    assert_date(lunar_new_year(2007, CN), 2007, 2, 18);
    /* Where they agree. */
    assert_date(lunar_new_year(2024, CN), 2024, 2, 10);
    assert_date(lunar_new_year(2025, CN), 2025, 1, 29);
    /* The 1984 December solstice came at 23:23 on the 21st in Hanoi but
     * 00:23 on the 22nd in Beijing, the day of a new moon: month 11 began a
     * month earlier in Vietnam, and China's lunar year 1984 got a leap
     * month 10 where Vietnam's had none. */
    assert_lunar(ymd(1984, 11, 23), VN, 1, 11, 1984, 0);
    assert_lunar(ymd(1984, 11, 23), CN, 1, 10, 1984, 1);
    assert_lunar(ymd(1985, 1, 21), CN, 1, 12, 1984, 0);
}

static void test_leap_months(void **state)
{
    (void)state;
    /* 2020 (Canh Tý): leap month 4. */
    assert_lunar(ymd(2020, 4, 23), VN, 1, 4, 2020, 0);
    assert_lunar(ymd(2020, 5, 22), VN, 30, 4, 2020, 0);
    assert_lunar(ymd(2020, 5, 23), VN, 1, 4, 2020, 1);
    assert_lunar(ymd(2020, 6, 20), VN, 29, 4, 2020, 1);
    assert_lunar(ymd(2020, 6, 21), VN, 1, 5, 2020, 0);
    /* 2023 (Quý Mão): leap month 2. */
    assert_lunar(ymd(2023, 2, 20), VN, 1, 2, 2023, 0);
    assert_lunar(ymd(2023, 3, 22), VN, 1, 2, 2023, 1);
    assert_lunar(ymd(2023, 4, 20), VN, 1, 3, 2023, 0);
    /* 2025 (Ất Tỵ): leap month 6. */
    assert_lunar(ymd(2025, 6, 25), VN, 1, 6, 2025, 0);
    assert_lunar(ymd(2025, 7, 25), VN, 1, 6, 2025, 1);
    assert_lunar(ymd(2025, 8, 23), VN, 1, 7, 2025, 0);
    /* 2033: the rare leap month 11 (the "2033 problem"). */
    assert_lunar(ymd(2033, 12, 22), VN, 1, 11, 2033, 1);

    lunar_date_t l = {.day = 1, .month = 4, .year = 2020, .leap = 1};
    assert_date(lunar_to_solar(&l, VN), 2020, 5, 23);
    l = (lunar_date_t){.day = 15, .month = 2, .year = 2023, .leap = 1};
    assert_date(lunar_to_solar(&l, VN), 2023, 4, 5);
    l = (lunar_date_t){.day = 1, .month = 6, .year = 2025, .leap = 1};
    assert_date(lunar_to_solar(&l, VN), 2025, 7, 25);
}

/* Which month is leap, for every year 2000..2040 (0 = none). */
static void test_leap_month_table(void **state)
{
    (void)state;
    static const int leap[][2] = {
        {2001, 4}, {2004, 2}, {2006, 7}, {2009, 5}, {2012, 4},  {2014, 9}, {2017, 6}, {2020, 4},
        {2023, 2}, {2025, 6}, {2028, 5}, {2031, 3}, {2033, 11}, {2036, 6}, {2039, 5},
    };
    for (int y = 2000; y <= 2040; y++) {
        int want = 0;
        for (size_t i = 0; i < sizeof leap / sizeof leap[0]; i++) {
            if (leap[i][0] == y)
                want = leap[i][1];
        }
        int got = 0;
        for (int m = 1; m <= 12; m++) {
            lunar_date_t l = {.day = 1, .month = m, .year = y, .leap = 1};
            if (lunar_to_solar(&l, VN) != CIVIL_DATE_INVALID) {
                assert_int_equal(got, 0); /* at most one leap month */
                got = m;
            }
        }
        if (got != want)
            fail_msg("lunar year %d: leap month %d, want %d", y, got, want);
    }
}

static void test_hung_kings_day(void **state)
{
    (void)state;
    lunar_date_t l = {.day = 10, .month = 3, .year = 2024, .leap = 0};
    assert_date(lunar_to_solar(&l, VN), 2024, 4, 18);
    l.year = 2025;
    assert_date(lunar_to_solar(&l, VN), 2025, 4, 7);
    l.year = 2023; /* after leap month 2 */
    assert_date(lunar_to_solar(&l, VN), 2023, 4, 29);
    l.year = 2007;
    assert_date(lunar_to_solar(&l, VN), 2007, 4, 26);
}

static void test_known_dates(void **state)
{
    (void)state;
    assert_lunar(ymd(2024, 1, 1), VN, 20, 11, 2023, 0);
    assert_lunar(ymd(2024, 9, 17), VN, 15, 8, 2024, 0); /* Mid-Autumn */
    assert_lunar(ymd(2024, 12, 31), VN, 1, 12, 2024, 0);
    /* New moon at 16:39 UTC on 11 April 1975: 23:39 in UTC+7, past
     * midnight in UTC+8, so 30 April is the 20th there and the 19th here. */
    assert_lunar(ymd(1975, 4, 30), VN, 20, 3, 1975, 0);
    assert_lunar(ymd(1975, 4, 30), CN, 19, 3, 1975, 0);
}

static void test_nonexistent_dates(void **state)
{
    (void)state;
    /* Month 12 of lunar year 2023 has 30 days: Tết 2024 follows the 30th. */
    lunar_date_t l = {.day = 30, .month = 12, .year = 2023, .leap = 0};
    assert_date(lunar_to_solar(&l, VN), 2024, 2, 9);
    /* Month 12 of lunar year 2024 has only 29 (no "30 Tết" in 2025). */
    l = (lunar_date_t){.day = 29, .month = 12, .year = 2024, .leap = 0};
    assert_date(lunar_to_solar(&l, VN), 2025, 1, 28);
    l.day = 30;
    assert_int_equal(lunar_to_solar(&l, VN), CIVIL_DATE_INVALID);
    /* Month 4 of 2024 (8 May .. 5 June) has 29 days. */
    l = (lunar_date_t){.day = 30, .month = 4, .year = 2024, .leap = 0};
    assert_int_equal(lunar_to_solar(&l, VN), CIVIL_DATE_INVALID);
    /* No leap month in 2024; leap 3 in 2023 does not exist (it is 2). */
    l = (lunar_date_t){.day = 1, .month = 2, .year = 2024, .leap = 1};
    assert_int_equal(lunar_to_solar(&l, VN), CIVIL_DATE_INVALID);
    l = (lunar_date_t){.day = 1, .month = 3, .year = 2023, .leap = 1};
    assert_int_equal(lunar_to_solar(&l, VN), CIVIL_DATE_INVALID);
    /* Fields out of range. */
    const lunar_date_t bad[] = {
        {0, 1, 2024, 0}, {31, 1, 2024, 0}, {1, 0, 2024, 0},  {1, 13, 2024, 0},
        {1, 1, 2024, 2}, {1, 1, 2024, -1}, {-1, 1, 2024, 0}, {1, 1, 1800, 0},
        {1, 1, 2200, 0}, {1, 1, 1899, 0},  {1, 12, 2199, 0},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(lunar_to_solar(&bad[i], VN), CIVIL_DATE_INVALID);
    assert_int_equal(lunar_to_solar(NULL, VN), CIVIL_DATE_INVALID);
    l = (lunar_date_t){.day = 1, .month = 1, .year = 2024, .leap = 0};
    assert_int_equal(lunar_to_solar(&l, 15), CIVIL_DATE_INVALID);
    assert_int_equal(lunar_to_solar(&l, -13), CIVIL_DATE_INVALID);
}

static void test_range(void **state)
{
    (void)state;
    lunar_date_t l;
    assert_int_equal(lunar_from_solar(ymd(1899, 12, 31), VN, &l), -1);
    assert_int_equal(lunar_from_solar(ymd(1900, 1, 1), VN, &l), 0);
    assert_lunar(ymd(1900, 1, 30), VN, 30, 12, 1899, 0);
    assert_int_equal(lunar_from_solar(ymd(2199, 12, 31), VN, &l), 0);
    assert_int_equal(lunar_from_solar(ymd(2200, 1, 1), VN, &l), -1);
    assert_int_equal(lunar_from_solar(CIVIL_DATE_INVALID, VN, &l), -1);
    assert_int_equal(lunar_from_solar(ymd(2024, 1, 1), VN, NULL), -1);
    assert_int_equal(lunar_from_solar(ymd(2024, 1, 1), 15, &l), -1);
    assert_int_equal(lunar_from_solar(ymd(2024, 1, 1), -13, &l), -1);
    assert_int_equal(lunar_new_year(1899, VN), CIVIL_DATE_INVALID);
    assert_int_equal(lunar_new_year(2200, VN), CIVIL_DATE_INVALID);
    assert_int_not_equal(lunar_new_year(2199, VN), CIVIL_DATE_INVALID);
    assert_date(lunar_last_day_of_year(1900, VN), 1900, 1, 30);
    assert_int_equal(lunar_last_day_of_year(1899, VN), CIVIL_DATE_INVALID);
    assert_int_equal(lunar_new_year(2024, 99), CIVIL_DATE_INVALID);
}

/*
 * Every day of 1970..2100 (VN): converting there and back is the identity,
 * and the lunar date advances by one day, or starts a new month on day 1
 * after day 29 or 30: the next numbered month, or the leap month of the
 * same number; the lunar year changes exactly at month 1. Tết found this
 * way is lunar_new_year of that year.
 */
static void test_every_day_1970_2100(void **state)
{
    (void)state;
    civil_date_t first = ymd(1970, 1, 1), last = ymd(2100, 12, 31);
    lunar_date_t prev;
    assert_int_equal(lunar_from_solar(first, VN, &prev), 0);
    int leap_months = 0, months = 0;
    for (civil_date_t d = first; d <= last; d++) {
        lunar_date_t l;
        assert_int_equal(lunar_from_solar(d, VN, &l), 0);
        if (lunar_to_solar(&l, VN) != d) {
            char buf[11];
            civil_date_format(d, buf);
            fail_msg("%s -> %d/%d/%d leap %d does not convert back", buf, l.day, l.month, l.year,
                     l.leap);
        }
        if (d == first) {
            prev = l;
            continue;
        }
        if (l.day != 1) {
            assert_int_equal(l.day, prev.day + 1);
            assert_int_equal(l.month, prev.month);
            assert_int_equal(l.year, prev.year);
            assert_int_equal(l.leap, prev.leap);
        } else {
            months++;
            assert_true(prev.day == 29 || prev.day == 30);
            if (l.leap) {
                leap_months++;
                assert_int_equal(prev.leap, 0);
                assert_int_equal(l.month, prev.month);
                assert_int_equal(l.year, prev.year);
            } else {
                assert_int_equal(l.month, prev.month % 12 + 1);
                assert_int_equal(l.year, l.month == 1 ? prev.year + 1 : prev.year);
                if (l.month == 1)
                    assert_int_equal(lunar_new_year(l.year, VN), d);
            }
        }
        prev = l;
    }
    /* 131 years hold about 131 * 12.37 months, 7 leap months per 19 years. */
    assert_in_range(months, 1615, 1625);
    assert_in_range(leap_months, 47, 50);
}

/* The same in China's time zone, over the whole supported range but one
 * day per week, to show nothing in the rules is specific to UTC+7. */
static void test_round_trip_cn_sampled(void **state)
{
    (void)state;
    for (civil_date_t d = ymd(1900, 1, 1); d <= ymd(2199, 12, 31); d += 7) {
        lunar_date_t l;
        assert_int_equal(lunar_from_solar(d, CN, &l), 0);
        assert_int_equal(lunar_to_solar(&l, CN), d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tet_2010_2030),
        cmocka_unit_test(test_tet_older_years),
        cmocka_unit_test(test_vietnam_china_differ),
        cmocka_unit_test(test_leap_months),
        cmocka_unit_test(test_leap_month_table),
        cmocka_unit_test(test_hung_kings_day),
        cmocka_unit_test(test_known_dates),
        cmocka_unit_test(test_nonexistent_dates),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_every_day_1970_2100),
        cmocka_unit_test(test_round_trip_cn_sampled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
