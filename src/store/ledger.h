/*
 * store/ledger.h — the custody ledger's rows: accounts and their balances, balanced
 * transactions and their entries, allocation shares, receipts and their voids, payout
 * vouchers, and the counters that number documents without gaps (migrations/0009).
 * The rules of which lines a transaction has are core/ledger.h's; the operations that
 * write them with their case events are ops/money_ops.c's. Each function runs inside
 * the caller's transaction.
 */
#ifndef THADS_STORE_LEDGER_H
#define THADS_STORE_LEDGER_H

#include "core/civil_date.h"
#include "core/ledger.h"
#include "core/ledger_sums.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t unit_id, case_id; /* case_id 0: a transaction of the unit only */
    const char *kind;         /* collection, allocation, payout, reversal */
    civil_date_t occurred_on;
    int64_t recorded_at, actor_user_id, event_seq, reverses_txn_id; /* 0: none */
    const char *memo;                                               /* may be NULL */
} ledger_txn_head_t;

/*
 * Post t (checked: ledger_txn_check) with its head: each line's account (created at
 * zero the first time) moves by the line, after its row is locked. DB_OK with *txn_id;
 * DB_CONSTRAINT when an account would go below zero, with *short_line (may be NULL) the
 * line at fault and nothing of the transaction written but what the caller's rollback
 * undoes; or the store error. A transaction posts each account at most once.
 */
int ledger_post(db_t *db, const ledger_txn_head_t *h, const ledger_txn_t *t, int64_t *txn_id,
                size_t *short_line);
/* ledger_post for a bulk load (sums may be NULL: ledger_post). On a connection that does
 * not wait for its writes (db_pipelined: PostgreSQL) the lines to the unit's own accounts
 * are added to sums (core/ledger_sums.h), the account made at zero at its first line,
 * and ledger_sums_write moves their balances before the commit; the other lines post as
 * ledger_post does. Elsewhere (SQLite, which changes a row in place) exactly ledger_post. */
int ledger_post_summing(db_t *db, const ledger_txn_head_t *h, const ledger_txn_t *t,
                        ledger_sums_t *sums, int64_t *txn_id, size_t *short_line);
/* Add each sum to its account's balance, and forget the sums: DB_OK; DB_CONSTRAINT when
 * a balance would go below zero; or the store error (one past INT64_MAX is refused by
 * PostgreSQL). */
int ledger_sums_write(db_t *db, ledger_sums_t *sums);

/* The balance of one account (0 if it was never posted): DB_OK or the error. */
int ledger_balance(db_t *db, int64_t unit_id, ledger_kind_t kind, int64_t case_id, int64_t payee,
                   int64_t *balance_vnd);

/* The lines of a transaction, in order, into t (appended): DB_OK, DB_DONE (no such
 * transaction), DB_NOMEM or the error. *head_kind (16 bytes) gets its kind. */
int ledger_txn_lines(db_t *db, int64_t txn_id, ledger_txn_t *t, char head_kind[16]);

/* The next number of series in (unit, year), taken in this transaction: DB_OK or the error. */
int ledger_next_number(db_t *db, int64_t unit_id, const char *series, int year, int64_t *number);

/* An allocation's share of one item (item 0: the surplus back to the debtor). */
int allocation_share_insert(db_t *db, int64_t txn_id, int64_t item_id, int64_t payee,
                            int64_t amount_vnd);
/* What the case's allocations gave each item so far: fn(item_id, sum, arg) for each. */
typedef int (*allocated_fn)(int64_t item_id, int64_t amount_vnd, void *arg);
int allocation_sums_of_case(db_t *db, int64_t case_id, allocated_fn fn, void *arg);

typedef struct {
    int64_t id, unit_id, case_id, txn_id, event_seq, actor_user_id, recorded_at;
    int year;
    int64_t number, amount_vnd;
    char form[16], method[16], payer_name[801], payer_address[1201], on_behalf_of[801];
    civil_date_t issued_on;
    /* void */
    int voided;
    char void_reason[4001];
    civil_date_t voided_on;
    /* for display */
    char case_no[65], unit_code[33], actor_name[801];
} receipt_row_t;

