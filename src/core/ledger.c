/*
 * core/ledger.c — accounts, transactions and their recipes (core/ledger.h).
 */
#include "core/ledger.h"

#include "core/money.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *code, *vi, *en;
    int normal, per_case;
} kinds[LEDGER_KIND_COUNT] = {
    [LEDGER_CASH] = {"cash", "Quỹ tiền mặt", "Cash at the office", 1, 0},
    [LEDGER_BANK] = {"bank", "Tài khoản tạm giữ (Kho bạc, ngân hàng)", "Custody bank account", 1,
                     0},
    [LEDGER_IN_TRANSIT] = {"in_transit", "Tiền đang chuyển về", "Money in transit", 1, 0},
    [LEDGER_CUSTODY] = {"custody", "Tiền tạm giữ chưa phân bổ", "Held for the case, unallocated",
                        -1, 1},
    [LEDGER_PAYABLE] = {"payable", "Phải chi trả", "Owed to a payee", -1, 1},
    [LEDGER_FEE] = {"fee", "Phí thi hành án", "Enforcement fees", -1, 0},
    [LEDGER_SAVINGS] = {"savings", "Tiền gửi tiết kiệm (đương sự chưa nhận)",
                        "Unclaimed money on savings", 1, 1},
};

static const struct {
    const char *code, *vi, *en;
    ledger_kind_t account;
} methods[LEDGER_METHOD_COUNT] = {
    [LEDGER_METHOD_CASH] = {"cash", "Nộp tiền mặt", "Cash at the office", LEDGER_CASH},
    [LEDGER_METHOD_TRANSFER] = {"transfer", "Chuyển khoản", "Bank transfer", LEDGER_BANK},
    [LEDGER_METHOD_PRISON] = {"prison", "Trại giam thu", "Collected by a prison",
                              LEDGER_IN_TRANSIT},
    [LEDGER_METHOD_AUCTION] = {"auction", "Tiền bán đấu giá tài sản", "Auction proceeds",
                               LEDGER_BANK},
    [LEDGER_METHOD_RELATIVE] = {"relative", "Thân nhân nộp thay", "Paid by a relative",
                                LEDGER_CASH},
};

static int kind_ok(ledger_kind_t k)
{
    return (int)k >= 0 && k < LEDGER_KIND_COUNT;
}

const char *ledger_kind_code(ledger_kind_t k)
{
    return kind_ok(k) ? kinds[k].code : "?";
}

const char *ledger_kind_name_vi(ledger_kind_t k)
{
    return kind_ok(k) ? kinds[k].vi : "?";
}

const char *ledger_kind_name_en(ledger_kind_t k)
{
    return kind_ok(k) ? kinds[k].en : "?";
}

int ledger_kind_parse(const char *code)
{
    for (int k = 0; code != NULL && k < LEDGER_KIND_COUNT; k++)
        if (strcmp(code, kinds[k].code) == 0)
            return k;
    return -1;
}

int ledger_kind_normal(ledger_kind_t k)
{
    return kind_ok(k) ? kinds[k].normal : 0;
}

int ledger_kind_per_case(ledger_kind_t k)
{
    return kind_ok(k) && kinds[k].per_case;
}

static int method_ok(ledger_method_t m)
{
    return (int)m >= 0 && m < LEDGER_METHOD_COUNT;
}

const char *ledger_method_code(ledger_method_t m)
{
    return method_ok(m) ? methods[m].code : "?";
}

const char *ledger_method_name_vi(ledger_method_t m)
{
    return method_ok(m) ? methods[m].vi : "?";
}

const char *ledger_method_name_en(ledger_method_t m)
{
    return method_ok(m) ? methods[m].en : "?";
}

int ledger_method_parse(const char *code)
{
    for (int m = 0; code != NULL && m < LEDGER_METHOD_COUNT; m++)
        if (strcmp(code, methods[m].code) == 0)
            return m;
    return -1;
}

ledger_kind_t ledger_method_account(ledger_method_t m)
{
    return method_ok(m) ? methods[m].account : LEDGER_KIND_COUNT;
}

