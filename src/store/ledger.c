/*
 * store/ledger.c — the custody ledger's rows (store/ledger.h).
 *
 * Balances are kept on the account rows so that "does the case hold this much" is one
 * read; a line changes its balance in one upsert, which locks the row on PostgreSQL (on
 * SQLite the writer holds the database), and the CHECK (balance >= 0) refuses what would
 * take it below zero, so two payouts racing on one case or one till see each other's.
 * `thads fsck` (ledger_check) proves the balances equal the entries.
 */
#include "store/ledger.h"

#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

/* Post delta (on the account's normal side) to the account in one statement, which
 * locks the row as it changes it (PostgreSQL), so two payouts racing on one case or one
 * till see each other's balance. An account is created by the first line that adds to
 * it: both engines check the CHECK on the row an upsert proposes before they look for
 * the conflict, so a line taking money out is an UPDATE, and changes no row when the
 * account was never credited. DB_CONSTRAINT when the balance would go below zero (the
 * CHECK, or no such account) or past INT64_MAX (the guard: no row changed).
 *
 * PostgreSQL answers the account's id with RETURNING: one round trip. SQLite reads it
 * with a second statement instead, for the reason q_insert_id gives (store/q.h): with
 * RETURNING, each line of an import made FTS5 write out the search documents it held,
 * and a 100,000-case import spent 5.7 s in these statements instead of 0.7 s. */
/* A line's change to its account ($1 unit, $2 kind, $3 case, $4 payee; $5 the change): an
 * upsert adds (ADD, and ADD_GUARDED, which changes no row past INT64_MAX), an update
 * takes (TAKE; an account never credited: no row). */
#define ADD                                                                                        \
    "INSERT INTO ledger_account (unit_id, kind, case_id, payee_party_id, balance_vnd) VALUES "     \
    "($1, $2, $3, $4, $5) ON CONFLICT (unit_id, kind, case_id, payee_party_id) DO UPDATE SET "     \
    "balance_vnd = ledger_account.balance_vnd + excluded.balance_vnd"
#define ADD_GUARDED                                                                                \
    ADD " WHERE ledger_account.balance_vnd <= 9223372036854775807 - excluded.balance_vnd"
#define TAKE                                                                                       \
    "UPDATE ledger_account SET balance_vnd = balance_vnd + $5 WHERE unit_id = $1 AND kind = $2 "   \
    "AND case_id = $3 AND payee_party_id = $4"

