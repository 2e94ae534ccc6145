/*
 * tests/core/test_calendar.c — unit tests for core/calendar.
 *
 * The "calendar rules" group builds the calendar from the statutory rules
 * alone (no CSV): what the Labour Codes give, before any announcement (the
 * computed default). The "announced calendar" group builds it from the
 * built-in data/holidays.csv and checks the government's announced
 * schedules for civil servants, 2020-2026.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "embed.h"

#define F   HOLIDAY_FIXED
#define L   HOLIDAY_LUNAR
#define C   HOLIDAY_COMPENSATORY
#define OFF HOLIDAY_ANNOUNCED_OFF
#define WRK HOLIDAY_ANNOUNCED_WORKING

typedef struct {
    int y, m, d;
    holiday_kind_t kind;
} expect_t;

static civil_date_t ymd(int y, int m, int d)
{
    civil_date_t r = civil_date_from_ymd(y, m, d);
    assert_int_not_equal(r, CIVIL_DATE_INVALID);
    return r;
}

static void assert_date(civil_date_t got, civil_date_t want)
{
    if (got != want) {
        char g[11], w[11];
        civil_date_format(got, g);
        civil_date_format(want, w);
        fail_msg("got %s, want %s", g, w);
    }
}

static calendar_t *build_ok(const char *csv)
{
    calendar_t *cal = NULL;
    char err[256];
    int rc = calendar_build(csv, &cal, err, sizeof err);
    if (rc != 0)
        fail_msg("calendar_build failed: %s", err);
    assert_non_null(cal);
    return cal;
}

/* Shared rules-only calendar for the tests that do not need their own. */
static int setup_rules(void **state)
{
    calendar_t *cal = NULL;
    char err[256];
    if (calendar_build(NULL, &cal, err, sizeof err) != 0)
        return -1;
    *state = cal;
    return 0;
}

static int teardown_cal(void **state)
{
    calendar_free(*state);
    return 0;
}

/* calendar_holidays(year) must be exactly `want`, in order. */
static void assert_holidays(const calendar_t *cal, int year, const expect_t *want, size_t nwant)
{
    holiday_t got[64];
    size_t n = calendar_holidays(cal, year, got, 64);
    assert_true(n <= 64);
    for (size_t i = 0; i < n || i < nwant; i++) {
        char g[11] = "-", w[11] = "-";
        const char *gk = "-", *wk = "-";
        if (i < n) {
            civil_date_format(got[i].date, g);
            gk = calendar_kind_name(got[i].kind);
        }
        if (i < nwant) {
            civil_date_format(ymd(want[i].y, want[i].m, want[i].d), w);
            wk = calendar_kind_name(want[i].kind);
        }
        if (strcmp(g, w) != 0 || strcmp(gk, wk) != 0)
            fail_msg("%d entry %zu: got %s %s, want %s %s", year, i, g, gk, w, wk);
        assert_non_null(got[i].name_vi);
        assert_non_null(got[i].name_en);
        assert_true(got[i].name_vi[0] != '\0');
        assert_true(got[i].name_en[0] != '\0');
    }
}

/* 2024 as announced: Tết 8..14 Feb (not the computed 9..15), Mon 29 Apr
 * swapped with Sat 4 May (2450/VPCP-KGVX). */
static void test_holidays_2024(void **state)
{
    const calendar_t *cal = *state;
    static const expect_t want[] = {
        {2024, 1, 1, F}, /* Mon, New Year */
        {2024, 2, 8, OFF},  {2024, 2, 9, OFF},  {2024, 2, 10, L},   {2024, 2, 11, L},
        {2024, 2, 12, OFF}, {2024, 2, 13, OFF}, {2024, 2, 14, OFF}, /* 29 Tết .. mùng 5 */
        {2024, 2, 15, WRK},                                         /* computed day not given */
        {2024, 4, 18, L},                                           /* Thu, Hùng Kings (10/3) */
        {2024, 4, 29, OFF}, {2024, 4, 30, F},   {2024, 5, 1, F},    /* Mon swapped, Tue, Wed */
        {2024, 5, 4, WRK},                                          /* make-up Saturday */
        {2024, 9, 2, OFF},  {2024, 9, 3, OFF},                      /* Mon 2 Sep + Tue 3 Sep */
    };
    assert_holidays(cal, 2024, want, sizeof want / sizeof want[0]);
}

/* 2025 as announced (8726/VPCP-KGVX): Tết Mon 27 .. Fri 31 Jan between two
 * weekends, no compensatory Mon 3 Feb and no make-up Saturday; Fri 2 May
 * swapped with Sat 26 Apr. */
static void test_holidays_2025(void **state)
{
    const calendar_t *cal = *state;
    static const expect_t want[] = {
        {2025, 1, 1, F}, /* Wed */
        {2025, 1, 27, OFF}, {2025, 1, 28, OFF}, {2025, 1, 29, OFF},
        {2025, 1, 30, OFF}, {2025, 1, 31, OFF}, /* 28 Chạp .. mùng 3 */
        {2025, 2, 1, L},                        /* Sat: computed Tết day, a rest day anyway */
        {2025, 2, 3, WRK},                      /* the computed compensatory day, not given */
        {2025, 4, 7, L},                        /* Mon, Hùng Kings */
        {2025, 4, 26, WRK},                     /* make-up Saturday for Fri 2 May */
        {2025, 4, 30, F},   {2025, 5, 1, F},    {2025, 5, 2, OFF},
        {2025, 9, 1, F},    {2025, 9, 2, F}, /* Tue 2 Sep + Mon 1 Sep (computed) */
    };
    assert_holidays(cal, 2025, want, sizeof want / sizeof want[0]);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 8)), 0); /* no make-up */
}

/* 2023 has a holiday on a weekend in every block. */
static void test_holidays_2023_compensation(void **state)
{
    const calendar_t *cal = *state;
    static const expect_t want[] = {
        {2023, 1, 1, F},  {2023, 1, 2, C}, /* Sun -> Mon */
        {2023, 1, 21, L}, {2023, 1, 22, L}, {2023, 1, 23, L}, {2023, 1, 24, L},
        {2023, 1, 25, L}, {2023, 1, 26, C}, {2023, 1, 27, C}, /* Sat+Sun -> Thu+Fri */
        {2023, 4, 29, L}, {2023, 4, 30, F}, {2023, 5, 1, F},  /* Sat, Sun, Mon */
        {2023, 5, 2, C},  {2023, 5, 3, C},                    /* after the block */
        {2023, 9, 1, F},  {2023, 9, 2, F},  {2023, 9, 4, C},  /* Sat 2 Sep -> Fri 1 + Mon 4 */
    };
    assert_holidays(cal, 2023, want, sizeof want / sizeof want[0]);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 9, 1)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 9, 4)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 9, 5)), 1);
}

