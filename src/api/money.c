/*
 * api/money.c — money through the ledger: receipts, their voids, the allocation of what
 * a case holds, payouts, a case's money statement, the cashier's daily book and the
 * balances per unit (ops/money_ops.h does the work).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "core/money.h"
#include "core/receipt.h"
#include "ops/money_ops.h"
#include "ops/render.h"
#include "store/approval.h"
#include "store/ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *words_vi(int64_t v)
{
    char buf[MONEY_WORDS_MAX];
    money_to_words_vi(v, buf, sizeof buf);
    return json_string(buf);
}

static json_t *opt_text(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *render_receipt(const receipt_row_t *r)
{
    int m = ledger_method_parse(r->method);
    char number[RECEIPT_NO_MAX];

    receipt_no_text(r->unit_code, r->year, r->number, number, sizeof number);
    return json_pack(
        "{s:I, s:s, s:I, s:i, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:I, s:s, s:s, s:o, s:o, s:I, "
        "s:o, s:o, s:b, s:o, s:o, s:o}",
        "id", (json_int_t)r->id, "number_text", number, "number", (json_int_t)r->number, "year",
        r->year, "form", r->form, "method", r->method, "method_name_vi",
        m >= 0 ? ledger_method_name_vi((ledger_method_t)m) : r->method, "method_name_en",
        m >= 0 ? ledger_method_name_en((ledger_method_t)m) : r->method, "unit", "id",
        (json_int_t)r->unit_id, "code", r->unit_code, "case_id", (json_int_t)r->case_id, "case_no",
        r->case_no, "payer_name", r->payer_name, "payer_address", opt_text(r->payer_address),
        "on_behalf_of", opt_text(r->on_behalf_of), "amount_vnd", (json_int_t)r->amount_vnd,
        "amount_words_vi", words_vi(r->amount_vnd), "issued_on", render_date(r->issued_on),
        "voided", r->voided, "void_reason", r->voided ? json_string(r->void_reason) : json_null(),
        "voided_on", r->voided ? render_date(r->voided_on) : json_null(), "cashier",
        opt_text(r->actor_name));
}

static json_t *render_payout(const payout_row_t *p)
{
    char number[RECEIPT_NO_MAX];

    receipt_no_text(p->unit_code, p->year, p->number, number, sizeof number);
    return json_pack(
        "{s:I, s:s, s:I, s:i, s:{s:I, s:s}, s:I, s:s, s:o, s:s, s:s, s:I, s:I, "
        "s:I, s:o, s:o, s:o}",
        "id", (json_int_t)p->id, "number_text", number, "number", (json_int_t)p->number, "year",
        p->year, "unit", "id", (json_int_t)p->unit_id, "code", p->unit_code, "case_id",
        (json_int_t)p->case_id, "case_no", p->case_no, "payee_party_id",
        p->payee_party_id ? json_integer(p->payee_party_id) : json_null(), "payee_name",
        p->payee_name, "method", p->method, "gross_vnd", (json_int_t)p->gross_vnd, "fee_vnd",
        (json_int_t)p->fee_vnd, "net_vnd", (json_int_t)(p->gross_vnd - p->fee_vnd), "net_words_vi",
        words_vi(p->gross_vnd - p->fee_vnd), "paid_on", render_date(p->paid_on), "cashier",
        opt_text(p->actor_name));
}

static int collect_receipt(const receipt_row_t *r, void *arg)
{
    return json_array_append_new(arg, render_receipt(r));
}

static int collect_payout(const payout_row_t *p, void *arg)
{
    return json_array_append_new(arg, render_payout(p));
}

/* ---- receipts ---- */

int api_money_receipt_create(http_request_t *req)
{
    case_row_t c;
    json_t *body;
    money_doc_t doc;
    op_error_t err;
    receipt_row_t r;
    int method, rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    method = ledger_method_parse(http_json_string(body, "method"));
    money_collection_t in = {
        .on = http_json_date(body, "occurred_on"),
        .amount_vnd = http_json_int(body, "amount_vnd"),
        .method = method < 0 ? LEDGER_METHOD_COUNT : (ledger_method_t)method,
        .payer_name = http_json_string(body, "payer_name"),
        .payer_address = http_json_string(body, "payer_address"),
        .on_behalf_of = http_json_string(body, "on_behalf_of"),
    };
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_collect(http_db(req), api_app(req), c.id, &in, api_who(req)->user.id,
                         api_today(req), api_now(req), &doc, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201,
                         arena_printf(http_arena(req), "receipt:%lld", (long long)doc.doc_id),
                         "receipt")) != 0)
        return rc;
    if (receipts_get(http_db(req), doc.doc_id, &r) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 201, json_pack("{s:o}", "receipt", render_receipt(&r)));
}

