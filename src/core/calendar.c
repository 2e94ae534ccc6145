/*
 * core/calendar.c — public holidays and working days.
 *
 * Representation. Everything is precomputed once, at build, for the fixed
 * range 1970-01-01 .. 2100-12-31 (47,847 days):
 *   working    one bit per day: is it a working day?          (~6 KB)
 *   prefix     prefix[i] = number of working days among the first i days
 *              of the range, 47,848 int32 entries             (~187 KB)
 *   holidays   every holiday / compensatory / announced day, sorted by
 *              date: about 1,700 entries of 24 bytes          (~40 KB)
 * so calendar_is_working_day and calendar_working_days_between are O(1)
 * (one bit, two subtractions), calendar_add_working_days is O(log n) (a
 * binary search on prefix, which is non-decreasing) and calendar_holidays
 * is O(log n + k). About a quarter of a megabyte, once per process, buys
 * deadline arithmetic that never loops over days; a wider range would cost
 * 4 bytes and a bit per extra day.
 *
 * Build order: statutory rules (table below) -> compensatory days ->
 * announced-days CSV (which may override either) -> bits and prefix sums.
 */
#include "core/calendar.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lunar.h"

/* Vietnam's legal time zone for lunar dates: UTC+7. */
#define CAL_TZ_HOURS 7

struct calendar {
    civil_date_t first; /* 1970-01-01 */
    civil_date_t last;  /* 2100-12-31 */
    int32_t ndays;
    uint8_t *working; /* bit (i & 7) of working[i >> 3]: day first + i */
    int32_t *prefix;  /* ndays + 1 entries, prefix[0] = 0 */
    holiday_t *holidays;
    size_t nholidays;
    char *names; /* names and sources from the CSV, NUL-separated */
    /* announced[y - CALENDAR_FIRST_YEAR]: the CSV has a row dated in year y */
    uint8_t announced[CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1];
};

/* ------------------------------------------------------------------------
 * Statutory rules.
 *
 * Every public holiday, as data: one row per holiday per legal regime, with
 * the years it applies to. These are tagged facts of the law; the exact
 * days each year (which adjacent day for National Day, how the Tết days are
 * placed, extra swapped days) come from the government's announcement, i.e.
 * the CSV, which can add days off and turn rule-derived days back into
 * working days.
 *
 * ASSUMPTION: the Labour Code 1994 schedule is also used for 1970..1994,
 * before that code existed (and 30 April before 1975). Those years only
 * matter for dates in old records; the rule is an approximation there.
 */

typedef enum {
    CR_SOLAR,       /* Gregorian month/day, ndays consecutive days */
    CR_LUNAR,       /* lunar month/day of lunar year Y, ndays consecutive days */
    CR_TET,         /* last day of the previous lunar year + lunar 1/1.., ndays in all */
    CR_NATIONAL_DAY /* the day adjacent to 2 September, by weekday (see below) */
} cr_how_t;

typedef struct {
    int from_year, to_year; /* inclusive */
    cr_how_t how;
    int month, day, ndays;
    holiday_kind_t kind;
    const char *name_vi, *name_en;
    /* The legal basis, for readers of the table (and for any future
     * "why is this day off" output); the build only checks it is there. */
    const char *law;
} cr_rule_t;

/* LC = Labour Code: 1994 (as amended 2002, 2007), 2012 (10/2012/QH13, in
 * force 1 May 2013), 2019 (45/2019/QH14, in force 1 January 2021). */
