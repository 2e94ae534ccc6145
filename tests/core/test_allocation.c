/*
 * tests/core/test_allocation.c — unit and property tests for core/allocation.c.
 *
 * Table-driven cases for the order of payment (art. 47) and the largest-remainder split,
 * the refusals of both entry points, then property tests on generated cases checked
 * against a slow reference written differently (claims ordered by an insertion sort on a
 * key, the leftover đồng handed out one at a time by searching for the largest
 * remainder), and a scale test with tens of thousands of creditors in one rank.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "faultalloc.h"
#include "testrng.h"

#include "core/allocation.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAXC       12

/* A value outputs must still hold after a refusal. */
#define UNTOUCHED ((money_t)0x5A5A5A5A5A5A5A5ALL)

__extension__ typedef __int128 i128;

#define COSTS ALLOC_STEP_COSTS
#define RENT  ALLOC_STEP_RENT
#define SFEE  ALLOC_STEP_SECURED_COURT_FEE
#define SEC   ALLOC_STEP_SECURED
#define R1    ALLOC_STEP_RANK1
#define R2    ALLOC_STEP_RANK2
#define R3    ALLOC_STEP_RANK3
#define LATER ALLOC_POOL_LATER

struct split_case {
    const char *what;
    money_t amount;
    size_t n;
    alloc_claim_t claims[MAXC];
    money_t want[MAXC];
    money_t surplus;
};

static const struct split_case split_cases[] = {
    {"no claims: everything back to the debtor", 100, 0, {{0}}, {0}, 100},
    {"nothing collected", 0, 2, {{1, R1, 0, 10}, {2, R3, 0, 20}}, {0, 0}, 0},
    {"one rank, pro rata, exact",
     300,
     3,
     {{1, R3, 0, 100}, {2, R3, 0, 200}, {3, R3, 0, 300}},
     {50, 100, 150},
     0},
    {"rank 1 before rank 2 before rank 3",
     60,
     3,
     {{1, R3, 0, 100}, {2, R2, 0, 30}, {3, R1, 0, 50}},
     {0, 10, 50},
     0},
    {"costs, rent, the secured judgment's court fee, the secured creditor, then ranks",
     150,
     5,
     {{1, R1, 0, 50}, {2, SEC, 0, 100}, {3, SFEE, 0, 5}, {4, RENT, 0, 20}, {5, COSTS, 0, 10}},
     {15, 100, 5, 20, 10},
     0},
    {"costs not covered: the secured creditor gets nothing",
     7,
     3,
     {{1, COSTS, 0, 4}, {2, COSTS, 0, 6}, {3, SEC, 0, 100}},
     {3, 4, 0},
     0},
    {"the coercion pool's rank 3 before the later pool's rank 1",
     150,
     2,
     {{1, R1, LATER, 100}, {2, R3, 0, 100}},
     {50, 100},
     0},
    {"largest remainder: 5/3/2 owed, 7 collected (3.5, 2.1, 1.4)",
     7,
     3,
     {{1, R3, 0, 5}, {2, R3, 0, 3}, {3, R3, 0, 2}},
     {4, 2, 1},
     0},
    {"equal remainders go to the lowest ids, whatever the listing order",
     2,
     3,
     {{7, R3, 0, 1}, {3, R3, 0, 1}, {5, R3, 0, 1}},
     {0, 1, 1},
     0},
    {"negative ids order like numbers", 1, 2, {{-1, R1, 0, 9}, {-2, R1, 0, 9}}, {0, 1}, 0},
    {"all paid: the rest goes back to the debtor",
     200,
     2,
     {{1, R1, 0, 100}, {2, R3, 0, 50}},
     {100, 50},
     50},
    {"a claim owed nothing gets nothing",
     10,
     3,
     {{1, R3, 0, 0}, {2, R3, 0, 40}, {3, R3, 0, 60}},
     {0, 4, 6},
     0},
    {"exactly enough: nothing back", 30, 2, {{1, R2, 0, 10}, {2, R3, LATER, 20}}, {10, 20}, 0},
    {"the largest amounts: 10^15 over three creditors",
     MONEY_AMOUNT_MAX,
     3,
     {{3, R3, 0, MONEY_AMOUNT_MAX}, {1, R3, 0, MONEY_AMOUNT_MAX}, {2, R3, 0, MONEY_AMOUNT_MAX}},
     {333333333333333, 333333333333334, 333333333333333},
     0},
    {"one đồng among many: the largest owed wins",
     1,
     3,
     {{1, R3, 0, 10}, {2, R3, 0, 30}, {3, R3, 0, 20}},
     {0, 1, 0},
     0},
};

