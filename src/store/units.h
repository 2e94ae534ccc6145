/*
 * store/units.h — the organization tree: units, their parent over time, and their
 * dated history. Rules (what may move where) are the caller's: api/unit_ops.c.
 */
#ifndef THADS_STORE_UNITS_H
#define THADS_STORE_UNITS_H

#include "core/civil_date.h"
#include "core/unit.h"
#include "store/db.h"

#include <stdint.h>

/* CTEs naming roots(id, depth) — the unit $1 and its predecessors, the units whose
 * successor chain leads to it (a reorganization hands a unit's files and history to its
 * successor, THADS.md 1.1) — and subtree(id, depth): those roots that exist on date $2
 * ('YYYY-MM-DD'), or $1 itself, and every unit below them on that date, following
 * parent links valid that day. Depths are capped (8 successions, 32 levels), far beyond
 * the real tree, so a cycle in corrupted data cannot make a query run forever. */
#define UNITS_ROOTS_CTE                                                                            \
    "WITH RECURSIVE roots(id, depth) AS (SELECT CAST($1 AS BIGINT), 0 UNION ALL "                  \
    "SELECT u.id, r.depth + 1 FROM unit u JOIN roots r ON u.successor_id = r.id "                  \
    "WHERE r.depth < 8)"
#define UNITS_SUBTREE_CTE                                                                          \
    UNITS_ROOTS_CTE ", subtree(id, depth) AS (SELECT r.id, 0 FROM roots r JOIN unit u "            \
                    "ON u.id = r.id WHERE r.depth = 0 OR (u.valid_from <= $2 AND "                 \
                    "(u.valid_to IS NULL OR u.valid_to >= $2)) UNION ALL "                         \
                    "SELECT p.unit_id, s.depth + 1 FROM unit_parent p JOIN subtree s ON "          \
                    "p.parent_id = s.id WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR "      \
                    "p.valid_to >= $2) AND s.depth < 32) "

/* The scope day of unit u (the alias) for today $2, as core/unit.h unit_scope_date: today;
 * its last day once closed; its first day before it opens. */
#define UNITS_SCOPE_DAY                                                                            \
    "CASE WHEN u.valid_to IS NOT NULL AND u.valid_to < $2 THEN u.valid_to WHEN u.valid_from > $2 " \
    "THEN u.valid_from ELSE $2 END"

/* A CTE naming subtree(id): the units whose cases the caller (unit $1) may see on day $2
 * — exactly what GET /api/cases/{id} lets through (api_scope_unit_now): each unit is judged where
 * it stood on its scope day (today; its last day once closed; its first day before it
 * opens, core/unit.h unit_scope_date), walking up its parents of that day, and it is in
 * scope if the walk reaches the caller's unit or one of its predecessors (UNITS_ROOTS_CTE).
 * So the regional office that succeeded a district office finds the district's old
 * cases, and a unit closed last year stays visible to those above it (UNITS_SUBTREE_CTE,
 * which follows today's links down, would lose it: it has none today). The walk starts
 * only from the units below a root through a link of any day (below, each unit once, so
 * a cycle ends it too): every unit in scope is among them, and an office's scope walks
 * its own few units, not the nation's (bench_lists: an office's page of cases 1.04 ms
 * before, of which the walk from all 376 units 1 ms; 0.09 ms after). O(units below x
 * depth). */
#define UNITS_SCOPE_CTE                                                                            \
    UNITS_ROOTS_CTE ", below(id) AS (SELECT id FROM roots UNION SELECT p.unit_id FROM "            \
                    "unit_parent p JOIN below b ON p.parent_id = b.id), "                          \
                    "up(unit_id, id, at, depth) AS (SELECT u.id, u.id, " UNITS_SCOPE_DAY           \
                    ", 0 FROM unit u WHERE u.id IN (SELECT id FROM below) UNION ALL "              \
                    "SELECT up.unit_id, p.parent_id, up.at, up.depth + 1 FROM unit_parent p "      \
                    "JOIN up ON p.unit_id = up.id WHERE p.valid_from <= up.at AND "                \
                    "(p.valid_to IS NULL OR p.valid_to >= up.at) AND up.depth < 32), "             \
                    "subtree(id) AS (SELECT DISTINCT unit_id FROM up WHERE id IN "                 \
                    "(SELECT id FROM roots))"

typedef struct {
    int64_t id;
    char code[UNIT_CODE_MAX + 1];
    char name_vi[UNIT_NAME_MAX * 4 + 1];
    char kind[24];
    civil_date_t valid_from, valid_to; /* valid_to: CIVIL_DATE_INVALID while open */
    int64_t successor_id;              /* 0: none */
    int64_t parent_id;                 /* at the date asked for; 0: none (a root) */
} unit_row_t;