static const cr_rule_t cal_rules[] = {
    {1970, 2100, CR_SOLAR, 1, 1, 1, HOLIDAY_FIXED, "Tết Dương lịch", "New Year's Day",
     "LC 1994 art. 73; LC 2012 art. 115.1; LC 2019 art. 112.1(a)"},
    {1970, 2013, CR_TET, 1, 1, 4, HOLIDAY_LUNAR, "Tết Nguyên đán", "Lunar New Year (Tet)",
     "LC 1994 art. 73: 4 days (last day of the lunar year, lunar 1/1..1/3)"},
    /* LC 2012 took effect on 1 May 2013, so its 5-day Tết first applied to
     * Tết 2014. The law fixes only the number of days; the Prime Minister
     * places them each year (LC 2019 art. 112.3). This rule is the usual
     * placement, 1 day before and 4 after; the CSV records other choices. */
    {2014, 2100, CR_TET, 1, 1, 5, HOLIDAY_LUNAR, "Tết Nguyên đán", "Lunar New Year (Tet)",
     "LC 2012 art. 115.1; LC 2019 art. 112.1(b): 5 days (here: last day of the lunar year, "
     "lunar 1/1..1/4)"},
    {2007, 2100, CR_LUNAR, 3, 10, 1, HOLIDAY_LUNAR, "Giỗ Tổ Hùng Vương",
     "Hung Kings' Commemoration",
     "Law 84/2007/QH11 amending LC 1994 art. 73; LC 2012 art. 115.1; LC 2019 art. 112.1(e)"},
    {1970, 2100, CR_SOLAR, 4, 30, 1, HOLIDAY_FIXED, "Ngày Chiến thắng", "Reunification Day",
     "LC 1994 art. 73; LC 2012 art. 115.1; LC 2019 art. 112.1(c)"},
    {1970, 2100, CR_SOLAR, 5, 1, 1, HOLIDAY_FIXED, "Ngày Quốc tế Lao động",
     "International Labour Day", "LC 1994 art. 73; LC 2012 art. 115.1; LC 2019 art. 112.1(d)"},
    {1970, 2100, CR_SOLAR, 9, 2, 1, HOLIDAY_FIXED, "Quốc khánh", "National Day",
     "LC 1994 art. 73; LC 2012 art. 115.1; LC 2019 art. 112.1(đ)"},
    {2021, 2100, CR_NATIONAL_DAY, 9, 2, 1, HOLIDAY_FIXED, "Quốc khánh (ngày liền kề)",
     "National Day (adjacent day)",
     "LC 2019 art. 112.1(đ): 2 September and one day immediately before or after it, "
     "chosen each year by the Prime Minister (art. 112.3)"},
};

/* LAW: LC 1994 art. 73; LC 2012 art. 115.3; LC 2019 art. 111.3 — a holiday
 * falling on the weekly rest day gives a compensatory day off on the next
 * working day. Civil servants' weekly rest days are Saturday and Sunday. */
static const char cal_comp_vi[] = "Nghỉ bù";
static const char cal_comp_en[] = "Compensatory day off";
static const char cal_comp_law[] = "LC 1994 art. 73; LC 2012 art. 115.3; LC 2019 art. 111.3 "
                                   "(compensatory day for a holiday on a weekend)";

/*
 * The default day next to 2 September (LC 2019), as an offset from it (-1 =
 * 1 September, +1 = 3 September), indexed by the ISO weekday of
 * 2 September. No default falls on a weekend. The Prime Minister announces
 * the actual day each year; the CSV corrects this default when it differs.
 */
static const int cal_national_day_adjacent[8] = {
    [1] = +1, /* Mon 2 Sep: Tue 3 Sep */
    [2] = -1, /* Tue: Mon 1 Sep */
    [3] = +1, /* Wed: Thu 3 Sep */
    [4] = +1, /* Thu: Fri 3 Sep */
    [5] = -1, /* Fri: Thu 1 Sep */
    [6] = -1, /* Sat: Fri 1 Sep */
    [7] = +1, /* Sun: Mon 3 Sep */
};

/* Per-day state during build. */
enum {
    ST_NONE = 0,
    ST_RULE,        /* statutory holiday */
    ST_COMP,        /* compensatory day */
    ST_CSV_OFF,     /* announced day off */
    ST_CSV_WORKING, /* announced working day */
};

/* Everything calendar_build needs while it runs, freed at its end. */
typedef struct {
    calendar_t *cal;
    uint8_t *state;  /* ndays entries, ST_* */
    int *entry_line; /* CSV line of each holidays[] entry, 0 for rules */
    size_t cap;      /* capacity of cal->holidays and entry_line */
    size_t names_used;
    char *err;
    size_t errlen;
} cal_builder_t;