static int account_post(db_t *db, int64_t unit_id, ledger_kind_t kind, int64_t case_id,
                        int64_t payee, int64_t delta, int64_t *id)
{
    const char *code = ledger_kind_code(kind);
    int64_t changed = 0;
    int rc;

    if (!ledger_kind_per_case(kind))
        case_id = 0;
    if (db_engine(db) == DB_ENGINE_POSTGRES) {
        rc = q_int64(db, id, delta >= 0 ? ADD_GUARDED " RETURNING id" : TAKE " RETURNING id",
                     "isiii", unit_id, code, case_id, payee, delta);
        return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_CONSTRAINT : rc;
    }
    rc = q_exec_n(db, &changed, delta >= 0 ? ADD_GUARDED : TAKE, "isiii", unit_id, code, case_id,
                  payee, delta);
    if (rc != DB_OK)
        return rc;
    if (changed != 1)
        return DB_CONSTRAINT;
    rc = q_int64(db, id,
                 "SELECT id FROM ledger_account WHERE unit_id = $1 AND kind = $2 AND case_id = $3 "
                 "AND payee_party_id = $4",
                 "isii", unit_id, code, case_id, payee);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

/* The entry of line of txn_id, its account found by key (a NULL account, refused by the
 * NOT NULL, when there is none): for a connection that does not wait for the account's
 * id (db_pipelined). */
static int entry_by_key(db_t *db, int64_t txn_id, int64_t line, int64_t unit_id, const char *code,
                        int64_t case_id, int64_t payee, int64_t amount_vnd)
{
    return q_exec(
        db,
        "INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd) VALUES ($1, $2, "
        "(SELECT id FROM ledger_account WHERE unit_id = $3 AND kind = $4 AND case_id = $5 "
        "AND payee_party_id = $6), $7)",
        "iiisiii", txn_id, line, unit_id, code, case_id, payee, amount_vnd);
}

/* account_post and the entry, for a connection that does not wait (db_pipelined: a bulk
 * load on PostgreSQL), neither waiting for an answer. What account_post refuses fails the
 * load instead: a balance below zero the CHECK, one past INT64_MAX PostgreSQL's bigint
 * (22003: no guard, which would change no row silently), and an account never credited
 * the entry's NOT NULL account. */
static int post_line_unanswered(db_t *db, int64_t unit_id, ledger_kind_t kind, int64_t case_id,
                                int64_t payee, int64_t delta, int64_t txn_id, int64_t line,
                                int64_t amount_vnd)
{
    const char *code = ledger_kind_code(kind);
    int rc;

    if (!ledger_kind_per_case(kind))
        case_id = 0;
    rc = q_exec(db, delta >= 0 ? ADD : TAKE, "isiii", unit_id, code, case_id, payee, delta);
    return rc == DB_OK ? entry_by_key(db, txn_id, line, unit_id, code, case_id, payee, amount_vnd)
                       : rc;
}

/* The entry of a line to an account of the unit's that a bulk load sums (sums): the
 * account made at zero at its first line, its balance moved by ledger_sums_write. */
static int post_line_summed(db_t *db, ledger_sums_t *sums, int64_t unit_id, ledger_kind_t kind,
                            int64_t payee, int64_t delta, int64_t txn_id, int64_t line,
                            int64_t amount_vnd)
{
    const char *code = ledger_kind_code(kind);
    int rc = ledger_sums_add(sums, unit_id, kind, payee, delta);

    if (rc == LEDGER_NOMEM)
        return db_fail_nomem(db);
    if (rc == LEDGER_OVERFLOW)
        return DB_CONSTRAINT;
    if (rc == 1 && (rc = q_exec(db,
                                "INSERT INTO ledger_account (unit_id, kind, case_id, "
                                "payee_party_id, balance_vnd) VALUES ($1, $2, 0, $3, 0) ON "
                                "CONFLICT (unit_id, kind, case_id, payee_party_id) DO NOTHING",
                                "isi", unit_id, code, payee)) != DB_OK)
        return rc;
    return entry_by_key(db, txn_id, line, unit_id, code, 0, payee, amount_vnd);
}

int ledger_post(db_t *db, const ledger_txn_head_t *h, const ledger_txn_t *t, int64_t *txn_id,
                size_t *short_line)
{
    return ledger_post_summing(db, h, t, NULL, txn_id, short_line);
}

int ledger_post_summing(db_t *db, const ledger_txn_head_t *h, const ledger_txn_t *t,
                        ledger_sums_t *sums, int64_t *txn_id, size_t *short_line)
{
    int rc;

    if (ledger_txn_check(t) != LEDGER_OK)
        return DB_ERROR;
    rc = q_insert_id_ahead(db, txn_id, "ledger_txn",
                           "unit_id, case_id, kind, occurred_on, recorded_at, actor_user_id, "
                           "event_seq, reverses_txn_id, memo",
                           "$1, $2, $3, $4, $5, $6, $7, $8, $9", "$10", "iIsdiIIIs", h->unit_id,
                           h->case_id, h->kind, h->occurred_on, h->recorded_at, h->actor_user_id,
                           h->event_seq, h->reverses_txn_id, h->memo);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < t->n; i++) {
        const ledger_line_t *l = &t->line[i];
        int64_t account = 0, delta;
        if (ledger_balance_delta(l->kind, l->amount_vnd, &delta) != LEDGER_OK) {
            rc = DB_CONSTRAINT;
        } else if (db_pipelined(db)) {
            rc = sums != NULL && !ledger_kind_per_case(l->kind)
                     ? post_line_summed(db, sums, h->unit_id, l->kind, l->payee_party_id, delta,
                                        *txn_id, (int64_t)i + 1, l->amount_vnd)
                     : post_line_unanswered(db, h->unit_id, l->kind, h->case_id, l->payee_party_id,
                                            delta, *txn_id, (int64_t)i + 1, l->amount_vnd);
            if (rc != DB_OK)
                return rc;
            continue;
        } else {
            rc = account_post(db, h->unit_id, l->kind, h->case_id, l->payee_party_id, delta,
                              &account);
        }
        if (rc == DB_CONSTRAINT && short_line != NULL)
            *short_line = i;
        if (rc != DB_OK ||
            (rc = q_exec(db,
                         "INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd) "
                         "VALUES ($1, $2, $3, $4)",
                         "iiii", *txn_id, (int64_t)i + 1, account, l->amount_vnd)) != DB_OK)
            return rc;
    }
    return DB_OK;
}