void ledger_txn_free(ledger_txn_t *t)
{
    free(t->line);
    *t = (ledger_txn_t){0};
}

static int amount_ok(int64_t a)
{
    return a != 0 && a >= -MONEY_AMOUNT_MAX && a <= MONEY_AMOUNT_MAX;
}

/* The accounts kept per payee: what is owed to each, and what is on savings for each. */
static int has_payee(ledger_kind_t k)
{
    return k == LEDGER_PAYABLE || k == LEDGER_SAVINGS;
}

int ledger_txn_add(ledger_txn_t *t, ledger_kind_t kind, int64_t payee, int64_t amount_vnd)
{
    if (!kind_ok(kind) || !amount_ok(amount_vnd) || payee < 0 || (payee != 0 && !has_payee(kind)))
        return LEDGER_INVALID;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        ledger_line_t *l = realloc(t->line, cap * sizeof *l);
        if (l == NULL)
            return LEDGER_NOMEM;
        t->line = l;
        t->cap = cap;
    }
    t->line[t->n++] = (ledger_line_t){kind, payee, amount_vnd};
    return LEDGER_OK;
}

int ledger_txn_check(const ledger_txn_t *t)
{
    int64_t sum = 0;

    if (t->n < 2)
        return LEDGER_INVALID;
    for (size_t i = 0; i < t->n; i++) {
        const ledger_line_t *l = &t->line[i];
        if (!kind_ok(l->kind) || !amount_ok(l->amount_vnd) || l->payee_party_id < 0 ||
            (l->payee_party_id != 0 && !has_payee(l->kind)))
            return LEDGER_INVALID;
        /* |line| <= 10^15, so a running sum of up to 9000 lines cannot overflow; past that
         * the check is what stops it */
        if (money_add(sum, l->amount_vnd, &sum) != MONEY_OK)
            return LEDGER_OVERFLOW;
    }
    return sum == 0 ? LEDGER_OK : LEDGER_UNBALANCED;
}

/* Add two lines, debit then credit, or neither. */
static int add_pair(ledger_txn_t *t, ledger_kind_t dr, int64_t dr_payee, ledger_kind_t cr,
                    int64_t cr_payee, int64_t amount_vnd)
{
    size_t n = t->n;
    int rc;

    if (amount_vnd <= 0 || amount_vnd > MONEY_AMOUNT_MAX)
        return LEDGER_INVALID;
    if ((rc = ledger_txn_add(t, dr, dr_payee, amount_vnd)) != LEDGER_OK ||
        (rc = ledger_txn_add(t, cr, cr_payee, -amount_vnd)) != LEDGER_OK) {
        t->n = n;
        return rc;
    }
    return LEDGER_OK;
}

int ledger_build_collection(ledger_txn_t *t, ledger_method_t m, int64_t amount_vnd)
{
    if (!method_ok(m))
        return LEDGER_INVALID;
    return add_pair(t, methods[m].account, 0, LEDGER_CUSTODY, 0, amount_vnd);
}

int ledger_build_allocation(ledger_txn_t *t, const ledger_share_t *s, size_t n)
{
    int64_t total = 0;
    size_t first = t->n;
    int rc;

    for (size_t i = 0; i < n; i++) {
        if (s[i].amount_vnd < 0 || s[i].payee_party_id < 0)
            return LEDGER_INVALID;
        for (size_t j = 0; j < i; j++)
            if (s[j].payee_party_id == s[i].payee_party_id)
                return LEDGER_INVALID;
        if (money_add(total, s[i].amount_vnd, &total) != MONEY_OK || total > MONEY_AMOUNT_MAX)
            return LEDGER_INVALID;
    }
    if (total == 0)
        return LEDGER_INVALID;
    if ((rc = ledger_txn_add(t, LEDGER_CUSTODY, 0, total)) != LEDGER_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (s[i].amount_vnd == 0)
            continue;
        if ((rc = ledger_txn_add(t, LEDGER_PAYABLE, s[i].payee_party_id, -s[i].amount_vnd)) !=
            LEDGER_OK) {
            t->n = first;
            return rc;
        }
    }
    return LEDGER_OK;
}