/* The receipt of path parameter {id}, if its unit is in scope: 0 or the status. */
static int receipt_in_scope(http_request_t *req, receipt_row_t *r)
{
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    if ((rc = receipts_get(http_db(req), id, r)) == DB_DONE) {
        api_ctx(req)->denied = 1;
        return http_reply_not_found(req);
    }
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    api_ctx(req)->object = arena_printf(http_arena(req), "receipt:%lld", (long long)id);
    return api_scope_unit_now(req, r->unit_id);
}

int api_money_receipt_get(http_request_t *req)
{
    receipt_row_t r;
    int rc = receipt_in_scope(req, &r);

    if (rc != 0)
        return rc;
    return http_reply_json(req, 200, json_pack("{s:o}", "receipt", render_receipt(&r)));
}

int api_money_receipt_void(http_request_t *req)
{
    receipt_row_t r;
    json_t *body;
    op_error_t err;
    int rc = receipt_in_scope(req, &r);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_void(http_db(req), api_app(req), r.id, http_json_string(body, "reason"),
                      http_json_date(body, "occurred_on"), api_who(req)->user.id, api_today(req),
                      api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, api_ctx(req)->object, "void")) != 0)
        return rc;
    if (receipts_get(http_db(req), r.id, &r) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:o}", "receipt", render_receipt(&r)));
}

/* ---- the case's money ---- */

static json_t *render_split(const money_split_t *s)
{
    json_t *shares = json_array();

    for (size_t i = 0; i < s->n; i++) {
        const money_share_t *x = &s->share[i];
        json_array_append_new(
            shares, json_pack("{s:o, s:o, s:i, s:I, s:I}", "item_id",
                              x->item_id ? json_integer(x->item_id) : json_null(), "payee_party_id",
                              x->payee_party_id ? json_integer(x->payee_party_id) : json_null(),
                              "rank", x->rank, "owed_vnd", (json_int_t)x->owed_vnd, "share_vnd",
                              (json_int_t)x->share_vnd));
    }
    return shares;
}

typedef struct {
    db_t *db;
    int64_t case_id, unit_id;
    json_t *list;
} payable_t;

/* A payee's payable balance and, of it, what the head approved and is not yet paid. */
static int collect_account(ledger_kind_t kind, int64_t payee, int64_t balance, void *arg)
{
    payable_t *p = arg;
    int64_t approved, paid, saved;

    if (kind != LEDGER_PAYABLE)
        return 0;
    if (allocation_approved_sum(p->db, p->case_id, payee, &approved) != DB_OK ||
        payouts_sum_to(p->db, p->case_id, payee, &paid) != DB_OK ||
        ledger_balance(p->db, p->unit_id, LEDGER_SAVINGS, p->case_id, payee, &saved) != DB_OK)
        return -1;
    approved = approved > paid ? approved - paid : 0;
    return json_array_append_new(p->list,
                                 json_pack("{s:o, s:I, s:I, s:I}", "payee_party_id",
                                           payee ? json_integer(payee) : json_null(), "balance_vnd",
                                           (json_int_t)balance, "approved_vnd",
                                           (json_int_t)(approved < balance ? approved : balance),
                                           "deposited_vnd", (json_int_t)saved));
}

/* One object per allocation, its payees' shares inside (the rows come one per payee). */
static int collect_allocation(const allocation_row_t *r, void *arg)
{
    json_t *list = arg, *last = json_array_get(list, json_array_size(list) - 1);
    json_t *share = json_pack("{s:o, s:I}", "payee_party_id",
                              r->payee_party_id ? json_integer(r->payee_party_id) : json_null(),
                              "amount_vnd", (json_int_t)r->amount_vnd);

    if (last == NULL || json_integer_value(json_object_get(last, "txn_id")) != r->txn_id) {
        int approved = r->approved_on != CIVIL_DATE_INVALID;
        last = json_pack("{s:I, s:o, s:o, s:o, s:I, s:o, s:o, s:[]}", "txn_id",
                         (json_int_t)r->txn_id, "allocated_on", render_date(r->allocated_on),
                         "allocated_by", opt_text(r->allocated_by), "reason", opt_text(r->memo),
                         "amount_vnd", (json_int_t)0, "approved_on",
                         approved ? render_date(r->approved_on) : json_null(), "approved_by",
                         approved ? opt_text(r->approved_by) : json_null(), "shares");
        if (json_array_append_new(list, last) != 0)
            return -1;
    }
    /* one allocation's shares are what the case held: no overflow */
    json_object_set_new(
        last, "amount_vnd",
        json_integer(json_integer_value(json_object_get(last, "amount_vnd")) + r->amount_vnd));
    return json_array_append_new(json_object_get(last, "shares"), share);
}