static int write_sum(int64_t unit_id, ledger_kind_t kind, int64_t payee, int64_t sum, void *arg)
{
    db_t *db = arg;
    int64_t changed = 0;
    int rc = q_exec_n(db, &changed, TAKE, "isiii", unit_id, ledger_kind_code(kind), (int64_t)0,
                      payee, sum); /* (an update adds as well as takes) */

    return rc != DB_OK ? rc : changed == 1 ? DB_OK : DB_ERROR;
}

int ledger_sums_write(db_t *db, ledger_sums_t *sums)
{
    int rc = sums != NULL ? ledger_sums_each(sums, write_sum, db) : DB_OK;

    if (rc == DB_OK && sums != NULL)
        ledger_sums_clear(sums);
    return rc;
}

int ledger_balance(db_t *db, int64_t unit_id, ledger_kind_t kind, int64_t case_id, int64_t payee,
                   int64_t *balance_vnd)
{
    int rc = q_int64(db, balance_vnd,
                     "SELECT balance_vnd FROM ledger_account WHERE unit_id = $1 AND kind = $2 "
                     "AND case_id = $3 AND payee_party_id = $4",
                     "isii", unit_id, ledger_kind_code(kind),
                     ledger_kind_per_case(kind) ? case_id : 0, payee);
    if (rc == DB_DONE) {
        *balance_vnd = 0;
        return DB_OK;
    }
    return rc == DB_ROW ? DB_OK : rc;
}

int ledger_txn_lines(db_t *db, int64_t txn_id, ledger_txn_t *t, char head_kind[16])
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT a.kind, a.payee_party_id, e.amount_vnd, x.kind FROM ledger_entry e "
                    "JOIN ledger_account a ON a.id = e.account_id "
                    "JOIN ledger_txn x ON x.id = e.txn_id WHERE e.txn_id = $1 ORDER BY e.line",
                    "i", txn_id);
    size_t n = 0;

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int kind = ledger_kind_parse(db_column_text(st, 0)), added;
        q_text(st, 3, head_kind, 16);
        added = kind < 0 ? LEDGER_INVALID
                         : ledger_txn_add(t, (ledger_kind_t)kind, db_column_int64(st, 1),
                                          db_column_int64(st, 2));
        if (added != LEDGER_OK) { /* invalid: a row the schema's checks should have kept out */
            rc = added == LEDGER_NOMEM ? db_fail_nomem(db)
                                       : db_fail(db, DB_ERROR, "XX001",
                                                 "ledger transaction %lld: a stored line is "
                                                 "not valid",
                                                 (long long)txn_id);
            break;
        }
        n++;
    }
    db_finalize(st);
    if (rc != DB_DONE)
        return rc;
    return n == 0 ? DB_DONE : DB_OK;
}

