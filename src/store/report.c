/*
 * store/report.c — the per-case deltas of store/report.h (the drill-down); the sums of a
 * subtree are in store/report_tree.c.
 */
#include "store/report.h"
#include "core/case_engine.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int stat_case_add(db_t *db, int64_t case_id, int64_t unit_id, civil_date_t day,
                  const char *category, int flags, const char *bucket, int64_t cases,
                  int64_t amount_vnd)
{
    /* one case's sums: its amount at most, far from overflowing */
    return q_exec(db,
                  "INSERT INTO stat_case_delta (case_id, day, bucket, flags, unit_id, category, "
                  "cases, amount_vnd) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT "
                  "(case_id, day, bucket, flags) DO UPDATE SET cases = stat_case_delta.cases + "
                  "excluded.cases, amount_vnd = stat_case_delta.amount_vnd + excluded.amount_vnd",
                  "idsiisii", case_id, day, bucket, (int64_t)flags, unit_id, category, cases,
                  amount_vnd);
}

int stat_case_append(db_t *db, int64_t case_id, int64_t unit_id, civil_date_t day,
                     const char *category, int flags, const char *bucket, int64_t cases,
                     int64_t amount_vnd)
{
    return q_append(db, "stat_case_delta",
                    "case_id, day, bucket, flags, unit_id, category, cases, amount_vnd",
                    "$1, $2, $3, $4, $5, $6, $7, $8", "idsiisii", case_id, day, bucket,
                    (int64_t)flags, unit_id, category, cases, amount_vnd);
}

int stat_case_clear(db_t *db)
{
    return q_exec(db, "DELETE FROM stat_case_delta", "");
}

int stat_case_prune(db_t *db, int64_t case_id)
{
    return q_exec(db,
                  "DELETE FROM stat_case_delta WHERE case_id = $1 AND cases = 0 AND amount_vnd = 0",
                  "i", case_id);
}

int stat_case_rows(db_t *db, int64_t case_id, stat_case_row_fn fn, void *arg)
{
    db_stmt_t *st;
    char bucket[64], category[64];
    int rc = q_open(db, &st,
                    "SELECT unit_id, category, day, bucket, flags, cases, amount_vnd FROM "
                    "stat_case_delta WHERE case_id = $1 ORDER BY day, bucket, flags",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 1, category, sizeof category);
        q_text(st, 3, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), category, q_date(st, 2), bucket, (int)db_column_int64(st, 4),
               db_column_int64(st, 5), db_column_int64(st, 6), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int stat_case_pending(db_t *db, int64_t case_id, int64_t *coercions, int64_t *complaints)
{
    int rc = q_int64(db, coercions,
                     "SELECT COALESCE(SUM(CASE bucket WHEN '" STAT_BUCKET_COERCION_DECIDED
                     "' THEN cases ELSE -cases END), 0) FROM stat_case_delta WHERE case_id = $1 "
                     "AND bucket IN ('" STAT_BUCKET_COERCION_DECIDED
                     "', '" STAT_BUCKET_COERCION_DONE "', '" STAT_BUCKET_COERCION_PAID "')",
                     "i", case_id);

    if (rc == DB_ROW)
        rc = q_int64(db, complaints,
                     "SELECT COALESCE(SUM(CASE bucket WHEN '" STAT_BUCKET_COMPLAINT_RECEIVED
                     "' THEN cases ELSE -cases END), 0) FROM stat_case_delta WHERE case_id = $1 "
                     "AND bucket IN ('" STAT_BUCKET_COMPLAINT_RECEIVED
                     "', '" STAT_BUCKET_COMPLAINT_RESOLVED "')",
                     "i", case_id);
    return rc == DB_ROW ? DB_OK : rc;
}

/* The subtree's unit ids (UNITS_SCOPE_CTE on `to`), sorted. */
static int subtree_ids(db_t *db, int64_t unit_id, civil_date_t to, int64_t **ids, size_t *n)
{
    db_stmt_t *st;
    size_t cap = 0;
    int rc =
        q_open(db, &st, UNITS_SCOPE_CTE " SELECT id FROM subtree ORDER BY id", "id", unit_id, to);

    *ids = NULL, *n = 0;
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            int64_t *t = realloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof *t);
            if (t == NULL) {
                db_finalize(st);
                free(*ids), *ids = NULL;
                return db_fail(db, DB_NOMEM, "53200", "out of memory");
            }
            *ids = t;
        }
        (*ids)[(*n)++] = db_column_int64(st, 0);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return DB_OK;
    free(*ids), *ids = NULL, *n = 0;
    return rc == DB_OK ? DB_ERROR : rc; /* (a step answers a row, done or an error) */
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

