/*
 * core/civil_date.c — civil (legal) dates as day numbers.
 *
 * The conversions use the era arithmetic for the proleptic Gregorian
 * calendar: the calendar repeats exactly every 400 years (an "era" of 146097
 * days), and counting years from 1 March puts the leap day at the end of the
 * year, so a day of the year maps to a month with one linear formula. That
 * makes both directions O(1), branch-light and exact for every int32 day
 * number, with no table and no libc time function (whose behaviour depends on
 * TZ and the C library).
 */
#include "core/civil_date.h"

#include <assert.h>
#include <stddef.h>

/* Days from 0000-03-01 (proleptic) to 1970-01-01. */
#define CD_EPOCH_SHIFT     719468
#define CD_DAYS_PER_ERA    146097
#define CD_SECONDS_PER_DAY 86400
/* Vietnam's legal time is UTC+7 all year round. */
#define CD_VN_UTC_OFFSET_SECONDS (INT64_C(7) * 3600)

/* Floor division for a positive divisor: rounds toward minus infinity, which
 * C's '/' does not do for negative numerators. */
static int64_t cd_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b) != 0 && a < 0)
        q--;
    return q;
}

static int cd_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int cd_days_in_month(int64_t y, int m)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    assert(m >= 1 && m <= 12);
    if (m == 2 && cd_is_leap(y))
        return 29;
    return len[m - 1];
}

/* Day number of y-m-d with no validation; valid for any year that keeps the
 * result within int64 (callers restrict years to 1..9999). */
static int64_t cd_days_from_civil(int64_t y, int m, int d)
{
    /* Years start on 1 March, so January and February belong to the
     * previous year and the leap day is the last day of a year. */
    if (m <= 2)
        y -= 1;
    int64_t era = cd_floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* 0..399 */
    int64_t mp = (m + 9) % 12;                           /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d - 1;            /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
    return era * CD_DAYS_PER_ERA + doe - CD_EPOCH_SHIFT;
}

/* Inverse of cd_days_from_civil for any day number z. */
static void cd_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += CD_EPOCH_SHIFT;
    int64_t era = cd_floor_div(z, CD_DAYS_PER_ERA);
    int64_t doe = z - era * CD_DAYS_PER_ERA; /* 0..146096 */
    /* Remove the leap days before this one to get a 365-day year count. */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                                    /* March = 0 */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

civil_date_t civil_date_from_ymd(int y, int m, int d)
{
    if (y < CIVIL_DATE_MIN_YEAR || y > CIVIL_DATE_MAX_YEAR)
        return CIVIL_DATE_INVALID;
    if (m < 1 || m > 12 || d < 1 || d > cd_days_in_month(y, m))
        return CIVIL_DATE_INVALID;
    /* Years 1..9999 span about +-2.9 million days: well inside int32. */
    return (civil_date_t)cd_days_from_civil(y, m, d);
}

void civil_date_to_ymd(civil_date_t d, int *y, int *m, int *day)
{
    int64_t yy = 0;
    int mm = 0, dd = 0;
    if (d != CIVIL_DATE_INVALID)
        cd_civil_from_days(d, &yy, &mm, &dd);
    /* Any int32 day number lies within +-5.9 million years: fits an int. */
    if (y)
        *y = (int)yy;
    if (m)
        *m = mm;
    if (day)
        *day = dd;
}

int civil_date_weekday(civil_date_t d)
{
    if (d == CIVIL_DATE_INVALID)
        return 0;
    /* 1970-01-01 was a Thursday (ISO 4); day 4 (1970-01-05) a Monday. */
    int64_t r = ((int64_t)d + 3) % 7;
    if (r < 0)
        r += 7;
    return (int)r + 1;
}

/* Value of n ASCII digits at s, or -1 if any is not a digit. */
static int cd_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int civil_date_parse(const char *s, civil_date_t *out)
{
    if (s == NULL || out == NULL)
        return -1;
    /* Check the shape first, character by character, so a short string is
     * never read past its terminator. */
    for (int i = 0; i < 10; i++) {
        char c = s[i];
        if (i == 4 || i == 7) {
            if (c != '-')
                return -1;
        } else if (c < '0' || c > '9') {
            return -1;
        }
    }
    if (s[10] != '\0')
        return -1;
    civil_date_t d = civil_date_from_ymd(cd_digits(s, 4), cd_digits(s + 5, 2), cd_digits(s + 8, 2));
    if (d == CIVIL_DATE_INVALID)
        return -1;
    *out = d;
    return 0;
}

void civil_date_format(civil_date_t d, char buf[11])
{
    int y, m, day;
    civil_date_to_ymd(d, &y, &m, &day);
    if (d == CIVIL_DATE_INVALID || y < CIVIL_DATE_MIN_YEAR || y > CIVIL_DATE_MAX_YEAR)
        y = m = day = 0;
    /* Written by hand rather than snprintf: no locale, no format parsing,
     * and the compiler can see the buffer is never overrun. */
    const int parts[3] = {y, m, day};
    const int widths[3] = {4, 2, 2};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        int v = parts[i];
        for (int k = widths[i] - 1; k >= 0; k--) {
            p[k] = (char)('0' + v % 10);
            v /= 10;
        }
        p += widths[i];
        if (i < 2)
            *p++ = '-';
    }
    *p = '\0';
}

civil_date_t civil_date_of_utc(int64_t unix_seconds)
{
    /* Split into whole UTC days and the seconds into the day before adding
     * the offset; C's '/' and '%' never overflow here (the divisor is not
     * -1), unlike adding the offset or multiplying back, even for
     * INT64_MIN and INT64_MAX. */
    int64_t days = unix_seconds / CD_SECONDS_PER_DAY;
    int64_t secs = unix_seconds % CD_SECONDS_PER_DAY;
    if (secs < 0) {
        days--;
        secs += CD_SECONDS_PER_DAY;
    }
    if (secs + CD_VN_UTC_OFFSET_SECONDS >= CD_SECONDS_PER_DAY)
        days++;
    if (days < cd_days_from_civil(CIVIL_DATE_MIN_YEAR, 1, 1) ||
        days > cd_days_from_civil(CIVIL_DATE_MAX_YEAR, 12, 31))
        return CIVIL_DATE_INVALID;
    return (civil_date_t)days;
}

int civil_date_stat_year(civil_date_t d)
{
    if (d == CIVIL_DATE_INVALID)
        return 0;
    int y, m;
    civil_date_to_ymd(d, &y, &m, NULL);
    return m >= 10 ? y + 1 : y;
}

int64_t civil_date_month_number(civil_date_t d)
{
    int y, m;

    if (d == CIVIL_DATE_INVALID)
        return 0;
    civil_date_to_ymd(d, &y, &m, NULL);
    return (int64_t)y * 12 + m - 1;
}

int civil_date_stat_month(civil_date_t d)
{
    if (d == CIVIL_DATE_INVALID)
        return 0;
    int m;
    civil_date_to_ymd(d, NULL, &m, NULL);
    return m >= 10 ? m - 9 : m + 3;
}

civil_date_t civil_date_stat_year_start(int stat_year)
{
    if (stat_year <= CIVIL_DATE_MIN_YEAR || stat_year > CIVIL_DATE_MAX_YEAR)
        return CIVIL_DATE_INVALID;
    return civil_date_from_ymd(stat_year - 1, 10, 1);
}

civil_date_t civil_date_stat_year_end(int stat_year)
{
    return civil_date_from_ymd(stat_year, 9, 30);
}