int ledger_next_number(db_t *db, int64_t unit_id, const char *series, int year, int64_t *number)
{
    int rc = q_exec(db,
                    "INSERT INTO doc_counter (unit_id, series, year, last_no) VALUES ($1, $2, $3, "
                    "0) ON CONFLICT (unit_id, series, year) DO NOTHING",
                    "isi", unit_id, series, (int64_t)year);

    if (rc != DB_OK)
        return rc;
    rc = q_int64(db, number,
                 "UPDATE doc_counter SET last_no = last_no + 1 WHERE unit_id = $1 AND series = $2 "
                 "AND year = $3 RETURNING last_no",
                 "isi", unit_id, series, (int64_t)year);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int allocation_share_insert(db_t *db, int64_t txn_id, int64_t item_id, int64_t payee,
                            int64_t amount_vnd)
{
    return q_exec(db,
                  "INSERT INTO allocation_share (txn_id, item_id, payee_party_id, amount_vnd) "
                  "VALUES ($1, $2, $3, $4)",
                  "iiii", txn_id, item_id, payee, amount_vnd);
}

int allocation_sums_of_case(db_t *db, int64_t case_id, allocated_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT s.item_id, SUM(s.amount_vnd) FROM allocation_share s JOIN ledger_txn t "
                    "ON t.id = s.txn_id WHERE t.case_id = $1 GROUP BY s.item_id ORDER BY s.item_id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (fn(db_column_int64(st, 0), db_column_int64(st, 1), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- receipts ---- */

int receipts_insert(db_t *db, const receipt_new_t *r, int64_t *id)
{
    return q_insert_id(db, id,
                       "INSERT INTO money_receipt (unit_id, year, number, form, method, case_id, "
                       "payer_name, payer_address, on_behalf_of, amount_vnd, issued_on, txn_id, "
                       "actor_user_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                       "$10, $11, $12, $13, $14)",
                       "iiississsidiIi", r->unit_id, (int64_t)r->year, r->number, r->form,
                       r->method, r->case_id, r->payer_name, r->payer_address, r->on_behalf_of,
                       r->amount_vnd, r->issued_on, r->txn_id, r->actor_user_id, r->recorded_at);
}

int receipt_void_insert(db_t *db, int64_t receipt_id, const char *reason, civil_date_t on,
                        int64_t txn_id, int64_t actor, int64_t now)
{
    return q_exec(db,
                  "INSERT INTO receipt_void (receipt_id, reason, voided_on, txn_id, actor_user_id, "
                  "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
                  "isdiIi", receipt_id, reason, on, txn_id, actor, now);
}

#define RECEIPT_COLUMNS                                                                            \
    "r.id, r.unit_id, r.case_id, r.txn_id, t.event_seq, r.actor_user_id, r.recorded_at, r.year, "  \
    "r.number, r.amount_vnd, r.form, r.method, r.payer_name, r.payer_address, r.on_behalf_of, "    \
    "r.issued_on, v.receipt_id, v.reason, v.voided_on, c.case_no, u.code, au.full_name "
#define RECEIPT_JOINS                                                                              \
    "FROM money_receipt r JOIN ledger_txn t ON t.id = r.txn_id "                                   \
    "LEFT JOIN receipt_void v ON v.receipt_id = r.id "                                             \
    "JOIN enforcement_case c ON c.id = r.case_id JOIN unit u ON u.id = r.unit_id "                 \
    "LEFT JOIN app_user au ON au.id = r.actor_user_id "

static void read_receipt(db_stmt_t *st, receipt_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_column_int64(st, 0);
    r->unit_id = db_column_int64(st, 1);
    r->case_id = db_column_int64(st, 2);
    r->txn_id = db_column_int64(st, 3);
    r->event_seq = db_column_int64(st, 4);
    r->actor_user_id = db_column_int64(st, 5);
    r->recorded_at = db_column_int64(st, 6);
    r->year = (int)db_column_int64(st, 7);
    r->number = db_column_int64(st, 8);
    r->amount_vnd = db_column_int64(st, 9);
    q_text(st, 10, r->form, sizeof r->form);
    q_text(st, 11, r->method, sizeof r->method);
    q_text(st, 12, r->payer_name, sizeof r->payer_name);
    q_text(st, 13, r->payer_address, sizeof r->payer_address);
    q_text(st, 14, r->on_behalf_of, sizeof r->on_behalf_of);
    r->issued_on = q_date(st, 15);
    r->voided = !db_column_is_null(st, 16);
    q_text(st, 17, r->void_reason, sizeof r->void_reason);
    r->voided_on = q_date(st, 18);
    q_text(st, 19, r->case_no, sizeof r->case_no);
    q_text(st, 20, r->unit_code, sizeof r->unit_code);
    q_text(st, 21, r->actor_name, sizeof r->actor_name);
}

static int each_receipt(db_stmt_t *st, receipt_fn fn, void *arg)
{
    receipt_row_t r;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        read_receipt(st, &r);
        if (fn(&r, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int receipts_get(db_t *db, int64_t id, receipt_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT " RECEIPT_COLUMNS RECEIPT_JOINS "WHERE r.id = $1", "i", id);

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW)
        read_receipt(st, out);
    db_finalize(st);
    return rc;
}

int receipts_of_case(db_t *db, int64_t case_id, receipt_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " RECEIPT_COLUMNS RECEIPT_JOINS "WHERE r.case_id = $1 ORDER BY r.id",
                    "i", case_id);
    return rc == DB_OK ? each_receipt(st, fn, arg) : rc;
}

int receipts_of_day(db_t *db, int64_t root, civil_date_t day, receipt_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE "SELECT " RECEIPT_COLUMNS RECEIPT_JOINS
                                    "WHERE r.unit_id IN (SELECT id FROM subtree) AND r.issued_on "
                                    "= $2 ORDER BY r.unit_id, r.year, r.number",
                    "id", root, day);
    return rc == DB_OK ? each_receipt(st, fn, arg) : rc;
}

/* ---- payouts ---- */

int payouts_insert(db_t *db, const payout_new_t *p, int64_t *id)
{
    return q_insert_id(db, id,
                       "INSERT INTO money_payout (unit_id, year, number, case_id, payee_party_id, "
                       "payee_name, method, gross_vnd, fee_vnd, paid_on, txn_id, actor_user_id, "
                       "recorded_at, approved_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                       "$11, $12, $13, $14)",
                       "iiiiissiidiIiI", p->unit_id, (int64_t)p->year, p->number, p->case_id,
                       p->payee_party_id, p->payee_name, p->method, p->gross_vnd, p->fee_vnd,
                       p->paid_on, p->txn_id, p->actor_user_id, p->recorded_at, p->approved_by);
}

