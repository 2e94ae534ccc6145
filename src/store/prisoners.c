/*
 * store/prisoners.c — prisoners, their stays and the exchanges with camps
 * (store/prisoners.h, migrations/0015_prison.sql).
 */
#include "store/prisoners.h"

#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_text(const db_stmt_t *st, int col)
{
    const char *s = db_column_is_null(st, col) ? NULL : db_column_text(st, col);
    return s != NULL ? strdup(s) : NULL;
}

/* ---- prisoners ---- */

int prisoners_insert(db_t *db, const prisoner_new_t *p, int64_t *id)
{
    return q_insert_id(db, id,
                       "INSERT INTO prisoner (party_id, agency_unit_id, full_name, birth_date, "
                       "id_number, prisoner_no, entered_on, sentence, expected_release_on, status, "
                       "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                       "'held', $10, $11)",
                       "iisdssdsdIi", p->party_id, p->agency_unit_id, p->full_name, p->birth_date,
                       p->id_number, p->prisoner_no, p->entered_on, p->sentence,
                       p->expected_release_on, p->created_by, p->created_at);
}

#define PRISONER_COLUMNS                                                                           \
    "p.id, p.party_id, p.agency_unit_id, p.full_name, p.id_number, p.prisoner_no, p.sentence, "    \
    "p.status, p.birth_date, p.entered_on, p.expected_release_on, s.camp_unit_id, s.from_on, "     \
    "cu.code, cu.name_vi, au.code, au.name_vi, p.created_at, o.n, o.amount, o.paid, o.remaining"
/* $2: the day whose stay is joined */
#define PRISONER_JOINS                                                                             \
    " FROM prisoner p JOIN unit au ON au.id = p.agency_unit_id "                                   \
    "LEFT JOIN prisoner_stay s ON s.prisoner_id = p.id AND s.from_on <= $2 AND "                   \
    "(s.to_on IS NULL OR s.to_on > $2) LEFT JOIN unit cu ON cu.id = s.camp_unit_id "               \
    "LEFT JOIN (SELECT cp.party_id, COUNT(*) AS n, SUM(c.amount_vnd) AS amount, "                  \
    "SUM(c.collected_vnd) AS paid, SUM(CASE WHEN c.amount_vnd > c.collected_vnd THEN "             \
    "c.amount_vnd - c.collected_vnd ELSE 0 END) AS remaining FROM case_party cp JOIN "             \
    "enforcement_case c ON c.id = cp.case_id WHERE cp.role = 'debtor' GROUP BY cp.party_id) o "    \
    "ON o.party_id = p.party_id "

static void read_prisoner(db_stmt_t *st, prisoner_row_t *p)
{
    memset(p, 0, sizeof *p);
    p->id = db_column_int64(st, 0);
    p->party_id = db_column_int64(st, 1);
    p->agency_unit_id = db_column_int64(st, 2);
    q_text(st, 3, p->full_name, sizeof p->full_name);
    q_text(st, 4, p->id_number, sizeof p->id_number);
    q_text(st, 5, p->prisoner_no, sizeof p->prisoner_no);
    q_text(st, 6, p->sentence, sizeof p->sentence);
    q_text(st, 7, p->status, sizeof p->status);
    p->birth_date = q_date(st, 8);
    p->entered_on = q_date(st, 9);
    p->expected_release_on = q_date(st, 10);
    p->camp_unit_id = db_column_int64(st, 11);
    p->camp_from = q_date(st, 12);
    q_text(st, 13, p->camp_code, sizeof p->camp_code);
    q_text(st, 14, p->camp_name, sizeof p->camp_name);
    q_text(st, 15, p->agency_code, sizeof p->agency_code);
    q_text(st, 16, p->agency_name, sizeof p->agency_name);
    p->created_at = db_column_int64(st, 17);
    p->n_cases = db_column_int64(st, 18);
    p->amount_vnd = db_column_int64(st, 19);
    p->paid_vnd = db_column_int64(st, 20);
    p->remaining_vnd = db_column_int64(st, 21);
}

int prisoners_get(db_t *db, int64_t id, civil_date_t on, prisoner_row_t *out)
{
    db_stmt_t *st;
    int rc =
        q_open(db, &st, "SELECT " PRISONER_COLUMNS PRISONER_JOINS "WHERE p.id = $1", "id", id, on);

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW)
        read_prisoner(st, out);
    db_finalize(st);
    return rc;
}

