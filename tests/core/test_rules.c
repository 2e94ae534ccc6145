/*
 * tests/core/test_rules.c — unit tests for core/rules.c and the shipped data/rules.csv.
 *
 * The shipped table is read from the working directory (tests run from the repository
 * root) and checked against THADS.md 3.3, written out again here; due dates are
 * computed on the statutory calendar (no announced days), so they do not move when
 * data/holidays.csv gains a row.
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
#include "core/rules.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#define HEADER "rule_id,effective_from,effective_to,value,unit,legal_ref,tag,name_vi,name_en\n"

typedef struct {
    rules_t *rules;
    calendar_t *cal;
} fixture_t;

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

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (buf != NULL)
        buf[len] = '\0';
    return buf;
}

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    char err[256];
    char *csv = read_file("data/rules.csv");
    if (fx == NULL || csv == NULL) {
        fprintf(stderr, "cannot read data/rules.csv (run from the repository root)\n");
        free(csv);
        free(fx);
        return -1;
    }
    int rc = rules_parse(csv, &fx->rules, err, sizeof err);
    free(csv);
    if (rc != 0) {
        fprintf(stderr, "data/rules.csv: %s\n", err);
        free(fx);
        return -1;
    }
    if (calendar_build(NULL, &fx->cal, err, sizeof err) != 0) {
        fprintf(stderr, "calendar: %s\n", err);
        rules_free(fx->rules);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    rules_free(fx->rules);
    calendar_free(fx->cal);
    free(fx);
    return 0;
}

/* ------------------------------------------------------------------------
 * The shipped table.
 */

/* THADS.md 3.3 as in force on the 2014 law, written out again: id, value, unit, tag,
 * and the article the legal reference must cite. */
static const struct {
    const char *id;
    int64_t value;
    rule_unit_t unit;
    const char *tag, *article;
} thads_2014[] = {
    {"D4", 5, RULE_UNIT_WD, "W", "art. 36"},
    {"D5", 24, RULE_UNIT_H, "W", "art. 36"},
    {"D6", 5, RULE_UNIT_WD, "W", "art. 31 and 36"},
    {"D7", 2, RULE_UNIT_WD, "M", "art. 36"},
    {"D8", 3, RULE_UNIT_WD, "M", "art. 38"},
    {"D9", 3, RULE_UNIT_WD, "W", "art. 39"},
    {"D10", 10, RULE_UNIT_CD, "W", "art. 45"},
    {"D11", 10, RULE_UNIT_CD, "W", "art. 44"},
    {"D12", 6, RULE_UNIT_M, "M", "art. 44"},
    {"D13", 12, RULE_UNIT_M, "M", "art. 44"},
    {"D15", 5, RULE_UNIT_WD, "M", "art. 48"},
    {"D17", 5, RULE_UNIT_WD, "W", "art. 48 and 49"},
    {"D18", 5, RULE_UNIT_WD, "W", "art. 49"},
    {"D19", 5, RULE_UNIT_WD, "M", "art. 50"},
    {"D20", 5, RULE_UNIT_WD, "M", "art. 55"},
    {"D21", 5, RULE_UNIT_WD, "M", "art. 55"},
    {"D24", 5, RULE_UNIT_WD, "W", "art. 98"},
    {"D27", 10, RULE_UNIT_CD, "W", "art. 101"},
    {"D28_MOVABLE", 30, RULE_UNIT_CD, "W", "art. 101"},
    {"D28_REAL_ESTATE", 45, RULE_UNIT_CD, "W", "art. 101"},
    {"D30", 10, RULE_UNIT_CD, "W", "art. 47"},
    {"D31", 15, RULE_UNIT_CD, "W", "Decree 62/2015"},
    {"D32", 5, RULE_UNIT_WD, "W", "630/QĐ-BTP"},
    {"D33", 15, RULE_UNIT_WD, "W", "procedure list"},
    {"D34", 15, RULE_UNIT_CD, "W", "07/2013/TTLT-BTP-BCA-BTC art. 3"},
    {"D36", 60, RULE_UNIT_M, "W", "art. 30"},
};