int ledger_paid_from_custody(db_t *db, int64_t case_id, int64_t *gross_vnd)
{
    int rc = q_int64(db, gross_vnd,
                     "SELECT COALESCE(SUM(e.amount_vnd), 0) FROM ledger_txn t JOIN ledger_entry e "
                     "ON e.txn_id = t.id JOIN ledger_account a ON a.id = e.account_id WHERE "
                     "t.case_id = $1 AND t.kind = 'payout' AND a.kind = 'custody'",
                     "i", case_id);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int payouts_sum_to(db_t *db, int64_t case_id, int64_t payee, int64_t *gross_vnd)
{
    int rc = q_int64(db, gross_vnd,
                     "SELECT COALESCE(SUM(gross_vnd), 0) FROM money_payout WHERE case_id = $1 AND "
                     "payee_party_id = $2",
                     "ii", case_id, payee);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

#define PAYOUT_COLUMNS                                                                             \
    "p.id, p.unit_id, p.case_id, p.payee_party_id, p.txn_id, p.actor_user_id, p.recorded_at, "     \
    "p.year, p.number, p.gross_vnd, p.fee_vnd, p.payee_name, p.method, p.paid_on, c.case_no, "     \
    "u.code, au.full_name "
#define PAYOUT_JOINS                                                                               \
    "FROM money_payout p JOIN enforcement_case c ON c.id = p.case_id "                             \
    "JOIN unit u ON u.id = p.unit_id LEFT JOIN app_user au ON au.id = p.actor_user_id "

static int each_payout(db_stmt_t *st, payout_fn fn, void *arg)
{
    payout_row_t p;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        memset(&p, 0, sizeof p);
        p.id = db_column_int64(st, 0);
        p.unit_id = db_column_int64(st, 1);
        p.case_id = db_column_int64(st, 2);
        p.payee_party_id = db_column_int64(st, 3);
        p.txn_id = db_column_int64(st, 4);
        p.actor_user_id = db_column_int64(st, 5);
        p.recorded_at = db_column_int64(st, 6);
        p.year = (int)db_column_int64(st, 7);
        p.number = db_column_int64(st, 8);
        p.gross_vnd = db_column_int64(st, 9);
        p.fee_vnd = db_column_int64(st, 10);
        q_text(st, 11, p.payee_name, sizeof p.payee_name);
        q_text(st, 12, p.method, sizeof p.method);
        p.paid_on = q_date(st, 13);
        q_text(st, 14, p.case_no, sizeof p.case_no);
        q_text(st, 15, p.unit_code, sizeof p.unit_code);
        q_text(st, 16, p.actor_name, sizeof p.actor_name);
        if (fn(&p, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int payouts_of_case(db_t *db, int64_t case_id, payout_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc =
        q_open(db, &st, "SELECT " PAYOUT_COLUMNS PAYOUT_JOINS "WHERE p.case_id = $1 ORDER BY p.id",
               "i", case_id);
    return rc == DB_OK ? each_payout(st, fn, arg) : rc;
}

int payouts_of_day(db_t *db, int64_t root, civil_date_t day, payout_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE "SELECT " PAYOUT_COLUMNS PAYOUT_JOINS
                                    "WHERE p.unit_id IN (SELECT id FROM subtree) AND p.paid_on = "
                                    "$2 ORDER BY p.unit_id, p.year, p.number",
                    "id", root, day);
    return rc == DB_OK ? each_payout(st, fn, arg) : rc;
}

/* ---- balances ---- */

int ledger_accounts_of_case(db_t *db, int64_t case_id, account_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT kind, payee_party_id, balance_vnd FROM ledger_account "
                    "WHERE case_id = $1 ORDER BY kind, payee_party_id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int kind = ledger_kind_parse(db_column_text(st, 0));
        if (kind >= 0 &&
            fn((ledger_kind_t)kind, db_column_int64(st, 1), db_column_int64(st, 2), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int ledger_balances_by_unit(db_t *db, int64_t root, unit_balance_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    "SELECT a.unit_id, u.code, a.kind, SUM(a.balance_vnd) FROM ledger_account a "
                    "JOIN unit u ON u.id = a.unit_id WHERE a.unit_id IN (SELECT id FROM subtree) "
                    "GROUP BY a.unit_id, u.code, a.kind ORDER BY u.code, a.kind",
                    "id", root, civil_date_from_ymd(9999, 12, 31));

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int kind = ledger_kind_parse(db_column_text(st, 2));
        if (kind >= 0 && fn(db_column_int64(st, 0), db_column_text(st, 1), (ledger_kind_t)kind,
                            db_column_int64(st, 3), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int ledger_till_on(db_t *db, int64_t root, civil_date_t day, ledger_till_t *out)
{
    db_stmt_t *st;
    /* cash and bank are debit-normal: their balance is the sum of their entries */
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    "SELECT a.kind, COALESCE(SUM(CASE WHEN t.occurred_on < $2 THEN e.amount_vnd "
                    "ELSE 0 END), 0), COALESCE(SUM(e.amount_vnd), 0) FROM ledger_txn t "
                    "JOIN ledger_entry e ON e.txn_id = t.id "
                    "JOIN ledger_account a ON a.id = e.account_id "
                    "WHERE t.unit_id IN (SELECT id FROM subtree) AND t.occurred_on <= $2 "
                    "AND a.kind IN ('cash', 'bank') GROUP BY a.kind",
                    "id", root, day);

    memset(out, 0, sizeof *out);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int cash = strcmp(db_column_text(st, 0), "cash") == 0;
        *(cash ? &out->open_cash : &out->open_bank) = db_column_int64(st, 1);
        *(cash ? &out->close_cash : &out->close_bank) = db_column_int64(st, 2);
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- checks ---- */

typedef struct {
    ledger_problem_fn fn;
    void *arg;
    int64_t *problems;
} check_t;

/* Run sql (no parameters); each row is one problem, described by fmt from the row's
 * first three integer columns. */
static int check_rows(db_t *db, check_t *k, const char *sql, const char *fmt)
{
    db_stmt_t *st;
    char what[256];
    int rc = q_open(db, &st, sql, "");

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        snprintf(what, sizeof what, fmt, (long long)db_column_int64(st, 0),
                 (long long)db_column_int64(st, 1), (long long)db_column_int64(st, 2));
        (*k->problems)++;
        if (k->fn(what, k->arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The normal side of each kind, as SQL: +1 for the unit's money, -1 for what it owes. */
#define NORMAL_SIDE "(CASE WHEN a.kind IN ('cash', 'bank', 'in_transit') THEN 1 ELSE -1 END)"

int ledger_check(db_t *db, ledger_problem_fn fn, void *arg, int64_t *problems)
{
    check_t k = {fn, arg, problems};
    int rc;

    *problems = 0;
    if ((rc = check_rows(db, &k,
                         "SELECT t.id, COUNT(e.line), COALESCE(SUM(e.amount_vnd), 0) FROM "
                         "ledger_txn t LEFT JOIN ledger_entry e ON e.txn_id = t.id GROUP BY t.id "
                         "HAVING COUNT(e.line) < 2 OR SUM(e.amount_vnd) <> 0 ORDER BY t.id",
                         "ledger transaction %lld does not balance (%lld entries, sum %lld)")) !=
            DB_OK ||
        (rc = check_rows(db, &k,
                         "SELECT a.id, a.balance_vnd, COALESCE(SUM(e.amount_vnd), 0) * " NORMAL_SIDE
                         " FROM ledger_account a LEFT JOIN ledger_entry e ON e.account_id = a.id "
                         "GROUP BY a.id, a.balance_vnd, a.kind HAVING a.balance_vnd <> "
                         "COALESCE(SUM(e.amount_vnd), 0) * " NORMAL_SIDE " ORDER BY a.id",
                         "ledger account %lld has balance %lld, its entries say %lld")) != DB_OK ||
        (rc = check_rows(db, &k,
                         "SELECT id, balance_vnd, 0 FROM ledger_account WHERE balance_vnd < 0 "
                         "ORDER BY id",
                         "ledger account %lld is negative (%lld)")) != DB_OK)
        return rc;
    /* Numbers: per unit and year, n documents numbered 1..n, the counter at n. */
    if ((rc = check_rows(db, &k,
                         "SELECT r.unit_id, r.year, COUNT(*) FROM money_receipt r LEFT JOIN "
                         "doc_counter d ON d.unit_id = r.unit_id AND d.series = 'receipt' AND "
                         "d.year = r.year GROUP BY r.unit_id, r.year, d.last_no HAVING COUNT(*) <> "
                         "MAX(r.number) OR COUNT(DISTINCT r.number) <> COUNT(*) OR MIN(r.number) "
                         "<> 1 OR d.last_no IS NULL OR d.last_no <> MAX(r.number) "
                         "ORDER BY r.unit_id, r.year",
                         "receipt numbers of unit %lld, year %lld have a gap or a duplicate (%lld "
                         "receipts)")) != DB_OK ||
        (rc = check_rows(db, &k,
                         "SELECT p.unit_id, p.year, COUNT(*) FROM money_payout p LEFT JOIN "
                         "doc_counter d ON d.unit_id = p.unit_id AND d.series = 'payout' AND "
                         "d.year = p.year GROUP BY p.unit_id, p.year, d.last_no HAVING COUNT(*) <> "
                         "MAX(p.number) OR COUNT(DISTINCT p.number) <> COUNT(*) OR MIN(p.number) "
                         "<> 1 OR d.last_no IS NULL OR d.last_no <> MAX(p.number) "
                         "ORDER BY p.unit_id, p.year",
                         "payout voucher numbers of unit %lld, year %lld have a gap or a "
                         "duplicate (%lld vouchers)")) != DB_OK)
        return rc;
    /* Each case: what it says it collected (receipts and imported collections, less
     * voids), paid and holds, against the custody credits, payouts and its accounts. */
    return check_rows(
        db, &k,
        "SELECT c.id, c.collected_vnd, c.paid_vnd FROM enforcement_case c WHERE "
        "c.collected_vnd <> (SELECT COALESCE(-SUM(e.amount_vnd), 0) FROM ledger_txn t JOIN "
        "ledger_entry e ON e.txn_id = t.id JOIN ledger_account a ON a.id = e.account_id WHERE "
        "t.case_id = c.id AND a.kind = 'custody' AND (t.kind = 'collection' OR (t.kind = "
        "'reversal' AND e.amount_vnd > 0))) "
        "OR c.paid_vnd <> (SELECT COALESCE(SUM(e.amount_vnd), 0) FROM ledger_txn t JOIN "
        "ledger_entry e ON e.txn_id = t.id JOIN ledger_account a ON a.id = e.account_id WHERE "
        "t.case_id = c.id AND t.kind = 'payout' AND a.kind IN ('custody', 'payable')) "
        "OR c.collected_vnd - c.paid_vnd <> (SELECT COALESCE(SUM(a.balance_vnd), 0) FROM "
        "ledger_account a WHERE a.case_id = c.id AND a.kind IN ('custody', 'payable')) "
        "ORDER BY c.id",
        "case %lld says collected %lld, paid %lld: its ledger says otherwise");
}