static int cal_is_weekend(civil_date_t d)
{
    return civil_date_weekday(d) >= 6;
}

static int cal_cmp_holiday(const void *a, const void *b)
{
    const holiday_t *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

/* Record one entry; capacity was sized for the worst case at the start of
 * the build, so running out is a bug, not an input error. */
static void cal_push(cal_builder_t *b, civil_date_t d, holiday_kind_t kind, const char *vi,
                     const char *en, const char *source, int line)
{
    calendar_t *cal = b->cal;
    assert(cal->nholidays < b->cap);
    holiday_t *h = &cal->holidays[cal->nholidays];
    h->date = d;
    h->kind = kind;
    h->name_vi = vi;
    h->name_en = en;
    h->source = source;
    b->entry_line[cal->nholidays] = line;
    cal->nholidays++;
}

/* Mark the statutory holiday d. If a date was already marked by another
 * rule it keeps the first (no two statutory holidays coincide in
 * 1970..2100; Hùng Kings' day falls at the latest on 29 April). */
static void cal_add_rule_day(cal_builder_t *b, const cr_rule_t *r, civil_date_t d)
{
    calendar_t *cal = b->cal;
    if (d == CIVIL_DATE_INVALID || d < cal->first || d > cal->last) {
        assert(!"statutory holiday outside the calendar range");
        return;
    }
    if (b->state[d - cal->first] != ST_NONE)
        return;
    b->state[d - cal->first] = ST_RULE;
    cal_push(b, d, r->kind, r->name_vi, r->name_en, r->law, 0);
}

/* Expand rule r for Gregorian year y into dates. */
static void cal_apply_rule(cal_builder_t *b, const cr_rule_t *r, int y)
{
    civil_date_t start = CIVIL_DATE_INVALID;
    /* A holiday without a legal basis is not a holiday. */
    assert(r->law != NULL && r->law[0] != '\0');
    switch (r->how) {
    case CR_SOLAR:
        start = civil_date_from_ymd(y, r->month, r->day);
        break;
    case CR_LUNAR: {
        lunar_date_t l = {.day = r->day, .month = r->month, .year = y, .leap = 0};
        start = lunar_to_solar(&l, CAL_TZ_HOURS);
        break;
    }
    case CR_TET:
        start = lunar_last_day_of_year(y, CAL_TZ_HOURS);
        break;
    case CR_NATIONAL_DAY: {
        civil_date_t sep2 = civil_date_from_ymd(y, 9, 2);
        start = sep2 + cal_national_day_adjacent[civil_date_weekday(sep2)];
        break;
    }
    }
    assert(start != CIVIL_DATE_INVALID);
    if (start == CIVIL_DATE_INVALID)
        return;
    for (int i = 0; i < r->ndays; i++)
        cal_add_rule_day(b, r, start + i);
}

/*
 * Compensatory days: walk the range once in date order, counting holiday
 * days that fall on a Saturday or Sunday, and give each one back on the
 * next day that is a weekday and not itself a holiday. A holiday block with
 * several weekend days thus yields as many consecutive compensatory days
 * right after the block. O(ndays).
 */
static void cal_add_compensatory(cal_builder_t *b)
{
    calendar_t *cal = b->cal;
    int owed = 0;
    for (int32_t i = 0; i < cal->ndays; i++) {
        civil_date_t d = cal->first + i;
        if (b->state[i] == ST_RULE) {
            if (cal_is_weekend(d))
                owed++;
        } else if (owed > 0 && !cal_is_weekend(d)) {
            assert(b->state[i] == ST_NONE);
            b->state[i] = ST_COMP;
            cal_push(b, d, HOLIDAY_COMPENSATORY, cal_comp_vi, cal_comp_en, cal_comp_law, 0);
            owed--;
        }
    }
    /* No holiday lies near 31 December 2100, so nothing is left owed. */
    assert(owed == 0);
}

/* ------------------------------------------------------------------------
 * Announced-days CSV.
 */

static void cal_set_err(cal_builder_t *b, int line, int col, const char *msg)
{
    if (b->err != NULL && b->errlen > 0)
        snprintf(b->err, b->errlen, "line %d, column %d: %s", line, col, msg);
}

/* Index of the first byte of s[0..n) that is not part of well-formed UTF-8
 * (no overlong forms, no surrogates, nothing above U+10FFFF), or n. */
static size_t cal_utf8_invalid_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            return i;
        }
        if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; k++) {
            if (i + k >= n || s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        }
        i += len;
    }
    return n;
}