static void test_shipped_table_matches_thads(void **state)
{
    fixture_t *fx = *state;
    /* In force from the 2014 law's first day, and still on the last day before Law
     * 106/2025 (nothing has been confirmed to change yet). */
    const civil_date_t days[] = {ymd(2015, 7, 1), ymd(2024, 1, 1), ymd(2026, 6, 30)};
    for (size_t i = 0; i < N_ELEMS(thads_2014); i++) {
        for (size_t k = 0; k < N_ELEMS(days); k++) {
            const rule_t *r = rules_find(fx->rules, thads_2014[i].id, days[k]);
            if (r == NULL)
                print_error("%s not in force on day %zu\n", thads_2014[i].id, k);
            assert_non_null(r);
            assert_string_equal(r->rule_id, thads_2014[i].id);
            if (r->value != thads_2014[i].value || r->unit != thads_2014[i].unit)
                fail_msg("%s is %lld %s, THADS.md says %lld %s", r->rule_id, (long long)r->value,
                         rules_unit_code(r->unit), (long long)thads_2014[i].value,
                         rules_unit_code(thads_2014[i].unit));
            assert_string_equal(r->tag, thads_2014[i].tag);
            if (strstr(r->legal_ref, thads_2014[i].article) == NULL)
                fail_msg("%s cites '%s', expected '%s'", r->rule_id, r->legal_ref,
                         thads_2014[i].article);
            assert_int_equal(r->effective_from, ymd(2015, 7, 1));
            assert_int_equal(r->effective_to, CIVIL_DATE_INVALID); /* open until checked */
            assert_true(strlen(r->name_vi) > 0 && strlen(r->name_en) > 0);
        }
    }
    /* Nothing else: the 2014-law rows above, the 2008-law D10 and two base salaries. */
    assert_int_equal(rules_count(fx->rules), N_ELEMS(thads_2014) + 1 + 2);
}

static void test_d10_was_15_days_before_july_2015(void **state)
{
    fixture_t *fx = *state;
    const rule_t *r = rules_find(fx->rules, "D10", ymd(2015, 6, 30));
    assert_non_null(r);
    assert_int_equal(r->value, 15);
    assert_int_equal(r->unit, RULE_UNIT_CD);
    assert_int_equal(r->effective_from, ymd(2009, 7, 1));
    assert_int_equal(r->effective_to, ymd(2015, 6, 30));
    assert_non_null(strstr(r->legal_ref, "Law 26/2008/QH12 art. 45"));

    r = rules_find(fx->rules, "D10", ymd(2015, 7, 1));
    assert_non_null(r);
    assert_int_equal(r->value, 10);

    assert_int_equal(rules_find(fx->rules, "D10", ymd(2009, 7, 1))->value, 15);
    /* Before the 2008 law: no rule. */
    assert_null(rules_find(fx->rules, "D10", ymd(2009, 6, 30)));

    /* Served on the last day of the old law: 15 days, to Wednesday 15 July. Served a
     * day later: 10 days, ending Saturday 11 July, so Monday 13 July. The later service
     * has the earlier deadline: the rule follows the trigger's date. */
    const rule_t *used = NULL;
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2015, 6, 30), &used), ymd(2015, 7, 15));
    assert_int_equal(used->value, 15);
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2015, 7, 1), &used), ymd(2015, 7, 13));
    assert_int_equal(used->value, 10);
}