/* The drill-down reads cases, not rows: candidates in case order, then each candidate's
 * rows. A unit's candidates come from its index in case order (migration 0030): the
 * cases above the cursor with a row the period takes. */
#define CASE_FILTER(TO, SINCE, FROM, CATEGORY, FLAG)                                               \
    "day <= " TO " AND (" SINCE " = 0 OR day >= " FROM ") AND (CAST(" CATEGORY " AS TEXT) IS "     \
    "NULL OR category = " CATEGORY ") AND (" FLAG " = 0 OR (flags & " FLAG ") <> 0)"
static const char drill_unit[] =
    "SELECT DISTINCT case_id FROM stat_case_delta WHERE unit_id = $1 AND case_id > $2 "
    "AND " CASE_FILTER("$3", "$4", "$5", "$6", "$7") " ORDER BY case_id LIMIT $8";
/* The same for every unit of the JSON array $1 in one statement, rows unit by unit in case
 * order: on PostgreSQL a replanned statement is parsed and planned at each run (0.5 ms),
 * which one a unit paid for every unit of a province, every round. */
static const char drill_units_pg[] =
    "SELECT u.id, c.case_id FROM (" Q_IDS_PG ") AS u(id) CROSS JOIN LATERAL (SELECT DISTINCT "
    "case_id FROM stat_case_delta WHERE unit_id = u.id AND case_id > $2 AND " CASE_FILTER(
        "$3", "$4", "$5", "$6", "$7") " ORDER BY case_id LIMIT $8) c ORDER BY 1, 2";
/* The rows of the candidates of the JSON array $1, case by case: one statement a round,
 * not one a case (a round trip each on PostgreSQL, where a line met by few cases, such as
 * in_progress, reads hundreds of candidates for a page). */
#define DRILL_CASES(IDS)                                                                           \
    "SELECT case_id, unit_id, bucket, day, cases, amount_vnd FROM stat_case_delta WHERE case_id "  \
    "IN (" IDS ") AND " CASE_FILTER("$2", "$3", "$4", "$5", "$6") " ORDER BY case_id, day, "       \
                                                                  "bucket, flags"
static const char *const drill_cases[2] = {DRILL_CASES(Q_IDS_SQLITE), DRILL_CASES(Q_IDS_PG)};

/* Each unit's next `batch` candidates above *cursor, merged: ids[0 .. *n) sorted and
 * distinct, and *upto, the highest id below which no unit can have more (INT64_MAX when
 * every unit has given its last). */
typedef struct {
    int64_t **ids;
    size_t *n, cap;
    int64_t unit, got, last, batch, *upto; /* the unit being read */
} candidates_t;

/* A candidate of unit's; a unit that gave a full batch may have more above its last. */
static int add_candidate(candidates_t *c, int64_t unit, int64_t id)
{
    if (unit != c->unit) {
        if (c->got == c->batch && c->last < *c->upto)
            *c->upto = c->last;
        c->unit = unit, c->got = 0;
    }
    if (*c->n == c->cap) {
        int64_t *t = realloc(*c->ids, (c->cap = c->cap ? c->cap * 2 : 256) * sizeof *t);
        if (t == NULL)
            return -1;
        *c->ids = t;
    }
    (*c->ids)[(*c->n)++] = c->last = id;
    c->got++;
    return 0;
}

/* After the last candidate: the last unit's batch, as add_candidate judges the others. */
static void add_candidate_end(candidates_t *c)
{
    if (c->got == c->batch && c->last < *c->upto)
        *c->upto = c->last;
}

