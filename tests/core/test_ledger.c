/*
 * tests/core/test_ledger.c — the custody ledger's pure rules (core/ledger.c).
 *
 * Table-driven: each recipe (collection by each method, allocation, payout with and
 * without a fee, from payable or custody, reversal) with the exact lines it must give;
 * the amounts and shapes it must refuse, leaving the transaction as it was; every
 * transaction a recipe builds passes ledger_txn_check; and ledger_balance_after on each
 * side of each kind of account, at zero, at the limit and past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/ledger.h"
#include "core/money.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX        MONEY_AMOUNT_MAX

typedef struct {
    ledger_kind_t kind;
    int64_t payee, amount;
} line_t;

/* t's lines are exactly want[0..n). */
static void assert_lines(const ledger_txn_t *t, const line_t *want, size_t n, const char *what)
{
    if (t->n != n)
        fail_msg("%s: %zu lines, want %zu", what, t->n, n);
    for (size_t i = 0; i < n; i++)
        if (t->line[i].kind != want[i].kind || t->line[i].payee_party_id != want[i].payee ||
            t->line[i].amount_vnd != want[i].amount)
            fail_msg("%s: line %zu is (%s, %lld, %lld), want (%s, %lld, %lld)", what, i,
                     ledger_kind_code(t->line[i].kind), (long long)t->line[i].payee_party_id,
                     (long long)t->line[i].amount_vnd, ledger_kind_code(want[i].kind),
                     (long long)want[i].payee, (long long)want[i].amount);
}

/* ---- collections: the method decides the account debited ------------------------- */

static void test_collection_by_method(void **state)
{
    static const struct {
        ledger_method_t m;
        ledger_kind_t account;
        int64_t amount;
    } rows[] = {
        {LEDGER_METHOD_CASH, LEDGER_CASH, 1500000},
        {LEDGER_METHOD_TRANSFER, LEDGER_BANK, 250000000},
        {LEDGER_METHOD_PRISON, LEDGER_IN_TRANSIT, 300000}, /* until the prison hands it over */
        {LEDGER_METHOD_AUCTION, LEDGER_BANK, 6200000000},  /* auction proceeds: to the bank */
        {LEDGER_METHOD_RELATIVE, LEDGER_CASH, 1},
        {LEDGER_METHOD_CASH, LEDGER_CASH, MAX},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        ledger_txn_t t = {0};
        line_t want[] = {{rows[i].account, 0, rows[i].amount},
                         {LEDGER_CUSTODY, 0, -rows[i].amount}};
        assert_int_equal(ledger_build_collection(&t, rows[i].m, rows[i].amount), LEDGER_OK);
        assert_lines(&t, want, 2, ledger_method_code(rows[i].m));
        assert_int_equal(ledger_txn_check(&t), LEDGER_OK);
        assert_int_equal(ledger_method_account(rows[i].m), rows[i].account);
        ledger_txn_free(&t);
    }
}

static void test_bad_amounts_refused_nothing_added(void **state)
{
    static const int64_t bad[] = {0, -1, -1500000, MAX + 1, INT64_MAX, INT64_MIN};
    ledger_txn_t t = {0};
    (void)state;

    /* a line already there stays, and nothing is added beside it */
    assert_int_equal(ledger_txn_add(&t, LEDGER_CASH, 0, 5), LEDGER_OK);
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        assert_int_equal(ledger_build_collection(&t, LEDGER_METHOD_CASH, bad[i]), LEDGER_INVALID);
        assert_int_equal(ledger_build_payout(&t, 0, 7, bad[i], 0, LEDGER_CASH), LEDGER_INVALID);
        assert_int_equal(t.n, 1);
    }
    assert_int_equal(ledger_build_collection(&t, LEDGER_METHOD_COUNT, 1000), LEDGER_INVALID);
    assert_int_equal(ledger_build_collection(&t, (ledger_method_t)-1, 1000), LEDGER_INVALID);
    /* a line: never 0, never past the limit, a payee only on payable, a real kind */
    assert_int_equal(ledger_txn_add(&t, LEDGER_CASH, 0, 0), LEDGER_INVALID);
    assert_int_equal(ledger_txn_add(&t, LEDGER_CASH, 0, -MAX - 1), LEDGER_INVALID);
    assert_int_equal(ledger_txn_add(&t, LEDGER_CUSTODY, 7, 100), LEDGER_INVALID);
    assert_int_equal(ledger_txn_add(&t, LEDGER_PAYABLE, -7, 100), LEDGER_INVALID);
    assert_int_equal(ledger_txn_add(&t, LEDGER_KIND_COUNT, 0, 100), LEDGER_INVALID);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.line[0].amount_vnd, 5);
    ledger_txn_free(&t);
}

