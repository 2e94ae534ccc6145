/*
 * store/audit.c — appending to and verifying the audit chain.
 */
#include "store/audit.h"
#include "core/text.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_CHAIN "audit"
#define VERIFY_PAGE 10000

static json_t *id_or_null(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

/* The texts of e jansson would refuse: a required one missing, or one not UTF-8. */
static int entry_malformed(const audit_entry_t *e)
{
    const char *const texts[] = {e->username, e->method,      e->route,
                                 e->object,   e->client_addr, e->detail};

    if (e->method == NULL || e->route == NULL || e->client_addr == NULL)
        return 1;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i] != NULL && !text_is_utf8(texts[i]))
            return 1;
    return 0;
}

/* The row as a compact JSON array, the exact bytes the hash covers, into *out (the
 * caller frees): DB_OK; DB_ERROR when a required field (method, route, client_addr) is
 * missing or a text is not UTF-8; DB_NOMEM otherwise. jansson says only that it failed
 * (its error codes do not tell a failed allocation inside from bad input), so a failure
 * is put down to the input when the input is bad, and to memory when it is not: running
 * out of memory is never reported as bad input. */
static int canonical(int64_t id, const audit_entry_t *e, char **out)
{
    json_t *user = id_or_null(e->user_id), *unit = id_or_null(e->unit_id), *a = NULL;

    *out = NULL;
    if (user == NULL || unit == NULL) {
        json_decref(user);
        json_decref(unit);
    } else {
        /* "o" takes the references of user and unit, also when packing fails */
        a = json_pack("[I, I, o, s?, o, s, s, s?, i, s, s?]", (json_int_t)id, (json_int_t)e->at,
                      user, e->username, unit, e->method, e->route, e->object, e->outcome,
                      e->client_addr, e->detail);
    }
    if (a == NULL)
        return entry_malformed(e) ? DB_ERROR : DB_NOMEM;
    *out = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return *out != NULL ? DB_OK : DB_NOMEM;
}

int audit_append(db_t *db, const audit_entry_t *e, int64_t *id_out)
{
    char prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX], *canon;
    int64_t id;
    int rc;

    rc = chain_reserve(db, AUDIT_CHAIN, &id, prev);
    if (rc != DB_OK)
        return rc;
    rc = canonical(id, e, &canon);
    if (rc == DB_NOMEM)
        return db_fail_nomem(db);
    if (rc != DB_OK)
        return db_fail(db, DB_ERROR, "22021",
                       "audit entry: a required field is missing or not UTF-8 text");
    chain_hash(prev, canon, hash);
    free(canon);
    rc = q_exec(db,
                "INSERT INTO audit_log (id, at, user_id, username, unit_id, method, route, "
                "object, outcome, client_addr, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, "
                "$5, $6, $7, $8, $9, $10, $11, $12, $13)",
                "iiIsIsssissss", id, e->at, e->user_id, e->username, e->unit_id, e->method,
                e->route, e->object, (int64_t)e->outcome, e->client_addr, e->detail, prev, hash);
    if (rc == DB_OK)
        rc = chain_advance(db, AUDIT_CHAIN, hash);
    if (rc == DB_OK && id_out)
        *id_out = id;
    return rc;
}

static void read_row(db_stmt_t *st, audit_row_t *r)
{
    r->id = db_column_int64(st, 0);
    r->at = db_column_int64(st, 1);
    r->user_id = db_column_int64(st, 2);
    q_text(st, 3, r->username, sizeof r->username);
    r->unit_id = db_column_int64(st, 4);
    q_text(st, 5, r->method, sizeof r->method);
    q_text(st, 6, r->route, sizeof r->route);
    q_text(st, 7, r->object, sizeof r->object);
    r->outcome = (int)db_column_int64(st, 8);
    q_text(st, 9, r->client_addr, sizeof r->client_addr);
    q_text(st, 10, r->detail, sizeof r->detail);
}

#define AUDIT_COLUMNS                                                                              \
    "id, at, user_id, username, unit_id, method, route, object, outcome, client_addr, detail"

/* Rebuild the entry exactly as it was appended (NULL columns as NULL), as canonical(). */
static int canonical_of_stored(db_stmt_t *st, char **out)
{
    audit_entry_t e = {
        .at = db_column_int64(st, 1),
        .user_id = db_column_int64(st, 2),
        .username = db_column_text(st, 3),
        .unit_id = db_column_int64(st, 4),
        .method = db_column_text(st, 5),
        .route = db_column_text(st, 6),
        .object = db_column_text(st, 7),
        .outcome = (int)db_column_int64(st, 8),
        .client_addr = db_column_text(st, 9),
        .detail = db_column_text(st, 10),
    };
    return canonical(db_column_int64(st, 0), &e, out);
}

