/*
 * tests/core/test_money.c — unit tests for core/money.c.
 *
 * Table-driven: each table row is one case, and a failing row is reported with its
 * index and input so it can be found without a debugger.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "testrng.h"

#include "core/money.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A value *out must still hold after a failed call: errors never write it. */
#define UNTOUCHED ((money_t)0x5A5A5A5A5A5A5A5ALL)

/* Fixed-seed xorshift64*, so the random sweeps are the same on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng_next(void)
{
    return testrng_next(&rng_state);
}

/* Random int64 whose magnitude has a random number of digits (log-uniform), so that
 * small and large amounts are both well covered. */
static money_t rng_money(void)
{
    uint64_t r = rng_next();
    int digits = (int)(rng_next() % 20);
    uint64_t lim = 1;
    for (int i = 0; i < digits; i++)
        lim *= 10;
    money_t v = digits == 19 ? (money_t)(r >> 1) : (money_t)(r % lim);
    return (rng_next() & 1) ? -v : v;
}

/* ---- add / sub / mul ------------------------------------------------------------- */

struct arith_case {
    money_t a, b;
    int code;
    money_t want;
};

static void run_arith(int (*fn)(money_t, money_t, money_t *), const struct arith_case *c, size_t n,
                      const char *name)
{
    for (size_t i = 0; i < n; i++) {
        money_t out = UNTOUCHED;
        int rc = fn(c[i].a, c[i].b, &out);
        if (rc != c[i].code || (rc == MONEY_OK && out != c[i].want) ||
            (rc != MONEY_OK && out != UNTOUCHED))
            fail_msg("%s case %zu: (%lld, %lld) -> rc %d out %lld, want rc %d out %lld", name, i,
                     (long long)c[i].a, (long long)c[i].b, rc, (long long)out, c[i].code,
                     (long long)c[i].want);
    }
}

static void test_add(void **state)
{
    (void)state;
    static const struct arith_case c[] = {
        {0, 0, MONEY_OK, 0},
        {1000, 2500, MONEY_OK, 3500},
        {-1000, 2500, MONEY_OK, 1500},
        {INT64_MAX, 0, MONEY_OK, INT64_MAX},
        {INT64_MAX - 1, 1, MONEY_OK, INT64_MAX},
        {INT64_MAX, 1, MONEY_OVERFLOW, 0},
        {1, INT64_MAX, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MAX, MONEY_OVERFLOW, 0},
        {INT64_MIN, 0, MONEY_OK, INT64_MIN},
        {INT64_MIN + 1, -1, MONEY_OK, INT64_MIN},
        {INT64_MIN, -1, MONEY_OVERFLOW, 0},
        {INT64_MIN, INT64_MIN, MONEY_OVERFLOW, 0},
        {INT64_MIN, INT64_MAX, MONEY_OK, -1},
        {INT64_MAX, INT64_MIN, MONEY_OK, -1},
    };
    run_arith(money_add, c, N_ELEMS(c), "add");
    assert_int_equal(money_add(1, 2, NULL), MONEY_INVALID);
}

static void test_sub(void **state)
{
    (void)state;
    static const struct arith_case c[] = {
        {0, 0, MONEY_OK, 0},
        {5000, 7000, MONEY_OK, -2000},
        {INT64_MAX, INT64_MAX, MONEY_OK, 0},
        {INT64_MIN, INT64_MIN, MONEY_OK, 0},
        {-1, INT64_MAX, MONEY_OK, INT64_MIN},
        {-2, INT64_MAX, MONEY_OVERFLOW, 0},
        {0, INT64_MIN, MONEY_OVERFLOW, 0},
        {-1, INT64_MIN, MONEY_OK, INT64_MAX},
        {INT64_MIN, 1, MONEY_OVERFLOW, 0},
        {INT64_MAX, -1, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MIN, MONEY_OVERFLOW, 0},
        {INT64_MIN, INT64_MAX, MONEY_OVERFLOW, 0},
        {0, INT64_MAX, MONEY_OK, -INT64_MAX},
    };
    run_arith(money_sub, c, N_ELEMS(c), "sub");
    assert_int_equal(money_sub(1, 2, NULL), MONEY_INVALID);
}

static void test_mul(void **state)
{
    (void)state;
    static const struct arith_case c[] = {
        {0, INT64_MIN, MONEY_OK, 0},
        {INT64_MIN, 0, MONEY_OK, 0},
        {300000, 3, MONEY_OK, 900000},
        {-300000, 3, MONEY_OK, -900000},
        {INT64_MAX, 1, MONEY_OK, INT64_MAX},
        {INT64_MAX, -1, MONEY_OK, -INT64_MAX},
        {INT64_MIN, 1, MONEY_OK, INT64_MIN},
        {INT64_MIN, -1, MONEY_OVERFLOW, 0},
        {-1, INT64_MIN, MONEY_OVERFLOW, 0},
        {INT64_MAX, 2, MONEY_OVERFLOW, 0},
        {INT64_MAX / 2, 2, MONEY_OK, INT64_MAX - 1},
        {INT64_MIN / 2, 2, MONEY_OK, INT64_MIN},
        {INT64_MIN / 2 - 1, 2, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MAX, MONEY_OVERFLOW, 0},
        {INT64_MIN, INT64_MIN, MONEY_OVERFLOW, 0},
        {3037000500LL, 3037000500LL, MONEY_OVERFLOW, 0}, /* just above sqrt(2^63) */
        {3037000499LL, 3037000499LL, MONEY_OK, 9223372030926249001LL},
    };
    run_arith(money_mul, c, N_ELEMS(c), "mul");
    assert_int_equal(money_mul(1, 2, NULL), MONEY_INVALID);
}

/* ---- mul_div / ppm --------------------------------------------------------------- */

struct muldiv_case {
    money_t a;
    int64_t num, den;
    int code;
    money_t want;
};

