/*
 * store/units.c — SQL for the organization tree.
 */
#include "store/units.h"
#include "store/q.h"
#include "core/text.h"
#include "store/db_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_COLUMNS                                                                               \
    "u.id, u.code, u.name_vi, u.kind, u.valid_from, u.valid_to, u.successor_id, "                  \
    "(SELECT p.parent_id FROM unit_parent p WHERE p.unit_id = u.id AND p.valid_from <= $2 "        \
    "AND (p.valid_to IS NULL OR p.valid_to >= $2))"

static void read_unit(db_stmt_t *st, unit_row_t *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_column_int64(st, 0);
    q_text(st, 1, u->code, sizeof u->code);
    q_text(st, 2, u->name_vi, sizeof u->name_vi);
    q_text(st, 3, u->kind, sizeof u->kind);
    u->valid_from = q_date(st, 4);
    u->valid_to = q_date(st, 5);
    u->successor_id = db_column_int64(st, 6);
    u->parent_id = db_column_int64(st, 7);
}

static int get_one(db_stmt_t *st, unit_row_t *out)
{
    int rc = db_step(st);

    if (rc == DB_ROW)
        read_unit(st, out);
    db_finalize(st);
    return rc;
}

int units_get(db_t *db, int64_t id, civil_date_t at, unit_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.id = $1", "id", id, at);
    return rc == DB_OK ? get_one(st, out) : rc;
}

int units_get_by_code(db_t *db, const char *code, civil_date_t at, unit_row_t *out)
{
    db_stmt_t *st;
    int rc =
        q_open(db, &st, "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.code = $1", "sd", code, at);
    return rc == DB_OK ? get_one(st, out) : rc;
}

int units_each_code(db_t *db, db_id_text_fn fn, void *arg)
{
    return q_each_id_text(db, "SELECT id, code FROM unit", fn, arg);
}

int units_insert(db_t *db, const unit_row_t *u, int64_t parent_id, int64_t now, int64_t *id)
{
    int rc = q_int64(db, id,
                     "INSERT INTO unit (code, name_vi, kind, valid_from, valid_to, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                     "sssddi", u->code, u->name_vi, u->kind, u->valid_from, u->valid_to, now);

    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    if (parent_id == 0)
        return DB_OK;
    return q_exec(db,
                  "INSERT INTO unit_parent (unit_id, parent_id, valid_from, valid_to) "
                  "VALUES ($1, $2, $3, $4)",
                  "iidd", *id, parent_id, u->valid_from, u->valid_to);
}

int units_open_link_since(db_t *db, int64_t id, civil_date_t *since)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT valid_from FROM unit_parent WHERE unit_id = $1 "
                    "ORDER BY valid_from DESC LIMIT 1",
                    "i", id);

    *since = CIVIL_DATE_INVALID;
    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        *since = q_date(st, 0);
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int units_move(db_t *db, int64_t id, int64_t new_parent, civil_date_t on,
               civil_date_t unit_valid_to)
{
    int rc = q_exec(db,
                    "UPDATE unit_parent SET valid_to = $2 WHERE unit_id = $1 AND valid_from <= $2 "
                    "AND (valid_to IS NULL OR valid_to > $2)",
                    "id", id, (civil_date_t)(on - 1));
    if (rc != DB_OK)
        return rc;
    return q_exec(db,
                  "INSERT INTO unit_parent (unit_id, parent_id, valid_from, valid_to) "
                  "VALUES ($1, $2, $3, $4)",
                  "iidd", id, new_parent, on, unit_valid_to);
}

int units_close(db_t *db, int64_t id, civil_date_t last_day, int64_t successor_id)
{
    int rc = q_exec(db,
                    "UPDATE unit_parent SET valid_to = $2 WHERE unit_id = $1 AND valid_from <= $2 "
                    "AND (valid_to IS NULL OR valid_to > $2)",
                    "id", id, last_day);
    if (rc != DB_OK)
        return rc;
    return q_exec(db, "UPDATE unit SET valid_to = $2, successor_id = $3 WHERE id = $1", "idI", id,
                  last_day, successor_id);
}