static void test_split_table(void **state)
{
    (void)state;
    for (size_t t = 0; t < N_ELEMS(split_cases); t++) {
        const struct split_case *c = &split_cases[t];
        money_t shares[MAXC], surplus = UNTOUCHED;
        size_t bad = 42;
        int rc = alloc_split(c->amount, c->claims, c->n, shares, &surplus, &bad);
        if (rc != ALLOC_OK)
            fail_msg("case %zu (%s): code %d", t, c->what, rc);
        assert_int_equal(bad, ALLOC_NO_INDEX);
        for (size_t i = 0; i < c->n; i++)
            if (shares[i] != c->want[i])
                fail_msg("case %zu (%s): claim %zu gets %lld, want %lld", t, c->what, i,
                         (long long)shares[i], (long long)c->want[i]);
        if (surplus != c->surplus)
            fail_msg("case %zu (%s): surplus %lld, want %lld", t, c->what, (long long)surplus,
                     (long long)c->surplus);
        /* What alloc_split gives, alloc_check accepts. */
        assert_int_equal(alloc_check(c->amount, c->claims, c->n, shares, surplus, &bad), ALLOC_OK);
    }
}

struct refuse_case {
    const char *what;
    money_t amount;
    size_t n;
    alloc_claim_t claims[4];
    int code;
    size_t bad;
    message_id_t msg;
};

static const struct refuse_case refuse_cases[] = {
    {"negative amount",
     -1,
     1,
     {{1, R1, 0, 5}},
     ALLOC_AMOUNT_NEGATIVE,
     ALLOC_NO_INDEX,
     MSG_AMOUNT_NEGATIVE},
    {"amount above the bound",
     MONEY_AMOUNT_MAX + 1,
     0,
     {{0}},
     ALLOC_TOO_LARGE,
     ALLOC_NO_INDEX,
     MSG_AMOUNT_OVER_MAX},
    {"negative owed",
     5,
     2,
     {{1, R1, 0, 5}, {2, R1, 0, -1}},
     ALLOC_AMOUNT_NEGATIVE,
     1,
     MSG_AMOUNT_NEGATIVE},
    {"owed above the bound",
     5,
     2,
     {{1, R1, 0, MONEY_AMOUNT_MAX + 1}, {2, R1, 0, -1}},
     ALLOC_TOO_LARGE,
     0,
     MSG_AMOUNT_OVER_MAX},
    {"step 0", 5, 1, {{1, (alloc_step_t)0, 0, 5}}, ALLOC_BAD_STEP, 0, MSG_ALLOC_STEP},
    {"step after rank 3",
     5,
     2,
     {{1, R3, 0, 5}, {2, (alloc_step_t)(R3 + 1), 0, 5}},
     ALLOC_BAD_STEP,
     1,
     MSG_ALLOC_STEP},
    {"pool 2", 5, 1, {{1, R2, (alloc_pool_t)2, 5}}, ALLOC_BAD_STEP, 0, MSG_ALLOC_STEP},
    {"a pool on costs", 5, 1, {{1, COSTS, LATER, 5}}, ALLOC_BAD_STEP, 0, MSG_ALLOC_STEP},
    {"duplicate id",
     5,
     4,
     {{5, R1, 0, 1}, {6, R2, 0, 1}, {6, R3, 0, 1}, {5, R3, 0, 1}},
     ALLOC_DUPLICATE_ID,
     2,
     MSG_ALLOC_DUPLICATE_CLAIM},
};