static void test_mul_div(void **state)
{
    (void)state;
    static const struct muldiv_case c[] = {
        {10, 1, 2, MONEY_OK, 5},
        /* exact halves go away from zero, whatever carries the sign */
        {5, 1, 2, MONEY_OK, 3},
        {-5, 1, 2, MONEY_OK, -3},
        {5, -1, 2, MONEY_OK, -3},
        {5, 1, -2, MONEY_OK, -3},
        {-5, -1, 2, MONEY_OK, 3},
        {-5, 1, -2, MONEY_OK, 3},
        {-5, -1, -2, MONEY_OK, -3},
        {1, 1, 2, MONEY_OK, 1},
        {-1, 1, 2, MONEY_OK, -1},
        /* below and above the half */
        {7, 1, 3, MONEY_OK, 2},
        {8, 1, 3, MONEY_OK, 3},
        {-7, 1, 3, MONEY_OK, -2},
        {-8, 1, 3, MONEY_OK, -3},
        {1, 1, 3, MONEY_OK, 0},
        {-1, 1, 3, MONEY_OK, 0},
        {1, 0, 5, MONEY_OK, 0},
        {0, INT64_MIN, INT64_MIN, MONEY_OK, 0},
        {1000, 1, 2001, MONEY_OK, 0}, /* 0.49975 */
        {1000, 1, 1999, MONEY_OK, 1}, /* 0.50025 */
        {1001, 1, 2002, MONEY_OK, 1}, /* 0.5 exactly */
        {-1001, 1, 2002, MONEY_OK, -1},
        /* one third of a fee: 150.000.000 / 3 exactly, 100 / 3 rounds down */
        {150000000, 1, 3, MONEY_OK, 50000000},
        {100, 1, 3, MONEY_OK, 33},
        {200, 1, 3, MONEY_OK, 67},
        /* the product leaves int64, the result does not: exact via 128 bits */
        {INT64_MAX, INT64_MAX, INT64_MAX, MONEY_OK, INT64_MAX},
        {INT64_MIN, INT64_MIN, INT64_MIN, MONEY_OK, INT64_MIN},
        {INT64_MAX, 3, 3, MONEY_OK, INT64_MAX},
        {INT64_MIN, 3, 3, MONEY_OK, INT64_MIN},
        {INT64_MAX, 1000000, 1000000, MONEY_OK, INT64_MAX},
        {INT64_MAX, 2, 2, MONEY_OK, INT64_MAX},
        {INT64_MAX, 1, 2, MONEY_OK, 4611686018427387904LL}, /* .5 up */
        {INT64_MIN, 1, 2, MONEY_OK, -4611686018427387904LL},
        {INT64_MIN + 1, 1, 2, MONEY_OK, -4611686018427387904LL}, /* -.5 away */
        {INT64_MIN, 1, INT64_MIN, MONEY_OK, 1},
        {INT64_MIN, -1, INT64_MIN, MONEY_OK, -1},
        {1, 1, INT64_MIN, MONEY_OK, 0},
        {4611686018427387904LL, 1, INT64_MIN, MONEY_OK, -1}, /* -0.5 */
        {4611686018427387903LL, 1, INT64_MIN, MONEY_OK, 0},
        {INT64_MAX, INT64_MIN, INT64_MIN, MONEY_OK, INT64_MAX},
        {INT64_MIN, INT64_MAX, INT64_MAX, MONEY_OK, INT64_MIN},
        {INT64_MIN, INT64_MAX, INT64_MIN, MONEY_OK, INT64_MAX},
        /* overflow at both ends */
        {INT64_MIN, -1, 1, MONEY_OVERFLOW, 0},
        {INT64_MIN, 1, -1, MONEY_OVERFLOW, 0},
        {INT64_MIN, -1, -1, MONEY_OK, INT64_MIN},
        {INT64_MAX, 1, -1, MONEY_OK, -INT64_MAX},
        {INT64_MAX, 3, 2, MONEY_OVERFLOW, 0},
        {INT64_MIN, 3, 2, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MAX, 1, MONEY_OVERFLOW, 0},
        {INT64_MIN, INT64_MIN, 1, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MAX, -1, MONEY_OVERFLOW, 0},
        /* division by zero */
        {1, 1, 0, MONEY_DIV_ZERO, 0},
        {0, 0, 0, MONEY_DIV_ZERO, 0},
        {INT64_MIN, INT64_MIN, 0, MONEY_DIV_ZERO, 0},
    };
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        money_t out = UNTOUCHED;
        int rc = money_mul_div(c[i].a, c[i].num, c[i].den, &out);
        if (rc != c[i].code || (rc == MONEY_OK && out != c[i].want) ||
            (rc != MONEY_OK && out != UNTOUCHED))
            fail_msg("mul_div case %zu: %lld * %lld / %lld -> rc %d out %lld, want rc %d %lld", i,
                     (long long)c[i].a, (long long)c[i].num, (long long)c[i].den, rc,
                     (long long)out, c[i].code, (long long)c[i].want);
    }
    assert_int_equal(money_mul_div(1, 1, 1, NULL), MONEY_INVALID);
}

/* Rounding that carries across the int64 boundary: a quotient just above 2^63 - 1 that
 * rounds to 2^63 is out of range when positive, but is INT64_MIN when negative. */
static void test_mul_div_near_top(void **state)
{
    (void)state;
    money_t out = UNTOUCHED;
    /* (2^63 - 1) * (2^63 - 1) / (2^63 - 2) = 2^63 + 1/(2^63-2): rounds to 2^63, out of range */
    assert_int_equal(money_mul_div(INT64_MAX, INT64_MAX, INT64_MAX - 1, &out), MONEY_OVERFLOW);
    assert_int_equal(out, UNTOUCHED);
    /* the same, negative: -2^63 - tiny rounds to -2^63 = INT64_MIN, in range */
    assert_int_equal(money_mul_div(INT64_MAX, -INT64_MAX, INT64_MAX - 1, &out), MONEY_OK);
    assert_int_equal(out, INT64_MIN);
}

/* Fee in a band: base + rate of the part above the band's floor. */
static money_t band_fee(money_t base, money_t amount, money_t floor_, int64_t ppm)
{
    money_t part, rated, fee;
    assert_int_equal(money_sub(amount, floor_, &part), MONEY_OK);
    assert_int_equal(money_apply_ppm(part, ppm, &rated), MONEY_OK);
    assert_int_equal(money_add(base, rated, &fee), MONEY_OK);
    return fee;
}

