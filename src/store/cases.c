/*
 * store/cases.c — SQL for cases and their event logs.
 *
 * Each case's events form a hash chain whose head (length and last hash) is kept on
 * the case row itself: appending first increments enforcement_case.event_seq, which
 * locks the row until the transaction ends, so two officers recording events on one
 * case at once queue instead of forking the chain.
 */
#include "store/cases.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/case_row.h"

void cases_read_row(db_stmt_t *st, case_row_t *c)
{
    memset(c, 0, sizeof *c);
    c->id = db_column_int64(st, 0);
    c->unit_id = db_column_int64(st, 1);
    c->judgment_id = db_column_int64(st, 2);
    c->officer_user_id = db_column_int64(st, 3);
    q_text(st, 4, c->case_no, sizeof c->case_no);
    q_text(st, 5, c->source, sizeof c->source);
    q_text(st, 6, c->category, sizeof c->category);
    q_text(st, 7, c->state, sizeof c->state);
    q_text(st, 8, c->stat_bucket, sizeof c->stat_bucket);
    c->received_on = q_date(st, 9);
    c->decided_on = q_date(st, 10);
    c->state_on = q_date(st, 11);
    c->next_due_on = q_date(st, 12);
    c->amount_vnd = db_column_int64(st, 13);
    c->collected_vnd = db_column_int64(st, 14);
    c->paid_vnd = db_column_int64(st, 15);
    c->event_seq = db_column_int64(st, 16);
    q_text(st, 17, c->last_hash, sizeof c->last_hash);
    q_text(st, 18, c->unit_code, sizeof c->unit_code);
    q_text(st, 19, c->unit_name, sizeof c->unit_name);
    q_text(st, 20, c->judgment_no, sizeof c->judgment_no);
    q_text(st, 21, c->court_name, sizeof c->court_name);
    c->judgment_date = q_date(st, 22);
    q_text(st, 25, c->resume_state, sizeof c->resume_state);
    q_text(st, 23, c->officer_name, sizeof c->officer_name);
    c->last_event_on = q_date(st, 24);
    c->year = (int)db_column_int64(st, 26);
    c->flags = (int)db_column_int64(st, 27);
}

int cases_next_id(db_t *db, int64_t *id)
{
    int rc = db_take_id(db, "enforcement_case", id); /* a bulk load's, taken in blocks */

    if (rc != DB_DONE)
        return rc;
    if (db_engine(db) == DB_ENGINE_SQLITE) { /* the writer holds the database: past the last */
        if ((rc = cases_max_id(db, id)) == DB_OK)
            ++*id;
        return rc;
    }
    rc = q_int64(db, id, "SELECT nextval(pg_get_serial_sequence('enforcement_case', 'id'))", "");
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

/* The indexes a load of new cases can build at the end, and the references between the
 * tables it writes that it can check at the end (cases.h), and how to drop each. */
static const struct {
    const char *name, *drop;
    int reference; /* a foreign key: PostgreSQL's (SQLite's load has them off: db_bulk_begin) */
} deferrable[] = {
    {"case_by_unit_state", "DROP INDEX case_by_unit_state"},
    {"case_by_officer", "DROP INDEX case_by_officer"},
    {"case_by_received", "DROP INDEX case_by_received"},
    {"case_party_by_party", "DROP INDEX case_party_by_party"},
    {"party_by_camp", "DROP INDEX party_by_camp"},
    {"obligation_by_case", "DROP INDEX obligation_by_case"},
    {"deadline_open", "DROP INDEX deadline_open"},
    {"deadline_by_case", "DROP INDEX deadline_by_case"},
    {"deadline_by_unit", "DROP INDEX deadline_by_unit"},
    {"case_list_by_unit", "DROP INDEX case_list_by_unit"},
    {"case_list_by_unit_state", "DROP INDEX case_list_by_unit_state"},
    {"case_list_by_unit_category", "DROP INDEX case_list_by_unit_category"},
    {"case_list_by_unit_bucket", "DROP INDEX case_list_by_unit_bucket"},
    {"case_list_by_officer", "DROP INDEX case_list_by_officer"},
    {"deadline_open_by_unit", "DROP INDEX deadline_open_by_unit"},
    {"deadline_open_by_unit_rule", "DROP INDEX deadline_open_by_unit_rule"},
    {"deadline_open_by_officer", "DROP INDEX deadline_open_by_officer"},
    {"deadline_open_by_due", "DROP INDEX deadline_open_by_due"}, /* PostgreSQL's */
    {"stat_case_delta_unit", "DROP INDEX stat_case_delta_unit"},
    {"stat_case_delta_month", "DROP INDEX stat_case_delta_month"},
    {"case_search_document", "DROP INDEX case_search_document"}, /* PostgreSQL's GIN */
    {"ledger_account_by_case", "DROP INDEX ledger_account_by_case"},
    {"ledger_txn_by_case", "DROP INDEX ledger_txn_by_case"},
    {"ledger_txn_by_unit_day", "DROP INDEX ledger_txn_by_unit_day"},
    {"ledger_entry_by_account", "DROP INDEX ledger_entry_by_account"},
#define REFERENCE(table, column)                                                                   \
    {                                                                                              \
        table "_" column "_fkey",                                                                  \
            "ALTER TABLE " table " DROP CONSTRAINT " table "_" column "_fkey", 1                   \
    }
    REFERENCE("case_event", "case_id"),
    REFERENCE("case_party", "case_id"),
    REFERENCE("case_party", "party_id"),
    REFERENCE("case_search", "case_id"),
    REFERENCE("case_deadline", "case_id"),
    REFERENCE("enforcement_case", "judgment_id"),
    REFERENCE("obligation_item", "case_id"),
    REFERENCE("obligation_item", "creditor_party_id"),
    REFERENCE("ledger_txn", "case_id"),
    REFERENCE("ledger_entry", "txn_id"),
    REFERENCE("ledger_entry", "account_id"),
#undef REFERENCE
};
#define NDEFERRABLE (sizeof deferrable / sizeof deferrable[0])

struct cases_deferred {
    char *create[NDEFERRABLE]; /* CREATE INDEX, ADD CONSTRAINT: as the schema has them */
    size_t n;
};

void cases_deferred_free(cases_deferred_t *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n; i++)
        free(set->create[i]);
    free(set);
}