/* ---- allocation ------------------------------------------------------------------- */

static void test_allocation(void **state)
{
    ledger_txn_t t = {0};
    /* the court fee to the budget (payee 0), two creditors, one share of nothing */
    ledger_share_t s[] = {{0, 7500000}, {41, 90000000}, {42, 0}, {43, 2500000}};
    line_t want[] = {{LEDGER_CUSTODY, 0, 100000000},
                     {LEDGER_PAYABLE, 0, -7500000},
                     {LEDGER_PAYABLE, 41, -90000000},
                     {LEDGER_PAYABLE, 43, -2500000}};
    (void)state;

    assert_int_equal(ledger_build_allocation(&t, s, N_ELEMS(s)), LEDGER_OK);
    assert_lines(&t, want, N_ELEMS(want), "allocation");
    assert_int_equal(ledger_txn_check(&t), LEDGER_OK);
    ledger_txn_free(&t);
}

static void test_allocation_refusals(void **state)
{
    static const struct {
        const char *why;
        ledger_share_t s[3];
        size_t n;
    } rows[] = {
        {"nothing to allocate", {{5, 0}, {6, 0}}, 2},
        {"no shares", {{0, 0}}, 0},
        {"a negative share", {{5, 100}, {6, -1}}, 2},
        {"a negative payee", {{-5, 100}}, 1},
        {"one payee twice", {{5, 100}, {6, 50}, {5, 1}}, 3},
        {"above the limit together", {{5, MAX}, {6, 1}}, 2},
        {"overflowing int64", {{5, INT64_MAX}, {6, INT64_MAX}}, 2},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        ledger_txn_t t = {0};
        if (ledger_build_allocation(&t, rows[i].s, rows[i].n) != LEDGER_INVALID)
            fail_msg("%s: accepted", rows[i].why);
        if (t.n != 0)
            fail_msg("%s: %zu lines left", rows[i].why, t.n);
        ledger_txn_free(&t);
    }
}

/* ---- unclaimed money ---------------------------------------------------------------- */

/* Decree 62 Art 49: the payee's money leaves the bank for their savings; what is owed to
 * them does not move; nothing but the cash box or the bank pays for it. */
static void test_deposit(void **state)
{
    const line_t want[] = {{LEDGER_SAVINGS, 41, 30000000}, {LEDGER_BANK, 0, -30000000}};
    ledger_txn_t t = {0};
    (void)state;

    assert_int_equal(ledger_build_deposit(&t, 41, 30000000, LEDGER_BANK), LEDGER_OK);
    assert_lines(&t, want, N_ELEMS(want), "a creditor's 30.000.000 đ on savings");
    assert_int_equal(ledger_txn_check(&t), LEDGER_OK);
    assert_int_equal(ledger_build_deposit(&t, 41, 1, LEDGER_PAYABLE), LEDGER_INVALID);
    assert_int_equal(t.n, 2); /* a refused recipe adds nothing */
    ledger_txn_free(&t);
    assert_int_equal(ledger_kind_per_case(LEDGER_SAVINGS), 1);
    assert_int_equal(ledger_kind_normal(LEDGER_SAVINGS), 1);
}

/* ---- payouts ---------------------------------------------------------------------- */

