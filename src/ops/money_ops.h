/*
 * ops/money_ops.h — money through the ledger: a collection with its receipt, the void of
 * a receipt, the allocation of what a case holds by the legal order of payment, and a
 * payout with its voucher (THADS.md 4; issue 14).
 *
 * Each collection, payout and void is a case event (money_collected, money_paid,
 * money_voided) judged by the case engine like any other — state, dates, what the case
 * holds, the payout deadlines — and the ledger transaction and the document are written
 * with it (money_post, called by ops/case_work.c as it writes the events), in the
 * caller's transaction with the statistics deltas; the caller audits. A history taken
 * over from paper (the importer) posts its money without documents.
 */
#ifndef THADS_OPS_MONEY_OPS_H
#define THADS_OPS_MONEY_OPS_H

#include "core/case_engine.h"
#include "core/ledger.h"
#include "core/ledger_sums.h"
#include "ops/app.h"
#include "ops/op.h"
#include "store/cases.h"

#include <stddef.h>
#include <stdint.h>

#define MONEY_PAYER_NAME_MAX    200
#define MONEY_PAYER_ADDRESS_MAX 300
#define MONEY_REASON_MAX        1000

/* The document a money event is written with (case_event_input_t.money). */
typedef struct money_doc {
    /* money_collected: the receipt */
    ledger_method_t method;
    const char *payer_name, *payer_address, *on_behalf_of; /* address, behalf: may be NULL */
    /* money_paid: the voucher (fee: withheld from gross, computed by money_op_payout) */
    int64_t payee_party_id; /* 0: the State budget */
    const char *payee_name;
    int64_t fee_vnd;
    int paid_in_cash; /* else by transfer */
    /* money_voided: the receipt voided, and why */
    int64_t receipt_id, receipt_txn_id;
    const char *reason;
    /* money_paid: the head who approved what is paid; payout_approved: the allocation */
    int64_t approved_by, allocation_txn_id;
    /* money_paid: out of the payee's savings (money_deposited put it there) */
    int from_savings;
    /* written: the receipt's or voucher's id, number and year */
    int64_t doc_id, number;
    int year;
} money_doc_t;

/* Post the ledger transaction and write the document of money event seq (type, amount,
 * on) of case c: called for every money event as it is written; sums: a bulk load's
 * (ledger_post_summing), else NULL. 0 or the refusal (an account that would go below
 * zero) or the store's failure. */
int money_post(db_t *db, const case_row_t *c, case_event_t type, int64_t amount_vnd,
               civil_date_t on, int64_t seq, money_doc_t *doc, int64_t actor, int64_t now,
               ledger_sums_t *sums, op_error_t *err);

typedef struct {
    civil_date_t on;
    int64_t amount_vnd;
    ledger_method_t method;
    const char *payer_name, *payer_address, *on_behalf_of;
} money_collection_t;

/* Receive money for a case and issue its receipt (numbered in the case's unit and the
 * year of `on`). Refusals: those of an event (case_op_event), a bad method or payer. */
int money_op_collect(db_t *db, const app_t *app, int64_t case_id, const money_collection_t *in,
                     int64_t actor, civil_date_t today, int64_t now, money_doc_t *out,
                     op_error_t *err);

/* Void a receipt: its collection is undone (reversed in the ledger, money_voided on the
 * case); the receipt keeps its number and shows as void. Refused when it is void already,
 * or when its money is allocated or paid out. */
int money_op_void(db_t *db, const app_t *app, int64_t receipt_id, const char *reason,
                  civil_date_t on, int64_t actor, civil_date_t today, int64_t now, op_error_t *err);

/* A split of what a case holds unallocated: one share per obligation item still owed,
 * then what goes back to the debtor. */
typedef struct {
    int64_t item_id; /* 0: the surplus, back to the debtor */
    int64_t payee_party_id;
    int rank;
    int64_t owed_vnd, share_vnd;
} money_share_t;

typedef struct {
    int64_t case_id, held_vnd, unallocated_vnd;
    money_share_t *share;
    size_t n;
} money_split_t;
void money_split_free(money_split_t *s);

/* The split the law gives (core/allocation.h) of what case_id holds unallocated. */
int money_op_propose(db_t *db, int64_t case_id, money_split_t *out, op_error_t *err);

/* Confirm a split: the proposal as it is (adjusted NULL), or adjusted by the officer
 * (shares per item_id, surplus as item 0; every item still owed listed), with the reason
 * required then. Moves the money from the case's custody to each payee's payable. */
int money_op_allocate(db_t *db, int64_t case_id, const money_share_t *adjusted, size_t n,
                      const char *reason, civil_date_t on, int64_t actor, civil_date_t today,
                      int64_t now, int64_t *txn_id, op_error_t *err);

typedef struct {
    civil_date_t on;
    int64_t payee_party_id; /* 0: the State budget */
    int64_t gross_vnd;
    int in_cash;
} money_payout_t;

/* The head of the agency approves an allocation (txn_id, of case_id) for payout, on
 * `on`: the payees are told to come for their money (payout_approved starts D31 with the
 * allocation's total, set in *amount_vnd). Refusals: no such allocation of the case,
 * approved already, those of an event. */
int money_op_approve(db_t *db, const app_t *app, int64_t case_id, int64_t txn_id, civil_date_t on,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *amount_vnd,
                     op_error_t *err);

/* Approve every allocation of case_id that awaits approval (money_op_approve), on `on`:
 * *amount_vnd gets what they give in all. Refused when none awaits it. */
int money_op_approve_all(db_t *db, const app_t *app, int64_t case_id, civil_date_t on,
                         int64_t actor, civil_date_t today, int64_t now, int64_t *amount_vnd,
                         op_error_t *err);

/* Put on savings what the head approved for a payee who has not come for it (Decree 62
 * Art 49: after D31's 15 days), from the bank account (or the cash box, from_cash): all of
 * what is approved, unpaid and not on savings yet, set in *amount_vnd. It stays owed to
 * the payee and is paid out of the savings later. Refusals: nothing to deposit, a till
 * that does not hold it, those of an event. */
int money_op_deposit(db_t *db, const app_t *app, int64_t case_id, int64_t payee_party_id,
                     civil_date_t on, int from_cash, int64_t actor, civil_date_t today, int64_t now,
                     int64_t *amount_vnd, op_error_t *err);

/* Pay out of what is allocated to a payee and approved, withholding the enforcement fee
 * due on a creditor's money, with a numbered voucher. Refusals: those of money_paid, a
 * payee who is not one of the case, more than is approved for them and not yet paid, more
 * than is allocated to them, a till that does not hold it. */
int money_op_payout(db_t *db, const app_t *app, int64_t case_id, const money_payout_t *in,
                    int64_t actor, civil_date_t today, int64_t now, money_doc_t *out,
                    op_error_t *err);

/* Pay every payee of the case what is allocated to them, approved and not yet paid out,
 * one voucher each (money_op_payout), on `on`, in cash or by transfer. */
int money_op_payout_all(db_t *db, const app_t *app, int64_t case_id, civil_date_t on, int in_cash,
                        int64_t actor, civil_date_t today, int64_t now, op_error_t *err);

#endif