/* The statement reading deferrable[i]'s definition ($1 its name): one row, the statement
 * that makes it again, or none where the schema lacks it. */
static const char *definition_query(const db_t *db, size_t i)
{
    if (deferrable[i].reference)
        return "SELECT 'ALTER TABLE ' || CAST(conrelid AS regclass) || ' ADD CONSTRAINT ' || "
               "quote_ident(conname) || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
               "WHERE contype = 'f' AND connamespace = CAST(current_schema() AS regnamespace) "
               "AND conname = $1";
    if (db_engine(db) == DB_ENGINE_SQLITE)
        return "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1";
    return "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
           "indexname = $1";
}

int cases_deferred_drop(db_t *db, cases_deferred_t **out)
{
    cases_deferred_t *set;
    int rc = DB_OK;

    *out = NULL;
    if ((set = calloc(1, sizeof *set)) == NULL)
        return db_fail_nomem(db);
    for (size_t i = 0; i < NDEFERRABLE && rc == DB_OK; i++) {
        db_stmt_t *st;
        if (deferrable[i].reference && db_engine(db) == DB_ENGINE_SQLITE)
            continue;
        rc = q_open(db, &st, definition_query(db, i), "s", deferrable[i].name);
        if (rc != DB_OK)
            break;
        rc = db_step(st);
        if (rc == DB_ROW && db_column_text(st, 0) == NULL)
            rc = DB_DONE; /* not an index of a CREATE INDEX */
        if (rc == DB_ROW && (set->create[set->n] = strdup(db_column_text(st, 0))) == NULL)
            rc = db_fail_nomem(db);
        db_finalize(st);
        if (rc == DB_ROW) { /* present (a schema without it has nothing to drop) */
            set->n++;
            rc = db_exec_script(db, deferrable[i].drop);
        } else if (rc == DB_DONE) {
            rc = DB_OK;
        }
    }
    if (rc != DB_OK) {
        cases_deferred_free(set);
        return rc;
    }
    *out = set;
    return DB_OK;
}

int cases_deferred_build(db_t *db, cases_deferred_t *set)
{
    int rc = DB_OK;

    for (size_t i = 0; set != NULL && i < set->n && rc == DB_OK; i++)
        rc = db_exec_script(db, set->create[i]);
    cases_deferred_free(set);
    return rc;
}

