/*
 * core/lunar.c — the Vietnamese lunisolar calendar, computed astronomically.
 *
 * Two astronomical inputs decide everything:
 *   - the instants of new moon, numbered by a lunation index k (k = 0 is the
 *     new moon of 2000-01-06), from Meeus' series;
 *   - the sun's apparent ecliptic longitude at a given instant.
 * Both are evaluated in Terrestrial Time and converted to civil time with a
 * Delta-T polynomial, then to local days with the caller's time zone.
 *
 * From those, with day-level rules only (see lunar.h):
 *   new moon day  the local date of the new moon; a month runs from one new
 *                 moon day up to the day before the next;
 *   major term    month k contains one iff the sun's 30-degree sector at the
 *                 local midnight starting its first day differs from the
 *                 sector at the midnight starting the next month;
 *   month 11      the month whose first midnight is before the sun reaches
 *                 270 degrees and whose successor's is not.
 * A "window" is the run of months from the month 11 of Gregorian year Y-1 up
 * to (not including) the month 11 of year Y: 12 or 13 months, holding months
 * 11 and 12 of lunar year Y-1 and months 1..10 of lunar year Y.
 *
 * Nothing is cached: a conversion computes at most about 20 new moons and as
 * many sun positions, microseconds of work, and the module stays free of
 * state and locks. core/calendar.c calls it a few times per year at build.
 */
#include "core/lunar.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>

#define LN_PI  3.14159265358979323846
#define LN_DEG (LN_PI / 180.0)
/* Julian Day of the midnight (0h UT) starting 1970-01-01. */
#define LN_JD_UNIX_EPOCH 2440587.5
#define LN_JD_J2000      2451545.0
#define LN_SYNODIC_MONTH 29.530588861
/* Mean JDE of new moon k = 0 (2000-01-06), Meeus eq. 49.1. */
#define LN_JDE_K0 2451550.09766

/* Sine of an angle given in degrees. */
static double ln_sind(double deg)
{
    return sin(fmod(deg, 360.0) * LN_DEG);
}

/*
 * Delta-T = TT - UT in days, for a decimal year. Piecewise polynomials of
 * Espenak and Meeus (fit to observations up to 2005, extrapolated after);
 * the uncertainty grows to a few minutes by 2200, far below what usually
 * decides a calendar day, and it is an assumption any astronomical
 * calendar past today must make.
 */
static double ln_delta_t_days(double y)
{
    double t, dt;
    if (y < 1860.0 || y >= 2150.0) {
        /* Long-term parabola (Morrison and Stephenson). */
        t = (y - 1820.0) / 100.0;
        dt = -20.0 + 32.0 * t * t;
    } else if (y < 1900.0) {
        t = y - 1860.0;
        dt = 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
             0.0004473624 * t * t * t * t + t * t * t * t * t / 233174.0;
    } else if (y < 1920.0) {
        t = y - 1900.0;
        dt = -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
             0.000197 * t * t * t * t;
    } else if (y < 1941.0) {
        t = y - 1920.0;
        dt = 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    } else if (y < 1961.0) {
        t = y - 1950.0;
        dt = 29.07 + 0.407 * t - t * t / 233.0 + t * t * t / 2547.0;
    } else if (y < 1986.0) {
        t = y - 1975.0;
        dt = 45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0;
    } else if (y < 2005.0) {
        t = y - 2000.0;
        dt = 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
             0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
    } else if (y < 2050.0) {
        t = y - 2000.0;
        dt = 62.92 + 0.32217 * t + 0.005589 * t * t;
    } else {
        /* 2050..2150: the parabola, joined smoothly to the 2005..2050 fit. */
        t = (y - 1820.0) / 100.0;
        dt = -20.0 + 32.0 * t * t - 0.5628 * (2150.0 - y);
    }
    return dt / 86400.0;
}

static double ln_year_of_jd(double jd)
{
    return 2000.0 + (jd - LN_JD_J2000) / 365.25;
}

/* Meeus ch. 49: periodic terms of the true new moon. Each row is
 * coefficient, power of E (eccentricity factor) and the multiples of
 * M (sun's anomaly), M' (moon's anomaly) and F (moon's argument of latitude)
 * in the sine's argument. */
