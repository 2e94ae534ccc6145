/*
 * tests/core/test_ledger_sums.c — core/ledger_sums.c against a slow reference: random
 * changes to a few hundred accounts summed by both; every account's sum agrees, each
 * account is reported first once, a sum past int64 is refused and left as it was.
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

#include "core/ledger_sums.h"

#define NACCOUNTS 800 /* units, kinds and payees: past several growths of the table */
#define NCHANGES  200000

typedef struct {
    int64_t unit_id, payee, sum;
    ledger_kind_t kind;
    int seen; /* by ledger_sums_each */
} ref_t;

static ref_t ref[NACCOUNTS];
static size_t nref;

/* The reference: a linear search. */
static ref_t *ref_find(int64_t unit_id, ledger_kind_t kind, int64_t payee)
{
    for (size_t i = 0; i < nref; i++)
        if (ref[i].unit_id == unit_id && ref[i].kind == kind && ref[i].payee == payee)
            return &ref[i];
    return NULL;
}

static int check_each(int64_t unit_id, ledger_kind_t kind, int64_t payee, int64_t sum, void *arg)
{
    size_t *order = arg;
    ref_t *r = ref_find(unit_id, kind, payee);

    assert_non_null(r);
    assert_int_equal(sum, r->sum);
    assert_int_equal(r->seen, 0);
    /* first-added order: the reference adds in the same order */
    assert_ptr_equal(r, &ref[*order]);
    r->seen = 1;
    ++*order;
    return 0;
}

static void test_sums_match_reference(void **state)
{
    uint64_t rng = 0x5DEECE66DULL;
    ledger_sums_t *s = ledger_sums_new();
    size_t order = 0;

    (void)state;
    assert_non_null(s);
    nref = 0;
    for (int i = 0; i < NCHANGES; i++) {
        uint64_t x = testrng_next(&rng);
        int64_t unit = (int64_t)(x % 100) + 1, payee = (x >> 8) % 4 == 0 ? 5 : 0;
        ledger_kind_t kind = (ledger_kind_t)((x >> 16) % 4 == 3 ? LEDGER_FEE : (x >> 16) % 3);
        int64_t delta = (int64_t)((x >> 24) % 5000000000ULL) - 2000000000;
        ref_t *r = ref_find(unit, kind, payee);
        int rc = ledger_sums_add(s, unit, kind, payee, delta);

        if (r == NULL) {
            assert_int_equal(rc, 1);
            assert_true(nref < NACCOUNTS);
            ref[nref++] = (ref_t){unit, payee, delta, kind, 0};
        } else {
            assert_int_equal(rc, 0);
            r->sum += delta; /* 200,000 changes of at most 3e9: far from int64's limits */
        }
    }
    assert_int_equal(ledger_sums_count(s), nref);
    assert_int_equal(ledger_sums_each(s, check_each, &order), 0);
    assert_int_equal(order, nref);

    ledger_sums_clear(s);
    assert_int_equal(ledger_sums_count(s), 0);
    assert_int_equal(ledger_sums_add(s, 1, LEDGER_BANK, 0, 5), 1); /* new again */
    ledger_sums_free(s);
}

static int first_sum(int64_t unit_id, ledger_kind_t kind, int64_t payee, int64_t sum, void *arg)
{
    (void)unit_id, (void)kind, (void)payee;
    *(int64_t *)arg = sum;
    return 1; /* stop: each returns it */
}

static void test_overflow_refused_sum_kept(void **state)
{
    ledger_sums_t *s = ledger_sums_new();
    int64_t sum = 0;

    (void)state;
    assert_int_equal(ledger_sums_add(s, 7, LEDGER_BANK, 0, INT64_MAX - 10), 1);
    assert_int_equal(ledger_sums_add(s, 7, LEDGER_BANK, 0, 11), LEDGER_OVERFLOW);
    assert_int_equal(ledger_sums_each(s, first_sum, &sum), 1);
    assert_int_equal(sum, INT64_MAX - 10);
    assert_int_equal(ledger_sums_add(s, 7, LEDGER_BANK, 0, -20), 0);
    assert_int_equal(ledger_sums_each(s, first_sum, &sum), 1);
    assert_int_equal(sum, INT64_MAX - 30);
    /* another kind of the same unit is another account */
    assert_int_equal(ledger_sums_add(s, 7, LEDGER_CASH, 0, 1), 1);
    assert_int_equal(ledger_sums_count(s), 2);
    ledger_sums_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sums_match_reference),
        cmocka_unit_test(test_overflow_refused_sum_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
