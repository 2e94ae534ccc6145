/*
 * ops/money_ops.c — collections, voids, allocations and payouts through the ledger
 * (ops/money_ops.h).
 */
#include "ops/money_ops.h"

#include "core/allocation.h"
#include "core/case_kind.h"
#include "core/fee.h"
#include "core/money.h"
#include "ops/case_internal.h"
#include "store/approval.h"
#include "store/ledger.h"
#include "store/prisoners.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The receipt form of money received for enforcement (Circular 91/2010/TT-BTC: C28-THA,
 * the general receipt; THADS.md 4.3). */
#define RECEIPT_FORM "C28-THA"

static int year_of(civil_date_t on)
{
    int y, m, d;
    civil_date_to_ymd(on, &y, &m, &d);
    return y;
}

/* ---- posting, as the events are written ---- */

static int posted(db_t *db, int rc, size_t short_line, const ledger_txn_t *t, case_event_t type,
                  op_error_t *err)
{
    ledger_kind_t k;

    if (rc == DB_OK)
        return 0;
    if (rc != DB_CONSTRAINT || short_line >= t->n)
        return op_fail_db(err, db);
    k = t->line[short_line].kind;
    if (type == CASE_EVENT_MONEY_VOIDED)
        return op_refuse(err, OP_CONFLICT,
                         k == LEDGER_CUSTODY ? MSG_RECEIPT_ALLOCATED : MSG_TILL_SHORT, NULL);
    if (k == LEDGER_PAYABLE)
        return op_refuse(err, OP_CONFLICT, MSG_PAYEE_NOT_OWED, "gross_vnd");
    if (k == LEDGER_CUSTODY)
        return op_refuse(err, OP_CONFLICT, MSG_MORE_THAN_HELD, "amount_vnd");
    return op_refuse(err, OP_CONFLICT, MSG_TILL_SHORT,
                     type == CASE_EVENT_MONEY_DEPOSITED ? "from_cash" : "in_cash");
}

/* The ledger lines of a money event, from its document (NULL: a history taken over). */
static int build(case_event_t type, int64_t amount, db_t *db, const money_doc_t *doc,
                 ledger_txn_t *t, const char **kind)
{
    switch (type) {
    case CASE_EVENT_MONEY_COLLECTED:
        *kind = "collection";
        return ledger_build_collection(t, doc ? doc->method : LEDGER_METHOD_TRANSFER, amount) ==
                       LEDGER_OK
                   ? DB_OK
                   : DB_NOMEM;
    case CASE_EVENT_MONEY_PAID:
        *kind = "payout";
        return ledger_build_payout(t, doc == NULL, doc ? doc->payee_party_id : 0, amount,
                                   doc ? doc->fee_vnd : 0,
                                   doc && doc->from_savings   ? LEDGER_SAVINGS
                                   : doc && doc->paid_in_cash ? LEDGER_CASH
                                                              : LEDGER_BANK) == LEDGER_OK
                   ? DB_OK
                   : DB_NOMEM;
    case CASE_EVENT_MONEY_DEPOSITED:
        *kind = "deposit";
        if (doc == NULL)
            return DB_ERROR;
        return ledger_build_deposit(t, doc->payee_party_id, amount,
                                    doc->paid_in_cash ? LEDGER_CASH : LEDGER_BANK) == LEDGER_OK
                   ? DB_OK
                   : DB_NOMEM;
    case CASE_EVENT_MONEY_VOIDED: {
        ledger_txn_t orig = {0};
        char orig_kind[16];
        int rc;
        *kind = "reversal";
        if (doc == NULL)
            return DB_ERROR;
        if ((rc = ledger_txn_lines(db, doc->receipt_txn_id, &orig, orig_kind)) == DB_OK)
            rc = ledger_build_reversal(t, &orig) == LEDGER_OK ? DB_OK : DB_NOMEM;
        ledger_txn_free(&orig);
        return rc == DB_DONE ? DB_ERROR : rc;
    }
    default:
        return DB_ERROR;
    }
}