static int cal_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return 1;
}

/* Copy a name into the calendar's name store and return the copy. The
 * store was sized as the CSV length + 1, which every name plus its NUL
 * fits in: each name is followed in the text by a delimiter byte, except
 * possibly the very last one. */
static const char *cal_store_name(cal_builder_t *b, const char *s, size_t n)
{
    char *dst = b->cal->names + b->names_used;
    memcpy(dst, s, n);
    dst[n] = '\0';
    b->names_used += n + 1;
    return dst;
}

/* One field of a row: where it starts in the line and how long it is. */
typedef struct {
    const char *s;
    size_t n;
    int col;
} cal_field_t;

/* The CSV line of the earlier announced entry on date d (error path only,
 * hence the linear scan). */
static int cal_first_line_of(const cal_builder_t *b, civil_date_t d)
{
    for (size_t i = 0; i < b->cal->nholidays; i++) {
        const holiday_t *h = &b->cal->holidays[i];
        if (h->date == d && b->entry_line[i] > 0)
            return b->entry_line[i];
    }
    return 0;
}

/* Replace the rule-derived entry on date d, if any, by making it the
 * announced one; return 1 if one was replaced. Rule-derived entries are
 * the sorted prefix [0, nrule) of holidays[]. */
static int cal_replace_rule_entry(cal_builder_t *b, size_t nrule, civil_date_t d,
                                  holiday_kind_t kind, const char *vi, const char *en,
                                  const char *source, int line)
{
    holiday_t key = {.date = d};
    holiday_t *h = bsearch(&key, b->cal->holidays, nrule, sizeof key, cal_cmp_holiday);
    if (h == NULL)
        return 0;
    h->kind = kind;
    h->name_vi = vi;
    h->name_en = en;
    h->source = source;
    b->entry_line[h - b->cal->holidays] = line;
    return 1;
}

/* Parse one data row (line `line`, text s[0..n), already checked for UTF-8
 * and length) and apply it. Returns 0, or -1 with the error set. */
