/*
 * tests/core/test_fee.c — the enforcement fee (core/fee.c) on the built-in rule table.
 *
 * Table-driven: each row is an amount received on a day, the terms, and the fee
 * Circular 216/2016/TT-BTC gives (THADS.md 4.1), worked by hand in the row's comment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/fee.h"
#include "embed.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define UNTOUCHED  ((money_t)0x5A5A5A5A5A5A5A5ALL)

static rules_t *builtin;

static int setup(void **state)
{
    (void)state;
    char err[256];
    const embedded_file_t *f = embed_find(embedded_data, "rules.csv");
    if (f == NULL || rules_parse((const char *)f->data, &builtin, err, sizeof err) != 0) {
        print_error("built-in rules.csv: %s\n", f ? err : "missing");
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rules_free(builtin);
    return 0;
}

static civil_date_t ymd(int y, int m, int d)
{
    return civil_date_from_ymd(y, m, d);
}

#define JAN26 2026, 1, 1 /* base salary 2,340,000: no fee up to 4,680,000 */
#define PLAIN                                                                                      \
    {                                                                                              \
        0                                                                                          \
    }
#define THIRD                                                                                      \
    {                                                                                              \
        .one_third = true                                                                          \
    }
#define POOR(ppm)                                                                                  \
    {                                                                                              \
        .reduction = FEE_REDUCE_POOR, .poor_ppm = (ppm)                                            \
    }

struct fee_case {
    const char *what;
    int y, m, d;
    money_t received;
    fee_terms_t terms;
    money_t fee;
    size_t band;
};

static const struct fee_case cases[] = {
    {"nothing received", JAN26, 0, PLAIN, 0, 0},
    {"at twice the base salary: no fee", JAN26, 4680000, PLAIN, 0, 0},
    {"one đồng above: 3% of the whole amount (140,400.03)", JAN26, 4680001, PLAIN, 140400, 1},
    {"3% of 100 m", JAN26, 100000000, PLAIN, 3000000, 1},
    {"half a đồng rounds up: 3% of 4,680,050 = 140,401.5", JAN26, 4680050, PLAIN, 140402, 1},
    {"just under half: 3% of 4,680,049 = 140,401.47", JAN26, 4680049, PLAIN, 140401, 1},
    {"top of band 1: 3% of 5 bn", JAN26, 5000000000, PLAIN, 150000000, 1},
    {"band 2 starts continuous: 150 m + 2% of 1", JAN26, 5000000001, PLAIN, 150000000, 2},
    {"band 2, half up: 150 m + 2% of 25 = 0.5", JAN26, 5000000025, PLAIN, 150000001, 2},
    {"the worked example: 6.2 bn -> 150 m + 2% of 1.2 bn", JAN26, 6200000000, PLAIN, 174000000, 2},
    {"top of band 2: 150 m + 2% of 2 bn", JAN26, 7000000000, PLAIN, 190000000, 2},
    {"band 3 starts at 190 m", JAN26, 7000000100, PLAIN, 190000001, 3},
    {"top of band 3: 190 m + 1% of 3 bn", JAN26, 10000000000, PLAIN, 220000000, 3},
    {"band 4: 220 m + 0.5% of 1 bn", JAN26, 11000000000, PLAIN, 225000000, 4},
    {"top of band 4: 220 m + 0.5% of 5 bn", JAN26, 15000000000, PLAIN, 245000000, 4},
    {"band 5: 245 m + 0.01% of 1 bn", JAN26, 16000000000, PLAIN, 245100000, 5},
    {"the largest amount: 245 m + 0.01% of (10^15 - 15 bn)", JAN26, MONEY_AMOUNT_MAX, PLAIN,
     245000000 + 99998500000, 5},
    /* The base salary went from 1,800,000 to 2,340,000 on 1 July 2024. */
    {"30 Jun 2024: threshold 3,600,000, at it", 2024, 6, 30, 3600000, PLAIN, 0, 0},
    {"30 Jun 2024: one đồng above pays 108,000", 2024, 6, 30, 3600001, PLAIN, 108000, 1},
    {"1 Jul 2024: the same amount is now free", 2024, 7, 1, 3600001, PLAIN, 0, 0},
    {"1 Jul 2024: at the new threshold", 2024, 7, 1, 4680000, PLAIN, 0, 0},
    {"1 Jul 2024: above the new threshold", 2024, 7, 1, 4680001, PLAIN, 140400, 1},
    {"1 Jul 2023: the first day of 1,800,000", 2023, 7, 1, 3600001, PLAIN, 108000, 1},
    {"30 Jun 2023: threshold 2,980,000, the same amount pays", 2023, 6, 30, 2980001, PLAIN, 89400,
     1},
    {"1 Jul 2023: 2,980,001 is now free", 2023, 7, 1, 2980001, PLAIN, 0, 0},
    {"the circular's first day: base salary 1,210,000", 2017, 1, 1, 2420000, PLAIN, 0, 0},
    {"the circular's first day, above 2,420,000", 2017, 1, 1, 2420001, PLAIN, 72600, 1},
    /* One third when the parties settled directly. */
    {"one third of 174 m", JAN26, 6200000000, THIRD, 58000000, 2},
    {"one third of 3 m", JAN26, 100000000, THIRD, 1000000, 1},
    {"one third of 140,400.3 = 46,800.1", JAN26, 4680010, THIRD, 46800, 1},
    {"one third of 140,401.5 = 46,800.5, rounded once, up", JAN26, 4680050, THIRD, 46801, 1},
    {"one third, under the threshold: nothing", JAN26, 4000000, THIRD, 0, 0},
    /* Exemption and reductions. */
    {"exempt", JAN26, 6200000000, {.exempt = true}, 0, 2},
    {"exempt, with a reduction asked too: still nothing",
     JAN26,
     6200000000,
     {.exempt = true, .reduction = FEE_REDUCE_POOR, .poor_ppm = 2000000},
     0,
     2},
    {"poor household, 80% off 174 m", JAN26, 6200000000, POOR(800000), 34800000, 2},
    {"poor household, 50% off 3 m", JAN26, 100000000, POOR(500000), 1500000, 1},
    {"poor household, 0%", JAN26, 100000000, POOR(0), 3000000, 1},
    {"asset located, sold without coercion: 30% off 174 m",
     JAN26,
     6200000000,
     {.reduction = FEE_REDUCE_FOUND},
     121800000,
     2},
    {"asset located, coercion needed: 20% off 174 m",
     JAN26,
     6200000000,
     {.reduction = FEE_REDUCE_FOUND_COERCION},
     139200000,
     2},
    {"one third and 30% off: 174 m / 3 * 0.7",
     JAN26,
     6200000000,
     {.one_third = true, .reduction = FEE_REDUCE_FOUND},
     40600000,
     2},
    {"80% off 140,400.03 = 28,080.006, rounded once", JAN26, 4680001, POOR(800000), 28080, 1},
};