int units_rename(db_t *db, int64_t id, const char *name_vi)
{
    return q_exec(db, "UPDATE unit SET name_vi = $2 WHERE id = $1", "is", id, name_vi);
}

int units_event_add(db_t *db, int64_t unit_id, const char *kind, civil_date_t on,
                    const char *detail, int64_t actor_user_id, int64_t now)
{
    return q_exec(db,
                  "INSERT INTO unit_event (unit_id, kind, occurred_on, detail, actor_user_id, "
                  "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
                  "isdsIi", unit_id, kind, on, detail, actor_user_id, now);
}

/* Walk up from unit $3 on day AT: one parent a day (the latest link, should links ever
 * overlap), so this is O(depth). The parent is a scalar subquery, not a join: for a join
 * SQLite 3.40 builds a Bloom filter over every parent link at each step of the walk (36 us
 * a check on a nation's 376 units, against 9). Every request on a case runs this. */
#define UNITS_WITHIN(START, AT) UNITS_WITHIN_FROM(START, AT, "CAST($3 AS BIGINT)")
#define UNITS_WITHIN_FROM(START, AT, UNIT)                                                         \
    UNITS_ROOTS_CTE START ", up(id, depth) AS (SELECT " UNIT ", 0 UNION ALL SELECT "               \
                          "(SELECT p.parent_id FROM unit_parent p WHERE p.unit_id = up.id AND "    \
                          "p.valid_from <= " AT " AND (p.valid_to IS NULL OR p.valid_to >= " AT    \
                          ") ORDER BY p.valid_from DESC LIMIT 1), up.depth + 1 FROM up WHERE "     \
                          "up.id IS NOT NULL AND up.depth < 32) SELECT COUNT(*) FROM up WHERE id " \
                          "IN (SELECT id FROM roots)"

static int is_within(db_t *db, const char *sql, int64_t root, int64_t unit, civil_date_t day,
                     int *yes)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, sql, "idi", root, day, unit);

    *yes = 0;
    if (rc != DB_OK)
        return rc;
    rc = units_within_read(st, yes);
    db_finalize(st);
    return rc;
}

int units_is_within(db_t *db, int64_t root, int64_t unit, civil_date_t at, int *yes)
{
    return is_within(db, UNITS_WITHIN("", "$2"), root, unit, at, yes);
}

/* The unit of case $3 (none: a walk from NULL, inside nothing) */
#define UNITS_OF_CASE "(SELECT unit_id FROM enforcement_case WHERE id = $3)"