static int cal_parse_row(cal_builder_t *b, size_t nrule, int line, const char *s, size_t n)
{
    calendar_t *cal = b->cal;
    char msg[96];

    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) {
            cal_set_err(b, line, (int)i + 1, "control character");
            return -1;
        }
    }

    cal_field_t f[5];
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ',')
            continue;
        if (nf == 5) {
            /* A sixth field: point at the comma that started it. */
            cal_set_err(b, line, (int)start,
                        "too many fields (expected 5: date,kind,name_vi,name_en,source)");
            return -1;
        }
        f[nf].s = s + start;
        f[nf].n = i - start;
        f[nf].col = (int)start + 1;
        nf++;
        start = i + 1;
    }
    if (nf < 5) {
        snprintf(msg, sizeof msg,
                 "too few fields (expected 5: date,kind,name_vi,name_en,source), found %zu", nf);
        cal_set_err(b, line, (int)n + 1, msg);
        return -1;
    }

    char date_text[11];
    civil_date_t d;
    if (f[0].n != 10) {
        cal_set_err(b, line, f[0].col, "invalid date (expected YYYY-MM-DD)");
        return -1;
    }
    memcpy(date_text, f[0].s, 10);
    date_text[10] = '\0';
    if (civil_date_parse(date_text, &d) != 0) {
        cal_set_err(b, line, f[0].col, "invalid date (expected YYYY-MM-DD)");
        return -1;
    }
    if (d < cal->first || d > cal->last) {
        cal_set_err(b, line, f[0].col, "date outside 1970..2100");
        return -1;
    }

    holiday_kind_t kind;
    if (f[1].n == 3 && memcmp(f[1].s, "off", 3) == 0) {
        kind = HOLIDAY_ANNOUNCED_OFF;
    } else if (f[1].n == 7 && memcmp(f[1].s, "working", 7) == 0) {
        kind = HOLIDAY_ANNOUNCED_WORKING;
    } else {
        cal_set_err(b, line, f[1].col, "unknown kind (expected off or working)");
        return -1;
    }
    if (cal_is_blank(f[2].s, f[2].n)) {
        cal_set_err(b, line, f[2].col, "empty name_vi");
        return -1;
    }
    if (cal_is_blank(f[3].s, f[3].n)) {
        cal_set_err(b, line, f[3].col, "empty name_en");
        return -1;
    }
    if (cal_is_blank(f[4].s, f[4].n)) {
        cal_set_err(b, line, f[4].col,
                    "empty source (name the announcing document, or mark it [M] unconfirmed)");
        return -1;
    }

    uint8_t *st = &b->state[d - cal->first];
    if (*st == ST_CSV_OFF || *st == ST_CSV_WORKING) {
        snprintf(msg, sizeof msg, "duplicate date (first given on line %d)",
                 cal_first_line_of(b, d));
        cal_set_err(b, line, f[0].col, msg);
        return -1;
    }
    if (kind == HOLIDAY_ANNOUNCED_WORKING && *st == ST_NONE && !cal_is_weekend(d)) {
        cal_set_err(b, line, f[1].col, "'working' on a day that is already a working day");
        return -1;
    }

    const char *vi = cal_store_name(b, f[2].s, f[2].n);
    const char *en = cal_store_name(b, f[3].s, f[3].n);
    const char *src = cal_store_name(b, f[4].s, f[4].n);
    if (!cal_replace_rule_entry(b, nrule, d, kind, vi, en, src, line))
        cal_push(b, d, kind, vi, en, src, line);
    *st = kind == HOLIDAY_ANNOUNCED_OFF ? ST_CSV_OFF : ST_CSV_WORKING;
    int y;
    civil_date_to_ymd(d, &y, NULL, NULL);
    cal->announced[y - CALENDAR_FIRST_YEAR] = 1;
    return 0;
}

/* Walk the CSV text line by line. Returns 0, or -1 with the error set. */
static int cal_parse_csv(cal_builder_t *b, const char *text)
{
    static const char header[] = "date,kind,name_vi,name_en,source";
    size_t nrule = b->cal->nholidays;
    const char *p = text;
    int line = 0, have_header = 0;

    /* A byte-order mark, as spreadsheet programs write, is not content. */
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;

    while (*p != '\0') {
        line++;
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *next = eol ? eol + 1 : p + n;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n > CALENDAR_CSV_MAX_LINE) {
            char msg[64];
            snprintf(msg, sizeof msg, "line longer than %d bytes", CALENDAR_CSV_MAX_LINE);
            cal_set_err(b, line, CALENDAR_CSV_MAX_LINE + 1, msg);
            return -1;
        }
        size_t bad = cal_utf8_invalid_at((const unsigned char *)p, n);
        if (bad < n) {
            cal_set_err(b, line, (int)bad + 1, "invalid UTF-8");
            return -1;
        }
        if ((n > 0 && p[0] == '#') || cal_is_blank(p, n)) {
            p = next;
            continue;
        }
        if (!have_header) {
            if (n != sizeof header - 1 || memcmp(p, header, n) != 0) {
                cal_set_err(b, line, 1, "expected header \"date,kind,name_vi,name_en,source\"");
                return -1;
            }
            have_header = 1;
        } else if (cal_parse_row(b, nrule, line, p, n) != 0) {
            return -1;
        }
        p = next;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Build and queries.
 */

/* Upper bound on entries: every rule day, as many compensatory days, and
 * one per CSV line. */
static size_t cal_capacity(const char *csv)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof cal_rules / sizeof cal_rules[0]; i++) {
        const cr_rule_t *r = &cal_rules[i];
        n += (size_t)r->ndays * (size_t)(r->to_year - r->from_year + 1);
    }
    n *= 2;
    if (csv != NULL) {
        n++;
        for (const char *p = csv; *p != '\0'; p++)
            n += *p == '\n';
    }
    return n;
}