/* Run st (rows: unit, case id; or case id of `unit`) into c: DB_OK or the error. */
static int read_candidates(db_t *db, db_stmt_t *st, int with_unit, int64_t unit, candidates_t *c)
{
    int rc;

    while ((rc = db_step(st)) == DB_ROW)
        if (add_candidate(c, with_unit ? db_column_int64(st, 0) : unit,
                          db_column_int64(st, with_unit)) != 0) {
            db_finalize(st);
            return db_fail(db, DB_NOMEM, "53200", "out of memory");
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int drill_candidates(db_t *db, const int64_t *units, size_t nunits, int64_t cursor,
                            civil_date_t from, civil_date_t to, int since_from, report_filter_t f,
                            int64_t batch, int64_t **ids, size_t *n, int64_t *upto)
{
    candidates_t c = {.ids = ids, .n = n, .batch = batch, .upto = upto, .unit = -1};
    db_stmt_t *st;
    int rc = DB_OK;

    *n = 0, *upto = INT64_MAX;
    if (db_engine(db) == DB_ENGINE_POSTGRES) {
        char *list = q_id_list(units, nunits);
        if (list == NULL)
            return db_fail(db, DB_NOMEM, "53200", "out of memory");
        rc = q_open_replanned(db, &st, drill_units_pg, "sididsii", list, cursor, to,
                              (int64_t)since_from, from, f.category, (int64_t)f.flag, batch);
        free(list);
        if (rc == DB_OK)
            rc = read_candidates(db, st, 1, 0, &c);
    } else {
        for (size_t u = 0; rc == DB_OK && u < nunits; u++) {
            rc = q_open_replanned(db, &st, drill_unit, "iididsii", units[u], cursor, to,
                                  (int64_t)since_from, from, f.category, (int64_t)f.flag, batch);
            if (rc == DB_OK)
                rc = read_candidates(db, st, 0, units[u], &c);
        }
    }
    add_candidate_end(&c);
    if (rc != DB_OK || *n == 0)
        return rc;
    qsort(*ids, *n, sizeof **ids, cmp_id);
    {
        size_t k = 1;
        for (size_t i = 1; i < *n; i++)
            if ((*ids)[i] != (*ids)[k - 1])
                (*ids)[k++] = (*ids)[i];
        *n = k;
    }
    return DB_OK;
}

/* fn for each row the period and f take in the subtree's units of the cases ids (sorted),
 * case by case; *stop = 1 when fn stopped. */
static int drill_case_rows(db_t *db, const int64_t *ids, size_t nids, const int64_t *units,
                           size_t nunits, civil_date_t from, civil_date_t to, int since_from,
                           report_filter_t f, report_case_delta_fn fn, void *arg, int *stop)
{
    char *list = q_id_list(ids, nids);
    db_stmt_t *st;
    int rc;

    if (list == NULL)
        return db_fail(db, DB_NOMEM, "53200", "out of memory");
    rc = q_open_replanned(db, &st, drill_cases[db_engine(db) == DB_ENGINE_POSTGRES], "sdidsi", list,
                          to, (int64_t)since_from, from, f.category, (int64_t)f.flag);
    free(list);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t unit = db_column_int64(st, 1);
        const char *bucket = db_column_text(st, 2);

        if (bsearch(&unit, units, nunits, sizeof *units, cmp_id) == NULL)
            continue; /* a row of the case's time in a unit outside the subtree */
        if (fn(db_column_int64(st, 0), bucket ? bucket : "", q_date(st, 3), db_column_int64(st, 4),
               db_column_int64(st, 5), arg) != 0) {
            *stop = 1;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int report_case_deltas(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       int since_from, report_filter_t f, int64_t after_case,
                       report_case_delta_fn fn, void *arg)
{
    int64_t *units = NULL, *ids = NULL, cursor = after_case, upto, batch = 16;
    size_t nunits = 0, n = 0;
    int stop = 0, rc = subtree_ids(db, unit_id, to, &units, &nunits);

    /* Rounds: every unit's next batch, then the rows of the candidates no unit can still
     * come before, case by case; the batch doubles while the page is not full. */
    while (rc == DB_OK && !stop && nunits > 0) {
        size_t k = 0;
        rc = drill_candidates(db, units, nunits, cursor, from, to, since_from, f, batch, &ids, &n,
                              &upto);
        while (rc == DB_OK && k < n && ids[k] <= upto)
            k++;
        if (k > 0)
            rc =
                drill_case_rows(db, ids, k, units, nunits, from, to, since_from, f, fn, arg, &stop);
        if (n == 0 || upto == INT64_MAX)
            break;
        cursor = upto;
        if (batch < 1024)
            batch *= 2;
    }
    free(units), free(ids);
    return rc;
}
