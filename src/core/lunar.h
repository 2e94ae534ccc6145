/*
 * core/lunar.h — the Vietnamese lunisolar calendar (âm lịch).
 *
 * Lunar dates matter to thads because two statutory holidays are lunar: Tết
 * Nguyên đán and the Hùng Kings' Commemoration (10th day of the 3rd month).
 *
 * The calendar is computed, not tabulated, by the rules of the Vietnamese
 * calendar (the same rules as the Chinese one, evaluated in another time zone):
 *   - a month starts on the local day of a new moon;
 *   - month 11 is the month containing the December solstice;
 *   - a year from one month 11 to the next that holds 13 months has a leap
 *     (nhuận) month: the first month after month 11 that contains no major
 *     solar term (sun longitude a multiple of 30 degrees); it repeats the
 *     number of the month before it.
 * "Local day" depends on the time zone, which is why the time zone is a
 * parameter: Vietnam uses UTC+7 (since 1968), China UTC+8, and in some years
 * the two calendars differ (Tết 1985: 21 Jan in Vietnam, 20 Feb in China).
 *
 * Precision: new moons use Meeus' series (Astronomical Algorithms, ch. 49,
 * error under a minute), the sun's apparent longitude Meeus' low-accuracy
 * formula (ch. 25, about 0.01 degree, i.e. about 15 minutes of time), and
 * Delta-T (TT - UT) a polynomial fit. A date can come out wrong only when a
 * new moon or a major solar term falls within about that error of local
 * midnight and decides a month boundary, a leap month or month 11. Checked
 * against an independent full-precision ephemeris (PyEphem) for every month
 * of 1900..2199 in UTC+7 and UTC+8: every new moon day and major-term test
 * agreed except one new moon that falls within seconds of midnight (UTC+7:
 * 1967-07-07 here, 1967-07-08 there), before the supported 1970.. range of
 * core/calendar.c.
 * Years past today depend on the extrapolated Delta-T, as any calendar does.
 *
 * Pure computation, no state: safe from any thread. Each call costs a few
 * dozen trigonometric series evaluations (microseconds); callers that need
 * many dates per year (core/calendar.c) compute once and keep the result.
 */
#ifndef THADS_CORE_LUNAR_H
#define THADS_CORE_LUNAR_H

#include "core/civil_date.h"

/* Supported Gregorian years (solar dates in, and results out). */
#define LUNAR_FIRST_YEAR 1900
#define LUNAR_LAST_YEAR  2199

/* A lunar date. year is the Gregorian year in which that lunar year's month 1
 * begins (lunar year 2024 = Giáp Thìn, from 2024-02-10); months 11 and 12 of
 * a lunar year mostly fall in January/February of year + 1. */
typedef struct {
    int day;   /* 1..30 */
    int month; /* 1..12 */
    int year;
    int leap; /* 1 for the leap (nhuận) month, which follows the regular
               * month of the same number; else 0 */
} lunar_date_t;

/* The lunar date of the solar date d in time zone UTC+tz_hours (7 for
 * Vietnam). Returns 0 and fills *out, or -1 if d is outside
 * LUNAR_FIRST_YEAR..LUNAR_LAST_YEAR, tz_hours is outside -12..14, or a
 * pointer is NULL. */
int lunar_from_solar(civil_date_t d, int tz_hours, lunar_date_t *out);

/* The solar date of a lunar date in time zone UTC+tz_hours, or
 * CIVIL_DATE_INVALID if that lunar date does not exist (day 30 of a 29-day
 * month, leap = 1 on a month that is not the leap month, fields out of
 * range) or its solar date is outside the supported years. */
civil_date_t lunar_to_solar(const lunar_date_t *l, int tz_hours);

/* Tết: the solar date of lunar 1/1 of lunar year solar_year, which always
 * falls in Gregorian year solar_year (between 21 Jan and 20 Feb).
 * CIVIL_DATE_INVALID outside the supported years. */
civil_date_t lunar_new_year(int solar_year, int tz_hours);

/* The last day of the lunar year that ends just before
 * lunar_new_year(solar_year): day 29 or 30 of month 12, the eve of Tết.
 * CIVIL_DATE_INVALID where lunar_new_year is. */
civil_date_t lunar_last_day_of_year(int solar_year, int tz_hours);

#endif /* THADS_CORE_LUNAR_H */