int cases_first_free_id(db_t *db, int64_t *first)
{
    *first = 0;
    return db_engine(db) == DB_ENGINE_SQLITE ? cases_next_id(db, first) : DB_OK;
}

int cases_max_id(db_t *db, int64_t *max)
{
    int rc = q_int64(db, max, "SELECT coalesce(max(id), 0) FROM enforcement_case", "");

    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int cases_insert(db_t *db, const case_new_t *c, const case_projection_t *p, int64_t now)
{
    return q_exec(db,
                  "INSERT INTO enforcement_case (id, unit_id, case_no, judgment_id, source, "
                  "category, officer_user_id, received_on, state, stat_bucket, state_on, "
                  "decided_on, last_event_on, amount_vnd, collected_vnd, paid_vnd, event_seq, "
                  "last_hash, next_due_on, created_at, resume_state, year, flags) VALUES ($1, $2, "
                  "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
                  "$20, $21, $22, $23)",
                  "iisIssIdssdddiiiisdisii", c->id, c->unit_id, c->case_no, c->judgment_id,
                  c->source, c->category, c->officer_user_id, c->received_on, p->state,
                  p->stat_bucket, p->state_on, p->decided_on, p->last_event_on, p->amount_vnd,
                  p->collected_vnd, p->paid_vnd, p->event_seq, p->last_hash, p->next_due_on, now,
                  p->resume_state, (int64_t)c->year, (int64_t)c->flags);
}

/* One text for both readers of a case by id, so that they share its cached statement. */
static const char case_by_id[] = "SELECT " CASE_COLUMNS CASE_JOINS " WHERE c.id = $1";

int cases_get(db_t *db, int64_t id, case_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, case_by_id, "i", id);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        cases_read_row(st, out);
    db_finalize(st);
    return rc;
}

int cases_get_within_now(db_t *db, int64_t id, int64_t root, civil_date_t today, case_row_t *out,
                         int *yes)
{
    db_stmt_t *c = NULL, *walk = NULL;
    int rc, within_rc;

    *yes = 0;
    /* A connection that keeps scopes may answer from one with no walk: the case first,
     * then the question about its unit. */
    if (units_keeps_scopes(db)) {
        if ((rc = cases_get(db, id, out)) == DB_ROW &&
            (within_rc = units_is_within_now(db, root, out->unit_id, today, yes)) != DB_OK)
            rc = within_rc;
        return rc;
    }
    /* Else the case and the walk from its unit together: one round trip on PostgreSQL. */
    rc = q_open(db, &c, case_by_id, "i", id);
    if (rc == DB_OK)
        rc = db_send(c);
    if (rc == DB_OK)
        rc = units_case_within_send(db, root, id, today, &walk);
    if (rc == DB_OK && (rc = db_step(c)) == DB_ROW) {
        cases_read_row(c, out);
        if ((within_rc = units_within_read(walk, yes)) != DB_OK)
            rc = within_rc;
    }
    db_finalize(c);
    db_finalize(walk);
    return rc;
}

int cases_copy_for_entrustment(db_t *db, int64_t source_id, int64_t to_unit, const char *case_no,
                               int year, civil_date_t received_on, const char *state,
                               const char *bucket, int64_t amount_vnd, int64_t now, int64_t *id)
{
    int rc = q_int64(db, id,
                     "INSERT INTO enforcement_case (unit_id, case_no, judgment_id, source, "
                     "category, state, stat_bucket, received_on, state_on, last_event_on, "
                     "amount_vnd, last_hash, created_at, year, flags) SELECT $2, $3, judgment_id, "
                     "source, category, $5, $6, $4, $4, $4, $7, $8, $9, $10, flags FROM "
                     "enforcement_case WHERE id = $1 RETURNING id",
                     "iisdssisii", source_id, to_unit, case_no, received_on, state, bucket,
                     amount_vnd, chain_genesis, now, (int64_t)year);
    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    return q_exec(db,
                  "INSERT INTO case_party (case_id, party_id, role) SELECT $2, party_id, role "
                  "FROM case_party WHERE case_id = $1",
                  "ii", source_id, *id);
}

int cases_lock(db_t *db, int64_t id)
{
    int64_t changed = 0;
    int rc = q_exec_n(db, &changed,
                      "UPDATE enforcement_case SET event_seq = event_seq WHERE id = $1", "i", id);
    return rc == DB_OK && changed == 0 ? DB_DONE : rc;
}