/* The document of a posted money event. */
static int write_doc(db_t *db, const case_row_t *c, case_event_t type, int64_t amount,
                     civil_date_t on, int64_t txn, money_doc_t *doc, int64_t actor, int64_t now)
{
    int rc;

    doc->year = year_of(on);
    if (type == CASE_EVENT_MONEY_DEPOSITED) /* the bank's slip: the ledger's transaction */
        return DB_OK;
    if (type == CASE_EVENT_MONEY_VOIDED)
        return receipt_void_insert(db, doc->receipt_id, doc->reason, on, txn, actor, now);
    if ((rc = ledger_next_number(db, c->unit_id,
                                 type == CASE_EVENT_MONEY_COLLECTED ? "receipt" : "payout",
                                 doc->year, &doc->number)) != DB_OK)
        return rc;
    if (type == CASE_EVENT_MONEY_COLLECTED) {
        receipt_new_t r = {c->unit_id,
                           doc->year,
                           doc->number,
                           RECEIPT_FORM,
                           ledger_method_code(doc->method),
                           doc->payer_name,
                           doc->payer_address,
                           doc->on_behalf_of,
                           c->id,
                           amount,
                           txn,
                           actor,
                           now,
                           on};
        return receipts_insert(db, &r, &doc->doc_id);
    }
    payout_new_t p = {c->unit_id,
                      doc->year,
                      doc->number,
                      c->id,
                      doc->payee_party_id,
                      doc->payee_name,
                      doc->paid_in_cash ? "cash" : "transfer",
                      amount,
                      doc->fee_vnd,
                      txn,
                      actor,
                      now,
                      on,
                      doc->approved_by};
    return payouts_insert(db, &p, &doc->doc_id);
}

int money_post(db_t *db, const case_row_t *c, case_event_t type, int64_t amount_vnd,
               civil_date_t on, int64_t seq, money_doc_t *doc, int64_t actor, int64_t now,
               ledger_sums_t *sums, op_error_t *err)
{
    ledger_txn_t t = {0};
    ledger_txn_head_t h = {c->unit_id, c->id, NULL, on, now, actor, seq, 0, NULL};
    int64_t txn = 0;
    size_t short_line = SIZE_MAX;
    int rc;

    if (type == CASE_EVENT_PAYOUT_APPROVED) /* moves no money: the approval is the record */
        return doc != NULL && allocation_approval_insert(db, doc->allocation_txn_id, c->id, seq, on,
                                                         actor, now) == DB_OK
                   ? 0
                   : op_fail_db(err, db);
    rc = build(type, amount_vnd, db, doc, &t, &h.kind);

    if (rc == DB_NOMEM) {
        ledger_txn_free(&t);
        return op_fail_nomem(err);
    }
    if (rc != DB_OK) {
        ledger_txn_free(&t);
        return op_fail_db(err, db);
    }
    if (type == CASE_EVENT_MONEY_VOIDED) {
        h.reverses_txn_id = doc->receipt_txn_id;
        h.memo = doc->reason;
    } else if (doc == NULL) {
        h.memo = "imported";
    }
    rc = ledger_post_summing(db, &h, &t, sums, &txn, &short_line);
    rc = posted(db, rc, short_line, &t, type, err);
    ledger_txn_free(&t);
    if (rc != 0)
        return rc;
    if (doc != NULL && write_doc(db, c, type, amount_vnd, on, txn, doc, actor, now) != DB_OK)
        return op_fail_db(err, db);
    return 0;
}

/* ---- collection and void ---- */

int money_op_collect(db_t *db, const app_t *app, int64_t case_id, const money_collection_t *in,
                     int64_t actor, civil_date_t today, int64_t now, money_doc_t *out,
                     op_error_t *err)
{
    case_event_input_t ev = {
        .type = CASE_EVENT_MONEY_COLLECTED, .occurred_on = in->on, .amount_vnd = in->amount_vnd};
    int rc;

    if ((int)in->method < 0 || in->method >= LEDGER_METHOD_COUNT)
        return op_refuse(err, OP_INVALID, MSG_METHOD, "method");
    if ((rc = case_op_check_text(err, "payer_name", in->payer_name, MONEY_PAYER_NAME_MAX, 1)) !=
            0 ||
        (rc = case_op_check_text(err, "payer_address", in->payer_address, MONEY_PAYER_ADDRESS_MAX,
                                 0)) != 0 ||
        (rc = case_op_check_text(err, "on_behalf_of", in->on_behalf_of, MONEY_PAYER_NAME_MAX, 0)) !=
            0)
        return rc;
    *out = (money_doc_t){.method = in->method,
                         .payer_name = in->payer_name,
                         .payer_address = in->payer_address,
                         .on_behalf_of = in->on_behalf_of};
    ev.money = out;
    return case_op_event(db, app, case_id, &ev, actor, today, now, NULL, err);
}