static const struct {
    double coef;
    signed char e_pow, m, mp, f;
} ln_new_moon_terms[] = {
    {-0.40720, 0, 0, 1, 0},   {0.17241, 1, 1, 0, 0},   {0.01608, 0, 0, 2, 0},
    {0.01039, 0, 0, 0, 2},    {0.00739, 1, -1, 1, 0},  {-0.00514, 1, 1, 1, 0},
    {0.00208, 2, 2, 0, 0},    {-0.00111, 0, 0, 1, -2}, {-0.00057, 0, 0, 1, 2},
    {0.00056, 1, 1, 2, 0},    {-0.00042, 0, 0, 3, 0},  {0.00042, 1, 1, 0, 2},
    {0.00038, 1, 1, 0, -2},   {-0.00024, 1, -1, 2, 0}, {-0.00007, 0, 2, 1, 0},
    {0.00004, 0, 0, 2, -2},   {0.00004, 0, 3, 0, 0},   {0.00003, 0, 1, 1, -2},
    {0.00003, 0, 0, 2, 2},    {-0.00003, 0, 1, 1, 2},  {0.00003, 0, -1, 1, 2},
    {-0.00002, 0, -1, 1, -2}, {-0.00002, 0, 1, 3, 0},  {0.00002, 0, 0, 4, 0},
};

/* Meeus ch. 49: planetary arguments A1..A14 (degrees: constant, rate per
 * lunation) and their coefficients in days. A1 also has a T^2 term. */