static void test_fee_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const struct fee_case *c = &cases[i];
        fee_result_t r;
        int rc = fee_compute(builtin, ymd(c->y, c->m, c->d), c->received, &c->terms, &r);
        if (rc != FEE_OK)
            fail_msg("case %zu (%s): code %d", i, c->what, rc);
        if (r.fee != c->fee || r.band != c->band)
            fail_msg("case %zu (%s): fee %lld in band %zu, want %lld in band %zu", i, c->what,
                     (long long)r.fee, r.band, (long long)c->fee, c->band);
    }
}

/* At each band's lower bound the two formulas meet: the fee never jumps (THADS.md 4.1
 * [D]: 150 m, 190 m, 220 m, 245 m), and it never falls as the amount grows. */
static void test_bands_continuous(void **state)
{
    (void)state;
    fee_schedule_t s;
    assert_int_equal(fee_schedule_at(builtin, ymd(JAN26), &s), FEE_OK);
    assert_int_equal(s.nbands, 5);
    static const money_t bases[] = {0, 150000000, 190000000, 220000000, 245000000};
    for (size_t b = 1; b < s.nbands; b++) {
        const fee_band_t *prev = &s.bands[b - 1], *band = &s.bands[b];
        assert_int_equal(band->base, bases[b]);
        assert_int_equal(prev->up_to, band->above);
        /* The previous band's formula at this band's lower bound is this band's base. */
        money_t end;
        assert_int_equal(money_apply_ppm(band->above - prev->rate_over, prev->rate_ppm, &end),
                         MONEY_OK);
        assert_int_equal(prev->base + end, band->base);
        fee_result_t at, above;
        assert_int_equal(fee_compute_with(&s, band->above, NULL, &at), FEE_OK);
        assert_int_equal(fee_compute_with(&s, band->above + 1, NULL, &above), FEE_OK);
        assert_int_equal(at.fee, band->base);
        assert_int_equal(at.band, b);
        assert_int_equal(above.band, b + 1);
        assert_true(above.fee - at.fee <= 1);
    }
    assert_int_equal(s.bands[s.nbands - 1].up_to, -1);
    money_t last = 0;
    for (money_t x = 0; x <= 20000000000; x += 7777777) {
        fee_result_t r;
        assert_int_equal(fee_compute_with(&s, x, NULL, &r), FEE_OK);
        assert_true(r.fee >= last);
        last = r.fee;
    }
}