int money_op_void(db_t *db, const app_t *app, int64_t receipt_id, const char *reason,
                  civil_date_t on, int64_t actor, civil_date_t today, int64_t now, op_error_t *err)
{
    receipt_row_t r;
    money_doc_t doc;
    case_event_input_t ev = {.type = CASE_EVENT_MONEY_VOIDED, .occurred_on = on, .reason = reason};
    int rc = receipts_get(db, receipt_id, &r);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_RECEIPT, NULL);
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if ((rc = case_op_check_text(err, "reason", reason, MONEY_REASON_MAX, 1)) != 0)
        return rc;
    if (r.voided)
        return op_refuse(err, OP_CONFLICT, MSG_RECEIPT_VOIDED, NULL);
    doc = (money_doc_t){.receipt_id = r.id, .receipt_txn_id = r.txn_id, .reason = reason};
    ev.amount_vnd = r.amount_vnd;
    ev.corrects_seq = r.event_seq;
    ev.money = &doc;
    return case_op_event(db, app, r.case_id, &ev, actor, today, now, NULL, err);
}

/* ---- allocation ---- */

void money_split_free(money_split_t *s)
{
    free(s->share);
    *s = (money_split_t){0};
}

typedef struct {
    money_split_t *s;
    size_t cap;
    int nomem;
} items_t;

static int keep_item(const case_item_row_t *it, void *arg)
{
    items_t *x = arg;
    if (it->amount_vnd <= 0)
        return 0; /* not money: an act, an asset to hand over */
    if (x->s->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 8;
        money_share_t *m = realloc(x->s->share, (cap + 1) * sizeof *m); /* + the surplus */
        if (m == NULL)
            return x->nomem = 1;
        x->s->share = m;
        x->cap = cap;
    }
    x->s->share[x->s->n++] =
        (money_share_t){it->id, it->creditor_party_id, it->payment_rank, it->amount_vnd, 0};
    return 0;
}

static int less_allocated(int64_t item_id, int64_t amount_vnd, void *arg)
{
    money_split_t *s = arg;
    for (size_t i = 0; i < s->n; i++)
        if (s->share[i].item_id == item_id)
            s->share[i].owed_vnd -= amount_vnd;
    return 0;
}

typedef struct {
    int64_t debtor, creditors[CASE_MAX_PARTIES];
    size_t ncreditors;
    char name[CASE_MAX_PARTIES][801];
    int64_t ids[CASE_MAX_PARTIES];
    size_t n;
} parties_t;

static int keep_party(const case_party_row_t *p, void *arg)
{
    parties_t *x = arg;
    if (strcmp(p->role, "debtor") == 0 && x->debtor == 0)
        x->debtor = p->party_id;
    if (strcmp(p->role, "creditor") == 0 && x->ncreditors < CASE_MAX_PARTIES)
        x->creditors[x->ncreditors++] = p->party_id;
    if (x->n < CASE_MAX_PARTIES) {
        x->ids[x->n] = p->party_id;
        snprintf(x->name[x->n], sizeof x->name[x->n], "%s", p->full_name);
        x->n++;
    }
    return 0;
}

static alloc_step_t step_of_rank(int rank)
{
    return rank == 1 ? ALLOC_STEP_RANK1 : rank == 2 ? ALLOC_STEP_RANK2 : ALLOC_STEP_RANK3;
}

/* Money paid out before the ledger knew to whom (a history taken over from paper, an
 * opening balance) paid the items as the law orders them: take it off what each is owed
 * by the same split, so that later collections are not allocated to debts already paid. */