int cases_find_by_no(db_t *db, int64_t unit_id, int year, const char *case_no, int64_t *id)
{
    return q_int64(db, id,
                   "SELECT id FROM enforcement_case WHERE unit_id = $1 AND year = $2 AND "
                   "case_no = $3",
                   "iis", unit_id, (int64_t)year, case_no);
}

int cases_set_projection(db_t *db, int64_t id, const case_projection_t *p)
{
    return q_exec(db,
                  "UPDATE enforcement_case SET state = $2, stat_bucket = $3, state_on = $4, "
                  "decided_on = $5, amount_vnd = $6, collected_vnd = $7, paid_vnd = $8, "
                  "last_event_on = $9, event_seq = $10, last_hash = $11, next_due_on = $12, "
                  "resume_state = $13 WHERE id = $1",
                  "issddiiidisds", id, p->state, p->stat_bucket, p->state_on, p->decided_on,
                  p->amount_vnd, p->collected_vnd, p->paid_vnd, p->last_event_on, p->event_seq,
                  p->last_hash, p->next_due_on, p->resume_state);
}

int cases_set_officer(db_t *db, int64_t id, int64_t officer_user_id)
{
    return q_exec(db, "UPDATE enforcement_case SET officer_user_id = $2 WHERE id = $1", "iI", id,
                  officer_user_id);
}

int judgments_find(db_t *db, const char *number, civil_date_t date, const char *court_name,
                   int64_t *id)
{
    return q_int64(db, id,
                   "SELECT id FROM judgment WHERE number = $1 AND judgment_date = $2 AND "
                   "court_name = $3 ORDER BY id LIMIT 1",
                   "sds", number, date, court_name);
}

int judgments_insert(db_t *db, const char *number, civil_date_t date, const char *court_name,
                     const char *kind, int64_t now, int64_t *id)
{
    return q_insert_id_ahead(
        db, id, "judgment", "number, judgment_date, court_name, kind, created_at",
        "$1, $2, $3, $4, $5", "$6", "sdssi", number, date, court_name, kind, now);
}

int judgments_find_or_insert(db_t *db, const char *number, civil_date_t date,
                             const char *court_name, const char *kind, int64_t now, int64_t *id)
{
    int rc = judgments_find(db, number, date, court_name, id);

    if (rc != DB_DONE)
        return rc == DB_ROW ? DB_OK : rc;
    return judgments_insert(db, number, date, court_name, kind, now, id);
}

/* Call fn with the n text columns of each row of sql (no parameters). */
static int each_key(db_t *db, const char *sql, size_t n, db_key_fn fn, void *arg)
{
    const char *parts[4];
    db_stmt_t *st;
    int rc = q_open(db, &st, sql, "");

    assert(n <= sizeof parts / sizeof parts[0]);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        for (size_t i = 0; i < n; i++)
            parts[i] = db_column_text(st, (int)i) ? db_column_text(st, (int)i) : "";
        if (fn(parts, n, arg) != 0)
            break;
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc == DB_ROW ? DB_DONE : rc;
}

int cases_each_key(db_t *db, db_key_fn fn, void *arg)
{
    return each_key(db, "SELECT unit_id, year, case_no FROM enforcement_case", 3, fn, arg);
}

int judgments_each_key(db_t *db, db_key_fn fn, void *arg)
{
    /* (a DATE reads back as YYYY-MM-DD on both engines: ISO DateStyle on PostgreSQL) */
    return each_key(db, "SELECT number, judgment_date, court_name FROM judgment", 3, fn, arg);
}

int parties_find(db_t *db, const char *kind, const char *id_number, int64_t *id)
{
    return q_int64(db, id,
                   "SELECT id FROM party WHERE id_number = $1 AND kind = $2 ORDER BY id LIMIT 1",
                   "ss", id_number, kind);
}

int parties_insert(db_t *db, const party_new_t *p, int64_t now, int64_t *id)
{
    return q_insert_id_ahead(db, id, "party",
                             "kind, full_name, id_number, birth_date, address, camp_unit_id, "
                             "prisoner_no, created_at",
                             "$1, $2, $3, $4, $5, $6, $7, $8", "$9", "sssdsIsi", p->kind,
                             p->full_name, p->id_number && p->id_number[0] ? p->id_number : NULL,
                             p->birth_date, p->address, p->camp_unit_id, p->prisoner_no, now);
}