typedef struct {
    int64_t unit_id;
    int year;
    int64_t number;
    const char *form, *method, *payer_name, *payer_address, *on_behalf_of;
    int64_t case_id, amount_vnd, txn_id, actor_user_id, recorded_at;
    civil_date_t issued_on;
} receipt_new_t;

int receipts_insert(db_t *db, const receipt_new_t *r, int64_t *id);
int receipt_void_insert(db_t *db, int64_t receipt_id, const char *reason, civil_date_t on,
                        int64_t txn_id, int64_t actor, int64_t now);
/* DB_ROW, DB_DONE or the error. */
int receipts_get(db_t *db, int64_t id, receipt_row_t *out);
typedef int (*receipt_fn)(const receipt_row_t *r, void *arg);
int receipts_of_case(db_t *db, int64_t case_id, receipt_fn fn, void *arg);
/* Receipts issued by the units of root's subtree on `day` (the cashier's daily book). */
int receipts_of_day(db_t *db, int64_t root, civil_date_t day, receipt_fn fn, void *arg);

typedef struct {
    int64_t id, unit_id, case_id, payee_party_id, txn_id, actor_user_id, recorded_at;
    int year;
    int64_t number, gross_vnd, fee_vnd;
    char payee_name[801], method[16];
    civil_date_t paid_on;
    char case_no[65], unit_code[33], actor_name[801];
} payout_row_t;

typedef struct {
    int64_t unit_id;
    int year;
    int64_t number, case_id, payee_party_id;
    const char *payee_name, *method;
    int64_t gross_vnd, fee_vnd, txn_id, actor_user_id, recorded_at;
    civil_date_t paid_on;
    int64_t approved_by; /* the head who approved the allocation paid (0: none) */
} payout_new_t;

int payouts_insert(db_t *db, const payout_new_t *p, int64_t *id);
/* What case_id paid out of its custody without an allocation (a history taken over from
 * paper, an opening balance): DB_OK or the error. */
int ledger_paid_from_custody(db_t *db, int64_t case_id, int64_t *gross_vnd);
/* What case_id has paid out to payee so far, gross: DB_OK or the error. */
int payouts_sum_to(db_t *db, int64_t case_id, int64_t payee, int64_t *gross_vnd);
typedef int (*payout_fn)(const payout_row_t *p, void *arg);
int payouts_of_case(db_t *db, int64_t case_id, payout_fn fn, void *arg);
int payouts_of_day(db_t *db, int64_t root, civil_date_t day, payout_fn fn, void *arg);

/* The accounts of a case (custody, payable per payee) with their balances. */
typedef int (*account_fn)(ledger_kind_t kind, int64_t payee, int64_t balance_vnd, void *arg);
int ledger_accounts_of_case(db_t *db, int64_t case_id, account_fn fn, void *arg);
/* The balances of root's subtree by unit and kind: fn(unit_id, unit code, kind, sum). */
typedef int (*unit_balance_fn)(int64_t unit_id, const char *unit_code, ledger_kind_t kind,
                               int64_t balance_vnd, void *arg);
int ledger_balances_by_unit(db_t *db, int64_t root, unit_balance_fn fn, void *arg);

/* What the tills of root's subtree (cash and bank, the tree as of `day`) held when `day`
 * began and when it ended, by the ledger's entries dated up to it: DB_OK or the error. */
typedef struct {
    int64_t open_cash, open_bank, close_cash, close_bank;
} ledger_till_t;
int ledger_till_on(db_t *db, int64_t root, civil_date_t day, ledger_till_t *out);

/* ---- what `thads fsck` checks (each calls fn with a line saying what is wrong) ---- */
typedef int (*ledger_problem_fn)(const char *what, void *arg);
/* Every transaction has two entries or more summing to zero; every balance equals the
 * sum of its entries (on its normal side) and is not negative; receipt and payout
 * numbers run 1..n per unit and year without gap or duplicate, up to their counter;
 * every case's collected, paid and held equal its ledger's. *problems gets the count. */
int ledger_check(db_t *db, ledger_problem_fn fn, void *arg, int64_t *problems);

#endif