static int less_paid_on_paper(money_split_t *s, int64_t paid, op_error_t *err)
{
    alloc_claim_t *claims = calloc(s->n + 1, sizeof *claims);
    money_t *shares = calloc(s->n + 1, sizeof *shares), surplus = 0;
    int rc;

    if (claims == NULL || shares == NULL) {
        free(claims);
        free(shares);
        return op_fail_nomem(err);
    }
    for (size_t i = 0; i < s->n; i++)
        claims[i] =
            (alloc_claim_t){s->share[i].item_id, step_of_rank(s->share[i].rank), ALLOC_POOL_FIRST,
                            s->share[i].owed_vnd > 0 ? s->share[i].owed_vnd : 0};
    rc = alloc_split(paid, claims, s->n, shares, &surplus, NULL);
    for (size_t i = 0; rc == ALLOC_OK && i < s->n; i++)
        s->share[i].owed_vnd -= shares[i];
    free(claims);
    free(shares);
    if (rc == ALLOC_NOMEM)
        return op_fail_nomem(err);
    return rc == ALLOC_OK ? 0 : op_refuse(err, OP_INTERNAL, alloc_message(rc), NULL);
}

/* The items still owed and what the case holds unallocated, shares 0: DB_OK or the error. */
static int read_claims(db_t *db, const case_row_t *c, money_split_t *s, parties_t *parties,
                       op_error_t *err)
{
    items_t x = {s, 0, 0};
    int64_t on_paper = 0, in_transit = 0;
    size_t kept = 0;
    int rc;

    *s = (money_split_t){.case_id = c->id, .held_vnd = c->collected_vnd - c->paid_vnd};
    *parties = (parties_t){0};
    if (case_items_list(db, c->id, keep_item, &x) != DB_OK || x.nomem ||
        allocation_sums_of_case(db, c->id, less_allocated, s) != DB_OK ||
        ledger_paid_from_custody(db, c->id, &on_paper) != DB_OK ||
        case_parties_list(db, c->id, keep_party, parties) != DB_OK ||
        ledger_balance(db, c->unit_id, LEDGER_CUSTODY, c->id, 0, &s->unallocated_vnd) != DB_OK ||
        prison_in_transit_of_case(db, c->id, &in_transit) != DB_OK)
        return x.nomem ? op_fail_nomem(err) : op_fail_db(err, db);
    /* money a camp collected is the case's, but not the agency's to pay out until it has
     * received it: paid out before, it would come out of other cases' money in the bank */
    s->unallocated_vnd = s->unallocated_vnd > in_transit ? s->unallocated_vnd - in_transit : 0;
    if (on_paper > 0 && (rc = less_paid_on_paper(s, on_paper, err)) != 0)
        return rc;
    for (size_t i = 0; i < s->n; i++) /* only what is still owed */
        if (s->share[i].owed_vnd > 0)
            s->share[kept++] = s->share[i];
    s->n = kept;
    return 0;
}

/* Split s->unallocated_vnd over s's claims by the law (shares filled, the surplus added as
 * item 0 for the debtor): 0 or the refusal. */
static int split_by_law(money_split_t *s, int64_t debtor, op_error_t *err)
{
    alloc_claim_t *claims = calloc(s->n + 1, sizeof *claims);
    money_t *shares = calloc(s->n + 1, sizeof *shares), surplus = 0;
    int rc;

    /* a case with no money item (entrusted once all it owed was collected) has no share
     * yet: room for the surplus */
    if (s->share == NULL)
        s->share = calloc(1, sizeof *s->share);
    if (claims == NULL || shares == NULL || s->share == NULL) {
        free(claims);
        free(shares);
        return op_fail_nomem(err);
    }
    for (size_t i = 0; i < s->n; i++)
        claims[i] = (alloc_claim_t){s->share[i].item_id, step_of_rank(s->share[i].rank),
                                    ALLOC_POOL_FIRST, s->share[i].owed_vnd};
    rc = alloc_split(s->unallocated_vnd, claims, s->n, shares, &surplus, NULL);
    if (rc == ALLOC_OK) {
        for (size_t i = 0; i < s->n; i++)
            s->share[i].share_vnd = shares[i];
        if (surplus > 0)
            s->share[s->n++] = (money_share_t){0, debtor, 0, 0, surplus};
    }
    free(claims);
    free(shares);
    if (rc == ALLOC_NOMEM)
        return op_fail_nomem(err);
    return rc == ALLOC_OK ? 0 : op_refuse(err, OP_INTERNAL, alloc_message(rc), NULL);
}