static void test_payout(void **state)
{
    static const struct {
        const char *why;
        int from_custody;
        int64_t payee, gross, fee;
        ledger_kind_t from;
        line_t want[4];
        size_t n;
    } rows[] = {
        {"a creditor in cash, 3% fee withheld",
         0,
         41,
         10000000,
         300000,
         LEDGER_CASH,
         {{LEDGER_PAYABLE, 41, 10000000}, {LEDGER_FEE, 0, -300000}, {LEDGER_CASH, 0, -9700000}},
         3},
        {"the budget by transfer, no fee",
         0,
         0,
         7500000,
         0,
         LEDGER_BANK,
         {{LEDGER_PAYABLE, 0, 7500000}, {LEDGER_BANK, 0, -7500000}},
         2},
        {"a small sum the fee takes whole",
         0,
         41,
         12000,
         12000,
         LEDGER_BANK,
         {{LEDGER_PAYABLE, 41, 12000}, {LEDGER_FEE, 0, -12000}},
         2},
        {"a history from paper, out of custody",
         1,
         0,
         150000000,
         0,
         LEDGER_BANK,
         {{LEDGER_CUSTODY, 0, 150000000}, {LEDGER_BANK, 0, -150000000}},
         2},
        {"a creditor who did not come, out of their savings, the fee back to the bank",
         0,
         41,
         30000000,
         900000,
         LEDGER_SAVINGS,
         {{LEDGER_PAYABLE, 41, 30000000},
          {LEDGER_SAVINGS, 41, -30000000},
          {LEDGER_BANK, 0, 900000},
          {LEDGER_FEE, 0, -900000}},
         4},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        ledger_txn_t t = {0};
        assert_int_equal(ledger_build_payout(&t, rows[i].from_custody, rows[i].payee, rows[i].gross,
                                             rows[i].fee, rows[i].from),
                         LEDGER_OK);
        assert_lines(&t, rows[i].want, rows[i].n, rows[i].why);
        assert_int_equal(ledger_txn_check(&t), LEDGER_OK);
        ledger_txn_free(&t);
    }
}

static void test_payout_refusals(void **state)
{
    static const struct {
        const char *why;
        int from_custody;
        int64_t payee, gross, fee;
        ledger_kind_t from;
    } rows[] = {
        {"a fee above the gross", 0, 41, 1000, 1001, LEDGER_CASH},
        {"a negative fee", 0, 41, 1000, -1, LEDGER_CASH},
        {"nothing paid", 0, 41, 0, 0, LEDGER_CASH},
        {"paid out of custody", 0, 41, 1000, 0, LEDGER_CUSTODY},
        {"paid out of money in transit", 0, 41, 1000, 0, LEDGER_IN_TRANSIT},
        {"a payee out of custody", 1, 41, 1000, 0, LEDGER_BANK},
        {"above the limit", 0, 41, MAX + 1, 0, LEDGER_BANK},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        ledger_txn_t t = {0};
        if (ledger_build_payout(&t, rows[i].from_custody, rows[i].payee, rows[i].gross, rows[i].fee,
                                rows[i].from) != LEDGER_INVALID)
            fail_msg("%s: accepted", rows[i].why);
        if (t.n != 0)
            fail_msg("%s: %zu lines left", rows[i].why, t.n);
        ledger_txn_free(&t);
    }
}

/* ---- reversal and the balance check ----------------------------------------------- */

static void test_reversal_negates_in_order(void **state)
{
    ledger_txn_t orig = {0}, rev = {0};
    line_t want[] = {
        {LEDGER_PAYABLE, 41, -10000000}, {LEDGER_FEE, 0, 300000}, {LEDGER_CASH, 0, 9700000}};
    (void)state;

    assert_int_equal(ledger_build_payout(&orig, 0, 41, 10000000, 300000, LEDGER_CASH), LEDGER_OK);
    assert_int_equal(ledger_build_reversal(&rev, &orig), LEDGER_OK);
    assert_lines(&rev, want, 3, "reversal");
    assert_int_equal(ledger_txn_check(&rev), LEDGER_OK);
    ledger_txn_free(&orig);
    ledger_txn_free(&rev);
}

static void test_txn_check(void **state)
{
    ledger_txn_t t = {0};
    (void)state;

    assert_int_equal(ledger_txn_check(&t), LEDGER_INVALID); /* no lines */
    assert_int_equal(ledger_txn_add(&t, LEDGER_CASH, 0, 1000), LEDGER_OK);
    assert_int_equal(ledger_txn_check(&t), LEDGER_INVALID); /* one line */
    assert_int_equal(ledger_txn_add(&t, LEDGER_CUSTODY, 0, -999), LEDGER_OK);
    assert_int_equal(ledger_txn_check(&t), LEDGER_UNBALANCED);
    assert_int_equal(ledger_txn_add(&t, LEDGER_CUSTODY, 0, -1), LEDGER_OK);
    assert_int_equal(ledger_txn_check(&t), LEDGER_OK);
    /* a line that bypassed ledger_txn_add is still caught */
    t.line[1].payee_party_id = 9;
    assert_int_equal(ledger_txn_check(&t), LEDGER_INVALID);
    t.line[1].payee_party_id = 0;
    t.line[2].amount_vnd = 0;
    t.line[1].amount_vnd = -1000;
    assert_int_equal(ledger_txn_check(&t), LEDGER_INVALID);
    ledger_txn_free(&t);
}