static void test_base_salary_by_date(void **state)
{
    fixture_t *fx = *state;
    const rule_t *r = rules_find(fx->rules, "BASE_SALARY", ymd(2024, 6, 30));
    assert_non_null(r);
    assert_int_equal(r->value, 1800000);
    assert_int_equal(r->unit, RULE_UNIT_VND);
    assert_string_equal(r->tag, "M");
    r = rules_find(fx->rules, "BASE_SALARY", ymd(2024, 7, 1));
    assert_non_null(r);
    assert_int_equal(r->value, 2340000);
    assert_int_equal(r->effective_to, CIVIL_DATE_INVALID);
    assert_int_equal(rules_find(fx->rules, "BASE_SALARY", ymd(2023, 7, 1))->value, 1800000);
    assert_null(rules_find(fx->rules, "BASE_SALARY", ymd(2023, 6, 30)));
    /* Money is not a deadline. */
    const rule_t *used = NULL;
    assert_int_equal(rules_due(fx->rules, fx->cal, "BASE_SALARY", ymd(2024, 7, 1), &used),
                     CIVIL_DATE_INVALID);
    assert_ptr_equal(used, r);
}

/* D4, 5 working days from Thursday 12 Feb 2026, the week before Tết (Tết is Tuesday
 * 17 Feb; 16-20 Feb are off): Friday 13 is day 1, the holiday week does not count,
 * then 23, 24, 25, 26 Feb. */
static void test_working_days_skip_tet(void **state)
{
    fixture_t *fx = *state;
    for (int d = 16; d <= 20; d++)
        assert_int_equal(calendar_is_working_day(fx->cal, ymd(2026, 2, d)), 0);
    const rule_t *used = NULL;
    assert_date(rules_due(fx->rules, fx->cal, "D4", ymd(2026, 2, 12), &used), ymd(2026, 2, 26));
    assert_non_null(used);
    assert_string_equal(used->rule_id, "D4");
    /* A calendar-day period ending just before Tết (D10 from Thursday 5 Feb ends Sunday
     * 15 Feb) waits out the weekend and the holiday week: Monday 23 Feb. */
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2026, 2, 5), NULL), ymd(2026, 2, 23));
}

/* D10, 10 calendar days from Thursday 5 June 2025, ends Sunday 15 June: moves to Monday. */
static void test_calendar_days_ending_on_sunday_move_to_monday(void **state)
{
    fixture_t *fx = *state;
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2025, 6, 5), NULL), ymd(2025, 6, 16));
    /* Ending on a working day: unchanged (Wednesday 4 June -> Saturday 14 -> Monday 16;
     * Monday 2 June -> Thursday 12). */
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2025, 6, 2), NULL), ymd(2025, 6, 12));
    assert_date(rules_due(fx->rules, fx->cal, "D10", ymd(2025, 6, 4), NULL), ymd(2025, 6, 16));
}

static void test_months(void **state)
{
    fixture_t *fx = *state;
    const rule_t *used = NULL;
    /* 31 Aug 2025 + 6 months: no 31 Feb, so 28 Feb 2026, a Saturday -> Monday 2 March. */
    assert_date(rules_due(fx->rules, fx->cal, "D12", ymd(2025, 8, 31), &used), ymd(2026, 3, 2));
    assert_int_equal(used->unit, RULE_UNIT_M);
    /* In a leap year the month ends on the 29th (a Thursday). */
    assert_date(rules_due(fx->rules, fx->cal, "D12", ymd(2023, 8, 31), NULL), ymd(2024, 2, 29));
    /* Landing on Tết (Tuesday 17 Feb 2026) moves past the holiday week. */
    assert_date(rules_due(fx->rules, fx->cal, "D12", ymd(2025, 8, 17), NULL), ymd(2026, 2, 23));
    /* A year; and five years from a 29 February. */
    assert_date(rules_due(fx->rules, fx->cal, "D13", ymd(2024, 3, 15), NULL), ymd(2025, 3, 17));
    assert_date(rules_due(fx->rules, fx->cal, "D36", ymd(2020, 2, 29), NULL), ymd(2025, 2, 28));
    /* Past the calendar's last year. */
    assert_int_equal(rules_due(fx->rules, fx->cal, "D36", ymd(2099, 1, 1), NULL),
                     CIVIL_DATE_INVALID);
}