int money_op_propose(db_t *db, int64_t case_id, money_split_t *out, op_error_t *err)
{
    case_row_t c;
    parties_t parties;
    int rc = cases_get(db, case_id, &c);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if ((rc = read_claims(db, &c, out, &parties, err)) != 0 ||
        (rc = split_by_law(out, parties.debtor, err)) != 0)
        money_split_free(out);
    return rc;
}

/* The officer's shares, in the proposal's order (items not listed get 0; item 0 is the
 * surplus): 0, or the refusal naming the adjusted share at fault. */
static int take_adjusted(money_split_t *s, const money_share_t *adj, size_t n, op_error_t *err)
{
    alloc_claim_t *claims = calloc(s->n + 1, sizeof *claims);
    money_t *shares = calloc(s->n + 1, sizeof *shares), surplus = 0;
    size_t claims_n = 0, bad = ALLOC_NO_INDEX;
    char field[48] = "shares";
    int rc;

    if (claims == NULL || shares == NULL) {
        free(claims);
        free(shares);
        return op_fail_nomem(err);
    }
    for (size_t i = 0; i < s->n; i++) /* the proposal's surplus row is replaced */
        if (s->share[i].item_id != 0)
            claims[claims_n++] =
                (alloc_claim_t){s->share[i].item_id, step_of_rank(s->share[i].rank),
                                ALLOC_POOL_FIRST, s->share[i].owed_vnd};
    rc = ALLOC_OK;
    for (size_t j = 0; j < n && rc == ALLOC_OK; j++) {
        size_t i = 0;
        if (adj[j].share_vnd < 0) {
            rc = ALLOC_AMOUNT_NEGATIVE;
        } else if (adj[j].item_id == 0) {
            surplus = adj[j].share_vnd;
        } else {
            while (i < claims_n && claims[i].id != adj[j].item_id)
                i++;
            if (i == claims_n)
                rc = ALLOC_BAD_STEP; /* an item not owed here */
            else
                shares[i] = adj[j].share_vnd;
        }
        if (rc != ALLOC_OK)
            snprintf(field, sizeof field, "shares[%zu].share_vnd", j);
    }
    if (rc == ALLOC_OK &&
        (rc = alloc_check(s->unallocated_vnd, claims, claims_n, shares, surplus, &bad)) !=
            ALLOC_OK &&
        bad != ALLOC_NO_INDEX)
        for (size_t j = 0; j < n; j++)
            if (adj[j].item_id == claims[bad].id)
                snprintf(field, sizeof field, "shares[%zu].share_vnd", j);
    if (rc == ALLOC_OK) {
        int64_t debtor = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->share[i].item_id == 0)
                debtor = s->share[i].payee_party_id;
        s->n = claims_n; /* the surplus row goes; the claims keep their order */
        for (size_t i = 0; i < claims_n; i++)
            s->share[i].share_vnd = shares[i];
        if (surplus > 0)
            s->share[s->n++] = (money_share_t){0, debtor, 0, 0, surplus};
    }
    free(claims);
    free(shares);
    if (rc == ALLOC_NOMEM)
        return op_fail_nomem(err);
    return rc == ALLOC_OK ? 0 : op_refuse(err, OP_INVALID, alloc_message(rc), field);
}

/* Sum the shares per payee into l (at most n entries): the number of payees. */
static size_t shares_by_payee(const money_split_t *s, ledger_share_t *l)
{
    size_t n = 0;

    for (size_t i = 0; i < s->n; i++) {
        size_t k = 0;
        if (s->share[i].share_vnd == 0)
            continue;
        while (k < n && l[k].payee_party_id != s->share[i].payee_party_id)
            k++;
        if (k == n)
            l[n++] = (ledger_share_t){s->share[i].payee_party_id, 0};
        l[k].amount_vnd += s->share[i].share_vnd; /* within the amount held: no overflow */
    }
    return n;
}