static size_t count_kind(const calendar_t *cal, int year, holiday_kind_t kind, int month)
{
    holiday_t h[64];
    size_t n = calendar_holidays(cal, year, h, 64), c = 0;
    for (size_t i = 0; i < n; i++) {
        int m;
        civil_date_to_ymd(h[i].date, NULL, &m, NULL);
        if (h[i].kind == kind && (month == 0 || m == month))
            c++;
    }
    return c;
}

/* The legal regimes: 4-day Tết until 2013, Hùng Kings from 2007, 2-day
 * National Day from 2021. */
static void test_eras(void **state)
{
    const calendar_t *cal = *state;
    /* 2005: Tết 4 days, no Hùng Kings. */
    assert_int_equal(count_kind(cal, 2005, L, 0), 4);
    static const expect_t y2005[] = {
        {2005, 1, 1, F},  {2005, 1, 3, C},  {2005, 2, 8, L},  {2005, 2, 9, L},
        {2005, 2, 10, L}, {2005, 2, 11, L}, {2005, 4, 30, F}, {2005, 5, 1, F},
        {2005, 5, 2, C},  {2005, 5, 3, C},  {2005, 9, 2, F},
    };
    assert_holidays(cal, 2005, y2005, sizeof y2005 / sizeof y2005[0]);
    assert_int_equal(count_kind(cal, 2006, L, 0), 4);
    /* 2007: first Hùng Kings holiday, 26 April. */
    assert_int_equal(count_kind(cal, 2007, L, 4), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2007, 4, 26)), 0);
    /* 2010: 4 Tết days and Hùng Kings. */
    static const expect_t y2010[] = {
        {2010, 1, 1, F},  {2010, 2, 13, L}, {2010, 2, 14, L}, {2010, 2, 15, L},
        {2010, 2, 16, L}, {2010, 2, 17, C}, {2010, 2, 18, C}, {2010, 4, 23, L},
        {2010, 4, 30, F}, {2010, 5, 1, F},  {2010, 5, 3, C},  {2010, 9, 2, F},
    };
    assert_holidays(cal, 2010, y2010, sizeof y2010 / sizeof y2010[0]);
    /* 2013 is the last 4-day Tết, 2014 the first 5-day one. */
    assert_int_equal(count_kind(cal, 2013, L, 0), 5);
    assert_int_equal(count_kind(cal, 2014, L, 0), 6);
    static const expect_t y2014_tet[] = {
        {2014, 1, 1, F}, {2014, 1, 30, L}, {2014, 1, 31, L}, {2014, 2, 1, L},
        {2014, 2, 2, L}, {2014, 2, 3, L},  {2014, 2, 4, C},  {2014, 2, 5, C},
    };
    holiday_t h[8];
    assert_true(calendar_holidays(cal, 2014, h, 8) >= 8);
    for (size_t i = 0; i < 8; i++) {
        assert_date(h[i].date, ymd(y2014_tet[i].y, y2014_tet[i].m, y2014_tet[i].d));
        assert_int_equal(h[i].kind, y2014_tet[i].kind);
    }
    /* 2020: National Day is one day; 2021: two (Thu 2 + Fri 3 Sep). */
    assert_int_equal(count_kind(cal, 2020, F, 9), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2020, 9, 3)), 1);
    assert_int_equal(count_kind(cal, 2021, F, 9), 2);
    assert_int_equal(calendar_is_working_day(cal, ymd(2021, 9, 3)), 0);
    /* 1970 uses the 1994 schedule (documented assumption). */
    assert_int_equal(count_kind(cal, 1970, L, 0), 4);
}

/* The default day next to 2 September for each weekday of 2 September. */
static void test_national_day_adjacent(void **state)
{
    const calendar_t *cal = *state;
    /* year, day of September expected as the adjacent day */
    static const int cases[][2] = {
        {2024, 3}, /* Mon -> Tue 3 */
        {2025, 1}, /* Tue -> Mon 1 */
        {2026, 3}, /* Wed -> Thu 3 */
        {2021, 3}, /* Thu -> Fri 3 */
        {2022, 1}, /* Fri -> Thu 1 */
        {2023, 1}, /* Sat -> Fri 1 */
        {2029, 3}, /* Sun -> Mon 3 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y = cases[i][0];
        assert_int_equal(civil_date_weekday(ymd(y, 9, 2)), (int)i + 1);
        assert_int_equal(calendar_is_working_day(cal, ymd(y, 9, cases[i][1])), 0);
        int other = cases[i][1] == 1 ? 3 : 1;
        /* The other neighbour stays a working day unless it is a weekend
         * day or the compensatory day for a weekend 2 September. */
        civil_date_t o = ymd(y, 9, other);
        if (civil_date_weekday(o) <= 5 && civil_date_weekday(ymd(y, 9, 2)) <= 5)
            assert_int_equal(calendar_is_working_day(cal, o), 1);
    }
    /* Sun 2 Sep 2029: Mon 3 adjacent, Tue 4 compensatory. */
    assert_int_equal(calendar_is_working_day(cal, ymd(2029, 9, 4)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2029, 9, 5)), 1);
}

/* Every year, with no CSV: sorted, one entry per date, each compensatory
 * day matched by a holiday on a weekend, and the working flag agrees with
 * the list. */
static void test_holiday_list_consistency(void **state)
{
    const calendar_t *cal = *state;
    for (int y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
        holiday_t h[64];
        size_t n = calendar_holidays(cal, y, h, 64);
        assert_true(n >= 7 && n <= 64);
        size_t weekend_holidays = 0, comps = 0, k = 0;
        for (civil_date_t d = ymd(y, 1, 1); d <= ymd(y, 12, 31); d++) {
            int wd = civil_date_weekday(d);
            int listed = k < n && h[k].date == d;
            int want_working = listed ? 0 : wd <= 5;
            if (calendar_is_working_day(cal, d) != want_working) {
                char buf[11];
                civil_date_format(d, buf);
                fail_msg("%s working flag disagrees with the holiday list", buf);
            }
            if (listed) {
                if (k > 0)
                    assert_true(h[k - 1].date < h[k].date);
                if (h[k].kind == HOLIDAY_COMPENSATORY) {
                    comps++;
                    assert_true(wd <= 5);
                } else if (wd >= 6) {
                    weekend_holidays++;
                }
                k++;
            }
        }
        assert_int_equal(k, n);
        assert_int_equal(comps, weekend_holidays);
        /* Every statutory day got its own date (no two coincide). */
        size_t statutory = 1 + (y <= 2013 ? 4 : 5) + (y >= 2007) + 3 + (y >= 2021);
        assert_int_equal(count_kind(cal, y, F, 0) + count_kind(cal, y, L, 0), statutory);
    }
}