/* The enforcement-fee bands (Circular 216/2016/TT-BTC) meet at their boundaries; this is
 * the check from THADS.md 4.1, done with this module's arithmetic. */
static void test_ppm_fee_bands(void **state)
{
    (void)state;
    const money_t bn = 1000000000;

    assert_int_equal(band_fee(0, 5 * bn, 0, 30000), 150000000);
    assert_int_equal(band_fee(150000000, 7 * bn, 5 * bn, 20000), 190000000);
    assert_int_equal(band_fee(190000000, 10 * bn, 7 * bn, 10000), 220000000);
    assert_int_equal(band_fee(220000000, 15 * bn, 10 * bn, 5000), 245000000);
    /* each band's start equals the previous band's end */
    assert_int_equal(band_fee(150000000, 5 * bn, 5 * bn, 20000), band_fee(0, 5 * bn, 0, 30000));
    assert_int_equal(band_fee(245000000, 15 * bn, 15 * bn, 100), 245000000);
    /* worked example: 6.200.000.000 received */
    assert_int_equal(band_fee(150000000, 6200000000LL, 5 * bn, 20000), 174000000);
    /* 0.01% above 15 bn */
    assert_int_equal(band_fee(245000000, 16 * bn, 15 * bn, 100), 245100000);
}

static void test_ppm(void **state)
{
    (void)state;
    static const struct muldiv_case c[] = {
        /* a, ppm, (unused), code, want */
        {5000000000LL, 30000, 0, MONEY_OK, 150000000},
        {2000000000LL, 20000, 0, MONEY_OK, 40000000},
        {3000000000LL, 10000, 0, MONEY_OK, 30000000},
        {5000000000LL, 5000, 0, MONEY_OK, 25000000},
        {1000000000LL, 100, 0, MONEY_OK, 100000},
        {1200000000LL, 20000, 0, MONEY_OK, 24000000},
        /* just above the no-fee threshold of 4.680.000: 3% = 140.400,03 */
        {4680001, 30000, 0, MONEY_OK, 140400},
        {4680017, 30000, 0, MONEY_OK, 140401}, /* 140.400,51 */
        /* exact halves away from zero */
        {50, 30000, 0, MONEY_OK, 2},   /* 1,5 */
        {-50, 30000, 0, MONEY_OK, -2}, /* -1,5 */
        {49, 30000, 0, MONEY_OK, 1},   /* 1,47 */
        {100, 5000, 0, MONEY_OK, 1},   /* 0,5 */
        {99, 5000, 0, MONEY_OK, 0},    /* 0,495 */
        {5000, 100, 0, MONEY_OK, 1},   /* 0,5 */
        {4999, 100, 0, MONEY_OK, 0},   /* 0,4999 */
        {-5000, 100, 0, MONEY_OK, -1},
        /* rate edges */
        {123456789, 0, 0, MONEY_OK, 0},
        {123456789, 1000000, 0, MONEY_OK, 123456789},
        {INT64_MAX, 1000000, 0, MONEY_OK, INT64_MAX},
        {INT64_MIN, 1000000, 0, MONEY_OK, INT64_MIN},
        {INT64_MAX, 500000, 0, MONEY_OK, 4611686018427387904LL},
        {INT64_MIN, 500000, 0, MONEY_OK, -4611686018427387904LL},
        {1000, 2500000, 0, MONEY_OK, 2500}, /* 250%, allowed */
        {INT64_MAX, 1000001, 0, MONEY_OVERFLOW, 0},
        {INT64_MIN, 1000001, 0, MONEY_OVERFLOW, 0},
        {INT64_MAX, INT64_MAX, 0, MONEY_OVERFLOW, 0},
        {1, INT64_MAX, 0, MONEY_OK, 9223372036855LL}, /* 9223372036854,775807 */
        {1000, -1, 0, MONEY_INVALID, 0},
        {1000, INT64_MIN, 0, MONEY_INVALID, 0},
    };
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        money_t out = UNTOUCHED;
        int rc = money_apply_ppm(c[i].a, c[i].num, &out);
        if (rc != c[i].code || (rc == MONEY_OK && out != c[i].want) ||
            (rc != MONEY_OK && out != UNTOUCHED))
            fail_msg("ppm case %zu: %lld * %lld ppm -> rc %d out %lld, want rc %d %lld", i,
                     (long long)c[i].a, (long long)c[i].num, rc, (long long)out, c[i].code,
                     (long long)c[i].want);
    }
    assert_int_equal(money_apply_ppm(1, 1, NULL), MONEY_INVALID);
}

/* ---- sum ------------------------------------------------------------------------- */

static void test_sum(void **state)
{
    (void)state;
    money_t out = UNTOUCHED;

    assert_int_equal(money_sum(NULL, 0, &out), MONEY_OK);
    assert_int_equal(out, 0);

    const money_t fees[] = {300000, 150000, 200000, -150000};
    assert_int_equal(money_sum(fees, N_ELEMS(fees), &out), MONEY_OK);
    assert_int_equal(out, 500000);

    const money_t top[] = {INT64_MAX, 0};
    assert_int_equal(money_sum(top, 2, &out), MONEY_OK);
    assert_int_equal(out, INT64_MAX);

    const money_t bottom[] = {INT64_MIN};
    assert_int_equal(money_sum(bottom, 1, &out), MONEY_OK);
    assert_int_equal(out, INT64_MIN);

    /* only the exact total must fit, not each running subtotal */
    const money_t detour[] = {INT64_MAX, 1, -1};
    assert_int_equal(money_sum(detour, 3, &out), MONEY_OK);
    assert_int_equal(out, INT64_MAX);
    const money_t detour_down[] = {INT64_MIN, -5, 5};
    assert_int_equal(money_sum(detour_down, 3, &out), MONEY_OK);
    assert_int_equal(out, INT64_MIN);
    const money_t extremes[] = {INT64_MAX, INT64_MAX, INT64_MIN, INT64_MIN, 1};
    assert_int_equal(money_sum(extremes, 5, &out), MONEY_OK);
    assert_int_equal(out, -1);

    out = UNTOUCHED;
    const money_t over[] = {INT64_MAX, 1};
    assert_int_equal(money_sum(over, 2, &out), MONEY_OVERFLOW);
    const money_t under[] = {INT64_MIN, -1};
    assert_int_equal(money_sum(under, 2, &out), MONEY_OVERFLOW);
    const money_t many_max[] = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
    assert_int_equal(money_sum(many_max, 4, &out), MONEY_OVERFLOW);
    const money_t many_min[] = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
    assert_int_equal(money_sum(many_min, 4, &out), MONEY_OVERFLOW);
    const money_t late[] = {INT64_MAX, -1, 1, 1};
    assert_int_equal(money_sum(late, 4, &out), MONEY_OVERFLOW);
    assert_int_equal(out, UNTOUCHED);

    assert_int_equal(money_sum(NULL, 1, &out), MONEY_INVALID);
    assert_int_equal(money_sum(fees, 1, NULL), MONEY_INVALID);
    assert_int_equal(out, UNTOUCHED);
}