int units_case_within_send(db_t *db, int64_t root, int64_t case_id, civil_date_t today,
                           db_stmt_t **st)
{
    int rc = q_open(db, st,
                    UNITS_WITHIN_FROM(", start(at) AS (SELECT " UNITS_SCOPE_DAY
                                      " FROM unit u WHERE u.id = " UNITS_OF_CASE ")",
                                      "(SELECT at FROM start)", UNITS_OF_CASE),
                    "idi", root, today, case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

/* The walk's count of the roots it reached: in scope when there is one. */
int units_within_read(db_stmt_t *st, int *yes)
{
    int rc = db_step(st);

    *yes = rc == DB_ROW && db_column_int64(st, 0) > 0;
    return rc == DB_ROW    ? DB_OK
           : rc == DB_DONE ? db_fail(st->db, DB_ERROR, "XX000", "no count")
                           : rc;
}

/* Inside a transaction nothing is kept (scope_generation). On PostgreSQL every statement
 * is a round trip (about what the walk up costs there), so a check that missed would cost
 * two: the walk alone is cheaper on the whole (bench_serve, a detail 2-4% slower). */
int units_keeps_scopes(const db_t *db)
{
    return !db->in_txn && db_engine(db) == DB_ENGINE_SQLITE;
}

/* A unit's place in a scope this SQLite connection keeps (units_scope_ids): 1 in, 0 out,
 * -1 not kept (nothing is read to keep it: a nation's scope costs 200 walks up). */
static int scope_kept_holds(db_t *db, int64_t root, civil_date_t day, int64_t unit, int *yes);

int units_is_within_now(db_t *db, int64_t root, int64_t unit, civil_date_t today, int *yes)
{
    int rc = scope_kept_holds(db, root, today, unit, yes);

    if (rc != DB_OK || *yes >= 0)
        return rc;
    return is_within(db,
                     UNITS_WITHIN(", start(at) AS (SELECT " UNITS_SCOPE_DAY
                                  " FROM unit u WHERE u.id = $3)",
                                  "(SELECT at FROM start)"),
                     root, unit, today, yes);
}

int units_count_attached(db_t *db, int64_t id, civil_date_t on, int64_t *children, int64_t *users)
{
    int rc = q_int64(db, children,
                     "SELECT COUNT(*) FROM unit_parent WHERE parent_id = $1 AND "
                     "(valid_to IS NULL OR valid_to > $2)",
                     "id", id, on);
    if (rc != DB_ROW)
        return rc;
    rc = q_int64(db, users, "SELECT COUNT(*) FROM app_user WHERE unit_id = $1 AND disabled = 0",
                 "i", id);
    return rc == DB_ROW ? DB_OK : rc;
}

typedef struct {
    unit_row_t u;
    int depth;
} listed_unit_t;

/* Parents before children (depth), then codes as people read them (NA-KV2 before
 * NA-KV10, text_natural_cmp), which SQL cannot say on both engines. */
static int listed_cmp(const void *x, const void *y)
{
    const listed_unit_t *a = x, *b = y;

    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    return text_natural_cmp(a->u.code, b->u.code);
}

int units_list_subtree(db_t *db, int64_t root, civil_date_t at, unit_row_fn fn, void *arg)
{
    listed_unit_t *rows = NULL;
    size_t n = 0, cap = 0;
    db_stmt_t *st;
    int rc;

    /* Only units that exist on `at`: the caller's own unit and its predecessors are
     * roots of the walk whatever their dates, but a unit opened later (or closed
     * before) is not part of that day's tree. Sorted here, so the whole subtree is held
     * at once: a few hundred rows for a province, a few thousand for the nation. */
    rc = q_open(db, &st,
                UNITS_SUBTREE_CTE "SELECT " UNIT_COLUMNS ", s.depth FROM subtree s "
                                  "JOIN unit u ON u.id = s.id WHERE u.valid_from <= $2 AND "
                                  "(u.valid_to IS NULL OR u.valid_to >= $2)",
                "id", root, at);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            listed_unit_t *grown = realloc(rows, ncap * sizeof *rows);
            if (grown == NULL) {
                rc = db_fail_nomem(db);
                break;
            }
            rows = grown;
            cap = ncap;
        }
        read_unit(st, &rows[n].u);
        rows[n++].depth = (int)db_column_int64(st, 8);
    }
    db_finalize(st);
    if (rc == DB_DONE) {
        rc = DB_OK;
        if (n > 1)
            qsort(rows, n, sizeof *rows, listed_cmp);
        for (size_t i = 0; i < n; i++)
            if (fn(&rows[i].u, rows[i].depth, arg) != 0)
                break;
    }
    free(rows);
    return rc;
}