static void test_non_date_rules_and_missing_rules(void **state)
{
    fixture_t *fx = *state;
    const rule_t *used = NULL;
    /* Hours are counted from a timestamp by the caller: the rule is handed back. */
    assert_int_equal(rules_due(fx->rules, fx->cal, "D5", ymd(2025, 6, 5), &used),
                     CIVIL_DATE_INVALID);
    assert_non_null(used);
    assert_int_equal(used->unit, RULE_UNIT_H);
    assert_int_equal(used->value, 24);

    used = (const rule_t *)1;
    assert_int_equal(rules_due(fx->rules, fx->cal, "D99", ymd(2025, 6, 5), &used),
                     CIVIL_DATE_INVALID);
    assert_null(used);
    used = (const rule_t *)1;
    assert_int_equal(rules_due(fx->rules, fx->cal, "D4", ymd(2015, 6, 30), &used),
                     CIVIL_DATE_INVALID); /* D4 has no row before the 2014 law */
    assert_null(used);
    assert_null(rules_find(fx->rules, "D4", CIVIL_DATE_INVALID));
    assert_null(rules_find(fx->rules, NULL, ymd(2020, 1, 1)));
    assert_null(rules_find(NULL, "D4", ymd(2020, 1, 1)));
    assert_null(rules_find(fx->rules, "d4", ymd(2020, 1, 1)));
    assert_int_equal(rules_due(fx->rules, NULL, "D4", ymd(2020, 1, 1), NULL), CIVIL_DATE_INVALID);
    assert_null(rules_at(fx->rules, rules_count(fx->rules)));
    assert_int_equal(rules_count(NULL), 0);
}

/* ------------------------------------------------------------------------
 * Parsing.
 */

static rules_t *parse_ok(const char *csv)
{
    rules_t *r = NULL;
    char err[256];
    if (rules_parse(csv, &r, err, sizeof err) != 0)
        fail_msg("rules_parse failed: %s", err);
    assert_non_null(r);
    return r;
}

static void test_format_details(void **state)
{
    (void)state;
    /* BOM, CRLF, comments, blank lines; quoted fields with commas and quotes. */
    rules_t *r = parse_ok("\xEF\xBB\xBF# comment\r\n\r\n" HEADER
                          "X_1,2020-01-01,2020-12-31,7,PPM,\"art. 1, cl. 2\",D,"
                          "\"Tên \"\"một\"\"\",Name\r\n"
                          "   \n"
                          "X_1,2021-01-01,,0,VND,art. 2,S,Tên,\"N2\"\n"
                          "\n");
    assert_int_equal(rules_count(r), 2);
    const rule_t *a = rules_at(r, 0), *b = rules_at(r, 1);
    assert_string_equal(a->rule_id, "X_1");
    assert_string_equal(a->legal_ref, "art. 1, cl. 2");
    assert_string_equal(a->name_vi, "Tên \"một\"");
    assert_string_equal(a->name_en, "Name");
    assert_string_equal(a->tag, "D");
    assert_int_equal(a->unit, RULE_UNIT_PPM);
    assert_int_equal(a->value, 7);
    assert_ptr_equal(rules_find(r, "X_1", ymd(2020, 12, 31)), a);
    assert_ptr_equal(rules_find(r, "X_1", ymd(2021, 1, 1)), b);
    assert_int_equal(b->value, 0);
    assert_string_equal(b->name_en, "N2");
    assert_int_equal(b->effective_to, CIVIL_DATE_INVALID);
    rules_free(r);
}

static void test_header_only_is_an_empty_table(void **state)
{
    (void)state;
    rules_t *r = parse_ok(HEADER);
    assert_int_equal(rules_count(r), 0);
    assert_null(rules_find(r, "D4", ymd(2020, 1, 1)));
    rules_free(r);
    rules_free(NULL);
}