/* Long random sums, about half of them overflowing, against an exact 128-bit total. */
static void test_sum_random(void **state)
{
    (void)state;
    enum { N = 1000 };
    money_t v[N];
    for (int round = 0; round < 200; round++) {
        money_t ref = 0;
        int ref_rc = MONEY_OK;
        for (int i = 0; i < N; i++) {
            /* magnitudes up to about 9e15 so that some rounds overflow */
            v[i] = (money_t)(rng_next() >> 1) / (round % 2 ? 1000 : 1);
            if (rng_next() & 1)
                v[i] = -v[i];
        }
        /* reference: exact sum in 128 bits, computed independently here */
        __extension__ __int128 acc = 0;
        for (int i = 0; i < N; i++)
            acc += v[i];
        if (acc > INT64_MAX || acc < INT64_MIN)
            ref_rc = MONEY_OVERFLOW;
        else
            ref = (money_t)acc;
        money_t out = UNTOUCHED;
        int rc = money_sum(v, N, &out);
        assert_int_equal(rc, ref_rc);
        if (rc == MONEY_OK)
            assert_int_equal(out, ref);
    }
}

/* ---- parse ----------------------------------------------------------------------- */

struct parse_case {
    const char *in;
    int code;
    money_t want;
};

/* NFD "đồng": o + U+0302 combining circumflex + U+0300 combining grave. */
#define DONG_NFD "\xC4\x91o\xCC\x82\xCC\x80ng"