int units_events(db_t *db, int64_t unit_id, unit_event_fn fn, void *arg)
{
    db_stmt_t *st;
    unit_event_row_t e;
    int rc = q_open(db, &st,
                    "SELECT id, kind, occurred_on, detail, actor_user_id, recorded_at "
                    "FROM unit_event WHERE unit_id = $1 ORDER BY occurred_on, id",
                    "i", unit_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&e, 0, sizeof e);
        e.id = db_column_int64(st, 0);
        q_text(st, 1, e.kind, sizeof e.kind);
        e.occurred_on = q_date(st, 2);
        q_text(st, 3, e.detail, sizeof e.detail);
        e.actor_user_id = db_column_int64(st, 4);
        e.recorded_at = db_column_int64(st, 5);
        if (fn(&e, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The scope as UNITS_SCOPE_CTE gives it, sorted, into *ids (malloc'd, NULL if none). */
static int scope_read(db_t *db, int64_t root, civil_date_t day, int64_t **ids, size_t *n)
{
    db_stmt_t *st;
    int rc =
        q_open(db, &st, UNITS_SCOPE_CTE " SELECT id FROM subtree ORDER BY id", "id", root, day);

    *ids = NULL, *n = 0;
    return rc == DB_OK ? q_ids(db, st, ids, n) : rc;
}

/* The slot keeping root's scope on day at generation, or the one to fill (empty, else
 * the least recently asked for) with *found 0. */
static db_scope_slot_t *scope_slot(db_t *db, int64_t generation, int64_t root, civil_date_t day,
                                   int *found)
{
    db_scope_slot_t *victim = &db->scopes[0];

    for (size_t i = 0; i < DB_SCOPE_SLOTS; i++) {
        db_scope_slot_t *s = &db->scopes[i];
        if (s->filled && s->generation == generation && s->root == root && s->day == day) {
            *found = 1;
            return s;
        }
        if (!s->filled ? victim->filled : victim->filled && s->used < victim->used)
            victim = s;
    }
    *found = 0;
    return victim;
}

/* The number the units stand at (-1 inside a transaction: nothing kept), and when all is
 * not NULL the count of the units, which moves only with it, in the same statement. The
 * number is read before any unit, so a scope kept under a number is never older than the
 * units it stands for. */
static int scope_generation(db_t *db, int64_t *generation, int64_t *all)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    all != NULL ? "SELECT COALESCE((SELECT n FROM unit_generation WHERE id = 1), "
                                  "-1), (SELECT COUNT(*) FROM unit)"
                                : "SELECT COALESCE((SELECT n FROM unit_generation WHERE id = 1), "
                                  "-1), 0",
                    "");

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        *generation = db_column_int64(st, 0);
        if (all != NULL)
            *all = db_column_int64(st, 1);
    }
    db_finalize(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? db_fail(db, DB_ERROR, "XX000", "the units' number gave no row") : rc;
    /* Inside a transaction the units may be this transaction's own, which a rollback
     * takes back while the number they reached comes again: nothing is kept. */
    if (db->in_txn)
        *generation = -1;
    return DB_OK;
}

static int scope_kept_holds(db_t *db, int64_t root, civil_date_t day, int64_t unit, int *yes)
{
    int64_t generation = -1;
    db_scope_slot_t *slot;
    int found, rc;

    *yes = -1;
    if (!units_keeps_scopes(db))
        return DB_OK;
    if ((rc = scope_generation(db, &generation, NULL)) != DB_OK)
        return rc;
    slot = scope_slot(db, generation, root, day, &found);
    if (found) {
        slot->used = ++db->scopes_clock;
        *yes = q_ids_hold(slot->ids, slot->n, unit);
    }
    return DB_OK;
}

int units_scope_ids(db_t *db, int64_t root, civil_date_t day, units_scope_t *out)
{
    int64_t generation = -1, *read = NULL;
    db_scope_slot_t *slot;
    size_t nread = 0;
    int found, rc;

    memset(out, 0, sizeof *out);
    if ((rc = scope_generation(db, &generation, &out->all)) != DB_OK)
        return rc;
    slot = scope_slot(db, generation, root, day, &found);
    if (!found) {
        if ((rc = scope_read(db, root, day, &read, &nread)) != DB_OK)
            return rc;
        if (generation < 0) {
            out->ids = read, out->n = nread;
            return DB_OK;
        }
        free(slot->ids); /* the evicted scope's */
        slot->filled = 1, slot->generation = generation, slot->root = root, slot->day = day;
        slot->ids = read, slot->n = nread;
    }
    slot->used = ++db->scopes_clock;
    if (slot->n > 0) {
        if ((out->ids = malloc(slot->n * sizeof *out->ids)) == NULL)
            return db_fail_nomem(db);
        memcpy(out->ids, slot->ids, slot->n * sizeof *out->ids);
        out->n = slot->n;
    }
    return DB_OK;
}