int api_money_case_get(http_request_t *req)
{
    case_row_t c;
    money_split_t s = {0};
    op_error_t err;
    db_t *db = http_db(req);
    json_t *j, *receipts, *payouts, *allocations;
    payable_t payable = {http_db(req), 0, 0, NULL};
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if (money_op_propose(db, c.id, &s, &err) != 0)
        return api_reply_op_error(req, &err);
    j = http_keep(
        req,
        json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "case_id", (json_int_t)c.id,
                  "case_no", c.case_no, "amount_vnd", (json_int_t)c.amount_vnd, "collected_vnd",
                  (json_int_t)c.collected_vnd, "paid_vnd", (json_int_t)c.paid_vnd, "held_vnd",
                  (json_int_t)(c.collected_vnd - c.paid_vnd), "remaining_vnd",
                  (json_int_t)(c.amount_vnd > c.collected_vnd ? c.amount_vnd - c.collected_vnd : 0),
                  "surplus_vnd",
                  (json_int_t)(c.collected_vnd > c.amount_vnd ? c.collected_vnd - c.amount_vnd : 0),
                  "unallocated_vnd", (json_int_t)s.unallocated_vnd, "proposal", render_split(&s)));
    money_split_free(&s);
    receipts = json_array();
    payouts = json_array();
    allocations = json_array();
    payable.case_id = c.id;
    payable.unit_id = c.unit_id;
    payable.list = json_array();
    json_object_set_new(j, "receipts", receipts);
    json_object_set_new(j, "payouts", payouts);
    json_object_set_new(j, "payable", payable.list);
    json_object_set_new(j, "allocations", allocations);
    if (receipts_of_case(db, c.id, collect_receipt, receipts) != DB_OK ||
        payouts_of_case(db, c.id, collect_payout, payouts) != DB_OK ||
        ledger_accounts_of_case(db, c.id, collect_account, &payable) != DB_OK ||
        allocations_of_case(db, c.id, collect_allocation, allocations) != DB_OK)
        return http_reply_db_error(req, db);
    return http_reply_json(req, 200, json_incref(j));
}

int api_money_allocate(http_request_t *req)
{
    case_row_t c;
    json_t *body, *list;
    money_share_t *adj = NULL;
    size_t n = 0;
    op_error_t err;
    int64_t txn;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((list = json_object_get(body, "shares")) != NULL && json_is_array(list)) {
        n = json_array_size(list);
        if ((adj = arena_alloc(http_arena(req), (n + 1) * sizeof *adj)) == NULL)
            return http_reply_error(req, 500, "internal", NULL, "Out of memory.", "Hết bộ nhớ.");
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(list, i);
            adj[i] = (money_share_t){.item_id = http_json_int(v, "item_id"),
                                     .share_vnd = http_json_int(v, "share_vnd")};
        }
    }
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_allocate(http_db(req), c.id, adj, n, http_json_string(body, "reason"),
                          http_json_date(body, "occurred_on"), api_who(req)->user.id,
                          api_today(req), api_now(req), &txn, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, api_ctx(req)->object,
                         adj ? "allocation adjusted" : "allocation")) != 0)
        return rc;
    return http_reply_json(req, 201, json_pack("{s:I}", "txn_id", (json_int_t)txn));
}

int api_money_approve(http_request_t *req)
{
    case_row_t c;
    json_t *body;
    op_error_t err;
    int64_t txn = api_path_id(req, "txn"), total = 0;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_approve(http_db(req), api_app(req), c.id, txn, http_json_date(body, "occurred_on"),
                         api_who(req)->user.id, api_today(req), api_now(req), &total, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, api_ctx(req)->object, "payout approval")) != 0)
        return rc;
    return http_reply_json(
        req, 201,
        json_pack("{s:I, s:I}", "txn_id", (json_int_t)txn, "amount_vnd", (json_int_t)total));
}