static void test_add_working_days(void **state)
{
    const calendar_t *cal = *state;
    /* Weekends. */
    assert_date(calendar_add_working_days(cal, ymd(2024, 3, 1), 1), ymd(2024, 3, 4)); /* Fri */
    assert_date(calendar_add_working_days(cal, ymd(2024, 3, 2), 1), ymd(2024, 3, 4)); /* Sat */
    assert_date(calendar_add_working_days(cal, ymd(2024, 3, 4), 5), ymd(2024, 3, 11));
    assert_date(calendar_add_working_days(cal, ymd(2024, 3, 4), 0), ymd(2024, 3, 4));
    assert_date(calendar_add_working_days(cal, ymd(2024, 3, 2), 0), ymd(2024, 3, 2));
    /* Over the computed Tết 2027 (no announcement yet): Fri 5 .. Tue 9 Feb
     * and compensatory Wed 10, Thu 11 off, back on Fri 12. (The announced
     * years are checked in the "announced calendar" group.) */
    assert_date(calendar_add_working_days(cal, ymd(2027, 2, 4), 1), ymd(2027, 2, 12));
    assert_date(calendar_add_working_days(cal, ymd(2027, 2, 4), 2), ymd(2027, 2, 15));
    assert_date(calendar_add_working_days(cal, ymd(2027, 2, 1), 10), ymd(2027, 2, 22));
    assert_date(calendar_add_working_days(cal, ymd(2027, 2, 6), 1), ymd(2027, 2, 12));
    /* Over 30 April / 1 May 2023 and its compensatory days. */
    assert_date(calendar_add_working_days(cal, ymd(2023, 4, 28), 1), ymd(2023, 5, 4));
    /* A year of working days. */
    assert_int_equal(calendar_working_days_between(cal, ymd(2023, 12, 31), ymd(2024, 12, 31)),
                     262 - 11);
    /* Errors. */
    assert_int_equal(calendar_add_working_days(cal, ymd(2024, 3, 4), -1), CIVIL_DATE_INVALID);
    assert_int_equal(calendar_add_working_days(cal, ymd(2024, 3, 4), INT_MAX), CIVIL_DATE_INVALID);
    assert_int_equal(calendar_add_working_days(cal, CIVIL_DATE_INVALID, 1), CIVIL_DATE_INVALID);
    assert_int_equal(calendar_add_working_days(NULL, ymd(2024, 3, 4), 1), CIVIL_DATE_INVALID);
}

/* add_working_days(d, 1) is the first working day after d, for every d. */
static void test_add_one_every_day(void **state)
{
    const calendar_t *cal = *state;
    civil_date_t first = ymd(CALENDAR_FIRST_YEAR, 1, 1), last = ymd(CALENDAR_LAST_YEAR, 12, 31);
    for (civil_date_t d = first; d <= last; d++) {
        civil_date_t want = d + 1;
        while (want <= last && calendar_is_working_day(cal, want) != 1)
            want++;
        if (want > last)
            want = CIVIL_DATE_INVALID;
        assert_int_equal(calendar_add_working_days(cal, d, 1), want);
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* xorshift64: fixed seed, so the "random" pairs are the same every run. */
static uint32_t rng_next(uint32_t bound)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % bound);
}

static int slow_between(const calendar_t *cal, civil_date_t a, civil_date_t b)
{
    int sign = 1;
    if (b < a) {
        civil_date_t t = a;
        a = b;
        b = t;
        sign = -1;
    }
    int n = 0;
    for (civil_date_t d = a + 1; d <= b; d++)
        n += calendar_is_working_day(cal, d) == 1;
    return sign * n;
}

static void test_between_property(void **state)
{
    const calendar_t *cal = *state;
    civil_date_t first = ymd(CALENDAR_FIRST_YEAR, 1, 1), last = ymd(CALENDAR_LAST_YEAR, 12, 31);
    uint32_t span = (uint32_t)(last - first + 2); /* a, b in [first - 1, last] */
    for (int i = 0; i < 3000; i++) {
        civil_date_t a = first - 1 + (civil_date_t)rng_next(span), b;
        if (i % 10 == 0) {
            b = first - 1 + (civil_date_t)rng_next(span); /* anywhere */
        } else {
            b = a + (civil_date_t)rng_next(1201) - 600; /* nearby */
            if (b < first - 1 || b > last)
                continue;
        }
        int n = calendar_working_days_between(cal, a, b);
        assert_int_equal(n, slow_between(cal, a, b));
        assert_int_equal(calendar_working_days_between(cal, b, a), -n);
        if (b > a && a >= first && calendar_is_working_day(cal, b) == 1)
            assert_date(calendar_add_working_days(cal, a, n), b);
    }
    assert_int_equal(calendar_working_days_between(cal, ymd(2024, 3, 4), ymd(2024, 3, 4)), 0);
    /* Whole range: 1970-01-01 .. 2100-12-31. */
    int total = calendar_working_days_between(cal, first - 1, last);
    assert_int_equal(total, slow_between(cal, first - 1, last));
    /* 1970-01-01 itself is a holiday, so all `total` lie after it. */
    assert_int_equal(calendar_is_working_day(cal, first), 0);
    assert_date(calendar_add_working_days(cal, first, total), ymd(2100, 12, 31));
    assert_int_equal(calendar_add_working_days(cal, first, total + 1), CIVIL_DATE_INVALID);
}