static void test_split_refusals(void **state)
{
    (void)state;
    for (size_t t = 0; t < N_ELEMS(refuse_cases); t++) {
        const struct refuse_case *c = &refuse_cases[t];
        money_t shares[4] = {UNTOUCHED, UNTOUCHED, UNTOUCHED, UNTOUCHED}, surplus = UNTOUCHED;
        size_t bad = 42;
        int rc = alloc_split(c->amount, c->claims, c->n, shares, &surplus, &bad);
        if (rc != c->code || bad != c->bad)
            fail_msg("case %zu (%s): code %d at %zu, want %d at %zu", t, c->what, rc, bad, c->code,
                     c->bad);
        for (size_t i = 0; i < 4; i++)
            assert_int_equal(shares[i], UNTOUCHED);
        assert_int_equal(surplus, UNTOUCHED);
        assert_int_equal(alloc_message(rc), c->msg);
        /* alloc_check refuses the same claims the same way, whatever the shares. */
        money_t zero[4] = {0};
        bad = 42;
        assert_int_equal(alloc_check(c->amount, c->claims, c->n, zero, 0, &bad), c->code);
        assert_int_equal(bad, c->bad);
    }
    /* Programming errors. */
    money_t s[1], surplus;
    alloc_claim_t one = {1, R1, 0, 5};
    assert_int_equal(alloc_split(5, NULL, 1, s, &surplus, NULL), ALLOC_INVALID);
    assert_int_equal(alloc_split(5, &one, 1, NULL, &surplus, NULL), ALLOC_INVALID);
    assert_int_equal(alloc_split(5, &one, 1, s, NULL, NULL), ALLOC_INVALID);
    assert_int_equal(alloc_check(5, &one, 1, NULL, 0, NULL), ALLOC_INVALID);
    assert_int_equal(alloc_split(5, NULL, 0, NULL, &surplus, NULL), ALLOC_OK);
    assert_int_equal(surplus, 5);
}

struct check_case {
    const char *what;
    money_t amount;
    money_t shares[3];
    money_t surplus;
    int code;
    size_t bad;
    message_id_t msg;
};

/* Claims owed 100 (rank 1), 50 (rank 2), 30 (rank 3). */
static const alloc_claim_t check_claims[3] = {{1, R1, 0, 100}, {2, R2, 0, 50}, {3, R3, 0, 30}};

static const struct check_case check_cases[] = {
    {"the legal split", 120, {100, 20, 0}, 0, ALLOC_OK, ALLOC_NO_INDEX, MSG_COUNT},
    {"an adjustment across ranks", 120, {60, 30, 30}, 0, ALLOC_OK, ALLOC_NO_INDEX, MSG_COUNT},
    {"all paid, the rest back", 200, {100, 50, 30}, 20, ALLOC_OK, ALLOC_NO_INDEX, MSG_COUNT},
    {"a negative share", 120, {100, -10, 30}, 0, ALLOC_AMOUNT_NEGATIVE, 1, MSG_AMOUNT_NEGATIVE},
    {"a share above owed",
     120,
     {70, 10, 40},
     0,
     ALLOC_SHARE_ABOVE_OWED,
     2,
     MSG_ALLOC_SHARE_ABOVE_OWED},
    {"short by one đồng", 120, {100, 19, 0}, 0, ALLOC_SUM_MISMATCH, ALLOC_NO_INDEX, MSG_ALLOC_SUM},
    {"over by one đồng", 120, {100, 21, 0}, 0, ALLOC_SUM_MISMATCH, ALLOC_NO_INDEX, MSG_ALLOC_SUM},
    {"a negative surplus",
     120,
     {100, 20, 10},
     -10,
     ALLOC_AMOUNT_NEGATIVE,
     ALLOC_NO_INDEX,
     MSG_AMOUNT_NEGATIVE},
    {"money back while rank 3 is unpaid",
     120,
     {100, 0, 0},
     20,
     ALLOC_SURPLUS_UNPAID,
     1,
     MSG_ALLOC_SURPLUS_UNPAID},
};

static void test_check_adjusted(void **state)
{
    (void)state;
    for (size_t t = 0; t < N_ELEMS(check_cases); t++) {
        const struct check_case *c = &check_cases[t];
        size_t bad = 42;
        int rc = alloc_check(c->amount, check_claims, 3, c->shares, c->surplus, &bad);
        if (rc != c->code || bad != c->bad)
            fail_msg("case %zu (%s): code %d at %zu, want %d at %zu", t, c->what, rc, bad, c->code,
                     c->bad);
        assert_int_equal(alloc_message(rc), c->msg);
    }
}

