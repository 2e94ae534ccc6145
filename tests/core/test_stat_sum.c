/*
 * tests/core/test_stat_sum.c — core/stat_sum.c against a slow reference: random deltas
 * summed in a plain array searched linearly, then both compared key by key, in the order
 * stat_sum_each promises (unit, day, category, flags, bucket).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testrng.h"

#include "core/stat_sum.h"

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t rng_next(void)
{
    return testrng_next(&rng_state);
}

static const char *const categories[] = {"credit", "civil", "corruption", "administrative"};
static const char *const buckets[] = {"pending", "d1_completed", "money_paid", "money_collected",
                                      "d3_suspended"};

typedef struct {
    int64_t unit;
    civil_date_t day;
    const char *category, *bucket;
    int flags;
    int64_t cases, amount;
} ref_t;

#define REF_MAX 16384
static ref_t ref[REF_MAX];
static size_t nref;

static void ref_add(int64_t unit, civil_date_t day, const char *c, int f, const char *b,
                    int64_t cases, int64_t amount)
{
    size_t i = 0;

    while (i < nref &&
           !(ref[i].unit == unit && ref[i].day == day && strcmp(ref[i].category, c) == 0 &&
             ref[i].flags == f && strcmp(ref[i].bucket, b) == 0))
        i++;
    if (i == nref) {
        assert_true(nref < REF_MAX);
        ref[nref++] = (ref_t){unit, day, c, b, f, 0, 0};
    }
    ref[i].cases += cases;
    ref[i].amount += amount;
}

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_t *a = pa, *b = pb;
    int c;

    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if ((c = strcmp(a->category, b->category)) != 0)
        return c;
    if (a->flags != b->flags)
        return a->flags < b->flags ? -1 : 1;
    return strcmp(a->bucket, b->bucket);
}

typedef struct {
    size_t seen;
} walk_t;

static int check_next(int64_t unit, civil_date_t day, const char *c, int f, const char *b,
                      int64_t cases, int64_t amount, void *arg)
{
    walk_t *w = arg;
    const ref_t *r;

    assert_true(w->seen < nref);
    r = &ref[w->seen++];
    assert_int_equal(unit, r->unit);
    assert_int_equal(day, r->day);
    assert_string_equal(c, r->category);
    assert_int_equal(f, r->flags);
    assert_string_equal(b, r->bucket);
    assert_int_equal(cases, r->cases);
    assert_int_equal(amount, r->amount);
    return 0;
}

/* 20,000 deltas over a few thousand keys (so the table grows several times), compared
 * with the reference in key order. */
static void test_matches_reference(void **state)
{
    stat_sum_t *s = stat_sum_new();
    walk_t w = {0};

    (void)state;
    assert_non_null(s);
    nref = 0;
    for (int i = 0; i < 20000; i++) {
        int64_t unit = 1 + (int64_t)(rng_next() % 7);
        civil_date_t day = 20000 + (civil_date_t)(rng_next() % 90);
        const char *c = categories[rng_next() % 4], *b = buckets[rng_next() % 5];
        int f = (int)(rng_next() % 2) * 5; /* the special categories' bitmask */
        int64_t cases = (int64_t)(rng_next() % 3) - 1;
        int64_t amount = (int64_t)(rng_next() % 5000000000ull) - 2000000000;
        assert_int_equal(stat_sum_add(s, unit, day, c, f, b, cases, amount), 0);
        ref_add(unit, day, c, f, b, cases, amount);
    }
    assert_int_equal(stat_sum_count(s), nref);
    qsort(ref, nref, sizeof ref[0], ref_cmp);
    assert_int_equal(stat_sum_each(s, check_next, &w), 0);
    assert_int_equal(w.seen, nref);

    stat_sum_clear(s);
    assert_int_equal(stat_sum_count(s), 0);
    nref = 0;
    w.seen = 0;
    assert_int_equal(stat_sum_each(s, check_next, &w), 0);
    assert_int_equal(w.seen, 0);
    stat_sum_free(s);
}

static int stop_at_second(int64_t unit, civil_date_t day, const char *c, int f, const char *b,
                          int64_t cases, int64_t amount, void *arg)
{
    int *calls = arg;

    (void)unit, (void)day, (void)c, (void)f, (void)b, (void)cases, (void)amount;
    return ++*calls == 2 ? 7 : 0;
}

/* A sum that would overflow is refused (the caller writes that delta on its own) and
 * leaves the sum as it was; the walk stops with the callback's answer. */
static void test_overflow_refused_and_stop(void **state)
{
    stat_sum_t *s = stat_sum_new();
    walk_t w = {0};
    int calls = 0;

    (void)state;
    nref = 0;
    assert_int_equal(stat_sum_add(s, 1, 100, "civil", 0, "pending", 1, INT64_MAX - 5), 0);
    assert_int_equal(stat_sum_add(s, 1, 100, "civil", 0, "pending", 1, 6), 1);
    assert_int_equal(stat_sum_add(s, 2, 100, "civil", 0, "pending", 0, INT64_MIN), 0);
    assert_int_equal(stat_sum_add(s, 2, 100, "civil", 0, "pending", 0, -1), 1);
    /* the count of cases is checked as the amount is */
    assert_int_equal(stat_sum_add(s, 3, 100, "civil", 0, "pending", INT64_MAX, 0), 0);
    assert_int_equal(stat_sum_add(s, 3, 100, "civil", 0, "pending", 1, 0), 1);
    assert_int_equal(stat_sum_count(s), 3);
    ref_add(1, 100, "civil", 0, "pending", 1, INT64_MAX - 5);
    ref_add(2, 100, "civil", 0, "pending", 0, INT64_MIN);
    ref_add(3, 100, "civil", 0, "pending", INT64_MAX, 0);
    assert_int_equal(stat_sum_each(s, check_next, &w), 0);
    assert_int_equal(stat_sum_each(s, stop_at_second, &calls), 7);
    assert_int_equal(calls, 2);
    stat_sum_free(s);
}

/* Categories and buckets are a handful of codes; past STAT_SUM_MAX_NAMES distinct ones a
 * delta is refused (written on its own by the caller), not lost or misfiled. */
static void test_too_many_names_refused(void **state)
{
    stat_sum_t *s = stat_sum_new();
    char name[16];
    int added = 0, refused = 0;

    (void)state;
    for (int i = 0; i < STAT_SUM_MAX_NAMES + 10; i++) {
        snprintf(name, sizeof name, "c%03d", i);
        int rc = stat_sum_add(s, 1, 100, name, 0, "pending", 1, 1);
        assert_true(rc == 0 || rc == 1);
        added += rc == 0;
        refused += rc == 1;
    }
    /* "pending" takes one of the names */
    assert_int_equal(added, STAT_SUM_MAX_NAMES - 1);
    assert_int_equal(refused, 11);
    assert_int_equal(stat_sum_count(s), STAT_SUM_MAX_NAMES - 1);
    /* known names still add */
    assert_int_equal(stat_sum_add(s, 1, 100, "c000", 0, "pending", 1, 1), 0);
    assert_int_equal(stat_sum_count(s), STAT_SUM_MAX_NAMES - 1);
    stat_sum_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_reference),
        cmocka_unit_test(test_overflow_refused_and_stop),
        cmocka_unit_test(test_too_many_names_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