int money_op_allocate(db_t *db, int64_t case_id, const money_share_t *adjusted, size_t n,
                      const char *reason, civil_date_t on, int64_t actor, civil_date_t today,
                      int64_t now, int64_t *txn_id, op_error_t *err)
{
    case_row_t c;
    money_split_t s = {0};
    parties_t parties;
    ledger_share_t *by_payee = NULL;
    ledger_txn_t t = {0};
    size_t npayees, short_line;
    int rc = cases_lock(db, case_id);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_OK || cases_get(db, case_id, &c) != DB_ROW)
        return op_fail_db(err, db);
    if (on == CIVIL_DATE_INVALID || on > today)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_EVENT_DATE, "occurred_on");
    if ((rc = case_op_check_text(err, "reason", reason, MONEY_REASON_MAX, adjusted != NULL)) != 0)
        return rc;
    if ((rc = read_claims(db, &c, &s, &parties, err)) != 0)
        goto out;
    if (s.unallocated_vnd == 0) {
        rc = op_refuse(err, OP_CONFLICT, MSG_NOTHING_TO_ALLOCATE, NULL);
        goto out;
    }
    if ((rc = split_by_law(&s, parties.debtor, err)) != 0 ||
        (adjusted != NULL && (rc = take_adjusted(&s, adjusted, n, err)) != 0))
        goto out;
    if ((by_payee = calloc(s.n + 1, sizeof *by_payee)) == NULL) {
        rc = op_fail_nomem(err);
        goto out;
    }
    npayees = shares_by_payee(&s, by_payee);
    if (ledger_build_allocation(&t, by_payee, npayees) != LEDGER_OK) {
        rc = op_fail_nomem(err);
        goto out;
    }
    ledger_txn_head_t h = {
        c.unit_id, c.id, "allocation", on, now, actor, 0, 0, reason && reason[0] ? reason : NULL};
    if (ledger_post(db, &h, &t, txn_id, &short_line) != DB_OK) {
        rc = op_fail_db(err, db); /* the shares are what custody holds: never short */
        goto out;
    }
    for (size_t i = 0; i < s.n; i++)
        if (s.share[i].share_vnd > 0 &&
            allocation_share_insert(db, *txn_id, s.share[i].item_id, s.share[i].payee_party_id,
                                    s.share[i].share_vnd) != DB_OK) {
            rc = op_fail_db(err, db);
            goto out;
        }
    rc = 0;
out:
    ledger_txn_free(&t);
    free(by_payee);
    money_split_free(&s);
    return rc;
}

/* ---- payout ---- */

/* The enforcement fee withheld from gross paid to a creditor on `on`: the fee is on what
 * the creditor receives in the case, so this payout bears the fee of everything received
 * with it less the fee of what was received before (the bands apply to the whole, and a
 * sum paid in parts costs what it costs at once). LAW: Art 60; Circular 216/2016/TT-BTC. */
static int creditor_fee(db_t *db, const app_t *app, int64_t case_id, int64_t payee, civil_date_t on,
                        int64_t gross, int64_t *fee, op_error_t *err)
{
    fee_schedule_t sch;
    fee_result_t before, after;
    int64_t paid, total;
    int rc;

    if (payouts_sum_to(db, case_id, payee, &paid) != DB_OK)
        return op_fail_db(err, db);
    if (money_add(paid, gross, &total) != MONEY_OK || total > MONEY_AMOUNT_MAX)
        return op_refuse(err, OP_INVALID, MSG_AMOUNT_OVER_MAX, "gross_vnd");
    if ((rc = fee_schedule_at(app->rules, on, &sch)) == FEE_OK &&
        (rc = fee_compute_with(&sch, paid, NULL, &before)) == FEE_OK)
        rc = fee_compute_with(&sch, total, NULL, &after);
    if (rc != FEE_OK) {
        char d[11];
        const char *args[] = {d};
        civil_date_format(on, d);
        return op_refuse_with(err, OP_UNPROCESSABLE, fee_message(rc), "occurred_on", args, 1);
    }
    /* at most the payout itself: a small sum that carries the creditor's total across the
     * no-fee threshold brings due more fee than it holds, and the texts say nothing of
     * the rest [M: not withheld] */
    *fee = after.fee - before.fee < gross ? after.fee - before.fee : gross;
    return 0;
}

/* ---- approval ---- */