/* Fill the working bits and prefix sums from the per-day state. */
static void cal_finish_days(calendar_t *cal, const uint8_t *state)
{
    cal->prefix[0] = 0;
    for (int32_t i = 0; i < cal->ndays; i++) {
        int work;
        switch (state[i]) {
        case ST_NONE:
            work = !cal_is_weekend(cal->first + i);
            break;
        case ST_CSV_WORKING:
            work = 1;
            break;
        default:
            work = 0;
            break;
        }
        if (work)
            cal->working[i >> 3] |= (uint8_t)(1u << (i & 7));
        cal->prefix[i + 1] = cal->prefix[i] + work;
    }
}

int calendar_build(const char *announced_csv, calendar_t **out, char *err, size_t errlen)
{
    int rc = -1;
    cal_builder_t b = {.err = err, .errlen = errlen};
    calendar_t *cal = NULL;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (out == NULL)
        return -1;
    *out = NULL;

    cal = calloc(1, sizeof *cal);
    if (cal == NULL)
        goto oom;
    b.cal = cal;
    cal->first = civil_date_from_ymd(CALENDAR_FIRST_YEAR, 1, 1);
    cal->last = civil_date_from_ymd(CALENDAR_LAST_YEAR, 12, 31);
    cal->ndays = cal->last - cal->first + 1;

    b.cap = cal_capacity(announced_csv);
    cal->working = calloc(((size_t)cal->ndays + 7) / 8, 1);
    cal->prefix = malloc(((size_t)cal->ndays + 1) * sizeof *cal->prefix);
    cal->holidays = malloc(b.cap * sizeof *cal->holidays);
    cal->names = malloc(announced_csv != NULL ? strlen(announced_csv) + 1 : 1);
    b.state = calloc((size_t)cal->ndays, 1);
    b.entry_line = malloc(b.cap * sizeof *b.entry_line);
    if (!cal->working || !cal->prefix || !cal->holidays || !cal->names || !b.state || !b.entry_line)
        goto oom;

    for (int y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
        for (size_t i = 0; i < sizeof cal_rules / sizeof cal_rules[0]; i++) {
            if (y >= cal_rules[i].from_year && y <= cal_rules[i].to_year)
                cal_apply_rule(&b, &cal_rules[i], y);
        }
    }
    cal_add_compensatory(&b);
    /* Sorted before the CSV so its rows can find rule entries to replace;
     * entry_line is all zero here, so it need not follow the sort. */
    qsort(cal->holidays, cal->nholidays, sizeof *cal->holidays, cal_cmp_holiday);

    if (announced_csv != NULL && cal_parse_csv(&b, announced_csv) != 0)
        goto out;
    qsort(cal->holidays, cal->nholidays, sizeof *cal->holidays, cal_cmp_holiday);
    cal_finish_days(cal, b.state);
    /* Give back the worst-case slack (about a third); keep it if the
     * allocator cannot. */
    holiday_t *shrunk = realloc(cal->holidays, cal->nholidays * sizeof *shrunk);
    if (shrunk != NULL)
        cal->holidays = shrunk;

    *out = cal;
    cal = NULL;
    rc = 0;
    goto out;

oom:
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "out of memory");
out:
    free(b.entry_line);
    free(b.state);
    calendar_free(cal);
    return rc;
}

void calendar_free(calendar_t *cal)
{
    if (cal == NULL)
        return;
    free(cal->names);
    free(cal->holidays);
    free(cal->prefix);
    free(cal->working);
    free(cal);
}

static int cal_in_range(const calendar_t *cal, civil_date_t d)
{
    return d != CIVIL_DATE_INVALID && d >= cal->first && d <= cal->last;
}

static int cal_bit(const calendar_t *cal, civil_date_t d)
{
    int32_t i = d - cal->first;
    return (cal->working[i >> 3] >> (i & 7)) & 1;
}

int calendar_is_working_day(const calendar_t *cal, civil_date_t d)
{
    if (cal == NULL || !cal_in_range(cal, d))
        return -1;
    return cal_bit(cal, d);
}