static void test_balance_after(void **state)
{
    static const struct {
        ledger_kind_t kind;
        int64_t balance, amount;
        int rc;
        int64_t after;
    } rows[] = {
        /* the unit's money: a debit adds, a credit takes away */
        {LEDGER_CASH, 0, 1500000, LEDGER_OK, 1500000},
        {LEDGER_CASH, 1500000, -1500000, LEDGER_OK, 0},
        {LEDGER_CASH, 1500000, -1500001, LEDGER_NEGATIVE, 0},
        {LEDGER_BANK, 0, -1, LEDGER_NEGATIVE, 0},
        {LEDGER_IN_TRANSIT, 300000, -300000, LEDGER_OK, 0},
        /* what it owes: a credit adds, a debit takes away */
        {LEDGER_CUSTODY, 0, -20000000, LEDGER_OK, 20000000},
        {LEDGER_CUSTODY, 20000000, 20000000, LEDGER_OK, 0},
        {LEDGER_CUSTODY, 20000000, 20000001, LEDGER_NEGATIVE, 0},
        {LEDGER_PAYABLE, 10000000, 10000001, LEDGER_NEGATIVE, 0},
        {LEDGER_PAYABLE, 0, 1, LEDGER_NEGATIVE, 0},
        {LEDGER_FEE, 300000, -300000, LEDGER_OK, 600000},
        /* past int64 */
        {LEDGER_BANK, INT64_MAX, 1, LEDGER_OVERFLOW, 0},
        {LEDGER_FEE, INT64_MAX - 5, -6, LEDGER_OVERFLOW, 0},
        {LEDGER_KIND_COUNT, 0, 1, LEDGER_INVALID, 0},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        int64_t after = -42;
        int rc = ledger_balance_after(rows[i].kind, rows[i].balance, rows[i].amount, &after);
        if (rc != rows[i].rc)
            fail_msg("row %zu: rc %d, want %d", i, rc, rows[i].rc);
        if (rc == LEDGER_OK && after != rows[i].after)
            fail_msg("row %zu: %lld, want %lld", i, (long long)after, (long long)rows[i].after);
        if (rc != LEDGER_OK && after != -42)
            fail_msg("row %zu: refused but wrote %lld", i, (long long)after);
    }
}

static void test_codes_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < LEDGER_KIND_COUNT; k++) {
        assert_int_equal(ledger_kind_parse(ledger_kind_code((ledger_kind_t)k)), k);
        assert_true(ledger_kind_normal((ledger_kind_t)k) == 1 ||
                    ledger_kind_normal((ledger_kind_t)k) == -1);
        assert_non_null(ledger_kind_name_vi((ledger_kind_t)k));
    }
    for (int m = 0; m < LEDGER_METHOD_COUNT; m++)
        assert_int_equal(ledger_method_parse(ledger_method_code((ledger_method_t)m)), m);
    assert_int_equal(ledger_kind_parse("checking"), -1);
    assert_int_equal(ledger_method_parse("cheque"), -1);
    assert_int_equal(ledger_kind_per_case(LEDGER_CUSTODY), 1);
    assert_int_equal(ledger_kind_per_case(LEDGER_PAYABLE), 1);
    assert_int_equal(ledger_kind_per_case(LEDGER_CASH), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collection_by_method),
        cmocka_unit_test(test_bad_amounts_refused_nothing_added),
        cmocka_unit_test(test_allocation),
        cmocka_unit_test(test_allocation_refusals),
        cmocka_unit_test(test_deposit),
        cmocka_unit_test(test_payout),
        cmocka_unit_test(test_payout_refusals),
        cmocka_unit_test(test_reversal_negates_in_order),
        cmocka_unit_test(test_txn_check),
        cmocka_unit_test(test_balance_after),
        cmocka_unit_test(test_codes_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