static void test_adjacent_versions_and_other_ids_do_not_overlap(void **state)
{
    (void)state;
    rules_t *r = parse_ok(HEADER "A,2020-01-01,2020-06-30,1,CD,r,W,t,n\n"
                                 "A,2020-07-01,2020-07-01,2,CD,r,W,t,n\n"
                                 "A,2020-07-02,,3,WD,r,W,t,n\n"
                                 "B,2020-01-01,,4,CD,r,W,t,n\n"
                                 "A,2019-01-01,2019-12-31,0,CD,r,W,t,n\n");
    assert_int_equal(rules_count(r), 5);
    assert_int_equal(rules_find(r, "A", ymd(2019, 12, 31))->value, 0);
    assert_int_equal(rules_find(r, "A", ymd(2020, 6, 30))->value, 1);
    assert_int_equal(rules_find(r, "A", ymd(2020, 7, 1))->value, 2);
    assert_int_equal(rules_find(r, "A", ymd(2020, 7, 2))->value, 3);
    assert_int_equal(rules_find(r, "A", ymd(2090, 1, 1))->value, 3);
    assert_int_equal(rules_find(r, "B", ymd(2020, 7, 1))->value, 4);
    /* File order is kept for listing. */
    assert_string_equal(rules_at(r, 3)->rule_id, "B");
    rules_free(r);
}

#define ROW "D1,2020-01-01,,5,CD,Art 1,W,Tên,Name\n"