int money_op_approve(db_t *db, const app_t *app, int64_t case_id, int64_t txn_id, civil_date_t on,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *amount_vnd,
                     op_error_t *err)
{
    case_event_input_t ev = {.type = CASE_EVENT_PAYOUT_APPROVED, .occurred_on = on};
    money_doc_t doc = {.allocation_txn_id = txn_id};
    int approved = 0;
    int rc = cases_lock(db, case_id); /* two heads approving at once: one approval */

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    rc = allocation_lookup(db, case_id, txn_id, &ev.amount_vnd, &approved);
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_ALLOCATION, "txn_id");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (approved)
        return op_refuse(err, OP_CONFLICT, MSG_ALREADY_APPROVED, "txn_id");
    ev.money = &doc;
    *amount_vnd = ev.amount_vnd;
    return case_op_event(db, app, case_id, &ev, actor, today, now, NULL, err);
}

typedef struct {
    int64_t txn[64];
    size_t n;
} awaiting_t;

static int keep_awaiting(const allocation_row_t *r, void *arg)
{
    awaiting_t *a = arg;
    if (r->approved_on == CIVIL_DATE_INVALID && (a->n == 0 || a->txn[a->n - 1] != r->txn_id) &&
        a->n < sizeof a->txn / sizeof a->txn[0])
        a->txn[a->n++] = r->txn_id;
    return 0;
}

int money_op_approve_all(db_t *db, const app_t *app, int64_t case_id, civil_date_t on,
                         int64_t actor, civil_date_t today, int64_t now, int64_t *amount_vnd,
                         op_error_t *err)
{
    awaiting_t a = {.n = 0};
    int rc;

    *amount_vnd = 0;
    if (allocations_of_case(db, case_id, keep_awaiting, &a) != DB_OK)
        return op_fail_db(err, db);
    if (a.n == 0)
        return op_refuse(err, OP_CONFLICT, MSG_NOTHING_TO_APPROVE, NULL);
    for (size_t i = 0; i < a.n; i++) {
        int64_t one = 0;
        if ((rc = money_op_approve(db, app, case_id, a.txn[i], on, actor, today, now, &one, err)) !=
            0)
            return rc;
        *amount_vnd += one; /* all within what the case holds */
    }
    return 0;
}

/* What may be paid to payee now: approved for them and not yet paid out. */
static int approved_unpaid(db_t *db, int64_t case_id, int64_t payee, int64_t *left,
                           int64_t *approver)
{
    int64_t approved, paid;

    if (allocation_approved_sum(db, case_id, payee, &approved) != DB_OK ||
        payouts_sum_to(db, case_id, payee, &paid) != DB_OK ||
        allocation_last_approver(db, case_id, payee, approver) != DB_OK)
        return -1;
    *left = approved > paid ? approved - paid : 0;
    return 0;
}

/* ---- unclaimed money ---- */

int money_op_deposit(db_t *db, const app_t *app, int64_t case_id, int64_t payee_party_id,
                     civil_date_t on, int from_cash, int64_t actor, civil_date_t today, int64_t now,
                     int64_t *amount_vnd, op_error_t *err)
{
    case_row_t c;
    int64_t left, approver, saved;
    money_doc_t doc = {.payee_party_id = payee_party_id, .paid_in_cash = from_cash};
    case_event_input_t ev = {.type = CASE_EVENT_MONEY_DEPOSITED, .occurred_on = on, .money = &doc};
    int rc = cases_lock(db, case_id);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_OK || cases_get(db, case_id, &c) != DB_ROW ||
        approved_unpaid(db, case_id, payee_party_id, &left, &approver) != 0 ||
        ledger_balance(db, c.unit_id, LEDGER_SAVINGS, case_id, payee_party_id, &saved) != DB_OK)
        return op_fail_db(err, db);
    if (left <= saved)
        return op_refuse(err, OP_CONFLICT, MSG_NOTHING_TO_DEPOSIT, "payee_party_id");
    ev.amount_vnd = *amount_vnd = left - saved;
    return case_op_event(db, app, case_id, &ev, actor, today, now, NULL, err);
}

/* The refusal of a payout above what is approved: above what is allocated to the payee
 * at all (confirm the allocation first), or awaiting the head's approval. */
static int not_approved(db_t *db, const case_row_t *c, int64_t payee, int64_t gross,
                        op_error_t *err)
{
    int64_t allocated;

    if (ledger_balance(db, c->unit_id, LEDGER_PAYABLE, c->id, payee, &allocated) != DB_OK)
        return op_fail_db(err, db);
    return op_refuse(err, OP_CONFLICT,
                     gross > allocated ? MSG_PAYEE_NOT_OWED : MSG_PAYOUT_NOT_APPROVED, "gross_vnd");
}

