/*
 * core/civil_date.h — civil (legal) dates.
 *
 * A civil date is a whole day on the proleptic Gregorian calendar, counted as
 * days since 1970-01-01. It carries no time of day and no time zone: it is the
 * date printed on a judgment, a decision or a receipt. Converting an instant
 * (a Unix timestamp) to the date it falls on is done in Vietnam's legal time,
 * UTC+7 (Asia/Ho_Chi_Minh, no daylight saving), by civil_date_of_utc().
 *
 * Everything here is pure arithmetic: no libc time functions, no locale, no
 * global state, so every function is safe to call from any thread.
 */
#ifndef THADS_CORE_CIVIL_DATE_H
#define THADS_CORE_CIVIL_DATE_H

#include <stdint.h>

/* Days since 1970-01-01 (proleptic Gregorian); negative before 1970. */
typedef int32_t civil_date_t;

/* Returned for "no such date"; never a valid day number. */
#define CIVIL_DATE_INVALID INT32_MIN

/* Range of years accepted anywhere a date is built from text or fields. */
#define CIVIL_DATE_MIN_YEAR 1
#define CIVIL_DATE_MAX_YEAR 9999

/* The date y-m-d, or CIVIL_DATE_INVALID unless 1 <= y <= 9999 and m, d name a
 * real day of that year (29 February only in leap years). */
civil_date_t civil_date_from_ymd(int y, int m, int d);

/* Split a date into year, month (1..12) and day (1..31). Any of the out
 * pointers may be NULL. For CIVIL_DATE_INVALID all three are set to 0. */
void civil_date_to_ymd(civil_date_t d, int *y, int *m, int *day);

/* ISO weekday: 1 = Monday ... 7 = Sunday. 0 for CIVIL_DATE_INVALID. */
int civil_date_weekday(civil_date_t d);

/* Parse strictly "YYYY-MM-DD": exactly ten characters, four-digit year,
 * two-digit month and day, '-' separators, nothing before or after, and a
 * real date. Returns 0 and sets *out, or -1 (and leaves *out alone) for
 * anything else, including NULL, "2023-02-29", "2023-1-5" and trailing junk. */
int civil_date_parse(const char *s, civil_date_t *out);

/* Write "YYYY-MM-DD" and a NUL into buf. A date outside years 1..9999 or
 * CIVIL_DATE_INVALID is written as "0000-00-00" so callers never print
 * garbage; check validity first where that matters. */
void civil_date_format(civil_date_t d, char buf[11]);

/* The legal date, in Asia/Ho_Chi_Minh (UTC+7, no DST), of the instant
 * unix_seconds. Negative timestamps round toward earlier days (floor), so
 * -1 is 1970-01-01 07:59:59 local, still 1970-01-01. Returns
 * CIVIL_DATE_INVALID if the date falls outside years 1..9999. */
civil_date_t civil_date_of_utc(int64_t unix_seconds);

/* Vietnamese statistical year, 1 October .. 30 September, named after the
 * year it ends in: 2023-10-01 .. 2024-09-30 is stat year 2024.
 * Returns 0 for CIVIL_DATE_INVALID. */
int civil_date_stat_year(civil_date_t d);

/* A month's number, year * 12 + month - 1: consecutive months have consecutive numbers
 * (the monthly statistics' key, store/stat_month.h). 0 for CIVIL_DATE_INVALID. */
int64_t civil_date_month_number(civil_date_t d);

/* Month within the statistical year: October = 1 ... September = 12.
 * Returns 0 for CIVIL_DATE_INVALID. */
int civil_date_stat_month(civil_date_t d);

/* First day of a stat year: 2024 -> 2023-10-01. CIVIL_DATE_INVALID unless
 * 2 <= stat_year <= 9999 (the start must be a representable date). */
civil_date_t civil_date_stat_year_start(int stat_year);

/* Last day (inclusive) of a stat year: 2024 -> 2024-09-30.
 * CIVIL_DATE_INVALID unless 1 <= stat_year <= 9999. */
civil_date_t civil_date_stat_year_end(int stat_year);

#endif /* THADS_CORE_CIVIL_DATE_H */