static const struct parse_case parse_cases[] = {
    /* accepted forms */
    {"0", MONEY_OK, 0},
    {"-0", MONEY_OK, 0},
    {"1", MONEY_OK, 1},
    {"999", MONEY_OK, 999},
    {"1234567890", MONEY_OK, 1234567890},
    {"1.234.567.890", MONEY_OK, 1234567890},
    {"1.234.567.890 đ", MONEY_OK, 1234567890},
    {"1.234.567.890đ", MONEY_OK, 1234567890},
    {"1.234.567.890 VND", MONEY_OK, 1234567890},
    {"1.234.567.890VND", MONEY_OK, 1234567890},
    {"1.234.567.890 đồng", MONEY_OK, 1234567890},
    {"1.234.567.890đồng", MONEY_OK, 1234567890},
    {"-1.234.567.890", MONEY_OK, -1234567890},
    {"-1.234.567.890 đ", MONEY_OK, -1234567890},
    {"-5.000đ", MONEY_OK, -5000},
    {"1.000", MONEY_OK, 1000},
    {"12.345", MONEY_OK, 12345},
    {"123.456", MONEY_OK, 123456},
    {"300.000", MONEY_OK, 300000},
    {"1.000.000", MONEY_OK, 1000000},
    {"007", MONEY_OK, 7},
    {"-007", MONEY_OK, -7},
    {"00000000000000000000000000001", MONEY_OK, 1},
    {"  5.000", MONEY_OK, 5000},
    {"5.000  ", MONEY_OK, 5000},
    {"  -5.000 đ  ", MONEY_OK, -5000},
    {"5.000    đ", MONEY_OK, 5000},
    {"5000 VND ", MONEY_OK, 5000},
    /* units, case-insensitive and in other spellings */
    {"1 vnd", MONEY_OK, 1},
    {"1 Vnd", MONEY_OK, 1},
    {"1 VNĐ", MONEY_OK, 1},
    {"1 vnđ", MONEY_OK, 1},
    {"1 VNđ", MONEY_OK, 1},
    {"1 Đ", MONEY_OK, 1},
    {"1 Đồng", MONEY_OK, 1},
    {"1 ĐỒNG", MONEY_OK, 1},
    {"1 đỒng", MONEY_OK, 1},
    {"1 dong", MONEY_OK, 1},
    {"1 DONG", MONEY_OK, 1},
    {"1 " DONG_NFD, MONEY_OK, 1},
    {"1.000" DONG_NFD, MONEY_OK, 1000},
    {"1 \xC4\x91\xC3\xB4\xCC\x80ng", MONEY_OK, 1},  /* ô + combining grave */
    {"1 \xC4\x90O\xCC\x82\xCC\x80NG", MONEY_OK, 1}, /* NFD, upper case */
    {"1 \xC4\x90\xC3\x94\xCC\x80NG", MONEY_OK, 1},  /* Ô + combining grave */
    /* zero decimals are whole đồng */
    {"1.000,00", MONEY_OK, 1000},
    {"1.000,0", MONEY_OK, 1000},
    {"12,0", MONEY_OK, 12},
    {"-12,00", MONEY_OK, -12},
    {"1.000,00 đ", MONEY_OK, 1000},
    {"1.000,00đ", MONEY_OK, 1000},
    {"0,00", MONEY_OK, 0},
    /* the ends of int64 */
    {"9223372036854775807", MONEY_OK, INT64_MAX},
    {"9.223.372.036.854.775.807", MONEY_OK, INT64_MAX},
    {"9.223.372.036.854.775.807 đ", MONEY_OK, INT64_MAX},
    {"-9223372036854775807", MONEY_OK, -INT64_MAX},
    {"-9223372036854775808", MONEY_OK, INT64_MIN},
    {"-9.223.372.036.854.775.808 đ", MONEY_OK, INT64_MIN},
    {"0009223372036854775807", MONEY_OK, INT64_MAX},

    /* fractions of a đồng */
    {"12,5", MONEY_FRACTION, 0},
    {"1.000,50", MONEY_FRACTION, 0},
    {"1.000,5", MONEY_FRACTION, 0},
    {"0,01", MONEY_FRACTION, 0},
    {"12,05", MONEY_FRACTION, 0},
    {"-12,5 đ", MONEY_FRACTION, 0},
    {"1.000,50 VND", MONEY_FRACTION, 0},
    {"1.000,50đồng", MONEY_FRACTION, 0},
    {"1,000", MONEY_FRACTION, 0}, /* English "one thousand", not 1 đồng */
    {"12,000", MONEY_FRACTION, 0},
    {"1,000 đ", MONEY_FRACTION, 0},
    {"1,0000000", MONEY_FRACTION, 0},
    {"99999999999999999999,5", MONEY_FRACTION, 0}, /* fraction reported before overflow */

    /* out of range */
    {"9223372036854775808", MONEY_OVERFLOW, 0},
    {"9.223.372.036.854.775.808", MONEY_OVERFLOW, 0},
    {"9.223.372.036.854.775.808 đ", MONEY_OVERFLOW, 0},
    {"-9223372036854775809", MONEY_OVERFLOW, 0},
    {"-9.223.372.036.854.775.809", MONEY_OVERFLOW, 0},
    {"10000000000000000000", MONEY_OVERFLOW, 0},
    {"18446744073709551615", MONEY_OVERFLOW, 0}, /* UINT64_MAX */
    {"18446744073709551616", MONEY_OVERFLOW, 0}, /* 2^64: would wrap to 0 */
    {"18446744073709551617", MONEY_OVERFLOW, 0}, /* would wrap to 1 */
    {"-18446744073709551616", MONEY_OVERFLOW, 0},
    {"99999999999999999999999999999999999999999", MONEY_OVERFLOW, 0},
    {"999.999.999.999.999.999.999 đ", MONEY_OVERFLOW, 0},
    {"99999999999999999999,00", MONEY_OVERFLOW, 0},

    /* malformed */
    {"", MONEY_INVALID, 0},
    {" ", MONEY_INVALID, 0},
    {"   ", MONEY_INVALID, 0},
    {"-", MONEY_INVALID, 0},
    {"+1", MONEY_INVALID, 0},
    {"+", MONEY_INVALID, 0},
    {"--1", MONEY_INVALID, 0},
    {"-+1", MONEY_INVALID, 0},
    {"- 1", MONEY_INVALID, 0},
    {"1-", MONEY_INVALID, 0},
    {"1 -", MONEY_INVALID, 0},
    {"1 000", MONEY_INVALID, 0},
    {"1 000 000 đ", MONEY_INVALID, 0},
    {"12.34", MONEY_INVALID, 0},
    {"1.2345", MONEY_INVALID, 0},
    {"1.23", MONEY_INVALID, 0},
    {"1.2", MONEY_INVALID, 0},
    {"1234.567", MONEY_INVALID, 0},
    {"1.000.00", MONEY_INVALID, 0},
    {"1.000.0000", MONEY_INVALID, 0},
    {"0.500", MONEY_INVALID, 0},
    {"01.000", MONEY_INVALID, 0},
    {"0.000", MONEY_INVALID, 0},
    {"1.", MONEY_INVALID, 0},
    {"1.000.", MONEY_INVALID, 0},
    {"1..000", MONEY_INVALID, 0},
    {".5", MONEY_INVALID, 0},
    {".500", MONEY_INVALID, 0},
    {",5", MONEY_INVALID, 0},
    {"12,", MONEY_INVALID, 0},
    {"12, đ", MONEY_INVALID, 0},
    {"1,5,0", MONEY_INVALID, 0},
    {"1,000,000", MONEY_INVALID, 0},
    {"1,000.000", MONEY_INVALID, 0},
    {"1.000 ,00", MONEY_INVALID, 0},
    {"1.000,5x", MONEY_INVALID, 0},              /* invalid wins over fraction */
    {"99999999999999999999x", MONEY_INVALID, 0}, /* invalid wins over overflow */
    {"abc", MONEY_INVALID, 0},
    {"1a", MONEY_INVALID, 0},
    {"a1", MONEY_INVALID, 0},
    {"1e6", MONEY_INVALID, 0},
    {"0x10", MONEY_INVALID, 0},
    {"1 đ đ", MONEY_INVALID, 0},
    {"1 đđ", MONEY_INVALID, 0},
    {"1 VND đ", MONEY_INVALID, 0},
    {"đ 1", MONEY_INVALID, 0},
    {"đ1", MONEY_INVALID, 0},
    {"-đ", MONEY_INVALID, 0},
    {"đ", MONEY_INVALID, 0},
    {"VND", MONEY_INVALID, 0},
    {"1 d", MONEY_INVALID, 0},
    {"1 đồ", MONEY_INVALID, 0},
    {"1 đồngg", MONEY_INVALID, 0},
    {"1 USD", MONEY_INVALID, 0},
    {"1 vn", MONEY_INVALID, 0},
    {"1\t", MONEY_INVALID, 0},
    {"\t1", MONEY_INVALID, 0},
    {"1\n", MONEY_INVALID, 0},
    {"1\xC2\xA0\xC4\x91", MONEY_INVALID, 0}, /* NO-BREAK SPACE before đ */
    {"1 \xC4", MONEY_INVALID, 0},            /* truncated UTF-8 */
    {"1 \xC4\x90\x90", MONEY_INVALID, 0},    /* stray continuation byte */
    {"1 \xFF", MONEY_INVALID, 0},
    {"１", MONEY_INVALID, 0}, /* FULLWIDTH DIGIT ONE */
    {"1 đồng đồng đồng đồng", MONEY_INVALID, 0},
};

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        money_t out = UNTOUCHED;
        int rc = money_parse(c->in, &out);
        if (rc != c->code || (rc == MONEY_OK && out != c->want) ||
            (rc != MONEY_OK && out != UNTOUCHED))
            fail_msg("parse case %zu \"%s\": rc %d out %lld, want rc %d out %lld", i, c->in, rc,
                     (long long)out, c->code, (long long)c->want);
    }
}