int parties_name(db_t *db, int64_t id, char *name, size_t len)
{
    db_stmt_t *st = NULL;
    int rc = q_open(db, &st, "SELECT full_name FROM party WHERE id = $1", "i", id);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        q_text(st, 0, name, len);
    db_finalize(st);
    return rc;
}

int parties_each_key(db_t *db, db_key_fn fn, void *arg)
{
    return each_key(db, "SELECT kind, id_number FROM party WHERE id_number IS NOT NULL", 2, fn,
                    arg);
}

int cases_add_party(db_t *db, int64_t case_id, int64_t party_id, const char *role)
{
    return q_append(db, "case_party", "case_id, party_id, role", "$1, $2, $3", "iis", case_id,
                    party_id, role);
}

int cases_add_item(db_t *db, int64_t case_id, const char *content_type, const char *description,
                   int64_t amount_vnd, int64_t creditor_party_id, int payment_rank, int64_t *id)
{
#define ITEM_INSERT                                                                                \
    "INSERT INTO obligation_item (case_id, content_type, description, amount_vnd, "                \
    "creditor_party_id, payment_rank) VALUES ($1, $2, $3, $4, $5, $6)"
    /* no id wanted: no RETURNING, so a bulk writer need not wait for it (store/pg.c) */
    if (id == NULL)
        return q_exec(db, ITEM_INSERT, "issiIi", case_id, content_type, description, amount_vnd,
                      creditor_party_id, (int64_t)payment_rank);
    return q_insert_id(db, id, ITEM_INSERT, "issiIi", case_id, content_type, description,
                       amount_vnd, creditor_party_id, (int64_t)payment_rank);
#undef ITEM_INSERT
}

/* ---- events ---- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* Hash the event chained after prev. The bytes covered are the compact JSON array
 * [case_id, seq, type, occurred_on, recorded_at, actor|null, document_no|null, payload,
 * state_after] — written into a buffer on the stack (an event is far smaller), so hashing
 * allocates only jansson's values. DB_OK or DB_NOMEM. */
static int event_hash(int64_t case_id, int64_t seq, const char *type, const char *on,
                      int64_t recorded_at, int64_t actor, const char *document_no,
                      const char *payload, const char *state_after, const char *prev,
                      char hash[CHAIN_HASH_HEX])
{
    json_t *a = json_pack("[I, I, s, s, I, o, o, s, s]", (json_int_t)case_id, (json_int_t)seq, type,
                          on, (json_int_t)recorded_at, actor ? json_integer(actor) : json_null(),
                          str_or_null(document_no), payload, state_after);
    char stack[4096], *canon = stack;
    size_t n;

    if (a == NULL)
        return DB_NOMEM;
    n = json_dumpb(a, stack, sizeof stack, JSON_COMPACT);
    if (n >= sizeof stack) { /* a long reason or payload */
        canon = malloc(n + 1);
        if (canon == NULL || json_dumpb(a, canon, n, JSON_COMPACT) != n) {
            free(canon);
            json_decref(a);
            return DB_NOMEM;
        }
    }
    json_decref(a);
    if (n == 0) /* jansson failed (invalid UTF-8 cannot reach here: checked on input) */
        return DB_NOMEM;
    canon[n] = '\0';
    chain_hash(prev, canon, hash);
    if (canon != stack)
        free(canon);
    return DB_OK;
}

int case_event_hash(int64_t case_id, int64_t seq, const char *prev, const case_event_new_t *e,
                    char hash[CHAIN_HASH_HEX])
{
    char on[11];

    civil_date_format(e->occurred_on, on);
    return event_hash(case_id, seq, e->type, on, e->recorded_at, e->actor_user_id, e->document_no,
                      e->payload, e->state_after, prev, hash);
}

int case_events_insert(db_t *db, int64_t case_id, int64_t seq, const char *prev,
                       const case_event_new_t *e, const char *hash)
{
    return q_append(db, "case_event",
                    "case_id, seq, type, occurred_on, recorded_at, actor_user_id, document_no, "
                    "payload, state_after, prev_hash, hash",
                    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11", "iisdiIsssss", case_id, seq,
                    e->type, e->occurred_on, e->recorded_at, e->actor_user_id, e->document_no,
                    e->payload, e->state_after, prev, hash);
}