int money_op_payout(db_t *db, const app_t *app, int64_t case_id, const money_payout_t *in,
                    int64_t actor, civil_date_t today, int64_t now, money_doc_t *out,
                    op_error_t *err)
{
    parties_t parties = {0};
    case_event_input_t ev = {
        .type = CASE_EVENT_MONEY_PAID, .occurred_on = in->on, .amount_vnd = in->gross_vnd};
    const char *name = NULL;
    int64_t fee = 0, left = 0, approver = 0, saved = 0;
    case_row_t c;
    int rc;

    if (case_parties_list(db, case_id, keep_party, &parties) != DB_OK)
        return op_fail_db(err, db);
    if (in->payee_party_id == 0)
        name = "Ngân sách nhà nước";
    for (size_t i = 0; i < parties.n && name == NULL; i++)
        if (parties.ids[i] == in->payee_party_id)
            name = parties.name[i];
    if (name == NULL)
        return op_refuse(err, OP_INVALID, MSG_NOT_A_PAYEE, "payee_party_id");
    /* Decree 62 Art 49 [M: the head's signature on the payout] — the accountant pays what
     * the head approved; read under the case's lock, so two payouts racing for the same
     * approved money pay it once. */
    if ((rc = cases_lock(db, case_id)) != DB_OK)
        return rc == DB_DONE ? op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL)
                             : op_fail_db(err, db);
    if (cases_get(db, case_id, &c) != DB_ROW ||
        approved_unpaid(db, case_id, in->payee_party_id, &left, &approver) != 0)
        return op_fail_db(err, db);
    if (in->gross_vnd > left && in->gross_vnd > 0)
        return not_approved(db, &c, in->payee_party_id, in->gross_vnd, err);
    /* money put on savings for the payee is paid out of the savings */
    if (ledger_balance(db, c.unit_id, LEDGER_SAVINGS, case_id, in->payee_party_id, &saved) != DB_OK)
        return op_fail_db(err, db);
    for (size_t i = 0; i < parties.ncreditors; i++) /* the budget and the debtor pay none */
        if (parties.creditors[i] == in->payee_party_id && in->gross_vnd > 0 &&
            in->on != CIVIL_DATE_INVALID &&
            (rc = creditor_fee(db, app, case_id, in->payee_party_id, in->on, in->gross_vnd, &fee,
                               err)) != 0)
            return rc;
    *out = (money_doc_t){.payee_party_id = in->payee_party_id,
                         .payee_name = name,
                         .fee_vnd = fee,
                         .paid_in_cash = in->in_cash,
                         .approved_by = approver,
                         .from_savings = saved > 0};
    ev.money = out;
    return case_op_event(db, app, case_id, &ev, actor, today, now, NULL, err);
}

typedef struct {
    int64_t payee[CASE_MAX_PARTIES + 1], owed[CASE_MAX_PARTIES + 1];
    size_t n;
} payables_t;

static int keep_payable(ledger_kind_t kind, int64_t payee, int64_t balance, void *arg)
{
    payables_t *p = arg;
    if (kind == LEDGER_PAYABLE && balance > 0 && p->n < CASE_MAX_PARTIES + 1) {
        p->payee[p->n] = payee;
        p->owed[p->n++] = balance;
    }
    return 0;
}

int money_op_payout_all(db_t *db, const app_t *app, int64_t case_id, civil_date_t on, int in_cash,
                        int64_t actor, civil_date_t today, int64_t now, op_error_t *err)
{
    payables_t p = {0};
    money_doc_t doc;
    int rc;

    if (ledger_accounts_of_case(db, case_id, keep_payable, &p) != DB_OK)
        return op_fail_db(err, db);
    for (size_t i = 0; i < p.n; i++) {
        int64_t left, approver;
        if (approved_unpaid(db, case_id, p.payee[i], &left, &approver) != 0)
            return op_fail_db(err, db);
        money_payout_t in = {on, p.payee[i], p.owed[i] < left ? p.owed[i] : left, in_cash};
        if (in.gross_vnd == 0)
            continue; /* awaiting the head's approval */
        if ((rc = money_op_payout(db, app, case_id, &in, actor, today, now, &doc, err)) != 0)
            return rc;
    }
    return 0;
}
