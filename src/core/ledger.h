/*
 * core/ledger.h — the double-entry custody ledger's accounts and transactions, pure.
 *
 * Money an enforcement agency holds moves between accounts in balanced transactions
 * (THADS.md 4.3): a collection brings money into the unit's cash, bank or in-transit
 * account and owes it to the case (custody); confirming its allocation moves it from the
 * case's custody to what is owed to each payee (payable: a creditor, the State budget,
 * the debtor for a surplus); a payout takes it out of payable (or, for a history taken
 * over from paper, out of custody) to cash or bank, withholding the enforcement fee into
 * the unit's fee account. A mistake is never edited: a reversal posts the same lines
 * negated and names the transaction it reverses.
 *
 * A line's amount is signed: positive debits its account, negative credits it; the lines
 * of a transaction sum to zero. Every account has a normal side — the unit's money is
 * debit-normal (an asset), what it owes is credit-normal — and its balance, kept on that
 * side, may never go below zero: money cannot be paid out of a case that does not hold
 * it, nor out of a till that is empty. ledger_balance_after() is that rule in one place;
 * the database holds it again (CHECK balance_vnd >= 0, migrations/0009_ledger.sql).
 *
 * The accounts of a line are named by kind and payee; the unit and the case are the
 * transaction's. Pure: no I/O; the line array is the only allocation (ledger_txn_free).
 */
#ifndef THADS_CORE_LEDGER_H
#define THADS_CORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    LEDGER_CASH,       /* quỹ tiền mặt: cash at the office (asset) */
    LEDGER_BANK,       /* tài khoản tạm giữ tại Kho bạc / ngân hàng (asset) */
    LEDGER_IN_TRANSIT, /* tiền đang chuyển: collected by a prison or another unit (asset) */
    LEDGER_CUSTODY, /* tiền tạm giữ của việc thi hành án, chưa phân bổ (owed to the case) */
    LEDGER_PAYABLE, /* phải chi trả cho người được nhận (owed to a payee of the case) */
    LEDGER_FEE,     /* phí thi hành án đã thu (the unit's fee revenue) */
    /* tiền gửi tiết kiệm không kỳ hạn: a payee's unclaimed money put on savings (asset,
     * per case and payee; Decree 62 Art 49) */
    LEDGER_SAVINGS,
    LEDGER_KIND_COUNT
} ledger_kind_t;

const char *ledger_kind_code(ledger_kind_t k);
const char *ledger_kind_name_vi(ledger_kind_t k);
const char *ledger_kind_name_en(ledger_kind_t k);
int ledger_kind_parse(const char *code);
/* +1 debit-normal (the unit's money), -1 credit-normal (what it owes). */
int ledger_kind_normal(ledger_kind_t k);
/* Kinds kept per case (custody, payable); the others are the unit's. */
int ledger_kind_per_case(ledger_kind_t k);

/* How money came in: decides the account it is debited to. */
typedef enum {
    LEDGER_METHOD_CASH,     /* nộp tiền mặt tại cơ quan */
    LEDGER_METHOD_TRANSFER, /* chuyển khoản */
    LEDGER_METHOD_PRISON,   /* trại giam thu (in transit until handed over) */
    LEDGER_METHOD_AUCTION,  /* tiền bán đấu giá tài sản (paid to the bank account) */
    LEDGER_METHOD_RELATIVE, /* thân nhân nộp thay (cash) */
    LEDGER_METHOD_COUNT
} ledger_method_t;

const char *ledger_method_code(ledger_method_t m);
const char *ledger_method_name_vi(ledger_method_t m);
const char *ledger_method_name_en(ledger_method_t m);
int ledger_method_parse(const char *code);
ledger_kind_t ledger_method_account(ledger_method_t m);

typedef struct {
    ledger_kind_t kind;
    int64_t payee_party_id; /* LEDGER_PAYABLE: the payee (0: the State budget); else 0 */
    int64_t amount_vnd;     /* > 0 debit, < 0 credit; never 0 */
} ledger_line_t;

typedef struct {
    ledger_line_t *line;
    size_t n, cap;
} ledger_txn_t;

void ledger_txn_free(ledger_txn_t *t);

enum {
    LEDGER_OK = 0,
    LEDGER_NOMEM = -1,
    LEDGER_INVALID = -2,    /* an amount not positive or above MONEY_AMOUNT_MAX, a bad kind */
    LEDGER_UNBALANCED = -3, /* ledger_txn_check: the lines do not sum to zero */
    LEDGER_NEGATIVE = -4,   /* ledger_balance_after: the account would go below zero */
    LEDGER_OVERFLOW = -5,
};

/* Append a line: LEDGER_OK, LEDGER_NOMEM, or LEDGER_INVALID (amount 0 or |amount| above
 * MONEY_AMOUNT_MAX, kind out of range, a payee on a kind that has none). */
int ledger_txn_add(ledger_txn_t *t, ledger_kind_t kind, int64_t payee, int64_t amount_vnd);

/* A transaction the ledger takes: two lines or more, each valid, summing to zero. */
int ledger_txn_check(const ledger_txn_t *t);

/* Money received for a case: Dr the method's account, Cr the case's custody. */
int ledger_build_collection(ledger_txn_t *t, ledger_method_t m, int64_t amount_vnd);

/* An allocation confirmed: Dr custody the shares' total, Cr each payee's payable.
 * Shares of 0 are skipped; payees must differ. */
typedef struct {
    int64_t payee_party_id; /* 0: the State budget */
    int64_t amount_vnd;
} ledger_share_t;
int ledger_build_allocation(ledger_txn_t *t, const ledger_share_t *s, size_t n);

/* A payout of gross to a payee: Dr payee's payable (or custody, from_custody), Cr the
 * fee account `fee` (0: none), Cr cash or bank gross - fee (none when the fee takes it
 * all: a small sum that carries the creditor's total across the no-fee threshold). Out of
 * the payee's savings (paid_from LEDGER_SAVINGS): Cr savings gross, and the fee, withheld,
 * Dr bank Cr fee. */
int ledger_build_payout(ledger_txn_t *t, int from_custody, int64_t payee, int64_t gross_vnd,
                        int64_t fee_vnd, ledger_kind_t paid_from);

/* A payee's unclaimed money put on savings: Dr the payee's savings, Cr the bank account
 * (or the cash box) it leaves. What is owed to the payee (payable) does not move. */
int ledger_build_deposit(ledger_txn_t *t, int64_t payee, int64_t amount_vnd, ledger_kind_t from);

/* The reversal of orig: its lines negated, in order. */
int ledger_build_reversal(ledger_txn_t *t, const ledger_txn_t *orig);

/* What a line of amount adds to the balance of an account of kind (its normal side):
 * LEDGER_OK with *out set, LEDGER_OVERFLOW. */
int ledger_balance_delta(ledger_kind_t kind, int64_t amount_vnd, int64_t *out);

/* The balance of an account (kind) after a line of amount is posted to it, on the
 * account's normal side: LEDGER_OK with *out set, LEDGER_NEGATIVE if it would go below
 * zero, LEDGER_OVERFLOW. */
int ledger_balance_after(ledger_kind_t kind, int64_t balance_vnd, int64_t amount_vnd, int64_t *out);

#endif