/* Fetch by id or code, with the parent valid at `at`. DB_ROW found, DB_DONE not. */
int units_get(db_t *db, int64_t id, civil_date_t at, unit_row_t *out);
int units_get_by_code(db_t *db, const char *code, civil_date_t at, unit_row_t *out);

/* Every unit's (id, code), in no particular order: what an importer looks codes up in. */
int units_each_code(db_t *db, db_id_text_fn fn, void *arg);

/* Insert a unit and, when parent_id != 0, its first parent link from valid_from.
 * DB_CONSTRAINT (SQLSTATE 23505) when the code exists. */
int units_insert(db_t *db, const unit_row_t *u, int64_t parent_id, int64_t now, int64_t *id);
/* End the parent link current on `on` the day before, and link the unit to new_parent
 * from `on` until unit_valid_to (CIVIL_DATE_INVALID: open-ended). */
int units_move(db_t *db, int64_t id, int64_t new_parent, civil_date_t on,
               civil_date_t unit_valid_to);
/* The start of the unit's latest parent link (CIVIL_DATE_INVALID if none). */
int units_open_link_since(db_t *db, int64_t id, civil_date_t *since);
/* Close: valid_to = last_day (earlier than a planned end is fine), end the parent
 * link that runs past it, record the successor. */
int units_close(db_t *db, int64_t id, civil_date_t last_day, int64_t successor_id);
int units_rename(db_t *db, int64_t id, const char *name_vi);
/* Append to the unit's dated history. detail is JSON text. */
int units_event_add(db_t *db, int64_t unit_id, const char *kind, civil_date_t on,
                    const char *detail, int64_t actor_user_id, int64_t now);

/* Is unit inside the subtree of root (or of one of root's predecessors) on date at?
 * (*yes = 1 also when unit == root) */
int units_is_within(db_t *db, int64_t root, int64_t unit, civil_date_t at, int *yes);
/* The same on unit's own scope day for today (UNITS_SCOPE_DAY, core/unit.h
 * unit_scope_date): what a request about a unit's record asks. On SQLite a binary search
 * when the connection keeps root's scope for today (units_scope_ids: a leader who has read
 * a list); else, and always on PostgreSQL (where each statement is a round trip), a walk
 * up from unit. A unit that does not exist is inside nothing. */
int units_is_within_now(db_t *db, int64_t root, int64_t unit, civil_date_t today, int *yes);
/* The walk of units_is_within_now from the unit of case case_id, sent (db_send) and then
 * read (the caller finalizes st): for cases_get_within_now, which reads the case meanwhile. */
int units_case_within_send(db_t *db, int64_t root, int64_t case_id, civil_date_t today,
                           db_stmt_t **st);
int units_within_read(db_stmt_t *st, int *yes);
/* Does units_is_within_now look for a kept scope on this connection before it walks? (SQLite,
 * outside a transaction.) Elsewhere the walk can go with other reads (db_send). */
int units_keeps_scopes(const db_t *db);
/* The units whose cases a user of root may open on day (UNITS_SCOPE_CTE), and how many
 * units there are in all (what share of them the scope holds: store/case_lists.c). */
typedef struct {
    int64_t *ids; /* sorted; malloc'd (free it), NULL when n is 0 */
    size_t n;
    int64_t all;
} units_scope_t;
/* Each connection keeps the last few scopes it was asked for, outside a transaction, for
 * as long as no unit or parent link changes (migration 0036): a nation's scope walks 376
 * units (about 2 ms), a kept one costs one statement, which also counts the units. DB_OK
 * or the store error (out->ids NULL). */
int units_scope_ids(db_t *db, int64_t root, civil_date_t day, units_scope_t *out);
/* Count units still attached to id after day `on` (a parent link open or ending later),
 * and users not disabled in id. */
int units_count_attached(db_t *db, int64_t id, civil_date_t on, int64_t *children, int64_t *users);

typedef int (*unit_row_fn)(const unit_row_t *u, int depth, void *arg);
/* Every unit in root's subtree on date at, parents before children, with depth. */
int units_list_subtree(db_t *db, int64_t root, civil_date_t at, unit_row_fn fn, void *arg);

typedef struct {
    int64_t id, actor_user_id, recorded_at;
    char kind[16];
    civil_date_t occurred_on;
    char detail[1024];
} unit_event_row_t;
typedef int (*unit_event_fn)(const unit_event_row_t *e, void *arg);
int units_events(db_t *db, int64_t unit_id, unit_event_fn fn, void *arg);

#endif