static void test_parse_null(void **state)
{
    (void)state;
    money_t out = UNTOUCHED;
    assert_int_equal(money_parse(NULL, &out), MONEY_INVALID);
    assert_int_equal(out, UNTOUCHED);
    assert_int_equal(money_parse("1", NULL), MONEY_INVALID);
}

/* ---- format ---------------------------------------------------------------------- */

struct format_case {
    money_t v;
    const char *full, *plain;
};

static void test_format_table(void **state)
{
    (void)state;
    static const struct format_case c[] = {
        {0, "0 đ", "0"},
        {1, "1 đ", "1"},
        {-1, "-1 đ", "-1"},
        {999, "999 đ", "999"},
        {1000, "1.000 đ", "1.000"},
        {-5000, "-5.000 đ", "-5.000"},
        {100000, "100.000 đ", "100.000"},
        {300000, "300.000 đ", "300.000"},
        {1000000, "1.000.000 đ", "1.000.000"},
        {1234567890, "1.234.567.890 đ", "1.234.567.890"},
        {-1234567890, "-1.234.567.890 đ", "-1.234.567.890"},
        {INT64_MAX, "9.223.372.036.854.775.807 đ", "9.223.372.036.854.775.807"},
        {-INT64_MAX, "-9.223.372.036.854.775.807 đ", "-9.223.372.036.854.775.807"},
        {INT64_MIN, "-9.223.372.036.854.775.808 đ", "-9.223.372.036.854.775.808"},
    };
    char buf[MONEY_FORMAT_MAX];
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        size_t n = money_format(c[i].v, buf, sizeof buf);
        assert_string_equal(buf, c[i].full);
        assert_int_equal(n, strlen(c[i].full));
        n = money_format_plain(c[i].v, buf, sizeof buf);
        assert_string_equal(buf, c[i].plain);
        assert_int_equal(n, strlen(c[i].plain));
    }
}

/* Every size from 0 up: never writes past len, always terminates, returns the full
 * length, and the kept text is a prefix that ends on a UTF-8 boundary. */
static void check_truncation(size_t (*fn)(money_t, char *, size_t), money_t v)
{
    char full[MONEY_WORDS_MAX];
    size_t need = fn(v, full, sizeof full);
    assert_int_equal(need, strlen(full));
    assert_int_equal(fn(v, NULL, 0), need);

    for (size_t len = 1; len <= need + 2; len++) {
        char buf[MONEY_WORDS_MAX + 8];
        memset(buf, 'X', sizeof buf);
        assert_int_equal(fn(v, buf, len), need);
        size_t got = strlen(buf);
        assert_true(got < len);
        assert_memory_equal(buf, full, got);
        assert_int_equal(buf[len], 'X'); /* nothing written past len */
        if (len > need)
            assert_int_equal(got, need);
        else /* cut: the next byte of the full text starts a character */
            assert_true(((unsigned char)full[got] & 0xC0) != 0x80);
        /* and at most one character (max 4 bytes) was given up */
        assert_true(got + 4 >= len - 1 || len > need);
    }
}

static void test_format_truncation(void **state)
{
    (void)state;
    char buf[8];

    /* "1.234.567 đ" needs 12 bytes + NUL; with 12 the cut falls inside "đ" */
    memset(buf, 'X', sizeof buf);
    assert_int_equal(money_format(1234567, buf, 1), 12);
    assert_string_equal(buf, "");
    assert_int_equal(buf[1], 'X');

    char b12[12];
    assert_int_equal(money_format(1234567, b12, sizeof b12), 12);
    assert_string_equal(b12, "1.234.567 "); /* not "1.234.567 \xC4" */

    char b13[13];
    assert_int_equal(money_format(1234567, b13, sizeof b13), 12);
    assert_string_equal(b13, "1.234.567 đ");

    assert_int_equal(money_format_plain(-5000, buf, 4), 6);
    assert_string_equal(buf, "-5.");
    assert_int_equal(money_format_plain(INT64_MIN, NULL, 0), 26);
    assert_int_equal(money_format(INT64_MIN, NULL, 0), 29);

    const money_t vals[] = {0, -5000, 1234567, INT64_MIN, INT64_MAX};
    for (size_t i = 0; i < N_ELEMS(vals); i++) {
        check_truncation(money_format, vals[i]);
        check_truncation(money_format_plain, vals[i]);
        check_truncation(money_format_short, vals[i]);
        check_truncation(money_to_words_vi, vals[i]);
    }
    check_truncation(money_format_short, 4680000);
    check_truncation(money_format_short, 1230000000);
}

/* parse(format(x)) == x and parse(format_plain(x)) == x. */
static void roundtrip(money_t v)
{
    char buf[MONEY_FORMAT_MAX];
    money_t back = UNTOUCHED;

    size_t n = money_format(v, buf, sizeof buf);
    assert_true(n < sizeof buf);
    if (money_parse(buf, &back) != MONEY_OK || back != v)
        fail_msg("roundtrip of %lld via \"%s\" gave %lld", (long long)v, buf, (long long)back);
    n = money_format_plain(v, buf, sizeof buf);
    assert_true(n < sizeof buf);
    if (money_parse(buf, &back) != MONEY_OK || back != v)
        fail_msg("roundtrip of %lld via \"%s\" gave %lld", (long long)v, buf, (long long)back);
}