static const struct {
    const char *csv, *err;
} errors[] = {
    /* Header. */
    {"", "line 1, column 1: missing header line"},
    {"# only a comment\n\n", "line 3, column 1: missing header line"},
    {"rule_id,effective_from,effective_to,value,unit\n" ROW,
     "line 1, column 1: expected header \"rule_id,effective_from,effective_to,value,unit,"
     "legal_ref,tag,name_vi,name_en\""},
    {ROW, "line 1, column 1: expected header \"rule_id,effective_from,effective_to,value,unit,"
          "legal_ref,tag,name_vi,name_en\""},
    /* Field count. */
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên\n",
     "line 2, column 33: too few fields (expected 9, found 8)"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên,Name,extra\n",
     "line 2, column 39: too many fields (expected 9)"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên,Name,\n",
     "line 2, column 39: too many fields (expected 9)"},
    /* rule_id. */
    {HEADER ",2020-01-01,,5,CD,Art 1,W,Tên,Name\n", "line 2, column 1: empty rule_id"},
    {HEADER "d1,2020-01-01,,5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 1: invalid rule_id (expected A-Z, 0-9 and _, at most 32)"},
    {HEADER "D1 ,2020-01-01,,5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 1: invalid rule_id (expected A-Z, 0-9 and _, at most 32)"},
    /* Dates. */
    {HEADER "D1,2020-02-30,,5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 4: invalid date (expected YYYY-MM-DD)"},
    {HEADER "D1,,,5,CD,Art 1,W,Tên,Name\n", "line 2, column 4: invalid date (expected YYYY-MM-DD)"},
    {HEADER "D1,2020-01-01,1/1/2021,5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 15: invalid date (expected YYYY-MM-DD)"},
    {HEADER "D1,2020-01-01,2019-12-31,5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 15: effective_to is before effective_from"},
    /* Value. */
    {HEADER "D1,2020-01-01,,5.5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 16: value is not a non-negative integer"},
    {HEADER "D1,2020-01-01,,-5,CD,Art 1,W,Tên,Name\n",
     "line 2, column 16: value is not a non-negative integer"},
    {HEADER "D1,2020-01-01,,,CD,Art 1,W,Tên,Name\n",
     "line 2, column 16: value is not a non-negative integer"},
    {HEADER "D1,2020-01-01,,2 340 000,VND,Art 1,W,Tên,Name\n",
     "line 2, column 16: value is not a non-negative integer"},
    {HEADER "D1,2020-01-01,,9223372036854775808,VND,Art 1,W,Tên,Name\n",
     "line 2, column 16: value too large"},
    /* Unit. */
    {HEADER "D1,2020-01-01,,5,DAYS,Art 1,W,Tên,Name\n",
     "line 2, column 18: unknown unit (expected CD, WD, H, M, PPM or VND)"},
    {HEADER "D1,2020-01-01,,5,cd,Art 1,W,Tên,Name\n",
     "line 2, column 18: unknown unit (expected CD, WD, H, M, PPM or VND)"},
    /* Texts and tag. */
    {HEADER "D1,2020-01-01,,5,CD,,W,Tên,Name\n", "line 2, column 21: empty legal_ref"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,X,Tên,Name\n",
     "line 2, column 27: unknown tag (expected S, W, M or D)"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,[W],Tên,Name\n",
     "line 2, column 27: unknown tag (expected S, W, M or D)"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,,Name\n", "line 2, column 29: empty name_vi"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,   ,Name\n", "line 2, column 29: empty name_vi"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên,\n", "line 2, column 34: empty name_en"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên,\"\"\n", "line 2, column 34: empty name_en"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,T\tên,Name\n",
     "line 2, column 29: name_vi contains a control character"},
    {HEADER "D1,2020-01-01,,5,CD,Art 1,W,Tên,N\xFFme\n",
     "line 2, column 34: name_en not valid UTF-8"},
    /* Quotes. */
    {HEADER "D1,2020-01-01,,5,CD,\"Art 1,W,Tên,Name\n",
     "line 2, column 21: unterminated quoted field"},
    {HEADER "D1,2020-01-01,,5,CD,\"Art\" 1,W,Tên,Name\n",
     "line 2, column 26: text after a closing quote"},
    {HEADER "D1,2020-01-01,,5,CD,Art \"1\",W,Tên,Name\n",
     "line 2, column 25: quote inside an unquoted field (quote the whole field)"},
    /* Overlapping validity of one rule_id, counted with comments and blank lines. */
    {HEADER ROW "# comment\n\nD1,2020-06-01,,6,CD,Art 1,W,Tên,Name\n",
     "line 5, column 4: validity overlaps D1 on line 2"},
    {HEADER "D1,2020-01-01,2020-12-31,5,CD,Art 1,W,Tên,Name\n"
            "D1,2021-01-01,,6,CD,Art 1,W,Tên,Name\n"
            "D1,2019-01-01,2020-01-01,4,CD,Art 1,W,Tên,Name\n",
     "line 4, column 4: validity overlaps D1 on line 2"},
    {HEADER "D1,2020-01-01,2020-12-31,5,CD,Art 1,W,Tên,Name\n"
            "D1,2020-12-31,2020-12-31,6,CD,Art 1,W,Tên,Name\n",
     "line 3, column 4: validity overlaps D1 on line 2"},
    {HEADER "D1,2021-01-01,,5,CD,Art 1,W,Tên,Name\n"
            "D1,2015-01-01,,6,CD,Art 1,W,Tên,Name\n",
     "line 3, column 4: validity overlaps D1 on line 2"},
    /* The first error wins: the first bad line; in it, field checks before the overlap. */
    {HEADER ROW "D1,2020-01-01,,5,XX,Art 1,W,Tên,Name\n"
                "D2,bad,,5,CD,Art 1,W,Tên,Name\n",
     "line 3, column 18: unknown unit (expected CD, WD, H, M, PPM or VND)"},
    {HEADER "D2,bad,,5,XX,Art 1,W,Tên,Name\n" ROW ROW,
     "line 2, column 4: invalid date (expected YYYY-MM-DD)"},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(errors); i++) {
        rules_t *r = (rules_t *)1;
        char err[256];
        memset(err, 'x', sizeof err);
        if (rules_parse(errors[i].csv, &r, err, sizeof err) != -1)
            fail_msg("case %zu accepted, expected \"%s\"", i, errors[i].err);
        assert_null(r);
        if (strcmp(err, errors[i].err) != 0)
            fail_msg("case %zu:\n  got  \"%s\"\n  want \"%s\"", i, err, errors[i].err);
    }
}