int case_events_send(db_t *db, int64_t case_id, db_stmt_t **st)
{
    int rc = q_open(db, st,
                    "SELECT e.case_id, e.seq, e.type, e.occurred_on, e.recorded_at, "
                    "e.actor_user_id, e.document_no, e.payload, e.state_after, u.full_name "
                    "FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_user_id "
                    "WHERE e.case_id = $1 ORDER BY e.seq",
                    "i", case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

int case_events_list(db_t *db, int64_t case_id, case_event_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = case_events_send(db, case_id, &st);

    return rc == DB_OK ? case_events_take(st, fn, arg) : rc;
}

int case_events_take(db_stmt_t *st, case_event_fn fn, void *arg)
{
    case_event_row_t e;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        memset(&e, 0, sizeof e);
        e.case_id = db_column_int64(st, 0);
        e.seq = db_column_int64(st, 1);
        q_text(st, 2, e.type, sizeof e.type);
        e.occurred_on = q_date(st, 3);
        e.recorded_at = db_column_int64(st, 4);
        e.actor_user_id = db_column_int64(st, 5);
        q_text(st, 6, e.document_no, sizeof e.document_no);
        q_text(st, 7, e.payload, sizeof e.payload);
        q_text(st, 8, e.state_after, sizeof e.state_after);
        q_text(st, 9, e.actor_name, sizeof e.actor_name);
        if (fn(&e, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

#define VERIFY_PAGE 5000

/* Walk all events in (case_id, seq) order, page by page, recomputing each chain and
 * checking each case row's head against its last event. Memory stays flat. */
int case_events_verify(db_t *db, int64_t *ncases, int64_t *nevents, char *msg, size_t msglen)
{
    int64_t last_case = 0, last_seq = 0, cur_case = 0, expect_seq = 1;
    char prev[CHAIN_HASH_HEX];
    int rc;

    *ncases = *nevents = 0;
    memcpy(prev, chain_genesis, CHAIN_HASH_HEX);
    for (;;) {
        db_stmt_t *st;
        int n = 0;

        rc = q_open(db, &st,
                    "SELECT e.case_id, e.seq, e.type, e.occurred_on, e.recorded_at, "
                    "e.actor_user_id, e.document_no, e.payload, e.state_after, e.prev_hash, "
                    "e.hash, c.event_seq, c.last_hash FROM case_event e JOIN enforcement_case c "
                    "ON c.id = e.case_id WHERE e.case_id > $1 OR (e.case_id = $1 AND e.seq > $2) "
                    "ORDER BY e.case_id, e.seq LIMIT $3",
                    "iii", last_case, last_seq, (int64_t)VERIFY_PAGE);
        if (rc != DB_OK)
            return rc;
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t case_id = db_column_int64(st, 0), seq = db_column_int64(st, 1);
            const char *stored_prev = db_column_text(st, 9), *stored = db_column_text(st, 10);
            const char *head_hash = db_column_text(st, 12);
            char hash[CHAIN_HASH_HEX];

            n++;
            if (case_id != cur_case) {
                cur_case = case_id;
                expect_seq = 1;
                memcpy(prev, chain_genesis, CHAIN_HASH_HEX);
                (*ncases)++;
            }
            if (seq != expect_seq) {
                snprintf(msg, msglen, "case %lld: event %lld is missing", (long long)case_id,
                         (long long)expect_seq);
                db_finalize(st);
                return DB_ERROR;
            }
            if (stored_prev == NULL || strcmp(stored_prev, prev) != 0) {
                snprintf(msg, msglen, "case %lld event %lld: prev_hash does not match event %lld",
                         (long long)case_id, (long long)seq, (long long)(seq - 1));
                db_finalize(st);
                return DB_ERROR;
            }
            if (event_hash(case_id, seq, db_column_text(st, 2) ? db_column_text(st, 2) : "",
                           db_column_text(st, 3) ? db_column_text(st, 3) : "",
                           db_column_int64(st, 4), db_column_int64(st, 5), db_column_text(st, 6),
                           db_column_text(st, 7) ? db_column_text(st, 7) : "",
                           db_column_text(st, 8) ? db_column_text(st, 8) : "", prev,
                           hash) != DB_OK) {
                db_finalize(st);
                return db_fail_nomem(db);
            }
            if (stored == NULL || strcmp(stored, hash) != 0) {
                snprintf(msg, msglen, "case %lld event %lld: contents do not match its hash",
                         (long long)case_id, (long long)seq);
                db_finalize(st);
                return DB_ERROR;
            }
            memcpy(prev, hash, CHAIN_HASH_HEX);
            /* the last event of the case must be the head recorded on the case row */
            if (seq == db_column_int64(st, 11) &&
                (head_hash == NULL || strcmp(head_hash, hash) != 0)) {
                snprintf(msg, msglen, "case %lld: head does not match event %lld",
                         (long long)case_id, (long long)seq);
                db_finalize(st);
                return DB_ERROR;
            }
            expect_seq++;
            (*nevents)++;
            last_case = case_id;
            last_seq = seq;
        }
        db_finalize(st);
        if (rc != DB_DONE)
            return rc;
        if (n < VERIFY_PAGE)
            break;
    }
    /* Events removed from the end of a chain leave the case row ahead of its log. */
    {
        int64_t short_case = 0;
        rc = q_int64(db, &short_case,
                     "SELECT c.id FROM enforcement_case c WHERE c.event_seq <> (SELECT COUNT(*) "
                     "FROM case_event e WHERE e.case_id = c.id) ORDER BY c.id LIMIT 1",
                     "");
        if (rc == DB_ROW) {
            snprintf(msg, msglen, "case %lld: events are missing from the end of its log",
                     (long long)short_case);
            return DB_ERROR;
        }
        if (rc != DB_DONE)
            return rc;
    }
    return DB_OK;
}

/* ---- deadlines ---- */

/* The statements below about one case's deadlines write `+closed_seq IS NULL`: the unary
 * plus keeps the planner on deadline_by_case. Without it SQLite (no statistics unless
 * ANALYZE ran) prefers deadline_open (closed_seq, due_on) for "closed_seq IS NULL" and
 * walks every open deadline of the database: each event cost O(open deadlines), and
 * importing a million cases was quadratic. */

int deadlines_open_of_case(db_t *db, int64_t case_id, deadline_state_fn fn, void *arg)
{
    db_stmt_t *st;
    deadline_state_t d;
    int rc = q_open(db, &st,
                    "SELECT id, rule_id, officer_user_id, opened_seq, trigger_on, due_on, duty, "
                    "money_vnd FROM case_deadline WHERE case_id = $1 AND +closed_seq IS NULL "
                    "ORDER BY id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&d, 0, sizeof d);
        d.id = db_column_int64(st, 0);
        q_text(st, 1, d.rule_id, sizeof d.rule_id);
        d.officer_user_id = db_column_int64(st, 2);
        d.opened_seq = db_column_int64(st, 3);
        d.trigger_on = q_date(st, 4);
        d.due_on = q_date(st, 5);
        d.duty = db_column_int64(st, 6) != 0;
        d.money_vnd = db_column_int64(st, 7);
        d.closed_on = CIVIL_DATE_INVALID;
        if (fn(&d, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int deadlines_insert(db_t *db, int64_t case_id, int64_t unit_id, const deadline_state_t *d)
{
    return q_append(db, "case_deadline",
                    "case_id, unit_id, officer_user_id, rule_id, opened_seq, trigger_on, due_on, "
                    "closed_seq, closed_on, outcome, duty, money_vnd",
                    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12", "iiIsiddIdsiI", case_id,
                    unit_id, d->officer_user_id, d->rule_id, d->opened_seq, d->trigger_on,
                    d->due_on, d->closed_seq, d->closed_on, d->outcome, (int64_t)(d->duty != 0),
                    d->money_vnd);
}

int deadlines_update(db_t *db, const deadline_state_t *d)
{
    return q_exec(db,
                  "UPDATE case_deadline SET officer_user_id = $2, closed_seq = $3, closed_on = $4, "
                  "outcome = $5, money_vnd = $6 WHERE id = $1",
                  "iIIdsI", d->id, d->officer_user_id, d->closed_seq, d->closed_on, d->outcome,
                  d->money_vnd);
}

/* ---- statistics ---- */

/* stat_delta_add's upsert. A sum past int64 is an error on both engines: PostgreSQL
 * raises one; SQLite would make the sum a REAL, so there a sum that is not an integer
 * becomes NULL, which NOT NULL refuses. */
#define STAT_DELTA_INSERT                                                                          \
    "INSERT INTO stat_delta (unit_id, day, category, flags, bucket, cases, amount_vnd) "           \
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id, day, category, flags, bucket) "     \
    "DO UPDATE SET "
#define CASES_SUM  "stat_delta.cases + excluded.cases"
#define AMOUNT_SUM "stat_delta.amount_vnd + excluded.amount_vnd"

int stat_delta_add(db_t *db, int64_t unit_id, civil_date_t day, const char *category, int flags,
                   const char *bucket, int64_t cases, int64_t amount_vnd)
{
    static const char sqlite_sql[] = STAT_DELTA_INSERT
        "cases = CASE WHEN typeof(" CASES_SUM ") = 'integer' THEN " CASES_SUM
        " END, amount_vnd = CASE WHEN typeof(" AMOUNT_SUM ") = 'integer' THEN " AMOUNT_SUM " END";
    static const char pg_sql[] =
        STAT_DELTA_INSERT "cases = " CASES_SUM ", amount_vnd = " AMOUNT_SUM;

    return q_exec(db, db_engine(db) == DB_ENGINE_SQLITE ? sqlite_sql : pg_sql, "idsisii", unit_id,
                  day, category, (int64_t)flags, bucket, cases, amount_vnd);
}

/* On a pipelining connection (PostgreSQL's bulk writer) the rows go by COPY into a
 * temporary table and are added in one statement: 416,000 upserts of a 100,000-case
 * import took 4.7 s on the server, a statement each. Elsewhere each is stat_delta_add. */
int stat_delta_load_begin(db_t *db)
{
    if (!db_pipelined(db))
        return DB_OK;
    return db_exec_script(db, "CREATE TEMP TABLE stat_delta_load (unit_id BIGINT NOT NULL, day "
                              "DATE NOT NULL, category TEXT NOT NULL, flags INTEGER NOT NULL, "
                              "bucket TEXT NOT NULL, cases BIGINT NOT NULL, amount_vnd BIGINT NOT "
                              "NULL)");
}

int stat_delta_load(db_t *db, int64_t unit_id, civil_date_t day, const char *category, int flags,
                    const char *bucket, int64_t cases, int64_t amount_vnd)
{
    if (!db_pipelined(db))
        return stat_delta_add(db, unit_id, day, category, flags, bucket, cases, amount_vnd);
    return q_append(db, "stat_delta_load",
                    "unit_id, day, category, flags, bucket, cases, amount_vnd",
                    "$1, $2, $3, $4, $5, $6, $7", "idsisii", unit_id, day, category, (int64_t)flags,
                    bucket, cases, amount_vnd);
}

#define STAT_DELTA_MERGE                                                                           \
    "INSERT INTO stat_delta (unit_id, day, category, flags, bucket, cases, amount_vnd) SELECT "    \
    "unit_id, day, category, flags, bucket, cases, amount_vnd FROM stat_delta_load ON CONFLICT "   \
    "(unit_id, day, category, flags, bucket) DO UPDATE SET cases = " CASES_SUM                     \
    ", amount_vnd = " AMOUNT_SUM "; DROP TABLE stat_delta_load"

int stat_delta_load_end(db_t *db, int rollup_paused)
{
    if (!db_pipelined(db))
        return DB_OK;
    /* The keys are distinct (a sum each), as one INSERT ... ON CONFLICT needs. While the
     * rollup is paused its row trigger returns at once, yet costs each row 5 us (1.86
     * million rows of a million cases: 18 s); off, it costs nothing. Writers wait for the
     * paused horizon anyway; readers are not held by the lock DISABLE TRIGGER takes. */
    if (rollup_paused)
        return db_exec_script(
            db, "ALTER TABLE stat_delta DISABLE TRIGGER stat_delta_month; " STAT_DELTA_MERGE
                "; ALTER TABLE stat_delta ENABLE TRIGGER "
                "stat_delta_month");
    return db_exec_script(db, STAT_DELTA_MERGE);
}

int cases_set_flags(db_t *db, int64_t case_id, int flags)
{
    return q_exec(db, "UPDATE enforcement_case SET flags = $2 WHERE id = $1", "ii", case_id,
                  (int64_t)flags);
}
