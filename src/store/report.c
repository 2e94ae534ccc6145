/*
 * store/report.c — the per-case deltas of store/report.h (the drill-down); the sums of a
 * subtree are in store/report_tree.c.
 */
#include "store/report.h"
#include "core/case_engine.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/stat_month.h"
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

/* Both sums over the case's rows in one statement: every detail and every event reads
 * them, and on PostgreSQL a statement is a round trip. */
int stat_case_pending_send(db_t *db, int64_t case_id, db_stmt_t **st)
{
    int rc = q_open(db, st,
                    "SELECT COALESCE(SUM(CASE bucket WHEN '" STAT_BUCKET_COERCION_DECIDED
                    "' THEN cases WHEN '" STAT_BUCKET_COERCION_DONE
                    "' THEN -cases WHEN '" STAT_BUCKET_COERCION_PAID
                    "' THEN -cases ELSE 0 END), 0), COALESCE(SUM(CASE bucket WHEN "
                    "'" STAT_BUCKET_COMPLAINT_RECEIVED
                    "' THEN cases WHEN '" STAT_BUCKET_COMPLAINT_RESOLVED
                    "' THEN -cases ELSE 0 END), 0) FROM stat_case_delta WHERE case_id = $1 AND "
                    "bucket IN ('" STAT_BUCKET_COERCION_DECIDED "', '" STAT_BUCKET_COERCION_DONE
                    "', '" STAT_BUCKET_COERCION_PAID "', '" STAT_BUCKET_COMPLAINT_RECEIVED
                    "', '" STAT_BUCKET_COMPLAINT_RESOLVED "')",
                    "i", case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

int stat_case_pending_read(db_stmt_t *st, int64_t *coercions, int64_t *complaints)
{
    int rc = db_step(st);

    if (rc == DB_ROW)
        *coercions = db_column_int64(st, 0), *complaints = db_column_int64(st, 1);
    return rc == DB_ROW    ? DB_OK
           : rc == DB_DONE ? db_fail(st->db, DB_ERROR, "XX000", "no sums")
                           : rc;
}

int stat_case_pending(db_t *db, int64_t case_id, int64_t *coercions, int64_t *complaints)
{
    db_stmt_t *st;
    int rc = stat_case_pending_send(db, case_id, &st);

    if (rc != DB_OK)
        return rc;
    rc = stat_case_pending_read(st, coercions, complaints);
    db_finalize(st);
    return rc;
}

/* The drill-down reads cases, not rows: candidates in case order, then each candidate's
 * rows. Candidates come in streams, each in case order, merged: a unit's cases with a row
 * the period takes (migration 0030), or for a flow line, whose rows are the period's, a
 * unit's cases with a row in one month of it (0033). Over the unit's index a flow read
 * every case the unit had before the period too. */
/* The rows the period and the flag take; CATEGORY, the category's condition if any. On
 * SQLite a stream's statement comes in two: without a category, the filter reads only
 * what the index holds (its key and the table's), so the rows are not looked up. */
#define STREAM_FILTER(TO, SINCE, FROM, CATEGORY, FLAG)                                             \
    "day <= " TO " AND (" SINCE " = 0 OR day >= " FROM ") AND (" FLAG " = 0 OR (flags & " FLAG     \
    ") <> 0)" CATEGORY
#define STREAM_CATEGORY(P) " AND category = " P
/* The same with the category optional ($n NULL: any), for one statement of both. */
#define CASE_FILTER(TO, SINCE, FROM, CATEGORY, FLAG)                                               \
    STREAM_FILTER(TO, SINCE, FROM,                                                                 \
                  " AND (CAST(" CATEGORY " AS TEXT) IS NULL OR category = " CATEGORY ")", FLAG)
#define DRILL_UNIT(CATEGORY)                                                                       \
    "SELECT DISTINCT case_id FROM stat_case_delta WHERE unit_id = $1 AND case_id > $2 "            \
    "AND " STREAM_FILTER("$3", "$4", "$5", CATEGORY, "$6") " ORDER BY case_id LIMIT $7"
static const char *const drill_unit[2] = {DRILL_UNIT(""), DRILL_UNIT(STREAM_CATEGORY("$8"))};
/* The same for every unit of the JSON array $1 in one statement, rows unit by unit in case
 * order: on PostgreSQL a replanned statement is parsed and planned at each run (0.5 ms),
 * which one a unit paid for every unit of a province, every round. */
static const char drill_units_pg[] =
    "SELECT u.id, 0, c.case_id FROM (" Q_IDS_PG ") AS u(id) CROSS JOIN LATERAL (SELECT DISTINCT "
    "case_id FROM stat_case_delta WHERE unit_id = u.id AND case_id > $2 AND " CASE_FILTER(
        "$3", "$4", "$5", "$6", "$7") " ORDER BY case_id LIMIT $8) c ORDER BY 1, 3";
#define DRILL_MONTH(CATEGORY)                                                                      \
    "SELECT DISTINCT case_id FROM stat_case_delta WHERE unit_id = $1 AND " STAT_MONTH_SQLITE       \
    " = $2 AND case_id > $3 AND " STREAM_FILTER("$4", "$5", "$6", CATEGORY,                        \
                                                "$7") " ORDER BY case_id LIMIT $8"
static const char *const drill_month[2] = {DRILL_MONTH(""), DRILL_MONTH(STREAM_CATEGORY("$9"))};
static const char drill_months_pg[] =
    "SELECT u.id, m.n, c.case_id FROM (" Q_IDS_PG ") AS u(id) CROSS JOIN generate_series("
    "CAST($2 AS INTEGER), CAST($3 AS INTEGER)) AS m(n) CROSS JOIN LATERAL (SELECT DISTINCT case_id "
    "FROM stat_case_delta WHERE unit_id = u.id AND " STAT_MONTH_PG " = m.n AND case_id > $4 "
    "AND " CASE_FILTER("$5", "$6", "$7", "$8", "$9") " ORDER BY case_id LIMIT $10) c ORDER BY 1, "
                                                     "2, 3";
/* A flow line reads a stream a unit and month only while they are at most this many
 * (or the period is one month, as many streams as units): each stream costs an index
 * descent a round. A province's year is 31 × 12 = 372; the nation's year at a million
 * cases, 726 × 12 = 8,712 (PostgreSQL: 1.2 s a round, where its units' streams, reading
 * the cases before the period too, took 0.46 s). */
#define DRILL_MONTH_STREAMS_MAX 1024

/* The rows of the candidates of the JSON array $1, case by case: one statement a round,
 * not one a case (a round trip each on PostgreSQL, where a line met by few cases, such as
 * in_progress, reads hundreds of candidates for a page). */
#define DRILL_CASES(IDS)                                                                           \
    "SELECT case_id, unit_id, bucket, day, cases, amount_vnd FROM stat_case_delta WHERE case_id "  \
    "IN (" IDS ") AND " CASE_FILTER("$2", "$3", "$4", "$5", "$6") " ORDER BY case_id, day, "       \
                                                                  "bucket, flags"
static const char *const drill_cases[2] = {DRILL_CASES(Q_IDS_SQLITE), DRILL_CASES(Q_IDS_PG)};

/* What a drill-down reads: the subtree's units and, for a flow line of a short period, its
 * months (nmonths 0: a stream a unit). */
typedef struct {
    const int64_t *units;
    size_t nunits;
    int64_t month0, nmonths;
    civil_date_t from, to;
    int since_from;
    report_filter_t f;
    int64_t *ends; /* per stream: its last candidate once it gave less than its batch */
} drill_t;

static size_t drill_streams(const drill_t *d)
{
    return d->nunits * (size_t)(d->nmonths > 0 ? d->nmonths : 1);
}

/* Each stream's next `batch` candidates above the cursor, merged: ids[0 .. *n) sorted and
 * distinct, and *upto, the highest id below which no stream can have more (INT64_MAX when
 * every stream has given its last). */
typedef struct {
    int64_t **ids;
    size_t *n, cap;
    int64_t unit, month, got, last, batch, *upto; /* the stream being read */
} candidates_t;

/* A candidate of a stream's; a stream that gave a full batch may have more above its last. */
static int add_candidate(candidates_t *c, int64_t unit, int64_t month, int64_t id)
{
    if (unit != c->unit || month != c->month) {
        if (c->got == c->batch && c->last < *c->upto)
            *c->upto = c->last;
        c->unit = unit, c->month = month, c->got = 0;
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

/* After the last candidate: the last stream's batch, as add_candidate judges the others. */
static void add_candidate_end(candidates_t *c)
{
    if (c->got == c->batch && c->last < *c->upto)
        *c->upto = c->last;
}

/* Run st into c: rows of (unit, month, case id), or of case ids of one stream's. DB_OK or
 * the error. */
static int read_candidates(db_t *db, db_stmt_t *st, int keyed, int64_t unit, int64_t month,
                           candidates_t *c)
{
    int rc;

    while ((rc = db_step(st)) == DB_ROW)
        if (add_candidate(c, keyed ? db_column_int64(st, 0) : unit,
                          keyed ? db_column_int64(st, 1) : month,
                          db_column_int64(st, keyed ? 2 : 0)) != 0) {
            db_finalize(st);
            return db_fail_nomem(db);
        }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* Every stream's candidates in one statement (PostgreSQL). */
static int drill_candidates_pg(db_t *db, const drill_t *d, int64_t cursor, candidates_t *c)
{
    char *list = q_id_list(d->units, d->nunits);
    db_stmt_t *st;
    int rc;

    if (list == NULL)
        return db_fail_nomem(db);
    if (d->nmonths > 0)
        rc = q_open_replanned(db, &st, drill_months_pg, "siiididsii", list, d->month0,
                              d->month0 + d->nmonths - 1, cursor, d->to, (int64_t)d->since_from,
                              d->from, d->f.category, (int64_t)d->f.flag, c->batch);
    else
        rc = q_open_replanned(db, &st, drill_units_pg, "sididsii", list, cursor, d->to,
                              (int64_t)d->since_from, d->from, d->f.category, (int64_t)d->f.flag,
                              c->batch);
    free(list);
    return rc == DB_OK ? read_candidates(db, st, 1, 0, 0, c) : rc;
}

/* A statement a stream, but none for a stream that has given its last (SQLite, where a
 * statement costs no round trip). */
static int drill_candidates_each(db_t *db, const drill_t *d, int64_t cursor, candidates_t *c)
{
    int64_t nmonths = d->nmonths > 0 ? d->nmonths : 1;
    int category = d->f.category != NULL, rc = DB_OK;

    for (size_t s = 0; rc == DB_OK && s < drill_streams(d); s++) {
        int64_t unit = d->units[s / (size_t)nmonths], month = d->month0 + (int64_t)s % nmonths;
        size_t before = *c->n;
        db_stmt_t *st;

        if (d->ends[s] <= cursor)
            continue;
        if (d->nmonths > 0)
            rc = q_open_replanned(db, &st, drill_month[category],
                                  category ? "iiididiis" : "iiididii", unit, month, cursor, d->to,
                                  (int64_t)d->since_from, d->from, (int64_t)d->f.flag, c->batch,
                                  d->f.category);
        else
            rc = q_open_replanned(db, &st, drill_unit[category], category ? "iididiis" : "iididii",
                                  unit, cursor, d->to, (int64_t)d->since_from, d->from,
                                  (int64_t)d->f.flag, c->batch, d->f.category);
        if (rc == DB_OK)
            rc = read_candidates(db, st, 0, unit, month, c);
        if (rc == DB_OK && (int64_t)(*c->n - before) < c->batch)
            d->ends[s] = *c->n > before ? (*c->ids)[*c->n - 1] : cursor;
    }
    return rc;
}

static int drill_candidates(db_t *db, const drill_t *d, int64_t cursor, int64_t batch,
                            int64_t **ids, size_t *n, int64_t *upto)
{
    candidates_t c = {.ids = ids, .n = n, .batch = batch, .upto = upto, .unit = -1};
    int rc;

    *n = 0, *upto = INT64_MAX;
    rc = db_engine(db) == DB_ENGINE_POSTGRES ? drill_candidates_pg(db, d, cursor, &c)
                                             : drill_candidates_each(db, d, cursor, &c);
    add_candidate_end(&c);
    if (rc != DB_OK || *n == 0)
        return rc;
    q_ids_sort(*ids, *n);
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
static int drill_case_rows(db_t *db, const drill_t *d, const int64_t *ids, size_t nids,
                           report_case_delta_fn fn, void *arg, int *stop)
{
    char *list = q_id_list(ids, nids);
    db_stmt_t *st;
    int rc;

    if (list == NULL)
        return db_fail_nomem(db);
    rc =
        q_open_replanned(db, &st, drill_cases[db_engine(db) == DB_ENGINE_POSTGRES], "sdidsi", list,
                         d->to, (int64_t)d->since_from, d->from, d->f.category, (int64_t)d->f.flag);
    free(list);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t unit = db_column_int64(st, 1);
        const char *bucket = db_column_text(st, 2);

        if (!q_ids_hold(d->units, d->nunits, unit))
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
    drill_t d = {.from = from, .to = to, .since_from = since_from, .f = f};
    int64_t *ids = NULL, cursor = after_case, upto, batch = 16;
    units_scope_t scope;
    size_t n = 0;
    int stop = 0, rc = units_scope_ids(db, unit_id, to, &scope);

    d.units = scope.ids, d.nunits = scope.n;
    if (since_from && from <= to) {
        int64_t months = civil_date_month_number(to) - civil_date_month_number(from) + 1;
        if (months == 1 || (uint64_t)months * d.nunits <= DRILL_MONTH_STREAMS_MAX)
            d.month0 = civil_date_month_number(from), d.nmonths = months;
    }
    if (rc == DB_OK && d.nunits > 0 &&
        (d.ends = malloc(drill_streams(&d) * sizeof *d.ends)) == NULL)
        rc = db_fail_nomem(db);
    for (size_t s = 0; d.ends != NULL && s < drill_streams(&d); s++)
        d.ends[s] = INT64_MAX;
    /* Rounds: every stream's next batch, then the rows of the candidates no stream can
     * still come before, case by case; the batch doubles while the page is not full. */
    while (rc == DB_OK && !stop && d.ends != NULL) { /* (none without units) */
        size_t k = 0;
        rc = drill_candidates(db, &d, cursor, batch, &ids, &n, &upto);
        while (rc == DB_OK && k < n && ids[k] <= upto)
            k++;
        if (k > 0)
            rc = drill_case_rows(db, &d, ids, k, fn, arg, &stop);
        if (n == 0 || upto == INT64_MAX)
            break;
        cursor = upto;
        if (batch < 1024)
            batch *= 2;
    }
    free(scope.ids), free(ids), free(d.ends);
    return rc;
}

/* ---- the plans of the drill-down, for tests ---- */

static const struct {
    const char *name, *sql, *types;
    int engine;
} drill_statements[] = {
    {"a unit's candidates", DRILL_UNIT(""), "iididii", DB_ENGINE_SQLITE},
    {"a unit's candidates of a category", DRILL_UNIT(STREAM_CATEGORY("$8")), "iididiis",
     DB_ENGINE_SQLITE},
    {"a unit's candidates of a month", DRILL_MONTH(""), "iiididii", DB_ENGINE_SQLITE},
    {"a unit's candidates of a month and category", DRILL_MONTH(STREAM_CATEGORY("$9")), "iiididiis",
     DB_ENGINE_SQLITE},
    {"the candidates' rows", DRILL_CASES(Q_IDS_SQLITE), "sdidsi", DB_ENGINE_SQLITE},
    {"the units' candidates", drill_units_pg, "sididsii", DB_ENGINE_POSTGRES},
    {"the units' candidates by month", drill_months_pg, "siiididsii", DB_ENGINE_POSTGRES},
    {"the candidates' rows", DRILL_CASES(Q_IDS_PG), "sdidsi", DB_ENGINE_POSTGRES},
};

int report_drill_explain(db_t *db, civil_date_t day, db_plan_fn fn, void *arg)
{
    int rc = DB_OK;

    for (size_t i = 0; rc == DB_OK && i < sizeof drill_statements / sizeof drill_statements[0]; i++)
        if (drill_statements[i].engine == (int)db_engine(db))
            rc = q_explain(db, drill_statements[i].name, drill_statements[i].sql,
                           drill_statements[i].types, "[1]", day, fn, arg);
    return rc;
}