static void test_deadline(void **state)
{
    const calendar_t *cal = *state;
    /* Calendar days ending on a working day stay put. */
    assert_date(calendar_deadline(cal, ymd(2024, 3, 1), 3, DAYS_CALENDAR), ymd(2024, 3, 4));
    assert_date(calendar_deadline(cal, ymd(2024, 3, 4), 15, DAYS_CALENDAR), ymd(2024, 3, 19));
    /* Ending on Saturday -> Monday. */
    assert_date(calendar_deadline(cal, ymd(2024, 3, 1), 1, DAYS_CALENDAR), ymd(2024, 3, 4));
    assert_date(calendar_deadline(cal, ymd(2024, 2, 24), 7, DAYS_CALENDAR), ymd(2024, 3, 4));
    /* Ending inside the computed Tết 2027 -> Fri 12 Feb. */
    assert_date(calendar_deadline(cal, ymd(2027, 2, 1), 8, DAYS_CALENDAR), ymd(2027, 2, 12));
    assert_date(calendar_deadline(cal, ymd(2027, 1, 10), 30, DAYS_CALENDAR), ymd(2027, 2, 12));
    /* Ending on the compensatory day after 2 Sep 2023 -> Tue 5 Sep. */
    assert_date(calendar_deadline(cal, ymd(2023, 8, 28), 7, DAYS_CALENDAR), ymd(2023, 9, 5));
    /* Working days. */
    assert_date(calendar_deadline(cal, ymd(2024, 3, 1), 1, DAYS_WORKING), ymd(2024, 3, 4));
    assert_date(calendar_deadline(cal, ymd(2027, 2, 1), 5, DAYS_WORKING), ymd(2027, 2, 15));
    assert_date(calendar_deadline(cal, ymd(2024, 3, 4), 0, DAYS_WORKING), ymd(2024, 3, 4));
    /* Errors and range. */
    assert_int_equal(calendar_deadline(cal, ymd(2024, 3, 1), -1, DAYS_CALENDAR),
                     CIVIL_DATE_INVALID);
    assert_int_equal(calendar_deadline(cal, ymd(2024, 3, 1), 1, (day_count_t)7),
                     CIVIL_DATE_INVALID);
    assert_int_equal(calendar_deadline(cal, ymd(2100, 12, 20), 30, DAYS_CALENDAR),
                     CIVIL_DATE_INVALID);
    assert_int_equal(calendar_deadline(cal, ymd(2100, 12, 29), 1, DAYS_CALENDAR),
                     ymd(2100, 12, 30));
    assert_int_equal(calendar_deadline(cal, ymd(2024, 3, 1), INT_MAX, DAYS_CALENDAR),
                     CIVIL_DATE_INVALID);
    assert_int_equal(calendar_deadline(cal, ymd(1969, 12, 31), 1, DAYS_CALENDAR),
                     CIVIL_DATE_INVALID);
    assert_int_equal(calendar_deadline(cal, ymd(2100, 12, 31), 1, DAYS_WORKING),
                     CIVIL_DATE_INVALID);
}

static void test_range_edges(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_is_working_day(cal, ymd(1970, 1, 1)), 0); /* New Year */
    assert_int_equal(calendar_is_working_day(cal, ymd(1970, 1, 2)), 1); /* Friday */
    assert_int_equal(calendar_is_working_day(cal, ymd(1969, 12, 31)), -1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2100, 12, 31)), 1); /* Friday */
    assert_int_equal(calendar_is_working_day(cal, ymd(2101, 1, 1)), -1);
    assert_int_equal(calendar_is_working_day(cal, CIVIL_DATE_INVALID), -1);
    assert_int_equal(calendar_is_working_day(NULL, ymd(2024, 1, 2)), -1);

    assert_date(calendar_add_working_days(cal, ymd(2100, 12, 30), 1), ymd(2100, 12, 31));
    assert_int_equal(calendar_add_working_days(cal, ymd(2100, 12, 31), 1), CIVIL_DATE_INVALID);
    assert_date(calendar_add_working_days(cal, ymd(2100, 12, 31), 0), ymd(2100, 12, 31));
    assert_int_equal(calendar_add_working_days(cal, ymd(1969, 12, 31), 1), CIVIL_DATE_INVALID);
    assert_int_equal(calendar_add_working_days(cal, ymd(2101, 1, 1), 0), CIVIL_DATE_INVALID);

    assert_int_equal(calendar_working_days_between(cal, ymd(1969, 12, 31), ymd(1970, 1, 2)), 1);
    assert_int_equal(calendar_working_days_between(cal, ymd(1969, 12, 30), ymd(1970, 1, 2)),
                     INT_MIN);
    assert_int_equal(calendar_working_days_between(cal, ymd(2100, 12, 30), ymd(2101, 1, 1)),
                     INT_MIN);
    assert_int_equal(calendar_working_days_between(cal, CIVIL_DATE_INVALID, ymd(2024, 1, 1)),
                     INT_MIN);
    assert_int_equal(calendar_working_days_between(NULL, ymd(2024, 1, 1), ymd(2024, 1, 2)),
                     INT_MIN);

    assert_int_equal(calendar_holidays(cal, 1969, NULL, 0), 0);
    assert_int_equal(calendar_holidays(cal, 2101, NULL, 0), 0);
    assert_true(calendar_holidays(cal, 1970, NULL, 0) > 0);
    assert_true(calendar_holidays(cal, 2100, NULL, 0) > 0);
}

/* calendar_holidays reports the total and never writes past max. */
static void test_holidays_buffer(void **state)
{
    const calendar_t *cal = *state;
    size_t total = calendar_holidays(cal, 2024, NULL, 0);
    assert_int_equal(total, 13);
    holiday_t h[5];
    memset(h, 0x5A, sizeof h);
    assert_int_equal(calendar_holidays(cal, 2024, h, 3), 13);
    assert_date(h[2].date, ymd(2024, 2, 10));
    unsigned char sentinel[sizeof h[3]];
    memset(sentinel, 0x5A, sizeof sentinel);
    assert_memory_equal(&h[3], sentinel, sizeof sentinel);
    assert_string_equal(h[0].name_vi, "Tết Dương lịch");
    assert_string_equal(h[0].name_en, "New Year's Day");
    assert_string_equal(h[1].name_vi, "Tết Nguyên đán");
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(calendar_kind_name(HOLIDAY_FIXED), "fixed");
    assert_string_equal(calendar_kind_name(HOLIDAY_LUNAR), "lunar");
    assert_string_equal(calendar_kind_name(HOLIDAY_COMPENSATORY), "compensatory");
    assert_string_equal(calendar_kind_name(HOLIDAY_ANNOUNCED_OFF), "announced_off");
    assert_string_equal(calendar_kind_name(HOLIDAY_ANNOUNCED_WORKING), "announced_working");
    assert_string_equal(calendar_kind_name((holiday_kind_t)42), "unknown");
}

/* ------------------------------------------------------------------------
 * Announced-days CSV.
 */