civil_date_t calendar_add_working_days(const calendar_t *cal, civil_date_t from, int n)
{
    if (cal == NULL || !cal_in_range(cal, from) || n < 0)
        return CIVIL_DATE_INVALID;
    if (n == 0)
        return from;
    /* prefix[j] counts working days among day indexes 0..j-1. The answer
     * is the day index j-1 for the smallest j with prefix[j] >= target; that
     * day is a working day because prefix only steps up on working days. */
    int32_t i = from - cal->first;
    int64_t target = (int64_t)cal->prefix[i + 1] + n;
    if (target > cal->prefix[cal->ndays])
        return CIVIL_DATE_INVALID;
    int32_t lo = i + 2, hi = cal->ndays; /* answer j is in [lo, hi] */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (cal->prefix[mid] >= target)
            hi = mid;
        else
            lo = mid + 1;
    }
    assert(cal->prefix[lo] == target && cal->prefix[lo - 1] == target - 1);
    return cal->first + lo - 1;
}

int calendar_working_days_between(const calendar_t *cal, civil_date_t a, civil_date_t b)
{
    if (cal == NULL || a == CIVIL_DATE_INVALID || b == CIVIL_DATE_INVALID)
        return INT_MIN;
    if (a < cal->first - 1 || a > cal->last || b < cal->first - 1 || b > cal->last)
        return INT_MIN;
    /* prefix[x - first + 1] counts working days up to and including x. */
    return cal->prefix[b - cal->first + 1] - cal->prefix[a - cal->first + 1];
}

civil_date_t calendar_deadline(const calendar_t *cal, civil_date_t trigger, int n, day_count_t unit)
{
    if (cal == NULL || !cal_in_range(cal, trigger) || n < 0)
        return CIVIL_DATE_INVALID;
    switch (unit) {
    case DAYS_CALENDAR: {
        /* LAW: Civil Code 2015 art. 147.1, 148.5. The last day moves if
         * the offices are closed on it (holiday, compensatory or announced
         * day off) or if it is a Saturday or Sunday, even one announced as
         * a make-up working day: the swap rearranges civil servants' hours
         * and does not take a weekly rest day from the parties. It moves to
         * the next day that is both a working day and a weekday. */
        int64_t end = (int64_t)trigger + n;
        if (end > cal->last)
            return CIVIL_DATE_INVALID;
        civil_date_t d = (civil_date_t)end;
        while (d != CIVIL_DATE_INVALID && (!cal_bit(cal, d) || cal_is_weekend(d)))
            d = calendar_add_working_days(cal, d, 1);
        return d;
    }
    case DAYS_WORKING:
        return calendar_add_working_days(cal, trigger, n);
    }
    return CIVIL_DATE_INVALID;
}

size_t calendar_holidays(const calendar_t *cal, int year, holiday_t *out, size_t max)
{
    if (cal == NULL || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
        return 0;
    civil_date_t jan1 = civil_date_from_ymd(year, 1, 1);
    civil_date_t dec31 = civil_date_from_ymd(year, 12, 31);
    /* Lower bound: first entry dated on or after 1 January. */
    size_t lo = 0, hi = cal->nholidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid].date < jan1)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t count = 0;
    for (size_t i = lo; i < cal->nholidays && cal->holidays[i].date <= dec31; i++) {
        if (count < max && out != NULL)
            out[count] = cal->holidays[i];
        count++;
    }
    return count;
}

int calendar_year_announced(const calendar_t *cal, int year)
{
    if (cal == NULL || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
        return -1;
    return cal->announced[year - CALENDAR_FIRST_YEAR];
}

const char *calendar_kind_name(holiday_kind_t k)
{
    switch (k) {
    case HOLIDAY_FIXED:
        return "fixed";
    case HOLIDAY_LUNAR:
        return "lunar";
    case HOLIDAY_COMPENSATORY:
        return "compensatory";
    case HOLIDAY_ANNOUNCED_OFF:
        return "announced_off";
    case HOLIDAY_ANNOUNCED_WORKING:
        return "announced_working";
    }
    return "unknown";
}