static void test_long_lines_and_small_buffers(void **state)
{
    (void)state;
    size_t n = RULES_CSV_MAX_LINE + 1;
    char *csv = malloc(sizeof HEADER + n + 2);
    assert_non_null(csv);
    memcpy(csv, HEADER, sizeof HEADER - 1);
    memset(csv + sizeof HEADER - 1, 'A', n);
    memcpy(csv + sizeof HEADER - 1 + n, "\n", 2);
    rules_t *r = NULL;
    char err[128];
    assert_int_equal(rules_parse(csv, &r, err, sizeof err), -1);
    assert_string_equal(err, "line 2, column 2049: line longer than 2048 bytes");
    free(csv);

    /* A name at the limit passes, one character more does not (characters, not
     * bytes: "ệ" is three bytes). */
    char row[2 * RULES_CSV_MAX_LINE];
    int len = snprintf(row, sizeof row, HEADER "D1,2020-01-01,,5,CD,Art 1,W,");
    for (int i = 0; i < RULES_TEXT_MAX; i++)
        len += snprintf(row + len, sizeof row - (size_t)len, "ệ");
    snprintf(row + len, sizeof row - (size_t)len, ",Name\n");
    r = parse_ok(row);
    assert_int_equal(strlen(rules_at(r, 0)->name_vi), 3 * RULES_TEXT_MAX);
    rules_free(r);
    len = snprintf(row, sizeof row, HEADER "D1,2020-01-01,,5,CD,Art 1,W,");
    for (int i = 0; i <= RULES_TEXT_MAX; i++)
        len += snprintf(row + len, sizeof row - (size_t)len, "ệ");
    snprintf(row + len, sizeof row - (size_t)len, ",Name\n");
    assert_int_equal(rules_parse(row, &r, err, sizeof err), -1);
    assert_string_equal(err, "line 2, column 29: name_vi longer than 300 characters");

    /* The message is cut to the buffer and always terminated; err may be NULL. */
    char tiny[8];
    assert_int_equal(rules_parse("", &r, tiny, sizeof tiny), -1);
    assert_string_equal(tiny, "line 1,");
    assert_int_equal(rules_parse("", &r, NULL, 0), -1);
    assert_int_equal(rules_parse(HEADER, NULL, err, sizeof err), -1);
    /* NULL text is an empty file. */
    assert_int_equal(rules_parse(NULL, &r, err, sizeof err), -1);
    assert_string_equal(err, "line 1, column 1: missing header line");
}

static void test_unit_codes(void **state)
{
    (void)state;
    const char *want[] = {"CD", "WD", "H", "M", "PPM", "VND"};
    assert_int_equal(N_ELEMS(want), RULE_UNIT_COUNT);
    for (int u = 0; u < RULE_UNIT_COUNT; u++)
        assert_string_equal(rules_unit_code((rule_unit_t)u), want[u]);
    assert_string_equal(rules_unit_code(RULE_UNIT_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_table_matches_thads),
        cmocka_unit_test(test_d10_was_15_days_before_july_2015),
        cmocka_unit_test(test_base_salary_by_date),
        cmocka_unit_test(test_working_days_skip_tet),
        cmocka_unit_test(test_calendar_days_ending_on_sunday_move_to_monday),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_non_date_rules_and_missing_rules),
        cmocka_unit_test(test_format_details),
        cmocka_unit_test(test_header_only_is_an_empty_table),
        cmocka_unit_test(test_adjacent_versions_and_other_ids_do_not_overlap),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_long_lines_and_small_buffers),
        cmocka_unit_test(test_unit_codes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