/* The same shape as the shipped data/holidays.csv. */
static const char good_csv[] =
    "# thads announced days\n"
    "# [M] check each entry against the official announcement\n"
    "\n"
    "date,kind,name_vi,name_en,source\n"
    "\n"
    "# sample rows (not the real 2025 schedule)\n"
    "2025-01-27,off,Nghỉ Tết Nguyên đán (hoán đổi),Lunar New Year (swapped day off),[M] test\n"
    "2025-02-08,working,Làm bù cho ngày 27/01/2025,Make-up working day for 27 Jan 2025,"
    "[W] 1/VPCP-KGVX\n"
    "2025-04-26,working,Làm bù cho ngày 02/05/2025,Make-up working day for 2 May 2025,X\n"
    "2025-05-02,off,Nghỉ lễ 30/4 - 1/5 (hoán đổi),Reunification and Labour Day (swapped),Y\n";

static void test_csv_good(void **state)
{
    (void)state;
    calendar_t *cal = build_ok(good_csv);
    static const expect_t want[] = {
        {2025, 1, 1, F},   {2025, 1, 27, OFF}, {2025, 1, 28, L},   {2025, 1, 29, L},
        {2025, 1, 30, L},  {2025, 1, 31, L},   {2025, 2, 1, L},    {2025, 2, 3, C},
        {2025, 2, 8, WRK}, {2025, 4, 7, L},    {2025, 4, 26, WRK}, {2025, 4, 30, F},
        {2025, 5, 1, F},   {2025, 5, 2, OFF},  {2025, 9, 1, F},    {2025, 9, 2, F},
    };
    assert_holidays(cal, 2025, want, sizeof want / sizeof want[0]);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 1, 27)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 8)), 1);  /* Saturday */
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 4, 26)), 1); /* Saturday */
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 5, 2)), 0);
    holiday_t h[16];
    assert_int_equal(calendar_holidays(cal, 2025, h, 16), 16);
    assert_string_equal(h[1].name_vi, "Nghỉ Tết Nguyên đán (hoán đổi)");
    assert_string_equal(h[1].name_en, "Lunar New Year (swapped day off)");
    assert_string_equal(h[8].name_en, "Make-up working day for 27 Jan 2025");
    assert_string_equal(h[1].source, "[M] test");
    assert_string_equal(h[8].source, "[W] 1/VPCP-KGVX");
    assert_non_null(strstr(h[14].source, "LC 2019")); /* computed: the rule's law */
    assert_int_equal(calendar_year_announced(cal, 2025), 1);
    assert_int_equal(calendar_year_announced(cal, 2024), 0);
    /* Fri 24 Jan 2025 + 1 working day: Mon 27 is now off, then Tết. */
    assert_date(calendar_add_working_days(cal, ymd(2025, 1, 24), 1), ymd(2025, 2, 4));
    assert_date(calendar_add_working_days(cal, ymd(2025, 2, 7), 1), ymd(2025, 2, 8));
    /* Other years untouched. */
    assert_int_equal(calendar_holidays(cal, 2024, NULL, 0), 13);
    calendar_free(cal);
}

/* The shipped file, read from the repository (tests run from its root). */
static void test_csv_shipped_file(void **state)
{
    (void)state;
    FILE *f = fopen("data/holidays.csv", "rb");
    if (f == NULL) {
        print_message("data/holidays.csv not found from the working directory; skipped\n");
        skip();
    }
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    assert_true(n < sizeof buf - 1);
    buf[n] = '\0';
    calendar_t *cal = build_ok(buf);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 1, 27)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 3)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 8)), 0); /* no make-up day */
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 4, 26)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 5, 2)), 0);
    /* The file on disk is the one built in. */
    const embedded_file_t *e = embed_find(embedded_data, "holidays.csv");
    assert_non_null(e);
    assert_int_equal(e->size, n);
    assert_memory_equal(e->data, buf, n);
    calendar_free(cal);
}

/* ------------------------------------------------------------------------
 * The announced calendar: the built-in data/holidays.csv. Each announced
 * year: a day off the computed default missed, a working day it got wrong,
 * a make-up Saturday where there is one, and deadlines across Tết.
 */

static int setup_shipped(void **state)
{
    const embedded_file_t *e = embed_find(embedded_data, "holidays.csv");
    calendar_t *cal = NULL;
    char err[256];
    if (e == NULL || calendar_build((const char *)e->data, &cal, err, sizeof err) != 0) {
        print_message("built-in holidays.csv: %s\n", e ? err : "missing");
        return -1;
    }
    *state = cal;
    return 0;
}

static void assert_source_has(const calendar_t *cal, civil_date_t d, const char *want)
{
    holiday_t h[64];
    int y;
    civil_date_to_ymd(d, &y, NULL, NULL);
    size_t n = calendar_holidays(cal, y, h, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        if (h[i].date == d) {
            assert_non_null(h[i].source);
            if (strstr(h[i].source, want) == NULL)
                fail_msg("source \"%s\" lacks \"%s\"", h[i].source, want);
            return;
        }
    }
    fail_msg("date not listed");
}

/* Tết 2020: Thu 23 .. Wed 29 Jan (computed: 24 .. 30). */
static void test_announced_2020(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2020), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2020, 1, 22)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2020, 1, 23)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2020, 1, 29)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2020, 1, 30)), 1);
    assert_date(calendar_add_working_days(cal, ymd(2020, 1, 22), 1), ymd(2020, 1, 30));
    /* 10 calendar days from Mon 13 Jan end on Thu 23 (off): Thu 30. */
    assert_date(calendar_deadline(cal, ymd(2020, 1, 13), 10, DAYS_CALENDAR), ymd(2020, 1, 30));
    assert_source_has(cal, ymd(2020, 1, 23), "[M]");
}

/* Tết 2021: Wed 10 .. Tue 16 Feb (computed: 11 .. 17). */
static void test_announced_2021(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2021), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2021, 2, 9)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2021, 2, 10)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2021, 2, 16)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2021, 2, 17)), 1);
    assert_date(calendar_add_working_days(cal, ymd(2021, 2, 9), 1), ymd(2021, 2, 17));
    assert_date(calendar_deadline(cal, ymd(2021, 2, 1), 9, DAYS_CALENDAR), ymd(2021, 2, 17));
}

/* Tết 2022: Mon 31 Jan .. Fri 4 Feb, as computed; now with its source. */
static void test_announced_2022(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2022), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2022, 1, 28)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2022, 1, 31)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2022, 2, 7)), 1);
    assert_date(calendar_add_working_days(cal, ymd(2022, 1, 28), 1), ymd(2022, 2, 7));
    assert_source_has(cal, ymd(2022, 2, 1), "245/VPCP-KGVX");
}