static void test_step_codes(void **state)
{
    (void)state;
    assert_string_equal(alloc_step_code(COSTS), "costs");
    assert_string_equal(alloc_step_code(RENT), "rent_allowance");
    assert_string_equal(alloc_step_code(SFEE), "secured_court_fee");
    assert_string_equal(alloc_step_code(SEC), "secured");
    assert_string_equal(alloc_step_code(R1), "rank1");
    assert_string_equal(alloc_step_code(R2), "rank2");
    assert_string_equal(alloc_step_code(R3), "rank3");
    assert_string_equal(alloc_step_code((alloc_step_t)0), "?");
    assert_int_equal(alloc_message(ALLOC_NOMEM), MSG_OUT_OF_MEMORY);
    assert_string_equal(message_get(alloc_message(ALLOC_OK))->code, "internal");
}

static void test_out_of_memory(void **state)
{
    (void)state;
    alloc_claim_t claims[2] = {{1, R1, 0, 5}, {2, R1, 0, 5}};
    money_t shares[2] = {UNTOUCHED, UNTOUCHED}, surplus = UNTOUCHED;
    size_t bad = 42;
    faultalloc_fail_at(1);
    int rc = alloc_split(7, claims, 2, shares, &surplus, &bad);
    faultalloc_off();
    assert_int_equal(rc, ALLOC_NOMEM);
    assert_int_equal(bad, ALLOC_NO_INDEX);
    assert_int_equal(shares[0], UNTOUCHED);
    assert_int_equal(surplus, UNTOUCHED);
    assert_int_equal(alloc_message(rc), MSG_OUT_OF_MEMORY);
    faultalloc_fail_at(1);
    rc = alloc_check(10, claims, 2, (money_t[]){5, 5}, 0, &bad);
    faultalloc_off();
    assert_int_equal(rc, ALLOC_NOMEM);
}

/* ---- the reference and the properties ------------------------------------------- */

/* The order a claim is paid in, as a number: steps before the ranks by their step, then
 * each pool's ranks after the previous pool's. Lower is paid first. */
static int ref_order(const alloc_claim_t *c)
{
    return c->step < R1 ? (int)c->step : 100 * (1 + (int)c->pool) + (int)c->step;
}

/* The slow reference: insertion-sort the claims by order, walk the groups, and in the
 * group paid in part hand the leftover đồng one by one to the claim with the largest
 * remaining fraction not yet served (ties to the lowest id). O(n^2 + n * leftover). */
static void ref_split(money_t amount, const alloc_claim_t *claims, size_t n, money_t *shares,
                      money_t *surplus)
{
    size_t *ord = malloc((n + 1) * sizeof *ord);
    int *served = calloc(n + 1, sizeof *served);
    assert_non_null(ord);
    assert_non_null(served);
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && ref_order(&claims[ord[j - 1]]) > ref_order(&claims[i])) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = i;
    }
    i128 left = amount;
    for (size_t g = 0; g < n;) {
        size_t e = g;
        i128 total = 0;
        while (e < n && ref_order(&claims[ord[e]]) == ref_order(&claims[ord[g]]))
            total += claims[ord[e++]].owed;
        if (left >= total) {
            for (size_t k = g; k < e; k++)
                shares[ord[k]] = claims[ord[k]].owed;
            left -= total;
        } else {
            i128 handed = 0;
            for (size_t k = g; k < e; k++) {
                shares[ord[k]] = (money_t)(left * claims[ord[k]].owed / total);
                handed += shares[ord[k]];
            }
            for (i128 extra = left - handed; extra > 0; extra--) {
                size_t best = SIZE_MAX;
                i128 best_frac = -1;
                for (size_t k = g; k < e; k++) {
                    const alloc_claim_t *c = &claims[ord[k]];
                    i128 frac = left * c->owed - (i128)shares[ord[k]] * total;
                    if (served[ord[k]])
                        continue;
                    if (frac > best_frac ||
                        (frac == best_frac && best != SIZE_MAX && c->id < claims[best].id)) {
                        best = ord[k];
                        best_frac = frac;
                    }
                }
                assert_true(best != SIZE_MAX);
                shares[best]++;
                served[best] = 1;
            }
            left = 0;
        }
        g = e;
    }
    *surplus = (money_t)left;
    free(ord);
    free(served);
}