int prisoners_of_party(db_t *db, int64_t party_id, int64_t *id)
{
    return q_int64(db, id, "SELECT id FROM prisoner WHERE party_id = $1", "i", party_id);
}

int prisoners_set_status(db_t *db, int64_t id, const char *status)
{
    return q_exec(db, "UPDATE prisoner SET status = $2 WHERE id = $1", "is", id, status);
}

int prisoners_set_party_camp(db_t *db, int64_t party_id, int64_t camp_unit_id,
                             const char *prisoner_no)
{
    return q_exec(db, "UPDATE party SET camp_unit_id = $2, prisoner_no = $3 WHERE id = $1", "iIs",
                  party_id, camp_unit_id, camp_unit_id ? prisoner_no : NULL);
}

int prisoners_list(db_t *db, const prisoner_filter_t *f, prisoner_fn fn, void *arg)
{
    prisoner_row_t p;
    db_stmt_t *st;
    int rc;

    if (f->camp_unit_id != 0)
        rc = q_open_replanned(
            db, &st,
            "SELECT " PRISONER_COLUMNS PRISONER_JOINS
            "WHERE s.camp_unit_id = $1 AND (CAST($3 AS BIGINT) = 0 OR p.party_id IN "
            "(SELECT party_id FROM case_party WHERE case_id = $3 AND role = 'debtor')) "
            "AND ($4 = '' OR p.status = $4) ORDER BY p.full_name, p.id LIMIT $5",
            "idisi", f->camp_unit_id, f->today, f->case_id, f->status ? f->status : "",
            (int64_t)f->limit);
    else
        rc = q_open_replanned(db, &st,
                              UNITS_SCOPE_CTE
                              "SELECT " PRISONER_COLUMNS PRISONER_JOINS
                              "WHERE p.agency_unit_id IN (SELECT id FROM subtree) AND "
                              "(CAST($3 AS BIGINT) = 0 OR p.party_id IN (SELECT party_id "
                              "FROM case_party WHERE case_id = $3 AND role = 'debtor')) "
                              "AND ($4 = '' OR p.status = $4) ORDER BY p.full_name, p.id "
                              "LIMIT $5",
                              "idisi", f->agency_root, f->today, f->case_id,
                              f->status ? f->status : "", (int64_t)f->limit);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        read_prisoner(st, &p);
        if (fn(&p, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- stays ---- */

int prisoner_stays_insert(db_t *db, int64_t prisoner_id, int64_t camp_unit_id, civil_date_t from,
                          const char *reason_in, const char *document_no, int64_t actor,
                          int64_t now)
{
    int64_t id;
    return q_insert_id(db, &id,
                       "INSERT INTO prisoner_stay (prisoner_id, camp_unit_id, from_on, reason_in, "
                       "document_no, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, "
                       "$7)",
                       "iidssIi", prisoner_id, camp_unit_id, from, reason_in, document_no, actor,
                       now);
}

int prisoner_stays_close(db_t *db, int64_t prisoner_id, civil_date_t on, const char *reason_out,
                         const char *document_no)
{
    int64_t n = 0;
    int rc = q_exec_n(db, &n,
                      "UPDATE prisoner_stay SET to_on = $2, reason_out = $3, document_no = "
                      "COALESCE($4, document_no) WHERE prisoner_id = $1 AND to_on IS NULL",
                      "idss", prisoner_id, on, reason_out, document_no);
    if (rc != DB_OK)
        return rc;
    return n == 0 ? DB_DONE : DB_OK;
}

int prisoner_stays_list(db_t *db, int64_t prisoner_id, prisoner_stay_fn fn, void *arg)
{
    prisoner_stay_row_t s;
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT s.id, s.camp_unit_id, u.code, u.name_vi, s.reason_in, s.reason_out, "
                    "s.document_no, s.from_on, s.to_on FROM prisoner_stay s JOIN unit u ON u.id = "
                    "s.camp_unit_id WHERE s.prisoner_id = $1 ORDER BY s.from_on, s.id",
                    "i", prisoner_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&s, 0, sizeof s);
        s.id = db_column_int64(st, 0);
        s.camp_unit_id = db_column_int64(st, 1);
        q_text(st, 2, s.camp_code, sizeof s.camp_code);
        q_text(st, 3, s.camp_name, sizeof s.camp_name);
        q_text(st, 4, s.reason_in, sizeof s.reason_in);
        q_text(st, 5, s.reason_out, sizeof s.reason_out);
        q_text(st, 6, s.document_no, sizeof s.document_no);
        s.from_on = q_date(st, 7);
        s.to_on = q_date(st, 8);
        if (fn(&s, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int prisoner_stay_open_from(db_t *db, int64_t prisoner_id, civil_date_t *from, int64_t *camp)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT from_on, camp_unit_id FROM prisoner_stay WHERE prisoner_id = $1 AND "
                    "to_on IS NULL",
                    "i", prisoner_id);

    *from = CIVIL_DATE_INVALID;
    *camp = 0;
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        *from = q_date(st, 0);
        *camp = db_column_int64(st, 1);
    }
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int prisoner_debtor_cases(db_t *db, int64_t party_id, prisoner_case_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT case_id FROM case_party WHERE party_id = $1 AND role = 'debtor' "
                    "ORDER BY case_id",
                    "i", party_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (fn(db_column_int64(st, 0), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int prisoner_is_debtor(db_t *db, int64_t case_id, int64_t party_id)
{
    int64_t n;
    int rc = q_int64(db, &n,
                     "SELECT COUNT(*) FROM case_party WHERE case_id = $1 AND party_id = $2 AND "
                     "role = 'debtor'",
                     "ii", case_id, party_id);
    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    return n > 0 ? DB_ROW : DB_DONE;
}

int prisoner_case_stays(db_t *db, int64_t case_id, prisoner_span_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT s.from_on, s.to_on FROM case_party cp JOIN prisoner p ON p.party_id = "
                    "cp.party_id JOIN prisoner_stay s ON s.prisoner_id = p.id WHERE cp.case_id = "
                    "$1 AND cp.role = 'debtor' ORDER BY s.from_on, s.id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (fn(q_date(st, 0), q_date(st, 1), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The prisoner bit as the register says it is now. */
#define PRISONER_FLAG_NOW                                                                          \
    "((flags & 3) | CASE WHEN EXISTS (SELECT 1 FROM case_party cp JOIN prisoner p ON "             \
    "p.party_id = cp.party_id WHERE cp.case_id = enforcement_case.id AND cp.role = 'debtor') "     \
    "THEN 4 ELSE 0 END)"

int prisoner_refresh_case_flags(db_t *db)
{
    /* only the rows that change: on PostgreSQL an UPDATE of every case writes a new
     * version of each (a million dead rows for autovacuum after a statistics rebuild) */
    return q_exec(db,
                  "UPDATE enforcement_case SET flags = " PRISONER_FLAG_NOW
                  " WHERE flags <> " PRISONER_FLAG_NOW,
                  "");
}

int prisoner_candidates(db_t *db, const char *state, int limit, prisoner_candidate_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT p.id, MIN(c.id), p.camp_unit_id, p.prisoner_no FROM party p "
                    "JOIN case_party cp ON cp.party_id = p.id AND cp.role = 'debtor' "
                    "JOIN enforcement_case c ON c.id = cp.case_id WHERE p.camp_unit_id IS NOT "
                    "NULL AND p.prisoner_no IS NOT NULL AND c.state = $1 AND c.amount_vnd > "
                    "c.collected_vnd AND NOT EXISTS (SELECT 1 FROM prisoner x WHERE x.party_id "
                    "= p.id) GROUP BY p.id, p.camp_unit_id, p.prisoner_no ORDER BY MIN(c.id) "
                    "LIMIT $2",
                    "si", state, (int64_t)limit);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (fn(db_column_int64(st, 0), db_column_int64(st, 1), db_column_int64(st, 2),
               db_column_text(st, 3), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- exchanges ---- */

int exchanges_insert(db_t *db, const exchange_new_t *x, int64_t *id)
{
    return q_insert_id(
        db, id,
        "INSERT INTO prison_exchange (kind, state, prisoner_id, case_id, agency_unit_id, "
        "camp_unit_id, sender_unit_id, receiver_unit_id, reply_to_id, purpose, amount_vnd, "
        "remaining_vnd, receipt_id, camp_receipt_no, payer_name, body, rule_id, due_on, "
        "drafted_on, sent_on, document, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
        "$23, $23)",
        "ssiIiiiiIsiiIssssdddsIi", x->kind, x->state, x->prisoner_id, x->case_id, x->agency_unit_id,
        x->camp_unit_id, x->sender_unit_id, x->receiver_unit_id, x->reply_to_id, x->purpose,
        x->amount_vnd, x->remaining_vnd, x->receipt_id, x->camp_receipt_no, x->payer_name, x->body,
        x->rule_id, x->due_on, x->drafted_on, x->sent_on, x->document, x->created_by,
        x->created_at);
}

void exchange_row_clear(exchange_row_t *x)
{
    free(x->body);
    free(x->answer);
    free(x->document);
    x->body = x->answer = x->document = NULL;
}

#define EXCHANGE_COLUMNS                                                                           \
    "x.id, x.prisoner_id, x.case_id, x.agency_unit_id, x.camp_unit_id, x.sender_unit_id, "         \
    "x.receiver_unit_id, x.reply_to_id, x.amount_vnd, x.remaining_vnd, x.receipt_id, "             \
    "x.transfer_txn_id, x.created_by, x.created_at, x.updated_at, x.kind, x.state, x.purpose, "    \
    "x.camp_receipt_no, x.payer_name, x.rule_id, x.signed_by, x.body, x.answer, x.document, "      \
    "x.due_on, x.drafted_on, x.sent_on, x.received_on, x.answered_on, x.signed_on, c.case_no, "    \
    "p.full_name, p.prisoner_no, su.code, su.name_vi, ru.code, ru.name_vi"
#define EXCHANGE_JOINS                                                                             \
    " FROM prison_exchange x JOIN prisoner p ON p.id = x.prisoner_id "                             \
    "LEFT JOIN enforcement_case c ON c.id = x.case_id JOIN unit su ON su.id = x.sender_unit_id "   \
    "JOIN unit ru ON ru.id = x.receiver_unit_id "

/* with_document: read the document's text too (a list leaves it out) */
static int read_exchange(db_stmt_t *st, exchange_row_t *x, int with_document)
{
    memset(x, 0, sizeof *x);
    x->id = db_column_int64(st, 0);
    x->prisoner_id = db_column_int64(st, 1);
    x->case_id = db_column_int64(st, 2);
    x->agency_unit_id = db_column_int64(st, 3);
    x->camp_unit_id = db_column_int64(st, 4);
    x->sender_unit_id = db_column_int64(st, 5);
    x->receiver_unit_id = db_column_int64(st, 6);
    x->reply_to_id = db_column_int64(st, 7);
    x->amount_vnd = db_column_int64(st, 8);
    x->remaining_vnd = db_column_int64(st, 9);
    x->receipt_id = db_column_int64(st, 10);
    x->transfer_txn_id = db_column_int64(st, 11);
    x->created_by = db_column_int64(st, 12);
    x->created_at = db_column_int64(st, 13);
    x->updated_at = db_column_int64(st, 14);
    q_text(st, 15, x->kind, sizeof x->kind);
    q_text(st, 16, x->state, sizeof x->state);
    q_text(st, 17, x->purpose, sizeof x->purpose);
    q_text(st, 18, x->camp_receipt_no, sizeof x->camp_receipt_no);
    q_text(st, 19, x->payer_name, sizeof x->payer_name);
    q_text(st, 20, x->rule_id, sizeof x->rule_id);
    q_text(st, 21, x->signed_by, sizeof x->signed_by);
    x->body = dup_text(st, 22);
    x->answer = dup_text(st, 23);
    x->document = with_document ? dup_text(st, 24) : NULL;
    x->due_on = q_date(st, 25);
    x->drafted_on = q_date(st, 26);
    x->sent_on = q_date(st, 27);
    x->received_on = q_date(st, 28);
    x->answered_on = q_date(st, 29);
    x->signed_on = q_date(st, 30);
    q_text(st, 31, x->case_no, sizeof x->case_no);
    q_text(st, 32, x->prisoner_name, sizeof x->prisoner_name);
    q_text(st, 33, x->prisoner_no, sizeof x->prisoner_no);
    q_text(st, 34, x->sender_code, sizeof x->sender_code);
    q_text(st, 35, x->sender_name, sizeof x->sender_name);
    q_text(st, 36, x->receiver_code, sizeof x->receiver_code);
    q_text(st, 37, x->receiver_name, sizeof x->receiver_name);
    if ((!db_column_is_null(st, 22) && x->body == NULL) ||
        (!db_column_is_null(st, 23) && x->answer == NULL) ||
        (with_document && !db_column_is_null(st, 24) && x->document == NULL)) {
        exchange_row_clear(x);
        return db_fail_nomem(st->db);
    }
    return DB_OK;
}

int exchanges_get(db_t *db, int64_t id, exchange_row_t *x)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT " EXCHANGE_COLUMNS EXCHANGE_JOINS "WHERE x.id = $1", "i", id);

    memset(x, 0, sizeof *x);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        int r = read_exchange(st, x, 1);
        if (r != DB_OK)
            rc = r;
    }
    db_finalize(st);
    return rc;
}

int exchanges_lock(db_t *db, int64_t id)
{
    int64_t got;
    int rc =
        db_engine(db) == DB_ENGINE_POSTGRES
            ? q_int64(db, &got, "SELECT id FROM prison_exchange WHERE id = $1 FOR UPDATE", "i", id)
            : q_int64(db, &got, "SELECT id FROM prison_exchange WHERE id = $1", "i", id);
    return rc;
}

int exchanges_change(db_t *db, int64_t id, const exchange_change_t *c)
{
    return q_exec(db,
                  "UPDATE prison_exchange SET state = $2, "
                  "sent_on = CASE WHEN $2 = 'sent' THEN $3 ELSE sent_on END, "
                  "received_on = CASE WHEN $2 = 'received' THEN $3 ELSE received_on END, "
                  "answered_on = CASE WHEN $2 = 'answered' THEN $3 ELSE answered_on END, "
                  "answer = COALESCE($4, answer), signed_by = COALESCE($5, signed_by), "
                  "document = COALESCE($6, document), signed_on = COALESCE($7, signed_on), "
                  "transfer_txn_id = COALESCE($8, transfer_txn_id), due_on = COALESCE($9, due_on), "
                  "rule_id = COALESCE($10, rule_id), updated_at = $11 WHERE id = $1",
                  "isdsssdIdsi", id, c->state, c->on, c->answer, c->signed_by, c->document,
                  c->signed_on, c->transfer_txn_id, c->due_on, c->rule_id, c->now);
}

int exchange_events_insert(db_t *db, int64_t exchange_id, const char *state, civil_date_t on,
                           int64_t actor, int64_t now, const char *note)
{
    int64_t seq = 0;
    int rc = q_int64(db, &seq,
                     "SELECT COALESCE(MAX(seq), 0) + 1 FROM prison_exchange_event WHERE "
                     "exchange_id = $1",
                     "i", exchange_id);

    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    return q_exec(db,
                  "INSERT INTO prison_exchange_event (exchange_id, seq, state, occurred_on, "
                  "actor_user_id, recorded_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  "iisdIis", exchange_id, seq, state, on, actor, now, note);
}

int exchange_events_list(db_t *db, int64_t exchange_id, exchange_event_fn fn, void *arg)
{
    exchange_event_row_t e;
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT e.seq, e.state, e.note, u.full_name, e.occurred_on, e.recorded_at "
                    "FROM prison_exchange_event e LEFT JOIN app_user u ON u.id = e.actor_user_id "
                    "WHERE e.exchange_id = $1 ORDER BY e.seq",
                    "i", exchange_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&e, 0, sizeof e);
        e.seq = (int)db_column_int64(st, 0);
        q_text(st, 1, e.state, sizeof e.state);
        q_text(st, 2, e.note, sizeof e.note);
        q_text(st, 3, e.actor_name, sizeof e.actor_name);
        e.on = q_date(st, 4);
        e.recorded_at = db_column_int64(st, 5);
        if (fn(&e, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* Waiting for the receiver: sent, or received and still to be answered. */
#define EXCHANGE_WAITING                                                                           \
    "(x.state = 'sent' OR (x.state = 'received' AND x.kind IN ('notify_obligation', "              \
    "'handover', 'confirmation_request', 'verification_request')))"
#define EXCHANGE_FILTER                                                                            \
    "AND (CAST($3 AS BIGINT) = 0 OR x.prisoner_id = $3) "                                          \
    "AND (CAST($4 AS BIGINT) = 0 OR x.case_id = $4) AND ($5 = '' OR x.kind = $5) "                 \
    "AND ($6 = '' OR x.state = $6) AND (CAST($7 AS BIGINT) = 0 OR (" EXCHANGE_WAITING              \
    " AND x.due_on < $2)) AND ($9 = '' OR (" EXCHANGE_WAITING " AND x.receiver_unit_id = "         \
    "CASE WHEN $9 = 'camp' THEN x.camp_unit_id ELSE x.agency_unit_id END)) "                       \
    "ORDER BY CASE WHEN " EXCHANGE_WAITING " THEN 0 WHEN x.state = "                               \
    "'drafted' THEN 1 ELSE 2 END, CASE WHEN x.due_on IS NULL THEN 1 ELSE 0 END, CASE "             \
    "WHEN " EXCHANGE_WAITING " THEN x.due_on END, x.id DESC LIMIT $8"

int exchanges_list(db_t *db, const exchange_filter_t *f, exchange_fn fn, void *arg)
{
    exchange_row_t x;
    db_stmt_t *st;
    int rc;

    if (f->camp_unit_id != 0)
        rc = q_open_replanned(
            db, &st,
            "SELECT " EXCHANGE_COLUMNS EXCHANGE_JOINS
            "WHERE x.camp_unit_id = $1 AND EXISTS (SELECT 1 FROM prisoner_stay s WHERE "
            "s.prisoner_id = x.prisoner_id AND s.camp_unit_id = $1 AND s.from_on <= $2 "
            "AND (s.to_on IS NULL OR s.to_on > $2)) " EXCHANGE_FILTER,
            "idiissiis", f->camp_unit_id, f->today, f->prisoner_id, f->case_id,
            f->kind ? f->kind : "", f->state ? f->state : "", (int64_t)f->overdue,
            (int64_t)f->limit, f->waiting_for ? f->waiting_for : "");
    else
        rc = q_open_replanned(db, &st,
                              UNITS_SCOPE_CTE
                              "SELECT " EXCHANGE_COLUMNS EXCHANGE_JOINS
                              "WHERE x.agency_unit_id IN (SELECT id FROM subtree) " EXCHANGE_FILTER,
                              "idiissiis", f->agency_root, f->today, f->prisoner_id, f->case_id,
                              f->kind ? f->kind : "", f->state ? f->state : "", (int64_t)f->overdue,
                              (int64_t)f->limit, f->waiting_for ? f->waiting_for : "");
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if ((rc = read_exchange(st, &x, 0)) != DB_OK)
            break;
        rc = fn(&x, arg);
        exchange_row_clear(&x);
        if (rc != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE || rc == DB_OK ? DB_OK : rc;
}

/* ---- fsck ---- */

static int report(prison_problem_fn fn, void *arg, int64_t *problems, const char *what)
{
    (*problems)++;
    return fn(what, arg);
}

/* The day the receiver's action closed an exchange (NULL: not yet). */
#define ACTION_ON                                                                                  \
    "(CASE WHEN x.kind IN ('camp_collection', 'confirmation', 'answer') THEN x.received_on "       \
    "ELSE x.answered_on END)"

int prison_figures(db_t *db, int64_t root, civil_date_t from, civil_date_t to,
                   prison_figures_t *out)
{
    db_stmt_t *st;
    int rc = q_open(
        db, &st,
        UNITS_SCOPE_CTE
        "SELECT COALESCE(SUM(CASE WHEN x.sent_on >= $3 AND x.sent_on <= $2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN " ACTION_ON " >= $3 AND " ACTION_ON " <= $2 AND (x.due_on IS NULL "
        "OR " ACTION_ON " <= x.due_on) THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN " ACTION_ON " >= $3 AND " ACTION_ON " <= $2 AND " ACTION_ON
        " > x.due_on THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN x.sent_on <= $2 AND x.due_on < $2 AND (" ACTION_ON
        " IS NULL OR " ACTION_ON " > $2) THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN x.kind = 'camp_collection' AND x.sent_on >= $3 AND x.sent_on <= "
        "$2 AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = x.receipt_id) THEN "
        "x.amount_vnd ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN x.kind = 'camp_collection' AND x.transfer_txn_id IS NOT NULL AND "
        "x.received_on >= $3 AND x.received_on <= $2 THEN x.amount_vnd ELSE 0 END), 0) "
        "FROM prison_exchange x WHERE x.agency_unit_id IN (SELECT id FROM subtree) AND "
        "x.sent_on IS NOT NULL",
        "idd", root, to, from);

    memset(out, 0, sizeof *out);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        out->sent = db_column_int64(st, 0);
        out->done_on_time = db_column_int64(st, 1);
        out->done_late = db_column_int64(st, 2);
        out->overdue = db_column_int64(st, 3);
        out->camp_money_vnd = db_column_int64(st, 4);
        out->camp_money_received_vnd = db_column_int64(st, 5);
        rc = DB_OK;
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int prison_in_transit_of_case(db_t *db, int64_t case_id, int64_t *sum_vnd)
{
    int rc = q_int64(db, sum_vnd,
                     "SELECT COALESCE(SUM(r.amount_vnd), 0) FROM money_receipt r WHERE r.case_id = "
                     "$1 AND r.method = 'prison' AND NOT EXISTS (SELECT 1 FROM receipt_void v "
                     "WHERE v.receipt_id = r.id) AND NOT EXISTS (SELECT 1 FROM prison_exchange x "
                     "WHERE x.receipt_id = r.id AND x.transfer_txn_id IS NOT NULL)",
                     "i", case_id);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int prison_check(db_t *db, prison_problem_fn fn, void *arg, int64_t *problems)
{
    db_stmt_t *st;
    char what[300];
    int rc;

    *problems = 0;
    /* in_transit per unit = receipts paid at a camp, not void, less the transfers received */
    rc = q_open(db, &st,
                "SELECT u.id, u.code, COALESCE((SELECT SUM(a.balance_vnd) FROM ledger_account a "
                "WHERE a.unit_id = u.id AND a.kind = 'in_transit'), 0), "
                "COALESCE((SELECT SUM(r.amount_vnd) FROM money_receipt r WHERE r.unit_id = u.id "
                "AND r.method = 'prison' AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE "
                "v.receipt_id = r.id) AND NOT EXISTS (SELECT 1 FROM prison_exchange x WHERE "
                "x.receipt_id = r.id AND x.transfer_txn_id IS NOT NULL)), 0) FROM unit u "
                "ORDER BY u.code",
                "");
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t bal = db_column_int64(st, 2), want = db_column_int64(st, 3);
        if (bal == want)
            continue;
        snprintf(what, sizeof what,
                 "unit %s holds %lld đ in transit, but its camps' collections not yet received "
                 "come to %lld đ",
                 db_column_text(st, 1), (long long)bal, (long long)want);
        if (report(fn, arg, problems, what) != 0)
            break;
    }
    db_finalize(st);
    if (rc != DB_DONE && rc != DB_ROW)
        return rc;
    /* each camp collection: its receipt's amount and case, and a received one's transfer */
    rc = q_open(
        db, &st,
        "SELECT x.id FROM prison_exchange x LEFT JOIN money_receipt r ON r.id = x.receipt_id "
        "WHERE x.kind = 'camp_collection' AND (r.id IS NULL OR r.amount_vnd <> x.amount_vnd OR "
        "r.case_id <> x.case_id OR r.method <> 'prison' OR (x.state IN ('received', 'answered') "
        "AND (x.transfer_txn_id IS NULL OR (SELECT COALESCE(SUM(e.amount_vnd), 0) FROM "
        "ledger_entry e JOIN ledger_account a ON a.id = e.account_id WHERE e.txn_id = "
        "x.transfer_txn_id AND a.kind = 'in_transit') <> -x.amount_vnd)) OR (x.state IN "
        "('drafted', 'sent') AND x.transfer_txn_id IS NOT NULL)) ORDER BY x.id",
        "");
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        snprintf(what, sizeof what,
                 "camp collection %lld does not match its receipt or its transfer to custody",
                 (long long)db_column_int64(st, 0));
        if (report(fn, arg, problems, what) != 0)
            break;
    }
    db_finalize(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}