static void test_roundtrip(void **state)
{
    (void)state;
    roundtrip(0);
    roundtrip(INT64_MAX);
    roundtrip(INT64_MIN);
    roundtrip(INT64_MAX - 1);
    roundtrip(INT64_MIN + 1);
    /* every power of ten and its neighbours, both signs: where groups change */
    for (money_t p = 1; p <= INT64_MAX / 10; p *= 10) {
        for (money_t d = -1; d <= 1; d++) {
            roundtrip(p + d);
            roundtrip(-(p + d));
            roundtrip(p * 10 + d);
            roundtrip(-(p * 10 + d));
        }
    }
    for (money_t v = -2000; v <= 2000; v++)
        roundtrip(v);
    for (int i = 0; i < 200000; i++)
        roundtrip(rng_money());
    for (int i = 0; i < 20000; i++)
        roundtrip((money_t)rng_next()); /* uniform over all of int64 */
}

/* ---- short form ------------------------------------------------------------------ */

static void test_format_short(void **state)
{
    (void)state;
    static const struct {
        money_t v;
        const char *want;
    } c[] = {
        {0, "0 đ"},
        {999, "999 đ"},
        {1234, "1.234 đ"},
        {-5000, "-5.000 đ"},
        {300000, "300.000 đ"},
        {999999, "999.999 đ"},
        {-999999, "-999.999 đ"},
        {1000000, "1 triệu"},
        {1004999, "1 triệu"},
        {1005000, "1,01 triệu"},
        {1500000, "1,5 triệu"},
        {1050000, "1,05 triệu"},
        {2340000, "2,34 triệu"},
        {4680000, "4,68 triệu"},
        {4675000, "4,68 triệu"},
        {4674999, "4,67 triệu"},
        {350000000, "350 triệu"},
        {174000000, "174 triệu"},
        {999994999, "999,99 triệu"},
        {-4680000, "-4,68 triệu"},
        /* carries into the next unit instead of "1.000 triệu" */
        {999995000, "1 tỷ"},
        {999999999, "1 tỷ"},
        {-999995000, "-1 tỷ"},
        {1000000000, "1 tỷ"},
        {1004999999, "1 tỷ"},
        {1005000000, "1,01 tỷ"},
        {1234567890, "1,23 tỷ"},
        {1235000000, "1,24 tỷ"},
        {1500000000, "1,5 tỷ"},
        {1999999999, "2 tỷ"},
        {2000000000, "2 tỷ"},
        {-1500000000, "-1,5 tỷ"},
        {611000000000LL, "611 tỷ"},
        {1231000000000LL, "1.231 tỷ"},
        {2323000000000LL, "2.323 tỷ"},
        {495000000000000LL, "495.000 tỷ"},
        {INT64_MAX, "9.223.372.036,85 tỷ"},
        {INT64_MIN, "-9.223.372.036,85 tỷ"},
    };
    char buf[MONEY_FORMAT_MAX];
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        size_t n = money_format_short(c[i].v, buf, sizeof buf);
        if (strcmp(buf, c[i].want) != 0 || n != strlen(c[i].want))
            fail_msg("short case %zu: %lld -> \"%s\" (%zu), want \"%s\"", i, (long long)c[i].v, buf,
                     n, c[i].want);
    }
}

/* ---- words ----------------------------------------------------------------------- */

static void test_words(void **state)
{
    (void)state;
    static const struct {
        money_t v;
        const char *want;
    } c[] = {
        {0, "Không đồng"},
        {1, "Một đồng"},
        {2, "Hai đồng"},
        {3, "Ba đồng"},
        {4, "Bốn đồng"},
        {5, "Năm đồng"},
        {6, "Sáu đồng"},
        {7, "Bảy đồng"},
        {8, "Tám đồng"},
        {9, "Chín đồng"},
        {10, "Mười đồng"},
        {11, "Mười một đồng"},
        {14, "Mười bốn đồng"},
        {15, "Mười lăm đồng"},
        {20, "Hai mươi đồng"},
        {21, "Hai mươi mốt đồng"},
        {24, "Hai mươi tư đồng"},
        {25, "Hai mươi lăm đồng"},
        {99, "Chín mươi chín đồng"},
        {100, "Một trăm đồng"},
        {101, "Một trăm linh một đồng"},
        {104, "Một trăm linh bốn đồng"},
        {105, "Một trăm linh năm đồng"},
        {110, "Một trăm mười đồng"},
        {115, "Một trăm mười lăm đồng"},
        {121, "Một trăm hai mươi mốt đồng"},
        {1000, "Một nghìn đồng"},
        {1001, "Một nghìn không trăm linh một đồng"},
        {1010, "Một nghìn không trăm mười đồng"},
        {1015, "Một nghìn không trăm mười lăm đồng"},
        {1100, "Một nghìn một trăm đồng"},
        {10000, "Mười nghìn đồng"},
        {15000, "Mười lăm nghìn đồng"},
        {21000, "Hai mươi mốt nghìn đồng"},
        {200000, "Hai trăm nghìn đồng"},
        {300000, "Ba trăm nghìn đồng"},
        {1000000, "Một triệu đồng"},
        {1000001, "Một triệu không trăm linh một đồng"},
        {1001000, "Một triệu không trăm linh một nghìn đồng"},
        {1005000, "Một triệu không trăm linh năm nghìn đồng"},
        {1234567, "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng"},
        {2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"},
        {4680000, "Bốn triệu sáu trăm tám mươi nghìn đồng"},
        {150000000, "Một trăm năm mươi triệu đồng"},
        {174000000, "Một trăm bảy mươi bốn triệu đồng"}, /* tư only as the last digit */
        {34000, "Ba mươi bốn nghìn đồng"},
        {1034, "Một nghìn không trăm ba mươi tư đồng"},
        {14014, "Mười bốn nghìn không trăm mười bốn đồng"},
        {21021, "Hai mươi mốt nghìn không trăm hai mươi mốt đồng"},
        {25025000, "Hai mươi lăm triệu không trăm hai mươi lăm nghìn đồng"},
        {44000000044LL, "Bốn mươi bốn tỷ không trăm bốn mươi tư đồng"},
        {1000000000, "Một tỷ đồng"},
        {1000000005, "Một tỷ không trăm linh năm đồng"},
        {1001000000, "Một tỷ không trăm linh một triệu đồng"},
        {6200000000LL, "Sáu tỷ hai trăm triệu đồng"},
        {1500000000000LL, "Một nghìn năm trăm tỷ đồng"},
        {1000000000000000000LL, "Một tỷ tỷ đồng"},
        {2000000000000000000LL, "Hai tỷ tỷ đồng"},
        {1000000005000000000LL, "Một tỷ tỷ không trăm linh năm tỷ đồng"},
        {INT64_MAX, "Chín tỷ tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không "
                    "trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm "
                    "nghìn tám trăm linh bảy đồng"},
        {-1000, "Âm một nghìn đồng"},
        {-15, "Âm mười lăm đồng"},
        {INT64_MIN, "Âm chín tỷ tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không "
                    "trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm "
                    "nghìn tám trăm linh tám đồng"},
    };
    char buf[MONEY_WORDS_MAX];
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        size_t n = money_to_words_vi(c[i].v, buf, sizeof buf);
        if (strcmp(buf, c[i].want) != 0 || n != strlen(c[i].want))
            fail_msg("words case %zu: %lld -> \"%s\", want \"%s\"", i, (long long)c[i].v, buf,
                     c[i].want);
    }
}