static const struct {
    double a0, rate, coef;
} ln_planet_terms[] = {
    {299.77, 0.107408, 0.000325},  {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
    {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
    {207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
    {207.19, 0.121824, 0.000042},  {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
    {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
};

/* Julian Ephemeris Day (TT) of true new moon number k. */
static double ln_new_moon_jde(long k)
{
    double kk = (double)k;
    double t = kk / 1236.85;
    double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde =
        LN_JDE_K0 + LN_SYNODIC_MONTH * kk + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
    double m = 2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3;
    double mp = 201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
    double f = 160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
    double om = 124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3;

    /* Reduce the fundamental arguments once; the multiples below then stay
     * small and lose no precision. */
    m = fmod(m, 360.0);
    mp = fmod(mp, 360.0);
    f = fmod(f, 360.0);

    double corr = 0.0;
    for (size_t i = 0; i < sizeof ln_new_moon_terms / sizeof ln_new_moon_terms[0]; i++) {
        double arg =
            ln_new_moon_terms[i].m * m + ln_new_moon_terms[i].mp * mp + ln_new_moon_terms[i].f * f;
        double c = ln_new_moon_terms[i].coef;
        for (int p = 0; p < ln_new_moon_terms[i].e_pow; p++)
            c *= e;
        corr += c * ln_sind(arg);
    }
    corr += -0.00017 * ln_sind(om);
    for (size_t i = 0; i < sizeof ln_planet_terms / sizeof ln_planet_terms[0]; i++) {
        double a = ln_planet_terms[i].a0 + ln_planet_terms[i].rate * kk;
        if (i == 0)
            a -= 0.009173 * t2;
        corr += ln_planet_terms[i].coef * ln_sind(a);
    }
    return jde + corr;
}

/* Local day (in UTC+tz_hours) on which new moon k falls. */
static civil_date_t ln_new_moon_day(long k, int tz_hours)
{
    double jde = ln_new_moon_jde(k);
    double jd_ut = jde - ln_delta_t_days(ln_year_of_jd(jde));
    return (civil_date_t)floor(jd_ut - LN_JD_UNIX_EPOCH + tz_hours / 24.0);
}

/* Sun's apparent geometric ecliptic longitude of date, in degrees [0, 360),
 * at the instant jde (TT). Meeus ch. 25 (low accuracy, about 0.01 degree). */
static double ln_sun_longitude(double jde)
{
    double t = (jde - LN_JD_J2000) / 36525.0;
    double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
    double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * ln_sind(m) +
               (0.019993 - 0.000101 * t) * ln_sind(2.0 * m) + 0.000289 * ln_sind(3.0 * m);
    double om = 125.04 - 1934.136 * t;
    double lambda = l0 + c - 0.00569 - 0.00478 * ln_sind(om);
    lambda = fmod(lambda, 360.0);
    if (lambda < 0.0)
        lambda += 360.0;
    return lambda;
}

/* Sun's longitude at the local midnight that starts day d. */
static double ln_sun_at_day_start(civil_date_t d, int tz_hours)
{
    double jd_ut = LN_JD_UNIX_EPOCH + (double)d - tz_hours / 24.0;
    return ln_sun_longitude(jd_ut + ln_delta_t_days(ln_year_of_jd(jd_ut)));
}

/* 30-degree sector (0..11) of the sun at the start of day d; a major solar
 * term is the sun entering a new sector. */
static int ln_sector_at_day_start(civil_date_t d, int tz_hours)
{
    int s = (int)floor(ln_sun_at_day_start(d, tz_hours) / 30.0);
    return s > 11 ? 11 : s;
}

/* Has the sun reached 270 degrees (December solstice) by the midnight
 * starting d? Only meaningful for d within a few months of a solstice. */
static int ln_past_solstice(civil_date_t d, int tz_hours)
{
    double x = ln_sun_at_day_start(d, tz_hours) - 270.0;
    if (x < -180.0)
        x += 360.0;
    else if (x >= 180.0)
        x -= 360.0;
    return x >= 0.0;
}

/* Lunation index of a new moon near day d (within one or two). */
static long ln_k_near(civil_date_t d)
{
    return (long)floor(((double)d + LN_JD_UNIX_EPOCH - LN_JDE_K0) / LN_SYNODIC_MONTH);
}

/* Lunation index of the month containing day d. */
static long ln_month_of_day(civil_date_t d, int tz_hours)
{
    long k = ln_k_near(d);
    while (ln_new_moon_day(k, tz_hours) > d)
        k--;
    while (ln_new_moon_day(k + 1, tz_hours) <= d)
        k++;
    return k;
}

/* Lunation index of month 11 of Gregorian year y: the month containing the
 * December solstice of y. */
static long ln_month11(int y, int tz_hours)
{
    civil_date_t dec31 = civil_date_from_ymd(y, 12, 31);
    assert(dec31 != CIVIL_DATE_INVALID);
    long k = ln_month_of_day(dec31, tz_hours);
    /* The solstice is on 20..23 December, so at most two steps back. */
    while (ln_past_solstice(ln_new_moon_day(k, tz_hours), tz_hours))
        k--;
    assert(ln_past_solstice(ln_new_moon_day(k + 1, tz_hours), tz_hours));
    return k;
}

/* One window of months: [k11_prev, k11) with month 11 of year - 1 first. */
typedef struct {
    int year;        /* months 1..10 belong to this lunar year */
    long k11_prev;   /* month 11 of lunar year - 1 */
    long k11;        /* month 11 of lunar year `year` (first of next window) */
    int leap_offset; /* offset from k11_prev of the leap month; 0 if none */
} ln_window_t;

static void ln_window_init(ln_window_t *w, int year, long k11_prev, long k11, int tz_hours)
{
    w->year = year;
    w->k11_prev = k11_prev;
    w->k11 = k11;
    w->leap_offset = 0;
    long n = k11 - k11_prev;
    assert(n == 12 || n == 13);
    if (n != 13)
        return;
    /* The first month without a major term is the leap month. Month 11
     * (offset 0) holds the solstice, so the search starts at offset 1; a
     * 13-month window always has such a month (only 11 major terms fall
     * strictly between its two solstices), so the loop always finds one. */
    int sector = ln_sector_at_day_start(ln_new_moon_day(k11_prev + 1, tz_hours), tz_hours);
    for (int i = 1; i <= 12; i++) {
        int next = ln_sector_at_day_start(ln_new_moon_day(k11_prev + i + 1, tz_hours), tz_hours);
        if (next == sector) {
            w->leap_offset = i;
            return;
        }
        sector = next;
    }
    assert(!"13-month lunar year without a month lacking a major term");
}

static int ln_tz_ok(int tz_hours)
{
    return tz_hours >= -12 && tz_hours <= 14;
}

static int ln_day_in_range(civil_date_t d)
{
    return d != CIVIL_DATE_INVALID && d >= civil_date_from_ymd(LUNAR_FIRST_YEAR, 1, 1) &&
           d <= civil_date_from_ymd(LUNAR_LAST_YEAR, 12, 31);
}

int lunar_from_solar(civil_date_t d, int tz_hours, lunar_date_t *out)
{
    if (out == NULL || !ln_tz_ok(tz_hours) || !ln_day_in_range(d))
        return -1;
    int y;
    civil_date_to_ymd(d, &y, NULL, NULL);
    long k = ln_month_of_day(d, tz_hours);
    long k11 = ln_month11(y, tz_hours);
    ln_window_t w;
    if (k >= k11) {
        /* Late December after this year's month 11 began. */
        ln_window_init(&w, y + 1, k11, ln_month11(y + 1, tz_hours), tz_hours);
    } else {
        ln_window_init(&w, y, ln_month11(y - 1, tz_hours), k11, tz_hours);
    }
    int offset = (int)(k - w.k11_prev);
    assert(offset >= 0 && offset < 13);
    int leap = w.leap_offset != 0 && offset == w.leap_offset;
    /* Index among the twelve numbered months: 0 = month 11, 1 = month 12,
     * 2 = month 1 ...; months after the leap month shift down by one. */
    int index = (w.leap_offset != 0 && offset >= w.leap_offset) ? offset - 1 : offset;
    out->day = d - ln_new_moon_day(k, tz_hours) + 1;
    out->month = (index + 10) % 12 + 1;
    out->year = index < 2 ? w.year - 1 : w.year;
    out->leap = leap;
    return 0;
}

civil_date_t lunar_to_solar(const lunar_date_t *l, int tz_hours)
{
    if (l == NULL || !ln_tz_ok(tz_hours))
        return CIVIL_DATE_INVALID;
    if (l->month < 1 || l->month > 12 || l->day < 1 || l->day > 30 ||
        (l->leap != 0 && l->leap != 1))
        return CIVIL_DATE_INVALID;
    /* Months 11 and 12 of lunar year Y fall around the turn of Y into Y+1;
     * reject years whose months could not be in range before computing. */
    if (l->year < LUNAR_FIRST_YEAR - 1 || l->year > LUNAR_LAST_YEAR)
        return CIVIL_DATE_INVALID;
    ln_window_t w;
    int index;
    if (l->month >= 11) {
        ln_window_init(&w, l->year + 1, ln_month11(l->year, tz_hours),
                       ln_month11(l->year + 1, tz_hours), tz_hours);
        index = l->month - 11;
    } else {
        ln_window_init(&w, l->year, ln_month11(l->year - 1, tz_hours),
                       ln_month11(l->year, tz_hours), tz_hours);
        index = l->month + 1;
    }
    int offset;
    if (l->leap) {
        if (w.leap_offset == 0 || w.leap_offset != index + 1)
            return CIVIL_DATE_INVALID;
        offset = w.leap_offset;
    } else {
        offset = (w.leap_offset != 0 && index >= w.leap_offset) ? index + 1 : index;
    }
    civil_date_t start = ln_new_moon_day(w.k11_prev + offset, tz_hours);
    civil_date_t next = ln_new_moon_day(w.k11_prev + offset + 1, tz_hours);
    if (l->day > next - start)
        return CIVIL_DATE_INVALID;
    civil_date_t d = start + l->day - 1;
    return ln_day_in_range(d) ? d : CIVIL_DATE_INVALID;
}

civil_date_t lunar_new_year(int solar_year, int tz_hours)
{
    if (solar_year < LUNAR_FIRST_YEAR || solar_year > LUNAR_LAST_YEAR)
        return CIVIL_DATE_INVALID;
    lunar_date_t l = {.day = 1, .month = 1, .year = solar_year, .leap = 0};
    return lunar_to_solar(&l, tz_hours);
}

civil_date_t lunar_last_day_of_year(int solar_year, int tz_hours)
{
    civil_date_t ny = lunar_new_year(solar_year, tz_hours);
    if (ny == CIVIL_DATE_INVALID)
        return CIVIL_DATE_INVALID;
    /* Tết is never before 21 January, so the eve is in the same year. */
    assert(ln_day_in_range(ny - 1));
    return ny - 1;
}