int api_money_deposit(http_request_t *req)
{
    case_row_t c;
    json_t *body;
    op_error_t err;
    int64_t amount = 0;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_deposit(http_db(req), api_app(req), c.id, http_json_int(body, "payee_party_id"),
                         http_json_date(body, "occurred_on"),
                         json_is_true(json_object_get(body, "from_cash")), api_who(req)->user.id,
                         api_today(req), api_now(req), &amount, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, api_ctx(req)->object, "deposit on savings")) != 0)
        return rc;
    return http_reply_json(req, 201, json_pack("{s:I}", "amount_vnd", (json_int_t)amount));
}

int api_money_payout_create(http_request_t *req)
{
    case_row_t c;
    json_t *body;
    money_doc_t doc;
    op_error_t err;
    json_t *list;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    money_payout_t in = {
        .on = http_json_date(body, "occurred_on"),
        .payee_party_id = http_json_int(body, "payee_party_id"),
        .gross_vnd = http_json_int(body, "gross_vnd"),
        .in_cash = json_is_true(json_object_get(body, "in_cash")),
    };
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (money_op_payout(http_db(req), api_app(req), c.id, &in, api_who(req)->user.id,
                        api_today(req), api_now(req), &doc, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201,
                         arena_printf(http_arena(req), "payout:%lld", (long long)doc.doc_id),
                         "payout")) != 0)
        return rc;
    list = http_keep(req, json_array());
    if (payouts_of_case(http_db(req), c.id, collect_payout, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *p = json_array_get(list, i);
        if (json_integer_value(json_object_get(p, "id")) == doc.doc_id)
            return http_reply_json(req, 201, json_pack("{s:O}", "payout", p));
    }
    return http_reply_db_error(req, http_db(req));
}

/* ---- the cashier's book and the balances ---- */

typedef struct {
    json_t *list;
    int64_t total;
} book_t;

static int book_receipt(const receipt_row_t *r, void *arg)
{
    book_t *b = arg;
    if (!r->voided)
        b->total += r->amount_vnd; /* a day's receipts of a subtree: far below int64 */
    return json_array_append_new(b->list, render_receipt(r));
}

static int book_payout(const payout_row_t *p, void *arg)
{
    book_t *b = arg;
    b->total += p->gross_vnd;
    return json_array_append_new(b->list, render_payout(p));
}

int api_money_daybook(http_request_t *req)
{
    civil_date_t day = http_query_date(req, "day");
    int64_t unit = http_query_int(req, "unit_id", 0);
    const principal_t *who = api_who(req);
    book_t in = {http_keep(req, json_array()), 0}, out = {http_keep(req, json_array()), 0};
    ledger_till_t till;
    int rc;

    if (day == CIVIL_DATE_INVALID)
        day = api_today(req);
    if (unit == 0)
        unit = who->user.unit_id;
    else if ((rc = api_scope_unit_now(req, unit)) != 0)
        return rc;
    if (receipts_of_day(http_db(req), unit, day, book_receipt, &in) != DB_OK ||
        payouts_of_day(http_db(req), unit, day, book_payout, &out) != DB_OK ||
        ledger_till_on(http_db(req), unit, day, &till) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(
        req, 200,
        json_pack("{s:o, s:I, s:O, s:I, s:O, s:I, s:{s:I, s:I}, s:{s:I, s:I}}", "day",
                  render_date(day), "unit_id", (json_int_t)unit, "receipts", in.list,
                  "receipts_total_vnd", (json_int_t)in.total, "payouts", out.list,
                  "payouts_total_vnd", (json_int_t)out.total, "opening", "cash_vnd",
                  (json_int_t)till.open_cash, "bank_vnd", (json_int_t)till.open_bank, "closing",
                  "cash_vnd", (json_int_t)till.close_cash, "bank_vnd",
                  (json_int_t)till.close_bank));
}

static int collect_balance(int64_t unit_id, const char *code, ledger_kind_t kind, int64_t balance,
                           void *arg)
{
    return json_array_append_new(
        arg,
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "unit_id", (json_int_t)unit_id, "unit_code",
                  code, "kind", ledger_kind_code(kind), "kind_name_vi", ledger_kind_name_vi(kind),
                  "kind_name_en", ledger_kind_name_en(kind), "balance_vnd", (json_int_t)balance));
}

int api_money_balances(http_request_t *req)
{
    json_t *list = http_keep(req, json_array());

    if (ledger_balances_by_unit(http_db(req), api_who(req)->user.unit_id, collect_balance, list) !=
        DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:O}", "balances", list));
}