/* Verify rows id >= *expect (each page of VERIFY_PAGE keeps memory flat), advancing
 * *expect, *rows and prev. DB_OK when the log's end is reached intact. */
static int verify_rows(db_t *db, int64_t *expect, int64_t *rows, char prev[CHAIN_HASH_HEX],
                       int64_t *bad_id, char *msg, size_t msglen)
{
    char hash[CHAIN_HASH_HEX];
    int rc;

    for (;;) {
        db_stmt_t *st;
        int n = 0;

        rc = q_open(db, &st,
                    "SELECT " AUDIT_COLUMNS ", prev_hash, hash FROM audit_log WHERE id >= $1 "
                    "ORDER BY id LIMIT $2",
                    "ii", *expect, (int64_t)VERIFY_PAGE);
        if (rc != DB_OK)
            return rc;
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t id = db_column_int64(st, 0);
            const char *stored_prev = db_column_text(st, 11), *stored = db_column_text(st, 12);
            char *canon;

            n++;
            if (id != *expect) {
                *bad_id = *expect;
                snprintf(msg, msglen, "audit_log row %lld is missing (next row is %lld)",
                         (long long)*expect, (long long)id);
                db_finalize(st);
                return DB_ERROR;
            }
            if (stored_prev == NULL || strcmp(stored_prev, prev) != 0) {
                *bad_id = id;
                snprintf(msg, msglen,
                         "audit_log row %lld: prev_hash does not match the hash of row %lld",
                         (long long)id, (long long)(id - 1));
                db_finalize(st);
                return DB_ERROR;
            }
            if ((rc = canonical_of_stored(st, &canon)) != DB_OK) {
                if (rc == DB_ERROR) {
                    *bad_id = id;
                    snprintf(msg, msglen,
                             "audit_log row %lld: a required field is missing or not UTF-8 text",
                             (long long)id);
                }
                db_finalize(st);
                return rc;
            }
            chain_hash(prev, canon, hash);
            free(canon);
            if (stored == NULL || strcmp(stored, hash) != 0) {
                *bad_id = id;
                snprintf(msg, msglen, "audit_log row %lld: contents do not match its hash",
                         (long long)id);
                db_finalize(st);
                return DB_ERROR;
            }
            memcpy(prev, hash, CHAIN_HASH_HEX);
            (*expect)++;
            (*rows)++;
        }
        db_finalize(st);
        if (rc != DB_DONE)
            return rc;
        if (n < VERIFY_PAGE)
            return DB_OK;
    }
}

int audit_verify(db_t *db, int64_t *rows, int64_t *bad_id, char *msg, size_t msglen)
{
    char prev[CHAIN_HASH_HEX], head_hash[CHAIN_HASH_HEX];
    int64_t expect = 1, head_seq;
    int rc;

    *rows = 0;
    *bad_id = 0;
    memcpy(prev, chain_genesis, CHAIN_HASH_HEX);
    /* A row and the head move together in one transaction, so after reading every row
     * the head is at least as far as the rows read. Further: rows committed while we
     * read (a live server) — read on. Behind: rows no append ever made — tampering.
     * Bounded, so a server appending faster than we verify cannot keep us here. */
    for (int round = 0; round < 100; round++) {
        int64_t before = *rows;
        if ((rc = verify_rows(db, &expect, rows, prev, bad_id, msg, msglen)) != DB_OK)
            return rc;
        if ((rc = chain_head(db, AUDIT_CHAIN, &head_seq, head_hash)) != DB_OK)
            return rc;
        /* Ahead of the rows: new ones committed meanwhile (read them), unless the last
         * pass found nothing new to read — then rows were removed from the end. */
        if (head_seq > *rows && (round == 0 || *rows > before))
            continue;
        if (head_seq == *rows && strcmp(head_hash, prev) == 0)
            return DB_OK;
        *bad_id = head_seq < *rows ? head_seq + 1 : 0;
        snprintf(msg, msglen,
                 "audit chain head says %lld rows ending in %.12s…, the log has %lld ending in "
                 "%.12s… (rows were %s)",
                 (long long)head_seq, head_hash, (long long)*rows, prev,
                 head_seq < *rows ? "added past the head" : "removed from the end");
        return DB_ERROR;
    }
    snprintf(msg, msglen, "the audit log kept growing while it was checked; try again");
    return DB_BUSY;
}