int ledger_build_payout(ledger_txn_t *t, int from_custody, int64_t payee, int64_t gross_vnd,
                        int64_t fee_vnd, ledger_kind_t paid_from)
{
    size_t first = t->n;
    int rc;

    if ((paid_from != LEDGER_CASH && paid_from != LEDGER_BANK && paid_from != LEDGER_SAVINGS) ||
        fee_vnd < 0 || fee_vnd > gross_vnd || gross_vnd > MONEY_AMOUNT_MAX ||
        (from_custody && (payee != 0 || paid_from == LEDGER_SAVINGS)))
        return LEDGER_INVALID;
    if (paid_from == LEDGER_SAVINGS) {
        /* the whole sum leaves the savings: the payee gets the net, the fee withheld goes
         * to the bank account with the agency's other money */
        if ((rc = ledger_txn_add(t, LEDGER_PAYABLE, payee, gross_vnd)) != LEDGER_OK ||
            (rc = ledger_txn_add(t, LEDGER_SAVINGS, payee, -gross_vnd)) != LEDGER_OK ||
            (fee_vnd > 0 && ((rc = ledger_txn_add(t, LEDGER_BANK, 0, fee_vnd)) != LEDGER_OK ||
                             (rc = ledger_txn_add(t, LEDGER_FEE, 0, -fee_vnd)) != LEDGER_OK))) {
            t->n = first;
            return rc;
        }
        return LEDGER_OK;
    }
    if ((rc = ledger_txn_add(t, from_custody ? LEDGER_CUSTODY : LEDGER_PAYABLE, payee,
                             gross_vnd)) != LEDGER_OK ||
        (fee_vnd > 0 && (rc = ledger_txn_add(t, LEDGER_FEE, 0, -fee_vnd)) != LEDGER_OK) ||
        (fee_vnd < gross_vnd &&
         (rc = ledger_txn_add(t, paid_from, 0, -(gross_vnd - fee_vnd))) != LEDGER_OK)) {
        t->n = first;
        return rc;
    }
    return LEDGER_OK;
}

int ledger_build_deposit(ledger_txn_t *t, int64_t payee, int64_t amount_vnd, ledger_kind_t from)
{
    size_t first = t->n;
    int rc;

    if ((from != LEDGER_CASH && from != LEDGER_BANK) || amount_vnd > MONEY_AMOUNT_MAX)
        return LEDGER_INVALID;
    if ((rc = ledger_txn_add(t, LEDGER_SAVINGS, payee, amount_vnd)) != LEDGER_OK ||
        (rc = ledger_txn_add(t, from, 0, -amount_vnd)) != LEDGER_OK) {
        t->n = first;
        return rc;
    }
    return LEDGER_OK;
}

int ledger_build_reversal(ledger_txn_t *t, const ledger_txn_t *orig)
{
    size_t first = t->n;

    for (size_t i = 0; i < orig->n; i++) {
        const ledger_line_t *l = &orig->line[i];
        int rc = ledger_txn_add(t, l->kind, l->payee_party_id, -l->amount_vnd);
        if (rc != LEDGER_OK) {
            t->n = first;
            return rc;
        }
    }
    return LEDGER_OK;
}

int ledger_balance_delta(ledger_kind_t kind, int64_t amount_vnd, int64_t *out)
{
    if (!kind_ok(kind))
        return LEDGER_INVALID;
    if (kinds[kind].normal < 0 && amount_vnd == INT64_MIN)
        return LEDGER_OVERFLOW;
    *out = kinds[kind].normal * amount_vnd;
    return LEDGER_OK;
}

int ledger_balance_after(ledger_kind_t kind, int64_t balance_vnd, int64_t amount_vnd, int64_t *out)
{
    int64_t delta, b;
    int rc = ledger_balance_delta(kind, amount_vnd, &delta);

    if (rc != LEDGER_OK)
        return rc;
    if (money_add(balance_vnd, delta, &b) != MONEY_OK)
        return LEDGER_OVERFLOW;
    if (b < 0)
        return LEDGER_NEGATIVE;
    *out = b;
    return LEDGER_OK;
}