static void test_words_truncation(void **state)
{
    (void)state;
    /* "Không đồng" is 14 bytes; "ồ" occupies bytes 9..11 */
    char b[16];
    assert_int_equal(money_to_words_vi(0, b, 11), 14);
    assert_string_equal(b, "Không đ");
    assert_int_equal(money_to_words_vi(0, b, 12), 14);
    assert_string_equal(b, "Không đ");
    assert_int_equal(money_to_words_vi(0, b, 13), 14);
    assert_string_equal(b, "Không đồ");
    assert_int_equal(money_to_words_vi(0, b, 3), 14);
    assert_string_equal(b, "Kh"); /* "ô" would not fit */
    assert_int_equal(money_to_words_vi(0, b, 4), 14);
    assert_string_equal(b, "Kh"); /* "ô" is two bytes */
    assert_int_equal(money_to_words_vi(0, b, 5), 14);
    assert_string_equal(b, "Khô");
    /* "Âm" starts with a two-byte letter */
    assert_int_equal(money_to_words_vi(-1, b, 2), strlen("Âm một đồng"));
    assert_string_equal(b, "");
}

/* The advertised buffer sizes hold every value: the longest words come from groups like
 * 077 ("không trăm bảy mươi bảy"), checked here with a sweep and hand-picked values. */
static void test_max_lengths(void **state)
{
    (void)state;
    const money_t worst[] = {
        INT64_MIN,
        -9077077077077077077LL,
        -7777777777777777777LL,
        -9177177177177177177LL,
        -8077077077077077077LL,
        INT64_MAX,
    };
    size_t longest = 0;
    for (size_t i = 0; i < N_ELEMS(worst); i++) {
        size_t n = money_to_words_vi(worst[i], NULL, 0);
        if (n > longest)
            longest = n;
    }
    for (int i = 0; i < 100000; i++) {
        money_t v = rng_money();
        assert_true(money_format(v, NULL, 0) < MONEY_FORMAT_MAX);
        assert_true(money_format_plain(v, NULL, 0) < MONEY_FORMAT_MAX);
        assert_true(money_format_short(v, NULL, 0) < MONEY_FORMAT_MAX);
        size_t n = money_to_words_vi(v, NULL, 0);
        if (n > longest)
            longest = n;
    }
    assert_true(longest < MONEY_WORDS_MAX);
    assert_true(money_format(INT64_MIN, NULL, 0) < MONEY_FORMAT_MAX);
    assert_true(money_format_short(INT64_MIN, NULL, 0) < MONEY_FORMAT_MAX);
}

/* ---- rate ------------------------------------------------------------------------ */

static void test_rate(void **state)
{
    (void)state;
    static const struct {
        money_t num, den;
        int64_t want;
    } c[] = {
        {16164, 18840, 8580}, /* 85,796% of cases completed -> 85.80% */
        {611, 1231, 4963},    /* 49,634% of money */
        {611000000000LL, 1231000000000LL, 4963},
        {0, 5, 0},
        {5, 0, 0},
        {0, 0, 0},
        {INT64_MIN, 0, 0},
        {1, 1, 10000},
        {1, 2, 5000},
        {1, 3, 3333},
        {2, 3, 6667},
        {-1, 3, -3333},
        {-2, 3, -6667},
        {2, -3, -6667},
        {-2, -3, 6667},
        {1, 20000, 1}, /* 0.5 bp, half up */
        {-1, 20000, -1},
        {1, 20001, 0},
        {3, 2, 15000},
        {INT64_MIN, INT64_MIN, 10000},
        {INT64_MAX, INT64_MIN, -10000},
        {INT64_MAX, INT64_MAX, 10000},
        {INT64_MAX, 1, INT64_MAX}, /* clamped */
        {INT64_MIN, 1, INT64_MIN}, /* clamped */
        {INT64_MIN, -1, INT64_MAX},
        {922337203685477LL, 1, 9223372036854770000LL}, /* largest that fits */
    };
    for (size_t i = 0; i < N_ELEMS(c); i++) {
        int64_t got = money_rate_bp(c[i].num, c[i].den);
        if (got != c[i].want)
            fail_msg("rate case %zu: %lld/%lld -> %lld, want %lld", i, (long long)c[i].num,
                     (long long)c[i].den, (long long)got, (long long)c[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_sub),
        cmocka_unit_test(test_mul),
        cmocka_unit_test(test_mul_div),
        cmocka_unit_test(test_mul_div_near_top),
        cmocka_unit_test(test_ppm_fee_bands),
        cmocka_unit_test(test_ppm),
        cmocka_unit_test(test_sum),
        cmocka_unit_test(test_sum_random),
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_null),
        cmocka_unit_test(test_format_table),
        cmocka_unit_test(test_format_truncation),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_format_short),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_words_truncation),
        cmocka_unit_test(test_max_lengths),
        cmocka_unit_test(test_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
