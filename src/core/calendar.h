/*
 * core/calendar.h — public holidays and working days ("ngày làm việc").
 *
 * Deadlines in enforcement law are counted either in calendar days or in
 * working days. A working day is Monday..Friday, minus public holidays,
 * compensatory days off and extra days off the government announces, plus
 * the weekend days the government announces as working days (swapped days).
 *
 * A calendar_t is built once at start-up from two sources:
 *   - the statutory rules (Labour Codes 1994, 2012, 2019 and Law 84/2007),
 *     kept as one table in calendar.c, which fix the holidays and the
 *     compensation for holidays falling on a weekend;
 *   - the administrator's announced-days CSV (data/holidays.csv): each year's
 *     government announcement of extra days off and swapped working days.
 * It is immutable after calendar_build(), so one calendar can be shared by
 * every thread without locking.
 */
#ifndef THADS_CORE_CALENDAR_H
#define THADS_CORE_CALENDAR_H

#include <stddef.h>

#include "core/civil_date.h"

typedef struct calendar calendar_t;

typedef enum {
    HOLIDAY_FIXED,            /* statutory, on a solar date (1 Jan, 30 Apr, ...) */
    HOLIDAY_LUNAR,            /* statutory, on a lunar date (Tết, Hùng Kings) */
    HOLIDAY_COMPENSATORY,     /* nghỉ bù: for a holiday that fell on a weekend */
    HOLIDAY_ANNOUNCED_OFF,    /* extra day off from the announcement (CSV "off") */
    HOLIDAY_ANNOUNCED_WORKING /* weekend day made a working day (CSV "working") */
} holiday_kind_t;

typedef struct {
    civil_date_t date;
    holiday_kind_t kind;
    const char *name_vi; /* UTF-8; owned by the calendar (or static) */
    const char *name_en;
    /* Where the day comes from: for an announced day the CSV's source field
     * (the announcing document, e.g. "[W] 8726/VPCP-KGVX 26/11/2024"); for a
     * computed day the statutory rule's legal reference. Never NULL. */
    const char *source;
} holiday_t;

typedef enum { DAYS_CALENDAR, DAYS_WORKING } day_count_t;

/* The calendar covers 1970-01-01 .. 2100-12-31. */
#define CALENDAR_FIRST_YEAR 1970
#define CALENDAR_LAST_YEAR  2100

/* Longest accepted line of the announced-days CSV, in bytes (without the
 * line break). */
#define CALENDAR_CSV_MAX_LINE 1024

/*
 * Build the calendar for 1970..2100 from the statutory rule table plus the
 * announced-days CSV text (may be NULL or "" for none).
 *
 * CSV format: UTF-8 (a leading byte-order mark is skipped); LF or CRLF line
 * ends; lines starting with '#' are comments; blank lines are ignored; the
 * first other line is the header, exactly "date,kind,name_vi,name_en,source";
 * then rows "YYYY-MM-DD,off|working,Vietnamese name,English name,source".
 * Names and sources may not contain commas (there is no quoting) or control
 * characters, and none may be blank. The source names the announcement the
 * row follows (document number where known; "[M] ..." where unconfirmed).
 *   off      an extra day off (HOLIDAY_ANNOUNCED_OFF);
 *   working  a day the rules make non-working, normally a Saturday or Sunday,
 *            that is a working day (HOLIDAY_ANNOUNCED_WORKING). It can also
 *            undo a rule-derived day (e.g. the default day next to 2 Sep)
 *            when the announcement chose another one.
 * A row replaces any rule-derived entry on the same date.
 *
 * Returns 0 and sets *out on success. On failure returns -1, sets *out to
 * NULL and writes a message to err (errlen bytes, always NUL-terminated when
 * errlen > 0; err may be NULL): for a bad CSV "line L, column C: reason",
 * lines and columns counted from 1, columns in bytes; otherwise
 * "out of memory".
 */
int calendar_build(const char *announced_csv, calendar_t **out, char *err, size_t errlen);

/* Free a calendar; NULL is a no-op. */
void calendar_free(calendar_t *cal);

/* 1 if d is a working day, 0 if not, -1 if d is outside 1970..2100. */
int calendar_is_working_day(const calendar_t *cal, civil_date_t d);

/*
 * The n-th working day after `from`; counting starts the day after `from`,
 * so from = Friday, n = 1 gives the next Monday if that Monday is a working
 * day. n == 0 returns from itself. CIVIL_DATE_INVALID if from is outside
 * the range, n < 0, or the result would fall after 2100-12-31.
 */
civil_date_t calendar_add_working_days(const calendar_t *cal, civil_date_t from, int n);

/*
 * The number of working days d with a < d <= b; negative (minus the count
 * of b < d <= a) if b < a. a and b may each be any day from 1969-12-31 (the
 * day before the range, so that counts can start on 1970-01-01) to
 * 2100-12-31; otherwise returns INT_MIN.
 */
int calendar_working_days_between(const calendar_t *cal, civil_date_t a, civil_date_t b);

/*
 * A legal deadline of n days counted from the day after `trigger` (the day
 * of the event itself is not counted).
 *   DAYS_CALENDAR: trigger + n; if that last day is not a working day, or is
 *                  a Saturday or Sunday (even a make-up Saturday the
 *                  announcement made a working day for civil servants), the
 *                  deadline moves to the next day that is a working day and
 *                  a weekday.
 *   DAYS_WORKING:  calendar_add_working_days(trigger, n).
 * LAW: Civil Code 2015 (91/2015/QH13) art. 147.1 (the first day is not
 * counted) and art. 148.5 (a period ending on a weekly rest day or holiday
 * ends at the end of the next working day).
 * CIVIL_DATE_INVALID if trigger is outside the range, n < 0, the unit is
 * unknown or the deadline would fall after 2100-12-31.
 */
civil_date_t calendar_deadline(const calendar_t *cal, civil_date_t trigger, int n,
                               day_count_t unit);

/*
 * The holidays, compensatory days, announced days off and announced
 * working days of Gregorian year `year`, sorted by date (one entry per
 * date). Fills at most max entries of out (out may be NULL when max is 0)
 * and returns the total number, which may exceed max: call with max 0 to
 * size a buffer. 0 for a year outside the range.
 */
size_t calendar_holidays(const calendar_t *cal, int year, holiday_t *out, size_t max);

/*
 * 1 if the announced-days CSV has at least one row dated in `year` (the
 * year's schedule was announced, at least in part), 0 if the year is wholly
 * computed from the statutory rules, -1 if year is outside 1970..2100.
 */
int calendar_year_announced(const calendar_t *cal, int year);

/* "fixed", "lunar", "compensatory", "announced_off", "announced_working";
 * "unknown" for any other value. */
const char *calendar_kind_name(holiday_kind_t k);

#endif /* THADS_CORE_CALENDAR_H */