int audit_list(db_t *db, int64_t root_unit, const char *today, int include_unitless, int64_t before,
               int limit, audit_row_fn fn, void *arg)
{
    db_stmt_t *st;
    audit_row_t row;
    int rc;

    /* the units whose cases the caller sees: closed ones too (their trail is history) */
    rc = q_open_replanned(
        db, &st,
        UNITS_SCOPE_CTE
        "SELECT " AUDIT_COLUMNS " FROM audit_log "
        "WHERE (unit_id IN (SELECT id FROM subtree) OR (unit_id IS NULL AND $3 = 1)) "
        "AND ($4 = 0 OR id < $4) ORDER BY id DESC LIMIT $5",
        "isbii", root_unit, today, include_unitless, before, (int64_t)limit);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&row, 0, sizeof row);
        read_row(st, &row);
        if (fn(&row, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The conditions of an audit_filter_t after UNITS_SCOPE_CTE ($1 root, $2 today), one
 * text for the page and the count. */
#define AUDIT_FILTER_WHERE                                                                         \
    "WHERE (l.unit_id IN (SELECT id FROM subtree) OR (l.unit_id IS NULL AND $3 = 1)) "             \
    "AND (CAST($4 AS BIGINT) = 0 OR l.user_id = $4) AND ($5 = '' OR l.method = $5) "               \
    "AND ($6 = '' OR l.route = $6) AND l.outcome >= $7 AND l.outcome <= $8 "                       \
    "AND (CAST($9 AS BIGINT) = 0 OR l.at >= $9) AND (CAST($10 AS BIGINT) = 0 OR l.at < $10) "      \
    "AND (CAST($11 AS BIGINT) = 0 OR l.id < $11) "

/* What the object is called now: its id follows "case:", "unit:" or "user:". */
#define AUDIT_OBJECT_LABEL                                                                         \
    "CASE WHEN l.object LIKE 'case:%' THEN (SELECT c.case_no FROM enforcement_case c WHERE "       \
    "c.id = CAST(SUBSTR(l.object, 6) AS BIGINT)) WHEN l.object LIKE 'unit:%' THEN (SELECT "        \
    "n.code FROM unit n WHERE n.id = CAST(SUBSTR(l.object, 6) AS BIGINT)) WHEN l.object LIKE "     \
    "'user:%' THEN (SELECT t.full_name || ' (' || t.username || ')' FROM app_user t WHERE t.id = " \
    "CAST(SUBSTR(l.object, 6) AS BIGINT)) END"

int audit_search(db_t *db, const audit_filter_t *f, audit_row_fn fn, void *arg)
{
    db_stmt_t *st;
    audit_row_t row;
    int rc;

    rc = q_open_replanned(
        db, &st,
        UNITS_SCOPE_CTE
        "SELECT l.id, l.at, l.user_id, l.username, l.unit_id, l.method, l.route, l.object, "
        "l.outcome, l.client_addr, l.detail, (SELECT a.full_name FROM app_user a WHERE "
        "a.id = l.user_id), " AUDIT_OBJECT_LABEL " FROM audit_log l " AUDIT_FILTER_WHERE
        "ORDER BY l.id DESC LIMIT $12 OFFSET $13",
        "isbissiiiiiii", f->root_unit, f->today, f->include_unitless, f->user_id,
        f->method ? f->method : "", f->route ? f->route : "", (int64_t)f->outcome_min,
        (int64_t)f->outcome_max, f->from_us, f->to_us, f->before, (int64_t)f->limit, f->offset);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&row, 0, sizeof row);
        read_row(st, &row);
        q_text(st, 11, row.actor_name, sizeof row.actor_name);
        q_text(st, 12, row.object_label, sizeof row.object_label);
        if (fn(&row, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int audit_count(db_t *db, const audit_filter_t *f, int64_t *total)
{
    int rc =
        q_int64(db, total, UNITS_SCOPE_CTE "SELECT COUNT(*) FROM audit_log l " AUDIT_FILTER_WHERE,
                "isbissiiiii", f->root_unit, f->today, f->include_unitless, f->user_id,
                f->method ? f->method : "", f->route ? f->route : "", (int64_t)f->outcome_min,
                (int64_t)f->outcome_max, f->from_us, f->to_us, f->before);
    return rc == DB_ROW ? DB_OK : rc;
}