static uint64_t rng_state = 0xC0FFEE1234ULL;

static uint64_t rng(uint64_t bound)
{
    return testrng_next(&rng_state) % bound;
}

/* An owed amount: often small and often repeated (ties), sometimes huge. */
static money_t rng_owed(void)
{
    switch (rng(6)) {
    case 0:
        return 0;
    case 1:
        return (money_t)rng(4);
    case 2:
        return 1000 * (money_t)(1 + rng(3));
    case 3:
        return (money_t)rng((uint64_t)MONEY_AMOUNT_MAX + 1);
    default:
        return (money_t)rng(10000000);
    }
}

static void gen_case(alloc_claim_t *claims, size_t *n, money_t *amount)
{
    static const alloc_step_t steps[] = {COSTS, RENT, SFEE, SEC, R1, R2, R3, R1, R2, R3, R3, R3};
    *n = (size_t)rng(MAXC + 1);
    i128 total = 0;
    for (size_t i = 0; i < *n; i++) {
        alloc_step_t s = steps[rng(N_ELEMS(steps))];
        claims[i] = (alloc_claim_t){
            .id = (int64_t)(i * 7 + rng(7)) - 20, /* unique, some negative, shuffled below */
            .step = s,
            .pool = s >= R1 && rng(3) == 0 ? LATER : ALLOC_POOL_FIRST,
            .owed = rng_owed(),
        };
        total += claims[i].owed;
    }
    for (size_t i = *n; i > 1; i--) { /* shuffle, so the ids are not in input order */
        size_t j = (size_t)rng(i);
        alloc_claim_t tmp = claims[i - 1];
        claims[i - 1] = claims[j];
        claims[j] = tmp;
    }
    i128 cap = total < MONEY_AMOUNT_MAX ? total : MONEY_AMOUNT_MAX;
    switch (rng(4)) {
    case 0: /* a few đồng: every remainder matters */
        *amount = (money_t)rng(2 * MAXC + 1);
        break;
    case 1: /* more than is owed */
        *amount = (money_t)(cap + (i128)rng((uint64_t)(MONEY_AMOUNT_MAX - cap) + 1));
        break;
    default:
        *amount = (money_t)rng((uint64_t)cap + 1);
    }
}

/* The properties, checked on the split itself (not by comparing to the reference). */
static void check_properties(size_t t, money_t amount, const alloc_claim_t *claims, size_t n,
                             const money_t *shares, money_t surplus)
{
    i128 sum = surplus;
    int all_paid = 1;
    for (size_t i = 0; i < n; i++) {
        if (shares[i] < 0 || shares[i] > claims[i].owed)
            fail_msg("case %zu: claim %zu gets %lld of %lld", t, i, (long long)shares[i],
                     (long long)claims[i].owed);
        sum += shares[i];
        all_paid &= shares[i] == claims[i].owed;
        /* A claim paid later gets nothing while an earlier one is short. */
        for (size_t j = 0; j < n; j++)
            if (ref_order(&claims[j]) < ref_order(&claims[i]) && shares[j] < claims[j].owed &&
                shares[i] != 0)
                fail_msg("case %zu: claim %zu paid while claim %zu before it is short", t, i, j);
    }
    if (sum != amount)
        fail_msg("case %zu: parts sum to %lld, not %lld", t, (long long)sum, (long long)amount);
    if (surplus < 0 || (surplus > 0 && !all_paid))
        fail_msg("case %zu: surplus %lld while a claim is unpaid", t, (long long)surplus);
    /* Within the group paid in part, each share is its exact pro-rata amount rounded down
     * or up: |share * total - left * owed| < total. */
    for (size_t i = 0; i < n; i++) {
        if (shares[i] == claims[i].owed || shares[i] == 0)
            continue;
        i128 total = 0, before = 0;
        for (size_t j = 0; j < n; j++) {
            if (ref_order(&claims[j]) == ref_order(&claims[i]))
                total += claims[j].owed;
            else if (ref_order(&claims[j]) < ref_order(&claims[i]))
                before += claims[j].owed;
        }
        i128 left = amount - before, diff = (i128)shares[i] * total - left * claims[i].owed;
        if (diff <= -total || diff >= total)
            fail_msg("case %zu: claim %zu is not its pro-rata share", t, i);
    }
}