/* The schedule names the rows it came from, so the CLI and a receipt can cite them. */
static void test_schedule_sources(void **state)
{
    (void)state;
    fee_schedule_t s;
    assert_int_equal(fee_schedule_at(builtin, ymd(JAN26), &s), FEE_OK);
    assert_int_equal(s.base_salary, 2340000);
    assert_int_equal(s.free_multiple_ppm, 2000000);
    assert_int_equal(s.threshold, 4680000);
    assert_string_equal(s.base_salary_rule->rule_id, "BASE_SALARY");
    assert_non_null(strstr(s.bands[0].rate_rule->legal_ref, "216/2016"));
    assert_null(s.bands[0].from_rule);
    assert_string_equal(s.bands[4].rate_rule->rule_id, "FEE_BAND5_RATE");
    assert_string_equal(s.bands[4].rate_rule->tag, "M"); /* the 0.01% is unconfirmed */
    assert_int_equal(s.poor_max_ppm, 800000);
    assert_int_equal(s.found_ppm, 300000);
    assert_int_equal(s.found_coercion_ppm, 200000);
    assert_int_equal(s.on, ymd(JAN26));
}

struct refusal {
    const char *what;
    int y, m, d;
    money_t received;
    fee_terms_t terms;
    int code;
    message_id_t msg;
};

static const struct refusal refusals[] = {
    {"a negative amount", JAN26, -1, PLAIN, FEE_AMOUNT_NEGATIVE, MSG_AMOUNT_NEGATIVE},
    {"above the bound", JAN26, MONEY_AMOUNT_MAX + 1, PLAIN, FEE_TOO_LARGE, MSG_AMOUNT_OVER_MAX},
    {"poor household above 80%", JAN26, 100000000, POOR(800001), FEE_BAD_REDUCTION,
     MSG_FEE_REDUCTION},
    {"poor household, negative", JAN26, 100000000, POOR(-1), FEE_BAD_REDUCTION, MSG_FEE_REDUCTION},
    {"a wrong reduction is refused under the threshold too", JAN26, 1000, POOR(900000),
     FEE_BAD_REDUCTION, MSG_FEE_REDUCTION},
    {"an unknown reduction",
     JAN26,
     100000000,
     {.reduction = (fee_reduction_t)9},
     FEE_BAD_REDUCTION,
     MSG_FEE_REDUCTION},
    {"before the fee circular", 2016, 12, 31, 100000000, PLAIN, FEE_NO_SCHEDULE,
     MSG_FEE_NO_SCHEDULE},
};

static void test_refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(refusals); i++) {
        const struct refusal *c = &refusals[i];
        fee_result_t r = {.fee = UNTOUCHED};
        int rc = fee_compute(builtin, ymd(c->y, c->m, c->d), c->received, &c->terms, &r);
        if (rc != c->code)
            fail_msg("case %zu (%s): code %d, want %d", i, c->what, rc, c->code);
        assert_int_equal(r.fee, UNTOUCHED);
        assert_int_equal(fee_message(rc), c->msg);
    }
    fee_result_t r;
    fee_schedule_t s;
    assert_int_equal(fee_compute(NULL, ymd(JAN26), 1, NULL, &r), FEE_INVALID);
    assert_int_equal(fee_compute(builtin, CIVIL_DATE_INVALID, 1, NULL, &r), FEE_INVALID);
    assert_int_equal(fee_compute(builtin, ymd(JAN26), 1, NULL, NULL), FEE_INVALID);
    assert_int_equal(fee_schedule_at(builtin, ymd(JAN26), NULL), FEE_INVALID);
    assert_string_equal(message_get(fee_message(FEE_BAD_SCHEDULE))->code, "internal");
    assert_int_equal(fee_schedule_at(builtin, ymd(2016, 12, 31), &s), FEE_NO_SCHEDULE);
}

#define HEADER                     "rule_id,effective_from,effective_to,value,unit,legal_ref,tag,name_vi,name_en\n"
#define ROW(id, from, to, v, unit) id "," from "," to "," v "," unit ",src,W,vi,en\n"
#define BASIC                                                                                      \
    HEADER ROW("BASE_SALARY", "2020-01-01", "", "1000000", "VND")                                  \
        ROW("FEE_FREE_BASE_SALARIES", "2020-01-01", "", "2000000", "PPM")                          \
            ROW("FEE_BAND1_RATE", "2020-01-01", "", "30000", "PPM")