/* Tết 2023: Fri 20 .. Thu 26 Jan (computed: 21 .. 27). */
static void test_announced_2023(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2023), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 1, 19)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 1, 20)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 1, 26)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2023, 1, 27)), 1);
    assert_date(calendar_add_working_days(cal, ymd(2023, 1, 19), 1), ymd(2023, 1, 27));
    assert_date(calendar_deadline(cal, ymd(2023, 1, 10), 10, DAYS_CALENDAR), ymd(2023, 1, 27));
}

/* 2024: Tết Thu 8 .. Wed 14 Feb; Mon 29 Apr off, Sat 4 May worked. */
static void test_announced_2024(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2024), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2024, 2, 7)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2024, 2, 8)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2024, 2, 15)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2024, 4, 29)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2024, 5, 4)), 1); /* make-up Saturday */
    /* Working days across Tết: back on Thu 15 Feb. */
    assert_date(calendar_add_working_days(cal, ymd(2024, 2, 7), 1), ymd(2024, 2, 15));
    assert_date(calendar_add_working_days(cal, ymd(2024, 2, 1), 10), ymd(2024, 2, 22));
    /* Calendar days ending inside Tết: Thu 15 Feb. */
    assert_date(calendar_deadline(cal, ymd(2024, 2, 1), 8, DAYS_CALENDAR), ymd(2024, 2, 15));
    assert_date(calendar_deadline(cal, ymd(2024, 1, 15), 30, DAYS_CALENDAR), ymd(2024, 2, 15));
    assert_date(calendar_deadline(cal, ymd(2024, 2, 5), 5, DAYS_WORKING), ymd(2024, 2, 19));
    /* The make-up Saturday counts as an officer's working day... */
    assert_date(calendar_add_working_days(cal, ymd(2024, 5, 3), 1), ymd(2024, 5, 4));
    assert_date(calendar_deadline(cal, ymd(2024, 5, 3), 1, DAYS_WORKING), ymd(2024, 5, 4));
    /* ...but a calendar-day period ending on it runs to Monday. */
    assert_date(calendar_deadline(cal, ymd(2024, 4, 24), 10, DAYS_CALENDAR), ymd(2024, 5, 6));
    /* Ending on the swapped Monday 29 Apr: next working weekday, Thu 2 May. */
    assert_date(calendar_deadline(cal, ymd(2024, 4, 19), 10, DAYS_CALENDAR), ymd(2024, 5, 2));
    assert_source_has(cal, ymd(2024, 5, 4), "2450/VPCP-KGVX");
}

/* 2025: Tết 25 Jan .. 2 Feb with no make-up Saturday; Fri 2 May off, Sat
 * 26 Apr worked. */
static void test_announced_2025(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2025), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 1, 24)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 1, 27)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 3)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 2, 8)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 4, 26)), 1); /* make-up Saturday */
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 5, 2)), 0);
    assert_date(calendar_add_working_days(cal, ymd(2025, 1, 24), 1), ymd(2025, 2, 3));
    assert_date(calendar_add_working_days(cal, ymd(2025, 2, 7), 1), ymd(2025, 2, 10));
    /* 10 calendar days from Wed 22 Jan end on Sat 1 Feb: Mon 3 Feb. */
    assert_date(calendar_deadline(cal, ymd(2025, 1, 22), 10, DAYS_CALENDAR), ymd(2025, 2, 3));
    /* A calendar-day period ending on the make-up Saturday 26 Apr: Mon 28. */
    assert_date(calendar_deadline(cal, ymd(2025, 4, 16), 10, DAYS_CALENDAR), ymd(2025, 4, 28));
    assert_date(calendar_deadline(cal, ymd(2025, 4, 25), 1, DAYS_WORKING), ymd(2025, 4, 26));
    assert_source_has(cal, ymd(2025, 1, 27), "8726/VPCP-KGVX");
}

/* 2026: Fri 2 Jan off, Sat 10 Jan worked; Tết 14 .. 22 Feb. */
static void test_announced_2026(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2026), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 1, 2)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 1, 5)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 1, 10)), 1); /* make-up Saturday */
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 2, 13)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 2, 16)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 2, 20)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2026, 2, 23)), 1);
    assert_date(calendar_add_working_days(cal, ymd(2025, 12, 31), 1), ymd(2026, 1, 5));
    assert_date(calendar_add_working_days(cal, ymd(2026, 1, 9), 1), ymd(2026, 1, 10));
    assert_date(calendar_add_working_days(cal, ymd(2026, 2, 13), 1), ymd(2026, 2, 23));
    /* Calendar days ending on Fri 2 Jan (off) and on Sat 10 Jan (make-up):
     * Mon 5 Jan and Mon 12 Jan. */
    assert_date(calendar_deadline(cal, ymd(2025, 12, 23), 10, DAYS_CALENDAR), ymd(2026, 1, 5));
    assert_date(calendar_deadline(cal, ymd(2025, 12, 31), 10, DAYS_CALENDAR), ymd(2026, 1, 12));
    /* Ending inside Tết: Mon 23 Feb. */
    assert_date(calendar_deadline(cal, ymd(2026, 2, 5), 10, DAYS_CALENDAR), ymd(2026, 2, 23));
    assert_source_has(cal, ymd(2026, 1, 10), "12729/VPCP-KGVX");
    assert_source_has(cal, ymd(2026, 2, 17), "9441/TB-BNV");
    /* National Day 2026 is not confirmed: computed, from the rule. */
    assert_source_has(cal, ymd(2026, 9, 3), "LC 2019");
}

/* A year with no announcement is computed, and says so. */
static void test_computed_year(void **state)
{
    const calendar_t *cal = *state;
    assert_int_equal(calendar_year_announced(cal, 2027), 0);
    assert_int_equal(calendar_year_announced(cal, 2019), 0);
    assert_int_equal(calendar_year_announced(cal, 1969), -1);
    assert_int_equal(calendar_year_announced(cal, 2101), -1);
    assert_int_equal(calendar_year_announced(NULL, 2025), -1);
    holiday_t h[64];
    size_t n = calendar_holidays(cal, 2027, h, 64);
    for (size_t i = 0; i < n; i++) {
        assert_true(h[i].kind != HOLIDAY_ANNOUNCED_OFF && h[i].kind != HOLIDAY_ANNOUNCED_WORKING);
        assert_non_null(strstr(h[i].source, "LC "));
    }
}