static void test_properties_against_reference(void **state)
{
    (void)state;
    for (size_t t = 0; t < 20000; t++) {
        alloc_claim_t claims[MAXC], perm[MAXC];
        money_t amount, shares[MAXC], ref[MAXC], pshares[MAXC], surplus, ref_surplus, psurplus;
        size_t n;
        gen_case(claims, &n, &amount);

        int rc = alloc_split(amount, claims, n, shares, &surplus, NULL);
        if (rc != ALLOC_OK)
            fail_msg("case %zu: code %d", t, rc);
        check_properties(t, amount, claims, n, shares, surplus);
        assert_int_equal(alloc_check(amount, claims, n, shares, surplus, NULL), ALLOC_OK);

        ref_split(amount, claims, n, ref, &ref_surplus);
        assert_int_equal(surplus, ref_surplus);
        for (size_t i = 0; i < n; i++)
            if (shares[i] != ref[i])
                fail_msg("case %zu: claim %zu (id %lld) gets %lld, the reference %lld", t, i,
                         (long long)claims[i].id, (long long)shares[i], (long long)ref[i]);

        /* Any permutation of the claims: each claim gets the same share. */
        size_t pos[MAXC];
        for (size_t i = 0; i < n; i++)
            pos[i] = i;
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)rng(i), tmp = pos[i - 1];
            pos[i - 1] = pos[j];
            pos[j] = tmp;
        }
        for (size_t i = 0; i < n; i++)
            perm[i] = claims[pos[i]];
        assert_int_equal(alloc_split(amount, perm, n, pshares, &psurplus, NULL), ALLOC_OK);
        assert_int_equal(psurplus, surplus);
        for (size_t i = 0; i < n; i++)
            if (pshares[i] != shares[pos[i]])
                fail_msg("case %zu: claim id %lld gets %lld listed elsewhere, %lld before", t,
                         (long long)perm[i].id, (long long)pshares[i], (long long)shares[pos[i]]);
    }
}

/* One case with 50,000 victims in rank 3 (the Trương Mỹ Lan case had 43,000): the split
 * is exact and takes milliseconds, not the quadratic time a naive leftover loop would. */
static void test_fifty_thousand_creditors(void **state)
{
    (void)state;
    enum { N = 50000 };
    alloc_claim_t *claims = malloc(N * sizeof *claims);
    money_t *shares = malloc(N * sizeof *shares), surplus;
    assert_non_null(claims);
    assert_non_null(shares);
    i128 total = 0;
    for (size_t i = 0; i < N; i++) {
        claims[i] = (alloc_claim_t){(int64_t)(N - i), R3, 0, 1000000 + (money_t)rng(999000000)};
        total += claims[i].owed;
    }
    money_t amount = (money_t)(total / 3 + 12345);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(alloc_split(amount, claims, N, shares, &surplus, NULL), ALLOC_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    print_message("alloc_split, %d claims in one rank: %.1f ms\n", N, ms);

    i128 sum = 0;
    for (size_t i = 0; i < N; i++) {
        assert_true(shares[i] >= 0 && shares[i] <= claims[i].owed);
        sum += shares[i];
    }
    assert_true(sum == amount);
    assert_int_equal(surplus, 0);
    assert_true(ms < 2000); /* generous: ASan, a shared machine */
    free(claims);
    free(shares);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_table),
        cmocka_unit_test(test_split_refusals),
        cmocka_unit_test(test_check_adjusted),
        cmocka_unit_test(test_step_codes),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_properties_against_reference),
        cmocka_unit_test(test_fifty_thousand_creditors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