static int schedule_of(const char *csv, civil_date_t on, fee_schedule_t *s)
{
    rules_t *r;
    char err[256];
    if (rules_parse(csv, &r, err, sizeof err) != 0)
        fail_msg("rules_parse: %s", err);
    int rc = fee_schedule_at(r, on, s);
    rules_free(r);
    return rc;
}

/* A change of law is rows in the table: a new band or rate applies from its first day,
 * and a table whose rows contradict each other is refused, not half used. */
static void test_schedule_from_table(void **state)
{
    (void)state;
    fee_schedule_t s;
    civil_date_t on = ymd(2030, 1, 1);
    /* Only the first band: every amount above the threshold pays its rate. */
    assert_int_equal(schedule_of(BASIC, on, &s), FEE_OK);
    assert_int_equal(s.nbands, 1);
    assert_int_equal(s.threshold, 2000000);
    /* A band added from 2030 changes amounts received from that day only. */
    const char *csv = BASIC ROW("FEE_BAND2_FROM", "2030-01-01", "", "10000000", "VND")
        ROW("FEE_BAND2_BASE", "2030-01-01", "", "300000", "VND")
            ROW("FEE_BAND2_RATE", "2030-01-01", "", "0", "PPM");
    assert_int_equal(schedule_of(csv, ymd(2029, 12, 31), &s), FEE_OK);
    assert_int_equal(s.nbands, 1);
    assert_int_equal(schedule_of(csv, on, &s), FEE_OK);
    assert_int_equal(s.nbands, 2);
    fee_result_t r;
    assert_int_equal(fee_compute_with(&s, 50000000, NULL, &r), FEE_OK);
    assert_int_equal(r.fee, 300000); /* a flat fee above 10 m */
    /* No reduction rows: a reduction cannot be applied. */
    fee_terms_t found = {.reduction = FEE_REDUCE_FOUND};
    assert_int_equal(fee_compute_with(&s, 50000000, &found, &r), FEE_BAD_REDUCTION);

    static const struct {
        const char *what, *csv;
        int code;
    } bad[] = {
        {"a band without its rate",
         BASIC ROW("FEE_BAND2_FROM", "2020-01-01", "", "10000000", "VND")
             ROW("FEE_BAND2_BASE", "2020-01-01", "", "300000", "VND"),
         FEE_BAD_SCHEDULE},
        {"a band below the threshold",
         BASIC ROW("FEE_BAND2_FROM", "2020-01-01", "", "2000000", "VND")
             ROW("FEE_BAND2_BASE", "2020-01-01", "", "1", "VND")
                 ROW("FEE_BAND2_RATE", "2020-01-01", "", "1", "PPM"),
         FEE_BAD_SCHEDULE},
        {"a rate above 100%",
         HEADER ROW("BASE_SALARY", "2020-01-01", "", "1000000", "VND")
             ROW("FEE_FREE_BASE_SALARIES", "2020-01-01", "", "2000000", "PPM")
                 ROW("FEE_BAND1_RATE", "2020-01-01", "", "1000001", "PPM"),
         FEE_BAD_SCHEDULE},
        {"a rate given in đồng",
         HEADER ROW("BASE_SALARY", "2020-01-01", "", "1000000", "VND")
             ROW("FEE_FREE_BASE_SALARIES", "2020-01-01", "", "2000000", "PPM")
                 ROW("FEE_BAND1_RATE", "2020-01-01", "", "30000", "VND"),
         FEE_BAD_SCHEDULE},
        {"a reduction above 100%",
         BASIC ROW("FEE_REDUCTION_FOUND", "2020-01-01", "", "1000001", "PPM"), FEE_BAD_SCHEDULE},
        {"no base salary",
         HEADER ROW("FEE_FREE_BASE_SALARIES", "2020-01-01", "", "2000000", "PPM")
             ROW("FEE_BAND1_RATE", "2020-01-01", "", "30000", "PPM"),
         FEE_NO_SCHEDULE},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        fee_schedule_t keep = {.nbands = 99};
        int rc = schedule_of(bad[i].csv, on, &keep);
        if (rc != bad[i].code)
            fail_msg("bad %zu (%s): code %d, want %d", i, bad[i].what, rc, bad[i].code);
        assert_int_equal(keep.nbands, 99);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fee_table),           cmocka_unit_test(test_bands_continuous),
        cmocka_unit_test(test_schedule_sources),    cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_schedule_from_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