static void test_csv_empty_inputs(void **state)
{
    (void)state;
    const char *ok[] = {
        "",
        "\n\n",
        "# only a comment\n",
        "date,kind,name_vi,name_en,source\n",
        "date,kind,name_vi,name_en,source",
        "\xEF\xBB\xBF"
        "date,kind,name_vi,name_en,source\r\n2025-01-27,off,A,B,S\r\n",
        "date,kind,name_vi,name_en,source\n2025-01-27,off,A,B,S", /* no final newline */
        "  \t\n# c\ndate,kind,name_vi,name_en,source\n   \n2025-01-27,off,A,B,S\n#c\n",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        calendar_t *cal = build_ok(ok[i]);
        calendar_free(cal);
    }
    calendar_t *cal =
        build_ok("date,kind,name_vi,name_en,source\r\n2025-01-27,off,Tên,Name,Nguồn\r\n");
    holiday_t h[16];
    calendar_holidays(cal, 2025, h, 16);
    assert_int_equal(h[1].kind, HOLIDAY_ANNOUNCED_OFF);
    assert_string_equal(h[1].name_en, "Name");
    assert_string_equal(h[1].source, "Nguồn"); /* no '\r' left on the last field */
    calendar_free(cal);
}

/* A working day that moves a rule-derived day: the announcement put the
 * 2025 National Day pair on 2..3 Sep instead of the default 1..2 Sep. */
static void test_csv_overrides_rule_day(void **state)
{
    (void)state;
    calendar_t *cal = build_ok("date,kind,name_vi,name_en,source\n"
                               "2025-09-01,working,Đi làm,Working day,S\n"
                               "2025-09-03,off,Quốc khánh,National Day (announced),S\n"
                               "2025-01-01,off,Tết Dương lịch,New Year (announced),S\n"
                               "2025-03-08,off,Nghỉ thứ Bảy,Saturday off,S\n");
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 9, 1)), 1);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 9, 2)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 9, 3)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 1, 1)), 0);
    assert_int_equal(calendar_is_working_day(cal, ymd(2025, 3, 8)), 0);
    static const expect_t want[] = {
        {2025, 1, 1, OFF}, {2025, 1, 28, L},  {2025, 1, 29, L}, {2025, 1, 30, L},
        {2025, 1, 31, L},  {2025, 2, 1, L},   {2025, 2, 3, C},  {2025, 3, 8, OFF},
        {2025, 4, 7, L},   {2025, 4, 30, F},  {2025, 5, 1, F},  {2025, 9, 1, WRK},
        {2025, 9, 2, F},   {2025, 9, 3, OFF},
    };
    assert_holidays(cal, 2025, want, sizeof want / sizeof want[0]);
    calendar_free(cal);
}

static void expect_csv_error(const char *csv, const char *want)
{
    calendar_t *cal = (calendar_t *)0x1;
    char err[256];
    memset(err, 'x', sizeof err);
    assert_int_equal(calendar_build(csv, &cal, err, sizeof err), -1);
    assert_null(cal);
    if (strcmp(err, want) != 0)
        fail_msg("error for CSV:\n%s\n  got:  %s\n  want: %s", csv, err, want);
}

#define HDR "date,kind,name_vi,name_en,source\n"

static void test_csv_errors(void **state)
{
    (void)state;
    /* Bad dates. */
    expect_csv_error(HDR "2025-13-01,off,A,B,S\n",
                     "line 2, column 1: invalid date (expected YYYY-MM-DD)");
    expect_csv_error(HDR "2023-02-29,off,A,B,S\n",
                     "line 2, column 1: invalid date (expected YYYY-MM-DD)");
    expect_csv_error(HDR "2025-1-27,off,A,B,S\n",
                     "line 2, column 1: invalid date (expected YYYY-MM-DD)");
    expect_csv_error(HDR "27/01/2025,off,A,B,S\n",
                     "line 2, column 1: invalid date (expected YYYY-MM-DD)");
    expect_csv_error(HDR " 2025-01-27,off,A,B,S\n",
                     "line 2, column 1: invalid date (expected YYYY-MM-DD)");
    /* Out of range. */
    expect_csv_error(HDR "1969-12-31,off,A,B,S\n", "line 2, column 1: date outside 1970..2100");
    expect_csv_error(HDR "2101-01-01,off,A,B,S\n", "line 2, column 1: date outside 1970..2100");
    /* Unknown kind. */
    expect_csv_error(HDR "2025-01-27,holiday,A,B,S\n",
                     "line 2, column 12: unknown kind (expected off or working)");
    expect_csv_error(HDR "2025-01-27,Off,A,B,S\n",
                     "line 2, column 12: unknown kind (expected off or working)");
    expect_csv_error(HDR "2025-01-27,,A,B,S\n",
                     "line 2, column 12: unknown kind (expected off or working)");
    /* Wrong field count: a name with a comma, a missing field. */
    expect_csv_error(
        HDR "2025-01-27,off,A,B,S,C\n",
        "line 2, column 21: too many fields (expected 5: date,kind,name_vi,name_en,source)");
    expect_csv_error(
        HDR "2025-01-27,off,Nghỉ, bù,Day off,S\n",
        "line 2, column 35: too many fields (expected 5: date,kind,name_vi,name_en,source)");
    /* A row of the old 4-field format: the source is missing. */
    expect_csv_error(HDR "2025-01-27,off,A,B\n", "line 2, column 19: too few fields (expected 5: "
                                                 "date,kind,name_vi,name_en,source), found 4");
    expect_csv_error(HDR "2025-01-27,off,A\n", "line 2, column 17: too few fields (expected 5: "
                                               "date,kind,name_vi,name_en,source), found 3");
    expect_csv_error(HDR "2025-01-27\n", "line 2, column 11: too few fields (expected 5: "
                                         "date,kind,name_vi,name_en,source), found 1");
    /* Empty names. */
    expect_csv_error(HDR "2025-01-27,off,,B,S\n", "line 2, column 16: empty name_vi");
    expect_csv_error(HDR "2025-01-27,off,A,,S\n", "line 2, column 18: empty name_en");
    expect_csv_error(HDR "2025-01-27,off,A,  ,S\n", "line 2, column 18: empty name_en");
    /* Empty source: every row names what it follows. */
    expect_csv_error(HDR "2025-01-27,off,A,B,\n",
                     "line 2, column 20: empty source (name the announcing document, or mark "
                     "it [M] unconfirmed)");
    expect_csv_error(HDR "2025-01-27,off,A,B, \r\n",
                     "line 2, column 20: empty source (name the announcing document, or mark "
                     "it [M] unconfirmed)");
    /* Duplicate date, after comments and blank lines (line numbers count
     * every line). */
    expect_csv_error("# c\n" HDR "2025-01-27,off,A,B,S\n\n# c\n2025-01-27,off,C,D,S\n",
                     "line 6, column 1: duplicate date (first given on line 3)");
    expect_csv_error(HDR "2025-02-08,working,A,B,S\n2025-02-08,off,C,D,S\n",
                     "line 3, column 1: duplicate date (first given on line 2)");
    /* 'working' on a day that already is one (Wednesday 5 March 2025). */
    expect_csv_error(HDR "2025-03-05,working,A,B,S\n",
                     "line 2, column 12: 'working' on a day that is already a working day");
    /* Invalid UTF-8: truncated sequence, overlong, surrogate, stray byte,
     * and in a comment. */
    expect_csv_error(HDR "2025-01-27,off,Ngh\xE1\xBB,B,S\n", "line 2, column 19: invalid UTF-8");
    expect_csv_error(HDR "2025-01-27,off,\xC0\xAF,B,S\n", "line 2, column 16: invalid UTF-8");
    expect_csv_error(HDR "2025-01-27,off,\xED\xA0\x80,B,S\n", "line 2, column 16: invalid UTF-8");
    expect_csv_error(HDR "2025-01-27,off,A,B\xFF,S\n", "line 2, column 19: invalid UTF-8");
    expect_csv_error(HDR "2025-01-27,off,A,B,S\xFF\n", "line 2, column 21: invalid UTF-8");
    expect_csv_error("# caf\xE9\n" HDR, "line 1, column 6: invalid UTF-8");
    /* Header. */
    expect_csv_error("2025-01-27,off,A,B,S\n",
                     "line 1, column 1: expected header \"date,kind,name_vi,name_en,source\"");
    expect_csv_error("# c\nDate,Kind,name_vi,name_en,source\n",
                     "line 2, column 1: expected header \"date,kind,name_vi,name_en,source\"");
    expect_csv_error("date,kind,name_vi,name_en,source,extra\n",
                     "line 1, column 1: expected header \"date,kind,name_vi,name_en,source\"");
    /* The old header, without the source column, is refused. */
    expect_csv_error("date,kind,name_vi,name_en\n2025-01-27,off,A,B\n",
                     "line 1, column 1: expected header \"date,kind,name_vi,name_en,source\"");
    /* Control characters and over-long lines. */
    expect_csv_error(HDR "2025-01-27,off,A\tB,C,S\n", "line 2, column 17: control character");
    char longline[CALENDAR_CSV_MAX_LINE + 64];
    snprintf(longline, sizeof longline, HDR "2025-01-27,off,A,B,");
    size_t len = strlen(longline);
    memset(longline + len, 'x', sizeof longline - len - 1);
    longline[sizeof longline - 1] = '\0';
    expect_csv_error(longline, "line 2, column 1025: line longer than 1024 bytes");
}

