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

int report_case_deltas(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       int since_from, report_filter_t f, int64_t after_case,
                       report_case_delta_fn fn, void *arg)
{
    db_stmt_t *st;
    char bucket[64];
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE " SELECT case_id, bucket, day, cases, amount_vnd FROM "
                                    "stat_case_delta WHERE unit_id IN (SELECT id FROM subtree) AND "
                                    "day <= $2 AND ($3 = 0 OR day >= $4) AND case_id > $5 AND "
                                    "(CAST($6 AS TEXT) IS NULL OR category = $6) AND ($7 = 0 OR "
                                    "(flags & $7) <> 0) ORDER BY case_id, day",
                    "ididisi", unit_id, to, (int64_t)since_from, from, after_case, f.category,
                    (int64_t)f.flag);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 1, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), bucket, q_date(st, 2), db_column_int64(st, 3),
               db_column_int64(st, 4), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