/* The first error in file order is the one reported. */
static void test_csv_first_error_wins(void **state)
{
    (void)state;
    expect_csv_error(HDR "2025-01-27,off,A,B,S\n2025-01-28,nope,A,B,S\n2025-99-99,off,A,B,S\n",
                     "line 3, column 12: unknown kind (expected off or working)");
}

static void test_csv_error_buffer(void **state)
{
    (void)state;
    calendar_t *cal = NULL;
    /* err may be NULL. */
    assert_int_equal(calendar_build(HDR "bad\n", &cal, NULL, 0), -1);
    assert_null(cal);
    /* A short buffer gets a truncated, terminated message. */
    char small[8];
    assert_int_equal(calendar_build(HDR "bad\n", &cal, small, sizeof small), -1);
    assert_string_equal(small, "line 2,");
    /* errlen 0 leaves the buffer alone. */
    char untouched[4] = "abc";
    assert_int_equal(calendar_build(HDR "bad\n", &cal, untouched, 0), -1);
    assert_string_equal(untouched, "abc");
    /* Success clears err. */
    char err[32] = "stale";
    cal = build_ok(NULL);
    calendar_free(cal);
    assert_int_equal(calendar_build("", &cal, err, sizeof err), 0);
    assert_string_equal(err, "");
    calendar_free(cal);
    /* out is required. */
    assert_int_equal(calendar_build(NULL, NULL, err, sizeof err), -1);
    calendar_free(NULL);
}

int main(void)
{
    const struct CMUnitTest rules[] = {
        cmocka_unit_test(test_holidays_2023_compensation),
        cmocka_unit_test(test_eras),
        cmocka_unit_test(test_national_day_adjacent),
        cmocka_unit_test(test_holiday_list_consistency),
        cmocka_unit_test(test_add_working_days),
        cmocka_unit_test(test_add_one_every_day),
        cmocka_unit_test(test_between_property),
        cmocka_unit_test(test_deadline),
        cmocka_unit_test(test_range_edges),
        cmocka_unit_test(test_holidays_buffer),
        cmocka_unit_test(test_kind_names),
    };
    const struct CMUnitTest csv[] = {
        cmocka_unit_test(test_csv_good),         cmocka_unit_test(test_csv_shipped_file),
        cmocka_unit_test(test_csv_empty_inputs), cmocka_unit_test(test_csv_overrides_rule_day),
        cmocka_unit_test(test_csv_errors),       cmocka_unit_test(test_csv_first_error_wins),
        cmocka_unit_test(test_csv_error_buffer),
    };
    const struct CMUnitTest announced[] = {
        cmocka_unit_test(test_holidays_2024),  cmocka_unit_test(test_holidays_2025),
        cmocka_unit_test(test_announced_2020), cmocka_unit_test(test_announced_2021),
        cmocka_unit_test(test_announced_2022), cmocka_unit_test(test_announced_2023),
        cmocka_unit_test(test_announced_2024), cmocka_unit_test(test_announced_2025),
        cmocka_unit_test(test_announced_2026), cmocka_unit_test(test_computed_year),
    };
    int failed = cmocka_run_group_tests_name("calendar rules", rules, setup_rules, teardown_cal);
    failed +=
        cmocka_run_group_tests_name("announced calendar", announced, setup_shipped, teardown_cal);
    failed += cmocka_run_group_tests_name("calendar csv", csv, NULL, NULL);
    return failed;
}
